/*
 * demo-media: what the 2026 catalogue has beside text models (issue 15).
 *
 * Media models (image, speech, transcription, embeddings, video): a
 * catalogue entry, an endpoint listing of one or two providers and a v1
 * entry whose context is 0 or null (unknown) and whose price list has only
 * the keys that apply (image_output, audio_output, audio, request).
 *
 * ~ aliases: v1 entries "~author/family-latest" with an alias_target, the
 * newest standard model of that family listed at the epoch, an empty price
 * list and no endpoints, as the API has them.
 *
 * Both come after the text models (the default demo catalogue only: not
 * with a count of models, nor in the scale set), from streams of their
 * own: the text models stay what they were.
 */
#include "config.h"

#include "demo/demo-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/xmalloc.h"

#define MEDIA_STREAM	400
#define ALIAS_STREAM	410
#define NALIASES	4

struct demo_media_kind {
	const char	*label;		/* in the name */
	const char	*slug;
	const char	*in[2];		/* input modalities */
	const char	*out;		/* output modality */
	int64_t		 v1_ctx;	/* 0, -1 (null) or a length */
	const char	*price_key;	/* beside prompt, or NULL */
	uint64_t	 price;		/* 1e-10 USD units */
	int		 prompt;	/* has a prompt price */
};

static const struct demo_media_kind demo_media[] = {
	{ "Image", "image", { "text", "image" }, "image", 0, "image_output",
	  400000, 1 },
	{ "Image Flash", "image-flash", { "text", NULL }, "image", 0,
	  "image_output", 150000, 1 },
	{ "Speech", "speech", { "text", NULL }, "audio", 32000,
	  "audio_output", 200000, 1 },
	{ "Transcribe", "transcribe", { "audio", NULL }, "text", -1, "audio",
	  60000, 0 },
	{ "Embed", "embed", { "text", NULL }, "embeddings", -1, NULL, 0, 1 },
	{ "Video", "video", { "text", "image" }, "video", -1, "request",
	  500000000, 0 },
};
#define NMEDIA (sizeof demo_media / sizeof demo_media[0])

static json_t *
strs_json(const char *a, const char *b)
{
	json_t	*arr;

	arr = json_array();
	if (a != NULL)
		json_array_append_new(arr, json_string(a));
	if (b != NULL)
		json_array_append_new(arr, json_string(b));
	return (arr);
}

/* The price list of a media endpoint: only the keys that apply. */
static json_t *
media_pricing_json(const struct demo_media_kind *k, const struct demo_ep *e)
{
	json_t	*o;

	o = json_object();
	if (k->prompt)
		json_object_set_new(o, "prompt", demo_price_json(e->prompt));
	if (k->price_key != NULL)
		json_object_set_new(o, k->price_key,
		    demo_price_json(e->completion));
	return (o);
}

static json_t *
media_pricing_cb(const void *k, const struct demo_ep *e)
{
	return (media_pricing_json(k, e));
}

/* The modalities of o (a model object or v1 architecture). */
static void
media_modalities(json_t *o, const struct demo_media_kind *k)
{
	json_object_set_new(o, "input_modalities", strs_json(k->in[0],
	    k->in[1]));
	json_object_set_new(o, "output_modalities", strs_json(k->out, NULL));
}

static void
media_ep_make(struct demo_gen *g, struct demo_base *m,
    const struct demo_media_kind *k, unsigned prov, struct demo_ep *e)
{
	struct demo_rng	*r = &m->rng;

	memset(e, 0, sizeof *e);
	e->uptime = -1;
	demo_rng_uuid(r, e->id, &e->mseed);
	e->prov = prov;
	e->ctx = k->v1_ctx > 0 ? k->v1_ctx : -1;
	e->max_out = -1;
	e->prompt = k->prompt ? demo_price_round(200 +
	    demo_rng_below(r, 20000)) : 0;
	e->completion = demo_price_round(k->price * (80 +
	    demo_rng_below(r, 41)) / 100);
	e->params = k->prompt ? BIT(P_MAX_TOKENS) : 0;
	e->latency = demo_round_to(demo_rng_spread(r, 800, 20000), 1);
	e->throughput = demo_round_to(demo_rng_spread(r, 1, 50), 0.001);
	e->requests = (int64_t)demo_rng_spread(r, 10, 50000);
	e->limit_rpm = e->limit_rpd = -1;
	g->used[prov] = 1;
}

