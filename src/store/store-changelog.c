/*
 * store-changelog: the change records, written where the projection
 * changes, and the watchlist.  See store-changelog.h.
 */
#include "config.h"

#include "store/store-changelog.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/ep-change.h"
#include "store/store-private.h"
#include "store/store-replay.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * The kinds the statements below name (data/schema.sql, change_kind): a
 * partial index is used only where a query names its kind as the same
 * constant.  Writers name a kind by its name (store_changelog_put).
 */
#define CK_METRICS		"0"
#define CK_INITIAL		"2"
#define CK_ENDPOINT_REMOVED	"3"
#define CK_MODEL_REMOVED	"5"
#define CK_EXPIRY		"9"
/* A kind's number; NULL for a name change_kind lacks, which NOT NULL
 * refuses. */
#define CK_ID(name)	"(SELECT k.id FROM change_kind k WHERE k.name = " \
    name ")"
/* A record's time: its run's start (unix ms). */
#define CHLOG_AT(c)	"COALESCE((SELECT r.started_at FROM run_log r"	\
    " WHERE r.id = " c ".run_id), 0)"

/*
 * A record of an endpoint names it by its projection row (ep) when there
 * is one, its model_key then '', else by its model, id and provider
 * (data/schema.sql).
 */
static const struct store_sql put_sql = { ST_CHLOG_PUT,
    "INSERT INTO changelog (run_id, kind, model_key, endpoint_id,"
    " provider_slug, field, old, new, ep) SELECT ?1, " CK_ID("?2") ","
    " CASE WHEN e.id IS NULL THEN ?3 ELSE '' END,"
    " CASE WHEN e.id IS NULL THEN ?4 END,"
    " CASE WHEN e.id IS NULL THEN ?5 END, ?6, ?7, ?8, e.id"
    " FROM (SELECT 1) LEFT JOIN endpoint e"
    "  ON " EP_KEY_IS("e.", "?3", "?4") };
/* The same when the writer knows the row (ep, ?9). */
static const struct store_sql put_ep_sql = { ST_CHLOG_PUT_EP,
    "INSERT INTO changelog (run_id, kind, model_key, field, old, new, ep)"
    " VALUES (?1, " CK_ID("?2") ", '', ?6, ?7, ?8, ?9)" };
/* Does the model have an active listing other than this one? */
static const struct store_sql model_live_sql = { ST_CHLOG_MODEL_LIVE,
    "SELECT EXISTS (SELECT 1 FROM endpoint WHERE model_key = ?1"
    " AND active = 1 AND endpoint_id != ?2)" };
/* Before the sweep: the listings it is about to take. */
static const struct store_sql swept_sql = { ST_CHLOG_SWEPT,
    "INSERT INTO changelog (run_id, kind, model_key, ep) SELECT ?1, "
    CK_ENDPOINT_REMOVED ", '', id"
    " FROM endpoint WHERE active = 1 AND last_run_id < ?1"
    " ORDER BY model_key, provider_slug, endpoint_id" };
/* After it: the models it left without an active listing. */
static const struct store_sql gone_sql = { ST_CHLOG_GONE,
    "INSERT INTO changelog (run_id, kind, model_key)"
    " SELECT DISTINCT ?1, " CK_MODEL_REMOVED ", r.model_key"
    " FROM changelog c JOIN endpoint r ON r.id = c.ep WHERE c.run_id = ?1"
    " AND c.kind = " CK_ENDPOINT_REMOVED " AND NOT EXISTS (SELECT 1"
    "  FROM endpoint e WHERE e.model_key = r.model_key AND e.active = 1)"
    " ORDER BY r.model_key" };

