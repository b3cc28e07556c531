/*
 * table-layout: columns that fit a width, and identifiers shortened in the
 * middle.
 */
#include "config.h"

#include "util/table-layout.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

/* The narrowest a column may be: its content when it is never cut. */
static int
table_layout_min(const struct table_layout_col *c)
{
	return (c->min > 0 && c->min < c->want ? c->min : c->want);
}

int
table_layout_unpinned(const struct table_layout_col *c, int n)
{
	int	i, u = 0;

	for (i = 0; i < n; i++)
		u += !c[i].pinned;
	return (u);
}

/*
 * Mark the candidates (width 1): the pinned columns and the unpinned ones
 * from skip on; the first of those is forced (returned) when scrolled.
 */
static int
table_layout_candidates(struct table_layout_col *c, int n, int skip)
{
	int	i, u = 0, forced = -1;

	for (i = 0; i < n; i++) {
		c[i].x = 0;
		if (c[i].pinned) {
			c[i].width = 1;
			continue;
		}
		c[i].width = u >= skip;
		if (u == skip && skip > 0)
			forced = i;
		u++;
	}
	return (forced);
}

/* Drop the least important candidates until the rest fit at minimum. */
static void
table_layout_drop(struct table_layout_col *c, int n, int width, int gap,
    int forced)
{
	int	i, total, count, worst;

	for (;;) {
		total = count = 0;
		for (i = 0; i < n; i++) {
			if (c[i].width > 0) {
				total += table_layout_min(&c[i]);
				count++;
			}
		}
		if (count > 1)
			total += gap * (count - 1);
		if (total <= width)
			return;
		worst = -1;
		for (i = 0; i < n; i++) {
			if (c[i].width > 0 && i != forced && count > 1 &&
			    (worst < 0 || c[i].prio >= c[worst].prio))
				worst = i;
		}
		if (worst < 0)
			return;
		c[worst].width = 0;
	}
}

/* Give the shown columns their wanted width, then narrow the widest. */
static void
table_layout_widths(struct table_layout_col *c, int n, int width, int gap)
{
	int	i, total = 0, count = 0, widest;

	for (i = 0; i < n; i++) {
		if (c[i].width > 0) {
			c[i].width = c[i].want > 0 ? c[i].want : 1;
			total += c[i].width;
			count++;
		}
	}
	if (count > 1)
		total += gap * (count - 1);
	while (total > width) {
		widest = -1;
		for (i = 0; i < n; i++) {
			if (c[i].width > 0 && c[i].width >
			    table_layout_min(&c[i]) && (widest < 0 ||
			    c[i].width > c[widest].width))
				widest = i;
		}
		if (widest < 0)
			break;
		c[widest].width--;
		total--;
	}
}

/*
 * The least important shown spare column (not pinned, not forced) when it
 * is less important than an unpinned column the widths cut; else -1.
 */
static int
table_layout_displaced(const struct table_layout_col *c, int n, int forced)
{
	int	i, cut = -1, worst = -1;

	for (i = 0; i < n; i++) {
		if (c[i].width <= 0 || c[i].pinned)
			continue;
		if (c[i].width < c[i].want &&
		    (cut < 0 || c[i].prio < c[cut].prio))
			cut = i;
		if (c[i].spare && i != forced &&
		    (worst < 0 || c[i].prio >= c[worst].prio))
			worst = i;
	}
	if (cut < 0 || worst < 0 || c[worst].prio <= c[cut].prio)
		return (-1);
	return (worst);
}

int
table_layout_fit(struct table_layout_col *c, int n, int width, int gap,
    int skip)
{
	int	i, x = 0, u = 0, rv = 0, forced;
	int	*gone;

	if (skip < 0)
		skip = 0;
	if (skip > 0 && skip >= table_layout_unpinned(c, n))
		skip = table_layout_unpinned(c, n) - 1;
	gone = xcalloc(n > 0 ? (size_t)n : 1, sizeof *gone);
	for (;;) {
		forced = table_layout_candidates(c, n, skip);
		for (i = 0; i < n; i++)
			if (gone[i])
				c[i].width = 0;
		table_layout_drop(c, n, width, gap, forced);
		table_layout_widths(c, n, width, gap);
		/* A column cut while a less important one is shown: that
		 * one drops instead (the pinned column alone is shortened
		 * where it says least, by the caller). */
		if ((i = table_layout_displaced(c, n, forced)) < 0)
			break;
		gone[i] = 1;
	}
	free(gone);
	for (i = 0; i < n; i++) {
		if (c[i].width > 0) {
			/* Still too wide (nothing left to narrow): the
			 * terminal's edge cuts the last columns. */
			if (x + c[i].width > width)
				c[i].width = width - x > 0 ? width - x : 0;
			c[i].x = x;
			if (c[i].width > 0)
				x += c[i].width + gap;
		}
		if (c[i].width == 0) {
			rv |= TABLE_LAYOUT_DROPPED;
			if (!c[i].pinned && u >= skip)
				rv |= TABLE_LAYOUT_RIGHT;
		}
		if (!c[i].pinned)
			u++;
	}
	if (skip > 0)
		rv |= TABLE_LAYOUT_LEFT;
	return (rv);
}

