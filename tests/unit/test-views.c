/*
 * test-views: util/views.c -- named views: a line of the views file
 * parsed, names checked, a view replaced by name, the file written and
 * read back, and lines that do not parse skipped.
 */
#include "config.h"

#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

#include "util/views.h"

static char	tmpdir[] = "/tmp/orbrowse-test-views.XXXXXX";

static void
test_parse_line(void **state)
{
	struct views	vs = { NULL, 0 };
	struct view	v;

	(void)state;
	assert_int_equal(views_parse_line("cheap\t-prompt\tmodel,prompt\t"
	    "tools ctx>=128k", &v), 0);
	assert_string_equal(v.name, "cheap");
	assert_string_equal(v.sort, "-prompt");
	assert_string_equal(v.columns, "model,prompt");
	assert_string_equal(v.filter, "tools ctx>=128k");
	/* An empty filter is a view too. */
	assert_int_equal(views_set(&vs, &v, NULL), 0);
	free(v.name);
	free(v.sort);
	free(v.columns);
	free(v.filter);
	assert_int_equal(views_parse_line("all\tmodel\tmodel\t", &v), 0);
	assert_string_equal(v.filter, "");
	assert_int_equal(views_set(&vs, &v, NULL), 0);
	free(v.name);
	free(v.sort);
	free(v.columns);
	free(v.filter);
	assert_int_equal(vs.n, 2);
	views_free(&vs);

	assert_int_equal(views_parse_line("no tabs", &v), -1);
	assert_int_equal(views_parse_line("a\tb\tc", &v), -1);
	assert_int_equal(views_parse_line("bad name\tmodel\tmodel\t", &v), -1);
	assert_int_equal(views_parse_line("\tmodel\tmodel\t", &v), -1);
	assert_int_equal(views_parse_line("x\tmodel\tmodel\tf\x1b[2J", &v),
	    -1);
	assert_int_equal(views_name_ok("a.b_c-9"), 1);
	assert_int_equal(views_name_ok(""), 0);
	assert_int_equal(views_name_ok("a/b"), 0);
	assert_int_equal(views_name_ok("0123456789012345678901234567890123"),
	    0);
}

/* views_set() of a view made of these strings. */
static int
views_add(struct views *vs, const char *name, const char *sort,
    const char *columns, const char *filter, char **cause)
{
	struct view	v;
	int		rc;

	v.name = xstrdup(name);
	v.sort = xstrdup(sort);
	v.columns = xstrdup(columns);
	v.filter = xstrdup(filter);
	rc = views_set(vs, &v, cause);
	free(v.name);
	free(v.sort);
	free(v.columns);
	free(v.filter);
	return (rc);
}

static void
test_set_save_load(void **state)
{
	struct views		 vs = { NULL, 0 }, back = { NULL, 0 };
	const struct view	*v;
	FILE			*f;
	char			*path, *cause = NULL, *names;

	(void)state;
	path = xasprintf("%s/d/views", tmpdir);
	assert_int_equal(views_load(&vs, path, &cause), 0);	/* missing */
	assert_int_equal(vs.n, 0);
	assert_int_equal(views_add(&vs, "cheap", "prompt",
	    "model,prompt", "free", &cause), 0);
	assert_int_equal(views_add(&vs, "fast", "-tps",
	    "model,tps", "", &cause), 0);
	/* The same name replaces. */
	assert_int_equal(views_add(&vs, "cheap", "-prompt",
	    "model,provider,prompt", "tools", &cause), 0);
	assert_int_equal(vs.n, 2);
	assert_int_equal(views_add(&vs, "a b", "model",
	    "model", "", &cause), -1);
	free(cause);
	cause = NULL;
	assert_int_equal(views_save(&vs, path, &cause), 0);

	/* A line that does not parse, added by hand, is skipped. */
	f = fopen(path, "a");
	assert_non_null(f);
	fputs("garbage line\n", f);
	fclose(f);
	assert_int_equal(views_load(&back, path, &cause), 0);
	assert_int_equal(back.n, 2);
	v = views_find(&back, "cheap");
	assert_non_null(v);
	assert_string_equal(v->sort, "-prompt");
	assert_string_equal(v->columns, "model,provider,prompt");
	assert_string_equal(v->filter, "tools");
	assert_null(views_find(&back, "slow"));
	names = views_names(&back);
	assert_string_equal(names, "cheap, fast");
	free(names);
	views_free(&back);
	views_free(&vs);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_line),
		cmocka_unit_test(test_set_save_load),
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
