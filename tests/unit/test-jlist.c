/*
 * test-jlist: the elements of a large JSON list, one at a time
 * (src/codec/jlist.c): where the list may be, what each element is, a
 * callback that stops the walk, and documents that are not JSON or that
 * jansson would refuse.
 */
#include "config.h"

#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "codec/jlist.h"
#include "codec/json-guard.h"
#include "util/buf.h"

/* jlist: collect each element's compact dump, "|" separated. */
static int
jl_collect(const json_t *e, size_t i, void *arg)
{
	struct buf	*b = arg;
	char		*d;

	d = json_dumps(e, JSON_COMPACT | JSON_ENCODE_ANY);
	buf_printf(b, "%s%zu=%s", b->len > 0 ? "|" : "", i, d);
	free(d);
	return (0);
}

static int
jl_stop(const json_t *e, size_t i, void *arg)
{
	(void)e;
	(void)arg;
	return (i == 1 ? 7 : 0);
}

/* Open text, collect the elements; returns jlist_open's result. */
static int
jl_run(const char *text, struct jlist *jl, struct buf *b, char **why)
{
	buf_reset(b);
	*why = NULL;
	return (jlist_open(jl, text, strlen(text), "data", jl_collect, b,
	    why));
}

static void
test_jlist_shapes(void **state)
{
	struct jlist	 jl;
	struct buf	 b = BUF_INIT;
	char		*why;

	(void)state;
	/* Members before and after, numbers and literals among them. */
	assert_int_equal(jl_run(" {\"n\": 5, \"x\":[1,{\"data\":[9]}],"
	    "\"data\" : [ {\"a\":1} , 2,\"s\",null,-1.5e3 ] ,\"t\":true}\n",
	    &jl, &b, &why), 0);
	assert_string_equal(buf_str(&b),
	    "0={\"a\":1}|1=2|2=\"s\"|3=null|4=-1500.0");
	assert_int_equal(jl.count, 5);
	/* Walking again gives the same elements. */
	buf_reset(&b);
	assert_int_equal(jlist_each(&jl, jl_collect, &b, &why), 0);
	assert_string_equal(buf_str(&b),
	    "0={\"a\":1}|1=2|2=\"s\"|3=null|4=-1500.0");
	/* A bare array is the list itself; empty lists are lists. */
	assert_int_equal(jl_run("[[1],[2]]", &jl, &b, &why), 0);
	assert_string_equal(buf_str(&b), "0=[1]|1=[2]");
	assert_int_equal(jl_run("{\"data\":[]}", &jl, &b, &why), 0);
	assert_int_equal(jl.count, 0);
	assert_int_equal(jl_run("[ ]", &jl, &b, &why), 0);
	/* Valid JSON without a list under the key: 1, no message. */
	assert_int_equal(jl_run("{\"data\":{\"a\":[1]}}", &jl, &b, &why), 1);
	assert_null(why);
	assert_int_equal(jl_run("{\"error\":\"no\"}", &jl, &b, &why), 1);
	assert_int_equal(jl_run("{}", &jl, &b, &why), 1);
	assert_int_equal(jl_run("\"data\"", &jl, &b, &why), 1);
	/* fn's non-zero stops the walk and comes back. */
	assert_int_equal(jlist_open(&jl, "[1,2,3]", 7, "data", jl_stop, NULL,
	    &why), 7);
	/* A member name is compared by its value, escapes decoded (fuzz). */
	assert_int_equal(jl_run("{\"d\\u0061ta\":[1,2]}", &jl, &b, &why), 0);
	assert_string_equal(buf_str(&b), "0=1|1=2");
	buf_free(&b);
}

/* Checked pages' elements joined in one array: walked as they are. */
static void
test_jlist_of_array(void **state)
{
	static const char	 pages[] = "[ {\"a\":1} ,2\n,{\"b\":[3]}]";
	struct jlist		 jl;
	struct buf		 b = BUF_INIT;
	char			*why = NULL;

	(void)state;
	jlist_of_array(&jl, pages, strlen(pages), 3);
	assert_int_equal(jl.count, 3);
	assert_int_equal(jlist_each(&jl, jl_collect, &b, &why), 0);
	assert_string_equal(buf_str(&b), "0={\"a\":1}|1=2|2={\"b\":[3]}");
	buf_reset(&b);
	jlist_of_array(&jl, "[ ]", 3, 0);
	assert_int_equal(jlist_each(&jl, jl_collect, &b, &why), 0);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

/* A member's compact dump, or "-" when jlist_member() finds none. */
static void
jl_member(const struct jlist *jl, const char *name, const char *want)
{
	json_t	*v;
	char	*d;

	v = jlist_member(jl, name);
	d = v != NULL ? json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY) :
	    strdup("-");
	assert_string_equal(d, want);
	free(d);
	json_decref(v);
}

