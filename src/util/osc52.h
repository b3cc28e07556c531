/*
 * osc52: text for the terminal's clipboard, as an OSC 52 escape sequence
 * ("ESC ] 52 ; c ; BASE64 BEL"), which terminals (and tmux with
 * set-clipboard on) put on the system clipboard.  No curses here: the UI
 * writes the sequence to the terminal itself.
 *
 * base64_encode() returns the standard base64 (RFC 4648, with padding) of
 * len bytes; the caller frees it.  osc52_sequence() returns the sequence
 * for text, which the caller frees, or NULL when text is empty, longer
 * than OSC52_MAX bytes or holds a control character (nothing from the
 * network reaches a clipboard with an escape in it).
 */
#ifndef ORBROWSE_OSC52_H
#define ORBROWSE_OSC52_H

#include <stddef.h>

#define OSC52_MAX	4096

char	*base64_encode(const void *, size_t len);
char	*osc52_sequence(const char *text);

#endif
