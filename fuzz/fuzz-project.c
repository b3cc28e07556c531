/*
 * fuzz-project: payload classification, model keys and endpoint projection
 * on arbitrary bytes.  Every endpoint object found in a recognised payload
 * is projected, the root itself is projected as each kind of source, and the
 * invariants of a row (bounded strings, NULL encodings) are checked.
 *
 * The sync reads the model list and the catalogue element by element
 * (codec/jlist, payload_element, payload_array_kinds) instead of as one
 * tree: that path must accept, yield and classify exactly what jansson and
 * payload_classify() make of the same bytes.  Prices must not depend on
 * LC_NUMERIC either.
 */
#include "config.h"

#include <locale.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "codec/jlist.h"
#include "project/endpoint.h"
#include "project/model-key.h"
#include "project/payload.h"
#include "project/provider.h"
#include "util/xmalloc.h"

/* Inputs beyond this are not interesting and only slow the fuzzer. */
#define FUZZ_MAX_INPUT	(1024 * 1024)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* A locale whose radix character is not '.', if the system has one. */
static locale_t	comma_locale;
static int	locale_tried;

struct fuzz_walk {
	const json_t	*array;		/* what jansson made of the list */
	unsigned char	*kinds;
	size_t		 n;
};

static void
fuzz_check_str(const char *s)
{
	if (s != NULL && strlen(s) > EP_STR_MAX)
		abort();
}

static void
fuzz_check_tri(int v)
{
	if (v != -1 && v != 0 && v != 1)
		abort();
}

static void
fuzz_check_price(double d)
{
	if (!isnan(d) && (!isfinite(d) || d < 0))
		abort();
}

/* Parse a price in the C locale and in a comma locale: the same double. */
static double
fuzz_price(const json_t *v, int *mistyped)
{
	locale_t	old;
	double		d, e;
	int		m;

	if (!locale_tried) {
		comma_locale = newlocale(LC_NUMERIC_MASK, "de_DE.UTF-8",
		    (locale_t)0);
		locale_tried = 1;
	}
	d = ep_parse_price(v, mistyped);
	fuzz_check_price(d);
	if (comma_locale != (locale_t)0) {
		old = uselocale(comma_locale);
		e = ep_parse_price(v, &m);
		uselocale(old);
		if (isnan(d) ? !isnan(e) : memcmp(&d, &e, sizeof d) != 0)
			abort();
		if (m != *mistyped)
			abort();
	}
	return (d);
}

static void
fuzz_check_row(const struct ep_row *row)
{
	if (row->endpoint_id == NULL || *row->endpoint_id == '\0')
		abort();
	fuzz_check_str(row->endpoint_id);
	fuzz_check_str(row->model_key);
	fuzz_check_str(row->model_name);
	fuzz_check_str(row->provider_slug);
	fuzz_check_str(row->provider_name);
	fuzz_check_str(row->variant);
	fuzz_check_str(row->quantization);
	fuzz_check_price(row->price_prompt);
	fuzz_check_price(row->price_completion);
	fuzz_check_price(row->price_cache_read);
	fuzz_check_tri(row->is_free);
	fuzz_check_tri(row->is_hidden);
	fuzz_check_tri(row->is_disabled);
	fuzz_check_tri(row->supports_images);
	fuzz_check_tri(row->supports_tools);
	fuzz_check_tri(row->supports_reasoning);
	fuzz_check_tri(row->training);
	fuzz_check_tri(row->retains_prompts);
	fuzz_check_tri(row->implicit_caching);
	fuzz_check_str(row->region);
	/* Latency is stored in milliseconds, never negative or infinite. */
	fuzz_check_price(row->latency_p50_ms);
	fuzz_check_price(row->latency_p99_ms);
	fuzz_check_price(row->throughput_p50);
	fuzz_check_price(row->throughput_p99);
}

/* A provider-list element and what an endpoint says of its provider. */
static void
fuzz_provider(const json_t *obj)
{
	struct prov_row	 row;
	unsigned	 warnings = 0;
	char		*cause = NULL;

	prov_row_init(&row);
	if (prov_project(obj, &row, &warnings, &cause) == 0) {
		if (row.slug == NULL || strchr(row.slug, '/') != NULL ||
		    strlen(row.slug) > PROV_SLUG_MAX)
			abort();
		fuzz_check_str(row.name);
		fuzz_check_str(row.privacy_policy_url);
		if (row.headquarters != NULL && strlen(row.headquarters) > 3)
			abort();
		if (row.datacenters != NULL &&
		    strlen(row.datacenters) > PROV_MAX_DC * 4)
			abort();
	} else {
		if (cause == NULL || row.slug != NULL)
			abort();
		free(cause);
	}
	if (prov_from_endpoint(obj, &row, &warnings) == 0 &&
	    (row.slug == NULL || strchr(row.slug, '/') != NULL))
		abort();
	prov_row_clear(&row);
}

static void
fuzz_project(const json_t *obj, enum ep_source src,
    const struct ep_context *ctx)
{
	struct ep_row	 row, copy;
	unsigned	 warnings = 0;
	char		*cause = NULL, *key;

	ep_row_init(&row);
	ep_row_init(&copy);
	if (ep_project(obj, src, ctx, &row, &warnings, &cause) == 0) {
		fuzz_check_row(&row);
		ep_row_copy(&copy, &row);
		fuzz_check_row(&copy);
		if (strcmp(copy.endpoint_id, row.endpoint_id) != 0)
			abort();
	} else {
		if (cause == NULL || row.endpoint_id != NULL)
			abort();
		free(cause);
	}
	ep_row_clear(&row);
	ep_row_clear(&copy);

	key = model_key_from_endpoint(obj);
	free(key);
}

