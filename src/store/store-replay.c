/*
 * store-replay: change records replayed into listings' step series (see
 * store-replay.h).
 */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "project/endpoint.h"
#include "project/ep-change.h"
#include "project/filter.h"
#include "store/store-replay.h"
#include "util/buf.h"
#include "util/numfmt.h"
#include "util/xmalloc.h"

const char *const replay_record_names[RF_N] = {
	"prompt", "completion", "input_cache_read", "p50_latency_ms",
	"p50_throughput", "uptime", "status"
};

int
replay_field(const char *field)
{
	int	i;

	for (i = 0; field != NULL && i < RF_N; i++) {
		if (strcmp(field, replay_record_names[i]) == 0)
			return (i);
	}
	return (-1);
}

char *
replay_first_pack(const struct ep_change *c, size_t n)
{
	const struct ep_change	*v[RF_N] = { NULL };
	struct buf		 b;
	char			 num[64];
	size_t			 i;
	int			 f;

	for (i = 0; i < n; i++) {
		if ((f = replay_field(c[i].field)) >= 0)
			v[f] = &c[i];
	}
	buf_init(&b);
	buf_addstr(&b, "v1:");
	for (f = 0; f < RF_N; f++) {
		if (f > 0)
			buf_addstr(&b, ",");
		if (v[f] == NULL)
			continue;
		if (v[f]->type == EPC_INT && v[f]->new_i != EP_NULL_INT)
			buf_printf(&b, "i%lld", (long long)v[f]->new_i);
		else if (v[f]->type == EPC_REAL && isfinite(v[f]->new_r))
			buf_printf(&b, "r%s", numfmt_exact(v[f]->new_r, num,
			    sizeof num));
	}
	return (buf_detach(&b));
}

char *
replay_metrics_pack(const struct ep_change *c, size_t n,
    const struct ep_row *old)
{
	struct ep_change	 m[RF_UPTIME - RF_LATENCY + 1];
	const double		 was[] = { old->p50_latency_ms,
				    old->p50_throughput, old->uptime };
	size_t			 i, k;
	int			 f;

	for (f = RF_LATENCY, k = 0; f <= RF_UPTIME; f++, k++) {
		for (i = 0; i < n; i++) {
			if (c[i].kind == EPC_METRICS &&
			    replay_field(c[i].field) == f)
				break;
		}
		if (i < n) {
			m[k] = c[i];
			continue;
		}
		memset(&m[k], 0, sizeof m[k]);
		m[k].kind = EPC_METRICS;
		m[k].type = EPC_REAL;
		m[k].field = replay_record_names[f];
		m[k].old_r = m[k].new_r = was[f - RF_LATENCY];
	}
	return (replay_first_pack(m, k));
}

int
replay_first_unpack(const char *text, struct change_value *first)
{
	const char	*p;
	char		*end;
	int		 f;

	memset(first, 0, RF_N * sizeof *first);
	if (text == NULL || strncmp(text, "v1:", 3) != 0)
		return (-1);
	p = text + 3;
	for (f = 0; f < RF_N; f++) {
		if (f > 0 && *p++ != ',')
			goto bad;
		if (*p == 'i') {
			first[f].type = CHV_INT;
			first[f].i = strtoll(p + 1, &end, 10);
		} else if (*p == 'r') {
			first[f].type = CHV_REAL;
			first[f].r = strtod(p + 1, &end);
		} else
			continue;
		if (end == p + 1)
			goto bad;
		p = end;
	}
	if (*p == '\0')
		return (0);
bad:
	memset(first, 0, RF_N * sizeof *first);
	return (-1);
}

/* One listing as replayed so far. */
struct replay_state {
	struct replay_point	 p;
	int			 changed;
};

int
replay_provider_match(const char *want, const char *slug)
{
	size_t	len;

	if (want == NULL)
		return (1);
	if (slug == NULL)
		return (0);
	if (strcasecmp(want, slug) == 0)
		return (1);
	len = strlen(want);
	return (strncasecmp(want, slug, len) == 0 && slug[len] == '/');
}

/* Apply one record to its listing's state. */
static void
replay_apply(struct replay_state *l, const struct change_rec *c)
{
	int	i;

	l->p.last = c;
	if (strcmp(c->kind, "endpoint_added") == 0) {
		memset(l->p.v, 0, sizeof l->p.v);
		if (c->first != NULL)
			memcpy(l->p.v, c->first, sizeof l->p.v);
		l->p.active = 1;
		l->changed = 1;
		return;
	}
	if (strcmp(c->kind, "endpoint_removed") == 0) {
		l->p.active = 0;
		l->changed = 1;
		return;
	}
	/* A run's metrics in one record (replay_metrics_pack). */
	if (c->field == NULL && c->first != NULL &&
	    strcmp(c->kind, "metrics") == 0) {
		for (i = RF_LATENCY; i <= RF_UPTIME; i++)
			l->p.v[i] = c->first[i];
		l->changed = 1;
		return;
	}
	if ((i = replay_field(c->field)) >= 0) {
		l->p.v[i] = c->new;
		l->changed = 1;
	}
}

static int
replay_cmp_id(const void *a, const void *b)
{
	const char *const	*x = a, *const *y = b;

	return (strcmp(*x, *y));
}

/*
 * Each listing's state is found by its endpoint id in a sorted index of
 * the distinct ids.
 */
