/*
 * cli-providers: `orbrowse providers [FILTER]`, one row per provider with
 * its count of active endpoints.
 *
 * The filter is the language of `ls` (project/filter.h), judged on each
 * provider as on an endpoint of it that says nothing but its provider:
 * words, provider:, hq:, dc:, no-train and no-retain decide; a term about
 * models or prices is unknown and matches no provider.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "codec/jarena.h"
#include "project/filter.h"
#include "project/provider.h"
#include "store/store-providers.h"
#include "util/numfmt.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static void
providers_usage(FILE *f)
{
	fprintf(f, _("Usage: %s providers [--db PATH] [--json|--csv] "
	    "[FILTER]...\n"), cli_global.progname);
	fputs(_("List OpenRouter's providers: name, slug, headquarters, "
	    "datacenters, the\n  count of active endpoints and the links to "
	    "their policies.\n"), f);
	fputs(_("FILTER is the language of `ls`; for providers these terms "
	    "decide: WORD,\n  provider:X, hq:XX (headquarters), dc:XX (a "
	    "datacenter), no-train, no-retain.\n"), f);
}

/* The provider as the filter sees it: an endpoint that only names it. */
static int
providers_match(const struct filter *f, const struct prov_row *p)
{
	struct ep_row	row;
	int		rc;

	ep_row_init(&row);
	row.provider_slug = p->slug;
	row.provider_name = p->name;
	row.provider_hq = p->headquarters;
	row.provider_dc = p->datacenters;
	row.training = p->training;
	row.retains_prompts = p->retains_prompts;
	rc = filter_match(f, &row);
	/* The strings are borrowed: nothing to clear. */
	return (rc);
}

static json_t *
providers_str(const char *s)
{
	return (s != NULL ? json_string(s) : json_null());
}

static json_t *
providers_tri(int v)
{
	return (v < 0 ? json_null() : json_boolean(v));
}

/* "US,DE" as ["US", "DE"]; "" as []; NULL as null. */
static json_t *
providers_dc_json(const char *dc)
{
	json_t		*arr;
	const char	*p;
	size_t		 n;

	if (dc == NULL)
		return (json_null());
	arr = json_array();
	for (p = dc; *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		json_array_append_new(arr, json_stringn(p, n));
	}
	return (arr);
}

static json_t *
providers_object(const struct prov_row *p)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "name", providers_str(p->name));
	json_object_set_new(o, "slug", providers_str(p->slug));
	json_object_set_new(o, "privacy_policy_url",
	    providers_str(p->privacy_policy_url));
	json_object_set_new(o, "terms_of_service_url",
	    providers_str(p->terms_of_service_url));
	json_object_set_new(o, "status_page_url",
	    providers_str(p->status_page_url));
	json_object_set_new(o, "headquarters", providers_str(p->headquarters));
	json_object_set_new(o, "datacenters",
	    providers_dc_json(p->datacenters));
	json_object_set_new(o, "endpoints", json_integer(p->endpoints));
	/* What the frontend's endpoint objects add. */
	json_object_set_new(o, "training", providers_tri(p->training));
	json_object_set_new(o, "retains_prompts",
	    providers_tri(p->retains_prompts));
	json_object_set_new(o, "provider_region", providers_str(p->region));
	return (o);
}

static void
providers_json(const struct prov_row *rows, size_t n)
{
	json_t	*arr;
	size_t	 i;

	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, providers_object(&rows[i]));
	cli_json_write(stdout, arr, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(arr);
}

