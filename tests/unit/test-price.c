/*
 * test-price: OpenRouter price lists (every 2026 component, discount,
 * overrides with tiers and UTC windows) and the cost of a request shape.
 */
#include "config.h"

#include "unit.h"

#include <math.h>

#include "project/price.h"

#define PER_M	1e-6	/* USD per million tokens, as USD per token */

static void
parse_text(struct price *p, const char *text, unsigned *warnings)
{
	json_t		*obj;
	json_error_t	 err;

	obj = json_loads(text, 0, &err);
	if (obj == NULL)
		fail_msg("bad test JSON: %s: %s", err.text, text);
	price_init(p);
	price_parse(obj, p, warnings);
	json_decref(obj);
}

static void
assert_close(double got, double want)
{
	if (isnan(got) || fabs(got - want) > 1e-12 * (fabs(want) + 1e-9))
		fail_msg("got %.17g, want %.17g", got, want);
}

/* A shape of p prompt and c completion tokens at no time of day. */
static struct price_shape
shape(double p, double c)
{
	struct price_shape	s;

	price_shape_init(&s);
	s.prompt = p;
	s.completion = c;
	return (s);
}

static void
test_every_component(void **state)
{
	struct price		p;
	struct price_shape	s;
	unsigned		w = 0;
	int			i;

	(void)state;
	parse_text(&p, "{\"prompt\": \"0.000001\", \"completion\": \"0.000002\","
	    "\"request\": \"0.01\", \"image\": \"0.001\", \"image_token\": \"3e-6\","
	    "\"image_output\": \"4e-5\", \"audio\": \"5e-6\","
	    "\"audio_output\": \"6e-6\", \"input_audio_cache\": \"7e-7\","
	    "\"web_search\": \"0.004\", \"internal_reasoning\": \"0.000003\","
	    "\"input_cache_read\": \"0.0000001\","
	    "\"input_cache_write\": \"0.00000125\","
	    "\"input_cache_write_1h\": \"0.000002\", \"discount\": 0.35}", &w);
	assert_int_equal(w, 0);
	for (i = 0; i < PRICE_NPARTS; i++)
		if (isnan(p.part[i]))
			fail_msg("part %s not read", price_key(i));
	assert_close(p.discount, 0.35);
	assert_close(p.part[PRICE_IMAGE_OUTPUT], 4e-5);

	/* 1000 prompt tokens: 40% read from cache, 20% written (5 min). */
	s = shape(1000, 500);
	s.cache_read = 0.4;
	s.cache_write = 0.2;
	s.reasoning = 100;
	s.searches = 2;
	assert_close(price_cost(&p, &s, NULL),
	    400 * 1e-6 + 400 * 1e-7 + 200 * 1.25e-6 + 500 * 2e-6 +
	    100 * 3e-6 + 2 * 0.004 + 0.01);
	/* The 1-hour cache write. */
	s.cache_write_1h = 1;
	assert_close(price_cost(&p, &s, NULL),
	    400 * 1e-6 + 400 * 1e-7 + 200 * 2e-6 + 500 * 2e-6 +
	    100 * 3e-6 + 2 * 0.004 + 0.01);
	/* The discount is shown, not applied: the listed prices are billed. */
	s = shape(1000000, 0);
	assert_close(price_cost(&p, &s, NULL), 1.0 + 0.01);
	price_clear(&p);
}

