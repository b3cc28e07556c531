/*
 * ui: the ncurses terminal UI.
 *
 * One process, one wait point: ui_main() waits on stdin and a self-pipe for
 * signals (SIGWINCH, SIGINT, SIGTERM) -- through the sync engine's step when
 * a sync runs in this process, else with poll(2) -- so the UI never freezes
 * while a sync runs.
 *
 * Screens are a stack of struct screen, each with a vtable (struct
 * screen_ops, like tmux's window modes), opened by id through ui_open()
 * (the registry in ui.c; screens.h has their constructors).  The top screen
 * gets the keys and draws the body; ui.c draws the title line, the status
 * line, the key-hint bar above it (each screen's hints are in the
 * registry; 'B' or "hints = no" hides it), the ':' command line and the
 * "terminal too small" notice, and tells
 * every screen of a new terminal size (resize) before it draws.  Key
 * handlers return UI_* bits.  Screens own their data (screen->data) and
 * free it in leave().
 *
 * Every string from the network is drawn through ui_text(), which
 * sanitises it (no control or escape sequence reaches the terminal) and
 * measures it in display columns (util/textwidth.h: wide characters take
 * their real width).
 */
#ifndef ORBROWSE_UI_H
#define ORBROWSE_UI_H

#include <stdint.h>

#include <curses.h>

#include "project/endpoint.h"
#include "store/store.h"
#include "sync/sync.h"

/* Key handler results. */
#define UI_NONE		0x0
#define UI_REDRAW	0x1	/* draw again */
#define UI_BACK		0x2	/* pop this screen */
#define UI_QUIT		0x4	/* leave the program */
#define UI_UNHANDLED	0x8	/* let the global keys have it */

/* Colour pairs (all fall back to attributes when colours are off). */
enum ui_color {
	UI_C_NORMAL = 0,
	UI_C_TITLE,
	UI_C_HEADER,
	UI_C_SELECT,
	UI_C_STATUS,
	UI_C_ERROR,
	UI_C_DIM,
	UI_C_GOOD,
	UI_C_WARN,
	UI_C_KEY,	/* JSON keys */
	UI_C_STRING,	/* JSON strings */
	UI_C_NUMBER,	/* JSON numbers, booleans, null */
	UI_C__COUNT
};

struct buf;
struct uiconf;
struct history;
struct ui;
struct screen;

/* One line of help: the key as shown, and what it does (N_() text). */
struct ui_keyhelp {
	const char	*key;
	const char	*what;
};

/* The screens ui_open() knows (the registry in ui.c). */
enum screen_id {
	SCREEN_ENDPOINTS,
	SCREEN_MODEL,
	SCREEN_INSPECT,
	SCREEN_METRICS,
	SCREEN_RUNS,
	SCREEN_RUN,		/* one run of the log */
	SCREEN_SYNC,
	SCREEN_HELP,
	SCREEN_MODELS,		/* one row per model */
	SCREEN_PROVIDERS,	/* one row per provider */
	SCREEN_AUTHOR,		/* an author and their models */
	SCREEN_HISTORY,		/* a model's history */
	SCREEN_CHANGES,		/* the change feed */
	SCREEN_COMPARE,		/* the marked models side by side */
	SCREEN__COUNT
};

/* What a screen opens on; each screen reads its own members. */
struct screen_arg {
	const char		*endpoint_id;	/* inspect, metrics; model,
						   history: the row or
						   listing shown first */
	const char		*model_key;	/* model, inspect, metrics,
						   history */
	int64_t			 run_id;	/* run; inspect: the
						   run whose diff */
	const struct screen_ops	*of;		/* help: whose keys */
	const char		*filter;	/* endpoints: a filter */
	const char		*author;	/* author: slug or name (else
						   model_key's author) */
};

