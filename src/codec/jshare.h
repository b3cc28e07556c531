/*
 * jshare: parse a list whose elements embed the same objects once.
 *
 * An endpoint listing holds a model's endpoints, and every one of them
 * embeds the whole model object and its provider's object: the same text
 * over and over, and the same provider objects in every listing.  Parsing
 * them into trees was some 45% of a listing's parse, and the trees' free.
 * jshare_loadb() parses a document {"data": [{...}, ...], ...} as
 * json_loadb() does, except that each named member of an element (keys)
 * whose text it has seen before, in this document or a recent one, is not
 * parsed again: the element gets the one tree parsed from that text (a
 * reference; jansson's counts are atomic).  The tree is the same as
 * json_loadb()'s in every value; only its objects may be shared, so a
 * caller must not change the tree in place.
 *
 * The walk trusts nothing: an element with a key written with an escape
 * (it could spell a named one) or with a named key twice shares nothing;
 * a member's text is parsed on its own before it is shared, and only one
 * nested a few levels deep (jansson's limit on depth counts from the
 * document's root); anything unexpected (a document of another shape,
 * text that does not parse) ends in json_loadb() of the text as given,
 * with its error.  Every parse of
 * the document is in a region (codec/jarena.h); the shared trees are
 * malloc's, so call it outside any region.
 *
 * A cache is one thread's: it keeps at most JSHARE_ENTRIES members' texts
 * and trees (each at most JSHARE_MEMBER_MAX bytes), the least recently
 * used going first.
 */
#ifndef ORBROWSE_CODEC_JSHARE_H
#define ORBROWSE_CODEC_JSHARE_H

#include <stddef.h>

#include <jansson.h>

#define JSHARE_ENTRIES		64
#define JSHARE_MEMBER_MAX	(16 * 1024)
/* Larger documents are parsed as they are (the copy would cost more). */
#define JSHARE_TEXT_MAX		(4 * 1024 * 1024)

struct jshare;

struct jshare	*jshare_new(void);
void		 jshare_free(struct jshare *);

/*
 * text as json_loadb(text, len, 0, err) parses it, sharing the members
 * keys (a NULL-terminated list) of data's elements.  s may be NULL (no
 * sharing).
 */
json_t		*jshare_loadb(struct jshare *s, const char *const *keys,
		    const char *text, size_t len, json_error_t *err);

/*
 * For canon_dump_memo() (arg: the struct jshare): the canonical form of
 * v if it is one of the cache's trees, made the first time it is asked
 * for; NULL otherwise.  The text is the cache's, good until the next
 * jshare_loadb().
 */
const char	*jshare_canon(const json_t *v, size_t *len, void *arg);

/* Members taken from the cache so far, and parsed for it (for tests). */
size_t		 jshare_hits(const struct jshare *);
size_t		 jshare_parsed(const struct jshare *);

#endif
