/*
 * snap-prices: a snapshot document's endpoint prices; see snap-prices.h for
 * the contract.
 */
#include "config.h"

#include "project/snap-prices.h"

#include <math.h>
#include <string.h>

#include <jansson.h>

#include "codec/json-skim.h"
#include "project/endpoint.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * Which endpoint object a snapshot document holds.  A catalogue entry (it
 * has a slug or permaslug and an "endpoint" object) is stored whole, and its
 * featured endpoint's snapshot points at it; an object with an id is a
 * stats endpoint; anything else is a v1 endpoint, which has no id.
 */
static const json_t *
snap_prices_endpoint(const json_t *root, enum ep_source *src)
{
	const json_t	*endpoint;

	endpoint = json_object_get(root, "endpoint");
	if (json_is_object(endpoint) &&
	    (json_is_string(json_object_get(root, "permaslug")) ||
	    json_is_string(json_object_get(root, "slug")))) {
		*src = EP_SRC_CATALOGUE;
		return (endpoint);
	}
	if (json_is_string(json_object_get(root, "id")))
		*src = EP_SRC_STATS;
	else
		*src = EP_SRC_V1;
	return (root);
}

int
snap_project(const char *json, size_t len, const char *hash,
    const char *model_key, struct ep_row *row, int *catalogue, char **cause)
{
	struct ep_context	 ctx;
	const json_t		*obj;
	enum ep_source		 src;
	json_error_t		 err;
	json_t			*root;
	int			 rc = -1;

	if ((root = json_loadb(json, len, 0, &err)) == NULL) {
		if (cause != NULL)
			*cause = xasprintf(_("snapshot %.12s: %s"), hash,
			    err.text);
		return (-1);
	}
	obj = snap_prices_endpoint(root, &src);
	memset(&ctx, 0, sizeof ctx);
	ctx.model_key = model_key;
	if (ep_project(obj, src, &ctx, row, NULL, NULL) != 0) {
		if (cause != NULL)
			*cause = xasprintf(_("snapshot %.12s holds no "
			    "endpoint"), hash);
		goto out;
	}
	if (catalogue != NULL)
		*catalogue = src == EP_SRC_CATALOGUE;
	rc = 0;
out:
	json_decref(root);
	return (rc);
}

/* The prices as ep_project() reads them, from the whole document. */
static int
snap_prices_parse(const char *json, size_t len, const char *hash,
    const char *model_key, struct snap_prices *prices, char **cause)
{
	struct ep_row	row;
	int		rc;

	ep_row_init(&row);
	if ((rc = snap_project(json, len, hash, model_key, &row, NULL,
	    cause)) == 0) {
		prices->prompt = row.price_prompt;
		prices->completion = row.price_completion;
		prices->cache_read = row.price_cache_read;
	}
	ep_row_clear(&row);
	return (rc);
}

/* The prices from the skimmed pricing object; -1: parse it all instead. */
static int
snap_prices_skim(const char *json, size_t len, struct snap_prices *prices)
{
	const char	*p = json, *end = json + len;
	const char	*v, *ve, *e, *ee;
	json_t		*pricing;
	int		 rc;

	/* The same decision as snap_prices_endpoint(). */
	if ((rc = json_skim_member(p, end, "endpoint", &e, &ee)) < 0)
		return (-1);
	if (rc == 1 && *e == '{' &&
	    ((json_skim_member(p, end, "permaslug", &v, &ve) == 1 &&
	    *v == '"') || (json_skim_member(p, end, "slug", &v, &ve) == 1 &&
	    *v == '"'))) {
		p = e;
		end = ee;
	}
	if ((rc = json_skim_member(p, end, "pricing", &v, &ve)) < 0)
		return (-1);
	if (rc == 0 || *v != '{')
		return (0);		/* no pricing object: no prices */
	if ((pricing = json_loadb(v, (size_t)(ve - v), 0, NULL)) == NULL)
		return (-1);
	prices->prompt = ep_parse_price(json_object_get(pricing, "prompt"),
	    NULL);
	prices->completion = ep_parse_price(json_object_get(pricing,
	    "completion"), NULL);
	prices->cache_read = ep_parse_price(json_object_get(pricing,
	    "input_cache_read"), NULL);
	json_decref(pricing);
	return (0);
}

int
snap_prices_read(const char *json, size_t len, const char *hash,
    const char *model_key, struct snap_prices *prices, char **cause)
{
	prices->prompt = prices->completion = prices->cache_read = NAN;
	if (snap_prices_skim(json, len, prices) == 0)
		return (0);
	return (snap_prices_parse(json, len, hash, model_key, prices, cause));
}

/* Two prices differ; unknown (NAN) equals only unknown. */
static int
snap_prices_differ_one(double a, double b)
{
	if (isnan(a) || isnan(b))
		return (isnan(a) != isnan(b));
	return (a != b);
}

int
snap_prices_differ(const struct snap_prices *a, const struct snap_prices *b)
{
	return (snap_prices_differ_one(a->prompt, b->prompt) ||
	    snap_prices_differ_one(a->completion, b->completion) ||
	    snap_prices_differ_one(a->cache_read, b->cache_read));
}
