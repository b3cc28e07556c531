#include "config.h"

#include "source/http.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include <curl/curl.h>

#include "codec/json-guard.h"
#include "source/file.h"
#include "source/ratectl.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

struct req {
	char		*url;
	void		*arg;
	int		 attempts;
	int64_t		 not_before;	/* monotonic ms */
	long		 retry_after;	/* seconds, -1: none */
	long		 remaining;	/* X-RateLimit-Remaining, -1: none */
	int64_t		 reset_ms;	/* X-RateLimit-Reset from now, -1 */
	int64_t		 started;	/* monotonic ms of this attempt */
	int		 too_big;
	struct json_guard_stream guard;	/* the body's budget so far */
	char		*refused;	/* why the guard stopped the body */
	CURL		*easy;
	struct curl_slist *headers;
	struct buf	 body;
	char		 errbuf[CURL_ERROR_SIZE];
	struct req	*next;
	struct http	*http;
};

/* A FIFO of requests. */
struct reqq {
	struct req	*head;
	struct req	*tail;
	unsigned	 n;
};

struct http {
	struct http_config	 cfg;
	CURLM			*multi;
	struct reqq		 ready;		/* may start now */
	struct reqq		 delayed;	/* waiting for a retry */
	struct req		**active;	/* in flight, max_in_flight */
	unsigned		 nactive;
	struct http_result	**done;
	size_t			 ndone, donecap, donehead;
	int64_t			 next_slot;	/* monotonic ms of the next
						   start the rate allows */
	struct ratectl		 rate;
	uint64_t		 rng;
	struct http_stats	 stats;
	struct curl_waitfd	*wfd;		/* the caller's extra fds */
	unsigned		 wfdcap;
};

/* Zero a secret so it does not linger in freed memory. */
static void
explicit_bzero_compat(void *p, size_t len)
{
	volatile unsigned char	*v = p;

	while (len-- > 0)
		*v++ = 0;
}

static void
reqq_push(struct reqq *q, struct req *r)
{
	r->next = NULL;
	if (q->tail != NULL)
		q->tail->next = r;
	else
		q->head = r;
	q->tail = r;
	q->n++;
}

static struct req *
reqq_pop(struct reqq *q)
{
	struct req	*r;

	if ((r = q->head) == NULL)
		return (NULL);
	q->head = r->next;
	if (q->head == NULL)
		q->tail = NULL;
	q->n--;
	r->next = NULL;
	return (r);
}

static void
req_free(struct req *r)
{
	if (r == NULL)
		return;
	if (r->easy != NULL)
		curl_easy_cleanup(r->easy);
	curl_slist_free_all(r->headers);
	buf_free(&r->body);
	free(r->refused);
	free(r->url);
	free(r);
}

int
http_global_init(char **cause)
{
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		*cause = xstrdup(_("libcurl initialisation failed"));
		return (-1);
	}
	return (0);
}

void
http_global_cleanup(void)
{
	curl_global_cleanup();
}

int
http_new(const struct http_config *cfg, struct http **hp, char **cause)
{
	struct http	*h;

	h = xcalloc(1, sizeof *h);
	h->cfg = *cfg;
	if (h->cfg.max_in_flight <= 0)
		h->cfg.max_in_flight = 4;
	if (h->cfg.max_retries < 0)
		h->cfg.max_retries = 0;
	if (h->cfg.backoff_base_ms <= 0)
		h->cfg.backoff_base_ms = 500;
	if (h->cfg.backoff_max_ms <= 0)
		h->cfg.backoff_max_ms = 30000;
	if (h->cfg.connect_timeout_s <= 0)
		h->cfg.connect_timeout_s = 10;
	if (h->cfg.low_speed_time_s <= 0)
		h->cfg.low_speed_time_s = 20;
	if (h->cfg.low_speed_limit <= 0)
		h->cfg.low_speed_limit = 100;
	if (h->cfg.total_timeout_s <= 0)
		h->cfg.total_timeout_s = 120;
	if (h->cfg.max_bytes == 0)
		h->cfg.max_bytes = SOURCE_MAX_BYTES;
	if ((h->multi = curl_multi_init()) == NULL) {
		*cause = xstrdup(_("libcurl: cannot create a multi handle"));
		free(h);
		return (-1);
	}
	curl_multi_setopt(h->multi, CURLMOPT_PIPELINING, CURLPIPE_MULTIPLEX);
	curl_multi_setopt(h->multi, CURLMOPT_MAX_TOTAL_CONNECTIONS,
	    (long)h->cfg.max_in_flight);
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS,
	    (long)h->cfg.max_in_flight);
	h->active = xcalloc((size_t)h->cfg.max_in_flight, sizeof *h->active);
	h->rng = (uint64_t)clock_now_ms() ^ ((uint64_t)getpid() << 32);
	ratectl_init(&h->rate, h->cfg.max_rate, h->cfg.rate_max);
	*hp = h;
	return (0);
}

