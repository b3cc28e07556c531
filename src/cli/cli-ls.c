/*
 * cli-ls: `orbrowse ls [FILTER]`, the active endpoints.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "project/endpoint-sort.h"
#include "project/filter.h"
#include "project/model.h"
#include "util/buf.h"
#include "util/table-layout.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/xmalloc.h"

static enum ep_sort	sort_by;
static int		sort_desc;

static void
ls_usage(FILE *f)
{
	fprintf(f, _("Usage: %s ls [--db PATH] [--sort [-]COL] [--columns "
	    "COL,...] [--all]\n          [--json|--csv] [FILTER]...\n"),
	    cli_global.progname);
	fputs(_("List active endpoints matching FILTER (all its terms must "
	    "hold), for example:\n  orbrowse ls 'qwen tools ctx>=128k "
	    "prompt<0.5 !provider:chutes no-train'\n"), f);
	fputs(_("Terms: WORD, free, tools, images, reasoning, active, "
	    "no-train, no-retain,\n  watched, provider:X quant:X variant:X model:X "
	    "hq:XX dc:XX (the provider's\n  headquarters, a datacenter), "
	    "and ctx out prompt completion latency\n  tps uptime with < <= > "
	    ">= = and a number (k/m suffixes; prices in $ per 1M\n  tokens). "
	    "!TERM negates a term.  ctx=32k matches what is shown as 32k\n"
	    "  (32000 to 32999).\n"), f);
	fputs(_("Model terms: in:MODALITY out:MODALITY param:NAME, expires<DAYS "
	    "(days to the\n  expiration date), cutoff>=YYYY-MM (knowledge "
	    "cutoff), usage>N (the model's tokens\n  over the last 7 days of "
	    "usage stored). WORD and model: match the public\n  id, the "
	    "permaslug and the name.\n"), f);
	fputs(_("Sort columns: model provider quant ctx out prompt completion "
	    "latency tps\n  uptime flags data status usage (the model's tokens "
	    "over the last 7\n  days); a leading - sorts descending.\n"), f);
	fputs(_("--columns chooses the table's columns and their order, from: "
	    "model provider\n  quant ctx prompt completion latency tps uptime "
	    "flags data status\n  (default: all but flags and data; --json "
	    "and --csv print every field).\n"), f);
	fputs(_("Exit status: 0 whether or not endpoints match (none: a note "
	    "on stderr, nothing\n  on stdout, [] with --json, the header "
	    "alone with --csv), 1 failure, 2 bad\n  filter or option.\n"),
	    f);
}

static int
ls_parse_sort(const char *arg)
{
	sort_desc = *arg == '-';
	if (sort_desc)
		arg++;
	if (ep_sort_parse(arg, &sort_by) == 0)
		return (0);
	cli_error(_("ls: unknown sort column: %s (one of model provider quant "
	    "ctx out prompt completion latency tps uptime flags data "
	    "status usage)"), arg);
	return (-1);
}

/* The table's columns, by the shared names (project/endpoint-sort.h):
 * piped, the maximum widths hold; on a terminal the table fits it as the
 * endpoints screen does (prio, min as table_set_layout() takes them). */
static const struct ls_col {
	const char	*title;		/* N_() */
	char		 align;
	int		 maxw;
	int		 prio;
	int		 min;
} ls_cols[EP_COL__COUNT] = {
	[EP_COL_MODEL] = { N_("MODEL"), 'l', 48, 0, 24 },
	[EP_COL_PROVIDER] = { N_("PROVIDER"), 'l', 24, 1, 12 },
	[EP_COL_QUANT] = { N_("QUANT"), 'l', 8, 7, 5 },
	[EP_COL_CTX] = { N_("CTX"), 'r', 0, 6, 0 },
	[EP_COL_PROMPT] = { N_("$/M IN"), 'r', 0, 2, 0 },
	[EP_COL_COMPLETION] = { N_("$/M OUT"), 'r', 0, 3, 0 },
	[EP_COL_LATENCY] = { N_("P50 MS"), 'r', 0, 4, 0 },
	[EP_COL_TPS] = { N_("TOK/S"), 'r', 0, 5, 0 },
	[EP_COL_UPTIME] = { N_("UPTIME"), 'r', 0, 8, 0 },
	[EP_COL_FLAGS] = { N_("TIRF"), 'l', 0, 10, 0 },
	[EP_COL_DATA] = { N_("DATA"), 'l', 0, 11, 0 },
	[EP_COL_STATUS] = { N_("ST"), 'r', 0, 9, -1 },
};

/* The columns without --columns. */
#define LS_COLUMNS_DEFAULT \
	"model,provider,quant,ctx,prompt,completion,latency,tps,uptime,status"

