#include "config.h"

#include "project/endpoint.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "project/model-key.h"
#include "util/buf.h"
#include "util/xmalloc.h"

/* Longest price string worth parsing; real ones are about 12 bytes. */
#define EP_PRICE_MAX	128

/*
 * Copy at most EP_STR_MAX bytes of s, cutting on a UTF-8 character boundary
 * (jansson only hands out valid UTF-8, so backing up over continuation bytes
 * is enough).
 */
static char *
ep_dup(const char *s)
{
	size_t	len;

	if (s == NULL)
		return (NULL);
	len = strnlen(s, EP_STR_MAX + 1);
	if (len > EP_STR_MAX) {
		len = EP_STR_MAX;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	return (xstrndup(s, len));
}

/*
 * Field readers.  Each returns the NULL encoding of its type when the member
 * is missing or null, and also counts one warning in *w when it is present
 * with the wrong type.  obj may be NULL (an absent parent object).
 */
static const json_t *
ep_member(const json_t *obj, const char *key)
{
	const json_t	*v;

	v = json_object_get(obj, key);
	if (v == NULL || json_is_null(v))
		return (NULL);
	return (v);
}

static const char *
ep_str(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;

	if ((v = ep_member(obj, key)) == NULL)
		return (NULL);
	if (!json_is_string(v)) {
		(*w)++;
		return (NULL);
	}
	return (json_string_value(v));
}

static const json_t *
ep_obj(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;

	if ((v = ep_member(obj, key)) == NULL)
		return (NULL);
	if (!json_is_object(v)) {
		(*w)++;
		return (NULL);
	}
	return (v);
}

static const json_t *
ep_arr(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;

	if ((v = ep_member(obj, key)) == NULL)
		return (NULL);
	if (!json_is_array(v)) {
		(*w)++;
		return (NULL);
	}
	return (v);
}

/* An integer; a real with an integral value in range is accepted too. */
static int64_t
ep_int(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;
	double		 d;

	if ((v = ep_member(obj, key)) == NULL)
		return (EP_NULL_INT);
	if (json_is_integer(v))
		return ((int64_t)json_integer_value(v));
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (isfinite(d) && d == floor(d) &&
		    d >= -9223372036854775807.0 && d < 9223372036854775807.0)
			return ((int64_t)d);
	}
	(*w)++;
	return (EP_NULL_INT);
}

/*
 * A token limit: 0 is what OpenRouter lists for media models and routers
 * whose limit it does not know (2026), so it is stored as unknown, not as
 * a limit no request fits in.
 */
static int64_t
ep_tokens(const json_t *obj, const char *key, unsigned *w)
{
	int64_t	v;

	v = ep_int(obj, key, w);
	return (v == 0 ? EP_NULL_INT : v);
}

static double
ep_real(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;
	double		 d;

	if ((v = ep_member(obj, key)) == NULL)
		return (NAN);
	if (json_is_number(v)) {
		d = json_number_value(v);
		if (isfinite(d))
			return (d);
	}
	(*w)++;
	return (NAN);
}

static int
ep_bool(const json_t *obj, const char *key, unsigned *w)
{
	const json_t	*v;

	if ((v = ep_member(obj, key)) == NULL)
		return (-1);
	if (!json_is_boolean(v)) {
		(*w)++;
		return (-1);
	}
	return (json_is_true(v));
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
		if (!isfinite(d) || d < 0 || signbit(d))
			return (NAN);
		return (d);
	}
	if (!json_is_string(v)) {
		if (mistyped != NULL)
			*mistyped = 1;
		return (NAN);
	}

	s = json_string_value(v);
	if (strnlen(s, EP_PRICE_MAX + 1) > EP_PRICE_MAX ||
	    ep_price_syntax(s) != 0)
		return (NAN);
	d = ep_price_strtod(s);
	if (!isfinite(d) || d < 0)
		return (NAN);
	return (d);
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
		row->price_overrides = json_dumps(arr, JSON_COMPACT |
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

	ep_price_unset(row);
	row->p50_latency_ms = NAN;
	row->p50_throughput = NAN;
	row->uptime = NAN;

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
	free(row->provider_slug);
	free(row->provider_name);
	free(row->variant);
	free(row->quantization);
	free(row->price_overrides);
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
	dst->provider_slug = ep_copy_str(src->provider_slug);
	dst->provider_name = ep_copy_str(src->provider_name);
	dst->variant = ep_copy_str(src->variant);
	dst->quantization = ep_copy_str(src->quantization);
	dst->price_overrides = ep_copy_str(src->price_overrides);
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
	id = ep_dup(buf_str(&b));
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

	params = ep_arr(obj, "supported_parameters", w);
	sr = ep_bool(obj, "supports_reasoning", w);
	if (sr == -1 && params != NULL)
		sr = ep_array_has(params, "reasoning");
	row->supports_reasoning = sr;
	stp = ep_bool(obj, "supports_tool_parameters", w);
	if (stp == 1 || (params != NULL && ep_array_has(params, "tools")))
		row->supports_tools = 1;
	else if (stp == 0 || params != NULL)
		row->supports_tools = 0;

	mod_model = ep_arr(model, "input_modalities", w);
	arch = ep_obj(obj, "architecture", w);
	mod_arch = ep_arr(arch, "input_modalities", w);
	if (mod_model != NULL)
		row->supports_images = ep_images(mod_model);
	else if (mod_arch != NULL)
		row->supports_images = ep_images(mod_arch);
	else if (ctx != NULL)
		row->supports_images = ep_images(ctx->input_modalities);
}

