/*
 * uiconf: the terminal UI's settings in the config file (util/conffile.h),
 * parsed without curses so that they can be checked on their own:
 *
 *   hints = yes|no              the key-hint bar at the bottom
 *   screen = endpoints|runs     the screen the UI opens on
 *   bind KEY ACTION             KEY does what ACTION's key does
 *   color.ELEMENT = FG[,BG]     a colour: a name or 0..255, "default"
 *   sync.auto = DURATION|off    sync in the background when the newest ok
 *                               run ended longer ago (at least 1m; off)
 *
 * KEY is one printable ASCII character, or Space, Tab, Enter, F1..F12.
 * ACTION is a name of enum uiconf_action (uiconf_action_names); the UI
 * (ui.c) holds the key each action stands for.  ELEMENT is one of
 * uiconf_color_names, in the order of the UI's colour pairs.
 *
 * uiconf_init() sets the defaults.  uiconf_set() applies one setting and
 * returns 1 when it took it, 0 when the key is not one of its own (the
 * caller tries others), -1 with *cause (caller frees) when the value is
 * wrong.  The struct holds no pointers.
 */
#ifndef ORBROWSE_UICONF_H
#define ORBROWSE_UICONF_H

#include <stdint.h>

#define UICONF_MAX_BINDS	64
#define UICONF_KEY_F(n)		(0x10000 + (n))	/* F1 .. F12 */
#define UICONF_COLOR_UNSET	(-2)
#define UICONF_COLOR_DEFAULT	(-1)
#define UICONF_SYNC_AUTO_MIN_MS	60000	/* sync.auto: at least a minute */

enum uiconf_action {
	UIA_HELP,
	UIA_COMMAND,
	UIA_BACK,
	UIA_QUIT,
	UIA_SYNC,
	UIA_RUNS,
	UIA_HINTS,
	UIA_COPY,
	UIA_OPEN,
	UIA_FILTER,
	UIA_SORT,
	UIA_REVERSE,
	UIA_INSPECT,
	UIA_METRICS,
	UIA_SELECT,
	UIA_UP,
	UIA_DOWN,
	UIA_LEFT,
	UIA_RIGHT,
	UIA_PAGE_UP,
	UIA_PAGE_DOWN,
	UIA_FIRST,
	UIA_LAST,
	UIA__COUNT
};

enum uiconf_color {
	UICC_TITLE,
	UICC_HEADER,
	UICC_SELECT,
	UICC_STATUS,
	UICC_ERROR,
	UICC_DIM,
	UICC_GOOD,
	UICC_WARN,
	UICC_KEY,
	UICC_STRING,
	UICC_NUMBER,
	UICC__COUNT
};

enum uiconf_screen {
	UICONF_SCREEN_ENDPOINTS,
	UICONF_SCREEN_RUNS
};

struct uiconf_bind {
	int			 key;
	enum uiconf_action	 action;
};

struct uiconf {
	int			 hints;
	enum uiconf_screen	 screen;
	struct uiconf_bind	 bind[UICONF_MAX_BINDS];
	int			 nbind;
	/* UICONF_COLOR_UNSET: the built-in colour. */
	short			 fg[UICC__COUNT], bg[UICC__COUNT];
	int64_t			 sync_auto_ms;	/* sync.auto, 0: off */
};

extern const char *const uiconf_action_names[UIA__COUNT];
extern const char *const uiconf_color_names[UICC__COUNT];

void	uiconf_init(struct uiconf *);
int	uiconf_set(struct uiconf *, const char *key, const char *value,
	    char **cause);
/* The key of a name ("q", "Space", "F2"), or -1. */
int	uiconf_key(const char *name);

#endif
