/*
 * screen-help: every key of the screen it was opened from and the global
 * ones; typing filters the list.
 */
#include "config.h"

#include "ui/screens.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const struct ui_keyhelp global_help[] = {
	{ "?", N_("this help (type to filter it)") },
	{ ":", N_("command: :endpoints :runs :providers :sync :model NAME "
	    ":help :q") },
	{ "r", N_("start a sync and watch it") },
	{ "R", N_("the run log") },
	{ "P", N_("the providers") },
	{ "Esc q", N_("back") },
	{ "Q", N_("quit") },
	{ NULL, NULL }
};

struct help {
	const struct screen_ops	*of;
	struct buf		 filter;
	size_t			 top;
};

void *
screen_help_new(struct ui *ui, const struct screen_arg *arg)
{
	struct help	*h;

	(void)ui;
	h = xcalloc(1, sizeof *h);
	h->of = arg->of;
	return (h);
}

static void
help_leave(struct screen *s)
{
	struct help	*h = s->data;

	buf_free(&h->filter);
	free(h);
}

/* Case-insensitive substring, ASCII folding (the texts are ours). */
static int
help_match(const char *text, const char *needle)
{
	size_t	i, n = strlen(needle);

	if (n == 0)
		return (1);
	for (; *text != '\0'; text++) {
		for (i = 0; i < n && text[i] != '\0'; i++) {
			if (tolower((unsigned char)text[i]) !=
			    tolower((unsigned char)needle[i]))
				break;
		}
		if (i == n)
			return (1);
	}
	return (0);
}

static int
help_key(struct screen *s, int ch)
{
	struct help	*h = s->data;

	switch (ch) {
	case 27:
		return (UI_BACK);
	case KEY_BACKSPACE:
	case 127:
	case 8:
		if (h->filter.len == 0)
			return (UI_BACK);
		h->filter.data[--h->filter.len] = '\0';
		break;
	case KEY_DOWN:
		h->top++;
		break;
	case KEY_UP:
		if (h->top > 0)
			h->top--;
		break;
	default:
		if (ch >= 32 && ch < 127 && h->filter.len < 64)
			buf_addch(&h->filter, (char)ch);
		else if (ch == '\n' || ch == '\r')
			return (UI_BACK);
		break;
	}
	return (UI_REDRAW);
}

static void
help_section(struct screen *s, WINDOW *w, const char *title,
    const struct ui_keyhelp *k, int *y, int y0, int rows, int cols,
    size_t *skip)
{
	struct help	*h = s->data;
	const char	*what;
	int		 header = 0;

	for (; k != NULL && k->key != NULL; k++) {
		what = _(k->what);
		if (!help_match(k->key, buf_str(&h->filter)) &&
		    !help_match(what, buf_str(&h->filter)))
			continue;
		if (!header) {
			header = 1;
			if (*y < y0 + rows) {
				ui_color_on(s->ui, w, UI_C_HEADER);
				ui_text(w, (*y)++, 1, cols - 2, title, 'l');
				ui_color_off(s->ui, w, UI_C_HEADER);
			}
		}
		if (*skip > 0) {
			(*skip)--;
			continue;
		}
		if (*y >= y0 + rows)
			return;
		ui_color_on(s->ui, w, UI_C_KEY);
		ui_text(w, *y, 3, 16, k->key, 'l');
		ui_color_off(s->ui, w, UI_C_KEY);
		ui_text(w, (*y)++, 20, cols - 21, what, 'l');
	}
}

static void
help_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct help	*h = s->data;
	char		 title[128];
	int		 y = y0;
	size_t		 skip = h->top;

	if (h->of != NULL && h->of->help != NULL) {
		snprintf(title, sizeof title, _("Keys of the %s screen"),
		    _(h->of->name));
		help_section(s, w, title, h->of->help, &y, y0, rows - 1, cols,
		    &skip);
	}
	if (y < y0 + rows - 1)
		y++;
	help_section(s, w, _("Everywhere"), global_help, &y, y0, rows - 1,
	    cols, &skip);
	if (y == y0)
		ui_text(w, y0, 1, cols - 2, _("No key matches."), 'l');
}

static const char *
help_status(struct screen *s)
{
	struct help		*h = s->data;
	static char		 status[128];

	snprintf(status, sizeof status, _("help  filter: %s  (type to "
	    "filter, Esc to close)"), h->filter.len > 0 ?
	    buf_str(&h->filter) : "-");
	return (status);
}

const struct screen_ops screen_help_ops = {
	.name = N_("help"),
	.leave = help_leave,
	.key = help_key,
	.draw = help_draw,
	.status = help_status,
	.help = NULL,
};
