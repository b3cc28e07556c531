/*
 * model-key: derivation of the model key permaslug[:variant].
 *
 * The key of a model is its permaslug, followed by ":variant" unless the
 * variant is "standard" (or absent).  v1 ids are slugs with an optional
 * ":variant" suffix; when canonical_slug is present it is the permaslug.
 *
 * All functions return a string the caller frees, or NULL when no key can
 * be derived from the object.
 */
#ifndef ORBROWSE_PROJECT_MODEL_KEY_H
#define ORBROWSE_PROJECT_MODEL_KEY_H

#include <jansson.h>

/* From a permaslug and a variant (NULL or "standard" gives no suffix). */
char	*model_key_make(const char *permaslug, const char *variant);

/*
 * From a /api/frontend/models (or /api/frontend/v1/catalog/models) entry:
 * endpoint.model_variant_permaslug when the entry has an endpoint, else the
 * entry's permaslug (falling back to slug) with endpoint-less variant
 * "standard".
 */
char	*model_key_from_catalogue(const json_t *entry);
/*
 * model_key_from_catalogue(), and in *rank whether the entry has its
 * endpoint object (1): of two entries with one key, one with an endpoint
 * is the model's (sync/ingest-models.c).
 */
char	*model_key_catalogue_ranked(const json_t *entry, int *rank);

/* From an endpoint object: model_variant_permaslug, else model.permaslug
 * plus the endpoint's variant. */
char	*model_key_from_endpoint(const json_t *endpoint);

/* From a /api/v1/models entry: canonical_slug plus the id's ":variant"
 * suffix when canonical_slug is present, else the id itself. */
char	*model_key_from_v1(const json_t *entry);

#endif
