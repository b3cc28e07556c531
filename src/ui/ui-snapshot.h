/*
 * ui-snapshot: what the snapshot inspector reads -- a stored blob as a JSON
 * document, and the values a JSON Pointer (RFC 6901, as json-diff writes
 * its paths) walks through in one.  No curses.
 *
 * ui_snapshot_doc() fetches, inflates, checks against its hash and parses
 * the blob hash; for an endpoint_id known only from the catalogue (whose
 * listing is its entry's blob) the document is the entry's "endpoint"
 * member.  It returns a new reference the caller releases with
 * json_decref(), or NULL with *cause (the caller frees) when the blob is
 * missing, corrupt or not JSON.
 *
 * ui_snapshot_pointer() fills chain with root and then each value the path
 * reaches, as far as it exists, at most max of them (max >= 1); returns how
 * many.  The values are borrowed from root.
 */
#ifndef ORBROWSE_UI_SNAPSHOT_H
#define ORBROWSE_UI_SNAPSHOT_H

#include <stddef.h>

#include <jansson.h>

#include "store/store.h"

json_t	*ui_snapshot_doc(struct store *, const char *hash,
	    const char *endpoint_id, char **cause);
size_t	 ui_snapshot_pointer(const json_t *root, const char *path,
	    const json_t **chain, size_t max);

#endif
