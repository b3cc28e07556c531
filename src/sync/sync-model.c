/*
 * sync-model: one model of a sync run, from its first request until it is
 * written in one transaction (or recorded as failed).
 */
#include "config.h"

#include "sync/sync.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "project/payload.h"
#include "sync/ingest.h"
#include "sync/sync-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Parsed, and of the expected kind. */
static json_t *
sync_model_expect(const struct http_result *res, struct prep_job *job,
    enum payload_kind want, char **why)
{
	const json_t	*data;
	json_t		*root;
	enum payload_kind kind;

	if ((root = sync_job_root(res, job, why)) == NULL)
		return (NULL);
	kind = payload_classify(root, &data);
	if (kind != want) {
		*why = xasprintf(_("unexpected response (%s, expected %s)"),
		    payload_kind_name(kind), payload_kind_name(want));
		json_decref(root);
		return (NULL);
	}
	return (root);
}

/* Split a model key into permaslug and variant for the frontend routes. */
void
sync_model_init(struct smodel *m, char *key, const char *v1_id)
{
	const char	*slash, *colon;

	memset(m, 0, sizeof *m);
	m->key = key;
	m->v1_id = xstrdup(v1_id != NULL ? v1_id : key);
	slash = strchr(key, '/');
	colon = strchr(slash != NULL ? slash : key, ':');
	if (colon != NULL) {
		m->permaslug = xstrndup(key, (size_t)(colon - key));
		m->variant = xstrdup(colon + 1);
	} else {
		m->permaslug = xstrdup(key);
		m->variant = xstrdup("standard");
	}
}

static unsigned
sync_model_budget(const struct sync *s)
{
	unsigned	b;

	if (s->opt.error_budget > 0)
		return (s->opt.error_budget);
	b = (unsigned)(s->nmodels / 5);
	return (b < 10 ? 10 : b);
}

/* Request more models while fewer than the window are open. */
void
sync_model_open(struct sync *s)
{
	struct smodel	*m;
	unsigned	 window;

	window = (unsigned)s->opt.http.max_in_flight * 2;
	if (window < 4)
		window = 4;
	while (!s->aborted && !s->budget_spent && s->open < window &&
	    s->next_model < s->nmodels) {
		m = &s->models[s->next_model++];
		s->open++;
		if (s->family == FAMILY_V1) {
			m->fallback_tried = 1;
			sync_request(s, RQ_V1_ENDPOINTS, FAMILY_V1, m, NULL);
		} else
			sync_request(s, RQ_ENDPOINTS,
			    (enum route_family)s->family, m, NULL);
		if (s->opt.metrics && s->family != FAMILY_V1) {
			sync_request(s, RQ_THROUGHPUT,
			    (enum route_family)s->family, m, NULL);
			sync_request(s, RQ_LATENCY,
			    (enum route_family)s->family, m, NULL);
			sync_request(s, RQ_UPTIME_RECENT,
			    (enum route_family)s->family, m, NULL);
		}
		if (m->pending == 0) {
			m->failed = 1;
			m->error = xstrdup(_("no endpoint route configured"));
		} else
			sync_extras_model(s, m);
	}
}

void
sync_model_clear(struct sync *s, struct smodel *m)
{
	size_t	i;

	free(m->key);
	free(m->v1_id);
	free(m->permaslug);
	free(m->variant);
	json_decref(m->endpoints);
	prep_dispose(s->prep, m->prepared);
	for (i = 0; i < 3; i++)
		json_decref(m->metrics[i]);
	for (i = 0; i < m->nhourly; i++) {
		free(m->hourly[i].endpoint_id);
		json_decref(m->hourly[i].root);
	}
	free(m->hourly);
	sync_extras_clear(m);
	free(m->error);
	memset(m, 0, sizeof *m);
}

/*
 * The model's endpoint listing, inside its transaction: when the body is
 * the one stored last time, its rows are only marked seen; else (or when
 * the store no longer agrees) it is written in full.  -1 when the model
 * cannot be stored.
 */
static int
sync_model_write_endpoints(struct sync *s, struct smodel *m,
    struct ingest_hint *hint, char **why)
{
	json_error_t	 err;
	json_t		*root = NULL;
	int		 done = 0, rc;