#define CHLOG_COLUMNS	CHLOG_SELECT " FROM changelog c" CHLOG_EP
/* The endpoint a record names by its row (e), or by its id (older ones). */
#define CHLOG_EP	" LEFT JOIN endpoint e ON e.id = c.ep"
/* The record's model: its own, or its row's. */
#define CHLOG_KEY	"COALESCE(NULLIF(c.model_key, ''), e.model_key)"
#define CHLOG_SELECT							\
    "SELECT c.id, c.run_id, " CHLOG_AT("c") ","				\
    " (SELECT k.name FROM change_kind k WHERE k.id = c.kind), "		\
    CHLOG_KEY ","							\
    " (SELECT a.alias FROM model_alias a WHERE a.model_key = " CHLOG_KEY \
    "  ORDER BY a.last_run_id DESC, a.alias LIMIT 1),"			\
    " COALESCE(e.endpoint_id, c.endpoint_id),"				\
    " COALESCE(e.provider_slug, c.provider_slug),"			\
    " CASE WHEN e.id IS NOT NULL THEN e.provider_name ELSE"		\
    "  (SELECT n.provider_name FROM endpoint n WHERE "		\
    EP_KEY_IS("n.", "c.model_key", "c.endpoint_id") ") END,"		\
    " c.field, c.old, c.new"
#define CHLOG_SHOWN " c.kind NOT IN (" CK_METRICS ", " CK_INITIAL ")"

/* The runs from a time on, then their records (changelog_run). */
static const struct store_sql list_since_sql = { ST_CHLOG_SINCE,
    CHLOG_COLUMNS " WHERE c.run_id IN (SELECT r.id FROM run_log r"
    "  WHERE r.started_at >= ?1) AND" CHLOG_SHOWN
    " ORDER BY 3 DESC, c.id DESC" };
static const struct store_sql list_run_sql = { ST_CHLOG_RUN,
    CHLOG_COLUMNS " WHERE c.run_id = ?1 AND" CHLOG_SHOWN
    " ORDER BY c.id DESC" };
/* The records of the model, and those of its rows (the two indexes). */
static const struct store_sql list_model_sql = { ST_CHLOG_MODEL,
    CHLOG_COLUMNS " WHERE (c.model_key = ?1 AND c.model_key != '')"
    " OR c.ep IN (SELECT id FROM endpoint WHERE model_key = ?1)"
    " ORDER BY c.id" };

/* The model's expiry as its last record says (the partial index). */
static const struct store_sql expiry_last_sql = { ST_CHLOG_EXPIRY,
    "SELECT new FROM changelog WHERE model_key = ?1"
    " AND kind = " CK_EXPIRY " ORDER BY id DESC LIMIT 1" };

/*
 * Retention of the metrics records (history's latency, throughput and
 * uptime): those of whole UTC days before the window keep the last of
 * each listing, field and day.  Days are thinned once: meta remembers
 * where the last gc stopped.
 */
static const struct store_sql thin_from_sql = { ST_CHLOG_THIN_FROM,
    "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta"
    " WHERE key = 'changelog_thinned'), 0)" };
static const struct store_sql thin_sql = { ST_CHLOG_THIN,
    "DELETE FROM changelog WHERE kind = " CK_METRICS
    " AND run_id IN (SELECT id FROM run_log"
    "  WHERE started_at >= ?1 AND started_at < ?2)"
    " AND id NOT IN (SELECT MAX(c.id) FROM changelog c"
    "  JOIN run_log r ON r.id = c.run_id WHERE c.kind = " CK_METRICS
    "  AND r.started_at >= ?1 AND r.started_at < ?2 GROUP BY c.model_key,"
    "  c.endpoint_id, c.ep, c.field, r.started_at / 86400000)" };
static const struct store_sql thin_mark_sql = { ST_CHLOG_THIN_MARK,
    "INSERT OR REPLACE INTO meta (key, value)"
    " VALUES ('changelog_thinned', ?1)" };

static const struct store_sql watch_add_sql = { ST_WATCH_ADD,
    "INSERT OR IGNORE INTO watch (model_key, added_at) VALUES (?1, ?2)" };
static const struct store_sql watch_rm_sql = { ST_WATCH_RM,
    "DELETE FROM watch WHERE model_key = ?1" };
static const struct store_sql watch_list_sql = { ST_WATCH_LIST,
    "SELECT model_key FROM watch ORDER BY model_key" };

