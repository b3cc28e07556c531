#include "config.h"

#include "project/provider.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "project/jfield.h"
#include "util/buf.h"
#include "util/xmalloc.h"

void
prov_row_init(struct prov_row *row)
{
	memset(row, 0, sizeof *row);
	row->training = -1;
	row->retains_prompts = -1;
}

void
prov_row_clear(struct prov_row *row)
{
	free(row->slug);
	free(row->name);
	free(row->privacy_policy_url);
	free(row->terms_of_service_url);
	free(row->status_page_url);
	free(row->headquarters);
	free(row->datacenters);
	free(row->region);
	prov_row_init(row);
}

void
prov_row_list_free(struct prov_row *rows, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		prov_row_clear(&rows[i]);
	free(rows);
}

/* A country code: two or three ASCII letters; upper-cased into out[4]. */
static int
prov_country(const char *s, char out[4])
{
	size_t	i, len;

	len = strnlen(s, 4);
	if (len < 2 || len > 3)
		return (-1);
	for (i = 0; i < len; i++) {
		if (s[i] >= 'a' && s[i] <= 'z')
			out[i] = (char)(s[i] - 'a' + 'A');
		else if (s[i] >= 'A' && s[i] <= 'Z')
			out[i] = s[i];
		else
			return (-1);
	}
	out[len] = '\0';
	return (0);
}

static char *
prov_hq(const json_t *obj, unsigned *w)
{
	const char	*s;
	char		 code[4];

	if ((s = jf_str(obj, "headquarters", w)) == NULL)
		return (NULL);
	if (prov_country(s, code) != 0) {
		(*w)++;
		return (NULL);
	}
	return (xstrdup(code));
}

static char *
prov_datacenters(const json_t *obj, unsigned *w)
{
	struct buf	 b = BUF_INIT;
	const json_t	*arr, *v;
	const char	*s;
	char		 code[4], *out;
	size_t		 i, kept = 0;

	if ((arr = jf_arr(obj, "datacenters", w)) == NULL)
		return (NULL);
	json_array_foreach(arr, i, v) {
		s = json_string_value(v);
		if (s == NULL || prov_country(s, code) != 0 ||
		    kept == PROV_MAX_DC) {
			(*w)++;
			continue;
		}
		if (prov_has_dc(buf_str(&b), code))
			continue;
		if (kept++ > 0)
			buf_addch(&b, ',');
		buf_addstr(&b, code);
	}
	out = xstrdup(buf_str(&b));
	buf_free(&b);
	return (out);
}

/* A slug: 1..PROV_SLUG_MAX printable ASCII bytes, no '/' or space. */
static int
prov_slug_ok(const char *s)
{
	size_t	i;

	if (s == NULL || *s == '\0')
		return (0);
	for (i = 0; s[i] != '\0'; i++) {
		if (i == PROV_SLUG_MAX || s[i] <= ' ' || s[i] >= 0x7f ||
		    s[i] == '/')
			return (0);
	}
	return (1);
}

int
prov_project(const json_t *obj, struct prov_row *row, unsigned *warnings,
    char **cause)
{
	const char	*slug;
	unsigned	 w = 0;

	prov_row_clear(row);
	if (!json_is_object(obj)) {
		if (cause != NULL)
			*cause = xstrdup("provider is not an object");
		return (-1);
	}
	slug = jf_str(obj, "slug", &w);
	if (!prov_slug_ok(slug)) {
		if (cause != NULL)
			*cause = xstrdup("provider has no usable slug");
		return (-1);
	}
	row->slug = xstrdup(slug);
	row->name = jf_dup(jf_str(obj, "name", &w));
	row->privacy_policy_url = jf_dup(jf_str(obj, "privacy_policy_url",
	    &w));
	row->terms_of_service_url = jf_dup(jf_str(obj,
	    "terms_of_service_url", &w));
	row->status_page_url = jf_dup(jf_str(obj, "status_page_url", &w));
	row->headquarters = prov_hq(obj, &w);
	row->datacenters = prov_datacenters(obj, &w);
	row->listed = 1;
	if (warnings != NULL)
		*warnings += w;
	return (0);
}

