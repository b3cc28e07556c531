/*
 * cli-sync: `orbrowse sync`, and the CLI's event loop that drives the sync
 * engine (the UI is the other driver).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/cli-alerts.h"
#include "cli/cli-settings.h"
#include "sync/sync.h"
#include "util/clock.h"
#include "util/i18n.h"

/* Long options without a short form. */
#define OPT_INSECURE	256
#define OPT_IF_OLDER	257

static volatile sig_atomic_t	sync_stop;
static int			sync_pipe[2] = { -1, -1 };

static void
sync_signal(int sig)
{
	int	saved = errno;

	(void)sig;
	sync_stop = 1;
	if (sync_pipe[1] != -1)
		(void)write(sync_pipe[1], "x", 1);
	errno = saved;
}

static void
sync_usage(FILE *f)
{
	fprintf(f, _("Usage: %s sync [--db PATH] [--base-url URL] [--metrics] "
	    "[--extras]\n"
	    "         [--concurrency N] [--rate N] [--rate-max N] [--retries N]\n"
	    "         [--config FILE] [--no-gc] [--quiet] [--json] "
	    "[--insecure]\n         [--if-older DURATION]\n"),
	    cli_global.progname);
	fputs(_("Fetch OpenRouter's model list, every model's endpoints (and "
	    "with --metrics\ntheir latency, throughput and uptime series) into "
	    "the database, as one run.\n"), f);
	fputs(_("With --extras (extras = yes) it also asks for each model's "
	    "top apps and daily\ntoken usage and for each author's page; "
	    "their failures are recorded in the\nrun log and never make the "
	    "run partial.\n"), f);
	fputs(_("Settings come from $XDG_CONFIG_HOME/orbrowse/config "
	    "(\"key = value\" lines:\nbase_url, route.*, concurrency, rate, "
	    "rate.max, retries, metrics, extras, gc,\ntimeout.connect, "
	    "timeout.low_speed, timeout.total, backoff.base_ms,\n"
	    "max_response_mb, retention.window_hours, retention.keep_days), "
	    "then\nORBROWSE_BASE_URL, then options.  OPENROUTER_API_KEY, when "
	    "set, is sent as a\nbearer token and never stored.\n"), f);
	fputs(_("The alert.* settings choose the changes of a run that are "
	    "alerts: they are\nprinted after the summary, listed in --json "
	    "and kept (orbrowse alerts).\n"), f);
	fputs(_("The request rate starts at rate (default 10/s) and grows up "
	    "to rate.max\n(default 30/s) while the server answers quickly; a "
	    "429 halves it, and\nRetry-After and X-RateLimit-* headers are "
	    "kept to.\n"), f);
	fputs(_("--insecure turns TLS certificate and host name verification "
	    "off, for a test\nserver with a self-signed certificate: anyone "
	    "on the path can then read the\nAPI key and change the data.  "
	    "It warns each time, the run log records it,\nand it can only be "
	    "given on the command line.\n"), f);
	fputs(_("--if-older DURATION (30m, 2h, 1d, 1h30m) syncs only when the "
	    "newest complete\n(ok) run ended longer ago than that; otherwise "
	    "it says so on stderr (not\nwith --quiet; --json reports it as "
	    "status \"fresh\") and exits 0 at once,\nwithout a request.  "
	    "For cron and systemd timers: see `orbrowse schedule'.\n"), f);
	fputs(_("Exit status: 0 run ok, 1 run failed, 2 usage error, 3 run "
	    "partial, 4 database\nlocked, 5 interrupted (run aborted).\n"), f);
}

