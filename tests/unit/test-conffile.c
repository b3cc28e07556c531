/*
 * test-conffile: util/conffile.c -- "key = value" lines, comments, blank
 * lines and trimming, the errors a file can have, a missing file, and the
 * default path from XDG_CONFIG_HOME and HOME; config_set() changing one
 * setting and keeping the rest of the file.
 */
#include "config.h"

#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/buf.h"
#include "util/conffile.h"

static char	tmpdir[] = "/tmp/orbrowse-test-conffile.XXXXXX";

/* Write text to a file in tmpdir; returns its path (caller frees). */
static char *
conffile_write(const char *name, const char *text)
{
	return (unit_write_file(tmpdir, name, text));
}

/* Collects "key=value;" in file order; a key "bad" is refused. */
static int
conffile_collect(void *arg, const char *key, const char *value,
    char **cause)
{
	struct buf	*b = arg;

	if (strcmp(key, "bad") == 0) {
		*cause = xasprintf("no %s here", value);
		return (-1);
	}
	buf_printf(b, "%s=%s;", key, value);
	return (0);
}

/* Load path; the collected settings in *b, the result returned. */
static int
conffile_load(const char *path, int missing_ok, struct buf *b, char **cause)
{
	buf_reset(b);
	return (config_load(path, missing_ok, conffile_collect, b, cause));
}

static void
test_load_good(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*path, *cause = NULL;

	(void)state;
	path = conffile_write("good",
	    "# a comment\n"
	    "\n"
	    "   \t\n"
	    "base_url = http://x\n"
	    "  concurrency=8  \n"
	    "\t# an indented comment\n"
	    "route.order =  v1 , 2026\t\n"
	    "empty =\n"
	    "eq = a=b\n"
	    "last = no newline");
	assert_int_equal(conffile_load(path, 0, &b, &cause), 0);
	assert_null(cause);
	assert_string_equal(buf_str(&b), "base_url=http://x;concurrency=8;"
	    "route.order=v1 , 2026;empty=;eq=a=b;last=no newline;");
	/* missing_ok changes nothing for a file that is there. */
	assert_int_equal(conffile_load(path, 1, &b, &cause), 0);
	assert_string_equal(buf_str(&b), "base_url=http://x;concurrency=8;"
	    "route.order=v1 , 2026;empty=;eq=a=b;last=no newline;");
	free(path);

	/* An empty file has no settings. */
	path = conffile_write("empty", "");
	assert_int_equal(conffile_load(path, 0, &b, &cause), 0);
	assert_string_equal(buf_str(&b), "");
	free(path);
	buf_free(&b);
}

/* "bind KEY ACTION" has no '=': it comes as key "bind"; KEY may be '='. */
static void
test_load_bind(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*path, *cause = NULL;

	(void)state;
	path = conffile_write("bind", "bind x quit\n  bind\t= help \n"
	    "binder = 1\nbind F2   sort\n");
	assert_int_equal(conffile_load(path, 0, &b, &cause), 0);
	assert_null(cause);
	assert_string_equal(buf_str(&b), "bind=x quit;bind== help;binder=1;"
	    "bind=F2   sort;");
	free(path);
	/* A refused bind line says where it is. */
	path = conffile_write("badbind", "a = 1\nbad = x\n");
	assert_int_equal(conffile_load(path, 0, &b, &cause), -1);
	assert_non_null(strstr(cause, "badbind:2: no x here"));
	free(cause);
	free(path);
	buf_free(&b);
}

