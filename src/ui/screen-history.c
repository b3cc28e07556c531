/*
 * screen-history: one model's history, one provider listing at a time
 * ('H' on the endpoints, models or model screen, ":history MODEL").
 *
 * The change records (store_changelog_model()) are replayed into each
 * listing's step series (store/store-replay.h), as `orbrowse history`
 * does.  The screen draws, on one time axis from the model's first record
 * to the newest run: the price ('p' cycles prompt, completion, cache read)
 * as a step chart of block glyphs (scaled from below the lowest price, the
 * bounds labelled on the left) (ASCII outside a UTF-8 locale), the p50
 * latency and the uptime as sparklines (ui_sparkline()) sampled at the same
 * columns, the axis' first and last dates, and below them the dated list
 * of the listing's changes and the model's own (added, removed, expiry),
 * newest first.  '[' and ']' move between the listings.
 *
 * The records are read when the screen opens and again when
 * ui->generation moves.
 */
#include "config.h"

#include "ui/screens.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-changelog.h"
#include "store/store-replay.h"
#include "ui/list.h"
#include "ui/ui-change.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/xmalloc.h"

/* The label column left of the chart and the sparklines. */
#define HIST_LABEL_W	10
/* The chart's rows: a share of the body, within these bounds. */
#define HIST_CHART_MIN	3
#define HIST_CHART_MAX	10

static const struct ui_keyhelp history_help[] = {
	{ "] [", N_("next / previous provider") },
	{ "p", N_("price shown: prompt, completion, cache read") },
	{ "j k arrows", N_("scroll the changes") },
	{ "PgUp PgDn g G", N_("page, top, bottom") },
	{ NULL, NULL }
};

/* The price components 'p' cycles through. */
static const struct {
	enum replay_field	 f;
	const char		*label;		/* N_() */
} hist_prices[] = {
	{ RF_PROMPT, N_("prompt") },
	{ RF_COMPLETION, N_("completion") },
	{ RF_CACHE_READ, N_("cache read") },
};
#define HIST_NPRICES	(sizeof hist_prices / sizeof hist_prices[0])

struct hist_pt {
	int64_t	at;			/* unix ms */
	double	v[RF_N];		/* NAN: unknown */
	int	active;
};

/* One provider listing's series. */
struct hist_listing {
	const char	*endpoint_id;	/* borrowed from the records */
	const char	*slug;
	const char	*name;
	struct hist_pt	*pts;
	size_t		 n, cap;
};

struct history {
	char			*model_key;
	char			*want;		/* endpoint id shown first */
	struct change_rec	*recs;
	size_t			 nrecs;
	struct hist_listing	*ls;
	size_t			 nls, cur;
	size_t			 price;		/* index in hist_prices */
	int64_t			 t0, t1;	/* the time axis, unix ms */
	size_t			*lines;		/* records listed, newest
						   first */
	size_t			 nlines;
	struct list		 list;
	uint64_t		 generation;
	int			 loaded;
	struct buf		 status;
};

static void
history_clear(struct history *h)
{
	size_t	i;

	for (i = 0; i < h->nls; i++)
		free(h->ls[i].pts);
	free(h->ls);
	h->ls = NULL;
	h->nls = 0;
	free(h->lines);
	h->lines = NULL;
	h->nlines = 0;
	change_rec_list_free(h->recs, h->nrecs);
	h->recs = NULL;
	h->nrecs = 0;
}

/* replay_changes() callback: one point onto its listing. */
static void
history_add_point(void *arg, const struct replay_point *p)
{
	struct history		*h = arg;
	const struct change_rec	*c = p->last;
	struct hist_listing	*l = NULL;
	struct hist_pt		*pt;
	size_t			 i;

	for (i = 0; i < h->nls; i++) {
		if (strcmp(h->ls[i].endpoint_id, c->endpoint_id) == 0) {
			l = &h->ls[i];
			break;
		}
	}
	if (l == NULL) {
		h->ls = xreallocarray(h->ls, h->nls + 1, sizeof *h->ls);
		l = &h->ls[h->nls++];
		memset(l, 0, sizeof *l);
		l->endpoint_id = c->endpoint_id;
	}
	/* The newest names. */
	if (c->provider_slug != NULL)
		l->slug = c->provider_slug;
	if (c->provider_name != NULL)
		l->name = c->provider_name;
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 8 : l->cap * 2;
		l->pts = xreallocarray(l->pts, l->cap, sizeof *l->pts);
	}
	pt = &l->pts[l->n++];
	pt->at = c->at;
	pt->active = p->active;
	for (i = 0; i < RF_N; i++)
		pt->v[i] = change_value_real(&p->v[i]);
}

