/*
 * screen-inspect: the snapshot inspector -- the stored JSON of an endpoint
 * listing or a model, pretty-printed with colours and folds, its history
 * across runs and a diff against the previous distinct snapshot.
 *
 * The entity's snapshots (one per run that stored a row) are listed once
 * from store-history and again when ui->generation moves; only the shown
 * snapshot's document is kept in memory, laid out by json-lines.  The diff
 * view holds the operations json-diff made.  A blob that is missing,
 * corrupt or does not match its hash leaves the document NULL and its
 * cause on the screen; the other runs stay reachable with [ and ].
 *
 * The JSON comes from the network: every piece of it is drawn through
 * ui_text(), and the lines and texts are bounded by json-lines and
 * json-diff, so a hostile document costs no more than a few screens.
 * The drawing is in screen-inspect-draw.c, the state the two files share
 * in screen-inspect-private.h.
 */
#include "config.h"

#include "ui/screens.h"

#include <sys/stat.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "codec/jarena.h"
#include "store/store-history.h"
#include "codec/json-diff.h"
#include "codec/json-lines.h"
#include "ui/list.h"
#include "ui/screen-inspect-private.h"
#include "ui/ui-snapshot.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/xmalloc.h"

#define INSPECT_HSTEP	8	/* columns per left / right */
#define INSPECT_HMAX	8192	/* the farthest right one can scroll */
/*
 * Lines laid out per document: thousands of screens, and a few MB however
 * large the document (a million-element array shows its first members and
 * a note of how many more there are).
 */
#define INSPECT_MAX_LINES 100000

/* A page down shows the next page, the cursor keeping its place. */
#define INSPECT_LIST	(LIST_FILL | LIST_PAGE_VIEW)

static const struct ui_keyhelp inspect_help[] = {
	{ "Enter Space", N_("fold or unfold the object or array") },
	{ "z Z", N_("fold everything / unfold everything") },
	{ "/", N_("search") },
	{ "n N", N_("next / previous match") },
	{ "[ ]", N_("the previous / next run's snapshot") },
	{ "d", N_("diff against the previous distinct snapshot") },
	{ "Enter (diff)", N_("show the change's path in the document") },
	{ "w", N_("write the JSON to a file") },
	{ "j k arrows", N_("move") },
	{ "h l", N_("scroll left / right") },
	{ "PgUp PgDn g G", N_("page, first, last") },
	{ "Esc q", N_("back (from the diff: to the document)") },
	{ NULL, NULL }
};

/* ------------------------------------------------------------ loading */

static void
inspect_diff_clear(struct inspect *in)
{
	json_diff_free(in->ops, in->nops);
	in->ops = NULL;
	in->nops = 0;
	in->ops_cut = 0;
}

/* Show snapshot at (an index into hist). */
static void
inspect_load(struct ui *ui, struct inspect *in, size_t at)
{
	char	*cause = NULL;

	json_lines_free(in->jl);
	in->jl = NULL;
	json_decref(in->root);
	free(in->error);
	in->error = NULL;
	in->at = at;
	in->root = ui_snapshot_doc(ui->store, in->hist[at].hash, in->endpoint_id, &cause);
	if (in->root == NULL)
		in->error = cause;
	else
		in->jl = json_lines_new(in->root, INSPECT_MAX_LINES);
}

/* (Re)read the list of snapshots; 0, or -1 with *cause. */
static int
inspect_history(struct ui *ui, struct inspect *in, char **cause)
{
	struct snap_hist	*hist;
	size_t			 n;
	int			 rc;

	if (in->endpoint_id != NULL)
		rc = store_endpoint_history(ui->store, in->endpoint_id,
		    in->model_key, &hist, &n, cause);
	else
		rc = store_model_history(ui->store, in->model_key, in->kind,
		    &hist, &n, cause);
	if (rc != 0)
		return (-1);
	snap_hist_free(in->hist, in->nhist);
	in->hist = hist;
	in->nhist = n;
	in->generation = ui->generation;
	return (0);
}

/* The previous snapshot with another hash than the shown one, or NONE. */
static size_t
inspect_prev_distinct(const struct inspect *in)
{
	size_t	k = in->at;

	while (k > 0) {
		k--;
		if (strcmp(in->hist[k].hash, in->hist[in->at].hash) != 0)
			return (k);
	}
	return (JSON_LINES_NONE);
}

