/*
 * screen-runs: the run log, newest first; Enter opens one run's detail
 * (screen-run-detail.c).  It opens with the panel of charts over the log
 * (run-charts.c) above the list; Tab turns to the list alone, then to the
 * charts alone (which j and k scroll where they do not fit), and back.
 *
 * The log is read again only when the database changed (store_stamp,
 * which sees commits of this connection and of other processes alike) or
 * ui->generation moved, so a run in progress anywhere moves on the screen
 * without a reload per tick when nothing happens.
 */
#include "config.h"

#include "ui/screens.h"

#include <stdlib.h>
#include <string.h>

#include "store/store-changes.h"
#include "ui/list.h"
#include "ui/run-charts.h"
#include "ui/run-text.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

enum runs_col {
	RC_ID, RC_START, RC_TOOK, RC_STATUS, RC_SOURCE, RC_FAMILY, RC_MODELS,
	RC_ENDPOINTS, RC_REQUESTS, RC_RETRIES, RC_RAW, RC_GZ, RC_RATIO,
	RC_ERRORS, RC__COUNT
};

struct runs_colspec {
	const char	*title;		/* N_() */
	char		 align;
	int		 drop;		/* narrow terminals drop high first */
};

static const struct runs_colspec runs_cols[RC__COUNT] = {
	[RC_ID] = { N_("RUN"), 'r', 0 },
	[RC_START] = { N_("STARTED (UTC)"), 'l', 2 },
	[RC_TOOK] = { N_("TOOK"), 'r', 3 },
	[RC_STATUS] = { N_("STATUS"), 'l', 1 },
	[RC_SOURCE] = { N_("SOURCE"), 'l', 12 },
	[RC_FAMILY] = { N_("ROUTES"), 'l', 13 },
	[RC_MODELS] = { N_("MODELS"), 'r', 4 },
	[RC_ENDPOINTS] = { N_("ENDPOINTS"), 'r', 6 },
	[RC_REQUESTS] = { N_("REQUESTS"), 'r', 7 },
	[RC_RETRIES] = { N_("RETRIES"), 'r', 11 },
	[RC_RAW] = { N_("MB RAW"), 'r', 8 },
	[RC_GZ] = { N_("MB GZ"), 'r', 9 },
	[RC_RATIO] = { N_("RATIO"), 'r', 10 },
	[RC_ERRORS] = { N_("ERRORS"), 'r', 5 },
};

static const struct ui_keyhelp runs_help[] = {
	{ "Enter", N_("the run's errors and what it changed") },
	{ "j k arrows", N_("move") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ "w", N_("watch the sync in progress, of any process") },
	{ "r", N_("start a sync and watch it") },
	{ "Tab", N_("charts and list, the list alone, the charts alone") },
	{ NULL, NULL }
};

/* What the screen shows (Tab goes round them). */
enum runs_view { RV_BOTH, RV_LIST, RV_CHARTS, RV__COUNT };

/* Rows the list keeps under the charts: its header and four runs. */
#define RUNS_LIST_MIN	5

struct runs {
	struct run_info		*runs;		/* newest first */
	size_t			 n;
	struct list		 list;		/* over runs */
	struct store_stamp	 stamp;
	uint64_t		 generation;
	char			*error;		/* the last load failed */
	int			 width[RC__COUNT]; /* widest cell at the load */
	struct buf		 status;
	enum runs_view		 view;
	int			 chart_top;	/* RV_CHARTS: first chart */
	int			 chart_rows;	/* RV_CHARTS: charts shown */
};

static void
runs_cell(const struct run_info *r, enum runs_col c, char *out, size_t size)
{
	switch (c) {
	case RC_ID:
		snprintf(out, size, "%lld", (long long)r->id);
		break;
	case RC_START:
		run_text_started(r, out, size);
		break;
	case RC_TOOK:
		run_text_took(r, out, size);
		break;
	case RC_STATUS:
		snprintf(out, size, "%s", run_text_stale(r) ? _("stale") :
		    ui_status_text(r->status));
		break;
	case RC_SOURCE:
		snprintf(out, size, "%s", r->source != NULL ? r->source : "-");
		break;
	case RC_FAMILY:
		snprintf(out, size, "%s", r->route_family != NULL ?
		    r->route_family : "-");
		break;
	case RC_MODELS:
		snprintf(out, size, "%lld/%lld", (long long)r->models_done,
		    (long long)r->models_total);
		break;
	case RC_ENDPOINTS:
		snprintf(out, size, "%lld", (long long)r->endpoints_done);
		break;
	case RC_REQUESTS:
		snprintf(out, size, "%lld", (long long)r->requests);
		break;
	case RC_RETRIES:
		snprintf(out, size, "%lld", (long long)r->retries);
		break;
	case RC_RAW:
		snprintf(out, size, "%.2f", (double)r->bytes_raw / 1e6);
		break;
	case RC_GZ:
		snprintf(out, size, "%.2f", (double)r->bytes_gz / 1e6);
		break;
	case RC_RATIO:
		run_text_ratio(r, out, size);
		break;
	case RC_ERRORS:
		snprintf(out, size, "%lld", (long long)r->error_count);
		break;
	case RC__COUNT:
		out[0] = '\0';
		break;
	}
}

