/*
 * store-endpoints: the projection (one row per endpoint listing, current
 * state only), the model directory, and the rows of a listing a sync
 * recognises unchanged (the listings themselves: store-listings.c).
 */
#include "config.h"

#include "store/store.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store-changelog.h"
#include "store/store-meta.h"
#include "store/store-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The columns store_endpoint_read() reads, in its order: the row's, then
 * its model's from the directory (EP_FROM joins it). */
#define EP_COLUMNS							\
    "e.endpoint_id, e.model_key, " EP_MODEL_NAME ", e.provider_slug,"	\
    " e.provider_name, e.context_length, e.max_output, e.variant,"	\
    " e.quantization, e.is_free, e.is_hidden, e.is_disabled,"		\
    " e.price_prompt, e.price_completion, e.price_cache_read,"		\
    " e.supports_images, e.supports_tools, e.supports_reasoning,"	\
    " e.p50_latency_ms, e.p50_throughput, e.request_count, e.uptime,"	\
    " e.limit_rpm, e.limit_rpd, e.training, e.retains_prompts,"	\
    " e.status, e.first_run_id, e.last_run_id, e.active,"		\
    " e.price_overrides, " EP_PRICE_COLUMNS("e.") ", "		\
    EP_PROVIDER_COLUMNS ", e.region, " EP_V8_COLUMNS("e.",		\
    EP_SAME("e.latency_p50_ms", "e.p50_latency_ms"),			\
    EP_SAME("e.throughput_p50", "e.p50_throughput")) ", "		\
    EP_MODEL_COLUMNS ", "						\
    "EXISTS (SELECT 1 FROM watch w WHERE w.model_key = e.model_key)"

/*
 * The version 8 columns but region, in the order of the upsert's ?47 on;
 * l50 and t50 are the p50 latency's and throughput's.
 */
#define EP_V8_COLUMNS(p, l50, t50)					\
    p "uptime_5m, " p "uptime_1d, " p "implicit_caching, "		\
    p "max_prompt_tokens, " l50 ", " p "latency_p75_ms, "		\
    p "latency_p90_ms, " p "latency_p99_ms, " t50 ", "			\
    p "throughput_p75, " p "throughput_p90, " p "throughput_p99"
/*
 * A percentile's median (latency_p50_ms, throughput_p50) equal to the
 * median the row has from the frontend's stats or in their place
 * (p50_latency_ms, p50_throughput), as on nearly every row, is kept as an
 * empty blob (no byte) instead of its 8: read as same, written by
 * store_endpoint_write and EP_KEEP_SAME.
 */
#define EP_SAME(c, same)						\
    "CASE WHEN typeof(" c ") = 'blob' THEN " same " ELSE " c " END"

/* The version 5 price columns, in the order of enum price_part from
 * PRICE_REQUEST on, then the unknown bits and the discount. */
#define EP_PRICE_COLUMNS(p)						\
    p "price_request, " p "price_image, " p "price_image_token, "	\
    p "price_image_output, " p "price_audio, " p "price_audio_output, "	\
    p "price_input_audio_cache, " p "price_web_search, "		\
    p "price_internal_reasoning, " p "price_cache_write, "		\
    p "price_cache_write_1h, " p "price_unknown, " p "discount"

/* The model's fields an endpoint row carries (version 6), from 59 on. */
#define EP_MODEL_COLUMNS						\
    "m.model_id, m.input_modalities, m.output_modalities,"		\
    " m.supported_parameters, m.expiration_date, m.knowledge_cutoff"

/*
 * The model's name as the listing gave it (NULL: none).  Where it is the
 * one the model's listing gave last (model.listed_name), as for nearly
 * every row, the row keeps an empty blob (no byte) instead of its 27: see
 * the upsert and model_rename_sql.
 */
#define EP_MODEL_NAME							\
    "CASE WHEN typeof(e.model_name) = 'blob' THEN m.listed_name"	\
    " ELSE e.model_name END"

#define EP_FROM								\
    " FROM endpoint e LEFT JOIN model m ON m.model_key = e.model_key"

/*
 * Its provider's headquarters and datacenters (store-providers.h): the
 * provider named by the provider slug before any '/'.
 */
#define EP_PROVIDER_BASE						\
    "(CASE WHEN instr(e.provider_slug, '/') > 0"			\
    " THEN substr(e.provider_slug, 1, instr(e.provider_slug, '/') - 1)"	\
    " ELSE e.provider_slug END)"
#define EP_PROVIDER_COLUMNS						\
    "(SELECT COALESCE(p.headquarters, p.fe_headquarters) FROM provider p"	\
    " WHERE p.slug = " EP_PROVIDER_BASE "),"				\
    " (SELECT p.datacenters FROM provider p WHERE p.slug = "		\
    EP_PROVIDER_BASE ")"

