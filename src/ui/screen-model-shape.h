/*
 * screen-model-shape: the request shape the model screen ranks for, and
 * the keys that edit it (prompt:completion mix, request size, cache read
 * and write shares, reasoning tokens, web searches, time of day).
 *
 * A struct model_shape is plain data the model screen owns; nothing in it
 * is allocated.  The shape's time of day is either fixed by the user (t)
 * or "now", read from the clock each time model_shape_get() is called, so
 * the ranking follows the clock.  No price arithmetic here: the shape is
 * handed to project/cost.c as the `cheapest` command hands its options.
 */
#ifndef ORBROWSE_SCREEN_MODEL_SHAPE_H
#define ORBROWSE_SCREEN_MODEL_SHAPE_H

#include "project/cost.h"
#include "ui/ui.h"
#include "util/buf.h"

struct model_shape {
	struct cost_shape	shape;
	struct cost_extra	extra;	/* utc_minute: see at */
	int			at;	/* UTC minute of the day, -1: now */
};

/* The shape `orbrowse cheapest` starts from, at the time now. */
void	model_shape_init(struct model_shape *);
/* The shape and extra to rank with, the time of day filled in. */
void	model_shape_get(const struct model_shape *, struct cost_shape *,
	    struct cost_extra *);
/* The UTC minute of the day the shape is at (the clock's for "now"). */
int	model_shape_minute(const struct model_shape *);
/*
 * Handle a shape key (prompting when it needs a value): 1 when the key was
 * one (the shape may have changed), 0 when it is not a shape key.
 */
int	model_shape_key(struct ui *, struct model_shape *, int key);
/* The shape as one line of text, appended to b. */
void	model_shape_line(const struct model_shape *, struct buf *b);

#endif
