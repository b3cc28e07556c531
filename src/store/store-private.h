/*
 * store-private: what the store's source files share.  Not for use outside
 * src/store/.
 *
 * Statements.  Each file defines the statements it runs as static const
 * struct store_sql values, next to the code that binds their parameters;
 * the id names the statement's slot in the connection's cache, one slot per
 * statement (enum store_stmt, grouped by file).  store_stmt() prepares a
 * statement at its first use and keeps it until store_close(); later calls
 * hand back the same statement, reset and with its bindings cleared.  It is
 * borrowed until the next store_stmt() call for the same id, and whoever
 * steps it resets it when done (store_step_done, store_step_int,
 * store_collect and store_count do), so that no statement holds a read
 * transaction open.  Only scripts run as text, by store_exec(): the schema,
 * its migrations and the connection's settings (PRAGMAs), when the file is
 * opened or a sync changes its cache size; and, without store_exec()'s
 * error message, the best-effort steps whose failure changes nothing:
 * VACUUM after an upgrade or a gc, and the ROLLBACK of a failed upgrade.
 */
#ifndef ORBROWSE_STORE_PRIVATE_H
#define ORBROWSE_STORE_PRIVATE_H

#include <stdint.h>

#include <sqlite3.h>

#include "store/store.h"

enum store_stmt {
	/* store.c */
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_SAVEPOINT,
	ST_RELEASE,
	ST_ROLLBACK_TO,
	ST_USER_VERSION,
	ST_TABLE_COUNT,
	ST_TEMP_STORE,
	ST_CACHE_SIZE,
	ST_FILE_BYTES,
	ST_MODEL_RENAME,
	ST_MODEL_LISTED,
	ST_FOREIGN_KEY_CHECK,
	ST_INTEGRITY,
	ST_DATA_VERSION,
	/* store-runlog.c */
	ST_RUN_INSERT,
	ST_RUN_UPDATE,
	ST_RUN_FINISH,
	ST_RUN_GET,
	ST_RUN_LIST,
	ST_RUN_LATEST,
	ST_RUN_NEWEST,
	ST_RUN_REAP,
	ST_RUN_STATS,
	ST_RUN_DURATION_AT,
	ST_RUN_GROWTH,
	ST_DB_BYTES,
	/* store-blobs.c */
	ST_ZDICT_LOAD,
	ST_ZDICT_PUT,
	ST_BLOB_EXISTS,
	ST_BLOB_PUT,
	ST_BLOB_GET,
	ST_BLOB_COUNT,
	ST_BLOB_HASHES,
	ST_BLOB_GET_ID,
	ST_BLOB_PARTS,
	ST_BLOB_PART_PUT,
	ST_BLOB_BASE,
	ST_BLOB_ID,
	ST_BLOB_BASE_PUT,
	ST_BLOB_PLAIN_IDS,
	ST_BLOB_RECODE,
	ST_BLOB_RECODE_SPLIT,
	/* store-snapshots.c */
	ST_MSNAP_PUT,
	ST_ESNAP_PUT,
	ST_MSNAP_PREV,
	ST_ESNAP_PREV,
	ST_MSNAP_DROP,
	ST_ESNAP_DROP,
	ST_ESNAP_FIND,
	ST_ESNAP_PUT_IDS,
	ST_ESNAP_DROP_IDS,
	ST_MSNAP_FIND,
	/* store-history.c */
	ST_HISTORY_ENDPOINT,
	ST_HISTORY_MODEL,
	/* store-changes.c */
	ST_CHANGES_ADDED,
	ST_CHANGES_TOMBSTONED,
	ST_CHANGES_PAIRS,
	/* store-endpoints.c */
	ST_MODEL_PUT,
	ST_ALIAS_PUT,
	ST_MODEL_EXACT,
	ST_MODEL_ALIAS,
	ST_MODEL_LIKE,
	ST_EP_UPSERT,
	ST_EP_ROW_ID,
	ST_EP_MODEL_ROWS,
	ST_EP_SEEN,
	ST_LISTING_GET,
	ST_LISTING_NEW,
	ST_LISTING_PUT,
	ST_LISTING_ROWS,
	ST_LISTING_SEEN,
	ST_EP_LOAD,
	ST_EP_LOAD_HEAD,
	ST_EP_LOAD_MODEL,
	ST_EP_COUNT,
	ST_EP_TOMBSTONE,
	ST_EP_PEERS,
	ST_EP_PEERS_V1,
	/* store-models.c */
	ST_MODEL_INFO,
	ST_MODEL_FILL,
	ST_MODEL_LIST,
	ST_MODEL_TARGET,
	ST_EP_GET,
	ST_LISTING_REVIVED,
	/* store-changelog.c */
	ST_CHLOG_PUT,
	ST_CHLOG_PUT_EP,
	ST_CHLOG_MODEL_LIVE,
	ST_CHLOG_SWEPT,
	ST_CHLOG_GONE,
	ST_CHLOG_SINCE,
	ST_CHLOG_RUN,
	ST_CHLOG_MODEL,
	ST_WATCH_ADD,
	ST_WATCH_RM,
	ST_WATCH_LIST,
	ST_CHLOG_BF_LISTINGS,
	ST_CHLOG_BF_RUNS,
	ST_CHLOG_BF_SNAPS,
	ST_CHLOG_BF_MODELS,
	ST_CHLOG_EXPIRY,
	ST_CHLOG_THIN_FROM,
	ST_CHLOG_THIN,
	ST_CHLOG_THIN_MARK,
	ST_ALERT_PUT,
	ST_ALERT_LIST,
	ST_ALERT_SEEN,
	/* store-identity.c */
	ST_ID_KEEP_CHANGES,
	ST_ID_MOVE_SNAPS,
	ST_ID_DROP_SNAPS,
	ST_ID_RENAME,
	ST_ID_FIRST_RUN,
	ST_ID_DROP_ROW,
	ST_ID_OVERLAP,
	/* store-metrics.c */
	ST_METRIC_PUT,
	ST_METRIC_COUNT,
	ST_METRIC_SERIES,
	ST_EP_UPTIME,
	/* store-gc.c */
	ST_GC_TABLE,
	ST_GC_CLEAR,
	ST_GC_SELECT,
	ST_GC_MOVE_ENDPOINT,
	ST_GC_DROP_ENDPOINT,
	ST_GC_MOVE_MODEL,
	ST_GC_DROP_MODEL,
	ST_GC_LISTINGS,
	ST_GC_BLOBS,
	ST_GC_ROLLUP,
	ST_GC_HOURLY,
	/* store-providers.c */
	ST_PROV_PUT,
	ST_PROV_MERGE,
	ST_PROV_LOAD,
	/* store-meta.c */
	ST_AUTHOR_PUT,
	ST_AUTHOR_GET,
	ST_AUTHOR_LIST,
	ST_APP_DROP,
	ST_APP_PUT,
	ST_APP_LOAD,
	ST_USAGE_PUT,
	ST_USAGE_LOAD,
	ST_USAGE_WEEK,
	ST_MODEL_IN_NAME,
	ST_VERSIONS,
	ST__COUNT
};

