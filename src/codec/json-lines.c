/*
 * json-lines: a JSON document as foldable pretty-printed lines; see
 * json-lines.h for the contract.
 */
#include "config.h"

#include "codec/json-lines.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/sanitize.h"
#include "util/xmalloc.h"

/* One member of an object, for laying keys out in order. */
struct jl_member {
	const char	*key;
	size_t		 keylen;
	const json_t	*v;
};

/*
 * Members laid out per container.  Past this a JL_MORE line stands for the
 * rest, so that one huge array or object cannot take the whole max_lines
 * budget from the members that follow it.
 */
#define JL_MEMBERS_MAX	10000

struct jl_ctx {
	struct json_lines	*jl;
	size_t			 cap;
	size_t			 max;
	size_t			 open;	/* containers waiting for their CLOSE */
};

static size_t
jl_add(struct jl_ctx *c, enum jl_kind kind, int depth, const char *key,
    size_t keylen, const json_t *v, size_t parent)
{
	struct json_lines	*jl = c->jl;
	struct jl_line		*l;

	if (jl->n == c->cap) {
		c->cap = c->cap == 0 ? 64 : c->cap * 2;
		jl->line = xreallocarray(jl->line, c->cap, sizeof *jl->line);
	}
	l = &jl->line[jl->n];
	*l = (struct jl_line){ .kind = kind, .depth = depth, .key = key,
	    .keylen = keylen, .value = v, .match = JSON_LINES_NONE,
	    .parent = parent };
	return (jl->n++);
}

static int
jl_member_cmp(const void *x, const void *y)
{
	const struct jl_member	*a = x, *b = y;
	int			 r;

	r = memcmp(a->key, b->key, a->keylen < b->keylen ? a->keylen :
	    b->keylen);
	if (r != 0)
		return (r);
	return (a->keylen < b->keylen ? -1 : a->keylen > b->keylen);
}

/*
 * The members of an object in display order; the caller frees.  Arrays
 * need no list: their elements are laid out in place, so a million of them
 * cost nothing beyond the lines that fit.
 */
static struct jl_member *
jl_members(const json_t *v, size_t *n)
{
	struct jl_member	*m;
	void			*it;
	size_t			 i;

	*n = json_object_size(v);
	m = xcalloc(*n == 0 ? 1 : *n, sizeof *m);
	i = 0;
	/* jansson's iterator wants a mutable object; nothing is changed. */
	for (it = json_object_iter((json_t *)v); it != NULL && i < *n;
	    it = json_object_iter_next((json_t *)v, it)) {
		m[i].key = json_object_iter_key(it);
		m[i].keylen = json_object_iter_key_len(it);
		m[i].v = json_object_iter_value(it);
		i++;
	}
	*n = i;
	qsort(m, *n, sizeof *m, jl_member_cmp);
	return (m);
}

static int
jl_is_container(const json_t *v)
{
	return (json_is_object(v) || json_is_array(v));
}

static size_t
jl_size(const json_t *v)
{
	return (json_is_object(v) ? json_object_size(v) : json_array_size(v));
}

/*
 * Lay out v and its members.  The recursion stops at JSON_LINES_MAX_DEPTH,
 * so its depth is bounded whatever the document.
 */
static void
jl_walk(struct jl_ctx *c, const json_t *v, const char *key, size_t keylen,
    int depth, size_t parent, int comma)
{
	struct jl_member	*m;
	size_t			 open, close, n, i, more;

	if (!jl_is_container(v) || jl_size(v) == 0) {
		i = jl_add(c, JL_SCALAR, depth, key, keylen, v, parent);
		c->jl->line[i].comma = comma;
		return;
	}
	if (depth >= JSON_LINES_MAX_DEPTH) {
		i = jl_add(c, JL_DEEP, depth, key, keylen, v, parent);
		c->jl->line[i].comma = comma;
		c->jl->line[i].count = jl_size(v);
		return;
	}
	open = jl_add(c, JL_OPEN, depth, key, keylen, v, parent);
	c->open++;
	if (json_is_array(v)) {
		m = NULL;
		n = json_array_size(v);
	} else
		m = jl_members(v, &n);
	c->jl->line[open].count = n;
	for (i = 0; i < n; i++) {
		/*
		 * Every open container keeps room for a JL_MORE and its
		 * CLOSE; a member needs its first line and, if it opens a
		 * container, that one's room too.
		 */
		if (i == JL_MEMBERS_MAX || c->jl->n + 2 * c->open + 3 >
		    c->max) {
			more = jl_add(c, JL_MORE, depth + 1, NULL, 0, NULL,
			    open);
			c->jl->line[more].count = n - i;
			break;
		}
		if (m == NULL)
			jl_walk(c, json_array_get(v, i), NULL, 0, depth + 1,
			    open, i + 1 < n);
		else
			jl_walk(c, m[i].v, m[i].key, m[i].keylen, depth + 1,
			    open, i + 1 < n);
	}
	free(m);
	c->open--;
	close = jl_add(c, JL_CLOSE, depth, NULL, 0, v, parent);
	c->jl->line[open].match = close;
	c->jl->line[close].match = open;
	c->jl->line[open].comma = comma;
	c->jl->line[close].comma = comma;
}

