/*
 * test-canon: the canonical JSON form (src/codec/canon.c): key order and
 * layout, numbers, strings, idempotence, a reset buffer and refused values,
 * and a real capture (skipped when the shared fixtures are absent) whose
 * pretty and compact encodings must canonicalise, and hash, the same.
 */
#include "config.h"

#include "unit.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "util/buf.h"
#include "util/xmalloc.h"

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

/* jansson's own encoding with the canonical flags ("" when refused). */
static char *
jansson_canon(const json_t *v)
{
	char	*text;

	text = json_dumps(v, CANON_FLAGS);
	return (text != NULL ? text : xstrdup(""));
}

/* canon_dump(v) must be json_dumps(v, CANON_FLAGS), byte for byte. */
static void
assert_same_as_jansson(const json_t *v, const char *what)
{
	struct buf	 b = BUF_INIT;
	char		*want;
	int		 rc;

	want = jansson_canon(v);
	rc = canon_dump(v, &b);
	if ((rc != 0) != (*want == '\0') || strcmp(buf_str(&b), want) != 0)
		fail_msg("%s: canon_dump %d \"%.200s\", jansson \"%.200s\"",
		    what, rc, buf_str(&b), want);
	free(want);
	buf_free(&b);
}

static uint64_t	rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (rng_state);
}

/* A random string: ASCII with every character JSON escapes, NUL, other
 * planes; keys share prefixes so that order by length is exercised. */
static json_t *
random_string(int key)
{
	static const char	*const pieces[] = { "a", "ab", "Z", "\"", "\\",
	    "/", "\n", "\t", "\b", "\f", "\r", "\x01", "\x1f", "\x7f", " ",
	    "\xc3\xa9", "\xe6\xa8\xa1", "\xf0\x9f\x98\x80", "\xef\xbf\xbf",
	    "0", "-" };
	struct buf		 b = BUF_INIT;
	json_t			*v;
	size_t			 n, i;

	n = rng() % (key ? 4 : 12);
	for (i = 0; i < n; i++) {
		if (rng() % 16 == 0)
			buf_add(&b, "", 1);	/* a NUL */
		else
			buf_addstr(&b, pieces[rng() %
			    (sizeof pieces / sizeof pieces[0])]);
	}
	v = json_stringn(b.len > 0 ? b.data : "", b.len);
	buf_free(&b);
	return (v);
}

static json_t *
random_real(void)
{
	static const double	 special[] = { 0.0, -0.0, 1.0, 0.1, 1e16, 1e17,
	    1e15, 123456789012345678.0, 1e-4, 1e-5, 5e-324,
	    1.7976931348623157e308, 2.5e-05, 0.0000000208333333333333, 3.0,
	    -1e22, 1e21 };
	double			 d;
	uint64_t		 bits;

	if (rng() % 3 == 0)
		return (json_real(special[rng() %
		    (sizeof special / sizeof special[0])]));
	do {
		bits = rng();
		memcpy(&d, &bits, sizeof d);
	} while (d != d || d - d != 0);		/* NaN, infinite */
	return (json_real(d));
}

static json_t *
random_value(int depth)
{
	static const json_int_t	 ints[] = { 0, 1, -1, 127, 128, -128, 32767,
	    1000000007, INT64_MAX, INT64_MIN, 9007199254740993 };
	json_t			*v, *k;
	size_t			 n, i;

	switch (depth > 4 ? rng() % 6 : rng() % 8) {
	case 0:
		return (json_null());
	case 1:
		return (json_boolean(rng() % 2));
	case 2:
		if (rng() % 2)
			return (json_integer(ints[rng() %
			    (sizeof ints / sizeof ints[0])]));
		return (json_integer((json_int_t)rng()));
	case 3:
		return (random_real());
	case 4:
	case 5:
		return (random_string(0));
	case 6:
		v = json_array();
		for (n = rng() % 6, i = 0; i < n; i++)
			json_array_append_new(v, random_value(depth + 1));
		return (v);
	default:
		v = json_object();
		for (n = rng() % 30, i = 0; i < n; i++) {
			k = random_string(1);
			json_object_setn_new(v, json_string_value(k),
			    json_string_length(k), random_value(depth + 1));
			json_decref(k);
		}
		return (v);
	}
}

/*
 * The encoder is jansson's dump with CANON_FLAGS, written out: the same
 * bytes for random trees (every escape, NUL, other planes, keys that
 * are prefixes of others, big objects, reals of any bits) and for every
 * real capture; a string that is not UTF-8 is refused by both.
 */
