/*
 * screen-endpoints-draw: the drawing of the endpoints screen
 * (screen-endpoints.c): the shown columns laid out for the rows on screen
 * (util/table-layout.h), the header with the sort column marked, the rows
 * with their compare, watch and expiry marks, and the column chooser or
 * the sort menu over the table (ui/ui-panel.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "project/endpoint-sort.h"
#include "project/model.h"
#include "ui/list.h"
#include "ui/screen-endpoints-private.h"
#include "ui/screens.h"
#include "ui/ui-panel.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/sanitize.h"
#include "util/table-layout.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

/* The widest the provider column asks to be (util/table-layout.h). */
#define EP_PROVIDER_WANT	24

/*
 * At 80 columns the model, the provider, both prices, latency and
 * throughput fit; the rest drop, least important first, as the terminal
 * narrows (util/table-layout.h), and h/l scroll to them.
 */
const struct ep_colspec endpoints_cols[C__COUNT] = {
	[C_MODEL] = { N_("MODEL"), 24, 0, 'l' },
	[C_PROVIDER] = { N_("PROVIDER"), 12, 1, 'l' },
	[C_QUANT] = { N_("QUANT"), 5, 8, 'l' },
	[C_CTX] = { N_("CTX"), 0, 6, 'r' },
	[C_IN] = { N_("$/M IN"), 0, 2, 'r' },
	[C_OUT] = { N_("$/M OUT"), 0, 3, 'r' },
	[C_LAT] = { N_("P50 MS"), 0, 4, 'r' },
	[C_TPS] = { N_("TOK/S"), 0, 5, 'r' },
	[C_UPTIME] = { N_("UP%"), 0, 10, 'r' },
	[C_FLAGS] = { N_("TIRF"), 0, 7, 'l' },
	[C_POLICY] = { N_("DATA"), 0, 9, 'l' },
	[C_STATUS] = { N_("ST"), 0, 11, 'r' },
};

/* The text of cell c of r: in buf, or borrowed from r. */
static const char *
endpoints_cell(const struct ep_row *r, enum ep_col c, char *buf, size_t len)
{
	buf[0] = '\0';
	switch (c) {
	case C_MODEL:
		return (r->model_id != NULL ? r->model_id : r->model_key);
	case C_PROVIDER:
		return (ep_provider_label(r, buf, len));
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
		return (ep_row_flags(r, buf, len));
	case C_STATUS:
		ep_status_label(r->status, buf, len);
		break;
	case C_POLICY:
		return (ep_row_policy(r));
	default:
		break;
	}
	return (buf);
}

/* The header of column c: its title, and the sort column marked (ASCII
 * outside a UTF-8 locale). */
static void
endpoints_title(const struct ui *ui, const struct endpoints *e, int c,
    char *buf, size_t len)
{
	const char	*mark = "";

	if (c == (int)e->sort && ui->utf8)
		mark = e->desc ? "\xe2\x96\xbc" : "\xe2\x96\xb2";	/* ▼ ▲ */
	else if (c == (int)e->sort)
		mark = e->desc ? "v" : "^";
	snprintf(buf, len, "%s%s", _(endpoints_cols[c].title), mark);
}

/*
 * Lay the shown columns out for the rows on screen (never all of them: a
 * keystroke costs the visible rows only), in cols columns less the two
 * that show whether columns are scrolled out.  e->lay is by display
 * position.  The sanitised model ids of those rows are left in ids (the
 * caller frees them), to be shortened against each other.
 */
static void
endpoints_layout(const struct ui *ui, struct endpoints *e, int rows,
    int cols, char **ids)
{
	struct table_layout_col	*l;
	const struct ep_row	*r;
	char			 cell[64], *label;
	int			 k, c, y, w;
	size_t			 i;
	int64_t			 today = model_today();

	memset(e->lay, 0, sizeof e->lay);
	for (k = 0; k < e->nvis; k++) {
		l = &e->lay[k];
		c = e->vis[k];
		endpoints_title(ui, e, c, cell, sizeof cell);
		l->want = textwidth_measure(cell);
		l->min = endpoints_cols[c].min;
		l->prio = endpoints_cols[c].prio;
		l->pinned = c == C_MODEL;
		/*
		 * The columns after the first seven show where they cost
		 * no more important column room: the provider is never
		 * cut for the data policy or the status.
		 */
		l->spare = endpoints_cols[c].prio >= 7;
	}
	for (y = 0; y < rows; y++) {
		i = e->list.top + (size_t)y;
		if (i >= e->nshown)
			break;
		r = &e->rows[e->shown[i]];
		/* The ids are elided against each other unmarked; the
		 * expiry mark goes before the elided id (endpoints_draw). */
		label = model_label(r->model_id, r->model_key, NULL, 0);
		ids[y] = sanitize_text(label, 4096);
		free(label);
		for (k = 0; k < e->nvis; k++) {
			c = e->vis[k];
			w = c == C_MODEL ? textwidth_measure(ids[y]) +
			    model_expiring(r->model_expires, today) +
			    (r->watched != 0) :
			    textwidth_measure(endpoints_cell(r,
			    (enum ep_col)c, cell, sizeof cell));
			if (w > e->lay[k].want)
				e->lay[k].want = w;
		}
	}
	/* A provider's name and region fit in 24 columns; a longer one
	 * is cut rather than push the other columns out. */
	for (k = 0; k < e->nvis; k++) {
		if (e->vis[k] == C_PROVIDER && e->lay[k].want > EP_PROVIDER_WANT)
			e->lay[k].want = EP_PROVIDER_WANT;
	}
	e->width = cols - 2;
	e->more = table_layout_fit(e->lay, e->nvis, e->width, 1, e->skip);
	if (e->skip > 0 && !(e->more & TABLE_LAYOUT_LEFT))
		e->skip = 0;
}

