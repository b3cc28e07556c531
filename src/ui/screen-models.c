/*
 * screen-models: one row per model of the directory -- its public id
 * (marked when it expires within 30 days), the lowest prices of its healthy
 * endpoints (else its own), how many endpoints are active, its modalities,
 * context and expiration date -- filtered with '/' (the filter of
 * `orbrowse models`); Enter opens the model's providers (screen-model.c),
 * a ~ alias its target's.
 */
#include "config.h"

#include "ui/screens.h"

#include <stdlib.h>
#include <string.h>

#include "project/filter.h"
#include "project/model.h"
#include "store/store-changelog.h"
#include "ui/list.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/table-layout.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

enum models_col {
	MC_ID, MC_IN, MC_OUT, MC_PROV, MC_CTX, MC_MODAL, MC_EXPIRES, MC__COUNT
};

static const struct {
	const char	*title;		/* N_() */
	char		 align;
	int		 min;
	int		 prio;
} models_cols[MC__COUNT] = {
	[MC_ID] = { N_("MODEL"), 'l', 16, 0 },
	[MC_IN] = { N_("$/M IN"), 'r', 0, 1 },
	[MC_OUT] = { N_("$/M OUT"), 'r', 0, 2 },
	[MC_PROV] = { N_("PROV"), 'r', 0, 3 },
	[MC_CTX] = { N_("CTX"), 'r', 0, 4 },
	[MC_MODAL] = { N_("MODALITIES"), 'l', 9, 5 },
	[MC_EXPIRES] = { N_("EXPIRES"), 'l', 0, 6 },
};

static const struct ui_keyhelp models_help[] = {
	{ "Enter", N_("the model's providers") },
	{ "H", N_("the model's history") },
	{ "Space", N_("mark the model for the comparison (the count is in "
	    "the status line)") },
	{ "c", N_("compare the marked models (2 to 6)") },
	{ "/", N_("filter (the filter of orbrowse models: in: out: param: "
	    "expires< cutoff>=)") },
	{ "j k arrows", N_("move") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ NULL, NULL }
};

struct models {
	struct model_row	*rows;
	size_t			 nrows;
	size_t			*shown;		/* indexes into rows */
	size_t			 nshown;
	struct list		 list;
	struct filter		*filter;
	char			*filter_text;
	char			*error;
	uint64_t		 generation;
	int64_t			 today;
	char			**watched;	/* the watchlist, sorted */
	size_t			 nwatched;
	const char		*mark;		/* ui_watch_mark() */
	const struct ui		*ui;		/* the compare marks */
	struct table_layout_col	 lay[MC__COUNT];
	struct buf		 status;
};

static void
models_refilter(struct models *d)
{
	size_t	i;

	d->nshown = 0;
	for (i = 0; i < d->nrows; i++) {
		if (d->filter == NULL || filter_match_model(d->filter,
		    &d->rows[i]))
			d->shown[d->nshown++] = i;
	}
	list_clamp(&d->list, d->nshown);
}

static void
models_load(struct screen *s)
{
	struct models		*d = s->data;
	struct model_row	*rows;
	size_t			 n;
	char			*cause = NULL;

	d->generation = s->ui->generation;
	d->today = model_today();
	d->mark = ui_watch_mark(s->ui);
	store_strv_free(d->watched, d->nwatched);
	d->watched = NULL;
	d->nwatched = 0;
	if (store_watch_list(s->ui->store, &d->watched, &d->nwatched,
	    &cause) != 0) {
		free(cause);
		cause = NULL;
	}
	if (store_model_list(s->ui->store, NULL, &rows, &n, &cause) != 0) {
		free(d->error);
		d->error = cause;
		return;
	}
	free(d->error);
	d->error = NULL;
	model_row_list_free(d->rows, d->nrows);
	free(d->shown);
	d->rows = rows;
	d->nrows = n;
	d->shown = xcalloc(n > 0 ? n : 1, sizeof *d->shown);
	models_refilter(d);
}

void *
screen_models_new(struct ui *ui, const struct screen_arg *arg)
{
	struct models	*d;

	(void)arg;
	d = xcalloc(1, sizeof *d);
	d->ui = ui;
	return (d);
}

static void
models_enter(struct screen *s)
{
	models_load(s);
}

static void
models_leave(struct screen *s)
{
	struct models	*d = s->data;

	model_row_list_free(d->rows, d->nrows);
	store_strv_free(d->watched, d->nwatched);
	free(d->shown);
	filter_free(d->filter);
	free(d->filter_text);
	free(d->error);
	buf_free(&d->status);
	free(d);
}

static int
models_cmp_key(const void *a, const void *b)
{
	const char *const	*x = a, *const *y = b;

	return (strcmp(*x, *y));
}