/* --------------------------------------------------------------- elide */

/* The byte offset of the shortest suffix of s that takes cols columns at
 * most, and its columns in *used. */
static size_t
table_layout_tail(const char *s, int cols, int *used)
{
	size_t	off = 0, len;
	int	total, cw;

	total = textwidth_measure(s);
	while (s[off] != '\0' && total > cols) {
		cw = textwidth_char(s + off, &len);
		total -= cw < 0 ? 1 : cw;
		off += len;
	}
	*used = total;
	return (off);
}

/* The length of s's vendor prefix ("vendor/"), or 0. */
static size_t
table_layout_vendor(const char *s)
{
	const char	*slash = strchr(s, '/');

	return (slash != NULL && slash[1] != '\0' ? (size_t)(slash - s) + 1 :
	    0);
}

/* Whether o ends with tail. */
static int
table_layout_ends(const char *o, const char *tail)
{
	size_t	ol = strlen(o), tl = strlen(tail);

	return (ol >= tl && strcmp(o + ol - tl, tail) == 0);
}

/*
 * Where ids[i] starts to be shown: after its vendor prefix when another
 * id shown with it has the same one (the prefix says least there), unless
 * that would make it read like a different id.
 */
static size_t
table_layout_base(const char *const *ids, size_t n, size_t i)
{
	const char	*s = ids[i];
	size_t		 v = table_layout_vendor(s), j, shared = 0;

	if (v == 0)
		return (0);
	for (j = 0; j < n && !shared; j++) {
		shared = j != i && ids[j] != NULL &&
		    strncmp(ids[j], s, v) == 0;
	}
	if (!shared)
		return (0);
	for (j = 0; j < n; j++) {
		if (j == i || ids[j] == NULL || strcmp(ids[j], s) == 0 ||
		    !table_layout_ends(ids[j], s + v))
			continue;
		/* Another id ends like this one's rest: whole ids only. */
		return (0);
	}
	return (v);
}

/* Whether another id than ids[i], as shown from its base, has the head
 * of hb bytes and the tail from byte toff of s (ids[i] from its base). */
static int
table_layout_clash(const char *const *ids, size_t n, size_t i,
    const char *s, size_t hb, size_t toff)
{
	const char	*o;
	size_t		 j;

	for (j = 0; j < n; j++) {
		o = ids[j];
		if (j == i || o == NULL || strcmp(o, ids[i]) == 0 ||
		    !table_layout_ends(o, s + toff))
			continue;
		o += table_layout_base(ids, n, j);
		if (strlen(o) >= strlen(s + toff) + hb &&
		    strncmp(o, s, hb) == 0)
			return (1);
	}
	return (0);
}

char *
table_layout_elide(const char *const *ids, size_t n, size_t i, int width)
{
	const char	*s = ids[i];
	struct buf	 b = BUF_INIT;
	size_t		 hb, toff;
	int		 room, pref, k, h, hc, tc, best = -1;

	if (width <= 2 || textwidth_measure(s) <= width)
		return (textwidth_cut(s, width));
	s += table_layout_base(ids, n, i);
	if (textwidth_measure(s) <= width)
		return (xstrdup(s));
	room = width - 1;
	/* Keep the vendor prefix when it is still there, else half. */
	pref = table_layout_vendor(s) > 0 ? (int)table_layout_vendor(s) :
	    room / 2;
	if (pref > room / 2)
		pref = room / 2;
	/* The preferred head first, then shorter ones, then longer ones. */
	for (k = 0; k <= room && best < 0; k++) {
		h = k <= pref ? pref - k : k;
		hb = textwidth_fit(s, h, &hc);
		toff = table_layout_tail(s + hb, room - hc, &tc) + hb;
		if (!table_layout_clash(ids, n, i, s, hb, toff))
			best = h;
	}
	if (best < 0)
		best = pref;
	hb = textwidth_fit(s, best, &hc);
	toff = table_layout_tail(s + hb, room - hc, &tc) + hb;
	buf_add(&b, s, hb);
	buf_addch(&b, TEXTWIDTH_CUT);
	buf_addstr(&b, s + toff);
	return (buf_detach(&b));
}
