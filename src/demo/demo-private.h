/*
 * demo-private: what the demo generator's source files share.  Not for use
 * outside src/demo/.
 *
 * For every catalogue entry, demo-catalogue.c invents a base model (struct
 * demo_base) and its endpoints (struct demo_ep) from the seeded random
 * streams of demo-rng.c; demo-json.c turns them into the objects of the real
 * routes; demo-metrics.c writes the entry's metric series; demo.c drives the
 * run over entries and writes every file (demo_write()).  One struct
 * demo_gen holds the state of a run and is passed to all of them.
 *
 * Ownership: a demo_base owns its strings until demo_base_free(); endpoints
 * and the tables are plain values.  The *_json() functions return a new
 * reference the caller owns.  Every function that can fail returns 0 or -1
 * with *cause (caller frees).
 *
 * Determinism is the contract of the whole module (see demo.h): whoever
 * changes a function here must keep the order in which it draws from a
 * stream, or the same seed no longer gives the same bytes.
 */
#ifndef ORBROWSE_DEMO_PRIVATE_H
#define ORBROWSE_DEMO_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "demo/demo.h"

/* Room for a fixed count plus the endpoints later epochs add. */
#define DEMO_MAX_ENDPOINTS	(DEMO_MAX_PER_MODEL + 10)
/* The sizes of demo-catalogue.c's tables (it checks them). */
#define DEMO_NPROVIDERS		40
#define DEMO_NAUTHORS		50

/* A compile-time check: C99 has no static_assert. */
#define DEMO_CHECK(name, cond)	typedef char name[(cond) ? 1 : -1]

/* A splitmix64 stream (demo-rng.c). */
struct demo_rng {
	uint64_t	s;
};

enum demo_variant {
	VAR_STANDARD,
	VAR_FREE,
	VAR_THINKING,
	VAR_BETA,
	VAR_COUNT
};

enum demo_suffix {
	SUF_NONE,
	SUF_INSTRUCT,
	SUF_CHAT,
	SUF_CODER,
	SUF_VISION,
	SUF_REASONER,
	SUF_COUNT
};

/* The supported parameters an endpoint may have, as bits: BIT(P_*). */
enum {
	P_MAX_TOKENS, P_TEMPERATURE, P_TOP_P, P_REASONING, P_INCLUDE_REASONING,
	P_STOP, P_FREQUENCY_PENALTY, P_PRESENCE_PENALTY, P_SEED, P_TOP_K,
	P_MIN_P, P_REPETITION_PENALTY, P_LOGPROBS, P_LOGIT_BIAS,
	P_TOP_LOGPROBS, P_RESPONSE_FORMAT, P_STRUCTURED_OUTPUTS, P_TOOLS,
	P_TOOL_CHOICE, P_COUNT
};

#define BIT(n)	(1U << (n))

struct demo_provider {
	const char	*name;		/* provider_name */
	const char	*display;	/* provider_display_name */
	const char	*slug;
	const char	*hq;		/* NULL: the key is absent */
	int		 training;	/* trains on paid prompts */
	int		 retains;	/* -1: the key is absent */
	int		 retention_days;/* 0: the key is absent */
	int		 free_trains;	/* free endpoints train */
	int		 privacy_url;	/* has a privacyPolicyURL */
	int		 moderated;
	int		 completions;	/* hasCompletions */
	int		 status_page;
};

struct demo_family {
	const char	*display;
	const char	*slug;
};

struct demo_author {
	const char	*slug;
	const char	*name;
};

/*
 * The 2026 price parts of an endpoint (demo-pricing.c), drawn from a
 * stream of their own so that adding them changed no other value.  Prices
 * of the endpoint's prompt or completion price are percentages, so that
 * they follow an epoch's price drift; 0 everywhere means no key.
 */
#define DEMO_MAX_TIERS	2
struct demo_extra {
	unsigned	 cache_write_1h;	/* percent of prompt */
	unsigned	 reasoning;		/* percent of completion */
	uint64_t	 request;		/* 1e-10 USD units */
	uint64_t	 web_search;
	unsigned	 ntiers;
	int64_t		 tier_min[DEMO_MAX_TIERS];	/* min_prompt_tokens */
	unsigned	 tier_pct[DEMO_MAX_TIERS];
	int		 win_start;		/* HHMM */
	int		 win_end;
	unsigned	 win_pct;		/* 0: no window */
};

