/*
 * test-path: util/path.c -- the default database path from XDG_DATA_HOME
 * and HOME, the data directory's other files, creating a directory with
 * its parents, and replacing a file safely.
 */
#include "config.h"

#include "unit.h"

#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/path.h"

static char	tmpdir[] = "/tmp/orbrowse-test-path.XXXXXX";

/* The default path, which must be there, compared and freed. */
static void
path_test_db(const char *want)
{
	char	*path, *cause = NULL;

	path = path_default_db(&cause);
	assert_null(cause);
	assert_non_null(path);
	assert_string_equal(path, want);
	free(path);
}

static int
path_is_dir(const char *path)
{
	struct stat	sb;

	return (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode));
}

static void
test_default_db_xdg(void **state)
{
	(void)state;
	setenv("HOME", "/home/u", 1);
	setenv("XDG_DATA_HOME", "/data", 1);
	path_test_db("/data/orbrowse/orbrowse.db");
	/* XDG_DATA_HOME does without HOME. */
	unsetenv("HOME");
	path_test_db("/data/orbrowse/orbrowse.db");
}

static void
test_default_db_home(void **state)
{
	(void)state;
	setenv("HOME", "/home/u", 1);
	unsetenv("XDG_DATA_HOME");
	path_test_db("/home/u/.local/share/orbrowse/orbrowse.db");
	/* Empty or relative XDG_DATA_HOME is ignored, as the spec says. */
	setenv("XDG_DATA_HOME", "", 1);
	path_test_db("/home/u/.local/share/orbrowse/orbrowse.db");
	setenv("XDG_DATA_HOME", "data", 1);
	path_test_db("/home/u/.local/share/orbrowse/orbrowse.db");
}

static void
test_default_db_neither(void **state)
{
	char	*cause = NULL;

	(void)state;
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	assert_null(path_default_db(&cause));
	assert_non_null(cause);
	assert_non_null(strstr(cause, "--db"));
	free(cause);
	cause = NULL;
	setenv("HOME", "", 1);
	setenv("XDG_DATA_HOME", "relative", 1);
	assert_null(path_default_db(&cause));
	assert_non_null(cause);
	free(cause);
	/* The cause is optional. */
	assert_null(path_default_db(NULL));
}

static void
test_mkdirs(void **state)
{
	char	*dir, *cause = NULL;

	(void)state;
	dir = xasprintf("%s/a/b/c", tmpdir);
	assert_int_equal(path_mkdirs(dir, 0700, &cause), 0);
	assert_null(cause);
	assert_true(path_is_dir(dir));
	/* There already: fine. */
	assert_int_equal(path_mkdirs(dir, 0700, &cause), 0);
	free(dir);
	/* A trailing slash. */
	dir = xasprintf("%s/d/e/", tmpdir);
	assert_int_equal(path_mkdirs(dir, 0700, NULL), 0);
	assert_true(path_is_dir(dir));
	free(dir);
}

static void
test_mkdirs_file_in_way(void **state)
{
	FILE	*f;
	char	*file, *dir, *cause = NULL;

	(void)state;
	file = xasprintf("%s/file", tmpdir);
	if ((f = fopen(file, "w")) == NULL)
		fail_msg("cannot write %s", file);
	fclose(f);
	/* The path itself is a file. */
	assert_int_equal(path_mkdirs(file, 0700, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "not a directory"));
	free(cause);
	cause = NULL;
	/* A file where a parent should be. */
	dir = xasprintf("%s/sub/dir", file);
	assert_int_equal(path_mkdirs(dir, 0700, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "cannot create directory"));
	free(cause);
	assert_int_equal(path_mkdirs(dir, 0700, NULL), -1);
	free(dir);
	free(file);
}

static void
test_data_file(void **state)
{
	char	*path, *cause = NULL;

	(void)state;
	setenv("XDG_DATA_HOME", "/x/data", 1);
	path = path_data_file("filter-history", &cause);
	assert_string_equal(path, "/x/data/orbrowse/filter-history");
	free(path);
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/u", 1);
	path = path_data_file("views", &cause);
	assert_string_equal(path, "/home/u/.local/share/orbrowse/views");
	free(path);
}