/* Base model number i of the media models: the text fields it reuses. */
static void
media_base(struct demo_gen *g, unsigned i, struct demo_base *m)
{
	const struct demo_media_kind	*k = &demo_media[i];
	const struct demo_author	*a;
	unsigned			 n;

	memset(m, 0, sizeof *m);
	demo_rng_seed(&m->rng, g->seed, MEDIA_STREAM + i);
	a = &demo_authors[demo_rng_below(&m->rng, DEMO_NAUTHORS)];
	m->author = a;
	n = 1 + demo_rng_below(&m->rng, 4);
	m->name = xasprintf("%s: %s %u", a->name, k->label, n);
	m->short_name = xstrdup(strchr(m->name, ':') + 2);
	m->slug = xasprintf("%s/%s-%u", a->slug, k->slug, n);
	m->permaslug = xasprintf("%s-2609", m->slug);
	m->hf_slug = xstrdup("");
	m->description = xasprintf("%s makes %s from %s.", m->name,
	    strcmp(k->out, "text") == 0 ? "text" : k->out, k->in[0]);
	m->group = "Other";
	m->ctx = k->v1_ctx > 0 ? (unsigned)k->v1_ctx : 0;
	m->created = 1772323200 + (int64_t)demo_rng_below(&m->rng,
	    200 * 86400);
	m->updated = m->created;
	m->created_us = demo_rng_below(&m->rng, 1000000);
	m->has[VAR_STANDARD] = 1;
}

/* The v1 entry of a media model: context 0 or null, its own prices. */
static json_t *
media_v1_json(const struct demo_base *m, const struct demo_media_kind *k,
    const struct demo_ep *e)
{
	json_t	*o, *arch;

	o = demo_v1_json(m, VAR_STANDARD, e, m->slug);
	json_object_set_new(o, "context_length", k->v1_ctx < 0 ?
	    json_null() : json_integer(k->v1_ctx));
	arch = json_object_get(o, "architecture");
	json_object_set_new(arch, "modality", json_sprintf("%s->%s",
	    k->in[0], k->out));
	media_modalities(arch, k);
	json_object_set_new(arch, "tokenizer", json_string("Other"));
	json_object_set_new(o, "pricing", media_pricing_json(k, e));
	json_object_set_new(o, "expiration_date", json_null());
	return (o);
}

/* One media model's files and list entries. */
static int
media_entry(struct demo_gen *g, unsigned i, unsigned entry, char **cause)
{
	const struct demo_media_kind	*k = &demo_media[i];
	struct demo_base		 m;
	struct demo_listing_how		 how;
	struct demo_ep			 eps[2];
	json_t				*cat, *model, *o;
	unsigned			 n, j, taken[2];
	int				 rc = -1;

	media_base(g, i, &m);
	n = 1 + demo_rng_below(&m.rng, 2);
	for (j = 0; j < n; j++) {
		do
			taken[j] = demo_rng_below(&m.rng, DEMO_NPROVIDERS);
		while (j == 1 && taken[1] == taken[0]);
		media_ep_make(g, &m, k, taken[j], &eps[j]);
	}
	model = demo_model_json(&m, VAR_STANDARD);
	media_modalities(model, k);
	json_object_set_new(model, "has_text_output",
	    json_boolean(strcmp(k->out, "text") == 0));
	how.model = model;
	how.pricing = media_pricing_cb;
	how.arg = k;
	if (demo_listing_put(g, &m, VAR_STANDARD, eps, n, m.slug,
	    m.permaslug, entry, &how, cause) != 0) {
		json_decref(model);
		goto out;
	}
	g->st->endpoints += n;
	g->listed++;
	if (!g->no_catalogue) {
		o = demo_ep_json(&m, VAR_STANDARD, &eps[0], model, m.slug,
		    m.permaslug);
		json_object_set_new(o, "pricing", media_pricing_json(k,
		    &eps[0]));
		cat = json_deep_copy(model);
		json_object_set_new(cat, "endpoint", o);
		json_array_append_new(g->catalogue, cat);
	}
	json_decref(model);
	json_array_append_new(g->v1, media_v1_json(&m, k, &eps[0]));
	rc = 0;
out:
	demo_base_free(&m);
	return (rc);
}

/*
 * Note a listed standard model as its family's newest so far (the ~
 * alias candidates), keyed "author/family".
 */
