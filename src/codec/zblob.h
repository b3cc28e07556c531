/*
 * zblob: compression of snapshot blobs.
 *
 * Blobs are gzip streams (zlib with a gzip header, codec name "gzip").
 * zblob_inflate() is bounded: it refuses to produce more than cap bytes, so a
 * hostile or corrupt blob cannot exhaust memory.  It never crashes on bad
 * input; it returns -1 with a cause that says what was wrong (not a gzip
 * stream, truncated, corrupt, larger than the cap).
 *
 * zblob_verify() inflates and checks that the content hashes to the expected
 * SHA-256 hex; a mismatch is reported as such.
 */
#ifndef ORBROWSE_CODEC_ZBLOB_H
#define ORBROWSE_CODEC_ZBLOB_H

#include <stddef.h>

#include "util/buf.h"

#define ZBLOB_CODEC	"gzip"
/* Default inflation cap: no stored object may expand past this. */
#define ZBLOB_CAP	(64u * 1024 * 1024)

/* Compress in into out (reset first). Returns 0 or -1 with *cause. */
int	zblob_compress(const void *in, size_t len, struct buf *out,
	    char **cause);
/* Inflate in into out (reset first), at most cap bytes. */
int	zblob_inflate(const void *in, size_t len, size_t cap, struct buf *out,
	    char **cause);
/* Inflate and check the SHA-256 of the result against hash (hex). */
int	zblob_verify(const void *in, size_t len, const char *hash, size_t cap,
	    struct buf *out, char **cause);

#endif
