/*
 * screen-model: every active endpoint of one model, ranked by what it costs
 * for the user's token mix (the "cheapest provider" screen).
 *
 * The request shape (screen-model-shape.h: mix, size, cache reads and
 * writes, reasoning, searches, time of day) is edited on the screen and
 * shown on the line above the table; changing it re-ranks the rows in
 * memory, and so does the clock's minute moving while the time is "now".
 * The rows are read again only when ui->generation moves.  Prices, the
 * override in force, the next window change and the order come from
 * project/cost.c and project/price.c, as for `orbrowse cheapest`.
 */
#include "config.h"

#include "ui/screens.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "project/cost.h"
#include "project/model.h"
#include "project/price.h"
#include "ui/list.h"
#include "ui/model-meta.h"
#include "ui/screen-model-shape.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

enum model_col {
	MC_RANK, MC_PROVIDER, MC_QUANT, MC_BLEND, MC_REQUEST, MC_APPLIED,
	MC_NEXT, MC_LAT, MC_TPS, MC_UPTIME, MC_CTX, MC_OUT, MC_POLICY,
	MC_STATUS, MC_MARK, MC__COUNT
};

struct model_colspec {
	const char	*title;		/* N_() */
	int		 width;		/* the least it takes */
	char		 align;
	int		 drop;		/* narrow terminals drop high first */
};

static const struct model_colspec model_cols[MC__COUNT] = {
	[MC_RANK] = { "#", 3, 'r', 0 },
	[MC_PROVIDER] = { N_("PROVIDER"), 12, 'l', 0 },
	[MC_QUANT] = { N_("QUANT"), 7, 'l', 6 },
	[MC_BLEND] = { N_("$/M MIX"), 8, 'r', 0 },
	[MC_REQUEST] = { N_("$/REQUEST"), 10, 'r', 0 },
	[MC_APPLIED] = { N_("APPLIED"), 11, 'l', 3 },
	[MC_NEXT] = { N_("NEXT"), 9, 'l', 4 },
	[MC_LAT] = { N_("P50 MS"), 7, 'r', 8 },
	[MC_TPS] = { N_("TOK/S"), 7, 'r', 7 },
	[MC_UPTIME] = { N_("UP%"), 6, 'r', 10 },
	[MC_CTX] = { N_("CTX"), 6, 'r', 11 },
	[MC_OUT] = { N_("MAX OUT"), 7, 'r', 12 },
	[MC_POLICY] = { N_("DATA"), 8, 'l', 9 },
	[MC_STATUS] = { N_("ST"), 3, 'r', 1 },
	[MC_MARK] = { N_("MARK"), 4, 'l', 2 },
};

/* The widest the provider column grows. */
#define MODEL_PROVIDER_MAX	32

static const struct ui_keyhelp model_help[] = {
	{ "m", N_("set the prompt:completion token mix (e.g. 3:1)") },
	{ "c", N_("set the share of prompt tokens read from the cache (%)") },
	{ "w", N_("set the share written to the cache (%, e.g. 20:1h)") },
	{ "+ -", N_("larger / smaller request") },
	{ "n", N_("set the request size (prompt tokens, e.g. 20k)") },
	{ "x", N_("set the reasoning tokens per request") },
	{ "s", N_("set the web searches per request") },
	{ "t", N_("set the time of day for price windows (UTC HH:MM, or now)") },
	{ "< >", N_("an hour earlier / later") },
	{ "Enter i", N_("inspect the selected endpoint's stored JSON") },
	{ "e", N_("metrics of the selected endpoint") },
	{ "M", N_("metrics of every endpoint of the model") },
	{ "a", N_("the model's author and their models") },
	{ "j k arrows", N_("move") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ NULL, NULL }
};

struct model {
	char			*model_key;
	char			*model_name;	/* may be NULL */
	char			*label;	/* public id, marked when expiring */
	struct ep_row		*rows;
	size_t			 nrows;
	struct cost_rank	*rank;		/* nrows entries, best first */
	size_t			 cheapest;	/* index into rank, or COST_NONE */
	size_t			 fastest;	/* index into rank, or COST_NONE */
	struct cost_digits	 digits;	/* of the money columns */
	int			*next;		/* per rank entry: minutes to the
						   next window change, or -1 */
	struct model_shape	 shape;
	int			 minute;	/* the shape's time when ranked */
	struct list		 list;		/* over rank */
	uint64_t		 generation;
	int			 loaded;
	char			*error;		/* the last load failed */
	struct buf		 status;
	char			*select;	/* endpoint to select on the
						   first load, or NULL */
	struct model_meta	 meta;		/* usage, apps, versions */
};

