#include "scenario_lexer.h"
#include "bytebuf.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void x4r_lex_init(x4r_lexer *lx, const char *file, const char *src, char *err, size_t errlen)
{
    memset(lx, 0, sizeof *lx);
    lx->file = file;
    lx->src = src;
    lx->line = lx->col = 1;
    lx->err = err;
    lx->errlen = errlen;
    if (errlen)
        err[0] = '\0';
}

void x4r_lex_free(x4r_lexer *lx)
{
    for (unsigned i = 0; i < lx->n_arena; i++)
        free(lx->arena[i]);
    free(lx->arena);
    for (unsigned i = 0; i < lx->n_vars; i++) {
        free(lx->vars[i].name);
        free(lx->vars[i].value);
    }
    free(lx->vars);
}

void x4r_lex_error(x4r_lexer *lx, x4r_loc loc, const char *fmt, ...)
{
    if (lx->failed)
        return;
    lx->failed = true;
    int n = snprintf(lx->err, lx->errlen, "%s:%u:%u: ", loc.file, loc.line, loc.col);
    if (n < 0 || (size_t)n >= lx->errlen)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(lx->err + n, lx->errlen - (size_t)n, fmt, ap);
    va_end(ap);
}

void x4r_lex_set_var(x4r_lexer *lx, const char *name, const char *value)
{
    for (unsigned i = 0; i < lx->n_vars; i++) {
        if (strcmp(lx->vars[i].name, name) == 0) {
            free(lx->vars[i].value);
            lx->vars[i].value = x4r_xstrdup(value);
            return;
        }
    }
    lx->vars = x4r_xrealloc(lx->vars, (lx->n_vars + 1) * sizeof *lx->vars);
    lx->vars[lx->n_vars].name = x4r_xstrdup(name);
    lx->vars[lx->n_vars].value = x4r_xstrdup(value);
    lx->n_vars++;
}

const char *x4r_lex_get_var(const x4r_lexer *lx, const char *name)
{
    for (unsigned i = 0; i < lx->n_vars; i++)
        if (strcmp(lx->vars[i].name, name) == 0)
            return lx->vars[i].value;
    return NULL;
}

static char *keep(x4r_lexer *lx, x4r_buf *b)
{
    x4r_buf_u8(b, 0);
    if (lx->n_arena == lx->cap_arena) {
        lx->cap_arena = lx->cap_arena ? lx->cap_arena * 2 : 64;
        lx->arena = x4r_xrealloc(lx->arena, lx->cap_arena * sizeof *lx->arena);
    }
    lx->arena[lx->n_arena++] = (char *)b->p;
    return (char *)b->p;
}

static int cur(const x4r_lexer *lx) { return (unsigned char)lx->src[lx->pos]; }

static void advance(x4r_lexer *lx)
{
    if (lx->src[lx->pos] == '\n') {
        lx->line++;
        lx->col = 1;
    } else {
        lx->col++;
    }
    lx->pos++;
}

static bool is_word_char(int c)
{
    return isalnum(c) || (c && strchr("_.-:/+<>@*%=;[]", c) != NULL);
}

static x4r_loc here(const x4r_lexer *lx)
{
    x4r_loc l = { lx->file, lx->line, lx->col };
    return l;
}

static x4r_token lex_string(x4r_lexer *lx)
{
    x4r_token t = { X4R_TK_STRING, NULL, here(lx) };
    x4r_buf b = { 0 };
    advance(lx); /* opening quote */
    for (;;) {
        int c = cur(lx);
        if (c == '\0' || c == '\n') {
            x4r_lex_error(lx, t.loc, "unterminated string (a \" is missing before the end of the line)");
            x4r_buf_free(&b);
            t.kind = X4R_TK_EOF;
            return t;
        }
        advance(lx);
        if (c == '"')
            break;
        if (c == '\\') {
            int e = cur(lx);
            if (e != '"' && e != '\\') {
                x4r_loc l = here(lx);
                x4r_lex_error(lx, l, "unknown escape \\%c in string (only \\\" and \\\\)", e ? e : ' ');
                x4r_buf_free(&b);
                t.kind = X4R_TK_EOF;
                return t;
            }
            advance(lx);
            c = e;
        }
        x4r_buf_u8(&b, (uint8_t)c);
    }
    t.text = keep(lx, &b);
    return t;
}

