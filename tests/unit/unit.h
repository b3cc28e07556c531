/*
 * unit.h: shared helpers for the cmocka unit tests.
 *
 * unit_shared_path() returns the path of a file under
 * $ORBROWSE_SHARED/fixtures/openrouter/real (default ../shared relative to
 * the source tree, as set by `make check`); the caller frees it.
 * unit_require_shared() exits 77 (automake's "skip") with a message when the
 * directory is absent, so tests that read the real captures skip cleanly.
 * unit_load_json() parses a file and fails the test on error.
 *
 * unit_shared_present() says whether that directory is there, and
 * UNIT_NEED_SHARED() skips the current test case (cmocka's skip()), saying
 * why, when it is not: for programs that also have cases needing no capture.
 * Such programs end with UNIT_RUN() instead of cmocka_run_group_tests():
 * when every case that ran passed but one was skipped (UNIT_SKIP()), the
 * program exits 77, so the harness reports SKIP, never a PASS of a check
 * that could not run.
 * unit_parse() parses JSON written in a test (any value, not only objects
 * and arrays) and fails the test when it is not JSON.  unit_write_file()
 * writes a file a test reads.
 * unit_payload_of() classifies a capture, asserts it is of the given kind
 * and returns its payload (borrowed from root).
 */
#ifndef ORBROWSE_TEST_UNIT_H
#define ORBROWSE_TEST_UNIT_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <jansson.h>

#include "project/payload.h"
#include "util/xmalloc.h"

static inline const char *
unit_real_dir(void)
{
	static char	 path[4096];
	const char	*shared;

	shared = getenv("ORBROWSE_SHARED");
	if (shared == NULL || *shared == '\0')
		shared = "../shared";
	snprintf(path, sizeof path, "%s/fixtures/openrouter/real", shared);
	return (path);
}

static inline int
unit_shared_present(void)
{
	struct stat	sb;

	return (stat(unit_real_dir(), &sb) == 0 && S_ISDIR(sb.st_mode));
}

/* The cases of this program skipped so far (see UNIT_RUN()). */
static int	unit_skipped;

#define UNIT_SKIP() do {						\
	unit_skipped++;							\
	skip();								\
} while (0)

#define UNIT_NEED_SHARED() do {						\
	if (!unit_shared_present()) {					\
		print_message("%s not found (set ORBROWSE_SHARED)\n",	\
		    unit_real_dir());					\
		UNIT_SKIP();						\
	}								\
} while (0)

/* The exit status of a program whose group returned rc. */
static inline int
unit_result(int rc)
{
	if (rc == 0 && unit_skipped > 0) {
		fprintf(stderr, "SKIP: %d case(s) could not run here\n",
		    unit_skipped);
		return (77);
	}
	return (rc);
}

#define UNIT_RUN(tests, setup, teardown)				\
	return (unit_result(cmocka_run_group_tests(tests, setup, teardown)))

static inline void
unit_require_shared(const char *prog)
{
	if (!unit_shared_present()) {
		fprintf(stderr, "%s: SKIP: %s not found (set ORBROWSE_SHARED)\n",
		    prog, unit_real_dir());
		exit(77);
	}
}

static inline char *
unit_shared_path(const char *name)
{
	return (xasprintf("%s/%s", unit_real_dir(), name));
}

static inline json_t *
unit_load_json(const char *name)
{
	json_error_t	 err;
	json_t		*root;
	char		*path;

	path = unit_shared_path(name);
	root = json_load_file(path, 0, &err);
	if (root == NULL)
		fail_msg("%s: %s (line %d)", path, err.text, err.line);
	free(path);
	return (root);
}

/* Write text as the file dir/name; its path (the caller frees). */
static inline char *
unit_write_file(const char *dir, const char *name, const char *text)
{
	FILE	*f;
	char	*path;

	path = xasprintf("%s/%s", dir, name);
	if ((f = fopen(path, "w")) == NULL)
		fail_msg("cannot write %s", path);
	fputs(text, f);
	fclose(f);
	return (path);
}

static inline json_t *
unit_parse(const char *text)
{
	json_error_t	 err;
	json_t		*j;

	j = json_loads(text, JSON_DECODE_ANY, &err);
	if (j == NULL)
		fail_msg("bad test JSON: %s (column %d)", err.text, err.column);
	return (j);
}

static inline const json_t *
unit_payload_of(const json_t *root, enum payload_kind want)
{
	const json_t	*payload = NULL;

	assert_int_equal(payload_classify(root, &payload), want);
	assert_non_null(payload);
	return (payload);
}

#endif
