/*
 * test-json-guard: budgets and repairs on JSON text before parsing
 * (src/codec/json-guard.c): each repair gives text jansson accepts, with
 * the value replaced and everything else as it was; each budget refuses
 * with a message; invalid JSON stays invalid; the streaming budget counts
 * as the whole-text guard does, whatever the chunks.
 */
#include "config.h"

#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "codec/json-guard.h"

/* Guard a copy of text; returns the repaired copy (caller frees). */
static char *
guarded(const char *text, const struct json_guard_limits *lim,
    struct json_guard_report *rep, int want_rc)
{
	char	*t = strdup(text), *why = NULL;
	int	 rc;

	assert_non_null(t);
	rc = json_guard(t, strlen(t), lim, rep, &why);
	if (rc != want_rc)
		fail_msg("%s: rc %d, want %d (%s)", text, rc, want_rc,
		    why != NULL ? why : "-");
	assert_int_equal(strlen(t), strlen(text));	/* same length */
	if (rc != 0) {
		assert_non_null(why);
		free(why);
	}
	return (t);
}

static void
test_json_guard_nul(void **state)
{
	struct json_guard_report	 rep;
	json_t				*v;
	char				*t;

	(void)state;
	/* jansson refuses the original: the test means something. */
	assert_null(json_loads("{\"a\": \"x\\u0000y\"}", 0, NULL));
	t = guarded("{\"a\": \"x\\u0000y\", \"b\": [1, \"\\\\u0000\"]}",
	    &json_guard_tree, &rep, 0);
	assert_int_equal(rep.nul, 1);	/* an escaped backslash is not one */
	v = json_loads(t, 0, NULL);
	assert_non_null(v);
	assert_string_equal(json_string_value(json_object_get(v, "a")),
	    "x\xef\xbf\xbdy");
	assert_string_equal(json_string_value(json_array_get(
	    json_object_get(v, "b"), 1)), "\\u0000");
	assert_int_equal(json_integer_value(json_array_get(
	    json_object_get(v, "b"), 0)), 1);
	json_decref(v);
	free(t);
}

static void
test_json_guard_surrogates(void **state)
{
	struct json_guard_report	 rep;
	json_t				*v;
	char				*t;

	(void)state;
	assert_null(json_loads("[\"\\ud800\"]", 0, NULL));
	t = guarded("[\"\\ud800\", \"\\udc00x\", \"\\ud83d\\ude00\", "
	    "\"\\ud800\\u0041\", \"\\uD800\"]", &json_guard_tree, &rep, 0);
	assert_int_equal(rep.surrogates, 4);
	assert_int_equal(json_guard_repairs(&rep), 4);
	v = json_loads(t, 0, NULL);
	assert_non_null(v);
	assert_string_equal(json_string_value(json_array_get(v, 0)),
	    "\xef\xbf\xbd");
	assert_string_equal(json_string_value(json_array_get(v, 1)),
	    "\xef\xbf\xbdx");
	/* A pair is kept: U+1F600. */
	assert_string_equal(json_string_value(json_array_get(v, 2)),
	    "\xf0\x9f\x98\x80");
	assert_string_equal(json_string_value(json_array_get(v, 3)),
	    "\xef\xbf\xbd" "A");
	json_decref(v);
	free(t);
}

static void
test_json_guard_numbers(void **state)
{
	struct json_guard_report	 rep;
	json_t				*v;
	char				*t, *d;

	(void)state;
	assert_null(json_loads("[1e400]", 0, NULL));
	assert_null(json_loads("[9223372036854775808]", 0, NULL));
	t = guarded("{\"a\": [1e400, -1e400, 9223372036854775808, "
	    "-9223372036854775809, 9223372036854775807, "
	    "-9223372036854775808, 1e-400, 0.5, 00000000000000000000001, "
	    "12345678901234567890123]}", &json_guard_tree, &rep, 0);
	assert_int_equal(rep.numbers, 5);
	/* Not JSON (leading zeros) stays what it was: jansson says so. */
	assert_null(json_loads(t, 0, NULL));
	free(t);
	t = guarded("{\"a\": [1e400, -1e400, 9223372036854775808, "
	    "-9223372036854775809, 9223372036854775807, "
	    "-9223372036854775808, 1e-400, 0.5], \"z\": true}",
	    &json_guard_tree, &rep, 0);
	assert_int_equal(rep.numbers, 4);
	v = json_loads(t, 0, NULL);
	assert_non_null(v);
	d = json_dumps(v, JSON_COMPACT);
	assert_string_equal(d, "{\"a\":[null,null,null,null,"
	    "9223372036854775807,-9223372036854775808,0.0,0.5],\"z\":true}");
	free(d);
	json_decref(v);
	d = json_guard_describe(&rep);
	assert_non_null(d);
	assert_non_null(strstr(d, "4 values repaired"));
	free(d);
	free(t);
	/* Nothing repaired: no description. */
	t = guarded("[1, \"a\"]", &json_guard_tree, &rep, 0);
	assert_null(json_guard_describe(&rep));
	assert_int_equal(rep.values, 3);
	free(t);
}

