/*
 * ingest: the one path from a parsed OpenRouter response to the store.
 *
 * Both `orbrowse import` (responses read from files) and the sync engine
 * (responses fetched over HTTP) hand every response to ingest_payload().
 * It recognises the payload by content (see project/payload.h), projects
 * what the projection needs, and for each model writes, in one transaction:
 * the canonical JSON of every raw object as a deduplicated gzip blob, the
 * model and endpoint snapshot rows of this run, the projection upserts, the
 * metric points and the run's counters -- so another process can watch the
 * run progress in run_log and a crash never leaves half a model behind.
 *
 * A struct ingest lives from ingest_begin() (which inserts the run_log row)
 * to ingest_finish() (which sets its status and frees everything).  It
 * borrows the store.  Errors that concern one payload or one model are
 * recorded in the run (ingest_error) and do not stop the run; the caller
 * decides the final status from ingest_ok()/the error count.
 */
#ifndef ORBROWSE_SYNC_INGEST_H
#define ORBROWSE_SYNC_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "codec/jlist.h"
#include "project/payload.h"
#include "store/store.h"
#include "sync/prep.h"
#include "util/buf.h"

/* What the request (or the file name) says that the content cannot. */
struct ingest_hint {
	const char	*origin;	/* file name or URL, for messages */
	const char	*model_key;	/* the model a per-model route was for */
	const char	*endpoint_id;	/* uptime-hourly: the endpoint */
	const char	*metric;	/* comparison: "latency"|"throughput" */
	/*
	 * The SHA-256 (hex) of a frontend endpoint listing's body: what the
	 * listing writes is recorded as model_key's (ingest_listing_same()).
	 */
	const char	*listing_sha;
};

/* A catalogue's featured endpoint, written when the run ends. */
struct ingest_featured {
	struct ep_row	 row;
	char		 hash[HASH_HEX_LEN + 1];	/* the entry's blob */
};

struct ingest {
	struct store	*store;
	struct run_info	 run;
	struct buf	 canon;
	struct buf	 gz;
	struct buf	 train;		/* dictionary samples */
	struct buf	 errors;
	/*
	 * The caller (the sync engine) keeps models_total and models_done
	 * itself: it knows the key list, which payloads do not.
	 */
	int		 caller_counts;
	/*
	 * Catalogues come before the listings (a sync): their featured
	 * endpoints are written at the end, where no listing gave them
	 * (ingest_featured_flush()).
	 */
	int		 defer_featured;
	int		 outer;		/* inside ingest_model_begin() */
	int		 group;		/* a group transaction is open */
	int64_t		 group_t0;	/* when it began (monotonic ms) */
	int		 outer_failed;
	unsigned	 payloads_ok;
	unsigned	 payloads_skipped;	/* PAYLOAD_OTHER */
	int64_t		 metrics;		/* points stored */
	const struct prep_job *prep;		/* see ingest_prepared() */
	unsigned	 listings_same;		/* ingest_listing_same() */
	struct ingest_featured *featured;	/* see ingest_featured_flush() */
	size_t		 nfeatured;
	size_t		 featured_cap;
	size_t		 featured_committed;	/* entries committed */
};

int	ingest_begin(struct ingest *, struct store *, const char *source,
	    const char *route_family, char **cause);
/*
 * The job (sync/prep.h) that prepared the response ingest_payload() is
 * given next: its endpoint objects' hashes and blobs are used instead of
 * being made again.  NULL when done with it.
 */
void	ingest_prepared(struct ingest *, const struct prep_job *);
/*
 * Ingest one response.  Returns 0 when it was stored; 1 when it is valid
 * but was skipped -- data orbrowse does not use (*cause stays NULL), or a
 * metric series that cannot be attributed (*cause says why, a warning);
 * -1 when it was refused or could not be stored, in which case the problem
 * is recorded in the run and *cause (if not NULL) is set to the same
 * message.  The caller frees *cause.
 */
int	ingest_payload(struct ingest *, const json_t *root,
	    const struct ingest_hint *, enum payload_kind *kind, char **cause);
/*
 * The same for a model list or catalogue given as text (codec/jlist.h) and
 * the kind its elements suggest (payload_array_kinds()): it is walked twice,
 * one element at a time, so memory stays at the text plus one element.
 */
int	ingest_list(struct ingest *, const struct jlist *, enum payload_kind,
	    const struct ingest_hint *, char **cause);
/*
 * A frontend endpoint listing for model_key whose body has the SHA-256 sha:
 * when it is the body the model's listing last had and the rows it wrote
 * then are still its own, mark them seen and count the run as writing it
 * again would, without parsing (*done = 1); else *done = 0 and nothing is
 * written -- the caller ingests the listing.  Returns -1 on a store error.
 */
int	ingest_listing_same(struct ingest *, const char *model_key,
	    const char *sha, int *done, char **cause);
/*
 * Write the catalogues' featured endpoints that no listing of the run
 * wrote: a model whose listing failed keeps what the catalogue says of it.
 * ingest_hold() and ingest_finish() call it; it is done once.
 */
int	ingest_featured_flush(struct ingest *, char **cause);
/*
 * Group several payloads of one model (its endpoint list and metrics) into
 * one transaction: ingest_payload() calls between these two commit nothing
 * on their own.  ingest_model_end() commits with the run's counters when ok
 * and nothing failed inside, else rolls the whole model back.  Returns 0
 * when committed.
 */
int	ingest_model_begin(struct ingest *, char **cause);
int	ingest_model_end(struct ingest *, int ok, char **cause);
/*
 * The model key of a /api/v1/models entry: canonical_slug based, or for an
 * entry without canonical_slug the key its id (a slug) is an alias of.
 * NULL (no error) when the entry has no usable id; caller frees.
 */
char	*ingest_v1_model_key(struct ingest *, const json_t *entry,
	    char **cause);
/*
 * Commit the models written so far.  They are committed in groups (see
 * ingest.c); the caller flushes when it waits or stops.
 */
int	ingest_flush(struct ingest *, char **cause);
/* Record an error in the run (bounded text). */
void	ingest_error(struct ingest *, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Add to bytes_raw / requests. */
void	ingest_account(struct ingest *, size_t bytes_raw, unsigned requests);
/*
 * Open the transaction the run's end will commit in, so that what the
 * caller writes next (the tombstone sweep) stands or falls with it.
 */
int	ingest_hold(struct ingest *, char **cause);
/*
 * Write status and counters, committing with the last models; frees the
 * ingest's buffers.  *final (if not NULL) gets the status the run log
 * holds: "partial" when the last commit failed but the end could be
 * written alone (0, and *cause says why), "running" when even that failed
 * (-1 and *cause; the next sync marks the run failed).
 */
int	ingest_finish(struct ingest *, const char *status, char *final,
	    size_t finalsize, char **cause);

#endif
