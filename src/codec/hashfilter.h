/*
 * hashfilter: a Bloom filter of SHA-256 hex digests.
 *
 * The sync's worker thread (sync/prep.c) compresses the blob of every
 * object it prepares, unless the blob may be stored already: on a re-sync
 * nearly every object is, and compressing them all would make the worker,
 * not the database, what a re-sync waits for.  The store is the main
 * thread's, so the worker asks this filter, filled from the blob table
 * when the run starts and read-only after.  A "maybe" that is wrong (about
 * one in four hundred) only means the main thread compresses that blob
 * itself; a "no" is always right.
 *
 * The digests are uniformly random, so the filter's probes are taken from
 * the digest itself: from its first 64 bits (16 hex digits), all the
 * store's index of hashes holds, so that a run fills the filter from that
 * index (a megabyte) rather than from the blob table.
 */
#ifndef ORBROWSE_CODEC_HASHFILTER_H
#define ORBROWSE_CODEC_HASHFILTER_H

#include <stddef.h>
#include <stdint.h>

struct hashfilter {
	uint64_t	*bits;
	uint64_t	 mask;		/* number of bits - 1 */
};

/* Room for about n digests (16 bits each, at least 4 KiB). */
void	hashfilter_init(struct hashfilter *, size_t n);
void	hashfilter_free(struct hashfilter *);
/* Any string is accepted; only a SHA-256 hex digest (or its first 16
 * digits) is useful. */
void	hashfilter_add(struct hashfilter *, const char *hex);
/* 0: hex was never added; 1: it may have been. */
int	hashfilter_maybe(const struct hashfilter *, const char *hex);

#endif
