/* The scenario parser: one statement or directive per line (the language is
 * docs/scenario-language.md).  Errors stop at the first one, reported as
 * file:line:column: message. */
#include "scenario.h"
#include "scenario_lexer.h"
#include "bytebuf.h"
#include "mtsid.h"
#include "verbs.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define X4R_DEFAULT_EPOCH_S 1767603600ull /* 2026-01-05 09:00:00 UTC */

typedef struct {
    x4r_lexer lx;
    x4r_scenario *sc;
    x4r_setting *settings;
    unsigned n_settings;
    unsigned depth;
} parser;

#define FAIL(ps, loc, ...) (x4r_lex_error(&(ps)->lx, (loc), __VA_ARGS__), false)

/* ---- small value parsers ------------------------------------------------- */

static bool parse_uint(const char *s, unsigned long max, unsigned long *out)
{
    if (!isdigit((unsigned char)s[0]))
        return false;
    errno = 0;
    char *end;
    unsigned long v = strtoul(s, &end, 0);
    if (errno || *end || v > max)
        return false;
    *out = v;
    return true;
}

/* "250ms", "1.5s", "30s", "2min", "1h", "100us" -> microseconds. */
static bool parse_duration(const char *s, uint64_t *us)
{
    static const struct { const char *unit; double mult; } units[] = {
        { "us", 1 }, { "ms", 1e3 }, { "s", 1e6 }, { "min", 60e6 }, { "h", 3600e6 },
    };
    if (!isdigit((unsigned char)s[0]))
        return false;
    char *end;
    double v = strtod(s, &end);
    for (unsigned i = 0; i < sizeof units / sizeof units[0]; i++) {
        if (strcmp(end, units[i].unit) == 0) {
            double r = v * units[i].mult;
            if (r < 0 || r > 1e15)
                return false;
            *us = (uint64_t)(r + 0.5);
            return true;
        }
    }
    return false;
}

static bool is_value(x4r_token t) { return t.kind == X4R_TK_WORD || t.kind == X4R_TK_STRING; }

static const char *describe(x4r_token t)
{
    switch (t.kind) {
    case X4R_TK_EOF: return "end of file";
    case X4R_TK_NL: return "end of line";
    case X4R_TK_COMMA: return "','";
    default: return t.text;
    }
}

static bool expect_value(parser *ps, const char *what, x4r_token *out)
{
    *out = x4r_lex_next(&ps->lx);
    if (ps->lx.failed)
        return false;
    if (!is_value(*out))
        return FAIL(ps, out->loc, "expected %s, found %s", what, describe(*out));
    return true;
}

static bool expect_eol(parser *ps)
{
    x4r_token t = x4r_lex_next(&ps->lx);
    if (ps->lx.failed)
        return false;
    if (t.kind != X4R_TK_NL && t.kind != X4R_TK_EOF)
        return FAIL(ps, t.loc, "unexpected '%s' (expected the end of the line)", describe(t));
    return true;
}

static bool expect_word(parser *ps, const char *word)
{
    x4r_token t = x4r_lex_next(&ps->lx);
    if (ps->lx.failed)
        return false;
    if (t.kind != X4R_TK_WORD || strcmp(t.text, word) != 0)
        return FAIL(ps, t.loc, "expected '%s', found %s", word, describe(t));
    return true;
}

static bool parse_dur_tok(parser *ps, x4r_token t, uint64_t *us)
{
    if (!parse_duration(t.text, us))
        return FAIL(ps, t.loc, "'%s' is not a duration (write e.g. 250ms, 1.5s, 30s, 2min)", t.text);
    return true;
}

static int find_host(const x4r_scenario *sc, const char *name)
{
    for (unsigned i = 0; i < sc->n_hosts; i++)
        if (strcmp(sc->hosts[i].name, name) == 0)
            return (int)i;
    return -1;
}

