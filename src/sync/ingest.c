#include "config.h"

#include "sync/ingest.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "codec/zblob.h"
#include "project/endpoint.h"
#include "project/metric.h"
#include "project/model-key.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The run's error text is bounded; later errors are only counted. */
#define INGEST_ERRORS_MAX	(64 * 1024)

int
ingest_begin(struct ingest *ig, struct store *store, const char *source,
    const char *route_family, char **cause)
{
	memset(ig, 0, sizeof *ig);
	ig->store = store;
	if (store_run_begin(store, source, &ig->run.id, cause) != 0)
		return (-1);
	snprintf(ig->run.status, sizeof ig->run.status, "running");
	ig->run.source = xstrdup(source);
	ig->run.route_family = route_family != NULL ? xstrdup(route_family) :
	    NULL;
	return (0);
}

void
ingest_error(struct ingest *ig, const char *fmt, ...)
{
	va_list	ap;

	ig->run.error_count++;
	if (ig->errors.len >= INGEST_ERRORS_MAX)
		return;
	va_start(ap, fmt);
	buf_vprintf(&ig->errors, fmt, ap);
	va_end(ap);
	buf_addch(&ig->errors, '\n');
}

void
ingest_account(struct ingest *ig, size_t bytes_raw, unsigned requests)
{
	ig->run.bytes_raw += (int64_t)bytes_raw;
	ig->run.requests += requests;
}

/*
 * A database's compression dictionary is made of the first endpoint objects
 * it stores (nine in ten blobs are endpoints, and each embeds its model):
 * up to INGEST_SAMPLE bytes of each until there is ZBLOB_DICT_MAX.
 * The objects before that are plain gzip.  The dictionary is written with
 * the next group commit and used from then on.
 */
#define INGEST_SAMPLE	ZBLOB_DICT_MAX

static void
ingest_train(struct ingest *ig)
{
	size_t	n;

	if (ig->train.len >= ZBLOB_DICT_MAX)
		return;
	n = ig->canon.len < INGEST_SAMPLE ? ig->canon.len : INGEST_SAMPLE;
	if (n > ZBLOB_DICT_MAX - ig->train.len)
		n = ZBLOB_DICT_MAX - ig->train.len;
	buf_add(&ig->train, ig->canon.data, n);
}

/*
 * Canonicalise, hash, and store obj's blob unless its hash is known.  With
 * pi (sync/prep.h) the hash and the blob were made on the worker thread;
 * the blob is used when it was compressed with the dictionary in use now.
 */
static int
ingest_blob(struct ingest *ig, const json_t *obj, const struct prep_item *pi,
    int sample, char hash[HASH_HEX_LEN + 1], char **cause)
{
	const void	*gz;
	size_t		 gzlen, raw_len;
	uint32_t	 dict;
	int		 exists, added, have_canon = 0;

	if (pi != NULL)
		memcpy(hash, pi->hash, HASH_HEX_LEN + 1);
	else {
		if (canon_dump(obj, &ig->canon) != 0)
			goto bad_canon;
		have_canon = 1;
		if (hash_sha256_hex(ig->canon.data, ig->canon.len, hash) != 0) {
			*cause = xstrdup(_("SHA-256 failed"));
			return (-1);
		}
	}
	if (store_blob_exists(ig->store, hash, &exists, cause) != 0)
		return (-1);
	if (exists)
		return (0);
	dict = store_zdict(ig->store);
	if (dict == 0 && ig->train.len >= ZBLOB_DICT_MAX)
		sample = 0;
	if (pi != NULL && pi->packed && pi->dict == dict &&
	    !(dict == 0 && sample)) {
		gz = ig->prep->blobs_data.data + pi->off;
		gzlen = pi->len;
		raw_len = pi->raw_len;
	} else {
		if (!have_canon && canon_dump(obj, &ig->canon) != 0)
			goto bad_canon;
		if (dict == 0 && sample)
			ingest_train(ig);
		if (zblob_compress_dict(ig->canon.data, ig->canon.len, dict,
		    &ig->gz, cause) != 0)
			return (-1);
		gz = ig->gz.data;
		gzlen = ig->gz.len;
		raw_len = ig->canon.len;
	}
	if (store_blob_put(ig->store, hash, dict != 0 ? ZBLOB_CODEC_DICT :
	    ZBLOB_CODEC, raw_len, gz, gzlen, &added, cause) != 0)
		return (-1);
	if (added) {
		ig->run.blobs_new++;
		ig->run.bytes_gz += (int64_t)gzlen;
	}
	return (0);
bad_canon:
	*cause = xstrdup(_("cannot encode an object as canonical JSON"));
	return (-1);
}

void
ingest_prepared(struct ingest *ig, const struct prep_job *job)
{
	ig->prep = job;
}

/*
 * Project one endpoint object into row: 0, or 1 when it is unusable (a
 * warning, not a failed model; row is left empty).
 */
static int
ingest_project(struct ingest *ig, const json_t *obj, enum ep_source src,
    const struct ep_context *ctx, struct ep_row *row)
{
	unsigned	 warnings = 0;
	char		*why = NULL;

	ep_row_init(row);
	if (ep_project(obj, src, ctx, row, &warnings, &why) != 0) {
		ig->run.warnings++;
		free(why);
		ep_row_clear(row);
		return (1);
	}
	ig->run.warnings += warnings;
	if (row->model_key == NULL) {
		ig->run.warnings++;
		ep_row_clear(row);
		return (1);
	}
	return (0);
}

