/*
 * price: an OpenRouter price list and what one request costs under it.
 *
 * This module owns all price arithmetic (DESIGN.md §9): nothing in cli/ or
 * ui/ multiplies a price.  A struct price holds every 2026 component of a
 * `pricing` object in USD per unit (per token, per request, per search,
 * per image), the `discount`, and the `overrides` list:
 *
 *   - a tier, {"min_prompt_tokens": N, ...prices}: when the request's
 *     prompt has MORE than N tokens, the override's prices apply; of
 *     several tiers the one with the highest N below the prompt size wins;
 *   - a window, {"utc_start": HHMM, "utc_end": HHMM, ...prices}: a daily
 *     UTC window, half-open [start, end), that wraps past midnight when
 *     end < start.
 *
 * A price an override leaves out keeps the base price.  When a tier and a
 * window both apply, the tier's prices apply first and the window's on top
 * of them; the window is then the one reported as applied.
 *
 * A part is NAN when it is absent, and also when it is unknown ("-1",
 * router models); price_unknown() tells the two apart.  An absent part that
 * a request uses falls back as OpenRouter bills it: cache reads and writes
 * at the prompt price, internal reasoning at the completion price; an
 * absent per-request or per-search price costs nothing.  Before 2026 a part
 * that does not apply was "0", not absent: a cache or reasoning price of 0
 * falls back the same way (a free model's fallback is 0 as well).  A
 * request that uses an unknown price, or an absent prompt or completion
 * price, has an unknown cost (NAN).  The discount is kept and shown,
 * never applied: the listed prices are the ones billed.
 *
 * A struct price owns its override array: price_init() before use,
 * price_clear() frees it.  price_parse() reads a borrowed jansson object;
 * malformed overrides (not an object, no condition or two, a bad HHMM, an
 * empty window, a mistyped price, more than PRICE_MAX_OVERRIDES) are
 * counted in *warnings and ignored, the rest of the price list is kept.
 */
#ifndef ORBROWSE_PRICE_H
#define ORBROWSE_PRICE_H

#include <stddef.h>

#include <jansson.h>

enum price_part {
	PRICE_PROMPT,
	PRICE_COMPLETION,
	PRICE_REQUEST,
	PRICE_IMAGE,
	PRICE_IMAGE_TOKEN,
	PRICE_IMAGE_OUTPUT,
	PRICE_AUDIO,
	PRICE_AUDIO_OUTPUT,
	PRICE_INPUT_AUDIO_CACHE,
	PRICE_WEB_SEARCH,
	PRICE_REASONING,
	PRICE_CACHE_READ,
	PRICE_CACHE_WRITE,
	PRICE_CACHE_WRITE_1H,
	PRICE_NPARTS
};

#define PRICE_MAX_OVERRIDES	32

enum price_cond {
	PRICE_TIER,		/* min_prompt_tokens */
	PRICE_WINDOW		/* utc_start, utc_end */
};

struct price_override {
	enum price_cond	 cond;
	long long	 min_prompt_tokens;
	int		 utc_start;	/* HHMM as given */
	int		 utc_end;
	double		 part[PRICE_NPARTS];	/* NAN: the base applies */
	unsigned	 unknown;		/* bit per part given as "-1" */
};

struct price {
	double			 part[PRICE_NPARTS];	/* NAN: absent/unknown */
	unsigned		 unknown;	/* bit per part given as "-1" */
	double			 discount;	/* NAN when absent */
	struct price_override	*ov;
	size_t			 nov;
};

/*
 * The request shape.  Token counts and searches are >= 0; cache_read and
 * cache_write are shares of the prompt (0..1, together at most 1), the
 * write going to the 1-hour cache when cache_write_1h is set; utc_minute
 * is the time of day (0..1439) for windows, or -1 for "no time" (no
 * window applies).
 */
struct price_shape {
	double	prompt;
	double	completion;
	double	cache_read;
	double	cache_write;
	int	cache_write_1h;
	double	reasoning;
	double	searches;
	int	utc_minute;
};

/* The JSON key of a part ("prompt", "input_cache_read", ...). */
const char	*price_key(enum price_part);

void	 price_init(struct price *);
void	 price_clear(struct price *);
void	 price_copy(struct price *dst, const struct price *src);
/* Is part given as unknown ("-1")? */
int	 price_unknown(const struct price *, enum price_part);

/*
 * Read a `pricing` object (NULL or not an object: every part absent).
 * Adds mistyped parts and malformed overrides to *warnings (may be NULL);
 * an empty object for overrides (2026 frontend) means none.
 */
void	 price_parse(const json_t *pricing, struct price *, unsigned *warnings);

/*
 * The shape with every field zero but utc_minute -1.  Then the effective
 * prices for a shape: base, tier and window applied.  *applied (may be
 * NULL) is set to the override in force (borrowed from p, valid until p
 * changes) or NULL.
 */
void	 price_shape_init(struct price_shape *);
void	 price_apply(const struct price *p, const struct price_shape *,
	     struct price *out, const struct price_override **applied);
/* The tier in force for the shape (borrowed from p), or NULL: with a
 * window also in force, price_apply() reports the window alone. */
const struct price_override *price_tier(const struct price *,
	     const struct price_shape *);

/* USD for one request of the shape, all components; NAN when unknown. */
double	 price_cost(const struct price *, const struct price_shape *,
	     const struct price_override **applied);

/*
 * Minutes from utc_minute to the next start or end of any window, or -1
 * when the price list has no window.
 */
int	 price_next_change(const struct price *, int utc_minute);

/*
 * Free by price: prompt and completion known and zero, and every other
 * part that is present zero too (overrides included).
 */
int	 price_is_free(const struct price *);
/*
 * The same as three states: 1 free; 0 priced (some known part, base or
 * override, is not zero); -1 undecided (nothing priced, but a part is
 * unknown, or the prompt or completion price is absent).
 */
int	 price_free(const struct price *);

/*
 * The overrides as a JSON array (a new reference, the caller decrefs): the
 * condition fields as given, prices as numbers in USD per unit, "-1" kept
 * as -1.  price_overrides_load() reads that form back into p (replacing
 * its overrides); it returns -1 when text is not such an array.
 */
json_t	*price_overrides_json(const struct price *);
int	 price_overrides_load(struct price *, const char *text);

#endif
