/*
 * store-runs: the run screens' questions to the run log, the projection
 * and the snapshots (see store-runs.h for what each answer means).
 *
 * The statements run when a screen opens or a run is looked at, not per
 * row of a sync, so they are prepared here per call, with bound
 * parameters like every other statement of the store.
 */
#include "config.h"

#include "store/store-runs.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "codec/zblob.h"
#include "project/endpoint.h"
#include "store/store-private.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char runs_running_sql[] =
    "SELECT id FROM run_log WHERE status = ?1 ORDER BY id DESC LIMIT 1";

/* The columns struct run_endpoint is read from, in order. */
#define RUNS_EP_COLUMNS \
    "e.endpoint_id, e.model_key, e.model_name," \
    " COALESCE(e.provider_name, e.provider_slug), e.price_prompt," \
    " e.price_completion, e.first_run_id, e.last_run_id, e.active"
#define RUNS_EP_ORDER \
    " ORDER BY e.model_key, COALESCE(e.provider_name, e.provider_slug)," \
    " e.endpoint_id"

static const char runs_added_sql[] =
    "SELECT " RUNS_EP_COLUMNS " FROM endpoint e WHERE e.first_run_id = ?1"
    RUNS_EP_ORDER;

/*
 * ?1 is the run; ?2 the source and ?3 the status of a run that sweeps.  The
 * listing was last seen before the run, the run swept, and no sweeping run
 * came between: the run is the first sweep after the listing was last seen.
 */
static const char runs_tombstoned_sql[] =
    "SELECT " RUNS_EP_COLUMNS " FROM endpoint e"
    " WHERE e.active = 0 AND e.last_run_id < ?1"
    "  AND EXISTS (SELECT 1 FROM run_log r WHERE r.id = ?1"
    "   AND r.source = ?2 AND r.status = ?3)"
    "  AND NOT EXISTS (SELECT 1 FROM run_log q WHERE q.source = ?2"
    "   AND q.status = ?3 AND q.id > e.last_run_id AND q.id < ?1)"
    RUNS_EP_ORDER;

/* The previous snapshot of each listing the run has a snapshot of. */
static const char runs_pairs_sql[] =
    "SELECT s.endpoint_id, s.model_key,"
    " COALESCE(e.provider_name, e.provider_slug), p.run_id, p.hash, s.hash"
    " FROM endpoint_snapshot s"
    " JOIN endpoint_snapshot p ON p.endpoint_id = s.endpoint_id"
    "  AND p.model_key = s.model_key"
    "  AND p.run_id = (SELECT MAX(t.run_id) FROM endpoint_snapshot t"
    "   WHERE t.endpoint_id = s.endpoint_id AND t.model_key = s.model_key"
    "    AND t.run_id < ?1)"
    " LEFT JOIN endpoint e ON e.endpoint_id = s.endpoint_id"
    "  AND e.model_key = s.model_key"
    " WHERE s.run_id = ?1 AND p.hash != s.hash"
    " ORDER BY s.model_key, COALESCE(e.provider_name, e.provider_slug),"
    "  s.endpoint_id";

int
store_runs_stamp(struct store *s, struct runs_stamp *stamp, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(stamp, 0, sizeof *stamp);
	if (sqlite3_prepare_v2(s->db, "PRAGMA data_version", -1, &st,
	    NULL) != SQLITE_OK)
		return (store_fail(s, cause, _("cannot read the run log")));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		stamp->data_version = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return (store_fail(s, cause, _("cannot read the run log")));
	stamp->changes = sqlite3_total_changes(s->db);
	return (0);
}

int
store_runs_running(struct store *s, struct run_info *run, int *found,
    char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 id = 0;
	int		 rc;

	*found = 0;
	memset(run, 0, sizeof *run);
	if (sqlite3_prepare_v2(s->db, runs_running_sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return (store_fail(s, cause, _("cannot read the run log")));
	store_bind_text(st, 1, "running");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, _("cannot read the run log")));
	if (id == 0)
		return (0);
	return (store_run_get(s, id, run, found, cause));
}