static void
test_load_errors(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*path, *want, *cause = NULL;

	(void)state;
	/* A line without '=': the settings before it were given. */
	path = conffile_write("noeq", "a = 1\n# fine\nconcurrency 8\nb = 2\n");
	assert_int_equal(conffile_load(path, 0, &b, &cause), -1);
	assert_string_equal(buf_str(&b), "a=1;");
	want = xasprintf("%s:3: expected \"key = value\"", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	cause = NULL;
	free(path);

	/* The callback's refusal, with the place in the file. */
	path = conffile_write("refused", "a = 1\nbad = value\n");
	assert_int_equal(conffile_load(path, 1, &b, &cause), -1);
	want = xasprintf("%s:2: no value here", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	cause = NULL;
	free(path);
	buf_free(&b);
}

static void
test_load_long_line(void **state)
{
	struct buf	 b = BUF_INIT, text = BUF_INIT;
	char		*path, *want, *cause = NULL;
	size_t		 i;

	(void)state;
	/* A line that fits is read whole... */
	buf_addstr(&text, "a = ");
	for (i = 0; i < 4000; i++)
		buf_addch(&text, 'x');
	buf_addstr(&text, "\n");
	path = conffile_write("fits", buf_str(&text));
	assert_int_equal(conffile_load(path, 0, &b, &cause), 0);
	assert_int_equal(b.len, strlen("a=;") + 4000);
	free(path);

	/* ...one longer than the buffer is an error, not two settings. */
	buf_reset(&text);
	buf_addstr(&text, "ok = 1\nb = ");
	for (i = 0; i < 5000; i++)
		buf_addch(&text, 'y');
	buf_addstr(&text, "\nc = 3\n");
	path = conffile_write("long", buf_str(&text));
	assert_int_equal(conffile_load(path, 0, &b, &cause), -1);
	assert_string_equal(buf_str(&b), "ok=1;");
	want = xasprintf("%s:2: line too long", path);
	assert_string_equal(cause, want);
	free(want);
	free(cause);
	free(path);
	buf_free(&text);
	buf_free(&b);
}

static void
test_load_missing(void **state)
{
	struct buf	 b = BUF_INIT;
	char		*path, *cause = NULL;

	(void)state;
	path = xasprintf("%s/no-such-file", tmpdir);
	assert_int_equal(conffile_load(path, 1, &b, &cause), 0);
	assert_null(cause);
	assert_string_equal(buf_str(&b), "");
	assert_int_equal(conffile_load(path, 0, &b, &cause), -1);
	assert_non_null(cause);
	assert_true(strncmp(cause, path, strlen(path)) == 0);
	free(cause);
	cause = NULL;
	free(path);

	/* So is a file whose directory is missing. */
	path = xasprintf("%s/no-dir/config", tmpdir);
	assert_int_equal(conffile_load(path, 1, &b, &cause), 0);
	free(path);
	buf_free(&b);
}

static void
test_default_path(void **state)
{
	char	*path;

	(void)state;
	setenv("XDG_CONFIG_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	path = config_default_path();
	assert_string_equal(path, "/xdg/orbrowse/config");
	free(path);
	/* A relative XDG_CONFIG_HOME is ignored, as the spec says. */
	setenv("XDG_CONFIG_HOME", "rel", 1);
	path = config_default_path();
	assert_string_equal(path, "/home/u/.config/orbrowse/config");
	free(path);
	unsetenv("XDG_CONFIG_HOME");
	path = config_default_path();
	assert_string_equal(path, "/home/u/.config/orbrowse/config");
	free(path);
	unsetenv("HOME");
	assert_null(config_default_path());
	setenv("HOME", "", 1);
	assert_null(config_default_path());
	setenv("XDG_CONFIG_HOME", "/only-xdg", 1);
	path = config_default_path();
	assert_string_equal(path, "/only-xdg/orbrowse/config");
	free(path);
}

/* The whole file at path, or NULL; the caller frees it. */
static char *
conffile_read(const char *path)
{
	struct buf	 b = BUF_INIT;
	FILE		*f;
	char		 line[256];

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	while (fgets(line, sizeof line, f) != NULL)
		buf_addstr(&b, line);
	fclose(f);
	return (buf_detach(&b));
}

static void
test_set(void **state)
{
	char	*path, *text, *cause = NULL;

	(void)state;
	/* Created with its directory when missing. */
	path = xasprintf("%s/new/dir/config", tmpdir);
	assert_int_equal(config_set(path, "columns.endpoints", "model,tps",
	    &cause), 0);
	text = conffile_read(path);
	assert_string_equal(text, "columns.endpoints = model,tps\n");
	free(text);
	free(path);

	/* Replaced in place, a second setting of it dropped, comments and
	 * the other settings kept, a last line without newline ended. */
	path = conffile_write("set", "# my settings\nrate = 5\n\n"
	    "  columns.endpoints= a,b\n# keep\ncolumns.endpointsX = 1\n"
	    "columns.endpoints = c\nretries = 2");
	assert_int_equal(config_set(path, "columns.endpoints", "model",
	    &cause), 0);
	text = conffile_read(path);
	assert_string_equal(text, "# my settings\nrate = 5\n\n"
	    "columns.endpoints = model\n# keep\ncolumns.endpointsX = 1\n"
	    "retries = 2\n");
	free(text);
	/* Appended when absent. */
	assert_int_equal(config_set(path, "metrics", "yes", &cause), 0);
	text = conffile_read(path);
	assert_non_null(strstr(text, "retries = 2\nmetrics = yes\n"));
	free(text);
	/* No setting can break the file's lines. */
	assert_int_equal(config_set(path, "a", "b\nc = d", &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(config_set(path, "a=b", "c", &cause), -1);
	free(cause);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_load_good),
		cmocka_unit_test(test_load_bind),
		cmocka_unit_test(test_load_errors),
		cmocka_unit_test(test_load_long_line),
		cmocka_unit_test(test_load_missing),
		cmocka_unit_test(test_default_path),
		cmocka_unit_test(test_set),
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
