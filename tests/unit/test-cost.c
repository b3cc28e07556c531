/*
 * test-cost: the blended price, the request cost and the ranking that
 * `orbrowse cheapest` and the model screen share (project/cost.c).
 */
#include "config.h"

#include "unit.h"

#include <math.h>

#include "project/cost.h"
#include "util/xmalloc.h"

#define PER_M	1e-6	/* USD per million tokens, as USD per token */

static void
row(struct ep_row *r, double prompt, double completion, double cache_read)
{
	ep_row_init(r);
	r->price_prompt = prompt;
	r->price_completion = completion;
	r->price_cache_read = cache_read;
}

/* A request shape: the p:c mix, the cache share, the request size. */
static struct cost_shape
shape(double p, double c, double cache_share, double size)
{
	struct cost_shape	s;

	cost_shape_init(&s);
	s.prompt = p;
	s.completion = c;
	s.cache_share = cache_share;
	s.size = size;
	return (s);
}

static double
blended(const struct ep_row *r, double p, double c, double cache_share)
{
	struct cost_shape	s = shape(p, c, cache_share, 0);

	return (cost_blended(r, &s));
}

static double
request(const struct ep_row *r, double p, double c, double cache_share,
    double size)
{
	struct cost_shape	s = shape(p, c, cache_share, size);

	return (cost_request(r, &s));
}

static void
assert_close(double got, double want)
{
	if (isnan(got) || fabs(got - want) > 1e-12 * (fabs(want) + 1e-9))
		fail_msg("got %.15g, want %.15g", got, want);
}

static void
test_blended_mix(void **state)
{
	struct ep_row	r;

	(void)state;
	row(&r, 1 * PER_M, 5 * PER_M, NAN);
	/* 3:1 of $1 and $5 per million: (3 + 5) / 4. */
	assert_close(blended(&r, 3, 1, 0), 2 * PER_M);
	assert_close(blended(&r, 1, 1, 0), 3 * PER_M);
	assert_close(blended(&r, 1, 0, 0), 1 * PER_M);
	assert_close(blended(&r, 0, 1, 0), 5 * PER_M);
	/* The ratio matters, not its scale. */
	assert_close(blended(&r, 30, 10, 0),
	    blended(&r, 3, 1, 0));
	/* No mix at all, or a negative one, has no price. */
	assert_true(isnan(blended(&r, 0, 0, 0)));
	assert_true(isnan(blended(&r, -1, 2, 0)));
	assert_true(isnan(blended(&r, NAN, 1, 0)));
	ep_row_clear(&r);
}

static void
test_free_endpoint(void **state)
{
	struct ep_row	r;

	(void)state;
	row(&r, 0, 0, NAN);
	assert_close(blended(&r, 3, 1, 0), 0);
	assert_close(request(&r, 3, 1, 0.5, 10000), 0);
	ep_row_clear(&r);
}

static void
test_null_prices(void **state)
{
	struct ep_row	r;

	(void)state;
	/* Unknown completion price. */
	row(&r, 1 * PER_M, NAN, NAN);
	assert_true(isnan(blended(&r, 3, 1, 0)));
	assert_true(isnan(request(&r, 1000, 1, 0, 1000)));
	/* ... is not needed for a prompt-only mix. */
	assert_close(blended(&r, 1, 0, 0), 1 * PER_M);
	assert_close(request(&r, 1, 0, 0, 1000), 1000 * PER_M);

	/* Unknown prompt price. */
	row(&r, NAN, 2 * PER_M, NAN);
	assert_true(isnan(blended(&r, 3, 1, 0)));
	assert_true(isnan(blended(&r, 3, 1, 0.5)));
	assert_close(blended(&r, 0, 1, 0), 2 * PER_M);
	/* Every prompt token cached at a known price: no fresh price
	 * needed. */
	row(&r, NAN, 2 * PER_M, 0.5 * PER_M);
	assert_close(blended(&r, 1, 1, 1), 1.25 * PER_M);
	assert_true(isnan(blended(&r, 1, 1, 0.99)));

	/* Nothing known. */
	row(&r, NAN, NAN, NAN);
	assert_true(isnan(blended(&r, 3, 1, 0)));
	assert_true(isnan(blended(&r, 1, 0, 0.5)));
	ep_row_clear(&r);
}

