/*
 * test-endpoint: endpoint projection (src/project/endpoint.c): rows from
 * catalogue, stats and v1 endpoint objects, prices, tolerance of missing,
 * null and mistyped fields, capabilities, truncation and copying; checked
 * against the real captures in the shared fixtures directory (tests reading
 * them are skipped when it is absent) and against objects written here.
 */
#include "config.h"

#include "unit.h"

#include <locale.h>
#include <math.h>

#include "project/endpoint.h"
#include "project/payload.h"

/* A set of projected rows. */
struct rows {
	struct ep_row	*v;
	size_t		 n;
	unsigned	 warnings;
};

static void
rows_add(struct rows *r, const json_t *obj, enum ep_source src,
    const struct ep_context *ctx)
{
	char	*cause = NULL;

	r->v = xreallocarray(r->v, r->n + 1, sizeof *r->v);
	ep_row_init(&r->v[r->n]);
	if (ep_project(obj, src, ctx, &r->v[r->n], &r->warnings,
	    &cause) != 0)
		fail_msg("ep_project: %s", cause);
	r->n++;
}

static void
rows_free(struct rows *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		ep_row_clear(&r->v[i]);
	free(r->v);
	r->v = NULL;
	r->n = 0;
}

static const struct ep_row *
rows_find(const struct rows *r, const char *id, const char *model_key)
{
	size_t	i;

	for (i = 0; i < r->n; i++) {
		if (strcmp(r->v[i].endpoint_id, id) != 0)
			continue;
		if (model_key == NULL ||
		    strcmp(r->v[i].model_key, model_key) == 0)
			return (&r->v[i]);
	}
	fail_msg("no row %s %s", id, model_key == NULL ? "" : model_key);
	return (NULL);
}

static const struct ep_row *
rows_find_slug(const struct rows *r, const char *slug)
{
	size_t	i;

	for (i = 0; i < r->n; i++) {
		if (r->v[i].provider_slug != NULL &&
		    strcmp(r->v[i].provider_slug, slug) == 0)
			return (&r->v[i]);
	}
	fail_msg("no row from %s", slug);
	return (NULL);
}

/* The context a caller builds for a v1 endpoints payload. */
static void
v1_context(const json_t *payload, struct ep_context *ctx)
{
	ctx->model_key = json_string_value(json_object_get(payload, "id"));
	ctx->model_name = json_string_value(json_object_get(payload, "name"));
	ctx->input_modalities = json_object_get(json_object_get(payload,
	    "architecture"), "input_modalities");
}

/*
 * Project every endpoint object of a payload, as the importer would, and
 * keep the raw object of each row in raw (borrowed from root).
 */
static void
project_all(const json_t *root, struct rows *r, const json_t ***raw)
{
	const json_t		*payload, *e, *ep;
	struct ep_context	 ctx;
	size_t			 i;

	memset(r, 0, sizeof *r);
	*raw = NULL;
	switch (payload_classify(root, &payload)) {
	case PAYLOAD_CATALOGUE:
		json_array_foreach(payload, i, e) {
			ep = json_object_get(e, "endpoint");
			if (!json_is_object(ep))
				continue;
			rows_add(r, ep, EP_SRC_CATALOGUE, NULL);
			*raw = xreallocarray(*raw, r->n, sizeof **raw);
			(*raw)[r->n - 1] = ep;
		}
		break;
	case PAYLOAD_STATS_ENDPOINTS:
		json_array_foreach(payload, i, e) {
			rows_add(r, e, EP_SRC_STATS, NULL);
			*raw = xreallocarray(*raw, r->n, sizeof **raw);
			(*raw)[r->n - 1] = e;
		}
		break;
	case PAYLOAD_V1_ENDPOINTS:
		v1_context(payload, &ctx);
		json_array_foreach(json_object_get(payload, "endpoints"), i, e) {
			rows_add(r, e, EP_SRC_V1, &ctx);
			*raw = xreallocarray(*raw, r->n, sizeof **raw);
			(*raw)[r->n - 1] = e;
		}
		break;
	default:
		fail_msg("not an endpoint payload");
	}
}

static void
assert_str_or_null(const char *got, const json_t *want)
{
	if (json_is_string(want))
		assert_string_equal(got, json_string_value(want));
	else
		assert_null(got);
}

static void
assert_price(double got, const json_t *raw)
{
	double	want;

	if (!json_is_string(raw)) {
		assert_true(raw == NULL || json_is_null(raw));
		assert_true(isnan(got));
		return;
	}
	want = strtod(json_string_value(raw), NULL);
	if (want < 0)
		assert_true(isnan(got));
	else
		assert_true(got == want);
}

static void
assert_bool_of(int got, const json_t *raw)
{
	if (json_is_boolean(raw))
		assert_int_equal(got, json_is_true(raw));
	else
		assert_int_equal(got, -1);
}

static void
assert_int_of(int64_t got, const json_t *raw)
{
	if (json_is_integer(raw))
		assert_true(got == (int64_t)json_integer_value(raw));
	else
		assert_true(got == EP_NULL_INT);
}

static void
assert_real_of(double got, const json_t *raw)
{
	if (json_is_number(raw))
		assert_true(got == json_number_value(raw));
	else
		assert_true(isnan(got));
}

/*
 * Check a frontend (catalogue or stats) row field by field against the raw
 * object it was projected from, walking the JSON independently.
 */
static void
check_frontend_row(const struct ep_row *row, const json_t *o)
{
	const json_t	*pricing, *stats, *policy, *model, *mods, *params;
	const json_t	*slug;
	int		 tools;

	model = json_object_get(o, "model");
	pricing = json_object_get(o, "pricing");
	stats = json_object_get(o, "stats");
	policy = json_object_get(o, "data_policy");

	assert_string_equal(row->endpoint_id,
	    json_string_value(json_object_get(o, "id")));
	assert_string_equal(row->model_key,
	    json_string_value(json_object_get(o, "model_variant_permaslug")));
	assert_str_or_null(row->model_name, json_object_get(model, "name"));
	assert_str_or_null(row->variant, json_object_get(o, "variant"));
	assert_str_or_null(row->quantization,
	    json_object_get(o, "quantization"));
	slug = json_object_get(o, "provider_slug");
	if (!json_is_string(slug))
		slug = json_object_get(json_object_get(o, "provider_info"),
		    "slug");
	assert_str_or_null(row->provider_slug, slug);
	assert_str_or_null(row->provider_name,
	    json_object_get(o, "provider_display_name"));

	assert_int_of(row->context_length,
	    json_object_get(o, "context_length"));
	assert_int_of(row->max_output,
	    json_object_get(o, "max_completion_tokens"));
	assert_int_of(row->status, json_object_get(o, "status"));
	assert_int_of(row->limit_rpm, json_object_get(o, "limit_rpm"));
	assert_int_of(row->limit_rpd, json_object_get(o, "limit_rpd"));
	assert_int_of(row->request_count,
	    json_object_get(stats, "request_count"));

	assert_price(row->price_prompt, json_object_get(pricing, "prompt"));
	assert_price(row->price_completion,
	    json_object_get(pricing, "completion"));
	assert_price(row->price_cache_read,
	    json_object_get(pricing, "input_cache_read"));
	assert_real_of(row->p50_latency_ms,
	    json_object_get(stats, "p50_latency"));
	assert_real_of(row->p50_throughput,
	    json_object_get(stats, "p50_throughput"));
	assert_true(isnan(row->uptime));

	assert_bool_of(row->is_free, json_object_get(o, "is_free"));
	assert_bool_of(row->is_hidden, json_object_get(o, "is_hidden"));
	assert_bool_of(row->is_disabled, json_object_get(o, "is_disabled"));
	assert_bool_of(row->supports_reasoning,
	    json_object_get(o, "supports_reasoning"));
	assert_bool_of(row->training, json_object_get(policy, "training"));
	assert_bool_of(row->retains_prompts,
	    json_object_get(policy, "retainsPrompts"));

	params = json_object_get(o, "supported_parameters");
	tools = json_is_true(json_object_get(o, "supports_tool_parameters"));
	{
		const json_t	*p;
		size_t		 i;

		json_array_foreach(params, i, p) {
			if (strcmp(json_string_value(p), "tools") == 0)
				tools = 1;
		}
	}
	assert_int_equal(row->supports_tools, tools);

	mods = json_object_get(model, "input_modalities");
	assert_true(json_is_array(mods));
	{
		const json_t	*m;
		size_t		 i;
		int		 image = 0;

		json_array_foreach(mods, i, m) {
			if (strcmp(json_string_value(m), "image") == 0)
				image = 1;
		}
		assert_int_equal(row->supports_images, image);
	}
}

