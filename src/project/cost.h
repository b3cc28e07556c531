/*
 * cost: what an endpoint costs for a request shape, and the one order of a
 * model's endpoints by it.  `orbrowse cheapest` and the UI's model screen
 * both rank with cost_rank(), so the same rows and shape give the same
 * order in both; nothing in cli/ or ui/ does arithmetic on prices.
 *
 * No arithmetic on prices here: every cost comes from project/price.c
 * (price_cost), which knows every 2026 component, the tiers and the
 * windows; this module turns a row and a cost_shape into its input and
 * orders the results.  No I/O.  Rows are borrowed for the call.  A ranking
 * is written into an array of n struct cost_rank the caller owns; it holds
 * indexes into the caller's rows, not pointers, and is made again by
 * cost_rank() whenever the shape changes.
 *
 * A request shape (struct cost_shape) is:
 *   - the mix prompt:completion, p:c (both >= 0, not both 0; the ratio
 *     matters, not its scale);
 *   - the cache share, 0..1: the fraction of prompt tokens read from the
 *     provider's prompt cache, billed at the cache read price when the
 *     endpoint has one, else at the prompt price (out of range is clamped,
 *     NAN is 0);
 *   - the cache write share, 0..1 (clamped so that read and write are at
 *     most 1 together), to the 5-minute cache or, with cache_write_1h, to
 *     the 1-hour one; a missing write price is the prompt price;
 *   - reasoning tokens and web searches per request (a missing reasoning
 *     price is the completion price; a missing search price is free);
 *   - the size of one request: that many prompt tokens plus the mix's share
 *     of completion tokens, or, for a completion-only mix (p = 0), that
 *     many completion tokens (cost_shape_set_tokens() sets mix and size
 *     from token counts);
 *   - the time of day, UTC minutes 0..1439, for window overrides; -1 means
 *     no time, and then no window applies.
 * The prompt tokens choose the tier.  A price the shape does not use may be
 * unknown; one it uses makes the cost NAN, and so does a mix that is not
 * valid.  The blended price is the request's cost over its prompt and
 * completion tokens (of the mix itself when the size is 0).
 *
 * The ranking rule, one for every caller:
 *   1. healthy endpoints (status 0 or not given) before the others
 *      (a negative status marks a degraded or unavailable endpoint);
 *   2. the blended price, lower first; an unknown price after every known;
 *   3. at an equal price (or both unknown), the p50 throughput, higher
 *      first; an unknown throughput after every known;
 *   4. then the endpoint id, bytewise (a missing id reads as "");
 *   5. then the order the rows were given in, so the ranking is total.
 * Latency and uptime are shown beside the ranking, never used by it, so an
 * unknown latency moves no row.  The cost of one request is the blended
 * price times the request's tokens, so it would rank the same.
 */
#ifndef ORBROWSE_PROJECT_COST_H
#define ORBROWSE_PROJECT_COST_H

#include <stddef.h>

#include "project/endpoint.h"
#include "project/price.h"

/* "No such row" for the indexes cost_rank_marks() gives. */
#define COST_NONE	((size_t)-1)

struct cost_shape {
	double	prompt;		/* p of the p:c mix */
	double	completion;	/* c of the p:c mix */
	double	cache_share;	/* prompt tokens read from the cache, 0..1 */
	double	size;		/* tokens of one request (see above) */
};

/*
 * The rest of a request shape, apart so that a caller that fills the four
 * fields above by hand (the UI) keeps its meaning: cost_rank() and the
 * other functions without an extra take cost_extra_init()'s.
 */
struct cost_extra {
	double	cache_write;	/* prompt tokens written to the cache, 0..1 */
	int	cache_write_1h;	/* ... to the 1-hour cache */
	double	reasoning;	/* reasoning tokens per request */
	double	searches;	/* web searches per request */
	int	utc_minute;	/* 0..1439, or -1: no window applies */
};

