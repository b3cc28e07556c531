/*
 * test-json-diff: RFC 6902 style operations between two documents -- what
 * they say, their paths' escaping, their order (applying them to the old
 * document must give the new one) and their bounds.
 */
#include "config.h"

#include "unit.h"

#include "codec/json-diff.h"
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

/* Decode one RFC 6901 reference token (len bytes at p). */
static char *
token(const char *p, size_t len)
{
	char	*t, *q;
	size_t	 i;

	t = q = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		if (p[i] == '~' && i + 1 < len && p[i + 1] == '1') {
			*q++ = '/';
			i++;
		} else if (p[i] == '~' && i + 1 < len && p[i + 1] == '0') {
			*q++ = '~';
			i++;
		} else
			*q++ = p[i];
	}
	*q = '\0';
	return (t);
}

/*
 * Apply one operation to *doc as RFC 6902 says (its values are short
 * enough here to be whole).  A path that does not resolve fails the test.
 */
static void
apply(json_t **doc, const struct json_diff_op *o)
{
	json_t		*parent, *value = NULL;
	const char	*p, *last;
	char		*tok;
	size_t		 idx;

	if (o->new_text != NULL)
		value = parse(o->new_text);
	if (*o->path == '\0') {
		assert_int_equal(o->op, JSON_DIFF_REPLACE);
		json_decref(*doc);
		*doc = value;
		return;
	}
	assert_true(*o->path == '/');
	last = strrchr(o->path, '/');
	parent = *doc;
	for (p = o->path; p < last; ) {
		const char *end = strchr(p + 1, '/');

		tok = token(p + 1, (size_t)(end - p - 1));
		if (json_is_object(parent))
			parent = json_object_get(parent, tok);
		else
			parent = json_array_get(parent, strtoul(tok, NULL, 10));
		assert_non_null(parent);
		free(tok);
		p = end;
	}
	tok = token(last + 1, strlen(last + 1));
	if (json_is_object(parent)) {
		if (o->op == JSON_DIFF_REMOVE)
			assert_int_equal(json_object_del(parent, tok), 0);
		else {
			if (o->op == JSON_DIFF_REPLACE)
				assert_non_null(json_object_get(parent, tok));
			else
				assert_null(json_object_get(parent, tok));
			json_object_set_new(parent, tok, value);
		}
	} else {
		assert_true(json_is_array(parent));
		idx = strtoul(tok, NULL, 10);
		if (o->op == JSON_DIFF_REMOVE)
			assert_int_equal(json_array_remove(parent, idx), 0);
		else if (o->op == JSON_DIFF_REPLACE)
			assert_int_equal(json_array_set_new(parent, idx, value),
			    0);
		else
			assert_int_equal(json_array_insert_new(parent, idx,
			    value), 0);
	}
	free(tok);
}

/* Diff a and b, check the patch turns a into b; returns the ops. */
static struct json_diff_op *
diff_and_apply(const char *ta, const char *tb, size_t *n)
{
	struct json_diff_op	*ops;
	json_t			*a, *b, *c;
	size_t			 i;

	a = parse(ta);
	b = parse(tb);
	assert_int_equal(json_diff(a, b, &ops, n), 0);
	c = json_deep_copy(a);
	for (i = 0; i < *n; i++)
		apply(&c, &ops[i]);
	if (!json_equal(c, b)) {
		char *got = json_dumps(c, JSON_ENCODE_ANY | JSON_SORT_KEYS);

		fail_msg("patch of %s gives %s, not %s", ta, got, tb);
	}
	json_decref(a);
	json_decref(b);
	json_decref(c);
	return (ops);
}

static void
check_op(const struct json_diff_op *o, enum json_diff_kind op,
    const char *path, const char *old_text, const char *new_text)
{
	assert_int_equal(o->op, op);
	assert_string_equal(o->path, path);
	if (old_text == NULL)
		assert_null(o->old_text);
	else
		assert_string_equal(o->old_text, old_text);
	if (new_text == NULL)
		assert_null(o->new_text);
	else
		assert_string_equal(o->new_text, new_text);
}