/* The text of column c of r, in buf or borrowed from r. */
static const char *
ls_cell(const struct ep_row *r, int c, char *buf, size_t len)
{
	switch (c) {
	case EP_COL_MODEL:
		return (r->model_key);
	case EP_COL_PROVIDER:
		return (ep_provider_label(r, buf, len));
	case EP_COL_QUANT:
		return (r->quantization);
	case EP_COL_CTX:
		return (numfmt_count(r->context_length, buf, len));
	case EP_COL_PROMPT:
		return (numfmt_price(r->price_prompt, NUMFMT_PRICE_DIGITS, buf,
		    len));
	case EP_COL_COMPLETION:
		return (numfmt_price(r->price_completion, NUMFMT_PRICE_DIGITS, buf,
		    len));
	case EP_COL_LATENCY:
		return (numfmt_real(r->p50_latency_ms, 0, buf, len));
	case EP_COL_TPS:
		return (numfmt_real(r->p50_throughput, 1, buf, len));
	case EP_COL_UPTIME:
		return (numfmt_real(r->uptime, 1, buf, len));
	case EP_COL_FLAGS:
		return (ep_row_flags(r, buf, len));
	case EP_COL_DATA:
		return (ep_row_policy(r));
	case EP_COL_STATUS:
		return (ep_status_label(r->status, buf, len));
	default:
		return ("");
	}
}

static void
ls_table(const struct ep_row *rows, size_t n, const struct table_columns *tc)
{
	const char	*headers[EP_COL__COUNT], *cells[EP_COL__COUNT];
	/* A cell's text: the provider's name and region the longest. */
	char		 align[EP_COL__COUNT + 1], text[EP_COL__COUNT][160];
	int		 vis[EP_COL__COUNT], maxw[EP_COL__COUNT];
	int		 prio[EP_COL__COUNT], minw[EP_COL__COUNT];
	int		 k, nvis, ids = -1;
	struct table	*t;
	size_t		 i;
	int64_t		 today = model_today();
	char		*model;

	nvis = table_columns_visible(tc, vis);
	for (k = 0; k < nvis; k++) {
		headers[k] = _(ls_cols[vis[k]].title);
		align[k] = ls_cols[vis[k]].align;
		maxw[k] = ls_cols[vis[k]].maxw;
		prio[k] = ls_cols[vis[k]].prio;
		minw[k] = ls_cols[vis[k]].min;
		if (vis[k] == EP_COL_MODEL)
			ids = k;
	}
	align[nvis] = '\0';
	t = table_new(nvis, headers, align, maxw);
	table_set_layout(t, prio, minw, ids);
	for (i = 0; i < n; i++) {
		model = model_label(rows[i].model_id, rows[i].model_key,
		    rows[i].model_expires, today);
		for (k = 0; k < nvis; k++)
			cells[k] = vis[k] == EP_COL_MODEL ? model :
			    ls_cell(&rows[i], vis[k], text[k],
			    sizeof text[k]);
		table_add(t, cells);
		free(model);
	}
	table_print(t, stdout);
	table_free(t);
}

/* --columns a,b,c; 0, or -1 having said why. */
static int
ls_parse_columns(struct table_columns *tc, const char *spec)
{
	char	*cause = NULL;

	if (table_columns_parse(tc, ep_col_names(), EP_COL__COUNT, spec,
	    &cause) == 0)
		return (0);
	cli_error(_("ls: --columns: %s"), cause);
	free(cause);
	return (-1);
}

int
cmd_ls(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "sort", required_argument, NULL, 's' },
		{ "columns", required_argument, NULL, 'C' },
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct table_columns	 tc;
	struct filter		*filter = NULL;
	struct store		*store = NULL;
	struct ep_row		*rows = NULL;
	size_t			 n = 0, kept, i;
	char			*cause = NULL;
	int			 opt, json = 0, csv = 0, all = 0, rc;

	sort_by = EP_SORT_MODEL;
	sort_desc = 0;
	(void)ls_parse_columns(&tc, LS_COLUMNS_DEFAULT);
	while ((opt = cli_getopt(argc, argv, "s:C:ajch", longopts,
	    "ls")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 's':
			if (ls_parse_sort(optarg) != 0)
				return (EXIT_USAGE);
			break;
		case 'C':
			if (ls_parse_columns(&tc, optarg) != 0)
				return (EXIT_USAGE);
			break;
		case 'a':
			all = 1;
			break;
		case 'j':
			json = 1;
			break;
		case 'c':
			csv = 1;
			break;
		case 'h':
			ls_usage(stdout);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	if (cli_formats_ok("ls", json, csv) != 0)
		return (EXIT_USAGE);
	if ((filter = cli_filter_args("ls", argc, argv, optind)) == NULL)
		return (EXIT_USAGE);
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		goto out;
	filter_resolve_aliases(filter, store_model_alias_key, store);
	if (store_endpoint_load(store, all, &rows, &n, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
		goto out;
	}
	/* Keep the matching rows at the front, in place. */
	for (i = 0, kept = 0; i < n; i++) {
		if (!filter_match(filter, &rows[i])) {
			ep_row_clear(&rows[i]);
			continue;
		}
		if (kept != i) {
			rows[kept] = rows[i];
			ep_row_init(&rows[i]);
		}
		kept++;
	}
	ep_row_sort(rows, kept, sort_by, sort_desc);
	if (json)
		cli_rows_json(stdout, rows, kept, NULL, NULL);
	else if (csv)
		cli_rows_csv(stdout, rows, kept, NULL, NULL);
	else if (kept > 0)
		ls_table(rows, kept, &tc);
	/* Said aside, so that a script reading stdout sees no rows. */
	if (kept == 0)
		cli_error(_("ls: no endpoints match"));
	rc = EXIT_OK;
out:
	ep_row_list_free(rows, n);
	filter_free(filter);
	store_close(store);
	return (rc);
}
