#include "config.h"

#include "util/uiconf.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

const char *const uiconf_action_names[UIA__COUNT] = {
	[UIA_HELP] = "help",
	[UIA_COMMAND] = "command",
	[UIA_BACK] = "back",
	[UIA_QUIT] = "quit",
	[UIA_SYNC] = "sync",
	[UIA_RUNS] = "runs",
	[UIA_HINTS] = "hints",
	[UIA_COPY] = "copy",
	[UIA_OPEN] = "open",
	[UIA_FILTER] = "filter",
	[UIA_SORT] = "sort",
	[UIA_REVERSE] = "reverse",
	[UIA_INSPECT] = "inspect",
	[UIA_METRICS] = "metrics",
	[UIA_SELECT] = "select",
	[UIA_UP] = "up",
	[UIA_DOWN] = "down",
	[UIA_LEFT] = "left",
	[UIA_RIGHT] = "right",
	[UIA_PAGE_UP] = "page-up",
	[UIA_PAGE_DOWN] = "page-down",
	[UIA_FIRST] = "first",
	[UIA_LAST] = "last",
};

const char *const uiconf_color_names[UICC__COUNT] = {
	[UICC_TITLE] = "title",
	[UICC_HEADER] = "header",
	[UICC_SELECT] = "select",
	[UICC_STATUS] = "status",
	[UICC_ERROR] = "error",
	[UICC_DIM] = "dim",
	[UICC_GOOD] = "good",
	[UICC_WARN] = "warn",
	[UICC_KEY] = "key",
	[UICC_STRING] = "string",
	[UICC_NUMBER] = "number",
};

/* The curses colour numbers of the eight standard colours. */
static const char *const uiconf_colors[] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"
};

void
uiconf_init(struct uiconf *c)
{
	int	i;

	memset(c, 0, sizeof *c);
	c->hints = 1;
	c->screen = UICONF_SCREEN_ENDPOINTS;
	for (i = 0; i < UICC__COUNT; i++)
		c->fg[i] = c->bg[i] = UICONF_COLOR_UNSET;
}

int
uiconf_key(const char *name)
{
	char	*end;
	long	 n;

	if (name[0] != '\0' && name[1] == '\0')
		return (name[0] > ' ' && name[0] < 127 ? name[0] : -1);
	if (strcmp(name, "Space") == 0)
		return (' ');
	if (strcmp(name, "Tab") == 0)
		return ('\t');
	if (strcmp(name, "Enter") == 0)
		return ('\r');
	if (name[0] == 'F' && name[1] >= '1' && name[1] <= '9') {
		n = strtol(name + 1, &end, 10);
		if (*end == '\0' && n >= 1 && n <= 12)
			return (UICONF_KEY_F(n));
	}
	return (-1);
}

static int
uiconf_bind(struct uiconf *c, const char *value, char **cause)
{
	char	 key[16];
	size_t	 n;
	int	 i, k;

	n = strcspn(value, " \t");
	if (n == 0 || n >= sizeof key || value[n] == '\0') {
		*cause = xasprintf(_("bind: want \"bind KEY ACTION\", not "
		    "\"bind %s\""), value);
		return (-1);
	}
	memcpy(key, value, n);
	key[n] = '\0';
	value += n + strspn(value + n, " \t");
	if ((k = uiconf_key(key)) < 0) {
		*cause = xasprintf(_("bind: unknown key \"%s\" (a character, "
		    "Space, Tab, Enter or F1..F12)"), key);
		return (-1);
	}
	for (i = 0; i < UIA__COUNT; i++) {
		if (strcmp(value, uiconf_action_names[i]) == 0)
			break;
	}
	if (i == UIA__COUNT) {
		*cause = xasprintf(_("bind: unknown action \"%s\""), value);
		return (-1);
	}
	/* A key bound again takes its last action. */
	for (n = 0; n < (size_t)c->nbind; n++) {
		if (c->bind[n].key == k)
			break;
	}
	if (n == (size_t)c->nbind) {
		if (c->nbind == UICONF_MAX_BINDS) {
			*cause = xasprintf(_("bind: more than %d keys bound"),
			    UICONF_MAX_BINDS);
			return (-1);
		}
		c->nbind++;
	}
	c->bind[n].key = k;
	c->bind[n].action = (enum uiconf_action)i;
	return (1);
}

