/*
 * screen-endpoints: the default screen, every active endpoint in a table
 * that filters as you type (the filter language of project/filter.h, the
 * same parser as `orbrowse ls`) and sorts by any column.
 *
 * All rows are loaded once (and again when ui->generation moves); a
 * keystroke only re-filters the sorted array in memory and redraws the
 * visible lines, so it stays fast with 50,000 endpoints.
 */
#include "config.h"

#include "ui/screens.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/endpoint-sort.h"
#include "project/filter.h"
#include "ui/list.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

enum ep_col {
	C_MODEL, C_PROVIDER, C_QUANT, C_CTX, C_IN, C_OUT, C_LAT, C_TPS,
	C_UPTIME, C_FLAGS, C_POLICY, C__COUNT
};

struct ep_colspec {
	const char	*title;		/* N_() */
	int		 width;		/* 0: takes the rest */
	char		 align;
	int		 sortable;
};

static const struct ep_colspec colspec[C__COUNT] = {
	[C_MODEL] = { N_("MODEL"), 0, 'l', 1 },
	[C_PROVIDER] = { N_("PROVIDER"), 16, 'l', 1 },
	[C_QUANT] = { N_("QUANT"), 7, 'l', 1 },
	[C_CTX] = { N_("CTX"), 6, 'r', 1 },
	[C_IN] = { N_("$/M IN"), 8, 'r', 1 },
	[C_OUT] = { N_("$/M OUT"), 8, 'r', 1 },
	[C_LAT] = { N_("P50 MS"), 7, 'r', 1 },
	[C_TPS] = { N_("TOK/S"), 6, 'r', 1 },
	[C_UPTIME] = { N_("UP%"), 6, 'r', 1 },
	[C_FLAGS] = { N_("TIRF"), 4, 'l', 0 },
	[C_POLICY] = { N_("DATA"), 5, 'l', 0 },
};

struct endpoints {
	struct ep_row	*rows;		/* sorted */
	size_t		 nrows;
	size_t		*shown;		/* indexes into rows */
	size_t		 nshown;
	struct filter	*filter;
	char		*filter_text;
	enum ep_col	 sort;
	int		 desc;
	int		 inactive;	/* show tombstoned rows too */
	struct list	 list;		/* over shown */
	uint64_t	 generation;
	int64_t		 last_sync;	/* unix ms of the newest finished run */
	int		 partial;	/* only the first screen is loaded */
	int		 xcol[C__COUNT];/* column starts at the last draw */
	char		 status[512];
};

static const struct ui_keyhelp endpoints_help[] = {
	{ "/", N_("filter as you type (the filter language of orbrowse ls)") },
	{ "s / S", N_("sort by the next column / reverse the order") },
	{ "a", N_("show or hide inactive (tombstoned) endpoints") },
	{ "Enter", N_("the model screen: providers ranked by price") },
	{ "i", N_("inspect the endpoint's stored JSON") },
	{ "M", N_("metrics of the endpoint") },
	{ "j k arrows", N_("move") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ NULL, NULL }
};

/* The shared ordering (project/endpoint-sort.h) of each sortable column. */
static const enum ep_sort col_sort[C__COUNT] = {
	[C_MODEL] = EP_SORT_MODEL,
	[C_PROVIDER] = EP_SORT_PROVIDER,
	[C_QUANT] = EP_SORT_QUANT,
	[C_CTX] = EP_SORT_CTX,
	[C_IN] = EP_SORT_PROMPT,
	[C_OUT] = EP_SORT_COMPLETION,
	[C_LAT] = EP_SORT_LATENCY,
	[C_TPS] = EP_SORT_TPS,
	[C_UPTIME] = EP_SORT_UPTIME,
};

