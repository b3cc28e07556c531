#include "config.h"

#include "ui/model-meta.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "project/jfield.h"
#include "util/buf.h"
#include "util/civil.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

/* The widest the sparkline gets. */
#define MODEL_META_SPARK_MAX	MODEL_META_DAYS
/* Where the values of each line begin. */
#define MODEL_META_LABEL_W	10

void
model_meta_load(struct ui *ui, const char *model_key, struct model_meta *mm)
{
	char	*why = NULL;

	model_meta_clear(mm);
	if (store_usage_load(ui->store, model_key, &mm->days, &mm->ndays,
	    &why) != 0) {
		free(why);
		why = NULL;
	}
	if (store_apps_load(ui->store, model_key, &mm->apps, &mm->napps,
	    &why) != 0) {
		free(why);
		why = NULL;
	}
	if (store_model_versions(ui->store, model_key, &mm->versions,
	    &mm->nversions, &why) != 0)
		free(why);
}

void
model_meta_clear(struct model_meta *mm)
{
	meta_usage_list_free(mm->days, mm->ndays);
	meta_app_list_free(mm->apps, mm->napps);
	model_version_list_free(mm->versions, mm->nversions);
	memset(mm, 0, sizeof *mm);
}

int
model_meta_lines(const struct model_meta *mm)
{
	return ((mm->ndays > 0) + (mm->napps > 0) + (mm->nversions > 1));
}

static int64_t
model_meta_tokens(const struct meta_usage *u)
{
	return ((u->prompt != JF_NULL_INT ? u->prompt : 0) +
	    (u->completion != JF_NULL_INT ? u->completion : 0));
}

/*
 * "Usage     ▂▃▅▇  12.3M tokens in 7 days to 2026-04-30": one value a day
 * over the last MODEL_META_DAYS days of the series, a missing day a gap.
 */
static void
model_meta_usage(struct ui *ui, WINDOW *w, int y, int cols,
    const struct model_meta *mm)
{
	double		 v[MODEL_META_DAYS];
	const struct meta_usage *last = &mm->days[mm->ndays - 1];
	struct buf	 b = BUF_INIT;
	char		 num[NUMFMT_LEN], date[16], *spark;
	int64_t		 week = 0, day;
	size_t		 i;
	int		 k, y4, mo, d;

	for (k = 0; k < MODEL_META_DAYS; k++)
		v[k] = NAN;
	for (i = 0; i < mm->ndays; i++) {
		day = (last->day - mm->days[i].day) / 86400;
		if (day < 0 || day >= MODEL_META_DAYS)
			continue;
		v[MODEL_META_DAYS - 1 - day] =
		    (double)model_meta_tokens(&mm->days[i]);
		if (day < 7)
			week += model_meta_tokens(&mm->days[i]);
	}
	/* From the first day stored in the window. */
	for (k = 0; k < MODEL_META_DAYS - 1 && isnan(v[k]); k++)
		;
	spark = ui_sparkline(ui, v + k, MODEL_META_DAYS - k,
	    MODEL_META_SPARK_MAX);
	civil_from_days(last->day / 86400, &y4, &mo, &d);
	snprintf(date, sizeof date, "%04d-%02d-%02d", y4, mo, d);
	buf_printf(&b, "%s  ", spark);
	buf_printf(&b, _("%s tokens in the 7 days to %s"),
	    numfmt_big(week, num, sizeof num), date);
	ui_text_color(ui, w, y, 1, MODEL_META_LABEL_W, _("Usage"), UI_C_DIM);
	ui_text(w, y, 1 + MODEL_META_LABEL_W, cols - 1 - MODEL_META_LABEL_W,
	    buf_str(&b), 'l');
	buf_free(&b);
	free(spark);
}

/* "Top apps  1 FunTalk AI 890M  2 ClimbOnline 230M ..." */
static void
model_meta_apps(struct ui *ui, WINDOW *w, int y, int cols,
    const struct model_meta *mm)
{
	struct buf	 b = BUF_INIT;
	char		 num[NUMFMT_LEN];
	size_t		 i;

	for (i = 0; i < mm->napps; i++) {
		buf_printf(&b, "%s%lld %s", i > 0 ? "  " : "",
		    (long long)mm->apps[i].rank, mm->apps[i].name != NULL ?
		    mm->apps[i].name : mm->apps[i].url != NULL ?
		    mm->apps[i].url : "?");
		if (mm->apps[i].tokens != JF_NULL_INT)
			buf_printf(&b, " %s", numfmt_big(mm->apps[i].tokens,
			    num, sizeof num));
	}
	ui_text_color(ui, w, y, 1, MODEL_META_LABEL_W, _("Top apps"),
	    UI_C_DIM);
	ui_text(w, y, 1 + MODEL_META_LABEL_W, cols - 1 - MODEL_META_LABEL_W,
	    buf_str(&b), 'l');
	buf_free(&b);
}

/* "Versions  a/b-20250522 > a/b-20260512" */
static void
model_meta_versions(struct ui *ui, WINDOW *w, int y, int cols,
    const struct model_meta *mm)
{
	struct buf	 b = BUF_INIT;
	size_t		 i;

	for (i = 0; i < mm->nversions; i++)
		buf_printf(&b, "%s%s", i > 0 ? " > " : "",
		    mm->versions[i].model_key);
	ui_text_color(ui, w, y, 1, MODEL_META_LABEL_W, _("Versions"),
	    UI_C_DIM);
	ui_text(w, y, 1 + MODEL_META_LABEL_W, cols - 1 - MODEL_META_LABEL_W,
	    buf_str(&b), 'l');
	buf_free(&b);
}

int
model_meta_draw(struct ui *ui, WINDOW *w, int y, int cols,
    const struct model_meta *mm)
{
	int	n = 0;

	if (cols <= MODEL_META_LABEL_W + 2)
		return (0);
	if (mm->ndays > 0)
		model_meta_usage(ui, w, y + n++, cols, mm);
	if (mm->napps > 0)
		model_meta_apps(ui, w, y + n++, cols, mm);
	if (mm->nversions > 1)
		model_meta_versions(ui, w, y + n++, cols, mm);
	return (n);
}
