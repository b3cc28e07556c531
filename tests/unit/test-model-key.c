/*
 * test-model-key: model keys (src/project/model-key.c) of catalogue entries,
 * endpoint objects and v1 models, checked against the real captures in the
 * shared fixtures directory (skipped when it is absent) and against objects
 * written here.
 */
#include "config.h"

#include "unit.h"

#include "project/model-key.h"
#include "project/payload.h"

static void
test_model_key_make(void **state)
{
	char	*k;

	(void)state;
	assert_null(model_key_make(NULL, "free"));
	assert_null(model_key_make("", NULL));
	k = model_key_make("a/b", NULL);
	assert_string_equal(k, "a/b");
	free(k);
	k = model_key_make("a/b", "standard");
	assert_string_equal(k, "a/b");
	free(k);
	k = model_key_make("a/b", "");
	assert_string_equal(k, "a/b");
	free(k);
	k = model_key_make("mistralai/devstral-small-2505", "free");
	assert_string_equal(k, "mistralai/devstral-small-2505:free");
	free(k);
}

static void
test_model_key_catalogue_real(void **state)
{
	json_t		*root;
	const json_t	*payload, *e, *ep;
	size_t		 i, nulls;
	char		*k;
	const char	*files[] = {
		"frontend-models-2025-05-20.json",
		"frontend-models-2025-05-24.json"
	};
	const size_t	 want_nulls[] = { 108, 111 };
	size_t		 f;

	(void)state;
	UNIT_NEED_SHARED();
	for (f = 0; f < 2; f++) {
		root = unit_load_json(files[f]);
		payload = unit_payload_of(root, PAYLOAD_CATALOGUE);
		nulls = 0;
		json_array_foreach(payload, i, e) {
			k = model_key_from_catalogue(e);
			assert_non_null(k);
			ep = json_object_get(e, "endpoint");
			if (json_is_null(ep)) {
				nulls++;
				assert_string_equal(k, json_string_value(
				    json_object_get(e, "permaslug")));
			} else {
				assert_string_equal(k, json_string_value(
				    json_object_get(ep,
				    "model_variant_permaslug")));
			}
			free(k);
		}
		assert_int_equal(nulls, want_nulls[f]);
		json_decref(root);
	}
}

static void
test_model_key_catalogue_synthetic(void **state)
{
	static const struct {
		const char	*json;
		const char	*key;
	} cases[] = {
		{ "{\"slug\": \"a/b\", \"permaslug\": \"a/b-1\","
		  " \"endpoint\": null}", "a/b-1" },
		{ "{\"slug\": \"a/b\", \"endpoint\": null}", "a/b" },
		{ "{\"slug\": \"a/b\", \"permaslug\": 3}", "a/b" },
		{ "{\"endpoint\": null}", NULL },
		{ "{\"permaslug\": \"a/b-1\", \"endpoint\": {\"variant\":"
		  " \"free\", \"model\": {\"permaslug\": \"a/b-2\"}}}",
		  "a/b-2:free" },
		{ "{\"permaslug\": \"a/b-1\", \"endpoint\": {\"variant\":"
		  " \"beta\"}}", "a/b-1:beta" },
		{ "{\"permaslug\": \"a/b-1\", \"endpoint\": {"
		  "\"model_variant_permaslug\": \"a/b-1:thinking\","
		  " \"variant\": \"thinking\"}}", "a/b-1:thinking" },
		{ "{\"permaslug\": \"~a/latest\", \"endpoint\": null}",
		  "~a/latest" },
		{ "[]", NULL },
	};
	json_t	*o;
	char	*k;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		o = unit_parse(cases[i].json);
		k = model_key_from_catalogue(o);
		if (cases[i].key == NULL)
			assert_null(k);
		else
			assert_string_equal(k, cases[i].key);
		free(k);
		json_decref(o);
	}
	assert_null(model_key_from_catalogue(NULL));
	assert_null(model_key_from_endpoint(NULL));
	assert_null(model_key_from_v1(NULL));
}

static void
test_model_key_endpoint(void **state)
{
	json_t	*o;
	char	*k;

	(void)state;
	o = unit_parse("{\"model_variant_permaslug\": \"a/b-1:free\","
	    " \"model\": {\"permaslug\": \"zzz\"}, \"variant\": \"free\"}");
	k = model_key_from_endpoint(o);
	assert_string_equal(k, "a/b-1:free");
	free(k);
	json_decref(o);

	o = unit_parse("{\"model\": {\"permaslug\": \"a/b-1\"},"
	    " \"variant\": \"extended\"}");
	k = model_key_from_endpoint(o);
	assert_string_equal(k, "a/b-1:extended");
	free(k);
	json_decref(o);

	o = unit_parse("{\"model\": {\"permaslug\": \"a/b-1\"},"
	    " \"variant\": \"standard\"}");
	k = model_key_from_endpoint(o);
	assert_string_equal(k, "a/b-1");
	free(k);
	json_decref(o);

	o = unit_parse("{\"model\": \"a/b\", \"variant\": \"free\"}");
	assert_null(model_key_from_endpoint(o));
	json_decref(o);
}

