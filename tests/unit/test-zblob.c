/*
 * test-zblob: compressed blobs (src/codec/zblob.c): gzip round trips of
 * every size with the frame checked independently, the inflate cap and
 * decompression bombs, truncated, corrupt, trailing and random input,
 * verification against the content hash, and preset dictionaries; split
 * blobs: the header, and cutting a canonical object's members out and
 * putting them back (codec/canon.h).
 */
#include "config.h"

#include "unit.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "codec/zblob.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* The SHA-256 of no bytes (FIPS 180-2). */
#define SHA_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

/* A deterministic byte source (xorshift64) for "random-ish" data. */
static uint64_t
xorshift64(uint64_t *state)
{
	uint64_t	x = *state;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return (x);
}

static unsigned char *
random_bytes(size_t len, uint64_t seed)
{
	unsigned char	*p;
	size_t		 i;

	p = xmalloc(len);
	for (i = 0; i < len; i++)
		p[i] = (unsigned char)(xorshift64(&seed) >> 32);
	return (p);
}

static void
compress_ok(const void *data, size_t len, struct buf *blob)
{
	char	*cause = NULL;

	if (zblob_compress(data, len, blob, &cause) != 0)
		fail_msg("zblob_compress: %s", cause);
	assert_null(cause);
}

/* Run zblob_inflate expecting failure; return the cause for checking. */
static char *
inflate_fails(const void *data, size_t len, size_t cap)
{
	struct buf	 out = BUF_INIT;
	char		*cause = NULL;

	assert_int_equal(zblob_inflate(data, len, cap, &out, &cause), -1);
	assert_non_null(cause);
	assert_int_equal(out.len, 0);
	buf_free(&out);
	return (cause);
}

/*
 * Check a blob independently of zblob_inflate: gzip magic and deflate
 * method at the front, CRC-32 and length of the content in the trailer.
 */
static void
check_gzip_frame(const struct buf *blob, const void *data, size_t len)
{
	const unsigned char	*b = (const unsigned char *)blob->data;
	const unsigned char	*t;
	uLong			 crc;

	assert_true(blob->len >= 18);
	assert_int_equal(b[0], 0x1f);
	assert_int_equal(b[1], 0x8b);
	assert_int_equal(b[2], 8);

	t = b + blob->len - 8;
	crc = crc32(0L, Z_NULL, 0);
	crc = crc32(crc, (const Bytef *)data, (uInt)len);
	assert_int_equal((uint32_t)t[0] | (uint32_t)t[1] << 8 |
	    (uint32_t)t[2] << 16 | (uint32_t)t[3] << 24, (uint32_t)crc);
	assert_int_equal((uint32_t)t[4] | (uint32_t)t[5] << 8 |
	    (uint32_t)t[6] << 16 | (uint32_t)t[7] << 24,
	    (uint32_t)(len & 0xffffffffu));
}

static void
round_trip(const void *data, size_t len)
{
	struct buf	 blob = BUF_INIT, out = BUF_INIT;
	char		*cause = NULL;

	compress_ok(data, len, &blob);
	check_gzip_frame(&blob, data, len);

	if (zblob_inflate(blob.data, blob.len, len, &out, &cause) != 0)
		fail_msg("zblob_inflate: %s", cause);
	assert_int_equal(out.len, len);
	if (len != 0)
		assert_memory_equal(out.data, data, len);
	assert_int_equal(buf_str(&out)[len], '\0');

	buf_free(&blob);
	buf_free(&out);
}

static void
test_zblob_round_trip_small(void **state)
{
	static const char	text[] = "{\"data\":[{\"id\":\"liquid/lfm-7b\"}]}";

	(void)state;
	round_trip(text, strlen(text));
	round_trip("x", 1);
}

static void
test_zblob_round_trip_empty(void **state)
{
	(void)state;
	round_trip("", 0);
	round_trip(NULL, 0);
}

