#include "config.h"

#include "sync/sync.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "codec/hashfilter.h"
#include "codec/json-guard.h"
#include "project/payload.h"
#include "sync/ingest.h"
#include "sync/sync-private.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static void	sync_wake(void *);

void
sync_request(struct sync *s, enum req_kind kind, enum route_family family,
    struct smodel *m, const char *endpoint_id)
{
	static const enum route	 routes[] = {
		ROUTE_MODELS, ROUTE_CATALOGUE, ROUTE_ENDPOINTS, ROUTE_ENDPOINTS,
		ROUTE_THROUGHPUT, ROUTE_LATENCY, ROUTE_UPTIME_RECENT,
		ROUTE_UPTIME_HOURLY, ROUTE_PROVIDERS, ROUTE_APPS, ROUTE_USAGE,
		ROUTE_AUTHOR
	};
	const char	*a = NULL, *b = NULL;
	char		*url;

	if (kind == RQ_V1_ENDPOINTS)
		a = m->v1_id;
	else if (kind == RQ_UPTIME_HOURLY || kind == RQ_AUTHOR)
		a = endpoint_id;
	else if (m != NULL) {
		a = m->permaslug;
		b = m->variant;
	}
	url = routes_url(&s->opt.routes, routes[kind], family, a, b);
	if (url == NULL)
		return;
	sync_request_url(s, kind, family, m, endpoint_id, url);
	free(url);
}

void
sync_request_url(struct sync *s, enum req_kind kind, enum route_family family,
    struct smodel *m, const char *endpoint_id, const char *url)
{
	struct sreq	*rq;

	rq = xcalloc(1, sizeof *rq);
	rq->kind = kind;
	rq->family = family;
	rq->m = m;
	if (endpoint_id != NULL)
		rq->endpoint_id = xstrdup(endpoint_id);
	if (m != NULL)
		m->pending++;
	http_get(s->http, url, rq);
}

static void
sreq_free(struct sreq *rq)
{
	if (rq == NULL)
		return;
	free(rq->endpoint_id);
	free(rq);
}

static void
sreq_free_arg(void *rq)
{
	sreq_free(rq);
}

/* Queue the catalogue of the next family that has one. */
static int
sync_next_catalogue(struct sync *s)
{
	enum route_family	f;

	if (!routes_next_catalogue(&s->opt.routes, &s->order_idx, &f))
		return (0);
	sync_request(s, RQ_CATALOGUE, f, NULL, NULL);
	return (1);
}

/* The family when no catalogue answered: v1, if it is in the order. */
static void
sync_no_catalogue(struct sync *s)
{
	int	f;

	f = routes_fallback(&s->opt.routes);
	s->family = f >= 0 ? f : -2;
}

/*
 * ORBROWSE_SYNC_THREADS=1 keeps the sync on one thread: slower, but every
 * run of the same data makes the same requests and the same writes in the
 * same order (tests/cli/crash.sh kills a sync at a given one).
 */
static int
sync_threads(void)
{
	const char	*v = getenv("ORBROWSE_SYNC_THREADS");

	return (v != NULL && strcmp(v, "1") == 0 ? 1 : 2);
}

static void
sync_known_add(void *arg, const char *hash)
{
	hashfilter_add(arg, hash);
}

/*
 * The blobs stored before this run, for the worker to skip compressing
 * what the store will not take.  Without it the run is only slower.
 */
static void
sync_known(struct sync *s)
{
	char	*why = NULL;
	int64_t	 n;

	n = store_blob_count(s->store);
	hashfilter_init(&s->known, n > 0 ? (size_t)n : 0);
	if (store_blob_prefixes(s->store, sync_known_add, &s->known,
	    &why) != 0) {
		free(why);
		hashfilter_free(&s->known);
	}
}

int
sync_start(struct store *store, const struct sync_options *opt,
    struct sync **sp, int *locked, char **cause)
{
	struct sync	*s;
	int64_t		 reaped;

