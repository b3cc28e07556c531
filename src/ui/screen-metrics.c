/*
 * screen-metrics: sparklines of an endpoint's p50 latency, p50 throughput
 * and uptime over time, or of every active endpoint of a model, one block
 * per endpoint.
 *
 * Hourly and daily series are shown separately ('b' narrows the view to
 * one of them); each line has the series' minimum, maximum, last value and
 * the dates of its first and last point.  A series is laid out on a regular
 * grid of its bucket (an hour or a day), so a missing bucket is a gap in
 * the sparkline rather than a squeezed-out point.
 *
 * The series are read when the screen opens and again when ui->generation
 * moves; the lines are laid out again only when the width or the bucket
 * view changes.
 */
#include "config.h"

#include "ui/screens.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-metrics.h"
#include "ui/list.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

enum metrics_kind { MK_LATENCY, MK_THROUGHPUT, MK_UPTIME, MK__COUNT };
enum metrics_bucket { MB_HOUR, MB_DAY, MB__COUNT };
/* What 'b' cycles through. */
enum metrics_show { MS_BOTH, MS_HOUR, MS_DAY, MS__COUNT };

static const struct {
	const char	*name;		/* as stored */
	const char	*label;		/* N_() */
	const char	*unit;		/* N_() */
	int		 decimals;
} metrics_kinds[MK__COUNT] = {
	[MK_LATENCY] = { "latency", N_("p50 latency"), N_("ms"), 0 },
	[MK_THROUGHPUT] = { "throughput", N_("p50 tok/s"), N_("tok/s"), 1 },
	[MK_UPTIME] = { "uptime", N_("uptime"), "%", 2 },
};

static const struct {
	const char	*name;		/* as stored */
	const char	*label;		/* N_() */
	int64_t		 step;		/* seconds */
	size_t		 datelen;	/* of "YYYY-MM-DD HH:MM:SS" shown */
} metrics_buckets[MB__COUNT] = {
	[MB_HOUR] = { "hour", N_("hourly"), 3600, 16 },
	[MB_DAY] = { "day", N_("daily"), 86400, 10 },
};

static const char *metrics_show_names[MS__COUNT] = {
	N_("hourly and daily"), N_("hourly only"), N_("daily only")
};

/* A series longer than this many buckets is drawn without its gaps. */
#define METRICS_GRID_MAX	20000
/* The widest a sparkline gets when the statistics share its line. */
#define METRICS_SPARK_MAX	60
#define METRICS_SPARK_MIN	12

static const struct ui_keyhelp metrics_help[] = {
	{ "b", N_("hourly and daily series, hourly only, daily only") },
	{ "] [", N_("next / previous endpoint") },
	{ "j k arrows", N_("scroll") },
	{ "PgUp PgDn g G", N_("page, top, bottom") },
	{ NULL, NULL }
};

struct metrics_series {
	struct metric_point	*pts;
	size_t			 n;
	double			 min, max, last;
};

struct metrics_block {
	char			*endpoint_id;
	char			*provider;	/* may be NULL */
	char			*quant;		/* may be NULL */
	struct metrics_series	 series[MK__COUNT][MB__COUNT];
	size_t			 points;
};

enum metrics_line_kind {
	ML_HEAD,	/* the endpoint */
	ML_SERIES,	/* label, sparkline (and statistics when they fit) */
	ML_STATS,	/* statistics on their own line */
	ML_NONE,	/* nothing to show for this endpoint */
	ML_BLANK
};

struct metrics_line {
	enum metrics_line_kind	 kind;
	size_t			 block;
	enum metrics_kind	 metric;
	enum metrics_bucket	 bucket;
};

struct metrics {
	char			*endpoint_id;	/* NULL: the whole model */
	char			*model_key;	/* may be NULL */
	char			*model_name;	/* may be NULL */
	struct metrics_block	*blocks;
	size_t			 nblocks;
	size_t			 points;
	enum metrics_show	 show;