/*
 * Before the name a model's listing gives changes, the rows that keep none
 * of their own (EP_MODEL_NAME) take the one they showed: a row's name is
 * what its listing said then.  (The directory's own name is another: the
 * catalogue's and the model list's may differ from the listing's.)
 */
static const struct store_sql model_rename_sql = { ST_MODEL_RENAME,
    "UPDATE endpoint SET model_name = (SELECT listed_name FROM model"
    " WHERE model_key = ?1) WHERE model_key = ?1"
    " AND typeof(model_name) = 'blob'"
    " AND EXISTS (SELECT 1 FROM model"
    "  WHERE model_key = ?1 AND listed_name IS NOT ?2)" };
static const struct store_sql model_listed_sql = { ST_MODEL_LISTED,
    "UPDATE model SET listed_name = ?2 WHERE model_key = ?1" };
static const struct store_sql model_put_sql = { ST_MODEL_PUT,
    "INSERT INTO model (model_key, name, last_run_id)"
    " VALUES (?1, ?2, ?3) ON CONFLICT (model_key) DO UPDATE SET"
    " name = COALESCE(excluded.name, name),"
    " last_run_id = excluded.last_run_id" };
static const struct store_sql alias_put_sql = { ST_ALIAS_PUT,
    "INSERT INTO model_alias (alias, model_key, last_run_id)"
    " VALUES (?1, ?2, ?3) ON CONFLICT (alias, model_key) DO UPDATE SET"
    " last_run_id = excluded.last_run_id" };
static const struct store_sql model_exact_sql = { ST_MODEL_EXACT,
    "SELECT model_key FROM model WHERE model_key = ?1 UNION"
    " SELECT DISTINCT model_key FROM endpoint WHERE model_key = ?1" };
/* The keys an alias named most recently (ties: all of them). */
static const struct store_sql model_alias_sql = { ST_MODEL_ALIAS,
    "SELECT model_key FROM model_alias WHERE alias = ?1"
    " AND last_run_id = (SELECT MAX(last_run_id) FROM model_alias"
    "  WHERE alias = ?1) ORDER BY model_key" };
static const struct store_sql model_like_sql = { ST_MODEL_LIKE,
    "SELECT model_key FROM model WHERE"
    "  instr(lower(model_key), lower(?1)) > 0"
    "  OR instr(lower(COALESCE(name, '')), lower(?1)) > 0"
    "  OR instr(lower(COALESCE(listed_name, '')), lower(?1)) > 0"
    " UNION SELECT model_key FROM model_alias WHERE"
    "  instr(lower(alias), lower(?1)) > 0"
    " UNION SELECT DISTINCT model_key FROM endpoint WHERE"
    "  instr(lower(model_key), lower(?1)) > 0"
    "  OR instr(lower(COALESCE(model_name, '')), lower(?1)) > 0"
    " ORDER BY 1" };
#define EP_KEEP(c)							\
    " " c " = CASE WHEN ?30 THEN COALESCE(excluded." c ", " c ")"	\
    "  ELSE excluded." c " END,"
/* EP_KEEP of a median kept as EP_SAME: a kept one keeps its value. */
#define EP_KEEP_SAME(c, same)						\
    " " c " = CASE WHEN ?30 AND excluded." c " IS NULL THEN "		\
    EP_SAME(c, same) " ELSE excluded." c " END,"
