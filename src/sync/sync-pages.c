/*
 * sync-pages: the model list (/api/v1/models) page by page.
 *
 * Since August 2026 the list carries total_count and links.next.  Each
 * page's elements are appended to one JSON array in s->keys_text, so the
 * rest of the run sees one list however many pages it came in.  A next
 * link is followed only on the base URL's host, a bounded number of times,
 * and never back to a page already fetched (routes_next_page()).  The
 * count gathered must be total_count.  When a page after the first fails,
 * or the list is short, the pages gathered are kept and the run cannot be
 * complete (list_short: partial, nothing tombstoned); when the first fails
 * the run fails, as before pagination.
 */
#include "config.h"

#include "sync/sync.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "project/payload.h"
#include "sync/ingest.h"
#include "sync/sync-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* More than any catalogue OpenRouter could list: a bound, not a guess. */
#define SYNC_MAX_TOTAL	1000000

void
sync_pages_free(struct sync *s)
{
	size_t	i;

	for (i = 0; i < s->npages; i++)
		free(s->page_urls[i]);
	free(s->page_urls);
	s->page_urls = NULL;
	s->npages = 0;
}

/* The list cannot be whole: say why in the run, once per cause. */
static void
sync_pages_short(struct sync *s, const char *url, char *why)
{
	s->list_short = 1;
	ingest_error(s->ig, _("model list: %s (%s)"), why, url);
	free(why);
}

/* Append a page's elements to the one array. */
static void
sync_pages_gather(struct sync *s, const struct jlist *jl)
{
	if (s->keys_text.len == 0)
		buf_addch(&s->keys_text, '[');
	if (jl->count == 0)
		return;
	if (s->page_items > 0)
		buf_addch(&s->keys_text, ',');
	buf_add(&s->keys_text, jl->text + jl->first, jl->end - jl->first);
	s->page_items += jl->count;
}

/* A page's total_count: absent, or the same whole number on every page. */
static void
sync_pages_total(struct sync *s, const struct jlist *jl, const char *url)
{
	json_t		*v;
	json_int_t	 n;

	if ((v = jlist_member(jl, "total_count")) == NULL)
		return;
	if (!json_is_integer(v) || (n = json_integer_value(v)) < 0 ||
	    n > SYNC_MAX_TOTAL)
		sync_pages_short(s, url, xstrdup(_("total_count is not a "
		    "count")));
	else if (s->npages == 1 || s->total_count == -1)
		s->total_count = n;
	else if (n != s->total_count)
		sync_pages_short(s, url, xasprintf(_("total_count changed "
		    "from %lld to %lld between pages"),
		    (long long)s->total_count, (long long)n));
	json_decref(v);
}

/*
 * The URL of the page after this one, or NULL: the last page, or a link
 * that is refused (then the list is short).
 */
static char *
sync_pages_next(struct sync *s, const struct jlist *jl, const char *url)
{
	json_t		*links, *next;
	char		*to = NULL, *why = NULL;

	if ((links = jlist_member(jl, "links")) == NULL)
		return (NULL);
	next = json_is_object(links) ? json_object_get(links, "next") : NULL;
	if (!json_is_object(links) || (next != NULL && !json_is_null(next) &&
	    !json_is_string(next)))
		sync_pages_short(s, url, xstrdup(_("links.next is neither a "
		    "URL nor null")));
	else if (json_is_string(next) && routes_next_page(&s->opt.routes,
	    json_string_value(next), s->page_urls, s->npages, &to, &why) != 0)
		sync_pages_short(s, url, why);
	json_decref(links);
	return (to);
}

/* The last page is in: the gathered array becomes the key list. */
static void
sync_pages_done(struct sync *s, const char *url)
{
	s->keys_done = 1;
	if (s->keys_text.len == 0)
		return;		/* the first page failed */
	buf_addch(&s->keys_text, ']');
	/* Each page was checked as it came: the whole is not walked again. */
	jlist_of_array(&s->keys, s->keys_text.data, s->keys_text.len,
	    s->page_items);
	if (s->keys.count == 0) {
		buf_free(&s->keys_text);
		s->keys_error = xasprintf(_("keys: %s (%s)"),
		    _("the key list is empty"), url);
		ingest_error(s->ig, "%s", s->keys_error);
		return;
	}
	s->have_keys = 1;
	if (s->total_count >= 0 && (json_int_t)s->page_items !=
	    s->total_count)
		sync_pages_short(s, url, xasprintf(_("%zu models served, "
		    "total_count says %lld"), s->page_items,
		    (long long)s->total_count));
}

void
sync_pages_on_page(struct sync *s, struct http_result *res)
{
	struct buf	 text = BUF_INIT;
	struct jlist	 jl;
	char		*why = NULL, *next;

	s->page_urls = xreallocarray(s->page_urls, s->npages + 1,
	    sizeof *s->page_urls);
	s->page_urls[s->npages++] = xstrdup(res->url);
	if (sync_expect_list(s->ig, res, PAYLOAD_V1_MODELS, s->npages > 1,
	    &text, &jl, NULL, &why) != 0) {
		if (s->npages == 1) {
			s->keys_error = xasprintf(_("keys: %s (%s)"), why,
			    res->url);
			ingest_error(s->ig, "%s", s->keys_error);
			free(why);
		} else
			sync_pages_short(s, res->url, xasprintf(_("page %zu: "
			    "%s"), s->npages, why));
		if (s->npages > 1)
			free(why);
		sync_pages_done(s, res->url);
		return;
	}
	sync_pages_gather(s, &jl);
	sync_pages_total(s, &jl, res->url);
	next = s->aborted ? NULL : sync_pages_next(s, &jl, res->url);
	buf_free(&text);
	if (next != NULL) {
		sync_request_url(s, RQ_KEYS, FAMILY_2025, NULL, NULL, next);
		free(next);
		return;
	}
	sync_pages_done(s, res->url);
}
