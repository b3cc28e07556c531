#include "config.h"

#include "source/routes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

static const char *family_names[ROUTES_NFAMILY] = { "2025", "2026", "v1" };

void
routes_init(struct routes *r)
{
	memset(r, 0, sizeof *r);
	r->base_url = xstrdup("https://openrouter.ai");
	r->models = xstrdup("/api/v1/models");
	r->providers = xstrdup("/api/v1/providers");
	r->author = xstrdup("/api/frontend/author-models");
	r->apps = xstrdup("/api/frontend/stats/app");
	/*
	 * No per-model usage route by default: the route that serves one
	 * model's daily rows was never recorded, and the author pages
	 * (documented, one request per author) carry the same rows for each
	 * of the author's models.  route.usage turns it on.
	 */
	r->usage = NULL;
	r->catalogue[FAMILY_2025] = xstrdup("/api/frontend/models");
	r->endpoints[FAMILY_2025] = xstrdup("/api/frontend/stats/endpoint");
	r->stats[FAMILY_2025] = xstrdup("/api/frontend/stats");
	r->catalogue[FAMILY_2026] = xstrdup("/api/frontend/v1/catalog/models");
	r->endpoints[FAMILY_2026] = xstrdup("/api/frontend/v1/stats/endpoint");
	r->stats[FAMILY_2026] = xstrdup("/api/frontend/v1/stats");
	r->endpoints[FAMILY_V1] = xstrdup("/api/v1/models/%s/endpoints");
	r->order[0] = FAMILY_2025;
	r->order[1] = FAMILY_2026;
	r->order[2] = FAMILY_V1;
	r->norder = 3;
}

void
routes_clear(struct routes *r)
{
	int	i;

	free(r->base_url);
	free(r->models);
	free(r->providers);
	free(r->author);
	free(r->apps);
	free(r->usage);
	for (i = 0; i < ROUTES_NFAMILY; i++) {
		free(r->catalogue[i]);
		free(r->endpoints[i]);
		free(r->stats[i]);
	}
	memset(r, 0, sizeof *r);
}

const char *
routes_family_name(enum route_family f)
{
	return (family_names[f]);
}

static int
routes_family(const char *name, enum route_family *f)
{
	int	i;

	for (i = 0; i < ROUTES_NFAMILY; i++) {
		if (strcmp(name, family_names[i]) == 0) {
			*f = (enum route_family)i;
			return (0);
		}
	}
	return (-1);
}

static void
routes_replace(char **slot, const char *value)
{
	free(*slot);
	*slot = xstrdup(value);
}

static int
routes_set_order(struct routes *r, const char *value, char **cause)
{
	enum route_family	 f, order[ROUTES_NFAMILY];
	char			*copy, *word, *last;
	int			 n = 0, i;

	copy = xstrdup(value);
	for (word = strtok_r(copy, " ,", &last); word != NULL;
	    word = strtok_r(NULL, " ,", &last)) {
		if (routes_family(word, &f) != 0) {
			*cause = xasprintf(_("route.order: unknown family "
			    "\"%s\" (families: 2025 2026 v1)"), word);
			free(copy);
			return (-1);
		}
		for (i = 0; i < n; i++) {
			if (order[i] == f) {
				*cause = xasprintf(_("route.order: family "
				    "\"%s\" given twice"), word);
				free(copy);
				return (-1);
			}
		}
		order[n++] = f;
	}
	free(copy);
	if (n == 0) {
		*cause = xstrdup(_("route.order: no family given"));
		return (-1);
	}
	memcpy(r->order, order, sizeof order);
	r->norder = n;
	return (0);
}

