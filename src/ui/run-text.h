/*
 * run-text: how a run of the run log (store/store-changes.h) reads on the
 * runs, run and sync screens.
 *
 * Each function writes at most size bytes, NUL included, into the caller's
 * out; the run is only read.
 */
#ifndef ORBROWSE_RUN_TEXT_H
#define ORBROWSE_RUN_TEXT_H

#include <stddef.h>

#include "store/store-changes.h"

/*
 * 1 when the run is still "running" but its process is gone: it was cut
 * short (kill -9, a crash) and the next sync marks it failed; until then
 * it is shown as stale.
 */
int	run_text_stale(const struct run_info *);
/* How long the run took, or has been running; "-" when not known. */
void	run_text_took(const struct run_info *, char *out, size_t size);
/* When it started, UTC. */
void	run_text_started(const struct run_info *, char *out, size_t size);
/* Its raw bytes over its compressed bytes ("3.2x"), or "-". */
void	run_text_ratio(const struct run_info *, char *out, size_t size);
/* A price per token as every view shows it (util/numfmt.h), in USD per
 * million tokens with a "$" ("$0.50"), or "-" for NAN; digits as
 * numfmt_price() takes them. */
void	run_text_price(double usd_per_token, int digits, char *out,
	    size_t size);

#endif