	*sp = NULL;
	if (store_lock_writer(store, locked, cause) != 0)
		return (-1);
	if ((reaped = store_run_reap(store, cause)) < 0)
		return (-1);
	s = xcalloc(1, sizeof *s);
	s->store = store;
	s->opt = *opt;
	s->opt.http.free_arg = sreq_free_arg;
	s->family = -1;
	s->total_count = -1;
	s->started = clock_mono_ms();
	if (http_new(&s->opt.http, &s->http, cause) != 0) {
		free(s);
		return (-1);
	}
	store_bulk(store, 1);
	if (ingest_begin(store, "sync", NULL, INGEST_CALLER_COUNTS |
	    INGEST_DEFER_FEATURED, &s->ig, cause) != 0) {
		store_bulk(store, 0);
		http_free(s->http);
		free(s);
		return (-1);
	}
	sync_known(s);
	s->prep = prep_start(sync_wake, s->http, &s->known,
	    sync_threads() > 1);
	/* The run log keeps that this run's data came unverified. */
	if (s->opt.http.insecure)
		ingest_error(s->ig, "%s", _("warning: TLS certificate "
		    "verification was off (sync --insecure)"));
	sync_request(s, RQ_KEYS, FAMILY_2025, NULL, NULL);
	if (!sync_next_catalogue(s))
		sync_no_catalogue(s);
	sync_request(s, RQ_PROVIDERS, FAMILY_V1, NULL, NULL);
	*sp = s;
	return (0);
}

void
sync_error(struct sync *s, const char *what, const char *url,
    const char *why)
{
	ingest_error(s->ig, "%s: %s (%s)", what, why, url);
}

static int
sync_model_cmp(const void *a, const void *b)
{
	return (strcmp(((const struct smodel *)a)->key,
	    ((const struct smodel *)b)->key));
}

/* One /api/v1/models entry: a model to fetch, unless an alias. */
static int
sync_add_model(const json_t *entry, size_t i, void *arg)
{
	struct sync	*s = arg;
	const char	*id;
	char		*key, *why = NULL;

	(void)i;
	id = json_string_value(json_object_get(entry, "id"));
	/* "~vendor/model-latest" ids are aliases of other entries. */
	if (id == NULL || *id == '~' || s->nmodels >= s->keys.count)
		return (0);
	if ((key = ingest_v1_model_key(s->ig, entry, &why)) == NULL) {
		free(why);
		return (0);
	}
	sync_model_init(&s->models[s->nmodels++], key, id);
	return (0);
}

/*
 * The provider list, once it and the keys are in.  A list that cannot be
 * stored is an error of the run (partial), which tombstones nothing.
 */
static void
sync_store_providers(struct sync *s)
{
	struct ingest_hint	 hint;
	char			*why = NULL;

	if (s->providers == NULL)
		return;
	memset(&hint, 0, sizeof hint);
	hint.origin = "/api/v1/providers";
	if (ingest_payload(s->ig, s->providers, &hint, NULL, &why) != 0)
		s->providers_failed = 1;
	free(why);
	json_decref(s->providers);
	s->providers = NULL;
}

/*
 * The provider list arrived (or failed).  It is small (a few hundred
 * objects) and parsed here; a 404 is a failure too: OpenRouter serves it.
 */
static void
sync_on_providers(struct sync *s, struct http_result *res)
{
	enum payload_kind	 kind;
	json_error_t		 jerr;
	json_t			*root;
	char			*why = NULL;

	if (res->error != NULL)
		why = xstrdup(res->error);
	else if (res->status != 200)
		why = xasprintf(_("HTTP status %ld"), res->status);
	else if ((root = json_loadb(res->body.data != NULL ? res->body.data :
	    "", res->body.len, 0, &jerr)) == NULL)
		why = xasprintf(_("bad JSON: %s"), jerr.text);
	else {
		kind = payload_classify(root, NULL);
		if (kind == PAYLOAD_PROVIDERS || (kind ==
		    PAYLOAD_STATS_ENDPOINTS && payload_endpoints(root) != NULL &&
		    json_array_size(payload_endpoints(root)) == 0)) {
			s->providers = root;
			if (s->phase != PH_KEYS)
				sync_store_providers(s);
			return;
		}
		why = xasprintf(_("unexpected response (%s, expected %s)"),
		    payload_kind_name(kind),
		    payload_kind_name(PAYLOAD_PROVIDERS));
		json_decref(root);
	}
	s->providers_failed = 1;
	sync_error(s, _("providers"), res->url, why);
	free(why);
}