/* Compute the diff of the shown snapshot; 0, or -1 with a message. */
static int
inspect_diff(struct ui *ui, struct inspect *in)
{
	json_t	*old;
	char	*cause = NULL;
	size_t	 k;

	inspect_diff_clear(in);
	if (in->root == NULL) {
		ui_message(ui, 1, "%s", _("this snapshot cannot be read, so "
		    "there is nothing to compare"));
		return (-1);
	}
	if ((k = inspect_prev_distinct(in)) == JSON_LINES_NONE) {
		ui_message(ui, 0, "%s", _("no earlier snapshot differs from "
		    "this one"));
		return (-1);
	}
	if ((old = ui_snapshot_doc(ui->store, in->hist[k].hash,
	    in->endpoint_id, &cause)) == NULL) {
		ui_message(ui, 1, _("run %lld: %s"),
		    (long long)in->hist[k].run_id, cause);
		free(cause);
		return (-1);
	}
	in->ops_cut = json_diff(old, in->root, &in->ops, &in->nops);
	json_decref(old);
	in->diff_old = in->hist[k];
	in->diff_new = in->hist[in->at];
	in->view[INSPECT_DIFF].list.cur = in->view[INSPECT_DIFF].list.top = 0;
	in->view[INSPECT_DIFF].hs = 0;
	return (0);
}

static void
inspect_free(struct inspect *in)
{
	free(in->endpoint_id);
	free(in->model_key);
	free(in->kind);
	snap_hist_free(in->hist, in->nhist);
	json_lines_free(in->jl);
	json_decref(in->root);
	free(in->error);
	inspect_diff_clear(in);
	free(in->search);
	jl_text_free(&in->text);
	buf_free(&in->status);
	free(in);
}

/*
 * Show the newest snapshot, or with run_id (a change record's run) the
 * snapshot that run stored and its diff: exactly what the run changed.  A
 * run that stored none (the listing went away) shows the snapshot before.
 */
static void
inspect_open_run(struct ui *ui, struct inspect *in, int64_t run_id)
{
	size_t	at = in->nhist - 1;

	while (run_id != 0 && at > 0 && in->hist[at].run_id > run_id)
		at--;
	inspect_load(ui, in, at);
	if (run_id != 0 && in->hist[at].run_id == run_id &&
	    inspect_diff(ui, in) == 0)
		in->mode = INSPECT_DIFF;
}

void *
screen_inspect_new(struct ui *ui, const struct screen_arg *arg)
{
	const char	*endpoint_id = arg->endpoint_id;
	const char	*model_key = arg->model_key;
	struct inspect	*in;
	struct snap_ref	*refs = NULL;
	char		*cause = NULL;
	size_t		 n = 0, i;

	if (endpoint_id == NULL && model_key == NULL)
		return (NULL);
	in = xcalloc(1, sizeof *in);
	in->view[INSPECT_JSON].list.flags = INSPECT_LIST;
	in->view[INSPECT_DIFF].list.flags = INSPECT_LIST;
	if (endpoint_id != NULL) {
		in->endpoint_id = xstrdup(endpoint_id);
		/* Without a model key, the listing stored most recently. */
		if (model_key == NULL) {
			if (store_endpoint_snapshot_find(ui->store, endpoint_id,
			    NULL, 0, &refs, &n, &cause) != 0)
				goto fail;
			if (n > 0)
				in->model_key = xstrdup(refs[0].model_key);
		} else
			in->model_key = xstrdup(model_key);
	} else {
		in->model_key = xstrdup(model_key);
		/* The catalogue entry is the richer document: prefer it. */
		if (store_model_snapshot_find(ui->store, model_key, NULL, 0,
		    &refs, &n, &cause) != 0)
			goto fail;
		for (i = 0; i < n; i++) {
			if (strcmp(refs[i].kind, "catalogue") == 0)
				break;
		}
		if (n > 0)
			in->kind = xstrdup(refs[i < n ? i : 0].kind);
	}
	if (in->model_key != NULL && (in->endpoint_id != NULL ||
	    in->kind != NULL) && inspect_history(ui, in, &cause) != 0)
		goto fail;
	if (in->nhist == 0) {
		ui_message(ui, 1, _("no snapshot of %s is stored"),
		    endpoint_id != NULL ? endpoint_id : model_key);
		goto out;
	}
	snap_ref_list_free(refs, n);
	inspect_open_run(ui, in, arg->run_id);
	return (in);
fail:
	ui_message(ui, 1, "%s", cause);
	free(cause);
out:
	snap_ref_list_free(refs, n);
	inspect_free(in);
	return (NULL);
}

static void
inspect_leave(struct screen *s)
{
	inspect_free(s->data);
}

/* ------------------------------------------------------------ searching */

