/*
 * cli-compare: `orbrowse compare MODEL MODEL [MODEL...]`, two to six
 * models side by side (project/compare.h): the attributes as rows, the
 * models as columns, for the request shape `cheapest` takes.
 */
#include "config.h"

#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/cli-shape.h"
#include "project/compare.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/sanitize.h"
#include "util/table-layout.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

/* The width the table fits for two or three models, and the widest a
 * model's column grows. */
#define COMPARE_WIDTH	80
#define COMPARE_COLMAX	30

struct compare_in {
	char			*key;
	struct ep_row		*rows;
	size_t			 n;
	struct model_row	*m;
	size_t			 nm;
	struct compare_col	 col;
};

static void
compare_usage(FILE *f)
{
	fprintf(f, _("Usage: %s compare [--db PATH] [--mix P:C] [--prompt N] "
	    "[--completion N]\n       [--cached PCT] [--cache-write PCT[:1h]] "
	    "[--reasoning N] [--searches N]\n       [--at HH:MM] [--json] "
	    "MODEL MODEL [MODEL...]\n"), cli_global.progname);
	fprintf(f, _("Compare %d to %d models side by side: context, max "
	    "output, modalities, the\ncheapest provider and the cost of one "
	    "request on it, the range of prices ($/M\nof the mix) over the "
	    "providers, how many providers, the best p50 latency,\nthroughput "
	    "and uptime, expiry date and knowledge cutoff.\n"), COMPARE_MIN,
	    COMPARE_MAX);
	cli_shape_usage(f);
	fputs(_("MODEL is what cheapest takes: a model key, a v1 id or an "
	    "unambiguous part of\neither or of its name.\n"), f);
}

/* ------------------------------------------------------------ the table */

/* The model columns' headers: ids shortened alike to width. */
static char **
compare_headers(const struct compare_in *in, size_t k, int width)
{
	const char	**ids;
	char		**h, *clean;
	size_t		  i;

	ids = xcalloc(k, sizeof *ids);
	h = xcalloc(k, sizeof *h);
	for (i = 0; i < k; i++)
		ids[i] = sanitize_text(in[i].col.model_id != NULL ?
		    in[i].col.model_id : in[i].key, 512);
	for (i = 0; i < k; i++) {
		clean = table_layout_elide(ids, k, i, width);
		h[i] = clean;
	}
	for (i = 0; i < k; i++)
		free((char *)ids[i]);
	free(ids);
	return (h);
}

static void
compare_table(const struct compare_in *in, size_t k,
    const struct cli_shape *req)
{
	const char	*label[COMPARE_NROWS], **hdr, **cells;
	char		 buf[COMPARE_MAX][160], **mh;
	double		 reqs[COMPARE_MAX];
	int		*maxw, lw = 0, w, dig;
	size_t		 i;
	int		 r;
	char		*align;
	struct table	*t;

	for (r = 0; r < COMPARE_NROWS; r++)
		label[r] = compare_label(r);
	for (r = 0; r < COMPARE_NROWS; r++)
		if ((w = textwidth_measure(label[r])) > lw)
			lw = w;
	w = (COMPARE_WIDTH - lw - 2 * (int)k) / (int)k;
	w = w > COMPARE_COLMAX ? COMPARE_COLMAX : w < 8 ? 8 : w;
	mh = compare_headers(in, k, w);
	hdr = xcalloc(k + 1, sizeof *hdr);
	cells = xcalloc(k + 1, sizeof *cells);
	maxw = xcalloc(k + 1, sizeof *maxw);
	align = xcalloc(k + 2, 1);
	hdr[0] = "";
	align[0] = 'l';
	for (i = 0; i < k; i++) {
		hdr[i + 1] = mh[i];
		maxw[i + 1] = w;
		align[i + 1] = 'r';
		reqs[i] = in[i].col.cost_request;
	}
	dig = numfmt_digits(reqs, k, 1);
	t = table_new((int)k + 1, hdr, align, maxw);
	for (r = 0; r < COMPARE_NROWS; r++) {
		cells[0] = label[r];
		for (i = 0; i < k; i++)
			cells[i + 1] = compare_cell(&in[i].col, in[i].rows, r,
			    dig, buf[i], sizeof buf[i]);
		table_add(t, cells);
	}
	cli_shape_line(req, stdout);
	table_print(t, stdout);
	table_free(t);
	for (i = 0; i < k; i++)
		free(mh[i]);
	free(mh);
	free(hdr);
	free(cells);
	free(maxw);
	free(align);
}

/* ------------------------------------------------------------- --json */

