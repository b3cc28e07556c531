/*
 * ingest: a run of the store's writes -- the run log row and its counters,
 * errors and warnings, endpoint rows (projection, identity, featured
 * endpoints), the group and model transactions, metric series, payloads
 * dispatched by kind, and the run's end (tombstones, gc).  Blobs are
 * ingest-blobs.c's; a listing's endpoints ingest-listing.c's.
 */
#include "config.h"

#include "sync/ingest.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "codec/canon.h"
#include "codec/hash.h"
#include "codec/zblob.h"
#include "project/endpoint.h"
#include "project/metric.h"
#include "sync/ingest-private.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

/* The run's error text is bounded; later errors are only counted. */
#define INGEST_ERRORS_MAX	(64 * 1024)
/* The warnings' texts kept on a run, and the bytes of one. */
#define INGEST_WARNINGS_MAX	4096
#define INGEST_WARNING_LEN	240

int
ingest_begin(struct store *store, const char *source,
    const char *route_family, int flags, struct ingest **igp, char **cause)
{
	struct ingest	*ig;

	*igp = NULL;
	ig = xcalloc(1, sizeof *ig);
	ig->store = store;
	ig->caller_counts = (flags & INGEST_CALLER_COUNTS) != 0;
	ig->defer_featured = (flags & INGEST_DEFER_FEATURED) != 0;
	if (store_run_begin(store, source, &ig->run.id, cause) != 0) {
		free(ig);
		return (-1);
	}
	snprintf(ig->run.status, sizeof ig->run.status, "running");
	ig->run.source = xstrdup(source);
	ig->run.route_family = route_family != NULL ? xstrdup(route_family) :
	    NULL;
	*igp = ig;
	return (0);
}

void
ingest_stats(const struct ingest *ig, struct ingest_stats *st)
{
	memset(st, 0, sizeof *st);
	st->run_id = ig->run.id;
	st->models_done = ig->run.models_done;
	st->endpoints = ig->run.endpoints_done;
	st->blobs_new = ig->run.blobs_new;
	st->bytes_raw = ig->run.bytes_raw;
	st->bytes_gz = ig->run.bytes_gz;
	st->metrics = ig->metrics;
	st->warnings = ig->run.warnings;
	st->errors = ig->run.error_count;
	st->listings_same = ig->listings_same;
	st->groups_lost = ig->groups_lost;
	st->models_lost = ig->models_lost;
}

char *
ingest_first_error(const struct ingest *ig)
{
	if (ig->errors.len == 0)
		return (NULL);
	return (xstrndup(buf_str(&ig->errors), strcspn(buf_str(&ig->errors),
	    "\n")));
}

void
ingest_set_family(struct ingest *ig, const char *route_family)
{
	free(ig->run.route_family);
	ig->run.route_family = route_family != NULL ? xstrdup(route_family) :
	    NULL;
}

void
ingest_set_models(struct ingest *ig, int64_t total, int64_t done)
{
	ig->run.models_total = total;
	ig->run.models_done = done;
}

void
ingest_set_network(struct ingest *ig, int64_t requests, int64_t retries,
    int64_t bytes_raw)
{
	ig->run.requests = requests;
	ig->run.retries = retries;
	ig->run.bytes_raw = bytes_raw;
}

void
ingest_save(struct ingest *ig)
{
	(void)store_run_update(ig->store, &ig->run, NULL);
}

void
ingest_error(struct ingest *ig, const char *fmt, ...)
{
	va_list	ap;

	ig->run.error_count++;
	if (ig->errors.len >= INGEST_ERRORS_MAX)
		return;
	va_start(ap, fmt);
	buf_vprintf(&ig->errors, fmt, ap);
	va_end(ap);
	buf_addch(&ig->errors, '\n');
}

void
ingest_warn(struct ingest *ig, unsigned n, const char *fmt, ...)
{
	va_list	 ap;
	char	*text;
	size_t	 len;

	if (ig == NULL || n == 0)
		return;
	ig->run.warnings += n;
	if (ig->warnings.len >= INGEST_WARNINGS_MAX)
		return;
	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	/* One line, cut on a character boundary. */
	len = textwidth_utf8_cut(text, strcspn(text, "\n"),
	    INGEST_WARNING_LEN);
	buf_add(&ig->warnings, text, len);
	buf_addch(&ig->warnings, '\n');
	free(text);
	free(ig->run.warning_texts);
	ig->run.warning_texts = xstrdup(buf_str(&ig->warnings));
}

