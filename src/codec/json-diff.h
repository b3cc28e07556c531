/*
 * json-diff: the differences between two JSON documents as RFC 6902 style
 * operations, for the snapshot inspector's diff view.
 *
 * Objects are compared key by key (keys in byte order), arrays index by
 * index: a longer array gives "add" operations for its extra elements, a
 * shorter one "remove" operations from the last element down, so applying
 * the list in order to the old document gives the new one.  Two values of
 * different types, or two different scalars, give one "replace".  Paths are
 * JSON Pointers (RFC 6901): "~" in a key is written "~0" and "/" is "~1";
 * the whole document is the empty path "".
 *
 * Everything stays bounded whatever the input: below JSON_DIFF_MAX_DEPTH
 * levels a differing subtree is one "replace" of the whole subtree, the
 * value texts are compact JSON cut to JSON_DIFF_TEXT_MAX bytes (on a UTF-8
 * character boundary, ending with "..."), and the list stops after
 * JSON_DIFF_MAX_OPS operations.
 *
 * Texts are copied from the documents as they are: they come from the
 * network, so whoever draws them sanitises them.  Nothing here touches the
 * terminal.
 */
#ifndef ORBROWSE_CODEC_JSON_DIFF_H
#define ORBROWSE_CODEC_JSON_DIFF_H

#include <stddef.h>

#include <jansson.h>

#define JSON_DIFF_MAX_DEPTH	128
#define JSON_DIFF_TEXT_MAX	240
#define JSON_DIFF_MAX_OPS	10000

enum json_diff_kind {
	JSON_DIFF_ADD,
	JSON_DIFF_REMOVE,
	JSON_DIFF_REPLACE
};

struct json_diff_op {
	enum json_diff_kind	 op;
	char			*path;		/* JSON Pointer */
	char			*old_text;	/* NULL for add */
	char			*new_text;	/* NULL for remove */
};

/*
 * Compare a (the old document) with b (the new one), both borrowed for the
 * call.  *ops gets an array of *n operations the caller frees with
 * json_diff_free() (NULL and 0 when the documents are equal).  Returns 0,
 * or 1 when the list was cut at JSON_DIFF_MAX_OPS.
 */
int		 json_diff(const json_t *a, const json_t *b,
		     struct json_diff_op **ops, size_t *n);
void		 json_diff_free(struct json_diff_op *, size_t);
/* "add", "remove" or "replace" (RFC 6902 names, not translated). */
const char	*json_diff_op_name(enum json_diff_kind);
/* Compact JSON of v cut as the operations' texts are; caller frees. */
char		*json_diff_text(const json_t *v);

#endif
