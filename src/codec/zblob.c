#include "config.h"

#include "codec/zblob.h"

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define ZLIB_CONST
#include <zlib.h>

#include "codec/hash.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * Level 6 is zlib's own default: snapshot blobs are JSON, written once and
 * read many times, and the higher levels cost several times the CPU for a
 * percent or two of size.
 */
#define ZBLOB_LEVEL	6
/* windowBits 15 plus 16 asks zlib for a gzip header and trailer. */
#define ZBLOB_WBITS	(15 + 16)
/*
 * Half zlib's default: a blob is a few KB, which 16K hash chains and 8K
 * buffered symbols serve as well (the same size within 0.1%), and a
 * compressor's state to copy (zblob_deflate_primed) is 190 KB, not 256.
 */
#define ZBLOB_MEMLEVEL	7

/*
 * Work in pieces no larger than this: z_stream counts in uInt, which may be
 * narrower than size_t, and output grows a piece at a time so a bomb is
 * stopped before it has cost much memory.
 */
#define ZBLOB_CHUNK	(64u * 1024)

static const char *
zblob_zmsg(const z_stream *zs, int ret)
{
	if (zs->msg != NULL)
		return (zs->msg);
	return (zError(ret));
}

/* Hand zlib the next piece of input once it has used up the last one. */
static void
zblob_feed(z_stream *zs, const unsigned char **p, size_t *left)
{
	size_t	n;

	if (zs->avail_in != 0 || *left == 0)
		return;
	n = *left > ZBLOB_CHUNK ? ZBLOB_CHUNK : *left;
	zs->next_in = *p;
	zs->avail_in = (uInt)n;
	*p += n;
	*left -= n;
}

/*
 * Preset dictionaries, by DICTID.  They are content-addressed (the id is
 * the Adler-32 of the bytes, and every inflated blob is checked against its
 * SHA-256), so one table serves every database the process opens.
 */
struct zdict {
	uint32_t	 id;
	unsigned char	*data;
	size_t		 len;
};
/*
 * The table is shared by the threads that compress (sync/prep.c) and
 * guarded by zblob_lock; an entry, once added, stays where it is until
 * zblob_dict_clear(), which no compression may overlap.
 */
static pthread_mutex_t	 zblob_lock = PTHREAD_MUTEX_INITIALIZER;
static struct zdict	**zdicts;
static size_t		  nzdicts;

/*
 * The buffers a deflater's streams free, kept for the next that asks for
 * the same size: a stream copied from the primed one (below) takes ~270 KB
 * in five buffers for every blob, which malloc would map and unmap.
 */
#define ZBLOB_POOL	12
struct zblob_pool {
	void		*p[ZBLOB_POOL];
	size_t		 size[ZBLOB_POOL];
	size_t		 n;
};

/*
 * Compressors, kept between blobs (state NULL: not set up).  primed has
 * had the dictionary primed_id set and compresses nothing: each blob
 * with that dictionary is compressed by a copy of it (deflateCopy()),
 * which costs a third of setting the dictionary again (hashing all of
 * it, and its Adler-32); the output is the same bytes.
 */
struct zblob_deflater {
	z_stream		gzip;
	z_stream		zdict;
	z_stream		primed;
	uint32_t		primed_id;
	struct zblob_pool	pool;
};
/* The one zblob_compress_dict() uses. */
static struct zblob_deflater	zblob_default;

static int	zblob_deflate_run(struct zblob_deflater *, const void *, size_t,
		    const void *, size_t, struct buf *, char **);
static int	zblob_deflate_primed(struct zblob_deflater *,
		    const struct zdict *, const void *, size_t, struct buf *,
		    char **);
static int	zblob_deflate_loop(z_stream *, const void *, size_t,
		    struct buf *, char **);
static int	zblob_inflate_run(const void *, size_t, const void *, size_t,
		    size_t, struct buf *, char **);

static const struct zdict *
zblob_dict_find(uint32_t id)
{
	const struct zdict	*d = NULL;
	size_t			 i;

	pthread_mutex_lock(&zblob_lock);
	for (i = 0; i < nzdicts; i++) {
		if (zdicts[i]->id == id) {
			d = zdicts[i];
			break;
		}
	}
	pthread_mutex_unlock(&zblob_lock);
	return (d);
}

