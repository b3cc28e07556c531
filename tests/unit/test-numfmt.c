/*
 * test-numfmt: large counts in a few characters (src/util/numfmt.c).
 */
#include "config.h"

#include "unit.h"

#include "util/numfmt.h"

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
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