static void
test_zblob_round_trip_large(void **state)
{
	unsigned char	*p;
	size_t		 len = 1024 * 1024, i;

	(void)state;
	/* Incompressible, so the output crosses many chunk boundaries. */
	p = random_bytes(len, 0x9e3779b97f4a7c15ULL);
	round_trip(p, len);

	/* Highly compressible, with a period that is not a chunk size. */
	for (i = 0; i < len; i++)
		p[i] = (unsigned char)("orbrowse model catalogue "[i % 25]);
	round_trip(p, len);
	free(p);
}

static void
test_zblob_compress_resets(void **state)
{
	struct buf	 blob = BUF_INIT, out = BUF_INIT;
	char		*cause = NULL;

	(void)state;
	buf_addstr(&blob, "stale bytes");
	compress_ok("abc", 3, &blob);
	assert_int_equal((unsigned char)blob.data[0], 0x1f);

	buf_addstr(&out, "stale bytes");
	assert_int_equal(zblob_inflate(blob.data, blob.len, 3, &out, &cause),
	    0);
	assert_int_equal(out.len, 3);
	assert_string_equal(out.data, "abc");
	buf_free(&blob);
	buf_free(&out);
}

static void
test_zblob_cap(void **state)
{
	struct buf	 blob = BUF_INIT, out = BUF_INIT;
	unsigned char	*p;
	char		*cause;
	size_t		 len = 1000;

	(void)state;
	p = random_bytes(len, 42);
	compress_ok(p, len, &blob);

	/* Exactly the cap is allowed. */
	cause = NULL;
	assert_int_equal(zblob_inflate(blob.data, blob.len, len, &out, &cause),
	    0);
	assert_int_equal(out.len, len);

	/* One byte fewer is refused. */
	cause = inflate_fails(blob.data, blob.len, len - 1);
	assert_string_equal(cause, "blob inflates past 999 bytes");
	free(cause);

	/* A zero cap admits only the empty blob. */
	cause = inflate_fails(blob.data, blob.len, 0);
	assert_string_equal(cause, "blob inflates past 0 bytes");
	free(cause);
	compress_ok("", 0, &blob);
	assert_int_equal(zblob_inflate(blob.data, blob.len, 0, &out, &cause),
	    0);
	assert_int_equal(out.len, 0);

	free(p);
	buf_free(&blob);
	buf_free(&out);
}

static void
test_zblob_bomb(void **state)
{
	struct buf	 blob = BUF_INIT, out = BUF_INIT;
	unsigned char	*p;
	char		*cause = NULL;
	size_t		 len = 16 * 1024 * 1024, cap = 1024 * 1024;

	(void)state;
	p = xcalloc(1, len);
	compress_ok(p, len, &blob);
	free(p);
	assert_true(blob.len < 64 * 1024);

	assert_int_equal(zblob_inflate(blob.data, blob.len, cap, &out, &cause),
	    -1);
	assert_string_equal(cause, "blob inflates past 1048576 bytes");
	free(cause);
	/* It stopped early: memory stayed near the cap, not the content. */
	assert_true(out.cap <= 2 * cap + 1);
	buf_free(&out);
	buf_free(&blob);
}

static void
test_zblob_truncated(void **state)
{
	struct buf	 blob = BUF_INIT;
	unsigned char	*p;
	char		*cause;
	size_t		 len = 20000, cut;

	(void)state;
	p = random_bytes(len, 7);
	compress_ok(p, len, &blob);

	cause = inflate_fails(blob.data, blob.len / 2, len);
	assert_string_equal(cause, "blob is truncated");
	free(cause);

	/* Every proper prefix, down to one byte, is a truncated blob. */
	for (cut = 1; cut < blob.len; cut++) {
		cause = inflate_fails(blob.data, cut, len);
		if (strcmp(cause, "blob is truncated") != 0)
			fail_msg("cut at %zu: %s", cut, cause);
		free(cause);
	}
	free(p);
	buf_free(&blob);
}

