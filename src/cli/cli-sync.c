/*
 * cli-sync: `orbrowse sync` and `orbrowse gc`, and the CLI's event loop
 * that drives the sync engine (the UI will be the other driver).
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "sync/sync.h"
#include "util/clock.h"
#include "util/conffile.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define USER_AGENT	"orbrowse/" PACKAGE_VERSION \
	" (+https://github.com/orbrowse/orbrowse)"

/* Long options without a short form. */
#define OPT_INSECURE	256

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
	fprintf(f, _("Usage: %s sync [--db PATH] [--base-url URL] [--metrics]\n"
	    "         [--concurrency N] [--rate N] [--retries N] [--config "
	    "FILE]\n         [--no-gc] [--quiet] [--json] [--insecure]\n"),
	    cli_global.progname);
	fputs(_("Fetch OpenRouter's model list, every model's endpoints (and "
	    "with --metrics\ntheir latency, throughput and uptime series) into "
	    "the database, as one run.\n"), f);
	fputs(_("Settings come from $XDG_CONFIG_HOME/orbrowse/config "
	    "(\"key = value\" lines:\nbase_url, route.*, concurrency, rate, "
	    "retries, metrics, gc, timeout.connect,\ntimeout.low_speed, "
	    "timeout.total, backoff.base_ms, max_response_mb,\n"
	    "retention.window_hours, retention.keep_days), then "
	    "ORBROWSE_BASE_URL, then\noptions.  OPENROUTER_API_KEY, when set, "
	    "is sent as a bearer token and never\nstored.\n"), f);
	fputs(_("--insecure turns TLS certificate and host name verification "
	    "off, for a test\nserver with a self-signed certificate: anyone "
	    "on the path can then read the\nAPI key and change the data.  "
	    "It warns each time, the run log records it,\nand it can only be "
	    "given on the command line.\n"), f);
	fputs(_("Exit status: 0 run ok, 1 run failed, 2 usage error, 3 run "
	    "partial, 4 database\nlocked, 5 interrupted (run aborted).\n"), f);
}

static int
parse_int(const char *key, const char *value, int min, int max, int *out,
    char **cause)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || v < min || v > max) {
		*cause = xasprintf(_("%s: want a whole number from %d to %d, "
		    "not \"%s\""), key, min, max, value);
		return (-1);
	}
	*out = (int)v;
	return (0);
}

static int
parse_bool(const char *key, const char *value, int *out, char **cause)
{
	if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 ||
	    strcmp(value, "1") == 0)
		*out = 1;
	else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 ||
	    strcmp(value, "0") == 0)
		*out = 0;
	else {
		*cause = xasprintf(_("%s: want yes or no, not \"%s\""), key,
		    value);
		return (-1);
	}
	return (0);
}