/* Keys and catalogue are in: store the keys, list the models. */
static void
sync_build_models(struct sync *s)
{
	struct ingest_hint	 hint;
	char			*why = NULL;
	size_t			 i, kept;

	memset(&hint, 0, sizeof hint);
	/* The catalogue first: it maps old v1 slugs to model keys. */
	if (s->have_catalogue) {
		hint.origin = "catalogue";
		hint.keys = &s->cat_keys;
		if (ingest_list(s->ig, &s->catalogue, PAYLOAD_CATALOGUE,
		    &hint, &why) < 0) {
			free(why);
			why = NULL;
		}
		hint.keys = NULL;
		payload_keys_free(&s->cat_keys);
		buf_free(&s->cat_text);
		s->have_catalogue = 0;
	}
	sync_store_providers(s);
	hint.origin = "/api/v1/models";
	if (ingest_list(s->ig, &s->keys, PAYLOAD_V1_MODELS, &hint,
	    &why) < 0) {
		free(why);
		why = NULL;
	}
	s->models = xcalloc(s->keys.count == 0 ? 1 : s->keys.count,
	    sizeof *s->models);
	if (jlist_each(&s->keys, sync_add_model, s, &why) != 0) {
		/* Checked when it arrived; only memory could fail here. */
		ingest_error(s->ig, "/api/v1/models: %s", why);
		free(why);
	}
	buf_free(&s->keys_text);
	s->have_keys = 0;
	/* One entry per model key. */
	qsort(s->models, s->nmodels, sizeof *s->models, sync_model_cmp);
	for (i = 0, kept = 0; i < s->nmodels; i++) {
		if (kept > 0 && strcmp(s->models[kept - 1].key,
		    s->models[i].key) == 0) {
			sync_model_clear(s, &s->models[i]);
			continue;
		}
		s->models[kept++] = s->models[i];
	}
	s->nmodels = kept;
	ingest_set_models(s->ig, (int64_t)s->nmodels, 0);
	ingest_set_family(s->ig, s->family >= 0 ?
	    routes_family_name((enum route_family)s->family) : NULL);
	s->phase = PH_MODELS;
	sync_extras_authors(s);
}

/*
 * Models a failed group commit took with it (a full disk) were counted
 * done: they count as failed, and the run cannot be complete.
 */
static void
sync_lost(struct sync *s)
{
	struct ingest_stats	is;
	int64_t			n;

	ingest_stats(s->ig, &is);
	if (is.groups_lost > 0)
		s->groups_lost = 1;
	n = is.models_lost - s->models_lost;
	if (n <= 0)
		return;
	s->models_lost = is.models_lost;
	if ((int64_t)s->models_done < n)
		n = s->models_done;
	s->models_done -= (unsigned)n;
	s->models_failed += (unsigned)n;
}

int
sync_http_ok(const struct http_result *res, char **why)
{
	if (res->error != NULL) {
		*why = xstrdup(res->error);
		return (-1);
	}
	if (res->status != 200) {
		*why = xasprintf(_("HTTP status %ld"), res->status);
		return (-1);
	}
	return (0);
}

json_t *
sync_job_root(const struct http_result *res, struct prep_job *job,
    char **why)
{
	if (sync_http_ok(res, why) != 0)
		return (NULL);
	if (job == NULL || job->root == NULL) {
		*why = job != NULL && job->why != NULL ? xstrdup(job->why) :
		    xstrdup(_("the response was not parsed"));
		return (NULL);
	}
	json_incref(job->root);
	return (job->root);
}

/* Copy the network counters into the run before a commit. */
void
sync_counters(struct sync *s)
{
	struct http_stats	st;

	sync_lost(s);
	http_stats(s->http, &st);
	ingest_set_network(s->ig, st.requests, st.retries, st.bytes);
	ingest_set_models(s->ig, (int64_t)s->nmodels, s->models_done);
}

int
sync_expect_list(struct ingest *ig, struct http_result *res,
    enum payload_kind want, int empty_ok, struct buf *text, struct jlist *jl,
    struct payload_keys *keys, char **why)
{
	struct json_guard_report rep;
	enum payload_kind	 kind;
	size_t			 n;
	int			 rc;