static int find_conn(const x4r_scenario *sc, const char *name)
{
    for (unsigned i = 0; i < sc->n_conns; i++)
        if (strcmp(sc->conn_names[i], name) == 0)
            return (int)i;
    return -1;
}

static bool valid_name(const char *s)
{
    if (!isalpha((unsigned char)s[0]))
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '-' && *s != '_')
            return false;
    return true;
}

static void list_push(char ***list, unsigned *n, const char *s)
{
    *list = x4r_xrealloc(*list, (*n + 1) * sizeof **list);
    (*list)[(*n)++] = x4r_xstrdup(s);
}

/* ---- parameters ---------------------------------------------------------- */

static bool param_endpoint(parser *ps, x4r_token v, int *host, unsigned *port)
{
    char name[128];
    snprintf(name, sizeof name, "%s", v.text);
    char *colon = strrchr(name, ':');
    if (colon) {
        unsigned long pv;
        if (!parse_uint(colon + 1, 65535, &pv) || pv == 0)
            return FAIL(ps, v.loc, "'%s' is not a port number (1..65535)", colon + 1);
        *colon = '\0';
        *port = (unsigned)pv;
    }
    *host = find_host(ps->sc, name);
    if (*host < 0)
        return FAIL(ps, v.loc, "unknown host '%s' (declare it first: host %s ADDRESS)", name, name);
    return true;
}

static bool param_value(parser *ps, const x4r_verb *verb, const x4r_param_def *d,
                        x4r_token key, x4r_params *p)
{
    char *base = (char *)p;
    if (d->type == X4R_PT_FLAG) {
        *(bool *)(base + d->off) = true;
        return true;
    }
    x4r_token v;
    if (!expect_value(ps, "a value", &v))
        return false;
    unsigned long n;
    uint32_t code;
    switch (d->type) {
    case X4R_PT_STR:
        if (strlen(v.text) < d->min || strlen(v.text) > d->max)
            return FAIL(ps, v.loc, "%s must be %lu to %lu characters long", key.text, d->min, d->max);
        free(*(char **)(base + d->off));
        *(char **)(base + d->off) = x4r_xstrdup(v.text);
        return true;
    case X4R_PT_UINT:
    case X4R_PT_SIZE:
        if (!parse_uint(v.text, d->max, &n) || n < d->min)
            return FAIL(ps, v.loc, "%s must be a number from %lu to %lu, not '%s'",
                        key.text, d->min, d->max, v.text);
        if (d->type == X4R_PT_SIZE)
            *(size_t *)(base + d->off) = n;
        else
            *(unsigned *)(base + d->off) = (unsigned)n;
        return true;
    case X4R_PT_DUR:
        return parse_dur_tok(ps, v, (uint64_t *)(base + d->off));
    case X4R_PT_ENDPOINT:
        return param_endpoint(ps, v, (int *)(base + d->off), (unsigned *)(base + d->off2));
    case X4R_PT_ENUM:
    case X4R_PT_REASON: {
        const x4_code_name *names = d->type == X4R_PT_ENUM ? d->names : verb->reasons;
        if (x4_code_find(names, v.text, &code)) {
            *(int *)(base + d->off) = (int)code;
            return true;
        }
        if (d->type == X4R_PT_REASON && parse_uint(v.text, 255, &n)) {
            *(int *)(base + d->off) = (int)n;
            return true;
        }
        char choices[512] = "";
        for (const x4_code_name *c = names; c && c->name; c++) {
            strncat(choices, c->name, sizeof choices - strlen(choices) - 1);
            strncat(choices, c[1].name ? ", " : "", sizeof choices - strlen(choices) - 1);
        }
        return FAIL(ps, v.loc, "unknown %s '%s' for %s (one of: %s%s)", key.text, v.text,
                    verb->name, choices, d->type == X4R_PT_REASON ? "; or a number" : "");
    }
    case X4R_PT_FLAG:
        break;
    }
    return true;
}

