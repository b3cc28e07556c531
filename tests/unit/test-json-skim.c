/*
 * test-json-skim: finding one member of an object in its text -- values of
 * every kind stepped over, strings holding brackets and escaped quotes,
 * nested members not taken for the object's own, and text that is not an
 * object refused.
 */
#include "config.h"

#include "unit.h"

#include "codec/json-skim.h"

/* The value of key in text as a string the caller frees; NULL: absent. */
static char *
member(const char *text, const char *key, int *rc)
{
	const char	*v = NULL, *ve = NULL;

	*rc = json_skim_member(text, text + strlen(text), key, &v, &ve);
	if (*rc != 1)
		return (NULL);
	return (xstrndup(v, (size_t)(ve - v)));
}

static void
expect(const char *text, const char *key, const char *want)
{
	char	*got;
	int	 rc;

	got = member(text, key, &rc);
	if (want == NULL) {
		assert_int_equal(rc, 0);
		assert_null(got);
		return;
	}
	assert_int_equal(rc, 1);
	assert_string_equal(got, want);
	free(got);
}

static void
test_values(void **state)
{
	static const char doc[] = "{\"a\":1,\"b\":\"x,}]\",\"c\":[1,{\"d\":2}],"
	    "\"e\":{\"f\":null},\"g\":true,\"h\":-1.5e3}";

	(void)state;
	expect(doc, "a", "1");
	expect(doc, "b", "\"x,}]\"");
	expect(doc, "c", "[1,{\"d\":2}]");
	expect(doc, "e", "{\"f\":null}");
	expect(doc, "g", "true");
	expect(doc, "h", "-1.5e3");
	/* A member of a nested object is not the object's own. */
	expect(doc, "d", NULL);
	expect(doc, "f", NULL);
	expect("{}", "a", NULL);
	expect(" { } ", "a", NULL);
}

static void
test_strings(void **state)
{
	/* An escaped quote and brackets inside strings do not end a value. */
	static const char doc[] = "{\"m\":{\"n\":\"R\\\"}{[ \\\\\","
	    "\"pricing\":{\"p\":\"0.5\"}},\"pricing\":{\"p\":\"1\"}}";

	(void)state;
	expect(doc, "pricing", "{\"p\":\"1\"}");
	/* White space between the tokens, as a pretty printer writes it. */
	expect("{ \"a\" : [ 1 ] ,\n \"b\" : 2 }", "b", "2");
	/* A key is compared as written; the first match wins. */
	expect("{\"ab\":1,\"a\":2,\"a\":3}", "a", "2");
}

static void
test_not_objects(void **state)
{
	int	rc;

	(void)state;
	assert_null(member("[1, 2]", "a", &rc));
	assert_int_equal(rc, -1);
	assert_null(member("", "a", &rc));
	assert_int_equal(rc, -1);
	assert_null(member("{\"a\" 1}", "a", &rc));
	assert_int_equal(rc, -1);
	assert_null(member("{\"a\":[1,{2}", "a", &rc));
	assert_int_equal(rc, -1);
	assert_null(member("{\"a\":\"open", "a", &rc));
	assert_int_equal(rc, -1);
	assert_null(member("{\"a\":1 \"b\":2}", "b", &rc));
	assert_int_equal(rc, -1);
	/* Brackets are counted, not matched: the value is malformed and the
	 * caller's parse refuses it. */
	expect("{\"a\":[1,2}}", "a", "[1,2}");
	/* The end bound is kept: a member past it is not found. */
	assert_int_equal(json_skim_member("{\"a\":1}", "{\"a\":1}" + 3, "a",
	    NULL, NULL), -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_not_objects),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
