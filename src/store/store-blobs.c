/*
 * store-blobs: the content-addressed blobs and the compression dictionaries
 * they may be made with.
 *
 * A blob is stored as codec/zblob.h made it; the store neither inflates nor
 * reads it.  The dictionaries are registered with zblob when the database
 * is opened, so that every blob of the file can be inflated.
 */
#include "config.h"

#include "store/store.h"

#include "codec/zblob.h"
#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct store_sql zdict_load_sql = { ST_ZDICT_LOAD,
    "SELECT data FROM zdict ORDER BY created_run, id" };
static const struct store_sql zdict_put_sql = { ST_ZDICT_PUT,
    "INSERT OR IGNORE INTO zdict (id, created_run, data)"
    " VALUES (?1, ?2, ?3)" };
static const struct store_sql blob_exists_sql = { ST_BLOB_EXISTS,
    "SELECT 1 FROM blob WHERE hash = ?1" };
static const struct store_sql blob_put_sql = { ST_BLOB_PUT,
    "INSERT OR IGNORE INTO blob (hash, codec, raw_len, data)"
    " VALUES (?1, ?2, ?3, ?4)" };
static const struct store_sql blob_get_sql = { ST_BLOB_GET,
    "SELECT codec, raw_len, data FROM blob WHERE hash = ?1" };
static const struct store_sql blob_count_sql = { ST_BLOB_COUNT,
    "SELECT COUNT(*) FROM blob" };
/* The hash index alone is read: it is a quarter of the table. */
static const struct store_sql blob_hashes_sql = { ST_BLOB_HASHES,
    "SELECT hash FROM blob" };

/* Register the database's compression dictionaries; the newest is used. */
int
store_zdict_load(struct store *s, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, &zdict_load_sql, cause)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->zdict = zblob_dict_add(sqlite3_column_blob(st, 0),
		    (size_t)sqlite3_column_bytes(st, 0));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return (store_fail(s, cause, _("cannot read the database")));
	return (0);
}

uint32_t
store_zdict(const struct store *s)
{
	return (s->zdict);
}

/*
 * Store a dictionary (inside the caller's transaction) and return its id;
 * store_zdict_use() makes it the one new blobs use, once that transaction
 * has committed.
 */
int
store_zdict_put(struct store *s, int64_t run_id, const void *data,
    size_t len, uint32_t *id, char **cause)
{
	sqlite3_stmt	*st;

	if (len > ZBLOB_DICT_MAX)
		len = ZBLOB_DICT_MAX;
	*id = zblob_dict_add(data, len);
	if ((st = store_stmt(s, &zdict_put_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)*id);
	sqlite3_bind_int64(st, 2, run_id);
	sqlite3_bind_blob(st, 3, data, (int)len, SQLITE_STATIC);
	return (store_step_done(s, st, cause,
	    _("cannot store a compression dictionary")));
}

void
store_zdict_use(struct store *s, uint32_t id)
{
	s->zdict = id;
}


int
store_blob_exists(struct store *s, const char *hash, int *exists,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, &blob_exists_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, _("cannot read blobs")));
	*exists = rc == SQLITE_ROW;
	return (0);
}

int
store_blob_put(struct store *s, const char *hash, const char *codec,
    size_t raw_len, const void *data, size_t len, int *added, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &blob_put_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, codec, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (int64_t)raw_len);
	sqlite3_bind_blob64(st, 4, data, len, SQLITE_STATIC);
	if (store_step_done(s, st, cause, _("cannot store a blob")) != 0)
		return (-1);
	if (added != NULL)
		*added = sqlite3_changes(s->db) > 0;
	return (0);
}

int
store_blob_get(struct store *s, const char *hash, char codec[16],
    int64_t *raw_len, struct buf *data, int *found, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*found = 0;
	if ((st = store_stmt(s, &blob_get_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_column_copy(st, 0, codec, 16);
		*raw_len = sqlite3_column_int64(st, 1);
		buf_reset(data);
		buf_add(data, sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2));
		*found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, _("cannot read a blob")));
	return (0);
}

int64_t
store_blob_count(struct store *s)
{
	return (store_count(s, &blob_count_sql));
}

int
store_blob_hashes(struct store *s, void (*fn)(void *, const char *),
    void *arg, char **cause)
{
	sqlite3_stmt	*st;
	const char	*hash;
	int		 rc;

	if ((st = store_stmt(s, &blob_hashes_sql, cause)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((hash = (const char *)sqlite3_column_text(st, 0)) != NULL)
			fn(arg, hash);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return (store_fail(s, cause, _("cannot read blobs")));
	return (0);
}

int
store_blob_text(struct store *s, const char *hash, struct buf *raw,
    char **cause)
{
	struct buf	 gz = BUF_INIT;
	char		 codec[16];
	int64_t		 raw_len;
	int		 found, rc = -1;

	if (store_blob_get(s, hash, codec, &raw_len, &gz, &found, cause) != 0)
		goto out;
	if (!found) {
		if (cause != NULL)
			*cause = xasprintf(_("snapshot %.12s is missing"),
			    hash);
		goto out;
	}
	if (!zblob_codec_known(codec)) {
		if (cause != NULL)
			*cause = xasprintf(_("snapshot %.12s: unknown codec "
			    "%s"), hash, codec);
		goto out;
	}
	rc = zblob_verify(gz.data, gz.len, hash, ZBLOB_CAP, raw, cause);
out:
	buf_free(&gz);
	return (rc);
}
