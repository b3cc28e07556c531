/*
 * store: the connection -- opening the file (creating it, upgrading its
 * schema, or reading it as immutable where it cannot be written), closing
 * it, transactions and their savepoints, the writer lock, and the
 * connection's settings for a bulk writer.  The other files of src/store/
 * are named for what they hold; store-private.h says how statements are
 * run.
 */
#include "config.h"

#include "store/store.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/store-private.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/xmalloc.h"

extern const char store_schema_sql[];

static int	store_upgrade_for_reader(const char *, char **);

/* The version that added the change records (see store_migrate). */
#define STORE_CHANGELOG_VERSION	10
/* The last version that rebuilt big tables (the projection, blobs,
 * change records). */
#define STORE_REBUILT_VERSION	21

/*
 * Forward migrations: migrations[v] upgrades a database at version v to
 * v + 1.  Version 0 is a new file, which gets the whole schema at once.
 */
static const char *migrations[STORE_SCHEMA_VERSION] = {
	NULL,
	/* 1 -> 2: the model directory (names and v1 ids of model keys). */
	"CREATE TABLE model ("
	"  model_key TEXT PRIMARY KEY, name TEXT, last_run_id INTEGER)"
	"  WITHOUT ROWID;"
	"CREATE TABLE model_alias ("
	"  alias TEXT NOT NULL, model_key TEXT NOT NULL, last_run_id INTEGER,"
	"  PRIMARY KEY (alias, model_key)) WITHOUT ROWID;",
	/*
	 * 2 -> 3: blobs move to a rowid table (a WITHOUT ROWID table stores
	 * kilobyte rows in mostly empty overflow pages, ~4x the bytes), and
	 * preset dictionaries for the 'zdict' codec.  Runs with foreign keys
	 * off (see store_migrate).
	 */
	"CREATE TABLE blob_v3 ("
	"  id INTEGER PRIMARY KEY, hash TEXT NOT NULL UNIQUE,"
	"  codec TEXT NOT NULL, raw_len INTEGER NOT NULL, data BLOB NOT NULL);"
	"INSERT INTO blob_v3 (hash, codec, raw_len, data)"
	"  SELECT hash, codec, raw_len, data FROM blob ORDER BY hash;"
	"DROP TABLE blob;"
	"ALTER TABLE blob_v3 RENAME TO blob;"
	"CREATE TABLE zdict ("
	"  id INTEGER PRIMARY KEY, created_run INTEGER, data BLOB NOT NULL);"
	/* Indexes no query used, which every sync paid to update. */
	"DROP INDEX IF EXISTS endpoint_provider;"
	"DROP INDEX IF EXISTS endpoint_active_prompt;"
	"DROP INDEX IF EXISTS endpoint_active_ctx;"
	"DROP INDEX IF EXISTS endpoint_active_latency;"
	"DROP INDEX IF EXISTS endpoint_active_tps;"
	"DROP INDEX IF EXISTS endpoint_last_run;",
	/*
	 * 3 -> 4: listings a sync can recognise unchanged by their bytes
	 * (see data/schema.sql).  Existing rows have no listing: the first
	 * sync after the upgrade reads every listing in full.
	 */
	"ALTER TABLE endpoint ADD COLUMN listing INTEGER;"
	"ALTER TABLE endpoint ADD COLUMN listed_uptime REAL;"
	"CREATE INDEX endpoint_listing ON endpoint (listing);"
	"CREATE TABLE listing ("
	"  id INTEGER PRIMARY KEY, model_key TEXT NOT NULL UNIQUE,"
	"  body_sha TEXT, run_id INTEGER, rows_n INTEGER NOT NULL DEFAULT 0,"
	"  endpoints INTEGER NOT NULL DEFAULT 0,"
	"  warnings INTEGER NOT NULL DEFAULT 0, names TEXT);",
	/*
	 * 4 -> 5: every price component, the discount and the overrides
	 * (see data/schema.sql).  Old rows hold only the three prices they
	 * had, which read as "the rest absent" until a sync writes them
	 * again; forgetting each listing's bytes makes the next sync parse
	 * every listing in full instead of marking its rows seen.
	 */
	"ALTER TABLE endpoint ADD COLUMN price_request REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_image REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_image_token REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_image_output REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_audio REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_audio_output REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_input_audio_cache REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_web_search REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_internal_reasoning REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_cache_write REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_cache_write_1h REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_unknown INTEGER;"
	"ALTER TABLE endpoint ADD COLUMN discount REAL;"
	"ALTER TABLE endpoint ADD COLUMN price_overrides TEXT;"
	"UPDATE listing SET body_sha = NULL;",
	/*
	 * 5 -> 6: the model directory keeps what the model list says of a
	 * model (see data/schema.sql); old rows read as unknown until the
	 * next sync or import writes them.
	 */
	"ALTER TABLE model ADD COLUMN model_id TEXT;"
	"ALTER TABLE model ADD COLUMN canonical_slug TEXT;"
	"ALTER TABLE model ADD COLUMN expiration_date TEXT;"
	"ALTER TABLE model ADD COLUMN knowledge_cutoff TEXT;"
	"ALTER TABLE model ADD COLUMN input_modalities TEXT;"
	"ALTER TABLE model ADD COLUMN output_modalities TEXT;"
	"ALTER TABLE model ADD COLUMN supported_parameters TEXT;"
	"ALTER TABLE model ADD COLUMN default_parameters TEXT;"
	"ALTER TABLE model ADD COLUMN reasoning TEXT;"
	"ALTER TABLE model ADD COLUMN alias_target TEXT;"
	"ALTER TABLE model ADD COLUMN alias_target_name TEXT;"
	"ALTER TABLE model ADD COLUMN hugging_face_id TEXT;"
	"ALTER TABLE model ADD COLUMN details TEXT;"
	"ALTER TABLE model ADD COLUMN created INTEGER;"
	"ALTER TABLE model ADD COLUMN context_length INTEGER;"
	"ALTER TABLE model ADD COLUMN max_output INTEGER;"
	"ALTER TABLE model ADD COLUMN price_prompt REAL;"
	"ALTER TABLE model ADD COLUMN price_completion REAL;",
	/*
	 * 6 -> 7: the provider projection (see data/schema.sql); filled by
	 * the next sync or import of a provider list.
	 */
	"CREATE TABLE provider ("
	"  slug TEXT PRIMARY KEY, name TEXT, privacy_policy_url TEXT,"
	"  terms_of_service_url TEXT, status_page_url TEXT,"
	"  headquarters TEXT, datacenters TEXT, hash TEXT,"
	"  listed_run_id INTEGER, fe_name TEXT, fe_headquarters TEXT,"
	"  fe_status_page_url TEXT, training INTEGER,"
	"  retains_prompts INTEGER, region TEXT, fe_run_id INTEGER)"
	"  WITHOUT ROWID;",
	/*
	 * 7 -> 8: the endpoints' 2026 fields (see data/schema.sql).  Old
	 * rows have them NULL until a sync writes them; forgetting each
	 * listing's bytes makes the next sync parse every listing in full.
	 */
	"ALTER TABLE endpoint ADD COLUMN uptime_5m REAL;"
	"ALTER TABLE endpoint ADD COLUMN uptime_1d REAL;"
	"ALTER TABLE endpoint ADD COLUMN implicit_caching INTEGER;"
	"ALTER TABLE endpoint ADD COLUMN max_prompt_tokens INTEGER;"
	"ALTER TABLE endpoint ADD COLUMN latency_p50_ms REAL;"
	"ALTER TABLE endpoint ADD COLUMN latency_p75_ms REAL;"
	"ALTER TABLE endpoint ADD COLUMN latency_p90_ms REAL;"
	"ALTER TABLE endpoint ADD COLUMN latency_p99_ms REAL;"
	"ALTER TABLE endpoint ADD COLUMN throughput_p50 REAL;"
	"ALTER TABLE endpoint ADD COLUMN throughput_p75 REAL;"
	"ALTER TABLE endpoint ADD COLUMN throughput_p90 REAL;"
	"ALTER TABLE endpoint ADD COLUMN throughput_p99 REAL;"
	"ALTER TABLE endpoint ADD COLUMN region TEXT;"
	"UPDATE listing SET body_sha = NULL;",
	/*
	 * 8 -> 9: the texts of a run's first warnings beside their count
	 * (see data/schema.sql); older runs have only the count.
	 */
	"ALTER TABLE run_log ADD COLUMN warning_texts TEXT;",
	/*
	 * 9 -> 10: change records and the watchlist (see data/schema.sql).
	 * The records of runs stored before are built from their snapshots
	 * afterwards (store_changelog_backfill).
	 */
	"CREATE TABLE changelog ("
	"  id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL,"
	"  at INTEGER NOT NULL, kind TEXT NOT NULL, model_key TEXT NOT NULL,"
	"  endpoint_id TEXT, provider_slug TEXT, field TEXT, old, new);"
	"CREATE INDEX changelog_at ON changelog (at)"
	"  WHERE kind NOT IN ('metrics', 'initial');"
	"CREATE INDEX changelog_metrics ON changelog (at)"
	"  WHERE kind = 'metrics';"
	"CREATE INDEX changelog_run ON changelog (run_id);"
	"CREATE INDEX changelog_model ON changelog (model_key, id);"
	"CREATE INDEX changelog_expiry ON changelog (model_key, id)"
	"  WHERE kind = 'expiry_changed';"
	"CREATE TABLE watch ("
	"  model_key TEXT PRIMARY KEY, added_at INTEGER NOT NULL)"
	"  WITHOUT ROWID;",
	/*
	 * 10 -> 11: the database's size when a run ended, for its growth
	 * per day (runs --stats); older runs have none.
	 */
	"ALTER TABLE run_log ADD COLUMN db_bytes INTEGER;",
	/*
	 * 11 -> 12: model metadata -- authors, the top apps of a model, its
	 * daily usage -- and the frontend provider list's document URLs
	 * (see data/schema.sql); filled by the next import or sync --extras.
	 */
	"CREATE TABLE author ("
	"  slug TEXT PRIMARY KEY, name TEXT, description TEXT,"
	"  model_count INTEGER, hash TEXT, run_id INTEGER) WITHOUT ROWID;"
	"CREATE TABLE model_app ("
	"  model_key TEXT NOT NULL, rank INTEGER NOT NULL, app_id INTEGER,"
	"  name TEXT, url TEXT, tokens INTEGER, hash TEXT, run_id INTEGER,"
	"  PRIMARY KEY (model_key, rank)) WITHOUT ROWID;"
	"CREATE TABLE model_usage ("
	"  model_key TEXT NOT NULL, ts INTEGER NOT NULL, requests INTEGER,"
	"  prompt_tokens INTEGER, completion_tokens INTEGER,"
	"  reasoning_tokens INTEGER, run_id INTEGER,"
	"  PRIMARY KEY (model_key, ts)) WITHOUT ROWID;"
	"ALTER TABLE provider ADD COLUMN fe_privacy_policy_url TEXT;"
	"ALTER TABLE provider ADD COLUMN fe_terms_of_service_url TEXT;",
	/*
	 * 12 -> 13: the alerts that fired, one per change record (see
	 * data/schema.sql).
	 */
	"CREATE TABLE alert ("
	"  change_id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL,"
	"  rule TEXT NOT NULL, seen_at INTEGER);"
	"CREATE INDEX alert_unseen ON alert (change_id) WHERE seen_at IS NULL;",
	/*
	 * 13 -> 14: hashes as their 32 bytes (orb_unhex, store-stmt.c) in
	 * blob, the snapshots and the projection, and split blobs' parts
	 * (see data/schema.sql).  The snapshot tables are rebuilt without
	 * their hash indexes, which only the foreign keys to blob (hash)
	 * used (checked on every blob gc deletes); gc keeps the references
	 * itself.  The old blobs stay as they are, whole, and read as
	 * before.  Every step can run again on a database already at 14
	 * (tests take one back to an older version by dropping the later
	 * ones' tables).
	 */
	"UPDATE blob SET hash = orb_unhex(hash) WHERE typeof(hash) = 'text';"
	"UPDATE endpoint SET hash = orb_unhex(hash)"
	"  WHERE typeof(hash) = 'text';"
	"CREATE TABLE IF NOT EXISTS blob_part ("
	"  blob_id INTEGER NOT NULL REFERENCES blob (id) ON DELETE CASCADE,"
	"  n INTEGER NOT NULL, part_id INTEGER NOT NULL,"
	"  PRIMARY KEY (blob_id, n)) WITHOUT ROWID;"
	"CREATE TABLE model_snapshot_v14 ("
	"  run_id INTEGER NOT NULL REFERENCES run_log (id) ON DELETE CASCADE,"
	"  model_key TEXT NOT NULL, kind TEXT NOT NULL, hash BLOB NOT NULL,"
	"  PRIMARY KEY (run_id, model_key, kind)) WITHOUT ROWID;"
	"INSERT INTO model_snapshot_v14 (run_id, model_key, kind, hash)"
	"  SELECT run_id, model_key, kind, orb_unhex(hash) FROM model_snapshot;"
	"DROP TABLE model_snapshot;"
	"ALTER TABLE model_snapshot_v14 RENAME TO model_snapshot;"
	"CREATE INDEX model_snapshot_key ON model_snapshot (model_key, run_id);"
	"CREATE TABLE endpoint_snapshot_v14 ("
	"  run_id INTEGER NOT NULL REFERENCES run_log (id) ON DELETE CASCADE,"
	"  endpoint_id TEXT NOT NULL, model_key TEXT NOT NULL,"
	"  hash BLOB NOT NULL,"
	"  PRIMARY KEY (run_id, endpoint_id, model_key)) WITHOUT ROWID;"
	"INSERT INTO endpoint_snapshot_v14 (run_id, endpoint_id, model_key,"
	"  hash) SELECT run_id, endpoint_id, model_key, orb_unhex(hash)"
	"  FROM endpoint_snapshot;"
	"DROP TABLE endpoint_snapshot;"
	"ALTER TABLE endpoint_snapshot_v14 RENAME TO endpoint_snapshot;"
	"CREATE INDEX endpoint_snapshot_ep ON endpoint_snapshot"
	"  (endpoint_id, model_key, run_id);",
	/*
	 * 14 -> 15: a model's aliases by its key, newest first: history and
	 * changes name the model of every record they list by it, and
	 * without the index each record scanned the whole alias table (a
	 * year of history, 2,000 records: 100 ms of 110).  IF NOT EXISTS: a
	 * database taken back to an older version by hand may still have it.
	 */
	"CREATE INDEX IF NOT EXISTS model_alias_key ON model_alias"
	"  (model_key, last_run_id DESC, alias);",
	/*
	 * 15 -> 16: endpoint snapshots by integer ids, the projection's
	 * rowid made its id: store_upgrade_v16 (store-upgrade.c), NULL here.
	 */
	NULL,
	/*
	 * 16 -> 17: a split blob may be a delta of another (codec/zblob.h,
	 * ZBLOB_SPLIT_DELTA), its base a blob_part row numbered -1; and a
	 * change record names its endpoint by the projection row's id:
	 * store_upgrade_v17 (store-upgrade.c), NULL here.
	 */
	NULL,
	/*
	 * 17 -> 18: change records and projection rows lose what they
	 * repeat (see data/schema.sql): store_upgrade_v18 (store-upgrade.c),
	 * NULL here.
	 */
	NULL,
	/*
	 * 18 -> 19: blob and endpoint rebuilt with smaller indexes:
	 * store_upgrade_v19 (store-upgrade.c), NULL here.
	 */
	NULL,
	/*
	 * 19 -> 20: endpoint rebuilt without its UNIQUE key of whole texts:
	 * store_upgrade_v20 (store-upgrade.c), NULL here.
	 */
	NULL,
	/*
	 * 20 -> 21: change records with a kind number and no time of their
	 * own: store_upgrade_v21 (store-upgrade.c), NULL here.
	 */
	NULL
};
/* The upgrades that are code (store-upgrade.c), where migrations[] has
 * NULL. */