/* Endpoint projection of the real captures. */

static void
check_frontend_file(const char *name, size_t want, struct rows *r)
{
	json_t		 *root;
	const json_t	**raw;
	size_t		  i;

	root = unit_load_json(name);
	project_all(root, r, &raw);
	assert_int_equal(r->n, want);
	assert_int_equal(r->warnings, 0);
	for (i = 0; i < r->n; i++)
		check_frontend_row(&r->v[i], raw[i]);
	free(raw);
	json_decref(root);
}

/* Endpoint ids listed under more than one model key. */
static size_t
count_shared_ids(const struct rows *r)
{
	size_t	i, j, n = 0;

	for (i = 0; i < r->n; i++) {
		for (j = i + 1; j < r->n; j++) {
			if (strcmp(r->v[i].endpoint_id,
			    r->v[j].endpoint_id) != 0)
				continue;
			assert_string_not_equal(r->v[i].model_key,
			    r->v[j].model_key);
			n++;
		}
	}
	return (n);
}

static void
test_catalogue_real(void **state)
{
	struct rows		 r;
	const struct ep_row	*a, *b;
	const char		*claude = "1c9b8776-e266-4efb-b5ba-19a6753e7736";
	size_t			 i, with_slug;

	(void)state;
	UNIT_NEED_SHARED();

	/* 2025-05-20 has no provider_slug: provider_info.slug stands in. */
	check_frontend_file("frontend-models-2025-05-20.json", 318, &r);
	assert_int_equal(count_shared_ids(&r), 12);
	for (i = 0; i < r.n; i++)
		assert_null(strchr(r.v[i].provider_slug, '/'));
	a = rows_find(&r, "1c9b8776-e266-4efb-b5ba-19a6753e7736",
	    "anthropic/claude-3-7-sonnet-20250219");
	assert_string_equal(a->provider_slug, "google-vertex");
	rows_free(&r);

	check_frontend_file("frontend-models-2025-05-24.json", 320, &r);
	assert_int_equal(count_shared_ids(&r), 12);
	with_slug = 0;
	for (i = 0; i < r.n; i++) {
		if (strchr(r.v[i].provider_slug, '/') != NULL)
			with_slug++;
	}
	assert_true(with_slug > 0);

	/* One endpoint, two listings: claude-3.7-sonnet and :thinking. */
	a = rows_find(&r, claude, "anthropic/claude-3-7-sonnet-20250219");
	b = rows_find(&r, claude,
	    "anthropic/claude-3-7-sonnet-20250219:thinking");
	assert_string_equal(a->variant, "standard");
	assert_string_equal(b->variant, "thinking");
	assert_string_equal(a->provider_slug, b->provider_slug);
	assert_int_equal(a->supports_images, 1);
	rows_free(&r);
}

static void
test_stats_real(void **state)
{
	static const struct {
		const char	*name;
		size_t		 n;
	} files[] = {
		{ "stats-endpoint-meta-llama-llama-4-scout-17b-16e-instruct-"
		  "standard-2025-05-20.json", 11 },
		{ "stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json", 2 },
		{ "stats-endpoint-meta-llama-llama-3.1-8b-instruct-free-"
		  "2025-05-26.min.json", 1 },
		{ "stats-endpoint-deepseek-deepseek-chat-v3-0324-standard-"
		  "2025-06-27.json", 17 },
	};
	struct rows	 r;
	size_t		 i, j;

	(void)state;
	UNIT_NEED_SHARED();
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		check_frontend_file(files[i].name, files[i].n, &r);
		for (j = 0; j < r.n; j++) {
			/* Every stats endpoint has its p50 figures. */
			assert_false(isnan(r.v[j].p50_latency_ms));
			assert_false(isnan(r.v[j].p50_throughput));
			assert_true(r.v[j].request_count > 0);
		}
		rows_free(&r);
	}
}

static void
test_stats_liquid(void **state)
{
	json_t			 *root;
	const json_t		**raw;
	struct rows		  r;
	const struct ep_row	 *e;

	(void)state;
	UNIT_NEED_SHARED();
	root = unit_load_json(
	    "stats-endpoint-liquid-lfm-7b-standard-2025-05-24.json");
	project_all(root, &r, &raw);
	assert_int_equal(r.n, 2);
	e = &r.v[0];
	/* The ids come from the capture itself, never copied here. */
	assert_string_equal(e->endpoint_id, json_string_value(json_object_get(
	    json_array_get(json_object_get(root, "data"), 0), "id")));
	assert_string_equal(e->model_key, "liquid/lfm-7b");
	assert_string_equal(e->model_name, "Liquid: LFM 7B");
	assert_string_equal(e->provider_slug, "liquid");
	assert_string_equal(e->provider_name, "Liquid");
	assert_string_equal(e->variant, "standard");
	assert_null(e->quantization);
	assert_true(e->context_length == 32768);
	assert_true(e->max_output == EP_NULL_INT);
	assert_true(e->price_prompt == 1e-8);
	assert_true(e->price_completion == 1e-8);
	assert_true(isnan(e->price_cache_read));
	assert_true(e->p50_latency_ms == 777);
	assert_true(e->p50_throughput == 56.446);
	assert_true(e->request_count == 197860);
	assert_true(e->status == 0);
	assert_int_equal(e->training, 0);
	assert_int_equal(e->retains_prompts, -1);
	assert_int_equal(e->is_free, 0);
	assert_int_equal(e->supports_tools, 0);
	assert_int_equal(e->supports_reasoning, 0);
	assert_int_equal(e->supports_images, 0);
	assert_true(e->limit_rpm == EP_NULL_INT);

	e = &r.v[1];
	assert_string_equal(e->endpoint_id,
	    "3cf99b91-55bc-4c45-bc43-3af472f3d945");
	assert_string_equal(e->provider_slug, "lambda/bf16");
	assert_string_equal(e->quantization, "bf16");
	assert_true(e->max_output == 32768);
	assert_true(e->price_completion == 3e-8);
	free(raw);
	rows_free(&r);
	json_decref(root);
}