/* One colour: a name, "default" or 0..255. */
static int
uiconf_color_value(const char *s, size_t len, short *out)
{
	char	 word[16], *end;
	size_t	 i;
	long	 n;

	if (len == 0 || len >= sizeof word)
		return (-1);
	memcpy(word, s, len);
	word[len] = '\0';
	if (strcmp(word, "default") == 0) {
		*out = UICONF_COLOR_DEFAULT;
		return (0);
	}
	for (i = 0; i < sizeof uiconf_colors / sizeof uiconf_colors[0]; i++) {
		if (strcmp(word, uiconf_colors[i]) == 0) {
			*out = (short)i;
			return (0);
		}
	}
	errno = 0;
	n = strtol(word, &end, 10);
	if (errno != 0 || end == word || *end != '\0' || n < 0 || n > 255)
		return (-1);
	*out = (short)n;
	return (0);
}

static int
uiconf_color(struct uiconf *c, const char *element, const char *value,
    char **cause)
{
	const char	*comma;
	short		 fg, bg = UICONF_COLOR_UNSET;
	int		 i;

	for (i = 0; i < UICC__COUNT; i++) {
		if (strcmp(element, uiconf_color_names[i]) == 0)
			break;
	}
	if (i == UICC__COUNT) {
		*cause = xasprintf(_("unknown colour element \"%s\""),
		    element);
		return (-1);
	}
	comma = strchr(value, ',');
	if (uiconf_color_value(value, comma != NULL ? (size_t)(comma -
	    value) : strlen(value), &fg) != 0 || (comma != NULL &&
	    uiconf_color_value(comma + 1, strlen(comma + 1), &bg) != 0)) {
		*cause = xasprintf(_("color.%s: want FG or FG,BG (a colour "
		    "name, default or 0 to 255), not \"%s\""), element, value);
		return (-1);
	}
	c->fg[i] = fg;
	c->bg[i] = bg;
	return (1);
}

/* sync.auto = DURATION|off. */
static int
uiconf_sync_auto(struct uiconf *c, const char *value, char **cause)
{
	char	*why = NULL;
	int64_t	 ms;

	if (strcmp(value, "off") == 0) {
		c->sync_auto_ms = 0;
		return (1);
	}
	if (clock_parse_duration(value, &ms, &why) != 0) {
		*cause = xasprintf(_("sync.auto: %s (or off)"), why);
		free(why);
		return (-1);
	}
	if (ms < UICONF_SYNC_AUTO_MIN_MS) {
		*cause = xasprintf(_("sync.auto: %s is shorter than 1m"),
		    value);
		return (-1);
	}
	c->sync_auto_ms = ms;
	return (1);
}

int
uiconf_set(struct uiconf *c, const char *key, const char *value,
    char **cause)
{
	if (strcmp(key, "sync.auto") == 0)
		return (uiconf_sync_auto(c, value, cause));
	if (strcmp(key, "bind") == 0)
		return (uiconf_bind(c, value, cause));
	if (strncmp(key, "color.", 6) == 0)
		return (uiconf_color(c, key + 6, value, cause));
	if (strcmp(key, "hints") == 0) {
		if (strcmp(value, "yes") == 0)
			c->hints = 1;
		else if (strcmp(value, "no") == 0)
			c->hints = 0;
		else {
			*cause = xasprintf(_("%s: want yes or no, not \"%s\""),
			    key, value);
			return (-1);
		}
		return (1);
	}
	if (strcmp(key, "screen") == 0) {
		if (strcmp(value, "endpoints") == 0)
			c->screen = UICONF_SCREEN_ENDPOINTS;
		else if (strcmp(value, "runs") == 0)
			c->screen = UICONF_SCREEN_RUNS;
		else {
			*cause = xasprintf(_("screen: want endpoints or runs, "
			    "not \"%s\""), value);
			return (-1);
		}
		return (1);
	}
	return (0);
}
