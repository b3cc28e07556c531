/*
 * sync-extras: the model metadata a sync asks for with --extras (extras =
 * yes): each model's top apps and daily usage, and once per author of the
 * run's models its author page.  These are extras in the way metrics are:
 * a failed route is an error of the run, recorded in its log, which never
 * fails a model, never makes the run partial, and never tombstones.
 */
#include "config.h"

#include "sync/sync.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "project/meta.h"
#include "project/payload.h"
#include "sync/ingest.h"
#include "sync/sync-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* The most authors a run asks for (a hostile model list is bounded). */
#define SYNC_AUTHORS_MAX	4096

void
sync_extras_model(struct sync *s, struct smodel *m)
{
	if (!s->opt.extras)
		return;
	sync_request(s, RQ_APPS, (enum route_family)s->family, m, NULL);
	sync_request(s, RQ_USAGE, (enum route_family)s->family, m, NULL);
}

static int
sync_str_cmp(const void *a, const void *b)
{
	return (strcmp(*(char *const *)a, *(char *const *)b));
}

void
sync_extras_authors(struct sync *s)
{
	char		**slugs;
	const char	*key, *slash;
	size_t		 i, n = 0;

	if (!s->opt.extras || s->nmodels == 0)
		return;
	slugs = xcalloc(s->nmodels, sizeof *slugs);
	for (i = 0; i < s->nmodels; i++) {
		key = s->models[i].permaslug;
		/* "~vendor/x-latest" aliases: their vendor is seen anyway. */
		if (key == NULL || *key == '~' ||
		    (slash = strchr(key, '/')) == NULL)
			continue;
		slugs[n] = xstrndup(key, (size_t)(slash - key));
		if (meta_slug_ok(slugs[n]))
			n++;
		else
			free(slugs[n]);
	}
	qsort(slugs, n, sizeof *slugs, sync_str_cmp);
	for (i = 0; i < n; i++) {
		if ((i == 0 || strcmp(slugs[i - 1], slugs[i]) != 0) &&
		    i < SYNC_AUTHORS_MAX)
			sync_request(s, RQ_AUTHOR, (enum route_family)s->family,
			    NULL, slugs[i]);
	}
	for (i = 0; i < n; i++)
		free(slugs[i]);
	free(slugs);
}

/*
 * The parsed response, when it is of the kind the route serves: an author
 * object, or an array (an app list or usage rows, possibly empty).  NULL
 * with *why otherwise; a 404 is an error too (OpenRouter serves these for
 * every model it lists).
 */
static json_t *
sync_extras_parsed(struct sreq *rq, const struct http_result *res,
    struct prep_job *job, char **why)
{
	const json_t	*data;
	json_t		*root;
	enum payload_kind kind;

	if ((root = sync_job_root(res, job, why)) == NULL)
		return (NULL);
	kind = payload_classify(root, &data);
	if (rq->kind == RQ_AUTHOR ? kind != PAYLOAD_AUTHOR :
	    !json_is_array(data)) {
		*why = xasprintf(_("unexpected response (%s, expected %s)"),
		    payload_kind_name(kind), payload_kind_name(rq->kind ==
		    RQ_AUTHOR ? PAYLOAD_AUTHOR : rq->kind == RQ_APPS ?
		    PAYLOAD_APPS : PAYLOAD_USAGE));
		json_decref(root);
		return (NULL);
	}
	return (root);
}

void
sync_extras_on_response(struct sync *s, struct sreq *rq,
    struct http_result *res, struct prep_job *job)
{
	struct ingest_hint	 hint;
	json_t			*root;
	char			*why = NULL;
	int			 i;

	if ((root = sync_extras_parsed(rq, res, job, &why)) == NULL) {
		sync_error(s, rq->m != NULL ? rq->m->key : rq->endpoint_id,
		    res->url, why);
		free(why);
		return;
	}
	if (rq->kind == RQ_AUTHOR) {
		/* In a transaction of its own; a failure is recorded. */
		memset(&hint, 0, sizeof hint);
		hint.origin = res->url;
		hint.expect = PAYLOAD_AUTHOR;
		(void)ingest_payload(s->ig, root, &hint, NULL, NULL);
		json_decref(root);
		return;
	}
	i = rq->kind == RQ_APPS ? 0 : 1;
	json_decref(rq->m->extras[i]);
	rq->m->extras[i] = root;
}

void
sync_extras_write(struct sync *s, struct smodel *m, struct ingest_hint *hint)
{
	static const enum payload_kind kinds[] = { PAYLOAD_APPS,
	    PAYLOAD_USAGE };
	size_t	i;

	for (i = 0; i < 2; i++) {
		if (m->extras[i] == NULL)
			continue;
		hint->expect = kinds[i];
		(void)ingest_payload(s->ig, m->extras[i], hint, NULL, NULL);
	}
	hint->expect = PAYLOAD_UNKNOWN;
}

void
sync_extras_clear(struct smodel *m)
{
	json_decref(m->extras[0]);
	json_decref(m->extras[1]);
	m->extras[0] = m->extras[1] = NULL;
}