static void
test_stats_deepseek(void **state)
{
	json_t			 *root;
	const json_t		**raw;
	struct rows		  r;
	const struct ep_row	 *e;
	size_t			  i, fp8 = 0;
	double			  want;

	(void)state;
	UNIT_NEED_SHARED();
	root = unit_load_json("stats-endpoint-deepseek-deepseek-chat-v3-0324-"
	    "standard-2025-06-27.json");
	project_all(root, &r, &raw);
	assert_int_equal(r.n, 17);
	for (i = 0; i < r.n; i++) {
		want = strtod(json_string_value(json_object_get(
		    json_object_get(raw[i], "pricing"), "prompt")), NULL);
		assert_true(r.v[i].price_prompt == want);
		assert_string_equal(r.v[i].model_key,
		    "deepseek/deepseek-chat-v3-0324");
		if (r.v[i].quantization != NULL &&
		    strcmp(r.v[i].quantization, "fp8") == 0)
			fp8++;
	}
	assert_int_equal(fp8, 11);

	e = rows_find(&r, "820376cb-f110-4d56-ab52-5bd6ca269420", NULL);
	assert_string_equal(e->quantization, "fp4");
	assert_string_equal(e->provider_slug, "deepinfra/fp4");
	assert_string_equal(e->provider_name, "DeepInfra");
	assert_true(e->price_prompt == 0.00000028);
	assert_true(e->status == 0);
	assert_int_equal(e->retains_prompts, 0);

	e = rows_find_slug(&r, "deepseek/fp8");
	assert_string_equal(e->provider_slug, "deepseek/fp8");
	assert_true(e->status == -3);
	assert_true(e->price_cache_read == 0.00000007);
	assert_int_equal(e->training, 1);
	assert_int_equal(e->retains_prompts, 1);
	assert_int_equal(e->supports_tools, 1);
	assert_true(e->max_output == 8000);

	/* Display name and provider name differ here. */
	e = rows_find(&r, "93ab88d0-e248-4cb4-a928-2a50cbc60d88", NULL);
	assert_string_equal(e->provider_name, "kluster.ai");
	e = rows_find(&r, "2184755f-5cef-4df4-8afe-d4bf7f35d184", NULL);
	assert_true(e->p50_latency_ms == 510.5);
	free(raw);
	rows_free(&r);
	json_decref(root);
}

static void
test_stats_llama_free(void **state)
{
	json_t			 *root;
	const json_t		**raw;
	struct rows		  r;
	const struct ep_row	 *e;

	(void)state;
	UNIT_NEED_SHARED();
	root = unit_load_json("stats-endpoint-meta-llama-llama-3.1-8b-"
	    "instruct-free-2025-05-26.min.json");
	project_all(root, &r, &raw);
	assert_int_equal(r.n, 1);
	e = &r.v[0];
	assert_null(json_object_get(raw[0], "status"));
	assert_true(e->status == EP_NULL_INT);
	assert_string_equal(e->model_key,
	    "meta-llama/llama-3.1-8b-instruct:free");
	assert_string_equal(e->variant, "free");
	assert_int_equal(e->is_free, 1);
	assert_true(e->price_prompt == 0);
	assert_true(e->price_completion == 0);
	assert_true(e->max_output == 4096);
	assert_string_equal(e->provider_slug, "crusoe");
	free(raw);
	rows_free(&r);
	json_decref(root);
}

static void
test_stats_scout(void **state)
{
	json_t			 *root;
	const json_t		**raw;
	struct rows		  r;
	const struct ep_row	 *e;
	size_t			  i;

	(void)state;
	UNIT_NEED_SHARED();
	root = unit_load_json("stats-endpoint-meta-llama-llama-4-scout-"
	    "17b-16e-instruct-standard-2025-05-20.json");
	project_all(root, &r, &raw);
	assert_int_equal(r.n, 11);
	for (i = 0; i < r.n; i++) {
		assert_null(json_object_get(raw[i], "provider_slug"));
		assert_string_equal(r.v[i].provider_slug, json_string_value(
		    json_object_get(json_object_get(raw[i], "provider_info"),
		    "slug")));
		assert_int_equal(r.v[i].supports_images, 1);
	}
	e = rows_find(&r, "cf59e549-6141-4393-b073-3cf13b31c187", NULL);
	assert_string_equal(e->provider_slug, "lambda");
	assert_string_equal(e->quantization, "fp8");
	assert_string_equal(e->model_key,
	    "meta-llama/llama-4-scout-17b-16e-instruct");
	assert_true(e->context_length == 1048576);
	e = rows_find(&r, "b472f5ad-9135-4171-8042-53ddc9664dd9", NULL);
	assert_string_equal(e->provider_slug, "cerebras");
	assert_true(e->p50_throughput == 5946.4235);
	free(raw);
	rows_free(&r);
	json_decref(root);
}

static void
test_v1_endpoints_real(void **state)
{
	json_t			 *root;
	const json_t		**raw, *payload;
	struct rows		  r;
	const struct ep_row	 *e;
	struct ep_context	  ctx;
	struct ep_row		  row;
	size_t			  i;

	(void)state;
	UNIT_NEED_SHARED();
	root = unit_load_json(
	    "v1-endpoints-qwen-qwen3-235b-a22b-thinking-2507-2025-07-29.json");
	payload = unit_payload_of(root, PAYLOAD_V1_ENDPOINTS);
	project_all(root, &r, &raw);
	assert_int_equal(r.n, 5);
	assert_int_equal(r.warnings, 0);
	for (i = 0; i < r.n; i++) {
		e = &r.v[i];
		assert_string_equal(e->model_key,
		    "qwen/qwen3-235b-a22b-thinking-2507");
		assert_string_equal(e->model_name,
		    "Qwen: Qwen3 235B A22B Thinking 2507");
		assert_string_equal(e->variant, "standard");
		assert_int_equal(e->supports_images, 0);
		assert_int_equal(e->supports_reasoning, 1);
		assert_true(e->status == 0);
		assert_str_or_null(e->quantization,
		    json_object_get(raw[i], "quantization"));
		assert_string_equal(e->provider_slug, json_string_value(
		    json_object_get(raw[i], "tag")));
		assert_string_equal(e->provider_name, json_string_value(
		    json_object_get(raw[i], "provider_name")));
		assert_price(e->price_prompt, json_object_get(
		    json_object_get(raw[i], "pricing"), "prompt"));
		assert_real_of(e->uptime,
		    json_object_get(raw[i], "uptime_last_30m"));
		/* The v1 route carries none of these. */
		assert_int_equal(e->is_free, -1);
		assert_int_equal(e->training, -1);
		assert_true(isnan(e->p50_latency_ms));
		assert_true(e->request_count == EP_NULL_INT);
	}

	e = rows_find(&r, "v1:chutes", NULL);
	assert_null(e->quantization);
	assert_true(e->uptime == 100);
	assert_int_equal(e->supports_tools, 1);
	assert_true(e->max_output == EP_NULL_INT);

	e = rows_find(&r, "v1:deepinfra/fp8", NULL);
	assert_string_equal(e->quantization, "fp8");
	assert_string_equal(e->provider_slug, "deepinfra/fp8");
	assert_true(e->uptime == 99.85795454545455);
	assert_int_equal(e->supports_tools, 0);
	assert_true(e->price_prompt == 0.00000013);
	assert_true(e->context_length == 262144);

	e = rows_find(&r, "v1:novita/fp8", NULL);
	assert_true(isnan(e->uptime));
	assert_true(e->max_output == 131072);
	rows_find(&r, "v1:parasail/fp8", NULL);
	rows_find(&r, "v1:alibaba", NULL);

	/* A caller's key with a variant gives the row its variant. */
	memset(&ctx, 0, sizeof ctx);
	ctx.model_key = "qwen/qwen3-235b-a22b-thinking-2507:free";
	ep_row_init(&row);
	assert_int_equal(ep_project(raw[0], EP_SRC_V1, &ctx, &row, NULL,
	    NULL), 0);
	assert_string_equal(row.model_key,
	    "qwen/qwen3-235b-a22b-thinking-2507:free");
	assert_string_equal(row.variant, "free");
	assert_null(row.model_name);
	assert_int_equal(row.supports_images, -1);
	ep_row_clear(&row);

	/* Without a context there is no key, but still a row. */
	assert_int_equal(ep_project(raw[0], EP_SRC_V1, NULL, &row, NULL,
	    NULL), 0);
	assert_null(row.model_key);
	assert_string_equal(row.variant, "standard");
	assert_string_equal(row.endpoint_id, "v1:chutes");
	ep_row_clear(&row);
	(void)payload;
	free(raw);
	rows_free(&r);
	json_decref(root);
}

