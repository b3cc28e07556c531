/*
 * test-store: creating, migrating and refusing databases; runs, blobs,
 * snapshots and the projection round trip.
 */
#include "config.h"

#include "unit.h"

#include <sys/file.h>

#include <fcntl.h>
#include <math.h>
#include <sqlite3.h>
#include <unistd.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "codec/hashfilter.h"
#include "codec/zblob.h"
#include "store/store.h"
#include "store/store-changelog.h"
#include "store/store-meta.h"
#include "store/store-private.h"
#include "store/store-providers.h"
#include "unit-store.h"
#include "util/xmalloc.h"

static char	tmpdir[] = "/tmp/orbrowse-test-store.XXXXXX";

static char *
db_path(const char *name)
{
	return (xasprintf("%s/%s", tmpdir, name));
}

static void
raw_exec(const char *path, const char *sql)
{
	sqlite3	*db;
	char	*msg = NULL;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(db);
}

/* WAL mode is persistent: a fresh connection reports it. */
static int
raw_is_wal(const char *path)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int		 wal = 0;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st,
	    NULL), SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		wal = strcmp((const char *)sqlite3_column_text(st, 0),
		    "wal") == 0;
	sqlite3_finalize(st);
	sqlite3_close(db);
	return (wal);
}

static void
test_create(void **state)
{
	struct store	*s;
	struct stat	 sb;
	char		*path, *cause = NULL, *result;
	int		 version;

	(void)state;
	path = xasprintf("%s/deep/er/x.db", tmpdir);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(store_integrity_check(s, &result, &cause), 0);
	assert_string_equal(result, "ok");
	free(result);
	store_close(s);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_true(raw_is_wal(path));
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name IN ('run_log', 'blob', 'model_snapshot', "
	    "'endpoint_snapshot', 'endpoint', 'endpoint_metric', 'model', "
	    "'model_alias')"), 8);
	free(path);
}

static void
test_missing_readonly(void **state)
{
	struct store	*s;
	char		*path, *cause = NULL;

	(void)state;
	path = db_path("absent.db");
	assert_int_equal(store_open(path, STORE_READONLY, &s, &cause), -1);
	assert_non_null(strstr(cause, "no such database"));
	assert_int_equal(access(path, F_OK), -1);
	free(cause);
	free(path);
}

static void
test_newer_refused(void **state)
{
	struct store	*s;
	struct stat	 before, after;
	char		*path, *cause = NULL;

	(void)state;
	path = db_path("newer.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, "PRAGMA journal_mode = DELETE; PRAGMA user_version = 99");
	assert_int_equal(stat(path, &before), 0);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), -1);
	assert_null(s);
	assert_non_null(strstr(cause, "newer"));
	assert_non_null(strstr(cause, "99"));
	free(cause);
	assert_int_equal(stat(path, &after), 0);
	assert_int_equal(before.st_size, after.st_size);
	assert_int_equal(before.st_mtime, after.st_mtime);
	assert_int_equal(unit_sql_int(path, "PRAGMA user_version"), 99);
	/* Still in rollback-journal mode: the file was not touched. */
	{
		char *wal = xasprintf("%s-wal", path);
		assert_int_equal(access(wal, F_OK), -1);
		free(wal);
	}
	free(path);
}

static void
test_not_orbrowse(void **state)
{
	struct store	*s;
	char		*path, *cause = NULL;

	(void)state;
	path = db_path("foreign.db");
	raw_exec(path, "CREATE TABLE t (x); INSERT INTO t VALUES (1)");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), -1);
	assert_non_null(strstr(cause, "not an orbrowse database"));
	free(cause);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM t"), 1);
	free(path);

	/* A file that is not SQLite at all. */
	path = db_path("garbage.db");
	{
		FILE *f = fopen(path, "w");
		assert_non_null(f);
		fputs("this is not a database, just some text that is long "
		    "enough to look like a header ......................", f);
		fclose(f);
	}
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), -1);
	assert_non_null(cause);
	free(cause);
	free(path);
}

/*
 * SQL that takes a database back one version, DROP_VN_COLUMNS from N to
 * N - 1; each holds the later ones, so it takes version 16 back to N - 1,
 * but for version 14's, which migration 14 runs again over (its own test,
 * test_migrate_v13, takes a database back to 13 with DROP_V14_COLUMNS).
 */
/*
 * Version 16: endpoint snapshots by ids, back to the table of names (with
 * its rows); the projection keeps its id, which migration 16 takes as the
 * rowid it is.
 */
/*
 * Version 21: change records that keep their kind's name and their
 * own time (the run's start), with that time's indexes.
 */
#define DROP_V21_COLUMNS							\
	"DROP VIEW changes;"						\
	"CREATE TABLE c20 (id INTEGER PRIMARY KEY,"			\
	" run_id INTEGER NOT NULL, at INTEGER NOT NULL,"		\
	" kind TEXT NOT NULL, model_key TEXT NOT NULL, endpoint_id TEXT,"	\
	" provider_slug TEXT, field TEXT, old, new, ep INTEGER);"	\
	"INSERT INTO c20 SELECT c.id, c.run_id, (SELECT r.started_at"	\
	" FROM run_log r WHERE r.id = c.run_id), (SELECT k.name"	\
	" FROM change_kind k WHERE k.id = c.kind), c.model_key,"	\
	" c.endpoint_id, c.provider_slug, c.field, c.old, c.new, c.ep"	\
	" FROM changelog c;"						\
	"DROP TABLE changelog; DROP TABLE change_kind;"			\
	"ALTER TABLE c20 RENAME TO changelog;"				\
	"CREATE INDEX changelog_at ON changelog (at)"			\
	" WHERE kind NOT IN ('metrics', 'initial');"			\
	"CREATE INDEX changelog_metrics ON changelog (at)"		\
	" WHERE kind = 'metrics';"					\
	"CREATE INDEX changelog_run ON changelog (run_id);"		\
	"CREATE INDEX changelog_model ON changelog (model_key, id)"	\
	" WHERE model_key != '';"					\
	"CREATE INDEX changelog_ep ON changelog (ep, id)"		\
	" WHERE ep IS NOT NULL;"					\
	"CREATE INDEX changelog_expiry ON changelog (model_key, id)"	\
	" WHERE kind = 'expiry_changed';"

/* Version 18: the records that name a row keep no model_key of their
 * own; a projection row names its blob by id, and keeps no model name
 * where it is the model's. */
#define DROP_V18_COLUMNS	DROP_V21_COLUMNS			\
	"UPDATE changelog SET model_key = (SELECT e.model_key FROM"	\
	" endpoint e WHERE e.id = changelog.ep)"			\
	" WHERE model_key = '' AND ep IS NOT NULL;"			\
	"DROP INDEX changelog_ep; DROP INDEX changelog_model;"		\
	"CREATE INDEX changelog_model ON changelog (model_key, id);"	\
	"UPDATE endpoint SET hash = (SELECT b.hash FROM blob b"	\
	" WHERE b.id = endpoint.blob);"				\
	"ALTER TABLE endpoint DROP COLUMN blob;"			\
	"UPDATE endpoint SET model_name = (SELECT m.listed_name"	\
	" FROM model m WHERE m.model_key = endpoint.model_key)"	\
	" WHERE typeof(model_name) = 'blob';"				\
	"ALTER TABLE model DROP COLUMN listed_name;"

/* Version 17: the change records' endpoint row ids. */
#define DROP_V17_COLUMNS	DROP_V18_COLUMNS			\
	"ALTER TABLE changelog DROP COLUMN ep;"

#define DROP_V16_COLUMNS	DROP_V17_COLUMNS			\
	"CREATE TABLE es_v15 AS SELECT run_id, endpoint_id, model_key,"	\
	" hash FROM endpoint_snapshot;"					\
	"DROP VIEW endpoint_snapshot; DROP TABLE endpoint_snap;"	\
	"CREATE TABLE endpoint_snapshot (run_id INTEGER NOT NULL"	\
	" REFERENCES run_log (id) ON DELETE CASCADE,"			\
	" endpoint_id TEXT NOT NULL, model_key TEXT NOT NULL,"		\
	" hash BLOB NOT NULL,"						\
	" PRIMARY KEY (run_id, endpoint_id, model_key)) WITHOUT ROWID;" \
	"CREATE INDEX endpoint_snapshot_ep ON endpoint_snapshot"	\
	" (endpoint_id, model_key, run_id);"				\
	"INSERT INTO endpoint_snapshot SELECT * FROM es_v15;"		\
	"DROP TABLE es_v15;"

/* Version 15: the aliases' index by model key. */
#define DROP_V15_COLUMNS	DROP_V16_COLUMNS "DROP INDEX model_alias_key;"

/* Version 13: the alerts. */
#define DROP_V13_COLUMNS	DROP_V15_COLUMNS "DROP TABLE alert;"

/* Version 12: model metadata and the frontend providers' documents. */
#define DROP_V12_COLUMNS	DROP_V13_COLUMNS			\
	"DROP TABLE author; DROP TABLE model_app; DROP TABLE model_usage;" \
	"ALTER TABLE provider DROP COLUMN fe_privacy_policy_url;"	\
	"ALTER TABLE provider DROP COLUMN fe_terms_of_service_url;"

/* Version 11: the database's size at each run's end. */
#define DROP_V11_COLUMNS	DROP_V12_COLUMNS			\
	"ALTER TABLE run_log DROP COLUMN db_bytes;"

/* Version 10: change records and the watchlist. */
#define DROP_V10_COLUMNS	DROP_V11_COLUMNS			\
	"DROP TABLE changelog; DROP TABLE watch;"

/* Version 9: the run log's warning texts. */
#define DROP_V9_COLUMNS	DROP_V10_COLUMNS				\
	"ALTER TABLE run_log DROP COLUMN warning_texts;"

/* Version 8: the endpoints' 2026 fields. */
#define DROP_V8_COLUMNS	DROP_V9_COLUMNS					\
	"ALTER TABLE endpoint DROP COLUMN uptime_5m;"			\
	"ALTER TABLE endpoint DROP COLUMN uptime_1d;"			\
	"ALTER TABLE endpoint DROP COLUMN implicit_caching;"		\
	"ALTER TABLE endpoint DROP COLUMN max_prompt_tokens;"		\
	"ALTER TABLE endpoint DROP COLUMN latency_p50_ms;"		\
	"ALTER TABLE endpoint DROP COLUMN latency_p75_ms;"		\
	"ALTER TABLE endpoint DROP COLUMN latency_p90_ms;"		\
	"ALTER TABLE endpoint DROP COLUMN latency_p99_ms;"		\
	"ALTER TABLE endpoint DROP COLUMN throughput_p50;"		\
	"ALTER TABLE endpoint DROP COLUMN throughput_p75;"		\
	"ALTER TABLE endpoint DROP COLUMN throughput_p90;"		\
	"ALTER TABLE endpoint DROP COLUMN throughput_p99;"		\
	"ALTER TABLE endpoint DROP COLUMN region;"

/* Version 7: the provider table. */
#define DROP_V7_COLUMNS	DROP_V8_COLUMNS "DROP TABLE provider;"

/* Version 6: the model directory's fields (a v5 model table). */
#define DROP_V6_COLUMNS	DROP_V7_COLUMNS					\
	"DROP TABLE model;"						\
	"CREATE TABLE model (model_key TEXT PRIMARY KEY, name TEXT,"	\
	" last_run_id INTEGER) WITHOUT ROWID;"

/* Version 5: every other price component. */
#define DROP_V5_COLUMNS	DROP_V6_COLUMNS					\
	"ALTER TABLE endpoint DROP COLUMN price_request;"		\
	"ALTER TABLE endpoint DROP COLUMN price_image;"			\
	"ALTER TABLE endpoint DROP COLUMN price_image_token;"		\
	"ALTER TABLE endpoint DROP COLUMN price_image_output;"		\
	"ALTER TABLE endpoint DROP COLUMN price_audio;"			\
	"ALTER TABLE endpoint DROP COLUMN price_audio_output;"		\
	"ALTER TABLE endpoint DROP COLUMN price_input_audio_cache;"	\
	"ALTER TABLE endpoint DROP COLUMN price_web_search;"		\
	"ALTER TABLE endpoint DROP COLUMN price_internal_reasoning;"	\
	"ALTER TABLE endpoint DROP COLUMN price_cache_write;"		\
	"ALTER TABLE endpoint DROP COLUMN price_cache_write_1h;"	\
	"ALTER TABLE endpoint DROP COLUMN price_unknown;"		\
	"ALTER TABLE endpoint DROP COLUMN discount;"			\
	"ALTER TABLE endpoint DROP COLUMN price_overrides;"

