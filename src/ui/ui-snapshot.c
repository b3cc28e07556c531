/*
 * ui-snapshot: a stored snapshot's JSON document, and the values a JSON
 * Pointer walks through in it.
 */
#include "config.h"

#include "ui/ui-snapshot.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

json_t *
ui_snapshot_doc(struct store *store, const char *hash,
    const char *endpoint_id, char **cause)
{
	struct buf	 raw = BUF_INIT;
	json_error_t	 jerr;
	json_t		*root = NULL, *ep;
	const char	*id;

	if (store_blob_text(store, hash, &raw, cause) != 0)
		goto out;
	if ((root = json_loadb(raw.data, raw.len, JSON_DECODE_ANY,
	    &jerr)) == NULL) {
		*cause = xasprintf(_("blob %s: stored JSON does not parse: %s"),
		    hash, jerr.text);
		goto out;
	}
	/* An endpoint known only from the catalogue shares its entry's blob:
	 * its own object is the entry's "endpoint" member. */
	if (endpoint_id != NULL) {
		ep = json_object_get(root, "endpoint");
		id = json_string_value(json_object_get(ep, "id"));
		if (json_is_object(ep) && id != NULL &&
		    strcmp(id, endpoint_id) == 0) {
			json_incref(ep);
			json_decref(root);
			root = ep;
		}
	}
out:
	buf_free(&raw);
	return (root);
}

size_t
ui_snapshot_pointer(const json_t *root, const char *path,
    const json_t **chain, size_t max)
{
	const json_t	*v, *next;
	struct buf	 tok = BUF_INIT;
	const char	*p = path, *end;
	size_t		 n = 0, idx;
	char		*stop;

	v = root;
	chain[n++] = v;
	while (*p == '/' && n < max) {
		p++;
		end = strchr(p, '/');
		if (end == NULL)
			end = p + strlen(p);
		buf_reset(&tok);
		for (; p < end; p++) {
			if (p[0] == '~' && p[1] == '1') {
				buf_addch(&tok, '/');
				p++;
			} else if (p[0] == '~' && p[1] == '0') {
				buf_addch(&tok, '~');
				p++;
			} else
				buf_addch(&tok, *p);
		}
		next = NULL;
		if (json_is_object(v))
			next = json_object_getn(v, buf_str(&tok), tok.len);
		else if (json_is_array(v) && tok.len > 0) {
			errno = 0;
			idx = strtoul(buf_str(&tok), &stop, 10);
			if (errno == 0 && *stop == '\0')
				next = json_array_get(v, idx);
		}
		if (next == NULL)
			break;
		chain[n++] = v = next;
	}
	buf_free(&tok);
	return (n);
}