int
ep_project(const json_t *obj, enum ep_source src,
    const struct ep_context *ctx, struct ep_row *row, unsigned *warnings,
    char **cause)
{
	const json_t	*model, *pinfo, *pricing, *stats, *policy;
	const char	*id, *tag, *pslug, *pname, *pdisplay, *islug, *iname;
	const char	*mname, *variant;
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
	id = ep_str(obj, "id", &w);
	tag = ep_str(obj, "tag", &w);
	pname = ep_str(obj, "provider_name", &w);
	if (id != NULL && *id != '\0')
		row->endpoint_id = ep_dup(id);
	else if (src == EP_SRC_V1)
		row->endpoint_id = ep_v1_identity(tag, pname);
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
	model = ep_obj(obj, "model", &w);
	(void)ep_str(obj, "model_variant_permaslug", &w);
	(void)ep_str(model, "permaslug", &w);
	variant = ep_str(obj, "variant", &w);
	key = model_key_from_endpoint(obj);
	if (ctx != NULL && ctx->model_key != NULL &&
	    (src == EP_SRC_V1 || key == NULL)) {
		free(key);
		key = xstrdup(ctx->model_key);
	}
	row->model_key = ep_dup(key);
	free(key);

	if (variant == NULL && src == EP_SRC_V1)
		variant = ep_v1_variant(row->model_key);
	row->variant = ep_dup(variant);

	mname = ep_str(model, "name", &w);
	if (mname == NULL && ctx != NULL)
		mname = ctx->model_name;
	row->model_name = ep_dup(mname);

	/* Provider. */
	pslug = ep_str(obj, "provider_slug", &w);
	pdisplay = ep_str(obj, "provider_display_name", &w);
	pinfo = ep_obj(obj, "provider_info", &w);
	islug = ep_str(pinfo, "slug", &w);
	iname = ep_str(pinfo, "displayName", &w);
	if (pslug == NULL)
		pslug = tag != NULL ? tag : islug;
	row->provider_slug = ep_dup(pslug);
	if (pdisplay == NULL)
		pdisplay = pname != NULL ? pname : iname;
	row->provider_name = ep_dup(pdisplay);

	row->quantization = ep_dup(ep_str(obj, "quantization", &w));
	row->context_length = ep_tokens(obj, "context_length", &w);
	row->max_output = ep_tokens(obj, "max_completion_tokens", &w);

	/* Every component, the discount and the well-formed overrides. */
	pricing = ep_obj(obj, "pricing", &w);
	price_init(&price);
	price_parse(pricing, &price, &w);
	ep_row_set_price(row, &price);
	price_clear(&price);

	row->is_free = ep_bool(obj, "is_free", &w);
	row->is_hidden = ep_bool(obj, "is_hidden", &w);
	row->is_disabled = ep_bool(obj, "is_disabled", &w);

	ep_project_caps(obj, model, ctx, row, &w);

	/* 2026 stats add p75..p99 and window_minutes; p50 keeps its name. */
	stats = ep_obj(obj, "stats", &w);
	row->p50_latency_ms = ep_real(stats, "p50_latency", &w);
	row->p50_throughput = ep_real(stats, "p50_throughput", &w);
	row->request_count = ep_int(stats, "request_count", &w);

	row->status = ep_int(obj, "status", &w);
	row->limit_rpm = ep_int(obj, "limit_rpm", &w);
	row->limit_rpd = ep_int(obj, "limit_rpd", &w);
	row->uptime = ep_real(obj, "uptime_last_30m", &w);

	policy = ep_obj(obj, "data_policy", &w);
	row->training = ep_bool(policy, "training", &w);
	row->retains_prompts = ep_bool(policy, "retainsPrompts", &w);

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
