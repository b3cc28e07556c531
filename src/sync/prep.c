#include "config.h"

#include "sync/prep.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "codec/canon.h"
#include "codec/json-guard.h"
#include "codec/jshare.h"
#include "project/payload.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/* Help when this many jobs wait for the worker. */
#define PREP_HELP_BEHIND	2
/*
 * A response whose tree would be large (more than PREP_LARGE_BYTES, or
 * more than PREP_LARGE_VALUES values in a body over PREP_LARGE_CHECK
 * bytes; a real listing is a few hundred kilobytes and some thousand
 * values) is not parsed on the worker: the main thread parses it when it
 * takes it (prep_done()), while the worker goes on with the small ones.
 * The worker then never makes one beside the main thread's: two hostile
 * trees made at once (a million values beside megabyte strings) were
 * 20 MB over the 64 MB any input may cost.  Such a job keeps its body
 * (keep_body): a model that waits for its other responses (metric series)
 * drops the tree meanwhile and parses the body again when it is written
 * (sync/sync-model.c), so that it holds no large tree while the next one
 * is parsed.
 */
#define PREP_LARGE_BYTES	(4 * 1024 * 1024)
#define PREP_LARGE_CHECK	(256 * 1024)
#define PREP_LARGE_VALUES	25000
/* A work buffer grown past this by one object is freed after its job. */
#define PREP_BUF_KEEP		(256 * 1024)

struct prep {
	pthread_mutex_t		 lock;
	pthread_cond_t		 cond;		/* a job came, or stop */
	pthread_t		 thread;
	int			 threaded;
	int			 stopping;
	struct prep_job		*in_head;	/* submitted, not started */
	struct prep_job		**in_tail;
	struct prep_job		*out_head;	/* done, not taken */
	struct prep_job		**out_tail;
	unsigned		 pending;
	void			(*wake)(void *);
	void			*wake_arg;
	struct prep_work	*work;		/* the worker's */
	struct prep_work	*help;		/* prep_help()'s, prep_done()'s */
	const struct hashfilter	*known;
};

/*
 * What one thread prepares with: its compressor, its buffers, and the
 * parts (prep_split()) it has sent, so that a model's part goes once and
 * not with each of its endpoints.  The store has what was sent when the
 * next job comes back (jobs come back in order); if not, the main thread
 * does that object's work itself.
 */
#define PREP_SENT	16384

/*
 * The hashes of the last parts the worker met, with their text: a model's
 * part is the same in each of its endpoints, a provider's in each of the
 * provider's, and comparing the bytes costs a fraction of hashing them.
 */
#define PREP_PART_MEMO	32

struct prep_part_memo {
	struct buf	 text;
	char		 hash[HASH_HEX_LEN + 1];
};

struct prep_work {
	struct zblob_deflater	*z;
	const struct hashfilter	*known;
	struct hashfilter	 sent;
	struct buf		 gz, skel, split;
	struct jshare		*share;		/* models, providers */
	struct prep_part_memo	 parts[PREP_PART_MEMO];
	size_t			 next_part;
};

static struct prep_work *
prep_work_new(struct zblob_deflater *z, const struct hashfilter *known)
{
	struct prep_work	*w = xcalloc(1, sizeof *w);

	w->z = z;
	w->known = known;
	hashfilter_init(&w->sent, PREP_SENT);
	w->share = jshare_new();
	return (w);
}

static void
prep_work_free(struct prep_work *w)
{
	size_t	i;

	if (w == NULL)
		return;
	for (i = 0; i < PREP_PART_MEMO; i++)
		buf_free(&w->parts[i].text);
	hashfilter_free(&w->sent);
	buf_free(&w->gz);
	buf_free(&w->skel);
	buf_free(&w->split);
	jshare_free(w->share);
	free(w);
}

/* Compress len bytes at data onto job->blobs_data: 0 with its place. */
static int
prep_pack(struct prep_job *job, struct zblob_deflater *z, const char *data,
    size_t len, struct buf *gz, size_t *off, size_t *outlen)
{
	if (zblob_compress_with(z, data, len, job->dict, gz, NULL) != 0)
		return (-1);
	*off = job->blobs_data.len;
	*outlen = gz->len;
	buf_add(&job->blobs_data, gz->data, gz->len);
	return (0);
}

