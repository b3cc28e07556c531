/*
 * ep-field: the field readers of the projections (project/endpoint.c and
 * project/model.c), tolerant field by field.
 *
 * Each returns the NULL encoding of its type when the member is missing or
 * null, and counts one warning in *w when it is present with the wrong
 * type.  obj may be NULL (an absent parent object).  ep_dup() copies at
 * most EP_STR_MAX bytes, cut on a UTF-8 character boundary.
 */
#ifndef ORBROWSE_PROJECT_EP_FIELD_H
#define ORBROWSE_PROJECT_EP_FIELD_H

#include <stdint.h>

#include <jansson.h>

char		*ep_dup(const char *);
const json_t	*ep_member(const json_t *obj, const char *key);
const char	*ep_str(const json_t *obj, const char *key, unsigned *w);
const json_t	*ep_obj(const json_t *obj, const char *key, unsigned *w);
const json_t	*ep_arr(const json_t *obj, const char *key, unsigned *w);
/* An integer; a real with an integral value in range is accepted too. */
int64_t		 ep_int(const json_t *obj, const char *key, unsigned *w);
/* A token limit: 0 (a media model's unknown) is EP_NULL_INT too. */
int64_t		 ep_tokens(const json_t *obj, const char *key, unsigned *w);

#endif