static void
collect(void *arg, char *line)
{
	struct buf	*b = arg;

	buf_printf(b, "[%s]", line);
}

/* Lines of at most max bytes, the rest skipped whole; no file, no lines. */
static void
test_read_lines(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*path, *cause = NULL, *text;

	(void)state;
	path = xasprintf("%s/lines", tmpdir);
	assert_int_equal(path_read_lines(path, 8, collect, &b, &cause), 0);
	assert_int_equal(b.len, 0);
	text = xasprintf("one\n%s\n12345678\n123456789\n\nlast", "a very long"
	    " line, longer than the buffer several times over");
	assert_int_equal(path_replace(path, text, strlen(text), &cause), 0);
	assert_int_equal(path_read_lines(path, 8, collect, &b, &cause), 0);
	assert_string_equal(buf_str(&b), "[one][12345678][][last]");
	free(text);
	free(path);
	buf_free(&b);
	/* A directory, a missing directory: no lines. */
	assert_int_equal(path_read_lines(tmpdir, 8, collect, &b, &cause), 0);
	path = xasprintf("%s/none/x", tmpdir);
	assert_int_equal(path_read_lines(path, 8, collect, &b, &cause), 0);
	free(path);
	buf_free(&b);
}

static void
test_replace(void **state)
{
	struct stat	 sb;
	FILE		*f;
	char		*path, *cause = NULL, got[64];
	size_t		 n;

	(void)state;
	path = xasprintf("%s/r/s/file", tmpdir);
	assert_int_equal(path_replace(path, "one\n", 4, &cause), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	assert_int_equal(chmod(path, 0640), 0);
	assert_int_equal(path_replace(path, "two\n", 4, &cause), 0);
	assert_int_equal(stat(path, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0640);	/* kept */
	f = fopen(path, "r");
	assert_non_null(f);
	n = fread(got, 1, sizeof got - 1, f);
	fclose(f);
	got[n] = '\0';
	assert_string_equal(got, "two\n");
	free(path);
	/* A directory in the way: an error, and nothing left behind. */
	path = xasprintf("%s/r/s", tmpdir);
	assert_int_equal(path_replace(path, "x", 1, &cause), -1);
	assert_non_null(cause);
	free(cause);
	free(path);
}

/* A file a user names: its directory must be there already. */
static void
test_dir_exists(void **state)
{
	char	*path, *dir, *cause = NULL;

	(void)state;
	dir = xasprintf("%s/d", tmpdir);
	path = xasprintf("%s/file", dir);
	assert_int_equal(path_dir_exists(path, &cause), -1);
	assert_non_null(strstr(cause, "No such file or directory"));
	free(cause);
	cause = NULL;
	assert_int_equal(path_mkdirs(dir, 0700, &cause), 0);
	assert_int_equal(path_dir_exists(path, &cause), 0);
	assert_int_equal(path_dir_exists("file", &cause), 0);
	assert_int_equal(path_dir_exists("/file", &cause), 0);
	free(path);
	/* A file where the directory should be. */
	path = xasprintf("%s/f", dir);
	assert_int_equal(path_replace(path, "x", 1, &cause), 0);
	free(path);
	path = xasprintf("%s/f/x", dir);
	assert_int_equal(path_dir_exists(path, &cause), -1);
	assert_non_null(strstr(cause, "Not a directory"));
	free(cause);
	free(path);
	free(dir);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_data_file),
		cmocka_unit_test(test_replace),
		cmocka_unit_test(test_read_lines),
		cmocka_unit_test(test_dir_exists),
		cmocka_unit_test(test_default_db_xdg),
		cmocka_unit_test(test_default_db_home),
		cmocka_unit_test(test_default_db_neither),
		cmocka_unit_test(test_mkdirs),
		cmocka_unit_test(test_mkdirs_file_in_way),
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
