/*
 * screen-compare: the models marked with Space side by side ('c'), what
 * `orbrowse compare` shows for them: the attributes as rows, the models
 * as columns, every value from project/compare.c (compare_model() and
 * compare_cell()) for the default request shape of `compare`.  The
 * columns are laid out by util/table-layout.c: the labels stay at the
 * left, the model columns shrink to their minimum and then the last
 * marked ones drop; h and l (Left, Right) move the selected model, which
 * scrolls them into view.  H, y, o and * act on the selected model.
 */
#include "config.h"

#include "ui/screens.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/compare.h"
#include "project/cost.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/sanitize.h"
#include "util/table-layout.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

/* A model column's narrowest: an elided id still tells the models
 * apart. */
#define CMP_COL_MIN	18
#define CMP_CELL	160

static const struct ui_keyhelp compare_help[] = {
	{ "Space c", N_("mark models on the endpoints or models screen, then "
	    "compare 2 to 6 of them") },
	{ "h l Left Right", N_("select the model on the left / right (scrolls "
	    "the ones that do not fit)") },
	{ "H", N_("the selected model's history") },
	{ "*", N_("star the selected model (the watchlist)") },
	{ "y o", N_("copy its id, open its page") },
	{ "Esc q", N_("back") },
	{ NULL, NULL }
};

struct cmp_model {
	char			*key;
	struct ep_row		*rows;
	size_t			 n;
	struct model_row	*m;
	size_t			 nm;
	struct compare_col	 col;
};

struct compare {
	struct cmp_model	 mod[COMPARE_MAX];
	size_t			 k;
	int			 dig;	/* $/request digits */
	struct cost_shape	 shape;
	struct cost_extra	 extra;
	size_t			 cur;	/* the selected model */
	int			 skip;	/* model columns scrolled out */
	int			 more;	/* TABLE_LAYOUT_* of the last draw */
	uint64_t		 generation;
	char			*error;
	struct buf		 status;
};

static void
compare_free_models(struct compare *d)
{
	size_t	i;

	for (i = 0; i < d->k; i++) {
		ep_row_list_free(d->mod[i].rows, d->mod[i].n);
		model_row_list_free(d->mod[i].m, d->mod[i].nm);
		d->mod[i].rows = NULL;
		d->mod[i].m = NULL;
		d->mod[i].n = d->mod[i].nm = 0;
	}
}

/* Each model's rows and column, as `orbrowse compare` loads them;
 * 0, or -1 with d->error. */
static int
compare_load(struct ui *ui, struct compare *d)
{
	struct cmp_model	*c;
	double			 req[COMPARE_MAX];
	char			*cause = NULL;
	size_t			 i;

	compare_free_models(d);
	free(d->error);
	d->error = NULL;
	d->generation = ui->generation;
	for (i = 0; i < d->k; i++) {
		c = &d->mod[i];
		if (store_endpoint_load_model(ui->store, c->key, &c->rows,
		    &c->n, &cause) != 0 || store_model_list(ui->store, c->key,
		    &c->m, &c->nm, &cause) != 0) {
			d->error = cause;
			return (-1);
		}
		compare_model(c->key, c->nm > 0 ? &c->m[0] : NULL, c->rows,
		    c->n, &d->shape, &d->extra, &c->col);
		req[i] = c->col.cost_request;
	}
	d->dig = numfmt_digits(req, d->k, 1);
	return (0);
}

