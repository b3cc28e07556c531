/*
 * store: the SQLite file, and every line of SQL in orbrowse.
 *
 * A struct store is one open database connection (WAL, foreign keys on, a
 * busy timeout).  store_open() creates the file (mode 0600, parent
 * directories 0700) and its schema when asked to, upgrades an older schema
 * with forward migrations, and refuses -- without touching the file -- a
 * database whose schema is newer than this program knows or that is not an
 * orbrowse database.
 *
 * Every statement that reads or writes rows is prepared once per connection,
 * at its first use, kept until store_close() and bound with parameters; no
 * SQL is ever built from user or network data.  Only the schema, its
 * migrations and the connection's settings run as SQL text.
 *
 * The files: store.c (the connection, transactions, the writer lock,
 * packing the file), store-upgrade.c (schema upgrades), store-stmt.c (the
 * statement cache), store-runlog.c, store-blobs.c, store-snapshots.c,
 * store-endpoints.c (the endpoint projection, a listing's rows),
 * store-identity.c, store-listings.c, store-models.c (the model
 * directory), store-providers.c, store-meta.c, store-changelog.c (with
 * store-changelog-backfill.c), store-replay.c, store-metrics.c and
 * store-gc.c; store-changes.h, store-history.h, store-changelog.h,
 * store-meta.h, store-providers.h, store-replay.h and store-metrics.h add
 * what their callers ask.
 *
 * Errors: functions return 0 on success and -1 on failure, with *cause set
 * (when cause is not NULL) to a message the caller frees.  Strings passed in
 * are borrowed for the duration of the call.  Results handed out (rows,
 * lists) are owned by the caller and freed with the matching _free function.
 */
#ifndef ORBROWSE_STORE_H
#define ORBROWSE_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "project/endpoint.h"
#include "project/model.h"
#include "util/buf.h"

#define STORE_SCHEMA_VERSION	21

/* store_open flags */
#define STORE_CREATE	0x1	/* create the file and directories if needed */
#define STORE_READONLY	0x2	/* open read-only, never write */

struct store;

struct run_info {
	int64_t	 id;
	int64_t	 started_at;	/* unix ms */
	int64_t	 ended_at;	/* unix ms, 0 while running */
	char	 status[16];	/* running ok partial failed aborted */
	char	*source;	/* sync | import */
	char	*route_family;
	int64_t	 models_total;
	int64_t	 models_done;
	int64_t	 endpoints_done;
	int64_t	 requests;
	int64_t	 retries;
	int64_t	 bytes_raw;
	int64_t	 bytes_gz;
	int64_t	 blobs_new;
	int64_t	 warnings;
	int64_t	 error_count;
	char	*errors;	/* newline-separated, may be NULL */
	int64_t	 pid;
	char	*warning_texts;	/* the first warnings, newline-separated and
				   bounded by sync/ (more are only counted);
				   NULL before schema version 6 */
	int64_t	 db_bytes;	/* the database's size when the run ended
				   (pages times page size), 0 unknown */
};

/*
 * The run log summed up (store_run_stats()).  Durations, means and the
 * percentiles are over the runs that ended (finished); a figure with
 * nothing to be taken from is -1 (NaN for the means and the growth).
 * The median of an even number of runs is the mean of the middle two;
 * p95 is the nearest rank (the ceil(0.95 n)-th shortest).  The growth is
 * between the oldest and the newest run that recorded the database's size
 * (growth_from, growth_to: their ids), per 86,400,000 ms of their ends;
 * unknown (NaN) when they ended less than an hour apart.
 */
struct run_stats {
	int64_t	 runs, ok, partial, failed, aborted, running;
	int64_t	 finished;
	int64_t	 median_ms, p95_ms;
	double	 mean_requests, mean_bytes_raw, mean_bytes_gz;
	int64_t	 last_ok_id, last_ok_ended;	/* 0 when none */
	int64_t	 db_bytes;			/* now */
	double	 growth_per_day;		/* bytes */
	int64_t	 growth_from, growth_to;
};

/* One stored snapshot reference. */
struct snap_ref {
	int64_t	 run_id;
	char	*key;		/* endpoint id, or model key */
	char	*model_key;	/* model key (endpoints) */
	char	*kind;		/* catalogue | v1 (models) | endpoint */
	char	 hash[65];
};

int	 store_open(const char *path, int flags, struct store **,
	     char **cause);