static void
test_migrate(void **state)
{
	struct store	*s;
	char		*path, *lock, *cause = NULL;
	int64_t		 listing;
	int		 version, fd;

	(void)state;
	/*
	 * Make a version 1 database: version 2 added the model table,
	 * version 3 made blob a rowid table and added zdict, version 4 the
	 * listing table and the projection's listing columns.
	 */
	path = db_path("v1.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, "PRAGMA foreign_keys = OFF;"
	    DROP_V5_COLUMNS
	    "DROP INDEX endpoint_listing; DROP TABLE listing;"
	    "ALTER TABLE endpoint DROP COLUMN listing;"
	    "ALTER TABLE endpoint DROP COLUMN listed_uptime;"
	    "DROP TABLE model; DROP TABLE model_alias; DROP TABLE zdict;"
	    "DROP TABLE blob;"
	    "CREATE TABLE blob (hash TEXT PRIMARY KEY, codec TEXT NOT NULL,"
	    " raw_len INTEGER NOT NULL, data BLOB NOT NULL) WITHOUT ROWID;"
	    "PRAGMA user_version = 1;"
	    "INSERT INTO run_log (started_at, status) VALUES (1, 'ok');"
	    "INSERT INTO blob VALUES ('h1', 'gzip', 2, x'0102');"
	    "INSERT INTO endpoint_snapshot VALUES (1, 'e', 'm', 'h1');"
	    "CREATE INDEX endpoint_active_tps ON endpoint (active,"
	    " p50_throughput)");
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name = 'model'"), 0);

	/*
	 * A reader upgrades a file it may write, holding the writer's lock:
	 * not while another process holds it, and says so.
	 */
	lock = xasprintf("%s.lock", path);
	assert_true((fd = open(lock, O_RDWR | O_CREAT, 0600)) != -1);
	assert_int_equal(flock(fd, LOCK_EX), 0);
	assert_int_equal(store_open(path, STORE_READONLY, &s, &cause), -1);
	assert_non_null(strstr(cause, "another orbrowse process"));
	free(cause);
	cause = NULL;
	assert_int_equal(unit_sql_int(path, "PRAGMA user_version"), 1);
	close(fd);
	free(lock);
	assert_int_equal(store_open(path, STORE_READONLY, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	store_close(s);

	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(store_model_put(s, "a/b", "a/b-x", "B", 1, &cause),
	    0);
	/* Version 4: listings, and the projection's stamp of them. */
	assert_int_equal(store_listing_id(s, "a/b", &listing, &cause), 0);
	assert_true(listing > 0);
	store_close(s);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM model"), 1);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM model_alias"), 1);
	/* The blob survived the rebuild, references intact, now rowid. */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob WHERE "
	    "hash = 'h1' AND raw_len = 2 AND data = x'0102'"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
	    "pragma_foreign_key_check"), 0);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name = 'blob' AND sql LIKE '%WITHOUT ROWID%'"), 0);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name = 'zdict'"), 1);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name = 'endpoint_active_tps'"), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
	    "endpoint_snapshot"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM run_log"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM listing"), 1);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name = 'endpoint_listing'"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
	    "pragma_table_info('endpoint') WHERE name IN ('listing',"
	    " 'listed_uptime')"), 2);
	free(path);
}

/*
 * An endpoint object as the API sends it: its model and provider_info
 * are the members a split blob stores apart.
 */
static const char split_obj[] =
    "{\"id\": \"e-1\", \"name\": \"P | m\", \"context_length\": 32768,"
    " \"model\": {\"slug\": \"a/m\", \"name\": \"A: M\", \"description\":"
    " \"A \\\"quoted\\\" model, {braces} and [brackets], \\u00e9\","
    " \"default_stops\": [\"<|im_end|>\"], \"features\": {}, \"hidden\":"
    " false, \"context_length\": 32768, \"ratio\": 0.1},"
    " \"pricing\": {\"prompt\": \"0.00000001\", \"discount\": 0},"
    " \"provider_info\": {\"name\": \"P\", \"slug\": \"p\", \"dataPolicy\":"
    " {\"training\": false, \"termsOfServiceURL\": \"https://p/tos\"},"
    " \"icon\": {\"url\": \"https://p/i.png\"}}, \"provider_name\": \"P\","
    " \"stats\": {\"p50_latency\": 777}, \"status\": 0}";
static const char *const split_keys[] = { "model", "provider_info", NULL };

/* The canonical form of split_obj and its hash. */
static void
split_canon(struct buf *c, char hash[HASH_HEX_LEN + 1])
{
	json_t	*v;

	v = unit_parse(split_obj);
	assert_int_equal(canon_dump(v, c), 0);
	json_decref(v);
	assert_int_equal(hash_sha256_hex(c->data, c->len, hash), 0);
}

/* Store c as ingest does an endpoint object since version 14. */
static void
split_put(struct store *s, const struct buf *c, const char *hash)
{
	struct canon_span	 parts[CANON_PARTS];
	struct buf		 skel = BUF_INIT, z = BUF_INIT, blob = BUF_INIT;
	char			 ph[CANON_PARTS][HASH_HEX_LEN + 1];
	const char		*pp[CANON_PARTS];
	char			*cause = NULL;
	size_t			 n, i, at[CANON_PARTS];
	int			 added;

	n = canon_split(c->data, c->len, split_keys, parts);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++) {
		assert_int_equal(hash_sha256_hex(c->data + parts[i].off,
		    parts[i].len, ph[i]), 0);
		assert_int_equal(zblob_compress(c->data + parts[i].off,
		    parts[i].len, &z, &cause), 0);
		assert_int_equal(store_blob_put(s, ph[i], ZBLOB_CODEC,
		    parts[i].len, z.data, z.len, &added, &cause), 0);
		pp[i] = ph[i];
	}
	canon_skeleton(c->data, c->len, parts, n, &skel, at);
	assert_true(skel.len + parts[0].len + parts[1].len == c->len);
	assert_int_equal(zblob_compress(skel.data, skel.len, &z, &cause), 0);
	zblob_split_pack(at, n, 0, z.data, z.len, &blob);
	assert_int_equal(store_blob_put_split(s, hash, c->len, blob.data,
	    blob.len, pp, n, 0, &added, &cause), 0);
	assert_true(added);
	buf_free(&skel);
	buf_free(&z);
	buf_free(&blob);
}

/*
 * A sync's way (ingest-blobs.c): the parts looked up by id, the missing
 * one added with its id, the split blob added with those ids.  It reads
 * back as the object; the ids are the rows store_blob_id() finds, 0 for a
 * hash never stored; a split blob whose part is not stored is refused by
 * store_blob_put_split(), and one with more parts than a blob holds.
 */
static void
test_blob_add_ids(void **state)
{
	struct store		*s;
	struct canon_span	 parts[CANON_PARTS];
	struct buf		 c = BUF_INIT, z = BUF_INIT, skel = BUF_INIT;
	struct buf		 blob = BUF_INIT, back = BUF_INIT;
	char			 hash[HASH_HEX_LEN + 1];
	char			 ph[CANON_PARTS][HASH_HEX_LEN + 1];
	const char		*pp[3];
	char			*path, *cause = NULL;
	size_t			 i, at[CANON_PARTS];
	int64_t			 ids[CANON_PARTS], id;
	int64_t			 split_id = 0, found_id = 0;
	int			 added;

	(void)state;
	split_canon(&c, hash);
	path = db_path("add-ids.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(canon_split(c.data, c.len, split_keys, parts), 2);
	for (i = 0; i < 2; i++) {
		assert_int_equal(hash_sha256_hex(c.data + parts[i].off,
		    parts[i].len, ph[i]), 0);
		assert_int_equal(store_blob_id(s, ph[i], &ids[i], &cause), 0);
		assert_int_equal(ids[i], 0);
		assert_int_equal(zblob_compress(c.data + parts[i].off,
		    parts[i].len, &z, &cause), 0);
		assert_int_equal(store_blob_add(s, ph[i], ZBLOB_CODEC,
		    parts[i].len, z.data, z.len, &ids[i], &cause), 0);
		assert_true(ids[i] > 0);
		assert_int_equal(store_blob_id(s, ph[i], &id, &cause), 0);
		assert_int_equal(id, ids[i]);
		pp[i] = ph[i];
	}
	assert_true(ids[0] != ids[1]);
	canon_skeleton(c.data, c.len, parts, 2, &skel, at);
	assert_int_equal(zblob_compress(skel.data, skel.len, &z, &cause), 0);
	zblob_split_pack(at, 2, 0, z.data, z.len, &blob);
	/* A part that is not stored, or one part too many: refused. */
	pp[2] = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";
	assert_int_equal(store_blob_put_split(s, hash, c.len, blob.data,
	    blob.len, pp + 1, 2, 0, &added, &cause), -1);
	assert_non_null(strstr(cause, "is not stored"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_blob_put_split(s, hash, c.len, blob.data,
	    blob.len, pp, 3, 0, &added, &cause), -1);
	assert_non_null(strstr(cause, "more than"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_blob_add_split(s, hash, c.len, blob.data,
	    blob.len, ids, 2, 0, &split_id, &cause), 0);
	/* The row id it gives is the blob's. */
	assert_int_equal(store_blob_id(s, hash, &found_id, &cause), 0);
	assert_true(split_id > 0);
	assert_int_equal(split_id, found_id);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(store_blob_text(s, hash, &back, &cause), 0);
	assert_int_equal(back.len, c.len);
	assert_memory_equal(back.data, c.data, c.len);
	assert_int_equal(store_blob_count(s), 3);
	/* Stored: the general way adds nothing more. */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_blob_put_split(s, hash, c.len, blob.data,
	    blob.len, pp, 2, 0, &added, &cause), 0);
	assert_false(added);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(store_blob_count(s), 3);
	store_close(s);
	free(path);
	buf_free(&c);
	buf_free(&z);
	buf_free(&skel);
	buf_free(&blob);
	buf_free(&back);
}

/*
 * The blobs stored before the database had its dictionary are compressed
 * again with it (store_blob_recode): smaller, read back as the same bytes
 * under the same hash; one that does not inflate is left as it is.
 */
/* Add a small blob of hash h (64 hex digits); its row id. */
static int64_t
add_blob_hex(struct store *s, const char *h)
{
	char	*cause = NULL;
	int64_t	 id = 0;

	assert_int_equal(store_blob_add(s, h, ZBLOB_CODEC, 2, "{}", 2, &id,
	    &cause), 0);
	assert_true(id > 0);
	return (id);
}

/*
 * store_blob_id() answers from the ids the open transaction found or
 * added, never from a transaction undone or ended: after a rollback, a
 * part undone, a commit (another writer may delete between two) and a
 * gc, what the file says.
 */
static void
test_blob_ids_remembered(void **state)
{
	struct store		*s;
	struct gc_result	 res;
	char			*path, *cause = NULL;
	char			 h1[HASH_HEX_LEN + 1], h2[HASH_HEX_LEN + 1];
	int64_t			 id, id1, id2;

	(void)state;
	memset(h1, 'a', HASH_HEX_LEN);
	h1[HASH_HEX_LEN] = '\0';
	memcpy(h2, h1, sizeof h2);
	h2[HASH_HEX_LEN - 1] = 'b';	/* the same slot as h1 */
	path = db_path("ids-remembered.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);

	/* Rolled back: gone, though it was looked up in the transaction. */
	assert_int_equal(store_begin(s, &cause), 0);
	id1 = add_blob_hex(s, h1);
	assert_int_equal(store_blob_id(s, h1, &id, &cause), 0);
	assert_int_equal(id, id1);
	store_rollback(s);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_blob_id(s, h1, &id, &cause), 0);
	assert_int_equal(id, 0);

	/* A part undone: its blob is gone, the transaction's others stay. */
	id2 = add_blob_hex(s, h2);
	assert_int_equal(store_part_begin(s, &cause), 0);
	id1 = add_blob_hex(s, h1);
	assert_int_equal(store_part_undo(s), 0);
	assert_int_equal(store_blob_id(s, h1, &id, &cause), 0);
	assert_int_equal(id, 0);
	assert_int_equal(store_blob_id(s, h2, &id, &cause), 0);
	assert_int_equal(id, id2);
	assert_int_equal(store_commit(s, &cause), 0);

	/* Deleted behind the writer's back between two transactions. */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_blob_id(s, h2, &id, &cause), 0);
	assert_int_equal(id, id2);
	assert_int_equal(store_commit(s, &cause), 0);
	raw_exec(path, "DELETE FROM blob");	/* another connection */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_blob_id(s, h2, &id, &cause), 0);
	assert_int_equal(id, 0);

	/* gc deletes what nothing refers to, in its own transaction. */
	id2 = add_blob_hex(s, h2);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(store_gc(s, 0, 24, 30, 0, &res, &cause), 0);
	assert_int_equal(res.blobs_deleted, 1);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_blob_id(s, h2, &id, &cause), 0);
	assert_int_equal(id, 0);
	store_rollback(s);
	store_close(s);
	free(path);
}

static void
test_blob_recode(void **state)
{
	struct store	*s;
	struct buf	 c = BUF_INIT, z = BUF_INIT, raw = BUF_INIT;
	char		 hash[HASH_HEX_LEN + 1];
	char		*path, *cause = NULL;
	uint32_t	 dict;
	size_t		 n, before;
	int64_t		 saved;
	int		 added;

	(void)state;
	split_canon(&c, hash);
	path = db_path("recode.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(zblob_compress(c.data, c.len, &z, &cause), 0);
	before = z.len;
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_blob_put(s, hash, ZBLOB_CODEC, c.len, z.data,
	    z.len, &added, &cause), 0);
	assert_int_equal(store_blob_put(s, "bad", ZBLOB_CODEC, 3, "xyz", 3,
	    &added, &cause), 0);
	/* A dictionary of the object itself: as small as it gets. */
	assert_int_equal(store_zdict_put(s, 1, c.data, c.len, &dict, &cause),
	    0);
	assert_int_equal(store_blob_recode(s, dict, &n, &saved, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(store_blob_text(s, hash, &raw, &cause), 0);
	assert_int_equal(raw.len, c.len);
	assert_memory_equal(raw.data, c.data, c.len);
	/*
	 * A process that opened the database before the dictionary was
	 * made (here: one that forgot it) reads the blob all the same.
	 */
	zblob_dict_clear();
	buf_reset(&raw);
	assert_int_equal(store_blob_text(s, hash, &raw, &cause), 0);
	assert_memory_equal(raw.data, c.data, c.len);
	store_close(s);
	assert_true(unit_sql_int(path,
	    "SELECT length(data) FROM blob WHERE codec ="
	    " 'zdict'") < (int)before);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob WHERE"
	    " codec = 'gzip' AND hash = 'bad' AND data = x'78797a'"), 1);
	/* What it saved is what the blob lost. */
	assert_int_equal(saved, (int64_t)before - unit_sql_int(path,
	    "SELECT length(data) FROM blob WHERE codec = 'zdict'"));
	buf_free(&c);
	buf_free(&z);
	buf_free(&raw);
	free(path);
}