static void
jl_refresh(struct json_lines *jl)
{
	size_t	i = 0;

	jl->nvis = 0;
	while (i < jl->n) {
		jl->vis[jl->nvis++] = i;
		if (jl->line[i].kind == JL_OPEN && jl->line[i].folded)
			i = jl->line[i].match + 1;
		else
			i++;
	}
}

struct json_lines *
json_lines_new(const json_t *root, size_t max_lines)
{
	struct jl_ctx		 c;
	struct json_lines	*jl;

	jl = xcalloc(1, sizeof *jl);
	memset(&c, 0, sizeof c);
	c.jl = jl;
	c.max = max_lines == 0 ? JSON_LINES_MAX : max_lines;
	if (c.max < 8)
		c.max = 8;
	jl_walk(&c, root, NULL, 0, 0, JSON_LINES_NONE, 0);
	jl->vis = xreallocarray(NULL, jl->n, sizeof *jl->vis);
	jl_refresh(jl);
	return (jl);
}

void
json_lines_free(struct json_lines *jl)
{
	if (jl == NULL)
		return;
	free(jl->line);
	free(jl->vis);
	free(jl);
}

void
json_lines_fold(struct json_lines *jl, size_t idx, int folded)
{
	if (idx >= jl->n || jl->line[idx].kind != JL_OPEN)
		return;
	jl->line[idx].folded = folded;
	jl_refresh(jl);
}

void
json_lines_fold_all(struct json_lines *jl, int folded)
{
	size_t	i;

	for (i = 0; i < jl->n; i++) {
		if (jl->line[i].kind == JL_OPEN)
			jl->line[i].folded = folded && jl->line[i].depth > 0;
	}
	jl_refresh(jl);
}

void
json_lines_reveal(struct json_lines *jl, size_t idx)
{
	size_t	p;

	if (idx >= jl->n)
		return;
	for (p = jl->line[idx].parent; p != JSON_LINES_NONE;
	    p = jl->line[p].parent)
		jl->line[p].folded = 0;
	jl_refresh(jl);
}

size_t
json_lines_vis_pos(const struct json_lines *jl, size_t idx)
{
	size_t	lo = 0, hi = jl->nvis, mid;

	/* The last shown line at or before idx: idx itself, or the outermost
	 * folded container that hides it. */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (jl->vis[mid] <= idx)
			lo = mid;
		else
			hi = mid;
	}
	return (lo);
}

/* ---------------------------------------------------------------- text */

void
json_lines_quote(struct buf *b, const char *s, size_t len, size_t max,
    const char *ellipsis)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, clen;
	int32_t			 cp;
	int			 cut = 0;

	buf_addch(b, '"');
	while (i < len) {
		if (max != 0 && i >= max) {
			cut = 1;
			break;
		}
		switch (p[i]) {
		case '"':
			buf_addstr(b, "\\\"");
			i++;
			continue;
		case '\\':
			buf_addstr(b, "\\\\");
			i++;
			continue;
		case '\n':
			buf_addstr(b, "\\n");
			i++;
			continue;
		case '\r':
			buf_addstr(b, "\\r");
			i++;
			continue;
		case '\t':
			buf_addstr(b, "\\t");
			i++;
			continue;
		case '\b':
			buf_addstr(b, "\\b");
			i++;
			continue;
		case '\f':
			buf_addstr(b, "\\f");
			i++;
			continue;
		default:
			break;
		}
		if (p[i] < 0x20 || p[i] == 0x7f) {
			buf_printf(b, "\\u%04x", p[i]);
			i++;
			continue;
		}
		clen = sanitize_utf8(p + i, len - i, &cp);
		if (cp == SANITIZE_INVALID) {
			buf_printf(b, "\\u%04x", p[i]);
			i++;
			continue;
		}
		if (sanitize_json_escapes(cp))
			buf_printf(b, "\\u%04x", (unsigned)cp);
		else
			buf_add(b, p + i, clen);
		i += clen;
	}
	if (cut)
		buf_addstr(b, ellipsis);
	buf_addch(b, '"');
}

void
json_lines_safe(struct buf *b, const char *json)
{
	char	*safe;

	/* One definition of what is escaped: the sanitiser's. */
	safe = sanitize_json(json);
	buf_addstr(b, safe);
	free(safe);
}