static void
test_identical(void **state)
{
	struct json_diff_op	*ops;
	json_t			*a, *b;
	size_t			 n = 99;

	(void)state;
	a = parse("{\"a\":[1,{\"b\":null}],\"c\":\"x\",\"d\":1.5}");
	b = parse("{\"d\":1.5,\"c\":\"x\",\"a\":[1,{\"b\":null}]}");
	assert_int_equal(json_diff(a, b, &ops, &n), 0);
	assert_int_equal(n, 0);
	assert_null(ops);
	assert_int_equal(json_diff(a, a, &ops, &n), 0);
	assert_int_equal(n, 0);
	json_diff_free(ops, n);
	json_decref(a);
	json_decref(b);
}

static void
test_replace_at_depth(void **state)
{
	struct json_diff_op	*ops;
	size_t			 n;

	(void)state;
	ops = diff_and_apply(
	    "{\"id\":\"e1\",\"pricing\":{\"prompt\":\"0.000001\","
	    "\"completion\":\"0.000002\"}}",
	    "{\"id\":\"e1\",\"pricing\":{\"prompt\":\"0.0000012\","
	    "\"completion\":\"0.000002\"}}", &n);
	assert_int_equal(n, 1);
	check_op(&ops[0], JSON_DIFF_REPLACE, "/pricing/prompt",
	    "\"0.000001\"", "\"0.0000012\"");
	assert_string_equal(json_diff_op_name(ops[0].op), "replace");
	json_diff_free(ops, n);
}

static void
test_add_remove(void **state)
{
	struct json_diff_op	*ops;
	size_t			 n;

	(void)state;
	ops = diff_and_apply(
	    "{\"m\":{\"a\":1,\"c\":{\"x\":[true]},\"d\":\"gone\"}}",
	    "{\"m\":{\"a\":1,\"b\":{\"new\":2},\"c\":{\"x\":[true],\"y\":"
	    "null}},\"z\":0}", &n);
	assert_int_equal(n, 4);
	/* Keys in byte order, each level in turn. */
	check_op(&ops[0], JSON_DIFF_ADD, "/m/b", NULL, "{\"new\":2}");
	check_op(&ops[1], JSON_DIFF_ADD, "/m/c/y", NULL, "null");
	check_op(&ops[2], JSON_DIFF_REMOVE, "/m/d", "\"gone\"", NULL);
	check_op(&ops[3], JSON_DIFF_ADD, "/z", NULL, "0");
	assert_string_equal(json_diff_op_name(ops[0].op), "add");
	assert_string_equal(json_diff_op_name(ops[2].op), "remove");
	json_diff_free(ops, n);
}

static void
test_arrays(void **state)
{
	struct json_diff_op	*ops;
	size_t			 n;

	(void)state;
	/* Growing: the new elements are added in order. */
	ops = diff_and_apply("{\"a\":[1,2]}", "{\"a\":[1,2,3,[4]]}", &n);
	assert_int_equal(n, 2);
	check_op(&ops[0], JSON_DIFF_ADD, "/a/2", NULL, "3");
	check_op(&ops[1], JSON_DIFF_ADD, "/a/3", NULL, "[4]");
	json_diff_free(ops, n);

	/* Shrinking: removed from the end down, so every index holds. */
	ops = diff_and_apply("[1,2,3,4]", "[1,2]", &n);
	assert_int_equal(n, 2);
	check_op(&ops[0], JSON_DIFF_REMOVE, "/3", "4", NULL);
	check_op(&ops[1], JSON_DIFF_REMOVE, "/2", "3", NULL);
	json_diff_free(ops, n);

	/* By index: a change inside an element and a shrink together. */
	ops = diff_and_apply("[{\"p\":1},{\"p\":2},{\"p\":3}]",
	    "[{\"p\":1},{\"p\":5}]", &n);
	assert_int_equal(n, 2);
	check_op(&ops[0], JSON_DIFF_REPLACE, "/1/p", "2", "5");
	check_op(&ops[1], JSON_DIFF_REMOVE, "/2", "{\"p\":3}", NULL);
	json_diff_free(ops, n);

	/* To and from empty. */
	ops = diff_and_apply("[]", "[\"x\"]", &n);
	assert_int_equal(n, 1);
	check_op(&ops[0], JSON_DIFF_ADD, "/0", NULL, "\"x\"");
	json_diff_free(ops, n);
	ops = diff_and_apply("{\"e\":[0,0,0]}", "{\"e\":[]}", &n);
	assert_int_equal(n, 3);
	check_op(&ops[0], JSON_DIFF_REMOVE, "/e/2", "0", NULL);
	check_op(&ops[2], JSON_DIFF_REMOVE, "/e/0", "0", NULL);
	json_diff_free(ops, n);
}