	struct metrics_line	*lines;
	size_t			 nlines;
	int			 lines_cols;	/* laid out for, -1 = stale */
	int			 label_w, bucket_w, spark_w;
	int			 stats_inline;

	struct list		 list;		/* a pager over lines */
	uint64_t		 generation;
	int			 loaded;
	char			*error;
	struct buf		 status;
};

static void
metrics_free_blocks(struct metrics *m)
{
	struct metrics_block	*b;
	size_t			 i;
	int			 k, t;

	for (i = 0; i < m->nblocks; i++) {
		b = &m->blocks[i];
		for (k = 0; k < MK__COUNT; k++) {
			for (t = 0; t < MB__COUNT; t++)
				free(b->series[k][t].pts);
		}
		free(b->endpoint_id);
		free(b->provider);
		free(b->quant);
	}
	free(m->blocks);
	m->blocks = NULL;
	m->nblocks = 0;
	m->points = 0;
}

static void
metrics_block_init(struct metrics_block *b, const char *endpoint_id,
    const struct ep_row *r)
{
	memset(b, 0, sizeof *b);
	b->endpoint_id = xstrdup(endpoint_id);
	if (r != NULL) {
		if (r->provider_name != NULL || r->provider_slug != NULL)
			b->provider = xstrdup(r->provider_name != NULL ?
			    r->provider_name : r->provider_slug);
		if (r->quantization != NULL)
			b->quant = xstrdup(r->quantization);
	}
}

static int
metrics_block_read(struct store *store, struct metrics_block *b,
    char **cause)
{
	struct metrics_series	*s;
	size_t			 i;
	int			 k, t;

	for (k = 0; k < MK__COUNT; k++) {
		for (t = 0; t < MB__COUNT; t++) {
			s = &b->series[k][t];
			if (store_metric_series(store, b->endpoint_id,
			    metrics_kinds[k].name, metrics_buckets[t].name,
			    &s->pts, &s->n, cause) != 0)
				return (-1);
			b->points += s->n;
			if (s->n == 0)
				continue;
			s->min = s->max = s->pts[0].value;
			for (i = 1; i < s->n; i++) {
				if (s->pts[i].value < s->min)
					s->min = s->pts[i].value;
				if (s->pts[i].value > s->max)
					s->max = s->pts[i].value;
			}
			s->last = s->pts[s->n - 1].value;
		}
	}
	return (0);
}

static void
metrics_load(struct screen *s)
{
	struct metrics		*m = s->data;
	struct ep_row		*rows = NULL;
	const struct ep_row	*r;
	size_t			 n = 0, i;
	char			*cause = NULL;

	m->generation = s->ui->generation;
	m->loaded = 1;
	m->lines_cols = -1;
	metrics_free_blocks(m);
	free(m->error);
	m->error = NULL;
	free(m->model_name);
	m->model_name = NULL;

	/* The model's endpoints name the providers of the blocks. */
	if (m->model_key != NULL && store_endpoint_load_model(s->ui->store,
	    m->model_key, &rows, &n, &cause) != 0)
		goto fail;
	for (i = 0; i < n && m->model_name == NULL; i++) {
		if (rows[i].model_name != NULL)
			m->model_name = xstrdup(rows[i].model_name);
	}
	if (m->endpoint_id != NULL) {
		r = NULL;
		for (i = 0; i < n && r == NULL; i++) {
			if (rows[i].endpoint_id != NULL &&
			    strcmp(rows[i].endpoint_id, m->endpoint_id) == 0)
				r = &rows[i];
		}
		m->blocks = xcalloc(1, sizeof *m->blocks);
		m->nblocks = 1;
		metrics_block_init(&m->blocks[0], m->endpoint_id, r);
	} else {
		m->blocks = xcalloc(n > 0 ? n : 1, sizeof *m->blocks);
		for (i = 0; i < n; i++) {
			if (rows[i].endpoint_id == NULL)
				continue;
			metrics_block_init(&m->blocks[m->nblocks++],
			    rows[i].endpoint_id, &rows[i]);
		}
	}
	for (i = 0; i < m->nblocks; i++) {
		if (metrics_block_read(s->ui->store, &m->blocks[i], &cause) != 0)
			goto fail;
		m->points += m->blocks[i].points;
	}
	ep_row_list_free(rows, n);
	return;
fail:
	ep_row_list_free(rows, n);
	metrics_free_blocks(m);
	m->error = cause;
}