void
demo_media_note(struct demo_gen *g, const struct demo_base *m)
{
	json_t		*c, *cur;
	char		*key;
	size_t		 i;

	if (g->fixed != 0 || m->router || m->family == NULL ||
	    m->author == NULL)
		return;
	key = xasprintf("~%s/%s-latest", m->author->slug, m->family->slug);
	cur = NULL;
	for (i = 0; i < json_array_size(g->latest); i++) {
		cur = json_array_get(g->latest, i);
		if (strcmp(json_string_value(json_object_get(cur, "id")),
		    key) == 0)
			break;
		cur = NULL;
	}
	c = json_pack("{s:s, s:s, s:s, s:s, s:I, s:I}", "id", key,
	    "slug", m->slug, "name", m->name, "family", m->family->display,
	    "created", (json_int_t)m->created, "ctx", (json_int_t)m->ctx);
	free(key);
	if (cur == NULL)
		json_array_append_new(g->latest, c);
	else if (json_integer_value(json_object_get(cur, "created")) <
	    m->created)
		json_array_set_new(g->latest, i, c);
	else
		json_decref(c);
}

/* The v1 entry of a ~ alias of candidate c. */
static json_t *
alias_json(const json_t *c, const struct demo_author *a)
{
	const char	*name = json_string_value(json_object_get(c, "name"));
	json_t		*o, *arch, *top;

	o = json_object();
	json_object_set(o, "id", json_object_get(c, "id"));
	json_object_set(o, "canonical_slug", json_object_get(c, "id"));
	json_object_set_new(o, "hugging_face_id", json_string(""));
	json_object_set_new(o, "name", json_sprintf("%s: %s (latest)",
	    a->name, json_string_value(json_object_get(c, "family"))));
	json_object_set(o, "created", json_object_get(c, "created"));
	json_object_set_new(o, "description", json_sprintf("Always the "
	    "newest %s model, now %s.", json_string_value(json_object_get(c,
	    "family")), name));
	json_object_set(o, "context_length", json_object_get(c, "ctx"));
	arch = json_object();
	json_object_set_new(arch, "modality", json_string("text->text"));
	json_object_set_new(arch, "input_modalities", strs_json("text",
	    NULL));
	json_object_set_new(arch, "output_modalities", strs_json("text",
	    NULL));
	json_object_set_new(arch, "tokenizer", json_string("Other"));
	json_object_set_new(arch, "instruct_type", json_null());
	json_object_set_new(o, "architecture", arch);
	json_object_set_new(o, "pricing", json_object());
	top = json_pack("{s:n, s:n, s:b}", "context_length",
	    "max_completion_tokens", "is_moderated", 0);
	json_object_set_new(o, "top_provider", top);
	json_object_set_new(o, "per_request_limits", json_null());
	json_object_set_new(o, "supported_parameters", json_array());
	json_object_set_new(o, "knowledge_cutoff", json_null());
	json_object_set_new(o, "expiration_date", json_null());
	json_object_set_new(o, "alias_target", json_pack("{s:s, s:O}",
	    "name", name, "slug", json_object_get(c, "slug")));
	return (o);
}

int
demo_media_write(struct demo_gen *g, unsigned entry, char **cause)
{
	struct demo_rng	 r;
	const json_t	*c;
	const char	*id;
	unsigned	 i, a, n;

	if (g->fixed != 0)
		return (0);
	for (i = 0; i < NMEDIA; i++) {
		if (media_entry(g, i, entry + i, cause) != 0)
			return (-1);
	}
	/* NALIASES families whose authors the stream picks, in turn. */
	demo_rng_seed(&r, g->seed, ALIAS_STREAM);
	n = (unsigned)json_array_size(g->latest);
	for (i = 0; i < NALIASES && n > 0; i++) {
		c = json_array_get(g->latest, demo_rng_below(&r, n));
		id = json_string_value(json_object_get(c, "id"));
		for (a = 0; a < DEMO_NAUTHORS; a++) {
			if (strncmp(id + 1, demo_authors[a].slug,
			    strlen(demo_authors[a].slug)) == 0 &&
			    id[1 + strlen(demo_authors[a].slug)] == '/')
				break;
		}
		if (a == DEMO_NAUTHORS || json_object_get(c, "used") != NULL)
			continue;
		json_object_set_new((json_t *)c, "used", json_true());
		json_array_append_new(g->v1, alias_json(c, &demo_authors[a]));
	}
	return (0);
}
