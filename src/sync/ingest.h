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
 * A struct ingest is opaque; it lives from ingest_begin() (which inserts
 * the run_log row) to ingest_finish() (which sets its status and frees it
 * and everything it holds).  It borrows the store; its caller writes to
 * the run only through the calls below.  Errors that concern one payload
 * or one model are recorded in the run (ingest_error) and do not stop the
 * run; the caller decides the final status from the error count
 * (ingest_stats()).
 *
 * ingest.c holds the run, blobs, transactions, featured endpoints and
 * metric series; ingest-models.c the model list and the catalogue;
 * ingest-listing.c the endpoint listings and their unchanged shortcut.
 */
#ifndef ORBROWSE_SYNC_INGEST_H
#define ORBROWSE_SYNC_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "codec/hash.h"
#include "codec/jlist.h"
#include "project/payload.h"
#include "store/store.h"
#include "sync/prep.h"

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
	/*
	 * The kind the route serves (PAYLOAD_UNKNOWN: judge by content): an
	 * array, empty or not, is taken as this kind.  The metadata routes
	 * set it, so that an empty app list is not an empty endpoint list.
	 */
	enum payload_kind expect;
	/*
	 * ingest_list() of a catalogue: its entries' model keys, kept when
	 * it was checked (payload_list_open_keys()), so that they are not
	 * made again from a second parse of every entry.  NULL: made here.
	 */
	const struct payload_keys *keys;
};

/*
 * What the run holds so far: ingest_stats() copies it out; the caller
 * keeps nothing of the ingest's.
 */
struct ingest_stats {
	int64_t		 run_id;
	int64_t		 models_done;
	int64_t		 endpoints;	/* endpoint rows written */
	int64_t		 blobs_new;
	int64_t		 bytes_raw;
	int64_t		 bytes_gz;
	int64_t		 metrics;	/* metric points stored */
	int64_t		 warnings;
	int64_t		 errors;
	unsigned	 listings_same;	/* see ingest_listing_same() */
	/*
	 * Written parts a failed group commit took with it (a full disk):
	 * the run is not complete, whatever else went well.  models_lost
	 * counts the models ingest_model_end() had taken among them.
	 */
	unsigned	 groups_lost;
	int64_t		 models_lost;
};

/*
 * Flags for ingest_begin().  INGEST_CALLER_COUNTS: the caller (the sync
 * engine) keeps models_total and models_done itself with
 * ingest_set_models(): it knows the key list, which payloads do not.
 * INGEST_DEFER_FEATURED: catalogues come before the listings (a sync), so
 * their featured endpoints are written at the end, where no listing gave
 * them (ingest_featured_flush()).
 */
#define INGEST_CALLER_COUNTS	0x1
#define INGEST_DEFER_FEATURED	0x2

struct ingest;

/*
 * Open a run: insert its run_log row and return a new ingest in *igp, which
 * borrows the store until ingest_finish() frees it.
 */
int	ingest_begin(struct store *, const char *source,
	    const char *route_family, int flags, struct ingest **igp,
	    char **cause);
void	ingest_stats(const struct ingest *, struct ingest_stats *);
/* The first error recorded in the run, or NULL; caller frees. */
char	*ingest_first_error(const struct ingest *);
/* The route family the run log shows (copied; NULL: none). */
void	ingest_set_family(struct ingest *, const char *route_family);
/* With INGEST_CALLER_COUNTS: the models of the run, and those written. */
void	ingest_set_models(struct ingest *, int64_t total, int64_t done);
/* The network's counters, as the http layer counts them. */
void	ingest_set_network(struct ingest *, int64_t requests,
	    int64_t retries, int64_t bytes_raw);
/*
 * Write the run's counters to its run_log row now, for another process
 * watching; a failure is not an error of the run (the next commit writes
 * them again).
 */
void	ingest_save(struct ingest *);
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
 * The SHA-256 (hex) of the body model_key's listing had when it was last
 * stored, or "" (none, or a store error: the listing is then parsed).
 */
void	ingest_listing_last(struct ingest *, const char *model_key,
	    char sha[HASH_HEX_LEN + 1]);
/*
 * Write the catalogues' featured endpoints that no listing of the run
 * wrote: a model whose listing failed keeps what the catalogue says of it.
 * ingest_tombstone() and ingest_finish() call it; it is done once.
 */
int	ingest_featured_flush(struct ingest *, char **cause);
/*
 * Group several payloads of one model (its endpoint list and metrics) into
 * one transaction: ingest_payload() calls between these two commit nothing
 * on their own.  ingest_model_end() commits with the run's counters when ok
 * and nothing failed inside, else rolls the whole model back.  Returns 0
 * when committed; when not, the model's endpoints and unchanged listings
 * are taken off the run's counters again.  ingest_model_failed() says
 * whether a payload inside already doomed the model.
 */
int	ingest_model_begin(struct ingest *, char **cause);
int	ingest_model_end(struct ingest *, int ok, char **cause);
int	ingest_model_failed(const struct ingest *);
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
/*
 * Count n warnings (none when n is 0) and keep the text of the first ones
 * on the run (one line each, bounded; later ones are only counted).
 */
void	ingest_warn(struct ingest *, unsigned n, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Add to bytes_raw / requests. */
void	ingest_account(struct ingest *, size_t bytes_raw, unsigned requests);
/* n values of origin's JSON repaired (json-guard): n warnings, one text. */
void	ingest_warn_repaired(struct ingest *, size_t n, const char *origin);
/*
 * The tombstone sweep of a complete run: mark inactive every endpoint the
 * run did not see (*n of them), in the transaction the run's end will
 * commit in, so that it stands or falls with the run's "ok".
 */
int	ingest_tombstone(struct ingest *, int64_t *n, char **cause);
/*
 * Write status and counters, committing with the last models; frees the
 * ingest.  *final (if not NULL) gets the status the run log
 * holds: "partial" when the last commit failed but the end could be
 * written alone (0, and *cause says why), "running" when even that failed
 * (-1 and *cause; the next sync marks the run failed).  *st (if not
 * NULL) gets the counters as the run ends: the end may make the
 * database's dictionary, which counts in bytes_gz.
 */
int	ingest_finish(struct ingest *, const char *status, char *final,
	    size_t finalsize, struct ingest_stats *st, char **cause);

#endif
