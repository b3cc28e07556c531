/*
 * store-metrics: metric series in time order.
 *
 * The UI reads series rarely (when a metrics screen opens or the database
 * changed), so the statement is prepared per call, bound with parameters
 * like every other statement of the store.
 */
#include "config.h"

#include "store/store-metrics.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char metric_series_sql[] =
    "SELECT ts, value FROM endpoint_metric"
    " WHERE endpoint_id = ?1 AND metric = ?2 AND bucket = ?3"
    " ORDER BY ts";

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
	if (sqlite3_prepare_v2(s->db, metric_series_sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return (store_fail(s, cause, _("cannot read metrics")));
	store_bind_text(st, 1, endpoint_id);
	store_bind_text(st, 2, metric);
	store_bind_text(st, 3, bucket);
	rc = store_collect(s, st, &list, n, sizeof **pts, metric_read,
	    metric_free, _("cannot read metrics"), cause);
	sqlite3_finalize(st);
	if (rc != 0)
		return (-1);
	*pts = list;
	return (0);
}
