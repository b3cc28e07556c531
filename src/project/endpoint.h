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
 * cannot make a row arbitrarily large.
 */
#ifndef ORBROWSE_PROJECT_ENDPOINT_H
#define ORBROWSE_PROJECT_ENDPOINT_H

#include <stdint.h>

#include <jansson.h>

#include "project/price.h"

#define EP_NULL_INT	INT64_MIN
#define EP_STR_MAX	4096	/* longest string kept in a row, in bytes */

struct ep_row {
	char	*endpoint_id;	/* uuid; "v1:<tag>" for v1 endpoints */
	char	*model_key;	/* permaslug[:variant] */
	char	*model_name;	/* human model name, e.g. "Liquid: LFM 7B" */
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
	double	 uptime;	/* percent, 0..100 */

	int	 is_free;
	int	 is_hidden;
	int	 is_disabled;
	int	 supports_images;
	int	 supports_tools;
	int	 supports_reasoning;
	int	 training;	/* provider trains on prompts */
	int	 retains_prompts;

	/* Filled by the store, not by the projection. */
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
 * JSON number.  Returns NAN for null, "-1" (router models), negative,
 * non-finite or unparsable values.  *mistyped is set to 1 when the value is
 * neither a string, a number nor null.
 */
double	ep_parse_price(const json_t *, int *mistyped);

/*
 * An endpoint's status as views show it: "0" healthy, "-2", "-5" ...
 * degraded or unavailable, "-" unknown, "?" a value outside -999..999 (no
 * real status; the JSON output keeps it).  Returns buf.
 */
const char *ep_status_label(int64_t status, char *buf, size_t len);

#endif