/*
 * Snapshot, project and upsert one endpoint object of a listing (inside a
 * txn); listing is the id the rows are stamped with (0: none).
 */
static int
ingest_endpoint(struct ingest *ig, const json_t *obj, enum ep_source src,
    const struct ep_context *ctx, const struct prep_item *pi,
    int64_t listing, char **cause)
{
	struct ep_row	 row;
	char		 hash[HASH_HEX_LEN + 1];
	int		 rc = -1, same = -1;

	if (ingest_project(ig, obj, src, ctx, &row) != 0)
		return (0);
	if (pi != NULL) {
		/*
		 * The hash is known before the blob is needed: an endpoint
		 * that has not changed has its blob stored already, and the
		 * lookup of a random hash in the blob index is skipped.
		 */
		if (store_endpoint_snapshot_same(ig->store, ig->run.id,
		    row.endpoint_id, row.model_key, pi->hash, &same,
		    cause) != 0)
			goto out;
		if (same)
			memcpy(hash, pi->hash, sizeof hash);
		else if (ingest_blob(ig, obj, pi, 1, hash, cause) != 0)
			goto out;
	} else if (ingest_blob(ig, obj, NULL, 1, hash, cause) != 0)
		goto out;
	/* The lookup made above is not made again. */
	if ((same >= 0 ? store_endpoint_snapshot_write(ig->store, ig->run.id,
	    row.endpoint_id, row.model_key, hash, same, cause) :
	    store_endpoint_snapshot_put(ig->store, ig->run.id, row.endpoint_id,
	    row.model_key, hash, cause)) != 0)
		goto out;
	if (store_endpoint_upsert(ig->store, &row, hash, ig->run.id, 0,
	    listing, cause) != 0)
		goto out;
	ig->run.endpoints_done++;
	rc = 0;
out:
	ep_row_clear(&row);
	return (rc);
}

/*
 * A catalogue entry's featured endpoint is one of the endpoints its
 * model's listing gives in full, fetched moments later; the catalogue only
 * stands in for a listing that does not come.  So it is projected now and
 * written when the run ends (ingest_featured_flush), only if no listing of
 * the run wrote that row.  Its object is stored verbatim inside the entry's
 * blob, so its snapshot row points there (hash) instead of adding a blob.
 */
static int
ingest_featured_write(struct ingest *ig, const struct ep_row *row,
    const char *hash, char **cause)
{
	if (store_endpoint_snapshot_put(ig->store, ig->run.id,
	    row->endpoint_id, row->model_key, hash, cause) != 0 ||
	    store_endpoint_upsert(ig->store, row, hash, ig->run.id, 1, 0,
	    cause) != 0)
		return (-1);
	ig->run.endpoints_done++;
	return (0);
}

/*
 * Without defer_featured (an import, whose files come in any order, and
 * whose metric series may name the endpoint before its catalogue does)
 * it is written at once.
 */
static int
ingest_featured_add(struct ingest *ig, const json_t *obj,
    const struct ep_context *ctx, const char *hash, char **cause)
{
	struct ingest_featured	*f;
	struct ep_row		 row;
	int			 rc;

	if (!ig->defer_featured) {
		if (ingest_project(ig, obj, EP_SRC_CATALOGUE, ctx, &row) != 0)
			return (0);
		rc = ingest_featured_write(ig, &row, hash, cause);
		ep_row_clear(&row);
		return (rc);
	}
	if (ig->nfeatured == ig->featured_cap) {
		ig->featured_cap = ig->featured_cap == 0 ? 64 :
		    ig->featured_cap * 2;
		ig->featured = xreallocarray(ig->featured, ig->featured_cap,
		    sizeof *ig->featured);
	}
	f = &ig->featured[ig->nfeatured];
	if (ingest_project(ig, obj, EP_SRC_CATALOGUE, ctx, &f->row) != 0)
		return (0);
	snprintf(f->hash, sizeof f->hash, "%s", hash);
	ig->nfeatured++;
	return (0);
}

/* Forget the featured endpoints after the first n (their entries were
 * rolled back). */
static void
ingest_featured_truncate(struct ingest *ig, size_t n)
{
	while (ig->nfeatured > n)
		ep_row_clear(&ig->featured[--ig->nfeatured].row);
	if (ig->featured_committed > n)
		ig->featured_committed = n;
}

static void
ingest_featured_free(struct ingest *ig)
{
	ingest_featured_truncate(ig, 0);
	free(ig->featured);
	ig->featured = NULL;
	ig->featured_cap = 0;
}

/*
 * Transactions.  Each model (or list entry) is a savepoint inside a group
 * transaction that commits, with the run's counters, once it is
 * INGEST_GROUP_MS old: a crash still never leaves part of a model, while
 * the write-ahead log sees one copy of a hot index page per group instead
 * of one per model.  Another process watching run_log sees progress at
 * that pace.
 */
#define INGEST_GROUP_MS	1000

