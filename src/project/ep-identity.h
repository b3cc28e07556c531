/*
 * ep-identity: which stored row an endpoint observation belongs to.
 *
 * An endpoint is one provider's offer of one model.  The frontend routes
 * name it by a uuid and give the provider's tag as provider_slug
 * ("deepinfra/fp8", "amazon-bedrock/us-east-1"); the documented v1 route
 * has no uuid and gives the same tag as "tag" (the projection's row then has
 * the id "v1:<tag>" and the tag as provider_slug).  So across route families
 * the identity is the model key plus the provider key: the tag, lowercased.
 * A slug without a "/" (the 2025-05-20 capture has only provider_info.slug)
 * gets the row's quantization appended, as the tags carry it
 * ("lambda" + fp8 = "lambda/fp8"), unless it is missing or "unknown".
 *
 * Within the frontend family the uuid stays the identity (two uuids are two
 * rows); the provider key only joins a "v1:" row to a frontend row.
 *
 * Since 2026 a v1 tag may name a region instead ("bramble/global",
 * "amazon-bedrock/us-east-1") where the frontend gives the provider alone
 * ("bramble").  The base key leaves such a region out: a suffix after the
 * "/" that is not the row's quantization.  A regional tag is "near" a bare
 * slug (no "/") whose key is its base; the caller joins near rows only when
 * no row has the same key and one row alone is near.
 *
 * Rows are borrowed; ep_identity_key() returns a string the caller frees.
 */
#ifndef ORBROWSE_PROJECT_EP_IDENTITY_H
#define ORBROWSE_PROJECT_EP_IDENTITY_H

#include "project/endpoint.h"

/* The provider key of a row, or NULL when it has no provider slug. */
char	*ep_identity_key(const struct ep_row *);

/*
 * The provider key without a region (see above), or NULL when the row has
 * no provider slug: "bramble/global" gives "bramble", "lambda/fp8" with
 * quantization fp8 gives "lambda/fp8".
 */
char	*ep_identity_base(const struct ep_row *);

/* 1 when the id is one the v1 route made ("v1:<tag>"), else 0. */
int	 ep_identity_is_v1(const char *endpoint_id);

/*
 * 1 when a and b are the same provider's offer of the same model: equal
 * model keys and equal, non-NULL provider keys.
 */
int	 ep_identity_same(const struct ep_row *a, const struct ep_row *b);

/*
 * 1 when a and b have equal model keys, one's tag names a region, the
 * other's slug has no "/" at all, and the first's base key is the other's
 * key ("bramble/global" and "bramble"; never two tags with a "/").
 */
int	 ep_identity_near(const struct ep_row *a, const struct ep_row *b);

/*
 * A v1 observation (obs) written into the frontend row old: the fields only
 * the frontend family carries (stats, flags, limits, data policy) are taken
 * from old where obs has none, and old's model and provider names (the
 * frontend's display names, e.g. "Nebius AI Studio" for the v1 route's
 * "Nebius") and provider slug (the row's identity: "bramble", not the v1
 * tag "bramble/global") replace obs's.  Prices, context, quantization,
 * status and uptime are never taken from old: the newer observation's
 * stand, so a stale price cannot survive.  obs must own its strings one by
 * one (not a packed row).
 */
void	 ep_identity_keep(struct ep_row *obs, const struct ep_row *old);

#endif
