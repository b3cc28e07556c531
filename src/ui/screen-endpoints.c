/*
 * screen-endpoints: the default screen, every active endpoint in a table
 * that filters as you type (the filter language of project/filter.h, the
 * same parser as `orbrowse ls`) and sorts by any column.
 *
 * All rows are loaded once (and again when ui->generation moves); a
 * keystroke only re-filters the sorted array in memory and redraws the
 * visible lines, so it stays fast with 50,000 endpoints.
 *
 * The columns are the shared vocabulary of project/endpoint-sort.h (enum
 * ep_col); which are shown and in which order is a struct table_columns
 * (util/table-layout.h) that the column chooser (F2, v) edits and the
 * config file keeps ("columns.endpoints = model,provider,...").  The sort
 * menu (F6, s) picks the sort column, < and > move it, S reverses it, and
 * a click on a header sorts by that column.  The filter prompt recalls
 * earlier filters with Up and Down (util/history.h); a malformed filter
 * never replaces the last good one.
 *
 * This file loads, filters and sorts the rows and handles the keys; the
 * layout and drawing of the table and its panels are in
 * screen-endpoints-draw.c, the state both share in
 * screen-endpoints-private.h.
 */
#include "config.h"

#include "ui/screens.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/cost.h"
#include "project/endpoint-sort.h"
#include "project/filter.h"
#include "project/model.h"
#include "ui/list.h"
#include "ui/screen-endpoints-private.h"
#include "ui/ui-views.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/conffile.h"
#include "util/history.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/table-layout.h"
#include "util/xmalloc.h"

/* The config file's key of the chosen columns. */
#define ENDPOINTS_COLUMNS_KEY	"columns.endpoints"
/* Its sort ("[-]column") and filter when the UI opens. */
#define ENDPOINTS_SORT_KEY	"sort.endpoints"
#define ENDPOINTS_FILTER_KEY	"filter.endpoints"

static const struct ui_keyhelp endpoints_help[] = {
	{ "/", N_("filter as you type (the filter language of orbrowse ls); "
	    "Up Down recall earlier filters") },
	{ "s F6", N_("the sort menu: pick the column to sort by") },
	{ "< >", N_("sort by the column to the left / right") },
	{ "S", N_("reverse the order") },
	{ "v F2", N_("choose the columns: show, hide, reorder (kept in the "
	    "config file)") },
	{ "h l Left Right", N_("scroll the columns that do not fit (< > in "
	    "the header)") },
	{ "a", N_("show or hide inactive (tombstoned) endpoints") },
	{ "Enter", N_("the model screen: providers ranked by price") },
	{ "i", N_("inspect the endpoint's stored JSON") },
	{ "M", N_("metrics of the endpoint") },
	{ "H", N_("the model's history, this provider first") },
	{ "Space", N_("mark the model for the comparison (the count is in "
	    "the status line)") },
	{ "c", N_("compare the marked models (2 to 6)") },
	{ "W", N_("the filter term watched, added or taken out") },
	{ "j k arrows", N_("move") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ NULL, NULL }
};


static void
endpoints_refilter(struct endpoints *e)
{
	size_t	i, keep_row = (size_t)-1;

	if (e->nshown > 0 && e->list.cur < e->nshown)
		keep_row = e->shown[e->list.cur];
	e->nshown = 0;
	if (e->filter != NULL && filter_nterms(e->filter) > 0 &&
	    e->words == NULL)
		e->words = filter_words_new(e->rows, e->nrows);
	for (i = 0; i < e->nrows; i++) {
		if (!e->inactive && !e->rows[i].active)
			continue;
		if (e->filter != NULL && !filter_match_at(e->filter,
		    &e->rows[i], e->words, i))
			continue;
		e->shown[e->nshown++] = i;
	}
	/* Keep the selected endpoint selected when it is still shown. */
	e->list.cur = 0;
	for (i = 0; i < e->nshown; i++) {
		if (e->shown[i] == keep_row) {
			e->list.cur = i;
			break;
		}
	}
}

