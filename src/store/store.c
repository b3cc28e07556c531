#include "config.h"

#include "store/store.h"

#include <sys/file.h>
#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "codec/zblob.h"
#include "store/store-private.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/xmalloc.h"

extern const char store_schema_sql[];

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
	"  warnings INTEGER NOT NULL DEFAULT 0, names TEXT);"
};

/* The columns store_endpoint_read() reads, in its order. */
#define ST_EP_COLUMNS							\
    "endpoint_id, model_key, model_name, provider_slug, provider_name,"	\
    " context_length, max_output, variant, quantization, is_free,"	\
    " is_hidden, is_disabled, price_prompt, price_completion,"		\
    " price_cache_read, supports_images, supports_tools,"		\
    " supports_reasoning, p50_latency_ms, p50_throughput,"		\
    " request_count, uptime, limit_rpm, limit_rpd, training,"		\
    " retains_prompts, status, first_run_id, last_run_id, active"

static const char *store_sql[ST__COUNT] = {
	[ST_BEGIN] = "BEGIN IMMEDIATE",
	[ST_COMMIT] = "COMMIT",
	[ST_ROLLBACK] = "ROLLBACK",
	[ST_SAVEPOINT] = "SAVEPOINT part",
	[ST_RELEASE] = "RELEASE part",
	[ST_ROLLBACK_TO] = "ROLLBACK TO part",
	[ST_ZDICT_LOAD] = "SELECT data FROM zdict ORDER BY created_run, id",
	[ST_ZDICT_PUT] =
	    "INSERT OR IGNORE INTO zdict (id, created_run, data)"
	    " VALUES (?1, ?2, ?3)",
	[ST_RUN_INSERT] =
	    "INSERT INTO run_log (started_at, status, source, pid)"
	    " VALUES (?1, 'running', ?2, ?3)",
	[ST_RUN_UPDATE] =
	    "UPDATE run_log SET models_total = ?2, models_done = ?3,"
	    " endpoints_done = ?4, requests = ?5, retries = ?6,"
	    " bytes_raw = ?7, bytes_gz = ?8, blobs_new = ?9, warnings = ?10,"
	    " error_count = ?11, route_family = ?12 WHERE id = ?1",
	[ST_RUN_FINISH] =
	    "UPDATE run_log SET models_total = ?2, models_done = ?3,"
	    " endpoints_done = ?4, requests = ?5, retries = ?6,"
	    " bytes_raw = ?7, bytes_gz = ?8, blobs_new = ?9, warnings = ?10,"
	    " error_count = ?11, route_family = ?12, status = ?13,"
	    " errors = ?14, ended_at = ?15 WHERE id = ?1",
	[ST_RUN_GET] =
	    "SELECT id, started_at, ended_at, status, source, route_family,"
	    " models_total, models_done, endpoints_done, requests, retries,"
	    " bytes_raw, bytes_gz, blobs_new, warnings, error_count, errors,"
	    " pid FROM run_log WHERE id = ?1",
	[ST_RUN_LIST] =
	    "SELECT id, started_at, ended_at, status, source, route_family,"
	    " models_total, models_done, endpoints_done, requests, retries,"
	    " bytes_raw, bytes_gz, blobs_new, warnings, error_count, errors,"
	    " pid FROM run_log ORDER BY id DESC",
	[ST_RUN_LATEST] = "SELECT COALESCE(MAX(id), 0) FROM run_log",
	[ST_BLOB_EXISTS] = "SELECT 1 FROM blob WHERE hash = ?1",
	[ST_BLOB_PUT] =
	    "INSERT OR IGNORE INTO blob (hash, codec, raw_len, data)"
	    " VALUES (?1, ?2, ?3, ?4)",
	[ST_BLOB_GET] = "SELECT codec, raw_len, data FROM blob WHERE hash = ?1",
	[ST_BLOB_COUNT] = "SELECT COUNT(*) FROM blob",
	[ST_MSNAP_PUT] =
	    "INSERT OR REPLACE INTO model_snapshot (run_id, model_key, kind,"
	    " hash) VALUES (?1, ?2, ?3, ?4)",
	[ST_ESNAP_PUT] =
	    "INSERT OR REPLACE INTO endpoint_snapshot (run_id, endpoint_id,"
	    " model_key, hash) VALUES (?1, ?2, ?3, ?4)",
	[ST_MSNAP_PREV] =
	    "SELECT hash FROM model_snapshot WHERE model_key = ?2"
	    " AND kind = ?3 AND run_id < ?1 ORDER BY run_id DESC LIMIT 1",
	[ST_ESNAP_PREV] =
	    "SELECT hash FROM endpoint_snapshot WHERE endpoint_id = ?2"
	    " AND model_key = ?3 AND run_id < ?1 ORDER BY run_id DESC LIMIT 1",
	[ST_MSNAP_DROP] =
	    "DELETE FROM model_snapshot WHERE run_id = ?1 AND model_key = ?2"
	    " AND kind = ?3",
	[ST_ESNAP_DROP] =
	    "DELETE FROM endpoint_snapshot WHERE run_id = ?1"
	    " AND endpoint_id = ?2 AND model_key = ?3",
	[ST_ESNAP_FIND] =
	    "SELECT s.run_id, s.endpoint_id, s.model_key, s.hash"
	    " FROM endpoint_snapshot s"
	    " WHERE s.endpoint_id = ?1 AND (?2 IS NULL OR s.model_key = ?2)"
	    "  AND s.run_id = (SELECT MAX(t.run_id) FROM endpoint_snapshot t"
	    "   WHERE t.endpoint_id = s.endpoint_id"
	    "    AND t.model_key = s.model_key AND (?3 = 0 OR t.run_id <= ?3))"
	    " ORDER BY s.run_id DESC, s.model_key",
	[ST_MSNAP_FIND] =
	    "SELECT s.run_id, s.model_key, s.kind, s.hash"
	    " FROM model_snapshot s"
	    " WHERE s.model_key = ?1 AND (?2 IS NULL OR s.kind = ?2)"
	    "  AND s.run_id = (SELECT MAX(t.run_id) FROM model_snapshot t"
	    "   WHERE t.model_key = s.model_key AND t.kind = s.kind"
	    "    AND (?3 = 0 OR t.run_id <= ?3))"
	    " ORDER BY s.run_id DESC, s.kind",
	[ST_MODEL_PUT] =
	    "INSERT INTO model (model_key, name, last_run_id)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (model_key) DO UPDATE SET"
	    " name = COALESCE(excluded.name, name),"
	    " last_run_id = excluded.last_run_id",
	[ST_ALIAS_PUT] =
	    "INSERT INTO model_alias (alias, model_key, last_run_id)"
	    " VALUES (?1, ?2, ?3) ON CONFLICT (alias, model_key) DO UPDATE SET"
	    " last_run_id = excluded.last_run_id",
	[ST_MODEL_EXACT] =
	    "SELECT model_key FROM model WHERE model_key = ?1 UNION"
	    " SELECT DISTINCT model_key FROM endpoint WHERE model_key = ?1",
	/* The keys an alias named most recently (ties: all of them). */
	[ST_MODEL_ALIAS] =
	    "SELECT model_key FROM model_alias WHERE alias = ?1"
	    " AND last_run_id = (SELECT MAX(last_run_id) FROM model_alias"
	    "  WHERE alias = ?1) ORDER BY model_key",
	[ST_MODEL_LIKE] =
	    "SELECT model_key FROM model WHERE"
	    "  instr(lower(model_key), lower(?1)) > 0"
	    "  OR instr(lower(COALESCE(name, '')), lower(?1)) > 0"
	    " UNION SELECT model_key FROM model_alias WHERE"
	    "  instr(lower(alias), lower(?1)) > 0"
	    " UNION SELECT DISTINCT model_key FROM endpoint WHERE"
	    "  instr(lower(model_key), lower(?1)) > 0"
	    "  OR instr(lower(COALESCE(model_name, '')), lower(?1)) > 0"
	    " ORDER BY 1",
	[ST_EP_UPSERT] =
	    "INSERT INTO endpoint (endpoint_id, model_key, model_name,"
	    " provider_slug, provider_name, context_length, max_output,"
	    " variant, quantization, is_free, is_hidden, is_disabled,"
	    " price_prompt, price_completion, price_cache_read,"
	    " supports_images, supports_tools, supports_reasoning,"
	    " p50_latency_ms, p50_throughput, request_count, uptime,"
	    " limit_rpm, limit_rpd, training, retains_prompts, status, hash,"
	    " first_run_id, last_run_id, active, listing, listed_uptime)"
	    " VALUES (?1, ?2, ?3, ?4, ?5,"
	    " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
	    " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?29, 1,"
	    " ?31, ?22)"
	    " ON CONFLICT (endpoint_id, model_key) DO UPDATE SET"
	    " model_name = excluded.model_name,"
	    " provider_slug = excluded.provider_slug,"
	    " provider_name = excluded.provider_name,"
	    " context_length = excluded.context_length,"
	    " max_output = excluded.max_output, variant = excluded.variant,"
	    " quantization = excluded.quantization,"
	    " is_free = excluded.is_free, is_hidden = excluded.is_hidden,"
	    " is_disabled = excluded.is_disabled,"
	    " price_prompt = excluded.price_prompt,"
	    " price_completion = excluded.price_completion,"
	    " price_cache_read = excluded.price_cache_read,"
	    " supports_images = excluded.supports_images,"
	    " supports_tools = excluded.supports_tools,"
	    " supports_reasoning = excluded.supports_reasoning,"
	    /* ?30: a catalogue's featured endpoint carries no stats. */
	    " p50_latency_ms = CASE WHEN ?30 THEN COALESCE("
	    "  excluded.p50_latency_ms, p50_latency_ms)"
	    "  ELSE excluded.p50_latency_ms END,"
	    " p50_throughput = CASE WHEN ?30 THEN COALESCE("
	    "  excluded.p50_throughput, p50_throughput)"
	    "  ELSE excluded.p50_throughput END,"
	    " request_count = CASE WHEN ?30 THEN COALESCE("
	    "  excluded.request_count, request_count)"
	    "  ELSE excluded.request_count END,"
	    " uptime = COALESCE(excluded.uptime, uptime),"
	    " limit_rpm = excluded.limit_rpm, limit_rpd = excluded.limit_rpd,"
	    " training = excluded.training,"
	    " retains_prompts = excluded.retains_prompts,"
	    " status = CASE WHEN ?30 THEN COALESCE(excluded.status, status)"
	    "  ELSE excluded.status END, hash = excluded.hash,"
	    " last_run_id = excluded.last_run_id, active = 1,"
	    " listing = excluded.listing, listed_uptime = excluded.uptime",
	[ST_EP_SEEN] =
	    "SELECT last_run_id FROM endpoint"
	    " WHERE endpoint_id = ?1 AND model_key = ?2",
	[ST_LISTING_GET] =
	    "SELECT id, body_sha, run_id, rows_n, endpoints, warnings, names"
	    " FROM listing WHERE model_key = ?1",
	[ST_LISTING_NEW] =
	    "INSERT INTO listing (model_key) VALUES (?1)",
	[ST_LISTING_PUT] =
	    "UPDATE listing SET body_sha = ?2, run_id = ?3, rows_n = ?4,"
	    " endpoints = ?5, warnings = ?6, names = ?7 WHERE id = ?1",
	[ST_LISTING_ROWS] =
	    "SELECT COUNT(*) FROM endpoint WHERE listing = ?1"
	    " AND last_run_id = ?2",
	/*
	 * What writing the same objects again would change: the run, the
	 * tombstone, and the uptime the listing gives over one a metric
	 * series set since (the upsert's COALESCE).
	 */
	[ST_LISTING_SEEN] =
	    "UPDATE endpoint SET last_run_id = ?3, active = 1,"
	    " uptime = COALESCE(listed_uptime, uptime)"
	    " WHERE listing = ?1 AND last_run_id = ?2",
	[ST_EP_LOAD] =
	    "SELECT " ST_EP_COLUMNS
	    " FROM endpoint WHERE (?1 OR active = 1)",	/* callers sort */
	[ST_EP_LOAD_HEAD] =
	    "SELECT " ST_EP_COLUMNS
	    " FROM endpoint WHERE active = 1"
	    " ORDER BY model_key, provider_slug, endpoint_id LIMIT ?1",
	[ST_EP_LOAD_MODEL] =
	    "SELECT " ST_EP_COLUMNS
	    " FROM endpoint WHERE model_key = ?1 AND active = 1"
	    " ORDER BY provider_slug, endpoint_id",
	[ST_EP_COUNT] = "SELECT COUNT(*) FROM endpoint WHERE (?1 = 0 OR active = 1)",
	[ST_METRIC_PUT] =
	    "INSERT OR REPLACE INTO endpoint_metric (endpoint_id, metric,"
	    " bucket, ts, value) VALUES (?1, ?2, ?3, ?4, ?5)",
	[ST_METRIC_COUNT] = "SELECT COUNT(*) FROM endpoint_metric",
	[ST_RUN_REAP] =
	    "UPDATE run_log SET status = 'failed', ended_at = ?1,"
	    " errors = COALESCE(errors || char(10), '') ||"
	    " 'the process (pid ' || COALESCE(pid, '?') ||"
	    " ') ended before the run finished'"
	    " WHERE status = 'running'",
	[ST_EP_TOMBSTONE] =
	    "UPDATE endpoint SET active = 0"
	    " WHERE active = 1 AND last_run_id < ?1",
	[ST_EP_UPTIME] =
	    "UPDATE endpoint SET uptime = (SELECT value FROM endpoint_metric"
	    " WHERE endpoint_id = ?1 AND metric = 'uptime'"
	    " ORDER BY ts DESC, bucket = 'hour' DESC LIMIT 1)"
	    " WHERE endpoint_id = ?1",
};

