/*
 * ui: the event loop, the screen stack and the registry of screens, the
 * frame around screens, the prompt line and the pick list.  The global
 * keys and the ':' commands are in ui-keys.c, the in-process sync in
 * ui-sync.c (ui-private.h has the calls between them).
 */
#include "config.h"

#include "ui/ui.h"

#include <sys/ioctl.h>
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ui/screens.h"
#include "ui/ui-private.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/history.h"
#include "util/i18n.h"
#include "util/spawn.h"
#include "util/textwidth.h"
#include "util/uiconf.h"
#include "util/xmalloc.h"

#define UI_MIN_COLS	40
#define UI_MIN_ROWS	10
#define UI_TICK_MS	200
/* The mouse wheel turned down (ncurses' mouse version 2 has button 5). */
#ifdef BUTTON5_PRESSED
#define UI_WHEEL_DOWN	BUTTON5_PRESSED
#else
#define UI_WHEEL_DOWN	0
#endif

static int			ui_pipe[2] = { -1, -1 };
static volatile sig_atomic_t	ui_resized;
static volatile sig_atomic_t	ui_stop;

static void
ui_signal(int sig)
{
	int	saved = errno;

	if (sig == SIGWINCH)
		ui_resized = 1;
	else
		ui_stop = 1;
	if (ui_pipe[1] != -1)
		(void)write(ui_pipe[1], "x", 1);
	errno = saved;
}

void
ui_message(struct ui *ui, int error, const char *fmt, ...)
{
	va_list	ap;

	free(ui->message);
	va_start(ap, fmt);
	ui->message = xvasprintf(fmt, ap);
	va_end(ap);
	ui->message_error = error;
}

static void
ui_push(struct ui *ui, const struct screen_ops *ops, void *data)
{
	struct screen	*s;

	s = xcalloc(1, sizeof *s);
	s->ops = ops;
	s->ui = ui;
	s->data = data;
	s->below = ui->top;
	ui->top = s;
	if (ops->enter != NULL)
		ops->enter(s);
}

void
ui_pop(struct ui *ui)
{
	struct screen	*s = ui->top;

	if (s == NULL)
		return;
	ui->top = s->below;
	if (s->ops->leave != NULL)
		s->ops->leave(s);
	free(s);
}

/* ------------------------------------------------------------- registry */

/*
 * The key-hint bar: each screen's main keys, most used first, in short
 * words (the '?' help has the long ones).  The bar ends with the keys
 * every screen shares (ui_hints_global).
 */
