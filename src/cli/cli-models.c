/*
 * cli-models: `orbrowse models [FILTER]`, one row per model in the
 * directory with its endpoints' figures.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "project/endpoint-sort.h"
#include "project/filter.h"
#include "project/model.h"
#include "store/store-meta.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/xmalloc.h"

static void
models_usage(FILE *f)
{
	fprintf(f, _("Usage: %s models [--db PATH] [--sort [-]COL] "
	    "[--json|--csv] [FILTER]...\n"), cli_global.progname);
	fputs(_("List the models matching FILTER (the filter of ls; terms on "
	    "an endpoint's\n  own fields, such as provider: or latency, match "
	    "no model), for example:\n  orbrowse models out:image "
	    "expires<30 cutoff>=2025-06 param:tools\n"), f);
	fputs(_("Prices are the lowest of the model's healthy endpoints, in $ "
	    "per 1M tokens,\n  else the model's own.  * marks a model that "
	    "expires within 30 days.\n"), f);
	fputs(_("Sort columns: id name ctx out prompt completion providers "
	    "expires cutoff\n  created usage (tokens over the last 7 days); a "
	    "leading - sorts descending.\n"), f);
	fputs(_("--json gives each model its versions: the dated model keys "
	    "its public id\n  has named, oldest first.\n"), f);
}

/* A comma list as a JSON array (null when unknown). */
static json_t *
models_json_list(const char *list)
{
	json_t		*a;
	const char	*p, *end;

	if (list == NULL)
		return (json_null());
	a = json_array();
	for (p = list; *p != '\0'; p = *end == ',' ? end + 1 : end) {
		end = p + strcspn(p, ",");
		json_array_append_new(a, json_stringn(p, (size_t)(end - p)));
	}
	return (a);
}

/* One model as the object of --json (and the fields of --csv). */
static json_t *
models_json(const struct model_row *m, int64_t today)
{
	json_t	*o;

	o = json_object();
	json_object_set_new(o, "id", cli_json_str(m->model_id != NULL ?
	    m->model_id : m->model_key));
	json_object_set_new(o, "model_key", cli_json_str(m->model_key));
	json_object_set_new(o, "canonical_slug",
	    cli_json_str(m->canonical_slug));
	json_object_set_new(o, "name", cli_json_str(m->name));
	json_object_set_new(o, "context_length",
	    cli_json_int(m->context_length));
	json_object_set_new(o, "max_output", cli_json_int(m->max_output));
	json_object_set_new(o, "input_modalities",
	    models_json_list(m->input_modalities));
	json_object_set_new(o, "output_modalities",
	    models_json_list(m->output_modalities));
	json_object_set_new(o, "supported_parameters",
	    models_json_list(m->supported_parameters));
	json_object_set_new(o, "expiration_date",
	    cli_json_str(m->expiration_date));
	json_object_set_new(o, "expiring", json_boolean(
	    model_expiring(m->expiration_date, today)));
	json_object_set_new(o, "knowledge_cutoff",
	    cli_json_str(m->knowledge_cutoff));
	json_object_set_new(o, "created", cli_json_int(m->created));
	json_object_set_new(o, "alias_target",
	    cli_json_str(m->alias_target));
	json_object_set_new(o, "hugging_face_id",
	    cli_json_str(m->hugging_face_id));
	json_object_set_new(o, "providers", json_integer(m->providers));
	json_object_set_new(o, "min_price_prompt",
	    cli_json_real(m->min_price_prompt));
	json_object_set_new(o, "min_price_completion",
	    cli_json_real(m->min_price_completion));
	json_object_set_new(o, "usage_7d", cli_json_int(m->usage));
	return (o);
}

/* The model's lineage (store_model_versions()), oldest first. */
static json_t *
models_json_versions(struct store *store, const char *model_key)
{
	struct model_version	*v = NULL;
	json_t			*a;
	size_t			 n = 0, i;
	char			*why = NULL;

	if (store_model_versions(store, model_key, &v, &n, &why) != 0) {
		free(why);
		return (json_null());
	}
	a = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(a, json_pack("{s:s,s:I,s:I}",
		    "model_key", v[i].model_key, "first_run",
		    (json_int_t)v[i].first_run, "last_run",
		    (json_int_t)v[i].last_run));
	model_version_list_free(v, n);
	return (a);
}

static void
models_machine(struct store *store, const struct model_row *rows, size_t n,
    int csv)
{
	const char	*key;
	json_t		*o, *v;
	size_t		 i;
	int64_t		 today = model_today();
	int		 first;

	if (!csv)
		fputs("[", stdout);
	for (i = 0; i < n; i++) {
		o = models_json(&rows[i], today);
		if (!csv) {
			json_object_set_new(o, "versions", models_json_versions(
			    store, rows[i].model_key));
			cli_json_item(stdout, i, o);
			continue;
		}
		if (i == 0) {
			first = 1;
			json_object_foreach(o, key, v) {
				printf("%s%s", first ? "" : ",", key);
				first = 0;
			}
			fputs("\r\n", stdout);
		}
		first = 1;
		json_object_foreach(o, key, v) {
			if (!first)
				fputc(',', stdout);
			first = 0;
			cli_csv_value(stdout, v);
		}
		fputs("\r\n", stdout);
		json_decref(o);
	}
	if (!csv)
		cli_json_end(stdout, n);
}

