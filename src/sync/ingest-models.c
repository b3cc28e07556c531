/*
 * ingest-models: the model list (/api/v1/models) and the catalogue, one
 * entry per model key, walked as a tree or as text (codec/jlist.h).
 */
#include "config.h"

#include "sync/ingest.h"

#include <stdlib.h>
#include <string.h>

#include "project/endpoint.h"
#include "project/ep-change.h"
#include "project/model.h"
#include "project/model-key.h"
#include "store/store-changelog.h"
#include "sync/ingest-private.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

const char *
ingest_str(const json_t *obj, const char *key)
{
	return (json_string_value(json_object_get(obj, key)));
}

/* Replace *key (a v1 id) by the model key the directory maps it to. */
static int
ingest_v1_key(struct ingest *ig, char **key, char **cause)
{
	char	**keys;
	size_t	  n;

	if (store_model_alias(ig->store, *key, &keys, &n, cause) != 0)
		return (-1);
	if (n == 1 && strcmp(keys[0], *key) != 0) {
		free(*key);
		*key = xstrdup(keys[0]);
	}
	store_strv_free(keys, n);
	return (0);
}

char *
ingest_v1_model_key(struct ingest *ig, const json_t *entry, char **cause)
{
	char	*key;

	if ((key = model_key_from_v1(entry)) == NULL)
		return (NULL);
	if (json_object_get(entry, "canonical_slug") == NULL &&
	    ingest_v1_key(ig, &key, cause) != 0) {
		free(key);
		return (NULL);
	}
	return (key);
}

/*
 * What the entry says of the model, into the directory (after
 * store_model_put), in the caller's transaction.
 */
static int
ingest_model_info(struct ingest *ig, const json_t *entry, int catalogue,
    const char *key, const char *v1_id, char **cause)
{
	struct model_row	m;
	unsigned		w = 0;
	int			rc;

	model_row_init(&m);
	if (model_project(entry, catalogue, key, &m, &w) != 0)
		return (0);
	if (catalogue && v1_id != NULL)
		m.model_id = xstrdup(v1_id);
	ig->run.warnings += w;
	rc = store_model_info_put(ig->store, &m, catalogue, cause);
	model_row_clear(&m);
	return (rc);
}

/* One /api/v1/models entry. */
static int
ingest_v1_model(struct ingest *ig, const json_t *entry, char **cause)
{
	char	 hash[HASH_HEX_LEN + 1], expiry[11];
	char	*key;
	int	 rc = -1;

	/*
	 * Before canonical_slug existed (mid-2025) the v1 id was only a slug;
	 * the catalogue's model directory knows which key it stands for.
	 */
	if ((key = ingest_v1_model_key(ig, entry, cause)) == NULL) {
		if (*cause != NULL)
			return (-1);
		ingest_warn(ig, 1, _("a model of /api/v1/models left out: no "
		    "usable id"));
		return (0);
	}
	if (ingest_txn_begin(ig, cause) != 0)
		goto out;
	if (ingest_blob(ig, entry, NULL, 0, NULL, hash, cause) != 0 ||
	    store_model_snapshot_put(ig->store, ig->run.id, key, "v1", hash,
	    cause) != 0 ||
	    store_model_put(ig->store, key, ingest_str(entry, "id"),
	    ingest_str(entry, "name"), ig->run.id, cause) != 0 ||
	    ingest_model_info(ig, entry, 0, key, NULL, cause) != 0 ||
	    store_changelog_expiry(ig->store, ig->run.id, key,
	    ep_change_expiry(entry, expiry) ? expiry : NULL, cause) != 0) {
		ingest_rollback(ig);
		goto out;
	}
	if (!ig->caller_counts)
		ig->run.models_done++;
	rc = ingest_txn_commit(ig, cause);
out:
	free(key);
	return (rc);
}

