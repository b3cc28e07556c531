/*
 * cli-author: `orbrowse author NAME`, an author (model metadata, see
 * store/store-meta.h) with their models: providers, best prices and
 * tokens over the last 7 days.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "project/model.h"
#include "store/store-meta.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

static void
author_usage(FILE *f)
{
	fprintf(f, _("Usage: %s author [--db PATH] [--json] NAME\n"),
	    cli_global.progname);
	fputs(_("Show an author (a slug such as mistralai, or their name) and "
	    "their models:\n  active endpoints, the lowest healthy prices in $ "
	    "per 1M tokens and the\n  tokens of the last 7 days of usage "
	    "stored.  Authors come from import and\n  `sync --extras`; "
	    "without one, the models whose key starts with NAME/ are\n  "
	    "shown.\n"), f);
}

static void
author_json(const struct meta_author *a, const struct model_row *rows,
    size_t n)
{
	json_t	*o, *arr, *m;
	size_t	 i;

	o = json_object();
	json_object_set_new(o, "slug", json_string(a->slug));
	json_object_set_new(o, "name", cli_json_str(a->name));
	json_object_set_new(o, "description", cli_json_str(a->description));
	json_object_set_new(o, "model_count", cli_json_int(a->models));
	arr = json_array();
	for (i = 0; i < n; i++) {
		m = json_object();
		json_object_set_new(m, "id", json_string(rows[i].model_id !=
		    NULL ? rows[i].model_id : rows[i].model_key));
		json_object_set_new(m, "model_key",
		    json_string(rows[i].model_key));
		json_object_set_new(m, "providers",
		    json_integer(rows[i].providers));
		json_object_set_new(m, "min_price_prompt",
		    cli_json_real(rows[i].min_price_prompt));
		json_object_set_new(m, "min_price_completion",
		    cli_json_real(rows[i].min_price_completion));
		json_object_set_new(m, "usage_7d", cli_json_int(rows[i].usage));
		json_array_append_new(arr, m);
	}
	json_object_set_new(o, "models", arr);
	cli_json_write(stdout, o, JSON_INDENT(2) | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(17));
	fputc('\n', stdout);
	json_decref(o);
}

static void
author_text(const struct meta_author *a, const struct model_row *rows,
    size_t n)
{
	static const int	 maxw[] = { 48, 0, 0, 0, 0 };
	const char		*headers[5], *cells[5];
	char			 prov[24], in[24], out[24], use[NUMFMT_LEN];
	char			*clean;
	struct table		*t;
	size_t			 i;

	clean = sanitize_text(a->name != NULL ? a->name : a->slug, 200);
	printf("%s (%s)\n", clean, a->slug);
	free(clean);
	if (a->description != NULL) {
		clean = sanitize_text(a->description, 2000);
		printf("%s\n", clean);
		free(clean);
	}
	if (a->models != EP_NULL_INT)
		printf(_("%lld models listed by OpenRouter, %zu in the "
		    "database.\n"), (long long)a->models, n);
	if (n == 0)
		return;
	fputc('\n', stdout);
	headers[0] = _("ID");
	headers[1] = _("PROV");
	headers[2] = _("$/M IN");
	headers[3] = _("$/M OUT");
	headers[4] = _("TOKENS 7D");
	t = table_new(5, headers, "lrrrr", maxw);
	table_set_layout(t, NULL, NULL, 0);
	for (i = 0; i < n; i++) {
		cells[0] = rows[i].model_id != NULL ? rows[i].model_id :
		    rows[i].model_key;
		snprintf(prov, sizeof prov, "%lld",
		    (long long)rows[i].providers);
		cells[1] = prov;
		cells[2] = numfmt_price(rows[i].min_price_prompt,
		    NUMFMT_PRICE_DIGITS, in, sizeof in);
		cells[3] = numfmt_price(rows[i].min_price_completion,
		    NUMFMT_PRICE_DIGITS, out, sizeof out);
		cells[4] = numfmt_big(rows[i].usage, use, sizeof use);
		table_add(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
}

/* The author's row, or one made of the slug when only models name it. */
static int
author_load(struct store *store, const char *name, struct meta_author *a,
    struct model_row **rows, size_t *n, char **cause)
{
	int	found;

	if (store_author_get(store, name, a, &found, cause) != 0)
		return (-1);
	if (!found) {
		a->slug = xstrdup(name);
		a->models = EP_NULL_INT;
	}
	if (store_author_models(store, a->slug, rows, n, cause) != 0)
		return (-1);
	return (found || *n > 0 ? 0 : 1);
}

int
cmd_author(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct meta_author	 a;
	struct model_row	*rows = NULL;
	struct store		*store = NULL;
	size_t			 n = 0;
	char			*cause = NULL;
	int			 opt, json = 0, rc;

	memset(&a, 0, sizeof a);
	while ((opt = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 'h':
			author_usage(stdout);
			return (EXIT_OK);
		default:
			author_usage(stderr);
			return (EXIT_USAGE);
		}
	}
	if (optind != argc - 1) {
		author_usage(stderr);
		return (EXIT_USAGE);
	}
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		return (rc);
	switch (author_load(store, argv[optind], &a, &rows, &n, &cause)) {
	case 0:
		if (json)
			author_json(&a, rows, n);
		else
			author_text(&a, rows, n);
		rc = EXIT_OK;
		break;
	case 1:
		cli_error(_("author: no author or model named %s"),
		    argv[optind]);
		rc = EXIT_FAIL;
		break;
	default:
		cli_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
		break;
	}
	meta_author_clear(&a);
	model_row_list_free(rows, n);
	store_close(store);
	return (rc);
}
