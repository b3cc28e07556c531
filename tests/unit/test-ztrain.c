/*
 * test-ztrain: the samples a compression dictionary is made of
 * (src/codec/ztrain.c): what a pool keeps of each object, when it is
 * ready, and the dictionary's layout -- the other objects' samples first,
 * then main samples spread evenly over the pool in its order, the latest
 * last -- within the size asked for.
 */
#include "config.h"

#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "codec/zblob.h"
#include "codec/ztrain.h"
#include "util/buf.h"

/* A sample of len bytes that names itself: "<tag><n>|" repeated. */
static void
sample(struct buf *b, char tag, unsigned n, size_t len)
{
	char	head[32];
	size_t	hl;

	buf_reset(b);
	hl = (size_t)snprintf(head, sizeof head, "%c%05u|", tag, n);
	while (b->len < len)
		buf_add(b, head, len - b->len < hl ? len - b->len : hl);
}

/* Where "<tag><n>|" first occurs in the dictionary, or -1. */
static long
find(const struct buf *d, char tag, unsigned n)
{
	char		 head[32];
	const char	*p;
	size_t		 hl, i;

	hl = (size_t)snprintf(head, sizeof head, "%c%05u|", tag, n);
	for (i = 0; i + hl <= d->len; i++) {
		p = d->data + i;
		if (memcmp(p, head, hl) == 0)
			return ((long)i);
	}
	return (-1);
}

static void
test_ztrain_pool(void **state)
{
	struct ztrain	 t;
	struct buf	 s = BUF_INIT;
	unsigned	 i;

	(void)state;
	ztrain_init(&t);
	assert_false(ztrain_ready(&t, 1));
	/* An object gives its first ZTRAIN_SAMPLE bytes. */
	sample(&s, 'm', 0, ZTRAIN_SAMPLE * 3);
	ztrain_add(&t, ZTRAIN_MAIN, s.data, s.len);
	assert_int_equal(t.pool[ZTRAIN_MAIN].data.len, ZTRAIN_SAMPLE);
	ztrain_add(&t, ZTRAIN_MAIN, s.data, 0);
	assert_int_equal(t.pool[ZTRAIN_MAIN].n, 1);
	/* Below the least a dictionary is made of, even at the end. */
	assert_false(ztrain_ready(&t, 1));
	for (i = 1; t.pool[ZTRAIN_MAIN].data.len < ZTRAIN_MIN; i++) {
		sample(&s, 'm', i, 1000);
		ztrain_add(&t, ZTRAIN_MAIN, s.data, s.len);
	}
	assert_true(ztrain_ready(&t, 1));
	assert_false(ztrain_ready(&t, 0));
	/* Other objects never make it ready. */
	for (i = 0; i < 200; i++) {
		sample(&s, 'o', i, 1000);
		ztrain_add(&t, ZTRAIN_OTHER, s.data, s.len);
	}
	assert_int_equal(t.pool[ZTRAIN_OTHER].data.len, ZTRAIN_OTHER_POOL);
	assert_false(ztrain_ready(&t, 0));
	/* The pool fills to its size exactly, and is ready. */
	for (i = 100; i < 1000; i++) {
		sample(&s, 'm', i, 1000);
		ztrain_add(&t, ZTRAIN_MAIN, s.data, s.len);
	}
	assert_int_equal(t.pool[ZTRAIN_MAIN].data.len, ZTRAIN_POOL);
	assert_true(ztrain_ready(&t, 0));
	ztrain_free(&t);
	assert_int_equal(t.pool[ZTRAIN_MAIN].data.len, 0);
	assert_false(ztrain_ready(&t, 1));
	buf_free(&s);
}

/* A small pool goes in whole: the others, then the main ones, in order. */
static void
test_ztrain_small(void **state)
{
	struct ztrain	 t;
	struct buf	 s = BUF_INIT, d = BUF_INIT, want = BUF_INIT;
	unsigned	 i;

	(void)state;
	ztrain_init(&t);
	for (i = 0; i < 3; i++) {
		sample(&s, 'o', i, 500);
		ztrain_add(&t, ZTRAIN_OTHER, s.data, s.len);
		buf_add(&want, s.data, s.len);
	}
	for (i = 0; i < 20; i++) {
		sample(&s, 'm', i, 900);
		ztrain_add(&t, ZTRAIN_MAIN, s.data, s.len);
	}
	for (i = 0; i < 20; i++) {
		sample(&s, 'm', i, 900);
		buf_add(&want, s.data, s.len);
	}
	ztrain_build(&t, ZBLOB_DICT_MAX, &d);
	assert_int_equal(d.len, want.len);
	assert_memory_equal(d.data, want.data, d.len);
	ztrain_free(&t);
	buf_free(&s);
	buf_free(&d);
	buf_free(&want);
}

