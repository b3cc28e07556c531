/*
 * test-sort: the shared ordering of endpoint rows.
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

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sort),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
