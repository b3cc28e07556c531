/*
 * screen-run-detail: one run of the run log (the "run" screen): its
 * summary, its errors and what it changed -- endpoints added, endpoints
 * tombstoned and price changes, as store-changes.h defines them.
 *
 * Price changes need both snapshots of every changed listing decoded; a run
 * that touched tens of thousands of endpoints has as many pairs, so the
 * screen decodes them a slice at a time from its tick and shows how far it
 * got.  A run in progress is read again, at most every DETAIL_RELOAD_MS,
 * when the database changed.
 */
#include "config.h"

#include "ui/screens.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-changes.h"
#include "ui/list.h"
#include "ui/run-text.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/sanitize.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

/* Time the screen spends decoding snapshots per tick. */
#define DETAIL_SCAN_MS		80
/* A run in progress is read again at most this often. */
#define DETAIL_RELOAD_MS	2000

/* What one line of the detail body shows. */
enum detail_kind {
	DL_BLANK,
	DL_HEADER,	/* text: a section title */
	DL_NOTE,	/* text: dim */
	DL_ERROR,	/* text: a (wrapped) line of the run's errors or warnings */
	DL_ADDED,	/* idx into added */
	DL_GONE,	/* idx into gone */
	DL_PRICE	/* idx into changes */
};

struct detail_line {
	enum detail_kind	 kind;
	size_t			 idx;
	char			*text;		/* owned; sanitised */
};

struct detail_change {
	size_t			 pair;		/* idx into pairs */
	struct snap_prices	 before;
	struct snap_prices	 after;
};

struct detail {
	int64_t			 id;
	struct run_info		 run;
	int			 found;
	char			*error;		/* the last load failed */

	struct run_endpoint	*added;
	size_t			 nadded;
	struct run_endpoint	*gone;
	size_t			 ngone;

	/* Price changes: pairs are decoded from next_pair on, by tick. */
	struct run_snap_pair	*pairs;
	size_t			 npairs;
	size_t			 next_pair;
	struct detail_change	*changes;
	size_t			 nchanges;
	size_t			 changes_cap;
	size_t			 unreadable;
	char			*unreadable_cause;

	struct detail_line	*lines;
	size_t			 nlines;
	int			 layout_cols;	/* 0: lay out again */
	struct list		 list;		/* over lines */

	int64_t			 loaded_ms;	/* clock_mono_ms of the load */
	struct store_stamp	 stamp;
	struct buf		 status;
};

static const struct ui_keyhelp detail_help[] = {
	{ "j k arrows", N_("move") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ "Tab BackTab", N_("next / previous section") },
	{ "Enter i", N_("inspect the endpoint's stored JSON") },
	{ NULL, NULL }
};

static void
detail_lines_free(struct detail *d)
{
	size_t	i;

	for (i = 0; i < d->nlines; i++)
		free(d->lines[i].text);
	free(d->lines);
	d->lines = NULL;
	d->nlines = 0;
	d->layout_cols = 0;
}

static void
detail_clear(struct detail *d)
{
	run_info_clear(&d->run);
	d->found = 0;
	free(d->error);
	d->error = NULL;
	run_endpoint_list_free(d->added, d->nadded);
	d->added = NULL;
	d->nadded = 0;
	run_endpoint_list_free(d->gone, d->ngone);
	d->gone = NULL;
	d->ngone = 0;
	run_snap_pair_list_free(d->pairs, d->npairs);
	d->pairs = NULL;
	d->npairs = 0;
	d->next_pair = 0;
	free(d->changes);
	d->changes = NULL;
	d->nchanges = 0;
	d->changes_cap = 0;
	d->unreadable = 0;
	free(d->unreadable_cause);
	d->unreadable_cause = NULL;
	detail_lines_free(d);
}

static int
detail_running(const struct detail *d)
{
	return (d->found && strcmp(d->run.status, "running") == 0);
}

