/*
 * demo-rng: the generator's random streams (splitmix64), and the numbers
 * drawn from them.
 *
 * Only integer arithmetic and multiplication: libm's transcendental
 * functions differ in their last bits between C libraries, and the same
 * seed must give the same bytes everywhere.
 */
#include "config.h"

#include "demo/demo-private.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>

uint64_t
demo_rng_next(struct demo_rng *r)
{
	uint64_t	z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

void
demo_rng_seed(struct demo_rng *r, uint64_t a, uint64_t b)
{
	r->s = a ^ 0x6a09e667f3bcc909ULL;
	r->s = demo_rng_next(r) ^ b;
	(void)demo_rng_next(r);
}

unsigned
demo_rng_below(struct demo_rng *r, unsigned n)
{
	return ((unsigned)(demo_rng_next(r) % n));
}

int
demo_rng_chance(struct demo_rng *r, unsigned percent)
{
	return (demo_rng_below(r, 100) < percent);
}

double
demo_rng_unit(struct demo_rng *r)
{
	return ((double)(demo_rng_next(r) >> 11) / 9007199254740992.0);
}

unsigned
demo_rng_weighted(struct demo_rng *r, const unsigned *w, size_t n)
{
	unsigned	total = 0, x;
	size_t		i;

	for (i = 0; i < n; i++)
		total += w[i];
	x = demo_rng_below(r, total);
	for (i = 0; i < n - 1; i++) {
		if (x < w[i])
			break;
		x -= w[i];
	}
	return ((unsigned)i);
}

/*
 * Roughly log-uniform in [lo, hi]: a random octave, then a uniform position
 * inside it.  Only multiplication, so no libm differences.
 */
double
demo_rng_spread(struct demo_rng *r, double lo, double hi)
{
	unsigned	octaves = 0, k;
	double		x;

	for (x = lo; x * 2 < hi; x *= 2)
		octaves++;
	k = demo_rng_below(r, octaves + 1);
	for (x = lo; k > 0; k--)
		x *= 2;
	x *= 1 + demo_rng_unit(r);
	if (x > hi)
		x = hi - (hi - lo) * 0.1 * demo_rng_unit(r);
	return (x);
}

double
demo_round_to(double x, double step)
{
	return (floor(x / step + 0.5) * step);
}

/* A price in 1e-10 USD units rounded to two significant digits. */
uint64_t
demo_price_round(uint64_t p)
{
	uint64_t	m = 1;

	while (p / m >= 100)
		m *= 10;
	return ((p + m / 2) / m * m);
}

/* A version 4 UUID from the stream; *bits gets entropy for later use. */
void
demo_rng_uuid(struct demo_rng *r, char out[37], uint64_t *bits)
{
	uint64_t	a, b;

	a = demo_rng_next(r);
	b = demo_rng_next(r);
	if (bits != NULL)
		*bits = a ^ (b << 1);
	a = (a & ~0xf000ULL) | 0x4000ULL;
	b = (b & ~(3ULL << 62)) | (2ULL << 62);
	snprintf(out, 37, "%08" PRIx32 "-%04" PRIx32 "-%04" PRIx32 "-%04"
	    PRIx32 "-%012" PRIx64, (uint32_t)(a >> 32),
	    (uint32_t)(a >> 16) & 0xffff, (uint32_t)a & 0xffff,
	    (uint32_t)(b >> 48), (uint64_t)(b & 0xffffffffffffULL));
}
