#include "config.h"

#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "project/endpoint.h"
#include "project/filter.h"
#include "util/xmalloc.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	key0[] = "qwen/qwen3-235b-a22b:free";
static char	name0[] = "Qwen: Qwen3 235B A22B";
static char	slug0[] = "deepinfra/fp8";
static char	pname0[] = "DeepInfra";
static char	quant0[] = "fp8";
static char	variant0[] = "free";
static char	key1[] = "meta-llama/llama-3.3-70b";
static char	pname1[] = "Chutes \xc3\xa9";

static struct ep_row	rows[3];
static int		rows_ready;

/* An all-NULL row, as the endpoint header defines NULL. */
static void
fuzz_row_null(struct ep_row *r)
{
	memset(r, 0, sizeof *r);
	r->model_key = r->model_name = r->endpoint_id = NULL;
	r->provider_slug = r->provider_name = NULL;
	r->variant = r->quantization = NULL;
	r->context_length = r->max_output = r->request_count = EP_NULL_INT;
	r->limit_rpm = r->limit_rpd = r->status = EP_NULL_INT;
	r->first_run_id = r->last_run_id = EP_NULL_INT;
	r->price_prompt = r->price_completion = r->price_cache_read = NAN;
	r->p50_latency_ms = r->p50_throughput = r->uptime = NAN;
	r->is_free = r->is_hidden = r->is_disabled = -1;
	r->supports_images = r->supports_tools = r->supports_reasoning = -1;
	r->training = r->retains_prompts = r->active = -1;
	r->watched = -1;
}

/* One full row, one partial row and one all-NULL row. */
static void
fuzz_rows(void)
{
	fuzz_row_null(&rows[0]);
	rows[0].model_key = key0;
	rows[0].model_name = name0;
	rows[0].provider_slug = slug0;
	rows[0].provider_name = pname0;
	rows[0].quantization = quant0;
	rows[0].variant = variant0;
	rows[0].context_length = 131072;
	rows[0].max_output = 8192;
	rows[0].price_prompt = 0;
	rows[0].price_completion = 0;
	rows[0].p50_latency_ms = 850.5;
	rows[0].p50_throughput = 42;
	rows[0].uptime = 99.5;
	rows[0].is_free = 1;
	rows[0].supports_tools = 1;
	rows[0].supports_images = 0;
	rows[0].supports_reasoning = 1;
	rows[0].training = 0;
	rows[0].retains_prompts = 1;
	rows[0].active = 1;

	fuzz_row_null(&rows[1]);
	rows[1].model_key = key1;
	rows[1].provider_name = pname1;
	rows[1].price_prompt = 0.0000029;
	rows[1].context_length = 1000000;

	fuzz_row_null(&rows[2]);
	rows_ready = 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct filter_error	 err;
	struct filter		*f;
	char			*input;
	size_t			 i, len;

	if (!rows_ready)
		fuzz_rows();

	input = xmalloc(size + 1);
	if (size != 0)
		memcpy(input, data, size);
	input[size] = '\0';
	len = strlen(input);

	f = filter_parse(input, &err);
	if (f == NULL) {
		/* An error always points at bytes inside the input. */
		if (err.message == NULL || err.column < 1 || err.length < 1 ||
		    (size_t)err.column - 1 + (size_t)err.length > len)
			abort();
		free(err.message);
	} else {
		if (err.message != NULL || filter_nterms(f) < 0)
			abort();
		for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
			/*
			 * Every term is unknown on the all-NULL row, negated
			 * or not, so only the match-all filter keeps it.
			 */
			if (filter_match(f, &rows[i]) && i == 2 &&
			    filter_nterms(f) != 0)
				abort();
		}
		filter_free(f);
	}
	free(input);
	return (0);
}
