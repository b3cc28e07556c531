/*
 * fuzz-inflate: zblob_inflate() and zblob_verify() on arbitrary bytes, gzip
 * blobs and zlib blobs with a preset dictionary alike; zblob_inflate_base()
 * (a delta's stream) and zblob_split_read() (a split blob's header) too.
 *
 * None may crash or grow past the cap.  When the input does inflate, the
 * result must verify against its own hash, fail against any other, and
 * survive a compress/inflate round trip unchanged: as gzip, with the
 * dictionary (whose compressor is kept from one input to the next), and
 * against a base, which another base cannot inflate.
 */
#include "config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "codec/hash.h"
#include "codec/zblob.h"
#include "util/buf.h"

/*
 * Two zlib chunks (ZBLOB_CHUNK, 64 KiB) and a bit: the cap falls inside a
 * chunk, and a bomb costs little.  A 1 MiB cap made each bomb the fuzzer
 * found take 75 ms and slowed it to under 100 runs a second.
 */
#define FUZZ_CAP	(2 * 64 * 1024 + 100)

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/*
 * The dictionary registered before the first input, like one a database
 * holds.  corpus.py compresses its "zdict" seeds with the bytes of the
 * string literals between the FUZZ_ZDICT markers: keep them there.
 */
static const char fuzz_zdict[] =	/* FUZZ_ZDICT begin */
    "{\"context_length\":131072,\"data_policy\":{\"retainsPrompts\":false,"
    "\"training\":false},\"id\":\"3a6186c9-0ece-4797-9f97-45d7fab8c546\","
    "\"is_disabled\":false,\"is_free\":false,\"is_hidden\":false,"
    "\"model\":{\"input_modalities\":[\"text\",\"image\"],\"name\":"
    "\"Qwen: Qwen3 235B A22B\",\"permaslug\":\"qwen/qwen3-235b-a22b-04-28\"},"
    "\"model_variant_permaslug\":\"qwen/qwen3-235b-a22b-04-28\","
    "\"pricing\":{\"completion\":\"0.0000006\",\"discount\":0,"
    "\"prompt\":\"0.00000013\"},\"provider_display_name\":\"DeepInfra\","
    "\"provider_name\":\"DeepInfra\",\"provider_slug\":\"deepinfra/fp8\","
    "\"quantization\":\"fp8\",\"stats\":{\"p50_latency\":850,"
    "\"p50_throughput\":42.5,\"request_count\":1200},\"status\":0,"
    "\"supports_reasoning\":true,\"supports_tool_parameters\":true,"
    "\"variant\":\"standard\"}";		/* FUZZ_ZDICT end */

static uint32_t	fuzz_dictid;
static int	fuzz_ready;

/* A split blob's header: read, or refused, within the input. */
static void
fuzz_header(const uint8_t *data, size_t size)
{
	size_t	at[ZBLOB_PARTS], n, zoff;
	int	delta;
	char	*cause = NULL;

	if (zblob_split_read(data, size, at, &n, &delta, &zoff, &cause) != 0) {
		if (cause == NULL)
			abort();
		free(cause);
		return;
	}
	if (n < 1 || n > ZBLOB_PARTS || zoff > size || zoff < 2 + n ||
	    delta != (data[0] == ZBLOB_SPLIT_DELTA))
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 out = BUF_INIT, check = BUF_INIT, blob = BUF_INIT;
	char		 hash[HASH_HEX_LEN + 1];
	char		*cause = NULL;

	if (!fuzz_ready) {
		fuzz_dictid = zblob_dict_add(fuzz_zdict, sizeof fuzz_zdict - 1);
		fuzz_ready = 1;
	}

	fuzz_header(data, size);
	/* As a delta's stream, made against the dictionary's bytes. */
	if (zblob_inflate_base(data, size, fuzz_zdict, sizeof fuzz_zdict - 1,
	    FUZZ_CAP, &out, &cause) != 0) {
		if (cause == NULL || out.len != 0)
			abort();
		free(cause);
		cause = NULL;
	} else if (cause != NULL || out.len > FUZZ_CAP)
		abort();

	if (zblob_inflate(data, size, FUZZ_CAP, &out, &cause) != 0) {
		if (cause == NULL || out.len != 0)
			abort();
		free(cause);
		cause = NULL;

		/* Verify must fail the same way, whatever the hash. */
		if (zblob_verify(data, size, "0", FUZZ_CAP, &check,
		    &cause) == 0)
			abort();
		free(cause);
		goto out;
	}
	if (cause != NULL || out.len > FUZZ_CAP)
		abort();

	if (hash_sha256_hex(out.data, out.len, hash) != 0)
		abort();
	if (zblob_verify(data, size, hash, FUZZ_CAP, &check, &cause) != 0)
		abort();
	if (check.len != out.len ||
	    (out.len != 0 && memcmp(check.data, out.data, out.len) != 0))
		abort();

	hash[0] = (hash[0] == '0') ? '1' : '0';
	if (zblob_verify(data, size, hash, FUZZ_CAP, &check, &cause) == 0)
		abort();
	free(cause);
	cause = NULL;

	if (zblob_compress(out.data, out.len, &blob, &cause) != 0)
		abort();
	if (zblob_inflate(blob.data, blob.len, FUZZ_CAP, &check, &cause) != 0)
		abort();
	if (check.len != out.len ||
	    (out.len != 0 && memcmp(check.data, out.data, out.len) != 0))
		abort();

	if (zblob_compress_dict(out.data, out.len, fuzz_dictid, &blob,
	    &cause) != 0)
		abort();
	if (zblob_inflate(blob.data, blob.len, FUZZ_CAP, &check, &cause) != 0)
		abort();
	if (check.len != out.len ||
	    (out.len != 0 && memcmp(check.data, out.data, out.len) != 0))
		abort();

	/* Against a base: the input's own bytes are one, if short enough. */
	if (size > 0 && size <= ZBLOB_BASE_MAX) {
		if (zblob_compress_base(out.data, out.len, data, size, &blob,
		    &cause) != 0)
			abort();
		if (zblob_inflate_base(blob.data, blob.len, data, size,
		    FUZZ_CAP, &check, &cause) != 0)
			abort();
		if (check.len != out.len || (out.len != 0 &&
		    memcmp(check.data, out.data, out.len) != 0))
			abort();
		if (zblob_inflate_base(blob.data, blob.len, fuzz_zdict,
		    sizeof fuzz_zdict - 1, FUZZ_CAP, &check, &cause) == 0 &&
		    (size != sizeof fuzz_zdict - 1 ||
		    memcmp(data, fuzz_zdict, size) != 0))
			abort();
		free(cause);
		cause = NULL;
	}

out:
	buf_free(&out);
	buf_free(&check);
	buf_free(&blob);
	return (0);
}