	if (m->unchanged) {
		if (ingest_listing_same(s->ig, m->key, m->listing_sha, &done,
		    why) != 0)
			return (-1);
		if (done)
			return (0);
	}
	/*
	 * Parsed here, in the rare case an unchanged body is needed, or
	 * again when its large tree was dropped (its budget was checked
	 * then, its repairs made in place and counted: not again).
	 */
	if (m->endpoints == NULL && (m->unchanged || m->reparse)) {
		if (!m->reparse && prep_guard(m->prepared) != 0) {
			*why = xstrdup(m->prepared->why);
			return (-1);
		}
		if (!m->reparse)
			ingest_warn_repaired(s->ig, json_guard_repairs(
			    &m->prepared->guard), m->key);
		root = json_loadb(m->prepared->body.data != NULL ?
		    m->prepared->body.data : "", m->prepared->body.len, 0,
		    &err);
		if (root == NULL) {
			*why = xasprintf(_("invalid JSON at line %d: %s"),
			    err.line, err.text);
			return (-1);
		}
		/* The same objects the worker prepared (ingest_prepared). */
		if (m->reparse && m->prepared->root == NULL)
			m->prepared->root = json_incref(root);
	}
	ingest_prepared(s->ig, m->prepared);
	rc = 0;
	if ((root != NULL || m->endpoints != NULL) && ingest_payload(s->ig,
	    root != NULL ? root : m->endpoints, hint, NULL, NULL) < 0 &&
	    ingest_model_failed(s->ig))
		rc = -1;
	ingest_prepared(s->ig, NULL);
	json_decref(root);
	return (rc);
}

/* All of a model's responses are in: write it in one transaction. */
void
sync_model_commit(struct sync *s, struct smodel *m)
{
	static const char	*metric_names[] = {
		"throughput", "latency", NULL
	};
	struct ingest_hint	 hint;
	char			*why = NULL;
	size_t			 i;

	s->open--;
	if (m->failed) {
		s->models_failed++;
		ingest_error(s->ig, _("model %s: %s"), m->key,
		    m->error != NULL ? m->error : "?");
		sync_counters(s);
		ingest_save(s->ig);
		if (s->models_failed >= sync_model_budget(s) &&
		    !s->budget_spent) {
			s->budget_spent = 1;
			ingest_error(s->ig, _("error budget spent: %u models "
			    "failed; stopped asking"), s->models_failed);
		}
		sync_model_clear(s, m);
		return;
	}
	if (ingest_model_begin(s->ig, &why) != 0)
		goto fail;
	memset(&hint, 0, sizeof hint);
	hint.model_key = m->key;
	hint.origin = m->key;
	/* (Only an endpoint listing's payload reads it.) */
	hint.listing_sha = m->listing_sha[0] != '\0' ? m->listing_sha : NULL;
	if (sync_model_write_endpoints(s, m, &hint, &why) != 0)
		goto rollback;
	for (i = 0; i < 3; i++) {
		if (m->metrics[i] == NULL)
			continue;
		hint.metric = metric_names[i];
		(void)ingest_payload(s->ig, m->metrics[i], &hint, NULL, NULL);
	}
	hint.metric = NULL;
	for (i = 0; i < m->nhourly; i++) {
		hint.endpoint_id = m->hourly[i].endpoint_id;
		(void)ingest_payload(s->ig, m->hourly[i].root, &hint, NULL,
		    NULL);
	}
	hint.endpoint_id = NULL;
	sync_extras_write(s, m, &hint);
	if (ingest_model_failed(s->ig))
		goto rollback;
	s->models_done++;
	sync_counters(s);
	if (ingest_model_end(s->ig, 1, &why) != 0) {
		s->models_done--;
		goto fail;
	}
	sync_model_clear(s, m);
	return;
rollback:
	ingest_model_end(s->ig, 0, NULL);
fail:
	s->models_failed++;
	ingest_error(s->ig, _("model %s: not stored: %s"), m->key,
	    why != NULL ? why : _("a database error"));
	free(why);
	sync_counters(s);
	ingest_save(s->ig);
	sync_model_clear(s, m);
}

/* Endpoint list of a model arrived (or failed). */
void
sync_model_on_endpoints(struct sync *s, struct sreq *rq,
    struct http_result *res, struct prep_job **jobp)
{
	struct smodel	*m = rq->m;
	const json_t	*data, *e;
	const char	*id;
	json_t		*root;
	char		*why = NULL;
	size_t		 i;
	enum payload_kind want;