static int (*const upgrades[STORE_SCHEMA_VERSION])(struct store *, char **) = {
	[15] = store_upgrade_v16,
	[16] = store_upgrade_v17,
	[17] = store_upgrade_v18,
	[18] = store_upgrade_v19,
	[19] = store_upgrade_v20,
	[20] = store_upgrade_v21
};

static const struct store_sql begin_sql = { ST_BEGIN, "BEGIN IMMEDIATE" };
static const struct store_sql commit_sql = { ST_COMMIT, "COMMIT" };
static const struct store_sql rollback_sql = { ST_ROLLBACK, "ROLLBACK" };
static const struct store_sql savepoint_sql = { ST_SAVEPOINT,
    "SAVEPOINT part" };
static const struct store_sql release_sql = { ST_RELEASE, "RELEASE part" };
static const struct store_sql rollback_to_sql = { ST_ROLLBACK_TO,
    "ROLLBACK TO part" };
static const struct store_sql user_version_sql = { ST_USER_VERSION,
    "PRAGMA user_version" };
static const struct store_sql table_count_sql = { ST_TABLE_COUNT,
    "SELECT COUNT(*) FROM sqlite_master" };
static const struct store_sql foreign_key_check_sql = {
    ST_FOREIGN_KEY_CHECK, "SELECT COUNT(*) FROM pragma_foreign_key_check" };
