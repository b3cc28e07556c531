/*
 * screen-sync: a sync, live.
 *
 * Three cases, checked every tick:
 *   - a sync runs in this process (ui->sync): its sync_progress();
 *   - another process (cron, a second terminal) has a run "running" in
 *     run_log: that row's counters, which the other process writes as each
 *     model commits, and whether its pid still exists;
 *   - nothing runs: the newest run's summary and how to start one.
 *
 * The screen follows one run at a time and turns the changes it sees into
 * a tail of events ("models 120/2000 done", "3 retries", "run 12
 * finished: ok").  The follower and its events live as long as the
 * process, not the screen, so leaving the screen and coming back keeps
 * the story; while the screen is not on top nothing ticks it, and what
 * happened meanwhile shows up as one coalesced step.
 *
 * Rates (requests/s, MB/s, models/s for the ETA) are taken over the last
 * SYNC_WINDOW_MS of samples, one sample per tick.
 */
#include "config.h"

#include "ui/screens.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

#define SYNC_EVENTS	20
#define SYNC_EVENT_LEN	160
#define SYNC_SAMPLES	64
#define SYNC_WINDOW_MS	10000

enum sync_kind {
	SK_IDLE,	/* nothing runs */
	SK_LOCAL,	/* ui->sync */
	SK_OTHER	/* a running row of run_log, another process */
};

/* What is shown, whichever the source. */
struct sync_view {
	enum sync_kind	 kind;
	int64_t		 run_id;
	const char	*phase;		/* keys, models, done */
	char		 family[32];	/* empty until known */
	int64_t		 total;
	int64_t		 done;
	int64_t		 failed;
	int64_t		 in_flight;	/* -1: not known (another process) */
	int64_t		 unchanged;	/* listings as stored; -1: not known */
	int64_t		 endpoints;
	int64_t		 requests;
	int64_t		 retries;
	int64_t		 bytes;
	int64_t		 errors;
	int64_t		 elapsed_ms;
	int64_t		 pid;
	int		 alive;		/* the other process exists */
};

struct sync_sample {
	int64_t		 ms;		/* clock_mono_ms */
	int64_t		 requests;
	int64_t		 bytes;
	int64_t		 models;	/* done + failed */
};

/* The run being followed, and what of it was already told. */
struct sync_follow {
	int64_t			 run_id;	/* 0: none yet */
	enum sync_kind		 kind;
	int			 finished;	/* its end was told */
	const char		*phase;
	int			 family;	/* the family was told */
	int64_t			 total;
	int64_t			 failed;
	int64_t			 retries;
	int64_t			 errors;
	int64_t			 milestone;	/* next models count to tell */
	struct sync_sample	 samples[SYNC_SAMPLES];
	unsigned		 nsamples;
	unsigned		 head;		/* next slot */
};

static struct {
	char			 line[SYNC_EVENTS][SYNC_EVENT_LEN];
	unsigned		 head;		/* next slot */
	unsigned		 count;
	struct sync_follow	 f;
} sync_log;

struct syncscr {
	int			 confirm;	/* 'x' asked: y aborts */
	struct sync_view	 v;
	struct run_info		 last;		/* SK_IDLE: the newest run */
	int			 have_last;
	struct store_stamp	 stamp;
	uint64_t		 generation;
	int			 loaded;
	char			*error;
	struct buf		 status;
};

static const struct ui_keyhelp sync_help[] = {
	{ "r", N_("start a sync when none runs") },
	{ "x", N_("abort the sync running in this process (asks first)") },
	{ "R", N_("the run log") },
	{ NULL, NULL }
};

/* ----------------------------------------------------------- events */

