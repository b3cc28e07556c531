/*
 * cli-ui: `orbrowse` without a command opens the terminal UI on the
 * database.  A database that cannot be written opens read-only.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli-alerts.h"
#include "cli/cli-settings.h"
#include "ui/ui.h"
#include "util/i18n.h"

/* A sync the UI ran has ended: its alerts, as `orbrowse sync` raises
 * them, with nothing written to the terminal. */
static size_t
ui_after_run(void *arg, struct store *store, int64_t run_id, char **warnings)
{
	return (cli_alerts_after_run_quiet(store, arg, run_id, warnings));
}

int
cmd_ui(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "mouse", no_argument, NULL, 'm' },
		{ "no-color", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct cli_settings	 ss;
	struct ui_options	 uo;
	struct store		*store = NULL;
	char			*path, *cause = NULL;
	int			 opt, rc, have_sync;

	memset(&uo, 0, sizeof uo);
	while ((opt = cli_getopt(argc, argv, "mnh", longopts,
	    NULL)) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'm':
			uo.mouse = 1;
			break;
		case 'n':
			uo.no_color = 1;
			break;
		case 'h':
			printf(_("Usage: %s [--db PATH] [--mouse] [--no-color]\n"),
			    cli_global.progname);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	/* Checked first, so a script calling us by mistake creates nothing. */
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		cli_error(_("the UI needs a terminal (use ls, cheapest, show or "
		    "runs in scripts; --help lists them)"));
		return (EXIT_USAGE);
	}
	if ((path = cli_db_path()) == NULL)
		return (EXIT_FAIL);
	if (store_open(path, STORE_CREATE, &store, &cause) != 0) {
		/* Not writable (a read-only file or directory): just look. */
		free(cause);
		cause = NULL;
		if (store_open(path, STORE_READONLY, &store, &cause) != 0) {
			cli_error("%s", cause);
			free(cause);
			free(path);
			return (EXIT_FAIL);
		}
		uo.readonly = 1;
	}
	uo.db_path = path;
	have_sync = cli_settings_load(&ss, NULL, &cause) == 0;
	if (!have_sync) {
		cli_error(_("%s (syncing from the UI is off)"), cause);
		free(cause);
		cause = NULL;
		routes_init(&ss.opt.routes);
		uiconf_init(&ss.ui);
	}
	uo.conf = &ss.ui;
	ss.opt.gc = !ss.no_gc;
	if (have_sync && http_global_init(&cause) == 0) {
		uo.sync = &ss.opt;
		uo.after_run = ui_after_run;
		uo.after_run_arg = &ss.alerts;
	}
	free(cause);
	rc = ui_main(store, &uo);
	store_close(store);
	routes_clear(&ss.opt.routes);
	if (uo.sync != NULL)
		http_global_cleanup();
	free(path);
	return (rc);
}