static bool check_call(parser *ps, const x4r_verb *verb, x4r_call *c)
{
    x4r_params *p = &c->p;
    if (verb->kind == X4R_VK_CONNECT) {
        if (!X4R_GIVEN(p, X4R_P_FROM) || !X4R_GIVEN(p, X4R_P_TO))
            return FAIL(ps, c->loc, "connect needs 'from HOST' and 'to HOST[:PORT]'");
        if (p->refused && p->unanswered)
            return FAIL(ps, c->loc, "a connect is either refused or unanswered, not both");
        if (ps->sc->hosts[p->from_host].addr.v6 != ps->sc->hosts[p->to_host].addr.v6)
            return FAIL(ps, c->loc, "hosts '%s' and '%s' are not both IPv4 or both IPv6",
                        ps->sc->hosts[p->from_host].name, ps->sc->hosts[p->to_host].name);
        ps->sc->hosts[p->from_host].initiates = true;
    }
    if (X4R_GIVEN(p, X4R_P_HEX) && !x4r_hex_valid(p->hex))
        return FAIL(ps, c->loc, "hex must be pairs of hex digits (e.g. 3080...0000), not '%.40s'", p->hex);
    if (X4R_GIVEN(p, X4R_P_HEX) && X4R_GIVEN(p, X4R_P_SIZE))
        return FAIL(ps, c->loc, "%s takes size or hex, not both", verb->name);
    if (X4R_GIVEN(p, X4R_P_TPDU_SIZE) && (p->tpdu_size & (p->tpdu_size - 1)))
        return FAIL(ps, c->loc, "tpdu-size %u is not a power of two (128..8192)", p->tpdu_size);
    if (strcmp(verb->name, "transfer") == 0 || strcmp(verb->name, "transfer-data") == 0) {
        x4_mtsid m;
        if (!X4R_GIVEN(p, X4R_P_MTSID))
            return FAIL(ps, c->loc, "%s needs 'mtsid \"C=..;A=..;[P=..;]L=..\"'", verb->name);
        if (!x4_mtsid_parse(p->mtsid, &m))
            return FAIL(ps, c->loc, "mtsid '%s' is not C=<country>;A=<admd>;[P=<prmd>;]L=<local-id>",
                        p->mtsid);
    }
    return true;
}

static bool parse_call(parser *ps, x4r_token vt, x4r_call *c, bool allow_connect)
{
    x4r_params_defaults(&c->p);
    c->loc = vt.loc;
    c->id = ps->sc->n_calls++;
    c->verb = x4r_verb_find(vt.text);
    if (c->verb < 0 || (!allow_connect && x4r_verbs[c->verb].kind == X4R_VK_CONNECT)) {
        char names[1024] = "";
        for (unsigned i = 1; i < x4r_n_verbs; i++) {
            strncat(names, x4r_verbs[i].name, sizeof names - strlen(names) - 1);
            strncat(names, i + 1 < x4r_n_verbs ? ", " : "", sizeof names - strlen(names) - 1);
        }
        return FAIL(ps, vt.loc, "unknown action '%s' (one of: %s)", vt.text, names);
    }
    const x4r_verb *verb = &x4r_verbs[c->verb];
    if (ps->sc->mode && verb->kind == X4R_VK_CONNECT)
        c->p.mode = ps->sc->mode;
    for (;;) {
        x4r_token k = x4r_lex_peek(&ps->lx);
        if (ps->lx.failed)
            return false;
        if (k.kind == X4R_TK_NL || k.kind == X4R_TK_EOF)
            break;
        if (k.kind == X4R_TK_WORD && strcmp(k.text, "and") == 0)
            break;
        x4r_lex_next(&ps->lx);
        if (k.kind != X4R_TK_WORD)
            return FAIL(ps, k.loc, "expected a parameter name of %s, found %s", verb->name, describe(k));
        int id = x4r_param_find(k.text);
        if (id < 0 || !x4r_verb_accepts(verb, k.text))
            return FAIL(ps, k.loc, "%s takes no parameter '%s'%s%s%s", verb->name, k.text,
                        verb->params[0] ? " (it takes: " : "", verb->params,
                        verb->params[0] ? ")" : "");
        if (X4R_GIVEN(&c->p, id))
            return FAIL(ps, k.loc, "parameter '%s' given twice", k.text);
        if (!param_value(ps, verb, &x4r_params_defs[id], k, &c->p))
            return false;
        c->p.given |= (uint64_t)1 << id;
    }
    return check_call(ps, verb, c);
}

