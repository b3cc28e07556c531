/*
 * test-store-changes: what a run changed -- endpoints added, endpoints
 * tombstoned, price changes between snapshots -- the run in progress and
 * the change stamp, on a hand-built store in a temporary file.
 *
 * The store holds one model, acme/rocket, through these runs:
 *
 *   1 sync ok       A B C V (stats, v1) and E as a catalogue's featured
 *                   endpoint
 *   2 sync ok       A (prompt price down), B (same blob), D (new), E (as a
 *                   stats object: new blob, same prices), V (completion up);
 *                   sweeps C
 *   3 import ok     nothing (an import never sweeps)
 *   4 sync ok       A B D E; sweeps V
 *   5 sync partial  nothing (a partial run never sweeps)
 *   6 sync          still running
 */
#include "config.h"

#include "unit.h"

#include <math.h>
#include <unistd.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "codec/zblob.h"
#include "project/endpoint.h"
#include "store/store.h"
#include "store/store-changes.h"
#include "util/buf.h"

#define MODEL	"acme/rocket"

static char	tmpdir[] = "/tmp/orbrowse-test-store-changes.XXXXXX";

/* Store obj's canonical JSON as a blob; hash gets its SHA-256 hex. */
static void
put_blob(struct store *s, const json_t *obj, char hash[HASH_HEX_LEN + 1])
{
	struct buf	 canon = BUF_INIT, gz = BUF_INIT;
	char		*cause = NULL;

	assert_int_equal(canon_dump(obj, &canon), 0);
	assert_int_equal(hash_sha256_hex(canon.data, canon.len, hash), 0);
	assert_int_equal(zblob_compress(canon.data, canon.len, &gz, &cause), 0);
	assert_int_equal(store_blob_put(s, hash, ZBLOB_CODEC, canon.len,
	    gz.data, gz.len, NULL, &cause), 0);
	buf_free(&canon);
	buf_free(&gz);
}

static void
put_blob_text(struct store *s, const char *text, char hash[HASH_HEX_LEN + 1])
{
	json_t	*v;

	v = json_loads(text, JSON_DECODE_ANY, NULL);
	assert_non_null(v);
	put_blob(s, v, hash);
	json_decref(v);
}

/*
 * What a sync does with one endpoint object: the blob (the catalogue
 * entry's own when the object is a featured endpoint), the snapshot row and
 * the projection.
 */
static void
put_endpoint(struct store *s, int64_t run, const char *text,
    enum ep_source src)
{
	struct ep_context	 ctx;
	struct ep_row		 row;
	json_error_t		 err;
	const json_t		*obj;
	json_t			*root;
	char			 hash[HASH_HEX_LEN + 1], *cause = NULL;

	root = json_loads(text, 0, &err);
	if (root == NULL)
		fail_msg("%s: %s", text, err.text);
	put_blob(s, root, hash);
	obj = src == EP_SRC_CATALOGUE ? json_object_get(root, "endpoint") :
	    root;
	memset(&ctx, 0, sizeof ctx);
	ctx.model_key = MODEL;
	ep_row_init(&row);
	assert_int_equal(ep_project(obj, src, &ctx, &row, NULL, &cause), 0);
	assert_string_equal(row.model_key, MODEL);
	assert_int_equal(store_endpoint_upsert(s, &row, hash, run,
	    src == EP_SRC_CATALOGUE, 0, &cause), 0);
	assert_int_equal(store_endpoint_snapshot_put(s, run, row.endpoint_id,
	    row.model_key, hash, &cause), 0);
	ep_row_clear(&row);
	json_decref(root);
}

static int64_t
begin_run(struct store *s, const char *source)
{
	int64_t	 id;
	char	*cause = NULL;

	assert_int_equal(store_run_begin(s, source, &id, &cause), 0);
	return (id);
}

/* End a run; a complete sync sweeps first, as sync_finish() does. */
static void
finish_run(struct store *s, int64_t id, const char *source,
    const char *status)
{
	struct run_info	 r;
	char		*cause = NULL;

	if (strcmp(source, "sync") == 0 && strcmp(status, "ok") == 0)
		assert_int_equal(store_endpoint_tombstone(s, id, NULL, &cause),
		    0);
	memset(&r, 0, sizeof r);
	r.id = id;
	snprintf(r.status, sizeof r.status, "%s", status);
	assert_int_equal(store_run_finish(s, &r, &cause), 0);
}

