/*
 * fuzz-metric: the metric time series parsers on arbitrary bytes.  Every
 * parser runs on the classified payload and on the root, whatever their
 * kind; the callback checks what it is given, and the date parser also gets
 * the raw bytes.
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "project/metric.h"
#include "project/payload.h"

/* Inputs beyond this are not interesting and only slow the fuzzer. */
#define FUZZ_MAX_INPUT	(1024 * 1024)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct fuzz_count {
	long	points;
	int	stop;	/* stop the walk after the first point */
};

static int
fuzz_cb(void *arg, const char *endpoint_id, int64_t ts, double value)
{
	struct fuzz_count	*c = arg;

	(void)ts;
	if (endpoint_id == NULL || !isfinite(value))
		abort();
	c->points++;
	return (c->stop);
}

static void
fuzz_check(long r, const struct fuzz_count *c)
{
	if (r < -1 || (r >= 0 && r != c->points))
		abort();
}

static void
fuzz_metrics(const json_t *payload)
{
	struct fuzz_count	c;
	unsigned		skipped;
	long			r;
	int			stop;

	for (stop = 0; stop <= 1; stop++) {
		memset(&c, 0, sizeof c);
		c.stop = stop;
		skipped = 0;
		r = metric_parse_comparison(payload, fuzz_cb, &c, &skipped);
		fuzz_check(r, &c);

		memset(&c, 0, sizeof c);
		c.stop = stop;
		r = metric_parse_uptime_recent(payload, fuzz_cb, &c, &skipped);
		fuzz_check(r, &c);

		memset(&c, 0, sizeof c);
		c.stop = stop;
		r = metric_parse_uptime_hourly(payload, "endpoint", fuzz_cb,
		    &c, NULL);
		fuzz_check(r, &c);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t	 err;
	json_t		*root;
	const json_t	*payload;
	char		 date[64];
	int64_t		 ts;

	if (size > FUZZ_MAX_INPUT)
		return (0);

	if (size < sizeof date) {
		memcpy(date, data, size);
		date[size] = '\0';
		(void)metric_parse_date(date, &ts);
	}

	root = json_loadb((const char *)data, size,
	    JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	if (root == NULL)
		return (0);
	(void)payload_classify(root, &payload);
	fuzz_metrics(payload);
	if (payload != root)
		fuzz_metrics(root);
	json_decref(root);
	return (0);
}
