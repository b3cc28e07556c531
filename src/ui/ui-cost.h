/*
 * ui-cost: what an endpoint costs for the user's token mix.
 *
 * Pure arithmetic on a struct ep_row (borrowed for the call), no curses, so
 * the model screen's ranking can be tested on its own.  Prices in the row
 * are USD per token; NAN means unknown (see project/endpoint.h).
 *
 * The mix is prompt:completion tokens (p:c, both >= 0, not both 0).  The
 * cache share (0..1) is the fraction of prompt tokens read from the
 * provider's prompt cache: billed at price_cache_read when the endpoint has
 * one, else at price_prompt.  A price the mix does not use may be unknown;
 * one it uses makes the result NAN.
 */
#ifndef ORBROWSE_UI_COST_H
#define ORBROWSE_UI_COST_H

#include "project/endpoint.h"

/* USD per prompt token for the cache share, or NAN. */
double	ui_cost_prompt(const struct ep_row *, double cache_share);
/* USD per token of the p:c mix (the blended price), or NAN. */
double	ui_cost_blended(const struct ep_row *, double p, double c,
	    double cache_share);
/* USD for one request of that many prompt and completion tokens, or NAN. */
double	ui_cost_request(const struct ep_row *, double prompt_tokens,
	    double completion_tokens, double cache_share);

#endif
