/*
 * ratectl: the adaptive request rate of a sync, polite by default.
 *
 * The rate starts at the configured one and adapts to what the server
 * says, the way a careful crawler does:
 *
 *   up      after RATECTL_STEP answers in a row that were neither 429 nor
 *           5xx nor transport failures, while the latency (an exponential
 *           average) stays within twice the best seen plus 50 ms, the rate
 *           grows by a quarter, up to the maximum and to the ceiling below.
 *   slow    when the latency average passes four times the best plus
 *           200 ms, the rate drops by a quarter (the server is struggling).
 *   429     halves the rate and sets a ceiling at 90% of the rate that was
 *           refused, so that the rate settles below the server's limit
 *           instead of bouncing off it; the ceiling rises by 5% every
 *           RATECTL_PROBE good answers, so a passing refusal is forgotten
 *           slowly.  A Retry-After pauses every start until it passes.
 *   headers X-RateLimit-Remaining with X-RateLimit-Reset caps the rate at
 *           remaining / seconds to the reset until the reset; remaining 0
 *           pauses every start until the reset.  X-RateLimit-Reset is read
 *           as a Unix time in milliseconds when above 10^12, in seconds
 *           when above 10^9, and as seconds from now otherwise (servers
 *           differ; OpenRouter sends milliseconds).
 *
 * The rate never falls below RATECTL_FLOOR requests per second.  A start
 * rate of 0 means no limit at all, and nothing adapts; a maximum below the
 * start rate means a fixed rate.  Everything is a pure function of the
 * answers and of the monotonic times passed in, so it is unit-tested
 * without a network.
 */
#ifndef ORBROWSE_SOURCE_RATECTL_H
#define ORBROWSE_SOURCE_RATECTL_H

#include <stdint.h>

#define RATECTL_STEP	10	/* good answers before the rate grows */
#define RATECTL_PROBE	100	/* good answers before the ceiling grows */
#define RATECTL_FLOOR	0.5	/* requests per second, the least */

struct ratectl {
	double	 rate;		/* requests per second now; 0: no limit */
	double	 max;		/* the configured maximum */
	double	 ceiling;	/* lowered by a 429 */
	double	 header_cap;	/* from X-RateLimit-*, 0: none */
	int64_t	 header_until;	/* monotonic ms the cap holds until */
	int64_t	 hold_until;	/* monotonic ms: no start before */
	double	 lat_avg;	/* ms, exponential average; < 0: none yet */
	double	 lat_best;	/* ms, the lowest average seen */
	int	 good;		/* good answers since the last change */
	int	 probe;		/* good answers since the ceiling moved */
	int64_t	 refused;	/* 429 answers */
	double	 rate_top;	/* the highest rate reached */
};

/* What one finished attempt says about the server. */
struct ratectl_answer {
	long	 status;	/* HTTP status, 0: transport failure */
	double	 latency_ms;	/* from start to end of the transfer */
	long	 retry_after;	/* seconds, -1: none */
	long	 remaining;	/* X-RateLimit-Remaining, -1: none */
	int64_t	 reset_ms;	/* X-RateLimit-Reset as ms from now, -1 */
};

void	 ratectl_init(struct ratectl *, double start, double max);
void	 ratectl_answer(struct ratectl *, const struct ratectl_answer *,
	     int64_t now_ms);
/* The rate to keep now, requests per second (0: no limit). */
double	 ratectl_rate(const struct ratectl *, int64_t now_ms);
/* Milliseconds until any request may start (0: now). */
int64_t	 ratectl_hold(const struct ratectl *, int64_t now_ms);
/*
 * X-RateLimit-Reset's value as milliseconds from now (now_ms is the Unix
 * time in ms), clamped to 0 .. 1 hour; -1 when it is not a number.
 */
int64_t	 ratectl_reset_ms(const char *value, int64_t now_ms);

#endif