static void
test_zblob_corrupt(void **state)
{
	struct buf	 blob = BUF_INIT;
	unsigned char	*p, *b, save;
	char		*cause;
	size_t		 len = 5000;

	(void)state;
	p = random_bytes(len, 99);
	compress_ok(p, len, &blob);
	b = (unsigned char *)blob.data;

	/* A flipped CRC: the data inflates but fails its check. */
	b[blob.len - 6] ^= 0xff;
	cause = inflate_fails(blob.data, blob.len, len);
	assert_string_equal(cause, "blob is corrupt: incorrect data check");
	free(cause);
	b[blob.len - 6] ^= 0xff;

	/* A wrong length in the trailer. */
	b[blob.len - 4] ^= 0x01;
	cause = inflate_fails(blob.data, blob.len, len);
	assert_string_equal(cause, "blob is corrupt: incorrect length check");
	free(cause);
	b[blob.len - 4] ^= 0x01;

	/*
	 * The first deflate block header follows the ten-byte gzip header;
	 * block type 3 is reserved and never valid.
	 */
	save = b[10];
	b[10] = 0x07;
	cause = inflate_fails(blob.data, blob.len, len);
	assert_string_equal(cause, "blob is corrupt: invalid block type");
	free(cause);
	b[10] = save;

	/* A bad compression method in the gzip header. */
	b[2] = 7;
	cause = inflate_fails(blob.data, blob.len, len);
	assert_string_equal(cause, "blob is corrupt: unknown compression method");
	free(cause);
	b[2] = 8;

	/* Not gzip at all. */
	b[1] = 0x8c;
	cause = inflate_fails(blob.data, blob.len, len);
	assert_string_equal(cause, "blob is not a gzip stream");
	free(cause);
	b[1] = 0x8b;

	free(p);
	buf_free(&blob);
}

static void
test_zblob_trailing(void **state)
{
	struct buf	 blob = BUF_INIT;
	char		*cause;

	(void)state;
	compress_ok("abc", 3, &blob);
	buf_addch(&blob, 'x');
	cause = inflate_fails(blob.data, blob.len, 100);
	assert_string_equal(cause,
	    "blob is corrupt: data after the end of the gzip stream");
	free(cause);
	buf_free(&blob);
}

static void
test_zblob_garbage(void **state)
{
	struct buf	 out = BUF_INIT;
	unsigned char	*p;
	char		*cause;
	size_t		 len;
	uint64_t	 seed = 1;
	int		 i, r;

	(void)state;
	for (i = 0; i < 2000; i++) {
		len = 1 + (size_t)(xorshift64(&seed) % 512);
		p = random_bytes(len, xorshift64(&seed));

		/* Half with a plausible gzip header, to reach inflate. */
		if (i % 2 == 0 && len >= 10) {
			p[0] = 0x1f;
			p[1] = 0x8b;
			p[2] = 8;
			p[3] = 0;
		}
		cause = NULL;
		r = zblob_inflate(p, len, 4096, &out, &cause);
		if (r == 0) {
			assert_null(cause);
			assert_true(out.len <= 4096);
		} else {
			assert_int_equal(r, -1);
			assert_non_null(cause);
			assert_int_equal(out.len, 0);
			if (i % 2 != 0 && p[0] != 0x1f)
				assert_string_equal(cause,
				    "blob is not a gzip stream");
			free(cause);
		}
		free(p);
	}
	buf_free(&out);
}

static void
test_zblob_empty_input(void **state)
{
	char	*cause;

	(void)state;
	cause = inflate_fails("", 0, 100);
	assert_string_equal(cause, "blob is empty");
	free(cause);
	cause = inflate_fails(NULL, 0, 100);
	assert_string_equal(cause, "blob is empty");
	free(cause);
}

