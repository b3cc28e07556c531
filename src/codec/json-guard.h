/*
 * json-guard: a budget and a few repairs, on a JSON text, before a tree is
 * built from it.
 *
 * One pass over the bytes, allocating nothing, before jansson parses a
 * response or a file:
 *
 *   budget   a document nested deeper than max_depth, with more than
 *            max_values values (every scalar, array and object counts,
 *            member names do not) or with a string longer than max_string
 *            bytes is refused, with a message saying which, before any
 *            tree is built; so a hostile payload costs its bytes and no
 *            more.
 *   repairs  a value jansson would refuse for its own sake makes no longer
 *            a whole response lost; the text is changed in place, to the
 *            same length, and each repair is counted:
 *              \u0000 in a string          becomes \ufffd (jansson refuses
 *                                           NUL without JSON_ALLOW_NUL)
 *              a lone UTF-16 surrogate      becomes \ufffd
 *              (\ud800-\udfff unpaired)
 *              a number out of range        becomes null, padded with
 *              (an integer beyond int64,    spaces
 *              a real beyond double)
 *
 * What is not JSON at all is left as it is for jansson to report with its
 * line and column: the guard never reads outside the text and never makes
 * an invalid document valid.
 */
#ifndef ORBROWSE_CODEC_JSON_GUARD_H
#define ORBROWSE_CODEC_JSON_GUARD_H

#include <stddef.h>

/*
 * Budgets for a document parsed whole (an endpoint listing, a metric
 * series, an imported file that is not a model list): as deep as jansson
 * parses (2,048), 100,000 values (a real listing has a few thousand, the
 * largest real document parsed whole 3,000; a tree costs 40 bytes a number
 * and up to some 200 a member of an object of strings, so this keeps a
 * tree's values within about 20 MB; the bytes of its strings come on
 * top, bounded by the size of a response or file), strings of 8 MiB.
 * Model lists and catalogues (50,000 values in 2025, 270,000 in the scale
 * set) are walked one element at a time (codec/jlist.h), each element
 * within this budget.
 */
#define JSON_GUARD_DEPTH	2048
#define JSON_GUARD_VALUES	100000
#define JSON_GUARD_STRING	(8 * 1024 * 1024)
/* The deepest any limit may ask for. */
#define JSON_GUARD_DEPTH_MAX	4096
/* A list walked one element at a time (codec/jlist.h) may hold more. */
#define JSON_GUARD_LIST_VALUES	8000000

struct json_guard_limits {
	size_t	 max_depth;
	size_t	 max_values;
	size_t	 max_string;	/* bytes between the quotes, escaped */
};

struct json_guard_report {
	size_t	 values;
	size_t	 depth;		/* the deepest nesting seen */
	size_t	 nul;		/* \u0000 replaced */
	size_t	 surrogates;	/* lone surrogates replaced */
	size_t	 numbers;	/* numbers out of range nulled */
};

/* The whole-document budgets above. */
extern const struct json_guard_limits json_guard_tree;
/* The same with JSON_GUARD_LIST_VALUES. */
extern const struct json_guard_limits json_guard_list;

/*
 * Check text (len bytes, changed in place by the repairs) against lim.
 * Returns 0 (the report says what was repaired), or -1 with *why (caller
 * frees; translated) when a budget is exceeded.
 */
int	json_guard(char *text, size_t len, const struct json_guard_limits *lim,
	    struct json_guard_report *rep, char **why);
/*
 * The values of the one value at text[pos] (an element of a list, the
 * value of a member), counted as json_guard() counts a document (one for
 * it, one for each comma in it and for each array or object in it that
 * holds something), up to max + 1: the scan stops there.  For text that
 * has passed json_guard(); on any other the count means nothing, but no
 * byte past len is read.
 */
size_t	json_guard_value_count(const char *text, size_t len, size_t pos,
	    size_t max);
/*
 * The same budget while a text arrives, before it is all there: a response
 * or a file fed to json_guard_feed() chunk by chunk is refused as soon as
 * it has more values, deeper nesting or a longer string than lim allows,
 * so that a 64 MB document of numbers costs the few megabytes read until
 * then, not 64 MB and its tree.  Values are counted as json_guard() counts
 * them (one for the root, one more for each comma and for each array or
 * object that holds something); what is not JSON is left for the parser.
 * Zero the state (JSON_GUARD_STREAM_INIT) before the first chunk.
 */
struct json_guard_stream {
	size_t	 values;
	size_t	 depth;
	size_t	 string;	/* bytes of the string being read */
	int	 in_string;
	int	 escape;
	int	 opened;	/* the last token opened an array or object */
	int	 started;	/* the root value has begun */
	size_t	 digits;	/* bytes of the number being read */
	int	 in_number;
	/*
	 * json_guard() might repair something: a \u escape was seen (a NUL
	 * or a lone surrogate), or a number (as json_guard() reads one) of
	 * more than JSON_GUARD_SURE_DIGITS bytes or with an exponent (out of
	 * range).  When it is 0 and the values are within a budget,
	 * json_guard() of the whole text with that budget has nothing to do
	 * (json_guard_fed()).
	 */
	int	 suspect;
};
#define JSON_GUARD_STREAM_INIT	{ 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }
#define JSON_GUARD_SURE_DIGITS	15

/* Returns 0, or -1 with *why (caller frees; translated). */
int	json_guard_feed(struct json_guard_stream *st, const char *p,
	    size_t len, const struct json_guard_limits *lim, char **why);
/*
 * Whether a text fed whole to st against fed (the same bytes, none
 * refused) needs no json_guard() against lim: fed held its depth and
 * strings to lim's or less, it has no more values than lim allows, and
 * nothing json_guard() would repair.  1 then, with *rep as json_guard()
 * would have made it but for the deepest nesting (0); else 0.
 */
int	json_guard_fed(const struct json_guard_stream *st,
	    const struct json_guard_limits *fed,
	    const struct json_guard_limits *lim, struct json_guard_report *rep);

/* Repairs made, in all. */
size_t	json_guard_repairs(const struct json_guard_report *);
/*
 * "2 values repaired (1 NUL character, 1 lone surrogate, 0 numbers out of
 * range)": a warning's text, or NULL when nothing was repaired.
 */
char	*json_guard_describe(const struct json_guard_report *);

#endif
