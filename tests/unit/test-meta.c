/*
 * test-meta: the metadata projections (src/project/meta.c): an author, an
 * app of stats/app, a daily usage row; well-formed and with each field
 * mistyped in turn; all on objects written here.  The frontend provider
 * list's projection is test-provider's.
 */
#include "config.h"

#include "unit.h"

#include "project/jfield.h"
#include "project/meta.h"

static void
test_author(void **state)
{
	struct meta_author	 a;
	json_t			*o;
	unsigned		 w = 0;
	char			*why = NULL;

	(void)state;
	memset(&a, 0, sizeof a);
	o = unit_parse("{\"author\": {\"slug\": \"liquid\", \"name\":"
	    " \"Liquid\", \"description\": null}, \"modelsWithStats\":"
	    " [{}, {}, {}]}");
	assert_int_equal(meta_author_project(o, &a, &w, &why), 0);
	assert_int_equal(w, 0);
	assert_string_equal(a.slug, "liquid");
	assert_string_equal(a.name, "Liquid");
	assert_null(a.description);
	assert_int_equal(a.models, 3);
	json_decref(o);

	/* Mistyped: name a number, models an object; still an author. */
	o = unit_parse("{\"author\": {\"slug\": \"x\", \"name\": 5},"
	    " \"modelsWithStats\": {}}");
	assert_int_equal(meta_author_project(o, &a, &w, &why), 0);
	assert_int_equal(w, 2);
	assert_null(a.name);
	assert_true(a.models == JF_NULL_INT);
	json_decref(o);

	/* No usable slug: refused with a reason. */
	o = unit_parse("{\"author\": {\"slug\": \"a b\"}, \"modelsWithStats\":"
	    " []}");
	assert_int_equal(meta_author_project(o, &a, &w, &why), -1);
	assert_non_null(why);
	assert_null(a.slug);
	free(why);
	json_decref(o);
	meta_author_clear(&a);
}

static void
test_app(void **state)
{
	struct meta_app	 a;
	json_t		*o;
	unsigned	 w = 0;

	(void)state;
	memset(&a, 0, sizeof a);
	o = unit_parse("{\"app_id\": 170472, \"total_tokens\": \"890260479\","
	    " \"app\": {\"id\": 170472, \"title\": \"FunTalk AI\","
	    " \"main_url\": null, \"origin_url\": \"https://f/\"}}");
	assert_int_equal(meta_app_project(o, 1, &a, &w), 0);
	assert_int_equal(w, 0);
	assert_int_equal(a.rank, 1);
	assert_int_equal(a.app_id, 170472);
	assert_int_equal(a.tokens, 890260479);
	assert_string_equal(a.name, "FunTalk AI");
	assert_string_equal(a.url, "https://f/");
	json_decref(o);

	/* A number is a count too; main_url stands in for origin_url. */
	o = unit_parse("{\"total_tokens\": 12, \"app\": {\"id\": 9,"
	    " \"main_url\": \"https://m/\"}}");
	assert_int_equal(meta_app_project(o, 2, &a, &w), 0);
	assert_int_equal(a.app_id, 9);
	assert_int_equal(a.tokens, 12);
	assert_string_equal(a.url, "https://m/");
	assert_int_equal(w, 0);
	json_decref(o);

	/* Each field mistyped: unknown and one warning each. */
	o = unit_parse("{\"app_id\": \"x\", \"total_tokens\": \"12a\","
	    " \"app\": {\"title\": [], \"origin_url\": 3, \"main_url\":"
	    " \"https://m/\"}}");
	assert_int_equal(meta_app_project(o, 3, &a, &w), 0);
	assert_int_equal(w, 4);
	assert_true(a.app_id == JF_NULL_INT);
	assert_true(a.tokens == JF_NULL_INT);
	assert_null(a.name);
	assert_string_equal(a.url, "https://m/");
	json_decref(o);

	/* Negative and over-long counts are not counts. */
	w = 0;
	o = unit_parse("{\"app_id\": 1, \"total_tokens\": -5}");
	assert_int_equal(meta_app_project(o, 1, &a, &w), 0);
	assert_true(a.tokens == JF_NULL_INT);
	assert_int_equal(w, 1);
	json_decref(o);
	o = unit_parse("{\"app_id\": 1, \"total_tokens\":"
	    " \"1234567890123456789\"}");
	assert_int_equal(meta_app_project(o, 1, &a, &w), 0);
	assert_true(a.tokens == JF_NULL_INT);
	assert_int_equal(w, 2);
	json_decref(o);

	/* Nothing names an app, or not an object: refused, one warning. */
	w = 0;
	o = unit_parse("{\"total_tokens\": 3, \"app\": 7}");
	assert_int_equal(meta_app_project(o, 1, &a, &w), -1);
	assert_int_equal(w, 2);
	json_decref(o);
	o = unit_parse("[1]");
	assert_int_equal(meta_app_project(json_array_get(o, 0), 1, &a, &w),
	    -1);
	assert_int_equal(w, 3);
	json_decref(o);
	meta_app_clear(&a);
}

