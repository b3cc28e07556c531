/*
 * store-endpoints: the projection, the model directory and metric points.
 */
#include "config.h"

#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static void
bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == EP_NULL_INT)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static void
bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

static void
bind_bool(sqlite3_stmt *st, int i, int v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, v != 0);
}

/* ---------------------------------------------------------------- models */

int
store_model_put(struct store *s, const char *model_key, const char *v1_id,
    const char *name, int64_t run_id, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_MODEL_PUT, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	store_bind_text(st, 2, name);
	sqlite3_bind_int64(st, 3, run_id);
	if (store_step_done(s, st, cause, _("cannot store a model")) != 0)
		return (-1);
	if (v1_id == NULL || strcmp(v1_id, model_key) == 0)
		return (0);
	if ((st = store_stmt(s, ST_ALIAS_PUT, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, v1_id);
	store_bind_text(st, 2, model_key);
	sqlite3_bind_int64(st, 3, run_id);
	return (store_step_done(s, st, cause, _("cannot store a model")));
}

/* Model keys: the statements never return a NULL key (NOT NULL columns). */
static void
store_key_read_cb(sqlite3_stmt *st, void *key)
{
	*(char **)key = store_column_strdup(st, 0);
}

static void
store_key_free_cb(void *keys, size_t n)
{
	store_strv_free(keys, n);
}

static int
store_model_collect(struct store *s, enum store_stmt id, const char *query,
    char ***keys, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*keys = NULL;
	*n = 0;
	if ((st = store_stmt(s, id, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	return (store_collect(s, st, (void **)keys, n, sizeof **keys,
	    store_key_read_cb, store_key_free_cb, _("cannot look up models"),
	    cause));
}

/*
 * "deepseek-chat" matches deepseek/deepseek-chat and its :free variant; when
 * every match is one base key or a variant of it, the base key is meant.
 */
static void
store_model_prefer_base(char **keys, size_t *n)
{
	size_t	i, len;
	char	*base = NULL;

	if (*n < 2)
		return;
	for (i = 0; i < *n; i++) {
		if (strchr(keys[i], ':') == NULL) {
			if (base != NULL)
				return;
			base = keys[i];
		}
	}
	if (base == NULL)
		return;
	len = strlen(base);
	for (i = 0; i < *n; i++) {
		if (keys[i] != base && (strncmp(keys[i], base, len) != 0 ||
		    keys[i][len] != ':'))
			return;
	}
	for (i = 0; i < *n; i++) {
		if (keys[i] != base)
			free(keys[i]);
	}
	keys[0] = base;
	*n = 1;
}

int
store_model_resolve(struct store *s, const char *query, char ***keys,
    size_t *n, int *exact, char **cause)
{
	if (store_model_collect(s, ST_MODEL_EXACT, query, keys, n, cause) != 0)
		return (-1);
	*exact = *n > 0;
	if (*n > 0)
		return (0);
	free(*keys);
	if (store_model_alias(s, query, keys, n, cause) != 0)
		return (-1);
	*exact = *n > 0;
	if (*n > 0)
		return (0);
	free(*keys);
	if (store_model_collect(s, ST_MODEL_LIKE, query, keys, n, cause) != 0)
		return (-1);
	store_model_prefer_base(*keys, n);
	return (0);
}

int
store_model_alias(struct store *s, const char *alias, char ***keys,
    size_t *n, char **cause)
{
	return (store_model_collect(s, ST_MODEL_ALIAS, alias, keys, n, cause));
}

void
store_strv_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ------------------------------------------------------------ projection */

int
store_endpoint_upsert(struct store *s, const struct ep_row *r,
    const char *hash, int64_t run_id, int keep_stats, int64_t listing,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_EP_UPSERT, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, r->endpoint_id);
	store_bind_text(st, 2, r->model_key);
	store_bind_text(st, 3, r->model_name);
	store_bind_text(st, 4, r->provider_slug);
	store_bind_text(st, 5, r->provider_name);
	bind_int(st, 6, r->context_length);
	bind_int(st, 7, r->max_output);
	store_bind_text(st, 8, r->variant);
	store_bind_text(st, 9, r->quantization);
	bind_bool(st, 10, r->is_free);
	bind_bool(st, 11, r->is_hidden);
	bind_bool(st, 12, r->is_disabled);
	bind_real(st, 13, r->price_prompt);
	bind_real(st, 14, r->price_completion);
	bind_real(st, 15, r->price_cache_read);
	bind_bool(st, 16, r->supports_images);
	bind_bool(st, 17, r->supports_tools);
	bind_bool(st, 18, r->supports_reasoning);
	bind_real(st, 19, r->p50_latency_ms);
	bind_real(st, 20, r->p50_throughput);
	bind_int(st, 21, r->request_count);
	bind_real(st, 22, r->uptime);
	bind_int(st, 23, r->limit_rpm);
	bind_int(st, 24, r->limit_rpd);
	bind_bool(st, 25, r->training);
	bind_bool(st, 26, r->retains_prompts);
	bind_int(st, 27, r->status);
	store_bind_text(st, 28, hash);
	sqlite3_bind_int64(st, 29, run_id);
	sqlite3_bind_int(st, 30, keep_stats != 0);
	if (listing != 0)
		sqlite3_bind_int64(st, 31, listing);
	else
		sqlite3_bind_null(st, 31);
	return (store_step_done(s, st, cause, _("cannot store an endpoint")));
}

/* Step a statement that returns one integer (0 when no row). */
static int
store_step_int(struct store *s, sqlite3_stmt *st, int64_t *v, char **cause,
    const char *what)
{
	int	rc;

	*v = 0;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, what));
	return (0);
}

int
store_endpoint_seen(struct store *s, const char *endpoint_id,
    const char *model_key, int64_t *run_id, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_EP_SEEN, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, endpoint_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, model_key, -1, SQLITE_STATIC);
	return (store_step_int(s, st, run_id, cause,
	    _("cannot read endpoints")));
}

/* -------------------------------------------------------------- listings */

int
store_listing_get(struct store *s, const char *model_key,
    struct listing_memo *m, char **cause)
{
	sqlite3_stmt	*st;
	const char	*sha;
	int		 rc;

	memset(m, 0, sizeof *m);
	if ((st = store_stmt(s, ST_LISTING_GET, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, model_key, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m->id = sqlite3_column_int64(st, 0);
		sha = (const char *)sqlite3_column_text(st, 1);
		snprintf(m->body_sha, sizeof m->body_sha, "%s",
		    sha != NULL ? sha : "");
		m->run_id = sqlite3_column_int64(st, 2);
		m->rows = sqlite3_column_int64(st, 3);
		m->endpoints = sqlite3_column_int64(st, 4);
		m->warnings = sqlite3_column_int64(st, 5);
		m->names = store_column_strdup(st, 6);
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, _("cannot read listings")));
	return (0);
}

int
store_listing_id(struct store *s, const char *model_key, int64_t *id,
    char **cause)
{
	struct listing_memo	 m;
	sqlite3_stmt		*st;

	if (store_listing_get(s, model_key, &m, cause) != 0)
		return (-1);
	listing_memo_clear(&m);
	if ((*id = m.id) != 0)
		return (0);
	if ((st = store_stmt(s, ST_LISTING_NEW, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, model_key, -1, SQLITE_STATIC);
	if (store_step_done(s, st, cause, _("cannot store a listing")) != 0)
		return (-1);
	*id = sqlite3_last_insert_rowid(s->db);
	return (0);
}

int
store_listing_put(struct store *s, const struct listing_memo *m,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_LISTING_PUT, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, m->id);
	store_bind_text(st, 2, m->body_sha[0] != '\0' ? m->body_sha : NULL);
	sqlite3_bind_int64(st, 3, m->run_id);
	sqlite3_bind_int64(st, 4, m->rows);
	sqlite3_bind_int64(st, 5, m->endpoints);
	sqlite3_bind_int64(st, 6, m->warnings);
	store_bind_text(st, 7, m->names);
	return (store_step_done(s, st, cause, _("cannot store a listing")));
}

int
store_listing_rows(struct store *s, int64_t id, int64_t run_id, int64_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_LISTING_ROWS, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, run_id);
	return (store_step_int(s, st, n, cause, _("cannot read listings")));
}

int
store_listing_seen(struct store *s, int64_t id, int64_t from_run,
    int64_t run_id, int64_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_LISTING_SEEN, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, from_run);
	sqlite3_bind_int64(st, 3, run_id);
	if (store_step_done(s, st, cause, _("cannot store an endpoint")) != 0)
		return (-1);
	*n = sqlite3_changes(s->db);
	return (0);
}

void
listing_memo_clear(struct listing_memo *m)
{
	free(m->names);
	m->names = NULL;
}

static int64_t
col_int(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (EP_NULL_INT);
	return (sqlite3_column_int64(st, i));
}

static double
col_real(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (NAN);
	return (sqlite3_column_double(st, i));
}

static int
col_bool(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (-1);
	return (sqlite3_column_int(st, i) != 0);
}

static void
store_endpoint_read(sqlite3_stmt *st, struct ep_row *r)
{
	static const int	 cols[] = { 0, 1, 2, 3, 4, 7, 8 };
	char			**fields[7];
	const unsigned char	*text[7];
	size_t			 len[7], total = 0, i;
	char			*p;

	/* The seven strings in one allocation (see ep_row.pack). */
	fields[0] = &r->endpoint_id;
	fields[1] = &r->model_key;
	fields[2] = &r->model_name;
	fields[3] = &r->provider_slug;
	fields[4] = &r->provider_name;
	fields[5] = &r->variant;
	fields[6] = &r->quantization;
	for (i = 0; i < 7; i++) {
		text[i] = sqlite3_column_text(st, cols[i]);
		len[i] = text[i] != NULL ?
		    (size_t)sqlite3_column_bytes(st, cols[i]) : 0;
		total += text[i] != NULL ? len[i] + 1 : 0;
	}
	p = r->pack = xmalloc(total == 0 ? 1 : total);
	for (i = 0; i < 7; i++) {
		if (text[i] == NULL) {
			*fields[i] = NULL;
			continue;
		}
		memcpy(p, text[i], len[i]);
		p[len[i]] = '\0';
		*fields[i] = p;
		p += len[i] + 1;
	}
	r->context_length = col_int(st, 5);
	r->max_output = col_int(st, 6);
	r->is_free = col_bool(st, 9);
	r->is_hidden = col_bool(st, 10);
	r->is_disabled = col_bool(st, 11);
	r->price_prompt = col_real(st, 12);
	r->price_completion = col_real(st, 13);
	r->price_cache_read = col_real(st, 14);
	r->supports_images = col_bool(st, 15);
	r->supports_tools = col_bool(st, 16);
	r->supports_reasoning = col_bool(st, 17);
	r->p50_latency_ms = col_real(st, 18);
	r->p50_throughput = col_real(st, 19);
	r->request_count = col_int(st, 20);
	r->uptime = col_real(st, 21);
	r->limit_rpm = col_int(st, 22);
	r->limit_rpd = col_int(st, 23);
	r->training = col_bool(st, 24);
	r->retains_prompts = col_bool(st, 25);
	r->status = col_int(st, 26);
	r->first_run_id = sqlite3_column_int64(st, 27);
	r->last_run_id = sqlite3_column_int64(st, 28);
	r->active = sqlite3_column_int(st, 29);
}

static void
store_endpoint_read_cb(sqlite3_stmt *st, void *r)
{
	store_endpoint_read(st, r);
}

static void
store_endpoint_free_cb(void *rows, size_t n)
{
	ep_row_list_free(rows, n);
}

static int
store_endpoint_collect(struct store *s, sqlite3_stmt *st,
    struct ep_row **rows, size_t *n, char **cause)
{
	return (store_collect(s, st, (void **)rows, n, sizeof **rows,
	    store_endpoint_read_cb, store_endpoint_free_cb,
	    _("cannot read endpoints"), cause));
}

int
store_endpoint_load(struct store *s, int include_inactive,
    struct ep_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_EP_LOAD, cause)) == NULL)
		return (-1);
	sqlite3_bind_int(st, 1, include_inactive != 0);
	return (store_endpoint_collect(s, st, rows, n, cause));
}

