/*
 * test-payload: classification of payloads (src/project/payload.c), checked
 * against every real capture in the shared fixtures directory (skipped when
 * it is absent) and against payloads written here.
 */
#include "config.h"

#include "unit.h"

#include <dirent.h>

#include "codec/jlist.h"
#include "project/model-key.h"
#include "project/payload.h"

/* Classification of every real capture. */

static enum payload_kind
expected_kind(const char *name)
{
	if (strncmp(name, "v1-models-", 10) == 0)
		return (PAYLOAD_V1_MODELS);
	if (strncmp(name, "frontend-models-", 16) == 0)
		return (PAYLOAD_CATALOGUE);
	if (strncmp(name, "stats-endpoint-", 15) == 0)
		return (PAYLOAD_STATS_ENDPOINTS);
	if (strncmp(name, "v1-endpoints-", 13) == 0)
		return (PAYLOAD_V1_ENDPOINTS);
	if (strstr(name, "-comparison-") != NULL)
		return (PAYLOAD_COMPARISON);
	if (strncmp(name, "uptime-recent-", 14) == 0)
		return (PAYLOAD_UPTIME_RECENT);
	if (strncmp(name, "uptime-hourly-", 14) == 0)
		return (PAYLOAD_UPTIME_HOURLY);
	if (strncmp(name, "model-author-", 13) == 0)
		return (PAYLOAD_AUTHOR);
	if (strncmp(name, "stats-app-", 10) == 0)
		return (PAYLOAD_APPS);
	if (strncmp(name, "model-daily-stats-", 18) == 0)
		return (PAYLOAD_USAGE);
	if (strncmp(name, "frontend-all-providers-", 23) == 0)
		return (PAYLOAD_FE_PROVIDERS);
	return (PAYLOAD_OTHER);
}

/*
 * A catalogue opened with its keys (payload_list_open_keys(), as the sync
 * does) keeps each entry's key and rank as model_key_catalogue_ranked()
 * makes them from the entry's tree; any other list keeps none.
 */
static void
keys_agree(const json_t *root, const char *text, enum payload_kind want)
{
	struct jlist		 jl;
	struct payload_keys	 keys;
	enum payload_kind	 kind;
	const json_t		*data, *e;
	char			*why = NULL, *key;
	size_t			 n, i;
	int			 rc, rank;

	rc = payload_list_open_keys(&jl, text, strlen(text), &kind, &n, &keys,
	    &why);
	assert_null(why);
	if (rc != 0 || want != PAYLOAD_CATALOGUE) {
		assert_int_equal(keys.n, 0);
		assert_null(keys.key);
		return;
	}
	data = json_is_array(root) ? root : json_object_get(root, "data");
	assert_int_equal(keys.n, json_array_size(data));
	assert_int_equal(keys.n, n);
	json_array_foreach(data, i, e) {
		key = model_key_catalogue_ranked(e, &rank);
		if (key == NULL)
			assert_null(keys.key[i]);
		else
			assert_string_equal(keys.key[i], key);
		assert_int_equal(keys.rank[i], rank);
		free(key);
	}
	assert_true(n > 0);
	payload_keys_free(&keys);
	assert_int_equal(keys.n, 0);
}

/*
 * Opened as a list (payload_list_open(), as the sync and the import do),
 * a document says what payload_classify() says of its tree when it is a
 * list; with models_only, a model list or catalogue is found (1 returned)
 * and anything else stops early, unknown.
 */
