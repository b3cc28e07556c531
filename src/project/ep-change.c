/*
 * ep-change: the fields of two observations of a listing that differ.
 */
#include "config.h"

#include "project/ep-change.h"

#include <math.h>
#include <string.h>

static const char *const kind_names[] = {
	"price_changed", "context_changed", "status_changed", "metrics"
};

const char *
ep_change_kind_name(enum ep_change_kind kind)
{
	return (kind_names[kind]);
}

double
ep_change_pct(double old, double new)
{
	if (isnan(old) || isnan(new) || old == 0)
		return (NAN);
	return ((new - old) / old * 100.0);
}

int
ep_change_expiry(const json_t *entry, char out[11])
{
	const char	*s;
	int		 i;

	s = json_string_value(json_object_get(entry, "expiration_date"));
	if (s == NULL || strlen(s) != 10)
		return (0);
	for (i = 0; i < 10; i++) {
		if (i == 4 || i == 7 ? s[i] != '-' : s[i] < '0' || s[i] > '9')
			return (0);
	}
	memcpy(out, s, 11);
	return (1);
}

static int
real_differs(double a, double b)
{
	if (isnan(a) || isnan(b))
		return (isnan(a) != isnan(b));
	return (a != b);
}

static int
text_differs(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return (a != b);
	return (strcmp(a, b) != 0);
}

static void
add_real(struct ep_change *out, size_t *n, enum ep_change_kind kind,
    const char *field, double old, double new)
{
	struct ep_change	*c;

	if (!real_differs(old, new))
		return;
	c = &out[(*n)++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->type = EPC_REAL;
	c->field = field;
	c->old_r = old;
	c->new_r = new;
}

static void
add_int(struct ep_change *out, size_t *n, enum ep_change_kind kind,
    const char *field, int64_t old, int64_t new)
{
	struct ep_change	*c;

	if (old == new)
		return;
	c = &out[(*n)++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	c->type = EPC_INT;
	c->field = field;
	c->old_i = old;
	c->new_i = new;
}

size_t
ep_change_diff(const struct ep_row *old, const struct ep_row *new,
    int keep_stats, struct ep_change *out)
{
	struct ep_change	*c;
	size_t			 n = 0;
	int			 i;

	for (i = 0; i < PRICE_NPARTS; i++)
		add_real(out, &n, EPC_PRICE, price_key(i),
		    ep_row_price_part(old, i), ep_row_price_part(new, i));
	add_real(out, &n, EPC_PRICE, "discount", old->discount,
	    new->discount);
	if (text_differs(old->price_overrides, new->price_overrides)) {
		c = &out[n++];
		memset(c, 0, sizeof *c);
		c->kind = EPC_PRICE;
		c->type = EPC_TEXT;
		c->field = "overrides";
		c->old_s = old->price_overrides;
		c->new_s = new->price_overrides;
	}
	add_int(out, &n, EPC_CONTEXT, "context_length", old->context_length,
	    new->context_length);
	add_int(out, &n, EPC_CONTEXT, "max_output", old->max_output,
	    new->max_output);
	if (!keep_stats || new->status != EP_NULL_INT)
		add_int(out, &n, EPC_STATUS, "status", old->status,
		    new->status);
	if (!keep_stats || !isnan(new->p50_latency_ms))
		add_real(out, &n, EPC_METRICS, "p50_latency_ms",
		    old->p50_latency_ms, new->p50_latency_ms);
	if (!keep_stats || !isnan(new->p50_throughput))
		add_real(out, &n, EPC_METRICS, "p50_throughput",
		    old->p50_throughput, new->p50_throughput);
	/* The store keeps a known uptime when a write gives none. */
	if (!isnan(new->uptime))
		add_real(out, &n, EPC_METRICS, "uptime", old->uptime,
		    new->uptime);
	return (n);
}