/* The records listed for the current listing, newest first: its own and
 * the model's (no endpoint), but the internal kinds. */
static void
history_lines(struct history *h)
{
	const struct change_rec	*c;
	const char		*id;
	size_t			 i;

	free(h->lines);
	h->lines = xcalloc(h->nrecs == 0 ? 1 : h->nrecs, sizeof *h->lines);
	h->nlines = 0;
	id = h->nls > 0 ? h->ls[h->cur].endpoint_id : NULL;
	for (i = h->nrecs; i > 0; i--) {
		c = &h->recs[i - 1];
		if (strcmp(c->kind, "metrics") == 0 ||
		    strcmp(c->kind, "initial") == 0)
			continue;
		if (c->endpoint_id == NULL || (id != NULL &&
		    strcmp(c->endpoint_id, id) == 0))
			h->lines[h->nlines++] = i - 1;
	}
	memset(&h->list, 0, sizeof h->list);
	h->list.flags = LIST_PAGER;
}

/* Read and replay the records; 0, or -1 with a message shown. */
static int
history_load(struct ui *ui, struct history *h)
{
	struct run_info	 ri;
	char		*cause = NULL;
	const char	*want;
	size_t		 i;
	int		 found = 0;

	want = h->nls > 0 ? NULL : h->want;
	history_clear(h);
	h->generation = ui->generation;
	h->loaded = 1;
	if (store_changelog_model(ui->store, h->model_key, &h->recs,
	    &h->nrecs, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		return (-1);
	}
	replay_changes(h->recs, h->nrecs, NULL, INT64_MIN, history_add_point,
	    h);
	h->t0 = h->t1 = h->nrecs > 0 ? h->recs[0].at : 0;
	for (i = 0; i < h->nrecs; i++)
		if (h->recs[i].at > h->t1)
			h->t1 = h->recs[i].at;
	memset(&ri, 0, sizeof ri);
	if (store_run_get(ui->store, store_run_latest(ui->store), &ri,
	    &found, &cause) == 0 && found && ri.started_at > h->t1)
		h->t1 = ri.started_at;
	run_info_clear(&ri);
	free(cause);
	if (h->cur >= h->nls)
		h->cur = 0;
	for (i = 0; want != NULL && i < h->nls; i++)
		if (strcmp(h->ls[i].endpoint_id, want) == 0)
			h->cur = i;
	history_lines(h);
	return (0);
}

/* The model key a screen's model names: a public id (the model screen's)
 * names its key; anything else is taken as a key. */
static char *
history_model_key(struct ui *ui, const char *model)
{
	char	**keys = NULL, *cause = NULL, *key;
	size_t	  n = 0;
	int	  exact;

	if (store_model_resolve(ui->store, model, &keys, &n, &exact,
	    &cause) != 0)
		free(cause);
	key = xstrdup(n == 1 ? keys[0] : model);
	store_strv_free(keys, n);
	return (key);
}

void *
screen_history_new(struct ui *ui, const struct screen_arg *arg)
{
	struct history	*h;

	if (arg->model_key == NULL) {
		ui_message(ui, 1, "%s", _("no model here"));
		return (NULL);
	}
	h = xcalloc(1, sizeof *h);
	h->model_key = history_model_key(ui, arg->model_key);
	h->want = arg->endpoint_id != NULL ? xstrdup(arg->endpoint_id) : NULL;
	if (history_load(ui, h) != 0 || h->nrecs == 0) {
		if (h->nrecs == 0)
			ui_message(ui, 1, _("no history of %s"), arg->model_key);
		history_clear(h);
		free(h->model_key);
		free(h->want);
		free(h);
		return (NULL);
	}
	return (h);
}

static void
history_leave(struct screen *s)
{
	struct history	*h = s->data;

	history_clear(h);
	free(h->model_key);
	free(h->want);
	buf_free(&h->status);
	free(h);
}

/* The listing's value of field at the end of column c of w (NAN: not
 * listed then). */
static double
history_at(const struct history *h, const struct hist_listing *l,
    enum replay_field f, int c, int w)
{
	int64_t	t;
	size_t	i;
	double	v = NAN;

	t = h->t0 + (int64_t)((double)(h->t1 - h->t0) * (c + 1) / w);
	for (i = 0; i < l->n && l->pts[i].at <= t; i++)
		v = l->pts[i].active ? l->pts[i].v[f] : NAN;
	return (v);
}

/* One glyph of the step chart: eighths (0..8) of a cell filled. */
static const char *
history_glyph(const struct ui *ui, int eighths)
{
	static const char *const blocks[9] = {
		" ", "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83",
		"\xe2\x96\x84", "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87",
		"\xe2\x96\x88"
	};
	static const char *const ascii[9] = {
		" ", ".", ".", "-", "-", "=", "=", "#", "#"
	};

	if (eighths < 0)
		eighths = 0;
	if (eighths > 8)
		eighths = 8;
	return (ui->utf8 ? blocks[eighths] : ascii[eighths]);
}

/* The price chart: rows lines from y, the scale's labels on the left. */
static void
history_chart(struct screen *s, WINDOW *w, int y, int rows, int cols)
{
	struct history		*h = s->data;
	const struct hist_listing *l = &h->ls[h->cur];
	enum replay_field	 f = hist_prices[h->price].f;
	double			*v, max = 0, lo = INFINITY;
	char			 lab[32];
	int			 c, r, n = cols - HIST_LABEL_W, lev;

	if (n <= 0)
		return;
	v = xcalloc((size_t)n, sizeof *v);
	for (c = 0; c < n; c++) {
		v[c] = history_at(h, l, f, c, n);
		if (!isnan(v[c]) && v[c] > max)
			max = v[c];
		if (!isnan(v[c]) && v[c] < lo)
			lo = v[c];
	}
	/* The scale starts below the lowest price by the prices' range, so
	 * that a change of a few percent shows (never below 0). */
	lo = isinf(lo) || lo >= max ? 0 : lo - (max - lo) < 0 ? 0 :
	    lo - (max - lo);
	ui_color_on(s->ui, w, UI_C_DIM);
	ui_text(w, y, 0, HIST_LABEL_W - 1, numfmt_price(max,
	    NUMFMT_PRICE_DIGITS, lab, sizeof lab), 'r');
	ui_text(w, y + rows - 1, 0, HIST_LABEL_W - 1, numfmt_price(lo,
	    NUMFMT_PRICE_DIGITS, lab, sizeof lab), 'r');
	ui_color_off(s->ui, w, UI_C_DIM);
	ui_color_on(s->ui, w, UI_C_GOOD);
	for (c = 0; c < n; c++) {
		if (isnan(v[c]))
			continue;
		/* A listed free price still shows a line. */
		lev = max > lo ? (int)((v[c] - lo) / (max - lo) * rows * 8 +
		    0.5) : 0;
		if (lev < 1)
			lev = 1;
		for (r = 0; r < rows; r++)
			mvwaddstr(w, y + rows - 1 - r, HIST_LABEL_W + c,
			    history_glyph(s->ui, lev - r * 8));
	}
	ui_color_off(s->ui, w, UI_C_GOOD);
	free(v);
}

/* A sparkline of field on the chart's columns, its label on the left. */
static void
history_spark(struct screen *s, WINDOW *w, int y, int cols,
    enum replay_field f, const char *label)
{
	struct history		*h = s->data;
	const struct hist_listing *l = &h->ls[h->cur];
	double			*v;
	char			*line;
	int			 c, n = cols - HIST_LABEL_W;

	ui_color_on(s->ui, w, UI_C_DIM);
	ui_text(w, y, 0, HIST_LABEL_W - 1, label, 'r');
	ui_color_off(s->ui, w, UI_C_DIM);
	if (n <= 0)
		return;
	v = xcalloc((size_t)n, sizeof *v);
	for (c = 0; c < n; c++)
		v[c] = history_at(h, l, f, c, n);
	line = ui_sparkline(s->ui, v, n, n);
	mvwaddstr(w, y, HIST_LABEL_W, line);
	free(line);
	free(v);
}

/* One line of the change list. */
static void
history_change(struct screen *s, WINDOW *w, int y, int cols,
    const struct change_rec *c)
{
	struct buf	 b = BUF_INIT;
	char		 when[32];

	ui_change_date(c->at, when, sizeof when);
	ui_color_on(s->ui, w, UI_C_DIM);
	ui_text(w, y, 0, cols, when, 'l');
	ui_color_off(s->ui, w, UI_C_DIM);
	ui_change_text(c, 0, &b);
	if (cols > UI_CHANGE_DATE_W + 2)
		ui_text(w, y, UI_CHANGE_DATE_W + 2, cols - UI_CHANGE_DATE_W -
		    2, buf_str(&b), 'l');
	buf_free(&b);
}

static void
history_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct history	*h = s->data;
	const struct hist_listing *l;
	char		 d0[32], d1[32];
	int		 ch, y;
	size_t		 i;

	if (!h->loaded || h->generation != s->ui->generation)
		(void)history_load(s->ui, h);
	if (rows <= 0)
		return;
	if (h->nls == 0) {
		ui_text(w, y0 + rows / 2, 2, cols - 4, _("No listing of this "
		    "model has a history yet."), 'l');
		return;
	}
	l = &h->ls[h->cur];
	ch = (rows - 6) / 2;
	ch = ch < HIST_CHART_MIN ? HIST_CHART_MIN : ch > HIST_CHART_MAX ?
	    HIST_CHART_MAX : ch;
	if (rows < ch + 5)
		ch = rows - 5 > 1 ? rows - 5 : 1;
	ui_color_on(s->ui, w, UI_C_HEADER);
	y = ui_text(w, y0, 0, cols, l->name != NULL ? l->name : "-", 'l');
	if (cols - y > 2 && l->slug != NULL)
		y += 2 + ui_text(w, y0, y + 2, cols - y - 2, l->slug, 'l');
	ui_color_off(s->ui, w, UI_C_HEADER);
	if (cols - y > 2)
		ui_text(w, y0, y + 2, cols - y - 2, _(hist_prices[h->price].label),
		    'l');
	history_chart(s, w, y0 + 1, ch, cols);
	history_spark(s, w, y0 + 1 + ch, cols, RF_LATENCY, _("latency"));
	history_spark(s, w, y0 + 2 + ch, cols, RF_UPTIME, _("uptime"));
	ui_change_date(h->t0, d0, sizeof d0);
	ui_change_date(h->t1, d1, sizeof d1);
	ui_color_on(s->ui, w, UI_C_DIM);
	if (cols > HIST_LABEL_W)
		ui_text(w, y0 + 3 + ch, HIST_LABEL_W, cols - HIST_LABEL_W, d0,
		    'l');
	if (cols >= HIST_LABEL_W + 34)
		ui_text(w, y0 + 3 + ch, cols - 16, 16, d1, 'r');
	ui_color_off(s->ui, w, UI_C_DIM);
	ui_color_on(s->ui, w, UI_C_HEADER);
	ui_text(w, y0 + 4 + ch, 0, cols, _("CHANGES (newest first)"), 'l');
	ui_color_off(s->ui, w, UI_C_HEADER);
	list_show(&h->list, h->nlines, y0 + 5 + ch, rows - 5 - ch);
	for (y = 0; y < rows - 5 - ch; y++) {
		i = h->list.top + (size_t)y;
		if (i >= h->nlines)
			break;
		history_change(s, w, y0 + 5 + ch + y, cols,
		    &h->recs[h->lines[i]]);
	}
}

