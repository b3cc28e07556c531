/*
 * demo-metrics: the metric files of one catalogue entry.  Daily throughput
 * and latency (throughput-comparison-NNNN.json, latency-comparison-NNNN
 * .json), the recent daily uptime (uptime-recent-NNNN.json), and each
 * endpoint's last day hour by hour (uptime-hourly-UUID.json).
 *
 * Every series is drawn from a stream seeded by the run's seed and the
 * endpoint alone, so an endpoint listed under two variants gets the same
 * series twice, and one entry's series do not depend on another's.
 */
#include "config.h"

#include "demo/demo-private.h"

#include <stdio.h>

#include "util/civil.h"

#define DEMO_DAYS		30
#define DEMO_UPTIME_DAYS	3

/* "YYYY-MM-DD 00:00:00", as the metric routes write dates. */
static void
fmt_day(char *out, size_t len, int64_t day)
{
	int	y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, len, "%04d-%02d-%02d 00:00:00", y, m, d);
}

/* "YYYY-MM-DD HH:00:00" for hour h of a day. */
static void
fmt_hour(char *out, size_t len, int64_t day, unsigned h)
{
	int	y, m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, len, "%04d-%02d-%02d %02u:00:00", y, m, d, h);
}

/*
 * The daily series of one metric for one endpoint: a mean-reverting walk
 * around the endpoint's p50.  Returns the first day with a value (most
 * series cover every day, some start later).
 */
static unsigned
demo_metrics_series(const struct demo_gen *g, const struct demo_ep *e,
    int latency, double *vals)
{
	struct demo_rng	r;
	unsigned	start, d;
	double		f = 1, base;

	demo_rng_seed(&r, g->seed ^ e->mseed, 0);
	start = demo_rng_chance(&r, 80) ? 0 :
	    5 + demo_rng_below(&r, DEMO_DAYS - 10);
	demo_rng_seed(&r, g->seed ^ e->mseed, latency ? 2 : 1);
	base = latency ? e->latency : e->throughput;
	for (d = 0; d < DEMO_DAYS; d++) {
		f += (demo_rng_unit(&r) - 0.5) * 0.16 + (1 - f) * 0.25;
		if (f < 0.5)
			f = 0.5;
		if (f > 1.6)
			f = 1.6;
		if (latency)
			vals[d] = demo_round_to(base * f, 0.5);
		else
			vals[d] = demo_round_to(base * f, 0.001);
	}
	return (start);
}

/* throughput- and latency-comparison: [{x: day, y: {uuid: value}}]. */
static int
demo_metrics_comparison(struct demo_gen *g, unsigned entry,
    const struct demo_ep *eps, unsigned n, int latency, char **cause)
{
	double		 vals[DEMO_MAX_ENDPOINTS][DEMO_DAYS];
	unsigned	 start[DEMO_MAX_ENDPOINTS];
	json_t		*data, *pt, *y;
	char		 day[32], name[64];
	unsigned	 i, d;

	for (i = 0; i < n; i++)
		start[i] = demo_metrics_series(g, &eps[i], latency, vals[i]);
	data = json_array();
	for (d = 0; d < DEMO_DAYS; d++) {
		pt = json_object();
		fmt_day(day, sizeof day, g->end_day - DEMO_DAYS + 1 + d);
		json_object_set_new(pt, "x", json_string(day));
		y = json_object();
		for (i = 0; i < n; i++) {
			if (d >= start[i])
				json_object_set_new(y, eps[i].id,
				    demo_num_json(vals[i][d]));
		}
		json_object_set_new(pt, "y", y);
		json_array_append_new(data, pt);
	}
	snprintf(name, sizeof name, "%s-comparison-%04u.json",
	    latency ? "latency" : "throughput", entry);
	return (demo_write_data(g, name, data, cause));
}

/* uptime-recent: {uuid: [{date, uptime}]}, the last days newest first. */
static int
demo_metrics_uptime_recent(struct demo_gen *g, unsigned entry,
    const struct demo_ep *eps, unsigned n, char **cause)
{
	json_t		*data, *list, *u;
	char		 day[32], name[64];
	unsigned	 i, d;
	struct demo_rng	 r;
	double		 up;

	data = json_object();
	for (i = 0; i < n; i++) {
		demo_rng_seed(&r, g->seed ^ eps[i].mseed, 3);
		list = json_array();
		for (d = 0; d < DEMO_UPTIME_DAYS; d++) {
			u = json_object();
			fmt_day(day, sizeof day, g->end_day - d);
			json_object_set_new(u, "date", json_string(day));
			if (demo_rng_chance(&r, 3))
				json_object_set_new(u, "uptime", json_null());
			else if (demo_rng_chance(&r, 30))
				json_object_set_new(u, "uptime",
				    json_integer(100));
			else {
				up = 95 + 5 * demo_rng_unit(&r);
				if (eps[i].status != 0)
					up -= 10 * demo_rng_unit(&r);
				json_object_set_new(u, "uptime", json_real(up));
			}
			json_array_append_new(list, u);
		}
		json_object_set_new(data, eps[i].id, list);
	}
	snprintf(name, sizeof name, "uptime-recent-%04u.json", entry);
	return (demo_write_data(g, name, data, cause));
}

/*
 * uptime-hourly?id=UUID: the last day hour by hour, newest first.  The
 * response does not name its endpoint; the file name carries it, as the
 * request would.
 */
static int
demo_metrics_uptime_hourly(struct demo_gen *g, const struct demo_ep *e,
    char **cause)
{
	json_t		*data, *list, *u;
	char		 hour[32], name[64];
	unsigned	 h;
	struct demo_rng	 r;
	double		 up;

	demo_rng_seed(&r, g->seed ^ e->mseed, 4);
	list = json_array();
	for (h = 0; h < 24; h++) {
		u = json_object();
		fmt_hour(hour, sizeof hour, g->end_day, 23 - h);
		json_object_set_new(u, "date", json_string(hour));
		if (demo_rng_chance(&r, 5))
			json_object_set_new(u, "uptime", json_null());
		else {
			up = 97 + 3 * demo_rng_unit(&r);
			if (e->status != 0)
				up -= 20 * demo_rng_unit(&r);
			json_object_set_new(u, "uptime", json_real(up));
		}
		json_array_append_new(list, u);
	}
	data = json_object();
	json_object_set_new(data, "history", list);
	snprintf(name, sizeof name, "uptime-hourly-%.36s.json", e->id);
	return (demo_write_data(g, name, data, cause));
}

int
demo_metrics_write(struct demo_gen *g, unsigned entry,
    const struct demo_ep *eps, unsigned n, char **cause)
{
	unsigned	i;

	if (demo_metrics_comparison(g, entry, eps, n, 0, cause) != 0 ||
	    demo_metrics_comparison(g, entry, eps, n, 1, cause) != 0 ||
	    demo_metrics_uptime_recent(g, entry, eps, n, cause) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		if (demo_metrics_uptime_hourly(g, &eps[i], cause) != 0)
			return (-1);
	}
	return (0);
}