static void
test_zblob_verify(void **state)
{
	static const char	 text[] = "{\"a\":1}";
	struct buf		 blob = BUF_INIT, out = BUF_INIT;
	char			 hash[HASH_HEX_LEN + 1];
	char			*cause = NULL;

	(void)state;
	compress_ok(text, strlen(text), &blob);
	assert_int_equal(hash_sha256_hex(text, strlen(text), hash), 0);

	if (zblob_verify(blob.data, blob.len, hash, ZBLOB_CAP, &out,
	    &cause) != 0)
		fail_msg("zblob_verify: %s", cause);
	assert_string_equal(out.data, text);

	/* One digit off. */
	hash[0] = hash[0] == '0' ? '1' : '0';
	assert_int_equal(zblob_verify(blob.data, blob.len, hash, ZBLOB_CAP,
	    &out, &cause), -1);
	assert_string_equal(cause, "blob content does not match its hash");
	assert_int_equal(out.len, 0);
	free(cause);

	/* The hash of the compressed bytes is not the content hash. */
	assert_int_equal(hash_sha256_hex(blob.data, blob.len, hash), 0);
	assert_int_equal(zblob_verify(blob.data, blob.len, hash, ZBLOB_CAP,
	    &out, &cause), -1);
	assert_string_equal(cause, "blob content does not match its hash");
	free(cause);

	/* A broken blob reports the inflate failure, not a mismatch. */
	assert_int_equal(hash_sha256_hex(text, strlen(text), hash), 0);
	assert_int_equal(zblob_verify(blob.data, blob.len - 3, hash,
	    ZBLOB_CAP, &out, &cause), -1);
	assert_string_equal(cause, "blob is truncated");
	free(cause);

	/* The empty content verifies against the empty hash. */
	compress_ok("", 0, &blob);
	assert_int_equal(zblob_verify(blob.data, blob.len, SHA_EMPTY,
	    ZBLOB_CAP, &out, &cause), 0);
	assert_int_equal(out.len, 0);

	buf_free(&blob);
	buf_free(&out);
}

/* A preset dictionary: zlib format named by DICTID, smaller, readable. */
static void
test_zblob_dict(void **state)
{
	static const char	 sample[] = "{\"context_length\":131072,"
	    "\"data_policy\":{\"retainsPrompts\":false,\"training\":false},"
	    "\"is_free\":false,\"pricing\":{\"completion\":\"0.0000006\","
	    "\"prompt\":\"0.00000015\"},\"provider_name\":\"Nimbus\","
	    "\"quantization\":\"fp8\",\"supported_parameters\":[\"max_tokens\","
	    "\"temperature\",\"top_p\",\"stop\"]}";
	static const char	 obj[] = "{\"context_length\":65536,"
	    "\"data_policy\":{\"retainsPrompts\":true,\"training\":false},"
	    "\"is_free\":true,\"pricing\":{\"completion\":\"0\","
	    "\"prompt\":\"0\"},\"provider_name\":\"Tessera\","
	    "\"quantization\":\"bf16\",\"supported_parameters\":[\"max_tokens\","
	    "\"temperature\",\"top_p\"]}";
	struct buf		 gz = BUF_INIT, zd = BUF_INIT, out = BUF_INIT;
	char			*cause = NULL, hash[HASH_HEX_LEN + 1];
	uint32_t		 id, id2;
	const unsigned char	*p;

	(void)state;
	zblob_dict_clear();
	id = zblob_dict_add(sample, sizeof sample - 1);
	assert_int_not_equal(id, 0);
	/* Content-addressed: the same bytes are the same dictionary. */
	id2 = zblob_dict_add(sample, sizeof sample - 1);
	assert_int_equal(id, id2);
	assert_int_equal(zblob_compress(obj, sizeof obj - 1, &gz, &cause), 0);
	assert_int_equal(zblob_compress_dict(obj, sizeof obj - 1, id, &zd,
	    &cause), 0);
	assert_true(zd.len < gz.len);
	/* The zlib header has FDICT and then the DICTID, big-endian. */
	p = (const unsigned char *)zd.data;
	assert_int_equal(p[0], 0x78);
	assert_true(p[1] & 0x20);
	assert_int_equal(((uint32_t)p[2] << 24 | (uint32_t)p[3] << 16 |
	    (uint32_t)p[4] << 8 | p[5]), id);
	assert_true(zblob_codec_known(ZBLOB_CODEC));
	assert_true(zblob_codec_known(ZBLOB_CODEC_DICT));
	assert_false(zblob_codec_known("br"));

	assert_int_equal(hash_sha256_hex(obj, sizeof obj - 1, hash), 0);
	assert_int_equal(zblob_verify(zd.data, zd.len, hash, ZBLOB_CAP, &out,
	    &cause), 0);
	assert_int_equal(out.len, sizeof obj - 1);
	assert_memory_equal(out.data, obj, out.len);
	/* gzip blobs stay readable next to dictionary blobs. */
	assert_int_equal(zblob_verify(gz.data, gz.len, hash, ZBLOB_CAP, &out,
	    &cause), 0);

	/* Without its dictionary a blob says which one it needs. */
	zblob_dict_clear();
	assert_int_equal(zblob_inflate(zd.data, zd.len, ZBLOB_CAP, &out,
	    &cause), -1);
	assert_non_null(strstr(cause, "needs compression dictionary"));
	free(cause);
	cause = NULL;
	assert_int_equal(zblob_compress_dict(obj, sizeof obj - 1, id, &zd,
	    &cause), -1);
	free(cause);
	/* A zlib stream without a dictionary is not a blob. */
	buf_reset(&zd);
	buf_add(&zd, "\x78\x9c\x03\x00\x00\x00\x00\x01", 8);
	cause = NULL;
	assert_int_equal(zblob_inflate(zd.data, zd.len, ZBLOB_CAP, &out,
	    &cause), -1);
	assert_non_null(strstr(cause, "not a gzip stream"));
	free(cause);
	buf_free(&gz);
	buf_free(&zd);
	buf_free(&out);
}


