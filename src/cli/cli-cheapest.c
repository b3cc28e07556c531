/*
 * cli-cheapest: `orbrowse cheapest MODEL`, a model's endpoints ranked by
 * the blended cost of the user's prompt:completion token mix.  The prices
 * and the order come from project/cost.c, as on the UI's model screen.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "project/cost.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

static void
cheapest_usage(FILE *f)
{
	fprintf(f, _("Usage: %s cheapest [--db PATH] [--mix P:C] [--json] "
	    "MODEL\n"), cli_global.progname);
	fputs(_("Rank the active endpoints of MODEL by blended price for a "
	    "prompt:completion\ntoken mix (default 3:1).  MODEL is a model "
	    "key (author/slug-version[:variant]),\na v1 id "
	    "(author/slug[:variant]) or an unambiguous part of either or of "
	    "its name.\n"), f);
}

/* "3:1", "10:1", "1:0": two non-negative numbers, not both zero. */
static int
cheapest_parse_mix(const char *arg, double *p, double *c)
{
	char	*end;

	errno = 0;
	*p = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != ':' || !isfinite(*p) ||
	    *p < 0)
		return (-1);
	arg = end + 1;
	*c = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !isfinite(*c) ||
	    *c < 0 || *p + *c <= 0)
		return (-1);
	return (0);
}

/* Resolve MODEL to exactly one key, or explain why not. */
static char *
cheapest_resolve(struct store *store, const char *query)
{
	char	**keys, *cause = NULL, *key = NULL, *clean;
	size_t	  n, i;
	int	  exact;

	if (store_model_resolve(store, query, &keys, &n, &exact, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return (NULL);
	}
	if (n == 1)
		key = xstrdup(keys[0]);
	else if (n == 0)
		cli_error(_("cheapest: no model matches \"%s\""), query);
	else {
		cli_error(P_("cheapest: \"%s\" is ambiguous, it matches %zu "
		    "model:", "cheapest: \"%s\" is ambiguous, it matches %zu "
		    "models:", n), query, n);
		for (i = 0; i < n && i < 20; i++) {
			clean = sanitize_text(keys[i], 200);
			fprintf(stderr, "  %s\n", clean);
			free(clean);
		}
		if (n > 20)
			fprintf(stderr, _("  ... and %zu more\n"), n - 20);
	}
	store_strv_free(keys, n);
	return (key);
}

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
	n = max - 1;
	while (n > 0 && ((unsigned char)t[n] & 0xc0) == 0x80)
		n--;
	t[n] = '~';
	t[n + 1] = '\0';
	return (t);
}

static void
cheapest_table(const char *key, const struct ep_row *rows,
    const struct cost_rank *rank, size_t n, const struct cost_shape *shape)
{
	static const char	*align = "rlllrrrrrrr";
	static const int	 maxw[] = { 0, 24, 8, 18, 0, 0, 0, 0, 0, 0, 0 };
	const char		*headers[11], *cells[11];
	char			 num[24], blend[24], in[24], out[24], ctx[16];
	char			 lat[24], tps[24], up[24];
	const struct ep_row	*r;
	struct table		*t;
	char			*name, *clean;
	size_t			 i, cheapest, fastest;

	cost_rank_marks(rows, rank, n, &cheapest, &fastest);
	/* The first row's name may be missing or mistyped; any row's will do. */
	for (i = 0; i < n && rows[rank[i].row].model_name == NULL; i++)
		;
	name = cheapest_fit(i < n ? rows[rank[i].row].model_name : "", 48);
	clean = cheapest_fit(key, 48);
	printf(P_("%s (%s): %zu endpoint, ranked for a %g:%g "
	    "prompt:completion mix\n", "%s (%s): %zu endpoints, ranked for a "
	    "%g:%g prompt:completion mix\n", n), clean, name, n, shape->prompt,
	    shape->completion);
	free(clean);
	free(name);
	headers[0] = "#";
	headers[1] = _("PROVIDER");
	headers[2] = _("QUANT");
	headers[3] = _("MARK");
	headers[4] = _("$/M MIX");
	headers[5] = _("$/M IN");
	headers[6] = _("$/M OUT");
	headers[7] = _("CTX");
	headers[8] = _("P50 MS");
	headers[9] = _("TOK/S");
	headers[10] = _("UPTIME");
	t = table_new(11, headers, align, maxw);
	for (i = 0; i < n; i++) {
		r = &rows[rank[i].row];
		snprintf(num, sizeof num, "%zu", i + 1);
		cells[0] = num;
		cells[1] = r->provider_name != NULL ? r->provider_name :
		    r->provider_slug;
		cells[2] = r->quantization;
		if (i == cheapest && i == fastest)
			cells[3] = _("cheapest+fastest");
		else if (i == cheapest)
			cells[3] = _("cheapest");
		else if (i == fastest)
			cells[3] = _("fastest");
		else
			cells[3] = "";
		cells[4] = cli_fmt_price(rank[i].blended, blend, sizeof blend);
		cells[5] = cli_fmt_price(r->price_prompt, in, sizeof in);
		cells[6] = cli_fmt_price(r->price_completion, out, sizeof out);
		cells[7] = cli_fmt_count(r->context_length, ctx, sizeof ctx);
		cells[8] = cli_fmt_real(r->p50_latency_ms, 0, lat, sizeof lat);
		cells[9] = cli_fmt_real(r->p50_throughput, 1, tps, sizeof tps);
		cells[10] = cli_fmt_real(r->uptime, 1, up, sizeof up);
		table_add(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
}

int
cmd_cheapest(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "mix", required_argument, NULL, 'm' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*store = NULL;
	struct ep_row		*rows = NULL, *sorted = NULL;
	struct cost_rank	*rank = NULL;
	struct cost_shape	 shape;
	double			*blended = NULL;
	size_t			 n = 0, i;
	char			*key = NULL, *cause = NULL;
	int			 opt, json = 0, rc;

	/* No option sets the cache share: the UI's default, 0, applies. */
	cost_shape_init(&shape);
	while ((opt = getopt_long(argc, argv, "m:jh", longopts, NULL)) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'm':
			if (cheapest_parse_mix(optarg, &shape.prompt,
			    &shape.completion) != 0) {
				cli_error(_("cheapest: bad --mix \"%s\": want "
				    "PROMPT:COMPLETION, e.g. 3:1"), optarg);
				return (EXIT_USAGE);
			}
			break;
		case 'j':
			json = 1;
			break;
		case 'h':
			cheapest_usage(stdout);
			return (EXIT_OK);
		default:
			cheapest_usage(stderr);
			return (EXIT_USAGE);
		}
	}
	if (argc - optind != 1) {
		cli_error(_("cheapest: give exactly one MODEL"));
		cheapest_usage(stderr);
		return (EXIT_USAGE);
	}
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		return (rc);
	if ((key = cheapest_resolve(store, argv[optind])) == NULL) {
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
	cost_rank(rows, n, &shape, rank);
	if (json) {
		sorted = xcalloc(n, sizeof *sorted);
		blended = xcalloc(n, sizeof *blended);
		for (i = 0; i < n; i++) {
			/* shallow: rows owns them */
			sorted[i] = rows[rank[i].row];
			blended[i] = rank[i].blended;
		}
		cli_rows_json(stdout, sorted, n, blended, "price_blended");
	} else
		cheapest_table(key, rows, rank, n, &shape);
	rc = EXIT_OK;
out:
	free(sorted);
	free(blended);
	free(rank);
	ep_row_list_free(rows, n);
	free(key);
	store_close(store);
	return (rc);
}
