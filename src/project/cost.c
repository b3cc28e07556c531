/*
 * cost: request costs by project/price.c, and the ranking (see cost.h).
 */
#include "config.h"

#include "project/cost.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/numfmt.h"
#include "util/xmalloc.h"

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
cost_extra_init(struct cost_extra *extra)
{
	memset(extra, 0, sizeof *extra);
	extra->utc_minute = -1;
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

void
cost_shape_set_tokens(struct cost_shape *shape, double prompt,
    double completion)
{
	shape->prompt = prompt;
	shape->completion = completion;
	shape->size = prompt > 0 ? prompt : completion;
}

int
cost_free(const struct ep_row *ep)
{
	struct price	p;
	int		free_;

	price_init(&p);
	ep_row_price(ep, &p);
	free_ = price_free(&p);
	price_clear(&p);
	/* No price decides (none is given): the listing's flag, if any. */
	if (free_ < 0 && ep->price_unknown == 0 && ep->is_free >= 0)
		free_ = ep->is_free != 0;
	return (free_);
}

static int
cost_mix_valid(const struct cost_shape *shape)
{
	double	p = shape->prompt, c = shape->completion;

	return (!isnan(p) && !isnan(c) && p >= 0 && c >= 0 && p + c > 0);
}

/* A share clamped to 0..1, NAN as 0. */
static double
cost_share(double v)
{
	if (isnan(v) || v < 0)
		return (0);
	return (v > 1 ? 1 : v);
}

/*
 * The price module's shape for a request of prompt and completion tokens
 * under the rest of shape.
 */
static void
cost_price_shape(const struct cost_shape *shape, const struct cost_extra *x,
    double prompt, double completion, struct price_shape *ps)
{
	price_shape_init(ps);
	ps->prompt = prompt;
	ps->completion = completion;
	ps->cache_read = cost_share(shape->cache_share);
	ps->cache_write = cost_share(x->cache_write);
	if (ps->cache_read + ps->cache_write > 1)
		ps->cache_write = 1 - ps->cache_read;
	ps->cache_write_1h = x->cache_write_1h != 0;
	ps->reasoning = x->reasoning;
	ps->searches = x->searches;
	ps->utc_minute = x->utc_minute;
}

void
cost_eval(const struct ep_row *ep, const struct cost_shape *shape,
    const struct cost_extra *extra, struct cost_rank *rank)
{
	const struct price_override	*ov = NULL;
	struct price			 p, q;
	struct price_shape		 ps;
	struct cost_extra		 none;
	double				 prompt, completion;

	if (extra == NULL) {
		cost_extra_init(&none);
		extra = &none;
	}
	rank->row = 0;
	rank->blended = rank->request = NAN;
	rank->price_prompt = rank->price_completion = NAN;
	rank->degraded = ep->status != EP_NULL_INT && ep->status != 0;
	rank->applied = 0;
	rank->under_tier = -1;
	if (!cost_mix_valid(shape))
		return;
	price_init(&p);
	price_init(&q);
	ep_row_price(ep, &p);
	cost_shape_tokens(shape, &prompt, &completion);
	cost_price_shape(shape, extra, prompt, completion, &ps);
	rank->request = price_cost(&p, &ps, &ov);
	if (prompt + completion > 0)
		rank->blended = rank->request / (prompt + completion);
	else {
		/* No size: the mix itself, as tokens, gives the blend. */
		cost_price_shape(shape, extra, shape->prompt,
		    shape->completion, &ps);
		rank->blended = price_cost(&p, &ps, &ov) /
		    (shape->prompt + shape->completion);
	}
	price_apply(&p, &ps, &q, &ov);
	rank->price_prompt = q.part[PRICE_PROMPT];
	rank->price_completion = q.part[PRICE_COMPLETION];
	if (ov != NULL) {
		rank->applied = 1;
		rank->ov = *ov;
		if (ov->cond == PRICE_WINDOW &&
		    (ov = price_tier(&p, &ps)) != NULL)
			rank->under_tier = ov->min_prompt_tokens;
	}
	price_clear(&q);
	price_clear(&p);
}

double
cost_blended(const struct ep_row *ep, const struct cost_shape *shape)
{
	struct cost_rank	r;

	cost_eval(ep, shape, NULL, &r);
	return (r.blended);
}

double
cost_request(const struct ep_row *ep, const struct cost_shape *shape)
{
	struct cost_rank	r;

	cost_eval(ep, shape, NULL, &r);
	return (isnan(r.blended) ? NAN : r.request);
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

	if (a->degraded != b->degraded)
		return (a->degraded ? 1 : -1);
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
	cost_rank_extra(rows, n, shape, NULL, rank);
}

void
cost_rank_extra(const struct ep_row *rows, size_t n,
    const struct cost_shape *shape, const struct cost_extra *extra,
    struct cost_rank *rank)
{
	struct cost_rank	tmp;
	size_t			i, j;

	for (i = 0; i < n; i++) {
		cost_eval(&rows[i], shape, extra, &rank[i]);
		rank[i].row = i;
		if (isnan(rank[i].blended))
			rank[i].request = NAN;
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

int
cost_parse_count(const char *arg, double max, double *out)
{
	const char	*p, *frac = NULL;
	uint64_t	 whole = 0, part = 0, scale = 1, mult = 1;
	size_t		 nint = 0, nfrac = 0, i;

	/*
	 * Decimal digits and one '.', read here as integers: strtod() would
	 * take "0x10", "1e3" or "inf", read "1.5" as 1 under a locale with a
	 * ',', and round "12345.6789m" away from the whole number it is.
	 */
	p = arg + strspn(arg, " ");
	for (; *p >= '0' && *p <= '9'; p++, nint++) {
		if (nint < 16)
			whole = whole * 10 + (uint64_t)(*p - '0');
	}
	if (*p == '.') {
		frac = ++p;
		while (*p >= '0' && *p <= '9')
			p++;
		nfrac = (size_t)(p - frac);
		/* Trailing zeros say nothing. */
		while (nfrac > 0 && frac[nfrac - 1] == '0')
			nfrac--;
	}
	if ((nint == 0 && frac == NULL) || (nint == 0 && p == frac) ||
	    nint > 15 || nfrac > 6)
		return (-1);
	if (*p == 'k' || *p == 'K') {
		mult = 1000;
		p++;
	} else if (*p == 'm' || *p == 'M') {
		mult = 1000000;
		p++;
	}
	if (p[strspn(p, " ")] != '\0')
		return (-1);
	for (i = 0; i < nfrac; i++) {
		part = part * 10 + (uint64_t)(frac[i] - '0');
		scale *= 10;
	}
	/* "1.5m" is a whole number of tokens, "2.5" is not. */
	if (part * mult % scale != 0)
		return (-1);
	if ((double)whole * (double)mult + (double)(part * mult / scale) > max)
		return (-1);
	*out = (double)(whole * mult + part * mult / scale);
	return (0);
}

/* "prompt>128k" or "prompt>1500" into out. */
static void
cost_tier_label(long long n, char *out, size_t len)
{
	if (n >= 1000 && n % 1000 == 0)
		snprintf(out, len, "prompt>%lldk", n / 1000);
	else
		snprintf(out, len, "prompt>%lld", n);
}

const char *
cost_applied_label(const struct cost_rank *k, char *out, size_t len)
{
	const struct price_override	*ov = &k->ov;
	char				 tier[32];

	if (!k->applied)
		snprintf(out, len, "-");
	else if (ov->cond == PRICE_TIER)
		cost_tier_label(ov->min_prompt_tokens, out, len);
	else {
		/* The window first: where a column is narrow, it is kept. */
		tier[0] = '\0';
		if (k->under_tier >= 0) {
			tier[0] = ' ';
			cost_tier_label(k->under_tier, tier + 1,
			    sizeof tier - 1);
		}
		snprintf(out, len, "%02d:%02d-%02d:%02d%s",
		    ov->utc_start / 100, ov->utc_start % 100,
		    ov->utc_end / 100, ov->utc_end % 100, tier);
	}
	return (out);
}

void
cost_rank_digits(const struct cost_rank *rank, size_t n,
    struct cost_digits *d)
{
	double	*v;
	size_t	 i;

	v = xcalloc(n + 1, sizeof *v);
	for (i = 0; i < n; i++)
		v[i] = rank[i].request;
	d->request = numfmt_digits(v, n, 1);
	for (i = 0; i < n; i++)
		v[i] = rank[i].blended;
	d->blended = numfmt_digits(v, n, 1e6);
	for (i = 0; i < n; i++)
		v[i] = rank[i].price_prompt;
	d->prompt = numfmt_digits(v, n, 1e6);
	for (i = 0; i < n; i++)
		v[i] = rank[i].price_completion;
	d->completion = numfmt_digits(v, n, 1e6);
	free(v);
}
