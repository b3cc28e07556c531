#include "config.h"

#include "demo/demo.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "util/buf.h"
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
#define DEMO_DAYS		30
#define DEMO_UPTIME_DAYS	3
/* Room for a fixed count plus the endpoints later epochs add. */
#define DEMO_MAX_ENDPOINTS	(DEMO_MAX_PER_MODEL + 10)
#define DEMO_JSON_FLAGS	(JSON_INDENT(2) | JSON_REAL_PRECISION(10))
/* The scale set is written like the API sends it: compact. */
#define DEMO_JSON_COMPACT (JSON_COMPACT | JSON_REAL_PRECISION(10))

/* Prices are integers in units of 1e-10 USD per token ($0.0001 per 1M). */
#define PRICE_DIGITS		10
#define PRICE_SCALE		10000000000ULL
#define PRICE_MIN		200ULL		/* $0.02 per 1M tokens */
#define PRICE_MAX		750000ULL	/* $75 per 1M tokens */

struct rng {
	uint64_t	s;
};

enum demo_variant {
	VAR_STANDARD,
	VAR_FREE,
	VAR_THINKING,
	VAR_BETA,
	VAR_COUNT
};

static const char *const demo_variant_names[VAR_COUNT] = {
	"standard", "free", "thinking", "beta"
};
/* What the site appends to a variant's display name. */
static const char *const demo_variant_labels[VAR_COUNT] = {
	NULL, "free", "thinking", "self-moderated"
};

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

static const struct demo_provider demo_providers[] = {
	{ "Nimbus", "Nimbus Compute", "nimbus", "US", 0, 0, 0, 0, 1, 0, 1, 1 },
	{ "Tessera", "Tessera AI", "tessera", "US", 0, -1, 0, 1, 1, 0, 1, 0 },
	{ "Quillworks", "Quillworks", "quillworks", "GB", 0, 0, 0, 0, 1, 0, 1,
	  0 },
	{ "Halcyon", "Halcyon Cloud", "halcyon", "US", 0, 1, 30, 0, 1, 1, 0,
	  1 },
	{ "Bramble", "Bramble Inference", "bramble", "CA", 0, -1, 0, 1, 0, 0,
	  1, 0 },
	{ "Lumiere", "Lumière Labs", "lumiere", "FR", 0, 0, 0, 0, 1, 0, 1, 0 },
	{ "Stratus Forge", "Stratus Forge", "stratus-forge", "US", 0, 0, 0, 0,
	  1, 0, 1, 1 },
	{ "Kestrel", "Kestrel Systems", "kestrel", "DE", 0, 0, 0, 0, 1, 0, 1,
	  0 },
	{ "Ironbark", "Ironbark", "ironbark", "US", 0, -1, 0, 1, 1, 0, 1, 0 },
	{ "Pallas", "Pallas Compute", "pallas", "US", 0, 0, 0, 0, 1, 0, 1, 0 },
	{ "Verdant", "Verdant GPU", "verdant", "NL", 0, -1, 0, 0, 1, 0, 1, 0 },
	{ "Cobalt Run", "Cobalt Run", "cobalt-run", "US", 0, 0, 0, 1, 1, 0, 1,
	  0 },
	{ "Orrery", "Orrery", "orrery", "SG", 1, 1, 0, 1, 1, 0, 1, 0 },
	{ "Tidewater", "Tidewater AI", "tidewater", "US", 0, 1, 45, 0, 1, 1, 0,
	  1 },
	{ "Sable", "Sable Serve", "sable", NULL, 0, -1, 0, 1, 0, 0, 1, 0 },
	{ "Mistwood", "Mistwood", "mistwood", "US", 0, 0, 0, 0, 1, 0, 1, 0 },
	{ "Axiom Flow", "Axiom Flow", "axiomflow", "US", 0, 0, 0, 0, 1, 0, 1,
	  1 },
	{ "Juniper", "Juniper Stack", "juniper", "US", 0, -1, 0, 1, 1, 0, 1,
	  0 },
	{ "Ember", "Ember Inference", "ember", "US", 0, 0, 0, 0, 1, 0, 1, 0 },
	{ "Polaris", "Polaris Grid", "polaris-grid", "FI", 0, 0, 0, 0, 1, 0,
	  1, 0 },
	{ "Copperline", "Copperline", "copperline", "US", 0, -1, 0, 1, 1, 0,
	  1, 0 },
	{ "Harbor", "Harbor Tensor", "harbor", "US", 0, 0, 0, 0, 1, 0, 1, 0 },
	{ "Wren", "Wren Cloud", "wren", "IE", 0, 1, 30, 0, 1, 1, 1, 1 },
	{ "Obsidian", "Obsidian Works", "obsidian", "US", 0, 0, 0, 0, 1, 0, 1,
	  0 },
	{ "Saffron", "Saffron AI", "saffron", "IN", 1, 1, 0, 1, 0, 0, 1, 0 },
	{ "Larkspur", "Larkspur", "larkspur", "US", 0, -1, 0, 0, 1, 0, 1, 0 },
	{ "Meridian", "Meridian Nodes", "meridian", "US", 0, 0, 0, 0, 1, 0, 1,
	  0 },
	{ "Thistle", "Thistle Compute", "thistle", "GB", 0, 0, 0, 1, 1, 0, 1,
	  0 },
	{ "Basalt", "Basalt", "basalt", "US", 0, -1, 0, 0, 1, 0, 1, 0 },
	{ "Foxglove", "Foxglove AI", "foxglove", "US", 0, 0, 0, 1, 1, 0, 1, 0 },
	{ "Cinder", "Cinder Labs", "cinder", "US", 0, 1, 0, 1, 1, 0, 1, 0 },
	{ "Quasar", "Quasar Host", "quasar", "JP", 0, 0, 0, 0, 1, 0, 0, 0 },
	{ "Marigold", "Marigold", "marigold", "US", 0, -1, 0, 0, 0, 0, 1, 0 },
	{ "Northwind", "Northwind Tensor", "northwind", "SE", 0, 0, 0, 0, 1,
	  0, 1, 0 },
	{ "Velvet", "Velvet Inference", "velvet", "US", 1, 1, 0, 1, 1, 0, 1,
	  0 },
	{ "Granite Peak", "Granite Peak", "granite-peak", "US", 0, 0, 0, 0, 1,
	  0, 1, 1 },
	{ "Aurora", "Aurora Serve", "aurora-serve", "NO", 0, 0, 0, 0, 1, 0, 1,
	  0 },
	{ "Kiln", "Kiln", "kiln", "US", 0, -1, 0, 1, 1, 0, 1, 0 },
	{ "Driftwood", "Driftwood AI", "driftwood", "AU", 0, 0, 0, 0, 1, 0, 1,
	  0 },
	{ "Zephyr", "Zephyr Compute", "zephyr", "US", 0, 1, 14, 0, 1, 1, 0, 1 },
};
#define NPROVIDERS (sizeof demo_providers / sizeof demo_providers[0])

struct demo_author {
	const char	*slug;
	const char	*name;
};

