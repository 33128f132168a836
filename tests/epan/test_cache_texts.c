/* The texts of the per-frame cache that repeat (plugin/epan/cache_texts.c):
 * a text repeating one of the latest of its row (a precursor's findings,
 * TSAPs, MTA names) gets that one's number; any other gets a new number;
 * every number gives its text back, and a reset forgets them all.  Texts
 * written and read back whole: their digits apart from their shapes.
 *
 * Linked against libwsutil only: this file provides the file scope the
 * texts are allocated from. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "cache_texts.h"

/* Writes text of row into buf; returns its length in the entry. */
static guint32 write(guint8 *buf, cache_text_row row, const char *text, size_t len)
{
    store_writer out = { 0 };
    cache_texts_write(&out, row, text, len);
    assert_true(out.n <= 2048);
    memcpy(buf, out.p, out.n);
    guint32 n = out.n;
    sw_free(&out);
    return n;
}

/* text written then read back: the same bytes, and the entry's length. */
static guint32 round_trip(cache_text_row row, const char *text, size_t len)
{
    guint8 buf[2048];
    guint32 n = write(buf, row, text, len);
    wmem_allocator_t *pool = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    const guint8 *p = buf;
    char *back = cache_texts_read(&p, pool);
    assert_int_equal(p - buf, n);
    assert_int_equal(strlen(back), len);
    assert_memory_equal(back, text, len);
    wmem_destroy_allocator(pool);
    return n;
}

static wmem_allocator_t *file_scope;

wmem_allocator_t *wmem_file_scope(void)
{
    return file_scope;
}

static int setup(void **st)
{
    (void)st;
    file_scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    return 0;
}

static int teardown(void **st)
{
    (void)st;
    cache_texts_reset();
    wmem_destroy_allocator(file_scope);
    return 0;
}

static guint32 number(x4_precursor_id id, const char *s)
{
    return cache_texts_number(cache_text_finding(id), s, strlen(s));
}

static void repeats_share_a_number(void **st)
{
    (void)st;
    guint32 a = number(X4_P_CONNECT_REFUSED, "refused at the tcp layer");
    guint32 b = number(X4_P_CONNECT_REFUSED, "refused at the session layer");
    assert_int_not_equal(a, b);
    assert_int_equal(number(X4_P_CONNECT_REFUSED, "refused at the tcp layer"), a);
    assert_int_equal(number(X4_P_CONNECT_REFUSED, "refused at the session layer"), b);
    assert_string_equal(cache_texts_get(a), "refused at the tcp layer");
    assert_string_equal(cache_texts_get(b), "refused at the session layer");
}

/* Only the words given count: a longer message cut to the same length is
 * the same text, a prefix of a kept text is not. */
static void length_counts(void **st)
{
    (void)st;
    guint32 a = number(X4_P_LATE_OK, "CC came 0.5 s after");
    assert_int_equal(cache_texts_number(cache_text_finding(X4_P_LATE_OK),
                                        "CC came 0.5 s after the close", 19), a);
    guint32 prefix = number(X4_P_LATE_OK, "CC came");
    assert_int_not_equal(prefix, a);
    assert_string_equal(cache_texts_get(prefix), "CC came");
}

/* Texts of another row are not compared: the same words there get a
 * number of their own. */
static void per_row(void **st)
{
    (void)st;
    guint32 a = number(X4_P_RECONNECT_STORM, "same words");
    guint32 b = number(X4_P_NETWORK_FLAPPING, "same words");
    guint32 c = cache_texts_number(CACHE_TEXT_MTA, "same words", 10);
    assert_int_not_equal(a, b);
    assert_int_not_equal(c, a);
    assert_int_not_equal(c, b);
    assert_string_equal(cache_texts_get(b), "same words");
    assert_string_equal(cache_texts_get(c), "same words");
}

/* A connect and its confirm name the same two TSAPs: each row keeps its
 * own, and the empty TSAP is a text like any other. */
static void tsaps(void **st)
{
    (void)st;
    guint32 calling = cache_texts_number(CACHE_TEXT_CALLING_TSAP, "MTA1", 4);
    guint32 called = cache_texts_number(CACHE_TEXT_CALLED_TSAP, "X400", 4);
    guint32 none = cache_texts_number(CACHE_TEXT_CALLED_TSAP, "", 0);
    assert_int_equal(cache_texts_number(CACHE_TEXT_CALLING_TSAP, "MTA1", 4), calling);
    assert_int_equal(cache_texts_number(CACHE_TEXT_CALLED_TSAP, "X400", 4), called);
    assert_int_equal(cache_texts_number(CACHE_TEXT_CALLED_TSAP, "", 0), none);
    assert_string_equal(cache_texts_get(none), "");
    assert_string_equal(cache_texts_get(called), "X400");
}

