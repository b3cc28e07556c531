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

pid_t	spawn_detached(char *const argv[], char **cause);
void	spawn_reap(void);

#endif
