#include "config.h"

#include "project/metric.h"

#include <stddef.h>
#include <string.h>

#include "util/civil.h"

/* Read n decimal digits; -1 if one is not a digit. */
static int
metric_digits(const char *s, int n, int *out)
{
	int	i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return (-1);
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return (0);
}

int
metric_parse_date(const char *s, int64_t *ts)
{
	int	y, mo, d, h, mi, sec;

	if (s == NULL)
		return (-1);
	if (metric_digits(s, 4, &y) != 0 || s[4] != '-' ||
	    metric_digits(s + 5, 2, &mo) != 0 || s[7] != '-' ||
	    metric_digits(s + 8, 2, &d) != 0 ||
	    (s[10] != ' ' && s[10] != 'T') ||
	    metric_digits(s + 11, 2, &h) != 0 || s[13] != ':' ||
	    metric_digits(s + 14, 2, &mi) != 0 || s[16] != ':' ||
	    metric_digits(s + 17, 2, &sec) != 0)
		return (-1);
	if (s[19] == 'Z')
		s++;
	if (s[19] != '\0')
		return (-1);
	if (mo < 1 || mo > 12 || d < 1 || d > civil_month_days(y, mo) ||
	    h > 23 || mi > 59 || sec > 59)
		return (-1);
	*ts = civil_to_days(y, mo, d) * 86400 +
	    h * 3600 + mi * 60 + sec;
	return (0);
}

static void
metric_skip(unsigned *skipped)
{
	if (skipped != NULL)
		(*skipped)++;
}

/* The date member key of a point object, or -1 if absent or unparsable. */
static int
metric_point_date(const json_t *point, const char *key, int64_t *ts)
{
	const json_t	*v;

	v = json_object_get(point, key);
	if (!json_is_string(v))
		return (-1);
	return (metric_parse_date(json_string_value(v), ts));
}

/*
 * Walk an array of {date, uptime} points for one endpoint.  Returns the
 * number delivered or -1 if the callback stopped the walk.
 */
static long
metric_uptime_points(const json_t *points, const char *endpoint_id,
    metric_cb cb, void *arg, unsigned *skipped)
{
	const json_t	*point, *value;
	size_t		 i;
	int64_t		 ts;
	long		 n = 0;

	json_array_foreach(points, i, point) {
		value = json_object_get(point, "uptime");
		if (!json_is_number(value) ||
		    metric_point_date(point, "date", &ts) != 0) {
			metric_skip(skipped);
			continue;
		}
		if (cb(arg, endpoint_id, ts, json_number_value(value)) != 0)
			return (-1);
		n++;
	}
	return (n);
}

long
metric_parse_comparison(const json_t *payload, metric_cb cb, void *arg,
    unsigned *skipped)
{
	const json_t	*point, *y, *value;
	const char	*id;
	size_t		 i;
	int64_t		 ts;
	long		 n = 0;

	if (!json_is_array(payload))
		return (-1);
	json_array_foreach(payload, i, point) {
		y = json_object_get(point, "y");
		if (!json_is_object(y)) {
			metric_skip(skipped);
			continue;
		}
		if (metric_point_date(point, "x", &ts) != 0) {
			/* Every value of a point without a date is lost. */
			if (json_object_size(y) == 0)
				metric_skip(skipped);
			else if (skipped != NULL)
				*skipped += (unsigned)json_object_size(y);
			continue;
		}
		/* jansson's iterator takes a non-const object. */
		json_object_foreach((json_t *)y, id, value) {
			if (!json_is_number(value)) {
				metric_skip(skipped);
				continue;
			}
			if (cb(arg, id, ts, json_number_value(value)) != 0)
				return (-1);
			n++;
		}
	}
	return (n);
}

long
metric_parse_uptime_recent(const json_t *payload, metric_cb cb, void *arg,
    unsigned *skipped)
{
	const char	*id;
	json_t		*points;
	long		 n = 0, r;

	if (!json_is_object(payload))
		return (-1);
	/* jansson's iterator takes a non-const object. */
	json_object_foreach((json_t *)payload, id, points) {
		if (!json_is_array(points)) {
			metric_skip(skipped);
			continue;
		}
		r = metric_uptime_points(points, id, cb, arg, skipped);
		if (r == -1)
			return (-1);
		n += r;
	}
	return (n);
}

long
metric_parse_uptime_hourly(const json_t *payload, const char *endpoint_id,
    metric_cb cb, void *arg, unsigned *skipped)
{
	const json_t	*history;

	if (endpoint_id == NULL)
		return (-1);
	history = json_object_get(payload, "history");
	if (!json_is_array(history))
		return (-1);
	return (metric_uptime_points(history, endpoint_id, cb, arg, skipped));
}
