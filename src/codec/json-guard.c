#include "config.h"

#include "codec/json-guard.h"

#include <errno.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

const struct json_guard_limits json_guard_tree = {
	JSON_GUARD_DEPTH, JSON_GUARD_VALUES, JSON_GUARD_STRING
};
const struct json_guard_limits json_guard_list = {
	JSON_GUARD_DEPTH, JSON_GUARD_LIST_VALUES, JSON_GUARD_STRING
};

struct guard {
	char				*t;
	size_t				 len;
	size_t				 i;
	const struct json_guard_limits	*lim;
	struct json_guard_report	*rep;
};

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return (c - '0');
	if (c >= 'a' && c <= 'f')
		return (c - 'a' + 10);
	if (c >= 'A' && c <= 'F')
		return (c - 'A' + 10);
	return (-1);
}

/* The code unit of "\uXXXX" at t[i] ('\\'), or -1. */
static long
guard_u(const struct guard *g, size_t i)
{
	long	v = 0;
	int	k, h;

	if (i + 6 > g->len || g->t[i] != '\\' || g->t[i + 1] != 'u')
		return (-1);
	for (k = 2; k < 6; k++) {
		if ((h = hexval(g->t[i + k])) < 0)
			return (-1);
		v = v * 16 + h;
	}
	return (v);
}

static void
guard_fffd(struct guard *g, size_t i)
{
	memcpy(g->t + i + 2, "fffd", 4);
}

/* An escape at g->i ('\\'); moves past it. */
static void
guard_escape(struct guard *g)
{
	long	u, lo;

	if ((u = guard_u(g, g->i)) < 0) {
		g->i += g->i + 1 < g->len ? 2 : 1;
		return;
	}
	if (u == 0) {
		guard_fffd(g, g->i);
		g->rep->nul++;
	} else if (u >= 0xd800 && u <= 0xdbff) {
		lo = guard_u(g, g->i + 6);
		if (lo >= 0xdc00 && lo <= 0xdfff) {
			g->i += 12;
			return;
		}
		guard_fffd(g, g->i);
		g->rep->surrogates++;
	} else if (u >= 0xdc00 && u <= 0xdfff) {
		guard_fffd(g, g->i);
		g->rep->surrogates++;
	}
	g->i += 6;
}

/*
 * The bytes before the first '"' or '\\' of p (n when there is none).
 * Eight bytes at a time while none of them is one (a word has a zero
 * byte, exactly when (w - 0x01..01) & ~w & 0x80..80 is not 0): most of a
 * response is the inside of strings, and both passes read it.
 */
#define GUARD_ONES	UINT64_C(0x0101010101010101)
#define GUARD_HIGHS	UINT64_C(0x8080808080808080)
#define GUARD_ZERO(w)	(((w) - GUARD_ONES) & ~(w) & GUARD_HIGHS)

static size_t
guard_plain(const char *p, size_t n)
{
	uint64_t	w, q, b;
	size_t		k = 0;

	for (; k + 8 <= n; k += 8) {
		memcpy(&w, p + k, 8);
		q = w ^ (GUARD_ONES * '"');
		b = w ^ (GUARD_ONES * '\\');
		if (GUARD_ZERO(q) | GUARD_ZERO(b))
			break;
	}
	while (k < n && p[k] != '"' && p[k] != '\\')
		k++;
	return (k);
}

/* A string at g->i ('"'); -1 when it is over the budget. */
static int
guard_string(struct guard *g)
{
	size_t	start = ++g->i;

	for (;;) {
		g->i += guard_plain(g->t + g->i, g->len - g->i);
		if (g->i - start > g->lim->max_string)
			return (-1);
		if (g->i >= g->len || g->t[g->i] == '"')
			break;
		guard_escape(g);
	}
	g->i++;
	return (0);
}

/* Whether the integer digits (sign stripped) fit in an int64_t. */
static int
guard_int_fits(const char *d, size_t n, int neg)
{
	const char	*max = neg ? "9223372036854775808" :
			    "9223372036854775807";

	while (n > 1 && *d == '0') {
		d++;
		n--;
	}
	if (n != 19)
		return (n < 19);
	return (memcmp(d, max, 19) <= 0);
}

