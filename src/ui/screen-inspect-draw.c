/*
 * screen-inspect-draw: the drawing of the snapshot inspector
 * (screen-inspect.c): the header, the document's lines laid out by
 * json-lines with their fold marks, colours and notes, the diff's
 * operations as lines, the cause of a snapshot that cannot be shown, and
 * the status line.  Every piece of network text goes through
 * inspect_put(), which sanitizes it and clips it to the row.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "codec/json-diff.h"
#include "codec/json-lines.h"
#include "store/store-history.h"
#include "ui/list.h"
#include "ui/screen-inspect-private.h"
#include "ui/screens.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

#define INSPECT_INDENT	2	/* columns per nesting level */
#define INSPECT_GUTTER	2	/* the fold marker's columns */

/* What is drawn on one row: a clipped run of pieces at virtual columns. */
struct inspect_row {
	struct ui	*ui;
	WINDOW		*w;
	int		 y;
	int		 x0, width;	/* the part of the row we own */
	int		 hs;		/* virtual columns scrolled off */
	int		 vx;		/* the next piece's virtual column */
};

/* Draw len bytes of untrusted text as the next piece of the row. */
static void
inspect_put(struct inspect_row *r, const char *text, size_t len,
    enum ui_color c)
{
	char		*piece, *clean;
	const char	*p;
	size_t		 clen;
	int		 w, skip, cw, x;

	if (r->vx >= r->hs + r->width)
		return;
	piece = xstrndup(text, len);
	clean = sanitize_text(piece, JSON_LINES_TEXT_MAX * 2);
	free(piece);
	w = textwidth_measure(clean);
	if (r->vx + w <= r->hs) {
		r->vx += w;
		free(clean);
		return;
	}
	/* Skip the columns scrolled off to the left. */
	p = clean;
	skip = r->hs - r->vx;
	x = r->vx;
	while (skip > 0 && *p != '\0') {
		if ((cw = textwidth_char(p, &clen)) < 0)
			cw = 1;
		p += clen;
		skip -= cw;
		x += cw;
	}
	/* A wide character cut by the left edge leaves a blank (x has
	 * moved past the edge). */
	ui_color_on(r->ui, r->w, c);
	if (x < r->hs + r->width)
		ui_text(r->w, r->y, r->x0 + (x - r->hs),
		    r->hs + r->width - x, p, 'l');
	ui_color_off(r->ui, r->w, c);
	r->vx += w;
	free(clean);
}

static enum ui_color
inspect_color(enum jl_class cls)
{
	switch (cls) {
	case JL_C_KEY:
		return (UI_C_KEY);
	case JL_C_STRING:
		return (UI_C_STRING);
	case JL_C_NUMBER:
		return (UI_C_NUMBER);
	case JL_C_DIM:
		return (UI_C_DIM);
	case JL_C_PUNCT:
		break;
	}
	return (UI_C_NORMAL);
}

const char *
inspect_ellipsis(const struct ui *ui)
{
	return (ui->utf8 ? "\xe2\x80\xa6" : "...");
}

/* The note after a folded, too deep or cut line (ours, not the network's). */
static char *
inspect_note(const struct jl_line *l)
{
	int	obj = l->value != NULL && json_is_object(l->value);

	switch (l->kind) {
	case JL_OPEN:
		if (!l->folded)
			return (NULL);
		/* FALLTHROUGH */
	case JL_DEEP:
		if (obj)
			return (xasprintf(P_("%zu key", "%zu keys", l->count),
			    l->count));
		return (xasprintf(P_("%zu item", "%zu items", l->count),
		    l->count));
	case JL_MORE:
		return (xasprintf(P_("%zu more member not shown (document too "
		    "large)", "%zu more members not shown (document too "
		    "large)", l->count), l->count));
	case JL_CLOSE:
	case JL_SCALAR:
		break;
	}
	return (NULL);
}