uint32_t
zblob_dict_add(const void *data, size_t len)
{
	struct zdict	*d;
	uint32_t	 id;

	if (len > ZBLOB_DICT_MAX)
		len = ZBLOB_DICT_MAX;
	id = (uint32_t)adler32(adler32(0L, Z_NULL, 0), data, (uInt)len);
	if (zblob_dict_find(id) != NULL)
		return (id);
	d = xmalloc(sizeof *d);
	d->id = id;
	d->len = len;
	d->data = xmalloc(len == 0 ? 1 : len);
	memcpy(d->data, data, len);
	pthread_mutex_lock(&zblob_lock);
	zdicts = xreallocarray(zdicts, nzdicts + 1, sizeof *zdicts);
	zdicts[nzdicts++] = d;
	pthread_mutex_unlock(&zblob_lock);
	return (id);
}

/* A buffer is its size, then the bytes zlib gets. */
#define ZBLOB_POOL_HEAD	16	/* keeps malloc's alignment */

static voidpf
zblob_pool_alloc(voidpf opaque, uInt items, uInt size)
{
	struct zblob_pool	*pool = opaque;
	unsigned char		*p;
	size_t			 want = (size_t)items * size, i;

	for (i = 0; i < pool->n; i++) {
		if (pool->size[i] != want)
			continue;
		p = pool->p[i];
		pool->n--;
		pool->p[i] = pool->p[pool->n];
		pool->size[i] = pool->size[pool->n];
		return (p);
	}
	if (items != 0 && want / items != size)
		return (Z_NULL);
	if ((p = malloc(ZBLOB_POOL_HEAD + want)) == NULL)
		return (Z_NULL);
	memcpy(p, &want, sizeof want);
	return (p + ZBLOB_POOL_HEAD);
}

static void
zblob_pool_free(voidpf opaque, voidpf address)
{
	struct zblob_pool	*pool = opaque;
	unsigned char		*p = (unsigned char *)address - ZBLOB_POOL_HEAD;
	size_t			 size;

	memcpy(&size, p, sizeof size);
	if (pool->n == ZBLOB_POOL) {
		free(p);
		return;
	}
	pool->p[pool->n] = address;
	pool->size[pool->n++] = size;
}

static void
zblob_pool_clear(struct zblob_pool *pool)
{
	size_t	i;

	for (i = 0; i < pool->n; i++)
		free((unsigned char *)pool->p[i] - ZBLOB_POOL_HEAD);
	pool->n = 0;
}

static void
zblob_deflater_end(struct zblob_deflater *z)
{
	if (z->gzip.state != NULL)
		deflateEnd(&z->gzip);
	if (z->zdict.state != NULL)
		deflateEnd(&z->zdict);
	if (z->primed.state != NULL)
		deflateEnd(&z->primed);
	zblob_pool_clear(&z->pool);
	memset(z, 0, sizeof *z);
}

void
zblob_dict_clear(void)
{
	size_t	i;

	zblob_deflater_end(&zblob_default);
	pthread_mutex_lock(&zblob_lock);
	for (i = 0; i < nzdicts; i++) {
		free(zdicts[i]->data);
		free(zdicts[i]);
	}
	free(zdicts);
	zdicts = NULL;
	nzdicts = 0;
	pthread_mutex_unlock(&zblob_lock);
}

struct zblob_deflater *
zblob_deflater_new(void)
{
	return (xcalloc(1, sizeof (struct zblob_deflater)));
}

void
zblob_deflater_free(struct zblob_deflater *z)
{
	if (z == NULL)
		return;
	zblob_deflater_end(z);
	free(z);
}

int
zblob_codec_known(const char *codec)
{
	return (strcmp(codec, ZBLOB_CODEC) == 0 ||
	    strcmp(codec, ZBLOB_CODEC_DICT) == 0);
}

int
zblob_compress(const void *in, size_t len, struct buf *out, char **cause)
{
	return (zblob_compress_dict(in, len, 0, out, cause));
}

int
zblob_compress_dict(const void *in, size_t len, uint32_t dictid,
    struct buf *out, char **cause)
{
	return (zblob_compress_with(&zblob_default, in, len, dictid, out,
	    cause));
}

int
zblob_compress_with(struct zblob_deflater *z, const void *in, size_t len,
    uint32_t dictid, struct buf *out, char **cause)
{
	const struct zdict	*d = NULL;

	buf_reset(out);
	if (dictid != 0 && (d = zblob_dict_find(dictid)) == NULL) {
		if (cause != NULL)
			*cause = xasprintf(_("no compression dictionary "
			    "%08x"), (unsigned)dictid);
		return (-1);
	}
	if (d != NULL)
		return (zblob_deflate_primed(z, d, in, len, out, cause));
	return (zblob_deflate_run(z, in, len, NULL, 0, out, cause));
}

