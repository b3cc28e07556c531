/*
 * test-routes: source/routes.c -- which family's catalogue is tried next
 * and which family serves the endpoints without one, the URL of every
 * route, and the settings that change them.
 */
#include "config.h"

#include "unit.h"

#include <stdlib.h>
#include <string.h>

#include "source/routes.h"
#include "util/xmalloc.h"

/* Apply a setting that must be accepted. */
static void
routes_test_set(struct routes *r, const char *key, const char *value)
{
	char	*cause = NULL;

	if (routes_set(r, key, value, &cause) != 0)
		fail_msg("%s = %s: %s", key, value, cause);
	assert_null(cause);
}

/* Apply a setting that must be refused; returns the message. */
static char *
routes_test_refuse(struct routes *r, const char *key, const char *value)
{
	char	*cause = NULL;

	assert_int_equal(routes_set(r, key, value, &cause), -1);
	assert_non_null(cause);
	return (cause);
}

/* The URL, compared and freed. */
static void
routes_test_url(const struct routes *r, enum route route,
    enum route_family f, const char *a, const char *b, const char *want)
{
	char	*url;

	url = routes_url(r, route, f, a, b);
	if (want == NULL) {
		assert_null(url);
		return;
	}
	assert_non_null(url);
	assert_string_equal(url, want);
	free(url);
}

static void
test_select_default(void **state)
{
	struct routes		r;
	enum route_family	f;
	int			idx = 0;

	(void)state;
	routes_init(&r);
	/* 2025, then 2026; v1 has no catalogue. */
	assert_int_equal(routes_next_catalogue(&r, &idx, &f), 1);
	assert_int_equal(idx, 0);
	assert_int_equal(f, FAMILY_2025);
	/* The caller moves on after a failure. */
	idx++;
	assert_int_equal(routes_next_catalogue(&r, &idx, &f), 1);
	assert_int_equal(idx, 1);
	assert_int_equal(f, FAMILY_2026);
	idx++;
	assert_int_equal(routes_next_catalogue(&r, &idx, &f), 0);
	assert_int_equal(idx, 3);
	assert_int_equal(routes_fallback(&r), FAMILY_V1);
	routes_clear(&r);
}

static void
test_select_order(void **state)
{
	struct routes		r;
	enum route_family	f;
	int			idx = 0;

	(void)state;
	routes_init(&r);
	routes_test_set(&r, "route.order", "v1, 2026");
	assert_int_equal(r.norder, 2);
	/* v1 is skipped: the first catalogue is 2026's, at position 1. */
	assert_int_equal(routes_next_catalogue(&r, &idx, &f), 1);
	assert_int_equal(idx, 1);
	assert_int_equal(f, FAMILY_2026);
	assert_int_equal(routes_fallback(&r), FAMILY_V1);

	/* Without v1 in the order there is nothing to fall back on. */
	routes_test_set(&r, "route.order", "2026 2025");
	idx = 0;
	assert_int_equal(routes_next_catalogue(&r, &idx, &f), 1);
	assert_int_equal(f, FAMILY_2026);
	assert_int_equal(routes_fallback(&r), -1);

	/* Only v1: no catalogue at all. */
	routes_test_set(&r, "route.order", "v1");
	idx = 0;
	assert_int_equal(routes_next_catalogue(&r, &idx, &f), 0);
	assert_int_equal(routes_fallback(&r), FAMILY_V1);
	routes_clear(&r);
}

static void
test_select_no_catalogue(void **state)
{
	struct routes		r;
	enum route_family	f;
	int			idx = 0;

	(void)state;
	routes_init(&r);
	/* A family without a catalogue route is passed over. */
	free(r.catalogue[FAMILY_2025]);
	r.catalogue[FAMILY_2025] = NULL;
	assert_int_equal(routes_next_catalogue(&r, &idx, &f), 1);
	assert_int_equal(idx, 1);
	assert_int_equal(f, FAMILY_2026);
	routes_test_url(&r, ROUTE_CATALOGUE, FAMILY_2025, NULL, NULL, NULL);
	routes_clear(&r);
}

static void
test_order_refused(void **state)
{
	struct routes	 r;
	char		*cause;

	(void)state;
	routes_init(&r);
	cause = routes_test_refuse(&r, "route.order", "2025 2024");
	assert_non_null(strstr(cause, "2024"));
	free(cause);
	cause = routes_test_refuse(&r, "route.order", "v1,2025,v1");
	assert_non_null(strstr(cause, "twice"));
	free(cause);
	free(routes_test_refuse(&r, "route.order", " , "));
	/* A refused order leaves the one before. */
	assert_int_equal(r.norder, 3);
	assert_int_equal(r.order[0], FAMILY_2025);
	routes_clear(&r);
}

