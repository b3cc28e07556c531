/*
 * fuzz-inflate: zblob_inflate() and zblob_verify() on arbitrary bytes.
 *
 * Neither may crash or grow past the cap.  When the input does inflate, the
 * result must verify against its own hash, fail against any other, and
 * survive a compress/inflate round trip unchanged.
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf	 out = BUF_INIT, check = BUF_INIT, blob = BUF_INIT;
	char		 hash[HASH_HEX_LEN + 1];
	char		*cause = NULL;

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

out:
	buf_free(&out);
	buf_free(&check);
	buf_free(&blob);
	return (0);
}