static void
test_cache_share(void **state)
{
	struct ep_row	r;

	(void)state;
	row(&r, 2 * PER_M, 8 * PER_M, 0.5 * PER_M);
	assert_close(blended(&r, 1, 0, 0), 2 * PER_M);
	assert_close(blended(&r, 1, 0, 0.5), 1.25 * PER_M);
	assert_close(blended(&r, 1, 0, 1), 0.5 * PER_M);
	/* Out-of-range shares are clamped. */
	assert_close(blended(&r, 1, 0, -1), 2 * PER_M);
	assert_close(blended(&r, 1, 0, 2), 0.5 * PER_M);
	assert_close(blended(&r, 1, 0, NAN), 2 * PER_M);
	/* 3:1 at 0%, 50%, 100% cache reads. */
	assert_close(blended(&r, 3, 1, 0), (3 * 2 + 8) / 4.0 * PER_M);
	assert_close(blended(&r, 3, 1, 0.5),
	    (3 * 1.25 + 8) / 4.0 * PER_M);
	assert_close(blended(&r, 3, 1, 1), (3 * 0.5 + 8) / 4.0 * PER_M);

	/* Without a cache price, cached tokens cost the prompt price. */
	row(&r, 2 * PER_M, 8 * PER_M, NAN);
	assert_close(blended(&r, 3, 1, 0), 3.5 * PER_M);
	assert_close(blended(&r, 3, 1, 0.5), 3.5 * PER_M);
	assert_close(blended(&r, 3, 1, 1), 3.5 * PER_M);
	ep_row_clear(&r);
}

static void
test_request(void **state)
{
	struct ep_row	r;

	(void)state;
	row(&r, 0.25 * PER_M, 1 * PER_M, 0.025 * PER_M);
	/* 10,000 prompt tokens, 3:1 -> 3,333.33 completion tokens. */
	assert_close(request(&r, 3, 1, 0, 10000),
	    0.0025 + 10000.0 / 3 * 1e-6);
	/* Zero completion: the prompt alone. */
	assert_close(request(&r, 1, 0, 0, 10000), 0.0025);
	assert_close(request(&r, 1, 0, 0.5, 10000),
	    10000 * (0.5 * 0.25 + 0.5 * 0.025) * PER_M);
	assert_close(request(&r, 1, 0, 1, 10000), 0.00025);
	/* Zero prompt. */
	assert_close(request(&r, 0, 1, 1, 2000), 0.002);
	assert_close(request(&r, 3, 1, 0, 0), 0);
	/* No mix, no price: no request cost either. */
	assert_true(isnan(request(&r, 0, 0, 0, 10000)));
	/* The request and the blended price agree. */
	assert_close(request(&r, 3, 1, 0.5, 3000),
	    4000 * blended(&r, 3, 1, 0.5));
	ep_row_clear(&r);
}

static void
test_shape(void **state)
{
	struct cost_shape	s;
	double			p, c;

	(void)state;
	/* The defaults the CLI and the UI share. */
	cost_shape_init(&s);
	assert_close(s.prompt, 3);
	assert_close(s.completion, 1);
	assert_close(s.cache_share, 0);
	assert_close(s.size, 10000);
	cost_shape_tokens(&s, &p, &c);
	assert_close(p, 10000);
	assert_close(c, 10000.0 / 3);
	/* A completion-only mix counts its size in completion tokens. */
	s = shape(0, 1, 0, 500);
	cost_shape_tokens(&s, &p, &c);
	assert_close(p, 0);
	assert_close(c, 500);
	s = shape(1, 0, 0, 500);
	cost_shape_tokens(&s, &p, &c);
	assert_close(p, 500);
	assert_close(c, 0);
}

/*
 * A row for the ranking: its id, its prompt and completion prices (USD per
 * million), its cache-read price and its throughput (NAN unknown).
 */
static void
ranked_row(struct ep_row *r, const char *id, double prompt,
    double completion, double cache_read, double tps)
{
	row(r, prompt * PER_M, completion * PER_M, cache_read * PER_M);
	r->endpoint_id = id != NULL ? xstrdup(id) : NULL;
	r->p50_throughput = tps;
}

