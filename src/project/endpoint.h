/*
 * endpoint: the projection of one endpoint object into a flat row.
 *
 * An endpoint object comes from one of four places, all handled here:
 * the "endpoint" member of a /api/frontend/models catalogue entry, an element
 * of /api/frontend/stats/endpoint (2025) or /api/frontend/v1/stats/endpoint
 * (2026) "data", and an element of data.endpoints of the documented
 * /api/v1/models/{author}/{slug}/endpoints.
 *
 * The parser is tolerant field by field: a missing or null field is NULL in
 * the row; a field of the wrong type is NULL and counts one warning; the row
 * is still produced.  Only an object without any usable identity (no id and,
 * for v1 endpoints, no provider tag) is refused.
 *
 * NULL is encoded as: NULL pointer for strings, EP_NULL_INT for integers,
 * NAN for reals (test with isnan()), -1 for tri-state booleans (0/1 else).
 *
 * All strings in a struct ep_row are owned by the row; ep_row_clear() frees
 * them and resets the row to all-NULL.  The row keeps no reference to the
 * json_t it came from.  Strings are copied as they are (sanitising is the
 * display's job) but bounded: one longer than EP_STR_MAX bytes is cut to at
 * most EP_STR_MAX bytes on a UTF-8 character boundary, so a hostile payload
 * cannot make a row arbitrarily large.  Identifiers are the exception: an
 * id, tag, model key or provider slug longer than EP_STR_MAX bytes makes
 * ep_project() fail (a warning for the caller), never cut, since two cut
 * ids could be the same.
 */
#ifndef ORBROWSE_PROJECT_ENDPOINT_H
#define ORBROWSE_PROJECT_ENDPOINT_H

#include <stdint.h>

#include <jansson.h>

#include "project/jfield.h"
#include "project/price.h"

#define EP_NULL_INT	JF_NULL_INT
#define EP_STR_MAX	JF_STR_MAX	/* longest string kept in a row, in bytes */

struct ep_row {
	char	*endpoint_id;	/* uuid; "v1:<tag>" for v1 endpoints */
	char	*model_key;	/* permaslug[:variant] */
	char	*model_name;	/* human model name, e.g. "Liquid: LFM 7B" */
	/*
	 * The model's directory entry (project/model.h) as the store reads
	 * it beside the row; NULL when unknown, never set by ep_project():
	 * the public v1 id, the modalities and supported parameters (comma
	 * lists), the expiration date and knowledge cutoff (YYYY-MM-DD).
	 */
	char	*model_id;
	char	*model_in;
	char	*model_out;
	char	*model_params;
	char	*model_expires;
	char	*model_cutoff;
	/* The model's tokens over the last 7 days (store/store-meta.h). */
	int64_t	 model_usage;
	char	*provider_slug;	/* may carry a quantization: "deepinfra/fp8" */
	char	*provider_name;	/* display name */
	char	*variant;	/* standard, free, beta, thinking, ... */
	char	*quantization;

	int64_t	 context_length;
	int64_t	 max_output;	/* max completion tokens */
	int64_t	 request_count;
	int64_t	 limit_rpm;
	int64_t	 limit_rpd;
	int64_t	 status;

	/*
	 * Every price component of "pricing" (project/price.h), in USD per
	 * token, request, image or search; NAN when absent or unknown, and
	 * price_unknown has the bit (1 << enum price_part) of each part given
	 * as "-1".  ep_row_price() and ep_row_set_price() convert.
	 */
	double	 price_prompt;	/* USD per token */
	double	 price_completion;
	double	 price_request;	/* USD per request */
	double	 price_image;	/* USD per image */
	double	 price_image_token;
	double	 price_image_output;
	double	 price_audio;
	double	 price_audio_output;
	double	 price_input_audio_cache;
	double	 price_web_search;	/* USD per search */
	double	 price_internal_reasoning;
	double	 price_cache_read;
	double	 price_cache_write;	/* 5-minute cache */
	double	 price_cache_write_1h;
	unsigned price_unknown;
	double	 discount;	/* 0..1, NAN when absent; shown, not applied */
	/* The overrides as price_overrides_json() gives them, compact JSON
	 * text; NULL when there are none. */
	char	*price_overrides;
	double	 p50_latency_ms;
	double	 p50_throughput; /* tokens per second */
	double	 uptime;	/* percent, 0..100 (uptime_last_30m) */
	double	 uptime_5m;	/* uptime_last_5m */
	double	 uptime_1d;	/* uptime_last_1d */
	/*
	 * Percentiles of the last 30 minutes: v1's latency_last_30m and
	 * throughput_last_30m, or the 2026 frontend's stats.  Latency in
	 * milliseconds (see ep_latency_scale()), throughput in tokens per
	 * second.
	 */
	double	 latency_p50_ms;
	double	 latency_p75_ms;
	double	 latency_p90_ms;
	double	 latency_p99_ms;
	double	 throughput_p50;
	double	 throughput_p75;
	double	 throughput_p90;
	double	 throughput_p99;
	int64_t	 max_prompt_tokens;
	int	 implicit_caching;	/* supports_implicit_caching */
	/* The region or deployment a provider tag or slug names after its
	 * '/' ("us-east-1", "global", "turbo"); NULL when none, or when the
	 * suffix is a quantization ("deepinfra/fp8"). */
	char	*region;

