/*
 * buf: a growable byte buffer (after curl's dynbuf).
 *
 * A struct buf owns its data.  The data is always NUL-terminated (the NUL is
 * not counted in len) so it can be used as a C string when it holds text.
 * A zeroed struct buf (or BUF_INIT) is a valid empty buffer.  buf_free()
 * releases the data and leaves an empty buffer; buf_detach() hands the data
 * to the caller, who frees it.  Allocation failure aborts (xmalloc).
 */
#ifndef ORBROWSE_BUF_H
#define ORBROWSE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char	*data;
	size_t	 len;
	size_t	 cap;
};

#define BUF_INIT { NULL, 0, 0 }

void	 buf_init(struct buf *);
void	 buf_free(struct buf *);
void	 buf_reset(struct buf *);
/* Free b when it holds more than keep bytes of room (a work buffer that
 * one large input grew is not kept at that size). */
void	 buf_trim(struct buf *, size_t keep);
void	 buf_reserve(struct buf *, size_t);
void	 buf_add(struct buf *, const void *, size_t);
void	 buf_addstr(struct buf *, const char *);
void	 buf_addch(struct buf *, char);
void	 buf_printf(struct buf *, const char *, ...)
	     __attribute__((format(printf, 2, 3)));
void	 buf_vprintf(struct buf *, const char *, va_list)
	     __attribute__((format(printf, 2, 0)));
char	*buf_detach(struct buf *);
const char *buf_str(const struct buf *);

#endif