static void
inspect_draw_json(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct inspect		*in = s->data;
	struct inspect_view	*v = &in->view[INSPECT_JSON];
	struct inspect_row	 r;
	const struct jl_line	*l;
	const char		*mark, *deep;
	char			*note;
	size_t			 row, idx;
	int			 y, i, sel;

	list_show(&v->list, in->jl->nvis, y0, rows);
	for (y = 0; y < rows; y++) {
		row = v->list.top + (size_t)y;
		if (row >= in->jl->nvis)
			break;
		idx = in->jl->vis[row];
		l = &in->jl->line[idx];
		sel = row == v->list.cur;
		if (sel) {
			ui_color_on(s->ui, w, UI_C_SELECT);
			mvwhline(w, y0 + y, 0, ' ', cols);
		}
		mark = "  ";
		if (l->kind == JL_OPEN)
			mark = l->folded ? (s->ui->utf8 ? "\xe2\x96\xb8 " :
			    "+ ") : (s->ui->utf8 ? "\xe2\x96\xbe " : "- ");
		mvwaddstr(w, y0 + y, 0, mark);
		memset(&r, 0, sizeof r);
		r.ui = s->ui;
		r.w = w;
		r.y = y0 + y;
		r.x0 = INSPECT_GUTTER;
		r.width = cols - INSPECT_GUTTER;
		r.hs = v->hs;
		r.vx = l->depth * INSPECT_INDENT;
		json_lines_text(in->jl, idx, inspect_ellipsis(s->ui),
		    &in->text);
		for (i = 0; i < in->text.nseg; i++)
			inspect_put(&r, in->text.buf.data +
			    in->text.seg[i].off, in->text.seg[i].len, sel ?
			    UI_C_NORMAL : inspect_color(in->text.seg[i].cls));
		if ((note = inspect_note(l)) != NULL) {
			r.vx++;
			inspect_put(&r, note, strlen(note), sel ? UI_C_NORMAL :
			    UI_C_DIM);
			free(note);
		}
		if (l->kind == JL_DEEP) {
			r.vx++;
			deep = _("(nested too deep to show)");
			inspect_put(&r, deep, strlen(deep), sel ? UI_C_NORMAL :
			    UI_C_DIM);
		}
		if (sel)
			ui_color_off(s->ui, w, UI_C_SELECT);
	}
}

static enum ui_color
inspect_op_color(enum json_diff_kind op)
{
	switch (op) {
	case JSON_DIFF_ADD:
		return (UI_C_GOOD);
	case JSON_DIFF_REMOVE:
		return (UI_C_ERROR);
	case JSON_DIFF_REPLACE:
		break;
	}
	return (UI_C_WARN);
}

/*
 * A JSON Pointer as text: keys are raw network text, so their control
 * characters are written as \u escapes like those in the values.
 */
static void
inspect_path_text(const char *path, struct buf *b)
{
	struct buf	 t = BUF_INIT;
	const char	*p;

	if (*path == '\0') {
		buf_addstr(b, "\"\"");
		return;
	}
	for (p = path; *p != '\0'; p++) {
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			buf_printf(&t, "\\u%04x", (unsigned char)*p);
		else
			buf_addch(&t, *p);
	}
	json_lines_safe(b, buf_str(&t));
	buf_free(&t);
}

/* One operation as a line: replace /a/b "old" -> "new". */
void
inspect_op_text(const struct ui *ui, const struct json_diff_op *o,
    struct buf *b)
{
	buf_reset(b);
	buf_printf(b, "%-7s ", json_diff_op_name(o->op));
	inspect_path_text(o->path, b);
	if (o->old_text != NULL) {
		buf_addch(b, ' ');
		json_lines_safe(b, o->old_text);
	}
	if (o->old_text != NULL && o->new_text != NULL)
		buf_addstr(b, ui->utf8 ? " \xe2\x86\x92" : " ->");
	if (o->new_text != NULL) {
		buf_addch(b, ' ');
		json_lines_safe(b, o->new_text);
	}
}

