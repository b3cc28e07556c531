/*
 * store-listings: the listing table -- what the store knows of a model's
 * endpoint listing as it last wrote it (the SHA-256 of its body, its run,
 * its rows), for the unchanged-listing shortcut (sync/ingest-listing.c).
 * Bringing a listing's rows back is the projection's
 * (store_listing_seen(), store-endpoints.c).  See store.h.
 */
#include "config.h"

#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-private.h"
#include "util/i18n.h"

static const struct store_sql listing_get_sql = { ST_LISTING_GET,
    "SELECT id, body_sha, run_id, rows_n, endpoints, warnings, names"
    " FROM listing WHERE model_key = ?1" };
static const struct store_sql listing_new_sql = { ST_LISTING_NEW,
    "INSERT INTO listing (model_key) VALUES (?1)" };
static const struct store_sql listing_put_sql = { ST_LISTING_PUT,
    "UPDATE listing SET body_sha = ?2, run_id = ?3, rows_n = ?4,"
    " endpoints = ?5, warnings = ?6, names = ?7 WHERE id = ?1" };
static const struct store_sql listing_rows_sql = { ST_LISTING_ROWS,
    "SELECT COUNT(*) FROM endpoint WHERE listing = ?1"
    " AND last_run_id = ?2" };

int
store_listing_get(struct store *s, const char *model_key,
    struct listing_memo *m, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(m, 0, sizeof *m);
	if ((st = store_stmt(s, &listing_get_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, model_key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m->id = sqlite3_column_int64(st, 0);
		store_column_copy(st, 1, m->body_sha, sizeof m->body_sha);
		m->run_id = sqlite3_column_int64(st, 2);
		m->rows = sqlite3_column_int64(st, 3);
		m->endpoints = sqlite3_column_int64(st, 4);
		m->warnings = sqlite3_column_int64(st, 5);
		m->names = store_column_strdup(st, 6);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read listings")));
	return (0);
}

int
store_listing_id(struct store *s, const char *model_key, int64_t *id,
    char **cause)
{
	struct listing_memo	 m;
	sqlite3_stmt		*st;

	if (store_listing_get(s, model_key, &m, cause) != 0)
		return (-1);
	listing_memo_clear(&m);
	if ((*id = m.id) != 0)
		return (0);
	if ((st = store_stmt(s, &listing_new_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, model_key, -1, SQLITE_STATIC);
	if (store_step_done(s, st, cause, N_("cannot store a listing")) != 0)
		return (-1);
	*id = sqlite3_last_insert_rowid(s->db);
	return (0);
}

int
store_listing_put(struct store *s, const struct listing_memo *m,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &listing_put_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, m->id);
	store_bind_text(st, 2, m->body_sha[0] != '\0' ? m->body_sha : NULL);
	sqlite3_bind_int64(st, 3, m->run_id);
	sqlite3_bind_int64(st, 4, m->rows);
	sqlite3_bind_int64(st, 5, m->endpoints);
	sqlite3_bind_int64(st, 6, m->warnings);
	store_bind_text(st, 7, m->names);
	return (store_step_done(s, st, cause, N_("cannot store a listing")));
}

int
store_listing_rows(struct store *s, int64_t id, int64_t run_id, int64_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &listing_rows_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, run_id);
	return (store_step_int(s, st, n, cause, N_("cannot read listings")));
}

void
listing_memo_clear(struct listing_memo *m)
{
	free(m->names);
	m->names = NULL;
}
