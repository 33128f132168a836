/* assoc_index: the open-addressing table under the engine's tables by
 * stream and by flow (plugin/analysis/state/assoc_index.h), with home slots
 * chosen to collide and to wrap, and an allocator that runs out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "state/assoc.h"

/* An allocator that refuses every allocation once `left` reaches zero. */
typedef struct {
    int left;
} budget;

static void *budget_realloc(void *ctx, void *ptr, size_t size)
{
    budget *b = ctx;
    if (size && b->left-- <= 0)
        return NULL;
    if (!size) {
        free(ptr);
        return NULL;
    }
    return realloc(ptr, size);
}

typedef struct {
    budget b;
    x4_alloc alloc;
    x4_prefs prefs;
    x4_engine *e;
    x4_assoc_index ix;
    x4_assoc items[1000];
} fixture;

static int setup(void **state)
{
    fixture *f = calloc(1, sizeof *f);
    f->b.left = 1000;
    f->alloc = (x4_alloc){ budget_realloc, &f->b };
    x4_prefs_default(&f->prefs);
    f->e = x4_engine_new(&f->alloc, &f->prefs);
    for (uint32_t i = 0; i < 1000; i++)
        f->items[i].stream = i;
    *state = f;
    return f->e ? 0 : -1;
}

static int teardown(void **state)
{
    fixture *f = *state;
    x4_index_free(f->e, &f->ix);
    x4_engine_free(f->e);
    free(f);
    return 0;
}

/* Every item starts at the last slot: each probe wraps to the front and
 * walks past all the others. */
static size_t last_slot(const x4_assoc *a, size_t cap)
{
    (void)a;
    return cap - 1;
}

static bool has_stream(const x4_assoc *a, const void *key)
{
    return a->stream == *(const uint32_t *)key;
}

static x4_assoc *find(const x4_assoc_index *ix, uint32_t stream)
{
    return *x4_index_probe(ix, ix->cap - 1, has_stream, &stream);
}

static void put(fixture *f, uint32_t i)
{
    assert_true(x4_index_room(f->e, &f->ix, last_slot));
    assert_null(find(&f->ix, i));
    x4_index_put_new(&f->ix, last_slot(&f->items[i], f->ix.cap), &f->items[i]);
}

static void empty_until_the_first_room(void **state)
{
    fixture *f = *state;
    assert_int_equal(f->ix.cap, 0);
    assert_true(x4_index_room(f->e, &f->ix, last_slot));
    assert_int_equal(f->ix.cap, 64);
    assert_int_equal(f->ix.count, 0);
    assert_null(find(&f->ix, 0));
}

/* 1000 colliding items: the table doubles at half load (64 -> 2048), every
 * item stays findable through each rehash, and no slot is lost or doubled. */
static void colliding_items_survive_growth(void **state)
{
    fixture *f = *state;
    for (uint32_t i = 0; i < 1000; i++) {
        put(f, i);
        assert_true(f->ix.count * 2 <= f->ix.cap);
    }
    assert_int_equal(f->ix.count, 1000);
    assert_int_equal(f->ix.cap, 2048);
    for (uint32_t i = 0; i < 1000; i++)
        assert_ptr_equal(find(&f->ix, i), &f->items[i]);
    size_t used = 0;
    for (size_t i = 0; i < f->ix.cap; i++)
        used += f->ix.slots[i] != NULL;
    assert_int_equal(used, 1000);
    assert_null(find(&f->ix, 1000));
}

/* Out of memory when the table must grow: room says no, and the table keeps
 * what it had. */
static void refused_growth_keeps_the_table(void **state)
{
    fixture *f = *state;
    for (uint32_t i = 0; i < 32; i++)
        put(f, i);
    assert_int_equal(f->ix.cap, 64);
    f->b.left = 0;
    assert_false(x4_index_room(f->e, &f->ix, last_slot));
    assert_int_equal(f->ix.cap, 64);
    assert_int_equal(f->ix.count, 32);
    for (uint32_t i = 0; i < 32; i++)
        assert_ptr_equal(find(&f->ix, i), &f->items[i]);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(empty_until_the_first_room, setup, teardown),
        cmocka_unit_test_setup_teardown(colliding_items_survive_growth, setup, teardown),
        cmocka_unit_test_setup_teardown(refused_growth_keeps_the_table, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
