/*
 * views: named views of a table -- a filter, a sort and a choice of
 * columns saved under a name (`:save NAME`, `:view NAME` in the UI) -- and
 * the file that keeps them ($XDG_DATA_HOME/orbrowse/views, util/path.h).
 *
 * The file has one view a line: NAME, SORT, COLUMNS and FILTER separated
 * by tabs (a filter typed at the prompt holds no tab or newline).  A name
 * is 1 to VIEWS_NAME_MAX letters, digits, '.', '_' or '-'.  views_load()
 * skips the lines that do not parse (a hand-edited file) and keeps at most
 * VIEWS_MAX views; a missing file is no view.  The strings are the
 * table's own: views stores them and never reads them.
 *
 * A struct views owns its views and their strings; views_find() returns a
 * view borrowed until the set changes.
 */
#ifndef ORBROWSE_VIEWS_H
#define ORBROWSE_VIEWS_H

#include <stddef.h>

#define VIEWS_MAX	100
#define VIEWS_NAME_MAX	32
#define VIEWS_LINE_MAX	4096

struct view {
	char	*name;
	char	*sort;		/* "[-]column" */
	char	*columns;	/* "a,b,c" */
	char	*filter;	/* "" for none */
};

struct views {
	struct view	*v;
	size_t		 n;
};

void		 views_free(struct views *);
int		 views_name_ok(const char *);
/* Parse one line of the file (its newline removed); 0, or -1. */
int		 views_parse_line(const char *, struct view *);
int		 views_load(struct views *, const char *path, char **cause);
int		 views_save(const struct views *, const char *path,
		     char **cause);
/* Add the view, or replace the one of that name; 0, or -1 with *cause
 * when the name or a string cannot be kept, or the set is full. */
int		 views_set(struct views *, const struct view *, char **cause);
const struct view *views_find(const struct views *, const char *name);
/* The names as "a, b, c"; the caller frees it. */
char		*views_names(const struct views *);

#endif