static void
endpoints_refilter(struct endpoints *e)
{
	size_t	i, keep_row = (size_t)-1;

	if (e->nshown > 0 && e->list.cur < e->nshown)
		keep_row = e->shown[e->list.cur];
	e->nshown = 0;
	for (i = 0; i < e->nrows; i++) {
		if (!e->inactive && !e->rows[i].active)
			continue;
		if (e->filter != NULL && !filter_match(e->filter, &e->rows[i]))
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
	ep_row_sort(e->rows, e->nrows, col_sort[e->sort], e->desc);
	e->nshown = 0;
	endpoints_refilter(e);
	e->list.cur = 0;
	e->list.top = 0;
}

static void
endpoints_load(struct screen *s)
{
	struct endpoints	*e = s->data;
	struct run_info		 run;
	char			*cause = NULL;
	int64_t			 id;
	int			 found;

	e->partial = 0;
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

static void
endpoints_enter(struct screen *s)
{
	struct endpoints	*e;

	e = xcalloc(1, sizeof *e);
	e->sort = C_MODEL;
	s->data = e;
	endpoints_load_head(s);
}

static void
endpoints_leave(struct screen *s)
{
	struct endpoints	*e = s->data;

	ep_row_list_free(e->rows, e->nrows);
	free(e->shown);
	filter_free(e->filter);
	free(e->filter_text);
	free(e);
}

/* The live filter: called on every keystroke of the '/' prompt. */
static const char *
endpoints_live(void *arg, const char *text)
{
	struct screen		*s = arg;
	struct endpoints	*e = s->data;
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
	filter_free(e->filter);
	e->filter = f;
	endpoints_refilter(e);
	e->list.top = 0;
	return (NULL);
}

static void
endpoints_filter(struct screen *s)
{
	struct endpoints	*e = s->data;
	struct filter		*old;
	char			*text;

	/* The prompt edits a live copy; Esc restores the previous one. */
	old = e->filter;
	e->filter = NULL;
	if (e->filter_text != NULL)
		(void)endpoints_live(s, e->filter_text);
	text = ui_prompt(s->ui, "/", e->filter_text, endpoints_live, s);
	if (text == NULL) {
		filter_free(e->filter);
		e->filter = old;
		endpoints_refilter(e);
		return;
	}
	filter_free(old);
	if (endpoints_live(s, text) != NULL) {
		/* Enter on a malformed filter keeps the last good one. */
		ui_message(s->ui, 1, "%s", endpoints_live(s, text));
	}
	free(e->filter_text);
	e->filter_text = *text != '\0' ? text : NULL;
	if (e->filter_text == NULL)
		free(text);
}

static const struct ep_row *
endpoints_selected(struct endpoints *e)
{
	if (e->nshown == 0 || e->list.cur >= e->nshown)
		return (NULL);
	return (&e->rows[e->shown[e->list.cur]]);
}

static int
endpoints_key(struct screen *s, int ch)
{
	struct endpoints	*e = s->data;
	const struct ep_row	*r;
	MEVENT			 mev;
	int			 i;

	endpoints_complete(s);
	if (ch == KEY_MOUSE) {
		if (getmouse(&mev) != OK)
			return (UI_REDRAW);
		if (mev.y == 1) {
			/* A click on a header sorts by that column. */
			for (i = C__COUNT - 1; i >= 0; i--) {
				if (mev.x >= e->xcol[i] && colspec[i].sortable)
					break;
			}
			if (i >= 0) {
				e->desc = e->sort == (enum ep_col)i ? !e->desc :
				    0;
				e->sort = (enum ep_col)i;
				endpoints_sort(e);
			}
		} else
			(void)list_mouse(&e->list, e->nshown, &mev);
		return (UI_REDRAW);
	}
	if (list_key(&e->list, e->nshown, ch == ' ' ? KEY_NPAGE : ch))
		return (UI_REDRAW);
	switch (ch) {
	case '/':
		endpoints_filter(s);
		break;
	case 's':
		do
			e->sort = (enum ep_col)((e->sort + 1) % C__COUNT);
		while (!colspec[e->sort].sortable);
		e->desc = 0;
		endpoints_sort(e);
		break;
	case 'S':
		e->desc = !e->desc;
		endpoints_sort(e);
		break;
	case 'a':
		e->inactive = !e->inactive;
		endpoints_refilter(e);
		break;
	case '\n':
	case '\r':
	case KEY_ENTER:
		if ((r = endpoints_selected(e)) != NULL)
			ui_open(s->ui, SCREEN_MODEL, &(struct screen_arg){
			    .model_key = r->model_key });
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
	default:
		return (UI_UNHANDLED);
	}
	return (UI_REDRAW);
}

static void
endpoints_cell(const struct ep_row *r, enum ep_col c, char *buf, size_t len)
{
	double	m;

	buf[0] = '\0';
	switch (c) {
	case C_CTX:
		if (r->context_length == EP_NULL_INT)
			snprintf(buf, len, "-");
		else if (r->context_length >= 1000000000 ||
		    r->context_length <= -1000000)	/* absurd: fit the column */
			snprintf(buf, len, "%.0e", (double)r->context_length);
		else if (r->context_length >= 1000000)
			snprintf(buf, len, "%.1fM",
			    (double)r->context_length / 1e6);
		else if (r->context_length >= 1000)
			snprintf(buf, len, "%lldk",
			    (long long)(r->context_length / 1000));
		else
			snprintf(buf, len, "%lld",
			    (long long)r->context_length);
		break;
	case C_IN:
	case C_OUT:
		m = c == C_IN ? r->price_prompt : r->price_completion;
		if (isnan(m))
			snprintf(buf, len, "-");
		else if (m * 1e6 >= 1e7)
			snprintf(buf, len, "%.3g", m * 1e6);
		else if (m * 1e6 < 0.01 && m > 0)
			snprintf(buf, len, "%.4f", m * 1e6);
		else
			snprintf(buf, len, "%.2f", m * 1e6);
		break;
	case C_LAT:
		if (isnan(r->p50_latency_ms))
			snprintf(buf, len, "-");
		else if (fabs(r->p50_latency_ms) >= 1e7)
			snprintf(buf, len, "%.0e", r->p50_latency_ms);
		else
			snprintf(buf, len, "%.0f", r->p50_latency_ms);
		break;
	case C_TPS:
		if (isnan(r->p50_throughput))
			snprintf(buf, len, "-");
		else if (fabs(r->p50_throughput) >= 1e7)
			snprintf(buf, len, "%.0e", r->p50_throughput);
		else
			snprintf(buf, len, "%.1f", r->p50_throughput);
		break;
	case C_UPTIME:
		if (isnan(r->uptime))
			snprintf(buf, len, "-");
		else if (fabs(r->uptime) >= 1e7)
			snprintf(buf, len, "%.0e", r->uptime);
		else
			snprintf(buf, len, "%.1f", r->uptime);
		break;
	case C_FLAGS:
		snprintf(buf, len, "%c%c%c%c",
		    r->supports_tools == 1 ? 'T' : '.',
		    r->supports_images == 1 ? 'I' : '.',
		    r->supports_reasoning == 1 ? 'R' : '.',
		    r->is_free == 1 || (r->price_prompt == 0 &&
		    r->price_completion == 0) ? 'F' : '.');
		break;
	case C_POLICY:
		snprintf(buf, len, "%s", r->training == 1 ? _("train") :
		    r->training == 0 ? (r->retains_prompts == 1 ? _("keep") :
		    _("ok")) : "?");
		break;
	default:
		break;
	}
}

static void
endpoints_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct endpoints	*e = s->data;
	const struct ep_row	*r;
	char			 cell[64], title[64];
	int			 x, c, fixed = 0, modelw, y, width;
	size_t			 i;

	if (e->generation != s->ui->generation)
		endpoints_load(s);
	for (c = 1; c < C__COUNT; c++)
		fixed += colspec[c].width + 1;
	modelw = cols - fixed - 1;
	/* Narrow terminals drop the right-most columns first. */
	while (modelw < 16 && fixed > 0) {
		fixed = 0;
		break;
	}
	if (modelw < 16)
		modelw = cols - 1;

	/* Header. */
	ui_color_on(s->ui, w, UI_C_HEADER);
	mvwhline(w, y0, 0, ' ', cols);
	x = 0;
	for (c = 0; c < C__COUNT; c++) {
		width = c == C_MODEL ? modelw : colspec[c].width;
		e->xcol[c] = x;
		if (x + width > cols)
			break;
		snprintf(title, sizeof title, "%s%s", _(colspec[c].title),
		    (enum ep_col)c == e->sort ? (e->desc ? "v" : "^") : "");
		ui_text(w, y0, x, width, title, colspec[c].align);
		x += width + 1;
	}
	ui_color_off(s->ui, w, UI_C_HEADER);

	list_show(&e->list, e->nshown, y0 + 1, rows - 1);
	if (e->nshown == 0) {
		ui_text(w, y0 + 2, 2, cols - 4, e->nrows == 0 ?
		    _("No endpoints stored yet: press r to sync, or run "
		    "`orbrowse demo`.") : _("No endpoints match the filter."),
		    'l');
		return;
	}
	for (y = 0; y < rows - 1; y++) {
		i = e->list.top + (size_t)y;
		if (i >= e->nshown)
			break;
		r = &e->rows[e->shown[i]];
		if (i == e->list.cur) {
			ui_color_on(s->ui, w, UI_C_SELECT);
			mvwhline(w, y0 + 1 + y, 0, ' ', cols);
		} else if (!r->active)
			ui_color_on(s->ui, w, UI_C_DIM);
		x = 0;
		for (c = 0; c < C__COUNT; c++) {
			width = c == C_MODEL ? modelw : colspec[c].width;
			if (x + width > cols)
				break;
			switch (c) {
			case C_MODEL:
				ui_text(w, y0 + 1 + y, x, width, r->model_key,
				    'l');
				break;
			case C_PROVIDER:
				ui_text(w, y0 + 1 + y, x, width,
				    r->provider_name != NULL ?
				    r->provider_name : r->provider_slug, 'l');
				break;
			case C_QUANT:
				ui_text(w, y0 + 1 + y, x, width,
				    r->quantization != NULL ?
				    r->quantization : "-", 'l');
				break;
			default:
				endpoints_cell(r, (enum ep_col)c, cell,
				    sizeof cell);
				ui_text(w, y0 + 1 + y, x, width, cell,
				    colspec[c].align);
				break;
			}
			x += width + 1;
		}
		if (i == e->list.cur)
			ui_color_off(s->ui, w, UI_C_SELECT);
		else if (!r->active)
			ui_color_off(s->ui, w, UI_C_DIM);
	}
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
	char			 when[32];

	if (e->partial)
		return (_("loading the endpoints..."));
	if (e->last_sync > 0) {
		char *t = clock_format_utc(e->last_sync / 1000);

		snprintf(when, sizeof when, "%s", t);
		free(t);
	} else
		snprintf(when, sizeof when, "%s", _("never"));
	snprintf(e->status, sizeof e->status,
	    _("%zu/%zu endpoints  filter: %s  sort: %s%s%s  last sync: %s"),
	    e->nshown, e->nrows, e->filter_text != NULL ? e->filter_text :
	    "-", _(colspec[e->sort].title), e->desc ? _(" (desc)") : "",
	    e->inactive ? _("  +inactive") : "", when);
	return (e->status);
}

const struct screen_ops screen_endpoints_ops = {
	.name = N_("endpoints"),
	.enter = endpoints_enter,
	.leave = endpoints_leave,
	.key = endpoints_key,
	.draw = endpoints_draw,
	.tick = endpoints_tick,
	.status = endpoints_status,
	.help = endpoints_help,
};
