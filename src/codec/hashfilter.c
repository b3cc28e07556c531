#include "config.h"

#include "codec/hashfilter.h"

#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define HASHFILTER_PROBES	4
#define HASHFILTER_MIN_BITS	(4096 * 8)

void
hashfilter_init(struct hashfilter *f, size_t n)
{
	uint64_t	nbits = HASHFILTER_MIN_BITS;

	while (nbits / 16 < n && nbits < ((uint64_t)1 << 40))
		nbits <<= 1;
	f->bits = xcalloc((size_t)(nbits / 64), sizeof *f->bits);
	f->mask = nbits - 1;
}

void
hashfilter_free(struct hashfilter *f)
{
	free(f->bits);
	memset(f, 0, sizeof *f);
}

/* The value of one hex digit; anything else counts as 0. */
static unsigned
hashfilter_xdigit(char c)
{
	if (c >= '0' && c <= '9')
		return ((unsigned)(c - '0'));
	if (c >= 'a' && c <= 'f')
		return ((unsigned)(c - 'a' + 10));
	if (c >= 'A' && c <= 'F')
		return ((unsigned)(c - 'A' + 10));
	return (0);
}

/*
 * The digest's first 64 bits (16 hex digits; fewer count as 0): all the
 * filter reads of a digest, so that it can be filled from the store's
 * index of hash prefixes (store_blob_prefixes()).
 */
static uint64_t
hashfilter_key(const char *hex)
{
	uint64_t	v = 0;
	size_t		j, len = strnlen(hex, 16);

	for (j = 0; j < 16; j++)
		v = (v << 4) | (j < len ? hashfilter_xdigit(hex[j]) : 0);
	return (v);
}

/* Probe i of key: splitmix64's finalizer of key and i. */
static uint64_t
hashfilter_probe(uint64_t key, unsigned i)
{
	uint64_t	z = key + (uint64_t)(i + 1) * 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return (z ^ (z >> 31));
}

void
hashfilter_add(struct hashfilter *f, const char *hex)
{
	uint64_t	b, key = hashfilter_key(hex);
	unsigned	i;

	for (i = 0; i < HASHFILTER_PROBES; i++) {
		b = hashfilter_probe(key, i) & f->mask;
		f->bits[b / 64] |= (uint64_t)1 << (b % 64);
	}
}

int
hashfilter_maybe(const struct hashfilter *f, const char *hex)
{
	uint64_t	b, key;
	unsigned	i;

	if (f == NULL || f->bits == NULL)
		return (0);
	key = hashfilter_key(hex);
	for (i = 0; i < HASHFILTER_PROBES; i++) {
		b = hashfilter_probe(key, i) & f->mask;
		if ((f->bits[b / 64] & ((uint64_t)1 << (b % 64))) == 0)
			return (0);
	}
	return (1);
}
