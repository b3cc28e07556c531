/*
 * path: file system paths orbrowse uses.
 *
 * path_default_db() returns $XDG_DATA_HOME/orbrowse/orbrowse.db, with
 * XDG_DATA_HOME defaulting to $HOME/.local/share; the caller frees it.
 * path_data_file() is the file name in that same directory
 * ($XDG_DATA_HOME/orbrowse/NAME: the filter history, the named views);
 * the caller frees it, NULL with *cause when neither variable is set.
 * path_mkdirs() creates a directory and its missing parents with mode.
 * path_replace() writes len bytes as the whole new content of path,
 * safely: into a temporary file beside it, flushed to disk, then renamed
 * over it, so that a reader or a crash sees the old file or the new one,
 * never a part; the parent directory is created if missing (0700), a new
 * file gets mode 0600 and a replaced one keeps its mode.
 * path_read_lines() reads a text file orbrowse keeps (the history, the
 * views) line by line: fn gets each line without its newline, and a line
 * longer than max bytes is skipped, all of it.  A missing file has no
 * lines (0); -1 with *cause when it cannot be opened.
 */
#ifndef ORBROWSE_PATH_H
#define ORBROWSE_PATH_H

#include <sys/types.h>

char	*path_default_db(char **cause);
char	*path_data_file(const char *name, char **cause);
int	 path_mkdirs(const char *dir, mode_t mode, char **cause);
int	 path_replace(const char *path, const char *data, size_t len,
	     char **cause);
/* 0 when the directory path is in exists, else -1 with *cause: for a file
 * a user names, whose missing directory is a mistake, not ours to make. */
int	 path_dir_exists(const char *path, char **cause);
int	 path_read_lines(const char *path, size_t max,
	     void (*fn)(void *arg, char *line), void *arg, char **cause);

#endif
