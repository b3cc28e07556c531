/*
 * test-store-history: the snapshots of one endpoint listing or one model
 * across runs, on a real SQLite file.
 */
#include "config.h"

#include "unit.h"

#include <sqlite3.h>

#include "store/store.h"
#include "store/store-changelog.h"
#include "store/store-history.h"
#include "unit-store.h"

static char	tmpdir[] = "/tmp/orbrowse-test-store-history.XXXXXX";

static void
raw_exec(const char *path, const char *sql)
{
	sqlite3	*db;

	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
}

static struct store *
open_db(const char *name, char **path)
{
	struct store	*s;
	char		*cause = NULL;

	*path = xasprintf("%s/%s", tmpdir, name);
	if (store_open(*path, STORE_CREATE, &s, &cause) != 0)
		fail_msg("%s", cause);
	return (s);
}

static void
put_blob(struct store *s, const char *hash)
{
	char	*cause = NULL;

	assert_int_equal(store_blob_put(s, hash, "gzip", 1, "x", 1, NULL,
	    &cause), 0);
}

/*
 * Four runs: endpoint e1 of m/a stored in runs 1, 2 and 4 (hashes h1, h3,
 * h2), also listed under m/a:free in run 2 (h3); e2 in run 3; model m/a
 * as catalogue in runs 1 and 3, as v1 in run 2.
 */
static struct store *
fill(const char *name, char **path, int64_t run[4])
{
	struct store	*s;
	char		*cause = NULL;
	int		 i;

	s = open_db(name, path);
	for (i = 0; i < 4; i++)
		assert_int_equal(store_run_begin(s, "import", &run[i], &cause),
		    0);
	put_blob(s, "h1");
	put_blob(s, "h2");
	put_blob(s, "h3");
	unit_put_endpoint(s, run[0], "e1", "m/a", "h2");
	unit_put_endpoint(s, run[1], "e1", "m/a:free", "h3");
	unit_put_endpoint(s, run[2], "e2", "m/a", "h3");
	assert_int_equal(store_endpoint_snapshot_put(s, run[3], "e1", "m/a",
	    "h2", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run[0], "e1", "m/a",
	    "h1", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run[1], "e1", "m/a",
	    "h3", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run[1], "e1",
	    "m/a:free", "h3", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run[2], "e2", "m/a",
	    "h3", &cause), 0);
	assert_int_equal(store_model_snapshot_put(s, run[2], "m/a",
	    "catalogue", "h2", &cause), 0);
	assert_int_equal(store_model_snapshot_put(s, run[0], "m/a",
	    "catalogue", "h1", &cause), 0);
	assert_int_equal(store_model_snapshot_put(s, run[1], "m/a", "v1",
	    "h3", &cause), 0);
	return (s);
}

static void
test_endpoint(void **state)
{
	struct store		*s;
	struct snap_hist	*h;
	int64_t			 run[4];
	char			*path, *cause = NULL;
	size_t			 n;

	(void)state;
	s = fill("ep.db", &path, run);
	assert_int_equal(store_endpoint_history(s, "e1", "m/a", &h, &n,
	    &cause), 0);
	assert_int_equal(n, 3);
	/* Oldest first, whatever order the rows were written in. */
	assert_int_equal(h[0].run_id, run[0]);
	assert_int_equal(h[1].run_id, run[1]);
	assert_int_equal(h[2].run_id, run[3]);
	assert_string_equal(h[0].hash, "h1");
	assert_string_equal(h[1].hash, "h3");
	assert_string_equal(h[2].hash, "h2");
	assert_true(h[0].started_at > 0);
	assert_true(h[2].started_at >= h[0].started_at);
	snap_hist_free(h, n);

	/* Another listing of the same endpoint is another entity. */
	assert_int_equal(store_endpoint_history(s, "e1", "m/a:free", &h, &n,
	    &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].run_id, run[1]);
	assert_string_equal(h[0].hash, "h3");
	snap_hist_free(h, n);

	/* Unknown entities have no history; quotes are only data. */
	assert_int_equal(store_endpoint_history(s, "e'1", "m/a", &h, &n,
	    &cause), 0);
	assert_int_equal(n, 0);
	assert_null(h);
	assert_int_equal(store_endpoint_history(s, "e2", "m/b", &h, &n,
	    &cause), 0);
	assert_int_equal(n, 0);
	store_close(s);
	free(path);
}

/*
 * Rows record changes: the hash a key already had adds no row, and a row
 * written earlier in the same run goes when the run ends up unchanged.
 */
