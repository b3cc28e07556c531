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
	for (p++; p < end; p++) {
		if (*p == '\\')
			p++;
		else if (*p == '"')
			return (p + 1);
	}
	return (NULL);
}

/* The byte after the value at p, or NULL. */
static const char *
json_skim_value(const char *p, const char *end)
{
	int	depth = 0;

	if (p >= end)
		return (NULL);
	if (*p == '"')
		return (json_skim_string(p, end));
	if (*p != '{' && *p != '[') {
		while (p < end && *p != ',' && *p != '}' && *p != ']' &&
		    *p != ' ' && *p != '\n')
			p++;
		return (p);
	}
	while (p < end) {
		if (*p == '"') {
			if ((p = json_skim_string(p, end)) == NULL)
				return (NULL);
			continue;
		}
		if (*p == '{' || *p == '[')
			depth++;
		else if ((*p == '}' || *p == ']') && --depth == 0)
			return (p + 1);
		p++;
	}
	return (NULL);
}

int
json_skim_member(const char *p, const char *end, const char *key,
    const char **val, const char **vend)
{
	const char	*k, *q, *v;
	size_t		 klen = strlen(key);

	p = json_skim_ws(p, end);
	if (p >= end || *p != '{')
		return (-1);
	p = json_skim_ws(p + 1, end);
	if (p < end && *p == '}')
		return (0);
	for (;;) {
		if (p >= end || *p != '"')
			return (-1);
		k = p + 1;
		if ((q = json_skim_string(p, end)) == NULL)
			return (-1);
		p = json_skim_ws(q, end);
		if (p >= end || *p != ':')
			return (-1);
		v = json_skim_ws(p + 1, end);
		if ((p = json_skim_value(v, end)) == NULL)
			return (-1);
		if ((size_t)(q - 1 - k) == klen && memcmp(k, key, klen) == 0) {
			*val = v;
			*vend = p;
			return (1);
		}
		p = json_skim_ws(p, end);
		if (p < end && *p == '}')
			return (0);
		if (p >= end || *p != ',')
			return (-1);
		p = json_skim_ws(p + 1, end);
	}
}
