/*
 * store-providers: the provider projection (see store-providers.h).
 */
#include "config.h"

#include "store/store-providers.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct store_sql prov_put_sql = { ST_PROV_PUT,
    "INSERT INTO provider (slug, name, privacy_policy_url,"
    " terms_of_service_url, status_page_url, headquarters, datacenters,"
    " hash, listed_run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
    " ON CONFLICT (slug) DO UPDATE SET name = excluded.name,"
    " privacy_policy_url = excluded.privacy_policy_url,"
    " terms_of_service_url = excluded.terms_of_service_url,"
    " status_page_url = excluded.status_page_url,"
    " headquarters = excluded.headquarters,"
    " datacenters = excluded.datacenters, hash = excluded.hash,"
    " listed_run_id = excluded.listed_run_id" };
static const struct store_sql prov_merge_sql = { ST_PROV_MERGE,
    "INSERT INTO provider (slug, fe_name, fe_headquarters,"
    " fe_status_page_url, training, retains_prompts, region, fe_run_id,"
    " fe_privacy_policy_url, fe_terms_of_service_url)"
    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    " ON CONFLICT (slug) DO UPDATE SET"
    " fe_name = COALESCE(excluded.fe_name, fe_name),"
    " fe_headquarters = COALESCE(excluded.fe_headquarters,"
    "  fe_headquarters),"
    " fe_status_page_url = COALESCE(excluded.fe_status_page_url,"
    "  fe_status_page_url),"
    " training = COALESCE(excluded.training, training),"
    " retains_prompts = COALESCE(excluded.retains_prompts,"
    "  retains_prompts),"
    " region = COALESCE(excluded.region, region),"
    " fe_privacy_policy_url = COALESCE(excluded.fe_privacy_policy_url,"
    "  fe_privacy_policy_url),"
    " fe_terms_of_service_url = COALESCE(excluded.fe_terms_of_service_url,"
    "  fe_terms_of_service_url),"
    " fe_run_id = excluded.fe_run_id" };
/* The endpoints are counted in one pass, grouped by their base slug. */
static const struct store_sql prov_load_sql = { ST_PROV_LOAD,
    "SELECT p.slug, COALESCE(p.name, p.fe_name),"
    " COALESCE(p.privacy_policy_url, p.fe_privacy_policy_url),"
    " COALESCE(p.terms_of_service_url, p.fe_terms_of_service_url),"
    " COALESCE(p.status_page_url, p.fe_status_page_url),"
    " COALESCE(p.headquarters, p.fe_headquarters), p.datacenters,"
    " p.training, p.retains_prompts, p.region,"
    " p.listed_run_id IS NOT NULL, COALESCE(c.n, 0)"
    " FROM provider p LEFT JOIN (SELECT CASE"
    "  WHEN instr(provider_slug, '/') > 0"
    "  THEN substr(provider_slug, 1, instr(provider_slug, '/') - 1)"
    "  ELSE provider_slug END AS base, COUNT(*) AS n"
    "  FROM endpoint WHERE active = 1 GROUP BY base) c ON c.base = p.slug"
    " ORDER BY p.slug" };

static void
bind_tri(sqlite3_stmt *st, int i, int v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, v != 0);
}

int
store_provider_put(struct store *s, const struct prov_row *r,
    const char *hash, int64_t run_id, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &prov_put_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, r->slug);
	store_bind_text(st, 2, r->name);
	store_bind_text(st, 3, r->privacy_policy_url);
	store_bind_text(st, 4, r->terms_of_service_url);
	store_bind_text(st, 5, r->status_page_url);
	store_bind_text(st, 6, r->headquarters);
	store_bind_text(st, 7, r->datacenters);
	store_bind_text(st, 8, hash);
	sqlite3_bind_int64(st, 9, run_id);
	return (store_step_done(s, st, cause, N_("cannot store a provider")));
}

int
store_provider_merge(struct store *s, const struct prov_row *r,
    int64_t run_id, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &prov_merge_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, r->slug);
	store_bind_text(st, 2, r->name);
	store_bind_text(st, 3, r->headquarters);
	store_bind_text(st, 4, r->status_page_url);
	bind_tri(st, 5, r->training);
	bind_tri(st, 6, r->retains_prompts);
	store_bind_text(st, 7, r->region);
	sqlite3_bind_int64(st, 8, run_id);
	store_bind_text(st, 9, r->privacy_policy_url);
	store_bind_text(st, 10, r->terms_of_service_url);
	return (store_step_done(s, st, cause, N_("cannot store a provider")));
}

static int
col_tri(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (-1);
	return (sqlite3_column_int(st, i) != 0);
}

static void
store_provider_read(sqlite3_stmt *st, void *p)
{
	struct prov_row	*r = p;

	prov_row_init(r);
	r->slug = store_column_strdup(st, 0);
	r->name = store_column_strdup(st, 1);
	r->privacy_policy_url = store_column_strdup(st, 2);
	r->terms_of_service_url = store_column_strdup(st, 3);
	r->status_page_url = store_column_strdup(st, 4);
	r->headquarters = store_column_strdup(st, 5);
	r->datacenters = store_column_strdup(st, 6);
	r->training = col_tri(st, 7);
	r->retains_prompts = col_tri(st, 8);
	r->region = store_column_strdup(st, 9);
	r->listed = sqlite3_column_int(st, 10);
	r->endpoints = sqlite3_column_int64(st, 11);
}

static void
store_provider_free(void *rows, size_t n)
{
	prov_row_list_free(rows, n);
}

int
store_provider_load(struct store *s, struct prov_row **rows, size_t *n,
    char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &prov_load_sql, cause)) == NULL)
		return (-1);
	return (store_collect(s, st, (void **)rows, n, sizeof **rows,
	    store_provider_read, store_provider_free,
	    N_("cannot read providers"), cause));
}
