/*
 * ui-cost: blended prices and request costs (see ui-cost.h).
 */
#include "config.h"

#include "ui/ui-cost.h"

#include <math.h>

double
ui_cost_prompt(const struct ep_row *ep, double cache_share)
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

double
ui_cost_request(const struct ep_row *ep, double prompt_tokens,
    double completion_tokens, double cache_share)
{
	double	cost = 0;

	if (prompt_tokens > 0)
		cost += prompt_tokens * ui_cost_prompt(ep, cache_share);
	if (completion_tokens > 0)
		cost += completion_tokens * ep->price_completion;
	return (cost);
}

double
ui_cost_blended(const struct ep_row *ep, double p, double c,
    double cache_share)
{
	if (isnan(p) || isnan(c) || p < 0 || c < 0 || p + c <= 0)
		return (NAN);
	return (ui_cost_request(ep, p, c, cache_share) / (p + c));
}
