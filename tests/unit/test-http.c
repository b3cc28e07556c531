/*
 * test-http: the retry decisions of source/http.c -- which answers are
 * retried, the exponential backoff and its bounded jitter, Retry-After as
 * a lower bound and how its value is read.
 */
#include "config.h"

#include "unit.h"

#include <stdint.h>
#include <time.h>

#include "source/http.h"

/* The defaults http_new() applies, spelled out. */
static void
http_test_config(struct http_config *cfg)
{
	memset(cfg, 0, sizeof *cfg);
	cfg->max_retries = 4;
	cfg->backoff_base_ms = 500;
	cfg->backoff_max_ms = 30000;
}

static void
test_retry_statuses(void **state)
{
	struct http_config	cfg;
	uint64_t		rng = 12345;

	(void)state;
	http_test_config(&cfg);
	/* Answers that are final, and the generator is left alone. */
	assert_int_equal(http_retry_delay(&cfg, 200, 0, 1, -1, &rng), -1);
	assert_int_equal(http_retry_delay(&cfg, 404, 0, 1, -1, &rng), -1);
	assert_int_equal(http_retry_delay(&cfg, 400, 0, 1, 10, &rng), -1);
	assert_int_equal(http_retry_delay(&cfg, 499, 0, 1, -1, &rng), -1);
	assert_int_equal(rng, 12345);
	/* No answer for a reason that will not pass (too big, refused URL). */
	assert_int_equal(http_retry_delay(&cfg, 0, 0, 1, -1, &rng), -1);
	assert_int_equal(rng, 12345);
	/* 429, 5xx and transport errors are tried again. */
	assert_true(http_retry_delay(&cfg, 429, 0, 1, -1, &rng) >= 500);
	assert_int_not_equal(rng, 12345);
	assert_true(http_retry_delay(&cfg, 500, 0, 1, -1, &rng) >= 500);
	assert_true(http_retry_delay(&cfg, 503, 0, 1, -1, &rng) >= 500);
	assert_true(http_retry_delay(&cfg, 0, 1, 1, -1, &rng) >= 500);
}

static void
test_retry_budget(void **state)
{
	struct http_config	cfg;
	uint64_t		rng = 1;
	int			attempts;

	(void)state;
	http_test_config(&cfg);
	/* max_retries retries: the attempt after the last one is final. */
	for (attempts = 1; attempts <= 4; attempts++)
		assert_true(http_retry_delay(&cfg, 503, 0, attempts, -1,
		    &rng) >= 0);
	assert_int_equal(http_retry_delay(&cfg, 503, 0, 5, -1, &rng), -1);
	assert_int_equal(http_retry_delay(&cfg, 0, 1, 5, -1, &rng), -1);
	cfg.max_retries = 0;
	assert_int_equal(http_retry_delay(&cfg, 503, 0, 1, -1, &rng), -1);
}

static void
test_retry_backoff(void **state)
{
	struct http_config	cfg;
	uint64_t		rng;
	int64_t			d, base;
	int			attempts, seed;

	(void)state;
	http_test_config(&cfg);
	cfg.max_retries = 20;
	for (seed = 1; seed <= 200; seed++) {
		rng = (uint64_t)seed * 0x9e3779b97f4a7c15ULL;
		for (attempts = 1; attempts <= 20; attempts++) {
			/* 500, 1000, 2000, ... up to the cap. */
			base = (int64_t)500 << (attempts - 1 < 16 ?
			    attempts - 1 : 16);
			if (base > 30000)
				base = 30000;
			d = http_retry_delay(&cfg, 502, 0, attempts, -1, &rng);
			/* The jitter is below one base delay. */
			assert_true(d >= base);
			assert_true(d < base + 500);
		}
	}
}

static void
test_retry_jitter_spreads(void **state)
{
	struct http_config	cfg;
	uint64_t		rng = 42;
	int64_t			d, lo = INT64_MAX, hi = -1;
	int			i;

	(void)state;
	http_test_config(&cfg);
	/* Retries of many clients do not all land at once. */
	for (i = 0; i < 1000; i++) {
		d = http_retry_delay(&cfg, 429, 0, 1, -1, &rng);
		if (d < lo)
			lo = d;
		if (d > hi)
			hi = d;
	}
	assert_true(lo < 600);
	assert_true(hi > 900);
}

static void
test_retry_after_bound(void **state)
{
	struct http_config	cfg;
	uint64_t		rng = 7;
	int64_t			d;

	(void)state;
	http_test_config(&cfg);
	/* A longer Retry-After wins over the backoff... */
	assert_int_equal(http_retry_delay(&cfg, 429, 0, 1, 10, &rng), 10000);
	assert_int_equal(http_retry_delay(&cfg, 503, 0, 3, 60, &rng), 60000);
	/* ...a shorter one does not shorten it. */
	d = http_retry_delay(&cfg, 429, 0, 3, 1, &rng);
	assert_true(d >= 2000 && d < 2500);
	d = http_retry_delay(&cfg, 429, 0, 1, 0, &rng);
	assert_true(d >= 500 && d < 1000);
	/* It does not make a final answer retried. */
	assert_int_equal(http_retry_delay(&cfg, 404, 0, 1, 5, &rng), -1);
	assert_int_equal(http_retry_delay(&cfg, 429, 0, 5, 5, &rng), -1);
}

static void
test_retry_after_parse(void **state)
{
	/* Wed, 21 Oct 2015 07:28:00 GMT */
	const time_t	when = 1445412480;

	(void)state;
	assert_int_equal(http_retry_after("120", when), 120);
	assert_int_equal(http_retry_after(" 120", when), 120);
	assert_int_equal(http_retry_after(" 0", when), 0);
	assert_int_equal(http_retry_after("7 ", when), 7);
	assert_int_equal(http_retry_after("86399", when), 86399);
	/* An HTTP date: the seconds from now, never negative, at most a day. */
	assert_int_equal(http_retry_after(" Wed, 21 Oct 2015 07:28:30 GMT",
	    when), 30);
	assert_int_equal(http_retry_after("Wed, 21 Oct 2015 07:27:00 GMT",
	    when), 0);
	assert_int_equal(http_retry_after("Thu, 29 Oct 2015 07:28:00 GMT",
	    when), 86400);
	/* Neither. */
	assert_int_equal(http_retry_after("soon", when), -1);
	assert_int_equal(http_retry_after("", when), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_retry_statuses),
		cmocka_unit_test(test_retry_budget),
		cmocka_unit_test(test_retry_backoff),
		cmocka_unit_test(test_retry_jitter_spreads),
		cmocka_unit_test(test_retry_after_bound),
		cmocka_unit_test(test_retry_after_parse),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
