/*
 * cli-cheapest: `orbrowse cheapest MODEL`, a model's endpoints ranked by
 * what one request of the user's shape costs: the prompt:completion mix or
 * token counts, cache reads and writes, reasoning tokens, web searches and
 * the time of day (UTC, for price windows).  The costs, the tier or window
 * in force and the order come from project/cost.c (which prices through
 * project/price.c), as on the UI's model screen.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cli-shape.h"
#include "project/cost.h"
#include "project/model.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/sanitize.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

static void
cheapest_usage(FILE *f)
{
	fprintf(f, _("Usage: %s cheapest [--db PATH] [--mix P:C] [--prompt N] "
	    "[--completion N]\n       [--cached PCT] [--cache-write PCT[:1h]] "
	    "[--reasoning N] [--searches N]\n       [--at HH:MM] [--json] "
	    "MODEL\n"), cli_global.progname);
	fputs(_("Rank the active endpoints of MODEL by the cost of one "
	    "request.\n"), f);
	cli_shape_usage(f);
	fputs(_("Endpoints with a non-zero status come last.  MODEL is a model "
	    "key\n(author/slug-version[:variant]), a v1 id "
	    "(author/slug[:variant]) or an\nunambiguous part of either or of "
	    "its name.\n"), f);
}

/* The command line, before the model. */
struct cheapest_args {
	struct cli_shape	req;
	int			json;
};

/*
 * Network text for the header line: sanitised and at most max bytes (so at
 * most max columns), ending with "~" when cut.  The caller frees.
 */
static char *
cheapest_fit(const char *s, size_t max)
{
	char	*t;
	size_t	 n;

	t = sanitize_text(s, max + 4);
	if ((n = strlen(t)) <= max)
		return (t);
	n = textwidth_utf8_cut(t, n, max - 1);
	t[n] = '~';
	t[n + 1] = '\0';
	return (t);
}

/* The override in force, for the table: "prompt>200k" or "22:00-06:00". */
static const char *
cheapest_fmt_applied(const struct cost_rank *k, char *out, size_t len)
{
	return (cost_applied_label(k, out, len));
}

/* The MARK cell: cheapest, fastest, and a non-zero status. */
static const char *
cheapest_fmt_mark(const struct ep_row *r, int cheapest, int fastest,
    char *out, size_t len)
{
	snprintf(out, len, "%s%s%s", cheapest ? _("cheapest") : "",
	    cheapest && fastest ? "+" : "", fastest ? _("fastest") : "");
	if (r->status != EP_NULL_INT && r->status != 0)
		snprintf(out + strlen(out), len - strlen(out), _("%sstatus %lld"),
		    *out != '\0' ? " " : "", (long long)r->status);
	return (out);
}

#define CHEAPEST_NCOLS	13


