/*
 * store-blobs: the content-addressed blobs and the compression dictionaries
 * they may be made with.
 *
 * A blob is stored as codec/zblob.h made it.  A split blob (schema 14,
 * ZBLOB_CODEC_SPLIT) is an object whose big member objects are blobs of
 * their own, its parts, listed in blob_part; store_blob_text() puts them
 * back (codec/canon.h) and checks the whole against the hash, so a reader
 * gets the same bytes from a blob written whole before version 14 and
 * from one written split since.  Hashes are kept as their 32 bytes and
 * spoken as hex (store_bind_hash, store_column_hash).  The dictionaries
 * are registered with zblob when the database is opened, so that every
 * blob of the file can be inflated.
 */
#include "config.h"

#include "store/store.h"

#include <stdlib.h>
#include <string.h>

#include "codec/canon.h"
#include "codec/hash.h"
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
    "SELECT 1 FROM blob WHERE " BLOB_HASH_IS("hash", "?1") };
/*
 * No unique index: store_blob_put() looks the hash up first.  One row of
 * VALUES, not INSERT ... SELECT: SQLite gives every statement that may
 * write several rows a statement journal of its own.
 */
static const struct store_sql blob_put_sql = { ST_BLOB_PUT,
    "INSERT INTO blob (hash, codec, raw_len, data) VALUES (?1, ?2, ?3, ?4)" };
static const struct store_sql blob_get_sql = { ST_BLOB_GET,
    "SELECT codec, raw_len, data, id FROM blob"
    " WHERE " BLOB_HASH_IS("hash", "?1") };
static const struct store_sql blob_count_sql = { ST_BLOB_COUNT,
    "SELECT COUNT(*) FROM blob" };
/*
 * The index blob_hash holds the expression; the ORDER BY makes SQLite
 * walk it (a megabyte after a first sync) and not the table (17).
 */
static const struct store_sql blob_prefixes_sql = { ST_BLOB_HASHES,
    "SELECT substr(hash, 1, 8) FROM blob ORDER BY substr(hash, 1, 8)" };
static const struct store_sql blob_get_id_sql = { ST_BLOB_GET_ID,
    "SELECT codec, data FROM blob WHERE id = ?1" };
static const struct store_sql blob_parts_sql = { ST_BLOB_PARTS,
    "SELECT part_id FROM blob_part WHERE blob_id = ?1 AND n >= 0"
    " ORDER BY n" };
static const struct store_sql blob_id_sql = { ST_BLOB_ID,
    "SELECT id FROM blob WHERE " BLOB_HASH_IS("hash", "?1") };
/* A delta's base is its blob_part row -1. */
static const struct store_sql blob_base_sql = { ST_BLOB_BASE,
    "SELECT part_id FROM blob_part WHERE blob_id = ?1 AND n = -1" };
static const struct store_sql blob_base_put_sql = { ST_BLOB_BASE_PUT,
    "INSERT INTO blob_part (blob_id, n, part_id) VALUES (?1, -1, ?2)" };
/* The part's id looked up first: one row of VALUES (see blob_put_sql). */
static const struct store_sql blob_part_put_sql = { ST_BLOB_PART_PUT,
    "INSERT INTO blob_part (blob_id, n, part_id) VALUES (?1, ?2, ?3)" };
static const struct store_sql blob_plain_ids_sql = { ST_BLOB_PLAIN_IDS,
    "SELECT id FROM blob WHERE codec IN ('" ZBLOB_CODEC "', '"
    ZBLOB_CODEC_SPLIT "') ORDER BY id" };
static const struct store_sql blob_recode_sql = { ST_BLOB_RECODE,
    "UPDATE blob SET codec = '" ZBLOB_CODEC_DICT "', data = ?2"
    " WHERE id = ?1 AND codec = '" ZBLOB_CODEC "'" };
