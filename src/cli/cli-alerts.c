/*
 * cli-alerts: the alerts a run raised, and `orbrowse alerts`
 * (cli-alerts.h).
 */
#include "config.h"

#include <sys/wait.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "cli/cli-alerts.h"
#include "codec/jarena.h"
#include "project/ep-change.h"
#include "project/filter.h"
#include "store/store-changelog.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/spawn.h"
#include "util/xmalloc.h"

/* How long the alert command may take. */
#define ALERT_COMMAND_MS	30000

/* ------------------------------------------------------- after a run */

static int
alerts_key_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

static int
alerts_watched(char **keys, size_t n, const char *key)
{
	/* An empty watchlist may be a NULL array: bsearch() wants one. */
	if (n == 0 || keys == NULL)
		return (0);
	return (bsearch(&key, keys, n, sizeof *keys, alerts_key_cmp) != NULL);
}

/* Does an active endpoint of the model match the filter? */
static int
alerts_filter_model(const struct filter *f, const struct ep_row *rows,
    size_t n, const char *key)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		if (strcmp(rows[i].model_key, key) == 0 &&
		    filter_match(f, &rows[i]))
			return (1);
	}
	return (0);
}

/* What the rules need to know beside the records: the watchlist and, for
 * new_model, the active endpoints and the filter. */
struct alerts_ctx {
	char		**watch;
	size_t		  nwatch;
	struct ep_row	 *rows;
	size_t		  nrows;
	struct filter	 *filter;
};

static int
alerts_ctx_load(struct store *store, const struct alert_rules *r,
    struct alerts_ctx *x, char **cause)
{
	struct filter_error	ferr;

	memset(x, 0, sizeof *x);
	if (store_watch_list(store, &x->watch, &x->nwatch, cause) != 0)
		return (-1);
	if (r->new_model[0] == '\0')
		return (0);
	memset(&ferr, 0, sizeof ferr);
	if ((x->filter = filter_parse(r->new_model, &ferr)) == NULL) {
		*cause = ferr.message;
		return (-1);
	}
	return (store_endpoint_load(store, 0, &x->rows, &x->nrows, cause));
}

static void
alerts_ctx_free(struct alerts_ctx *x)
{
	store_strv_free(x->watch, x->nwatch);
	ep_row_list_free(x->rows, x->nrows);
	filter_free(x->filter);
}

/* The rule a record fires, or NULL. */
static const char *
alerts_rule(const struct alert_rules *r, const struct alerts_ctx *x,
    const struct change_rec *c)
{
	struct alert_change	a;

	memset(&a, 0, sizeof a);
	a.kind = c->kind;
	a.pct = strcmp(c->kind, "price_changed") == 0 ?
	    ep_change_pct(change_value_real(&c->old),
	    change_value_real(&c->new)) : NAN;
	a.new_text = c->new.type == CHV_TEXT ? c->new.s : NULL;
	a.today = c->at / 86400000;
	a.watched = alerts_watched(x->watch, x->nwatch, c->model_key);
	a.filter_match = x->filter != NULL && strcmp(c->kind,
	    "model_added") == 0 && alerts_filter_model(x->filter, x->rows,
	    x->nrows, c->model_key);
	return (alert_match(r, &a));
}

/* The alert command, with the alerts on its stdin; a warning when it
 * cannot run or fails. */