void *
screen_metrics_new(struct ui *ui, const struct screen_arg *arg)
{
	struct metrics	*m;

	(void)ui;
	m = xcalloc(1, sizeof *m);
	if (arg->endpoint_id != NULL)
		m->endpoint_id = xstrdup(arg->endpoint_id);
	if (arg->model_key != NULL)
		m->model_key = xstrdup(arg->model_key);
	m->show = MS_BOTH;
	m->lines_cols = -1;
	m->list.flags = LIST_PAGER;
	buf_init(&m->status);
	return (m);
}

static void
metrics_enter(struct screen *s)
{
	metrics_load(s);
}

static void
metrics_leave(struct screen *s)
{
	struct metrics	*m = s->data;

	metrics_free_blocks(m);
	free(m->lines);
	free(m->endpoint_id);
	free(m->model_key);
	free(m->model_name);
	free(m->error);
	buf_free(&m->status);
	free(m);
}

static int
metrics_bucket_shown(const struct metrics *m, enum metrics_bucket t)
{
	return (m->show == MS_BOTH || (m->show == MS_HOUR && t == MB_HOUR) ||
	    (m->show == MS_DAY && t == MB_DAY));
}

/* A value, with its unit when unit is set ("334 ms", "99.49%"). */
static void
metrics_fmt_value(enum metrics_kind k, double v, int unit, char *out,
    size_t len)
{
	const char	*u = _(metrics_kinds[k].unit);

	snprintf(out, len, "%.*f%s%s", metrics_kinds[k].decimals, v,
	    unit && strcmp(u, "%") != 0 ? " " : "", unit ? u : "");
}

/* The first len bytes of "YYYY-MM-DD HH:MM:SS" for ts. */
static void
metrics_fmt_date(int64_t ts, size_t len, char *out, size_t outlen)
{
	char	*t;

	t = clock_format_utc(ts);
	if (strlen(t) > len)
		t[len] = '\0';
	snprintf(out, outlen, "%s", t);
	free(t);
}

/* "min 120  max 340  last 200 ms  2025-04-21..2025-05-24". */
static void
metrics_stats(const struct metrics_series *sr, enum metrics_kind k,
    enum metrics_bucket t, struct buf *out)
{
	char		 min[32], max[32], last[32], first_d[32], last_d[32];
	const char	*to;

	metrics_fmt_value(k, sr->min, 0, min, sizeof min);
	metrics_fmt_value(k, sr->max, 0, max, sizeof max);
	metrics_fmt_value(k, sr->last, 1, last, sizeof last);
	metrics_fmt_date(sr->pts[0].ts, metrics_buckets[t].datelen, first_d,
	    sizeof first_d);
	metrics_fmt_date(sr->pts[sr->n - 1].ts, metrics_buckets[t].datelen,
	    last_d, sizeof last_d);
	/* Hours of one day: the date once ("2025-05-21 00:00..23:00"). */
	to = last_d;
	if (t == MB_HOUR && strlen(last_d) > 11 &&
	    strncmp(first_d, last_d, 11) == 0)
		to += 11;
	buf_reset(out);
	buf_printf(out, _("min %s  max %s  last %s  %s..%s"), min, max, last,
	    first_d, to);
}

static void
metrics_add_line(struct metrics *m, size_t *cap, enum metrics_line_kind kind,
    size_t block, int k, int t)
{
	struct metrics_line	*l;

	if (m->nlines == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		m->lines = xreallocarray(m->lines, *cap, sizeof *m->lines);
	}
	l = &m->lines[m->nlines++];
	l->kind = kind;
	l->block = block;
	l->metric = (enum metrics_kind)k;
	l->bucket = (enum metrics_bucket)t;
}

