/*
 * filter-match: matching rows against a compiled filter (see filter.h),
 * an endpoint row, a model, or a row of a struct filter_words, the
 * lowercased words of many rows in one buffer.  Parsing is in filter.c;
 * what both share is in filter-private.h.
 */
#include "config.h"

#include "project/filter.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "project/cost.h"
#include "project/filter-private.h"
#include "project/model.h"
#include "project/provider.h"
#include "util/civil.h"
#include "util/xmalloc.h"

/* Result of one term on one row: true, false or unknown (a NULL value). */
#define FILTER_UNKNOWN	(-1)

/* Relative tolerance for "=", "<=" and ">=" on reals (prices per 1M). */
#define FILTER_EPSILON	1e-9

/*
 * Case-insensitive substring; the needle is already lowercase.  The first
 * byte is looked for with strchr() or strpbrk() (both cases), which scan
 * many bytes at a time: the UI runs this over every row at each key.
 */
static int
filter_contains(const char *hay, const char *needle, size_t len)
{
	const unsigned char	*n = (const unsigned char *)needle;
	const char		*h = hay;
	char			 first[3];
	size_t			 i;

	first[0] = (char)n[0];
	first[1] = n[0] >= 'a' && n[0] <= 'z' ? (char)(n[0] - 'a' + 'A') :
	    '\0';
	first[2] = '\0';
	if (len == 0)
		return (0);
	for (;;) {
		h = first[1] == '\0' ? strchr(h, first[0]) :
		    strpbrk(h, first);
		if (h == NULL)
			return (0);
		/* The needle holds no NUL, so this stops at hay's end. */
		for (i = 1; i < len; i++) {
			if (filter_fold((unsigned char)h[i]) != n[i])
				break;
		}
		if (i == len)
			return (1);
		h++;
	}
}

/* The fields a word term searches, in the order of struct filter_words. */
static void
filter_word_fields(const struct ep_row *row, const char **f)
{
	f[0] = row->model_key;
	f[1] = row->model_name;
	f[2] = row->provider_slug;
	f[3] = row->provider_name;
	f[4] = row->model_id;
}

/*
 * The words of many rows in one buffer, lowercased, the fields a word term
 * searches (filter_eval(): model key and name, provider slug and name, the
 * public id) split by FILTER_WORDS_SEP and each row ended by
 * FILTER_WORDS_END.  A needle holds neither, so a match found in the buffer
 * lies inside one field of one row.  Searching one contiguous buffer with
 * memchr() is several times faster than visiting every row's strings.
 */

struct filter_words {
	char		*buf;
	size_t		*off;		/* n + 1: row i is [off[i], off[i+1]) */
	unsigned char	*known;		/* some field is not NULL */
	size_t		 n;
};

struct filter_words *
filter_words_new(const struct ep_row *rows, size_t n)
{
	struct filter_words	*w = xcalloc(1, sizeof(*w));
	const char		*f[5];
	size_t			 i, j, size = 1, at = 0;
	const char		*p;

	for (i = 0; i < n; i++) {
		filter_word_fields(&rows[i], f);
		for (j = 0; j < 5; j++)
			size += (f[j] != NULL ? strlen(f[j]) : 0) + 1;
	}
	w->buf = xmalloc(size);
	w->off = xcalloc(n + 1, sizeof(*w->off));
	w->known = xcalloc(n > 0 ? n : 1, 1);
	w->n = n;
	for (i = 0; i < n; i++) {
		w->off[i] = at;
		filter_word_fields(&rows[i], f);
		for (j = 0; j < 5; j++) {
			if (f[j] != NULL)
				w->known[i] = 1;
			for (p = f[j]; p != NULL && *p != '\0'; p++)
				w->buf[at++] = (char)filter_fold(
				    (unsigned char)*p);
			w->buf[at++] = j < 4 ? FILTER_WORDS_SEP :
			    FILTER_WORDS_END;
		}
	}
	w->off[n] = at;
	w->buf[at] = '\0';
	return (w);
}

void
filter_words_free(struct filter_words *w)
{
	if (w == NULL)
		return;
	free(w->buf);
	free(w->off);
	free(w->known);
	free(w);
}

/* A plain word term over row at's words: as filter_search() on its fields. */
static int
filter_words_search(const struct filter_words *w, size_t at,
    const struct filter_term *t)
{
	const char	*h = w->buf + w->off[at], *end = w->buf + w->off[at + 1];
	size_t		 len = t->needlelen;

	if (!w->known[at])
		return (FILTER_UNKNOWN);
	while ((size_t)(end - h) >= len &&
	    (h = memchr(h, t->needle[0], (size_t)(end - h) - len + 1)) !=
	    NULL) {
		if (memcmp(h + 1, t->needle + 1, len - 1) == 0)
			return (1);
		h++;
	}
	return (0);
}

/*
 * Search several strings: unknown only when every one is NULL, since a row
 * with a known key but no display name can still say "this is not qwen".
 */