/* A text repeated after many others of its precursor is kept again (only
 * the latest few are compared), and both numbers still give it back. */
static void old_texts_kept_again(void **st)
{
    (void)st;
    guint32 first = number(X4_P_CONNECT_TIMEOUT, "SYN of association 1");
    char text[64];
    for (unsigned i = 2; i < 12; i++) {
        snprintf(text, sizeof text, "SYN of association %u", i);
        number(X4_P_CONNECT_TIMEOUT, text);
    }
    guint32 again = number(X4_P_CONNECT_TIMEOUT, "SYN of association 1");
    assert_int_not_equal(again, first);
    assert_string_equal(cache_texts_get(first), "SYN of association 1");
    assert_string_equal(cache_texts_get(again), "SYN of association 1");
    assert_int_equal(number(X4_P_CONNECT_TIMEOUT, "SYN of association 1"), again);
}

static void outside_the_catalogue_and_unknown_numbers(void **st)
{
    (void)st;
    guint32 a = number(X4_P_COUNT, "no row");
    assert_int_equal(number((x4_precursor_id)(X4_P_COUNT + 9), "no row"), a);
    assert_int_equal(cache_texts_number((cache_text_row)(CACHE_TEXT_ROWS + 3), "no row", 6), a);
    assert_string_equal(cache_texts_get(G_MAXUINT32), "");
}

/* Texts that differ only in their digits share a shape: the second is a
 * few bytes in the entry. */
static void digits_apart(void **st)
{
    (void)st;
    const char *a = "SYN of association 1234 got no answer in 3.0 s before this new attempt";
    const char *b = "SYN of association 1240 got no answer in 3.0 s before this new attempt";
    round_trip(cache_text_finding(X4_P_CONNECT_TIMEOUT), a, strlen(a));
    assert_true(round_trip(cache_text_finding(X4_P_CONNECT_TIMEOUT), b, strlen(b)) <= 6);
    guint8 x[64], y[64];
    write(x, CACHE_TEXT_MTSID, "C=US;A=ADMD;P=PRMD;L=DUP-17", 27);
    write(y, CACHE_TEXT_MTSID, "C=US;A=ADMD;P=PRMD;L=DUP-42", 27);
    const guint8 *p = x, *q = y;
    assert_int_equal(sr_varint(&p), sr_varint(&q));    /* one shape */
}

/* Every kind of digit run comes back as it was: leading zeros, runs
 * longer than nine digits, digits at either end, nothing but digits. */
static void digit_runs(void **st)
{
    (void)st;
    static const char *const texts[] = {
        "0", "007", "0.050 s", "12345678901234567890", "a0000000000b", "99999999999", "4294967295",
        "4294967296", "999999999", "1000000000", "x9", "9x", "", "no digits at all",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++)
        round_trip(CACHE_TEXT_MTA, texts[i], strlen(texts[i]));
}

/* A text holding the bytes a shape uses for runs (a tab is one), or too
 * long to shape, is kept as it is. */
static void kept_as_they_are(void **st)
{
    (void)st;
    round_trip(CACHE_TEXT_CALLING_TSAP, "MTA\t01", 6);
    round_trip(CACHE_TEXT_CALLING_TSAP, "\x01\x02 12", 5);
    char lng[600];
    for (size_t i = 0; i < sizeof lng; i++)
        lng[i] = (char)('0' + i % 13);
    round_trip(CACHE_TEXT_OTHER_FINDING, lng, sizeof lng);
    round_trip(CACHE_TEXT_OTHER_FINDING, lng, 255);
    round_trip(CACHE_TEXT_OTHER_FINDING, lng, 256);
}

static void reset_forgets(void **st)
{
    (void)st;
    guint32 a = number(X4_P_DUPLICATE_MTSID, "kept");
    cache_texts_reset();
    assert_string_equal(cache_texts_get(a), "");
    assert_int_equal(number(X4_P_DUPLICATE_MTSID, "new"), 0);
    assert_string_equal(cache_texts_get(0), "new");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(repeats_share_a_number),
        cmocka_unit_test(length_counts),
        cmocka_unit_test(per_row),
        cmocka_unit_test(tsaps),
        cmocka_unit_test(old_texts_kept_again),
        cmocka_unit_test(outside_the_catalogue_and_unknown_numbers),
        cmocka_unit_test(digits_apart),
        cmocka_unit_test(digit_runs),
        cmocka_unit_test(kept_as_they_are),
        cmocka_unit_test(reset_forgets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