void
ingest_warn_repaired(struct ingest *ig, size_t n, const char *origin)
{
	unsigned	u = n > UINT_MAX ? UINT_MAX : (unsigned)n;

	ingest_warn(ig, u, P_("%s: %u value repaired (a NUL, a lone "
	    "surrogate or a number out of range)", "%s: %u values repaired "
	    "(a NUL, a lone surrogate or a number out of range)", u),
	    origin != NULL ? origin : "?", u);
}

void
ingest_account(struct ingest *ig, size_t bytes_raw, unsigned requests)
{
	ig->run.bytes_raw += (int64_t)bytes_raw;
	ig->run.requests += requests;
}

/*
 * Project one endpoint object into row: 0, or 1 when it is unusable (a
 * warning, not a failed model; row is left empty).
 */
int
ingest_project(struct ingest *ig, const json_t *obj, enum ep_source src,
    const struct ep_context *ctx, struct ep_row *row)
{
	unsigned	 warnings = 0;
	char		*why = NULL;

	ep_row_init(row);
	if (ep_project(obj, src, ctx, row, &warnings, &why) != 0) {
		ingest_warn(ig, 1, _("an endpoint left out: %s"),
		    why != NULL ? why : "?");
		free(why);
		ep_row_clear(row);
		return (1);
	}
	ingest_warn(ig, warnings, P_("endpoint %s: %u field of the wrong "
	    "shape read as absent", "endpoint %s: %u fields of the wrong shape "
	    "read as absent", warnings), row->endpoint_id != NULL ?
	    row->endpoint_id : "?", warnings);
	if (row->model_key == NULL) {
		ingest_warn(ig, 1, _("endpoint %s left out: no model key"),
		    row->endpoint_id != NULL ? row->endpoint_id : "?");
		ep_row_clear(row);
		return (1);
	}
	return (0);
}

/*
 * A catalogue entry's featured endpoint is one of the endpoints its
 * model's listing gives in full, fetched moments later; the catalogue only
 * stands in for a listing that does not come.  So it is projected now and
 * written when the run ends (ingest_featured_flush), only if no listing of
 * the run wrote that row.  Its object is stored verbatim inside the entry's
 * blob, so its snapshot row points there (hash) instead of adding a blob.
 */
static int
ingest_featured_write(struct ingest *ig, struct ep_row *row,
    const char *hash, char **cause)
{
	int	done;

	if (ingest_identity(ig, row, &done, cause) != 0)
		return (-1);
	if (done)
		return (0);
	/* The row first: the snapshot names it by its id. */
	if (store_endpoint_upsert(ig->store, row, hash, ig->run.id, 1, 0,
	    cause) != 0 || store_endpoint_snapshot_put(ig->store, ig->run.id,
	    row->endpoint_id, row->model_key, hash, cause) != 0)
		return (-1);
	ig->run.endpoints_done++;
	return (0);
}

/*
 * Without defer_featured (an import, whose files come in any order, and
 * whose metric series may name the endpoint before its catalogue does)
 * it is written at once.
 */
int
ingest_featured_add(struct ingest *ig, const json_t *obj,
    const struct ep_context *ctx, const char *hash, char **cause)
{
	struct ingest_featured	*f;
	struct ep_row		 row;
	int			 rc;

	if (!ig->defer_featured) {
		if (ingest_project(ig, obj, EP_SRC_CATALOGUE, ctx, &row) != 0)
			return (0);
		rc = ingest_featured_write(ig, &row, hash, cause);
		ep_row_clear(&row);
		return (rc);
	}
	if (ig->nfeatured == ig->featured_cap) {
		ig->featured_cap = ig->featured_cap == 0 ? 64 :
		    ig->featured_cap * 2;
		ig->featured = xreallocarray(ig->featured, ig->featured_cap,
		    sizeof *ig->featured);
	}
	f = &ig->featured[ig->nfeatured];
	if (ingest_project(ig, obj, EP_SRC_CATALOGUE, ctx, &f->row) != 0)
		return (0);
	snprintf(f->hash, sizeof f->hash, "%s", hash);
	ig->nfeatured++;
	return (0);
}