static void
detail_load(struct screen *s)
{
	struct detail	*d = s->data;
	struct store	*store = s->ui->store;
	char		*cause = NULL;

	detail_clear(d);
	d->loaded_ms = clock_mono_ms();
	if (store_stamp(store, &d->stamp, &cause) != 0 ||
	    store_run_get(store, d->id, &d->run, &d->found, &cause) != 0 ||
	    store_changes_added(store, d->id, &d->added, &d->nadded,
	    &cause) != 0 ||
	    store_changes_tombstoned(store, d->id, &d->gone, &d->ngone,
	    &cause) != 0) {
		d->error = cause;
		return;
	}
	/*
	 * A run in progress still replaces snapshots (a model's listing
	 * replaces its catalogue entry's featured endpoint), so its prices
	 * are compared once it has ended.
	 */
	if (detail_running(d))
		return;
	if (store_changes_snap_pairs(store, d->id, &d->pairs, &d->npairs,
	    &cause) != 0)
		d->error = cause;
}


static void
detail_add(struct detail *d, size_t *cap, enum detail_kind kind, size_t idx,
    char *text)
{
	if (d->nlines == *cap) {
		*cap = *cap == 0 ? 64 : *cap * 2;
		d->lines = xreallocarray(d->lines, *cap, sizeof *d->lines);
	}
	d->lines[d->nlines].kind = kind;
	d->lines[d->nlines].idx = idx;
	d->lines[d->nlines].text = text;
	d->nlines++;
}

/* One line of the errors text, sanitised and wrapped to width columns;
 * continuation lines are indented by two. */
static void
detail_add_wrapped(struct detail *d, size_t *cap, const char *line,
    int width)
{
	const char	*p;
	char		*clean;
	size_t		 n, k;
	int		 first = 1, w;

	clean = sanitize_text(line, 0);
	p = clean;
	do {
		w = first ? width : width - 2;
		if (w < 8)
			w = 8;
		/* At least one character, so that wrapping always moves on
		 * (w is at least 8: only a wider character is left out). */
		if ((n = textwidth_fit(p, w, NULL)) == 0)
			(void)textwidth_char(p, &n);
		/* Prefer to break after a space in the second half. */
		if (p[n] != '\0') {
			for (k = n; k > n / 2; k--) {
				if (p[k - 1] == ' ') {
					n = k;
					break;
				}
			}
		}
		detail_add(d, cap, DL_ERROR, 0, first ? xstrndup(p, n) :
		    xasprintf("  %.*s", (int)n, p));
		p += n;
		p += strspn(p, " ");
		first = 0;
	} while (*p != '\0');
	free(clean);
}

static int
detail_complete_sync(const struct detail *d)
{
	return (d->found && strcmp(d->run.status, "ok") == 0 &&
	    d->run.source != NULL && strcmp(d->run.source, "sync") == 0);
}

/*
 * The lines of text (the run's errors or warnings), wrapped; returns how
 * many.  None is the note "none recorded".
 */
static int64_t
detail_add_messages(struct detail *d, size_t *cap, const char *text,
    int cols)
{
	const char	*p, *nl;
	char		*line;
	int64_t		 n = 0;

	if (text == NULL || *text == '\0') {
		detail_add(d, cap, DL_NOTE, 0, xstrdup(_("none recorded")));
		return (0);
	}
	for (p = text; *p != '\0'; p = nl) {
		nl = p + strcspn(p, "\n");
		line = xstrndup(p, (size_t)(nl - p));
		if (*line != '\0') {
			detail_add_wrapped(d, cap, line, cols - 4);
			n++;
		}
		free(line);
		if (*nl == '\n')
			nl++;
	}
	return (n);
}

/*
 * The last section, when there are warnings: the first ones' texts (runs
 * before schema version 6 only counted them).
 */
static void
detail_add_warnings(struct detail *d, size_t *cap, int cols)
{
	size_t	header;
	int64_t	n;

	if (d->run.warnings == 0 && d->run.warning_texts == NULL)
		return;
	detail_add(d, cap, DL_BLANK, 0, NULL);
	header = d->nlines;
	detail_add(d, cap, DL_HEADER, 0, NULL);
	n = detail_add_messages(d, cap, d->run.warning_texts, cols);
	if (d->run.warnings > n)
		n = d->run.warnings;
	d->lines[header].text = xasprintf(_("Warnings: %lld"), (long long)n);
}

