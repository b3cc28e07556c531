#include "config.h"

#include <math.h>

#include "unit.h"

#include "project/endpoint.h"
#include "project/ep-change.h"
#include "store/store-replay.h"

/*
 * A new listing's first values, packed into its endpoint_added record
 * (replay_first_pack) and read back (replay_first_unpack): types and
 * exact values survive, absent and unknown values are none, anything else
 * is refused; and replay starts the listing from them.
 */

/* The changes a new listing makes from nothing, as the store gets them. */
static size_t
first_changes(struct ep_row *r, struct ep_change *c)
{
	struct ep_row	none;
	size_t		n;

	ep_row_init(&none);
	n = ep_change_diff(&none, r, 0, c);
	ep_row_clear(&none);
	return (n);
}

/* Pack n changes, expect the text want, and read it back into v. */
static void
pack_unpack(const struct ep_change *c, size_t n, const char *want,
    struct change_value *v)
{
	char	*text = replay_first_pack(c, n);

	assert_string_equal(text, want);
	assert_int_equal(replay_first_unpack(text, v), 0);
	free(text);
}

static void
test_pack_roundtrip(void **state)
{
	struct ep_change	 c[EP_CHANGE_MAX];
	struct change_value	 v[RF_N];
	struct ep_row		 r;
	size_t			 n;

	(void)state;
	ep_row_init(&r);
	r.endpoint_id = xstrdup("e1");
	r.model_key = xstrdup("acme/a");
	r.price_prompt = 0.0000000208333333333333;
	r.price_completion = 3e-6;
	r.p50_latency_ms = 420;
	r.uptime = 99.5;
	r.status = 0;
	n = first_changes(&r, c);
	pack_unpack(c, n, "v1:r2.08333333333333e-08,r3e-06,,r420,,r99.5,i0",
	    v);
	assert_int_equal(v[RF_PROMPT].type, CHV_REAL);
	assert_true(v[RF_PROMPT].r == r.price_prompt);
	assert_true(v[RF_COMPLETION].r == 3e-6);
	assert_int_equal(v[RF_CACHE_READ].type, CHV_NULL);
	assert_int_equal(v[RF_LATENCY].type, CHV_REAL);
	assert_true(v[RF_LATENCY].r == 420);
	assert_int_equal(v[RF_THROUGHPUT].type, CHV_NULL);
	assert_int_equal(v[RF_STATUS].type, CHV_INT);
	assert_int_equal(v[RF_STATUS].i, 0);

	/* An infinite value is none, the others kept. */
	r.p50_throughput = INFINITY;
	n = first_changes(&r, c);
	pack_unpack(c, n, "v1:r2.08333333333333e-08,r3e-06,,r420,,r99.5,i0",
	    v);
	assert_int_equal(v[RF_THROUGHPUT].type, CHV_NULL);

	/* Nothing known: every value none. */
	pack_unpack(c, 0, "v1:,,,,,,", v);
	assert_int_equal(v[RF_PROMPT].type, CHV_NULL);
	assert_int_equal(v[RF_STATUS].type, CHV_NULL);
	ep_row_clear(&r);
}

static void
test_unpack_refused(void **state)
{
	static const char *const bad[] = {
		"", "v1:", "v2:,,,,,,", "v1:,,,,,", "v1:,,,,,,,", "v1:x1,,,,,,",
		"v1:r,,,,,,", "v1:i,,,,,,", "v1:r1x,,,,,,", "v1:,,,,,,i0 ",
		"1e-06",
	};
	struct change_value	v[RF_N];
	size_t			i;

	(void)state;
	assert_int_equal(replay_first_unpack(NULL, v), -1);
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		v[RF_PROMPT].type = CHV_TEXT;
		assert_int_equal(replay_first_unpack(bad[i], v), -1);
		/* Refused: every value none. */
		assert_int_equal(v[RF_PROMPT].type, CHV_NULL);
	}
}

struct points {
	double	prompt[4];
	int	active[4];
	size_t	n;
};

static void
collect(void *arg, const struct replay_point *p)
{
	struct points	*pts = arg;

	assert_true(pts->n < 4);
	pts->prompt[pts->n] = change_value_real(&p->v[RF_PROMPT]);
	pts->active[pts->n] = p->active;
	pts->n++;
}

/* The new form (first values in endpoint_added) and the old (initial
 * records after it) replay to the same points. */
static void
test_replay_first(void **state)
{
	static char		 added[] = "endpoint_added",
				 changed[] = "price_changed",
				 initial[] = "initial", e1[] = "e1",
				 prompt[] = "prompt";
	struct change_value	 first[RF_N];
	struct change_rec	 recs[3];
	struct points		 pts;

	(void)state;
	memset(recs, 0, sizeof recs);
	memset(first, 0, sizeof first);
	first[RF_PROMPT].type = CHV_REAL;
	first[RF_PROMPT].r = 1e-6;
	recs[0].run_id = 1;
	recs[0].at = 1000;
	recs[0].kind = added;
	recs[0].endpoint_id = e1;
	recs[0].first = first;
	recs[1].run_id = 2;
	recs[1].at = 2000;
	recs[1].kind = changed;
	recs[1].endpoint_id = e1;
	recs[1].field = prompt;
	recs[1].new.type = CHV_REAL;
	recs[1].new.r = 2e-6;
	memset(&pts, 0, sizeof pts);
	replay_changes(recs, 2, NULL, 0, collect, &pts);
	assert_int_equal(pts.n, 2);
	assert_true(pts.prompt[0] == 1e-6);
	assert_true(pts.prompt[1] == 2e-6);
	assert_int_equal(pts.active[0], 1);

	/* Written before: an initial record of the same run. */
	recs[2] = recs[1];
	recs[0].first = NULL;
	recs[1].run_id = 1;
	recs[1].at = 1000;
	recs[1].kind = initial;
	recs[1].new.r = 1e-6;
	memset(&pts, 0, sizeof pts);
	replay_changes(recs, 3, NULL, 0, collect, &pts);
	assert_int_equal(pts.n, 2);
	assert_true(pts.prompt[0] == 1e-6);
	assert_true(pts.prompt[1] == 2e-6);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_roundtrip),
		cmocka_unit_test(test_unpack_refused),
		cmocka_unit_test(test_replay_first),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
