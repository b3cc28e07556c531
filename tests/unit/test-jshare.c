/*
 * test-jshare: a listing's repeated members parsed once (src/codec/
 * jshare.c).  Whatever the text, jshare_loadb() gives what json_loadb()
 * gives (the same values, the same canonical form, the same error); where
 * it may, the elements share one tree per member text, within a document
 * and across documents; where an element could fool the walk (escaped
 * keys, a key twice, a second "data") nothing of it is shared.  The real
 * captures are checked the same way, and the canonical forms kept for
 * canon_dump_memo() stay right when the cache evicts.
 */
#include "config.h"

#include "unit.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "codec/canon.h"
#include "codec/jarena.h"
#include "codec/jshare.h"
#include "util/buf.h"
#include "util/xmalloc.h"

static const char *const keys[] = { "model", "provider_info", NULL };

#define MODEL	"{\"slug\":\"a/b\",\"name\":\"A: B\"," \
	"\"n\":[1,2.5,{\"x\":null}]}"
#define PROV_X	"{\"name\":\"X\",\"tags\":[\"a\\\"b\",\"\\\\\"]}"
#define PROV_Y	"{\"name\":\"Y\"}"

/*
 * text parsed both ways: both refused with one message, or the same
 * values with the same canonical form, also through the memo.  The tree
 * is returned (the caller frees it) for more checks.
 */
static json_t *
same_as_loadb(struct jshare *s, const char *text)
{
	json_error_t		 e1, e2;
	json_t			*a, *b, *el;
	struct buf		 ca = BUF_INIT, cb = BUF_INIT;
	struct canon_memo	 memo = { .text = jshare_canon };
	size_t			 i;

	memo.arg = s;
	a = jshare_loadb(s, keys, text, strlen(text), &e1);
	b = json_loadb(text, strlen(text), 0, &e2);
	if (b == NULL) {
		assert_null(a);
		assert_string_equal(e1.text, e2.text);
		assert_int_equal(e1.line, e2.line);
		assert_int_equal(e1.column, e2.column);
		return (NULL);
	}
	assert_non_null(a);
	assert_true(json_equal(a, b));
	assert_int_equal(canon_dump(a, &ca), 0);
	assert_int_equal(canon_dump(b, &cb), 0);
	assert_string_equal(ca.data, cb.data);
	json_array_foreach(json_object_get(a, "data"), i, el) {
		assert_int_equal(canon_dump_memo(el, &ca, &memo), 0);
		assert_int_equal(canon_dump(json_array_get(
		    json_object_get(b, "data"), i), &cb), 0);
		assert_string_equal(ca.data, cb.data);
	}
	buf_free(&ca);
	buf_free(&cb);
	json_decref(b);
	return (a);
}

static const json_t *
member(const json_t *root, size_t i, const char *key)
{
	return (json_object_get(json_array_get(json_object_get(root, "data"),
	    i), key));
}

static void
test_shared_within_and_across(void **state)
{
	struct jshare	*s = jshare_new();
	json_t		*a, *b;

	(void)state;
	a = same_as_loadb(s,
	    "{\"data\":[{\"id\":1,\"model\":" MODEL ",\"provider_info\":"
	    PROV_X "},\n {\"id\":2, \"model\" : " MODEL " , \"provider_info\":"
	    PROV_Y "}, {\"id\":3,\"model\":" MODEL "}], \"n\": 3}");
	assert_ptr_equal(member(a, 0, "model"), member(a, 1, "model"));
	assert_ptr_equal(member(a, 0, "model"), member(a, 2, "model"));
	assert_ptr_not_equal(member(a, 0, "provider_info"),
	    member(a, 1, "provider_info"));
	/* MODEL, PROV_X, PROV_Y parsed; MODEL twice again from the cache. */
	assert_int_equal(jshare_parsed(s), 3);
	assert_int_equal(jshare_hits(s), 2);

	/* The next document: the provider is the first's. */
	b = same_as_loadb(s, "{\"data\":[{\"model\":{\"slug\":\"c/d\"},"
	    "\"provider_info\":" PROV_X "}]}");
	assert_ptr_equal(member(b, 0, "provider_info"),
	    member(a, 0, "provider_info"));
	assert_int_equal(jshare_hits(s), 3);
	json_decref(a);
	json_decref(b);
	jshare_free(s);
}

