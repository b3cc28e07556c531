/*
 * Tests for project/ep-change.c: which fields of two observations of a
 * listing differ, and how.
 */
#include "config.h"

#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/ep-change.h"
#include "util/xmalloc.h"

static const struct ep_change *
find(const struct ep_change *c, size_t n, const char *field)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(c[i].field, field) == 0)
			return (&c[i]);
	}
	return (NULL);
}

static void
row_fill(struct ep_row *r)
{
	ep_row_init(r);
	r->endpoint_id = xstrdup("e1");
	r->model_key = xstrdup("a/b");
	r->price_prompt = 1e-6;
	r->price_completion = 2e-6;
	r->price_cache_read = 1e-7;
	r->context_length = 128000;
	r->max_output = 4096;
	r->status = 0;
	r->p50_latency_ms = 500;
	r->p50_throughput = 80;
	r->uptime = 99.5;
}

static void
test_ep_change_same(void **state)
{
	struct ep_change	c[EP_CHANGE_MAX];
	struct ep_row		a, b;

	(void)state;
	row_fill(&a);
	row_fill(&b);
	assert_int_equal(ep_change_diff(&a, &b, 0, c), 0);
	/* NULL on both sides is no change either. */
	a.price_image = b.price_image = NAN;
	a.max_output = b.max_output = EP_NULL_INT;
	assert_int_equal(ep_change_diff(&a, &b, 0, c), 0);
	ep_row_clear(&a);
	ep_row_clear(&b);
}

static void
test_ep_change_fields(void **state)
{
	struct ep_change	 c[EP_CHANGE_MAX];
	const struct ep_change	*p;
	struct ep_row		 a, b;
	size_t			 n;

	(void)state;
	row_fill(&a);
	row_fill(&b);
	b.price_prompt = 1.5e-6;
	b.price_web_search = 0.01;		/* appears */
	a.price_cache_read = 1e-7;
	b.price_cache_read = NAN;		/* goes */
	b.price_overrides = xstrdup("[{\"min_prompt_tokens\":200000}]");
	b.context_length = 200000;
	b.status = -2;
	b.p50_latency_ms = 700;
	n = ep_change_diff(&a, &b, 0, c);
	assert_int_equal(n, 7);

	assert_non_null(p = find(c, n, "prompt"));
	assert_int_equal(p->kind, EPC_PRICE);
	assert_int_equal(p->type, EPC_REAL);
	assert_true(p->old_r == 1e-6 && p->new_r == 1.5e-6);
	assert_non_null(p = find(c, n, "web_search"));
	assert_true(isnan(p->old_r) && p->new_r == 0.01);
	assert_non_null(p = find(c, n, "input_cache_read"));
	assert_true(p->old_r == 1e-7 && isnan(p->new_r));
	assert_non_null(p = find(c, n, "overrides"));
	assert_int_equal(p->type, EPC_TEXT);
	assert_null(p->old_s);
	assert_string_equal(p->new_s, b.price_overrides);
	assert_non_null(p = find(c, n, "context_length"));
	assert_int_equal(p->kind, EPC_CONTEXT);
	assert_true(p->old_i == 128000 && p->new_i == 200000);
	assert_non_null(p = find(c, n, "status"));
	assert_int_equal(p->kind, EPC_STATUS);
	assert_true(p->old_i == 0 && p->new_i == -2);
	assert_non_null(p = find(c, n, "p50_latency_ms"));
	assert_int_equal(p->kind, EPC_METRICS);
	assert_string_equal(ep_change_kind_name(EPC_PRICE), "price_changed");
	assert_string_equal(ep_change_kind_name(EPC_METRICS), "metrics");
	ep_row_clear(&a);
	ep_row_clear(&b);
}

/* A featured endpoint without stats keeps the stored ones. */
static void
test_ep_change_keep_stats(void **state)
{
	struct ep_change	c[EP_CHANGE_MAX];
	struct ep_row		a, b;

	(void)state;
	row_fill(&a);
	row_fill(&b);
	b.status = EP_NULL_INT;
	b.p50_latency_ms = NAN;
	b.p50_throughput = NAN;
	b.uptime = NAN;
	assert_int_equal(ep_change_diff(&a, &b, 1, c), 0);
	/* A listing's missing stats are a change; uptime is always kept. */
	assert_int_equal(ep_change_diff(&a, &b, 0, c), 3);
	ep_row_clear(&a);
	ep_row_clear(&b);
}

/* From an empty row: every known field, once. */
static void
test_ep_change_initial(void **state)
{
	struct ep_change	c[EP_CHANGE_MAX];
	struct ep_row		none, a;

	(void)state;
	ep_row_init(&none);
	row_fill(&a);
	assert_int_equal(ep_change_diff(&none, &a, 0, c), 9);
	ep_row_clear(&none);
	ep_row_clear(&a);
}

static void
test_ep_change_pct(void **state)
{
	(void)state;
	assert_true(fabs(ep_change_pct(2e-6, 1.5e-6) + 25.0) < 1e-9);
	assert_true(fabs(ep_change_pct(1e-6, 3e-6) - 200.0) < 1e-9);
	assert_true(isnan(ep_change_pct(0, 1e-6)));
	assert_true(isnan(ep_change_pct(NAN, 1e-6)));
	assert_true(isnan(ep_change_pct(1e-6, NAN)));
}

static void
test_ep_change_expiry(void **state)
{
	static const struct {
		const char	*json;
		const char	*want;	/* NULL: none */
	} cases[] = {
		{ "{\"expiration_date\": \"2026-09-30\"}", "2026-09-30" },
		{ "{\"expiration_date\": null}", NULL },
		{ "{}", NULL },
		{ "{\"expiration_date\": 20260930}", NULL },
		{ "{\"expiration_date\": \"2026-9-30\"}", NULL },
		{ "{\"expiration_date\": \"2026-09-30T00:00\"}", NULL },
		{ "{\"expiration_date\": \"2026/09/30\"}", NULL },
		{ "{\"expiration_date\": \"\\u001b[2J-09-30\"}", NULL },
	};
	json_t	*o;
	char	 out[11];
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		o = json_loads(cases[i].json, 0, NULL);
		assert_non_null(o);
		if (cases[i].want == NULL)
			assert_int_equal(ep_change_expiry(o, out), 0);
		else {
			assert_int_equal(ep_change_expiry(o, out), 1);
			assert_string_equal(out, cases[i].want);
		}
		json_decref(o);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ep_change_same),
		cmocka_unit_test(test_ep_change_fields),
		cmocka_unit_test(test_ep_change_keep_stats),
		cmocka_unit_test(test_ep_change_initial),
		cmocka_unit_test(test_ep_change_pct),
		cmocka_unit_test(test_ep_change_expiry),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
