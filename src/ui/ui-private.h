/*
 * ui-private: the calls between the files of the UI's core, none of them
 * for the screens.  ui.c runs the event loop and owns the screen stack,
 * the frame, the prompt line and the global keys; ui-sync.c starts and
 * ends the in-process sync.  All run on the UI's one thread, between two
 * waits of ui.c's event loop.
 */
#ifndef ORBROWSE_UI_UI_PRIVATE_H
#define ORBROWSE_UI_UI_PRIVATE_H

#include "ui/ui.h"

/* ui-sync.c: the in-process sync has finished: write its end, say so and
 * raise its run's alerts. */
void	ui_sync_done(struct ui *);

#endif