int
zblob_compress_base(const void *in, size_t len, const void *base,
    size_t blen, struct buf *out, char **cause)
{
	buf_reset(out);
	if (base == NULL || blen == 0 || blen > ZBLOB_BASE_MAX) {
		if (cause != NULL)
			*cause = xstrdup(_("no base to compress against"));
		return (-1);
	}
	return (zblob_deflate_run(&zblob_default, in, len, base, blen, out,
	    cause));
}

/*
 * A compressor that failed (ret) is ended and set up again next time;
 * the cause is fmt with zlib's reason.  -1.
 */
static int
zblob_stream_fail(z_stream *zs, int ret, const char *fmt, char **cause)
{
	if (cause != NULL)
		*cause = xasprintf(fmt, zblob_zmsg(zs, ret));
	deflateEnd(zs);
	memset(zs, 0, sizeof *zs);
	return (-1);
}

/*
 * Compress in with z: a zlib stream with the dictionary dict (blen bytes),
 * whose Adler-32 its header names, or a gzip stream without (dict NULL).
 */
static int
zblob_deflate_run(struct zblob_deflater *z, const void *in, size_t len,
    const void *dict, size_t dlen, struct buf *out, char **cause)
{
	z_stream		*zs;
	int			 ret;

	/*
	 * With a dictionary: a zlib stream, whose header names it.  The two
	 * compressors are kept and reset between blobs: setting one up
	 * allocates ~270 KB, which malloc maps and unmaps each time.
	 */
	zs = dict != NULL ? &z->zdict : &z->gzip;
	if (zs->state == NULL) {
		memset(zs, 0, sizeof *zs);
		ret = deflateInit2(zs, ZBLOB_LEVEL, Z_DEFLATED, dict != NULL ?
		    15 : ZBLOB_WBITS, ZBLOB_MEMLEVEL, Z_DEFAULT_STRATEGY);
	} else
		ret = deflateReset(zs);
	if (ret == Z_OK && dict != NULL)
		ret = deflateSetDictionary(zs, dict, (uInt)dlen);
	if (ret != Z_OK)
		return (zblob_stream_fail(zs, ret,
		    _("cannot start compression: %s"), cause));
	return (zblob_deflate_loop(zs, in, len, out, cause));
}

/* Set z->primed up with dictionary d unless it has it. */
static int
zblob_prime(struct zblob_deflater *z, const struct zdict *d, char **cause)
{
	z_stream	*zs = &z->primed;
	int		 ret;

	if (zs->state != NULL && z->primed_id == d->id)
		return (0);
	if (zs->state != NULL)
		deflateEnd(zs);
	memset(zs, 0, sizeof *zs);
	zs->zalloc = zblob_pool_alloc;
	zs->zfree = zblob_pool_free;
	zs->opaque = &z->pool;
	ret = deflateInit2(zs, ZBLOB_LEVEL, Z_DEFLATED, 15, ZBLOB_MEMLEVEL,
	    Z_DEFAULT_STRATEGY);
	if (ret == Z_OK)
		ret = deflateSetDictionary(zs, d->data, (uInt)d->len);
	if (ret != Z_OK)
		return (zblob_stream_fail(zs, ret,
		    _("cannot start compression: %s"), cause));
	z->primed_id = d->id;
	return (0);
}

/* Compress in with dictionary d: a copy of the primed stream does. */
static int
zblob_deflate_primed(struct zblob_deflater *z, const struct zdict *d,
    const void *in, size_t len, struct buf *out, char **cause)
{
	z_stream	*zs = &z->zdict;
	int		 ret;

	if (zblob_prime(z, d, cause) != 0)
		return (-1);
	if (zs->state != NULL)
		deflateEnd(zs);
	memset(zs, 0, sizeof *zs);
	if ((ret = deflateCopy(zs, &z->primed)) != Z_OK)
		return (zblob_stream_fail(zs, ret,
		    _("cannot start compression: %s"), cause));
	return (zblob_deflate_loop(zs, in, len, out, cause));
}

