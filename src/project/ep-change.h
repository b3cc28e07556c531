/*
 * ep-change: what differs between two observations of one endpoint
 * listing, as the change records (store/store-changelog.c) keep it.
 *
 * ep_change_diff() compares the row a listing had before a write with the
 * row written, field by field: every price component (project/price.h,
 * field named by price_key()), the discount and the overrides (kind
 * EPC_PRICE), the context length and maximum output (EPC_CONTEXT), the
 * status (EPC_STATUS), and the p50 latency, p50 throughput and uptime
 * (EPC_METRICS, kept for history, not a change of the listing itself).
 * With keep_stats (a catalogue's featured endpoint, which carries no
 * stats) an unknown stat in the new row is "unchanged", as the store keeps
 * the old value there.
 *
 * The changes point into the two rows (text values) and into static
 * strings (field names): they are valid while both rows are.
 */
#ifndef ORBROWSE_PROJECT_EP_CHANGE_H
#define ORBROWSE_PROJECT_EP_CHANGE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "project/endpoint.h"

enum ep_change_kind {
	EPC_PRICE,
	EPC_CONTEXT,
	EPC_STATUS,
	EPC_METRICS
};

enum ep_change_type {
	EPC_REAL,	/* old_r, new_r; NAN: none */
	EPC_INT,	/* old_i, new_i; EP_NULL_INT: none */
	EPC_TEXT	/* old_s, new_s; NULL: none */
};

struct ep_change {
	enum ep_change_kind	 kind;
	enum ep_change_type	 type;
	const char		*field;
	double			 old_r, new_r;
	int64_t			 old_i, new_i;
	const char		*old_s, *new_s;
};

/* Enough for every field that can change at once. */
#define EP_CHANGE_MAX	(PRICE_NPARTS + 8)

/* Fill out[] (EP_CHANGE_MAX entries) with what differs; returns how many. */
size_t	 ep_change_diff(const struct ep_row *old, const struct ep_row *new,
	     int keep_stats, struct ep_change *out);

/* The name of a kind as stored ("price_changed", ..., "metrics"). */
const char *ep_change_kind_name(enum ep_change_kind);

/*
 * The expiration date of a /api/v1/models entry ("YYYY-MM-DD", 2026) into
 * out; 1 when it has a well-formed one, else 0 (absent, null, mistyped).
 */
int	 ep_change_expiry(const json_t *v1_entry, char out[11]);

/*
 * The relative change of a price in percent, NAN when it has none (a side
 * unknown, or the old price zero).
 */
double	 ep_change_pct(double old, double new);

#endif