static void
test_model_key_v1_real(void **state)
{
	json_t		*root;
	const json_t	*payload, *e;
	size_t		 i, suffixed, aliases;
	char		*k, *want;
	const char	*id, *canonical, *colon;

	(void)state;
	UNIT_NEED_SHARED();

	/* Before canonical_slug existed, the id is the key. */
	root = unit_load_json("v1-models-2025-05-24.json");
	payload = unit_payload_of(root, PAYLOAD_V1_MODELS);
	assert_int_equal(json_array_size(payload), 321);
	json_array_foreach(payload, i, e) {
		assert_null(json_object_get(e, "canonical_slug"));
		k = model_key_from_v1(e);
		assert_string_equal(k,
		    json_string_value(json_object_get(e, "id")));
		free(k);
	}
	json_decref(root);

	/* With it, the key is canonical_slug plus the id's suffix. */
	root = unit_load_json("v1-models-2025-07-29.json");
	payload = unit_payload_of(root, PAYLOAD_V1_MODELS);
	suffixed = 0;
	json_array_foreach(payload, i, e) {
		id = json_string_value(json_object_get(e, "id"));
		canonical = json_string_value(json_object_get(e,
		    "canonical_slug"));
		assert_non_null(canonical);
		colon = strrchr(id, ':');
		if (colon != NULL) {
			want = xasprintf("%s%s", canonical, colon);
			suffixed++;
		} else
			want = xstrdup(canonical);
		k = model_key_from_v1(e);
		assert_string_equal(k, want);
		free(k);
		free(want);
		if (strcmp(id, "qwen/qwen3-coder:free") == 0) {
			k = model_key_from_v1(e);
			assert_string_equal(k,
			    "qwen/qwen3-coder-480b-a35b-07-25:free");
			free(k);
		}
	}
	assert_true(suffixed > 0);
	json_decref(root);

	/* 2026: "~" aliases are their own keys. */
	root = unit_load_json("v1-models-2026-05-01.rewrapped-sorted.json");
	payload = unit_payload_of(root, PAYLOAD_V1_MODELS);
	aliases = 0;
	json_array_foreach(payload, i, e) {
		id = json_string_value(json_object_get(e, "id"));
		k = model_key_from_v1(e);
		if (*id == '~') {
			assert_string_equal(k, id);
			aliases++;
		}
		if (strcmp(id, "anthropic/claude-3.7-sonnet:thinking") == 0)
			assert_string_equal(k,
			    "anthropic/claude-3-7-sonnet-20250219:thinking");
		free(k);
	}
	assert_int_equal(aliases, 8);
	json_decref(root);
}

static void
test_model_key_v1_synthetic(void **state)
{
	static const struct {
		const char	*json;
		const char	*key;
	} cases[] = {
		{ "{\"id\": \"a/b:free\"}", "a/b:free" },
		{ "{\"id\": \"a/b:free\", \"canonical_slug\": null}",
		  "a/b:free" },
		{ "{\"id\": \"a/b:free\", \"canonical_slug\": \"a/b-9\"}",
		  "a/b-9:free" },
		{ "{\"id\": \"a/b\", \"canonical_slug\": \"a/b-9\"}",
		  "a/b-9" },
		{ "{\"id\": \"a:x/b\", \"canonical_slug\": \"a/b-9\"}",
		  "a/b-9" },
		{ "{\"id\": \"~a/latest\", \"canonical_slug\": \"a/b-9\"}",
		  "~a/latest" },
		{ "{\"id\": \"~a/latest\"}", "~a/latest" },
		{ "{\"canonical_slug\": \"a/b-9\"}", "a/b-9" },
		{ "{\"id\": 4}", NULL },
		{ "{}", NULL },
	};
	json_t	*o;
	char	*k;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		o = unit_parse(cases[i].json);
		k = model_key_from_v1(o);
		if (cases[i].key == NULL)
			assert_null(k);
		else
			assert_string_equal(k, cases[i].key);
		free(k);
		json_decref(o);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_key_make),
		cmocka_unit_test(test_model_key_catalogue_real),
		cmocka_unit_test(test_model_key_catalogue_synthetic),
		cmocka_unit_test(test_model_key_endpoint),
		cmocka_unit_test(test_model_key_v1_real),
		cmocka_unit_test(test_model_key_v1_synthetic),
	};

	UNIT_RUN(tests, NULL, NULL);
}