static void
sync_draw(const struct sync_progress *p, int final)
{
	char	 bar[21], eta[32];
	double	 secs, frac, rate;
	int	 i, fill;

	secs = (double)p->elapsed_ms / 1000.0;
	frac = p->models_total > 0 ? (double)(p->models_done +
	    p->models_failed) / p->models_total : 0;
	fill = (int)(frac * 20);
	for (i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '-';
	bar[20] = '\0';
	rate = secs > 0 ? (double)p->requests / secs : 0;
	if (frac > 0.01 && frac < 1) {
		char *d = clock_format_duration((int64_t)(p->elapsed_ms *
		    (1 - frac) / frac));
		snprintf(eta, sizeof eta, "%s", d);
		free(d);
	} else
		snprintf(eta, sizeof eta, "-");
	fputc('\r', stderr);
	fprintf(stderr, _("[%s] %u/%u models  %.1f req/s  %.1f MB  %lld "
	    "retries  %lld errors  ETA %s"), bar, p->models_done +
	    p->models_failed, p->models_total, rate, (double)p->bytes / 1e6,
	    (long long)p->retries, (long long)p->errors, eta);
	fputs(final ? "\n" : "\033[K", stderr);
}

static int
sync_exit(const char *status)
{
	if (strcmp(status, "ok") == 0)
		return (EXIT_OK);
	if (strcmp(status, "partial") == 0)
		return (EXIT_PARTIAL);
	if (strcmp(status, "aborted") == 0)
		return (EXIT_ABORTED);
	return (EXIT_FAIL);
}

static void
sync_json(const struct sync_result *res, const struct sync_progress *p,
    json_t *alerts)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "run_id", json_integer(res->run_id));
	json_object_set_new(o, "status", json_string(res->status));
	json_object_set_new(o, "route_family", res->family != NULL ?
	    json_string(res->family) : json_null());
	json_object_set_new(o, "models_total", json_integer(p->models_total));
	json_object_set_new(o, "models_done", json_integer(p->models_done));
	json_object_set_new(o, "models_failed",
	    json_integer(p->models_failed));
	json_object_set_new(o, "models_unchanged",
	    json_integer(p->models_unchanged));
	json_object_set_new(o, "endpoints", json_integer(p->endpoints));
	json_object_set_new(o, "requests", json_integer(p->requests));
	json_object_set_new(o, "retries", json_integer(p->retries));
	json_object_set_new(o, "refused", json_integer(p->refused));
	json_object_set_new(o, "rate_top", json_real(p->rate_top));
	json_object_set_new(o, "bytes", json_integer(p->bytes));
	json_object_set_new(o, "errors", json_integer(p->errors));
	json_object_set_new(o, "tombstoned", json_integer(res->tombstoned));
	json_object_set_new(o, "blobs_deleted",
	    json_integer(res->gc.blobs_deleted));
	json_object_set_new(o, "elapsed_ms", json_integer(p->elapsed_ms));
	json_object_set_new(o, "error", res->error != NULL ?
	    json_string(res->error) : json_null());
	json_object_set_new(o, "alerts", alerts != NULL ? json_incref(alerts) :
	    json_array());
	json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(o);
}

/* The CLI's event loop: one wait point, the signal pipe beside curl. */
static int
sync_drive(struct sync *s, int progress, char **cause)
{
	struct http_waitfd	 wfd;
	struct sync_progress	 p;
	int64_t			 last = 0, now;
	char			 drain[64];
	int			 rc;

	memset(&wfd, 0, sizeof wfd);
	wfd.fd = sync_pipe[0];
	wfd.events = HTTP_WAIT_IN;
	for (;;) {
		rc = sync_step(s, 200, &wfd, 1, cause);
		if (rc < 0)
			return (-1);
		if (sync_stop) {
			while (read(sync_pipe[0], drain, sizeof drain) > 0)
				;
			sync_abort(s);
		}
		now = clock_mono_ms();
		if (progress && (now - last >= 200 || rc == 0)) {
			sync_progress(s, &p);
			sync_draw(&p, rc == 0);
			last = now;
		}
		if (rc == 0)
			return (0);
	}
}

/* The command line, before the settings are loaded. */
struct sync_args {
	const char	*config;
	char		*setv[128];	/* options that are settings */
	int		 seto[128];
	int		 nset;
	int		 quiet;
	int		 json;
	int		 metrics;
	int		 extras;
	int		 insecure;
	int		 no_gc;
	int64_t		 if_older;	/* ms, 0 for always */
};

