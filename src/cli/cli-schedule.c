/*
 * cli-schedule: `orbrowse schedule`, a crontab line and a systemd user
 * service and timer that keep this database synced.
 *
 * Both run `sync --if-older` every few minutes (the check period, about a
 * quarter of the interval or less), with a limit one check period short of
 * the interval: the first check after the newest ok run has aged that much
 * syncs, so runs start at most the interval apart (plus how long a check
 * takes to come), and a check right after a sync (by the UI or by hand)
 * makes no request.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define SCHEDULE_DEFAULT_MS	(2 * 3600 * 1000LL)
#define SCHEDULE_MIN_MS		(5 * 60 * 1000LL)
#define SCHEDULE_UNIT		"orbrowse-sync"

/* What to print. */
enum {
	SCHEDULE_ALL, SCHEDULE_CRON, SCHEDULE_SERVICE, SCHEDULE_TIMER
};

struct schedule {
	char	*exe;		/* the binary, absolute */
	char	*db;		/* the database, absolute */
	int64_t	 every;		/* ms */
	int	 check;		/* check period, minutes: divides 60 */
	char	 limit[32];	/* --if-older's argument */
};

static void
schedule_usage(FILE *f)
{
	fprintf(f, _("Usage: %s schedule [--db PATH] [--every DURATION]\n"
	    "         [--print cron|service|timer]\n"), cli_global.progname);
	fputs(_("Print a crontab line, and a systemd user service and timer, "
	    "that sync this\ndatabase every DURATION (default 2h; at least "
	    "5m) with `sync --if-older':\nthey check every few minutes and "
	    "sync once the newest ok run is old enough.\n--print prints one "
	    "of them alone, ready to be written to a file.  Nothing is\n"
	    "installed.\n"), f);
}

/*
 * The check period: the longest of 1, 2, 5, 10, 15, 20, 30 and 60 minutes
 * that is at most a quarter of every (cron and systemd step through an
 * hour by any of them).
 */
static int
schedule_check_minutes(int64_t every)
{
	static const int	steps[] = { 60, 30, 20, 15, 10, 5, 2, 1 };
	size_t			i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if (steps[i] * 60000LL * 4 <= every)
			return (steps[i]);
	}
	return (1);
}

/* path made absolute against the working directory (caller frees). */
static char *
schedule_absolute(const char *path)
{
	char	cwd[PATH_MAX];

	if (*path == '/')
		return (xstrdup(path));
	if (getcwd(cwd, sizeof cwd) == NULL) {
		cli_error(_("schedule: the working directory: %s"),
		    strerror(errno));
		return (NULL);
	}
	return (xasprintf("%s/%s", cwd, path));
}

/* This very binary, absolute (caller frees), or NULL after saying why. */
static char *
schedule_exe(void)
{
	char	 path[PATH_MAX];
	ssize_t	 n;

	n = readlink("/proc/self/exe", path, sizeof path - 1);
	if (n <= 0) {
		cli_error(_("schedule: cannot find the orbrowse binary "
		    "(/proc/self/exe): %s"), strerror(errno));
		return (NULL);
	}
	path[n] = '\0';
	return (xstrdup(path));
}

/* Whether path has no control character, which no unit file or crontab
 * line can hold; else says why (message). */
static int
schedule_path_ok(const char *path, const char *message)
{
	const unsigned char	*p;

	for (p = (const unsigned char *)path; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f) {
			cli_error("%s", message);
			return (0);
		}
	}
	return (1);
}

/* A shell word for a crontab line: cron turns a bare % into a newline. */
static void
schedule_cron_word(struct buf *b, const char *s)
{
	char		*w;
	const char	*p;

	w = cli_shell_word(s);
	for (p = w; *p != '\0'; p++) {
		if (*p == '%')
			buf_addch(b, '\\');
		buf_addch(b, *p);
	}
	free(w);
}

/*
 * One ExecStart= word: double-quoted, with systemd's escapes; $ is
 * doubled in arguments only (systemd expands variables there, never in
 * the program's path).
 */
static void
schedule_unit_word(struct buf *b, const char *s, int argument)
{
	const char	*p;

	buf_addch(b, '"');
	for (p = s; *p != '\0'; p++) {
		if (*p == '\\' || *p == '"')
			buf_addch(b, '\\');
		else if (*p == '%' || (*p == '$' && argument))
			buf_addch(b, *p);	/* %% and $$: literal */
		buf_addch(b, *p);
	}
	buf_addch(b, '"');
}

/* Text for a unit file's value, specifiers escaped. */
static void
schedule_unit_text(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '%')
			buf_addch(b, '%');
		buf_addch(b, *s);
	}
}

static void
schedule_cron(const struct schedule *sc, struct buf *b)
{
	if (sc->check < 60)
		buf_printf(b, "*/%d * * * * ", sc->check);
	else
		buf_addstr(b, "0 * * * * ");
	schedule_cron_word(b, sc->exe);
	buf_addstr(b, " --db ");
	schedule_cron_word(b, sc->db);
	buf_printf(b, " sync --if-older %s --quiet\n", sc->limit);
}

