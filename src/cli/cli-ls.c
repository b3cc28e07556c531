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
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static enum ep_sort	sort_by;
static int		sort_desc;

static void
ls_usage(FILE *f)
{
	fprintf(f, _("Usage: %s ls [--db PATH] [--sort [-]COL] [--all] "
	    "[--json|--csv] [FILTER]...\n"), cli_global.progname);
	fputs(_("List active endpoints matching FILTER (all its terms must "
	    "hold), for example:\n  orbrowse ls qwen tools ctx>=128k "
	    "prompt<0.5 !provider:chutes no-train\n"), f);
	fputs(_("Terms: WORD, free, tools, images, reasoning, active, "
	    "no-train, no-retain,\n  watched, provider:X quant:X variant:X "
	    "model:X, and ctx out prompt completion\n  latency tps uptime with "
	    "< <= > >= = and a number (k/m suffixes; prices in $\n  per 1M "
	    "tokens). !TERM negates a term.\n"), f);
	fputs(_("Sort columns: model provider quant ctx out prompt completion "
	    "latency tps\n  uptime; a leading - sorts descending.\n"), f);
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
	    "ctx out prompt completion latency tps uptime)"), arg);
	return (-1);
}

static void
ls_table(const struct ep_row *rows, size_t n)
{
	static const char	*align = "lllrrrrrrr";
	/* Piped, the maximum widths hold as before; on a terminal the
	 * table fits it as the endpoints screen does. */
	static const int	 maxw[] = { 48, 24, 8, 0, 0, 0, 0, 0, 0, 0 };
	static const int	 prio[] = { 0, 1, 7, 6, 2, 3, 4, 5, 8, 9 };
	static const int	 minw[] = { 24, 12, 5, 0, 0, 0, 0, 0, 0, -1 };
	const char		*headers[10], *cells[10];
	char			 ctx[16], in[24], out[24], lat[24], tps[24];
	char			 up[24], st[24];
	struct table		*t;
	size_t			 i;

	headers[0] = _("MODEL");
	headers[1] = _("PROVIDER");
	headers[2] = _("QUANT");
	headers[3] = _("CTX");
	headers[4] = _("$/M IN");
	headers[5] = _("$/M OUT");
	headers[6] = _("P50 MS");
	headers[7] = _("TOK/S");
	headers[8] = _("UPTIME");
	headers[9] = _("ST");
	t = table_new(10, headers, align, maxw);
	table_set_layout(t, prio, minw, 0);
	for (i = 0; i < n; i++) {
		cells[0] = rows[i].model_key;
		cells[1] = rows[i].provider_name != NULL ?
		    rows[i].provider_name : rows[i].provider_slug;
		cells[2] = rows[i].quantization;
		cells[3] = cli_fmt_count(rows[i].context_length, ctx,
		    sizeof ctx);
		cells[4] = cli_fmt_price(rows[i].price_prompt, in, sizeof in);
		cells[5] = cli_fmt_price(rows[i].price_completion, out,
		    sizeof out);
		cells[6] = cli_fmt_real(rows[i].p50_latency_ms, 0, lat,
		    sizeof lat);
		cells[7] = cli_fmt_real(rows[i].p50_throughput, 1, tps,
		    sizeof tps);
		cells[8] = cli_fmt_real(rows[i].uptime, 1, up, sizeof up);
		cells[9] = ep_status_label(rows[i].status, st, sizeof st);
		table_add(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
}

int
cmd_ls(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "sort", required_argument, NULL, 's' },
		{ "all", no_argument, NULL, 'a' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct filter		*filter = NULL;
	struct store		*store = NULL;
	struct ep_row		*rows = NULL;
	size_t			 n = 0, kept, i;
	char			*cause = NULL;
	int			 opt, json = 0, csv = 0, all = 0, rc;

	sort_by = EP_SORT_MODEL;
	sort_desc = 0;
	while ((opt = getopt_long(argc, argv, "s:ajch", longopts,
	    NULL)) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 's':
			if (ls_parse_sort(optarg) != 0)
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
			ls_usage(stderr);
			return (EXIT_USAGE);
		}
	}
	if (json && csv) {
		cli_error(_("ls: --json and --csv are exclusive"));
		return (EXIT_USAGE);
	}
	if ((filter = cli_filter_args("ls", argc, argv, optind)) == NULL)
		return (EXIT_USAGE);
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		goto out;
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
	else if (kept == 0)
		printf(_("No endpoints match.\n"));
	else
		ls_table(rows, kept);
	rc = EXIT_OK;
out:
	ep_row_list_free(rows, n);
	filter_free(filter);
	store_close(store);
	return (rc);
}
