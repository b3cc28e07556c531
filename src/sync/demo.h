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
 * The same seed always gives byte-identical files.  Roughly: nmodels models
 * (a few hundred by default), ~1,000 endpoints across ~40 providers, 30 days
 * of daily metrics.
 *
 * Returns 0, or -1 with *cause (caller frees) when a file cannot be written.
 */
#ifndef ORBROWSE_SYNC_DEMO_H
#define ORBROWSE_SYNC_DEMO_H

#include <stdint.h>

struct demo_stats {
	unsigned	models;
	unsigned	endpoints;
	unsigned	providers;
	unsigned	files;
};

int	demo_generate(const char *dir, uint64_t seed, unsigned nmodels,
	    struct demo_stats *, char **cause);

#endif
