/*
 * store-snapshots: which blob each model document and endpoint listing had
 * in each run.
 *
 * Snapshot rows record changes: a run that sees the hash a key already had
 * adds no row (and drops a row it added earlier in the same run, e.g. for a
 * catalogue's featured endpoint), so an unchanged sync costs no space.  "As
 * of run N" is the newest row at or before N.  A row's hash is its blob's
 * (32 bytes since version 14), which must be stored: the row is written
 * only from the blob's own.  An endpoint's rows name the endpoint's
 * projection row and the blob by their ids (version 16), so that row must
 * be written first.
 */
#include "config.h"

#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * The statements of both tables, by kind: a model's rows are keyed by
 * (model key, kind), an endpoint's by (endpoint id, model key).
 */
struct snap_table {
	struct store_sql	 put, prev, drop, find;
};

static const struct snap_table snap_models = {
	{ ST_MSNAP_PUT,
	    "INSERT OR REPLACE INTO model_snapshot (run_id, model_key, kind,"
	    " hash) SELECT ?1, ?2, ?3, hash FROM blob"
	    " WHERE " BLOB_HASH_IS("hash", "?4") },
	{ ST_MSNAP_PREV,
	    "SELECT hash, 0 FROM model_snapshot WHERE model_key = ?2"
	    " AND kind = ?3 AND run_id < ?1 ORDER BY run_id DESC LIMIT 1" },
	{ ST_MSNAP_DROP,
	    "DELETE FROM model_snapshot WHERE run_id = ?1 AND model_key = ?2"
	    " AND kind = ?3" },
	{ ST_MSNAP_FIND,
	    "SELECT s.run_id, s.model_key, s.kind, s.hash"
	    " FROM model_snapshot s"
	    " WHERE s.model_key = ?1 AND (?2 IS NULL OR s.kind = ?2)"
	    "  AND s.run_id = (SELECT MAX(t.run_id) FROM model_snapshot t"
	    "   WHERE t.model_key = s.model_key AND t.kind = s.kind"
	    "    AND (?3 = 0 OR t.run_id <= ?3))"
	    " ORDER BY s.run_id DESC, s.kind" },
};

/*
 * Endpoint rows are written to endpoint_snap by the ids of the endpoint's
 * projection row (which the caller writes first) and of the blob, and
 * read through the view endpoint_snapshot (data/schema.sql).
 */
#define ESNAP_EP	"(SELECT id FROM endpoint"			\
	" WHERE " EP_KEY_IS("", "?3", "?2") ")"
static const struct snap_table snap_endpoints = {
	{ ST_ESNAP_PUT,
	    "INSERT OR REPLACE INTO endpoint_snap (ep, run_id, blob_id)"
	    " SELECT e.id, ?1, b.id FROM endpoint e, blob b"
	    " WHERE " EP_KEY_IS("e.", "?3", "?2")
	    "  AND " BLOB_HASH_IS("b.hash", "?4") },
	{ ST_ESNAP_PREV,
	    "SELECT b.hash, b.id FROM endpoint_snap s"
	    " JOIN blob b ON b.id = s.blob_id"
	    " WHERE s.ep = " ESNAP_EP " AND s.run_id < ?1"
	    " ORDER BY s.run_id DESC LIMIT 1" },
	{ ST_ESNAP_DROP,
	    "DELETE FROM endpoint_snap WHERE ep = " ESNAP_EP
	    " AND run_id = ?1" },
	{ ST_ESNAP_FIND,
	    "SELECT s.run_id, s.endpoint_id, s.model_key, s.hash"
	    " FROM endpoint_snapshot s"
	    " WHERE " EP_ID_IS("s.endpoint_id", "?1")
	    "  AND (?2 IS NULL OR s.model_key = ?2)"
	    "  AND s.run_id = (SELECT MAX(t.run_id) FROM endpoint_snapshot t"
	    "   WHERE " EP_KEY_IS("t.", "s.model_key", "s.endpoint_id")
	    "    AND (?3 = 0 OR t.run_id <= ?3))"
	    " ORDER BY s.run_id DESC, s.model_key" },
};
/*
 * The rows of a writer that knows both ids (store_endpoint_put()).  An
 * upsert, not OR REPLACE: a REPLACE may delete, which makes SQLite check
 * the foreign key with a statement journal (a first sync's 49,196 rows:
 * 205 ms of SQL, 73 ms as an upsert).
 */
static const struct store_sql esnap_put_ids_sql = { ST_ESNAP_PUT_IDS,
    "INSERT INTO endpoint_snap (ep, run_id, blob_id) VALUES (?2, ?1, ?3)"
    " ON CONFLICT (ep, run_id) DO UPDATE SET blob_id = excluded.blob_id" };
static const struct store_sql esnap_drop_ids_sql = { ST_ESNAP_DROP_IDS,
    "DELETE FROM endpoint_snap WHERE ep = ?2 AND run_id = ?1" };

