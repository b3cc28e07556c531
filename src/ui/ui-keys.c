/*
 * ui-keys: the keys every screen shares (after the screen declined
 * them) and what they do: quit, help, copy (OSC 52), the model's web
 * page, the watchlist star, the unseen alerts, the ':' command line;
 * and the config file's key bindings, read as their action's key.
 */
#include "config.h"

#include "ui/ui.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "project/model-url.h"
#include "store/store-changelog.h"
#include "ui/ui-change.h"
#include "ui/ui-private.h"
#include "ui/ui-views.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/osc52.h"
#include "util/spawn.h"
#include "util/uiconf.h"
#include "util/xmalloc.h"

/* ------------------------------------------------------------- commands */

/* Help on the keys of the screen on top. */
static void
ui_help(struct ui *ui)
{
	ui_open(ui, SCREEN_HELP, &(struct screen_arg){
	    .of = ui->top != NULL ? ui->top->ops : NULL });
}

/*
 * Quit ('q' on the first screen, 'Q', ":q"); a sync running in this
 * process would be aborted, so that is asked first, as 'x' asks.
 */
static void
ui_quit(struct ui *ui)
{
	if (ui->sync == NULL) {
		ui->quit = 1;
		return;
	}
	ui->confirm_quit = 1;
	ui_message(ui, 1, _("sync run %lld is running: quit and abort it? "
	    "y: quit, any other key: stay"), (long long)ui->sync_run);
}

/* The key after ui_quit() asked. */
void
ui_quit_answer(struct ui *ui, int ch)
{
	ui->confirm_quit = 0;
	if (ch == 'y' || ch == 'Y')
		ui->quit = 1;
	else
		ui_message(ui, 0, "%s", _("the sync goes on"));
}

