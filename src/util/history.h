/*
 * history: the lines a prompt was given before (the filter history),
 * recalled with Up and Down, and kept in a file of one line each, oldest
 * first.
 *
 * A struct history owns its lines.  history_add() appends a line, first
 * removing an equal older one (no duplicates) and then the oldest ones
 * beyond max.  history_load() reads a file the same way (a missing file
 * is an empty history; lines longer than HISTORY_LINE_MAX or holding
 * control characters are skipped); history_save() writes the file safely
 * (util/path.h path_replace()).
 *
 * Recall: history_step() walks from the newest line to older ones
 * (older = 1) and back; stepping back past the newest gives the text that
 * was being typed when the walk began (the draft).  It returns the line to
 * show (borrowed until the history changes), or NULL when there is no
 * further line in that direction.  history_rewind() ends a walk.
 */
#ifndef ORBROWSE_HISTORY_H
#define ORBROWSE_HISTORY_H

#include <stddef.h>

#define HISTORY_MAX		100
#define HISTORY_LINE_MAX	1024

struct history {
	char	**lines;	/* oldest first */
	size_t	  n;
	size_t	  max;
	size_t	  at;		/* the line recalled; n: the draft */
	char	 *draft;
};

void		 history_init(struct history *, size_t max);
void		 history_free(struct history *);
void		 history_add(struct history *, const char *line);
int		 history_load(struct history *, const char *path, char **cause);
int		 history_save(const struct history *, const char *path,
		     char **cause);
const char	*history_step(struct history *, int older,
		     const char *current);
void		 history_rewind(struct history *);

#endif
