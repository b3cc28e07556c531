/*
 * ingest-private: what the files of the ingest module (ingest.c,
 * ingest-models.c, ingest-listing.c) share and nobody else sees: the
 * struct ingest itself and the calls between them.  Everything here works
 * on a struct ingest the caller owns (see sync/ingest.h); pointers passed
 * in are borrowed for the call.
 */
#ifndef ORBROWSE_SYNC_INGEST_PRIVATE_H
#define ORBROWSE_SYNC_INGEST_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "codec/hash.h"
#include "codec/jlist.h"
#include "codec/ztrain.h"
#include "project/endpoint.h"
#include "store/store.h"
#include "sync/ingest.h"
#include "sync/prep.h"
#include "util/buf.h"

/* A catalogue's featured endpoint, written when the run ends. */
struct ingest_featured {
	struct ep_row	 row;
	char		 hash[HASH_HEX_LEN + 1];	/* the entry's blob */
};

/*
 * A model the listing being written found without any row (key): the
 * rows it writes need not be looked for, but where it writes a key twice
 * (seen, a Bloom filter of its endpoint ids), once it has written one
 * (written), which makes the model live (store_endpoint_put()), and once
 * it has written a row of the other route family (family[1] v1 rows,
 * family[0] the others), which the identity rule may fold the row into
 * (ingest-identity.c).
 */
#define INGEST_FRESH_BITS	4096
struct ingest_fresh {
	char		*key;
	int		 fresh;
	int64_t		 written;
	int64_t		 family[2];
	uint64_t	 seen[INGEST_FRESH_BITS / 64];
};

struct ingest {
	struct store	*store;
	struct run_info	 run;
	struct buf	 canon;
	struct buf	 gz;
	struct ztrain	 train;		/* dictionary samples */
	struct buf	 skel;		/* a split blob's skeleton, */
	struct buf	 split;		/* and the blob */
	struct buf	 base;		/* a delta's base skeleton, */
	struct buf	 delta;		/* and the delta stream */
	struct buf	 errors;
	struct buf	 warnings;	/* the first warnings' texts */
	int		 caller_counts;		/* INGEST_CALLER_COUNTS */
	int		 defer_featured;	/* INGEST_DEFER_FEATURED */
	int		 outer;		/* inside ingest_model_begin() */
	int		 group;		/* a group transaction is open */
	int64_t		 group_t0;	/* when it began (monotonic ms) */
	/*
	 * What the open group holds, for a group a failed commit takes with
	 * it (a full disk): the parts and models it holds, and the counters
	 * as they were when it began.
	 */
	unsigned	 group_parts;
	unsigned	 group_models;
	int64_t		 group_endpoints;
	int64_t		 group_models_done;
	int64_t		 group_blobs;
	int64_t		 group_gz;
	int64_t		 group_metrics;
	unsigned	 group_same;
	unsigned	 groups_lost;	/* groups lost with parts in them */
	int64_t		 models_lost;	/* models written, then lost */
	int		 outer_failed;
	/* The counters when the model began, for a model rolled back. */
	int64_t		 outer_endpoints;
	unsigned	 outer_same;
	unsigned	 payloads_ok;
	unsigned	 payloads_skipped;	/* PAYLOAD_OTHER */
	int64_t		 metrics;		/* points stored */
	const struct prep_job *prep;		/* see ingest_prepared() */
	unsigned	 listings_same;		/* ingest_listing_same() */
	struct ingest_featured *featured;	/* ingest_featured_flush() */
	size_t		 nfeatured;
	size_t		 featured_cap;
	size_t		 featured_committed;	/* entries committed */
	/* Providers whose endpoint view the run merged (ingest-providers). */
	char		**prov_seen;
	size_t		 nprov_seen;
	struct ingest_fresh fresh;	/* ingest-listing.c */
};

/* The most providers a run merges from endpoint objects. */
#define INGEST_PROV_SEEN_MAX	4096

/*
 * The elements of a list payload: a parsed array, or the text of a large
 * list walked one element at a time (codec/jlist.h).
 */
struct ingest_src {
	const json_t			*array;
	const struct jlist		*jl;
	const struct payload_keys	*keys;	/* a catalogue's, or NULL */
};

/* ingest-listing.c: forget what ingest_fresh knew. */
void	ingest_fresh_reset(struct ingest *);

/*
 * ingest-blobs.c: an object's blob, stored unless known; prev (may be
 * NULL) is the endpoint's last snapshot, which a new one may be a delta
 * of (codec/zblob.h).
 */
int	ingest_blob(struct ingest *, const json_t *obj,
	    const struct prep_item *, int sample, const char *prev,
	    char hash[HASH_HEX_LEN + 1], char **cause);
/* The same, giving the blob's row id (stored or found) in *id. */
int	ingest_blob_id(struct ingest *, const json_t *obj,
	    const struct prep_item *, int sample, const char *prev,
	    char hash[HASH_HEX_LEN + 1], int64_t *id, char **cause);

/* ingest.c: projection, featured endpoints, transactions. */
int	ingest_project(struct ingest *, const json_t *obj, enum ep_source,
	    const struct ep_context *, struct ep_row *row);
int	ingest_featured_add(struct ingest *, const json_t *obj,
	    const struct ep_context *, const char *hash, char **cause);
void	ingest_featured_truncate(struct ingest *, size_t n);
int	ingest_txn_begin(struct ingest *, char **cause);
int	ingest_txn_commit(struct ingest *, char **cause);
void	ingest_rollback(struct ingest *);
/* Count a payload's outcome and record its error; frees why. */
int	ingest_result(struct ingest *, const char *origin, int rc, char *why,
	    char **cause);

/*
 * ingest-identity.c: match row with the stored rows of its model from the
 * other route family (see there) before it is written: a v1 row may get a
 * frontend row's endpoint_id and fields, a frontend row takes over a "v1:"
 * row.  With done (a catalogue's featured endpoint), *done is set instead
 * when the v1 route wrote the provider in this run: then there is nothing
 * to write.
 */
int	ingest_identity(struct ingest *, struct ep_row *row, int *done,
	    char **cause);

/* ingest-models.c: the model list and the catalogue. */
const char *ingest_str(const json_t *obj, const char *key);
int	ingest_list_src(struct ingest *, enum payload_kind,
	    const struct ingest_src *, char **why);

/*
 * ingest-providers.c: the provider list (in its own transaction), what an
 * endpoint object says of its provider (inside the caller's, once per
 * provider and run), and the run's memory of the latter.
 */
int	ingest_providers(struct ingest *, const json_t *list, char **cause);
int	ingest_provider_merge(struct ingest *, const json_t *obj,
	    char **cause);
void	ingest_providers_free(struct ingest *);

/*
 * ingest-meta.c: model metadata, each payload in its own transaction:
 * an author payload's data, a model's app list (1 and *cause when
 * model_key is NULL: it cannot be attributed), daily usage rows, the
 * frontend provider list.
 */
int	ingest_author(struct ingest *, const json_t *data, char **cause);
int	ingest_apps(struct ingest *, const json_t *list,
	    const char *model_key, char **cause);
int	ingest_usage(struct ingest *, const json_t *rows, char **cause);
int	ingest_fe_providers(struct ingest *, const json_t *list,
	    char **cause);
/* ingest-listing.c: a model's endpoint listing, frontend or v1. */
int	ingest_endpoint_list(struct ingest *, const json_t *list,
	    enum ep_source, const struct ep_context *, const char *sha,
	    char **cause);
int	ingest_v1_endpoints(struct ingest *, const json_t *data,
	    const struct ingest_hint *, char **cause);

#endif
