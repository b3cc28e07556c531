/*
 * json-diff: RFC 6902 style differences between two documents; see
 * json-diff.h for the contract.
 */
#include "config.h"

#include "codec/json-diff.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

/*
 * Paths are bounded too: keys come from the network and may be a megabyte
 * long, and every operation under such a key copies its path.  A reference
 * token is cut after JSON_DIFF_TOKEN_MAX bytes and a whole path after
 * JSON_DIFF_PATH_MAX, both on a UTF-8 character boundary and marked with
 * "...": the path then names the value's neighbourhood, not the value.
 */
#define JSON_DIFF_TOKEN_MAX	64
#define JSON_DIFF_PATH_MAX	1024

/* One member of an object, for walking two objects' keys in order. */
struct json_diff_key {
	const char	*s;
	size_t		 len;
	json_t		*v;
};

struct json_diff_ctx {
	struct json_diff_op	*ops;
	size_t			 n, cap;
	int			 full;		/* stopped at the cap */
	struct buf		 path;
};

/* Collects compact JSON until the cap is passed, then stops the dump. */
struct json_diff_sink {
	struct buf	b;
	int		cut;
};

static int
json_diff_sink_cb(const char *p, size_t len, void *arg)
{
	struct json_diff_sink	*k = arg;
	size_t			 room;

	room = JSON_DIFF_TEXT_MAX + 4 - k->b.len;
	if (len > room) {
		buf_add(&k->b, p, room);
		k->cut = 1;
		return (-1);
	}
	buf_add(&k->b, p, len);
	return (0);
}

char *
json_diff_text(const json_t *v)
{
	struct json_diff_sink	k;
	size_t			end;

	buf_init(&k.b);
	k.cut = 0;
	buf_reserve(&k.b, JSON_DIFF_TEXT_MAX + 8);
	json_dump_callback(v, json_diff_sink_cb, &k, JSON_COMPACT |
	    JSON_ENCODE_ANY | JSON_SORT_KEYS | JSON_REAL_PRECISION(17));
	if (k.cut || k.b.len > JSON_DIFF_TEXT_MAX) {
		/* Back to the start of a UTF-8 character, then mark the cut. */
		end = JSON_DIFF_TEXT_MAX;
		while (end > 0 &&
		    ((unsigned char)k.b.data[end] & 0xc0) == 0x80)
			end--;
		k.b.len = end;
		buf_addstr(&k.b, "...");
	}
	return (buf_detach(&k.b));
}

const char *
json_diff_op_name(enum json_diff_kind op)
{
	switch (op) {
	case JSON_DIFF_ADD:
		return ("add");
	case JSON_DIFF_REMOVE:
		return ("remove");
	case JSON_DIFF_REPLACE:
		break;
	}
	return ("replace");
}

/* A copy of s (len bytes), cut at max bytes and then marked "..." */
static char *
json_diff_cut(const char *s, size_t len, size_t max)
{
	size_t	n;

	n = textwidth_utf8_cut(s, len, max);
	if (n == len)
		return (xstrndup(s, len));
	return (xasprintf("%.*s...", (int)n, s));
}

static void
json_diff_emit(struct json_diff_ctx *c, enum json_diff_kind op,
    const json_t *a, const json_t *b)
{
	struct json_diff_op	*o;

	if (c->n == JSON_DIFF_MAX_OPS) {
		c->full = 1;
		return;
	}
	if (c->n == c->cap) {
		c->cap = c->cap == 0 ? 16 : c->cap * 2;
		c->ops = xreallocarray(c->ops, c->cap, sizeof *c->ops);
	}
	o = &c->ops[c->n++];
	o->op = op;
	o->path = json_diff_cut(buf_str(&c->path), c->path.len,
	    JSON_DIFF_PATH_MAX);
	o->old_text = a != NULL ? json_diff_text(a) : NULL;
	o->new_text = b != NULL ? json_diff_text(b) : NULL;
}

/* Append one reference token, escaped as RFC 6901 wants (and cut). */
static void
json_diff_push(struct json_diff_ctx *c, const char *s, size_t len)
{
	size_t	i, n;

	buf_addch(&c->path, '/');
	n = textwidth_utf8_cut(s, len, JSON_DIFF_TOKEN_MAX);
	for (i = 0; i < n; i++) {
		if (s[i] == '~')
			buf_addstr(&c->path, "~0");
		else if (s[i] == '/')
			buf_addstr(&c->path, "~1");
		else
			buf_addch(&c->path, s[i]);
	}
	if (n < len)
		buf_addstr(&c->path, "...");
}

static void
json_diff_push_index(struct json_diff_ctx *c, size_t i)
{
	buf_printf(&c->path, "/%zu", i);
}

static void
json_diff_pop(struct json_diff_ctx *c, size_t len)
{
	c->path.len = len;
	if (c->path.data != NULL)
		c->path.data[len] = '\0';
}

