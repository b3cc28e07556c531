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

#include "project/cost.h"
#include "project/endpoint-sort.h"
#include "project/filter.h"
#include "ui/list.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/sanitize.h"
#include "util/table-layout.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

enum ep_col {
	C_MODEL, C_PROVIDER, C_QUANT, C_CTX, C_IN, C_OUT, C_LAT, C_TPS,
	C_UPTIME, C_FLAGS, C_POLICY, C_STATUS, C__COUNT
};

struct ep_colspec {
	const char	*title;		/* N_() */
	int		 min;		/* cut to no less; 0: never cut */
	int		 prio;		/* 0 the most important */
	char		 align;
	int		 sortable;
};

/*
 * At 80 columns the model, the provider, both prices, latency and
 * throughput fit; the rest drop, least important first, as the terminal
 * narrows (util/table-layout.h), and h/l scroll to them.
 */
static const struct ep_colspec colspec[C__COUNT] = {
	[C_MODEL] = { N_("MODEL"), 24, 0, 'l', 1 },
	[C_PROVIDER] = { N_("PROVIDER"), 12, 1, 'l', 1 },
	[C_QUANT] = { N_("QUANT"), 5, 8, 'l', 1 },
	[C_CTX] = { N_("CTX"), 0, 6, 'r', 1 },
	[C_IN] = { N_("$/M IN"), 0, 2, 'r', 1 },
	[C_OUT] = { N_("$/M OUT"), 0, 3, 'r', 1 },
	[C_LAT] = { N_("P50 MS"), 0, 4, 'r', 1 },
	[C_TPS] = { N_("TOK/S"), 0, 5, 'r', 1 },
	[C_UPTIME] = { N_("UP%"), 0, 10, 'r', 1 },
	[C_FLAGS] = { N_("TIRF"), 0, 7, 'l', 0 },
	[C_POLICY] = { N_("DATA"), 0, 9, 'l', 0 },
	[C_STATUS] = { N_("ST"), 0, 11, 'r', 0 },
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
	struct table_layout_col lay[C__COUNT];	/* at the last draw */
	int		 skip;		/* columns scrolled out (h, l) */
	int		 more;		/* TABLE_LAYOUT_* of the last draw */
	int		 width;		/* the table's width at the last draw */
	char		 status[512];
};