/* One statement: its slot in the cache and its text. */
struct store_sql {
	enum store_stmt	 id;
	const char	*text;
};

/*
 * The row ids of blobs the open write transaction found or added, by
 * hash (store-blobs.c): an endpoint's model and provider parts are the
 * same in each of the model's or provider's endpoints.  An entry holds
 * only in the transaction it was made in (txn), which nothing else can
 * change: store_txn_changed() starts another whenever one begins or
 * ends, or a part of one is undone.
 */
#define STORE_HASH_BYTES 32	/* a SHA-256, stored (store_bind_hash) */
#define STORE_BLOB_SEEN	1024
struct store_blob_seen {
	unsigned char	 hash[STORE_HASH_BYTES];
	int64_t		 id;
	uint64_t	 txn;
};

struct store {
	sqlite3		*db;
	char		*path;
	int		 readonly;
	sqlite3_stmt	*stmts[ST__COUNT];
	int		 lockfd;	/* writer lock, -1 when not held */
	uint32_t	 zdict;		/* newest dictionary, 0: none yet */
	uint64_t	 txn;		/* see store_blob_seen; from 1 */
	struct store_blob_seen blob_seen[STORE_BLOB_SEEN];
};

/* What store_blob_seen holds is no longer known to be true. */
void		 store_txn_changed(struct store *);