/* ---- statements ---------------------------------------------------------- */

static x4r_stmt *push_stmt(x4r_stmt **list, unsigned *n)
{
    *list = x4r_xrealloc(*list, (*n + 1) * sizeof **list);
    x4r_stmt *s = &(*list)[(*n)++];
    memset(s, 0, sizeof *s);
    return s;
}

static bool parse_block(parser *ps, x4r_stmt **list, unsigned *n, bool in_repeat, x4r_loc open);

static bool parse_connect(parser *ps, x4r_stmt *st, x4r_token kw)
{
    x4r_token name;
    if (!expect_value(ps, "a connection name", &name))
        return false;
    if (!valid_name(name.text) || x4r_verb_find(name.text) >= 0 || find_host(ps->sc, name.text) >= 0)
        return FAIL(ps, name.loc, "'%s' cannot name a connection (letters, digits, - and _; not a host or action name)",
                    name.text);
    int slot = find_conn(ps->sc, name.text);
    if (slot < 0) {
        list_push(&ps->sc->conn_names, &ps->sc->n_conns, name.text);
        slot = (int)ps->sc->n_conns - 1;
    }
    st->kind = X4R_ST_CONNECT;
    st->conn = slot;
    st->calls = x4r_xcalloc(1, sizeof *st->calls);
    st->n_calls = 1;
    return parse_call(ps, kw, &st->calls[0], true);
}

static bool parse_send(parser *ps, x4r_stmt *st)
{
    uint64_t bytes = 0;
    st->kind = X4R_ST_SEND;
    for (;;) {
        x4r_token v;
        if (!expect_value(ps, "an action (e.g. tp0-cr, transfer, fin)", &v))
            return false;
        st->calls = x4r_xrealloc(st->calls, (st->n_calls + 1) * sizeof *st->calls);
        x4r_call *c = &st->calls[st->n_calls++];
        memset(c, 0, sizeof *c);
        if (!parse_call(ps, v, c, false))
            return false;
        bytes += c->p.size + (c->p.hex ? strlen(c->p.hex) / 2 : 0);
        if (bytes > X4R_MAX_STATEMENT_BYTES)
            return FAIL(ps, v.loc, "this statement sends %llu content octets; one statement sends at most %u (put the PDUs on several lines)",
                        (unsigned long long)bytes, X4R_MAX_STATEMENT_BYTES);
        if (st->n_calls > 1 && x4r_verbs[c->verb].kind != X4R_VK_OSI)
            return FAIL(ps, v.loc, "'and' joins PDUs only; %s is a TCP action and needs its own line",
                        x4r_verbs[c->verb].name);
        x4r_token t = x4r_lex_peek(&ps->lx);
        if (t.kind != X4R_TK_WORD || strcmp(t.text, "and") != 0)
            return true;
        if (x4r_verbs[st->calls[0].verb].kind != X4R_VK_OSI)
            return FAIL(ps, t.loc, "'and' joins PDUs only; %s is a TCP action",
                        x4r_verbs[st->calls[0].verb].name);
        x4r_lex_next(&ps->lx);
    }
}