static const struct store_sql integrity_sql = { ST_INTEGRITY,
    "PRAGMA integrity_check(1)" };
static const struct store_sql data_version_sql = { ST_DATA_VERSION,
    "PRAGMA data_version" };
static const struct store_sql temp_store_sql = { ST_TEMP_STORE,
    "PRAGMA temp_store" };
static const struct store_sql cache_size_sql = { ST_CACHE_SIZE,
    "PRAGMA cache_size" };
#define STORE_COMPACT_CACHE	"-512"	/* KB */
static const struct store_sql file_bytes_sql = { ST_FILE_BYTES,
    "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size" };


/* The integer a pragma or a count returns (0 when it returns no row). */
static int
store_pragma_int(struct store *s, const struct store_sql *sql, int *value,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, sql, cause)) == NULL)
		return (-1);
	rc = sqlite3_step(st);
	*value = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read the database")));
	return (0);
}

int
store_schema_version(struct store *s, int *version, char **cause)
{
	return (store_pragma_int(s, &user_version_sql, version, cause));
}

static int
store_migrate(struct store *s, int version, char **cause)
{
	char	 sql[64];
	int	 ntables, v;

	if (store_pragma_int(s, &table_count_sql, &ntables, cause) != 0)
		return (-1);
	if (version == 0 && ntables != 0) {
		if (cause != NULL)
			*cause = xasprintf(_("%s: not an orbrowse database "
			    "(it has tables but no orbrowse schema version)"),
			    s->path);
		return (-1);
	}
	if (s->readonly) {
		if (cause != NULL)
			*cause = xasprintf(_("%s: the database needs an upgrade "
			    "(schema %d to %d) and is open read-only"), s->path,
			    version, STORE_SCHEMA_VERSION);
		return (-1);
	}
	/*
	 * A migration may rebuild a table other tables refer to, which the
	 * foreign key checks would refuse half way; it is checked as a whole
	 * with foreign_key_check before the commit instead.
	 */
	if (store_exec(s, "PRAGMA foreign_keys = OFF", cause) != 0)
		return (-1);
	if (store_exec(s, "BEGIN IMMEDIATE", cause) != 0)
		return (-1);
	if (version == 0) {
		if (store_exec(s, store_schema_sql, cause) != 0)
			goto fail;
	} else {
		for (v = version; v < STORE_SCHEMA_VERSION; v++) {
			if ((migrations[v] != NULL ? store_exec(s,
			    migrations[v], cause) : upgrades[v](s,
			    cause)) != 0)
				goto fail;
		}
		/* The change records of the runs stored before them. */
		if (version < STORE_CHANGELOG_VERSION &&
		    (store_zdict_load(s, cause) != 0 ||
		    store_changelog_backfill(s, cause) != 0))
			goto fail;
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    STORE_SCHEMA_VERSION);
	if (store_exec(s, sql, cause) != 0)
		goto fail;
	if (store_pragma_int(s, &foreign_key_check_sql, &v,
	    cause) != 0)
		goto fail;
	if (v != 0) {
		if (cause != NULL)
			*cause = xasprintf(_("%s: the upgrade to schema %d "
			    "would break %d references; the database was left "
			    "untouched"), s->path, STORE_SCHEMA_VERSION, v);
		goto fail;
	}
	if (store_exec(s, "COMMIT", cause) != 0)
		goto fail;
	/*
	 * Upgrades 16, 19, 20 and 21 rebuilt the projection, the snapshots,
	 * the blobs and the change records: the file is written again
	 * without the pages they left free (a third to a half of it).  Best
	 * effort: a database that cannot be (a full disk) is as good.
	 */
	if (version != 0 && version < STORE_REBUILT_VERSION)
		(void)sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL);
	return (store_exec(s, "PRAGMA foreign_keys = ON", cause));

fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return (-1);
}

static int
store_create_file(const char *path, char **cause)
{
	char	*dir, *slash;
	int	 fd;

	dir = xstrdup(path);
	if ((slash = strrchr(dir, '/')) != NULL && slash != dir) {
		*slash = '\0';
		if (path_mkdirs(dir, 0700, cause) != 0) {
			free(dir);
			return (-1);
		}
	}
	free(dir);
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		if (cause != NULL)
			*cause = xasprintf(_("%s: cannot create the database: "
			    "%s"), path, strerror(errno));
		return (-1);
	}
	close(fd);
	return (0);
}

/*
 * A database in WAL mode is read through its -shm file, which a reader
 * creates when it is missing.  On a read-only file system or in a directory
 * it may not write, that fails; with no -wal file (or an empty one) the
 * database file alone is the whole truth, and SQLite can read it as
 * immutable.  A -wal with frames in it is never ignored.
 */
static int
store_open_immutable(struct store *s)
{
	static const char	 hex[] = "0123456789abcdef";
	const unsigned char	*p;
	struct stat		 sb;
	char			*wal, *uri, *q;
	int			 rc, c;

	wal = xasprintf("%s-wal", s->path);
	rc = stat(wal, &sb);
	free(wal);
	if (rc == 0 && sb.st_size > 0)
		return (-1);

	uri = xmalloc(strlen(s->path) * 3 + sizeof "file:?immutable=1");
	q = uri + strlen(strcpy(uri, "file:"));
	for (p = (const unsigned char *)s->path; *p != '\0'; p++) {
		c = *p;
		/* "file://" would start an authority. */
		if (c == '/' && p[1] == '/')
			continue;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || strchr("/-._~", c) != NULL)
			*q++ = (char)c;
		else {
			*q++ = '%';
			*q++ = hex[c >> 4];
			*q++ = hex[c & 0xf];
		}
	}
	strcpy(q, "?immutable=1");
	/* A statement prepared on the old connection would keep it open. */
	store_stmt_finalize(s);
	sqlite3_close(s->db);
	rc = sqlite3_open_v2(uri, &s->db, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	sqlite3_extended_result_codes(s->db, 1);
	return (rc == SQLITE_OK ? 0 : -1);
}

