/*
 * jlist: walk a JSON list element by element; see jlist.h.
 *
 * The structure around the elements (the top-level object, its keys, the
 * brackets and commas) is scanned here; every value is parsed by jansson
 * with JSON_DISABLE_EOF_CHECK, which reports in error.position how many
 * bytes it consumed.
 */
#include "config.h"

#include "codec/jlist.h"

#include <stdlib.h>
#include <string.h>

#include "codec/jarena.h"
#include "codec/json-guard.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define JLIST_FLAGS	(JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK)

static size_t
jlist_ws(const char *t, size_t len, size_t pos)
{
	while (pos < len && (t[pos] == ' ' || t[pos] == '\t' ||
	    t[pos] == '\n' || t[pos] == '\r'))
		pos++;
	return (pos);
}

/*
 * The member name at *pos (its opening quote), decoded by jansson like any
 * other string: a name jansson would refuse (bad UTF-8 or escape) is
 * refused, and an escaped name compares by its value.  *pos moves past it.
 * NULL when it is not a valid string; the caller decrefs the name.
 */
static json_t *
jlist_key(const char *t, size_t len, size_t *pos)
{
	json_error_t	 err;
	json_t		*name;

	if (*pos >= len || t[*pos] != '"')
		return (NULL);
	if ((name = json_loadb(t + *pos, len - *pos, JLIST_FLAGS, &err)) ==
	    NULL)
		return (NULL);
	*pos += (size_t)err.position;
	return (name);
}

/*
 * Parse one value at *pos and advance past it.  With budget, a value over
 * the budget of a tree (JSON_GUARD_VALUES) is refused before one is built:
 * a list is walked so that at most one element's tree is alive, and that
 * one must be within the budget too.  jlist_open() checks every value; the
 * walks after it go over the same text and need not.
 */
static json_t *
jlist_value(const char *t, size_t len, size_t *pos, int budget, char **why)
{
	json_error_t	 err;
	json_t		*v;
	struct jarena	*arena;

	if (budget && json_guard_value_count(t, len, *pos, JSON_GUARD_VALUES) >
	    JSON_GUARD_VALUES) {
		*why = xasprintf(_("refused: more than %zu values in one "
		    "element or member"), (size_t)JSON_GUARD_VALUES);
		return (NULL);
	}
	arena = jarena_begin();
	v = json_loadb(t + *pos, len - *pos, JLIST_FLAGS, &err);
	jarena_end(arena);
	if (v == NULL) {
		*why = xasprintf(_("invalid JSON at byte %zu: %s"),
		    *pos + (err.position > 0 ? (size_t)err.position : 0),
		    err.text);
		return (NULL);
	}
	*pos += (size_t)err.position;
	return (v);
}

static char *
jlist_bad(size_t pos, const char *what)
{
	return (xasprintf(_("invalid JSON at byte %zu: %s"), pos, what));
}

/*
 * The elements from pos (just after '['): each goes to fn, or is only
 * checked when fn is NULL; with budget, against the budget of a tree
 * (jlist_value()).  *pos ends after the ']'.
 */
static int
jlist_walk(const char *t, size_t len, size_t *pos, size_t *count,
    int budget, jlist_fn fn, void *arg, char **why)
{
	json_t	*v;
	size_t	 p = *pos, n = 0;
	int	 rc;

	p = jlist_ws(t, len, p);
	if (p < len && t[p] == ']') {
		*pos = p + 1;
		*count = 0;
		return (0);
	}
	for (;;) {
		p = jlist_ws(t, len, p);
		if ((v = jlist_value(t, len, &p, budget, why)) == NULL)
			return (-1);
		rc = fn != NULL ? fn(v, n, arg) : 0;
		json_decref(v);
		if (rc != 0)
			return (rc);
		n++;
		p = jlist_ws(t, len, p);
		if (p < len && t[p] == ',') {
			p++;
			continue;
		}
		if (p < len && t[p] == ']')
			break;
		*why = jlist_bad(p, p < len ? _("expected ',' or ']'") :
		    _("unexpected end of text"));
		return (-1);
	}
	*pos = p + 1;
	*count = n;
	return (0);
}

/* Record where the list ends: *pos is just after its ']'. */
static void
jlist_found(struct jlist *jl, size_t pos, size_t count)
{
	jl->end = pos - 1;
	jl->count = count;
}