static json_t *
compare_json_col(const struct compare_in *in)
{
	const struct compare_col	*c = &in->col;
	const struct ep_row		*ch = NULL;
	json_t				*o;

	if (c->cheapest != COMPARE_NONE)
		ch = &in->rows[c->cheapest];
	o = json_object();
	json_object_set_new(o, "model_key", cli_json_str(c->model_key));
	json_object_set_new(o, "model_id", cli_json_str(c->model_id));
	json_object_set_new(o, "name", cli_json_str(c->name));
	json_object_set_new(o, "context_length",
	    cli_json_int(c->context_length));
	json_object_set_new(o, "max_output", cli_json_int(c->max_output));
	json_object_set_new(o, "input_modalities",
	    cli_json_str(c->input_modalities));
	json_object_set_new(o, "output_modalities",
	    cli_json_str(c->output_modalities));
	json_object_set_new(o, "cheapest_provider",
	    cli_json_str(ch != NULL ? ch->provider_slug : NULL));
	json_object_set_new(o, "cheapest_endpoint_id",
	    cli_json_str(ch != NULL ? ch->endpoint_id : NULL));
	json_object_set_new(o, "cheapest_status",
	    cli_json_int(ch != NULL ? ch->status : EP_NULL_INT));
	json_object_set_new(o, "cost_per_request",
	    cli_json_real(c->cost_request));
	json_object_set_new(o, "price_blended", cli_json_real(c->blended));
	json_object_set_new(o, "price_min", cli_json_real(c->price_min));
	json_object_set_new(o, "price_max", cli_json_real(c->price_max));
	json_object_set_new(o, "providers", json_integer((json_int_t)
	    c->providers));
	json_object_set_new(o, "endpoints", json_integer((json_int_t)
	    c->endpoints));
	json_object_set_new(o, "best_p50_latency_ms",
	    cli_json_real(c->best_latency_ms));
	json_object_set_new(o, "best_p50_throughput",
	    cli_json_real(c->best_throughput));
	json_object_set_new(o, "best_uptime", cli_json_real(c->best_uptime));
	json_object_set_new(o, "expiration_date", cli_json_str(c->expires));
	json_object_set_new(o, "knowledge_cutoff", cli_json_str(c->cutoff));
	return (o);
}

static void
compare_json(const struct compare_in *in, size_t k)
{
	json_t	*o;
	size_t	 i;

	fputs("[", stdout);
	for (i = 0; i < k; i++) {
		o = compare_json_col(&in[i]);
		cli_json_item(stdout, i, o);
	}
	cli_json_end(stdout, k);
}

/* --------------------------------------------------------------- main */

/* Resolve and load the models; EXIT_OK or an exit status after saying
 * why. */
static int
compare_load(struct store *store, char **argv, size_t k,
    const struct cli_shape *req, struct compare_in *in)
{
	char	*cause = NULL, *clean;
	size_t	 i, j;

	for (i = 0; i < k; i++) {
		if ((in[i].key = cli_resolve_model(store, "compare",
		    argv[i])) == NULL)
			return (EXIT_FAIL);
		for (j = 0; j < i; j++) {
			if (strcmp(in[j].key, in[i].key) != 0)
				continue;
			clean = sanitize_text(in[i].key, 200);
			cli_error(_("compare: %s is given twice"), clean);
			free(clean);
			return (EXIT_USAGE);
		}
		if (store_endpoint_load_model(store, in[i].key, &in[i].rows,
		    &in[i].n, &cause) != 0 || store_model_list(store,
		    in[i].key, &in[i].m, &in[i].nm, &cause) != 0) {
			cli_error("%s", cause);
			free(cause);
			return (EXIT_FAIL);
		}
		compare_model(in[i].key, in[i].nm > 0 ? &in[i].m[0] : NULL,
		    in[i].rows, in[i].n, &req->shape, &req->extra, &in[i].col);
	}
	return (EXIT_OK);
}

int
cmd_compare(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		CLI_SHAPE_LONGOPTS,
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*store = NULL;
	struct compare_in	 in[COMPARE_MAX];
	struct cli_shape	 req;
	size_t			 k, i;
	int			 opt, json = 0, rc;

	cli_shape_init(&req);
	while ((opt = cli_getopt(argc, argv, "m:jh", longopts,
	    "compare")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		if (opt == 'h') {
			compare_usage(stdout);
			return (EXIT_OK);
		}
		if (opt == 'j') {
			json = 1;
			continue;
		}
		if (opt == '?' || opt == ':' ||
		    cli_shape_option(&req, "compare", opt, optarg) != 1)
			return (EXIT_USAGE);
	}
	if (argc - optind < COMPARE_MIN || argc - optind > COMPARE_MAX) {
		cli_error(_("compare: give %d to %d models, not %d"),
		    COMPARE_MIN, COMPARE_MAX, argc - optind);
		cli_hint("compare");
		return (EXIT_USAGE);
	}
	if (cli_shape_finish(&req, "compare") != 0)
		return (EXIT_USAGE);
	k = (size_t)(argc - optind);
	memset(in, 0, sizeof in);
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		return (rc);
	if ((rc = compare_load(store, argv + optind, k, &req, in)) ==
	    EXIT_OK) {
		if (json)
			compare_json(in, k);
		else
			compare_table(in, k, &req);
	}
	for (i = 0; i < k; i++) {
		free(in[i].key);
		ep_row_list_free(in[i].rows, in[i].n);
		model_row_list_free(in[i].m, in[i].nm);
	}
	store_close(store);
	return (rc);
}