static const struct demo_author demo_authors[] = {
	{ "corvid", "Corvid" }, { "aster", "Aster" },
	{ "brightloom", "BrightLoom" }, { "cairn", "Cairn AI" },
	{ "delphic", "Delphic" }, { "eloquent", "Eloquent Labs" },
	{ "fennec", "Fennec" }, { "gossamer", "Gossamer" },
	{ "hollow-oak", "Hollow Oak" }, { "inkwell", "Inkwell" },
	{ "jadeite", "Jadeite" }, { "kindling", "Kindling" },
	{ "lattice", "Lattice Research" }, { "mooncalf", "Mooncalf" },
	{ "nettle", "Nettle" }, { "opaline", "Opaline" },
	{ "pinecone", "Pinecone Lab" }, { "quiver", "Quiver" },
	{ "rookery", "Rookery" }, { "sundial", "Sundial" },
	{ "tangram", "Tangram" }, { "umber", "Umber" },
	{ "vellum", "Vellum" }, { "wisteria", "Wisteria" },
	{ "yarrow", "Yarrow" }, { "zenith", "Zenith Research" },
	{ "arbor", "Arbor" }, { "bellwether", "Bellwether" },
	{ "coral-mind", "Coral Mind" }, { "dune", "Dune" },
	{ "estuary", "Estuary" }, { "fable", "Fable AI" },
	{ "glimmer", "Glimmer" }, { "heronry", "Heronry" },
	{ "isotope", "Isotope" }, { "jovian", "Jovian" },
	{ "kelp", "Kelp" }, { "lodestar", "Lodestar" },
	{ "mosaic", "Mosaic Labs" }, { "nova-park", "Nova Park" },
	{ "oriel", "Oriel" }, { "prismworks", "Prism Works" },
	{ "quartzline", "Quartzline" }, { "ripple", "Ripple" },
	{ "solace", "Solace" }, { "thimble", "Thimble" },
	{ "unison", "Unison" }, { "vireo", "Vireo" },
	{ "whorl", "Whorl" }, { "yonder", "Yonder" },
};
#define NAUTHORS (sizeof demo_authors / sizeof demo_authors[0])

struct demo_family {
	const char	*display;
	const char	*slug;
};

static const struct demo_family demo_families[] = {
	{ "Lark", "lark" }, { "Heron", "heron" }, { "Quill", "quill" },
	{ "Tern", "tern" }, { "Vale", "vale" }, { "Glint", "glint" },
	{ "Bolt", "bolt" }, { "Sprout", "sprout" }, { "Echo", "echo" },
	{ "Drift", "drift" }, { "Ridge", "ridge" }, { "Fern", "fern" },
	{ "Mica", "mica" }, { "Opal", "opal" }, { "Pike", "pike" },
	{ "Rune", "rune" }, { "Sage", "sage" }, { "Tarn", "tarn" },
	{ "Umbra", "umbra" }, { "Vesper", "vesper" }, { "Wisp", "wisp" },
	{ "Yew", "yew" }, { "Zest", "zest" }, { "Aria", "aria" },
	{ "Brio", "brio" }, { "Cove", "cove" }, { "Dell", "dell" },
	{ "Flint", "flint" }, { "Gale", "gale" }, { "Haze", "haze" },
	{ "Iris", "iris" }, { "Jett", "jett" }, { "Knoll", "knoll" },
	{ "Loom", "loom" }, { "Moss", "moss" }, { "Nook", "nook" },
	{ "Onyx", "onyx" }, { "Plume", "plume" }, { "Reed", "reed" },
	{ "Slate", "slate" }, { "Thorn", "thorn" },
};
#define NFAMILIES (sizeof demo_families / sizeof demo_families[0])

/* A deliberately wide-character family name, as real catalogues have. */
static const struct demo_family demo_family_cjk = { "星河模型", "xinghe" };

struct demo_size {
	const char	*label;
	const char	*slug;
	int		 class;		/* 0 small .. 3 frontier */
	int		 open;		/* open weights, has an hf_slug */
};

static const struct demo_size demo_sizes[] = {
	{ "1B", "1b", 0, 1 }, { "3B", "3b", 0, 1 }, { "7B", "7b", 0, 1 },
	{ "8B", "8b", 0, 1 }, { "12B", "12b", 1, 1 }, { "14B", "14b", 1, 1 },
	{ "24B", "24b", 1, 1 }, { "32B", "32b", 1, 1 }, { "70B", "70b", 2, 1 },
	{ "72B", "72b", 2, 1 }, { "120B", "120b", 2, 1 },
	{ "235B A22B", "235b-a22b", 3, 1 }, { "405B", "405b", 3, 1 },
	{ "Mini", "mini", 1, 0 }, { "Flash", "flash", 1, 0 },
	{ "Pro", "pro", 3, 0 }, { "Ultra", "ultra", 3, 0 },
};
#define NSIZES (sizeof demo_sizes / sizeof demo_sizes[0])

enum demo_suffix {
	SUF_NONE,
	SUF_INSTRUCT,
	SUF_CHAT,
	SUF_CODER,
	SUF_VISION,
	SUF_REASONER,
	SUF_COUNT
};

static const char *const demo_suffix_labels[SUF_COUNT] = {
	NULL, "Instruct", "Chat", "Coder", "Vision", "Reasoner"
};
static const char *const demo_suffix_slugs[SUF_COUNT] = {
	NULL, "instruct", "chat", "coder", "vision", "reasoner"
};

static const char *const demo_uses[] = {
	"everyday assistant work", "long document analysis",
	"agentic tool use", "code generation and review", "multilingual chat",
	"structured data extraction", "summarisation", "tutoring and math"
};
#define NUSES (sizeof demo_uses / sizeof demo_uses[0])

static const char *const demo_classes[] = {
	"compact", "mid-sized", "large", "frontier-scale"
};

static const unsigned demo_contexts[] = {
	4096, 8192, 32768, 65536, 131072, 200000, 262144, 1048576
};
static const unsigned demo_context_weights[] = { 4, 8, 22, 10, 30, 10, 10, 6 };
#define NCONTEXTS (sizeof demo_contexts / sizeof demo_contexts[0])

/* Index 0 is a JSON null. */
static const char *const demo_quants[] = {
	NULL, "fp8", "bf16", "fp16", "int4", "fp6", "unknown"
};
static const unsigned demo_quant_weights[] = { 35, 22, 15, 3, 2, 3, 20 };
#define NQUANTS (sizeof demo_quants / sizeof demo_quants[0])

/* Reference prompt prices per 1M tokens, in units of $0.0001. */
static const uint64_t demo_prices[] = {
	200, 300, 400, 500, 600, 700, 800, 900, 1000, 1200, 1500, 2000, 2500,
	3000, 4000, 5000, 6000, 8000, 10000, 12000, 15000, 20000, 25000, 30000,
	40000, 50000, 80000, 100000, 120000, 150000
};
#define NPRICES (sizeof demo_prices / sizeof demo_prices[0])

enum {
	P_MAX_TOKENS, P_TEMPERATURE, P_TOP_P, P_REASONING, P_INCLUDE_REASONING,
	P_STOP, P_FREQUENCY_PENALTY, P_PRESENCE_PENALTY, P_SEED, P_TOP_K,
	P_MIN_P, P_REPETITION_PENALTY, P_LOGPROBS, P_LOGIT_BIAS,
	P_TOP_LOGPROBS, P_RESPONSE_FORMAT, P_STRUCTURED_OUTPUTS, P_TOOLS,
	P_TOOL_CHOICE, P_COUNT
};