static size_t
list_agrees(const json_t *root, enum payload_kind want)
{
	struct jlist		 jl;
	enum payload_kind	 kind;
	char			*text, *why = NULL;
	size_t			 n;
	int			 rc, models;

	text = json_dumps(root, JSON_COMPACT | JSON_ENCODE_ANY);
	assert_non_null(text);
	rc = payload_list_open(&jl, text, strlen(text), &kind, &n, 0, &why);
	assert_null(why);
	if (rc == 0)
		assert_int_equal(kind, want);
	models = want == PAYLOAD_CATALOGUE || want == PAYLOAD_V1_MODELS;
	rc = payload_list_open(&jl, text, strlen(text), &kind, &n, 1, &why);
	assert_null(why);
	if (models) {
		assert_int_equal(rc, 0);
		assert_int_equal(kind, want);
		assert_true(n > 0);
	} else
		assert_int_equal(kind, PAYLOAD_UNKNOWN);
	keys_agree(root, text, want);
	free(text);
	return ((size_t)models);
}

static void
test_classify_real(void **state)
{
	DIR		*dir;
	struct dirent	*de;
	json_t		*root;
	const json_t	*payload;
	size_t		 len, files = 0, lists = 0;
	unsigned	 per_kind[PAYLOAD_FE_PROVIDERS + 1];
	enum payload_kind kind, want;

	(void)state;
	UNIT_NEED_SHARED();
	memset(per_kind, 0, sizeof per_kind);
	dir = opendir(unit_real_dir());
	assert_non_null(dir);
	while ((de = readdir(dir)) != NULL) {
		len = strlen(de->d_name);
		if (len < 5 || strcmp(de->d_name + len - 5, ".json") != 0)
			continue;
		root = unit_load_json(de->d_name);
		want = expected_kind(de->d_name);
		kind = payload_classify(root, &payload);
		if (kind != want) {
			fail_msg("%s: %s, expected %s", de->d_name,
			    payload_kind_name(kind), payload_kind_name(want));
		}
		/* The envelope is looked into whenever there is one. */
		if (json_is_object(root) && json_object_get(root, "data"))
			assert_ptr_equal(payload, json_object_get(root, "data"));
		else
			assert_ptr_equal(payload, root);
		per_kind[kind]++;
		files++;
		lists += list_agrees(root, kind);
		json_decref(root);
	}
	closedir(dir);

	/* The model lists and catalogues an import walks as the sync does. */
	assert_int_equal(lists, 6);
	assert_int_equal(files, 24);
	assert_int_equal(per_kind[PAYLOAD_UNKNOWN], 0);
	assert_int_equal(per_kind[PAYLOAD_V1_MODELS], 4);
	assert_int_equal(per_kind[PAYLOAD_CATALOGUE], 2);
	assert_int_equal(per_kind[PAYLOAD_STATS_ENDPOINTS], 4);
	assert_int_equal(per_kind[PAYLOAD_V1_ENDPOINTS], 1);
	assert_int_equal(per_kind[PAYLOAD_COMPARISON], 2);
	assert_int_equal(per_kind[PAYLOAD_UPTIME_RECENT], 1);
	assert_int_equal(per_kind[PAYLOAD_UPTIME_HOURLY], 6);
	assert_int_equal(per_kind[PAYLOAD_OTHER], 0);
	assert_int_equal(per_kind[PAYLOAD_AUTHOR], 1);
	assert_int_equal(per_kind[PAYLOAD_APPS], 1);
	assert_int_equal(per_kind[PAYLOAD_USAGE], 1);
	assert_int_equal(per_kind[PAYLOAD_FE_PROVIDERS], 1);
}

