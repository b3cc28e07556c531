/*
 * model: the projection of a model list entry into the directory's record.
 */
#include "config.h"

#include "project/model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codec/jarena.h"
#include "project/endpoint.h"
#include "project/jfield.h"
#include "project/price.h"
#include "util/buf.h"
#include "util/civil.h"
#include "util/clock.h"
#include "util/xmalloc.h"

void
model_row_init(struct model_row *m)
{
	memset(m, 0, sizeof *m);
	m->created = EP_NULL_INT;
	m->context_length = EP_NULL_INT;
	m->max_output = EP_NULL_INT;
	m->price_prompt = NAN;
	m->price_completion = NAN;
	m->providers = 0;
	m->min_price_prompt = NAN;
	m->min_price_completion = NAN;
	m->usage = EP_NULL_INT;
}

void
model_row_clear(struct model_row *m)
{
	free(m->model_key);
	free(m->model_id);
	free(m->canonical_slug);
	free(m->name);
	free(m->expiration_date);
	free(m->knowledge_cutoff);
	free(m->input_modalities);
	free(m->output_modalities);
	free(m->supported_parameters);
	free(m->default_parameters);
	free(m->reasoning);
	free(m->alias_target);
	free(m->alias_target_name);
	free(m->hugging_face_id);
	free(m->details);
	model_row_init(m);
}

void
model_row_list_free(struct model_row *list, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		model_row_clear(&list[i]);
	free(list);
}

