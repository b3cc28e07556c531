/*
 * ingest-meta: model metadata into the store -- an author (its blob and
 * snapshot, its projection, and the daily usage its models carry), the top
 * apps of a model (blob, snapshot, projection), daily usage rows (a time
 * series only) and the frontend provider list (merged into the provider
 * projection).  Each payload is written in one transaction.
 */
#include "config.h"

#include "sync/ingest.h"

#include <stdlib.h>
#include <string.h>

#include "project/jfield.h"
#include "project/meta.h"
#include "project/provider.h"
#include "store/store-meta.h"
#include "store/store-providers.h"
#include "sync/ingest-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Daily usage rows, each on its own: a bad row is a warning. */
static int
ingest_usage_rows(struct ingest *ig, const json_t *rows, char **cause)
{
	struct meta_usage	 u;
	const json_t		*el;
	size_t			 i;
	unsigned		 w = 0;
	int			 rc = 0;

	memset(&u, 0, sizeof u);
	meta_usage_clear(&u);
	json_array_foreach(rows, i, el) {
		if (i == META_USAGE_MAX) {
			w++;
			break;
		}
		if (meta_usage_project(el, &u, &w) != 0)
			continue;
		if (store_usage_put(ig->store, &u, ig->run.id, cause) != 0) {
			rc = -1;
			break;
		}
		ig->metrics++;
	}
	meta_usage_clear(&u);
	ig->run.warnings += w;
	return (rc);
}

/*
 * The author object and its models without their daily stats, which are
 * kept as a time series: the blob then changes when the author or its
 * model list does, not every day.
 */
static json_t *
ingest_author_doc(const json_t *data)
{
	json_t		*doc, *models, *m;
	size_t		 i;

	doc = json_deep_copy(data);
	if (doc == NULL)
		return (NULL);
	models = json_object_get(doc, "modelsWithStats");
	json_array_foreach(models, i, m) {
		if (json_is_object(m))
			json_object_del(m, "stats");
	}
	return (doc);
}

static int
ingest_author_write(struct ingest *ig, const json_t *data,
    const struct meta_author *a, char **cause)
{
	const json_t	*models, *m;
	json_t		*doc;
	char		 hash[HASH_HEX_LEN + 1];
	size_t		 i;
	unsigned	 w = 0;
	int		 rc;

	if ((doc = ingest_author_doc(data)) == NULL) {
		*cause = xstrdup(_("out of memory"));
		return (-1);
	}
	rc = ingest_blob(ig, doc, NULL, 0, NULL, hash, cause);
	json_decref(doc);
	if (rc != 0 ||
	    store_model_snapshot_put(ig->store, ig->run.id, a->slug, "author",
	    hash, cause) != 0 ||
	    store_author_put(ig->store, a, hash, ig->run.id, cause) != 0)
		return (-1);
	models = jf_arr(data, "modelsWithStats", &w);
	json_array_foreach(models, i, m) {
		if (ingest_usage_rows(ig, jf_arr(m, "stats", &w), cause) != 0)
			return (-1);
	}
	ig->run.warnings += w;
	return (0);
}

int
ingest_author(struct ingest *ig, const json_t *data, char **cause)
{
	struct meta_author	 a;
	unsigned		 w = 0;

	memset(&a, 0, sizeof a);
	if (meta_author_project(data, &a, &w, cause) != 0)
		return (-1);
	ig->run.warnings += w;
	if (ingest_txn_begin(ig, cause) != 0)
		goto fail;
	if (ingest_author_write(ig, data, &a, cause) != 0) {
		ingest_rollback(ig);
		goto fail;
	}
	meta_author_clear(&a);
	return (ingest_txn_commit(ig, cause));
fail:
	meta_author_clear(&a);
	return (-1);
}

static int
ingest_apps_write(struct ingest *ig, const json_t *list, const char *key,
    char **cause)
{
	struct meta_app	*rows;
	const json_t	*el;
	char		 hash[HASH_HEX_LEN + 1];
	size_t		 i, n = 0;
	unsigned	 w = 0;
	int		 rc = -1;

	rows = xcalloc(json_array_size(list) < META_APPS_MAX ?
	    json_array_size(list) + 1 : META_APPS_MAX, sizeof *rows);
	json_array_foreach(list, i, el) {
		if (n == META_APPS_MAX) {
			w++;
			break;
		}
		if (meta_app_project(el, (int64_t)n + 1, &rows[n], &w) == 0)
			n++;
	}
	ig->run.warnings += w;
	if (ingest_blob(ig, list, NULL, 0, NULL, hash, cause) == 0 &&
	    store_model_snapshot_put(ig->store, ig->run.id, key, "apps",
	    hash, cause) == 0 &&
	    store_apps_put(ig->store, key, rows, n, hash, ig->run.id,
	    cause) == 0)
		rc = 0;
	meta_app_list_free(rows, n);
	return (rc);
}

int
ingest_apps(struct ingest *ig, const json_t *list, const char *model_key,
    char **cause)
{
	if (model_key == NULL) {
		*cause = xstrdup(_("an app list names no model, and nothing "
		    "else said which model it is for"));
		return (1);
	}
	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	if (ingest_apps_write(ig, list, model_key, cause) != 0) {
		ingest_rollback(ig);
		return (-1);
	}
	return (ingest_txn_commit(ig, cause));
}

int
ingest_usage(struct ingest *ig, const json_t *rows, char **cause)
{
	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	if (ingest_usage_rows(ig, rows, cause) != 0) {
		ingest_rollback(ig);
		return (-1);
	}
	return (ingest_txn_commit(ig, cause));
}

/* One element of the frontend provider list: blob, snapshot, merge. */
static int
ingest_fe_provider(struct ingest *ig, const json_t *obj, char **cause)
{
	struct prov_row	 row;
	char		 hash[HASH_HEX_LEN + 1];
	unsigned	 w = 0;
	int		 rc = 0;

	prov_row_init(&row);
	if (prov_from_frontend(obj, &row, &w) != 0) {
		/* One bad element is a warning; the others stand. */
		ig->run.warnings++;
		return (0);
	}
	ig->run.warnings += w;
	if (ingest_blob(ig, obj, NULL, 0, NULL, hash, cause) != 0 ||
	    store_model_snapshot_put(ig->store, ig->run.id, row.slug,
	    "provider-fe", hash, cause) != 0 ||
	    store_provider_merge(ig->store, &row, ig->run.id, cause) != 0)
		rc = -1;
	prov_row_clear(&row);
	return (rc);
}

int
ingest_fe_providers(struct ingest *ig, const json_t *list, char **cause)
{
	const json_t	*obj;
	size_t		 i;

	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	json_array_foreach(list, i, obj) {
		if (ingest_fe_provider(ig, obj, cause) != 0) {
			ingest_rollback(ig);
			return (-1);
		}
	}
	return (ingest_txn_commit(ig, cause));
}