int
store_open(const char *path, int flags, struct store **sp, char **cause)
{
	struct store	*s;
	struct stat	 sb;
	char		*why = NULL;
	int		 oflags, version, rc;

	*sp = NULL;
	if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		if (cause != NULL)
			*cause = xasprintf(_("%s: is a directory, not a "
			    "database file"), path);
		return (-1);
	}
	if ((flags & STORE_READONLY) || !(flags & STORE_CREATE)) {
		if (access(path, F_OK) != 0) {
			if (cause != NULL)
				*cause = xasprintf(_("%s: no such database"),
				    path);
			return (-1);
		}
	} else if (access(path, F_OK) != 0) {
		if (store_create_file(path, cause) != 0)
			return (-1);
	}

	/*
	 * SQLite counts every allocation under a global mutex for
	 * sqlite3_memory_used(), which nothing here reads: off, before the
	 * library starts (the first open; later calls are refused, harmlessly).
	 */
	(void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	s = xcalloc(1, sizeof *s);
	s->lockfd = -1;
	s->txn = 1;
	s->path = xstrdup(path);
	s->readonly = (flags & STORE_READONLY) != 0;
	oflags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, cause, N_("cannot open the database"));
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
	if (store_hash_functions(s->db) != SQLITE_OK) {
		store_fail(s, cause, N_("cannot open the database"));
		goto fail;
	}
	/* SQLite opens a file it may not write read-only without a word: a
	 * writer must hear it now, not at its first commit. */
	if (!s->readonly && sqlite3_db_readonly(s->db, "main") == 1) {
		if (cause != NULL)
			*cause = xasprintf(_("%s: the database is read-only: "
			    "it cannot be written (ls, show, cheapest and runs "
			    "can still read it)"), path);
		goto fail;
	}

	/* Read the version before changing anything in the file. */
	if (store_schema_version(s, &version, &why) != 0) {
		if (!s->readonly || store_open_immutable(s) != 0 ||
		    store_schema_version(s, &version, NULL) != 0) {
			if (cause != NULL)
				*cause = why;
			else
				free(why);
			goto fail;
		}
		free(why);
	}
	if (version > STORE_SCHEMA_VERSION) {
		if (cause != NULL)
			*cause = xasprintf(_("%s: database schema version %d is "
			    "newer than this orbrowse supports (%d); upgrade "
			    "orbrowse, the database was left untouched"),
			    path, version, STORE_SCHEMA_VERSION);
		goto fail;
	}
	if (store_exec(s, "PRAGMA foreign_keys = ON", cause) != 0)
		goto fail;
	/*
	 * A new orbrowse's first `ls` must not fail on the database the old
	 * one left: a reader of an older file it may write upgrades it
	 * (store_upgrade_for_reader) and reads the upgraded file.
	 */
	if (version < STORE_SCHEMA_VERSION && s->readonly &&
	    access(path, W_OK) == 0) {
		store_close(s);
		if (store_upgrade_for_reader(path, cause) != 0)
			return (-1);
		return (store_open(path, flags, sp, cause));
	}
	if (version < STORE_SCHEMA_VERSION) {
		if (store_migrate(s, version, cause) != 0)
			goto fail;
	}
	if (!s->readonly) {
		if (store_exec(s, "PRAGMA journal_mode = WAL;"
		    "PRAGMA synchronous = NORMAL", cause) != 0)
			goto fail;
	}
	if (store_zdict_load(s, cause) != 0)
		goto fail;
	*sp = s;
	return (0);

