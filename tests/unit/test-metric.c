/*
 * test-metric: the metric parsers (src/project/metric.c): comparison,
 * recent and hourly uptime payloads and their dates, checked against the
 * real captures in the shared fixtures directory (skipped when it is
 * absent) and against payloads written here.
 */
#include "config.h"

#include "unit.h"

#include "project/metric.h"
#include "project/payload.h"

/* The Liquid endpoint's id, read from its stats-endpoint capture. */
static const char *
liquid_id(void)
{
	static char	 id[64];
	json_t		*root;

	if (id[0] == '\0') {
		root = unit_load_json(
		    "stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json");
		snprintf(id, sizeof id, "%s", json_string_value(json_object_get(
		    json_array_get(json_object_get(root, "data"), 0), "id")));
		json_decref(root);
	}
	return (id);
}

struct point {
	char	*id;
	int64_t	 ts;
	double	 value;
};

struct points {
	struct point	*v;
	size_t		 n;
	size_t		 stop_after;	/* 0: never stop */
};

static int
points_cb(void *arg, const char *id, int64_t ts, double value)
{
	struct points	*p = arg;

	assert_non_null(id);
	p->v = xreallocarray(p->v, p->n + 1, sizeof *p->v);
	p->v[p->n].id = xstrdup(id);
	p->v[p->n].ts = ts;
	p->v[p->n].value = value;
	p->n++;
	if (p->stop_after != 0 && p->n == p->stop_after)
		return (1);
	return (0);
}

static void
points_free(struct points *p)
{
	size_t	i;

	for (i = 0; i < p->n; i++)
		free(p->v[i].id);
	free(p->v);
	memset(p, 0, sizeof *p);
}

static void
test_metric_comparison_real(void **state)
{
	const char	*files[] = {
		"throughput-comparison-liquid-lfm-7b-2025-05-24.json",
		"latency-comparison-liquid-lfm-7b-2025-05-24.json"
	};
	json_t		*root;
	const json_t	*payload, *e, *y, *v;
	const char	*id;
	struct points	 p;
	unsigned	 skipped;
	size_t		 f, i, k, days;
	int64_t		 ts;

	(void)state;
	UNIT_NEED_SHARED();
	for (f = 0; f < 2; f++) {
		root = unit_load_json(files[f]);
		payload = unit_payload_of(root, PAYLOAD_COMPARISON);
		memset(&p, 0, sizeof p);
		skipped = 0;
		/* 31 days; the last has a second endpoint. */
		assert_int_equal(metric_parse_comparison(payload, points_cb,
		    &p, &skipped), 32);
		assert_int_equal(skipped, 0);
		assert_int_equal(p.n, 32);
		assert_true(p.v[0].ts == 1745193600);	/* 2025-04-21 */
		assert_string_equal(p.v[0].id, liquid_id());

		/* Walk the raw JSON alongside. */
		k = 0;
		days = 0;
		json_array_foreach(payload, i, e) {
			assert_int_equal(metric_parse_date(json_string_value(
			    json_object_get(e, "x")), &ts), 0);
			assert_true(ts == 1745193600 + (int64_t)i * 86400);
			y = json_object_get(e, "y");
			json_object_foreach((json_t *)y, id, v) {
				assert_string_equal(p.v[k].id, id);
				assert_true(p.v[k].ts == ts);
				assert_true(p.v[k].value ==
				    json_number_value(v));
				k++;
			}
			days++;
		}
		assert_int_equal(days, 31);
		assert_int_equal(k, 32);
		assert_true(p.v[31].ts == 1747785600);	/* 2025-05-21 */
		points_free(&p);
		json_decref(root);
	}
}

static void
test_metric_uptime_recent_real(void **state)
{
	json_t		*root;
	const json_t	*payload;
	struct points	 p;
	unsigned	 skipped = 0;
	size_t		 i, lambda = 0;

	(void)state;
	UNIT_NEED_SHARED();
	root = unit_load_json("uptime-recent-liquid-lfm-7b-2025-05-24.json");
	payload = unit_payload_of(root, PAYLOAD_UPTIME_RECENT);
	memset(&p, 0, sizeof p);
	assert_int_equal(metric_parse_uptime_recent(payload, points_cb, &p,
	    &skipped), 5);
	assert_int_equal(skipped, 1);
	assert_string_equal(p.v[0].id, liquid_id());
	assert_true(p.v[0].ts == 1747785600);
	assert_true(p.v[0].value == 99.9332186863112);
	assert_true(p.v[2].value == 100);
	for (i = 0; i < p.n; i++) {
		if (strcmp(p.v[i].id,
		    "3cf99b91-55bc-4c45-bc43-3af472f3d945") == 0)
			lambda++;
	}
	assert_int_equal(lambda, 2);
	points_free(&p);
	json_decref(root);
}

