/*
 * cli-watch: `orbrowse watch add|rm|ls`, the watchlist
 * (store/store-changelog.h), which the filter term `watched` selects.
 */
#include "config.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "store/store-changelog.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/sanitize.h"

static void
watch_usage(FILE *f)
{
	fprintf(f, _("Usage: %s watch [--db PATH] add MODEL...\n"
	    "       %s watch [--db PATH] rm MODEL...\n"
	    "       %s watch [--db PATH] ls [--json]\n"), cli_global.progname,
	    cli_global.progname, cli_global.progname);
	fputs(_("Keep a list of models to watch; the filter term `watched` "
	    "selects their\nendpoints.  MODEL is what cheapest takes: a model "
	    "key, a v1 id or part of a\nname.\n"), f);
}

static int
watch_change(struct store *store, int add, int argc, char **argv)
{
	char	*key, *cause = NULL, *clean;
	int	 i, done, rc = EXIT_OK;

	if (store_begin(store, &cause) != 0)
		goto fail;
	for (i = 0; i < argc; i++) {
		if ((key = cli_resolve_model(store, "watch", argv[i])) == NULL) {
			store_rollback(store);
			return (EXIT_FAIL);
		}
		if ((add ? store_watch_add(store, key, clock_now_ms(), &done,
		    &cause) : store_watch_rm(store, key, &done, &cause)) != 0) {
			free(key);
			store_rollback(store);
			goto fail;
		}
		clean = sanitize_text(key, 0);
		if (add)
			printf(done ? _("Watching %s.\n") :
			    _("Already watching %s.\n"), clean);
		else
			printf(done ? _("No longer watching %s.\n") :
			    _("%s was not watched.\n"), clean);
		free(clean);
		free(key);
	}
	if (store_commit(store, &cause) != 0)
		goto fail;
	return (rc);
fail:
	cli_error("%s", cause);
	free(cause);
	return (EXIT_FAIL);
}

static int
watch_list(struct store *store, int json)
{
	json_t	*arr;
	char	**keys, *cause = NULL, *clean;
	size_t	  n, i;

	if (store_watch_list(store, &keys, &n, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return (EXIT_FAIL);
	}
	if (json) {
		arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{so}",
			    "model_key", json_string_nocheck(keys[i])));
		cli_json_write(stdout, arr, JSON_COMPACT | JSON_PRESERVE_ORDER);
		fputs("\n", stdout);
		json_decref(arr);
	} else if (n == 0)
		printf(_("No model is watched.\n"));
	for (i = 0; !json && i < n; i++) {
		clean = sanitize_text(keys[i], 0);
		printf("%s\n", clean);
		free(clean);
	}
	store_strv_free(keys, n);
	return (EXIT_OK);
}

int
cmd_watch(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store	*store = NULL;
	const char	*verb;
	int		 opt, json = 0, rc;

	while ((opt = getopt_long(argc, argv, "jh", longopts, NULL)) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		if (opt == 'j')
			json = 1;
		else if (opt == 'h') {
			watch_usage(stdout);
			return (EXIT_OK);
		} else {
			watch_usage(stderr);
			return (EXIT_USAGE);
		}
	}
	verb = optind < argc ? argv[optind++] : "";
	if (strcmp(verb, "ls") == 0 && optind == argc) {
		if ((rc = cli_open(STORE_READONLY, &store)) == EXIT_OK)
			rc = watch_list(store, json);
	} else if ((strcmp(verb, "add") == 0 || strcmp(verb, "rm") == 0) &&
	    optind < argc && !json) {
		if ((rc = cli_open(0, &store)) == EXIT_OK)
			rc = watch_change(store, verb[0] == 'a', argc - optind,
			    argv + optind);
	} else {
		watch_usage(stderr);
		return (EXIT_USAGE);
	}
	store_close(store);
	return (rc);
}