/* One endpoint, before it becomes JSON. */
struct demo_ep {
	char		 id[37];
	uint64_t	 mseed;		/* seeds the metric series */
	unsigned	 prov;
	unsigned	 quant;
	int64_t		 ctx;		/* -1: null */
	int64_t		 max_out;	/* -1: null */
	uint64_t	 prompt;
	uint64_t	 completion;
	uint64_t	 cache_read;	/* 0: no key */
	uint64_t	 cache_write;	/* 0: no key */
	uint64_t	 image;
	struct demo_extra extra;	/* demo-pricing.c */
	int		 router;	/* prices are "-1" */
	int		 tools;
	int		 deranked;
	int		 disabled;
	int64_t		 limit_rpm;	/* -1: null */
	int64_t		 limit_rpd;
	unsigned	 params;	/* BIT(P_*) */
	double		 latency;
	double		 throughput;
	int64_t		 requests;
	int		 status;
	double		 uptime;	/* uptime_last_30m; < 0: no key */
	unsigned	 ord;		/* place at epoch 0 (later: MAX) */
};

/* One base model: the standard variant and any others share it. */
struct demo_base {
	struct demo_rng		 rng;
	const struct demo_author	*author;
	const struct demo_family	*family;
	const struct demo_size		*size;
	enum demo_suffix		 suffix;
	char				*name;
	char				*short_name;
	char				*slug;
	char				*permaslug;
	char				*hf_slug;
	char				*description;
	char				 group_id[37];	/* "": null */
	const char			*group;
	const char			*instruct_type;
	int64_t				 created;
	int64_t				 updated;
	unsigned			 created_us;
	unsigned			 updated_us;
	unsigned			 ctx;
	int				 images;
	int				 tools;
	int				 reasoning;
	int				 router;
	int				 retired;
	int				 hidden;
	int				 has[VAR_COUNT];
	/* demo-history.c: at the run's epoch. */
	unsigned			 idx;
	int64_t				 expiry;	/* 0: the default
							 * rule, -1: none,
							 * else a day */
	int				 unborn;	/* not launched yet */
	int				 revived;	/* retired later */
	uint64_t			 prompt;
	uint64_t			 completion;

	/* The standard variant's endpoints, reused by thinking and beta. */
	struct demo_ep			 std[DEMO_MAX_ENDPOINTS];
	unsigned			 nstd;
	unsigned			 nstd0;		/* at epoch 0 */
};

/*
 * One run, set up by demo_generate_opts() and read or updated by every
 * part.  Days are day numbers of util/civil.h.
 */
struct demo_gen {
	const char		*dir;
	uint64_t		 seed;
	struct demo_stats	*st;
	unsigned		 author_count[DEMO_NAUTHORS];
	unsigned char		 used[DEMO_NPROVIDERS];
	unsigned		 serial;	/* endpoints generated so far */
	unsigned		 fixed;		/* endpoints per entry, or 0 */
	unsigned		 epoch;
	int			 no_metrics;
	int			 extras;	/* demo-meta.c's files */
	int64_t			 first_day;	/* first creation day */
	int64_t			 last_day;	/* last creation day */
	int64_t			 end_day;	/* last metric day */
	json_t			*v1;
	json_t			*catalogue;
	/* demo.h's sink and what the entry being written is. */
	const struct demo_sink	*sink;
	int			 no_catalogue;
	const char		*cur_key;
	unsigned		 listed;	/* entries listed */
	/* demo-history.c's picks (the demo catalogue only). */
	int			 picked_degrade;
	unsigned		 degrade_idx;
	char			 degrade_id[37];	/* "": none */
	int			 picked_expiry;
	json_t			*latest;	/* demo-media.c's */
};

/* demo.c: write root as dir/name (indented, or compact for the scale set). */
int	demo_write(struct demo_gen *, const char *name, json_t *root,
	    char **cause);
/* demo_write() of {"data": data}; takes data's reference. */
int	demo_write_data(struct demo_gen *, const char *name, json_t *data,
	    char **cause);

/*
 * demo-rng.c: demo_rng_seed() starts a stream from two numbers (the seed
 * and what the stream is for); the others draw from it.  demo_round_to()
 * rounds to a multiple of step; demo_rng_uuid() writes a version 4 UUID and
 * puts spare bits in *bits (may be NULL).
 */
void	 demo_rng_seed(struct demo_rng *, uint64_t a, uint64_t b);
uint64_t demo_rng_next(struct demo_rng *);
unsigned demo_rng_below(struct demo_rng *, unsigned n);
int	 demo_rng_chance(struct demo_rng *, unsigned percent);
double	 demo_rng_unit(struct demo_rng *);
unsigned demo_rng_weighted(struct demo_rng *, const unsigned *weights,
	     size_t n);