static void
detail_layout(struct detail *d, int cols)
{
	char		*line;
	size_t		 cap = 0, i, header;
	int64_t		 n;

	detail_lines_free(d);
	d->layout_cols = cols;

	/*
	 * The count can exceed the lines (the text is bounded, later errors
	 * are only counted) or fall short of them (a reaped run's note).
	 */
	header = d->nlines;
	detail_add(d, &cap, DL_HEADER, 0, NULL);
	n = detail_add_messages(d, &cap, d->run.errors, cols);
	if (d->run.error_count > n)
		n = d->run.error_count;
	d->lines[header].text = xasprintf(_("Errors: %lld"), (long long)n);
	detail_add(d, &cap, DL_BLANK, 0, NULL);


	detail_add(d, &cap, DL_HEADER, 0, xasprintf(_("Endpoints added: %zu"),
	    d->nadded));
	for (i = 0; i < d->nadded; i++)
		detail_add(d, &cap, DL_ADDED, i, NULL);
	if (d->nadded == 0)
		detail_add(d, &cap, DL_NOTE, 0, xstrdup(_("none")));
	detail_add(d, &cap, DL_BLANK, 0, NULL);

	detail_add(d, &cap, DL_HEADER, 0, xasprintf(_("Endpoints tombstoned: "
	    "%zu"), d->ngone));
	for (i = 0; i < d->ngone; i++)
		detail_add(d, &cap, DL_GONE, i, NULL);
	if (d->ngone == 0) {
		detail_add(d, &cap, DL_NOTE, 0, xstrdup(
		    detail_running(d) ? _("none yet: a complete sync "
		    "tombstones when it ends") :
		    detail_complete_sync(d) ? _("none") :
		    _("none: only a complete sync tombstones endpoints")));
	}
	detail_add(d, &cap, DL_BLANK, 0, NULL);

	if (detail_running(d)) {
		detail_add(d, &cap, DL_HEADER, 0, xstrdup(_("Price changes")));
		detail_add(d, &cap, DL_NOTE, 0, xstrdup(_("compared when the "
		    "run has ended")));
		detail_add_warnings(d, &cap, cols);
		return;
	}
	if (d->next_pair < d->npairs)
		line = xasprintf(_("Price changes: %zu so far (reading "
		    "snapshots: %zu of %zu changed listings)"), d->nchanges,
		    d->next_pair, d->npairs);
	else
		line = xasprintf(_("Price changes: %zu (of %zu changed "
		    "listings)"), d->nchanges, d->npairs);
	detail_add(d, &cap, DL_HEADER, 0, line);
	for (i = 0; i < d->nchanges; i++)
		detail_add(d, &cap, DL_PRICE, i, NULL);
	if (d->unreadable > 0) {
		detail_add(d, &cap, DL_NOTE, 0, xasprintf(P_("%zu snapshot "
		    "pair could not be read: %s", "%zu snapshot pairs could "
		    "not be read, the first: %s", d->unreadable),
		    d->unreadable, d->unreadable_cause != NULL ?
		    d->unreadable_cause : "?"));
	}
	if (d->nchanges == 0 && d->next_pair >= d->npairs)
		detail_add(d, &cap, DL_NOTE, 0, xstrdup(_("none")));
	detail_add_warnings(d, &cap, cols);
}

/* Decode pairs for at most DETAIL_SCAN_MS; 1 when something was done. */
static int
detail_scan(struct screen *s)
{
	struct detail		*d = s->data;
	struct detail_change	 ch;
	char			*cause = NULL;
	int64_t			 until;
	int			 changed;

	if (d->next_pair >= d->npairs)
		return (0);
	until = clock_mono_ms() + DETAIL_SCAN_MS;
	do {
		ch.pair = d->next_pair++;
		if (store_changes_price_diff(s->ui->store, &d->pairs[ch.pair],
		    &ch.before, &ch.after, &changed, &cause) != 0) {
			d->unreadable++;
			if (d->unreadable_cause == NULL)
				d->unreadable_cause = cause;
			else
				free(cause);
			cause = NULL;
			continue;
		}
		if (changed) {
			if (d->nchanges == d->changes_cap) {
				d->changes_cap = d->changes_cap == 0 ? 64 :
				    d->changes_cap * 2;
				d->changes = xreallocarray(d->changes,
				    d->changes_cap, sizeof *d->changes);
			}
			d->changes[d->nchanges++] = ch;
		}
	} while (d->next_pair < d->npairs && ((d->next_pair & 7) != 0 ||
	    clock_mono_ms() < until));
	d->layout_cols = 0;
	return (1);
}

