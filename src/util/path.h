/*
 * path: file system paths orbrowse uses.
 *
 * path_default_db() returns $XDG_DATA_HOME/orbrowse/orbrowse.db, with
 * XDG_DATA_HOME defaulting to $HOME/.local/share; the caller frees it.
 * path_mkdirs() creates a directory and its missing parents with mode.
 */
#ifndef ORBROWSE_PATH_H
#define ORBROWSE_PATH_H

#include <sys/types.h>

char	*path_default_db(char **cause);
int	 path_mkdirs(const char *dir, mode_t mode, char **cause);
/*
 * Replace the file at path with len bytes of data atomically: they are
 * written to a new file beside it, flushed, and renamed over it, so a
 * reader sees the old file or the new one, never a part.  0, or -1 with
 * *cause (caller frees) and nothing left behind.
 */
int	 path_write_atomic(const char *path, const void *data, size_t len,
	     char **cause);

#endif
