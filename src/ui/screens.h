/*
 * screens: each screen's vtable and constructor, for the registry in ui.c
 * (ui_open) and for the screens' own files.  A screen never calls another
 * screen: it asks ui_open() for it by its enum screen_id (ui.h).
 *
 * screen_NAME_new() makes the screen's data from arg, which is borrowed
 * for the call only (the data keeps copies).  It returns NULL, having said
 * why with ui_message(), when there is nothing to show; ui_open() then
 * pushes nothing.  The stack owns the data once pushed and the screen's
 * leave() frees it.  The endpoints screen's enter() makes its data unless
 * its constructor made it (opened with a filter).
 */
#ifndef ORBROWSE_SCREENS_H
#define ORBROWSE_SCREENS_H

#include "ui/ui.h"

extern const struct screen_ops screen_endpoints_ops;
extern const struct screen_ops screen_help_ops;
extern const struct screen_ops screen_model_ops;
extern const struct screen_ops screen_inspect_ops;
extern const struct screen_ops screen_metrics_ops;
extern const struct screen_ops screen_runs_ops;
extern const struct screen_ops screen_run_detail_ops;
extern const struct screen_ops screen_sync_ops;
extern const struct screen_ops screen_models_ops;
extern const struct screen_ops screen_providers_ops;
extern const struct screen_ops screen_author_ops;
extern const struct screen_ops screen_history_ops;
extern const struct screen_ops screen_changes_ops;
extern const struct screen_ops screen_compare_ops;

/* arg->of: the screen whose keys are shown (NULL: the global ones only). */
void	*screen_help_new(struct ui *, const struct screen_arg *);
/* arg->model_key. */
void	*screen_model_new(struct ui *, const struct screen_arg *);
/* arg->endpoint_id, or NULL for arg->model_key's own snapshot (the
 * catalogue entry first); arg->model_key may be NULL for an endpoint.
 * arg->run_id, when not 0: the snapshot that run stored, in the diff view
 * (what that run changed). */
void	*screen_inspect_new(struct ui *, const struct screen_arg *);
/* arg->endpoint_id, or NULL for every endpoint of arg->model_key. */
void	*screen_metrics_new(struct ui *, const struct screen_arg *);
void	*screen_runs_new(struct ui *, const struct screen_arg *);
/* arg->run_id. */
void	*screen_run_detail_new(struct ui *, const struct screen_arg *);
void	*screen_sync_new(struct ui *, const struct screen_arg *);
void	*screen_models_new(struct ui *, const struct screen_arg *);
void	*screen_providers_new(struct ui *, const struct screen_arg *);
/* arg->author, else the author of arg->model_key. */
void	*screen_author_new(struct ui *, const struct screen_arg *);
/* arg->model_key; arg->endpoint_id (may be NULL): the listing shown
 * first. */
void	*screen_history_new(struct ui *, const struct screen_arg *);
void	*screen_changes_new(struct ui *, const struct screen_arg *);
/* The models marked (ui->marks), 2 to 6 of them. */
void	*screen_compare_new(struct ui *, const struct screen_arg *);
/* arg->filter: the endpoints screen opened with that filter (NULL: the
 * first screen, which its enter() makes). */
void	*screen_endpoints_new(struct ui *, const struct screen_arg *);

#endif