static const char *const demo_params[P_COUNT] = {
	"max_tokens", "temperature", "top_p", "reasoning", "include_reasoning",
	"stop", "frequency_penalty", "presence_penalty", "seed", "top_k",
	"min_p", "repetition_penalty", "logprobs", "logit_bias", "top_logprobs",
	"response_format", "structured_outputs", "tools", "tool_choice"
};

#define BIT(n)	(1U << (n))

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
};

/* One base model: the standard variant and any others share it. */
struct demo_base {
	struct rng			 rng;
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
	uint64_t			 prompt;
	uint64_t			 completion;

	/* The standard variant's endpoints, reused by thinking and beta. */
	struct demo_ep			 std[DEMO_MAX_ENDPOINTS];
	unsigned			 nstd;
};

struct demo_gen {
	const char		*dir;
	uint64_t		 seed;
	struct demo_stats	*st;
	unsigned		 author_count[NAUTHORS];
	unsigned char		 used[NPROVIDERS];
	unsigned		 serial;	/* endpoints generated so far */
	unsigned		 fixed;		/* endpoints per entry, or 0 */
	unsigned		 epoch;
	int			 no_metrics;
	int64_t			 first_day;	/* first creation day */
	int64_t			 last_day;	/* last creation day */
	int64_t			 end_day;	/* last metric day */
	json_t			*v1;
	json_t			*catalogue;
};

static uint64_t
rng_next(struct rng *r)
{
	uint64_t	z;

	z = (r->s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return (z ^ (z >> 31));
}

static void
rng_seed(struct rng *r, uint64_t a, uint64_t b)
{
	r->s = a ^ 0x6a09e667f3bcc909ULL;
	r->s = rng_next(r) ^ b;
	(void)rng_next(r);
}

static unsigned
rng_below(struct rng *r, unsigned n)
{
	return ((unsigned)(rng_next(r) % n));
}

static int
rng_chance(struct rng *r, unsigned percent)
{
	return (rng_below(r, 100) < percent);
}

static double
rng_unit(struct rng *r)
{
	return ((double)(rng_next(r) >> 11) / 9007199254740992.0);
}

static unsigned
rng_weighted(struct rng *r, const unsigned *w, size_t n)
{
	unsigned	total = 0, x;
	size_t		i;

	for (i = 0; i < n; i++)
		total += w[i];
	x = rng_below(r, total);
	for (i = 0; i < n - 1; i++) {
		if (x < w[i])
			break;
		x -= w[i];
	}
	return ((unsigned)i);
}

/*
 * Roughly log-uniform in [lo, hi]: a random octave, then a uniform position
 * inside it.  Only multiplication, so no libm differences.
 */
static double
rng_spread(struct rng *r, double lo, double hi)
{
	unsigned	octaves = 0, k;
	double		x;

	for (x = lo; x * 2 < hi; x *= 2)
		octaves++;
	k = rng_below(r, octaves + 1);
	for (x = lo; k > 0; k--)
		x *= 2;
	x *= 1 + rng_unit(r);
	if (x > hi)
		x = hi - (hi - lo) * 0.1 * rng_unit(r);
	return (x);
}

static double
round_to(double x, double step)
{
	return (floor(x / step + 0.5) * step);
}

static int64_t
days_from_civil(int y, unsigned m, unsigned d)
{
	int64_t		era, yy;
	unsigned	yoe, doy, doe;

	yy = y - (m <= 2);
	era = (yy >= 0 ? yy : yy - 399) / 400;
	yoe = (unsigned)(yy - era * 400);
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + (int64_t)doe - 719468);
}

static void
civil_from_days(int64_t z, int *y, unsigned *m, unsigned *d)
{
	int64_t		era;
	unsigned	doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = (int)((int64_t)yoe + era * 400 + (*m <= 2));
}

/* "YYYY-MM-DD 00:00:00", as the metric routes write dates. */
static void
fmt_day(char *out, size_t len, int64_t day)
{
	int		y;
	unsigned	m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, len, "%04d-%02u-%02u 00:00:00", y, m, d);
}

/* "YYYY-MM-DD HH:00:00" for hour h of a day. */
static void
fmt_hour(char *out, size_t len, int64_t day, unsigned h)
{
	int		y;
	unsigned	m, d;

	civil_from_days(day, &y, &m, &d);
	snprintf(out, len, "%04d-%02u-%02u %02u:00:00", y, m, d, h);
}

/* "YYYY-MM-DDTHH:MM:SS.ffffff+00:00", as the model timestamps are. */
static void
fmt_stamp(char *out, size_t len, int64_t t, unsigned us)
{
	int		y;
	unsigned	m, d, s;

	civil_from_days(t / 86400, &y, &m, &d);
	s = (unsigned)(t % 86400);
	snprintf(out, len, "%04d-%02u-%02uT%02u:%02u:%02u.%06u+00:00", y, m, d,
	    s / 3600, s / 60 % 60, s % 60, us);
}

/* A version 4 UUID from the stream; *bits gets entropy for later use. */
static void
make_uuid(struct rng *r, char out[37], uint64_t *bits)
{
	uint64_t	a, b;

	a = rng_next(r);
	b = rng_next(r);
	if (bits != NULL)
		*bits = a ^ (b << 1);
	a = (a & ~0xf000ULL) | 0x4000ULL;
	b = (b & ~(3ULL << 62)) | (2ULL << 62);
	snprintf(out, 37, "%08" PRIx32 "-%04" PRIx32 "-%04" PRIx32 "-%04"
	    PRIx32 "-%012" PRIx64, (uint32_t)(a >> 32),
	    (uint32_t)(a >> 16) & 0xffff, (uint32_t)a & 0xffff,
	    (uint32_t)(b >> 48), (uint64_t)(b & 0xffffffffffffULL));
}

/* Round a price to two significant digits. */
static uint64_t
price_round(uint64_t p)
{
	uint64_t	m = 1;

	while (p / m >= 100)
		m *= 10;
	return ((p + m / 2) / m * m);
}

/* A price in 1e-10 USD units as the site writes it: "0.0000025", "0". */
static json_t *
price_json(uint64_t units)
{
	char	s[64];
	size_t	len;

	snprintf(s, sizeof s, "%" PRIu64 ".%0*" PRIu64,
	    (uint64_t)(units / PRICE_SCALE), PRICE_DIGITS,
	    (uint64_t)(units % PRICE_SCALE));
	len = strlen(s);
	while (s[len - 1] == '0')
		s[--len] = '\0';
	if (s[len - 1] == '.')
		s[--len] = '\0';
	return (json_string(s));
}

/* An integral value as a JSON integer (as the site sends 777, not 777.0). */
static json_t *
num_json(double x)
{
	if (x == floor(x) && fabs(x) < 1e15)
		return (json_integer((json_int_t)x));
	return (json_real(x));
}

static json_t *
str_or_null(const char *s)
{
	return (s == NULL ? json_null() : json_string(s));
}

static json_t *
int_or_null(int64_t v)
{
	return (v < 0 ? json_null() : json_integer(v));
}

static void
set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v);
}

static void
set_str(json_t *o, const char *key, const char *s)
{
	json_object_set_new(o, key, str_or_null(s));
}

static void
set_bool(json_t *o, const char *key, int b)
{
	json_object_set_new(o, key, json_boolean(b));
}