	int	 is_free;
	int	 is_hidden;
	int	 is_disabled;
	int	 supports_images;
	int	 supports_tools;
	int	 supports_reasoning;
	int	 training;	/* provider trains on prompts */
	int	 retains_prompts;

	/* Filled by the store, not by the projection. */
	char	*provider_hq;	/* its provider's headquarters ("US") */
	char	*provider_dc;	/* its provider's datacenters ("US,DE") */
	int64_t	 first_run_id;
	int64_t	 last_run_id;
	int	 active;
	int	 watched;	/* the model is on the watchlist */

	/*
	 * Rows read in bulk keep their strings in one allocation: when pack is
	 * set, the string fields (price_overrides too) point into it and
	 * ep_row_clear() frees only pack.  Such strings must not be replaced
	 * one by one.
	 */
	char	*pack;
};

/* Where the endpoint object was found. */
enum ep_source {
	EP_SRC_CATALOGUE,	/* frontend/models entry's "endpoint" */
	EP_SRC_STATS,		/* frontend stats/endpoint, 2025 or 2026 */
	EP_SRC_V1		/* /api/v1/models/{a}/{s}/endpoints */
};

/* Context the object itself may not carry. */
struct ep_context {
	/*
	 * Model key to use when the object has no model_variant_permaslug
	 * (v1 endpoints); borrowed.  May be NULL.
	 */
	const char	*model_key;
	/* Model name when the object has no embedded model; may be NULL. */
	const char	*model_name;
	/* input_modalities of the model when not embedded; may be NULL. */
	const json_t	*input_modalities;
};

void	ep_row_init(struct ep_row *);
void	ep_row_clear(struct ep_row *);
/* Deep copy; dst must be initialised and is cleared first. */
void	ep_row_copy(struct ep_row *dst, const struct ep_row *src);

/*
 * The row's price list as a struct price (initialised by the caller; its
 * old overrides are freed), and the other way round (the row's price
 * fields and price_overrides are replaced; not for a packed row).
 * Overrides text that does not load leaves the price without overrides.
 */
void	ep_row_price(const struct ep_row *, struct price *);
void	ep_row_set_price(struct ep_row *, const struct price *);
/* One price component of the row (NAN when absent or unknown). */
double	ep_row_price_part(const struct ep_row *, enum price_part);

/*
 * Project one endpoint object into row (which must be initialised; it is
 * cleared first).  Returns 0 on success and adds the number of mistyped
 * fields to *warnings (if not NULL).  Returns -1 when obj is not an object
 * or has no identity; *cause (if not NULL) is set to a message the caller
 * frees.  Every price component, the discount and the well-formed
 * overrides are kept (a malformed override is one warning).
 */
int	ep_project(const json_t *obj, enum ep_source, const struct ep_context *,
	    struct ep_row *row, unsigned *warnings, char **cause);

/*
 * Parse a price: a decimal string per token ("0.0000025", "0.25e-6") or a
 * JSON number.  Returns NAN for null, "-1" (unknown: router models) and
 * for a malformed value; *mistyped is set to 1 for a malformed one: not a
 * string, a number or null, an unparsable or over-long string, a negative
 * price other than -1.
 */
double	ep_parse_price(const json_t *, int *mistyped);

/*
 * Latency percentiles come in seconds from some sources and milliseconds
 * from others, unlabelled.  The rule: when every one of the n values given
 * (NAN: not given) is below EP_LATENCY_SECONDS_BELOW, they are seconds --
 * a p99 time to first token of 100 ms or less is not seen through
 * OpenRouter, and one of 100 s or more is not a working endpoint -- and
 * ep_latency_scale() returns 1000; else 1 (milliseconds already).
 */
#define EP_LATENCY_SECONDS_BELOW	100.0
double	ep_latency_scale(const double *v, size_t n);

/*
 * The region part of a provider slug or tag ("amazon-bedrock/us-east-1"
 * -> "us-east-1"), or NULL when there is none, when it names the
 * quantization (quant, or a known quantization such as "fp8"), or when it
 * is not a short name (at most EP_REGION_MAX letters, digits, '.', '_'
 * and '-').  Returns a string the caller frees.
 */
#define EP_REGION_MAX	48
char	*ep_region(const char *slug, const char *quant);
/*
 * The provider as views show it: its name (else slug), then the region
 * when there is one ("Amazon Bedrock us-east-1").  Returns the row's own
 * string (borrowed from the row) when there is no region, else buf.
 */
const char *ep_provider_label(const struct ep_row *, char *buf, size_t len);

/*
 * An endpoint's status as views show it: "0" healthy, "-2", "-5" ...
 * degraded or unavailable, "-" unknown, "?" a value outside -999..999 (no
 * real status; the JSON output keeps it).  Returns buf.
 */
const char *ep_status_label(int64_t status, char *buf, size_t len);

/*
 * What the provider does with prompts, in the one set of words every view
 * uses (the DATA column of the endpoints and model screens, the '?' help):
 * "trains" (training 1), "retains" (training 0, prompts kept), "no-train"
 * (training 0, not kept or not stated), "?" (not stated).  The filter's
 * no-train and no-retain select by the same facts.  ep_policy_label()
 * returns the untranslated word (N_()): the caller translates it.
 */
enum ep_policy {
	EP_POLICY_UNKNOWN,
	EP_POLICY_TRAINS,
	EP_POLICY_RETAINS,
	EP_POLICY_NO_TRAIN
};

enum ep_policy	 ep_policy(const struct ep_row *);
const char	*ep_policy_label(enum ep_policy);

#endif