static void
http_done_push(struct http *h, struct http_result *res)
{
	if (h->ndone == h->donecap) {
		/* Compact, then grow. */
		if (h->donehead > 0) {
			memmove(h->done, h->done + h->donehead,
			    (h->ndone - h->donehead) * sizeof *h->done);
			h->ndone -= h->donehead;
			h->donehead = 0;
		}
		if (h->ndone == h->donecap) {
			h->donecap = h->donecap == 0 ? 16 : h->donecap * 2;
			h->done = xreallocarray(h->done, h->donecap,
			    sizeof *h->done);
		}
	}
	h->done[h->ndone++] = res;
}

/* A request that will never be handed out: its arg goes too. */
static void
http_drop(struct http *h, struct req *r)
{
	if (h->cfg.free_arg != NULL)
		h->cfg.free_arg(r->arg);
	req_free(r);
}

void
http_cancel(struct http *h)
{
	struct req	*r;
	unsigned	 i;

	for (i = 0; i < h->nactive; i++) {
		curl_multi_remove_handle(h->multi, h->active[i]->easy);
		http_drop(h, h->active[i]);
	}
	h->nactive = 0;
	while ((r = reqq_pop(&h->ready)) != NULL)
		http_drop(h, r);
	while ((r = reqq_pop(&h->delayed)) != NULL)
		http_drop(h, r);
}

void
http_free(struct http *h)
{
	if (h == NULL)
		return;
	http_cancel(h);
	while (h->donehead < h->ndone) {
		if (h->cfg.free_arg != NULL)
			h->cfg.free_arg(h->done[h->donehead]->arg);
		http_result_free(h->done[h->donehead++]);
	}
	free(h->done);
	free(h->active);
	free(h->wfd);
	curl_multi_cleanup(h->multi);
	free(h);
}

void
http_get(struct http *h, const char *url, void *arg)
{
	struct req	*r;

	r = xcalloc(1, sizeof *r);
	r->url = xstrdup(url);
	r->arg = arg;
	r->retry_after = -1;
	r->http = h;
	reqq_push(&h->ready, r);
}

static size_t
http_write_cb(char *data, size_t size, size_t n, void *arg)
{
	struct req	*r = arg;
	size_t		 len = size * n;

	if (r->body.len + len > r->http->cfg.max_bytes) {
		r->too_big = 1;
		return (0);
	}
	/*
	 * A body over the budget of the list walkers (the most any caller
	 * parses) stops here, before the rest of it is read.
	 */
	if (r->refused == NULL && json_guard_feed(&r->guard, data, len,
	    &json_guard_list, &r->refused) != 0)
		return (0);
	buf_add(&r->body, data, len);
	return (len);
}

long
http_retry_after(const char *value, time_t now)
{
	char	*end;
	long	 secs;
	time_t	 when;

	secs = strtol(value, &end, 10);
	if (end != value && secs >= 0 && secs < 86400 &&
	    (*end == '\0' || *end == ' '))
		return (secs);
	if ((when = curl_getdate(value + strspn(value, " "), NULL)) != -1) {
		secs = (long)(when - now);
		return (secs < 0 ? 0 : secs > 86400 ? 86400 : secs);
	}
	return (-1);
}

/* The value of header name (with its colon) in data, or 0. */
static int
http_header_value(const char *data, size_t len, const char *name,
    char *value, size_t size)
{
	size_t	n = strlen(name);

	if (len <= n || strncasecmp(data, name, n) != 0)
		return (0);
	snprintf(value, size, "%.*s", (int)(len - n), data + n);
	value[strcspn(value, "\r\n")] = '\0';
	return (1);
}

/* Retry-After (delta-seconds or an HTTP date) and X-RateLimit-*. */
static size_t
http_header_cb(char *data, size_t size, size_t n, void *arg)
{
	struct req	*r = arg;
	size_t		 len = size * n;
	char		 value[128], *end;
	long		 secs;

	if (http_header_value(data, len, "Retry-After:", value,
	    sizeof value)) {
		if ((secs = http_retry_after(value, time(NULL))) >= 0)
			r->retry_after = secs;
	} else if (http_header_value(data, len, "X-RateLimit-Remaining:",
	    value, sizeof value)) {
		secs = strtol(value, &end, 10);
		if (end != value && secs >= 0 && *(end + strspn(end, " \t"))
		    == '\0')
			r->remaining = secs;
	} else if (http_header_value(data, len, "X-RateLimit-Reset:", value,
	    sizeof value))
		r->reset_ms = ratectl_reset_ms(value, clock_now_ms());
	return (len);
}