/* Where the walk could be fooled, each answer is still json_loadb()'s. */
static void
test_nothing_shared_where_unsure(void **state)
{
	static const char *const docs[] = {
		/* an escaped key that spells "model", after the plain one */
		"{\"data\":[{\"model\":" MODEL ",\"mod\\u0065l\":{\"b\":2}},"
		    "{\"model\":" MODEL "}]}",
		/* a key twice: jansson keeps the last */
		"{\"data\":[{\"model\":" MODEL ",\"model\":{\"b\":2}},"
		    "{\"model\":" MODEL "}]}",
		/* the same, with the very 0 that stands for a shared member */
		"{\"data\":[{\"model\":" MODEL ",\"model\":0}]}",
		"{\"data\":[{\"model\":" MODEL ",\"mod\\u0065l\":0}]}",
		/* "data" twice, or escaped */
		"{\"data\":[{\"model\":" MODEL "}],\"data\":[{\"model\":"
		    "{\"b\":2}}]}",
		"{\"dat\\u0061\":[{\"model\":" MODEL "}]}",
		/* members that are not objects, elements that are not */
		"{\"data\":[{\"model\":null},{\"model\":\"x\"},1,[],"
		    "{\"model\":[" MODEL "]}]}",
		/* not a listing */
		"{\"data\":{\"model\":" MODEL "}}", "[1,2]", "{}", "",
		"{\"data\":[]}", "  {\"data\" : [ { } ] }  ",
	};
	struct jshare	*s = jshare_new();
	json_t		*a;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		a = same_as_loadb(s, docs[i]);
		json_decref(a);
	}
	/* The first: the escaped key's value won, and is not MODEL. */
	a = same_as_loadb(s, docs[0]);
	assert_non_null(json_object_get(json_object_get(json_array_get(
	    json_object_get(a, "data"), 0), "model"), "b"));
	json_decref(a);
	jshare_free(s);
}

/* Broken text: the same refusal, at the same place, as json_loadb(). */
static void
test_broken_text(void **state)
{
	static const char *const docs[] = {
		"{\"data\":[{\"model\":{\"a\":1,}}]}",
		"{\"data\":[{\"model\":{\"a\":1}},{\"model\":{\"a\":1}]}",
		"{\"data\":[{\"model\":{\"a\":\"\\\"}}]}",
		"{\"data\":[{\"model\":{\"a\":1}}],}",
		"{\"data\":[{\"model\":{\"a\":1}}]} x",
		"{\"data\":[{\"model\":{\"a\":[1}}]}",
		"{\"data\":[{\"model\":{\"a\":1}} {\"model\":{\"a\":1}}]}",
		"{\"data\":[{\"model\"{\"a\":1}}]}",
		"{\"data\":[{\"model\":{\"a\":1}}",
	};
	struct jshare	*s = jshare_new();
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof docs / sizeof docs[0]; i++)
		assert_null(same_as_loadb(s, docs[i]));
	assert_null(jshare_loadb(s, keys, NULL, 0, &(json_error_t){ 0 }));
	jshare_free(s);
}

/*
 * More distinct members than the cache holds, twice over: evicted trees
 * and their canonical forms go, and a new tree at an old address never
 * gets an old form (same_as_loadb() compares every element's).
 */
static void
test_eviction(void **state)
{
	struct jshare	*s = jshare_new();
	struct buf	 doc = BUF_INIT;
	json_t		*a;
	int		 round, i;

	(void)state;
	for (round = 0; round < 3; round++) {
		buf_reset(&doc);
		buf_addstr(&doc, "{\"data\":[");
		for (i = 0; i < JSHARE_ENTRIES + 9; i++)
			buf_printf(&doc, "%s{\"model\":{\"m\":%d},"
			    "\"provider_info\":{\"p\":%d,\"r\":%d}}",
			    i > 0 ? "," : "", i % 7, i, round);
		buf_addstr(&doc, "]}");
		a = same_as_loadb(s, doc.data);
		assert_ptr_equal(member(a, 0, "model"), member(a, 7, "model"));
		json_decref(a);
	}
	buf_free(&doc);
	jshare_free(s);
}

