/*
 * ui-autosync: sync.auto -- the UI syncs in the background when its data
 * is older than the setting.
 *
 * About every UI_AUTOSYNC_CHECK_MS the run log is asked: when no process
 * syncs (no live "running" run; the writer lock decides a race, silently)
 * and the newest ok run ended longer ago than sync.auto (or there is
 * none, or it ended in the future), an in-process sync starts, the same
 * as 'r' starts: the title bar shows "auto-sync N/M", the sync screen
 * (r) watches it and x there aborts it.  After any sync of this UI ends,
 * however it ended, the next automatic one waits sync.auto, so a server
 * that keeps failing is not asked again at once.
 */
#include "config.h"

#include "ui/ui.h"

#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "ui/run-text.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/uiconf.h"

#define UI_AUTOSYNC_CHECK_MS	5000

/* Whether a process (this one or another) syncs into the database now. */
static int
ui_autosync_busy(struct ui *ui)
{
	struct run_info	 r;
	char		*cause = NULL;
	int		 found, busy;

	if (store_run_running(ui->store, &r, &found, &cause) != 0) {
		free(cause);
		return (1);	/* cannot tell: do not start */
	}
	busy = found && !run_text_stale(&r);
	if (found)
		run_info_clear(&r);
	return (busy);
}

/* Whether the newest ok run ended less than every ago. */
static int
ui_autosync_fresh(struct ui *ui, int64_t every)
{
	struct run_info	 r;
	char		*cause = NULL;
	int64_t		 age;
	int		 found, fresh = 0;

	if (store_run_last_ok(ui->store, &r, &found, &cause) != 0) {
		free(cause);
		return (1);	/* cannot tell: do not start */
	}
	if (found) {
		age = clock_now_ms() - r.ended_at;
		fresh = r.ended_at > 0 && age >= 0 && age < every;
		run_info_clear(&r);
	}
	return (fresh);
}

int
ui_autosync_tick(struct ui *ui)
{
	int64_t	 every, now;
	char	*d;

	every = ui->opt.conf != NULL ? ui->opt.conf->sync_auto_ms : 0;
	if (every <= 0 || ui->sync != NULL || ui->opt.sync == NULL ||
	    ui->opt.readonly || ui->confirm_quit)
		return (0);
	now = clock_mono_ms();
	if (ui->auto_check_ms != 0 && now < ui->auto_check_ms)
		return (0);
	ui->auto_check_ms = now + UI_AUTOSYNC_CHECK_MS;
	if (ui->sync_end_ms != 0 && now - ui->sync_end_ms < every)
		return (0);
	if (ui_autosync_busy(ui) || ui_autosync_fresh(ui, every))
		return (0);
	if (ui_sync_start_auto(ui) != 0)
		return (0);
	d = clock_format_duration(every);
	ui_message(ui, 0, _("data older than %s: syncing in the background "
	    "(run %lld; r: watch, x there: abort)"), d,
	    (long long)ui->sync_run);
	free(d);
	return (1);
}