static void
test_v1_identity(void **state)
{
	json_t		*o;
	struct ep_row	 row;
	char		*cause = NULL;
	unsigned	 w = 0;

	(void)state;
	ep_row_init(&row);
	o = unit_parse("{\"provider_name\": \"Deep Infra\", \"pricing\": {}}");
	assert_int_equal(ep_project(o, EP_SRC_V1, NULL, &row, &w, NULL), 0);
	assert_string_equal(row.endpoint_id, "v1:deep infra");
	assert_string_equal(row.provider_name, "Deep Infra");
	assert_null(row.provider_slug);
	json_decref(o);

	/* An id, when a v1 endpoint has one, wins over the tag. */
	o = unit_parse("{\"id\": \"e-1\", \"tag\": \"x/fp8\"}");
	assert_int_equal(ep_project(o, EP_SRC_V1, NULL, &row, &w, NULL), 0);
	assert_string_equal(row.endpoint_id, "e-1");
	assert_string_equal(row.provider_slug, "x/fp8");
	json_decref(o);

	/* A mistyped id is a warning; the tag still identifies it. */
	o = unit_parse("{\"id\": 7, \"tag\": \"t\"}");
	assert_int_equal(ep_project(o, EP_SRC_V1, NULL, &row, &w, NULL), 0);
	assert_string_equal(row.endpoint_id, "v1:t");
	assert_int_equal(w, 1);
	json_decref(o);

	o = unit_parse("{\"tag\": \"\", \"provider_name\": \"\"}");
	assert_int_equal(ep_project(o, EP_SRC_V1, NULL, &row, &w, &cause),
	    -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	assert_null(row.endpoint_id);
	json_decref(o);

	/* Frontend endpoints need their id; a tag is not enough. */
	o = unit_parse("{\"tag\": \"t\", \"id\": \"\"}");
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, &w, &cause),
	    -1);
	assert_non_null(cause);
	free(cause);
	cause = NULL;
	json_decref(o);

	o = unit_parse("[{\"id\": \"e\"}]");
	assert_int_equal(ep_project(o, EP_SRC_CATALOGUE, NULL, &row, &w,
	    &cause), -1);
	assert_non_null(cause);
	free(cause);
	assert_int_equal(ep_project(NULL, EP_SRC_CATALOGUE, NULL, &row, &w,
	    NULL), -1);
	json_decref(o);
	assert_int_equal(w, 1);
	ep_row_clear(&row);
}

/* Prices. */

static void
test_price(void **state)
{
	static const struct {
		const char	*json;
		double		 want;	/* NAN for NULL */
		int		 mistyped;
	} cases[] = {
		{ "\"0.0000025\"", 0.0000025, 0 },
		{ "\"0.25e-6\"", 0.25e-6, 0 },
		{ "\"2E-7\"", 2e-7, 0 },
		{ "\"0\"", 0, 0 },
		{ "\"3.\"", 3, 0 },
		{ "\".5\"", 0.5, 0 },
		{ "\"-1\"", NAN, 0 },
		{ "\"-0.5\"", NAN, 1 },
		{ "\"+1\"", NAN, 1 },
		{ "\"abc\"", NAN, 1 },
		{ "\"1e400\"", NAN, 1 },
		{ "\"\"", NAN, 1 },
		{ "\"0x10\"", NAN, 1 },
		{ "\" 1\"", NAN, 1 },
		{ "\"1 \"", NAN, 1 },
		{ "\"1.5x\"", NAN, 1 },
		{ "\"1e\"", NAN, 1 },
		{ "\"1e+\"", NAN, 1 },
		{ "\".\"", NAN, 1 },
		{ "\"nan\"", NAN, 1 },
		{ "\"inf\"", NAN, 1 },
		{ "\"Infinity\"", NAN, 1 },
		{ "0.5", 0.5, 0 },
		{ "2", 2, 0 },
		{ "0", 0, 0 },
		{ "-1", NAN, 0 },
		{ "-0.25", NAN, 1 },
		{ "-1.0", NAN, 0 },
		{ "null", NAN, 0 },
		{ "true", NAN, 1 },
		{ "false", NAN, 1 },
		{ "[\"0.1\"]", NAN, 1 },
		{ "{\"usd\": \"0.1\"}", NAN, 1 },
	};
	json_t	*v;
	double	 got;
	size_t	 i;
	int	 mistyped;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		v = unit_parse(cases[i].json);
		mistyped = -1;
		got = ep_parse_price(v, &mistyped);
		if (isnan(cases[i].want)) {
			if (!isnan(got))
				fail_msg("%s gave %g", cases[i].json, got);
		} else if (got != cases[i].want)
			fail_msg("%s gave %g", cases[i].json, got);
		if (mistyped != cases[i].mistyped)
			fail_msg("%s: mistyped %d", cases[i].json, mistyped);
		assert_true(isnan(ep_parse_price(v, NULL)) ==
		    isnan(cases[i].want));
		json_decref(v);
	}

	/* A missing member is NULL, not mistyped. */
	mistyped = -1;
	assert_true(isnan(ep_parse_price(NULL, &mistyped)));
	assert_int_equal(mistyped, 0);
}

/*
 * Prices are JSON-style decimals whatever LC_NUMERIC says; the UI sets the
 * locale from the environment.  Skipped where no comma locale is installed.
 */
static void
test_price_locale(void **state)
{
	static const char *locales[] = {
		"de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8",
		"nl_NL.UTF-8", "ru_RU.UTF-8", "de_DE", "fr_FR"
	};
	json_t	*v;
	size_t	 i;
	int	 found = 0;

	(void)state;
	for (i = 0; i < sizeof locales / sizeof locales[0]; i++) {
		if (setlocale(LC_NUMERIC, locales[i]) != NULL &&
		    strcmp(localeconv()->decimal_point, ".") != 0) {
			found = 1;
			break;
		}
	}
	if (!found) {
		setlocale(LC_NUMERIC, "C");
		print_message("no locale with a decimal comma\n");
		UNIT_SKIP();
	}
	v = json_string("0.25e-6");
	assert_true(ep_parse_price(v, NULL) == 0.25e-6);
	json_decref(v);
	v = json_string("0.0000025");
	assert_true(ep_parse_price(v, NULL) == 0.0000025);
	json_decref(v);
	/* The locale's own form is not JSON and is refused. */
	v = json_string("0,5");
	assert_true(isnan(ep_parse_price(v, NULL)));
	json_decref(v);
	setlocale(LC_NUMERIC, "C");
}

/* openrouter/auto, a router, is priced "-1" in every v1 capture. */
static void
test_price_router_real(void **state)
{
	json_t		*root;
	const json_t	*payload, *e, *pricing;
	size_t		 i, routers = 0, priced = 0;
	int		 mistyped;

	(void)state;
	UNIT_NEED_SHARED();
	root = unit_load_json("v1-models-2025-07-29.json");
	payload = unit_payload_of(root, PAYLOAD_V1_MODELS);
	json_array_foreach(payload, i, e) {
		pricing = json_object_get(e, "pricing");
		if (strcmp(json_string_value(json_object_get(pricing,
		    "prompt")), "-1") == 0) {
			assert_true(isnan(ep_parse_price(json_object_get(
			    pricing, "prompt"), &mistyped)));
			assert_int_equal(mistyped, 0);
			routers++;
		} else {
			assert_false(isnan(ep_parse_price(json_object_get(
			    pricing, "prompt"), &mistyped)));
			priced++;
		}
	}
	assert_true(routers >= 1);
	assert_int_equal(routers + priced, 319);
	json_decref(root);
}

/* Tolerance of missing, null and mistyped fields. */