void	 store_close(struct store *);
const char *store_path(const struct store *);
/* "ok", or the first problem reported by PRAGMA integrity_check. */
int	 store_integrity_check(struct store *, char **result, char **cause);
int	 store_schema_version(struct store *, int *version, char **cause);

int	 store_begin(struct store *, char **cause);
int	 store_commit(struct store *, char **cause);
void	 store_rollback(struct store *);
int	 store_part_begin(struct store *, char **cause);
int	 store_part_end(struct store *, char **cause);
int	 store_part_undo(struct store *);
/* Compression dictionaries (codec/zblob.h): the current one, 0: none. */
uint32_t store_zdict(const struct store *);
int	 store_zdict_put(struct store *, int64_t run_id, const void *data,
	    size_t len, uint32_t *id, char **cause);
void	 store_zdict_use(struct store *, uint32_t id);
/*
 * Compress every plain gzip blob, and the gzip skeleton of every split
 * blob, again with dictionary dict (registered), where that makes it
 * smaller: the objects a database stored before it had its dictionary (a
 * first sync's model lists and first endpoints).  Hashes do not change.
 * Inside the caller's transaction; *n says how many were, *saved how
 * many bytes smaller they are.
 */
int	 store_blob_recode(struct store *, uint32_t dict, size_t *n,
	     int64_t *saved, char **cause);

/* Differs between two calls when anything was committed in between. */
struct store_stamp {
	int64_t	 data_version;	/* commits by other connections */
	int64_t	 changes;	/* rows changed by this connection */
};
int	 store_stamp(struct store *, struct store_stamp *, char **cause);

/*
 * The writer lock: one process at a time imports or syncs into a database
 * file.  It is an flock(2) on PATH.lock, so a process that dies releases it.
 * Returns 0 when taken; -1 with *locked = 1 when another process holds it,
 * or with *locked = 0 on another failure.  Released by store_close().
 */
int	 store_lock_writer(struct store *, int *locked, char **cause);
/*
 * For a bulk writer (a sync): a larger page cache and fewer, larger WAL
 * checkpoints.  Best effort; store_bulk(s, 0) restores the defaults.
 */
void	 store_bulk(struct store *, int on);
/* Rewrite the file packed (VACUUM) outside any transaction, its copy in a
 * file, unless it is larger than max_bytes; 1 when done.  Best effort. */
int	 store_compact(struct store *, int64_t max_bytes);
/* Release the writer lock (a no-op when it is not held). */
void	 store_unlock_writer(struct store *);
/* Runs left "running" by a dead process become "failed"; returns how many
 * (call with the writer lock held), -1 on error. */
int64_t	 store_run_reap(struct store *, char **cause);

/* Runs. */
int	 store_run_begin(struct store *, const char *source, int64_t *run_id,
	     char **cause);
/* Write the counters (not status/errors) of run->id. */
int	 store_run_update(struct store *, const struct run_info *, char **cause);
/* Set ended_at, status, errors text and final counters. */
int	 store_run_finish(struct store *, const struct run_info *,
	     char **cause);
int	 store_run_get(struct store *, int64_t id, struct run_info *,
	     int *found, char **cause);
/* All runs, newest first. */
int	 store_run_list(struct store *, struct run_info **, size_t *,
	     char **cause);
int64_t	 store_run_latest(struct store *);	/* 0 if none */
/* The newest run whose status is running (any process); *found 0 if none.
 * The caller clears *run with run_info_clear(). */
int	 store_run_running(struct store *, struct run_info *, int *found,
	     char **cause);
/* The newest run whose status is ok (a complete sync or import), as
 * store_run_running() does. */
int	 store_run_last_ok(struct store *, struct run_info *, int *found,
	     char **cause);
/* The run log's figures. */
int	 store_run_stats(struct store *, struct run_stats *, char **cause);
void	 run_info_clear(struct run_info *);
void	 run_info_list_free(struct run_info *, size_t);

/* Blobs, content-addressed by the SHA-256 hex of the canonical JSON. */
int	 store_blob_exists(struct store *, const char *hash, int *exists,
	     char **cause);
/* Insert unless present; *added (may be NULL) tells which. */
int	 store_blob_put(struct store *, const char *hash, const char *codec,
	     size_t raw_len, const void *data, size_t len, int *added,
	     char **cause);