static void
test_escaping(void **state)
{
	struct json_diff_op	*ops;
	size_t			 n;

	(void)state;
	ops = diff_and_apply(
	    "{\"a/b\":1,\"m~n\":{\"~1\":\"x\"},\"\":0,\"q\\\"r\":1}",
	    "{\"a/b\":2,\"m~n\":{\"~1\":\"y\"},\"\":1,\"q\\\"r\":2}", &n);
	assert_int_equal(n, 4);
	check_op(&ops[0], JSON_DIFF_REPLACE, "/", "0", "1");
	check_op(&ops[1], JSON_DIFF_REPLACE, "/a~1b", "1", "2");
	check_op(&ops[2], JSON_DIFF_REPLACE, "/m~0n/~01", "\"x\"", "\"y\"");
	check_op(&ops[3], JSON_DIFF_REPLACE, "/q\"r", "1", "2");
	json_diff_free(ops, n);
}

static void
test_type_changes(void **state)
{
	static const char *pairs[][2] = {
		{ "1", "\"1\"" },
		{ "1", "1.0" },
		{ "true", "false" },
		{ "null", "0" },
		{ "{}", "[]" },
		{ "{\"a\":1}", "[1]" },
		{ "\"s\"", "{\"s\":1}" },
	};
	struct json_diff_op	*ops;
	size_t			 i, n;
	char			*a, *b;

	(void)state;
	for (i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
		a = xasprintf("{\"k\":%s}", pairs[i][0]);
		b = xasprintf("{\"k\":%s}", pairs[i][1]);
		ops = diff_and_apply(a, b, &n);
		assert_int_equal(n, 1);
		check_op(&ops[0], JSON_DIFF_REPLACE, "/k", pairs[i][0],
		    pairs[i][1]);
		json_diff_free(ops, n);
		free(a);
		free(b);
	}
	/* The whole document replaced: the empty pointer. */
	ops = diff_and_apply("[1]", "\"x\"", &n);
	assert_int_equal(n, 1);
	check_op(&ops[0], JSON_DIFF_REPLACE, "", "[1]", "\"x\"");
	json_diff_free(ops, n);
}

/* Every byte of s belongs to a complete UTF-8 character. */
static int
utf8_whole(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 need, i;

	while (*p != '\0') {
		need = *p < 0x80 ? 1 : *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
		for (i = 1; i < need; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return (0);
		}
		p += need;
	}
	return (1);
}