static void
test_json_guard_budgets(void **state)
{
	struct json_guard_limits	 lim = { 4, 10, 8 };
	struct json_guard_report	 rep;
	char				*t;

	(void)state;
	free(guarded("[[[[1]]]]", &lim, &rep, 0));
	assert_int_equal(rep.depth, 4);
	free(guarded("[[[[[1]]]]]", &lim, &rep, -1));
	/* Values: arrays and scalars count, member names do not. */
	free(guarded("{\"a\":1,\"b\":2,\"c\":3,\"d\":4,\"e\":5,\"f\":6,"
	    "\"g\":7,\"h\":8,\"i\":9}", &lim, &rep, 0));
	assert_int_equal(rep.values, 10);
	free(guarded("[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\","
	    "\"i\",\"j\"]", &lim, &rep, -1));
	free(guarded("[\"12345678\"]", &lim, &rep, 0));
	free(guarded("[\"123456789\"]", &lim, &rep, -1));
	/* Names are strings too: a long one is refused. */
	free(guarded("{\"123456789\": 1}", &lim, &rep, -1));
	/* Deeper than the guard ever tracks: refused, never overrun. */
	lim.max_depth = 100000;
	lim.max_values = 1000000;
	t = malloc(2 * 5000 + 2);
	assert_non_null(t);
	memset(t, '[', 5000);
	memset(t + 5000, ']', 5000);
	t[10000] = '\0';
	free(guarded(t, &lim, &rep, -1));
	free(t);
}

/*
 * The streaming budget: fed in chunks of every size, it counts the values
 * json_guard() counts, and refuses at the same budgets whatever the
 * chunks' boundaries (inside strings and escapes too).
 */
static int
fed(const char *text, size_t chunk, const struct json_guard_limits *lim,
    size_t *values)
{
	struct json_guard_stream st = JSON_GUARD_STREAM_INIT;
	size_t	 len = strlen(text), i, n;
	char	*why = NULL;

	for (i = 0; i < len; i += n) {
		n = len - i < chunk ? len - i : chunk;
		if (json_guard_feed(&st, text + i, n, lim, &why) != 0) {
			assert_non_null(why);
			free(why);
			return (-1);
		}
	}
	*values = st.values;
	return (0);
}

/* json_guard()'s verdict on a copy of text. */
static int
guard_rc(const char *text, const struct json_guard_limits *lim)
{
	struct json_guard_report	 rep;
	char				*t, *why = NULL;
	int				 rc;

	t = xstrdup(text);
	rc = json_guard(t, strlen(t), lim, &rep, &why);
	assert_true(rc == 0 ? why == NULL : why != NULL);
	free(why);
	free(t);
	return (rc);
}

