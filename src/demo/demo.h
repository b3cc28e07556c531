/*
 * demo: a generator of synthetic OpenRouter-shaped data.
 *
 * demo_generate() writes, into an existing directory, files with the same
 * shapes as real OpenRouter responses (no content copied from real captures):
 *   v1-models.json          {"data": [v1 model objects]}
 *   frontend-models.json    {"data": [catalogue entries, some endpoint:null]}
 *   stats-endpoint-NNNN.json {"data": [endpoint objects with stats]} per model
 *   throughput-comparison-NNNN.json, latency-comparison-NNNN.json
 *                           {"data": [{x, y: {uuid: number}}]} per model
 *   uptime-recent-NNNN.json {"data": {uuid: [{date, uptime}]}} per model
 *   uptime-hourly-UUID.json {"data": {"history": [{date, uptime}]}} per
 *                           endpoint
 * and with demo_options.extras the model metadata (demo-meta.c):
 *   model-daily-stats-NNNN.json, stats-app-KEY.json per model with
 *                           endpoints, model-author-SLUG.json per author
 * The same seed and options always give byte-identical files, on every
 * system.  Roughly: nmodels models (a few hundred by default), ~1,000
 * endpoints across ~40 providers, 30 days of daily metrics ending
 * 2026-11-01.  Files already there are overwritten; others are left alone.
 *
 * Returns 0 and fills *stats (stats may be NULL), or -1 with *cause
 * (caller frees; cause may be NULL) when a file cannot be written; the
 * files written before it stay.  Nothing is kept between calls.
 *
 * The module is src/demo/ (demo-private.h says which file makes what).  It
 * sits beside sync/: it uses util/ and jansson only, and only the CLI
 * includes it.
 */
#ifndef ORBROWSE_DEMO_H
#define ORBROWSE_DEMO_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

struct demo_stats {
	unsigned	models;
	unsigned	endpoints;
	unsigned	providers;
	unsigned	files;
	/* What the last epoch did (demo_options.epoch > 0). */
	unsigned	changed;
	unsigned	appeared;
	unsigned	disappeared;
};

/*
 * The scale set of the benchmark: endpoints fixes the number of endpoints
 * of every catalogue entry (instead of 1 to 10) and no_metrics leaves out
 * the metric files.  epoch k > 0 is the same data after k rounds of
 * changes; each round changes the price or the stats of ~5% of the
 * endpoints, removes ~1% and adds ~1% new ones, so epochs 0, 1, 2, ...
 * are what successive syncs of a slowly changing OpenRouter would see.
 * Without endpoints (the demo catalogue) an epoch also changes the data:
 * about 3% of the entries gain an endpoint, and epoch k is the demo's
 * history k days before its present (epoch 0), with its story told
 * backwards from there (demo-history.c): models launched or retired on some
 * day, price tiers and off-peak windows that appear, contexts raised, a
 * model's expiry date announced and then postponed, and one endpoint that
 * degrades for five days and recovers.  The scale set keeps only the
 * random changes above.
 *
 * A sink (demo_sink) takes every file's content instead of a directory:
 * have() is asked first about each endpoint listing, with bytes that
 * change whenever the listing would (what a consumer can hash to recognise
 * a listing it has already), and a listing it has is not built.
 */
#define DEMO_MAX_PER_MODEL	30
#define DEMO_HISTORY_DAYS	30
struct demo_sink {
	int	(*have)(void *arg, const char *model_key, const void *fp,
		    size_t len);
	/* root borrowed; model_key is the listing's, NULL for other files. */
	int	(*put)(void *arg, const char *name, json_t *root,
		    const char *model_key, char **cause);
	void	 *arg;
};

struct demo_options {
	uint64_t	seed;
	unsigned	models;		/* 0: the default */
	/* Per entry: 0, or 1..DEMO_MAX_PER_MODEL (more counts as the most). */
	unsigned	endpoints;
	unsigned	epoch;
	int		no_metrics;
	int		extras;		/* also usage, apps and authors */
	int		no_catalogue;	/* leave out frontend-models.json */
	const struct demo_sink *sink;	/* NULL: write files into dir */
};

int	demo_generate(const char *dir, uint64_t seed, unsigned nmodels,
	    struct demo_stats *, char **cause);
int	demo_generate_opts(const char *dir, const struct demo_options *,
	    struct demo_stats *, char **cause);

#endif
