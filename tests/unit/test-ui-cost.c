/*
 * test-ui-cost: the blended price and request cost the model screen ranks
 * endpoints by.
 */
#include "config.h"

#include "unit.h"

#include <math.h>

#include "ui/ui-cost.h"

#define PER_M	1e-6	/* USD per million tokens, as USD per token */

static void
row(struct ep_row *r, double prompt, double completion, double cache_read)
{
	ep_row_init(r);
	r->price_prompt = prompt;
	r->price_completion = completion;
	r->price_cache_read = cache_read;
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
	assert_close(ui_cost_blended(&r, 3, 1, 0), 2 * PER_M);
	assert_close(ui_cost_blended(&r, 1, 1, 0), 3 * PER_M);
	assert_close(ui_cost_blended(&r, 1, 0, 0), 1 * PER_M);
	assert_close(ui_cost_blended(&r, 0, 1, 0), 5 * PER_M);
	/* The ratio matters, not its scale. */
	assert_close(ui_cost_blended(&r, 30, 10, 0),
	    ui_cost_blended(&r, 3, 1, 0));
	/* No mix at all, or a negative one, has no price. */
	assert_true(isnan(ui_cost_blended(&r, 0, 0, 0)));
	assert_true(isnan(ui_cost_blended(&r, -1, 2, 0)));
	assert_true(isnan(ui_cost_blended(&r, NAN, 1, 0)));
	ep_row_clear(&r);
}

static void
test_free_endpoint(void **state)
{
	struct ep_row	r;

	(void)state;
	row(&r, 0, 0, NAN);
	assert_close(ui_cost_blended(&r, 3, 1, 0), 0);
	assert_close(ui_cost_request(&r, 10000, 3333, 0.5), 0);
	ep_row_clear(&r);
}

static void
test_null_prices(void **state)
{
	struct ep_row	r;

	(void)state;
	/* Unknown completion price. */
	row(&r, 1 * PER_M, NAN, NAN);
	assert_true(isnan(ui_cost_blended(&r, 3, 1, 0)));
	assert_true(isnan(ui_cost_request(&r, 1000, 1, 0)));
	/* ... is not needed for a prompt-only mix. */
	assert_close(ui_cost_blended(&r, 1, 0, 0), 1 * PER_M);
	assert_close(ui_cost_request(&r, 1000, 0, 0), 1000 * PER_M);

	/* Unknown prompt price. */
	row(&r, NAN, 2 * PER_M, NAN);
	assert_true(isnan(ui_cost_blended(&r, 3, 1, 0)));
	assert_true(isnan(ui_cost_blended(&r, 3, 1, 0.5)));
	assert_close(ui_cost_blended(&r, 0, 1, 0), 2 * PER_M);
	/* Every prompt token cached at a known price: no fresh price
	 * needed. */
	row(&r, NAN, 2 * PER_M, 0.5 * PER_M);
	assert_close(ui_cost_blended(&r, 1, 1, 1), 1.25 * PER_M);
	assert_true(isnan(ui_cost_blended(&r, 1, 1, 0.99)));

	/* Nothing known. */
	row(&r, NAN, NAN, NAN);
	assert_true(isnan(ui_cost_blended(&r, 3, 1, 0)));
	assert_true(isnan(ui_cost_prompt(&r, 0.5)));
	ep_row_clear(&r);
}

static void
test_cache_share(void **state)
{
	struct ep_row	r;

	(void)state;
	row(&r, 2 * PER_M, 8 * PER_M, 0.5 * PER_M);
	assert_close(ui_cost_prompt(&r, 0), 2 * PER_M);
	assert_close(ui_cost_prompt(&r, 0.5), 1.25 * PER_M);
	assert_close(ui_cost_prompt(&r, 1), 0.5 * PER_M);
	/* Out-of-range shares are clamped. */
	assert_close(ui_cost_prompt(&r, -1), 2 * PER_M);
	assert_close(ui_cost_prompt(&r, 2), 0.5 * PER_M);
	assert_close(ui_cost_prompt(&r, NAN), 2 * PER_M);
	/* 3:1 at 0%, 50%, 100% cache reads. */
	assert_close(ui_cost_blended(&r, 3, 1, 0), (3 * 2 + 8) / 4.0 * PER_M);
	assert_close(ui_cost_blended(&r, 3, 1, 0.5),
	    (3 * 1.25 + 8) / 4.0 * PER_M);
	assert_close(ui_cost_blended(&r, 3, 1, 1), (3 * 0.5 + 8) / 4.0 * PER_M);

	/* Without a cache price, cached tokens cost the prompt price. */
	row(&r, 2 * PER_M, 8 * PER_M, NAN);
	assert_close(ui_cost_blended(&r, 3, 1, 0), 3.5 * PER_M);
	assert_close(ui_cost_blended(&r, 3, 1, 0.5), 3.5 * PER_M);
	assert_close(ui_cost_blended(&r, 3, 1, 1), 3.5 * PER_M);
	ep_row_clear(&r);
}

static void
test_request(void **state)
{
	struct ep_row	r;

	(void)state;
	row(&r, 0.25 * PER_M, 1 * PER_M, 0.025 * PER_M);
	/* 10,000 prompt tokens, 3:1 -> 3,333.33 completion tokens. */
	assert_close(ui_cost_request(&r, 10000, 10000.0 / 3, 0),
	    0.0025 + 10000.0 / 3 * 1e-6);
	/* Zero completion: the prompt alone. */
	assert_close(ui_cost_request(&r, 10000, 0, 0), 0.0025);
	assert_close(ui_cost_request(&r, 10000, 0, 0.5),
	    10000 * (0.5 * 0.25 + 0.5 * 0.025) * PER_M);
	assert_close(ui_cost_request(&r, 10000, 0, 1), 0.00025);
	/* Zero prompt. */
	assert_close(ui_cost_request(&r, 0, 2000, 1), 0.002);
	assert_close(ui_cost_request(&r, 0, 0, 0), 0);
	/* The request and the blended price agree. */
	assert_close(ui_cost_request(&r, 3000, 1000, 0.5),
	    4000 * ui_cost_blended(&r, 3, 1, 0.5));
	ep_row_clear(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_blended_mix),
		cmocka_unit_test(test_free_endpoint),
		cmocka_unit_test(test_null_prices),
		cmocka_unit_test(test_cache_share),
		cmocka_unit_test(test_request),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
