/*
 * demo-json: the invented models, providers and endpoints as the objects
 * of the real OpenRouter routes: the catalogue's model object, the
 * endpoint object of stats-endpoint (with its provider_info and data
 * policy), and the /api/v1/models entry.
 */
#include "config.h"

#include "demo/demo-private.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/civil.h"
#include "util/xmalloc.h"

/* Prices are integers in units of 1e-10 USD per token ($0.0001 per 1M). */
#define PRICE_DIGITS		10
#define PRICE_SCALE		10000000000ULL

const char *const demo_variant_names[VAR_COUNT] = {
	"standard", "free", "thinking", "beta"
};
/* What the site appends to a variant's display name. */
static const char *const demo_variant_labels[VAR_COUNT] = {
	NULL, "free", "thinking", "self-moderated"
};

static const char *const demo_params[P_COUNT] = {
	"max_tokens", "temperature", "top_p", "reasoning", "include_reasoning",
	"stop", "frequency_penalty", "presence_penalty", "seed", "top_k",
	"min_p", "repetition_penalty", "logprobs", "logit_bias", "top_logprobs",
	"response_format", "structured_outputs", "tools", "tool_choice"
};

/* "YYYY-MM-DDTHH:MM:SS.ffffff+00:00", as the model timestamps are. */
static void
fmt_stamp(char *out, size_t len, int64_t t, unsigned us)
{
	int		y, m, d;
	unsigned	s;

	civil_from_days(t / 86400, &y, &m, &d);
	s = (unsigned)(t % 86400);
	snprintf(out, len, "%04d-%02d-%02dT%02u:%02u:%02u.%06u+00:00", y, m, d,
	    s / 3600, s / 60 % 60, s % 60, us);
}

/* A price in 1e-10 USD units as the site writes it: "0.0000025", "0". */
json_t *
demo_price_json(uint64_t units)
{
	char	s[64];
	size_t	len;

	snprintf(s, sizeof s, "%" PRIu64 ".%0*" PRIu64,
	    (uint64_t)(units / PRICE_SCALE), PRICE_DIGITS,
	    (uint64_t)(units % PRICE_SCALE));
	len = strlen(s);
	while (s[len - 1] == '0')
		s[--len] = '\0';
	if (s[len - 1] == '.')
		s[--len] = '\0';
	return (json_string(s));
}

/* An integral value as a JSON integer (as the site sends 777, not 777.0). */
json_t *
demo_num_json(double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		return (json_integer((json_int_t)x));
	return (json_real(x));
}

static json_t *
str_or_null(const char *s)
{
	return (s == NULL ? json_null() : json_string(s));
}

static json_t *
int_or_null(int64_t v)
{
	return (v < 0 ? json_null() : json_integer(v));
}

static void
set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v);
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, str_or_null(s));
}

static void
set_bool(json_t *o, const char *key, int b)
{
	json_object_set_new(o, key, json_boolean(b));
}

static char *
provider_slug(const struct demo_ep *e)
{
	const struct demo_provider	*p = &demo_providers[e->prov];
	const char			*q = demo_quants[e->quant];

	if (q == NULL || strcmp(q, "unknown") == 0)
		return (xstrdup(p->slug));
	return (xasprintf("%s/%s", p->slug, q));
}

/* input_modalities and output_modalities, as both model objects have them. */
static void
demo_set_modalities(json_t *o, const struct demo_base *m)
{
	json_t	*a;

	a = json_array();
	json_array_append_new(a, json_string("text"));
	if (m->images)
		json_array_append_new(a, json_string("image"));
	set(o, "input_modalities", a);
	a = json_array();
	json_array_append_new(a, json_string("text"));
	set(o, "output_modalities", a);
}

