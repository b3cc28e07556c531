#include "config.h"

#include <math.h>

#include "unit.h"

#include "project/endpoint.h"
#include "project/filter.h"
#include "project/model.h"
#include "util/civil.h"
#include "util/numfmt.h"

/*
 * Rows are built by hand so that this test depends on the filter alone;
 * row_init() gives the all-NULL row the endpoint header describes.
 */
static void
row_init(struct ep_row *r)
{
	memset(r, 0, sizeof *r);
	r->endpoint_id = r->model_key = r->model_name = NULL;
	r->provider_slug = r->provider_name = NULL;
	r->variant = r->quantization = NULL;
	r->context_length = r->max_output = r->request_count = EP_NULL_INT;
	r->limit_rpm = r->limit_rpd = r->status = EP_NULL_INT;
	r->price_prompt = r->price_completion = r->price_cache_read = NAN;
	r->p50_latency_ms = r->p50_throughput = r->uptime = NAN;
	r->is_free = r->is_hidden = r->is_disabled = -1;
	r->supports_images = r->supports_tools = r->supports_reasoning = -1;
	r->training = r->retains_prompts = -1;
	r->first_run_id = r->last_run_id = EP_NULL_INT;
	r->active = -1;
}

static void
row_clear(struct ep_row *r)
{
	free(r->endpoint_id);
	free(r->model_key);
	free(r->model_name);
	free(r->provider_slug);
	free(r->provider_name);
	free(r->variant);
	free(r->quantization);
	free(r->price_overrides);
	row_init(r);
}

static char *
dup_or_null(const char *s)
{
	return (s == NULL ? NULL : xstrdup(s));
}

static void
row_names(struct ep_row *r, const char *key, const char *name,
    const char *slug, const char *pname)
{
	row_init(r);
	r->model_key = dup_or_null(key);
	r->model_name = dup_or_null(name);
	r->provider_slug = dup_or_null(slug);
	r->provider_name = dup_or_null(pname);
}

/* Parse input (which must be valid) and match it against one row. */
static int
match(const char *input, const struct ep_row *r)
{
	struct filter_error	 err;
	struct filter		*f;
	int			 m;

	f = filter_parse(input, &err);
	if (f == NULL)
		fail_msg("\"%s\" did not parse: %s", input, err.message);
	assert_null(err.message);
	m = filter_match(f, r);
	filter_free(f);
	return (m);
}

static void
check_error(const char *input, int column, int length, const char *part)
{
	struct filter_error	 err;
	struct filter		*f;

	f = filter_parse(input, &err);
	if (f != NULL) {
		filter_free(f);
		fail_msg("\"%s\" parsed but should not", input);
	}
	assert_non_null(err.message);
	if (err.column != column || err.length != length) {
		fail_msg("\"%s\": column %d length %d, want %d %d (%s)", input,
		    err.column, err.length, column, length, err.message);
	}
	if (part != NULL && strstr(err.message, part) == NULL)
		fail_msg("\"%s\": message \"%s\" lacks \"%s\"", input,
		    err.message, part);
	free(err.message);

	/* A NULL error pointer is allowed and must not leak. */
	assert_null(filter_parse(input, NULL));
}

static void
test_empty(void **state)
{
	struct filter_error	 err;
	struct filter		*f;
	struct ep_row		 r;
	const char		*inputs[] = { "", "   ", " \t\r\n\v\f " };
	size_t			 i;

	(void)state;
	row_init(&r);
	for (i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
		err.message = (char *)1;
		f = filter_parse(inputs[i], &err);
		assert_non_null(f);
		assert_null(err.message);
		assert_int_equal(filter_nterms(f), 0);
		/* Even the all-NULL row passes the match-all filter. */
		assert_true(filter_match(f, &r));
		filter_free(f);
	}
	f = filter_parse(NULL, NULL);
	assert_non_null(f);
	assert_int_equal(filter_nterms(f), 0);
	filter_free(f);
	filter_free(NULL);
}

static void
test_nterms(void **state)
{
	struct filter	*f;

	(void)state;
	f = filter_parse("a b  c", NULL);
	assert_non_null(f);
	assert_int_equal(filter_nterms(f), 3);
	filter_free(f);

	f = filter_parse("\t!tools\nctx>1k  \"x y\" provider:a ", NULL);
	assert_non_null(f);
	assert_int_equal(filter_nterms(f), 4);
	filter_free(f);
}