/* A number at g->i: nulled when jansson would refuse its range. */
static void
guard_number(struct guard *g)
{
	size_t	 start = g->i, n;
	int	 real = 0, neg = g->t[start] == '-', fits;
	char	 save, *end;
	double	 d;

	while (g->i < g->len && strchr("0123456789+-.eE", g->t[g->i]) != NULL &&
	    g->t[g->i] != '\0') {
		if (strchr(".eE", g->t[g->i]) != NULL)
			real = 1;
		g->i++;
	}
	n = g->i - start;
	if (!real)
		fits = guard_int_fits(g->t + start + neg, n - neg, neg);
	else {
		/* The text is ours to change: end the token for strtod. */
		save = g->i < g->len ? g->t[g->i] : '\0';
		if (g->i < g->len)
			g->t[g->i] = '\0';
		errno = 0;
		d = strtod(g->t + start, &end);
		fits = !(errno == ERANGE && isinf(d));
		if (g->i < g->len)
			g->t[g->i] = save;
		if (g->i == g->len)
			fits = 1;	/* unterminated: jansson's to judge */
	}
	if (fits || n < 4)
		return;
	memcpy(g->t + start, "null", 4);
	memset(g->t + start + 4, ' ', n - 4);
	g->rep->numbers++;
}

static int
guard_value_counted(struct guard *g, char **why)
{
	if (++g->rep->values <= g->lim->max_values)
		return (0);
	*why = xasprintf(_("more than %zu values in one document"),
	    g->lim->max_values);
	return (-1);
}

int
json_guard(char *text, size_t len, const struct json_guard_limits *lim,
    struct json_guard_report *rep, char **why)
{
	struct guard	g = { text, len, 0, lim, rep };
	unsigned char	obj[JSON_GUARD_DEPTH_MAX + 1];	/* depth: in an object */
	size_t		depth = 0, max_depth;
	int		key = 0;	/* a string here is a member name */
	char		c;

	max_depth = lim->max_depth < JSON_GUARD_DEPTH_MAX ? lim->max_depth :
	    JSON_GUARD_DEPTH_MAX;

	memset(rep, 0, sizeof *rep);
	while (g.i < len) {
		c = text[g.i];
		switch (c) {
		case '{':
		case '[':
			if (++depth > max_depth) {
				*why = xasprintf(_("nested deeper than %zu "
				    "levels"), max_depth);
				return (-1);
			}
			obj[depth] = c == '{';
			if (depth > rep->depth)
				rep->depth = depth;
			if (guard_value_counted(&g, why) != 0)
				return (-1);
			key = c == '{';
			g.i++;
			break;
		case '}':
		case ']':
			if (depth == 0)
				return (0);	/* not JSON: jansson says */
			depth--;
			key = 0;
			g.i++;
			break;
		case ',':
			/* In an object the next string is a name again. */
			key = depth > 0 && obj[depth];
			g.i++;
			break;
		case ':':
			key = 0;
			g.i++;
			break;
		case '"':
			if (!key && guard_value_counted(&g, why) != 0)
				return (-1);
			if (guard_string(&g) != 0) {
				*why = xasprintf(_("a string of more than %zu "
				    "bytes"), lim->max_string);
				return (-1);
			}
			break;
		default:
			if (c == '-' || (c >= '0' && c <= '9')) {
				if (guard_value_counted(&g, why) != 0)
					return (-1);
				guard_number(&g);
			} else if (c == 't' || c == 'f' || c == 'n') {
				if (guard_value_counted(&g, why) != 0)
					return (-1);
				while (g.i < len && text[g.i] >= 'a' &&
				    text[g.i] <= 'z')
					g.i++;
			} else
				g.i++;
			break;
		}
	}
	return (0);
}

/* One byte outside a string. */
static int
guard_feed_token(struct json_guard_stream *st, char c,
    const struct json_guard_limits *lim, size_t max_depth, char **why)
{
	/*
	 * What json_guard()'s guard_number() might find out of range: it
	 * reads a number as '-' or a digit and then every byte of
	 * "0123456789+-.eE", and only one of more than
	 * JSON_GUARD_SURE_DIGITS such bytes, or with an exponent, can be.
	 */
	if (st->in_number ? (c >= '0' && c <= '9') || c == '+' || c == '-' ||
	    c == '.' || c == 'e' || c == 'E' : c == '-' || (c >= '0' &&
	    c <= '9')) {
		st->in_number = 1;
		if (++st->digits > JSON_GUARD_SURE_DIGITS || c == 'e' ||
		    c == 'E')
			st->suspect = 1;
	} else {
		st->in_number = 0;
		st->digits = 0;
	}
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
		return (0);
	if (!st->started) {
		st->started = 1;
		st->values = 1;
	} else if (st->opened && c != ']' && c != '}')
		st->values++;		/* the first of a container's values */
	st->opened = 0;
	switch (c) {
	case '[':
	case '{':
		if (++st->depth > max_depth) {
			*why = xasprintf(_("nested deeper than %zu levels"),
			    max_depth);
			return (-1);
		}
		st->opened = 1;
		break;
	case ']':
	case '}':
		if (st->depth > 0)
			st->depth--;
		break;
	case ',':
		st->values++;
		break;
	case '"':
		st->in_string = 1;
		st->string = 0;
		break;
	}
	if (st->values > lim->max_values) {
		*why = xasprintf(_("more than %zu values in one document"),
		    lim->max_values);
		return (-1);
	}
	return (0);
}