/* The endpoint a line is about, or NULL. */
static int
detail_line_endpoint(const struct detail *d, size_t line,
    const char **endpoint_id, const char **model_key, const char **provider)
{
	const struct detail_line	*l;
	const struct run_snap_pair	*pair;

	if (line >= d->nlines)
		return (0);
	l = &d->lines[line];
	switch (l->kind) {
	case DL_ADDED:
		*endpoint_id = d->added[l->idx].endpoint_id;
		*model_key = d->added[l->idx].model_key;
		*provider = d->added[l->idx].provider;
		return (1);
	case DL_GONE:
		*endpoint_id = d->gone[l->idx].endpoint_id;
		*model_key = d->gone[l->idx].model_key;
		*provider = d->gone[l->idx].provider;
		return (1);
	case DL_PRICE:
		pair = &d->pairs[d->changes[l->idx].pair];
		*endpoint_id = pair->endpoint_id;
		*model_key = pair->model_key;
		*provider = pair->provider;
		return (1);
	default:
		return (0);
	}
}

static void
detail_enter(struct screen *s)
{
	detail_load(s);
}

static void
detail_leave(struct screen *s)
{
	struct detail	*d = s->data;

	detail_clear(d);
	buf_free(&d->status);
	free(d);
}

static int
detail_key(struct screen *s, int key)
{
	struct detail	*d = s->data;
	const char	*id, *key_, *provider;
	size_t		 i;

	if (list_key(&d->list, d->nlines, key))
		return (UI_REDRAW);
	switch (key) {
	case '\t':
		for (i = d->list.cur + 1; i < d->nlines; i++) {
			if (d->lines[i].kind == DL_HEADER) {
				d->list.cur = i;
				d->list.top = i;
				break;
			}
		}
		return (UI_REDRAW);
	case KEY_BTAB:
		for (i = d->list.cur; i > 0; i--) {
			if (d->lines[i - 1].kind == DL_HEADER) {
				d->list.cur = i - 1;
				d->list.top = i - 1;
				break;
			}
		}
		return (UI_REDRAW);
	case 'i':
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (detail_line_endpoint(d, d->list.cur, &id, &key_, &provider))
			ui_open(s->ui, SCREEN_INSPECT, &(struct screen_arg){
			    .endpoint_id = id, .model_key = key_ });
		return (UI_REDRAW);
	default:
		return (UI_UNHANDLED);
	}
}

static int
detail_tick(struct screen *s)
{
	struct detail		*d = s->data;
	struct store_stamp	 now;

	if (detail_running(d)) {
		if (clock_mono_ms() - d->loaded_ms >= DETAIL_RELOAD_MS &&
		    (store_stamp(s->ui->store, &now, NULL) != 0 ||
		    memcmp(&now, &d->stamp, sizeof now) != 0))
			detail_load(s);
		/* Its duration moves. */
		return (UI_REDRAW);
	}
	return (detail_scan(s) ? UI_REDRAW : UI_NONE);
}