int
store_fail(struct store *s, char **cause, const char *what)
{
	const char	*why = NULL;
	int		 code, sys;

	if (cause == NULL)
		return (-1);
	/* "disk I/O error" alone does not tell the user what to do. */
	code = sqlite3_errcode(s->db) & 0xff;
	sys = code == SQLITE_IOERR || code == SQLITE_CANTOPEN ?
	    sqlite3_system_errno(s->db) : 0;
	if (code == SQLITE_FULL || sys == ENOSPC || sys == EDQUOT)
		why = _("the disk is full");
	else if (sys == EFBIG)
		why = _("the file size limit is reached");
	else if (code == SQLITE_READONLY || sys == EROFS || sys == EACCES ||
	    sys == EPERM)
		why = _("the database or its directory is read-only");
	if (why != NULL)
		*cause = xasprintf(_("%s: %s: %s (%s)"), s->path, what, why,
		    sqlite3_errmsg(s->db));
	else
		*cause = xasprintf(_("%s: %s: %s"), s->path, what,
		    sqlite3_errmsg(s->db));
	return (-1);
}

sqlite3_stmt *
store_stmt(struct store *s, enum store_stmt id, char **cause)
{
	sqlite3_stmt	*st;

	st = s->stmts[id];
	if (st == NULL) {
		if (sqlite3_prepare_v3(s->db, store_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
			store_fail(s, cause, _("cannot prepare statement"));
			return (NULL);
		}
		s->stmts[id] = st;
		return (st);
	}
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return (st);
}

int64_t
store_count(struct store *s, enum store_stmt id)
{
	sqlite3_stmt	*st;
	int64_t		 n = 0;

	if ((st = store_stmt(s, id, NULL)) == NULL)
		return (-1);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return (n);
}

int
store_collect(struct store *s, sqlite3_stmt *st, void **list, size_t *n,
    size_t elsize, void (*read)(sqlite3_stmt *, void *),
    void (*free_list)(void *, size_t), const char *what, char **cause)
{
	size_t	cap = 0;
	int	rc;

	*list = NULL;
	*n = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (*n == cap) {
			cap = cap == 0 ? 16 : cap * 2;
			*list = xreallocarray(*list, cap, elsize);
		}
		read(st, (char *)*list + *n * elsize);
		(*n)++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE) {
		free_list(*list, *n);
		*list = NULL;
		*n = 0;
		return (store_fail(s, cause, what));
	}
	return (0);
}