static void
test_all_null(void **state)
{
	json_t		*o;
	struct ep_row	 row;
	unsigned	 w = 0;

	(void)state;
	o = unit_parse("{\"id\": \"e\", \"model\": null, \"pricing\": null,"
	    " \"stats\": null, \"quantization\": null, \"status\": null,"
	    " \"data_policy\": {}, \"provider_info\": null,"
	    " \"supported_parameters\": null}");
	ep_row_init(&row);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, &w, NULL),
	    0);
	assert_int_equal(w, 0);
	assert_string_equal(row.endpoint_id, "e");
	assert_null(row.model_key);
	assert_null(row.model_name);
	assert_null(row.provider_slug);
	assert_null(row.provider_name);
	assert_null(row.variant);
	assert_null(row.quantization);
	assert_true(row.context_length == EP_NULL_INT);
	assert_true(row.max_output == EP_NULL_INT);
	assert_true(row.request_count == EP_NULL_INT);
	assert_true(row.status == EP_NULL_INT);
	assert_true(row.limit_rpm == EP_NULL_INT);
	assert_true(row.limit_rpd == EP_NULL_INT);
	assert_true(isnan(row.price_prompt));
	assert_true(isnan(row.price_completion));
	assert_true(isnan(row.price_cache_read));
	assert_true(isnan(row.p50_latency_ms));
	assert_true(isnan(row.p50_throughput));
	assert_true(isnan(row.uptime));
	assert_int_equal(row.is_free, -1);
	assert_int_equal(row.is_hidden, -1);
	assert_int_equal(row.is_disabled, -1);
	assert_int_equal(row.supports_images, -1);
	assert_int_equal(row.supports_tools, -1);
	assert_int_equal(row.supports_reasoning, -1);
	assert_int_equal(row.training, -1);
	assert_int_equal(row.retains_prompts, -1);
	ep_row_clear(&row);
	json_decref(o);
}

static const char mistyped_base[] =
    "{\"id\": \"e-1\", \"provider_slug\": \"p/fp8\","
    " \"provider_display_name\": \"P\", \"variant\": \"standard\","
    " \"model_variant_permaslug\": \"a/b\", \"quantization\": \"fp8\","
    " \"is_hidden\": false, \"status\": 0,"
    " \"context_length\": \"32768\", \"is_free\": \"true\","
    " \"pricing\": \"0.5\", \"stats\": [1, 2], \"model\": 7}";

static void
test_mistyped(void **state)
{
	json_t		*o;
	struct ep_row	 row;
	unsigned	 w = 3;

	(void)state;
	o = unit_parse(mistyped_base);
	ep_row_init(&row);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, &w, NULL),
	    0);
	/* Five mistyped fields, added to what was there. */
	assert_int_equal(w, 3 + 5);
	assert_true(row.context_length == EP_NULL_INT);
	assert_int_equal(row.is_free, -1);
	assert_true(isnan(row.price_prompt));
	assert_true(isnan(row.price_completion));
	assert_true(isnan(row.p50_latency_ms));
	assert_true(row.request_count == EP_NULL_INT);
	assert_null(row.model_name);
	assert_int_equal(row.supports_images, -1);
	/* The rest of the row is intact. */
	assert_string_equal(row.endpoint_id, "e-1");
	assert_string_equal(row.model_key, "a/b");
	assert_string_equal(row.provider_slug, "p/fp8");
	assert_string_equal(row.provider_name, "P");
	assert_string_equal(row.quantization, "fp8");
	assert_int_equal(row.is_hidden, 0);
	assert_true(row.status == 0);
	ep_row_clear(&row);
	json_decref(o);
}

static void
test_mistyped_more(void **state)
{
	static const struct {
		const char	*json;
		unsigned	 warnings;
	} cases[] = {
		{ "{\"id\": \"e\", \"status\": \"0\"}", 1 },
		{ "{\"id\": \"e\", \"limit_rpm\": true}", 1 },
		{ "{\"id\": \"e\", \"max_completion_tokens\": 1.5}", 1 },
		{ "{\"id\": \"e\", \"max_completion_tokens\": 1e30}", 1 },
		{ "{\"id\": \"e\", \"context_length\": 32768.0}", 0 },
		{ "{\"id\": \"e\", \"quantization\": 8}", 1 },
		{ "{\"id\": \"e\", \"variant\": false}", 1 },
		{ "{\"id\": \"e\", \"data_policy\": \"none\"}", 1 },
		{ "{\"id\": \"e\", \"data_policy\": {\"training\": 0,"
		  " \"retainsPrompts\": \"no\"}}", 2 },
		{ "{\"id\": \"e\", \"supported_parameters\": \"tools\"}", 1 },
		{ "{\"id\": \"e\", \"supports_tool_parameters\": 1}", 1 },
		{ "{\"id\": \"e\", \"provider_info\": []}", 1 },
		{ "{\"id\": \"e\", \"provider_info\": {\"slug\": 1,"
		  " \"displayName\": {}}}", 2 },
		{ "{\"id\": \"e\", \"model\": {\"name\": 5, \"permaslug\": [],"
		  " \"input_modalities\": \"image\"}}", 3 },
		{ "{\"id\": \"e\", \"stats\": {\"p50_latency\": \"777\","
		  " \"p50_throughput\": null, \"request_count\": 1.25}}", 2 },
		{ "{\"id\": \"e\", \"pricing\": {\"prompt\": true,"
		  " \"completion\": [], \"input_cache_read\": \"junk\"}}", 3 },
		{ "{\"id\": \"e\", \"pricing\": {\"prompt\": \"-1\","
		  " \"completion\": \"-0.5\", \"discount\": \"x\"}}", 2 },
		{ "{\"id\": \"e\", \"uptime_last_30m\": \"100\"}", 1 },
		{ "{\"id\": \"e\", \"model_variant_permaslug\": 1}", 1 },
		{ "{\"id\": \"e\", \"architecture\": 1}", 1 },
		{ "{\"id\": \"e\", \"provider_slug\": 1, \"tag\": 2,"
		  " \"provider_name\": 3, \"provider_display_name\": 4}", 4 },
	};
	json_t		*o;
	struct ep_row	 row;
	unsigned	 w;
	size_t		 i;

	(void)state;
	ep_row_init(&row);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		o = unit_parse(cases[i].json);
		w = 0;
		assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, &w,
		    NULL), 0);
		if (w != cases[i].warnings)
			fail_msg("%s: %u warnings", cases[i].json, w);
		assert_string_equal(row.endpoint_id, "e");
		json_decref(o);
	}
	ep_row_clear(&row);

	/* An integral real is taken as the integer it is. */
	o = unit_parse("{\"id\": \"e\", \"context_length\": 32768.0}");
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, NULL, NULL),
	    0);
	assert_true(row.context_length == 32768);
	ep_row_clear(&row);
	json_decref(o);

	/* A token limit of 0 (2026 media models) is unknown, without warning. */
	o = unit_parse("{\"id\": \"e\", \"context_length\": 0,"
	    " \"max_completion_tokens\": 0}");
	w = 0;
	assert_int_equal(ep_project(o, EP_SRC_V1, NULL, &row, &w, NULL), 0);
	assert_true(row.context_length == EP_NULL_INT);
	assert_true(row.max_output == EP_NULL_INT);
	assert_int_equal(w, 0);
	ep_row_clear(&row);
	json_decref(o);
}