/* One catalogue entry and its featured endpoint. */
static int
ingest_catalogue_entry(struct ingest *ig, const json_t *entry, char **cause)
{
	struct ep_context	 ctx;
	const json_t		*endpoint;
	const char		*slug, *variant, *name;
	char			 hash[HASH_HEX_LEN + 1];
	char			*key, *v1_id = NULL;
	size_t			 nfeatured;
	int			 rc = -1;

	if ((key = model_key_from_catalogue(entry)) == NULL) {
		ingest_warn(ig, 1, _("a catalogue entry left out: no model "
		    "key"));
		return (0);
	}
	nfeatured = ig->nfeatured;
	endpoint = json_object_get(entry, "endpoint");
	name = ingest_str(entry, "name");
	slug = ingest_str(entry, "slug");
	if (slug != NULL) {
		variant = json_is_object(endpoint) ?
		    ingest_str(endpoint, "variant") : NULL;
		v1_id = model_key_make(slug, variant);
	}
	if (ingest_txn_begin(ig, cause) != 0)
		goto out;
	if (ingest_blob(ig, entry, NULL, 0, NULL, hash, cause) != 0 ||
	    store_model_snapshot_put(ig->store, ig->run.id, key, "catalogue",
	    hash, cause) != 0 ||
	    store_model_put(ig->store, key, v1_id, name, ig->run.id,
	    cause) != 0 ||
	    ingest_model_info(ig, entry, 1, key, v1_id, cause) != 0)
		goto fail;
	if (json_is_object(endpoint)) {
		memset(&ctx, 0, sizeof ctx);
		ctx.model_key = key;
		ctx.model_name = name;
		ctx.input_modalities = json_object_get(entry,
		    "input_modalities");
		if (ingest_featured_add(ig, endpoint, &ctx, hash, cause) != 0)
			goto fail;
	}
	if (!ig->caller_counts)
		ig->run.models_done++;
	if ((rc = ingest_txn_commit(ig, cause)) != 0)
		ingest_featured_truncate(ig, nfeatured);
	goto out;
fail:
	ingest_rollback(ig);
	ingest_featured_truncate(ig, nfeatured);
out:
	free(v1_id);
	free(key);
	return (rc);
}

/*
 * Choosing one entry per model key.  Lists can name a key twice (a retired
 * catalogue entry beside the live one, two v1 slugs of one model); storing
 * both would write a snapshot that the second replaces, leaving a blob that
 * retention deletes and the next run writes again.  The winner is chosen
 * from the whole list: the entry with an endpoint, else the last one.
 */
struct ingest_pick {
	char	*key;
	size_t	 idx;
	int	 rank;
};

static int
ingest_pick_cmp(const void *a, const void *b)
{
	const struct ingest_pick	*x = a, *y = b;
	int				 c;

	if ((c = strcmp(x->key, y->key)) != 0)
		return (c);
	if (x->rank != y->rank)
		return (x->rank < y->rank ? -1 : 1);
	return (x->idx < y->idx ? -1 : x->idx > y->idx);
}

static char *
ingest_key_catalogue(struct ingest *ig, const json_t *entry, int *rank,
    char **cause)
{
	(void)ig;
	(void)cause;
	return (model_key_catalogue_ranked(entry, rank));
}

static char *
ingest_key_v1(struct ingest *ig, const json_t *entry, int *rank,
    char **cause)
{
	*rank = 0;
	return (ingest_v1_model_key(ig, entry, cause));
}

static size_t
ingest_src_size(const struct ingest_src *src)
{
	return (src->jl != NULL ? src->jl->count : json_array_size(src->array));
}

static int
ingest_src_each(const struct ingest_src *src, jlist_fn fn, void *arg,
    char **cause)
{
	const json_t	*entry;
	size_t		 i;
	int		 rc;

	if (src->jl != NULL)
		return (jlist_each(src->jl, fn, arg, cause));
	json_array_foreach(src->array, i, entry) {
		if ((rc = fn(entry, i, arg)) != 0)
			return (rc);
	}
	return (0);
}

struct ingest_walk {
	struct ingest		 *ig;
	char			*(*keyfn)(struct ingest *, const json_t *, int *,
				     char **);
	int			(*fn)(struct ingest *, const json_t *, char **);
	struct ingest_pick	 *picks;
	size_t			  npicks;
	unsigned char		 *skip;
	char			**cause;
};