static void
test_bare_word(void **state)
{
	struct ep_row	r;

	(void)state;
	row_names(&r, "qwen/qwen3-235b-a22b:free", "Qwen: Qwen3 235B",
	    "deepinfra/fp8", "DeepInfra");
	assert_true(match("qwen3", &r));
	assert_true(match("QWEN3", &r));
	assert_true(match("235B", &r));		/* model name */
	assert_true(match("-a22b", &r));	/* key only */
	assert_true(match("deepinfra/fp8", &r));	/* slug */
	assert_true(match("Infra", &r));
	assert_true(match("Qwen3 235b", &r));	/* two terms */
	assert_false(match("llama", &r));
	assert_false(match("qwen llama", &r));
	assert_true(match("!llama", &r));
	assert_false(match("!qwen", &r));
	row_clear(&r);

	/* Non-ASCII bytes compare exactly; only ASCII letters fold. */
	row_names(&r, "x/\xc3\xa9t\xc3\xa9", NULL, "p", NULL);
	assert_true(match("\xc3\xa9T", &r));
	assert_false(match("\xc3\x89T", &r));
	row_clear(&r);
}

static void
test_bare_word_null(void **state)
{
	struct ep_row	r;

	(void)state;
	/* Nothing known: neither the word nor its negation holds. */
	row_names(&r, NULL, NULL, NULL, NULL);
	assert_false(match("qwen", &r));
	assert_false(match("!qwen", &r));
	row_clear(&r);

	/* One known field is enough to decide. */
	row_names(&r, "mistral/small", NULL, NULL, NULL);
	assert_true(match("!qwen", &r));
	assert_false(match("qwen", &r));
	assert_true(match("small", &r));
	row_clear(&r);

	row_names(&r, NULL, NULL, NULL, "Chutes");
	assert_true(match("chutes", &r));
	assert_false(match("!chutes", &r));
	row_clear(&r);
}

static void
test_quoted(void **state)
{
	struct ep_row	r;

	(void)state;
	row_names(&r, "meta-llama/llama-3-70b", "Meta: Llama 3 70B",
	    "together", "Together AI");
	assert_true(match("\"llama 3\"", &r));
	assert_true(match("\"LLAMA 3 70\"", &r));
	assert_false(match("\"llama 3 8b\"", &r));
	assert_false(match("!\"llama 3\"", &r));
	assert_true(match("!\"llama 4\"", &r));
	assert_true(match("provider:\"together ai\"", &r));
	assert_false(match("provider:\"together xyz\"", &r));
	/* Quoted text is literal: ':' and flag names are searched for. */
	assert_true(match("\"meta: llama\"", &r));
	assert_false(match("\"tools\"", &r));
	r.supports_tools = 1;
	assert_true(match("tools", &r));
	assert_false(match("\"tools\"", &r));
	row_clear(&r);

	row_names(&r, "x/free-model", NULL, NULL, NULL);
	r.is_free = 0;
	r.price_prompt = r.price_completion = 1e-6;
	assert_false(match("free", &r));
	assert_true(match("\"free\"", &r));
	assert_true(match("\"FREE-model\"", &r));
	row_clear(&r);
}

static void
test_flags(void **state)
{
	static const struct {
		const char	*flag;
		size_t		 offset;
		int		 set;	/* value that makes the flag hold */
	} flags[] = {
		{ "tools", offsetof(struct ep_row, supports_tools), 1 },
		{ "images", offsetof(struct ep_row, supports_images), 1 },
		{ "reasoning", offsetof(struct ep_row, supports_reasoning), 1 },
		{ "active", offsetof(struct ep_row, active), 1 },
		{ "no-train", offsetof(struct ep_row, training), 0 },
		{ "no-retain", offsetof(struct ep_row, retains_prompts), 0 },
	};
	struct ep_row	 r;
	char		 neg[32], upper[32];
	int		*field;
	size_t		 i, j;

	(void)state;
	for (i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		row_names(&r, "a/b", "B", "p", "P");
		field = (int *)((char *)&r + flags[i].offset);
		snprintf(neg, sizeof neg, "!%s", flags[i].flag);
		for (j = 0; flags[i].flag[j] != '\0'; j++) {
			upper[j] = (char)(flags[i].flag[j] >= 'a' &&
			    flags[i].flag[j] <= 'z' ?
			    flags[i].flag[j] - 'a' + 'A' : flags[i].flag[j]);
		}
		upper[j] = '\0';

		*field = flags[i].set;
		assert_true(match(flags[i].flag, &r));
		assert_true(match(upper, &r));
		assert_false(match(neg, &r));

		*field = !flags[i].set;
		assert_false(match(flags[i].flag, &r));
		assert_true(match(neg, &r));

		/* Unknown: neither the flag nor its negation. */
		*field = -1;
		assert_false(match(flags[i].flag, &r));
		assert_false(match(neg, &r));
		row_clear(&r);
	}
}