static int
store_exec(struct store *s, const char *sql, char **cause)
{
	char	*msg = NULL;

	if (sqlite3_exec(s->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		if (cause != NULL)
			*cause = xasprintf("%s: %s", s->path,
			    msg != NULL ? msg : sqlite3_errmsg(s->db));
		sqlite3_free(msg);
		return (-1);
	}
	return (0);
}

static int
store_pragma_int(struct store *s, const char *sql, int *value, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return (store_fail(s, cause, _("cannot read the database")));
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return (store_fail(s, cause, _("cannot read the database")));
	}
	*value = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
	sqlite3_finalize(st);
	return (0);
}

int
store_schema_version(struct store *s, int *version, char **cause)
{
	return (store_pragma_int(s, "PRAGMA user_version", version, cause));
}

/* Bring the schema to STORE_SCHEMA_VERSION, in one transaction. */
static int
store_migrate(struct store *s, int version, char **cause)
{
	char	 sql[64];
	int	 ntables, v;

	if (store_pragma_int(s, "SELECT COUNT(*) FROM sqlite_master",
	    &ntables, cause) != 0)
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
			if (store_exec(s, migrations[v], cause) != 0)
				goto fail;
		}
	}
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d",
	    STORE_SCHEMA_VERSION);
	if (store_exec(s, sql, cause) != 0)
		goto fail;
	if (store_pragma_int(s, "SELECT COUNT(*) FROM pragma_foreign_key_check",
	    &v, cause) != 0)
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
	return (store_exec(s, "PRAGMA foreign_keys = ON", cause));