struct cost_rank {
	size_t	row;		/* index into the rows given to cost_rank() */
	double	blended;	/* USD per token of the mix, NAN unknown */
	double	request;	/* USD for one request, NAN unknown */
	double	price_prompt;	/* USD per token as applied (tier, window) */
	double	price_completion;
	int	degraded;	/* status given and not 0 */
	int	applied;	/* an override applied: ov is a copy of it */
	struct price_override ov;
	/* A window (ov) over a tier: the tier's threshold, else -1. */
	long long under_tier;
};

/* The shape both the CLI and the UI start from: 3:1, no cache reads,
 * 10,000 prompt tokens per request; and no cache writes, reasoning or
 * searches, no time of day. */
void	cost_shape_init(struct cost_shape *);
void	cost_extra_init(struct cost_extra *);
/* The prompt and completion tokens of one request of the shape. */
void	cost_shape_tokens(const struct cost_shape *, double *prompt,
	    double *completion);
/*
 * Set the mix and the size from token counts (>= 0, not both 0): the
 * request then has exactly those tokens.
 */
void	cost_shape_set_tokens(struct cost_shape *, double prompt,
	    double completion);

/*
 * Free by price (project/price.h, price_free()): 1 free, 0 priced; a "-1"
 * (unknown) price is never free.  Only when no price decides does the
 * listing's is_free flag; else -1, undecided.  The one rule of the "free"
 * filter, the F flag and `ls --json`'s is_free.
 */
int	cost_free(const struct ep_row *);
/* USD per token of the shape's mix (the blended price), or NAN; no
 * extra. */
double	cost_blended(const struct ep_row *, const struct cost_shape *);
/* USD for one request of the shape, or NAN. */
double	cost_request(const struct ep_row *, const struct cost_shape *);

/*
 * Rank rows[0..n) for the shape: rank[0..n) (the caller's array) is filled
 * best first, by the rule above.  rows are borrowed for the call.
 */
void	cost_rank(const struct ep_row *rows, size_t n,
	    const struct cost_shape *, struct cost_rank *rank);
/* The same with the rest of the shape (NULL: cost_extra_init()'s). */
void	cost_rank_extra(const struct ep_row *rows, size_t n,
	    const struct cost_shape *, const struct cost_extra *,
	    struct cost_rank *rank);
/* One row's cost for shape and extra (NULL as above); rank->row is 0. */
void	cost_eval(const struct ep_row *, const struct cost_shape *,
	    const struct cost_extra *, struct cost_rank *rank);
/*
 * The marks of a ranking, as indexes into rank (COST_NONE when there is
 * none): the cheapest is the first row when its price is known; the fastest
 * is the row of highest known throughput, the better-ranked one on a tie.
 */
void	cost_rank_marks(const struct ep_row *rows,
	    const struct cost_rank *rank, size_t n, size_t *cheapest,
	    size_t *fastest);

/*
 * The significant digits of a ranking's money columns, in the order
 * shown (util/numfmt.h: numfmt_dollars() for request, numfmt_price() for
 * the others): enough that two neighbouring rows whose costs differ never
 * read the same, in `cheapest` and on the model screen alike.
 */
struct cost_digits {
	int	request;
	int	blended;
	int	prompt;
	int	completion;
};
void	cost_rank_digits(const struct cost_rank *rank, size_t n,
	    struct cost_digits *);

/*
 * A count as users type it for a request shape, in the CLI and on the model
 * screen alike: "2000", "12k", "1.5m" (blanks around allowed): decimal
 * digits with at most one '.', a whole number once the suffix applies
 * ("2.5" is not), at most max.  0 with *out set, or -1 when malformed.
 */
int	cost_parse_count(const char *arg, double max, double *out);

/*
 * The overrides in force as a table shows them: "prompt>128k" (a tier; a
 * whole number of thousands as k), "22:00-06:00" (a window), both
 * ("22:00-06:00 prompt>128k") when a window applies over a tier, or "-".
 * Writes at most len bytes to out and returns out.
 */
const char *cost_applied_label(const struct cost_rank *, char *out,
	    size_t len);

#endif