/* One setting, from the config file or an option. */
static int
sync_set(void *arg, const char *key, const char *value, char **cause)
{
	struct sync_settings	*ss = arg;
	struct sync_options	*o = &ss->opt;
	char			*end;
	double			 d;
	int			 v;

	if (strcmp(key, "base_url") == 0 || strncmp(key, "route.", 6) == 0)
		return (routes_set(&o->routes, key, value, cause));
	if (strcmp(key, "concurrency") == 0)
		return (parse_int(key, value, 1, 64, &o->http.max_in_flight,
		    cause));
	if (strcmp(key, "retries") == 0)
		return (parse_int(key, value, 0, 20, &o->http.max_retries,
		    cause));
	if (strcmp(key, "metrics") == 0)
		return (parse_bool(key, value, &o->metrics, cause));
	if (strcmp(key, "gc") == 0) {
		if (parse_bool(key, value, &v, cause) != 0)
			return (-1);
		ss->no_gc = !v;
		return (0);
	}
	if (strcmp(key, "rate") == 0) {
		errno = 0;
		d = strtod(value, &end);
		if (errno != 0 || end == value || *end != '\0' || !isfinite(d) ||
		    d < 0 || d > 10000) {
			*cause = xasprintf(_("%s: want requests per second "
			    "(0 for no limit), not \"%s\""), key, value);
			return (-1);
		}
		o->http.max_rate = d;
		return (0);
	}
	if (strcmp(key, "timeout.connect") == 0) {
		if (parse_int(key, value, 1, 600, &v, cause) != 0)
			return (-1);
		o->http.connect_timeout_s = v;
		return (0);
	}
	if (strcmp(key, "timeout.low_speed") == 0) {
		if (parse_int(key, value, 1, 600, &v, cause) != 0)
			return (-1);
		o->http.low_speed_time_s = v;
		return (0);
	}
	if (strcmp(key, "timeout.total") == 0) {
		if (parse_int(key, value, 1, 3600, &v, cause) != 0)
			return (-1);
		o->http.total_timeout_s = v;
		return (0);
	}
	if (strcmp(key, "backoff.base_ms") == 0) {
		if (parse_int(key, value, 1, 600000, &v, cause) != 0)
			return (-1);
		o->http.backoff_base_ms = v;
		return (0);
	}
	if (strcmp(key, "max_response_mb") == 0) {
		if (parse_int(key, value, 1, 1024, &v, cause) != 0)
			return (-1);
		o->http.max_bytes = (size_t)v * 1024 * 1024;
		return (0);
	}
	if (strcmp(key, "retention.window_hours") == 0)
		return (parse_int(key, value, 1, 24 * 365, &o->window_hours,
		    cause));
	if (strcmp(key, "retention.keep_days") == 0)
		return (parse_int(key, value, 1, 36500, &o->keep_days, cause));
	*cause = xasprintf(_("unknown setting \"%s\""), key);
	return (-1);
}

