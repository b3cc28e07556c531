/*
 * ui-draw: colours, sanitised width-aware text, sparklines.
 */
#include "config.h"

#include "ui/ui.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/filter.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/sanitize.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

/* Without colours, each role still looks different. */
static const attr_t ui_mono[UI_C__COUNT] = {
	[UI_C_NORMAL] = A_NORMAL,
	[UI_C_TITLE] = A_REVERSE | A_BOLD,
	[UI_C_HEADER] = A_BOLD | A_UNDERLINE,
	[UI_C_SELECT] = A_REVERSE,
	[UI_C_STATUS] = A_REVERSE,
	[UI_C_ERROR] = A_BOLD,
	[UI_C_DIM] = A_DIM,
	[UI_C_GOOD] = A_BOLD,
	[UI_C_WARN] = A_UNDERLINE,
	[UI_C_KEY] = A_BOLD,
	[UI_C_STRING] = A_NORMAL,
	[UI_C_NUMBER] = A_NORMAL,
};

void
ui_color_on(struct ui *ui, WINDOW *w, enum ui_color c)
{
	if (c == UI_C_NORMAL)
		return;
	if (ui->colors)
		wattron(w, COLOR_PAIR((short)c) | (c == UI_C_SELECT ||
		    c == UI_C_TITLE || c == UI_C_HEADER ? A_BOLD : 0));
	else
		wattron(w, ui_mono[c]);
}

void
ui_color_off(struct ui *ui, WINDOW *w, enum ui_color c)
{
	if (c == UI_C_NORMAL)
		return;
	if (ui->colors)
		wattroff(w, COLOR_PAIR((short)c) | A_BOLD);
	else
		wattroff(w, ui_mono[c]);
}

int
ui_text(WINDOW *win, int y, int x, int width, const char *text, char align)
{
	char	*clean, *shown;
	int	 used;

	if (width <= 0)
		return (0);
	clean = sanitize_text(text != NULL ? text : "", 4096);
	/* In a non-UTF-8 locale, bytes outside ASCII are shown as '?'. */
	if (MB_CUR_MAX == 1) {
		for (char *q = clean; *q != '\0'; q++) {
			if ((unsigned char)*q >= 0x80)
				*q = '?';
		}
	}
	shown = textwidth_cut(clean, width);
	used = textwidth_measure(shown);
	/* A cut text starts at x even when a wide character left a column
	 * free before the marker. */
	if (align == 'r' && strcmp(shown, clean) == 0)
		x += width - used;
	mvwaddstr(win, y, x, shown);
	free(shown);
	free(clean);
	return (used);
}

int
ui_text_color(struct ui *ui, WINDOW *win, int y, int x, int width,
    const char *text, enum ui_color c)
{
	int	used;

	if (width <= 0)
		return (0);
	ui_color_on(ui, win, c);
	used = ui_text(win, y, x, width, text, 'l');
	ui_color_off(ui, win, c);
	return (used);
}

int
ui_wrap(WINDOW *w, int y, int x, int width, int rows, const char *text)
{
	struct buf	 line = BUF_INIT;
	char		*clean;
	const char	*p;
	size_t		 wl, old;
	int		 n = 0;

	clean = sanitize_text(text, 4096);
	p = clean;
	while (*p == ' ')
		p++;
	while (*p != '\0' && n < rows) {
		buf_reset(&line);
		while (*p != '\0') {
			wl = strcspn(p, " ");
			old = line.len;
			if (old > 0)
				buf_addch(&line, ' ');
			buf_add(&line, p, wl);
			if (old > 0 && textwidth_measure(buf_str(&line)) > width) {
				line.len = old;
				line.data[old] = '\0';
				break;
			}
			p += wl;
			while (*p == ' ')
				p++;
		}
		ui_text(w, y + n, x, width, buf_str(&line), 'l');
		n++;
	}
	buf_free(&line);
	free(clean);
	return (n);
}

const char *
ui_watch_mark(const struct ui *ui)
{
	return (ui->utf8 ? "\xe2\x98\x85" : "+");
}

char *
ui_sparkline(const struct ui *ui, const double *v, int n, int width)
{
	static const char *blocks[] = {
		"\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
		"\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88"
	};
	static const char ascii[] = "_.-:=+*#";
	struct buf	 b = BUF_INIT;
	double		 lo = INFINITY, hi = -INFINITY, sum, x;
	int		 i, j, from, to, cnt, level;

	if (width <= 0 || n <= 0)
		return (xstrdup(""));
	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (v[i] < lo)
			lo = v[i];
		if (v[i] > hi)
			hi = v[i];
	}
	if (width > n)
		width = n;
	for (j = 0; j < width; j++) {
		/* Each column is the mean of its share of the values. */
		from = (int)((long long)j * n / width);
		to = (int)((long long)(j + 1) * n / width);
		sum = 0;
		cnt = 0;
		for (i = from; i < to; i++) {
			if (!isnan(v[i])) {
				sum += v[i];
				cnt++;
			}
		}
		if (cnt == 0) {
			buf_addch(&b, ' ');
			continue;
		}
		x = sum / cnt;
		level = hi > lo ? (int)((x - lo) / (hi - lo) * 7 + 0.5) : 3;
		if (level < 0)
			level = 0;
		if (level > 7)
			level = 7;
		if (ui->utf8)
			buf_addstr(&b, blocks[level]);
		else
			buf_addch(&b, ascii[level]);
	}
	return (buf_detach(&b));
}

const char *
ui_status_text(const char *status)
{
	static const char *const names[][2] = {
		{ "running", N_("running") },
		{ "ok", N_("ok") },
		{ "partial", N_("partial") },
		{ "failed", N_("failed") },
		{ "aborted", N_("aborted") },
	};
	size_t	i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		if (strcmp(status, names[i][0]) == 0)
			return (_(names[i][1]));
	}
	return (status);
}

enum ui_color
ui_status_color(const char *status)
{
	if (strcmp(status, "ok") == 0)
		return (UI_C_GOOD);
	if (strcmp(status, "partial") == 0)
		return (UI_C_WARN);
	if (strcmp(status, "failed") == 0 || strcmp(status, "aborted") == 0)
		return (UI_C_ERROR);
	if (strcmp(status, "running") == 0)
		return (UI_C_TITLE);
	return (UI_C_NORMAL);
}

struct filter *
ui_filter_parse(struct store *store, const char *text,
    struct filter_error *err)
{
	struct filter	*f;

	if ((f = filter_parse(text, err)) != NULL && store != NULL)
		filter_resolve_aliases(f, store_model_alias_key, store);
	return (f);
}
