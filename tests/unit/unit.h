/*
 * unit.h: shared helpers for the cmocka unit tests.
 *
 * unit_shared_path() returns the path of a file under
 * $ORBROWSE_SHARED/fixtures/openrouter/real (default ../shared relative to
 * the source tree, as set by `make check`); the caller frees it.
 * unit_require_shared() exits 77 (automake's "skip") with a message when the
 * directory is absent, so tests that read the real captures skip cleanly.
 * unit_load_json() parses a file and fails the test on error.
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

static inline void
unit_require_shared(const char *prog)
{
	struct stat	sb;

	if (stat(unit_real_dir(), &sb) != 0 || !S_ISDIR(sb.st_mode)) {
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

#endif