static void
alerts_command(const char *command, const json_t *alerts)
{
	char	**argv = NULL, *json, *cause = NULL;
	int	  status;

	if (spawn_words(command, &argv, &cause) != 0) {
		cli_error(_("warning: alert.command: %s"), cause);
		free(cause);
		return;
	}
	json = json_text(alerts, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(17));
	fflush(stdout);
	if (spawn_feed(argv, json, strlen(json), ALERT_COMMAND_MS, &status,
	    &cause) != 0) {
		cli_error(_("warning: alert command: %s"), cause);
		free(cause);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		cli_error(_("warning: alert command %s failed (status %d)"),
		    argv[0], WIFEXITED(status) ? WEXITSTATUS(status) :
		    128 + WTERMSIG(status));
	free(json);
	spawn_words_free(argv);
}

/* Keep the alerts; a warning when the store cannot. */
static void
alerts_keep(struct store *store, const struct change_rec *list,
    const char **rule, size_t n)
{
	char	*cause = NULL;
	size_t	 i;

	if (store_begin(store, &cause) != 0)
		goto fail;
	for (i = 0; i < n; i++) {
		if (rule[i] != NULL && store_alert_put(store, list[i].id,
		    list[i].run_id, rule[i], &cause) != 0) {
			store_rollback(store);
			goto fail;
		}
	}
	if (store_commit(store, &cause) == 0)
		return;
fail:
	cli_error(_("warning: the alerts were not kept: %s"), cause);
	free(cause);
}

json_t *
cli_alerts_after_run(struct store *store, const struct alert_rules *r,
    int64_t run_id, int print)
{
	struct alerts_ctx	 x;
	struct change_rec	*list = NULL;
	const char		**rule;
	json_t			*out, *o;
	char			*cause = NULL, *line, *clean;
	size_t			 n = 0, i;

	out = json_array();
	if (run_id <= 0 || !alert_rules_any(r))
		return (out);
	if (store_changelog_list(store, 0, run_id, &list, &n, &cause) != 0 ||
	    alerts_ctx_load(store, r, &x, &cause) != 0) {
		cli_error(_("warning: no alerts: %s"), cause);
		free(cause);
		change_rec_list_free(list, n);
		return (out);
	}
	rule = xcalloc(n == 0 ? 1 : n, sizeof *rule);
	for (i = 0; i < n; i++) {
		if ((rule[i] = alerts_rule(r, &x, &list[i])) == NULL)
			continue;
		o = cli_change_json(&list[i]);
		json_object_set_new(o, "rule", json_string(rule[i]));
		json_array_append_new(out, o);
		if (!print)
			continue;
		line = cli_change_line(&list[i]);
		clean = sanitize_text(line, 0);
		printf(_("alert: %s: %s\n"), rule[i], clean);
		free(clean);
		free(line);
	}
	if (json_array_size(out) > 0) {
		alerts_keep(store, list, rule, n);
		if (r->command[0] != '\0')
			alerts_command(r->command, out);
	}
	free(rule);
	alerts_ctx_free(&x);
	change_rec_list_free(list, n);
	return (out);
}

/* What was captured of stderr, as "a; b" without the program's name. */
static char *
alerts_captured(FILE *f)
{
	struct buf	 b = BUF_INIT;
	char		 line[1024], *p;
	size_t		 plen = strlen(cli_global.progname);
	char		*out;

	rewind(f);
	while (b.len < 4096 && fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		p = line;
		if (strncmp(p, cli_global.progname, plen) == 0 &&
		    strncmp(p + plen, ": ", 2) == 0)
			p += plen + 2;
		if (*p == '\0')
			continue;
		if (b.len > 0)
			buf_addstr(&b, "; ");
		buf_addstr(&b, p);
	}
	out = b.len > 0 ? xstrdup(buf_str(&b)) : NULL;
	buf_free(&b);
	return (out);
}

size_t
cli_alerts_after_run_quiet(struct store *store, const struct alert_rules *r,
    int64_t run_id, char **warnings)
{
	FILE	*tmp;
	json_t	*alerts;
	size_t	 n;
	int	 saved;

	*warnings = NULL;
	if (run_id <= 0 || !alert_rules_any(r))
		return (0);
	/* stderr into a file for the call: the terminal is the UI's. */
	fflush(stderr);
	if ((tmp = tmpfile()) == NULL) {
		*warnings = xasprintf(_("no alerts: cannot capture their "
		    "messages: %s"), strerror(errno));
		return (0);
	}
	if ((saved = dup(STDERR_FILENO)) == -1 ||
	    dup2(fileno(tmp), STDERR_FILENO) == -1) {
		*warnings = xasprintf(_("no alerts: cannot capture their "
		    "messages: %s"), strerror(errno));
		if (saved != -1)
			close(saved);
		fclose(tmp);
		return (0);
	}
	alerts = cli_alerts_after_run(store, r, run_id, 0);
	fflush(stderr);
	(void)dup2(saved, STDERR_FILENO);
	close(saved);
	n = json_array_size(alerts);
	json_decref(alerts);
	*warnings = alerts_captured(tmp);
	fclose(tmp);
	return (n);
}

/* ---------------------------------------------------- orbrowse alerts */

static void
alerts_usage(FILE *f)
{
	fprintf(f, _("Usage: %s alerts [--db PATH] [--unseen] [--json]\n"
	    "       %s alerts [--db PATH] --seen\n"), cli_global.progname,
	    cli_global.progname);
	fputs(_("The alerts syncs and imports raised, newest first, as the "
	    "alert.* rules of the\nconfig file chose them from the change "
	    "records.  --unseen lists only those not\nyet seen; --seen marks "
	    "every alert seen.\n"), f);
}

static void
alerts_print(const struct alert_rec *list, size_t n, int json)
{
	json_t	*o;
	char	*line, *clean, when[32];
	size_t	 i;

	if (json)
		fputs("[", stdout);
	for (i = 0; i < n; i++) {
		if (json) {
			o = cli_change_json(&list[i].c);
			json_object_set_new(o, "rule",
			    json_string(list[i].rule));
			json_object_set_new(o, "seen", json_boolean(
			    list[i].seen_at != 0));
			cli_json_item(stdout, i, o);
			continue;
		}
		line = cli_change_line(&list[i].c);
		clean = sanitize_text(line, 0);
		printf("%s %s %-10s %s\n", cli_fmt_time(list[i].c.at, when,
		    sizeof when), list[i].seen_at != 0 ? " " : "*",
		    list[i].rule, clean);
		free(clean);
		free(line);
	}
	if (json)
		cli_json_end(stdout, n);
	else if (n == 0)
		printf(_("No alerts.\n"));
}

int
cmd_alerts(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, 'D' },
		{ "unseen", no_argument, NULL, 'u' },
		{ "seen", no_argument, NULL, 's' },
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct store		*store = NULL;
	struct alert_rec	*list = NULL;
	size_t			 n = 0;
	int64_t			 marked;
	char			*cause = NULL;
	int			 opt, unseen = 0, seen = 0, json = 0, rc;

	while ((opt = cli_getopt(argc, argv, "usjh", longopts,
	    "alerts")) != -1) {
		if (cli_common_option(opt, optarg))
			continue;
		if (opt == 'u')
			unseen = 1;
		else if (opt == 's')
			seen = 1;
		else if (opt == 'j')
			json = 1;
		else if (opt == 'h') {
			alerts_usage(stdout);
			return (EXIT_OK);
		} else
			return (EXIT_USAGE);
	}
	if (optind != argc) {
		cli_error(_("alerts: unexpected argument: %s"), argv[optind]);
		cli_hint("alerts");
		return (EXIT_USAGE);
	}
	if (seen && (unseen || json)) {
		cli_error(_("alerts: --seen lists nothing; give it alone"));
		return (EXIT_USAGE);
	}
	if ((rc = cli_open(seen ? 0 : STORE_READONLY, &store)) != EXIT_OK)
		return (rc);
	rc = EXIT_OK;
	if (seen) {
		if (store_alert_seen(store, clock_now_ms(), &marked,
		    &cause) != 0)
			goto fail;
		printf(P_("%lld alert marked seen.\n",
		    "%lld alerts marked seen.\n", marked), (long long)marked);
	} else {
		if (store_alert_list(store, unseen, 0, &list, &n,
		    &cause) != 0)
			goto fail;
		alerts_print(list, n, json);
	}
	goto out;
fail:
	cli_error("%s", cause);
	free(cause);
	rc = EXIT_FAIL;
out:
	alert_rec_list_free(list, n);
	store_close(store);
	return (rc);
}
