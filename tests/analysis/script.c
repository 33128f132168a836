/* Event-script helper for the engine tests (script.h). */
#include "script.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void sc_init(sc *s, const x4_prefs *prefs)
{
    memset(s, 0, sizeof *s);
    if (prefs)
        s->prefs = *prefs;
    else
        x4_prefs_default(&s->prefs);
    s->e = x4_engine_new(&x4_alloc_libc, &s->prefs);
    assert_non_null(s->e);
    s->rfc1006 = true;
    sc_conn(s, 0, 1, 2000);
}

void sc_free(sc *s)
{
    x4_engine_free(s->e);
    s->e = NULL;
}

int sc_setup_prefs(void **state, const x4_prefs *prefs)
{
    sc *s = malloc(sizeof *s);
    if (!s)
        return -1;
    sc_init(s, prefs);
    *state = s;
    return 0;
}

int sc_setup(void **state)
{
    return sc_setup_prefs(state, NULL);
}

int sc_teardown(void **state)
{
    sc_free(*state);
    free(*state);
    return 0;
}

void sc_conn(sc *s, uint32_t stream, uint8_t client, uint16_t cport)
{
    s->stream = stream;
    memcpy(s->cli, (uint8_t[]){10, 0, 0, client}, 4);
    memcpy(s->srv, (uint8_t[]){10, 0, 0, 2}, 4);
    s->cport = cport;
    s->sport = 102;
}

void sc_at(sc *s, double t)
{
    s->t = t;
}

x4_note *sc_frame(sc *s, x4_dir d, const char *flags, uint32_t len, const x4_frame_info *fi)
{
    x4_tcp_event ev = {0};
    ev.frame = ++s->frame;
    ev.time = s->t;
    ev.stream = s->stream;
    ev.addr_len = 4;
    memcpy(ev.src_addr, d == I ? s->cli : s->srv, 4);
    memcpy(ev.dst_addr, d == I ? s->srv : s->cli, 4);
    ev.src_port = d == I ? s->cport : s->sport;
    ev.dst_port = d == I ? s->sport : s->cport;
    ev.payload_len = len;
    ev.window = 8192;
    ev.rfc1006_port = s->rfc1006;
    for (const char *f = flags; *f; f++) {
        switch (*f) {
        case 'S': ev.syn = true; break;
        case 'A': ev.ack = true; break;
        case 'F': ev.fin = true; break;
        case 'R': ev.rst = true; break;
        case 'Z': ev.zero_window = true; ev.window = 0; break;
        case 'P': ev.zero_window_probe = true; break;
        case 'T': ev.retransmission = true; break;
        case 'D': ev.duplicate_ack = true; break;
        case 'C': ev.icmp_error = true; break;
        default: fail_msg("bad flag %c", *f);
        }
    }
    x4_frame_info empty;
    x4_frame_info_init(&empty);
    x4_dir got = x4_engine_direction(s->e, &ev);
    if (ev.rfc1006_port)
        assert_int_equal(got, d);
    x4_engine_frame(s->e, &ev, fi ? fi : &empty, &s->note);
    for (unsigned i = 0; i < s->note.n_flags; i++) {
        const x4_flag *f = &s->note.flags[i];
        s->tally[f->id]++;
        s->tally_frame[f->id] = ev.frame;
        s->last[f->id] = *f;
    }
    return &s->note;
}

x4_note *sc_tcp(sc *s, x4_dir d, const char *flags, uint32_t len)
{
    return sc_frame(s, d, flags, len, NULL);
}

x4_note *sc_info(sc *s, x4_dir d, const x4_frame_info *info)
{
    return sc_frame(s, d, "A", 100, info);
}

static void add_pdus(x4_frame_info *fi, va_list ap)
{
    for (int k; (k = va_arg(ap, int)) != X4_PDU_NONE;)
        fi->pdus[fi->n_pdus++] = (x4_pdu){ (x4_pdu_kind)k, X4_DIR_INITIATOR };
}

void fi_pdus(x4_frame_info *fi, ...)
{
    va_list ap;
    va_start(ap, fi);
    add_pdus(fi, ap);
    va_end(ap);
}

x4_note *sc_pdus(sc *s, x4_dir d, ...)
{
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    va_list ap;
    va_start(ap, d);
    add_pdus(&fi, ap);
    va_end(ap);
    return sc_info(s, d, &fi);
}

