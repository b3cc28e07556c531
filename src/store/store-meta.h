/*
 * store-meta: model metadata (tables author, model_app, model_usage; see
 * data/schema.sql).  The blobs and snapshot rows of authors and app lists
 * are the caller's (store_model_snapshot_put() under kinds "author" and
 * "apps"); daily usage is a time series only.
 *
 *   store_author_put()   upsert one author by slug;
 *   store_apps_put()     replace a model's top apps with rows[0..n-1];
 *   store_usage_put()    upsert one day of a model's usage.
 *
 * Readers fill lists the caller frees with meta_*_list_free().  "The last
 * seven days" are the seven days up to the newest day stored for any
 * model, so that what a view shows depends on the data, not on the clock.
 *
 * Conventions are store.h's.
 */
#ifndef ORBROWSE_STORE_META_H
#define ORBROWSE_STORE_META_H

#include <stddef.h>
#include <stdint.h>

#include "project/endpoint.h"
#include "project/meta.h"
#include "project/model.h"
#include "store/store.h"

/* A model's tokens (prompt + completion) over the last seven days. */
struct usage_sum {
	char	*model_key;
	int64_t	 tokens;
};

int	store_author_put(struct store *, const struct meta_author *,
	    const char *hash, int64_t run_id, char **cause);
/*
 * The author whose slug or name (ASCII case-insensitive) is query; *found
 * 0 when none.  a is cleared first.
 */
int	store_author_get(struct store *, const char *query,
	    struct meta_author *a, int *found, char **cause);
/* Every author, by slug. */
int	store_author_list(struct store *, struct meta_author **, size_t *,
	    char **cause);
int	store_apps_put(struct store *, const char *model_key,
	    const struct meta_app *rows, size_t n, const char *hash,
	    int64_t run_id, char **cause);
/* A model's apps by rank. */
int	store_apps_load(struct store *, const char *model_key,
	    struct meta_app **, size_t *, char **cause);
int	store_usage_put(struct store *, const struct meta_usage *,
	    int64_t run_id, char **cause);
/* A model's daily usage, oldest first. */
int	store_usage_load(struct store *, const char *model_key,
	    struct meta_usage **, size_t *, char **cause);
/* Every model's tokens over the last seven days, by model key. */
int	store_usage_week(struct store *, struct usage_sum **, size_t *,
	    char **cause);
/*
 * The longest model key whose spelling in a file name (every '/' and ':'
 * a '-') occurs in name: "stats-app-liquid-lfm-7b-standard.json" names
 * liquid/lfm-7b.  *key NULL when none; caller frees.
 */
int	store_model_in_name(struct store *, const char *name, char **key,
	    char **cause);
/*
 * The directory's models of an author (store_model_list() rows whose key
 * is "slug/..."), with usage; free with model_row_list_free().
 */
int	store_author_models(struct store *, const char *slug,
	    struct model_row **, size_t *, char **cause);
/*
 * A model's lineage: the model keys (dated permaslugs) that a public id of
 * it (a v1 id, model_alias) has named over time, itself included, with the
 * first and last run that saw each, oldest first.
 */
struct model_version {
	char	*model_key;
	int64_t	 first_run;	/* 0 unknown */
	int64_t	 last_run;
};
int	store_model_versions(struct store *, const char *model_key,
	    struct model_version **, size_t *, char **cause);
void	model_version_list_free(struct model_version *, size_t);
/*
 * Set each row's usage (model_usage) from store_usage_week(): unknown for
 * a model without usage, and for every row when it cannot be read.
 */
void	store_usage_fill_models(struct store *, struct model_row *, size_t);
void	store_usage_fill_endpoints(struct store *, struct ep_row *, size_t);
void	usage_sum_list_free(struct usage_sum *, size_t);

#endif