static int
store_snapshot_same(struct store *s, const struct snap_table *t,
    int64_t run_id, const char *a, const char *b, const char *hash,
    int *same, char *last, int64_t *last_blob, char **cause)
{
	sqlite3_stmt	*st;
	char		 prev[65];
	int		 rc;

	prev[0] = '\0';

	if ((st = store_stmt(s, &t->prev, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		store_column_hash(st, 0, prev);
	*same = rc == SQLITE_ROW && strcmp(prev, hash) == 0;
	if (last != NULL)
		memcpy(last, prev, sizeof prev);
	if (last_blob != NULL)
		*last_blob = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot store a snapshot")));
	return (0);
}

/* A changed hash (same 0) is written; an unchanged one drops the row. */
static int
store_snapshot_write(struct store *s, const struct snap_table *t,
    int64_t run_id, const char *a, const char *b, const char *hash, int same,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, same ? &t->drop : &t->put, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
	if (!same)
		store_bind_hash(st, 4, hash);
	if (store_step_done(s, st, cause, N_("cannot store a snapshot")) != 0)
		return (-1);
	/*
	 * A row names a stored blob (what a foreign key did before 14) and,
	 * for an endpoint, its projection row.
	 */
	if (!same && sqlite3_changes(s->db) == 0) {
		if (cause != NULL && t == &snap_endpoints)
			*cause = xasprintf(_("cannot store a snapshot: blob "
			    "%.12s or endpoint %s of %s is not stored"), hash,
			    a, b);
		else if (cause != NULL)
			*cause = xasprintf(_("cannot store a snapshot: blob "
			    "%.12s is not stored"), hash);
		return (-1);
	}
	return (0);
}

static int
store_snapshot_put(struct store *s, const struct snap_table *t,
    int64_t run_id, const char *a, const char *b, const char *hash,
    char **cause)
{
	int	same;

	if (store_snapshot_same(s, t, run_id, a, b, hash, &same, NULL, NULL,
	    cause) != 0)
		return (-1);
	return (store_snapshot_write(s, t, run_id, a, b, hash, same, cause));
}

int
store_model_snapshot_put(struct store *s, int64_t run_id,
    const char *model_key, const char *kind, const char *hash, char **cause)
{
	return (store_snapshot_put(s, &snap_models, run_id, model_key, kind,
	    hash, cause));
}

int
store_endpoint_snapshot_same(struct store *s, int64_t run_id,
    const char *endpoint_id, const char *model_key, const char *hash,
    int *same, char prev[65], int64_t *prev_blob, char **cause)
{
	return (store_snapshot_same(s, &snap_endpoints, run_id, endpoint_id,
	    model_key, hash, same, prev, prev_blob, cause));
}

int
store_endpoint_snapshot_write(struct store *s, int64_t run_id, int64_t ep,
    int64_t blob_id, int same, char **cause)
{
	sqlite3_stmt	*st;

	/* A row names a stored blob and a projection row (as above). */
	if (ep <= 0 || (!same && blob_id <= 0)) {
		if (cause != NULL)
			*cause = xasprintf(_("cannot store a snapshot: "
			    "endpoint row %lld or blob %lld is not stored"),
			    (long long)ep, (long long)blob_id);
		return (-1);
	}
	if ((st = store_stmt(s, same ? &esnap_drop_ids_sql :
	    &esnap_put_ids_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_int64(st, 2, ep);
	if (!same)
		sqlite3_bind_int64(st, 3, blob_id);
	return (store_step_done(s, st, cause,
	    N_("cannot store a snapshot")));
}

int
store_endpoint_snapshot_put(struct store *s, int64_t run_id,
    const char *endpoint_id, const char *model_key, const char *hash,
    char **cause)
{
	return (store_snapshot_put(s, &snap_endpoints, run_id, endpoint_id,
	    model_key, hash, cause));
}

/*
 * Both find statements return (run_id, key, second, hash); for endpoints the
 * second column is the model key, for models the kind.
 */
static void
store_snap_read(sqlite3_stmt *st, struct snap_ref *r, int endpoint)
{
	memset(r, 0, sizeof *r);
	r->run_id = sqlite3_column_int64(st, 0);
	r->key = store_column_strdup(st, 1);
	if (endpoint) {
		r->model_key = store_column_strdup(st, 2);
		r->kind = xstrdup("endpoint");
	} else {
		r->model_key = xstrdup(r->key);
		r->kind = store_column_strdup(st, 2);
	}
	store_column_hash(st, 3, r->hash);
}

static void
store_esnap_read_cb(sqlite3_stmt *st, void *r)
{
	store_snap_read(st, r, 1);
}

static void
store_msnap_read_cb(sqlite3_stmt *st, void *r)
{
	store_snap_read(st, r, 0);
}

static void
store_snap_free_cb(void *list, size_t n)
{
	snap_ref_list_free(list, n);
}

static int
store_snapshot_find(struct store *s, const struct snap_table *t,
    const char *key, const char *second, int64_t max_run,
    struct snap_ref **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, &t->find, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	store_bind_text(st, 2, second);
	sqlite3_bind_int64(st, 3, max_run);
	return (store_collect(s, st, (void **)list, n, sizeof **list,
	    t == &snap_endpoints ? store_esnap_read_cb : store_msnap_read_cb,
	    store_snap_free_cb, N_("cannot read snapshots"), cause));
}

int
store_endpoint_snapshot_find(struct store *s, const char *endpoint_id,
    const char *model_key, int64_t max_run, struct snap_ref **list,
    size_t *n, char **cause)
{
	return (store_snapshot_find(s, &snap_endpoints, endpoint_id,
	    model_key, max_run, list, n, cause));
}

int
store_model_snapshot_find(struct store *s, const char *model_key,
    const char *kind, int64_t max_run, struct snap_ref **list, size_t *n,
    char **cause)
{
	return (store_snapshot_find(s, &snap_models, model_key, kind,
	    max_run, list, n, cause));
}

static void
store_snap_clear(void *p)
{
	struct snap_ref	*r = p;

	free(r->key);
	free(r->model_key);
	free(r->kind);
}

void
snap_ref_list_free(struct snap_ref *list, size_t n)
{
	store_list_free(list, n, sizeof *list, store_snap_clear);
}
