/*
 * table-layout: columns that fit a width, and identifiers shortened in the
 * middle.
 */
#include "config.h"

#include "util/table-layout.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/i18n.h"
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
	int	i, k, x = 0, u = 0, rv = 0, forced;
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
		/* With every spare column less important than it: one the
		 * first pass dropped must not come back in its room. */
		for (k = 0; k < n; k++) {
			if (c[k].spare && k != forced &&
			    c[k].prio >= c[i].prio)
				gone[k] = 1;
		}
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

int
table_layout_at(const struct table_layout_col *c, int n, int x)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (c[i].width > 0 && x >= c[i].x && x < c[i].x + c[i].width)
			return (i);
	}
	return (-1);
}

/* ------------------------------------------------------------- columns */

void
table_columns_init(struct table_columns *t, int n)
{
	int	i;

	memset(t, 0, sizeof *t);
	t->n = n < 0 ? 0 : n > TABLE_COLUMNS_MAX ? TABLE_COLUMNS_MAX : n;
	for (i = 0; i < t->n; i++) {
		t->order[i] = i;
		t->shown[i] = 1;
	}
}

char *
table_columns_list(const char *const *names, int n)
{
	struct buf	b = BUF_INIT;
	int		i;

	for (i = 0; i < n; i++) {
		if (i > 0)
			buf_addstr(&b, ", ");
		buf_addstr(&b, names[i]);
	}
	return (buf_detach(&b));
}

/* The index of the name of len bytes at s, or -1. */
static int
table_columns_find(const char *const *names, int n, const char *s,
    size_t len)
{
	int	i;

	for (i = 0; i < n; i++) {
		if (strlen(names[i]) == len && strncmp(names[i], s, len) == 0)
			return (i);
	}
	return (-1);
}

int
table_columns_parse(struct table_columns *t, const char *const *names,
    int n, const char *spec, char **cause)
{
	struct table_columns	 nt;
	const char		*p = spec, *end;
	char			*list;
	size_t			 len;
	int			 i, k = 0;

	table_columns_init(&nt, n);
	memset(nt.shown, 0, sizeof nt.shown);
	for (;;) {
		end = strchr(p, ',');
		len = end != NULL ? (size_t)(end - p) : strlen(p);
		while (len > 0 && *p == ' ') {
			p++;
			len--;
		}
		while (len > 0 && p[len - 1] == ' ')
			len--;
		if (len == 0) {
			*cause = xstrdup(_("empty column name"));
			return (-1);
		}
		if ((i = table_columns_find(names, nt.n, p, len)) < 0) {
			list = table_columns_list(names, nt.n);
			*cause = xasprintf(_("unknown column \"%.*s\" (one of: "
			    "%s)"), (int)(len > 64 ? 64 : len), p, list);
			free(list);
			return (-1);
		}
		if (nt.shown[i]) {
			*cause = xasprintf(_("column \"%s\" given twice"),
			    names[i]);
			return (-1);
		}
		nt.shown[i] = 1;
		nt.order[k++] = i;
		if (end == NULL)
			break;
		p = end + 1;
	}
	/* The others, hidden, after the shown ones in their default order. */
	for (i = 0; i < nt.n; i++) {
		if (!nt.shown[i])
			nt.order[k++] = i;
	}
	*t = nt;
	return (0);
}

char *
table_columns_format(const struct table_columns *t, const char *const *names)
{
	struct buf	b = BUF_INIT;
	int		i;

	for (i = 0; i < t->n; i++) {
		if (!t->shown[t->order[i]])
			continue;
		if (b.len > 0)
			buf_addch(&b, ',');
		buf_addstr(&b, names[t->order[i]]);
	}
	return (buf_detach(&b));
}

int
table_columns_visible(const struct table_columns *t, int *out)
{
	int	i, k = 0;

	for (i = 0; i < t->n; i++) {
		if (t->shown[t->order[i]])
			out[k++] = t->order[i];
	}
	return (k);
}

int
table_columns_toggle(struct table_columns *t, int pos)
{
	int	c, i, shown = 0;

	if (pos < 0 || pos >= t->n)
		return (0);
	c = t->order[pos];
	for (i = 0; i < t->n; i++)
		shown += t->shown[i];
	if (t->shown[c] && shown <= 1)
		return (0);
	t->shown[c] = !t->shown[c];
	return (1);
}

int
table_columns_move(struct table_columns *t, int pos, int delta)
{
	int	to, c;

	if (pos < 0 || pos >= t->n)
		return (pos);
	to = pos + delta;
	if (to < 0)
		to = 0;
	if (to >= t->n)
		to = t->n - 1;
	c = t->order[pos];
	if (to > pos)
		memmove(&t->order[pos], &t->order[pos + 1],
		    (size_t)(to - pos) * sizeof t->order[0]);
	else if (to < pos)
		memmove(&t->order[to + 1], &t->order[to],
		    (size_t)(pos - to) * sizeof t->order[0]);
	t->order[to] = c;
	return (to);
}
