/* Tokens of the scenario language: words, quoted strings, commas and line
 * ends, each with its file:line:column.  `$name` and `${name}` expand to a
 * variable's value (one token, located where the reference is). */
#ifndef X4R_SCENARIO_LEXER_H
#define X4R_SCENARIO_LEXER_H

#include "scenario.h"

typedef enum { X4R_TK_EOF, X4R_TK_NL, X4R_TK_WORD, X4R_TK_STRING, X4R_TK_COMMA } x4r_tok_kind;

typedef struct {
    x4r_tok_kind kind;
    char *text;          /* owned by the lexer's token arena */
    x4r_loc loc;
} x4r_token;

typedef struct {
    char *name, *value;
} x4r_var;

typedef struct {
    const char *file, *src;
    size_t pos;
    unsigned line, col;
    x4r_var *vars;
    unsigned n_vars;
    char **arena;        /* token texts, freed with the lexer */
    unsigned n_arena, cap_arena;
    x4r_token peeked;
    bool has_peek;
    char *err;
    size_t errlen;
    bool failed;
} x4r_lexer;

void x4r_lex_init(x4r_lexer *lx, const char *file, const char *src, char *err, size_t errlen);
void x4r_lex_free(x4r_lexer *lx);
/* Next token (X4R_TK_EOF after an error; check lx->failed). */
x4r_token x4r_lex_next(x4r_lexer *lx);
x4r_token x4r_lex_peek(x4r_lexer *lx);
/* Records the first error at loc (printf-style). */
void x4r_lex_error(x4r_lexer *lx, x4r_loc loc, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Defines or overrides a variable. */
void x4r_lex_set_var(x4r_lexer *lx, const char *name, const char *value);
const char *x4r_lex_get_var(const x4r_lexer *lx, const char *name);

#endif
