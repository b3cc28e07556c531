/*
 * screen-author: an author (store/store-meta.h) -- name, slug, description
 * -- and their models with providers, lowest healthy prices and tokens over
 * the last 7 days; Enter opens a model.  Opened with `:author NAME` or
 * with 'a' on a model (its author: the part of the key before '/').  An
 * author not stored yet (no `sync --extras`) is shown by its models alone.
 */
#include "config.h"

#include "ui/screens.h"

#include <stdlib.h>
#include <string.h>

#include "project/meta.h"
#include "project/model.h"
#include "store/store-meta.h"
#include "ui/list.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/table-layout.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

enum author_col { AC_ID, AC_PROV, AC_IN, AC_OUT, AC_USAGE, AC__COUNT };

static const struct {
	const char	*title;		/* N_() */
	char		 align;
	int		 min;
	int		 prio;
} author_cols[AC__COUNT] = {
	[AC_ID] = { N_("MODEL"), 'l', 16, 0 },
	[AC_PROV] = { N_("PROV"), 'r', 0, 3 },
	[AC_IN] = { N_("$/M IN"), 'r', 0, 1 },
	[AC_OUT] = { N_("$/M OUT"), 'r', 0, 2 },
	[AC_USAGE] = { N_("TOKENS 7D"), 'r', 0, 4 },
};

static const struct ui_keyhelp author_help[] = {
	{ "Enter", N_("the model's providers") },
	{ "j k arrows", N_("move") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ NULL, NULL }
};

struct author {
	char			*query;
	struct meta_author	 a;
	int			 found;	/* an author row is stored */
	struct model_row	*rows;
	size_t			 n;
	struct list		 list;
	uint64_t		 generation;
	int64_t			 today;
	struct table_layout_col	 lay[AC__COUNT];
	struct buf		 status;
};

/* Read the author and their models; 0, or -1 with a message. */
static int
author_load(struct ui *ui, struct author *d)
{
	char	*cause = NULL;

	model_row_list_free(d->rows, d->n);
	d->rows = NULL;
	d->n = 0;
	d->generation = ui->generation;
	if (store_author_get(ui->store, d->query, &d->a, &d->found,
	    &cause) != 0)
		goto fail;
	if (!d->found) {
		/* Known only by the keys of its models. */
		d->a.slug = xstrdup(d->query);
		d->a.models = EP_NULL_INT;
	}
	if (store_author_models(ui->store, d->a.slug, &d->rows, &d->n,
	    &cause) != 0)
		goto fail;
	list_clamp(&d->list, d->n);
	return (0);
fail:
	ui_message(ui, 1, "%s", cause);
	free(cause);
	return (-1);
}

static void
author_free(struct author *d)
{
	free(d->query);
	meta_author_clear(&d->a);
	model_row_list_free(d->rows, d->n);
	buf_free(&d->status);
	free(d);
}

void *
screen_author_new(struct ui *ui, const struct screen_arg *arg)
{
	struct author	*d;
	const char	*key = arg->model_key, *slash;

	d = xcalloc(1, sizeof *d);
	if (arg->author != NULL)
		d->query = xstrdup(arg->author);
	else if (key != NULL && (slash = strchr(key, '/')) != NULL)
		d->query = xstrndup(key + (*key == '~'),
		    (size_t)(slash - key) - (*key == '~'));
	if (d->query == NULL || author_load(ui, d) != 0) {
		author_free(d);
		return (NULL);
	}
	if (!d->found && d->n == 0) {
		ui_message(ui, 1, _("no author or model named %s"), d->query);
		author_free(d);
		return (NULL);
	}
	d->today = model_today();
	return (d);
}

static void
author_leave(struct screen *s)
{
	author_free(s->data);
}

static const char *
author_cell(const struct author *d, const struct model_row *m,
    enum author_col c, char *buf, size_t len, char **owned)
{
	*owned = NULL;
	switch (c) {
	case AC_ID:
		return (*owned = model_label(m->model_id, m->model_key,
		    m->expiration_date, d->today));
	case AC_PROV:
		snprintf(buf, len, "%lld", (long long)m->providers);
		return (buf);
	case AC_IN:
		return (numfmt_price(m->min_price_prompt,
		    NUMFMT_PRICE_DIGITS, buf, len));
	case AC_OUT:
		return (numfmt_price(m->min_price_completion,
		    NUMFMT_PRICE_DIGITS, buf, len));
	case AC_USAGE:
		return (numfmt_big(m->usage, buf, len));
	case AC__COUNT:
		break;
	}
	buf[0] = '\0';
	return (buf);
}