	if (sync_http_ok(res, why) != 0)
		return (-1);
	if (res->body.data != NULL && json_guard(res->body.data, res->body.len,
	    &json_guard_list, &rep, why) != 0)
		return (-1);
	if (res->body.data != NULL)
		ingest_warn_repaired(ig, json_guard_repairs(&rep),
		    res->url);
	if (keys != NULL)
		rc = payload_list_open_keys(jl, res->body.data != NULL ?
		    res->body.data : "", res->body.len, &kind, &n, keys, why);
	else
		rc = payload_list_open(jl, res->body.data != NULL ?
		    res->body.data : "", res->body.len, &kind, &n, 0, why);
	if (rc < 0)
		return (-1);
	if (kind != want && !(empty_ok && rc == 0 && n == 0)) {
		*why = xasprintf(_("unexpected response (%s, expected %s)"),
		    payload_kind_name(kind), payload_kind_name(want));
		return (-1);
	}
	/* The text moves out of the result, trimmed to its length. */
	*text = res->body;
	memset(&res->body, 0, sizeof res->body);
	if (text->data != NULL && text->cap > text->len + 1) {
		text->data = xrealloc(text->data, text->len + 1);
		text->cap = text->len + 1;
	}
	jl->text = text->data;
	return (0);
}

static void
sync_on_catalogue(struct sync *s, struct sreq *rq, struct http_result *res)
{
	char	*why = NULL;

	payload_keys_free(&s->cat_keys);
	if (sync_expect_list(s->ig, res, PAYLOAD_CATALOGUE, 0, &s->cat_text,
	    &s->catalogue, &s->cat_keys, &why) != 0) {
		/*
		 * Not this family: note it and try the next one.  A 404 says
		 * the family is not served (routes get renamed); anything else
		 * is a failure, and the run cannot be complete.
		 */
		if (res->status != 404 || res->error != NULL)
			s->catalogue_failed = 1;
		sync_error(s, _("catalogue"), res->url, why);
		free(why);
		s->order_idx++;
		if (!s->aborted && sync_next_catalogue(s))
			return;
		sync_no_catalogue(s);
		return;
	}
	/* Stored only once the keys are in: a failed run stores nothing. */
	s->family = rq->family;
	s->catalogue_ok = 1;
	s->have_catalogue = 1;
}

/*
 * A response that is all in, and for a model's responses, its job back
 * from the worker (the body parsed, endpoint blobs made).
 */
static void
sync_dispatch_parsed(struct sync *s, struct http_result *res,
    struct prep_job *job)
{
	struct sreq	*rq = res->arg;
	struct smodel	*m = rq->m;

	if (job != NULL)
		ingest_warn_repaired(s->ig,
		    json_guard_repairs(&job->guard), res->url);
	switch (rq->kind) {
	case RQ_KEYS:
		sync_pages_on_page(s, res);
		break;
	case RQ_CATALOGUE:
		sync_on_catalogue(s, rq, res);
		break;
	case RQ_PROVIDERS:
		sync_on_providers(s, res);
		break;
	case RQ_ENDPOINTS:
	case RQ_V1_ENDPOINTS:
		sync_model_on_endpoints(s, rq, res, &job);
		break;
	case RQ_APPS:
	case RQ_USAGE:
	case RQ_AUTHOR:
		sync_extras_on_response(s, rq, res, job);
		break;
	default:
		sync_model_on_metric(s, rq, res, job);
		break;
	}
	prep_job_free(job);
	if (m != NULL && --m->pending == 0 && !s->aborted)
		sync_model_commit(s, m);
	sreq_free(rq);
	http_result_free(res);
}

/*
 * A model's response goes to the worker (sync/prep.h) to be parsed, and
 * comes back through sync_prepared(); the lists of the run's start are
 * walked as text here.
 */
