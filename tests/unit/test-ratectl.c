/*
 * test-ratectl: the adaptive request rate (src/source/ratectl.c), driven by
 * answers and times given by the test: growth, the ceiling a 429 leaves,
 * Retry-After, X-RateLimit-* headers, and latency.
 */
#include "config.h"

#include "unit.h"

#include <stdint.h>

#include "source/ratectl.h"

static void
answer(struct ratectl *rc, long status, double ms, int64_t now)
{
	struct ratectl_answer	a = { status, ms, -1, -1, -1 };

	ratectl_answer(rc, &a, now);
}

static void
test_ratectl_grows_to_max(void **state)
{
	struct ratectl	rc;
	int		i;

	(void)state;
	ratectl_init(&rc, 10, 30);
	assert_true(ratectl_rate(&rc, 0) == 10);
	for (i = 0; i < RATECTL_STEP - 1; i++)
		answer(&rc, 200, 20, i);
	assert_true(ratectl_rate(&rc, 0) == 10);
	answer(&rc, 200, 20, 100);
	assert_true(ratectl_rate(&rc, 0) == 12.5);
	for (i = 0; i < 20 * RATECTL_STEP; i++)
		answer(&rc, 200, 20, i);
	assert_true(ratectl_rate(&rc, 0) == 30);
	assert_true(rc.rate_top == 30);
	/* A 404 is an answer too; a 5xx or a failure is not a good one. */
	ratectl_init(&rc, 10, 30);
	for (i = 0; i < RATECTL_STEP; i++)
		answer(&rc, i == RATECTL_STEP - 1 ? 503 : 404, 20, i);
	assert_true(ratectl_rate(&rc, 0) == 10);
}

static void
test_ratectl_fixed_and_unlimited(void **state)
{
	struct ratectl	rc;
	int		i;

	(void)state;
	ratectl_init(&rc, 20, 5);	/* a maximum below the start: fixed */
	for (i = 0; i < 10 * RATECTL_STEP; i++)
		answer(&rc, 200, 20, i);
	assert_true(ratectl_rate(&rc, 0) == 20);
	ratectl_init(&rc, 0, 30);	/* no limit at all */
	answer(&rc, 429, 20, 0);
	assert_true(ratectl_rate(&rc, 0) == 0);
	assert_int_equal(ratectl_hold(&rc, 0), 0);
}

static void
test_ratectl_429(void **state)
{
	struct ratectl		rc;
	struct ratectl_answer	a = { 429, 20, 2, -1, -1 };
	int			i;

	(void)state;
	ratectl_init(&rc, 16, 30);
	ratectl_answer(&rc, &a, 1000);
	assert_true(ratectl_rate(&rc, 1000) == 8);
	assert_int_equal(rc.refused, 1);
	/* Retry-After holds every start. */
	assert_int_equal(ratectl_hold(&rc, 1000), 2000);
	assert_int_equal(ratectl_hold(&rc, 2500), 500);
	assert_int_equal(ratectl_hold(&rc, 3000), 0);
	/* Growth stops below the refused rate: the ceiling is 90% of 16. */
	for (i = 0; i < RATECTL_PROBE - 1; i++)
		answer(&rc, 200, 20, 3000 + i);
	assert_true(ratectl_rate(&rc, 5000) <= 16 * 0.9);
	assert_true(ratectl_rate(&rc, 5000) > 8);
	/* ... and the ceiling comes back slowly. */
	answer(&rc, 200, 20, 5000);
	assert_true(rc.ceiling > 16 * 0.9 && rc.ceiling < 16);
	/* Halving never goes below the floor. */
	for (i = 0; i < 20; i++)
		answer(&rc, 429, 20, 6000);
	assert_true(ratectl_rate(&rc, 6000) == RATECTL_FLOOR);
}

static void
test_ratectl_latency(void **state)
{
	struct ratectl	rc;
	int		i;

	(void)state;
	ratectl_init(&rc, 10, 30);
	for (i = 0; i < RATECTL_STEP; i++)
		answer(&rc, 200, 20, i);
	assert_true(ratectl_rate(&rc, 0) == 12.5);
	/* Latency creeps up: no more growth ... */
	for (i = 0; i < RATECTL_STEP; i++)
		answer(&rc, 200, 120, i);
	assert_true(ratectl_rate(&rc, 0) == 12.5);
	/* ... and a struggling server gets fewer requests. */
	for (i = 0; i < 3 * RATECTL_STEP; i++)
		answer(&rc, 200, 2000, i);
	assert_true(ratectl_rate(&rc, 0) < 12.5);
}

static void
test_ratectl_headers(void **state)
{
	struct ratectl		rc;
	struct ratectl_answer	a = { 200, 20, -1, 5, 1000 };

	(void)state;
	ratectl_init(&rc, 20, 30);
	ratectl_answer(&rc, &a, 0);
	assert_true(ratectl_rate(&rc, 500) == 5);	/* 5 left in 1 s */
	assert_true(ratectl_rate(&rc, 1000) == 20);	/* reset passed */
	a.remaining = 0;
	a.reset_ms = 1500;
	ratectl_answer(&rc, &a, 2000);
	assert_int_equal(ratectl_hold(&rc, 2000), 1500);
	assert_int_equal(ratectl_hold(&rc, 3500), 0);
	/* A cap above the rate does not raise it. */
	a.remaining = 1000;
	a.reset_ms = 1000;
	ratectl_answer(&rc, &a, 4000);
	assert_true(ratectl_rate(&rc, 4100) == 20);
}

static void
test_ratectl_reset_ms(void **state)
{
	int64_t	now = 1764547200000LL;	/* 2025-12-01 00:00:00 UTC */

	(void)state;
	assert_int_equal(ratectl_reset_ms("1764547201500", now), 1500);
	assert_int_equal(ratectl_reset_ms(" 1764547203", now), 3000);
	assert_int_equal(ratectl_reset_ms("2", now), 2000);
	assert_int_equal(ratectl_reset_ms("0.25\r\n", now), 250);
	assert_int_equal(ratectl_reset_ms("1764547100000", now), 0);
	assert_int_equal(ratectl_reset_ms("99999999", now), 3600000);
	assert_int_equal(ratectl_reset_ms("", now), -1);
	assert_int_equal(ratectl_reset_ms("soon", now), -1);
	assert_int_equal(ratectl_reset_ms("-5", now), -1);
	assert_int_equal(ratectl_reset_ms("5 s", now), -1);
	assert_int_equal(ratectl_reset_ms("nan", now), -1);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_ratectl_grows_to_max),
		cmocka_unit_test(test_ratectl_fixed_and_unlimited),
		cmocka_unit_test(test_ratectl_429),
		cmocka_unit_test(test_ratectl_latency),
		cmocka_unit_test(test_ratectl_headers),
		cmocka_unit_test(test_ratectl_reset_ms),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
