/*
 * demo-pricing: the 2026 parts of an endpoint's price list.  Long-context
 * tiers and off-peak UTC windows (the "overrides"), the 1-hour cache
 * write, internal reasoning, per-request and per-search prices, so that
 * every screen and command that shows them has demo data to show.
 *
 * They are drawn from a stream seeded by the endpoint alone, after
 * everything else about the endpoint: the values the generator made before
 * they existed stay byte for byte what they were.
 */
#include "config.h"

#include "demo/demo-private.h"

#include <string.h>

/* The stream's purpose number (demo-metrics.c uses 0 to 4, epochs 100+). */
#define EXTRA_STREAM	50

/* Windows as HHMM pairs; half of them wrap past midnight. */
static const int demo_windows[][2] = {
	{ 2200, 600 }, { 0, 800 }, { 1730, 130 }, { 1800, 2400 },
	{ 2330, 30 }, { 100, 700 }
};
#define NWINDOWS (sizeof demo_windows / sizeof demo_windows[0])

static const int64_t demo_tier_mins[] = { 32000, 128000, 200000 };

/* ~15% of priced endpoints: one tier, sometimes a second above it. */
static void
demo_extra_tiers(struct demo_rng *r, struct demo_extra *x)
{
	if (demo_rng_chance(r, 70)) {
		x->ntiers = 1;
		x->tier_min[0] = demo_tier_mins[demo_rng_below(r, 3)];
		x->tier_pct[0] = demo_rng_chance(r, 50) ? 150 : 200;
	} else {
		x->ntiers = 2;
		x->tier_min[0] = 128000;
		x->tier_min[1] = 256000;
		x->tier_pct[0] = 150;
		x->tier_pct[1] = demo_rng_chance(r, 50) ? 200 : 300;
	}
}

void
demo_extra_make(struct demo_gen *g, const struct demo_base *m,
    enum demo_variant v, struct demo_ep *e)
{
	struct demo_extra	*x = &e->extra;
	struct demo_rng		 r;
	const int		*w;

	memset(x, 0, sizeof *x);
	if (e->router || v == VAR_FREE)
		return;
	demo_rng_seed(&r, g->seed ^ e->mseed, EXTRA_STREAM);
	if (demo_rng_chance(&r, 15))
		demo_extra_tiers(&r, x);
	if (demo_rng_chance(&r, 6)) {
		w = demo_windows[demo_rng_below(&r, NWINDOWS)];
		x->win_start = w[0];
		x->win_end = w[1];
		x->win_pct = demo_rng_chance(&r, 50) ? 50 : 75;
	}
	if (e->cache_write != 0 && demo_rng_chance(&r, 50))
		x->cache_write_1h = 200;
	if (demo_rng_chance(&r, m->reasoning ? 40 : 5))
		x->reasoning = demo_rng_chance(&r, 50) ? 100 : 150;
	if (demo_rng_chance(&r, 4))
		x->request = demo_rng_chance(&r, 50) ? 10000000 : 50000000;
	if (demo_rng_chance(&r, 5))
		x->web_search = demo_rng_chance(&r, 50) ? 40000000 : 100000000;
}

/* An override object: the condition is set by the caller. */
static json_t *
demo_override_json(const struct demo_ep *e, unsigned pct)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "prompt",
	    demo_price_json(demo_price_round(e->prompt * pct / 100)));
	json_object_set_new(o, "completion",
	    demo_price_json(demo_price_round(e->completion * pct / 100)));
	return (o);
}

static json_t *
demo_overrides_json(const struct demo_ep *e)
{
	const struct demo_extra	*x = &e->extra;
	json_t			*a, *o;
	unsigned		 i;

	a = json_array();
	for (i = 0; i < x->ntiers; i++) {
		o = demo_override_json(e, x->tier_pct[i]);
		json_object_set_new(o, "min_prompt_tokens",
		    json_integer(x->tier_min[i]));
		json_array_append_new(a, o);
	}
	if (x->win_pct != 0) {
		o = demo_override_json(e, x->win_pct);
		json_object_set_new(o, "utc_start", json_integer(x->win_start));
		json_object_set_new(o, "utc_end", json_integer(x->win_end));
		json_array_append_new(a, o);
	}
	return (a);
}

void
demo_extra_json(const struct demo_ep *e, json_t *o)
{
	const struct demo_extra	*x = &e->extra;

	if (x->request != 0)
		json_object_set_new(o, "request", demo_price_json(x->request));
	if (x->web_search != 0)
		json_object_set_new(o, "web_search",
		    demo_price_json(x->web_search));
	if (x->reasoning != 0)
		json_object_set_new(o, "internal_reasoning", demo_price_json(
		    demo_price_round(e->completion * x->reasoning / 100)));
	if (x->cache_write_1h != 0)
		json_object_set_new(o, "input_cache_write_1h", demo_price_json(
		    demo_price_round(e->prompt * x->cache_write_1h / 100)));
	if (x->ntiers != 0 || x->win_pct != 0)
		json_object_set_new(o, "overrides", demo_overrides_json(e));
}