/* zlib itself, dictionary set on a fresh stream, zblob's settings. */
static void
zlib_dict_deflate(const char *in, size_t len, const char *dict, size_t dlen,
    struct buf *out)
{
	z_stream	zs;

	memset(&zs, 0, sizeof zs);
	assert_int_equal(deflateInit2(&zs, 6, Z_DEFLATED, 15, 7,
	    Z_DEFAULT_STRATEGY), Z_OK);
	assert_int_equal(deflateSetDictionary(&zs, (const Bytef *)dict,
	    (uInt)dlen), Z_OK);
	buf_reset(out);
	buf_reserve(out, deflateBound(&zs, (uLong)len) + 64);
	zs.next_in = (Bytef *)(uintptr_t)in;
	zs.avail_in = (uInt)len;
	zs.next_out = (Bytef *)out->data;
	zs.avail_out = (uInt)(deflateBound(&zs, (uLong)len) + 64);
	assert_int_equal(deflate(&zs, Z_FINISH), Z_STREAM_END);
	out->len = zs.total_out;
	deflateEnd(&zs);
}

/*
 * Each blob with a dictionary is compressed by a copy of a stream primed
 * with it: the bytes are zlib's with the dictionary set on a fresh
 * stream, blob after blob, when the dictionary changes and back, and
 * after a delta used the same compressor.
 */
