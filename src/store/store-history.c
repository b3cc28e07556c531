/*
 * store-history: the snapshots of one endpoint listing or one model across
 * runs.
 */
#include "config.h"

#include "store/store-history.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct store_sql history_endpoint_sql = { ST_HISTORY_ENDPOINT,
    "SELECT s.run_id, COALESCE(r.started_at, 0), s.hash"
    " FROM endpoint_snapshot s LEFT JOIN run_log r ON r.id = s.run_id"
    " WHERE " EP_KEY_IS("s.", "?2", "?1")
    " ORDER BY s.run_id" };
static const struct store_sql history_model_sql = { ST_HISTORY_MODEL,
    "SELECT s.run_id, COALESCE(r.started_at, 0), s.hash"
    " FROM model_snapshot s LEFT JOIN run_log r ON r.id = s.run_id"
    " WHERE s.model_key = ?1 AND s.kind = ?2"
    " ORDER BY s.run_id" };

static void
history_read(sqlite3_stmt *st, void *p)
{
	struct snap_hist	*h = p;

	memset(h, 0, sizeof *h);
	h->run_id = sqlite3_column_int64(st, 0);
	h->started_at = sqlite3_column_int64(st, 1);
	store_column_hash(st, 2, h->hash);
}

static void
history_free_cb(void *list, size_t n)
{
	snap_hist_free(list, n);
}

static int
history_query(struct store *s, const struct store_sql *sql, const char *a,
    const char *b, struct snap_hist **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, a);
	store_bind_text(st, 2, b);
	return (store_collect(s, st, (void **)list, n, sizeof **list,
	    history_read, history_free_cb, N_("cannot read snapshots"),
	    cause));
}

int
store_endpoint_history(struct store *s, const char *endpoint_id,
    const char *model_key, struct snap_hist **list, size_t *n, char **cause)
{
	return (history_query(s, &history_endpoint_sql, endpoint_id, model_key,
	    list, n, cause));
}

int
store_model_history(struct store *s, const char *model_key,
    const char *kind, struct snap_hist **list, size_t *n, char **cause)
{
	return (history_query(s, &history_model_sql, model_key, kind, list, n,
	    cause));
}

void
snap_hist_free(struct snap_hist *list, size_t n)
{
	(void)n;
	free(list);
}