x4_note *sc_x400(sc *s, x4_dir d, ...)
{
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    fi.x400 = true;
    va_list ap;
    va_start(ap, d);
    add_pdus(&fi, ap);
    va_end(ap);
    return sc_info(s, d, &fi);
}

x4_frame_info fi_x400(void)
{
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    fi.x400 = true;
    return fi;
}

x4_note *sc_tp0_dr(sc *s, x4_dir d, uint32_t code, const char *text)
{
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    fi_pdus(&fi, X4_PDU_TP0_DR, 0);
    fi_reason(&fi, X4_LAYER_TP0, X4_PDU_TP0_DR, code, text);
    return sc_info(s, d, &fi);
}

x4_frame_info fi_not_osi_dt(void)
{
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    fi.not_osi = true;
    fi_pdus(&fi, X4_PDU_TP0_DT, 0);
    return fi;
}

void fi_reason(x4_frame_info *fi, x4_layer l, x4_pdu_kind pdu, uint32_t code, const char *text)
{
    fi->reasons[fi->n_reasons++] = (x4_reason){ l, pdu, code, text };
}

void fi_mtsid(x4_frame_info *fi, const char *text)
{
    x4_mtsid *m = &fi->mtsids[fi->n_mtsids++];
    memset(m, 0, sizeof *m);
    m->apdu = X4_PDU_P1_MESSAGE;
    snprintf(m->text, sizeof m->text, "%s", text);
}

void fi_mta(x4_frame_info *fi, const char *name, bool responder)
{
    x4_mta_name *m = &fi->mtas[fi->n_mtas++];
    m->dir = responder ? R : I;
    m->is_responder = responder;
    snprintf(m->name, sizeof m->name, "%s", name);
}

static void tick(sc *s)
{
    s->t += 0.01;
}

void sc_handshake(sc *s)
{
    sc_tcp(s, I, "S", 0); tick(s);
    sc_tcp(s, R, "SA", 0); tick(s);
    sc_tcp(s, I, "A", 0); tick(s);
}

void sc_tp0_connect(sc *s)
{
    sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    sc_pdus(s, R, X4_PDU_TP0_CC, 0);
}

void sc_tp0_open(sc *s)
{
    sc_handshake(s);
    sc_tp0_connect(s);
}

void sc_open_at(sc *s, const double t[5])
{
    sc_at(s, t[0]); sc_tcp(s, I, "S", 0);
    sc_at(s, t[1]); sc_tcp(s, R, "SA", 0);
    sc_at(s, t[2]); sc_tcp(s, I, "A", 0);
    sc_at(s, t[3]); sc_pdus(s, I, X4_PDU_TP0_CR, 0);
    sc_at(s, t[4]); sc_pdus(s, R, X4_PDU_TP0_CC, 0);
}

void sc_x400_bind(sc *s)
{
    sc_pdus(s, I, X4_PDU_TP0_CR, 0); tick(s);
    sc_pdus(s, R, X4_PDU_TP0_CC, 0); tick(s);
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    fi.x400 = true;
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_CN, X4_PDU_PRES_CP, X4_PDU_AARQ, X4_PDU_RTORQ,
            X4_PDU_P1_BIND_ARG, 0);
    fi_mta(&fi, "percival", false);
    sc_info(s, I, &fi); tick(s);
    x4_frame_info_init(&fi);
    fi.x400 = true;
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_AC, X4_PDU_PRES_CPA, X4_PDU_AARE, X4_PDU_RTOAC,
            X4_PDU_P1_BIND_RES, 0);
    fi_mta(&fi, "guinevere", true);
    sc_info(s, R, &fi); tick(s);
}

void sc_x400_open(sc *s)
{
    sc_handshake(s);
    sc_x400_bind(s);
}

void sc_x400_transfer(sc *s, const char *mtsid)
{
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AS, 0); tick(s);
    x4_frame_info fi;
    x4_frame_info_init(&fi);
    fi.x400 = true;
    fi_pdus(&fi, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_DT, X4_PDU_RTTR, X4_PDU_P1_MESSAGE, 0);
    fi_mtsid(&fi, mtsid);
    sc_info(s, I, &fi); tick(s);
    sc_tcp(s, R, "A", 0); tick(s);
    sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_GT, X4_PDU_SES_AEA, 0); tick(s);
    sc_tcp(s, I, "A", 0); tick(s);
}

