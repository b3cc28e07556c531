/*
 * json-skim: one member of a JSON object, found in the object's text
 * without parsing it.
 *
 * Parsing a document of a few kilobytes to read one small member costs far
 * more than walking its text: json_skim_member() steps over the members
 * before the one it looks for, skipping each value by counting brackets
 * outside strings.  It is made for canonical JSON (codec/canon.h), where
 * keys are written unescaped and each appears once: a key is compared as
 * it is written, and the first match wins.
 *
 * Nothing is checked beyond what the walk needs: the value handed back may
 * be malformed.  A caller parses it (a small text) before trusting it, and
 * parses the whole document instead when the answer is -1.  The text is
 * borrowed; the value's bounds point into it.
 */
#ifndef ORBROWSE_CODEC_JSON_SKIM_H
#define ORBROWSE_CODEC_JSON_SKIM_H

#include <stddef.h>

/*
 * The member key of the object in [p, end) (white space around it is
 * allowed): 1 with its value's text in [*val, *vend), 0 when the object has
 * no such member, -1 when the text does not look like an object.
 */
int	json_skim_member(const char *p, const char *end, const char *key,
	    const char **val, const char **vend);

/*
 * A walk over the members of an object or the elements of an array, for
 * callers that look at all of them (codec/jshare.c).  json_skim_open()
 * starts at the '{' or '[' at p (after white space): 0, or -1 when there
 * is none.  Each call of json_skim_next() then gives the next member (its
 * key as written, without the quotes, and its value) or element (key
 * NULL): 1, 0 after the last (the walk then stands after the closing
 * bracket), -1 when the text does not look right.  json_skim_key() does
 * the same up to the value, and leaves the walk at its first byte (p): a
 * caller that walks the value itself then sets p to the byte after it.
 */
struct json_skim {
	const char	*p, *end;
	char		 close;		/* '}' or ']' */
	int		 first;
	int		 deepest;	/* json_skim_next()'s value's nesting */
};
int	json_skim_open(struct json_skim *, const char *p, const char *end);
int	json_skim_next(struct json_skim *, const char **key, size_t *klen,
	    const char **val, const char **vend);
int	json_skim_key(struct json_skim *, const char **key, size_t *klen);
/*
 * The byte after the value at p (a string, a bracketed value with its
 * brackets counted outside strings, or a scalar up to the next delimiter),
 * or NULL when the text ends first.
 */
const char *json_skim_value(const char *p, const char *end);

#endif