/* The run's summary: three lines from y. */
static void
detail_draw_summary(struct screen *s, WINDOW *win, int y, int cols)
{
	struct detail	*d = s->data;
	struct ui	*ui = s->ui;
	struct buf	 b = BUF_INIT;
	char		 started[32], took[32], ratio[32];
	enum ui_color	 color;
	int		 x;

	buf_printf(&b, _("Run %lld"), (long long)d->id);
	ui_color_on(ui, win, UI_C_HEADER);
	x = 1 + ui_text(win, y, 1, cols - 2, buf_str(&b), 'l');
	ui_color_off(ui, win, UI_C_HEADER);
	if (!d->found) {
		ui_text(win, y, x + 1, cols - x - 2, _("is not in the run log"),
		    'l');
		buf_free(&b);
		return;
	}
	color = ui_status_color(d->run.status);
	ui_color_on(ui, win, color);
	x += 1 + ui_text(win, y, x + 1, cols - x - 2,
	    ui_status_text(d->run.status), 'l');
	ui_color_off(ui, win, color);
	buf_reset(&b);
	if (run_text_stale(&d->run)) {
		buf_printf(&b, _("process %lld is gone: the run was cut short, "
		    "and the next sync marks it failed"),
		    (long long)d->run.pid);
		color = UI_C_WARN;
	} else {
		buf_printf(&b, _("source %s, routes %s, pid %lld"),
		    d->run.source != NULL ? d->run.source : "-",
		    d->run.route_family != NULL ? d->run.route_family : "-",
		    (long long)d->run.pid);
		color = UI_C_NORMAL;
	}
	ui_color_on(ui, win, color);
	ui_text(win, y, x + 2, cols - x - 3, buf_str(&b), 'l');
	ui_color_off(ui, win, color);

	run_text_started(&d->run, started, sizeof started);
	run_text_took(&d->run, took, sizeof took);
	buf_reset(&b);
	buf_printf(&b, _("started %s UTC, took %s; models %lld/%lld, "
	    "endpoints %lld, new blobs %lld, warnings %lld"), started, took,
	    (long long)d->run.models_done, (long long)d->run.models_total,
	    (long long)d->run.endpoints_done, (long long)d->run.blobs_new,
	    (long long)d->run.warnings);
	ui_text(win, y + 1, 1, cols - 2, buf_str(&b), 'l');

	run_text_ratio(&d->run, ratio, sizeof ratio);
	buf_reset(&b);
	buf_printf(&b, _("requests %lld, retries %lld; %.2f MB raw, %.2f MB "
	    "compressed (%s)"), (long long)d->run.requests,
	    (long long)d->run.retries, (double)d->run.bytes_raw / 1e6,
	    (double)d->run.bytes_gz / 1e6, ratio);
	ui_text(win, y + 2, 1, cols - 2, buf_str(&b), 'l');
	buf_free(&b);
}

static int
detail_price_differs(double a, double b)
{
	if (isnan(a) || isnan(b))
		return (isnan(a) != isnan(b));
	return (a != b);
}

/* "in $0.5 -> $0.4": a price and its change; returns the columns used. */
static int
detail_draw_price(struct ui *ui, WINDOW *win, int y, int x, int width,
    const char *label, double before, double after, int sel)
{
	char		 a[32], b[32];
	enum ui_color	 c, base;
	double		 pair[2];
	int		 used = 0, digits;

	/* Digits enough that a change never reads as the same price. */
	pair[0] = before;
	pair[1] = after;
	digits = numfmt_digits(pair, 2, 1e6);
	run_text_price(before, digits, a, sizeof a);
	run_text_price(after, digits, b, sizeof b);
	/* Cheaper is good news, dearer a warning; the same is dim. */
	if (!detail_price_differs(before, after))
		c = base = sel ? UI_C_NORMAL : UI_C_DIM;
	else {
		base = UI_C_NORMAL;
		if (sel)
			c = UI_C_NORMAL;
		else if (!isnan(before) && !isnan(after) && after < before)
			c = UI_C_GOOD;
		else
			c = UI_C_WARN;
	}
	used += ui_text_color(ui, win, y, x + used, width - used, label, base);
	used += ui_text_color(ui, win, y, x + used, width - used, " ", base);
	used += ui_text_color(ui, win, y, x + used, width - used, a, base);
	used += ui_text_color(ui, win, y, x + used, width - used,
	    ui->utf8 ? " \xe2\x86\x92 " : " -> ", base);
	used += ui_text_color(ui, win, y, x + used, width - used, b, c);
	return (used);
}

