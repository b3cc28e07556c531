/*
 * test-hashfilter: the Bloom filter of SHA-256 digests the sync's worker
 * asks before compressing a blob (src/codec/hashfilter.c): a digest added
 * is always "maybe", and the false "maybe"s stay near the promised rate.
 */
#include "config.h"

#include "unit.h"

#include <ctype.h>
#include <stdio.h>

#include "codec/hash.h"
#include "codec/hashfilter.h"

/* The hex digest of "n<i>", as the store's hashes are. */
static void
digest(unsigned i, char *hex)
{
	char	text[32];

	snprintf(text, sizeof text, "n%u", i);
	assert_int_equal(hash_sha256_hex(text, strlen(text), hex), 0);
}

static void
test_no_false_no(void **state)
{
	struct hashfilter	f;
	char			hex[HASH_HEX_LEN + 1];
	unsigned		i, j, maybe = 0;

	(void)state;
	hashfilter_init(&f, 20000);
	for (i = 0; i < 20000; i++) {
		digest(i, hex);
		hashfilter_add(&f, hex);
	}
	/* Every digest added, in either case of its hex digits. */
	for (i = 0; i < 20000; i++) {
		digest(i, hex);
		assert_int_equal(hashfilter_maybe(&f, hex), 1);
		for (j = 0; j < 16; j++)
			hex[j] = (char)toupper((unsigned char)hex[j]);
		assert_int_equal(hashfilter_maybe(&f, hex), 1);
	}
	/* Others: about one in four hundred may say "maybe" (the filter's
	 * design; a filter that said "maybe" to all would fail here). */
	for (i = 20000; i < 120000; i++) {
		digest(i, hex);
		maybe += (unsigned)hashfilter_maybe(&f, hex);
	}
	if (maybe > 100000 / 100)
		fail_msg("%u false maybes in 100000", maybe);
	hashfilter_free(&f);
	assert_null(f.bits);
}

static void
test_empty_and_odd(void **state)
{
	struct hashfilter	f;
	char			hex[HASH_HEX_LEN + 1];

	(void)state;
	hashfilter_init(&f, 0);
	digest(1, hex);
	assert_int_equal(hashfilter_maybe(&f, hex), 0);
	/* Any string is accepted, short or not hex at all; only the first
	 * 16 digits count, so a digest differing after them is "maybe". */
	hashfilter_add(&f, "zz");
	assert_int_equal(hashfilter_maybe(&f, "zz"), 1);
	assert_int_equal(hashfilter_maybe(&f, hex), 0);
	hashfilter_add(&f, hex);
	hex[40] = hex[40] == '0' ? '1' : '0';
	assert_int_equal(hashfilter_maybe(&f, hex), 1);
	hex[3] = hex[3] == '0' ? '1' : '0';
	assert_int_equal(hashfilter_maybe(&f, hex), 0);
	hashfilter_free(&f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_false_no),
		cmocka_unit_test(test_empty_and_odd),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