/* Rank rows for the shape and check the order of their ids. */
static void
assert_order(const struct ep_row *rows, size_t n, const struct cost_shape *s,
    const char *const *want)
{
	struct cost_rank	rank[8];
	const char		*id;
	size_t			i;

	assert_true(n <= 8);
	cost_rank(rows, n, s, rank);
	for (i = 0; i < n; i++) {
		id = rows[rank[i].row].endpoint_id;
		if (id == NULL ? want[i] != NULL : want[i] == NULL ||
		    strcmp(id, want[i]) != 0)
			fail_msg("rank %zu: got %s, want %s", i + 1,
			    id != NULL ? id : "(null)",
			    want[i] != NULL ? want[i] : "(null)");
	}
}

static void
rows_clear(struct ep_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		ep_row_clear(&rows[i]);
}

static void
test_rank_price(void **state)
{
	static const char *const	want[] = { "c", "a", "d", "b" };
	struct ep_row			rows[4];
	struct cost_shape		s = shape(3, 1, 0, 10000);
	struct cost_rank		rank[4];
	size_t				i;

	(void)state;
	/* 3:1 blended: a 2, b unknown, c 1.5, d 2.5. */
	ranked_row(&rows[0], "a", 1, 5, NAN, 10);
	ranked_row(&rows[1], "b", NAN, 1, NAN, 500);
	ranked_row(&rows[2], "c", 1, 3, NAN, NAN);
	ranked_row(&rows[3], "d", 2, 4, NAN, 20);
	assert_order(rows, 4, &s, want);
	/* Each rank carries the row's blended price and request cost. */
	cost_rank(rows, 4, &s, rank);
	for (i = 0; i < 4; i++) {
		if (isnan(rank[i].blended)) {
			assert_true(isnan(cost_blended(&rows[rank[i].row], &s)));
			assert_true(isnan(rank[i].request));
			continue;
		}
		assert_close(rank[i].blended,
		    cost_blended(&rows[rank[i].row], &s));
		assert_close(rank[i].request,
		    cost_request(&rows[rank[i].row], &s));
	}
	rows_clear(rows, 4);
}

static void
test_rank_ties(void **state)
{
	static const char *const	want[] = { "b", "c", NULL, "a", "d",
					    "f", "g" };
	static const char *const	same[] = { "x", "x", "x" };
	struct ep_row			rows[7];
	struct cost_shape		s = shape(3, 1, 0, 10000);
	struct cost_rank		rank[3];

	(void)state;
	/* All at one price: the faster first, then unknown throughput. */
	ranked_row(&rows[0], "a", 1, 1, NAN, NAN);
	ranked_row(&rows[1], "b", 1, 1, NAN, 90);
	ranked_row(&rows[2], "c", 1, 1, NAN, 30);
	ranked_row(&rows[3], "d", 1, 1, NAN, NAN);
	/* Unknown throughput, then the id decides; a missing id is "". */
	ranked_row(&rows[4], NULL, 1, 1, NAN, NAN);
	/* Unknown prices rank last, by the same tie-break. */
	ranked_row(&rows[5], "f", NAN, NAN, NAN, 5);
	ranked_row(&rows[6], "g", NAN, NAN, NAN, NAN);
	assert_order(rows, 7, &s, want);
	rows_clear(rows, 7);

	/* Rows alike in every key keep the order they were given in. */
	ranked_row(&rows[0], "x", 1, 1, NAN, 7);
	ranked_row(&rows[1], "x", 1, 1, NAN, 7);
	ranked_row(&rows[2], "x", 1, 1, NAN, 7);
	assert_order(rows, 3, &s, same);
	cost_rank(rows, 3, &s, rank);
	assert_int_equal(rank[0].row, 0);
	assert_int_equal(rank[1].row, 1);
	assert_int_equal(rank[2].row, 2);
	rows_clear(rows, 3);
}

/*
 * The tie `orbrowse cheapest` used to break by the endpoint id alone when a
 * throughput was unknown: the known throughput goes first, whatever the ids.
 */
static void
test_rank_unknown_throughput(void **state)
{
	static const char *const	want[] = { "b-known", "a-unknown" };
	struct ep_row			rows[2];
	struct cost_shape		s = shape(3, 1, 0, 10000);

	(void)state;
	ranked_row(&rows[0], "a-unknown", 2, 6, NAN, NAN);
	ranked_row(&rows[1], "b-known", 2, 6, NAN, 1);
	assert_order(rows, 2, &s, want);
	rows_clear(rows, 2);
	/* Given the other way round: the same order. */
	ranked_row(&rows[0], "b-known", 2, 6, NAN, 1);
	ranked_row(&rows[1], "a-unknown", 2, 6, NAN, NAN);
	assert_order(rows, 2, &s, want);
	rows_clear(rows, 2);
}