/* The shortest decimal form of a real that reads back the same. */
static void
jl_real(struct buf *b, double d)
{
	char	tmp[64];
	int	prec;

	for (prec = 15; prec <= 17; prec++) {
		snprintf(tmp, sizeof tmp, "%.*g", prec, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	buf_addstr(b, tmp);
	if (strpbrk(tmp, ".eEn") == NULL)
		buf_addstr(b, ".0");
}

static void
jl_seg(struct jl_text *t, enum jl_class cls, size_t from)
{
	if (t->buf.len == from || t->nseg == JL_SEGS_MAX)
		return;
	t->seg[t->nseg].cls = cls;
	t->seg[t->nseg].off = from;
	t->seg[t->nseg].len = t->buf.len - from;
	t->nseg++;
}

static void
jl_scalar(struct jl_text *t, const json_t *v, const char *ellipsis)
{
	size_t	from = t->buf.len;

	switch (json_typeof(v)) {
	case JSON_STRING:
		json_lines_quote(&t->buf, json_string_value(v),
		    json_string_length(v), JSON_LINES_TEXT_MAX, ellipsis);
		jl_seg(t, JL_C_STRING, from);
		return;
	case JSON_INTEGER:
		buf_printf(&t->buf, "%" JSON_INTEGER_FORMAT,
		    json_integer_value(v));
		break;
	case JSON_REAL:
		jl_real(&t->buf, json_real_value(v));
		break;
	case JSON_TRUE:
		buf_addstr(&t->buf, "true");
		break;
	case JSON_FALSE:
		buf_addstr(&t->buf, "false");
		break;
	case JSON_NULL:
		buf_addstr(&t->buf, "null");
		break;
	case JSON_OBJECT:
		buf_addstr(&t->buf, "{}");
		jl_seg(t, JL_C_PUNCT, from);
		return;
	case JSON_ARRAY:
		buf_addstr(&t->buf, "[]");
		jl_seg(t, JL_C_PUNCT, from);
		return;
	}
	jl_seg(t, JL_C_NUMBER, from);
}

void
json_lines_text(const struct json_lines *jl, size_t idx,
    const char *ellipsis, struct jl_text *t)
{
	const struct jl_line	*l = &jl->line[idx];
	size_t			 from;
	int			 obj;

	buf_reset(&t->buf);
	t->nseg = 0;
	if (l->key != NULL) {
		from = t->buf.len;
		json_lines_quote(&t->buf, l->key, l->keylen,
		    JSON_LINES_TEXT_MAX, ellipsis);
		jl_seg(t, JL_C_KEY, from);
		from = t->buf.len;
		buf_addstr(&t->buf, ": ");
		jl_seg(t, JL_C_PUNCT, from);
	}
	from = t->buf.len;
	obj = l->value != NULL && json_is_object(l->value);
	switch (l->kind) {
	case JL_SCALAR:
		jl_scalar(t, l->value, ellipsis);
		break;
	case JL_OPEN:
		buf_addch(&t->buf, obj ? '{' : '[');
		if (l->folded) {
			buf_addstr(&t->buf, ellipsis);
			buf_addch(&t->buf, obj ? '}' : ']');
		}
		jl_seg(t, JL_C_PUNCT, from);
		break;
	case JL_DEEP:
		buf_addch(&t->buf, obj ? '{' : '[');
		buf_addstr(&t->buf, ellipsis);
		buf_addch(&t->buf, obj ? '}' : ']');
		jl_seg(t, JL_C_PUNCT, from);
		break;
	case JL_CLOSE:
		buf_addch(&t->buf, obj ? '}' : ']');
		jl_seg(t, JL_C_PUNCT, from);
		break;
	case JL_MORE:
		buf_addstr(&t->buf, ellipsis);
		jl_seg(t, JL_C_DIM, from);
		break;
	}
	if (l->comma && (l->kind != JL_OPEN || l->folded)) {
		from = t->buf.len;
		buf_addch(&t->buf, ',');
		jl_seg(t, JL_C_PUNCT, from);
	}
}

void
jl_text_free(struct jl_text *t)
{
	buf_free(&t->buf);
	t->nseg = 0;
}

/* ---------------------------------------------------------------- search */

static int
jl_lower(int c)
{
	return (c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
}

int
json_lines_match(const char *hay, size_t haylen, const char *needle)
{
	size_t	nlen, i, j;

	nlen = strlen(needle);
	if (nlen == 0)
		return (1);
	for (i = 0; i + nlen <= haylen; i++) {
		for (j = 0; j < nlen; j++) {
			if (jl_lower((unsigned char)hay[i + j]) !=
			    jl_lower((unsigned char)needle[j]))
				break;
		}
		if (j == nlen)
			return (1);
	}
	return (0);
}