static bool parse_conn_stmt(parser *ps, x4r_stmt *st, x4r_token name)
{
    st->conn = find_conn(ps->sc, name.text);
    if (st->conn < 0)
        return FAIL(ps, name.loc, "unknown connection or statement '%s' (open it first: connect %s from HOST to HOST)",
                    name.text, name.text);
    x4r_token op;
    if (!expect_value(ps, "'->', '<-', 'outage' or 'restore'", &op))
        return false;
    if (strcmp(op.text, "->") == 0 || strcmp(op.text, "<-") == 0) {
        st->dir = op.text[0] == '<' ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
        return parse_send(ps, st);
    }
    if (strcmp(op.text, "outage") == 0 || strcmp(op.text, "restore") == 0) {
        st->kind = op.text[0] == 'o' ? X4R_ST_OUTAGE : X4R_ST_RESTORE;
        return true;
    }
    return FAIL(ps, op.loc, "expected '->' (initiator sends), '<-' (responder sends), 'outage' or 'restore' after %s, found %s",
                name.text, describe(op));
}

static bool parse_repeat(parser *ps, x4r_stmt *st, x4r_token kw)
{
    x4r_token n, every;
    unsigned long times;
    if (!expect_value(ps, "a count", &n))
        return false;
    if (!parse_uint(n.text, 100000, &times) || times == 0)
        return FAIL(ps, n.loc, "repeat count must be 1..100000, not '%s'", n.text);
    if (!expect_word(ps, "times") || !expect_word(ps, "every") || !expect_value(ps, "an interval", &every))
        return false;
    st->kind = X4R_ST_REPEAT;
    st->times = (unsigned)times;
    if (!parse_dur_tok(ps, every, &st->every_us) || !expect_eol(ps))
        return false;
    if (++ps->depth > 8)
        return FAIL(ps, kw.loc, "repeat blocks nest deeper than 8");
    bool ok = parse_block(ps, &st->body, &st->n_body, true, kw.loc);
    ps->depth--;
    if (!ok)
        return false;
    uint64_t body = 0;
    for (unsigned i = 0; i < st->n_body; i++)
        body += st->body[i].runs;
    st->runs = body * st->times;   /* at most 1e7 x 1e5 x statements: no overflow */
    if (st->runs > X4R_MAX_RUN_STATEMENTS)
        return FAIL(ps, kw.loc, "repeat %u times of %llu statements runs %llu; a scenario runs at most %u statements (x400replay write --repeat N writes copies)",
                    st->times, (unsigned long long)body, (unsigned long long)st->runs,
                    X4R_MAX_RUN_STATEMENTS);
    return true;
}

static bool parse_statement(parser *ps, x4r_stmt **list, unsigned *n, x4r_token t)
{
    x4r_when_kind when = X4R_WHEN_PACE;
    uint64_t when_us = 0;
    x4r_loc loc = t.loc;
    if (t.kind == X4R_TK_WORD && strcmp(t.text, "at") == 0) {
        x4r_token v;
        if (!expect_value(ps, "a time", &v) || !parse_dur_tok(ps, v, &when_us))
            return false;
        when = X4R_WHEN_AT;
        if (!expect_value(ps, "a statement", &t))
            return false;
    } else if (t.kind == X4R_TK_WORD && t.text[0] == '+') {
        x4r_token d = t;
        d.text++;
        if (!parse_dur_tok(ps, d, &when_us))
            return false;
        when = X4R_WHEN_AFTER;
        if (!expect_value(ps, "a statement", &t))
            return false;
    }
    x4r_stmt *st = push_stmt(list, n);
    st->loc = loc;
    st->when = when;
    st->when_us = when_us;
    st->runs = 1;
    bool ok;
    if (strcmp(t.text, "connect") == 0)
        ok = parse_connect(ps, st, t);
    else if (strcmp(t.text, "repeat") == 0)
        return parse_repeat(ps, st, t);
    else
        ok = parse_conn_stmt(ps, st, t);
    return ok && expect_eol(ps);
}

/* ---- directives ---------------------------------------------------------- */