static void
endpoints_sort(struct endpoints *e)
{
	ep_row_sort(e->rows, e->nrows, ep_col_sort(e->sort), e->desc);
	filter_words_free(e->words);
	e->words = NULL;
	e->nshown = 0;
	endpoints_refilter(e);
	e->list.cur = 0;
	e->list.top = 0;
}

/* All the rows loaded again from the store. */
void
endpoints_load(struct screen *s)
{
	struct endpoints	*e = s->data;
	struct run_info		 run;
	char			*cause = NULL;
	int64_t			 id;
	int			 found;

	e->partial = 0;
	filter_words_free(e->words);
	e->words = NULL;
	ep_row_list_free(e->rows, e->nrows);
	e->rows = NULL;
	e->nrows = 0;
	free(e->shown);
	e->shown = NULL;
	if (store_endpoint_load(s->ui->store, 1, &e->rows, &e->nrows,
	    &cause) != 0) {
		ui_message(s->ui, 1, "%s", cause);
		free(cause);
	}
	e->shown = xcalloc(e->nrows + 1, sizeof *e->shown);
	endpoints_sort(e);
	/* Ready before the first key of a filter (tens of ms at 50,000). */
	if (e->words == NULL)
		e->words = filter_words_new(e->rows, e->nrows);
	e->generation = s->ui->generation;
	e->last_sync = 0;
	/* The newest finished run, for "last sync". */
	for (id = store_run_latest(s->ui->store); id > 0; id--) {
		if (store_run_get(s->ui->store, id, &run, &found, NULL) != 0 ||
		    !found)
			break;
		if (run.ended_at > 0 && strcmp(run.status, "failed") != 0 &&
		    strcmp(run.status, "aborted") != 0) {
			e->last_sync = run.ended_at;
			run_info_clear(&run);
			break;
		}
		run_info_clear(&run);
	}
}

/*
 * The first frame needs one screen of rows, in the default order, which the
 * model key's index gives at once; the whole table (tens of thousands of
 * rows) loads right after that frame, on the first tick or key.
 */
#define ENDPOINTS_HEAD	256

static void
endpoints_load_head(struct screen *s)
{
	struct endpoints	*e = s->data;
	char			*cause = NULL;

	filter_words_free(e->words);
	e->words = NULL;
	if (store_endpoint_load_head(s->ui->store, ENDPOINTS_HEAD, &e->rows,
	    &e->nrows, &cause) != 0) {
		free(cause);
		endpoints_load(s);
		return;
	}
	e->shown = xcalloc(e->nrows + 1, sizeof *e->shown);
	endpoints_sort(e);
	e->generation = s->ui->generation;
	e->partial = 1;
}

static void
endpoints_complete(struct screen *s)
{
	struct endpoints	*e = s->data;

	if (e->partial)
		endpoints_load(s);
}

/* The shown columns in display order, after the chooser changed them. */
static void
endpoints_columns(struct endpoints *e)
{
	e->nvis = table_columns_visible(&e->cols, e->vis);
	e->skip = 0;
}

/* "[-]column" (a column's name as ls --sort takes it); 0, or -1 with
 * *cause. */
static int
endpoints_sort_parse(const char *text, int *sort, int *desc, char **cause)
{
	const char	*name = text + (*text == '-');
	int		 c;

	for (c = 0; c < C__COUNT; c++) {
		if (strcmp(ep_col_names()[c], name) == 0) {
			*sort = c;
			*desc = *text == '-';
			return (0);
		}
	}
	*cause = xasprintf(_("unknown sort column \"%s\""), name);
	return (-1);
}

/* The filter in force, from its text ("" none); 0, or -1 with *cause and
 * the filter unchanged. */
static int
endpoints_filter_set(struct endpoints *e, const char *text, char **cause)
{
	struct filter_error	 err;
	struct filter		*f;

	memset(&err, 0, sizeof err);
	if ((f = ui_filter_parse(e->store, text, &err)) == NULL) {
		*cause = xasprintf(_("filter: column %d: %s"), err.column,
		    err.message != NULL ? err.message : "?");
		free(err.message);
		return (-1);
	}
	filter_free(e->filter);
	e->filter = f;
	free(e->filter_text);
	e->filter_text = *text != '\0' ? xstrdup(text) : NULL;
	return (0);
}

