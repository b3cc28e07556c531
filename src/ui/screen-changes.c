/*
 * screen-changes: the change feed ('C', ":changes"), newest first, as
 * `orbrowse changes` lists it (store_changelog_list(), every record kept),
 * one line per record: its date, what changed, the model, the provider
 * and the values.  '/' filters with the filter language of ls, applied to
 * the listing changed or, for a model record, any listing of the model
 * (change_list_filter(), as the CLI does).  Enter opens the snapshot
 * inspector on the run's snapshot of that listing (the model's own for a
 * model record) in its diff view: exactly that change.
 *
 * The records are read when the screen opens, when the filter changes and
 * when ui->generation moves.
 */
#include "config.h"

#include "ui/screens.h"

#include <stdlib.h>
#include <string.h>

#include "project/filter.h"
#include "store/store-changelog.h"
#include "store/store-replay.h"
#include "ui/list.h"
#include "ui/ui-change.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct ui_keyhelp changes_help[] = {
	{ "Enter", N_("the inspector's diff of that change") },
	{ "/", N_("filter (the language of ls, on the listing changed)") },
	{ "H", N_("the model's history") },
	{ "j k arrows", N_("move") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ NULL, NULL }
};

struct changes {
	struct change_rec	*recs;
	size_t			 n;
	struct filter		*filter;
	char			*filter_text;
	struct list		 list;
	uint64_t		 generation;
	int			 loaded;
	struct buf		 status;
};

/* Read the records and keep those the filter passes; 0, or -1 with a
 * message shown. */
static int
changes_load(struct ui *ui, struct changes *d)
{
	char	*cause = NULL;

	change_rec_list_free(d->recs, d->n);
	d->recs = NULL;
	d->n = 0;
	d->loaded = 1;
	d->generation = ui->generation;
	if (store_changelog_list(ui->store, 0, 0, &d->recs, &d->n,
	    &cause) != 0 || change_list_filter(ui->store, d->filter, d->recs,
	    &d->n, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	list_clamp(&d->list, d->n);
	return (0);
}

void *
screen_changes_new(struct ui *ui, const struct screen_arg *arg)
{
	struct changes	*d;

	(void)arg;
	d = xcalloc(1, sizeof *d);
	(void)changes_load(ui, d);
	return (d);
}

static void
changes_leave(struct screen *s)
{
	struct changes	*d = s->data;

	change_rec_list_free(d->recs, d->n);
	filter_free(d->filter);
	free(d->filter_text);
	buf_free(&d->status);
	free(d);
}

static void
changes_draw_row(struct screen *s, WINDOW *w, int y, int cols, size_t i)
{
	struct changes		*d = s->data;
	const struct change_rec	*c = &d->recs[i];
	struct buf		 b = BUF_INIT;
	char			 when[32];
	int			 sel = i == d->list.cur;

	if (sel) {
		ui_color_on(s->ui, w, UI_C_SELECT);
		mvwhline(w, y, 0, ' ', cols);
	}
	ui_change_date(c->at, when, sizeof when);
	ui_text(w, y, 0, cols, when, 'l');
	ui_change_text(c, 1, &b);
	if (cols > UI_CHANGE_DATE_W + 2)
		ui_text(w, y, UI_CHANGE_DATE_W + 2, cols - UI_CHANGE_DATE_W -
		    2, buf_str(&b), 'l');
	if (sel)
		ui_color_off(s->ui, w, UI_C_SELECT);
	buf_free(&b);
}

static void
changes_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct changes	*d = s->data;
	size_t		 i;
	int		 y;

	if (!d->loaded || d->generation != s->ui->generation)
		(void)changes_load(s->ui, d);
	if (rows <= 0)
		return;
	if (d->n == 0) {
		ui_text(w, y0 + rows / 2, 2, cols - 4, d->filter_text != NULL ?
		    _("No change matches the filter.") : _("No changes "
		    "recorded yet: they come with the second sync."), 'l');
		return;
	}
	list_show(&d->list, d->n, y0, rows);
	for (y = 0; y < rows; y++) {
		i = d->list.top + (size_t)y;
		if (i >= d->n)
			break;
		changes_draw_row(s, w, y0 + y, cols, i);
	}
}

/* '/': a new filter, applied at Enter; a bad one is refused with why. */
static void
changes_filter(struct screen *s)
{
	struct changes		*d = s->data;
	struct filter_error	 err;
	struct filter		*f;
	char			*text;

	text = ui_prompt(s->ui, "/", d->filter_text, NULL, NULL);
	if (text == NULL)
		return;
	memset(&err, 0, sizeof err);
	if ((f = filter_parse(text, &err)) == NULL) {
		ui_message(s->ui, 1, _("column %d: %s"), err.column,
		    err.message != NULL ? err.message : "?");
		free(err.message);
		free(text);
		return;
	}
	filter_free(d->filter);
	d->filter = f;
	free(d->filter_text);
	d->filter_text = *text != '\0' ? text : NULL;
	if (d->filter_text == NULL)
		free(text);
	memset(&d->list, 0, sizeof d->list);
	(void)changes_load(s->ui, d);
}

static int
changes_key(struct screen *s, int key)
{
	struct changes		*d = s->data;
	const struct change_rec	*c;

	if (list_key(&d->list, d->n, key))
		return (UI_REDRAW);
	switch (key) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (d->list.cur >= d->n)
			break;
		c = &d->recs[d->list.cur];
		ui_open(s->ui, SCREEN_INSPECT, &(struct screen_arg){
		    .endpoint_id = c->endpoint_id, .model_key = c->model_key,
		    .run_id = c->run_id });
		break;
	case '/':
		changes_filter(s);
		break;
	default:
		return (UI_UNHANDLED);
	}
	return (UI_REDRAW);
}

static int
changes_tick(struct screen *s)
{
	struct changes	*d = s->data;

	return (d->generation != s->ui->generation ? UI_REDRAW : UI_NONE);
}

static const char *
changes_status(struct screen *s)
{
	struct changes	*d = s->data;

	buf_reset(&d->status);
	buf_printf(&d->status, P_("%zu change", "%zu changes", d->n), d->n);
	buf_printf(&d->status, _("  filter: %s"), d->filter_text != NULL ?
	    d->filter_text : "-");
	return (buf_str(&d->status));
}

/* 'y': the selected record's endpoint id, or its model's. */
static const char *
changes_copy(struct screen *s, const char **what)
{
	struct changes		*d = s->data;
	const struct change_rec	*c;

	if (d->list.cur >= d->n)
		return (NULL);
	c = &d->recs[d->list.cur];
	*what = c->endpoint_id != NULL ? N_("endpoint id") : N_("model id");
	return (c->endpoint_id != NULL ? c->endpoint_id : c->model_key);
}

static const char *
changes_model(struct screen *s)
{
	struct changes	*d = s->data;

	return (d->list.cur < d->n ? d->recs[d->list.cur].model_key : NULL);
}

const struct screen_ops screen_changes_ops = {
	.name = N_("changes"),
	.leave = changes_leave,
	.key = changes_key,
	.draw = changes_draw,
	.tick = changes_tick,
	.status = changes_status,
	.copy = changes_copy,
	.model = changes_model,
	.help = changes_help,
};
