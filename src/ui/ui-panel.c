/*
 * ui-panel: a boxed list over a screen (column chooser, sort menu).
 */
#include "config.h"

#include "ui/ui-panel.h"

#include "util/textwidth.h"

/*
 * Draw the frame of a box h lines by w columns at (y, x): box-drawing
 * characters in a UTF-8 locale, ASCII otherwise.
 */
static void
ui_panel_box(const struct ui *ui, WINDOW *win, int y, int x, int h, int w)
{
	static const char *const utf8[] = { "\xe2\x94\x80", "\xe2\x94\x82",
	    "\xe2\x94\x8c", "\xe2\x94\x90", "\xe2\x94\x94",
	    "\xe2\x94\x98" };			/* ─ │ ┌ ┐ └ ┘ */
	static const char *const ascii[] = { "-", "|", "+", "+", "+", "+" };
	const char *const	*g = ui->utf8 ? utf8 : ascii;
	int			 i;

	for (i = 0; i < h; i++) {
		mvwhline(win, y + i, x, ' ', w);
		mvwaddstr(win, y + i, x, i == 0 ? g[2] : i == h - 1 ? g[4] :
		    g[1]);
		mvwaddstr(win, y + i, x + w - 1, i == 0 ? g[3] :
		    i == h - 1 ? g[5] : g[1]);
	}
	for (i = 1; i < w - 1; i++) {
		mvwaddstr(win, y, x + i, g[0]);
		mvwaddstr(win, y + h - 1, x + i, g[0]);
	}
}

void
ui_panel_draw(struct ui *ui, WINDOW *win, int y0, int rows, int cols,
    const char *title, const char *const *lines, size_t n, struct list *l,
    const char *hint)
{
	size_t	i;
	int	w, h, x, y, want, shown;

	want = textwidth_measure(title) + 4;
	if (textwidth_measure(hint) + 4 > want)
		want = textwidth_measure(hint) + 4;
	for (i = 0; i < n; i++) {
		if (textwidth_measure(lines[i]) + 4 > want)
			want = textwidth_measure(lines[i]) + 4;
	}
	w = want < cols ? want : cols;
	/* The lines, the hint and the two edges. */
	h = (int)n + 3 < rows ? (int)n + 3 : rows;
	if (w < 6 || h < 4)
		return;
	x = (cols - w) / 2;
	y = y0 + (rows - h) / 2;
	shown = h - 3;
	list_show(l, n, y + 1, shown);
	ui_panel_box(ui, win, y, x, h, w);
	ui_color_on(ui, win, UI_C_HEADER);
	ui_text(win, y, x + 2, w - 4, title, 'l');
	ui_color_off(ui, win, UI_C_HEADER);
	for (i = 0; i < (size_t)shown && l->top + i < n; i++) {
		if (l->top + i == l->cur) {
			ui_color_on(ui, win, UI_C_SELECT);
			mvwhline(win, y + 1 + (int)i, x + 1, ' ', w - 2);
		}
		ui_text(win, y + 1 + (int)i, x + 2, w - 4, lines[l->top + i],
		    'l');
		if (l->top + i == l->cur)
			ui_color_off(ui, win, UI_C_SELECT);
	}
	ui_color_on(ui, win, UI_C_DIM);
	ui_text(win, y + h - 2, x + 2, w - 4, hint, 'l');
	ui_color_off(ui, win, UI_C_DIM);
}