/* Forget the featured endpoints after the first n (their entries were
 * rolled back). */
void
ingest_featured_truncate(struct ingest *ig, size_t n)
{
	while (ig->nfeatured > n)
		ep_row_clear(&ig->featured[--ig->nfeatured].row);
	if (ig->featured_committed > n)
		ig->featured_committed = n;
}

static void
ingest_featured_free(struct ingest *ig)
{
	ingest_featured_truncate(ig, 0);
	free(ig->featured);
	ig->featured = NULL;
	ig->featured_cap = 0;
}

/*
 * Transactions.  Each model (or list entry) is a savepoint inside a group
 * transaction that commits, with the run's counters, once it is
 * INGEST_GROUP_MS old: a crash still never leaves part of a model, while
 * the write-ahead log sees one copy of a hot index page per group instead
 * of one per model.  Another process watching run_log sees progress at
 * that pace.
 */
#define INGEST_GROUP_MS	1000
/* The largest file packed once it has a dictionary (see below). */
#define INGEST_COMPACT_MAX	(64 * 1024 * 1024)

/* Open the group transaction unless it is open. */
static int
ingest_group_begin(struct ingest *ig, char **cause)
{
	if (ig->group)
		return (0);
	if (store_begin(ig->store, cause) != 0)
		return (-1);
	ig->group = 1;
	ig->group_t0 = clock_mono_ms();
	ig->group_parts = 0;
	ig->group_models = 0;
	ig->group_endpoints = ig->run.endpoints_done;
	ig->group_models_done = ig->run.models_done;
	ig->group_blobs = ig->run.blobs_new;
	ig->group_gz = ig->run.bytes_gz;
	ig->group_metrics = ig->metrics;
	ig->group_same = ig->listings_same;
	return (0);
}

/*
 * The group was rolled back: what its parts wrote is gone, and so is
 * what they counted.
 */
static void
ingest_group_lost(struct ingest *ig)
{
	ig->group = 0;
	if (ig->group_parts > 0)
		ig->groups_lost++;
	ig->models_lost += ig->group_models;
	ig->group_parts = 0;
	ig->group_models = 0;
	ig->run.endpoints_done = ig->group_endpoints;
	ig->run.models_done = ig->group_models_done;
	ig->run.blobs_new = ig->group_blobs;
	ig->run.bytes_gz = ig->group_gz;
	ig->metrics = ig->group_metrics;
	ig->listings_same = ig->group_same;
	ingest_featured_truncate(ig, ig->featured_committed);
}

/*
 * Make the dictionary from the samples, when there are enough (at_end:
 * the run ends with fewer), and compress the blobs stored before it again
 * with it; *dict is its id, 0 when none was made.  Inside the group, which
 * the caller commits, then calls ingest_dict_used().
 */
static int
ingest_dict_make(struct ingest *ig, int at_end, uint32_t *dict,
    size_t *recoded, char **cause)
{
	struct buf	d = BUF_INIT;
	int64_t		saved;
	int		rc;

	*dict = 0;
	*recoded = 0;
	if (store_zdict(ig->store) != 0 || !ztrain_ready(&ig->train, at_end))
		return (0);
	ztrain_build(&ig->train, ZBLOB_DICT_MAX, &d);
	rc = store_zdict_put(ig->store, ig->run.id, d.data, d.len, dict,
	    cause) != 0 || store_blob_recode(ig->store, *dict, recoded,
	    &saved, cause) != 0 ? -1 : 0;
	/*
	 * What the run stored is what it stores now, the dictionary with
	 * it (an earlier run's blobs may be among those recoded: never
	 * below nothing).
	 */
	if (rc == 0)
		ig->run.bytes_gz += (int64_t)d.len - (saved <
		    ig->run.bytes_gz ? saved : ig->run.bytes_gz);
	buf_free(&d);
	return (rc);
}

