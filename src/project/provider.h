/*
 * provider: the projection of an OpenRouter provider into a flat row.
 *
 * Two sources describe a provider.  GET /api/v1/providers lists
 * {name, slug, privacy_policy_url, terms_of_service_url, status_page_url,
 * headquarters, datacenters} (prov_project()); the frontend's endpoint
 * objects embed provider_info (displayName, headquarters, data policy) and
 * may carry provider_region (prov_from_endpoint()).  The store merges the
 * two: the v1 fields where the provider list gave them, the frontend's
 * beside them.
 *
 * The input is untrusted and read field by field (project/jfield.h): a
 * mistyped field is NULL and one warning.  Country codes are two or three
 * ASCII letters, kept upper case; anything else is dropped with a warning.
 * datacenters is kept as the codes joined by ",": NULL when the list was
 * null or absent, "" when it was [] (both are seen, and mean different
 * things: unknown, and none listed); at most PROV_MAX_DC codes.
 *
 * Every string in a struct prov_row is owned by it; prov_row_clear() frees
 * them and resets the row.
 */
#ifndef ORBROWSE_PROJECT_PROVIDER_H
#define ORBROWSE_PROJECT_PROVIDER_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define PROV_MAX_DC	64	/* datacenter codes kept per provider */
#define PROV_SLUG_MAX	128	/* a longer slug is refused */

struct prov_row {
	char	*slug;		/* "amazon-bedrock": no region, no quant */
	char	*name;
	char	*privacy_policy_url;
	char	*terms_of_service_url;
	char	*status_page_url;
	char	*headquarters;	/* "US", or NULL */
	char	*datacenters;	/* "US,DE", "" (none listed) or NULL */
	/* From the frontend's endpoint objects (-1 / NULL unknown). */
	int	 training;	/* trains on prompts */
	int	 retains_prompts;
	char	*region;	/* provider_region */
	/* Filled by the store. */
	int	 listed;	/* the provider list gave this row */
	int64_t	 endpoints;	/* its active endpoints */
};

void	prov_row_init(struct prov_row *);
void	prov_row_clear(struct prov_row *);
void	prov_row_list_free(struct prov_row *, size_t);

/*
 * Project one element of the provider list into row (initialised; it is
 * cleared first).  Returns 0 and adds the mistyped fields to *warnings;
 * -1 with *cause (caller frees) when obj is not an object or has no usable
 * slug.
 */
int	prov_project(const json_t *obj, struct prov_row *row,
	    unsigned *warnings, char **cause);
/*
 * What an endpoint object says of its provider: slug, name, headquarters,
 * data policy and provider_region.  Returns 0, or -1 (nothing to say:
 * no provider slug).
 */
int	prov_from_endpoint(const json_t *obj, struct prov_row *row,
	    unsigned *warnings);
/* The slug prov_from_endpoint() would give (base: where it may be made),
 * or NULL. */
const char *prov_endpoint_slug(const json_t *obj,
	    char base[PROV_SLUG_MAX + 1]);
/*
 * One element of the frontend's provider list (all-providers: slug,
 * displayName, headquarters, statusPageUrl, dataPolicy{privacyPolicyURL,
 * termsOfServiceURL, paidModels}): the same row an endpoint's provider_info
 * gives, with the documents' URLs.  Returns 0, or -1 (no usable slug).
 */
int	prov_from_frontend(const json_t *obj, struct prov_row *row,
	    unsigned *warnings);
/*
 * The provider slug of an endpoint's provider slug or v1 tag: the part
 * before the first '/' ("amazon-bedrock/us-east-1" -> "amazon-bedrock"),
 * into buf; returns buf, or NULL when it does not fit or is empty.
 */
const char *prov_base_slug(const char *tag, char *buf, size_t len);
/* Is code (case-insensitive) among the row's datacenters? */
int	prov_has_dc(const char *datacenters, const char *code);

#endif
