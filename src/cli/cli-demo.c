/*
 * cli-demo: `orbrowse demo` / `orbrowse --demo`, generated data in a demo
 * database, through the same import path as real captures.
 */
#include "config.h"

#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "source/file.h"
#include "demo/demo.h"
#include "sync/import.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/xmalloc.h"

static void
demo_usage(FILE *f)
{
	fprintf(f, _("Usage: %s demo [--db PATH] [--seed N] [--models N] "
	    "[--endpoints N]\n       [--epoch N] [--no-metrics] "
	    "[--out DIR [--extras]]\n"), cli_global.progname);
	fputs(_("Generate a synthetic OpenRouter-shaped dataset (the same "
	    "seed gives the same\ndata) and import it into a demo database, "
	    "by default\n$XDG_DATA_HOME/orbrowse/demo.db, never your own "
	    "database.\n--out DIR only writes the generated JSON files into "
	    "DIR.\n"), f);
	fputs(_("--endpoints N gives every model N endpoints (at most 30), "
	    "--no-metrics leaves\nout the metric series, and --epoch K is the "
	    "same data after K rounds of\nchanges (each changes the price or "
	    "stats of one endpoint in 20, removes one\nin 100 and adds one in "
	    "100); the benchmark's scale set is --models 2000\n--endpoints 28 "
	    "--no-metrics.\n"), f);
	fputs(_("The demo database also gets authors, top apps and daily "
	    "usage; --out writes\nthese files only with --extras.\n"), f);
}

/* Remove the generated files and their directory. */
static void
demo_cleanup(const char *dir)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		path = xasprintf("%s/%s", dir, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
	rmdir(dir);
}

static char *
demo_db_path(void)
{
	const char	*xdg, *home;

	if (cli_global.db != NULL)
		return (xstrdup(cli_global.db));
	xdg = getenv("XDG_DATA_HOME");
	if (xdg != NULL && *xdg == '/')
		return (xasprintf("%s/orbrowse/demo.db", xdg));
	home = getenv("HOME");
	if (home == NULL || *home == '\0') {
		cli_error(_("demo: neither XDG_DATA_HOME nor HOME is set: use "
		    "--db PATH"));
		return (NULL);
	}
	return (xasprintf("%s/.local/share/orbrowse/demo.db", home));
}

/* What the command line asks for. */
struct demo_args {
	struct demo_options	 dopt;
	long long		 seed;
	const char		*out;
	int			 for_ui;
	int			 extras;
};

/*
 * Parse the options into *a.  Returns -1 to go on, or the exit status
 * when the command ends here (--help or an error already reported).
 */