/* Decide the columns and the lines for a width of cols. */
static void
metrics_layout(struct metrics *m, int cols)
{
	const struct metrics_series	*sr;
	struct buf			 stats = BUF_INIT;
	size_t				 cap = 0, i;
	int				 k, t, w, stats_w = 0, shown, fixed;

	m->label_w = m->bucket_w = 0;
	for (k = 0; k < MK__COUNT; k++) {
		w = textwidth_measure(_(metrics_kinds[k].label));
		if (w > m->label_w)
			m->label_w = w;
	}
	for (t = 0; t < MB__COUNT; t++) {
		w = textwidth_measure(_(metrics_buckets[t].label));
		if (w > m->bucket_w)
			m->bucket_w = w;
	}
	for (i = 0; i < m->nblocks; i++) {
		for (k = 0; k < MK__COUNT; k++) {
			for (t = 0; t < MB__COUNT; t++) {
				sr = &m->blocks[i].series[k][t];
				if (sr->n == 0 || !metrics_bucket_shown(m, t))
					continue;
				metrics_stats(sr, k, t, &stats);
				w = textwidth_measure(buf_str(&stats));
				if (w > stats_w)
					stats_w = w;
			}
		}
	}
	buf_free(&stats);

	/* "  label bucket sparkline  statistics" on one line if it fits. */
	fixed = 2 + m->label_w + 1 + m->bucket_w + 1;
	m->spark_w = cols - fixed - 2 - stats_w;
	m->stats_inline = m->spark_w >= METRICS_SPARK_MIN;
	if (m->stats_inline) {
		if (m->spark_w > METRICS_SPARK_MAX)
			m->spark_w = METRICS_SPARK_MAX;
	} else
		m->spark_w = cols - fixed;
	if (m->spark_w < 1)
		m->spark_w = 1;

	m->nlines = 0;
	for (i = 0; i < m->nblocks; i++) {
		if (i > 0)
			metrics_add_line(m, &cap, ML_BLANK, i, 0, 0);
		metrics_add_line(m, &cap, ML_HEAD, i, 0, 0);
		shown = 0;
		for (t = 0; t < MB__COUNT; t++) {
			if (!metrics_bucket_shown(m, t))
				continue;
			for (k = 0; k < MK__COUNT; k++) {
				if (m->blocks[i].series[k][t].n == 0)
					continue;
				metrics_add_line(m, &cap, ML_SERIES, i, k, t);
				if (!m->stats_inline)
					metrics_add_line(m, &cap, ML_STATS, i,
					    k, t);
				shown++;
			}
		}
		if (shown == 0)
			metrics_add_line(m, &cap, ML_NONE, i, 0, 0);
	}
	m->lines_cols = cols;
}

/*
 * The series on a regular grid of its bucket, NAN where a bucket has no
 * point; *n gets the grid's length.  The caller frees the result.
 */
static double *
metrics_grid(const struct metrics_series *sr, int64_t step, size_t *n)
{
	double	*v;
	int64_t	 span;
	size_t	 i, j;

	span = sr->pts[sr->n - 1].ts - sr->pts[0].ts;
	if (span < 0 || span / step >= METRICS_GRID_MAX) {
		v = xcalloc(sr->n, sizeof *v);
		for (i = 0; i < sr->n; i++)
			v[i] = sr->pts[i].value;
		*n = sr->n;
		return (v);
	}
	*n = (size_t)(span / step) + 1;
	v = xcalloc(*n, sizeof *v);
	for (j = 0; j < *n; j++)
		v[j] = NAN;
	for (i = 0; i < sr->n; i++) {
		j = (size_t)((sr->pts[i].ts - sr->pts[0].ts) / step);
		if (j < *n)
			v[j] = sr->pts[i].value;
	}
	return (v);
}