static int
filter_search(const struct filter_term *t, const char *const *hay, int n)
{
	int	i, known = 0;

	for (i = 0; i < n; i++) {
		if (hay[i] == NULL)
			continue;
		known = 1;
		if (filter_contains(hay[i], t->needle, t->needlelen))
			return (1);
	}
	return (known ? 0 : FILTER_UNKNOWN);
}

static int
filter_tristate(int v)
{
	if (v < 0)
		return (FILTER_UNKNOWN);
	return (v != 0);
}

/*
 * "free" is judged by price (project/cost.h, cost_free()): every price
 * given, overrides included, zero, and none unknown ("-1").  Only when the
 * prices do not decide does an explicit is_free; else it is unknown.
 */
static int
filter_eval_free(const struct ep_row *row)
{
	int	f;

	if ((f = cost_free(row)) >= 0)
		return (f);
	return (FILTER_UNKNOWN);
}

static int
filter_eval_flag(const struct filter_term *t, const struct ep_row *row)
{
	switch ((enum filter_flag)t->which) {
	case FILTER_FLAG_FREE:
		return (filter_eval_free(row));
	case FILTER_FLAG_TOOLS:
		return (filter_tristate(row->supports_tools));
	case FILTER_FLAG_IMAGES:
		return (filter_tristate(row->supports_images));
	case FILTER_FLAG_REASONING:
		return (filter_tristate(row->supports_reasoning));
	case FILTER_FLAG_ACTIVE:
		return (filter_tristate(row->active));
	case FILTER_FLAG_NO_TRAIN:
		if (row->training < 0)
			return (FILTER_UNKNOWN);
		return (row->training == 0);
	case FILTER_FLAG_NO_RETAIN:
		if (row->retains_prompts < 0)
			return (FILTER_UNKNOWN);
		return (row->retains_prompts == 0);
	case FILTER_FLAG_WATCHED:
		if (row->watched < 0)
			return (FILTER_UNKNOWN);
		return (row->watched != 0);
	}
	return (FILTER_UNKNOWN);
}

static int
filter_eval_field(const struct filter_term *t, const struct ep_row *row)
{
	const char	*hay[3];

	switch ((enum filter_field)t->which) {
	case FILTER_FIELD_PROVIDER:
		hay[0] = row->provider_slug;
		hay[1] = row->provider_name;
		return (filter_search(t, hay, 2));
	case FILTER_FIELD_QUANT:
		hay[0] = row->quantization;
		return (filter_search(t, hay, 1));
	case FILTER_FIELD_VARIANT:
		hay[0] = row->variant;
		return (filter_search(t, hay, 1));
	case FILTER_FIELD_MODEL:
		hay[0] = row->model_key;
		hay[1] = row->model_name;
		hay[2] = row->model_id;
		return (filter_search(t, hay, 3));
	case FILTER_FIELD_IN:
		return (model_list_has(row->model_in, t->needle));
	case FILTER_FIELD_OUT:
		return (model_list_has(row->model_out, t->needle));
	case FILTER_FIELD_PARAM:
		return (model_list_has(row->model_params, t->needle));
	case FILTER_FIELD_HQ:
		/* A country code is matched whole: hq:US is not hq:USA. */
		if (row->provider_hq == NULL)
			return (FILTER_UNKNOWN);
		return (strcasecmp(row->provider_hq, t->needle) == 0);
	case FILTER_FIELD_DC:
		if (row->provider_dc == NULL)
			return (FILTER_UNKNOWN);
		return (prov_has_dc(row->provider_dc, t->needle));
	}
	return (FILTER_UNKNOWN);
}

/*
 * Prices per 1M tokens are a per-token price times 1e6, which is rarely the
 * exact double the user typed; a relative tolerance makes "=" usable and
 * keeps "<" and "<=" (and ">" and ">=") consistent with it.
 */
static int
filter_equal(double a, double b)
{
	if (!isfinite(a) || !isfinite(b))
		return (a == b);
	return (a == b || fabs(a - b) <= FILTER_EPSILON * fmax(fabs(a),
	    fabs(b)));
}

static int
filter_int(int64_t v, double *out)
{
	if (v == EP_NULL_INT)
		return (-1);
	*out = (double)v;
	return (0);
}

/* The model's expiry in days from today, or its cutoff (month or day). */
static int
filter_date(const struct filter_term *t, const struct ep_row *row,
    double *v)
{
	int64_t	days;
	int	y, m, d;

	if (t->which == FILTER_NUM_EXPIRES) {
		if (model_days_until(row->model_expires, t->today, &days) != 0)
			return (-1);
		*v = (double)days;
		return (0);
	}
	if (model_days_until(row->model_cutoff, 0, &days) != 0)
		return (-1);
	if (!t->by_month) {
		*v = (double)days;
		return (0);
	}
	civil_from_days(days, &y, &m, &d);
	*v = (double)y * 12 + m - 1;
	return (0);
}