static const struct store_sql alert_put_sql = { ST_ALERT_PUT,
    "INSERT OR IGNORE INTO alert (change_id, run_id, rule)"
    " VALUES (?1, ?2, ?3)" };
static const struct store_sql alert_list_sql = { ST_ALERT_LIST,
    CHLOG_SELECT ", al.rule, al.seen_at FROM alert al"
    " JOIN changelog c ON c.id = al.change_id" CHLOG_EP
    " WHERE (?1 = 0 OR al.seen_at IS NULL) AND (?2 = 0 OR al.run_id = ?2)"
    " ORDER BY c.id DESC" };
static const struct store_sql alert_seen_sql = { ST_ALERT_SEEN,
    "UPDATE alert SET seen_at = ?1 WHERE seen_at IS NULL" };

/* ----------------------------------------------------------- writing */

static void
bind_value(sqlite3_stmt *st, int i, const struct ep_change *c, int new)
{
	switch (c->type) {
	case EPC_REAL:
		if (isnan(new ? c->new_r : c->old_r))
			sqlite3_bind_null(st, i);
		else
			sqlite3_bind_double(st, i, new ? c->new_r : c->old_r);
		break;
	case EPC_INT:
		if ((new ? c->new_i : c->old_i) == EP_NULL_INT)
			sqlite3_bind_null(st, i);
		else
			sqlite3_bind_int64(st, i, new ? c->new_i : c->old_i);
		break;
	case EPC_TEXT:
		store_bind_text(st, i, new ? c->new_s : c->old_s);
		break;
	}
}

