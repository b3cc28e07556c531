/*
 * payload: recognise an OpenRouter response by its content.
 *
 * A response may arrive with or without the {"data": ...} envelope (captured
 * files often lost or changed it).  payload_classify() looks at the shape of
 * the content, never at a file name or URL, and returns the kind plus a
 * borrowed pointer to the payload inside root (valid while root lives).
 * An array is judged by up to eight elements spread from its first to its
 * last, which must all be of the same kind (constant cost, whatever the
 * size); an array whose sampled elements disagree is PAYLOAD_UNKNOWN.
 */
#ifndef ORBROWSE_PROJECT_PAYLOAD_H
#define ORBROWSE_PROJECT_PAYLOAD_H

#include <jansson.h>

enum payload_kind {
	PAYLOAD_UNKNOWN = 0,
	PAYLOAD_V1_MODELS,	/* array of {id, name, pricing, ...} */
	PAYLOAD_CATALOGUE,	/* array of {slug, permaslug, endpoint, ...} */
	PAYLOAD_STATS_ENDPOINTS,/* array of endpoint objects (may be empty) */
	PAYLOAD_V1_ENDPOINTS,	/* {id, name, architecture, endpoints: []} */
	PAYLOAD_COMPARISON,	/* array of {x: date, y: {uuid: number}} */
	PAYLOAD_UPTIME_RECENT,	/* {uuid: [{date, uptime}]} */
	PAYLOAD_UPTIME_HOURLY,	/* {history: [{date, uptime}]} */
	PAYLOAD_OTHER,		/* valid OpenRouter-shaped data we do not use */
	PAYLOAD_PROVIDERS,	/* /api/v1/providers: array of {slug, name, ...} */
	PAYLOAD_AUTHOR,		/* {author: {...}, modelsWithStats: [...]} */
	PAYLOAD_APPS,		/* stats/app: array of {app_id, app, ...} */
	PAYLOAD_USAGE,		/* array of {date, count, model_permaslug, ...} */
	PAYLOAD_FE_PROVIDERS	/* all-providers: {slug, displayName, baseUrl} */
};

/*
 * Classify root.  *payload is set to the borrowed payload (root itself or
 * root["data"]).  An empty array is classified as PAYLOAD_STATS_ENDPOINTS
 * (a model with no endpoints now).
 */
enum payload_kind payload_classify(const json_t *root, const json_t **payload);
/*
 * The endpoint objects of an endpoint listing (the stats array, or a v1
 * listing's "endpoints"), borrowed; NULL for any other payload.
 */
const json_t	*payload_endpoints(const json_t *root);
/*
 * The members of an endpoint object stored apart (codec/canon.h's split):
 * its model and its provider, the same in every endpoint of a model, and
 * of a provider.  NULL-terminated.
 */
extern const char *const payload_endpoint_parts[];
/*
 * For lists walked one element at a time (codec/jlist.h): the kind one
 * element suggests, and what payload_classify() would say of an array whose
 * elements suggested kinds[0..len-1].
 */
enum payload_kind payload_element(const json_t *);
enum payload_kind payload_array_kinds(const unsigned char *kinds, size_t len);
/*
 * Open text as a list (jlist_open() under "data", see codec/jlist.h) and
 * say what its elements make it (payload_array_kinds(), PAYLOAD_UNKNOWN
 * when it is not a list) and how many there are.  With models_only the
 * walk stops at the first element that is neither a model list's nor a
 * catalogue's (the list can then be neither; *kind PAYLOAD_UNKNOWN, 2
 * returned).  Returns jlist_open()'s 0, 1 or -1 (*why set), or 2.
 */
struct jlist;
int	payload_list_open(struct jlist *, const char *text, size_t len,
	    enum payload_kind *kind, size_t *n, int models_only, char **why);
/*
 * payload_list_open() of a list that may be the catalogue, which also
 * keeps each entry's model key and rank (model_key_catalogue_ranked(); a
 * NULL key for an entry that is no object or has none), made from the
 * trees the walk parses anyway: the catalogue's ingest then need not
 * parse every entry once more to find which of two with one key is the
 * model's.  keys is filled when the list is a catalogue, else left empty;
 * payload_keys_free() frees it.
 */
struct payload_keys {
	char		**key;
	unsigned char	 *rank;
	size_t		  n;
};
int	payload_list_open_keys(struct jlist *, const char *text, size_t len,
	    enum payload_kind *kind, size_t *n, struct payload_keys *keys,
	    char **why);
void	payload_keys_free(struct payload_keys *);

/* A short stable English name for the kind ("v1-models", ...). */
const char	*payload_kind_name(enum payload_kind);

#endif