static const char *
model_selected_id(const struct model *m)
{
	if (m->rank == NULL || m->list.cur >= m->nrows)
		return (NULL);
	return (m->rows[m->rank[m->list.cur].row].endpoint_id);
}

/*
 * The endpoint to keep selected when the rows load: the selected one, or
 * on the first load the one the screen was opened on (arg->endpoint_id:
 * Enter on the endpoints screen).  The caller frees it.
 */
static char *
model_keep(struct model *m)
{
	char	*keep;

	if (model_selected_id(m) != NULL) {
		free(m->select);
		m->select = NULL;
		return (xstrdup(model_selected_id(m)));
	}
	keep = m->select;
	m->select = NULL;
	return (keep);
}

/* Rank the rows for the current mix, keeping the selected endpoint. */
static void
model_rank(struct model *m, const char *keep)
{
	const struct ep_row	*r;
	struct cost_shape	 shape;
	struct cost_extra	 extra;
	struct price		 price;
	size_t			 i;

	model_shape_get(&m->shape, &shape, &extra);
	m->minute = extra.utc_minute;
	cost_rank_extra(m->rows, m->nrows, &shape, &extra, m->rank);
	cost_rank_marks(m->rows, m->rank, m->nrows, &m->cheapest,
	    &m->fastest);
	cost_rank_digits(m->rank, m->nrows, &m->digits);
	for (i = 0; i < m->nrows; i++) {
		price_init(&price);
		ep_row_price(&m->rows[m->rank[i].row], &price);
		m->next[i] = price_next_change(&price, m->minute);
		price_clear(&price);
	}

	m->list.cur = 0;
	for (i = 0; keep != NULL && i < m->nrows; i++) {
		r = &m->rows[m->rank[i].row];
		if (r->endpoint_id != NULL && strcmp(r->endpoint_id, keep) == 0) {
			m->list.cur = i;
			break;
		}
	}
}

/* The title: the public id, marked when expiring, as the directory has
 * it (a model without endpoints too). */
static void
model_title(struct screen *s, struct model *m)
{
	struct model_row	*dir = NULL;
	size_t			 n = 0;

	free(m->label);
	m->label = NULL;
	if (store_model_list(s->ui->store, m->model_key, &dir, &n, NULL) == 0 &&
	    n == 1) {
		m->label = model_label(dir[0].model_id, m->model_key,
		    dir[0].expiration_date, model_today());
		if (m->model_name == NULL && dir[0].name != NULL)
			m->model_name = xstrdup(dir[0].name);
	}
	model_row_list_free(dir, n);
}

static void
model_load(struct screen *s)
{
	struct model	*m = s->data;
	char		*keep, *cause = NULL;
	struct ep_row	*rows = NULL;
	size_t		 n = 0, i;

	m->generation = s->ui->generation;
	m->loaded = 1;
	keep = model_keep(m);
	if (store_endpoint_load_model(s->ui->store, m->model_key, &rows, &n,
	    &cause) != 0) {
		free(m->error);
		m->error = cause;
		free(keep);
		return;
	}
	free(m->error);
	m->error = NULL;
	ep_row_list_free(m->rows, m->nrows);
	free(m->rank);
	free(m->next);
	m->rows = rows;
	m->nrows = n;
	m->rank = xcalloc(n > 0 ? n : 1, sizeof *m->rank);
	m->next = xcalloc(n > 0 ? n : 1, sizeof *m->next);
	free(m->model_name);
	m->model_name = NULL;
	for (i = 0; i < n; i++) {
		if (rows[i].model_name != NULL) {
			m->model_name = xstrdup(rows[i].model_name);
			break;
		}
	}
	model_title(s, m);
	model_meta_load(s->ui, m->model_key, &m->meta);
	model_rank(m, keep);
	free(keep);
}

