/* The per-frame cache (plugin/epan/frame_store.c): every record read back
 * as it was stored, in order, out of order and after a reset; nothing for
 * frames that were not stored; entries across pages and chunks.
 *
 * Linked against libwsutil only: this file provides the file scope the
 * store allocates from (Wireshark's own is entered by epan alone). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "frame_store.h"
#include "rules/rule.h"      /* x4_flag_message: findings worded as the rules word them */

static wmem_allocator_t *file_scope;

wmem_allocator_t *wmem_file_scope(void)
{
    return file_scope;
}

/* What the test stored for one frame (the store's input). */
typedef struct {
    guint32 frame;
    x4_tcp_event ev;
    x4_frame_info info;
    x4_note note;
} stored;

static guint32 lcg(guint32 *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return *seed >> 8;
}

static const char *const texts[] = { "authentication-error", "no-reason", "congestion" };

/* Frame i of a synthetic capture: numbers, counts and extras chosen to
 * cover the varints' byte lengths and each kind of extra block. */
static void make(stored *s, guint32 i, guint32 *seed)
{
    memset(s, 0, sizeof *s);
    x4_frame_info_init(&s->info);
    s->ev.payload_len = (guint32[]){ 0, 1, 127, 128, 16383, 16384, 70000, G_MAXUINT32 }[i % 8];
    s->ev.syn = i % 5 == 0;
    s->ev.rst = i % 7 == 0;
    s->ev.retransmission = i % 11 == 0;
    /* Associations jump both ways, near 0 and near 2^32. */
    guint32 r = lcg(seed);
    s->note.assoc = r % 4 == 0 ? G_MAXUINT32 - r % 3 : r % 4 == 1 ? 1 + r % 5 : 1000 + r % 300000;
    s->note.state = (x4_state)(r % 16);
    s->note.dir = r & 0x100 ? X4_DIR_RESPONDER : X4_DIR_INITIATOR;
    s->info.mode = (x4_mode)(i % 3);
    s->info.n_pdus = i % (X4_MAX_PDUS + 1);
    for (unsigned k = 0; k < s->info.n_pdus; k++)
        s->info.pdus[k].kind = (x4_pdu_kind)((i + k) % X4_PDU_KIND_COUNT);
    if (i % 13 == 0) {
        snprintf(s->info.calling_tsap, sizeof s->info.calling_tsap, "calling-%u", i);
        snprintf(s->info.called_tsap, sizeof s->info.called_tsap, "called");
        s->info.tpdu_size = 2048;
    }
    if (i % 17 == 0) {
        s->info.n_mtas = 2;
        snprintf(s->info.mtas[0].name, sizeof s->info.mtas[0].name, "MTA-%u", i);
        snprintf(s->info.mtas[1].name, sizeof s->info.mtas[1].name, "%s", "");
        s->info.n_mtsids = 1;
        snprintf(s->info.mtsids[0].text, sizeof s->info.mtsids[0].text, "C=gb;A= ;L=%u", i);
    }
    if (i % 29 == 0) {
        /* More texts of one row than cache_texts compares, each of a new
         * shape: their numbers soon need two and three bytes. */
        s->info.n_mtsids = X4_MAX_MTSIDS;
        for (unsigned k = 0; k < X4_MAX_MTSIDS; k++)
            snprintf(s->info.mtsids[k].text, sizeof s->info.mtsids[k].text, "C=gb;A=%c;P=%c%c;L=%u",
                     'a' + (int)k, 'a' + (int)(i / 29 % 26), 'a' + (int)(i / 29 / 26 % 26), i);
    }
    if (i % 19 == 0) {
        s->info.n_reasons = 1;
        s->info.reasons[0] = (x4_reason){ .layer = X4_LAYER_SESSION, .pdu = (x4_pdu_kind)3,
                                          .text = texts[i % 3] };
        s->info.n_errors = 1;
        s->info.errors[0].what = texts[(i + 1) % 3];
    }
    if (i % 23 == 0) {
        s->note.n_flags = 1 + i % X4_NOTE_MAX_FLAGS;
        for (unsigned k = 0; k < s->note.n_flags; k++) {
            x4_flag *f = &s->note.flags[k];
            f->id = (x4_precursor_id)(k % X4_P_COUNT);
            f->related_frame = i - k;
            f->ok_wait = 1.5 * k;
            f->retry_interval = 0.25;
            f->count = k + 7;
            f->reason = texts[k % 3];
            if (k % 2) {
                /* As the rules word them: the catalogue's words at the end
                 * (with the fix, without it when it does not fit, or cut). */
                f->wording = (x4_wording)(i / 23 % 2);
                char what[sizeof f->message];
                memset(what, 'w', sizeof what - 1);
                what[i % sizeof what] = '\0';
                x4_flag_message(f, "%s", what);
            } else {
                memset(f->message, 'a' + (int)k, sizeof f->message - 1);   /* the longest one */
                f->message[i % sizeof f->message] = '\0';
            }
        }
    }
}

