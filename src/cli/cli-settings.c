/*
 * cli-settings: the sync settings -- defaults, then the config file
 * (util/conffile.h), then the environment, then the command line -- for
 * `orbrowse sync` and for the sync the UI starts.
 */
#include "config.h"

#include "cli/cli-settings.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "util/conffile.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define USER_AGENT	"orbrowse/" PACKAGE_VERSION \
	" (+https://github.com/orbrowse/orbrowse)"

static int
cli_settings_int(const char *key, const char *value, int min, int max,
    int *out, char **cause)
{
	char	*end;
	long	 v;

	errno = 0;
	v = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || v < min || v > max) {
		*cause = xasprintf(_("%s: want a whole number from %d to %d, "
		    "not \"%s\""), key, min, max, value);
		return (-1);
	}
	*out = (int)v;
	return (0);
}

static int
cli_settings_bool(const char *key, const char *value, int *out, char **cause)
{
	if (strcmp(value, "yes") == 0 || strcmp(value, "true") == 0 ||
	    strcmp(value, "1") == 0)
		*out = 1;
	else if (strcmp(value, "no") == 0 || strcmp(value, "false") == 0 ||
	    strcmp(value, "0") == 0)
		*out = 0;
	else {
		*cause = xasprintf(_("%s: want yes or no, not \"%s\""), key,
		    value);
		return (-1);
	}
	return (0);
}

/* The settings that are a long of struct http_config, from 1 to max. */
static const struct cli_settings_long {
	const char	*key;
	int		 max;
	size_t		 off;
} cli_settings_longs[] = {
	{ "timeout.connect", 600,
	    offsetof(struct http_config, connect_timeout_s) },
	{ "timeout.low_speed", 600,
	    offsetof(struct http_config, low_speed_time_s) },
	{ "timeout.total", 3600,
	    offsetof(struct http_config, total_timeout_s) },
	{ "backoff.base_ms", 600000,
	    offsetof(struct http_config, backoff_base_ms) },
};

int
cli_settings_set(struct cli_settings *ss, const char *key, const char *value,
    char **cause)
{
	struct sync_options		*o = &ss->opt;
	const struct cli_settings_long	*l;
	size_t				 i;
	char				*end;
	double				 d;
	int				 v;

	if ((v = uiconf_set(&ss->ui, key, value, cause)) != 0)
		return (v < 0 ? -1 : 0);
	if ((v = alert_rules_set(&ss->alerts, key, value, cause)) != 0)
		return (v < 0 ? -1 : 0);
	/* The UI's own settings (the endpoints screen reads them). */
	if (strncmp(key, "columns.", 8) == 0 ||
	    strncmp(key, "sort.", 5) == 0 || strncmp(key, "filter.", 7) == 0)
		return (0);
	if (strcmp(key, "base_url") == 0 || strncmp(key, "route.", 6) == 0)
		return (routes_set(&o->routes, key, value, cause));
	if (strcmp(key, "concurrency") == 0)
		return (cli_settings_int(key, value, 1, 64,
		    &o->http.max_in_flight, cause));
	if (strcmp(key, "retries") == 0)
		return (cli_settings_int(key, value, 0, 20,
		    &o->http.max_retries, cause));
	if (strcmp(key, "metrics") == 0)
		return (cli_settings_bool(key, value, &o->metrics, cause));
	if (strcmp(key, "extras") == 0)
		return (cli_settings_bool(key, value, &o->extras, cause));
	if (strcmp(key, "gc") == 0) {
		if (cli_settings_bool(key, value, &v, cause) != 0)
			return (-1);
		ss->no_gc = !v;
		return (0);
	}
	if (strcmp(key, "rate") == 0 || strcmp(key, "rate.max") == 0) {
		errno = 0;
		d = strtod(value, &end);
		if (errno != 0 || end == value || *end != '\0' ||
		    !isfinite(d) || d < 0 || d > 10000) {
			*cause = xasprintf(_("%s: want requests per second "
			    "(0 for no limit), not \"%s\""), key, value);
			return (-1);
		}
		*(key[4] == '\0' ? &o->http.max_rate : &o->http.rate_max) = d;
		return (0);
	}
	for (i = 0; i < sizeof cli_settings_longs /
	    sizeof cli_settings_longs[0]; i++) {
		l = &cli_settings_longs[i];
		if (strcmp(key, l->key) != 0)
			continue;
		if (cli_settings_int(key, value, 1, l->max, &v, cause) != 0)
			return (-1);
		*(long *)(void *)((char *)&o->http + l->off) = v;
		return (0);
	}
	if (strcmp(key, "max_response_mb") == 0) {
		if (cli_settings_int(key, value, 1, 1024, &v, cause) != 0)
			return (-1);
		o->http.max_bytes = (size_t)v * 1024 * 1024;
		return (0);
	}
	if (strcmp(key, "retention.window_hours") == 0)
		return (cli_settings_int(key, value, 1, 24 * 365,
		    &o->window_hours, cause));
	if (strcmp(key, "retention.keep_days") == 0)
		return (cli_settings_int(key, value, 1, 36500, &o->keep_days,
		    cause));
	*cause = xasprintf(_("unknown setting \"%s\""), key);
	return (-1);
}

/* The config file's lines go to cli_settings_set(). */
static int
cli_settings_line(void *arg, const char *key, const char *value,
    char **cause)
{
	return (cli_settings_set(arg, key, value, cause));
}

/* Defaults, then the config file, then the environment. */
int
cli_settings_load(struct cli_settings *ss, const char *config,
    char **cause)
{
	const char	*env;
	char		*path;
	int		 rc;

	memset(ss, 0, sizeof *ss);
	uiconf_init(&ss->ui);
	alert_rules_init(&ss->alerts);
	routes_init(&ss->opt.routes);
	ss->opt.http.user_agent = USER_AGENT;
	ss->opt.http.max_in_flight = 4;
	ss->opt.http.max_rate = 10;
	ss->opt.http.rate_max = 30;
	ss->opt.http.max_retries = 4;
	ss->opt.window_hours = 48;
	ss->opt.keep_days = 180;
	path = config != NULL ? xstrdup(config) : config_default_path();
	rc = path == NULL ? 0 : config_load(path, config == NULL,
	    cli_settings_line, ss, cause);
	free(path);
	if (rc != 0)
		return (-1);
	env = getenv("ORBROWSE_BASE_URL");
	if (env != NULL && *env != '\0' && routes_set(&ss->opt.routes,
	    "base_url", env, cause) != 0)
		return (-1);
	env = getenv("OPENROUTER_API_KEY");
	ss->opt.http.api_key = env != NULL && *env != '\0' ? env : NULL;
	return (0);
}