/* A paginated list's envelope: the members around the list. */
static void
test_jlist_member(void **state)
{
	static const char	 paged[] = "{\"data\": [{\"total_count\": 1},"
	    " [\"links\"]], \"total_count\": 549,\n \"links\": {\"next\": "
	    "\"/p?o=2\"}, \"\\u006e\": 1}";
	struct jlist		 jl;
	struct buf		 b = BUF_INIT;
	char			*why;

	(void)state;
	assert_int_equal(jl_run(paged, &jl, &b, &why), 0);
	assert_int_equal(jl.count, 2);
	assert_int_equal(paged[jl.end], ']');
	jl_member(&jl, "total_count", "549");
	jl_member(&jl, "links", "{\"next\":\"/p?o=2\"}");
	/* A name is compared whole, escapes decoded. */
	jl_member(&jl, "n", "1");
	jl_member(&jl, "total", "-");
	jl_member(&jl, "absent", "-");
	/* Before the list too; the list is not a member to ask for. */
	assert_int_equal(jl_run("{\"links\":{\"next\":null},\"data\":[]}",
	    &jl, &b, &why), 0);
	jl_member(&jl, "links", "{\"next\":null}");
	/* The document is the list: no members. */
	assert_int_equal(jl_run("[1, 2]", &jl, &b, &why), 0);
	jl_member(&jl, "total_count", "-");
	buf_free(&b);
}

static void
test_jlist_invalid(void **state)
{
	static const char *bad[] = {
		"", "{", "{\"data\":[1,2", "{\"data\":[1,2]", "{\"data\":[1 2]}",
		"{\"data\":[1,]}", "{\"data\":[{\"a\":}]}", "{data:[1]}",
		"{\"data\" [1]}", "{\"data\":[1]} x", "[1] [2]",
		"{\"a\":1,}", "{\"a\":1 \"data\":[1]}", "{\"a\":tru}",
		"{\"da\nta\":[1]}", "{\"data\":[\"\\x\"]}", "[1,2]]",
		/*
		 * Found by fuzz-project: member names jansson refuses (a bad
		 * escape, bytes that are not UTF-8, an unpaired surrogate),
		 * and the list key twice, of which jansson keeps the last.
		 */
		"{\"\\q\":1,\"data\":[1]}", "{\"\xfe\xfe\":1,\"data\":[1]}",
		"{\"\\ud800\":1,\"data\":[1]}", "{\"data\":[1],\"data\":[2]}",
		"{\"data\":5,\"data\":[2]}",
	};
	struct jlist	 jl;
	struct buf	 b = BUF_INIT;
	char		*why;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (jl_run(bad[i], &jl, &b, &why) != -1)
			fail_msg("accepted: %s", bad[i]);
		assert_non_null(strstr(why, "invalid JSON at byte"));
		free(why);
	}
	buf_free(&b);
}

/*
 * An element over the budget of a tree is refused before its tree is
 * built, counted as json_guard() counts a document: the element, each
 * comma and each array or object that holds something.
 */
static void
test_jlist_element_budget(void **state)
{
	/* An element around the zeros: its text before and after them. */
	static const char *const	 shapes[][2] = {
		{ "[", "]" },
		{ "{\"a\":\"x\",\"b\":[", "]}" },
		{ "{\"b\":[\"s\\\",[\",", "]}" },	/* brackets in a string */
	};
	/* The values each shape adds to the zeros. */
	static const size_t		 extra[] = { 1, 3, 3 };
	/*
	 * Where the element stands: among others, last, alone in a bare
	 * list, and as the value of a member beside the list.
	 */
	static const char *const	 where[] = {
		"{\"data\":[1,%s,2]}", "{\"data\":[[],{},%s]}", "[%s]",
		"{\"x\":%s,\"data\":[true,null]}",
	};
	struct json_guard_report	 rep;
	struct jlist			 jl;
	struct buf			 el = BUF_INIT, doc = BUF_INIT;
	struct buf			 b = BUF_INIT;
	size_t				 i, k, w, zeros;
	char				*why = NULL;
	int				 over, rc;

	(void)state;
	for (k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
		for (over = 0; over <= 1; over++) {
			/* JSON_GUARD_VALUES values in the element, or one more. */
			zeros = JSON_GUARD_VALUES - extra[k] + (size_t)over;
			buf_reset(&el);
			buf_addstr(&el, shapes[k][0]);
			for (i = 0; i < zeros; i++)
				buf_addstr(&el, i > 0 ? ",0" : "0");
			buf_addstr(&el, shapes[k][1]);
			/* As json_guard() counts the element alone. */
			assert_int_equal(json_guard(el.data, el.len,
			    &json_guard_list, &rep, &why), 0);
			assert_int_equal(rep.values,
			    JSON_GUARD_VALUES + (size_t)over);
			for (w = 0; w < sizeof where / sizeof where[0];
			    w++) {
				buf_reset(&doc);
				buf_printf(&doc, where[w], el.data);
				rc = jl_run(doc.data, &jl, &b, &why);
				if (!over) {
					assert_int_equal(rc, 0);
					continue;
				}
				assert_int_equal(rc, -1);
				assert_non_null(why);
				assert_non_null(strstr(why, "more than 100000 "
				    "values in one element or member"));
				free(why);
				why = NULL;
			}
		}
	}
	buf_free(&el);
	buf_free(&doc);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_jlist_shapes),
		cmocka_unit_test(test_jlist_of_array),
		cmocka_unit_test(test_jlist_invalid),
		cmocka_unit_test(test_jlist_member),
		cmocka_unit_test(test_jlist_element_budget),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