/* Defaults, then the config file, then the environment. */
int
sync_settings_load(struct sync_settings *ss, const char *config,
    char **cause)
{
	const char	*env;
	char		*path;
	int		 rc;

	memset(ss, 0, sizeof *ss);
	routes_init(&ss->opt.routes);
	ss->opt.http.user_agent = USER_AGENT;
	ss->opt.http.max_in_flight = 4;
	ss->opt.http.max_rate = 10;
	ss->opt.http.max_retries = 4;
	ss->opt.window_hours = 48;
	ss->opt.keep_days = 180;
	path = config != NULL ? xstrdup(config) : config_default_path();
	rc = path == NULL ? 0 : config_load(path, config == NULL, sync_set, ss,
	    cause);
	free(path);
	if (rc != 0)
		return (-1);
	env = getenv("ORBROWSE_BASE_URL");
	if (env != NULL && *env != '\0' && routes_set(&ss->opt.routes,
	    "base_url", env, cause) != 0)
		return (-1);
	env = getenv("OPENROUTER_API_KEY");
	ss->opt.http.api_key = env != NULL && *env != '\0' ? env : NULL;
	return (0);
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
sync_json(const struct sync_result *res, const struct sync_progress *p)
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
	json_object_set_new(o, "bytes", json_integer(p->bytes));
	json_object_set_new(o, "errors", json_integer(p->errors));
	json_object_set_new(o, "tombstoned", json_integer(res->tombstoned));
	json_object_set_new(o, "blobs_deleted",
	    json_integer(res->gc.blobs_deleted));
	json_object_set_new(o, "elapsed_ms", json_integer(p->elapsed_ms));
	json_object_set_new(o, "error", res->error != NULL ?
	    json_string(res->error) : json_null());
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

int
cmd_sync(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "base-url", required_argument, NULL, 'b' },
		{ "metrics", no_argument, NULL, 'm' },
		{ "concurrency", required_argument, NULL, 'c' },
		{ "rate", required_argument, NULL, 'r' },
		{ "retries", required_argument, NULL, 'R' },
		{ "config", required_argument, NULL, 'C' },
		{ "no-gc", no_argument, NULL, 'G' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "json", no_argument, NULL, 'j' },
		{ "insecure", no_argument, NULL, OPT_INSECURE },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const char *keys[] = {
		['b'] = "base_url", ['c'] = "concurrency", ['r'] = "rate",
		['R'] = "retries",
	};
	struct sync_settings	 ss;
	struct sigaction	 sa, old_int, old_term;
	struct sync_progress	 p;
	struct sync_result	 res;
	struct store		*store = NULL;
	struct sync		*s = NULL;
	const char		*config = NULL;
	char			*cause = NULL;
	char			*setv[128];
	int			 seto[128], nset = 0, i;
	int			 opt, quiet = 0, json = 0, metrics = 0, rc;
	int			 locked = 0, progress, insecure = 0, no_gc = 0;

	while ((opt = getopt_long(argc, argv, "b:mc:r:R:C:Gqjh", longopts,
	    NULL)) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'b':
		case 'c':
		case 'r':
		case 'R':
			if (nset < 128) {
				seto[nset] = opt;
				setv[nset++] = optarg;
			}
			break;
		case 'm':
			metrics = 1;
			break;
		case 'C':
			config = optarg;
			break;
		case 'G':
			no_gc = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		case 'j':
			json = 1;
			break;
		case OPT_INSECURE:
			insecure = 1;
			break;
		case 'h':
			sync_usage(stdout);
			return (EXIT_OK);
		default:
			sync_usage(stderr);
			return (EXIT_USAGE);
		}
	}
	if (optind != argc) {
		cli_error(_("sync: unexpected argument: %s"), argv[optind]);
		return (EXIT_USAGE);
	}
	if (sync_settings_load(&ss, config, &cause) != 0)
		goto usage_error;
	for (i = 0; i < nset; i++) {
		if (sync_set(&ss, keys[seto[i]], setv[i], &cause) != 0)
			goto usage_error;
	}
	if (no_gc)
		ss.no_gc = 1;
	if (metrics)
		ss.opt.metrics = 1;
	ss.opt.gc = !ss.no_gc;
	/* Only from the command line, never from a file or the environment. */
	if (insecure) {
		ss.opt.http.insecure = 1;
		cli_error(_("warning: --insecure: TLS certificates and host "
		    "names are not verified; the API key and the data can be "
		    "read and changed on the way"));
	}
	if (http_global_init(&cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		routes_clear(&ss.opt.routes);
		return (EXIT_FAIL);
	}

	if ((rc = cli_open(STORE_CREATE, &store)) != EXIT_OK)
		goto out;
	if (pipe(sync_pipe) != 0) {
		cli_error(_("sync: pipe: %s"), strerror(errno));
		rc = EXIT_FAIL;
		goto out;
	}
	fcntl(sync_pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(sync_pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(sync_pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(sync_pipe[1], F_SETFD, FD_CLOEXEC);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = sync_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	signal(SIGPIPE, SIG_IGN);

	if (sync_start(store, &ss.opt, &s, &locked, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = locked ? EXIT_LOCKED : EXIT_FAIL;
		goto restore;
	}
	progress = !quiet && !json && isatty(STDERR_FILENO);
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
	if (json)
		sync_json(&res, &p);
	else if (!quiet) {
		printf(_("run %lld: %s (%s routes): %u/%u models (%u "
		    "unchanged), %u failed, %lld endpoints, %lld requests, "
		    "%lld retries, %.1f MB, %lld tombstoned\n"),
		    (long long)res.run_id, res.status,
		    res.family != NULL ? res.family : "-",
		    p.models_done, p.models_total, p.models_unchanged,
		    p.models_failed, (long long)p.endpoints, (long long)p.requests,
		    (long long)p.retries, (double)p.bytes / 1e6,
		    (long long)res.tombstoned);
	}
	if (res.error != NULL && strcmp(res.status, "ok") != 0)
		cli_error(_("sync: %s"), res.error);
	rc = sync_exit(res.status);
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

usage_error:
	cli_error("%s", cause);
	free(cause);
	routes_clear(&ss.opt.routes);
	return (EXIT_USAGE);
}

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

	while ((opt = getopt_long(argc, argv, "w:k:h", longopts,
	    NULL)) != -1) {
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
			gc_usage(stderr);
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