/* A's embedded model has prices of its own, and strings with brackets,
 * quotes and escapes, which finding A's pricing must step over. */
#define EP_A1 "{\"id\": \"a\", \"model_variant_permaslug\": \"" MODEL "\"," \
	" \"model\": {\"name\": \"R\\\"}{[ \\\\\", \"pricing\": {\"prompt\":" \
	" \"0.5\"}, \"a\": [{\"pricing\": 1}, \"]\"]}," \
	" \"provider_name\": \"Alpha\", \"pricing\": {\"prompt\":" \
	" \"0.000001\", \"completion\": \"0.000002\"}}"
#define EP_A2 "{\"id\": \"a\", \"model_variant_permaslug\": \"" MODEL "\"," \
	" \"provider_name\": \"Alpha\", \"pricing\": {\"prompt\":" \
	" \"0.0000008\", \"completion\": \"0.000002\"}}"
#define EP_B "{\"id\": \"b\", \"model_variant_permaslug\": \"" MODEL "\"," \
	" \"provider_name\": \"Beta\", \"pricing\": {\"prompt\": \"0.000003\"," \
	" \"completion\": \"0.000004\"}}"
#define EP_C "{\"id\": \"c\", \"model_variant_permaslug\": \"" MODEL "\"," \
	" \"provider_name\": \"Gamma\", \"pricing\": {\"prompt\": \"0\"," \
	" \"completion\": \"0\"}}"
#define EP_D "{\"id\": \"d\", \"model_variant_permaslug\": \"" MODEL "\"," \
	" \"provider_name\": \"Delta\", \"pricing\": {\"prompt\":" \
	" \"0.000005\", \"completion\": \"0.000006\"}}"
#define EP_E_CAT "{\"slug\": \"acme/rocket\", \"permaslug\": \"" MODEL "\"," \
	" \"name\": \"Acme: Rocket\", \"endpoint\": {\"id\": \"e\"," \
	" \"model_variant_permaslug\": \"" MODEL "\", \"provider_name\":" \
	" \"Epsilon\", \"pricing\": {\"prompt\": \"0.000007\"," \
	" \"completion\": \"0.000008\"}}}"
#define EP_E_STATS "{\"id\": \"e\", \"model_variant_permaslug\": \"" MODEL \
	"\", \"provider_name\": \"Epsilon\", \"pricing\": {\"prompt\":" \
	" \"0.000007\", \"completion\": \"0.000008\"}, \"stats\":" \
	" {\"p50_latency\": 420}}"
#define EP_V1 "{\"name\": \"Vee | acme/rocket\", \"provider_name\": \"Vee\"," \
	" \"tag\": \"vee/fp8\", \"pricing\": {\"prompt\": \"0.000001\"," \
	" \"completion\": \"0.000001\"}}"
#define EP_V2 "{\"name\": \"Vee | acme/rocket\", \"provider_name\": \"Vee\"," \
	" \"tag\": \"vee/fp8\", \"pricing\": {\"prompt\": \"0.000001\"," \
	" \"completion\": \"0.0000015\"}}"

/* The store of the header comment; the run ids are 1 to 6. */
static struct store *
build_store(const char *name)
{
	struct store	*s;
	char		*path, *cause = NULL;
	int64_t		 run;

	path = xasprintf("%s/%s", tmpdir, name);
	assert_int_equal(store_open(path, STORE_CREATE, &s, &cause), 0);
	free(path);

	run = begin_run(s, "sync");
	assert_int_equal(run, 1);
	put_endpoint(s, run, EP_A1, EP_SRC_STATS);
	put_endpoint(s, run, EP_B, EP_SRC_STATS);
	put_endpoint(s, run, EP_C, EP_SRC_STATS);
	put_endpoint(s, run, EP_E_CAT, EP_SRC_CATALOGUE);
	put_endpoint(s, run, EP_V1, EP_SRC_V1);
	finish_run(s, run, "sync", "ok");

	run = begin_run(s, "sync");
	put_endpoint(s, run, EP_A2, EP_SRC_STATS);
	put_endpoint(s, run, EP_B, EP_SRC_STATS);
	put_endpoint(s, run, EP_D, EP_SRC_STATS);
	put_endpoint(s, run, EP_E_STATS, EP_SRC_STATS);
	put_endpoint(s, run, EP_V2, EP_SRC_V1);
	finish_run(s, run, "sync", "ok");

	run = begin_run(s, "import");
	finish_run(s, run, "import", "ok");

	run = begin_run(s, "sync");
	put_endpoint(s, run, EP_A2, EP_SRC_STATS);
	put_endpoint(s, run, EP_B, EP_SRC_STATS);
	put_endpoint(s, run, EP_D, EP_SRC_STATS);
	put_endpoint(s, run, EP_E_STATS, EP_SRC_STATS);
	finish_run(s, run, "sync", "ok");

	run = begin_run(s, "sync");
	finish_run(s, run, "sync", "partial");

	run = begin_run(s, "sync");
	assert_int_equal(run, 6);
	return (s);
}

