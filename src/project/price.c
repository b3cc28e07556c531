#include "config.h"

#include "project/price.h"

#include <math.h>
#include <string.h>

#include "project/endpoint.h"
#include "util/xmalloc.h"

#define DAY_MINUTES	1440

static const char *const price_keys[PRICE_NPARTS] = {
	"prompt",
	"completion",
	"request",
	"image",
	"image_token",
	"image_output",
	"audio",
	"audio_output",
	"input_audio_cache",
	"web_search",
	"internal_reasoning",
	"input_cache_read",
	"input_cache_write",
	"input_cache_write_1h"
};

const char *
price_key(enum price_part part)
{
	if ((int)part < 0 || part >= PRICE_NPARTS)
		return ("");
	return (price_keys[part]);
}

static void
price_parts_unset(double *part)
{
	int	i;

	for (i = 0; i < PRICE_NPARTS; i++)
		part[i] = NAN;
}

void
price_init(struct price *p)
{
	memset(p, 0, sizeof *p);
	price_parts_unset(p->part);
	p->discount = NAN;
}

void
price_clear(struct price *p)
{
	free(p->ov);
	price_init(p);
}

void
price_copy(struct price *dst, const struct price *src)
{
	if (dst == src)
		return;
	free(dst->ov);
	*dst = *src;
	dst->ov = NULL;
	if (src->nov > 0) {
		dst->ov = xcalloc(src->nov, sizeof *dst->ov);
		memcpy(dst->ov, src->ov, src->nov * sizeof *dst->ov);
	}
}

int
price_unknown(const struct price *p, enum price_part part)
{
	return ((p->unknown & (1u << part)) != 0);
}

/* Is v the "-1" that marks an unknown price (string or number)? */
static int
price_is_minus_one(const json_t *v)
{
	if (json_is_string(v))
		return (strcmp(json_string_value(v), "-1") == 0);
	if (json_is_number(v))
		return (json_number_value(v) == -1);
	return (0);
}

/*
 * Read the price parts present in obj into part/unknown.  Returns the
 * number of parts that were present but mistyped.
 */
static unsigned
price_read_parts(const json_t *obj, double *part, unsigned *unknown)
{
	const json_t	*v;
	unsigned	 bad = 0;
	int		 i, mistyped;

	for (i = 0; i < PRICE_NPARTS; i++) {
		v = json_object_get(obj, price_keys[i]);
		if (v == NULL || json_is_null(v))
			continue;
		if (price_is_minus_one(v)) {
			*unknown |= 1u << i;
			part[i] = NAN;
			continue;
		}
		part[i] = ep_parse_price(v, &mistyped);
		if (mistyped)
			bad++;
	}
	return (bad);
}

/* An integer JSON value in [lo, hi], or -1. */
static long long
price_int(const json_t *v, long long lo, long long hi)
{
	double	d;

	if (json_is_integer(v)) {
		if (json_integer_value(v) < lo || json_integer_value(v) > hi)
			return (-1);
		return (json_integer_value(v));
	}
	if (json_is_real(v)) {
		d = json_real_value(v);
		if (d != floor(d) || d < (double)lo || d > (double)hi)
			return (-1);
		return ((long long)d);
	}
	return (-1);
}

/* HHMM to minutes of the day, or -1; end may be 2400. */
static int
price_hhmm(const json_t *v, int is_end)
{
	long long	hhmm;

	hhmm = price_int(v, 0, is_end ? 2400 : 2359);
	if (hhmm < 0 || hhmm % 100 >= 60)
		return (-1);
	return ((int)(hhmm / 100 * 60 + hhmm % 100));
}

/* Read one override; 0, or -1 when it is malformed. */
static int
price_read_override(const json_t *obj, struct price_override *o)
{
	const json_t	*tier, *start, *end;
	int		 s, e;

	if (!json_is_object(obj))
		return (-1);
	memset(o, 0, sizeof *o);
	price_parts_unset(o->part);
	tier = json_object_get(obj, "min_prompt_tokens");
	start = json_object_get(obj, "utc_start");
	end = json_object_get(obj, "utc_end");
	if (tier != NULL && start == NULL && end == NULL) {
		o->cond = PRICE_TIER;
		o->min_prompt_tokens = price_int(tier, 0, 1000000000000LL);
		if (o->min_prompt_tokens < 0)
			return (-1);
	} else if (tier == NULL && start != NULL && end != NULL) {
		o->cond = PRICE_WINDOW;
		s = price_hhmm(start, 0);
		e = price_hhmm(end, 1);
		if (s < 0 || e < 0 || s == e % DAY_MINUTES)
			return (-1);
		o->utc_start = (int)price_int(start, 0, 2359);
		o->utc_end = (int)price_int(end, 0, 2400);
	} else
		return (-1);
	if (price_read_parts(obj, o->part, &o->unknown) != 0)
		return (-1);
	return (0);
}

