#include "config.h"

#include "project/payload.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "codec/jlist.h"
#include "project/model-key.h"
#include "util/xmalloc.h"

/*
 * How many elements of an array (or members of an object) are looked at.
 * They are spread over the whole array, so a payload is judged by its
 * beginning, middle and end at a fixed cost.
 */
#define PAYLOAD_SAMPLES	8

static int
payload_has(const json_t *obj, const char *key)
{
	return (json_object_get(obj, key) != NULL);
}

static int
payload_has_string(const json_t *obj, const char *key)
{
	return (json_is_string(json_object_get(obj, key)));
}

/* The index of sample i of n spread over an array of size len. */
static size_t
payload_sample(size_t i, size_t n, size_t len)
{
	if (n <= 1)
		return (0);
	return (i * (len - 1) / (n - 1));
}

static size_t
payload_nsamples(size_t len)
{
	return (len < PAYLOAD_SAMPLES ? len : PAYLOAD_SAMPLES);
}

/* The kind of an array judged by one of its elements. */
enum payload_kind
payload_element(const json_t *e)
{
	if (!json_is_object(e))
		return (PAYLOAD_UNKNOWN);

	/* {x: "date", y: {uuid: number}} */
	if (payload_has(e, "x") && json_is_object(json_object_get(e, "y")))
		return (PAYLOAD_COMPARISON);

	/* A catalogue entry carries "endpoint", null for retired models. */
	if (payload_has(e, "endpoint") &&
	    (payload_has_string(e, "permaslug") || payload_has_string(e, "slug")))
		return (PAYLOAD_CATALOGUE);

	/*
	 * An endpoint object embeds its provider and either the model key or
	 * an id with pricing.  This test comes before the v1 one: endpoints
	 * also have "id", "pricing" and "context_length".
	 */
	if ((payload_has(e, "provider_name") || payload_has(e, "provider_info")) &&
	    (payload_has(e, "model_variant_permaslug") ||
	    (payload_has(e, "pricing") && payload_has(e, "id"))))
		return (PAYLOAD_STATS_ENDPOINTS);

	/*
	 * /api/v1/providers: a slug and the provider's documents or places,
	 * no id, no pricing.
	 */
	if (payload_has_string(e, "slug") && !payload_has(e, "id") &&
	    !payload_has(e, "pricing") && !payload_has(e, "endpoint") &&
	    !payload_has(e, "baseUrl") &&
	    (payload_has(e, "privacy_policy_url") ||
	    payload_has(e, "terms_of_service_url") ||
	    payload_has(e, "status_page_url") ||
	    payload_has(e, "headquarters") || payload_has(e, "datacenters")))
		return (PAYLOAD_PROVIDERS);

	if (payload_has_string(e, "id") &&
	    (payload_has(e, "pricing") || payload_has(e, "architecture") ||
	    payload_has(e, "context_length")) &&
	    !payload_has(e, "endpoint") && !payload_has(e, "permaslug"))
		return (PAYLOAD_V1_MODELS);

	/* all-providers, stats/app, daily model stats. */
	if (payload_has(e, "displayName") && payload_has(e, "baseUrl"))
		return (PAYLOAD_FE_PROVIDERS);
	if (payload_has(e, "app_id"))
		return (PAYLOAD_APPS);
	if (payload_has(e, "model_permaslug") && payload_has(e, "count"))
		return (PAYLOAD_USAGE);
	return (PAYLOAD_UNKNOWN);
}

/* Every sampled element must agree, else the array is unknown. */
enum payload_kind
payload_array_kinds(const unsigned char *kinds, size_t len)
{
	enum payload_kind	kind;
	size_t			n, i;

	if (len == 0)
		return (PAYLOAD_STATS_ENDPOINTS);
	n = payload_nsamples(len);
	kind = (enum payload_kind)kinds[0];
	for (i = 1; i < n && kind != PAYLOAD_UNKNOWN; i++) {
		if (kinds[payload_sample(i, n, len)] != kind)
			kind = PAYLOAD_UNKNOWN;
	}
	return (kind);
}

