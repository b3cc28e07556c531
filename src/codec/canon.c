#include "config.h"

#include "codec/canon.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

/*
 * The encoder.  It writes what json_dump_callback(v, ..., CANON_FLAGS)
 * writes -- test-canon compares the two on real captures and on random
 * trees -- without what makes jansson's slow for this (a callback per
 * token, and a pointer printed and hashed for every object and array to
 * find cycles): the sync canonicalises every object it fetches, and that
 * was an eighth of its CPU time.  Reals are jansson's own text (its
 * formatting differs between versions).  A tree deeper than any parse
 * gives (jansson's limit is 2048) is refused, which is how a cycle ends.
 */
#define CANON_DEPTH_MAX	4096
/* Objects with up to this many members sort their keys on the stack. */
#define CANON_KEYS_STACK 24

struct canon_key {
	const char	*key;
	size_t		 len;
	json_t		*value;
};

static int	canon_value(const json_t *, struct buf *, int,
		    const struct canon_memo *);
static int	canon_key_wanted(const char *, size_t, const char *const *);

/* jansson's key order: bytes, then the shorter first. */
static int
canon_key_cmp(const void *a, const void *b)
{
	const struct canon_key	*x = a, *y = b;
	size_t			 n = x->len < y->len ? x->len : y->len;
	int			 c;

	if ((c = memcmp(x->key, y->key, n)) != 0)
		return (c);
	return (x->len < y->len ? -1 : x->len > y->len);
}

/* The length of the UTF-8 sequence at p (left bytes), 0 if invalid. */
static size_t
canon_utf8_len(const unsigned char *p, size_t left)
{
	uint32_t	cp;
	size_t		n, i;

	if (p[0] < 0xc2 || p[0] > 0xf4)
		return (0);
	n = p[0] < 0xe0 ? 2 : p[0] < 0xf0 ? 3 : 4;
	if (left < n)
		return (0);
	cp = p[0] & (0x7f >> n);
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return (0);
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* Overlong, a surrogate or past U+10FFFF: jansson refuses. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return (0);
	return (n);
}

/* Whether c goes out as it is (jansson escapes only what JSON must). */
#define CANON_PLAIN(c)	((c) >= 0x20 && (c) != '"' && (c) != '\\')

/* The escape of c (a control character, '"' or '\\') into esc: its length. */
static size_t
canon_escape(unsigned char c, char esc[6])
{
	static const char	 hex[] = "0123456789ABCDEF";

	esc[0] = '\\';
	switch (c) {
	case '"':
	case '\\':
		esc[1] = (char)c;
		return (2);
	case '\b':
		esc[1] = 'b';
		return (2);
	case '\f':
		esc[1] = 'f';
		return (2);
	case '\n':
		esc[1] = 'n';
		return (2);
	case '\r':
		esc[1] = 'r';
		return (2);
	case '\t':
		esc[1] = 't';
		return (2);
	}
	memcpy(esc + 1, "u00", 3);
	esc[4] = hex[c >> 4];
	esc[5] = hex[c & 0xf];
	return (6);
}

/* A string, quoted and escaped as jansson does; -1 if not UTF-8. */
static int
canon_string(const char *str, size_t len, struct buf *out)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, run, n;
	char			 esc[6];

	buf_reserve(out, len + 2);
	out->data[out->len++] = '"';
	while (i < len) {
		for (run = i; run < len && CANON_PLAIN(s[run]); run++) {
			if (s[run] < 0x80)
				continue;
			if ((n = canon_utf8_len(s + run, len - run)) == 0)
				return (-1);
			run += n - 1;
		}
		if (run > i)
			buf_add(out, s + i, run - i);
		if (run == len)
			break;
		buf_add(out, esc, canon_escape(s[run], esc));
		i = run + 1;
	}
	buf_addch(out, '"');
	return (0);
}

/* jansson hands a real's text over; append it. */
static int
canon_append(const char *data, size_t size, void *arg)
{
	buf_add(arg, data, size);
	return (0);
}

static void
canon_integer(json_int_t v, struct buf *out)
{
	char		 tmp[24], *p = tmp + sizeof tmp;
	uint64_t	 u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		*--p = '-';
	buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
}

/*
 * Member k of the top-level object, whose value is len bytes at off of the
 * output: one of memo's parts when canon_split() would say so.  Its keys
 * are plain (canon_split() compares their canonical form), so the bytes of
 * the member's name are what it compares.
 */
static void
canon_part(const struct canon_memo *memo, const struct canon_key *k,
    size_t off, size_t len)
{
	struct canon_span	*s;

	if (memo->parts == NULL || *memo->nspans >= CANON_PARTS ||
	    !json_is_object(k->value) || len < CANON_PART_MIN ||
	    !canon_key_wanted(k->key, k->len, memo->parts))
		return;
	s = &memo->spans[(*memo->nspans)++];
	s->off = off;
	s->len = len;
}

static int
canon_object(const json_t *v, struct buf *out, int depth,
    const struct canon_memo *memo)
{
	struct canon_key	 stack[CANON_KEYS_STACK], *keys = stack;
	void			*it;
	size_t			 n = json_object_size(v), i = 0, at;
	int			 rc = 0;

	if (n > CANON_KEYS_STACK)
		keys = xreallocarray(NULL, n, sizeof *keys);
	for (it = json_object_iter((json_t *)v); it != NULL && i < n;
	    it = json_object_iter_next((json_t *)v, it), i++) {
		keys[i].key = json_object_iter_key(it);
		keys[i].len = json_object_iter_key_len(it);
		keys[i].value = json_object_iter_value(it);
	}
	n = i;
	qsort(keys, n, sizeof *keys, canon_key_cmp);
	buf_addch(out, '{');
	for (i = 0; i < n && rc == 0; i++) {
		if (i > 0)
			buf_addch(out, ',');
		if ((rc = canon_string(keys[i].key, keys[i].len, out)) == 0) {
			buf_addch(out, ':');
			at = out->len;
			rc = canon_value(keys[i].value, out, depth + 1, memo);
			if (rc == 0 && memo != NULL)
				canon_part(memo, &keys[i], at, out->len - at);
		}
	}
	buf_addch(out, '}');
	if (keys != stack)
		free(keys);
	return (rc);
}