static const struct store_sql blob_recode_split_sql = { ST_BLOB_RECODE_SPLIT,
    "UPDATE blob SET data = ?2 WHERE id = ?1"
    " AND codec = '" ZBLOB_CODEC_SPLIT "'" };

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
		return (store_fail(s, cause, N_("cannot read the database")));
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
	    N_("cannot store a compression dictionary")));
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
	store_bind_hash(st, 1, hash);
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read blobs")));
	*exists = rc == SQLITE_ROW;
	return (0);
}

int
store_blob_put(struct store *s, const char *hash, const char *codec,
    size_t raw_len, const void *data, size_t len, int *added, char **cause)
{
	int	exists;

	/* A hash stored is not stored again. */
	if (store_blob_exists(s, hash, &exists, cause) != 0)
		return (-1);
	if (exists) {
		if (added != NULL)
			*added = 0;
		return (0);
	}
	if (store_blob_add(s, hash, codec, raw_len, data, len, NULL,
	    cause) != 0)
		return (-1);
	if (added != NULL)
		*added = 1;
	return (0);
}

/*
 * The slot of store_blob_seen for hash (NULL: not a hash, or no write
 * transaction is open, when what the file holds may change), its bytes
 * in bin.
 */
static struct store_blob_seen *
store_blob_slot(struct store *s, const char *hash,
    unsigned char bin[STORE_HASH_BYTES])
{
	if (sqlite3_get_autocommit(s->db) || store_hash_bin(hash, bin) != 0)
		return (NULL);
	return (&s->blob_seen[((unsigned)bin[0] << 8 | bin[1]) %
	    STORE_BLOB_SEEN]);
}

static void
store_blob_note(struct store *s, const char *hash, int64_t id)
{
	struct store_blob_seen	*e;
	unsigned char		 bin[STORE_HASH_BYTES];

	if (id <= 0 || (e = store_blob_slot(s, hash, bin)) == NULL)
		return;
	memcpy(e->hash, bin, sizeof e->hash);
	e->id = id;
	e->txn = s->txn;
}

int
store_blob_add(struct store *s, const char *hash, const char *codec,
    size_t raw_len, const void *data, size_t len, int64_t *id, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &blob_put_sql, cause)) == NULL)
		return (-1);
	store_bind_hash(st, 1, hash);
	sqlite3_bind_text(st, 2, codec, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (int64_t)raw_len);
	sqlite3_bind_blob64(st, 4, data, len, SQLITE_STATIC);
	if (store_step_done(s, st, cause, N_("cannot store a blob")) != 0)
		return (-1);
	if (id != NULL)
		*id = sqlite3_last_insert_rowid(s->db);
	store_blob_note(s, hash, sqlite3_last_insert_rowid(s->db));
	return (0);
}

/* A blob's row by hash; its id in *id (may be NULL). */
static int
store_blob_row(struct store *s, const char *hash, char codec[16],
    int64_t *raw_len, struct buf *data, int64_t *id, int *found,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*found = 0;
	if ((st = store_stmt(s, &blob_get_sql, cause)) == NULL)
		return (-1);
	store_bind_hash(st, 1, hash);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_column_copy(st, 0, codec, 16);
		*raw_len = sqlite3_column_int64(st, 1);
		buf_reset(data);
		buf_add(data, sqlite3_column_blob(st, 2),
		    (size_t)sqlite3_column_bytes(st, 2));
		if (id != NULL)
			*id = sqlite3_column_int64(st, 3);
		*found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read a blob")));
	return (0);
}

int
store_blob_get(struct store *s, const char *hash, char codec[16],
    int64_t *raw_len, struct buf *data, int *found, char **cause)
{
	return (store_blob_row(s, hash, codec, raw_len, data, NULL, found,
	    cause));
}

int64_t
store_blob_count(struct store *s)
{
	return (store_count(s, &blob_count_sql));
}