static void
test_metric_uptime_hourly_real(void **state)
{
	static const struct {
		const char	*name;
		long		 points;
		unsigned	 nulls;
	} files[] = {
		{ "uptime-hourly-3a6186c9-0ece-4797-9f97-45d7fab8c546-"
		  "2025-06-02.unwrapped.json", 73, 0 },
		{ "uptime-hourly-54084a6f-ed4c-4333-bfb0-5b57cb736105-"
		  "2025-06-02.unwrapped.json", 56, 17 },
		{ "uptime-hourly-7b70cad4-5c0f-4bfc-8317-17e03eb17c8b-"
		  "2025-06-02.unwrapped.json", 73, 0 },
		{ "uptime-hourly-928bf8a4-dddf-4c09-8d42-488e6907b11c-"
		  "2025-06-02.unwrapped.json", 73, 0 },
		{ "uptime-hourly-liquid-lfm-7b-endpoint1-2025-05-21.json",
		  73, 0 },
		{ "uptime-hourly-liquid-lfm-7b-endpoint2-2025-05-21.json",
		  13, 5 },
	};
	json_t		*root;
	const json_t	*payload, *history, *e;
	struct points	 p;
	unsigned	 skipped, nulls;
	size_t		 f, i, k;
	int64_t		 prev;

	(void)state;
	UNIT_NEED_SHARED();
	for (f = 0; f < sizeof files / sizeof files[0]; f++) {
		root = unit_load_json(files[f].name);
		payload = unit_payload_of(root, PAYLOAD_UPTIME_HOURLY);
		memset(&p, 0, sizeof p);
		skipped = 0;
		assert_int_equal(metric_parse_uptime_hourly(payload, "ep-x",
		    points_cb, &p, &skipped), files[f].points);
		assert_int_equal(skipped, files[f].nulls);

		/* Count the nulls independently; newest first, hourly. */
		history = json_object_get(payload, "history");
		nulls = 0;
		k = 0;
		json_array_foreach(history, i, e) {
			if (json_is_null(json_object_get(e, "uptime"))) {
				nulls++;
				continue;
			}
			assert_string_equal(p.v[k].id, "ep-x");
			assert_true(p.v[k].value == json_number_value(
			    json_object_get(e, "uptime")));
			k++;
		}
		assert_int_equal(nulls, files[f].nulls);
		assert_int_equal(k, p.n);
		for (i = 1, prev = p.v[0].ts; i < p.n; i++) {
			assert_true(p.v[i].ts < prev);
			assert_true((prev - p.v[i].ts) % 3600 == 0);
			prev = p.v[i].ts;
		}
		points_free(&p);
		json_decref(root);
	}
}

static void
test_metric_synthetic(void **state)
{
	json_t		*o;
	struct points	 p;
	unsigned	 skipped;

	(void)state;
	memset(&p, 0, sizeof p);

	/* Shapes that are not the route's at all. */
	o = unit_parse("{\"x\": 1}");
	assert_int_equal(metric_parse_comparison(o, points_cb, &p, NULL), -1);
	assert_int_equal(metric_parse_uptime_hourly(o, "e", points_cb, &p,
	    NULL), -1);
	json_decref(o);
	o = unit_parse("[]");
	assert_int_equal(metric_parse_uptime_recent(o, points_cb, &p, NULL),
	    -1);
	assert_int_equal(metric_parse_comparison(o, points_cb, &p, NULL), 0);
	json_decref(o);
	assert_int_equal(metric_parse_comparison(NULL, points_cb, &p, NULL),
	    -1);

	/* Bad points are skipped and counted, good ones delivered. */
	o = unit_parse("[{\"x\": \"2025-05-21 00:00:00\", \"y\": {\"a\": 1,"
	    " \"b\": null, \"c\": \"2\", \"d\": 2.5}},"
	    " {\"x\": \"yesterday\", \"y\": {\"a\": 1, \"b\": 2}},"
	    " {\"x\": \"2025-05-22 00:00:00\", \"y\": []},"
	    " 7,"
	    " {\"y\": {}},"
	    " {\"x\": \"2025-05-22T01:00:00Z\", \"y\": {\"a\": 3}}]");
	skipped = 0;
	assert_int_equal(metric_parse_comparison(o, points_cb, &p, &skipped),
	    3);
	assert_int_equal(skipped, 2 + 2 + 1 + 1 + 1);
	assert_string_equal(p.v[1].id, "d");
	assert_true(p.v[1].value == 2.5);
	assert_true(p.v[2].ts == 1747785600 + 86400 + 3600);
	points_free(&p);

	/* The callback stops the walk. */
	p.stop_after = 2;
	assert_int_equal(metric_parse_comparison(o, points_cb, &p, NULL), -1);
	assert_int_equal(p.n, 2);
	points_free(&p);
	json_decref(o);

	o = unit_parse("{\"e1\": [{\"date\": \"2025-05-21 00:00:00\","
	    " \"uptime\": 99}, {\"date\": \"2025-05-21\", \"uptime\": 98},"
	    " {\"uptime\": 97}, 5, {\"date\": \"2025-05-20 00:00:00\","
	    " \"uptime\": true}], \"e2\": {}, \"e3\": []}");
	skipped = 0;
	assert_int_equal(metric_parse_uptime_recent(o, points_cb, &p,
	    &skipped), 1);
	assert_int_equal(skipped, 5);
	assert_string_equal(p.v[0].id, "e1");
	points_free(&p);
	p.stop_after = 1;
	assert_int_equal(metric_parse_uptime_recent(o, points_cb, &p, NULL),
	    -1);
	points_free(&p);
	json_decref(o);

	o = unit_parse("{\"history\": [{\"date\": \"2025-05-21 23:00:00\","
	    " \"uptime\": 50}, {\"date\": \"2025-05-21 22:00:00\","
	    " \"uptime\": null}]}");
	assert_int_equal(metric_parse_uptime_hourly(o, NULL, points_cb, &p,
	    NULL), -1);
	skipped = 0;
	assert_int_equal(metric_parse_uptime_hourly(o, "e", points_cb, &p,
	    &skipped), 1);
	assert_int_equal(skipped, 1);
	assert_true(p.v[0].ts == 1747785600 + 23 * 3600);
	assert_true(p.v[0].value == 50);
	points_free(&p);
	json_decref(o);
}

