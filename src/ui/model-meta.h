/*
 * model-meta: a model's metadata as a few lines of a screen -- its daily
 * tokens as a sparkline with the last 7 days' total, its top apps, and its
 * versions (the dated model keys its public id has named) -- for the model
 * screen.  A struct model_meta owns what model_meta_load() read; it is
 * freed by model_meta_clear().  Nothing is drawn for what is not stored.
 */
#ifndef ORBROWSE_UI_MODEL_META_H
#define ORBROWSE_UI_MODEL_META_H

#include <stddef.h>

#include "project/meta.h"
#include "store/store-meta.h"
#include "ui/ui.h"

/* The days the sparkline covers at most. */
#define MODEL_META_DAYS	30

struct model_meta {
	struct meta_usage	*days;		/* oldest first */
	size_t			 ndays;
	struct meta_app		*apps;		/* by rank */
	size_t			 napps;
	struct model_version	*versions;	/* oldest first */
	size_t			 nversions;
};

/* Read model_key's metadata (failures leave a part empty). */
void	model_meta_load(struct ui *, const char *model_key,
	    struct model_meta *);
void	model_meta_clear(struct model_meta *);
/* The lines model_meta_draw() draws: 0 to 3. */
int	model_meta_lines(const struct model_meta *);
/* Draw them from line y on, in cols columns; returns the lines drawn. */
int	model_meta_draw(struct ui *, WINDOW *, int y, int cols,
	    const struct model_meta *);

#endif