/* Classification of payloads written here. */
static void
test_classify_synthetic(void **state)
{
	static const struct {
		const char		*json;
		enum payload_kind	 kind;
	} cases[] = {
		{ "[1, 2, 3]", PAYLOAD_UNKNOWN },
		{ "\"data\"", PAYLOAD_UNKNOWN },
		{ "{}", PAYLOAD_UNKNOWN },
		{ "null", PAYLOAD_UNKNOWN },
		{ "42", PAYLOAD_UNKNOWN },
		{ "[{}]", PAYLOAD_UNKNOWN },
		{ "{\"data\": null}", PAYLOAD_UNKNOWN },
		{ "{\"data\": {}}", PAYLOAD_UNKNOWN },
		{ "{\"error\": {\"code\": 404}}", PAYLOAD_UNKNOWN },
		{ "{\"foo\": []}", PAYLOAD_UNKNOWN },
		{ "{\"foo\": [1]}", PAYLOAD_UNKNOWN },
		{ "[]", PAYLOAD_STATS_ENDPOINTS },
		{ "{\"data\": []}", PAYLOAD_STATS_ENDPOINTS },
		{ "[{\"id\": \"e1\", \"provider_name\": \"P\","
		  " \"pricing\": {}}]", PAYLOAD_STATS_ENDPOINTS },
		{ "[{\"provider_info\": {},"
		  " \"model_variant_permaslug\": \"a/b\"}]",
		  PAYLOAD_STATS_ENDPOINTS },
		{ "[{\"id\": \"a/b\", \"pricing\": {}}]", PAYLOAD_V1_MODELS },
		/* /api/v1/providers, 2026: datacenters null, [] or codes. */
		{ "{\"data\": [{\"name\": \"A\", \"slug\": \"a\","
		  " \"privacy_policy_url\": null, \"terms_of_service_url\": null,"
		  " \"status_page_url\": null, \"headquarters\": null,"
		  " \"datacenters\": null}, {\"name\": \"B\", \"slug\": \"b\","
		  " \"headquarters\": \"US\", \"datacenters\": [\"US\"]}]}",
		  PAYLOAD_PROVIDERS },
		{ "[{\"slug\": \"a\", \"datacenters\": []}]", PAYLOAD_PROVIDERS },
		/* A slug alone says nothing; one with a price is no provider. */
		{ "[{\"slug\": \"a\", \"name\": \"A\"}]", PAYLOAD_UNKNOWN },
		{ "[{\"slug\": \"a\", \"headquarters\": \"US\","
		  " \"pricing\": {}}]", PAYLOAD_UNKNOWN },
		{ "{\"data\": [{\"id\": \"a/b\", \"context_length\": 1}]}",
		  PAYLOAD_V1_MODELS },
		{ "[{\"id\": 5, \"pricing\": {}}]", PAYLOAD_UNKNOWN },
		{ "[{\"slug\": \"a/b\", \"endpoint\": null}]",
		  PAYLOAD_CATALOGUE },
		{ "[{\"permaslug\": \"a/b\", \"endpoint\": {}}]",
		  PAYLOAD_CATALOGUE },
		{ "[{\"x\": \"2025-01-01 00:00:00\", \"y\": {}}]",
		  PAYLOAD_COMPARISON },
		{ "[{\"x\": \"2025-01-01 00:00:00\", \"y\": 3}]",
		  PAYLOAD_UNKNOWN },
		{ "{\"id\": \"a/b\", \"endpoints\": []}",
		  PAYLOAD_V1_ENDPOINTS },
		{ "{\"endpoints\": []}", PAYLOAD_UNKNOWN },
		{ "{\"history\": []}", PAYLOAD_UPTIME_HOURLY },
		{ "{\"data\": {\"history\": [{\"date\": \"x\","
		  " \"uptime\": null}]}}", PAYLOAD_UPTIME_HOURLY },
		{ "{\"history\": [1]}", PAYLOAD_UNKNOWN },
		{ "{\"0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0\": []}",
		  PAYLOAD_UPTIME_RECENT },
		{ "{\"e1\": [{\"date\": \"2025-05-21 00:00:00\","
		  " \"uptime\": 99}]}", PAYLOAD_UPTIME_RECENT },
		{ "{\"e1\": [{\"date\": \"x\"}], \"e2\": 3}",
		  PAYLOAD_UNKNOWN },
		{ "{\"author\": {}, \"modelsWithStats\": []}", PAYLOAD_AUTHOR },
		{ "[{\"app_id\": 1}]", PAYLOAD_APPS },
		{ "[{\"model_permaslug\": \"a/b\", \"count\": 3}]",
		  PAYLOAD_USAGE },
		{ "[{\"displayName\": \"A\", \"baseUrl\": \"url\"}]",
		  PAYLOAD_FE_PROVIDERS },
		/* Mixed arrays are not trusted. */
		{ "[{\"app_id\": 1}, 5]", PAYLOAD_UNKNOWN },
		{ "[{\"slug\": \"a/b\", \"endpoint\": null},"
		  " {\"id\": \"a/b\", \"pricing\": {}}]", PAYLOAD_UNKNOWN },
	};
	json_t		*root;
	const json_t	*payload;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		root = unit_parse(cases[i].json);
		if (payload_classify(root, &payload) != cases[i].kind)
			fail_msg("case %zu: %s is not %s", i, cases[i].json,
			    payload_kind_name(cases[i].kind));
		json_decref(root);
	}

	/* A payload may be classified without asking for the pointer. */
	root = unit_parse("[]");
	assert_int_equal(payload_classify(root, NULL),
	    PAYLOAD_STATS_ENDPOINTS);
	json_decref(root);
	assert_int_equal(payload_classify(NULL, &payload), PAYLOAD_UNKNOWN);
}