/* The dictionary made is committed: blobs use it from now on. */
static void
ingest_dict_used(struct ingest *ig, uint32_t dict, size_t recoded)
{
	if (dict == 0)
		return;
	store_zdict_use(ig->store, dict);
	ztrain_free(&ig->train);
	/*
	 * The blobs it compressed again shrank in place, leaving their
	 * pages half empty: 1.4 MB of holes a first sync of 50,000
	 * endpoints kept for good, as later blobs are added at the end.
	 * The file is still small (its first few thousand blobs): packing
	 * it now costs milliseconds.  A large database that never had a
	 * dictionary is left as it is: packing it would stop the sync for
	 * as long.
	 */
	if (recoded > 0)
		(void)store_compact(ig->store, INGEST_COMPACT_MAX);
}

/* Commit the group with the counters: when old enough, or when forced. */
static int
ingest_group_commit(struct ingest *ig, int force, char **cause)
{
	uint32_t	dict = 0;
	size_t		recoded;

	if (!ig->group)
		return (0);
	/* A trained dictionary is committed at once: blobs use it after. */
	if (!force && clock_mono_ms() - ig->group_t0 < INGEST_GROUP_MS &&
	    (!ztrain_ready(&ig->train, 0) || store_zdict(ig->store) != 0))
		return (0);
	ig->group = 0;
	/* The blobs stored before it are compressed with it too. */
	if (ingest_dict_make(ig, 0, &dict, &recoded, cause) != 0) {
		store_rollback(ig->store);
		ingest_group_lost(ig);
		return (-1);
	}
	if (store_run_update(ig->store, &ig->run, cause) != 0) {
		store_rollback(ig->store);
		ingest_group_lost(ig);
		return (-1);
	}
	if (store_commit(ig->store, cause) != 0) {
		/* (rolled back) */
		ingest_group_lost(ig);
		return (-1);
	}
	ig->group_parts = 0;
	ig->group_models = 0;
	ig->featured_committed = ig->nfeatured;
	ingest_dict_used(ig, dict, recoded);
	return (0);
}

int
ingest_flush(struct ingest *ig, char **cause)
{
	return (ingest_group_commit(ig, 1, cause));
}

/* Undo the current part; the group may be gone with it (disk full). */
static void
ingest_part_undo(struct ingest *ig)
{
	if (store_part_undo(ig->store) != 0)
		ingest_group_lost(ig);
}

/* Inside a model a failure dooms the whole model. */
void
ingest_rollback(struct ingest *ig)
{
	if (ig->outer)
		ig->outer_failed = 1;
	else
		ingest_part_undo(ig);
}

int
ingest_txn_begin(struct ingest *ig, char **cause)
{
	if (ig->outer)
		return (0);
	if (ingest_group_begin(ig, cause) != 0)
		return (-1);
	if (store_part_begin(ig->store, cause) != 0) {
		ingest_part_undo(ig);
		return (-1);
	}
	return (0);
}

int
ingest_txn_commit(struct ingest *ig, char **cause)
{
	if (ig->outer)
		return (0);
	if (store_part_end(ig->store, cause) != 0) {
		ingest_part_undo(ig);
		return (-1);
	}
	ig->group_parts++;
	return (ingest_group_commit(ig, 0, cause));
}

int
ingest_model_begin(struct ingest *ig, char **cause)
{
	ig->outer_endpoints = ig->run.endpoints_done;
	ig->outer_same = ig->listings_same;
	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	ig->outer = 1;
	ig->outer_failed = 0;
	return (0);
}

int
ingest_model_end(struct ingest *ig, int ok, char **cause)
{
	ig->outer = 0;
	if (!ok || ig->outer_failed) {
		ingest_part_undo(ig);
		if (cause != NULL && *cause == NULL)
			*cause = xstrdup(_("the model was not stored"));
	} else if (ingest_txn_commit(ig, cause) == 0) {
		if (ig->group)
			ig->group_models++;	/* not committed yet */
		return (0);
	}
	/* What the model counted went with it (with its group: already). */
	if (ig->group) {
		ig->run.endpoints_done = ig->outer_endpoints;
		ig->listings_same = ig->outer_same;
	}
	return (-1);
}

int
ingest_model_failed(const struct ingest *ig)
{
	return (ig->outer_failed);
}

