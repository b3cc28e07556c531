/*
 * demo: the generator's driver.  It walks the base models and their
 * variants, writes each catalogue entry's stats-endpoint file (and has
 * demo-metrics.c write its metric files), collects the v1 and catalogue
 * listings, and writes them last.  What the parts make is in
 * demo-catalogue.c, demo-json.c and demo-metrics.c (see demo-private.h).
 */
#include "config.h"

#include "demo/demo.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "demo/demo-private.h"
#include "util/buf.h"
#include "util/civil.h"
#include "util/xmalloc.h"

/*
 * Everything here is synthetic: the names, slugs, domains and sentences are
 * invented, only the shapes follow the real OpenRouter payloads.  All
 * randomness comes from splitmix64 streams derived from the seed, all
 * arithmetic avoids libm transcendental functions (whose last bits differ
 * between C libraries), and every date is computed from fixed constants, so
 * the same seed gives the same bytes everywhere.
 */

#define DEMO_DEFAULT_MODELS	300
#define DEMO_JSON_FLAGS	(JSON_INDENT(2) | JSON_REAL_PRECISION(10))
/* The scale set is written like the API sends it: compact. */
#define DEMO_JSON_COMPACT (JSON_COMPACT | JSON_REAL_PRECISION(10))

static int
demo_dump_cb(const char *data, size_t len, void *arg)
{
	buf_add(arg, data, len);
	return (0);
}

/*
 * Write root to dir/name.  The text is built in memory and written at once:
 * jansson's stream output costs one locked fwrite per token.
 */
int
demo_write(struct demo_gen *g, const char *name, json_t *root, char **cause)
{
	struct buf	 b = BUF_INIT;
	char		*path;
	FILE		*f = NULL;
	int		 error = 0, rc = -1;

	if (g->sink != NULL) {
		if (g->sink->put(g->sink->arg, name, root, g->cur_key,
		    cause) != 0)
			return (-1);
		g->st->files++;
		return (0);
	}
	path = xasprintf("%s/%s", g->dir, name);
	json_dump_callback(root, demo_dump_cb, &b, g->fixed != 0 ?
	    DEMO_JSON_COMPACT : DEMO_JSON_FLAGS);
	buf_addch(&b, '\n');
	errno = 0;
	if ((f = fopen(path, "w")) == NULL) {
		error = errno;
		goto out;
	}
	if (fwrite(b.data, 1, b.len, f) != b.len) {
		error = errno;
		fclose(f);
		goto out;
	}
	if (fclose(f) != 0) {
		error = errno;
		goto out;
	}
	g->st->files++;
	rc = 0;

out:
	if (rc != 0 && cause != NULL) {
		*cause = xasprintf("%s: %s", path,
		    error != 0 ? strerror(error) : "write error");
	}
	buf_free(&b);
	free(path);
	return (rc);
}

int
demo_write_data(struct demo_gen *g, const char *name, json_t *data,
    char **cause)
{
	json_t	*root;
	int	 rc;

	root = json_object();
	json_object_set_new(root, "data", data);
	rc = demo_write(g, name, root, cause);
	json_decref(root);
	return (rc);
}

/*
 * Whether the sink has entry's listing already: asked with the bytes the
 * listing is made of (the endpoints and the model's state at the epoch).
 */
static int
demo_sink_has(struct demo_gen *g, const struct demo_base *m,
    enum demo_variant v, const struct demo_ep *eps, unsigned n,
    const char *vperma)
{
	struct buf	b = BUF_INIT;
	int		flags[3], rc;

	if (g->sink == NULL || g->sink->have == NULL)
		return (0);
	flags[0] = (int)v;
	flags[1] = m->retired;
	flags[2] = m->hidden;
	buf_add(&b, flags, sizeof flags);
	buf_add(&b, eps, n * sizeof *eps);
	rc = g->sink->have(g->sink->arg, vperma, b.data, b.len);
	buf_free(&b);
	return (rc);
}

int
demo_listing_put(struct demo_gen *g, const struct demo_base *m,
    enum demo_variant v, const struct demo_ep *eps, unsigned n,
    const char *vslug, const char *vperma, unsigned entry,
    const struct demo_listing_how *how, char **cause)
{
	json_t		*model, *data, *o, *root;
	char		 name[64];
	unsigned	 i;
	int		 rc;

	if (demo_sink_has(g, m, v, eps, n, vperma))
		return (0);
	if (how != NULL)
		model = json_incref(how->model);
	else
		model = demo_model_json(m, VAR_STANDARD);
	data = json_array();
	for (i = 0; i < n; i++) {
		o = demo_ep_json(m, v, &eps[i], model, vslug, vperma);
		if (how != NULL)
			json_object_set_new(o, "pricing", how->pricing(
			    how->arg, &eps[i]));
		json_object_set_new(o, "stats", demo_stats_json(&eps[i]));
		json_object_set_new(o, "status", json_integer(eps[i].status));
		json_array_append_new(data, o);
	}
	json_decref(model);
	root = json_object();
	json_object_set_new(root, "data", data);
	snprintf(name, sizeof name, "stats-endpoint-%04u.json", entry);
	g->cur_key = vperma;
	rc = demo_write(g, name, root, cause);
	g->cur_key = NULL;
	json_decref(root);
	return (rc);
}