void sc_release(sc *s)
{
    sc_x400(s, I, X4_PDU_TP0_DT, X4_PDU_SES_FN, X4_PDU_RLRQ, 0); tick(s);
    sc_x400(s, R, X4_PDU_TP0_DT, X4_PDU_SES_DN, X4_PDU_RLRE, 0); tick(s);
    sc_tcp(s, I, "FA", 0); tick(s);
    sc_tcp(s, R, "A", 0); tick(s);
    sc_tcp(s, R, "RA", 0); tick(s);
}

const x4_flag *sc_flag(const x4_note *n, x4_precursor_id id)
{
    for (unsigned i = 0; i < n->n_flags; i++)
        if (n->flags[i].id == id)
            return &n->flags[i];
    return NULL;
}

unsigned sc_canonical(const sc *s)
{
    unsigned n = 0;
    for (unsigned i = 0; i < X4_P_COUNT; i++)
        if (x4_catalogue[i].canonical)
            n += s->tally[i];
    return n;
}

/* ------------------------------------------------ random event streams */

uint32_t sc_rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

void sc_random_frame(uint32_t *seed, x4_tcp_event *ev, x4_frame_info *fi, uint32_t frame,
                     double t)
{
    memset(ev, 0, sizeof *ev);
    x4_frame_info_init(fi);
    uint32_t r = sc_rnd(seed);
    bool from_client = r & 1;
    uint8_t client = (uint8_t)(1 + (r >> 1) % 5);
    uint16_t cport = (uint16_t)(2000 + (r >> 4) % 40);
    ev->frame = frame;
    ev->time = t;
    ev->stream = (uint32_t)(client * 100 + cport);
    ev->addr_len = 4;
    uint8_t c[4] = {10, 0, 0, client}, srv[4] = {10, 0, 0, 200};
    memcpy(ev->src_addr, from_client ? c : srv, 4);
    memcpy(ev->dst_addr, from_client ? srv : c, 4);
    ev->src_port = from_client ? cport : 102;
    ev->dst_port = from_client ? 102 : cport;
    uint32_t f = sc_rnd(seed);
    ev->syn = (f & 15) == 0;
    ev->ack = (f & 16) != 0 || !ev->syn;
    ev->fin = (f & 0x3e0) == 0x20;
    ev->rst = (f & 0x3e0) == 0x40;
    ev->zero_window = (f & 0x1c00) == 0x400;
    ev->zero_window_probe = (f & 0xe000) == 0x2000;
    ev->retransmission = (f & 0x70000) == 0x10000;
    ev->duplicate_ack = (f & 0x380000) == 0x80000;
    ev->icmp_error = (f & 0x3c00000) == 0x400000;
    ev->rfc1006_port = (f >> 28) != 0;
    ev->payload_len = (f >> 26) & 1 ? sc_rnd(seed) % 3000 : 0;
    ev->window = ev->zero_window ? 0 : 8192;
    ev->has_seq = (f >> 27) & 1;
    ev->seq_num = sc_rnd(seed) % 100000;
    ev->ack_num = sc_rnd(seed) % 100000;
    unsigned n = sc_rnd(seed) % 6;
    for (unsigned i = 0; i < n; i++)
        fi->pdus[fi->n_pdus++] = (x4_pdu){ (x4_pdu_kind)(sc_rnd(seed) % (X4_PDU_KIND_COUNT + 2)), X4_DIR_INITIATOR };
    if (sc_rnd(seed) % 4 == 0)
        fi_reason(fi, (x4_layer)(sc_rnd(seed) % (X4_LAYER_COUNT + 1)),
                  (x4_pdu_kind)(sc_rnd(seed) % X4_PDU_KIND_COUNT), 1, sc_rnd(seed) % 2 ? "why" : NULL);
    if (sc_rnd(seed) % 8 == 0)
        fi_mtsid(fi, sc_rnd(seed) % 2 ? "C=gb;A= ;L=a" : "C=gb;A= ;L=b");
    if (sc_rnd(seed) % 16 == 0)
        fi_mta(fi, sc_rnd(seed) % 2 ? "percival" : "guinevere", sc_rnd(seed) % 2);
    fi->x400 = sc_rnd(seed) % 3 == 0;
    fi->not_osi = sc_rnd(seed) % 7 == 0;
}