/*
 * The same object written whole (as before version 14) and split reads
 * back as the same bytes, hashing to the hash it is stored under; so
 * show, the inspector and the diffs, which parse and print those bytes,
 * print the same.  A split blob missing a part, or whose parts were
 * swapped, is an error that names it.
 */
static void
test_blob_split(void **state)
{
	struct store	*old, *new;
	struct buf	 c = BUF_INIT, z = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	char		 hash[HASH_HEX_LEN + 1], got[HASH_HEX_LEN + 1];
	char		*path1, *path2, *cause = NULL, *pa, *pb, *sql;
	json_t		*ja, *jb;
	int		 added;

	(void)state;
	split_canon(&c, hash);
	path1 = db_path("whole.db");
	path2 = db_path("split.db");
	assert_int_equal(store_open(path1, STORE_CREATE, &old, &cause), 0);
	assert_int_equal(store_open(path2, STORE_CREATE, &new, &cause), 0);
	assert_int_equal(zblob_compress(c.data, c.len, &z, &cause), 0);
	assert_int_equal(store_blob_put(old, hash, ZBLOB_CODEC, c.len, z.data,
	    z.len, &added, &cause), 0);
	split_put(new, &c, hash);

	assert_int_equal(store_blob_text(old, hash, &a, &cause), 0);
	assert_int_equal(store_blob_text(new, hash, &b, &cause), 0);
	assert_int_equal(a.len, c.len);
	assert_int_equal(b.len, c.len);
	assert_memory_equal(a.data, c.data, c.len);
	assert_memory_equal(b.data, c.data, c.len);
	assert_int_equal(hash_sha256_hex(b.data, b.len, got), 0);
	assert_string_equal(got, hash);
	/* Pretty, as show prints it. */
	ja = json_loadb(a.data, a.len, JSON_DECODE_ANY, NULL);
	jb = json_loadb(b.data, b.len, JSON_DECODE_ANY, NULL);
	pa = json_dumps(ja, JSON_INDENT(2) | JSON_SORT_KEYS);
	pb = json_dumps(jb, JSON_INDENT(2) | JSON_SORT_KEYS);
	assert_string_equal(pa, pb);
	free(pa);
	free(pb);
	json_decref(ja);
	json_decref(jb);
	/* 3 blobs: the skeleton's and its two parts; stored once again. */
	assert_int_equal(store_blob_count(new), 3);
	assert_int_equal(store_blob_put_split(new, hash, c.len, "x", 1,
	    (const char *const *)&path1, 0, 0, &added, &cause), 0);
	assert_false(added);
	assert_int_equal(store_blob_count(new), 3);
	store_close(old);
	store_close(new);
	assert_int_equal(unit_sql_int(path2, "SELECT COUNT(*) FROM blob WHERE "
	    "codec = 'zsplit' AND typeof(hash) = 'blob' AND length(hash) = 32"),
	    1);

	/* The parts swapped: the bytes are not the object's. */
	raw_exec(path2, "UPDATE blob_part SET n = 2 WHERE n = 0;"
	    "UPDATE blob_part SET n = 0 WHERE n = 1;"
	    "UPDATE blob_part SET n = 1 WHERE n = 2");
	assert_int_equal(store_open(path2, 0, &new, &cause), 0);
	assert_int_equal(store_blob_text(new, hash, &b, &cause), -1);
	assert_non_null(strstr(cause, "does not match its hash"));
	assert_non_null(strstr(cause, hash));
	free(cause);
	cause = NULL;
	store_close(new);
	/* A part gone. */
	sql = xasprintf("DELETE FROM blob_part WHERE n = 1");
	raw_exec(path2, sql);
	free(sql);
	assert_int_equal(store_open(path2, 0, &new, &cause), 0);
	assert_int_equal(store_blob_text(new, hash, &b, &cause), -1);
	assert_non_null(cause);
	free(cause);
	store_close(new);

	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&z);
	free(path1);
	free(path2);
}

/*
 * split_obj with another latency and prompt price, split: its canonical
 * form in c, hash, skeleton and the places of the parts (stored by
 * split_put already).
 */
static void
delta_obj(struct store *s, int latency, const char *model_name,
    struct buf *c, char hash[HASH_HEX_LEN + 1], struct buf *skel,
    size_t at[CANON_PARTS], char ph[][HASH_HEX_LEN + 1])
{
	struct canon_span	 parts[CANON_PARTS];
	struct buf		 z = BUF_INIT;
	json_t			*v;
	size_t			 i;

	v = unit_parse(split_obj);
	json_object_set_new(json_object_get(v, "stats"), "p50_latency",
	    json_integer(latency));
	json_object_set_new(json_object_get(v, "pricing"), "prompt",
	    json_string(latency % 2 ? "0.00000002" : "0.00000003"));
	json_object_set_new(json_object_get(v, "model"), "name",
	    json_string(model_name));
	assert_int_equal(canon_dump(v, c), 0);
	json_decref(v);
	assert_int_equal(hash_sha256_hex(c->data, c->len, hash), 0);
	assert_int_equal(canon_split(c->data, c->len, split_keys, parts), 2);
	for (i = 0; i < 2; i++) {
		assert_int_equal(hash_sha256_hex(c->data + parts[i].off,
		    parts[i].len, ph[i]), 0);
		assert_int_equal(zblob_compress(c->data + parts[i].off,
		    parts[i].len, &z, NULL), 0);
		assert_int_equal(store_blob_put(s, ph[i], ZBLOB_CODEC,
		    parts[i].len, z.data, z.len, NULL, NULL), 0);
	}
	canon_skeleton(c->data, c->len, parts, 2, skel, at);
	buf_free(&z);
}

/* Store c (delta_obj) as a delta against the base of blob prev. */
static void
delta_put(struct store *s, const char *prev, const struct buf *c,
    const char *hash, const struct buf *skel, const size_t *at,
    char ph[][HASH_HEX_LEN + 1], int64_t *base)
{
	struct buf	 bskel = BUF_INIT, z = BUF_INIT, blob = BUF_INIT;
	const char	*pp[CANON_PARTS] = { ph[0], ph[1] };
	char		*cause = NULL;
	int		 found, added;

	assert_int_equal(store_blob_base(s, prev, &bskel, base, &found,
	    &cause), 0);
	assert_true(found);
	assert_int_equal(zblob_compress_base(skel->data, skel->len,
	    bskel.data, bskel.len, &z, &cause), 0);
	zblob_split_pack(at, 2, 1, z.data, z.len, &blob);
	assert_int_equal(store_blob_put_split(s, hash, c->len, blob.data,
	    blob.len, pp, 2, *base, &added, &cause), 0);
	assert_true(added);
	buf_free(&bskel);
	buf_free(&z);
	buf_free(&blob);
}

/*
 * A dictionary made after split blobs were stored recodes the gzip
 * skeleton of one that is no delta, its header kept, and leaves a delta as
 * it is; both read back as they were.  The file is then packed, unless it
 * is larger than asked.
 */
static void
test_blob_recode_split(void **state)
{
	struct store	*s;
	struct buf	 a = BUF_INIT, b = BUF_INIT, raw = BUF_INIT;
	struct buf	 skel = BUF_INIT;
	char		 ha[HASH_HEX_LEN + 1], hb[HASH_HEX_LEN + 1];
	char		 ph[CANON_PARTS][HASH_HEX_LEN + 1];
	char		*path, *cause = NULL;
	size_t		 at[CANON_PARTS], n;
	uint32_t	 dict;
	int64_t		 base, saved;

	(void)state;
	split_canon(&a, ha);
	path = db_path("recode-split.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	split_put(s, &a, ha);
	delta_obj(s, 812, "A: M", &b, hb, &skel, at, ph);
	delta_put(s, ha, &b, hb, &skel, at, ph, &base);
	raw_exec(path, "CREATE TABLE kept AS SELECT id, data FROM blob"
	    " WHERE codec = 'zsplit'");
	/* The whole one's stream is gzip: 1f 8b after version, n, places. */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob"
	    " WHERE codec = 'zsplit' AND substr(data, 1, 1) = x'01'"
	    " AND instr(data, x'1f8b') > 0"), 1);

	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_zdict_put(s, 1, a.data, a.len, &dict, &cause),
	    0);
	assert_int_equal(store_blob_recode(s, dict, &n, &saved, &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_true(n >= 1);
	assert_true(saved > 0);
	/* The delta as it was; the whole one smaller, its header kept. */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob b"
	    " JOIN kept k USING (id) WHERE b.data = k.data"
	    " AND substr(b.data, 1, 1) = x'02'"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob b"
	    " JOIN kept k USING (id) WHERE length(b.data) < length(k.data)"
	    " AND substr(b.data, 1, 1) = x'01' AND instr(b.data, x'1f8b') = 0"
	    " AND substr(b.data, 1, 3) = substr(k.data, 1, 3)"), 1);
	assert_int_equal(store_blob_text(s, ha, &raw, &cause), 0);
	assert_int_equal(raw.len, a.len);
	assert_memory_equal(raw.data, a.data, a.len);
	assert_int_equal(store_blob_text(s, hb, &raw, &cause), 0);
	assert_int_equal(raw.len, b.len);
	assert_memory_equal(raw.data, b.data, b.len);

	/* Packed only when it is no larger than asked. */
	raw_exec(path, "DROP TABLE kept");
	assert_int_equal(store_compact(s, 4096), 0);
	assert_true(unit_sql_int(path, "PRAGMA freelist_count") > 0);
	assert_int_equal(store_compact(s, INT64_MAX), 1);
	assert_int_equal(unit_sql_int(path, "PRAGMA freelist_count"), 0);
	assert_int_equal(store_blob_text(s, hb, &raw, &cause), 0);
	assert_memory_equal(raw.data, b.data, b.len);
	store_close(s);
	buf_free(&a);
	buf_free(&b);
	buf_free(&raw);
	buf_free(&skel);
	free(path);
}

/*
 * Deltas (schema 17): the next snapshot of an endpoint is its skeleton
 * compressed against the skeleton of the last, which reads back as the
 * same bytes; the delta of a delta is made against the first, so no text
 * is more than one base away.  A delta whose base is gone, or is not the
 * one it was made against, is an error that names it.
 */
static void
test_blob_delta(void **state)
{
	struct store	*s;
	struct buf	 a = BUF_INIT, b = BUF_INIT, c = BUF_INIT, d = BUF_INIT;
	struct buf	 raw = BUF_INIT, skel = BUF_INIT, bskel = BUF_INIT;
	struct buf	 askel = BUF_INIT;
	char		 ha[HASH_HEX_LEN + 1], hb[HASH_HEX_LEN + 1];
	char		 hc[HASH_HEX_LEN + 1], hd[HASH_HEX_LEN + 1];
	char		 ph[CANON_PARTS][HASH_HEX_LEN + 1];
	char		*path, *cause = NULL;
	size_t		 at[CANON_PARTS];
	int64_t		 base, base2, id;
	int		 found;

	(void)state;
	split_canon(&a, ha);
	path = db_path("delta.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	split_put(s, &a, ha);
	delta_obj(s, 812, "A: M", &b, hb, &skel, at, ph);
	delta_put(s, ha, &b, hb, &skel, at, ph, &base);
	assert_int_equal(store_blob_text(s, hb, &raw, &cause), 0);
	assert_int_equal(raw.len, b.len);
	assert_memory_equal(raw.data, b.data, b.len);
	/* The base of the delta is the delta's base, with a's skeleton. */
	assert_int_equal(store_blob_base(s, ha, &askel, &id, &found, &cause),
	    0);
	assert_true(found);
	assert_int_equal(id, base);
	assert_int_equal(store_blob_base(s, hb, &bskel, &id, &found, &cause),
	    0);
	assert_true(found);
	assert_int_equal(id, base);
	assert_int_equal(bskel.len, askel.len);
	assert_memory_equal(bskel.data, askel.data, askel.len);
	delta_obj(s, 901, "A: M", &c, hc, &skel, at, ph);
	delta_put(s, hb, &c, hc, &skel, at, ph, &base2);
	assert_int_equal(base2, base);
	assert_int_equal(store_blob_text(s, hc, &raw, &cause), 0);
	assert_memory_equal(raw.data, c.data, c.len);
	/* Another model part: that delta keeps parts of its own. */
	delta_obj(s, 903, "A: M 2", &d, hd, &skel, at, ph);
	delta_put(s, hc, &d, hd, &skel, at, ph, &base2);
	assert_int_equal(base2, base);
	assert_int_equal(store_blob_text(s, hd, &raw, &cause), 0);
	assert_int_equal(raw.len, d.len);
	assert_memory_equal(raw.data, d.data, d.len);
	/* A part is no base; nor is a blob that is not stored. */
	assert_int_equal(store_blob_base(s, ph[0], &bskel, &id, &found,
	    &cause), 0);
	assert_false(found);
	assert_int_equal(id, 0);
	assert_int_equal(store_blob_base(s, "nope", &bskel, &id, &found,
	    &cause), 0);
	assert_false(found);
	/*
	 * A base whose stream is cut: no base for the next delta (it is
	 * made whole), and the deltas of it do not read.
	 */
	raw_exec(path, "UPDATE blob SET data = substr(data, 1, length(data)"
	    " - 8) WHERE id = (SELECT part_id FROM blob_part WHERE n = -1"
	    " LIMIT 1)");
	assert_int_equal(store_blob_base(s, hb, &bskel, &id, &found, &cause),
	    0);
	assert_false(found);
	assert_int_equal(store_blob_base(s, ha, &bskel, &id, &found, &cause),
	    0);
	assert_false(found);
	assert_int_equal(store_blob_text(s, hc, &raw, &cause), -1);
	assert_non_null(strstr(cause, hc));
	free(cause);
	cause = NULL;
	store_close(s);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob_part"
	    " WHERE n = -1"), 3);
	/* b and c have a's parts: they keep none of their own. */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob_part"
	    " WHERE n >= 0 AND blob_id IN (SELECT blob_id FROM blob_part"
	    " WHERE n = -1)"), 2);

	/* The base another blob: b was not made against it. */
	raw_exec(path, "UPDATE blob_part SET part_id = (SELECT blob_id FROM"
	    " blob_part WHERE n = -1 ORDER BY blob_id DESC LIMIT 1)"
	    " WHERE n = -1 AND blob_id = (SELECT MIN(blob_id) FROM blob_part"
	    " WHERE n = -1)");
	assert_int_equal(store_open(path, 0, &s, &cause), 0);
	assert_int_equal(store_blob_text(s, hb, &raw, &cause), -1);
	assert_non_null(strstr(cause, hb));
	assert_non_null(strstr(cause, "its base is missing"));
	free(cause);
	cause = NULL;
	store_close(s);
	/* The base gone. */
	raw_exec(path, "DELETE FROM blob_part WHERE n = -1");
	assert_int_equal(store_open(path, 0, &s, &cause), 0);
	assert_int_equal(store_blob_text(s, hc, &raw, &cause), -1);
	assert_non_null(strstr(cause, "its base is missing"));
	free(cause);
	store_close(s);

	buf_free(&a);
	buf_free(&b);
	buf_free(&c);
	buf_free(&d);
	buf_free(&raw);
	buf_free(&skel);
	buf_free(&bskel);
	buf_free(&askel);
	free(path);
}

