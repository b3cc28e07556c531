#include "config.h"

#include "project/jfield.h"

#include <math.h>
#include <string.h>

#include "util/textwidth.h"
#include "util/xmalloc.h"

/*
 * Copy at most JF_STR_MAX bytes of s, cutting on a UTF-8 character boundary
 * (jansson only hands out valid UTF-8, so backing up over continuation bytes
 * is enough).
 */
char *
jf_dup(const char *s)
{
	size_t	len;

	if (s == NULL)
		return (NULL);
	len = textwidth_utf8_cut(s, strnlen(s, JF_STR_MAX + 1), JF_STR_MAX);
	return (xstrndup(s, len));
}

/*
 * Field readers.  Each returns the NULL encoding of its type when the member
 * is missing or null, and also counts one warning in *w when it is present
 * with the wrong type.  obj may be NULL (an absent parent object).
 */
const json_t *
jf_member(const json_t *obj, const char *key)
{
	const json_t	*v;

	v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v))
		return (NULL);
	return (v);
}

const char *
jf_str(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;

	if ((v = jf_member(obj, key)) == NULL)
		return (NULL);
	if (!json_is_string(v)) {
		(*w)++;
		return (NULL);
	}
	return (json_string_value(v));
}

const json_t *
jf_obj(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;

	if ((v = jf_member(obj, key)) == NULL)
		return (NULL);
	if (!json_is_object(v)) {
		(*w)++;
		return (NULL);
	}
	return (v);
}

const json_t *
jf_arr(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;

	if ((v = jf_member(obj, key)) == NULL)
		return (NULL);
	if (!json_is_array(v)) {
		(*w)++;
		return (NULL);
	}
	return (v);
}

/* An integer; a real with an integral value in range is accepted too. */
int64_t
jf_int(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;
	double		 d;

	if ((v = jf_member(obj, key)) == NULL)
		return (JF_NULL_INT);
	if (json_is_integer(v))
		return ((int64_t)json_integer_value(v));
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (isfinite(d) && d == floor(d) &&
		    d >= -9223372036854775807.0 && d < 9223372036854775807.0)
			return ((int64_t)d);
	}
	(*w)++;
	return (JF_NULL_INT);
}

/*
 * A token limit: 0 is what OpenRouter lists for media models and routers
 * whose limit it does not know (2026), so it is read as unknown, not as
 * a limit no request fits in.
 */
int64_t
jf_tokens(const json_t *obj, const char *key, unsigned *w)
{
	int64_t	v;

	v = jf_int(obj, key, w);
	return (v == 0 ? JF_NULL_INT : v);
}

int64_t
jf_count(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;
	const char	*s;
	int64_t		 n = 0;
	size_t		 i;

	if ((v = jf_member(obj, key)) == NULL)
		return (JF_NULL_INT);
	if (!json_is_string(v)) {
		n = jf_int(obj, key, w);
		if (n != JF_NULL_INT && n < 0) {
			(*w)++;
			n = JF_NULL_INT;
		}
		return (n);
	}
	s = json_string_value(v);
	for (i = 0; s[i] >= '0' && s[i] <= '9' && i < 18; i++)
		n = n * 10 + (s[i] - '0');
	if (i == 0 || s[i] != '\0') {
		(*w)++;
		return (JF_NULL_INT);
	}
	return (n);
}

double
jf_real(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;
	double		 d;

	if ((v = jf_member(obj, key)) == NULL)
		return (NAN);
	if (json_is_number(v)) {
		d = json_number_value(v);
		if (isfinite(d))
			return (d);
	}
	(*w)++;
	return (NAN);
}

int
jf_bool(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;

	if ((v = jf_member(obj, key)) == NULL)
		return (-1);
	if (!json_is_boolean(v)) {
		(*w)++;
		return (-1);
	}
	return (json_is_true(v));
}

