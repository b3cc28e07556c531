/*
 * orbrowse: a terminal browser for OpenRouter's model catalogue.
 *
 * main() sets up the locale and gettext, reads the global options, and hands
 * the rest of the command line to a subcommand (cli/).
 */
#include "config.h"

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "codec/jarena.h"
#include "util/clock.h"
#include "util/i18n.h"

struct command {
	const char	*name;
	int		(*fn)(int, char **);
};

static const struct command commands[] = {
	{ "import", cmd_import },
	{ "ls", cmd_ls },
	{ "models", cmd_models },
	{ "providers", cmd_providers },
	{ "author", cmd_author },
	{ "cheapest", cmd_cheapest },
	{ "show", cmd_show },
	{ "runs", cmd_runs },
	{ "demo", cmd_demo },
	{ "sync", cmd_sync },
	{ "gc", cmd_gc },
	{ "changes", cmd_changes },
	{ "history", cmd_history },
	{ "watch", cmd_watch },
	{ "schedule", cmd_schedule },
	{ "compare", cmd_compare },
	{ "alerts", cmd_alerts },
};

static void
usage(FILE *f)
{
	fprintf(f, _("Usage: %s [--db PATH] [COMMAND [OPTION]... [ARG]...]\n"),
	    cli_global.progname);
	fputs(_("Without a command, open the terminal UI on the database.\n"),
	    f);
	fputs(_("Browse OpenRouter's models, providers and prices from a local "
	    "database.\n"), f);
	fputs("\n", f);
	fputs(_("Commands:\n"), f);
	fputs(_("  sync                      fetch OpenRouter into the database "
	    "(--metrics, --extras)\n"), f);
	fputs(_("  import FILE|DIR...        store captured OpenRouter responses "
	    "as one run\n"), f);
	fputs(_("  ls [FILTER]               list active endpoints "
	    "(--sort COL, --json, --csv)\n"), f);
	fputs(_("  models [FILTER]           list models (--sort COL, --json, "
	    "--csv)\n"), f);
	fputs(_("  providers [FILTER]        list providers and their endpoint "
	    "counts (--json, --csv)\n"), f);
	fputs(_("  author NAME               an author and their models, "
	    "prices, usage (--json)\n"), f);
	fputs(_("  cheapest MODEL            rank a model's providers by price "
	    "(--mix P:C)\n"), f);
	fputs(_("  compare MODEL MODEL...    2 to 6 models side by side "
	    "(--json)\n"), f);
	fputs(_("  show ENDPOINT|MODEL       print a stored snapshot "
	    "(--run N)\n"), f);
	fputs(_("  runs                      the run log (--stats, "
	    "--json)\n"), f);
	fputs(_("  changes [FILTER]          what syncs changed, newest first "
	    "(--since 7d, --atom)\n"), f);
	fputs(_("  history MODEL             a model's prices and stats over "
	    "time (--json, --csv)\n"), f);
	fputs(_("  watch add|rm|ls MODEL...  the watchlist (filter term "
	    "watched)\n"), f);
	fputs(_("  alerts                    the alerts syncs raised "
	    "(--unseen, --seen, --json)\n"), f);
	fputs(_("  demo                      import generated demo data "
	    "(--seed N, --models N)\n"), f);
	fputs(_("  gc                        apply retention, delete unused "
	    "snapshots\n"), f);
	fputs(_("  schedule                  print a crontab line and systemd "
	    "units that sync\n                            (--every DURATION)\n"),
	    f);
	fputs("\n", f);
	fputs(_("Options:\n"), f);
	fputs(_("  --db PATH     the database (default $ORBROWSE_DB, else\n"
	    "                $XDG_DATA_HOME/orbrowse/orbrowse.db)\n"), f);
	fputs(_("  --demo        import the demo data and open it\n"), f);
	fputs(_("  --mouse       the UI reacts to the mouse\n"), f);
	fputs(_("  --no-color    no colours in the UI (also NO_COLOR)\n"), f);
	fputs(_("  --help        show this help; COMMAND --help for a "
	    "command\n"), f);
	fputs(_("  --version     show the version\n"), f);
	fputs("\n", f);
	fputs(_("Exit status: 0 success, 1 failure, 2 usage error, 3 partial "
	    "(some inputs\nfailed), 4 database locked, 5 interrupted.\n"), f);
	fputs(_("See orbrowse(1) for the filter language.\n"), f);
}

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "demo", no_argument, NULL, 'M' },
		{ "mouse", no_argument, NULL, 'm' },
		{ "no-color", no_argument, NULL, 'n' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*localedir;
	size_t		 i;
	int		 opt, demo = 0, mouse = 0, no_color = 0, rc;

	clock_start();		/* the UI benchmark counts from here */
	jarena_install();	/* before jansson allocates anything */
	setlocale(LC_ALL, "");
	/*
	 * Numbers stay in the C format whatever the language: prices and
	 * figures are read and written by scripts (CSV, config files).
	 */
	setlocale(LC_NUMERIC, "C");
#ifdef ENABLE_NLS
	localedir = getenv("ORBROWSE_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir != NULL && *localedir != '\0' ?
	    localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
#else
	(void)localedir;
#endif

	if (clock_pin(getenv("ORBROWSE_NOW")) != 0) {
		cli_error(_("ORBROWSE_NOW is \"%s\": give a UTC date, "
		    "YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ"), getenv("ORBROWSE_NOW"));
		return (EXIT_USAGE);
	}

	/* '+': stop at the subcommand, whose options are its own. */
	while ((opt = cli_getopt(argc, argv, "+hV", longopts, NULL)) != -1) {
		switch (opt) {
		case 'D':
			cli_global.db = optarg;
			break;
		case 'M':
			demo = 1;
			break;
		case 'm':
			mouse = 1;
			break;
		case 'n':
			no_color = 1;
			break;
		case 'h':
			usage(stdout);
			return (EXIT_OK);
		case 'V':
			printf("orbrowse %s\n", PACKAGE_VERSION);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	argc -= optind;
	argv += optind;
	optind = 0;	/* re-initialise getopt for the subcommand */

	if (argc == 0 || demo) {
		char	*ui_argv[4];
		int	 n = 0;

		if (argc != 0) {
			cli_error(_("--demo takes no command"));
			return (EXIT_USAGE);
		}
		if (demo) {
			/* Import the demo data, then open it in the UI. */
			char *demo_argv[] = { (char *)"demo", (char *)"--ui",
			    NULL };

			if ((rc = cmd_demo(2, demo_argv)) != EXIT_OK)
				return (rc);
			if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
				return (EXIT_OK);
			optind = 0;
		}
		ui_argv[n++] = (char *)"ui";
		if (mouse)
			ui_argv[n++] = (char *)"--mouse";
		if (no_color)
			ui_argv[n++] = (char *)"--no-color";
		ui_argv[n] = NULL;
		return (cmd_ui(n, ui_argv));
	}
	for (i = 0; i < sizeof commands / sizeof commands[0]; i++) {
		if (strcmp(argv[0], commands[i].name) == 0)
			return (commands[i].fn(argc, argv));
	}
	cli_error(_("unknown command '%s'"), argv[0]);
	cli_hint(NULL);
	return (EXIT_USAGE);
}