/* Fetch; *found is 0 when absent.  codec is copied into codec[16]. */
int	 store_blob_get(struct store *, const char *hash, char codec[16],
	     int64_t *raw_len, struct buf *data, int *found, char **cause);
/*
 * A split blob (codec/zblob.h, ZBLOB_CODEC_SPLIT): data is its header and
 * skeleton, parts the hashes of the n blobs (stored first) that go back
 * into it, in order.  A delta names its base, the row id
 * store_blob_base() gave (0: none); blob_part keeps it (n = -1), so gc
 * keeps the base as long as the delta, and the parts only when they are
 * not the base's.
 */
int	 store_blob_put_split(struct store *, const char *hash,
	     size_t raw_len, const void *data, size_t len,
	     const char *const *parts, size_t n, int64_t base, int *added,
	     char **cause);
/*
 * The same for a writer that has just looked the hashes up in its
 * transaction (a sync): store_blob_id() gives a blob's row id (0: not
 * stored); store_blob_add() stores a blob it found missing, without
 * looking again, and gives its row id (id may be NULL);
 * store_blob_add_split() a split blob found missing, with its parts' row
 * ids, and gives its row id (blob_id may be NULL).
 */
int	 store_blob_id(struct store *, const char *hash, int64_t *id,
	     char **cause);
int	 store_blob_add(struct store *, const char *hash, const char *codec,
	     size_t raw_len, const void *data, size_t len, int64_t *id,
	     char **cause);
int	 store_blob_add_split(struct store *, const char *hash,
	     size_t raw_len, const void *data, size_t len,
	     const int64_t *parts, size_t n, int64_t base, int64_t *blob_id,
	     char **cause);
/*
 * The base a delta of blob hash is made against: the blob itself when it
 * is a split blob that is no delta, the base of it when it is a delta.
 * Its skeleton (inflated) in skel, its row id in *id; *found is 0 when
 * hash is no split blob, or its skeleton is too long to be a base.
 */
int	 store_blob_base(struct store *, const char *hash, struct buf *skel,
	     int64_t *id, int *found, char **cause);
/*
 * The canonical JSON of a blob, inflated (a split blob put back together)
 * and checked against its hash; the cause names the blob.
 */
int	 store_blob_text(struct store *, const char *hash, struct buf *raw,
	     char **cause);
int64_t	 store_blob_count(struct store *);
/*
 * Call fn with the first 8 bytes of every blob's hash, as 16 hex digits,
 * in no order (read from their index, a fraction of the blob table).
 */
int	 store_blob_prefixes(struct store *, void (*fn)(void *, const char *),
	     void *arg, char **cause);

/*
 * Snapshots.  An endpoint's are written after its projection row
 * (store_endpoint_upsert), which they name by its id.
 */
int	 store_model_snapshot_put(struct store *, int64_t run_id,
	     const char *model_key, const char *kind, const char *hash,
	     char **cause);
/*
 * Whether hash is what the endpoint had before run_id (a snapshot row
 * refers to it, so its blob is stored); prev (may be NULL) gets the hash
 * it had, "" for none, and prev_blob (may be NULL) its blob's row id, 0
 * for none.
 */
int	 store_endpoint_snapshot_same(struct store *, int64_t run_id,
	     const char *endpoint_id, const char *model_key, const char *hash,
	     int *same, char prev[65], int64_t *prev_blob, char **cause);
/*
 * store_endpoint_snapshot_put() with what the above said, for a writer
 * that knows the rows' ids: the projection row ep (store_endpoint_put())
 * and the blob blob_id (not read when same).
 */
int	 store_endpoint_snapshot_write(struct store *, int64_t run_id,
	     int64_t ep, int64_t blob_id, int same, char **cause);
int	 store_endpoint_snapshot_put(struct store *, int64_t run_id,
	     const char *endpoint_id, const char *model_key, const char *hash,
	     char **cause);
/*
 * The newest snapshots with run_id <= max_run (0 = no limit): for an
 * endpoint id (all model keys it is listed under, or only model_key when not
 * NULL), or for a model key (kind NULL = every kind).  One entry per
 * (key, model_key, kind), newest run first.
 */
int	 store_endpoint_snapshot_find(struct store *, const char *endpoint_id,
	     const char *model_key, int64_t max_run, struct snap_ref **,
	     size_t *, char **cause);
int	 store_model_snapshot_find(struct store *, const char *model_key,
	     const char *kind, int64_t max_run, struct snap_ref **, size_t *,
	     char **cause);
