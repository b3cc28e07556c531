/*
 * test-snap-prices: the prices of the endpoint a snapshot document holds,
 * for each shape a snapshot blob has (stats endpoint, v1 endpoint,
 * catalogue entry), by the skim and by the whole parse, and the comparison
 * of two sets of prices.
 */
#include "config.h"

#include "unit.h"

#include <math.h>

#include "project/snap-prices.h"

#define HASH	"0123456789abcdef0123456789abcdef" \
		"0123456789abcdef0123456789abcdef"

static int
read_prices(const char *json, struct snap_prices *p, char **cause)
{
	return (snap_prices_read(json, strlen(json), HASH, "acme/rocket", p,
	    cause));
}

static void
assert_price(double got, double want)
{
	if (isnan(want)) {
		assert_true(isnan(got));
		return;
	}
	assert_false(isnan(got));
	assert_true(fabs(got - want) < 1e-15);
}

static void
test_shapes(void **state)
{
	struct snap_prices	 p;
	char			*cause = NULL;

	(void)state;
	/* A stats endpoint whose embedded model has pricing of its own. */
	assert_int_equal(read_prices("{\"id\":\"a\",\"model\":{\"pricing\":"
	    "{\"prompt\":\"0.5\"}},\"pricing\":{\"completion\":\"0.000002\","
	    "\"input_cache_read\":\"0.0000001\",\"prompt\":\"0.000001\"}}", &p,
	    &cause), 0);
	assert_price(p.prompt, 0.000001);
	assert_price(p.completion, 0.000002);
	assert_price(p.cache_read, 0.0000001);
	/* A catalogue entry: its featured endpoint's prices, not its own. */
	assert_int_equal(read_prices("{\"endpoint\":{\"id\":\"e\",\"pricing\":"
	    "{\"prompt\":\"0.000007\"}},\"pricing\":{\"prompt\":\"9\"},"
	    "\"slug\":\"acme/rocket\"}", &p, &cause), 0);
	assert_price(p.prompt, 0.000007);
	assert_price(p.completion, NAN);
	/* An "endpoint" member without a slug is not a catalogue entry. */
	assert_int_equal(read_prices("{\"endpoint\":{\"pricing\":{\"prompt\":"
	    "\"1\"}},\"id\":\"x\",\"pricing\":{\"prompt\":\"0.000003\"}}", &p,
	    &cause), 0);
	assert_price(p.prompt, 0.000003);
	/* No pricing object: no prices, and no error. */
	assert_int_equal(read_prices("{\"id\":\"z\",\"pricing\":null}", &p,
	    &cause), 0);
	assert_price(p.prompt, NAN);
	assert_price(p.cache_read, NAN);
}

static void
test_whole_parse(void **state)
{
	struct snap_prices	 p;
	char			*cause = NULL;

	(void)state;
	/* Text the skim cannot walk goes to the parse, which names the
	 * snapshot in its error. */
	assert_int_equal(read_prices("{\"name\":\"Vee | acme/rocket\","
	    "\"pricing\":{\"prompt\":\"0.000004\"},\"x\":[}", &p, &cause),
	    -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "snapshot 0123456789ab"));
	free(cause);
	cause = NULL;
	/* A document that holds no endpoint is an error, not a price. */
	assert_int_equal(read_prices("[1, 2]", &p, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "holds no endpoint"));
	free(cause);
	cause = NULL;
	assert_price(p.prompt, NAN);
	/* A pricing object the skim finds but jansson refuses: the whole
	 * parse refuses it too. */
	assert_int_equal(read_prices("{\"id\":\"a\",\"pricing\":{\"prompt\" "
	    "\"1\"}}", &p, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

static void
test_differ(void **state)
{
	struct snap_prices	 a = { 0.000001, NAN, NAN };
	struct snap_prices	 b = { 0.000001, NAN, NAN };

	(void)state;
	assert_false(snap_prices_differ(&a, &b));
	b.completion = 0.000002;
	assert_true(snap_prices_differ(&a, &b));
	a.completion = 0.000002;
	assert_false(snap_prices_differ(&a, &b));
	a.cache_read = 0;
	assert_true(snap_prices_differ(&a, &b));
	b.cache_read = 0;
	b.prompt = 0.0000011;
	assert_true(snap_prices_differ(&a, &b));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_whole_parse),
		cmocka_unit_test(test_differ),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
