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