static void
test_urls_default(void **state)
{
	struct routes	r;

	(void)state;
	routes_init(&r);
	routes_test_url(&r, ROUTE_MODELS, FAMILY_2025, NULL, NULL,
	    "https://openrouter.ai/api/v1/models?output_modalities=all");
	routes_test_url(&r, ROUTE_CATALOGUE, FAMILY_2025, NULL, NULL,
	    "https://openrouter.ai/api/frontend/models");
	routes_test_url(&r, ROUTE_CATALOGUE, FAMILY_2026, NULL, NULL,
	    "https://openrouter.ai/api/frontend/v1/catalog/models");
	routes_test_url(&r, ROUTE_CATALOGUE, FAMILY_V1, NULL, NULL, NULL);
	routes_test_url(&r, ROUTE_ENDPOINTS, FAMILY_2025, "openai/gpt-4o",
	    "free", "https://openrouter.ai/api/frontend/stats/endpoint?"
	    "permaslug=openai%2Fgpt-4o&variant=free");
	/* No variant: the standard one. */
	routes_test_url(&r, ROUTE_ENDPOINTS, FAMILY_2026, "a/b", NULL,
	    "https://openrouter.ai/api/frontend/v1/stats/endpoint?"
	    "permaslug=a%2Fb&variant=standard");
	/* The v1 id keeps its '/' and ':'; the rest is escaped. */
	routes_test_url(&r, ROUTE_ENDPOINTS, FAMILY_V1, "openai/gpt-4o:free",
	    NULL, "https://openrouter.ai/api/v1/models/openai/gpt-4o:free/"
	    "endpoints");
	routes_test_url(&r, ROUTE_ENDPOINTS, FAMILY_V1, "a b&c?", NULL,
	    "https://openrouter.ai/api/v1/models/a%20b%26c%3F/endpoints");
	routes_test_url(&r, ROUTE_ENDPOINTS, FAMILY_V1, NULL, NULL, NULL);
	routes_test_url(&r, ROUTE_LATENCY, FAMILY_2025, "x/y", "beta",
	    "https://openrouter.ai/api/frontend/stats/latency-comparison?"
	    "permaslug=x%2Fy&variant=beta");
	routes_test_url(&r, ROUTE_THROUGHPUT, FAMILY_2026, "x/y", NULL,
	    "https://openrouter.ai/api/frontend/v1/stats/"
	    "throughput-comparison?permaslug=x%2Fy&variant=standard");
	routes_test_url(&r, ROUTE_UPTIME_RECENT, FAMILY_2025, "x/y", NULL,
	    "https://openrouter.ai/api/frontend/stats/uptime-recent?"
	    "permaslug=x%2Fy&variant=standard");
	routes_test_url(&r, ROUTE_UPTIME_HOURLY, FAMILY_2025, "e-1 2", NULL,
	    "https://openrouter.ai/api/frontend/stats/uptime-hourly?"
	    "id=e-1%202");
	routes_test_url(&r, ROUTE_UPTIME_HOURLY, FAMILY_V1, "e", NULL, NULL);
	routes_clear(&r);
}

static void
test_urls_configured(void **state)
{
	struct routes	 r;
	char		*cause;

	(void)state;
	routes_init(&r);
	/* Trailing slashes of the base do not double. */
	routes_test_set(&r, "base_url", "http://127.0.0.1:8080//");
	routes_test_set(&r, "route.models", "/m");
	routes_test_set(&r, "route.2026.catalogue", "/cat");
	routes_test_set(&r, "route.v1.endpoints", "/v1/%s/eps");
	routes_test_set(&r, "route.2025.stats", "/s");
	routes_test_url(&r, ROUTE_MODELS, FAMILY_2025, NULL, NULL,
	    "http://127.0.0.1:8080/m?output_modalities=all");
	/* A configured query is kept as it is. */
	routes_test_set(&r, "route.models", "/m?x=1");
	routes_test_url(&r, ROUTE_MODELS, FAMILY_2025, NULL, NULL,
	    "http://127.0.0.1:8080/m?x=1");
	routes_test_url(&r, ROUTE_CATALOGUE, FAMILY_2026, NULL, NULL,
	    "http://127.0.0.1:8080/cat");
	routes_test_url(&r, ROUTE_ENDPOINTS, FAMILY_V1, "p/q", NULL,
	    "http://127.0.0.1:8080/v1/p/q/eps");
	routes_test_url(&r, ROUTE_UPTIME_HOURLY, FAMILY_2025, "id", NULL,
	    "http://127.0.0.1:8080/s/uptime-hourly?id=id");

	/* A v1 endpoints route without %s gives no URL. */
	routes_test_set(&r, "route.v1.endpoints", "/v1/eps");
	routes_test_url(&r, ROUTE_ENDPOINTS, FAMILY_V1, "p/q", NULL, NULL);

	/* Refused: no catalogue or stats for v1, paths without '/'. */
	cause = routes_test_refuse(&r, "route.v1.catalogue", "/c");
	assert_non_null(strstr(cause, "route.v1.catalogue"));
	free(cause);
	free(routes_test_refuse(&r, "route.v1.stats", "/s"));
	free(routes_test_refuse(&r, "route.2027.catalogue", "/c"));
	free(routes_test_refuse(&r, "route.2025.bogus", "/c"));
	free(routes_test_refuse(&r, "routes", "/c"));
	cause = routes_test_refuse(&r, "route.2025.endpoints", "api/x");
	assert_non_null(strstr(cause, "/"));
	free(cause);
	routes_clear(&r);
}

