/*
 * store-changelog: the change records (data/schema.sql, table changelog)
 * and the watchlist.
 *
 * The records are written by the store itself, in the writer's
 * transaction, where an old and a new observation meet: the projection's
 * upsert (store_endpoint_upsert: the row before and after, diffed by
 * project/ep-change.h), the tombstone sweep (endpoints and models gone),
 * a listing recognised unchanged that brings back swept rows, and the
 * model directory (expiry dates).  A model is listed while it has an
 * active endpoint: model_added when its first one becomes active,
 * model_removed when the sweep takes its last.  Retention never deletes a
 * record.
 *
 * Conventions are store.h's: 0 or -1 with *cause (caller frees); strings
 * passed in are borrowed for the call; lists handed out are the caller's,
 * freed with the matching _free function.
 */
#ifndef ORBROWSE_STORE_CHANGELOG_H
#define ORBROWSE_STORE_CHANGELOG_H

#include <stddef.h>
#include <stdint.h>

#include "store/store.h"

/*
 * A /api/v1/models entry of model_key gave expiry ("YYYY-MM-DD", NULL:
 * none): an expiry_changed record when it differs from the last one
 * recorded (none recorded: no expiry).
 */
int	 store_changelog_expiry(struct store *, int64_t run_id,
	     const char *model_key, const char *expiry, char **cause);

/* One record as read back; old and new are NULL, a number or text. */
enum change_value_type {
	CHV_NULL,
	CHV_INT,
	CHV_REAL,
	CHV_TEXT
};

struct change_value {
	enum change_value_type	 type;
	int64_t			 i;
	double			 r;
	char			*s;
};

struct change_rec {
	int64_t			 id;
	int64_t			 run_id;
	int64_t			 at;		/* unix ms */
	char			*kind;
	char			*model_key;
	char			*model_id;	/* newest v1 id, may be NULL */
	char			*endpoint_id;	/* NULL for model records */
	char			*provider_slug;
	char			*provider_name;	/* from the projection */
	char			*field;		/* NULL but for changes */
	struct change_value	 old;
	struct change_value	 new;
	/*
	 * endpoint_added: the listing's first values (RF_N of them, in
	 * store-replay.h's order, numbers only), or NULL for a record
	 * written before they were kept in it (initial records follow).
	 * A metrics record without a field: the run's metrics of the
	 * listing (replay_metrics_pack()), the other values none.
	 */
	struct change_value	*first;
};

/*
 * The records shown as changes (every kind but the internal metrics and
 * initial), newest first: those of run_id when it is not 0, else those
 * from since_ms on.
 */
int	 store_changelog_list(struct store *, int64_t since_ms, int64_t run_id,
	     struct change_rec **, size_t *, char **cause);
/*
 * Every record of a model's listings (the internal kinds too), oldest
 * first, for history.
 */
int	 store_changelog_model(struct store *, const char *model_key,
	     struct change_rec **, size_t *, char **cause);
void	 change_rec_list_free(struct change_rec *, size_t);
/* Free one record's strings and zero it (the array stays). */
void	 change_rec_clear(struct change_rec *);
/* The value as a number (NAN when NULL or text). */
double	 change_value_real(const struct change_value *);

/* The watchlist. */
int	 store_watch_add(struct store *, const char *model_key,
	     int64_t now_ms, int *added, char **cause);
int	 store_watch_rm(struct store *, const char *model_key, int *removed,
	     char **cause);
/* Watched model keys, sorted; free with store_strv_free(). */
int	 store_watch_list(struct store *, char ***keys, size_t *n,
	     char **cause);

/*
 * The alerts (data/schema.sql, table alert): a change record that fired
 * an alert rule (project/alert.h), one per record (a second put is
 * ignored).
 */
struct alert_rec {
	struct change_rec	 c;
	char			*rule;
	int64_t			 seen_at;	/* unix ms, 0: not seen */
};

int	 store_alert_put(struct store *, int64_t change_id, int64_t run_id,
	     const char *rule, char **cause);
/* Newest first: every alert, or the unseen ones, of run_id when not 0. */
int	 store_alert_list(struct store *, int unseen, int64_t run_id,
	     struct alert_rec **, size_t *, char **cause);
void	 alert_rec_list_free(struct alert_rec *, size_t);
/* Mark every unseen alert seen at now_ms; *n gets how many. */
int	 store_alert_seen(struct store *, int64_t now_ms, int64_t *n,
	     char **cause);

#endif
