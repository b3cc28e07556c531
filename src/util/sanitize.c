#include "config.h"

#include "util/sanitize.h"

#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

#define SANITIZE_ESC		0x1b
#define SANITIZE_BEL		0x07
#define SANITIZE_REPLACEMENT	0xfffd

/*
 * Anything that is not well-formed UTF-8 (a stray continuation byte, an
 * overlong form, a surrogate, a value past U+10FFFF, a sequence cut short)
 * gives SANITIZE_INVALID and the length of the ill-formed part, at least
 * one byte, so that each maximal bad subpart becomes one U+FFFD as Unicode
 * recommends.  In a NUL-terminated string (n = SIZE_MAX) a NUL is never a
 * continuation byte, so this never reads past the end.
 */
size_t
sanitize_utf8(const unsigned char *s, size_t n, int32_t *cp)
{
	unsigned char	c = s[0], lo, hi;
	size_t		need, i;
	int32_t		v;

	*cp = SANITIZE_INVALID;
	if (c < 0x80) {
		*cp = c;
		return (1);
	}
	if (c < 0xc2)
		return (1);
	if (c < 0xe0) {
		need = 1;
		lo = 0x80;
		hi = 0xbf;
		v = c & 0x1f;
	} else if (c < 0xf0) {
		need = 2;
		lo = (c == 0xe0) ? 0xa0 : 0x80;	/* no overlongs */
		hi = (c == 0xed) ? 0x9f : 0xbf;	/* no surrogates */
		v = c & 0x0f;
	} else if (c < 0xf5) {
		need = 3;
		lo = (c == 0xf0) ? 0x90 : 0x80;	/* no overlongs */
		hi = (c == 0xf4) ? 0x8f : 0xbf;	/* nothing past U+10FFFF */
		v = c & 0x07;
	} else
		return (1);

	if (n < 2 || s[1] < lo || s[1] > hi)
		return (1);
	v = (v << 6) | (s[1] & 0x3f);
	for (i = 2; i <= need; i++) {
		if (i >= n || s[i] < 0x80 || s[i] > 0xbf)
			return (i);
		v = (v << 6) | (s[i] & 0x3f);
	}
	*cp = v;
	return (need + 1);
}

/* The character at s of a NUL-terminated string. */
static size_t
sanitize_decode(const unsigned char *s, int32_t *cp)
{
	return (sanitize_utf8(s, SIZE_MAX, cp));
}

static size_t
sanitize_encode(int32_t cp, char *out)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return (1);
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return (2);
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return (3);
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return (4);
}

/*
 * Skip the body of a control sequence after its CSI introducer: parameter
 * bytes, intermediate bytes and one final byte (ECMA-48 5.4).  Anything else
 * ends it early and is left for the caller.
 */
static size_t
sanitize_skip_csi(const unsigned char *s)
{
	size_t	i = 0;

	while (s[i] >= 0x30 && s[i] <= 0x3f)
		i++;
	while (s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (s[i] >= 0x40 && s[i] <= 0x7e)
		i++;
	return (i);
}

/*
 * Skip the body of a control string (OSC, DCS, SOS, PM, APC) up to and
 * including its terminator: BEL, ESC \ or U+009C.  A terminal swallows an
 * unterminated string to the end, and so does this.  Any other ESC ends the
 * string too (as in xterm) but is left for the caller.
 */
static size_t
sanitize_skip_string(const unsigned char *s)
{
	size_t	i;

	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] == SANITIZE_BEL)
			return (i + 1);
		if (s[i] == SANITIZE_ESC)
			return (s[i + 1] == '\\' ? i + 2 : i);
		if (s[i] == 0xc2 && s[i + 1] == 0x9c)
			return (i + 2);
	}
	return (i);
}

/*
 * Skip an escape sequence starting at the ESC at s[0], so that what follows
 * the ESC is not left behind as visible junk ("[31m").
 */
static size_t
sanitize_skip_escape(const unsigned char *s)
{
	size_t	i;

	switch (s[1]) {
	case '[':
		return (2 + sanitize_skip_csi(s + 2));
	case ']':
	case 'P':
	case 'X':
	case '^':
	case '_':
		return (2 + sanitize_skip_string(s + 2));
	}

	/* nF sequences: intermediates then a final byte, as in ESC ( B. */
	i = 1;
	while (s[i] >= 0x20 && s[i] <= 0x2f)
		i++;
	if (s[i] >= 0x30 && s[i] <= 0x7e)
		i++;
	return (i);
}

/*
 * Characters that reorder or reshape the text around them without being
 * seen: bidi marks, embeddings, overrides and isolates, and the deprecated
 * format characters that switch symmetric swapping and Arabic shaping.
 */
