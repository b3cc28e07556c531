/*
 * test-civil: day numbers of the proleptic Gregorian calendar, against
 * dates known from elsewhere, across leap years, both ways round, and at
 * the ends of the range the header promises.
 */
#include "config.h"

#include "unit.h"

#include <limits.h>

#include "util/civil.h"

struct known {
	int	y, m, d;
	int64_t	days;
};

/* Day numbers checked against `date -u -d DATE +%s` / 86400. */
static const struct known known_dates[] = {
	{ 1970, 1, 1, 0 },
	{ 1970, 1, 2, 1 },
	{ 1969, 12, 31, -1 },
	{ 2000, 1, 1, 10957 },
	{ 2000, 2, 29, 11016 },
	{ 2000, 3, 1, 11017 },
	{ 1900, 3, 1, -25508 },
	{ 2023, 6, 1, 19509 },
	{ 2026, 10, 15, 20741 },
	{ 2026, 11, 1, 20758 },
	{ 2038, 1, 19, 24855 },
	{ 1600, 1, 1, -135140 },
	{ 0, 3, 1, -719468 },
	{ 1, 1, 1, -719162 },
	{ 9999, 12, 31, 2932896 },
};

static void
test_known_dates(void **state)
{
	size_t	i;
	int	y, m, d;

	(void)state;
	for (i = 0; i < sizeof known_dates / sizeof known_dates[0]; i++) {
		const struct known	*k = &known_dates[i];

		if (civil_to_days(k->y, k->m, k->d) != k->days)
			fail_msg("%04d-%02d-%02d: %lld, want %lld", k->y, k->m,
			    k->d, (long long)civil_to_days(k->y, k->m, k->d),
			    (long long)k->days);
		civil_from_days(k->days, &y, &m, &d);
		assert_int_equal(y, k->y);
		assert_int_equal(m, k->m);
		assert_int_equal(d, k->d);
	}
}

static void
test_leap_years(void **state)
{
	(void)state;
	assert_true(civil_leap_year(2024));
	assert_true(civil_leap_year(2000));
	assert_true(civil_leap_year(1600));
	assert_true(civil_leap_year(0));
	assert_true(civil_leap_year(-4));
	assert_false(civil_leap_year(2023));
	assert_false(civil_leap_year(1900));
	assert_false(civil_leap_year(2100));
	assert_false(civil_leap_year(-1));

	assert_int_equal(civil_month_days(2024, 2), 29);
	assert_int_equal(civil_month_days(2023, 2), 28);
	assert_int_equal(civil_month_days(1900, 2), 28);
	assert_int_equal(civil_month_days(2000, 2), 29);
	assert_int_equal(civil_month_days(2023, 1), 31);
	assert_int_equal(civil_month_days(2023, 4), 30);
	assert_int_equal(civil_month_days(2023, 12), 31);

	/* A leap day is followed by March 1st, a 28th of February by it. */
	assert_int_equal(civil_to_days(2024, 3, 1) -
	    civil_to_days(2024, 2, 29), 1);
	assert_int_equal(civil_to_days(2023, 3, 1) -
	    civil_to_days(2023, 2, 28), 1);
	/* Years of 366 and 365 days; 400 years are 146097 days. */
	assert_int_equal(civil_to_days(2025, 1, 1) -
	    civil_to_days(2024, 1, 1), 366);
	assert_int_equal(civil_to_days(2101, 1, 1) -
	    civil_to_days(2100, 1, 1), 365);
	assert_int_equal(civil_to_days(2400, 1, 1) -
	    civil_to_days(2000, 1, 1), 146097);
}

/*
 * Walk day by day through a range, checking that each day is the date
 * after the previous one and that both directions agree.
 */
static void
walk_days(int64_t from, int64_t to)
{
	int64_t	day;
	int	y, m, d, py, pm, pd, next;

	civil_from_days(from, &py, &pm, &pd);
	for (day = from + 1; day <= to; day++) {
		civil_from_days(day, &y, &m, &d);
		if (civil_to_days(y, m, d) != day)
			fail_msg("day %lld is %d-%02d-%02d, which is %lld",
			    (long long)day, y, m, d,
			    (long long)civil_to_days(y, m, d));
		if (d == pd + 1 && m == pm && y == py)
			next = 1;
		else
			next = d == 1 && pd == civil_month_days(py, pm) &&
			    ((m == pm + 1 && y == py) ||
			    (m == 1 && pm == 12 && y == py + 1));
		if (!next)
			fail_msg("%d-%02d-%02d follows %d-%02d-%02d", y, m, d,
			    py, pm, pd);
		py = y;
		pm = m;
		pd = d;
	}
}

static void
test_round_trips(void **state)
{
	(void)state;
	/* Four centuries around the epoch, and days before year 0. */
	walk_days(civil_to_days(1800, 1, 1), civil_to_days(2200, 1, 1));
	walk_days(civil_to_days(-401, 1, 1), civil_to_days(1, 1, 1));
}

static void
test_bounds(void **state)
{
	int64_t	lo, hi;
	int	y, m, d;

	(void)state;
	lo = civil_to_days(INT_MIN, 1, 1);
	hi = civil_to_days(INT_MAX, 12, 31);
	assert_true(lo < 0 && hi > 0);
	civil_from_days(lo, &y, &m, &d);
	assert_int_equal(y, INT_MIN);
	assert_int_equal(m, 1);
	assert_int_equal(d, 1);
	civil_from_days(hi, &y, &m, &d);
	assert_int_equal(y, INT_MAX);
	assert_int_equal(m, 12);
	assert_int_equal(d, 31);
	walk_days(lo, lo + 800);
	walk_days(hi - 800, hi);
	/* About 365.2425 days a year between the two ends. */
	assert_true((hi - lo) / 365 > (int64_t)UINT_MAX);
	assert_true((hi - lo) / 366 < (int64_t)UINT_MAX);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known_dates),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_round_trips),
		cmocka_unit_test(test_bounds),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