static void
test_unchanged(void **state)
{
	struct store		*s;
	struct snap_hist	*h;
	struct snap_ref		*refs;
	int64_t			 run[4], prev_blob = -1, blob_id = 0;
	char			*path, *cause = NULL;
	size_t			 n;
	int			 same;
	char			 prev[65];

	(void)state;
	s = open_db("same.db", &path);
	for (n = 0; n < 4; n++)
		assert_int_equal(store_run_begin(s, "import", &run[n], &cause),
		    0);
	put_blob(s, "h1");
	put_blob(s, "h2");
	unit_put_endpoint(s, run[0], "e", "m", "h1");
	assert_int_equal(store_endpoint_snapshot_put(s, run[0], "e", "m",
	    "h1", &cause), 0);
	/* Run 2 first sees h2 (a featured copy), then h1 again. */
	assert_int_equal(store_endpoint_snapshot_put(s, run[1], "e", "m",
	    "h2", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run[1], "e", "m",
	    "h1", &cause), 0);
	/* What the run before had, whatever this run wrote. */
	assert_int_equal(store_endpoint_snapshot_same(s, run[2], "e", "m",
	    "h1", &same, prev, &prev_blob, &cause), 0);
	assert_true(same);
	assert_string_equal(prev, "h1");
	/* ... and its blob's row. */
	assert_int_equal(store_blob_id(s, "h1", &blob_id, &cause), 0);
	assert_true(blob_id > 0);
	assert_int_equal(prev_blob, blob_id);
	assert_int_equal(store_endpoint_snapshot_same(s, run[2], "e", "m",
	    "h2", &same, NULL, NULL, &cause), 0);
	assert_false(same);
	assert_int_equal(store_endpoint_snapshot_same(s, run[0], "e", "m",
	    "h1", &same, NULL, &prev_blob, &cause), 0);
	assert_false(same);
	assert_int_equal(prev_blob, 0);
	assert_int_equal(store_endpoint_snapshot_same(s, run[2], "e", "other",
	    "h1", &same, NULL, NULL, &cause), 0);
	/* By ids, a row names a projection row and a blob, or is refused. */
	assert_int_equal(store_endpoint_snapshot_write(s, run[2], 0, blob_id,
	    0, &cause), -1);
	assert_non_null(strstr(cause, "is not stored"));
	free(cause);
	cause = NULL;
	assert_int_equal(store_endpoint_snapshot_write(s, run[2], 1, 0, 0,
	    &cause), -1);
	free(cause);
	cause = NULL;
	assert_false(same);
	assert_int_equal(store_endpoint_snapshot_put(s, run[2], "e", "m",
	    "h1", &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run[3], "e", "m",
	    "h2", &cause), 0);
	assert_int_equal(store_model_snapshot_put(s, run[0], "m", "v1", "h1",
	    &cause), 0);
	assert_int_equal(store_model_snapshot_put(s, run[1], "m", "v1", "h1",
	    &cause), 0);
	assert_int_equal(store_endpoint_history(s, "e", "m", &h, &n, &cause),
	    0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].run_id, run[0]);
	assert_string_equal(h[0].hash, "h1");
	assert_int_equal(h[1].run_id, run[3]);
	assert_string_equal(h[1].hash, "h2");
	snap_hist_free(h, n);
	assert_int_equal(store_model_history(s, "m", "v1", &h, &n, &cause), 0);
	assert_int_equal(n, 1);
	snap_hist_free(h, n);
	/* As of run 3 the endpoint is still what run 1 stored. */
	assert_int_equal(store_endpoint_snapshot_find(s, "e", "m", run[2],
	    &refs, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_int_equal(refs[0].run_id, run[0]);
	assert_string_equal(refs[0].hash, "h1");
	snap_ref_list_free(refs, n);
	store_close(s);
	free(path);
}

static void
test_model(void **state)
{
	struct store		*s;
	struct snap_hist	*h;
	int64_t			 run[4];
	char			*path, *cause = NULL;
	size_t			 n;

	(void)state;
	s = fill("model.db", &path, run);
	assert_int_equal(store_model_history(s, "m/a", "catalogue", &h, &n,
	    &cause), 0);
	assert_int_equal(n, 2);
	assert_int_equal(h[0].run_id, run[0]);
	assert_string_equal(h[0].hash, "h1");
	assert_int_equal(h[1].run_id, run[2]);
	assert_string_equal(h[1].hash, "h2");
	snap_hist_free(h, n);
	assert_int_equal(store_model_history(s, "m/a", "v1", &h, &n, &cause),
	    0);
	assert_int_equal(n, 1);
	assert_int_equal(h[0].run_id, run[1]);
	snap_hist_free(h, n);
	/* Endpoint ids are not model keys. */
	assert_int_equal(store_model_history(s, "e1", "catalogue", &h, &n,
	    &cause), 0);
	assert_int_equal(n, 0);
	store_close(s);
	free(path);
}

static void
test_run_row_gone(void **state)
{
	struct store		*s;
	struct snap_hist	*h;
	int64_t			 run[4];
	char			*path, *cause = NULL, *sql;
	size_t			 n;

	(void)state;
	s = fill("gone.db", &path, run);
	store_close(s);
	/* Without foreign keys enforced the snapshot rows outlive the run. */
	sql = xasprintf("DELETE FROM run_log WHERE id = %lld",
	    (long long)run[1]);
	raw_exec(path, sql);
	free(sql);
	assert_int_equal(store_open(path, 0, &s, &cause), 0);
	assert_int_equal(store_endpoint_history(s, "e1", "m/a", &h, &n,
	    &cause), 0);
	assert_int_equal(n, 3);
	assert_true(h[0].started_at > 0);
	assert_int_equal(h[1].started_at, 0);
	assert_int_equal(h[1].run_id, run[1]);
	snap_hist_free(h, n);
	store_close(s);
	free(path);
}

/* Write row id of m/a, provider slug, prompt price, in run. */
static void
put_row(struct store *s, int64_t run, const char *id, const char *slug,
    double prompt)
{
	struct ep_row	 row;
	char		*cause = NULL;

	ep_row_init(&row);
	row.endpoint_id = xstrdup(id);
	row.model_key = xstrdup("m/a");
	row.provider_slug = xstrdup(slug);
	row.price_prompt = prompt;
	if (store_endpoint_upsert(s, &row, "h", run, 0, 0, &cause) != 0)
		fail_msg("%s", cause);
	ep_row_clear(&row);
}

/* The records of m/a naming id, and the provider they give it. */
static size_t
records_of(struct store *s, const char *id, const char *slug)
{
	struct change_rec	*c;
	char			*cause = NULL;
	size_t			 n, i, k = 0;

	assert_int_equal(store_changelog_model(s, "m/a", &c, &n, &cause), 0);
	for (i = 0; i < n; i++) {
		if (c[i].endpoint_id == NULL ||
		    strcmp(c[i].endpoint_id, id) != 0)
			continue;
		assert_string_equal(c[i].provider_slug, slug);
		k++;
	}
	change_rec_list_free(c, n);
	return (k);
}

/*
 * A change record names its endpoint by the projection row (schema 17):
 * read back with the row's id and provider.  When the row is folded into
 * another (store_endpoint_absorb), deleted or renamed, its records keep
 * the id and provider they had, as before version 17.
 */
static void
test_records_by_row(void **state)
{
	struct store	*s;
	int64_t		 run[2];
	char		*path, *cause = NULL;
	size_t		 i;

	(void)state;
	s = open_db("rows.db", &path);
	for (i = 0; i < 2; i++)
		assert_int_equal(store_run_begin(s, "import", &run[i], &cause),
		    0);
	assert_int_equal(store_begin(s, &cause), 0);
	put_row(s, run[0], "v1:p", "p", 1e-6);
	put_row(s, run[0], "v1:q", "q", 1e-6);
	put_row(s, run[0], "u-p", "p", 1e-6);
	put_row(s, run[1], "v1:p", "p", 2e-6);
	put_row(s, run[1], "v1:q", "q", 2e-6);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(records_of(s, "v1:p", "p"), 2);
	assert_int_equal(records_of(s, "v1:q", "q"), 2);
	/* Named by the row alone (its model too, since version 18). */
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM changes"
	    " WHERE kind != 'model_added'"), 5);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM changes"
	    " WHERE kind != 'model_added' AND (ep IS NULL OR model_key != ''"
	    " OR endpoint_id IS NOT NULL OR provider_slug IS NOT NULL)"), 0);

	/* Folded into a row that exists (deleted), into one that does not
	 * (renamed). */
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_endpoint_absorb(s, "v1:p", "u-p", "m/a",
	    &cause), 0);
	assert_int_equal(store_endpoint_absorb(s, "v1:q", "u-q", "m/a",
	    &cause), 0);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"
	    " WHERE endpoint_id IN ('v1:p', 'v1:q')"), 0);
	assert_int_equal(records_of(s, "v1:p", "p"), 2);
	assert_int_equal(records_of(s, "v1:q", "q"), 2);
	assert_int_equal(records_of(s, "u-p", "p"), 1);
	assert_int_equal(records_of(s, "u-q", "q"), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM changelog"
	    " WHERE endpoint_id IN ('v1:p', 'v1:q') AND ep IS NULL"
	    " AND model_key = 'm/a'"), 4);
	store_close(s);
	free(path);
}

