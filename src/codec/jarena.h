/*
 * jarena: region allocation of jansson trees.
 *
 * A tree parsed from a response is some 250 small allocations per
 * endpoint object, each later freed one by one: a tenth of a first sync's
 * CPU went to malloc and free.  Between jarena_begin() and jarena_end()
 * every jansson allocation of the calling thread comes from a region of
 * its own, a few chunks handed out in order; freeing such a value only
 * counts it, and the region's chunks go back to malloc when the last of
 * its values is freed, on whatever thread, and jarena_end() has been
 * called.  A value made later into such a tree (outside a region) is an
 * allocation of its own, as before.
 *
 * jarena_install() sets jansson's allocation functions; it must run before
 * jansson allocates anything (first thing in main), since every block
 * then carries a header saying where it came from.  Memory jansson hands
 * out is therefore not malloc's: json_text() replaces json_dumps(), whose
 * result the caller would pass to free().  Without jarena_install() the
 * regions are never used and everything is malloc's, as before.
 */
#ifndef ORBROWSE_CODEC_JARENA_H
#define ORBROWSE_CODEC_JARENA_H

#include <stddef.h>

#include <jansson.h>

void		 jarena_install(void);

struct jarena;
/* From here on this thread's jansson allocations come from a new region
 * (nested: the outer one's again after jarena_end()). */
struct jarena	*jarena_begin(void);
/* Back to what was before jarena_begin(); the region is freed with its
 * last value (now, if it has none left). */
void		 jarena_end(struct jarena *);
/* How many regions are not freed yet (for tests). */
long		 jarena_regions(void);

/* json_dumps(), but the text is malloc's (free() it); NULL on error. */
char		*json_text(const json_t *, size_t flags);

#endif