static void
test_fallbacks_and_absent(void **state)
{
	struct price		p;
	struct price_shape	s;

	(void)state;
	/* 2026: keys that do not apply are absent. */
	parse_text(&p, "{\"prompt\": \"0.000002\", \"completion\": \"0.00001\"}",
	    NULL);
	assert_true(isnan(p.part[PRICE_REQUEST]));
	assert_false(price_unknown(&p, PRICE_REQUEST));
	s = shape(1000, 100);
	s.cache_read = 0.5;
	s.cache_write = 0.25;
	s.reasoning = 50;
	s.searches = 3;
	/* Cache reads and writes at the prompt price, reasoning at the
	 * completion price, searches and the request free. */
	assert_close(price_cost(&p, &s, NULL),
	    1000 * 2e-6 + 100 * 1e-5 + 50 * 1e-5);
	price_clear(&p);

	/* Before 2026: "0" for the parts that do not apply; the cache and
	 * reasoning ones fall back all the same, the others cost nothing. */
	parse_text(&p, "{\"prompt\": \"0.000002\", \"completion\": \"0.00001\","
	    "\"input_cache_read\": \"0\", \"input_cache_write\": \"0\","
	    "\"internal_reasoning\": \"0\", \"request\": \"0\","
	    "\"web_search\": \"0\"}", NULL);
	assert_close(price_cost(&p, &s, NULL),
	    1000 * 2e-6 + 100 * 1e-5 + 50 * 1e-5);
	price_clear(&p);
	/* A free model stays free. */
	parse_text(&p, "{\"prompt\": \"0\", \"completion\": \"0\","
	    "\"internal_reasoning\": \"0\", \"input_cache_read\": \"0\"}",
	    NULL);
	assert_close(price_cost(&p, &s, NULL), 0);
	price_clear(&p);

	/* Absent prompt price: a request with a prompt has no known cost,
	 * one without does. */
	parse_text(&p, "{\"completion\": \"0.00001\"}", NULL);
	s = shape(10, 10);
	assert_true(isnan(price_cost(&p, &s, NULL)));
	s = shape(0, 10);
	assert_close(price_cost(&p, &s, NULL), 10 * 1e-5);
	price_clear(&p);
}

static void
test_unknown_minus_one(void **state)
{
	struct price		p;
	struct price_shape	s;

	(void)state;
	parse_text(&p, "{\"prompt\": \"-1\", \"completion\": \"-1\","
	    "\"web_search\": \"0.01\"}", NULL);
	assert_true(price_unknown(&p, PRICE_PROMPT));
	assert_true(isnan(p.part[PRICE_PROMPT]));
	s = shape(100, 100);
	assert_true(isnan(price_cost(&p, &s, NULL)));
	/* Unknown is never free. */
	assert_false(price_is_free(&p));
	price_clear(&p);

	/* An unknown part a request does not use leaves the cost known. */
	parse_text(&p, "{\"prompt\": \"0.000001\", \"completion\": \"0.000001\","
	    "\"web_search\": \"-1\"}", NULL);
	s = shape(100, 100);
	assert_close(price_cost(&p, &s, NULL), 200 * 1e-6);
	s.searches = 1;
	assert_true(isnan(price_cost(&p, &s, NULL)));
	price_clear(&p);
}

static void
test_long_strings_and_mistyped(void **state)
{
	struct price	p;
	unsigned	w = 0;

	(void)state;
	parse_text(&p, "{\"prompt\": \"0.0000000208333333333333\","
	    "\"completion\": 0.000001, \"request\": true, \"image\": [1]}", &w);
	assert_close(p.part[PRICE_PROMPT], 0.0000000208333333333333);
	assert_close(p.part[PRICE_COMPLETION], 1e-6);
	assert_true(isnan(p.part[PRICE_REQUEST]));
	assert_int_equal(w, 2);
	price_clear(&p);
}

static const char *TIERS =
    "{\"prompt\": \"0.0000005\", \"completion\": \"0.000003\","
    "\"input_cache_read\": \"0.00000005\", \"overrides\": ["
    "{\"min_prompt_tokens\": 200000, \"prompt\": \"0.000002\","
    " \"completion\": \"0.000012\"},"
    "{\"min_prompt_tokens\": 128000, \"prompt\": \"0.000001\","
    " \"completion\": \"0.000006\"}]}";

