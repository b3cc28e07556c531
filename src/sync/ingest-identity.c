/*
 * ingest-identity: one row per provider of a model, whichever route family
 * listed it (project/ep-identity.h has the rule).  Before an endpoint is
 * written, its row is matched with the stored rows of its model:
 *
 * - a v1 observation goes into the provider's frontend row (keeping that
 *   row's uuid and the fields only the frontend carries), and a "v1:" row
 *   of the same provider left from before is folded into it;
 * - a frontend observation takes over the provider's "v1:" row (renamed to
 *   the uuid, its snapshots with it), so no stale v1 row stays beside it.
 *
 * Everything happens in the caller's transaction.
 */
#include "config.h"

#include "sync/ingest.h"

#include <stdlib.h>
#include <string.h>

#include "project/ep-identity.h"
#include "sync/ingest-private.h"
#include "util/xmalloc.h"

/*
 * The one row of peers (of the family wanted: v1 or not) that row belongs
 * to: the row with the same provider key, else the only one near it (a v1
 * tag with a region, see project/ep-identity.h).  NULL when there is none,
 * or more than one is near.
 */
static const struct ep_row *
ingest_identity_match(const struct ep_row *row, const struct ep_row *peers,
    size_t n, int v1)
{
	const struct ep_row	*near = NULL;
	size_t			 i, nnear = 0;

	for (i = 0; i < n; i++) {
		if (ep_identity_is_v1(peers[i].endpoint_id) != v1)
			continue;
		if (ep_identity_same(row, &peers[i]))
			return (&peers[i]);
		if (ep_identity_near(row, &peers[i])) {
			near = &peers[i];
			nnear++;
		}
	}
	return (nnear == 1 ? near : NULL);
}

/* A v1 observation: into the provider's frontend row, if there is one. */
static int
ingest_identity_v1(struct ingest *ig, struct ep_row *row,
    const struct ep_row *peers, size_t n, char **cause)
{
	const struct ep_row	*to;
	size_t			 i;

	/*
	 * A frontend row another observation of this run wrote already is
	 * that one's (the route families do not list one model in one run):
	 * two regions of a provider, or a regional tag and the bare one,
	 * stay two rows.
	 */
	to = ingest_identity_match(row, peers, n, 0);
	if (to == NULL || to->last_run_id == ig->run.id)
		return (0);
	for (i = 0; i < n; i++) {
		if (strcmp(peers[i].endpoint_id, row->endpoint_id) == 0 &&
		    store_endpoint_absorb(ig->store, row->endpoint_id,
		    to->endpoint_id, row->model_key, cause) != 0)
			return (-1);
	}
	ep_identity_keep(row, to);
	free(row->endpoint_id);
	row->endpoint_id = xstrdup(to->endpoint_id);
	return (0);
}

int
ingest_identity(struct ingest *ig, struct ep_row *row, int *done,
    char **cause)
{
	struct ep_row		*peers = NULL;
	const struct ep_row	*near;
	size_t			 n = 0, i;
	int			 v1, overlap = 0, rc = -1;

	if (done != NULL)
		*done = 0;
	if (row->model_key == NULL || row->provider_slug == NULL)
		return (0);
	v1 = ep_identity_is_v1(row->endpoint_id);
	if (store_endpoint_peers(ig->store, row->model_key, v1, &peers, &n,
	    cause) != 0)
		return (-1);
	if (v1) {
		rc = ingest_identity_v1(ig, row, peers, n, cause);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (!ep_identity_same(row, &peers[i]))
			continue;
		/* The v1 route gave this provider in this very run. */
		if (done != NULL && peers[i].last_run_id == ig->run.id) {
			*done = 1;
			goto done;
		}
		if (store_endpoint_absorb(ig->store, peers[i].endpoint_id,
		    row->endpoint_id, row->model_key, cause) != 0)
			goto out;
	}
	/*
	 * A v1 row of this provider whose tag names a region; not one that
	 * was seen beside this row in some run (another endpoint, which
	 * absorbing would lose a snapshot of).
	 */
	near = ingest_identity_match(row, peers, n, 1);
	if (near != NULL && !ep_identity_same(row, near)) {
		if (done != NULL && near->last_run_id == ig->run.id)
			*done = 1;
		else if (store_endpoint_overlap(ig->store, near->endpoint_id,
		    row->endpoint_id, row->model_key, &overlap, cause) != 0)
			goto out;
		else if (!overlap && store_endpoint_absorb(ig->store,
		    near->endpoint_id, row->endpoint_id, row->model_key,
		    cause) != 0)
			goto out;
	}
done:
	rc = 0;
out:
	ep_row_list_free(peers, n);
	return (rc);
}