int
routes_set(struct routes *r, const char *key, const char *value,
    char **cause)
{
	enum route_family	 f;
	char			 fam[8], what[32];

	if (strcmp(key, "base_url") == 0) {
		routes_replace(&r->base_url, value);
		return (routes_check(r, cause));
	}
	if (strcmp(key, "route.order") == 0)
		return (routes_set_order(r, value, cause));
	if (strcmp(key, "route.models") == 0) {
		routes_replace(&r->models, value);
		goto path;
	}
	if (strcmp(key, "route.providers") == 0) {
		routes_replace(&r->providers, value);
		goto path;
	}
	if (strcmp(key, "route.author") == 0) {
		routes_replace(&r->author, value);
		goto path;
	}
	if (strcmp(key, "route.apps") == 0) {
		routes_replace(&r->apps, value);
		goto path;
	}
	if (strcmp(key, "route.usage") == 0) {
		if (*value == '\0') {		/* "route.usage =": off */
			free(r->usage);
			r->usage = NULL;
			return (0);
		}
		routes_replace(&r->usage, value);
		goto path;
	}
	if (sscanf(key, "route.%7[^.].%31s", fam, what) == 2 &&
	    routes_family(fam, &f) == 0) {
		if (strcmp(what, "endpoints") == 0)
			routes_replace(&r->endpoints[f], value);
		else if (strcmp(what, "catalogue") == 0 && f != FAMILY_V1)
			routes_replace(&r->catalogue[f], value);
		else if (strcmp(what, "stats") == 0 && f != FAMILY_V1)
			routes_replace(&r->stats[f], value);
		else
			goto unknown;
		goto path;
	}
unknown:
	*cause = xasprintf(_("unknown setting \"%s\""), key);
	return (-1);
path:
	if (*value != '/') {
		*cause = xasprintf(_("%s: a route is a path starting with /"),
		    key);
		return (-1);
	}
	return (0);
}

int
routes_check(const struct routes *r, char **cause)
{
	const char	*rest;

	if (strncmp(r->base_url, "https://", 8) == 0)
		rest = r->base_url + 8;
	else if (strncmp(r->base_url, "http://", 7) == 0)
		rest = r->base_url + 7;
	else {
		*cause = xasprintf(_("base URL \"%s\" is not http:// or "
		    "https://"), r->base_url);
		return (-1);
	}
	if (*rest == '\0' || *rest == '/' ||
	    strcspn(rest, "/") > strcspn(rest, "@")) {
		*cause = xasprintf(_("base URL \"%s\" has no host, or has "
		    "credentials in it"), r->base_url);
		return (-1);
	}
	return (0);
}

int
routes_next_catalogue(const struct routes *r, int *idx, enum route_family *f)
{
	for (; *idx < r->norder; (*idx)++) {
		*f = r->order[*idx];
		if (r->catalogue[*f] != NULL && *f != FAMILY_V1)
			return (1);
	}
	return (0);
}

int
routes_fallback(const struct routes *r)
{
	int	i;

	for (i = 0; i < r->norder; i++) {
		if (r->order[i] == FAMILY_V1)
			return (FAMILY_V1);
	}
	return (-1);
}

static void
routes_escape(struct buf *b, const char *s, int keep_slash)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*p;

	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' ||
		    *p == '_' || *p == '~' || (keep_slash && (*p == '/' ||
		    *p == ':')))
			buf_addch(b, (char)*p);
		else {
			buf_addch(b, '%');
			buf_addch(b, hex[*p >> 4]);
			buf_addch(b, hex[*p & 15]);
		}
	}
}

/* "?permaslug=P&variant=V" of a model's per-model routes. */
static void
routes_model_query(struct buf *u, const char *permaslug,
    const char *variant)
{
	buf_addstr(u, "?permaslug=");
	routes_escape(u, permaslug != NULL ? permaslug : "", 0);
	buf_addstr(u, "&variant=");
	routes_escape(u, variant != NULL ? variant : "standard", 0);
}