/* Open the group transaction unless it is open. */
static int
ingest_group_begin(struct ingest *ig, char **cause)
{
	if (ig->group)
		return (0);
	if (store_begin(ig->store, cause) != 0)
		return (-1);
	ig->group = 1;
	ig->group_t0 = clock_mono_ms();
	return (0);
}

/* Commit the group with the counters: when old enough, or when forced. */
static int
ingest_group_commit(struct ingest *ig, int force, char **cause)
{
	uint32_t	dict = 0;

	if (!ig->group)
		return (0);
	/* A trained dictionary is committed at once: blobs use it after. */
	if (!force && clock_mono_ms() - ig->group_t0 < INGEST_GROUP_MS &&
	    (ig->train.len < ZBLOB_DICT_MAX || store_zdict(ig->store) != 0))
		return (0);
	ig->group = 0;
	if (ig->train.len >= ZBLOB_DICT_MAX && store_zdict(ig->store) == 0 &&
	    store_zdict_put(ig->store, ig->run.id, ig->train.data,
	    ig->train.len, &dict, cause) != 0) {
		store_rollback(ig->store);
		ingest_featured_truncate(ig, ig->featured_committed);
		return (-1);
	}
	if (store_run_update(ig->store, &ig->run, cause) != 0) {
		store_rollback(ig->store);
		ingest_featured_truncate(ig, ig->featured_committed);
		return (-1);
	}
	if (store_commit(ig->store, cause) != 0) {
		/* (rolled back) */
		ingest_featured_truncate(ig, ig->featured_committed);
		return (-1);
	}
	ig->featured_committed = ig->nfeatured;
	if (dict != 0) {
		store_zdict_use(ig->store, dict);
		buf_free(&ig->train);
	}
	return (0);
}

int
ingest_flush(struct ingest *ig, char **cause)
{
	return (ingest_group_commit(ig, 1, cause));
}

/* Undo the current part; the group may be gone with it (disk full). */
static void
ingest_part_undo(struct ingest *ig)
{
	if (store_part_undo(ig->store) != 0) {
		ig->group = 0;
		ingest_featured_truncate(ig, ig->featured_committed);
	}
}

/* Inside a model a failure dooms the whole model. */
static void
ingest_rollback(struct ingest *ig)
{
	if (ig->outer)
		ig->outer_failed = 1;
	else
		ingest_part_undo(ig);
}

static int
ingest_txn_begin(struct ingest *ig, char **cause)
{
	if (ig->outer)
		return (0);
	if (ingest_group_begin(ig, cause) != 0)
		return (-1);
	if (store_part_begin(ig->store, cause) != 0) {
		ingest_part_undo(ig);
		return (-1);
	}
	return (0);
}

static int
ingest_txn_commit(struct ingest *ig, char **cause)
{
	if (ig->outer)
		return (0);
	if (store_part_end(ig->store, cause) != 0) {
		ingest_part_undo(ig);
		return (-1);
	}
	return (ingest_group_commit(ig, 0, cause));
}

int
ingest_model_begin(struct ingest *ig, char **cause)
{
	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	ig->outer = 1;
	ig->outer_failed = 0;
	return (0);
}

int
ingest_model_end(struct ingest *ig, int ok, char **cause)
{
	ig->outer = 0;
	if (!ok || ig->outer_failed) {
		ingest_part_undo(ig);
		if (cause != NULL && *cause == NULL)
			*cause = xstrdup(_("the model was not stored"));
		return (-1);
	}
	return (ingest_txn_commit(ig, cause));
}

static const char *
json_str(const json_t *obj, const char *key)
{
	return (json_string_value(json_object_get(obj, key)));
}

/* Replace *key (a v1 id) by the model key the directory maps it to. */
static int
ingest_v1_key(struct ingest *ig, char **key, char **cause)
{
	char	**keys;
	size_t	  n;

	if (store_model_alias(ig->store, *key, &keys, &n, cause) != 0)
		return (-1);
	if (n == 1 && strcmp(keys[0], *key) != 0) {
		free(*key);
		*key = xstrdup(keys[0]);
	}
	store_strv_free(keys, n);
	return (0);
}

char *
ingest_v1_model_key(struct ingest *ig, const json_t *entry, char **cause)
{
	char	*key;

	if ((key = model_key_from_v1(entry)) == NULL)
		return (NULL);
	if (json_object_get(entry, "canonical_slug") == NULL &&
	    ingest_v1_key(ig, &key, cause) != 0) {
		free(key);
		return (NULL);
	}
	return (key);
}

/* One /api/v1/models entry. */
static int
ingest_v1_model(struct ingest *ig, const json_t *entry, char **cause)
{
	char	 hash[HASH_HEX_LEN + 1];
	char	*key;
	int	 rc = -1;

	/*
	 * Before canonical_slug existed (mid-2025) the v1 id was only a slug;
	 * the catalogue's model directory knows which key it stands for.
	 */
	if ((key = ingest_v1_model_key(ig, entry, cause)) == NULL) {
		if (*cause != NULL)
			return (-1);
		ig->run.warnings++;
		return (0);
	}
	if (ingest_txn_begin(ig, cause) != 0)
		goto out;
	if (ingest_blob(ig, entry, NULL, 0, hash, cause) != 0 ||
	    store_model_snapshot_put(ig->store, ig->run.id, key, "v1", hash,
	    cause) != 0 ||
	    store_model_put(ig->store, key, json_str(entry, "id"),
	    json_str(entry, "name"), ig->run.id, cause) != 0) {
		ingest_rollback(ig);
		goto out;
	}
	if (!ig->caller_counts)
		ig->run.models_done++;
	rc = ingest_txn_commit(ig, cause);
out:
	free(key);
	return (rc);
}