static void
assert_ids(const struct run_endpoint *list, size_t n, const char *want)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < n; i++)
		buf_printf(&b, "%s%s", i == 0 ? "" : " ", list[i].endpoint_id);
	assert_string_equal(buf_str(&b), want);
	buf_free(&b);
}

static void
test_added(void **state)
{
	struct run_endpoint	*list;
	struct store		*s;
	size_t			 n;
	char			*cause = NULL;

	(void)state;
	s = build_store("added.db");
	assert_int_equal(store_changes_added(s, 1, &list, &n, &cause), 0);
	assert_ids(list, n, "a b e c v1:vee/fp8");
	/* Sorted by provider: Alpha Beta Epsilon Gamma Vee. */
	assert_string_equal(list[0].provider, "Alpha");
	assert_string_equal(list[0].model_key, MODEL);
	assert_int_equal(list[0].first_run_id, 1);
	assert_int_equal(list[0].last_run_id, 4);
	assert_true(list[0].active);
	assert_true(fabs(list[0].price_prompt - 0.0000008) < 1e-15);
	assert_false(list[3].active);
	run_endpoint_list_free(list, n);

	assert_int_equal(store_changes_added(s, 2, &list, &n, &cause), 0);
	assert_ids(list, n, "d");
	assert_true(fabs(list[0].price_completion - 0.000006) < 1e-15);
	run_endpoint_list_free(list, n);

	assert_int_equal(store_changes_added(s, 4, &list, &n, &cause), 0);
	assert_int_equal(n, 0);
	assert_null(list);
	store_close(s);
}

static void
test_tombstoned(void **state)
{
	struct run_endpoint	*list;
	struct store		*s;
	size_t			 n;
	char			*cause = NULL;
	int64_t			 run;

	(void)state;
	s = build_store("tombstoned.db");
	/* C, last seen by run 1, was swept by the next complete sync. */
	assert_int_equal(store_changes_tombstoned(s, 2, &list, &n, &cause), 0);
	assert_ids(list, n, "c");
	assert_int_equal(list[0].last_run_id, 1);
	assert_false(list[0].active);
	assert_string_equal(list[0].provider, "Gamma");
	run_endpoint_list_free(list, n);
	/* V, last seen by run 2: the import (3) did not sweep, run 4 did. */
	assert_int_equal(store_changes_tombstoned(s, 4, &list, &n, &cause), 0);
	assert_ids(list, n, "v1:vee/fp8");
	run_endpoint_list_free(list, n);
	for (run = 1; run <= 6; run++) {
		if (run == 2 || run == 4)
			continue;
		assert_int_equal(store_changes_tombstoned(s, run, &list, &n,
		    &cause), 0);
		assert_int_equal(n, 0);
		run_endpoint_list_free(list, n);
	}
	/* A listing that comes back is no longer reported as swept. */
	put_endpoint(s, 6, EP_C, EP_SRC_STATS);
	assert_int_equal(store_changes_tombstoned(s, 2, &list, &n, &cause), 0);
	assert_int_equal(n, 0);
	run_endpoint_list_free(list, n);
	store_close(s);
}

