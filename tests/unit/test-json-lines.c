/*
 * test-json-lines: a document laid out as foldable lines -- the lines and
 * their texts, folding, revealing, and the bounds that hold for hostile
 * documents (deep nesting, huge strings, too many members, escapes), and
 * those of the diff the inspector shows beside them.
 */
#include "config.h"

#include "unit.h"

#include "codec/json-diff.h"
#include "codec/json-lines.h"
#include "util/buf.h"

static json_t *
parse(const char *text)
{
	json_error_t	 err;
	json_t		*v;

	v = json_loads(text, JSON_DECODE_ANY, &err);
	if (v == NULL)
		fail_msg("%s: %s", text, err.text);
	return (v);
}

/* The text of line i with "..." for folds. */
static const char *
text(const struct json_lines *jl, size_t i, struct jl_text *t)
{
	json_lines_text(jl, i, "...", t);
	return (buf_str(&t->buf));
}

/* All shown lines, indented two spaces a level, joined by newlines. */
static char *
render(const struct json_lines *jl)
{
	struct jl_text	 t;
	struct buf	 b = BUF_INIT;
	size_t		 i;
	int		 d;

	memset(&t, 0, sizeof t);
	for (i = 0; i < jl->nvis; i++) {
		for (d = 0; d < jl->line[jl->vis[i]].depth; d++)
			buf_addstr(&b, "  ");
		buf_addstr(&b, text(jl, jl->vis[i], &t));
		buf_addch(&b, '\n');
	}
	jl_text_free(&t);
	return (buf_detach(&b));
}

static void
test_layout(void **state)
{
	struct json_lines	*jl;
	struct jl_text		 t;
	json_t			*v;
	char			*out;

	(void)state;
	v = parse("{\"b\":[1,2.5,\"s\"],\"a\":{\"x\":true,\"y\":null},"
	    "\"e\":{},\"f\":[]}");
	jl = json_lines_new(v, 0);
	out = render(jl);
	assert_string_equal(out,
	    "{\n"
	    "  \"a\": {\n"
	    "    \"x\": true,\n"
	    "    \"y\": null\n"
	    "  },\n"
	    "  \"b\": [\n"
	    "    1,\n"
	    "    2.5,\n"
	    "    \"s\"\n"
	    "  ],\n"
	    "  \"e\": {},\n"
	    "  \"f\": []\n"
	    "}\n");
	free(out);
	assert_int_equal(jl->n, 13);
	assert_int_equal(jl->nvis, 13);
	assert_int_equal(jl->line[0].kind, JL_OPEN);
	assert_int_equal(jl->line[0].match, 12);
	assert_int_equal(jl->line[12].match, 0);
	assert_int_equal(jl->line[1].parent, 0);
	assert_int_equal(jl->line[2].parent, 1);
	assert_int_equal(jl->line[1].count, 2);

	/* The pieces carry their colour classes. */
	memset(&t, 0, sizeof t);
	json_lines_text(jl, 2, "...", &t);
	assert_int_equal(t.nseg, 4);
	assert_int_equal(t.seg[0].cls, JL_C_KEY);
	assert_int_equal(t.seg[0].len, 3);
	assert_int_equal(t.seg[1].cls, JL_C_PUNCT);
	assert_int_equal(t.seg[2].cls, JL_C_NUMBER);
	assert_int_equal(t.seg[3].cls, JL_C_PUNCT);
	json_lines_text(jl, 8, "...", &t);
	assert_int_equal(t.seg[0].cls, JL_C_STRING);
	jl_text_free(&t);
	json_lines_free(jl);
	json_decref(v);

	/* A scalar document is one line. */
	v = parse("\"just\"");
	jl = json_lines_new(v, 0);
	assert_int_equal(jl->n, 1);
	out = render(jl);
	assert_string_equal(out, "\"just\"\n");
	free(out);
	json_lines_free(jl);
	json_decref(v);
}