fail:
	sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_exec(s->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	return (-1);
}

/* Register the database's compression dictionaries; the newest is used. */
static int
store_zdict_load(struct store *s, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, ST_ZDICT_LOAD, cause)) == NULL)
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
	if ((st = store_stmt(s, ST_ZDICT_PUT, cause)) == NULL)
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

/* Create the file with mode 0600 before SQLite does (it would use 0644). */
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
				*cause = xasprintf(_("%s: no such database "
				    "(run `orbrowse import` or `orbrowse demo` "
				    "first)"), path);
			return (-1);
		}
	} else if (access(path, F_OK) != 0) {
		if (store_create_file(path, cause) != 0)
			return (-1);
	}

	s = xcalloc(1, sizeof *s);
	s->lockfd = -1;
	s->path = xstrdup(path);
	s->readonly = (flags & STORE_READONLY) != 0;
	oflags = s->readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
	rc = sqlite3_open_v2(path, &s->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		store_fail(s, cause, _("cannot open the database"));
		goto fail;
	}
	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_timeout(s->db, 5000);
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
	int	i;

	if (s == NULL)
		return;
	for (i = 0; i < ST__COUNT; i++)
		sqlite3_finalize(s->stmts[i]);
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
	const char	*text;

	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check(1)", -1, &st,
	    NULL) != SQLITE_OK)
		return (store_fail(s, cause, _("integrity check failed")));
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return (store_fail(s, cause, _("integrity check failed")));
	}
	text = (const char *)sqlite3_column_text(st, 0);
	*result = xstrdup(text != NULL ? text : "");
	sqlite3_finalize(st);
	return (0);
}

