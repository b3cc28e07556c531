/*
 * alert: the alert rules of the config file and which change record
 * (store/store-changelog.h) fires which rule.
 *
 *   alert.price_drop = PCT    a price fell by at least PCT percent
 *   alert.price_rise = PCT    a price rose by at least PCT percent
 *   alert.scope = watched|all the price rules hold for watched models
 *                             (the default) or for all
 *   alert.new_model = FILTER  a model was added and one of its active
 *                             endpoints matches FILTER (project/filter.h)
 *   alert.gone = watched      a watched model, or one of its endpoints,
 *                             went away (model_removed, endpoint_removed)
 *   alert.expiry_days = N     an expiry date was set or moved to at most N
 *                             days after the run (or before it)
 *   alert.command = PROG ARG  run with the alerts as JSON on stdin, without
 *                             a shell (util/spawn.h spawn_words())
 *
 * Pure: no I/O.  The caller says what it knows of each record (is the
 * model watched, does the filter match).
 */
#ifndef ORBROWSE_PROJECT_ALERT_H
#define ORBROWSE_PROJECT_ALERT_H

#include <stdint.h>

#define ALERT_TEXT_MAX	1024

struct alert_rules {
	double	price_drop;		/* percent; NAN: off */
	double	price_rise;
	int	scope_all;
	char	new_model[ALERT_TEXT_MAX];	/* a filter; "": off */
	int	gone_watched;
	int	expiry_days;		/* -1: off */
	char	command[ALERT_TEXT_MAX];	/* "": none */
};

/* What the caller knows of one change record. */
struct alert_change {
	const char	*kind;		/* "price_changed", ... */
	double		 pct;		/* a price's relative change, or NAN */
	const char	*new_text;	/* the new value when text (a date) */
	int64_t		 today;		/* the run's day, days since 1970 */
	int		 watched;	/* the model is on the watchlist */
	int		 filter_match;	/* new_model's filter matches it */
};

void	 alert_rules_init(struct alert_rules *);
/*
 * Apply one config key ("alert.price_drop", ...): 1 when key is an alert
 * key and value good, 0 when it is not an alert key, -1 with *cause
 * (caller frees).
 */
int	 alert_rules_set(struct alert_rules *, const char *key,
	     const char *value, char **cause);
/* Is any rule on? */
int	 alert_rules_any(const struct alert_rules *);
/* The rule a change fires ("price_drop", "price_rise", "new_model",
 * "gone", "expiry"), or NULL. */
const char *alert_match(const struct alert_rules *,
	     const struct alert_change *);

#endif
