/*
 * store-history: every stored snapshot of one entity across runs, for the
 * snapshot inspector's previous / next run and its diff.
 *
 * An entity is one endpoint listing (endpoint id, model key) or one model
 * document (model key, kind "catalogue" or "v1").  The lists are ordered by
 * run id, oldest first, one entry per run that stored a snapshot row of the
 * entity (the same hash may repeat across runs).
 *
 * Errors as in store.h: 0, or -1 with *cause (the caller frees) set.  The
 * strings passed in are borrowed for the call; the list is the caller's,
 * freed with snap_hist_free().
 */
#ifndef ORBROWSE_STORE_HISTORY_H
#define ORBROWSE_STORE_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

struct snap_hist {
	int64_t	run_id;
	int64_t	started_at;	/* unix ms; 0 when the run row is gone */
	char	hash[65];
};

int	store_endpoint_history(struct store *, const char *endpoint_id,
	    const char *model_key, struct snap_hist **, size_t *,
	    char **cause);
int	store_model_history(struct store *, const char *model_key,
	    const char *kind, struct snap_hist **, size_t *, char **cause);
void	snap_hist_free(struct snap_hist *, size_t);

#endif
