/*
 * test-jarena: jansson trees parsed into regions (src/codec/jarena.c):
 * the trees read and change as any, a region is freed with its last
 * value whatever the thread or order, regions nest, values made outside a
 * region join a region's tree, and json_text() is free()'s.  Run under
 * valgrind and ASan by CI, which find what is freed twice or never.
 */
#include "config.h"

#include "unit.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "codec/jarena.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static const char doc[] =
    "{\"data\":[{\"name\":\"a\",\"pricing\":{\"prompt\":\"0.5\"},"
    "\"n\":1,\"r\":2.5,\"t\":true},{\"name\":\"b\",\"x\":null}]}";

static json_t *
parse_in_region(const char *text, struct jarena **a)
{
	json_t	*v;

	*a = jarena_begin();
	v = json_loads(text, 0, NULL);
	assert_non_null(v);
	return (v);
}

/* The compact sorted text of v, checked against want. */
static void
text_is(const json_t *v, const char *want)
{
	char	*t;

	t = json_text(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
	assert_non_null(t);
	assert_string_equal(t, want);
	free(t);		/* malloc's, not jansson's */
}

static void
test_region_tree(void **state)
{
	struct jarena	*a;
	json_t		*v, *big;
	long		 before = jarena_regions();
	char		*s;

	(void)state;
	v = parse_in_region(doc, &a);
	jarena_end(a);
	assert_int_equal(jarena_regions(), before + 1);
	text_is(json_array_get(json_object_get(v, "data"), 1),
	    "{\"name\":\"b\",\"x\":null}");
	/* Values made outside the region join its tree, and go with it. */
	json_object_set_new(v, "added", json_string("later"));
	s = xcalloc(1, 40000);
	memset(s, 'z', 39999);
	big = json_string(s);
	free(s);
	json_object_set_new(v, "big", big);
	json_object_del(v, "data");
	text_is(json_object_get(v, "added"), "\"later\"");
	json_decref(v);
	assert_int_equal(jarena_regions(), before);
}

/* A region without values is freed when it ends; one whose values are
 * all freed before it ends, at its end. */
static void
test_region_empty(void **state)
{
	struct jarena	*a;
	json_t		*v;
	long		 before = jarena_regions();

	(void)state;
	a = jarena_begin();
	jarena_end(a);
	assert_int_equal(jarena_regions(), before);
	v = parse_in_region("[1,2,3]", &a);
	json_decref(v);
	assert_int_equal(jarena_regions(), before + 1);
	jarena_end(a);
	assert_int_equal(jarena_regions(), before);
	jarena_end(NULL);
}

/* A part kept past its tree keeps the region; a large string in a region
 * is an allocation of its own. */
static void
test_region_part(void **state)
{
	struct jarena	*a;
	json_t		*v, *part;
	long		 before = jarena_regions();
	struct buf	 b = BUF_INIT;
	size_t		 i;

	(void)state;
	buf_add(&b, "{\"s\":\"", 6);
	for (i = 0; i < 100000; i++)
		buf_add(&b, "y", 1);
	buf_addstr(&b, "\",\"keep\":{\"k\":[1,\"two\"]}}");
	buf_add(&b, "", 1);
	v = parse_in_region(b.data, &a);
	jarena_end(a);
	buf_free(&b);
	assert_int_equal(strlen(json_string_value(json_object_get(v, "s"))),
	    100000);
	part = json_incref(json_object_get(v, "keep"));
	json_decref(v);
	assert_int_equal(jarena_regions(), before + 1);
	text_is(part, "{\"k\":[1,\"two\"]}");
	json_decref(part);
	assert_int_equal(jarena_regions(), before);
}

/* Nested: the inner region's tree is its own, the outer one's goes on
 * after it. */
static void
test_region_nested(void **state)
{
	struct jarena	*outer, *inner;
	json_t		*a, *b, *c;
	long		 before = jarena_regions();

	(void)state;
	a = parse_in_region("{\"o\":1}", &outer);
	b = parse_in_region("{\"i\":2}", &inner);
	jarena_end(inner);
	c = json_loads("[\"outer again\"]", 0, NULL);
	jarena_end(outer);
	assert_int_equal(jarena_regions(), before + 2);
	json_decref(b);
	assert_int_equal(jarena_regions(), before + 1);
	text_is(a, "{\"o\":1}");
	text_is(c, "[\"outer again\"]");
	json_decref(a);
	assert_int_equal(jarena_regions(), before + 1);
	json_decref(c);
	assert_int_equal(jarena_regions(), before);
}

static void *
decref_thread(void *arg)
{
	json_decref(arg);
	return (NULL);
}

/* Trees made on one thread and freed on others, at once. */
static void
test_region_threads(void **state)
{
	struct jarena	*a;
	pthread_t	 t[8];
	json_t		*v[8];
	long		 before = jarena_regions();
	size_t		 i;

	(void)state;
	for (i = 0; i < 8; i++) {
		v[i] = parse_in_region(doc, &a);
		jarena_end(a);
	}
	assert_int_equal(jarena_regions(), before + 8);
	for (i = 0; i < 8; i++)
		assert_int_equal(pthread_create(&t[i], NULL, decref_thread,
		    v[i]), 0);
	for (i = 0; i < 8; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(jarena_regions(), before);
}

/* A first block as large as a region's first chunk, or larger, fits. */
static void
test_region_first_block(void **state)
{
	json_malloc_t	 m;
	json_free_t	 f;
	struct jarena	*a;
	size_t		 n;
	char		*big, *small;
	long		 before = jarena_regions();

	(void)state;
	json_get_alloc_funcs(&m, &f);
	for (n = 16000; n <= 16400; n += 8) {
		a = jarena_begin();
		big = m(n);
		small = m(24);
		assert_non_null(big);
		assert_non_null(small);
		memset(big, 'x', n);	/* ASan and valgrind see an overrun */
		memset(small, 'y', 24);
		jarena_end(a);
		assert_int_equal(jarena_regions(), before + 1);
		f(big);
		f(small);
		assert_int_equal(jarena_regions(), before);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_region_tree),
		cmocka_unit_test(test_region_empty),
		cmocka_unit_test(test_region_part),
		cmocka_unit_test(test_region_nested),
		cmocka_unit_test(test_region_threads),
		cmocka_unit_test(test_region_first_block),
	};

	jarena_install();	/* before jansson allocates anything */
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