static void
test_rank_cache_share(void **state)
{
	static const char *const	fresh[] = { "plain", "cached" };
	static const char *const	warm[] = { "cached", "plain" };
	struct ep_row			rows[2];
	struct cost_shape		s = shape(3, 1, 0, 10000);

	(void)state;
	/* 3:1: plain costs 2.0 at any share; cached 2.5 at 0%, 2.21875 at
	 * 25%, 1.9375 at 50%, 1.375 at 100%. */
	ranked_row(&rows[0], "plain", 1, 5, NAN, 10);
	ranked_row(&rows[1], "cached", 2, 4, 0.5, 10);
	assert_order(rows, 2, &s, fresh);
	s.cache_share = 0.25;
	assert_order(rows, 2, &s, fresh);
	s.cache_share = 0.5;
	assert_order(rows, 2, &s, warm);
	s.cache_share = 1;
	assert_order(rows, 2, &s, warm);
	/* A prompt-only mix: 1 against 2 fresh, 1 against 0.5 cached. */
	s = shape(1, 0, 0, 1000);
	assert_order(rows, 2, &s, fresh);
	s = shape(1, 0, 1, 1000);
	assert_order(rows, 2, &s, warm);
	/* The share counts prompt tokens only: a completion-only mix ranks by
	 * the completion prices (5 against 4) whatever it is. */
	s = shape(0, 1, 0, 1000);
	assert_order(rows, 2, &s, warm);
	s = shape(0, 1, 1, 1000);
	assert_order(rows, 2, &s, warm);
	rows_clear(rows, 2);
}

static void
test_rank_marks(void **state)
{
	struct ep_row		rows[4];
	struct cost_shape	s = shape(3, 1, 0, 10000);
	struct cost_rank	rank[4];
	size_t			cheapest, fastest;

	(void)state;
	/* Ranked b, a, d, c; b and d share the highest throughput. */
	ranked_row(&rows[0], "a", 2, 2, NAN, 10);
	ranked_row(&rows[1], "b", 1, 1, NAN, 50);
	ranked_row(&rows[2], "c", NAN, 1, NAN, NAN);
	ranked_row(&rows[3], "d", 3, 3, NAN, 50);
	cost_rank(rows, 4, &s, rank);
	cost_rank_marks(rows, rank, 4, &cheapest, &fastest);
	assert_int_equal(cheapest, 0);
	assert_int_equal(fastest, 0);	/* b beats d on the tie */
	rows[1].p50_throughput = NAN;
	cost_rank(rows, 4, &s, rank);
	cost_rank_marks(rows, rank, 4, &cheapest, &fastest);
	assert_int_equal(cheapest, 0);
	assert_string_equal(rows[rank[fastest].row].endpoint_id, "d");
	rows_clear(rows, 4);

	/* No known price, no known throughput: no marks. */
	ranked_row(&rows[0], "a", NAN, NAN, NAN, NAN);
	ranked_row(&rows[1], "b", NAN, 1, NAN, NAN);
	cost_rank(rows, 2, &s, rank);
	cost_rank_marks(rows, rank, 2, &cheapest, &fastest);
	assert_true(cheapest == COST_NONE);
	assert_true(fastest == COST_NONE);
	cost_rank_marks(rows, rank, 0, &cheapest, &fastest);
	assert_true(cheapest == COST_NONE && fastest == COST_NONE);
	rows_clear(rows, 2);
}

static void
test_rank_status(void **state)
{
	struct ep_row		r[3];
	struct cost_rank	rank[3];
	struct cost_shape	s;
	size_t			cheapest, fastest;

	(void)state;
	/* The cheapest is degraded (-2): it ranks after the healthy. */
	row(&r[0], 0.1 * PER_M, 0.1 * PER_M, NAN);
	r[0].status = -2;
	row(&r[1], 2 * PER_M, 2 * PER_M, NAN);
	r[1].status = 0;
	row(&r[2], 1 * PER_M, 1 * PER_M, NAN);	/* status not given */
	cost_shape_init(&s);
	cost_rank(r, 3, &s, rank);
	assert_int_equal(rank[0].row, 2);
	assert_int_equal(rank[1].row, 1);
	assert_int_equal(rank[2].row, 0);
	assert_false(rank[0].degraded);
	assert_true(rank[2].degraded);
	cost_rank_marks(r, rank, 3, &cheapest, &fastest);
	assert_int_equal(cheapest, 0);
	ep_row_clear(&r[0]);
	ep_row_clear(&r[1]);
	ep_row_clear(&r[2]);
}