struct screen_ops {
	const char		*name;		/* "endpoints", "model", ... */
	void			(*enter)(struct screen *);
	void			(*leave)(struct screen *);	/* frees data */
	int			(*key)(struct screen *, int key);
	/* Draw the body: lines y0 .. y0 + rows - 1, all cols. */
	void			(*draw)(struct screen *, WINDOW *, int y0,
				    int rows, int cols);
	/* The terminal changed size (SIGWINCH): called for every screen of
	 * the stack before the next draw, so that a screen that keeps a
	 * layout for a width lays out again; may be NULL. */
	void			(*resize)(struct screen *);
	/* Called about every 200 ms (progress, external syncs); may be
	 * NULL.  Returns UI_REDRAW when something changed. */
	int			(*tick)(struct screen *);
	/* The status line text (borrowed until the next call); may be NULL. */
	const char		*(*status)(struct screen *);
	/* What 'y' copies: the selection's id or path (borrowed until the
	 * next call), *what saying what it is (N_() text); NULL when there
	 * is nothing.  May be NULL. */
	const char		*(*copy)(struct screen *, const char **what);
	/* The model key whose page 'o' opens (borrowed), or NULL.  May be
	 * NULL. */
	const char		*(*model)(struct screen *);
	const struct ui_keyhelp	*help;		/* ends with { NULL, NULL } */
};

struct screen {
	const struct screen_ops	*ops;
	struct ui		*ui;
	void			*data;
	struct screen		*below;		/* the stack */
};

/*
 * After a run this process ended (an in-process sync): raise its alerts
 * as `orbrowse sync` does (cli_alerts_after_run()), with nothing written
 * to the terminal; *warnings (caller frees, NULL when none) gets what
 * went wrong, one line each.  Returns how many alerts fired.
 */
typedef size_t	(*ui_after_run_fn)(void *arg, struct store *, int64_t run_id,
		    char **warnings);

struct ui_options {
	const char	*db_path;	/* borrowed */
	int		 mouse;
	int		 no_color;
	int		 readonly;	/* the database cannot be written */
	/* For 'r': how to sync (borrowed); NULL disables in-process syncs. */
	const struct sync_options *sync;
	/* The config file's UI settings (borrowed); NULL: the defaults. */
	const struct uiconf	*conf;
	/* Called when an in-process sync ends; may be NULL. */
	ui_after_run_fn		 after_run;
	void			*after_run_arg;
};

/* The UI's shared state, borrowed by screens. */
struct ui {
	struct store		*store;
	struct ui_options	 opt;
	int			 utf8;		/* the locale is UTF-8 */
	int			 colors;	/* colours in use */
	int			 quit;
	int			 prompting;	/* in ui_prompt() */
	int			 hints;		/* the key-hint bar is shown */
	int			 confirm_quit;	/* quitting asked: y quits */
	int			 rows, cols;
	struct screen		*top;
	char			*message;	/* one-shot status message */
	int			 message_error;
	/* An in-process sync (at most one). */
	struct sync		*sync;
	int64_t			 sync_run;	/* its run id, or 0 */
	int			 sync_auto;	/* it was started by sync.auto */
	int64_t			 sync_end_ms;	/* clock_mono_ms() when the
						   last one ended, 0 none */
	int64_t			 auto_check_ms;	/* next sync.auto check */
	/* Bumped whenever the database may have changed (a sync committed,
	 * a run finished): screens reload what they cache when it moves. */
	uint64_t		 generation;
	/* The models marked for the comparison (space; 'c' compares
	 * them): model keys in the order marked. */
	char			**marks;
	size_t			  nmarks;
	/* Alerts (store table alert) not yet seen: how many, and the
	 * newest's text for the status line; 'A' lists and marks them
	 * seen. */
	size_t			 alerts_unseen;
	char			*alerts_text;
	/* What the last in-process sync's alerts gave: how many fired and
	 * the warnings (the sync screen shows it), and its run. */
	char			*sync_alerts;
	int64_t			 sync_alerts_run;
	/* Up and Down in the next ui_prompt() recall these lines
	 * (util/history.h); set by the caller around the call, or NULL. */
	struct history		*recall;
};

/* Run the UI until the user quits; returns a process exit status. */
int	ui_main(struct store *, const struct ui_options *);

/*
 * Open screen id on top of the stack, on arg (borrowed for the call; NULL
 * for a screen that needs none).  The runs, sync and help screens are not
 * opened over themselves; a screen with nothing to show says so in the
 * status line instead.
 */
