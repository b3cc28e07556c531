/*
 * Tests for project/alert.c: the alert.* settings and which change fires
 * which rule.
 */
#include "config.h"

#include "unit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/alert.h"

static int
set(struct alert_rules *r, const char *key, const char *value)
{
	char	*cause = NULL;
	int	 rc;

	rc = alert_rules_set(r, key, value, &cause);
	if (rc < 0) {
		assert_non_null(cause);
		assert_non_null(strstr(cause, key));
		free(cause);
	} else
		assert_null(cause);
	return (rc);
}

static void
test_alert_settings(void **state)
{
	struct alert_rules	r;

	(void)state;
	alert_rules_init(&r);
	assert_false(alert_rules_any(&r));
	assert_int_equal(set(&r, "rate", "3"), 0);	/* not ours */
	assert_int_equal(set(&r, "alert.price_drop", "12.5"), 1);
	assert_true(r.price_drop == 12.5);
	assert_true(alert_rules_any(&r));
	assert_int_equal(set(&r, "alert.price_rise", "20%"), 1);
	assert_true(r.price_rise == 20);
	assert_int_equal(set(&r, "alert.price_drop", "0"), -1);
	assert_int_equal(set(&r, "alert.price_drop", "-5"), -1);
	assert_int_equal(set(&r, "alert.price_drop", "ten"), -1);
	assert_int_equal(set(&r, "alert.price_drop", "nan"), -1);
	assert_true(r.price_drop == 12.5);
	assert_int_equal(set(&r, "alert.scope", "all"), 1);
	assert_true(r.scope_all);
	assert_int_equal(set(&r, "alert.scope", "some"), -1);
	assert_int_equal(set(&r, "alert.gone", "watched"), 1);
	assert_int_equal(set(&r, "alert.gone", "everything"), -1);
	assert_int_equal(set(&r, "alert.expiry_days", "30"), 1);
	assert_int_equal(r.expiry_days, 30);
	assert_int_equal(set(&r, "alert.expiry_days", "30d"), -1);
	assert_int_equal(set(&r, "alert.new_model", "free ctx>=128k"), 1);
	assert_string_equal(r.new_model, "free ctx>=128k");
	assert_int_equal(set(&r, "alert.new_model", "ctx>>1"), -1);
	assert_string_equal(r.new_model, "free ctx>=128k");
	assert_int_equal(set(&r, "alert.command", "notify --x 'a b'"), 1);
	assert_string_equal(r.command, "notify --x 'a b'");
	assert_int_equal(set(&r, "alert.nonsense", "1"), -1);
}

static const char *
fire(const struct alert_rules *r, const char *kind, double pct,
    const char *text, int watched, int match)
{
	struct alert_change	c;

	memset(&c, 0, sizeof c);
	c.kind = kind;
	c.pct = pct;
	c.new_text = text;
	c.today = 20000;		/* 2024-10-04 */
	c.watched = watched;
	c.filter_match = match;
	return (alert_match(r, &c));
}

static void
test_alert_match(void **state)
{
	struct alert_rules	r;
	const char		*s;

	(void)state;
	alert_rules_init(&r);
	/* No rule: nothing fires. */
	assert_null(fire(&r, "price_changed", -90, NULL, 1, 1));
	assert_null(fire(&r, "model_added", NAN, NULL, 1, 1));
	assert_null(fire(&r, "model_removed", NAN, NULL, 1, 1));
	r.price_drop = 10;
	r.price_rise = 25;
	/* Watched only, at the threshold and beyond. */
	assert_string_equal(fire(&r, "price_changed", -10, NULL, 1, 0),
	    "price_drop");
	assert_null(fire(&r, "price_changed", -9.99, NULL, 1, 0));
	assert_null(fire(&r, "price_changed", -50, NULL, 0, 0));
	assert_string_equal(fire(&r, "price_changed", 30, NULL, 1, 0),
	    "price_rise");
	assert_null(fire(&r, "price_changed", 20, NULL, 1, 0));
	assert_null(fire(&r, "price_changed", NAN, NULL, 1, 0));
	r.scope_all = 1;
	assert_string_equal(fire(&r, "price_changed", -50, NULL, 0, 0),
	    "price_drop");
	/* Other kinds never fire a price rule. */
	assert_null(fire(&r, "context_changed", -50, NULL, 1, 0));
	/* New models: only with a filter that matches. */
	assert_null(fire(&r, "model_added", NAN, NULL, 1, 1));
	strcpy(r.new_model, "free");
	assert_string_equal(fire(&r, "model_added", NAN, NULL, 0, 1),
	    "new_model");
	assert_null(fire(&r, "model_added", NAN, NULL, 1, 0));
	/* Gone: watched models only. */
	assert_null(fire(&r, "endpoint_removed", NAN, NULL, 1, 0));
	r.gone_watched = 1;
	assert_string_equal(fire(&r, "endpoint_removed", NAN, NULL, 1, 0),
	    "gone");
	assert_string_equal(fire(&r, "model_removed", NAN, NULL, 1, 0),
	    "gone");
	assert_null(fire(&r, "model_removed", NAN, NULL, 0, 0));
	/* Expiry within N days of the run's day (2024-10-04), or past. */
	r.expiry_days = 30;
	s = fire(&r, "expiry_changed", NAN, "2024-11-03", 0, 0);
	assert_non_null(s);
	assert_string_equal(s, "expiry");
	assert_null(fire(&r, "expiry_changed", NAN, "2024-11-04", 0, 0));
	assert_non_null(fire(&r, "expiry_changed", NAN, "2024-01-01", 0, 0));
	assert_null(fire(&r, "expiry_changed", NAN, NULL, 0, 0));
	assert_null(fire(&r, "expiry_changed", NAN, "soon", 0, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_alert_settings),
		cmocka_unit_test(test_alert_match),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
