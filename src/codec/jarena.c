/*
 * jarena: region allocation of jansson trees (see jarena.h).
 */
#include "config.h"

#include "codec/jarena.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/xmalloc.h"

/*
 * Every block jansson gets starts JA_HDR bytes into an allocation whose
 * first word is its region (NULL: a malloc block of its own).  jansson's
 * values hold pointers, sizes and doubles: 8 bytes align them all.
 */
#define JA_HDR		8
#define JA_ALIGN(n)	(((n) + 7) & ~(size_t)7)
/* A region's first chunk, and the most a chunk grows to. */
#define JA_FIRST	(16 * 1024)
#define JA_MAX		(64 * 1024)
/* Larger blocks are malloc's, even in a region. */
#define JA_BIG		(16 * 1024)

struct jchunk {
	struct jchunk	*next;
	size_t		 size;		/* of data */
	size_t		 used;
	/* data follows, at a multiple of 8 */
};
#define JA_CHUNK_HDR	JA_ALIGN(sizeof(struct jchunk))

/*
 * A region is counted in two ways.  While it is open (jarena_begin() to
 * jarena_end()) only its own thread can reach its values: allocations and
 * frees count live without an atomic operation.  jarena_end() moves live
 * into refs, which later frees, on any thread, take down atomically.  The
 * struct has a cache line of its own: two threads' regions side by side
 * made every count of one a miss of the other's.
 */
#define JA_LINE		64
struct jarena {
	struct jchunk	*chunks;	/* the newest first */
	struct jarena	*outer;		/* current before this one */
	long		 live;		/* values, while open */
	int		 open;
	/* Values alive, and 1 until jarena_end(): the region goes at 0. */
	long		 refs;
};

/* A region takes one line (C99: no static_assert). */
typedef char ja_fits_a_line[sizeof(struct jarena) <= JA_LINE ? 1 : -1];

static __thread struct jarena	*ja_current;
/* Regions not yet freed (jarena_regions()). */
static long			 ja_regions;

static void
ja_release(struct jarena *a)
{
	struct jchunk	*c, *next;

	for (c = a->chunks; c != NULL; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
	__atomic_sub_fetch(&ja_regions, 1, __ATOMIC_RELAXED);
}

static void
ja_unref(struct jarena *a, long n)
{
	if (__atomic_sub_fetch(&a->refs, n, __ATOMIC_ACQ_REL) == 0)
		ja_release(a);
}

static void *
ja_heap(size_t n)
{
	char	*p;

	if (n > SIZE_MAX - JA_HDR || (p = malloc(JA_HDR + n)) == NULL)
		return (NULL);
	memset(p, 0, sizeof(struct jarena *));
	return (p + JA_HDR);
}

static void *
ja_malloc(size_t n)
{
	struct jarena	*a = ja_current;
	struct jchunk	*c;
	size_t		 need, size;
	char		*p;

	if (a == NULL || n > JA_BIG)
		return (ja_heap(n));
	need = JA_HDR + JA_ALIGN(n);
	if ((c = a->chunks) == NULL || c->size - c->used < need) {
		size = c == NULL ? JA_FIRST : c->size < JA_MAX ? 2 * c->size :
		    JA_MAX;
		if (size < need)
			size = need;
		if ((c = malloc(JA_CHUNK_HDR + size)) == NULL)
			return (NULL);
		c->next = a->chunks;
		c->size = size;
		c->used = 0;
		a->chunks = c;
	}
	p = (char *)c + JA_CHUNK_HDR + c->used;
	c->used += need;
	memcpy(p, &a, sizeof a);
	a->live++;
	return (p + JA_HDR);
}

static void
ja_free(void *ptr)
{
	struct jarena	*a;
	char		*p;

	if (ptr == NULL)
		return;
	p = (char *)ptr - JA_HDR;
	memcpy(&a, p, sizeof a);
	if (a == NULL)
		free(p);
	else if (a->open)
		a->live--;	/* its own thread's, still parsing */
	else
		ja_unref(a, 1);
}

void
jarena_install(void)
{
	json_set_alloc_funcs(ja_malloc, ja_free);
}

struct jarena *
jarena_begin(void)
{
	struct jarena	*a;
	void		*p;

	if (posix_memalign(&p, JA_LINE, JA_LINE) != 0)
		p = xcalloc(1, JA_LINE);	/* dies, saying why */
	a = p;
	memset(a, 0, sizeof *a);
	a->refs = 1;
	a->open = 1;
	__atomic_add_fetch(&ja_regions, 1, __ATOMIC_RELAXED);
	a->outer = ja_current;
	ja_current = a;
	return (a);
}

void
jarena_end(struct jarena *a)
{
	if (a == NULL)
		return;
	ja_current = a->outer;
	a->open = 0;
	/* Its values and the 1 of jarena_begin() at once. */
	__atomic_add_fetch(&a->refs, a->live, __ATOMIC_RELEASE);
	ja_unref(a, 1);
}

long
jarena_regions(void)
{
	return (__atomic_load_n(&ja_regions, __ATOMIC_RELAXED));
}

static int
json_text_add(const char *p, size_t n, void *arg)
{
	buf_add(arg, p, n);
	return (0);
}

char *
json_text(const json_t *v, size_t flags)
{
	struct buf	b = BUF_INIT;

	if (json_dump_callback(v, json_text_add, &b, flags) != 0) {
		buf_free(&b);
		return (NULL);
	}
	buf_add(&b, "", 1);
	return (buf_detach(&b));
}