void *
screen_compare_new(struct ui *ui, const struct screen_arg *arg)
{
	struct compare	*d;
	size_t		 i;

	(void)arg;
	if (ui->nmarks < COMPARE_MIN || ui->nmarks > COMPARE_MAX) {
		ui_message(ui, 1, _("compare: mark %d to %d models with Space "
		    "(%zu marked)"), COMPARE_MIN, COMPARE_MAX, ui->nmarks);
		return (NULL);
	}
	d = xcalloc(1, sizeof *d);
	/* `compare`'s default shape: the time-window prices of now. */
	cost_shape_init(&d->shape);
	cost_extra_init(&d->extra);
	d->extra.utc_minute = (int)(clock_now_ms() / 60000 % 1440);
	d->k = ui->nmarks;
	for (i = 0; i < d->k; i++)
		d->mod[i].key = xstrdup(ui->marks[i]);
	if (compare_load(ui, d) != 0) {
		ui_message(ui, 1, _("compare: %s"), d->error);
		compare_free_models(d);
		for (i = 0; i < d->k; i++)
			free(d->mod[i].key);
		free(d->error);
		free(d);
		return (NULL);
	}
	return (d);
}

static void
compare_leave(struct screen *s)
{
	struct compare	*d = s->data;
	size_t		 i;

	compare_free_models(d);
	for (i = 0; i < d->k; i++)
		free(d->mod[i].key);
	free(d->error);
	buf_free(&d->status);
	free(d);
}

/* The models' headers: their public ids, sanitised. */
static char **
compare_ids(const struct compare *d)
{
	char	**ids;
	size_t	  i;

	ids = xcalloc(d->k, sizeof *ids);
	for (i = 0; i < d->k; i++)
		ids[i] = sanitize_text(d->mod[i].col.model_id != NULL ?
		    d->mod[i].col.model_id : d->mod[i].key, 512);
	return (ids);
}

/* Lay out the label column and the model columns in cols less a margin
 * on each side (the scroll marks); the selected
 * model is kept in view.  lay[0] is the labels, lay[1 + i] model i. */
static void
compare_layout(struct compare *d, char **ids, int cols,
    struct table_layout_col *lay)
{
	char	cell[CMP_CELL];
	size_t	i;
	int	r, w;

	memset(lay, 0, (d->k + 1) * sizeof *lay);
	lay[0].pinned = 1;
	for (r = 0; r < COMPARE_NROWS; r++)
		if ((w = textwidth_measure(compare_label(r))) > lay[0].want)
			lay[0].want = w;
	for (i = 0; i < d->k; i++) {
		lay[i + 1].want = textwidth_measure(ids[i]);
		lay[i + 1].min = CMP_COL_MIN;
		lay[i + 1].prio = 1 + (int)i;
		for (r = 0; r < COMPARE_NROWS; r++) {
			w = textwidth_measure(compare_cell(&d->mod[i].col,
			    d->mod[i].rows, r, d->dig, cell, sizeof cell));
			if (w > lay[i + 1].want)
				lay[i + 1].want = w;
		}
		if (lay[i + 1].min > lay[i + 1].want)
			lay[i + 1].min = 0;
	}
	if (d->skip > (int)d->cur)
		d->skip = (int)d->cur;
	for (;;) {
		d->more = table_layout_fit(lay, (int)d->k + 1, cols - 3, 2,
		    d->skip);
		if (lay[d->cur + 1].width > 0 || d->skip >= (int)d->cur)
			break;
		d->skip++;
	}
}

static void
compare_draw_header(struct screen *s, WINDOW *w, int y, char **ids,
    const struct table_layout_col *lay, int cols)
{
	struct compare	*d = s->data;
	const char	**shown;
	char		 *h;
	size_t		  i;

	shown = xcalloc(d->k, sizeof *shown);
	for (i = 0; i < d->k; i++)
		shown[i] = ids[i];
	ui_color_on(s->ui, w, UI_C_HEADER);
	mvwhline(w, y, 0, ' ', cols);
	ui_color_off(s->ui, w, UI_C_HEADER);
	for (i = 0; i < d->k; i++) {
		if (lay[i + 1].width == 0)
			continue;
		/* Shortened alike, so that two never read the same. */
		h = table_layout_elide(shown, d->k, i, lay[i + 1].width);
		ui_color_on(s->ui, w, i == d->cur ? UI_C_SELECT :
		    UI_C_HEADER);
		ui_text(w, y, lay[i + 1].x + 1, lay[i + 1].width, h, 'r');
		ui_color_off(s->ui, w, i == d->cur ? UI_C_SELECT :
		    UI_C_HEADER);
		free(h);
	}
	free(shown);
}