int
store_blob_prefixes(struct store *s, void (*fn)(void *, const char *),
    void *arg, char **cause)
{
	static const char	 digits[] = "0123456789abcdef";
	sqlite3_stmt		*st;
	const unsigned char	*p;
	char			 hex[17];
	int			 rc, n, i;

	if ((st = store_stmt(s, &blob_prefixes_sql, cause)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* A hash kept as text (a test's odd name) is read as text. */
		if (sqlite3_column_type(st, 0) != SQLITE_BLOB) {
			store_column_copy(st, 0, hex, sizeof hex);
			fn(arg, hex);
			continue;
		}
		p = sqlite3_column_blob(st, 0);
		n = sqlite3_column_bytes(st, 0);
		for (i = 0; i < n && i < 8; i++) {
			hex[2 * i] = digits[p[i] >> 4];
			hex[2 * i + 1] = digits[p[i] & 0xf];
		}
		hex[2 * i] = '\0';
		fn(arg, hex);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read blobs")));
	return (0);
}

static int store_blob_part_ids(struct store *, int64_t, int64_t *, size_t,
    size_t *, char **);

/*
 * Whether parts (n hashes) are, in order, the parts of split blob base:
 * 1, 0, or -1.  A delta whose parts are its base's (the model and the
 * provider seldom change with an endpoint's prices) keeps none of its
 * own, and is read with its base's.
 */
int
store_blob_id(struct store *s, const char *hash, int64_t *id, char **cause)
{
	sqlite3_stmt		*st;
	struct store_blob_seen	*e;
	unsigned char		 bin[STORE_HASH_BYTES];

	if ((e = store_blob_slot(s, hash, bin)) != NULL && e->txn == s->txn &&
	    memcmp(e->hash, bin, sizeof bin) == 0) {
		*id = e->id;
		return (0);
	}
	if ((st = store_stmt(s, &blob_id_sql, cause)) == NULL)
		return (-1);
	store_bind_hash(st, 1, hash);
	if (store_step_int(s, st, id, cause, N_("cannot read blobs")) != 0)
		return (-1);
	store_blob_note(s, hash, *id);
	return (0);
}

static int
store_blob_same_parts(struct store *s, int64_t base, const int64_t *parts,
    size_t n, char **cause)
{
	int64_t		 ids[ZBLOB_PARTS];
	size_t		 nids, i;

	if (store_blob_part_ids(s, base, ids, ZBLOB_PARTS, &nids, cause) != 0)
		return (-1);
	if (nids != n || n > ZBLOB_PARTS)
		return (0);
	for (i = 0; i < n; i++) {
		if (parts[i] != ids[i])
			return (0);
	}
	return (1);
}

/*
 * A split blob: its header and skeleton (data, as zblob_split_pack() made
 * them), and its parts, which must be stored already, by hash, in the
 * order they go back.  Inside the caller's transaction.
 */
int
store_blob_put_split(struct store *s, const char *hash, size_t raw_len,
    const void *data, size_t len, const char *const *parts, size_t n,
    int64_t base, int *added, char **cause)
{
	int64_t		 ids[ZBLOB_PARTS];
	size_t		 i;
	int		 exists;

	if (added != NULL)
		*added = 0;
	/* A hash stored is not stored again. */
	if (store_blob_exists(s, hash, &exists, cause) != 0)
		return (-1);
	if (exists)
		return (0);
	if (n > ZBLOB_PARTS) {
		if (cause != NULL)
			*cause = xasprintf(_("blob %.12s: more than %d parts"),
			    hash, ZBLOB_PARTS);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (store_blob_id(s, parts[i], &ids[i], cause) != 0)
			return (-1);
		if (ids[i] == 0) {
			if (cause != NULL)
				*cause = xasprintf(_("blob %.12s: its part "
				    "%.12s is not stored"), hash, parts[i]);
			return (-1);
		}
	}
	if (store_blob_add_split(s, hash, raw_len, data, len, ids, n, base,
	    NULL, cause) != 0)
		return (-1);
	if (added != NULL)
		*added = 1;
	return (0);
}

int
store_blob_add_split(struct store *s, const char *hash, size_t raw_len,
    const void *data, size_t len, const int64_t *parts, size_t n,
    int64_t base, int64_t *blob_id, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 id;
	size_t		 i;
	int		 same;

	if (store_blob_add(s, hash, ZBLOB_CODEC_SPLIT, raw_len, data, len,
	    &id, cause) != 0)
		return (-1);
	if (blob_id != NULL)
		*blob_id = id;
	if (base != 0) {
		if ((st = store_stmt(s, &blob_base_put_sql, cause)) == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, base);
		if (store_step_done(s, st, cause,
		    N_("cannot store a blob")) != 0 ||
		    (same = store_blob_same_parts(s, base, parts, n,
		    cause)) < 0)
			return (-1);
		if (same)
			return (0);
	}
	for (i = 0; i < n; i++) {
		if ((st = store_stmt(s, &blob_part_put_sql, cause)) == NULL)
			return (-1);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_int64(st, 2, (int64_t)i);
		sqlite3_bind_int64(st, 3, parts[i]);
		if (store_step_done(s, st, cause,
		    N_("cannot store a blob")) != 0)
			return (-1);
	}
	return (0);
}

/* The part ids of split blob id, in order: how many, or -1. */
static int
store_blob_part_ids(struct store *s, int64_t id, int64_t *ids, size_t max,
    size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*n = 0;
	if ((st = store_stmt(s, &blob_parts_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n < max)
			ids[*n] = sqlite3_column_int64(st, 0);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read a blob")));
	return (0);
}

/* Blob id's codec and data (tmp); *found 0 when there is no such row. */
static int
store_blob_by_id(struct store *s, int64_t id, char codec[16],
    struct buf *tmp, int *found, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, &blob_get_id_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_column_copy(st, 0, codec, 16);
		buf_reset(tmp);
		buf_add(tmp, sqlite3_column_blob(st, 1),
		    (size_t)sqlite3_column_bytes(st, 1));
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read a blob")));
	*found = rc == SQLITE_ROW;
	return (0);
}

/* Inflate the part blob id into out: a gzip or zdict blob. */
static int
store_blob_part_text(struct store *s, int64_t id, struct buf *tmp,
    struct buf *out, char **cause)
{
	char	codec[16];
	int	found;

	if (store_blob_by_id(s, id, codec, tmp, &found, cause) != 0)
		return (-1);
	if (!found || !zblob_codec_known(codec)) {
		if (cause != NULL)
			*cause = xasprintf(_("a part of the blob (%lld) is "
			    "missing"), (long long)id);
		return (-1);
	}
	return (zblob_inflate(tmp->data, tmp->len, ZBLOB_CAP, out, cause));
}

/*
 * The skeleton of split blob id, which must be no delta (a base), in
 * skel; *found 0 when it is not such a blob, or (unless strict) when its
 * skeleton does not inflate.
 */
static int
store_blob_base_skel(struct store *s, int64_t id, struct buf *tmp,
    struct buf *skel, int strict, int *found, char **cause)
{
	char	codec[16];
	size_t	at[ZBLOB_PARTS], n, zoff;
	int	delta;

	if (store_blob_by_id(s, id, codec, tmp, found, cause) != 0)
		return (-1);
	if (!*found || strcmp(codec, ZBLOB_CODEC_SPLIT) != 0 ||
	    zblob_split_read(tmp->data, tmp->len, at, &n, &delta, &zoff,
	    NULL) != 0 || delta) {
		*found = 0;
		return (0);
	}
	if (zblob_inflate(tmp->data + zoff, tmp->len - zoff, ZBLOB_CAP,
	    skel, strict ? cause : NULL) == 0)
		return (0);
	*found = 0;
	return (strict ? -1 : 0);
}

/* The row id of delta id's base (0: it names none). */
static int
store_blob_base_id(struct store *s, int64_t id, int64_t *base, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &blob_base_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	return (store_step_int(s, st, base, cause, N_("cannot read a blob")));
}

/*
 * The skeleton of a split blob (data, its row), a delta (bid its base's
 * row) inflated with its base's.
 */
static int
store_blob_skel(struct store *s, int64_t bid, const struct buf *data,
    size_t zoff, int delta, struct buf *skel, char **cause)
{
	struct buf	 tmp = BUF_INIT, base = BUF_INIT;
	int		 found, rc = -1;

	if (!delta)
		return (zblob_inflate(data->data + zoff, data->len - zoff,
		    ZBLOB_CAP, skel, cause));
	if (store_blob_base_skel(s, bid, &tmp, &base, 1, &found, cause) != 0)
		goto out;
	if (bid == 0 || !found) {
		if (cause != NULL)
			*cause = xstrdup(_("blob is corrupt: its base is "
			    "missing"));
		goto out;
	}
	rc = zblob_inflate_base(data->data + zoff, data->len - zoff,
	    base.data, base.len, ZBLOB_CAP, skel, cause);
out:
	buf_free(&tmp);
	buf_free(&base);
	return (rc);
}

/* Put a split blob (row id, data) back together into raw. */
static int
store_blob_join(struct store *s, int64_t id, const struct buf *data,
    struct buf *raw, char **cause)
{
	struct buf	 skel = BUF_INIT, tmp = BUF_INIT;
	struct buf	 parts[ZBLOB_PARTS];
	int64_t		 ids[ZBLOB_PARTS];
	size_t		 at[ZBLOB_PARTS], n, nids, zoff, i, total;
	int64_t		 base = 0;
	int		 rc = -1, delta;

	for (i = 0; i < ZBLOB_PARTS; i++)
		buf_init(&parts[i]);
	if (zblob_split_read(data->data, data->len, at, &n, &delta, &zoff,
	    cause) != 0 ||
	    (delta && store_blob_base_id(s, id, &base, cause) != 0) ||
	    store_blob_skel(s, base, data, zoff, delta, &skel, cause) != 0 ||
	    store_blob_part_ids(s, id, ids, ZBLOB_PARTS, &nids, cause) != 0)
		goto out;
	/* A delta whose parts are its base's names none of its own. */
	if (nids == 0 && delta && store_blob_part_ids(s, base, ids,
	    ZBLOB_PARTS, &nids, cause) != 0)
		goto out;
	if (nids != n) {
		if (cause != NULL)
			*cause = xstrdup(_("blob is corrupt: its parts are "
			    "not the ones it names"));
		goto out;
	}
	total = skel.len;
	for (i = 0; i < n; i++) {
		if (store_blob_part_text(s, ids[i], &tmp, &parts[i],
		    cause) != 0)
			goto out;
		total += parts[i].len;
	}
	if (total > ZBLOB_CAP || canon_splice(skel.data, skel.len, at,
	    parts, n, raw) != 0) {
		if (cause != NULL)
			*cause = xstrdup(_("blob is corrupt: bad split header"));
		goto out;
	}
	rc = 0;
out:
	buf_free(&skel);
	buf_free(&tmp);
	for (i = 0; i < ZBLOB_PARTS; i++)
		buf_free(&parts[i]);
	return (rc);
}

int
store_blob_base(struct store *s, const char *hash, struct buf *skel,
    int64_t *id, int *found, char **cause)
{
	struct buf	 data = BUF_INIT;
	char		 codec[16];
	size_t		 at[ZBLOB_PARTS], n, zoff;
	int64_t		 raw_len;
	int		 delta, rc = -1;

	*id = 0;
	buf_reset(skel);
	if (store_blob_row(s, hash, codec, &raw_len, &data, id, found,
	    cause) != 0)
		goto out;
	rc = 0;
	if (!*found || strcmp(codec, ZBLOB_CODEC_SPLIT) != 0 ||
	    zblob_split_read(data.data, data.len, at, &n, &delta, &zoff,
	    NULL) != 0) {
		*found = 0;
		goto out;
	}
	if (delta && (rc = store_blob_base_id(s, *id, id, cause)) != 0)
		goto out;
	/* A base that does not read is none: the new blob is made whole. */
	if (delta)
		rc = store_blob_base_skel(s, *id, &data, skel, 0, found,
		    cause);
	else if (zblob_inflate(data.data + zoff, data.len - zoff, ZBLOB_CAP,
	    skel, NULL) != 0)
		*found = 0;
	if (rc == 0 && (skel->len == 0 || skel->len > ZBLOB_BASE_MAX))
		*found = 0;
out:
	if (rc != 0 || !*found) {
		*found = 0;
		*id = 0;
	}
	buf_free(&data);
	return (rc);
}

/*
 * Check that raw hashes to hash, as zblob_verify() does (and says).
 */
static int
store_blob_check(struct buf *raw, const char *hash, char **cause)
{
	char	got[HASH_HEX_LEN + 1];

	if (hash_sha256_hex(raw->data, raw->len, got) != 0 ||
	    strcmp(got, hash) != 0) {
		buf_reset(raw);
		if (cause != NULL)
			*cause = xstrdup(
			    _("blob content does not match its hash"));
		return (-1);
	}
	return (0);
}

/*
 * The canonical JSON of blob hash, checked against the hash: a whole blob
 * inflated, a split one put back together.  The causes name the blob.
 */
static int
store_blob_text_once(struct store *s, const char *hash, struct buf *raw,
    char **cause)
{
	struct buf	 gz = BUF_INIT;
	char		 codec[16];
	char		*why = NULL;
	int64_t		 raw_len, id;
	int		 found, rc = -1;

	buf_reset(raw);
	if (store_blob_row(s, hash, codec, &raw_len, &gz, &id, &found,
	    cause) != 0)
		goto out;
	if (!found) {
		if (cause != NULL)
			*cause = xasprintf(_("blob %s is missing from the "
			    "database"), hash);
		goto out;
	}
	if (strcmp(codec, ZBLOB_CODEC_SPLIT) == 0) {
		if (store_blob_join(s, id, &gz, raw, &why) == 0)
			rc = store_blob_check(raw, hash, &why);
	} else if (!zblob_codec_known(codec)) {
		if (cause != NULL)
			*cause = xasprintf(_("blob %s: unknown codec \"%s\""),
			    hash, codec);
		goto out;
	} else
		rc = zblob_verify(gz.data, gz.len, hash, ZBLOB_CAP, raw,
		    &why);
	if (rc != 0) {
		buf_reset(raw);
		if (cause != NULL)
			*cause = xasprintf(_("blob %s: %s"), hash, why);
	}
out:
	free(why);
	buf_free(&gz);
	return (rc);
}

/*
 * A blob that does not read may have been compressed again, or written,
 * with a dictionary another process made after this one opened the
 * database (store_blob_recode): the dictionaries are read again and the
 * blob once more.
 */
int
store_blob_text(struct store *s, const char *hash, struct buf *raw,
    char **cause)
{
	char	*first = NULL;

	if (store_blob_text_once(s, hash, raw, cause != NULL ? &first :
	    NULL) == 0)
		return (0);
	if (store_zdict_load(s, NULL) == 0 &&
	    store_blob_text_once(s, hash, raw, NULL) == 0) {
		free(first);
		return (0);
	}
	if (cause != NULL)
		*cause = first;
	else
		free(first);
	return (-1);
}

/* The ids of the blobs a dictionary may make smaller (gzip, zsplit). */
static int
store_blob_plain_ids(struct store *s, int64_t **ids, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if ((st = store_stmt(s, &blob_plain_ids_sql, cause)) == NULL)
		return (-1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 256 : cap * 2;
			*ids = xreallocarray(*ids, cap, sizeof **ids);
		}
		(*ids)[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free(*ids);
		*ids = NULL;
		return (store_fail(s, cause, N_("cannot read blobs")));
	}
	return (0);
}

/*
 * Data (len bytes, of codec) compressed again with dictionary dict into z:
 * a plain gzip blob whole, a split blob's skeleton when it is a gzip
 * stream (and no delta) with its header kept.  1 when z is that, 0 when
 * the blob is left as it is (one that does not inflate too: reading it
 * says why), -1 on a failure.
 */
static int
store_blob_recoded(const char *codec, const unsigned char *data, size_t len,
    uint32_t dict, struct buf *raw, struct buf *z, char **cause)
{
	struct buf	 skel = BUF_INIT;
	size_t		 at[ZBLOB_PARTS], n, zoff = 0;
	int		 delta = 0, rc;

	if (strcmp(codec, ZBLOB_CODEC) != 0 && (zblob_split_read(data, len,
	    at, &n, &delta, &zoff, NULL) != 0 || delta || zoff + 2 > len ||
	    data[zoff] != 0x1f || data[zoff + 1] != 0x8b))
		return (0);
	if (zblob_inflate(data + zoff, len - zoff, ZBLOB_CAP, raw, NULL) != 0)
		return (0);
	if (zoff == 0)
		return (zblob_compress_dict(raw->data, raw->len, dict, z,
		    cause) != 0 ? -1 : 1);
	rc = zblob_compress_dict(raw->data, raw->len, dict, &skel, cause);
	if (rc == 0)
		zblob_split_pack(at, n, 0, skel.data, skel.len, z);
	buf_free(&skel);
	return (rc != 0 ? -1 : 1);
}

/*
 * Blob id, stored before dictionary dict was made, compressed again with
 * it: 1 when it was (smaller so, by *saved bytes), 0 when left as it is,
 * -1 on a failure.
 */
static int
store_blob_recode_one(struct store *s, int64_t id, uint32_t dict,
    struct buf *raw, struct buf *z, int64_t *saved, char **cause)
{
	sqlite3_stmt	*st;
	char		 codec[16];
	int		 rc, len;

	if ((st = store_stmt(s, &blob_get_id_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_reset(st);
		if (rc == SQLITE_DONE)
			return (0);
		return (store_fail(s, cause, N_("cannot read blobs")));
	}
	store_column_copy(st, 0, codec, sizeof codec);
	len = sqlite3_column_bytes(st, 1);
	rc = store_blob_recoded(codec, sqlite3_column_blob(st, 1),
	    (size_t)len, dict, raw, z, cause);
	sqlite3_reset(st);
	if (rc <= 0 || z->len >= (size_t)len)
		return (rc < 0 ? -1 : 0);
	if ((st = store_stmt(s, strcmp(codec, ZBLOB_CODEC) == 0 ?
	    &blob_recode_sql : &blob_recode_split_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_blob(st, 2, z->data, (int)z->len, SQLITE_STATIC);
	if (store_step_done(s, st, cause, N_("cannot store a blob")) != 0)
		return (-1);
	if (sqlite3_changes(s->db) == 0)
		return (0);
	*saved += len - (int64_t)z->len;
	return (1);
}

int
store_blob_recode(struct store *s, uint32_t dict, size_t *n, int64_t *saved,
    char **cause)
{
	struct buf	 raw = BUF_INIT, z = BUF_INIT;
	int64_t		*ids;
	size_t		 i, nids;
	int		 rc = 0;

	*n = 0;
	*saved = 0;
	if (store_blob_plain_ids(s, &ids, &nids, cause) != 0)
		return (-1);
	for (i = 0; i < nids && rc >= 0; i++) {
		if ((rc = store_blob_recode_one(s, ids[i], dict, &raw, &z,
		    saved, cause)) > 0)
			(*n)++;
	}
	free(ids);
	buf_free(&raw);
	buf_free(&z);
	return (rc < 0 ? -1 : 0);
}