static const struct store_sql ep_upsert_sql = { ST_EP_UPSERT,
    "INSERT INTO endpoint (endpoint_id, model_key, model_name,"
    " provider_slug, provider_name, context_length, max_output,"
    " variant, quantization, is_free, is_hidden, is_disabled,"
    " price_prompt, price_completion, price_cache_read,"
    " supports_images, supports_tools, supports_reasoning,"
    " p50_latency_ms, p50_throughput, request_count, uptime,"
    " limit_rpm, limit_rpd, training, retains_prompts, status, blob,"
    " first_run_id, last_run_id, active, listing, listed_uptime,"
    " price_overrides, " EP_PRICE_COLUMNS("") ", region, "
    EP_V8_COLUMNS("", "latency_p50_ms", "throughput_p50") ", id)"
    " VALUES (?1, ?2,"
    " CASE WHEN ?3 = (SELECT listed_name FROM model WHERE model_key = ?2)"
    " THEN x'' ELSE ?3 END, ?4, ?5,"
    " ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
    " ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27,"
    /* The blob by its id (?59) or its hash. */
    " COALESCE(?59, (SELECT id FROM blob WHERE "
    BLOB_HASH_IS("hash", "?28") ")),"
    " ?29, ?29, 1,"
    " ?31, ?22, ?32, ?33, ?34, ?35, ?36, ?37, ?38, ?39, ?40, ?41, ?42,"
    " ?43, ?44, ?45, ?46, ?47, ?48, ?49, ?50, ?51, ?52, ?53, ?54, ?55,"
    " ?56, ?57, ?58,"
    /* The row of the key, if any (version 20: no UNIQUE key). */
    " (SELECT id FROM endpoint WHERE " EP_KEY_IS("", "?2", "?1") "))"
    " ON CONFLICT (id) DO UPDATE SET"
    " model_name = excluded.model_name,"
    " provider_slug = excluded.provider_slug,"
    " provider_name = excluded.provider_name,"
    " context_length = excluded.context_length,"
    " max_output = excluded.max_output, variant = excluded.variant,"
    " quantization = excluded.quantization,"
    " is_free = excluded.is_free, is_hidden = excluded.is_hidden,"
    " is_disabled = excluded.is_disabled,"
    " price_prompt = excluded.price_prompt,"
    " price_completion = excluded.price_completion,"
    " price_cache_read = excluded.price_cache_read,"
    " price_overrides = excluded.price_overrides,"
    " price_request = excluded.price_request,"
    " price_image = excluded.price_image,"
    " price_image_token = excluded.price_image_token,"
    " price_image_output = excluded.price_image_output,"
    " price_audio = excluded.price_audio,"
    " price_audio_output = excluded.price_audio_output,"
    " price_input_audio_cache = excluded.price_input_audio_cache,"
    " price_web_search = excluded.price_web_search,"
    " price_internal_reasoning = excluded.price_internal_reasoning,"
    " price_cache_write = excluded.price_cache_write,"
    " price_cache_write_1h = excluded.price_cache_write_1h,"
    " price_unknown = excluded.price_unknown,"
    " discount = excluded.discount,"
    " supports_images = excluded.supports_images,"
    " supports_tools = excluded.supports_tools,"
    " supports_reasoning = excluded.supports_reasoning,"
    " region = excluded.region,"
    " implicit_caching = excluded.implicit_caching,"
    " max_prompt_tokens = excluded.max_prompt_tokens,"
    /* Stats a catalogue's featured endpoint does not carry are kept. */
    EP_KEEP("uptime_5m") EP_KEEP("uptime_1d")
    EP_KEEP_SAME("latency_p50_ms", "p50_latency_ms")
    EP_KEEP("latency_p75_ms")
    EP_KEEP("latency_p90_ms") EP_KEEP("latency_p99_ms")
    EP_KEEP_SAME("throughput_p50", "p50_throughput")
    EP_KEEP("throughput_p75")
    EP_KEEP("throughput_p90") EP_KEEP("throughput_p99")
    /* ?30: a catalogue's featured endpoint carries no stats. */
    " p50_latency_ms = CASE WHEN ?30 THEN COALESCE("
    "  excluded.p50_latency_ms, p50_latency_ms)"
    "  ELSE excluded.p50_latency_ms END,"
    " p50_throughput = CASE WHEN ?30 THEN COALESCE("
    "  excluded.p50_throughput, p50_throughput)"
    "  ELSE excluded.p50_throughput END,"
    " request_count = CASE WHEN ?30 THEN COALESCE("
    "  excluded.request_count, request_count)"
    "  ELSE excluded.request_count END,"
    " uptime = COALESCE(excluded.uptime, uptime),"
    " limit_rpm = excluded.limit_rpm, limit_rpd = excluded.limit_rpd,"
    " training = excluded.training,"
    " retains_prompts = excluded.retains_prompts,"
    " status = CASE WHEN ?30 THEN COALESCE(excluded.status, status)"
    "  ELSE excluded.status END, blob = excluded.blob,"
    " last_run_id = excluded.last_run_id, active = 1,"
    " listing = excluded.listing, listed_uptime = excluded.uptime" };
/* The row's id, after store_endpoint_write() updated it. */
static const struct store_sql ep_row_id_sql = { ST_EP_ROW_ID,
    "SELECT id FROM endpoint WHERE " EP_KEY_IS("", "?2", "?1") };
static const struct store_sql ep_model_rows_sql = { ST_EP_MODEL_ROWS,
    "SELECT EXISTS (SELECT 1 FROM endpoint WHERE model_key = ?1)" };
static const struct store_sql ep_get_sql = { ST_EP_GET,
    "SELECT " EP_COLUMNS EP_FROM
    " WHERE " EP_KEY_IS("e.", "?2", "?1") };
/* The swept rows store_listing_seen() is about to bring back. */
static const struct store_sql listing_revived_sql = { ST_LISTING_REVIVED,
    "SELECT " EP_COLUMNS EP_FROM
    " WHERE e.listing = ?1 AND e.last_run_id = ?2 AND e.active = 0" };
static const struct store_sql ep_seen_sql = { ST_EP_SEEN,
    "SELECT last_run_id FROM endpoint"
    " WHERE " EP_KEY_IS("", "?2", "?1") };
