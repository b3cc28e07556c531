/*
 * json-lines: a JSON document laid out as pretty-printed lines, with
 * objects and arrays that fold, for the snapshot inspector.
 *
 * json_lines_new() walks the document once and makes one line per scalar
 * member and two per object or array (the opening line with its key and
 * the closing bracket; an empty one is a single line), object keys in byte
 * order.  The lines borrow the
 * document: it must outlive the struct json_lines.  Which lines are shown
 * depends on the fold state; `vis` lists the shown lines (indices into
 * `line`, ascending) and is rebuilt by every function that changes a fold.
 *
 * Everything stays bounded whatever the document: an object or array
 * nested deeper than JSON_LINES_MAX_DEPTH is one line that does not
 * unfold (JL_DEEP), a container whose members would pass max_lines ends
 * with one JL_MORE line, and json_lines_text() cuts keys and strings to
 * JSON_LINES_TEXT_MAX bytes.
 *
 * Texts are made from network data: json_lines_text() escapes what JSON
 * escapes plus the C1 controls and the bidi controls, but the caller still
 * draws them through the sanitiser.  Nothing here touches the terminal.
 */
#ifndef ORBROWSE_CODEC_JSON_LINES_H
#define ORBROWSE_CODEC_JSON_LINES_H

#include <stddef.h>

#include <jansson.h>

#include "util/buf.h"

#define JSON_LINES_MAX_DEPTH	64
#define JSON_LINES_TEXT_MAX	2048
#define JSON_LINES_MAX		1000000
#define JSON_LINES_NONE		((size_t)-1)

enum jl_kind {
	JL_OPEN,	/* "key": {  or  "key": [ */
	JL_CLOSE,	/* } or ] */
	JL_SCALAR,	/* "key": value */
	JL_DEEP,	/* a container nested too deep to lay out */
	JL_MORE		/* members left out to stay under max_lines */
};

struct jl_line {
	enum jl_kind	 kind;
	int		 depth;		/* 0 for the document itself */
	int		 folded;	/* JL_OPEN only */
	int		 comma;		/* a ',' follows */
	const char	*key;		/* borrowed; NULL outside objects */
	size_t		 keylen;
	const json_t	*value;		/* borrowed (CLOSE: the container); NULL
					   for JL_MORE */
	size_t		 match;		/* OPEN <-> CLOSE; else NONE */
	size_t		 parent;	/* the enclosing JL_OPEN, or NONE */
	size_t		 count;		/* members (OPEN, DEEP), left out (MORE) */
};

struct json_lines {
	struct jl_line	*line;
	size_t		 n;
	size_t		*vis;		/* shown lines */
	size_t		 nvis;
};

/* How a piece of a line's text is coloured. */
enum jl_class {
	JL_C_PUNCT,	/* brackets, ':' and ',' */
	JL_C_KEY,
	JL_C_STRING,
	JL_C_NUMBER,	/* numbers, true, false, null */
	JL_C_DIM	/* fold summaries and notes */
};

#define JL_SEGS_MAX	8

struct jl_text {
	struct buf	buf;		/* the whole line, without indent */
	int		nseg;
	struct {
		enum jl_class	cls;
		size_t		off, len;	/* into buf */
	}		seg[JL_SEGS_MAX];
};

/*
 * Lay out root (borrowed) in at most max_lines lines (0: JSON_LINES_MAX);
 * everything starts unfolded.  The caller frees with json_lines_free().
 */
struct json_lines *json_lines_new(const json_t *root, size_t max_lines);
void		 json_lines_free(struct json_lines *);

/* Fold or unfold one JL_OPEN line (others are ignored). */
void		 json_lines_fold(struct json_lines *, size_t idx, int folded);
/* Fold every container below the document, or unfold everything. */
void		 json_lines_fold_all(struct json_lines *, int folded);
/* Unfold the ancestors of line idx so that it is shown. */
void		 json_lines_reveal(struct json_lines *, size_t idx);
/* Position of line idx in vis, or of the shown line that hides it. */
size_t		 json_lines_vis_pos(const struct json_lines *, size_t idx);

/*
 * The text of line idx into t (reset first; a zeroed struct jl_text is
 * ready for use): the key, the value or bracket, and the comma, cut as the
 * header says.  ellipsis stands for folded or cut content ("..." or a
 * UTF-8 glyph).  The counts of folded lines are the caller's to add.
 */
void		 json_lines_text(const struct json_lines *, size_t idx,
		     const char *ellipsis, struct jl_text *);
void		 jl_text_free(struct jl_text *);

/*
 * Write s (len bytes) as a JSON string literal, quotes included, cut after
 * max bytes of input (0: no limit) with ellipsis before the closing quote.
 * Besides what JSON requires, C1 controls, bidi controls and U+2028/U+2029
 * are written as \u escapes; invalid UTF-8 bytes as \u00XX.
 */
void		 json_lines_quote(struct buf *, const char *s, size_t len,
		     size_t max, const char *ellipsis);

/*
 * Append the JSON text json to b with the code points json_lines_quote()
 * escapes beyond JSON's rules written as \u escapes: the same document,
 * safe to show on a terminal (for files a user may cat).
 */
void		 json_lines_safe(struct buf *b, const char *json);

/* Case-insensitive (ASCII) search for needle in hay; 1 when found. */
int		 json_lines_match(const char *hay, size_t haylen,
		     const char *needle);

#endif