/* USD for one request of shape and extra. */
static double
request_x(const struct ep_row *r, const struct cost_shape *s,
    const struct cost_extra *x, struct cost_rank *k)
{
	cost_eval(r, s, x, k);
	return (k->request);
}

static void
test_shape_components(void **state)
{
	struct ep_row		r[2];
	struct cost_rank	rank[2];
	struct cost_shape	s;
	struct cost_extra	x;
	struct cost_rank	k;
	char			buf[64];

	(void)state;
	/* Base $1/$4; over 100k prompt tokens $2/$8; 22:00-06:00 $0.5 in. */
	row(&r[0], 1 * PER_M, 4 * PER_M, 0.1 * PER_M);
	r[0].price_cache_write = 1.25 * PER_M;
	r[0].price_request = 0.001;
	r[0].price_overrides = xstrdup("[{\"min_prompt_tokens\":100000,"
	    "\"prompt\":2e-6,\"completion\":8e-6},"
	    "{\"utc_start\":2200,\"utc_end\":600,\"prompt\":5e-7}]");
	row(&r[1], 1.5 * PER_M, 4 * PER_M, NAN);
	cost_shape_init(&s);
	cost_extra_init(&x);
	cost_shape_set_tokens(&s, 1000, 100);
	x.utc_minute = 12 * 60;
	assert_close(request_x(&r[0], &s, &x, &k), 1000 * 1e-6 + 100 * 4e-6 +
	    0.001);
	/* Cache reads and 5-minute writes; the other row falls back to its
	 * prompt price for both. */
	s.cache_share = 0.5;
	x.cache_write = 0.25;
	assert_close(request_x(&r[0], &s, &x, &k), 250 * 1e-6 + 500 * 0.1e-6 +
	    250 * 1.25e-6 + 100 * 4e-6 + 0.001);
	assert_close(request_x(&r[1], &s, &x, &k), 1000 * 1.5e-6 + 100 * 4e-6);
	/* Reasoning at the completion price when none is given. */
	s.cache_share = 0;
	x.cache_write = 0;
	x.reasoning = 50;
	assert_close(request_x(&r[1], &s, &x, &k), 1000 * 1.5e-6 + 150 * 4e-6);
	x.reasoning = 0;
	/* Over the tier: the whole request at its prices, and it shows. */
	cost_shape_set_tokens(&s, 200000, 100);
	cost_rank_extra(r, 2, &s, &x, rank);
	assert_int_equal(rank[0].row, 1);
	assert_true(rank[1].applied);
	assert_int_equal(rank[1].ov.cond, PRICE_TIER);
	assert_int_equal(rank[1].ov.min_prompt_tokens, 100000);
	assert_close(rank[1].price_prompt, 2 * PER_M);
	assert_close(rank[1].price_completion, 8 * PER_M);
	assert_int_equal(rank[1].under_tier, -1);
	assert_string_equal(cost_applied_label(&rank[1], buf, sizeof buf),
	    "prompt>100k");
	assert_false(rank[0].applied);
	assert_string_equal(cost_applied_label(&rank[0], buf, sizeof buf),
	    "-");
	/* Over the tier at night: the window on top of the tier, both told. */
	x.utc_minute = 23 * 60;
	cost_rank_extra(r, 2, &s, &x, rank);
	assert_int_equal(rank[0].row, 0);
	assert_int_equal(rank[0].ov.cond, PRICE_WINDOW);
	assert_int_equal(rank[0].under_tier, 100000);
	assert_close(rank[0].price_prompt, 0.5 * PER_M);
	assert_close(rank[0].price_completion, 8 * PER_M);
	assert_string_equal(cost_applied_label(&rank[0], buf, sizeof buf),
	    "22:00-06:00 prompt>100k");
	assert_int_equal(rank[1].under_tier, -1);
	/* At night the window applies on top, and is the one reported. */
	cost_shape_set_tokens(&s, 1000, 100);
	x.utc_minute = 23 * 60;
	cost_rank_extra(r, 2, &s, &x, rank);
	assert_int_equal(rank[0].row, 0);
	assert_true(rank[0].applied);
	assert_int_equal(rank[0].ov.cond, PRICE_WINDOW);
	assert_int_equal(rank[0].ov.utc_start, 2200);
	assert_int_equal(rank[0].under_tier, -1);
	assert_string_equal(cost_applied_label(&rank[0], buf, sizeof buf),
	    "22:00-06:00");
	assert_close(rank[0].price_prompt, 0.5 * PER_M);
	/* Without a time of day no window applies. */
	x.utc_minute = -1;
	assert_close(request_x(&r[0], &s, &x, &k), 1000 * 1e-6 + 100 * 4e-6 +
	    0.001);
	ep_row_clear(&r[0]);
	ep_row_clear(&r[1]);
}

