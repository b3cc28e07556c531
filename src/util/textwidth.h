/*
 * textwidth: how many terminal columns a UTF-8 string takes, and cutting
 * and padding it to a number of columns -- shared by the CLI's tables and
 * the UI's screens, so a cell reads the same in both.
 *
 * Widths follow the current locale (mbrtowc(3), wcwidth(3)): a wide (CJK)
 * character takes two columns, a combining mark or another character
 * wcwidth() calls non-printable none, and a byte that does not start a
 * valid character one.  The strings are expected sanitised already
 * (util/sanitize.h): nothing here removes control characters.
 *
 * Every function only reads its argument; the strings returned are new and
 * the caller frees them.  No curses: the UI draws what these measure.
 */
#ifndef ORBROWSE_TEXTWIDTH_H
#define ORBROWSE_TEXTWIDTH_H

#include <stddef.h>

/* The marker that ends a cut text. */
#define TEXTWIDTH_CUT	'~'

/*
 * The character at s (not at its NUL): its columns, and its length in
 * bytes in *len.  -1 with *len 1 for a byte that starts no valid
 * character.
 */
int	 textwidth_char(const char *s, size_t *len);
/* The columns of s. */
int	 textwidth_measure(const char *s);
/*
 * In bytes, not columns: len (the length of s) when it is at most max,
 * else the longest prefix of at most max bytes that ends on a UTF-8
 * character boundary -- for byte budgets (a stored string, a line of the
 * run log), so that a cut never splits a character.
 */
size_t	 textwidth_utf8_cut(const char *s, size_t len, size_t max);
/*
 * The bytes of the longest prefix of s that fits in width columns (0 when
 * width <= 0); its columns in *cols when cols is not NULL.
 */
size_t	 textwidth_fit(const char *s, int width, int *cols);
/*
 * s in at most width columns: whole when it fits (or width <= 0), else
 * the prefix that fits in width - 1 columns followed by TEXTWIDTH_CUT.
 */
char	*textwidth_cut(const char *s, int width);
/*
 * s cut to width columns (textwidth_cut) and padded with spaces to exactly
 * width columns where it falls short: on the right for align 'l', on the
 * left for 'r'.
 */
char	*textwidth_pad(const char *s, int width, char align);

#endif
