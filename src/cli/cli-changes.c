/*
 * cli-changes: `orbrowse changes`, the change feed (the records of
 * store/store-changelog.h) as a table, JSON, or an Atom feed.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "codec/atom.h"
#include "project/ep-change.h"
#include "project/filter.h"
#include "store/store-changelog.h"
#include "store/store-replay.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/path.h"
#include "util/xmalloc.h"

#define CHANGES_DEFAULT_SINCE	"7d"

struct changes_args {
	const char	*since;
	int64_t		 run;
	int		 json;
	const char	*atom;
};

static void
changes_usage(FILE *f)
{
	fprintf(f, _("Usage: %s changes [--db PATH] [FILTER] [--since DUR | "
	    "--run N]\n       [--json | --atom FILE]\n"), cli_global.progname);
	fputs(_("What syncs and imports changed, newest first: models and "
	    "endpoints added and\nremoved, prices, context, status and expiry "
	    "dates.  DUR is a count of minutes,\nhours, days or weeks (90m, "
	    "12h, 7d, 2w; default 7d).  FILTER is ls's filter\nlanguage, "
	    "applied to the listing changed (or to any listing of the model).  "
	    "--atom\nwrites an Atom feed to FILE.\n"), f);
}

/* -------------------------------------------------------------- output */

static json_t *
changes_json_str(const char *s)
{
	return (s != NULL ? json_string_nocheck(s) : json_null());
}

json_t *
cli_change_json(const struct change_rec *c)
{
	json_t	*o;
	char	*at;
	double	 pct = change_pct(c);

	at = clock_format_iso(c->at / 1000);
	o = json_object();
	json_object_set_new(o, "run_id", json_integer(c->run_id));
	json_object_set_new(o, "at", json_string(at));
	json_object_set_new(o, "kind", changes_json_str(c->kind));
	json_object_set_new(o, "model_id", changes_json_str(c->model_id));
	json_object_set_new(o, "model_key", changes_json_str(c->model_key));
	json_object_set_new(o, "provider_slug",
	    changes_json_str(c->provider_slug));
	json_object_set_new(o, "field", changes_json_str(c->field));
	json_object_set_new(o, "old", cli_change_value_json(&c->old));
	json_object_set_new(o, "new", cli_change_value_json(&c->new));
	json_object_set_new(o, "pct", isnan(pct) ? json_null() :
	    json_real(pct));
	free(at);
	return (o);
}

static void
changes_json(const struct change_rec *list, size_t n)
{
	json_t	*o;
	size_t	 i;

	fputs("[", stdout);
	for (i = 0; i < n; i++) {
		o = cli_change_json(&list[i]);
		cli_json_item(stdout, i, o);
	}
	cli_json_end(stdout, n);
}

static void
changes_table(const struct change_rec *list, size_t n)
{
	static const char *const headers[] = { "TIME", "KIND", "MODEL",
	    "PROVIDER", "FIELD", "OLD", "NEW", "CHANGE" };
	static const int	 maxw[] = { 0, 0, 48, 24, 18, 24, 24, 0 };
	static const int	 prio[] = { 1, 0, 0, 2, 3, 4, 4, 5 };
	struct table		*t;
	const char		*cells[8];
	char			 when[32], o[32], v[32], pct[32];
	size_t			 i;

	t = table_new(8, headers, "llllllrr", maxw);
	table_set_layout(t, prio, NULL, -1);
	for (i = 0; i < n; i++) {
		cells[0] = cli_fmt_time(list[i].at, when, sizeof when);
		cells[1] = list[i].kind;
		cells[2] = list[i].model_key;
		cells[3] = list[i].provider_slug != NULL ?
		    list[i].provider_slug : "";
		cells[4] = list[i].field != NULL ? list[i].field : "";
		cells[5] = change_fmt_value(&list[i], &list[i].old, o,
		    sizeof o);
		cells[6] = change_fmt_value(&list[i], &list[i].new, v,
		    sizeof v);
		cells[7] = change_fmt_pct(&list[i], pct, sizeof pct);
		table_add(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
}

char *
cli_change_line(const struct change_rec *c)
{
	char	o[32], v[32], pct[32];

	if (c->field == NULL)
		return (xasprintf("%s %s%s%s", c->kind, c->model_key,
		    c->provider_slug != NULL ? " " : "",
		    c->provider_slug != NULL ? c->provider_slug : ""));
	return (xasprintf("%s %s %s %s: %s -> %s %s", c->kind, c->model_key,
	    c->provider_slug != NULL ? c->provider_slug : "-", c->field,
	    change_fmt_value(c, &c->old, o, sizeof o),
	    change_fmt_value(c, &c->new, v, sizeof v),
	    change_fmt_pct(c, pct, sizeof pct)));
}

/* The feed: one entry per run, newest first (the order of list). */
static int
changes_atom(const char *path, const struct change_rec *list, size_t n)
{
	struct buf	  b = BUF_INIT;
	char		**lines, *id, *title, *cause = NULL;
	size_t		  i, j, k;
	int		  rc;

	lines = xcalloc(n == 0 ? 1 : n, sizeof *lines);
	atom_begin(&b, "tag:orbrowse,2026:changes", _("orbrowse: changes"),
	    n > 0 ? list[0].at : 0);
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && list[j].run_id == list[i].run_id; j++)
			lines[j - i] = cli_change_line(&list[j]);
		id = xasprintf("tag:orbrowse,2026:run/%lld",
		    (long long)list[i].run_id);
		title = xasprintf(P_("Run %lld: %zu change",
		    "Run %lld: %zu changes", j - i),
		    (long long)list[i].run_id, j - i);
		atom_entry(&b, id, title, list[i].at,
		    (const char *const *)lines, j - i);
		for (k = 0; k < j - i; k++)
			free(lines[k]);
		free(id);
		free(title);
	}
	atom_end(&b);
	free(lines);
	if ((rc = path_dir_exists(path, &cause)) == 0)
		rc = path_replace(path, b.data, b.len, &cause);
	if (rc != 0) {
		cli_error("changes: %s", cause);
		free(cause);
	}
	buf_free(&b);
	return (rc);
}

