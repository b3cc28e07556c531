#include "config.h"

#include "project/endpoint-sort.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "project/cost.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char *sort_names[EP_SORT__COUNT] = {
	"model", "provider", "quant", "ctx", "out", "prompt", "completion",
	"latency", "tps", "uptime", "flags", "data", "status", "usage"
};

static const enum ep_sort col_sort[EP_COL__COUNT] = {
	[EP_COL_MODEL] = EP_SORT_MODEL,
	[EP_COL_PROVIDER] = EP_SORT_PROVIDER,
	[EP_COL_QUANT] = EP_SORT_QUANT,
	[EP_COL_CTX] = EP_SORT_CTX,
	[EP_COL_PROMPT] = EP_SORT_PROMPT,
	[EP_COL_COMPLETION] = EP_SORT_COMPLETION,
	[EP_COL_LATENCY] = EP_SORT_LATENCY,
	[EP_COL_TPS] = EP_SORT_TPS,
	[EP_COL_UPTIME] = EP_SORT_UPTIME,
	[EP_COL_FLAGS] = EP_SORT_FLAGS,
	[EP_COL_DATA] = EP_SORT_DATA,
	[EP_COL_STATUS] = EP_SORT_STATUS,
};

static const char *const col_names[EP_COL__COUNT] = {
	"model", "provider", "quant", "ctx", "prompt", "completion",
	"latency", "tps", "uptime", "flags", "data", "status"
};

enum ep_sort
ep_col_sort(enum ep_col c)
{
	return (c < EP_COL__COUNT ? col_sort[c] : EP_SORT_MODEL);
}

const char *const *
ep_col_names(void)
{
	return (col_names);
}

/* The TIRF letters as a number, tools the most significant bit. */
static double
flags_val(const struct ep_row *r)
{
	return ((r->supports_tools == 1) * 8 + (r->supports_images == 1) * 4 +
	    (r->supports_reasoning == 1) * 2 + (cost_free(r) == 1));
}

/* The data policy from the kindest: ok 0, keep 1, train 2; NAN unknown. */
static double
policy_val(const struct ep_row *r)
{
	if (r->training == 1)
		return (2);
	if (r->training == 0)
		return (r->retains_prompts == 1 ? 1 : 0);
	return (NAN);
}

const char *
ep_row_flags(const struct ep_row *r, char *buf, size_t len)
{
	snprintf(buf, len, "%c%c%c%c", r->supports_tools == 1 ? 'T' : '.',
	    r->supports_images == 1 ? 'I' : '.',
	    r->supports_reasoning == 1 ? 'R' : '.',
	    cost_free(r) == 1 ? 'F' : '.');
	return (buf);
}

const char *
ep_row_policy(const struct ep_row *r)
{
	/* The words of every view (project/endpoint.h). */
	return (_(ep_policy_label(ep_policy(r))));
}

static int
cmp_str(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return ((a == NULL) - (b == NULL));
	return (strcasecmp(a, b));
}

/* Numbers; *nulls is set when either is unknown (they sort last). */
static int
cmp_num(double a, double b, int *nulls)
{
	*nulls = isnan(a) || isnan(b);
	if (*nulls)
		return (isnan(a) - isnan(b));
	return (a < b ? -1 : a > b);
}

static double
ival(int64_t v)
{
	return (v == EP_NULL_INT ? NAN : (double)v);
}

int
ep_row_cmp(const struct ep_row *a, const struct ep_row *b, enum ep_sort by,
    int desc)
{
	int	c = 0, nulls = 0;

	switch (by) {
	case EP_SORT_MODEL:
		c = cmp_str(a->model_key, b->model_key);
		break;
	case EP_SORT_PROVIDER:
		c = cmp_str(a->provider_name, b->provider_name);
		break;
	case EP_SORT_QUANT:
		c = cmp_str(a->quantization, b->quantization);
		break;
	case EP_SORT_CTX:
		c = cmp_num(ival(a->context_length), ival(b->context_length),
		    &nulls);
		break;
	case EP_SORT_OUT:
		c = cmp_num(ival(a->max_output), ival(b->max_output), &nulls);
		break;
	case EP_SORT_PROMPT:
		c = cmp_num(a->price_prompt, b->price_prompt, &nulls);
		break;
	case EP_SORT_COMPLETION:
		c = cmp_num(a->price_completion, b->price_completion, &nulls);
		break;
	case EP_SORT_LATENCY:
		c = cmp_num(a->p50_latency_ms, b->p50_latency_ms, &nulls);
		break;
	case EP_SORT_TPS:
		c = cmp_num(a->p50_throughput, b->p50_throughput, &nulls);
		break;
	case EP_SORT_UPTIME:
		c = cmp_num(a->uptime, b->uptime, &nulls);
		break;
	case EP_SORT_USAGE:
		c = cmp_num(ival(a->model_usage), ival(b->model_usage), &nulls);
		break;
	case EP_SORT_FLAGS:
		c = cmp_num(flags_val(a), flags_val(b), &nulls);
		break;
	case EP_SORT_DATA:
		c = cmp_num(policy_val(a), policy_val(b), &nulls);
		break;
	case EP_SORT_STATUS:
		c = cmp_num(ival(a->status), ival(b->status), &nulls);
		break;
	default:
		break;
	}
	if (desc && !nulls)
		c = -c;
	if (c == 0)
		c = cmp_str(a->model_key, b->model_key);
	if (c == 0)
		c = cmp_str(a->provider_slug, b->provider_slug);
	if (c == 0)
		c = cmp_str(a->endpoint_id, b->endpoint_id);
	return (c);
}