void
ui_copy(struct ui *ui, const char *text, const char *what)
{
	char	*seq;
	size_t	 len, off = 0;
	ssize_t	 n;

	if (text == NULL || (seq = osc52_sequence(text)) == NULL) {
		ui_message(ui, 1, "%s", text == NULL ? _("nothing to copy "
		    "here") : _("cannot copy: the text is empty, too long or "
		    "holds control characters"));
		return;
	}
	/* Straight to the terminal: curses does not know OSC 52, and the
	 * sequence draws nothing.  tmux takes it with set-clipboard on. */
	len = strlen(seq);
	while (off < len) {
		n = write(STDOUT_FILENO, seq + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	free(seq);
	if (off < len)
		ui_message(ui, 1, "%s", _("cannot copy: writing to the "
		    "terminal failed"));
	else
		ui_message(ui, 0, _("copied %s %s (OSC 52: the terminal's "
		    "clipboard)"), _(what), text);
}

void
ui_open_model_page(struct ui *ui, const char *model_key)
{
	char	*url, *cause = NULL;
	char	*argv[3];

	if (model_key == NULL) {
		ui_message(ui, 1, "%s", _("no model to open here"));
		return;
	}
	if ((url = model_url(model_key)) == NULL) {
		ui_message(ui, 1, "%s", _("cannot open: the model id has "
		    "characters an address must not have"));
		return;
	}
	argv[0] = (char *)"xdg-open";
	argv[1] = url;
	argv[2] = NULL;
	if (spawn_detached(argv, &cause) < 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	} else
		ui_message(ui, 0, _("opening %s with xdg-open"), url);
	free(url);
}

/* :model NAME: the model screen, after a pick when several match. */
/* ":model NAME", ":history NAME": the screen id of the model NAME
 * resolves to (a pick list when it names several). */
static void
ui_command_model(struct ui *ui, enum screen_id id, const char *arg)
{
	char	**keys = NULL, *cause = NULL, title[256];
	size_t	  n = 0;
	int	  exact, i = 0;

	if (store_model_resolve(ui->store, arg, &keys, &n, &exact,
	    &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	if (n == 0)
		ui_message(ui, 1, _("no model matches \"%s\""), arg);
	else {
		if (n > 1) {
			snprintf(title, sizeof title, _("\"%s\" matches %zu "
			    "models: pick one"), arg, n);
			i = ui_pick(ui, title, keys, n);
		}
		if (i >= 0)
			ui_open(ui, id, &(struct screen_arg){
			    .model_key = keys[i] });
	}
	store_strv_free(keys, n);
}

static void
ui_command(struct ui *ui)
{
	char	*line, *arg;

	line = ui_prompt(ui, ":", NULL, NULL, NULL);
	if (line == NULL)
		return;
	arg = strchr(line, ' ');
	if (arg != NULL) {
		*arg++ = '\0';
		arg += strspn(arg, " ");
	}
	if (strcmp(line, "q") == 0 || strcmp(line, "quit") == 0)
		ui_quit(ui);
	else if (strcmp(line, "endpoints") == 0) {
		while (ui->top != NULL && ui->top->below != NULL)
			ui_pop(ui);
	} else if (strcmp(line, "runs") == 0)
		ui_open(ui, SCREEN_RUNS, NULL);
	else if (strcmp(line, "models") == 0)
		ui_open(ui, SCREEN_MODELS, NULL);
	else if (strcmp(line, "providers") == 0)
		ui_open(ui, SCREEN_PROVIDERS, NULL);
	else if (strcmp(line, "changes") == 0)
		ui_open(ui, SCREEN_CHANGES, NULL);
	else if (strcmp(line, "sync") == 0) {
		/* Opened even when another process syncs: it shows that one. */
		(void)ui_sync_start(ui);
		ui_open(ui, SCREEN_SYNC, NULL);
	} else if (strcmp(line, "model") == 0 && arg != NULL && *arg != '\0')
		ui_command_model(ui, SCREEN_MODEL, arg);
	else if (strcmp(line, "history") == 0 && arg != NULL && *arg != '\0')
		ui_command_model(ui, SCREEN_HISTORY, arg);
	else if (strcmp(line, "history") == 0)
		ui_open(ui, SCREEN_HISTORY, &(struct screen_arg){
		    .model_key = ui->top != NULL && ui->top->ops->model !=
		    NULL ? ui->top->ops->model(ui->top) : NULL });
	else if (strcmp(line, "author") == 0 && arg != NULL && *arg != '\0')
		ui_open(ui, SCREEN_AUTHOR, &(struct screen_arg){
		    .author = arg });
	else if (strcmp(line, "save") == 0 || strcmp(line, "view") == 0) {
		/* Named views of the endpoints screen (ui-views.c). */
		if (ui_views_command(ui, line, arg) == 1)
			while (ui->top != NULL && ui->top->below != NULL)
				ui_pop(ui);
	} else if (strcmp(line, "help") == 0)
		ui_help(ui);
	else if (*line != '\0')
		ui_message(ui, 1, _("unknown command: %s (try :endpoints, "
		    ":models, :providers, :runs, :sync, :model NAME, "
		    ":author NAME, :view, :q)"), line);
	free(line);
}

void
ui_watch_toggle(struct ui *ui, const char *model)
{
	char	**keys = NULL, *cause = NULL;
	size_t	  n = 0;
	int	  removed = 0, added = 0, exact, rc;

	if (model == NULL) {
		ui_message(ui, 1, "%s", _("no model here"));
		return;
	}
	if (ui->opt.readonly) {
		ui_message(ui, 1, "%s", _("the database is read-only: the "
		    "watchlist cannot change"));
		return;
	}
	/* A public id (what 'o' opens) names its model key. */
	if ((rc = store_model_resolve(ui->store, model, &keys, &n, &exact,
	    &cause)) == 0 && n != 1) {
		ui_message(ui, 1, _("no model matches \"%s\""), model);
		store_strv_free(keys, n);
		return;
	}
	if (rc == 0 && (rc = store_watch_rm(ui->store, keys[0], &removed,
	    &cause)) == 0 && !removed)
		rc = store_watch_add(ui->store, keys[0], clock_now_ms(),
		    &added, &cause);
	if (rc != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	} else {
		ui->generation++;
		ui_message(ui, 0, removed ? _("%s unstarred (off the "
		    "watchlist)") : _("%s starred (on the watchlist)"),
		    keys[0]);
	}
	store_strv_free(keys, n);
}

void
ui_alerts_show(struct ui *ui)
{
	struct alert_rec	*list = NULL;
	struct buf		 b = BUF_INIT;
	char			**items, *cause = NULL, title[128];
	size_t			 n = 0, i;
	int64_t			 marked;
	int			 pick;

	if (store_alert_list(ui->store, 1, 0, &list, &n, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return;
	}
	if (n == 0) {
		ui_message(ui, 0, "%s", _("no new alerts (orbrowse alerts "
		    "lists them all)"));
		alert_rec_list_free(list, n);
		return;
	}
	items = xcalloc(n, sizeof *items);
	for (i = 0; i < n; i++) {
		buf_reset(&b);
		buf_printf(&b, "%s: ", list[i].rule);
		ui_change_text(&list[i].c, 1, &b);
		items[i] = xstrdup(buf_str(&b));
	}
	buf_free(&b);
	snprintf(title, sizeof title, P_("%zu new alert, now seen: Enter opens "
	    "the model's history", "%zu new alerts, now seen: Enter opens "
	    "the model's history", n), n);
	/* Seen once shown; a read-only database forgets it at exit. */
	if (!ui->opt.readonly && store_alert_seen(ui->store, clock_now_ms(),
	    &marked, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
	ui->alerts_unseen = 0;
	free(ui->alerts_text);
	ui->alerts_text = NULL;
	if ((pick = ui_pick(ui, title, items, n)) >= 0)
		ui_open(ui, SCREEN_HISTORY, &(struct screen_arg){
		    .model_key = list[pick].c.model_key });
	for (i = 0; i < n; i++)
		free(items[i]);
	free(items);
	alert_rec_list_free(list, n);
}

/* Keys every screen shares, after the screen declined them. */
void
ui_global_key(struct ui *ui, int ch)
{
	switch (ch) {
	case 'q':
	case 27:
		if (ui->top != NULL && ui->top->below != NULL)
			ui_pop(ui);
		else if (ch == 'q')
			ui_quit(ui);
		break;
	case 'Q':
		ui_quit(ui);
		break;
	case 'B':
		ui->hints = !ui->hints;
		break;
	case 'H':
		/* The endpoints and models screens open it on their row. */
		ui_open(ui, SCREEN_HISTORY, &(struct screen_arg){
		    .model_key = ui->top != NULL && ui->top->ops->model !=
		    NULL ? ui->top->ops->model(ui->top) : NULL });
		break;
	case 'y':
		if (ui->top != NULL && ui->top->ops->copy != NULL) {
			const char	*what = NULL, *text;

			text = ui->top->ops->copy(ui->top, &what);
			ui_copy(ui, text, what != NULL ? what : "");
		} else
			ui_message(ui, 1, "%s", _("nothing to copy here"));
		break;
	case 'o':
		ui_open_model_page(ui, ui->top != NULL &&
		    ui->top->ops->model != NULL ?
		    ui->top->ops->model(ui->top) : NULL);
		break;
	case '?':
		ui_help(ui);
		break;
	case ':':
		ui_command(ui);
		break;
	case 'r':
		/* Opened even when another process syncs: it shows that one. */
		if (ui->sync == NULL)
			(void)ui_sync_start(ui);
		ui_open(ui, SCREEN_SYNC, NULL);
		break;
	case 'R':
		ui_open(ui, SCREEN_RUNS, NULL);
		break;
	case 'O':
		ui_open(ui, SCREEN_MODELS, NULL);
		break;
	case 'P':
		ui_open(ui, SCREEN_PROVIDERS, NULL);
		break;
	case 'C':
		ui_open(ui, SCREEN_CHANGES, NULL);
		break;
	case '*':
		ui_watch_toggle(ui, ui->top != NULL && ui->top->ops->model !=
		    NULL ? ui->top->ops->model(ui->top) : NULL);
		break;
	case 'c':
		ui_compare(ui);
		break;
	case 'A':
		ui_alerts_show(ui);
		break;
	case KEY_RESIZE:
		break;
	default:
		break;
	}
}

/* The key each named action of the config file (util/uiconf.h) stands
 * for: a bound key is read as this one. */
static const int ui_action_keys[UIA__COUNT] = {
	[UIA_HELP] = '?',
	[UIA_COMMAND] = ':',
	[UIA_BACK] = 27,
	[UIA_QUIT] = 'Q',
	[UIA_SYNC] = 'r',
	[UIA_RUNS] = 'R',
	[UIA_HINTS] = 'B',
	[UIA_COPY] = 'y',
	[UIA_OPEN] = 'o',
	[UIA_FILTER] = '/',
	[UIA_SORT] = 's',
	[UIA_REVERSE] = 'S',
	[UIA_INSPECT] = 'i',
	[UIA_METRICS] = 'M',
	[UIA_SELECT] = '\r',
	[UIA_UP] = KEY_UP,
	[UIA_DOWN] = KEY_DOWN,
	[UIA_LEFT] = KEY_LEFT,
	[UIA_RIGHT] = KEY_RIGHT,
	[UIA_PAGE_UP] = KEY_PPAGE,
	[UIA_PAGE_DOWN] = KEY_NPAGE,
	[UIA_FIRST] = 'g',
	[UIA_LAST] = 'G',
};

/* A key as the screens see it: a key the config file binds is read as
 * its action's key. */
int
ui_bound_key(const struct ui *ui, int ch)
{
	const struct uiconf	*c = ui->opt.conf;
	int			 i, k;

	if (c == NULL)
		return (ch);
	for (i = 0; i < c->nbind; i++) {
		k = c->bind[i].key;
		if (k >= UICONF_KEY_F(1) && k <= UICONF_KEY_F(12))
			k = KEY_F(k - UICONF_KEY_F(0));
		if (k == ch || (k == '\r' && ch == KEY_ENTER))
			return (ui_action_keys[c->bind[i].action]);
	}
	return (ch);
}
