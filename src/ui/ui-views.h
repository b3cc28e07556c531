/*
 * ui-views: named views of the endpoints screen -- its filter, sort and
 * columns saved under a name in the views file (util/views.h) -- and the
 * ':' commands that use them: `:save NAME`, `:view NAME` and `:view`,
 * which lists the names.
 *
 * ui_views_command() runs one of them (cmd "save" or "view", arg the rest
 * of the line, borrowed), saying what it did on the status line; it
 * returns 1 when a view was opened, so that the caller shows the
 * endpoints screen (pops the screens above it), else 0.
 *
 * The endpoints screen gives and takes its state as a struct view
 * (screen-endpoints.c): screen_endpoints_view_get() fills one (the caller
 * frees its strings; name stays NULL), screen_endpoints_view_set() applies
 * one whole or, returning -1 with *cause (caller frees), not at all.
 */
#ifndef ORBROWSE_UI_VIEWS_H
#define ORBROWSE_UI_VIEWS_H

#include "ui/ui.h"
#include "util/views.h"

int	ui_views_command(struct ui *, const char *cmd, const char *arg);

void	screen_endpoints_view_get(struct screen *, struct view *);
int	screen_endpoints_view_set(struct screen *, const struct view *,
	    char **cause);

#endif
