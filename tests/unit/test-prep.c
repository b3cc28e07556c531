/*
 * test-prep: the sync's worker thread (sync/prep.c) and the filter of
 * stored blobs it consults (codec/hashfilter.c).
 *
 * Every prepared item is checked against the same work done directly on
 * the main thread (canonical JSON, SHA-256, inflating the blob back), for
 * the real captures, with and without a dictionary, inline and on the
 * thread, with the main thread helping, and when the run stops with jobs
 * still queued (valgrind and ASan see the frees).
 */
#include "config.h"

#include "unit.h"

#include <time.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "codec/hashfilter.h"
#include "codec/zblob.h"
#include "project/payload.h"
#include "sync/prep.h"
#include "util/buf.h"

#define FIXTURE_STATS	"stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json"
#define FIXTURE_V1 \
	"v1-endpoints-qwen-qwen3-235b-a22b-thinking-2507-2025-07-29.json"
#define FIXTURE_BIG \
	"stats-endpoint-meta-llama-llama-4-scout-17b-16e-instruct-standard-" \
	"2025-05-20.json"

static char *
read_fixture(const char *name, size_t *len)
{
	char	*path, *data;
	FILE	*f;
	long	 n;

	path = unit_shared_path(name);
	if ((f = fopen(path, "rb")) == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	data = xmalloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	free(path);
	*len = (size_t)n;
	return (data);
}

static struct prep_job *
make_job(const char *name, uint32_t dict)
{
	struct prep_job	*job;
	char		*data;
	size_t		 len;

	job = xcalloc(1, sizeof *job);
	data = read_fixture(name, &len);
	buf_add(&job->body, data, len);
	free(data);
	job->blobs = 1;
	job->dict = dict;
	return (job);
}

/* The endpoint objects of a listing, as the sync would store them. */
static const json_t *
listing_of(const json_t *root)
{
	const json_t	*data = json_object_get(root, "data");

	if (json_is_array(data))
		return (data);
	return (json_object_get(data, "endpoints"));
}

/*
 * Each item is what the main thread would have made; *packed counts the
 * compressed ones.  known (may be NULL) is the filter the job saw.
 */
/*
 * A split item: its parts are the object's model and provider (a part's
 * blob, when sent, inflates to it), and the skeleton with the parts put
 * back is the object's canonical form.
 */
static void
check_split(const struct prep_job *job, const struct prep_item *it,
    const struct buf *canon, const struct hashfilter *known)
{
	struct canon_span	 span[CANON_PARTS];
	struct buf		 parts[CANON_PARTS], skel, whole;
	size_t			 n, i, at[CANON_PARTS], nat, zoff;
	int			 delta;
	char			 hash[HASH_HEX_LEN + 1];
	char			*cause = NULL;
	const char		*blob = job->blobs_data.data + it->off;

	n = canon_split(canon->data, canon->len, payload_endpoint_parts,
	    span);
	assert_int_equal(n, it->nparts);
	buf_init(&skel);
	buf_init(&whole);
	for (i = 0; i < n; i++) {
		buf_init(&parts[i]);
		buf_add(&parts[i], canon->data + span[i].off, span[i].len);
		assert_int_equal(hash_sha256_hex(parts[i].data, parts[i].len,
		    hash), 0);
		assert_string_equal(it->parts[i].hash, hash);
		assert_int_equal(it->parts[i].raw_len, span[i].len);
		if (it->parts[i].len == 0)
			continue;
		/* Sent: not one the database may have. */
		assert_false(hashfilter_maybe(known, hash));
		if (zblob_verify(job->blobs_data.data + it->parts[i].off,
		    it->parts[i].len, hash, ZBLOB_CAP, &whole, &cause) != 0)
			fail_msg("part %zu: %s", i, cause);
	}
	if (zblob_split_read(blob, it->len, at, &nat, &delta, &zoff,
	    &cause) != 0)
		fail_msg("split header: %s", cause);
	assert_false(delta);	/* the worker makes no delta */
	assert_int_equal(nat, n);
	if (zblob_inflate(blob + zoff, it->len - zoff, ZBLOB_CAP, &skel,
	    &cause) != 0)
		fail_msg("skeleton: %s", cause);
	assert_int_equal(canon_splice(skel.data, skel.len, at, parts, n,
	    &whole), 0);
	assert_int_equal(whole.len, canon->len);
	assert_memory_equal(whole.data, canon->data, canon->len);
	for (i = 0; i < n; i++)
		buf_free(&parts[i]);
	buf_free(&skel);
	buf_free(&whole);
}

static void
check_job(const struct prep_job *job, const struct hashfilter *known,
    size_t *packed)
{
	const struct prep_item	*it;
	const json_t		*list, *obj;
	struct buf		 canon, out;
	char			 hash[HASH_HEX_LEN + 1];
	char			*cause = NULL;
	size_t			 i;

	buf_init(&canon);
	buf_init(&out);
	assert_non_null(job->root);
	assert_null(job->why);
	assert_int_equal(job->body.len, 0);
	list = listing_of(job->root);
	assert_true(json_array_size(list) > 0);
	assert_int_equal(job->nitems, json_array_size(list));
	*packed = 0;
	json_array_foreach(list, i, obj) {
		it = prep_item_at(job, i);
		assert_non_null(it);
		assert_int_equal(canon_dump(obj, &canon), 0);
		assert_int_equal(hash_sha256_hex(canon.data, canon.len, hash),
		    0);
		assert_string_equal(it->hash, hash);
		if (hashfilter_maybe(known, hash)) {
			assert_false(it->packed);
			continue;
		}
		assert_true(it->packed);
		(*packed)++;
		assert_int_equal(it->dict, job->dict);
		assert_int_equal(it->raw_len, canon.len);
		assert_true(it->off + it->len <= job->blobs_data.len);
		if (it->nparts > 0) {
			check_split(job, it, &canon, known);
			continue;
		}
		if (zblob_verify(job->blobs_data.data + it->off, it->len, hash,
		    ZBLOB_CAP, &out, &cause) != 0)
			fail_msg("item %zu: %s", i, cause);
		assert_memory_equal(out.data, canon.data, canon.len);
	}
	assert_null(prep_item_at(job, job->nitems));
	buf_free(&canon);
	buf_free(&out);
}

/* Within a job each distinct part is sent (has a blob) once. */
static void
check_parts_once(const struct prep_job *job)
{
	size_t	i, j, k, l, sent = 0;

	for (i = 0; i < job->nitems; i++) {
		for (j = 0; j < job->items[i].nparts; j++) {
			if (job->items[i].parts[j].len == 0)
				continue;
			sent++;
			for (k = 0; k <= i; k++) {
				for (l = 0; l < job->items[k].nparts; l++) {
					if ((k == i && l == j) ||
					    job->items[k].parts[l].len == 0)
						continue;
					assert_string_not_equal(
					    job->items[k].parts[l].hash,
					    job->items[i].parts[j].hash);
				}
			}
		}
	}
	assert_true(sent <= 2 * job->nitems);
}

static void
test_prep_inline(void **state)
{
	static const char	*names[] = { FIXTURE_STATS, FIXTURE_V1,
	    FIXTURE_BIG };
	struct zblob_deflater	*z;
	struct prep_job		*job;
	size_t			 i, packed;

	(void)state;
	z = zblob_deflater_new();
	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		job = make_job(names[i], 0);
		prep_run(job, z, NULL);
		check_job(job, NULL, &packed);
		assert_int_equal(packed, job->nitems);
		/* The frontend's listings embed the model: stored split. */
		if (i != 1) {
			assert_true(job->nitems > 1);
			assert_true(job->items[0].nparts > 0);
		}
		check_parts_once(job);
		prep_job_free(job);
	}
	zblob_deflater_free(z);
}