/*
 * 13 -> 14: the hashes become their 32 bytes in blob, the snapshots and
 * the projection (a name that is no hash stays as it is), the snapshot
 * tables lose their hash indexes, and the old blobs, whole, still read;
 * a sync adds split blobs beside them.
 */
#define DROP_V14_COLUMNS						\
	"DROP TABLE blob_part; DROP TABLE endpoint_snapshot;"		\
	"DROP TABLE model_snapshot;"					\
	"CREATE TABLE model_snapshot (run_id INTEGER NOT NULL"		\
	" REFERENCES run_log (id) ON DELETE CASCADE,"			\
	" model_key TEXT NOT NULL, kind TEXT NOT NULL,"			\
	" hash TEXT NOT NULL REFERENCES blob (hash),"			\
	" PRIMARY KEY (run_id, model_key, kind)) WITHOUT ROWID;"	\
	"CREATE INDEX model_snapshot_key ON model_snapshot"		\
	" (model_key, run_id);"						\
	"CREATE INDEX model_snapshot_hash ON model_snapshot (hash);"	\
	"CREATE TABLE endpoint_snapshot (run_id INTEGER NOT NULL"	\
	" REFERENCES run_log (id) ON DELETE CASCADE,"			\
	" endpoint_id TEXT NOT NULL, model_key TEXT NOT NULL,"		\
	" hash TEXT NOT NULL REFERENCES blob (hash),"			\
	" PRIMARY KEY (run_id, endpoint_id, model_key)) WITHOUT ROWID;" \
	"CREATE INDEX endpoint_snapshot_ep ON endpoint_snapshot"	\
	" (endpoint_id, model_key, run_id);"				\
	"CREATE INDEX endpoint_snapshot_hash ON endpoint_snapshot (hash);"

static void
test_migrate_v13(void **state)
{
	struct store	*s;
	struct snap_ref	*refs;
	struct buf	 c = BUF_INIT, z = BUF_INIT, raw = BUF_INIT;
	char		 hash[HASH_HEX_LEN + 1];
	char		*path, *cause = NULL, *sql;
	size_t		 n;
	int		 version;

	(void)state;
	split_canon(&c, hash);
	assert_int_equal(zblob_compress(c.data, c.len, &z, &cause), 0);
	path = db_path("v13.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, "PRAGMA foreign_keys = OFF;" DROP_V15_COLUMNS
	    DROP_V14_COLUMNS "PRAGMA user_version = 13;"
	    "INSERT INTO run_log (started_at, status) VALUES (1, 'ok');");
	sql = xasprintf("INSERT INTO blob (hash, codec, raw_len, data)"
	    " VALUES ('%s', 'gzip', %zu, x'", hash, c.len);
	{
		struct buf	q = BUF_INIT;
		size_t		i;
		char		hex[3];

		buf_add(&q, sql, strlen(sql));
		for (i = 0; i < z.len; i++) {
			snprintf(hex, sizeof hex, "%02x",
			    (unsigned char)z.data[i]);
			buf_add(&q, hex, 2);
		}
		buf_add(&q, "');", 3);
		free(sql);
		sql = xasprintf("%s"
		    "INSERT INTO blob (hash, codec, raw_len, data)"
		    " VALUES ('h1', 'gzip', 2, x'0102');"
		    "INSERT INTO endpoint_snapshot VALUES (1, 'e-1', 'a/m', '%s');"
		    "INSERT INTO model_snapshot VALUES (1, 'a/m', 'v1', 'h1');"
		    "INSERT INTO endpoint (endpoint_id, model_key, hash,"
		    " first_run_id, last_run_id) VALUES ('e-1', 'a/m', '%s', 1,"
		    " 1);", q.data, hash, hash);
		buf_free(&q);
	}
	raw_exec(path, sql);
	free(sql);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name = 'endpoint_snapshot_hash'"), 1);

	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	/* The old whole blob reads, by its hex name. */
	assert_int_equal(store_blob_text(s, hash, &raw, &cause), 0);
	assert_int_equal(raw.len, c.len);
	assert_memory_equal(raw.data, c.data, c.len);
	assert_int_equal(store_endpoint_snapshot_find(s, "e-1", NULL, 0,
	    &refs, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(refs[0].hash, hash);
	snap_ref_list_free(refs, n);
	assert_int_equal(store_model_snapshot_find(s, "a/m", "v1", 0,
	    &refs, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(refs[0].hash, "h1");
	snap_ref_list_free(refs, n);
	store_close(s);

	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob WHERE "
	    "typeof(hash) = 'blob' AND length(hash) = 32"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob WHERE "
	    "hash = 'h1'"), 1);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM endpoint_snapshot"
	    " s JOIN blob b ON b.hash = s.hash JOIN endpoint e"
	    " ON e.blob = b.id WHERE length(s.hash) = 32"), 1);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name IN ('endpoint_snapshot_hash', 'model_snapshot_hash')"),
	    0);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name IN ('blob_part', 'endpoint_snap_run',"
	    " 'model_snapshot_key')"), 3);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
	    "pragma_foreign_key_check"), 0);

	/* Run again (as a test taking it back a version does): the same. */
	raw_exec(path, DROP_V16_COLUMNS "PRAGMA user_version = 13");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_blob_text(s, hash, &raw, &cause), 0);
	assert_memory_equal(raw.data, c.data, c.len);
	store_close(s);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM endpoint_snapshot"
	    " WHERE length(hash) = 32"), 1);

	buf_free(&c);
	buf_free(&z);
	buf_free(&raw);
	free(path);
}

/* 5 -> 6: the directory's rows are kept, their new fields unknown. */
static void
test_migrate_v5(void **state)
{
	struct store		*s;
	struct model_row	*list;
	size_t			 n;
	char			*path, *cause = NULL;

	(void)state;
	path = db_path("v5.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, DROP_V6_COLUMNS "PRAGMA user_version = 5;"
	    "INSERT INTO model VALUES ('a/b-2505', 'A: B', 1);");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_model_list(s, NULL, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].name, "A: B");
	assert_null(list[0].model_id);
	assert_null(list[0].input_modalities);
	assert_int_equal(list[0].providers, 0);
	model_row_list_free(list, n);
	store_close(s);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
	    "pragma_table_info('model') WHERE name IN ('model_id',"
	    " 'expiration_date', 'price_completion')"), 3);
	free(path);
}

/*
 * 6 -> 7 -> 8: the provider table is made empty, the model directory and
 * the endpoint rows are kept, their 2026 fields unknown, and the next sync
 * reads every listing in full to fill them.
 */
static void
test_migrate_v6(void **state)
{
	struct store		*s;
	struct ep_row		*rows;
	size_t			 n;
	char			*path, *cause = NULL;
	int			 version;

	(void)state;
	path = db_path("v6.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, DROP_V7_COLUMNS "PRAGMA user_version = 6;"
	    "INSERT INTO run_log (started_at, status) VALUES (1, 'ok');"
	    "INSERT INTO model (model_key, name, model_id, last_run_id)"
	    " VALUES ('a/b-2505', 'A: B', 'a/b', 1);"
	    "INSERT INTO listing (model_key, body_sha, run_id, rows_n)"
	    " VALUES ('a/b-2505', 'abc', 1, 1);"
	    "INSERT INTO endpoint (endpoint_id, model_key, provider_slug,"
	    " price_prompt, first_run_id, last_run_id, active, listing)"
	    " VALUES ('e1', 'a/b-2505', 'p/fp8', 1e-6, 1, 1, 1, 1)");
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM sqlite_master "
	    "WHERE name = 'provider'"), 0);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(store_endpoint_load(s, 0, &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_true(rows[0].price_prompt == 1e-6);
	assert_string_equal(rows[0].model_id, "a/b");
	assert_null(rows[0].region);
	assert_null(rows[0].provider_hq);
	assert_true(isnan(rows[0].uptime_5m));
	assert_true(isnan(rows[0].latency_p99_ms));
	ep_row_list_free(rows, n);
	store_close(s);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM provider"), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
	    "pragma_table_info('endpoint') WHERE name IN ('uptime_5m',"
	    " 'throughput_p99', 'region')"), 3);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM listing "
	    "WHERE body_sha IS NULL"), 1);
	free(path);
}

/* 7 -> 8: the provider rows are kept and still found by an endpoint. */
static void
test_migrate_v7(void **state)
{
	struct store		*s;
	struct ep_row		*rows;
	size_t			 n;
	char			*path, *cause = NULL;
	int			 version;

	(void)state;
	path = db_path("v7.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, DROP_V8_COLUMNS "PRAGMA user_version = 7;"
	    "INSERT INTO run_log (started_at, status) VALUES (1, 'ok');"
	    "INSERT INTO provider (slug, name, headquarters, datacenters)"
	    " VALUES ('p', 'P', 'US', 'US,DE');"
	    "INSERT INTO endpoint (endpoint_id, model_key, provider_slug,"
	    " first_run_id, last_run_id, active)"
	    " VALUES ('e1', 'a/b', 'p/fp8', 1, 1, 1)");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(store_endpoint_load(s, 0, &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].provider_hq, "US");
	assert_string_equal(rows[0].provider_dc, "US,DE");
	assert_null(rows[0].region);
	assert_true(isnan(rows[0].throughput_p50));
	ep_row_list_free(rows, n);
	store_close(s);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM provider"), 1);
	free(path);
}

/* A pricing object with every kind of thing version 5 keeps. */
static const char pricing_2026[] =
    "{\"pricing\": {\"prompt\": \"0.000002\", \"completion\": \"0.000008\","
    " \"request\": \"0.0005\", \"input_cache_write\": \"0.0000025\","
    " \"input_cache_write_1h\": \"0.000004\", \"web_search\": \"0.01\","
    " \"internal_reasoning\": \"-1\", \"image\": \"0.001\","
    " \"discount\": 0.35, \"overrides\": ["
    "  {\"min_prompt_tokens\": 200000, \"prompt\": \"0.000004\"},"
    "  {\"utc_start\": 2200, \"utc_end\": 600, \"completion\": \"0.000004\"},"
    "  {\"utc_start\": \"x\"}]}, \"id\": \"e2\"}";

/* Version 11 to 12: the metadata tables, empty, and the provider's
 * columns. */
static void
test_migrate_v11(void **state)
{
	struct store		*s;
	struct prov_row		*rows = NULL, r;
	struct meta_author	 a;
	char			*path, *cause = NULL;
	size_t			 n = 0;
	int			 version, found;

	(void)state;
	path = db_path("v11.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, DROP_V12_COLUMNS "PRAGMA user_version = 11;"
	    "INSERT INTO provider (slug, name, fe_name) VALUES ('p', 'P', 'Q')");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	memset(&a, 0, sizeof a);
	assert_int_equal(store_author_get(s, "x", &a, &found, &cause), 0);
	assert_int_equal(found, 0);
	/* The frontend's documents stand in for the list's. */
	prov_row_init(&r);
	r.slug = xstrdup("p");
	r.privacy_policy_url = xstrdup("https://p/privacy");
	assert_int_equal(store_provider_merge(s, &r, 1, &cause), 0);
	prov_row_clear(&r);
	assert_int_equal(store_provider_load(s, &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].name, "P");
	assert_string_equal(rows[0].privacy_policy_url, "https://p/privacy");
	prov_row_list_free(rows, n);
	store_close(s);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM model_usage"), 0);
	free(path);
}

/* Version 14 to 15: the alias index is made, the aliases kept. */
static void
test_migrate_v14(void **state)
{
	struct store	*s;
	char		*path, *cause = NULL;
	int		 version;

	(void)state;
	path = db_path("v14.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, DROP_V15_COLUMNS "PRAGMA user_version = 14;"
	    "INSERT INTO model_alias (alias, model_key, last_run_id)"
	    " VALUES ('a/b', 'a/b-1', 1), ('a/c', 'a/b-1', 2)");
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE name = 'model_alias_key'"), 0);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	store_close(s);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE type = 'index' AND name = 'model_alias_key'"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM model_alias"
	    " INDEXED BY model_alias_key WHERE model_key = 'a/b-1'"), 2);
	free(path);
}