static void
test_fold(void **state)
{
	struct json_lines	*jl;
	json_t			*v;
	char			*out;

	(void)state;
	v = parse("{\"a\":{\"x\":[1,2],\"y\":2},\"b\":[3]}");
	jl = json_lines_new(v, 0);
	assert_int_equal(jl->nvis, 12);

	json_lines_fold(jl, 1, 1);
	out = render(jl);
	assert_string_equal(out,
	    "{\n"
	    "  \"a\": {...},\n"
	    "  \"b\": [\n"
	    "    3\n"
	    "  ]\n"
	    "}\n");
	free(out);
	/* A hidden line maps to the fold that hides it. */
	assert_int_equal(json_lines_vis_pos(jl, 3), 1);
	assert_int_equal(json_lines_vis_pos(jl, 8), 2);

	/* Folding a line that does not open anything changes nothing. */
	json_lines_fold(jl, 9, 1);
	assert_int_equal(jl->nvis, 6);

	/* Revealing a line deep inside unfolds its ancestors only. */
	json_lines_fold_all(jl, 1);
	out = render(jl);
	assert_string_equal(out, "{\n  \"a\": {...},\n  \"b\": [...]\n}\n");
	free(out);
	json_lines_reveal(jl, 3);	/* the 1 in "x" */
	out = render(jl);
	assert_string_equal(out,
	    "{\n"
	    "  \"a\": {\n"
	    "    \"x\": [\n"
	    "      1,\n"
	    "      2\n"
	    "    ],\n"
	    "    \"y\": 2\n"
	    "  },\n"
	    "  \"b\": [...]\n"
	    "}\n");
	free(out);
	assert_int_equal(json_lines_vis_pos(jl, 3), 3);

	json_lines_fold_all(jl, 0);
	assert_int_equal(jl->nvis, 12);
	/* The document itself folds too when asked. */
	json_lines_fold(jl, 0, 1);
	assert_int_equal(jl->nvis, 1);
	out = render(jl);
	assert_string_equal(out, "{...}\n");
	free(out);
	json_lines_free(jl);
	json_decref(v);
}

static void
test_deep(void **state)
{
	struct json_lines	*jl;
	json_t			*v, *outer;
	size_t			 i, deep = 0;

	(void)state;
	/* 10,000 levels: laid out to the cap, the rest one line. */
	v = json_integer(7);
	for (i = 0; i < 10000; i++) {
		outer = json_object();
		json_object_set_new(outer, "k", v);
		v = outer;
	}
	jl = json_lines_new(v, 0);
	assert_int_equal(jl->n, 2 * JSON_LINES_MAX_DEPTH + 1);
	for (i = 0; i < jl->n; i++) {
		assert_true(jl->line[i].depth <= JSON_LINES_MAX_DEPTH);
		if (jl->line[i].kind == JL_DEEP) {
			deep++;
			assert_int_equal(jl->line[i].count, 1);
			assert_int_equal(jl->line[i].depth,
			    JSON_LINES_MAX_DEPTH);
		}
	}
	assert_int_equal(deep, 1);
	json_lines_fold_all(jl, 1);
	assert_int_equal(jl->nvis, 3);
	json_lines_free(jl);
	json_decref(v);
}

static void
test_max_lines(void **state)
{
	struct json_lines	*jl;
	struct jl_text		 t;
	json_t			*v, *inner;
	char			 last[32];
	size_t			 i;

	(void)state;
	v = json_object();
	inner = json_array();
	for (i = 0; i < 1000; i++)
		json_array_append_new(inner, json_integer((json_int_t)i));
	json_object_set_new(v, "a", inner);
	json_object_set_new(v, "b", json_string("after"));
	jl = json_lines_new(v, 50);
	assert_true(jl->n <= 50);
	/* The cut container ends with a JL_MORE saying what is left out,
	 * and every container is still closed. */
	assert_int_equal(jl->line[jl->n - 1].kind, JL_CLOSE);
	assert_int_equal(jl->line[0].match, jl->n - 1);
	for (i = 0; i < jl->n; i++) {
		if (jl->line[i].kind == JL_MORE)
			break;
	}
	assert_true(i < jl->n);
	assert_int_equal(jl->line[i].count + (i - 2), 1000);
	memset(&t, 0, sizeof t);
	assert_string_equal(text(jl, i, &t), "...");
	/* Members sit at lines 2 .. i - 1 and hold their index. */
	snprintf(last, sizeof last, "%zu,", i - 3);
	assert_string_equal(text(jl, i - 1, &t), last);
	jl_text_free(&t);
	json_lines_free(jl);
	json_decref(v);
}