static void
fuzz_payload(const json_t *root)
{
	const json_t		*payload, *e;
	struct ep_context	 ctx;
	size_t			 i;
	int			 mistyped;

	switch (payload_classify(root, &payload)) {
	case PAYLOAD_CATALOGUE:
		json_array_foreach(payload, i, e) {
			free(model_key_from_catalogue(e));
			if (json_is_object(json_object_get(e, "endpoint")))
				fuzz_project(json_object_get(e, "endpoint"),
				    EP_SRC_CATALOGUE, NULL);
		}
		break;
	case PAYLOAD_STATS_ENDPOINTS:
		json_array_foreach(payload, i, e)
			fuzz_project(e, EP_SRC_STATS, NULL);
		break;
	case PAYLOAD_V1_ENDPOINTS:
		ctx.model_key = json_string_value(json_object_get(payload,
		    "id"));
		ctx.model_name = json_string_value(json_object_get(payload,
		    "name"));
		ctx.input_modalities = json_object_get(json_object_get(
		    payload, "architecture"), "input_modalities");
		json_array_foreach(json_object_get(payload, "endpoints"), i, e)
			fuzz_project(e, EP_SRC_V1, &ctx);
		break;
	case PAYLOAD_V1_MODELS:
		json_array_foreach(payload, i, e) {
			free(model_key_from_v1(e));
			(void)fuzz_price(json_object_get(json_object_get(e,
			    "pricing"), "prompt"), &mistyped);
		}
		break;
	default:
		break;
	}
	if (payload_kind_name(payload_classify(root, NULL)) == NULL)
		abort();
}

/* Each element jlist yields is the one jansson has at that index. */
static int
fuzz_walk_cb(const json_t *e, size_t i, void *arg)
{
	struct fuzz_walk	*w = arg;

	if (i != w->n || !json_equal(e, json_array_get(w->array, i)))
		abort();
	w->kinds = xrealloc(w->kinds, w->n + 1);
	w->kinds[w->n++] = (unsigned char)payload_element(e);
	return (0);
}

/* The sync's streaming reading of a list against the tree. */
static void
fuzz_jlist(const uint8_t *data, size_t size)
{
	struct fuzz_walk	 w;
	struct jlist		 jl;
	json_error_t		 err;
	json_t			*root, *strict = NULL;
	const json_t		*array = NULL;
	char			*why = NULL;
	enum payload_kind	 kind;
	size_t			 n;
	int			 rc, budget;

	root = json_loadb((const char *)data, size, JSON_DECODE_ANY, &err);
	if (json_is_array(root))
		array = root;
	else if (json_is_array(json_object_get(root, "data")))
		array = json_object_get(root, "data");

	memset(&w, 0, sizeof w);
	w.array = array;
	rc = jlist_open(&jl, (const char *)data, size, "data", array != NULL ?
	    fuzz_walk_cb : NULL, &w, &why);
	/*
	 * Raw NUL bytes are not JSON, and whether jansson takes one depends
	 * on where it stands, so a document parsed whole and the same one
	 * parsed a value at a time may differ: only check that nothing
	 * breaks.
	 */
	if (memchr(data, '\0', size) != NULL) {
		free(why);
		goto out;
	}
	if (rc == -1) {
		/*
		 * Refused: jansson must refuse it too, or it has a member
		 * name twice (jlist refuses a list key given twice, where
		 * jansson keeps the last), or an element or member is over
		 * the budget of a tree (codec/json-guard.h); and say why.
		 */
		if (why == NULL)
			abort();
		budget = strstr(why, "values in one element or member") !=
		    NULL;
		free(why);
		if (root != NULL && !budget) {
			strict = json_loadb((const char *)data, size,
			    JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &err);
			if (strict != NULL)
				abort();
		}
		goto out;
	}
	/*
	 * Accepted: so must jansson -- except past its nesting limit, which
	 * counts the levels around a list element that jlist parses alone.
	 */
	if (why != NULL)
		abort();
	if (root == NULL) {
		if (strstr(err.text, "depth") == NULL)
			abort();
		goto out;
	}
	if (rc == 1) {
		if (array != NULL)
			abort();
		goto out;
	}
	if (array == NULL || jl.count != json_array_size(array) ||
	    w.n != jl.count)
		abort();
	if (payload_array_kinds(w.kinds, w.n) != payload_classify(root, NULL))
		abort();
	/* The sync's and the import's opening of a list says the same. */
	if (payload_list_open(&jl, (const char *)data, size, &kind, &n, 0,
	    &why) != 0 || kind != payload_classify(root, NULL) || n != w.n)
		abort();
out:
	free(w.kinds);
	json_decref(strict);
	json_decref(root);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t	 err;
	json_t		*root;
	int		 mistyped;

	if (size > FUZZ_MAX_INPUT)
		return (0);
	fuzz_jlist(data, size);
	root = json_loadb((const char *)data, size,
	    JSON_DECODE_ANY | JSON_ALLOW_NUL, &err);
	if (root == NULL)
		return (0);

	fuzz_payload(root);

	/* The root as every kind of endpoint object, and as a price. */
	fuzz_project(root, EP_SRC_CATALOGUE, NULL);
	fuzz_project(root, EP_SRC_STATS, NULL);
	fuzz_project(root, EP_SRC_V1, NULL);
	fuzz_provider(root);
	free(model_key_from_catalogue(root));
	free(model_key_from_v1(root));
	(void)fuzz_price(root, &mistyped);

	json_decref(root);
	return (0);
}