/* One catalogue entry and its featured endpoint. */
static int
ingest_catalogue_entry(struct ingest *ig, const json_t *entry, char **cause)
{
	struct ep_context	 ctx;
	const json_t		*endpoint;
	const char		*slug, *variant, *name;
	char			 hash[HASH_HEX_LEN + 1];
	char			*key, *v1_id = NULL;
	size_t			 nfeatured;
	int			 rc = -1;

	if ((key = model_key_from_catalogue(entry)) == NULL) {
		ig->run.warnings++;
		return (0);
	}
	nfeatured = ig->nfeatured;
	endpoint = json_object_get(entry, "endpoint");
	name = json_str(entry, "name");
	slug = json_str(entry, "slug");
	if (slug != NULL) {
		variant = json_is_object(endpoint) ?
		    json_str(endpoint, "variant") : NULL;
		v1_id = model_key_make(slug, variant);
	}
	if (ingest_txn_begin(ig, cause) != 0)
		goto out;
	if (ingest_blob(ig, entry, NULL, 0, hash, cause) != 0 ||
	    store_model_snapshot_put(ig->store, ig->run.id, key, "catalogue",
	    hash, cause) != 0 ||
	    store_model_put(ig->store, key, v1_id, name, ig->run.id,
	    cause) != 0)
		goto fail;
	if (json_is_object(endpoint)) {
		memset(&ctx, 0, sizeof ctx);
		ctx.model_key = key;
		ctx.model_name = name;
		ctx.input_modalities = json_object_get(entry,
		    "input_modalities");
		if (ingest_featured_add(ig, endpoint, &ctx, hash, cause) != 0)
			goto fail;
	}
	if (!ig->caller_counts)
		ig->run.models_done++;
	if ((rc = ingest_txn_commit(ig, cause)) != 0)
		ingest_featured_truncate(ig, nfeatured);
	goto out;
fail:
	ingest_rollback(ig);
	ingest_featured_truncate(ig, nfeatured);
out:
	free(v1_id);
	free(key);
	return (rc);
}

/*
 * Record what a listing wrote (see store_listing_get()), so that the same
 * bytes next time only mark its rows seen.
 */
static int
ingest_listing_record(struct ingest *ig, int64_t id, const char *sha,
    int64_t endpoints, int64_t warnings, json_t *names, char **cause)
{
	struct listing_memo	 m;
	int			 rc;

	memset(&m, 0, sizeof m);
	m.id = id;
	snprintf(m.body_sha, sizeof m.body_sha, "%s", sha);
	m.run_id = ig->run.id;
	m.endpoints = endpoints;
	m.warnings = warnings;
	if (store_listing_rows(ig->store, id, ig->run.id, &m.rows, cause) != 0)
		return (-1);
	/*
	 * Not recognised later: a listing that gives one endpoint twice (the
	 * second write of a row is not what seeing it again would do), or
	 * when there is no memory for the names.
	 */
	if (m.rows != endpoints ||
	    (m.names = json_dumps(names, JSON_COMPACT)) == NULL)
		m.body_sha[0] = '\0';
	rc = store_listing_put(ig->store, &m, cause);
	listing_memo_clear(&m);
	return (rc);
}

/*
 * The endpoint list of one model (frontend stats/endpoint, or v1).  With
 * sha (the SHA-256 of the response body) and a model key, what it writes
 * is recorded as that model's listing.
 */
static int
ingest_endpoint_list(struct ingest *ig, const json_t *list,
    enum ep_source src, const struct ep_context *ctx, const char *sha,
    char **cause)
{
	const struct prep_job	*prep = NULL;
	const json_t		*obj, *model;
	const char		*key, *name, *last_key = NULL, *last_name = NULL;
	json_t			*names = NULL;
	int64_t			 listing = 0, endpoints, warnings;
	size_t			 i;

	/* What the worker prepared, if it was this very list. */
	if (ig->prep != NULL && payload_endpoints(ig->prep->root) == list)
		prep = ig->prep;
	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	if (sha != NULL && ctx->model_key != NULL) {
		if (store_listing_id(ig->store, ctx->model_key, &listing,
		    cause) != 0)
			goto fail;
		names = json_array();
	}
	endpoints = ig->run.endpoints_done;
	warnings = ig->run.warnings;
	json_array_foreach(list, i, obj) {
		if (!json_is_object(obj)) {
			ig->run.warnings++;
			continue;
		}
		if (ingest_endpoint(ig, obj, src, ctx, prep_item_at(prep, i),
		    listing, cause) != 0)
			goto fail;
		/*
		 * Keep the model directory's names current: once per model,
		 * though every endpoint of a listing names it.
		 */
		model = json_object_get(obj, "model");
		key = json_str(obj, "model_variant_permaslug");
		name = json_str(model, "name");
		if (key == NULL || name == NULL || (last_key != NULL &&
		    strcmp(key, last_key) == 0 && strcmp(name, last_name) == 0))
			continue;
		if (store_model_put(ig->store, key, NULL, name, ig->run.id,
		    cause) != 0)
			goto fail;
		if (names != NULL)
			json_array_append_new(names, json_pack("[ss]", key,
			    name));
		last_key = key;
		last_name = name;
	}
	if (listing != 0 && ingest_listing_record(ig, listing, sha,
	    ig->run.endpoints_done - endpoints, ig->run.warnings - warnings,
	    names, cause) != 0)
		goto fail;
	json_decref(names);
	if (!ig->caller_counts)
		ig->run.models_done++;
	return (ingest_txn_commit(ig, cause));
fail:
	json_decref(names);
	ingest_rollback(ig);
	return (-1);
}