static void
test_json_guard_stream(void **state)
{
	static const char *const docs[] = {
		"{\"data\":[1,2,{\"a\":[],\"b\":{}},\"x,[{\\\"\",null]}",
		" [ [ ] , [ 1 ] , { } , \"]\" ] ",
		"{\"k\\\\\":\"v\",\"n\":{\"m\":[true,false]}}",
		"42",
	};
	struct json_guard_limits small = { 3, 4, 5 };
	struct json_guard_report rep;
	size_t	 d, chunk, values;
	char	*t;

	(void)state;
	for (d = 0; d < sizeof docs / sizeof docs[0]; d++) {
		t = guarded(docs[d], &json_guard_tree, &rep, 0);
		free(t);
		for (chunk = 1; chunk <= strlen(docs[d]); chunk++) {
			assert_int_equal(fed(docs[d], chunk, &json_guard_tree,
			    &values), 0);
			if (values != rep.values)
				fail_msg("%s: %zu values fed by %zu, %zu whole",
				    docs[d], values, chunk, rep.values);
		}
	}
	for (chunk = 1; chunk < 8; chunk++) {
		/* Five values, four levels, a six-byte string: refused. */
		assert_int_equal(fed("[1,2,3,4]", chunk, &small, &values), -1);
		assert_int_equal(fed("[1,2,3]", chunk, &small, &values), 0);
		assert_int_equal(fed("[[[[1]]]]", chunk, &small, &values), -1);
		assert_int_equal(fed("[[[1]]]", chunk, &small, &values), 0);
		assert_int_equal(fed("[\"abcdef\"]", chunk, &small, &values),
		    -1);
		assert_int_equal(fed("[\"ab\\\"d\"]", chunk, &small, &values),
		    0);
		/* Five bytes between the quotes, escapes counted: the most. */
		assert_int_equal(fed("[\"abcde\"]", chunk, &small, &values),
		    0);
		assert_int_equal(fed("[\"ab\\\"de\"]", chunk, &small,
		    &values), -1);
		/* Over the budget at the end of the text, unterminated. */
		assert_int_equal(fed("[\"abcdefgh", chunk, &small, &values),
		    -1);
		assert_int_equal(fed("[\"abcd", chunk, &small, &values), 0);
	}
	/* The whole-text guard at the same budget. */
	assert_int_equal(guard_rc("[\"abcde\"]", &small), 0);
	assert_int_equal(guard_rc("[\"abcdef\"]", &small), -1);
	assert_int_equal(guard_rc("[\"ab\\\"de\"]", &small), -1);
	assert_int_equal(guard_rc("[\"a\\u0000\"]", &small), -1);
	assert_int_equal(guard_rc("[\"\\u0000\"]", &small), -1);
	assert_int_equal(guard_rc("[\"a\\nb\"]", &small), 0);
	assert_int_equal(guard_rc("[\"abcdefgh", &small), -1);
}

/*
 * off spaces, then ["..."] with n bytes in the string (UTF-8 bytes among
 * them), and an escape (esc 1: \", 2: \\) before byte at (at n: \n at
 * the end).  Its length; *inside is the bytes between the quotes.
 */
static size_t
string_doc(char *text, size_t off, size_t n, size_t at, int esc,
    size_t *inside)
{
	size_t	o, i;

	memset(text, ' ', off);
	o = off;
	text[o++] = '[';
	text[o++] = '"';
	for (i = 0; i < n; i++) {
		if (esc && i == at) {
			text[o++] = '\\';
			text[o++] = esc == 1 ? '"' : '\\';
		}
		text[o++] = i % 3 == 0 ? 'a' : i % 3 == 1 ? (char)0xc3 : 'x';
	}
	if (esc && at == n) {
		text[o++] = '\\';
		text[o++] = 'n';
	}
	*inside = o - off - 2;
	text[o++] = '"';
	text[o++] = ']';
	text[o] = '\0';
	return (o);
}

/*
 * A string's bytes are read eight at a time up to its end or an escape:
 * at every length, place and alignment the end and each escape are found
 * where they are, whole and fed in pieces (the budget on a string's bytes
 * holds at its size, and refuses it one byte under).
 */
static void
string_words_at(size_t off, size_t n, size_t at, int esc)
{
	struct json_guard_limits lim = { 3, 4, 0 };
	char	 text[128];
	size_t	 inside, values;

	string_doc(text, off, n, at, esc, &inside);
	lim.max_string = inside;
	assert_int_equal(guard_rc(text, &lim), 0);
	assert_int_equal(fed(text, 3, &lim, &values), 0);
	assert_int_equal(values, 2);
	if (inside == 0)
		return;
	lim.max_string = inside - 1;
	assert_int_equal(guard_rc(text, &lim), -1);
	assert_int_equal(fed(text, 5, &lim, &values), -1);
}

static void
test_json_guard_string_words(void **state)
{
	size_t	n, off, at;
	int	esc;

	(void)state;
	for (n = 0; n < 40; n++) {
		for (off = 0; off < 8; off++) {
			for (at = 0; at <= n; at++) {
				for (esc = 0; esc < 3; esc++)
					string_words_at(off, n, at, esc);
			}
		}
	}
}

/*
 * json_guard_fed(): a text whose feed saw nothing json_guard() could
 * repair, within the budget, is one json_guard() leaves as it is and
 * passes; one with a \u escape, a long number or an exponent, or over
 * the budget, is left to json_guard().  Fed in pieces of every size.
 */
