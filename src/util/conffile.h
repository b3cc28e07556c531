/*
 * conffile: the "key = value" configuration file.
 *
 * Lines are "key = value"; blank lines and lines starting with '#' are
 * ignored; spaces around key and value are trimmed.  A line
 * "bind KEY ACTION" (no '=') comes as key "bind", value "KEY ACTION".  config_load() calls fn
 * for every setting in file order; fn returns 0, or -1 with *cause, which
 * config_load() prefixes with "path:line: ".  A missing file is not an
 * error when missing_ok is set.  config_default_path() is
 * $XDG_CONFIG_HOME/orbrowse/config (default ~/.config); caller frees, NULL
 * when neither variable is set.
 */
#ifndef ORBROWSE_CONFFILE_H
#define ORBROWSE_CONFFILE_H

typedef int (*config_cb)(void *arg, const char *key, const char *value,
    char **cause);

int	 config_load(const char *path, int missing_ok, config_cb, void *arg,
	     char **cause);
char	*config_default_path(void);

#endif