/*
 * 15 -> 16: endpoint snapshots by the ids of their projection row and
 * blob.  Every row reads back by name as before; each projection row keeps
 * its rowid as its id; a snapshot of an endpoint without a row gets one,
 * not active; and the history and gc work on the result.
 */
/* Row id of model m/a: its model name as read, and as kept ("": the
 * listing's, an empty blob). */
static void
name_is(struct store *s, const char *path, const char *id, const char *read,
    const char *kept)
{
	struct ep_row	*rows;
	char		*cause = NULL, *sql;
	size_t		 n, i, k = 0;

	assert_int_equal(store_endpoint_load_model(s, "m/a", &rows, &n,
	    &cause), 0);
	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].endpoint_id, id) != 0)
			continue;
		assert_string_equal(rows[i].model_name, read);
		k++;
	}
	ep_row_list_free(rows, n);
	assert_int_equal(k, 1);
	sql = xasprintf("SELECT COUNT(*) FROM endpoint WHERE endpoint_id = '%s'"
	    " AND CAST(model_name AS TEXT) = '%s'", id, kept);
	assert_int_equal(unit_sql_int(path, sql), 1);
	free(sql);
}

/*
 * A row keeps no model name of its own when it is the one the model's
 * listing gave; before that changes, such rows take the one they showed.
 * The directory's other names (catalogue, model list) change nothing.
 */
static void
test_model_name_shared(void **state)
{
	struct store	*s;
	struct ep_row	 row;
	char		*path, *cause = NULL, **keys;
	int64_t		 run;
	size_t		 n;
	int		 i, exact;

	(void)state;
	path = db_path("names.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_begin(s, "import", &run, &cause), 0);
	assert_int_equal(store_model_listed(s, "m/a", "A", run, &cause), 0);
	ep_row_init(&row);
	row.endpoint_id = xstrdup("e1");
	row.model_key = xstrdup("m/a");
	row.model_name = xstrdup("A");
	assert_int_equal(store_endpoint_upsert(s, &row, "aa", run, 0, 0,
	    &cause), 0);
	free(row.endpoint_id);
	row.endpoint_id = xstrdup("e2");
	free(row.model_name);
	row.model_name = xstrdup("A, as its listing says");
	assert_int_equal(store_endpoint_upsert(s, &row, "aa", run, 0, 0,
	    &cause), 0);
	name_is(s, path, "e1", "A", "");
	name_is(s, path, "e2", "A, as its listing says",
	    "A, as its listing says");

	/* The catalogue's name is another: nothing changes. */
	assert_int_equal(store_model_put(s, "m/a", NULL, "A (free)", run,
	    &cause), 0);
	name_is(s, path, "e1", "A", "");

	/* The listing's changes: e1 keeps "A". */
	assert_int_equal(store_model_listed(s, "m/a", "A2", run, &cause), 0);
	assert_int_equal(store_model_listed(s, "m/a", "A2", run, &cause), 0);
	name_is(s, path, "e1", "A", "A");
	free(row.endpoint_id);
	row.endpoint_id = xstrdup("e3");
	free(row.model_name);
	row.model_name = xstrdup("A2");
	assert_int_equal(store_endpoint_upsert(s, &row, "aa", run, 0, 0,
	    &cause), 0);
	name_is(s, path, "e3", "A2", "");
	/* Found by the directory's name and by the listing's. */
	assert_int_equal(store_model_put(s, "m/a", NULL, "Catalogue Z", run,
	    &cause), 0);
	for (i = 0; i < 2; i++) {
		assert_int_equal(store_model_resolve(s, i ? "catalogue" : "a2",
		    &keys, &n, &exact, &cause), 0);
		assert_int_equal(n, 1);
		assert_string_equal(keys[0], "m/a");
		store_strv_free(keys, n);
	}
	ep_row_clear(&row);
	store_close(s);
	free(path);
}

/*
 * Version 17 to 18: a change record that names its projection row leaves
 * its model_key '' (the row has it); a model's records read the same.  A
 * projection row names its snapshot's blob by id.
 */
static void
test_migrate_v17(void **state)
{
	struct store		*s;
	struct change_rec	*c;
	char			*path, *cause = NULL;
	int64_t			 run;
	size_t			 n, i;
	int			 version, added;

	(void)state;
	path = db_path("v17.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_begin(s, "import", &run, &cause), 0);
	assert_int_equal(store_blob_put(s, "aa", "gzip", 1, "x", 1, &added,
	    &cause), 0);
	unit_put_endpoint(s, run, "e1", "m/a", "aa");
	unit_put_endpoint(s, run, "e2", "m/a", "aa");
	unit_put_endpoint(s, run, "e1", "m/b", "aa");
	store_close(s);
	raw_exec(path, DROP_V18_COLUMNS "PRAGMA user_version = 17;");
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM changelog"
	    " WHERE model_key = 'm/a' AND ep IS NOT NULL"), 2);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM changelog"
	    " WHERE model_key = ''"), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"
	    " WHERE hash = 'aa'"), 3);

	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(store_changelog_model(s, "m/a", &c, &n, &cause), 0);
	/* The model's own record, then its two listings'. */
	assert_int_equal(n, 3);
	assert_string_equal(c[0].kind, "model_added");
	for (i = 0; i < n; i++)
		assert_string_equal(c[i].model_key, "m/a");
	assert_string_equal(c[1].endpoint_id, "e1");
	assert_string_equal(c[2].endpoint_id, "e2");
	change_rec_list_free(c, n);
	assert_int_equal(store_changelog_model(s, "m/b", &c, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(c[1].model_key, "m/b");
	assert_string_equal(c[1].endpoint_id, "e1");
	change_rec_list_free(c, n);
	store_close(s);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM changelog"
	    " WHERE model_key != '' AND ep IS NOT NULL"), 0);
	/* The snapshot's blob by id, the hash gone. */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint e"
	    " JOIN blob b ON b.id = e.blob WHERE b.hash = 'aa'"
	    " AND e.hash IS NULL"), 3);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE name IN ('changelog_ep', 'changelog_model')"
	    " AND sql LIKE '%WHERE%'"), 2);
	free(path);
}

/*
 * 20 -> 21: the same records, read the same (the view changes gives the
 * kind's name and the run's start), the kind a number, no time column or
 * index of it; a kind the upgrade does not know leaves the database as it
 * was.
 */
static void
test_migrate_v20(void **state)
{
	struct store	*s;
	char		*path, *cause = NULL;
	const char	*same = "SELECT (SELECT COUNT(*) FROM (SELECT * FROM"
	    " changes EXCEPT SELECT * FROM want)) + (SELECT COUNT(*) FROM"
	    " (SELECT * FROM want EXCEPT SELECT * FROM changes))";
	int64_t		 run[2];
	int		 version, added, pass;

	(void)state;
	path = db_path("v20.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_begin(s, "import", &run[0], &cause), 0);
	assert_int_equal(store_blob_put(s, "aa", "gzip", 1, "x", 1, &added,
	    &cause), 0);
	unit_put_endpoint(s, run[0], "e1", "m/a", "aa");
	unit_put_endpoint(s, run[0], "e2", "m/a", "aa");
	assert_int_equal(store_run_begin(s, "import", &run[1], &cause), 0);
	unit_put_endpoint(s, run[1], "e1", "m/b", "aa");
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_endpoint_tombstone(s, run[1], NULL, &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	store_close(s);
	raw_exec(path, "UPDATE run_log SET started_at = 86400000 * id;"
	    "CREATE TABLE want AS SELECT * FROM changes;"
	    "UPDATE endpoint SET p50_latency_ms = 120, latency_p50_ms = 120,"
	    " p50_throughput = 5.5, throughput_p50 = 7.5;");
	assert_true(unit_sql_int(path, "SELECT COUNT(DISTINCT kind)"
	    " FROM want") >= 3);
	for (pass = 0; pass < 2; pass++) {
		raw_exec(path, DROP_V21_COLUMNS "PRAGMA user_version = 20;");
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " changelog WHERE typeof(kind) != 'text'"), 0);
		if (pass == 1) {
			/* A kind 21 does not know: refused, nothing lost. */
			raw_exec(path, "UPDATE changelog SET kind = 'frob'"
			    " WHERE id = 1");
			assert_int_not_equal(store_open(path, STORE_CREATE, &s,
			    &cause), 0);
			assert_non_null(strstr(cause, "upgrade"));
			free(cause);
			cause = NULL;
			assert_int_equal(unit_sql_int(path,
			    "PRAGMA user_version"), 20);
			assert_int_equal(unit_sql_int(path, "SELECT COUNT(*)"
			    " FROM changelog WHERE kind = 'frob'"), 1);
			raw_exec(path, "UPDATE changelog SET kind = (SELECT"
			    " kind FROM want WHERE id = 1) WHERE id = 1");
		}
		assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
		assert_int_equal(store_schema_version(s, &version, &cause), 0);
		assert_int_equal(version, STORE_SCHEMA_VERSION);
		store_close(s);
		assert_int_equal(unit_sql_int(path, same), 0);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " changelog WHERE typeof(kind) != 'integer'"), 0);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " pragma_table_info('changelog') WHERE name = 'at'"), 0);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " sqlite_master WHERE name IN ('changelog_at',"
		    " 'changelog_metrics')"), 0);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " sqlite_master WHERE tbl_name = 'changelog'"
		    " AND type = 'index'"), 4);
	}
	/* Taken back by hand without the table's change: the same again. */
	raw_exec(path, "PRAGMA user_version = 20");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	assert_int_equal(unit_sql_int(path, same), 0);
	/* The median equal to the stats' became x'', the other is kept. */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"
	    " WHERE latency_p50_ms = x'' AND typeof(throughput_p50) = 'real'"),
	    3);
	free(path);
}

/*
 * A median equal to the stats' is stored as x'' and read back as that
 * value; a different one as it is; one a write keeps (keep_stats, none
 * given) keeps its value, not the new stats'.
 */
