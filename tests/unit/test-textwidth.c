/*
 * test-textwidth: display columns of UTF-8 text, and cutting and padding
 * it the way the CLI's tables and the UI's screens show it.
 */
#include "config.h"

#include "unit.h"

#include <locale.h>

#include "util/textwidth.h"

/* "模型": two wide characters, three bytes and two columns each. */
#define CJK		"\xe6\xa8\xa1\xe5\x9e\x8b"
/* "é" precomposed (two bytes, one column) and "e" + U+0301 combining. */
#define E_ACUTE		"\xc3\xa9"
#define E_COMBINING	"e\xcc\x81"
/* U+200B zero width space. */
#define ZWSP		"\xe2\x80\x8b"

static void
assert_cut(const char *s, int width, const char *want)
{
	char	*got;

	got = textwidth_cut(s, width);
	assert_string_equal(got, want);
	free(got);
}

static void
assert_pad(const char *s, int width, char align, const char *want)
{
	char	*got;

	got = textwidth_pad(s, width, align);
	assert_string_equal(got, want);
	free(got);
}

static void
test_measure_ascii(void **state)
{
	(void)state;
	assert_int_equal(textwidth_measure(""), 0);
	assert_int_equal(textwidth_measure("a"), 1);
	assert_int_equal(textwidth_measure("hello world"), 11);
}

static void
test_measure_multibyte(void **state)
{
	size_t	len;

	(void)state;
	assert_int_equal(textwidth_measure(E_ACUTE), 1);
	assert_int_equal(textwidth_measure("caf" E_ACUTE), 4);
	assert_int_equal(textwidth_char(E_ACUTE "x", &len), 1);
	assert_int_equal(len, 2);
}

static void
test_measure_wide(void **state)
{
	size_t	len;

	(void)state;
	assert_int_equal(textwidth_measure(CJK), 4);
	assert_int_equal(textwidth_measure("ab" CJK "c"), 7);
	assert_int_equal(textwidth_char(CJK, &len), 2);
	assert_int_equal(len, 3);
}

static void
test_measure_combining(void **state)
{
	size_t	len;

	(void)state;
	assert_int_equal(textwidth_measure(E_COMBINING), 1);
	assert_int_equal(textwidth_char("\xcc\x81", &len), 0);
	assert_int_equal(len, 2);
}

static void
test_measure_zero_width(void **state)
{
	(void)state;
	assert_int_equal(textwidth_measure(ZWSP), 0);
	assert_int_equal(textwidth_measure("a" ZWSP "b"), 2);
}

static void
test_measure_invalid(void **state)
{
	size_t	len;

	(void)state;
	/* Each byte that starts no character is one column. */
	assert_int_equal(textwidth_char("\xff" "a", &len), -1);
	assert_int_equal(len, 1);
	assert_int_equal(textwidth_measure("\xff\xfe"), 2);
	/* A truncated sequence, then ASCII: the ASCII still counts. */
	assert_int_equal(textwidth_measure("\xe6\xa8" "ab"), 4);
	assert_int_equal(textwidth_measure("a\xc3"), 2);
}

static void
test_fit(void **state)
{
	int	cols;

	(void)state;
	assert_int_equal(textwidth_fit("hello", 3, &cols), 3);
	assert_int_equal(cols, 3);
	assert_int_equal(textwidth_fit("hello", 9, &cols), 5);
	assert_int_equal(cols, 5);
	assert_int_equal(textwidth_fit("hello", 0, &cols), 0);
	assert_int_equal(cols, 0);
	/* A wide character that would straddle the edge stays out. */
	assert_int_equal(textwidth_fit("a" CJK, 2, &cols), 1);
	assert_int_equal(cols, 1);
	assert_int_equal(textwidth_fit("a" CJK, 3, &cols), 4);
	assert_int_equal(cols, 3);
	assert_int_equal(textwidth_fit("ab", 5, NULL), 2);
}