int
store_step_done(struct store *s, sqlite3_stmt *st, char **cause,
    const char *what)
{
	int	rc;

	rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return (store_fail(s, cause, what));
	return (0);
}

int
store_begin(struct store *s, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_BEGIN, cause)) == NULL)
		return (-1);
	return (store_step_done(s, st, cause, _("cannot start a transaction")));
}

int
store_commit(struct store *s, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_COMMIT, cause)) == NULL)
		return (-1);
	if (store_step_done(s, st, cause, _("cannot commit")) != 0) {
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
	sqlite3_exec(s->db, sql, NULL, NULL, NULL);
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

	if ((st = store_stmt(s, ST_SAVEPOINT, cause)) == NULL)
		return (-1);
	return (store_step_done(s, st, cause, _("cannot start a transaction")));
}

int
store_part_end(struct store *s, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_RELEASE, cause)) == NULL)
		return (-1);
	return (store_step_done(s, st, cause, _("cannot commit")));
}

int
store_part_undo(struct store *s)
{
	sqlite3_stmt	*st;

	if (sqlite3_get_autocommit(s->db))
		return (-1);
	if ((st = store_stmt(s, ST_ROLLBACK_TO, NULL)) != NULL &&
	    store_step_done(s, st, NULL, "") == 0 &&
	    (st = store_stmt(s, ST_RELEASE, NULL)) != NULL)
		store_step_done(s, st, NULL, "");
	return (sqlite3_get_autocommit(s->db) ? -1 : 0);
}