void *
screen_model_new(struct ui *ui, const struct screen_arg *arg)
{
	struct model	*m;

	(void)ui;
	m = xcalloc(1, sizeof *m);
	m->model_key = xstrdup(arg->model_key != NULL ? arg->model_key : "");
	if (arg->endpoint_id != NULL)
		m->select = xstrdup(arg->endpoint_id);
	model_shape_init(&m->shape);
	m->cheapest = m->fastest = COST_NONE;
	m->list.flags = LIST_FILL;
	buf_init(&m->status);
	return (m);
}

static void
model_enter(struct screen *s)
{
	model_load(s);
}

static void
model_leave(struct screen *s)
{
	struct model	*m = s->data;

	ep_row_list_free(m->rows, m->nrows);
	free(m->rank);
	free(m->next);
	free(m->model_key);
	free(m->model_name);
	free(m->label);
	free(m->error);
	free(m->select);
	model_meta_clear(&m->meta);
	buf_free(&m->status);
	free(m);
}

/* The override in force: "prompt>128k", "22:00-06:00", or "-". */
static void
model_fmt_applied(const struct cost_rank *k, char *out, size_t len)
{
	cost_applied_label(k, out, len);
}

/* Minutes to the next window change: "in 2h05m", "in 45m", or "-". */
static void
model_fmt_next(int minutes, char *out, size_t len)
{
	if (minutes < 0)
		snprintf(out, len, "-");
	else if (minutes >= 60)
		snprintf(out, len, _("in %dh%02dm"), minutes / 60, minutes % 60);
	else
		snprintf(out, len, _("in %dm"), minutes);
}

/* A non-zero status, which ranks the row last; "" when healthy. */
static void
model_fmt_status(int64_t status, char *out, size_t len)
{
	if (status == EP_NULL_INT || status == 0)
		out[0] = '\0';
	else
		ep_status_label(status, out, len);
}

/* Whether the provider trains on prompts, or keeps them: the shared
 * words (project/endpoint.h), coloured. */
static const char *
model_policy(const struct ep_row *r, enum ui_color *color)
{
	enum ep_policy	p = ep_policy(r);

	*color = p == EP_POLICY_TRAINS ? UI_C_WARN : p == EP_POLICY_RETAINS ?
	    UI_C_NORMAL : p == EP_POLICY_NO_TRAIN ? UI_C_GOOD : UI_C_DIM;
	return (_(ep_policy_label(p)));
}

static const char *
model_mark(const struct model *m, size_t i)
{
	if (i == m->cheapest && i == m->fastest)
		return (_("cheapest+fastest"));
	if (i == m->cheapest)
		return (_("cheapest"));
	if (i == m->fastest)
		return (_("fastest"));
	return ("");
}

/* The width of each column for cols columns; 0 = not shown. */
static void
model_layout(int cols, int width[MC__COUNT])
{
	const char	*marks[3];
	int		 c, total, worst, w;
	size_t		 i;

	marks[0] = _("cheapest+fastest");
	marks[1] = _("cheapest");
	marks[2] = _("fastest");
	for (c = 0; c < MC__COUNT; c++) {
		width[c] = model_cols[c].width;
		w = textwidth_measure(_(model_cols[c].title));
		if (w > width[c])
			width[c] = w;
	}
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		w = textwidth_measure(marks[i]);
		if (w > width[MC_MARK])
			width[MC_MARK] = w;
	}
	for (c = EP_POLICY_UNKNOWN; c <= EP_POLICY_NO_TRAIN; c++) {
		w = textwidth_measure(_(ep_policy_label((enum ep_policy)c)));
		if (w > width[MC_POLICY])
			width[MC_POLICY] = w;
	}

	/* Drop the least useful columns until the rest fits. */
	for (;;) {
		total = -1;
		worst = -1;
		for (c = 0; c < MC__COUNT; c++) {
			if (width[c] == 0)
				continue;
			total += width[c] + 1;
			if (model_cols[c].drop > 0 && (worst == -1 ||
			    model_cols[c].drop > model_cols[worst].drop))
				worst = c;
		}
		if (total <= cols || worst == -1)
			break;
		width[worst] = 0;
	}
	/* The provider takes what is left, up to a point. */
	if (total < cols && width[MC_PROVIDER] < MODEL_PROVIDER_MAX) {
		w = width[MC_PROVIDER] + (cols - total);
		width[MC_PROVIDER] = w < MODEL_PROVIDER_MAX ? w :
		    MODEL_PROVIDER_MAX;
	} else if (total > cols) {
		w = width[MC_PROVIDER] - (total - cols);
		width[MC_PROVIDER] = w > 1 ? w : 1;
	}
}

