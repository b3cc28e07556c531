/*
 * textwidth: display columns of UTF-8 text, cutting and padding.
 */
/* wcwidth(3) is XSI: the one feature macro this file needs. */
#define _XOPEN_SOURCE 700

#include "config.h"

#include "util/textwidth.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "util/xmalloc.h"

int
textwidth_char(const char *s, size_t *len)
{
	mbstate_t	ps;
	wchar_t		wc;
	size_t		n;
	int		w;

	/*
	 * Printable ASCII is one column in every locale orbrowse runs in
	 * (their character sets all extend ASCII): half of a table's output
	 * time went to mbrtowc() for it.
	 */
	if ((unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f) {
		*len = 1;
		return (1);
	}
	/* A fresh state per character: an invalid byte costs one column
	 * and the next character is read as if nothing had happened. */
	memset(&ps, 0, sizeof ps);
	n = mbrtowc(&wc, s, MB_CUR_MAX, &ps);
	if (n == (size_t)-1 || n == (size_t)-2 || n == 0) {
		*len = 1;
		return (-1);
	}
	*len = n;
	w = wcwidth(wc);
	return (w < 0 ? 0 : w);
}

size_t
textwidth_utf8_cut(const char *s, size_t len, size_t max)
{
	if (len <= max)
		return (len);
	while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return (max);
}

int
textwidth_measure(const char *s)
{
	size_t	len;
	int	w = 0, cw;

	while (*s != '\0') {
		cw = textwidth_char(s, &len);
		w += cw < 0 ? 1 : cw;
		s += len;
	}
	return (w);
}

size_t
textwidth_fit(const char *s, int width, int *cols)
{
	size_t	off = 0, len;
	int	used = 0, cw;

	while (width > 0 && s[off] != '\0') {
		cw = textwidth_char(s + off, &len);
		if (cw < 0)
			cw = 1;
		if (used + cw > width)
			break;
		used += cw;
		off += len;
	}
	if (cols != NULL)
		*cols = used;
	return (off);
}

char *
textwidth_cut(const char *s, int width)
{
	size_t	n;

	if (width <= 0 || textwidth_measure(s) <= width)
		return (xstrdup(s));
	n = textwidth_fit(s, width - 1, NULL);
	return (xasprintf("%.*s%c", (int)n, s, TEXTWIDTH_CUT));
}

char *
textwidth_pad(const char *s, int width, char align)
{
	char	*cut, *out;
	size_t	 len;
	int	 pad;

	cut = textwidth_cut(s, width);
	pad = width - textwidth_measure(cut);
	if (pad <= 0)
		return (cut);
	/* Spaces and the text, without a printf for each cell of a table. */
	len = strlen(cut);
	out = xmalloc(len + (size_t)pad + 1);
	if (align == 'r') {
		memset(out, ' ', (size_t)pad);
		memcpy(out + pad, cut, len);
	} else {
		memcpy(out, cut, len);
		memset(out + len, ' ', (size_t)pad);
	}
	out[len + (size_t)pad] = '\0';
	free(cut);
	return (out);
}
