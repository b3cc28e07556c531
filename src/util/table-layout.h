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
 * struct table_columns is a table's choice of columns (the column
 * chooser, `ls --columns`, the config file): which are shown and in which
 * order, by the names the table gives its columns.  A table that takes
 * `--columns a,b,c` needs one call, table_columns_parse(), with its array
 * of names; the chosen columns in display order then come from
 * table_columns_visible().
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

/*
 * The shown column under display column x (a click on a header): its
 * index in c, or -1 over a gap, a hidden column or past the end.
 */
int	 table_layout_at(const struct table_layout_col *, int n, int x);

#define TABLE_COLUMNS_MAX	32

struct table_columns {
	int		n;				/* columns */
	int		order[TABLE_COLUMNS_MAX];	/* display order */
	unsigned char	shown[TABLE_COLUMNS_MAX];	/* by column */
};

/* All n columns shown, in their default order (their index). */
void	 table_columns_init(struct table_columns *, int n);
/*
 * spec is a comma-separated list of the names[0 .. n - 1]: those columns
 * are shown in that order, the others hidden after them in their default
 * order.  Returns 0, or -1 with *cause (caller frees; naming the unknown
 * column and listing the valid names, or a repeated or empty one) and the
 * set untouched.
 */
int	 table_columns_parse(struct table_columns *, const char *const *names,
	    int n, const char *spec, char **cause);
/* The shown columns as "a,b,c"; the caller frees it. */
char	*table_columns_format(const struct table_columns *,
	    const char *const *names);
/* The names as "a, b, c", for messages; the caller frees it. */
char	*table_columns_list(const char *const *names, int n);
/* The shown columns' indexes in display order into out (room for n);
 * returns their number. */
int	 table_columns_visible(const struct table_columns *, int *out);
/* Show or hide the column at display position pos; the last shown
 * column stays.  Returns 1 when it changed. */
int	 table_columns_toggle(struct table_columns *, int pos);
/* Move the column at display position pos by delta places (stopping at
 * the ends); returns its new position. */
int	 table_columns_move(struct table_columns *, int pos, int delta);

#endif
