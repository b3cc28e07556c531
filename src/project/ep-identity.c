#include "config.h"

#include "project/ep-identity.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "util/buf.h"
#include "util/xmalloc.h"

static void
ep_identity_lower(struct buf *b, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s >= 'A' && *s <= 'Z')
			buf_addch(b, (char)(*s - 'A' + 'a'));
		else
			buf_addch(b, *s);
	}
}

char *
ep_identity_key(const struct ep_row *r)
{
	struct buf	 b = BUF_INIT;
	const char	*q = r->quantization;
	char		*key;

	if (r->provider_slug == NULL || *r->provider_slug == '\0')
		return (NULL);
	ep_identity_lower(&b, r->provider_slug);
	if (strchr(r->provider_slug, '/') == NULL && q != NULL && *q != '\0' &&
	    strcmp(q, "unknown") != 0) {
		buf_addch(&b, '/');
		ep_identity_lower(&b, q);
	}
	key = xstrdup(buf_str(&b));
	buf_free(&b);
	return (key);
}

char *
ep_identity_base(const struct ep_row *r)
{
	struct buf	 b = BUF_INIT;
	const char	*q = r->quantization, *slash;
	char		*key, *head;

	if (r->provider_slug == NULL || *r->provider_slug == '\0')
		return (NULL);
	if ((slash = strchr(r->provider_slug, '/')) == NULL ||
	    (q != NULL && strcasecmp(slash + 1, q) == 0))
		return (ep_identity_key(r));
	head = xstrndup(r->provider_slug, (size_t)(slash - r->provider_slug));
	ep_identity_lower(&b, head);
	free(head);
	if (q != NULL && *q != '\0' && strcmp(q, "unknown") != 0) {
		buf_addch(&b, '/');
		ep_identity_lower(&b, q);
	}
	key = xstrdup(buf_str(&b));
	buf_free(&b);
	return (key);
}

int
ep_identity_is_v1(const char *endpoint_id)
{
	return (endpoint_id != NULL && strncmp(endpoint_id, "v1:", 3) == 0);
}

/* Equal model keys and equal, non-NULL keys as key() makes them. */
static int
ep_identity_match(const struct ep_row *a, const struct ep_row *b,
    char *(*key)(const struct ep_row *))
{
	char	*ka, *kb;
	int	 same;

	if (a->model_key == NULL || b->model_key == NULL ||
	    strcmp(a->model_key, b->model_key) != 0)
		return (0);
	ka = key(a);
	kb = key(b);
	same = ka != NULL && kb != NULL && strcmp(ka, kb) == 0;
	free(ka);
	free(kb);
	return (same);
}

int
ep_identity_same(const struct ep_row *a, const struct ep_row *b)
{
	return (ep_identity_match(a, b, ep_identity_key));
}

/* r's tag names a region (a suffix that is not its quantization). */
static int
ep_identity_regional(const struct ep_row *r)
{
	const char	*slash, *q = r->quantization;

	if (r->provider_slug == NULL ||
	    (slash = strchr(r->provider_slug, '/')) == NULL)
		return (0);
	return (q == NULL || strcasecmp(slash + 1, q) != 0);
}

/* r with a region, bare without any "/": r's base is bare's key. */
static int
ep_identity_near_one(const struct ep_row *r, const struct ep_row *bare)
{
	char	*kr, *kb;
	int	 near;

	if (!ep_identity_regional(r) || bare->provider_slug == NULL ||
	    strchr(bare->provider_slug, '/') != NULL)
		return (0);
	kr = ep_identity_base(r);
	kb = ep_identity_key(bare);
	near = kr != NULL && kb != NULL && strcmp(kr, kb) == 0;
	free(kr);
	free(kb);
	return (near);
}

int
ep_identity_near(const struct ep_row *a, const struct ep_row *b)
{
	if (a->model_key == NULL || b->model_key == NULL ||
	    strcmp(a->model_key, b->model_key) != 0)
		return (0);
	return (ep_identity_near_one(a, b) || ep_identity_near_one(b, a));
}

static void
keep_str(char **dst, const char *old)
{
	if (*dst == NULL && old != NULL)
		*dst = xstrdup(old);
}

static void
keep_int(int64_t *dst, int64_t old)
{
	if (*dst == EP_NULL_INT)
		*dst = old;
}

static void
keep_real(double *dst, double old)
{
	if (isnan(*dst))
		*dst = old;
}

static void
keep_bool(int *dst, int old)
{
	if (*dst == -1)
		*dst = old;
}

/* The frontend's display names win over the v1 route's plain ones. */
static void
prefer_str(char **dst, const char *old)
{
	if (old == NULL)
		return;
	free(*dst);
	*dst = xstrdup(old);
}

void
ep_identity_keep(struct ep_row *obs, const struct ep_row *old)
{
	prefer_str(&obs->model_name, old->model_name);
	prefer_str(&obs->provider_slug, old->provider_slug);
	prefer_str(&obs->provider_name, old->provider_name);
	keep_str(&obs->variant, old->variant);
	keep_int(&obs->max_output, old->max_output);
	keep_int(&obs->request_count, old->request_count);
	keep_int(&obs->limit_rpm, old->limit_rpm);
	keep_int(&obs->limit_rpd, old->limit_rpd);
	keep_real(&obs->p50_latency_ms, old->p50_latency_ms);
	keep_real(&obs->p50_throughput, old->p50_throughput);
	keep_bool(&obs->is_free, old->is_free);
	keep_bool(&obs->is_hidden, old->is_hidden);
	keep_bool(&obs->is_disabled, old->is_disabled);
	keep_bool(&obs->supports_images, old->supports_images);
	keep_bool(&obs->supports_tools, old->supports_tools);
	keep_bool(&obs->supports_reasoning, old->supports_reasoning);
	keep_bool(&obs->training, old->training);
	keep_bool(&obs->retains_prompts, old->retains_prompts);
}