/* One record; c (may be NULL) gives the field and its values. */
/* store_changelog_put() of r, whose row is ep (0: found by r's key). */
static int
changelog_put_ep(struct store *s, int64_t run_id, const char *kind,
    const struct ep_row *r, int64_t ep, const char *model_key,
    const struct ep_change *c, char **cause)
{
	sqlite3_stmt	*st;

	if (r == NULL)
		ep = 0;
	if ((st = store_stmt(s, ep > 0 ? &put_ep_sql : &put_sql,
	    cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
	if (ep > 0)
		sqlite3_bind_int64(st, 9, ep);
	else {
		store_bind_text(st, 3, r != NULL ? r->model_key : model_key);
		store_bind_text(st, 4, r != NULL ? r->endpoint_id : NULL);
		store_bind_text(st, 5, r != NULL ? r->provider_slug : NULL);
	}
	if (c != NULL) {
		sqlite3_bind_text(st, 6, c->field, -1, SQLITE_STATIC);
		bind_value(st, 7, c, 0);
		bind_value(st, 8, c, 1);
	}
	return (store_step_done(s, st, cause,
	    N_("cannot store a change record")));
}

int
store_changelog_put(struct store *s, int64_t run_id, const char *kind,
    const struct ep_row *r, const char *model_key, const struct ep_change *c,
    char **cause)
{
	return (changelog_put_ep(s, run_id, kind, r, 0, model_key, c, cause));
}

static int
store_changelog_model_live(struct store *s, const struct ep_row *r,
    int64_t *live, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &model_live_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, r->model_key);
	store_bind_text(st, 2, r->endpoint_id);
	return (store_step_int(s, st, live, cause,
	    N_("cannot read endpoints")));
}

/*
 * A listing becomes active: its model too when it was not, and the
 * listing, whose record keeps the first values history replays
 * (replay_first_pack(); the other fields' first values are in the
 * snapshot).  A record per field of every new listing (kind initial,
 * still read in older databases) was most of a first sync's database.
 */
static int
store_changelog_added(struct store *s, int64_t run_id, const struct ep_row *r,
    int64_t ep, int model_added, char **cause)
{
	struct ep_change	 c[EP_CHANGE_MAX];
	struct ep_change	 first;
	struct ep_row		 none;
	char			*packed;
	size_t			 n;
	int			 rc;

	if (model_added && store_changelog_put(s, run_id, "model_added", NULL,
	    r->model_key, NULL, cause) != 0)
		return (-1);
	ep_row_init(&none);
	n = ep_change_diff(&none, r, 0, c);
	ep_row_clear(&none);
	memset(&first, 0, sizeof first);
	first.type = EPC_TEXT;
	first.new_s = packed = replay_first_pack(c, n);
	rc = changelog_put_ep(s, run_id, "endpoint_added", r, ep, NULL,
	    &first, cause);
	free(packed);
	return (rc);
}

/*
 * What writing new over old (NULL: none) changes; model_live says whether
 * the model has another active listing.  The one place both live writes
 * and the backfill decide.
 */
int
store_changelog_record(struct store *s, int64_t run_id,
    const struct ep_row *old, const struct ep_row *new, int64_t ep,
    int keep_stats, int model_live, char **cause)
{
	struct ep_change	 c[EP_CHANGE_MAX], m;
	char			*packed;
	size_t			 n, i, metrics = 0;
	int			 rc;

	if (old == NULL || !old->active)
		return (store_changelog_added(s, run_id, new, ep,
		    !model_live, cause));
	n = ep_change_diff(old, new, keep_stats, c);
	for (i = 0; i < n; i++) {
		/*
		 * A listing the run added and writes again (an import's
		 * catalogue and listing, in any order) is still being
		 * observed for the first time: history's, not a change.
		 */
		if (old->first_run_id == run_id &&
		    replay_field(c[i].field) < 0)
			continue;
		/* The metrics go in one record, below. */
		if (old->first_run_id != run_id &&
		    c[i].kind == EPC_METRICS) {
			metrics++;
			continue;
		}
		if (changelog_put_ep(s, run_id, old->first_run_id ==
		    run_id ? "initial" : ep_change_kind_name(c[i].kind), new,
		    ep, NULL, &c[i], cause) != 0)
			return (-1);
	}
	if (metrics == 0)
		return (0);
	memset(&m, 0, sizeof m);
	m.type = EPC_TEXT;
	m.new_s = packed = replay_metrics_pack(c, n, old);
	rc = changelog_put_ep(s, run_id, "metrics", new, ep, NULL, &m,
	    cause);
	free(packed);
	return (rc);
}

int
store_changelog_upsert(struct store *s, int64_t run_id,
    const struct ep_row *old, const struct ep_row *new, int keep_stats,
    int64_t ep, int known_live, char **cause)
{
	int64_t	live = known_live > 0;

	if ((old == NULL || !old->active) && known_live < 0 &&
	    store_changelog_model_live(s, new, &live, cause) != 0)
		return (-1);
	return (store_changelog_record(s, run_id, old, new, ep, keep_stats,
	    live != 0, cause));
}

int
store_changelog_revive(struct store *s, int64_t run_id,
    const struct ep_row *rows, size_t n, char **cause)
{
	int64_t	*live;
	size_t	 i, j;
	int	 rc = -1;

	/* Asked of every row before any is written: they come back at once. */
	live = xcalloc(n == 0 ? 1 : n, sizeof *live);
	for (i = 0; i < n; i++) {
		if (store_changelog_model_live(s, &rows[i], &live[i],
		    cause) != 0)
			goto out;
		for (j = 0; j < i && !live[i]; j++) {
			if (strcmp(rows[j].model_key, rows[i].model_key) == 0)
				live[i] = 1;
		}
	}
	for (i = 0; i < n; i++) {
		if (store_changelog_added(s, run_id, &rows[i], 0, !live[i],
		    cause) != 0)
			goto out;
	}
	rc = 0;
out:
	free(live);
	return (rc);
}

int
store_changelog_sweep(struct store *s, int64_t run_id, int after,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, after ? &gone_sql : &swept_sql,
	    cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	return (store_step_done(s, st, cause,
	    N_("cannot store a change record")));
}

int
store_changelog_expiry(struct store *s, int64_t run_id, const char *model_key,
    const char *expiry, char **cause)
{
	struct ep_change	 c;
	sqlite3_stmt		*st;
	char			*last = NULL;
	int			 rc;

	if ((st = store_stmt(s, &expiry_last_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, model_key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		last = store_column_strdup(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read change records")));
	rc = 0;
	if (last == NULL ? expiry != NULL : expiry == NULL ||
	    strcmp(last, expiry) != 0) {
		memset(&c, 0, sizeof c);
		c.type = EPC_TEXT;
		c.field = "expiration_date";
		c.old_s = last;
		c.new_s = expiry;
		rc = store_changelog_put(s, run_id, "expiry_changed", NULL,
		    model_key, &c, cause);
	}
	free(last);
	return (rc);
}

int
store_changelog_thin(struct store *s, int64_t day_cutoff_ms, int64_t *n,
    char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 from;

	*n = 0;
	if ((st = store_stmt(s, &thin_from_sql, cause)) == NULL ||
	    store_step_int(s, st, &from, cause,
	    N_("cannot read change records")) != 0)
		return (-1);
	if (from >= day_cutoff_ms)
		return (0);
	if ((st = store_stmt(s, &thin_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, from);
	sqlite3_bind_int64(st, 2, day_cutoff_ms);
	if (store_step_done(s, st, cause,
	    N_("cannot store a change record")) != 0)
		return (-1);
	*n = sqlite3_changes(s->db);
	if ((st = store_stmt(s, &thin_mark_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, day_cutoff_ms);
	return (store_step_done(s, st, cause,
	    N_("cannot store a change record")));
}

/* ----------------------------------------------------------- reading */

static void
read_value(sqlite3_stmt *st, int i, struct change_value *v)
{
	memset(v, 0, sizeof *v);
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_INTEGER:
		v->type = CHV_INT;
		v->i = sqlite3_column_int64(st, i);
		break;
	case SQLITE_FLOAT:
		v->type = CHV_REAL;
		v->r = sqlite3_column_double(st, i);
		break;
	case SQLITE_NULL:
		v->type = CHV_NULL;
		break;
	default:
		v->type = CHV_TEXT;
		v->s = store_column_strdup(st, i);
		break;
	}
}

static void
change_rec_read_cb(sqlite3_stmt *st, void *p)
{
	struct change_rec	*r = p;

	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(st, 0);
	r->run_id = sqlite3_column_int64(st, 1);
	r->at = sqlite3_column_int64(st, 2);
	r->kind = store_column_strdup(st, 3);
	r->model_key = store_column_strdup(st, 4);
	r->model_id = store_column_strdup(st, 5);
	r->endpoint_id = store_column_strdup(st, 6);
	r->provider_slug = store_column_strdup(st, 7);
	r->provider_name = store_column_strdup(st, 8);
	r->field = store_column_strdup(st, 9);
	read_value(st, 10, &r->old);
	read_value(st, 11, &r->new);
	/*
	 * A listing's first values, or a run's metrics of it (one record):
	 * replay's, not the feed's.
	 */
	if (r->kind != NULL && (strcmp(r->kind, "endpoint_added") == 0 ||
	    (strcmp(r->kind, "metrics") == 0 && r->field == NULL)) &&
	    r->new.type == CHV_TEXT) {
		r->first = xcalloc(RF_N, sizeof *r->first);
		if (replay_first_unpack(r->new.s, r->first) != 0) {
			free(r->first);
			r->first = NULL;
		}
		free(r->new.s);
		memset(&r->new, 0, sizeof r->new);
	}
}

static void
change_rec_free_cb(void *list, size_t n)
{
	change_rec_list_free(list, n);
}

void
change_rec_clear(struct change_rec *c)
{
	free(c->kind);
	free(c->model_key);
	free(c->model_id);
	free(c->endpoint_id);
	free(c->provider_slug);
	free(c->provider_name);
	free(c->field);
	free(c->old.s);
	free(c->new.s);
	free(c->first);
	memset(c, 0, sizeof *c);
}

void
change_rec_list_free(struct change_rec *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		change_rec_clear(&list[i]);
	free(list);
}

double
change_value_real(const struct change_value *v)
{
	if (v->type == CHV_INT)
		return ((double)v->i);
	if (v->type == CHV_REAL)
		return (v->r);
	return (NAN);
}

static int
store_changelog_collect(struct store *s, sqlite3_stmt *st,
    struct change_rec **list, size_t *n, char **cause)
{
	return (store_collect(s, st, (void **)list, n, sizeof **list,
	    change_rec_read_cb, change_rec_free_cb,
	    N_("cannot read change records"), cause));
}

int
store_changelog_list(struct store *s, int64_t since_ms, int64_t run_id,
    struct change_rec **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, run_id != 0 ? &list_run_sql :
	    &list_since_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id != 0 ? run_id : since_ms);
	return (store_changelog_collect(s, st, list, n, cause));
}

int
store_changelog_model(struct store *s, const char *model_key,
    struct change_rec **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, &list_model_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	return (store_changelog_collect(s, st, list, n, cause));
}

/* --------------------------------------------------------- watchlist */

int
store_watch_add(struct store *s, const char *model_key, int64_t now_ms,
    int *added, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &watch_add_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	sqlite3_bind_int64(st, 2, now_ms);
	if (store_step_done(s, st, cause,
	    N_("cannot store the watchlist")) != 0)
		return (-1);
	*added = sqlite3_changes(s->db) > 0;
	return (0);
}

int
store_watch_rm(struct store *s, const char *model_key, int *removed,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &watch_rm_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	if (store_step_done(s, st, cause,
	    N_("cannot store the watchlist")) != 0)
		return (-1);
	*removed = sqlite3_changes(s->db) > 0;
	return (0);
}

static void
watch_key_read_cb(sqlite3_stmt *st, void *key)
{
	*(char **)key = store_column_strdup(st, 0);
}

static void
watch_key_free_cb(void *keys, size_t n)
{
	store_strv_free(keys, n);
}

int
store_watch_list(struct store *s, char ***keys, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*keys = NULL;
	*n = 0;
	if ((st = store_stmt(s, &watch_list_sql, cause)) == NULL)
		return (-1);
	return (store_collect(s, st, (void **)keys, n, sizeof **keys,
	    watch_key_read_cb, watch_key_free_cb,
	    N_("cannot read the watchlist"), cause));
}

/* ------------------------------------------------------------ alerts */

int
store_alert_put(struct store *s, int64_t change_id, int64_t run_id,
    const char *rule, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &alert_put_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, change_id);
	sqlite3_bind_int64(st, 2, run_id);
	store_bind_text(st, 3, rule);
	return (store_step_done(s, st, cause, N_("cannot store an alert")));
}

static void
alert_rec_read_cb(sqlite3_stmt *st, void *p)
{
	struct alert_rec	*a = p;

	change_rec_read_cb(st, &a->c);
	a->rule = store_column_strdup(st, 12);
	a->seen_at = sqlite3_column_type(st, 13) == SQLITE_NULL ? 0 :
	    sqlite3_column_int64(st, 13);
}

void
alert_rec_list_free(struct alert_rec *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		change_rec_clear(&list[i].c);
		free(list[i].rule);
	}
	free(list);
}

static void
alert_rec_free_cb(void *list, size_t n)
{
	alert_rec_list_free(list, n);
}

int
store_alert_list(struct store *s, int unseen, int64_t run_id,
    struct alert_rec **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*list = NULL;
	*n = 0;
	if ((st = store_stmt(s, &alert_list_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int(st, 1, unseen != 0);
	sqlite3_bind_int64(st, 2, run_id);
	return (store_collect(s, st, (void **)list, n, sizeof **list,
	    alert_rec_read_cb, alert_rec_free_cb, N_("cannot read the alerts"),
	    cause));
}

int
store_alert_seen(struct store *s, int64_t now_ms, int64_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &alert_seen_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, now_ms);
	if (store_step_done(s, st, cause, N_("cannot store the alerts")) != 0)
		return (-1);
	*n = sqlite3_changes(s->db);
	return (0);
}
