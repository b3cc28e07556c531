/*
 * atom: an Atom 1.0 feed.  See atom.h.
 */
#include "config.h"

#include "codec/atom.h"

#include <stdlib.h>

#include "util/clock.h"
#include "util/sanitize.h"

/* The longest text kept of one string, in bytes. */
#define ATOM_TEXT_MAX	4096

void
atom_text(struct buf *b, const char *s)
{
	char		*clean, *p;

	clean = sanitize_text(s != NULL ? s : "", ATOM_TEXT_MAX);
	for (p = clean; *p != '\0'; p++) {
		switch (*p) {
		case '&':
			buf_addstr(b, "&amp;");
			break;
		case '<':
			buf_addstr(b, "&lt;");
			break;
		case '>':
			buf_addstr(b, "&gt;");
			break;
		case '"':
			buf_addstr(b, "&quot;");
			break;
		case '\'':
			buf_addstr(b, "&apos;");
			break;
		default:
			buf_addch(b, *p);
			break;
		}
	}
	free(clean);
}

static void
atom_element(struct buf *b, const char *indent, const char *name,
    const char *text)
{
	buf_printf(b, "%s<%s>", indent, name);
	atom_text(b, text);
	buf_printf(b, "</%s>\n", name);
}

static void
atom_updated(struct buf *b, const char *indent, int64_t ms)
{
	char	*iso;

	iso = clock_format_iso(ms / 1000);
	buf_printf(b, "%s<updated>%s</updated>\n", indent,
	    iso[0] == '?' ? "1970-01-01T00:00:00Z" : iso);
	free(iso);
}

void
atom_begin(struct buf *b, const char *id, const char *title,
    int64_t updated_ms)
{
	buf_addstr(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
	atom_element(b, "  ", "id", id);
	atom_element(b, "  ", "title", title);
	atom_updated(b, "  ", updated_ms);
	buf_addstr(b, "  <author><name>orbrowse</name></author>\n");
}

void
atom_entry(struct buf *b, const char *id, const char *title,
    int64_t updated_ms, const char *const *lines, size_t nlines)
{
	size_t	i;

	buf_addstr(b, "  <entry>\n");
	atom_element(b, "    ", "id", id);
	atom_element(b, "    ", "title", title);
	atom_updated(b, "    ", updated_ms);
	buf_addstr(b, "    <content type=\"text\">");
	for (i = 0; i < nlines; i++) {
		if (i > 0)
			buf_addch(b, '\n');
		atom_text(b, lines[i]);
	}
	buf_addstr(b, "</content>\n  </entry>\n");
}

void
atom_end(struct buf *b)
{
	buf_addstr(b, "</feed>\n");
}