/*
 * A million-element array: one container shows at most 10,000 members and
 * a note, so what follows it is still laid out, within the line budget.
 */
static void
test_huge_array(void **state)
{
	struct json_lines	*jl;
	struct jl_text		 t;
	json_t			*v, *inner;
	size_t			 i, more = JSON_LINES_NONE, after = JSON_LINES_NONE;

	(void)state;
	v = json_object();
	inner = json_array();
	for (i = 0; i < 1000000; i++)
		json_array_append_new(inner, json_null());
	json_object_set_new(v, "a", inner);
	json_object_set_new(v, "z", json_string("after"));
	jl = json_lines_new(v, 100000);
	assert_true(jl->n < 10100);
	memset(&t, 0, sizeof t);
	for (i = 0; i < jl->n; i++) {
		if (jl->line[i].kind == JL_MORE && more == JSON_LINES_NONE)
			more = i;
		if (jl->line[i].key != NULL && strcmp(jl->line[i].key, "z") == 0)
			after = i;
	}
	assert_true(more != JSON_LINES_NONE);
	assert_int_equal(jl->line[more].count, 1000000 - 10000);
	assert_true(after != JSON_LINES_NONE && after > more);
	assert_string_equal(text(jl, after, &t), "\"z\": \"after\"");
	assert_int_equal(jl->line[1].count, 1000000);
	jl_text_free(&t);
	json_lines_free(jl);
	json_decref(v);
}

static void
test_quote(void **state)
{
	struct buf	 b = BUF_INIT;
	struct buf	 big = BUF_INIT;
	size_t		 i;

	(void)state;
	json_lines_quote(&b, "a\"b\\c\n\t\x01\x7f", 9, 0, "...");
	assert_string_equal(buf_str(&b), "\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\"");
	/* C1 controls, bidi overrides, line separators: escaped. */
	buf_reset(&b);
	json_lines_quote(&b, "x\xc2\x9b" "31m\xe2\x80\xae" "y\xe2\x80\xa8"
	    "\xe2\x81\xa6\xd8\x9c", 18, 0, "...");
	assert_string_equal(buf_str(&b),
	    "\"x\\u009b31m\\u202ey\\u2028\\u2066\\u061c\"");
	/* Invalid UTF-8 bytes are escaped, valid text kept. */
	buf_reset(&b);
	json_lines_quote(&b, "\xff\xc3\xa9\xe2\x82", 5, 0, "...");
	assert_string_equal(buf_str(&b),
	    "\"\\u00ff\xc3\xa9\\u00e2\\u0082\"");
	/* A NUL inside the length is text, not the end. */
	buf_reset(&b);
	json_lines_quote(&b, "a\0b", 3, 0, "...");
	assert_string_equal(buf_str(&b), "\"a\\u0000b\"");

	/* A 1 MB string is cut on a character boundary. */
	for (i = 0; i < 1024 * 1024 / 3; i++)
		buf_addstr(&big, "\xe6\x97\xa5");
	buf_reset(&b);
	json_lines_quote(&b, big.data, big.len, JSON_LINES_TEXT_MAX, "~");
	assert_true(b.len <= JSON_LINES_TEXT_MAX + 8);
	assert_string_equal(buf_str(&b) + b.len - 2, "~\"");
	assert_int_equal((b.len - 3) % 3, 0);
	buf_free(&big);
	buf_free(&b);
}