/* Run zs, set up, over in to its end. */
static int
zblob_deflate_loop(z_stream *zs, const void *in, size_t len, struct buf *out,
    char **cause)
{
	const unsigned char	*p = in;
	size_t			 left = len, room;
	int			 ret, flush;

	if (p == NULL && len != 0) {
		if (cause != NULL)
			*cause = xstrdup(_("no data to compress"));
		deflateEnd(zs);
		memset(zs, 0, sizeof *zs);
		return (-1);
	}
	do {
		zblob_feed(zs, &p, &left);
		flush = (left == 0) ? Z_FINISH : Z_NO_FLUSH;

		buf_reserve(out, ZBLOB_CHUNK);
		zs->next_out = (unsigned char *)out->data + out->len;
		zs->avail_out = ZBLOB_CHUNK;
		ret = deflate(zs, flush);
		room = ZBLOB_CHUNK - zs->avail_out;
		out->len += room;
		out->data[out->len] = '\0';

		/*
		 * Z_BUF_ERROR only says no progress was possible this call,
		 * which cannot last because both buffers are refilled above.
		 */
		if (ret != Z_OK && ret != Z_STREAM_END && ret != Z_BUF_ERROR) {
			buf_reset(out);
			return (zblob_stream_fail(zs, ret,
			    _("cannot compress: %s"), cause));
		}
	} while (ret != Z_STREAM_END);
	return (0);
}

/*
 * What inflate() returning ret means for the loop of zblob_inflate(): 1 go
 * on, 0 the stream ended where the blob does, -1 with *why set.  left is
 * the input not yet fed to zs.
 */
static int
zblob_inflate_next(z_stream *zs, int ret, size_t left, const void *base,
    size_t blen, char **why)
{
	const struct zdict	*d;

	switch (ret) {
	case Z_OK:
		return (1);
	case Z_NEED_DICT:
		if (base != NULL) {
			/* The header names the base by its Adler-32. */
			if (inflateSetDictionary(zs, base, (uInt)blen) !=
			    Z_OK) {
				*why = xstrdup(_("blob is corrupt: it was not "
				    "made against its base"));
				return (-1);
			}
			return (1);
		}
		if ((d = zblob_dict_find((uint32_t)zs->adler)) == NULL) {
			*why = xasprintf(_("blob needs compression dictionary "
			    "%08lx, which is not in the database"),
			    (unsigned long)zs->adler);
			return (-1);
		}
		if (inflateSetDictionary(zs, d->data, (uInt)d->len) != Z_OK) {
			*why = xstrdup(_("blob is corrupt: bad dictionary"));
			return (-1);
		}
		return (1);
	case Z_STREAM_END:
		if (zs->avail_in != 0 || left != 0) {
			*why = xstrdup(_("blob is corrupt: "
			    "data after the end of the gzip stream"));
			return (-1);
		}
		return (0);
	case Z_BUF_ERROR:
		/*
		 * There is always output room here, so no progress means zlib
		 * wants input that is not there.
		 */
		if (zs->avail_in == 0 && left == 0)
			*why = xstrdup(_("blob is truncated"));
		else
			*why = xasprintf(_("blob is corrupt: %s"),
			    zblob_zmsg(zs, ret));
		return (-1);
	case Z_MEM_ERROR:
		*why = xstrdup(_("out of memory inflating blob"));
		return (-1);
	default:
		/* Z_DATA_ERROR, Z_STREAM_ERROR. */
		*why = xasprintf(_("blob is corrupt: %s"), zblob_zmsg(zs, ret));
		return (-1);
	}
}

int
zblob_inflate(const void *in, size_t len, size_t cap, struct buf *out,
    char **cause)
{
	return (zblob_inflate_run(in, len, NULL, 0, cap, out, cause));
}

int
zblob_inflate_base(const void *in, size_t len, const void *base,
    size_t blen, size_t cap, struct buf *out, char **cause)
{
	if (base == NULL || blen == 0 || blen > ZBLOB_BASE_MAX) {
		buf_reset(out);
		if (cause != NULL)
			*cause = xstrdup(_("blob is corrupt: bad base"));
		return (-1);
	}
	return (zblob_inflate_run(in, len, base, blen, cap, out, cause));
}

/*
 * Inflate in into out, at most cap bytes; a zlib stream's dictionary is
 * base (blen bytes) when given, else the registered one its header names.
 */
