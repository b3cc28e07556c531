/*
 * jlist: the elements of a large JSON list, one at a time.
 *
 * OpenRouter's model list and catalogue are single responses of several
 * megabytes whose parsed tree would take ten times that.  jlist keeps only
 * the response text: jlist_open() checks the whole document (every value and
 * member name is parsed, so a document jansson would refuse is refused here
 * too) and finds the array under a key of the top-level object (or the
 * top-level array itself, the shape of some captures); a document with that
 * key twice is refused, where jansson would keep the last.  jlist_each()
 * then parses one element at a time, so at most one element's tree is
 * alive.
 *
 * The text is borrowed and must outlive the jlist.  fn gets each element
 * (borrowed: it is freed when fn returns) and its index; a non-zero return
 * stops the walk and is returned.
 */
#ifndef ORBROWSE_CODEC_JLIST_H
#define ORBROWSE_CODEC_JLIST_H

#include <stddef.h>

#include <jansson.h>

struct jlist {
	const char	*text;
	size_t		 len;
	size_t		 first;		/* offset just after the '[' */
	size_t		 end;		/* offset of the ']' */
	size_t		 count;
};

typedef int (*jlist_fn)(const json_t *, size_t, void *);

/*
 * Returns 0; 1 when the text is valid JSON but not an object with an array
 * under key (the caller may parse it whole to say what it is instead); -1
 * with *why (caller frees) when it is not valid JSON, or an element of the
 * list or another member's value holds more values than a tree may
 * (JSON_GUARD_VALUES, codec/json-guard.h: refused before its tree is
 * built); fn's non-zero return.  Give it text that has passed json_guard().
 */
int	jlist_open(struct jlist *, const char *text, size_t len,
	    const char *key, jlist_fn fn, void *arg, char **why);
/*
 * A list over text that is an array of count elements, each of which was
 * checked already (the elements of checked pages, joined with commas in
 * one "[...]"): set up for jlist_each() without a walk.
 */
void	jlist_of_array(struct jlist *, const char *text, size_t len,
	    size_t count);
/* Walk the elements again.  Returns 0, fn's non-zero, or -1 with *why. */
int	jlist_each(const struct jlist *, jlist_fn fn, void *arg, char **why);
/*
 * Another member of the top-level object of an opened list (a paginated
 * list's "total_count" or "links"), parsed; NULL when there is none or the
 * document is the list itself.  The list is skipped, not parsed again.
 * The caller decrefs.
 */
json_t	*jlist_member(const struct jlist *, const char *name);

#endif
