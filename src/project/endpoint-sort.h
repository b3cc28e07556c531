/*
 * endpoint-sort: the one ordering of endpoint rows, shared by `orbrowse ls`
 * and the UI's endpoints screen.
 *
 * ep_row_cmp() compares by one column, ascending or descending, with
 * unknown values (NULL) last in either direction, then by model key,
 * provider slug and endpoint id so the order is total and stable across
 * runs.  Strings compare case-insensitively (ASCII).
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
	EP_SORT__COUNT
};

int	ep_row_cmp(const struct ep_row *, const struct ep_row *, enum ep_sort,
	    int desc);
/* Sort rows in place (qsort). */
void	ep_row_sort(struct ep_row *, size_t, enum ep_sort, int desc);
/* The column's name as `ls --sort` takes it ("model", "prompt", ...). */
const char *ep_sort_name(enum ep_sort);
/* Parse a name; -1 if unknown. */
int	ep_sort_parse(const char *, enum ep_sort *);

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
	MODEL_SORT__COUNT
};

/* Unknown values last either way; ties by public id, then key. */
void	model_row_sort(struct model_row *, size_t, enum model_sort, int desc);
const char *model_sort_name(enum model_sort);
int	model_sort_parse(const char *, enum model_sort *);

#endif