static char *
provider_slug(const struct demo_ep *e)
{
	const struct demo_provider	*p = &demo_providers[e->prov];
	const char			*q = demo_quants[e->quant];

	if (q == NULL || strcmp(q, "unknown") == 0)
		return (xstrdup(p->slug));
	return (xasprintf("%s/%s", p->slug, q));
}

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
static int
demo_write(struct demo_gen *g, const char *name, json_t *root, char **cause)
{
	struct buf	 b = BUF_INIT;
	char		*path;
	FILE		*f = NULL;
	int		 error = 0, rc = -1;

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

static char *
hf_org(const char *name)
{
	struct buf	b = BUF_INIT;

	for (; *name != '\0'; name++) {
		if (*name != ' ')
			buf_addch(&b, *name);
	}
	return (buf_detach(&b));
}

/* Invent base model number idx, with its variants and reference prices. */
static void
demo_base_make(struct demo_gen *g, unsigned idx, struct demo_base *m)
{
	struct rng	*r = &m->rng;
	struct buf	 b = BUF_INIT;
	unsigned	 a, c, major, minor, k, lo, span;
	const char	*suffix;
	char		 version[32], *org;
	int		 y;
	unsigned	 mo, d;
	int64_t		 day;

	memset(m, 0, sizeof *m);
	rng_seed(r, g->seed, idx);

	a = rng_below(r, NAUTHORS);
	m->author = &demo_authors[a];
	c = g->author_count[a]++;
	/* Three families per author and a major version per round keep
	 * every slug unique without having to look slugs up. */
	m->family = &demo_families[(a * 7 + c % 3) % NFAMILIES];
	major = 1 + c / 3;
	minor = rng_chance(r, 40) ? 1 + rng_below(r, 9) : 0;
	if (minor != 0)
		snprintf(version, sizeof version, "%u.%u", major, minor);
	else
		snprintf(version, sizeof version, "%u", major);

	m->size = &demo_sizes[rng_below(r, NSIZES)];
	m->suffix = (enum demo_suffix)rng_weighted(r,
	    (const unsigned[]){ 20, 35, 15, 10, 10, 10 }, SUF_COUNT);
	if (!m->size->open && m->suffix == SUF_INSTRUCT)
		m->suffix = SUF_NONE;
	if (idx == 2) {
		m->family = &demo_family_cjk;
		m->suffix = SUF_CHAT;
	}
	m->router = (idx == 1);

	if (m->router) {
		m->name = xasprintf("%s: Auto Router", m->author->name);
		m->slug = xasprintf("%s/auto-router", m->author->slug);
	} else {
		suffix = demo_suffix_labels[m->suffix];
		buf_printf(&b, "%s: %s %s %s", m->author->name,
		    m->family->display, version, m->size->label);
		if (suffix != NULL)
			buf_printf(&b, " %s", suffix);
		m->name = buf_detach(&b);
		buf_printf(&b, "%s/%s-%s-%s", m->author->slug, m->family->slug,
		    version, m->size->slug);
		if (m->suffix != SUF_NONE)
			buf_printf(&b, "-%s", demo_suffix_slugs[m->suffix]);
		m->slug = buf_detach(&b);
	}
	m->short_name = xstrdup(strchr(m->name, ':') + 2);

	day = g->first_day + rng_below(r,
	    (unsigned)(g->last_day - g->first_day + 1));
	m->created = day * 86400 + rng_below(r, 86400);
	m->created_us = rng_below(r, 1000000);
	m->updated = m->created + rng_below(r, 30 * 86400);
	m->updated_us = rng_below(r, 1000000);

	civil_from_days(day, &y, &mo, &d);
	if (!m->router && rng_chance(r, 55))
		m->permaslug = xasprintf("%s-%02d%02u", m->slug, y % 100, mo);
	else
		m->permaslug = xstrdup(m->slug);

	if (m->size->open && !m->router) {
		org = hf_org(m->author->name);
		m->hf_slug = xasprintf("%s/%s", org, strchr(m->slug, '/') + 1);
		free(org);
	} else
		m->hf_slug = xstrdup("");
	if (rng_chance(r, 30))
		make_uuid(r, m->group_id, NULL);

	m->group = (m->family == &demo_family_cjk || m->router) ?
	    "Other" : m->family->display;
	switch (rng_below(r, 8)) {
	case 0:
	case 1:
		m->instruct_type = "chatml";
		break;
	case 2:
		m->instruct_type = "alpaca";
		break;
	case 3:
		m->instruct_type = "none";
		break;
	default:
		m->instruct_type = NULL;
		break;
	}

	k = rng_weighted(r, demo_context_weights, NCONTEXTS);
	if (m->size->class == 0 && k > 4)
		k -= 2;
	m->ctx = m->router ? 1048576 : demo_contexts[k];
	m->images = m->suffix == SUF_VISION || rng_chance(r, 22);
	m->tools = rng_chance(r, m->suffix == SUF_CODER ? 85 : 55);
	m->reasoning = m->suffix == SUF_REASONER || rng_chance(r, 20);

	m->has[VAR_STANDARD] = 1;
	if (!m->router) {
		m->has[VAR_FREE] = rng_chance(r, m->size->open ? 25 : 5);
		m->has[VAR_THINKING] = rng_chance(r, 6);
		m->has[VAR_BETA] = rng_chance(r, m->size->open ? 3 : 25);
		m->retired = idx > 2 && rng_chance(r, 13);
	}
	m->hidden = m->retired && rng_chance(r, 50);

	/* Reference prices grow with the size class. */
	lo = (unsigned[]){ 0, 4, 8, 16 }[m->size->class];
	span = (unsigned[]){ 9, 13, 15, 14 }[m->size->class];
	m->prompt = demo_prices[lo + rng_below(r, span)];
	m->completion = m->prompt * (1 + rng_below(r,
	    m->size->class >= 2 ? 5 : 3));
	if (m->completion > PRICE_MAX)
		m->completion = PRICE_MAX;

	buf_printf(&b, "%s is a %s %s model from %s, tuned for %s.", m->name,
	    demo_classes[m->size->class],
	    m->suffix == SUF_CODER ? "code-focused" :
	    m->suffix == SUF_REASONER ? "reasoning" :
	    m->images ? "multimodal" : "instruction-following",
	    m->author->name, demo_uses[rng_below(r, NUSES)]);
	buf_printf(&b, " It accepts up to %u tokens of context", m->ctx);
	if (m->images && m->tools)
		buf_addstr(&b, ", reads images and can call tools.");
	else if (m->images)
		buf_addstr(&b, " and reads images.");
	else if (m->tools)
		buf_addstr(&b, " and can call tools.");
	else
		buf_addstr(&b, ".");
	if (m->router)
		buf_addstr(&b, " Requests are routed to a suitable model.");
	m->description = buf_detach(&b);
}

static void
demo_base_free(struct demo_base *m)
{
	free(m->name);
	free(m->short_name);
	free(m->slug);
	free(m->permaslug);
	free(m->hf_slug);
	free(m->description);
}

/* Pick a provider not in taken; low indices are more popular. */
static unsigned
pick_provider(struct rng *r, const unsigned *taken, unsigned ntaken)
{
	unsigned	p, a, b, i;

	for (;;) {
		a = rng_below(r, NPROVIDERS);
		b = rng_below(r, NPROVIDERS);
		p = rng_chance(r, 50) ? (a < b ? a : b) : a;
		for (i = 0; i < ntaken; i++) {
			if (taken[i] == p)
				break;
		}
		if (i == ntaken)
			return (p);
	}
}

static void
demo_ep_make(struct demo_gen *g, struct demo_base *m, enum demo_variant v,
    unsigned prov, struct demo_ep *e)
{
	static const int64_t	 shorter[] = { 131072, 128000, 65536, 32768,
				     163840 };
	static const int64_t	 outs[] = { 4096, 8192, 16384, 32768, 65536,
				     131072 };
	struct rng		*r = &m->rng;
	unsigned		 pct, p;
	int64_t			 c;

	memset(e, 0, sizeof *e);
	make_uuid(r, e->id, &e->mseed);
	e->prov = prov;
	e->quant = m->size->open ?
	    rng_weighted(r, demo_quant_weights, NQUANTS) :
	    (rng_chance(r, 20) ? NQUANTS - 1 : 0);

	if (g->serial++ % 97 == 13)
		e->ctx = -1;
	else if (rng_chance(r, 75))
		e->ctx = m->ctx;
	else {
		c = shorter[rng_below(r, 5)];
		e->ctx = c < (int64_t)m->ctx ? c : (int64_t)m->ctx;
	}
	if (rng_chance(r, 40))
		e->max_out = -1;
	else {
		c = outs[rng_below(r, 6)];
		e->max_out = (e->ctx >= 0 && c > e->ctx) ? e->ctx : c;
	}

	if (m->router)
		e->router = 1;
	else if (v != VAR_FREE) {
		pct = (unsigned[]){ 80, 90, 100, 100, 100, 110, 125, 150 }
		    [rng_below(r, 8)];
		e->prompt = price_round(m->prompt * pct / 100);
		e->completion = price_round(m->completion * pct / 100);
		if (e->prompt < PRICE_MIN)
			e->prompt = PRICE_MIN;
		if (e->completion < PRICE_MIN)
			e->completion = PRICE_MIN;
		if (e->completion > PRICE_MAX)
			e->completion = PRICE_MAX;
		if (rng_chance(r, m->size->open ? 12 : 60)) {
			e->cache_read = price_round(e->prompt /
			    (rng_chance(r, 50) ? 4 : 10));
			if (rng_chance(r, 40))
				e->cache_write = price_round(e->prompt * 5 / 4);
		}
		if (m->images && rng_chance(r, 30))
			e->image = (uint64_t[]){ 4000000, 12000000, 24000000,
			    48000000 }[rng_below(r, 4)];
	}

	e->tools = m->tools && rng_chance(r, 85);
	p = BIT(P_MAX_TOKENS) | BIT(P_TEMPERATURE) | BIT(P_TOP_P);
	if (rng_chance(r, 90))
		p |= BIT(P_STOP);
	if (rng_chance(r, 80))
		p |= BIT(P_FREQUENCY_PENALTY) | BIT(P_PRESENCE_PENALTY);
	if (rng_chance(r, 60))
		p |= BIT(P_SEED);
	if (rng_chance(r, 50))
		p |= BIT(P_TOP_K) | BIT(P_MIN_P) | BIT(P_REPETITION_PENALTY);
	if (rng_chance(r, 30))
		p |= BIT(P_LOGPROBS) | BIT(P_LOGIT_BIAS) | BIT(P_TOP_LOGPROBS);
	if (rng_chance(r, 40)) {
		p |= BIT(P_RESPONSE_FORMAT);
		if (rng_chance(r, 50))
			p |= BIT(P_STRUCTURED_OUTPUTS);
	}
	if (e->tools)
		p |= BIT(P_TOOLS) | BIT(P_TOOL_CHOICE);
	if (m->reasoning || v == VAR_THINKING)
		p |= BIT(P_REASONING) | BIT(P_INCLUDE_REASONING);
	e->params = p;

	e->deranked = rng_chance(r, 3);
	e->disabled = rng_below(r, 150) == 0;
	e->limit_rpm = e->limit_rpd = -1;
	if (v == VAR_FREE) {
		if (rng_chance(r, 30))
			e->limit_rpm = 20;
		if (rng_chance(r, 20))
			e->limit_rpd = rng_chance(r, 50) ? 50 : 1000;
	} else if (rng_chance(r, 2))
		e->limit_rpm = rng_chance(r, 50) ? 60 : 500;

	e->latency = rng_spread(r, 150, 4000);
	e->latency = round_to(e->latency, rng_chance(r, 70) ? 1 : 0.5);
	e->throughput = round_to(rng_spread(r, 5, 300), 0.001);
	e->requests = (int64_t)rng_spread(r, 10, 500000);
	pct = rng_below(r, 100);
	e->status = pct < 92 ? 0 : (pct < 96 ? -2 : -3);
}

/* The 24-key model object, embedded in endpoints and the catalogue. */
static json_t *
demo_model_json(const struct demo_base *m, enum demo_variant v)
{
	const char	*label = demo_variant_labels[v];
	json_t		*o, *a, *rc;
	char		 ts[64];
	char		*s;

	o = json_object();
	set_str(o, "slug", m->slug);
	set_str(o, "hf_slug", m->hf_slug);
	fmt_stamp(ts, sizeof ts, m->updated, m->updated_us);
	set_str(o, "updated_at", ts);
	fmt_stamp(ts, sizeof ts, m->created, m->created_us);
	set_str(o, "created_at", ts);
	set(o, "hf_updated_at", json_null());
	if (label != NULL) {
		s = xasprintf("%s (%s)", m->name, label);
		set_str(o, "name", s);
		free(s);
		s = xasprintf("%s (%s)", m->short_name, label);
		set_str(o, "short_name", s);
		free(s);
	} else {
		set_str(o, "name", m->name);
		set_str(o, "short_name", m->short_name);
	}
	set_str(o, "author", m->author->slug);
	set_str(o, "description", m->description);
	set_str(o, "model_version_group_id",
	    m->group_id[0] != '\0' ? m->group_id : NULL);
	set(o, "context_length", json_integer(m->ctx));
	a = json_array();
	json_array_append_new(a, json_string("text"));
	if (m->images)
		json_array_append_new(a, json_string("image"));
	set(o, "input_modalities", a);
	a = json_array();
	json_array_append_new(a, json_string("text"));
	set(o, "output_modalities", a);
	set_bool(o, "has_text_output", 1);
	set_str(o, "group", m->group);
	set_str(o, "instruct_type", m->instruct_type);
	set(o, "default_system", json_null());
	a = json_array();
	if (m->instruct_type != NULL &&
	    strcmp(m->instruct_type, "chatml") == 0) {
		json_array_append_new(a, json_string("<|im_start|>"));
		json_array_append_new(a, json_string("<|im_end|>"));
	}
	set(o, "default_stops", a);
	set_bool(o, "hidden", m->hidden);
	set(o, "router", json_null());
	set(o, "warning_message", m->retired ? json_string(
	    "This model is no longer served.") : json_null());
	set_str(o, "permaslug", m->permaslug);
	if (m->reasoning) {
		rc = json_object();
		set_str(rc, "start_token", "<think>");
		set_str(rc, "end_token", "</think>");
		set(o, "reasoning_config", json_deep_copy(rc));
		a = json_object();
		set(a, "reasoning_config", rc);
		set(o, "features", a);
	} else {
		set(o, "reasoning_config", json_null());
		set(o, "features", json_object());
	}
	return (o);
}

/* A provider's own data policy (provider_info.dataPolicy). */
static json_t *
demo_policy_json(const struct demo_provider *p, int top, int is_free)
{
	json_t	*o, *paid, *fm;
	int	 training, retains;

	o = json_object();
	set(o, "termsOfServiceURL", json_sprintf("https://%s.example/terms",
	    p->slug));
	if (p->privacy_url)
		set(o, "privacyPolicyURL",
		    json_sprintf("https://%s.example/privacy", p->slug));
	paid = json_object();
	set_bool(paid, "training", p->training);
	if (p->retains >= 0)
		set_bool(paid, "retainsPrompts", p->retains);
	if (p->retention_days > 0)
		set(paid, "retentionDays", json_integer(p->retention_days));
	set(o, "paidModels", paid);
	if (p->free_trains) {
		fm = json_object();
		set_bool(fm, "training", 1);
		set_bool(fm, "retainsPrompts", 1);
		set(o, "freeModels", fm);
	}
	if (!top)
		return (o);

	/* The endpoint's copy also states what applies to it. */
	training = p->training;
	retains = p->retains;
	if (is_free && p->free_trains)
		training = retains = 1;
	set_bool(o, "training", training);
	if (retains >= 0)
		set_bool(o, "retainsPrompts", retains);
	if (p->retention_days > 0 && !(is_free && p->free_trains))
		set(o, "retentionDays", json_integer(p->retention_days));
	return (o);
}

static json_t *
demo_provider_json(const struct demo_provider *p)
{
	json_t	*o, *icon;

	o = json_object();
	set_str(o, "name", p->name);
	set_str(o, "displayName", p->display);
	set_str(o, "slug", p->slug);
	set_str(o, "baseUrl", "url");
	set(o, "dataPolicy", demo_policy_json(p, 0, 0));
	if (p->hq != NULL)
		set_str(o, "headquarters", p->hq);
	set_bool(o, "hasChatCompletions", 1);
	set_bool(o, "hasCompletions", p->completions);
	set_bool(o, "isAbortable", p->completions);
	set_bool(o, "moderationRequired", p->moderated);
	set(o, "editors", json_array());
	set(o, "owners", json_array());
	set_bool(o, "isMultipartSupported", 1);
	set(o, "statusPageUrl", p->status_page ?
	    json_sprintf("https://status.%s.example/", p->slug) : json_null());
	set_bool(o, "byokEnabled", 1);
	icon = json_object();
	set(icon, "url", json_sprintf("https://%s.example/favicon.png",
	    p->slug));
	set(o, "icon", icon);
	return (o);
}

static json_t *
demo_pricing_json(const struct demo_ep *e)
{
	json_t	*o;

	o = json_object();
	if (e->router) {
		set_str(o, "prompt", "-1");
		set_str(o, "completion", "-1");
	} else {
		set(o, "prompt", price_json(e->prompt));
		set(o, "completion", price_json(e->completion));
	}
	set(o, "image", price_json(e->image));
	set_str(o, "request", "0");
	set_str(o, "web_search", "0");
	set_str(o, "internal_reasoning", "0");
	if (e->cache_read != 0)
		set(o, "input_cache_read", price_json(e->cache_read));
	if (e->cache_write != 0)
		set(o, "input_cache_write", price_json(e->cache_write));
	set(o, "discount", json_integer(0));
	return (o);
}

static json_t *
demo_params_json(unsigned params)
{
	json_t		*a;
	unsigned	 i;

	a = json_array();
	for (i = 0; i < P_COUNT; i++) {
		if (params & BIT(i))
			json_array_append_new(a, json_string(demo_params[i]));
	}
	return (a);
}

/* A thinking listing of a standard endpoint also takes reasoning options. */
static unsigned
demo_ep_params(const struct demo_ep *e, enum demo_variant v)
{
	if (v == VAR_THINKING)
		return (e->params | BIT(P_REASONING) |
		    BIT(P_INCLUDE_REASONING));
	return (e->params);
}

/* An endpoint object without "stats" and "status". */
static json_t *
demo_ep_json(const struct demo_base *m, enum demo_variant v,
    const struct demo_ep *e, json_t *model, const char *vslug,
    const char *vperma)
{
	const struct demo_provider	*p = &demo_providers[e->prov];
	json_t				*o, *f, *sp;
	char				*s;
	const char			*tail;

	o = json_object();
	set_str(o, "id", e->id);
	set(o, "name", json_sprintf("%s | %s", p->name, vperma));
	set(o, "context_length", int_or_null(e->ctx));
	json_object_set(o, "model", model);
	set_str(o, "model_variant_slug", vslug);
	set_str(o, "model_variant_permaslug", vperma);
	set_str(o, "provider_name", p->name);
	set(o, "provider_info", demo_provider_json(p));
	set_str(o, "provider_display_name", p->display);
	s = provider_slug(e);
	set_str(o, "provider_slug", s);
	free(s);
	tail = strchr(m->permaslug, '/') + 1;
	switch (e->prov % 3) {
	case 0:
		set_str(o, "provider_model_id", tail);
		break;
	case 1:
		set_str(o, "provider_model_id", m->hf_slug[0] != '\0' ?
		    m->hf_slug : tail);
		break;
	default:
		set(o, "provider_model_id", json_sprintf("%s-%s", p->slug,
		    tail));
		break;
	}
	set_str(o, "quantization", demo_quants[e->quant]);
	set_str(o, "variant", demo_variant_names[v]);
	set_bool(o, "is_free", v == VAR_FREE);
	set_bool(o, "can_abort", p->completions);
	set(o, "max_prompt_tokens", json_null());
	set(o, "max_completion_tokens", int_or_null(e->max_out));
	set(o, "max_prompt_images", json_null());
	set(o, "max_tokens_per_image", json_null());
	set(o, "supported_parameters", demo_params_json(demo_ep_params(e, v)));
	set_bool(o, "is_byok", 0);
	set_bool(o, "moderation_required", p->moderated && v != VAR_BETA);
	set(o, "data_policy", demo_policy_json(p, 1, v == VAR_FREE));
	set(o, "pricing", demo_pricing_json(e));
	set(o, "variable_pricings", json_array());
	set_bool(o, "is_hidden", 0);
	set_bool(o, "is_deranked", e->deranked);
	set_bool(o, "is_disabled", e->disabled);
	set_bool(o, "supports_tool_parameters", e->tools);
	set_bool(o, "supports_reasoning", m->reasoning || v == VAR_THINKING);
	set_bool(o, "supports_multipart", 1);
	set(o, "limit_rpm", int_or_null(e->limit_rpm));
	set(o, "limit_rpd", int_or_null(e->limit_rpd));
	set(o, "limit_rpm_cf", json_null());
	set_bool(o, "has_completions", p->completions);
	set_bool(o, "has_chat_completions", 1);
	f = json_object();
	if (e->params & BIT(P_STRUCTURED_OUTPUTS)) {
		sp = json_object();
		set_bool(sp, "response_format", 1);
		set_bool(sp, "structured_outputs", 1);
		set(f, "supported_parameters", sp);
	} else if (e->prov % 2 == 0)
		set(f, "supported_parameters", json_object());
	set(f, "supports_document_url", json_null());
	set(o, "features", f);
	set(o, "provider_region", json_null());
	return (o);
}

static json_t *
demo_v1_json(const struct demo_base *m, enum demo_variant v,
    const struct demo_ep *e, const char *vslug)
{
	const char	*label = demo_variant_labels[v];
	json_t		*o, *arch, *a, *pr, *top;

	o = json_object();
	set_str(o, "id", vslug);
	set_str(o, "canonical_slug", m->permaslug);
	set_str(o, "hugging_face_id", m->hf_slug);
	if (label != NULL)
		set(o, "name", json_sprintf("%s (%s)", m->name, label));
	else
		set_str(o, "name", m->name);
	set(o, "created", json_integer(m->created));
	set_str(o, "description", m->description);
	set(o, "context_length", json_integer(m->ctx));

	arch = json_object();
	set_str(arch, "modality", m->images ? "text+image->text" :
	    "text->text");
	a = json_array();
	json_array_append_new(a, json_string("text"));
	if (m->images)
		json_array_append_new(a, json_string("image"));
	set(arch, "input_modalities", a);
	a = json_array();
	json_array_append_new(a, json_string("text"));
	set(arch, "output_modalities", a);
	set_str(arch, "tokenizer", m->group);
	set_str(arch, "instruct_type", m->instruct_type);
	set(o, "architecture", arch);

	pr = demo_pricing_json(e);
	json_object_del(pr, "discount");
	set(o, "pricing", pr);

	top = json_object();
	set(top, "context_length", int_or_null(e->ctx));
	set(top, "max_completion_tokens", int_or_null(e->max_out));
	set_bool(top, "is_moderated",
	    demo_providers[e->prov].moderated && v != VAR_BETA);
	set(o, "top_provider", top);
	set(o, "per_request_limits", json_null());
	set(o, "supported_parameters", demo_params_json(demo_ep_params(e, v)));
	return (o);
}

/*
 * The daily series of one metric for one endpoint: a mean-reverting walk
 * around the endpoint's p50.  It depends only on the seed and the endpoint,
 * so an endpoint listed under two variants gets the same series twice.
 */
static unsigned
demo_series(const struct demo_gen *g, const struct demo_ep *e, int latency,
    double *vals)
{
	struct rng	r;
	unsigned	start, d;
	double		f = 1, base;

	rng_seed(&r, g->seed ^ e->mseed, 0);
	start = rng_chance(&r, 80) ? 0 : 5 + rng_below(&r, DEMO_DAYS - 10);
	rng_seed(&r, g->seed ^ e->mseed, latency ? 2 : 1);
	base = latency ? e->latency : e->throughput;
	for (d = 0; d < DEMO_DAYS; d++) {
		f += (rng_unit(&r) - 0.5) * 0.16 + (1 - f) * 0.25;
		if (f < 0.5)
			f = 0.5;
		if (f > 1.6)
			f = 1.6;
		if (latency)
			vals[d] = round_to(base * f, 0.5);
		else
			vals[d] = round_to(base * f, 0.001);
	}
	return (start);
}

static int
demo_write_metrics(struct demo_gen *g, unsigned entry,
    const struct demo_ep *eps, unsigned n, char **cause)
{
	double		 vals[DEMO_MAX_ENDPOINTS][DEMO_DAYS];
	unsigned	 start[DEMO_MAX_ENDPOINTS];
	json_t		*root, *data, *pt, *y, *list, *u;
	char		 day[32], name[64];
	unsigned	 i, d, latency;
	struct rng	 r;
	double		 up;

	for (latency = 0; latency < 2; latency++) {
		for (i = 0; i < n; i++)
			start[i] = demo_series(g, &eps[i], latency, vals[i]);
		data = json_array();
		for (d = 0; d < DEMO_DAYS; d++) {
			pt = json_object();
			fmt_day(day, sizeof day,
			    g->end_day - DEMO_DAYS + 1 + d);
			set_str(pt, "x", day);
			y = json_object();
			for (i = 0; i < n; i++) {
				if (d >= start[i])
					set(y, eps[i].id, num_json(vals[i][d]));
			}
			set(pt, "y", y);
			json_array_append_new(data, pt);
		}
		root = json_object();
		set(root, "data", data);
		snprintf(name, sizeof name, "%s-comparison-%04u.json",
		    latency ? "latency" : "throughput", entry);
		if (demo_write(g, name, root, cause) != 0) {
			json_decref(root);
			return (-1);
		}
		json_decref(root);
	}

	data = json_object();
	for (i = 0; i < n; i++) {
		rng_seed(&r, g->seed ^ eps[i].mseed, 3);
		list = json_array();
		for (d = 0; d < DEMO_UPTIME_DAYS; d++) {
			u = json_object();
			fmt_day(day, sizeof day, g->end_day - d);
			set_str(u, "date", day);
			if (rng_chance(&r, 3))
				set(u, "uptime", json_null());
			else if (rng_chance(&r, 30))
				set(u, "uptime", json_integer(100));
			else {
				up = 95 + 5 * rng_unit(&r);
				if (eps[i].status != 0)
					up -= 10 * rng_unit(&r);
				set(u, "uptime", json_real(up));
			}
			json_array_append_new(list, u);
		}
		set(data, eps[i].id, list);
	}
	root = json_object();
	set(root, "data", data);
	snprintf(name, sizeof name, "uptime-recent-%04u.json", entry);
	if (demo_write(g, name, root, cause) != 0) {
		json_decref(root);
		return (-1);
	}
	json_decref(root);

	/*
	 * uptime-hourly?id=UUID: the last day hour by hour, newest first.  The
	 * response does not name its endpoint; the file name carries it, as
	 * the request would.
	 */
	for (i = 0; i < n; i++) {
		rng_seed(&r, g->seed ^ eps[i].mseed, 4);
		list = json_array();
		for (d = 0; d < 24; d++) {
			u = json_object();
			fmt_hour(day, sizeof day, g->end_day, 23 - d);
			set_str(u, "date", day);
			if (rng_chance(&r, 5))
				set(u, "uptime", json_null());
			else {
				up = 97 + 3 * rng_unit(&r);
				if (eps[i].status != 0)
					up -= 20 * rng_unit(&r);
				set(u, "uptime", json_real(up));
			}
			json_array_append_new(list, u);
		}
		data = json_object();
		set(data, "history", list);
		root = json_object();
		set(root, "data", data);
		snprintf(name, sizeof name, "uptime-hourly-%.36s.json",
		    eps[i].id);
		if (demo_write(g, name, root, cause) != 0) {
			json_decref(root);
			return (-1);
		}
		json_decref(root);
	}
	return (0);
}

/* The endpoints of one catalogue entry. */
/*
 * Apply epochs 1..g->epoch to an entry's endpoints.  Each round draws from
 * its own generator seeded by the endpoint (or the entry) and the round, so
 * the base data and the other entries stay exactly as they were.
 */
static unsigned
demo_evolve(struct demo_gen *g, struct demo_base *m, enum demo_variant v,
    struct demo_ep *eps, unsigned n)
{
	struct rng	 r, saved;
	unsigned	 taken[DEMO_MAX_ENDPOINTS], round, i, pct, serial;
	int		 last;

	for (round = 1; round <= g->epoch; round++) {
		last = round == g->epoch;
		for (i = 0; i < n; /* nothing */) {
			rng_seed(&r, g->seed ^ eps[i].mseed, 100 + round);
			pct = rng_below(&r, 1000);
			if (pct < 10) {		/* ~1%: gone */
				memmove(&eps[i], &eps[i + 1],
				    (n - i - 1) * sizeof *eps);
				n--;
				g->st->disappeared += last;
				continue;
			}
			if (pct < 60) {		/* ~5%: price or stats */
				if (rng_chance(&r, 50) && eps[i].prompt != 0) {
					pct = 85 + rng_below(&r, 31);
					eps[i].prompt = price_round(
					    eps[i].prompt * pct / 100);
					eps[i].completion = price_round(
					    eps[i].completion * pct / 100);
					if (eps[i].prompt < PRICE_MIN)
						eps[i].prompt = PRICE_MIN;
					if (eps[i].completion < PRICE_MIN)
						eps[i].completion = PRICE_MIN;
				} else {
					eps[i].latency = round_to(rng_spread(&r,
					    150, 4000), 1);
					eps[i].throughput = round_to(
					    rng_spread(&r, 5, 300), 0.001);
					eps[i].requests += 1 +
					    rng_below(&r, 5000);
				}
				g->st->changed += last;
			}
			i++;
		}
		/* ~1% new: one more endpoint for n% of the entries. */
		rng_seed(&r, g->seed ^ ((uint64_t)g->serial << 20) ^ v,
		    200 + round);
		if (n < DEMO_MAX_ENDPOINTS && n < NPROVIDERS &&
		    rng_below(&r, 100) < g->fixed) {
			for (i = 0; i < n; i++)
				taken[i] = eps[i].prov;
			saved = m->rng;
			serial = g->serial;
			m->rng = r;
			demo_ep_make(g, m, v, pick_provider(&m->rng, taken, n),
			    &eps[n]);
			m->rng = saved;
			g->serial = serial;
			n++;
			g->st->appeared += last;
		}
	}
	return (n);
}

static unsigned
demo_entry_eps(struct demo_gen *g, struct demo_base *m, enum demo_variant v,
    struct demo_ep *eps)
{
	struct rng	*r = &m->rng;
	unsigned	 taken[DEMO_MAX_ENDPOINTS], n, i;

	if (m->retired)
		return (0);
	if (g->fixed != 0) {
		if (v != VAR_STANDARD && v != VAR_FREE) {
			memcpy(eps, m->std, m->nstd * sizeof *eps);
			return (m->nstd);
		}
		n = g->fixed;
		for (i = 0; i < n; i++) {
			taken[i] = pick_provider(r, taken, i);
			demo_ep_make(g, m, v, taken[i], &eps[i]);
		}
		n = demo_evolve(g, m, v, eps, n);
		if (v == VAR_STANDARD) {
			memcpy(m->std, eps, n * sizeof *eps);
			m->nstd = n;
		}
		return (n);
	}
	switch (v) {
	case VAR_STANDARD:
		if (m->router)
			n = 1;
		else if (rng_chance(r, 55))
			n = 1 + rng_below(r, 4);
		else
			n = 3 + rng_below(r, 8);
		break;
	case VAR_FREE:
		n = 1 + rng_below(r, 2);
		break;
	default:
		/* Thinking and beta list the standard variant's endpoints
		 * again, with the same ids. */
		n = 1 + rng_below(r, m->nstd);
		memcpy(eps, m->std, n * sizeof *eps);
		return (n);
	}
	for (i = 0; i < n; i++) {
		taken[i] = pick_provider(r, taken, i);
		demo_ep_make(g, m, v, taken[i], &eps[i]);
	}
	if (v == VAR_STANDARD) {
		memcpy(m->std, eps, n * sizeof *eps);
		m->nstd = n;
	}
	return (n);
}

/* Write one catalogue entry's files and add it to the whole-run arrays. */
static int
demo_entry(struct demo_gen *g, struct demo_base *m, enum demo_variant v,
    unsigned entry, char **cause)
{
	struct demo_ep	 eps[DEMO_MAX_ENDPOINTS];
	json_t		*model, *data, *o, *featured = NULL, *cat, *root;
	char		*vslug, *vperma, name[64];
	unsigned	 n, i, feat = 0;
	int		 rc = -1;

	n = demo_entry_eps(g, m, v, eps);
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

	model = demo_model_json(m, VAR_STANDARD);
	data = json_array();
	for (i = 0; i < n; i++) {
		o = demo_ep_json(m, v, &eps[i], model, vslug, vperma);
		if (i == feat)
			featured = json_deep_copy(o);
		set(o, "stats", json_pack("{s:s, s:o, s:o, s:I}",
		    "endpoint_id", eps[i].id,
		    "p50_throughput", num_json(eps[i].throughput),
		    "p50_latency", num_json(eps[i].latency),
		    "request_count", (json_int_t)eps[i].requests));
		set(o, "status", json_integer(eps[i].status));
		json_array_append_new(data, o);
		g->used[eps[i].prov] = 1;
	}
	json_decref(model);
	root = json_object();
	set(root, "data", data);
	snprintf(name, sizeof name, "stats-endpoint-%04u.json", entry);
	if (demo_write(g, name, root, cause) != 0) {
		json_decref(root);
		json_decref(featured);
		goto out;
	}
	json_decref(root);
	g->st->endpoints += n;

	cat = demo_model_json(m, v);
	set(cat, "endpoint", featured != NULL ? featured : json_null());
	json_array_append_new(g->catalogue, cat);
	if (n != 0) {
		json_array_append_new(g->v1, demo_v1_json(m, v, &eps[feat],
		    vslug));
		if (!g->no_metrics &&
		    demo_write_metrics(g, entry, eps, n, cause) != 0)
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
	unsigned		 entry = 0, idx, v, i;
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
	if (g.fixed > NPROVIDERS)
		g.fixed = NPROVIDERS;
	g.epoch = opt->epoch;
	g.no_metrics = opt->no_metrics;
	g.first_day = days_from_civil(2023, 6, 1);
	g.last_day = days_from_civil(2026, 10, 15);
	g.end_day = days_from_civil(2026, 11, 1);
	g.v1 = json_array();
	g.catalogue = json_array();
	m = xmalloc(sizeof *m);

	for (idx = 0; entry < nmodels; idx++) {
		demo_base_make(&g, idx, m);
		for (v = 0; v < VAR_COUNT && entry < nmodels; v++) {
			if (!m->has[v])
				continue;
			if (demo_entry(&g, m, v, entry, cause) != 0) {
				demo_base_free(m);
				goto out;
			}
			entry++;
		}
		demo_base_free(m);
	}
	st->models = entry;

	root = json_pack("{s:O}", "data", g.v1);
	if (demo_write(&g, "v1-models.json", root, cause) != 0) {
		json_decref(root);
		goto out;
	}
	json_decref(root);
	root = json_pack("{s:O}", "data", g.catalogue);
	if (demo_write(&g, "frontend-models.json", root, cause) != 0) {
		json_decref(root);
		goto out;
	}
	json_decref(root);

	for (i = 0; i < NPROVIDERS; i++)
		st->providers += g.used[i];
	rc = 0;

out:
	free(m);
	json_decref(g.v1);
	json_decref(g.catalogue);
	return (rc);
}
