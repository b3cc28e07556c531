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
#include "codec/hash.h"
#include "source/file.h"
#include "demo/demo.h"
#include "sync/import.h"
#include "sync/ingest.h"
#include "util/clock.h"
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
	fputs(_("A new demo database gets 30 days of history first: one run "
	    "a day, epoch K\nbeing K days ago (models launched and retired, "
	    "price changes, tiers\nappearing, an endpoint that degrades and "
	    "recovers, an expiry date); --epoch\nimports that one epoch "
	    "only.\n"), f);
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
	int			 epoch_set;	/* --epoch given */
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
			a->epoch_set = 1;
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
 * The history build: one run a day, each a demo epoch handed to the ingest
 * in memory (demo.h's sink), as a sync of the whole catalogue would write
 * it: the model list, every endpoint listing (one whose content is the one
 * it had the day before is only marked seen, as a sync does with a body it
 * has), then the tombstone sweep.
 */
struct demo_hist {
	struct ingest	*ig;
	char		 sha[HASH_HEX_LEN + 1];
	unsigned	 same;
	unsigned	 written;
};

static int
demo_hist_have(void *arg, const char *model_key, const void *fp,
    size_t len)
{
	struct demo_hist	*h = arg;
	char			*why = NULL;
	int			 done = 0;

	hash_sha256_hex(fp, len, h->sha);
	if (ingest_listing_same(h->ig, model_key, h->sha, &done, &why) != 0) {
		/* The listing is then written in full. */
		free(why);
		return (0);
	}
	h->same += done;
	return (done);
}

static int
demo_hist_put(void *arg, const char *name, json_t *root,
    const char *model_key, char **cause)
{
	struct demo_hist	*h = arg;
	struct ingest_hint	 hint;
	enum payload_kind	 kind;
	char			*why = NULL;

	memset(&hint, 0, sizeof hint);
	hint.origin = name;
	if (model_key != NULL) {
		hint.model_key = model_key;
		hint.listing_sha = h->sha;
		h->written++;
	}
	if (ingest_payload(h->ig, root, &hint, &kind, &why) < 0) {
		*cause = why;
		return (-1);
	}
	free(why);
	return (0);
}

/* One history run: epoch k, stamped k days before now. */
static int
demo_hist_run(const struct demo_args *a, struct store *store,
    struct demo_hist *h, unsigned k, char **cause)
{
	struct demo_options	 o = a->dopt;
	struct demo_sink	 sink;
	int64_t			 swept;
	char			 final[16];
	int			 rc;

	clock_set_offset_ms(-(int64_t)k * 86400000);
	if (ingest_begin(store, "import", "files", 0, &h->ig, cause) != 0)
		return (-1);
	sink.have = demo_hist_have;
	sink.put = demo_hist_put;
	sink.arg = h;
	o.epoch = k;
	o.no_metrics = 1;
	o.extras = 0;
	o.no_catalogue = 1;
	o.sink = &sink;
	rc = demo_generate_opts("", &o, NULL, cause);
	if (rc == 0 && ingest_tombstone(h->ig, &swept, cause) != 0)
		rc = -1;
	if (rc != 0)
		ingest_error(h->ig, "%s", *cause);
	if (ingest_finish(h->ig, rc == 0 ? "ok" : "failed", final,
	    sizeof final, NULL, NULL) != 0 || rc != 0) {
		if (rc == 0)
			*cause = xstrdup(_("cannot finish the run"));
		return (-1);
	}
	return (0);
}

/*
 * Runs for the DEMO_HISTORY_DAYS - 1 days before today's, oldest first,
 * into a database that has none yet.  Returns the exit status.
 */
static int
demo_history(const struct demo_args *a, struct store *store)
{
	struct demo_hist	 h;
	int64_t			 t0;
	char			*cause = NULL;
	unsigned		 k;
	int			 rc = EXIT_OK;

	memset(&h, 0, sizeof h);
	t0 = clock_mono_ms();
	for (k = DEMO_HISTORY_DAYS - 1; k >= 1; k--) {
		if (demo_hist_run(a, store, &h, k, &cause) != 0) {
			cli_error(_("demo: %s"), cause != NULL ? cause : "?");
			free(cause);
			rc = EXIT_FAIL;
			break;
		}
	}
	clock_set_offset_ms(0);
	if (rc == EXIT_OK)
		printf(_("History: %u runs, one a day before today's, in "
		    "%lld ms (%u listings unchanged, %u written).\n"),
		    DEMO_HISTORY_DAYS - 1,
		    (long long)(clock_mono_ms() - t0), h.same, h.written);
	return (rc);
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
	/* A database of its own gets the days before today first. */
	if (!a->epoch_set && store_run_latest(store) == 0) {
		if ((rc = demo_history(a, store)) != EXIT_OK)
			goto out;
		plan.sweep = 1;
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
	if (a.for_ui) {
		/* A first demo database takes seconds: say what is going on. */
		printf(_("Preparing the demo data in %s ...\n"), db);
		fflush(stdout);
	}
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