static void
author_layout(struct author *d, int rows, int cols)
{
	const char	*text;
	char		 cell[64], *owned;
	size_t		 i;
	int		 c, w;

	for (c = 0; c < AC__COUNT; c++) {
		d->lay[c].want = textwidth_measure(_(author_cols[c].title));
		d->lay[c].min = author_cols[c].min;
		d->lay[c].prio = author_cols[c].prio;
		d->lay[c].pinned = c == AC_ID;
		d->lay[c].spare = 0;
		for (i = d->list.top; i < d->n &&
		    i < d->list.top + (size_t)rows; i++) {
			text = author_cell(d, &d->rows[i], (enum author_col)c,
			    cell, sizeof cell, &owned);
			w = textwidth_measure(text);
			free(owned);
			if (w > d->lay[c].want)
				d->lay[c].want = w;
		}
	}
	(void)table_layout_fit(d->lay, AC__COUNT, cols - 2, 2, 0);
}

/* "Name (slug)  N models listed", then the description: lines used. */
static int
author_heading(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct author	*d = s->data;
	const char	*name;
	char		*line;
	int		 n = 1;

	name = d->a.name != NULL ? d->a.name : d->a.slug;
	if (d->a.models != EP_NULL_INT)
		line = xasprintf(P_("%s (%s)  %lld model listed by OpenRouter",
		    "%s (%s)  %lld models listed by OpenRouter",
		    (unsigned long)d->a.models), name, d->a.slug,
		    (long long)d->a.models);
	else
		line = xasprintf("%s (%s)", name, d->a.slug);
	ui_text_color(s->ui, w, y0, 1, cols - 1, line, UI_C_TITLE);
	free(line);
	if (d->a.description != NULL && rows > 6)
		n += ui_wrap(w, y0 + 1, 1, cols - 2, 2, d->a.description);
	return (n + 1);
}

static void
author_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct author	*d = s->data;
	const char	*text;
	char		 cell[64], *owned;
	int		 c, y, head;
	size_t		 i;

	if (d->generation != s->ui->generation)
		(void)author_load(s->ui, d);
	head = author_heading(s, w, y0, rows, cols);
	y0 += head;
	rows -= head;
	if (rows < 2)
		return;
	list_show(&d->list, d->n, y0 + 1, rows - 1);
	author_layout(d, rows - 1, cols);
	ui_color_on(s->ui, w, UI_C_HEADER);
	mvwhline(w, y0, 0, ' ', cols);
	for (c = 0; c < AC__COUNT; c++) {
		if (d->lay[c].width > 0)
			ui_text(w, y0, d->lay[c].x, d->lay[c].width,
			    _(author_cols[c].title), author_cols[c].align);
	}
	ui_color_off(s->ui, w, UI_C_HEADER);
	for (y = 0; y < rows - 1; y++) {
		i = d->list.top + (size_t)y;
		if (i >= d->n)
			break;
		if (i == d->list.cur) {
			ui_color_on(s->ui, w, UI_C_SELECT);
			mvwhline(w, y0 + 1 + y, 0, ' ', cols);
		}
		for (c = 0; c < AC__COUNT; c++) {
			if (d->lay[c].width == 0)
				continue;
			text = author_cell(d, &d->rows[i], (enum author_col)c,
			    cell, sizeof cell, &owned);
			ui_text(w, y0 + 1 + y, d->lay[c].x, d->lay[c].width,
			    text, author_cols[c].align);
			free(owned);
		}
		if (i == d->list.cur)
			ui_color_off(s->ui, w, UI_C_SELECT);
	}
}

static int
author_key(struct screen *s, int key)
{
	struct author	*d = s->data;

	if (list_key(&d->list, d->n, key))
		return (UI_REDRAW);
	switch (key) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		if (d->list.cur < d->n)
			ui_open(s->ui, SCREEN_MODEL, &(struct screen_arg){
			    .model_key = d->rows[d->list.cur].model_key });
		return (UI_REDRAW);
	}
	return (UI_UNHANDLED);
}

static const char *
author_status(struct screen *s)
{
	struct author	*d = s->data;

	buf_reset(&d->status);
	buf_printf(&d->status, _("author %s: %zu models  Enter: model"),
	    d->a.slug, d->n);
	return (buf_str(&d->status));
}

static const char *
author_page(struct screen *s)
{
	struct author	*d = s->data;

	if (d->list.cur >= d->n)
		return (NULL);
	return (d->rows[d->list.cur].model_id != NULL ?
	    d->rows[d->list.cur].model_id : d->rows[d->list.cur].model_key);
}

const struct screen_ops screen_author_ops = {
	.name = N_("author"),
	.leave = author_leave,
	.key = author_key,
	.draw = author_draw,
	.status = author_status,
	.model = author_page,
	.help = author_help,
};