static void
sync_dispatch(struct sync *s, struct http_result *res)
{
	struct sreq	*rq = res->arg;
	struct prep_job	*job;

	if (rq->kind == RQ_KEYS || rq->kind == RQ_CATALOGUE ||
	    rq->kind == RQ_PROVIDERS || res->error != NULL || res->status != 200) {
		sync_dispatch_parsed(s, res, NULL);
		return;
	}
	job = xcalloc(1, sizeof *job);
	job->body = res->body;
	memset(&res->body, 0, sizeof res->body);
	job->fed = res->guard;
	job->have_fed = 1;
	job->blobs = rq->kind == RQ_ENDPOINTS || rq->kind == RQ_V1_ENDPOINTS;
	job->dict = store_zdict(s->store);
	if (rq->kind == RQ_ENDPOINTS) {
		ingest_listing_last(s->ig, rq->m->key, job->expect_sha);
		/* Metrics ask for each endpoint's uptime: the ids are needed. */
		job->need_tree = s->opt.metrics;
	}
	job->arg = res;
	prep_submit(s->prep, job);
}

/* Responses the worker has parsed; whether there were any. */
static int
sync_prepared(struct sync *s)
{
	struct prep_job	*job;
	int		 any = 0;

	while ((job = prep_done(s->prep)) != NULL) {
		sync_dispatch_parsed(s, job->arg, job);
		any = 1;
	}
	return (any);
}

/* A job the run no longer waits for. */
static void
sync_drop_job(struct prep_job *job)
{
	struct http_result	*res = job->arg;

	sreq_free(res->arg);
	http_result_free(res);
	prep_job_free(job);
}

/* The worker's way to interrupt the poll in sync_step(). */
static void
sync_wake(void *http)
{
	http_wakeup(http);
}

int
sync_step(struct sync *s, int timeout_ms, struct http_waitfd *extra,
    unsigned nextra, char **cause)
{
	struct http_result	*res;
	struct prep_job		*job;
	char			*why = NULL;
	int			 busy = 0;

	if (s->phase == PH_DONE)
		return (0);
	busy = sync_prepared(s);
	/* Rather than wait, parse a response the worker has not begun. */
	if (!busy && (job = prep_help(s->prep)) != NULL) {
		sync_dispatch_parsed(s, job->arg, job);
		busy = 1;
	}
	if (http_step(s->http, busy ? 0 : timeout_ms, extra, nextra,
	    cause) != 0)
		return (-1);
	while ((res = http_next_done(s->http)) != NULL) {
		sync_dispatch(s, res);
		busy = 1;
	}
	if (sync_prepared(s))
		busy = 1;
	/*
	 * Nothing came in: commit what is written rather than wait -- unless
	 * the worker is on a response, which comes back in moments; the
	 * commits then fall where they would with one thread, whatever the
	 * threads' timing.
	 */
	if (!busy && prep_pending(s->prep) == 0 &&
	    ingest_flush(s->ig, &why) != 0) {
		ingest_error(s->ig, "%s", why);
		free(why);
	}

	if (s->phase == PH_KEYS && s->keys_done && s->family != -1) {
		if (!s->have_keys || s->family == -2) {
			if (s->family == -2 && s->keys_error == NULL)
				s->keys_error = xstrdup(_("no route family "
				    "answered (catalogue failed and v1 is not "
				    "in route.order)"));
			s->phase = PH_DONE;
			http_cancel(s->http);
			return (0);
		}
		sync_build_models(s);
	}
	if (s->phase == PH_MODELS) {
		sync_model_open(s);
		/* Models with no route at all are written as failed. */
		while (s->next_model > 0 && s->open > 0 &&
		    s->models[s->next_model - 1].pending == 0 &&
		    s->models[s->next_model - 1].failed &&
		    s->models[s->next_model - 1].key != NULL)
			sync_model_commit(s, &s->models[s->next_model - 1]);
		if (http_pending(s->http) == 0 && prep_pending(s->prep) == 0 &&
		    (s->next_model >= s->nmodels || s->budget_spent))
			s->phase = PH_DONE;
	}
	return (s->phase == PH_DONE ? 0 : 1);
}

