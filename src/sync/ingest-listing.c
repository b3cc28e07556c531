/*
 * ingest-listing: a model's endpoint listing (the frontend's stats or the
 * v1 route), and for the frontend's the record of what it wrote, so that
 * the same bytes next time only mark its rows seen (ingest_listing_same()).
 */
#include "config.h"

#include "sync/ingest.h"

#include <stdlib.h>
#include <string.h>

#include "codec/jarena.h"
#include "project/endpoint.h"
#include "project/ep-identity.h"
#include "sync/ingest-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The two bits of ingest_fresh.seen an endpoint id sets (FNV-1a). */
static void
ingest_fresh_bits(const char *id, size_t *a, size_t *b)
{
	uint64_t	h = 1469598103934665603ull;

	for (; *id != '\0'; id++) {
		h ^= (unsigned char)*id;
		h *= 1099511628211ull;
	}
	*a = (size_t)(h % INGEST_FRESH_BITS);
	*b = (size_t)((h >> 32) % INGEST_FRESH_BITS);
}

#define FRESH_HAS(f, i)	(((f)->seen[(i) / 64] >> ((i) % 64)) & 1)

/*
 * Is row's key one the file has no row of, known without asking: its
 * model had none when this listing met it (asked once a model), and the
 * listing has not written the key since?  (ingest_fresh.)
 */
static int
ingest_fresh_check(struct ingest *ig, const struct ep_row *row, int *fresh,
    char **cause)
{
	struct ingest_fresh	*f = &ig->fresh;
	size_t			 a, b;
	int			 any;

	*fresh = 0;
	if (row->model_key == NULL || row->endpoint_id == NULL)
		return (0);
	if (f->key == NULL || strcmp(f->key, row->model_key) != 0) {
		ingest_fresh_reset(ig);
		if (store_endpoint_model_rows(ig->store, row->model_key, &any,
		    cause) != 0)
			return (-1);
		f->key = xstrdup(row->model_key);
		f->fresh = !any;
	}
	if (!f->fresh ||
	    f->family[!ep_identity_is_v1(row->endpoint_id)] > 0)
		return (0);
	ingest_fresh_bits(row->endpoint_id, &a, &b);
	*fresh = !(FRESH_HAS(f, a) && FRESH_HAS(f, b));
	return (0);
}

/* Row was written: its key is no longer fresh, its model is live. */
static void
ingest_fresh_wrote(struct ingest *ig, const struct ep_row *row)
{
	struct ingest_fresh	*f = &ig->fresh;
	size_t			 a, b;

	if (f->key == NULL || row->model_key == NULL ||
	    row->endpoint_id == NULL || strcmp(f->key, row->model_key) != 0)
		return;
	f->written++;
	f->family[ep_identity_is_v1(row->endpoint_id) != 0]++;
	ingest_fresh_bits(row->endpoint_id, &a, &b);
	f->seen[a / 64] |= (uint64_t)1 << (a % 64);
	f->seen[b / 64] |= (uint64_t)1 << (b % 64);
}

void
ingest_fresh_reset(struct ingest *ig)
{
	free(ig->fresh.key);
	memset(&ig->fresh, 0, sizeof ig->fresh);
}

/*
 * Snapshot, project and upsert one endpoint object of a listing (inside a
 * txn); listing is the id the rows are stamped with (0: none).  A key the
 * file has no row of (ingest_fresh_check) is written without looking for
 * its row, its model's others, its last snapshot or the other family's
 * rows (ingest-identity.c), which a first sync's every endpoint asked.
 */
