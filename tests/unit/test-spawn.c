/*
 * test-spawn: util/spawn.c -- a program found in $PATH is started with
 * exactly the arguments given (no shell: metacharacters arrive as they
 * are), with stdout and stderr on /dev/null; a missing program is an
 * error with a cause.  The program is a fake xdg-open written here that
 * records its arguments.
 */
#include "config.h"

#include "unit.h"

#include <sys/wait.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/spawn.h"
#include "util/xmalloc.h"

static char	tmpdir[] = "/tmp/orbrowse-test-spawn.XXXXXX";

static char *
spawn_read(const char *path)
{
	FILE	*f;
	char	 text[512];
	size_t	 n;

	if ((f = fopen(path, "r")) == NULL)
		return (NULL);
	n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	return (xstrdup(text));
}

static void
test_spawn_args(void **state)
{
	char	*script, *log, *out, *cause = NULL, *path;
	char	*argv[4];
	FILE	*f;
	pid_t	 pid;
	int	 status;

	(void)state;
	script = xasprintf("%s/xdg-open", tmpdir);
	log = xasprintf("%s/args", tmpdir);
	f = fopen(script, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\nfor a; do printf '[%%s]' \"$a\"; done "
	    ">'%s'\necho noise\necho noise >&2\nexit 0\n", log);
	fclose(f);
	assert_int_equal(chmod(script, 0755), 0);
	path = xasprintf("%s:/usr/bin:/bin", tmpdir);
	setenv("PATH", path, 1);

	argv[0] = (char *)"xdg-open";
	argv[1] = (char *)"https://openrouter.ai/a/b";
	argv[2] = (char *)"$(id);`id` *";
	argv[3] = NULL;
	pid = spawn_detached(argv, &cause);
	assert_true(pid > 0);
	assert_null(cause);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	out = spawn_read(log);
	assert_string_equal(out, "[https://openrouter.ai/a/b][$(id);`id` *]");
	free(out);

	/* Not in $PATH. */
	argv[0] = (char *)"orbrowse-no-such-program";
	assert_int_equal(spawn_detached(argv, &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "orbrowse-no-such-program"));
	free(cause);
	spawn_reap();
	free(script);
	free(log);
	free(path);
}

/* spawn_words(): blanks split, quotes group, nothing is expanded. */
static void
test_spawn_words(void **state)
{
	char	**v, *cause = NULL;

	(void)state;
	assert_int_equal(spawn_words("  prog  -a 'b c' \"$HOME d\"e;f `x` ",
	    &v, &cause), 0);
	assert_null(cause);
	assert_string_equal(v[0], "prog");
	assert_string_equal(v[1], "-a");
	assert_string_equal(v[2], "b c");
	assert_string_equal(v[3], "$HOME de;f");
	assert_string_equal(v[4], "`x`");
	assert_null(v[5]);
	spawn_words_free(v);
	assert_int_equal(spawn_words("prog 'open", &v, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_int_equal(spawn_words(" \t ", &v, &cause), -1);
	assert_non_null(cause);
	free(cause);
}

/* spawn_feed(): the data on stdin, the exit status back, a command that
 * reads nothing or is missing or hangs is no crash. */
static void
test_spawn_feed(void **state)
{
	char	*script, *log, *out, *cause = NULL;
	char	*argv[3];
	char	 big[200000];
	FILE	*f;
	int	 status;

	(void)state;
	script = xasprintf("%s/hook", tmpdir);
	log = xasprintf("%s/stdin", tmpdir);
	f = fopen(script, "w");
	assert_non_null(f);
	fprintf(f, "#!/bin/sh\ncase \"$1\" in\nread) cat >'%s'; exit 4;;\n"
	    "hang) exec sleep 10;;\nesac\nexit 0\n", log);
	fclose(f);
	assert_int_equal(chmod(script, 0755), 0);
	argv[0] = script;
	argv[1] = (char *)"read";
	argv[2] = NULL;
	assert_int_equal(spawn_feed(argv, "[{\"a\":1}]", 9, 5000, &status,
	    &cause), 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 4);
	out = spawn_read(log);
	assert_string_equal(out, "[{\"a\":1}]");
	free(out);
	/* Reads nothing of a large input. */
	memset(big, 'x', sizeof big);
	argv[1] = (char *)"ignore";
	assert_int_equal(spawn_feed(argv, big, sizeof big, 5000, &status,
	    &cause), 0);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	/* Hangs: killed after the timeout. */
	argv[1] = (char *)"hang";
	assert_int_equal(spawn_feed(argv, "x", 1, 200, &status, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	argv[0] = (char *)"orbrowse-no-such-program";
	assert_int_equal(spawn_feed(argv, "x", 1, 200, &status, &cause), -1);
	assert_non_null(strstr(cause, "orbrowse-no-such-program"));
	free(cause);
	free(script);
	free(log);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_spawn_args),
		cmocka_unit_test(test_spawn_words),
		cmocka_unit_test(test_spawn_feed),
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