static int
history_key(struct screen *s, int key)
{
	struct history	*h = s->data;

	if (list_key(&h->list, h->nlines, key))
		return (UI_REDRAW);
	switch (key) {
	case ']':
	case '[':
		if (h->nls == 0)
			break;
		h->cur = (h->cur + (key == ']' ? 1 : h->nls - 1)) % h->nls;
		history_lines(h);
		break;
	case 'p':
		h->price = (h->price + 1) % HIST_NPRICES;
		break;
	default:
		return (UI_UNHANDLED);
	}
	return (UI_REDRAW);
}

static int
history_tick(struct screen *s)
{
	struct history	*h = s->data;

	return (h->generation != s->ui->generation ? UI_REDRAW : UI_NONE);
}

static const char *
history_status(struct screen *s)
{
	struct history	*h = s->data;

	buf_reset(&h->status);
	buf_printf(&h->status, "%s", h->model_key);
	if (h->nls > 0) {
		buf_printf(&h->status, _("  provider %zu/%zu"), h->cur + 1,
		    h->nls);
		buf_printf(&h->status, P_("  %zu point", "  %zu points",
		    h->ls[h->cur].n), h->ls[h->cur].n);
	}
	buf_printf(&h->status, P_("  %zu change", "  %zu changes",
	    h->nlines), h->nlines);
	return (buf_str(&h->status));
}

/* 'y': the listing's endpoint id. */
static const char *
history_copy(struct screen *s, const char **what)
{
	struct history	*h = s->data;

	if (h->nls == 0) {
		*what = N_("model id");
		return (h->model_key);
	}
	*what = N_("endpoint id");
	return (h->ls[h->cur].endpoint_id);
}

static const char *
history_model(struct screen *s)
{
	struct history	*h = s->data;

	return (h->model_key);
}

const struct screen_ops screen_history_ops = {
	.name = N_("history"),
	.leave = history_leave,
	.key = history_key,
	.draw = history_draw,
	.tick = history_tick,
	.status = history_status,
	.copy = history_copy,
	.model = history_model,
	.help = history_help,
};
