/*
 * test-model: the model projection (src/project/model.c) of v1 model
 * entries in every shape of 2025 and 2026 written here, hostile ones, and
 * the expiry arithmetic; and the directory (src/store/store-models.c)
 * keeping and listing what it projects.
 */
#include "config.h"

#include "unit.h"

#include <math.h>
#include <unistd.h>

#include "project/model.h"
#include "store/store.h"

static json_t *
load(const char *text)
{
	json_t		*v;
	json_error_t	 err;

	v = json_loads(text, 0, &err);
	if (v == NULL)
		fail_msg("bad test JSON: %s", err.text);
	return (v);
}

/* A 2026 entry: every new field. */
static const char v1_2026[] =
    "{\"id\": \"acme/rocket-4.7-fast\","
    " \"canonical_slug\": \"acme/rocket-4.7-fast-20260512\","
    " \"hugging_face_id\": \"acme/Rocket-4.7\", \"name\": \"Acme: Rocket\","
    " \"created\": 1778544000, \"context_length\": 200000,"
    " \"architecture\": {\"input_modalities\": [\"text\", \"image\"],"
    "  \"output_modalities\": [\"text\"]},"
    " \"pricing\": {\"prompt\": \"0.000005\", \"completion\": \"0.000025\"},"
    " \"top_provider\": {\"max_completion_tokens\": 64000},"
    " \"supported_parameters\": [\"tools\", \"reasoning\", \"top_p\"],"
    " \"default_parameters\": {\"temperature\": 1},"
    " \"reasoning\": {\"mandatory\": false},"
    " \"expiration_date\": \"2026-12-20\","
    " \"knowledge_cutoff\": \"2026-01-31\","
    " \"links\": {\"details\": \"/api/v1/models/acme/rocket/endpoints\"}}";

static void
test_model_project_2026(void **state)
{
	struct model_row	 m;
	json_t			*e;
	unsigned		 w = 0;

	(void)state;
	model_row_init(&m);
	e = load(v1_2026);
	assert_int_equal(model_project(e, 0, "acme/rocket-4.7-fast-20260512",
	    &m, &w), 0);
	assert_int_equal(w, 0);
	assert_string_equal(m.model_id, "acme/rocket-4.7-fast");
	assert_string_equal(m.canonical_slug, "acme/rocket-4.7-fast-20260512");
	assert_string_equal(m.name, "Acme: Rocket");
	assert_string_equal(m.input_modalities, "text,image");
	assert_string_equal(m.output_modalities, "text");
	assert_string_equal(m.supported_parameters, "tools,reasoning,top_p");
	assert_string_equal(m.default_parameters, "{\"temperature\":1}");
	assert_string_equal(m.reasoning, "{\"mandatory\":false}");
	assert_string_equal(m.expiration_date, "2026-12-20");
	assert_string_equal(m.knowledge_cutoff, "2026-01-31");
	assert_string_equal(m.hugging_face_id, "acme/Rocket-4.7");
	assert_string_equal(m.details, "/api/v1/models/acme/rocket/endpoints");
	assert_null(m.alias_target);
	assert_int_equal(m.created, 1778544000);
	assert_int_equal(m.context_length, 200000);
	assert_int_equal(m.max_output, 64000);
	assert_true(fabs(m.price_prompt - 5e-6) < 1e-15);
	assert_true(fabs(m.price_completion - 25e-6) < 1e-15);
	model_row_clear(&m);
	json_decref(e);
}

/* Media models, aliases, nulls and the 2025 shape: no warning. */
static void
test_model_project_sparse(void **state)
{
	struct model_row	 m;
	json_t			*e;
	unsigned		 w = 0;

	(void)state;
	model_row_init(&m);
	e = load("{\"id\": \"~acme/rocket-latest\", \"canonical_slug\": null,"
	    " \"hugging_face_id\": \"\", \"context_length\": 0,"
	    " \"architecture\": {\"input_modalities\": [\"text\"],"
	    "  \"output_modalities\": [\"image\"]},"
	    " \"top_provider\": {\"max_completion_tokens\": null},"
	    " \"pricing\": {}, \"default_parameters\": null,"
	    " \"reasoning\": null, \"expiration_date\": null,"
	    " \"knowledge_cutoff\": null, \"alias_target\": {\"name\":"
	    " \"Acme: Rocket\", \"slug\": \"acme/rocket-4.7-fast\"}}");
	assert_int_equal(model_project(e, 0, "~acme/rocket-latest", &m, &w), 0);
	assert_int_equal(w, 0);
	assert_null(m.hugging_face_id);
	assert_int_equal(m.context_length, EP_NULL_INT);
	assert_int_equal(m.max_output, EP_NULL_INT);
	assert_true(isnan(m.price_prompt));
	assert_null(m.default_parameters);
	assert_null(m.supported_parameters);
	assert_string_equal(m.output_modalities, "image");
	assert_string_equal(m.alias_target, "acme/rocket-4.7-fast");
	assert_string_equal(m.alias_target_name, "Acme: Rocket");
	json_decref(e);
	/* 2025: dense "0" prices, no new field. */
	e = load("{\"id\": \"acme/old\", \"name\": \"Old\", \"created\": 1,"
	    " \"context_length\": 8192, \"pricing\": {\"prompt\": \"0\","
	    " \"completion\": \"0\", \"image\": \"0\", \"request\": \"0\"}}");
	assert_int_equal(model_project(e, 0, "acme/old", &m, &w), 0);
	assert_int_equal(w, 0);
	assert_true(m.price_prompt == 0.0);
	assert_null(m.canonical_slug);
	assert_null(m.expiration_date);
	model_row_clear(&m);
	json_decref(e);
}