static const struct ui_keyhelp hints_endpoints[] = {
	{ "/", N_("filter") }, { "s", N_("sort") }, { "Space", N_("mark") },
	{ "c", N_("compare") }, { "*", N_("star") }, { "H", N_("history") },
	{ "C", N_("changes") }, { "W", N_("watched") }, { "v", N_("columns") },
	{ "Enter", N_("model") }, { "i", N_("inspect") },
	{ "M", N_("metrics") }, { "y", N_("copy id") }, { "o", N_("web page") },
	{ "r", N_("sync") }, { "R", N_("runs") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_models[] = {
	{ "/", N_("filter") }, { "Enter", N_("providers") },
	{ "Space", N_("mark") }, { "c", N_("compare") }, { "*", N_("star") },
	{ "H", N_("history") }, { "C", N_("changes") },
	{ "y", N_("copy id") }, { "o", N_("web page") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_providers[] = {
	{ "Enter", N_("endpoints") }, { "C", N_("changes") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_author[] = {
	{ "Enter", N_("model") }, { "H", N_("history") }, { "*", N_("star") },
	{ NULL, NULL }
};
static const struct ui_keyhelp hints_model[] = {
	{ "Enter", N_("inspect") }, { "m", N_("mix") }, { "n", N_("size") },
	{ "H", N_("history") }, { "*", N_("star") }, { "M", N_("metrics") },
	{ "y", N_("copy id") }, { "o", N_("web page") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_inspect[] = {
	{ "Enter", N_("fold") }, { "/", N_("search") }, { "d", N_("diff") },
	{ "[ ]", N_("runs") }, { "y", N_("copy path") }, { "w", N_("save") },
	{ NULL, NULL }
};
static const struct ui_keyhelp hints_metrics[] = {
	{ "b", N_("buckets") }, { "[ ]", N_("endpoint") }, { "H", N_("history") },
	{ "y", N_("copy id") }, { "o", N_("web page") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_runs[] = {
	{ "Enter", N_("detail") }, { "w", N_("watch") }, { "r", N_("sync") },
	{ "Tab", N_("charts") }, { "C", N_("changes") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_run[] = {
	{ "Tab", N_("section") }, { "Enter", N_("inspect") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_sync[] = {
	{ "r", N_("start") }, { "x", N_("abort") }, { "R", N_("runs") },
	{ "A", N_("alerts") }, { "C", N_("changes") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_history[] = {
	{ "[ ]", N_("provider") }, { "p", N_("price") }, { "*", N_("star") },
	{ "y", N_("copy id") }, { "o", N_("web page") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_changes[] = {
	{ "Enter", N_("diff") }, { "/", N_("filter") }, { "H", N_("history") },
	{ "*", N_("star") }, { "y", N_("copy id") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_compare[] = {
	{ "h l", N_("select") }, { "H", N_("history") }, { "*", N_("star") },
	{ "y", N_("copy id") }, { "o", N_("web page") }, { NULL, NULL }
};
static const struct ui_keyhelp hints_help[] = {
	{ N_("type"), N_("filter") }, { NULL, NULL }
};

/* Every screen: its vtable, its constructor (NULL: its enter() makes its
 * data), whether it may be opened over itself and its hints. */
static const struct {
	const struct screen_ops	*ops;
	void			*(*make)(struct ui *,
				    const struct screen_arg *);
	int			 stacks;
	const struct ui_keyhelp	*hints;
} ui_screens[SCREEN__COUNT] = {
	[SCREEN_ENDPOINTS] = { &screen_endpoints_ops, screen_endpoints_new,
	    1, hints_endpoints },
	[SCREEN_MODEL] = { &screen_model_ops, screen_model_new, 1,
	    hints_model },
	[SCREEN_INSPECT] = { &screen_inspect_ops, screen_inspect_new, 1,
	    hints_inspect },
	[SCREEN_METRICS] = { &screen_metrics_ops, screen_metrics_new, 1,
	    hints_metrics },
	[SCREEN_RUNS] = { &screen_runs_ops, screen_runs_new, 0, hints_runs },
	[SCREEN_RUN] = { &screen_run_detail_ops, screen_run_detail_new, 1,
	    hints_run },
	[SCREEN_SYNC] = { &screen_sync_ops, screen_sync_new, 0, hints_sync },
	[SCREEN_HELP] = { &screen_help_ops, screen_help_new, 0, hints_help },
	[SCREEN_MODELS] = { &screen_models_ops, screen_models_new, 0,
	    hints_models },
	[SCREEN_PROVIDERS] = { &screen_providers_ops, screen_providers_new,
	    0, hints_providers },
	[SCREEN_AUTHOR] = { &screen_author_ops, screen_author_new, 1,
	    hints_author },
	[SCREEN_HISTORY] = { &screen_history_ops, screen_history_new, 1,
	    hints_history },
	[SCREEN_CHANGES] = { &screen_changes_ops, screen_changes_new, 0,
	    hints_changes },
	[SCREEN_COMPARE] = { &screen_compare_ops, screen_compare_new, 0,
	    hints_compare },
};

void
ui_open(struct ui *ui, enum screen_id id, const struct screen_arg *arg)
{
	static const struct screen_arg	 none;
	void				*data = NULL;

	if (!ui_screens[id].stacks && ui->top != NULL &&
	    ui->top->ops == ui_screens[id].ops)
		return;
	if (ui_screens[id].make != NULL &&
	    (data = ui_screens[id].make(ui, arg != NULL ? arg : &none)) == NULL)
		return;
	ui_push(ui, ui_screens[id].ops, data);
}

/* ----------------------------------------------------------------- wait */

/*
 * The one wait point: the network (through the sync engine when a sync
 * runs), stdin and the signal pipe, for at most timeout_ms.
 */
static void
ui_wait(struct ui *ui, int timeout_ms)
{
	struct http_waitfd	 wfd[2];
	struct pollfd		 pfd[2];
	char			 drain[64], *cause = NULL;
	int			 rc;

	if (ui->sync != NULL) {
		memset(wfd, 0, sizeof wfd);
		wfd[0].fd = STDIN_FILENO;
		wfd[0].events = HTTP_WAIT_IN;
		wfd[1].fd = ui_pipe[0];
		wfd[1].events = HTTP_WAIT_IN;
		rc = sync_step(ui->sync, timeout_ms, wfd, 2, &cause);
		if (rc < 0) {
			ui_message(ui, 1, "%s", cause);
			free(cause);
			sync_abort(ui->sync);
			rc = 0;
		}
		if (rc == 0)
			ui_sync_done(ui);
	} else {
		pfd[0].fd = STDIN_FILENO;
		pfd[0].events = POLLIN;
		pfd[1].fd = ui_pipe[0];
		pfd[1].events = POLLIN;
		(void)poll(pfd, 2, timeout_ms);
	}
	while (read(ui_pipe[0], drain, sizeof drain) > 0)
		;
}

static void
ui_check_size(struct ui *ui)
{
	struct winsize	 ws;
	struct screen	*s;
	int		 rows = ui->rows, cols = ui->cols;

	if (ui_resized) {
		ui_resized = 0;
		if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
		    ws.ws_row > 0 && ws.ws_col > 0)
			resizeterm(ws.ws_row, ws.ws_col);
	}
	getmaxyx(stdscr, ui->rows, ui->cols);
	if (ui->rows == rows && ui->cols == cols)
		return;
	for (s = ui->top; s != NULL; s = s->below) {
		if (s->ops->resize != NULL)
			s->ops->resize(s);
	}
}

/* ------------------------------------------------------------ benchmark */

/*
 * ORBROWSE_BENCH_UI=FILE: the program times itself for the benchmark
 * (bench/run drives it in tmux): from the start of main() to the first
 * frame on the terminal, and from each key read to the frame that shows
 * its effect (doupdate() returned).  The figures are written to FILE as
 * JSON when the UI ends.
 */
#define UI_BENCH_KEYS	4096
static struct {
	int		 on;
	int64_t		 first_us;	/* -1 until the first frame */
	int64_t		 key_us;	/* a key waits for its frame, or 0 */
	int64_t		 keys[UI_BENCH_KEYS];
	size_t		 nkeys;
} ui_bench = { 0, -1, 0, { 0 }, 0 };

static void
ui_bench_key(void)
{
	if (ui_bench.on && ui_bench.key_us == 0)
		ui_bench.key_us = clock_mono_us();
}

static void
ui_bench_frame(void)
{
	if (!ui_bench.on)
		return;
	if (ui_bench.first_us < 0)
		ui_bench.first_us = clock_since_start_us();
	if (ui_bench.key_us != 0 && ui_bench.nkeys < UI_BENCH_KEYS)
		ui_bench.keys[ui_bench.nkeys++] = clock_mono_us() -
		    ui_bench.key_us;
	ui_bench.key_us = 0;
}

static void
ui_bench_write(void)
{
	const char	*path = getenv("ORBROWSE_BENCH_UI");
	FILE		*f;
	size_t		 i;

	if (!ui_bench.on || path == NULL || (f = fopen(path, "w")) == NULL)
		return;
	fprintf(f, "{\"first_frame_us\": %lld, \"key_to_frame_us\": [",
	    (long long)ui_bench.first_us);
	for (i = 0; i < ui_bench.nkeys; i++)
		fprintf(f, "%s%lld", i > 0 ? ", " : "",
		    (long long)ui_bench.keys[i]);
	fprintf(f, "]}\n");
	fclose(f);
}

/* ---------------------------------------------------------------- frame */

/* The hints of the screen on top, from the registry. */
static const struct ui_keyhelp *
ui_hints_of(const struct ui *ui)
{
	int	i;

	for (i = 0; ui->top != NULL && i < SCREEN__COUNT; i++) {
		if (ui_screens[i].ops == ui->top->ops)
			return (ui_screens[i].hints);
	}
	return (NULL);
}

/* One hint at x, the key coloured; returns its width with the gap after
 * it, or 0 when it does not fit before limit. */
static int
ui_hint(struct ui *ui, int y, int x, int limit, const char *key,
    const char *what)
{
	int	kw = textwidth_measure(key), ww = textwidth_measure(what);

	if (x + kw + 1 + ww > limit)
		return (0);
	ui_color_on(ui, stdscr, UI_C_KEY);
	wattron(stdscr, A_BOLD);
	ui_text(stdscr, y, x, kw, key, 'l');
	wattroff(stdscr, A_BOLD);
	ui_color_off(ui, stdscr, UI_C_KEY);
	ui_text(stdscr, y, x + kw + 1, ww, what, 'l');
	return (kw + 1 + ww + 2);
}

/*
 * The key-hint bar on line y: the screen's hints, as many whole ones as
 * fit, then the shared "? help" and "q back" (or "q quit"), which always
 * keep their room.  Nothing is cut in the middle of a hint.
 */
static void
ui_draw_hints(struct ui *ui, int y)
{
	const struct ui_keyhelp	*k = ui_hints_of(ui);
	const char		*help = _("help"), *back;
	int			 x = 1, w, tail;

	back = ui->top != NULL && ui->top->below != NULL ? _("back") :
	    _("quit");
	/* "KEY what  " for both, and the gap after the screen's last. */
	tail = textwidth_measure(help) + textwidth_measure(back) + 9;
	mvwhline(stdscr, y, 0, ' ', ui->cols);
	for (; k != NULL && k->key != NULL; k++) {
		if ((w = ui_hint(ui, y, x, ui->cols - tail, _(k->key),
		    _(k->what))) == 0)
			break;
		x += w;
	}
	x += ui_hint(ui, y, x, ui->cols - 1, "?", help);
	ui_hint(ui, y, x, ui->cols - 1, "q", back);
}

static void
ui_draw(struct ui *ui)
{
	struct screen	*s = ui->top;
	const char	*status;
	char		 title[256], alerts[512];
	int		 y, error;

	ui_check_size(ui);
	werase(stdscr);
	if (ui->rows < UI_MIN_ROWS || ui->cols < UI_MIN_COLS) {
		const char *m1 = _("terminal too small");
		char m2[64];

		snprintf(m2, sizeof m2, _("need %dx%d, have %dx%d"),
		    UI_MIN_COLS, UI_MIN_ROWS, ui->cols, ui->rows);
		y = ui->rows / 2 - 1;
		if (y < 0)
			y = 0;
		ui_text(stdscr, y, 0, ui->cols, m1, 'l');
		if (y + 1 < ui->rows)
			ui_text(stdscr, y + 1, 0, ui->cols, m2, 'l');
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	/* Title line. */
	ui_color_on(ui, stdscr, UI_C_TITLE);
	mvwhline(stdscr, 0, 0, ' ', ui->cols);
	snprintf(title, sizeof title, "orbrowse  %s", s != NULL ?
	    _(s->ops->name) : "");
	ui_text(stdscr, 0, 1, ui->cols - 2, title, 'l');
	if (ui->sync != NULL) {
		struct sync_progress	p;
		char			prog[64];

		sync_progress(ui->sync, &p);
		snprintf(prog, sizeof prog, ui->sync_auto ?
		    _("auto-sync %u/%u") : _("sync %u/%u"),
		    p.models_done + p.models_failed, p.models_total);
		ui_text(stdscr, 0, ui->cols - 1 - textwidth_measure(prog), textwidth_measure(prog),
		    prog, 'l');
	} else if (ui->opt.readonly) {
		const char *ro = _("read-only");

		ui_text(stdscr, 0, ui->cols - 1 - textwidth_measure(ro), textwidth_measure(ro),
		    ro, 'l');
	}
	ui_color_off(ui, stdscr, UI_C_TITLE);

	if (s != NULL)
		s->ops->draw(s, stdscr, 1, ui->rows - (ui->hints ? 3 : 2),
		    ui->cols);
	if (ui->hints)
		ui_draw_hints(ui, ui->rows - 2);

	/* Status line: a message wins over the alerts not yet seen, which
	 * win over the screen's status. */
	error = ui->message != NULL ? ui->message_error :
	    ui->alerts_unseen > 0;
	ui_color_on(ui, stdscr, error ? UI_C_ERROR : UI_C_STATUS);
	mvwhline(stdscr, ui->rows - 1, 0, ' ', ui->cols);
	status = ui->message;
	if (status == NULL && ui->alerts_unseen > 0) {
		snprintf(alerts, sizeof alerts, P_("%zu new alert (A shows "
		    "it): %s", "%zu new alerts (A shows them): %s",
		    ui->alerts_unseen), ui->alerts_unseen, ui->alerts_text !=
		    NULL ? ui->alerts_text : "");
		status = alerts;
	}
	if (status == NULL && s != NULL && s->ops->status != NULL)
		status = s->ops->status(s);
	if (ui->hints)
		ui_text(stdscr, ui->rows - 1, 0, ui->cols, status != NULL ?
		    status : "", 'l');
	else {
		ui_text(stdscr, ui->rows - 1, 0, ui->cols - 10,
		    status != NULL ? status : "", 'l');
		ui_text(stdscr, ui->rows - 1, ui->cols - 9, 9, _("?:help"),
		    'r');
	}
	ui_color_off(ui, stdscr, error ? UI_C_ERROR : UI_C_STATUS);
	wnoutrefresh(stdscr);
	doupdate();
	if (!ui->prompting)
		ui_bench_frame();
}

/* --------------------------------------------------------------- prompt */

char *
ui_prompt(struct ui *ui, const char *prompt, const char *initial,
    const char *(*live)(void *, const char *), void *arg)
{
	struct buf	 b = BUF_INIT;
	const char	*error = NULL;
	char		*result = NULL;
	int		 ch, x, done = 0;

	buf_addstr(&b, initial != NULL ? initial : "");
	ui->prompting = 1;
	while (!done && !ui->quit) {
		ui_draw(ui);
		if (ui->rows >= UI_MIN_ROWS && ui->cols >= UI_MIN_COLS) {
			mvwhline(stdscr, ui->rows - 1, 0, ' ', ui->cols);
			x = ui_text(stdscr, ui->rows - 1, 0, ui->cols / 2, prompt,
			    'l');
			x += ui_text(stdscr, ui->rows - 1, x, ui->cols - x - 1,
			    buf_str(&b), 'l');
			if (error != NULL && x + 3 < ui->cols) {
				ui_color_on(ui, stdscr, UI_C_ERROR);
				ui_text(stdscr, ui->rows - 1, x + 2,
				    ui->cols - x - 3, error, 'l');
				ui_color_off(ui, stdscr, UI_C_ERROR);
			}
			wmove(stdscr, ui->rows - 1, x);
			curs_set(1);
			wnoutrefresh(stdscr);
			doupdate();
			ui_bench_frame();
		}
		ui_wait(ui, UI_TICK_MS);
		if (ui_stop)
			ui->quit = 1;
		while (!done && (ch = getch()) != ERR) {
			ui_bench_key();
			if (ch == 27) {
				done = 1;
			} else if (ch == '\n' || ch == '\r' || ch == KEY_ENTER) {
				result = xstrdup(buf_str(&b));
				done = 1;
			} else if (ch == KEY_BACKSPACE || ch == 127 || ch == 8) {
				/* Remove one UTF-8 character. */
				while (b.len > 0) {
					b.len--;
					if (((unsigned char)b.data[b.len] &
					    0xc0) != 0x80)
						break;
				}
				if (b.data != NULL)
					b.data[b.len] = '\0';
			} else if (ch == 21) {		/* ^U */
				buf_reset(&b);
			} else if (ch == 23) {		/* ^W */
				while (b.len > 0 && b.data[b.len - 1] == ' ')
					b.len--;
				while (b.len > 0 && b.data[b.len - 1] != ' ')
					b.len--;
				if (b.data != NULL)
					b.data[b.len] = '\0';
			} else if (ch == KEY_RESIZE) {
				continue;
			} else if ((ch == KEY_UP || ch == KEY_DOWN) &&
			    ui->recall != NULL) {
				const char *t = history_step(ui->recall,
				    ch == KEY_UP, buf_str(&b));

				if (t == NULL)
					continue;
				buf_reset(&b);
				buf_addstr(&b, t);
			} else if (ch >= 32 && ch < 256 && ch != 127 &&
			    b.len < 1024) {
				buf_addch(&b, (char)ch);
			} else
				continue;
			if (live != NULL && !done)
				error = live(arg, buf_str(&b));
		}
	}
	curs_set(0);
	ui->prompting = 0;
	buf_free(&b);
	return (result);
}

/* ------------------------------------------------------------ pick list */

/*
 * Pick one of n texts in a list over the body (:model with several
 * matches); returns its index, or -1 when the user pressed Esc or q.
 */
int
ui_pick(struct ui *ui, const char *title, char **items, size_t n)
{
	size_t	cur = 0, top = 0, i;
	int	ch, rows, done = 0, picked = -1, y;

	ui->prompting = 1;
	while (!done && !ui->quit) {
		ui_draw(ui);
		rows = ui->rows - (ui->hints ? 3 : 2) - 1;
		if (rows > 0 && ui->cols >= UI_MIN_COLS) {
			if (cur < top)
				top = cur;
			if (cur >= top + (size_t)rows)
				top = cur - (size_t)rows + 1;
			for (y = 1; y <= rows + 1; y++)
				mvwhline(stdscr, y, 0, ' ', ui->cols);
			ui_color_on(ui, stdscr, UI_C_HEADER);
			ui_text(stdscr, 1, 1, ui->cols - 2, title, 'l');
			ui_color_off(ui, stdscr, UI_C_HEADER);
			for (i = top; i < n && i < top + (size_t)rows; i++) {
				y = 2 + (int)(i - top);
				if (i == cur)
					ui_color_on(ui, stdscr, UI_C_SELECT);
				mvwhline(stdscr, y, 0, ' ', ui->cols);
				ui_text(stdscr, y, 2, ui->cols - 3, items[i],
				    'l');
				if (i == cur)
					ui_color_off(ui, stdscr, UI_C_SELECT);
			}
			mvwhline(stdscr, ui->rows - 1, 0, ' ', ui->cols);
			ui_text(stdscr, ui->rows - 1, 0, ui->cols, _("Enter: "
			    "open  j k arrows: move  Esc q: cancel"), 'l');
			wnoutrefresh(stdscr);
			doupdate();
		}
		ui_wait(ui, UI_TICK_MS);
		if (ui_stop)
			ui->quit = 1;
		while (!done && (ch = getch()) != ERR) {
			if (ch == 27 || ch == 'q')
				done = 1;
			else if (ch == '\r' || ch == '\n' || ch == KEY_ENTER) {
				picked = (int)cur;
				done = 1;
			} else if ((ch == 'j' || ch == KEY_DOWN) && cur + 1 < n)
				cur++;
			else if ((ch == 'k' || ch == KEY_UP) && cur > 0)
				cur--;
		}
	}
	ui->prompting = 0;
	return (picked);
}

static void
ui_colors(struct ui *ui)
{
	/* UI_C_TITLE .. UI_C_NUMBER are UICC_TITLE + 1 .. UICC_NUMBER + 1. */
	static const short pairs[UI_C__COUNT][2] = {
		[UI_C_TITLE] = { COLOR_BLACK, COLOR_CYAN },
		[UI_C_HEADER] = { COLOR_CYAN, -1 },
		[UI_C_SELECT] = { COLOR_BLACK, COLOR_YELLOW },
		[UI_C_STATUS] = { COLOR_BLACK, COLOR_WHITE },
		[UI_C_ERROR] = { COLOR_WHITE, COLOR_RED },
		[UI_C_DIM] = { COLOR_BLUE, -1 },
		[UI_C_GOOD] = { COLOR_GREEN, -1 },
		[UI_C_WARN] = { COLOR_YELLOW, -1 },
		[UI_C_KEY] = { COLOR_CYAN, -1 },
		[UI_C_STRING] = { COLOR_GREEN, -1 },
		[UI_C_NUMBER] = { COLOR_MAGENTA, -1 },
	};
	const struct uiconf	*c = ui->opt.conf;
	short			 i;

	ui->colors = 0;
	if (ui->opt.no_color || getenv("NO_COLOR") != NULL || !has_colors())
		return;
	if (start_color() != OK)
		return;
	use_default_colors();
	for (i = 1; i < UI_C__COUNT; i++) {
		short	fg = pairs[i][0], bg = pairs[i][1];

		/* The config file's colour.ELEMENT, in the same order. */
		if (c != NULL && c->fg[i - 1] != UICONF_COLOR_UNSET)
			fg = c->fg[i - 1] < COLORS ? c->fg[i - 1] : fg;
		if (c != NULL && c->bg[i - 1] != UICONF_COLOR_UNSET)
			bg = c->bg[i - 1] < COLORS ? c->bg[i - 1] : bg;
		init_pair(i, fg, bg);
	}
	ui->colors = 1;
}

/* Curses on the terminal; 0, or -1 with a message on stderr. */
static int
ui_term_start(struct ui *ui)
{
	if (initscr() == NULL) {
		fprintf(stderr, "%s\n", _("orbrowse: cannot start the "
		    "terminal UI (is TERM set?)"));
		return (-1);
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	ui_colors(ui);
	if (ui->opt.mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON4_PRESSED |
		    UI_WHEEL_DOWN, NULL);
	return (0);
}

/* What the UI's state holds, when it ends. */
static void
ui_free(struct ui *ui)
{
	size_t	i;

	free(ui->message);
	free(ui->alerts_text);
	free(ui->sync_alerts);
	for (i = 0; i < ui->nmarks; i++)
		free(ui->marks[i]);
	free(ui->marks);
}

int
ui_main(struct store *store, const struct ui_options *opt)
{
	struct sigaction	 sa, old_winch, old_int, old_term;
	struct ui		 ui;
	int64_t			 last_tick = 0, now;
	int			 ch, rc, dirty = 1;
	const char		*codeset;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "%s\n", _("orbrowse: the UI needs a terminal "
		    "(use ls, cheapest, show or runs in scripts)"));
		return (1);
	}
	memset(&ui, 0, sizeof ui);
	ui.store = store;
	ui.opt = *opt;
	codeset = nl_langinfo(CODESET);
	ui.utf8 = codeset != NULL && (strcmp(codeset, "UTF-8") == 0 ||
	    strcmp(codeset, "utf8") == 0);

	if (pipe(ui_pipe) != 0) {
		perror("orbrowse: pipe");
		return (1);
	}
	fcntl(ui_pipe[0], F_SETFL, O_NONBLOCK);
	fcntl(ui_pipe[1], F_SETFL, O_NONBLOCK);
	fcntl(ui_pipe[0], F_SETFD, FD_CLOEXEC);
	fcntl(ui_pipe[1], F_SETFD, FD_CLOEXEC);

	if (ui_term_start(&ui) != 0)
		return (1);

	/* After initscr, so ours are the handlers that run. */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ui_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGWINCH, &sa, &old_winch);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	signal(SIGPIPE, SIG_IGN);

	ui_bench.on = getenv("ORBROWSE_BENCH_UI") != NULL;
	ui.hints = opt->conf == NULL || opt->conf->hints;
	ui_open(&ui, SCREEN_ENDPOINTS, NULL);
	if (opt->conf != NULL && opt->conf->screen == UICONF_SCREEN_RUNS)
		ui_open(&ui, SCREEN_RUNS, NULL);
	if (store_endpoint_count(store, 0) == 0)
		ui_message(&ui, 0, "%s", _("the database is empty: press r to "
		    "sync from OpenRouter"));
	ui_alerts_load(&ui);

	while (!ui.quit && ui.top != NULL) {
		if (dirty)
			ui_draw(&ui);
		dirty = 0;
		ui_wait(&ui, UI_TICK_MS);
		if (ui_stop) {
			ui_stop = 0;
			if (ui.sync != NULL)
				sync_abort(ui.sync);
			ui.quit = 1;
		}
		if (ui_resized)
			dirty = 1;
		while (!ui.quit && ui.top != NULL && (ch = getch()) != ERR) {
			ui_bench_key();
			/* A key read clears a one-shot message. */
			if (ui.message != NULL && ch != KEY_RESIZE) {
				free(ui.message);
				ui.message = NULL;
			}
			dirty = 1;
			if (ch == KEY_RESIZE)
				continue;
			if (ui.confirm_quit) {
				ui_quit_answer(&ui, ch);
				continue;
			}
			ch = ui_bound_key(&ui, ch);
			rc = ui.top->ops->key(ui.top, ch);
			if (rc & UI_QUIT)
				ui.quit = 1;
			else if (rc & UI_BACK)
				ui_pop(&ui);
			else if (rc & UI_UNHANDLED)
				ui_global_key(&ui, ch);
		}
		now = clock_mono_ms();
		if (now - last_tick >= UI_TICK_MS) {
			last_tick = now;
			if (ui.top != NULL && ui.top->ops->tick != NULL &&
			    (ui.top->ops->tick(ui.top) & UI_REDRAW))
				dirty = 1;
			if (ui.sync != NULL || ui_autosync_tick(&ui))
				dirty = 1;
			/* Children (xdg-open) that have finished. */
			spawn_reap();
		}
	}
	/* Quitting during a sync stops it cleanly. */
	if (ui.sync != NULL) {
		sync_abort(ui.sync);
		ui_wait(&ui, 0);
		if (ui.sync != NULL)
			ui_sync_done(&ui);
	}
	while (ui.top != NULL)
		ui_pop(&ui);
	endwin();
	ui_bench_write();
	sigaction(SIGWINCH, &old_winch, NULL);
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	close(ui_pipe[0]);
	close(ui_pipe[1]);
	ui_pipe[0] = ui_pipe[1] = -1;
	ui_free(&ui);
	return (0);
}
