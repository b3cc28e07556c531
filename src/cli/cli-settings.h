/*
 * cli-settings: the sync settings, for `orbrowse sync` and the UI.
 *
 * cli_settings_load() fills a struct cli_settings the caller owns, from
 * defaults, the config file (config, or util/conffile.h's default path
 * when NULL; a missing default file is no error) and the environment
 * (ORBROWSE_BASE_URL, OPENROUTER_API_KEY).  opt.routes is the caller's to
 * free with routes_clear(), also after a failure; opt.http.api_key points
 * into the environment and opt.http.user_agent to a constant.
 * cli_settings_set() applies one setting by its config file key, as the
 * command line's options do.  Both return 0, or -1 with *cause (caller
 * frees), a message for the user.  The UI's keys (hints, screen, bind,
 * color.*) go to ui (util/uiconf.h).
 */
#ifndef ORBROWSE_CLI_SETTINGS_H
#define ORBROWSE_CLI_SETTINGS_H

#include "project/alert.h"
#include "sync/sync.h"
#include "util/uiconf.h"

struct cli_settings {
	struct sync_options	opt;
	int			no_gc;
	struct uiconf		ui;	/* the UI's own settings */
	struct alert_rules	alerts;	/* alert.* (project/alert.h) */
};

int	cli_settings_load(struct cli_settings *, const char *config,
	    char **cause);
int	cli_settings_set(struct cli_settings *, const char *key,
	    const char *value, char **cause);

#endif