/* The store fills watched; it is never unknown. */
static void
test_flag_watched(void **state)
{
	struct ep_row	r;

	(void)state;
	row_names(&r, "a/b", "B", "p", "P");
	assert_false(match("watched", &r));
	assert_true(match("!watched", &r));
	r.watched = 1;
	assert_true(match("watched", &r));
	assert_true(match("WATCHED free", &r) == match("free", &r));
	assert_false(match("!watched", &r));
	row_clear(&r);
}

static void
test_flag_free(void **state)
{
	struct ep_row	r;

	(void)state;
	row_names(&r, "a/b", NULL, "p", NULL);

	r.is_free = 1;
	assert_true(match("free", &r));
	assert_false(match("!free", &r));

	/* Both prices zero is free whatever is_free says. */
	r.is_free = 0;
	r.price_prompt = 0;
	r.price_completion = 0;
	assert_true(match("free", &r));
	r.is_free = -1;
	assert_true(match("free", &r));
	assert_false(match("!free", &r));

	/* One non-zero price: not free. */
	r.price_completion = 1e-6;
	assert_false(match("free", &r));
	assert_true(match("!free", &r));
	r.price_prompt = NAN;
	assert_false(match("free", &r));
	assert_true(match("!free", &r));

	/* Prices unknown: an explicit is_free decides, else unknown. */
	r.price_prompt = r.price_completion = NAN;
	r.is_free = 0;
	assert_false(match("free", &r));
	assert_true(match("!free", &r));
	r.is_free = -1;
	assert_false(match("free", &r));
	assert_false(match("!free", &r));
	r.price_prompt = 0;
	assert_false(match("free", &r));
	assert_false(match("!free", &r));

	/* By every price: a per-request price is not free, nor is a "-1". */
	r.price_prompt = r.price_completion = 0;
	r.is_free = 1;
	r.price_request = 0.001;
	assert_false(match("free", &r));
	assert_true(match("!free", &r));
	r.price_request = 0;
	r.price_internal_reasoning = NAN;
	r.price_unknown = 1u << PRICE_REASONING;
	r.is_free = -1;
	assert_false(match("free", &r));
	r.price_unknown = 0;
	assert_true(match("free", &r));
	/* ... nor one that a tier makes priced. */
	r.price_overrides = xstrdup("[{\"min_prompt_tokens\":1000,"
	    "\"prompt\":1e-6}]");
	assert_false(match("free", &r));
	assert_true(match("!free", &r));
	row_clear(&r);
}

static void
test_fields(void **state)
{
	struct ep_row	r;

	(void)state;
	row_names(&r, "qwen/qwen3-32b:free", "Qwen: Qwen3 32B",
	    "chutes/bf16", "Chutes");
	r.quantization = xstrdup("bf16");
	r.variant = xstrdup("free");

	assert_true(match("provider:chutes", &r));
	assert_true(match("provider:CHUT", &r));
	assert_true(match("provider:/bf16", &r));	/* slug */
	assert_true(match("Provider:chutes", &r));	/* field name folds */
	assert_false(match("provider:deepinfra", &r));
	assert_true(match("!provider:deepinfra", &r));
	assert_false(match("!provider:chutes", &r));
	/* provider: does not look at the model. */
	assert_false(match("provider:qwen", &r));

	assert_true(match("quant:bf16", &r));
	assert_true(match("quant:BF", &r));
	assert_false(match("quant:fp8", &r));
	assert_true(match("!quant:fp8", &r));

	assert_true(match("variant:free", &r));
	assert_false(match("variant:beta", &r));

	assert_true(match("model:qwen3-32b", &r));
	assert_true(match("model:\"qwen3 32b\"", &r));	/* name */
	assert_true(match("model:qwen3-32b:free", &r));	/* ':' in value */
	assert_false(match("model:chutes", &r));
	assert_false(match("!model:qwen", &r));

	/* A NULL field satisfies neither the term nor its negation. */
	free(r.quantization);
	r.quantization = NULL;
	assert_false(match("quant:fp8", &r));
	assert_false(match("!quant:fp8", &r));
	free(r.variant);
	r.variant = NULL;
	assert_false(match("variant:free", &r));
	assert_false(match("!variant:free", &r));
	row_clear(&r);

	/* Provider known by name only is still known. */
	row_names(&r, "a/b", NULL, NULL, "DeepInfra");
	assert_true(match("provider:deep", &r));
	assert_true(match("!provider:chutes", &r));
	free(r.provider_name);
	r.provider_name = NULL;
	assert_false(match("provider:deep", &r));
	assert_false(match("!provider:chutes", &r));
	row_clear(&r);
}