/* store-stmt.c: the statement cache and the helpers every file uses. */
sqlite3_stmt	*store_stmt(struct store *, const struct store_sql *,
		     char **cause);
/* Finalize every cached statement (before the connection closes). */
void		 store_stmt_finalize(struct store *);
/* Run a script (several statements, no parameters); message "path: why". */
int		 store_exec(struct store *, const char *sql, char **cause);
/* The schema upgrades that are code (15 -> 16 to 20 -> 21), inside
 * store_migrate's transaction. */
int		 store_upgrade_v16(struct store *, char **cause);
int		 store_upgrade_v17(struct store *, char **cause);
int		 store_upgrade_v18(struct store *, char **cause);
int		 store_upgrade_v19(struct store *, char **cause);
int		 store_upgrade_v20(struct store *, char **cause);
int		 store_upgrade_v21(struct store *, char **cause);
/*
 * -1, with *cause "path: what: SQLite's reason" (and advice for a full or
 * read-only disk).  what, here and in the helpers below, is a message not
 * yet translated (N_()): it is translated only when it is used, since a
 * sync passes one with every statement it steps (gettext() was 1% of a
 * first sync's CPU).
 */
int		 store_fail(struct store *, char **cause, const char *what);
/* The integer a statement without parameters returns; -1 on an error. */
int64_t		 store_count(struct store *, const struct store_sql *);
/* Step a statement to the end; -1 with cause "what" unless SQLITE_DONE. */
int		 store_step_done(struct store *, sqlite3_stmt *, char **cause,
		     const char *what);
/* Step a statement that returns one integer (*v 0 when no row). */
int		 store_step_int(struct store *, sqlite3_stmt *, int64_t *v,
		     char **cause, const char *what);
/* NULL binds NULL; the text is copied (SQLITE_TRANSIENT). */
void		 store_bind_text(sqlite3_stmt *, int, const char *);
/* A column as a string the caller frees, or NULL. */
char		*store_column_strdup(sqlite3_stmt *, int);
/* A REAL column, NAN when NULL. */
double		 store_column_real(sqlite3_stmt *, int);
/* A column copied into a fixed buffer ("" when NULL). */
void		 store_column_copy(sqlite3_stmt *, int, char *, size_t);
/*
 * Blob hashes are stored as their 32 bytes since version 14 (the API
 * speaks hex).  store_bind_hash() binds a hash given as 64 hex digits as
 * its bytes, anything else (NULL, a test's odd name) as it is;
 * store_column_hash() reads either back as text into out[65].
 * store_hash_bin() is the conversion: 0, or -1 when hex is no hash.
 * (STORE_HASH_BYTES: above.)
 */
/*
 * "blob.hash is hash": col (a blob's hash column, "hash" or "b.hash") is
 * p (an expression, "?1").  The index of blob hashes has their first 8
 * bytes (data/schema.sql, version 19): a lookup names that expression, or
 * it reads the whole table.
 */
#define BLOB_HASH_IS(col, p)	"substr(" col ", 1, 8) = substr(" p	\
	", 1, 8) AND " col " = " p
/*
 * The same of a projection row's endpoint id, found without its model
 * (index endpoint_eid).  The whole comparison has a unary +: a TEXT
 * column compared with a constant is replaced by the constant elsewhere
 * in the WHERE clause (SQLite's constant propagation), which leaves the
 * expression nothing of the column and the index unused -- a scan of the
 * projection (the plans are checked by test_key_plans).
 */
#define EP_ID_IS(col, p)	"substr(" col ", 1, 8) = substr(" p	\
	", 1, 8) AND +" col " = " p