void	ui_open(struct ui *, enum screen_id, const struct screen_arg *);
/* A one-shot message in the status line (printf-style). */
void	ui_message(struct ui *, int error, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
/* Put text on the terminal's clipboard with OSC 52 ('y'); what says what
 * it is (N_() text).  The status line says what happened. */
void	ui_copy(struct ui *, const char *text, const char *what);
/* Open the model's page on openrouter.ai with xdg-open ('o'); the status
 * line says what happened. */
void	ui_open_model_page(struct ui *, const char *model_key);
/* '*': put the model on the watchlist, or take it off (the status line
 * says which); the screens reload (ui->generation moves). */
void	ui_watch_toggle(struct ui *, const char *model_key);
/* The mark of a watched model in the lists: a star, '+' outside UTF-8. */
const char	*ui_watch_mark(const struct ui *);
/* Space: mark the model for the comparison, or unmark it (the status
 * line says which and how many are marked); 'c' compares the marked. */
void	ui_mark_toggle(struct ui *, const char *model_key);
int	ui_marked(const struct ui *, const char *model_key);
/* The mark of a marked model in the lists: a check, '#' outside UTF-8. */
const char	*ui_mark_glyph(const struct ui *);
/* 'c': the comparison of the marked models, or why not. */
void	ui_compare(struct ui *);
/* The alerts not yet seen, loaded again (at start and after a sync). */
void	ui_alerts_load(struct ui *);
/* 'A': list the unseen alerts and mark them seen. */
void	ui_alerts_show(struct ui *);
/* Start an in-process sync ('r'); 0, or -1 with a message shown. */
int	ui_sync_start(struct ui *);
/* The same for sync.auto: no message, none either when another process
 * holds the database; 0 or -1. */
int	ui_sync_start_auto(struct ui *);
/*
 * sync.auto (ui-autosync.c), about every tick: start a sync in the
 * background when the newest ok run ended longer ago than the setting
 * (or there is none) and no process syncs; 1 when it started one.
 */
int	ui_autosync_tick(struct ui *);
void	ui_sync_abort(struct ui *);

/*
 * Prompt on the last line for a line of text (filters, ':', file names).
 * Returns a string the caller frees, or NULL when the user pressed Esc.
 * When live is not NULL it is called after every edit with the text so
 * far (filter-as-you-type) and may return an error message (borrowed) to
 * show beside the prompt.
 */
char	*ui_prompt(struct ui *, const char *prompt, const char *initial,
	    const char *(*live)(void *, const char *), void *arg);

/*
 * Ask for a file name on the prompt line (name is the initial text, "~/"
 * the home directory) and write to it what fill() puts in its buffer,
 * asking before a file is replaced; fill is called only then and returns
 * 0, or -1 having shown why.  What happened is shown in the status line.
 */
void	ui_save(struct ui *, const char *prompt, const char *name,
	    int (*fill)(void *arg, struct buf *), void *arg);
/* id with suffix as a file name safe in the current directory; the caller
 * frees it. */
char	*ui_save_name(const char *id, const char *suffix);

/* Drawing helpers (ui-draw.c). */
void	ui_color_on(struct ui *, WINDOW *, enum ui_color);
void	ui_color_off(struct ui *, WINDOW *, enum ui_color);
/*
 * Draw untrusted text at (y, x) in at most width columns, sanitised;
 * returns the columns used.  align 'l' or 'r'; a cut text ends with '~'.
 */
int	ui_text(WINDOW *, int y, int x, int width, const char *text,
	    char align);
/*
 * Draw untrusted text word-wrapped in width columns on at most rows lines
 * from (y, x), sanitised (a word wider than the width is cut); returns the
 * lines used.
 */
int	ui_wrap(WINDOW *, int y, int x, int width, int rows,
	    const char *text);
/* ui_text(), left-aligned, in the colour c. */
int	ui_text_color(struct ui *, WINDOW *, int y, int x, int width,
	    const char *text, enum ui_color c);
/* Sparkline of n values (NAN = gap) in width columns: block glyphs in a
 * UTF-8 locale, ASCII otherwise.  Returns a string the caller frees. */
char	*ui_sparkline(const struct ui *, const double *v, int n, int width);

/* filter_parse() of what the user typed, a ~ alias word standing for
 * its target model (project/filter.h). */
struct filter;
struct filter_error;
struct filter	*ui_filter_parse(struct store *, const char *text,
		     struct filter_error *);

/* A run status ("ok", "partial", ...) as shown, translated, and its
 * colour. */
const char	*ui_status_text(const char *status);
enum ui_color	 ui_status_color(const char *status);

#endif