static void
model_row(struct screen *s, WINDOW *w, int y, const int width[MC__COUNT],
    size_t i, int selected)
{
	struct model		*m = s->data;
	const struct cost_rank	*k = &m->rank[i];
	const struct ep_row	*r = &m->rows[k->row];
	enum ui_color		 color;
	const char		*text;
	char			 cell[64];
	int			 c, x = 0;

	for (c = 0; c < MC__COUNT; c++) {
		if (width[c] == 0)
			continue;
		color = UI_C_NORMAL;
		text = cell;
		cell[0] = '\0';
		switch (c) {
		case MC_RANK:
			snprintf(cell, sizeof cell, "%zu", i + 1);
			break;
		case MC_PROVIDER:
			text = ep_provider_label(r, cell, sizeof cell);
			break;
		case MC_QUANT:
			text = r->quantization != NULL ? r->quantization : "-";
			break;
		case MC_BLEND:
			numfmt_price(k->blended, m->digits.blended, cell,
			    sizeof cell);
			break;
		case MC_REQUEST:
			numfmt_dollars(k->request, m->digits.request, cell,
			    sizeof cell);
			break;
		case MC_APPLIED:
			model_fmt_applied(k, cell, sizeof cell);
			break;
		case MC_NEXT:
			model_fmt_next(m->next[i], cell, sizeof cell);
			break;
		case MC_STATUS:
			model_fmt_status(r->status, cell, sizeof cell);
			color = UI_C_WARN;
			break;
		case MC_LAT:
			numfmt_real(r->p50_latency_ms, 0, cell, sizeof cell);
			break;
		case MC_TPS:
			numfmt_real(r->p50_throughput, 1, cell, sizeof cell);
			break;
		case MC_UPTIME:
			numfmt_real(r->uptime, 1, cell, sizeof cell);
			break;
		case MC_CTX:
			numfmt_count(r->context_length, cell, sizeof cell);
			break;
		case MC_OUT:
			numfmt_count(r->max_output, cell, sizeof cell);
			break;
		case MC_POLICY:
			text = model_policy(r, &color);
			break;
		case MC_MARK:
			text = model_mark(m, i);
			color = UI_C_GOOD;
			break;
		}
		/* The selection's colour wins over a cell's. */
		if (selected)
			color = UI_C_NORMAL;
		ui_color_on(s->ui, w, color);
		ui_text(w, y, x, width[c], text, model_cols[c].align);
		ui_color_off(s->ui, w, color);
		x += width[c] + 1;
	}
}

static void
model_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct model	*m = s->data;
	struct buf	 line = BUF_INIT;
	int		 width[MC__COUNT], c, x, y;
	size_t		 i;

	if (!m->loaded || m->generation != s->ui->generation)
		model_load(s);
	if (rows <= 0)
		return;
	if (m->error != NULL) {
		ui_color_on(s->ui, w, UI_C_ERROR);
		ui_text(w, y0, 0, cols, m->error, 'l');
		ui_color_off(s->ui, w, UI_C_ERROR);
		return;
	}

	/* The shape ranked for, as `cheapest` prints it above its table. */
	model_shape_line(&m->shape, &line);
	ui_text(w, y0, 1, cols - 1, buf_str(&line), 'l');
	buf_free(&line);
	if (--rows <= 0)
		return;
	y0++;
	/* The metadata, while the table keeps a few rows. */
	if (rows - model_meta_lines(&m->meta) >= 4) {
		c = model_meta_draw(s->ui, w, y0, cols, &m->meta);
		y0 += c;
		rows -= c;
	}
	model_layout(cols, width);
	ui_color_on(s->ui, w, UI_C_HEADER);
	mvwhline(w, y0, 0, ' ', cols);
	x = 0;
	for (c = 0; c < MC__COUNT; c++) {
		if (width[c] == 0)
			continue;
		ui_text(w, y0, x, width[c], _(model_cols[c].title),
		    model_cols[c].align);
		x += width[c] + 1;
	}
	ui_color_off(s->ui, w, UI_C_HEADER);

	if (m->nrows == 0) {
		if (rows > 2)
			ui_text(w, y0 + 2, 2, cols - 4, _("This model has no "
			    "active endpoints."), 'l');
		return;
	}
	list_show(&m->list, m->nrows, y0 + 1, rows - 1);
	for (y = 0; y < rows - 1; y++) {
		i = m->list.top + (size_t)y;
		if (i >= m->nrows)
			break;
		if (i == m->list.cur) {
			ui_color_on(s->ui, w, UI_C_SELECT);
			mvwhline(w, y0 + 1 + y, 0, ' ', cols);
		}
		model_row(s, w, y0 + 1 + y, width, i, i == m->list.cur);
		if (i == m->list.cur)
			ui_color_off(s->ui, w, UI_C_SELECT);
	}
}