static void
test_prep_dict(void **state)
{
	struct zblob_deflater	*z;
	struct prep_job		*job;
	char			*sample;
	size_t			 len, packed;
	uint32_t		 id;

	(void)state;
	zblob_dict_clear();
	sample = read_fixture(FIXTURE_BIG, &len);
	id = zblob_dict_add(sample, len < ZBLOB_DICT_MAX ? len :
	    ZBLOB_DICT_MAX);
	free(sample);
	z = zblob_deflater_new();
	job = make_job(FIXTURE_STATS, id);
	prep_run(job, z, NULL);
	check_job(job, NULL, &packed);
	assert_true(packed > 0);
	prep_job_free(job);
	zblob_deflater_free(z);
	zblob_dict_clear();
}

static void
test_prep_known(void **state)
{
	struct zblob_deflater	*z;
	struct hashfilter	 known;
	struct prep_job		*job;
	size_t			 packed;

	(void)state;
	z = zblob_deflater_new();
	/* Learn the hash of the first object, then prepare again. */
	job = make_job(FIXTURE_BIG, 0);
	prep_run(job, z, NULL);
	assert_true(job->nitems > 2);
	hashfilter_init(&known, 10);
	hashfilter_add(&known, job->items[0].hash);
	prep_job_free(job);

	job = make_job(FIXTURE_BIG, 0);
	prep_run(job, z, &known);
	check_job(job, &known, &packed);
	assert_false(job->items[0].packed);
	assert_int_equal(packed, job->nitems - 1);
	prep_job_free(job);
	hashfilter_free(&known);
	zblob_deflater_free(z);
}

