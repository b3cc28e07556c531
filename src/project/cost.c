/*
 * cost: blended prices, request costs and the ranking (see cost.h).
 */
#include "config.h"

#include "project/cost.h"

#include <math.h>
#include <string.h>

#define COST_MIX_PROMPT		3
#define COST_MIX_COMPLETION	1
#define COST_SIZE		10000

void
cost_shape_init(struct cost_shape *shape)
{
	shape->prompt = COST_MIX_PROMPT;
	shape->completion = COST_MIX_COMPLETION;
	shape->cache_share = 0;
	shape->size = COST_SIZE;
}

void
cost_shape_tokens(const struct cost_shape *shape, double *prompt,
    double *completion)
{
	if (shape->prompt > 0) {
		*prompt = shape->size;
		*completion = shape->size * shape->completion / shape->prompt;
	} else {
		/* A completion-only mix: the size counts completion tokens. */
		*prompt = 0;
		*completion = shape->size;
	}
}

double
cost_prompt(const struct ep_row *ep, double cache_share)
{
	double	cached, fresh;

	if (isnan(cache_share) || cache_share < 0)
		cache_share = 0;
	if (cache_share > 1)
		cache_share = 1;
	cached = isnan(ep->price_cache_read) ? ep->price_prompt :
	    ep->price_cache_read;
	fresh = ep->price_prompt;
	/* Only the share actually billed needs a known price. */
	if (cache_share == 0)
		return (fresh);
	if (cache_share == 1)
		return (cached);
	return ((1 - cache_share) * fresh + cache_share * cached);
}

/* USD for that many prompt and completion tokens; a side with no tokens
 * needs no price. */
static double
cost_tokens(const struct ep_row *ep, double prompt_tokens,
    double completion_tokens, double cache_share)
{
	double	cost = 0;

	if (prompt_tokens > 0)
		cost += prompt_tokens * cost_prompt(ep, cache_share);
	if (completion_tokens > 0)
		cost += completion_tokens * ep->price_completion;
	return (cost);
}

static int
cost_mix_valid(const struct cost_shape *shape)
{
	double	p = shape->prompt, c = shape->completion;

	return (!isnan(p) && !isnan(c) && p >= 0 && c >= 0 && p + c > 0);
}

double
cost_blended(const struct ep_row *ep, const struct cost_shape *shape)
{
	double	p = shape->prompt, c = shape->completion;

	if (!cost_mix_valid(shape))
		return (NAN);
	return (cost_tokens(ep, p, c, shape->cache_share) / (p + c));
}

double
cost_request(const struct ep_row *ep, const struct cost_shape *shape)
{
	double	prompt, completion;

	if (isnan(cost_blended(ep, shape)))
		return (NAN);
	cost_shape_tokens(shape, &prompt, &completion);
	return (cost_tokens(ep, prompt, completion, shape->cache_share));
}

/* Known before unknown; two known values lower (or higher) first; 0 when
 * they are equal or both unknown. */
static int
cost_cmp_known(double a, double b, int lower_first)
{
	if (isnan(a) != isnan(b))
		return (isnan(a) ? 1 : -1);
	if (isnan(a) || a == b)
		return (0);
	if (lower_first)
		return (a < b ? -1 : 1);
	return (a > b ? -1 : 1);
}

/* The ranking rule of cost.h. */
static int
cost_rank_cmp(const struct ep_row *rows, const struct cost_rank *a,
    const struct cost_rank *b)
{
	const struct ep_row	*ra = &rows[a->row], *rb = &rows[b->row];
	int			 c;

	if ((c = cost_cmp_known(a->blended, b->blended, 1)) != 0)
		return (c);
	if ((c = cost_cmp_known(ra->p50_throughput, rb->p50_throughput,
	    0)) != 0)
		return (c);
	if ((c = strcmp(ra->endpoint_id != NULL ? ra->endpoint_id : "",
	    rb->endpoint_id != NULL ? rb->endpoint_id : "")) != 0)
		return (c);
	if (a->row != b->row)
		return (a->row < b->row ? -1 : 1);
	return (0);
}

void
cost_rank(const struct ep_row *rows, size_t n, const struct cost_shape *shape,
    struct cost_rank *rank)
{
	struct cost_rank	tmp;
	size_t			i, j;

	for (i = 0; i < n; i++) {
		rank[i].row = i;
		rank[i].blended = cost_blended(&rows[i], shape);
		rank[i].request = cost_request(&rows[i], shape);
	}
	/* qsort(3) passes no context: an insertion sort, a model has few
	 * rows. */
	for (i = 1; i < n; i++) {
		tmp = rank[i];
		for (j = i; j > 0 && cost_rank_cmp(rows, &rank[j - 1],
		    &tmp) > 0; j--)
			rank[j] = rank[j - 1];
		rank[j] = tmp;
	}
}

void
cost_rank_marks(const struct ep_row *rows, const struct cost_rank *rank,
    size_t n, size_t *cheapest, size_t *fastest)
{
	const struct ep_row	*r;
	size_t			 i;

	*cheapest = *fastest = COST_NONE;
	if (n > 0 && !isnan(rank[0].blended))
		*cheapest = 0;
	for (i = 0; i < n; i++) {
		r = &rows[rank[i].row];
		if (isnan(r->p50_throughput))
			continue;
		if (*fastest == COST_NONE || r->p50_throughput >
		    rows[rank[*fastest].row].p50_throughput)
			*fastest = i;
	}
}
