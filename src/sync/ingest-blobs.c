/*
 * ingest-blobs: an object's blob -- canonical JSON, SHA-256, compressed
 * (with the database's dictionary, made of samples of the first run's
 * objects: codec/ztrain.h), an endpoint object split into its parts and
 * the rest -- stored unless its hash is known; or the blob the worker
 * prepared (sync/prep.h).
 */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "codec/zblob.h"
#include "project/payload.h"
#include "sync/ingest-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * A database's compression dictionary is made of samples of the first
 * objects it stores (codec/ztrain.h): the skeletons of endpoint objects
 * and every other object.  The objects before it are plain gzip, and
 * compressed again with it when it is made (ingest.c).
 */
static void
ingest_train(struct ingest *ig, uint32_t dict, enum ztrain_kind kind,
    const char *data, size_t len)
{
	if (dict == 0)
		ztrain_add(&ig->train, kind, data, len);
}

#if CANON_PARTS != ZBLOB_PARTS
#error "a split blob's parts: canon.h and zblob.h disagree"
#endif

static int
ingest_splittable(const json_t *obj)
{
	const char *const	*k;

	for (k = payload_endpoint_parts; *k != NULL; k++) {
		if (json_is_object(json_object_get(obj, *k)))
			return (1);
	}
	return (0);
}

/* A blob's codec: with the dictionary dict, or plain gzip (0). */
static const char *
ingest_codec(uint32_t dict)
{
	return (dict != 0 ? ZBLOB_CODEC_DICT : ZBLOB_CODEC);
}

/* Count a blob the store added (added), of len compressed bytes. */
static void
ingest_blob_added(struct ingest *ig, int added, size_t len)
{
	if (!added)
		return;
	ig->run.blobs_new++;
	ig->run.bytes_gz += (int64_t)len;
}

/* Store len bytes at p, canonical JSON, as a blob unless known: its id. */
static int
ingest_part(struct ingest *ig, const char *p, size_t len, uint32_t dict,
    int64_t *id, char **cause)
{
	char	hash[HASH_HEX_LEN + 1];

	if (hash_sha256_hex(p, len, hash) != 0) {
		*cause = xstrdup(_("SHA-256 failed"));
		return (-1);
	}
	if (store_blob_id(ig->store, hash, id, cause) != 0)
		return (-1);
	if (*id != 0)
		return (0);
	ingest_train(ig, dict, ZTRAIN_OTHER, p, len);
	if (zblob_compress_dict(p, len, dict, &ig->gz, cause) != 0 ||
	    store_blob_add(ig->store, hash, ingest_codec(dict), len,
	    ig->gz.data, ig->gz.len, id, cause) != 0)
		return (-1);
	ingest_blob_added(ig, 1, ig->gz.len);
	return (0);
}

/*
 * A delta of skeleton skel (slen bytes, parts at at) against the base of
 * blob prev, the endpoint's last snapshot (NULL: none), packed into
 * ig->split when it is smaller than plain (the stream made without it):
 * *base is then the base's row, else 0.  0, or -1 on a failure.
 */
static int
ingest_delta(struct ingest *ig, const char *prev, const char *skel,
    size_t slen, const size_t *at, size_t n, size_t plain, int64_t *base,
    char **cause)
{
	int	found;

	*base = 0;
	if (prev == NULL || prev[0] == '\0')
		return (0);
	if (store_blob_base(ig->store, prev, &ig->base, base, &found,
	    cause) != 0)
		return (-1);
	if (!found)
		return (0);
	if (zblob_compress_base(skel, slen, ig->base.data, ig->base.len,
	    &ig->delta, cause) != 0)
		return (-1);
	if (ig->delta.len >= plain) {
		*base = 0;
		return (0);
	}
	zblob_split_pack(at, n, 1, ig->delta.data, ig->delta.len, &ig->split);
	return (0);
}

/*
 * Store ig->canon (hash, found missing) as a split blob: its parts first,
 * each a blob of its own, then the rest (a delta against prev's base when
 * smaller).  1 done, 0 when it has no part to split.
 */
