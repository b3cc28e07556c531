/*
 * test-buf: growable buffers (src/util/buf.c), adding bytes and formatted
 * text far past the first allocation, detaching and resetting, and
 * xasprintf() and xstrndup() of src/util/xmalloc.c.
 */
#include "config.h"

#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

static void
test_buf_add(void **state)
{
	struct buf	b = BUF_INIT;

	(void)state;
	assert_string_equal(buf_str(&b), "");
	buf_add(&b, "ab", 2);
	buf_addstr(&b, "cd");
	buf_addch(&b, 'e');
	buf_add(&b, "", 0);
	assert_int_equal(b.len, 5);
	assert_string_equal(b.data, "abcde");
	assert_true(b.cap > b.len);

	/* Binary data with an embedded NUL keeps its length. */
	buf_add(&b, "x\0y", 3);
	assert_int_equal(b.len, 8);
	assert_memory_equal(b.data, "abcdex\0y", 9);
	buf_free(&b);
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void
test_buf_printf_growth(void **state)
{
	struct buf	 b;
	char		*big;
	size_t		 i;

	(void)state;
	buf_init(&b);
	buf_printf(&b, "%d-%s", 42, "x");
	assert_string_equal(b.data, "42-x");

	/* Far past the first allocation, in one call and then many. */
	big = xmalloc(5001);
	memset(big, 'q', 5000);
	big[5000] = '\0';
	buf_printf(&b, "[%s]", big);
	assert_int_equal(b.len, 4 + 5002);
	assert_int_equal(b.data[4], '[');
	assert_int_equal(b.data[5005], ']');
	assert_int_equal(b.data[b.len], '\0');
	assert_int_equal(strspn(b.data + 5, "q"), 5000);
	free(big);

	buf_reset(&b);
	for (i = 0; i < 1000; i++)
		buf_printf(&b, "%03zu,", i);
	assert_int_equal(b.len, 4000);
	assert_memory_equal(b.data, "000,001,002,", 12);
	assert_string_equal(b.data + 3992, "998,999,");
	buf_free(&b);
}

static void
test_buf_detach_reset(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*s;
	size_t		 cap;

	(void)state;
	/* An empty buffer still detaches to a string the caller frees. */
	s = buf_detach(&b);
	assert_string_equal(s, "");
	free(s);

	buf_addstr(&b, "hello");
	s = buf_detach(&b);
	assert_string_equal(s, "hello");
	assert_null(b.data);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_str(&b), "");
	free(s);

	/* Reset keeps the allocation but empties the string. */
	buf_addstr(&b, "some text");
	cap = b.cap;
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, cap);
	assert_string_equal(buf_str(&b), "");
	buf_addstr(&b, "z");
	assert_string_equal(b.data, "z");
	buf_free(&b);
}

static void
test_xasprintf(void **state)
{
	char	*s;

	(void)state;
	s = xasprintf("%s=%d/%.2f", "k", -7, 1.5);
	assert_string_equal(s, "k=-7/1.50");
	free(s);
	s = xasprintf("%s", "");
	assert_string_equal(s, "");
	free(s);
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
}

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_buf_add),
		cmocka_unit_test(test_buf_printf_growth),
		cmocka_unit_test(test_buf_detach_reset),
		cmocka_unit_test(test_xasprintf),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
