/*
 * store-identity: folding one endpoint row into another when two route
 * families turned out to name the same provider's offer of a model (see
 * project/ep-identity.h).  Runs inside the caller's transaction.
 */
#include "config.h"

#include "store/store.h"

#include <stddef.h>

#include "store/store-private.h"
#include "util/i18n.h"

/*
 * ?1 from_id, ?2 to_id, ?3 model_key in every statement.  Snapshots name
 * the row by its id (version 16): when there is no row to_id to move them
 * to, the renamed row keeps them.
 */
#define ID_FROM	"(SELECT id FROM endpoint WHERE "			\
	EP_KEY_IS("", "?3", "?1") ")"
#define ID_TO	"(SELECT id FROM endpoint WHERE "			\
	EP_KEY_IS("", "?3", "?2") ")"
/*
 * The change records of the row (which name it by its id) keep what they
 * said: its model, id and provider, as records before version 17 do.
 */
static const struct store_sql keep_changes_sql = { ST_ID_KEEP_CHANGES,
    "UPDATE changelog SET model_key = ?3, endpoint_id = ?1, provider_slug ="
    " (SELECT provider_slug FROM endpoint WHERE id = changelog.ep), ep = NULL"
    " WHERE ep = " ID_FROM " AND ?2 IS NOT NULL" };
static const struct store_sql move_snaps_sql = { ST_ID_MOVE_SNAPS,
    "UPDATE OR IGNORE endpoint_snap SET ep = " ID_TO
    " WHERE ep = " ID_FROM " AND " ID_TO " IS NOT NULL" };
/* What could not move: a run that has a snapshot of both already. */
static const struct store_sql drop_snaps_sql = { ST_ID_DROP_SNAPS,
    "DELETE FROM endpoint_snap WHERE ep = " ID_FROM
    " AND " ID_TO " IS NOT NULL" };
/* Renamed only when the model has no row to_id (the key is unique). */
static const struct store_sql rename_sql = { ST_ID_RENAME,
    "UPDATE endpoint SET endpoint_id = ?2"
    " WHERE id = " ID_FROM " AND " ID_TO " IS NULL" };
static const struct store_sql first_run_sql = { ST_ID_FIRST_RUN,
    "UPDATE endpoint SET first_run_id = MIN(first_run_id, COALESCE("
    "  (SELECT first_run_id FROM endpoint WHERE "
    EP_KEY_IS("", "?3", "?1") "), first_run_id))"
    " WHERE id = " ID_TO };
static const struct store_sql drop_row_sql = { ST_ID_DROP_ROW,
    "DELETE FROM endpoint WHERE id = " ID_FROM " AND ?2 IS NOT NULL" };

/* Does a run have a snapshot of both rows? */
static const struct store_sql overlap_sql = { ST_ID_OVERLAP,
    "SELECT EXISTS (SELECT 1 FROM endpoint_snap a JOIN endpoint_snap b"
    " ON b.run_id = a.run_id WHERE a.ep = " ID_FROM " AND b.ep = " ID_TO
    ")" };

int
store_endpoint_overlap(struct store *s, const char *from_id,
    const char *to_id, const char *model_key, int *overlap, char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 v;

	if ((st = store_stmt(s, &overlap_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, from_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, model_key, -1, SQLITE_STATIC);
	if (store_step_int(s, st, &v, cause,
	    N_("cannot read an endpoint's snapshots")) != 0)
		return (-1);
	*overlap = v != 0;
	return (0);
}

int
store_endpoint_absorb(struct store *s, const char *from_id,
    const char *to_id, const char *model_key, char **cause)
{
	/* In this order: a renamed row leaves nothing for the last two. */
	const struct store_sql	*steps[] = { &keep_changes_sql, &move_snaps_sql,
	    &drop_snaps_sql, &rename_sql, &first_run_sql, &drop_row_sql };
	sqlite3_stmt		*st;
	size_t			 i;

	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if ((st = store_stmt(s, steps[i], cause)) == NULL)
			return (-1);
		sqlite3_bind_text(st, 1, from_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, to_id, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, model_key, -1, SQLITE_STATIC);
		if (store_step_done(s, st, cause,
		    N_("cannot store an endpoint")) != 0)
			return (-1);
	}
	return (0);
}
