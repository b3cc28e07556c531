/*
 * test-numfmt: util/numfmt.c -- counts, prices and measures as every view
 * shows them, the counts the filter takes for a shown one, and the
 * shortest exact decimal of CSV.
 */
#include "config.h"

#include "unit.h"

#include <stdint.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/numfmt.h"

static void
count_is(int64_t v, const char *want)
{
	char	out[32];

	assert_string_equal(numfmt_count(v, out, sizeof out), want);
}

static void
test_count(void **state)
{
	(void)state;
	count_is(NUMFMT_NULL_COUNT, "-");
	count_is(0, "0");
	count_is(8192, "8192");
	count_is(8000, "8000");
	count_is(9999, "9999");
	count_is(10000, "10k");
	/* Cut, never rounded up: 32768 is 32k in every view. */
	count_is(32768, "32k");
	count_is(32999, "32k");
	count_is(131072, "131k");
	count_is(999999, "999k");
	/* One rule for millions: 1M, never 1.0M. */
	count_is(1000000, "1M");
	count_is(1048576, "1M");
	count_is(1099999, "1M");
	count_is(1100000, "1.1M");
	count_is(2000000, "2M");
	count_is(999999999, "999.9M");
	count_is(1000000000, "1e+09");
	count_is(-5, "-5");
	count_is(-1000000, "-1e+06");
}

static void
range_is(int64_t v, int64_t lo, int64_t hi)
{
	int64_t	l, h;

	numfmt_count_range(v, &l, &h);
	assert_int_equal(l, lo);
	assert_int_equal(h, hi);
}

static void
test_count_range(void **state)
{
	char	a[32], b[32];
	int64_t	v, lo, hi;

	(void)state;
	range_is(32000, 32000, 32999);
	range_is(32768, 32000, 32999);
	range_is(1000000, 1000000, 1099999);
	range_is(1500000, 1500000, 1599999);
	range_is(8000, 8000, 8000);
	range_is(2000000000, 2000000000, 2000000000);
	/* The range is exactly what reads the same: its ends and their
	 * neighbours outside, across every kind of step. */
	for (v = 1; v < INT64_C(900000000); v = v * 3 + 7) {
		numfmt_count_range(v, &lo, &hi);
		numfmt_count(v, a, sizeof a);
		assert_string_equal(numfmt_count(lo, b, sizeof b), a);
		assert_string_equal(numfmt_count(hi, b, sizeof b), a);
		assert_string_not_equal(numfmt_count(lo - 1, b, sizeof b), a);
		assert_string_not_equal(numfmt_count(hi + 1, b, sizeof b), a);
	}
}

static void
price_is(double per_token, int digits, const char *want)
{
	char	out[32];

	assert_string_equal(numfmt_price(per_token, digits, out, sizeof out),
	    want);
}

static void
test_price(void **state)
{
	char	out[32];

	(void)state;
	price_is(NAN, 4, "-");
	price_is(0, 4, "0");
	price_is(0.15e-6, 4, "0.15");
	price_is(0.075e-6, 4, "0.075");
	price_is(3e-6, 4, "3.00");
	price_is(2.5e-6, 4, "2.50");
	price_is(150e-6, 4, "150");
	price_is(1.234567e-6, 4, "1.235");
	price_is(1.25e-11, 4, "0.0000125");
	price_is(1e2, 4, "1e+08");
	price_is(1.234567e-6, 6, "1.23457");
	assert_string_equal(numfmt_dollars(0.0012, 4, out, sizeof out),
	    "$0.0012");
	assert_string_equal(numfmt_dollars(1.5, 4, out, sizeof out), "$1.50");
	assert_string_equal(numfmt_dollars(0, 4, out, sizeof out), "$0");
	assert_string_equal(numfmt_dollars(NAN, 4, out, sizeof out), "-");
}

static void
test_price_digits(void **state)
{
	double	same[] = { 1e-6, 1e-6, 2e-6 };
	double	close[] = { 1.00001e-6, 1.00002e-6, 3e-6 };
	double	closer[] = { 0.123456789e-6, 0.123456781e-6 };
	char	a[32], b[32];
	int	d;

	(void)state;
	assert_int_equal(numfmt_digits(same, 3, 1e6), NUMFMT_PRICE_DIGITS);
	assert_int_equal(numfmt_digits(close, 0, 1e6), NUMFMT_PRICE_DIGITS);
	/* 1.00001 and 1.00002 read 1.000 at four digits: six tell them
	 * apart. */
	d = numfmt_digits(close, 3, 1e6);
	assert_int_equal(d, 6);
	assert_string_not_equal(numfmt_price(close[0], d, a, sizeof a),
	    numfmt_price(close[1], d, b, sizeof b));
	d = numfmt_digits(closer, 2, 1e6);
	assert_string_not_equal(numfmt_price(closer[0], d, a, sizeof a),
	    numfmt_price(closer[1], d, b, sizeof b));
	assert_string_equal(a, "0.12345679");
	/* Dollars: 1.00001 and 1.00002 likewise, unscaled. */
	close[0] = 1.00001;
	close[1] = 1.00002;
	assert_int_equal(numfmt_digits(close, 2, 1), 6);
	assert_string_equal(numfmt_dollars(close[1], 6, a, sizeof a),
	    "$1.00002");
}

