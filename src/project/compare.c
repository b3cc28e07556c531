/*
 * compare: one model's column of a side-by-side comparison (compare.h).
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "project/compare.h"
#include "util/xmalloc.h"

/* The directory's value where known, else the largest of the rows'. */
static int64_t
compare_limit(int64_t model, const struct ep_row *rows, size_t n,
    size_t off)
{
	int64_t	best = EP_NULL_INT, v;
	size_t	i;

	if (model != EP_NULL_INT && model > 0)
		return (model);
	for (i = 0; i < n; i++) {
		memcpy(&v, (const char *)&rows[i] + off, sizeof v);
		if (v != EP_NULL_INT && (best == EP_NULL_INT || v > best))
			best = v;
	}
	return (best);
}

/* The lowest (sign 1) or highest (sign -1) known value of a real field. */
static double
compare_best(const struct ep_row *rows, size_t n, size_t off, int sign)
{
	double	best = NAN, v;
	size_t	i;

	for (i = 0; i < n; i++) {
		memcpy(&v, (const char *)&rows[i] + off, sizeof v);
		if (!isnan(v) && (isnan(best) || v * sign < best * sign))
			best = v;
	}
	return (best);
}

static size_t
compare_providers(const struct ep_row *rows, size_t n)
{
	size_t	i, j, count = 0;

	for (i = 0; i < n; i++) {
		if (rows[i].provider_slug == NULL)
			continue;
		for (j = 0; j < i; j++) {
			if (rows[j].provider_slug != NULL &&
			    strcmp(rows[j].provider_slug,
			    rows[i].provider_slug) == 0)
				break;
		}
		if (j == i)
			count++;
	}
	return (count);
}

/* The price columns from a ranking of the rows. */
static void
compare_prices(const struct ep_row *rows, size_t n,
    const struct cost_shape *shape, const struct cost_extra *extra,
    struct compare_col *c)
{
	struct cost_rank	*rank;
	size_t			 i, cheapest, fastest;

	if (n == 0)
		return;
	rank = xcalloc(n, sizeof *rank);
	cost_rank_extra(rows, n, shape, extra, rank);
	cost_rank_marks(rows, rank, n, &cheapest, &fastest);
	if (cheapest != COST_NONE) {
		c->cheapest = rank[cheapest].row;
		c->cost_request = rank[cheapest].request;
		c->blended = rank[cheapest].blended;
	}
	for (i = 0; i < n; i++) {
		if (isnan(rank[i].blended))
			continue;
		if (isnan(c->price_min) || rank[i].blended < c->price_min)
			c->price_min = rank[i].blended;
		if (isnan(c->price_max) || rank[i].blended > c->price_max)
			c->price_max = rank[i].blended;
	}
	free(rank);
}

void
compare_model(const char *model_key, const struct model_row *m,
    const struct ep_row *rows, size_t n, const struct cost_shape *shape,
    const struct cost_extra *extra, struct compare_col *c)
{
	const struct ep_row	*r0 = n > 0 ? &rows[0] : NULL;

	memset(c, 0, sizeof *c);
	c->model_key = model_key;
	c->model_id = m != NULL && m->model_id != NULL ? m->model_id :
	    r0 != NULL ? r0->model_id : NULL;
	c->name = m != NULL && m->name != NULL ? m->name :
	    r0 != NULL ? r0->model_name : NULL;
	c->context_length = compare_limit(m != NULL ? m->context_length :
	    EP_NULL_INT, rows, n, offsetof(struct ep_row, context_length));
	c->max_output = compare_limit(m != NULL ? m->max_output : EP_NULL_INT,
	    rows, n, offsetof(struct ep_row, max_output));
	c->input_modalities = m != NULL && m->input_modalities != NULL ?
	    m->input_modalities : r0 != NULL ? r0->model_in : NULL;
	c->output_modalities = m != NULL && m->output_modalities != NULL ?
	    m->output_modalities : r0 != NULL ? r0->model_out : NULL;
	c->expires = m != NULL && m->expiration_date != NULL ?
	    m->expiration_date : r0 != NULL ? r0->model_expires : NULL;
	c->cutoff = m != NULL && m->knowledge_cutoff != NULL ?
	    m->knowledge_cutoff : r0 != NULL ? r0->model_cutoff : NULL;
	c->cheapest = COMPARE_NONE;
	c->cost_request = c->blended = c->price_min = c->price_max = NAN;
	compare_prices(rows, n, shape, extra, c);
	c->providers = compare_providers(rows, n);
	c->endpoints = n;
	c->best_latency_ms = compare_best(rows, n,
	    offsetof(struct ep_row, p50_latency_ms), 1);
	c->best_throughput = compare_best(rows, n,
	    offsetof(struct ep_row, p50_throughput), -1);
	c->best_uptime = compare_best(rows, n, offsetof(struct ep_row, uptime),
	    -1);
}
