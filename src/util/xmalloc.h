/*
 * xmalloc: allocation that never returns NULL.
 *
 * Every function here aborts the program with a message on stderr when the
 * allocator fails (as tmux's xmalloc.c does), so callers never check for
 * NULL.  Everything returned is owned by the caller and released with free().
 */
#ifndef ORBROWSE_XMALLOC_H
#define ORBROWSE_XMALLOC_H

#include <stdarg.h>
#include <stddef.h>

void	*xmalloc(size_t);
void	*xcalloc(size_t, size_t);
void	*xrealloc(void *, size_t);
void	*xreallocarray(void *, size_t, size_t);
char	*xstrdup(const char *);
char	*xstrndup(const char *, size_t);
char	*xasprintf(const char *, ...)
	    __attribute__((format(printf, 1, 2)));
char	*xvasprintf(const char *, va_list)
	    __attribute__((format(printf, 1, 0)));

#endif
