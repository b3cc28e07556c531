/*
 * cli-show: `orbrowse show ENDPOINT|MODEL`, a stored snapshot as pretty
 * JSON.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "codec/jarena.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/xmalloc.h"

static void
show_usage(FILE *f)
{
	fprintf(f, _("Usage: %s show [--db PATH] [--run N] [--model KEY] "
	    "[--kind catalogue|v1] ENDPOINT_ID|MODEL\n"), cli_global.progname);
	fputs(_("Print the stored JSON of an endpoint or a model as of run N "
	    "(default: the\nnewest), decompressed, checked against its hash "
	    "and pretty-printed.  MODEL is taken\nas `cheapest` takes it: a "
	    "model key, a v1 id or an unambiguous part of either\nor of its "
	    "name.\n"), f);
}

/*
 * Print a stored blob.  An endpoint known only from the catalogue shares
 * its entry's blob; for it (endpoint_id not NULL) the entry's "endpoint"
 * member is printed.
 */
static int
show_blob(struct store *store, const char *hash, const char *endpoint_id)
{
	struct buf	 raw = BUF_INIT;
	json_error_t	 jerr;
	json_t		*root = NULL;
	char		*cause = NULL, *text, *safe;
	int		 rc = EXIT_FAIL;

	if (store_blob_text(store, hash, &raw, &cause) != 0) {
		cli_error("%s", cause);
		goto out;
	}
	if ((root = json_loadb(raw.data, raw.len, JSON_DECODE_ANY,
	    &jerr)) == NULL) {
		cli_error(_("blob %s: stored JSON does not parse: %s"), hash,
		    jerr.text);
		goto out;
	}
	if (endpoint_id != NULL) {
		json_t	*ep = json_object_get(root, "endpoint");
		const char *id = json_string_value(json_object_get(ep, "id"));

		if (json_is_object(ep) && id != NULL &&
		    strcmp(id, endpoint_id) == 0) {
			json_incref(ep);
			json_decref(root);
			root = ep;
		}
	}
	/*
	 * jansson escapes C0; C1 controls and bidi characters inside strings
	 * are escaped too, so that the document is the same and safe to show.
	 */
	text = json_text(root, JSON_INDENT(2) | JSON_SORT_KEYS |
	    JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
	safe = sanitize_json(text);
	fputs(safe, stdout);
	fputc('\n', stdout);
	free(safe);
	free(text);
	rc = EXIT_OK;
out:
	free(cause);
	json_decref(root);
	buf_free(&raw);
	return (rc);
}

/*
 * Find what `show` was asked for (an endpoint id, else a model key or a v1
 * id, as of run max_run when it is not 0) and print its snapshot, or say
 * why not.  Returns the exit status.
 */
static int
show_find(struct store *store, const char *what, const char *model,
    const char *kind, long long max_run)
{
	struct snap_ref	*refs = NULL;
	struct run_info	 run;
	char		*key = NULL, *cause = NULL, *safe;
	size_t		 n = 0, i;
	int		 rc = EXIT_FAIL, found;

	if (max_run > 0) {
		if (store_run_get(store, max_run, &run, &found, &cause) != 0)
			goto fail;
		if (!found) {
			cli_error(_("show: there is no run %lld"), max_run);
			goto out;
		}
		run_info_clear(&run);
	}

	/* An endpoint id first (it may be listed under several models). */
	if (kind == NULL) {
		if (store_endpoint_snapshot_find(store, what, model, max_run,
		    &refs, &n, &cause) != 0)
			goto fail;
		if (n > 1) {
			cli_error(P_("show: endpoint %s is listed under %zu "
			    "model; choose one with --model:", "show: endpoint "
			    "%s is listed under %zu models; choose one with "
			    "--model:", n), what, n);
			for (i = 0; i < n; i++) {
				safe = sanitize_text(refs[i].model_key, 200);
				fprintf(stderr, "  %s\n", safe);
				free(safe);
			}
			rc = EXIT_USAGE;
			goto out;
		}
		if (n == 1) {
			rc = show_blob(store, refs[0].hash, what);
			goto out;
		}
	}

	/* Then a model as `cheapest` takes it: a key, a v1 id or an
	 * unambiguous part of either or of its name. */
	if (cli_model_resolve(store, "show", what, &key) < 0)
		goto out;
	if (key != NULL) {
		if (store_model_snapshot_find(store, key, kind, max_run,
		    &refs, &n, &cause) != 0)
			goto fail;
		/* Prefer the catalogue entry, the richer object. */
		for (i = 0; i < n; i++) {
			if (strcmp(refs[i].kind, "catalogue") == 0)
				break;
		}
		if (n > 0) {
			rc = show_blob(store, refs[i < n ? i : 0].hash, NULL);
			goto out;
		}
	}
	if (max_run > 0)
		cli_error(_("show: no snapshot of \"%s\" in run %lld or "
		    "before"), what, max_run);
	else
		cli_error(_("show: no endpoint or model \"%s\" is stored"),
		    what);
	goto out;
fail:
	cli_error("%s", cause);
	free(cause);
out:
	free(key);
	snap_ref_list_free(refs, n);
	return (rc);
}

int
cmd_show(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "run", required_argument, NULL, 'r' },
		{ "model", required_argument, NULL, 'm' },
		{ "kind", required_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*store = NULL;
	const char	*what, *model = NULL, *kind = NULL;
	long long	 max_run = 0;
	int		 opt, rc;

	while ((opt = cli_getopt(argc, argv, "r:m:k:h", longopts,
	    "show")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		switch (opt) {
		case 'r':
			if ((max_run = cli_parse_count("--run", optarg)) <= 0) {
				if (max_run == 0)
					cli_error(_("--run: runs are numbered "
					    "from 1"));
				return (EXIT_USAGE);
			}
			break;
		case 'm':
			model = optarg;
			break;
		case 'k':
			if (strcmp(optarg, "catalogue") != 0 &&
			    strcmp(optarg, "v1") != 0) {
				cli_error(_("--kind: want catalogue or v1"));
				return (EXIT_USAGE);
			}
			kind = optarg;
			break;
		case 'h':
			show_usage(stdout);
			return (EXIT_OK);
		default:
			return (EXIT_USAGE);
		}
	}
	if (argc - optind != 1) {
		cli_error(_("show: give exactly one ENDPOINT_ID or MODEL"));
		cli_hint("show");
		return (EXIT_USAGE);
	}
	what = argv[optind];
	if ((rc = cli_open(STORE_READONLY, &store)) != EXIT_OK)
		return (rc);
	rc = show_find(store, what, model, kind, max_run);
	store_close(store);
	return (rc);
}
