#include "config.h"

#include "sync/import.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "codec/jlist.h"
#include "codec/json-guard.h"
#include "project/payload.h"
#include "source/file.h"
#include "store/store-meta.h"
#include "sync/ingest.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

/*
 * One file, read and checked against the budget: a model list or a
 * catalogue is kept as text and walked one element at a time (jl), as the
 * sync does, so a large one costs its text and one element; anything else
 * is parsed whole (root), within the smaller budget of a tree.
 */
struct import_doc {
	json_t			*root;
	struct jlist		 jl;
	enum payload_kind	 kind;	/* of the list; root's is classified */
	size_t			 repaired;
};

static void
import_refused(const char *path, char *why, char **cause)
{
	*cause = xasprintf(_("%s: refused: %s"), path, why);
	free(why);
}

/* Returns 0, or -1 with *cause. */
static int
import_open(const char *path, struct buf *b, struct import_doc *d,
    char **cause)
{
	struct json_guard_report rep;
	json_error_t	 err;
	char		*why = NULL, *list_why = NULL;
	size_t		 n;
	int		 rc;

	memset(d, 0, sizeof *d);
	if (file_read(path, SOURCE_MAX_BYTES, b, cause) != 0)
		return (-1);
	if (b->len == 0) {
		*cause = xasprintf(_("%s: empty file"), path);
		return (-1);
	}
	if (json_guard(b->data, b->len, &json_guard_list, &rep, &why) != 0) {
		import_refused(path, why, cause);
		return (-1);
	}
	d->repaired = json_guard_repairs(&rep);
	/* (The first element says whether it can be one: see payload.h.) */
	rc = payload_list_open(&d->jl, b->data, b->len, &d->kind, &n, 1,
	    &list_why);
	if (rc == 0 && (d->kind == PAYLOAD_CATALOGUE ||
	    d->kind == PAYLOAD_V1_MODELS))
		return (0);
	d->kind = PAYLOAD_UNKNOWN;
	/*
	 * Anything else is parsed whole, within the tree's budget (the
	 * repairs are made: this pass only counts).  A document the list
	 * walk refused and that is too large for a tree is refused with the
	 * walk's reason: it says which (invalid JSON at a byte, a list key
	 * given twice, an element over the budget).
	 */
	if (json_guard(b->data, b->len, &json_guard_tree, &rep, &why) != 0) {
		if (rc < 0) {
			free(why);
			*cause = xasprintf("%s: %s", path, list_why);
			free(list_why);
			return (-1);
		}
		import_refused(path, why, cause);
		return (-1);
	}
	free(list_why);
	if ((d->root = json_loadb(b->data, b->len, 0, &err)) == NULL) {
		*cause = xasprintf(_("%s: invalid JSON at line %d, column %d: "
		    "%s"), path, err.line, err.column, err.text);
		return (-1);
	}
	return (0);
}

int
import_scan(char **paths, size_t n, struct import_plan *plan,
    import_report_cb report, void *arg)
{
	struct buf		 b = BUF_INIT;
	struct import_file	*f;
	struct import_doc	 d;
	const json_t		*data;
	size_t			 i;

	memset(plan, 0, sizeof *plan);
	plan->files = xcalloc(n, sizeof *plan->files);
	plan->n = n;
	for (i = 0; i < n; i++) {
		f = &plan->files[i];
		f->path = xstrdup(paths[i]);
		if (import_open(paths[i], &b, &d, &f->error) != 0) {
			report(arg, f->error);
			continue;
		}
		f->size = b.len;
		f->kind = d.root != NULL ? payload_classify(d.root, &data) :
		    d.kind;
		json_decref(d.root);
		if (f->kind == PAYLOAD_UNKNOWN) {
			f->error = xasprintf(_("%s: not an OpenRouter response "
			    "orbrowse recognises"), paths[i]);
			report(arg, f->error);
			continue;
		}
		plan->usable++;
	}
	buf_free(&b);
	return (plan->usable > 0 ? 0 : -1);
}

void
import_plan_free(struct import_plan *plan)
{
	size_t	i;

	for (i = 0; i < plan->n; i++) {
		free(plan->files[i].path);
		free(plan->files[i].error);
	}
	free(plan->files);
	memset(plan, 0, sizeof *plan);
}

/*
 * Pipeline order: catalogue, keys, endpoint lists, metrics.  The catalogue
 * goes first so that v1 ids (slugs) of entries without canonical_slug can
 * be mapped to the model keys it names.
 */
static int
import_rank(enum payload_kind kind)
{
	switch (kind) {
	case PAYLOAD_CATALOGUE:
		return (0);
	case PAYLOAD_V1_MODELS:
		return (1);
	case PAYLOAD_STATS_ENDPOINTS:
		return (2);
	case PAYLOAD_V1_ENDPOINTS:
		return (3);
	case PAYLOAD_COMPARISON:
	case PAYLOAD_UPTIME_RECENT:
	case PAYLOAD_UPTIME_HOURLY:
		return (4);
	default:
		return (5);
	}
}

