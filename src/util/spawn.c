#include "config.h"

#include "util/spawn.h"

#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

extern char	**environ;

/*
 * Whether prog can be run: itself when it names a path, else found in
 * $PATH (an empty entry is the current directory).  Looked up here rather
 * than left to posix_spawnp(), which need not report a failed exec (the
 * child then just exits 127).
 */
static int
spawn_found(const char *prog)
{
	const char	*path, *p, *end;
	char		*cand;
	int		 found;

	if (strchr(prog, '/') != NULL)
		return (access(prog, X_OK) == 0);
	if ((path = getenv("PATH")) == NULL || *path == '\0')
		path = "/usr/bin:/bin";
	for (p = path;; p = end + 1) {
		if ((end = strchr(p, ':')) == NULL)
			end = p + strlen(p);
		cand = end == p ? xasprintf("./%s", prog) :
		    xasprintf("%.*s/%s", (int)(end - p), p, prog);
		found = access(cand, X_OK) == 0;
		free(cand);
		if (found)
			return (1);
		if (*end == '\0')
			return (0);
	}
}

pid_t
spawn_detached(char *const argv[], char **cause)
{
	posix_spawn_file_actions_t	 fa;
	pid_t				 pid;
	int				 rc;

	if (!spawn_found(argv[0])) {
		*cause = xasprintf(_("cannot run %s: %s"), argv[0],
		    strerror(ENOENT));
		return (-1);
	}
	if (posix_spawn_file_actions_init(&fa) != 0) {
		*cause = xasprintf("%s: %s", argv[0], strerror(errno));
		return (-1);
	}
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
	    O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
	    O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null",
	    O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0) {
		*cause = xasprintf(_("cannot run %s: %s"), argv[0],
		    strerror(rc));
		return (-1);
	}
	return (pid);
}

void
spawn_reap(void)
{
	while (waitpid(-1, NULL, WNOHANG) > 0)
		;
}