static int
zblob_inflate_run(const void *in, size_t len, const void *base, size_t blen,
    size_t cap, struct buf *out, char **cause)
{
	z_stream		 zs;
	const unsigned char	*p = in;
	size_t			 left = len, limit, want, room;
	int			 ret, started = 0, zlib;
	char			*why = NULL;

	buf_reset(out);
	memset(&zs, 0, sizeof zs);

	if (p == NULL || len == 0) {
		why = xstrdup(_("blob is empty"));
		goto out;
	}

	/*
	 * Check the magic first so that something which is not a blob at all
	 * is reported as such rather than as a "corrupt" stream: gzip, or a
	 * zlib stream with a preset dictionary (deflate, 32K window, header
	 * check, FDICT).  A one-byte blob that starts correctly is just the
	 * front of one.
	 */
	zlib = p[0] == 0x78 && (len == 1 || ((p[1] & 0x20) != 0 &&
	    ((unsigned)p[0] * 256 + p[1]) % 31 == 0));
	if (!zlib && (p[0] != 0x1f || (len > 1 && p[1] != 0x8b))) {
		why = xstrdup(_("blob is not a gzip stream"));
		goto out;
	}

	/* A bare zlib stream without a dictionary or raw deflate is not. */
	ret = inflateInit2(&zs, zlib ? 15 : ZBLOB_WBITS);
	if (ret != Z_OK) {
		why = xasprintf(_("cannot start decompression: %s"),
		    zblob_zmsg(&zs, ret));
		goto out;
	}
	started = 1;

	/*
	 * Let zlib write one byte past the cap: if it does, the blob is too
	 * big, and nothing more than cap + 1 bytes (and a chunk of slack) was
	 * ever allocated for it.
	 */
	limit = (cap == (size_t)-1) ? cap : cap + 1;

	for (;;) {
		zblob_feed(&zs, &p, &left);

		want = limit - out->len;
		if (want > ZBLOB_CHUNK)
			want = ZBLOB_CHUNK;
		buf_reserve(out, want);
		zs.next_out = (unsigned char *)out->data + out->len;
		zs.avail_out = (uInt)want;
		ret = inflate(&zs, Z_NO_FLUSH);
		room = want - zs.avail_out;
		out->len += room;
		out->data[out->len] = '\0';

		if (out->len > cap) {
			why = xasprintf(_("blob inflates past %zu bytes"), cap);
			goto out;
		}

		if (zblob_inflate_next(&zs, ret, left, base, blen,
		    &why) != 1)
			goto out;
	}

out:
	if (started)
		inflateEnd(&zs);
	if (why != NULL) {
		buf_reset(out);
		if (cause != NULL)
			*cause = why;
		else
			free(why);
		return (-1);
	}
	return (0);
}

int
zblob_verify(const void *in, size_t len, const char *hash, size_t cap,
    struct buf *out, char **cause)
{
	char	got[HASH_HEX_LEN + 1];

	if (zblob_inflate(in, len, cap, out, cause) != 0)
		return (-1);

	if (hash_sha256_hex(out->data, out->len, got) != 0) {
		buf_reset(out);
		if (cause != NULL)
			*cause = xstrdup(_("cannot hash blob content"));
		return (-1);
	}
	if (hash == NULL || strcmp(got, hash) != 0) {
		buf_reset(out);
		if (cause != NULL) {
			*cause = xstrdup(
			    _("blob content does not match its hash"));
		}
		return (-1);
	}
	return (0);
}

void
zblob_split_pack(const size_t *at, size_t n, int delta, const void *z,
    size_t zlen, struct buf *out)
{
	unsigned char	b;
	size_t		i, v;

	buf_reset(out);
	b = delta ? ZBLOB_SPLIT_DELTA : ZBLOB_SPLIT_VERSION;
	buf_add(out, &b, 1);
	b = (unsigned char)n;
	buf_add(out, &b, 1);
	for (i = 0; i < n; i++) {
		v = at[i];
		do {
			b = v & 0x7f;
			v >>= 7;
			if (v != 0)
				b |= 0x80;
			buf_add(out, &b, 1);
		} while (v != 0);
	}
	buf_add(out, z, zlen);
}

int
zblob_split_read(const void *in, size_t len, size_t *at, size_t *n,
    int *delta, size_t *zoff, char **cause)
{
	const unsigned char	*p = in;
	size_t			 i, k, shift, v;

	if (len < 2 || (p[0] != ZBLOB_SPLIT_VERSION &&
	    p[0] != ZBLOB_SPLIT_DELTA) || p[1] == 0 || p[1] > ZBLOB_PARTS)
		goto bad;
	*delta = p[0] == ZBLOB_SPLIT_DELTA;
	*n = p[1];
	for (i = 2, k = 0; k < *n; k++) {
		v = 0;
		for (shift = 0; ; shift += 7) {
			if (i >= len || shift > 28)
				goto bad;
			v |= (size_t)(p[i] & 0x7f) << shift;
			if ((p[i++] & 0x80) == 0)
				break;
		}
		at[k] = v;
	}
	*zoff = i;
	return (0);
bad:
	if (cause != NULL)
		*cause = xstrdup(_("blob is corrupt: bad split header"));
	return (-1);
}
