/*
 * store-gc: retention -- pruning per-run snapshot rows, deleting blobs
 * nothing refers to any more, rolling hourly metrics up to days, and
 * thinning the metrics change records to one a day (the other change
 * records are never deleted).
 *
 * Everything happens in one transaction, so an interrupted gc changes
 * nothing.
 */
#include "config.h"

#include "store/store.h"

#include <string.h>

#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Runs whose snapshot rows go: see store.h for the policy. */
static const struct store_sql gc_table_sql = { ST_GC_TABLE,
    "CREATE TEMP TABLE IF NOT EXISTS gc_prune (id INTEGER PRIMARY KEY)" };
static const struct store_sql gc_clear_sql = { ST_GC_CLEAR,
    "DELETE FROM gc_prune" };
static const struct store_sql gc_select_sql = { ST_GC_SELECT,
    "INSERT INTO gc_prune (id)"
    " SELECT r.id FROM run_log r"
    " WHERE r.id != ?1 AND r.status != 'running' AND r.started_at < ?2"
    "  AND (r.started_at < ?3 OR r.id != (SELECT MAX(d.id) FROM run_log d"
    "   WHERE d.started_at / 86400000 = r.started_at / 86400000"
    "    AND d.status != 'running'))"
    "  AND (EXISTS (SELECT 1 FROM endpoint_snap e WHERE e.run_id = r.id)"
    "   OR EXISTS (SELECT 1 FROM model_snapshot m WHERE m.run_id = r.id))" };
/*
 * Snapshot rows record changes (see store_snapshot_put), so a pruned run's
 * row may be what a later, kept run still shows: such a row moves forward
 * to the next kept run unless the key changed again by then.  Only rows
 * that a later row supersedes are deleted.
 */
#define GC_NEXT_KEPT(tbl)						\
    "(SELECT MIN(k.id) FROM run_log k WHERE k.id > " tbl ".run_id"	\
    " AND k.id NOT IN (SELECT id FROM gc_prune))"
/* Moves forward what later runs still show, then deletes; in this order. */
static const struct store_sql gc_delete_sql[] = {
	{ ST_GC_MOVE_ENDPOINT,
	"UPDATE endpoint_snap SET run_id = " GC_NEXT_KEPT("endpoint_snap")
	" WHERE run_id IN (SELECT id FROM gc_prune)"
	"  AND " GC_NEXT_KEPT("endpoint_snap") " IS NOT NULL"
	"  AND NOT EXISTS (SELECT 1 FROM endpoint_snap t"
	"   WHERE t.ep = endpoint_snap.ep"
	"    AND t.run_id > endpoint_snap.run_id"
	"    AND t.run_id <= " GC_NEXT_KEPT("endpoint_snap") ")" },
	{ ST_GC_DROP_ENDPOINT,
	"DELETE FROM endpoint_snap WHERE run_id IN (SELECT id FROM"
	" gc_prune)" },
	{ ST_GC_MOVE_MODEL,
	"UPDATE model_snapshot SET run_id = " GC_NEXT_KEPT("model_snapshot")
	" WHERE run_id IN (SELECT id FROM gc_prune)"
	"  AND " GC_NEXT_KEPT("model_snapshot") " IS NOT NULL"
	"  AND NOT EXISTS (SELECT 1 FROM model_snapshot t"
	"   WHERE t.model_key = model_snapshot.model_key"
	"    AND t.kind = model_snapshot.kind"
	"    AND t.run_id > model_snapshot.run_id"
	"    AND t.run_id <= " GC_NEXT_KEPT("model_snapshot") ")" },
	{ ST_GC_DROP_MODEL,
	"DELETE FROM model_snapshot WHERE run_id IN (SELECT id FROM"
	" gc_prune)" },
};
/*
 * A listing recognised unchanged writes no snapshot row (sync/ingest.c,
 * ingest_listing_same), trusting that its rows' newest snapshot is their
 * blob.  Where retention deleted that row (every run older than the keep
 * window), writing the listing again would add one: so it is written in
 * full next time.
 */
static const struct store_sql gc_listings_sql = { ST_GC_LISTINGS,
    "UPDATE listing SET body_sha = NULL WHERE body_sha IS NOT NULL"
    " AND id IN (SELECT e.listing FROM endpoint e"
    "  WHERE e.listing IS NOT NULL AND (SELECT s.blob_id FROM endpoint_snap s"
    "   WHERE s.ep = e.id ORDER BY s.run_id DESC LIMIT 1) IS NOT e.blob)" };
/*
 * A blob nothing refers to: no snapshot, no listing, and no split blob
 * (blob_part) that is kept.  A pass's list of references is made once, so
 * what it deletes frees the next level for the next pass: a delta its
 * base, a base its parts (a part is never split): GC_BLOBS runs until a
 * pass deletes nothing, at most GC_BLOB_PASSES times.
 */