static void
test_usage(void **state)
{
	struct meta_usage	 u;
	json_t			*o;
	unsigned		 w = 0;

	(void)state;
	memset(&u, 0, sizeof u);
	o = unit_parse("{\"count\": 151677, \"date\": \"2025-06-02 00:00:00\","
	    " \"model_permaslug\": \"deepseek/deepseek-r1\","
	    " \"total_completion_tokens\": 131751524,"
	    " \"total_native_tokens_reasoning\": 81528653,"
	    " \"total_prompt_tokens\": 1265049753, \"variant\": \"free\"}");
	assert_int_equal(meta_usage_project(o, &u, &w), 0);
	assert_int_equal(w, 0);
	assert_string_equal(u.model_key, "deepseek/deepseek-r1:free");
	assert_int_equal(u.day, 1748822400);	/* 2025-06-02 UTC */
	assert_int_equal(u.requests, 151677);
	assert_int_equal(u.prompt, 1265049753);
	assert_int_equal(u.completion, 131751524);
	assert_int_equal(u.reasoning, 81528653);
	json_decref(o);

	/* The standard variant has no suffix; a time of day is cut off. */
	o = unit_parse("{\"date\": \"2026-03-01T13:30:00\", \"model_permaslug\":"
	    " \"a/b\", \"variant\": \"standard\", \"count\": 2.0}");
	assert_int_equal(meta_usage_project(o, &u, &w), 0);
	assert_string_equal(u.model_key, "a/b");
	assert_int_equal(u.day, 1772323200);
	assert_int_equal(u.requests, 2);
	assert_true(u.prompt == JF_NULL_INT);
	assert_int_equal(w, 0);
	json_decref(o);

	/* Mistyped counts are unknown, one warning each. */
	o = unit_parse("{\"date\": \"2026-03-01 00:00:00\", \"model_permaslug\":"
	    " \"a/b\", \"count\": \"many\", \"total_prompt_tokens\": true,"
	    " \"total_completion_tokens\": {}, \"variant\": 3}");
	assert_int_equal(meta_usage_project(o, &u, &w), 0);
	assert_int_equal(w, 4);
	assert_string_equal(u.model_key, "a/b");
	assert_true(u.requests == JF_NULL_INT);
	assert_true(u.prompt == JF_NULL_INT);
	assert_true(u.completion == JF_NULL_INT);
	json_decref(o);

	/* No date, a bad date, no permaslug, a slug without '/': refused. */
	w = 0;
	o = unit_parse("[{\"model_permaslug\": \"a/b\"},"
	    " {\"date\": \"2026-02-30 00:00:00\", \"model_permaslug\": \"a/b\"},"
	    " {\"date\": \"2026-02-01 00:00:00\"},"
	    " {\"date\": \"2026-02-01 00:00:00\", \"model_permaslug\": \"ab\"},"
	    " {\"date\": 5, \"model_permaslug\": \"a/b\"}, null]");
	for (size_t i = 0; i < json_array_size(o); i++)
		assert_int_equal(meta_usage_project(json_array_get(o, i), &u,
		    &w), -1);
	assert_null(u.model_key);
	assert_int_equal(w, 7);
	json_decref(o);
	meta_usage_clear(&u);
}

static void
test_slug(void **state)
{
	char	long_slug[200];

	(void)state;
	assert_true(meta_slug_ok("mistralai"));
	assert_false(meta_slug_ok(""));
	assert_false(meta_slug_ok(NULL));
	assert_false(meta_slug_ok("a/b"));
	assert_false(meta_slug_ok("a\x1b[2J"));
	memset(long_slug, 'a', sizeof long_slug - 1);
	long_slug[sizeof long_slug - 1] = '\0';
	assert_false(meta_slug_ok(long_slug));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_author),
		cmocka_unit_test(test_app),
		cmocka_unit_test(test_usage),
		cmocka_unit_test(test_slug),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
