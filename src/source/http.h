/*
 * http: many GET requests at once over libcurl's multi interface, with the
 * politeness and robustness a crawler of someone else's API owes them.
 *
 * The caller queues requests with http_get() and drives everything from its
 * own event loop by calling http_step(), which waits (curl_multi_poll, plus
 * any extra file descriptors the caller passes as struct http_waitfd, e.g.
 * stdin or a signal self-pipe) at most timeout_ms, moves transfers along,
 * starts queued ones within the concurrency and rate limits, and schedules
 * retries (http_retry_delay() decides them).  Finished
 * requests are collected with http_next_done(); each is handed out once and
 * freed by the caller with http_result_free().
 *
 * The rate adapts (source/ratectl.h): it starts at max_rate and grows
 * towards rate_max while answers come back fast and without 429, halves on
 * a 429, and keeps to Retry-After and X-RateLimit-* headers.  HTTP/2 is
 * used when a TLS server offers it, one connection multiplexed; keep-alive
 * connections otherwise.
 *
 * Retries: transport errors (connection refused or reset, timeouts,
 * truncated bodies), 429 and 5xx are retried up to max_retries times with
 * exponential backoff and jitter; a Retry-After header (seconds or an HTTP
 * date) is a lower bound on the wait.  Other statuses (404 among them) are
 * final and returned as they are.  A body larger than max_bytes (after
 * decoding gzip) aborts the transfer and is not retried.
 *
 * The API key, when given, is sent as "Authorization: Bearer ..." and is
 * never copied into an error message.  TLS peer and host verification stay
 * on unless insecure is set (only `sync --insecure` sets it, and warns).
 * http_cancel() drops everything queued or in flight: no request is sent
 * after it.
 *
 * libcurl stays inside this module: callers see only the types below.
 * http_global_init() is called once before the first http_new(), and
 * http_global_cleanup() once after the last http_free().
 */
#ifndef ORBROWSE_SOURCE_HTTP_H
#define ORBROWSE_SOURCE_HTTP_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "codec/json-guard.h"
#include "util/buf.h"

struct http_config {
	const char	*user_agent;
	const char	*api_key;		/* NULL: no Authorization */
	int		 max_in_flight;		/* default 4 */
	double		 max_rate;		/* requests per second to start
						   at (source/ratectl.h), 0: none */
	double		 rate_max;		/* the most it may grow to; below
						   max_rate: a fixed rate */
	int		 max_retries;		/* default 4 */
	long		 backoff_base_ms;	/* default 500 */
	long		 backoff_max_ms;	/* default 30000 */
	long		 connect_timeout_s;	/* default 10 */
	long		 low_speed_time_s;	/* default 20 */
	long		 low_speed_limit;	/* bytes/s, default 100 */
	long		 total_timeout_s;	/* default 120 */
	size_t		 max_bytes;		/* default SOURCE_MAX_BYTES */
	int		 insecure;		/* 1: no TLS verification */
	/* Frees a request's arg when it is dropped by http_cancel() or
	 * http_free() instead of being handed out; may be NULL. */
	void		(*free_arg)(void *);
};

struct http_result {
	void		*arg;		/* the caller's, from http_get() */
	char		*url;
	long		 status;	/* HTTP status, 0 on transport error */
	struct buf	 body;
	char		*error;		/* NULL on an HTTP answer, else why */
	int		 attempts;
	/*
	 * The body as it came, through json_guard_feed() against
	 * json_guard_list (codec/json-guard.h): json_guard_fed() says
	 * whether it needs json_guard() again.
	 */
	struct json_guard_stream guard;
};

struct http_stats {
	int64_t		 requests;	/* attempts sent */
	int64_t		 retries;
	int64_t		 bytes;		/* body bytes received (decoded) */
	unsigned	 in_flight;
	unsigned	 queued;	/* waiting to start or to retry */
	unsigned	 max_in_flight_seen;
	int64_t		 refused;	/* 429 answers */
	double		 rate_now;	/* requests per second, 0: no limit */
	double		 rate_top;	/* the highest rate reached */
};

/*
 * A descriptor for http_step() to wait on beside the transfers, as poll(2)
 * takes it: events is what to wait for (HTTP_WAIT_*), revents is set to
 * what happened.
 */
#define HTTP_WAIT_IN	0x1	/* readable */
#define HTTP_WAIT_PRI	0x2	/* urgent data */
#define HTTP_WAIT_OUT	0x4	/* writable */

struct http_waitfd {
	int		 fd;
	short		 events;
	short		 revents;
};

struct http;

int	 http_global_init(char **cause);
void	 http_global_cleanup(void);
int	 http_new(const struct http_config *, struct http **, char **cause);
void	 http_free(struct http *);
/* Queue a GET; url is copied, arg is the caller's. */
void	 http_get(struct http *, const char *url, void *arg);
/*
 * The retry decision for an attempt that has finished: -1 when it is final,
 * else how many ms to wait before the next.  status is the HTTP status (0:
 * no answer; transient then says whether the failure is one worth another
 * try), attempts how many were made, retry_after the Retry-After header in
 * seconds (-1: none).  The delay is backoff_base_ms doubled per attempt up
 * to backoff_max_ms, plus a jitter below backoff_base_ms drawn from *rng
 * (advanced only when there is a retry), and at least retry_after.
 */
int64_t	 http_retry_delay(const struct http_config *, long status,
	     int transient, int attempts, long retry_after, uint64_t *rng);
/*
 * A Retry-After header's value: delta-seconds below a day, or an HTTP date
 * (seconds from now, clamped to 0 .. 86400).  -1 when it is neither.
 */
long	 http_retry_after(const char *value, time_t now);
/* Wait at most timeout_ms and make progress; -1 on a libcurl failure. */
int	 http_step(struct http *, int timeout_ms, struct http_waitfd *extra,
	     unsigned nextra, char **cause);
/* A finished request, or NULL; the caller frees it. */
struct http_result *http_next_done(struct http *);
void	 http_result_free(struct http_result *);
/* Requests queued, waiting for a retry or in flight. */
unsigned http_pending(const struct http *);
void	 http_stats(const struct http *, struct http_stats *);
/* Drop every queued and in-flight request; none is sent afterwards. */
void	 http_cancel(struct http *);
/* Wake a sleeping http_step() from a signal handler's context. */
void	 http_wakeup(struct http *);

#endif