/*
 * json_guard_feed() on st, which the caller keeps in its own variable:
 * bytes of p may alias any object the state is in, so each byte would
 * store the state and load it again, and a local one stays in registers.
 */
static inline int
guard_feed_run(struct json_guard_stream *st, const char *p, size_t len,
    const struct json_guard_limits *lim, char **why)
{
	size_t	i, run, max_depth;

	max_depth = lim->max_depth < JSON_GUARD_DEPTH_MAX ? lim->max_depth :
	    JSON_GUARD_DEPTH_MAX;
	for (i = 0; i < len; i++) {
		if (!st->in_string) {
			if (guard_feed_token(st, p[i], lim, max_depth, why) != 0)
				return (-1);
			continue;
		}
		if (st->escape) {
			st->escape = 0;
			if (p[i] == 'u')
				st->suspect = 1;	/* NUL, surrogate */
		} else {
			/* Up to the next quote or escape at once. */
			run = guard_plain(p + i, len - i);
			st->string += run;
			i += run;
			if (st->string > lim->max_string)
				goto long_string;
			if (i == len)
				return (0);
			if (p[i] == '"') {
				st->in_string = 0;
				continue;
			}
			st->escape = 1;
		}
		if (++st->string > lim->max_string)
			goto long_string;
	}
	return (0);

long_string:
	*why = xasprintf(_("a string of more than %zu bytes"),
	    lim->max_string);
	return (-1);
}

int
json_guard_feed(struct json_guard_stream *st, const char *p, size_t len,
    const struct json_guard_limits *lim, char **why)
{
	struct json_guard_stream	s = *st;
	int				rc;

	rc = guard_feed_run(&s, p, len, lim, why);
	*st = s;
	return (rc);
}

int
json_guard_fed(const struct json_guard_stream *st,
    const struct json_guard_limits *fed, const struct json_guard_limits *lim,
    struct json_guard_report *rep)
{
	if (st->suspect || st->in_string || !st->started ||
	    st->values > lim->max_values || fed->max_depth > lim->max_depth ||
	    fed->max_string > lim->max_string)
		return (0);
	memset(rep, 0, sizeof *rep);
	rep->values = st->values;
	return (1);
}

size_t
json_guard_repairs(const struct json_guard_report *rep)
{
	return (rep->nul + rep->surrogates + rep->numbers);
}

char *
json_guard_describe(const struct json_guard_report *rep)
{
	if (json_guard_repairs(rep) == 0)
		return (NULL);
	return (xasprintf(_("%zu values repaired (%zu NUL characters, %zu "
	    "lone surrogates, %zu numbers out of range)"),
	    json_guard_repairs(rep), rep->nul, rep->surrogates,
	    rep->numbers));
}

size_t
json_guard_value_count(const char *t, size_t len, size_t pos, size_t max)
{
	size_t	n = 1, depth = 0;
	int	opened = 0;

	for (; pos < len && n <= max; pos++) {
		switch (t[pos]) {
		case ' ': case '\t': case '\n': case '\r': case ':':
			continue;
		case '[': case '{':
			if (opened)
				n++;
			depth++;
			opened = 1;
			continue;
		case ']': case '}':
			opened = 0;
			if (depth <= 1)
				return (n);
			depth--;
			continue;
		case ',':
			if (depth == 0)
				return (n);
			n++;
			continue;
		case '"':
			for (pos++; pos < len && t[pos] != '"'; pos++)
				if (t[pos] == '\\')
					pos++;
			break;
		default:
			break;
		}
		/* A scalar (or a string, scanned to its closing quote). */
		if (opened)
			n++;
		opened = 0;
		if (depth == 0)
			return (n);
	}
	return (n);
}
