/*
 * list: the cursor and window of a list screen, and the keys that move
 * them.
 */
#include "config.h"

#include "ui/list.h"

/* Rows the mouse wheel moves. */
#define LIST_WHEEL	3

static size_t
list_last(size_t n)
{
	return (n > 0 ? n - 1 : 0);
}

/* The window's rows, at least one. */
static size_t
list_rows(const struct list *l)
{
	return (l->rows > 0 ? (size_t)l->rows : 1);
}

/* Keep the window's end at the last row (LIST_FILL, LIST_PAGER). */
static void
list_fill(struct list *l, size_t n)
{
	size_t	rows = list_rows(l);

	if (l->top + rows > n)
		l->top = n > rows ? n - rows : 0;
}

/* Move by delta rows (negative: up), stopping at the ends. */
static void
list_move(struct list *l, size_t n, long delta)
{
	size_t	*at = l->flags & LIST_PAGER ? &l->top : &l->cur;
	size_t	 step = (size_t)(delta < 0 ? -delta : delta);

	/* Keys typed ahead arrive before the next draw, and the rows may
	 * have become fewer since the last. */
	if (!(l->flags & LIST_PAGER) && l->cur >= n)
		l->cur = list_last(n);
	if (delta < 0)
		*at = *at > step ? *at - step : 0;
	else if (l->flags & LIST_PAGER)
		*at += step;
	else
		*at = *at + step < n ? *at + step : list_last(n);
}

static void
list_page(struct list *l, size_t n, int down)
{
	long	page = l->page > 1 ? l->page : 1;

	list_move(l, n, down ? page : -page);
	if ((l->flags & (LIST_PAGE_VIEW | LIST_PAGER)) == LIST_PAGE_VIEW) {
		if (down)
			l->top += (size_t)page;
		else
			l->top = l->top > (size_t)page ? l->top - (size_t)page :
			    0;
	}
}

int
list_mouse(struct list *l, size_t n, const MEVENT *m)
{
	size_t	row;

	if (m->bstate & BUTTON4_PRESSED)
		list_move(l, n, -LIST_WHEEL);
#ifdef BUTTON5_PRESSED
	else if (m->bstate & BUTTON5_PRESSED)
		list_move(l, n, LIST_WHEEL);
#endif
	else if (m->y >= l->y0 && m->y < l->y0 + l->rows) {
		row = l->top + (size_t)(m->y - l->y0);
		if (!(l->flags & LIST_PAGER) && row < n)
			l->cur = row;
	} else
		return (0);
	if (l->flags & LIST_PAGER)
		list_fill(l, n);
	return (1);
}

int
list_key(struct list *l, size_t n, int key)
{
	MEVENT	m;

	switch (key) {
	case KEY_UP:
	case 'k':
		list_move(l, n, -1);
		break;
	case KEY_DOWN:
	case 'j':
		list_move(l, n, 1);
		break;
	case KEY_PPAGE:
		list_page(l, n, 0);
		break;
	case KEY_NPAGE:
		list_page(l, n, 1);
		break;
	case KEY_HOME:
	case 'g':
		l->cur = l->top = 0;
		break;
	case KEY_END:
	case 'G':
		if (l->flags & LIST_PAGER)
			l->top = n;
		else
			l->cur = list_last(n);
		break;
	case KEY_MOUSE:
		return (getmouse(&m) == OK && list_mouse(l, n, &m));
	default:
		return (0);
	}
	if (l->flags & LIST_PAGER)
		list_fill(l, n);
	return (1);
}

void
list_clamp(struct list *l, size_t n)
{
	size_t	shown = list_rows(l);

	if (l->flags & LIST_PAGER) {
		list_fill(l, n);
		return;
	}
	if (l->cur >= n)
		l->cur = list_last(n);
	if (l->cur < l->top)
		l->top = l->cur;
	else if (l->cur >= l->top + shown)
		l->top = l->cur - shown + 1;
	if (l->flags & LIST_FILL)
		list_fill(l, n);
}

void
list_show(struct list *l, size_t n, int y0, int rows)
{
	l->y0 = y0;
	l->rows = rows;
	l->page = rows > 2 ? rows - 1 : 1;
	list_clamp(l, n);
}