/* Capability rules. */
static void
test_capabilities(void **state)
{
	static const struct {
		const char	*json;
		int		 tools, reasoning, images;
	} cases[] = {
		{ "{\"id\": \"e\"}", -1, -1, -1 },
		{ "{\"id\": \"e\", \"supports_tool_parameters\": false,"
		  " \"supported_parameters\": [\"tools\"]}", 1, 0, -1 },
		{ "{\"id\": \"e\", \"supports_tool_parameters\": true,"
		  " \"supported_parameters\": []}", 1, 0, -1 },
		{ "{\"id\": \"e\", \"supports_tool_parameters\": false}",
		  0, -1, -1 },
		{ "{\"id\": \"e\", \"supported_parameters\": [\"top_k\", 3]}",
		  0, 0, -1 },
		{ "{\"id\": \"e\", \"supported_parameters\": [\"reasoning\"]}",
		  0, 1, -1 },
		{ "{\"id\": \"e\", \"supports_reasoning\": true,"
		  " \"supported_parameters\": []}", 0, 1, -1 },
		{ "{\"id\": \"e\", \"supports_reasoning\": false,"
		  " \"supported_parameters\": [\"reasoning\"]}", 0, 0, -1 },
		{ "{\"id\": \"e\", \"model\": {\"input_modalities\":"
		  " [\"text\", \"image\"]}}", -1, -1, 1 },
		{ "{\"id\": \"e\", \"model\": {\"input_modalities\": []}}",
		  -1, -1, 0 },
		{ "{\"id\": \"e\", \"architecture\": {\"input_modalities\":"
		  " [\"image\"]}}", -1, -1, 1 },
		{ "{\"id\": \"e\", \"model\": {\"input_modalities\":"
		  " [\"text\"]}, \"architecture\": {\"input_modalities\":"
		  " [\"image\"]}}", -1, -1, 0 },
	};
	json_t			*o, *mods;
	struct ep_row		 row;
	struct ep_context	 ctx;
	size_t			 i;

	(void)state;
	ep_row_init(&row);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		o = unit_parse(cases[i].json);
		assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, NULL,
		    NULL), 0);
		if (row.supports_tools != cases[i].tools ||
		    row.supports_reasoning != cases[i].reasoning ||
		    row.supports_images != cases[i].images)
			fail_msg("%s: tools %d reasoning %d images %d",
			    cases[i].json, row.supports_tools,
			    row.supports_reasoning, row.supports_images);
		json_decref(o);
	}

	/* The context's modalities apply only when the object has none. */
	mods = unit_parse("[\"text\", \"image\"]");
	memset(&ctx, 0, sizeof ctx);
	ctx.input_modalities = mods;
	o = unit_parse("{\"id\": \"e\"}");
	assert_int_equal(ep_project(o, EP_SRC_STATS, &ctx, &row, NULL, NULL),
	    0);
	assert_int_equal(row.supports_images, 1);
	json_decref(o);
	o = unit_parse("{\"id\": \"e\", \"model\": {\"input_modalities\": []}}");
	assert_int_equal(ep_project(o, EP_SRC_STATS, &ctx, &row, NULL, NULL),
	    0);
	assert_int_equal(row.supports_images, 0);
	json_decref(o);
	json_decref(mods);
	ep_row_clear(&row);
}

/* The context: a fallback for frontend objects, the rule for v1 ones. */
static void
test_context_precedence(void **state)
{
	json_t			*o;
	struct ep_row		 row;
	struct ep_context	 ctx;

	(void)state;
	memset(&ctx, 0, sizeof ctx);
	ctx.model_key = "ctx/key";
	ctx.model_name = "Ctx Name";
	ep_row_init(&row);

	o = unit_parse("{\"id\": \"e\", \"model_variant_permaslug\": \"a/b:free\","
	    " \"model\": {\"name\": \"A B\"}}");
	assert_int_equal(ep_project(o, EP_SRC_STATS, &ctx, &row, NULL, NULL),
	    0);
	assert_string_equal(row.model_key, "a/b:free");
	assert_string_equal(row.model_name, "A B");
	assert_null(row.variant);
	assert_int_equal(ep_project(o, EP_SRC_V1, &ctx, &row, NULL, NULL), 0);
	assert_string_equal(row.model_key, "ctx/key");
	assert_string_equal(row.variant, "standard");
	json_decref(o);

	o = unit_parse("{\"id\": \"e\"}");
	assert_int_equal(ep_project(o, EP_SRC_CATALOGUE, &ctx, &row, NULL,
	    NULL), 0);
	assert_string_equal(row.model_key, "ctx/key");
	assert_string_equal(row.model_name, "Ctx Name");
	json_decref(o);
	ep_row_clear(&row);
}

/* A 2026 stats/endpoint object, as the tracker describes it. */
static const char endpoint_2026[] =
    "{"
    " \"id\": \"0b9e7a5c-1111-4222-8333-944455556666\","
    " \"name\": \"Acme | acme/widget-2026-01-01:free\","
    " \"model_variant_permaslug\": \"acme/widget-2026-01-01:free\","
    " \"model_variant_slug\": \"acme/widget:free\","
    " \"variant\": \"free\","
    " \"provider_slug\": \"acme/fp8\","
    " \"provider_display_name\": \"Acme Cloud\","
    " \"provider_name\": \"Acme\","
    " \"quantization\": \"fp8\","
    " \"context_length\": 262144,"
    " \"max_completion_tokens\": 65536,"
    " \"is_free\": true, \"is_hidden\": false, \"is_disabled\": false,"
    " \"is_deranked\": false, \"is_byok_only\": false,"
    " \"deprecation_date\": \"2026-09-30T00:00:00Z\","
    " \"capacity_tpm\": 1000000,"
    " \"supports_tool_parameters\": true,"
    " \"supports_reasoning\": true,"
    " \"supported_parameters\": [\"tools\", \"reasoning\"],"
    " \"model\": {\"name\": \"Acme: Widget\","
    "  \"permaslug\": \"acme/widget-2026-01-01\","
    "  \"input_modalities\": [\"text\", \"image\", \"file\"]},"
    " \"provider_info\": {\"slug\": \"acme\", \"displayName\": \"Acme\"},"
    " \"pricing\": {"
    "  \"prompt\": \"0.25e-6\", \"completion\": \"2e-6\","
    "  \"input_cache_read\": \"0.025e-6\", \"discount\": 0,"
    "  \"pricing_json\": {\"openrouter:prompt\": \"0.25e-6\","
    "   \"openrouter:completion\": \"2e-6\","
    "   \"openrouter:input_cache_read\": \"0.025e-6\"},"
    "  \"display_pricing\": [{\"sku\": \"prompt\", \"value\": \"0.25e-6\"}],"
    "  \"tiers\": [], \"overrides\": {}},"
    " \"stats\": {\"endpoint_id\": \"0b9e7a5c-1111-4222-8333-944455556666\","
    "  \"p50_throughput\": 88.5, \"p75_throughput\": 70.25,"
    "  \"p90_throughput\": 50, \"p95_throughput\": 41.5,"
    "  \"p99_throughput\": 12,"
    "  \"p50_latency\": 412, \"p75_latency\": 600.5,"
    "  \"p90_latency\": 900, \"p95_latency\": 1200, \"p99_latency\": 3100,"
    "  \"request_count\": 123456, \"window_minutes\": 30},"
    " \"statsByTier\": {\"default\": {\"p50_latency\": 1}},"
    " \"status\": -5,"
    " \"status_heuristics\": {\"reason\": \"capacity\"},"
    " \"limit_rpm\": 20, \"limit_rpd\": 1000,"
    " \"data_policy\": {\"training\": false, \"retainsPrompts\": true,"
    "  \"retentionDays\": 30}"
    "}";

