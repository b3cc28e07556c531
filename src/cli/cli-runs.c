/*
 * cli-runs: `orbrowse runs`, the run log.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "codec/jarena.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/sanitize.h"

static void
runs_usage(FILE *f)
{
	fprintf(f, _("Usage: %s runs [--db PATH] [--stats] [--json]\n"),
	    cli_global.progname);
	fputs(_("Show the run log, newest first.  With --json, one object per "
	    "run: times in\nmilliseconds since 1970 (started_at, ended_at) and "
	    "as ISO 8601 in UTC (started,\nended); errors is a list of "
	    "messages, warnings their count and warning_texts\nthe first of them.\n"),
	    f);
	fputs(_("--stats sums the log up: runs by status, the median and p95 "
	    "duration, mean\nrequests and megabytes read and stored per run "
	    "(over the runs that ended), the\nlast ok run, the database's "
	    "size and its growth per day (between the oldest\nand the newest "
	    "run that recorded the size, if they ended an hour or more\n"
	    "apart).\n"), f);
}

/* Newline-separated text as a list of its lines ([] for none). */
static json_t *
runs_lines(const char *text)
{
	json_t		*list;
	const char	*p, *nl;

	list = json_array();
	for (p = text; p != NULL && *p != '\0'; p = nl + 1) {
		if ((nl = strchr(p, '\n')) == NULL)
			nl = p + strlen(p);
		if (nl > p)
			json_array_append_new(list, json_stringn(p,
			    (size_t)(nl - p)));
		if (*nl == '\0')
			break;
	}
	return (list);
}

static void
runs_json(const struct run_info *runs, size_t n)
{
	const struct run_info	*r;
	json_t			*obj;
	char			*text, *safe;
	size_t			 i;

	fputs("[", stdout);
	for (i = 0; i < n; i++) {
		r = &runs[i];
		obj = json_object();
		json_object_set_new(obj, "id", json_integer(r->id));
		json_object_set_new(obj, "started_at",
		    json_integer(r->started_at));
		json_object_set_new(obj, "started", cli_json_iso(r->started_at));
		json_object_set_new(obj, "ended_at", r->ended_at != 0 ?
		    json_integer(r->ended_at) : json_null());
		json_object_set_new(obj, "ended", cli_json_iso(r->ended_at));
		json_object_set_new(obj, "status", json_string(r->status));
		json_object_set_new(obj, "source", r->source != NULL ?
		    json_string(r->source) : json_null());
		json_object_set_new(obj, "route_family",
		    r->route_family != NULL ? json_string(r->route_family) :
		    json_null());
		json_object_set_new(obj, "models_total",
		    json_integer(r->models_total));
		json_object_set_new(obj, "models_done",
		    json_integer(r->models_done));
		json_object_set_new(obj, "endpoints_done",
		    json_integer(r->endpoints_done));
		json_object_set_new(obj, "requests", json_integer(r->requests));
		json_object_set_new(obj, "retries", json_integer(r->retries));
		json_object_set_new(obj, "bytes_raw",
		    json_integer(r->bytes_raw));
		json_object_set_new(obj, "bytes_gz", json_integer(r->bytes_gz));
		json_object_set_new(obj, "blobs_new",
		    json_integer(r->blobs_new));
		json_object_set_new(obj, "warnings", json_integer(r->warnings));
		json_object_set_new(obj, "warning_texts",
		    runs_lines(r->warning_texts));
		json_object_set_new(obj, "error_count",
		    json_integer(r->error_count));
		json_object_set_new(obj, "errors", runs_lines(r->errors));
		json_object_set_new(obj, "pid", json_integer(r->pid));
		json_object_set_new(obj, "db_bytes", r->db_bytes > 0 ?
		    json_integer(r->db_bytes) : json_null());
		fputs(i == 0 ? "\n" : ",\n", stdout);
		/* errors quotes what the network sent: no raw C1 or bidi. */
		text = json_text(obj, JSON_COMPACT | JSON_PRESERVE_ORDER);
		safe = sanitize_json(text);
		fputs(safe, stdout);
		free(safe);
		free(text);
		json_decref(obj);
	}
	cli_json_end(stdout, n);
}