static void
inspect_draw_diff(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct inspect		*in = s->data;
	struct inspect_view	*v = &in->view[INSPECT_DIFF];
	struct inspect_row	 r;
	size_t			 row;
	int			 y, sel;

	if (in->nops == 0) {
		ui_text(w, y0, 2, cols - 4, _("The two snapshots hold the "
		    "same JSON."), 'l');
		return;
	}
	list_show(&v->list, in->nops, y0, rows);
	for (y = 0; y < rows; y++) {
		row = v->list.top + (size_t)y;
		if (row >= in->nops)
			break;
		sel = row == v->list.cur;
		if (sel) {
			ui_color_on(s->ui, w, UI_C_SELECT);
			mvwhline(w, y0 + y, 0, ' ', cols);
		}
		inspect_op_text(s->ui, &in->ops[row], &in->text.buf);
		memset(&r, 0, sizeof r);
		r.ui = s->ui;
		r.w = w;
		r.y = y0 + y;
		r.x0 = INSPECT_GUTTER;
		r.width = cols - INSPECT_GUTTER;
		r.hs = v->hs;
		inspect_put(&r, in->text.buf.data, in->text.buf.len, sel ?
		    UI_C_NORMAL : inspect_op_color(in->ops[row].op));
		if (sel)
			ui_color_off(s->ui, w, UI_C_SELECT);
	}
}

void
inspect_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct inspect	*in = s->data;
	struct buf	 head = BUF_INIT;
	const char	*h1, *h2;
	int		 y;

	if (rows < 2)
		return;
	if (in->mode == INSPECT_DIFF) {
		buf_printf(&head, P_("%zu change from run %lld (%.12s) to run "
		    "%lld (%.12s)", "%zu changes from run %lld (%.12s) to run "
		    "%lld (%.12s)", in->nops), in->nops,
		    (long long)in->diff_old.run_id, in->diff_old.hash,
		    (long long)in->diff_new.run_id, in->diff_new.hash);
		if (in->ops_cut)
			buf_printf(&head, _(" (only the first %d)"),
			    JSON_DIFF_MAX_OPS);
	} else {
		if (in->endpoint_id != NULL) {
			h1 = _("endpoint");
			h2 = in->endpoint_id;
		} else {
			h1 = _("model");
			h2 = in->model_key;
		}
		buf_printf(&head, "%s %s", h1, h2);
		if (in->endpoint_id != NULL)
			buf_printf(&head, _(" of model %s"), in->model_key);
		else if (strcmp(in->kind, "catalogue") == 0)
			buf_addstr(&head, _(" (catalogue entry)"));
		else
			buf_addstr(&head, _(" (v1 model object)"));
	}
	ui_color_on(s->ui, w, UI_C_HEADER);
	mvwhline(w, y0, 0, ' ', cols);
	ui_text(w, y0, 0, cols, buf_str(&head), 'l');
	ui_color_off(s->ui, w, UI_C_HEADER);
	buf_free(&head);

	if (in->mode == INSPECT_DIFF) {
		inspect_draw_diff(s, w, y0 + 1, rows - 1, cols);
		return;
	}
	if (in->root == NULL) {
		if (rows < 4)
			return;
		ui_color_on(s->ui, w, UI_C_ERROR);
		ui_text(w, y0 + 2, 2, cols - 4, _("This snapshot cannot be "
		    "shown:"), 'l');
		ui_color_off(s->ui, w, UI_C_ERROR);
		y = 3 + ui_wrap(w, y0 + 3, 2, cols - 4, rows - 5,
		    in->error);
		if (y + 1 < rows)
			ui_wrap(w, y0 + y + 1, 2, cols - 4, 2, _("[ and ] "
			    "show the other runs' snapshots."));
		return;
	}
	inspect_draw_json(s, w, y0 + 1, rows - 1, cols);
}

const char *
inspect_status(struct screen *s)
{
	struct inspect		*in = s->data;
	const struct snap_hist	*h = &in->hist[in->at];
	struct tm		 tm;
	time_t			 t;
	char			 when[32] = "";

	buf_reset(&in->status);
	buf_printf(&in->status, _("run %zu of %zu"), in->at + 1, in->nhist);
	if (h->started_at > 0) {
		t = (time_t)(h->started_at / 1000);
		if (localtime_r(&t, &tm) != NULL)
			strftime(when, sizeof when, "%Y-%m-%d %H:%M", &tm);
	}
	buf_printf(&in->status, _(" (#%lld %s)  hash %.12s"),
	    (long long)h->run_id, when, h->hash);
	if (in->mode == INSPECT_DIFF)
		buf_printf(&in->status, P_("  diff: %zu change",
		    "  diff: %zu changes", in->nops), in->nops);
	if (in->search != NULL)
		buf_printf(&in->status, _("  search: %s"), in->search);
	return (buf_str(&in->status));
}