	if (res->status == 404 && res->error == NULL)
		return;		/* no endpoints now */
	if (*jobp != NULL && (*jobp)->unchanged && (*jobp)->root == NULL &&
	    res->error == NULL && res->status == 200) {
		/* The bytes stored last time: written without a parse. */
		json_decref(m->endpoints);
		m->endpoints = NULL;
		prep_dispose(s->prep, m->prepared);
		m->prepared = *jobp;
		*jobp = NULL;
		m->unchanged = 1;
		m->reparse = 0;
		snprintf(m->listing_sha, sizeof m->listing_sha, "%s",
		    m->prepared->body_sha);
		return;
	}
	want = rq->kind == RQ_V1_ENDPOINTS ? PAYLOAD_V1_ENDPOINTS :
	    PAYLOAD_STATS_ENDPOINTS;
	if ((root = sync_model_expect(res, *jobp, want, &why)) == NULL) {
		if (rq->kind == RQ_ENDPOINTS && !m->fallback_tried &&
		    !s->aborted) {
			/* The documented route, when the frontend fails. */
			m->fallback_tried = 1;
			s->fallbacks++;
			sync_error(s, m->key, res->url, why);
			free(why);
			sync_request(s, RQ_V1_ENDPOINTS, FAMILY_V1, m, NULL);
			return;
		}
		m->failed = 1;
		free(m->error);
		m->error = xasprintf("%s (%s)", why, res->url);
		free(why);
		return;
	}
	json_decref(m->endpoints);
	m->endpoints = root;
	/* Its hashes and blobs stay with it until the model is written. */
	prep_dispose(s->prep, m->prepared);
	m->prepared = *jobp;
	*jobp = NULL;
	/* Only the frontend listing is recorded (see ingest_listing_same). */
	m->unchanged = rq->kind == RQ_ENDPOINTS && m->prepared->unchanged;
	snprintf(m->listing_sha, sizeof m->listing_sha, "%s",
	    rq->kind == RQ_ENDPOINTS ? m->prepared->body_sha : "");
	m->reparse = 0;
	if (s->opt.metrics && rq->kind == RQ_ENDPOINTS) {
		payload_classify(root, &data);
		json_array_foreach(data, i, e) {
			id = json_string_value(json_object_get(e, "id"));
			if (id != NULL && *id != '\0' && strlen(id) < 128)
				sync_request(s, RQ_UPTIME_HOURLY, rq->family,
				    m, id);
		}
	}
	/*
	 * A large tree is not held while other responses of the model are
	 * awaited (this one is still counted in pending): it is parsed
	 * again from its body when the model is written.
	 */
	if (!m->prepared->keep_body)
		return;
	if (m->pending > 1 && m->prepared->body.data != NULL) {
		json_decref(m->endpoints);
		m->endpoints = NULL;
		json_decref(m->prepared->root);
		m->prepared->root = NULL;
		m->reparse = 1;
	} else
		buf_free(&m->prepared->body);
}

void
sync_model_on_metric(struct sync *s, struct sreq *rq, struct http_result *res,
    struct prep_job *job)
{
	struct smodel	*m = rq->m;
	json_t		*root;
	char		*why = NULL;
	enum payload_kind want;

	if (res->status == 404 && res->error == NULL)
		return;
	want = rq->kind == RQ_UPTIME_HOURLY ? PAYLOAD_UPTIME_HOURLY :
	    rq->kind == RQ_UPTIME_RECENT ? PAYLOAD_UPTIME_RECENT :
	    PAYLOAD_COMPARISON;
	if ((root = sync_model_expect(res, job, want, &why)) == NULL) {
		/* Metrics are extra: a bad series is an error, not a failed
		 * model. */
		sync_error(s, m->key, res->url, why);
		free(why);
		return;
	}
	if (rq->kind == RQ_UPTIME_HOURLY) {
		m->hourly = xreallocarray(m->hourly, m->nhourly + 1,
		    sizeof *m->hourly);
		m->hourly[m->nhourly].endpoint_id = rq->endpoint_id;
		rq->endpoint_id = NULL;
		m->hourly[m->nhourly++].root = root;
		return;
	}
	json_decref(m->metrics[rq->kind - RQ_THROUGHPUT]);
	m->metrics[rq->kind - RQ_THROUGHPUT] = root;
}