static int
model_item_ok(const char *s)
{
	size_t	len;

	len = strlen(s);
	if (len == 0 || len > MODEL_ITEM_MAX)
		return (0);
	return (strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789_.+-") == len);
}

/* A list of names as "a,b,c"; NULL when absent; bad items are warnings. */
static char *
model_list(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*arr, *v;
	struct buf	 b = BUF_INIT;
	size_t		 i, n = 0;

	if ((arr = jf_arr(obj, key, w)) == NULL)
		return (NULL);
	json_array_foreach(arr, i, v) {
		if (!json_is_string(v) || !model_item_ok(json_string_value(v)) ||
		    n >= MODEL_LIST_MAX) {
			(*w)++;
			continue;
		}
		if (n++ > 0)
			buf_addch(&b, ',');
		buf_addstr(&b, json_string_value(v));
	}
	return (buf_detach(&b));
}

/* "YYYY-MM-DD" as year, month and day; -1 unless a valid date. */
static int
model_parse_date(const char *s, int *y, int *m, int *d)
{
	int	i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return (-1);
	for (i = 0; i < 10; i++) {
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return (-1);
	}
	*y = atoi(s);
	*m = atoi(s + 5);
	*d = atoi(s + 8);
	if (*m < 1 || *m > 12 || *d < 1 || *d > civil_month_days(*y, *m))
		return (-1);
	return (0);
}

static char *
model_date(const json_t *obj, const char *key, unsigned *w)
{
	const char	*s;
	int		 y, m, d;

	if ((s = jf_str(obj, key, w)) == NULL)
		return (NULL);
	if (model_parse_date(s, &y, &m, &d) != 0) {
		(*w)++;
		return (NULL);
	}
	return (xstrdup(s));
}

/* A JSON object member as compact text (bounded), NULL when absent. */
static char *
model_json_obj(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;
	char		*text;

	if ((v = jf_obj(obj, key, w)) == NULL)
		return (NULL);
	text = json_text(v, JSON_COMPACT | JSON_SORT_KEYS);
	if (text != NULL && strlen(text) > EP_STR_MAX) {
		(*w)++;
		free(text);
		return (NULL);
	}
	return (text);
}

static void
model_project_v1(const json_t *entry, struct model_row *m, unsigned *w)
{
	const json_t	*o;
	const char	*s;
	struct price	 p;

	m->canonical_slug = jf_dup(jf_str(entry, "canonical_slug", w));
	m->expiration_date = model_date(entry, "expiration_date", w);
	m->knowledge_cutoff = model_date(entry, "knowledge_cutoff", w);
	o = jf_obj(entry, "architecture", w);
	m->input_modalities = model_list(o, "input_modalities", w);
	m->output_modalities = model_list(o, "output_modalities", w);
	m->supported_parameters = model_list(entry, "supported_parameters", w);
	m->default_parameters = model_json_obj(entry, "default_parameters", w);
	m->reasoning = model_json_obj(entry, "reasoning", w);
	o = jf_obj(entry, "alias_target", w);
	m->alias_target = jf_dup(jf_str(o, "slug", w));
	m->alias_target_name = jf_dup(jf_str(o, "name", w));
	s = jf_str(entry, "hugging_face_id", w);
	m->hugging_face_id = s != NULL && *s != '\0' ? jf_dup(s) : NULL;
	m->details = jf_dup(jf_str(jf_obj(entry, "links", w), "details", w));
	m->created = jf_int(entry, "created", w);
	m->context_length = jf_tokens(entry, "context_length", w);
	m->max_output = jf_tokens(jf_obj(entry, "top_provider", w),
	    "max_completion_tokens", w);
	/*
	 * Only the prompt and completion prices are kept; what the rest of
	 * the pricing object holds (overrides, SKUs) is the endpoints' to
	 * judge, so it adds no warning here.
	 */
	price_init(&p);
	price_parse(jf_obj(entry, "pricing", w), &p, NULL);
	m->price_prompt = p.part[PRICE_PROMPT];
	m->price_completion = p.part[PRICE_COMPLETION];
	price_clear(&p);
}

int
model_project(const json_t *entry, int catalogue, const char *key,
    struct model_row *m, unsigned *warnings)
{
	unsigned	w = 0;

	model_row_clear(m);
	if (!json_is_object(entry))
		return (-1);
	m->model_key = xstrdup(key);
	m->name = jf_dup(jf_str(entry, "name", &w));
	if (catalogue) {
		/* The catalogue names the modalities at the top level. */
		m->input_modalities = model_list(entry, "input_modalities", &w);
		m->output_modalities = model_list(entry, "output_modalities",
		    &w);
		m->context_length = jf_tokens(entry, "context_length", &w);
	} else {
		m->model_id = jf_dup(jf_str(entry, "id", &w));
		model_project_v1(entry, m, &w);
	}
	if (warnings != NULL)
		*warnings += w;
	return (0);
}

int
model_list_has(const char *list, const char *item)
{
	const char	*p, *end;
	size_t		 len;

	if (list == NULL)
		return (-1);
	len = strlen(item);
	for (p = list; *p != '\0'; p = *end == ',' ? end + 1 : end) {
		end = p + strcspn(p, ",");
		if ((size_t)(end - p) == len && strncasecmp(p, item, len) == 0)
			return (1);
	}
	return (0);
}

int
model_days_until(const char *date, int64_t today, int64_t *days)
{
	int	y, m, d;

	if (model_parse_date(date, &y, &m, &d) != 0)
		return (-1);
	*days = civil_to_days(y, m, d) - today;
	return (0);
}

int
model_expiring(const char *date, int64_t today)
{
	int64_t	days;

	if (model_days_until(date, today, &days) != 0)
		return (0);
	return (days <= MODEL_EXPIRY_DAYS);
}

char *
model_label(const char *model_id, const char *model_key, const char *expires,
    int64_t today)
{
	const char	*name;

	name = model_id != NULL ? model_id : model_key != NULL ? model_key : "";
	return (xasprintf("%s%s", model_expiring(expires, today) ? MODEL_MARK :
	    "", name));
}

int64_t
model_today(void)
{
	int64_t	ms;

	ms = clock_now_ms();
	return (ms >= 0 ? ms / 86400000 : -((-ms + 86399999) / 86400000));
}