static int
model_key(struct screen *s, int key)
{
	struct model		*m = s->data;
	const struct ep_row	*r = NULL;

	if (m->rank != NULL && m->list.cur < m->nrows)
		r = &m->rows[m->rank[m->list.cur].row];
	if (list_key(&m->list, m->nrows, key == ' ' ? KEY_NPAGE : key))
		return (UI_REDRAW);
	if (model_shape_key(s->ui, &m->shape, key)) {
		/* The id lives in m->rows, which ranking does not touch. */
		model_rank(m, model_selected_id(m));
		return (UI_REDRAW);
	}
	switch (key) {
	case '\n':
	case '\r':
	case KEY_ENTER:
	case 'i':
		if (r != NULL && r->endpoint_id != NULL)
			ui_open(s->ui, SCREEN_INSPECT, &(struct screen_arg){
			    .endpoint_id = r->endpoint_id,
			    .model_key = m->model_key });
		break;
	case 'e':
		if (r != NULL && r->endpoint_id != NULL)
			ui_open(s->ui, SCREEN_METRICS, &(struct screen_arg){
			    .endpoint_id = r->endpoint_id,
			    .model_key = m->model_key });
		break;
	case 'M':
		ui_open(s->ui, SCREEN_METRICS, &(struct screen_arg){
		    .model_key = m->model_key });
		break;
	case 'a':
		ui_open(s->ui, SCREEN_AUTHOR, &(struct screen_arg){
		    .model_key = m->model_key });
		break;
	default:
		return (UI_UNHANDLED);
	}
	return (UI_REDRAW);
}

static int
model_tick(struct screen *s)
{
	struct model	*m = s->data;

	if (m->generation != s->ui->generation)
		return (UI_REDRAW);
	/* At "now", a new minute may open or close a price window. */
	if (m->loaded && m->error == NULL &&
	    model_shape_minute(&m->shape) != m->minute) {
		model_rank(m, model_selected_id(m));
		return (UI_REDRAW);
	}
	return (UI_NONE);
}

static const char *
model_status(struct screen *s)
{
	struct model	*m = s->data;

	buf_reset(&m->status);
	buf_printf(&m->status, "%s", m->label != NULL ? m->label :
	    m->model_key);
	if (m->model_name != NULL)
		buf_printf(&m->status, " (%s)", m->model_name);
	buf_printf(&m->status, "  %s", _("shape: m c w n + - x s t < >"));
	return (buf_str(&m->status));
}

/* 'y': the selected endpoint's id. */
static const char *
model_copy(struct screen *s, const char **what)
{
	*what = N_("endpoint id");
	return (model_selected_id(s->data));
}

static const char *
model_page(struct screen *s)
{
	struct model	*m = s->data;

	/* The page is the public id's, where the directory knows one. */
	if (m->nrows > 0 && m->rows[0].model_id != NULL)
		return (m->rows[0].model_id);
	return (m->model_key);
}

const struct screen_ops screen_model_ops = {
	.name = N_("model"),
	.enter = model_enter,
	.leave = model_leave,
	.key = model_key,
	.draw = model_draw,
	.tick = model_tick,
	.status = model_status,
	.copy = model_copy,
	.model = model_page,
	.help = model_help,
};