/* The metadata routes of sync --extras: one path for every family. */
static void
test_urls_extras(void **state)
{
	struct routes	 r;

	(void)state;
	routes_init(&r);
	routes_test_url(&r, ROUTE_AUTHOR, FAMILY_2026, "mistral ai", NULL,
	    "https://openrouter.ai/api/frontend/author-models"
	    "?authorSlug=mistral%20ai&shouldIncludeStats=true");
	routes_test_url(&r, ROUTE_APPS, FAMILY_2025, "a/b", "free",
	    "https://openrouter.ai/api/frontend/stats/app"
	    "?permaslug=a%2Fb&variant=free&limit=20");
	/* No per-model usage route unless one is set: the author pages
	 * carry the usage. */
	routes_test_url(&r, ROUTE_USAGE, FAMILY_V1, "a/b", NULL, NULL);
	routes_test_set(&r, "route.author", "/au");
	routes_test_set(&r, "route.apps", "/ap");
	routes_test_set(&r, "route.usage", "/us");
	routes_test_url(&r, ROUTE_AUTHOR, FAMILY_2025, "x&y", NULL,
	    "https://openrouter.ai/au?authorSlug=x%26y&shouldIncludeStats=true");
	routes_test_url(&r, ROUTE_APPS, FAMILY_2025, "a/b", "standard",
	    "https://openrouter.ai/ap?permaslug=a%2Fb&variant=standard"
	    "&limit=20");
	routes_test_url(&r, ROUTE_USAGE, FAMILY_2025, "a/b", "beta",
	    "https://openrouter.ai/us?permaslug=a%2Fb&variant=beta");
	free(routes_test_refuse(&r, "route.usage", "us"));
	/* An empty value turns it off again. */
	routes_test_set(&r, "route.usage", "");
	routes_test_url(&r, ROUTE_USAGE, FAMILY_2025, "a/b", "beta", NULL);
	free(routes_test_refuse(&r, "route.2025.author", "/x"));
	routes_clear(&r);
}

static void
test_base_url_checked(void **state)
{
	struct routes	r;

	(void)state;
	routes_init(&r);
	routes_test_set(&r, "base_url", "https://example.test/prefix");
	routes_test_url(&r, ROUTE_MODELS, FAMILY_2025, NULL, NULL,
	    "https://example.test/prefix/api/v1/models?output_modalities=all");
	free(routes_test_refuse(&r, "base_url", "ftp://example.test"));
	free(routes_test_refuse(&r, "base_url", "example.test"));
	free(routes_test_refuse(&r, "base_url", "https://"));
	free(routes_test_refuse(&r, "base_url", "https:///path"));
	free(routes_test_refuse(&r, "base_url", "https://user:pw@host"));
	/* An '@' after the host is a path, not credentials. */
	routes_test_set(&r, "base_url", "http://host/a@b");
	routes_clear(&r);
}

/* A next link that must be accepted as want, or refused (want NULL). */
static void
routes_test_next(const struct routes *r, const char *next,
    char *const *seen, size_t nseen, const char *want, const char *why)
{
	char	*url = NULL, *cause = NULL;

	if (want == NULL) {
		assert_int_equal(routes_next_page(r, next, seen, nseen, &url,
		    &cause), -1);
		assert_null(url);
		assert_non_null(cause);
		if (strstr(cause, why) == NULL)
			fail_msg("%s: \"%s\" does not say %s", next, cause,
			    why);
		free(cause);
		return;
	}
	if (routes_next_page(r, next, seen, nseen, &url, &cause) != 0)
		fail_msg("%s refused: %s", next, cause);
	assert_string_equal(url, want);
	free(url);
}

