/*
 * screen-providers: one row per provider (store/store-providers.h) with its
 * headquarters, datacenters and count of active endpoints; Enter lists
 * that provider's endpoints (the endpoints screen, filtered by it).
 *
 * The table is laid out by util/table-layout for the rows on screen, as
 * every table screen is; the providers are read again when the database
 * changed (ui->generation).
 */
#include "config.h"

#include "ui/screens.h"

#include <stdlib.h>
#include <string.h>

#include "project/provider.h"
#include "store/store-providers.h"
#include "ui/list.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/table-layout.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

enum prov_col {
	PC_NAME, PC_SLUG, PC_HQ, PC_DC, PC_EPS, PC_POLICY, PC_STATUS,
	PC__COUNT
};

static const struct {
	const char	*title;		/* N_() */
	char		 align;
	int		 min;
	int		 prio;
} prov_cols[PC__COUNT] = {
	[PC_NAME] = { N_("PROVIDER"), 'l', 12, 0 },
	[PC_SLUG] = { N_("SLUG"), 'l', 10, 3 },
	[PC_HQ] = { N_("HQ"), 'l', 0, 1 },
	[PC_DC] = { N_("DATACENTERS"), 'l', 11, 4 },
	[PC_EPS] = { N_("ENDPOINTS"), 'r', 0, 2 },
	[PC_POLICY] = { N_("DATA POLICY"), 'l', 0, 5 },
	[PC_STATUS] = { N_("STATUS PAGE"), 'l', 12, 6 },
};

static const struct ui_keyhelp providers_help[] = {
	{ "Enter", N_("the provider's endpoints") },
	{ "j k arrows", N_("move") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ NULL, NULL }
};

struct providers {
	struct prov_row			*rows;
	size_t				 n;
	struct list			 list;
	uint64_t			 generation;
	struct table_layout_col		 lay[PC__COUNT];
	struct buf			 status;
};

static void
providers_load(struct ui *ui, struct providers *p)
{
	char	*cause = NULL;

	prov_row_list_free(p->rows, p->n);
	p->rows = NULL;
	p->n = 0;
	if (store_provider_load(ui->store, &p->rows, &p->n, &cause) != 0) {
		ui_message(ui, 1, "%s", cause);
		free(cause);
	}
	p->generation = ui->generation;
	list_clamp(&p->list, p->n);
}

void *
screen_providers_new(struct ui *ui, const struct screen_arg *arg)
{
	struct providers	*p;

	(void)arg;
	p = xcalloc(1, sizeof *p);
	providers_load(ui, p);
	return (p);
}

static void
providers_leave(struct screen *s)
{
	struct providers	*p = s->data;

	prov_row_list_free(p->rows, p->n);
	buf_free(&p->status);
	free(p);
}

static const char *
providers_policy(const struct prov_row *r)
{
	if (r->training < 0 && r->retains_prompts < 0)
		return (NULL);
	if (r->training == 1)
		return (_("trains"));
	if (r->retains_prompts == 1)
		return (_("retains"));
	if (r->training == 0 && r->retains_prompts == 0)
		return (_("no-train no-retain"));
	return (_("no-train"));
}

static const char *
providers_cell(const struct prov_row *r, enum prov_col c, char *buf,
    size_t len)
{
	switch (c) {
	case PC_NAME:
		return (r->name != NULL ? r->name : r->slug);
	case PC_SLUG:
		return (r->slug);
	case PC_HQ:
		return (r->headquarters != NULL ? r->headquarters : "-");
	case PC_DC:
		if (r->datacenters == NULL)
			return ("-");
		return (*r->datacenters == '\0' ? _("none") : r->datacenters);
	case PC_EPS:
		snprintf(buf, len, "%lld", (long long)r->endpoints);
		return (buf);
	case PC_POLICY:
		return (providers_policy(r) != NULL ? providers_policy(r) :
		    "-");
	case PC_STATUS:
		return (r->status_page_url != NULL ? r->status_page_url : "-");
	case PC__COUNT:
		break;
	}
	return ("-");
}