/* What a provider_info-shaped object says: name, place, status, policy. */
static void
prov_info(const json_t *info, struct prov_row *row, unsigned *w)
{
	const json_t	*policy;

	row->name = jf_dup(jf_str(info, "displayName", w));
	row->headquarters = prov_hq(info, w);
	row->status_page_url = jf_dup(jf_str(info, "statusPageUrl", w));
	policy = jf_obj(info, "dataPolicy", w);
	row->privacy_policy_url = jf_dup(jf_str(policy, "privacyPolicyURL",
	    w));
	row->terms_of_service_url = jf_dup(jf_str(policy,
	    "termsOfServiceURL", w));
	/* The provider's policy for paid models. */
	policy = jf_obj(policy, "paidModels", w);
	row->training = jf_bool(policy, "training", w);
	row->retains_prompts = jf_bool(policy, "retainsPrompts", w);
}

/*
 * The slug an endpoint object (its provider_info info) names, in base or
 * in obj, or NULL.
 */
static const char *
prov_endpoint_slug_w(const json_t *obj, const json_t *info,
    char base[PROV_SLUG_MAX + 1], unsigned *w)
{
	const char	*slug;

	slug = jf_str(info, "slug", w);
	if (slug == NULL)
		slug = prov_base_slug(jf_str(obj, "provider_slug", w), base,
		    PROV_SLUG_MAX + 1);
	if (slug == NULL)	/* v1: the tag */
		slug = prov_base_slug(jf_str(obj, "tag", w), base,
		    PROV_SLUG_MAX + 1);
	return (prov_slug_ok(slug) ? slug : NULL);
}

const char *
prov_endpoint_slug(const json_t *obj, char base[PROV_SLUG_MAX + 1])
{
	unsigned	w = 0;

	return (prov_endpoint_slug_w(obj, jf_obj(obj, "provider_info", &w),
	    base, &w));
}

int
prov_from_endpoint(const json_t *obj, struct prov_row *row,
    unsigned *warnings)
{
	const json_t	*info, *policy;
	const char	*slug, *name;
	char		 base[PROV_SLUG_MAX + 1];
	unsigned	 w = 0;

	prov_row_clear(row);
	info = jf_obj(obj, "provider_info", &w);
	if ((slug = prov_endpoint_slug_w(obj, info, base, &w)) == NULL)
		return (-1);
	row->slug = xstrdup(slug);
	prov_info(info, row, &w);
	if (row->name == NULL) {
		if ((name = jf_str(obj, "provider_display_name", &w)) == NULL)
			name = jf_str(obj, "provider_name", &w);
		row->name = jf_dup(name);
	}
	/* The endpoint's own policy wins over the provider's. */
	if ((policy = jf_obj(obj, "data_policy", &w)) != NULL) {
		row->training = jf_bool(policy, "training", &w);
		row->retains_prompts = jf_bool(policy, "retainsPrompts", &w);
	}
	row->region = jf_dup(jf_str(obj, "provider_region", &w));
	if (warnings != NULL)
		*warnings += w;
	return (0);
}

int
prov_from_frontend(const json_t *obj, struct prov_row *row,
    unsigned *warnings)
{
	const char	*slug;
	unsigned	 w = 0;

	prov_row_clear(row);
	if (!json_is_object(obj))
		return (-1);
	slug = jf_str(obj, "slug", &w);
	if (!prov_slug_ok(slug))
		return (-1);
	row->slug = xstrdup(slug);
	prov_info(obj, row, &w);
	if (row->name == NULL)
		row->name = jf_dup(jf_str(obj, "name", &w));
	if (warnings != NULL)
		*warnings += w;
	return (0);
}

const char *
prov_base_slug(const char *tag, char *buf, size_t len)
{
	size_t	n;

	if (tag == NULL)
		return (NULL);
	n = strcspn(tag, "/");
	if (n == 0 || n >= len)
		return (NULL);
	memcpy(buf, tag, n);
	buf[n] = '\0';
	return (buf);
}

int
prov_has_dc(const char *datacenters, const char *code)
{
	const char	*p;
	size_t		 n, len;

	if (datacenters == NULL || code == NULL)
		return (0);
	len = strlen(code);
	for (p = datacenters; *p != '\0'; p += n + (p[n] == ',')) {
		n = strcspn(p, ",");
		if (n == len && strncasecmp(p, code, len) == 0)
			return (1);
	}
	return (0);
}