void
sync_progress(const struct sync *s, struct sync_progress *p)
{
	struct http_stats	st;
	struct ingest_stats	is;

	http_stats(s->http, &st);
	ingest_stats(s->ig, &is);
	memset(p, 0, sizeof *p);
	p->phase = s->phase == PH_KEYS ? "keys" : s->phase == PH_MODELS ?
	    "models" : "done";
	p->run_id = is.run_id;
	p->family = s->family >= 0 ?
	    routes_family_name((enum route_family)s->family) : NULL;
	p->models_total = (unsigned)s->nmodels;
	p->models_done = s->models_done;
	p->models_failed = s->models_failed;
	p->endpoints = is.endpoints;
	p->requests = st.requests;
	p->retries = st.retries;
	p->refused = st.refused;
	p->rate_top = st.rate_top;
	p->bytes = st.bytes;
	p->in_flight = st.in_flight;
	p->elapsed_ms = clock_mono_ms() - s->started;
	p->errors = is.errors;
	p->models_unchanged = is.listings_same;
}

void
sync_abort(struct sync *s)
{
	if (s->aborted)
		return;
	s->aborted = 1;
	http_cancel(s->http);
	s->phase = PH_DONE;
}

int
sync_finish(struct sync *s, struct sync_result *res, char **cause)
{
	const char	*status;
	char		*why = NULL;
	size_t		 i;
	int		 rc;

	struct ingest_stats	 is;

	memset(res, 0, sizeof *res);
	ingest_stats(s->ig, &is);
	res->run_id = is.run_id;
	http_cancel(s->http);
	/* Responses still being parsed belong to models left unwritten. */
	prep_stop(s->prep, sync_drop_job);
	s->prep = NULL;
	hashfilter_free(&s->known);
	sync_lost(s);
	if (s->aborted)
		status = "aborted";
	else if (s->keys_error != NULL)
		status = "failed";
	else if (s->models_failed > 0 || s->groups_lost || s->budget_spent ||
	    s->next_model < s->nmodels || s->fallbacks > 0 || s->list_short ||
	    s->providers_failed || (s->catalogue_failed && !s->catalogue_ok))
		/*
		 * A model that needed the v1 fallback lists its endpoints
		 * under other ids: the run is not complete enough to say what
		 * disappeared.
		 */
		status = "partial";
	else
		status = "ok";
	if (s->keys_error != NULL)
		res->error = xstrdup(s->keys_error);
	else if (s->models_failed > 0 || s->groups_lost || s->fallbacks > 0 ||
	    s->catalogue_failed || s->list_short || s->providers_failed)
		res->error = ingest_first_error(s->ig);
	if (s->family >= 0)
		res->family = xstrdup(routes_family_name(
		    (enum route_family)s->family));

	/*
	 * Only a complete run may say what has disappeared, and only in the
	 * transaction that records it complete.
	 */
	if (strcmp(status, "ok") == 0 && ingest_tombstone(s->ig,
	    &res->tombstoned, &why) != 0) {
		ingest_error(s->ig, "%s", why);
		free(why);
		why = NULL;
		res->tombstoned = 0;
		status = "partial";
	}
	sync_counters(s);
	rc = ingest_finish(s->ig, status, res->status, sizeof res->status,
	    NULL, &why);
	if (rc != 0) {
		*cause = why;
		why = NULL;
	} else if (why != NULL) {
		/* The end did not commit: no sweep happened. */
		res->tombstoned = 0;
		free(res->error);
		res->error = why;
		why = NULL;
	}
	status = res->status;
	if (rc == 0 && s->opt.gc && strcmp(status, "aborted") != 0 &&
	    strcmp(status, "failed") != 0 && store_gc(s->store,
	    clock_now_ms(), s->opt.window_hours, s->opt.keep_days, res->run_id,
	    &res->gc, &why) != 0) {
		/* Retention is housekeeping: the run stands without it. */
		free(why);
	}
	/* The UI lives on after its sync: let cron or a shell sync next. */
	store_bulk(s->store, 0);
	store_unlock_writer(s->store);
	for (i = 0; i < s->nmodels; i++)
		sync_model_clear(s, &s->models[i]);
	free(s->models);
	buf_free(&s->keys_text);
	buf_free(&s->cat_text);
	payload_keys_free(&s->cat_keys);
	free(s->keys_error);
	json_decref(s->providers);
	sync_pages_free(s);
	http_free(s->http);
	free(s);
	return (rc);
}