static bool parse_list(parser *ps, char ***list, unsigned *n, const char *const *allowed, const char *what)
{
    for (;;) {
        x4r_token v;
        if (!expect_value(ps, what, &v))
            return false;
        if (strcmp(v.text, "none") == 0 && *n == 0)
            return expect_eol(ps);
        bool ok = allowed == NULL;
        for (const char *const *a = allowed; a && *a; a++)
            ok = ok || strcmp(*a, v.text) == 0;
        if (!ok) {
            char names[512] = "";
            for (const char *const *a = allowed; *a; a++) {
                strncat(names, *a, sizeof names - strlen(names) - 1);
                strncat(names, a[1] ? ", " : "", sizeof names - strlen(names) - 1);
            }
            return FAIL(ps, v.loc, "unknown %s '%s' (one of: %s; or none)", what, v.text, names);
        }
        list_push(list, n, v.text);
        x4r_token t = x4r_lex_next(&ps->lx);
        if (t.kind == X4R_TK_NL || t.kind == X4R_TK_EOF)
            return !ps->lx.failed;
        if (t.kind != X4R_TK_COMMA)
            return FAIL(ps, t.loc, "expected ',' or the end of the line, found %s", describe(t));
    }
}

static bool set_text(parser *ps, x4r_token kw, char **field, const char *what)
{
    x4r_token v;
    if (*field)
        return FAIL(ps, kw.loc, "'%s' is given twice", kw.text);
    if (!expect_value(ps, what, &v))
        return false;
    *field = x4r_xstrdup(v.text);
    return expect_eol(ps);
}

static bool parse_host(parser *ps)
{
    x4r_token name, addr;
    if (!expect_value(ps, "a host name", &name) || !expect_value(ps, "an IPv4 or IPv6 address", &addr))
        return false;
    if (!valid_name(name.text) || x4r_verb_find(name.text) >= 0)
        return FAIL(ps, name.loc, "'%s' cannot name a host (letters, digits, - and _)", name.text);
    if (find_host(ps->sc, name.text) >= 0)
        return FAIL(ps, name.loc, "host '%s' is already declared", name.text);
    x4r_host_def h = { 0 };
    if (!x4r_addr_parse(&h.addr, addr.text))
        return FAIL(ps, addr.loc, "'%s' is not an IPv4 or IPv6 address", addr.text);
    x4r_token t = x4r_lex_peek(&ps->lx);
    if (t.kind == X4R_TK_WORD && strcmp(t.text, "mac") == 0) {
        x4r_lex_next(&ps->lx);
        x4r_token m;
        if (!expect_value(ps, "a MAC address", &m))
            return false;
        unsigned b[6];
        char extra;
        if (sscanf(m.text, "%2x:%2x:%2x:%2x:%2x:%2x%c", &b[0], &b[1], &b[2], &b[3], &b[4], &b[5], &extra) != 6)
            return FAIL(ps, m.loc, "'%s' is not a MAC address (aa:bb:cc:dd:ee:ff)", m.text);
        for (int i = 0; i < 6; i++)
            h.addr.mac[i] = (uint8_t)b[i];
        h.mac_given = true;
    }
    h.name = x4r_xstrdup(name.text);
    h.loc = name.loc;
    x4r_scenario *sc = ps->sc;
    sc->hosts = x4r_xrealloc(sc->hosts, (sc->n_hosts + 1) * sizeof *sc->hosts);
    sc->hosts[sc->n_hosts++] = h;
    return expect_eol(ps);
}

static bool parse_default(parser *ps)
{
    x4r_token name, value;
    if (!expect_value(ps, "a variable name", &name) || !expect_value(ps, "a value", &value))
        return false;
    if (!valid_name(name.text))
        return FAIL(ps, name.loc, "'%s' cannot name a variable (letters, digits, - and _)", name.text);
    if (x4r_lex_get_var(&ps->lx, name.text))
        return FAIL(ps, name.loc, "variable '%s' is already defined", name.text);
    const char *v = value.text;
    for (unsigned i = 0; i < ps->n_settings; i++)
        if (strcmp(ps->settings[i].key, name.text) == 0) {
            v = ps->settings[i].value;
            ps->settings[i].used = true;
        }
    x4r_lex_set_var(&ps->lx, name.text, v);
    return expect_eol(ps);
}