void	 snap_ref_list_free(struct snap_ref *, size_t);

/*
 * Models directory.  store_model_put() records a model key with its name
 * (NULL keeps the stored one) and, when v1_id is not NULL, that v1 id as an
 * alias of the key.
 */
int	 store_model_put(struct store *, const char *model_key,
	     const char *v1_id, const char *name, int64_t run_id,
	     char **cause);
/*
 * The name a listing of the model gives (store_model_put() too): its
 * projection rows that give the same keep none of their own.  Before it
 * changes, the rows that keep none take the one they showed.
 */
int	 store_model_listed(struct store *, const char *model_key,
	     const char *name, int64_t run_id, char **cause);
/* The keys an alias named in the newest run that used it (ties: all). */
int	 store_model_alias(struct store *, const char *alias, char ***keys,
	     size_t *n, char **cause);
/*
 * Resolve what a user typed to model keys: an exact model key, else an
 * alias (v1 id) as store_model_alias() does, else every key, name or alias
 * containing it (case-insensitive), narrowed to the base key when the only
 * other matches are its :variants.  *exact is 1 for the first two; a ~
 * alias found so resolves to its alias_target.  The caller frees the list
 * with store_strv_free.
 */
int	 store_model_resolve(struct store *, const char *query, char ***keys,
	     size_t *n, int *exact, char **cause);
void	 store_strv_free(char **, size_t);
/*
 * What the model list (fill 0: every field replaced) or the catalogue
 * (fill 1: only unknown fields filled) says of a model already put in the
 * directory (store-models.c).
 */
int	 store_model_info_put(struct store *, const struct model_row *,
	     int fill, char **cause);
/*
 * The directory's models (or only model_key when not NULL), by public id,
 * with providers (active endpoints) and the lowest prices of the healthy
 * ones, else the model's own.  Free with model_row_list_free().
 */
int	 store_model_list(struct store *, const char *model_key,
	     struct model_row **, size_t *, char **cause);
/* The alias_target slug of a ~ alias model (*target NULL: none). */
/*
 * The model key a ~ alias ("~vendor/family-latest") stands for, as
 * store_model_resolve() follows it (caller frees), or NULL: the resolver
 * filter_resolve_aliases() takes, arg being the store.
 */
char	*store_model_alias_key(const char *alias, void *arg);
int	 store_model_alias_target(struct store *, const char *model_key,
	     char **target, char **cause);

/* Projection. */
/*
 * Insert or update one listing.  keep_stats: the row's stats (p50s, request
 * count, status) are unknown rather than empty -- a catalogue's featured
 * endpoint -- so stored values are kept where the row has NULL.
 */
int	 store_endpoint_upsert(struct store *, const struct ep_row *,
	     const char *hash, int64_t run_id, int keep_stats, int64_t listing,
	     char **cause);
/*
 * The same for a writer that knows the blob's row id (blob_id; 0: by
 * hash), and may know that the key has no row (known: EP_PUT_NEW when the
 * model has no other active row either, EP_PUT_NEW_LIVE when it has; 0:
 * the file is asked); *ep (may be NULL) gets the row's id.
 */
#define EP_PUT_NEW	1
#define EP_PUT_NEW_LIVE	2
int	 store_endpoint_put(struct store *, const struct ep_row *,
	     const char *hash, int64_t blob_id, int64_t run_id, int keep_stats,
	     int64_t listing, int known, int64_t *ep, char **cause);
/* Whether the model has any row, active or not (*any). */
int	 store_endpoint_model_rows(struct store *, const char *model_key,
	     int *any, char **cause);
/*
 * The run that last wrote or saw the row (*run_id 0: there is none).
 */
int	 store_endpoint_seen(struct store *, const char *endpoint_id,
	     const char *model_key, int64_t *run_id, char **cause);

/*
 * A model's endpoint listing as a sync last stored it, to recognise the
 * same bytes next time (data/schema.sql, table listing).  The upsert
 * stamps each row with the listing that wrote it (listing; 0 for any other
 * writer), so a row another writer changed since is no longer the
 * listing's, and the listing is read in full again.
 */
