/*
 * store-providers: the provider projection (table provider), one row per
 * provider slug, merged from two writers:
 *
 *   store_provider_put()    an element of GET /api/v1/providers (its blob
 *                           and snapshot row are the caller's, written with
 *                           store_model_snapshot_put() under kind
 *                           "provider" and the slug as key, so retention
 *                           treats them as every other snapshot);
 *   store_provider_merge()  what an endpoint object says of its provider
 *                           (frontend provider_info, data policy,
 *                           provider_region); a NULL leaves the stored
 *                           value.
 *
 * store_provider_load() reads every provider with its count of active
 * endpoints (an endpoint belongs to the provider its provider slug or tag
 * names before any '/': "amazon-bedrock/us-east-1" is amazon-bedrock's).
 * The v1 fields win; where the list gave none, the frontend's stand in.
 *
 * Conventions are store.h's.
 */
#ifndef ORBROWSE_STORE_PROVIDERS_H
#define ORBROWSE_STORE_PROVIDERS_H

#include <stddef.h>
#include <stdint.h>

#include "project/provider.h"
#include "store/store.h"

int	store_provider_put(struct store *, const struct prov_row *,
	    const char *hash, int64_t run_id, char **cause);
int	store_provider_merge(struct store *, const struct prov_row *,
	    int64_t run_id, char **cause);
/* Sorted by slug; free with prov_row_list_free(). */
int	store_provider_load(struct store *, struct prov_row **rows,
	    size_t *n, char **cause);

#endif