static void
test_same_medians(void **state)
{
	struct store	*s;
	struct ep_row	 row, *rows;
	char		*path, *cause = NULL;
	int64_t		 run;
	size_t		 n;
	int		 added;

	(void)state;
	path = db_path("same.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_begin(s, "import", &run, &cause), 0);
	assert_int_equal(store_blob_put(s, "aa", "gzip", 1, "x", 1, &added,
	    &cause), 0);
	ep_row_init(&row);
	row.endpoint_id = xstrdup("e1");
	row.model_key = xstrdup("m/a");
	row.p50_latency_ms = row.latency_p50_ms = 120.25;
	row.p50_throughput = 50.5;
	row.throughput_p50 = 61.5;
	assert_int_equal(store_endpoint_upsert(s, &row, "aa", run, 0, 0,
	    &cause), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"
	    " WHERE latency_p50_ms = x'' AND throughput_p50 = 61.5"), 1);
	assert_int_equal(store_endpoint_load(s, 0, &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_true(rows[0].latency_p50_ms == 120.25);
	assert_true(rows[0].p50_latency_ms == 120.25);
	assert_true(rows[0].throughput_p50 == 61.5);
	ep_row_list_free(rows, n);

	/* A catalogue's row: new stats, no percentiles; they keep theirs. */
	row.p50_latency_ms = 300;
	row.latency_p50_ms = NAN;
	row.throughput_p50 = NAN;
	assert_int_equal(store_endpoint_upsert(s, &row, "aa", run, 1, 0,
	    &cause), 0);
	assert_int_equal(store_endpoint_load(s, 0, &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_true(rows[0].p50_latency_ms == 300);
	assert_true(rows[0].latency_p50_ms == 120.25);
	assert_true(rows[0].throughput_p50 == 61.5);
	ep_row_list_free(rows, n);

	/* None: none. */
	row.p50_latency_ms = NAN;
	assert_int_equal(store_endpoint_upsert(s, &row, "aa", run, 0, 0,
	    &cause), 0);
	assert_int_equal(store_endpoint_load(s, 0, &rows, &n, &cause), 0);
	assert_true(isnan(rows[0].latency_p50_ms));
	assert_true(isnan(rows[0].p50_latency_ms));
	ep_row_list_free(rows, n);
	ep_row_clear(&row);
	store_close(s);
	free(path);
}

/* s with the first a replaced by b (a must be there). */
static char *
replace_once(const char *s, const char *a, const char *b)
{
	const char	*p;

	p = strstr(s, a);
	assert_non_null(p);
	return (xasprintf("%.*s%s%s", (int)(p - s), s, b, p + strlen(a)));
}

/*
 * Rebuild path's projection as it was before version 20: with the UNIQUE
 * key of whole texts (columns unique), without endpoint_key and its
 * triggers (which go with the table).  before runs once the view is gone,
 * after once the table is back, before the view comes back.
 */
static void
take_back_endpoint(const char *path, const char *unique, const char *before,
    const char *after)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	char		*create, *old, *key, *sql;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT sql FROM sqlite_master"
	    " WHERE name = 'endpoint'", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	create = replace_once((const char *)sqlite3_column_text(st, 0),
	    "CREATE TABLE endpoint (", "CREATE TABLE e_old (");
	sqlite3_finalize(st);
	key = xasprintf("\tblob\t\tINTEGER,\n\tUNIQUE (%s)\n)", unique);
	old = replace_once(create, "\tblob\t\tINTEGER\n)", key);
	sql = xasprintf("DROP VIEW endpoint_snapshot; %s"
	    "%s; INSERT INTO e_old SELECT * FROM endpoint;"
	    "DROP TABLE endpoint; ALTER TABLE e_old RENAME TO endpoint; %s"
	    "CREATE VIEW endpoint_snapshot (run_id, endpoint_id, model_key,"
	    " hash) AS SELECT s.run_id, e.endpoint_id, e.model_key, b.hash"
	    " FROM endpoint_snap s JOIN endpoint e ON e.id = s.ep"
	    " JOIN blob b ON b.id = s.blob_id;", before, old, after);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	free(create);
	free(key);
	free(old);
	free(sql);
}

/*
 * Take path's blob and endpoint tables back to version 18: a UNIQUE
 * index of whole hashes, the key (endpoint_id, model_key) and
 * endpoint_model.
 */
static void
take_back_v19(const char *path)
{
	take_back_endpoint(path, "endpoint_id, model_key",
	    "CREATE TABLE b18 (id INTEGER PRIMARY KEY, hash BLOB NOT NULL"
	    " UNIQUE, codec TEXT NOT NULL, raw_len INTEGER NOT NULL,"
	    " data BLOB NOT NULL);"
	    "INSERT INTO b18 SELECT id, hash, codec, raw_len, data FROM blob;"
	    "DROP TABLE blob; ALTER TABLE b18 RENAME TO blob;",
	    "CREATE INDEX endpoint_model ON endpoint (model_key);"
	    "CREATE INDEX endpoint_listing ON endpoint (listing);"
	    "PRAGMA user_version = 18;");
}

/*
 * The projection's key as version 20 has it: no UNIQUE index, the index
 * endpoint_key and the trigger that keeps a rename from repeating a key.
 */
#define KEY_V20								\
	"SELECT (SELECT COUNT(*) FROM pragma_index_list('endpoint')"	\
	" WHERE origin = 'u') = 0 AND (SELECT COUNT(*) FROM sqlite_master" \
	" WHERE name IN ('endpoint_key', 'endpoint_key_update')) = 2"

/* 18 -> 19: blob and endpoint rebuilt with their smaller indexes. */
static void
test_migrate_v18(void **state)
{
	struct store	*s;
	struct snap_ref	*refs;
	struct buf	 data = BUF_INIT;
	char		*path, *cause = NULL, codec[16];
	const char	*same = "SELECT (SELECT COUNT(*) FROM endpoint e JOIN ids"
	    " USING (id, endpoint_id, model_key, blob)) * 10 + (SELECT"
	    " COUNT(*) FROM blob JOIN bids USING (id, hash))";
	const char	*const missing[] = { "aa", "zz" };
	int64_t		 run, raw_len;
	size_t		 n;
	int		 pass, version, added, found;

	(void)state;
	path = db_path("v18.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_begin(s, "import", &run, &cause), 0);
	assert_int_equal(store_blob_put(s, "aa", "gzip", 1, "x", 1, &added,
	    &cause), 0);
	assert_int_equal(store_blob_put(s, "bb", "gzip", 1, "y", 1, &added,
	    &cause), 0);
	unit_put_endpoint(s, run, "e1", "m/a", "aa");
	unit_put_endpoint(s, run, "e2", "m/a", "bb");
	unit_put_endpoint(s, run, "e1", "m/b", "aa");
	assert_int_equal(store_endpoint_snapshot_put(s, run, "e1", "m/a", "aa",
	    &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run, "e2", "m/a", "bb",
	    &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run, "e1", "m/b", "aa",
	    &cause), 0);
	store_close(s);
	raw_exec(path, "CREATE TABLE ids AS SELECT id, endpoint_id, model_key,"
	    " blob FROM endpoint; CREATE TABLE bids AS SELECT id, hash FROM"
	    " blob; INSERT INTO blob_part (blob_id, n, part_id) SELECT b.id,"
	    " 0, a.id FROM blob a, blob b WHERE a.hash = 'aa'"
	    " AND b.hash = 'bb'");
	take_back_v19(path);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE name = 'endpoint_model'"), 1);
	assert_int_equal(unit_sql_int(path, KEY_V20), 0);
	assert_int_equal(unit_sql_int(path, same), 32);

	for (pass = 0; pass < 2; pass++) {
		/* Taken back a version by hand the second time. */
		if (pass == 1)
			raw_exec(path, "PRAGMA user_version = 18");
		assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
		assert_int_equal(store_schema_version(s, &version, &cause), 0);
		assert_int_equal(version, STORE_SCHEMA_VERSION);
		assert_int_equal(store_blob_get(s, "bb", codec, &raw_len, &data,
		    &found, &cause), 0);
		assert_true(found);
		assert_memory_equal(data.data, "y", 1);
		/* A hash stored is not stored again; a new one is. */
		assert_int_equal(store_blob_put(s, "aa", "gzip", 1, "z", 1,
		    &added, &cause), 0);
		assert_false(added);
		/* A split blob whose part is not stored is refused. */
		if (pass == 0) {
			assert_int_equal(store_blob_put_split(s, "ss", 2, "s",
			    1, missing, 2, 0, &added, &cause), -1);
			assert_non_null(strstr(cause, "is not stored"));
			free(cause);
			cause = NULL;
		}
		/* An endpoint id under every model that lists it. */
		assert_int_equal(store_endpoint_snapshot_find(s, "e1", NULL, 0,
		    &refs, &n, &cause), 0);
		assert_int_equal(n, 2);
		assert_string_equal(refs[0].hash, "aa");
		snap_ref_list_free(refs, n);
		store_close(s);
		/* Every row and id as before; the indexes of version 20. */
		assert_int_equal(unit_sql_int(path, same), 32);
		assert_int_equal(unit_sql_int(path, KEY_V20), 1);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " sqlite_master WHERE name IN ('endpoint_model', 'b18',"
		    " 'e18', 'blob_v19', 'endpoint_v19')"), 0);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " sqlite_master WHERE type = 'index' AND name IN"
		    " ('blob_hash', 'endpoint_listing', 'endpoint_eid')"), 3);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " pragma_index_list('blob')"), 1);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " sqlite_master WHERE name = 'endpoint_snapshot'"
		    " AND type = 'view'"), 1);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " endpoint_snapshot"), 3);
		assert_int_equal(unit_sql_int(path, "PRAGMA freelist_count"), 0);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
		    "pragma_foreign_key_check"), 0);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
		    "pragma_integrity_check WHERE integrity_check != 'ok'"), 0);
	}
	/* blob_part still refers to blob: its rows go with their blob. */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob_part"
	    " WHERE blob_id = (SELECT id FROM bids WHERE hash = 'bb')"), 1);
	raw_exec(path, "PRAGMA foreign_keys = ON; DELETE FROM blob"
	    " WHERE hash = 'bb'");
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM blob_part"
	    " WHERE blob_id = (SELECT id FROM bids WHERE hash = 'bb')"), 0);
	buf_free(&data);
	free(path);
}

/* sql's result code on the database at path; its message in *msg. */
static int
raw_exec_rc(const char *path, const char *sql, char **msg)
{
	sqlite3	*db;
	int	 rc;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	rc = sqlite3_exec(db, sql, NULL, NULL, msg);
	sqlite3_close(db);
	return (rc);
}

/*
 * A database at 20 taken back to 19 by hand: the projection with the
 * UNIQUE key of whole texts, model first.
 */
static void
take_back_v20(const char *path)
{
	take_back_endpoint(path, "model_key, endpoint_id", "",
	    "CREATE INDEX endpoint_listing ON endpoint (listing);"
	    "CREATE INDEX endpoint_eid ON endpoint (substr(endpoint_id, 1, 8));"
	    "PRAGMA user_version = 19;");
}

/*
 * 19 -> 20: the projection rebuilt without its UNIQUE key; the key stays
 * unique, kept so by the upsert's lookup and the rename's trigger, also
 * for ids that share their first 8 characters under one model.
 */
static void
test_migrate_v19(void **state)
{
	struct store	*s;
	char		*path, *cause = NULL, *msg = NULL;
	const char	*same = "SELECT COUNT(*) FROM endpoint e JOIN ids"
	    " USING (id, endpoint_id, model_key, blob, first_run_id,"
	    " price_prompt)";
	const char	*const rows[][2] = { { "e1", "m/a" }, { "e2", "m/a" },
	    { "e1", "m/b" }, { "v1:deepinfra/fp8", "m/a" },
	    { "v1:deepinfra/bf16", "m/a" } };
	int64_t		 run;
	size_t		 i;
	int		 pass, version, added;

	(void)state;
	path = db_path("v19.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_begin(s, "import", &run, &cause), 0);
	assert_int_equal(store_blob_put(s, "aa", "gzip", 1, "x", 1, &added,
	    &cause), 0);
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
		unit_put_endpoint(s, run, rows[i][0], rows[i][1], "aa");
	store_close(s);
	raw_exec(path, "UPDATE endpoint SET price_prompt = id * 1e-6;"
	    "CREATE TABLE ids AS SELECT id, endpoint_id, model_key, blob,"
	    " first_run_id, price_prompt FROM endpoint");
	take_back_v20(path);
	assert_int_equal(unit_sql_int(path, KEY_V20), 0);
	assert_int_equal(unit_sql_int(path, same), 5);
	for (pass = 0; pass < 2; pass++) {
		if (pass == 1)
			raw_exec(path, "PRAGMA user_version = 19");
		if (store_open(path, STORE_CREATE, &s, &cause) != 0)
			fail_msg("%s", cause);
		assert_int_equal(store_schema_version(s, &version, &cause), 0);
		assert_int_equal(version, STORE_SCHEMA_VERSION);
		store_close(s);
		/* Every row as it was, every column. */
		assert_int_equal(unit_sql_int(path, same), 5);
		/* Written again, each key finds its own row. */
		assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
		for (i = 0; i < sizeof rows / sizeof rows[0]; i++)
			unit_put_endpoint(s, run, rows[i][0], rows[i][1],
			    "aa");
		store_close(s);
		raw_exec(path, "UPDATE endpoint SET price_prompt = id * 1e-6");
		assert_int_equal(unit_sql_int(path, KEY_V20), 1);
		assert_int_equal(unit_sql_int(path, same), 5);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " endpoint"), 5);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " sqlite_master WHERE name IN ('e19', 'endpoint_v19')"),
		    0);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " sqlite_master WHERE type = 'index' AND name IN"
		    " ('endpoint_listing', 'endpoint_eid')"), 2);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM"
		    " sqlite_master WHERE name = 'endpoint_snapshot'"), 1);
		assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
		    "pragma_integrity_check WHERE integrity_check != 'ok'"), 0);
	}
	/* A rename to a key another row has is refused. */
	assert_int_equal(raw_exec_rc(path, "UPDATE endpoint SET endpoint_id ="
	    " 'e1' WHERE endpoint_id = 'e2'", &msg), SQLITE_CONSTRAINT);
	assert_non_null(strstr(msg, "endpoint key is not unique"));
	sqlite3_free(msg);
	msg = NULL;
	assert_int_equal(raw_exec_rc(path, "UPDATE endpoint SET model_key ="
	    " 'm/b' WHERE endpoint_id = 'e1' AND model_key = 'm/a'", &msg),
	    SQLITE_CONSTRAINT);
	sqlite3_free(msg);
	msg = NULL;
	/* Another model's row, or a new id, is no second row. */
	assert_int_equal(raw_exec_rc(path, "INSERT INTO endpoint (endpoint_id,"
	    " model_key, first_run_id, last_run_id) VALUES ('e2', 'm/b', 1,"
	    " 1); UPDATE endpoint SET endpoint_id = 'e3' WHERE endpoint_id ="
	    " 'e2' AND model_key = 'm/a'", NULL), SQLITE_OK);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"),
	    6);
	free(path);
}

/* "index" is in the plan of sql on the database at path. */
static void
plan_uses(const char *path, const char *sql, const char *index)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	struct buf	 plan = BUF_INIT;
	char		*q;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	q = xasprintf("EXPLAIN QUERY PLAN %s", sql);
	assert_int_equal(sqlite3_prepare_v2(db, q, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW)
		buf_printf(&plan, "%s\n", sqlite3_column_text(st, 3));
	sqlite3_finalize(st);
	sqlite3_close(db);
	buf_addch(&plan, '\0');
	if (strstr(plan.data, index) == NULL)
		fail_msg("%s\n%s: no %s", sql, plan.data, index);
	buf_free(&plan);
	free(q);
}

/*
 * The lookups by the indexes of expressions find their rows by them: a
 * lookup the planner cannot match (constant propagation, a view) scans
 * the table, which no other test would see.
 */
static void
test_key_plans(void **state)
{
	struct store	*s;
	char		*path, *cause = NULL;

	(void)state;
	path = db_path("plans.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	plan_uses(path, "SELECT id FROM endpoint WHERE "
	    EP_KEY_IS("", "?2", "?1"),
	    "USING INDEX endpoint_key (model_key=? AND <expr>=?)");
	plan_uses(path, "SELECT e.id FROM endpoint e WHERE "
	    EP_KEY_IS("e.", "?2", "?1"),
	    "USING INDEX endpoint_key (model_key=? AND <expr>=?)");
	plan_uses(path, "SELECT s.run_id FROM endpoint_snapshot s WHERE "
	    EP_KEY_IS("s.", "?2", "?1"),
	    "USING INDEX endpoint_key (model_key=? AND <expr>=?)");
	plan_uses(path, "SELECT id FROM endpoint WHERE "
	    EP_ID_IS("endpoint_id", "?1"),
	    "USING INDEX endpoint_eid (<expr>=?)");
	plan_uses(path, "SELECT s.run_id FROM endpoint_snapshot s WHERE "
	    EP_ID_IS("s.endpoint_id", "?1"),
	    "USING INDEX endpoint_eid (<expr>=?)");
	plan_uses(path, "SELECT id FROM blob WHERE " BLOB_HASH_IS("hash", "?1"),
	    "USING INDEX blob_hash (<expr>=?)");
	/* A model's v1 rows, a range of the key (store_endpoint_peers). */
	plan_uses(path, "SELECT e.id FROM endpoint e WHERE e.model_key = ?1"
	    " AND " EP_IS_V1("e."),
	    "USING INDEX endpoint_key (model_key=? AND <expr>>? AND <expr><?)");
	/* A row's key from another table's columns, and through the view. */
	plan_uses(path, "SELECT e.id FROM endpoint_snap s0 JOIN endpoint n"
	    " ON n.id = s0.ep LEFT JOIN endpoint e ON "
	    EP_KEY_IS("e.", "n.model_key", "n.endpoint_id"),
	    "USING INDEX endpoint_key (model_key=? AND <expr>=?)");
	plan_uses(path, "SELECT s.run_id FROM endpoint_snapshot s WHERE"
	    " s.run_id = (SELECT MAX(t.run_id) FROM endpoint_snapshot t WHERE "
	    EP_KEY_IS("t.", "s.model_key", "s.endpoint_id") ")",
	    "USING INDEX endpoint_key (model_key=? AND <expr>=?)");
	free(path);
}