/* "text,image>image" */
static char *
models_modalities(const struct model_row *m)
{
	return (xasprintf("%s>%s", m->input_modalities != NULL ?
	    m->input_modalities : "?", m->output_modalities != NULL ?
	    m->output_modalities : "?"));
}

static void
models_table(const struct model_row *rows, size_t n)
{
	static const char	*align = "lrrlrrrll";
	static const int	 maxw[] = { 48, 0, 0, 24, 0, 0, 0, 0, 0 };
	static const int	 prio[] = { 0, 2, 6, 5, 1, 3, 4, 7, 8 };
	static const int	 minw[] = { 24, 0, 0, 8, 0, 0, 0, 0, 0 };
	const char		*headers[9], *cells[9];
	char			 ctx[16], out[16], in[24], cp[24], prov[24];
	char			*id, *mods;
	struct table		*t;
	size_t			 i;
	int64_t			 today = model_today();

	headers[0] = _("ID");
	headers[1] = _("CTX");
	headers[2] = _("MAX OUT");
	headers[3] = _("MODALITIES");
	headers[4] = _("$/M IN");
	headers[5] = _("$/M OUT");
	headers[6] = _("PROV");
	headers[7] = _("EXPIRES");
	headers[8] = _("CUTOFF");
	t = table_new(9, headers, align, maxw);
	table_set_layout(t, prio, minw, 0);
	for (i = 0; i < n; i++) {
		id = model_label(rows[i].model_id, rows[i].model_key,
		    rows[i].expiration_date, today);
		mods = models_modalities(&rows[i]);
		cells[0] = id;
		cells[1] = numfmt_count(rows[i].context_length, ctx,
		    sizeof ctx);
		cells[2] = numfmt_count(rows[i].max_output, out, sizeof out);
		cells[3] = mods;
		cells[4] = numfmt_price(rows[i].min_price_prompt,
		    NUMFMT_PRICE_DIGITS, in,
		    sizeof in);
		cells[5] = numfmt_price(rows[i].min_price_completion,
		    NUMFMT_PRICE_DIGITS, cp,
		    sizeof cp);
		snprintf(prov, sizeof prov, "%lld",
		    (long long)rows[i].providers);
		cells[6] = prov;
		cells[7] = rows[i].expiration_date != NULL ?
		    rows[i].expiration_date : "-";
		cells[8] = rows[i].knowledge_cutoff != NULL ?
		    rows[i].knowledge_cutoff : "-";
		table_add(t, cells);
		free(id);
		free(mods);
	}
	table_print(t, stdout);
	table_free(t);
}

/* Parse the options; returns -1 (usage printed) or the index of FILTER. */
static int
models_options(int argc, char **argv, enum model_sort *by, int *desc,
    int *json, int *csv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "sort", required_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "csv", no_argument, NULL, 'c' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char	*arg;
	int		 opt;

	while ((opt = cli_getopt(argc, argv, "s:jch", longopts,
	    "models")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 's':
			arg = optarg;
			if ((*desc = *arg == '-'))
				arg++;
			if (model_sort_parse(arg, by) != 0) {
				cli_error(_("models: unknown sort column: %s "
				    "(one of id name ctx out prompt completion "
				    "providers expires cutoff created usage)"),
				    arg);
				return (-1);
			}
			break;
		case 'j':
			*json = 1;
			break;
		case 'c':
			*csv = 1;
			break;
		case 'h':
			models_usage(stdout);
			return (-2);
		default:
			return (-1);
		}
	}
	if (cli_formats_ok("models", *json, *csv) != 0)
		return (-1);
	return (optind);
}

int
cmd_models(int argc, char **argv)
{
	struct filter		*filter = NULL;
	struct store		*store = NULL;
	struct model_row	*rows = NULL;
	enum model_sort		 by = MODEL_SORT_ID;
	size_t			 n = 0, kept, i;
	char			*cause = NULL;
	int			 first, desc = 0, json = 0, csv = 0, rc;

	if ((first = models_options(argc, argv, &by, &desc, &json,
	    &csv)) < 0)
		return (first == -2 ? EXIT_OK : EXIT_USAGE);
	if ((filter = cli_filter_args("models", argc, argv, first)) == NULL)
		return (EXIT_USAGE);
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		goto out;
	if (store_model_list(store, NULL, &rows, &n, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		rc = EXIT_FAIL;
		goto out;
	}
	for (i = 0, kept = 0; i < n; i++) {
		if (!filter_match_model(filter, &rows[i])) {
			model_row_clear(&rows[i]);
			continue;
		}
		if (kept != i) {
			rows[kept] = rows[i];
			model_row_init(&rows[i]);
		}
		kept++;
	}
	model_row_sort(rows, kept, by, desc);
	if (json || csv)
		models_machine(store, rows, kept, csv);
	else if (kept > 0)
		models_table(rows, kept);
	/* Said aside, so that a script reading stdout sees no rows. */
	if (kept == 0)
		cli_error(_("models: no models match"));
	rc = EXIT_OK;
out:
	model_row_list_free(rows, n);
	filter_free(filter);
	store_close(store);
	return (rc);
}
