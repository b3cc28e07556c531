/*
 * test-provider: the provider projection (src/project/provider.c): the
 * 2026 provider list's fields type-checked one by one, country codes
 * checked and upper-cased, datacenters null / [] / codes kept apart, what
 * endpoint objects say of their provider, base slugs and datacenter
 * lookups; all on objects written here.
 */
#include "config.h"

#include "unit.h"

#include "project/provider.h"

static void
test_project_2026(void **state)
{
	struct prov_row	 r;
	json_t		*o;
	unsigned	 w = 0;

	(void)state;
	prov_row_init(&r);
	o = unit_parse("{\"name\": \"Amazon Bedrock\", \"slug\": "
	    "\"amazon-bedrock\", \"privacy_policy_url\": \"https://p\","
	    " \"terms_of_service_url\": \"https://t\", \"status_page_url\":"
	    " \"https://s\", \"headquarters\": \"us\", \"datacenters\":"
	    " [\"US\", \"de\", \"US\", \"BRA\"]}");
	assert_int_equal(prov_project(o, &r, &w, NULL), 0);
	assert_int_equal(w, 0);
	assert_string_equal(r.slug, "amazon-bedrock");
	assert_string_equal(r.name, "Amazon Bedrock");
	assert_string_equal(r.privacy_policy_url, "https://p");
	assert_string_equal(r.terms_of_service_url, "https://t");
	assert_string_equal(r.status_page_url, "https://s");
	assert_string_equal(r.headquarters, "US");
	/* Upper case, each once, in the order given. */
	assert_string_equal(r.datacenters, "US,DE,BRA");
	assert_int_equal(r.listed, 1);
	assert_int_equal(r.training, -1);
	json_decref(o);

	/* null and [] are different answers. */
	o = unit_parse("{\"slug\": \"x\", \"headquarters\": null,"
	    " \"datacenters\": []}");
	assert_int_equal(prov_project(o, &r, &w, NULL), 0);
	assert_null(r.headquarters);
	assert_non_null(r.datacenters);
	assert_string_equal(r.datacenters, "");
	assert_null(r.name);
	json_decref(o);
	o = unit_parse("{\"slug\": \"x\", \"datacenters\": null}");
	assert_int_equal(prov_project(o, &r, &w, NULL), 0);
	assert_null(r.datacenters);
	assert_int_equal(w, 0);
	json_decref(o);
	prov_row_clear(&r);
}

static void
test_project_mistyped(void **state)
{
	struct prov_row	 r;
	json_t		*o;
	unsigned	 w = 0;
	char		*cause = NULL;

	(void)state;
	prov_row_init(&r);
	/* Each bad field is NULL and one warning; the row stands. */
	o = unit_parse("{\"slug\": \"x\", \"name\": 5, \"privacy_policy_url\":"
	    " [], \"headquarters\": \"U1\", \"datacenters\": [\"US\", 7,"
	    " \"toolong\", \"\\u001b[2J\", \"d\"]}");
	assert_int_equal(prov_project(o, &r, &w, NULL), 0);
	assert_null(r.name);
	assert_null(r.privacy_policy_url);
	assert_null(r.headquarters);
	assert_string_equal(r.datacenters, "US");
	assert_int_equal(w, 7);
	json_decref(o);
	o = unit_parse("{\"slug\": \"x\", \"datacenters\": \"US\"}");
	w = 0;
	assert_int_equal(prov_project(o, &r, &w, NULL), 0);
	assert_null(r.datacenters);
	assert_int_equal(w, 1);
	json_decref(o);
	/* No usable slug: no row. */
	o = unit_parse("[{\"slug\": \"x\"}, {\"name\": \"y\"},"
	    " {\"slug\": \"\"}, {\"slug\": \"a/b\"}, {\"slug\": \"a b\"},"
	    " {\"slug\": 3}]");
	assert_int_equal(prov_project(json_array_get(o, 0), &r, NULL, NULL),
	    0);
	for (size_t i = 1; i < json_array_size(o); i++) {
		assert_int_equal(prov_project(json_array_get(o, i), &r, NULL,
		    &cause), -1);
		assert_non_null(cause);
		free(cause);
		cause = NULL;
		assert_null(r.slug);
	}
	json_decref(o);
	o = json_string("x");
	assert_int_equal(prov_project(o, &r, NULL, NULL), -1);
	json_decref(o);
	prov_row_clear(&r);
}

