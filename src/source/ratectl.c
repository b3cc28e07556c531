#include "config.h"

#include "source/ratectl.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define RATECTL_UP	1.25	/* growth per step */
#define RATECTL_DOWN	0.75	/* when the latency degrades */
#define RATECTL_ALPHA	0.2	/* weight of a new latency sample */
#define RATECTL_HOUR_MS	3600000

void
ratectl_init(struct ratectl *rc, double start, double max)
{
	memset(rc, 0, sizeof *rc);
	if (!(start > 0)) {
		rc->rate = 0;		/* no limit, nothing adapts */
		return;
	}
	if (start < RATECTL_FLOOR)
		start = RATECTL_FLOOR;
	rc->rate = rc->rate_top = start;
	rc->max = max > start ? max : start;
	rc->ceiling = rc->max;
	rc->lat_avg = -1;
	rc->lat_best = -1;
}

static double
ratectl_clamp(const struct ratectl *rc, double rate)
{
	if (rate > rc->ceiling)
		rate = rc->ceiling;
	if (rate > rc->max)
		rate = rc->max;
	if (rate < RATECTL_FLOOR)
		rate = RATECTL_FLOOR;
	return (rate);
}

static void
ratectl_latency(struct ratectl *rc, double ms)
{
	if (!(ms >= 0) || !isfinite(ms))
		return;
	if (rc->lat_avg < 0)
		rc->lat_avg = ms;
	else
		rc->lat_avg += RATECTL_ALPHA * (ms - rc->lat_avg);
	if (rc->lat_best < 0 || rc->lat_avg < rc->lat_best)
		rc->lat_best = rc->lat_avg;
}

/* A good answer: maybe grow the rate, or slow down on a latency rise. */
static void
ratectl_good(struct ratectl *rc)
{
	if (rc->lat_avg > 4 * rc->lat_best + 200) {
		rc->rate = ratectl_clamp(rc, rc->rate * RATECTL_DOWN);
		rc->good = 0;
		return;
	}
	if (++rc->probe >= RATECTL_PROBE) {
		rc->probe = 0;
		rc->ceiling = rc->ceiling * 1.05 < rc->max ?
		    rc->ceiling * 1.05 : rc->max;
	}
	if (++rc->good < RATECTL_STEP)
		return;
	rc->good = 0;
	if (rc->lat_avg <= 2 * rc->lat_best + 50)
		rc->rate = ratectl_clamp(rc, rc->rate * RATECTL_UP);
	if (rc->rate > rc->rate_top)
		rc->rate_top = rc->rate;
}

void
ratectl_answer(struct ratectl *rc, const struct ratectl_answer *a,
    int64_t now_ms)
{
	int64_t	until;

	if (rc->rate == 0)
		return;
	if (a->remaining >= 0 && a->reset_ms >= 0) {
		rc->header_until = now_ms + a->reset_ms;
		if (a->remaining == 0) {
			rc->header_cap = 0;
			if (rc->hold_until < rc->header_until)
				rc->hold_until = rc->header_until;
		} else
			rc->header_cap = (double)a->remaining * 1000.0 /
			    (double)(a->reset_ms > 1000 ? a->reset_ms : 1000);
	}
	if (a->status == 429) {
		rc->refused++;
		rc->ceiling = rc->rate * 0.9 > RATECTL_FLOOR ?
		    rc->rate * 0.9 : RATECTL_FLOOR;
		rc->rate = ratectl_clamp(rc, rc->rate / 2);
		rc->good = rc->probe = 0;
		if (a->retry_after > 0) {
			until = now_ms + (int64_t)a->retry_after * 1000;
			if (rc->hold_until < until)
				rc->hold_until = until;
		}
		return;
	}
	if (a->status == 0 || a->status >= 500) {
		rc->good = 0;
		return;
	}
	ratectl_latency(rc, a->latency_ms);
	ratectl_good(rc);
}

double
ratectl_rate(const struct ratectl *rc, int64_t now_ms)
{
	if (rc->rate == 0)
		return (0);
	if (rc->header_cap > 0 && now_ms < rc->header_until &&
	    rc->header_cap < rc->rate)
		return (rc->header_cap > RATECTL_FLOOR ? rc->header_cap :
		    RATECTL_FLOOR);
	return (rc->rate);
}

int64_t
ratectl_hold(const struct ratectl *rc, int64_t now_ms)
{
	return (rc->hold_until > now_ms ? rc->hold_until - now_ms : 0);
}

int64_t
ratectl_reset_ms(const char *value, int64_t now_ms)
{
	char	*end;
	double	 v;
	int64_t	 ms;

	value += strspn(value, " \t");
	errno = 0;
	v = strtod(value, &end);
	if (end == value || errno != 0 || !isfinite(v) || v < 0)
		return (-1);
	end += strspn(end, " \t\r\n");
	if (*end != '\0')
		return (-1);
	if (v > 1e12)
		ms = (int64_t)v - now_ms;		/* Unix ms */
	else if (v > 1e9)
		ms = (int64_t)(v * 1000) - now_ms;	/* Unix seconds */
	else
		ms = (int64_t)(v * 1000);		/* seconds from now */
	if (ms < 0)
		ms = 0;
	return (ms > RATECTL_HOUR_MS ? RATECTL_HOUR_MS : ms);
}
