/*
 * test-file: captured responses on disk (src/source/file.c): a file read
 * whole within its size limit and the list budget, and the command line's
 * FILE|DIR arguments expanded into a sorted list of *.json files.
 */
#include "config.h"

#include "unit.h"

#include <sys/stat.h>
#include <stdio.h>
#include <unistd.h>

#include "source/file.h"

static char	tmpdir[] = "/tmp/orbrowse-test-file.XXXXXX";

static char *
put(const char *name, const char *text)
{
	return (unit_write_file(tmpdir, name, text));
}

static void
test_read(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*path, *cause = NULL, *deep;
	size_t		 i;

	(void)state;
	path = put("a.json", "{\"data\": [1, 2, 3]}");
	assert_int_equal(file_read(path, 1024, &b, &cause), 0);
	assert_string_equal(buf_str(&b), "{\"data\": [1, 2, 3]}");
	buf_reset(&b);
	/* Over the size limit: refused, naming the file. */
	assert_int_equal(file_read(path, 5, &b, &cause), -1);
	assert_non_null(strstr(cause, "a.json"));
	assert_non_null(strstr(cause, "too large"));
	free(cause);
	cause = NULL;
	free(path);
	/* Nested deeper than the list budget: refused while reading. */
	deep = xmalloc(20001);
	for (i = 0; i < 10000; i++) {
		deep[i] = '[';
		deep[10000 + i] = ']';
	}
	deep[20000] = '\0';
	path = put("deep.json", deep);
	free(deep);
	buf_reset(&b);
	assert_int_equal(file_read(path, 1 << 20, &b, &cause), -1);
	assert_non_null(strstr(cause, "refused"));
	free(cause);
	cause = NULL;
	free(path);
	/* Missing, or a directory. */
	path = xasprintf("%s/none.json", tmpdir);
	assert_int_equal(file_read(path, 1024, &b, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	free(path);
	assert_int_equal(file_read(tmpdir, 1024, &b, &cause), -1);
	assert_non_null(strstr(cause, "not a regular file"));
	free(cause);
	buf_free(&b);
}

static void
test_expand(void **state)
{
	char	*dir, *f1, *f2, *other, *cause = NULL, **files;
	char	*args[3];
	size_t	 n;

	(void)state;
	dir = xasprintf("%s/set", tmpdir);
	assert_int_equal(mkdir(dir, 0700), 0);
	f2 = put("set/b.json", "[]");
	f1 = put("set/a.json", "[]");
	other = put("set/notes.txt", "x");
	free(put("set/.hidden.json", "[]"));
	free(put("set/.json", "[]"));
	/* A directory gives its *.json files, sorted; a file is itself. */
	args[0] = dir;
	args[1] = other;
	assert_int_equal(file_expand(args, 2, &files, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(files[0], f1);
	assert_string_equal(files[1], f2);
	assert_string_equal(files[2], other);
	file_list_free(files, n);
	/* Anything missing fails the whole list. */
	args[1] = xasprintf("%s/missing", tmpdir);
	assert_int_equal(file_expand(args, 2, &files, &n, &cause), -1);
	assert_null(files);
	assert_int_equal(n, 0);
	assert_non_null(strstr(cause, "missing"));
	free(cause);
	cause = NULL;
	free(args[1]);
	/* A directory without *.json files is a mistake, said so. */
	unlink(f1);
	unlink(f2);
	args[0] = dir;
	assert_int_equal(file_expand(args, 1, &files, &n, &cause), -1);
	assert_non_null(strstr(cause, "no .json files"));
	free(cause);
	free(f1);
	free(f2);
	free(other);
	free(dir);
}

static int
setup(void **state)
{
	(void)state;
	return (mkdtemp(tmpdir) == NULL ? -1 : 0);
}

static int
teardown(void **state)
{
	char	*cmd;
	int	 rc;

	(void)state;
	cmd = xasprintf("rm -rf '%s'", tmpdir);
	rc = system(cmd);
	free(cmd);
	return (rc == 0 ? 0 : -1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_read),
		cmocka_unit_test(test_expand),
	};

	return (cmocka_run_group_tests(tests, setup, teardown));
}
