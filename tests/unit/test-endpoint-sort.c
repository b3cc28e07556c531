/*
 * test-endpoint-sort: the shared ordering of endpoint rows
 * (src/project/endpoint-sort.c).
 */
#include "config.h"

#include "unit.h"

#include <math.h>

#include "project/endpoint-sort.h"

static void
row(struct ep_row *r, const char *id, const char *key, double prompt,
    int64_t ctx)
{
	ep_row_init(r);
	r->endpoint_id = xstrdup(id);
	r->model_key = xstrdup(key);
	r->provider_slug = xstrdup("p");
	r->price_prompt = prompt;
	r->context_length = ctx;
}

static void
order(struct ep_row *rows, size_t n, char *out, size_t len)
{
	size_t	i;

	out[0] = '\0';
	for (i = 0; i < n; i++) {
		strncat(out, rows[i].endpoint_id, len - strlen(out) - 1);
	}
}

static void
test_sort(void **state)
{
	struct ep_row	rows[4];
	char		got[32];
	enum ep_sort	by;
	size_t		i;

	(void)state;
	row(&rows[0], "a", "m/b", 2e-6, 1000);
	row(&rows[1], "b", "m/a", NAN, 8000);
	row(&rows[2], "c", "M/c", 1e-6, EP_NULL_INT);
	row(&rows[3], "d", "m/a", 1e-6, 4000);

	ep_row_sort(rows, 4, EP_SORT_PROMPT, 0);
	order(rows, 4, got, sizeof got);
	/* Equal prices fall back to the model key (case-insensitive): the
	 * unknown price is last. */
	assert_string_equal(got, "dcab");
	ep_row_sort(rows, 4, EP_SORT_PROMPT, 1);
	order(rows, 4, got, sizeof got);
	assert_string_equal(got, "adcb");	/* NULL stays last */
	ep_row_sort(rows, 4, EP_SORT_CTX, 1);
	order(rows, 4, got, sizeof got);
	assert_string_equal(got, "bdac");
	ep_row_sort(rows, 4, EP_SORT_MODEL, 0);
	order(rows, 4, got, sizeof got);
	assert_string_equal(got, "bdac");	/* m/a (b, d), m/b, M/c */

	assert_int_equal(ep_sort_parse("tps", &by), 0);
	assert_int_equal(by, EP_SORT_TPS);
	assert_string_equal(ep_sort_name(by), "tps");
	assert_int_equal(ep_sort_parse("TPS", &by), -1);
	assert_int_equal(ep_sort_parse("", &by), -1);
	for (i = 0; i < 4; i++)
		ep_row_clear(&rows[i]);
}

/* TIRF, DATA and ST sort by what they show, not by the uptime. */
static void
test_sort_flag_columns(void **state)
{
	struct ep_row	rows[4];
	char		got[32], flags[8];
	enum ep_sort	by;
	size_t		i;

	(void)state;
	row(&rows[0], "a", "m/a", 1e-6, 1000);
	row(&rows[1], "b", "m/a", 1e-6, 1000);
	row(&rows[2], "c", "m/a", 1e-6, 1000);
	row(&rows[3], "d", "m/a", 1e-6, 1000);
	/* Uptimes in the opposite order, so sorting by it would show. */
	for (i = 0; i < 4; i++)
		rows[i].uptime = 90.0 + (double)i;
	rows[0].supports_tools = 1;			/* T... = 8 */
	rows[1].supports_images = 1;			/* .I.. = 4 */
	rows[1].supports_reasoning = 1;			/* .IR. = 6 */
	rows[2].supports_reasoning = 1;			/* ..R. = 2 */
	rows[3].supports_tools = 1;
	rows[3].supports_images = 1;			/* TI.. = 12 */
	assert_string_equal(ep_row_flags(&rows[3], flags, sizeof flags),
	    "TI..");
	ep_row_sort(rows, 4, EP_SORT_FLAGS, 0);
	order(rows, 4, got, sizeof got);
	assert_string_equal(got, "cbad");
	ep_row_sort(rows, 4, EP_SORT_FLAGS, 1);
	order(rows, 4, got, sizeof got);
	assert_string_equal(got, "dabc");

	/* Data policy: ok, keep, train, then unknown last either way. */
	for (i = 0; i < 4; i++)
		rows[i].retains_prompts = 0;
	for (i = 0; i < 4; i++) {
		const char *id = rows[i].endpoint_id;

		rows[i].training = id[0] == 'a' ? 1 : id[0] == 'b' ? 0 :
		    id[0] == 'c' ? 0 : -1;
		rows[i].retains_prompts = id[0] == 'b';
	}
	ep_row_sort(rows, 4, EP_SORT_DATA, 0);
	order(rows, 4, got, sizeof got);
	assert_string_equal(got, "cbad");
	ep_row_sort(rows, 4, EP_SORT_DATA, 1);
	order(rows, 4, got, sizeof got);
	assert_string_equal(got, "abcd");
	assert_string_equal(ep_row_policy(&rows[0]), "trains");
	assert_string_equal(ep_row_policy(&rows[3]), "?");

	/* Status by its code, unknown last. */
	for (i = 0; i < 4; i++) {
		const char *id = rows[i].endpoint_id;

		rows[i].status = id[0] == 'a' ? -5 : id[0] == 'b' ? 0 :
		    id[0] == 'c' ? -2 : EP_NULL_INT;
	}
	ep_row_sort(rows, 4, EP_SORT_STATUS, 0);
	order(rows, 4, got, sizeof got);
	assert_string_equal(got, "acbd");

	/* Every column's name is its sort key's name. */
	for (i = 0; i < EP_COL__COUNT; i++) {
		assert_int_equal(ep_sort_parse(ep_col_names()[i], &by), 0);
		assert_int_equal(by, ep_col_sort((enum ep_col)i));
	}
	assert_int_equal(ep_col_sort(EP_COL_FLAGS), EP_SORT_FLAGS);
	assert_int_equal(ep_col_sort(EP_COL_DATA), EP_SORT_DATA);
	for (i = 0; i < 4; i++)
		ep_row_clear(&rows[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort),
		cmocka_unit_test(test_sort_flag_columns),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