void
store_rollback(struct store *s)
{
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
}

int
store_lock_writer(struct store *s, int *locked, char **cause)
{
	char	*path;
	int	 fd;

	*locked = 0;
	if (s->lockfd != -1)
		return (0);
	path = xasprintf("%s.lock", s->path);
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
				    "has finished"), s->path);
		} else if (cause != NULL)
			*cause = xasprintf(_("%s: cannot lock: %s"), path,
			    strerror(errno));
		close(fd);
		free(path);
		return (-1);
	}
	free(path);
	s->lockfd = fd;
	return (0);
}

void
store_unlock_writer(struct store *s)
{
	if (s->lockfd != -1) {
		close(s->lockfd);	/* releases the flock */
		s->lockfd = -1;
	}
}

int64_t
store_run_reap(struct store *s, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_RUN_REAP, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, clock_now_ms());
	if (store_step_done(s, st, cause, _("cannot update the run log")) != 0)
		return (-1);
	return (sqlite3_changes(s->db));
}

/* ------------------------------------------------------------------ runs */

void
store_bind_text(sqlite3_stmt *st, int i, const char *text)
{
	if (text == NULL)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, text, -1, SQLITE_TRANSIENT);
}

char *
store_column_strdup(sqlite3_stmt *st, int i)
{
	const unsigned char	*text;

	text = sqlite3_column_text(st, i);
	return (text == NULL ? NULL : xstrdup((const char *)text));
}

int
store_run_begin(struct store *s, const char *source, int64_t *run_id,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_RUN_INSERT, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, clock_now_ms());
	store_bind_text(st, 2, source);
	sqlite3_bind_int64(st, 3, (int64_t)getpid());
	if (store_step_done(s, st, cause, _("cannot record the run")) != 0)
		return (-1);
	*run_id = sqlite3_last_insert_rowid(s->db);
	return (0);
}

static void
store_bind_counters(sqlite3_stmt *st, const struct run_info *r)
{
	sqlite3_bind_int64(st, 1, r->id);
	sqlite3_bind_int64(st, 2, r->models_total);
	sqlite3_bind_int64(st, 3, r->models_done);
	sqlite3_bind_int64(st, 4, r->endpoints_done);
	sqlite3_bind_int64(st, 5, r->requests);
	sqlite3_bind_int64(st, 6, r->retries);
	sqlite3_bind_int64(st, 7, r->bytes_raw);
	sqlite3_bind_int64(st, 8, r->bytes_gz);
	sqlite3_bind_int64(st, 9, r->blobs_new);
	sqlite3_bind_int64(st, 10, r->warnings);
	sqlite3_bind_int64(st, 11, r->error_count);
	store_bind_text(st, 12, r->route_family);
}

int
store_run_update(struct store *s, const struct run_info *r, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_RUN_UPDATE, cause)) == NULL)
		return (-1);
	store_bind_counters(st, r);
	return (store_step_done(s, st, cause, _("cannot update the run")));
}

int
store_run_finish(struct store *s, const struct run_info *r, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_RUN_FINISH, cause)) == NULL)
		return (-1);
	store_bind_counters(st, r);
	store_bind_text(st, 13, r->status);
	store_bind_text(st, 14, r->errors);
	sqlite3_bind_int64(st, 15, r->ended_at != 0 ? r->ended_at :
	    clock_now_ms());
	return (store_step_done(s, st, cause, _("cannot finish the run")));
}