static void
test_price_changes(void **state)
{
	struct run_snap_pair	*pairs;
	struct snap_prices	 before, after;
	struct store		*s;
	size_t			 n;
	char			 hash[HASH_HEX_LEN + 1], *cause = NULL;
	int			 changed;

	(void)state;
	s = build_store("prices.db");
	/* B kept its blob and D has no earlier snapshot: no pair. */
	assert_int_equal(store_changes_snap_pairs(s, 2, &pairs, &n, &cause), 0);
	assert_int_equal(n, 3);
	assert_string_equal(pairs[0].endpoint_id, "a");
	assert_string_equal(pairs[0].provider, "Alpha");
	assert_string_equal(pairs[1].endpoint_id, "e");
	assert_string_equal(pairs[2].endpoint_id, "v1:vee/fp8");
	assert_int_equal(pairs[0].old_run, 1);
	assert_string_not_equal(pairs[0].old_hash, pairs[0].new_hash);
	assert_int_equal(strlen(pairs[0].old_hash), 64);

	assert_int_equal(store_changes_price_diff(s, &pairs[0], &before, &after,
	    &changed, &cause), 0);
	assert_true(changed);
	assert_true(fabs(before.prompt - 0.000001) < 1e-15);
	assert_true(fabs(after.prompt - 0.0000008) < 1e-15);
	assert_true(fabs(after.completion - 0.000002) < 1e-15);
	assert_true(isnan(after.cache_read));

	/* The catalogue entry and the stats object price E the same. */
	assert_int_equal(store_changes_price_diff(s, &pairs[1], &before, &after,
	    &changed, &cause), 0);
	assert_false(changed);
	assert_true(fabs(before.prompt - 0.000007) < 1e-15);
	assert_true(fabs(after.completion - 0.000008) < 1e-15);

	/* A v1 endpoint object, which has no id of its own. */
	assert_int_equal(store_changes_price_diff(s, &pairs[2], &before, &after,
	    &changed, &cause), 0);
	assert_true(changed);
	assert_true(fabs(before.completion - 0.000001) < 1e-15);
	assert_true(fabs(after.completion - 0.0000015) < 1e-15);
	run_snap_pair_list_free(pairs, n);

	/* Run 4 saw the same blobs as run 2, although run 3 came between. */
	assert_int_equal(store_changes_snap_pairs(s, 4, &pairs, &n, &cause), 0);
	assert_int_equal(n, 0);
	run_snap_pair_list_free(pairs, n);
	assert_int_equal(store_changes_snap_pairs(s, 1, &pairs, &n, &cause), 0);
	assert_int_equal(n, 0);
	run_snap_pair_list_free(pairs, n);

	/* A blob that holds no endpoint object is an error, not a price. */
	put_blob_text(s, "[1, 2]", hash);
	assert_int_equal(store_changes_snapshot_prices(s, hash, MODEL, &before,
	    &cause), -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	/* One without pricing has no prices, and that is not an error. */
	put_blob_text(s, "{\"id\": \"z\", \"pricing\": null}", hash);
	assert_int_equal(store_changes_snapshot_prices(s, hash, MODEL, &before,
	    &cause), 0);
	assert_true(isnan(before.prompt) && isnan(before.completion));

	/* A hash with no blob is an error, not a price. */
	assert_int_equal(store_changes_snapshot_prices(s, "00000000000000000000"
	    "00000000000000000000000000000000000000000000", MODEL, &before,
	    &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_true(isnan(before.prompt));
	store_close(s);
}

static void
test_running_and_stamp(void **state)
{
	struct store_stamp	 a, b;
	struct run_info		 r;
	struct store		*s, *other;
	char			*path, *cause = NULL;
	int			 found;

	(void)state;
	s = build_store("running.db");
	assert_int_equal(store_run_running(s, &r, &found, &cause), 0);
	assert_true(found);
	assert_int_equal(r.id, 6);
	assert_string_equal(r.status, "running");
	assert_int_equal(r.pid, (int64_t)getpid());
	run_info_clear(&r);

	/* A commit by another connection moves the stamp... */
	assert_int_equal(store_stamp(s, &a, &cause), 0);
	assert_int_equal(store_stamp(s, &b, &cause), 0);
	assert_memory_equal(&a, &b, sizeof a);
	path = xasprintf("%s/running.db", tmpdir);
	assert_int_equal(store_open(path, 0, &other, &cause), 0);
	free(path);
	finish_run(other, 6, "sync", "aborted");
	store_close(other);
	assert_int_equal(store_stamp(s, &b, &cause), 0);
	assert_true(b.data_version != a.data_version);
	assert_int_equal(store_run_running(s, &r, &found, &cause), 0);
	assert_false(found);

	/* ... and so does one by this connection. */
	a = b;
	begin_run(s, "sync");
	assert_int_equal(store_stamp(s, &b, &cause), 0);
	assert_true(b.changes != a.changes);
	assert_int_equal(store_run_running(s, &r, &found, &cause), 0);
	assert_true(found);
	assert_int_equal(r.id, 7);
	run_info_clear(&r);
	store_close(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_added),
		cmocka_unit_test(test_tombstoned),
		cmocka_unit_test(test_price_changes),
		cmocka_unit_test(test_running_and_stamp),
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