static x4r_token lex_var(x4r_lexer *lx)
{
    x4r_token t = { X4R_TK_WORD, NULL, here(lx) };
    x4r_buf name = { 0 };
    advance(lx); /* $ */
    bool braced = cur(lx) == '{';
    if (braced)
        advance(lx);
    while (isalnum(cur(lx)) || cur(lx) == '_' || cur(lx) == '-') {
        x4r_buf_u8(&name, (uint8_t)cur(lx));
        advance(lx);
    }
    x4r_buf_u8(&name, 0);
    if (braced) {
        if (cur(lx) != '}') {
            x4r_lex_error(lx, t.loc, "missing } after ${%s", (char *)name.p);
            x4r_buf_free(&name);
            t.kind = X4R_TK_EOF;
            return t;
        }
        advance(lx);
    }
    if (!name.p[0]) {
        x4r_lex_error(lx, t.loc, "$ must be followed by a variable name");
        x4r_buf_free(&name);
        t.kind = X4R_TK_EOF;
        return t;
    }
    const char *v = x4r_lex_get_var(lx, (char *)name.p);
    if (!v) {
        x4r_lex_error(lx, t.loc, "unknown variable $%s (define it with: default %s VALUE)",
                      (char *)name.p, (char *)name.p);
        x4r_buf_free(&name);
        t.kind = X4R_TK_EOF;
        return t;
    }
    x4r_buf_free(&name);
    x4r_buf b = { 0 };
    x4r_buf_put(&b, v, strlen(v));
    t.text = keep(lx, &b);
    return t;
}

static x4r_token lex_one(x4r_lexer *lx)
{
    for (;;) {
        int c = cur(lx);
        if (c == ' ' || c == '\t' || c == '\r') {
            advance(lx);
        } else if (c == '\\' && lx->src[lx->pos + 1] == '\n') {
            advance(lx); /* line continuation */
            advance(lx);
        } else if (c == '#') {
            while (cur(lx) && cur(lx) != '\n')
                advance(lx);
        } else {
            break;
        }
    }
    x4r_token t = { X4R_TK_EOF, NULL, here(lx) };
    int c = cur(lx);
    if (lx->failed || c == '\0')
        return t;
    if (c == '\n') {
        advance(lx);
        t.kind = X4R_TK_NL;
        t.text = "end of line";
        return t;
    }
    if (c == ',') {
        advance(lx);
        t.kind = X4R_TK_COMMA;
        t.text = ",";
        return t;
    }
    if (c == '"')
        return lex_string(lx);
    if (c == '$')
        return lex_var(lx);
    if (!is_word_char(c)) {
        x4r_lex_error(lx, t.loc, "unexpected character '%c'", isprint(c) ? c : '?');
        return t;
    }
    x4r_buf b = { 0 };
    while (is_word_char(cur(lx))) {
        x4r_buf_u8(&b, (uint8_t)cur(lx));
        advance(lx);
    }
    if (b.len == 1 && b.p[0] == '+' && cur(lx) == '$') {
        /* "+$var": a relative time taken from a variable */
        x4r_token v = lex_var(lx);
        if (v.kind == X4R_TK_EOF) {
            x4r_buf_free(&b);
            return v;
        }
        x4r_buf_put(&b, v.text, strlen(v.text));
    }
    t.kind = X4R_TK_WORD;
    t.text = keep(lx, &b);
    return t;
}

x4r_token x4r_lex_next(x4r_lexer *lx)
{
    if (lx->has_peek) {
        lx->has_peek = false;
        return lx->peeked;
    }
    return lex_one(lx);
}

x4r_token x4r_lex_peek(x4r_lexer *lx)
{
    if (!lx->has_peek) {
        lx->peeked = lex_one(lx);
        lx->has_peek = true;
    }
    return lx->peeked;
}