static void
sync_event(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void
sync_event(const char *fmt, ...)
{
	va_list	 ap;
	char	*when, *text;

	va_start(ap, fmt);
	text = xvasprintf(fmt, ap);
	va_end(ap);
	/* "YYYY-MM-DD HH:MM:SS": the time of day is enough here. */
	when = clock_format_utc(clock_now_ms() / 1000);
	snprintf(sync_log.line[sync_log.head], SYNC_EVENT_LEN, "%s  %s",
	    strlen(when) > 11 ? when + 11 : when, text);
	free(when);
	free(text);
	sync_log.head = (sync_log.head + 1) % SYNC_EVENTS;
	if (sync_log.count < SYNC_EVENTS)
		sync_log.count++;
}

/* The i-th newest event (0 = newest). */
static const char *
sync_event_get(unsigned i)
{
	return (sync_log.line[(sync_log.head + SYNC_EVENTS - 1 - i) %
	    SYNC_EVENTS]);
}

static const char *
sync_phase_text(const char *phase)
{
	if (phase == NULL)
		return ("-");
	if (strcmp(phase, "keys") == 0)
		return (_("fetching the model list and the catalogue"));
	if (strcmp(phase, "models") == 0)
		return (_("fetching each model's endpoints"));
	if (strcmp(phase, "done") == 0)
		return (_("finishing"));
	return (phase);
}

static void
sync_sample_add(struct sync_follow *f, const struct sync_view *v)
{
	struct sync_sample	*sm = &f->samples[f->head];

	sm->ms = clock_mono_ms();
	sm->requests = v->requests;
	sm->bytes = v->bytes;
	sm->models = v->done + v->failed;
	f->head = (f->head + 1) % SYNC_SAMPLES;
	if (f->nsamples < SYNC_SAMPLES)
		f->nsamples++;
}

/*
 * Rates per second over the window: requests, bytes and models.  With
 * less than a second of samples, the averages since the run started.
 */
static void
sync_rates(const struct sync_view *v, double *requests, double *bytes,
    double *models)
{
	const struct sync_follow	*f = &sync_log.f;
	const struct sync_sample	*newest, *oldest, *sm;
	unsigned			 i;
	double				 dt;

	*requests = *bytes = *models = 0;
	if (f->nsamples >= 2 && f->run_id == v->run_id) {
		newest = &f->samples[(f->head + SYNC_SAMPLES - 1) %
		    SYNC_SAMPLES];
		oldest = newest;
		for (i = 1; i < f->nsamples; i++) {
			sm = &f->samples[(f->head + SYNC_SAMPLES - 1 - i) %
			    SYNC_SAMPLES];
			if (newest->ms - sm->ms > SYNC_WINDOW_MS)
				break;
			oldest = sm;
		}
		dt = (double)(newest->ms - oldest->ms) / 1e3;
		if (dt >= 1) {
			*requests = (double)(newest->requests -
			    oldest->requests) / dt;
			*bytes = (double)(newest->bytes - oldest->bytes) / dt;
			*models = (double)(newest->models - oldest->models) /
			    dt;
			return;
		}
	}
	if (v->elapsed_ms >= 1000) {
		dt = (double)v->elapsed_ms / 1e3;
		*requests = (double)v->requests / dt;
		*bytes = (double)v->bytes / dt;
		*models = (double)(v->done + v->failed) / dt;
	}
}

/* Tell what moved since the last look at the run v shows. */
static void
sync_follow(const struct sync_view *v)
{
	struct sync_follow	*f = &sync_log.f;
	int64_t			 step, seen;

	if (f->run_id != v->run_id) {
		memset(f, 0, sizeof *f);
		f->run_id = v->run_id;
		f->kind = v->kind;
		if (v->kind == SK_LOCAL)
			sync_event(_("run %lld started in this process"),
			    (long long)v->run_id);
		else
			sync_event(_("run %lld is running in process %lld "
			    "(%lld/%lld models done)"), (long long)v->run_id,
			    (long long)v->pid, (long long)v->done,
			    (long long)v->total);
	}
	if (v->phase != NULL && (f->phase == NULL ||
	    strcmp(f->phase, v->phase) != 0)) {
		f->phase = v->phase;
		sync_event("%s", sync_phase_text(v->phase));
	}
	if (!f->family && v->family[0] != '\0') {
		f->family = 1;
		sync_event(_("route family %s"), v->family);
	}
	if (v->total != f->total) {
		f->total = v->total;
		f->milestone = 0;
		if (v->total > 0)
			sync_event(P_("%lld model to fetch",
			    "%lld models to fetch", v->total),
			    (long long)v->total);
	}
	/* A line per tenth of the models, at most one per look. */
	seen = v->done + v->failed;
	step = v->total / 10 > 0 ? v->total / 10 : 1;
	if (v->total > 0 && seen >= f->milestone && seen > 0) {
		sync_event(_("models %lld/%lld done"), (long long)seen,
		    (long long)v->total);
		f->milestone = (seen / step + 1) * step;
	}
	if (v->failed > f->failed) {
		sync_event(P_("%lld more model failed (%lld in all)",
		    "%lld more models failed (%lld in all)",
		    v->failed - f->failed), (long long)(v->failed - f->failed),
		    (long long)v->failed);
		f->failed = v->failed;
	}
	if (v->retries > f->retries) {
		sync_event(P_("%lld retry (%lld in all)",
		    "%lld retries (%lld in all)", v->retries - f->retries),
		    (long long)(v->retries - f->retries),
		    (long long)v->retries);
		f->retries = v->retries;
	}
	if (v->errors > f->errors) {
		sync_event(P_("%lld new error (%lld in all)",
		    "%lld new errors (%lld in all)", v->errors - f->errors),
		    (long long)(v->errors - f->errors), (long long)v->errors);
		f->errors = v->errors;
	}
	sync_sample_add(f, v);
}

/* The followed run is over: tell how it ended, from run_log. */
static void
sync_follow_end(struct ui *ui)
{
	struct sync_follow	*f = &sync_log.f;
	struct run_info		 r;
	int			 found = 0;

	if (f->run_id == 0 || f->finished)
		return;
	f->finished = 1;
	if (store_run_get(ui->store, f->run_id, &r, &found, NULL) != 0 ||
	    !found) {
		sync_event(_("run %lld ended"), (long long)f->run_id);
		return;
	}
	sync_event(_("run %lld finished: %s (%lld endpoints, %lld errors)"),
	    (long long)r.id, ui_status_text(r.status),
	    (long long)r.endpoints_done, (long long)r.error_count);
	run_info_clear(&r);
}

/* ------------------------------------------------------------ state */

static void
sync_view_local(struct ui *ui, struct sync_view *v)
{
	struct sync_progress	p;

	sync_progress(ui->sync, &p);
	memset(v, 0, sizeof *v);
	v->kind = SK_LOCAL;
	v->run_id = p.run_id;
	v->phase = p.phase;
	if (p.family != NULL)
		snprintf(v->family, sizeof v->family, "%s", p.family);
	v->total = p.models_total;
	v->done = p.models_done;
	v->failed = p.models_failed;
	v->in_flight = p.in_flight;
	v->unchanged = p.models_unchanged;
	v->endpoints = p.endpoints;
	v->requests = p.requests;
	v->retries = p.retries;
	v->bytes = p.bytes;
	v->errors = p.errors;
	v->elapsed_ms = p.elapsed_ms;
	v->pid = 0;
	v->alive = 1;
}

static void
sync_view_other(const struct run_info *r, struct sync_view *v)
{
	memset(v, 0, sizeof *v);
	v->kind = SK_OTHER;
	v->run_id = r->id;
	v->phase = r->models_total > 0 ? "models" : "keys";
	if (r->route_family != NULL)
		snprintf(v->family, sizeof v->family, "%s", r->route_family);
	v->total = r->models_total;
	v->done = r->models_done;
	v->failed = 0;
	v->in_flight = -1;
	v->unchanged = -1;
	v->endpoints = r->endpoints_done;
	v->requests = r->requests;
	v->retries = r->retries;
	v->bytes = r->bytes_raw;
	v->errors = r->error_count;
	v->elapsed_ms = clock_now_ms() - r->started_at;
	if (v->elapsed_ms < 0)
		v->elapsed_ms = 0;
	v->pid = r->pid;
	/* EPERM: it exists but belongs to someone else. */
	v->alive = r->pid > 0 && (kill((pid_t)r->pid, 0) == 0 ||
	    errno == EPERM);
}

/* Look again at what runs; 1 when the screen should be drawn again. */
static int
sync_refresh(struct screen *s)
{
	struct syncscr		*d = s->data;
	struct ui		*ui = s->ui;
	struct store_stamp	 now;
	struct run_info		 r;
	char			*cause = NULL;
	int			 found = 0;

	if (ui->sync != NULL) {
		sync_view_local(ui, &d->v);
		sync_follow(&d->v);
		return (1);
	}
	d->confirm = 0;
	if (sync_log.f.kind == SK_LOCAL)
		sync_follow_end(ui);
	if (store_run_running(ui->store, &r, &found, &cause) != 0) {
		free(d->error);
		d->error = cause;
		return (1);
	}
	free(d->error);
	d->error = NULL;
	if (found) {
		sync_view_other(&r, &d->v);
		run_info_clear(&r);
		sync_follow(&d->v);
		return (1);
	}
	/* Nothing runs: the newest run, read again when something changed. */
	sync_follow_end(ui);
	d->v.kind = SK_IDLE;
	if (d->loaded && d->generation == ui->generation &&
	    store_stamp(ui->store, &now, NULL) == 0 &&
	    memcmp(&now, &d->stamp, sizeof now) == 0)
		return (0);
	d->loaded = 1;
	d->generation = ui->generation;
	store_stamp(ui->store, &d->stamp, NULL);
	run_info_clear(&d->last);
	d->have_last = 0;
	if (store_run_latest(ui->store) > 0 && store_run_get(ui->store,
	    store_run_latest(ui->store), &d->last, &d->have_last,
	    &cause) != 0)
		d->error = cause;
	return (1);
}

void *
screen_sync_new(struct ui *ui, const struct screen_arg *arg)
{
	(void)ui;
	(void)arg;
	return (xcalloc(1, sizeof (struct syncscr)));
}

static void
sync_enter(struct screen *s)
{
	sync_refresh(s);
}

static void
sync_leave(struct screen *s)
{
	struct syncscr	*d = s->data;

	run_info_clear(&d->last);
	free(d->error);
	buf_free(&d->status);
	free(d);
}

static int
sync_key(struct screen *s, int key)
{
	struct syncscr	*d = s->data;
	struct ui	*ui = s->ui;

	if (d->confirm) {
		d->confirm = 0;
		if ((key == 'y' || key == 'Y') && ui->sync != NULL) {
			ui_sync_abort(ui);
			sync_event(_("abort requested: the models in flight "
			    "are dropped"));
		} else
			ui_message(ui, 0, "%s", _("the sync goes on"));
		return (UI_REDRAW);
	}
	switch (key) {
	case 'x':
		if (ui->sync != NULL)
			d->confirm = 1;
		else if (d->v.kind == SK_OTHER)
			ui_message(ui, 1, _("run %lld belongs to process %lld: "
			    "stop it there (SIGINT ends it as aborted)"),
			    (long long)d->v.run_id, (long long)d->v.pid);
		else
			ui_message(ui, 0, "%s", _("no sync is running"));
		return (UI_REDRAW);
	case 'r':
		if (ui->sync != NULL)
			ui_message(ui, 0, "%s", _("a sync is already running"));
		else if (ui_sync_start(ui) == 0)
			sync_refresh(s);
		return (UI_REDRAW);
	default:
		return (UI_UNHANDLED);
	}
}

static int
sync_tick(struct screen *s)
{
	return (sync_refresh(s) ? UI_REDRAW : UI_NONE);
}

/* ------------------------------------------------------------- draw */

/* A progress bar of frac (0..1) in width columns. */
static void
sync_bar(struct ui *ui, WINDOW *win, int y, int x, int width, double frac)
{
	/* U+258F .. U+2589: one eighth to seven eighths of a cell. */
	static const char *const eighths[8] = {
		"", "\xe2\x96\x8f", "\xe2\x96\x8e", "\xe2\x96\x8d",
		"\xe2\x96\x8c", "\xe2\x96\x8b", "\xe2\x96\x8a", "\xe2\x96\x89"
	};
	int	 inner, full, part, i;

	if (width < 4)
		return;
	if (frac < 0)
		frac = 0;
	if (frac > 1)
		frac = 1;
	inner = width - 2;
	full = (int)(frac * inner);
	part = (int)((frac * inner - full) * 8);
	mvwaddch(win, y, x, '[');
	ui_color_on(ui, win, UI_C_GOOD);
	for (i = 0; i < full; i++)
		waddstr(win, ui->utf8 ? "\xe2\x96\x88" : "#");
	if (full < inner && part > 0 && ui->utf8) {
		waddstr(win, eighths[part]);
		full++;
	}
	ui_color_off(ui, win, UI_C_GOOD);
	ui_color_on(ui, win, UI_C_DIM);
	for (i = full; i < inner; i++)
		waddstr(win, ui->utf8 ? "\xe2\x96\x91" : ".");
	ui_color_off(ui, win, UI_C_DIM);
	waddch(win, ']');
}

/* "label  value" pairs, two columns when the terminal is wide. */
static int
sync_draw_stats(struct ui *ui, WINDOW *win, int y, int cols,
    const char *const *labels, char (*values)[64], int n)
{
	int	i, lw = 0, per, col, row, x, width;

	for (i = 0; i < n; i++) {
		if (textwidth_measure(labels[i]) > lw)
			lw = textwidth_measure(labels[i]);
	}
	per = cols >= 90 ? (n + 1) / 2 : n;
	width = cols >= 90 ? cols / 2 - 2 : cols - 2;
	for (i = 0; i < n; i++) {
		col = i / per;
		row = i % per;
		x = 2 + col * (cols / 2);
		ui_color_on(ui, win, UI_C_KEY);
		ui_text(win, y + row, x, lw, labels[i], 'l');
		ui_color_off(ui, win, UI_C_KEY);
		ui_text(win, y + row, x + lw + 2, width - lw - 2, values[i],
		    'l');
	}
	return (per);
}

/* Where a sync of this process connects (the config file's base_url). */
static void
sync_draw_where(struct ui *ui, WINDOW *win, int *y, int cols)
{
	char	line[512];

	if (ui->opt.sync == NULL || ui->opt.sync->routes.base_url == NULL)
		return;
	snprintf(line, sizeof line, _("connects to %s"),
	    ui->opt.sync->routes.base_url);
	ui_color_on(ui, win, UI_C_DIM);
	ui_text(win, *y, 2, cols - 3, line, 'l');
	ui_color_off(ui, win, UI_C_DIM);
	(*y)++;
}

/*
 * Why the last run did not end well: its first error, on the screen
 * rather than only in the run's detail (errors are network text: drawn
 * through the sanitiser, wrapped on at most three lines).
 */
static void
sync_draw_why(struct ui *ui, WINDOW *win, int *y, int cols,
    const struct run_info *r)
{
	char	*first;
	size_t	 n;
	int	 x;

	if (strcmp(r->status, "ok") == 0 || r->errors == NULL ||
	    *r->errors == '\0')
		return;
	n = strcspn(r->errors, "\n");
	first = xstrndup(r->errors, n);
	ui_color_on(ui, win, UI_C_KEY);
	x = 2 + ui_text(win, *y, 2, cols - 3, _("Why:"), 'l');
	ui_color_off(ui, win, UI_C_KEY);
	ui_color_on(ui, win, UI_C_ERROR);
	*y += ui_wrap(win, *y, x + 1, cols - x - 2, 3, first);
	ui_color_off(ui, win, UI_C_ERROR);
	free(first);
	if (r->error_count > 1) {
		ui_color_on(ui, win, UI_C_DIM);
		ui_text(win, (*y)++, 2, cols - 3, _("(R, then Enter: every "
		    "error of the run)"), 'l');
		ui_color_off(ui, win, UI_C_DIM);
	}
}

static void
sync_draw_running(struct screen *s, WINDOW *win, int *y, int cols)
{
	struct syncscr		*d = s->data;
	struct ui		*ui = s->ui;
	const struct sync_view	*v = &d->v;
	const char		*labels[9];
	char			 values[9][64], head[192], pct[64];
	char			*took, *eta;
	double			 rq, rb, rm, frac;
	int64_t			 left;
	int			 x, n;

	snprintf(head, sizeof head, _("Run %lld"), (long long)v->run_id);
	ui_color_on(ui, win, UI_C_HEADER);
	x = 1 + ui_text(win, *y, 1, cols - 2, head, 'l');
	ui_color_off(ui, win, UI_C_HEADER);
	if (v->kind == SK_LOCAL)
		snprintf(head, sizeof head, _("in this process, %s"),
		    sync_phase_text(v->phase));
	else if (v->alive)
		snprintf(head, sizeof head, _("in process %lld (another "
		    "terminal or cron), %s"), (long long)v->pid,
		    sync_phase_text(v->phase));
	else
		snprintf(head, sizeof head, _("process %lld is gone: the run "
		    "was cut short, and the next sync marks it failed"),
		    (long long)v->pid);
	ui_color_on(ui, win, v->kind == SK_OTHER && !v->alive ? UI_C_WARN :
	    UI_C_NORMAL);
	ui_text(win, *y, x + 1, cols - x - 2, head, 'l');
	ui_color_off(ui, win, v->kind == SK_OTHER && !v->alive ? UI_C_WARN :
	    UI_C_NORMAL);
	*y += 2;

	frac = v->total > 0 ? (double)(v->done + v->failed) /
	    (double)v->total : 0;
	snprintf(pct, sizeof pct, _("%3d%%  %lld/%lld models"),
	    (int)(frac * 100), (long long)(v->done + v->failed),
	    (long long)v->total);
	x = cols - 3 - textwidth_measure(pct);
	if (x > 12) {
		sync_bar(ui, win, *y, 2, x - 3, frac);
		ui_text(win, *y, x, cols - x - 1, pct, 'l');
	} else
		ui_text(win, *y, 2, cols - 3, pct, 'l');
	*y += 2;

	sync_rates(v, &rq, &rb, &rm);
	took = clock_format_duration(v->elapsed_ms);
	left = v->total - v->done - v->failed;
	eta = rm > 0 && left > 0 ? clock_format_duration((int64_t)(left /
	    rm * 1000)) : xstrdup(left == 0 && v->total > 0 ? "0s" : "-");
	labels[0] = _("Models");
	if (v->in_flight >= 0)
		snprintf(values[0], sizeof values[0], _("%lld done, %lld "
		    "failed, %lld in flight"), (long long)v->done,
		    (long long)v->failed, (long long)v->in_flight);
	else
		snprintf(values[0], sizeof values[0], _("%lld done"),
		    (long long)v->done);
	n = 1;
	if (v->unchanged >= 0) {
		/* Listings that came as stored last time (not parsed). */
		labels[n] = _("Unchanged");
		snprintf(values[n++], sizeof values[0], _("%lld of the models "
		    "done"), (long long)v->unchanged);
	}
	labels[n] = _("Endpoints");
	snprintf(values[n++], sizeof values[0], "%lld",
	    (long long)v->endpoints);
	labels[n] = _("Requests");
	snprintf(values[n++], sizeof values[0], _("%lld (%.1f/s)"),
	    (long long)v->requests, rq);
	labels[n] = _("Received");
	snprintf(values[n++], sizeof values[0], _("%.2f MB (%.2f MB/s)"),
	    (double)v->bytes / 1e6, rb / 1e6);
	labels[n] = _("Retries");
	snprintf(values[n++], sizeof values[0], "%lld",
	    (long long)v->retries);
	labels[n] = _("Errors");
	snprintf(values[n++], sizeof values[0], "%lld", (long long)v->errors);
	labels[n] = _("Elapsed");
	snprintf(values[n++], sizeof values[0], "%s", took);
	labels[n] = _("ETA");
	snprintf(values[n++], sizeof values[0], "%s", eta);
	free(took);
	free(eta);
	*y += sync_draw_stats(ui, win, *y, cols, labels, values, n);
	if (v->kind == SK_LOCAL)
		sync_draw_where(ui, win, y, cols);
	if (v->family[0] != '\0') {
		snprintf(head, sizeof head, _("route family %s"), v->family);
		ui_color_on(ui, win, UI_C_DIM);
		ui_text(win, *y, 2, cols - 3, head, 'l');
		ui_color_off(ui, win, UI_C_DIM);
		(*y)++;
	}
}

static void
sync_draw_idle(struct screen *s, WINDOW *win, int *y, int cols)
{
	struct syncscr		*d = s->data;
	struct ui		*ui = s->ui;
	const struct run_info	*r = &d->last;
	enum ui_color		 color;
	char			 line[256], *when, *took;
	int			 x;

	ui_color_on(ui, win, UI_C_HEADER);
	ui_text(win, *y, 1, cols - 2, _("No sync is running."), 'l');
	ui_color_off(ui, win, UI_C_HEADER);
	*y += 2;
	if (d->have_last) {
		snprintf(line, sizeof line, _("Last run %lld:"),
		    (long long)r->id);
		x = 2 + ui_text(win, *y, 2, cols - 3, line, 'l');
		color = strcmp(r->status, "ok") == 0 ? UI_C_GOOD :
		    strcmp(r->status, "partial") == 0 ? UI_C_WARN :
		    UI_C_ERROR;
		ui_color_on(ui, win, color);
		x += 1 + ui_text(win, *y, x + 1, cols - x - 2,
		    ui_status_text(r->status), 'l');
		ui_color_off(ui, win, color);
		when = clock_format_utc(r->started_at / 1000);
		took = clock_format_duration(r->ended_at > r->started_at ?
		    r->ended_at - r->started_at : 0);
		snprintf(line, sizeof line, _("(started %s UTC, took %s)"),
		    when, took);
		free(when);
		free(took);
		ui_text(win, *y, x + 1, cols - x - 2, line, 'l');
		(*y)++;
		snprintf(line, sizeof line, _("models %lld/%lld, endpoints "
		    "%lld, requests %lld, retries %lld, %.2f MB, errors %lld"),
		    (long long)r->models_done, (long long)r->models_total,
		    (long long)r->endpoints_done, (long long)r->requests,
		    (long long)r->retries, (double)r->bytes_raw / 1e6,
		    (long long)r->error_count);
		ui_text(win, *y, 2, cols - 3, line, 'l');
		(*y)++;
		sync_draw_why(ui, win, y, cols, r);
		/* The alerts of a run this process ended, and what went
		 * wrong raising them (ui.c ui_sync_alerts()). */
		if (ui->sync_alerts != NULL && ui->sync_alerts_run == r->id)
			*y += ui_wrap(win, *y, 2, cols - 3, 3,
			    ui->sync_alerts);
		(*y)++;
	} else {
		ui_text(win, *y, 2, cols - 3, _("There is no run yet."), 'l');
		*y += 2;
	}
	if (ui->opt.sync == NULL || ui->opt.readonly)
		ui_text(win, *y, 2, cols - 3, ui->opt.readonly ?
		    _("The database is read-only: syncing is off.") :
		    _("Syncing is not available here."), 'l');
	else {
		ui_color_on(ui, win, UI_C_GOOD);
		ui_text(win, *y, 2, cols - 3, _("Press r to start a sync."),
		    'l');
		ui_color_off(ui, win, UI_C_GOOD);
		(*y)++;
		sync_draw_where(ui, win, y, cols);
		return;
	}
	(*y)++;
}

static void
sync_draw(struct screen *s, WINDOW *win, int y0, int rows, int cols)
{
	struct syncscr	*d = s->data;
	struct ui	*ui = s->ui;
	char		 line[192];
	unsigned	 n, i;
	int		 y = y0, end = y0 + rows;

	if (d->error != NULL) {
		ui_color_on(ui, win, UI_C_ERROR);
		ui_text(win, y++, 1, cols - 2, d->error, 'l');
		ui_color_off(ui, win, UI_C_ERROR);
	}
	if (d->confirm) {
		/* The question takes the last line of the body. */
		end--;
		snprintf(line, sizeof line, _("Abort run %lld? y: abort, any "
		    "other key: let it run"), (long long)d->v.run_id);
		ui_color_on(ui, win, UI_C_ERROR);
		mvwhline(win, end, 0, ' ', cols);
		ui_text(win, end, 1, cols - 2, line, 'l');
		ui_color_off(ui, win, UI_C_ERROR);
	}
	if (d->v.kind == SK_IDLE)
		sync_draw_idle(s, win, &y, cols);
	else
		sync_draw_running(s, win, &y, cols);
	y++;
	if (y + 1 >= end || sync_log.count == 0)
		return;
	ui_color_on(ui, win, UI_C_HEADER);
	ui_text(win, y++, 1, cols - 2, _("Events (UTC)"), 'l');
	ui_color_off(ui, win, UI_C_HEADER);
	/* The newest at the bottom, as many as fit. */
	n = (unsigned)(end - y);
	if (n > sync_log.count)
		n = sync_log.count;
	for (i = n; i > 0; i--)
		ui_text(win, y++, 2, cols - 3, sync_event_get(i - 1), 'l');
}

static const char *
sync_status(struct screen *s)
{
	struct syncscr	*d = s->data;

	buf_reset(&d->status);
	switch (d->v.kind) {
	case SK_LOCAL:
		buf_addstr(&d->status, _("x: abort  R: run log  q: back "
		    "(the sync goes on)"));
		break;
	case SK_OTHER:
		buf_printf(&d->status, _("watching run %lld of process %lld  "
		    "R: run log  q: back"), (long long)d->v.run_id,
		    (long long)d->v.pid);
		break;
	case SK_IDLE:
		buf_addstr(&d->status, _("r: start a sync  R: run log  "
		    "q: back"));
		break;
	}
	return (buf_str(&d->status));
}

const struct screen_ops screen_sync_ops = {
	.name = "sync",
	.enter = sync_enter,
	.leave = sync_leave,
	.key = sync_key,
	.draw = sync_draw,
	.tick = sync_tick,
	.status = sync_status,
	.help = sync_help,
};