static void check(const stored *s, const frame_record *r)
{
    assert_non_null(r);
    assert_int_equal(r->assoc, s->note.assoc);
    assert_int_equal(r->state, s->note.state);
    assert_int_equal(r->dir, s->note.dir);
    assert_int_equal(r->mode, s->info.mode);
    assert_int_equal(r->payload_len, s->ev.payload_len);
    assert_int_equal(r->tcp, (s->ev.syn ? X4_AT_SYN : 0) | (s->ev.rst ? X4_AT_RST : 0) |
                                 (s->ev.retransmission ? X4_AT_RETRANSMISSION : 0));
    assert_int_equal(r->n_pdus, s->info.n_pdus);
    for (unsigned k = 0; k < r->n_pdus; k++)
        assert_int_equal(r->pdus[k], s->info.pdus[k].kind);
    assert_int_equal(r->tpdu_size, s->info.tpdu_size);
    if (s->info.tpdu_size) {
        assert_string_equal(r->calling_tsap, s->info.calling_tsap);
        assert_string_equal(r->called_tsap, s->info.called_tsap);
    }
    assert_int_equal(r->n_mtas, s->info.n_mtas);
    for (unsigned k = 0; k < r->n_mtas; k++)
        assert_string_equal(r->mtas[k], s->info.mtas[k].name);
    assert_int_equal(r->n_mtsids, s->info.n_mtsids);
    for (unsigned k = 0; k < r->n_mtsids; k++)
        assert_string_equal(r->mtsids[k], s->info.mtsids[k].text);
    assert_int_equal(r->n_reasons, s->info.n_reasons);
    for (unsigned k = 0; k < r->n_reasons; k++)
        assert_ptr_equal(r->reasons[k].text, s->info.reasons[k].text);
    assert_int_equal(r->n_errors, s->info.n_errors);
    for (unsigned k = 0; k < r->n_errors; k++)
        assert_ptr_equal(r->errors[k], s->info.errors[k].what);
    assert_int_equal(r->n_flags, s->note.n_flags);
    for (unsigned k = 0; k < r->n_flags; k++) {
        const x4_flag *a = &r->flags[k], *b = &s->note.flags[k];
        assert_int_equal(a->id, b->id);
        assert_int_equal(a->related_frame, b->related_frame);
        assert_int_equal(a->count, b->count);
        assert_true(a->ok_wait == b->ok_wait && a->retry_interval == b->retry_interval);
        assert_ptr_equal(a->reason, b->reason);
        assert_int_equal(a->wording, b->wording);
        assert_string_equal(a->message, b->message);
    }
}

static void same_text(const char *a, const char *b)
{
    assert_true((a == NULL) == (b == NULL));
    if (a)
        assert_string_equal(a, b);
}

/* Two records of one frame, field by field (what the tree and taps read). */
static void same_record(const frame_record *a, const frame_record *b)
{
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(a->assoc, b->assoc);
    assert_int_equal(a->state, b->state);
    assert_int_equal(a->dir, b->dir);
    assert_int_equal(a->mode, b->mode);
    assert_int_equal(a->tcp, b->tcp);
    assert_int_equal(a->payload_len, b->payload_len);
    assert_int_equal(a->tpdu_size, b->tpdu_size);
    same_text(a->calling_tsap, b->calling_tsap);
    same_text(a->called_tsap, b->called_tsap);
    assert_int_equal(a->n_pdus, b->n_pdus);
    for (unsigned k = 0; k < a->n_pdus; k++)
        assert_int_equal(a->pdus[k], b->pdus[k]);
    assert_int_equal(a->n_mtas, b->n_mtas);
    for (unsigned k = 0; k < a->n_mtas; k++)
        same_text(a->mtas[k], b->mtas[k]);
    assert_int_equal(a->n_mtsids, b->n_mtsids);
    for (unsigned k = 0; k < a->n_mtsids; k++)
        same_text(a->mtsids[k], b->mtsids[k]);
    assert_int_equal(a->n_reasons, b->n_reasons);
    for (unsigned k = 0; k < a->n_reasons; k++) {
        assert_int_equal(a->reasons[k].layer, b->reasons[k].layer);
        assert_int_equal(a->reasons[k].pdu, b->reasons[k].pdu);
        assert_ptr_equal(a->reasons[k].text, b->reasons[k].text);
    }
    assert_int_equal(a->n_errors, b->n_errors);
    for (unsigned k = 0; k < a->n_errors; k++)
        assert_ptr_equal(a->errors[k], b->errors[k]);
    assert_int_equal(a->n_flags, b->n_flags);
    for (unsigned k = 0; k < a->n_flags; k++) {
        const x4_flag *f = &a->flags[k], *g = &b->flags[k];
        assert_int_equal(f->id, g->id);
        assert_int_equal(f->related_frame, g->related_frame);
        assert_int_equal(f->refused_by, g->refused_by);
        assert_ptr_equal(f->reason, g->reason);
        assert_memory_equal(&f->ok_wait, &g->ok_wait, sizeof f->ok_wait);
        assert_memory_equal(&f->retry_interval, &g->retry_interval, sizeof f->retry_interval);
        assert_int_equal(f->count, g->count);
        assert_int_equal(f->wording, g->wording);
        assert_string_equal(f->message, g->message);
    }
}

