/*
 * canon: canonical JSON, the form that is hashed and stored.
 *
 * Canonical JSON is jansson's compact encoding with keys sorted and reals
 * printed with JSON_REAL_PRECISION(17) (17 significant digits, so every
 * double round-trips; 0.1 prints as 0.10000000000000001).  This flag set is fixed forever: changing it changes every hash.
 * Two documents that differ only in key order or whitespace have the same
 * canonical form.
 */
#ifndef ORBROWSE_CODEC_CANON_H
#define ORBROWSE_CODEC_CANON_H

#include <jansson.h>

#include "util/buf.h"

#define CANON_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17) \
	| JSON_ENCODE_ANY)

/* Append the canonical form of v to out (which is reset first).  Returns 0,
 * or -1 if jansson cannot encode v. */
int	canon_dump(const json_t *v, struct buf *out);

#endif
