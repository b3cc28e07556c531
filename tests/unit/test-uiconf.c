/*
 * test-uiconf: util/uiconf.c -- the UI's config file settings: hints,
 * screen, "bind KEY ACTION" (key names, every action name, a key bound
 * twice, the limit) and color.ELEMENT = FG[,BG]; what is refused and the
 * keys it leaves to others.
 */
#include "config.h"

#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "util/uiconf.h"

/* Set and expect rc; a refusal's cause must mention want (or be freed). */
static void
uiconf_expect(struct uiconf *c, const char *key, const char *value,
    int rc, const char *want)
{
	char	*cause = NULL;

	assert_int_equal(uiconf_set(c, key, value, &cause), rc);
	if (rc < 0) {
		assert_non_null(cause);
		if (strstr(cause, want) == NULL)
			fail_msg("\"%s\" lacks \"%s\"", cause, want);
		free(cause);
	} else
		assert_null(cause);
}

static void
test_defaults_and_simple(void **state)
{
	struct uiconf	c;
	int		i;

	(void)state;
	uiconf_init(&c);
	assert_int_equal(c.hints, 1);
	assert_int_equal(c.screen, UICONF_SCREEN_ENDPOINTS);
	assert_int_equal(c.nbind, 0);
	for (i = 0; i < UICC__COUNT; i++)
		assert_int_equal(c.fg[i], UICONF_COLOR_UNSET);
	uiconf_expect(&c, "hints", "no", 1, NULL);
	assert_int_equal(c.hints, 0);
	uiconf_expect(&c, "hints", "yes", 1, NULL);
	assert_int_equal(c.hints, 1);
	uiconf_expect(&c, "hints", "maybe", -1, "want yes or no");
	uiconf_expect(&c, "screen", "runs", 1, NULL);
	assert_int_equal(c.screen, UICONF_SCREEN_RUNS);
	uiconf_expect(&c, "screen", "nowhere", -1, "nowhere");
	assert_int_equal(c.sync_auto_ms, 0);
	uiconf_expect(&c, "sync.auto", "2h", 1, NULL);
	assert_int_equal(c.sync_auto_ms, 7200000);
	uiconf_expect(&c, "sync.auto", "1m", 1, NULL);
	assert_int_equal(c.sync_auto_ms, 60000);
	uiconf_expect(&c, "sync.auto", "59s", -1, "shorter than 1m");
	assert_int_equal(c.sync_auto_ms, 60000);
	uiconf_expect(&c, "sync.auto", "2x", -1, "bad duration: 2x");
	uiconf_expect(&c, "sync.auto", "off", 1, NULL);
	assert_int_equal(c.sync_auto_ms, 0);
	/* Not ours: left to the sync settings. */
	uiconf_expect(&c, "concurrency", "4", 0, NULL);
	uiconf_expect(&c, "colorful", "x", 0, NULL);
}

static void
test_bind(void **state)
{
	struct uiconf	c;
	int		i;
	char		line[64];

	(void)state;
	uiconf_init(&c);
	assert_int_equal(uiconf_key("x"), 'x');
	assert_int_equal(uiconf_key("="), '=');
	assert_int_equal(uiconf_key("Space"), ' ');
	assert_int_equal(uiconf_key("Tab"), '\t');
	assert_int_equal(uiconf_key("Enter"), '\r');
	assert_int_equal(uiconf_key("F1"), UICONF_KEY_F(1));
	assert_int_equal(uiconf_key("F12"), UICONF_KEY_F(12));
	assert_int_equal(uiconf_key("F13"), -1);
	assert_int_equal(uiconf_key("F0"), -1);
	assert_int_equal(uiconf_key("xx"), -1);
	assert_int_equal(uiconf_key(""), -1);
	assert_int_equal(uiconf_key("\x01"), -1);

	uiconf_expect(&c, "bind", "x quit", 1, NULL);
	uiconf_expect(&c, "bind", "F2  sort", 1, NULL);
	assert_int_equal(c.nbind, 2);
	assert_int_equal(c.bind[0].key, 'x');
	assert_int_equal(c.bind[0].action, UIA_QUIT);
	assert_int_equal(c.bind[1].key, UICONF_KEY_F(2));
	assert_int_equal(c.bind[1].action, UIA_SORT);
	/* A key bound again takes the last action. */
	uiconf_expect(&c, "bind", "x help", 1, NULL);
	assert_int_equal(c.nbind, 2);
	assert_int_equal(c.bind[0].action, UIA_HELP);
	/* Every action name is accepted. */
	for (i = 0; i < UIA__COUNT; i++) {
		snprintf(line, sizeof line, "z %s", uiconf_action_names[i]);
		uiconf_expect(&c, "bind", line, 1, NULL);
		assert_int_equal(c.bind[2].action, i);
	}
	uiconf_expect(&c, "bind", "x", -1, "bind KEY ACTION");
	uiconf_expect(&c, "bind", "", -1, "bind KEY ACTION");
	uiconf_expect(&c, "bind", "xx quit", -1, "unknown key \"xx\"");
	uiconf_expect(&c, "bind", "x explode", -1, "unknown action "
	    "\"explode\"");
	/* The limit. */
	uiconf_init(&c);
	for (i = 0; i < UICONF_MAX_BINDS; i++) {
		snprintf(line, sizeof line, "%c quit", '!' + i);
		uiconf_expect(&c, "bind", line, 1, NULL);
	}
	uiconf_expect(&c, "bind", "~ quit", -1, "more than");
}

static void
test_color(void **state)
{
	struct uiconf	c;

	(void)state;
	uiconf_init(&c);
	uiconf_expect(&c, "color.title", "white,blue", 1, NULL);
	assert_int_equal(c.fg[UICC_TITLE], 7);
	assert_int_equal(c.bg[UICC_TITLE], 4);
	uiconf_expect(&c, "color.error", "default", 1, NULL);
	assert_int_equal(c.fg[UICC_ERROR], UICONF_COLOR_DEFAULT);
	assert_int_equal(c.bg[UICC_ERROR], UICONF_COLOR_UNSET);
	uiconf_expect(&c, "color.number", "208,default", 1, NULL);
	assert_int_equal(c.fg[UICC_NUMBER], 208);
	assert_int_equal(c.bg[UICC_NUMBER], UICONF_COLOR_DEFAULT);
	uiconf_expect(&c, "color.key", "0,255", 1, NULL);
	assert_int_equal(c.fg[UICC_KEY], 0);
	assert_int_equal(c.bg[UICC_KEY], 255);
	uiconf_expect(&c, "color.nothing", "red", -1, "unknown colour "
	    "element \"nothing\"");
	uiconf_expect(&c, "color.title", "256", -1, "color.title");
	uiconf_expect(&c, "color.title", "-1", -1, "color.title");
	uiconf_expect(&c, "color.title", "pink", -1, "color.title");
	uiconf_expect(&c, "color.title", "red,", -1, "color.title");
	uiconf_expect(&c, "color.title", "", -1, "color.title");
	uiconf_expect(&c, "color.title", "red,blue,green", -1,
	    "color.title");
	/* A refusal leaves the colour as it was. */
	assert_int_equal(c.fg[UICC_TITLE], 7);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_and_simple),
		cmocka_unit_test(test_bind),
		cmocka_unit_test(test_color),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
