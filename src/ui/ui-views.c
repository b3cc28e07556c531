/*
 * ui-views: `:save NAME`, `:view NAME` and `:view` over the views file.
 */
#include "config.h"

#include "ui/ui-views.h"

#include <stdlib.h>
#include <string.h>

#include "ui/screens.h"
#include "util/i18n.h"
#include "util/path.h"
#include "util/xmalloc.h"

/* The endpoints screen of the stack (the bottom one), or NULL. */
static struct screen *
ui_views_endpoints(struct ui *ui)
{
	struct screen	*s;

	for (s = ui->top; s != NULL; s = s->below) {
		if (s->ops == &screen_endpoints_ops)
			return (s);
	}
	return (NULL);
}

static void
ui_views_save(struct ui *ui, struct screen *s, struct views *vs,
    const char *path, const char *name)
{
	struct view	 v;
	char		*cause = NULL;

	memset(&v, 0, sizeof v);
	screen_endpoints_view_get(s, &v);
	v.name = xstrdup(name);
	if (views_set(vs, &v, &cause) != 0 ||
	    views_save(vs, path, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	} else
		ui_message(ui, 0, _("view \"%s\" saved: filter %s, sort %s, "
		    "columns %s"), name, *v.filter != '\0' ? v.filter : "-",
		    v.sort, v.columns);
	free(v.name);
	free(v.sort);
	free(v.columns);
	free(v.filter);
}

int
ui_views_command(struct ui *ui, const char *cmd, const char *arg)
{
	struct screen		*s;
	struct views		 vs = { NULL, 0 };
	const struct view	*v;
	char			*path, *cause = NULL, *names;
	int			 rc = 0;

	if ((s = ui_views_endpoints(ui)) == NULL)
		return (0);
	if ((path = path_data_file("views", &cause)) == NULL ||
	    views_load(&vs, path, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		free(path);
		return (0);
	}
	if (arg != NULL && *arg == '\0')
		arg = NULL;
	if (strcmp(cmd, "save") == 0) {
		if (arg == NULL)
			ui_message(ui, 1, "%s", _("usage: :save NAME"));
		else
			ui_views_save(ui, s, &vs, path, arg);
	} else if (arg == NULL) {
		names = views_names(&vs);
		if (vs.n == 0)
			ui_message(ui, 0, "%s", _("no views saved yet "
			    "(:save NAME saves one)"));
		else
			ui_message(ui, 0, _("views: %s (:view NAME opens "
			    "one)"), names);
		free(names);
	} else if ((v = views_find(&vs, arg)) == NULL) {
		names = views_names(&vs);
		ui_message(ui, 1, _("no view \"%s\" (views: %s)"), arg,
		    vs.n > 0 ? names : "-");
		free(names);
	} else if (screen_endpoints_view_set(s, v, &cause) != 0) {
		ui_message(ui, 1, _("view \"%s\": %s"), arg, cause);
		free(cause);
	} else {
		ui_message(ui, 0, _("view \"%s\""), arg);
		rc = 1;
	}
	views_free(&vs);
	free(path);
	return (rc);
}