/* Replace p's overrides with the well-formed ones of arr. */
static unsigned
price_read_overrides(const json_t *arr, struct price *p)
{
	const json_t	*v;
	size_t		 i;
	unsigned	 bad = 0;

	free(p->ov);
	p->ov = NULL;
	p->nov = 0;
	if (json_array_size(arr) == 0)
		return (0);
	p->ov = xcalloc(json_array_size(arr) < PRICE_MAX_OVERRIDES ?
	    json_array_size(arr) : PRICE_MAX_OVERRIDES, sizeof *p->ov);
	json_array_foreach(arr, i, v) {
		if (p->nov == PRICE_MAX_OVERRIDES ||
		    price_read_override(v, &p->ov[p->nov]) != 0) {
			bad++;
			continue;
		}
		p->nov++;
	}
	return (bad);
}

void
price_parse(const json_t *pricing, struct price *p, unsigned *warnings)
{
	const json_t	*v;
	unsigned	 bad = 0;
	int		 mistyped;

	price_clear(p);
	if (!json_is_object(pricing))
		return;
	bad += price_read_parts(pricing, p->part, &p->unknown);
	v = json_object_get(pricing, "discount");
	if (v != NULL && !json_is_null(v)) {
		if (json_is_number(v) && json_number_value(v) >= 0 &&
		    json_number_value(v) <= 1)
			p->discount = json_number_value(v);
		else if (json_is_string(v)) {
			p->discount = ep_parse_price(v, &mistyped);
			if (mistyped || p->discount > 1)
				bad++;
		} else
			bad++;
		if (!(p->discount <= 1))
			p->discount = NAN;
	}
	v = json_object_get(pricing, "overrides");
	/* The 2026 frontend family sends {} for "none". */
	if (json_is_array(v))
		bad += price_read_overrides(v, p);
	else if (v != NULL && !json_is_null(v) &&
	    !(json_is_object(v) && json_object_size(v) == 0))
		bad++;
	if (warnings != NULL)
		*warnings += bad;
}

void
price_shape_init(struct price_shape *s)
{
	memset(s, 0, sizeof *s);
	s->utc_minute = -1;
}

/* Does a window override hold at minute m of the day? */
static int
price_window_holds(const struct price_override *o, int m)
{
	int	s, e;

	s = o->utc_start / 100 * 60 + o->utc_start % 100;
	e = (o->utc_end / 100 * 60 + o->utc_end % 100) % DAY_MINUTES;
	if (m < 0)
		return (0);
	if (s < e)
		return (m >= s && m < e);
	return (m >= s || m < e);
}

static void
price_overlay(struct price *out, const struct price_override *o)
{
	int	i;

	for (i = 0; i < PRICE_NPARTS; i++) {
		if (o->unknown & (1u << i)) {
			out->part[i] = NAN;
			out->unknown |= 1u << i;
		} else if (!isnan(o->part[i])) {
			out->part[i] = o->part[i];
			out->unknown &= ~(1u << i);
		}
	}
}

/* The tier and the window in force for s (each NULL when none). */
static void
price_in_force(const struct price *p, const struct price_shape *s,
    const struct price_override **tierp,
    const struct price_override **windowp)
{
	const struct price_override	*tier = NULL, *window = NULL;
	size_t				 i;

	for (i = 0; i < p->nov; i++) {
		const struct price_override	*o = &p->ov[i];

		if (o->cond == PRICE_TIER) {
			if (s->prompt > (double)o->min_prompt_tokens &&
			    (tier == NULL ||
			    o->min_prompt_tokens > tier->min_prompt_tokens))
				tier = o;
		} else if (window == NULL &&
		    price_window_holds(o, s->utc_minute))
			window = o;
	}
	*tierp = tier;
	*windowp = window;
}

const struct price_override *
price_tier(const struct price *p, const struct price_shape *s)
{
	const struct price_override	*tier, *window;

	price_in_force(p, s, &tier, &window);
	return (tier);
}

void
price_apply(const struct price *p, const struct price_shape *s,
    struct price *out, const struct price_override **applied)
{
	const struct price_override	*tier, *window;

	price_clear(out);
	memcpy(out->part, p->part, sizeof out->part);
	out->unknown = p->unknown;
	out->discount = p->discount;
	price_in_force(p, s, &tier, &window);
	if (tier != NULL)
		price_overlay(out, tier);
	if (window != NULL)
		price_overlay(out, window);
	if (applied != NULL)
		*applied = window != NULL ? window : tier;
}

/*
 * The price of n units of part, falling back to another part when absent
 * (fallback < 0: an absent part costs nothing; fallback == part: an
 * absent part is unknown).  NAN when a used part is unknown.  A part that
 * falls back to another is absent too when it is 0: before 2026 the lists
 * wrote "0" for a part that does not apply ("internal_reasoning": "0" on a
 * model whose reasoning is billed as completion).
 */
static double
price_term(const struct price *q, double n, enum price_part part,
    int fallback)
{
	if (n == 0)
		return (0);
	if (price_unknown(q, part))
		return (NAN);
	if (!isnan(q->part[part]) && (q->part[part] != 0 || fallback < 0 ||
	    fallback == (int)part))
		return (n * q->part[part]);
	if (fallback < 0)
		return (0);
	if (fallback == (int)part)
		return (NAN);
	return (price_term(q, n, (enum price_part)fallback, fallback));
}

