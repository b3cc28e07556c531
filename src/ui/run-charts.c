/*
 * run-charts: the runs screen's panel of charts (see run-charts.h).
 */
#include "config.h"

#include "ui/run-charts.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

enum chart_unit { CU_MS, CU_COUNT, CU_MB };

static const struct {
	const char	*label;		/* N_() */
	enum chart_unit	 unit;
} run_charts[RUN_CHARTS] = {
	{ N_("Duration"), CU_MS },
	{ N_("Requests"), CU_COUNT },
	{ N_("Retries"), CU_COUNT },
	{ N_("MB read"), CU_MB },
	{ N_("MB stored"), CU_MB },
	{ N_("New blobs"), CU_COUNT },
	{ N_("Models"), CU_COUNT },
	{ N_("Endpoints"), CU_COUNT },
	{ N_("Errors"), CU_COUNT },
};

/* Chart k's figure of run r (milliseconds, a count or bytes). */
static double
chart_value(const struct run_info *r, int k)
{
	switch (k) {
	case 0:
		return ((double)(r->ended_at - r->started_at));
	case 1:
		return ((double)r->requests);
	case 2:
		return ((double)r->retries);
	case 3:
		return ((double)r->bytes_raw);
	case 4:
		return ((double)r->bytes_gz);
	case 5:
		return ((double)r->blobs_new);
	case 6:
		return ((double)r->models_done);
	case 7:
		return ((double)r->endpoints_done);
	default:
		return ((double)r->error_count);
	}
}

static void
chart_format(int k, double v, char *out, size_t len)
{
	char	*d;

	switch (run_charts[k].unit) {
	case CU_MS:
		d = clock_format_duration((int64_t)v);
		snprintf(out, len, "%s", d);
		free(d);
		break;
	case CU_MB:
		numfmt_real(v / 1e6, 2, out, len);
		break;
	case CU_COUNT:
		numfmt_count((int64_t)v, out, len);
		break;
	}
}

/* "latest X  min Y  max Z" of chart k over v[0..m) (oldest first). */
static void
chart_stats(int k, const double *v, size_t m, char *out, size_t len)
{
	char	a[32], b[32], c[32];
	double	lo = v[0], hi = v[0];
	size_t	i;

	for (i = 1; i < m; i++) {
		lo = v[i] < lo ? v[i] : lo;
		hi = v[i] > hi ? v[i] : hi;
	}
	chart_format(k, v[m - 1], a, sizeof a);
	chart_format(k, lo, b, sizeof b);
	chart_format(k, hi, c, sizeof c);
	snprintf(out, len, _("latest %s  min %s  max %s"), a, b, c);
}

/* The runs charted: the newest ended ones, at most max, oldest first. */
static const struct run_info **
chart_runs(const struct run_info *runs, size_t n, size_t max, size_t *m)
{
	const struct run_info	**sel;
	size_t			  i, k = 0;

	sel = xcalloc(max > 0 ? max : 1, sizeof *sel);
	for (i = 0; i < n && k < max; i++) {
		if (runs[i].ended_at > 0 &&
		    strcmp(runs[i].status, "running") != 0)
			sel[k++] = &runs[i];
	}
	for (i = 0; i < k / 2; i++) {
		const struct run_info *t = sel[i];

		sel[i] = sel[k - 1 - i];
		sel[k - 1 - i] = t;
	}
	*m = k;
	return (sel);
}

/* The widest label and stats text, for the columns. */
static void
chart_widths(const struct run_info **sel, size_t m, double *v, int *label_w,
    int *stats_w)
{
	char	stats[128];
	size_t	i;
	int	k, w;

	*label_w = *stats_w = 0;
	for (k = 0; k < RUN_CHARTS; k++) {
		if ((w = textwidth_measure(_(run_charts[k].label))) > *label_w)
			*label_w = w;
		for (i = 0; i < m; i++)
			v[i] = chart_value(sel[i], k);
		chart_stats(k, v, m, stats, sizeof stats);
		if ((w = textwidth_measure(stats)) > *stats_w)
			*stats_w = w;
	}
}

int
run_charts_draw(struct ui *ui, WINDOW *win, const struct run_info *runs,
    size_t n, int first, int y0, int rows, int cols)
{
	const struct run_info	**sel;
	double			 *v;
	char			  head[128], stats[128], *spark;
	size_t			  m, i;
	int			  k, y, x, label_w, stats_w, spark_w, drawn = 0;

	if (rows < 1 || cols < 4)
		return (0);
	/* One column per run at most: as many runs as the widest chart. */
	sel = chart_runs(runs, n, (size_t)cols, &m);
	if (m == 0) {
		ui_text(win, y0, 1, cols - 2,
		    _("Charts: no run has ended yet."), 'l');
		free(sel);
		return (0);
	}
	v = xcalloc(m, sizeof *v);
	chart_widths(sel, m, v, &label_w, &stats_w);
	spark_w = cols - 1 - label_w - 2 - 2 - stats_w - 1;
	if (spark_w < 8) {
		/* Too narrow for the figures beside the line: the line only. */
		stats_w = 0;
		spark_w = cols - 1 - label_w - 2 - 1;
	}
	if ((size_t)spark_w < m) {
		free(sel);
		sel = chart_runs(runs, n, (size_t)spark_w, &m);
	}
	spark_w = (int)m;	/* one column per run: the figures follow */
	snprintf(head, sizeof head, _("Last %zu runs, oldest left  "
	    "(Tab: list, charts)"), m);
	ui_color_on(ui, win, UI_C_HEADER);
	ui_text(win, y0, 1, cols - 2, head, 'l');
	ui_color_off(ui, win, UI_C_HEADER);
	for (k = first, y = y0 + 1; k < RUN_CHARTS && y < y0 + rows;
	    k++, y++) {
		for (i = 0; i < m; i++)
			v[i] = chart_value(sel[i], k);
		x = 1;
		ui_text(win, y, x, label_w, _(run_charts[k].label), 'l');
		x += label_w + 2;
		spark = ui_sparkline(ui, v, (int)m, spark_w);
		ui_color_on(ui, win, UI_C_GOOD);
		ui_text(win, y, x, spark_w, spark, 'l');
		ui_color_off(ui, win, UI_C_GOOD);
		free(spark);
		if (stats_w > 0) {
			chart_stats(k, v, m, stats, sizeof stats);
			ui_text(win, y, x + spark_w + 2, stats_w, stats,
			    'l');
		}
		drawn++;
	}
	free(v);
	free(sel);
	return (drawn);
}
