/*
 * jshare: a list's repeated embedded objects parsed once; see jshare.h.
 */
#include "config.h"

#include "codec/jshare.h"

#include <stdlib.h>
#include <string.h>

#include "codec/canon.h"
#include "codec/jarena.h"
#include "codec/json-skim.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/*
 * jansson refuses a document nested deeper than its limit, counting its
 * scalars too; a member parsed on its own is some levels shallower than in
 * its document, so only one nested well within that limit is shared.
 */
#define JSHARE_DEPTH_MAX	64

struct jshare_entry {
	char		*text;
	size_t		 len;
	json_t		*tree;
	struct buf	 canon;		/* its canonical form, once asked */
	int		 have_canon;
	unsigned long	 used;		/* the clock when last used */
};

/* A member of an element, to be replaced by its shared tree. */
struct jshare_put {
	size_t		 elem;
	size_t		 key;
	const char	*val, *vend;	/* in the document */
	json_t		*tree;		/* a reference */
};

struct jshare {
	struct jshare_entry	 e[JSHARE_ENTRIES];
	size_t			 n;
	unsigned long		 clock;
	struct jshare_put	*puts;
	size_t			 nputs, cap;
	size_t			 elems;		/* of the last walk's data */
	size_t			 hits, parsed;
	struct buf		 text;
};

struct jshare *
jshare_new(void)
{
	return (xcalloc(1, sizeof(struct jshare)));
}

static void
jshare_puts_clear(struct jshare *s)
{
	size_t	i;

	for (i = 0; i < s->nputs; i++)
		json_decref(s->puts[i].tree);
	s->nputs = 0;
}

void
jshare_free(struct jshare *s)
{
	size_t	i;

	if (s == NULL)
		return;
	jshare_puts_clear(s);
	for (i = 0; i < s->n; i++) {
		free(s->e[i].text);
		json_decref(s->e[i].tree);
		buf_free(&s->e[i].canon);
	}
	free(s->puts);
	buf_free(&s->text);
	free(s);
}

size_t
jshare_hits(const struct jshare *s)
{
	return (s->hits);
}

const char *
jshare_canon(const json_t *v, size_t *len, void *arg)
{
	struct jshare		*s = arg;
	struct jshare_entry	*e;
	size_t			 i;

	for (i = 0; i < s->n; i++) {
		e = &s->e[i];
		if (e->tree != v)
			continue;
		if (!e->have_canon) {
			if (canon_dump(v, &e->canon) != 0)
				return (NULL);
			e->have_canon = 1;
		}
		*len = e->canon.len;
		return (e->canon.data);
	}
	return (NULL);
}

size_t
jshare_parsed(const struct jshare *s)
{
	return (s->parsed);
}

static json_t *
jshare_region_load(const char *text, size_t len, json_error_t *err)
{
	struct jarena	*a;
	json_t		*root;

	a = jarena_begin();
	root = json_loadb(text, len, 0, err);
	jarena_end(a);
	return (root);
}

/* The index of keys that names [k, k + klen), or -1. */
static int
jshare_key(const char *const *keys, const char *k, size_t klen)
{
	int	i;

	for (i = 0; keys[i] != NULL; i++) {
		if (strlen(keys[i]) == klen && memcmp(keys[i], k, klen) == 0)
			return (i);
	}
	return (-1);
}

static void
jshare_note(struct jshare *s, size_t elem, size_t key, const char *v,
    const char *ve)
{
	if (s->nputs == s->cap) {
		s->cap = s->cap == 0 ? 64 : 2 * s->cap;
		s->puts = xreallocarray(s->puts, s->cap, sizeof *s->puts);
	}
	s->puts[s->nputs].elem = elem;
	s->puts[s->nputs].key = key;
	s->puts[s->nputs].val = v;
	s->puts[s->nputs].vend = ve;
	s->puts[s->nputs].tree = NULL;
	s->nputs++;
}

/*
 * The element of data at p: its named members that are objects are noted,
 * unless a key is escaped or a named key comes twice.  The byte after the
 * element, or NULL when the text does not look right or a named member is
 * nested deeper than JSHARE_DEPTH_MAX.
 */
static const char *
jshare_elem(struct jshare *s, const char *const *keys, size_t elem,
    const char *p, const char *end)
{
	struct json_skim	 w;
	const char		*k, *v, *ve;
	size_t			 klen, first = s->nputs;
	unsigned		 seen = 0;
	int			 rc, i, bad = 0;

	if (json_skim_open(&w, p, end) != 0)
		return (NULL);
	while ((rc = json_skim_next(&w, &k, &klen, &v, &ve)) == 1) {
		if (bad)
			continue;
		if (memchr(k, '\\', klen) != NULL) {
			bad = 1;
			continue;
		}
		if ((i = jshare_key(keys, k, klen)) < 0)
			continue;
		if (w.deepest > JSHARE_DEPTH_MAX)
			return (NULL);	/* the document is parsed as it is */
		if (seen & (1u << i))
			bad = 1;
		else if (*v == '{' && (size_t)(ve - v) <= JSHARE_MEMBER_MAX)
			jshare_note(s, elem, (size_t)i, v, ve);
		seen |= 1u << i;
	}
	if (rc != 0)
		return (NULL);
	if (bad)
		s->nputs = first;	/* nothing of this element */
	return (w.p);
}

