/*
 * views: named views (filter, sort, columns) and their file.
 */
#include "config.h"

#include "util/views.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/xmalloc.h"

static void
view_clear(struct view *v)
{
	free(v->name);
	free(v->sort);
	free(v->columns);
	free(v->filter);
	memset(v, 0, sizeof *v);
}

void
views_free(struct views *vs)
{
	size_t	i;

	for (i = 0; i < vs->n; i++)
		view_clear(&vs->v[i]);
	free(vs->v);
	vs->v = NULL;
	vs->n = 0;
}

int
views_name_ok(const char *name)
{
	size_t	i;

	for (i = 0; name[i] != '\0'; i++) {
		if (i >= VIEWS_NAME_MAX || (!isalnum((unsigned char)name[i]) &&
		    strchr("._-", name[i]) == NULL))
			return (0);
	}
	return (i > 0);
}

/* Whether s can be a field: no tab, newline or other control. */
static int
views_field_ok(const char *s)
{
	for (; *s != '\0'; s++) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return (0);
	}
	return (1);
}

int
views_parse_line(const char *line, struct view *v)
{
	const char	*f[4], *p = line;
	size_t		 len[4];
	int		 i;

	memset(v, 0, sizeof *v);
	if (strlen(line) > VIEWS_LINE_MAX)
		return (-1);
	for (i = 0; i < 4; i++) {
		f[i] = p;
		p = i < 3 ? strchr(p, '\t') : p + strlen(p);
		if (p == NULL)
			return (-1);
		len[i] = (size_t)(p - f[i]);
		if (i < 3)
			p++;
	}
	v->name = xstrndup(f[0], len[0]);
	v->sort = xstrndup(f[1], len[1]);
	v->columns = xstrndup(f[2], len[2]);
	v->filter = xstrndup(f[3], len[3]);
	if (!views_name_ok(v->name) || !views_field_ok(v->sort) ||
	    !views_field_ok(v->columns) || !views_field_ok(v->filter)) {
		view_clear(v);
		return (-1);
	}
	return (0);
}

const struct view *
views_find(const struct views *vs, const char *name)
{
	size_t	i;

	for (i = 0; i < vs->n; i++) {
		if (strcmp(vs->v[i].name, name) == 0)
			return (&vs->v[i]);
	}
	return (NULL);
}

int
views_set(struct views *vs, const struct view *v, char **cause)
{
	struct view	*slot;
	size_t		 i;

	if (!views_name_ok(v->name)) {
		*cause = xasprintf(_("a view's name is 1 to %d letters, digits, "
		    ". _ or -"), VIEWS_NAME_MAX);
		return (-1);
	}
	if (!views_field_ok(v->sort) || !views_field_ok(v->columns) ||
	    !views_field_ok(v->filter) || strlen(v->filter) + strlen(v->sort) +
	    strlen(v->columns) + VIEWS_NAME_MAX + 3 > VIEWS_LINE_MAX) {
		*cause = xstrdup(_("this view cannot be saved"));
		return (-1);
	}
	for (i = 0, slot = NULL; i < vs->n && slot == NULL; i++) {
		if (strcmp(vs->v[i].name, v->name) == 0)
			slot = &vs->v[i];
	}
	if (slot == NULL) {
		if (vs->n >= VIEWS_MAX) {
			*cause = xasprintf(_("at most %d views"), VIEWS_MAX);
			return (-1);
		}
		vs->v = xreallocarray(vs->v, vs->n + 1, sizeof *vs->v);
		slot = &vs->v[vs->n++];
		memset(slot, 0, sizeof *slot);
	} else
		view_clear(slot);
	slot->name = xstrdup(v->name);
	slot->sort = xstrdup(v->sort);
	slot->columns = xstrdup(v->columns);
	slot->filter = xstrdup(v->filter);
	return (0);
}

static void
views_load_line(void *arg, char *line)
{
	struct views	*vs = arg;
	struct view	 v;
	char		*why = NULL;

	if (views_parse_line(line, &v) != 0)
		return;
	if (views_set(vs, &v, &why) != 0)
		free(why);
	view_clear(&v);
}

int
views_load(struct views *vs, const char *path, char **cause)
{
	return (path_read_lines(path, VIEWS_LINE_MAX, views_load_line, vs,
	    cause));
}

int
views_save(const struct views *vs, const char *path, char **cause)
{
	struct buf	b = BUF_INIT;
	size_t		i;
	int		rc;

	for (i = 0; i < vs->n; i++)
		buf_printf(&b, "%s\t%s\t%s\t%s\n", vs->v[i].name,
		    vs->v[i].sort, vs->v[i].columns, vs->v[i].filter);
	rc = path_replace(path, buf_str(&b), b.len, cause);
	buf_free(&b);
	return (rc);
}

char *
views_names(const struct views *vs)
{
	struct buf	b = BUF_INIT;
	size_t		i;

	for (i = 0; i < vs->n; i++) {
		if (i > 0)
			buf_addstr(&b, ", ");
		buf_addstr(&b, vs->v[i].name);
	}
	return (buf_detach(&b));
}
