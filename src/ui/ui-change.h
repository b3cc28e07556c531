/*
 * ui-change: a change record (store/store-changelog.h) as the history and
 * changes screens show it.  No curses: the caller draws the text through
 * ui_text(), which sanitises it.
 */
#ifndef ORBROWSE_UI_CHANGE_H
#define ORBROWSE_UI_CHANGE_H

#include <stddef.h>
#include <stdint.h>

#include "store/store-changelog.h"

struct buf;

/* The width of ui_change_date()'s text. */
#define UI_CHANGE_DATE_W	16

/* "YYYY-MM-DD HH:MM" (UTC) of unix ms at. */
void	ui_change_date(int64_t at, char *out, size_t len);
/*
 * The record as words: its kind (translated), with subject the model and
 * provider, then "field: old -> new +pct%" when it has a field.
 */
void	ui_change_text(const struct change_rec *, int subject, struct buf *);

#endif