fail:
	store_close(s);
	return (-1);
}

void
store_close(struct store *s)
{
	if (s == NULL)
		return;
	store_stmt_finalize(s);
	sqlite3_close(s->db);
	if (s->lockfd != -1)
		close(s->lockfd);	/* releases the flock */
	free(s->path);
	free(s);
}

const char *
store_path(const struct store *s)
{
	return (s->path);
}

int
store_integrity_check(struct store *s, char **result, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &integrity_sql, cause)) == NULL)
		return (-1);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_reset(st);
		return (store_fail(s, cause, N_("integrity check failed")));
	}
	*result = store_column_strdup(st, 0);
	if (*result == NULL)
		*result = xstrdup("");
	sqlite3_reset(st);
	return (0);
}

int
store_stamp(struct store *s, struct store_stamp *stamp, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(stamp, 0, sizeof *stamp);
	if ((st = store_stmt(s, &data_version_sql, cause)) == NULL)
		return (-1);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		stamp->data_version = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		return (store_fail(s, cause, N_("cannot read the run log")));
	stamp->changes = sqlite3_total_changes(s->db);
	return (0);
}

int
store_begin(struct store *s, char **cause)
{
	sqlite3_stmt	*st;

	store_txn_changed(s);
	if ((st = store_stmt(s, &begin_sql, cause)) == NULL)
		return (-1);
	return (store_step_done(s, st, cause,
	    N_("cannot start a transaction")));
}

