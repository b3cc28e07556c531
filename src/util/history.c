/*
 * history: recalled prompt lines, bounded and without duplicates.
 */
#include "config.h"

#include "util/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/xmalloc.h"

void
history_init(struct history *h, size_t max)
{
	memset(h, 0, sizeof *h);
	h->max = max > 0 ? max : 1;
}

void
history_rewind(struct history *h)
{
	h->at = h->n;
	free(h->draft);
	h->draft = NULL;
}

void
history_free(struct history *h)
{
	size_t	i;

	for (i = 0; i < h->n; i++)
		free(h->lines[i]);
	free(h->lines);
	free(h->draft);
	history_init(h, h->max);
}

/* Whether line can be kept: not empty, short, one line of text. */
static int
history_acceptable(const char *line)
{
	const unsigned char	*p;

	if (*line == '\0' || strlen(line) > HISTORY_LINE_MAX)
		return (0);
	for (p = (const unsigned char *)line; *p != '\0'; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return (0);
	}
	return (1);
}

void
history_add(struct history *h, const char *line)
{
	size_t	i;

	if (!history_acceptable(line))
		return;
	for (i = 0; i < h->n; i++) {
		if (strcmp(h->lines[i], line) == 0) {
			free(h->lines[i]);
			memmove(&h->lines[i], &h->lines[i + 1],
			    (h->n - i - 1) * sizeof *h->lines);
			h->n--;
			break;
		}
	}
	while (h->n >= h->max) {
		free(h->lines[0]);
		memmove(&h->lines[0], &h->lines[1],
		    (h->n - 1) * sizeof *h->lines);
		h->n--;
	}
	h->lines = xreallocarray(h->lines, h->n + 1, sizeof *h->lines);
	h->lines[h->n++] = xstrdup(line);
	history_rewind(h);
}

static void
history_load_line(void *arg, char *line)
{
	history_add(arg, line);
}

int
history_load(struct history *h, const char *path, char **cause)
{
	return (path_read_lines(path, HISTORY_LINE_MAX, history_load_line, h,
	    cause));
}

int
history_save(const struct history *h, const char *path, char **cause)
{
	struct buf	b = BUF_INIT;
	size_t		i;
	int		rc;

	for (i = 0; i < h->n; i++) {
		buf_addstr(&b, h->lines[i]);
		buf_addch(&b, '\n');
	}
	rc = path_replace(path, buf_str(&b), b.len, cause);
	buf_free(&b);
	return (rc);
}

const char *
history_step(struct history *h, int older, const char *current)
{
	if (h->at > h->n)
		h->at = h->n;
	if (older) {
		if (h->at == 0)
			return (NULL);
		if (h->at == h->n) {
			free(h->draft);
			h->draft = xstrdup(current != NULL ? current : "");
		}
		return (h->lines[--h->at]);
	}
	if (h->at >= h->n)
		return (NULL);
	if (++h->at == h->n)
		return (h->draft != NULL ? h->draft : "");
	return (h->lines[h->at]);
}