static const struct ui_keyhelp endpoints_help[] = {
	{ "/", N_("filter as you type (the filter language of orbrowse ls)") },
	{ "s / S", N_("sort by the next column / reverse the order") },
	{ "h l Left Right", N_("scroll the columns that do not fit (< > in "
	    "the header)") },
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
	e->more = table_layout_fit(lay, C__COUNT, e->width, 1, e->skip);
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
			for (i = 0; i < C__COUNT; i++) {
				if (e->lay[i].width > 0 && mev.x >= e->lay[i].x &&
				    mev.x <= e->lay[i].x + e->lay[i].width)
					break;
			}
			if (i < C__COUNT && colspec[i].sortable) {
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

/* The text of cell c of r: in buf, or borrowed from r. */
static const char *
endpoints_cell(const struct ep_row *r, enum ep_col c, char *buf, size_t len)
{
	buf[0] = '\0';
	switch (c) {
	case C_MODEL:
		return (r->model_key);
	case C_PROVIDER:
		return (r->provider_name != NULL ? r->provider_name :
		    r->provider_slug);
	case C_QUANT:
		return (r->quantization != NULL ? r->quantization : "-");
	case C_CTX:
		numfmt_count(r->context_length, buf, len);
		break;
	case C_IN:
		numfmt_price(r->price_prompt, NUMFMT_PRICE_DIGITS, buf, len);
		break;
	case C_OUT:
		numfmt_price(r->price_completion, NUMFMT_PRICE_DIGITS, buf,
		    len);
		break;
	case C_LAT:
		numfmt_real(r->p50_latency_ms, 0, buf, len);
		break;
	case C_TPS:
		numfmt_real(r->p50_throughput, 1, buf, len);
		break;
	case C_UPTIME:
		numfmt_real(r->uptime, 1, buf, len);
		break;
	case C_FLAGS:
		snprintf(buf, len, "%c%c%c%c",
		    r->supports_tools == 1 ? 'T' : '.',
		    r->supports_images == 1 ? 'I' : '.',
		    r->supports_reasoning == 1 ? 'R' : '.',
		    cost_free(r) == 1 ? 'F' : '.');
		break;
	case C_STATUS:
		ep_status_label(r->status, buf, len);
		break;
	case C_POLICY:
		snprintf(buf, len, "%s", r->training == 1 ? _("train") :
		    r->training == 0 ? (r->retains_prompts == 1 ? _("keep") :
		    _("ok")) : "?");
		break;
	default:
		break;
	}
	return (buf);
}

/* The header of column c: its title, and the sort column marked. */
static void
endpoints_title(const struct endpoints *e, int c, char *buf, size_t len)
{
	snprintf(buf, len, "%s%s", _(colspec[c].title),
	    (enum ep_col)c == e->sort ? (e->desc ? "v" : "^") : "");
}

/*
 * Lay the columns out for the rows on screen (never all of them: a
 * keystroke costs the visible rows only), in cols columns less the two
 * that show whether columns are scrolled out.  The sanitised model ids of
 * those rows are left in ids (the caller frees them), to be shortened
 * against each other.
 */
static void
endpoints_layout(struct endpoints *e, int rows, int cols, char **ids)
{
	struct table_layout_col	*l = e->lay;
	const struct ep_row	*r;
	char			 cell[64];
	int			 c, y, w;
	size_t			 i;

	for (c = 0; c < C__COUNT; c++) {
		endpoints_title(e, c, cell, sizeof cell);
		l[c].want = textwidth_measure(cell);
		l[c].min = colspec[c].min;
		l[c].prio = colspec[c].prio;
		l[c].pinned = c == C_MODEL;
		/* The status shows where it costs no other column room. */
		l[c].spare = c == C_STATUS;
	}
	for (y = 0; y < rows; y++) {
		i = e->list.top + (size_t)y;
		if (i >= e->nshown)
			break;
		r = &e->rows[e->shown[i]];
		ids[y] = sanitize_text(r->model_key, 4096);
		for (c = 0; c < C__COUNT; c++) {
			w = textwidth_measure(c == C_MODEL ? ids[y] :
			    endpoints_cell(r, (enum ep_col)c, cell,
			    sizeof cell));
			if (w > l[c].want)
				l[c].want = w;
		}
	}
	e->width = cols - 2;
	e->more = table_layout_fit(l, C__COUNT, e->width, 1, e->skip);
	if (e->skip > 0 && !(e->more & TABLE_LAYOUT_LEFT))
		e->skip = 0;
}

static void
endpoints_header(struct screen *s, WINDOW *w, int y0, int cols)
{
	struct endpoints	*e = s->data;
	char			 title[64];
	int			 c;

	ui_color_on(s->ui, w, UI_C_HEADER);
	mvwhline(w, y0, 0, ' ', cols);
	for (c = 0; c < C__COUNT; c++) {
		if (e->lay[c].width == 0)
			continue;
		endpoints_title(e, c, title, sizeof title);
		ui_text(w, y0, e->lay[c].x, e->lay[c].width, title,
		    colspec[c].align);
	}
	/* More columns to either side: h and l scroll to them. */
	if (e->more & TABLE_LAYOUT_LEFT)
		mvwaddch(w, y0, cols - 2, '<');
	if (e->more & TABLE_LAYOUT_RIGHT)
		mvwaddch(w, y0, cols - 1, '>');
	ui_color_off(s->ui, w, UI_C_HEADER);
}

static void
endpoints_row(struct endpoints *e, WINDOW *w, int y, const struct ep_row *r,
    const char *model)
{
	const struct table_layout_col	*l;
	char				 cell[64];
	int				 c;

	for (c = 0; c < C__COUNT; c++) {
		l = &e->lay[c];
		if (l->width == 0)
			continue;
		ui_text(w, y, l->x, l->width, c == C_MODEL ? model :
		    endpoints_cell(r, (enum ep_col)c, cell, sizeof cell),
		    colspec[c].align);
	}
}

static void
endpoints_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct endpoints	*e = s->data;
	const struct ep_row	*r;
	char			**ids, *model;
	int			 y, n;
	size_t			 i;

	if (e->generation != s->ui->generation)
		endpoints_load(s);
	list_show(&e->list, e->nshown, y0 + 1, rows - 1);
	ids = xcalloc((size_t)rows + 1, sizeof *ids);
	endpoints_layout(e, rows - 1, cols, ids);
	endpoints_header(s, w, y0, cols);
	if (e->nshown == 0) {
		ui_text(w, y0 + 2, 2, cols - 4, e->nrows == 0 ?
		    _("No endpoints stored yet: press r to sync, or run "
		    "`orbrowse demo`.") : _("No endpoints match the filter."),
		    'l');
	}
	for (n = 0; n < rows - 1 && ids[n] != NULL; n++)
		;
	for (y = 0; y < n; y++) {
		i = e->list.top + (size_t)y;
		r = &e->rows[e->shown[i]];
		if (i == e->list.cur) {
			ui_color_on(s->ui, w, UI_C_SELECT);
			mvwhline(w, y0 + 1 + y, 0, ' ', cols);
		} else if (!r->active)
			ui_color_on(s->ui, w, UI_C_DIM);
		model = table_layout_elide((const char *const *)ids,
		    (size_t)n, (size_t)y, e->lay[C_MODEL].width);
		endpoints_row(e, w, y0 + 1 + y, r, model);
		free(model);
		if (i == e->list.cur)
			ui_color_off(s->ui, w, UI_C_SELECT);
		else if (!r->active)
			ui_color_off(s->ui, w, UI_C_DIM);
	}
	for (y = 0; y < n; y++)
		free(ids[y]);
	free(ids);
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
