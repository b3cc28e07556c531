/*
 * table-layout: which columns of a table fit a width, how wide each is,
 * and how a long identifier is shortened -- the one layout every table
 * shares: the UI's table screens and `orbrowse ls` (and the other CLI
 * tables) on a terminal.
 *
 * The caller describes its columns in display order (struct
 * table_layout_col): how wide the content wants to be (the widest cell of
 * the rows on screen, and the header), how narrow it may be cut, and how
 * important it is.  table_layout_fit() drops the least important columns
 * until the rest fit at their minimum, then gives each column its wanted
 * width and narrows the widest cuttable column first, one column at a
 * time, while the row is too wide: a narrow column is never cut while a
 * wider one has room to give.  Horizontal scrolling hides the first
 * `skip` unpinned columns and makes the next one stay whatever its
 * priority, so that every column is reachable.
 *
 * table_layout_elide() shortens an identifier where it says least: first
 * the vendor prefix ("vendor/") that a neighbour shares, then the middle,
 * keeping the head and the tail (the version); and chooses where to cut
 * so that it never reads like another identifier shown with it.
 *
 * Pure: no curses, no I/O.  The columns are the caller's; fit() writes
 * only their x and width.  Widths are display columns (util/textwidth.h).
 */
#ifndef ORBROWSE_TABLE_LAYOUT_H
#define ORBROWSE_TABLE_LAYOUT_H

#include <stddef.h>

struct table_layout_col {
	/* Set by the caller. */
	int	want;		/* the widest cell, header included */
	int	min;		/* cut to no less; 0: never cut (min = want) */
	int	prio;		/* 0 the most important; the highest drops
				 * first */
	int	pinned;		/* stays at the left when scrolled */
	int	spare;		/* shown only where no more important
				 * unpinned column is cut for it */
	/* Set by table_layout_fit(). */
	int	x;		/* the first column of the cell */
	int	width;		/* 0: not shown */
};

/* What table_layout_fit() returns, or-ed. */
#define TABLE_LAYOUT_LEFT	0x1	/* columns scrolled out on the left */
#define TABLE_LAYOUT_RIGHT	0x2	/* columns hidden that scrolling
					 * right reveals */
#define TABLE_LAYOUT_DROPPED	0x4	/* some column is not shown */

/*
 * Lay out n columns in width display columns with gap columns between
 * cells, the first skip unpinned columns scrolled out.  Returns the
 * TABLE_LAYOUT_* bits.
 */
int	 table_layout_fit(struct table_layout_col *, int n, int width,
	    int gap, int skip);
/* The number of unpinned columns: how far skip can go. */
int	 table_layout_unpinned(const struct table_layout_col *, int n);

/*
 * ids[i] in at most width columns: whole when it fits; else without its
 * vendor prefix when another of the n ids (those shown with it: the
 * neighbours) shares it and no other id then reads the same; and if still
 * too long, its head and tail around TEXTWIDTH_CUT, cut where no other id
 * has the same head and tail.  The caller frees the result.
 */
char	*table_layout_elide(const char *const *ids, size_t n, size_t i,
	    int width);

#endif
