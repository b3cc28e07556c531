/*
 * atom: an Atom 1.0 feed (RFC 4287) written into a buffer.
 *
 * atom_begin() opens the feed with its id, title and updated time,
 * atom_entry() adds one entry whose content is plain text lines, and
 * atom_end() closes it.  Every string given is untrusted: it is made safe
 * for a terminal and for XML 1.0 (controls, escape sequences, bidi
 * controls and invalid UTF-8 go, as util/sanitize.h does; each line on its
 * own) and then escaped (& < > " '), so whatever a payload holds, the feed
 * is well-formed.  Times are Unix milliseconds, written in UTC.  Strings
 * are borrowed for the call; the buffer is the caller's.
 */
#ifndef ORBROWSE_ATOM_H
#define ORBROWSE_ATOM_H

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

void	 atom_begin(struct buf *, const char *id, const char *title,
	     int64_t updated_ms);
void	 atom_entry(struct buf *, const char *id, const char *title,
	     int64_t updated_ms, const char *const *lines, size_t nlines);
void	 atom_end(struct buf *);

/* Text made safe as above and XML-escaped, appended to the buffer. */
void	 atom_text(struct buf *, const char *);

#endif