static void
test_zblob_dict_primed(void **state)
{
	static const char	 d1[] = "{\"context_length\":131072,\"pricing\":"
	    "{\"completion\":\"0.0000006\",\"prompt\":\"0.00000015\"},"
	    "\"provider_name\":\"Nimbus\",\"quantization\":\"fp8\"}";
	static const char	 d2[] = "\"supported_parameters\":[\"max_tokens\","
	    "\"temperature\",\"top_p\",\"stop\",\"tools\"],\"status\":0";
	struct zblob_deflater	*z;
	struct buf		 got = BUF_INIT, want = BUF_INIT, out = BUF_INIT;
	char			*cause = NULL, *obj;
	uint32_t		 id1, id2;
	int			 i;

	(void)state;
	zblob_dict_clear();
	id1 = zblob_dict_add(d1, sizeof d1 - 1);
	id2 = zblob_dict_add(d2, sizeof d2 - 1);
	z = zblob_deflater_new();
	for (i = 0; i < 300; i++) {
		obj = xasprintf("{\"context_length\":%d,\"pricing\":{\"prompt\":"
		    "\"0.000%04d\"},\"provider_name\":\"P%d\",\"status\":%d}",
		    1024 * i, i, i % 7, i % 3);
		/* Every tenth blob switches dictionaries, then back. */
		if (i % 10 == 9) {
			assert_int_equal(zblob_compress_with(z, obj,
			    strlen(obj), id2, &got, &cause), 0);
			zlib_dict_deflate(obj, strlen(obj), d2, sizeof d2 - 1,
			    &want);
		} else {
			assert_int_equal(zblob_compress_with(z, obj,
			    strlen(obj), id1, &got, &cause), 0);
			zlib_dict_deflate(obj, strlen(obj), d1, sizeof d1 - 1,
			    &want);
		}
		assert_int_equal(got.len, want.len);
		assert_memory_equal(got.data, want.data, got.len);
		/* The default compressor, a delta between. */
		if (i % 50 == 0) {
			assert_int_equal(zblob_compress_base(obj, strlen(obj),
			    d2, sizeof d2 - 1, &out, &cause), 0);
			assert_int_equal(zblob_inflate_base(out.data, out.len,
			    d2, sizeof d2 - 1, ZBLOB_CAP, &got, &cause), 0);
			assert_memory_equal(got.data, obj, strlen(obj));
			assert_int_equal(zblob_compress_dict(obj, strlen(obj),
			    id1, &got, &cause), 0);
			zlib_dict_deflate(obj, strlen(obj), d1, sizeof d1 - 1,
			    &want);
			assert_int_equal(got.len, want.len);
			assert_memory_equal(got.data, want.data, got.len);
		}
		assert_int_equal(zblob_inflate(got.data, got.len, ZBLOB_CAP,
		    &out, &cause), 0);
		assert_int_equal(out.len, strlen(obj));
		assert_memory_equal(out.data, obj, out.len);
		free(obj);
	}
	zblob_deflater_free(z);
	zblob_dict_clear();
	buf_free(&got);
	buf_free(&want);
	buf_free(&out);
}

/* The header round trip, places of every width; bad headers refused. */
static void
test_zblob_split_header(void **state)
{
	static const size_t	 places[][2] = { { 0, 0 }, { 1, 127 },
	    { 128, 16383 }, { 16384, 2097151 }, { 2097152, 60000000 } };
	struct buf		 b = BUF_INIT;
	size_t			 at[ZBLOB_PARTS], n, zoff, i;
	int			 delta, d;
	char			*cause = NULL;

	(void)state;
	for (i = 0; i < 2 * sizeof places / sizeof places[0]; i++) {
		d = (int)(i & 1);
		zblob_split_pack(places[i / 2], 2, d, "\x1f\x8b", 2, &b);
		assert_int_equal(((unsigned char *)b.data)[0], d ? 2 : 1);
		assert_int_equal(zblob_split_read(b.data, b.len, at, &n,
		    &delta, &zoff, &cause), 0);
		assert_int_equal(delta, d);
		assert_int_equal(n, 2);
		assert_int_equal(at[0], places[i / 2][0]);
		assert_int_equal(at[1], places[i / 2][1]);
		assert_int_equal(zoff, b.len - 2);
		assert_memory_equal(b.data + zoff, "\x1f\x8b", 2);
	}
	/* Not version 1 or 2; no part; too many; a place cut short. */
	assert_int_equal(zblob_split_read("\x03\x01\x00", 3, at, &n, &delta,
	    &zoff, &cause), -1);
	assert_string_equal(cause, "blob is corrupt: bad split header");
	free(cause);
	assert_int_equal(zblob_split_read("\x00\x01\x00", 3, at, &n, &delta,
	    &zoff, NULL), -1);
	assert_int_equal(zblob_split_read("\x01\x00", 2, at, &n, &delta, &zoff,
	    NULL), -1);
	assert_int_equal(zblob_split_read("\x02\x03\x00\x00\x00", 5, at, &n,
	    &delta, &zoff, NULL), -1);
	assert_int_equal(zblob_split_read("\x01\x01\x80", 3, at, &n, &delta,
	    &zoff, NULL), -1);
	assert_int_equal(zblob_split_read("\x01", 1, at, &n, &delta, &zoff,
	    NULL), -1);
	buf_free(&b);
}