static void
providers_layout(struct providers *p, int rows, int cols)
{
	char	cell[32];
	int	c, y, w;
	size_t	i;

	for (c = 0; c < PC__COUNT; c++) {
		p->lay[c].want = textwidth_measure(_(prov_cols[c].title));
		p->lay[c].min = prov_cols[c].min;
		p->lay[c].prio = prov_cols[c].prio;
		p->lay[c].pinned = c == PC_NAME;
		p->lay[c].spare = 0;
	}
	for (y = 0; y < rows; y++) {
		i = p->list.top + (size_t)y;
		if (i >= p->n)
			break;
		for (c = 0; c < PC__COUNT; c++) {
			w = textwidth_measure(providers_cell(&p->rows[i],
			    (enum prov_col)c, cell, sizeof cell));
			if (w > p->lay[c].want)
				p->lay[c].want = w;
		}
	}
	(void)table_layout_fit(p->lay, PC__COUNT, cols, 2, 0);
}

static void
providers_draw(struct screen *s, WINDOW *w, int y0, int rows, int cols)
{
	struct providers	*p = s->data;
	char			 cell[32];
	int			 c, y;
	size_t			 i;

	if (p->generation != s->ui->generation)
		providers_load(s->ui, p);
	list_show(&p->list, p->n, y0 + 1, rows - 1);
	providers_layout(p, rows - 1, cols);
	ui_color_on(s->ui, w, UI_C_HEADER);
	mvwhline(w, y0, 0, ' ', cols);
	for (c = 0; c < PC__COUNT; c++) {
		if (p->lay[c].width > 0)
			ui_text(w, y0, p->lay[c].x, p->lay[c].width,
			    _(prov_cols[c].title), prov_cols[c].align);
	}
	ui_color_off(s->ui, w, UI_C_HEADER);
	if (p->n == 0)
		ui_text(w, y0 + 2, 2, cols - 4, _("No providers stored yet: "
		    "press r to sync."), 'l');
	for (y = 0; y < rows - 1; y++) {
		i = p->list.top + (size_t)y;
		if (i >= p->n)
			break;
		if (i == p->list.cur) {
			ui_color_on(s->ui, w, UI_C_SELECT);
			mvwhline(w, y0 + 1 + y, 0, ' ', cols);
		}
		for (c = 0; c < PC__COUNT; c++) {
			if (p->lay[c].width > 0)
				ui_text(w, y0 + 1 + y, p->lay[c].x,
				    p->lay[c].width, providers_cell(
				    &p->rows[i], (enum prov_col)c, cell,
				    sizeof cell), prov_cols[c].align);
		}
		if (i == p->list.cur)
			ui_color_off(s->ui, w, UI_C_SELECT);
	}
}

/* The endpoints screen, filtered by the provider under the cursor. */
static void
providers_open(struct screen *s)
{
	struct providers	*p = s->data;
	const char		*slug;
	char			*filter;

	if (p->list.cur >= p->n)
		return;
	slug = p->rows[p->list.cur].slug;
	/* A slug with a byte the filter language reads is quoted. */
	if (strpbrk(slug, "\"") != NULL) {
		ui_message(s->ui, 1, _("cannot filter by this provider's "
		    "slug"));
		return;
	}
	filter = xasprintf(strpbrk(slug, "!:<>=") != NULL ?
	    "provider:\"%s\"" : "provider:%s", slug);
	ui_open(s->ui, SCREEN_ENDPOINTS, &(struct screen_arg){
	    .filter = filter });
	free(filter);
}

static int
providers_key(struct screen *s, int key)
{
	struct providers	*p = s->data;

	if (list_key(&p->list, p->n, key))
		return (UI_REDRAW);
	switch (key) {
	case '\n':
	case '\r':
	case KEY_ENTER:
		providers_open(s);
		return (UI_REDRAW);
	}
	return (UI_UNHANDLED);
}

static const char *
providers_status(struct screen *s)
{
	struct providers	*p = s->data;

	buf_reset(&p->status);
	buf_printf(&p->status, _("%zu providers  Enter: endpoints"), p->n);
	return (buf_str(&p->status));
}

const struct screen_ops screen_providers_ops = {
	.name = N_("providers"),
	.leave = providers_leave,
	.key = providers_key,
	.draw = providers_draw,
	.status = providers_status,
	.help = providers_help,
};
