/*
 * test-sanitize: the terminal sanitiser (src/util/sanitize.c): escape
 * sequences, controls, bidi and format characters removed, invalid UTF-8
 * and noncharacters replaced, truncation that never splits a character, a
 * megabyte of input, and JSON made safe to print.
 */
#include "config.h"

#include "unit.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"
#include "util/xmalloc.h"

#define U_FFFD	"\xef\xbf\xbd"

/* Sanitise and compare, with the input shown when it fails. */
static void
check_sanitize(const char *in, size_t max, const char *want)
{
	char	*got;

	got = sanitize_text(in, max);
	if (strcmp(got, want) != 0)
		fail_msg("sanitize(\"%s\", %zu): got \"%s\", want \"%s\"", in,
		    max, got, want);
	free(got);
}

static void
test_sanitize_escapes(void **state)
{
	(void)state;
	check_sanitize("plain text", 0, "plain text");
	check_sanitize("", 0, "");
	check_sanitize(NULL, 0, "");

	/* CSI sequences vanish whole, not just their ESC. */
	check_sanitize("\x1b[31mred\x1b[0m", 0, "red");
	check_sanitize("a\x1b[2Jb\x1b[?25lc", 0, "abc");
	check_sanitize("x\x1b[1;31;4mY", 0, "xY");

	/* OSC, terminated by BEL or ST, title and hyperlink alike. */
	check_sanitize("\x1b]0;title\x07name", 0, "name");
	check_sanitize("a\x1b]8;;http://evil/\x1b\\link\x1b]8;;\x1b\\b", 0,
	    "alinkb");
	check_sanitize("\x1b]52;c;Zm9v\x07ok", 0, "ok");
	/* Unterminated: the terminal would swallow the rest, so do we. */
	check_sanitize("ok\x1b]0;never ends", 0, "ok");

	/* Other escapes: charset selection, two-byte, bare ESC at the end. */
	check_sanitize("a\x1b(Bb", 0, "ab");
	check_sanitize("a\x1b" "cb", 0, "ab");
	check_sanitize("tail\x1b", 0, "tail");
	check_sanitize("a\x1b\x1b[1mb", 0, "ab");
}

static void
test_sanitize_controls(void **state)
{
	(void)state;
	check_sanitize("a\x01\x02\x07\x08\x7f" "b", 0, "ab");
	check_sanitize("line1\nline2\tx\ry", 0, "line1 line2 x y");
	check_sanitize("a\xe2\x80\xa8" "b", 0, "a b");

	/* C1 as UTF-8: CSI (U+009B) and its parameters, NEL, OSC. */
	check_sanitize("a\xc2\x9b" "31mb", 0, "ab");
	check_sanitize("a\xc2\x85" "b", 0, "ab");
	check_sanitize("a\xc2\x9d" "0;t\x07" "b", 0, "ab");
	check_sanitize("a\xc2\x9d" "0;t\xc2\x9c" "b", 0, "ab");

	/* C1 as raw bytes is not UTF-8: replaced, never passed through. */
	check_sanitize("a\x9b" "31mb", 0, "a" U_FFFD "31mb");
	check_sanitize("\x85\x9d", 0, U_FFFD U_FFFD);
}

static void
test_sanitize_bidi(void **state)
{
	(void)state;
	/* RLO, LRE, PDF, isolates, marks and ALM are all removed. */
	check_sanitize("abc\xe2\x80\xae" "def", 0, "abcdef");
	check_sanitize("\xe2\x80\xaa" "x\xe2\x80\xac", 0, "x");
	check_sanitize("\xe2\x81\xa6" "a\xe2\x81\xa7" "b\xe2\x81\xa8"
	    "c\xe2\x81\xa9", 0, "abc");
	check_sanitize("\xe2\x80\x8e" "a\xe2\x80\x8f" "b\xd8\x9c" "c", 0,
	    "abc");
	/* Neighbours of those ranges are ordinary text. */
	check_sanitize("\xe2\x80\xa9", 0, " ");
	check_sanitize("\xe2\x80\xaf", 0, "\xe2\x80\xaf");
	check_sanitize("\xe2\x81\xa5", 0, "\xe2\x81\xa5");
}