#define GC_BLOB_PASSES	4
#define GC_UNREFERENCED							\
    " WHERE id NOT IN (SELECT blob_id FROM endpoint_snap)"		\
    "  AND hash NOT IN (SELECT hash FROM model_snapshot)"		\
    "  AND id NOT IN (SELECT blob FROM endpoint WHERE blob IS NOT NULL)"\
    "  AND id NOT IN (SELECT part_id FROM blob_part)"
/* One pass over the blobs: each deleted gives its size. */
static const struct store_sql gc_blobs_sql = { ST_GC_BLOBS,
    "DELETE FROM blob" GC_UNREFERENCED " RETURNING length(data)" };
/* Daily means of whole days of hourly points; a day point that already
 * exists (uptime-recent gives some) is kept. */
static const struct store_sql gc_rollup_sql = { ST_GC_ROLLUP,
    "INSERT OR IGNORE INTO endpoint_metric (endpoint_id, metric, bucket, ts,"
    " value) SELECT endpoint_id, metric, 'day', (ts / 86400) * 86400,"
    " AVG(value) FROM endpoint_metric WHERE bucket = 'hour' AND ts < ?1"
    " GROUP BY endpoint_id, metric, ts / 86400" };
static const struct store_sql gc_hourly_sql = { ST_GC_HOURLY,
    "DELETE FROM endpoint_metric WHERE bucket = 'hour' AND ts < ?1" };

/* Bind up to three integers, step to the end; changes or -1. */
static int64_t
gc_exec(struct store *s, const struct store_sql *sql, int nparams, int64_t a,
    int64_t b, int64_t c, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, sql, cause)) == NULL)
		return (-1);
	if (nparams >= 1)
		sqlite3_bind_int64(st, 1, a);
	if (nparams >= 2)
		sqlite3_bind_int64(st, 2, b);
	if (nparams >= 3)
		sqlite3_bind_int64(st, 3, c);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		;
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("garbage collection failed")));
	return (sqlite3_changes(s->db));
}

/* A pass of gc_blobs_sql: how many it deleted (their bytes added to
 * *bytes), or -1. */
static int64_t
gc_blobs(struct store *s, int64_t *bytes, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;
	int		 rc;

	if ((st = store_stmt(s, &gc_blobs_sql, cause)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*bytes += sqlite3_column_int64(st, 0);
		n++;
	}
	sqlite3_reset(st);
	store_txn_changed(s);	/* blobs it found may be gone */
	if (rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("garbage collection failed")));
	return (n);
}

int
store_gc(struct store *s, int64_t now_ms, int window_hours, int keep_days,
    int64_t protect, struct gc_result *res, char **cause)
{
	int64_t		 window_cutoff, keep_cutoff, day_cutoff, n;
	size_t		 i;

	memset(res, 0, sizeof *res);
	window_cutoff = now_ms - (int64_t)window_hours * 3600000;
	keep_cutoff = now_ms - (int64_t)keep_days * 86400000;
	/* Only whole UTC days before the window are rolled up. */
	day_cutoff = (window_cutoff / 1000 / 86400) * 86400;

	if (gc_exec(s, &gc_table_sql, 0, 0, 0, 0, cause) < 0 ||
	    gc_exec(s, &gc_clear_sql, 0, 0, 0, 0, cause) < 0)
		return (-1);
	if (store_begin(s, cause) != 0)
		return (-1);
	if ((n = gc_exec(s, &gc_select_sql, 3, protect, window_cutoff,
	    keep_cutoff, cause)) < 0)
		goto fail;
	res->runs_pruned = n;
	for (i = 0; i < sizeof gc_delete_sql / sizeof gc_delete_sql[0]; i++) {
		if ((n = gc_exec(s, &gc_delete_sql[i], 0, 0, 0, 0, cause)) < 0)
			goto fail;
		if (strncmp(gc_delete_sql[i].text, "DELETE", 6) == 0)
			res->snapshots_deleted += n;
	}
	if (res->snapshots_deleted > 0 &&
	    gc_exec(s, &gc_listings_sql, 0, 0, 0, 0, cause) < 0)
		goto fail;
	for (i = 0, n = 1; i < GC_BLOB_PASSES && n > 0; i++) {
		if ((n = gc_blobs(s, &res->bytes_freed, cause)) < 0)
			goto fail;
		res->blobs_deleted += n;
	}
	if (gc_exec(s, &gc_rollup_sql, 1, day_cutoff, 0, 0, cause) < 0)
		goto fail;
	if ((n = gc_exec(s, &gc_hourly_sql, 1, day_cutoff, 0, 0, cause)) < 0)
		goto fail;
	res->hourly_rolled = n;
	if (store_changelog_thin(s, day_cutoff * 1000, &n, cause) != 0)
		goto fail;
	return (store_commit(s, cause));
fail:
	store_rollback(s);
	return (-1);
}