/* qsort has no context argument in C99: the order is set just before. */
static enum ep_sort	sort_by;
static int		sort_desc;

static int
ep_row_ptr_cmp(const void *a, const void *b)
{
	return (ep_row_cmp(*(const struct ep_row *const *)a,
	    *(const struct ep_row *const *)b, sort_by, sort_desc));
}

/*
 * Rows are large: sort pointers to them, then move each row once.  A list
 * that is already in order (re-sorting after a reload) costs one pass.
 */
void
ep_row_sort(struct ep_row *rows, size_t n, enum ep_sort by, int desc)
{
	const struct ep_row	**p;
	struct ep_row		 *tmp;
	size_t			  i;

	/* qsort(NULL, 0, ...) is undefined behaviour: an empty list is sorted. */
	if (n < 2)
		return;
	for (i = 1; i < n; i++) {
		if (ep_row_cmp(&rows[i - 1], &rows[i], by, desc) > 0)
			break;
	}
	if (i == n)
		return;
	sort_by = by;
	sort_desc = desc;
	p = xreallocarray(NULL, n, sizeof *p);
	for (i = 0; i < n; i++)
		p[i] = &rows[i];
	qsort(p, n, sizeof *p, ep_row_ptr_cmp);
	tmp = xreallocarray(NULL, n, sizeof *tmp);
	for (i = 0; i < n; i++)
		tmp[i] = *p[i];
	memcpy(rows, tmp, n * sizeof *rows);
	free(tmp);
	free(p);
}

const char *
ep_sort_name(enum ep_sort by)
{
	return (by < EP_SORT__COUNT ? sort_names[by] : "?");
}

int
ep_sort_parse(const char *name, enum ep_sort *by)
{
	int	i;

	for (i = 0; i < EP_SORT__COUNT; i++) {
		if (strcmp(name, sort_names[i]) == 0) {
			*by = (enum ep_sort)i;
			return (0);
		}
	}
	return (-1);
}

/* ------------------------------------------------------------- models */

static const char *model_sort_names[MODEL_SORT__COUNT] = {
	"id", "name", "ctx", "out", "prompt", "completion", "providers",
	"expires", "cutoff", "created", "usage"
};

static const char *
model_row_id(const struct model_row *m)
{
	return (m->model_id != NULL ? m->model_id : m->model_key);
}

static int
model_row_cmp(const struct model_row *a, const struct model_row *b,
    enum model_sort by, int desc)
{
	int	c = 0, nulls = 0;

	switch (by) {
	case MODEL_SORT_ID:
		c = cmp_str(model_row_id(a), model_row_id(b));
		break;
	case MODEL_SORT_NAME:
		c = cmp_str(a->name, b->name);
		nulls = a->name == NULL || b->name == NULL;
		break;
	case MODEL_SORT_CTX:
		c = cmp_num(ival(a->context_length), ival(b->context_length),
		    &nulls);
		break;
	case MODEL_SORT_OUT:
		c = cmp_num(ival(a->max_output), ival(b->max_output), &nulls);
		break;
	case MODEL_SORT_PROMPT:
		c = cmp_num(a->min_price_prompt, b->min_price_prompt, &nulls);
		break;
	case MODEL_SORT_COMPLETION:
		c = cmp_num(a->min_price_completion, b->min_price_completion,
		    &nulls);
		break;
	case MODEL_SORT_PROVIDERS:
		c = cmp_num((double)a->providers, (double)b->providers, &nulls);
		break;
	case MODEL_SORT_EXPIRES:
		/* YYYY-MM-DD sorts as text. */
		c = cmp_str(a->expiration_date, b->expiration_date);
		nulls = a->expiration_date == NULL ||
		    b->expiration_date == NULL;
		break;
	case MODEL_SORT_CUTOFF:
		c = cmp_str(a->knowledge_cutoff, b->knowledge_cutoff);
		nulls = a->knowledge_cutoff == NULL ||
		    b->knowledge_cutoff == NULL;
		break;
	case MODEL_SORT_CREATED:
		c = cmp_num(ival(a->created), ival(b->created), &nulls);
		break;
	case MODEL_SORT_USAGE:
		c = cmp_num(ival(a->usage), ival(b->usage), &nulls);
		break;
	default:
		break;
	}
	if (desc && !nulls)
		c = -c;
	if (c == 0)
		c = cmp_str(model_row_id(a), model_row_id(b));
	if (c == 0)
		c = cmp_str(a->model_key, b->model_key);
	return (c);
}

static enum model_sort	model_sort_by;
static int		model_sort_desc;

static int
model_row_qcmp(const void *a, const void *b)
{
	return (model_row_cmp(a, b, model_sort_by, model_sort_desc));
}

void
model_row_sort(struct model_row *rows, size_t n, enum model_sort by,
    int desc)
{
	if (n < 2)
		return;
	model_sort_by = by;
	model_sort_desc = desc;
	qsort(rows, n, sizeof *rows, model_row_qcmp);
}

const char *
model_sort_name(enum model_sort by)
{
	return (by < MODEL_SORT__COUNT ? model_sort_names[by] : "?");
}

int
model_sort_parse(const char *s, enum model_sort *by)
{
	int	i;

	for (i = 0; i < MODEL_SORT__COUNT; i++) {
		if (strcasecmp(s, model_sort_names[i]) == 0) {
			*by = (enum model_sort)i;
			return (0);
		}
	}
	return (-1);
}
