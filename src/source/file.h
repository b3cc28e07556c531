/*
 * file: captured responses on disk, the offline source of the pipeline.
 *
 * file_read() reads a whole regular file into a buffer, refusing files
 * larger than max bytes (untrusted input is always bounded) and, as it
 * reads, JSON over the budget of codec/json-guard.h's json_guard_list
 * (more values, deeper nesting or longer strings): a file of 64 MB of
 * numbers is refused after its first few megabytes.
 * file_expand() turns the command line's FILE|DIR arguments into a sorted
 * list of regular files: a directory contributes its *.json files (not
 * recursively).  Lists are freed with file_list_free().
 */
#ifndef ORBROWSE_SOURCE_FILE_H
#define ORBROWSE_SOURCE_FILE_H

#include <stddef.h>

#include "util/buf.h"

/* Largest response accepted, from a file or the network. */
#define SOURCE_MAX_BYTES	(64u * 1024 * 1024)

int	file_read(const char *path, size_t max, struct buf *out, char **cause);
int	file_expand(char *const *args, int nargs, char ***files, size_t *n,
	    char **cause);
void	file_list_free(char **, size_t);

#endif