/* The text of row i of the current view, for searching. */
static const char *
inspect_row_text(struct screen *s, size_t i, size_t *len)
{
	struct inspect	*in = s->data;

	if (in->mode == INSPECT_DIFF)
		inspect_op_text(s->ui, &in->ops[i], &in->text.buf);
	else
		json_lines_text(in->jl, i, inspect_ellipsis(s->ui),
		    &in->text);
	*len = in->text.buf.len;
	return (buf_str(&in->text.buf));
}

/*
 * Move to the next (dir 1) or previous (dir -1) match after the cursor,
 * wrapping.  In the document every line counts, folded or not: a match
 * inside a fold unfolds it.
 */
static void
inspect_find(struct screen *s, int dir)
{
	struct inspect		*in = s->data;
	struct inspect_view	*v = &in->view[in->mode];
	const char		*text;
	size_t			 n, from, i, k, len;

	if (in->search == NULL || *in->search == '\0') {
		ui_message(s->ui, 0, "%s", _("no search yet: press /"));
		return;
	}
	if (in->mode == INSPECT_DIFF) {
		n = in->nops;
		from = v->list.cur;
	} else {
		if (in->jl == NULL) {
			ui_message(s->ui, 1, "%s", _("this snapshot cannot be "
			    "read: nothing to search"));
			return;
		}
		n = in->jl->n;
		from = in->jl->nvis > 0 ? in->jl->vis[v->list.cur] : 0;
	}
	for (k = 1; k <= n; k++) {
		i = dir > 0 ? (from + k) % n : (from + n - k % n) % n;
		text = inspect_row_text(s, i, &len);
		if (!json_lines_match(text, len, in->search))
			continue;
		if (in->mode == INSPECT_DIFF)
			v->list.cur = i;
		else {
			json_lines_reveal(in->jl, i);
			v->list.cur = json_lines_vis_pos(in->jl, i);
		}
		if ((dir > 0 && i <= from) || (dir < 0 && i >= from))
			ui_message(s->ui, 0, "%s", _("search wrapped"));
		return;
	}
	ui_message(s->ui, 1, _("not found: %s"), in->search);
}

static void
inspect_search(struct screen *s)
{
	struct inspect	*in = s->data;
	char		*text;

	text = ui_prompt(s->ui, "/", NULL, NULL, NULL);
	if (text == NULL)
		return;
	free(in->search);
	in->search = NULL;
	if (*text == '\0') {
		free(text);
		return;
	}
	in->search = text;
	inspect_find(s, 1);
}

/* ------------------------------------------------------------ writing */

/* The document as the file gets it (ui_save). */
static int
inspect_fill(void *arg, struct buf *out)
{
	struct screen	*s = arg;
	struct inspect	*in = s->data;
	char		*text;

	text = json_text(in->root, JSON_INDENT(2) | JSON_SORT_KEYS |
	    JSON_ENCODE_ANY | JSON_REAL_PRECISION(17));
	if (text == NULL) {
		ui_message(s->ui, 1, "%s", _("cannot format the JSON"));
		return (-1);
	}
	/* Escaped so that the file is safe to cat, yet the same document. */
	json_lines_safe(out, text);
	free(text);
	buf_addch(out, '\n');
	return (0);
}

static void
inspect_write(struct screen *s)
{
	struct inspect	*in = s->data;
	char		*name;

	if (in->root == NULL) {
		ui_message(s->ui, 1, "%s", _("this snapshot cannot be read: "
		    "nothing to write"));
		return;
	}
	name = ui_save_name(in->endpoint_id != NULL ? in->endpoint_id :
	    in->model_key, ".json");
	ui_save(s->ui, _("write the JSON to: "), name, inspect_fill, s);
	free(name);
}

/* ------------------------------------------------------------ keys */

/* The document line that a JSON Pointer names, or its deepest existing
 * ancestor shown in the layout; NONE when there is none. */
static size_t
inspect_pointer_line(const struct inspect *in, const char *path)
{
	const json_t	*chain[JSON_LINES_MAX_DEPTH + 2];
	size_t		 n, i, best = JSON_LINES_NONE;
	int		 k, bestk = -1;

	n = ui_snapshot_pointer(in->root, path, chain,
	    sizeof chain / sizeof chain[0]);
	for (i = 0; i < in->jl->n; i++) {
		if (in->jl->line[i].kind == JL_CLOSE)
			continue;
		for (k = (int)n - 1; k > bestk; k--) {
			if (in->jl->line[i].value == chain[k]) {
				bestk = k;
				best = i;
				break;
			}
		}
	}
	return (best);
}

