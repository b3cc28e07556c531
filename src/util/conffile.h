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
/*
 * Set key to value in the file at path (conffile-set.c): the first
 * setting of key is replaced in place, later ones removed, and it is
 * appended when absent; every other line, comments and blank lines
 * included, is kept as it was.  The file (and its directory) is created
 * when missing and replaced safely (util/path.h path_replace()).  0, or
 * -1 with *cause (caller frees).
 */
int	 config_set(const char *path, const char *key, const char *value,
	     char **cause);
char	*config_default_path(void);

#endif
