/*
 * routes: every OpenRouter URL orbrowse requests, in one place.
 *
 * A struct routes holds the base URL and the path of each route for each
 * route family; all are configurable (config file keys in routes_set()).
 * Families are tried in routes.order: "2025" (/api/frontend/...), "2026"
 * (/api/frontend/v1/...) and "v1" (the documented
 * /api/v1/models/{id}/endpoints, used when the frontend routes fail).
 *
 * routes_url() returns a URL the caller frees; query values and the v1 id
 * are percent-encoded (the '/' of a v1 id is kept as a path separator).
 * The provider list (route.providers) is one route for every family, and
 * so are the metadata routes of `sync --extras`: route.author (?authorSlug=),
 * route.apps and route.usage (?permaslug=&variant=).
 * The model list is asked for with every output modality
 * (?output_modalities=all) unless route.models has a query of its own.
 */
#ifndef ORBROWSE_SOURCE_ROUTES_H
#define ORBROWSE_SOURCE_ROUTES_H

#include <stddef.h>

#define ROUTES_NFAMILY	3

enum route_family { FAMILY_2025, FAMILY_2026, FAMILY_V1 };

enum route {
	ROUTE_MODELS,		/* /api/v1/models: the keys */
	ROUTE_CATALOGUE,	/* per family (not v1) */
	ROUTE_ENDPOINTS,	/* per family: ?permaslug=&variant=, or v1 */
	ROUTE_THROUGHPUT,	/* per family: ?permaslug=&variant= */
	ROUTE_LATENCY,
	ROUTE_UPTIME_RECENT,
	ROUTE_UPTIME_HOURLY,	/* per family: ?id= */
	ROUTE_PROVIDERS,	/* /api/v1/providers, any family */
	ROUTE_AUTHOR,		/* any family: ?authorSlug= */
	ROUTE_APPS,		/* any family: ?permaslug=&variant=&limit= */
	ROUTE_USAGE		/* any family: ?permaslug=&variant= */
};

struct routes {
	char			*base_url;
	char			*models;
	char			*providers;
	char			*author;
	char			*apps;
	char			*usage;
	char			*catalogue[ROUTES_NFAMILY];
	char			*endpoints[ROUTES_NFAMILY];
	char			*stats[ROUTES_NFAMILY];	/* metric prefix */
	enum route_family	 order[ROUTES_NFAMILY];
	int			 norder;
};

void	 routes_init(struct routes *);	/* the defaults */
void	 routes_clear(struct routes *);
/* Apply one config key ("base_url", "route.2026.catalogue", "route.order",
 * ...).  Returns 0, or -1 with *cause for an unknown key or bad value. */
int	 routes_set(struct routes *, const char *key, const char *value,
	     char **cause);
/* Check base_url: http or https, no credentials. */
int	 routes_check(const struct routes *, char **cause);
const char *routes_family_name(enum route_family);
/*
 * Route selection.  routes_next_catalogue(): from position *idx of the
 * order on, the first family with a catalogue route (v1 has none); sets
 * *idx to its position and *f to it and returns 1, or returns 0 when none
 * is left.  routes_fallback(): the family whose endpoints are used when no
 * catalogue answered: v1 when it is in the order, else -1.
 */
int	 routes_next_catalogue(const struct routes *, int *idx,
	     enum route_family *f);
int	 routes_fallback(const struct routes *);
/*
 * The URL of a route.  a and b depend on the route: permaslug and variant
 * (endpoints, metrics), the v1 id (v1 endpoints), the endpoint id (uptime
 * hourly); unused ones may be NULL.  NULL if the family has no such route.
 */
char	*routes_url(const struct routes *, enum route, enum route_family,
	     const char *a, const char *b);

/*
 * The model list comes in pages since August 2026: each names the next in
 * links.next.  routes_next_page() checks a next link (untrusted) against
 * the pages fetched so far (seen[0..nseen-1], full URLs): it must be on the
 * base URL's scheme, host and port (a path alone is taken as on it), short
 * and printable ASCII, not a page already fetched (a loop), and there may
 * be at most ROUTES_MAX_PAGES pages.  Returns 0 with *url (caller frees),
 * or -1 with *cause.
 */
#define ROUTES_MAX_PAGES	100
#define ROUTES_MAX_URL		2048
int	 routes_next_page(const struct routes *, const char *next,
	    char *const *seen, size_t nseen, char **url, char **cause);

#endif