static void
test_tier_boundaries(void **state)
{
	struct price			 p;
	struct price_shape		 s;
	const struct price_override	*ap;
	unsigned			 w = 0;

	(void)state;
	parse_text(&p, TIERS, &w);
	assert_int_equal(w, 0);
	assert_int_equal(p.nov, 2);
	/* Exactly N tokens: still the base price. */
	s = shape(128000, 1000);
	assert_close(price_cost(&p, &s, &ap), 128000 * 0.5e-6 + 1000 * 3e-6);
	assert_null(ap);
	/* N + 1: the whole request at the tier's prices. */
	s = shape(128001, 1000);
	assert_close(price_cost(&p, &s, &ap), 128001 * 1e-6 + 1000 * 6e-6);
	assert_non_null(ap);
	assert_int_equal(ap->min_prompt_tokens, 128000);
	/* Two tiers below the prompt: the higher N wins. */
	s = shape(200000, 0);
	assert_close(price_cost(&p, &s, &ap), 200000 * 1e-6);
	assert_int_equal(ap->min_prompt_tokens, 128000);
	s = shape(200001, 0);
	assert_close(price_cost(&p, &s, &ap), 200001 * 2e-6);
	assert_int_equal(ap->min_prompt_tokens, 200000);
	/* A key the tier leaves out keeps the base price: the cache read. */
	s = shape(200001, 0);
	s.cache_read = 1;
	assert_close(price_cost(&p, &s, &ap), 200001 * 0.05e-6);
	price_clear(&p);
}

static const char *WINDOWS =
    "{\"prompt\": \"0.000001\", \"completion\": \"0.000004\", \"overrides\": ["
    "{\"utc_start\": 1000, \"utc_end\": 100, \"prompt\": \"0.0000005\"},"
    "{\"utc_start\": 130, \"utc_end\": 230, \"completion\": \"0.000001\"}]}";

static double
cost_at(const struct price *p, int hh, int mm)
{
	struct price_shape	s = shape(1000000, 0);

	s.utc_minute = hh * 60 + mm;
	return (price_cost(p, &s, NULL));
}

static void
test_windows_wrap_midnight(void **state)
{
	struct price		 p;
	struct price_shape	 s;
	const struct price_override *ap;

	(void)state;
	parse_text(&p, WINDOWS, NULL);
	assert_int_equal(p.nov, 2);
	/* [10:00, 01:00): in at the start, at 00:00, at 00:59; out at the
	 * end (01:00) and a minute before the start (09:59). */
	assert_close(cost_at(&p, 10, 0), 0.5);
	assert_close(cost_at(&p, 23, 59), 0.5);
	assert_close(cost_at(&p, 0, 0), 0.5);
	assert_close(cost_at(&p, 0, 59), 0.5);
	assert_close(cost_at(&p, 1, 0), 1.0);
	assert_close(cost_at(&p, 9, 59), 1.0);
	/* No time of day: no window. */
	s = shape(1000000, 0);
	assert_close(price_cost(&p, &s, &ap), 1.0);
	assert_null(ap);
	/* A window that does not wrap: [01:30, 02:30), completion only. */
	s = shape(0, 1000000);
	s.utc_minute = 90;
	assert_close(price_cost(&p, &s, &ap), 1.0);
	assert_int_equal(ap->utc_start, 130);
	s.utc_minute = 89;
	assert_close(price_cost(&p, &s, NULL), 4.0);
	s.utc_minute = 150;
	assert_close(price_cost(&p, &s, NULL), 4.0);
	/* The next change: from 09:00 the window opens in 60 minutes; from
	 * 00:30 it closes in 30; at a boundary the next one is counted. */
	assert_int_equal(price_next_change(&p, 9 * 60), 60);
	assert_int_equal(price_next_change(&p, 30), 30);
	assert_int_equal(price_next_change(&p, 60), 30);
	assert_int_equal(price_next_change(&p, 150), 450);
	price_clear(&p);
	parse_text(&p, TIERS, NULL);
	assert_int_equal(price_next_change(&p, 0), -1);
	price_clear(&p);
}