static void
store_run_read(sqlite3_stmt *st, struct run_info *r)
{
	const unsigned char	*status;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->started_at = sqlite3_column_int64(st, 1);
	r->ended_at = sqlite3_column_int64(st, 2);
	status = sqlite3_column_text(st, 3);
	snprintf(r->status, sizeof r->status, "%s",
	    status != NULL ? (const char *)status : "");
	r->source = store_column_strdup(st, 4);
	r->route_family = store_column_strdup(st, 5);
	r->models_total = sqlite3_column_int64(st, 6);
	r->models_done = sqlite3_column_int64(st, 7);
	r->endpoints_done = sqlite3_column_int64(st, 8);
	r->requests = sqlite3_column_int64(st, 9);
	r->retries = sqlite3_column_int64(st, 10);
	r->bytes_raw = sqlite3_column_int64(st, 11);
	r->bytes_gz = sqlite3_column_int64(st, 12);
	r->blobs_new = sqlite3_column_int64(st, 13);
	r->warnings = sqlite3_column_int64(st, 14);
	r->error_count = sqlite3_column_int64(st, 15);
	r->errors = store_column_strdup(st, 16);
	r->pid = sqlite3_column_int64(st, 17);
}

int
store_run_get(struct store *s, int64_t id, struct run_info *r, int *found,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*found = 0;
	if ((st = store_stmt(s, ST_RUN_GET, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		store_run_read(st, r);
		*found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, _("cannot read the run log")));
	return (0);
}

static void
store_run_read_cb(sqlite3_stmt *st, void *r)
{
	store_run_read(st, r);
}

static void
store_run_free_cb(void *list, size_t n)
{
	run_info_list_free(list, n);
}

int
store_run_list(struct store *s, struct run_info **list, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, ST_RUN_LIST, cause)) == NULL)
		return (-1);
	return (store_collect(s, st, (void **)list, n, sizeof **list,
	    store_run_read_cb, store_run_free_cb, _("cannot read the run log"),
	    cause));
}

int64_t
store_run_latest(struct store *s)
{
	return (store_count(s, ST_RUN_LATEST));
}

void
run_info_clear(struct run_info *r)
{
	free(r->source);
	free(r->route_family);
	free(r->errors);
	memset(r, 0, sizeof *r);
}

void
run_info_list_free(struct run_info *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		run_info_clear(&list[i]);
	free(list);
}

/* ----------------------------------------------------------------- blobs */