/* Put the model names a listing recorded; -1 when they do not parse. */
static int
ingest_listing_names(struct ingest *ig, const json_t *names, char **cause)
{
	const json_t	*pair;
	const char	*key, *name;
	size_t		 i;

	json_array_foreach(names, i, pair) {
		key = json_string_value(json_array_get(pair, 0));
		name = json_string_value(json_array_get(pair, 1));
		if (key == NULL || name == NULL) {
			*cause = xstrdup(_("a stored listing is damaged"));
			return (-1);
		}
		if (store_model_put(ig->store, key, NULL, name, ig->run.id,
		    cause) != 0)
			return (-1);
	}
	return (0);
}

int
ingest_listing_same(struct ingest *ig, const char *model_key,
    const char *sha, int *done, char **cause)
{
	struct listing_memo	 m;
	json_t			*names = NULL;
	int64_t			 n;
	int			 rc = -1;

	*done = 0;
	if (store_listing_get(ig->store, model_key, &m, cause) != 0)
		return (-1);
	/* Another body, or a row another writer changed since. */
	if (m.id == 0 || strcmp(m.body_sha, sha) != 0 ||
	    m.run_id == ig->run.id || (names = json_loads(m.names != NULL ?
	    m.names : "", 0, NULL)) == NULL || !json_is_array(names)) {
		rc = 0;
		goto out;
	}
	if (store_listing_rows(ig->store, m.id, m.run_id, &n, cause) != 0)
		goto out;
	if (n != m.rows) {
		rc = 0;
		goto out;
	}
	if (ingest_txn_begin(ig, cause) != 0)
		goto out;
	if (store_listing_seen(ig->store, m.id, m.run_id, ig->run.id, &n,
	    cause) != 0 || ingest_listing_names(ig, names, cause) != 0)
		goto fail;
	m.run_id = ig->run.id;
	if (store_listing_put(ig->store, &m, cause) != 0)
		goto fail;
	ig->run.endpoints_done += m.endpoints;
	ig->run.warnings += m.warnings;
	if (!ig->caller_counts) {
		ig->run.models_total++;
		ig->run.models_done++;
	}
	ig->listings_same++;
	ig->payloads_ok++;
	*done = 1;
	rc = ingest_txn_commit(ig, cause);
	goto out;
fail:
	ingest_rollback(ig);
out:
	json_decref(names);
	listing_memo_clear(&m);
	return (rc);
}

int
ingest_featured_flush(struct ingest *ig, char **cause)
{
	struct ingest_featured	*f;
	int64_t			 seen, before;
	size_t			 i;
	int			 rc = -1;

	if (ig->nfeatured == 0) {
		ingest_featured_free(ig);
		return (0);
	}
	before = ig->run.endpoints_done;
	if (ingest_txn_begin(ig, cause) != 0)
		goto out;
	/* Newest first: of two catalogues giving one endpoint, the later. */
	for (i = ig->nfeatured; i-- > 0; ) {
		f = &ig->featured[i];
		if (store_endpoint_seen(ig->store, f->row.endpoint_id,
		    f->row.model_key, &seen, cause) != 0)
			goto fail;
		if (seen == ig->run.id)
			continue;	/* a listing wrote it in full */
		if (ingest_featured_write(ig, &f->row, f->hash, cause) != 0)
			goto fail;
	}
	rc = ingest_txn_commit(ig, cause);
	if (rc != 0)
		ig->run.endpoints_done = before;
	goto out;
fail:
	ig->run.endpoints_done = before;
	ingest_rollback(ig);
out:
	ingest_featured_free(ig);
	return (rc);
}

static int
ingest_v1_endpoints(struct ingest *ig, const json_t *data,
    const struct ingest_hint *hint, char **cause)
{
	struct ep_context	 ctx;
	const char		*id;
	char			**keys = NULL;
	char			*key = NULL;
	size_t			 n = 0;
	int			 exact, rc;

	memset(&ctx, 0, sizeof ctx);
	id = json_str(data, "id");
	if (hint->model_key != NULL)
		key = xstrdup(hint->model_key);
	else if (id != NULL) {
		/* The v1 id is a slug: the model directory maps it to a key. */
		if (store_model_resolve(ig->store, id, &keys, &n, &exact,
		    cause) != 0)
			return (-1);
		key = xstrdup(exact && n == 1 ? keys[0] : id);
		store_strv_free(keys, n);
	}
	if (key == NULL) {
		*cause = xstrdup(_("v1 endpoint list without a model id"));
		return (-1);
	}
	ctx.model_key = key;
	ctx.model_name = json_str(data, "name");
	ctx.input_modalities = json_object_get(json_object_get(data,
	    "architecture"), "input_modalities");
	rc = ingest_endpoint_list(ig, json_object_get(data, "endpoints"),
	    EP_SRC_V1, &ctx, NULL, cause);
	free(key);
	return (rc);
}