static void
test_bounded_text(void **state)
{
	struct json_lines	*jl;
	struct jl_text		 t;
	struct buf		 big = BUF_INIT;
	json_t			*v;
	size_t			 i;

	(void)state;
	for (i = 0; i < 1024 * 1024; i++)
		buf_addch(&big, 'k');
	v = json_object();
	json_object_set_new(v, buf_str(&big), json_string(buf_str(&big)));
	json_object_set_new(v, "r", json_real(0.1));
	json_object_set_new(v, "w", json_real(3.0));
	json_object_set_new(v, "i", json_integer(-42));
	jl = json_lines_new(v, 0);
	memset(&t, 0, sizeof t);
	text(jl, 2, &t);
	assert_true(t.buf.len <= 2 * (JSON_LINES_TEXT_MAX + 8) + 3);
	assert_string_equal(text(jl, 1, &t), "\"i\": -42,");
	assert_string_equal(text(jl, 3, &t), "\"r\": 0.1,");
	assert_string_equal(text(jl, 4, &t), "\"w\": 3.0");
	jl_text_free(&t);
	json_lines_free(jl);
	json_decref(v);
	buf_free(&big);
}

static void
test_match_safe(void **state)
{
	struct buf	b = BUF_INIT;

	(void)state;
	assert_true(json_lines_match("\"Prompt\": 1", 11, "prompt"));
	assert_true(json_lines_match("abc", 3, ""));
	assert_false(json_lines_match("abc", 2, "bc"));
	assert_false(json_lines_match("ab", 2, "abc"));
	assert_true(json_lines_match("xxABC", 5, "abc"));

	json_lines_safe(&b, "{\"n\": \"a\xe2\x80\xae" "b\xc2\x85\xc3\xa9\"}");
	assert_string_equal(buf_str(&b),
	    "{\"n\": \"a\\u202eb\\u0085\xc3\xa9\"}");
	/* The deprecated format characters reorder text too. */
	buf_reset(&b);
	json_lines_safe(&b, "\"\xe2\x81\xaa\xe2\x81\xaf\"");
	assert_string_equal(buf_str(&b), "\"\\u206a\\u206f\"");
	buf_reset(&b);
	json_lines_quote(&b, "\xe2\x81\xaa", 3, 0, "...");
	assert_string_equal(buf_str(&b), "\"\\u206a\"");
	buf_free(&b);
}

/*
 * The diff the inspector shows: a megabyte key over an array whose elements
 * all changed gives one operation per element, each path cut to a bounded
 * length on a character boundary.
 */
static void
test_diff_long_key(void **state)
{
	struct json_diff_op	*ops;
	struct buf		 key = BUF_INIT;
	json_t			*a, *b, *xa, *xb;
	size_t			 n, i;

	(void)state;
	while (key.len < 1024 * 1024)
		buf_addstr(&key, "\xe6\xa8\xa1/~k");
	a = json_object();
	b = json_object();
	xa = json_array();
	xb = json_array();
	for (i = 0; i < 500; i++) {
		json_array_append_new(xa, json_integer((json_int_t)i));
		json_array_append_new(xb, json_integer((json_int_t)i + 1000));
	}
	json_object_set_new(a, buf_str(&key), xa);
	json_object_set_new(b, buf_str(&key), xb);
	assert_int_equal(json_diff(a, b, &ops, &n), 0);
	assert_int_equal(n, 500);
	for (i = 0; i < n; i++) {
		assert_true(strlen(ops[i].path) <= 1024 + 3);
		assert_memory_equal(ops[i].path, "/\xe6\xa8\xa1~1~0k", 9);
		assert_non_null(strstr(ops[i].path, ".../"));
		assert_true(strlen(ops[i].old_text) <= JSON_DIFF_TEXT_MAX + 3);
	}
	assert_string_equal(strrchr(ops[499].path, '/'), "/499");
	json_diff_free(ops, n);
	json_decref(a);
	json_decref(b);
	buf_free(&key);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_deep),
		cmocka_unit_test(test_max_lines),
		cmocka_unit_test(test_huge_array),
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_bounded_text),
		cmocka_unit_test(test_match_safe),
		cmocka_unit_test(test_diff_long_key),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
