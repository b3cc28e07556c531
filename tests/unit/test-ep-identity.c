/*
 * test-ep-identity: the identity of an endpoint across route families
 * (src/project/ep-identity.c): the provider key of frontend and v1 rows,
 * the quantization suffix of bare slugs, which rows are the same provider's
 * offer of a model, and what a v1 observation keeps of a frontend row.
 * Checked against objects written here and against the real captures
 * (skipped when they are absent).
 */
#include "config.h"

#include "unit.h"

#include <math.h>

#include "project/endpoint.h"
#include "project/ep-identity.h"

static void
project(const char *text, enum ep_source src, const char *model_key,
    struct ep_row *row)
{
	struct ep_context	 ctx;
	json_t			*obj;
	char			*cause = NULL;

	memset(&ctx, 0, sizeof ctx);
	ctx.model_key = model_key;
	obj = unit_parse(text);
	/* The row is initialised by the caller; ep_project() clears it, so
	 * one row can take one projection after another. */
	if (ep_project(obj, src, &ctx, row, NULL, &cause) != 0)
		fail_msg("ep_project: %s", cause);
	json_decref(obj);
}

/* key(row), the way ep_identity_key() or ep_identity_base() makes it. */
static void
assert_made(char *(*key)(const struct ep_row *), const struct ep_row *row,
    const char *want)
{
	char	*got;

	got = key(row);
	if (want == NULL)
		assert_null(got);
	else {
		assert_non_null(got);
		assert_string_equal(got, want);
	}
	free(got);
}

#define assert_key(row, want)	assert_made(ep_identity_key, row, want)
#define assert_base(row, want)	assert_made(ep_identity_base, row, want)

#define FRONTEND(slug, quant)						\
	"{\"id\": \"8f3c\", \"model_variant_permaslug\": \"q/m-1\","	\
	" " slug " \"provider_name\": \"DeepInfra\", \"quantization\": "	\
	quant ", \"pricing\": {\"prompt\": \"0.000001\"},"		\
	" \"stats\": {\"p50_latency\": 420, \"request_count\": 7},"	\
	" \"is_hidden\": false, \"limit_rpm\": 60,"			\
	" \"data_policy\": {\"training\": false}}"
#define V1(tag, quant)							\
	"{\"name\": \"DeepInfra | q/m\", \"provider_name\": \"DeepInfra\","	\
	" \"tag\": \"" tag "\", \"quantization\": " quant ","		\
	" \"pricing\": {\"prompt\": \"0.000002\"}, \"status\": 0}"

static void
test_keys(void **state)
{
	struct ep_row	fe, v1, bare, other;

	(void)state;
	ep_row_init(&fe);
	ep_row_init(&v1);
	ep_row_init(&bare);
	ep_row_init(&other);
	project(FRONTEND("\"provider_slug\": \"DeepInfra/FP8\",", "\"fp8\""),
	    EP_SRC_STATS, NULL, &fe);
	project(V1("deepinfra/fp8", "\"fp8\""), EP_SRC_V1, "q/m-1", &v1);
	/* The 2025-05-20 capture: no provider_slug, only provider_info. */
	project(FRONTEND("\"provider_info\": {\"slug\": \"deepinfra\"},",
	    "\"fp8\""), EP_SRC_STATS, NULL, &bare);
	assert_key(&fe, "deepinfra/fp8");
	assert_key(&v1, "deepinfra/fp8");
	assert_key(&bare, "deepinfra/fp8");
	assert_true(ep_identity_same(&fe, &v1));
	assert_true(ep_identity_same(&bare, &v1));
	assert_true(ep_identity_is_v1(v1.endpoint_id));
	assert_false(ep_identity_is_v1(fe.endpoint_id));

	/* Another quantization is another offer. */
	project(V1("deepinfra/bf16", "\"bf16\""), EP_SRC_V1, "q/m-1", &other);
	assert_false(ep_identity_same(&fe, &other));
	/* Another model is another offer. */
	project(V1("deepinfra/fp8", "\"fp8\""), EP_SRC_V1, "q/m-1:free",
	    &other);
	assert_false(ep_identity_same(&fe, &other));
	/* A region tag keeps its suffix; "unknown" adds none. */
	project(V1("amazon-bedrock/us-east-1", "\"fp8\""), EP_SRC_V1,
	    "q/m-1", &other);
	assert_key(&other, "amazon-bedrock/us-east-1");
	project(V1("chutes", "\"unknown\""), EP_SRC_V1, "q/m-1", &other);
	assert_key(&other, "chutes");
	/* No slug, no key: never matched. */
	project("{\"provider_name\": \"X\"}", EP_SRC_V1, "q/m-1", &other);
	assert_key(&other, NULL);
	assert_false(ep_identity_same(&other, &other));

	ep_row_clear(&fe);
	ep_row_clear(&v1);
	ep_row_clear(&bare);
	ep_row_clear(&other);
}