static void
test_free_by_price(void **state)
{
	struct ep_row	r;

	(void)state;
	row(&r, 0, 0, NAN);
	assert_int_equal(cost_free(&r), 1);
	r.price_web_search = 0.01;
	assert_int_equal(cost_free(&r), 0);
	r.price_web_search = NAN;
	r.price_unknown = 1u << PRICE_REQUEST;
	assert_int_equal(cost_free(&r), -1);
	/* An unknown price is never free, whatever the flag says. */
	r.is_free = 1;
	assert_int_equal(cost_free(&r), -1);
	ep_row_clear(&r);
	row(&r, NAN, NAN, NAN);
	assert_int_equal(cost_free(&r), -1);
	/* No price at all: the listing's flag decides. */
	r.is_free = 1;
	assert_int_equal(cost_free(&r), 1);
	r.is_free = 0;
	assert_int_equal(cost_free(&r), 0);
	ep_row_clear(&r);
	/* Priced: the price decides, not a ":free"-style flag. */
	row(&r, 1e-6, 2e-6, NAN);
	r.is_free = 1;
	assert_int_equal(cost_free(&r), 0);
	ep_row_clear(&r);
}

/* Counts as users type them, in the CLI and on the model screen. */
static void
test_parse_count(void **state)
{
	static const struct {
		const char	*arg;
		double		 want;		/* -1: refused */
	} cases[] = {
		{ "2000", 2000 }, { "12k", 12000 }, { "12K", 12000 },
		{ "1.5m", 1500000 }, { "1.5M", 1500000 }, { " 7 ", 7 },
		{ "0", 0 }, { "0.5k", 500 }, { ".5k", 500 }, { "3.", 3 },
		{ "1000000m", 1e12 }, { "1000001m", -1 },
		{ "2.5", -1 }, { "1.2345k", -1 },	/* not whole */
		{ "0x10", -1 }, { "1e3", -1 }, { "1e3k", -1 }, { "inf", -1 },
		{ "nan", -1 }, { "-5", -1 }, { "+5", -1 }, { "", -1 },
		{ ".", -1 }, { "k", -1 }, { "5 k", -1 }, { "5kk", -1 },
		{ "5g", -1 }, { "1,5k", -1 }, { "1..5", -1 },
		{ "12345.6789m", 12345678900.0 },
		{ "9373.252288m", 9373252288.0 },
		{ "1.50k", 1500 }, { "1.0000000", 1 }, { "1.0000001m", -1 },
		{ "999999999999", 999999999999.0 }, { "1000000000001", -1 },
		{ "0000000000000000001", -1 },
		{ "123456789012345678901234567890123", -1 },
	};
	double	v;
	size_t	i;
	int	rc;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		v = -7;
		rc = cost_parse_count(cases[i].arg, 1e12, &v);
		if (cases[i].want < 0) {
			if (rc != -1)
				fail_msg("\"%s\" accepted as %g", cases[i].arg,
				    v);
			assert_true(v == -7);
		} else if (rc != 0 || v != cases[i].want)
			fail_msg("\"%s\": rc %d, %g", cases[i].arg, rc, v);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rank_status),
		cmocka_unit_test(test_parse_count),
		cmocka_unit_test(test_shape_components),
		cmocka_unit_test(test_free_by_price),
		cmocka_unit_test(test_blended_mix),
		cmocka_unit_test(test_free_endpoint),
		cmocka_unit_test(test_null_prices),
		cmocka_unit_test(test_cache_share),
		cmocka_unit_test(test_request),
		cmocka_unit_test(test_shape),
		cmocka_unit_test(test_rank_price),
		cmocka_unit_test(test_rank_ties),
		cmocka_unit_test(test_rank_unknown_throughput),
		cmocka_unit_test(test_rank_cache_share),
		cmocka_unit_test(test_rank_marks),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
