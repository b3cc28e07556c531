#include "config.h"

#include "project/endpoint.h"

#include <errno.h>
#include <stdio.h>
#include <locale.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codec/jarena.h"
#include "project/jfield.h"
#include "project/model-key.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Longest price string worth parsing; real ones are about 12 bytes. */
#define EP_PRICE_MAX	128

/*
 * An identifier longer than EP_STR_MAX is refused, never cut: two cut ids
 * could be the same.  Sets *cause (when not NULL) and returns 1.
 */
static int
ep_too_long(const char *s, const char *what, char **cause)
{
	if (s == NULL || strnlen(s, EP_STR_MAX + 1) <= EP_STR_MAX)
		return (0);
	if (cause != NULL)
		*cause = xasprintf("%s longer than %d bytes", what,
		    EP_STR_MAX);
	return (1);
}

/* Does array arr hold the string s? */
static int
ep_array_has(const json_t *arr, const char *s)
{
	const json_t	*v;
	size_t		 i;

	json_array_foreach(arr, i, v) {
		if (json_is_string(v) && strcmp(json_string_value(v), s) == 0)
			return (1);
	}
	return (0);
}

/*
 * Check the syntax of a decimal price: digits with an optional fraction and
 * exponent, at least one digit in the mantissa, no sign, no spaces, no hex,
 * no "nan" or "inf" (all of which strtod would take).  A sign is refused
 * too: "-1" marks router models, and any negative price means "unknown".
 */
static int
ep_price_syntax(const char *s)
{
	size_t	ndigits = 0;

	while (*s >= '0' && *s <= '9') {
		s++;
		ndigits++;
	}
	if (*s == '.') {
		s++;
		while (*s >= '0' && *s <= '9') {
			s++;
			ndigits++;
		}
	}
	if (ndigits == 0)
		return (-1);
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (*s < '0' || *s > '9')
			return (-1);
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return (*s == '\0' ? 0 : -1);
}

/*
 * Convert a validated price string.  strtod honours LC_NUMERIC, and the UI
 * sets the locale from the environment, so the '.' is replaced by the
 * locale's radix character first.
 */
static double
ep_price_strtod(const char *s)
{
	struct buf	 b = BUF_INIT;
	const char	*radix;
	char		*end;
	double		 d;

	radix = localeconv()->decimal_point;
	if (radix == NULL || *radix == '\0' || strcmp(radix, ".") == 0) {
		errno = 0;
		d = strtod(s, &end);
		if (*end != '\0' || (errno == ERANGE && d != 0.0))
			d = NAN;
		return (d);
	}
	for (; *s != '\0'; s++) {
		if (*s == '.')
			buf_addstr(&b, radix);
		else
			buf_addch(&b, *s);
	}
	errno = 0;
	d = strtod(buf_str(&b), &end);
	if (*end != '\0' || (errno == ERANGE && d != 0.0))
		d = NAN;
	buf_free(&b);
	return (d);
}

double
ep_parse_price(const json_t *v, int *mistyped)
{
	const char	*s;
	double		 d;

	if (mistyped != NULL)
		*mistyped = 0;
	if (v == NULL || json_is_null(v))
		return (NAN);
	if (json_is_number(v)) {
		d = json_number_value(v);
		if (d == -1)
			return (NAN);		/* unknown */
		if (!isfinite(d) || d < 0 || signbit(d))
			goto bad;
		return (d);
	}
	if (!json_is_string(v))
		goto bad;

	s = json_string_value(v);
	if (strcmp(s, "-1") == 0)
		return (NAN);			/* unknown */
	if (strnlen(s, EP_PRICE_MAX + 1) > EP_PRICE_MAX ||
	    ep_price_syntax(s) != 0)
		goto bad;
	d = ep_price_strtod(s);
	if (!isfinite(d) || d < 0)
		goto bad;
	return (d);
bad:
	if (mistyped != NULL)
		*mistyped = 1;
	return (NAN);
}

