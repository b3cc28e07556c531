/*
 * store-meta: model metadata (see store-meta.h).
 */
#include "config.h"

#include "store/store-meta.h"

#include <stdlib.h>
#include <string.h>

#include "project/jfield.h"
#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct store_sql author_put_sql = { ST_AUTHOR_PUT,
    "INSERT INTO author (slug, name, description, model_count, hash,"
    " run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"
    " ON CONFLICT (slug) DO UPDATE SET name = excluded.name,"
    " description = excluded.description,"
    " model_count = excluded.model_count, hash = excluded.hash,"
    " run_id = excluded.run_id" };
static const struct store_sql author_get_sql = { ST_AUTHOR_GET,
    "SELECT slug, name, description, model_count FROM author"
    " WHERE slug = ?1 COLLATE NOCASE OR name = ?1 COLLATE NOCASE"
    " ORDER BY slug = ?1 DESC LIMIT 1" };
static const struct store_sql author_list_sql = { ST_AUTHOR_LIST,
    "SELECT slug, name, description, model_count FROM author"
    " ORDER BY slug" };
static const struct store_sql app_drop_sql = { ST_APP_DROP,
    "DELETE FROM model_app WHERE model_key = ?1" };
static const struct store_sql app_put_sql = { ST_APP_PUT,
    "INSERT OR REPLACE INTO model_app (model_key, rank, app_id, name, url,"
    " tokens, hash, run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)" };
static const struct store_sql app_load_sql = { ST_APP_LOAD,
    "SELECT rank, app_id, name, url, tokens FROM model_app"
    " WHERE model_key = ?1 ORDER BY rank" };
static const struct store_sql usage_put_sql = { ST_USAGE_PUT,
    "INSERT INTO model_usage (model_key, ts, requests, prompt_tokens,"
    " completion_tokens, reasoning_tokens, run_id)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
    " ON CONFLICT (model_key, ts) DO UPDATE SET"
    " requests = excluded.requests,"
    " prompt_tokens = excluded.prompt_tokens,"
    " completion_tokens = excluded.completion_tokens,"
    " reasoning_tokens = excluded.reasoning_tokens,"
    " run_id = excluded.run_id" };
static const struct store_sql usage_load_sql = { ST_USAGE_LOAD,
    "SELECT ts, requests, prompt_tokens, completion_tokens,"
    " reasoning_tokens FROM model_usage WHERE model_key = ?1 ORDER BY ts" };
static const struct store_sql usage_week_sql = { ST_USAGE_WEEK,
    "SELECT model_key, SUM(COALESCE(prompt_tokens, 0)"
    " + COALESCE(completion_tokens, 0)) FROM model_usage"
    " WHERE ts > (SELECT MAX(ts) FROM model_usage) - 7 * 86400"
    " GROUP BY model_key ORDER BY model_key" };
static const struct store_sql model_in_name_sql = { ST_MODEL_IN_NAME,
    "SELECT model_key FROM model WHERE instr(?1,"
    " replace(replace(model_key, '/', '-'), ':', '-')) > 0"
    " ORDER BY length(model_key) DESC, model_key LIMIT 1" };

static const struct store_sql versions_sql = { ST_VERSIONS,
    "SELECT v.model_key, COALESCE((SELECT MIN(run_id) FROM model_snapshot"
    "  WHERE model_key = v.model_key), 0), MAX(v.last_run)"
    " FROM (SELECT a2.model_key AS model_key,"
    "  COALESCE(a2.last_run_id, 0) AS last_run"
    "  FROM model_alias a1 JOIN model_alias a2 ON a2.alias = a1.alias"
    "  WHERE a1.model_key = ?1"
    "  UNION ALL SELECT model_key, COALESCE(last_run_id, 0) FROM model"
    "  WHERE model_key = ?1) v"
    " GROUP BY v.model_key ORDER BY 2, 1" };

/* An integer that may be unknown. */
static void
bind_count(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == JF_NULL_INT)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static int64_t
column_count(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (JF_NULL_INT);
	return (sqlite3_column_int64(st, i));
}