/* The SHA-256 of a part (len bytes at p), from w->parts when it is there. */
static int
prep_part_hash(struct prep_work *w, const char *p, size_t len,
    char hash[HASH_HEX_LEN + 1])
{
	struct prep_part_memo	*m;
	size_t			 i;

	for (i = 0; i < PREP_PART_MEMO; i++) {
		m = &w->parts[i];
		if (m->text.len == len && len > 0 &&
		    memcmp(m->text.data, p, len) == 0) {
			memcpy(hash, m->hash, HASH_HEX_LEN + 1);
			return (0);
		}
	}
	if (hash_sha256_hex(p, len, hash) != 0)
		return (-1);
	m = &w->parts[w->next_part];
	w->next_part = (w->next_part + 1) % PREP_PART_MEMO;
	buf_reset(&m->text);
	buf_add(&m->text, p, len);
	memcpy(m->hash, hash, HASH_HEX_LEN + 1);
	return (0);
}

/*
 * An endpoint object's parts (span, n of them, as canon_split() finds
 * them in c) and skeleton (codec/canon.h), as the store keeps it: each
 * part's hash, and its blob unless this worker sent it before (sent) or
 * the database may have it (known); then the split blob.  0 when the
 * object has no part to split, -1 on a failure.
 */
static int
prep_split(struct prep_job *job, struct prep_item *it, const struct buf *c,
    const struct canon_span *span, size_t n, struct prep_work *w)
{
	size_t			 i, at[CANON_PARTS];
	struct prep_part	*pt;

	if (n == 0)
		return (0);
	for (i = 0; i < n; i++) {
		pt = &it->parts[i];
		if (prep_part_hash(w, c->data + span[i].off, span[i].len,
		    pt->hash) != 0)
			return (-1);
		pt->raw_len = span[i].len;
		if (hashfilter_maybe(w->known, pt->hash) ||
		    hashfilter_maybe(&w->sent, pt->hash))
			continue;
		if (prep_pack(job, w->z, c->data + span[i].off, span[i].len,
		    &w->gz, &pt->off, &pt->len) != 0)
			return (-1);
		hashfilter_add(&w->sent, pt->hash);
	}
	canon_skeleton(c->data, c->len, span, n, &w->skel, at);
	if (zblob_compress_with(w->z, w->skel.data, w->skel.len, job->dict,
	    &w->gz, NULL) != 0)
		return (-1);
	buf_reset(&w->split);
	zblob_split_pack(at, n, 0, w->gz.data, w->gz.len, &w->split);
	it->off = job->blobs_data.len;
	it->len = w->split.len;
	buf_add(&job->blobs_data, w->split.data, w->split.len);
	it->nparts = n;
	return (1);
}

/* Each endpoint object's canonical form, hash and blob. */
static void
prep_blobs(struct prep_job *job, const json_t *list, struct prep_work *w)
{
	struct prep_item	*it;
	struct buf		 canon;
	const json_t		*obj;
	struct canon_span	 span[CANON_PARTS];
	struct canon_memo	 memo = { .text = jshare_canon };
	size_t			 i, nspan = 0;
	int			 rc;

	buf_init(&canon);
	/* The dump finds the parts as it writes them (canon_split()). */
	memo.arg = w->share;
	memo.parts = payload_endpoint_parts;
	memo.spans = span;
	memo.nspans = &nspan;
	job->nitems = json_array_size(list);
	job->items = xcalloc(job->nitems + 1, sizeof *job->items);
	json_array_foreach(list, i, obj) {
		it = &job->items[i];
		if (!json_is_object(obj))
			continue;
		/*
		 * On any failure the item stays unprepared: the main thread
		 * does the work again and reports what went wrong.
		 */
		if (canon_dump_memo(obj, &canon, &memo) != 0 ||
		    hash_sha256_hex(canon.data, canon.len, it->hash) != 0) {
			it->hash[0] = '\0';
			continue;
		}
		if (hashfilter_maybe(w->known, it->hash))
			continue;
		if ((rc = prep_split(job, it, &canon, span, nspan, w)) < 0) {
			it->nparts = 0;
			continue;
		}
		if (rc == 0 && prep_pack(job, w->z, canon.data, canon.len,
		    &w->gz, &it->off, &it->len) != 0)
			continue;
		it->packed = 1;
		it->dict = job->dict;
		it->raw_len = canon.len;
	}
	buf_free(&canon);
}

/* The budget, before the tree: 0, or -1 with job->why. */
int
prep_guard(struct prep_job *job)
{
	char	*why = NULL;

	if (job->body.data == NULL || (job->have_fed &&
	    json_guard_fed(&job->fed, &json_guard_list, &json_guard_tree,
	    &job->guard)) || json_guard(job->body.data, job->body.len,
	    &json_guard_tree, &job->guard, &why) == 0)
		return (0);
	job->why = xasprintf(_("refused: %s"), why);
	free(why);
	return (-1);
}