/* Where each part of enum price_part lives in a row. */
static const size_t ep_price_off[PRICE_NPARTS] = {
	offsetof(struct ep_row, price_prompt),
	offsetof(struct ep_row, price_completion),
	offsetof(struct ep_row, price_request),
	offsetof(struct ep_row, price_image),
	offsetof(struct ep_row, price_image_token),
	offsetof(struct ep_row, price_image_output),
	offsetof(struct ep_row, price_audio),
	offsetof(struct ep_row, price_audio_output),
	offsetof(struct ep_row, price_input_audio_cache),
	offsetof(struct ep_row, price_web_search),
	offsetof(struct ep_row, price_internal_reasoning),
	offsetof(struct ep_row, price_cache_read),
	offsetof(struct ep_row, price_cache_write),
	offsetof(struct ep_row, price_cache_write_1h)
};

static double *
ep_price_part(struct ep_row *row, int part)
{
	return ((double *)(void *)((char *)row + ep_price_off[part]));
}

double
ep_row_price_part(const struct ep_row *row, enum price_part part)
{
	return (*ep_price_part((struct ep_row *)row, part));
}

static void
ep_price_unset(struct ep_row *row)
{
	int	i;

	for (i = 0; i < PRICE_NPARTS; i++)
		*ep_price_part(row, i) = NAN;
	row->price_unknown = 0;
	row->discount = NAN;
}

void
ep_row_price(const struct ep_row *row, struct price *p)
{
	int	i;

	price_clear(p);
	for (i = 0; i < PRICE_NPARTS; i++)
		p->part[i] = *ep_price_part((struct ep_row *)row, i);
	p->unknown = row->price_unknown;
	p->discount = row->discount;
	if (row->price_overrides != NULL &&
	    price_overrides_load(p, row->price_overrides) != 0) {
		free(p->ov);
		p->ov = NULL;
		p->nov = 0;
	}
}

void
ep_row_set_price(struct ep_row *row, const struct price *p)
{
	json_t	*arr;
	int	 i;

	for (i = 0; i < PRICE_NPARTS; i++)
		*ep_price_part(row, i) = p->part[i];
	row->price_unknown = p->unknown;
	row->discount = p->discount;
	free(row->price_overrides);
	row->price_overrides = NULL;
	if (p->nov > 0) {
		arr = price_overrides_json(p);
		row->price_overrides = json_text(arr, JSON_COMPACT |
		    JSON_REAL_PRECISION(17));
		json_decref(arr);
		if (row->price_overrides == NULL)
			abort();
	}
}

void
ep_row_init(struct ep_row *row)
{
	memset(row, 0, sizeof *row);

	row->context_length = EP_NULL_INT;
	row->max_output = EP_NULL_INT;
	row->request_count = EP_NULL_INT;
	row->limit_rpm = EP_NULL_INT;
	row->limit_rpd = EP_NULL_INT;
	row->status = EP_NULL_INT;
	row->model_usage = EP_NULL_INT;

	ep_price_unset(row);
	row->p50_latency_ms = NAN;
	row->p50_throughput = NAN;
	row->uptime = NAN;
	row->uptime_5m = NAN;
	row->uptime_1d = NAN;
	row->latency_p50_ms = NAN;
	row->latency_p75_ms = NAN;
	row->latency_p90_ms = NAN;
	row->latency_p99_ms = NAN;
	row->throughput_p50 = NAN;
	row->throughput_p75 = NAN;
	row->throughput_p90 = NAN;
	row->throughput_p99 = NAN;
	row->max_prompt_tokens = EP_NULL_INT;
	row->implicit_caching = -1;

	row->is_free = -1;
	row->is_hidden = -1;
	row->is_disabled = -1;
	row->supports_images = -1;
	row->supports_tools = -1;
	row->supports_reasoning = -1;
	row->training = -1;
	row->retains_prompts = -1;

	row->first_run_id = EP_NULL_INT;
	row->last_run_id = EP_NULL_INT;
	row->active = 0;
}

