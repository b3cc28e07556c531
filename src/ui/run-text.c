/*
 * run-text: a run of the run log as the screens write it.
 */
#include "config.h"

#include "ui/run-text.h"

#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/numfmt.h"

/* EPERM: the process exists but belongs to someone else. */
int
run_text_stale(const struct run_info *r)
{
	if (strcmp(r->status, "running") != 0 || r->pid <= 0)
		return (0);
	return (kill((pid_t)r->pid, 0) != 0 && errno != EPERM);
}

void
run_text_took(const struct run_info *r, char *out, size_t size)
{
	char	*d;
	int64_t	 ms;

	if (r->ended_at > 0)
		ms = r->ended_at - r->started_at;
	else if (strcmp(r->status, "running") == 0 && !run_text_stale(r))
		ms = clock_now_ms() - r->started_at;
	else {
		snprintf(out, size, "-");
		return;
	}
	d = clock_format_duration(ms < 0 ? 0 : ms);
	snprintf(out, size, "%s", d);
	free(d);
}

void
run_text_started(const struct run_info *r, char *out, size_t size)
{
	char	*t;

	t = clock_format_utc(r->started_at / 1000);
	snprintf(out, size, "%s", t);
	free(t);
}

void
run_text_ratio(const struct run_info *r, char *out, size_t size)
{
	double	x;

	/* A run that stored little new has a huge ratio: no decimals. */
	if (r->bytes_gz > 0 && r->bytes_raw > 0) {
		x = (double)r->bytes_raw / (double)r->bytes_gz;
		snprintf(out, size, x < 100 ? "%.1fx" : "%.0fx", x);
	} else
		snprintf(out, size, "-");
}

void
run_text_price(double usd_per_token, int digits, char *out, size_t size)
{
	char	price[64];

	if (isnan(usd_per_token))
		snprintf(out, size, "-");
	else
		snprintf(out, size, "$%s", numfmt_price(usd_per_token, digits,
		    price, sizeof price));
}
