/*
 * test-model-url: project/model-url.c -- the openrouter.ai address of a
 * model id, and every id it refuses (characters outside the strict set,
 * path tricks, a leading '/' or '-', empty or too long).
 */
#include "config.h"

#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "project/model-url.h"
#include "util/xmalloc.h"

static void
test_url_good(void **state)
{
	static const char *const ids[] = {
		"openai/gpt-4o", "deepseek/deepseek-r1:free",
		"meta-llama/llama-3.1-8b-instruct", "~anthropic/claude-latest",
		"x.ai/grok_2", "a",
	};
	size_t	 i;
	char	*url, *want;

	(void)state;
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		assert_true(model_url_valid(ids[i]));
		url = model_url(ids[i]);
		want = xasprintf("https://openrouter.ai/%s", ids[i]);
		assert_string_equal(url, want);
		free(url);
		free(want);
	}
}

static void
test_url_refused(void **state)
{
	static const char *const ids[] = {
		"", "/etc/passwd", "-n", "a/../b", "../x", "a/./b", "a//b",
		"a/", "a b", "a;rm -rf", "a$(id)", "a`id`", "a\nb", "a?x=1",
		"a#b", "a&b", "a%2e", "a\033[2J", "caf\xc3\xa9", "a\\b",
		"a'b", "a\"b", "http://evil",
	};
	size_t	 i;
	char	 big[MODEL_URL_MAX + 2];

	(void)state;
	for (i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		assert_false(model_url_valid(ids[i]));
		assert_null(model_url(ids[i]));
	}
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	assert_false(model_url_valid(big));
	big[MODEL_URL_MAX] = '\0';
	assert_true(model_url_valid(big));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_good),
		cmocka_unit_test(test_url_refused),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