void
ep_row_clear(struct ep_row *row)
{
	if (row->pack != NULL) {
		free(row->pack);
		ep_row_init(row);
		return;
	}
	free(row->endpoint_id);
	free(row->model_key);
	free(row->model_name);
	free(row->model_id);
	free(row->model_in);
	free(row->model_out);
	free(row->model_params);
	free(row->model_expires);
	free(row->model_cutoff);
	free(row->provider_slug);
	free(row->provider_name);
	free(row->variant);
	free(row->quantization);
	free(row->price_overrides);
	free(row->provider_hq);
	free(row->provider_dc);
	free(row->region);
	ep_row_init(row);
}

static char *
ep_copy_str(const char *s)
{
	return (s == NULL ? NULL : xstrdup(s));
}

void
ep_row_copy(struct ep_row *dst, const struct ep_row *src)
{
	if (dst == src)
		return;
	ep_row_clear(dst);
	*dst = *src;
	dst->pack = NULL;	/* the copy owns its strings one by one */
	dst->endpoint_id = ep_copy_str(src->endpoint_id);
	dst->model_key = ep_copy_str(src->model_key);
	dst->model_name = ep_copy_str(src->model_name);
	dst->model_id = ep_copy_str(src->model_id);
	dst->model_in = ep_copy_str(src->model_in);
	dst->model_out = ep_copy_str(src->model_out);
	dst->model_params = ep_copy_str(src->model_params);
	dst->model_expires = ep_copy_str(src->model_expires);
	dst->model_cutoff = ep_copy_str(src->model_cutoff);
	dst->provider_slug = ep_copy_str(src->provider_slug);
	dst->provider_name = ep_copy_str(src->provider_name);
	dst->variant = ep_copy_str(src->variant);
	dst->quantization = ep_copy_str(src->quantization);
	dst->price_overrides = ep_copy_str(src->price_overrides);
	dst->provider_hq = ep_copy_str(src->provider_hq);
	dst->provider_dc = ep_copy_str(src->provider_dc);
	dst->region = ep_copy_str(src->region);
}

/* The identity of a v1 endpoint: "v1:" + tag, else the lowercased name. */
static char *
ep_v1_identity(const char *tag, const char *provider_name)
{
	struct buf	 b = BUF_INIT;
	const char	*p;
	char		*id;

	if (tag != NULL && *tag != '\0') {
		buf_addstr(&b, "v1:");
		buf_addstr(&b, tag);
	} else if (provider_name != NULL && *provider_name != '\0') {
		buf_addstr(&b, "v1:");
		for (p = provider_name; *p != '\0'; p++) {
			if (*p >= 'A' && *p <= 'Z')
				buf_addch(&b, (char)(*p - 'A' + 'a'));
			else
				buf_addch(&b, *p);
		}
	} else
		return (NULL);
	id = xstrdup(buf_str(&b));	/* whole: ep_project() bounds it */
	buf_free(&b);
	return (id);
}

/* The variant of a v1 endpoint, from the model key's ":suffix". */
static const char *
ep_v1_variant(const char *model_key)
{
	const char	*slash, *colon;

	if (model_key == NULL)
		return ("standard");
	slash = strrchr(model_key, '/');
	colon = strrchr(model_key, ':');
	if (colon == NULL || colon[1] == '\0' ||
	    (slash != NULL && colon < slash))
		return ("standard");
	return (colon + 1);
}

/* 1 if the modalities array lists "image", 0 if not, -1 if not an array. */
static int
ep_images(const json_t *modalities)
{
	if (!json_is_array(modalities))
		return (-1);
	return (ep_array_has(modalities, "image"));
}

/*
 * Capabilities.  supports_reasoning wins when present; tools are supported
 * when either field says so (the catalogue has endpoints with the flag and
 * no "tools" parameter, and the v1 route only has the parameter list).
 * Counts the mistyped fields it reads in *w.
 */
