/*
 * ui-panel: a boxed list over a screen (column chooser, sort menu).
 */
#include "config.h"

#include "ui/ui-panel.h"

#include "util/textwidth.h"

/* Draw the frame of a box h lines by w columns at (y, x). */
static void
ui_panel_box(WINDOW *win, int y, int x, int h, int w)
{
	int	i;

	for (i = 0; i < h; i++)
		mvwhline(win, y + i, x, ' ', w);
	mvwhline(win, y, x + 1, ACS_HLINE, w - 2);
	mvwhline(win, y + h - 1, x + 1, ACS_HLINE, w - 2);
	mvwvline(win, y + 1, x, ACS_VLINE, h - 2);
	mvwvline(win, y + 1, x + w - 1, ACS_VLINE, h - 2);
	mvwaddch(win, y, x, ACS_ULCORNER);
	mvwaddch(win, y, x + w - 1, ACS_URCORNER);
	mvwaddch(win, y + h - 1, x, ACS_LLCORNER);
	mvwaddch(win, y + h - 1, x + w - 1, ACS_LRCORNER);
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
	ui_panel_box(win, y, x, h, w);
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