int
store_author_put(struct store *s, const struct meta_author *a,
    const char *hash, int64_t run_id, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &author_put_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, a->slug);
	store_bind_text(st, 2, a->name);
	store_bind_text(st, 3, a->description);
	bind_count(st, 4, a->models);
	store_bind_text(st, 5, hash);
	sqlite3_bind_int64(st, 6, run_id);
	return (store_step_done(s, st, cause, N_("cannot store an author")));
}

static void
store_author_read(sqlite3_stmt *st, void *p)
{
	struct meta_author	*a = p;

	memset(a, 0, sizeof *a);
	a->slug = store_column_strdup(st, 0);
	a->name = store_column_strdup(st, 1);
	a->description = store_column_strdup(st, 2);
	a->models = column_count(st, 3);
}

static void
store_author_free(void *rows, size_t n)
{
	meta_author_list_free(rows, n);
}

int
store_author_get(struct store *s, const char *query, struct meta_author *a,
    int *found, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	meta_author_clear(a);
	*found = 0;
	if ((st = store_stmt(s, &author_get_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, query);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		store_author_read(st, a);
		*found = 1;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read authors")));
	return (0);
}

int
store_author_list(struct store *s, struct meta_author **rows, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &author_list_sql, cause)) == NULL)
		return (-1);
	return (store_collect(s, st, (void **)rows, n, sizeof **rows,
	    store_author_read, store_author_free,
	    N_("cannot read authors"), cause));
}

int
store_apps_put(struct store *s, const char *model_key,
    const struct meta_app *rows, size_t n, const char *hash, int64_t run_id,
    char **cause)
{
	sqlite3_stmt	*st;
	size_t		 i;

	if ((st = store_stmt(s, &app_drop_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	if (store_step_done(s, st, cause, N_("cannot store apps")) != 0)
		return (-1);
	for (i = 0; i < n; i++) {
		if ((st = store_stmt(s, &app_put_sql, cause)) == NULL)
			return (-1);
		store_bind_text(st, 1, model_key);
		sqlite3_bind_int64(st, 2, rows[i].rank);
		bind_count(st, 3, rows[i].app_id);
		store_bind_text(st, 4, rows[i].name);
		store_bind_text(st, 5, rows[i].url);
		bind_count(st, 6, rows[i].tokens);
		store_bind_text(st, 7, hash);
		sqlite3_bind_int64(st, 8, run_id);
		if (store_step_done(s, st, cause, N_("cannot store apps")) != 0)
			return (-1);
	}
	return (0);
}

static void
store_app_read(sqlite3_stmt *st, void *p)
{
	struct meta_app	*a = p;

	memset(a, 0, sizeof *a);
	a->rank = sqlite3_column_int64(st, 0);
	a->app_id = column_count(st, 1);
	a->name = store_column_strdup(st, 2);
	a->url = store_column_strdup(st, 3);
	a->tokens = column_count(st, 4);
}

static void
store_app_free(void *rows, size_t n)
{
	meta_app_list_free(rows, n);
}

int
store_apps_load(struct store *s, const char *model_key,
    struct meta_app **rows, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &app_load_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	return (store_collect(s, st, (void **)rows, n, sizeof **rows,
	    store_app_read, store_app_free, N_("cannot read apps"), cause));
}

int
store_usage_put(struct store *s, const struct meta_usage *u, int64_t run_id,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &usage_put_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, u->model_key);
	sqlite3_bind_int64(st, 2, u->day);
	bind_count(st, 3, u->requests);
	bind_count(st, 4, u->prompt);
	bind_count(st, 5, u->completion);
	bind_count(st, 6, u->reasoning);
	sqlite3_bind_int64(st, 7, run_id);
	return (store_step_done(s, st, cause, N_("cannot store usage")));
}

static void
store_usage_read(sqlite3_stmt *st, void *p)
{
	struct meta_usage	*u = p;

	memset(u, 0, sizeof *u);
	u->day = sqlite3_column_int64(st, 0);
	u->requests = column_count(st, 1);
	u->prompt = column_count(st, 2);
	u->completion = column_count(st, 3);
	u->reasoning = column_count(st, 4);
}

static void
store_usage_free(void *rows, size_t n)
{
	meta_usage_list_free(rows, n);
}

int
store_usage_load(struct store *s, const char *model_key,
    struct meta_usage **rows, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &usage_load_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	return (store_collect(s, st, (void **)rows, n, sizeof **rows,
	    store_usage_read, store_usage_free, N_("cannot read usage"),
	    cause));
}

static void
store_sum_read(sqlite3_stmt *st, void *p)
{
	struct usage_sum	*u = p;

	u->model_key = store_column_strdup(st, 0);
	u->tokens = sqlite3_column_int64(st, 1);
}

void
usage_sum_list_free(struct usage_sum *u, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(u[i].model_key);
	free(u);
}

static void
store_sum_free(void *rows, size_t n)
{
	usage_sum_list_free(rows, n);
}

int
store_usage_week(struct store *s, struct usage_sum **rows, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &usage_week_sql, cause)) == NULL)
		return (-1);
	return (store_collect(s, st, (void **)rows, n, sizeof **rows,
	    store_sum_read, store_sum_free, N_("cannot read usage"), cause));
}