double
price_cost(const struct price *p, const struct price_shape *s,
    const struct price_override **applied)
{
	struct price	q;
	double		read, write, cost;

	if (applied != NULL)
		*applied = NULL;
	if (!(s->prompt >= 0) || !(s->completion >= 0) ||
	    !(s->reasoning >= 0) || !(s->searches >= 0) ||
	    !(s->cache_read >= 0) || !(s->cache_write >= 0) ||
	    s->cache_read + s->cache_write > 1 + 1e-9)
		return (NAN);
	price_init(&q);
	price_apply(p, s, &q, applied);
	read = s->prompt * s->cache_read;
	write = s->prompt * s->cache_write;
	cost = price_term(&q, s->prompt - read - write, PRICE_PROMPT,
	    PRICE_PROMPT);
	cost += price_term(&q, read, PRICE_CACHE_READ, PRICE_PROMPT);
	cost += price_term(&q, write, s->cache_write_1h ?
	    PRICE_CACHE_WRITE_1H : PRICE_CACHE_WRITE, PRICE_PROMPT);
	cost += price_term(&q, s->completion, PRICE_COMPLETION,
	    PRICE_COMPLETION);
	cost += price_term(&q, s->reasoning, PRICE_REASONING, PRICE_COMPLETION);
	cost += price_term(&q, s->searches, PRICE_WEB_SEARCH, -1);
	cost += price_term(&q, 1, PRICE_REQUEST, -1);
	price_clear(&q);
	return (cost);
}

int
price_next_change(const struct price *p, int utc_minute)
{
	size_t	i;
	int	best = -1, k, b, d;

	if (utc_minute < 0 || utc_minute >= DAY_MINUTES)
		return (-1);
	for (i = 0; i < p->nov; i++) {
		if (p->ov[i].cond != PRICE_WINDOW)
			continue;
		for (k = 0; k < 2; k++) {
			b = k == 0 ? p->ov[i].utc_start : p->ov[i].utc_end;
			b = (b / 100 * 60 + b % 100) % DAY_MINUTES;
			d = (b - utc_minute + DAY_MINUTES) % DAY_MINUTES;
			if (d == 0)
				d = DAY_MINUTES;
			if (best < 0 || d < best)
				best = d;
		}
	}
	return (best);
}

/* Are all parts given in part/unknown zero (none unknown)? */
static int
price_parts_zero(const double *part, unsigned unknown)
{
	int	i;

	if (unknown != 0)
		return (0);
	for (i = 0; i < PRICE_NPARTS; i++)
		if (!isnan(part[i]) && part[i] != 0)
			return (0);
	return (1);
}

/* Is some part known and not zero? */
static int
price_parts_priced(const double *part)
{
	int	i;

	for (i = 0; i < PRICE_NPARTS; i++)
		if (!isnan(part[i]) && part[i] != 0)
			return (1);
	return (0);
}

int
price_free(const struct price *p)
{
	size_t	i;
	int	undecided = 0;

	if (price_parts_priced(p->part))
		return (0);
	for (i = 0; i < p->nov; i++)
		if (price_parts_priced(p->ov[i].part))
			return (0);
	if (p->part[PRICE_PROMPT] != 0 || p->part[PRICE_COMPLETION] != 0 ||
	    !price_parts_zero(p->part, p->unknown))
		undecided = 1;
	for (i = 0; i < p->nov; i++)
		if (!price_parts_zero(p->ov[i].part, p->ov[i].unknown))
			undecided = 1;
	return (undecided ? -1 : 1);
}

int
price_is_free(const struct price *p)
{
	return (price_free(p) == 1);
}

json_t *
price_overrides_json(const struct price *p)
{
	json_t	*arr, *o;
	size_t	 i;
	int	 k;

	arr = json_array();
	for (i = 0; i < p->nov; i++) {
		const struct price_override	*ov = &p->ov[i];

		o = json_object();
		if (ov->cond == PRICE_TIER)
			json_object_set_new(o, "min_prompt_tokens",
			    json_integer(ov->min_prompt_tokens));
		else {
			json_object_set_new(o, "utc_start",
			    json_integer(ov->utc_start));
			json_object_set_new(o, "utc_end",
			    json_integer(ov->utc_end));
		}
		for (k = 0; k < PRICE_NPARTS; k++) {
			if (ov->unknown & (1u << k))
				json_object_set_new(o, price_keys[k],
				    json_integer(-1));
			else if (!isnan(ov->part[k]))
				json_object_set_new(o, price_keys[k],
				    json_real(ov->part[k]));
		}
		json_array_append_new(arr, o);
	}
	return (arr);
}

int
price_overrides_load(struct price *p, const char *text)
{
	json_t		*arr;
	json_error_t	 err;
	unsigned	 bad;

	arr = json_loads(text, JSON_REJECT_DUPLICATES, &err);
	if (!json_is_array(arr)) {
		json_decref(arr);
		return (-1);
	}
	bad = price_read_overrides(arr, p);
	json_decref(arr);
	return (bad == 0 ? 0 : -1);
}
