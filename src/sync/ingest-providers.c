/*
 * ingest-providers: the provider list (/api/v1/providers) and what endpoint
 * objects say of their providers, into the provider projection
 * (store/store-providers.h).
 */
#include "config.h"

#include "sync/ingest.h"

#include <stdlib.h>
#include <string.h>

#include "project/provider.h"
#include "store/store-providers.h"
#include "sync/ingest-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* One element: its blob, its snapshot row and its projection. */
static int
ingest_provider(struct ingest *ig, const json_t *obj, char **cause)
{
	struct prov_row	 row;
	char		 hash[HASH_HEX_LEN + 1];
	char		*why = NULL;
	unsigned	 w = 0;
	int		 rc = 0;

	prov_row_init(&row);
	if (prov_project(obj, &row, &w, &why) != 0) {
		/* One bad element is a warning; the others stand. */
		free(why);
		ig->run.warnings++;
		return (0);
	}
	ig->run.warnings += w;
	if (ingest_blob(ig, obj, NULL, 0, NULL, hash, cause) != 0 ||
	    store_model_snapshot_put(ig->store, ig->run.id, row.slug,
	    "provider", hash, cause) != 0 ||
	    store_provider_put(ig->store, &row, hash, ig->run.id, cause) != 0)
		rc = -1;
	prov_row_clear(&row);
	return (rc);
}

int
ingest_providers(struct ingest *ig, const json_t *list, char **cause)
{
	const json_t	*obj;
	size_t		 i;

	if (!json_is_array(list)) {
		*cause = xstrdup(_("the provider list is not a list"));
		return (-1);
	}
	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	json_array_foreach(list, i, obj) {
		if (ingest_provider(ig, obj, cause) != 0) {
			ingest_rollback(ig);
			return (-1);
		}
	}
	return (ingest_txn_commit(ig, cause));
}

/* Has the run merged this provider's endpoint view already? */
static int
ingest_provider_known(struct ingest *ig, const char *slug)
{
	size_t	i;

	for (i = 0; i < ig->nprov_seen; i++) {
		if (strcmp(ig->prov_seen[i], slug) == 0)
			return (1);
	}
	if (ig->nprov_seen == INGEST_PROV_SEEN_MAX)
		return (1);
	ig->prov_seen = xreallocarray(ig->prov_seen, ig->nprov_seen + 1,
	    sizeof *ig->prov_seen);
	ig->prov_seen[ig->nprov_seen++] = xstrdup(slug);
	return (0);
}

int
ingest_provider_merge(struct ingest *ig, const json_t *obj, char **cause)
{
	struct prov_row	 row;
	const char	*slug;
	char		 base[PROV_SLUG_MAX + 1];
	unsigned	 w = 0;
	int		 rc = 0;

	/*
	 * Once per provider and run: the first endpoint object of a provider
	 * speaks for the others (they embed the same provider_info), and a
	 * listing pays no more than finding the slug for the rest.
	 */
	if ((slug = prov_endpoint_slug(obj, base)) == NULL ||
	    ingest_provider_known(ig, slug))
		return (0);
	prov_row_init(&row);
	if (prov_from_endpoint(obj, &row, &w) == 0)
		rc = store_provider_merge(ig->store, &row, ig->run.id, cause);
	prov_row_clear(&row);
	return (rc);
}

void
ingest_providers_free(struct ingest *ig)
{
	size_t	i;

	for (i = 0; i < ig->nprov_seen; i++)
		free(ig->prov_seen[i]);
	free(ig->prov_seen);
	ig->prov_seen = NULL;
	ig->nprov_seen = 0;
}