/* Metric points: a first pass decides the bucket, a second stores. */
struct metric_ctx {
	struct ingest	*ig;
	const char	*metric;
	const char	*bucket;
	int		 all_days;
	char		*last;		/* endpoint of the previous point */
	char		*cause;
};

static int
ingest_metric_scan(void *arg, const char *endpoint_id, int64_t ts,
    double value)
{
	struct metric_ctx	*mc = arg;

	(void)endpoint_id;
	(void)value;
	if (ts % 86400 != 0)
		mc->all_days = 0;
	return (0);
}

static int
ingest_metric_put(void *arg, const char *endpoint_id, int64_t ts,
    double value)
{
	struct metric_ctx	*mc = arg;

	if (store_metric_put(mc->ig->store, endpoint_id, mc->metric,
	    mc->bucket, ts, value, &mc->cause) != 0)
		return (-1);
	mc->ig->metrics++;
	/*
	 * Uptime points arrive grouped by endpoint: when the endpoint changes,
	 * the previous one is complete and its uptime column can be refreshed
	 * (the last one is refreshed after the walk).
	 */
	if (strcmp(mc->metric, "uptime") == 0 && (mc->last == NULL ||
	    strcmp(mc->last, endpoint_id) != 0)) {
		if (mc->last != NULL && store_endpoint_refresh_uptime(
		    mc->ig->store, mc->last, &mc->cause) != 0)
			return (-1);
		free(mc->last);
		mc->last = xstrdup(endpoint_id);
	}
	return (0);
}

static int
ingest_metrics(struct ingest *ig, enum payload_kind kind, const json_t *data,
    const struct ingest_hint *hint, char **cause)
{
	struct metric_ctx	 mc;
	unsigned		 skipped = 0;
	long			 n;
	int			 pass;

	memset(&mc, 0, sizeof mc);
	mc.ig = ig;
	mc.all_days = 1;
	if (kind == PAYLOAD_COMPARISON) {
		if (hint->metric == NULL) {
			*cause = xstrdup(_("skipped: a comparison series does "
			    "not say whether it is latency or throughput (name "
			    "the file *latency-comparison* or "
			    "*throughput-comparison*)"));
			return (1);
		}
		mc.metric = hint->metric;
	} else
		mc.metric = "uptime";
	if (kind == PAYLOAD_UPTIME_HOURLY && hint->endpoint_id == NULL) {
		*cause = xstrdup(_("skipped: an uptime-hourly series does not "
		    "name its endpoint (put the endpoint id in the file "
		    "name)"));
		return (1);
	}
	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	for (pass = 0; pass < 2; pass++) {
		metric_cb cb = pass == 0 ? ingest_metric_scan :
		    ingest_metric_put;

		if (pass == 1)
			mc.bucket = kind == PAYLOAD_UPTIME_HOURLY ||
			    !mc.all_days ? "hour" : "day";
		skipped = 0;
		if (kind == PAYLOAD_COMPARISON)
			n = metric_parse_comparison(data, cb, &mc, &skipped);
		else if (kind == PAYLOAD_UPTIME_RECENT)
			n = metric_parse_uptime_recent(data, cb, &mc, &skipped);
		else
			n = metric_parse_uptime_hourly(data, hint->endpoint_id,
			    cb, &mc, &skipped);
		if (n < 0)
			goto fail;
	}
	if (mc.last != NULL && store_endpoint_refresh_uptime(ig->store,
	    mc.last, &mc.cause) != 0)
		goto fail;
	free(mc.last);
	ig->run.warnings += skipped;
	return (ingest_txn_commit(ig, cause));
fail:
	*cause = mc.cause != NULL ? mc.cause :
	    xstrdup(_("malformed metric series"));
	free(mc.last);
	ingest_rollback(ig);
	return (-1);
}

/*
 * Choosing one entry per model key.  Lists can name a key twice (a retired
 * catalogue entry beside the live one, two v1 slugs of one model); storing
 * both would write a snapshot that the second replaces, leaving a blob that
 * retention deletes and the next run writes again.  The winner is chosen
 * from the whole list: the entry with an endpoint, else the last one.
 */
struct ingest_pick {
	char	*key;
	size_t	 idx;
	int	 rank;
};

static int
ingest_pick_cmp(const void *a, const void *b)
{
	const struct ingest_pick	*x = a, *y = b;
	int				 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return (c);
	if (x->rank != y->rank)
		return (x->rank < y->rank ? -1 : 1);
	return (x->idx < y->idx ? -1 : x->idx > y->idx);
}

static char *
ingest_key_catalogue(struct ingest *ig, const json_t *entry, int *rank,
    char **cause)
{
	(void)ig;
	(void)cause;
	*rank = json_is_object(json_object_get(entry, "endpoint"));
	return (model_key_from_catalogue(entry));
}

