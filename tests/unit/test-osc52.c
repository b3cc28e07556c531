/*
 * test-osc52: util/osc52.c -- base64 against RFC 4648's test vectors and
 * every length modulo 3, and the OSC 52 sequence: its exact bytes, and
 * the texts it refuses (empty, too long, control characters).
 */
#include "config.h"

#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "util/osc52.h"

static void
test_base64_rfc4648(void **state)
{
	static const char *const vec[][2] = {
		{ "", "" }, { "f", "Zg==" }, { "fo", "Zm8=" },
		{ "foo", "Zm9v" }, { "foob", "Zm9vYg==" },
		{ "fooba", "Zm9vYmE=" }, { "foobar", "Zm9vYmFy" },
	};
	size_t	 i;
	char	*out;

	(void)state;
	for (i = 0; i < sizeof vec / sizeof vec[0]; i++) {
		out = base64_encode(vec[i][0], strlen(vec[i][0]));
		assert_string_equal(out, vec[i][1]);
		free(out);
	}
	/* Bytes above 0x7f and the last index of the alphabet. */
	out = base64_encode("\xff\xfe\xfd\x00", 4);
	assert_string_equal(out, "//79AA==");
	free(out);
}

static void
test_sequence(void **state)
{
	char	*seq, *big;

	(void)state;
	seq = osc52_sequence("openai/gpt-4o:free");
	assert_string_equal(seq, "\033]52;c;b3BlbmFpL2dwdC00bzpmcmVl\a");
	free(seq);
	/* UTF-8 passes as bytes. */
	seq = osc52_sequence("caf\xc3\xa9");
	assert_string_equal(seq, "\033]52;c;Y2Fmw6k=\a");
	free(seq);
	assert_null(osc52_sequence(""));
	assert_null(osc52_sequence("a\033]52;c;x\a"));
	assert_null(osc52_sequence("tab\there"));
	assert_null(osc52_sequence("del\x7f"));
	big = malloc(OSC52_MAX + 2);
	memset(big, 'a', OSC52_MAX + 1);
	big[OSC52_MAX + 1] = '\0';
	assert_null(osc52_sequence(big));
	big[OSC52_MAX] = '\0';
	seq = osc52_sequence(big);
	assert_non_null(seq);
	free(seq);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_base64_rfc4648),
		cmocka_unit_test(test_sequence),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