static int
ingest_blob_split(struct ingest *ig, const char *hash, uint32_t dict,
    int sample, const char *prev, int64_t *id, char **cause)
{
	struct canon_span	 parts[CANON_PARTS];
	int64_t			 ids[CANON_PARTS], base;
	size_t			 n, i, at[CANON_PARTS];

	n = canon_split(ig->canon.data, ig->canon.len, payload_endpoint_parts,
	    parts);
	if (n == 0)
		return (0);
	for (i = 0; i < n; i++) {
		if (ingest_part(ig, ig->canon.data + parts[i].off,
		    parts[i].len, dict, &ids[i], cause) != 0)
			return (-1);
	}
	canon_skeleton(ig->canon.data, ig->canon.len, parts, n, &ig->skel,
	    at);
	if (sample)
		ingest_train(ig, dict, ZTRAIN_MAIN, ig->skel.data,
		    ig->skel.len);
	if (zblob_compress_dict(ig->skel.data, ig->skel.len, dict, &ig->gz,
	    cause) != 0)
		return (-1);
	if (ingest_delta(ig, prev, ig->skel.data, ig->skel.len, at, n,
	    ig->gz.len, &base, cause) != 0)
		return (-1);
	if (base == 0)
		zblob_split_pack(at, n, 0, ig->gz.data, ig->gz.len,
		    &ig->split);
	if (store_blob_add_split(ig->store, hash, ig->canon.len,
	    ig->split.data, ig->split.len, ids, n, base, id, cause) != 0)
		return (-1);
	ingest_blob_added(ig, 1, ig->split.len);
	return (1);
}

/*
 * Store a split blob the worker prepared (sync/prep.h), found missing:
 * its parts the store does not have (each sent once by the worker), then
 * the blob.  1 done, 0 when a part is neither stored nor sent (the caller
 * does the work itself).
 */
static int
ingest_blob_prepared(struct ingest *ig, const char *hash,
    const struct prep_item *pi, const char *prev, int64_t *id, char **cause)
{
	const char		*base = ig->prep->blobs_data.data, *data;
	const struct prep_part	*pt;
	size_t			 i, at[CANON_PARTS], n, zoff, len;
	int64_t			 ids[CANON_PARTS], from = 0;
	int			 delta;

	for (i = 0; i < pi->nparts; i++) {
		pt = &pi->parts[i];
		if (store_blob_id(ig->store, pt->hash, &ids[i], cause) != 0)
			return (-1);
		if (ids[i] != 0)
			continue;
		if (pt->len == 0)
			return (0);
		if (store_blob_add(ig->store, pt->hash, ingest_codec(pi->dict),
		    pt->raw_len, base + pt->off, pt->len, &ids[i], cause) != 0)
			return (-1);
		ingest_blob_added(ig, 1, pt->len);
	}
	data = base + pi->off;
	len = pi->len;
	/* A delta needs the skeleton, which the worker sent compressed. */
	if (prev != NULL && prev[0] != '\0' &&
	    zblob_split_read(data, len, at, &n, &delta, &zoff,
	    NULL) == 0 && !delta && zblob_inflate(data + zoff, len - zoff,
	    ZBLOB_CAP, &ig->skel, NULL) == 0) {
		if (ingest_delta(ig, prev, ig->skel.data, ig->skel.len, at, n,
		    len - zoff, &from, cause) != 0)
			return (-1);
		if (from != 0) {
			data = ig->split.data;
			len = ig->split.len;
		}
	}
	if (store_blob_add_split(ig->store, hash, pi->raw_len, data, len, ids,
	    pi->nparts, from, id, cause) != 0)
		return (-1);
	ingest_blob_added(ig, 1, len);
	return (1);
}

/*
 * Canonicalise, hash, and store obj's blob unless its hash is known.  With
 * pi (sync/prep.h) the hash and the blob were made on the worker thread;
 * the blob is used when it was compressed with the dictionary in use now.
 * An endpoint object is stored split (ingest_blob_split).
 */
