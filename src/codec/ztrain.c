/*
 * ztrain: samples a database's compression dictionary is made of (see
 * ztrain.h).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "codec/ztrain.h"
#include "util/xmalloc.h"

static const size_t ztrain_limit[ZTRAIN_KINDS] = { ZTRAIN_POOL,
    ZTRAIN_OTHER_POOL };

void
ztrain_init(struct ztrain *t)
{
	int	k;

	memset(t, 0, sizeof *t);
	for (k = 0; k < ZTRAIN_KINDS; k++)
		buf_init(&t->pool[k].data);
}

void
ztrain_free(struct ztrain *t)
{
	int	k;

	for (k = 0; k < ZTRAIN_KINDS; k++) {
		buf_free(&t->pool[k].data);
		free(t->pool[k].ends);
	}
	ztrain_init(t);
}

void
ztrain_add(struct ztrain *t, enum ztrain_kind kind, const void *p,
    size_t len)
{
	struct ztrain_pool	*pl = &t->pool[kind];
	size_t			 room;

	if (pl->data.len >= ztrain_limit[kind] || len == 0)
		return;
	room = ztrain_limit[kind] - pl->data.len;
	if (len > ZTRAIN_SAMPLE)
		len = ZTRAIN_SAMPLE;
	if (len > room)
		len = room;
	if (pl->n == pl->cap) {
		pl->cap = pl->cap == 0 ? 64 : pl->cap * 2;
		pl->ends = xreallocarray(pl->ends, pl->cap, sizeof *pl->ends);
	}
	buf_add(&pl->data, p, len);
	pl->ends[pl->n++] = pl->data.len;
}

int
ztrain_ready(const struct ztrain *t, int at_end)
{
	size_t	have = t->pool[ZTRAIN_MAIN].data.len;

	return (have >= ZTRAIN_POOL || (at_end && have >= ZTRAIN_MIN));
}

/*
 * Up to budget bytes of a pool's samples, picked evenly from its last
 * back to its first, appended to out in the pool's order; what it took.
 * The oldest one picked may be cut to its end to fit.
 */
static size_t
ztrain_pick(const struct ztrain_pool *pl, size_t budget, struct buf *out)
{
	size_t	*pick, *take, npick = 0, used = 0, i, len;
	double	 step, at;

	if (pl->n == 0 || budget == 0)
		return (0);
	pick = xcalloc(pl->n, sizeof *pick);
	take = xcalloc(pl->n, sizeof *take);
	/* As many samples as fit if all were the pool's average size. */
	step = (double)pl->data.len / (double)budget;
	if (step < 1)
		step = 1;
	for (at = 0; at < (double)pl->n && used < budget; at += step) {
		i = pl->n - 1 - (size_t)at;
		len = pl->ends[i] - (i == 0 ? 0 : pl->ends[i - 1]);
		if (len > budget - used)
			len = budget - used;
		pick[npick] = i;
		take[npick++] = len;
		used += len;
	}
	/* Oldest first: the latest ends the dictionary, nearest. */
	for (i = npick; i-- > 0;)
		buf_add(out, pl->data.data + pl->ends[pick[i]] - take[i],
		    take[i]);
	free(take);
	free(pick);
	return (used);
}

void
ztrain_build(const struct ztrain *t, size_t max, struct buf *out)
{
	size_t	used;

	buf_reset(out);
	used = ztrain_pick(&t->pool[ZTRAIN_OTHER], max / 2, out);
	(void)ztrain_pick(&t->pool[ZTRAIN_MAIN], max - used, out);
}