/* The elements of the array at p (data): the byte after it, or NULL. */
static const char *
jshare_data(struct jshare *s, const char *const *keys, const char *p,
    const char *end)
{
	struct json_skim	 arr;
	const char		*v, *ve;
	int			 rc;

	if (json_skim_open(&arr, p, end) != 0 || arr.close != ']')
		return (NULL);
	while ((rc = json_skim_key(&arr, NULL, NULL)) == 1) {
		v = arr.p;
		ve = *v == '{' ? jshare_elem(s, keys, s->elems, v, end) :
		    json_skim_value(v, end);
		if (ve == NULL || ve == v)
			return (NULL);
		arr.p = ve;
		s->elems++;
	}
	return (rc == 0 ? arr.p : NULL);
}

/*
 * The named members of data's elements (s->puts, in the order of the
 * text), each byte looked at once: 0, or -1 when the document is not one
 * to share in.
 */
static int
jshare_walk(struct jshare *s, const char *const *keys, const char *text,
    size_t len)
{
	struct json_skim	 top;
	const char		*end = text + len, *k, *ve;
	size_t			 klen;
	int			 rc, data = 0;

	s->nputs = 0;
	s->elems = 0;
	if (json_skim_open(&top, text, end) != 0 || top.close != '}')
		return (-1);
	while ((rc = json_skim_key(&top, &k, &klen)) == 1) {
		if (memchr(k, '\\', klen) != NULL)
			return (-1);
		if (klen == 4 && memcmp(k, "data", 4) == 0) {
			if (data++ > 0)
				return (-1);
			ve = jshare_data(s, keys, top.p, end);
		} else
			ve = json_skim_value(top.p, end);
		if (ve == NULL || ve == top.p)
			return (-1);
		top.p = ve;
	}
	return (rc == 0 && data == 1 ? 0 : -1);
}

/* The cache's tree of the text [v, ve), parsed now if new; NULL if bad. */
static json_t *
jshare_tree(struct jshare *s, const char *v, const char *ve)
{
	struct jshare_entry	*e;
	json_error_t		 err;
	json_t			*tree;
	size_t			 len = (size_t)(ve - v), i, old = 0;

	s->clock++;
	for (i = 0; i < s->n; i++) {
		e = &s->e[i];
		if (e->len == len && memcmp(e->text, v, len) == 0) {
			e->used = s->clock;
			s->hits++;
			return (e->tree);
		}
		if (e->used < s->e[old].used)
			old = i;
	}
	if ((tree = json_loadb(v, len, 0, &err)) == NULL ||
	    !json_is_object(tree)) {
		json_decref(tree);
		return (NULL);
	}
	s->parsed++;
	if (s->n < JSHARE_ENTRIES)
		old = s->n++;
	else {
		free(s->e[old].text);
		json_decref(s->e[old].tree);
	}
	e = &s->e[old];
	/* A new tree may have the old one's address: its form goes too. */
	buf_reset(&e->canon);
	e->have_canon = 0;
	e->text = xmalloc(len);
	memcpy(e->text, v, len);
	e->len = len;
	e->tree = tree;
	e->used = s->clock;
	return (tree);
}

/*
 * The document with each noted member's text as 0 (in s->text), each put
 * holding its tree: 0, or -1.
 */
static int
jshare_cut(struct jshare *s, const char *text, size_t len)
{
	struct jshare_put	*pt;
	const char		*at = text;
	size_t			 i;

	buf_reset(&s->text);
	for (i = 0; i < s->nputs; i++) {
		pt = &s->puts[i];
		if ((pt->tree = jshare_tree(s, pt->val, pt->vend)) == NULL)
			return (-1);
		json_incref(pt->tree);
		buf_add(&s->text, at, (size_t)(pt->val - at));
		buf_addch(&s->text, '0');
		at = pt->vend;
	}
	buf_add(&s->text, at, (size_t)(text + len - at));
	return (0);
}

/* Each put's tree in its element, where the 0 stands: 0, or -1. */
static int
jshare_put_back(struct jshare *s, const char *const *keys, json_t *root)
{
	const struct jshare_put	*pt;
	json_t			*data, *el, *m;
	size_t			 i;

	data = json_object_get(root, "data");
	if (!json_is_array(data) || json_array_size(data) != s->elems)
		return (-1);
	for (i = 0; i < s->nputs; i++) {
		pt = &s->puts[i];
		el = json_array_get(data, pt->elem);
		m = json_object_get(el, keys[pt->key]);
		if (!json_is_integer(m) || json_integer_value(m) != 0 ||
		    json_object_set(el, keys[pt->key], pt->tree) != 0)
			return (-1);
	}
	return (0);
}

json_t *
jshare_loadb(struct jshare *s, const char *const *keys, const char *text,
    size_t len, json_error_t *err)
{
	json_t	*root = NULL;

	if (s == NULL || text == NULL || len > JSHARE_TEXT_MAX ||
	    jshare_walk(s, keys, text, len) != 0 || s->nputs == 0 ||
	    jshare_cut(s, text, len) != 0 ||
	    (root = jshare_region_load(s->text.data, s->text.len,
	    err)) == NULL || jshare_put_back(s, keys, root) != 0) {
		json_decref(root);
		root = jshare_region_load(text != NULL ? text : "",
		    text != NULL ? len : 0, err);
	}
	if (s != NULL) {
		jshare_puts_clear(s);
		buf_trim(&s->text, 256 * 1024);
	}
	return (root);
}