static void
metrics_draw_head(struct screen *s, WINDOW *w, int y, int cols,
    const struct metrics_block *b)
{
	int	x = 0;

	ui_color_on(s->ui, w, UI_C_HEADER);
	mvwhline(w, y, 0, ' ', cols);
	x += ui_text(w, y, x, cols - x, b->provider != NULL ? b->provider :
	    _("endpoint"), 'l');
	if (b->quant != NULL && x + 3 < cols) {
		x += ui_text(w, y, x, 2, " (", 'l');
		x += ui_text(w, y, x, cols - x - 1, b->quant, 'l');
		x += ui_text(w, y, x, 1, ")", 'l');
	}
	ui_color_off(s->ui, w, UI_C_HEADER);
	if (x + 3 < cols) {
		ui_color_on(s->ui, w, UI_C_DIM);
		ui_text(w, y, x + 2, cols - x - 2, b->endpoint_id, 'l');
		ui_color_off(s->ui, w, UI_C_DIM);
	}
}

static void
metrics_draw_line(struct screen *s, WINDOW *w, int y, int cols,
    const struct metrics_line *l)
{
	struct metrics			*m = s->data;
	const struct metrics_block	*b = &m->blocks[l->block];
	const struct metrics_series	*sr;
	struct buf			 stats = BUF_INIT;
	double				*v;
	char				*spark;
	size_t				 n;
	int				 x;

	switch (l->kind) {
	case ML_HEAD:
		metrics_draw_head(s, w, y, cols, b);
		break;
	case ML_SERIES:
		sr = &b->series[l->metric][l->bucket];
		x = 2;
		ui_text(w, y, x, m->label_w, _(metrics_kinds[l->metric].label),
		    'l');
		x += m->label_w + 1;
		ui_color_on(s->ui, w, UI_C_DIM);
		ui_text(w, y, x, m->bucket_w,
		    _(metrics_buckets[l->bucket].label), 'l');
		ui_color_off(s->ui, w, UI_C_DIM);
		x += m->bucket_w + 1;
		v = metrics_grid(sr, metrics_buckets[l->bucket].step, &n);
		spark = ui_sparkline(s->ui, v,
		    n > (size_t)METRICS_GRID_MAX ? METRICS_GRID_MAX : (int)n,
		    m->spark_w);
		ui_color_on(s->ui, w, UI_C_GOOD);
		ui_text(w, y, x, cols - x, spark, 'l');
		ui_color_off(s->ui, w, UI_C_GOOD);
		free(spark);
		free(v);
		if (m->stats_inline) {
			metrics_stats(sr, l->metric, l->bucket, &stats);
			x += m->spark_w + 2;
			ui_text(w, y, x, cols - x, buf_str(&stats), 'l');
		}
		break;
	case ML_STATS:
		sr = &b->series[l->metric][l->bucket];
		metrics_stats(sr, l->metric, l->bucket, &stats);
		/* Under the sparkline, or further left when it is cut there. */
		x = 2 + m->label_w + 1 + m->bucket_w + 1;
		if (x + textwidth_measure(buf_str(&stats)) > cols)
			x = 4;
		ui_text(w, y, x, cols - x, buf_str(&stats), 'l');
		break;
	case ML_NONE:
		ui_color_on(s->ui, w, UI_C_DIM);
		ui_text(w, y, 2, cols - 2, b->points == 0 ?
		    _("no metrics stored for this endpoint") :
		    _("no metrics in this bucket (press b)"), 'l');
		ui_color_off(s->ui, w, UI_C_DIM);
		break;
	case ML_BLANK:
		break;
	}
	buf_free(&stats);
}

