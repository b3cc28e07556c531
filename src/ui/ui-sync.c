/*
 * ui-sync: the in-process sync ('r', sync.auto): starting it, aborting
 * it, and when it ends writing its end, saying so in the status line
 * and raising the alerts of its run.  ui.c's wait point steps it.
 */
#include "config.h"

#include "ui/ui.h"

#include <stdlib.h>
#include <string.h>

#include "ui/ui-private.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Start an in-process sync; automatic: for sync.auto (see ui.h). */
static int
ui_sync_begin(struct ui *ui, int automatic)
{
	char	*cause = NULL;
	int	 locked = 0;

	if (ui->sync != NULL) {
		ui_message(ui, 0, "%s", _("a sync is already running"));
		return (0);
	}
	if (ui->opt.sync == NULL || ui->opt.readonly) {
		ui_message(ui, 1, "%s", ui->opt.readonly ?
		    _("the database is read-only: cannot sync") :
		    _("syncing is not available here"));
		return (-1);
	}
	if (sync_start(ui->store, ui->opt.sync, &ui->sync, &locked,
	    &cause) != 0) {
		if (!automatic || !locked)
			ui_message(ui, 1, "%s", cause);
		free(cause);
		ui->sync = NULL;
		return (-1);
	}
	{
		struct sync_progress	p;

		sync_progress(ui->sync, &p);
		ui->sync_run = p.run_id;
	}
	ui->sync_auto = automatic;
	if (!automatic)
		ui_message(ui, 0, _("sync started (run %lld)"),
		    (long long)ui->sync_run);
	return (0);
}

int
ui_sync_start(struct ui *ui)
{
	return (ui_sync_begin(ui, 0));
}

int
ui_sync_start_auto(struct ui *ui)
{
	return (ui_sync_begin(ui, 1));
}

void
ui_sync_abort(struct ui *ui)
{
	if (ui->sync != NULL)
		sync_abort(ui->sync);
}

/*
 * The alerts of the run an in-process sync ended, raised as `orbrowse
 * sync` raises them (ui_options.after_run); how many fired and what went
 * wrong are added to the status line's message, never written to the
 * terminal.
 */
static void
ui_sync_alerts(struct ui *ui, int64_t run_id)
{
	struct buf	 b = BUF_INIT;
	char		*warnings = NULL, *old;
	size_t		 n;

	if (run_id <= 0 || ui->opt.after_run == NULL)
		return;
	n = ui->opt.after_run(ui->opt.after_run_arg, ui->store, run_id,
	    &warnings);
	ui_alerts_load(ui);
	free(ui->sync_alerts);
	ui->sync_alerts = NULL;
	if (n == 0 && warnings == NULL)
		return;
	if (n > 0)
		buf_printf(&b, P_("%zu alert (A shows it)", "%zu alerts (A "
		    "shows them)", n), n);
	if (warnings != NULL)
		buf_printf(&b, "%s%s", n > 0 ? "; " : "", warnings);
	ui->sync_alerts = xstrdup(buf_str(&b));
	ui->sync_alerts_run = run_id;
	/* The sync's own message first (ui_message() frees the old one). */
	old = ui->message;
	ui->message = NULL;
	ui_message(ui, ui->message_error || warnings != NULL, "%s; %s",
	    old != NULL ? old : "", ui->sync_alerts);
	free(old);
	buf_free(&b);
	free(warnings);
}

/* The in-process sync has finished: write its end and say so. */
void
ui_sync_done(struct ui *ui)
{
	struct sync_result	res;
	char			*cause = NULL;

	if (sync_finish(ui->sync, &res, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
		memset(&res, 0, sizeof res);
	} else if (res.error != NULL && strcmp(res.status, "ok") != 0)
		ui_message(ui, 1, _("sync run %lld finished: %s: %s"),
		    (long long)res.run_id, res.status, res.error);
	else
		ui_message(ui, strcmp(res.status, "ok") != 0,
		    _("sync run %lld finished: %s"), (long long)res.run_id,
		    res.status);
	ui_sync_alerts(ui, res.run_id);
	free(res.family);
	free(res.error);
	ui->sync = NULL;
	ui->sync_run = 0;
	ui->sync_auto = 0;
	ui->sync_end_ms = clock_mono_ms();
	ui->confirm_quit = 0;
	ui->generation++;
}