static void
test_next_page(void **state)
{
	struct routes	 r;
	char		*seen[ROUTES_MAX_PAGES], *huge;
	size_t		 i;

	(void)state;
	routes_init(&r);
	routes_test_set(&r, "base_url", "http://127.0.0.1:8080/");
	seen[0] = routes_url(&r, ROUTE_MODELS, FAMILY_2025, NULL, NULL);
	seen[1] = xstrdup("http://127.0.0.1:8080/api/v1/models?offset=2");

	/* Same scheme, host and port; the host's case does not matter. */
	routes_test_next(&r, "http://127.0.0.1:8080/api/v1/models?offset=4",
	    seen, 2, "http://127.0.0.1:8080/api/v1/models?offset=4", NULL);
	routes_test_next(&r, "/api/v1/models?offset=4", seen, 2,
	    "http://127.0.0.1:8080/api/v1/models?offset=4", NULL);
	routes_test_set(&r, "base_url", "https://OpenRouter.ai");
	routes_test_next(&r, "https://openrouter.ai/api/v1/models?c=x@y",
	    seen, 0, "https://openrouter.ai/api/v1/models?c=x@y", NULL);
	routes_test_set(&r, "base_url", "http://127.0.0.1:8080/");

	/* Another host, port, scheme or credentials: refused. */
	routes_test_next(&r, "http://127.0.0.2:8080/api/v1/models", seen, 2,
	    NULL, "another host");
	routes_test_next(&r, "http://127.0.0.1:8081/api/v1/models", seen, 2,
	    NULL, "another host");
	routes_test_next(&r, "https://127.0.0.1:8080/api/v1/models", seen, 2,
	    NULL, "another host");
	routes_test_next(&r, "http://127.0.0.1:8080@evil.test/x", seen, 2,
	    NULL, "another host");
	routes_test_next(&r, "http://127.0.0.1:8080.evil.test/x", seen, 2,
	    NULL, "another host");
	routes_test_next(&r, "//evil.test/api/v1/models", seen, 2, NULL,
	    "another host");
	routes_test_next(&r, "ftp://127.0.0.1:8080/x", seen, 2, NULL,
	    "another host");
	routes_test_next(&r, "api/v1/models?offset=4", seen, 2, NULL,
	    "another host");
	routes_test_next(&r, "", seen, 2, NULL, "another host");
	routes_test_next(&r, "/api/v1/models?a=b\r\nX: y", seen, 2, NULL,
	    "control");
	huge = xcalloc(ROUTES_MAX_URL + 2, 1);
	memset(huge, 'a', ROUTES_MAX_URL + 1);
	huge[0] = '/';
	routes_test_next(&r, huge, seen, 2, NULL, "too long");
	free(huge);

	/* A page fetched before: a loop, however it is spelt. */
	routes_test_next(&r, seen[0], seen, 2, NULL, "loop");
	routes_test_next(&r, "/api/v1/models?offset=2", seen, 2, NULL,
	    "loop");

	/* The bound on pages. */
	for (i = 2; i < ROUTES_MAX_PAGES; i++)
		seen[i] = xasprintf("http://127.0.0.1:8080/p%zu", i);
	routes_test_next(&r, "/p0", seen, ROUTES_MAX_PAGES - 1, "http://"
	    "127.0.0.1:8080/p0", NULL);
	routes_test_next(&r, "/p0", seen, ROUTES_MAX_PAGES, NULL, "pages");
	for (i = 0; i < ROUTES_MAX_PAGES; i++)
		free(seen[i]);
	routes_clear(&r);
}

static void
test_family_names(void **state)
{
	(void)state;
	assert_string_equal(routes_family_name(FAMILY_2025), "2025");
	assert_string_equal(routes_family_name(FAMILY_2026), "2026");
	assert_string_equal(routes_family_name(FAMILY_V1), "v1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_select_default),
		cmocka_unit_test(test_select_order),
		cmocka_unit_test(test_select_no_catalogue),
		cmocka_unit_test(test_order_refused),
		cmocka_unit_test(test_urls_default),
		cmocka_unit_test(test_urls_configured),
		cmocka_unit_test(test_urls_extras),
		cmocka_unit_test(test_base_url_checked),
		cmocka_unit_test(test_next_page),
		cmocka_unit_test(test_family_names),
	};

	return (cmocka_run_group_tests(tests, NULL, NULL));
}