static void
metrics_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct metrics	*m = s->data;
	int		 y;
	size_t		 i;

	if (!m->loaded || m->generation != s->ui->generation)
		metrics_load(s);
	if (rows <= 0)
		return;
	if (m->error != NULL) {
		ui_color_on(s->ui, w, UI_C_ERROR);
		ui_text(w, y0, 0, cols, m->error, 'l');
		ui_color_off(s->ui, w, UI_C_ERROR);
		return;
	}
	if (m->nblocks == 0) {
		ui_text(w, y0 + rows / 2, 2, cols - 4, _("This model has no "
		    "active endpoints."), 'l');
		return;
	}
	if (m->points == 0) {
		ui_wrap(w, y0 + rows / 2, 2, cols - 4, 2, m->endpoint_id !=
		    NULL ? _("No metric points for this endpoint - sync with "
		    "--metrics (orbrowse sync --metrics).") : _("No metric "
		    "points for this model - sync with --metrics (orbrowse "
		    "sync --metrics)."));
		return;
	}
	if (m->lines_cols < 0)
		metrics_layout(m, cols);
	list_show(&m->list, m->nlines, y0, rows);
	for (y = 0; y < rows; y++) {
		i = m->list.top + (size_t)y;
		if (i >= m->nlines)
			break;
		metrics_draw_line(s, w, y0 + y, cols, &m->lines[i]);
	}
}

/* The line of the next (dir > 0) or previous block's header. */
static void
metrics_jump(struct metrics *m, int dir)
{
	size_t	i;

	if (dir > 0) {
		for (i = m->list.top + 1; i < m->nlines; i++) {
			if (m->lines[i].kind == ML_HEAD) {
				m->list.top = i;
				return;
			}
		}
	} else {
		for (i = m->list.top; i > 0; i--) {
			if (m->lines[i - 1].kind == ML_HEAD) {
				m->list.top = i - 1;
				return;
			}
		}
	}
}

static int
metrics_key(struct screen *s, int key)
{
	struct metrics	*m = s->data;

	if (list_key(&m->list, m->nlines, key == ' ' ? KEY_NPAGE : key))
		return (UI_REDRAW);
	switch (key) {
	case ']':
		metrics_jump(m, 1);
		break;
	case '[':
		metrics_jump(m, -1);
		break;
	case 'b':
		m->show = (enum metrics_show)((m->show + 1) % MS__COUNT);
		m->lines_cols = -1;
		m->list.top = 0;
		break;
	default:
		return (UI_UNHANDLED);
	}
	list_clamp(&m->list, m->nlines);
	return (UI_REDRAW);
}

static int
metrics_tick(struct screen *s)
{
	struct metrics	*m = s->data;

	return (m->generation != s->ui->generation ? UI_REDRAW : UI_NONE);
}

static const char *
metrics_status(struct screen *s)
{
	struct metrics	*m = s->data;

	buf_reset(&m->status);
	if (m->model_key != NULL)
		buf_printf(&m->status, "%s", m->model_key);
	if (m->model_name != NULL)
		buf_printf(&m->status, " (%s)", m->model_name);
	if (m->endpoint_id != NULL)
		buf_printf(&m->status, _("  endpoint %s"), m->endpoint_id);
	else
		buf_printf(&m->status, P_("  %zu endpoint", "  %zu endpoints",
		    m->nblocks), m->nblocks);
	buf_printf(&m->status, P_("  %zu point", "  %zu points", m->points),
	    m->points);
	buf_printf(&m->status, "  %s", _(metrics_show_names[m->show]));
	return (buf_str(&m->status));
}

/* The lines are laid out for a width: again at the next draw. */
static void
metrics_resize(struct screen *s)
{
	struct metrics	*m = s->data;

	m->lines_cols = -1;
}

/* 'y': the endpoint's id, or the model's when the screen shows them all. */
static const char *
metrics_copy(struct screen *s, const char **what)
{
	struct metrics	*m = s->data;

	*what = m->endpoint_id != NULL ? N_("endpoint id") : N_("model id");
	return (m->endpoint_id != NULL ? m->endpoint_id : m->model_key);
}

static const char *
metrics_model(struct screen *s)
{
	struct metrics	*m = s->data;

	return (m->model_key);
}

const struct screen_ops screen_metrics_ops = {
	.name = N_("metrics"),
	.enter = metrics_enter,
	.leave = metrics_leave,
	.key = metrics_key,
	.draw = metrics_draw,
	.resize = metrics_resize,
	.tick = metrics_tick,
	.status = metrics_status,
	.copy = metrics_copy,
	.model = metrics_model,
	.help = metrics_help,
};
