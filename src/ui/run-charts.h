/*
 * run-charts: the panel of charts over the run log that the runs screen
 * opens with -- one line per figure of a run (duration, requests,
 * retries, MB read and stored, new blobs, models, endpoints, errors): its
 * label, a sparkline of the newest runs that ended (oldest left; block
 * glyphs in a UTF-8 locale, ASCII otherwise), and the newest value with
 * the least and the most of the runs charted.
 */
#ifndef ORBROWSE_RUN_CHARTS_H
#define ORBROWSE_RUN_CHARTS_H

#include <stddef.h>

#include "ui/screens.h"

#define RUN_CHARTS	9	/* the charts, one line each */

/*
 * Draw the header line and the charts from first on, in at most rows
 * lines from y0 and cols columns, over runs (newest first, as
 * store_run_list() gives them).  Returns the number of charts drawn.
 */
int	run_charts_draw(struct ui *, WINDOW *, const struct run_info *runs,
	    size_t n, int first, int y0, int rows, int cols);

#endif
