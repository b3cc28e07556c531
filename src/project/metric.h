/*
 * metric: parsers for the metric time series routes.
 *
 * Each parser walks a payload (without envelope, see payload.h) and calls
 * the callback once per (endpoint, ts, value) point.  Points with a null or
 * non-numeric value, an unparsable date, or a non-string endpoint id are
 * skipped and counted in *skipped.  Dates "YYYY-MM-DD HH:MM:SS" are UTC and
 * become Unix seconds.  Strings passed to the callback are borrowed for the
 * duration of the call.
 *
 * Returns the number of points delivered, or -1 when the payload does not
 * have the expected shape at all or when the callback returned non-zero
 * (which stops the walk).
 */
#ifndef ORBROWSE_PROJECT_METRIC_H
#define ORBROWSE_PROJECT_METRIC_H

#include <stdint.h>

#include <jansson.h>

typedef int (*metric_cb)(void *arg, const char *endpoint_id, int64_t ts,
    double value);

/* [{x: date, y: {uuid: number}}] (throughput- and latency-comparison). */
long	metric_parse_comparison(const json_t *, metric_cb, void *,
	    unsigned *skipped);
/* {uuid: [{date, uptime}]} (uptime-recent). */
long	metric_parse_uptime_recent(const json_t *, metric_cb, void *,
	    unsigned *skipped);
/* {history: [{date, uptime}]} for one endpoint (uptime-hourly). */
long	metric_parse_uptime_hourly(const json_t *, const char *endpoint_id,
	    metric_cb, void *, unsigned *skipped);

/* Parse "YYYY-MM-DD HH:MM:SS" (or with 'T', optional Z) as UTC; -1 on
 * error. */
int	metric_parse_date(const char *, int64_t *ts);

#endif
