/*
 * demo-catalogue: the invented catalogue.  The tables of providers,
 * authors, model families and sizes; the base models made of them; and
 * their endpoints, as epoch 0 has them and as later epochs change them.
 */
#include "config.h"

#include "demo/demo-private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/civil.h"
#include "util/xmalloc.h"

/* Prices are integers in units of 1e-10 USD per token ($0.0001 per 1M). */
#define PRICE_MIN		200ULL		/* $0.02 per 1M tokens */
#define PRICE_MAX		750000ULL	/* $75 per 1M tokens */
/* Entries of the demo catalogue an epoch gives one more endpoint, in %. */
#define DEMO_NEW_PCT		3

const struct demo_provider demo_providers[] = {
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
DEMO_CHECK(demo_providers_counted,
    sizeof demo_providers / sizeof demo_providers[0] == DEMO_NPROVIDERS);

const struct demo_author demo_authors[] = {
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
DEMO_CHECK(demo_authors_counted,
    sizeof demo_authors / sizeof demo_authors[0] == DEMO_NAUTHORS);

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
const char *const demo_quants[] = {
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

/*
 * The author, family, version, size and suffix of base model number idx,
 * and the name and slug made of them.
 */
static void
demo_base_name(struct demo_gen *g, unsigned idx, struct demo_base *m)
{
	struct demo_rng	*r = &m->rng;
	struct buf	 b = BUF_INIT;
	unsigned	 a, c, major, minor;
	const char	*suffix;
	char		 version[32];

	a = demo_rng_below(r, DEMO_NAUTHORS);
	m->author = &demo_authors[a];
	c = g->author_count[a]++;
	/* Three families per author and a major version per round keep
	 * every slug unique without having to look slugs up. */
	m->family = &demo_families[(a * 7 + c % 3) % NFAMILIES];
	major = 1 + c / 3;
	minor = demo_rng_chance(r, 40) ? 1 + demo_rng_below(r, 9) : 0;
	if (minor != 0)
		snprintf(version, sizeof version, "%u.%u", major, minor);
	else
		snprintf(version, sizeof version, "%u", major);

	m->size = &demo_sizes[demo_rng_below(r, NSIZES)];
	m->suffix = (enum demo_suffix)demo_rng_weighted(r,
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
}

/* One or two sentences on what the model is; the last draw of a base. */
static void
demo_base_describe(struct demo_base *m)
{
	struct demo_rng	*r = &m->rng;
	struct buf	 b = BUF_INIT;

	buf_printf(&b, "%s is a %s %s model from %s, tuned for %s.", m->name,
	    demo_classes[m->size->class],
	    m->suffix == SUF_CODER ? "code-focused" :
	    m->suffix == SUF_REASONER ? "reasoning" :
	    m->images ? "multimodal" : "instruction-following",
	    m->author->name, demo_uses[demo_rng_below(r, NUSES)]);
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

/* Invent base model number idx, with its variants and reference prices. */
void
demo_base_make(struct demo_gen *g, unsigned idx, struct demo_base *m)
{
	struct demo_rng	*r = &m->rng;
	unsigned	 k, lo, span;
	char		*org;
	int		 y, mo, d;
	int64_t		 day;

	memset(m, 0, sizeof *m);
	demo_rng_seed(r, g->seed, idx);
	demo_base_name(g, idx, m);

	day = g->first_day + demo_rng_below(r,
	    (unsigned)(g->last_day - g->first_day + 1));
	m->created = day * 86400 + demo_rng_below(r, 86400);
	m->created_us = demo_rng_below(r, 1000000);
	m->updated = m->created + demo_rng_below(r, 30 * 86400);
	m->updated_us = demo_rng_below(r, 1000000);

	civil_from_days(day, &y, &mo, &d);
	if (!m->router && demo_rng_chance(r, 55))
		m->permaslug = xasprintf("%s-%02d%02d", m->slug, y % 100, mo);
	else
		m->permaslug = xstrdup(m->slug);

	if (m->size->open && !m->router) {
		org = hf_org(m->author->name);
		m->hf_slug = xasprintf("%s/%s", org, strchr(m->slug, '/') + 1);
		free(org);
	} else
		m->hf_slug = xstrdup("");
	if (demo_rng_chance(r, 30))
		demo_rng_uuid(r, m->group_id, NULL);

	m->group = (m->family == &demo_family_cjk || m->router) ?
	    "Other" : m->family->display;
	switch (demo_rng_below(r, 8)) {
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

	k = demo_rng_weighted(r, demo_context_weights, NCONTEXTS);
	if (m->size->class == 0 && k > 4)
		k -= 2;
	m->ctx = m->router ? 1048576 : demo_contexts[k];
	m->images = m->suffix == SUF_VISION || demo_rng_chance(r, 22);
	m->tools = demo_rng_chance(r, m->suffix == SUF_CODER ? 85 : 55);
	m->reasoning = m->suffix == SUF_REASONER || demo_rng_chance(r, 20);

	m->has[VAR_STANDARD] = 1;
	if (!m->router) {
		m->has[VAR_FREE] = demo_rng_chance(r, m->size->open ? 25 : 5);
		m->has[VAR_THINKING] = demo_rng_chance(r, 6);
		m->has[VAR_BETA] = demo_rng_chance(r, m->size->open ? 3 : 25);
		m->retired = idx > 2 && demo_rng_chance(r, 13);
	}
	m->hidden = m->retired && demo_rng_chance(r, 50);

	/* Reference prices grow with the size class. */
	lo = (unsigned[]){ 0, 4, 8, 16 }[m->size->class];
	span = (unsigned[]){ 9, 13, 15, 14 }[m->size->class];
	m->prompt = demo_prices[lo + demo_rng_below(r, span)];
	m->completion = m->prompt * (1 + demo_rng_below(r,
	    m->size->class >= 2 ? 5 : 3));
	if (m->completion > PRICE_MAX)
		m->completion = PRICE_MAX;

	demo_base_describe(m);
}

void
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
pick_provider(struct demo_rng *r, const unsigned *taken, unsigned ntaken)
{
	unsigned	p, a, b, i;

	for (;;) {
		a = demo_rng_below(r, DEMO_NPROVIDERS);
		b = demo_rng_below(r, DEMO_NPROVIDERS);
		p = demo_rng_chance(r, 50) ? (a < b ? a : b) : a;
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
	struct demo_rng		*r = &m->rng;
	unsigned		 pct, p;
	int64_t			 c;

	memset(e, 0, sizeof *e);
	e->uptime = -1;
	demo_rng_uuid(r, e->id, &e->mseed);
	e->prov = prov;
	e->quant = m->size->open ?
	    demo_rng_weighted(r, demo_quant_weights, NQUANTS) :
	    (demo_rng_chance(r, 20) ? NQUANTS - 1 : 0);

	if (g->serial++ % 97 == 13)
		e->ctx = -1;
	else if (demo_rng_chance(r, 75))
		e->ctx = m->ctx;
	else {
		c = shorter[demo_rng_below(r, 5)];
		e->ctx = c < (int64_t)m->ctx ? c : (int64_t)m->ctx;
	}
	if (demo_rng_chance(r, 40))
		e->max_out = -1;
	else {
		c = outs[demo_rng_below(r, 6)];
		e->max_out = (e->ctx >= 0 && c > e->ctx) ? e->ctx : c;
	}

	if (m->router)
		e->router = 1;
	else if (v != VAR_FREE) {
		pct = (unsigned[]){ 80, 90, 100, 100, 100, 110, 125, 150 }
		    [demo_rng_below(r, 8)];
		e->prompt = demo_price_round(m->prompt * pct / 100);
		e->completion = demo_price_round(m->completion * pct / 100);
		if (e->prompt < PRICE_MIN)
			e->prompt = PRICE_MIN;
		if (e->completion < PRICE_MIN)
			e->completion = PRICE_MIN;
		if (e->completion > PRICE_MAX)
			e->completion = PRICE_MAX;
		if (demo_rng_chance(r, m->size->open ? 12 : 60)) {
			e->cache_read = demo_price_round(e->prompt /
			    (demo_rng_chance(r, 50) ? 4 : 10));
			if (demo_rng_chance(r, 40))
				e->cache_write = demo_price_round(
				    e->prompt * 5 / 4);
		}
		if (m->images && demo_rng_chance(r, 30))
			e->image = (uint64_t[]){ 4000000, 12000000, 24000000,
			    48000000 }[demo_rng_below(r, 4)];
	}

	e->tools = m->tools && demo_rng_chance(r, 85);
	p = BIT(P_MAX_TOKENS) | BIT(P_TEMPERATURE) | BIT(P_TOP_P);
	if (demo_rng_chance(r, 90))
		p |= BIT(P_STOP);
	if (demo_rng_chance(r, 80))
		p |= BIT(P_FREQUENCY_PENALTY) | BIT(P_PRESENCE_PENALTY);
	if (demo_rng_chance(r, 60))
		p |= BIT(P_SEED);
	if (demo_rng_chance(r, 50))
		p |= BIT(P_TOP_K) | BIT(P_MIN_P) | BIT(P_REPETITION_PENALTY);
	if (demo_rng_chance(r, 30))
		p |= BIT(P_LOGPROBS) | BIT(P_LOGIT_BIAS) | BIT(P_TOP_LOGPROBS);
	if (demo_rng_chance(r, 40)) {
		p |= BIT(P_RESPONSE_FORMAT);
		if (demo_rng_chance(r, 50))
			p |= BIT(P_STRUCTURED_OUTPUTS);
	}
	if (e->tools)
		p |= BIT(P_TOOLS) | BIT(P_TOOL_CHOICE);
	if (m->reasoning || v == VAR_THINKING)
		p |= BIT(P_REASONING) | BIT(P_INCLUDE_REASONING);
	e->params = p;

	e->deranked = demo_rng_chance(r, 3);
	e->disabled = demo_rng_below(r, 150) == 0;
	e->limit_rpm = e->limit_rpd = -1;
	if (v == VAR_FREE) {
		if (demo_rng_chance(r, 30))
			e->limit_rpm = 20;
		if (demo_rng_chance(r, 20))
			e->limit_rpd = demo_rng_chance(r, 50) ? 50 : 1000;
	} else if (demo_rng_chance(r, 2))
		e->limit_rpm = demo_rng_chance(r, 50) ? 60 : 500;

	e->latency = demo_rng_spread(r, 150, 4000);
	e->latency = demo_round_to(e->latency,
	    demo_rng_chance(r, 70) ? 1 : 0.5);
	e->throughput = demo_round_to(demo_rng_spread(r, 5, 300), 0.001);
	e->requests = (int64_t)demo_rng_spread(r, 10, 500000);
	pct = demo_rng_below(r, 100);
	e->status = pct < 92 ? 0 : (pct < 96 ? -2 : -3);
	demo_extra_make(g, m, v, e);
}

/*
 * One round's change of an endpoint: half the time its price moves by -15%
 * to +15% (if it has one), otherwise its stats are drawn again and its
 * request count grows.
 */
static void
demo_ep_drift(struct demo_rng *r, struct demo_ep *e)
{
	unsigned	pct;

	if (demo_rng_chance(r, 50) && e->prompt != 0) {
		pct = 85 + demo_rng_below(r, 31);
		e->prompt = demo_price_round(e->prompt * pct / 100);
		e->completion = demo_price_round(e->completion * pct / 100);
		if (e->prompt < PRICE_MIN)
			e->prompt = PRICE_MIN;
		if (e->completion < PRICE_MIN)
			e->completion = PRICE_MIN;
	} else {
		e->latency = demo_round_to(demo_rng_spread(r, 150, 4000), 1);
		e->throughput = demo_round_to(demo_rng_spread(r, 5, 300),
		    0.001);
		e->requests += 1 + demo_rng_below(r, 5000);
	}
}

/*
 * Apply epochs 1..g->epoch to an entry's endpoints.  Each round draws from
 * its own generator seeded by the endpoint (or the entry) and the round, so
 * the base data and the other entries stay exactly as they were.
 */
static unsigned
demo_evolve(struct demo_gen *g, struct demo_base *m, enum demo_variant v,
    struct demo_ep *eps, unsigned n)
{
	struct demo_rng	 r, saved;
	unsigned	 taken[DEMO_MAX_ENDPOINTS], round, i, pct, serial;
	/* Per mille, the scale set's; a day of the demo catalogue has
	 * fewer (0.5% gone, 3% changed), its history stays quick to write. */
	unsigned	 gone = g->fixed != 0 ? 10 : 5;
	unsigned	 changed = g->fixed != 0 ? 60 : 35;
	int		 last;

	for (round = 1; round <= g->epoch; round++) {
		last = round == g->epoch;
		for (i = 0; i < n; /* nothing */) {
			demo_rng_seed(&r, g->seed ^ eps[i].mseed, 100 + round);
			pct = demo_rng_below(&r, 1000);
			if (pct < gone && !demo_history_kept(g, &eps[i])) {
				/* ~1%: gone */
				memmove(&eps[i], &eps[i + 1],
				    (n - i - 1) * sizeof *eps);
				n--;
				g->st->disappeared += last;
				continue;
			}
			if (pct < changed) {	/* ~5%: price or stats */
				demo_ep_drift(&r, &eps[i]);
				g->st->changed += last;
			}
			i++;
		}
		/* ~1% new: one more endpoint for n% of the entries (3% in
		 * the demo catalogue, ~3 endpoints an entry). */
		demo_rng_seed(&r, g->seed ^ ((uint64_t)g->serial << 20) ^ v,
		    200 + round);
		if (n < DEMO_MAX_ENDPOINTS && n < DEMO_NPROVIDERS &&
		    demo_rng_below(&r, 100) < (g->fixed != 0 ? g->fixed :
		    DEMO_NEW_PCT)) {
			for (i = 0; i < n; i++)
				taken[i] = eps[i].prov;
			saved = m->rng;
			serial = g->serial;
			m->rng = r;
			demo_ep_make(g, m, v, pick_provider(&m->rng, taken, n),
			    &eps[n]);
			eps[n].ord = DEMO_MAX_ENDPOINTS;
			m->rng = saved;
			g->serial = serial;
			n++;
			g->st->appeared += last;
		}
	}
	return (n);
}

/* The endpoints of one catalogue entry. */
unsigned
demo_entry_eps(struct demo_gen *g, struct demo_base *m, enum demo_variant v,
    struct demo_ep *eps)
{
	struct demo_rng	*r = &m->rng;
	unsigned	 taken[DEMO_MAX_ENDPOINTS], n, i, k;

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
		else if (demo_rng_chance(r, 55))
			n = 1 + demo_rng_below(r, 4);
		else
			n = 3 + demo_rng_below(r, 8);
		break;
	case VAR_FREE:
		n = 1 + demo_rng_below(r, 2);
		break;
	default:
		/* Thinking and beta list the first of the standard variant's
		 * endpoints again, with the same ids (those of them an epoch
		 * left). */
		k = 1 + demo_rng_below(r, m->nstd0);
		for (i = n = 0; i < m->nstd; i++) {
			if (m->std[i].ord < k)
				eps[n++] = m->std[i];
		}
		return (n);
	}
	for (i = 0; i < n; i++) {
		taken[i] = pick_provider(r, taken, i);
		demo_ep_make(g, m, v, taken[i], &eps[i]);
		eps[i].ord = i;
	}
	if (v == VAR_STANDARD)
		m->nstd0 = n;
	demo_history_pick(g, m, v, eps, n);
	n = demo_evolve(g, m, v, eps, n);
	demo_history_eps(g, m, eps, n);
	if (v == VAR_STANDARD) {
		memcpy(m->std, eps, n * sizeof *eps);
		m->nstd = n;
	}
	return (n);
}