static void
test_counts(void **state)
{
	struct ep_row	r;

	(void)state;
	row_names(&r, "a/b", NULL, "p", NULL);
	r.context_length = 131072;
	r.max_output = 8192;

	assert_true(match("ctx>=128k", &r));
	assert_true(match("ctx>128k", &r));
	assert_false(match("ctx<128k", &r));
	assert_true(match("ctx=131072", &r));
	assert_true(match("ctx<=131072", &r));
	assert_true(match("ctx>=131072", &r));
	assert_false(match("ctx<131072", &r));
	assert_false(match("ctx>131072", &r));
	assert_false(match("ctx=131073", &r));
	assert_true(match("ctx>=131.072K", &r));
	assert_true(match("ctx=131.072k", &r));
	assert_false(match("ctx>=1m", &r));
	assert_true(match("ctx<1M", &r));
	assert_true(match("ctx<0.2m", &r));
	assert_true(match("ctx>1.3e5", &r));
	assert_true(match("!ctx<128k", &r));
	assert_false(match("!ctx>=128k", &r));

	assert_true(match("out>=8k", &r));
	assert_false(match("out>8192", &r));
	assert_true(match("out=8192", &r));
	assert_false(match("out>=16k", &r));

	r.context_length = 1000000;
	assert_true(match("ctx>=1m", &r));
	assert_true(match("ctx=1m", &r));
	assert_true(match("ctx=1000k", &r));

	/* NULL counts. */
	r.context_length = EP_NULL_INT;
	assert_false(match("ctx>=0", &r));
	assert_false(match("!ctx>=0", &r));
	assert_false(match("ctx<0", &r));
	assert_false(match("!ctx<0", &r));
	assert_true(match("out=8192", &r));
	row_clear(&r);
}

/* "=" with a suffix takes what is shown that way (util/numfmt.h). */
static void
test_counts_shown(void **state)
{
	struct ep_row	r;
	char		shown[32];

	(void)state;
	row_names(&r, "a/b", NULL, "p", NULL);
	r.context_length = 32768;
	r.max_output = 8192;
	assert_string_equal(numfmt_count(r.context_length, shown,
	    sizeof shown), "32k");
	assert_true(match("ctx=32k", &r));
	assert_true(match("ctx=32K", &r));
	assert_false(match("ctx=33k", &r));
	assert_false(match("!ctx=32k", &r));
	/* Without a suffix, or with another operator, exact as ever. */
	assert_false(match("ctx=32000", &r));
	assert_true(match("ctx=32768", &r));
	assert_true(match("ctx>32k", &r));
	assert_false(match("ctx<=32k", &r));
	/* 8192 is shown as 8192: 8k is 8000 and nothing else. */
	assert_false(match("out=8k", &r));
	r.max_output = 8000;
	assert_true(match("out=8k", &r));

	r.context_length = 1048576;
	assert_string_equal(numfmt_count(r.context_length, shown,
	    sizeof shown), "1M");
	assert_true(match("ctx=1m", &r));
	assert_true(match("ctx=1M", &r));
	assert_false(match("ctx=1.1m", &r));
	r.context_length = 1100000;
	assert_true(match("ctx=1.1m", &r));
	assert_false(match("ctx=1m", &r));
	r.context_length = 32999;
	assert_true(match("ctx=32k", &r));
	r.context_length = 33000;
	assert_false(match("ctx=32k", &r));
	r.context_length = 31999;
	assert_false(match("ctx=32k", &r));
	row_clear(&r);
}