/* Wrong types and malformed values: NULL and one warning each. */
static void
test_model_project_hostile(void **state)
{
	struct model_row	 m;
	json_t			*e;
	unsigned		 w = 0;

	(void)state;
	model_row_init(&m);
	assert_int_equal(model_project(NULL, 0, "k", &m, &w), -1);
	e = load("{\"id\": 5, \"expiration_date\": \"2026-02-30\","
	    " \"knowledge_cutoff\": \"soon\", \"architecture\":"
	    " {\"input_modalities\": [\"text\", 3, \"a,b\", \"\\u001b[2J\"]},"
	    " \"supported_parameters\": \"tools\", \"reasoning\": [],"
	    " \"alias_target\": \"x\", \"context_length\": \"big\"}");
	assert_int_equal(model_project(e, 0, "k", &m, &w), 0);
	/* id, 2 dates, 3 bad modalities, params, reasoning, alias, ctx */
	assert_int_equal(w, 10);
	assert_null(m.model_id);
	assert_null(m.expiration_date);
	assert_null(m.knowledge_cutoff);
	assert_string_equal(m.input_modalities, "text");
	assert_null(m.supported_parameters);
	assert_null(m.reasoning);
	assert_null(m.alias_target);
	assert_int_equal(m.context_length, EP_NULL_INT);
	model_row_clear(&m);
	json_decref(e);
}

static void
test_model_lists_and_dates(void **state)
{
	int64_t	days, today;

	(void)state;
	assert_int_equal(model_list_has("text,image", "image"), 1);
	assert_int_equal(model_list_has("text,image", "IMAGE"), 1);
	assert_int_equal(model_list_has("text,image", "imag"), 0);
	assert_int_equal(model_list_has("", "text"), 0);
	assert_int_equal(model_list_has(NULL, "text"), -1);
	/* 2026-12-02 is day 20789. */
	today = 20789;
	assert_int_equal(model_days_until("2026-12-20", today, &days), 0);
	assert_int_equal(days, 18);
	assert_int_equal(model_days_until("2026-12-2", today, &days), -1);
	assert_int_equal(model_days_until(NULL, today, &days), -1);
	assert_true(model_expiring("2026-12-20", today));
	assert_true(model_expiring("2027-01-01", today));	/* 30 days */
	assert_false(model_expiring("2027-01-02", today));
	assert_true(model_expiring("2026-01-01", today));	/* expired */
	assert_false(model_expiring(NULL, today));
}

/* The directory keeps the fields, and endpoint rows carry them. */
static void
test_model_store(void **state)
{
	struct model_row	 m, *list = NULL;
	struct ep_row		 ep, *rows = NULL;
	struct store		*s;
	json_t			*e;
	size_t			 n = 0;
	char			*cause = NULL, path[] = "/tmp/orb-model.XXXXXX";
	char			*db, *target;
	int			 fd;

	(void)state;
	assert_non_null(mkdtemp(path));
	db = xasprintf("%s/t.db", path);
	assert_int_equal(store_open(db, STORE_CREATE, &s, &cause), 0);
	model_row_init(&m);
	e = load(v1_2026);
	assert_int_equal(model_project(e, 0, "acme/rocket-20260512", &m,
	    NULL), 0);
	assert_int_equal(store_begin(s, &cause), 0);
	assert_int_equal(store_model_put(s, m.model_key, m.model_id, m.name, 1,
	    &cause), 0);
	assert_int_equal(store_model_info_put(s, &m, 0, &cause), 0);
	/* A catalogue fills only what is unknown. */
	free(m.input_modalities);
	m.input_modalities = xstrdup("audio");
	assert_int_equal(store_model_info_put(s, &m, 1, &cause), 0);
	ep_row_init(&ep);
	ep.endpoint_id = xstrdup("v1:acme");
	ep.model_key = xstrdup(m.model_key);
	ep.price_prompt = 1e-6;
	ep.status = 0;
	if (store_endpoint_upsert(s, &ep, NULL, 1, 0, 0, &cause) != 0)
		fail_msg("%s", cause);
	assert_int_equal(store_commit(s, &cause), 0);
	assert_int_equal(store_model_list(s, NULL, &list, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].model_id, "acme/rocket-4.7-fast");
	assert_string_equal(list[0].input_modalities, "text,image");
	assert_int_equal(list[0].providers, 1);
	assert_true(fabs(list[0].min_price_prompt - 1e-6) < 1e-18);
	/* No endpoint price: the model's own. */
	assert_true(fabs(list[0].min_price_completion - 25e-6) < 1e-18);
	model_row_list_free(list, n);
	assert_int_equal(store_endpoint_load(s, 0, &rows, &n, &cause), 0);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].model_id, "acme/rocket-4.7-fast");
	assert_string_equal(rows[0].model_params, "tools,reasoning,top_p");
	assert_string_equal(rows[0].model_expires, "2026-12-20");
	ep_row_list_free(rows, n);
	assert_int_equal(store_model_alias_target(s, m.model_key, &target,
	    &cause), 0);
	assert_null(target);
	ep_row_clear(&ep);
	model_row_clear(&m);
	json_decref(e);
	store_close(s);
	unlink(db);
	free(db);
	fd = rmdir(path);
	(void)fd;
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model_project_2026),
		cmocka_unit_test(test_model_project_sparse),
		cmocka_unit_test(test_model_project_hostile),
		cmocka_unit_test(test_model_lists_and_dates),
		cmocka_unit_test(test_model_store),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
