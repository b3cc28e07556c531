#include "config.h"

#include "util/conffile.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

static char *
config_trim(char *s)
{
	char	*end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return (s);
}

int
config_load(const char *path, int missing_ok, config_cb fn, void *arg,
    char **cause)
{
	FILE	*f;
	char	 line[4096];
	char	*key, *value, *eq, *why = NULL;
	int	 lineno = 0, rc = 0;

	if ((f = fopen(path, "r")) == NULL) {
		if (errno == ENOENT && missing_ok)
			return (0);
		*cause = xasprintf(_("%s: %s"), path, strerror(errno));
		return (-1);
	}
	while (fgets(line, sizeof line, f) != NULL) {
		lineno++;
		if (strchr(line, '\n') == NULL && !feof(f)) {
			*cause = xasprintf(_("%s:%d: line too long"), path,
			    lineno);
			rc = -1;
			break;
		}
		key = config_trim(line);
		if (*key == '\0' || *key == '#')
			continue;
		/* "bind KEY ACTION" has no '=' (KEY may be '='). */
		if (strncmp(key, "bind", 4) == 0 &&
		    (key[4] == ' ' || key[4] == '\t')) {
			key[4] = '\0';
			value = config_trim(key + 5);
			if (fn(arg, key, value, &why) != 0)
				goto fail;
			continue;
		}
		if ((eq = strchr(key, '=')) == NULL) {
			*cause = xasprintf(_("%s:%d: expected \"key = value\""),
			    path, lineno);
			rc = -1;
			break;
		}
		*eq = '\0';
		value = config_trim(eq + 1);
		key = config_trim(key);
		if (fn(arg, key, value, &why) != 0)
			goto fail;
		continue;
fail:
		*cause = xasprintf("%s:%d: %s", path, lineno,
		    why != NULL ? why : "?");
		free(why);
		rc = -1;
		break;
	}
	fclose(f);
	return (rc);
}

char *
config_default_path(void)
{
	const char	*xdg, *home;

	xdg = getenv("XDG_CONFIG_HOME");
	if (xdg != NULL && *xdg == '/')
		return (xasprintf("%s/orbrowse/config", xdg));
	home = getenv("HOME");
	if (home == NULL || *home == '\0')
		return (NULL);
	return (xasprintf("%s/.config/orbrowse/config", home));
}