/* A 2026 v1 tag naming a region is near the frontend's bare slug. */
static void
test_region(void **state)
{
	struct ep_row	fe, fq, reg, regq, quant, east, other;

	(void)state;
	ep_row_init(&fe);
	ep_row_init(&fq);
	ep_row_init(&reg);
	ep_row_init(&regq);
	ep_row_init(&quant);
	ep_row_init(&east);
	ep_row_init(&other);
	project(FRONTEND("\"provider_slug\": \"Bramble\",", "null"),
	    EP_SRC_STATS, NULL, &fe);
	project(FRONTEND("\"provider_slug\": \"bramble\",", "\"fp8\""),
	    EP_SRC_STATS, NULL, &fq);
	project(V1("bramble/global", "null"), EP_SRC_V1, "q/m-1", &reg);
	project(V1("bramble/global", "\"fp8\""), EP_SRC_V1, "q/m-1", &regq);
	project(V1("bramble/fp8", "\"fp8\""), EP_SRC_V1, "q/m-1", &quant);
	project(V1("bramble/us-east-1", "\"unknown\""), EP_SRC_V1, "q/m-1",
	    &east);

	assert_key(&reg, "bramble/global");
	assert_base(&reg, "bramble");
	assert_base(&fe, "bramble");
	assert_base(&east, "bramble");
	/* A suffix that is the quantization is no region. */
	assert_base(&quant, "bramble/fp8");
	assert_base(&fq, "bramble/fp8");
	assert_base(&regq, "bramble/fp8");

	assert_false(ep_identity_same(&fe, &reg));
	assert_true(ep_identity_near(&fe, &reg));
	assert_true(ep_identity_near(&reg, &fe));
	assert_true(ep_identity_near(&fe, &east));
	assert_true(ep_identity_near(&fq, &regq));
	assert_true(ep_identity_same(&fq, &quant));
	/* Another quantization, another model: not near. */
	assert_false(ep_identity_near(&fq, &reg));
	assert_false(ep_identity_near(&fe, &quant));
	project(V1("bramble/global", "null"), EP_SRC_V1, "q/m-1:free",
	    &other);
	assert_false(ep_identity_near(&fe, &other));
	/* Two tags with a "/" are never near, whatever their bases. */
	project(FRONTEND("\"provider_slug\": \"bramble/default\",",
	    "\"fp8\""), EP_SRC_STATS, NULL, &other);
	assert_base(&other, "bramble/fp8");
	assert_false(ep_identity_near(&other, &quant));
	assert_false(ep_identity_near(&other, &regq));
	/* Two regions of one provider are not near each other. */
	project(V1("bramble/eu-west-1", "null"), EP_SRC_V1, "q/m-1", &other);
	assert_false(ep_identity_near(&other, &reg));
	assert_true(ep_identity_near(&other, &fe));
	project("{\"provider_name\": \"X\"}", EP_SRC_V1, "q/m-1", &other);
	assert_base(&other, NULL);
	assert_false(ep_identity_near(&other, &other));

	ep_row_clear(&fe);
	ep_row_clear(&fq);
	ep_row_clear(&reg);
	ep_row_clear(&regq);
	ep_row_clear(&quant);
	ep_row_clear(&east);
	ep_row_clear(&other);
}