/* Read the log again, keeping the selected run selected. */
static void
runs_load(struct screen *s)
{
	struct runs	*d = s->data;
	struct run_info	*list;
	size_t		 n, i;
	int64_t		 sel_id;
	char		*cause = NULL, cell[64];
	int		 c;

	d->generation = s->ui->generation;
	if (store_stamp(s->ui->store, &d->stamp, &cause) != 0) {
		free(d->error);
		d->error = cause;
		return;
	}
	if (store_run_list(s->ui->store, &list, &n, &cause) != 0) {
		free(d->error);
		d->error = cause;
		return;
	}
	free(d->error);
	d->error = NULL;
	sel_id = d->list.cur < d->n ? d->runs[d->list.cur].id : 0;
	run_info_list_free(d->runs, d->n);
	d->runs = list;
	d->n = n;
	/* Measured here, not per frame: the log grows by a run per sync. */
	for (c = 0; c < RC__COUNT; c++) {
		d->width[c] = textwidth_measure(_(runs_cols[c].title));
		for (i = 0; i < n; i++) {
			runs_cell(&list[i], (enum runs_col)c, cell,
			    sizeof cell);
			if (textwidth_measure(cell) > d->width[c])
				d->width[c] = textwidth_measure(cell);
		}
	}
	d->list.cur = 0;
	for (i = 0; i < n && sel_id != 0; i++) {
		if (list[i].id == sel_id) {
			d->list.cur = i;
			break;
		}
	}
}

void *
screen_runs_new(struct ui *ui, const struct screen_arg *arg)
{
	(void)ui;
	(void)arg;
	return (xcalloc(1, sizeof (struct runs)));
}

static void
runs_enter(struct screen *s)
{
	runs_load(s);
}

static void
runs_leave(struct screen *s)
{
	struct runs	*d = s->data;

	run_info_list_free(d->runs, d->n);
	free(d->error);
	buf_free(&d->status);
	free(d);
}

/* j and k scroll the charts alone where they do not all fit. */
static int
runs_chart_key(struct runs *d, int key)
{
	int	max = RUN_CHARTS - d->chart_rows;

	switch (key) {
	case 'j':
	case KEY_DOWN:
		if (d->chart_top < max)
			d->chart_top++;
		return (UI_REDRAW);
	case 'k':
	case KEY_UP:
		if (d->chart_top > 0)
			d->chart_top--;
		return (UI_REDRAW);
	default:
		return (UI_UNHANDLED);
	}
}

static int
runs_key(struct screen *s, int key)
{
	struct runs	*d = s->data;

	if (key == '\t') {
		d->view = (d->view + 1) % RV__COUNT;
		d->chart_top = 0;
		return (UI_REDRAW);
	}
	if (d->view == RV_CHARTS)
		return (runs_chart_key(d, key));
	if (list_key(&d->list, d->n, key))
		return (UI_REDRAW);
	switch (key) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (d->list.cur < d->n)
			ui_open(s->ui, SCREEN_RUN, &(struct screen_arg){
			    .run_id = d->runs[d->list.cur].id });
		return (UI_REDRAW);
	case 'w':
		ui_open(s->ui, SCREEN_SYNC, NULL);
		return (UI_REDRAW);
	default:
		return (UI_UNHANDLED);
	}
}

static int
runs_tick(struct screen *s)
{
	struct runs		*d = s->data;
	struct store_stamp	 now;
	size_t			 i;

	if (d->generation != s->ui->generation ||
	    store_stamp(s->ui->store, &now, NULL) != 0 ||
	    memcmp(&now, &d->stamp, sizeof now) != 0) {
		runs_load(s);
		return (UI_REDRAW);
	}
	/* The TOOK column of a run in progress moves by itself. */
	for (i = 0; i < d->n; i++) {
		if (strcmp(d->runs[i].status, "running") == 0)
			return (UI_REDRAW);
	}
	return (UI_NONE);
}

/* Which columns fit in cols, by their drop order; widths in w. */
static void
runs_fit(const struct runs *d, int cols, int rows, int w[RC__COUNT],
    int shown[RC__COUNT])
{
	char	cell[64];
	size_t	i;
	int	c, used, drop, worst;

	/* The widths of the load, and of the rows shown now (a running
	 * run's TOOK grows). */
	for (c = 0; c < RC__COUNT; c++) {
		w[c] = d->width[c];
		for (i = d->list.top; i < d->n &&
		    i < d->list.top + (size_t)rows; i++) {
			runs_cell(&d->runs[i], (enum runs_col)c, cell,
			    sizeof cell);
			if (textwidth_measure(cell) > w[c])
				w[c] = textwidth_measure(cell);
		}
		shown[c] = 1;
	}
	for (;;) {
		used = 0;
		for (c = 0; c < RC__COUNT; c++)
			used += shown[c] ? w[c] + 1 : 0;
		if (used <= cols)
			break;
		worst = -1;
		drop = 0;
		for (c = 0; c < RC__COUNT; c++) {
			if (shown[c] && runs_cols[c].drop > drop) {
				drop = runs_cols[c].drop;
				worst = c;
			}
		}
		if (worst < 0)
			break;
		shown[worst] = 0;
	}
}

