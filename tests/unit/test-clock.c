/*
 * test-clock: times and durations as text (src/util/clock.c), at the edges
 * of their ranges, and the wall and monotonic clocks.
 */
#include "config.h"

#include "unit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/clock.h"

static void
test_clock_format_utc(void **state)
{
	static const struct {
		int64_t		 t;
		const char	*want;
	} cases[] = {
		{ 0, "1970-01-01 00:00:00" },
		{ 1234567890, "2009-02-13 23:31:30" },
		{ 1748044800, "2025-05-24 00:00:00" },
		{ 1748131199, "2025-05-24 23:59:59" },
		{ -1, "1969-12-31 23:59:59" },
		{ 253402300799LL, "9999-12-31 23:59:59" },
		{ 253402300800LL, "?\?\?\?-?\?-?\? ?\?:?\?:?\?" },
		{ INT64_MAX, "?\?\?\?-?\?-?\? ?\?:?\?:?\?" },
	};
	char	*got;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = clock_format_utc(cases[i].t);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("%lld: got %s, want %s",
			    (long long)cases[i].t, got, cases[i].want);
		free(got);
	}
}

static void
test_clock_format_duration(void **state)
{
	static const struct {
		int64_t		 ms;
		const char	*want;
	} cases[] = {
		{ 0, "0ms" },
		{ 250, "250ms" },
		{ 999, "999ms" },
		{ 1000, "1.0s" },
		{ 1234, "1.2s" },
		{ 1299, "1.2s" },
		{ 59999, "59.9s" },
		{ 60000, "1m00s" },
		{ 185000, "3m05s" },
		{ 3599999, "59m59s" },
		{ 3600000, "1h00m" },
		{ 7440000, "2h04m" },
		{ 86399999, "23h59m" },
		{ 86400000, "1d00h" },
		{ 3 * 86400000LL + 7 * 3600000LL, "3d07h" },
		{ -1500, "-1.5s" },
		{ -42, "-42ms" },
		{ INT64_MIN, "-106751991167d07h" },
	};
	char	*got;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = clock_format_duration(cases[i].ms);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("%lld: got %s, want %s",
			    (long long)cases[i].ms, got, cases[i].want);
		free(got);
	}
}

static void
test_clock_iso_duration(void **state)
{
	char	*s;

	(void)state;
	s = clock_format_iso(1777636800);
	assert_string_equal(s, "2026-05-01T12:00:00Z");
	free(s);
}

static void
test_clock_now(void **state)
{
	int64_t	a, b, now;

	(void)state;
	/* After 2020-01-01 and before 2200-01-01, in milliseconds. */
	now = clock_now_ms();
	assert_true(now > 1577836800000LL);
	assert_true(now < 7258118400000LL);

	a = clock_mono_ms();
	b = clock_mono_ms();
	assert_true(a > 0);
	assert_true(b >= a);
}

static void
test_clock_pin(void **state)
{
	static const struct {
		const char	*text;
		int64_t		 ms;	/* -1: refused */
	} cases[] = {
		{ "2026-12-01", 1796083200000LL },
		{ "2026-12-01T12:34:56Z", 1796128496000LL },
		{ "1970-01-01T00:00:00Z", 0 },
		{ "2028-02-29", 1835395200000LL },
		{ "2027-02-29", -1 },
		{ "2026-13-01", -1 },
		{ "2026-12-01T24:00:00Z", -1 },
		{ "2026-12-01T12:00:00", -1 },
		{ "2026-12-01T12:00:00Zx", -1 },
		{ "2026-12-01 12:00:00Z", -1 },
		{ "2026-1-01", -1 },
		{ "1969-12-31", -1 },
		{ "+026-12-01", -1 },
		{ "tomorrow", -1 },
		{ "", -1 },
	};
	size_t	i;
	int64_t	ms, now;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ms = -1;
		if (cases[i].ms < 0)
			assert_int_equal(clock_parse_instant(cases[i].text,
			    &ms), -1);
		else {
			assert_int_equal(clock_parse_instant(cases[i].text,
			    &ms), 0);
			assert_int_equal(ms, cases[i].ms);
		}
	}

	/* Pinned: the clock reads the instant and runs on from it. */
	assert_int_equal(clock_pin("2026-12-01T12:00:00Z"), 0);
	now = clock_now_ms();
	assert_true(now >= 1796126400000LL);
	assert_true(now < 1796126400000LL + 60000);
	assert_true(clock_now_ms() >= now);
	/* A bad pin is refused and leaves the real clock. */
	assert_int_equal(clock_pin("someday"), -1);
	assert_true(llabs(clock_now_ms() - (int64_t)time(NULL) * 1000) < 60000);
	assert_int_equal(clock_pin(NULL), 0);
	assert_int_equal(clock_pin(""), 0);
}

static void
test_clock_parse_duration(void **state)
{
	static const struct {
		const char	*text;
		int64_t		 ms;	/* -1: refused */
	} cases[] = {
		{ "90s", 90000 },
		{ "30m", 1800000 },
		{ "2h", 7200000 },
		{ "1d", 86400000 },
		{ "1h30m", 5400000 },
		{ "1d2h3m4s", 93784000 },
		{ "2w", 14 * 86400000LL },
		{ "7d", 7 * 86400000LL },
		{ "3650d", 3650LL * 86400000 },
		{ "3650d1s", -1 },
		{ "99999999999999999999d", -1 },
		{ "", -1 },
		{ "2", -1 },
		{ "h", -1 },
		{ "2x", -1 },
		{ "-2h", -1 },
		{ "2 h", -1 },
		{ "2h ", -1 },
		{ "0h", -1 },
		{ "0s0m", -1 },
		{ "2H", -1 },
	};
	int64_t	 ms;
	char	*cause;
	size_t	 i;
	int	 rc;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cause = NULL;
		ms = 12345;
		rc = clock_parse_duration(cases[i].text, &ms, &cause);
		if (cases[i].ms < 0) {
			if (rc != -1 || cause == NULL || ms != 0)
				fail_msg("\"%s\": accepted as %lld",
				    cases[i].text, (long long)ms);
			assert_non_null(strstr(cause, cases[i].text));
		} else if (rc != 0 || ms != cases[i].ms)
			fail_msg("\"%s\": got %d %lld, want %lld",
			    cases[i].text, rc, (long long)ms,
			    (long long)cases[i].ms);
		free(cause);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_clock_format_utc),
		cmocka_unit_test(test_clock_format_duration),
		cmocka_unit_test(test_clock_iso_duration),
		cmocka_unit_test(test_clock_now),
		cmocka_unit_test(test_clock_pin),
		cmocka_unit_test(test_clock_parse_duration),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