static int
demo_parse(int argc, char **argv, struct demo_args *a)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "seed", required_argument, NULL, 's' },
		{ "models", required_argument, NULL, 'n' },
		{ "out", required_argument, NULL, 'o' },
		{ "endpoints", required_argument, NULL, 'e' },
		{ "epoch", required_argument, NULL, 'E' },
		{ "no-metrics", no_argument, NULL, 'M' },
		{ "extras", no_argument, NULL, 'X' },
		{ "ui", no_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	long long	models = 0, n;
	int		opt;

	memset(a, 0, sizeof *a);
	a->seed = 1;
	while ((opt = cli_getopt(argc, argv, "s:n:o:e:E:Muh", longopts,
	    "demo")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 's':
			a->seed = cli_parse_count("--seed", optarg);
			if (a->seed < 0)
				return (EXIT_USAGE);
			break;
		case 'n':
			models = cli_parse_count("--models", optarg);
			if (models < 1 || models > 100000) {
				if (models >= 0)
					cli_error(_("--models: between 1 and "
					    "100000"));
				return (EXIT_USAGE);
			}
			break;
		case 'o':
			a->out = optarg;
			break;
		case 'e':
			n = cli_parse_count("--endpoints", optarg);
			if (n < 1 || n > DEMO_MAX_PER_MODEL) {
				if (n >= 0)
					cli_error(_("--endpoints: between 1 "
					    "and %d"), DEMO_MAX_PER_MODEL);
				return (EXIT_USAGE);
			}
			a->dopt.endpoints = (unsigned)n;
			break;
		case 'E':
			n = cli_parse_count("--epoch", optarg);
			if (n < 0 || n > 100000) {
				if (n >= 0)
					cli_error(_("--epoch: between 0 and "
					    "100000"));
				return (EXIT_USAGE);
			}
			a->dopt.epoch = (unsigned)n;
			break;
		case 'M':
			a->dopt.no_metrics = 1;
			break;
		case 'X':
			a->extras = 1;
			break;
		case 'u':
			/* From --demo: the UI opens the demo database next. */
			a->for_ui = 1;
			break;
		case 'h':
			demo_usage(stdout);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	if (optind != argc) {
		cli_error(_("demo: unexpected argument: %s"), argv[optind]);
		return (EXIT_USAGE);
	}
	a->dopt.seed = (uint64_t)a->seed;
	/* The metadata always in a demo database; in files when asked. */
	a->dopt.extras = a->out == NULL || a->extras;
	a->dopt.models = (unsigned)models;
	return (-1);
}

/* --out DIR: only write the files, e.g. for a fixture server. */
static int
demo_write_out(const struct demo_args *a)
{
	struct demo_stats	 stats;
	char			*cause = NULL;

	if (path_mkdirs(a->out, 0700, &cause) != 0 ||
	    demo_generate_opts(a->out, &a->dopt, &stats, &cause) != 0) {
		cli_error(_("demo: %s"), cause);
		free(cause);
		return (EXIT_FAIL);
	}
	printf(_("Demo data (seed %lld): %u models, %u endpoints, %u "
	    "providers, %u files written to %s.\n"), a->seed, stats.models,
	    stats.endpoints, stats.providers, stats.files, a->out);
	if (a->dopt.epoch != 0)
		printf(_("Epoch %u changed %u endpoints, added %u and "
		    "removed %u.\n"), a->dopt.epoch, stats.changed,
		    stats.appeared, stats.disappeared);
	return (EXIT_OK);
}

/*
 * Generate the files into a temporary directory, import them into db (the
 * path cli_global.db names) and remove them.  Returns the exit status.
 */
static int
demo_import(const struct demo_args *a, const char *db)
{
	struct demo_stats	 stats;
	struct import_plan	 plan;
	struct import_result	 res;
	struct store		*store = NULL;
	const char		*tmp;
	char			*dir = NULL, *cause = NULL;
	char			*dirs[1], **files = NULL;
	size_t			 nfiles = 0;
	int			 rc = EXIT_FAIL, locked = 0;

	memset(&plan, 0, sizeof plan);
	tmp = getenv("TMPDIR");
	dir = xasprintf("%s/orbrowse-demo.XXXXXX",
	    tmp != NULL && *tmp == '/' ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		cli_error(_("demo: cannot create a temporary directory in "
		    "%s"), tmp != NULL && *tmp == '/' ? tmp : "/tmp");
		goto out;
	}
	if (demo_generate_opts(dir, &a->dopt, &stats, &cause) != 0) {
		cli_error(_("demo: %s"), cause);
		goto out;
	}
	dirs[0] = dir;
	if (file_expand(dirs, 1, &files, &nfiles, &cause) != 0) {
		cli_error("%s", cause);
		goto out;
	}
	if (import_scan(files, nfiles, &plan, cli_report, NULL) != 0)
		goto out;
	if ((rc = cli_open(STORE_CREATE, &store)) != EXIT_OK)
		goto out;
	if (store_lock_writer(store, &locked, &cause) != 0) {
		cli_error("%s", cause);
		rc = locked ? EXIT_LOCKED : EXIT_FAIL;
		goto out;
	}
	rc = EXIT_FAIL;
	if (import_run(store, &plan, &res, cli_report, NULL, &cause) != 0) {
		cli_error("%s", cause);
		goto out;
	}
	printf(_("Demo data (seed %lld): %u models, %u endpoints, %u "
	    "providers, %u files generated.\n"), a->seed, stats.models,
	    stats.endpoints, stats.providers, stats.files);
	printf(_("Imported into %s as run %lld (%s): %lld metric points, "
	    "%lld new blobs.\n"), db, (long long)res.run_id, res.status,
	    (long long)res.metrics, (long long)res.blobs_new);
	printf(_("Try:  %s --db %s ls 'tools ctx>=128k' --sort prompt\n"),
	    cli_global.progname, db);
	rc = strcmp(res.status, "ok") == 0 ? EXIT_OK : EXIT_PARTIAL;
out:
	free(cause);
	import_plan_free(&plan);
	file_list_free(files, nfiles);
	store_close(store);
	if (dir != NULL)
		demo_cleanup(dir);
	free(dir);
	return (rc);
}

int
cmd_demo(int argc, char **argv)
{
	struct demo_args	 a;
	char			*db;
	int			 rc;
	static char		*kept_db;

	if ((rc = demo_parse(argc, argv, &a)) != -1)
		return (rc);
	if (a.out != NULL)
		return (demo_write_out(&a));
	if ((db = demo_db_path()) == NULL)
		return (EXIT_FAIL);
	cli_global.db = db;
	rc = demo_import(&a, db);
	if (a.for_ui && rc == EXIT_OK) {
		/* Still reachable: the UI reads it through cli_global. */
		free(kept_db);
		kept_db = db;
		cli_global.db = kept_db;
	} else {
		cli_global.db = NULL;
		free(db);
	}
	return (rc);
}