int
ingest_featured_flush(struct ingest *ig, char **cause)
{
	struct ingest_featured	*f;
	int64_t			 seen, before;
	size_t			 i;
	int			 rc = -1;

	if (ig->nfeatured == 0) {
		ingest_featured_free(ig);
		return (0);
	}
	before = ig->run.endpoints_done;
	if (ingest_txn_begin(ig, cause) != 0)
		goto out;
	/* Newest first: of two catalogues giving one endpoint, the later. */
	for (i = ig->nfeatured; i-- > 0; ) {
		f = &ig->featured[i];
		if (store_endpoint_seen(ig->store, f->row.endpoint_id,
		    f->row.model_key, &seen, cause) != 0)
			goto fail;
		if (seen == ig->run.id)
			continue;	/* a listing wrote it in full */
		if (ingest_featured_write(ig, &f->row, f->hash, cause) != 0)
			goto fail;
	}
	rc = ingest_txn_commit(ig, cause);
	if (rc != 0)
		ig->run.endpoints_done = before;
	goto out;
fail:
	ig->run.endpoints_done = before;
	ingest_rollback(ig);
out:
	ingest_featured_free(ig);
	return (rc);
}

/* Metric points: a first pass decides the bucket, a second stores. */
struct metric_ctx {
	struct ingest	*ig;
	const char	*metric;
	const char	*bucket;
	int		 all_days;
	char		*last;		/* endpoint of the previous point */
	char		*cause;
};

static int
ingest_metric_scan(void *arg, const char *endpoint_id, int64_t ts,
    double value)
{
	struct metric_ctx	*mc = arg;

	(void)endpoint_id;
	(void)value;
	if (ts % 86400 != 0)
		mc->all_days = 0;
	return (0);
}

static int
ingest_metric_put(void *arg, const char *endpoint_id, int64_t ts,
    double value)
{
	struct metric_ctx	*mc = arg;

	if (store_metric_put(mc->ig->store, endpoint_id, mc->metric,
	    mc->bucket, ts, value, &mc->cause) != 0)
		return (-1);
	mc->ig->metrics++;
	/*
	 * Uptime points arrive grouped by endpoint: when the endpoint changes,
	 * the previous one is complete and its uptime column can be refreshed
	 * (the last one is refreshed after the walk).
	 */
	if (strcmp(mc->metric, "uptime") == 0 && (mc->last == NULL ||
	    strcmp(mc->last, endpoint_id) != 0)) {
		if (mc->last != NULL && store_endpoint_refresh_uptime(
		    mc->ig->store, mc->last, &mc->cause) != 0)
			return (-1);
		free(mc->last);
		mc->last = xstrdup(endpoint_id);
	}
	return (0);
}

static int
ingest_metrics(struct ingest *ig, enum payload_kind kind, const json_t *data,
    const struct ingest_hint *hint, char **cause)
{
	struct metric_ctx	 mc;
	const char		*what;
	unsigned		 skipped = 0;
	long			 n;
	int			 pass;

	memset(&mc, 0, sizeof mc);
	mc.ig = ig;
	mc.all_days = 1;
	if (kind == PAYLOAD_COMPARISON) {
		if (hint->metric == NULL) {
			*cause = xstrdup(_("skipped: a comparison series does "
			    "not say whether it is latency or throughput (name "
			    "the file *latency-comparison* or "
			    "*throughput-comparison*)"));
			return (1);
		}
		mc.metric = hint->metric;
	} else
		mc.metric = "uptime";
	if (kind == PAYLOAD_UPTIME_HOURLY && hint->endpoint_id == NULL) {
		*cause = xstrdup(_("skipped: an uptime-hourly series does not "
		    "name its endpoint (put the endpoint id in the file "
		    "name)"));
		return (1);
	}
	if (ingest_txn_begin(ig, cause) != 0)
		return (-1);
	for (pass = 0; pass < 2; pass++) {
		metric_cb cb = pass == 0 ? ingest_metric_scan :
		    ingest_metric_put;

		if (pass == 1)
			mc.bucket = kind == PAYLOAD_UPTIME_HOURLY ||
			    !mc.all_days ? "hour" : "day";
		skipped = 0;
		if (kind == PAYLOAD_COMPARISON)
			n = metric_parse_comparison(data, cb, &mc, &skipped);
		else if (kind == PAYLOAD_UPTIME_RECENT)
			n = metric_parse_uptime_recent(data, cb, &mc, &skipped);
		else
			n = metric_parse_uptime_hourly(data, hint->endpoint_id,
			    cb, &mc, &skipped);
		if (n < 0)
			goto fail;
	}
	if (mc.last != NULL && store_endpoint_refresh_uptime(ig->store,
	    mc.last, &mc.cause) != 0)
		goto fail;
	free(mc.last);
	/* Named by the file or URL's last part: the model or endpoint. */
	if ((what = hint->origin) != NULL && strrchr(what, '/') != NULL &&
	    strrchr(what, '/')[1] != '\0')
		what = strrchr(what, '/') + 1;
	ingest_warn(ig, skipped, P_("%s: %u metric point skipped",
	    "%s: %u metric points skipped", skipped), what != NULL ? what :
	    mc.metric != NULL ? mc.metric : "?", skipped);
	return (ingest_txn_commit(ig, cause));
fail:
	*cause = mc.cause != NULL ? mc.cause :
	    xstrdup(_("malformed metric series"));
	free(mc.last);
	ingest_rollback(ig);
	return (-1);
}

