/*
 * unit-store.h: a helper for the unit tests of the store.
 *
 * unit_put_endpoint() writes the projection row of endpoint id of model as
 * run stores it (nothing else known), with hash as its snapshot's: since
 * version 16 an endpoint's snapshots name that row, so a test writes it
 * before them.
 */
#ifndef ORBROWSE_TEST_UNIT_STORE_H
#define ORBROWSE_TEST_UNIT_STORE_H

#include "project/endpoint.h"
#include "store/store.h"

static inline void
unit_put_endpoint(struct store *s, int64_t run, const char *id,
    const char *model, const char *hash)
{
	struct ep_row	 row;
	char		*cause = NULL;

	ep_row_init(&row);
	row.endpoint_id = xstrdup(id);
	row.model_key = xstrdup(model);
	if (store_endpoint_upsert(s, &row, hash, run, 0, 0, &cause) != 0)
		fail_msg("%s", cause);
	ep_row_clear(&row);
}

#endif
