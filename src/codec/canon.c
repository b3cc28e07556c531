#include "config.h"

#include "codec/canon.h"

#include <stddef.h>
#include <string.h>

#include "util/buf.h"

/* jansson hands the encoding over in pieces; append each to the buffer. */
static int
canon_append(const char *data, size_t size, void *arg)
{
	struct buf	*out = arg;

	buf_add(out, data, size);
	return (0);
}

int
canon_dump(const json_t *v, struct buf *out)
{
	buf_reset(out);
	if (v == NULL)
		return (-1);

	/*
	 * The callback never fails, so -1 here means jansson refused the
	 * value itself (a NaN or infinite real, or a cycle); drop whatever
	 * part of it was already written.
	 */
	if (json_dump_callback(v, canon_append, out, CANON_FLAGS) != 0) {
		buf_reset(out);
		return (-1);
	}
	return (0);
}

/* The index of the quote that ends the string opening at c[i], or len. */
static size_t
canon_string_end(const char *c, size_t len, size_t i)
{
	for (i++; i < len; i++) {
		if (c[i] == '\\')
			i++;
		else if (c[i] == '"')
			return (i);
	}
	return (len);
}

/* The end (one past) of the value starting at c[i], or len when cut. */
static size_t
canon_value_end(const char *c, size_t len, size_t i)
{
	size_t	depth = 0;

	for (; i < len; i++) {
		switch (c[i]) {
		case '"':
			if ((i = canon_string_end(c, len, i)) >= len)
				return (len);
			if (depth == 0)
				return (i + 1);
			break;
		case '{':
		case '[':
			depth++;
			break;
		case '}':
		case ']':
			if (depth == 0)
				return (i);
			if (--depth == 0)
				return (i + 1);
			break;
		case ',':
			if (depth == 0)
				return (i);
			break;
		}
	}
	return (len);
}

static int
canon_key_wanted(const char *key, size_t n, const char *const *keys)
{
	for (; *keys != NULL; keys++) {
		if (strlen(*keys) == n && memcmp(*keys, key, n) == 0)
			return (1);
	}
	return (0);
}

size_t
canon_split(const char *c, size_t len, const char *const *keys,
    struct canon_span parts[CANON_PARTS])
{
	size_t	i, k, v, e, n = 0;

	if (len < 2 || c[0] != '{')
		return (0);
	for (i = 1; i < len && c[i] == '"' && n < CANON_PARTS; i = e + 1) {
		/* A key (it has no escapes when it is one of keys). */
		if ((k = canon_string_end(c, len, i)) + 1 >= len ||
		    c[k + 1] != ':')
			break;
		v = k + 2;
		if ((e = canon_value_end(c, len, v)) >= len)
			break;
		if (c[v] == '{' && e - v >= CANON_PART_MIN &&
		    canon_key_wanted(c + i + 1, k - i - 1, keys)) {
			parts[n].off = v;
			parts[n].len = e - v;
			n++;
		}
		if (c[e] != ',')
			break;
	}
	return (n);
}

void
canon_skeleton(const char *c, size_t len, const struct canon_span *parts,
    size_t n, struct buf *skel, size_t at[CANON_PARTS])
{
	size_t	i, from = 0;

	buf_reset(skel);
	for (i = 0; i < n; i++) {
		buf_add(skel, c + from, parts[i].off - from);
		at[i] = skel->len;
		from = parts[i].off + parts[i].len;
	}
	buf_add(skel, c + from, len - from);
}

int
canon_splice(const char *skel, size_t skel_len, const size_t *at,
    const struct buf *parts, size_t n, struct buf *out)
{
	size_t	i, from = 0;

	buf_reset(out);
	for (i = 0; i < n; i++) {
		if (at[i] < from || at[i] > skel_len)
			return (-1);
		buf_add(out, skel + from, at[i] - from);
		buf_add(out, parts[i].data, parts[i].len);
		from = at[i];
	}
	buf_add(out, skel + from, skel_len - from);
	return (0);
}