static void
test_prices(void **state)
{
	struct ep_row	r;

	(void)state;
	row_names(&r, "a/b", NULL, "p", NULL);

	/* Per 1M tokens: 0.4e-6 per token is $0.40, 0.6e-6 is $0.60. */
	r.price_prompt = 0.4e-6;
	assert_true(match("prompt<0.5", &r));
	assert_false(match("prompt>0.5", &r));
	r.price_prompt = 0.6e-6;
	assert_false(match("prompt<0.5", &r));
	assert_true(match("prompt>0.5", &r));
	assert_true(match("!prompt<0.5", &r));

	/* Equality survives the per-token to per-1M rounding. */
	r.price_prompt = 0.0000025;
	assert_true(match("prompt=2.5", &r));
	assert_true(match("prompt<=2.5", &r));
	assert_true(match("prompt>=2.5", &r));
	assert_false(match("prompt<2.5", &r));
	assert_false(match("prompt>2.5", &r));
	assert_false(match("prompt=2.5001", &r));
	assert_true(match("prompt<2.5001", &r));
	assert_true(match("prompt>2.4999", &r));
	assert_true(match("prompt=2.5e0", &r));
	assert_true(match("prompt=+2.5", &r));
	/*
	 * 0.0000001 * 1e6 is 0.09999999999999999 and 0.0000029 * 1e6 is
	 * 2.9000000000000004: without a tolerance "=" would fail and the
	 * strict comparisons would hold.
	 */
	r.price_prompt = 0.0000001;
	assert_true(r.price_prompt * 1e6 < 0.1);
	assert_true(match("prompt=0.1", &r));
	assert_true(match("prompt>=0.1", &r));
	assert_false(match("prompt<0.1", &r));
	assert_true(match("!prompt<0.1", &r));
	r.price_prompt = 0.0000029;
	assert_true(r.price_prompt * 1e6 > 2.9);
	assert_true(match("prompt=2.9", &r));
	assert_true(match("prompt<=2.9", &r));
	assert_false(match("prompt>2.9", &r));
	assert_false(match("prompt=2.9001", &r));
	r.price_prompt = 0.00000015;
	assert_true(match("prompt=0.15", &r));
	assert_true(match("prompt=.15", &r));
	r.price_prompt = 0.0;
	assert_true(match("prompt=0", &r));
	assert_true(match("prompt<=0", &r));
	assert_false(match("prompt<0", &r));
	assert_true(match("prompt>-1", &r));

	r.price_completion = 0.00001;
	assert_true(match("completion=10", &r));
	assert_true(match("completion>=10", &r));
	assert_false(match("completion<10", &r));
	assert_true(match("completion<10.5", &r));

	r.price_prompt = NAN;
	assert_false(match("prompt<1000", &r));
	assert_false(match("!prompt<1000", &r));
	row_clear(&r);
}

static void
test_metrics(void **state)
{
	struct ep_row	r;

	(void)state;
	row_names(&r, "a/b", NULL, "p", NULL);
	r.p50_latency_ms = 850.5;
	r.p50_throughput = 42;
	r.uptime = 99.5;

	assert_true(match("latency<1000", &r));
	assert_true(match("latency<1k", &r));
	assert_false(match("latency<850", &r));
	assert_true(match("latency>850", &r));
	assert_true(match("latency=850.5", &r));
	assert_true(match("tps>=42", &r));
	assert_false(match("tps>42", &r));
	assert_true(match("tps>4.1e1", &r));
	assert_true(match("uptime>99", &r));
	assert_false(match("uptime>=99.9", &r));
	assert_true(match("!uptime>=99.9", &r));
	assert_true(match("UPTIME=99.5", &r));

	r.uptime = NAN;
	assert_false(match("uptime>99", &r));
	assert_false(match("!uptime>99", &r));
	r.p50_latency_ms = NAN;
	assert_false(match("latency<1000", &r));
	r.p50_throughput = NAN;
	assert_false(match("!tps>0", &r));
	row_clear(&r);
}

static void
test_combined(void **state)
{
	const char	*q = "qwen tools ctx>=128k prompt<0.5 "
			    "!provider:chutes no-train";
	struct ep_row	 r;

	(void)state;
	row_names(&r, "qwen/qwen3-235b-a22b", "Qwen: Qwen3 235B A22B",
	    "deepinfra/fp8", "DeepInfra");
	r.supports_tools = 1;
	r.context_length = 131072;
	r.price_prompt = 0.13e-6;
	r.price_completion = 0.6e-6;
	r.training = 0;
	assert_true(match(q, &r));

	/* Break each term in turn. */
	r.supports_tools = 0;
	assert_false(match(q, &r));
	r.supports_tools = 1;

	r.context_length = 32768;
	assert_false(match(q, &r));
	r.context_length = 131072;

	r.price_prompt = 0.6e-6;
	assert_false(match(q, &r));
	r.price_prompt = 0.13e-6;

	r.training = 1;
	assert_false(match(q, &r));
	r.training = -1;
	assert_false(match(q, &r));
	r.training = 0;

	free(r.provider_slug);
	free(r.provider_name);
	r.provider_slug = xstrdup("chutes");
	r.provider_name = xstrdup("Chutes");
	assert_false(match(q, &r));
	row_clear(&r);

	row_names(&r, "meta-llama/llama-3.3-70b", "Meta: Llama 3.3 70B",
	    "deepinfra", "DeepInfra");
	r.supports_tools = 1;
	r.context_length = 131072;
	r.price_prompt = 0.13e-6;
	r.training = 0;
	assert_false(match(q, &r));
	row_clear(&r);
}

