/*
 * zblob: compression of snapshot blobs.
 *
 * Blobs are gzip streams (codec name "gzip"), or zlib streams compressed
 * with a preset dictionary (codec "zdict"): snapshot objects are a few
 * kilobytes each, too short for deflate to learn their repeated keys, and a
 * dictionary of typical objects makes them ~3x smaller.  The zlib header
 * names the dictionary by its DICTID (Adler-32); the store keeps the
 * dictionaries and registers them here with zblob_dict_add().
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
#include <stdint.h>

#include "util/buf.h"

#define ZBLOB_CODEC	"gzip"
#define ZBLOB_CODEC_DICT "zdict"
/*
 * A split blob (codec/canon.h, canon_split): the object without its parts,
 * which are blobs of their own.  Its data is a header -- the format
 * version (1), the number of parts n (1 to ZBLOB_PARTS), then for each
 * part where it goes in the skeleton, as an unsigned LEB128 number -- and
 * then the skeleton as a gzip or zdict stream.  Which blobs the parts are
 * the store says (store/store-blobs.c); putting them back gives the
 * canonical form whose hash the blob is stored under.
 */
#define ZBLOB_CODEC_SPLIT "zsplit"
#define ZBLOB_SPLIT_VERSION 1
#define ZBLOB_PARTS	2
/*
 * A delta (schema 17): the header's version is 2, and the skeleton was
 * compressed with the skeleton of another split blob, its base, as the
 * dictionary (zblob_compress_base).  An endpoint's next snapshot differs
 * from its last in a few numbers, so the stream is a fifth of the size.
 * Which blob the base is the store says; a base is never a delta itself,
 * so a snapshot is one base away from its text.  A skeleton longer than
 * ZBLOB_BASE_MAX is no base (zlib would use only its end).
 */
#define ZBLOB_SPLIT_DELTA 2
#define ZBLOB_BASE_MAX	(32u * 1024 - 262)
/*
 * A dictionary's size: as far back as a deflate match reaches (32 KiB less
 * zlib's MIN_LOOKAHEAD).  Each compressor sets it once and copies the
 * primed state for every blob, so its size costs a blob nothing; a
 * database made before #19 has one of 16 KiB.
 */
#define ZBLOB_DICT_MAX	(32u * 1024 - 262)
/* Default inflation cap: no stored object may expand past this. */
#define ZBLOB_CAP	(64u * 1024 * 1024)

/* Compress in into out (reset first). Returns 0 or -1 with *cause. */
int	zblob_compress(const void *in, size_t len, struct buf *out,
	    char **cause);
/* A codec name zblob_inflate() reads. */
int	zblob_codec_known(const char *);
/* With the registered dictionary dictid (0: plain gzip). */
int	zblob_compress_dict(const void *in, size_t len, uint32_t dictid,
	    struct buf *out, char **cause);
/*
 * A compressor of one's own, for a thread other than the one that calls
 * zblob_compress_dict(): each keeps its deflate state between blobs.
 */
struct zblob_deflater;
struct zblob_deflater *zblob_deflater_new(void);
void	zblob_deflater_free(struct zblob_deflater *);
int	zblob_compress_with(struct zblob_deflater *, const void *in,
	    size_t len, uint32_t dictid, struct buf *out, char **cause);
/* Register a dictionary (at most ZBLOB_DICT_MAX bytes); its DICTID. */
uint32_t zblob_dict_add(const void *data, size_t len);
/*
 * Forget every dictionary and free the default compressor; no thread may
 * be compressing.
 */
void	zblob_dict_clear(void);
/* Inflate in into out (reset first), at most cap bytes. */
int	zblob_inflate(const void *in, size_t len, size_t cap, struct buf *out,
	    char **cause);
/*
 * A zlib stream with base (blen bytes, 1 to ZBLOB_BASE_MAX) as its
 * dictionary, made with the default compressor; and inflated back, which
 * fails when the stream was made against other bytes.
 */
int	zblob_compress_base(const void *in, size_t len, const void *base,
	    size_t blen, struct buf *out, char **cause);
int	zblob_inflate_base(const void *in, size_t len, const void *base,
	    size_t blen, size_t cap, struct buf *out, char **cause);
/*
 * The header of a split blob (a delta when delta is set), then the stream
 * z; out is reset first.
 */
void	zblob_split_pack(const size_t *at, size_t n, int delta, const void *z,
	    size_t zlen, struct buf *out);
/*
 * Read a split blob's header: the parts' places (at most ZBLOB_PARTS) and
 * where its stream starts.  0, or -1 with *cause.
 */
int	zblob_split_read(const void *in, size_t len, size_t *at, size_t *n,
	    int *delta, size_t *zoff, char **cause);
/* Inflate and check the SHA-256 of the result against hash (hex). */
int	zblob_verify(const void *in, size_t len, const char *hash, size_t cap,
	    struct buf *out, char **cause);

#endif