/* The 24-key model object, embedded in endpoints and the catalogue. */
json_t *
demo_model_json(const struct demo_base *m, enum demo_variant v)
{
	const char	*label = demo_variant_labels[v];
	json_t		*o, *a, *rc;
	char		 ts[64];
	char		*s;

	o = json_object();
	set_str(o, "slug", m->slug);
	set_str(o, "hf_slug", m->hf_slug);
	fmt_stamp(ts, sizeof ts, m->updated, m->updated_us);
	set_str(o, "updated_at", ts);
	fmt_stamp(ts, sizeof ts, m->created, m->created_us);
	set_str(o, "created_at", ts);
	set(o, "hf_updated_at", json_null());
	if (label != NULL) {
		s = xasprintf("%s (%s)", m->name, label);
		set_str(o, "name", s);
		free(s);
		s = xasprintf("%s (%s)", m->short_name, label);
		set_str(o, "short_name", s);
		free(s);
	} else {
		set_str(o, "name", m->name);
		set_str(o, "short_name", m->short_name);
	}
	set_str(o, "author", m->author->slug);
	set_str(o, "description", m->description);
	set_str(o, "model_version_group_id",
	    m->group_id[0] != '\0' ? m->group_id : NULL);
	set(o, "context_length", json_integer(m->ctx));
	demo_set_modalities(o, m);
	set_bool(o, "has_text_output", 1);
	set_str(o, "group", m->group);
	set_str(o, "instruct_type", m->instruct_type);
	set(o, "default_system", json_null());
	a = json_array();
	if (m->instruct_type != NULL &&
	    strcmp(m->instruct_type, "chatml") == 0) {
		json_array_append_new(a, json_string("<|im_start|>"));
		json_array_append_new(a, json_string("<|im_end|>"));
	}
	set(o, "default_stops", a);
	set_bool(o, "hidden", m->hidden);
	set(o, "router", json_null());
	set(o, "warning_message", m->retired ? json_string(
	    "This model is no longer served.") : json_null());
	set_str(o, "permaslug", m->permaslug);
	if (m->reasoning) {
		rc = json_object();
		set_str(rc, "start_token", "<think>");
		set_str(rc, "end_token", "</think>");
		set(o, "reasoning_config", json_deep_copy(rc));
		a = json_object();
		set(a, "reasoning_config", rc);
		set(o, "features", a);
	} else {
		set(o, "reasoning_config", json_null());
		set(o, "features", json_object());
	}
	return (o);
}

/* A provider's own data policy (provider_info.dataPolicy). */
static json_t *
demo_policy_json(const struct demo_provider *p, int top, int is_free)
{
	json_t	*o, *paid, *fm;
	int	 training, retains;

	o = json_object();
	set(o, "termsOfServiceURL", json_sprintf("https://%s.example/terms",
	    p->slug));
	if (p->privacy_url)
		set(o, "privacyPolicyURL",
		    json_sprintf("https://%s.example/privacy", p->slug));
	paid = json_object();
	set_bool(paid, "training", p->training);
	if (p->retains >= 0)
		set_bool(paid, "retainsPrompts", p->retains);
	if (p->retention_days > 0)
		set(paid, "retentionDays", json_integer(p->retention_days));
	set(o, "paidModels", paid);
	if (p->free_trains) {
		fm = json_object();
		set_bool(fm, "training", 1);
		set_bool(fm, "retainsPrompts", 1);
		set(o, "freeModels", fm);
	}
	if (!top)
		return (o);

	/* The endpoint's copy also states what applies to it. */
	training = p->training;
	retains = p->retains;
	if (is_free && p->free_trains)
		training = retains = 1;
	set_bool(o, "training", training);
	if (retains >= 0)
		set_bool(o, "retainsPrompts", retains);
	if (p->retention_days > 0 && !(is_free && p->free_trains))
		set(o, "retentionDays", json_integer(p->retention_days));
	return (o);
}

static json_t *
demo_provider_json(const struct demo_provider *p)
{
	json_t	*o, *icon;

	o = json_object();
	set_str(o, "name", p->name);
	set_str(o, "displayName", p->display);
	set_str(o, "slug", p->slug);
	set_str(o, "baseUrl", "url");
	set(o, "dataPolicy", demo_policy_json(p, 0, 0));
	if (p->hq != NULL)
		set_str(o, "headquarters", p->hq);
	set_bool(o, "hasChatCompletions", 1);
	set_bool(o, "hasCompletions", p->completions);
	set_bool(o, "isAbortable", p->completions);
	set_bool(o, "moderationRequired", p->moderated);
	set(o, "editors", json_array());
	set(o, "owners", json_array());
	set_bool(o, "isMultipartSupported", 1);
	set(o, "statusPageUrl", p->status_page ?
	    json_sprintf("https://status.%s.example/", p->slug) : json_null());
	set_bool(o, "byokEnabled", 1);
	icon = json_object();
	set(icon, "url", json_sprintf("https://%s.example/favicon.png",
	    p->slug));
	set(o, "icon", icon);
	return (o);
}