static int
http_start(struct http *h, struct req *r, char **cause)
{
	struct http_config	*c = &h->cfg;
	char			*auth;

	r->easy = curl_easy_init();
	if (r->easy == NULL) {
		*cause = xstrdup(_("libcurl: cannot create a transfer"));
		return (-1);
	}
	buf_reset(&r->body);
	r->too_big = 0;
	memset(&r->guard, 0, sizeof r->guard);
	free(r->refused);
	r->refused = NULL;
	r->retry_after = -1;
	r->remaining = -1;
	r->reset_ms = -1;
	r->errbuf[0] = '\0';
	curl_easy_setopt(r->easy, CURLOPT_URL, r->url);
	curl_easy_setopt(r->easy, CURLOPT_PRIVATE, r);
	curl_easy_setopt(r->easy, CURLOPT_WRITEFUNCTION, http_write_cb);
	curl_easy_setopt(r->easy, CURLOPT_WRITEDATA, r);
	curl_easy_setopt(r->easy, CURLOPT_HEADERFUNCTION, http_header_cb);
	curl_easy_setopt(r->easy, CURLOPT_HEADERDATA, r);
	curl_easy_setopt(r->easy, CURLOPT_ERRORBUFFER, r->errbuf);
	curl_easy_setopt(r->easy, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(r->easy, CURLOPT_ACCEPT_ENCODING, "gzip");
	curl_easy_setopt(r->easy, CURLOPT_USERAGENT, c->user_agent);
	curl_easy_setopt(r->easy, CURLOPT_CONNECTTIMEOUT, c->connect_timeout_s);
	curl_easy_setopt(r->easy, CURLOPT_LOW_SPEED_TIME, c->low_speed_time_s);
	curl_easy_setopt(r->easy, CURLOPT_LOW_SPEED_LIMIT, c->low_speed_limit);
	curl_easy_setopt(r->easy, CURLOPT_TIMEOUT, c->total_timeout_s);
	curl_easy_setopt(r->easy, CURLOPT_MAXFILESIZE_LARGE,
	    (curl_off_t)c->max_bytes);
	curl_easy_setopt(r->easy, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(r->easy, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(r->easy, CURLOPT_SSL_VERIFYPEER,
	    c->insecure ? 0L : 1L);
	curl_easy_setopt(r->easy, CURLOPT_SSL_VERIFYHOST,
	    c->insecure ? 0L : 2L);
	curl_easy_setopt(r->easy, CURLOPT_HTTP_VERSION,
	    (long)CURL_HTTP_VERSION_2TLS);
	curl_easy_setopt(r->easy, CURLOPT_PIPEWAIT, 1L);
	r->headers = curl_slist_append(NULL, "Accept: application/json");
	if (c->api_key != NULL && *c->api_key != '\0') {
		auth = xasprintf("Authorization: Bearer %s", c->api_key);
		r->headers = curl_slist_append(r->headers, auth);
		/* The key lives only in libcurl's copy now. */
		explicit_bzero_compat(auth, strlen(auth));
		free(auth);
	}
	curl_easy_setopt(r->easy, CURLOPT_HTTPHEADER, r->headers);
	if (curl_multi_add_handle(h->multi, r->easy) != CURLM_OK) {
		*cause = xstrdup(_("libcurl: cannot start a transfer"));
		return (-1);
	}
	r->attempts++;
	h->active[h->nactive++] = r;
	h->stats.requests++;
	if (h->nactive > h->stats.max_in_flight_seen)
		h->stats.max_in_flight_seen = h->nactive;
	r->started = clock_mono_ms();
	return (0);
}

static int
http_retryable_code(CURLcode code)
{
	switch (code) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_CONNECT:
	case CURLE_OPERATION_TIMEDOUT:
	case CURLE_PARTIAL_FILE:
	case CURLE_RECV_ERROR:
	case CURLE_SEND_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_HTTP2:
	case CURLE_HTTP2_STREAM:
	case CURLE_BAD_CONTENT_ENCODING:
		return (1);
	default:
		return (0);
	}
}

int64_t
http_retry_delay(const struct http_config *cfg, long status, int transient,
    int attempts, long retry_after, uint64_t *rng)
{
	int64_t	delay, jitter;
	int	shift;

	if (!transient && status != 429 && status < 500)
		return (-1);
	if (attempts > cfg->max_retries)
		return (-1);
	/* Exponential backoff with jitter; Retry-After is a lower bound. */
	shift = attempts - 1 < 16 ? attempts - 1 : 16;
	delay = (int64_t)cfg->backoff_base_ms << shift;
	if (delay > cfg->backoff_max_ms)
		delay = cfg->backoff_max_ms;
	/* xorshift64: jitter does not need a good generator. */
	*rng ^= *rng << 13;
	*rng ^= *rng >> 7;
	*rng ^= *rng << 17;
	jitter = (int64_t)(*rng % (uint64_t)cfg->backoff_base_ms);
	delay += jitter;
	if (retry_after >= 0 && delay < (int64_t)retry_after * 1000)
		delay = (int64_t)retry_after * 1000;
	return (delay);
}

/* What the attempt says to the rate. */
static void
http_rate_answer(struct http *h, const struct req *r, long status)
{
	struct ratectl_answer	a;
	int64_t			now = clock_mono_ms();

	a.status = status;
	a.latency_ms = (double)(now - r->started);
	a.retry_after = r->retry_after;
	a.remaining = r->remaining;
	a.reset_ms = r->reset_ms;
	ratectl_answer(&h->rate, &a, now);
	if (status == 429)
		h->stats.refused++;
}

static void
http_finish(struct http *h, struct req *r, CURLcode code)
{
	struct http_result	*res;
	long			 status = 0;
	int			 transient = 0;
	int64_t			 delay;
	char			*error = NULL;

	curl_easy_getinfo(r->easy, CURLINFO_RESPONSE_CODE, &status);
	h->stats.bytes += (int64_t)r->body.len;
	if (r->refused != NULL) {
		error = xasprintf(_("refused: %s"), r->refused);
		status = 0;
		buf_free(&r->body);
	} else if (r->too_big || code == CURLE_FILESIZE_EXCEEDED) {
		error = xasprintf(_("response larger than %zu bytes"),
		    h->cfg.max_bytes);
		status = 0;
	} else if (code != CURLE_OK) {
		error = xasprintf("%s%s%s", curl_easy_strerror(code),
		    r->errbuf[0] != '\0' ? ": " : "", r->errbuf);
		status = 0;
		transient = http_retryable_code(code);
	}

	curl_multi_remove_handle(h->multi, r->easy);
	curl_easy_cleanup(r->easy);
	r->easy = NULL;
	curl_slist_free_all(r->headers);
	r->headers = NULL;
	http_rate_answer(h, r, status);

	delay = http_retry_delay(&h->cfg, status, transient, r->attempts,
	    r->retry_after, &h->rng);
	if (delay >= 0) {
		free(error);
		r->not_before = clock_mono_ms() + delay;
		h->stats.retries++;
		reqq_push(&h->delayed, r);
		return;
	}
	res = xcalloc(1, sizeof *res);
	res->arg = r->arg;
	res->url = r->url;
	r->url = NULL;
	res->status = status;
	res->body = r->body;
	buf_init(&r->body);
	res->error = error;
	res->attempts = r->attempts;
	res->guard = r->guard;
	req_free(r);
	http_done_push(h, res);
}

/* Move due retries to the ready queue; returns ms until the next one. */
static int64_t
http_due(struct http *h, int64_t now)
{
	struct reqq	 keep = { NULL, NULL, 0 };
	struct req	*r;
	int64_t		 next = -1;

	while ((r = reqq_pop(&h->delayed)) != NULL) {
		if (r->not_before <= now)
			reqq_push(&h->ready, r);
		else {
			if (next < 0 || r->not_before - now < next)
				next = r->not_before - now;
			reqq_push(&keep, r);
		}
	}
	h->delayed = keep;
	return (next);
}

/* Start what the limits allow; returns ms until more could start. */
static int64_t
http_start_ready(struct http *h, char **cause)
{
	struct req	*r;
	int64_t		 now, interval, wait, next;
	double		 rate;

	now = clock_mono_ms();
	next = http_due(h, now);
	if (h->ready.n > 0 && (wait = ratectl_hold(&h->rate, now)) > 0)
		return (next < 0 || wait < next ? wait : next);
	rate = ratectl_rate(&h->rate, now);
	interval = rate > 0 ? (int64_t)(1000.0 / rate) : 0;
	while (h->ready.n > 0 && h->nactive < (unsigned)h->cfg.max_in_flight) {
		if (interval > 0 && h->stats.requests > 0) {
			wait = h->next_slot - now;
			if (wait > 0)
				return (next < 0 || wait < next ? wait : next);
		}
		r = reqq_pop(&h->ready);
		if (http_start(h, r, cause) != 0) {
			http_drop(h, r);
			return (-2);
		}
		/*
		 * Slots are one interval apart whenever the loop wakes: a late
		 * wake-up may catch up one slot, so that scheduling delays do
		 * not lower the rate, and a pause never builds up a burst.
		 */
		if (h->next_slot < now - interval)
			h->next_slot = now - interval;
		h->next_slot += interval;
		now = clock_mono_ms();
	}
	return (next);
}

/* The caller's descriptors in libcurl's terms, and what happened back. */
static struct curl_waitfd *
http_waitfds_in(struct http *h, const struct http_waitfd *extra,
    unsigned nextra)
{
	unsigned	i;
	short		e;

	if (nextra > h->wfdcap) {
		h->wfd = xreallocarray(h->wfd, nextra, sizeof *h->wfd);
		h->wfdcap = nextra;
	}
	for (i = 0; i < nextra; i++) {
		memset(&h->wfd[i], 0, sizeof h->wfd[i]);
		h->wfd[i].fd = extra[i].fd;
		e = extra[i].events;
		h->wfd[i].events = ((e & HTTP_WAIT_IN) ? CURL_WAIT_POLLIN : 0) |
		    ((e & HTTP_WAIT_PRI) ? CURL_WAIT_POLLPRI : 0) |
		    ((e & HTTP_WAIT_OUT) ? CURL_WAIT_POLLOUT : 0);
	}
	return (nextra > 0 ? h->wfd : NULL);
}

static void
http_waitfds_out(const struct http *h, struct http_waitfd *extra,
    unsigned nextra)
{
	unsigned	i;
	short		r;

	for (i = 0; i < nextra; i++) {
		r = h->wfd[i].revents;
		extra[i].revents = (short)(
		    ((r & CURL_WAIT_POLLIN) ? HTTP_WAIT_IN : 0) |
		    ((r & CURL_WAIT_POLLPRI) ? HTTP_WAIT_PRI : 0) |
		    ((r & CURL_WAIT_POLLOUT) ? HTTP_WAIT_OUT : 0));
	}
}

int
http_step(struct http *h, int timeout_ms, struct http_waitfd *extra,
    unsigned nextra, char **cause)
{
	struct CURLMsg	*msg;
	struct req	*r;
	int64_t		 wait;
	int		 running, left, numfds;

	if ((wait = http_start_ready(h, cause)) == -2)
		return (-1);
	if (wait >= 0 && wait < timeout_ms)
		timeout_ms = (int)wait;
	if (h->ndone > h->donehead)
		timeout_ms = 0;
	if (curl_multi_poll(h->multi, http_waitfds_in(h, extra, nextra),
	    nextra, timeout_ms, &numfds) != CURLM_OK) {
		*cause = xstrdup(_("libcurl: poll failed"));
		return (-1);
	}
	http_waitfds_out(h, extra, nextra);
	if (curl_multi_perform(h->multi, &running) != CURLM_OK) {
		*cause = xstrdup(_("libcurl: transfer failed"));
		return (-1);
	}
	while ((msg = curl_multi_info_read(h->multi, &left)) != NULL) {
		if (msg->msg != CURLMSG_DONE)
			continue;
		curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE,
		    (char **)&r);
		/* Remove r from the active set. */
		for (unsigned i = 0; i < h->nactive; i++) {
			if (h->active[i] == r) {
				h->active[i] = h->active[--h->nactive];
				break;
			}
		}
		http_finish(h, r, msg->data.result);
	}
	if (http_start_ready(h, cause) == -2)
		return (-1);
	return (0);
}

struct http_result *
http_next_done(struct http *h)
{
	if (h->donehead == h->ndone) {
		h->donehead = h->ndone = 0;
		return (NULL);
	}
	return (h->done[h->donehead++]);
}

void
http_result_free(struct http_result *res)
{
	if (res == NULL)
		return;
	free(res->url);
	buf_free(&res->body);
	free(res->error);
	free(res);
}

unsigned
http_pending(const struct http *h)
{
	return (h->ready.n + h->delayed.n + h->nactive);
}

void
http_stats(const struct http *h, struct http_stats *st)
{
	*st = h->stats;
	st->in_flight = h->nactive;
	st->queued = h->ready.n + h->delayed.n;
	st->rate_now = ratectl_rate(&h->rate, clock_mono_ms());
	st->rate_top = h->rate.rate_top;
}

void
http_wakeup(struct http *h)
{
	curl_multi_wakeup(h->multi);
}
