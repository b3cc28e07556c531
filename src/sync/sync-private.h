/*
 * sync-private: what the two files of the sync engine share -- the struct
 * sync, its requests and its models -- and the calls between them.
 * sync.c runs the pipeline (start, the key list and catalogue, dispatching
 * responses, the step, the end); sync-pages.c follows the pages of the
 * model list; sync-model.c handles one model from its first request until
 * it is written.  A struct smodel is owned by the
 * sync's models array and cleared with sync_model_clear(); a struct sreq
 * is owned by the http layer's request until its result is handed out.
 */
#ifndef ORBROWSE_SYNC_SYNC_PRIVATE_H
#define ORBROWSE_SYNC_SYNC_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "codec/hash.h"
#include "codec/hashfilter.h"
#include "codec/jlist.h"
#include "source/http.h"
#include "source/routes.h"
#include "sync/ingest.h"
#include "sync/prep.h"
#include "sync/sync.h"
#include "util/buf.h"

enum req_kind {
	RQ_KEYS,
	RQ_CATALOGUE,
	RQ_ENDPOINTS,
	RQ_V1_ENDPOINTS,
	RQ_THROUGHPUT,
	RQ_LATENCY,
	RQ_UPTIME_RECENT,
	RQ_UPTIME_HOURLY,
	RQ_PROVIDERS,
	RQ_APPS,		/* --extras: a model's top apps */
	RQ_USAGE,		/* --extras: a model's daily usage */
	RQ_AUTHOR		/* --extras: an author (endpoint_id: its slug) */
};

struct smodel;

/* What a request was for; the http layer hands it back with the result. */
struct sreq {
	enum req_kind		 kind;
	enum route_family	 family;
	struct smodel		*m;
	char			*endpoint_id;	/* uptime-hourly; an author */
};

struct shourly {
	char		*endpoint_id;
	json_t		*root;
};

/* One model of the run, from its first request until it is written. */
struct smodel {
	char		*key;
	char		*v1_id;
	char		*permaslug;
	char		*variant;
	unsigned	 pending;
	int		 failed;
	int		 fallback_tried;
	json_t		*endpoints;
	struct prep_job	*prepared;	/* endpoints' hashes and blobs */
	/* The frontend listing's body: its SHA-256, and whether it is the
	 * one stored last time (then endpoints may be NULL, unparsed). */
	char		 listing_sha[HASH_HEX_LEN + 1];
	int		 unchanged;
	/* endpoints was dropped, to be parsed again from prepared's body. */
	int		 reparse;
	json_t		*metrics[3];	/* throughput, latency, uptime-recent */
	struct shourly	*hourly;
	size_t		 nhourly;
	json_t		*extras[2];	/* --extras: apps, usage */
	char		*error;
};

enum phase { PH_KEYS, PH_MODELS, PH_DONE };

struct sync {
	struct store		*store;
	struct sync_options	 opt;
	struct http		*http;
	struct prep		*prep;		/* parses on a second thread */
	struct hashfilter	 known;		/* blobs stored before */
	struct ingest		*ig;
	enum phase		 phase;
	int64_t			 started;	/* monotonic ms */

	/*
	 * The v1 model list and the catalogue are kept as text and walked
	 * one element at a time (codec/jlist.h): their trees would be ten
	 * times the size.  The catalogue is held until the keys are in.
	 */
	struct buf		 keys_text;
	struct jlist		 keys;
	int			 have_keys;
	struct buf		 cat_text;
	struct jlist		 catalogue;
	struct payload_keys	 cat_keys;	/* its entries' model keys */
	int			 have_catalogue;
	int			 keys_done;
	char			*keys_error;
	/*
	 * The model list's pages (sync-pages.c): keys_text gathers their
	 * elements into one array; the URLs fetched catch a loop.
	 */
	char			**page_urls;
	size_t			 npages;
	size_t			 page_items;	/* elements gathered */
	json_int_t		 total_count;	/* -1: none announced */
	int			 list_short;	/* a page failed or is missing */
	int			 order_idx;	/* catalogue being tried */
	int			 family;	/* -1 until known */
	int			 catalogue_ok;
	int			 catalogue_failed;	/* a family's failed */
	/*
	 * The provider list: held until the keys are in (a failed run
	 * stores nothing), then stored; its failure makes the run partial.
	 */
	json_t			*providers;
	int			 providers_failed;