static void
compare_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct compare		*d = s->data;
	struct table_layout_col	 lay[COMPARE_MAX + 1];
	char			**ids, cell[CMP_CELL], line[160];
	double			 p, c;
	size_t			 i;
	int			 r, y;

	if (d->generation != s->ui->generation)
		(void)compare_load(s->ui, d);
	if (d->error != NULL) {
		ui_text_color(s->ui, w, y0, 1, cols - 2, d->error, UI_C_ERROR);
		return;
	}
	cost_shape_tokens(&d->shape, &p, &c);
	snprintf(line, sizeof line, _("One request: %.0f prompt and %.0f "
	    "completion tokens (as orbrowse compare)"), p, c);
	ui_text_color(s->ui, w, y0, 1, cols - 2, line, UI_C_DIM);
	if (rows < 3)
		return;
	ids = compare_ids(d);
	compare_layout(d, ids, cols, lay);
	compare_draw_header(s, w, y0 + 2, ids, lay, cols);
	for (r = 0, y = y0 + 3; r < COMPARE_NROWS && y < y0 + rows; r++,
	    y++) {
		ui_text(w, y, lay[0].x + 1, lay[0].width, compare_label(r),
		    'l');
		for (i = 0; i < d->k; i++) {
			if (lay[i + 1].width == 0)
				continue;
			ui_text(w, y, lay[i + 1].x + 1, lay[i + 1].width,
			    compare_cell(&d->mod[i].col, d->mod[i].rows, r,
			    d->dig, cell, sizeof cell), 'r');
		}
	}
	/* Columns scrolled out or dropped: an arrow on their side. */
	if (d->more & TABLE_LAYOUT_LEFT)
		ui_text(w, y0 + 2, 0, 1, "<", 'l');
	if (d->more & (TABLE_LAYOUT_RIGHT | TABLE_LAYOUT_DROPPED))
		ui_text(w, y0 + 2, cols - 1, 1, ">", 'l');
	for (i = 0; i < d->k; i++)
		free(ids[i]);
	free(ids);
}

static int
compare_key(struct screen *s, int key)
{
	struct compare	*d = s->data;

	switch (key) {
	case 'h':
	case KEY_LEFT:
		if (d->cur > 0)
			d->cur--;
		return (UI_REDRAW);
	case 'l':
	case KEY_RIGHT:
		if (d->cur + 1 < d->k)
			d->cur++;
		return (UI_REDRAW);
	case 'c':
		/* Already here: nothing to open again. */
		return (UI_NONE);
	default:
		return (UI_UNHANDLED);
	}
}

static const char *
compare_status(struct screen *s)
{
	struct compare	*d = s->data;

	buf_reset(&d->status);
	buf_printf(&d->status, _("%zu models compared; selected %zu: %s"),
	    d->k, d->cur + 1, d->mod[d->cur].key);
	return (buf_str(&d->status));
}

/* H, o, *: the selected model. */
static const char *
compare_model_key(struct screen *s)
{
	struct compare	*d = s->data;

	return (d->mod[d->cur].key);
}

static const char *
compare_copy(struct screen *s, const char **what)
{
	struct compare	*d = s->data;

	*what = N_("model id");
	return (d->mod[d->cur].col.model_id != NULL ?
	    d->mod[d->cur].col.model_id : d->mod[d->cur].key);
}

const struct screen_ops screen_compare_ops = {
	.name = N_("compare"),
	.leave = compare_leave,
	.key = compare_key,
	.draw = compare_draw,
	.status = compare_status,
	.copy = compare_copy,
	.model = compare_model_key,
	.help = compare_help,
};