static void
ep_project_caps(const json_t *obj, const json_t *model,
    const struct ep_context *ctx, struct ep_row *row, unsigned *w)
{
	const json_t	*params, *arch, *mod_model, *mod_arch;
	int		 sr, stp;

	params = jf_arr(obj, "supported_parameters", w);
	sr = jf_bool(obj, "supports_reasoning", w);
	if (sr == -1 && params != NULL)
		sr = ep_array_has(params, "reasoning");
	row->supports_reasoning = sr;
	stp = jf_bool(obj, "supports_tool_parameters", w);
	if (stp == 1 || (params != NULL && ep_array_has(params, "tools")))
		row->supports_tools = 1;
	else if (stp == 0 || params != NULL)
		row->supports_tools = 0;

	mod_model = jf_arr(model, "input_modalities", w);
	arch = jf_obj(obj, "architecture", w);
	mod_arch = jf_arr(arch, "input_modalities", w);
	if (mod_model != NULL)
		row->supports_images = ep_images(mod_model);
	else if (mod_arch != NULL)
		row->supports_images = ep_images(mod_arch);
	else if (ctx != NULL)
		row->supports_images = ep_images(ctx->input_modalities);
}

/* A {p50, p75, p90, p99} object into v[4] (NAN where not a number). */
static void
ep_percentiles(const json_t *obj, double v[4], unsigned *w)
{
	static const char	*keys[4] = { "p50", "p75", "p90", "p99" };
	int			 i;

	for (i = 0; i < 4; i++)
		v[i] = jf_real(obj, keys[i], w);
}

/*
 * The same from the 2026 frontend's stats ("p75_latency", ...); p50 is
 * the median the row has read already (p50 of its stats).
 */
static void
ep_stats_percentiles(const json_t *stats, const char *metric, double p50,
    double v[4], unsigned *w)
{
	static const char	*names[4] = { "p50", "p75", "p90", "p99" };
	char			 key[32];
	int			 i;

	v[0] = p50;
	for (i = 1; i < 4; i++) {
		snprintf(key, sizeof key, "%s_%s", names[i], metric);
		v[i] = jf_real(stats, key, w);
	}
}

/*
 * The 2026 fields: uptimes of 5 minutes and a day, implicit caching, the
 * prompt limit, latency and throughput percentiles (v1's *_last_30m
 * objects, else the frontend's stats), and the tag's region.
 */
static void
ep_project_2026(const json_t *obj, const json_t *stats, struct ep_row *row,
    unsigned *w)
{
	const json_t	*lat, *tps;
	double		 l[4], t[4], scale;
	int		 i;

	row->uptime_5m = jf_real(obj, "uptime_last_5m", w);
	row->uptime_1d = jf_real(obj, "uptime_last_1d", w);
	row->implicit_caching = jf_bool(obj, "supports_implicit_caching", w);
	row->max_prompt_tokens = jf_tokens(obj, "max_prompt_tokens", w);
	lat = jf_obj(obj, "latency_last_30m", w);
	tps = jf_obj(obj, "throughput_last_30m", w);
	if (lat != NULL) {
		ep_percentiles(lat, l, w);
		scale = ep_latency_scale(l, 4);
	} else {
		/* The frontend's stats are milliseconds, as p50_latency. */
		ep_stats_percentiles(stats, "latency", row->p50_latency_ms,
		    l, w);
		scale = 1;
	}
	if (tps != NULL)
		ep_percentiles(tps, t, w);
	else
		ep_stats_percentiles(stats, "throughput",
		    row->p50_throughput, t, w);
	for (i = 0; i < 4; i++) {
		if (!isnan(l[i]) && (l[i] < 0 || !isfinite(l[i] * scale)))
			l[i] = NAN;
		else
			l[i] *= scale;
		if (!isnan(t[i]) && t[i] < 0)
			t[i] = NAN;
	}
	row->latency_p50_ms = l[0];
	row->latency_p75_ms = l[1];
	row->latency_p90_ms = l[2];
	row->latency_p99_ms = l[3];
	row->throughput_p50 = t[0];
	row->throughput_p75 = t[1];
	row->throughput_p90 = t[2];
	row->throughput_p99 = t[3];
	/* The v1 route has no stats: its medians stand in. */
	if (isnan(row->p50_latency_ms))
		row->p50_latency_ms = l[0];
	if (isnan(row->p50_throughput))
		row->p50_throughput = t[0];
	row->region = ep_region(row->provider_slug, row->quantization);
}