static void
test_real(void **state)
{
	char	out[32];

	(void)state;
	assert_string_equal(numfmt_real(NAN, 1, out, sizeof out), "-");
	assert_string_equal(numfmt_real(12.345, 1, out, sizeof out), "12.3");
	assert_string_equal(numfmt_real(350, 0, out, sizeof out), "350");
	assert_string_equal(numfmt_real(1e300, 0, out, sizeof out), "1e+300");
}

static void
exact_is(double v, const char *want)
{
	char	out[32];

	assert_string_equal(numfmt_exact(v, out, sizeof out), want);
	if (*want != '\0')
		assert_true(strtod(out, NULL) == v);
}

/* numfmt_exact() as it was, all printf: the reference of the fast way. */
static const char *
exact_ref(double v, char *out, size_t len)
{
	int	p;

	if (!isfinite(v)) {
		snprintf(out, len, "%s", "");
		return (out);
	}
	for (p = 15; p < 17; p++) {
		snprintf(out, len, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			return (out);
	}
	snprintf(out, len, "%.17g", v);
	return (out);
}

static void
exact_same(double v)
{
	char	a[40], b[40];

	numfmt_exact(v, a, sizeof a);
	exact_ref(v, b, sizeof b);
	if (strcmp(a, b) != 0)
		fail_msg("%.17g: \"%s\", not \"%s\"", v, a, b);
}

/*
 * The fast way (no printf for values of a few decimals) gives printf's
 * text for every value: decimals of each length and scale, around the
 * edges of %g's notation and of the 15 digits, and doubles of any bits.
 */
static void
test_exact_fast_same(void **state)
{
	static const double	 edges[] = { 0, -0.0, 1e-4, 9.9999e-5,
				    0.00010000000000000001, 1e15, 1e15 - 1,
				    999999999999999.9, 99999999999999.98,
				    123456789012345, 1234567890123456,
				    0.1, 0.2, 0.3, 0.1 + 0.2, 1.0 / 3, 2.0 / 3,
				    9007199254740992.0, 412.5, -412.5, 99.87,
				    0.000123456789, 1.5e-4, 5e-5, 1e-9, 1e300,
				    5e-7, 1.4e-7, 2.5e-6, 1e-22, 9.99e-23,
				    1.2345678901234e-20, 0.0000208333333333333,
				    -1e-300, 4.9e-324 };
	uint64_t		 bits, x = 88172645463325252ULL;
	double			 v;
	size_t			 i;
	int			 d, k;

	(void)state;
	for (i = 0; i < sizeof edges / sizeof edges[0]; i++) {
		exact_same(edges[i]);
		exact_same(-edges[i]);
	}
	for (i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		/* A decimal of up to 16 digits, 0 to 25 of them decimals. */
		d = (int)(x % 26);
		k = (int)((x >> 8) % 17);
		v = (double)((x >> 12) % (uint64_t)pow(10, k)) / pow(10, d);
		exact_same(v);
		exact_same(v * 3.7);
		/* Any double at all. */
		bits = x;
		memcpy(&v, &bits, sizeof v);
		exact_same(v);
	}
}

static void
test_exact(void **state)
{
	(void)state;
	exact_is(1.4e-7, "1.4e-07");
	exact_is(0.1 + 0.2, "0.30000000000000004");
	exact_is(2.5e-6, "2.5e-06");
	exact_is(0.5, "0.5");
	exact_is(12, "12");
	exact_is(NAN, "");
	exact_is(INFINITY, "");
}

static void
test_big(void **state)
{
	static const struct {
		int64_t		 v;
		const char	*want;
	} cases[] = {
		{ 0, "0" }, { 999, "999" }, { -999, "-999" },
		{ 1000, "1.0k" }, { 12345, "12.3k" }, { 99949, "99.9k" },
		{ 99950, "100k" }, { 999499, "999k" }, { 999500, "1.0M" },
		{ 2566000000LL, "2.6B" }, { 1200000000000LL, "1.2T" },
		{ 9000000000000000LL, "9000T" }, { -45000, "-45.0k" },
		{ INT64_MIN, "-" },
	};
	char	buf[NUMFMT_LEN];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		assert_ptr_equal(numfmt_big(cases[i].v, buf, sizeof buf), buf);
		if (strcmp(buf, cases[i].want) != 0)
			fail_msg("%lld: \"%s\", want \"%s\"",
			    (long long)cases[i].v, buf, cases[i].want);
	}
	/* A short buffer is cut, never overrun. */
	numfmt_big(2566000000LL, buf, 3);
	assert_string_equal(buf, "2.");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_big),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_count_range),
		cmocka_unit_test(test_price),
		cmocka_unit_test(test_price_digits),
		cmocka_unit_test(test_real),
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_exact_fast_same),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