static json_t *
demo_pricing_json(const struct demo_ep *e)
{
	json_t	*o;

	o = json_object();
	if (e->router) {
		set_str(o, "prompt", "-1");
		set_str(o, "completion", "-1");
	} else {
		set(o, "prompt", demo_price_json(e->prompt));
		set(o, "completion", demo_price_json(e->completion));
	}
	set(o, "image", demo_price_json(e->image));
	set_str(o, "request", "0");
	set_str(o, "web_search", "0");
	set_str(o, "internal_reasoning", "0");
	if (e->cache_read != 0)
		set(o, "input_cache_read", demo_price_json(e->cache_read));
	if (e->cache_write != 0)
		set(o, "input_cache_write", demo_price_json(e->cache_write));
	if (!e->router)
		demo_extra_json(e, o);
	set(o, "discount", json_integer(0));
	return (o);
}

static json_t *
demo_params_json(unsigned params)
{
	json_t		*a;
	unsigned	 i;

	a = json_array();
	for (i = 0; i < P_COUNT; i++) {
		if (params & BIT(i))
			json_array_append_new(a, json_string(demo_params[i]));
	}
	return (a);
}

/* A thinking listing of a standard endpoint also takes reasoning options. */
static unsigned
demo_ep_params(const struct demo_ep *e, enum demo_variant v)
{
	if (v == VAR_THINKING)
		return (e->params | BIT(P_REASONING) |
		    BIT(P_INCLUDE_REASONING));
	return (e->params);
}

/* An endpoint object without "stats" and "status". */
json_t *
demo_ep_json(const struct demo_base *m, enum demo_variant v,
    const struct demo_ep *e, json_t *model, const char *vslug,
    const char *vperma)
{
	const struct demo_provider	*p = &demo_providers[e->prov];
	json_t				*o, *f, *sp;
	char				*s;
	const char			*tail;

	o = json_object();
	set_str(o, "id", e->id);
	set(o, "name", json_sprintf("%s | %s", p->name, vperma));
	set(o, "context_length", int_or_null(e->ctx));
	json_object_set(o, "model", model);
	set_str(o, "model_variant_slug", vslug);
	set_str(o, "model_variant_permaslug", vperma);
	set_str(o, "provider_name", p->name);
	set(o, "provider_info", demo_provider_json(p));
	set_str(o, "provider_display_name", p->display);
	s = provider_slug(e);
	set_str(o, "provider_slug", s);
	free(s);
	tail = strchr(m->permaslug, '/') + 1;
	switch (e->prov % 3) {
	case 0:
		set_str(o, "provider_model_id", tail);
		break;
	case 1:
		set_str(o, "provider_model_id", m->hf_slug[0] != '\0' ?
		    m->hf_slug : tail);
		break;
	default:
		set(o, "provider_model_id", json_sprintf("%s-%s", p->slug,
		    tail));
		break;
	}
	set_str(o, "quantization", demo_quants[e->quant]);
	set_str(o, "variant", demo_variant_names[v]);
	set_bool(o, "is_free", v == VAR_FREE);
	set_bool(o, "can_abort", p->completions);
	set(o, "max_prompt_tokens", json_null());
	set(o, "max_completion_tokens", int_or_null(e->max_out));
	set(o, "max_prompt_images", json_null());
	set(o, "max_tokens_per_image", json_null());
	set(o, "supported_parameters", demo_params_json(demo_ep_params(e, v)));
	set_bool(o, "is_byok", 0);
	set_bool(o, "moderation_required", p->moderated && v != VAR_BETA);
	set(o, "data_policy", demo_policy_json(p, 1, v == VAR_FREE));
	set(o, "pricing", demo_pricing_json(e));
	set(o, "variable_pricings", json_array());
	set_bool(o, "is_hidden", 0);
	set_bool(o, "is_deranked", e->deranked);
	set_bool(o, "is_disabled", e->disabled);
	set_bool(o, "supports_tool_parameters", e->tools);
	set_bool(o, "supports_reasoning", m->reasoning || v == VAR_THINKING);
	set_bool(o, "supports_multipart", 1);
	set(o, "limit_rpm", int_or_null(e->limit_rpm));
	set(o, "limit_rpd", int_or_null(e->limit_rpd));
	set(o, "limit_rpm_cf", json_null());
	set_bool(o, "has_completions", p->completions);
	set_bool(o, "has_chat_completions", 1);
	f = json_object();
	if (e->params & BIT(P_STRUCTURED_OUTPUTS)) {
		sp = json_object();
		set_bool(sp, "response_format", 1);
		set_bool(sp, "structured_outputs", 1);
		set(f, "supported_parameters", sp);
	} else if (e->prov % 2 == 0)
		set(f, "supported_parameters", json_object());
	set(f, "supports_document_url", json_null());
	set(o, "features", f);
	set(o, "provider_region", json_null());
	if (e->uptime >= 0)
		set(o, "uptime_last_30m", demo_num_json(e->uptime));
	return (o);
}