/* The file name of path, without its directories. */
static const char *
import_base(const char *path)
{
	const char	*base;

	base = strrchr(path, '/');
	return (base != NULL ? base + 1 : path);
}

/* Find a uuid (8-4-4-4-12 hex) in the base name of path. */
static char *
import_uuid_in_name(const char *path)
{
	static const int	 groups[] = { 8, 4, 4, 4, 12 };
	const char		*base, *p, *q;
	int			 g, k;

	base = import_base(path);
	for (p = base; *p != '\0'; p++) {
		q = p;
		for (g = 0; g < 5; g++) {
			for (k = 0; k < groups[g]; k++, q++) {
				if (!isxdigit((unsigned char)*q))
					break;
			}
			if (k != groups[g])
				break;
			if (g < 4 && *q++ != '-')
				break;
		}
		if (g == 5 && !isxdigit((unsigned char)*q))
			return (xstrndup(p, 36));
	}
	return (NULL);
}

/*
 * The model an app list is for: its content does not say, its file name
 * may (a model the store knows, see store_model_in_name()).
 */
static char *
import_model_in_name(struct store *store, enum payload_kind kind,
    const char *path)
{
	char	*key = NULL, *why = NULL;

	if (kind != PAYLOAD_APPS)
		return (NULL);
	if (store_model_in_name(store, import_base(path), &key, &why) != 0)
		free(why);
	return (key);
}

static const char *
import_metric_in_name(const char *path)
{
	const char	*base;

	base = import_base(path);
	if (strstr(base, "latency") != NULL)
		return ("latency");
	if (strstr(base, "throughput") != NULL)
		return ("throughput");
	return (NULL);
}

int
import_run(struct store *store, const struct import_plan *plan,
    struct import_result *res, import_report_cb report, void *arg,
    char **cause)
{
	struct ingest		*ig;
	struct ingest_stats	 is;
	struct ingest_hint	 hint;
	struct buf		 b = BUF_INIT;
	const struct import_file *f;
	struct import_doc	 d;
	enum payload_kind	 kind;
	char			*why, *uuid, *key;
	const char		*status;
	size_t			 i;
	int			 rank;

	memset(res, 0, sizeof *res);
	if (ingest_begin(store, "import", "files", 0, &ig, cause) != 0)
		return (-1);
	ingest_stats(ig, &is);
	res->run_id = is.run_id;
	/* Files that failed the scan are part of this run's record. */
	for (i = 0; i < plan->n; i++) {
		if (plan->files[i].error != NULL) {
			ingest_error(ig, "%s", plan->files[i].error);
			res->files_failed++;
		}
	}
	for (rank = 0; rank <= 5; rank++) {
		for (i = 0; i < plan->n; i++) {
			f = &plan->files[i];
			if (f->error != NULL || import_rank(f->kind) != rank)
				continue;
			why = NULL;
			if (import_open(f->path, &b, &d, &why) != 0) {
				ingest_error(ig, "%s", why);
				report(arg, why);
				free(why);
				res->files_failed++;
				continue;
			}
			ingest_account(ig, b.len, 1);
			ingest_warn_repaired(ig, d.repaired, f->path);
			memset(&hint, 0, sizeof hint);
			hint.origin = f->path;
			hint.metric = import_metric_in_name(f->path);
			uuid = import_uuid_in_name(f->path);
			hint.endpoint_id = uuid;
			key = import_model_in_name(store, f->kind, f->path);
			hint.model_key = key;
			switch (d.root != NULL ? ingest_payload(ig, d.root,
			    &hint, &kind, &why) : ingest_list(ig, &d.jl, d.kind,
			    &hint, &why)) {
			case 0:
				res->files_ok++;
				break;
			case 1:
				if (why != NULL)
					report(arg, why);
				res->files_skipped++;
				break;
			default:
				report(arg, why);
				res->files_failed++;
				break;
			}
			free(why);
			free(uuid);
			free(key);
			json_decref(d.root);
		}
	}
	buf_free(&b);

	ingest_stats(ig, &is);
	if (res->files_failed == 0 && is.groups_lost == 0)
		status = "ok";
	else if (res->files_ok > 0)
		status = "partial";
	else
		status = "failed";
	if (plan->sweep && strcmp(status, "ok") == 0) {
		int64_t	swept;

		why = NULL;
		if (ingest_tombstone(ig, &swept, &why) != 0) {
			ingest_error(ig, "%s", why != NULL ? why : "?");
			status = "partial";
		}
		free(why);
	}
	why = NULL;
	if (ingest_finish(ig, status, res->status, sizeof res->status, &is,
	    &why) != 0) {
		*cause = why;
		return (-1);
	}
	res->models = is.models_done;
	res->endpoints = is.endpoints;
	res->blobs_new = is.blobs_new;
	res->bytes_raw = is.bytes_raw;
	res->bytes_gz = is.bytes_gz;
	res->metrics = is.metrics;
	res->warnings = is.warnings;
	if (why != NULL && report != NULL)
		report(arg, why);
	free(why);
	return (0);
}