static bool parse_scalar(parser *ps, x4r_token kw)
{
    x4r_token v;
    x4r_scenario *sc = ps->sc;
    if (!expect_value(ps, "a value", &v))
        return false;
    if (strcmp(kw.text, "pace") == 0) {
        if (!parse_dur_tok(ps, v, &sc->pace_us))
            return false;
    } else if (strcmp(kw.text, "epoch") == 0) {
        unsigned long s;
        if (!parse_uint(v.text, 4102444800ul, &s))
            return FAIL(ps, v.loc, "epoch must be seconds since 1970 (e.g. 1767603600), not '%s'", v.text);
        sc->epoch_us = (uint64_t)s * 1000000u;
    } else { /* mode */
        uint32_t mode;
        if (!x4_code_find(x4_mode_keywords, v.text, &mode))
            return FAIL(ps, v.loc, "mode is x410-1984 or normal, not '%s'", v.text);
        sc->mode = (x4_mode)mode;
    }
    return expect_eol(ps);
}

static bool d_scenario(parser *ps, x4r_token kw) { return set_text(ps, kw, &ps->sc->name, "a scenario name"); }
static bool d_kb(parser *ps, x4r_token kw) { return set_text(ps, kw, &ps->sc->kb, "a KB article (e.g. Q188040) or -"); }
static bool d_description(parser *ps, x4r_token kw) { return set_text(ps, kw, &ps->sc->description, "a description"); }
static bool d_precursors(parser *ps, x4r_token kw)
{
    (void)kw;
    return parse_list(ps, &ps->sc->precursors, &ps->sc->n_precursors, x4r_precursor_ids(), "precursor");
}
static bool d_tcp_anomalies(parser *ps, x4r_token kw)
{
    (void)kw;
    return parse_list(ps, &ps->sc->expect_tcp, &ps->sc->n_expect_tcp, x4r_tcp_anomaly_names, "TCP anomaly");
}
static bool d_default(parser *ps, x4r_token kw) { (void)kw; return parse_default(ps); }
static bool d_host(parser *ps, x4r_token kw) { (void)kw; return parse_host(ps); }

static const struct {
    const char *name;
    bool (*parse)(parser *ps, x4r_token kw);
} directives[] = {
    { "scenario", d_scenario }, { "kb", d_kb }, { "description", d_description },
    { "precursors", d_precursors }, { "tcp-anomalies", d_tcp_anomalies },
    { "default", d_default }, { "host", d_host },
    { "mode", parse_scalar }, { "pace", parse_scalar }, { "epoch", parse_scalar },
};

/* Returns 1 if t was a directive (parsed), 0 if not, -1 on error. */
static int parse_directive(parser *ps, x4r_token t, bool in_repeat)
{
    for (size_t i = 0; i < sizeof directives / sizeof directives[0]; i++) {
        if (strcmp(directives[i].name, t.text) != 0)
            continue;
        if (in_repeat) {
            x4r_lex_error(&ps->lx, t.loc, "'%s' is not allowed inside a repeat block", t.text);
            return -1;
        }
        return directives[i].parse(ps, t) ? 1 : -1;
    }
    return 0;
}

/* A top-level statement adds what it runs to the scenario's total. */
static bool count_runs(parser *ps, const x4r_stmt *st)
{
    x4r_scenario *sc = ps->sc;
    sc->runs += st->runs;
    if (sc->runs > X4R_MAX_RUN_STATEMENTS)
        return FAIL(ps, st->loc, "the scenario runs more than %u statements here (x400replay write --repeat N writes copies)",
                    X4R_MAX_RUN_STATEMENTS);
    return true;
}