int
jlist_open(struct jlist *jl, const char *text, size_t len, const char *key,
    jlist_fn fn, void *arg, char **why)
{
	json_t	*v, *name;
	size_t	 pos, count, klen = strlen(key);
	int	 found = 0, seen = 0, match, rc;

	memset(jl, 0, sizeof *jl);
	jl->text = text;
	jl->len = len;
	pos = jlist_ws(text, len, 0);
	if (pos < len && text[pos] == '[') {
		/* The document is the list itself. */
		jl->first = ++pos;
		if ((rc = jlist_walk(text, len, &pos, &count, 1, fn, arg,
		    why)) != 0)
			return (rc);
		jlist_found(jl, pos, count);
		found = 1;
		goto tail;
	}
	if (pos >= len || text[pos] != '{') {
		/* Not an object: jansson says whether it is JSON at all. */
		if ((v = jlist_value(text, len, &pos, 1, why)) == NULL)
			return (-1);
		json_decref(v);
		goto tail;
	}
	pos = jlist_ws(text, len, pos + 1);
	if (pos < len && text[pos] == '}') {
		pos++;
		goto tail;
	}
	for (;;) {
		pos = jlist_ws(text, len, pos);
		if ((name = jlist_key(text, len, &pos)) == NULL) {
			*why = jlist_bad(pos, _("expected a member name"));
			return (-1);
		}
		match = json_string_length(name) == klen &&
		    memcmp(json_string_value(name), key, klen) == 0;
		json_decref(name);
		/*
		 * jansson keeps the last of two members with one name, but
		 * the first list may already have gone to fn: refuse both.
		 */
		if (match && seen++) {
			*why = jlist_bad(pos, _("duplicate member name"));
			return (-1);
		}
		pos = jlist_ws(text, len, pos);
		if (pos >= len || text[pos] != ':') {
			*why = jlist_bad(pos, _("expected ':'"));
			return (-1);
		}
		pos = jlist_ws(text, len, pos + 1);
		if (match && pos < len && text[pos] == '[') {
			found = 1;
			jl->first = ++pos;
			if ((rc = jlist_walk(text, len, &pos, &count, 1, fn,
			    arg, why)) != 0)
				return (rc);
			jlist_found(jl, pos, count);
		} else {
			if ((v = jlist_value(text, len, &pos, 1, why)) == NULL)
				return (-1);
			json_decref(v);
		}
		pos = jlist_ws(text, len, pos);
		if (pos < len && text[pos] == ',') {
			pos++;
			continue;
		}
		if (pos < len && text[pos] == '}') {
			pos++;
			break;
		}
		*why = jlist_bad(pos, pos < len ? _("expected ',' or '}'") :
		    _("unexpected end of text"));
		return (-1);
	}
tail:
	pos = jlist_ws(text, len, pos);
	if (pos != len) {
		*why = jlist_bad(pos, _("end of text expected"));
		return (-1);
	}
	return (found ? 0 : 1);
}

void
jlist_of_array(struct jlist *jl, const char *text, size_t len, size_t count)
{
	memset(jl, 0, sizeof *jl);
	jl->text = text;
	jl->len = len;
	jl->first = 1;
	jl->end = len > 0 ? len - 1 : 0;
	jl->count = count;
}

int
jlist_each(const struct jlist *jl, jlist_fn fn, void *arg, char **why)
{
	size_t	pos = jl->first, count;

	return (jlist_walk(jl->text, jl->len, &pos, &count, 0, fn, arg,
	    why));
}

json_t *
jlist_member(const struct jlist *jl, const char *name)
{
	const char	*t = jl->text;
	json_t		*key, *v;
	char		*why = NULL;
	size_t		 pos, len = jl->len;
	int		 match;

	/* The document was checked by jlist_open(): only walk it. */
	pos = jlist_ws(t, len, 0);
	if (jl->first == 0 || pos >= len || t[pos] != '{')
		return (NULL);
	pos++;
	for (;;) {
		pos = jlist_ws(t, len, pos);
		if ((key = jlist_key(t, len, &pos)) == NULL)
			return (NULL);
		match = json_string_length(key) == strlen(name) &&
		    memcmp(json_string_value(key), name, strlen(name)) == 0;
		json_decref(key);
		pos = jlist_ws(t, len, pos);
		if (pos >= len || t[pos] != ':')
			return (NULL);
		pos = jlist_ws(t, len, pos + 1);
		if (pos + 1 == jl->first) {
			/* The list itself. */
			pos = jl->end + 1;
		} else {
			if ((v = jlist_value(t, len, &pos, 0, &why)) == NULL) {
				free(why);
				return (NULL);
			}
			if (match)
				return (v);
			json_decref(v);
		}
		pos = jlist_ws(t, len, pos);
		if (pos >= len || t[pos] != ',')
			return (NULL);
		pos++;
	}
}