static void
runs_table(const struct run_info *runs, size_t n)
{
	static const char	*align = "rllrlrrrrrrr";
	const char		*headers[12];
	const char		*cells[12];
	const struct run_info	*r;
	struct table		*t;
	char			 id[24], started[32], dur[32], models[48];
	char			 eps[24], reqs[24], retries[24], raw[24], gz[24];
	char			 errs[24];
	size_t			 i;

	headers[0] = _("RUN");
	headers[1] = _("STARTED");
	headers[2] = _("STATUS");
	headers[3] = _("DURATION");
	headers[4] = _("SOURCE");
	headers[5] = _("MODELS");
	headers[6] = _("ENDPOINTS");
	headers[7] = _("REQUESTS");
	headers[8] = _("RETRIES");
	headers[9] = _("MB RAW");
	headers[10] = _("MB GZ");
	headers[11] = _("ERRORS");
	t = table_new(12, headers, align, NULL);
	for (i = 0; i < n; i++) {
		r = &runs[i];
		snprintf(id, sizeof id, "%lld", (long long)r->id);
		cli_fmt_time(r->started_at, started, sizeof started);
		if (r->ended_at > 0)
			snprintf(dur, sizeof dur, "%.1fs",
			    (double)(r->ended_at - r->started_at) / 1e3);
		else
			snprintf(dur, sizeof dur, "-");
		snprintf(models, sizeof models, "%lld/%lld",
		    (long long)r->models_done, (long long)r->models_total);
		snprintf(eps, sizeof eps, "%lld", (long long)r->endpoints_done);
		snprintf(reqs, sizeof reqs, "%lld", (long long)r->requests);
		snprintf(retries, sizeof retries, "%lld",
		    (long long)r->retries);
		snprintf(raw, sizeof raw, "%.2f", (double)r->bytes_raw / 1e6);
		snprintf(gz, sizeof gz, "%.2f", (double)r->bytes_gz / 1e6);
		snprintf(errs, sizeof errs, "%lld", (long long)r->error_count);
		cells[0] = id;
		cells[1] = started;
		cells[2] = r->status;
		cells[3] = dur;
		cells[4] = r->source;
		cells[5] = models;
		cells[6] = eps;
		cells[7] = reqs;
		cells[8] = retries;
		cells[9] = raw;
		cells[10] = gz;
		cells[11] = errs;
		table_add(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
}

/* A number, or null where it is unknown (NaN or negative). */
static json_t *
runs_json_real(double v)
{
	return (isnan(v) ? json_null() : json_real(v));
}

static json_t *
runs_json_int(int64_t v, int64_t none)
{
	return (v == none ? json_null() : json_integer(v));
}

static void
runs_stats_json(const struct run_stats *rs)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "runs", json_integer(rs->runs));
	json_object_set_new(o, "ok", json_integer(rs->ok));
	json_object_set_new(o, "partial", json_integer(rs->partial));
	json_object_set_new(o, "failed", json_integer(rs->failed));
	json_object_set_new(o, "aborted", json_integer(rs->aborted));
	json_object_set_new(o, "running", json_integer(rs->running));
	json_object_set_new(o, "ended", json_integer(rs->finished));
	json_object_set_new(o, "duration_median_ms",
	    runs_json_int(rs->median_ms, -1));
	json_object_set_new(o, "duration_p95_ms",
	    runs_json_int(rs->p95_ms, -1));
	json_object_set_new(o, "mean_requests",
	    runs_json_real(rs->mean_requests));
	json_object_set_new(o, "mean_bytes_read",
	    runs_json_real(rs->mean_bytes_raw));
	json_object_set_new(o, "mean_bytes_stored",
	    runs_json_real(rs->mean_bytes_gz));
	json_object_set_new(o, "last_ok_run_id",
	    runs_json_int(rs->last_ok_id, 0));
	json_object_set_new(o, "last_ok_ended_at",
	    runs_json_int(rs->last_ok_ended, 0));
	json_object_set_new(o, "last_ok_ended",
	    cli_json_iso(rs->last_ok_ended));
	json_object_set_new(o, "db_bytes", json_integer(rs->db_bytes));
	json_object_set_new(o, "db_growth_bytes_per_day",
	    runs_json_real(rs->growth_per_day));
	json_object_set_new(o, "growth_from_run_id",
	    runs_json_int(rs->growth_from, 0));
	json_object_set_new(o, "growth_to_run_id",
	    runs_json_int(rs->growth_to, 0));
	cli_json_write(stdout, o, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(o);
}

/* A duration, or "-" where there is none. */
static void
runs_stats_duration(int64_t ms, char *out, size_t len)
{
	char	*d;

	if (ms < 0) {
		snprintf(out, len, "-");
		return;
	}
	d = clock_format_duration(ms);
	snprintf(out, len, "%s", d);
	free(d);
}

static void
runs_stats_text(const struct run_stats *rs)
{
	char	a[32], b[32], c[32];

	printf(_("Runs: %lld (ok %lld, partial %lld, failed %lld, aborted "
	    "%lld, running %lld)\n"), (long long)rs->runs, (long long)rs->ok,
	    (long long)rs->partial, (long long)rs->failed,
	    (long long)rs->aborted, (long long)rs->running);
	runs_stats_duration(rs->median_ms, a, sizeof a);
	runs_stats_duration(rs->p95_ms, b, sizeof b);
	printf(_("Duration: median %s, p95 %s (%lld runs ended)\n"), a, b,
	    (long long)rs->finished);
	if (rs->last_ok_id > 0) {
		printf(_("Last ok run: %lld, ended %s\n"),
		    (long long)rs->last_ok_id, cli_fmt_time(rs->last_ok_ended,
		    a, sizeof a));
	} else
		printf(_("Last ok run: none\n"));
	printf(_("Mean per run: %s requests, %s MB read, %s MB stored\n"),
	    numfmt_real(rs->mean_requests, 1, a, sizeof a),
	    numfmt_real(rs->mean_bytes_raw / 1e6, 2, b, sizeof b),
	    numfmt_real(rs->mean_bytes_gz / 1e6, 2, c, sizeof c));
	numfmt_real((double)rs->db_bytes / 1e6, 2, a, sizeof a);
	if (isnan(rs->growth_per_day))
		printf(_("Database: %s MB, growth per day unknown (no two runs "
		    "an hour apart\nrecorded its size)\n"), a);
	else
		printf(_("Database: %s MB, %s MB per day (runs %lld to "
		    "%lld)\n"), a, numfmt_real(rs->growth_per_day / 1e6, 2,
		    b, sizeof b), (long long)rs->growth_from,
		    (long long)rs->growth_to);
}

/* runs --stats. */
static int
runs_stats(struct store *store, int json)
{
	struct run_stats	 rs;
	char			*cause = NULL;

	if (store_run_stats(store, &rs, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return (EXIT_FAIL);
	}
	if (json)
		runs_stats_json(&rs);
	else
		runs_stats_text(&rs);
	return (EXIT_OK);
}

int
cmd_runs(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "stats", no_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*store;
	struct run_info	*runs;
	size_t		 n;
	char		*cause = NULL;
	int		 opt, json = 0, stats = 0, rc;

	while ((opt = cli_getopt(argc, argv, "jsh", longopts,
	    "runs")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 's':
			stats = 1;
			break;
		case 'h':
			runs_usage(stdout);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	if (optind != argc) {
		cli_error(_("runs: unexpected argument: %s"), argv[optind]);
		return (EXIT_USAGE);
	}
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		return (rc);
	if (stats) {
		rc = runs_stats(store, json);
		store_close(store);
		return (rc);
	}
	if (store_run_list(store, &runs, &n, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		store_close(store);
		return (EXIT_FAIL);
	}
	if (json)
		runs_json(runs, n);
	else if (n == 0)
		printf(_("No runs yet.\n"));
	else
		runs_table(runs, n);
	run_info_list_free(runs, n);
	store_close(store);
	return (EXIT_OK);
}