static void
test_metric_date(void **state)
{
	static const struct {
		const char	*s;
		int64_t		 ts;
	} good[] = {
		{ "2025-05-21 00:00:00", 1747785600 },
		{ "2025-05-21T00:00:00", 1747785600 },
		{ "2025-05-21T00:00:00Z", 1747785600 },
		{ "2025-05-21 00:00:00Z", 1747785600 },
		{ "1970-01-01 00:00:00", 0 },
		{ "1969-12-31 23:59:59", -1 },
		{ "2000-03-01 00:00:00", 951868800 },
		{ "2024-02-29 23:59:59", 1709251199 },
		{ "2025-06-02 12:00:00", 1748865600 },
		{ "2100-03-01 00:00:00", 4107542400 },
	};
	static const char *bad[] = {
		"", "2025", "2025-05-21", "2025-05-21 00:00", "2025-05-21 0:00:00",
		"2025-05-21 00:00:00 ", "2025-05-21 00:00:00ZZ",
		"2025-05-21x00:00:00", "2025/05/21 00:00:00",
		"2025-02-29 00:00:00", "2100-02-29 00:00:00",
		"2025-13-01 00:00:00", "2025-00-10 00:00:00",
		"2025-04-31 00:00:00", "2025-05-00 00:00:00",
		"2025-05-21 24:00:00", "2025-05-21 23:60:00",
		"2025-05-21 23:59:60", "2025-05-21 00:00:00.5",
		"2025-05-21 00:00:00+00:00", "-025-05-21 00:00:00",
		"2025-05-21 -1:00:00",
	};
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};
	char	 s[64];
	int64_t	 ts, want;
	size_t	 i;
	int	 y, m, d, dim;

	(void)state;
	for (i = 0; i < sizeof good / sizeof good[0]; i++) {
		ts = 42;
		assert_int_equal(metric_parse_date(good[i].s, &ts), 0);
		if (ts != good[i].ts)
			fail_msg("%s: %lld", good[i].s, (long long)ts);
	}
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		if (metric_parse_date(bad[i], &ts) != -1)
			fail_msg("\"%s\" was accepted", bad[i]);
	}
	assert_int_equal(metric_parse_date(NULL, &ts), -1);

	/* Every day from 1970 to 2199 is one day after the one before. */
	want = 0;
	for (y = 1970; y < 2200; y++) {
		for (m = 1; m <= 12; m++) {
			dim = mdays[m - 1];
			if (m == 2 && ((y % 4 == 0 && y % 100 != 0) ||
			    y % 400 == 0))
				dim = 29;
			for (d = 1; d <= dim; d++) {
				snprintf(s, sizeof s,
				    "%04d-%02d-%02d 13:14:15", y, m, d);
				assert_int_equal(metric_parse_date(s, &ts), 0);
				assert_true(ts == want + 13 * 3600 +
				    14 * 60 + 15);
				want += 86400;
			}
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_metric_comparison_real),
		cmocka_unit_test(test_metric_uptime_recent_real),
		cmocka_unit_test(test_metric_uptime_hourly_real),
		cmocka_unit_test(test_metric_synthetic),
		cmocka_unit_test(test_metric_date),
	};

	UNIT_RUN(tests, NULL, NULL);
}