int
store_model_in_name(struct store *s, const char *name, char **key,
    char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*key = NULL;
	if ((st = store_stmt(s, &model_in_name_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*key = store_column_strdup(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot read models")));
	return (0);
}

/*
 * The tokens of key in a list of sums sorted by model key (SQLite's
 * binary order is strcmp's), or EP_NULL_INT.
 */
static int64_t
store_usage_of(const struct usage_sum *u, size_t n, const char *key)
{
	size_t	lo = 0, hi = n, mid;
	int	c;

	if (key == NULL)
		return (EP_NULL_INT);
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((c = strcmp(u[mid].model_key, key)) == 0)
			return (u[mid].tokens);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (EP_NULL_INT);
}

void
store_usage_fill_models(struct store *s, struct model_row *rows, size_t n)
{
	struct usage_sum	*u = NULL;
	size_t			 nu = 0, i;
	char			*why = NULL;

	if (store_usage_week(s, &u, &nu, &why) != 0)
		free(why);
	for (i = 0; i < n; i++)
		rows[i].usage = store_usage_of(u, nu, rows[i].model_key);
	usage_sum_list_free(u, nu);
}

void
store_usage_fill_endpoints(struct store *s, struct ep_row *rows, size_t n)
{
	struct usage_sum	*u = NULL;
	size_t			 nu = 0, i;
	char			*why = NULL;

	if (store_usage_week(s, &u, &nu, &why) != 0)
		free(why);
	for (i = 0; i < n; i++)
		rows[i].model_usage = store_usage_of(u, nu,
		    rows[i].model_key);
	usage_sum_list_free(u, nu);
}

static void
store_version_read(sqlite3_stmt *st, void *p)
{
	struct model_version	*v = p;

	v->model_key = store_column_strdup(st, 0);
	v->first_run = sqlite3_column_int64(st, 1);
	v->last_run = sqlite3_column_int64(st, 2);
}

void
model_version_list_free(struct model_version *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i].model_key);
	free(v);
}

static void
store_version_free(void *rows, size_t n)
{
	model_version_list_free(rows, n);
}

int
store_model_versions(struct store *s, const char *model_key,
    struct model_version **rows, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &versions_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	return (store_collect(s, st, (void **)rows, n, sizeof **rows,
	    store_version_read, store_version_free,
	    N_("cannot read model versions"), cause));
}

int
store_author_models(struct store *s, const char *slug,
    struct model_row **rows, size_t *n, char **cause)
{
	size_t	len, i, kept = 0;

	if (store_model_list(s, NULL, rows, n, cause) != 0)
		return (-1);
	len = strlen(slug);
	for (i = 0; i < *n; i++) {
		if (strncmp((*rows)[i].model_key, slug, len) != 0 ||
		    (*rows)[i].model_key[len] != '/') {
			model_row_clear(&(*rows)[i]);
			continue;
		}
		if (kept != i) {
			(*rows)[kept] = (*rows)[i];
			model_row_init(&(*rows)[i]);
		}
		kept++;
	}
	*n = kept;
	return (0);
}
