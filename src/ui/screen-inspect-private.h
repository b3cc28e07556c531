/*
 * screen-inspect-private: what the snapshot inspector's two files share
 * and nobody else sees: the screen's state (struct inspect) and the calls
 * between them.  Not for use outside screen-inspect.c and
 * screen-inspect-draw.c.
 *
 * screen-inspect.c loads the snapshots, computes the diff, searches,
 * writes and handles the keys; screen-inspect-draw.c draws the document,
 * the diff and the status line.  Every call here works on the struct
 * inspect of a screen (s->data) that screen-inspect.c owns; pointers
 * passed in are borrowed for the call, and the strings returned live in
 * the struct inspect (or are constant) until the next call.
 */
#ifndef ORBROWSE_UI_SCREEN_INSPECT_PRIVATE_H
#define ORBROWSE_UI_SCREEN_INSPECT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "codec/json-diff.h"
#include "codec/json-lines.h"
#include "store/store-history.h"
#include "ui/list.h"
#include "ui/screens.h"
#include "util/buf.h"

enum inspect_mode {
	INSPECT_JSON,
	INSPECT_DIFF
};

/* Where one view is scrolled to. */
struct inspect_view {
	struct list	list;		/* over the view's rows */
	int		hs;		/* columns scrolled right */
};

/* The screen's state (s->data). */
struct inspect {
	char			*endpoint_id;	/* NULL: a model document */
	char			*model_key;
	char			*kind;		/* models: catalogue | v1 */

	struct snap_hist	*hist;
	size_t			 nhist;
	size_t			 at;		/* the shown snapshot */
	uint64_t		 generation;

	json_t			*root;		/* NULL when it failed */
	char			*error;		/* why root is NULL */
	struct json_lines	*jl;

	enum inspect_mode	 mode;
	struct inspect_view	 view[2];

	struct json_diff_op	*ops;
	size_t			 nops;
	int			 ops_cut;
	struct snap_hist	 diff_old;	/* the two sides compared */
	struct snap_hist	 diff_new;

	char			*search;
	struct jl_text		 text;		/* scratch */
	struct buf		 status;
};

/* The ellipsis for cut text in the UI's charset (screen-inspect-draw.c). */
const char	*inspect_ellipsis(const struct ui *);

/* A diff operation as one line of text into b (screen-inspect-draw.c). */
void	 inspect_op_text(const struct ui *, const struct json_diff_op *,
	    struct buf *);

/* The header and the document or the diff (screen-inspect-draw.c). */
void	 inspect_draw(struct screen *, WINDOW *, int y0, int rows, int cols);

/* The status line: the run, the diff, the search (screen-inspect-draw.c). */
const char	*inspect_status(struct screen *);

#endif
