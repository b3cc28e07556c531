/*
 * canon: canonical JSON, the form that is hashed and stored.
 *
 * Canonical JSON is jansson's compact encoding with keys sorted and reals
 * printed with JSON_REAL_PRECISION(17) (17 significant digits, so every
 * double round-trips; 0.1 prints as 0.10000000000000001).  This flag set
 * is fixed forever: changing it changes every hash.  Two documents that
 * differ only in key order or whitespace have the same canonical form.
 * canon_dump() writes it with an encoder of its own, byte for byte what
 * json_dump_callback() with CANON_FLAGS writes, in less than half the
 * time (test-canon compares the two); reals are jansson's own text.
 */
#ifndef ORBROWSE_CODEC_CANON_H
#define ORBROWSE_CODEC_CANON_H

#include <jansson.h>

#include "util/buf.h"

#define CANON_FLAGS (JSON_COMPACT | JSON_SORT_KEYS | JSON_REAL_PRECISION(17) \
	| JSON_ENCODE_ANY)

/* Append the canonical form of v to out (which is reset first).  Returns 0,
 * or -1 if jansson cannot encode v. */
int	canon_dump(const json_t *v, struct buf *out);

/*
 * canon_dump(), but the canonical form of an object that is a member of
 * v (an object) may come from memo: text() gives it (len bytes) or NULL.
 * The text must be that object's canonical form (codec/jshare.c keeps the
 * form of each tree it shares).  With parts (NULL-terminated keys), the
 * dump also gives in spans and *nspans what canon_split(out, parts) would
 * (below), without reading the text again.
 */
struct canon_span;
struct canon_memo {
	const char	*(*text)(const json_t *, size_t *len, void *arg);
	void		*arg;
	const char *const *parts;
	struct canon_span *spans;	/* CANON_PARTS of them */
	size_t		*nspans;
};
int	canon_dump_memo(const json_t *v, struct buf *out,
	    const struct canon_memo *);

/*
 * Structural dedup (store/store-blobs.c).  An endpoint object embeds its
 * whole model and provider objects, the same bytes in every endpoint of a
 * model or of a provider; stored apart, each is kept once.  Canonical JSON
 * is compact with sorted keys, so a member's value is a byte range of its
 * object's canonical form, and is itself the canonical form of that value:
 * cutting it out and putting it back gives the very bytes (and hash) of
 * the whole.
 *
 * canon_split() finds, in c (the canonical form of an object), the values
 * of the top-level members named in keys (NULL-terminated) that are
 * objects of at least CANON_PART_MIN bytes, at most CANON_PARTS of them,
 * in the order they appear; it returns how many, and fills parts with
 * their ranges in c.  canon_splice() puts parts back: skel is c without
 * those ranges, at[i] is where part i goes in skel (ascending), and the
 * whole is written to out (reset first).
 */
#define CANON_PARTS	2
#define CANON_PART_MIN	64

struct canon_span {
	size_t	off;
	size_t	len;
};

size_t	canon_split(const char *c, size_t len, const char *const *keys,
	    struct canon_span parts[CANON_PARTS]);
/* The skeleton: c without parts[0..n), and where each part went in it. */
void	canon_skeleton(const char *c, size_t len,
	    const struct canon_span *parts, size_t n, struct buf *skel,
	    size_t at[CANON_PARTS]);
int	canon_splice(const char *skel, size_t skel_len, const size_t *at,
	    const struct buf *parts, size_t n, struct buf *out);

#endif