static int
ingest_endpoint(struct ingest *ig, const json_t *obj, enum ep_source src,
    const struct ep_context *ctx, const struct prep_item *pi,
    int64_t listing, char **cause)
{
	struct ep_row	 row;
	char		 hash[HASH_HEX_LEN + 1], prev[HASH_HEX_LEN + 1];
	int64_t		 blob = 0, prev_blob = 0, ep = 0;
	int		 rc = -1, same = 0, fresh;

	if (ingest_project(ig, obj, src, ctx, &row) != 0)
		return (0);
	prev[0] = '\0';
	if (ingest_provider_merge(ig, obj, cause) != 0 ||
	    ingest_fresh_check(ig, &row, &fresh, cause) != 0)
		goto out;
	/* Before the snapshot: the row may take another row's id. */
	if (!fresh && ingest_identity(ig, &row, NULL, cause) != 0)
		goto out;
	if (fresh) {
		if (ingest_blob_id(ig, obj, pi, 1, NULL, hash, &blob,
		    cause) != 0)
			goto out;
	} else if (pi != NULL) {
		/*
		 * The hash is known before the blob is needed: an endpoint
		 * that has not changed has its blob stored already, and the
		 * lookup of a random hash in the blob index is skipped.
		 */
		if (store_endpoint_snapshot_same(ig->store, ig->run.id,
		    row.endpoint_id, row.model_key, pi->hash, &same, prev,
		    &prev_blob, cause) != 0)
			goto out;
		if (same) {
			memcpy(hash, pi->hash, sizeof hash);
			blob = prev_blob;
		} else if (ingest_blob_id(ig, obj, pi, 1, prev, hash, &blob,
		    cause) != 0)
			goto out;
	} else {
		/* The last snapshot first: the new one may be its delta. */
		if (store_endpoint_snapshot_same(ig->store, ig->run.id,
		    row.endpoint_id, row.model_key, "", &same, prev,
		    &prev_blob, cause) != 0 ||
		    ingest_blob_id(ig, obj, NULL, 1, prev, hash, &blob,
		    cause) != 0)
			goto out;
		same = strcmp(prev, hash) == 0;
	}
	/*
	 * The row first: the snapshot names it by its id.  Both are written
	 * by the ids found above, not looked up again.
	 */
	if (store_endpoint_put(ig->store, &row, hash, blob, ig->run.id, 0,
	    listing, !fresh ? 0 : ig->fresh.written > 0 ? EP_PUT_NEW_LIVE :
	    EP_PUT_NEW, &ep, cause) != 0 ||
	    store_endpoint_snapshot_write(ig->store, ig->run.id, ep, blob,
	    same, cause) != 0)
		goto out;
	ingest_fresh_wrote(ig, &row);
	ig->run.endpoints_done++;
	rc = 0;
out:
	ep_row_clear(&row);
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
	    (m.names = json_text(names, JSON_COMPACT)) == NULL)
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
int
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
	ingest_fresh_reset(ig);	/* what the file holds is asked again */
	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	if (sha != NULL && ctx->model_key != NULL) {
		if (store_listing_id(ig->store, ctx->model_key, &listing,
		    cause) != 0)
			goto fail;
		names = json_array();
	}
	/*
	 * Keep the model directory's names current, before the rows that
	 * are stored by them (store_model_listed): once per model, though
	 * every endpoint of a listing names it.
	 */
	json_array_foreach(list, i, obj) {
		model = json_object_get(obj, "model");
		key = ingest_str(obj, "model_variant_permaslug");
		name = ingest_str(model, "name");
		if (key == NULL || name == NULL || (last_key != NULL &&
		    strcmp(key, last_key) == 0 && strcmp(name, last_name) == 0))
			continue;
		if (store_model_listed(ig->store, key, name, ig->run.id,
		    cause) != 0)
			goto fail;
		if (names != NULL)
			json_array_append_new(names, json_pack("[ss]", key,
			    name));
		last_key = key;
		last_name = name;
	}
	endpoints = ig->run.endpoints_done;
	warnings = ig->run.warnings;
	json_array_foreach(list, i, obj) {
		if (!json_is_object(obj)) {
			ingest_warn(ig, 1, _("%s: listing row %zu left out: not "
			    "an object"), ctx->model_key != NULL ?
			    ctx->model_key : "?", i);
			continue;
		}
		if (ingest_endpoint(ig, obj, src, ctx, prep_item_at(prep, i),
		    listing, cause) != 0)
			goto fail;
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
		if (store_model_listed(ig->store, key, name, ig->run.id,
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
	ingest_warn(ig, (unsigned)m.warnings, P_("%s: listing unchanged, "
	    "with the %u warning it had before", "%s: listing unchanged, with "
	    "the %u warnings it had before", (unsigned long)m.warnings),
	    model_key, (unsigned)m.warnings);
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
	id = ingest_str(data, "id");
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
	ctx.model_name = ingest_str(data, "name");
	ctx.input_modalities = json_object_get(json_object_get(data,
	    "architecture"), "input_modalities");
	rc = ingest_endpoint_list(ig, json_object_get(data, "endpoints"),
	    EP_SRC_V1, &ctx, NULL, cause);
	free(key);
	return (rc);
}

void
ingest_listing_last(struct ingest *ig, const char *model_key,
    char sha[HASH_HEX_LEN + 1])
{
	struct listing_memo	lm;

	sha[0] = '\0';
	if (store_listing_get(ig->store, model_key, &lm, NULL) != 0)
		return;
	snprintf(sha, HASH_HEX_LEN + 1, "%s", lm.body_sha);
	listing_memo_clear(&lm);
}