void
store_txn_changed(struct store *s)
{
	s->txn++;
}

int
store_commit(struct store *s, char **cause)
{
	sqlite3_stmt	*st;

	store_txn_changed(s);
	if ((st = store_stmt(s, &commit_sql, cause)) == NULL)
		return (-1);
	if (store_step_done(s, st, cause, N_("cannot commit")) != 0) {
		store_rollback(s);
		return (-1);
	}
	return (0);
}

/*
 * A sync touches the indexes of ~50,000 rows at random places: with
 * SQLite's default 2 MB cache most index pages are read back from the file
 * again and again, and a checkpoint every 1,000 WAL pages writes the same
 * hot pages many times, each time with an fsync.  The sizes are chosen to
 * keep the sync's peak RSS inside its 32 MB budget.  Each model is a
 * savepoint, for which SQLite keeps the pages it changes in a statement
 * journal: in memory that is a copy, in a temporary file it was two
 * system calls per page, a million in a sync of 50,000 endpoints.
 */
#define STORE_BULK_CACHE_KB	6144
#define STORE_BULK_CHECKPOINT	16384	/* pages: 64 MB of WAL */

void
store_bulk(struct store *s, int on)
{
	char	sql[128];

	snprintf(sql, sizeof sql, "PRAGMA cache_size = %d;"
	    "PRAGMA wal_autocheckpoint = %d; PRAGMA temp_store = %s",
	    on ? -STORE_BULK_CACHE_KB : -2000,
	    on ? STORE_BULK_CHECKPOINT : 1000, on ? "MEMORY" : "DEFAULT");
	store_exec(s, sql, NULL);
}

/*
 * Write the file again packed (VACUUM), outside any transaction; 1 when
 * done.  Its copy goes to a file whatever temp_store says (store_bulk()
 * keeps temporary tables in memory, and a copy of the database there would
 * cost its size in memory), and both have a small page cache (the copy
 * gets the database's, which store_bulk() makes 6 MB).  Not when the file
 * is larger than max_bytes (packing takes as long as writing it all).
 * Best effort: a file that cannot be (a full disk, another writer) is as
 * good as it was.
 */