static int
ingest_blob_store(struct ingest *ig, const json_t *obj,
    const struct prep_item *pi, int sample, const char *prev,
    char hash[HASH_HEX_LEN + 1], int64_t *id, char **cause)
{
	const void	*gz;
	size_t		 gzlen, raw_len;
	uint32_t	 dict;
	enum ztrain_kind kind;
	int		 rc, have_canon = 0, use_pi;

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
	if (store_blob_id(ig->store, hash, id, cause) != 0)
		return (-1);
	if (*id != 0)
		return (0);
	dict = store_zdict(ig->store);
	/* sample: an endpoint; it still is when the pool is full. */
	kind = sample ? ZTRAIN_MAIN : ZTRAIN_OTHER;
	if (dict == 0 && ztrain_ready(&ig->train, 0))
		sample = 0;
	use_pi = pi != NULL && pi->packed && pi->dict == dict &&
	    !(dict == 0 && sample);
	if (use_pi && pi->nparts > 0) {
		if ((rc = ingest_blob_prepared(ig, hash, pi, prev, id,
		    cause)) != 0)
			return (rc < 0 ? -1 : 0);
		use_pi = 0;	/* a part is missing: all of it here */
	}
	/* The worker split it if it could (use_pi and no parts). */
	if (!use_pi && ingest_splittable(obj)) {
		if (!have_canon && canon_dump(obj, &ig->canon) != 0)
			goto bad_canon;
		have_canon = 1;
		if ((rc = ingest_blob_split(ig, hash, dict, sample, prev, id,
		    cause)) != 0)
			return (rc < 0 ? -1 : 0);
	}
	if (use_pi) {
		gz = ig->prep->blobs_data.data + pi->off;
		gzlen = pi->len;
		raw_len = pi->raw_len;
	} else {
		if (!have_canon && canon_dump(obj, &ig->canon) != 0)
			goto bad_canon;
		ingest_train(ig, dict, kind, ig->canon.data, ig->canon.len);
		if (zblob_compress_dict(ig->canon.data, ig->canon.len, dict,
		    &ig->gz, cause) != 0)
			return (-1);
		gz = ig->gz.data;
		gzlen = ig->gz.len;
		raw_len = ig->canon.len;
	}
	/* Found missing above; what was stored since is its parts. */
	if (store_blob_add(ig->store, hash, ingest_codec(dict), raw_len, gz,
	    gzlen, id, cause) != 0)
		return (-1);
	ingest_blob_added(ig, 1, gzlen);
	return (0);
bad_canon:
	*cause = xstrdup(_("cannot encode an object as canonical JSON"));
	return (-1);
}

/*
 * The work buffers are kept from one object to the next (an object is a
 * few kilobytes), but not at the size a hostile one gave them: megabytes
 * held while the next payload's tree is built would count twice at the
 * peak (#19: any input within 64 MB).
 */
#define INGEST_BUF_KEEP	(256 * 1024)

int
ingest_blob_id(struct ingest *ig, const json_t *obj,
    const struct prep_item *pi, int sample, const char *prev,
    char hash[HASH_HEX_LEN + 1], int64_t *id, char **cause)
{
	int	rc;

	*id = 0;
	rc = ingest_blob_store(ig, obj, pi, sample, prev, hash, id, cause);
	buf_trim(&ig->canon, INGEST_BUF_KEEP);
	buf_trim(&ig->gz, INGEST_BUF_KEEP);
	buf_trim(&ig->skel, INGEST_BUF_KEEP);
	buf_trim(&ig->split, INGEST_BUF_KEEP);
	buf_trim(&ig->base, INGEST_BUF_KEEP);
	buf_trim(&ig->delta, INGEST_BUF_KEEP);
	return (rc);
}

int
ingest_blob(struct ingest *ig, const json_t *obj, const struct prep_item *pi,
    int sample, const char *prev, char hash[HASH_HEX_LEN + 1], char **cause)
{
	int64_t	id;

	return (ingest_blob_id(ig, obj, pi, sample, prev, hash, &id, cause));
}

void
ingest_prepared(struct ingest *ig, const struct prep_job *job)
{
	ig->prep = job;
}