/* Show the shown diff operation's path in the document. */
static void
inspect_goto_op(struct screen *s)
{
	struct inspect	*in = s->data;
	size_t		 idx;

	if (in->nops == 0 || in->jl == NULL) {
		in->mode = INSPECT_JSON;
		return;
	}
	idx = inspect_pointer_line(in, in->ops[in->view[INSPECT_DIFF].list.cur].path);
	in->mode = INSPECT_JSON;
	if (idx == JSON_LINES_NONE)
		return;
	json_lines_reveal(in->jl, idx);
	in->view[INSPECT_JSON].list.cur = json_lines_vis_pos(in->jl, idx);
}

static void
inspect_fold(struct inspect *in, int all, int folded)
{
	struct inspect_view	*v = &in->view[INSPECT_JSON];
	struct jl_line		*l;
	size_t			 idx;

	if (in->jl == NULL || in->jl->nvis == 0)
		return;
	idx = in->jl->vis[v->list.cur];
	if (all)
		json_lines_fold_all(in->jl, folded);
	else {
		l = &in->jl->line[idx];
		/* On a closing bracket or a member, the enclosing container. */
		if (l->kind == JL_CLOSE)
			idx = l->match;
		else if (l->kind != JL_OPEN && l->parent != JSON_LINES_NONE)
			idx = l->parent;
		l = &in->jl->line[idx];
		if (l->kind == JL_OPEN)
			json_lines_fold(in->jl, idx, !l->folded);
	}
	v->list.cur = json_lines_vis_pos(in->jl, idx);
}

/* Go to the snapshot of another run: step -1 earlier, 1 later. */
static void
inspect_step(struct screen *s, int step)
{
	struct inspect	*in = s->data;
	size_t		 at = in->at;

	if (step < 0 && at == 0) {
		ui_message(s->ui, 0, "%s", _("this is the oldest stored "
		    "snapshot"));
		return;
	}
	if (step > 0 && at + 1 >= in->nhist) {
		ui_message(s->ui, 0, "%s", _("this is the newest stored "
		    "snapshot"));
		return;
	}
	at = step < 0 ? at - 1 : at + 1;
	inspect_load(s->ui, in, at);
	if (in->mode == INSPECT_DIFF && inspect_diff(s->ui, in) != 0)
		in->mode = INSPECT_JSON;
}

static int
inspect_key(struct screen *s, int ch)
{
	struct inspect		*in = s->data;
	struct inspect_view	*v = &in->view[in->mode];
	size_t			 n;

	n = in->mode == INSPECT_DIFF ? in->nops : (in->jl != NULL ?
	    in->jl->nvis : 0);
	/* Keys typed ahead arrive before the next draw clamps the cursor,
	 * and [ or ] may have shown a shorter document. */
	if (v->list.cur >= n)
		v->list.cur = n > 0 ? n - 1 : 0;
	/* ^F and ^B page too, as in less(1). */
	if (list_key(&v->list, n, ch == 6 ? KEY_NPAGE : ch == 2 ? KEY_PPAGE :
	    ch))
		return (UI_REDRAW);
	switch (ch) {
	case KEY_LEFT:
	case 'h':
		v->hs = v->hs > INSPECT_HSTEP ? v->hs - INSPECT_HSTEP : 0;
		break;
	case KEY_RIGHT:
	case 'l':
		if (v->hs + INSPECT_HSTEP <= INSPECT_HMAX)
			v->hs += INSPECT_HSTEP;
		break;
	case '\r':
	case '\n':
	case KEY_ENTER:
		if (in->mode == INSPECT_DIFF)
			inspect_goto_op(s);
		else
			inspect_fold(in, 0, 0);
		break;
	case ' ':
		if (in->mode == INSPECT_JSON)
			inspect_fold(in, 0, 0);
		break;
	case 'z':
	case 'Z':
		if (in->mode == INSPECT_JSON)
			inspect_fold(in, 1, ch == 'z');
		break;
	case '/':
		inspect_search(s);
		break;
	case 'n':
		inspect_find(s, 1);
		break;
	case 'N':
		inspect_find(s, -1);
		break;
	case '[':
		inspect_step(s, -1);
		break;
	case ']':
		inspect_step(s, 1);
		break;
	case 'd':
		if (in->mode == INSPECT_DIFF)
			in->mode = INSPECT_JSON;
		else if (inspect_diff(s->ui, in) == 0)
			in->mode = INSPECT_DIFF;
		break;
	case 'w':
		inspect_write(s);
		break;
	case 'q':
	case 27:
		if (in->mode == INSPECT_DIFF) {
			in->mode = INSPECT_JSON;
			break;
		}
		return (UI_BACK);
	default:
		return (UI_UNHANDLED);
	}
	return (UI_REDRAW);
}