static void
endpoints_header(struct screen *s, WINDOW *w, int y0, int cols)
{
	struct endpoints	*e = s->data;
	char			 title[64];
	int			 k;

	e->header_y = y0;
	ui_color_on(s->ui, w, UI_C_HEADER);
	mvwhline(w, y0, 0, ' ', cols);
	for (k = 0; k < e->nvis; k++) {
		if (e->lay[k].width == 0)
			continue;
		endpoints_title(s->ui, e, e->vis[k], title, sizeof title);
		ui_text(w, y0, e->lay[k].x, e->lay[k].width, title,
		    endpoints_cols[e->vis[k]].align);
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
	int				 k, c;

	for (k = 0; k < e->nvis; k++) {
		l = &e->lay[k];
		c = e->vis[k];
		if (l->width == 0)
			continue;
		ui_text(w, y, l->x, l->width, c == C_MODEL ? model :
		    endpoints_cell(r, (enum ep_col)c, cell, sizeof cell),
		    endpoints_cols[c].align);
	}
}

/* The model column's width at the last layout (0: not shown). */
static int
endpoints_model_width(const struct endpoints *e)
{
	int	k;

	for (k = 0; k < e->nvis; k++) {
		if (e->vis[k] == C_MODEL)
			return (e->lay[k].width);
	}
	return (0);
}

/* The column chooser or the sort menu over the table. */
static void
endpoints_draw_panel(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct endpoints	*e = s->data;
	const char		*lines[C__COUNT];
	char			 text[C__COUNT][96], title[64];
	int			 i, c;

	for (i = 0; i < C__COUNT; i++) {
		c = e->cols.order[i];
		if (e->panel == PANEL_COLUMNS)
			snprintf(text[i], sizeof text[i], "[%c] %-10s  %s",
			    e->cols.shown[c] ? 'x' : ' ', ep_col_names()[c],
			    _(endpoints_cols[c].title));
		else {
			endpoints_title(s->ui, e, c, title, sizeof title);
			snprintf(text[i], sizeof text[i], "%-10s  %s",
			    ep_col_names()[c], title);
		}
		lines[i] = text[i];
	}
	if (e->panel == PANEL_COLUMNS)
		ui_panel_draw(s->ui, w, y0, rows, cols, _("Columns"), lines,
		    C__COUNT, &e->plist, _("Space show/hide  [ ] move  "
		    "Enter done"));
	else
		ui_panel_draw(s->ui, w, y0, rows, cols, _("Sort by"), lines,
		    C__COUNT, &e->plist, _("Enter sort  Esc cancel"));
}

/* The table, and the panel over it if any. */
void
endpoints_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct endpoints	*e = s->data;
	const struct ep_row	*r;
	char			**ids, *model, *marked;
	int			 y, n, mark, cmp;
	size_t			 i;
	int64_t			 today = model_today();

	if (e->generation != s->ui->generation)
		endpoints_load(s);
	list_show(&e->list, e->nshown, y0 + 1, rows - 1);
	ids = xcalloc((size_t)rows + 1, sizeof *ids);
	endpoints_layout(s->ui, e, rows - 1, cols, ids);
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
		/* The compare mark (bold), a watched model's star, then the
		 * expiry mark. */
		cmp = ui_marked(s->ui, r->model_key);
		mark = model_expiring(r->model_expires, today) +
		    (r->watched != 0) + cmp;
		model = table_layout_elide((const char *const *)ids,
		    (size_t)n, (size_t)y, endpoints_model_width(e) > mark ?
		    endpoints_model_width(e) - mark : 0);
		marked = xasprintf("%s%s%s%s", cmp ? ui_mark_glyph(s->ui) : "",
		    r->watched ? ui_watch_mark(s->ui) : "",
		    model_expiring(r->model_expires, today) ? MODEL_MARK : "",
		    model);
		if (cmp)
			wattron(w, A_BOLD);
		endpoints_row(e, w, y0 + 1 + y, r, marked);
		if (cmp)
			wattroff(w, A_BOLD);
		free(marked);
		free(model);
		if (i == e->list.cur)
			ui_color_off(s->ui, w, UI_C_SELECT);
		else if (!r->active)
			ui_color_off(s->ui, w, UI_C_DIM);
	}
	for (y = 0; y < n; y++)
		free(ids[y]);
	free(ids);
	if (e->panel != PANEL_NONE)
		endpoints_draw_panel(s, w, y0, rows, cols);
}