/* hq: and dc: judge an endpoint by its provider's places. */
static void
test_hq_dc(void **state)
{
	struct ep_row	 r;
	char		 hq[] = "US", dc[] = "US,DE,SG", none[] = "";

	(void)state;
	row_names(&r, "a/b", NULL, "amazon-bedrock/us-east-1", "Bedrock");
	/* Unknown: neither the term nor its negation holds. */
	assert_false(match("hq:US", &r));
	assert_false(match("!hq:US", &r));
	assert_false(match("dc:US", &r));
	r.provider_hq = hq;
	r.provider_dc = dc;
	assert_true(match("hq:US", &r));
	assert_true(match("hq:us", &r));
	assert_false(match("hq:U", &r));
	assert_false(match("hq:USA", &r));
	assert_true(match("!hq:FR", &r));
	assert_true(match("dc:de", &r));
	assert_true(match("dc:SG dc:US hq:US", &r));
	assert_false(match("dc:D", &r));
	assert_false(match("dc:JP", &r));
	assert_true(match("!dc:JP", &r));
	/* An empty list is known: no datacenter is listed. */
	r.provider_dc = none;
	assert_false(match("dc:US", &r));
	assert_true(match("!dc:US", &r));
	r.provider_hq = NULL;
	r.provider_dc = NULL;
	row_clear(&r);
}

/* The compiled filter must not point into the input string. */
static void
test_input_copied(void **state)
{
	struct ep_row	 r;
	struct filter	*f;
	char		 input[] = "provider:deep qwen";

	(void)state;
	f = filter_parse(input, NULL);
	assert_non_null(f);
	memset(input, 'x', sizeof input - 1);
	row_names(&r, "qwen/qwen3", NULL, "deepinfra", NULL);
	assert_true(filter_match(f, &r));
	filter_free(f);
	row_clear(&r);
}

/* The model's fields an endpoint row carries, and models themselves. */
static void
test_model_terms(void **state)
{
	struct ep_row		 r;
	struct model_row	 m;
	struct filter		*f;
	char			 soon[16], later[16];
	int64_t			 today;
	int			 y, mo, d;

	(void)state;
	today = model_today();
	civil_from_days(today + 10, &y, &mo, &d);
	snprintf(soon, sizeof soon, "%04d-%02d-%02d", y, mo, d);
	civil_from_days(today + 100, &y, &mo, &d);
	snprintf(later, sizeof later, "%04d-%02d-%02d", y, mo, d);

	row_names(&r, "acme/rocket-4.7-fast-20260512", "Acme: Rocket",
	    "acme", "Acme");
	/* The public id: a word and model: find it, unknown before. */
	assert_false(match("opus-4.7", &r));
	r.model_id = xstrdup("acme/opus-4.7-fast");
	assert_true(match("opus-4.7", &r));
	assert_true(match("model:opus-4.7-fast", &r));
	assert_true(match("model:20260512", &r));
	assert_false(match("!opus-4.7", &r));
	/* Modalities and parameters: unknown until the directory knows. */
	assert_false(match("in:text", &r));
	assert_false(match("!in:text", &r));
	r.model_in = xstrdup("text,image");
	r.model_out = xstrdup("image");
	r.model_params = xstrdup("tools,top_p");
	assert_true(match("in:image", &r));
	assert_true(match("in:IMAGE", &r));
	assert_false(match("in:imag", &r));
	assert_true(match("out:image !out:text", &r));
	assert_true(match("param:top_p", &r));
	assert_false(match("param:top_k", &r));
	/* out: is a modality, out> a token count: both parse. */
	r.max_output = 8192;
	assert_true(match("out>=8k out:image", &r));
	/* Expiry in days from today; cutoff by month or by day. */
	assert_false(match("expires<30", &r));
	r.model_expires = xstrdup(soon);
	assert_true(match("expires<30", &r));
	assert_true(match("expires=10", &r));
	assert_false(match("expires<10", &r));
	free(r.model_expires);
	r.model_expires = xstrdup(later);
	assert_false(match("expires<30", &r));
	r.model_cutoff = xstrdup("2025-06-15");
	assert_true(match("cutoff>=2025-06", &r));
	assert_true(match("cutoff<=2025-06", &r));
	assert_false(match("cutoff>2025-06", &r));
	assert_false(match("cutoff>=2025-06-16", &r));
	assert_true(match("cutoff<2025-07-01", &r));
	check_error("cutoff>=2025-13", 1, 15, "2025-13");
	check_error("cutoff>=june", 1, 12, "june");
	free(r.model_id);
	free(r.model_in);
	free(r.model_out);
	free(r.model_params);
	free(r.model_expires);
	free(r.model_cutoff);
	r.model_id = r.model_in = r.model_out = r.model_params = NULL;
	r.model_expires = r.model_cutoff = NULL;
	row_clear(&r);

	/* A model: its own fields; endpoint terms hold for none. */
	model_row_init(&m);
	m.model_key = xstrdup("gamma/image-4-20260101");
	m.model_id = xstrdup("gamma/image-4");
	m.input_modalities = xstrdup("text");
	m.output_modalities = xstrdup("image");
	m.expiration_date = xstrdup(soon);
	m.min_price_prompt = 3e-7;
	m.providers = 2;
	f = filter_parse("image-4 out:image prompt<1 active expires<30", NULL);
	assert_non_null(f);
	assert_true(filter_match_model(f, &m));
	filter_free(f);
	f = filter_parse("provider:gamma", NULL);
	assert_false(filter_match_model(f, &m));
	filter_free(f);
	f = filter_parse("!tools", NULL);
	assert_false(filter_match_model(f, &m));	/* unknown */
	filter_free(f);
	model_row_clear(&m);
}

