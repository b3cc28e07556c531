/*
 * store-changelog-backfill: the change records of the runs a database
 * stored before it had them (schema 6), built once, by the migration,
 * from the stored snapshots.
 *
 * The runs are replayed in order.  Snapshot rows record changes (a
 * listing gets a row in a run only when its object changed), so each row
 * is the listing's new observation: inflated, projected
 * (project/snap-prices.h) and recorded against the listing's previous one
 * exactly as a live write is (store_changelog_record).  A listing that is
 * inactive now was swept by the first complete sync after the run that
 * last saw it (the rule of store-changes.h); that run records its removal
 * and, when it took the model's last active listing, the model's.  What
 * the snapshots cannot tell is not invented: a listing swept and brought
 * back, or snapshots retention pruned, leave no record.  A snapshot whose
 * blob is missing or unreadable is skipped rather than fail the upgrade.
 */
#include "config.h"

#include "store/store-changelog.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "project/ep-change.h"
#include "project/snap-prices.h"
#include "store/store-private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct store_sql bf_listings_sql = { ST_CHLOG_BF_LISTINGS,
    "SELECT DISTINCT s.model_key, s.endpoint_id,"
    " (SELECT MIN(r.id) FROM run_log r WHERE r.id > e.last_run_id"
    "  AND r.source = 'sync' AND r.status = 'ok')"
    " FROM endpoint_snapshot s LEFT JOIN endpoint e"
    " ON " EP_KEY_IS("e.", "s.model_key", "s.endpoint_id")
    "  AND e.active = 0"
    " ORDER BY s.model_key, s.endpoint_id" };
static const struct store_sql bf_runs_sql = { ST_CHLOG_BF_RUNS,
    "SELECT id FROM run_log ORDER BY id" };
static const struct store_sql bf_snaps_sql = { ST_CHLOG_BF_SNAPS,
    "SELECT model_key, endpoint_id, hash FROM endpoint_snapshot"
    " WHERE run_id = ?1 ORDER BY model_key, endpoint_id" };

static const struct store_sql bf_models_sql = { ST_CHLOG_BF_MODELS,
    "SELECT model_key, hash FROM model_snapshot"
    " WHERE run_id = ?1 AND kind = 'v1' ORDER BY model_key" };

struct bf_listing {
	char		*model_key;
	char		*endpoint_id;
	int64_t		 sweep_run;	/* 0: never swept */
	size_t		 model;		/* index of the model's first */
	int		 seen;
	struct ep_row	 row;		/* as last observed; active set */
};

struct bf {
	struct bf_listing	*l;
	size_t			 n;
	int64_t			*live;	/* active listings, by model index */
};

static void
bf_listing_read(sqlite3_stmt *st, void *p)
{
	struct bf_listing	*l = p;

	memset(l, 0, sizeof *l);
	l->model_key = store_column_strdup(st, 0);
	l->endpoint_id = store_column_strdup(st, 1);
	l->sweep_run = sqlite3_column_int64(st, 2);
	ep_row_init(&l->row);
}

static void
bf_free(struct bf_listing *l, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(l[i].model_key);
		free(l[i].endpoint_id);
		ep_row_clear(&l[i].row);
	}
	free(l);
}

static void
bf_free_cb(void *l, size_t n)
{
	bf_free(l, n);
}

static struct bf_listing *
bf_find(struct bf *bf, const char *model_key, const char *endpoint_id)
{
	size_t	lo = 0, hi = bf->n, mid;
	int	c;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(bf->l[mid].model_key, model_key)) == 0)
			c = strcmp(bf->l[mid].endpoint_id, endpoint_id);
		if (c == 0)
			return (&bf->l[mid]);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (NULL);
}

/*
 * The new observation as the projection holds it after the write: a
 * featured endpoint without stats keeps the stored ones, and a missing
 * uptime keeps the stored one (the upsert's COALESCEs).
 */
static void
bf_keep(struct ep_row *row, const struct ep_row *old, int keep_stats)
{
	if (keep_stats) {
		if (row->status == EP_NULL_INT)
			row->status = old->status;
		if (isnan(row->p50_latency_ms))
			row->p50_latency_ms = old->p50_latency_ms;
		if (isnan(row->p50_throughput))
			row->p50_throughput = old->p50_throughput;
		if (row->request_count == EP_NULL_INT)
			row->request_count = old->request_count;
	}
	if (isnan(row->uptime))
		row->uptime = old->uptime;
}

/* One snapshot row: the listing's next observation. */
static int
bf_observe(struct store *s, struct bf *bf, int64_t run_id,
    struct bf_listing *l, const char *hash, char **cause)
{
	struct buf	 raw = BUF_INIT;
	struct ep_row	 row;
	int		 catalogue = 0, rc = 0;

	ep_row_init(&row);
	if (store_blob_text(s, hash, &raw, NULL) != 0 ||
	    snap_project(raw.data, raw.len, hash, l->model_key, &row,
	    &catalogue, NULL) != 0)
		goto out;
	/* The listing's identity is the snapshot row's, as it was stored. */
	free(row.model_key);
	free(row.endpoint_id);
	row.model_key = xstrdup(l->model_key);
	row.endpoint_id = xstrdup(l->endpoint_id);
	rc = store_changelog_record(s, run_id, l->seen ? &l->row : NULL, &row,
	    0, catalogue, bf->live[l->model] > 0, cause);
	if (rc != 0)
		goto out;
	if (l->seen)
		bf_keep(&row, &l->row, catalogue);
	if (!l->seen || !l->row.active)
		bf->live[l->model]++;
	ep_row_copy(&l->row, &row);
	l->row.active = 1;
	l->seen = 1;
out:
	ep_row_clear(&row);
	buf_free(&raw);
	return (rc);
}

