/*
 * endpoint-sort: the one ordering of endpoint rows, shared by `orbrowse ls`
 * and the UI's endpoints screen.
 *
 * ep_row_cmp() compares by one column, ascending or descending, with
 * unknown values (NULL) last in either direction, then by model key,
 * provider slug and endpoint id so the order is total and stable across
 * runs.  Strings compare case-insensitively (ASCII).  The flag columns
 * sort by what they show: EP_SORT_FLAGS by the TIRF letters read as a
 * binary number (tools the most significant), EP_SORT_DATA by the data
 * policy from the kindest ("ok": neither trains nor keeps) to "train",
 * EP_SORT_STATUS by the status code.
 *
 * enum ep_col is the vocabulary of an endpoint table's columns, the one
 * `ls --columns`, the UI's column chooser, the config file and named
 * views use: each column is named as the key it sorts by (ep_col_name),
 * so that one word means one column everywhere.
 */
#ifndef ORBROWSE_PROJECT_ENDPOINT_SORT_H
#define ORBROWSE_PROJECT_ENDPOINT_SORT_H

#include "project/endpoint.h"
#include "project/model.h"

enum ep_sort {
	EP_SORT_MODEL,
	EP_SORT_PROVIDER,
	EP_SORT_QUANT,
	EP_SORT_CTX,
	EP_SORT_OUT,
	EP_SORT_PROMPT,
	EP_SORT_COMPLETION,
	EP_SORT_LATENCY,
	EP_SORT_TPS,
	EP_SORT_UPTIME,
	EP_SORT_FLAGS,
	EP_SORT_DATA,
	EP_SORT_STATUS,
	EP_SORT_USAGE,		/* the model's tokens over 7 days */
	EP_SORT__COUNT
};

/* The columns of an endpoint table, in their default order. */
enum ep_col {
	EP_COL_MODEL,
	EP_COL_PROVIDER,
	EP_COL_QUANT,
	EP_COL_CTX,
	EP_COL_PROMPT,
	EP_COL_COMPLETION,
	EP_COL_LATENCY,
	EP_COL_TPS,
	EP_COL_UPTIME,
	EP_COL_FLAGS,
	EP_COL_DATA,
	EP_COL_STATUS,
	EP_COL__COUNT
};

int	ep_row_cmp(const struct ep_row *, const struct ep_row *, enum ep_sort,
	    int desc);
/* Sort rows in place (qsort). */
void	ep_row_sort(struct ep_row *, size_t, enum ep_sort, int desc);
/* The column's name as `ls --sort` takes it ("model", "prompt", ...). */
const char *ep_sort_name(enum ep_sort);
/* Parse a name; -1 if unknown. */
int	ep_sort_parse(const char *, enum ep_sort *);

/* The key a column sorts by. */
enum ep_sort ep_col_sort(enum ep_col);
/* Every column's name, indexed by enum ep_col (static storage), for
 * table_columns_parse() (util/table-layout.h). */
const char *const *ep_col_names(void);
/* The TIRF flags of a row (tools, images, reasoning, free; '.' when not),
 * in buf of at least 5 bytes; returns buf. */
const char *ep_row_flags(const struct ep_row *, char *buf, size_t len);
/* The data policy as shown: "trains", "retains", "no-train" (translated) or "?". */
const char *ep_row_policy(const struct ep_row *);

/* The orders of `orbrowse models --sort` and the models screen. */
enum model_sort {
	MODEL_SORT_ID,
	MODEL_SORT_NAME,
	MODEL_SORT_CTX,
	MODEL_SORT_OUT,
	MODEL_SORT_PROMPT,
	MODEL_SORT_COMPLETION,
	MODEL_SORT_PROVIDERS,
	MODEL_SORT_EXPIRES,
	MODEL_SORT_CUTOFF,
	MODEL_SORT_CREATED,
	MODEL_SORT_USAGE,
	MODEL_SORT__COUNT
};

/* Unknown values last either way; ties by public id, then key. */
void	model_row_sort(struct model_row *, size_t, enum model_sort, int desc);
const char *model_sort_name(enum model_sort);
int	model_sort_parse(const char *, enum model_sort *);

#endif