/*
 * A full pool: the dictionary is nearly max bytes, the others' part at
 * most half, and the main samples are spread over the whole
 * pool in its order, ending with the latest whole.
 */
static void
test_ztrain_spread(void **state)
{
	struct ztrain	 t;
	struct buf	 s = BUF_INIT, d = BUF_INIT, again = BUF_INIT;
	const struct ztrain_pool *pl;
	size_t		 tail;
	unsigned	 i, n, first = 0, last = 0, picked = 0, maxgap = 0;
	long		 at, prev = -1, other_end = 0;

	(void)state;
	ztrain_init(&t);
	for (i = 0; i < 50; i++) {
		sample(&s, 'o', i, 1200);
		ztrain_add(&t, ZTRAIN_OTHER, s.data, s.len);
	}
	for (n = 0; !ztrain_ready(&t, 0); n++) {
		/* 1 KiB each: the pool holds 256 of them whole. */
		sample(&s, 'm', n, 1024);
		ztrain_add(&t, ZTRAIN_MAIN, s.data, s.len);
	}
	ztrain_build(&t, ZBLOB_DICT_MAX, &d);
	/* Nearly full: the picks are the samples' average size apart. */
	assert_int_equal(n, ZTRAIN_POOL / 1024);
	assert_true(d.len <= ZBLOB_DICT_MAX && d.len > ZBLOB_DICT_MAX - 1024);
	/* The others' part ends where the first main sample begins. */
	for (i = 0; i < n && other_end == 0; i++) {
		if ((at = find(&d, 'm', i)) >= 0)
			other_end = at;
	}
	/* (the oldest main sample may be cut: its first whole name) */
	assert_true(other_end > 0 && other_end <= (long)ZBLOB_DICT_MAX / 2 + 7);
	for (i = 0; i < 50; i++)
		assert_true(find(&d, 'o', i) < other_end);
	/* The others span their pool too: the first and the last. */
	assert_true(find(&d, 'o', 49) >= 0);
	assert_true(find(&d, 'o', 25) >= 0 || find(&d, 'o', 26) >= 0 ||
	    find(&d, 'o', 24) >= 0 || find(&d, 'o', 23) >= 0);
	for (i = 0; i < n; i++) {
		if ((at = find(&d, 'm', i)) < 0)
			continue;
		assert_true(at > prev);		/* in the pool's order */
		prev = at;
		if (picked++ == 0)
			first = i;
		else if (i - last > maxgap)
			maxgap = i - last;
		last = i;
	}
	/* The latest ends the dictionary, whole (as the pool holds it). */
	assert_int_equal(last, n - 1);
	pl = &t.pool[ZTRAIN_MAIN];
	tail = pl->ends[n - 1] - pl->ends[n - 2];
	assert_int_equal(tail, 1024);
	sample(&s, 'm', n - 1, 1024);
	assert_memory_equal(d.data + d.len - 1024, s.data, 1024);
	assert_memory_equal(d.data + d.len - tail, pl->data.data +
	    pl->data.len - tail, tail);
	/* About one in eleven, from the start of the pool to its end. */
	assert_true(picked >= 15);
	assert_true(first < n / 10);
	assert_true(maxgap <= n / picked + 2);
	/* The same samples make the same dictionary. */
	ztrain_build(&t, ZBLOB_DICT_MAX, &again);
	assert_int_equal(again.len, d.len);
	assert_memory_equal(again.data, d.data, d.len);
	/* A smaller one keeps the latest too. */
	ztrain_build(&t, 4096, &again);
	assert_true(again.len <= 4096 && again.len > 3000);
	assert_memory_equal(again.data + again.len - tail, pl->data.data +
	    pl->data.len - tail, tail);
	ztrain_free(&t);
	buf_free(&s);
	buf_free(&d);
	buf_free(&again);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_ztrain_pool),
		cmocka_unit_test(test_ztrain_small),
		cmocka_unit_test(test_ztrain_spread),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