static bool parse_block(parser *ps, x4r_stmt **list, unsigned *n, bool in_repeat, x4r_loc open)
{
    for (;;) {
        x4r_token t = x4r_lex_next(&ps->lx);
        if (ps->lx.failed)
            return false;
        if (t.kind == X4R_TK_NL)
            continue;
        if (t.kind == X4R_TK_EOF) {
            if (in_repeat)
                return FAIL(ps, open, "repeat block has no 'end'");
            return true;
        }
        if (t.kind != X4R_TK_WORD)
            return FAIL(ps, t.loc, "expected a statement, found %s", describe(t));
        if (strcmp(t.text, "end") == 0) {
            if (!in_repeat)
                return FAIL(ps, t.loc, "'end' without a repeat block");
            if (*n == 0)
                return FAIL(ps, open, "empty repeat block");
            return expect_eol(ps);
        }
        int d = parse_directive(ps, t, in_repeat);
        if (d < 0)
            return false;
        if (d == 0 && !parse_statement(ps, list, n, t))
            return false;
        if (d == 0 && !in_repeat && !count_runs(ps, &(*list)[*n - 1]))
            return false;
    }
}

/* ---- entry points -------------------------------------------------------- */

static void free_params(x4r_params *p)
{
    free(p->calling);
    free(p->called);
    free(p->mta);
    free(p->password);
    free(p->selector);
    free(p->mtsid);
    free(p->hex);
}

static void free_stmts(x4r_stmt *list, unsigned n)
{
    for (unsigned i = 0; i < n; i++) {
        for (unsigned k = 0; k < list[i].n_calls; k++)
            free_params(&list[i].calls[k].p);
        free(list[i].calls);
        free_stmts(list[i].body, list[i].n_body);
    }
    free(list);
}

static void free_list(char **l, unsigned n)
{
    for (unsigned i = 0; i < n; i++)
        free(l[i]);
    free(l);
}

void x4r_scenario_free(x4r_scenario *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->kb);
    free(s->description);
    free_list(s->precursors, s->n_precursors);
    free_list(s->expect_tcp, s->n_expect_tcp);
    for (unsigned i = 0; i < s->n_hosts; i++)
        free(s->hosts[i].name);
    free(s->hosts);
    free_list(s->conn_names, s->n_conns);
    free_stmts(s->stmts, s->n_stmts);
    free(s->file);
    free(s);
}

static bool check_header(parser *ps)
{
    x4r_scenario *sc = ps->sc;
    x4r_loc top = { sc->file, 1, 1 };
    if (!sc->name)
        return FAIL(ps, top, "missing 'scenario NAME' line");
    if (!sc->description)
        sc->description = x4r_xstrdup("");
    if (!sc->kb)
        sc->kb = x4r_xstrdup("-");
    if (sc->n_stmts == 0)
        return FAIL(ps, top, "the scenario has no statements (start with: connect NAME from HOST to HOST)");
    return true;
}

x4r_scenario *x4r_scenario_parse(const char *file, const char *text,
                                 x4r_setting *settings, unsigned n_settings,
                                 char *err, size_t errlen)
{
    parser ps = { .settings = settings, .n_settings = n_settings };
    ps.sc = x4r_xcalloc(1, sizeof *ps.sc);
    ps.sc->file = x4r_xstrdup(file);
    ps.sc->epoch_us = X4R_DEFAULT_EPOCH_S * 1000000u;
    ps.sc->pace_us = 1000;
    x4r_lex_init(&ps.lx, ps.sc->file, text, err, errlen);
    x4r_loc top = { ps.sc->file, 1, 1 };
    bool ok = parse_block(&ps, &ps.sc->stmts, &ps.sc->n_stmts, false, top) && check_header(&ps);
    for (unsigned i = 0; ok && i < n_settings; i++)
        if (!settings[i].used)
            ok = FAIL(&ps, top, "--set %s: this scenario has no variable '%s'", settings[i].key, settings[i].key);
    x4r_lex_free(&ps.lx);
    if (!ok) {
        x4r_scenario_free(ps.sc);
        return NULL;
    }
    return ps.sc;
}