/* A REAL column, NAN when NULL. */
static double
runs_column_real(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (NAN);
	return (sqlite3_column_double(st, i));
}

static void
runs_endpoint_read(sqlite3_stmt *st, void *p)
{
	struct run_endpoint	*e = p;

	memset(e, 0, sizeof *e);
	e->endpoint_id = store_column_strdup(st, 0);
	e->model_key = store_column_strdup(st, 1);
	e->model_name = store_column_strdup(st, 2);
	e->provider = store_column_strdup(st, 3);
	e->price_prompt = runs_column_real(st, 4);
	e->price_completion = runs_column_real(st, 5);
	e->first_run_id = sqlite3_column_int64(st, 6);
	e->last_run_id = sqlite3_column_int64(st, 7);
	e->active = sqlite3_column_int(st, 8);
}

void
run_endpoint_list_free(struct run_endpoint *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].endpoint_id);
		free(list[i].model_key);
		free(list[i].model_name);
		free(list[i].provider);
	}
	free(list);
}

static void
runs_endpoint_free_cb(void *list, size_t n)
{
	run_endpoint_list_free(list, n);
}

/* Prepare sql, bind the run (and the sweep's source and status), collect. */
static int
runs_endpoints(struct store *s, const char *sql, int sweep, int64_t run_id,
    struct run_endpoint **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*list = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, sql, -1, &st, NULL) != SQLITE_OK)
		return (store_fail(s, cause, _("cannot read the endpoints")));
	sqlite3_bind_int64(st, 1, run_id);
	if (sweep) {
		store_bind_text(st, 2, "sync");
		store_bind_text(st, 3, "ok");
	}
	rc = store_collect(s, st, (void **)list, n, sizeof **list,
	    runs_endpoint_read, runs_endpoint_free_cb,
	    _("cannot read the endpoints"), cause);
	sqlite3_finalize(st);
	return (rc);
}

int
store_runs_added(struct store *s, int64_t run_id, struct run_endpoint **list,
    size_t *n, char **cause)
{
	return (runs_endpoints(s, runs_added_sql, 0, run_id, list, n, cause));
}

int
store_runs_tombstoned(struct store *s, int64_t run_id,
    struct run_endpoint **list, size_t *n, char **cause)
{
	return (runs_endpoints(s, runs_tombstoned_sql, 1, run_id, list, n,
	    cause));
}

static void
runs_pair_read(sqlite3_stmt *st, void *p)
{
	struct run_snap_pair	*pair = p;
	const unsigned char	*h;

	memset(pair, 0, sizeof *pair);
	pair->endpoint_id = store_column_strdup(st, 0);
	pair->model_key = store_column_strdup(st, 1);
	pair->provider = store_column_strdup(st, 2);
	pair->old_run = sqlite3_column_int64(st, 3);
	if ((h = sqlite3_column_text(st, 4)) != NULL)
		snprintf(pair->old_hash, sizeof pair->old_hash, "%s",
		    (const char *)h);
	if ((h = sqlite3_column_text(st, 5)) != NULL)
		snprintf(pair->new_hash, sizeof pair->new_hash, "%s",
		    (const char *)h);
}

void
run_snap_pair_list_free(struct run_snap_pair *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(list[i].endpoint_id);
		free(list[i].model_key);
		free(list[i].provider);
	}
	free(list);
}

static void
runs_pair_free_cb(void *list, size_t n)
{
	run_snap_pair_list_free(list, n);
}