/* The sweep of a complete sync: the listings it took, then the models. */
static int
bf_sweep(struct store *s, struct bf *bf, int64_t run_id, char **cause)
{
	unsigned char	*took;
	size_t		 i;
	int		 rc = -1;

	/* The models this run took listings from, by model index. */
	took = xcalloc(bf->n == 0 ? 1 : bf->n, 1);
	for (i = 0; i < bf->n; i++) {
		if (bf->l[i].sweep_run != run_id || !bf->l[i].seen ||
		    !bf->l[i].row.active)
			continue;
		if (store_changelog_put(s, run_id, "endpoint_removed",
		    &bf->l[i].row, NULL, NULL, cause) != 0)
			goto out;
		bf->l[i].row.active = 0;
		bf->live[bf->l[i].model]--;
		took[bf->l[i].model] = 1;
	}
	for (i = 0; i < bf->n; i++) {
		if (took[i] && bf->live[i] == 0 &&
		    store_changelog_put(s, run_id, "model_removed", NULL,
		    bf->l[i].model_key, NULL, cause) != 0)
			goto out;
	}
	rc = 0;
out:
	free(took);
	return (rc);
}

/* The expiry dates of the run's /api/v1/models entries that changed. */
static int
bf_models(struct store *s, int64_t run_id, char **cause)
{
	struct buf	 raw = BUF_INIT;
	sqlite3_stmt	*st;
	json_t		*entry;
	char		*model_key, *hash, expiry[11];
	int		 rc = 0, step;

	if ((st = store_stmt(s, &bf_models_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		model_key = store_column_strdup(st, 0);
		hash = store_column_hash_strdup(st, 1);
		buf_reset(&raw);
		if (model_key != NULL && hash != NULL &&
		    store_blob_text(s, hash, &raw, NULL) == 0 &&
		    (entry = json_loadb(raw.data, raw.len, 0, NULL)) != NULL) {
			rc = store_changelog_expiry(s, run_id, model_key,
			    ep_change_expiry(entry, expiry) ? expiry : NULL,
			    cause);
			json_decref(entry);
		}
		free(model_key);
		free(hash);
	}
	sqlite3_reset(st);
	buf_free(&raw);
	if (rc != 0)
		return (-1);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read the snapshots")));
	return (0);
}

static int
bf_run(struct store *s, struct bf *bf, int64_t run_id, char **cause)
{
	struct bf_listing	*l;
	sqlite3_stmt		*st;
	char			*model_key, *endpoint_id, *hash;
	int			 rc, step;

	if (bf_models(s, run_id, cause) != 0)
		return (-1);
	if ((st = store_stmt(s, &bf_snaps_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	rc = 0;
	while (rc == 0 && (step = sqlite3_step(st)) == SQLITE_ROW) {
		model_key = store_column_strdup(st, 0);
		endpoint_id = store_column_strdup(st, 1);
		hash = store_column_hash_strdup(st, 2);
		if ((l = bf_find(bf, model_key, endpoint_id)) != NULL &&
		    hash != NULL)
			rc = bf_observe(s, bf, run_id, l, hash, cause);
		free(model_key);
		free(endpoint_id);
		free(hash);
	}
	sqlite3_reset(st);
	if (rc != 0)
		return (-1);
	if (step != SQLITE_ROW && step != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read the snapshots")));
	return (bf_sweep(s, bf, run_id, cause));
}

int
store_changelog_backfill(struct store *s, char **cause)
{
	struct bf	 bf;
	sqlite3_stmt	*st;
	int64_t		*runs = NULL;
	size_t		 nruns = 0, cap = 0, i;
	int		 rc = -1, step;

	memset(&bf, 0, sizeof bf);
	if ((st = store_stmt(s, &bf_listings_sql, cause)) == NULL)
		return (-1);
	if (store_collect(s, st, (void **)&bf.l, &bf.n, sizeof *bf.l,
	    bf_listing_read, bf_free_cb, N_("cannot read the snapshots"),
	    cause) != 0)
		return (-1);
	bf.live = xcalloc(bf.n == 0 ? 1 : bf.n, sizeof *bf.live);
	for (i = 0; i < bf.n; i++)
		bf.l[i].model = i > 0 && strcmp(bf.l[i - 1].model_key,
		    bf.l[i].model_key) == 0 ? bf.l[i - 1].model : i;
	/* The run ids first: each run's replay runs statements of its own. */
	if ((st = store_stmt(s, &bf_runs_sql, cause)) == NULL)
		goto out;
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		if (nruns == cap) {
			cap = cap == 0 ? 64 : cap * 2;
			runs = xreallocarray(runs, cap, sizeof *runs);
		}
		runs[nruns++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (step != SQLITE_DONE) {
		store_fail(s, cause, N_("cannot read the run log"));
		goto out;
	}
	for (i = 0; i < nruns; i++) {
		if (bf_run(s, &bf, runs[i], cause) != 0)
			goto out;
	}
	rc = 0;
out:
	free(runs);
	free(bf.live);
	bf_free(bf.l, bf.n);
	return (rc);
}
