/*
 * test-store-metrics: reading metric series back from a real database
 * file, in time order, one series at a time.
 */
#include "config.h"

#include "unit.h"

#include "store/store-metrics.h"

static char	tmpdir[] = "/tmp/orbrowse-test-store-metrics.XXXXXX";

static struct store *
open_db(const char *name, int flags)
{
	struct store	*s = NULL;
	char		*path, *cause = NULL;

	path = xasprintf("%s/%s", tmpdir, name);
	if (store_open(path, flags, &s, &cause) != 0)
		fail_msg("store_open %s: %s", path, cause);
	free(path);
	return (s);
}

static void
put(struct store *s, const char *ep, const char *metric, const char *bucket,
    int64_t ts, double value)
{
	char	*cause = NULL;

	if (store_metric_put(s, ep, metric, bucket, ts, value, &cause) != 0)
		fail_msg("store_metric_put: %s", cause);
}

static void
test_known(void **state)
{
	(void)state;
	assert_true(store_metric_known("latency"));
	assert_true(store_metric_known("throughput"));
	assert_true(store_metric_known("uptime"));
	assert_false(store_metric_known("Latency"));
	assert_false(store_metric_known(""));
	assert_false(store_metric_known(NULL));
	assert_true(store_metric_bucket_known("hour"));
	assert_true(store_metric_bucket_known("day"));
	assert_false(store_metric_bucket_known("week"));
	assert_false(store_metric_bucket_known(NULL));
}

static void
test_series_ordered(void **state)
{
	struct store		*s;
	struct metric_point	*pts;
	size_t			 n;
	char			*cause = NULL;

	(void)state;
	s = open_db("ordered.db", STORE_CREATE);
	/* Inserted out of order, with neighbours in other series. */
	put(s, "e1", "latency", "day", 3 * 86400, 300.5);
	put(s, "e1", "latency", "day", 1 * 86400, 100);
	put(s, "e1", "latency", "day", 2 * 86400, 200);
	put(s, "e1", "latency", "hour", 3600, 42);
	put(s, "e1", "throughput", "day", 86400, 55.25);
	put(s, "e2", "latency", "day", 86400, 999);
	/* Replacing a point keeps one row with the new value. */
	put(s, "e1", "latency", "day", 2 * 86400, 250);

	assert_int_equal(store_metric_series(s, "e1", "latency", "day", &pts,
	    &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_int_equal(pts[0].ts, 86400);
	assert_true(pts[0].value == 100);
	assert_int_equal(pts[1].ts, 2 * 86400);
	assert_true(pts[1].value == 250);
	assert_int_equal(pts[2].ts, 3 * 86400);
	assert_true(pts[2].value == 300.5);
	free(pts);

	assert_int_equal(store_metric_series(s, "e1", "latency", "hour", &pts,
	    &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(pts[0].ts, 3600);
	assert_true(pts[0].value == 42);
	free(pts);

	assert_int_equal(store_metric_series(s, "e1", "throughput", "day",
	    &pts, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_true(pts[0].value == 55.25);
	free(pts);

	assert_int_equal(store_metric_series(s, "e2", "latency", "day", &pts,
	    &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_true(pts[0].value == 999);
	free(pts);
	store_close(s);

	/* A read-only connection reads the same series. */
	s = open_db("ordered.db", STORE_READONLY);
	assert_int_equal(store_metric_series(s, "e1", "latency", "day", &pts,
	    &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_int_equal(pts[2].ts, 3 * 86400);
	free(pts);
	store_close(s);
}

static void
test_series_empty(void **state)
{
	static struct metric_point	 stale;
	struct store			*s;
	struct metric_point		*pts = &stale;
	size_t				 n = 7;
	char				*cause = NULL;

	(void)state;
	s = open_db("empty.db", STORE_CREATE);
	/* Nothing stored at all. */
	assert_int_equal(store_metric_series(s, "e1", "uptime", "hour", &pts,
	    &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_null(pts);
	assert_null(cause);

	put(s, "e1", "uptime", "day", 86400, 99.5);
	/* An endpoint the store does not know, and no endpoint. */
	n = 7;
	assert_int_equal(store_metric_series(s, "nope", "uptime", "day", &pts,
	    &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_null(pts);
	assert_int_equal(store_metric_series(s, NULL, "uptime", "day", &pts,
	    &n, &cause), 0);
	assert_int_equal(n, 0);
	/* A hostile id is only ever a bound value. */
	assert_int_equal(store_metric_series(s, "' OR 1=1 --", "uptime", "day",
	    &pts, &n, &cause), 0);
	assert_int_equal(n, 0);
	/* The other bucket of a stored series is empty. */
	assert_int_equal(store_metric_series(s, "e1", "uptime", "hour", &pts,
	    &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_null(cause);
	store_close(s);
}

static void
test_series_bad_names(void **state)
{
	struct store		*s;
	struct metric_point	*pts = NULL;
	size_t			 n = 7;
	char			*cause = NULL;

	(void)state;
	s = open_db("bad.db", STORE_CREATE);
	put(s, "e1", "latency", "day", 86400, 1);

	assert_int_equal(store_metric_series(s, "e1", "latncy", "day", &pts,
	    &n, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "latncy"));
	assert_null(pts);
	assert_int_equal(n, 0);
	free(cause);
	cause = NULL;

	assert_int_equal(store_metric_series(s, "e1", "latency", "week", &pts,
	    &n, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "week"));
	free(cause);

	/* cause may be NULL. */
	assert_int_equal(store_metric_series(s, "e1", NULL, "day", &pts, &n,
	    NULL), -1);
	store_close(s);
}

static void
test_series_many(void **state)
{
	struct store		*s;
	struct metric_point	*pts;
	size_t			 n, i;
	char			*cause = NULL;
	int64_t			 ts;

	(void)state;
	s = open_db("many.db", STORE_CREATE);
	assert_int_equal(store_begin(s, &cause), 0);
	/* Descending inserts, more than one growth step of the array. */
	for (i = 0; i < 500; i++) {
		ts = (int64_t)(500 - i) * 3600;
		put(s, "e1", "throughput", "hour", ts, (double)(500 - i) / 4);
	}
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(store_metric_series(s, "e1", "throughput", "hour",
	    &pts, &n, &cause), 0);
	assert_int_equal(n, 500);
	for (i = 0; i < n; i++) {
		assert_int_equal(pts[i].ts, (int64_t)(i + 1) * 3600);
		assert_true(pts[i].value == (double)(i + 1) / 4);
	}
	free(pts);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_known),
		cmocka_unit_test(test_series_ordered),
		cmocka_unit_test(test_series_empty),
		cmocka_unit_test(test_series_bad_names),
		cmocka_unit_test(test_series_many),
	};
	char	cmd[128];
	int	rc;

	if (mkdtemp(tmpdir) == NULL)
		return (1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = rc != 0 ? rc : 1;
	return (rc);
}