int
store_runs_snap_pairs(struct store *s, int64_t run_id,
    struct run_snap_pair **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*list = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(s->db, runs_pairs_sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return (store_fail(s, cause, _("cannot read the snapshots")));
	sqlite3_bind_int64(st, 1, run_id);
	rc = store_collect(s, st, (void **)list, n, sizeof **list,
	    runs_pair_read, runs_pair_free_cb, _("cannot read the snapshots"),
	    cause);
	sqlite3_finalize(st);
	return (rc);
}

/*
 * Which endpoint object a snapshot blob holds.  A catalogue entry (it has
 * a slug or permaslug and an "endpoint" object) is stored whole, and its
 * featured endpoint's snapshot points at it; an object with an id is a
 * stats endpoint; anything else is a v1 endpoint, which has no id.
 */
static const json_t *
runs_blob_endpoint(const json_t *root, enum ep_source *src)
{
	const json_t	*endpoint;

	endpoint = json_object_get(root, "endpoint");
	if (json_is_object(endpoint) &&
	    (json_is_string(json_object_get(root, "permaslug")) ||
	    json_is_string(json_object_get(root, "slug")))) {
		*src = EP_SRC_CATALOGUE;
		return (endpoint);
	}
	if (json_is_string(json_object_get(root, "id")))
		*src = EP_SRC_STATS;
	else
		*src = EP_SRC_V1;
	return (root);
}

/* The prices as ep_project() reads them, from the whole object. */
static int
runs_parse_prices(const struct buf *raw, const char *hash,
    const char *model_key, struct run_prices *prices, char **cause)
{
	struct ep_context	 ctx;
	struct ep_row		 row;
	const json_t		*obj;
	enum ep_source		 src;
	json_error_t		 err;
	json_t			*root;
	int			 rc = -1;

	if ((root = json_loadb(raw->data, raw->len, 0, &err)) == NULL) {
		if (cause != NULL)
			*cause = xasprintf(_("snapshot %.12s: %s"), hash,
			    err.text);
		return (-1);
	}
	ep_row_init(&row);
	obj = runs_blob_endpoint(root, &src);
	memset(&ctx, 0, sizeof ctx);
	ctx.model_key = model_key;
	if (ep_project(obj, src, &ctx, &row, NULL, NULL) != 0) {
		if (cause != NULL)
			*cause = xasprintf(_("snapshot %.12s holds no "
			    "endpoint"), hash);
		goto out;
	}
	prices->prompt = row.price_prompt;
	prices->completion = row.price_completion;
	prices->cache_read = row.price_cache_read;
	rc = 0;
out:
	ep_row_clear(&row);
	json_decref(root);
	return (rc);
}

/*
 * Skimming.  Parsing a whole blob (a few kB, mostly stats and the embedded
 * model) to read three prices costs most of the time a run's price changes
 * take, so the pricing object is found by walking the canonical JSON
 * without building it -- keys are written unescaped and unique, values are
 * skipped by counting brackets outside strings -- and only it is parsed.
 * Whatever does not look as expected falls back to the whole parse.
 */
static const char *
runs_skim_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return (p);
}

/* p is at a '"': the byte after the closing quote, or NULL. */
static const char *
runs_skim_string(const char *p, const char *end)
{
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return (p + 1);
	}
	return (NULL);
}

/* The byte after the value at p, or NULL. */
static const char *
runs_skim_value(const char *p, const char *end)
{
	int	depth = 0;

	if (p >= end)
		return (NULL);
	if (*p == '"')
		return (runs_skim_string(p, end));
	if (*p != '{' && *p != '[') {
		while (p < end && *p != ',' && *p != '}' && *p != ']' &&
		    *p != ' ' && *p != '\n')
			p++;
		return (p);
	}
	while (p < end) {
		if (*p == '"') {
			if ((p = runs_skim_string(p, end)) == NULL)
				return (NULL);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && --depth == 0)
			return (p + 1);
		p++;
	}
	return (NULL);
}

/*
 * The member key of the object [p, end): 1 with its value in [*val, *vend),
 * 0 when the object has no such member, -1 when it is not an object.
 */
