/*
 * cli-alerts: the alerts a run raised (project/alert.h rules, store
 * table alert), for `orbrowse sync` and `import` (and whoever else ends a
 * run), and `orbrowse alerts`.
 */
#ifndef ORBROWSE_CLI_ALERTS_H
#define ORBROWSE_CLI_ALERTS_H

#include <stdint.h>

#include <jansson.h>

#include "project/alert.h"
#include "store/store.h"

/*
 * After run_id wrote its change records: the ones that fire a rule are
 * kept in the database, listed on stdout ("alert: RULE: ...") when print
 * is set, and given as a JSON array on stdin to the alert command when
 * one is set.  Returns the array (a new reference, empty when none fired)
 * of the objects of `changes --json` with the rule added.  Nothing here
 * fails the run: a store error or a failing command is a warning on
 * stderr.
 */
json_t	*cli_alerts_after_run(struct store *, const struct alert_rules *,
	    int64_t run_id, int print);

/*
 * The same for a caller that owns the terminal (the UI): nothing is
 * printed, and what would go to stderr (the warnings above, and the
 * alert command's own stderr) is captured instead and returned in
 * *warnings, one message a line joined by "; " (caller frees; NULL when
 * there was none).  Returns how many alerts fired.
 */
size_t	cli_alerts_after_run_quiet(struct store *,
	    const struct alert_rules *, int64_t run_id, char **warnings);

#endif