static int
filter_eval_cmp(const struct filter_term *t, const struct ep_row *row)
{
	double	v = NAN;

	switch ((enum filter_num)t->which) {
	case FILTER_NUM_CTX:
		if (filter_int(row->context_length, &v) != 0)
			return (FILTER_UNKNOWN);
		break;
	case FILTER_NUM_OUT:
		if (filter_int(row->max_output, &v) != 0)
			return (FILTER_UNKNOWN);
		break;
	case FILTER_NUM_PROMPT:
		v = row->price_prompt * 1e6;
		break;
	case FILTER_NUM_COMPLETION:
		v = row->price_completion * 1e6;
		break;
	case FILTER_NUM_LATENCY:
		v = row->p50_latency_ms;
		break;
	case FILTER_NUM_TPS:
		v = row->p50_throughput;
		break;
	case FILTER_NUM_UPTIME:
		v = row->uptime;
		break;
	case FILTER_NUM_EXPIRES:
	case FILTER_NUM_CUTOFF:
		if (filter_date(t, row, &v) != 0)
			return (FILTER_UNKNOWN);
		break;
	case FILTER_NUM_USAGE:
		if (filter_int(row->model_usage, &v) != 0)
			return (FILTER_UNKNOWN);
		break;
	}
	if (isnan(v))
		return (FILTER_UNKNOWN);

	switch (t->op) {
	case FILTER_LT:
		return (v < t->number && !filter_equal(v, t->number));
	case FILTER_LE:
		return (v < t->number || filter_equal(v, t->number));
	case FILTER_GT:
		return (v > t->number && !filter_equal(v, t->number));
	case FILTER_GE:
		return (v > t->number || filter_equal(v, t->number));
	case FILTER_EQ:
		if (t->shown)
			return (v >= t->lo && v <= t->hi);
		return (filter_equal(v, t->number));
	}
	return (FILTER_UNKNOWN);
}

static int
filter_eval(const struct filter_term *t, const struct ep_row *row,
    const struct filter_words *w, size_t at)
{
	const char	*hay[5];

	switch (t->kind) {
	case FILTER_WORD:
		if (t->key)
			return (row->model_key != NULL &&
			    strcasecmp(row->model_key, t->needle) == 0);
		if (w != NULL && t->plain)
			return (filter_words_search(w, at, t));
		filter_word_fields(row, hay);
		return (filter_search(t, hay, 5));
	case FILTER_FLAG:
		return (filter_eval_flag(t, row));
	case FILTER_FIELD:
		return (filter_eval_field(t, row));
	case FILTER_CMP:
		return (filter_eval_cmp(t, row));
	}
	return (FILTER_UNKNOWN);
}

/*
 * A model is matched as an endpoint row with only the model's fields: its
 * lowest healthy prices stand for the prices, and a model with an active
 * endpoint is active; a term on an endpoint's own field (provider:,
 * latency, ...) is unknown and holds for no model.
 */
int
filter_match_model(const struct filter *f, const struct model_row *m)
{
	struct ep_row	row;

	ep_row_init(&row);
	row.model_key = m->model_key;
	row.model_name = m->name;
	row.model_id = m->model_id;
	row.model_in = m->input_modalities;
	row.model_out = m->output_modalities;
	row.model_params = m->supported_parameters;
	row.model_expires = m->expiration_date;
	row.model_cutoff = m->knowledge_cutoff;
	row.context_length = m->context_length;
	row.max_output = m->max_output;
	row.price_prompt = m->min_price_prompt;
	row.price_completion = m->min_price_completion;
	row.model_usage = m->usage;
	row.active = m->providers > 0;
	if (model_list_has(m->supported_parameters, "tools") >= 0)
		row.supports_tools = model_list_has(m->supported_parameters,
		    "tools");
	if (model_list_has(m->input_modalities, "image") >= 0)
		row.supports_images = model_list_has(m->input_modalities,
		    "image");
	if (model_list_has(m->supported_parameters, "reasoning") >= 0)
		row.supports_reasoning = model_list_has(
		    m->supported_parameters, "reasoning");
	/* Borrowed strings: the row is not cleared. */
	return (filter_match(f, &row));
}

int
filter_match(const struct filter *f, const struct ep_row *row)
{
	return (filter_match_at(f, row, NULL, 0));
}

int
filter_match_at(const struct filter *f, const struct ep_row *row,
    const struct filter_words *w, size_t at)
{
	int	i, r;

	if (w != NULL && at >= w->n)
		w = NULL;
	for (i = 0; i < f->nterms; i++) {
		r = filter_eval(&f->terms[i], row, w, at);
		/* An unknown value satisfies neither a term nor its negation. */
		if (r == FILTER_UNKNOWN)
			return (0);
		if (r == f->terms[i].neg)
			return (0);
	}
	return (1);
}
