#include "config.h"

#include "project/meta.h"

#include <stdlib.h>
#include <string.h>

#include "project/jfield.h"
#include "project/metric.h"
#include "project/model-key.h"
#include "util/xmalloc.h"

#define META_SLUG_MAX	128
#define META_KEY_MAX	512	/* longest permaslug kept */

void
meta_author_clear(struct meta_author *a)
{
	free(a->slug);
	free(a->name);
	free(a->description);
	memset(a, 0, sizeof *a);
}

void
meta_app_clear(struct meta_app *a)
{
	free(a->name);
	free(a->url);
	memset(a, 0, sizeof *a);
	a->app_id = a->tokens = JF_NULL_INT;
}

void
meta_usage_clear(struct meta_usage *u)
{
	free(u->model_key);
	memset(u, 0, sizeof *u);
	u->requests = u->prompt = u->completion = u->reasoning = JF_NULL_INT;
}

void
meta_app_list_free(struct meta_app *a, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		meta_app_clear(&a[i]);
	free(a);
}

void
meta_usage_list_free(struct meta_usage *u, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		meta_usage_clear(&u[i]);
	free(u);
}

void
meta_author_list_free(struct meta_author *a, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		meta_author_clear(&a[i]);
	free(a);
}

int
meta_slug_ok(const char *s)
{
	size_t	i;

	if (s == NULL || *s == '\0')
		return (0);
	for (i = 0; s[i] != '\0'; i++) {
		if (i == META_SLUG_MAX || s[i] <= ' ' || s[i] >= 0x7f ||
		    s[i] == '/')
			return (0);
	}
	return (1);
}

int
meta_author_project(const json_t *data, struct meta_author *a, unsigned *w,
    char **cause)
{
	const json_t	*author, *models;
	const char	*slug;

	meta_author_clear(a);
	author = jf_obj(data, "author", w);
	slug = jf_str(author, "slug", w);
	if (!meta_slug_ok(slug)) {
		if (cause != NULL)
			*cause = xstrdup("the author has no usable slug");
		return (-1);
	}
	a->slug = xstrdup(slug);
	a->name = jf_dup(jf_str(author, "name", w));
	a->description = jf_dup(jf_str(author, "description", w));
	models = jf_arr(data, "modelsWithStats", w);
	a->models = models != NULL ? (int64_t)json_array_size(models) :
	    JF_NULL_INT;
	return (0);
}

int
meta_app_project(const json_t *el, int64_t rank, struct meta_app *a,
    unsigned *w)
{
	const json_t	*app;
	const char	*url;

	meta_app_clear(a);
	if (!json_is_object(el)) {
		(*w)++;
		return (-1);
	}
	app = jf_obj(el, "app", w);
	a->rank = rank;
	a->app_id = jf_int(el, "app_id", w);
	if (a->app_id == JF_NULL_INT)
		a->app_id = jf_int(app, "id", w);
	a->name = jf_dup(jf_str(app, "title", w));
	if ((url = jf_str(app, "origin_url", w)) == NULL)
		url = jf_str(app, "main_url", w);
	a->url = jf_dup(url);
	a->tokens = jf_count(el, "total_tokens", w);
	if (a->app_id == JF_NULL_INT && a->name == NULL && a->url == NULL) {
		(*w)++;
		return (-1);
	}
	return (0);
}

int
meta_usage_project(const json_t *el, struct meta_usage *u, unsigned *w)
{
	const char	*slug, *date, *variant;
	int64_t		 ts;

	meta_usage_clear(u);
	if (!json_is_object(el)) {
		(*w)++;
		return (-1);
	}
	slug = jf_str(el, "model_permaslug", w);
	date = jf_str(el, "date", w);
	variant = jf_str(el, "variant", w);
	if (slug == NULL || strlen(slug) > META_KEY_MAX ||
	    strchr(slug, '/') == NULL || date == NULL ||
	    metric_parse_date(date, &ts) != 0 || ts < 0 ||
	    (variant != NULL && strlen(variant) > META_SLUG_MAX)) {
		(*w)++;
		return (-1);
	}
	u->model_key = model_key_make(slug, variant);
	u->day = ts - ts % 86400;
	u->requests = jf_count(el, "count", w);
	u->prompt = jf_count(el, "total_prompt_tokens", w);
	u->completion = jf_count(el, "total_completion_tokens", w);
	u->reasoning = jf_count(el, "total_native_tokens_reasoning", w);
	return (0);
}