struct listing_memo {
	int64_t	 id;		/* 0: the model has none */
	char	 body_sha[65];	/* hex; "" when none is recorded */
	int64_t	 run_id;
	int64_t	 rows;		/* rows stamped with it in run_id */
	int64_t	 endpoints;	/* what the listing added to the run */
	int64_t	 warnings;
	char	*names;		/* [[key, name], ...] put in the directory */
};
int	 store_listing_get(struct store *, const char *model_key,
	     struct listing_memo *, char **cause);
/* The model's listing id, made when it has none. */
int	 store_listing_id(struct store *, const char *model_key, int64_t *id,
	     char **cause);
int	 store_listing_put(struct store *, const struct listing_memo *,
	     char **cause);
/* How many rows are stamped with the listing and were seen in run_id. */
int	 store_listing_rows(struct store *, int64_t id, int64_t run_id,
	     int64_t *n, char **cause);
/*
 * Mark the listing's rows of run from_run seen in run_id, as writing the
 * same objects again would; *n gets how many.
 */
int	 store_listing_seen(struct store *, int64_t id, int64_t from_run,
	     int64_t run_id, int64_t *n, char **cause);
void	 listing_memo_clear(struct listing_memo *);
/* Every endpoint (active only unless include_inactive), by model, provider. */
int	 store_endpoint_load(struct store *, int include_inactive,
	     struct ep_row **, size_t *, char **cause);
/*
 * The first n active endpoints by model key, provider and id (the model
 * key's index gives them without reading the table): enough for a first
 * screen while the rest loads.
 */
int	 store_endpoint_load_head(struct store *, size_t n,
	     struct ep_row **, size_t *, char **cause);
int	 store_endpoint_load_model(struct store *, const char *model_key,
	     struct ep_row **, size_t *, char **cause);
/*
 * The rows of one model, inactive ones too, that an observation from
 * another route family may belong to (see project/ep-identity.h): with all,
 * every row of the model; else only the rows the v1 route made ("v1:"
 * ids).  Active rows first, then the most recently seen.  The caller frees
 * them with ep_row_list_free().
 */
int	 store_endpoint_peers(struct store *, const char *model_key, int all,
	     struct ep_row **, size_t *, char **cause);
/*
 * Fold the row (from_id, model_key) into (to_id, model_key), in the
 * caller's transaction: its snapshots are moved to to_id (history and the
 * inspector find them there); when to_id has no row yet, the row itself is
 * renamed (keeping all its columns and first_run_id), else it is deleted
 * and to_id keeps the earlier first_run_id.
 */
int	 store_endpoint_absorb(struct store *, const char *from_id,
	     const char *to_id, const char *model_key, char **cause);
/*
 * *overlap 1 when a run has a snapshot of both rows (two endpoints seen
 * side by side, not one seen twice: absorbing would drop one's snapshot).
 */
int	 store_endpoint_overlap(struct store *, const char *from_id,
	     const char *to_id, const char *model_key, int *overlap,
	     char **cause);
int64_t	 store_endpoint_count(struct store *, int active_only);
void	 ep_row_list_free(struct ep_row *, size_t);

/*
 * Tombstone sweep after a complete run: every active endpoint the run did
 * not see becomes inactive.  *count (may be NULL) gets how many.
 */
int	 store_endpoint_tombstone(struct store *, int64_t run_id,
	     int64_t *count, char **cause);

/*
 * Retention.  Snapshot rows of runs that ended within window_hours are all
 * kept; older runs keep only the newest run of each UTC day, and runs older
 * than keep_days lose their snapshot rows altogether (their run_log rows
 * stay).  Blobs no snapshot or projection refers to are deleted.  Hourly
 * metric points older than window_hours are rolled up into daily means.
 * The runs named by `protect` (e.g. the one in progress) are never touched.
 */
struct gc_result {
	int64_t	 runs_pruned;
	int64_t	 snapshots_deleted;
	int64_t	 blobs_deleted;
	int64_t	 bytes_freed;
	int64_t	 hourly_rolled;
};
int	 store_gc(struct store *, int64_t now_ms, int window_hours,
	     int keep_days, int64_t protect, struct gc_result *, char **cause);

/* Metrics (store-metrics.c): insert or replace one point. */
int	 store_metric_put(struct store *, const char *endpoint_id,
	     const char *metric, const char *bucket, int64_t ts, double value,
	     char **cause);
int64_t	 store_metric_count(struct store *);
/* Set an endpoint's uptime column to its newest stored uptime point. */
int	 store_endpoint_refresh_uptime(struct store *, const char *endpoint_id,
	     char **cause);

#endif