static void
test_long_values(void **state)
{
	struct json_diff_op	*ops;
	struct buf		 big = BUF_INIT;
	json_t			*a, *b;
	size_t			 n, i, len;

	(void)state;
	/* A 1 MB string of two-byte characters, one byte off the cap. */
	buf_addch(&big, 'x');
	for (i = 0; i < 512 * 1024; i++)
		buf_addstr(&big, "\xc3\xa9");
	a = json_pack("{s:s}", "k", "short");
	b = json_pack("{s:s, s:[s]}", "k", buf_str(&big), "l",
	    buf_str(&big));
	assert_int_equal(json_diff(a, b, &ops, &n), 0);
	assert_int_equal(n, 2);
	assert_int_equal(ops[0].op, JSON_DIFF_REPLACE);
	assert_string_equal(ops[0].path, "/k");
	assert_string_equal(ops[0].old_text, "\"short\"");
	for (i = 0; i < n; i++) {
		len = strlen(ops[i].new_text);
		assert_true(len <= JSON_DIFF_TEXT_MAX + 3);
		assert_true(len >= JSON_DIFF_TEXT_MAX - 3);
		assert_string_equal(ops[i].new_text + len - 3, "...");
		assert_true(utf8_whole(ops[i].new_text));
	}
	assert_memory_equal(ops[0].new_text, "\"x\xc3\xa9", 4);
	assert_memory_equal(ops[1].new_text, "[\"x\xc3\xa9", 5);
	assert_string_equal(ops[1].path, "/l");
	assert_int_equal(ops[1].op, JSON_DIFF_ADD);
	json_diff_free(ops, n);
	json_decref(a);
	json_decref(b);
	buf_free(&big);

	/* A value exactly at the cap is not cut. */
	a = json_string("");
	buf_reset(&big);
	for (i = 0; i < JSON_DIFF_TEXT_MAX - 2; i++)
		buf_addch(&big, 'y');
	b = json_string(buf_str(&big));
	assert_int_equal(json_diff(a, b, &ops, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(strlen(ops[0].new_text), JSON_DIFF_TEXT_MAX);
	assert_int_equal(ops[0].new_text[JSON_DIFF_TEXT_MAX - 1], '"');
	json_diff_free(ops, n);
	json_decref(a);
	json_decref(b);
	buf_free(&big);
}

/* Nested arrays depth deep with value at the bottom. */
static json_t *
nest(int depth, json_int_t value)
{
	json_t	*v, *outer;
	int	 i;

	v = json_integer(value);
	for (i = 0; i < depth; i++) {
		outer = json_array();
		json_array_append_new(outer, v);
		v = outer;
	}
	return (v);
}

static void
test_bounds(void **state)
{
	struct json_diff_op	*ops;
	json_t			*a, *b;
	size_t			 n, i, depth;
	const char		*p;

	(void)state;
	/* Below the depth cap a difference is one replace of the subtree. */
	a = nest(1000, 1);
	b = nest(1000, 2);
	assert_int_equal(json_diff(a, b, &ops, &n), 0);
	assert_int_equal(n, 1);
	assert_int_equal(ops[0].op, JSON_DIFF_REPLACE);
	for (depth = 0, p = ops[0].path; *p != '\0'; p++)
		depth += *p == '/';
	assert_int_equal(depth, JSON_DIFF_MAX_DEPTH);
	assert_true(strlen(ops[0].old_text) <= JSON_DIFF_TEXT_MAX + 3);
	json_diff_free(ops, n);
	/* Equal deep documents give nothing. */
	json_decref(b);
	b = nest(1000, 1);
	assert_int_equal(json_diff(a, b, &ops, &n), 0);
	assert_int_equal(n, 0);
	json_decref(a);
	json_decref(b);

	/* The list stops at the cap and says so. */
	a = json_array();
	b = json_array();
	for (i = 0; i < JSON_DIFF_MAX_OPS + 50; i++) {
		json_array_append_new(a, json_integer((json_int_t)i));
		json_array_append_new(b, json_integer((json_int_t)i + 1));
	}
	assert_int_equal(json_diff(a, b, &ops, &n), 1);
	assert_int_equal(n, JSON_DIFF_MAX_OPS);
	check_op(&ops[n - 1], JSON_DIFF_REPLACE, "/9999", "9999", "10000");
	json_diff_free(ops, n);
	json_decref(a);
	json_decref(b);
}

static void
test_text(void **state)
{
	json_t	*v;
	char	*t;

	(void)state;
	v = json_pack("{s:i, s:[b, n], s:f}", "b", 2, "a", 1, "c", 0.5);
	t = json_diff_text(v);
	assert_string_equal(t, "{\"a\":[true,null],\"b\":2,\"c\":0.5}");
	free(t);
	json_decref(v);
	v = json_string("tab\there \x01");
	t = json_diff_text(v);
	assert_string_equal(t, "\"tab\\there \\u0001\"");
	free(t);
	json_decref(v);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_replace_at_depth),
		cmocka_unit_test(test_add_remove),
		cmocka_unit_test(test_arrays),
		cmocka_unit_test(test_escaping),
		cmocka_unit_test(test_type_changes),
		cmocka_unit_test(test_long_values),
		cmocka_unit_test(test_bounds),
		cmocka_unit_test(test_text),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