/*
 * What writing the same objects again would change: the run, the
 * tombstone, and the uptime the listing gives over one a metric series set
 * since (the upsert's COALESCE).
 */
static const struct store_sql listing_seen_sql = { ST_LISTING_SEEN,
    "UPDATE endpoint SET last_run_id = ?3, active = 1,"
    " uptime = COALESCE(listed_uptime, uptime)"
    " WHERE listing = ?1 AND last_run_id = ?2" };
/* Callers sort. */
static const struct store_sql ep_load_sql = { ST_EP_LOAD,
    "SELECT " EP_COLUMNS EP_FROM " WHERE (?1 OR e.active = 1)" };
static const struct store_sql ep_load_head_sql = { ST_EP_LOAD_HEAD,
    "SELECT " EP_COLUMNS EP_FROM
    " WHERE e.active = 1"
    " ORDER BY e.model_key, e.provider_slug, e.endpoint_id LIMIT ?1" };
static const struct store_sql ep_load_model_sql = { ST_EP_LOAD_MODEL,
    "SELECT " EP_COLUMNS EP_FROM
    " WHERE e.model_key = ?1 AND e.active = 1"
    " ORDER BY e.provider_slug, e.endpoint_id" };
static const struct store_sql ep_count_sql = { ST_EP_COUNT,
    "SELECT COUNT(*) FROM endpoint WHERE (?1 = 0 OR active = 1)" };
/*
 * See store_endpoint_peers(); the likeliest row of a provider first.  A
 * frontend row asks for the v1 rows only, each of a first sync's
 * endpoints: by a range of the index, not by reading the model's others.
 */
#define EP_PEERS_ORDER							\
    " ORDER BY e.active DESC, e.last_run_id DESC, e.endpoint_id"
static const struct store_sql ep_peers_sql = { ST_EP_PEERS,
    "SELECT " EP_COLUMNS EP_FROM " WHERE e.model_key = ?1"
    EP_PEERS_ORDER };
static const struct store_sql ep_peers_v1_sql = { ST_EP_PEERS_V1,
    "SELECT " EP_COLUMNS EP_FROM " WHERE e.model_key = ?1 AND "
    EP_IS_V1("e.") EP_PEERS_ORDER };
static const struct store_sql ep_tombstone_sql = { ST_EP_TOMBSTONE,
    "UPDATE endpoint SET active = 0"
    " WHERE active = 1 AND last_run_id < ?1" };

static void
bind_int(sqlite3_stmt *st, int i, int64_t v)
{
	if (v == EP_NULL_INT)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int64(st, i, v);
}

static void
bind_real(sqlite3_stmt *st, int i, double v)
{
	if (isnan(v))
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_double(st, i, v);
}

static void
bind_bool(sqlite3_stmt *st, int i, int v)
{
	if (v < 0)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_int(st, i, v != 0);
}

/* ---------------------------------------------------------------- models */

int
store_model_listed(struct store *s, const char *model_key, const char *name,
    int64_t run_id, char **cause)
{
	const struct store_sql	*steps[] = { &model_rename_sql,
	    &model_listed_sql };
	sqlite3_stmt		*st;
	size_t			 i;

	if (store_model_put(s, model_key, NULL, name, run_id, cause) != 0)
		return (-1);
	for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		if ((st = store_stmt(s, steps[i], cause)) == NULL)
			return (-1);
		store_bind_text(st, 1, model_key);
		store_bind_text(st, 2, name);
		if (store_step_done(s, st, cause,
		    N_("cannot store a model")) != 0)
			return (-1);
	}
	return (0);
}

