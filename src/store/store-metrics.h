/*
 * store-metrics: reading the metric time series back.
 *
 * The sync stores one row per (endpoint, metric, bucket, ts) with
 * store_metric_put() (declared in store.h with the other writes the sync
 * makes, written in store-metrics.c); this header adds what the UI reads:
 * a series in time order.  metric is one of "latency" (p50, milliseconds),
 * "throughput" (p50, tokens per second) or "uptime" (percent); bucket is
 * "hour" or "day"; ts is Unix seconds at the start of the bucket.
 *
 * Strings passed in are borrowed for the duration of the call.  A series
 * handed out is owned by the caller and freed with free().  Errors: -1 with
 * *cause (when cause is not NULL) set to a message the caller frees.
 */
#ifndef ORBROWSE_STORE_METRICS_H
#define ORBROWSE_STORE_METRICS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct metric_point {
	int64_t	ts;	/* unix seconds, start of the bucket */
	double	value;
};

/* 1 when name is a metric (bucket) the store knows, else 0. */
int	store_metric_known(const char *metric);
int	store_metric_bucket_known(const char *bucket);

/*
 * The points of one series, oldest first.  An endpoint without points (or
 * unknown to the store) gives *n = 0 and *pts = NULL; an unknown metric or
 * bucket name is an error.  The caller frees *pts.
 */
int	store_metric_series(struct store *, const char *endpoint_id,
	    const char *metric, const char *bucket, struct metric_point **pts,
	    size_t *n, char **cause);

#endif