static void
prep_run_with(struct prep_job *job, struct prep_work *w)
{
	json_error_t	 err;
	const json_t	*list;

	if (job->blobs) {
		if (hash_sha256_hex(job->body.data != NULL ? job->body.data :
		    "", job->body.len, job->body_sha) != 0)
			job->body_sha[0] = '\0';
		else if (job->expect_sha[0] != '\0' &&
		    strcmp(job->body_sha, job->expect_sha) == 0) {
			job->unchanged = 1;
			/* Kept, in case the store no longer agrees. */
			if (!job->need_tree)
				return;
		}
	}
	if (prep_guard(job) != 0) {
		buf_free(&job->body);
		return;
	}
	/* A listing's models and providers are parsed once (jshare.h). */
	job->root = jshare_loadb(job->blobs ? w->share : NULL,
	    payload_endpoint_parts, job->body.data != NULL ? job->body.data :
	    "", job->body.len, &err);
	if (job->root == NULL)
		job->why = xasprintf(_("invalid JSON at line %d: %s"), err.line,
		    err.text);
	if (job->root == NULL || !job->keep_body)
		buf_free(&job->body);
	if (job->root != NULL && job->blobs && !job->unchanged &&
	    (list = payload_endpoints(job->root)) != NULL)
		prep_blobs(job, list, w);
	/* As the ingest's (sync/ingest.c): not kept at a hostile size. */
	buf_trim(&w->gz, PREP_BUF_KEEP);
	buf_trim(&w->skel, PREP_BUF_KEEP);
	buf_trim(&w->split, PREP_BUF_KEEP);
}

void
prep_run(struct prep_job *job, struct zblob_deflater *z,
    const struct hashfilter *known)
{
	struct prep_work	*w = prep_work_new(z, known);

	prep_run_with(job, w);
	prep_work_free(w);
}

void
prep_job_free(struct prep_job *job)
{
	if (job == NULL)
		return;
	buf_free(&job->body);
	json_decref(job->root);
	free(job->why);
	free(job->items);
	buf_free(&job->blobs_data);
	free(job);
}

const struct prep_item *
prep_item_at(const struct prep_job *job, size_t i)
{
	if (job == NULL || i >= job->nitems || job->items[i].hash[0] == '\0')
		return (NULL);
	return (&job->items[i]);
}

static void
prep_push_done(struct prep *p, struct prep_job *job)
{
	job->next = NULL;
	*p->out_tail = job;
	p->out_tail = &job->next;
}

/* Whether job's tree would be large (PREP_LARGE_*): counted, not parsed. */
static int
prep_large(const struct prep_job *job)
{
	struct json_guard_stream	 st = JSON_GUARD_STREAM_INIT;
	struct json_guard_limits	 lim = json_guard_tree;
	char				*why = NULL;
	int				 over;

	if (job->body.len > PREP_LARGE_BYTES)
		return (1);
	if (job->body.len <= PREP_LARGE_CHECK)
		return (0);
	lim.max_values = PREP_LARGE_VALUES;
	over = json_guard_feed(&st, job->body.data, job->body.len, &lim,
	    &why) != 0 && st.values > PREP_LARGE_VALUES;
	free(why);
	return (over);
}

static void *
prep_main(void *arg)
{
	struct prep	*p = arg;
	struct prep_job	*job;

	pthread_mutex_lock(&p->lock);
	for (;;) {
		while (p->in_head == NULL && !p->stopping)
			pthread_cond_wait(&p->cond, &p->lock);
		if (p->stopping)
			break;
		job = p->in_head;
		if ((p->in_head = job->next) == NULL)
			p->in_tail = &p->in_head;
		pthread_mutex_unlock(&p->lock);

		if (job->dispose) {
			prep_job_free(job);
			pthread_mutex_lock(&p->lock);
			continue;
		}
		if (prep_large(job))
			job->large = 1;
		else
			prep_run_with(job, p->work);

		pthread_mutex_lock(&p->lock);
		prep_push_done(p, job);
		if (p->wake != NULL) {
			pthread_mutex_unlock(&p->lock);
			p->wake(p->wake_arg);
			pthread_mutex_lock(&p->lock);
		}
	}
	pthread_mutex_unlock(&p->lock);
	return (NULL);
}

