/*
 * prep: the work on a response that needs no database, on a thread of its
 * own.
 *
 * A sync spends about half its CPU parsing responses and turning every
 * endpoint object into a blob (canonical JSON, SHA-256, deflate), and the
 * other half in libcurl, the projection and SQLite.  The first half needs
 * nothing but the response, so while the main thread writes one model a
 * worker thread prepares the next: it parses the body and, for an endpoint
 * listing, gives each endpoint object its hash and, unless the database
 * may have it already (codec/hashfilter.h), its compressed blob: split
 * (codec/canon.h) into its model and provider, each compressed the first
 * time the worker meets it, and the rest.  A
 * listing whose body is the one the database recorded last time (the
 * SHA-256 of the bytes) is neither prepared nor, unless asked, parsed.
 * The main thread then stores them (sync/ingest.c), which only needs the
 * database to say whether the hash is new.
 *
 * Jobs are done in the order they are submitted.  prep_done() never
 * blocks; the wake callback is called (on the worker thread) after each
 * job, to interrupt the main thread's poll (http_wakeup()).  When no thread
 * can be started, prep_submit() does the job itself, so a caller never
 * depends on the thread.
 *
 * The worker uses no database, no curl handle and no global state except
 * the dictionary table of codec/zblob.c, which is locked.
 */
#ifndef ORBROWSE_SYNC_PREP_H
#define ORBROWSE_SYNC_PREP_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "codec/canon.h"
#include "codec/json-guard.h"
#include "codec/hash.h"
#include "codec/hashfilter.h"
#include "codec/zblob.h"
#include "util/buf.h"

/* A part of a split endpoint object (codec/canon.h), prepared. */
struct prep_part {
	char		 hash[HASH_HEX_LEN + 1];
	size_t		 raw_len;	/* canonical bytes */
	size_t		 off;		/* its blob, as the item's; len 0: */
	size_t		 len;		/* the worker sent it before, or the
					 * database may have it */
};

/* One element of an endpoint listing, prepared. */
struct prep_item {
	char		 hash[HASH_HEX_LEN + 1];	/* "": not an object */
	int		 packed;	/* compressed (else it may be stored) */
	uint32_t	 dict;		/* the blob's dictionary (0: gzip) */
	size_t		 raw_len;	/* canonical bytes */
	size_t		 off;		/* the blob: job->blobs.data + off */
	size_t		 len;
	/*
	 * Packed: 0, a whole blob; else the blob is split (zblob's split
	 * header and the skeleton) and these are its parts.
	 */
	size_t		 nparts;
	struct prep_part parts[CANON_PARTS];
};

struct prep_job {
	/* In: set by the caller. */
	struct buf	 body;		/* moved in; freed once parsed, */
	/*
	 * but kept when its tree was large (prep_done()): a caller that
	 * keeps the response a while drops the tree and parses the body
	 * again when it needs it, so that one large tree at a time is
	 * made.
	 */
	int		 keep_body;
	int		 blobs;		/* prepare an endpoint listing's blobs */
	uint32_t	 dict;		/* compress with this dictionary */
	void		*arg;		/* the caller's */
	int		 dispose;	/* only to be freed (prep_dispose()) */
	int		 helped;	/* done by prep_help() or prep_done() */
	int		 large;		/* left by the worker to prep_done() */
	/*
	 * A listing: the SHA-256 (hex) its body had last time ("": none).
	 * When the body has it again the objects are not prepared, and
	 * unless need_tree the body is not parsed either but kept.
	 */
	char		 expect_sha[HASH_HEX_LEN + 1];
	int		 need_tree;
	/*
	 * The body fed whole to json_guard_feed() against json_guard_list
	 * as it came (source/http.h): the budget check before the parse is
	 * not made again when json_guard_fed() says it has nothing to do.
	 */
	struct json_guard_stream fed;
	int		 have_fed;

	/* Out. */
	char		 body_sha[HASH_HEX_LEN + 1];	/* listings; "" failed */
	int		 unchanged;	/* body_sha is expect_sha */
	json_t		*root;		/* NULL: *why says why, or unchanged */
	char		*why;
	struct json_guard_report guard;	/* the budget check's repairs */
	struct prep_item *items;	/* by index in the listing */
	size_t		 nitems;
	struct buf	 blobs_data;

	struct prep_job	*next;
};

struct prep;

/*
 * wake (may be NULL) is called on the worker thread after each job.  The
 * blobs known (may be NULL) says may be stored already are not compressed;
 * it must not change until prep_stop().  With thread 0 no thread is
 * started: prep_submit() does each job at once, so jobs come back in the
 * order they went in, whatever the timing.
 */
struct prep	*prep_start(void (*wake)(void *), void *wake_arg,
		    const struct hashfilter *known, int thread);
/* Hand a job over; it comes back from prep_done(). */
void		 prep_submit(struct prep *, struct prep_job *);
/*
 * Free a job on the worker: a tree is cheapest to free in the thread that
 * allocated it, and the main thread has better things to do.
 */
void		 prep_dispose(struct prep *, struct prep_job *);
/* A finished job, or NULL; never blocks. */
struct prep_job	*prep_done(struct prep *);
/*
 * Do, on the calling thread, the oldest job the worker has not started,
 * and hand it back (done); NULL unless the worker is behind (two jobs
 * wait).  A caller with nothing else to do helps, so that the two threads
 * share the work when the worker has more.
 */
struct prep_job	*prep_help(struct prep *);
/* Jobs submitted and not yet taken back (prep_done(), prep_help()). */
unsigned	 prep_pending(struct prep *);
/*
 * Wait for the job in hand, drop the queue, join the thread and free;
 * the jobs not yet taken back are given to drop (which frees them).
 */
void		 prep_stop(struct prep *, void (*drop)(struct prep_job *));

/* Do one job here (what the worker does). */
void		 prep_run(struct prep_job *, struct zblob_deflater *,
		    const struct hashfilter *known);
/* Free a job's results and body (not arg) and the job. */
void		 prep_job_free(struct prep_job *);
/*
 * The body against codec/json-guard.h's budgets, repaired in place (the
 * repairs counted in job->guard): 0, or -1 with job->why.  prep_run() does
 * it; a body kept unparsed is checked with it before it is parsed later.
 */
int		 prep_guard(struct prep_job *);
/* The prepared blob of element i of the listing, or NULL. */
const struct prep_item *prep_item_at(const struct prep_job *, size_t i);

#endif