double	 demo_rng_spread(struct demo_rng *, double lo, double hi);
void	 demo_rng_uuid(struct demo_rng *, char out[37], uint64_t *bits);
double	 demo_round_to(double x, double step);
uint64_t demo_price_round(uint64_t units);

/*
 * demo-catalogue.c: the tables (providers, quantizations), base model
 * number idx (demo_base_free() frees its strings, not m), and the
 * endpoints of one catalogue entry at the run's epoch, into eps (room for
 * DEMO_MAX_ENDPOINTS); returns their number.
 */
extern const struct demo_provider	demo_providers[];
extern const struct demo_author		demo_authors[];
extern const char *const		demo_quants[];
void		demo_base_make(struct demo_gen *, unsigned idx,
		    struct demo_base *m);
void		demo_base_free(struct demo_base *m);
unsigned	demo_entry_eps(struct demo_gen *, struct demo_base *m,
		    enum demo_variant, struct demo_ep *eps);

/*
 * demo-json.c: the objects of the real routes.  demo_ep_json() takes a
 * reference of its own to model; demo_stats_json() is the endpoint's
 * "stats" member; demo_num_json() writes an integral number as an integer.
 */
extern const char *const	demo_variant_names[VAR_COUNT];
json_t	*demo_model_json(const struct demo_base *, enum demo_variant);
json_t	*demo_ep_json(const struct demo_base *, enum demo_variant,
	    const struct demo_ep *, json_t *model, const char *vslug,
	    const char *vperma);
json_t	*demo_stats_json(const struct demo_ep *);
json_t	*demo_v1_json(const struct demo_base *, enum demo_variant,
	    const struct demo_ep *, const char *vslug);
json_t	*demo_num_json(double);
/* A price in 1e-10 USD units as the site writes it: "0.0000025", "0". */
json_t	*demo_price_json(uint64_t units);

/*
 * demo-pricing.c: demo_extra_make() fills e->extra for an endpoint of
 * variant v whose other fields are set; demo_extra_json() adds its keys
 * (and "overrides") to the pricing object o, in e's current prices.
 */
void	demo_extra_make(struct demo_gen *, const struct demo_base *,
	    enum demo_variant, struct demo_ep *e);
void	demo_extra_json(const struct demo_ep *e, json_t *o);

/*
 * demo-meta.c (with g->extras): catalogue entry number entry's usage and
 * top apps, and after the last entry every author's page.
 */
int	demo_meta_entry(struct demo_gen *, const struct demo_base *,
	    enum demo_variant, const char *vperma, unsigned entry,
	    char **cause);
int	demo_meta_authors(struct demo_gen *, char **cause);

/*
 * demo-history.c (the demo catalogue, not the scale set): what base model m
 * is at the run's epoch (launched yet, retired yet, its expiry);
 * demo_history_pick() notes the endpoint that degrades among an entry's
 * epoch-0 endpoints, demo_history_kept() says whether an endpoint is that
 * one (no epoch removes it), and demo_history_eps() applies the epoch's
 * story to an entry's endpoints after its random rounds.
 */
void	demo_history_base(struct demo_gen *, unsigned idx,
	    struct demo_base *m);
void	demo_history_pick(struct demo_gen *, const struct demo_base *,
	    enum demo_variant, const struct demo_ep *eps, unsigned n);
int	demo_history_kept(const struct demo_gen *, const struct demo_ep *);
void	demo_history_eps(struct demo_gen *, const struct demo_base *,
	    struct demo_ep *eps, unsigned n);

/*
 * demo.c: write an entry's endpoint listing (stats-endpoint-NNNN), unless
 * the sink has it.  how (may be NULL) gives the embedded model object
 * (borrowed) and each endpoint's price list, for entries that are not
 * text models.
 */
struct demo_listing_how {
	json_t	*model;
	json_t	*(*pricing)(const void *arg, const struct demo_ep *);
	const void *arg;
};
int	demo_listing_put(struct demo_gen *, const struct demo_base *,
	    enum demo_variant, const struct demo_ep *eps, unsigned n,
	    const char *vslug, const char *vperma, unsigned entry,
	    const struct demo_listing_how *, char **cause);

/*
 * demo-media.c (the demo catalogue): demo_media_note() keeps a listed
 * standard model as a ~ alias candidate; demo_media_write() adds the media
 * models, as entries from number entry on, and the ~ aliases.
 */
void	demo_media_note(struct demo_gen *, const struct demo_base *);
int	demo_media_write(struct demo_gen *, unsigned entry, char **cause);

/* demo-metrics.c: the metric files of catalogue entry number entry. */
int	demo_metrics_write(struct demo_gen *, unsigned entry,
	    const struct demo_ep *eps, unsigned n, char **cause);

#endif
