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

#endif
