/*
 * unit-store.h: a helper for the unit tests of the store.
 *
 * unit_put_endpoint() writes the projection row of endpoint id of model as
 * run stores it (nothing else known), with hash as its snapshot's: since
 * version 16 an endpoint's snapshots name that row, so a test writes it
 * before them.
 *
 * unit_sql_int() runs sql (one integer, say a COUNT) on the database file
 * at path through a connection of its own, as another process would see
 * it; -1 when it gives no row.
 */
#ifndef ORBROWSE_TEST_UNIT_STORE_H
#define ORBROWSE_TEST_UNIT_STORE_H

#include <stdint.h>

#include <sqlite3.h>

#include "project/endpoint.h"
#include "store/store.h"

static inline int64_t
unit_sql_int(const char *path, const char *sql)
{
	sqlite3		*db;
	sqlite3_stmt	*st;
	int64_t		 v = -1;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	if (sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	return (v);
}

static inline void
unit_put_endpoint(struct store *s, int64_t run, const char *id,
    const char *model, const char *hash)
{
	struct ep_row	 row;
	char		*cause = NULL;

	ep_row_init(&row);
	row.endpoint_id = xstrdup(id);
	row.model_key = xstrdup(model);
	if (store_endpoint_upsert(s, &row, hash, run, 0, 0, &cause) != 0)
		fail_msg("%s", cause);
	ep_row_clear(&row);
}

#endif