int
ingest_payload(struct ingest *ig, const json_t *root,
    const struct ingest_hint *hint, enum payload_kind *kindp, char **cause)
{
	struct ep_context	 ctx;
	struct ingest_src	 src;
	enum payload_kind	 kind;
	const json_t		*data;
	const char		*origin;
	char			*why = NULL;
	int			 rc;

	origin = hint->origin != NULL ? hint->origin : "?";
	kind = payload_classify(root, &data);
	if (hint->expect != PAYLOAD_UNKNOWN && json_is_array(data))
		kind = hint->expect;
	if (kindp != NULL)
		*kindp = kind;
	switch (kind) {
	case PAYLOAD_V1_MODELS:
	case PAYLOAD_CATALOGUE:
		src.array = data;
		src.jl = NULL;
		src.keys = NULL;
		rc = ingest_list_src(ig, kind, &src, &why);
		break;
	case PAYLOAD_STATS_ENDPOINTS:
		if (!ig->caller_counts)
			ig->run.models_total++;
		memset(&ctx, 0, sizeof ctx);
		ctx.model_key = hint->model_key;
		rc = ingest_endpoint_list(ig, data, EP_SRC_STATS, &ctx,
		    hint->listing_sha, &why);
		break;
	case PAYLOAD_V1_ENDPOINTS:
		if (!ig->caller_counts)
			ig->run.models_total++;
		rc = ingest_v1_endpoints(ig, data, hint, &why);
		break;
	case PAYLOAD_COMPARISON:
	case PAYLOAD_UPTIME_RECENT:
	case PAYLOAD_UPTIME_HOURLY:
		rc = ingest_metrics(ig, kind, data, hint, &why);
		break;
	case PAYLOAD_PROVIDERS:
		rc = ingest_providers(ig, data, &why);
		break;
	case PAYLOAD_AUTHOR:
		rc = ingest_author(ig, data, &why);
		break;
	case PAYLOAD_APPS:
		rc = ingest_apps(ig, data, hint->model_key, &why);
		break;
	case PAYLOAD_USAGE:
		rc = ingest_usage(ig, data, &why);
		break;
	case PAYLOAD_FE_PROVIDERS:
		rc = ingest_fe_providers(ig, data, &why);
		break;
	case PAYLOAD_OTHER:
		ig->payloads_skipped++;
		return (1);
	default:
		why = xstrdup(_("not an OpenRouter response orbrowse "
		    "recognises"));
		rc = -1;
		break;
	}
	return (ingest_result(ig, origin, rc, why, cause));
}