/*
 * Elements are sampled across the array (first, last and six spread
 * between), so a bad one at a sampled index is noticed wherever it is.
 */
static void
test_classify_samples_spread(void **state)
{
	static const size_t	 bad[] = { 0, 14, 57, 85, 100 };
	json_t			*root;
	size_t			 i, b;

	(void)state;
	root = json_array();
	for (i = 0; i < 101; i++)
		json_array_append_new(root, json_pack("{s:i}", "app_id",
		    (int)i));
	assert_int_equal(payload_classify(root, NULL), PAYLOAD_APPS);
	for (b = 0; b < sizeof bad / sizeof bad[0]; b++) {
		json_array_set_new(root, bad[b], json_integer(1));
		assert_int_equal(payload_classify(root, NULL),
		    PAYLOAD_UNKNOWN);
		json_array_set_new(root, bad[b], json_pack("{s:i}", "app_id",
		    1));
		assert_int_equal(payload_classify(root, NULL), PAYLOAD_APPS);
	}

	/* Short arrays are checked whole. */
	json_array_clear(root);
	for (i = 0; i < 8; i++)
		json_array_append_new(root, json_pack("{s:s,s:n}", "slug",
		    "a/b", "endpoint"));
	assert_int_equal(payload_classify(root, NULL), PAYLOAD_CATALOGUE);
	for (b = 0; b < 8; b++) {
		json_array_set_new(root, b, json_string("x"));
		assert_int_equal(payload_classify(root, NULL),
		    PAYLOAD_UNKNOWN);
		json_array_set_new(root, b, json_pack("{s:s,s:n}", "slug",
		    "a/b", "endpoint"));
	}
	json_decref(root);
}

static void
test_kind_names(void **state)
{
	int	i, j;

	(void)state;
	for (i = PAYLOAD_UNKNOWN; i <= PAYLOAD_FE_PROVIDERS; i++) {
		assert_non_null(payload_kind_name((enum payload_kind)i));
		for (j = 0; j < i; j++) {
			assert_string_not_equal(
			    payload_kind_name((enum payload_kind)i),
			    payload_kind_name((enum payload_kind)j));
		}
	}
	assert_string_equal(payload_kind_name(PAYLOAD_V1_MODELS),
	    "v1-models");
	assert_string_equal(payload_kind_name(PAYLOAD_PROVIDERS),
	    "providers");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classify_real),
		cmocka_unit_test(test_classify_synthetic),
		cmocka_unit_test(test_classify_samples_spread),
		cmocka_unit_test(test_kind_names),
	};

	UNIT_RUN(tests, NULL, NULL);
}
