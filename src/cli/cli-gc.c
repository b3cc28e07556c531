/*
 * cli-gc: `orbrowse gc`, retention on demand (store_gc()).
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>

#include "cli/cli.h"
#include "util/clock.h"
#include "util/i18n.h"

static void
gc_usage(FILE *f)
{
	fprintf(f, _("Usage: %s gc [--db PATH] [--window-hours H] "
	    "[--keep-days D]\n"), cli_global.progname);
	fputs(_("Retention: keep every run's snapshots for H hours (48), then "
	    "the newest run of\neach UTC day for D days (180); delete blobs "
	    "nothing refers to; roll hourly\nmetric points older than the "
	    "window up into daily means.\n"), f);
}

int
cmd_gc(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "window-hours", required_argument, NULL, 'w' },
		{ "keep-days", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct gc_result	 gc;
	struct store		*store = NULL;
	char			*cause = NULL;
	long long		 window = 48, keep = 180;
	int			 opt, rc, locked;

	while ((opt = cli_getopt(argc, argv, "w:k:h", longopts,
	    "gc")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'w':
			if ((window = cli_parse_count("--window-hours",
			    optarg)) < 0)
				return (EXIT_USAGE);
			break;
		case 'k':
			if ((keep = cli_parse_count("--keep-days",
			    optarg)) < 0)
				return (EXIT_USAGE);
			break;
		case 'h':
			gc_usage(stdout);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	if (optind != argc) {
		cli_error(_("gc: unexpected argument: %s"), argv[optind]);
		return (EXIT_USAGE);
	}
	if (window < 1 || window > 24 * 365 * 100 || keep < 1 ||
	    keep > 36500) {
		cli_error(_("gc: --window-hours must be 1 to 876000 and "
		    "--keep-days 1 to 36500"));
		return (EXIT_USAGE);
	}
	if ((rc = cli_open(0, &store)) != EXIT_OK)
		return (rc);
	if (store_lock_writer(store, &locked, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		store_close(store);
		return (locked ? EXIT_LOCKED : EXIT_FAIL);
	}
	if (store_gc(store, clock_now_ms(), (int)window, (int)keep, 0, &gc,
	    &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		store_close(store);
		return (EXIT_FAIL);
	}
	printf(_("%lld runs pruned, %lld snapshot rows and %lld blobs deleted "
	    "(%.1f kB), %lld hourly points rolled up\n"),
	    (long long)gc.runs_pruned, (long long)gc.snapshots_deleted,
	    (long long)gc.blobs_deleted, (double)gc.bytes_freed / 1e3,
	    (long long)gc.hourly_rolled);
	store_close(store);
	return (EXIT_OK);
}
