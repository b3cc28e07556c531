/*
 * ui-private: the calls between the three files of the UI's core, none of
 * them for the screens.  ui.c runs the event loop and owns the screen
 * stack, the frame, the prompt line and the pick list; ui-keys.c handles
 * the keys every screen shares and the ':' commands; ui-sync.c starts and
 * ends the in-process sync.  All run on the UI's one thread, between two
 * waits of ui.c's event loop.
 */
#ifndef ORBROWSE_UI_UI_PRIVATE_H
#define ORBROWSE_UI_UI_PRIVATE_H

#include <stddef.h>

#include "ui/ui.h"

/* ui.c: pop the screen on top of the stack (its leave() frees its data). */
void	ui_pop(struct ui *);
/*
 * ui.c: pick one of n texts in a list over the body (:model with several
 * matches); returns its index, or -1 when the user pressed Esc or q.
 */
int	ui_pick(struct ui *, const char *title, char **items, size_t n);

/* ui-keys.c: the key after ui_quit() asked whether to abort the sync. */
void	ui_quit_answer(struct ui *, int ch);
/* ui-keys.c: keys every screen shares, after the screen declined them. */
void	ui_global_key(struct ui *, int ch);
/* ui-keys.c: a key as the screens see it: a key the config file binds is
 * read as its action's key. */
int	ui_bound_key(const struct ui *, int ch);

/* ui-sync.c: the in-process sync has finished: write its end, say so and
 * raise its run's alerts. */
void	ui_sync_done(struct ui *);

#endif
