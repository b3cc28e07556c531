/*
 * cli-history: `orbrowse history MODEL`, the step series of a model's
 * listings, replayed from the change records (store/store-replay.h):
 * a listing's first observation, then one point for every run that
 * changed its prompt, completion or cache read price, p50 latency, p50
 * throughput, uptime, status, or took it away or brought it back.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "store/store-changelog.h"
#include "store/store-replay.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/numfmt.h"

/* The JSON names of the values, in store-replay.h's order. */
static const char *const hist_json_names[RF_N] = {
	"price_prompt", "price_completion", "price_cache_read",
	"p50_latency_ms", "p50_throughput", "uptime", "status"
};

static const char *const history_headers[] = { "TIME", "PROVIDER", "PROMPT",
    "COMPL", "CACHE", "LAT", "TPS", "UP%", "ST", "ACTIVE" };
static const int history_maxw[] = { 0, 24, 0, 0, 0, 0, 0, 0, 0, 0 };

struct hist_args {
	const char	*provider;
	const char	*since;
	int		 json;
	int		 csv;
};

static void
history_usage(FILE *f)
{
	fprintf(f, _("Usage: %s history [--db PATH] MODEL [--provider P] "
	    "[--since DUR]\n       [--json | --csv]\n"), cli_global.progname);
	fputs(_("A model's endpoints over time: their first observation and "
	    "every run that\nchanged a price (prompt, completion, cache read), "
	    "the p50 latency or\nthroughput, the uptime, the status, or took "
	    "an endpoint away or brought it\nback.  MODEL is what cheapest "
	    "takes; P a provider slug; DUR as for changes.\n"), f);
}

static json_t *
history_str(const char *s)
{
	return (s != NULL ? json_string_nocheck(s) : json_null());
}

static json_t *
history_point(const struct replay_point *l)
{
	const struct change_rec	*c = l->last;
	json_t			*o;
	char			*at;
	int			 i;

	at = clock_format_iso(c->at / 1000);
	o = json_object();
	json_object_set_new(o, "at", json_string(at));
	json_object_set_new(o, "run_id", json_integer(c->run_id));
	json_object_set_new(o, "model_id", history_str(c->model_id));
	json_object_set_new(o, "model_key", history_str(c->model_key));
	json_object_set_new(o, "provider_slug", history_str(c->provider_slug));
	json_object_set_new(o, "provider_name", history_str(c->provider_name));
	for (i = 0; i < RF_N; i++)
		json_object_set_new(o, hist_json_names[i],
		    cli_change_value_json(&l->v[i]));
	json_object_set_new(o, "active", json_boolean(l->active));
	free(at);
	return (o);
}

/* Where the points go: printed as they come, or into the table. */
struct hist_out {
	const struct hist_args	*a;
	size_t			 n;
	struct table		*t;
};

static void
history_table_row(struct table *t, const json_t *o)
{
	const char	*cells[10];
	const json_t	*v;
	char		 buf[7][32];
	int		 k;

	cells[0] = json_string_value(json_object_get(o, "at"));
	if ((cells[1] = json_string_value(json_object_get(o,
	    "provider_slug"))) == NULL)
		cells[1] = "";
	for (k = 0; k < 6; k++) {
		v = json_object_get(o, hist_json_names[k]);
		if (k < 3)
			cells[2 + k] = numfmt_price(json_is_number(v) ?
			    json_number_value(v) : NAN, NUMFMT_PRICE_DIGITS,
			    buf[k], 32);
		else
			cells[2 + k] = numfmt_real(json_is_number(v) ?
			    json_number_value(v) : NAN, k == 3 ? 0 : 1,
			    buf[k], 32);
	}
	v = json_object_get(o, "status");
	if (json_is_integer(v))
		snprintf(buf[6], 32, "%lld", (long long)json_integer_value(v));
	else
		snprintf(buf[6], 32, "-");
	cells[8] = buf[6];
	cells[9] = json_is_true(json_object_get(o, "active")) ? _("yes") :
	    _("no");
	table_add(t, cells);
}

static void
history_emit(void *arg, const struct replay_point *l)
{
	struct hist_out	*out = arg;
	json_t		*o;

	o = history_point(l);
	if (out->a->json) {
		fputs(out->n == 0 ? "[\n" : ",\n", stdout);
		cli_json_write(stdout, o, JSON_COMPACT | JSON_PRESERVE_ORDER |
		    JSON_REAL_PRECISION(17));
	} else if (out->a->csv)
		cli_object_csv(stdout, o, out->n == 0);
	else
		history_table_row(out->t, o);
	out->n++;
	json_decref(o);
}

static int
history_options(int argc, char **argv, struct hist_args *a)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "provider", required_argument, NULL, 'p' },
		{ "since", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	int	opt;

	while ((opt = getopt_long(argc, argv, "p:s:jch", longopts,
	    NULL)) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'p':
			a->provider = optarg;
			break;
		case 's':
			a->since = optarg;
			break;
		case 'j':
			a->json = 1;
			break;
		case 'c':
			a->csv = 1;
			break;
		case 'h':
			history_usage(stdout);
			return (-1);
		default:
			history_usage(stderr);
			return (EXIT_USAGE);
		}
	}
	if (cli_formats_ok("history", a->json, a->csv) != 0)
		return (EXIT_USAGE);
	if (argc - optind != 1) {
		cli_error(_("history: give exactly one MODEL"));
		history_usage(stderr);
		return (EXIT_USAGE);
	}
	return (EXIT_OK);
}

int
cmd_history(int argc, char **argv)
{
	struct hist_args	 a;
	struct change_rec	*list = NULL;
	struct store		*store = NULL;
	struct hist_out		 hout;
	size_t			 n = 0;
	int64_t			 since = INT64_MIN, dur;
	char			*key = NULL, *cause = NULL;
	int			 rc;

	memset(&a, 0, sizeof a);
	memset(&hout, 0, sizeof hout);
	if ((rc = history_options(argc, argv, &a)) != EXIT_OK)
		return (rc == -1 ? EXIT_OK : rc);
	if (a.since != NULL) {
		if (clock_parse_duration(a.since, &dur, &cause) != 0) {
			cli_error("history: --since: %s", cause);
			free(cause);
			return (EXIT_USAGE);
		}
		since = clock_now_ms() - dur;
	}
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		return (rc);
	rc = EXIT_FAIL;
	if ((key = cli_resolve_model(store, "history", argv[optind])) == NULL)
		goto out;
	if (store_changelog_model(store, key, &list, &n, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		goto out;
	}
	memset(&hout, 0, sizeof hout);
	hout.a = &a;
	if (!a.json && !a.csv) {
		hout.t = table_new(10, history_headers, "llrrrrrrrl",
		    history_maxw);
		table_set_layout(hout.t, NULL, NULL, -1);
	}
	replay_changes(list, n, a.provider, since, history_emit, &hout);
	rc = EXIT_OK;
	if (a.json)
		fputs(hout.n == 0 ? "[]\n" : "\n]\n", stdout);
	else if (!a.csv && hout.n == 0)
		printf(_("No history.\n"));
	else if (!a.csv)
		table_print(hout.t, stdout);
out:
	if (hout.t != NULL)
		table_free(hout.t);
	change_rec_list_free(list, n);
	free(key);
	store_close(store);
	return (rc);
}