int
store_compact(struct store *s, int64_t max_bytes)
{
	char	sql[96];
	int	mode = 0, cache = 0, rc;

	if (store_count(s, &file_bytes_sql) > max_bytes ||
	    store_pragma_int(s, &temp_store_sql, &mode, NULL) != 0 ||
	    store_pragma_int(s, &cache_size_sql, &cache, NULL) != 0)
		return (0);
	(void)sqlite3_exec(s->db, "PRAGMA temp_store = FILE;"
	    "PRAGMA cache_size = " STORE_COMPACT_CACHE, NULL, NULL, NULL);
	rc = sqlite3_exec(s->db, "VACUUM", NULL, NULL, NULL);
	snprintf(sql, sizeof sql, "PRAGMA temp_store = %d;"
	    "PRAGMA cache_size = %d", mode, cache);
	(void)sqlite3_exec(s->db, sql, NULL, NULL, NULL);
	return (rc == SQLITE_OK);
}

/*
 * A savepoint inside the open transaction, so that one part of it (a model)
 * can be undone alone.  store_part_undo() returns 0 when the transaction is
 * still open, -1 when SQLite already rolled all of it back (disk full, I/O
 * error).
 */
int
store_part_begin(struct store *s, char **cause)
{
	sqlite3_stmt	*st;

	/* A savepoint outside a transaction begins one. */
	if (sqlite3_get_autocommit(s->db))
		store_txn_changed(s);
	if ((st = store_stmt(s, &savepoint_sql, cause)) == NULL)
		return (-1);
	return (store_step_done(s, st, cause,
	    N_("cannot start a transaction")));
}

int
store_part_end(struct store *s, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, &release_sql, cause)) == NULL)
		return (-1);
	rc = store_step_done(s, st, cause, N_("cannot commit"));
	/* The outermost savepoint released commits. */
	if (rc != 0 || sqlite3_get_autocommit(s->db))
		store_txn_changed(s);
	return (rc);
}

int
store_part_undo(struct store *s)
{
	sqlite3_stmt	*st;

	store_txn_changed(s);
	if (sqlite3_get_autocommit(s->db))
		return (-1);
	if ((st = store_stmt(s, &rollback_to_sql, NULL)) != NULL &&
	    store_step_done(s, st, NULL, "") == 0 &&
	    (st = store_stmt(s, &release_sql, NULL)) != NULL)
		store_step_done(s, st, NULL, "");
	return (sqlite3_get_autocommit(s->db) ? -1 : 0);
}

void
store_rollback(struct store *s)
{
	sqlite3_stmt	*st;

	store_txn_changed(s);
	if (!sqlite3_get_autocommit(s->db) &&
	    (st = store_stmt(s, &rollback_sql, NULL)) != NULL)
		store_step_done(s, st, NULL, "");
}

/* The writer's lock of database db: its descriptor, or -1 (see below). */
static int
store_lock_file(const char *db, int *locked, char **cause)
{
	char	*path;
	int	 fd;

	*locked = 0;
	path = xasprintf("%s.lock", db);
	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd == -1) {
		if (cause != NULL)
			*cause = xasprintf(_("%s: cannot open the lock file: "
			    "%s"), path, strerror(errno));
		free(path);
		return (-1);
	}
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK) {
			*locked = 1;
			if (cause != NULL)
				*cause = xasprintf(_("%s: another orbrowse "
				    "process is writing to this database (a "
				    "sync or an import); try again when it "
				    "has finished"), db);
		} else if (cause != NULL)
			*cause = xasprintf(_("%s: cannot lock: %s"), path,
			    strerror(errno));
		close(fd);
		free(path);
		return (-1);
	}
	free(path);
	return (fd);
}

int
store_lock_writer(struct store *s, int *locked, char **cause)
{
	*locked = 0;
	if (s->lockfd != -1)
		return (0);
	if ((s->lockfd = store_lock_file(s->path, locked, cause)) == -1)
		return (-1);
	return (0);
}

/*
 * A reader of an older file it may write upgrades it first, holding the
 * writer's lock (an older orbrowse's sync must not find its tables
 * rebuilt under it), with a connection of its own.
 */
static int
store_upgrade_for_reader(const char *path, char **cause)
{
	struct store	*w;
	int		 fd, locked;

	if ((fd = store_lock_file(path, &locked, cause)) == -1)
		return (-1);
	if (store_open(path, 0, &w, cause) == 0)
		store_close(w);
	else
		w = NULL;
	close(fd);
	return (w != NULL ? 0 : -1);
}

void
store_unlock_writer(struct store *s)
{
	if (s->lockfd != -1) {
		close(s->lockfd);	/* releases the flock */
		s->lockfd = -1;
	}
}