static void
detail_draw_line(struct screen *s, WINDOW *win, int y, int cols, size_t i,
    int sel)
{
	struct detail			*d = s->data;
	struct ui			*ui = s->ui;
	const struct detail_line	*l = &d->lines[i];
	const struct run_endpoint	*e;
	const struct detail_change	*ch;
	const char			*id, *key, *provider;
	char				 a[32], b[32], text[96];
	int				 avail, mw, pw, x, used;

	switch (l->kind) {
	case DL_BLANK:
		return;
	case DL_HEADER:
		ui_text_color(ui, win, y, 1, cols - 2, l->text,
		    sel ? UI_C_NORMAL : UI_C_HEADER);
		return;
	case DL_NOTE:
		ui_text_color(ui, win, y, 3, cols - 4, l->text,
		    sel ? UI_C_NORMAL : UI_C_DIM);
		return;
	case DL_ERROR:
		ui_text(win, y, 3, cols - 4, l->text, 'l');
		return;
	default:
		break;
	}
	if (!detail_line_endpoint(d, i, &id, &key, &provider))
		return;
	avail = cols - 4;
	mw = avail * 2 / 5;
	pw = avail / 5;
	x = 3;
	ui_text(win, y, x, mw, key, 'l');
	x += mw + 1;
	ui_text(win, y, x, pw, provider != NULL ? provider : id, 'l');
	x += pw + 1;
	avail = cols - 1 - x;
	if (avail <= 0)
		return;
	switch (l->kind) {
	case DL_ADDED:
		e = &d->added[l->idx];
		run_text_price(e->price_prompt, NUMFMT_PRICE_DIGITS, a,
		    sizeof a);
		run_text_price(e->price_completion, NUMFMT_PRICE_DIGITS, b,
		    sizeof b);
		snprintf(text, sizeof text, _("in %s, out %s per M%s"), a, b,
		    e->active ? "" : _(" (inactive now)"));
		ui_text(win, y, x, avail, text, 'l');
		break;
	case DL_GONE:
		e = &d->gone[l->idx];
		snprintf(text, sizeof text, _("last seen in run %lld"),
		    (long long)e->last_run_id);
		ui_text(win, y, x, avail, text, 'l');
		break;
	case DL_PRICE:
		ch = &d->changes[l->idx];
		used = detail_draw_price(ui, win, y, x, avail, _("in"),
		    ch->before.prompt, ch->after.prompt, sel);
		used += 2;
		used += detail_draw_price(ui, win, y, x + used, avail - used,
		    _("out"), ch->before.completion, ch->after.completion, sel);
		if (detail_price_differs(ch->before.cache_read,
		    ch->after.cache_read)) {
			used += 2;
			detail_draw_price(ui, win, y, x + used, avail - used,
			    _("cache read"), ch->before.cache_read,
			    ch->after.cache_read, sel);
		}
		break;
	default:
		break;
	}
}

static void
detail_draw(struct screen *s, WINDOW *win, int y0, int rows, int cols)
{
	struct detail	*d = s->data;
	struct ui	*ui = s->ui;
	size_t		 i;
	int		 y, sel;

	if (d->error != NULL) {
		ui_text_color(ui, win, y0, 1, cols - 2, d->error, UI_C_ERROR);
		y0++;
		rows--;
	}
	if (rows < 5)
		return;
	detail_draw_summary(s, win, y0, cols);
	y0 += 4;
	rows -= 4;
	if (d->layout_cols == 0)
		detail_layout(d, cols);
	/* Fewer lines than before: from the first again. */
	if (d->list.top >= d->nlines)
		d->list.top = 0;
	list_show(&d->list, d->nlines, y0, rows);
	for (i = d->list.top, y = y0; i < d->nlines && y < y0 + rows;
	    i++, y++) {
		sel = i == d->list.cur;
		if (sel) {
			ui_color_on(ui, win, UI_C_SELECT);
			mvwhline(win, y, 0, ' ', cols);
		}
		detail_draw_line(s, win, y, cols, i, sel);
		if (sel)
			ui_color_off(ui, win, UI_C_SELECT);
	}
}

static const char *
detail_status(struct screen *s)
{
	struct detail	*d = s->data;
	const char	*id, *key, *provider;

	buf_reset(&d->status);
	buf_printf(&d->status, _("run %lld, line %zu of %zu  Tab: next "
	    "section"), (long long)d->id, d->nlines > 0 ? d->list.cur + 1 : 0,
	    d->nlines);
	if (detail_line_endpoint(d, d->list.cur, &id, &key, &provider))
		buf_addstr(&d->status, _("  Enter: inspect"));
	return (buf_str(&d->status));
}

/* The lines are laid out for a width: again at the next draw. */
static void
detail_resize(struct screen *s)
{
	struct detail	*d = s->data;

	d->layout_cols = 0;
}

const struct screen_ops screen_run_detail_ops = {
	.name = "run",
	.enter = detail_enter,
	.leave = detail_leave,
	.key = detail_key,
	.draw = detail_draw,
	.resize = detail_resize,
	.tick = detail_tick,
	.status = detail_status,
	.help = detail_help,
};

void *
screen_run_detail_new(struct ui *ui, const struct screen_arg *arg)
{
	struct detail	*d;

	(void)ui;
	d = xcalloc(1, sizeof *d);
	d->id = arg->run_id;
	return (d);
}
