/*
 * screen-help: every key of the screen it was opened from, the global ones
 * and what the table columns' letters and words mean; typing filters the
 * list.  Esc, q and ? close it; long texts wrap at narrow widths.
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
	{ ":", N_("command: :endpoints :models :providers :runs :sync "
	    ":changes :model NAME :history [NAME] :save NAME :view [NAME] "
	    ":help :q") },
	{ "r", N_("start a sync and watch it") },
	{ "R", N_("the run log") },
	{ "O", N_("the models, one row each") },
	{ "P", N_("the providers") },
	{ "C", N_("the change feed, newest first") },
	{ "*", N_("star the model, or unstar it (the watchlist)") },
	{ "c", N_("compare the models marked with Space on the endpoints and "
	    "models screens (2 to 6)") },
	{ "A", N_("the alerts not yet seen (the status line counts them): "
	    "list them and mark them seen") },
	{ "Esc q", N_("back (q on the first screen: quit; both ask "
	    "first while a sync runs)") },
	{ "Q", N_("quit (asks first while a sync runs)") },
	{ "y", N_("copy the selected id (the JSON path in the inspector) to "
	    "the clipboard with OSC 52") },
	{ "o", N_("open the model's page on openrouter.ai with xdg-open") },
	{ "H", N_("the model's price, latency and uptime over time, and its "
	    "changes") },
	{ "B", N_("show or hide the key-hint bar (config file: hints = "
	    "no)") },
	{ NULL, NULL }
};

/*
 * The columns whose letters or words need a legend, in every table: the
 * words of DATA are ep_policy_label()'s (project/endpoint.h), the filter's
 * no-train and no-retain select by the same facts.
 */
static const struct ui_keyhelp column_help[] = {
	{ "TIRF", N_("T: takes tools, I: takes images, R: reasons, F: free "
	    "(every price 0); '.': no") },
	{ "DATA", N_("what the provider does with prompts: trains (trains on "
	    "them), retains (keeps them, no training), no-train (does not "
	    "train on them), ?: not stated; filter with no-train, "
	    "no-retain") },
	{ "ST", N_("the status OpenRouter gives the endpoint: 0 healthy, "
	    "below 0 degraded, -: not stated") },
	{ "UP%", N_("the share of requests answered, over the last sync's "
	    "window") },
	{ "P50 MS", N_("median latency to the first token, milliseconds") },
	{ "TOK/S", N_("median throughput, tokens per second") },
	{ "MARK", N_("cheapest and fastest endpoint of the model") },
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
	case 'q':
	case '?':
	case '\n':
	case '\r':
	case KEY_ENTER:
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
	int		 header = 0, kw;

	/* The key column: 16 wide, narrower on a narrow terminal. */
	kw = cols < 70 ? 10 : 16;

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
		ui_text(w, *y, 3, kw, k->key, 'l');
		ui_color_off(s->ui, w, UI_C_KEY);
		/* Wrapped under itself, as many lines as are left. */
		*y += ui_wrap(w, *y, 4 + kw, cols - 5 - kw, y0 + rows - *y,
		    what);
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
	if (y > y0 && y < y0 + rows - 1)
		y++;
	help_section(s, w, _("Everywhere"), global_help, &y, y0, rows - 1,
	    cols, &skip);
	if (y > y0 && y < y0 + rows - 1)
		y++;
	help_section(s, w, _("Columns"), column_help, &y, y0, rows - 1,
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
	    "filter, Esc q ? to close)"), h->filter.len > 0 ?
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