static void
test_tier_and_window(void **state)
{
	struct price			 p;
	struct price_shape		 s;
	const struct price_override	*ap;

	(void)state;
	parse_text(&p, "{\"prompt\": \"0.000001\", \"completion\": \"0.000004\","
	    "\"overrides\": [{\"min_prompt_tokens\": 1000,"
	    " \"prompt\": \"0.000002\", \"completion\": \"0.000008\"},"
	    "{\"utc_start\": 0, \"utc_end\": 600, \"completion\": \"0.000001\"}]}",
	    NULL);
	s = shape(2000, 1000);
	s.utc_minute = 60;
	/* The tier's prompt price, the window's completion price on top. */
	assert_close(price_cost(&p, &s, &ap), 2000 * 2e-6 + 1000 * 1e-6);
	assert_int_equal(ap->cond, PRICE_WINDOW);
	assert_non_null(price_tier(&p, &s));
	assert_int_equal(price_tier(&p, &s)->min_prompt_tokens, 1000);
	s.prompt = 1000;	/* not more than 1000: no tier */
	assert_null(price_tier(&p, &s));
	s.prompt = 2000;
	s.utc_minute = 600;
	assert_close(price_cost(&p, &s, &ap), 2000 * 2e-6 + 1000 * 8e-6);
	assert_int_equal(ap->cond, PRICE_TIER);
	price_clear(&p);
}

static void
test_malformed_overrides(void **state)
{
	struct price	p;
	unsigned	w = 0;

	(void)state;
	parse_text(&p, "{\"prompt\": \"0.000001\", \"completion\": \"0.000002\","
	    "\"overrides\": ["
	    "\"cheap\","					/* not an object */
	    "{\"prompt\": \"0.0000001\"},"			/* no condition */
	    "{\"min_prompt_tokens\": 10, \"utc_start\": 0, \"utc_end\": 100},"
	    "{\"min_prompt_tokens\": -5},"			/* negative */
	    "{\"min_prompt_tokens\": \"1000\"},"		/* a string */
	    "{\"utc_start\": 2400, \"utc_end\": 100},"	/* bad HHMM */
	    "{\"utc_start\": 1060, \"utc_end\": 1200},"	/* 60 minutes */
	    "{\"utc_start\": 1000},"				/* no end */
	    "{\"utc_start\": 500, \"utc_end\": 500},"		/* empty */
	    "{\"min_prompt_tokens\": 1, \"prompt\": {\"x\": 1}},"
	    "{\"min_prompt_tokens\": 2, \"prompt\": \"abc\"},"	/* bad price */
	    "{\"min_prompt_tokens\": 3, \"completion\": \"-0.5\"},"
	    "{\"min_prompt_tokens\": 100, \"prompt\": \"0.0000009\"}]}", &w);
	assert_int_equal(w, 12);
	assert_int_equal(p.nov, 1);
	assert_int_equal(p.ov[0].min_prompt_tokens, 100);
	price_clear(&p);

	/* overrides of the wrong type: one warning, the prices kept. */
	w = 0;
	parse_text(&p, "{\"prompt\": \"0.000001\", \"overrides\": "
	    "{\"min_prompt_tokens\": 1}}", &w);
	assert_int_equal(w, 1);
	assert_close(p.part[PRICE_PROMPT], 1e-6);
	assert_int_equal(p.nov, 0);
	price_clear(&p);
	/* ... but the 2026 frontend's {} is "none". */
	w = 0;
	parse_text(&p, "{\"prompt\": \"0.000001\", \"overrides\": {}}", &w);
	assert_int_equal(w, 0);
	assert_int_equal(p.nov, 0);
	price_clear(&p);

	/* More than PRICE_MAX_OVERRIDES: the rest are warnings. */
	{
		json_t	*obj = json_object(), *arr = json_array();
		int	 i;

		for (i = 0; i < PRICE_MAX_OVERRIDES + 3; i++) {
			json_t	*o = json_object();

			json_object_set_new(o, "min_prompt_tokens",
			    json_integer(i * 1000));
			json_array_append_new(arr, o);
		}
		json_object_set_new(obj, "overrides", arr);
		w = 0;
		price_init(&p);
		price_parse(obj, &p, &w);
		assert_int_equal(p.nov, PRICE_MAX_OVERRIDES);
		assert_int_equal(w, 3);
		price_clear(&p);
		json_decref(obj);
	}
}