static int
runs_skim_member(const char *p, const char *end, const char *key,
    const char **val, const char **vend)
{
	const char	*k, *q, *v;
	size_t		 klen = strlen(key);

	p = runs_skim_ws(p, end);
	if (p >= end || *p != '{')
		return (-1);
	p = runs_skim_ws(p + 1, end);
	if (p < end && *p == '}')
		return (0);
	for (;;) {
		if (p >= end || *p != '"')
			return (-1);
		k = p + 1;
		if ((q = runs_skim_string(p, end)) == NULL)
			return (-1);
		p = runs_skim_ws(q, end);
		if (p >= end || *p != ':')
			return (-1);
		v = runs_skim_ws(p + 1, end);
		if ((p = runs_skim_value(v, end)) == NULL)
			return (-1);
		if ((size_t)(q - 1 - k) == klen && memcmp(k, key, klen) == 0) {
			*val = v;
			*vend = p;
			return (1);
		}
		p = runs_skim_ws(p, end);
		if (p < end && *p == '}')
			return (0);
		if (p >= end || *p != ',')
			return (-1);
		p = runs_skim_ws(p + 1, end);
	}
}

/* The prices from the skimmed pricing object; -1: parse it all instead. */
static int
runs_skim_prices(const struct buf *raw, struct run_prices *prices)
{
	const char	*p = raw->data, *end = raw->data + raw->len;
	const char	*v, *ve, *e, *ee;
	json_t		*pricing;
	int		 rc;

	/* The same decision as runs_blob_endpoint(). */
	if ((rc = runs_skim_member(p, end, "endpoint", &e, &ee)) < 0)
		return (-1);
	if (rc == 1 && *e == '{' &&
	    ((runs_skim_member(p, end, "permaslug", &v, &ve) == 1 &&
	    *v == '"') || (runs_skim_member(p, end, "slug", &v, &ve) == 1 &&
	    *v == '"'))) {
		p = e;
		end = ee;
	}
	if ((rc = runs_skim_member(p, end, "pricing", &v, &ve)) < 0)
		return (-1);
	if (rc == 0 || *v != '{')
		return (0);		/* no pricing object: no prices */
	if ((pricing = json_loadb(v, (size_t)(ve - v), 0, NULL)) == NULL)
		return (-1);
	prices->prompt = ep_parse_price(json_object_get(pricing, "prompt"),
	    NULL);
	prices->completion = ep_parse_price(json_object_get(pricing,
	    "completion"), NULL);
	prices->cache_read = ep_parse_price(json_object_get(pricing,
	    "input_cache_read"), NULL);
	json_decref(pricing);
	return (0);
}

int
store_runs_snapshot_prices(struct store *s, const char *hash,
    const char *model_key, struct run_prices *prices, char **cause)
{
	struct buf	 gz = BUF_INIT, raw = BUF_INIT;
	char		 codec[16];
	int64_t		 raw_len;
	int		 found, rc = -1;

	prices->prompt = prices->completion = prices->cache_read = NAN;
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
	if (zblob_verify(gz.data, gz.len, hash, ZBLOB_CAP, &raw, cause) != 0)
		goto out;
	if (runs_skim_prices(&raw, prices) == 0)
		rc = 0;
	else
		rc = runs_parse_prices(&raw, hash, model_key, prices, cause);
out:
	buf_free(&raw);
	buf_free(&gz);
	return (rc);
}

/* Two prices differ; unknown (NAN) equals only unknown. */
static int
runs_price_differs(double a, double b)
{
	if (isnan(a) || isnan(b))
		return (isnan(a) != isnan(b));
	return (a != b);
}

int
store_runs_price_diff(struct store *s, const struct run_snap_pair *pair,
    struct run_prices *before, struct run_prices *after, int *changed,
    char **cause)
{
	*changed = 0;
	if (store_runs_snapshot_prices(s, pair->old_hash, pair->model_key,
	    before, cause) != 0)
		return (-1);
	if (store_runs_snapshot_prices(s, pair->new_hash, pair->model_key,
	    after, cause) != 0)
		return (-1);
	*changed = runs_price_differs(before->prompt, after->prompt) ||
	    runs_price_differs(before->completion, after->completion) ||
	    runs_price_differs(before->cache_read, after->cache_read);
	return (0);
}