/* ---------------------------------------------------------------- main */

static int
changes_options(int argc, char **argv, struct changes_args *a)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "since", required_argument, NULL, 's' },
		{ "run", required_argument, NULL, 'r' },
		{ "json", no_argument, NULL, 'j' },
		{ "atom", required_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	long long	v;
	int		opt;

	while ((opt = getopt_long(argc, argv, "s:r:ja:h", longopts,
	    NULL)) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 's':
			a->since = optarg;
			break;
		case 'r':
			if ((v = cli_parse_count("--run", optarg)) <= 0) {
				if (v == 0)
					cli_error(_("--run: runs are numbered "
					    "from 1"));
				return (EXIT_USAGE);
			}
			a->run = v;
			break;
		case 'j':
			a->json = 1;
			break;
		case 'a':
			a->atom = optarg;
			break;
		case 'h':
			changes_usage(stdout);
			return (-1);
		default:
			changes_usage(stderr);
			return (EXIT_USAGE);
		}
	}
	if (a->json && a->atom != NULL) {
		cli_error(_("changes: --json and --atom are exclusive"));
		return (EXIT_USAGE);
	}
	if (a->since != NULL && a->run != 0) {
		cli_error(_("changes: --since and --run are exclusive"));
		return (EXIT_USAGE);
	}
	return (EXIT_OK);
}

int
cmd_changes(int argc, char **argv)
{
	struct changes_args	 a;
	struct change_rec	*list = NULL;
	struct filter		*filter = NULL;
	struct store		*store = NULL;
	size_t			 n = 0;
	int64_t			 dur = 0;
	char			*cause = NULL;
	int			 rc;

	memset(&a, 0, sizeof a);
	if ((rc = changes_options(argc, argv, &a)) != EXIT_OK)
		return (rc == -1 ? EXIT_OK : rc);
	if (clock_parse_duration(a.since != NULL ? a.since :
	    CHANGES_DEFAULT_SINCE, &dur, &cause) != 0) {
		cli_error("changes: --since: %s", cause);
		free(cause);
		return (EXIT_USAGE);
	}
	if ((filter = cli_filter_args("changes", argc, argv, optind)) == NULL)
		return (EXIT_USAGE);
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		goto out;
	if (store_changelog_list(store, clock_now_ms() - dur, a.run, &list, &n,
	    &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
		goto out;
	}
	if (change_list_filter(store, filter, list, &n, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
		goto out;
	}
	rc = EXIT_OK;
	if (a.atom != NULL)
		rc = changes_atom(a.atom, list, n) == 0 ? EXIT_OK : EXIT_FAIL;
	else if (a.json)
		changes_json(list, n);
	else if (n == 0)
		printf(_("No changes.\n"));
	else
		changes_table(list, n);
out:
	change_rec_list_free(list, n);
	filter_free(filter);
	store_close(store);
	return (rc);
}