static void
test_free_by_price(void **state)
{
	struct price	p;

	(void)state;
	parse_text(&p, "{\"prompt\": \"0\", \"completion\": \"0\"}", NULL);
	assert_true(price_is_free(&p));
	price_clear(&p);
	parse_text(&p, "{\"prompt\": \"0\", \"completion\": \"0\","
	    "\"request\": \"0.001\"}", NULL);
	assert_false(price_is_free(&p));
	price_clear(&p);
	/* Free at base, not over a tier. */
	parse_text(&p, "{\"prompt\": \"0\", \"completion\": \"0\", \"overrides\":"
	    "[{\"min_prompt_tokens\": 10, \"prompt\": \"0.000001\"}]}", NULL);
	assert_false(price_is_free(&p));
	price_clear(&p);
	/* No prices at all is not free. */
	parse_text(&p, "{}", NULL);
	assert_false(price_is_free(&p));
	price_clear(&p);
}

static void
test_overrides_json_round_trip(void **state)
{
	struct price			 p, q;
	struct price_shape		 s;
	json_t				*arr;
	char				*text;
	int				 h;

	(void)state;
	parse_text(&p, WINDOWS, NULL);
	arr = price_overrides_json(&p);
	text = json_dumps(arr, JSON_COMPACT);
	if (strstr(text, "{\"utc_start\":1000,\"utc_end\":100,\"prompt\":") !=
	    text + 1 || strstr(text, "\"completion\":") == NULL)
		fail_msg("overrides JSON: %s", text);
	price_init(&q);
	memcpy(q.part, p.part, sizeof q.part);
	assert_int_equal(price_overrides_load(&q, text), 0);
	assert_int_equal(q.nov, 2);
	/* The same costs at every hour. */
	for (h = 0; h < 24; h++) {
		s = shape(1000, 1000);
		s.utc_minute = h * 60;
		assert_close(price_cost(&q, &s, NULL), price_cost(&p, &s, NULL));
	}
	free(text);
	json_decref(arr);
	assert_int_equal(price_overrides_load(&q, "{}"), -1);
	assert_int_equal(price_overrides_load(&q, "not json"), -1);
	price_clear(&q);
	price_clear(&p);
}

static void
test_bad_shapes(void **state)
{
	struct price		p;
	struct price_shape	s;

	(void)state;
	parse_text(&p, "{\"prompt\": \"0.000001\", \"completion\": \"0.000002\"}",
	    NULL);
	s = shape(-1, 0);
	assert_true(isnan(price_cost(&p, &s, NULL)));
	s = shape(10, 10);
	s.cache_read = 0.7;
	s.cache_write = 0.5;
	assert_true(isnan(price_cost(&p, &s, NULL)));
	s = shape(NAN, 10);
	assert_true(isnan(price_cost(&p, &s, NULL)));
	/* An empty request costs its per-request price: nothing here. */
	s = shape(0, 0);
	assert_close(price_cost(&p, &s, NULL), 0);
	price_clear(&p);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_every_component),
		cmocka_unit_test(test_fallbacks_and_absent),
		cmocka_unit_test(test_unknown_minus_one),
		cmocka_unit_test(test_long_strings_and_mistyped),
		cmocka_unit_test(test_tier_boundaries),
		cmocka_unit_test(test_windows_wrap_midnight),
		cmocka_unit_test(test_tier_and_window),
		cmocka_unit_test(test_malformed_overrides),
		cmocka_unit_test(test_free_by_price),
		cmocka_unit_test(test_overrides_json_round_trip),
		cmocka_unit_test(test_bad_shapes),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
