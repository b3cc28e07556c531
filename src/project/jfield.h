/*
 * jfield: reading one member of an untrusted JSON object, type-checked.
 *
 * Each reader returns the NULL encoding of its type when the member is
 * missing or null -- NULL for strings, objects and arrays, JF_NULL_INT for
 * integers, NAN for reals, -1 for booleans -- and also counts one warning
 * in *w when the member is present with the wrong type.  obj may be NULL
 * (an absent parent object).  Returned pointers are borrowed from obj.
 *
 * jf_dup() copies a string bounded to JF_STR_MAX bytes, cut on a UTF-8
 * character boundary (caller frees; NULL for NULL), so a hostile payload
 * cannot make a stored row arbitrarily large.
 */
#ifndef ORBROWSE_PROJECT_JFIELD_H
#define ORBROWSE_PROJECT_JFIELD_H

#include <stdint.h>

#include <jansson.h>

#define JF_NULL_INT	INT64_MIN
#define JF_STR_MAX	4096	/* longest string kept, in bytes */

char		*jf_dup(const char *);
const json_t	*jf_member(const json_t *obj, const char *key);
const char	*jf_str(const json_t *obj, const char *key, unsigned *w);
const json_t	*jf_obj(const json_t *obj, const char *key, unsigned *w);
const json_t	*jf_arr(const json_t *obj, const char *key, unsigned *w);
/* An integer; a real with an integral value in range is accepted too. */
int64_t		 jf_int(const json_t *obj, const char *key, unsigned *w);
/* A token limit: 0 (a media model's unknown) is JF_NULL_INT too. */
int64_t		 jf_tokens(const json_t *obj, const char *key, unsigned *w);
/*
 * A count: a non-negative integer, or a string of 1..18 decimal digits
 * (OpenRouter sends some token totals as strings).
 */
int64_t		 jf_count(const json_t *obj, const char *key, unsigned *w);
/* A finite number. */
double		 jf_real(const json_t *obj, const char *key, unsigned *w);
int		 jf_bool(const json_t *obj, const char *key, unsigned *w);

#endif