int
store_endpoint_load_head(struct store *s, size_t n, struct ep_row **rows,
    size_t *nrows, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_EP_LOAD_HEAD, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)n);
	return (store_endpoint_collect(s, st, rows, nrows, cause));
}

int
store_endpoint_load_model(struct store *s, const char *model_key,
    struct ep_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_EP_LOAD_MODEL, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, model_key, -1, SQLITE_STATIC);
	return (store_endpoint_collect(s, st, rows, n, cause));
}

int64_t
store_endpoint_count(struct store *s, int active_only)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if ((st = store_stmt(s, ST_EP_COUNT, NULL)) == NULL)
		return (-1);
	sqlite3_bind_int(st, 1, active_only != 0);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return (n);
}

void
ep_row_list_free(struct ep_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		ep_row_clear(&rows[i]);
	free(rows);
}

int
store_endpoint_tombstone(struct store *s, int64_t run_id, int64_t *count,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_EP_TOMBSTONE, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	if (store_step_done(s, st, cause, _("cannot tombstone endpoints")) != 0)
		return (-1);
	if (count != NULL)
		*count = sqlite3_changes(s->db);
	return (0);
}

/* --------------------------------------------------------------- metrics */

int
store_metric_put(struct store *s, const char *endpoint_id, const char *metric,
    const char *bucket, int64_t ts, double value, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_METRIC_PUT, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, endpoint_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, metric, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, bucket, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, ts);
	sqlite3_bind_double(st, 5, value);
	return (store_step_done(s, st, cause, _("cannot store a metric")));
}

int64_t
store_metric_count(struct store *s)
{
	return (store_count(s, ST_METRIC_COUNT));
}

int
store_endpoint_refresh_uptime(struct store *s, const char *endpoint_id,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, ST_EP_UPTIME, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, endpoint_id, -1, SQLITE_STATIC);
	return (store_step_done(s, st, cause, _("cannot update uptime")));
}