/* A bounded list: at most PROV_MAX_DC codes, the rest warnings. */
static void
test_project_bounded(void **state)
{
	struct prov_row	 r;
	json_t		*o, *dc;
	unsigned	 w = 0;
	size_t		 i, commas = 0;
	char		 code[4];

	(void)state;
	o = json_object();
	json_object_set_new(o, "slug", json_string("big"));
	dc = json_array();
	for (i = 0; i < 26 * 26; i++) {
		snprintf(code, sizeof code, "%c%c", (int)('A' + i / 26),
		    (int)('A' + i % 26));
		json_array_append_new(dc, json_string(code));
	}
	json_object_set_new(o, "datacenters", dc);
	prov_row_init(&r);
	assert_int_equal(prov_project(o, &r, &w, NULL), 0);
	for (i = 0; r.datacenters[i] != '\0'; i++)
		commas += r.datacenters[i] == ',';
	assert_int_equal(commas + 1, PROV_MAX_DC);
	assert_int_equal(w, 26 * 26 - PROV_MAX_DC);
	prov_row_clear(&r);
	json_decref(o);
}

static void
test_from_endpoint(void **state)
{
	struct prov_row	 r;
	json_t		*o;
	unsigned	 w = 0;
	char		 base[PROV_SLUG_MAX + 1];

	(void)state;
	prov_row_init(&r);
	o = unit_parse("{\"provider_slug\": \"deepinfra/fp8\","
	    " \"provider_region\": \"us\", \"provider_info\": {\"slug\":"
	    " \"deepinfra\", \"displayName\": \"DeepInfra\", \"headquarters\":"
	    " \"US\", \"statusPageUrl\": \"https://s\", \"dataPolicy\":"
	    " {\"paidModels\": {\"training\": true, \"retainsPrompts\":"
	    " false}}}}");
	assert_int_equal(prov_from_endpoint(o, &r, &w), 0);
	assert_string_equal(r.slug, "deepinfra");
	/* The slug alone, as the sync asks first (ingest-providers.c). */
	assert_string_equal(prov_endpoint_slug(o, base), "deepinfra");
	assert_string_equal(r.name, "DeepInfra");
	assert_string_equal(r.headquarters, "US");
	assert_string_equal(r.status_page_url, "https://s");
	assert_string_equal(r.region, "us");
	assert_int_equal(r.training, 1);
	assert_int_equal(r.retains_prompts, 0);
	assert_int_equal(r.listed, 0);
	json_decref(o);
	/* The endpoint's own policy wins; the slug from provider_slug. */
	o = unit_parse("{\"provider_slug\": \"amazon-bedrock/us-east-1\","
	    " \"data_policy\": {\"training\": false}}");
	assert_int_equal(prov_from_endpoint(o, &r, &w), 0);
	assert_string_equal(r.slug, "amazon-bedrock");
	assert_string_equal(prov_endpoint_slug(o, base), "amazon-bedrock");
	assert_int_equal(r.training, 0);
	assert_int_equal(r.retains_prompts, -1);
	json_decref(o);
	/* v1: only a tag. */
	o = unit_parse("{\"tag\": \"google-vertex/global\","
	    " \"provider_name\": \"Google Vertex\"}");
	assert_int_equal(prov_from_endpoint(o, &r, &w), 0);
	assert_string_equal(r.slug, "google-vertex");
	assert_string_equal(prov_endpoint_slug(o, base), "google-vertex");
	assert_string_equal(r.name, "Google Vertex");
	json_decref(o);
	o = unit_parse("{\"provider_name\": \"P\"}");
	assert_int_equal(prov_from_endpoint(o, &r, &w), -1);
	assert_null(prov_endpoint_slug(o, base));
	json_decref(o);
	/* A provider_info slug that is no slug is not replaced by another. */
	o = unit_parse("{\"provider_slug\": \"ok\", \"provider_info\":"
	    " {\"slug\": \"a b\"}}");
	assert_int_equal(prov_from_endpoint(o, &r, &w), -1);
	assert_null(prov_endpoint_slug(o, base));
	json_decref(o);
	prov_row_clear(&r);
}

