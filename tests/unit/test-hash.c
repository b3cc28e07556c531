/*
 * test-hash: SHA-256 as hex (src/codec/hash.c), against the FIPS 180-2
 * test vectors.
 */
#include "config.h"

#include "unit.h"

#include <string.h>

#include "codec/hash.h"

/* SHA-256 test vectors from FIPS 180-2. */
#define SHA_EMPTY \
	"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
#define SHA_ABC \
	"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
#define SHA_448 \
	"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"

static void
test_hash_vectors(void **state)
{
	static const char	 q[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char			 out[HASH_HEX_LEN + 1];

	(void)state;
	assert_int_equal(hash_sha256_hex("", 0, out), 0);
	assert_string_equal(out, SHA_EMPTY);
	assert_int_equal(hash_sha256_hex(NULL, 0, out), 0);
	assert_string_equal(out, SHA_EMPTY);
	assert_int_equal(hash_sha256_hex("abc", 3, out), 0);
	assert_string_equal(out, SHA_ABC);
	assert_int_equal(hash_sha256_hex(q, strlen(q), out), 0);
	assert_string_equal(out, SHA_448);
	assert_int_equal(strlen(out), HASH_HEX_LEN);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_hash_vectors),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
