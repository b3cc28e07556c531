/*
 * ui-panel: a box drawn over a screen's body that lists a few lines with a
 * cursor -- the column chooser and the sort menu of a table screen.
 *
 * The caller owns the lines and the struct list of the cursor (ui/list.h,
 * whose keys move it); ui_panel_draw() draws lines[0 .. n - 1] (text, not
 * from the network) in a box centred in the body (y0, rows, cols) with a
 * title on its top edge and a one-line hint of its keys under the lines,
 * the cursor's line highlighted.
 */
#ifndef ORBROWSE_UI_PANEL_H
#define ORBROWSE_UI_PANEL_H

#include <stddef.h>

#include "ui/list.h"
#include "ui/ui.h"

void	ui_panel_draw(struct ui *, WINDOW *, int y0, int rows, int cols,
	    const char *title, const char *const *lines, size_t n,
	    struct list *, const char *hint);

#endif
