/*
 * store-changes: what one run changed, as the run screens show it.  (The
 * run log itself, the run in progress and the change stamp are store.h's.)
 *
 * "What a run changed" is read from the projection and the snapshots:
 *
 *   added       listings whose first_run_id is the run: exact.
 *   tombstoned  listings that are inactive now and that the run swept.  The
 *               projection does not record which run swept a listing, but
 *               only a complete sync (source sync, status ok) sweeps, and it
 *               sweeps every active listing it did not see; so the sweeping
 *               run of an inactive listing is the first complete sync after
 *               its last_run_id.  A listing that came back later is active
 *               again and no longer reported.
 *   prices      for every endpoint snapshot of the run, the same listing's
 *               newest snapshot of an earlier run (snapshots retention
 *               pruned are skipped): pairs whose hashes differ are
 *               candidates, and store_changes_price_diff() inflates both
 *               blobs (zblob_verify) and reads their prices
 *               (project/snap-prices.h) to compare them.  The two steps are
 *               apart so that a caller can spread the decoding of many pairs
 *               over time.
 *
 * Conventions are store.h's: 0 or -1 with *cause (caller frees); strings
 * passed in are borrowed for the call; lists handed out are the caller's,
 * freed with the matching _free function.
 */
#ifndef ORBROWSE_STORE_CHANGES_H
#define ORBROWSE_STORE_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "project/snap-prices.h"
#include "store/store.h"

/* One listing of the projection, as the run screens show it. */
struct run_endpoint {
	char	*endpoint_id;
	char	*model_key;
	char	*model_name;	/* may be NULL */
	char	*provider;	/* display name, else slug; may be NULL */
	double	 price_prompt;	/* USD per token, NAN when unknown */
	double	 price_completion;
	int64_t	 first_run_id;
	int64_t	 last_run_id;
	int	 active;
};

/* An endpoint snapshot of a run and the listing's previous snapshot. */
struct run_snap_pair {
	char	*endpoint_id;
	char	*model_key;
	char	*provider;	/* from the projection; may be NULL */
	int64_t	 old_run;
	char	 old_hash[65];
	char	 new_hash[65];
};

/* Listings added by run_id, and listings it tombstoned (see above); by
 * model key, provider, endpoint id. */
int	store_changes_added(struct store *, int64_t run_id,
	    struct run_endpoint **, size_t *, char **cause);
int	store_changes_tombstoned(struct store *, int64_t run_id,
	    struct run_endpoint **, size_t *, char **cause);
void	run_endpoint_list_free(struct run_endpoint *, size_t);

/* Snapshots of run_id whose hash differs from the listing's previous
 * snapshot; by model key, provider, endpoint id. */
int	store_changes_snap_pairs(struct store *, int64_t run_id,
	    struct run_snap_pair **, size_t *, char **cause);
void	run_snap_pair_list_free(struct run_snap_pair *, size_t);

/*
 * The prices of the endpoint a snapshot blob holds (see
 * project/snap-prices.h).  The blob is inflated and checked against its
 * hash; a missing blob is an error.  model_key is the listing's.
 */
int	store_changes_snapshot_prices(struct store *, const char *hash,
	    const char *model_key, struct snap_prices *, char **cause);
/* Decode both snapshots of a pair; *changed is 1 when a price differs. */
int	store_changes_price_diff(struct store *, const struct run_snap_pair *,
	    struct snap_prices *before, struct snap_prices *after,
	    int *changed, char **cause);

#endif