static void
test_errors(void **state)
{
	(void)state;
	check_error("qwen ctx>=abc", 6, 8, "ctx>=abc");
	check_error("  foo:bar", 3, 7, "unknown field \"foo\"");
	check_error("  foo:bar", 3, 7, "foo:bar");
	check_error("tools !", 7, 1, "\"!\"");
	check_error("!", 1, 1, "\"!\"");
	check_error("! tools", 1, 1, NULL);
	check_error("!!tools", 1, 7, "!!tools");
	check_error("provider:", 1, 9, "missing value");
	check_error("provider:\"\"", 1, 11, "empty");
	check_error("quant:a<b", 1, 9, "\"<\"");
	check_error("model:a!b", 1, 9, "\"!\"");
	check_error("ctx>=", 1, 5, "missing number");
	check_error("ctx>=12x", 1, 8, "invalid number");
	check_error("ctx>=1kk", 1, 8, "invalid number");
	check_error("ctx>=1e", 1, 7, "invalid number");
	check_error("ctx>=.", 1, 6, "invalid number");
	check_error("ctx>=-", 1, 6, "invalid number");
	check_error("ctx>=0x10", 1, 9, "invalid number");
	check_error("ctx>=inf", 1, 8, "invalid number");
	check_error("ctx>=1,5", 1, 8, "invalid number");
	check_error("ctx>1e999", 1, 9, "out of range");
	check_error("foo>3", 1, 5, "unknown field \"foo\"");
	check_error("ctx!=3", 1, 6, "\"!\"");
	check_error("ctx==3", 1, 6, "operator");
	check_error("ctx=>3", 1, 6, "operator");
	check_error("ctx<>3", 1, 6, "operator");
	check_error("ctx:5", 1, 5, "comparison");
	check_error("provider<3", 1, 10, "not a comparison");
	check_error("tools:yes", 1, 9, "unknown field \"tools\"");
	check_error(">3", 1, 2, "missing field name");
	check_error(":x", 1, 2, "missing field name");
	check_error("gpt-4o:free", 1, 11, "unknown field \"gpt-4o\"");
	check_error("a=b", 1, 3, "unknown field \"a\"");
	check_error("ab\"cd\"", 1, 6, "quote");
	check_error("\"ab\"cd", 1, 6, "after closing quote");
	check_error("\"abc", 1, 4, "unterminated");
	check_error("tools \"ab c", 7, 5, "unterminated");
	check_error("x ab\"c d", 5, 4, "unterminated");
	check_error("qwen\tfoo:bar", 6, 7, NULL);
	/* The first bad term is the one reported. */
	check_error("ok ctx>x foo:bar", 4, 5, "ctx>x");
}

/* The resolver a test gives: one alias, its target's key. */
static char *
alias_of(const char *word, void *arg)
{
	(void)arg;
	if (strcmp(word, "~acme/opus-latest") == 0)
		return (xstrdup("acme/opus-4.7-20260512"));
	return (NULL);
}

/* A ~ alias word stands for its target's key, whole (not a :free variant
 * whose key holds it); an unknown one stays a plain word. */