static void
prefix_add(void *arg, const char *hex)
{
	struct hashfilter	*f = arg;

	assert_int_equal(strlen(hex), 16);
	hashfilter_add(f, hex);
}

/*
 * A run's filter of stored blobs is filled from the 8-byte prefixes the
 * hash index holds: every stored blob's full hash is a "maybe", and few
 * others are.
 */
static void
test_blob_prefixes(void **state)
{
	struct store		*s;
	struct hashfilter	 f;
	char			*path, *cause = NULL, text[32];
	char			 hash[HASH_HEX_LEN + 1];
	int			 i, added, maybe = 0;

	(void)state;
	path = db_path("prefixes.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	for (i = 0; i < 1000; i++) {
		snprintf(text, sizeof text, "blob %d", i);
		assert_int_equal(hash_sha256_hex(text, strlen(text), hash), 0);
		assert_int_equal(store_blob_put(s, hash, "gzip", 1, "x", 1,
		    &added, &cause), 0);
	}
	assert_int_equal(store_commit(s, &cause), 0);
	hashfilter_init(&f, (size_t)store_blob_count(s));
	assert_int_equal(store_blob_prefixes(s, prefix_add, &f, &cause), 0);
	for (i = 0; i < 2000; i++) {
		snprintf(text, sizeof text, "blob %d", i);
		assert_int_equal(hash_sha256_hex(text, strlen(text), hash), 0);
		if (i < 1000)
			assert_true(hashfilter_maybe(&f, hash));
		else
			maybe += hashfilter_maybe(&f, hash);
	}
	/* About one in four hundred; never more than a few. */
	assert_true(maybe < 20);
	hashfilter_free(&f);
	store_close(s);
	free(path);
}

static void
test_migrate_v15(void **state)
{
	struct store	*s;
	struct snap_ref	*refs;
	char		*path, *cause = NULL;
	const char	*same = "SELECT COUNT(*) FROM endpoint_snapshot s"
	    " JOIN v15 o USING (run_id, endpoint_id, model_key, hash)";
	int64_t		 run[2];
	size_t		 n;
	int		 version, added;

	(void)state;
	path = db_path("v15.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_begin(s, "import", &run[0], &cause), 0);
	assert_int_equal(store_run_begin(s, "import", &run[1], &cause), 0);
	assert_int_equal(store_blob_put(s, "aa", "gzip", 1, "x", 1, &added,
	    &cause), 0);
	assert_int_equal(store_blob_put(s, "bb", "gzip", 1, "y", 1, &added,
	    &cause), 0);
	unit_put_endpoint(s, run[0], "e1", "m/a", "aa");
	unit_put_endpoint(s, run[0], "e2", "m/a", "aa");
	unit_put_endpoint(s, run[0], "e1", "m/b", "bb");
	assert_int_equal(store_endpoint_snapshot_put(s, run[0], "e1", "m/a",
	    "aa", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run[1], "e1", "m/a",
	    "bb", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run[0], "e2", "m/a",
	    "aa", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run[0], "e1", "m/b",
	    "bb", &cause), 0);
	store_close(s);
	/* Version 15, with a row the old table allowed: no projection row. */
	raw_exec(path, "PRAGMA foreign_keys = OFF;" DROP_V16_COLUMNS
	    "PRAGMA user_version = 15;"
	    "INSERT INTO endpoint_snapshot VALUES (2, 'e9', 'm/z', 'bb');"
	    "CREATE TABLE v15 AS SELECT * FROM endpoint_snapshot;"
	    "CREATE TABLE ids AS SELECT rowid AS id, endpoint_id, model_key"
	    " FROM endpoint;");
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM v15"), 5);

	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(store_endpoint_snapshot_find(s, "e1", "m/a", run[0],
	    &refs, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(refs[0].hash, "aa");
	snap_ref_list_free(refs, n);
	assert_int_equal(store_endpoint_snapshot_find(s, "e1", "m/a", 0,
	    &refs, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(refs[0].hash, "bb");
	snap_ref_list_free(refs, n);
	store_close(s);

	/* The pages the rebuilt tables left are given back (VACUUM). */
	assert_int_equal(unit_sql_int(path, "PRAGMA freelist_count"), 0);
	/* Every row by name, as before; nothing else. */
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM endpoint_snap"),
	    5);
	assert_int_equal(unit_sql_int(path, same), 5);
	/* The rows' ids are their rowids of before. */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint e"
	    " JOIN ids USING (id, endpoint_id, model_key)"), 3);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"
	    " WHERE endpoint_id = 'e9' AND model_key = 'm/z' AND active = 0"
	    " AND first_run_id = 2"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE name IN ('endpoint_snapshot_ep', 'endpoint_v15')"), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE name IN ('blob_hash', 'endpoint_listing',"
	    " 'endpoint_snap_run') AND type = 'index'"), 3);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM sqlite_master"
	    " WHERE name = 'endpoint_snapshot' AND type = 'view'"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
	    "pragma_foreign_key_check"), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM "
	    "pragma_integrity_check WHERE integrity_check != 'ok'"), 0);

	/* Taken back a version by hand: upgraded again, the same rows. */
	raw_exec(path, "PRAGMA user_version = 15");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	assert_int_equal(unit_sql_int(path, "PRAGMA user_version"),
	    STORE_SCHEMA_VERSION);
	assert_int_equal(unit_sql_int(path, same), 5);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint e"
	    " JOIN ids USING (id, endpoint_id, model_key)"), 3);

	/* VACUUM keeps the ids the snapshots name. */
	raw_exec(path, "DELETE FROM endpoint WHERE endpoint_id = 'e2'; VACUUM");
	assert_int_equal(unit_sql_int(path, same), 4);
	free(path);
}

static void
test_migrate_v4(void **state)
{
	struct store		*s;
	struct ep_row		 row, *rows;
	struct price		 p;
	struct price_shape	 shape;
	json_t			*obj;
	char			*path, *cause = NULL;
	int64_t			 run;
	size_t			 n;
	unsigned		 w = 0;
	int			 version;
	double			 want;

	(void)state;
	path = db_path("v4.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, DROP_V5_COLUMNS
	    "PRAGMA user_version = 4;"
	    "INSERT INTO run_log (started_at, status) VALUES (1, 'ok');"
	    "INSERT INTO listing (model_key, body_sha, run_id, rows_n)"
	    " VALUES ('a/b', 'abc', 1, 1);"
	    "INSERT INTO endpoint (endpoint_id, model_key, price_prompt,"
	    " price_completion, status, first_run_id, last_run_id, listing)"
	    " VALUES ('e1', 'a/b', 1e-6, 2e-6, -2, 1, 1, 1)");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	/* The old row is kept; its new parts read as absent. */
	assert_int_equal(store_endpoint_load(s, 0, &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_true(rows[0].price_prompt == 1e-6);
	assert_true(rows[0].price_completion == 2e-6);
	assert_true(rows[0].status == -2);
	assert_true(isnan(rows[0].price_request));
	assert_true(isnan(rows[0].price_cache_write));
	assert_true(isnan(rows[0].discount));
	assert_int_equal(rows[0].price_unknown, 0);
	assert_null(rows[0].price_overrides);
	ep_row_list_free(rows, n);
	/* The next sync reads the listing in full, to fill them. */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM listing "
	    "WHERE body_sha IS NULL"), 1);

	/* A 2026 price list goes through the store and back whole. */
	assert_int_equal(store_run_begin(s, "import", &run, &cause), 0);
	obj = json_loads(pricing_2026, 0, NULL);
	assert_non_null(obj);
	ep_row_init(&row);
	assert_int_equal(ep_project(obj, EP_SRC_V1, NULL, &row, &w, &cause),
	    0);
	json_decref(obj);
	assert_int_equal(w, 1);		/* the malformed window */
	free(row.model_key);
	row.model_key = xstrdup("a/b");
	assert_int_equal(store_endpoint_upsert(s, &row, NULL, run, 0, 0,
	    &cause), 0);
	price_init(&p);
	ep_row_price(&row, &p);
	price_shape_init(&shape);
	shape.prompt = 300000;
	shape.completion = 1000;
	shape.cache_write = 0.5;
	shape.searches = 2;
	shape.utc_minute = 23 * 60;
	want = price_cost(&p, &shape, NULL);
	assert_false(isnan(want));
	ep_row_clear(&row);
	assert_int_equal(store_endpoint_load_model(s, "a/b", &rows, &n,
	    &cause), 0);
	assert_int_equal(n, 2);
	assert_string_equal(rows[1].endpoint_id, "e2");
	assert_true(rows[1].price_request == 0.0005);
	assert_true(rows[1].price_cache_write == 0.0000025);
	assert_true(rows[1].price_cache_write_1h == 0.000004);
	assert_true(rows[1].price_web_search == 0.01);
	assert_true(rows[1].price_image == 0.001);
	assert_true(isnan(rows[1].price_internal_reasoning));
	assert_int_equal(rows[1].price_unknown, 1u << PRICE_REASONING);
	assert_true(rows[1].discount == 0.35);
	assert_non_null(rows[1].price_overrides);
	ep_row_price(&rows[1], &p);
	assert_int_equal(p.nov, 2);
	assert_true(price_cost(&p, &shape, NULL) == want);
	price_clear(&p);
	ep_row_list_free(rows, n);
	store_close(s);
	free(path);
}

/* Version 8 to 9: old runs keep their count and have no warning texts. */
static void
test_migrate_v8(void **state)
{
	struct store	*s;
	struct run_info	 r;
	char		*path, *cause = NULL;
	int		 version, found;

	(void)state;
	path = db_path("v8.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	store_close(s);
	raw_exec(path, DROP_V9_COLUMNS "PRAGMA user_version = 8;"
	    "INSERT INTO run_log (started_at, status, warnings)"
	    " VALUES (1, 'ok', 3);");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_schema_version(s, &version, &cause), 0);
	assert_int_equal(version, STORE_SCHEMA_VERSION);
	assert_int_equal(store_run_get(s, 1, &r, &found, &cause), 0);
	assert_true(found);
	assert_int_equal(r.warnings, 3);
	assert_null(r.warning_texts);
	run_info_clear(&r);
	r.id = 1;
	snprintf(r.status, sizeof r.status, "ok");
	r.warnings = 4;
	r.warning_texts = (char *)"x: y";
	assert_int_equal(store_run_update(s, &r, &cause), 0);
	assert_int_equal(store_run_get(s, 1, &r, &found, &cause), 0);
	assert_string_equal(r.warning_texts, "x: y");
	run_info_clear(&r);
	store_close(s);
	free(path);
}