static void
providers_csv(const struct prov_row *rows, size_t n)
{
	static const char	*keys[] = {
		"name", "slug", "privacy_policy_url", "terms_of_service_url",
		"status_page_url", "headquarters", "datacenters", "endpoints",
		"training", "retains_prompts", "provider_region"
	};
	const size_t		 nkeys = sizeof keys / sizeof keys[0];
	const json_t		*v;
	json_t			*o;
	char			*text;
	size_t			 i, k;

	for (k = 0; k < nkeys; k++)
		printf("%s%s", k == 0 ? "" : ",", keys[k]);
	fputs("\r\n", stdout);
	for (i = 0; i < n; i++) {
		o = providers_object(&rows[i]);
		for (k = 0; k < nkeys; k++) {
			if (k > 0)
				fputc(',', stdout);
			v = json_object_get(o, keys[k]);
			if (json_is_null(v))
				continue;
			if (json_is_string(v))
				cli_csv_field(stdout, json_string_value(v));
			else if (k == 6) {
				/* datacenters: the codes joined by commas. */
				cli_csv_field(stdout, rows[i].datacenters);
			} else {
				text = json_text(v, JSON_ENCODE_ANY);
				cli_csv_field(stdout, text != NULL ? text : "");
				free(text);
			}
		}
		fputs("\r\n", stdout);
		json_decref(o);
	}
}

static void
providers_table(const struct prov_row *rows, size_t n)
{
	static const char	*align = "llllrl";
	static const int	 maxw[] = { 28, 24, 0, 24, 0, 48 };
	static const int	 prio[] = { 0, 2, 3, 4, 1, 5 };
	static const int	 minw[] = { 12, 10, 0, 8, 0, -1 };
	const char		*headers[6], *cells[6];
	char			 eps[24];
	struct table		*t;
	size_t			 i;

	headers[0] = _("PROVIDER");
	headers[1] = _("SLUG");
	headers[2] = _("HQ");
	headers[3] = _("DATACENTERS");
	headers[4] = _("ENDPOINTS");
	headers[5] = _("STATUS PAGE");
	t = table_new(6, headers, align, maxw);
	table_set_layout(t, prio, minw, -1);
	for (i = 0; i < n; i++) {
		cells[0] = rows[i].name != NULL ? rows[i].name : rows[i].slug;
		cells[1] = rows[i].slug;
		cells[2] = rows[i].headquarters;
		cells[3] = rows[i].datacenters == NULL ? NULL :
		    *rows[i].datacenters == '\0' ? _("none") :
		    rows[i].datacenters;
		cells[4] = numfmt_count(rows[i].endpoints, eps, sizeof eps);
		cells[5] = rows[i].status_page_url;
		table_add(t, cells);
	}
	table_print(t, stdout);
	table_free(t);
}

int
cmd_providers(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct filter		*filter = NULL;
	struct store		*store = NULL;
	struct prov_row		*rows = NULL;
	size_t			 n = 0, kept, i;
	char			*cause = NULL;
	int			 opt, json = 0, csv = 0, rc;

	while ((opt = cli_getopt(argc, argv, "jch", longopts,
	    "providers")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'j':
			json = 1;
			break;
		case 'c':
			csv = 1;
			break;
		case 'h':
			providers_usage(stdout);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	if (cli_formats_ok("providers", json, csv) != 0)
		return (EXIT_USAGE);
	if ((filter = cli_filter_args("providers", argc, argv, optind)) == NULL)
		return (EXIT_USAGE);
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		goto out;
	if (store_provider_load(store, &rows, &n, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
		goto out;
	}
	for (i = 0, kept = 0; i < n; i++) {
		if (!providers_match(filter, &rows[i])) {
			prov_row_clear(&rows[i]);
			continue;
		}
		if (kept != i) {
			rows[kept] = rows[i];
			prov_row_init(&rows[i]);
		}
		kept++;
	}
	if (json)
		providers_json(rows, kept);
	else if (csv)
		providers_csv(rows, kept);
	else if (kept > 0)
		providers_table(rows, kept);
	/* Said aside, so that a script reading stdout sees no rows. */
	if (kept == 0)
		cli_error(_("providers: no providers match"));
	rc = EXIT_OK;
out:
	prov_row_list_free(rows, n);
	filter_free(filter);
	store_close(store);
	return (rc);
}