static void
test_alias_words(void **state)
{
	struct filter	*f;
	struct ep_row	 r;

	(void)state;
	f = filter_parse("~acme/opus-latest tools", NULL);
	assert_non_null(f);
	filter_resolve_aliases(f, alias_of, NULL);
	row_names(&r, "acme/opus-4.7-20260512", "Acme: Opus", "p", "P");
	r.supports_tools = 1;
	assert_true(filter_match(f, &r));
	r.supports_tools = 0;
	assert_false(filter_match(f, &r));
	row_clear(&r);
	row_names(&r, "acme/opus-4.7-20260512:free", "Acme: Opus", "p", "P");
	r.supports_tools = 1;
	assert_false(filter_match(f, &r));
	filter_free(f);
	f = filter_parse("~acme/other-latest", NULL);
	filter_resolve_aliases(f, alias_of, NULL);
	row_clear(&r);
	row_names(&r, "~acme/other-latest", "x", "p", "P");
	assert_true(filter_match(f, &r));
	row_clear(&r);
	filter_free(f);
}

/*
 * filter_match_at() over a struct filter_words gives what filter_match()
 * gives on every row: words within one field only (never across two),
 * case folded, unknown rows unknown, needles holding a separator byte.
 */
static void
test_words_same(void **state)
{
	static const char *const names[][4] = {
		{ "acme/opus-4.7", "Acme: Opus 4.7", "nimbus", "Nimbus AI" },
		{ "acme/opus-4.7", NULL, NULL, NULL },
		{ NULL, NULL, NULL, NULL },
		{ "", "", "", "" },
		{ "meta/LLAMA-4", "Meta: Llama 4", "bramble", "Bramble\x1fInc" },
		{ "x/y", "Odd\x1eName", "s", NULL },
	};
	static const char *const filters[] = {
		"opus", "OPUS", "!opus", "llama", "acme/opus-4.7",
		"opusacme", "4.7acme", "nimbusnimbus", "inc", "bramble\x1finc",
		"\"bramble\x1finc\"", "odd\x1ename", "name", "y", "!y",
		"tools llama", "provider:nimbus opus", "\"Acme: Opus\"", "a",
		"z", "!z",
	};
	struct ep_row		 rows[6];
	struct filter_words	*w;
	struct filter		*f;
	size_t			 i, j;

	(void)state;
	for (i = 0; i < 6; i++) {
		row_names(&rows[i], names[i][0], names[i][1], names[i][2],
		    names[i][3]);
		rows[i].supports_tools = 1;
	}
	w = filter_words_new(rows, 6);
	for (j = 0; j < sizeof filters / sizeof filters[0]; j++) {
		f = filter_parse(filters[j], NULL);
		assert_non_null(f);
		for (i = 0; i < 6; i++) {
			assert_int_equal(filter_match_at(f, &rows[i], w, i),
			    filter_match(f, &rows[i]));
			/* Past its rows it falls back to the row's own. */
			assert_int_equal(filter_match_at(f, &rows[i], w, 6),
			    filter_match(f, &rows[i]));
		}
		filter_free(f);
	}
	/* What those equalities rest on. */
	f = filter_parse("opusacme", NULL);
	assert_false(filter_match_at(f, &rows[0], w, 0));
	filter_free(f);
	f = filter_parse("OPUS", NULL);
	assert_true(filter_match_at(f, &rows[0], w, 0));
	assert_true(filter_match_at(f, &rows[1], w, 1));
	assert_false(filter_match_at(f, &rows[4], w, 4));
	filter_free(f);
	f = filter_parse("!opus", NULL);
	assert_false(filter_match_at(f, &rows[2], w, 2));	/* unknown */
	assert_true(filter_match_at(f, &rows[3], w, 3));	/* "" known */
	filter_free(f);
	f = filter_parse("llama", NULL);
	assert_true(filter_match_at(f, &rows[4], w, 4));
	filter_free(f);
	filter_words_free(w);
	filter_words_free(filter_words_new(NULL, 0));
	for (i = 0; i < 6; i++)
		row_clear(&rows[i]);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_model_terms),
		cmocka_unit_test(test_hq_dc),
		cmocka_unit_test(test_nterms),
		cmocka_unit_test(test_flag_watched),
		cmocka_unit_test(test_bare_word),
		cmocka_unit_test(test_bare_word_null),
		cmocka_unit_test(test_words_same),
		cmocka_unit_test(test_quoted),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_flag_free),
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_counts_shown),
		cmocka_unit_test(test_prices),
		cmocka_unit_test(test_metrics),
		cmocka_unit_test(test_combined),
		cmocka_unit_test(test_input_copied),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_alias_words),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
