/*
 * store-replay: a model's change records (store_changelog_model(), oldest
 * first) replayed into the step series of its listings, for `history` and
 * the history screen.
 *
 * Each listing (endpoint id) starts at its endpoint_added record; every
 * run that changed one of the values below, or took the listing away
 * (endpoint_removed) or brought it back, makes one point: the listing's
 * state after that run's records.  It also formats a record's values for
 * the change feed (CLI and UI).  No SQL here: the records are read by
 * store-changelog.c.
 */
#ifndef ORBROWSE_STORE_REPLAY_H
#define ORBROWSE_STORE_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "store/store-changelog.h"

/* The values a point carries. */
enum replay_field {
	RF_PROMPT,
	RF_COMPLETION,
	RF_CACHE_READ,
	RF_LATENCY,
	RF_THROUGHPUT,
	RF_UPTIME,
	RF_STATUS,
	RF_N
};

/* The change records' field name of each value. */
extern const char *const replay_record_names[RF_N];
/* The index of a field in replay_record_names, or -1 (NULL: -1). */
int	replay_field(const char *field);

/*
 * A new listing's first values in one record: its endpoint_added record's
 * new value is their text (replay_first_pack(): "v1:" and RF_N entries
 * split by ',', each empty for none (an infinite value too), 'i' and an
 * integer or 'r' and the shortest exact decimal), instead of a record per
 * value (of which a first sync of 50,000 endpoints wrote 350,000).
 * replay_first_unpack() reads it into first[RF_N]; -1 when text is not
 * such a value (first is then all CHV_NULL).
 */
struct ep_change;
char	*replay_first_pack(const struct ep_change *c, size_t n);
int	 replay_first_unpack(const char *text, struct change_value *first);
/*
 * A run's metrics changes of a listing in one record (kind metrics, no
 * field), in the same text: the p50 latency, p50 throughput and uptime
 * the listing has after the run -- each changed one's new value, the
 * others' old (old, the row before it) -- so that a record read alone (gc
 * keeps the last of a day) is the whole state.  Two records a run, one
 * per value, were a third of a changed re-sync's growth.
 */
struct ep_row;
char	*replay_metrics_pack(const struct ep_change *c, size_t n,
	    const struct ep_row *old);

/* One listing's state at a point; the values and last are borrowed from
 * the records. */
struct replay_point {
	const struct change_rec	*last;		/* the run's last record */
	struct change_value	 v[RF_N];
	int			 active;
};

/*
 * Replay list (n records, oldest first), calling fn for every point of
 * the listings whose provider matches provider (NULL: all; see
 * replay_provider_match()) from since_ms on.
 */
void	replay_changes(const struct change_rec *list, size_t n,
	    const char *provider, int64_t since_ms,
	    void (*fn)(void *, const struct replay_point *), void *arg);
/* want (a provider slug; "deepinfra" is every "deepinfra/QUANT" too)
 * matches slug; want NULL matches everything. */
int	replay_provider_match(const char *want, const char *slug);

/* A price change's percentage (NAN for other kinds or no old value). */
double		 change_pct(const struct change_rec *);
/*
 * A value as people read it: a price per token in USD per 1M tokens (the
 * parts priced per request, image or search as they are), text as it is
 * (unsanitised: the caller draws it through ui_text() or a table).
 * Returns out, "-", or the value's own text.
 */
const char	*change_fmt_value(const struct change_rec *,
		    const struct change_value *, char *out, size_t len);
/* "+12.5%", or "" when the change has no percentage. */
const char	*change_fmt_pct(const struct change_rec *, char *out,
		    size_t len);

struct filter;
/*
 * Keep in place, in order, the records whose listing -- for a model record
 * any listing of its model -- passes the filter (the projection's rows,
 * inactive ones too); *n becomes how many.  A NULL or empty filter keeps
 * them all.  0, or -1 with *cause.
 */
int		 change_list_filter(struct store *, const struct filter *,
		    struct change_rec *, size_t *n, char **cause);

#endif