static int
json_diff_key_cmp(const void *x, const void *y)
{
	const struct json_diff_key	*a = x, *b = y;
	int				 r;

	r = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
	if (r != 0)
		return (r);
	return (a->len < b->len ? -1 : a->len > b->len);
}

/* The members of an object, sorted by key; the caller frees the array. */
static struct json_diff_key *
json_diff_keys(const json_t *o, size_t *n)
{
	struct json_diff_key	*k;
	void			*it;
	size_t			 i = 0;

	*n = json_object_size(o);
	k = xcalloc(*n == 0 ? 1 : *n, sizeof *k);
	/* jansson's iterator wants a mutable object; nothing is changed. */
	for (it = json_object_iter((json_t *)o); it != NULL && i < *n;
	    it = json_object_iter_next((json_t *)o, it)) {
		k[i].s = json_object_iter_key(it);
		k[i].len = json_object_iter_key_len(it);
		k[i].v = json_object_iter_value(it);
		i++;
	}
	*n = i;
	qsort(k, *n, sizeof *k, json_diff_key_cmp);
	return (k);
}

static void	json_diff_value(struct json_diff_ctx *, const json_t *,
		    const json_t *, int);

static void
json_diff_object(struct json_diff_ctx *c, const json_t *a, const json_t *b,
    int depth)
{
	struct json_diff_key	*ka, *kb;
	size_t			 na, nb, i = 0, j = 0, mark;
	int			 r;

	ka = json_diff_keys(a, &na);
	kb = json_diff_keys(b, &nb);
	mark = c->path.len;
	while ((i < na || j < nb) && !c->full) {
		if (i == na)
			r = 1;
		else if (j == nb)
			r = -1;
		else
			r = json_diff_key_cmp(&ka[i], &kb[j]);
		if (r < 0) {
			json_diff_push(c, ka[i].s, ka[i].len);
			json_diff_emit(c, JSON_DIFF_REMOVE, ka[i].v, NULL);
			i++;
		} else if (r > 0) {
			json_diff_push(c, kb[j].s, kb[j].len);
			json_diff_emit(c, JSON_DIFF_ADD, NULL, kb[j].v);
			j++;
		} else {
			json_diff_push(c, ka[i].s, ka[i].len);
			json_diff_value(c, ka[i].v, kb[j].v, depth + 1);
			i++;
			j++;
		}
		json_diff_pop(c, mark);
	}
	free(ka);
	free(kb);
}

static void
json_diff_array(struct json_diff_ctx *c, const json_t *a, const json_t *b,
    int depth)
{
	size_t	na, nb, i, mark;

	na = json_array_size(a);
	nb = json_array_size(b);
	mark = c->path.len;
	for (i = 0; i < na && i < nb && !c->full; i++) {
		json_diff_push_index(c, i);
		json_diff_value(c, json_array_get(a, i), json_array_get(b, i),
		    depth + 1);
		json_diff_pop(c, mark);
	}
	/* Added elements in order; removed ones from the end down, so that
	 * every index is valid when its operation is applied. */
	for (i = na; i < nb && !c->full; i++) {
		json_diff_push_index(c, i);
		json_diff_emit(c, JSON_DIFF_ADD, NULL, json_array_get(b, i));
		json_diff_pop(c, mark);
	}
	for (i = na; i > nb && !c->full; i--) {
		json_diff_push_index(c, i - 1);
		json_diff_emit(c, JSON_DIFF_REMOVE, json_array_get(a, i - 1),
		    NULL);
		json_diff_pop(c, mark);
	}
}

static void
json_diff_value(struct json_diff_ctx *c, const json_t *a, const json_t *b,
    int depth)
{
	if (c->full || a == b)
		return;
	if (json_typeof(a) != json_typeof(b)) {
		json_diff_emit(c, JSON_DIFF_REPLACE, a, b);
		return;
	}
	if (depth >= JSON_DIFF_MAX_DEPTH ||
	    (!json_is_object(a) && !json_is_array(a))) {
		if (!json_equal(a, b))
			json_diff_emit(c, JSON_DIFF_REPLACE, a, b);
		return;
	}
	if (json_is_object(a))
		json_diff_object(c, a, b, depth);
	else
		json_diff_array(c, a, b, depth);
}

int
json_diff(const json_t *a, const json_t *b, struct json_diff_op **ops,
    size_t *n)
{
	struct json_diff_ctx	c;

	memset(&c, 0, sizeof c);
	buf_init(&c.path);
	buf_addstr(&c.path, "");
	json_diff_value(&c, a, b, 0);
	buf_free(&c.path);
	*ops = c.ops;
	*n = c.n;
	return (c.full ? 1 : 0);
}

void
json_diff_free(struct json_diff_op *ops, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++) {
		free(ops[i].path);
		free(ops[i].old_text);
		free(ops[i].new_text);
	}
	free(ops);
}