/*
 * A member nested as deep as jansson allows a whole document, which the
 * guard lets through (it counts brackets, jansson scalars too): parsed on
 * its own it would be some levels shallower, and pass.  It is not shared,
 * and the document is refused as json_loadb() refuses it.
 */
static void
test_deep_member(void **state)
{
	struct jshare	*s = jshare_new();
	struct buf	 doc = BUF_INIT;
	json_t		*a;
	int		 i, n;

	(void)state;
	for (n = 2040; n <= 2048; n += 4) {
		buf_reset(&doc);
		buf_addstr(&doc, "{\"data\":[{\"model\":{\"a\":");
		for (i = 0; i < n; i++)
			buf_addch(&doc, '[');
		buf_addch(&doc, '1');
		for (i = 0; i < n; i++)
			buf_addch(&doc, ']');
		buf_addstr(&doc, "}},{\"model\":{\"b\":[[1]]}}]}");
		a = same_as_loadb(s, doc.data);
		json_decref(a);
	}
	/* Nothing of them was shared; the next document is. */
	assert_int_equal(jshare_parsed(s), 0);
	a = same_as_loadb(s, "{\"data\":[{\"model\":" MODEL "},"
	    "{\"model\":" MODEL "}]}");
	assert_ptr_equal(member(a, 0, "model"), member(a, 1, "model"));
	json_decref(a);
	buf_free(&doc);
	jshare_free(s);
}

/* A member over JSHARE_MEMBER_MAX is parsed with its document. */
static void
test_large_member(void **state)
{
	struct jshare	*s = jshare_new();
	struct buf	 doc = BUF_INIT;
	json_t		*a;
	int		 i;

	(void)state;
	buf_addstr(&doc, "{\"data\":[");
	for (i = 0; i < 2; i++) {
		buf_addstr(&doc, i > 0 ? ",{\"model\":{\"d\":\"" :
		    "{\"model\":{\"d\":\"");
		buf_reserve(&doc, JSHARE_MEMBER_MAX);
		memset(doc.data + doc.len, 'x', JSHARE_MEMBER_MAX);
		doc.len += JSHARE_MEMBER_MAX;
		doc.data[doc.len] = '\0';
		buf_addstr(&doc, "\"}}");
	}
	buf_addstr(&doc, "]}");
	a = same_as_loadb(s, doc.data);
	assert_ptr_not_equal(member(a, 0, "model"), member(a, 1, "model"));
	assert_int_equal(jshare_parsed(s), 0);
	json_decref(a);
	buf_free(&doc);
	jshare_free(s);
}

/* Every real capture, through one cache. */
static void
test_real_captures(void **state)
{
	struct jshare	*s = jshare_new();
	DIR		*d;
	struct dirent	*de;
	json_t		*a, *b;
	char		*path, *text;
	size_t		 n = 0, len;
	FILE		*fp;

	(void)state;
	UNIT_NEED_SHARED();
	assert_non_null(d = opendir(unit_real_dir()));
	while ((de = readdir(d)) != NULL) {
		if (strstr(de->d_name, ".json") == NULL)
			continue;
		path = unit_shared_path(de->d_name);
		assert_non_null(fp = fopen(path, "rb"));
		text = xmalloc(64 * 1024 * 1024);
		len = fread(text, 1, 64 * 1024 * 1024 - 1, fp);
		text[len] = '\0';
		fclose(fp);
		a = same_as_loadb(s, text);
		if (strncmp(de->d_name, "stats-endpoint-", 15) == 0 &&
		    json_array_size(json_object_get(a, "data")) > 1) {
			b = json_object_get(a, "data");
			assert_ptr_equal(member(a, 0, "model"),
			    member(a, json_array_size(b) - 1, "model"));
			n++;
		}
		json_decref(a);
		free(text);
		free(path);
	}
	closedir(d);
	assert_true(n > 0);
	assert_true(jshare_hits(s) > 0);
	jshare_free(s);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_shared_within_and_across),
		cmocka_unit_test(test_nothing_shared_where_unsure),
		cmocka_unit_test(test_broken_text),
		cmocka_unit_test(test_eviction),
		cmocka_unit_test(test_large_member),
		cmocka_unit_test(test_deep_member),
		cmocka_unit_test(test_real_captures),
	};

	jarena_install();
	UNIT_RUN(tests, NULL, NULL);
}