static void
cheapest_table(const char *key, const struct ep_row *rows,
    const struct cost_rank *rank, size_t n, const struct cli_shape *req)
{
	const struct cost_shape	*shape = &req->shape;
	static const char	*align = "rlllrrrrlrrrr";
	static const int	 maxw[CHEAPEST_NCOLS] = { 0, 24, 8, 30 };
	const char		*headers[CHEAPEST_NCOLS], *cells[CHEAPEST_NCOLS];
	struct cost_digits	 dig;
	char			 num[24], mark[64], usd[32], blend[32], in[32];
	char			 prov[160];
	char			 out[32], ap[32], ctx[16], lat[24], tps[24];
	char			 up[24];
	const struct ep_row	*r;
	struct table		*t;
	char			*name, *clean, *label;
	size_t			 i, cheapest, fastest;

	cost_rank_marks(rows, rank, n, &cheapest, &fastest);
	/* The first row's name may be missing or mistyped; any row's will do. */
	for (i = 0; i < n && rows[rank[i].row].model_name == NULL; i++)
		;
	name = cheapest_fit(i < n ? rows[rank[i].row].model_name : "", 48);
	label = model_label(n > 0 ? rows[rank[0].row].model_id : NULL, key,
	    n > 0 ? rows[rank[0].row].model_expires : NULL, model_today());
	clean = cheapest_fit(label, 48);
	free(label);
	printf(P_("%s (%s): %zu endpoint, ranked for a %g:%g "
	    "prompt:completion mix\n", "%s (%s): %zu endpoints, ranked for a "
	    "%g:%g prompt:completion mix\n", n), clean, name, n, shape->prompt,
	    shape->completion);
	free(clean);
	free(name);
	cli_shape_line(req, stdout);
	cost_rank_digits(rank, n, &dig);
	headers[0] = "#";
	headers[1] = _("PROVIDER");
	headers[2] = _("QUANT");
	headers[3] = _("MARK");
	headers[4] = _("$/REQUEST");
	headers[5] = _("$/M MIX");
	headers[6] = _("$/M IN");
	headers[7] = _("$/M OUT");
	headers[8] = _("APPLIED");
	headers[9] = _("CTX");
	headers[10] = _("P50 MS");
	headers[11] = _("TOK/S");
	headers[12] = _("UPTIME");
	t = table_new(CHEAPEST_NCOLS, headers, align, maxw);
	for (i = 0; i < n; i++) {
		r = &rows[rank[i].row];
		snprintf(num, sizeof num, "%zu", i + 1);
		cells[0] = num;
		cells[1] = ep_provider_label(r, prov, sizeof prov);
		cells[2] = r->quantization;
		cells[3] = cheapest_fmt_mark(r, i == cheapest, i == fastest,
		    mark, sizeof mark);
		cells[4] = numfmt_dollars(rank[i].request, dig.request, usd,
		    sizeof usd);
		cells[5] = numfmt_price(rank[i].blended, dig.blended, blend,
		    sizeof blend);
		cells[6] = numfmt_price(rank[i].price_prompt, dig.prompt, in,
		    sizeof in);
		cells[7] = numfmt_price(rank[i].price_completion,
		    dig.completion, out, sizeof out);
		cells[8] = cheapest_fmt_applied(&rank[i], ap, sizeof ap);
		cells[9] = numfmt_count(r->context_length, ctx, sizeof ctx);
		cells[10] = numfmt_real(r->p50_latency_ms, 0, lat, sizeof lat);
		cells[11] = numfmt_real(r->p50_throughput, 1, tps, sizeof tps);
		cells[12] = numfmt_real(r->uptime, 1, up, sizeof up);
		table_add(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
}

/* One ranked endpoint as the JSON object of --json. */
static json_t *
cheapest_json_row(const struct ep_row *r, const struct cost_rank *k)
{
	json_t	*o, *ap = json_null();

	o = json_object();
	json_object_set_new(o, "endpoint_id", cli_json_str(r->endpoint_id));
	json_object_set_new(o, "model_key", cli_json_str(r->model_key));
	json_object_set_new(o, "model_id", cli_json_str(r->model_id));
	json_object_set_new(o, "provider_slug",
	    cli_json_str(r->provider_slug));
	json_object_set_new(o, "provider_name",
	    cli_json_str(r->provider_name));
	json_object_set_new(o, "quantization",
	    cli_json_str(r->quantization));
	json_object_set_new(o, "cost_per_request",
	    cli_json_real(k->request));
	json_object_set_new(o, "price_blended", cli_json_real(k->blended));
	json_object_set_new(o, "price_prompt",
	    cli_json_real(k->price_prompt));
	json_object_set_new(o, "price_completion",
	    cli_json_real(k->price_completion));
	if (k->applied && k->ov.cond == PRICE_TIER)
		ap = json_pack("{sI}", "min_prompt_tokens",
		    (json_int_t)k->ov.min_prompt_tokens);
	else if (k->applied && k->under_tier >= 0)
		ap = json_pack("{sIsisi}", "min_prompt_tokens",
		    (json_int_t)k->under_tier, "utc_start", k->ov.utc_start,
		    "utc_end", k->ov.utc_end);
	else if (k->applied)
		ap = json_pack("{sisi}", "utc_start", k->ov.utc_start,
		    "utc_end", k->ov.utc_end);
	json_object_set_new(o, "applied", ap);
	json_object_set_new(o, "status", r->status != EP_NULL_INT ?
	    json_integer(r->status) : json_null());
	json_object_set_new(o, "context_length",
	    r->context_length != EP_NULL_INT ?
	    json_integer(r->context_length) : json_null());
	json_object_set_new(o, "p50_latency_ms",
	    cli_json_real(r->p50_latency_ms));
	json_object_set_new(o, "p50_throughput",
	    cli_json_real(r->p50_throughput));
	json_object_set_new(o, "uptime", cli_json_real(r->uptime));
	return (o);
}

static void
cheapest_json(const struct ep_row *rows, const struct cost_rank *rank,
    size_t n)
{
	json_t	*o;
	size_t	 i;

	fputs("[", stdout);
	for (i = 0; i < n; i++) {
		o = cheapest_json_row(&rows[rank[i].row], &rank[i]);
		cli_json_item(stdout, i, o);
	}
	cli_json_end(stdout, n);
}

int
cmd_cheapest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		CLI_SHAPE_LONGOPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*store = NULL;
	struct ep_row		*rows = NULL;
	struct cost_rank	*rank = NULL;
	struct cheapest_args	 a;
	size_t			 n = 0;
	char			*key = NULL, *cause = NULL;
	int			 opt, rc;

	memset(&a, 0, sizeof a);
	cli_shape_init(&a.req);
	while ((opt = cli_getopt(argc, argv, "m:jh", longopts,
	    "cheapest")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		if (opt == 'h') {
			cheapest_usage(stdout);
			return (EXIT_OK);
		}
		if (opt == '?' || opt == ':') {
			return (EXIT_USAGE);
		}
		if (opt == 'j') {
			a.json = 1;
			continue;
		}
		if (cli_shape_option(&a.req, "cheapest", opt, optarg) != 1)
			return (EXIT_USAGE);
	}
	if (argc - optind != 1) {
		cli_error(_("cheapest: give exactly one MODEL"));
		cli_hint("cheapest");
		return (EXIT_USAGE);
	}
	if (cli_shape_finish(&a.req, "cheapest") != 0)
		return (EXIT_USAGE);
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		return (rc);
	if ((key = cli_resolve_model(store, "cheapest", argv[optind])) == NULL) {
		rc = EXIT_FAIL;
		goto out;
	}
	if (store_endpoint_load_model(store, key, &rows, &n, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
		goto out;
	}
	if (n == 0) {
		cli_error(_("cheapest: %s has no active endpoints"), key);
		rc = EXIT_FAIL;
		goto out;
	}
	rank = xcalloc(n, sizeof *rank);
	cost_rank_extra(rows, n, &a.req.shape, &a.req.extra, rank);
	if (a.json)
		cheapest_json(rows, rank, n);
	else
		cheapest_table(key, rows, rank, n, &a.req);
	rc = EXIT_OK;
out:
	free(rank);
	ep_row_list_free(rows, n);
	free(key);
	store_close(store);
	return (rc);
}
