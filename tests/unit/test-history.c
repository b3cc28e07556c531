/*
 * test-history: util/history.c -- the filter history: bounded, without
 * duplicates, kept in a file (lines that cannot be kept are skipped), and
 * walked with Up and Down back to the text being typed.
 */
#include "config.h"

#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/history.h"

static char	tmpdir[] = "/tmp/orbrowse-test-history.XXXXXX";

static void
test_bounded_dedup(void **state)
{
	struct history	h;
	char		line[16];
	int		i;

	(void)state;
	history_init(&h, 3);
	history_add(&h, "a");
	history_add(&h, "b");
	history_add(&h, "a");		/* moves to the newest */
	assert_int_equal(h.n, 2);
	assert_string_equal(h.lines[0], "b");
	assert_string_equal(h.lines[1], "a");
	history_add(&h, "");		/* never kept */
	history_add(&h, "x\ty");	/* a control character */
	assert_int_equal(h.n, 2);
	for (i = 0; i < 10; i++) {
		snprintf(line, sizeof line, "f%d", i);
		history_add(&h, line);
	}
	assert_int_equal(h.n, 3);
	assert_string_equal(h.lines[0], "f7");
	assert_string_equal(h.lines[2], "f9");
	history_free(&h);
	assert_int_equal(h.n, 0);
}

static void
test_step(void **state)
{
	struct history	h;

	(void)state;
	history_init(&h, HISTORY_MAX);
	assert_null(history_step(&h, 1, "typed"));
	history_add(&h, "old");
	history_add(&h, "new");
	history_rewind(&h);
	assert_string_equal(history_step(&h, 1, "typed"), "new");
	assert_string_equal(history_step(&h, 1, "new"), "old");
	assert_null(history_step(&h, 1, "old"));	/* the oldest */
	assert_string_equal(history_step(&h, 0, "old"), "new");
	/* Past the newest: the text that was being typed. */
	assert_string_equal(history_step(&h, 0, "new"), "typed");
	assert_null(history_step(&h, 0, "typed"));
	history_free(&h);
}

static void
test_file(void **state)
{
	struct history	 h;
	FILE		*f;
	char		*path, *cause = NULL, big[HISTORY_LINE_MAX + 50];
	int		 i;

	(void)state;
	path = xasprintf("%s/sub/filter-history", tmpdir);
	history_init(&h, HISTORY_MAX);
	assert_int_equal(history_load(&h, path, &cause), 0);	/* missing */
	assert_int_equal(h.n, 0);
	for (i = 0; i < HISTORY_MAX + 20; i++) {
		char	line[32];

		snprintf(line, sizeof line, "ctx>=%dk", i % (HISTORY_MAX + 10));
		history_add(&h, line);
	}
	assert_int_equal(h.n, HISTORY_MAX);
	assert_int_equal(history_save(&h, path, &cause), 0);
	history_free(&h);

	/* Hand-edited: a duplicate, an overlong line, an empty one. */
	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	f = fopen(path, "a");
	assert_non_null(f);
	fprintf(f, "ctx>=115k\n%s\n\ntools\n", big);
	fclose(f);
	history_init(&h, HISTORY_MAX);
	assert_int_equal(history_load(&h, path, &cause), 0);
	assert_int_equal(h.n, HISTORY_MAX);
	assert_string_equal(h.lines[h.n - 1], "tools");
	assert_string_equal(h.lines[h.n - 2], "ctx>=115k");
	for (i = 0; i < (int)h.n; i++)
		assert_true(strlen(h.lines[i]) <= HISTORY_LINE_MAX);
	history_free(&h);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_bounded_dedup),
		cmocka_unit_test(test_step),
		cmocka_unit_test(test_file),
	};
	char	cmd[128];
	int	rc;

	if (mkdtemp(tmpdir) == NULL)
		return (1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = rc != 0 ? rc : 1;
	return (rc);
}