/*
 * A projection row by its key: model key mk and endpoint id id, of the
 * table named t ("e." or ""), found by index endpoint_key (version 20),
 * which holds the model key and the id's first 8 characters.
 */
#define EP_KEY_IS(t, mk, id)	t "model_key = " mk " AND "		\
	EP_ID_IS(t "endpoint_id", id)
/*
 * The row of table t is one the v1 route made (its id begins "v1:"), as a
 * range of endpoint_key's expression, so that a model's v1 rows are found
 * without reading its others (';' follows ':'), then checked exactly (in
 * a UTF-16 file the range holds a few other ids).
 */
#define EP_IS_V1(t)	"substr(" t "endpoint_id, 1, 8) >= 'v1:' AND "	\
	"substr(" t "endpoint_id, 1, 8) < 'v1;' AND "			\
	"substr(" t "endpoint_id, 1, 3) = 'v1:'"
int		 store_hash_bin(const char *hex,
		     unsigned char out[STORE_HASH_BYTES]);
void		 store_hash_hex(const unsigned char *bin, char out[65]);
void		 store_bind_hash(sqlite3_stmt *, int, const char *hex);
void		 store_column_hash(sqlite3_stmt *, int, char out[65]);
char		*store_column_hash_strdup(sqlite3_stmt *, int);
/* orb_unhex(x): a 64-digit hex text as its 32 bytes, else x (migrations). */
int		 store_hash_functions(sqlite3 *);

/*
 * Step st to the end, reading each row with read() into a growing array of
 * elements of elsize bytes (*list, *n; the caller frees with free_list).
 * On an error the partial list is freed and -1 returned with cause "what".
 */
int		 store_collect(struct store *, sqlite3_stmt *st, void **list,
		     size_t *n, size_t elsize,
		     void (*read)(sqlite3_stmt *, void *),
		     void (*free_list)(void *, size_t), const char *what,
		     char **cause);

/* Free a list of n elements of elsize bytes, clearing each with clear(). */
void		 store_list_free(void *list, size_t n, size_t elsize,
		     void (*clear)(void *));

/*
 * store-changelog.c: the change records the writers make, in their
 * transaction.  _upsert: a listing written (old: the row before, NULL when
 * there was none; ep: the row's id, 0 to find it by its key; live: whether
 * the model has another active row, -1 to ask the file); _revive:
 * rows a listing recognised unchanged brings back active (call before
 * they are); _sweep: before (after 0) and after (1) the tombstone sweep of
 * run_id.
 */
int		 store_changelog_upsert(struct store *, int64_t run_id,
		     const struct ep_row *old, const struct ep_row *new,
		     int keep_stats, int64_t ep, int live, char **cause);
int		 store_changelog_revive(struct store *, int64_t run_id,
		     const struct ep_row *, size_t, char **cause);
int		 store_changelog_sweep(struct store *, int64_t run_id,
		     int after, char **cause);
/*
 * The pieces the backfill shares with live writes: one record (r, or
 * model_key for a model record; c NULL but for field changes), and what
 * writing new over old changes (model_live: the model has another active
 * listing; ep as for _upsert).
 */
struct ep_change;
int		 store_changelog_put(struct store *, int64_t run_id,
		     const char *kind, const struct ep_row *r,
		     const char *model_key, const struct ep_change *c,
		     char **cause);
int		 store_changelog_record(struct store *, int64_t run_id,
		     const struct ep_row *old, const struct ep_row *new,
		     int64_t ep, int keep_stats, int model_live, char **cause);
/*
 * Retention of the metrics records: whole UTC days before day_cutoff_ms
 * keep the last record of each listing, field and day; *n gets how many
 * went.  Price, status and every other record stay.
 */
int		 store_changelog_thin(struct store *, int64_t day_cutoff_ms,
		     int64_t *n, char **cause);
/*
 * store-changelog-backfill.c: the records of the runs stored before
 * schema 6, from their snapshots, once (by the migration).
 */
int		 store_changelog_backfill(struct store *, char **cause);

/* store-blobs.c: register the database's compression dictionaries. */
int		 store_zdict_load(struct store *, char **cause);

#endif