json_t *
demo_stats_json(const struct demo_ep *e)
{
	return (json_pack("{s:s, s:o, s:o, s:I}",
	    "endpoint_id", e->id,
	    "p50_throughput", demo_num_json(e->throughput),
	    "p50_latency", demo_num_json(e->latency),
	    "request_count", (json_int_t)e->requests));
}

/* A day (days since 1970) as "YYYY-MM-DD". */
static json_t *
demo_date_json(int64_t days)
{
	int	y, mo, d;

	civil_from_days(days, &y, &mo, &d);
	return (json_sprintf("%04d-%02d-%02d", y, mo, d));
}

/*
 * The 2026 dates of a model: a knowledge cutoff some months before it was
 * created, and for one older model in seven an expiration date in December
 * 2026 (no later: a date further out would mark it expiring only from some
 * day on, and the demo's screens would change with the clock).
 */
static void
demo_v1_dates(json_t *o, const struct demo_base *m)
{
	int64_t	created = m->created / 86400;

	set(o, "knowledge_cutoff", demo_date_json(created - 90 -
	    (int64_t)(m->created_us % 120)));
	if (m->expiry != 0)
		set(o, "expiration_date", m->expiry < 0 ? json_null() :
		    demo_date_json(m->expiry));
	else if (created < civil_to_days(2025, 1, 1) && m->created_us % 7 == 0)
		set(o, "expiration_date", demo_date_json(civil_to_days(2026,
		    12, 1) + (int64_t)(m->created_us % 31)));
	else
		set(o, "expiration_date", json_null());
}

json_t *
demo_v1_json(const struct demo_base *m, enum demo_variant v,
    const struct demo_ep *e, const char *vslug)
{
	const char	*label = demo_variant_labels[v];
	json_t		*o, *arch, *pr, *top;

	o = json_object();
	set_str(o, "id", vslug);
	set_str(o, "canonical_slug", m->permaslug);
	set_str(o, "hugging_face_id", m->hf_slug);
	if (label != NULL)
		set(o, "name", json_sprintf("%s (%s)", m->name, label));
	else
		set_str(o, "name", m->name);
	set(o, "created", json_integer(m->created));
	set_str(o, "description", m->description);
	set(o, "context_length", json_integer(m->ctx));

	arch = json_object();
	set_str(arch, "modality", m->images ? "text+image->text" :
	    "text->text");
	demo_set_modalities(arch, m);
	set_str(arch, "tokenizer", m->group);
	set_str(arch, "instruct_type", m->instruct_type);
	set(o, "architecture", arch);

	pr = demo_pricing_json(e);
	json_object_del(pr, "discount");
	set(o, "pricing", pr);

	top = json_object();
	set(top, "context_length", int_or_null(e->ctx));
	set(top, "max_completion_tokens", int_or_null(e->max_out));
	set_bool(top, "is_moderated",
	    demo_providers[e->prov].moderated && v != VAR_BETA);
	set(o, "top_provider", top);
	set(o, "per_request_limits", json_null());
	set(o, "supported_parameters", demo_params_json(demo_ep_params(e, v)));
	demo_v1_dates(o, m);
	return (o);
}