static enum payload_kind
payload_array(const json_t *a)
{
	enum payload_kind	kind, k;
	size_t			len, n, i;

	len = json_array_size(a);
	if (len == 0)
		return (PAYLOAD_STATS_ENDPOINTS);
	n = payload_nsamples(len);
	kind = payload_element(json_array_get(a, 0));
	for (i = 1; i < n && kind != PAYLOAD_UNKNOWN; i++) {
		k = payload_element(json_array_get(a,
		    payload_sample(i, n, len)));
		if (k != kind)
			kind = PAYLOAD_UNKNOWN;
	}
	return (kind);
}

/*
 * An array of uptime points: sampled elements are objects with a "date".
 * Returns the number of points seen, or -1 if one is not a point.
 */
static int
payload_points(const json_t *a)
{
	const json_t	*e;
	size_t		 len, n, i;

	if (!json_is_array(a))
		return (-1);
	len = json_array_size(a);
	n = payload_nsamples(len);
	for (i = 0; i < n; i++) {
		e = json_array_get(a, payload_sample(i, n, len));
		if (!json_is_object(e) || !payload_has(e, "date"))
			return (-1);
	}
	return ((int)n);
}

/* 8-4-4-4-12 hex digits. */
static int
payload_is_uuid(const char *s)
{
	size_t	i;
	char	c;

	if (strlen(s) != 36)
		return (0);
	for (i = 0; i < 36; i++) {
		c = s[i];
		if (i == 8 || i == 13 || i == 18 || i == 23) {
			if (c != '-')
				return (0);
		} else if (!((c >= '0' && c <= '9') ||
		    (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
			return (0);
	}
	return (1);
}

/*
 * uptime-recent: {uuid: [{date, uptime}]}.  An object whose sampled members
 * are all arrays of points; at least one point, or uuid keys, must be seen
 * so that an arbitrary object of empty arrays is not taken for one.
 */
static int
payload_uptime_recent(const json_t *o)
{
	const char	*key;
	json_t		*v;
	size_t		 seen = 0;
	int		 points = 0, uuids = 1, n;

	/* jansson's iterator takes a non-const object; nothing is changed. */
	json_object_foreach((json_t *)o, key, v) {
		if (seen++ == PAYLOAD_SAMPLES)
			break;
		if ((n = payload_points(v)) == -1)
			return (0);
		points += n;
		if (!payload_is_uuid(key))
			uuids = 0;
	}
	return (seen > 0 && (points > 0 || uuids));
}

static enum payload_kind
payload_object(const json_t *o)
{
	if (json_is_array(json_object_get(o, "endpoints")) &&
	    payload_has_string(o, "id"))
		return (PAYLOAD_V1_ENDPOINTS);
	if (json_is_array(json_object_get(o, "history")) &&
	    payload_points(json_object_get(o, "history")) != -1)
		return (PAYLOAD_UPTIME_HOURLY);
	if (payload_has(o, "author") && payload_has(o, "modelsWithStats"))
		return (PAYLOAD_AUTHOR);
	if (payload_uptime_recent(o))
		return (PAYLOAD_UPTIME_RECENT);
	return (PAYLOAD_UNKNOWN);
}

enum payload_kind
payload_classify(const json_t *root, const json_t **payload)
{
	const json_t	*p = root;

	if (json_is_object(root) && payload_has(root, "data"))
		p = json_object_get(root, "data");
	if (payload != NULL)
		*payload = p;
	if (json_is_array(p))
		return (payload_array(p));
	if (json_is_object(p))
		return (payload_object(p));
	return (PAYLOAD_UNKNOWN);
}

const char *const payload_endpoint_parts[] = { "model", "provider_info",
    NULL };

const json_t *
payload_endpoints(const json_t *root)
{
	const json_t	*data, *list;

	switch (payload_classify(root, &data)) {
	case PAYLOAD_STATS_ENDPOINTS:
		return (data);
	case PAYLOAD_V1_ENDPOINTS:
		list = json_object_get(data, "endpoints");
		return (json_is_array(list) ? list : NULL);
	default:
		return (NULL);
	}
}

const char *
payload_kind_name(enum payload_kind kind)
{
	switch (kind) {
	case PAYLOAD_UNKNOWN:
		return ("unknown");
	case PAYLOAD_V1_MODELS:
		return ("v1-models");
	case PAYLOAD_CATALOGUE:
		return ("catalogue");
	case PAYLOAD_STATS_ENDPOINTS:
		return ("stats-endpoints");
	case PAYLOAD_V1_ENDPOINTS:
		return ("v1-endpoints");
	case PAYLOAD_COMPARISON:
		return ("comparison");
	case PAYLOAD_UPTIME_RECENT:
		return ("uptime-recent");
	case PAYLOAD_UPTIME_HOURLY:
		return ("uptime-hourly");
	case PAYLOAD_OTHER:
		return ("other");
	case PAYLOAD_PROVIDERS:
		return ("providers");
	case PAYLOAD_AUTHOR:
		return ("author");
	case PAYLOAD_APPS:
		return ("apps");
	case PAYLOAD_USAGE:
		return ("usage");
	case PAYLOAD_FE_PROVIDERS:
		return ("frontend-providers");
	}
	return ("unknown");
}

struct payload_kinds {
	unsigned char		*kinds;
	size_t			 n;
	size_t			 cap;
	int			 models_only;
	struct payload_keys	*keys;		/* may be NULL */
};

static int
payload_kind_cb(const json_t *e, size_t i, void *arg)
{
	struct payload_kinds	*k = arg;
	enum payload_kind	 kind = payload_element(e);
	int			 rank;

	(void)i;
	if (k->models_only && kind != PAYLOAD_CATALOGUE &&
	    kind != PAYLOAD_V1_MODELS)
		return (2);
	if (k->n == k->cap) {
		k->cap = k->cap == 0 ? 1024 : k->cap * 2;
		k->kinds = xrealloc(k->kinds, k->cap);
		if (k->keys != NULL) {
			k->keys->key = xreallocarray(k->keys->key, k->cap,
			    sizeof *k->keys->key);
			k->keys->rank = xrealloc(k->keys->rank, k->cap);
		}
	}
	if (k->keys != NULL) {
		k->keys->key[k->n] = model_key_catalogue_ranked(e, &rank);
		k->keys->rank[k->n] = (unsigned char)rank;
		k->keys->n = k->n + 1;
	}
	k->kinds[k->n++] = (unsigned char)kind;
	return (0);
}

static int
payload_list_walk(struct jlist *jl, const char *text, size_t len,
    enum payload_kind *kind, size_t *n, int models_only,
    struct payload_keys *keys, char **why)
{
	struct payload_kinds	k;
	int			rc;

	memset(&k, 0, sizeof k);
	k.models_only = models_only;
	k.keys = keys;
	rc = jlist_open(jl, text, len, "data", payload_kind_cb, &k, why);
	*kind = rc == 0 ? payload_array_kinds(k.kinds, k.n) : PAYLOAD_UNKNOWN;
	*n = k.n;
	free(k.kinds);
	if (keys != NULL && *kind != PAYLOAD_CATALOGUE)
		payload_keys_free(keys);
	return (rc);
}

int
payload_list_open(struct jlist *jl, const char *text, size_t len,
    enum payload_kind *kind, size_t *n, int models_only, char **why)
{
	return (payload_list_walk(jl, text, len, kind, n, models_only, NULL,
	    why));
}

int
payload_list_open_keys(struct jlist *jl, const char *text, size_t len,
    enum payload_kind *kind, size_t *n, struct payload_keys *keys,
    char **why)
{
	memset(keys, 0, sizeof *keys);
	return (payload_list_walk(jl, text, len, kind, n, 0, keys, why));
}

void
payload_keys_free(struct payload_keys *keys)
{
	size_t	i;

	for (i = 0; i < keys->n; i++)
		free(keys->key[i]);
	free(keys->key);
	free(keys->rank);
	memset(keys, 0, sizeof *keys);
}