static int
ingest_pick_one(const json_t *entry, size_t i, void *arg)
{
	struct ingest_walk	*w = arg;
	struct ingest_pick	*p = &w->picks[w->npicks];
	int			 rank;

	if (!json_is_object(entry))
		return (0);
	if ((p->key = w->keyfn(w->ig, entry, &rank, w->cause)) == NULL)
		return (*w->cause != NULL ? -1 : 0);
	p->idx = i;
	p->rank = rank;
	w->npicks++;
	return (0);
}

/* skip[i] is set for every entry that loses to another with its key. */
static int
ingest_pick(struct ingest_walk *w, const struct ingest_src *src)
{
	size_t	i;
	int	rc;

	w->picks = xcalloc(ingest_src_size(src) + 1, sizeof *w->picks);
	w->npicks = 0;
	if (src->keys != NULL && src->keys->n == ingest_src_size(src)) {
		/* Made as the list was checked, the way keyfn makes them. */
		for (i = 0, rc = 0; i < src->keys->n; i++) {
			if (src->keys->key[i] == NULL)
				continue;
			w->picks[w->npicks].key = xstrdup(src->keys->key[i]);
			w->picks[w->npicks].idx = i;
			w->picks[w->npicks].rank = src->keys->rank[i];
			w->npicks++;
		}
	} else
		rc = ingest_src_each(src, ingest_pick_one, w, w->cause);
	if (rc == 0) {
		qsort(w->picks, w->npicks, sizeof *w->picks, ingest_pick_cmp);
		for (i = 0; i + 1 < w->npicks; i++) {
			if (strcmp(w->picks[i].key, w->picks[i + 1].key) == 0)
				w->skip[w->picks[i].idx] = 1;
		}
	}
	for (i = 0; i < w->npicks; i++)
		free(w->picks[i].key);
	free(w->picks);
	w->picks = NULL;
	return (rc != 0 ? -1 : 0);
}

static int
ingest_each_one(const json_t *entry, size_t i, void *arg)
{
	struct ingest_walk	*w = arg;

	if (!json_is_object(entry)) {
		ingest_warn(w->ig, 1, _("model list entry %zu left out: not an "
		    "object"), i);
		return (0);
	}
	if (w->skip[i])
		return (0);
	return (w->fn(w->ig, entry, w->cause));
}

static int
ingest_array_each(struct ingest *ig, const struct ingest_src *src,
    int (*fn)(struct ingest *, const json_t *, char **),
    char *(*keyfn)(struct ingest *, const json_t *, int *, char **),
    char **cause)
{
	struct ingest_walk	w;
	int			rc;

	memset(&w, 0, sizeof w);
	w.ig = ig;
	w.fn = fn;
	w.keyfn = keyfn;
	w.cause = cause;
	w.skip = xcalloc(ingest_src_size(src) + 1, 1);
	if ((rc = ingest_pick(&w, src)) == 0)
		rc = ingest_src_each(src, ingest_each_one, &w, cause);
	free(w.skip);
	return (rc);
}

/* The model list or the catalogue, either as a tree or as a jlist. */
int
ingest_list_src(struct ingest *ig, enum payload_kind kind,
    const struct ingest_src *src, char **why)
{
	if (!ig->caller_counts)
		ig->run.models_total += (int64_t)ingest_src_size(src);
	if (kind == PAYLOAD_V1_MODELS)
		return (ingest_array_each(ig, src, ingest_v1_model,
		    ingest_key_v1, why));
	return (ingest_array_each(ig, src, ingest_catalogue_entry,
	    ingest_key_catalogue, why));
}

int
ingest_list(struct ingest *ig, const struct jlist *jl, enum payload_kind kind,
    const struct ingest_hint *hint, char **cause)
{
	struct ingest_src	 src;
	char			*why = NULL;
	int			 rc;

	if (kind != PAYLOAD_V1_MODELS && kind != PAYLOAD_CATALOGUE)
		return (ingest_result(ig, hint->origin != NULL ? hint->origin :
		    "?", -1, xstrdup(_("not a model list")), cause));
	src.array = NULL;
	src.jl = jl;
	src.keys = kind == PAYLOAD_CATALOGUE ? hint->keys : NULL;
	rc = ingest_list_src(ig, kind, &src, &why);
	return (ingest_result(ig, hint->origin != NULL ? hint->origin : "?",
	    rc, why, cause));
}
