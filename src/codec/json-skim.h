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

#endif
