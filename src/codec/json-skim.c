/*
 * json-skim: an object's member found by walking its text; see json-skim.h
 * for the contract.
 */
#include "config.h"

#include "codec/json-skim.h"

#include <string.h>

static const char *
json_skim_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' ||
	    *p == '\r'))
		p++;
	return (p);
}

/* p is at a '"': the byte after the closing quote, or NULL. */
static const char *
json_skim_string(const char *p, const char *end)
{
	const char	*q, *b;

	/* A quote ends the string unless an odd run of '\\' is before it. */
	for (p++; p < end; p = q + 1) {
		if ((q = memchr(p, '"', (size_t)(end - p))) == NULL)
			return (NULL);
		for (b = q; b > p && b[-1] == '\\'; b--)
			;
		if ((q - b) % 2 == 0)
			return (q + 1);
	}
	return (NULL);
}

/* The byte after the value at p, or NULL; its deepest nesting too. */
static const char *
json_skim_nested(const char *p, const char *end, int *deepest)
{
	int	depth = 0;

	*deepest = 0;
	if (p >= end)
		return (NULL);
	if (*p == '"')
		return (json_skim_string(p, end));
	if (*p != '{' && *p != '[') {
		while (p < end && *p != ',' && *p != '}' && *p != ']' &&
		    *p != ' ' && *p != '\n' && *p != '\t' && *p != '\r')
			p++;
		return (p);
	}
	while (p < end) {
		if (*p == '"') {
			if ((p = json_skim_string(p, end)) == NULL)
				return (NULL);
			continue;
		}
		if (*p == '{' || *p == '[') {
			if (++depth > *deepest)
				*deepest = depth;
		} else if ((*p == '}' || *p == ']') && --depth == 0)
			return (p + 1);
		p++;
	}
	return (NULL);
}

const char *
json_skim_value(const char *p, const char *end)
{
	int	deepest;

	return (json_skim_nested(p, end, &deepest));
}

int
json_skim_open(struct json_skim *s, const char *p, const char *end)
{
	p = json_skim_ws(p, end);
	if (p >= end || (*p != '{' && *p != '['))
		return (-1);
	s->close = *p == '{' ? '}' : ']';
	s->p = p + 1;
	s->end = end;
	s->first = 1;
	return (0);
}

int
json_skim_key(struct json_skim *s, const char **key, size_t *klen)
{
	const char	*p, *q, *end = s->end;

	p = json_skim_ws(s->p, end);
	if (p < end && *p == s->close) {
		s->p = p + 1;
		return (0);
	}
	if (!s->first) {
		if (p >= end || *p != ',')
			return (-1);
		p = json_skim_ws(p + 1, end);
	}
	s->first = 0;
	if (key != NULL) {
		*key = NULL;
		*klen = 0;
	}
	if (s->close == '}') {
		if (p >= end || *p != '"' ||
		    (q = json_skim_string(p, end)) == NULL)
			return (-1);
		if (key != NULL) {
			*key = p + 1;
			*klen = (size_t)(q - 1 - (p + 1));
		}
		p = json_skim_ws(q, end);
		if (p >= end || *p != ':')
			return (-1);
		p = json_skim_ws(p + 1, end);
	}
	if (p >= end)
		return (-1);
	s->p = p;
	return (1);
}

int
json_skim_next(struct json_skim *s, const char **key, size_t *klen,
    const char **val, const char **vend)
{
	const char	*q;
	int		 rc;

	if ((rc = json_skim_key(s, key, klen)) != 1)
		return (rc);
	if ((q = json_skim_nested(s->p, s->end, &s->deepest)) == NULL ||
	    q == s->p)
		return (-1);
	*val = s->p;
	*vend = q;
	s->p = q;
	return (1);
}

int
json_skim_member(const char *p, const char *end, const char *key,
    const char **val, const char **vend)
{
	struct json_skim	 s;
	const char		*k, *v, *e;
	size_t			 klen = strlen(key), n;
	int			 rc;

	if (json_skim_open(&s, p, end) != 0 || s.close != '}')
		return (-1);
	while ((rc = json_skim_next(&s, &k, &n, &v, &e)) == 1) {
		if (n == klen && memcmp(k, key, klen) == 0) {
			*val = v;
			*vend = e;
			return (1);
		}
	}
	return (rc);
}
