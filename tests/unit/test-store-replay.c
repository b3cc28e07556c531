/*
 * test-store-replay: a model's change records replayed into the step
 * series of its listings (src/store/store-replay.c), and the change feed's
 * wording of a record's values.
 */
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

/* One listing's state after each point. */
struct states {
	struct change_value	v[4][RF_N];
	size_t			n;
};

static void
collect_all(void *arg, const struct replay_point *p)
{
	struct states	*st = arg;

	assert_true(st->n < 4);
	memcpy(st->v[st->n++], p->v, sizeof p->v);
}

/*
 * A run's metrics of a listing in one record (replay_metrics_pack): the
 * changed values new, the others as the row had them, none as none; the
 * prices and status are not in it.  Replayed, it moves the metrics and
 * leaves the prices where the records before it put them.
 */
static void
test_metrics_pack(void **state)
{
	static char		 added[] = "endpoint_added",
				 metrics[] = "metrics", e1[] = "e1";
	struct ep_change	 c[EP_CHANGE_MAX];
	struct change_value	 first[RF_N], m[RF_N];
	struct change_rec	 recs[2];
	struct states		 st;
	struct ep_row		 old, new;
	char			*text;
	size_t			 n;

	(void)state;
	ep_row_init(&old);
	old.price_prompt = 1e-6;
	old.p50_latency_ms = 420;
	old.p50_throughput = 50.5;
	old.uptime = 99;
	ep_row_init(&new);
	new.price_prompt = 1e-6;
	new.p50_latency_ms = 380;
	new.uptime = 99;
	n = ep_change_diff(&old, &new, 0, c);
	assert_int_equal(n, 2);
	text = replay_metrics_pack(c, n, &old);
	assert_string_equal(text, "v1:,,,r380,,r99,");
	assert_int_equal(replay_first_unpack(text, m), 0);
	free(text);
	/* Only the uptime changed: the others are the row's. */
	new.p50_latency_ms = 420;
	new.p50_throughput = 50.5;
	new.uptime = 97.25;
	n = ep_change_diff(&old, &new, 0, c);
	assert_int_equal(n, 1);
	text = replay_metrics_pack(c, n, &old);
	assert_string_equal(text, "v1:,,,r420,r50.5,r97.25,");
	free(text);

	memset(recs, 0, sizeof recs);
	memset(first, 0, sizeof first);
	first[RF_PROMPT].type = CHV_REAL;
	first[RF_PROMPT].r = 1e-6;
	first[RF_THROUGHPUT].type = CHV_REAL;
	first[RF_THROUGHPUT].r = 50.5;
	first[RF_STATUS].type = CHV_INT;
	recs[0].run_id = 1;
	recs[0].kind = added;
	recs[0].endpoint_id = e1;
	recs[0].first = first;
	recs[1].run_id = 2;
	recs[1].at = 2000;
	recs[1].kind = metrics;
	recs[1].endpoint_id = e1;
	recs[1].first = m;
	memset(&st, 0, sizeof st);
	replay_changes(recs, 2, NULL, 0, collect_all, &st);
	assert_int_equal(st.n, 2);
	assert_true(st.v[1][RF_PROMPT].r == 1e-6);
	assert_int_equal(st.v[1][RF_STATUS].type, CHV_INT);
	assert_true(st.v[1][RF_LATENCY].r == 380);
	assert_int_equal(st.v[1][RF_THROUGHPUT].type, CHV_NULL);
	assert_true(st.v[1][RF_UPTIME].r == 99);
	ep_row_clear(&old);
	ep_row_clear(&new);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pack_roundtrip),
		cmocka_unit_test(test_unpack_refused),
		cmocka_unit_test(test_replay_first),
		cmocka_unit_test(test_metrics_pack),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
