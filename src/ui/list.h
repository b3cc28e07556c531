/*
 * list: a cursor over n rows seen through a window of a few rows -- the
 * keys every list screen shares (j k and the arrows, PgUp PgDn, g G Home
 * End) and the mouse (a click selects a row, the wheel moves), and keeping
 * the cursor in the window.
 *
 * A struct list lives in its screen's data (zeroed is a valid list at the
 * first row) and owns nothing; the rows themselves stay the screen's, which
 * passes their count n to every call.  The screen calls list_show() as it
 * draws (where the window is, how many rows it has) and hands its keys to
 * list_key() first.  PgUp and PgDn move by the window's rows less one,
 * taken from the last list_show().
 *
 * With LIST_PAGER there is no cursor: the keys scroll the window over a
 * text to read, which never leaves blank rows at its end.
 */
#ifndef ORBROWSE_LIST_H
#define ORBROWSE_LIST_H

#include <stddef.h>

#include <curses.h>

#define LIST_PAGER	0x1	/* no cursor: the keys scroll the window */
#define LIST_FILL	0x2	/* no blank rows at the end while rows above
				 * are out of the window */
#define LIST_PAGE_VIEW	0x4	/* PgUp and PgDn move the window by a page
				 * too, the cursor keeping its place in it */

struct list {
	size_t	cur;		/* the cursor's row */
	size_t	top;		/* the first row in the window */
	int	y0;		/* the window's first screen line */
	int	rows;		/* the window's rows */
	int	page;		/* rows PgUp and PgDn move */
	int	flags;		/* LIST_* */
};

/*
 * Handle key (KEY_MOUSE included) over n rows; 1 when it was one of the
 * list's keys (the screen draws again), 0 when the screen has it.
 */
int	list_key(struct list *, size_t n, int key);
/* A mouse event over n rows; 1 when it was in the window or the wheel. */
int	list_mouse(struct list *, size_t n, const MEVENT *);
/*
 * The window is rows lines from screen line y0: keep the cursor in it
 * (and, with LIST_FILL or LIST_PAGER, the end of the rows at its bottom).
 * Sets page to rows - 1; a screen that pages otherwise sets it after.
 */
void	list_show(struct list *, size_t n, int y0, int rows);
/* The same for the window of the last list_show(), after the screen moved
 * the cursor or the window itself. */
void	list_clamp(struct list *, size_t n);

#endif