static int
sanitize_reordering(int32_t cp)
{
	if (cp == 0x061c || cp == 0x200e || cp == 0x200f)
		return (1);		/* ALM, LRM, RLM */
	if (cp >= 0x202a && cp <= 0x202e)
		return (1);		/* bidi embeddings and overrides */
	if (cp >= 0x2066 && cp <= 0x206f)
		return (1);		/* bidi isolates, deprecated formats */
	return (0);
}

/*
 * Noncharacters (U+FDD0..U+FDEF and the last two code points of every
 * plane) have no glyph and no width: terminals draw them as anything from
 * nothing to a box, so a table's columns would not line up.
 */
static int
sanitize_nonchar(int32_t cp)
{
	return ((cp >= 0xfdd0 && cp <= 0xfdef) || (cp & 0xfffe) == 0xfffe);
}

/*
 * Characters whose effect on width terminals disagree about: the zero width
 * joiner (tmux draws an emoji ZWJ sequence in two columns, wcwidth() counts
 * four) and the emoji and text presentation selectors.  A screen drawn with
 * the wrong widths puts curses' idea of the cursor in the wrong place and
 * garbles the lines after it; without them every emoji has its own width.
 */
static int
sanitize_width_ambiguous(int32_t cp)
{
	return (cp == 0x200d || cp == 0xfe0e || cp == 0xfe0f);
}

/* Characters that are removed outright rather than shown. */
static int
sanitize_dropped(int32_t cp)
{
	if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
		return (1);		/* C0, DEL and C1 */
	return (sanitize_reordering(cp) || sanitize_width_ambiguous(cp));
}

char *
sanitize_text(const char *text, size_t max_bytes)
{
	struct buf		 out = BUF_INIT;
	const unsigned char	*s;
	char			 enc[4];
	size_t			 n, enclen;
	int32_t			 cp;

	s = (const unsigned char *)(text == NULL ? "" : text);
	while (*s != '\0') {
		/* A run of printable ASCII is kept as it is, in one copy. */
		for (n = 0; s[n] >= 0x20 && s[n] < 0x7f; n++)
			;
		if (n > 0) {
			if (max_bytes != 0 && out.len + n > max_bytes)
				n = max_bytes - out.len;
			buf_add(&out, s, n);
			if (max_bytes != 0 && out.len == max_bytes)
				break;
			s += n;
			continue;
		}
		if (*s == SANITIZE_ESC) {
			s += sanitize_skip_escape(s);
			continue;
		}
		n = sanitize_decode(s, &cp);
		s += n;

		/* The 8-bit forms of CSI and the string introducers. */
		if (cp == 0x9b) {
			s += sanitize_skip_csi(s);
			continue;
		}
		if (cp == 0x90 || cp == 0x98 || cp == 0x9d || cp == 0x9e ||
		    cp == 0x9f) {
			s += sanitize_skip_string(s);
			continue;
		}

		/* Line and paragraph separators are line breaks too. */
		if (cp == '\n' || cp == '\t' || cp == '\r' ||
		    cp == 0x2028 || cp == 0x2029)
			cp = ' ';
		else if (cp == SANITIZE_INVALID || sanitize_nonchar(cp))
			cp = SANITIZE_REPLACEMENT;
		else if (sanitize_dropped(cp))
			continue;

		enclen = sanitize_encode(cp, enc);
		if (max_bytes != 0 && out.len + enclen > max_bytes)
			break;
		buf_add(&out, enc, enclen);
	}
	return (buf_detach(&out));
}

int
sanitize_json_escapes(int32_t cp)
{
	return ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
	    (cp >= 0x7f && cp <= 0x9f) || cp == 0x2028 || cp == 0x2029 ||
	    sanitize_reordering(cp));
}

char *
sanitize_json(const char *json)
{
	struct buf		 out = BUF_INIT;
	const unsigned char	*s, *start;
	size_t			 n, i;
	int32_t			 cp;

	s = (const unsigned char *)(json == NULL ? "" : json);
	while (*s != '\0') {
		/* A run of printable ASCII goes as it is, in one piece. */
		for (start = s; (*s >= 0x20 && *s < 0x7f) || *s == '\t' ||
		    *s == '\n' || *s == '\r'; s++)
			;
		if (s > start) {
			buf_add(&out, start, (size_t)(s - start));
			continue;
		}
		n = sanitize_decode(s, &cp);
		s += n;
		if (cp == SANITIZE_INVALID) {
			for (i = 0; i < n; i++)
				buf_printf(&out, "\\u%04x", start[i]);
			continue;
		}
		if (sanitize_json_escapes(cp)) {
			buf_printf(&out, "\\u%04x", (unsigned)cp);
			continue;
		}
		buf_add(&out, start, n);
	}
	return (buf_detach(&out));
}
