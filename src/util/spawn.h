/*
 * spawn: run a helper program (xdg-open) without a shell and without
 * waiting for it.
 *
 * spawn_detached() starts argv[0], looked up in $PATH, with argv (NULL
 * ended), its stdin, stdout and stderr on /dev/null so that it cannot
 * draw over the terminal UI.  It returns the child's pid, or -1 with
 * *cause (caller frees) when it could not be started.  The caller reaps
 * the child (spawn_reap() collects every finished one without blocking).
 */
#ifndef ORBROWSE_SPAWN_H
#define ORBROWSE_SPAWN_H

#include <sys/types.h>
#include <stddef.h>

pid_t	spawn_detached(char *const argv[], char **cause);
void	spawn_reap(void);

/*
 * A command line as words, without a shell: blanks separate words, '...'
 * and "..." quote (no escapes, no expansion of any kind).  0 with *argv
 * (NULL ended; free with spawn_words_free()), or -1 with *cause for an
 * unterminated quote or no word at all.
 */
int	spawn_words(const char *line, char ***argv, char **cause);
void	spawn_words_free(char **argv);
/*
 * Run argv[0] (looked up in $PATH) with data[0..len) on its stdin, its
 * stdout on /dev/null and its stderr inherited, and wait for it, at most
 * timeout_ms (then it is killed).  0 with *status (waitpid()'s), or -1
 * with *cause when it could not be run or timed out.  SIGPIPE is ignored
 * while writing: a command that does not read its input is no crash.
 */
int	spawn_feed(char *const argv[], const char *data, size_t len,
	    int timeout_ms, int *status, char **cause);

#endif