static char *
ingest_key_v1(struct ingest *ig, const json_t *entry, int *rank,
    char **cause)
{
	*rank = 0;
	return (ingest_v1_model_key(ig, entry, cause));
}

/*
 * The elements of a list payload: a parsed array, or the text of a large
 * list walked one element at a time (codec/jlist.h).
 */
struct ingest_src {
	const json_t		*array;
	const struct jlist	*jl;
};

static size_t
ingest_src_size(const struct ingest_src *src)
{
	return (src->jl != NULL ? src->jl->count : json_array_size(src->array));
}

static int
ingest_src_each(const struct ingest_src *src, jlist_fn fn, void *arg,
    char **cause)
{
	const json_t	*entry;
	size_t		 i;
	int		 rc;

	if (src->jl != NULL)
		return (jlist_each(src->jl, fn, arg, cause));
	json_array_foreach(src->array, i, entry) {
		if ((rc = fn(entry, i, arg)) != 0)
			return (rc);
	}
	return (0);
}

struct ingest_walk {
	struct ingest		 *ig;
	char			*(*keyfn)(struct ingest *, const json_t *, int *,
				     char **);
	int			(*fn)(struct ingest *, const json_t *, char **);
	struct ingest_pick	 *picks;
	size_t			  npicks;
	unsigned char		 *skip;
	char			**cause;
};

static int
ingest_pick_one(const json_t *entry, size_t i, void *arg)
{
	struct ingest_walk	*w = arg;
	struct ingest_pick	*p = &w->picks[w->npicks];
	int			 rank;

	if (!json_is_object(entry))
		return (0);
	if ((p->key = w->keyfn(w->ig, entry, &rank, w->cause)) == NULL)
		return (*w->cause != NULL ? -1 : 0);
	p->idx = i;
	p->rank = rank;
	w->npicks++;
	return (0);
}

/* skip[i] is set for every entry that loses to another with its key. */
static int
ingest_pick(struct ingest_walk *w, const struct ingest_src *src)
{
	size_t	i;
	int	rc;

	w->picks = xcalloc(ingest_src_size(src) + 1, sizeof *w->picks);
	w->npicks = 0;
	rc = ingest_src_each(src, ingest_pick_one, w, w->cause);
	if (rc == 0) {
		qsort(w->picks, w->npicks, sizeof *w->picks, ingest_pick_cmp);
		for (i = 0; i + 1 < w->npicks; i++) {
			if (strcmp(w->picks[i].key, w->picks[i + 1].key) == 0)
				w->skip[w->picks[i].idx] = 1;
		}
	}
	for (i = 0; i < w->npicks; i++)
		free(w->picks[i].key);
	free(w->picks);
	w->picks = NULL;
	return (rc != 0 ? -1 : 0);
}

static int
ingest_each_one(const json_t *entry, size_t i, void *arg)
{
	struct ingest_walk	*w = arg;

	if (!json_is_object(entry)) {
		w->ig->run.warnings++;
		return (0);
	}
	if (w->skip[i])
		return (0);
	return (w->fn(w->ig, entry, w->cause));
}

static int
ingest_array_each(struct ingest *ig, const struct ingest_src *src,
    int (*fn)(struct ingest *, const json_t *, char **),
    char *(*keyfn)(struct ingest *, const json_t *, int *, char **),
    char **cause)
{
	struct ingest_walk	w;
	int			rc;

	memset(&w, 0, sizeof w);
	w.ig = ig;
	w.fn = fn;
	w.keyfn = keyfn;
	w.cause = cause;
	w.skip = xcalloc(ingest_src_size(src) + 1, 1);
	if ((rc = ingest_pick(&w, src)) == 0)
		rc = ingest_src_each(src, ingest_each_one, &w, cause);
	free(w.skip);
	return (rc);
}

/* The model list or the catalogue, either as a tree or as a jlist. */
static int
ingest_list_src(struct ingest *ig, enum payload_kind kind,
    const struct ingest_src *src, char **why)
{
	if (!ig->caller_counts)
		ig->run.models_total += (int64_t)ingest_src_size(src);
	if (kind == PAYLOAD_V1_MODELS)
		return (ingest_array_each(ig, src, ingest_v1_model,
		    ingest_key_v1, why));
	return (ingest_array_each(ig, src, ingest_catalogue_entry,
	    ingest_key_catalogue, why));
}

static int	ingest_result(struct ingest *, const char *, int, char *,
		    char **);