/* Parse the options: -1 to go on, else the exit status. */
static int
sync_args_parse(int argc, char **argv, struct sync_args *a)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "metrics", no_argument, NULL, 'm' },
		{ "extras", no_argument, NULL, 'E' },
		{ "concurrency", required_argument, NULL, 'c' },
		{ "rate", required_argument, NULL, 'r' },
		{ "rate-max", required_argument, NULL, 'x' },
		{ "retries", required_argument, NULL, 'R' },
		{ "config", required_argument, NULL, 'C' },
		{ "no-gc", no_argument, NULL, 'G' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "json", no_argument, NULL, 'j' },
		{ "insecure", no_argument, NULL, OPT_INSECURE },
		{ "if-older", required_argument, NULL, OPT_IF_OLDER },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char	*cause;
	int	 opt;

	memset(a, 0, sizeof *a);
	while ((opt = cli_getopt(argc, argv, "b:mc:r:x:R:C:Gqjh", longopts,
	    "sync")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'b':
		case 'c':
		case 'r':
		case 'x':
		case 'R':
			if (a->nset < 128) {
				a->seto[a->nset] = opt;
				a->setv[a->nset++] = optarg;
			}
			break;
		case 'm':
			a->metrics = 1;
			break;
		case 'E':
			a->extras = 1;
			break;
		case 'C':
			a->config = optarg;
			break;
		case 'G':
			a->no_gc = 1;
			break;
		case 'q':
			a->quiet = 1;
			break;
		case 'j':
			a->json = 1;
			break;
		case OPT_INSECURE:
			a->insecure = 1;
			break;
		case OPT_IF_OLDER:
			if (clock_parse_duration(optarg, &a->if_older,
			    &cause) != 0) {
				cli_error(_("sync: --if-older: %s"), cause);
				free(cause);
				return (EXIT_USAGE);
			}
			break;
		case 'h':
			sync_usage(stdout);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	if (optind != argc) {
		cli_error(_("sync: unexpected argument: %s"), argv[optind]);
		return (EXIT_USAGE);
	}
	return (-1);
}

/*
 * The settings, with the options given on top: EXIT_OK, or EXIT_USAGE
 * after a message (ss->opt.routes is freed then).
 */
static int
sync_args_apply(const struct sync_args *a, struct cli_settings *ss)
{
	static const char *keys[] = {
		['b'] = "base_url", ['c'] = "concurrency", ['r'] = "rate",
		['R'] = "retries", ['x'] = "rate.max",
	};
	char	*cause = NULL;
	int	 i;

	if (cli_settings_load(ss, a->config, &cause) != 0)
		goto usage_error;
	for (i = 0; i < a->nset; i++) {
		if (cli_settings_set(ss, keys[a->seto[i]], a->setv[i],
		    &cause) != 0)
			goto usage_error;
	}
	if (a->no_gc)
		ss->no_gc = 1;
	if (a->metrics)
		ss->opt.metrics = 1;
	if (a->extras)
		ss->opt.extras = 1;
	ss->opt.gc = !ss->no_gc;
	/* Only from the command line, never from a file or the environment. */
	if (a->insecure) {
		ss->opt.http.insecure = 1;
		cli_error(_("warning: --insecure: TLS certificates and host "
		    "names are not verified; the API key and the data can be "
		    "read and changed on the way"));
	}
	return (EXIT_OK);

usage_error:
	cli_error("%s", cause);
	free(cause);
	routes_clear(&ss->opt.routes);
	return (EXIT_USAGE);
}

/* The signal pipe, and SIGINT and SIGTERM written into it. */
static int
sync_signals(struct sigaction *old_int, struct sigaction *old_term)
{
	struct sigaction	sa;

	if (pipe(sync_pipe) != 0) {
		cli_error(_("sync: pipe: %s"), strerror(errno));
		return (-1);
	}
	fcntl(sync_pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(sync_pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(sync_pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(sync_pipe[1], F_SETFD, FD_CLOEXEC);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sync_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, old_int);
	sigaction(SIGTERM, &sa, old_term);
	signal(SIGPIPE, SIG_IGN);
	return (0);
}

/* --if-older said no: what was found, as the options ask. */
static void
sync_fresh_report(const struct sync_args *a, const struct run_info *r,
    int64_t age)
{
	json_t	*o;
	char	*ago, *limit;

	if (a->json) {
		o = json_object();
		json_object_set_new(o, "run_id", json_null());
		json_object_set_new(o, "status", json_string("fresh"));
		json_object_set_new(o, "last_ok_run_id", json_integer(r->id));
		json_object_set_new(o, "last_ok_ended_at",
		    json_integer(r->ended_at));
		json_object_set_new(o, "last_ok_ended",
		    cli_json_iso(r->ended_at));
		json_object_set_new(o, "age_ms", json_integer(age));
		json_object_set_new(o, "if_older_ms",
		    json_integer(a->if_older));
		json_object_set_new(o, "requests", json_integer(0));
		cli_json_write(stdout, o, JSON_INDENT(2) |
		    JSON_PRESERVE_ORDER);
		fputc('\n', stdout);
		json_decref(o);
	}
	if (a->quiet)
		return;
	ago = clock_format_duration(age);
	limit = clock_format_duration(a->if_older);
	cli_error(_("sync: run %lld, the newest complete one, ended %s ago, "
	    "less than %s: not syncing"), (long long)r->id, ago, limit);
	free(ago);
	free(limit);
}

/*
 * --if-older: 1 when the newest ok run ended less than that long ago (and
 * after saying so), 0 to sync, -1 on a store error (said).  A run that
 * ended in the future (a clock set back) does not count as fresh.
 */
static int
sync_fresh(const struct sync_args *a, struct store *store)
{
	struct run_info	 r;
	char		*cause = NULL;
	int64_t		 age;
	int		 found, fresh;

	if (a->if_older <= 0)
		return (0);
	if (store_run_last_ok(store, &r, &found, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return (-1);
	}
	if (!found)
		return (0);
	age = clock_now_ms() - r.ended_at;
	fresh = r.ended_at > 0 && age >= 0 && age < a->if_older;
	if (fresh)
		sync_fresh_report(a, &r, age);
	run_info_clear(&r);
	return (fresh);
}

/* What the run did, as the options ask; the exit status. */
static int
sync_report(const struct sync_args *a, const struct sync_result *res,
    const struct sync_progress *p, json_t *alerts)
{
	if (a->json)
		sync_json(res, p, alerts);
	else if (!a->quiet) {
		printf(_("run %lld: %s (%s routes): %u/%u models (%u "
		    "unchanged), %u failed, %lld endpoints, %lld requests, "
		    "%lld retries, %.1f MB, %lld tombstoned\n"),
		    (long long)res->run_id, res->status,
		    res->family != NULL ? res->family : "-",
		    p->models_done, p->models_total, p->models_unchanged,
		    p->models_failed, (long long)p->endpoints,
		    (long long)p->requests, (long long)p->retries,
		    (double)p->bytes / 1e6, (long long)res->tombstoned);
	}
	if (res->error != NULL && strcmp(res->status, "ok") != 0)
		cli_error(_("sync: %s"), res->error);
	return (sync_exit(res->status));
}

int
cmd_sync(int argc, char **argv)
{
	struct sync_args	 a;
	struct cli_settings	 ss;
	struct sigaction	 old_int, old_term;
	struct sync_progress	 p;
	struct sync_result	 res;
	struct store		*store = NULL;
	struct sync		*s = NULL;
	json_t			*alerts = NULL;
	char			*cause = NULL;
	int			 rc, locked = 0, progress;

	if ((rc = sync_args_parse(argc, argv, &a)) != -1)
		return (rc);
	if ((rc = sync_args_apply(&a, &ss)) != EXIT_OK)
		return (rc);
	if (http_global_init(&cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		routes_clear(&ss.opt.routes);
		return (EXIT_FAIL);
	}

	if ((rc = cli_open(STORE_CREATE, &store)) != EXIT_OK)
		goto out;
	if ((rc = sync_fresh(&a, store)) != 0) {
		rc = rc > 0 ? EXIT_OK : EXIT_FAIL;
		goto out;
	}
	if (sync_signals(&old_int, &old_term) != 0) {
		rc = EXIT_FAIL;
		goto out;
	}
	if (sync_start(store, &ss.opt, &s, &locked, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = locked ? EXIT_LOCKED : EXIT_FAIL;
		goto restore;
	}
	progress = !a.quiet && !a.json && isatty(STDERR_FILENO);
	if (sync_drive(s, progress, &cause) != 0) {
		cli_error(_("sync: %s"), cause);
		free(cause);
		cause = NULL;
		sync_abort(s);
	}
	sync_progress(s, &p);
	if (sync_finish(s, &res, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
		goto restore;
	}
	/* The alerts of the run (cli-alerts.c): in the JSON, or listed
	 * after the summary. */
	if (a.json)
		alerts = cli_alerts_after_run(store, &ss.alerts, res.run_id, 0);
	rc = sync_report(&a, &res, &p, alerts);
	if (!a.json)
		alerts = cli_alerts_after_run(store, &ss.alerts, res.run_id,
		    !a.quiet);
	json_decref(alerts);
	free(res.family);
	free(res.error);
restore:
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
out:
	if (sync_pipe[0] != -1) {
		close(sync_pipe[0]);
		close(sync_pipe[1]);
		sync_pipe[0] = sync_pipe[1] = -1;
	}
	store_close(store);
	routes_clear(&ss.opt.routes);
	http_global_cleanup();
	return (rc);
}
