/*
 * compare: one model's column of a side-by-side comparison (compare.h).
 */
#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project/compare.h"
#include "util/i18n.h"
#include "util/numfmt.h"
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

/* ------------------------------------------------------------ the table */

const char *
compare_label(int row)
{
	static const char *const labels[COMPARE_NROWS] = {
		N_("context"), N_("max output"), N_("modalities"),
		N_("cheapest"), N_("$/request"), N_("$/M range"),
		N_("providers"), N_("best p50 ms"), N_("best tok/s"),
		N_("best uptime %"), N_("expires"), N_("cutoff")
	};

	return (row >= 0 && row < COMPARE_NROWS ? _(labels[row]) : "");
}

const char *
compare_cell(const struct compare_col *c, const struct ep_row *rows,
    int row, int dig, char *out, size_t len)
{
	const char	*lab;
	char		 a[64], b[32];

	switch (row) {
	case 0:
		return (numfmt_count(c->context_length, out, len));
	case 1:
		return (numfmt_count(c->max_output, out, len));
	case 2:
		snprintf(out, len, "%s->%s", c->input_modalities != NULL ?
		    c->input_modalities : "?", c->output_modalities != NULL ?
		    c->output_modalities : "?");
		return (out);
	case 3:
		if (c->cheapest == COMPARE_NONE)
			return ("-");
		lab = ep_provider_label(&rows[c->cheapest], a, sizeof a);
		/* Degraded endpoints rank last: this one is all there is. */
		if (rows[c->cheapest].status == EP_NULL_INT ||
		    rows[c->cheapest].status == 0)
			return (ep_provider_label(&rows[c->cheapest], out,
			    len));
		snprintf(out, len, _("%s (status %lld)"), lab,
		    (long long)rows[c->cheapest].status);
		return (out);
	case 4:
		return (numfmt_dollars(c->cost_request, dig, out, len));
	case 5:
		if (isnan(c->price_min))
			return ("-");
		numfmt_price(c->price_min, NUMFMT_PRICE_DIGITS, a, sizeof a);
		numfmt_price(c->price_max, NUMFMT_PRICE_DIGITS, b, sizeof b);
		if (strcmp(a, b) == 0)
			snprintf(out, len, "%s", a);
		else
			snprintf(out, len, "%s-%s", a, b);
		return (out);
	case 6:
		snprintf(out, len, "%zu", c->providers);
		return (out);
	case 7:
		return (numfmt_real(c->best_latency_ms, 0, out, len));
	case 8:
		return (numfmt_real(c->best_throughput, 1, out, len));
	case 9:
		return (numfmt_real(c->best_uptime, 1, out, len));
	case 10:
		return (c->expires != NULL ? c->expires : "-");
	default:
		return (c->cutoff != NULL ? c->cutoff : "-");
	}
}
