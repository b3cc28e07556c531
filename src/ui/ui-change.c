/*
 * ui-change: change records as the screens show them (see ui-change.h).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-replay.h"
#include "ui/ui-change.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"

/* What the screens call each kind of record. */
static const struct {
	const char	*kind;
	const char	*label;		/* N_() */
} ui_change_kinds[] = {
	{ "model_added", N_("model added") },
	{ "model_removed", N_("model removed") },
	{ "endpoint_added", N_("listed") },
	{ "endpoint_removed", N_("delisted") },
	{ "price_changed", N_("price") },
	{ "context_changed", N_("context") },
	{ "status_changed", N_("status") },
	{ "expiry_changed", N_("expiry") },
};

void
ui_change_date(int64_t at, char *out, size_t len)
{
	char	*d;

	d = clock_format_utc(at / 1000);
	snprintf(out, len, "%.*s", UI_CHANGE_DATE_W, d);
	free(d);
}

void
ui_change_text(const struct change_rec *c, int subject, struct buf *b)
{
	const char	*label = c->kind;
	char		 o[32], v[32], pct[32];
	size_t		 i;

	for (i = 0; i < sizeof ui_change_kinds / sizeof ui_change_kinds[0];
	    i++)
		if (strcmp(c->kind, ui_change_kinds[i].kind) == 0)
			label = _(ui_change_kinds[i].label);
	buf_printf(b, "%s", label);
	if (subject) {
		buf_printf(b, " %s", c->model_id != NULL ? c->model_id :
		    c->model_key);
		if (c->provider_slug != NULL)
			buf_printf(b, " %s", c->provider_slug);
	}
	if (c->field != NULL)
		buf_printf(b, " %s: %s -> %s %s", c->field,
		    change_fmt_value(c, &c->old, o, sizeof o),
		    change_fmt_value(c, &c->new, v, sizeof v),
		    change_fmt_pct(c, pct, sizeof pct));
}
