/*
 * screen-endpoints-private: what the endpoints screen's two files share and
 * nobody else sees: the screen's state (struct endpoints), the table of its
 * columns and the calls between them.  Not for use outside
 * screen-endpoints.c and screen-endpoints-draw.c.
 *
 * screen-endpoints.c loads, filters and sorts the rows and handles the
 * keys; screen-endpoints-draw.c lays the shown columns out and draws the
 * table and its panels.  Every call here works on the struct endpoints of
 * a screen (s->data) that screen-endpoints.c owns; pointers passed in are
 * borrowed for the call.
 */
#ifndef ORBROWSE_UI_SCREEN_ENDPOINTS_PRIVATE_H
#define ORBROWSE_UI_SCREEN_ENDPOINTS_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "project/endpoint-sort.h"
#include "project/filter.h"
#include "ui/list.h"
#include "ui/screens.h"
#include "util/history.h"
#include "util/table-layout.h"

/* The short names of the columns in the endpoints screen's files. */
#define C_MODEL		EP_COL_MODEL
#define C_PROVIDER	EP_COL_PROVIDER
#define C_QUANT		EP_COL_QUANT
#define C_CTX		EP_COL_CTX
#define C_IN		EP_COL_PROMPT
#define C_OUT		EP_COL_COMPLETION
#define C_LAT		EP_COL_LATENCY
#define C_TPS		EP_COL_TPS
#define C_UPTIME	EP_COL_UPTIME
#define C_FLAGS		EP_COL_FLAGS
#define C_POLICY	EP_COL_DATA
#define C_STATUS	EP_COL_STATUS
#define C__COUNT	EP_COL__COUNT

/* A column's header and how it is laid out. */
struct ep_colspec {
	const char	*title;		/* N_() */
	int		 min;		/* cut to no less; 0: never cut */
	int		 prio;		/* 0 the most important */
	char		 align;
};

/* The panel over the table, if any. */
enum ep_panel {
	PANEL_NONE,
	PANEL_COLUMNS,		/* the column chooser */
	PANEL_SORT		/* the sort menu */
};

/* The screen's state (s->data). */
struct endpoints {
	struct store	*store;		/* the UI's, for ~ aliases */
	struct ep_row	*rows;		/* sorted */
	size_t		 nrows;
	size_t		*shown;		/* indexes into rows */
	size_t		 nshown;
	struct filter	*filter;
	char		*filter_text;
	struct filter_words *words;	/* of rows in their order, or NULL */
	int		 sort;		/* enum ep_col */
	int		 desc;
	int		 inactive;	/* show tombstoned rows too */
	struct list	 list;		/* over shown */
	uint64_t	 generation;
	int64_t		 last_sync;	/* unix ms of the newest finished run */
	int		 partial;	/* only the first screen is loaded */
	struct table_columns cols;	/* chosen: shown, and their order */
	int		 vis[C__COUNT];	/* the shown columns, in order */
	int		 nvis;
	/* By display position (vis), at the last draw. */
	struct table_layout_col lay[C__COUNT];
	int		 skip;		/* columns scrolled out (h, l) */
	int		 more;		/* TABLE_LAYOUT_* of the last draw */
	int		 width;		/* the table's width at the last draw */
	int		 header_y;	/* the header's line at the last draw */
	enum ep_panel	 panel;
	struct list	 plist;		/* the panel's cursor */
	int		 pchanged;	/* the chooser changed the columns */
	struct history	 history;	/* earlier filters */
	int		 history_loaded;
	char		 status[512];
};

/* The columns' titles, sizes and alignment (screen-endpoints-draw.c). */
extern const struct ep_colspec endpoints_cols[C__COUNT];

/* All the rows loaded again from the store (screen-endpoints.c). */
void	endpoints_load(struct screen *);

/* The table, and the panel over it if any (screen-endpoints-draw.c). */
void	endpoints_draw(struct screen *, WINDOW *, int y0, int rows, int cols);

#endif