double
ep_latency_scale(const double *v, size_t n)
{
	size_t	i, given = 0;

	for (i = 0; i < n; i++) {
		if (isnan(v[i]))
			continue;
		if (v[i] >= EP_LATENCY_SECONDS_BELOW)
			return (1);
		given++;
	}
	return (given > 0 ? 1000 : 1);
}

char *
ep_region(const char *slug, const char *quant)
{
	static const char	*quants[] = {
		"fp4", "fp6", "fp8", "fp16", "fp32", "bf16", "int4", "int8",
		"unknown", NULL
	};
	const char		*suffix, *p;
	int			 i;

	if (slug == NULL || (suffix = strchr(slug, '/')) == NULL ||
	    *++suffix == '\0')
		return (NULL);
	/* A region is a short name: letters, digits, '.', '_' and '-'. */
	for (p = suffix; *p != '\0'; p++) {
		if (p - suffix == EP_REGION_MAX || !((*p >= 'a' && *p <= 'z') ||
		    (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '.' || *p == '_' || *p == '-'))
			return (NULL);
	}
	if (quant != NULL && strcasecmp(suffix, quant) == 0)
		return (NULL);
	for (i = 0; quants[i] != NULL; i++) {
		if (strcasecmp(suffix, quants[i]) == 0)
			return (NULL);
	}
	return (jf_dup(suffix));
}

const char *
ep_provider_label(const struct ep_row *r, char *buf, size_t len)
{
	const char	*name;

	name = r->provider_name != NULL ? r->provider_name : r->provider_slug;
	if (name == NULL)
		name = "-";
	/* The name itself, uncut, when there is nothing to add. */
	if (r->region == NULL)
		return (name);
	snprintf(buf, len, "%s %s", name, r->region);
	return (buf);
}

/*
 * The provider's slug (the tag of a v1 listing, else provider_info's) and
 * name; -1 with *cause when the slug is too long to keep.
 */
static int
ep_project_provider(const json_t *obj, const char *tag, const char *pname,
    struct ep_row *row, unsigned *w, char **cause)
{
	const json_t	*pinfo;
	const char	*pslug, *pdisplay, *islug, *iname;

	pslug = jf_str(obj, "provider_slug", w);
	pdisplay = jf_str(obj, "provider_display_name", w);
	pinfo = jf_obj(obj, "provider_info", w);
	islug = jf_str(pinfo, "slug", w);
	iname = jf_str(pinfo, "displayName", w);
	if (pslug == NULL)
		pslug = tag != NULL ? tag : islug;
	if (ep_too_long(pslug, "provider slug", cause))
		return (-1);
	row->provider_slug = jf_dup(pslug);
	if (pdisplay == NULL)
		pdisplay = pname != NULL ? pname : iname;
	row->provider_name = jf_dup(pdisplay);
	return (0);
}

int
ep_project(const json_t *obj, enum ep_source src,
    const struct ep_context *ctx, struct ep_row *row, unsigned *warnings,
    char **cause)
{
	const json_t	*model, *pricing, *stats, *policy;
	const char	*id, *tag, *pname, *mname, *variant;
	struct price	 price;
	char		*key;
	unsigned	 w = 0;

	ep_row_clear(row);
	if (!json_is_object(obj)) {
		if (cause != NULL)
			*cause = xstrdup("endpoint is not an object");
		return (-1);
	}

	/* Identity first: without it there is no row. */
	id = jf_str(obj, "id", &w);
	tag = jf_str(obj, "tag", &w);
	pname = jf_str(obj, "provider_name", &w);
	if (id != NULL && *id != '\0')
		row->endpoint_id = xstrdup(id);	/* whole: bounded below */
	else if (src == EP_SRC_V1)
		row->endpoint_id = ep_v1_identity(tag, pname);
	if (ep_too_long(row->endpoint_id, "endpoint id", cause)) {
		ep_row_clear(row);
		return (-1);
	}
	if (row->endpoint_id == NULL) {
		if (cause != NULL) {
			*cause = xstrdup(src == EP_SRC_V1 ?
			    "endpoint has no id, tag or provider name" :
			    "endpoint has no id");
		}
		return (-1);
	}

	/*
	 * The model key.  Every member it can come from is read here once so
	 * that a mistyped one is counted, whichever wins.
	 */
	model = jf_obj(obj, "model", &w);
	(void)jf_str(obj, "model_variant_permaslug", &w);
	(void)jf_str(model, "permaslug", &w);
	variant = jf_str(obj, "variant", &w);
	key = model_key_from_endpoint(obj);
	if (ctx != NULL && ctx->model_key != NULL &&
	    (src == EP_SRC_V1 || key == NULL)) {
		free(key);
		key = xstrdup(ctx->model_key);
	}
	if (ep_too_long(key, "model key", cause)) {
		free(key);
		ep_row_clear(row);
		return (-1);
	}
	row->model_key = jf_dup(key);
	free(key);

	if (variant == NULL && src == EP_SRC_V1)
		variant = ep_v1_variant(row->model_key);
	row->variant = jf_dup(variant);

	mname = jf_str(model, "name", &w);
	if (mname == NULL && ctx != NULL)
		mname = ctx->model_name;
	row->model_name = jf_dup(mname);

	if (ep_project_provider(obj, tag, pname, row, &w, cause) != 0) {
		ep_row_clear(row);
		return (-1);
	}

	row->quantization = jf_dup(jf_str(obj, "quantization", &w));
	row->context_length = jf_tokens(obj, "context_length", &w);
	row->max_output = jf_tokens(obj, "max_completion_tokens", &w);

	/* Every component, the discount and the well-formed overrides. */
	pricing = jf_obj(obj, "pricing", &w);
	price_init(&price);
	price_parse(pricing, &price, &w);
	ep_row_set_price(row, &price);
	price_clear(&price);

	row->is_free = jf_bool(obj, "is_free", &w);
	row->is_hidden = jf_bool(obj, "is_hidden", &w);
	row->is_disabled = jf_bool(obj, "is_disabled", &w);

	ep_project_caps(obj, model, ctx, row, &w);

	/* 2026 stats add p75..p99 and window_minutes; p50 keeps its name. */
	stats = jf_obj(obj, "stats", &w);
	row->p50_latency_ms = jf_real(stats, "p50_latency", &w);
	row->p50_throughput = jf_real(stats, "p50_throughput", &w);
	row->request_count = jf_int(stats, "request_count", &w);

	row->status = jf_int(obj, "status", &w);
	row->limit_rpm = jf_int(obj, "limit_rpm", &w);
	row->limit_rpd = jf_int(obj, "limit_rpd", &w);
	row->uptime = jf_real(obj, "uptime_last_30m", &w);

	policy = jf_obj(obj, "data_policy", &w);
	row->training = jf_bool(policy, "training", &w);
	row->retains_prompts = jf_bool(policy, "retainsPrompts", &w);

	ep_project_2026(obj, stats, row, &w);

	if (warnings != NULL)
		*warnings += w;
	return (0);
}

const char *
ep_status_label(int64_t status, char *buf, size_t len)
{
	if (status == EP_NULL_INT)
		snprintf(buf, len, "-");
	else if (status < -999 || status > 999)
		snprintf(buf, len, "?");
	else
		snprintf(buf, len, "%lld", (long long)status);
	return (buf);
}

enum ep_policy
ep_policy(const struct ep_row *row)
{
	if (row->training == 1)
		return (EP_POLICY_TRAINS);
	if (row->training == 0 && row->retains_prompts == 1)
		return (EP_POLICY_RETAINS);
	if (row->training == 0)
		return (EP_POLICY_NO_TRAIN);
	return (EP_POLICY_UNKNOWN);
}

const char *
ep_policy_label(enum ep_policy p)
{
	switch (p) {
	case EP_POLICY_TRAINS:
		return (N_("trains"));
	case EP_POLICY_RETAINS:
		return (N_("retains"));
	case EP_POLICY_NO_TRAIN:
		return (N_("no-train"));
	default:
		return ("?");
	}
}