static void
test_cut(void **state)
{
	(void)state;
	assert_cut("hello", 5, "hello");
	assert_cut("hello", 10, "hello");
	assert_cut("hello", 4, "hel~");
	assert_cut("hello", 1, "~");
	/* No width: the whole text (a column without a maximum). */
	assert_cut("hello", 0, "hello");
	assert_cut("caf" E_ACUTE "s", 4, "caf~");
	assert_cut("caf" E_ACUTE "s", 5, "caf" E_ACUTE "s");
	assert_cut("\xff\xff\xff", 2, "\xff~");
}

static void
test_cut_at_wide(void **state)
{
	(void)state;
	/* "ab模型" is 6 columns.  In 4, the prefix gets 3: "ab" and not
	 * half of 模, so the cut text is one column short. */
	assert_cut("ab" CJK, 4, "ab~");
	assert_cut("ab" CJK, 5, "ab\xe6\xa8\xa1~");
	assert_cut("ab" CJK, 6, "ab" CJK);
	assert_int_equal(textwidth_measure("ab~"), 3);
}

static void
test_cut_combining(void **state)
{
	(void)state;
	/* The mark goes with its letter: it takes no column. */
	assert_cut(E_COMBINING "xyz", 3, E_COMBINING "x~");
	assert_cut("ab" ZWSP "cd", 4, "ab" ZWSP "cd");
}

static void
test_pad(void **state)
{
	(void)state;
	assert_pad("ab", 5, 'l', "ab   ");
	assert_pad("ab", 5, 'r', "   ab");
	assert_pad("hello", 5, 'l', "hello");
	assert_pad("hello!", 5, 'r', "hell~");
	assert_pad(CJK, 6, 'r', "  " CJK);
	/* A cut before a wide character leaves a column to pad. */
	assert_pad("ab" CJK, 4, 'l', "ab~ ");
	assert_pad(E_COMBINING, 3, 'l', E_COMBINING "  ");
}

static void
test_c_locale(void **state)
{
	(void)state;
	/* Without a UTF-8 locale every byte above ASCII is a column. */
	setlocale(LC_CTYPE, "C");
	assert_int_equal(textwidth_measure("hello"), 5);
	assert_int_equal(textwidth_measure(E_ACUTE), 2);
	assert_cut("ab" CJK, 4, "ab\xe6~");
	setlocale(LC_CTYPE, "C.UTF-8");
}

/* Byte budgets cut on a character boundary, never inside one. */
static void
test_utf8_cut(void **state)
{
	/* "aé€😀": 1 + 2 + 3 + 4 bytes. */
	const char	*s = "a\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80";
	static const size_t want[] = { 0, 1, 1, 3, 3, 3, 6, 6, 6, 6, 10 };
	size_t		 max;

	(void)state;
	for (max = 0; max <= 10; max++)
		assert_int_equal(textwidth_utf8_cut(s, 10, max), want[max]);
	assert_int_equal(textwidth_utf8_cut(s, 10, 50), 10);
	assert_int_equal(textwidth_utf8_cut(s, 3, 2), 1);
	assert_int_equal(textwidth_utf8_cut("", 0, 0), 0);
	/* A stray continuation byte first: nothing fits. */
	assert_int_equal(textwidth_utf8_cut("\x80\x80x", 3, 1), 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_measure_ascii),
		cmocka_unit_test(test_utf8_cut),
		cmocka_unit_test(test_measure_multibyte),
		cmocka_unit_test(test_measure_wide),
		cmocka_unit_test(test_measure_combining),
		cmocka_unit_test(test_measure_zero_width),
		cmocka_unit_test(test_measure_invalid),
		cmocka_unit_test(test_fit),
		cmocka_unit_test(test_cut),
		cmocka_unit_test(test_cut_at_wide),
		cmocka_unit_test(test_cut_combining),
		cmocka_unit_test(test_pad),
		cmocka_unit_test(test_c_locale),
	};

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL &&
	    setlocale(LC_CTYPE, "C.utf8") == NULL) {
		printf("SKIP: no C.UTF-8 locale\n");
		return (77);
	}
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