static void
test_keep(void **state)
{
	struct ep_row	fe, v1;

	(void)state;
	ep_row_init(&fe);
	ep_row_init(&v1);
	project(FRONTEND("\"provider_slug\": \"deepinfra/fp8\","
	    " \"provider_display_name\": \"DeepInfra AI\",", "\"fp8\""),
	    EP_SRC_STATS, NULL, &fe);
	project(V1("deepinfra/fp8", "null"), EP_SRC_V1, "q/m-1", &v1);
	ep_identity_keep(&v1, &fe);
	/* The newer observation's prices, quantization and status. */
	assert_true(v1.price_prompt == 0.000002);
	assert_null(v1.quantization);
	assert_int_equal(v1.status, 0);
	/* What only the frontend carries. */
	assert_true(v1.p50_latency_ms == 420);
	assert_int_equal(v1.request_count, 7);
	assert_int_equal(v1.limit_rpm, 60);
	assert_int_equal(v1.is_hidden, 0);
	assert_int_equal(v1.training, 0);
	assert_string_equal(v1.endpoint_id, "v1:deepinfra/fp8");
	/* The frontend's display name. */
	assert_string_equal(v1.provider_name, "DeepInfra AI");
	ep_row_clear(&v1);

	/* A region tag goes into the row under the frontend's slug. */
	ep_row_init(&v1);
	project(V1("DeepInfra/global", "null"), EP_SRC_V1, "q/m-1", &v1);
	ep_identity_keep(&v1, &fe);
	assert_string_equal(v1.provider_slug, "deepinfra/fp8");
	ep_row_clear(&fe);
	ep_row_clear(&v1);
}

/*
 * Real listings: the provider keys of one model's endpoints are distinct,
 * and the frontend's provider_slug is in the v1 route's tag form.
 */
static void
keys_distinct(const char *file, const char *want)
{
	const json_t	*list, *obj;
	json_t		*root;
	struct ep_row	*rows;
	size_t		 i, j, n;
	int		 found = 0;
	char		*key;

	root = unit_load_json(file);
	list = json_object_get(root, "data");
	if (json_is_object(list))
		list = json_object_get(list, "endpoints");
	n = json_array_size(list);
	rows = xcalloc(n, sizeof *rows);
	json_array_foreach(list, i, obj) {
		ep_row_init(&rows[i]);
		assert_int_equal(ep_project(obj, json_object_get(obj, "id") ?
		    EP_SRC_STATS : EP_SRC_V1, NULL, &rows[i], NULL, NULL), 0);
		free(rows[i].model_key);
		rows[i].model_key = xstrdup("m");
		key = ep_identity_key(&rows[i]);
		assert_non_null(key);
		found |= strcmp(key, want) == 0;
		free(key);
	}
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			assert_false(ep_identity_same(&rows[i], &rows[j]));
	assert_true(found);
	for (i = 0; i < n; i++)
		ep_row_clear(&rows[i]);
	free(rows);
	json_decref(root);
}

static void
test_real(void **state)
{
	(void)state;
	UNIT_NEED_SHARED();
	keys_distinct("stats-endpoint-deepseek-deepseek-chat-v3-0324-"
	    "standard-2025-06-27.json", "deepinfra/fp4");
	keys_distinct("stats-endpoint-meta-llama-llama-4-scout-17b-16e-"
	    "instruct-standard-2025-05-20.json", "lambda/fp8");
	keys_distinct("v1-endpoints-qwen-qwen3-235b-a22b-thinking-2507-"
	    "2025-07-29.json", "deepinfra/fp8");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_region),
		cmocka_unit_test(test_keep),
		cmocka_unit_test(test_real),
	};

	UNIT_RUN(tests, NULL, NULL);
}