static void
test_runs_blobs_snapshots(void **state)
{
	struct store	*s;
	struct run_info	 r, *list;
	struct snap_ref	*refs;
	struct buf	 data = BUF_INIT;
	char		*path, *cause = NULL, codec[16];
	int64_t		 id1, id2, raw_len;
	size_t		 n;
	int		 added, found, exists;

	(void)state;
	path = db_path("runs.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_latest(s), 0);
	assert_int_equal(store_run_begin(s, "import", &id1, &cause), 0);
	assert_int_equal(store_run_begin(s, "sync", &id2, &cause), 0);
	assert_true(id2 > id1);
	assert_int_equal(store_run_latest(s), id2);

	memset(&r, 0, sizeof r);
	r.id = id1;
	r.models_done = 3;
	r.endpoints_done = 7;
	r.bytes_raw = 1000;
	snprintf(r.status, sizeof r.status, "partial");
	r.errors = (char *)"x.json: bad";
	r.warnings = 5;
	r.warning_texts = (char *)"a: odd\nb: odder";
	assert_int_equal(store_run_finish(s, &r, &cause), 0);
	assert_int_equal(store_run_get(s, id1, &r, &found, &cause), 0);
	assert_true(found);
	assert_string_equal(r.status, "partial");
	assert_string_equal(r.errors, "x.json: bad");
	/* Version 6: the first warnings' texts beside their count. */
	assert_int_equal(r.warnings, 5);
	assert_string_equal(r.warning_texts, "a: odd\nb: odder");
	assert_string_equal(r.source, "import");
	assert_int_equal(r.endpoints_done, 7);
	assert_true(r.ended_at > 0);
	run_info_clear(&r);
	assert_int_equal(store_run_list(s, &list, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].id, id2);
	assert_string_equal(list[0].status, "running");
	run_info_list_free(list, n);

	/* Blobs are content-addressed: a second put adds nothing. */
	assert_int_equal(store_blob_put(s, "aa", "gzip", 3, "xyz", 3, &added,
	    &cause), 0);
	assert_true(added);
	assert_int_equal(store_blob_put(s, "aa", "gzip", 3, "xyz", 3, &added,
	    &cause), 0);
	assert_false(added);
	assert_int_equal(store_blob_count(s), 1);
	assert_int_equal(store_blob_exists(s, "aa", &exists, &cause), 0);
	assert_true(exists);
	assert_int_equal(store_blob_exists(s, "bb", &exists, &cause), 0);
	assert_false(exists);
	assert_int_equal(store_blob_get(s, "aa", codec, &raw_len, &data, &found,
	    &cause), 0);
	assert_true(found);
	assert_string_equal(codec, "gzip");
	assert_int_equal(data.len, 3);
	assert_memory_equal(data.data, "xyz", 3);
	buf_free(&data);
	assert_int_equal(store_blob_put(s, "bb", "gzip", 1, "q", 1, &added,
	    &cause), 0);

	/* The same endpoint under two models; snapshots per run. */
	unit_put_endpoint(s, id1, "e1", "m/a", "aa");
	unit_put_endpoint(s, id1, "e1", "m/a:thinking", "aa");
	unit_put_endpoint(s, id1, "e2", "m/a", "aa");
	assert_int_equal(store_endpoint_snapshot_put(s, id1, "e1", "m/a", "aa",
	    &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, id1, "e1",
	    "m/a:thinking", "aa", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, id2, "e1", "m/a", "bb",
	    &cause), 0);
	assert_int_equal(store_endpoint_snapshot_find(s, "e1", NULL, 0, &refs,
	    &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(refs[0].run_id, id2);
	assert_string_equal(refs[0].hash, "bb");
	assert_string_equal(refs[1].model_key, "m/a:thinking");
	snap_ref_list_free(refs, n);
	assert_int_equal(store_endpoint_snapshot_find(s, "e1", "m/a", id1,
	    &refs, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(refs[0].hash, "aa");
	assert_int_equal(refs[0].run_id, id1);
	snap_ref_list_free(refs, n);

	/* A snapshot must point at a stored blob, and at a projection row. */
	assert_int_equal(store_endpoint_snapshot_put(s, id1, "e2", "m/a",
	    "nope", &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(store_endpoint_snapshot_put(s, id1, "e3", "m/a",
	    "aa", &cause), -1);
	assert_non_null(strstr(cause, "e3"));
	free(cause);
	cause = NULL;

	assert_int_equal(store_model_snapshot_put(s, id1, "m/a", "v1", "aa",
	    &cause), 0);
	assert_int_equal(store_model_snapshot_put(s, id1, "m/a", "catalogue",
	    "bb", &cause), 0);
	assert_int_equal(store_model_snapshot_find(s, "m/a", "v1", 0, &refs,
	    &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(refs[0].kind, "v1");
	snap_ref_list_free(refs, n);
	store_close(s);
	free(path);
}

static void
test_projection(void **state)
{
	struct store	*s;
	struct ep_row	 row, *rows;
	char		*path, *cause = NULL, **keys;
	int64_t		 run;
	size_t		 n;
	int		 exact;

	(void)state;
	path = db_path("proj.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_begin(s, "import", &run, &cause), 0);
	ep_row_init(&row);
	row.endpoint_id = xstrdup("e1");
	row.model_key = xstrdup("acme/rocket-2505:free");
	row.model_name = xstrdup("Acme: Rocket (free)");
	row.provider_slug = xstrdup("nimbus/fp8");
	row.context_length = 131072;
	row.price_prompt = 2.5e-7;
	row.supports_tools = 1;
	row.training = 0;
	assert_int_equal(store_endpoint_upsert(s, &row, NULL, run, 0, 0,
	    &cause), 0);
	assert_int_equal(store_endpoint_upsert(s, &row, NULL, run + 1, 0, 0,
	    &cause), 0);
	ep_row_clear(&row);
	assert_int_equal(store_endpoint_load(s, 0, &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].provider_slug, "nimbus/fp8");
	assert_null(rows[0].provider_name);
	assert_int_equal(rows[0].context_length, 131072);
	assert_true(rows[0].max_output == EP_NULL_INT);
	assert_true(fabs(rows[0].price_prompt - 2.5e-7) < 1e-20);
	assert_true(isnan(rows[0].price_completion));
	assert_int_equal(rows[0].supports_tools, 1);
	assert_int_equal(rows[0].supports_images, -1);
	assert_int_equal(rows[0].training, 0);
	assert_int_equal(rows[0].first_run_id, run);
	assert_int_equal(rows[0].last_run_id, run + 1);
	assert_int_equal(rows[0].active, 1);
	ep_row_list_free(rows, n);

	assert_int_equal(store_model_put(s, "acme/rocket-2505:free",
	    "acme/rocket:free", "Acme: Rocket (free)", run, &cause), 0);
	assert_int_equal(store_model_resolve(s, "acme/rocket:free", &keys, &n,
	    &exact, &cause), 0);
	assert_int_equal(n, 1);
	assert_true(exact);
	assert_string_equal(keys[0], "acme/rocket-2505:free");
	store_strv_free(keys, n);
	assert_int_equal(store_model_resolve(s, "ROCKET", &keys, &n, &exact,
	    &cause), 0);
	assert_int_equal(n, 1);
	assert_false(exact);
	store_strv_free(keys, n);
	assert_int_equal(store_model_put(s, "acme/rocket-2505", NULL, NULL,
	    run, &cause), 0);
	/* "rocket-2505" matches the base key and its :free variant. */
	assert_int_equal(store_model_resolve(s, "rocket-2505", &keys, &n,
	    &exact, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0], "acme/rocket-2505");
	store_strv_free(keys, n);
	/* An alias that moved to another key: the newest run wins. */
	assert_int_equal(store_model_put(s, "acme/rocket-2507:free",
	    "acme/rocket:free", "Acme: Rocket 2 (free)", run + 5, &cause), 0);
	assert_int_equal(store_model_resolve(s, "acme/rocket:free", &keys, &n,
	    &exact, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(keys[0], "acme/rocket-2507:free");
	store_strv_free(keys, n);
	/* Keys that are not all variants of one base: ambiguous. */
	assert_int_equal(store_model_resolve(s, "rocket", &keys, &n, &exact,
	    &cause), 0);
	assert_int_equal(n, 3);
	assert_false(exact);
	store_strv_free(keys, n);
	assert_int_equal(store_model_resolve(s, "zzz", &keys, &n, &exact,
	    &cause), 0);
	assert_int_equal(n, 0);
	store_strv_free(keys, n);

	assert_int_equal(store_metric_put(s, "e1", "latency", "day", 86400,
	    12.5, &cause), 0);
	assert_int_equal(store_metric_put(s, "e1", "latency", "day", 86400,
	    13.5, &cause), 0);
	assert_int_equal(store_metric_count(s), 1);
	assert_int_equal(store_metric_put(s, "e1", "latency", "week", 86400,
	    13.5, &cause), -1);
	free(cause);
	store_close(s);
	free(path);
}

/* One endpoint row, as a listing or another writer stores it. */
static void
listing_row(struct store *s, const char *id, int64_t run, double uptime,
    int64_t listing)
{
	struct ep_row	 row;
	char		*cause = NULL;

	ep_row_init(&row);
	row.endpoint_id = xstrdup(id);
	row.model_key = xstrdup("acme/rocket");
	row.uptime = uptime;
	assert_int_equal(store_endpoint_upsert(s, &row, "h", run, 0, listing,
	    &cause), 0);
	ep_row_clear(&row);
}

static void
test_listing(void **state)
{
	struct store		*s;
	struct listing_memo	 m, got;
	struct ep_row		*rows;
	char			*path, *cause = NULL;
	int64_t			 run, id, id2, n, seen;
	size_t			 nrows;

	(void)state;
	path = db_path("listing.db");
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	assert_int_equal(store_run_begin(s, "sync", &run, &cause), 0);

	/* A model without a listing; ids are made once per model. */
	assert_int_equal(store_listing_get(s, "acme/rocket", &got, &cause), 0);
	assert_int_equal(got.id, 0);
	assert_int_equal(store_listing_id(s, "acme/rocket", &id, &cause), 0);
	assert_true(id > 0);
	assert_int_equal(store_listing_id(s, "acme/rocket", &id2, &cause), 0);
	assert_int_equal(id2, id);
	assert_int_equal(store_listing_id(s, "acme/other", &id2, &cause), 0);
	assert_true(id2 != id);

	/* Two rows written by the listing in run, with the uptime it gave. */
	listing_row(s, "e1", run, 99.5, id);
	listing_row(s, "e2", run, NAN, id);
	assert_int_equal(store_listing_rows(s, id, run, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_listing_rows(s, id2, run, &n, &cause), 0);
	assert_int_equal(n, 0);

	memset(&m, 0, sizeof m);
	m.id = id;
	snprintf(m.body_sha, sizeof m.body_sha, "%s", "ab12");
	m.run_id = run;
	m.rows = 2;
	m.endpoints = 3;
	m.warnings = 1;
	m.names = (char *)"[[\"acme/rocket\",\"Rocket\"]]";
	assert_int_equal(store_listing_put(s, &m, &cause), 0);
	assert_int_equal(store_listing_get(s, "acme/rocket", &got, &cause), 0);
	assert_int_equal(got.id, id);
	assert_string_equal(got.body_sha, "ab12");
	assert_int_equal(got.run_id, run);
	assert_int_equal(got.rows, 2);
	assert_int_equal(got.endpoints, 3);
	assert_int_equal(got.warnings, 1);
	assert_string_equal(got.names, m.names);
	listing_memo_clear(&got);

	/*
	 * A metric series changes e1's uptime; seeing the listing again puts
	 * back the uptime it gave, as writing it again would, and keeps the
	 * other's.
	 */
	assert_int_equal(store_metric_put(s, "e1", "uptime", "hour", 3600,
	    42.0, &cause), 0);
	assert_int_equal(store_metric_put(s, "e2", "uptime", "hour", 3600,
	    77.0, &cause), 0);
	assert_int_equal(store_endpoint_refresh_uptime(s, "e1", &cause), 0);
	assert_int_equal(store_endpoint_refresh_uptime(s, "e2", &cause), 0);
	assert_int_equal(store_endpoint_tombstone(s, run + 1, &n, &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(store_listing_seen(s, id, run, run + 1, &n, &cause),
	    0);
	assert_int_equal(n, 2);
	assert_int_equal(store_endpoint_seen(s, "e1", "acme/rocket", &seen,
	    &cause), 0);
	assert_int_equal(seen, run + 1);
	assert_int_equal(store_endpoint_seen(s, "e9", "acme/rocket", &seen,
	    &cause), 0);
	assert_int_equal(seen, 0);
	assert_int_equal(store_endpoint_load(s, 0, &rows, &nrows, &cause), 0);
	assert_int_equal(nrows, 2);
	if (strcmp(rows[0].endpoint_id, "e1") != 0) {
		struct ep_row t = rows[0];
		rows[0] = rows[1];
		rows[1] = t;
	}
	assert_string_equal(rows[0].endpoint_id, "e1");
	assert_true(fabs(rows[0].uptime - 99.5) < 1e-9);
	assert_int_equal(rows[0].active, 1);
	assert_true(fabs(rows[1].uptime - 77.0) < 1e-9);
	assert_int_equal(rows[1].last_run_id, run + 1);
	assert_int_equal(rows[1].active, 1);
	ep_row_list_free(rows, nrows);

	/* Another writer takes e2: it is no longer the listing's. */
	listing_row(s, "e2", run + 1, NAN, 0);
	assert_int_equal(store_listing_rows(s, id, run + 1, &n, &cause), 0);
	assert_int_equal(n, 1);
	/* Only the listing's own rows of the run named are seen again. */
	assert_int_equal(store_listing_seen(s, id, run, run + 2, &n, &cause),
	    0);
	assert_int_equal(n, 0);
	assert_int_equal(store_listing_seen(s, id, run + 1, run + 2, &n,
	    &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(store_endpoint_seen(s, "e1", "acme/rocket", &seen,
	    &cause), 0);
	assert_int_equal(seen, run + 2);
	assert_int_equal(store_endpoint_seen(s, "e2", "acme/rocket", &seen,
	    &cause), 0);
	assert_int_equal(seen, run + 1);
	store_close(s);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_create),
		cmocka_unit_test(test_missing_readonly),
		cmocka_unit_test(test_newer_refused),
		cmocka_unit_test(test_not_orbrowse),
		cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_migrate_v4),
		cmocka_unit_test(test_migrate_v5),
		cmocka_unit_test(test_migrate_v6),
		cmocka_unit_test(test_migrate_v7),
		cmocka_unit_test(test_migrate_v8),
		cmocka_unit_test(test_migrate_v11),
		cmocka_unit_test(test_migrate_v13),
		cmocka_unit_test(test_blob_split),
		cmocka_unit_test(test_blob_add_ids),
		cmocka_unit_test(test_blob_ids_remembered),
		cmocka_unit_test(test_blob_delta),
		cmocka_unit_test(test_migrate_v14),
		cmocka_unit_test(test_migrate_v15),
		cmocka_unit_test(test_migrate_v17),
		cmocka_unit_test(test_migrate_v20),
		cmocka_unit_test(test_same_medians),
		cmocka_unit_test(test_migrate_v18),
		cmocka_unit_test(test_migrate_v19),
		cmocka_unit_test(test_key_plans),
		cmocka_unit_test(test_blob_prefixes),
		cmocka_unit_test(test_model_name_shared),
		cmocka_unit_test(test_blob_recode),
		cmocka_unit_test(test_blob_recode_split),
		cmocka_unit_test(test_runs_blobs_snapshots),
		cmocka_unit_test(test_projection),
		cmocka_unit_test(test_listing),
	};
	char	cmd[128];
	int	rc;

	if (mkdtemp(tmpdir) == NULL)
		return (1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = rc != 0 ? rc : 1;
	return (rc);
}