static void
test_prep_bad(void **state)
{
	static const struct {
		const char	*body;
		int		 json;
	} bodies[] = {
		{ "", 0 }, { "{", 0 }, { "<html>", 0 }, { "[1, 2", 0 },
		{ "null", 0 },
		{ "{\"data\": [1, \"x\", {}]}", 1 },
		{ "{\"data\": {\"endpoints\": 3}}", 1 },
		{ "[]", 1 }
	};
	struct zblob_deflater	*z;
	struct prep_job		*job;
	size_t			 i;

	(void)state;
	z = zblob_deflater_new();
	for (i = 0; i < sizeof bodies / sizeof bodies[0]; i++) {
		job = xcalloc(1, sizeof *job);
		buf_addstr(&job->body, bodies[i].body);
		job->blobs = 1;
		prep_run(job, z, NULL);
		if (!bodies[i].json) {
			assert_null(job->root);
			assert_non_null(job->why);
			assert_non_null(strstr(job->why, "invalid JSON"));
		} else
			assert_non_null(job->root);
		/* Elements that are not objects get no item. */
		assert_null(prep_item_at(job, 0));
		assert_null(prep_item_at(job, 1));
		prep_job_free(job);
	}
	zblob_deflater_free(z);
}

/*
 * A listing's body hash: the SHA-256 of its bytes; when it is the one
 * expected, the objects are not prepared, and the body is kept unparsed
 * unless the tree is asked for.
 */
static void
test_prep_unchanged(void **state)
{
	struct zblob_deflater	*z;
	struct prep_job		*job;
	char			 want[HASH_HEX_LEN + 1], *data;
	size_t			 len;

	(void)state;
	z = zblob_deflater_new();
	data = read_fixture(FIXTURE_STATS, &len);
	assert_int_equal(hash_sha256_hex(data, len, want), 0);

	/* Nothing expected: prepared as ever, and the hash given. */
	job = make_job(FIXTURE_STATS, 0);
	prep_run(job, z, NULL);
	assert_string_equal(job->body_sha, want);
	assert_false(job->unchanged);
	assert_non_null(job->root);
	assert_true(job->nitems > 0);
	prep_job_free(job);

	/* Another hash expected: the same. */
	job = make_job(FIXTURE_STATS, 0);
	memset(job->expect_sha, 'a', HASH_HEX_LEN);
	prep_run(job, z, NULL);
	assert_false(job->unchanged);
	assert_non_null(job->root);
	assert_true(job->nitems > 0);
	prep_job_free(job);

	/* The hash expected: not parsed, the body kept byte for byte. */
	job = make_job(FIXTURE_STATS, 0);
	memcpy(job->expect_sha, want, sizeof want);
	prep_run(job, z, NULL);
	assert_true(job->unchanged);
	assert_null(job->root);
	assert_null(job->why);
	assert_int_equal(job->nitems, 0);
	assert_int_equal(job->body.len, len);
	assert_memory_equal(job->body.data, data, len);
	prep_job_free(job);

	/* ... and with the tree asked for, parsed but not prepared. */
	job = make_job(FIXTURE_STATS, 0);
	memcpy(job->expect_sha, want, sizeof want);
	job->need_tree = 1;
	prep_run(job, z, NULL);
	assert_true(job->unchanged);
	assert_non_null(job->root);
	assert_int_equal(json_array_size(listing_of(job->root)), 2);
	assert_int_equal(job->nitems, 0);
	prep_job_free(job);

	/* Not a listing: no hash made. */
	job = make_job(FIXTURE_STATS, 0);
	job->blobs = 0;
	memcpy(job->expect_sha, want, sizeof want);
	prep_run(job, z, NULL);
	assert_false(job->unchanged);
	assert_string_equal(job->body_sha, "");
	assert_non_null(job->root);
	prep_job_free(job);
	free(data);
	zblob_deflater_free(z);
}

