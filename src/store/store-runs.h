/*
 * store-runs: what the run screens ask of the run log beyond store.h -- a
 * cheap stamp that moves whenever the database changes, the run in
 * progress, and what one run changed.
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
 *               candidates, and store_runs_price_diff() decodes both blobs
 *               (zblob_verify, ep_project) to compare the prices.  The two
 *               steps are apart so that a caller can spread the decoding of
 *               many pairs over time.
 *
 * Conventions are store.h's: 0 or -1 with *cause (caller frees); strings
 * passed in are borrowed for the call; lists handed out are the caller's,
 * freed with the matching _free function.
 */
#ifndef ORBROWSE_STORE_RUNS_H
#define ORBROWSE_STORE_RUNS_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/* Differs between two calls when anything was committed in between. */
struct runs_stamp {
	int64_t	 data_version;	/* commits by other connections */
	int64_t	 changes;	/* rows changed by this connection */
};

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

/* Prices of one snapshot, USD per token, NAN when unknown. */
struct run_prices {
	double	 prompt;
	double	 completion;
	double	 cache_read;
};

int	store_runs_stamp(struct store *, struct runs_stamp *, char **cause);
/* The newest run whose status is running (any process); *found 0 if none.
 * The caller clears *run with run_info_clear(). */
int	store_runs_running(struct store *, struct run_info *, int *found,
	    char **cause);

/* Listings added by run_id, and listings it tombstoned (see above); by
 * model key, provider, endpoint id. */
int	store_runs_added(struct store *, int64_t run_id,
	    struct run_endpoint **, size_t *, char **cause);
int	store_runs_tombstoned(struct store *, int64_t run_id,
	    struct run_endpoint **, size_t *, char **cause);
void	run_endpoint_list_free(struct run_endpoint *, size_t);

/* Snapshots of run_id whose hash differs from the listing's previous
 * snapshot; by model key, provider, endpoint id. */
int	store_runs_snap_pairs(struct store *, int64_t run_id,
	    struct run_snap_pair **, size_t *, char **cause);
void	run_snap_pair_list_free(struct run_snap_pair *, size_t);

/*
 * The prices of the endpoint a snapshot blob holds: a stats or v1 endpoint
 * object, or the catalogue entry whose featured endpoint it is.  The blob
 * is inflated and checked against its hash.  model_key is the listing's
 * (v1 endpoint objects do not carry it).
 */
int	store_runs_snapshot_prices(struct store *, const char *hash,
	    const char *model_key, struct run_prices *, char **cause);
/* Decode both snapshots of a pair; *changed is 1 when a price differs. */
int	store_runs_price_diff(struct store *, const struct run_snap_pair *,
	    struct run_prices *before, struct run_prices *after, int *changed,
	    char **cause);

#endif