static void
test_json_guard_fed(void **state)
{
	static const struct {
		const char	*text;
		int		 fed;	/* json_guard_fed()'s answer */
		int		 small;	/* against lim, not the tree's */
	} docs[] = {
		{ "{\"data\":[{\"a\":\"b\\\"c\\n\",\"n\":-12.5,\"t\":true,"
		    "\"f\":false,\"z\":null,\"e\":\"1e999\"}]}", 1, 0 },
		{ "[123456789012345, -0.123456789012, \"x\"]", 1, 0 },
		/* one number to json_guard(), 20 bytes, nulled */
		{ "{\"n\":10-10-10-10-10-10-10}", 0, 0 },
		{ "[1-2-3-4-5-6-7-8-9-0]", 0, 0 },
		{ "[0.1234567890123456]", 0, 0 },	/* unsure too */
		{ "[\"\\u0000\"]", 0, 0 },
		{ "[\"\\ud800\"]", 0, 0 },
		{ "[\"\\u00e9\"]", 0, 0 },	/* harmless, but unsure */
		{ "[1234567890123456]", 0, 0 },
		{ "[99999999999999999999]", 0, 0 },
		{ "[1e999]", 0, 0 },
		{ "[1.5E+3]", 0, 0 },
		{ "[1,2,3,4,5]", 0, 1 },	/* over lim's budget */
		{ "[\"open", 0, 0 },
		{ "", 0, 0 },
	};
	struct json_guard_limits	 lim = { 8, 4, 64 };
	struct json_guard_stream	 st;
	struct json_guard_report	 rep, whole;
	char				*t, *why = NULL;
	size_t				 d, chunk, len, i;
	int				 fed;

	(void)state;
	for (d = 0; d < sizeof docs / sizeof docs[0]; d++) {
		len = strlen(docs[d].text);
		for (chunk = 1; chunk <= len + 1; chunk++) {
			memset(&st, 0, sizeof st);
			for (i = 0; i < len; i += chunk)
				assert_int_equal(json_guard_feed(&st,
				    docs[d].text + i, len - i < chunk ?
				    len - i : chunk, &json_guard_list, &why),
				    0);
			fed = json_guard_fed(&st, &json_guard_list,
			    docs[d].small ? &lim : &json_guard_tree, &rep);
			if (fed != docs[d].fed)
				fail_msg("%s: fed %d by %zu", docs[d].text,
				    fed, chunk);
		}
		if (!docs[d].fed)
			continue;
		/* Then json_guard() agrees: nothing repaired, as reported. */
		t = xstrdup(docs[d].text);
		assert_int_equal(json_guard(t, len, &json_guard_tree, &whole,
		    &why), 0);
		assert_string_equal(t, docs[d].text);
		assert_int_equal(json_guard_repairs(&whole), 0);
		assert_int_equal(whole.values, rep.values);
		free(t);
	}
	/* Limits fed more loosely than asked: left to json_guard(). */
	lim = json_guard_list;
	lim.max_depth--;
	memset(&st, 0, sizeof st);
	assert_int_equal(json_guard_feed(&st, "[1]", 3, &json_guard_list,
	    &why), 0);
	assert_int_equal(json_guard_fed(&st, &json_guard_list, &lim, &rep),
	    0);
	assert_int_equal(json_guard_fed(&st, &json_guard_list,
	    &json_guard_tree, &rep), 1);
}

static void
test_json_guard_not_json(void **state)
{
	static const char *bad[] = {
		"", "]", "}}}", "[1,", "\"abc", "\"\\u00", "\"\\", "[1e400",
		"[-", "{\"a\" 1}", "nul", "[\"\\ud800\\u", "\x80\xff",
	};
	struct json_guard_report	 rep;
	json_t				*v;
	char				*t;
	size_t				 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		t = guarded(bad[i], &json_guard_tree, &rep, 0);
		v = json_loads(t, 0, NULL);
		if (v != NULL)
			fail_msg("%s became valid JSON", bad[i]);
		free(t);
	}
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_json_guard_nul),
		cmocka_unit_test(test_json_guard_surrogates),
		cmocka_unit_test(test_json_guard_numbers),
		cmocka_unit_test(test_json_guard_budgets),
		cmocka_unit_test(test_json_guard_not_json),
		cmocka_unit_test(test_json_guard_stream),
		cmocka_unit_test(test_json_guard_string_words),
		cmocka_unit_test(test_json_guard_fed),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