static unsigned	wakes;
static unsigned	dropped;

static void
drop_job(struct prep_job *job)
{
	dropped++;
	prep_job_free(job);
}

static void
wake_cb(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&wakes, 1, __ATOMIC_SEQ_CST);
}

static void
sleep_ms(long ms)
{
	struct timespec	ts = { 0, ms * 1000000L };

	nanosleep(&ts, NULL);
}

/* Many jobs through the thread, the main thread helping with some. */
static void
test_prep_thread(void **state)
{
	static const char	*names[] = { FIXTURE_STATS, FIXTURE_V1,
	    FIXTURE_BIG };
	enum { NJOBS = 60 };
	struct prep		*p;
	struct prep_job		*job;
	int			 seen[NJOBS];
	size_t			 i, back = 0, helped = 0, packed;
	int			 waits = 0;

	(void)state;
	memset(seen, 0, sizeof seen);
	wakes = 0;
	p = prep_start(wake_cb, NULL, NULL, 1);
	for (i = 0; i < NJOBS; i++) {
		job = make_job(names[i % 3], 0);
		job->arg = &seen[i];
		prep_submit(p, job);
	}
	assert_int_equal(prep_pending(p), NJOBS);
	while (back < NJOBS && waits < 60000) {
		if ((job = prep_done(p)) == NULL && back % 7 == 0 &&
		    (job = prep_help(p)) != NULL)
			helped++;
		if (job == NULL) {
			sleep_ms(1);
			waits++;
			continue;
		}
		check_job(job, NULL, &packed);
		assert_int_equal(packed, job->nitems);
		(*(int *)job->arg)++;
		back++;
		/* Half are freed by the worker. */
		if (back % 2 == 0)
			prep_dispose(p, job);
		else
			prep_job_free(job);
	}
	assert_int_equal(back, NJOBS);
	for (i = 0; i < NJOBS; i++)
		assert_int_equal(seen[i], 1);
	assert_int_equal(prep_pending(p), 0);
	assert_null(prep_done(p));
	assert_null(prep_help(p));
	prep_stop(p, NULL);
	/* Every job the worker did woke the caller. */
	assert_int_equal(wakes + helped, NJOBS);
}

/* Without a thread every job is done as it is handed over, in order. */
static void
test_prep_no_thread(void **state)
{
	struct prep	*p;
	struct prep_job	*job;
	int		 tags[5];
	size_t		 i, packed;

	(void)state;
	p = prep_start(wake_cb, NULL, NULL, 0);
	wakes = 0;
	for (i = 0; i < 5; i++) {
		job = make_job(FIXTURE_STATS, 0);
		job->arg = &tags[i];
		prep_submit(p, job);
		assert_int_equal(prep_pending(p), i + 1);
	}
	assert_null(prep_help(p));
	for (i = 0; i < 5; i++) {
		job = prep_done(p);
		assert_non_null(job);
		assert_ptr_equal(job->arg, &tags[i]);
		check_job(job, NULL, &packed);
		prep_dispose(p, job);
	}
	assert_null(prep_done(p));
	assert_int_equal(prep_pending(p), 0);
	/* One left done and not taken is dropped by the stop. */
	prep_submit(p, make_job(FIXTURE_V1, 0));
	dropped = 0;
	prep_stop(p, drop_job);
	assert_int_equal(dropped, 1);
	assert_int_equal(wakes, 0);
}

/* Stopping with jobs queued and done hands each back to drop, once. */
/*
 * A response whose tree would be large is left by the worker to the main
 * thread, which parses it in prep_done(): one large tree at a time.  Large
 * is over 4 MiB, or over 256 KiB with more than 25,000 values.
 */
static struct prep_job *
text_job(const char *head, const char *item, size_t n, const char *tail)
{
	struct prep_job	*job = xcalloc(1, sizeof *job);
	size_t		 i;

	buf_addstr(&job->body, head);
	for (i = 0; i < n; i++)
		buf_addstr(&job->body, item);
	buf_addstr(&job->body, tail);
	return (job);
}