static void
test_base_slug_and_dc(void **state)
{
	char	buf[16];

	(void)state;
	assert_string_equal(prov_base_slug("amazon-bedrock/us-east-1", buf,
	    sizeof buf), "amazon-bedrock");
	assert_string_equal(prov_base_slug("x", buf, sizeof buf), "x");
	assert_null(prov_base_slug("/x", buf, sizeof buf));
	assert_null(prov_base_slug("", buf, sizeof buf));
	assert_null(prov_base_slug(NULL, buf, sizeof buf));
	assert_null(prov_base_slug("a-very-long-provider", buf, sizeof buf));
	assert_true(prov_has_dc("US,DE", "de"));
	assert_true(prov_has_dc("US,DE", "US"));
	assert_false(prov_has_dc("US,DE", "U"));
	assert_false(prov_has_dc("USA,DE", "US"));
	assert_false(prov_has_dc("", "US"));
	assert_false(prov_has_dc(NULL, "US"));
}

/* An element of the frontend's all-providers list. */
static void
test_from_frontend(void **state)
{
	struct prov_row	 r;
	json_t		*o;
	unsigned	 w = 0;

	(void)state;
	prov_row_init(&r);
	o = unit_parse("{\"name\": \"AI21\", \"displayName\": \"AI21 Labs\","
	    " \"slug\": \"ai21\", \"baseUrl\": \"url\", \"dataPolicy\":"
	    " {\"privacyPolicyURL\": \"https://p\", \"termsOfServiceURL\":"
	    " \"https://t\", \"paidModels\": {\"training\": false,"
	    " \"retainsPrompts\": true}}, \"headquarters\": \"il\","
	    " \"statusPageUrl\": \"https://s\"}");
	assert_int_equal(prov_from_frontend(o, &r, &w), 0);
	assert_int_equal(w, 0);
	assert_string_equal(r.slug, "ai21");
	assert_string_equal(r.name, "AI21 Labs");
	assert_string_equal(r.privacy_policy_url, "https://p");
	assert_string_equal(r.terms_of_service_url, "https://t");
	assert_string_equal(r.status_page_url, "https://s");
	assert_string_equal(r.headquarters, "IL");
	assert_int_equal(r.training, 0);
	assert_int_equal(r.retains_prompts, 1);
	assert_int_equal(r.listed, 0);
	json_decref(o);

	/* Mistyped: each field unknown, one warning; name stands in. */
	o = unit_parse("{\"name\": \"X\", \"displayName\": 1, \"slug\": \"x\","
	    " \"dataPolicy\": {\"privacyPolicyURL\": [], \"paidModels\":"
	    " {\"training\": \"no\"}}, \"headquarters\": \"Israel\","
	    " \"statusPageUrl\": {}}");
	assert_int_equal(prov_from_frontend(o, &r, &w), 0);
	assert_int_equal(w, 5);
	assert_string_equal(r.name, "X");
	assert_null(r.privacy_policy_url);
	assert_null(r.status_page_url);
	assert_null(r.headquarters);
	assert_int_equal(r.training, -1);
	json_decref(o);

	/* No usable slug, or not an object. */
	o = unit_parse("[{\"slug\": \"a/b\"}, 3]");
	assert_int_equal(prov_from_frontend(json_array_get(o, 0), &r, &w), -1);
	assert_int_equal(prov_from_frontend(json_array_get(o, 1), &r, &w), -1);
	json_decref(o);
	prov_row_clear(&r);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_project_2026),
		cmocka_unit_test(test_project_mistyped),
		cmocka_unit_test(test_project_bounded),
		cmocka_unit_test(test_from_endpoint),
		cmocka_unit_test(test_from_frontend),
		cmocka_unit_test(test_base_slug_and_dc),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
