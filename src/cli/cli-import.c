/*
 * cli-import: `orbrowse import FILE|DIR...`.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli-alerts.h"
#include "cli/cli-settings.h"
#include "source/file.h"
#include "sync/import.h"
#include "util/i18n.h"

static void
import_usage(FILE *f)
{
	fprintf(f, _("Usage: %s import [--db PATH] [--quiet] FILE|DIR...\n"),
	    cli_global.progname);
	fputs(_("Store captured OpenRouter responses (pretty or minified, with "
	    "or without the\n{\"data\": ...} envelope, recognised by content) "
	    "as one run.  A directory\ncontributes its *.json files.\n"), f);
}

/* The alerts of the run (cli-alerts.c), by the config file's rules; a
 * config file that does not load is a warning here, never an error. */
static void
import_alerts(struct store *store, int64_t run_id, int quiet)
{
	struct cli_settings	 ss;
	char			*cause = NULL;

	if (cli_settings_load(&ss, NULL, &cause) != 0) {
		cli_error(_("warning: no alerts: %s"), cause);
		free(cause);
	} else
		json_decref(cli_alerts_after_run(store, &ss.alerts, run_id,
		    !quiet));
	routes_clear(&ss.opt.routes);
}

int
cmd_import(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct import_plan	 plan;
	struct import_result	 res;
	struct store		*store = NULL;
	char			**files = NULL, *cause = NULL;
	size_t			 nfiles = 0;
	int			 opt, quiet = 0, rc, locked = 0;

	while ((opt = cli_getopt(argc, argv, "qh", longopts,
	    "import")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'q':
			quiet = 1;
			break;
		case 'h':
			import_usage(stdout);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	if (argc == 0) {
		cli_error(_("import: no file or directory given"));
		cli_hint("import");
		return (EXIT_USAGE);
	}
	if (file_expand(argv, argc, &files, &nfiles, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return (EXIT_FAIL);
	}

	/* Read everything first: bad input alone never touches the DB. */
	if (import_scan(files, nfiles, &plan, cli_report, NULL) != 0) {
		cli_error(_("import: nothing to import, the database was not "
		    "changed"));
		rc = EXIT_FAIL;
		goto out;
	}
	if ((rc = cli_open(STORE_CREATE, &store)) != EXIT_OK)
		goto out;
	/* One writer at a time; runs a dead writer left behind are failed. */
	if (store_lock_writer(store, &locked, &cause) != 0 ||
	    store_run_reap(store, &cause) < 0) {
		cli_error("%s", cause);
		free(cause);
		rc = locked ? EXIT_LOCKED : EXIT_FAIL;
		goto out;
	}
	if (import_run(store, &plan, &res, cli_report, NULL, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
		goto out;
	}
	if (!quiet) {
		printf(_("run %lld: %s\n"), (long long)res.run_id, res.status);
		printf(_("  files:    %u imported, %u failed, %u skipped\n"),
		    res.files_ok, res.files_failed, res.files_skipped);
		printf(_("  stored:   %lld models, %lld endpoints, %lld metric "
		    "points\n"), (long long)res.models,
		    (long long)res.endpoints, (long long)res.metrics);
		printf(_("  blobs:    %lld new, %.1f kB compressed from %.1f kB "
		    "read\n"), (long long)res.blobs_new,
		    (double)res.bytes_gz / 1e3, (double)res.bytes_raw / 1e3);
		printf(_("  warnings: %lld (fields of the wrong type, unusable "
		    "entries)\n"), (long long)res.warnings);
	}
	import_alerts(store, res.run_id, quiet);
	/* What the run log holds, which a failed last commit can lower. */
	if (strcmp(res.status, "ok") == 0)
		rc = EXIT_OK;
	else if (strcmp(res.status, "partial") == 0)
		rc = EXIT_PARTIAL;
	else
		rc = EXIT_FAIL;
out:
	import_plan_free(&plan);
	file_list_free(files, nfiles);
	store_close(store);
	return (rc);
}
