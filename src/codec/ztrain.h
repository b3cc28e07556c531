/*
 * ztrain: samples a database's compression dictionary is made of.
 *
 * A preset dictionary helps a blob as far as the blob's strings are in it.
 * The first objects a sync stores are the first model's endpoints, which
 * share one model's slug and name and differ little: a dictionary of only
 * those (what a database got before #19) leaves out most providers, and
 * every model and provider object, which the endpoint skeletons' strings
 * do not serve.  So the samples are taken from pools of the first
 * objects of two kinds -- the skeletons of endpoint objects, nine in ten
 * blobs, and every other object -- and the dictionary is, from its far
 * end (zlib codes a nearer match in fewer bits), a half of other samples
 * and a half of skeletons, each picked evenly across its pool, the latest
 * nearest.  A sync stores the model lists first, so the other samples are
 * the lists' first entries: they serve the model objects split off the
 * endpoints too (a quarter of parts in their place, taking half of the
 * others' share, made both kinds larger: 42.3 MB, not 41.9).
 *
 * On the scale set an endpoint's skeleton comes out an eighth smaller
 * than with the first objects' dictionary (190 bytes, not 218) and a
 * model or provider object nearly half (274, not 507): the first sync's
 * database was 43.4 MB, not 46.2 (README.md, Performance).  Pooling more
 * endpoints (1 or 4 MB, not 256 KB) gained under 1%.
 */
#ifndef ORBROWSE_CODEC_ZTRAIN_H
#define ORBROWSE_CODEC_ZTRAIN_H

#include <stddef.h>

#include "util/buf.h"

enum ztrain_kind {
	ZTRAIN_MAIN,		/* the objects most blobs are (skeletons) */
	ZTRAIN_OTHER,		/* any other object */
	ZTRAIN_KINDS
};

/* The main samples pooled before the dictionary is made from them. */
#define ZTRAIN_POOL	(256u * 1024)
/* Fewer main bytes than this make no dictionary, even at a run's end. */
#define ZTRAIN_MIN	(16u * 1024)
/* The other objects pooled; they take at most half the dictionary. */
#define ZTRAIN_OTHER_POOL (64u * 1024)
/* The bytes of an object a sample takes: its start. */
#define ZTRAIN_SAMPLE	(4u * 1024)

/* One kind's samples, one after another, and where each ends. */
struct ztrain_pool {
	struct buf	 data;
	size_t		*ends;
	size_t		 n;
	size_t		 cap;
};

struct ztrain {
	struct ztrain_pool	 pool[ZTRAIN_KINDS];
};

void	ztrain_init(struct ztrain *);
void	ztrain_free(struct ztrain *);
/* Add the first ZTRAIN_SAMPLE bytes of an object, unless the pool of its
 * kind is full. */
void	ztrain_add(struct ztrain *, enum ztrain_kind, const void *, size_t);
/* Is the pool full (or, at_end, large enough) for a dictionary? */
int	ztrain_ready(const struct ztrain *, int at_end);
/*
 * The dictionary (at most max bytes) into out (reset first): the other
 * samples (half at most), then the main samples, each kind's spread
 * across its pool in their order.
 */
void	ztrain_build(const struct ztrain *, size_t max, struct buf *out);

#endif