/* 60,000 frames stored among 150,000 (gaps of 1 to 4), over several
 * chunks of the arena. */
#define FRAMES 60000

static stored *frames;

static int setup(void **st)
{
    (void)st;
    file_scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    frames = g_new(stored, FRAMES);
    guint32 seed = 1, frame = 0;
    for (guint32 i = 0; i < FRAMES; i++) {
        frame += 1 + lcg(&seed) % 4;
        make(&frames[i], i, &seed);
        frames[i].frame = frame;
        frame_store_add(frame, &frames[i].ev, &frames[i].info, &frames[i].note);
    }
    return 0;
}

static int teardown(void **st)
{
    (void)st;
    frame_store_reset();
    wmem_destroy_allocator(file_scope);
    g_free(frames);
    return 0;
}

static const frame_record *get(wmem_allocator_t *pool, guint32 frame)
{
    packet_info pinfo;
    memset(&pinfo, 0, sizeof pinfo);
    pinfo.num = frame;
    pinfo.pool = pool;
    return frame_store_get(&pinfo);
}

static void in_order_with_gaps(void **st)
{
    (void)st;
    wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    guint32 next = 0;
    for (guint32 f = 1; f <= frames[FRAMES - 1].frame + 2; f++) {
        const frame_record *r = get(pool, f);
        if (next < FRAMES && frames[next].frame == f) {
            check(&frames[next++], r);
            assert_ptr_not_equal(r, NULL);
        } else {
            assert_null(r);
        }
        wmem_free_all(pool);
    }
    assert_int_equal(next, FRAMES);
    assert_null(get(pool, 0));
    wmem_destroy_allocator(pool);
}

static void random_order_and_repeats(void **st)
{
    (void)st;
    wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    guint32 seed = 7;
    for (unsigned n = 0; n < 20000; n++) {
        guint32 i = lcg(&seed) % FRAMES;
        check(&frames[i], get(pool, frames[i].frame));
        check(&frames[i], get(pool, frames[i].frame));        /* the same frame again */
        if (i > 0 && frames[i].frame - frames[i - 1].frame > 1)
            assert_null(get(pool, frames[i].frame - 1));
        wmem_free_all(pool);
    }
    wmem_destroy_allocator(pool);
}

/* Frames already stored are not stored again (the first pass only adds). */
static void first_pass_only_adds(void **st)
{
    (void)st;
    wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    stored other = frames[1];
    other.note.assoc = 4242;
    assert_false(frame_store_add(frames[0].frame, &other.ev, &other.info, &other.note));
    check(&frames[0], get(pool, frames[0].frame));
    wmem_destroy_allocator(pool);
}

/* The first pass: each frame's record as the first pass builds it
 * (frame_record_of) equal to the one read back, each frame read right after
 * it is stored (the previous frame's cursor points at it), now and then an
 * earlier one too, and reading goes on where the cursor was left.  The store ends as setup left
 * it. */
static void first_pass_reads_as_it_stores(void **st)
{
    (void)st;
    wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    frame_store_reset();
    guint32 seed = 3;
    for (guint32 i = 0; i < FRAMES; i++) {
        assert_true(frame_store_add(frames[i].frame, &frames[i].ev, &frames[i].info, &frames[i].note));
        /* The record the first pass builds is the one every later pass reads. */
        x4_note *note = wmem_memdup(pool, &frames[i].note, sizeof frames[i].note);
        frame_record_room *room = wmem_new(pool, frame_record_room);
        const frame_record *first = frame_record_of(room, &frames[i].ev, &frames[i].info, note);
        check(&frames[i], first);
        same_record(first, get(pool, frames[i].frame));
        check(&frames[i], get(pool, frames[i].frame));
        if (i > 0 && i % 7 == 0)
            check(&frames[i - 1], get(pool, frames[i - 1].frame));
        if (i % 97 == 0) {
            guint32 k = lcg(&seed) % (i + 1);
            check(&frames[k], get(pool, frames[k].frame));
        }
        assert_null(get(pool, frames[i].frame + 1));
        wmem_free_all(pool);
    }
    wmem_destroy_allocator(pool);
}

static void reset_forgets(void **st)
{
    (void)st;
    wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    frame_store_reset();
    assert_null(get(pool, frames[0].frame));
    stored one = frames[5];
    frame_store_add(3, &one.ev, &one.info, &one.note);
    check(&one, get(pool, 3));
    assert_null(get(pool, frames[5].frame + 100));
    wmem_destroy_allocator(pool);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(in_order_with_gaps),
        cmocka_unit_test(random_order_and_repeats),
        cmocka_unit_test(first_pass_only_adds),
        cmocka_unit_test(first_pass_reads_as_it_stores),
        cmocka_unit_test(reset_forgets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