struct prep *
prep_start(void (*wake)(void *), void *wake_arg,
    const struct hashfilter *known, int thread)
{
	struct prep	*p;
	sigset_t	 all, old;

	/* Each thread creates objects: seed jansson's hash first. */
	json_object_seed(0);

	p = xcalloc(1, sizeof *p);
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	p->in_tail = &p->in_head;
	p->out_tail = &p->out_head;
	p->wake = wake;
	p->wake_arg = wake_arg;
	p->known = known;
	p->work = prep_work_new(zblob_deflater_new(), known);
	p->help = prep_work_new(zblob_deflater_new(), known);

	if (!thread)
		return (p);
	/* Signals are for the main thread (SIGINT aborts the sync there). */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	p->threaded = pthread_create(&p->thread, NULL, prep_main, p) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return (p);
}

static void
prep_queue(struct prep *p, struct prep_job *job)
{
	pthread_mutex_lock(&p->lock);
	*p->in_tail = job;
	p->in_tail = &job->next;
	if (!job->dispose)
		p->pending++;
	pthread_cond_signal(&p->cond);
	pthread_mutex_unlock(&p->lock);
}

void
prep_dispose(struct prep *p, struct prep_job *job)
{
	if (job == NULL)
		return;
	/* A job done on this thread is freed here, where its tree was made. */
	if (p == NULL || !p->threaded || job->helped) {
		prep_job_free(job);
		return;
	}
	job->next = NULL;
	job->dispose = 1;
	prep_queue(p, job);
}

void
prep_submit(struct prep *p, struct prep_job *job)
{
	job->next = NULL;
	job->dispose = 0;
	job->helped = 0;
	job->large = 0;
	if (!p->threaded) {
		prep_run_with(job, p->work);
		pthread_mutex_lock(&p->lock);
		prep_push_done(p, job);
		p->pending++;
		pthread_mutex_unlock(&p->lock);
		return;
	}
	prep_queue(p, job);
}

struct prep_job *
prep_help(struct prep *p)
{
	struct prep_job	**jp, **first = NULL, *job = NULL;
	unsigned	  waiting = 0;

	pthread_mutex_lock(&p->lock);
	for (jp = &p->in_head; *jp != NULL; jp = &(*jp)->next) {
		if (!(*jp)->dispose && waiting++ == 0)
			first = jp;
	}
	/*
	 * Only when the worker is behind: a job done here costs more than on
	 * the worker (its tree is made in this thread's heap and freed in
	 * the other's), so it pays only when the worker would not start it
	 * soon anyway.
	 */
	if (waiting >= PREP_HELP_BEHIND) {
		job = *first;
		if ((*first = job->next) == NULL)
			p->in_tail = first;
		job->next = NULL;
		p->pending--;
	}
	pthread_mutex_unlock(&p->lock);
	if (job != NULL) {
		prep_run_with(job, p->help);
		job->helped = 1;
	}
	return (job);
}

struct prep_job *
prep_done(struct prep *p)
{
	struct prep_job	*job;

	pthread_mutex_lock(&p->lock);
	if ((job = p->out_head) != NULL) {
		if ((p->out_head = job->next) == NULL)
			p->out_tail = &p->out_head;
		job->next = NULL;
		p->pending--;
	}
	pthread_mutex_unlock(&p->lock);
	if (job != NULL && job->large) {
		/* Its tree is made, and will be freed, on this thread. */
		/* (Only a listing is parsed again: sync-model.c.) */
		job->keep_body = job->blobs;
		prep_run_with(job, p->help);
		job->large = 0;
		job->helped = 1;
	}
	return (job);
}

unsigned
prep_pending(struct prep *p)
{
	unsigned	n;

	pthread_mutex_lock(&p->lock);
	n = p->pending;
	pthread_mutex_unlock(&p->lock);
	return (n);
}

static void
prep_drop_list(struct prep_job *job, void (*drop)(struct prep_job *))
{
	struct prep_job	*next;

	for (; job != NULL; job = next) {
		next = job->next;
		job->next = NULL;
		if (drop != NULL && !job->dispose)
			drop(job);
		else
			prep_job_free(job);
	}
}

void
prep_stop(struct prep *p, void (*drop)(struct prep_job *))
{
	if (p == NULL)
		return;
	if (p->threaded) {
		pthread_mutex_lock(&p->lock);
		p->stopping = 1;
		pthread_cond_signal(&p->cond);
		pthread_mutex_unlock(&p->lock);
		pthread_join(p->thread, NULL);
	}
	prep_drop_list(p->out_head, drop);
	prep_drop_list(p->in_head, drop);
	zblob_deflater_free(p->work->z);
	zblob_deflater_free(p->help->z);
	prep_work_free(p->work);
	prep_work_free(p->help);
	pthread_cond_destroy(&p->cond);
	pthread_mutex_destroy(&p->lock);
	free(p);
}
