/*
 * compare: what `orbrowse compare` (and the UI's comparison) shows of each
 * model side by side: its limits and modalities, its cheapest endpoint for
 * a request shape and that request's cost, the range of blended prices
 * over its endpoints, how many providers serve it, the best p50 latency,
 * throughput and uptime, its expiry date and knowledge cutoff.
 *
 * Computed from rows the caller loaded (store_endpoint_load_model(): the
 * model's active endpoints, with the model's directory fields) and the
 * model's directory row (store_model_list(); may be NULL).  Every cost
 * comes from project/cost.c (cost_rank_extra()), so the cheapest endpoint
 * is the first of `cheapest`'s ranking.  No I/O.
 *
 * The rules, one for every caller:
 *   - context and max output: the directory's value where known, else the
 *     largest of the endpoints' (EP_NULL_INT when none is known);
 *   - cheapest: the first endpoint of the ranking when its price is known
 *     (cost_rank_marks()); COMPARE_NONE otherwise;
 *   - price range: the lowest and highest known blended price (USD per
 *     token of the shape's mix) over the endpoints, NAN when none is known;
 *   - providers: distinct provider slugs; endpoints: the rows given;
 *   - best latency: the lowest known p50 latency; best throughput and
 *     uptime: the highest known (NAN when none).
 * Strings in struct compare_col are borrowed from the rows and the model
 * row, which must outlive it.
 */
#ifndef ORBROWSE_PROJECT_COMPARE_H
#define ORBROWSE_PROJECT_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "project/cost.h"
#include "project/endpoint.h"
#include "project/model.h"

#define COMPARE_MIN	2	/* models compared, at least */
#define COMPARE_MAX	6	/* ... and at most */
#define COMPARE_NONE	COST_NONE
#define COMPARE_NROWS	12	/* the attributes shown, one a row */

struct compare_col {
	const char	*model_key;
	const char	*model_id;	/* NULL when unknown */
	const char	*name;
	int64_t		 context_length;
	int64_t		 max_output;
	const char	*input_modalities;
	const char	*output_modalities;
	size_t		 cheapest;	/* index into the rows, or COMPARE_NONE */
	double		 cost_request;	/* USD, the cheapest's; NAN unknown */
	double		 blended;	/* USD per token, the cheapest's */
	double		 price_min;	/* USD per token of the mix */
	double		 price_max;
	size_t		 providers;
	size_t		 endpoints;
	double		 best_latency_ms;
	double		 best_throughput;
	double		 best_uptime;
	const char	*expires;	/* YYYY-MM-DD or NULL */
	const char	*cutoff;
};

/*
 * One model's column from its active endpoints rows[0..n) and its
 * directory row m (NULL: unknown), for the shape (extra NULL: none).
 */
void	compare_model(const char *model_key, const struct model_row *m,
	    const struct ep_row *rows, size_t n, const struct cost_shape *,
	    const struct cost_extra *, struct compare_col *);

/*
 * The table both `orbrowse compare` and the UI's comparison show: the
 * label of attribute row (0 .. COMPARE_NROWS - 1), translated, and the
 * text of its cell for one model's column c (rows: the rows c was made
 * from), in out when it is not borrowed from c.  dig: the digits of
 * $/request (numfmt_digits() over the columns' cost_request).
 */
const char *compare_label(int row);
const char *compare_cell(const struct compare_col *c,
	    const struct ep_row *rows, int row, int dig, char *out,
	    size_t len);

#endif