/* Count a payload's outcome and record its error; frees why. */
int
ingest_result(struct ingest *ig, const char *origin, int rc, char *why,
    char **cause)
{
	if (rc == 0) {
		ig->payloads_ok++;
		free(why);
		return (0);
	}
	if (rc == 1) {
		/* Valid, but nothing here can be attributed: a warning. */
		ig->payloads_skipped++;
		ingest_warn(ig, 1, "%s: %s", origin, why != NULL ? why : "?");
		if (cause != NULL)
			*cause = xasprintf("%s: %s", origin, why);
		free(why);
		return (1);
	}
	ingest_error(ig, "%s: %s", origin, why != NULL ? why : "?");
	if (cause != NULL)
		*cause = xasprintf("%s: %s", origin, why != NULL ? why : "?");
	free(why);
	return (-1);
}

/*
 * Open the transaction the run's end will commit in, so that what is
 * written next (the tombstone sweep) stands or falls with it.
 */
static int
ingest_hold(struct ingest *ig, char **cause)
{
	if (ingest_featured_flush(ig, cause) != 0)
		return (-1);
	return (ingest_group_begin(ig, cause));
}

int
ingest_tombstone(struct ingest *ig, int64_t *n, char **cause)
{
	if (ingest_hold(ig, cause) != 0)
		return (-1);
	return (store_endpoint_tombstone(ig->store, ig->run.id, n, cause));
}

/*
 * The run's end is written in the same transaction as the last models and
 * the tombstone sweep (ingest_tombstone()): a crash or a full disk before
 * the commit leaves the run "running" with nothing of its end applied, and
 * the next sync marks it failed.  When the
 * commit fails the end is recorded on its own if it can be, as "partial"
 * (or the worse status asked for); *final says what the run log holds.
 */
int
ingest_finish(struct ingest *ig, const char *status, char *final,
    size_t finalsize, struct ingest_stats *st, char **cause)
{
	char		*why = NULL;
	uint32_t	 dict;
	size_t		 recoded;
	int		 rc = -1;

	/* Featured endpoints no listing gave (unless ingest_hold() wrote
	 * them); a failure here is the run's error, not its end's. */
	if (ingest_featured_flush(ig, &why) != 0) {
		ingest_error(ig, "%s", why != NULL ? why : "?");
		free(why);
		why = NULL;
	}
	snprintf(ig->run.status, sizeof ig->run.status, "%s", status);
	ig->run.errors = ig->errors.len > 0 ? xstrdup(buf_str(&ig->errors)) :
	    NULL;
	/* A run too small to fill the pool still makes a dictionary. */
	if (ingest_group_begin(ig, &why) == 0 &&
	    ingest_dict_make(ig, 1, &dict, &recoded, &why) == 0 &&
	    store_run_finish(ig->store, &ig->run, &why) == 0) {
		ig->group = 0;
		if (store_commit(ig->store, &why) == 0) {
			rc = 0;
			ingest_dict_used(ig, dict, recoded);
		}
	}
	if (rc != 0) {
		/* Nothing since the last commit stands, the sweep neither. */
		store_rollback(ig->store);
		ingest_group_lost(ig);
		ingest_error(ig, "%s", why != NULL ? why : "?");
		if (strcmp(status, "ok") == 0)
			snprintf(ig->run.status, sizeof ig->run.status,
			    "partial");
		free(ig->run.errors);
		ig->run.errors = xstrdup(buf_str(&ig->errors));
		if (store_run_finish(ig->store, &ig->run, NULL) == 0)
			rc = 0;
		/* Why, for the caller to show in either case. */
		if (cause != NULL)
			*cause = xstrdup(why != NULL ? why : "?");
		if (rc != 0)
			snprintf(ig->run.status, sizeof ig->run.status,
			    "running");
	}
	free(why);
	if (final != NULL)
		snprintf(final, finalsize, "%s", ig->run.status);
	if (st != NULL)
		ingest_stats(ig, st);
	run_info_clear(&ig->run);
	ingest_featured_free(ig);
	ingest_providers_free(ig);
	ingest_fresh_reset(ig);
	buf_free(&ig->canon);
	buf_free(&ig->gz);
	ztrain_free(&ig->train);
	buf_free(&ig->skel);
	buf_free(&ig->split);
	buf_free(&ig->base);
	buf_free(&ig->delta);
	buf_free(&ig->errors);
	buf_free(&ig->warnings);
	free(ig);
	return (rc);
}