/*
 * A stream made against a base: it inflates with that base only (another
 * base, even one a byte off, is refused), is far smaller than without it
 * when the text is close to the base, and bad bases are refused.
 */
static void
test_zblob_base(void **state)
{
	static const char	 base[] = "{\"id\":\"6f1c0a52-93b1-4c55-a0d7-"
	    "1d1a4c3b9e10\",\"name\":\"Lumen | lumen/orca-2\","
	    "\"pricing\":{\"completion\":\"0.000002\",\"prompt\":"
	    "\"0.0000005\"},\"stats\":{\"p50_latency\":412,"
	    "\"p50_throughput\":88.5}}";
	static const char	 next[] = "{\"id\":\"6f1c0a52-93b1-4c55-a0d7-"
	    "1d1a4c3b9e10\",\"name\":\"Lumen | lumen/orca-2\","
	    "\"pricing\":{\"completion\":\"0.000002\",\"prompt\":"
	    "\"0.0000004\"},\"stats\":{\"p50_latency\":397,"
	    "\"p50_throughput\":91.25}}";
	struct buf		 z = BUF_INIT, plain = BUF_INIT, out = BUF_INIT;
	char			 other[sizeof base];
	char			*cause = NULL, *big;

	(void)state;
	assert_int_equal(zblob_compress_base(next, strlen(next), base,
	    strlen(base), &z, &cause), 0);
	assert_int_equal(zblob_compress(next, strlen(next), &plain, NULL), 0);
	assert_true(z.len * 2 < plain.len);
	assert_int_equal(zblob_inflate_base(z.data, z.len, base, strlen(base),
	    ZBLOB_CAP, &out, &cause), 0);
	assert_int_equal(out.len, strlen(next));
	assert_memory_equal(out.data, next, out.len);
	/* Another base. */
	memcpy(other, base, sizeof base);
	other[10] = 'x';
	assert_int_equal(zblob_inflate_base(z.data, z.len, other,
	    strlen(other), ZBLOB_CAP, &out, &cause), -1);
	assert_string_equal(cause,
	    "blob is corrupt: it was not made against its base");
	free(cause);
	assert_int_equal(out.len, 0);
	/* Without one: no registered dictionary has its id. */
	assert_int_equal(zblob_inflate(z.data, z.len, ZBLOB_CAP, &out,
	    &cause), -1);
	assert_non_null(strstr(cause, "compression dictionary"));
	free(cause);
	/* The cap holds; no base, or one too long to be whole in a window. */
	assert_int_equal(zblob_inflate_base(z.data, z.len, base, strlen(base),
	    10, &out, NULL), -1);
	assert_int_equal(zblob_inflate_base(z.data, z.len, NULL, 0, ZBLOB_CAP,
	    &out, NULL), -1);
	assert_int_equal(zblob_compress_base(next, strlen(next), base, 0, &z,
	    NULL), -1);
	assert_int_equal(zblob_compress_base(next, strlen(next), base,
	    ZBLOB_BASE_MAX + 1, &z, NULL), -1);
	/* A base of ZBLOB_BASE_MAX bytes is whole in the window: its end
	 * as much as its start is matched. */
	big = xmalloc(ZBLOB_BASE_MAX);
	memset(big, 'x', ZBLOB_BASE_MAX);
	memcpy(big, next, strlen(next));
	memcpy(big + ZBLOB_BASE_MAX - strlen(base), base, strlen(base));
	assert_int_equal(zblob_compress_base(next, strlen(next), big,
	    ZBLOB_BASE_MAX, &z, &cause), 0);
	assert_int_equal(zblob_inflate_base(z.data, z.len, big,
	    ZBLOB_BASE_MAX, ZBLOB_CAP, &out, &cause), 0);
	assert_int_equal(out.len, strlen(next));
	assert_memory_equal(out.data, next, out.len);
	assert_true(z.len * 2 < plain.len);
	free(big);
	buf_free(&z);
	buf_free(&plain);
	buf_free(&out);
}

