/*
 * ui-marks: the models marked for the comparison (space on the endpoints
 * and models screens, 'c' compares them: screen-compare.c), and the
 * alerts not yet seen (the status line says how many; 'A' lists them and
 * marks them seen).
 */
#include "config.h"

#include "ui/ui.h"

#include <stdlib.h>
#include <string.h>

#include "project/compare.h"
#include "store/store-changelog.h"
#include "ui/ui-change.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* ---------------------------------------------------------------- marks */

int
ui_marked(const struct ui *ui, const char *model_key)
{
	size_t	i;

	for (i = 0; model_key != NULL && i < ui->nmarks; i++) {
		if (strcmp(ui->marks[i], model_key) == 0)
			return (1);
	}
	return (0);
}

const char *
ui_mark_glyph(const struct ui *ui)
{
	return (ui->utf8 ? "\xe2\x9c\x93" : "#");	/* ✓ */
}

void
ui_mark_toggle(struct ui *ui, const char *model_key)
{
	size_t	i;

	if (model_key == NULL) {
		ui_message(ui, 1, "%s", _("no model here to mark"));
		return;
	}
	for (i = 0; i < ui->nmarks; i++) {
		if (strcmp(ui->marks[i], model_key) != 0)
			continue;
		free(ui->marks[i]);
		memmove(&ui->marks[i], &ui->marks[i + 1],
		    (ui->nmarks - i - 1) * sizeof *ui->marks);
		ui->nmarks--;
		ui_message(ui, 0, _("%s unmarked (%zu marked)"), model_key,
		    ui->nmarks);
		return;
	}
	ui->marks = xreallocarray(ui->marks, ui->nmarks + 1,
	    sizeof *ui->marks);
	ui->marks[ui->nmarks++] = xstrdup(model_key);
	ui_message(ui, 0, _("%s marked (%zu marked; c compares %d to %d)"),
	    model_key, ui->nmarks, COMPARE_MIN, COMPARE_MAX);
}

void
ui_compare(struct ui *ui)
{
	if (ui->nmarks < COMPARE_MIN || ui->nmarks > COMPARE_MAX) {
		ui_message(ui, 1, _("compare: mark %d to %d models with Space "
		    "(%zu marked)"), COMPARE_MIN, COMPARE_MAX, ui->nmarks);
		return;
	}
	ui_open(ui, SCREEN_COMPARE, NULL);
}

/* --------------------------------------------------------------- alerts */

void
ui_alerts_load(struct ui *ui)
{
	struct alert_rec	*list = NULL;
	struct buf		 b = BUF_INIT;
	size_t			 n = 0;
	char			*cause = NULL;

	free(ui->alerts_text);
	ui->alerts_text = NULL;
	ui->alerts_unseen = 0;
	if (store_alert_list(ui->store, 1, 0, &list, &n, &cause) != 0) {
		/* An older database without the table: no alerts. */
		free(cause);
		return;
	}
	ui->alerts_unseen = n;
	if (n > 0) {
		buf_printf(&b, "%s: ", list[0].rule);
		ui_change_text(&list[0].c, 1, &b);
		ui->alerts_text = xstrdup(buf_str(&b));
	}
	buf_free(&b);
	alert_rec_list_free(list, n);
}
