/*
 * store-changes: what one run changed, read from the projection and the
 * snapshots (see store-changes.h for what each answer means).  The prices
 * of a snapshot are read by project/snap-prices.h from the blob's text: the
 * store fetches and inflates it, and does not guess its shape.
 */
#include "config.h"

#include "store/store-changes.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "codec/zblob.h"
#include "store/store-private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The columns struct run_endpoint is read from, in order. */
#define CHANGES_EP_COLUMNS \
    "e.endpoint_id, e.model_key, CASE WHEN typeof(e.model_name) = 'blob'" \
    " THEN (SELECT m.listed_name FROM model m" \
    "  WHERE m.model_key = e.model_key)" \
    " ELSE e.model_name END," \
    " COALESCE(e.provider_name, e.provider_slug), e.price_prompt," \
    " e.price_completion, e.first_run_id, e.last_run_id, e.active"
#define CHANGES_EP_ORDER \
    " ORDER BY e.model_key, COALESCE(e.provider_name, e.provider_slug)," \
    " e.endpoint_id"

static const struct store_sql changes_added_sql = { ST_CHANGES_ADDED,
    "SELECT " CHANGES_EP_COLUMNS " FROM endpoint e WHERE e.first_run_id = ?1"
    CHANGES_EP_ORDER };

/*
 * ?1 is the run; ?2 the source and ?3 the status of a run that sweeps.  The
 * listing was last seen before the run, the run swept, and no sweeping run
 * came between: the run is the first sweep after the listing was last seen.
 */
static const struct store_sql changes_tombstoned_sql = {
    ST_CHANGES_TOMBSTONED,
    "SELECT " CHANGES_EP_COLUMNS " FROM endpoint e"
    " WHERE e.active = 0 AND e.last_run_id < ?1"
    "  AND EXISTS (SELECT 1 FROM run_log r WHERE r.id = ?1"
    "   AND r.source = ?2 AND r.status = ?3)"
    "  AND NOT EXISTS (SELECT 1 FROM run_log q WHERE q.source = ?2"
    "   AND q.status = ?3 AND q.id > e.last_run_id AND q.id < ?1)"
    CHANGES_EP_ORDER };

/*
 * The previous snapshot of each listing the run has a snapshot of, by the
 * ids the snapshots keep (data/schema.sql, endpoint_snap).
 */
static const struct store_sql changes_pairs_sql = { ST_CHANGES_PAIRS,
    "SELECT e.endpoint_id, e.model_key,"
    " COALESCE(e.provider_name, e.provider_slug), p.run_id, pb.hash,"
    " sb.hash"
    " FROM endpoint_snap s JOIN endpoint e ON e.id = s.ep"
    " JOIN endpoint_snap p ON p.ep = s.ep"
    "  AND p.run_id = (SELECT MAX(t.run_id) FROM endpoint_snap t"
    "   WHERE t.ep = s.ep AND t.run_id < ?1)"
    " JOIN blob sb ON sb.id = s.blob_id JOIN blob pb ON pb.id = p.blob_id"
    " WHERE s.run_id = ?1 AND p.blob_id != s.blob_id"
    " ORDER BY e.model_key, COALESCE(e.provider_name, e.provider_slug),"
    "  e.endpoint_id" };

static void
changes_endpoint_read(sqlite3_stmt *st, void *p)
{
	struct run_endpoint	*e = p;

	memset(e, 0, sizeof *e);
	e->endpoint_id = store_column_strdup(st, 0);
	e->model_key = store_column_strdup(st, 1);
	e->model_name = store_column_strdup(st, 2);
	e->provider = store_column_strdup(st, 3);
	e->price_prompt = store_column_real(st, 4);
	e->price_completion = store_column_real(st, 5);
	e->first_run_id = sqlite3_column_int64(st, 6);
	e->last_run_id = sqlite3_column_int64(st, 7);
	e->active = sqlite3_column_int(st, 8);
}

static void
changes_endpoint_clear(void *p)
{
	struct run_endpoint	*e = p;

	free(e->endpoint_id);
	free(e->model_key);
	free(e->model_name);
	free(e->provider);
}

void
run_endpoint_list_free(struct run_endpoint *list, size_t n)
{
	store_list_free(list, n, sizeof *list, changes_endpoint_clear);
}

static void
changes_endpoint_free_cb(void *list, size_t n)
{
	run_endpoint_list_free(list, n);
}

/* Bind the run (and the sweep's source and status), collect. */
static int
changes_endpoints(struct store *s, const struct store_sql *sql, int sweep,
    int64_t run_id, struct run_endpoint **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	if (sweep) {
		store_bind_text(st, 2, "sync");
		store_bind_text(st, 3, "ok");
	}
	return (store_collect(s, st, (void **)list, n, sizeof **list,
	    changes_endpoint_read, changes_endpoint_free_cb,
	    N_("cannot read the endpoints"), cause));
}

int
store_changes_added(struct store *s, int64_t run_id,
    struct run_endpoint **list, size_t *n, char **cause)
{
	return (changes_endpoints(s, &changes_added_sql, 0, run_id, list, n,
	    cause));
}

int
store_changes_tombstoned(struct store *s, int64_t run_id,
    struct run_endpoint **list, size_t *n, char **cause)
{
	return (changes_endpoints(s, &changes_tombstoned_sql, 1, run_id, list,
	    n, cause));
}

static void
changes_pair_read(sqlite3_stmt *st, void *p)
{
	struct run_snap_pair	*pair = p;

	memset(pair, 0, sizeof *pair);
	pair->endpoint_id = store_column_strdup(st, 0);
	pair->model_key = store_column_strdup(st, 1);
	pair->provider = store_column_strdup(st, 2);
	pair->old_run = sqlite3_column_int64(st, 3);
	store_column_hash(st, 4, pair->old_hash);
	store_column_hash(st, 5, pair->new_hash);
}

static void
changes_pair_clear(void *p)
{
	struct run_snap_pair	*pair = p;

	free(pair->endpoint_id);
	free(pair->model_key);
	free(pair->provider);
}

void
run_snap_pair_list_free(struct run_snap_pair *list, size_t n)
{
	store_list_free(list, n, sizeof *list, changes_pair_clear);
}

static void
changes_pair_free_cb(void *list, size_t n)
{
	run_snap_pair_list_free(list, n);
}

int
store_changes_snap_pairs(struct store *s, int64_t run_id,
    struct run_snap_pair **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, &changes_pairs_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	return (store_collect(s, st, (void **)list, n, sizeof **list,
	    changes_pair_read, changes_pair_free_cb,
	    N_("cannot read the snapshots"), cause));
}

int
store_changes_snapshot_prices(struct store *s, const char *hash,
    const char *model_key, struct snap_prices *prices, char **cause)
{
	struct buf	 raw = BUF_INIT;
	int		 rc = -1;

	prices->prompt = prices->completion = prices->cache_read = NAN;
	if (store_blob_text(s, hash, &raw, cause) != 0)
		goto out;
	rc = snap_prices_read(raw.data, raw.len, hash, model_key, prices,
	    cause);
out:
	buf_free(&raw);
	return (rc);
}

int
store_changes_price_diff(struct store *s, const struct run_snap_pair *pair,
    struct snap_prices *before, struct snap_prices *after, int *changed,
    char **cause)
{
	*changed = 0;
	if (store_changes_snapshot_prices(s, pair->old_hash, pair->model_key,
	    before, cause) != 0)
		return (-1);
	if (store_changes_snapshot_prices(s, pair->new_hash, pair->model_key,
	    after, cause) != 0)
		return (-1);
	*changed = snap_prices_differ(before, after);
	return (0);
}