char *
routes_url(const struct routes *r, enum route route, enum route_family f,
    const char *a, const char *b)
{
	static const char	*metric_names[] = {
		"throughput-comparison", "latency-comparison", "uptime-recent",
		"uptime-hourly"
	};
	struct buf		 u = BUF_INIT;
	const char		*base, *pct;
	size_t			 len;

	base = r->base_url;
	len = strlen(base);
	while (len > 0 && base[len - 1] == '/')
		len--;
	buf_add(&u, base, len);
	switch (route) {
	case ROUTE_MODELS:
		/*
		 * Since March 2026 the plain list leaves out models without
		 * text output: ask for every one (unless the configured
		 * route has a query of its own).
		 */
		buf_addstr(&u, r->models);
		if (strchr(r->models, '?') == NULL)
			buf_addstr(&u, "?output_modalities=all");
		break;
	case ROUTE_PROVIDERS:
		buf_addstr(&u, r->providers);
		break;
	case ROUTE_AUTHOR:
		buf_addstr(&u, r->author);
		buf_addstr(&u, "?authorSlug=");
		routes_escape(&u, a != NULL ? a : "", 0);
		buf_addstr(&u, "&shouldIncludeStats=true");
		break;
	case ROUTE_APPS:
	case ROUTE_USAGE:
		if (route == ROUTE_USAGE && r->usage == NULL)
			goto none;
		buf_addstr(&u, route == ROUTE_APPS ? r->apps : r->usage);
		routes_model_query(&u, a, b);
		if (route == ROUTE_APPS)
			buf_addstr(&u, "&limit=20");
		break;
	case ROUTE_CATALOGUE:
		if (r->catalogue[f] == NULL)
			goto none;
		buf_addstr(&u, r->catalogue[f]);
		break;
	case ROUTE_ENDPOINTS:
		if (r->endpoints[f] == NULL)
			goto none;
		if (f == FAMILY_V1) {
			/* "/api/v1/models/%s/endpoints": the v1 id in it. */
			pct = strstr(r->endpoints[f], "%s");
			if (pct == NULL || a == NULL)
				goto none;
			buf_add(&u, r->endpoints[f],
			    (size_t)(pct - r->endpoints[f]));
			routes_escape(&u, a, 1);
			buf_addstr(&u, pct + 2);
			break;
		}
		buf_addstr(&u, r->endpoints[f]);
		routes_model_query(&u, a, b);
		break;
	case ROUTE_THROUGHPUT:
	case ROUTE_LATENCY:
	case ROUTE_UPTIME_RECENT:
	case ROUTE_UPTIME_HOURLY:
		if (r->stats[f] == NULL)
			goto none;
		buf_printf(&u, "%s/%s", r->stats[f],
		    metric_names[route - ROUTE_THROUGHPUT]);
		if (route == ROUTE_UPTIME_HOURLY) {
			buf_addstr(&u, "?id=");
			routes_escape(&u, a != NULL ? a : "", 0);
		} else {
			routes_model_query(&u, a, b);
		}
		break;
	}
	return (buf_detach(&u));
none:
	buf_free(&u);
	return (NULL);
}

/* The length of "scheme://host[:port]" at the start of url, or 0. */
static size_t
routes_origin_len(const char *url)
{
	size_t	n;

	if (strncmp(url, "https://", 8) == 0)
		n = 8;
	else if (strncmp(url, "http://", 7) == 0)
		n = 7;
	else
		return (0);
	n += strcspn(url + n, "/?#");
	return (n);
}

static int
routes_same_origin(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t	i;
	char	x, y;

	if (alen != blen)
		return (0);
	for (i = 0; i < alen; i++) {
		x = a[i];
		y = b[i];
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return (0);
	}
	return (1);
}

int
routes_next_page(const struct routes *r, const char *next,
    char *const *seen, size_t nseen, char **url, char **cause)
{
	const unsigned char	*p;
	size_t			 olen, blen, i;
	char			*u;

	*url = NULL;
	if (nseen >= ROUTES_MAX_PAGES) {
		*cause = xasprintf(_("more than %d pages"), ROUTES_MAX_PAGES);
		return (-1);
	}
	if (strlen(next) > ROUTES_MAX_URL) {
		*cause = xstrdup(_("the next page's URL is too long"));
		return (-1);
	}
	for (p = (const unsigned char *)next; *p != '\0'; p++) {
		if (*p <= ' ' || *p >= 0x7f) {
			*cause = xstrdup(_("the next page's URL has a "
			    "space, a control or a non-ASCII byte"));
			return (-1);
		}
	}
	blen = routes_origin_len(r->base_url);
	if (next[0] == '/' && next[1] != '/')
		/* A path: on the base URL's host. */
		u = xasprintf("%.*s%s", (int)blen, r->base_url, next);
	else {
		olen = routes_origin_len(next);
		if (olen == 0 || !routes_same_origin(next, olen, r->base_url, blen)) {
			*cause = xasprintf(_("the next page is on another "
			    "host (%.200s)"), next);
			return (-1);
		}
		u = xstrdup(next);
	}
	for (i = 0; i < nseen; i++) {
		if (strcmp(seen[i], u) == 0) {
			*cause = xasprintf(_("the next page was fetched "
			    "before (a loop: %.200s)"), u);
			free(u);
			return (-1);
		}
	}
	*url = u;
	return (0);
}
