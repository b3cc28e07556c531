/*
 * test-canon: the canonical JSON form (src/codec/canon.c): key order and
 * layout, numbers, strings, idempotence, a reset buffer and refused values,
 * and a real capture (skipped when the shared fixtures are absent) whose
 * pretty and compact encodings must canonicalise, and hash, the same.
 */
#include "config.h"

#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "util/buf.h"

#define FIXTURE_STATS	"stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json"

/* Canonical form of a JSON text, as a string the caller frees. */
static char *
canon_of(const char *text)
{
	struct buf	 b = BUF_INIT;
	json_t		*v;

	v = unit_parse(text);
	assert_int_equal(canon_dump(v, &b), 0);
	json_decref(v);
	return (buf_detach(&b));
}

static void
test_canon_key_order(void **state)
{
	char	*a, *b, *c;
	char	 ha[HASH_HEX_LEN + 1], hb[HASH_HEX_LEN + 1];

	(void)state;
	a = canon_of("{\"b\": 1, \"a\": {\"y\": [1, 2, {\"q\": null, "
	    "\"p\": true}], \"x\": \"s\"}}");
	b = canon_of("\n{\n  \"a\" : {\n    \"x\" : \"s\",\n    \"y\" : "
	    "[ 1 ,2, { \"p\":true,\"q\" : null } ]\n  },\n\t\"b\":1\n}\n");
	assert_string_equal(a, b);
	assert_string_equal(a,
	    "{\"a\":{\"x\":\"s\",\"y\":[1,2,{\"p\":true,\"q\":null}]},\"b\":1}");

	assert_int_equal(hash_sha256_hex(a, strlen(a), ha), 0);
	assert_int_equal(hash_sha256_hex(b, strlen(b), hb), 0);
	assert_string_equal(ha, hb);

	/* Array order is content, not layout: it must change the form. */
	c = canon_of("{\"b\": 1, \"a\": {\"y\": [2, 1, {\"q\": null, "
	    "\"p\": true}], \"x\": \"s\"}}");
	assert_string_not_equal(a, c);

	free(a);
	free(b);
	free(c);
}

static void
test_canon_numbers(void **state)
{
	static const struct {
		const char	*in;
		const char	*want;
	} cases[] = {
		{ "0.1", "0.10000000000000001" },
		{ "1e-7", "9.9999999999999995e-8" },
		{ "1.0", "1.0" },
		{ "1", "1" },
		{ "2.5", "2.5" },
		{ "-0.0", "-0.0" },
		{ "1e300", "1.0000000000000001e300" },
		{ "9007199254740993", "9007199254740993" },
		{ "-9223372036854775808", "-9223372036854775808" },
		{ "[1.50, 100, 1E2]", "[1.5,100,100.0]" },
	};
	char	*got;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		got = canon_of(cases[i].in);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("%s: got %s, want %s", cases[i].in, got,
			    cases[i].want);
		free(got);
	}
}

static void
test_canon_strings(void **state)
{
	char	*got;

	(void)state;
	/* Non-ASCII stays UTF-8; only what JSON requires is escaped. */
	got = canon_of("[\"\\u6a21\\u578b\", \"a/b\", \"q\\\"\\n\"]");
	assert_string_equal(got, "[\"\xe6\xa8\xa1\xe5\x9e\x8b\",\"a/b\","
	    "\"q\\\"\\n\"]");
	free(got);
}

static void
test_canon_idempotent(void **state)
{
	char	*a, *b;

	(void)state;
	a = canon_of("{\"z\":[0.1,{\"m\":1e-7,\"a\":\"x\"}],\"k\":{}}");
	b = canon_of(a);
	assert_string_equal(a, b);
	free(a);
	free(b);
}

static void
test_canon_resets_and_refuses(void **state)
{
	struct buf	 b = BUF_INIT;
	json_t		*v, *inner;

	(void)state;
	buf_addstr(&b, "stale");
	v = json_integer(7);
	assert_int_equal(canon_dump(v, &b), 0);
	assert_string_equal(buf_str(&b), "7");
	json_decref(v);

	/* A cycle cannot be encoded; the buffer must not keep a fragment. */
	v = json_object();
	inner = json_object();
	assert_int_equal(json_object_set_new(v, "a", json_integer(1)), 0);
	assert_int_equal(json_object_set(v, "b", inner), 0);
	assert_int_equal(json_object_set(inner, "up", v), 0);
	assert_int_equal(canon_dump(v, &b), -1);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(json_object_del(inner, "up"), 0);
	json_decref(inner);
	json_decref(v);

	buf_addstr(&b, "stale");
	assert_int_equal(canon_dump(NULL, &b), -1);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
test_canon_real_fixture(void **state)
{
	struct buf	 pretty = BUF_INIT, compact = BUF_INIT;
	json_error_t	 err;
	json_t		*root, *again;
	char		*path, *text;
	char		 h1[HASH_HEX_LEN + 1], h2[HASH_HEX_LEN + 1];

	(void)state;
	UNIT_NEED_SHARED();

	/* The fixture on disk is pretty-printed. */
	path = unit_shared_path(FIXTURE_STATS);
	root = json_load_file(path, JSON_PRESERVE_ORDER, &err);
	if (root == NULL)
		fail_msg("%s: %s (line %d)", path, err.text, err.line);
	free(path);
	assert_int_equal(canon_dump(root, &pretty), 0);

	/*
	 * Re-encode compactly in file order (not sorted) and parse again
	 * without preserving order: the canonical form must not notice.
	 */
	text = json_dumps(root, JSON_COMPACT | JSON_PRESERVE_ORDER);
	assert_non_null(text);
	again = json_loads(text, 0, &err);
	if (again == NULL)
		fail_msg("reparse: %s", err.text);
	free(text);
	assert_int_equal(canon_dump(again, &compact), 0);

	assert_true(pretty.len > 1000);
	assert_int_equal(pretty.len, compact.len);
	assert_memory_equal(pretty.data, compact.data, pretty.len);
	assert_null(strchr(pretty.data, '\n'));
	assert_true(json_equal(root, again));

	assert_int_equal(hash_sha256_hex(pretty.data, pretty.len, h1), 0);
	assert_int_equal(hash_sha256_hex(compact.data, compact.len, h2), 0);
	assert_string_equal(h1, h2);

	json_decref(root);
	json_decref(again);
	buf_free(&pretty);
	buf_free(&compact);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_canon_key_order),
		cmocka_unit_test(test_canon_numbers),
		cmocka_unit_test(test_canon_strings),
		cmocka_unit_test(test_canon_idempotent),
		cmocka_unit_test(test_canon_resets_and_refuses),
		cmocka_unit_test(test_canon_real_fixture),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