/* The config file's settings of this screen. */
static int
endpoints_config(void *arg, const char *key, const char *value,
    char **cause)
{
	struct endpoints	*e = arg;

	if (strcmp(key, ENDPOINTS_COLUMNS_KEY) == 0)
		return (table_columns_parse(&e->cols, ep_col_names(),
		    C__COUNT, value, cause));
	if (strcmp(key, ENDPOINTS_SORT_KEY) == 0)
		return (endpoints_sort_parse(value, &e->sort, &e->desc, cause));
	if (strcmp(key, ENDPOINTS_FILTER_KEY) == 0)
		return (endpoints_filter_set(e, value, cause));
	return (0);
}

/*
 * arg->filter, when not NULL, is the first filter (as the providers screen
 * opens the endpoints of one provider); a malformed one is dropped.
 */
void *
screen_endpoints_new(struct ui *ui, const struct screen_arg *arg)
{
	struct endpoints	*e;
	char			*path, *cause = NULL;

	e = xcalloc(1, sizeof *e);
	e->store = ui->store;
	e->sort = C_MODEL;
	table_columns_init(&e->cols, C__COUNT);
	history_init(&e->history, HISTORY_MAX);
	if ((path = config_default_path()) != NULL &&
	    config_load(path, 1, endpoints_config, e, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
	free(path);
	endpoints_columns(e);
	/* The first filter the caller gives wins over the config's. */
	if (arg->filter != NULL &&
	    endpoints_filter_set(e, arg->filter, &cause) != 0)
		free(cause);
	return (e);
}

static void
endpoints_enter(struct screen *s)
{
	if (s->data == NULL)
		s->data = screen_endpoints_new(s->ui,
		    &(struct screen_arg){ .filter = NULL });
	endpoints_load_head(s);
}

static void
endpoints_leave(struct screen *s)
{
	struct endpoints	*e = s->data;

	filter_words_free(e->words);
	ep_row_list_free(e->rows, e->nrows);
	free(e->shown);
	filter_free(e->filter);
	free(e->filter_text);
	history_free(&e->history);
	free(e);
}

/*
 * Parse text for filtering as it is typed: a malformed text is parsed
 * again without the term being typed (after the last space), so that a
 * half-typed term ("ctx>=1", "provider:") leaves the result of the rest.
 * Returns the filter, or NULL; when the whole text is malformed, *bad is
 * set and its error is in msg.
 */
static struct filter *
endpoints_parse_live(struct store *store, const char *text, char *msg,
    size_t len, int *bad)
{
	struct filter_error	 err;
	struct filter		*f;
	const char		*space;
	char			*head;

	*bad = 0;
	memset(&err, 0, sizeof err);
	if ((f = ui_filter_parse(store, text, &err)) != NULL)
		return (f);
	*bad = 1;
	snprintf(msg, len, _("column %d: %s"), err.column,
	    err.message != NULL ? err.message : "?");
	free(err.message);
	space = strrchr(text, ' ');
	if (space == NULL || err.column <= (int)(space - text) + 1)
		return (NULL);
	head = xstrndup(text, (size_t)(space - text));
	memset(&err, 0, sizeof err);
	f = ui_filter_parse(store, head, &err);
	free(err.message);
	free(head);
	return (f);
}

/*
 * The live filter: called on every keystroke of the '/' prompt.  While the
 * text is malformed the last good result stays, and the error shows
 * beside the prompt.
 */
static const char *
endpoints_live(void *arg, const char *text)
{
	struct screen		*s = arg;
	struct endpoints	*e = s->data;
	struct filter		*f;
	static char		 msg[256];
	int			 bad;

	f = endpoints_parse_live(s->ui->store, text, msg, sizeof msg,
	    &bad);
	if (f != NULL) {
		filter_free(e->filter);
		e->filter = f;
		endpoints_refilter(e);
		e->list.top = 0;
	}
	/* The error is the whole text's, also when a head of it filters. */
	return (bad ? msg : NULL);
}

/* The filter history file, loaded on the first '/'. */
static char *
endpoints_history_path(struct screen *s)
{
	struct endpoints	*e = s->data;
	char			*path, *cause = NULL;

	if ((path = path_data_file("filter-history", &cause)) == NULL) {
		free(cause);
		return (NULL);
	}
	if (!e->history_loaded &&
	    history_load(&e->history, path, &cause) != 0) {
		ui_message(s->ui, 1, "%s", cause);
		free(cause);
	}
	e->history_loaded = 1;
	return (path);
}

/* A filter given with Enter: kept in the history file. */
static void
endpoints_remember(struct screen *s, const char *path, const char *text)
{
	struct endpoints	*e = s->data;
	char			*cause = NULL;

	if (path == NULL || *text == '\0')
		return;
	history_add(&e->history, text);
	if (history_save(&e->history, path, &cause) != 0) {
		ui_message(s->ui, 1, "%s", cause);
		free(cause);
	}
}

static void
endpoints_filter(struct screen *s)
{
	struct endpoints	*e = s->data;
	struct filter_error	 err;
	struct filter		*old, *f = NULL;
	char			*text, *path;

	/* The prompt edits a live copy; Esc, or Enter on a malformed
	 * filter, restores the last good one. */
	path = endpoints_history_path(s);
	old = e->filter;
	e->filter = NULL;
	if (e->filter_text != NULL)
		(void)endpoints_live(s, e->filter_text);
	history_rewind(&e->history);
	s->ui->recall = &e->history;
	text = ui_prompt(s->ui, "/", e->filter_text, endpoints_live, s);
	s->ui->recall = NULL;
	memset(&err, 0, sizeof err);
	if (text == NULL || (f = ui_filter_parse(s->ui->store, text,
	    &err)) == NULL) {
		filter_free(e->filter);
		e->filter = old;
		endpoints_refilter(e);
		if (text != NULL)
			ui_message(s->ui, 1, _("filter not applied, kept: %s; "
			    "column %d: %s"), e->filter_text != NULL ?
			    e->filter_text : "-", err.column, err.message != NULL ?
			    err.message : "?");
		free(err.message);
		free(text);
		free(path);
		return;
	}
	filter_free(old);
	filter_free(e->filter);
	e->filter = f;
	endpoints_refilter(e);
	endpoints_remember(s, path, text);
	free(path);
	free(e->filter_text);
	e->filter_text = *text != '\0' ? text : NULL;
	if (e->filter_text == NULL)
		free(text);
}

/* 'W': the filter term "watched" added to the filter, or taken out. */
static void
endpoints_toggle_watched(struct screen *s)
{
	struct endpoints	*e = s->data;
	struct filter_error	 err;
	struct filter		*f;
	struct buf		 b = BUF_INIT;
	const char		*t = e->filter_text != NULL ? e->filter_text : "";
	const char		*p, *end;
	int			 had = 0;
	size_t			 len;

	/* Every word but "watched", in order. */
	for (p = t; *p != '\0'; p = end) {
		p += strspn(p, " ");
		end = p + strcspn(p, " ");
		len = (size_t)(end - p);
		if (len == 7 && strncmp(p, "watched", 7) == 0)
			had = 1;
		else if (len > 0)
			buf_printf(&b, "%s%.*s", b.len > 0 ? " " : "",
			    (int)len, p);
	}
	if (!had)
		buf_printf(&b, "%swatched", b.len > 0 ? " " : "");
	memset(&err, 0, sizeof err);
	if ((f = filter_parse(buf_str(&b), &err)) == NULL) {
		ui_message(s->ui, 1, _("column %d: %s"), err.column,
		    err.message != NULL ? err.message : "?");
		free(err.message);
		buf_free(&b);
		return;
	}
	filter_free(e->filter);
	e->filter = f;
	free(e->filter_text);
	e->filter_text = b.len > 0 ? xstrdup(buf_str(&b)) : NULL;
	buf_free(&b);
	endpoints_refilter(e);
}

static const struct ep_row *
endpoints_selected(struct endpoints *e)
{
	if (e->nshown == 0 || e->list.cur >= e->nshown)
		return (NULL);
	return (&e->rows[e->shown[e->list.cur]]);
}

/*
 * One column further right while columns are hidden there: laid out again
 * with the last draw's widths, as keys typed ahead arrive before the next
 * draw.
 */
static void
endpoints_scroll_right(struct endpoints *e)
{
	struct table_layout_col	lay[C__COUNT];

	if (!(e->more & TABLE_LAYOUT_RIGHT))
		return;
	e->skip++;
	memcpy(lay, e->lay, sizeof lay);
	e->more = table_layout_fit(lay, e->nvis, e->width, 1, e->skip);
}

/* Sort by column c; the same column again reverses the order. */
static void
endpoints_sort_by(struct endpoints *e, int c, int toggle)
{
	if (c < 0 || c >= C__COUNT)
		return;
	e->desc = toggle && e->sort == c ? !e->desc : 0;
	e->sort = c;
	endpoints_sort(e);
}

/* < and >: the sort column moves to the shown column on its left or
 * right (a hidden sort column goes to the first shown one). */
static void
endpoints_sort_step(struct endpoints *e, int right)
{
	int	i;

	for (i = 0; i < e->nvis && e->vis[i] != (int)e->sort; i++)
		;
	if (i == e->nvis)
		i = 0;
	else if (right && i + 1 < e->nvis)
		i++;
	else if (!right && i > 0)
		i--;
	else
		return;
	e->desc = 0;
	e->sort = e->vis[i];
	endpoints_sort(e);
}

/* The chooser closes: the columns are kept in the config file. */
static void
endpoints_columns_save(struct screen *s)
{
	struct endpoints	*e = s->data;
	char			*path, *spec, *cause = NULL;

	if (!e->pchanged)
		return;
	e->pchanged = 0;
	spec = table_columns_format(&e->cols, ep_col_names());
	if ((path = config_default_path()) == NULL)
		ui_message(s->ui, 1, "%s", _("columns not saved: neither "
		    "XDG_CONFIG_HOME nor HOME is set"));
	else if (config_set(path, ENDPOINTS_COLUMNS_KEY, spec, &cause) != 0) {
		ui_message(s->ui, 1, _("columns not saved: %s"), cause);
		free(cause);
	} else
		ui_message(s->ui, 0, _("columns saved in %s: %s"), path, spec);
	free(path);
	free(spec);
}

/* Keys of the column chooser. */
static void
endpoints_columns_key(struct screen *s, int ch)
{
	struct endpoints	*e = s->data;
	int			 pos = (int)e->plist.cur;

	switch (ch) {
	case ' ':
		e->pchanged |= table_columns_toggle(&e->cols, pos);
		break;
	case '[':
	case 'K':
	case KEY_SR:
		e->plist.cur = (size_t)table_columns_move(&e->cols, pos, -1);
		e->pchanged |= (int)e->plist.cur != pos;
		break;
	case ']':
	case 'J':
	case KEY_SF:
		e->plist.cur = (size_t)table_columns_move(&e->cols, pos, 1);
		e->pchanged |= (int)e->plist.cur != pos;
		break;
	case 27:
	case 'q':
	case 'v':
	case '\n':
	case '\r':
	case KEY_ENTER:
	case KEY_F(2):
		e->panel = PANEL_NONE;
		endpoints_columns_save(s);
		break;
	default:
		(void)list_key(&e->plist, C__COUNT, ch);
		break;
	}
	endpoints_columns(e);
}

/* Keys of the sort menu. */
static void
endpoints_sort_key(struct endpoints *e, int ch)
{
	switch (ch) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		endpoints_sort_by(e, e->cols.order[e->plist.cur], 1);
		e->panel = PANEL_NONE;
		break;
	case 27:
	case 'q':
	case 's':
	case KEY_F(6):
		e->panel = PANEL_NONE;
		break;
	default:
		(void)list_key(&e->plist, C__COUNT, ch);
		break;
	}
}

/* Open a panel, its cursor on the sort column (sort menu) or the first. */
static void
endpoints_panel(struct endpoints *e, enum ep_panel p)
{
	int	i;

	e->panel = p;
	memset(&e->plist, 0, sizeof e->plist);
	for (i = 0; p == PANEL_SORT && i < C__COUNT; i++) {
		if (e->cols.order[i] == (int)e->sort)
			e->plist.cur = (size_t)i;
	}
}

/* After Space: the cursor on the next row of another model. */
static void
endpoints_next_model(struct endpoints *e)
{
	const char	*key = e->rows[e->shown[e->list.cur]].model_key;

	while (e->list.cur + 1 < e->nshown && strcmp(e->rows[e->shown[
	    e->list.cur]].model_key, key) == 0)
		(void)list_key(&e->list, e->nshown, KEY_DOWN);
}

/* A mouse event: a click on a header sorts by its column, the wheel and
 * clicks on rows go to the list. */
static void
endpoints_mouse(struct endpoints *e)
{
	MEVENT	mev;
	int	pos;

	if (getmouse(&mev) != OK)
		return;
	if (mev.y == e->header_y &&
	    (mev.bstate & (BUTTON1_CLICKED | BUTTON1_PRESSED))) {
		if ((pos = table_layout_at(e->lay, e->nvis, mev.x)) >= 0)
			endpoints_sort_by(e, e->vis[pos], 1);
	} else
		(void)list_mouse(&e->list, e->nshown, &mev);
}

static int
endpoints_key(struct screen *s, int ch)
{
	struct endpoints	*e = s->data;
	const struct ep_row	*r;

	endpoints_complete(s);
	if (e->panel == PANEL_COLUMNS) {
		endpoints_columns_key(s, ch);
		return (UI_REDRAW);
	}
	if (e->panel == PANEL_SORT) {
		endpoints_sort_key(e, ch);
		return (UI_REDRAW);
	}
	if (ch == KEY_MOUSE) {
		endpoints_mouse(e);
		return (UI_REDRAW);
	}
	if (list_key(&e->list, e->nshown, ch))
		return (UI_REDRAW);
	switch (ch) {
	case '/':
		endpoints_filter(s);
		break;
	case 's':
	case KEY_F(6):
		endpoints_panel(e, PANEL_SORT);
		break;
	case 'v':
	case KEY_F(2):
		endpoints_panel(e, PANEL_COLUMNS);
		break;
	case ' ':
		/* Mark the model for the comparison ('c'), and go on. */
		if ((r = endpoints_selected(e)) != NULL) {
			ui_mark_toggle(s->ui, r->model_key);
			endpoints_next_model(e);
		}
		break;
	case '<':
	case '>':
		endpoints_sort_step(e, ch == '>');
		break;
	case 'S':
		e->desc = !e->desc;
		endpoints_sort(e);
		break;
	case 'h':
	case KEY_LEFT:
		if (e->skip > 0)
			e->skip--;
		break;
	case 'l':
	case KEY_RIGHT:
		endpoints_scroll_right(e);
		break;
	case 'a':
		e->inactive = !e->inactive;
		endpoints_refilter(e);
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		/* The model screen, this provider's row selected. */
		if ((r = endpoints_selected(e)) != NULL)
			ui_open(s->ui, SCREEN_MODEL, &(struct screen_arg){
			    .model_key = r->model_key,
			    .endpoint_id = r->endpoint_id });
		break;
	case 'i':
		if ((r = endpoints_selected(e)) != NULL)
			ui_open(s->ui, SCREEN_INSPECT, &(struct screen_arg){
			    .endpoint_id = r->endpoint_id,
			    .model_key = r->model_key });
		break;
	case 'M':
		if ((r = endpoints_selected(e)) != NULL)
			ui_open(s->ui, SCREEN_METRICS, &(struct screen_arg){
			    .endpoint_id = r->endpoint_id,
			    .model_key = r->model_key });
		break;
	case 'W':
		endpoints_toggle_watched(s);
		break;
	case 'H':
		/* The history, this provider's listing first. */
		if ((r = endpoints_selected(e)) != NULL)
			ui_open(s->ui, SCREEN_HISTORY, &(struct screen_arg){
			    .endpoint_id = r->endpoint_id,
			    .model_key = r->model_key });
		break;
	default:
		return (UI_UNHANDLED);
	}
	return (UI_REDRAW);
}


static int
endpoints_tick(struct screen *s)
{
	struct endpoints	*e = s->data;

	if (e->partial) {
		endpoints_complete(s);
		return (UI_REDRAW);
	}
	return (e->generation != s->ui->generation ? UI_REDRAW : UI_NONE);
}

static const char *
endpoints_status(struct screen *s)
{
	struct endpoints	*e = s->data;
	char			 when[32], marks[32];

	if (e->partial)
		return (_("loading the endpoints..."));
	if (e->last_sync > 0) {
		char *t = clock_format_utc(e->last_sync / 1000);

		snprintf(when, sizeof when, "%s", t);
		free(t);
	} else
		snprintf(when, sizeof when, "%s", _("never"));
	if (s->ui->nmarks > 0)
		snprintf(marks, sizeof marks, _("  marked: %zu"),
		    s->ui->nmarks);
	else
		marks[0] = '\0';
	snprintf(e->status, sizeof e->status,
	    _("%zu/%zu endpoints%s  filter: %s  sort: %s%s%s  last sync: %s"),
	    e->nshown, e->nrows, marks, e->filter_text != NULL ?
	    e->filter_text : "-", _(endpoints_cols[e->sort].title), e->desc ?
	    _(" (desc)") : "", e->inactive ? _("  +inactive") : "", when);
	return (e->status);
}

/* ----------------------------------------------------------- views */

void
screen_endpoints_view_get(struct screen *s, struct view *v)
{
	struct endpoints	*e = s->data;

	v->sort = xasprintf("%s%s", e->desc ? "-" : "",
	    ep_col_names()[e->sort]);
	v->columns = table_columns_format(&e->cols, ep_col_names());
	v->filter = xstrdup(e->filter_text != NULL ? e->filter_text : "");
}

int
screen_endpoints_view_set(struct screen *s, const struct view *v,
    char **cause)
{
	struct endpoints	*e = s->data;
	struct table_columns	 cols;
	int			 c, desc;

	endpoints_complete(s);
	if (endpoints_sort_parse(v->sort, &c, &desc, cause) != 0)
		return (-1);
	if (table_columns_parse(&cols, ep_col_names(), C__COUNT, v->columns,
	    cause) != 0)
		return (-1);
	if (endpoints_filter_set(e, v->filter, cause) != 0)
		return (-1);
	e->cols = cols;
	endpoints_columns(e);
	e->sort = c;
	e->desc = desc;
	endpoints_sort(e);
	return (0);
}

/* 'y' and 'o': the selected endpoint's model. */
static const char *
endpoints_copy(struct screen *s, const char **what)
{
	const struct ep_row	*r = endpoints_selected(s->data);

	*what = N_("model id");
	if (r == NULL)
		return (NULL);
	return (r->model_id != NULL ? r->model_id : r->model_key);
}

static const char *
endpoints_model(struct screen *s)
{
	const struct ep_row	*r = endpoints_selected(s->data);

	if (r == NULL)
		return (NULL);
	return (r->model_id != NULL ? r->model_id : r->model_key);
}

const struct screen_ops screen_endpoints_ops = {
	.name = N_("endpoints"),
	.enter = endpoints_enter,
	.leave = endpoints_leave,
	.key = endpoints_key,
	.draw = endpoints_draw,
	.tick = endpoints_tick,
	.status = endpoints_status,
	.copy = endpoints_copy,
	.model = endpoints_model,
	.help = endpoints_help,
};