/*
 * A sync may have added runs: list the snapshots again and keep the shown
 * one.  Retention may have pruned its row; it stays in the list (and on
 * the screen) until the user moves away.
 */
static int
inspect_tick(struct screen *s)
{
	struct inspect		*in = s->data;
	struct snap_hist	 shown;
	char			*cause = NULL;
	size_t			 i;

	if (in->generation == s->ui->generation)
		return (UI_NONE);
	shown = in->hist[in->at];
	if (inspect_history(s->ui, in, &cause) != 0) {
		in->generation = s->ui->generation;
		ui_message(s->ui, 1, "%s", cause);
		free(cause);
		return (UI_REDRAW);
	}
	for (i = 0; i < in->nhist; i++) {
		if (in->hist[i].run_id >= shown.run_id)
			break;
	}
	if (i == in->nhist || in->hist[i].run_id != shown.run_id) {
		in->hist = xreallocarray(in->hist, in->nhist + 1,
		    sizeof *in->hist);
		memmove(&in->hist[i + 1], &in->hist[i], (in->nhist - i) *
		    sizeof *in->hist);
		in->hist[i] = shown;
		in->nhist++;
	}
	in->at = i;
	return (UI_REDRAW);
}

/* One line's place in the document as a JSON Pointer (RFC 6901). */
static void
inspect_pointer_of(const struct json_lines *jl, size_t idx, struct buf *b)
{
	const struct jl_line	*l;
	struct buf		 seg = BUF_INIT;
	char			 num[32];
	size_t			 i, n;
	char			**segs = NULL;
	size_t			 nsegs = 0;

	if (jl->line[idx].kind == JL_CLOSE &&
	    jl->line[idx].match != JSON_LINES_NONE)
		idx = jl->line[idx].match;
	while (idx != JSON_LINES_NONE && jl->line[idx].depth > 0) {
		l = &jl->line[idx];
		buf_reset(&seg);
		if (l->key != NULL) {
			for (i = 0; i < l->keylen; i++) {
				if (l->key[i] == '~')
					buf_addstr(&seg, "~0");
				else if (l->key[i] == '/')
					buf_addstr(&seg, "~1");
				else
					buf_addch(&seg, l->key[i]);
			}
		} else if (l->parent != JSON_LINES_NONE &&
		    json_is_array(jl->line[l->parent].value)) {
			n = json_array_size(jl->line[l->parent].value);
			for (i = 0; i < n; i++) {
				if (json_array_get(jl->line[l->parent].value,
				    i) == l->value)
					break;
			}
			snprintf(num, sizeof num, "%zu", i);
			buf_addstr(&seg, num);
		}
		segs = xreallocarray(segs, nsegs + 1, sizeof *segs);
		segs[nsegs++] = xstrdup(buf_str(&seg));
		idx = l->parent;
	}
	buf_reset(b);
	for (i = nsegs; i > 0; i--) {
		buf_addch(b, '/');
		buf_addstr(b, segs[i - 1]);
		free(segs[i - 1]);
	}
	free(segs);
	buf_free(&seg);
}

/* 'y': the JSON Pointer of the line or of the change under the cursor. */
static const char *
inspect_copy(struct screen *s, const char **what)
{
	struct inspect		*in = s->data;
	struct inspect_view	*v;

	*what = N_("JSON path");
	if (in->mode == INSPECT_DIFF) {
		v = &in->view[INSPECT_DIFF];
		if (v->list.cur >= in->nops)
			return (NULL);
		buf_reset(&in->status);
		buf_addstr(&in->status, in->ops[v->list.cur].path);
	} else {
		v = &in->view[INSPECT_JSON];
		if (in->jl == NULL || v->list.cur >= in->jl->nvis)
			return (NULL);
		inspect_pointer_of(in->jl, in->jl->vis[v->list.cur],
		    &in->status);
	}
	/* The document itself is the empty pointer: nothing to copy. */
	return (in->status.len > 0 ? buf_str(&in->status) : NULL);
}

static const char *
inspect_model(struct screen *s)
{
	struct inspect	*in = s->data;

	return (in->model_key);
}

const struct screen_ops screen_inspect_ops = {
	.name = N_("snapshot"),
	.leave = inspect_leave,
	.key = inspect_key,
	.draw = inspect_draw,
	.tick = inspect_tick,
	.status = inspect_status,
	.copy = inspect_copy,
	.model = inspect_model,
	.help = inspect_help,
};