static void
test_canon_matches_jansson(void **state)
{
	/* A surrogate, overlong forms, past U+10FFFF, cut, stray bytes. */
	static const char	*const bad[] = { "\xed\xa0\x80",
	    "x\xf0\x8f\xbf\xbf", "\xe0\x9f\xbf", "\xc1\xbf",
	    "\xf4\x90\x80\x80", "\xe6\xa8", "\x80", "\xf8\x88\x80\x80\x80",
	    "ok\xc3\xa9\xc3" };
	json_error_t	 err;
	json_t		*v;
	DIR		*dir;
	struct dirent	*de;
	char		*path, what[64];
	int		 i, files = 0;

	(void)state;
	for (i = 0; i < 3000; i++) {
		v = random_value(0);
		snprintf(what, sizeof what, "random tree %d", i);
		assert_same_as_jansson(v, what);
		json_decref(v);
	}
	v = json_pack("{s:o}", "k", json_stringn_nocheck("a\xff", 2));
	assert_same_as_jansson(v, "not UTF-8");
	json_decref(v);
	for (i = 0; i < (int)(sizeof bad / sizeof bad[0]); i++) {
		v = json_stringn_nocheck(bad[i], strlen(bad[i]));
		snprintf(what, sizeof what, "bad UTF-8 %d", i);
		assert_same_as_jansson(v, what);
		json_decref(v);
	}

	UNIT_NEED_SHARED();
	assert_non_null(dir = opendir(unit_real_dir()));
	while ((de = readdir(dir)) != NULL) {
		if (strstr(de->d_name, ".json") == NULL)
			continue;
		path = unit_shared_path(de->d_name);
		v = json_load_file(path, JSON_DECODE_ANY, &err);
		if (v == NULL)
			fail_msg("%s: %s", path, err.text);
		assert_same_as_jansson(v, de->d_name);
		json_decref(v);
		free(path);
		files++;
	}
	closedir(dir);
	assert_true(files >= 10);
}

/* A memo that knows one tree's canonical form (arg: its struct buf). */
static const json_t	*memo_tree;

static const char *
memo_text(const json_t *v, size_t *len, void *arg)
{
	const struct buf	*b = arg;

	if (v != memo_tree)
		return (NULL);
	*len = b->len;
	return (b->data);
}

/*
 * The parts canon_dump_memo() finds as it writes are canon_split()'s of
 * what it wrote, and the text is canon_dump()'s; with and without the
 * memo's text for a member.
 */
static void
assert_memo_parts(const json_t *v, const char *what)
{
	static const char *const parts[] = { "model", "provider_info", NULL };
	struct canon_span	 got[CANON_PARTS], want[CANON_PARTS];
	struct canon_memo	 memo = { memo_text, NULL, parts, got, NULL };
	struct buf		 out = BUF_INIT, plain = BUF_INIT, known;
	size_t			 n = 99, nwant, i;
	int			 rc;

	buf_init(&known);
	memo.arg = &known;
	memo.nspans = &n;
	memo_tree = json_is_object(v) ? json_object_get(v, "model") : NULL;
	if (memo_tree != NULL && canon_dump(memo_tree, &known) != 0)
		memo_tree = NULL;
	rc = canon_dump_memo(v, &out, &memo);
	assert_int_equal(rc, canon_dump(v, &plain));
	if (rc != 0) {
		assert_int_equal(n, 0);
		goto out;
	}
	if (out.len != plain.len || memcmp(out.data, plain.data,
	    out.len) != 0)
		fail_msg("%s: the memo's dump differs", what);
	nwant = canon_split(out.data, out.len, parts, want);
	if (n != nwant)
		fail_msg("%s: %zu parts found, canon_split %zu", what, n,
		    nwant);
	for (i = 0; i < n; i++) {
		if (got[i].off != want[i].off || got[i].len != want[i].len)
			fail_msg("%s: part %zu at %zu+%zu, canon_split %zu+%zu",
			    what, i, got[i].off, got[i].len, want[i].off,
			    want[i].len);
	}
out:
	buf_free(&out);
	buf_free(&plain);
	buf_free(&known);
}

/* A member named like a part, or almost: any value, objects of any size. */
static json_t *
random_part(void)
{
	json_t	*v;
	size_t	 n, i;
	char	 key[16];

	if (rng() % 4 == 0)
		return (random_value(1));
	v = json_object();
	for (n = rng() % 12, i = 0; i < n; i++) {
		snprintf(key, sizeof key, "k%zu", i);
		json_object_set_new(v, key, random_value(3));
	}
	return (v);
}

static void
test_canon_memo_parts(void **state)
{
	static const char *const names[] = { "model", "provider_info",
	    "mode", "models", "provider_infos", "provider", "a", "zz" };
	json_error_t	 err;
	json_t		*root, *v;
	const json_t	*list, *ep;
	char		*path, what[64];
	size_t		 i, j, n;

	(void)state;
	for (i = 0; i < 2000; i++) {
		v = json_object();
		for (n = rng() % 8, j = 0; j < n; j++)
			json_object_set_new(v, names[rng() % (sizeof names /
			    sizeof names[0])], random_part());
		snprintf(what, sizeof what, "random object %zu", i);
		assert_memo_parts(v, what);
		json_decref(v);
	}
	v = json_pack("[{s:{s:s}}]", "model", "k", "not a top-level member");
	assert_memo_parts(v, "an array");
	json_decref(v);

	UNIT_NEED_SHARED();
	path = unit_shared_path(FIXTURE_STATS);
	root = json_load_file(path, 0, &err);
	if (root == NULL)
		fail_msg("%s: %s", path, err.text);
	free(path);
	list = json_object_get(root, "data");
	assert_true(json_array_size(list) > 0);
	json_array_foreach(list, i, ep) {
		snprintf(what, sizeof what, "endpoint %zu of the capture", i);
		assert_memo_parts(ep, what);
	}
	json_decref(root);
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
		cmocka_unit_test(test_canon_matches_jansson),
		cmocka_unit_test(test_canon_memo_parts),
	};

	UNIT_RUN(tests, NULL, NULL);
}