static void
test_endpoint_2026(void **state)
{
	json_t		*o, *root;
	struct ep_row	 row;
	unsigned	 w = 0;
	char		*text;

	(void)state;
	o = unit_parse(endpoint_2026);
	ep_row_init(&row);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, &w, NULL),
	    0);
	assert_int_equal(w, 0);
	assert_string_equal(row.endpoint_id,
	    "0b9e7a5c-1111-4222-8333-944455556666");
	assert_string_equal(row.model_key, "acme/widget-2026-01-01:free");
	assert_string_equal(row.model_name, "Acme: Widget");
	assert_string_equal(row.provider_slug, "acme/fp8");
	assert_string_equal(row.provider_name, "Acme Cloud");
	assert_string_equal(row.variant, "free");
	assert_string_equal(row.quantization, "fp8");
	assert_true(row.context_length == 262144);
	assert_true(row.max_output == 65536);
	assert_true(row.price_prompt == 0.25e-6);
	assert_true(row.price_completion == 2e-6);
	assert_true(row.price_cache_read == 0.025e-6);
	assert_true(row.p50_throughput == 88.5);
	assert_true(row.p50_latency_ms == 412);
	assert_true(row.request_count == 123456);
	assert_true(row.status == -5);
	assert_true(row.limit_rpm == 20);
	assert_true(row.limit_rpd == 1000);
	assert_int_equal(row.is_free, 1);
	assert_int_equal(row.is_hidden, 0);
	assert_int_equal(row.is_disabled, 0);
	assert_int_equal(row.supports_tools, 1);
	assert_int_equal(row.supports_reasoning, 1);
	assert_int_equal(row.supports_images, 1);
	assert_int_equal(row.training, 0);
	assert_int_equal(row.retains_prompts, 1);
	assert_true(isnan(row.uptime));

	/* An array of them is a stats/endpoint payload, enveloped or not. */
	text = xasprintf("{\"data\": [%s, %s]}", endpoint_2026, endpoint_2026);
	root = unit_parse(text);
	assert_int_equal(payload_classify(root, NULL),
	    PAYLOAD_STATS_ENDPOINTS);
	json_decref(root);
	free(text);
	text = xasprintf("[%s]", endpoint_2026);
	root = unit_parse(text);
	assert_int_equal(payload_classify(root, NULL),
	    PAYLOAD_STATS_ENDPOINTS);
	json_decref(root);
	free(text);

	ep_row_clear(&row);
	json_decref(o);
}

/* Strings are bounded, on a character boundary. */
static void
test_truncation(void **state)
{
	json_t		*o;
	struct ep_row	 row;
	char		*big, *why = NULL;
	size_t		 i, len;

	(void)state;
	/* "ab" then 3-byte characters, so byte 4096 falls inside one. */
	len = 2 + 3 * 2000;
	big = xmalloc(len + 1);
	big[0] = 'a';
	big[1] = 'b';
	for (i = 0; i < 2000; i++)
		memcpy(big + 2 + 3 * i, "\xe2\x82\xac", 3);
	big[len] = '\0';
	o = json_pack("{s:s, s:s, s:s, s:{s:s}}", "id", "e-1", "provider_name",
	    big, "tag", "t", "model", "name", big);
	assert_non_null(o);
	ep_row_init(&row);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, NULL, NULL),
	    0);
	assert_true(strlen(row.provider_name) <= EP_STR_MAX);
	assert_int_equal(strlen(row.provider_name), 2 + 3 * 1364);
	assert_memory_equal(row.provider_name, big, strlen(row.provider_name));
	assert_string_equal(row.model_name, row.provider_name);
	json_decref(o);

	/* An identifier is refused, never cut: two cut ids could collide. */
	o = json_pack("{s:s}", "id", big);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, NULL, &why),
	    -1);
	assert_non_null(strstr(why, "endpoint id longer than 4096 bytes"));
	assert_null(row.endpoint_id);
	free(why);
	json_decref(o);
	o = json_pack("{s:s, s:s}", "id", "e-1", "provider_slug", big);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, NULL, &why),
	    -1);
	assert_non_null(strstr(why, "provider slug"));
	free(why);
	json_decref(o);
	o = json_pack("{s:s, s:{s:s}}", "id", "e-1", "model", "permaslug",
	    big);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, NULL, &why),
	    -1);
	assert_non_null(strstr(why, "model key"));
	free(why);
	json_decref(o);

	/* A string of exactly EP_STR_MAX bytes is kept whole. */
	memset(big, 'x', EP_STR_MAX);
	big[EP_STR_MAX] = '\0';
	o = json_pack("{s:s}", "id", big);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &row, NULL, NULL),
	    0);
	assert_string_equal(row.endpoint_id, big);
	json_decref(o);

	/* The v1 identity ("v1:" + tag) is bounded the same way. */
	o = json_pack("{s:s}", "tag", big + 3);
	assert_int_equal(ep_project(o, EP_SRC_V1, NULL, &row, NULL, NULL), 0);
	assert_int_equal(strlen(row.endpoint_id), EP_STR_MAX);
	assert_memory_equal(row.endpoint_id, "v1:xxx", 6);
	json_decref(o);
	o = json_pack("{s:s}", "tag", big + 2);
	assert_int_equal(ep_project(o, EP_SRC_V1, NULL, &row, NULL, &why), -1);
	free(why);
	json_decref(o);
	ep_row_clear(&row);
	free(big);
}

static void
test_row_copy(void **state)
{
	json_t		*o;
	struct ep_row	 a, b;

	(void)state;
	o = unit_parse(endpoint_2026);
	ep_row_init(&a);
	ep_row_init(&b);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &a, NULL, NULL), 0);
	a.first_run_id = 3;
	a.last_run_id = 9;
	a.active = 1;
	ep_row_copy(&b, &a);
	ep_row_copy(&b, &a);
	ep_row_copy(&b, &b);
	assert_ptr_not_equal(a.endpoint_id, b.endpoint_id);
	assert_string_equal(a.endpoint_id, b.endpoint_id);
	assert_string_equal(a.provider_name, b.provider_name);
	assert_true(a.price_prompt == b.price_prompt);
	assert_true(b.last_run_id == 9);
	assert_int_equal(b.active, 1);
	ep_row_clear(&a);
	assert_null(a.endpoint_id);
	assert_string_equal(b.quantization, "fp8");
	assert_true(b.first_run_id == 3);
	ep_row_clear(&b);
	assert_true(b.first_run_id == EP_NULL_INT);
	assert_true(isnan(b.price_prompt));
	json_decref(o);
}

/* The data-policy words every view shares, from training and retention. */
static void
test_policy_label(void **state)
{
	static const struct {
		int		 training, retains;
		enum ep_policy	 want;
		const char	*label;
	} cases[] = {
		{ 1, -1, EP_POLICY_TRAINS, "trains" },
		{ 1, 1, EP_POLICY_TRAINS, "trains" },
		{ 1, 0, EP_POLICY_TRAINS, "trains" },
		{ 0, 1, EP_POLICY_RETAINS, "retains" },
		{ 0, 0, EP_POLICY_NO_TRAIN, "no-train" },
		{ 0, -1, EP_POLICY_NO_TRAIN, "no-train" },
		{ -1, 1, EP_POLICY_UNKNOWN, "?" },
		{ -1, -1, EP_POLICY_UNKNOWN, "?" },
	};
	struct ep_row	row;
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		memset(&row, 0, sizeof row);
		row.training = cases[i].training;
		row.retains_prompts = cases[i].retains;
		assert_int_equal(ep_policy(&row), cases[i].want);
		assert_string_equal(ep_policy_label(ep_policy(&row)),
		    cases[i].label);
	}
}

/* The seconds-or-milliseconds rule, at its edges. */
static void
test_latency_scale(void **state)
{
	double	secs[4] = { 0.4, 0.9, 2.5, 99.9 };
	double	ms[4] = { 40, 90, 250, 100 };
	double	gaps[4] = { NAN, 1.2, NAN, NAN };
	double	none[4] = { NAN, NAN, NAN, NAN };

	(void)state;
	assert_true(ep_latency_scale(secs, 4) == 1000);
	/* One value at the bound says milliseconds for the whole object. */
	assert_true(ep_latency_scale(ms, 4) == 1);
	assert_true(ep_latency_scale(gaps, 4) == 1000);
	assert_true(ep_latency_scale(none, 4) == 1);
	assert_true(EP_LATENCY_SECONDS_BELOW == 100.0);
}

