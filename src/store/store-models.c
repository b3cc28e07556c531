/*
 * store-models: what the model directory knows of each model beyond its
 * name (project/model.h), and the models list with its endpoints' figures.
 */
#include "config.h"

#include "store/store.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-meta.h"
#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* ?1 is the key; ?2.. the fields in the order store_model_info_put() binds. */
#define MODEL_SET(f)							\
    "UPDATE model SET model_id = " f("model_id", "?2") ","		\
    " canonical_slug = " f("canonical_slug", "?3") ","			\
    " expiration_date = " f("expiration_date", "?4") ","		\
    " knowledge_cutoff = " f("knowledge_cutoff", "?5") ","		\
    " input_modalities = " f("input_modalities", "?6") ","		\
    " output_modalities = " f("output_modalities", "?7") ","		\
    " supported_parameters = " f("supported_parameters", "?8") ","	\
    " default_parameters = " f("default_parameters", "?9") ","		\
    " reasoning = " f("reasoning", "?10") ","				\
    " alias_target = " f("alias_target", "?11") ","			\
    " alias_target_name = " f("alias_target_name", "?12") ","		\
    " hugging_face_id = " f("hugging_face_id", "?13") ","		\
    " details = " f("details", "?14") ","				\
    " created = " f("created", "?15") ","				\
    " context_length = " f("context_length", "?16") ","		\
    " max_output = " f("max_output", "?17") ","			\
    " price_prompt = " f("price_prompt", "?18") ","			\
    " price_completion = " f("price_completion", "?19")		\
    " WHERE model_key = ?1"
#define MODEL_REPLACE(col, p)	p
#define MODEL_FILL(col, p)	"COALESCE(" col ", " p ")"

/* The model list is authoritative: it replaces every field. */
static const struct store_sql model_info_sql = { ST_MODEL_INFO,
    MODEL_SET(MODEL_REPLACE) };
/* The catalogue names fewer fields: it fills only the unknown ones. */
static const struct store_sql model_fill_sql = { ST_MODEL_FILL,
    MODEL_SET(MODEL_FILL) };

/*
 * Active endpoints, and the lowest prices of the healthy ones (status 0 or
 * not given, not disabled), else the model's own.
 */
#define MODEL_HEALTHY							\
    " FROM endpoint e WHERE e.model_key = m.model_key AND e.active = 1"	\
    " AND COALESCE(e.status, 0) = 0 AND COALESCE(e.is_disabled, 0) = 0"
static const struct store_sql model_list_sql = { ST_MODEL_LIST,
    "SELECT m.model_key, m.model_id, m.canonical_slug, m.name,"
    " m.expiration_date, m.knowledge_cutoff, m.input_modalities,"
    " m.output_modalities, m.supported_parameters, m.default_parameters,"
    " m.reasoning, m.alias_target, m.alias_target_name, m.hugging_face_id,"
    " m.details, m.created,"
    " COALESCE(m.context_length, (SELECT MAX(e.context_length)"
    "  FROM endpoint e WHERE e.model_key = m.model_key AND e.active = 1)),"
    " COALESCE(m.max_output, (SELECT MAX(e.max_output)"
    "  FROM endpoint e WHERE e.model_key = m.model_key AND e.active = 1)),"
    " m.price_prompt, m.price_completion,"
    " (SELECT COUNT(*) FROM endpoint e WHERE e.model_key = m.model_key"
    "  AND e.active = 1),"
    " COALESCE((SELECT MIN(e.price_prompt)" MODEL_HEALTHY "),"
    "  m.price_prompt),"
    " COALESCE((SELECT MIN(e.price_completion)" MODEL_HEALTHY "),"
    "  m.price_completion)"
    " FROM model m WHERE (?1 IS NULL OR m.model_key = ?1)"
    " ORDER BY COALESCE(m.model_id, m.model_key), m.model_key" };
static const struct store_sql model_target_sql = { ST_MODEL_TARGET,
    "SELECT alias_target FROM model WHERE model_key = ?1" };

static void
store_model_bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == EP_NULL_INT)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static void
store_model_bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

int
store_model_info_put(struct store *s, const struct model_row *m,
    int fill, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, fill ? &model_fill_sql : &model_info_sql,
	    cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, m->model_key);
	store_bind_text(st, 2, m->model_id);
	store_bind_text(st, 3, m->canonical_slug);
	store_bind_text(st, 4, m->expiration_date);
	store_bind_text(st, 5, m->knowledge_cutoff);
	store_bind_text(st, 6, m->input_modalities);
	store_bind_text(st, 7, m->output_modalities);
	store_bind_text(st, 8, m->supported_parameters);
	store_bind_text(st, 9, m->default_parameters);
	store_bind_text(st, 10, m->reasoning);
	store_bind_text(st, 11, m->alias_target);
	store_bind_text(st, 12, m->alias_target_name);
	store_bind_text(st, 13, m->hugging_face_id);
	store_bind_text(st, 14, m->details);
	store_model_bind_int(st, 15, m->created);
	store_model_bind_int(st, 16, m->context_length);
	store_model_bind_int(st, 17, m->max_output);
	store_model_bind_real(st, 18, m->price_prompt);
	store_model_bind_real(st, 19, m->price_completion);
	return (store_step_done(s, st, cause, N_("cannot store a model")));
}

static int64_t
store_model_col_int(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (EP_NULL_INT);
	return (sqlite3_column_int64(st, i));
}

static void
store_model_read(sqlite3_stmt *st, void *arg)
{
	struct model_row	*m = arg;
	char			**text[] = { &m->model_key, &m->model_id,
				    &m->canonical_slug, &m->name,
				    &m->expiration_date, &m->knowledge_cutoff,
				    &m->input_modalities,
				    &m->output_modalities,
				    &m->supported_parameters,
				    &m->default_parameters, &m->reasoning,
				    &m->alias_target, &m->alias_target_name,
				    &m->hugging_face_id, &m->details };
	size_t			 i;

	model_row_init(m);
	for (i = 0; i < sizeof text / sizeof text[0]; i++)
		*text[i] = store_column_strdup(st, (int)i);
	m->created = store_model_col_int(st, 15);
	m->context_length = store_model_col_int(st, 16);
	m->max_output = store_model_col_int(st, 17);
	m->price_prompt = store_column_real(st, 18);
	m->price_completion = store_column_real(st, 19);
	m->providers = sqlite3_column_int64(st, 20);
	m->min_price_prompt = store_column_real(st, 21);
	m->min_price_completion = store_column_real(st, 22);
}

static void
store_model_free_cb(void *list, size_t n)
{
	model_row_list_free(list, n);
}

int
store_model_list(struct store *s, const char *model_key,
    struct model_row **list, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &model_list_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	if (store_collect(s, st, (void **)list, n, sizeof **list,
	    store_model_read, store_model_free_cb, N_("cannot read models"),
	    cause) != 0)
		return (-1);
	store_usage_fill_models(s, *list, *n);
	return (0);
}

int
store_model_alias_target(struct store *s, const char *model_key,
    char **target, char **cause)
{
	sqlite3_stmt	*st;
	int		 rc;

	*target = NULL;
	if ((st = store_stmt(s, &model_target_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, model_key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*target = store_column_strdup(st, 0);
	sqlite3_reset(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return (store_fail(s, cause, N_("cannot look up models")));
	return (0);
}
