/*
 * sync: the pipeline of DESIGN.md §4, as a non-blocking state machine.
 *
 *   sync_start()     takes the writer lock, marks runs left "running" by a
 *                    dead process "failed", opens a run and queues the keys
 *                    (/api/v1/models) and the catalogue of the first family.
 *   sync_step()      waits at most timeout_ms (on the network and on the
 *                    caller's extra descriptors), then moves the run along:
 *                    every model whose responses are all in is written in
 *                    one transaction.  Returns 1 while the run goes on, 0
 *                    when it has finished, -1 on a fatal error.
 *   sync_progress()  counters for a progress display.
 *   sync_abort()     stops the run: nothing more is requested, models not
 *                    yet written are dropped, the run ends "aborted".
 *   sync_finish()    finalises (status, tombstones after a complete run,
 *                    retention), releases the lock and frees everything.
 *
 * The family of routes (2025, 2026, v1) is found by trying the catalogue of
 * each in routes.order; with no catalogue, endpoints come from the v1
 * route.  A model whose frontend endpoint route fails falls back to the v1
 * route.  A 404 for a model's endpoints means it has none now.
 *
 * Only a complete run (status ok) tombstones endpoints it did not see; a
 * failed, partial or aborted run never does.  A run is not complete when a
 * model failed, needed the v1 fallback, or no catalogue answered although
 * a frontend family was configured.
 *
 * A run with TLS verification off (http.insecure) records a warning among
 * its errors, so the run log shows it; its status is not changed by it.
 */
#ifndef ORBROWSE_SYNC_SYNC_H
#define ORBROWSE_SYNC_SYNC_H

#include <stdint.h>

#include "source/http.h"
#include "source/routes.h"
#include "store/store.h"

struct sync_options {
	struct routes		 routes;	/* borrowed */
	struct http_config	 http;		/* api_key borrowed */
	int			 metrics;	/* also fetch metric series */
	int			 extras;	/* also authors, apps, usage */
	int			 gc;		/* run retention at the end */
	int			 window_hours;	/* retention window */
	int			 keep_days;
	/* Stop asking once this many models failed (0: a fifth, min 10). */
	unsigned		 error_budget;
};

struct sync_progress {
	const char	*phase;		/* keys, models, finishing, done */
	int64_t		 run_id;
	const char	*family;	/* NULL until known */
	unsigned	 models_total;
	unsigned	 models_done;
	unsigned	 models_failed;
	unsigned	 models_unchanged;	/* listing as stored last time */
	int64_t		 endpoints;
	int64_t		 requests;
	int64_t		 retries;
	int64_t		 refused;	/* 429 answers */
	double		 rate_top;	/* highest request rate allowed, /s */
	int64_t		 bytes;
	unsigned	 in_flight;
	int64_t		 elapsed_ms;
	int64_t		 errors;
};

struct sync_result {
	int64_t		 run_id;
	char		 status[16];	/* ok partial failed aborted */
	char		*family;
	int64_t		 tombstoned;
	struct gc_result gc;
	char		*error;		/* the first error, for messages */
};

struct sync;

/* *locked is set when another process holds the writer lock. */
int	sync_start(struct store *, const struct sync_options *, struct sync **,
	    int *locked, char **cause);
int	sync_step(struct sync *, int timeout_ms, struct http_waitfd *extra,
	    unsigned nextra, char **cause);
void	sync_progress(const struct sync *, struct sync_progress *);
void	sync_abort(struct sync *);
/* Finalise and free; fills *res (caller frees res->family, res->error). */
int	sync_finish(struct sync *, struct sync_result *, char **cause);

#endif