void
replay_changes(const struct change_rec *list, size_t n, const char *provider,
    int64_t since_ms, void (*fn)(void *, const struct replay_point *),
    void *arg)
{
	const char		**ids, **hit;
	struct replay_state	 *state, *l;
	const struct change_rec	 *c;
	size_t			  i, nids = 0, k;

	ids = xcalloc(n == 0 ? 1 : n, sizeof *ids);
	for (i = 0; i < n; i++) {
		if (list[i].endpoint_id != NULL && replay_provider_match(
		    provider, list[i].provider_slug))
			ids[nids++] = list[i].endpoint_id;
	}
	qsort(ids, nids, sizeof *ids, replay_cmp_id);
	for (i = 0, k = 0; i < nids; i++) {
		if (k == 0 || strcmp(ids[k - 1], ids[i]) != 0)
			ids[k++] = ids[i];
	}
	nids = k;
	state = xcalloc(nids == 0 ? 1 : nids, sizeof *state);
	for (i = 0; i < n; i++) {
		c = &list[i];
		if (c->endpoint_id == NULL || (hit = bsearch(&c->endpoint_id,
		    ids, nids, sizeof *ids, replay_cmp_id)) == NULL)
			continue;
		l = &state[hit - ids];
		replay_apply(l, c);
		/* A run's records of a listing are written together. */
		if (i + 1 < n && list[i + 1].run_id == c->run_id &&
		    list[i + 1].endpoint_id != NULL &&
		    strcmp(list[i + 1].endpoint_id, c->endpoint_id) == 0)
			continue;
		if (l->changed && c->at >= since_ms)
			fn(arg, &l->p);
		l->changed = 0;
	}
	free(state);
	free(ids);
}

/* ------------------------------------------------------------ values */

double
change_pct(const struct change_rec *c)
{
	if (strcmp(c->kind, "price_changed") != 0)
		return (NAN);
	return (ep_change_pct(change_value_real(&c->old),
	    change_value_real(&c->new)));
}

/*
 * A value as people read it: a price per token in USD per 1M tokens (the
 * parts priced per request, image or search as they are), text as it is
 * (the table and the feed sanitise it).
 */
const char *
change_fmt_value(const struct change_rec *c, const struct change_value *v,
    char *out, size_t len)
{
	static const char *const per_unit[] = {
		"request", "image", "image_output", "web_search", "discount"
	};
	size_t	i;
	int	per_token;

	switch (v->type) {
	case CHV_NULL:
		return ("-");
	case CHV_TEXT:
		return (v->s);
	case CHV_INT:
		return (numfmt_count(v->i, out, len));
	default:
		break;
	}
	per_token = strcmp(c->kind, "price_changed") == 0;
	for (i = 0; per_token && i < sizeof per_unit / sizeof per_unit[0];
	    i++) {
		if (c->field != NULL && strcmp(c->field, per_unit[i]) == 0)
			per_token = 0;
	}
	if (per_token)
		return (numfmt_price(v->r, NUMFMT_PRICE_DIGITS, out,
		    len));
	snprintf(out, len, "%.6g", v->r);
	return (out);
}

/* "+12.5%", or "" when the change has no percentage. */
const char *
change_fmt_pct(const struct change_rec *c, char *out, size_t len)
{
	double	pct = change_pct(c);

	if (isnan(pct))
		return ("");
	snprintf(out, len, "%+.1f%%", pct);
	return (out);
}

/* ------------------------------------------------------------ filtering */

static int
change_row_cmp(const void *a, const void *b)
{
	const struct ep_row	*x = a, *y = b;
	int			 c;

	if ((c = strcmp(x->model_key, y->model_key)) != 0)
		return (c);
	return (strcmp(x->endpoint_id, y->endpoint_id));
}

/* Does the record's listing, or for a model record any listing of its
 * model, match?  rows are sorted by change_row_cmp, match[] says which
 * match the filter. */
static int
change_match(const struct change_rec *c, const struct ep_row *rows,
    const unsigned char *match, size_t n)
{
	size_t	lo = 0, hi = n, mid;
	int	cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		cmp = strcmp(rows[mid].model_key, c->model_key);
		if (cmp == 0 && c->endpoint_id != NULL)
			cmp = strcmp(rows[mid].endpoint_id, c->endpoint_id);
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < n && strcmp(rows[lo].model_key, c->model_key) == 0;
	    lo++) {
		if (c->endpoint_id != NULL)
			return (strcmp(rows[lo].endpoint_id,
			    c->endpoint_id) == 0 && match[lo]);
		if (match[lo])
			return (1);
	}
	return (0);
}

int
change_list_filter(struct store *store, const struct filter *filter,
    struct change_rec *list, size_t *n, char **cause)
{
	struct ep_row	*rows = NULL;
	unsigned char	*match;
	size_t		 nrows = 0, i, kept = 0;

	if (filter == NULL || filter_nterms(filter) == 0)
		return (0);
	if (store_endpoint_load(store, 1, &rows, &nrows, cause) != 0)
		return (-1);
	qsort(rows, nrows, sizeof *rows, change_row_cmp);
	match = xcalloc(nrows == 0 ? 1 : nrows, 1);
	for (i = 0; i < nrows; i++)
		match[i] = filter_match(filter, &rows[i]) != 0;
	for (i = 0; i < *n; i++) {
		if (!change_match(&list[i], rows, match, nrows)) {
			change_rec_clear(&list[i]);
			continue;
		}
		if (kept != i) {
			list[kept] = list[i];
			memset(&list[i], 0, sizeof list[i]);
		}
		kept++;
	}
	*n = kept;
	free(match);
	ep_row_list_free(rows, nrows);
	return (0);
}
