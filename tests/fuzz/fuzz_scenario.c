/* The scenario language: the lexer alone over the whole text, then the
 * parser (with the input's #!set lines as --set).  Every error must be
 * located (file:line:column: message); a parsed scenario must be
 * internally consistent, since the timeline indexes its tables with it. */
#include "fuzz_input.h"
#include "fuzz_text.h"
#include "scenario_lexer.h"
#include "verbs.h"

#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FILE_NAME "fuzz.x4s"

static void lex_all(const char *text)
{
    char err[512];
    x4r_lexer lx;
    x4r_lex_init(&lx, FILE_NAME, text, err, sizeof err);
    x4r_lex_set_var(&lx, "v", "value");
    for (;;) {
        x4r_token t = x4r_lex_next(&lx);
        X4F_CHECK(t.loc.line >= 1 && t.loc.col >= 1);
        if (t.kind == X4R_TK_EOF)
            break;
        X4F_CHECK(t.text != NULL);
    }
    X4F_CHECK(!lx.failed || x4f_located(err, FILE_NAME));
    x4r_lex_free(&lx);
}

static void check_stmts(const x4r_scenario *sc, const x4r_stmt *list, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        const x4r_stmt *st = &list[i];
        X4F_CHECK(st->runs >= 1 && st->runs <= X4R_MAX_RUN_STATEMENTS);
        if (st->kind == X4R_ST_REPEAT) {
            X4F_CHECK(st->times >= 1 && st->n_body >= 1);
            check_stmts(sc, st->body, st->n_body);
            continue;
        }
        X4F_CHECK(st->conn >= 0 && (unsigned)st->conn < sc->n_conns);
        for (unsigned k = 0; k < st->n_calls; k++) {
            const x4r_call *c = &st->calls[k];
            X4F_CHECK(c->verb >= 0 && (unsigned)c->verb < x4r_n_verbs);
            X4F_CHECK(c->id < sc->n_calls);
            if (st->kind == X4R_ST_CONNECT) {
                X4F_CHECK(c->p.from_host >= 0 && (unsigned)c->p.from_host < sc->n_hosts);
                X4F_CHECK(c->p.to_host >= 0 && (unsigned)c->p.to_host < sc->n_hosts);
            }
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    x4f_scenario_input in;
    if (!x4f_scenario_input_read(data, size, &in))
        return 0;
    lex_all(in.text);
    char err[1024];
    x4r_scenario *sc = x4r_scenario_parse(FILE_NAME, in.text, in.sets, in.n_sets, err, sizeof err);
    if (!sc) {
        X4F_CHECK(x4f_located(err, FILE_NAME));
    } else {
        X4F_CHECK(sc->name && sc->kb && sc->description && sc->n_stmts > 0);
        X4F_CHECK(sc->runs >= sc->n_stmts && sc->runs <= X4R_MAX_RUN_STATEMENTS);
        check_stmts(sc, sc->stmts, sc->n_stmts);
    }
    x4r_scenario_free(sc);
    x4f_scenario_input_free(&in);
    return 0;
}
