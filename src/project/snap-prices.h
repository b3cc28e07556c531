/*
 * snap-prices: the prices of the endpoint a stored snapshot document holds.
 *
 * A snapshot blob (store.h) is the canonical JSON of one of OpenRouter's
 * endpoint shapes: a stats endpoint object (it has an "id"), a v1 endpoint
 * object (no id), or a whole catalogue entry (a "slug" or "permaslug" and an
 * "endpoint" object), which its featured endpoint's snapshot points at.
 * snap_prices_read() decides which, and reads the prices as ep_project()
 * does.  Most of a document is stats and the embedded model, so the
 * "pricing" object is first found by skimming the text (codec/json-skim.h)
 * and only it is parsed; whatever does not look as expected is parsed in
 * full.
 *
 * The text is borrowed for the call.  Errors: -1 with *cause (when cause is
 * not NULL) set to a message the caller frees; hash names the snapshot in
 * it.
 */
#ifndef ORBROWSE_PROJECT_SNAP_PRICES_H
#define ORBROWSE_PROJECT_SNAP_PRICES_H

#include <stddef.h>

#include "project/endpoint.h"

/* USD per token, NAN when unknown. */
struct snap_prices {
	double	 prompt;
	double	 completion;
	double	 cache_read;
};

/*
 * The prices of the document json (len bytes, the blob's inflated text).
 * model_key is the listing's (v1 endpoint objects do not carry it).  A
 * document without a pricing object has no prices (all NAN), which is not
 * an error; one that holds no endpoint is.
 */
int	snap_prices_read(const char *json, size_t len, const char *hash,
	    const char *model_key, struct snap_prices *, char **cause);
/*
 * The whole endpoint the document holds, projected as ep_project() does
 * into row (initialised; cleared first); *catalogue (may be NULL) is 1
 * when it is a catalogue entry's featured endpoint, which carries no
 * stats.
 */
int	snap_project(const char *json, size_t len, const char *hash,
	    const char *model_key, struct ep_row *row, int *catalogue,
	    char **cause);
/* 1 when a price differs; unknown (NAN) equals only unknown. */
int	snap_prices_differ(const struct snap_prices *,
	    const struct snap_prices *);

#endif