int
store_blob_exists(struct store *s, const char *hash, int *exists,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, ST_BLOB_EXISTS, cause)) == NULL)
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

	if ((st = store_stmt(s, ST_BLOB_PUT, cause)) == NULL)
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
	const char	*c;
	int		 rc;

	*found = 0;
	if ((st = store_stmt(s, ST_BLOB_GET, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c = (const char *)sqlite3_column_text(st, 0);
		snprintf(codec, 16, "%s", c != NULL ? c : "");
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
	return (store_count(s, ST_BLOB_COUNT));
}

int
store_blob_hashes(struct store *s, void (*fn)(void *, const char *),
    void *arg, char **cause)
{
	sqlite3_stmt	*st;
	const char	*hash;
	int		 rc;

	/* The hash index alone is read: it is a quarter of the table. */
	if (sqlite3_prepare_v2(s->db, "SELECT hash FROM blob", -1, &st,
	    NULL) != SQLITE_OK)
		return (store_fail(s, cause, _("cannot read blobs")));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((hash = (const char *)sqlite3_column_text(st, 0)) != NULL)
			fn(arg, hash);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return (store_fail(s, cause, _("cannot read blobs")));
	return (0);
}

/* ------------------------------------------------------------- snapshots */

static int
store_snapshot_same(struct store *s, enum store_stmt id, int64_t run_id,
    const char *a, const char *b, const char *hash, int *same, char **cause)
{
	sqlite3_stmt	*st;
	const char	*prev;
	int		 rc;

	if ((st = store_stmt(s, id == ST_ESNAP_PUT ? ST_ESNAP_PREV :
	    ST_MSNAP_PREV, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	prev = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) :
	    NULL;
	*same = prev != NULL && strcmp(prev, hash) == 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, _("cannot store a snapshot")));
	return (0);
}

/*
 * Snapshot rows record changes: a run that sees the hash the key already
 * had (same) adds no row (and drops a row it added earlier in the same
 * run, e.g. for a catalogue's featured endpoint), so an unchanged sync
 * costs no space.  "As of run N" is the newest row at or before N.
 */
static int
store_snapshot_write(struct store *s, enum store_stmt id, int64_t run_id,
    const char *a, const char *b, const char *hash, int same, char **cause)
{
	sqlite3_stmt	*st;

	if (same)
		id = id == ST_ESNAP_PUT ? ST_ESNAP_DROP : ST_MSNAP_DROP;
	if ((st = store_stmt(s, id, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, a, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, b, -1, SQLITE_STATIC);
	if (!same)
		sqlite3_bind_text(st, 4, hash, -1, SQLITE_STATIC);
	return (store_step_done(s, st, cause, _("cannot store a snapshot")));
}

static int
store_snapshot_put(struct store *s, enum store_stmt id, int64_t run_id,
    const char *a, const char *b, const char *hash, char **cause)
{
	int	same;

	if (store_snapshot_same(s, id, run_id, a, b, hash, &same, cause) != 0)
		return (-1);
	return (store_snapshot_write(s, id, run_id, a, b, hash, same, cause));
}

int
store_model_snapshot_put(struct store *s, int64_t run_id,
    const char *model_key, const char *kind, const char *hash, char **cause)
{
	return (store_snapshot_put(s, ST_MSNAP_PUT, run_id, model_key, kind,
	    hash, cause));
}

int
store_endpoint_snapshot_same(struct store *s, int64_t run_id,
    const char *endpoint_id, const char *model_key, const char *hash,
    int *same, char **cause)
{
	return (store_snapshot_same(s, ST_ESNAP_PUT, run_id, endpoint_id,
	    model_key, hash, same, cause));
}

int
store_endpoint_snapshot_write(struct store *s, int64_t run_id,
    const char *endpoint_id, const char *model_key, const char *hash,
    int same, char **cause)
{
	return (store_snapshot_write(s, ST_ESNAP_PUT, run_id, endpoint_id,
	    model_key, hash, same, cause));
}

int
store_endpoint_snapshot_put(struct store *s, int64_t run_id,
    const char *endpoint_id, const char *model_key, const char *hash,
    char **cause)
{
	return (store_snapshot_put(s, ST_ESNAP_PUT, run_id, endpoint_id,
	    model_key, hash, cause));
}

/*
 * Both find statements return (run_id, key, second, hash); for endpoints the
 * second column is the model key, for models the kind.
 */
static void
store_snap_read(sqlite3_stmt *st, struct snap_ref *r, int endpoint)
{
	const char	*hash;

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
	hash = (const char *)sqlite3_column_text(st, 3);
	snprintf(r->hash, sizeof r->hash, "%s", hash != NULL ? hash : "");
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
store_snapshot_find(struct store *s, enum store_stmt id, const char *key,
    const char *second, int64_t max_run, struct snap_ref **list, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, id, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	store_bind_text(st, 2, second);
	sqlite3_bind_int64(st, 3, max_run);
	return (store_collect(s, st, (void **)list, n, sizeof **list,
	    id == ST_ESNAP_FIND ? store_esnap_read_cb : store_msnap_read_cb,
	    store_snap_free_cb, _("cannot read snapshots"), cause));
}

int
store_endpoint_snapshot_find(struct store *s, const char *endpoint_id,
    const char *model_key, int64_t max_run, struct snap_ref **list,
    size_t *n, char **cause)
{
	return (store_snapshot_find(s, ST_ESNAP_FIND, endpoint_id, model_key,
	    max_run, list, n, cause));
}

int
store_model_snapshot_find(struct store *s, const char *model_key,
    const char *kind, int64_t max_run, struct snap_ref **list, size_t *n,
    char **cause)
{
	return (store_snapshot_find(s, ST_MSNAP_FIND, model_key, kind,
	    max_run, list, n, cause));
}

void
snap_ref_list_free(struct snap_ref *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].key);
		free(list[i].model_key);
		free(list[i].kind);
	}
	free(list);
}