/* Is the model on the watchlist? */
static int
models_watched(const struct models *d, const char *key)
{
	return (d->nwatched > 0 && bsearch(&key, d->watched, d->nwatched,
	    sizeof *d->watched, models_cmp_key) != NULL);
}

/* The text of a cell, in buf (the id cell is allocated: *owned). */
static const char *
models_cell(const struct models *d, const struct model_row *m,
    enum models_col c, char *buf, size_t len, char **owned)
{
	char	*label;

	*owned = NULL;
	switch (c) {
	case MC_ID:
		*owned = model_label(m->model_id, m->model_key,
		    m->expiration_date, d->today);
		if (models_watched(d, m->model_key)) {
			/* The star before the expiry mark. */
			label = *owned;
			*owned = xasprintf("%s%s", d->mark, label);
			free(label);
		}
		if (ui_marked(d->ui, m->model_key)) {
			/* The compare mark before them all. */
			label = *owned;
			*owned = xasprintf("%s%s", ui_mark_glyph(d->ui), label);
			free(label);
		}
		return (*owned);
	case MC_IN:
		return (numfmt_price(m->min_price_prompt,
		    NUMFMT_PRICE_DIGITS, buf, len));
	case MC_OUT:
		return (numfmt_price(m->min_price_completion,
		    NUMFMT_PRICE_DIGITS, buf, len));
	case MC_PROV:
		snprintf(buf, len, "%lld", (long long)m->providers);
		return (buf);
	case MC_CTX:
		return (numfmt_count(m->context_length, buf, len));
	case MC_MODAL:
		return (*owned = xasprintf("%s>%s", m->input_modalities != NULL ?
		    m->input_modalities : "?", m->output_modalities != NULL ?
		    m->output_modalities : "?"));
	case MC_EXPIRES:
		return (m->expiration_date != NULL ? m->expiration_date : "-");
	case MC__COUNT:
		break;
	}
	buf[0] = '\0';
	return (buf);
}

/* Lay the columns out for the rows on screen. */
static void
models_layout(struct models *d, int rows, int cols)
{
	const char	*text;
	char		 cell[64], *owned;
	size_t		 i;
	int		 c, w;

	for (c = 0; c < MC__COUNT; c++) {
		d->lay[c].want = textwidth_measure(_(models_cols[c].title));
		d->lay[c].min = models_cols[c].min;
		d->lay[c].prio = models_cols[c].prio;
		d->lay[c].pinned = c == MC_ID;
		d->lay[c].spare = 0;
		for (i = d->list.top; i < d->nshown &&
		    i < d->list.top + (size_t)rows; i++) {
			text = models_cell(d, &d->rows[d->shown[i]],
			    (enum models_col)c, cell, sizeof cell, &owned);
			w = textwidth_measure(text);
			free(owned);
			if (w > d->lay[c].want)
				d->lay[c].want = w;
		}
	}
	(void)table_layout_fit(d->lay, MC__COUNT, cols - 2, 1, 0);
}

static void
models_draw_row(struct screen *s, WINDOW *win, int y, size_t i, int cols)
{
	struct models		*d = s->data;
	const struct model_row	*m = &d->rows[d->shown[i]];
	const char		*text;
	char			 cell[64], *owned;
	int			 c, sel = i == d->list.cur, warn, cmp;

	warn = model_expiring(m->expiration_date, d->today);
	cmp = ui_marked(s->ui, m->model_key);
	if (sel) {
		ui_color_on(s->ui, win, UI_C_SELECT);
		mvwhline(win, y, 0, ' ', cols);
	}
	if (cmp)
		wattron(win, A_BOLD);
	for (c = 0; c < MC__COUNT; c++) {
		if (d->lay[c].width == 0)
			continue;
		text = models_cell(d, m, (enum models_col)c, cell,
		    sizeof cell, &owned);
		if (!sel && warn && (c == MC_ID || c == MC_EXPIRES))
			ui_text_color(s->ui, win, y, d->lay[c].x,
			    d->lay[c].width, text, UI_C_WARN);
		else
			ui_text(win, y, d->lay[c].x, d->lay[c].width, text,
			    models_cols[c].align);
		free(owned);
	}
	if (cmp)
		wattroff(win, A_BOLD);
	if (sel)
		ui_color_off(s->ui, win, UI_C_SELECT);
}

