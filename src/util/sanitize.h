/*
 * sanitize: make a string from the network safe to show on a terminal.
 *
 * Removes every C0 and C1 control character (ESC, CSI, OSC introducers, DEL,
 * ...), bidi override and isolate characters (U+202A..U+202E,
 * U+2066..U+2069), replaces invalid UTF-8 with U+FFFD, and truncates to at
 * most max_bytes bytes of output on a character boundary (0 = no limit).
 * Newlines and tabs become spaces.  Returns a string the caller frees.
 */
#ifndef ORBROWSE_SANITIZE_H
#define ORBROWSE_SANITIZE_H

#include <stddef.h>

char	*sanitize_text(const char *, size_t max_bytes);

#endif