static void
test_error(void **state)
{
	struct store		*s;
	struct snap_hist	*h = (struct snap_hist *)&h;
	int64_t			 run[4];
	char			*path, *cause = NULL;
	size_t			 n = 7;

	(void)state;
	s = fill("broken.db", &path, run);
	store_close(s);
	raw_exec(path, "DROP TABLE model_snapshot");
	assert_int_equal(store_open(path, 0, &s, &cause), 0);
	assert_int_equal(store_model_history(s, "m/a", "catalogue", &h, &n,
	    &cause), -1);
	assert_non_null(cause);
	assert_non_null(strstr(cause, "model_snapshot"));
	assert_null(h);
	assert_int_equal(n, 0);
	free(cause);
	/* The other table still answers, and a NULL cause is allowed. */
	assert_int_equal(store_endpoint_history(s, "e1", "m/a", &h, &n, NULL),
	    0);
	assert_int_equal(n, 3);
	snap_hist_free(h, n);
	assert_int_equal(store_model_history(s, "m/a", "v1", &h, &n, NULL),
	    -1);
	store_close(s);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_endpoint),
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_unchanged),
		cmocka_unit_test(test_run_row_gone),
		cmocka_unit_test(test_records_by_row),
		cmocka_unit_test(test_error),
	};
	char	cmd[128];
	int	rc;

	if (mkdtemp(tmpdir) == NULL)
		return (1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		rc = rc != 0 ? rc : 1;
	return (rc);
}