/* A v1 endpoint as the documented route gives it in 2026. */
static const char v1_2026[] =
    "{\"name\": \"Amazon Bedrock | anthropic/claude\", \"model_id\": \"a/b\","
    " \"model_name\": \"B\", \"context_length\": 200000,"
    " \"pricing\": {\"prompt\": \"0.000003\", \"completion\":"
    " \"0.000015\", \"discount\": 0.1}, \"provider_name\":"
    " \"Amazon Bedrock\", \"tag\": \"amazon-bedrock/us-east-1\","
    " \"quantization\": null, \"max_completion_tokens\": 64000,"
    " \"max_prompt_tokens\": 136000, \"supported_parameters\": [\"tools\"],"
    " \"status\": -5, \"uptime_last_30m\": 99.5, \"uptime_last_5m\": 100,"
    " \"uptime_last_1d\": 98.25, \"supports_implicit_caching\": true,"
    " \"latency_last_30m\": {\"p50\": 0.52, \"p75\": 0.8, \"p90\": 1.5,"
    " \"p99\": 4}, \"throughput_last_30m\": {\"p50\": 61.5, \"p75\": 55,"
    " \"p90\": 40, \"p99\": 12.25}}";

static void
test_v1_2026(void **state)
{
	struct ep_context	 ctx = { "a/b", NULL, NULL };
	struct ep_row		 r;
	json_t			*o, *lat;
	unsigned		 w = 0;
	char			 label[64];

	(void)state;
	o = unit_parse(v1_2026);
	ep_row_init(&r);
	assert_int_equal(ep_project(o, EP_SRC_V1, &ctx, &r, &w, NULL), 0);
	assert_int_equal(w, 0);
	assert_string_equal(r.endpoint_id, "v1:amazon-bedrock/us-east-1");
	assert_string_equal(r.region, "us-east-1");
	assert_string_equal(ep_provider_label(&r, label, sizeof label),
	    "Amazon Bedrock us-east-1");
	assert_true(r.uptime == 99.5);
	assert_true(r.uptime_5m == 100);
	assert_true(r.uptime_1d == 98.25);
	assert_int_equal(r.implicit_caching, 1);
	assert_true(r.max_prompt_tokens == 136000);
	assert_true(r.status == -5);
	assert_true(fabs(r.discount - 0.1) < 1e-12);
	/* Seconds, by magnitude: stored in milliseconds. */
	assert_true(fabs(r.latency_p50_ms - 520) < 1e-9);
	assert_true(fabs(r.latency_p75_ms - 800) < 1e-9);
	assert_true(r.latency_p90_ms == 1500);
	assert_true(r.latency_p99_ms == 4000);
	assert_true(r.throughput_p50 == 61.5);
	assert_true(r.throughput_p99 == 12.25);
	/* v1 has no stats: the medians stand in for them. */
	assert_true(r.p50_latency_ms == r.latency_p50_ms);
	assert_true(r.p50_throughput == 61.5);

	/* The same in milliseconds reads the same; an integer discount. */
	lat = json_object_get(o, "latency_last_30m");
	json_object_set_new(lat, "p50", json_integer(520));
	json_object_set_new(lat, "p75", json_integer(800));
	json_object_set_new(lat, "p90", json_integer(1500));
	json_object_set_new(lat, "p99", json_integer(4000));
	json_object_set_new(json_object_get(o, "pricing"), "discount",
	    json_integer(0));
	assert_int_equal(ep_project(o, EP_SRC_V1, &ctx, &r, &w, NULL), 0);
	assert_true(r.latency_p50_ms == 520);
	assert_true(r.latency_p99_ms == 4000);
	assert_true(r.discount == 0);

	/* null without a key; mistyped parts are warnings. */
	json_object_set_new(o, "latency_last_30m", json_null());
	json_object_set_new(o, "throughput_last_30m", json_string("fast"));
	json_object_set_new(o, "uptime_last_5m", json_null());
	json_object_set_new(o, "uptime_last_1d", json_string("99"));
	json_object_set_new(o, "tag", json_string("deepinfra/fp8"));
	json_object_set_new(o, "supports_implicit_caching", json_integer(1));
	w = 0;
	assert_int_equal(ep_project(o, EP_SRC_V1, &ctx, &r, &w, NULL), 0);
	assert_true(isnan(r.latency_p50_ms));
	assert_true(isnan(r.throughput_p50));
	assert_true(isnan(r.uptime_5m));
	assert_true(isnan(r.uptime_1d));
	assert_int_equal(r.implicit_caching, -1);
	assert_int_equal(w, 3);
	/* A quantization suffix is no region. */
	assert_null(r.region);
	assert_string_equal(ep_provider_label(&r, label, sizeof label),
	    "Amazon Bedrock");
	ep_row_clear(&r);
	json_decref(o);
}

static void
test_region(void **state)
{
	char	*s;

	(void)state;
	s = ep_region("google-vertex/global", NULL);
	assert_string_equal(s, "global");
	free(s);
	s = ep_region("deepinfra/turbo", "fp8");
	assert_string_equal(s, "turbo");
	free(s);
	assert_null(ep_region("deepinfra/fp8", NULL));
	assert_null(ep_region("deepinfra/BF16", NULL));
	assert_null(ep_region("x/q9", "q9"));
	assert_null(ep_region("deepinfra", NULL));
	assert_null(ep_region("deepinfra/", NULL));
	assert_null(ep_region(NULL, NULL));
	/* Untrusted: only a short plain name is a region. */
	assert_null(ep_region("x/us east", NULL));
	assert_null(ep_region("x/\x1b[2J", NULL));
	assert_null(ep_region("x/a/b", NULL));
	assert_null(ep_region("x/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	    NULL));
	s = ep_region("x/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL);
	assert_non_null(s);
	free(s);
}

/* The 2026 frontend's stats give the percentiles in milliseconds. */
static void
test_stats_percentiles(void **state)
{
	struct ep_row	 r;
	json_t		*o;
	unsigned	 w = 0;

	(void)state;
	o = unit_parse("{\"id\": \"e1\", \"provider_name\": \"P\","
	    " \"model_variant_permaslug\": \"a/b\", \"stats\":"
	    " {\"p50_latency\": 40, \"p75_latency\": 48, \"p90_latency\": 60,"
	    " \"p99_latency\": 99, \"p50_throughput\": 20,"
	    " \"p99_throughput\": 50}}");
	ep_row_init(&r);
	assert_int_equal(ep_project(o, EP_SRC_STATS, NULL, &r, &w, NULL), 0);
	assert_true(r.latency_p50_ms == 40);
	assert_true(r.latency_p99_ms == 99);
	assert_true(r.p50_latency_ms == 40);
	assert_true(r.throughput_p99 == 50);
	assert_true(isnan(r.throughput_p75));
	ep_row_clear(&r);
	json_decref(o);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_catalogue_real),
		cmocka_unit_test(test_stats_real),
		cmocka_unit_test(test_stats_liquid),
		cmocka_unit_test(test_stats_deepseek),
		cmocka_unit_test(test_stats_llama_free),
		cmocka_unit_test(test_stats_scout),
		cmocka_unit_test(test_v1_endpoints_real),
		cmocka_unit_test(test_v1_identity),
		cmocka_unit_test(test_price),
		cmocka_unit_test(test_price_locale),
		cmocka_unit_test(test_price_router_real),
		cmocka_unit_test(test_all_null),
		cmocka_unit_test(test_mistyped),
		cmocka_unit_test(test_mistyped_more),
		cmocka_unit_test(test_capabilities),
		cmocka_unit_test(test_context_precedence),
		cmocka_unit_test(test_endpoint_2026),
		cmocka_unit_test(test_truncation),
		cmocka_unit_test(test_row_copy),
		cmocka_unit_test(test_policy_label),
		cmocka_unit_test(test_latency_scale),
		cmocka_unit_test(test_v1_2026),
		cmocka_unit_test(test_region),
		cmocka_unit_test(test_stats_percentiles),
	};

	UNIT_RUN(tests, NULL, NULL);
}
