/*
 * Tests for project/compare.c: one model's column of a comparison, with
 * every value worked out here by hand from the rows.
 */
#include "config.h"

#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/compare.h"
#include "util/xmalloc.h"

static void
row(struct ep_row *r, const char *id, const char *slug, double in,
    double out, double lat, double tps, double up, int64_t ctx)
{
	ep_row_init(r);
	r->endpoint_id = xstrdup(id);
	r->model_key = xstrdup("acme/m-1");
	r->model_id = xstrdup("acme/m");
	r->model_in = xstrdup("text,image");
	r->model_out = xstrdup("text");
	r->model_cutoff = xstrdup("2025-06-30");
	r->provider_slug = xstrdup(slug);
	r->price_prompt = in;
	r->price_completion = out;
	r->p50_latency_ms = lat;
	r->p50_throughput = tps;
	r->uptime = up;
	r->context_length = ctx;
	r->status = 0;
}

static void
test_compare_column(void **state)
{
	struct ep_row		r[4];
	struct cost_shape	shape;
	struct cost_extra	extra;
	struct compare_col	c;
	size_t			i;
	char			buf[64];

	(void)state;
	row(&r[0], "e0", "alpha", 2e-6, 4e-6, 300, 50, 99.0, 128000);
	row(&r[1], "e1", "beta", 1e-6, 3e-6, NAN, 80, NAN, 200000);
	row(&r[2], "e2", "beta", 5e-6, 5e-6, 150, NAN, 99.9, EP_NULL_INT);
	row(&r[3], "e3", "gamma", NAN, NAN, 90, 10, 97.0, 64000);
	cost_shape_init(&shape);
	cost_extra_init(&extra);
	cost_shape_set_tokens(&shape, 1000, 500);
	compare_model("acme/m-1", NULL, r, 4, &shape, &extra, &c);
	assert_string_equal(c.model_key, "acme/m-1");
	assert_string_equal(c.model_id, "acme/m");
	/* No directory row: the largest of the endpoints'. */
	assert_int_equal(c.context_length, 200000);
	assert_true(c.max_output == EP_NULL_INT);
	assert_string_equal(c.input_modalities, "text,image");
	assert_string_equal(c.cutoff, "2025-06-30");
	assert_null(c.expires);
	/* 1000 * 1e-6 + 500 * 3e-6 = 0.0025 on e1 (beta). */
	assert_int_equal(c.cheapest, 1);
	assert_true(fabs(c.cost_request - 0.0025) < 1e-15);
	/* Blended: (1000 in + 500 out) / 1500: e1 2.5/1.5e-6 ... e2 5e-6. */
	assert_true(fabs(c.price_min - 0.0025 / 1500) < 1e-18);
	assert_true(fabs(c.price_max - 5e-6) < 1e-18);
	assert_int_equal(c.providers, 3);
	assert_int_equal(c.endpoints, 4);
	assert_true(c.best_latency_ms == 90);
	assert_true(c.best_throughput == 80);
	assert_true(c.best_uptime == 99.9);
	/* The cells both `compare` and the UI show (compare_cell()). */
	assert_string_equal(compare_label(0), "context");
	assert_string_equal(compare_label(COMPARE_NROWS), "");
	assert_string_equal(compare_cell(&c, r, 0, 2, buf, sizeof buf),
	    "200k");
	assert_string_equal(compare_cell(&c, r, 1, 2, buf, sizeof buf), "-");
	assert_string_equal(compare_cell(&c, r, 2, 2, buf, sizeof buf),
	    "text,image->text");
	assert_string_equal(compare_cell(&c, r, 3, 2, buf, sizeof buf),
	    "beta");
	assert_string_equal(compare_cell(&c, r, 6, 2, buf, sizeof buf), "3");
	assert_string_equal(compare_cell(&c, r, 7, 2, buf, sizeof buf), "90");
	assert_string_equal(compare_cell(&c, r, 8, 2, buf, sizeof buf),
	    "80.0");
	assert_string_equal(compare_cell(&c, r, 10, 2, buf, sizeof buf), "-");
	assert_string_equal(compare_cell(&c, r, 11, 2, buf, sizeof buf),
	    "2025-06-30");

	/* Degraded endpoints rank last; when all are, the cell says so. */
	r[1].status = -5;
	compare_model("acme/m-1", NULL, r, 4, &shape, &extra, &c);
	assert_int_equal(c.cheapest, 0);
	assert_string_equal(compare_cell(&c, r, 3, 2, buf, sizeof buf),
	    "alpha");
	r[0].status = r[2].status = r[3].status = -2;
	compare_model("acme/m-1", NULL, r, 4, &shape, &extra, &c);
	assert_int_equal(c.cheapest, 1);
	assert_string_equal(compare_cell(&c, r, 3, 2, buf, sizeof buf),
	    "beta (status -5)");
	for (i = 0; i < 4; i++)
		ep_row_clear(&r[i]);
}

static void
test_compare_model_row(void **state)
{
	struct model_row	m;
	struct ep_row		r;
	struct cost_shape	shape;
	struct compare_col	c;

	(void)state;
	model_row_init(&m);
	m.model_key = xstrdup("acme/m-1");
	m.model_id = xstrdup("acme/m:free");
	m.context_length = 1000000;
	m.max_output = 32000;
	m.expiration_date = xstrdup("2026-12-31");
	cost_shape_init(&shape);
	/* The directory wins; no endpoint: nothing is priced. */
	compare_model("acme/m-1", &m, NULL, 0, &shape, NULL, &c);
	assert_string_equal(c.model_id, "acme/m:free");
	assert_int_equal(c.context_length, 1000000);
	assert_int_equal(c.max_output, 32000);
	assert_string_equal(c.expires, "2026-12-31");
	assert_true(c.cheapest == COMPARE_NONE);
	assert_true(isnan(c.cost_request) && isnan(c.price_min) &&
	    isnan(c.price_max));
	assert_true(isnan(c.best_latency_ms) && isnan(c.best_uptime));
	assert_int_equal(c.providers, 0);
	/* An endpoint without prices: none is the cheapest. */
	row(&r, "e0", "alpha", NAN, NAN, 100, 10, 99, 8000);
	compare_model("acme/m-1", &m, &r, 1, &shape, NULL, &c);
	assert_true(c.cheapest == COMPARE_NONE);
	assert_int_equal(c.context_length, 1000000);
	assert_int_equal(c.providers, 1);
	ep_row_clear(&r);
	model_row_clear(&m);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_compare_column),
		cmocka_unit_test(test_compare_model_row),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