static void
runs_draw_list(struct screen *s, WINDOW *win, int y0, int rows, int cols)
{
	struct runs		*d = s->data;
	struct ui		*ui = s->ui;
	const struct run_info	*r;
	char			 cell[64];
	int			 w[RC__COUNT], shown[RC__COUNT];
	int			 c, x, y, sel, body = rows;
	size_t			 i;
	enum ui_color		 color;

	if (rows < 2)
		return;
	list_show(&d->list, d->n, y0 + 1, rows - 1);
	/* The log pages by its body's rows less one, the header and an
	 * error line counted. */
	d->list.page = body - 1;
	runs_fit(d, cols - 1, rows - 1, w, shown);

	ui_color_on(ui, win, UI_C_HEADER);
	mvwhline(win, y0, 0, ' ', cols);
	for (c = 0, x = 1; c < RC__COUNT; c++) {
		if (!shown[c])
			continue;
		ui_text(win, y0, x, w[c], _(runs_cols[c].title),
		    runs_cols[c].align);
		x += w[c] + 1;
	}
	ui_color_off(ui, win, UI_C_HEADER);

	for (i = d->list.top, y = y0 + 1; i < d->n && y < y0 + rows;
	    i++, y++) {
		r = &d->runs[i];
		sel = i == d->list.cur;
		if (sel) {
			ui_color_on(ui, win, UI_C_SELECT);
			mvwhline(win, y, 0, ' ', cols);
		}
		for (c = 0, x = 1; c < RC__COUNT; c++) {
			if (!shown[c])
				continue;
			runs_cell(r, (enum runs_col)c, cell, sizeof cell);
			color = UI_C_NORMAL;
			if (!sel && c == RC_STATUS)
				color = run_text_stale(r) ? UI_C_WARN :
				    ui_status_color(r->status);
			else if (!sel && c == RC_ERRORS && r->error_count > 0)
				color = UI_C_WARN;
			ui_color_on(ui, win, color);
			ui_text(win, y, x, w[c], cell, runs_cols[c].align);
			ui_color_off(ui, win, color);
			x += w[c] + 1;
		}
		if (sel)
			ui_color_off(ui, win, UI_C_SELECT);
	}
}

static void
runs_draw(struct screen *s, WINDOW *win, int y0, int rows, int cols)
{
	struct runs	*d = s->data;
	int		 panel;

	if (d->error != NULL) {
		ui_text_color(s->ui, win, y0, 1, cols - 2, d->error,
		    UI_C_ERROR);
		y0++;
		rows--;
	}
	if (rows < 2)
		return;
	if (d->n == 0) {
		ui_text(win, y0 + 1, 2, cols - 4, _("No runs yet: press r to "
		    "start a sync."), 'l');
		return;
	}
	if (d->view == RV_CHARTS) {
		d->chart_rows = run_charts_draw(s->ui, win, d->runs, d->n,
		    d->chart_top, y0, rows, cols);
		return;
	}
	/* The charts, a blank line, and the list with at least its minimum;
	 * fewer charts where the rows are short, none where even one does
	 * not fit. */
	panel = 0;
	if (d->view == RV_BOTH) {
		panel = rows - 1 - RUNS_LIST_MIN;
		if (panel > 1 + RUN_CHARTS)
			panel = 1 + RUN_CHARTS;
		if (panel >= 2)
			panel = 1 + run_charts_draw(s->ui, win, d->runs, d->n,
			    0, y0, panel, cols) + 1;
		else
			panel = 0;
	}
	runs_draw_list(s, win, y0 + panel, rows - panel, cols);
}

static const char *
runs_status(struct screen *s)
{
	struct runs	*d = s->data;

	buf_reset(&d->status);
	if (d->n == 0)
		buf_addstr(&d->status, _("no runs"));
	else
		buf_printf(&d->status, _("run %lld (%zu of %zu)  Enter: "
		    "details  w: watch  r: sync"),
		    (long long)d->runs[d->list.cur].id, d->list.cur + 1, d->n);
	return (buf_str(&d->status));
}

const struct screen_ops screen_runs_ops = {
	.name = "runs",
	.enter = runs_enter,
	.leave = runs_leave,
	.key = runs_key,
	.draw = runs_draw,
	.tick = runs_tick,
	.status = runs_status,
	.help = runs_help,
};

