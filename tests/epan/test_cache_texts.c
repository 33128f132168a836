/* The texts of the per-frame cache that repeat (plugin/epan/cache_texts.c):
 * a text repeating one of the latest of its row (a precursor's findings,
 * TSAPs, MTA names) gets that one's number; any other gets a new number;
 * every number gives its text back, and a reset forgets them all.
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
        cmocka_unit_test(reset_forgets),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