	struct smodel		*models;
	size_t			 nmodels;
	size_t			 next_model;	/* next to request */
	unsigned		 open;		/* requested, not yet written */
	unsigned		 models_done;
	unsigned		 models_failed;
	int64_t			 models_lost;	/* of ingest_stats', counted */
	int			 groups_lost;	/* a commit took written models */
	int			 aborted;
	int			 budget_spent;
	unsigned		 fallbacks;	/* models from the v1 route */
};

/* sync.c */
void	sync_request(struct sync *, enum req_kind, enum route_family,
	    struct smodel *, const char *endpoint_id);
void	sync_error(struct sync *, const char *what, const char *url,
	    const char *why);
/* The same with a URL made already (a next page's). */
void	sync_request_url(struct sync *, enum req_kind, enum route_family,
	    struct smodel *, const char *endpoint_id, const char *url);
/* Copy the network counters and the models' into the run. */
void	sync_counters(struct sync *);
/* 0 when res is a 200 answer, else -1 with *why (its error or status). */
int	sync_http_ok(const struct http_result *, char **why);
/*
 * The parsed body of a 200 answer (its prep job, see sync_dispatch()),
 * with a reference the caller drops; NULL with *why when the request
 * failed or the body is not JSON.
 */
json_t	*sync_job_root(const struct http_result *, struct prep_job *,
	    char **why);
/*
 * Check a model list or catalogue response (a list of want's elements, or
 * with empty_ok an empty one) and move its text to *text, walked later
 * through *jl; 0, or -1 with *why.  The text is checked against the list
 * budgets of codec/json-guard.h first; its repairs are warnings on ig.
 * keys (may be NULL) gets a catalogue's model keys (payload.h).
 */
int	sync_expect_list(struct ingest *ig, struct http_result *,
	    enum payload_kind want, int empty_ok, struct buf *text,
	    struct jlist *jl, struct payload_keys *keys, char **why);

/* sync-pages.c */
/* A page of the model list arrived (or failed): ask for the next one, or
 * gather the pages into s->keys and set s->keys_done. */
void	sync_pages_on_page(struct sync *, struct http_result *);
void	sync_pages_free(struct sync *);

/* sync-model.c */
/* Split a model key (taken) into permaslug and variant. */
void	sync_model_init(struct smodel *, char *key, const char *v1_id);
void	sync_model_clear(struct sync *, struct smodel *);
/* Request more models while fewer than the window are open. */
void	sync_model_open(struct sync *);
/* All of a model's responses are in: write it in one transaction. */
void	sync_model_commit(struct sync *, struct smodel *);
/* A model's endpoint list (*jobp may be taken) or metric series. */
void	sync_model_on_endpoints(struct sync *, struct sreq *,
	    struct http_result *, struct prep_job **jobp);
void	sync_model_on_metric(struct sync *, struct sreq *,
	    struct http_result *, struct prep_job *);

/*
 * sync-extras.c: the metadata of `sync --extras`.  Their failures are
 * errors of the run that never make it partial and never fail a model.
 */
/* Ask for a model's apps and usage (when extras are on). */
void	sync_extras_model(struct sync *, struct smodel *);
/* Ask once for each author of the run's models. */
void	sync_extras_authors(struct sync *);
/* A model's apps or usage, or an author, arrived (or failed). */
void	sync_extras_on_response(struct sync *, struct sreq *,
	    struct http_result *, struct prep_job *);
/* Write a model's apps and usage, inside its transaction. */
void	sync_extras_write(struct sync *, struct smodel *,
	    struct ingest_hint *);
void	sync_extras_clear(struct smodel *);

#endif