static void
models_draw(struct screen *s, WINDOW *win, int y0, int rows, int cols)
{
	struct models	*d = s->data;
	size_t		 i;
	int		 c, y;

	if (d->generation != s->ui->generation)
		models_load(s);
	if (d->error != NULL) {
		ui_text_color(s->ui, win, y0, 1, cols - 2, d->error,
		    UI_C_ERROR);
		y0++;
		rows--;
	}
	if (rows < 2)
		return;
	if (d->nshown == 0) {
		ui_text(win, y0 + 1, 2, cols - 4, d->nrows == 0 ?
		    _("No models yet: press r to start a sync.") :
		    _("No models match the filter."), 'l');
		return;
	}
	list_show(&d->list, d->nshown, y0 + 1, rows - 1);
	models_layout(d, rows - 1, cols);
	ui_color_on(s->ui, win, UI_C_HEADER);
	mvwhline(win, y0, 0, ' ', cols);
	for (c = 0; c < MC__COUNT; c++) {
		if (d->lay[c].width > 0)
			ui_text(win, y0, d->lay[c].x, d->lay[c].width,
			    _(models_cols[c].title), models_cols[c].align);
	}
	ui_color_off(s->ui, win, UI_C_HEADER);
	for (i = d->list.top, y = y0 + 1; i < d->nshown && y < y0 + rows;
	    i++, y++)
		models_draw_row(s, win, y, i, cols);
}

/* The live filter: called on every keystroke of the '/' prompt. */
static const char *
models_live(void *arg, const char *text)
{
	struct screen		*s = arg;
	struct models		*d = s->data;
	struct filter_error	 err;
	struct filter		*f;
	static char		 msg[256];

	memset(&err, 0, sizeof err);
	if ((f = filter_parse(text, &err)) == NULL) {
		snprintf(msg, sizeof msg, _("column %d: %s"), err.column,
		    err.message != NULL ? err.message : "?");
		free(err.message);
		return (msg);
	}
	filter_free(d->filter);
	d->filter = f;
	models_refilter(d);
	d->list.top = 0;
	return (NULL);
}

static void
models_filter(struct screen *s)
{
	struct models	*d = s->data;
	struct filter	*old;
	char		*text;
	const char	*bad;

	old = d->filter;
	d->filter = NULL;
	if (d->filter_text != NULL)
		(void)models_live(s, d->filter_text);
	text = ui_prompt(s->ui, "/", d->filter_text, models_live, s);
	if (text == NULL) {
		filter_free(d->filter);
		d->filter = old;
		models_refilter(d);
		return;
	}
	filter_free(old);
	if ((bad = models_live(s, text)) != NULL)
		ui_message(s->ui, 1, "%s", bad);
	free(d->filter_text);
	d->filter_text = *text != '\0' ? text : NULL;
	if (d->filter_text == NULL)
		free(text);
}

/* Enter: the model's providers, 'H' its history (screen id); a ~ alias
 * opens its target's. */
static void
models_open(struct screen *s, enum screen_id id)
{
	struct models	*d = s->data;
	char		**keys = NULL, *cause = NULL;
	const char	*key;
	size_t		  n = 0;
	int		  exact;

	if (d->list.cur >= d->nshown)
		return;
	key = d->rows[d->shown[d->list.cur]].model_key;
	if (store_model_resolve(s->ui->store, key, &keys, &n, &exact,
	    &cause) != 0) {
		ui_message(s->ui, 1, "%s", cause);
		free(cause);
		return;
	}
	ui_open(s->ui, id, &(struct screen_arg){
	    .model_key = n == 1 ? keys[0] : key });
	store_strv_free(keys, n);
}

static int
models_key(struct screen *s, int key)
{
	struct models	*d = s->data;

	if (list_key(&d->list, d->nshown, key))
		return (UI_REDRAW);
	switch (key) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		models_open(s, SCREEN_MODEL);
		return (UI_REDRAW);
	case 'H':
		models_open(s, SCREEN_HISTORY);
		return (UI_REDRAW);
	case '*':
		if (d->list.cur < d->nshown)
			ui_watch_toggle(s->ui,
			    d->rows[d->shown[d->list.cur]].model_key);
		return (UI_REDRAW);
	case ' ':
		/* Mark the model for the comparison ('c'), and go on. */
		if (d->list.cur < d->nshown) {
			ui_mark_toggle(s->ui,
			    d->rows[d->shown[d->list.cur]].model_key);
			(void)list_key(&d->list, d->nshown, KEY_DOWN);
		}
		return (UI_REDRAW);
	case '/':
		models_filter(s);
		return (UI_REDRAW);
	default:
		return (UI_UNHANDLED);
	}
}

static const char *
models_status(struct screen *s)
{
	struct models	*d = s->data;

	buf_reset(&d->status);
	buf_printf(&d->status, _("%zu of %zu models"), d->nshown, d->nrows);
	if (s->ui->nmarks > 0)
		buf_printf(&d->status, _("  marked: %zu"), s->ui->nmarks);
	if (d->filter_text != NULL)
		buf_printf(&d->status, "  /%s", d->filter_text);
	buf_printf(&d->status, "  %s", _("Enter: providers  /: filter  "
	    "*: expiring"));
	return (buf_str(&d->status));
}

const struct screen_ops screen_models_ops = {
	.name = N_("models"),
	.enter = models_enter,
	.leave = models_leave,
	.key = models_key,
	.draw = models_draw,
	.status = models_status,
	.help = models_help,
};