static void
test_prep_large(void **state)
{
	struct prep	*p;
	struct prep_job	*job, *jobs[4];
	size_t		 back = 0;
	int		 waits = 0;

	(void)state;
	p = prep_start(NULL, NULL, NULL, 1);
	/* 50,000 values in 400 KB: large (and within the tree's budget). */
	jobs[0] = text_job("{\"data\":[", "0,      ", 50000, "0]}");
	/* 300 KB in one string, a few values: not large. */
	jobs[1] = text_job("{\"data\":[\"", "xy", 150000, "\"]}");
	/* 5 MB, however few its values: large. */
	jobs[2] = text_job("[\"", "abcde", 1000000, "\"]");
	/* A small one. */
	jobs[3] = text_job("{\"data\":[", "1,", 10, "1]}");
	for (back = 0; back < 4; back++) {
		jobs[back]->arg = jobs[back];
		prep_submit(p, jobs[back]);
	}
	back = 0;
	while (back < 4 && waits < 60000) {
		if ((job = prep_done(p)) == NULL) {
			sleep_ms(1);
			waits++;
			continue;
		}
		/* In the order handed over, every one parsed. */
		assert_ptr_equal(job->arg, jobs[back]);
		assert_non_null(job->root);
		assert_int_equal(job->large, 0);
		/* Parsed here (helped) only when large. */
		assert_int_equal(job->helped, back == 0 || back == 2);
		prep_dispose(p, job);
		back++;
	}
	assert_int_equal(back, 4);
	prep_stop(p, NULL);
}

static void
test_prep_stop(void **state)
{
	struct prep	*p;
	struct prep_job	*job;
	size_t		 i, taken = 0;

	(void)state;
	dropped = 0;
	p = prep_start(NULL, NULL, NULL, 1);
	for (i = 0; i < 40; i++)
		prep_submit(p, make_job(FIXTURE_BIG, 0));
	/* A job to free among them: not the caller's to drop. */
	job = make_job(FIXTURE_STATS, 0);
	prep_dispose(p, job);
	while (taken < 3) {
		if ((job = prep_done(p)) == NULL) {
			sleep_ms(1);
			continue;
		}
		prep_job_free(job);
		taken++;
	}
	prep_stop(p, drop_job);
	assert_int_equal(dropped, 40 - taken);
}

static void
test_hashfilter(void **state)
{
	struct hashfilter	 f, empty;
	struct buf		 b;
	char			 hash[HASH_HEX_LEN + 1];
	unsigned		 i, fp = 0;

	(void)state;
	buf_init(&b);
	hashfilter_init(&f, 5000);
	for (i = 0; i < 5000; i++) {
		buf_reset(&b);
		buf_printf(&b, "in-%u", i);
		assert_int_equal(hash_sha256_hex(b.data, b.len, hash), 0);
		hashfilter_add(&f, hash);
	}
	for (i = 0; i < 5000; i++) {
		buf_reset(&b);
		buf_printf(&b, "in-%u", i);
		assert_int_equal(hash_sha256_hex(b.data, b.len, hash), 0);
		assert_true(hashfilter_maybe(&f, hash));
	}
	for (i = 0; i < 100000; i++) {
		buf_reset(&b);
		buf_printf(&b, "out-%u", i);
		assert_int_equal(hash_sha256_hex(b.data, b.len, hash), 0);
		fp += (unsigned)hashfilter_maybe(&f, hash);
	}
	/* 16 bits and 4 probes per digest: about 0.24% (240 of 100,000). */
	assert_true(fp < 1000);
	/* Anything else is only not useful. */
	hashfilter_add(&f, "");
	hashfilter_add(&f, "not hex at all \xff");
	(void)hashfilter_maybe(&f, "zz");
	assert_true(hashfilter_maybe(&f, ""));
	hashfilter_free(&f);
	memset(&empty, 0, sizeof empty);
	assert_false(hashfilter_maybe(&empty, hash));
	assert_false(hashfilter_maybe(NULL, hash));
	/* A large n gets proportionally many bits. */
	hashfilter_init(&f, 1000000);
	assert_true(f.mask + 1 >= 16u * 1000000);
	hashfilter_free(&f);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hashfilter),
		cmocka_unit_test(test_prep_bad),
		cmocka_unit_test(test_prep_inline),
		cmocka_unit_test(test_prep_unchanged),
		cmocka_unit_test(test_prep_dict),
		cmocka_unit_test(test_prep_known),
		cmocka_unit_test(test_prep_thread),
		cmocka_unit_test(test_prep_large),
		cmocka_unit_test(test_prep_stop),
		cmocka_unit_test(test_prep_no_thread),
	};

	unit_require_shared("test-prep");
	return (cmocka_run_group_tests(tests, NULL, NULL));
}
