#include "config.h"

#include "util/spawn.h"

#include <sys/wait.h>
#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <string.h>
#include <unistd.h>

#include "util/i18n.h"
#include "util/xmalloc.h"

extern char	**environ;

pid_t
spawn_detached(char *const argv[], char **cause)
{
	posix_spawn_file_actions_t	 fa;
	pid_t				 pid;
	int				 rc;

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