static void
test_sanitize_utf8(void **state)
{
	(void)state;
	/* Valid text of every length stays intact. */
	check_sanitize("模型 caf\xc3\xa9 \xf0\x9f\x98\x80", 0,
	    "模型 caf\xc3\xa9 \xf0\x9f\x98\x80");
	/* The last plane (U+10FFFF itself is a noncharacter: see below). */
	check_sanitize("\xf4\x8f\xbf\xbd", 0, "\xf4\x8f\xbf\xbd");

	/* Overlongs. */
	check_sanitize("a\xc0\xaf" "b", 0, "a" U_FFFD U_FFFD "b");
	check_sanitize("\xe0\x80\xaf", 0, U_FFFD U_FFFD U_FFFD);
	check_sanitize("\xf0\x80\x80\xaf", 0, U_FFFD U_FFFD U_FFFD U_FFFD);
	/* A surrogate. */
	check_sanitize("\xed\xa0\x80", 0, U_FFFD U_FFFD U_FFFD);
	/* Past U+10FFFF, and bytes that never appear in UTF-8. */
	check_sanitize("\xf4\x90\x80\x80", 0, U_FFFD U_FFFD U_FFFD U_FFFD);
	check_sanitize("\xf5\xff\xfe", 0, U_FFFD U_FFFD U_FFFD);
	/* Truncated sequences: one U+FFFD per cut-short character. */
	check_sanitize("x\xe6\xa8", 0, "x" U_FFFD);
	check_sanitize("\xe6\xa8x", 0, U_FFFD "x");
	check_sanitize("\xf0\x9f\x98", 0, U_FFFD);
	check_sanitize("\xc3", 0, U_FFFD);
	/* A lone continuation byte. */
	check_sanitize("a\xa9" "b", 0, "a" U_FFFD "b");
}

static void
test_sanitize_truncate(void **state)
{
	(void)state;
	check_sanitize("abcdef", 3, "abc");
	check_sanitize("abc", 3, "abc");
	check_sanitize("abc", 100, "abc");

	/* Never split a character: "模" is three bytes. */
	check_sanitize("模型", 3, "模");
	check_sanitize("模型", 4, "模");
	check_sanitize("模型", 5, "模");
	check_sanitize("模型", 6, "模型");
	check_sanitize("模型", 2, "");
	check_sanitize("a" U_FFFD, 3, "a");
	check_sanitize("\xf0\x9f\x98\x80" "x", 4, "\xf0\x9f\x98\x80");

	/* Removed characters cost nothing against the limit. */
	check_sanitize("\x1b[1mab\x1b[0mcd", 3, "abc");
	/* Replacements count at their output size. */
	check_sanitize("\xff\xff", 5, U_FFFD);
}

static void
test_sanitize_huge(void **state)
{
	char	*in, *got;
	size_t	 len = 1024 * 1024, i;

	(void)state;
	in = xmalloc(len + 1);
	for (i = 0; i + 3 <= len; i += 3)
		memcpy(in + i, "模", 3);
	memset(in + i, 'z', len - i);
	in[len] = '\0';

	got = sanitize_text(in, 1000);
	assert_int_equal(strlen(got), 999);
	assert_memory_equal(got, in, 999);
	free(got);

	/* No limit: everything valid comes through. */
	got = sanitize_text(in, 0);
	assert_int_equal(strlen(got), len);
	assert_string_equal(got, in);
	free(got);

	/* A megabyte of escape sequences is nothing at all. */
	for (i = 0; i + 4 <= len; i += 4)
		memcpy(in + i, "\x1b[1m", 4);
	in[i] = '\0';
	got = sanitize_text(in, 0);
	assert_string_equal(got, "");
	free(got);
	free(in);
}

