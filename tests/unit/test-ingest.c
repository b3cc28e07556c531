/*
 * test-ingest: what a run counts when the disk fills under it
 * (sync/ingest.c).
 *
 * Models are savepoints in a group transaction that commits once a second
 * (or when the sync is idle).  When that commit fails -- the write-ahead
 * log cannot grow on a full disk, here a file size limit -- every model
 * of the group is gone, not only the one whose end committed it.  The run
 * must know: the models it counted done are lost, the counters go back,
 * and a later group that does fit (the log's room is reused after the
 * rollback) does not make the run look complete, which would let the
 * tombstone sweep mark the lost models' endpoints as gone.
 */
#include "config.h"

#include "unit.h"

#include <signal.h>
#include <sqlite3.h>
#include <sys/resource.h>
#include <time.h>

#include "store/store.h"
#include "sync/ingest.h"
#include "unit-store.h"

#define FIXTURE_A	"stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json"
#define MODEL_A		"liquid/lfm-7b"
#define FIXTURE_B \
	"v1-endpoints-qwen-qwen3-235b-a22b-thinking-2507-2025-07-29.json"
#define MODEL_B		"qwen/qwen3-235b-a22b-thinking-2507"

static char	tmpdir[] = "/tmp/orbrowse-test-ingest.XXXXXX";

/* No file may grow past its size now (the -wal's is the one that counts). */
static void
disk_full(const char *db)
{
	struct rlimit	 rl;
	struct stat	 sb;
	char		*wal;

	wal = xasprintf("%s-wal", db);
	assert_int_equal(stat(wal, &sb), 0);
	free(wal);
	rl.rlim_cur = rl.rlim_max = RLIM_INFINITY;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &rl), 0);
	rl.rlim_cur = (rlim_t)sb.st_size;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
}

static void
disk_room(void)
{
	struct rlimit	rl;

	assert_int_equal(getrlimit(RLIMIT_FSIZE, &rl), 0);
	rl.rlim_cur = rl.rlim_max;
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &rl), 0);
}

/*
 * One model, as the sync writes it: its listing inside a model's part;
 * full: the disk fills after the writes, before the model's end.
 */
static int
model(struct ingest *ig, const char *fixture, const char *key,
    const char *full)
{
	struct ingest_hint	 hint;
	json_t			*root;
	char			*cause = NULL;
	int			 rc;

	root = unit_load_json(fixture);
	memset(&hint, 0, sizeof hint);
	hint.origin = fixture;
	hint.model_key = key;
	assert_int_equal(ingest_model_begin(ig, &cause), 0);
	assert_int_equal(ingest_payload(ig, root, &hint, NULL, &cause), 0);
	if (full != NULL)
		disk_full(full);
	rc = ingest_model_end(ig, 1, &cause);
	if (full != NULL)
		disk_room();
	free(cause);
	json_decref(root);
	return (rc);
}

/* A new database name in tmpdir, and a sync's run begun on it. */
static char *
open_run(const char *name, struct store **s, struct ingest **ig)
{
	char	*path, *cause = NULL;

	path = xasprintf("%s/%s", tmpdir, name);
	assert_int_equal(store_open(path, STORE_CREATE, s, &cause), 0);
	assert_int_equal(ingest_begin(*s, "sync", "frontend", 0, ig, &cause),
	    0);
	return (path);
}

static void
test_group_lost(void **state)
{
	struct ingest_stats	 is, before;
	struct store		*s;
	struct ingest		*ig;
	char			*path, *cause = NULL, final[16];

	(void)state;
	UNIT_NEED_SHARED();
	path = open_run("lost.db", &s, &ig);
	ingest_stats(ig, &before);

	/* Written and counted, its group not yet committed (< 1 s). */
	assert_int_equal(model(ig, FIXTURE_A, MODEL_A, NULL), 0);
	ingest_stats(ig, &is);
	assert_int_equal(is.models_done, 1);
	assert_true(is.endpoints > 0);
	assert_int_equal(is.groups_lost, 0);

	/* The sync is idle and commits: the disk is full. */
	disk_full(path);
	assert_int_equal(ingest_flush(ig, &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	disk_room();

	ingest_stats(ig, &is);
	assert_int_equal(is.groups_lost, 1);
	assert_int_equal(is.models_lost, 1);
	assert_int_equal(is.models_done, before.models_done);
	assert_int_equal(is.endpoints, before.endpoints);
	assert_int_equal(is.blobs_new, before.blobs_new);
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM endpoint"), 0);

	/* The next model fits: only it is counted, the loss stays known. */
	assert_int_equal(model(ig, FIXTURE_B, MODEL_B, NULL), 0);
	assert_int_equal(ingest_flush(ig, &cause), 0);
	ingest_stats(ig, &is);
	assert_int_equal(is.models_done, 1);
	assert_int_equal(is.groups_lost, 1);
	assert_int_equal(is.models_lost, 1);
	assert_int_equal(is.endpoints, unit_sql_int(path,
	    "SELECT COUNT(*) FROM endpoint"));
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM endpoint WHERE "
	    "model_key = '" MODEL_A "'"), 0);
	assert_int_equal(ingest_finish(ig, "partial", final, sizeof final,
	    NULL, &cause), 0);
	assert_null(cause);
	assert_string_equal(final, "partial");
	assert_int_equal(unit_sql_int(path,
	    "SELECT models_done FROM run_log"), 1);
	store_close(s);
	free(path);
}

/* Write root as the listing of model key, a model of its own. */
static void
listing(struct ingest *ig, json_t *root, const char *key)
{
	struct ingest_hint	 hint;
	char			*cause = NULL;

	memset(&hint, 0, sizeof hint);
	hint.origin = "test";
	hint.model_key = key;
	assert_int_equal(ingest_model_begin(ig, &cause), 0);
	assert_int_equal(ingest_payload(ig, root, &hint, NULL, &cause), 0);
	assert_int_equal(ingest_model_end(ig, 1, &cause), 0);
	assert_null(cause);
}