/* Write one catalogue entry's files and add it to the whole-run arrays. */
static int
demo_entry(struct demo_gen *g, struct demo_base *m, enum demo_variant v,
    unsigned entry, char **cause)
{
	struct demo_ep	 eps[DEMO_MAX_ENDPOINTS];
	json_t		*model, *featured = NULL, *cat;
	char		*vslug, *vperma;
	unsigned	 n, i, feat = 0;
	int		 rc = -1;

	n = demo_entry_eps(g, m, v, eps);
	/* Not launched yet: drawn as ever, listed nowhere. */
	if (m->unborn)
		return (0);
	g->listed++;
	if (v == VAR_STANDARD) {
		vslug = xstrdup(m->slug);
		vperma = xstrdup(m->permaslug);
	} else {
		vslug = xasprintf("%s:%s", m->slug, demo_variant_names[v]);
		vperma = xasprintf("%s:%s", m->permaslug,
		    demo_variant_names[v]);
	}
	for (i = 0; i < n; i++) {
		if (eps[i].status == 0 && !eps[i].disabled) {
			feat = i;
			break;
		}
	}
	for (i = 0; i < n; i++)
		g->used[eps[i].prov] = 1;
	if (demo_listing_put(g, m, v, eps, n, vslug, vperma, entry, NULL,
	    cause) != 0)
		goto out;
	if (v == VAR_STANDARD && n != 0)
		demo_media_note(g, m);
	g->st->endpoints += n;

	if (!g->no_catalogue) {
		if (n != 0) {
			model = demo_model_json(m, VAR_STANDARD);
			featured = demo_ep_json(m, v, &eps[feat], model,
			    vslug, vperma);
			json_decref(model);
		}
		cat = demo_model_json(m, v);
		json_object_set_new(cat, "endpoint", featured != NULL ?
		    featured : json_null());
		json_array_append_new(g->catalogue, cat);
	}
	if (n != 0) {
		json_array_append_new(g->v1, demo_v1_json(m, v, &eps[feat],
		    vslug));
		if (!g->no_metrics &&
		    demo_metrics_write(g, entry, eps, n, cause) != 0)
			goto out;
		if (demo_meta_entry(g, m, v, vperma, entry, cause) != 0)
			goto out;
	}
	rc = 0;

out:
	free(vslug);
	free(vperma);
	return (rc);
}

int
demo_generate(const char *dir, uint64_t seed, unsigned nmodels,
    struct demo_stats *st, char **cause)
{
	struct demo_options	opt;

	memset(&opt, 0, sizeof opt);
	opt.seed = seed;
	opt.models = nmodels;
	return (demo_generate_opts(dir, &opt, st, cause));
}

int
demo_generate_opts(const char *dir, const struct demo_options *opt,
    struct demo_stats *st, char **cause)
{
	uint64_t		 seed = opt->seed;
	unsigned		 nmodels = opt->models;
	struct demo_gen		 g;
	struct demo_stats	 local;
	struct demo_base	*m;
	json_t			*root;
	unsigned		 entry = 0, idx, v, i, serial;
	int			 rc = -1;

	if (st == NULL)
		st = &local;
	memset(st, 0, sizeof *st);
	if (nmodels == 0)
		nmodels = DEMO_DEFAULT_MODELS;

	memset(&g, 0, sizeof g);
	g.dir = dir;
	g.seed = seed;
	g.st = st;
	g.fixed = opt->endpoints > DEMO_MAX_PER_MODEL ? DEMO_MAX_PER_MODEL :
	    opt->endpoints;
	if (g.fixed > DEMO_NPROVIDERS)
		g.fixed = DEMO_NPROVIDERS;
	g.epoch = opt->epoch;
	g.no_metrics = opt->no_metrics;
	g.extras = opt->extras;
	g.sink = opt->sink;
	g.no_catalogue = opt->no_catalogue;
	g.first_day = civil_to_days(2023, 6, 1);
	g.last_day = civil_to_days(2026, 10, 15);
	g.end_day = civil_to_days(2026, 11, 1);
	g.v1 = json_array();
	g.latest = json_array();
	g.catalogue = json_array();
	m = xmalloc(sizeof *m);

	for (idx = 0; entry < nmodels; idx++) {
		demo_base_make(&g, idx, m);
		demo_history_base(&g, idx, m);
		/* A model served only in the past draws nothing later ones
		 * draw from (their endpoints stay those of every epoch). */
		serial = g.serial;
		for (v = 0; v < VAR_COUNT && entry < nmodels; v++) {
			if (!m->has[v])
				continue;
			if (demo_entry(&g, m, v, entry, cause) != 0) {
				demo_base_free(m);
				goto out;
			}
			entry++;
		}
		if (m->revived)
			g.serial = serial;
		demo_base_free(m);
	}
	/* The default catalogue only: --models N gives N models. */
	if (opt->models == 0 && demo_media_write(&g, entry, cause) != 0)
		goto out;
	st->models = g.listed;

	root = json_pack("{s:O}", "data", g.v1);
	if (demo_write(&g, "v1-models.json", root, cause) != 0) {
		json_decref(root);
		goto out;
	}
	json_decref(root);
	root = json_pack("{s:O}", "data", g.catalogue);
	if (!g.no_catalogue &&
	    demo_write(&g, "frontend-models.json", root, cause) != 0) {
		json_decref(root);
		goto out;
	}
	json_decref(root);

	if (demo_meta_authors(&g, cause) != 0)
		goto out;
	for (i = 0; i < DEMO_NPROVIDERS; i++)
		st->providers += g.used[i];
	rc = 0;

out:
	free(m);
	json_decref(g.v1);
	json_decref(g.catalogue);
	json_decref(g.latest);
	return (rc);
}
