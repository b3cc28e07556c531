#include "config.h"

#include "util/spawn.h"

#include <sys/wait.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
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

void
spawn_words_free(char **argv)
{
	size_t	i;

	if (argv == NULL)
		return;
	for (i = 0; argv[i] != NULL; i++)
		free(argv[i]);
	free(argv);
}

int
spawn_words(const char *line, char ***argv, char **cause)
{
	char	**v, *w;
	size_t	  n = 0, len;
	char	  q;

	v = xcalloc(strlen(line) / 2 + 2, sizeof *v);
	w = xmalloc(strlen(line) + 1);
	for (;;) {
		while (*line == ' ' || *line == '\t')
			line++;
		if (*line == '\0')
			break;
		len = 0;
		while (*line != '\0' && *line != ' ' && *line != '\t') {
			if (*line != '\'' && *line != '"') {
				w[len++] = *line++;
				continue;
			}
			q = *line++;
			while (*line != '\0' && *line != q)
				w[len++] = *line++;
			if (*line == '\0') {
				*cause = xasprintf(_("unterminated %c quote"),
				    q);
				goto fail;
			}
			line++;
		}
		w[len] = '\0';
		v[n++] = xstrdup(w);
	}
	if (n == 0) {
		*cause = xstrdup(_("no command"));
		goto fail;
	}
	free(w);
	*argv = v;
	return (0);
fail:
	free(w);
	spawn_words_free(v);
	return (-1);
}

/* Write all of data to fd, giving up at the first error (EPIPE: the
 * command did not read it all, which is its business). */
static void
spawn_write_all(int fd, const char *data, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		data += n;
		len -= (size_t)n;
	}
}

/* Wait for pid at most timeout_ms; kill it then.  0 or -1. */
static int
spawn_wait(pid_t pid, int timeout_ms, int *status)
{
	struct timespec	ts = { 0, 10 * 1000 * 1000 };
	int		waited = 0;
	pid_t		r;

	for (;;) {
		r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return (0);
		if (r < 0 && errno != EINTR)
			return (-1);
		if (waited >= timeout_ms) {
			kill(pid, SIGKILL);
			while (waitpid(pid, status, 0) < 0 && errno == EINTR)
				;
			return (-1);
		}
		nanosleep(&ts, NULL);
		waited += 10;
	}
}

int
spawn_feed(char *const argv[], const char *data, size_t len, int timeout_ms,
    int *status, char **cause)
{
	posix_spawn_file_actions_t	 fa;
	struct sigaction		 sa, old;
	pid_t				 pid;
	int				 p[2], rc;

	if (!spawn_found(argv[0])) {
		*cause = xasprintf(_("cannot run %s: %s"), argv[0],
		    strerror(ENOENT));
		return (-1);
	}
	if (pipe(p) != 0) {
		*cause = xasprintf("%s: %s", argv[0], strerror(errno));
		return (-1);
	}
	fcntl(p[1], F_SETFD, FD_CLOEXEC);
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, p[0], STDIN_FILENO);
	posix_spawn_file_actions_addclose(&fa, p[0]);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
	    O_WRONLY, 0);
	rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(p[0]);
	if (rc != 0) {
		close(p[1]);
		*cause = xasprintf(_("cannot run %s: %s"), argv[0],
		    strerror(rc));
		return (-1);
	}
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_IGN;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGPIPE, &sa, &old);
	spawn_write_all(p[1], data, len);
	close(p[1]);
	sigaction(SIGPIPE, &old, NULL);
	if (spawn_wait(pid, timeout_ms, status) != 0) {
		*cause = xasprintf(_("%s did not finish within %d seconds"),
		    argv[0], timeout_ms / 1000);
		return (-1);
	}
	return (0);
}