int
store_model_put(struct store *s, const char *model_key, const char *v1_id,
    const char *name, int64_t run_id, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &model_put_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	store_bind_text(st, 2, name);
	sqlite3_bind_int64(st, 3, run_id);
	if (store_step_done(s, st, cause, N_("cannot store a model")) != 0)
		return (-1);
	if (v1_id == NULL || strcmp(v1_id, model_key) == 0)
		return (0);
	if ((st = store_stmt(s, &alias_put_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, v1_id);
	store_bind_text(st, 2, model_key);
	sqlite3_bind_int64(st, 3, run_id);
	return (store_step_done(s, st, cause, N_("cannot store a model")));
}

/* Model keys: the statements never return a NULL key (NOT NULL columns). */
static void
store_key_read_cb(sqlite3_stmt *st, void *key)
{
	*(char **)key = store_column_strdup(st, 0);
}

static void
store_key_free_cb(void *keys, size_t n)
{
	store_strv_free(keys, n);
}

static int
store_model_collect(struct store *s, const struct store_sql *sql,
    const char *query, char ***keys, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	*keys = NULL;
	*n = 0;
	if ((st = store_stmt(s, sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, query, -1, SQLITE_STATIC);
	return (store_collect(s, st, (void **)keys, n, sizeof **keys,
	    store_key_read_cb, store_key_free_cb, N_("cannot look up models"),
	    cause));
}

/*
 * "deepseek-chat" matches deepseek/deepseek-chat and its :free variant; when
 * every match is one base key or a variant of it, the base key is meant.
 */
static void
store_model_prefer_base(char **keys, size_t *n)
{
	size_t	i, len;
	char	*base = NULL;

	if (*n < 2)
		return;
	for (i = 0; i < *n; i++) {
		if (strchr(keys[i], ':') == NULL) {
			if (base != NULL)
				return;
			base = keys[i];
		}
	}
	if (base == NULL)
		return;
	len = strlen(base);
	for (i = 0; i < *n; i++) {
		if (keys[i] != base && (strncmp(keys[i], base, len) != 0 ||
		    keys[i][len] != ':'))
			return;
	}
	for (i = 0; i < *n; i++) {
		if (keys[i] != base)
			free(keys[i]);
	}
	keys[0] = base;
	*n = 1;
}

static int
store_model_resolve_exact(struct store *s, const char *query, char ***keys,
    size_t *n, char **cause)
{
	if (store_model_collect(s, &model_exact_sql, query, keys, n,
	    cause) != 0)
		return (-1);
	if (*n > 0)
		return (0);
	free(*keys);
	return (store_model_alias(s, query, keys, n, cause));
}

/*
 * A ~ alias ("~vendor/family-latest") stands for its alias_target: one
 * hop, and only when the target resolves to one model.
 */
static int
store_model_follow(struct store *s, char ***keys, size_t *n, char **cause)
{
	char	*target, **tkeys;
	size_t	 tn;

	if (*n != 1)
		return (0);
	if (store_model_alias_target(s, (*keys)[0], &target, cause) != 0)
		return (-1);
	if (target == NULL)
		return (0);
	if (store_model_resolve_exact(s, target, &tkeys, &tn, cause) != 0) {
		free(target);
		return (-1);
	}
	free(target);
	if (tn != 1) {
		store_strv_free(tkeys, tn);
		return (0);
	}
	store_strv_free(*keys, *n);
	*keys = tkeys;
	return (0);
}

char *
store_model_alias_key(const char *alias, void *arg)
{
	struct store	*s = arg;
	char		**keys, *cause = NULL, *key = NULL;
	size_t		  n;
	int		  exact;

	if (store_model_resolve(s, alias, &keys, &n, &exact, &cause) != 0) {
		free(cause);
		return (NULL);
	}
	if (exact && n == 1)
		key = xstrdup(keys[0]);
	store_strv_free(keys, n);
	return (key);
}

int
store_model_resolve(struct store *s, const char *query, char ***keys,
    size_t *n, int *exact, char **cause)
{
	if (store_model_resolve_exact(s, query, keys, n, cause) != 0)
		return (-1);
	*exact = *n > 0;
	if (*n > 0)
		return (store_model_follow(s, keys, n, cause));
	free(*keys);
	if (store_model_collect(s, &model_like_sql, query, keys, n,
	    cause) != 0)
		return (-1);
	store_model_prefer_base(*keys, n);
	return (0);
}

int
store_model_alias(struct store *s, const char *alias, char ***keys,
    size_t *n, char **cause)
{
	return (store_model_collect(s, &model_alias_sql, alias, keys, n,
	    cause));
}

void
store_strv_free(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* ------------------------------------------------------------ projection */

static int store_endpoint_collect(struct store *, sqlite3_stmt *,
    struct ep_row **, size_t *, char **);

/*
 * The row as stored before a write, to record what the write changes
 * (store-changelog.c); *n 0 when there is none.
 */
static int
store_endpoint_get(struct store *s, const struct ep_row *r,
    struct ep_row **old, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &ep_get_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, r->endpoint_id);
	store_bind_text(st, 2, r->model_key);
	return (store_endpoint_collect(s, st, old, n, cause));
}

static int store_endpoint_write(struct store *, const struct ep_row *,
    const char *, int64_t, int64_t, int, int64_t, char **);

/*
 * The row of r's key, which store_endpoint_write() has just written: the
 * row it inserted when there was none (existed 0), else that row's.
 */
static int
store_endpoint_row_id(struct store *s, const struct ep_row *r, int existed,
    int64_t *id, char **cause)
{
	sqlite3_stmt	*st;

	if (!existed) {
		*id = sqlite3_last_insert_rowid(s->db);
		return (0);
	}
	if ((st = store_stmt(s, &ep_row_id_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, r->endpoint_id);
	store_bind_text(st, 2, r->model_key);
	return (store_step_int(s, st, id, cause,
	    N_("cannot read endpoints")));
}

int
store_endpoint_model_rows(struct store *s, const char *model_key, int *any,
    char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 v;

	*any = 0;
	if ((st = store_stmt(s, &ep_model_rows_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, model_key);
	if (store_step_int(s, st, &v, cause, N_("cannot read endpoints")) != 0)
		return (-1);
	*any = v != 0;
	return (0);
}

int
store_endpoint_put(struct store *s, const struct ep_row *r,
    const char *hash, int64_t blob_id, int64_t run_id, int keep_stats,
    int64_t listing, int known, int64_t *ep, char **cause)
{
	struct ep_row	*old = NULL;
	size_t		 n = 0;
	int64_t		 id;
	int		 rc = -1;

	if (known == 0 && store_endpoint_get(s, r, &old, &n, cause) != 0)
		return (-1);
	/* The row first: the change records name it by its id. */
	if (store_endpoint_write(s, r, hash, blob_id, run_id, keep_stats,
	    listing, cause) != 0 ||
	    store_endpoint_row_id(s, r, n > 0, &id, cause) != 0)
		goto out;
	if (ep != NULL)
		*ep = id;
	rc = store_changelog_upsert(s, run_id, n > 0 ? old : NULL, r,
	    keep_stats, id, known == 0 ? -1 : known == EP_PUT_NEW_LIVE, cause);
out:
	ep_row_list_free(old, n);
	return (rc);
}

int
store_endpoint_upsert(struct store *s, const struct ep_row *r,
    const char *hash, int64_t run_id, int keep_stats, int64_t listing,
    char **cause)
{
	return (store_endpoint_put(s, r, hash, 0, run_id, keep_stats, listing,
	    0, NULL, cause));
}

/* A median, or the empty blob where it is same (EP_SAME). */
static void
bind_same(sqlite3_stmt *st, int i, double v, double same)
{
	if (!isnan(v) && v == same)
		sqlite3_bind_zeroblob(st, i, 0);
	else
		bind_real(st, i, v);
}

static int
store_endpoint_write(struct store *s, const struct ep_row *r,
    const char *hash, int64_t blob_id, int64_t run_id, int keep_stats,
    int64_t listing, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &ep_upsert_sql, cause)) == NULL)
		return (-1);
	store_bind_text(st, 1, r->endpoint_id);
	store_bind_text(st, 2, r->model_key);
	store_bind_text(st, 3, r->model_name);
	store_bind_text(st, 4, r->provider_slug);
	store_bind_text(st, 5, r->provider_name);
	bind_int(st, 6, r->context_length);
	bind_int(st, 7, r->max_output);
	store_bind_text(st, 8, r->variant);
	store_bind_text(st, 9, r->quantization);
	bind_bool(st, 10, r->is_free);
	bind_bool(st, 11, r->is_hidden);
	bind_bool(st, 12, r->is_disabled);
	bind_real(st, 13, r->price_prompt);
	bind_real(st, 14, r->price_completion);
	bind_real(st, 15, r->price_cache_read);
	bind_bool(st, 16, r->supports_images);
	bind_bool(st, 17, r->supports_tools);
	bind_bool(st, 18, r->supports_reasoning);
	bind_real(st, 19, r->p50_latency_ms);
	bind_real(st, 20, r->p50_throughput);
	bind_int(st, 21, r->request_count);
	bind_real(st, 22, r->uptime);
	bind_int(st, 23, r->limit_rpm);
	bind_int(st, 24, r->limit_rpd);
	bind_bool(st, 25, r->training);
	bind_bool(st, 26, r->retains_prompts);
	bind_int(st, 27, r->status);
	store_bind_hash(st, 28, hash);
	sqlite3_bind_int64(st, 29, run_id);
	sqlite3_bind_int(st, 30, keep_stats != 0);
	if (listing != 0)
		sqlite3_bind_int64(st, 31, listing);
	else
		sqlite3_bind_null(st, 31);
	store_bind_text(st, 32, r->price_overrides);
	bind_real(st, 33, r->price_request);
	bind_real(st, 34, r->price_image);
	bind_real(st, 35, r->price_image_token);
	bind_real(st, 36, r->price_image_output);
	bind_real(st, 37, r->price_audio);
	bind_real(st, 38, r->price_audio_output);
	bind_real(st, 39, r->price_input_audio_cache);
	bind_real(st, 40, r->price_web_search);
	bind_real(st, 41, r->price_internal_reasoning);
	bind_real(st, 42, r->price_cache_write);
	bind_real(st, 43, r->price_cache_write_1h);
	sqlite3_bind_int64(st, 44, (sqlite3_int64)r->price_unknown);
	bind_real(st, 45, r->discount);
	store_bind_text(st, 46, r->region);
	bind_real(st, 47, r->uptime_5m);
	bind_real(st, 48, r->uptime_1d);
	bind_bool(st, 49, r->implicit_caching);
	bind_int(st, 50, r->max_prompt_tokens);
	bind_same(st, 51, r->latency_p50_ms, r->p50_latency_ms);
	bind_real(st, 52, r->latency_p75_ms);
	bind_real(st, 53, r->latency_p90_ms);
	bind_real(st, 54, r->latency_p99_ms);
	bind_same(st, 55, r->throughput_p50, r->p50_throughput);
	bind_real(st, 56, r->throughput_p75);
	bind_real(st, 57, r->throughput_p90);
	bind_real(st, 58, r->throughput_p99);
	if (blob_id > 0)
		sqlite3_bind_int64(st, 59, blob_id);
	return (store_step_done(s, st, cause, N_("cannot store an endpoint")));
}

int
store_endpoint_seen(struct store *s, const char *endpoint_id,
    const char *model_key, int64_t *run_id, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &ep_seen_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, endpoint_id, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, model_key, -1, SQLITE_STATIC);
	return (store_step_int(s, st, run_id, cause,
	    N_("cannot read endpoints")));
}

/* -------------------------------------------------------------- listings */

int
store_listing_seen(struct store *s, int64_t id, int64_t from_run,
    int64_t run_id, int64_t *n, char **cause)
{
	struct ep_row	*rows = NULL;
	size_t		 nrows = 0;
	sqlite3_stmt	*st;
	int		 rc;

	if ((st = store_stmt(s, &listing_revived_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, from_run);
	if (store_endpoint_collect(s, st, &rows, &nrows, cause) != 0)
		return (-1);
	rc = store_changelog_revive(s, run_id, rows, nrows, cause);
	ep_row_list_free(rows, nrows);
	if (rc != 0)
		return (-1);
	if ((st = store_stmt(s, &listing_seen_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int64(st, 2, from_run);
	sqlite3_bind_int64(st, 3, run_id);
	if (store_step_done(s, st, cause, N_("cannot store an endpoint")) != 0)
		return (-1);
	*n = sqlite3_changes(s->db);
	return (0);
}

static int64_t
col_int(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (EP_NULL_INT);
	return (sqlite3_column_int64(st, i));
}

static int
col_bool(sqlite3_stmt *st, int i)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return (-1);
	return (sqlite3_column_int(st, i) != 0);
}

/* The strings store_endpoint_read() packs. */
#define EP_PACKED	17

static void
store_endpoint_read(sqlite3_stmt *st, struct ep_row *r)
{
	static const int	 cols[] = { 0, 1, 2, 3, 4, 7, 8, 30, 44, 45, 46,
				     59, 60, 61, 62, 63, 64 };
	char			**fields[EP_PACKED];
	const unsigned char	*text[EP_PACKED];
	size_t			 len[EP_PACKED], total = 0, i;
	char			*p;

	/* The strings in one allocation (see ep_row.pack). */
	fields[0] = &r->endpoint_id;
	fields[1] = &r->model_key;
	fields[2] = &r->model_name;
	fields[3] = &r->provider_slug;
	fields[4] = &r->provider_name;
	fields[5] = &r->variant;
	fields[6] = &r->quantization;
	fields[7] = &r->price_overrides;
	fields[8] = &r->provider_hq;
	fields[9] = &r->provider_dc;
	fields[10] = &r->region;
	fields[11] = &r->model_id;
	fields[12] = &r->model_in;
	fields[13] = &r->model_out;
	fields[14] = &r->model_params;
	fields[15] = &r->model_expires;
	fields[16] = &r->model_cutoff;
	for (i = 0; i < EP_PACKED; i++) {
		text[i] = sqlite3_column_text(st, cols[i]);
		len[i] = text[i] != NULL ?
		    (size_t)sqlite3_column_bytes(st, cols[i]) : 0;
		total += text[i] != NULL ? len[i] + 1 : 0;
	}
	p = r->pack = xmalloc(total == 0 ? 1 : total);
	for (i = 0; i < EP_PACKED; i++) {
		if (text[i] == NULL) {
			*fields[i] = NULL;
			continue;
		}
		memcpy(p, text[i], len[i]);
		p[len[i]] = '\0';
		*fields[i] = p;
		p += len[i] + 1;
	}
	r->context_length = col_int(st, 5);
	r->max_output = col_int(st, 6);
	r->is_free = col_bool(st, 9);
	r->is_hidden = col_bool(st, 10);
	r->is_disabled = col_bool(st, 11);
	r->price_prompt = store_column_real(st, 12);
	r->price_completion = store_column_real(st, 13);
	r->price_cache_read = store_column_real(st, 14);
	r->supports_images = col_bool(st, 15);
	r->supports_tools = col_bool(st, 16);
	r->supports_reasoning = col_bool(st, 17);
	r->p50_latency_ms = store_column_real(st, 18);
	r->p50_throughput = store_column_real(st, 19);
	r->request_count = col_int(st, 20);
	r->uptime = store_column_real(st, 21);
	r->limit_rpm = col_int(st, 22);
	r->limit_rpd = col_int(st, 23);
	r->training = col_bool(st, 24);
	r->retains_prompts = col_bool(st, 25);
	r->status = col_int(st, 26);
	r->first_run_id = sqlite3_column_int64(st, 27);
	r->last_run_id = sqlite3_column_int64(st, 28);
	r->active = sqlite3_column_int(st, 29);
	r->price_request = store_column_real(st, 31);
	r->price_image = store_column_real(st, 32);
	r->price_image_token = store_column_real(st, 33);
	r->price_image_output = store_column_real(st, 34);
	r->price_audio = store_column_real(st, 35);
	r->price_audio_output = store_column_real(st, 36);
	r->price_input_audio_cache = store_column_real(st, 37);
	r->price_web_search = store_column_real(st, 38);
	r->price_internal_reasoning = store_column_real(st, 39);
	r->price_cache_write = store_column_real(st, 40);
	r->price_cache_write_1h = store_column_real(st, 41);
	r->price_unknown = (unsigned)sqlite3_column_int64(st, 42) &
	    ((1u << PRICE_NPARTS) - 1);
	r->discount = store_column_real(st, 43);
	r->uptime_5m = store_column_real(st, 47);
	r->uptime_1d = store_column_real(st, 48);
	r->implicit_caching = col_bool(st, 49);
	r->max_prompt_tokens = col_int(st, 50);
	r->latency_p50_ms = store_column_real(st, 51);
	r->latency_p75_ms = store_column_real(st, 52);
	r->latency_p90_ms = store_column_real(st, 53);
	r->latency_p99_ms = store_column_real(st, 54);
	r->throughput_p50 = store_column_real(st, 55);
	r->throughput_p75 = store_column_real(st, 56);
	r->throughput_p90 = store_column_real(st, 57);
	r->throughput_p99 = store_column_real(st, 58);
	r->watched = sqlite3_column_int(st, 65);
}

static void
store_endpoint_read_cb(sqlite3_stmt *st, void *r)
{
	store_endpoint_read(st, r);
}

static void
store_endpoint_free_cb(void *rows, size_t n)
{
	ep_row_list_free(rows, n);
}

static int
store_endpoint_collect(struct store *s, sqlite3_stmt *st,
    struct ep_row **rows, size_t *n, char **cause)
{
	return (store_collect(s, st, (void **)rows, n, sizeof **rows,
	    store_endpoint_read_cb, store_endpoint_free_cb,
	    N_("cannot read endpoints"), cause));
}

int
store_endpoint_load(struct store *s, int include_inactive,
    struct ep_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &ep_load_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int(st, 1, include_inactive != 0);
	if (store_endpoint_collect(s, st, rows, n, cause) != 0)
		return (-1);
	store_usage_fill_endpoints(s, *rows, *n);
	return (0);
}

int
store_endpoint_load_head(struct store *s, size_t n, struct ep_row **rows,
    size_t *nrows, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &ep_load_head_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, (sqlite3_int64)n);
	return (store_endpoint_collect(s, st, rows, nrows, cause));
}

int
store_endpoint_load_model(struct store *s, const char *model_key,
    struct ep_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, &ep_load_model_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, model_key, -1, SQLITE_STATIC);
	return (store_endpoint_collect(s, st, rows, n, cause));
}

int
store_endpoint_peers(struct store *s, const char *model_key, int all,
    struct ep_row **rows, size_t *n, char **cause)
{
	sqlite3_stmt	*st;

	if ((st = store_stmt(s, all ? &ep_peers_sql : &ep_peers_v1_sql,
	    cause)) == NULL)
		return (-1);
	sqlite3_bind_text(st, 1, model_key, -1, SQLITE_STATIC);
	return (store_endpoint_collect(s, st, rows, n, cause));
}

int64_t
store_endpoint_count(struct store *s, int active_only)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if ((st = store_stmt(s, &ep_count_sql, NULL)) == NULL)
		return (-1);
	sqlite3_bind_int(st, 1, active_only != 0);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return (n);
}

void
ep_row_list_free(struct ep_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		ep_row_clear(&rows[i]);
	free(rows);
}

int
store_endpoint_tombstone(struct store *s, int64_t run_id, int64_t *count,
    char **cause)
{
	sqlite3_stmt	*st;
	int64_t		 n;

	if (store_changelog_sweep(s, run_id, 0, cause) != 0)
		return (-1);
	if ((st = store_stmt(s, &ep_tombstone_sql, cause)) == NULL)
		return (-1);
	sqlite3_bind_int64(st, 1, run_id);
	if (store_step_done(s, st, cause,
	    N_("cannot tombstone endpoints")) != 0)
		return (-1);
	n = sqlite3_changes(s->db);
	if (count != NULL)
		*count = n;
	return (n > 0 ? store_changelog_sweep(s, run_id, 1, cause) : 0);
}
