/*
 * alert: the alert rules and what fires them (alert.h).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/alert.h"
#include "project/filter.h"
#include "project/model.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

void
alert_rules_init(struct alert_rules *r)
{
	memset(r, 0, sizeof *r);
	r->price_drop = r->price_rise = NAN;
	r->expiry_days = -1;
}

static int
alert_pct(const char *key, const char *value, double *out, char **cause)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(value, &end);
	if (*end == '%')
		end++;
	if (errno != 0 || end == value || *end != '\0' || !isfinite(v) ||
	    v <= 0 || v > 1000) {
		*cause = xasprintf(_("%s: want a percentage above 0 (e.g. 10), "
		    "not \"%s\""), key, value);
		return (-1);
	}
	*out = v;
	return (1);
}

static int
alert_text(const char *key, const char *value, char *out, char **cause)
{
	if (strlen(value) >= ALERT_TEXT_MAX) {
		*cause = xasprintf(_("%s: longer than %d bytes"), key,
		    ALERT_TEXT_MAX - 1);
		return (-1);
	}
	strcpy(out, value);
	return (1);
}

/* alert.new_model: a filter that parses, or "" to turn it off. */
static int
alert_filter(const char *key, const char *value, char *out, char **cause)
{
	struct filter_error	 ferr;
	struct filter		*f;

	memset(&ferr, 0, sizeof ferr);
	if ((f = filter_parse(value, &ferr)) == NULL) {
		*cause = xasprintf(_("%s: bad filter at column %d: %s"), key,
		    ferr.column, ferr.message);
		free(ferr.message);
		return (-1);
	}
	filter_free(f);
	return (alert_text(key, value, out, cause));
}

int
alert_rules_set(struct alert_rules *r, const char *key, const char *value,
    char **cause)
{
	char	*end;
	long	 v;

	if (strncmp(key, "alert.", 6) != 0)
		return (0);
	if (strcmp(key, "alert.price_drop") == 0)
		return (alert_pct(key, value, &r->price_drop, cause));
	if (strcmp(key, "alert.price_rise") == 0)
		return (alert_pct(key, value, &r->price_rise, cause));
	if (strcmp(key, "alert.new_model") == 0)
		return (alert_filter(key, value, r->new_model, cause));
	if (strcmp(key, "alert.command") == 0)
		return (alert_text(key, value, r->command, cause));
	if (strcmp(key, "alert.scope") == 0 && (strcmp(value, "all") == 0 ||
	    strcmp(value, "watched") == 0)) {
		r->scope_all = strcmp(value, "all") == 0;
		return (1);
	}
	if (strcmp(key, "alert.gone") == 0 && (strcmp(value, "watched") == 0 ||
	    strcmp(value, "no") == 0)) {
		r->gone_watched = strcmp(value, "watched") == 0;
		return (1);
	}
	if (strcmp(key, "alert.expiry_days") == 0) {
		errno = 0;
		v = strtol(value, &end, 10);
		if (errno == 0 && end != value && *end == '\0' && v >= 0 &&
		    v <= 36500) {
			r->expiry_days = (int)v;
			return (1);
		}
		*cause = xasprintf(_("%s: want a whole number of days from 0 "
		    "to 36500, not \"%s\""), key, value);
		return (-1);
	}
	if (strcmp(key, "alert.scope") == 0 || strcmp(key, "alert.gone") == 0)
		*cause = xasprintf(_("%s: want %s, not \"%s\""), key,
		    key[6] == 's' ? "watched or all" : "watched or no", value);
	else
		*cause = xasprintf(_("unknown setting \"%s\""), key);
	return (-1);
}

int
alert_rules_any(const struct alert_rules *r)
{
	return (!isnan(r->price_drop) || !isnan(r->price_rise) ||
	    r->new_model[0] != '\0' || r->gone_watched || r->expiry_days >= 0);
}

const char *
alert_match(const struct alert_rules *r, const struct alert_change *c)
{
	int64_t	days;

	if (strcmp(c->kind, "price_changed") == 0) {
		if (isnan(c->pct) || (!r->scope_all && !c->watched))
			return (NULL);
		if (!isnan(r->price_drop) && c->pct <= -r->price_drop)
			return ("price_drop");
		if (!isnan(r->price_rise) && c->pct >= r->price_rise)
			return ("price_rise");
		return (NULL);
	}
	if (strcmp(c->kind, "model_added") == 0)
		return (r->new_model[0] != '\0' && c->filter_match ?
		    "new_model" : NULL);
	if (strcmp(c->kind, "model_removed") == 0 ||
	    strcmp(c->kind, "endpoint_removed") == 0)
		return (r->gone_watched && c->watched ? "gone" : NULL);
	if (strcmp(c->kind, "expiry_changed") == 0 && r->expiry_days >= 0 &&
	    c->new_text != NULL &&
	    model_days_until(c->new_text, c->today, &days) == 0 &&
	    days <= r->expiry_days)
		return ("expiry");
	return (NULL);
}