static const char *const split_keys[] = { "model", "provider_info", NULL };

/* Split c, check the parts are the members' own canonical form, splice. */
static size_t
split_round_trip(const char *text, const char **want)
{
	struct canon_span	 parts[CANON_PARTS];
	struct buf		 c = BUF_INIT, skel = BUF_INIT, out = BUF_INIT;
	struct buf		 pb[CANON_PARTS];
	size_t			 n, i, at[CANON_PARTS];
	json_t			*v;

	v = unit_parse(text);
	assert_int_equal(canon_dump(v, &c), 0);
	n = canon_split(c.data, c.len, split_keys, parts);
	for (i = 0; i < n; i++) {
		buf_init(&pb[i]);
		assert_int_equal(canon_dump(json_object_get(v, want[i]),
		    &pb[i]), 0);
		assert_int_equal(parts[i].len, pb[i].len);
		assert_memory_equal(c.data + parts[i].off, pb[i].data,
		    pb[i].len);
	}
	canon_skeleton(c.data, c.len, parts, n, &skel, at);
	assert_int_equal(canon_splice(skel.data, skel.len, at, pb, n, &out),
	    0);
	assert_int_equal(out.len, c.len);
	assert_memory_equal(out.data, c.data, c.len);
	for (i = 0; i < n; i++)
		buf_free(&pb[i]);
	buf_free(&c);
	buf_free(&skel);
	buf_free(&out);
	json_decref(v);
	return (n);
}

#define BIGS "\"0123456789012345678901234567890123456789"	\
	"012345678901234567890123456789\""
#define BIG "\"x\": " BIGS

static void
test_zblob_split_canon(void **state)
{
	const char	*both[] = { "model", "provider_info" };
	const char	*model[] = { "model" };
	const char	*prov[] = { "provider_info" };

	(void)state;
	/* Strings that look like structure, keys before and after. */
	assert_int_equal(split_round_trip("{\"a\": \"}\\\"model\\\":{\","
	    " \"model\": {" BIG ", \"y\": [\"]\", {\"model\": {}}]},"
	    " \"n\": 1.5, \"provider_info\": {" BIG ", \"q\": \"\\\\\"},"
	    " \"z\": [1, {\"provider_info\": {" BIG "}}]}", both), 2);
	/* A small member is not worth a blob; nor one that is no object. */
	assert_int_equal(split_round_trip("{\"model\": {\"slug\": \"a\"},"
	    " \"provider_info\": {" BIG "}}", prov), 1);
	assert_int_equal(split_round_trip("{\"model\": [" BIGS ", " BIGS "],"
	    " \"provider_info\": " BIGS "}", NULL), 0);
	/* Only top-level members; the last member. */
	assert_int_equal(split_round_trip("{\"e\": {\"model\": {" BIG "}},"
	    " \"model\": {" BIG "}}", model), 1);
	/* Not an object at all. */
	assert_int_equal(split_round_trip("[{\"model\": {" BIG "}}]", NULL),
	    0);
	assert_int_equal(split_round_trip("{}", NULL), 0);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_zblob_round_trip_small),
		cmocka_unit_test(test_zblob_round_trip_empty),
		cmocka_unit_test(test_zblob_round_trip_large),
		cmocka_unit_test(test_zblob_compress_resets),
		cmocka_unit_test(test_zblob_cap),
		cmocka_unit_test(test_zblob_bomb),
		cmocka_unit_test(test_zblob_truncated),
		cmocka_unit_test(test_zblob_corrupt),
		cmocka_unit_test(test_zblob_trailing),
		cmocka_unit_test(test_zblob_garbage),
		cmocka_unit_test(test_zblob_dict),
		cmocka_unit_test(test_zblob_dict_primed),
		cmocka_unit_test(test_zblob_empty_input),
		cmocka_unit_test(test_zblob_verify),
		cmocka_unit_test(test_zblob_split_header),
		cmocka_unit_test(test_zblob_base),
		cmocka_unit_test(test_zblob_split_canon),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