int
ingest_payload(struct ingest *ig, const json_t *root,
    const struct ingest_hint *hint, enum payload_kind *kindp, char **cause)
{
	struct ep_context	 ctx;
	struct ingest_src	 src;
	enum payload_kind	 kind;
	const json_t		*data;
	const char		*origin;
	char			*why = NULL;
	int			 rc;

	origin = hint->origin != NULL ? hint->origin : "?";
	kind = payload_classify(root, &data);
	if (kindp != NULL)
		*kindp = kind;
	switch (kind) {
	case PAYLOAD_V1_MODELS:
	case PAYLOAD_CATALOGUE:
		src.array = data;
		src.jl = NULL;
		rc = ingest_list_src(ig, kind, &src, &why);
		break;
	case PAYLOAD_STATS_ENDPOINTS:
		if (!ig->caller_counts)
			ig->run.models_total++;
		memset(&ctx, 0, sizeof ctx);
		ctx.model_key = hint->model_key;
		rc = ingest_endpoint_list(ig, data, EP_SRC_STATS, &ctx,
		    hint->listing_sha, &why);
		break;
	case PAYLOAD_V1_ENDPOINTS:
		if (!ig->caller_counts)
			ig->run.models_total++;
		rc = ingest_v1_endpoints(ig, data, hint, &why);
		break;
	case PAYLOAD_COMPARISON:
	case PAYLOAD_UPTIME_RECENT:
	case PAYLOAD_UPTIME_HOURLY:
		rc = ingest_metrics(ig, kind, data, hint, &why);
		break;
	case PAYLOAD_OTHER:
		ig->payloads_skipped++;
		return (1);
	default:
		why = xstrdup(_("not an OpenRouter response orbrowse "
		    "recognises"));
		rc = -1;
		break;
	}
	return (ingest_result(ig, origin, rc, why, cause));
}

/* Count a payload's outcome and record its error; frees why. */
static int
ingest_result(struct ingest *ig, const char *origin, int rc, char *why,
    char **cause)
{
	if (rc == 0) {
		ig->payloads_ok++;
		free(why);
		return (0);
	}
	if (rc == 1) {
		/* Valid, but nothing here can be attributed: a warning. */
		ig->payloads_skipped++;
		ig->run.warnings++;
		if (cause != NULL)
			*cause = xasprintf("%s: %s", origin, why);
		free(why);
		return (1);
	}
	ingest_error(ig, "%s: %s", origin, why != NULL ? why : "?");
	if (cause != NULL)
		*cause = xasprintf("%s: %s", origin, why != NULL ? why : "?");
	free(why);
	return (-1);
}

int
ingest_list(struct ingest *ig, const struct jlist *jl, enum payload_kind kind,
    const struct ingest_hint *hint, char **cause)
{
	struct ingest_src	 src;
	char			*why = NULL;
	int			 rc;

	if (kind != PAYLOAD_V1_MODELS && kind != PAYLOAD_CATALOGUE)
		return (ingest_result(ig, hint->origin != NULL ? hint->origin :
		    "?", -1, xstrdup(_("not a model list")), cause));
	src.array = NULL;
	src.jl = jl;
	rc = ingest_list_src(ig, kind, &src, &why);
	return (ingest_result(ig, hint->origin != NULL ? hint->origin : "?",
	    rc, why, cause));
}

int
ingest_hold(struct ingest *ig, char **cause)
{
	if (ingest_featured_flush(ig, cause) != 0)
		return (-1);
	return (ingest_group_begin(ig, cause));
}

/*
 * The run's end is written in the same transaction as the last models and
 * whatever the caller did since ingest_hold() (the tombstone sweep): a
 * crash or a full disk before the commit leaves the run "running" with
 * nothing of its end applied, and the next sync marks it failed.  When the
 * commit fails the end is recorded on its own if it can be, as "partial"
 * (or the worse status asked for); *final says what the run log holds.
 */
int
ingest_finish(struct ingest *ig, const char *status, char *final,
    size_t finalsize, char **cause)
{
	char	*why = NULL;
	int	 rc = -1;

	/* Featured endpoints no listing gave (unless ingest_hold() wrote
	 * them); a failure here is the run's error, not its end's. */
	if (ingest_featured_flush(ig, &why) != 0) {
		ingest_error(ig, "%s", why != NULL ? why : "?");
		free(why);
		why = NULL;
	}
	snprintf(ig->run.status, sizeof ig->run.status, "%s", status);
	ig->run.errors = ig->errors.len > 0 ? xstrdup(buf_str(&ig->errors)) :
	    NULL;
	if (ingest_group_begin(ig, &why) == 0 &&
	    store_run_finish(ig->store, &ig->run, &why) == 0) {
		ig->group = 0;
		if (store_commit(ig->store, &why) == 0)
			rc = 0;
	}
	if (rc != 0) {
		/* Nothing since the last commit stands, the sweep neither. */
		store_rollback(ig->store);
		ig->group = 0;
		ingest_error(ig, "%s", why != NULL ? why : "?");
		if (strcmp(status, "ok") == 0)
			snprintf(ig->run.status, sizeof ig->run.status,
			    "partial");
		free(ig->run.errors);
		ig->run.errors = xstrdup(buf_str(&ig->errors));
		if (store_run_finish(ig->store, &ig->run, NULL) == 0)
			rc = 0;
		/* Why, for the caller to show in either case. */
		if (cause != NULL)
			*cause = xstrdup(why != NULL ? why : "?");
		if (rc != 0)
			snprintf(ig->run.status, sizeof ig->run.status,
			    "running");
	}
	free(why);
	if (final != NULL)
		snprintf(final, finalsize, "%s", ig->run.status);
	run_info_clear(&ig->run);
	ingest_featured_free(ig);
	buf_free(&ig->canon);
	buf_free(&ig->gz);
	buf_free(&ig->train);
	buf_free(&ig->errors);
	return (rc);
}