static void
schedule_service(const struct schedule *sc, struct buf *b)
{
	buf_addstr(b, "[Unit]\nDescription=orbrowse sync of ");
	schedule_unit_text(b, sc->db);
	buf_addstr(b, "\nAfter=network-online.target\n"
	    "Wants=network-online.target\n\n[Service]\nType=oneshot\n"
	    "ExecStart=");
	/* systemd refuses a program path with a quote or a backslash. */
	if (strpbrk(sc->exe, "'\"\\") != NULL) {
		buf_addstr(b, "/usr/bin/env ");
		schedule_unit_word(b, sc->exe, 1);
	} else
		schedule_unit_word(b, sc->exe, 0);
	buf_addstr(b, " --db ");
	schedule_unit_word(b, sc->db, 1);
	buf_printf(b, " sync --if-older %s --quiet\n"
	    "Nice=10\n"
	    "# Exit 4: another process was syncing; the next check tries "
	    "again.\nSuccessExitStatus=4\n", sc->limit);
}

static void
schedule_timer(const struct schedule *sc, struct buf *b)
{
	buf_addstr(b, "[Unit]\nDescription=orbrowse sync of ");
	schedule_unit_text(b, sc->db);
	buf_addstr(b, ", when older than ");
	buf_addstr(b, sc->limit);
	buf_addstr(b, "\n\n[Timer]\n");
	if (sc->check < 60)
		buf_printf(b, "OnCalendar=*:0/%d\n", sc->check);
	else
		buf_addstr(b, "OnCalendar=hourly\n");
	buf_addstr(b, "Persistent=true\n\n[Install]\n"
	    "WantedBy=timers.target\n");
}

/* All three, with where each goes. */
static void
schedule_all(const struct schedule *sc, struct buf *b)
{
	char	*every;

	every = clock_format_duration(sc->every);
	buf_printf(b, _("# Sync %s\n# about every %s: a check every %d min "
	    "syncs once the newest ok run\n# is older than %s.\n\n"), sc->db,
	    every, sc->check, sc->limit);
	free(every);
	buf_addstr(b, _("# 1. cron: add this line with `crontab -e':\n"));
	schedule_cron(sc, b);
	buf_printf(b, _("\n# 2. Or systemd: "
	    "~/.config/systemd/user/%s.service\n"), SCHEDULE_UNIT);
	schedule_service(sc, b);
	buf_printf(b, _("\n# ~/.config/systemd/user/%s.timer\n"),
	    SCHEDULE_UNIT);
	schedule_timer(sc, b);
	buf_printf(b, _("\n# then: systemctl --user daemon-reload && "
	    "systemctl --user enable --now %s.timer\n"), SCHEDULE_UNIT);
}

/* --every and --print: -1 to go on, else the exit status. */
static int
schedule_args(int argc, char **argv, struct schedule *sc, int *what)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "every", required_argument, NULL, 'e' },
		{ "print", required_argument, NULL, 'p' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char	*names[] = { "cron", "service", "timer" };
	char			*cause = NULL;
	int			 opt, i;

	while ((opt = cli_getopt(argc, argv, "e:p:h", longopts,
	    "schedule")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'e':
			if (clock_parse_duration(optarg, &sc->every,
			    &cause) != 0) {
				cli_error(_("schedule: --every: %s"), cause);
				free(cause);
				return (EXIT_USAGE);
			}
			if (sc->every < SCHEDULE_MIN_MS) {
				cli_error(_("schedule: --every: %s is shorter "
				    "than 5m"), optarg);
				return (EXIT_USAGE);
			}
			break;
		case 'p':
			for (i = 0; i < 3; i++) {
				if (strcmp(optarg, names[i]) == 0)
					*what = SCHEDULE_CRON + i;
			}
			if (*what == SCHEDULE_ALL) {
				cli_error(_("schedule: --print: %s is not "
				    "cron, service or timer"), optarg);
				return (EXIT_USAGE);
			}
			break;
		case 'h':
			schedule_usage(stdout);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	if (optind != argc) {
		cli_error(_("schedule: unexpected argument: %s"),
		    argv[optind]);
		return (EXIT_USAGE);
	}
	return (-1);
}

int
cmd_schedule(int argc, char **argv)
{
	struct schedule	 sc;
	struct buf	 b = BUF_INIT;
	char		*db;
	int64_t		 limit;
	int		 what = SCHEDULE_ALL, rc;

	memset(&sc, 0, sizeof sc);
	sc.every = SCHEDULE_DEFAULT_MS;
	if ((rc = schedule_args(argc, argv, &sc, &what)) != -1)
		return (rc);
	if ((db = cli_db_path()) == NULL)
		return (EXIT_FAIL);
	sc.db = schedule_absolute(db);
	free(db);
	sc.exe = schedule_exe();
	rc = EXIT_FAIL;
	if (sc.db == NULL || sc.exe == NULL ||
	    !schedule_path_ok(sc.db, _("schedule: the database's path holds "
	    "a control character; cron and systemd cannot run it")) ||
	    !schedule_path_ok(sc.exe, _("schedule: the binary's path holds a "
	    "control character; cron and systemd cannot run it")))
		goto out;
	sc.check = schedule_check_minutes(sc.every);
	limit = sc.every - sc.check * 60000LL;
	if (limit % 60000 == 0)
		snprintf(sc.limit, sizeof sc.limit, "%lldm",
		    (long long)(limit / 60000));
	else
		snprintf(sc.limit, sizeof sc.limit, "%llds",
		    (long long)(limit / 1000));
	if (what == SCHEDULE_CRON)
		schedule_cron(&sc, &b);
	else if (what == SCHEDULE_SERVICE)
		schedule_service(&sc, &b);
	else if (what == SCHEDULE_TIMER)
		schedule_timer(&sc, &b);
	else
		schedule_all(&sc, &b);
	fputs(buf_str(&b), stdout);
	buf_free(&b);
	rc = EXIT_OK;
out:
	free(sc.db);
	free(sc.exe);
	return (rc);
}
