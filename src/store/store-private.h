/*
 * store-private: what the store's source files share.  Not for use outside
 * src/store/.
 *
 * Statements are identified by enum store_stmt and prepared on first use;
 * the cache lives as long as the connection.  store_stmt() returns a reset
 * statement with cleared bindings, borrowed until the next store_stmt() call
 * for the same id.
 */
#ifndef ORBROWSE_STORE_PRIVATE_H
#define ORBROWSE_STORE_PRIVATE_H

#include <stdint.h>

#include <sqlite3.h>

#include "store/store.h"

enum store_stmt {
	ST_BEGIN,
	ST_COMMIT,
	ST_ROLLBACK,
	ST_SAVEPOINT,
	ST_RELEASE,
	ST_ROLLBACK_TO,
	ST_ZDICT_LOAD,
	ST_ZDICT_PUT,
	ST_RUN_INSERT,
	ST_RUN_UPDATE,
	ST_RUN_FINISH,
	ST_RUN_GET,
	ST_RUN_LIST,
	ST_RUN_LATEST,
	ST_BLOB_EXISTS,
	ST_BLOB_PUT,
	ST_BLOB_GET,
	ST_BLOB_COUNT,
	ST_MSNAP_PUT,
	ST_ESNAP_PUT,
	ST_MSNAP_PREV,
	ST_ESNAP_PREV,
	ST_MSNAP_DROP,
	ST_ESNAP_DROP,
	ST_ESNAP_FIND,
	ST_MSNAP_FIND,
	ST_MODEL_PUT,
	ST_ALIAS_PUT,
	ST_MODEL_EXACT,
	ST_MODEL_ALIAS,
	ST_MODEL_LIKE,
	ST_EP_UPSERT,
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
	ST_METRIC_PUT,
	ST_METRIC_COUNT,
	ST_EP_UPTIME,
	ST_RUN_REAP,
	ST_EP_TOMBSTONE,
	ST__COUNT
};

struct store {
	sqlite3		*db;
	char		*path;
	int		 readonly;
	sqlite3_stmt	*stmts[ST__COUNT];
	int		 lockfd;	/* writer lock, -1 when not held */
	uint32_t	 zdict;		/* newest dictionary, 0: none yet */
};

sqlite3_stmt	*store_stmt(struct store *, enum store_stmt, char **cause);
int		 store_fail(struct store *, char **cause, const char *what);
int64_t		 store_count(struct store *, enum store_stmt);
/* Step a statement to the end; -1 with cause "what" unless SQLITE_DONE. */
int		 store_step_done(struct store *, sqlite3_stmt *, char **cause,
		     const char *what);
/* NULL binds NULL; the text is copied (SQLITE_TRANSIENT). */
void		 store_bind_text(sqlite3_stmt *, int, const char *);
/* A column as a string the caller frees, or NULL. */
char		*store_column_strdup(sqlite3_stmt *, int);

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

#endif
