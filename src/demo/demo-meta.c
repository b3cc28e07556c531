/*
 * demo-meta: the model metadata of the demo set (demo_options.extras):
 * each catalogue entry with endpoints gets its daily usage
 * (model-daily-stats-NNNN.json: 30 days ending with the metrics) and its
 * top apps (stats-app-KEY.json, KEY the model key with '/' and ':' as '-',
 * which is how `orbrowse import` tells the model of an app list), and each
 * author an author page (model-author-SLUG.json: the author and its
 * catalogue entries).  Each entry draws from a stream of its own, so the
 * other files are the same with or without these.
 */
#include "config.h"

#include "demo/demo-private.h"

#include <stdio.h>
#include <string.h>

#include "util/civil.h"
#include "util/xmalloc.h"

#define DEMO_META_DAYS		30
#define DEMO_META_MAX_APPS	8
/* The stream of entry k is (seed, DEMO_META_STREAM + k). */
#define DEMO_META_STREAM	0x6d65746100000000ULL

static const char *const app_first[] = {
	"Quill", "Harbor", "Lumen", "Tandem", "Orbit", "Sprout", "Relay",
	"Marble", "Pocket", "Atlas", "Vesper", "Kindle"
};
static const char *const app_second[] = {
	"Chat", "Writer", "Code", "Tutor", "Notes", "Agent", "Studio",
	"Search", "Companion", "Translate"
};

/* 30 days of usage rows, growing with noise from a daily base. */
static json_t *
demo_meta_usage(struct demo_gen *g, struct demo_rng *r,
    const struct demo_base *m, enum demo_variant v, const char *vperma)
{
	json_t		*rows;
	char		 date[32];
	double		 base, growth, x;
	int64_t		 day;
	int		 y, mo, d;
	unsigned	 i;

	rows = json_array();
	base = 1e5 * (1 + demo_rng_below(r, 20000));
	growth = demo_rng_unit(r) * 0.07 - 0.02;	/* -2% .. +5% a day */
	for (i = 0; i < DEMO_META_DAYS; i++) {
		day = g->end_day - (DEMO_META_DAYS - 1) + i;
		civil_from_days(day, &y, &mo, &d);
		snprintf(date, sizeof date, "%04d-%02d-%02d 00:00:00", y, mo,
		    d);
		x = base * (1 + growth * i) * (0.7 + 0.6 * demo_rng_unit(r));
		if (x < 1000)
			x = 1000;
		json_array_append_new(rows, json_pack(
		    "{s:s,s:s,s:s,s:s,s:I,s:I,s:I,s:I}", "date", date,
		    "model_permaslug", m->permaslug, "variant",
		    demo_variant_names[v], "variant_permaslug", vperma,
		    "count", (json_int_t)(x / 1500) + 1,
		    "total_prompt_tokens", (json_int_t)(x * 0.8),
		    "total_completion_tokens", (json_int_t)(x * 0.2),
		    "total_native_tokens_reasoning", (json_int_t)(m->reasoning ?
		    x * 0.05 : 0)));
	}
	return (rows);
}

/* The top apps, most tokens first; total_tokens as a string. */
static json_t *
demo_meta_apps(struct demo_rng *r)
{
	json_t		*apps;
	char		 title[64], url[128], tokens[32];
	double		 t;
	unsigned	 n, i, id;

	apps = json_array();
	n = 1 + demo_rng_below(r, DEMO_META_MAX_APPS);
	t = 1e6 * (1 + demo_rng_below(r, 5000));
	for (i = 0; i < n; i++) {
		id = 1000 + demo_rng_below(r, 900000);
		snprintf(title, sizeof title, "%s %s",
		    app_first[demo_rng_below(r, sizeof app_first /
		    sizeof app_first[0])], app_second[demo_rng_below(r,
		    sizeof app_second / sizeof app_second[0])]);
		snprintf(url, sizeof url, "https://app%u.example.com/", id);
		snprintf(tokens, sizeof tokens, "%.0f", t);
		json_array_append_new(apps, json_pack(
		    "{s:i,s:s,s:{s:i,s:s,s:s,s:n,s:s,s:n,s:s}}", "app_id",
		    (int)id, "total_tokens", tokens, "app", "id", (int)id,
		    "title", title, "description", "A demo app", "main_url",
		    "origin_url", url, "source_code_url", "created_at",
		    "2026-01-15T08:00:00+00:00"));
		t *= demo_rng_spread(r, 0.3, 0.9);
	}
	return (apps);
}

int
demo_meta_entry(struct demo_gen *g, const struct demo_base *m,
    enum demo_variant v, const char *vperma, unsigned entry, char **cause)
{
	struct demo_rng	 r;
	char		 name[64], *key, *p;
	int		 rc;

	if (!g->extras)
		return (0);
	demo_rng_seed(&r, g->seed, DEMO_META_STREAM + entry);
	snprintf(name, sizeof name, "model-daily-stats-%04u.json", entry);
	if (demo_write_data(g, name, demo_meta_usage(g, &r, m, v, vperma),
	    cause) != 0)
		return (-1);
	key = xstrdup(vperma);
	for (p = key; *p != '\0'; p++) {
		if (*p == '/' || *p == ':')
			*p = '-';
	}
	p = xasprintf("stats-app-%s.json", key);
	rc = demo_write_data(g, p, demo_meta_apps(&r), cause);
	free(p);
	free(key);
	return (rc);
}

/* The catalogue entries of author slug, without their endpoints. */
static json_t *
demo_meta_models(struct demo_gen *g, const char *slug)
{
	json_t		*out, *e, *copy;
	const char	*perma;
	size_t		 i, len = strlen(slug);

	out = json_array();
	json_array_foreach(g->catalogue, i, e) {
		perma = json_string_value(json_object_get(e, "permaslug"));
		if (perma == NULL || strncmp(perma, slug, len) != 0 ||
		    perma[len] != '/')
			continue;
		copy = json_copy(e);
		json_object_del(copy, "endpoint");
		json_object_set_new(copy, "stats", json_array());
		json_array_append_new(out, copy);
	}
	return (out);
}

int
demo_meta_authors(struct demo_gen *g, char **cause)
{
	const struct demo_author	*a;
	json_t				*data;
	char				 name[96], id[37];
	struct demo_rng			 r;
	unsigned			 i;

	if (!g->extras)
		return (0);
	for (i = 0; i < DEMO_NAUTHORS; i++) {
		if (g->author_count[i] == 0)
			continue;
		a = &demo_authors[i];
		demo_rng_seed(&r, g->seed, DEMO_META_STREAM - 1 - i);
		demo_rng_uuid(&r, id, NULL);
		data = json_pack("{s:{s:s,s:s,s:s,s:s,s:s,s:s},s:o}",
		    "author", "id", id, "slug", a->slug, "name", a->name,
		    "description", "Models by the demo lab of the same name",
		    "created_at", "2024-01-01T00:00:00+00:00", "updated_at",
		    "2026-10-01T00:00:00+00:00", "modelsWithStats",
		    demo_meta_models(g, a->slug));
		snprintf(name, sizeof name, "model-author-%s.json", a->slug);
		if (demo_write_data(g, name, data, cause) != 0)
			return (-1);
	}
	return (0);
}
