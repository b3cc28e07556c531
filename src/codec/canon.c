#include "config.h"

#include "codec/canon.h"

#include <stddef.h>

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
