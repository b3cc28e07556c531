/*
 * store-metrics: the metric time series -- the sync's points in
 * (store_metric_put, store.h), an endpoint's uptime column kept to its
 * newest point, and a series read back in time order.
 */
#include "config.h"

#include "store/store-metrics.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct store_sql metric_put_sql = { ST_METRIC_PUT,
    "INSERT OR REPLACE INTO endpoint_metric (endpoint_id, metric,"
    " bucket, ts, value) VALUES (?1, ?2, ?3, ?4, ?5)" };
static const struct store_sql metric_count_sql = { ST_METRIC_COUNT,
    "SELECT COUNT(*) FROM endpoint_metric" };
static const struct store_sql ep_uptime_sql = { ST_EP_UPTIME,
    "UPDATE endpoint SET uptime = (SELECT value FROM endpoint_metric"
    " WHERE endpoint_id = ?1 AND metric = 'uptime'"
    " ORDER BY ts DESC, bucket = 'hour' DESC LIMIT 1)"
    " WHERE " EP_ID_IS("endpoint_id", "?1") };
static const struct store_sql metric_series_sql = { ST_METRIC_SERIES,
    "SELECT ts, value FROM endpoint_metric"
    " WHERE endpoint_id = ?1 AND metric = ?2 AND bucket = ?3"
    " ORDER BY ts" };

static const char *metric_names[] = { "latency", "throughput", "uptime" };
static const char *metric_buckets[] = { "hour", "day" };

static int
metric_in(const char *name, const char **list, size_t n)
{
	size_t	i;

	if (name == NULL)
		return (0);
	for (i = 0; i < n; i++) {
		if (strcmp(name, list[i]) == 0)
			return (1);
	}
	return (0);
}

int
store_metric_known(const char *metric)
{
	return (metric_in(metric, metric_names,
	    sizeof metric_names / sizeof metric_names[0]));
}

int
store_metric_bucket_known(const char *bucket)
{
	return (metric_in(bucket, metric_buckets,
	    sizeof metric_buckets / sizeof metric_buckets[0]));
}

static void
metric_read(sqlite3_stmt *st, void *el)
{
	struct metric_point	*p = el;

	p->ts = sqlite3_column_int64(st, 0);
	p->value = sqlite3_column_double(st, 1);
}

static void
metric_free(void *list, size_t n)
{
	(void)n;
	free(list);
}

int
store_metric_series(struct store *s, const char *endpoint_id,
    const char *metric, const char *bucket, struct metric_point **pts,
    size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	void		*list;
	int		 rc;

	*pts = NULL;
	*n = 0;
	if (!store_metric_known(metric)) {
		if (cause != NULL)
			*cause = xasprintf(_("unknown metric \"%s\""),
			    metric != NULL ? metric : "");
		return (-1);
	}
	if (!store_metric_bucket_known(bucket)) {
		if (cause != NULL)
			*cause = xasprintf(_("unknown metric bucket \"%s\""),
			    bucket != NULL ? bucket : "");
		return (-1);
	}
	if ((st = store_stmt(s, &metric_series_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, endpoint_id);
	store_bind_text(st, 2, metric);
	store_bind_text(st, 3, bucket);
	rc = store_collect(s, st, &list, n, sizeof **pts, metric_read,
	    metric_free, N_("cannot read metrics"), cause);
	if (rc != 0)
		return (-1);
	*pts = list;
	return (0);
}

int
store_metric_put(struct store *s, const char *endpoint_id, const char *metric,
    const char *bucket, int64_t ts, double value, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &metric_put_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, endpoint_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, metric, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, bucket, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, ts);
	sqlite3_bind_double(st, 5, value);
	return (store_step_done(s, st, cause, N_("cannot store a metric")));
}

int64_t
store_metric_count(struct store *s)
{
	return (store_count(s, &metric_count_sql));
}

int
store_endpoint_refresh_uptime(struct store *s, const char *endpoint_id,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &ep_uptime_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, endpoint_id, -1, SQLITE_STATIC);
	return (store_step_done(s, st, cause, N_("cannot update uptime")));
}