/*
 * A model the file has no row of is written without looking its rows up
 * (ingest-listing.c, ingest_fresh), as a first sync writes every model:
 * a listing that gives one endpoint twice, and the model listed again in
 * the same run, must be written as the lookups would write them: one row
 * a key with the later object's values, one endpoint_added record a row
 * and one model_added record.
 */
static void
test_fresh_model(void **state)
{
	struct store		*s;
	struct ingest		*ig;
	json_t			*root, *data, *again;
	char			*path, *cause = NULL, final[16];

	(void)state;
	UNIT_NEED_SHARED();
	path = open_run("fresh.db", &s, &ig);
	root = unit_load_json(FIXTURE_A);
	data = json_object_get(root, "data");
	assert_int_equal(json_array_size(data), 2);
	again = json_deep_copy(json_array_get(data, 0));
	json_object_set_new(json_object_get(again, "pricing"), "prompt",
	    json_string("0.00000005"));
	json_array_append_new(data, again);
	listing(ig, root, MODEL_A);
	json_decref(root);
	assert_int_equal(ingest_flush(ig, &cause), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"),
	    2);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"
	    " WHERE price_prompt = 0.00000005"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*)"
	    " FROM endpoint_snap s JOIN endpoint e ON e.id = s.ep"
	    " JOIN blob b ON b.id = s.blob_id"), 2);

	/* Listed again: its rows are there, and looked up. */
	root = unit_load_json(FIXTURE_A);
	listing(ig, root, MODEL_A);
	json_decref(root);
	assert_int_equal(ingest_finish(ig, "ok", final, sizeof final, NULL,
	    &cause), 0);
	assert_null(cause);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"
	    " WHERE active = 1"), 2);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"
	    " WHERE price_prompt = 0.00000005"), 0);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM changes"
	    " WHERE kind = 'model_added'"), 1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM changes"
	    " WHERE kind = 'endpoint_added'"), 2);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(DISTINCT ep)"
	    " FROM changelog WHERE ep IS NOT NULL"), 2);
	store_close(s);
	free(path);
}

/*
 * A new model's listing that gives a provider as a v1 route's endpoint
 * (a tag, no id) and then with its frontend uuid: the identity rule folds
 * the first row into the second (ingest-identity.c) within the listing,
 * as it does across listings; a fresh model does not skip it.
 */
static void
test_fresh_model_families(void **state)
{
	struct store	*s;
	struct ingest	*ig;
	json_t		*root, *eps, *first, *again;
	char		*path, *cause = NULL, final[16];

	(void)state;
	UNIT_NEED_SHARED();
	path = open_run("fresh-families.db", &s, &ig);
	root = unit_load_json(FIXTURE_B);
	eps = json_object_get(json_object_get(root, "data"), "endpoints");
	first = json_incref(json_array_get(eps, 1));	/* deepinfra/fp8 */
	assert_string_equal(json_string_value(json_object_get(first, "tag")),
	    "deepinfra/fp8");
	again = json_deep_copy(first);
	json_object_set_new(again, "id",
	    json_string("0b3c0f6e-1111-4222-8333-944455556666"));
	json_array_clear(eps);
	json_array_append_new(eps, first);
	json_array_append_new(eps, again);
	listing(ig, root, MODEL_B);
	json_decref(root);
	assert_int_equal(ingest_finish(ig, "ok", final, sizeof final, NULL,
	    &cause), 0);
	assert_null(cause);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"),
	    1);
	assert_int_equal(unit_sql_int(path, "SELECT COUNT(*) FROM endpoint"
	    " WHERE endpoint_id = '0b3c0f6e-1111-4222-8333-944455556666'"), 1);
	store_close(s);
	free(path);
}

/* A model whose own end commits the group: it and the group's others. */
static void
test_group_lost_at_model_end(void **state)
{
	struct ingest_stats	 is;
	struct store		*s;
	struct ingest		*ig;
	struct timespec		 ts = { 1, 100 * 1000 * 1000 };
	char			*path, *cause = NULL, final[16];

	(void)state;
	UNIT_NEED_SHARED();
	path = open_run("lost-end.db", &s, &ig);
	assert_int_equal(model(ig, FIXTURE_A, MODEL_A, NULL), 0);
	/* Old enough to commit at the next model's end. */
	nanosleep(&ts, NULL);
	assert_int_equal(model(ig, FIXTURE_B, MODEL_B, path), -1);
	ingest_stats(ig, &is);
	/* B failed (its caller counts it); A, counted done, was lost. */
	assert_int_equal(is.groups_lost, 1);
	assert_int_equal(is.models_lost, 1);
	assert_int_equal(is.models_done, 0);
	assert_int_equal(is.endpoints, 0);
	assert_int_equal(ingest_finish(ig, "partial", final, sizeof final,
	    NULL, &cause), 0);
	assert_string_equal(final, "partial");
	assert_int_equal(unit_sql_int(path,
	    "SELECT COUNT(*) FROM endpoint"), 0);
	store_close(s);
	free(path);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group_lost),
		cmocka_unit_test(test_group_lost_at_model_end),
		cmocka_unit_test(test_fresh_model),
		cmocka_unit_test(test_fresh_model_families),
	};
	char	cmd[128];
	int	rc;

	/* Past the limit a write fails (EFBIG) instead of killing us. */
	signal(SIGXFSZ, SIG_IGN);
	if (mkdtemp(tmpdir) == NULL)
		return (1);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	if (system(cmd) != 0)
		return (1);
	return (unit_result(rc));
}