static void
test_sanitize_format_chars(void **state)
{
	(void)state;
	/* The deprecated format characters U+206A..U+206F reorder text. */
	check_sanitize("a\xe2\x81\xaa" "b\xe2\x81\xab" "c\xe2\x81\xaf"
	    "d", 0, "abcd");
	/* Noncharacters have no glyph: U+FFFD, like invalid UTF-8. */
	check_sanitize("a\xef\xbf\xbe" "b\xef\xbf\xbf" "c", 0,
	    "a" U_FFFD "b" U_FFFD "c");
	check_sanitize("\xef\xb7\x90\xef\xb7\xaf", 0, U_FFFD U_FFFD);
	check_sanitize("\xf4\x8f\xbf\xbe" "\xf0\x9f\xbf\xbf"
	    "\xf4\x8f\xbf\xbf", 0, U_FFFD U_FFFD U_FFFD);
	/* Their neighbours are text: U+FDCF, U+FDF0, U+FFFD, U+10FFFD. */
	check_sanitize("\xef\xb7\x8f\xef\xb7\xb0" U_FFFD
	    "\xf4\x8f\xbf\xbd", 0, "\xef\xb7\x8f\xef\xb7\xb0" U_FFFD
	    "\xf4\x8f\xbf\xbd");
	/* The zero width joiner and the presentation selectors go: tmux
	 * draws U+1F469 U+200D U+1F4BB in two columns, wcwidth() says four. */
	check_sanitize("\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x92\xbb", 0,
	    "\xf0\x9f\x91\xa9\xf0\x9f\x92\xbb");
	check_sanitize("\xe2\x9d\xa4\xef\xb8\x8f" "a\xef\xb8\x8e", 0,
	    "\xe2\x9d\xa4" "a");
	/* Combining marks, the non-joiner, skin tones and tags stay: scripts
	 * need them, terminals agree on their width. */
	check_sanitize("e\xcc\x81\xe2\x80\x8c\xf0\x9f\x91\xa9"
	    "\xf0\x9f\x8f\xbb\xf3\xa0\x81\x81", 0, "e\xcc\x81\xe2\x80\x8c"
	    "\xf0\x9f\x91\xa9\xf0\x9f\x8f\xbb\xf3\xa0\x81\x81");
	/* Escape sequences inside a 1 MB string cannot hide past a cut. */
	check_sanitize("ab\x1b]0;PWNED\x07" "cd", 3, "abc");
}

static void
check_json(const char *in, const char *want)
{
	char	*got;

	got = sanitize_json(in);
	if (strcmp(got, want) != 0)
		fail_msg("sanitize_json(\"%s\"): got \"%s\", want \"%s\"", in,
		    got, want);
	free(got);
}

static void
test_sanitize_json(void **state)
{
	json_t	*v, *back;
	char	*text, *safe;
	size_t	 i;

	(void)state;
	/* Plain JSON, layout and non-ASCII text are left alone. */
	check_json("", "");
	check_json(NULL, "");
	check_json("{\n  \"a\": [1, \"\u6a21\"],\t\"b\": null\r\n}",
	    "{\n  \"a\": [1, \"\u6a21\"],\t\"b\": null\r\n}");
	check_json("[\"\xe6\xa8\xa1\xf0\x9f\x99\x82 caf\xc3\xa9\"]",
	    "[\"\xe6\xa8\xa1\xf0\x9f\x99\x82 caf\xc3\xa9\"]");
	/* DEL, C1, bidi, deprecated formats, separators become escapes. */
	check_json("\"a\x7f" "b\xc2\x9b" "2J\xc2\x9d" "0;x\xc2\x9c\"",
	    "\"a\\u007fb\\u009b2J\\u009d0;x\\u009c\"");
	check_json("\"\xe2\x80\xae" "x\xe2\x81\xa6" "y\xe2\x81\xaa"
	    "z\xd8\x9c\xe2\x80\x8e\xe2\x80\x8f\"",
	    "\"\\u202ex\\u2066y\\u206az\\u061c\\u200e\\u200f\"");
	check_json("\"a\xe2\x80\xa8" "b\xe2\x80\xa9\"",
	    "\"a\\u2028b\\u2029\"");
	/* What jansson never writes is still never raw. */
	check_json("\"\x1b[2J\x07\"", "\"\\u001b[2J\\u0007\"");
	check_json("\"\xff\xc3\"", "\"\\u00ff\\u00c3\"");

	/* Round trip: jansson's output of every hostile code point, made
	 * safe, is the same document and holds no raw control. */
	v = json_array();
	json_array_append_new(v, json_string("\x1b]0;PWNED\x07\xc2\x9b"
	    "2J\xe2\x80\xae\xe2\x81\xa9\xe2\x81\xaf\x7f\xe2\x80\xa8"));
	json_array_append_new(v, json_real(0.1));
	text = json_dumps(v, JSON_COMPACT);
	safe = sanitize_json(text);
	for (i = 0; safe[i] != '\0'; i++) {
		assert_true((unsigned char)safe[i] >= 0x20);
		assert_true((unsigned char)safe[i] < 0x7f);
	}
	back = json_loads(safe, 0, NULL);
	assert_non_null(back);
	assert_true(json_equal(v, back));
	json_decref(back);
	json_decref(v);
	free(safe);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_sanitize_escapes),
		cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_sanitize_bidi),
		cmocka_unit_test(test_sanitize_utf8),
		cmocka_unit_test(test_sanitize_truncate),
		cmocka_unit_test(test_sanitize_huge),
		cmocka_unit_test(test_sanitize_format_chars),
		cmocka_unit_test(test_sanitize_json),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