static int
canon_value(const json_t *v, struct buf *out, int depth,
    const struct canon_memo *memo)
{
	const char	*text;
	size_t		 i, n;

	if (v == NULL || depth > CANON_DEPTH_MAX)
		return (-1);
	/* A top-level member's object whose form is known (canon.h). */
	if (depth == 1 && memo != NULL && json_is_object(v) &&
	    (text = memo->text(v, &n, memo->arg)) != NULL) {
		buf_add(out, text, n);
		return (0);
	}
	switch (json_typeof(v)) {
	case JSON_NULL:
		buf_add(out, "null", 4);
		return (0);
	case JSON_TRUE:
		buf_add(out, "true", 4);
		return (0);
	case JSON_FALSE:
		buf_add(out, "false", 5);
		return (0);
	case JSON_INTEGER:
		canon_integer(json_integer_value(v), out);
		return (0);
	case JSON_REAL:
		return (json_dump_callback(v, canon_append, out, CANON_FLAGS));
	case JSON_STRING:
		return (canon_string(json_string_value(v),
		    json_string_length(v), out));
	case JSON_ARRAY:
		buf_addch(out, '[');
		n = json_array_size(v);
		for (i = 0; i < n; i++) {
			if (i > 0)
				buf_addch(out, ',');
			if (canon_value(json_array_get(v, i), out,
			    depth + 1, NULL) != 0)
				return (-1);
		}
		buf_addch(out, ']');
		return (0);
	case JSON_OBJECT:
		return (canon_object(v, out, depth, depth == 0 ? memo :
		    NULL));
	}
	return (-1);
}

int
canon_dump(const json_t *v, struct buf *out)
{
	return (canon_dump_memo(v, out, NULL));
}

int
canon_dump_memo(const json_t *v, struct buf *out,
    const struct canon_memo *memo)
{
	buf_reset(out);
	if (memo != NULL && memo->parts != NULL)
		*memo->nspans = 0;
	/* Whatever part was written before a refusal goes. */
	if (canon_value(v, out, 0, memo) != 0) {
		buf_reset(out);
		if (memo != NULL && memo->parts != NULL)
			*memo->nspans = 0;
		return (-1);
	}
	return (0);
}

/* The index of the quote that ends the string opening at c[i], or len. */
static size_t
canon_string_end(const char *c, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (c[i] == '\\')
			i++;
		else if (c[i] == '"')
			return (i);
	}
	return (len);
}

/* The end (one past) of the value starting at c[i], or len when cut. */
static size_t
canon_value_end(const char *c, size_t len, size_t i)
{
	size_t	depth = 0;

	for (; i < len; i++) {
		switch (c[i]) {
		case '"':
			if ((i = canon_string_end(c, len, i)) >= len)
				return (len);
			if (depth == 0)
				return (i + 1);
			break;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (depth == 0)
				return (i);
			if (--depth == 0)
				return (i + 1);
			break;
		case ',':
			if (depth == 0)
				return (i);
			break;
		}
	}
	return (len);
}

static int
canon_key_wanted(const char *key, size_t n, const char *const *keys)
{
	for (; *keys != NULL; keys++) {
		if (strlen(*keys) == n && memcmp(*keys, key, n) == 0)
			return (1);
	}
	return (0);
}

size_t
canon_split(const char *c, size_t len, const char *const *keys,
    struct canon_span parts[CANON_PARTS])
{
	size_t	i, k, v, e, n = 0;

	if (len < 2 || c[0] != '{')
		return (0);
	for (i = 1; i < len && c[i] == '"' && n < CANON_PARTS; i = e + 1) {
		/* A key (it has no escapes when it is one of keys). */
		if ((k = canon_string_end(c, len, i)) + 1 >= len ||
		    c[k + 1] != ':')
			break;
		v = k + 2;
		if ((e = canon_value_end(c, len, v)) >= len)
			break;
		if (c[v] == '{' && e - v >= CANON_PART_MIN &&
		    canon_key_wanted(c + i + 1, k - i - 1, keys)) {
			parts[n].off = v;
			parts[n].len = e - v;
			n++;
		}
		if (c[e] != ',')
			break;
	}
	return (n);
}

void
canon_skeleton(const char *c, size_t len, const struct canon_span *parts,
    size_t n, struct buf *skel, size_t at[CANON_PARTS])
{
	size_t	i, from = 0;

	buf_reset(skel);
	for (i = 0; i < n; i++) {
		buf_add(skel, c + from, parts[i].off - from);
		at[i] = skel->len;
		from = parts[i].off + parts[i].len;
	}
	buf_add(skel, c + from, len - from);
}

int
canon_splice(const char *skel, size_t skel_len, const size_t *at,
    const struct buf *parts, size_t n, struct buf *out)
{
	size_t	i, from = 0;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		if (at[i] < from || at[i] > skel_len)
			return (-1);
		buf_add(out, skel + from, at[i] - from);
		buf_add(out, parts[i].data, parts[i].len);
		from = at[i];
	}
	buf_add(out, skel + from, skel_len - from);
	return (0);
}
