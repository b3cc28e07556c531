/*
 * screen-model-shape: the model screen's request shape and its keys.  Each
 * part the user types goes through one table entry: how it is shown in the
 * prompt, how it is read back, and what a refusal says.
 */
#include "config.h"

#include "ui/screen-model-shape.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/clock.h"
#include "util/i18n.h"
#include "util/numfmt.h"

#define SHAPE_SIZE_MAX		10000000
#define SHAPE_COUNT_MAX		1e9

/* Request sizes '+' and '-' step through: 1, 2, 5 per decade. */
static const double shape_sizes[] = {
	100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000,
	500000, 1000000, 2000000, 5000000, 10000000
};

void
model_shape_init(struct model_shape *ms)
{
	cost_shape_init(&ms->shape);
	cost_extra_init(&ms->extra);
	ms->at = -1;
}

int
model_shape_minute(const struct model_shape *ms)
{
	if (ms->at >= 0)
		return (ms->at);
	return ((int)(clock_now_ms() / 60000 % 1440));
}

void
model_shape_get(const struct model_shape *ms, struct cost_shape *shape,
    struct cost_extra *extra)
{
	*shape = ms->shape;
	*extra = ms->extra;
	extra->utc_minute = model_shape_minute(ms);
}

/* Skip blanks; the number at arg and where it ends, or -1. */
static int
shape_number(const char *arg, double *v, char **end)
{
	arg += strspn(arg, " ");
	errno = 0;
	*v = strtod(arg, end);
	if (errno != 0 || *end == arg || !isfinite(*v) || *v < 0)
		return (-1);
	return (0);
}

/* Whether only blanks are left at s. */
static int
shape_done(const char *s)
{
	return (s[strspn(s, " ")] == '\0');
}

/* "3:1", "10:1", "1:0": two non-negative numbers, not both zero. */
static int
shape_set_mix(struct model_shape *ms, const char *arg)
{
	char	*end;
	double	 p, c;

	if (shape_number(arg, &p, &end) != 0)
		return (-1);
	end += strspn(end, " ");
	if (*end != ':' && *end != '/')
		return (-1);
	if (shape_number(end + 1, &c, &end) != 0 || p + c <= 0 ||
	    !shape_done(end))
		return (-1);
	ms->shape.prompt = p;
	ms->shape.completion = c;
	return (0);
}

/* "25", "25%", "12.5": a percentage 0..100 as a share, and the rest. */
static int
shape_share(const char *arg, double *share, const char **rest)
{
	char	*end;
	double	 v;

	if (shape_number(arg, &v, &end) != 0 || v > 100)
		return (-1);
	end += strspn(end, " ");
	if (*end == '%')
		end++;
	*rest = end + strspn(end, " ");
	*share = v / 100;
	return (0);
}

static int
shape_set_cache(struct model_shape *ms, const char *arg)
{
	const char	*rest;
	double		 v;

	if (shape_share(arg, &v, &rest) != 0 || *rest != '\0' ||
	    v + ms->extra.cache_write > 1 + 1e-9)
		return (-1);
	ms->shape.cache_share = v;
	return (0);
}

/* "20", "20%:1h", "20:5m": the cache-write share and which cache. */
static int
shape_set_write(struct model_shape *ms, const char *arg)
{
	const char	*rest;
	double		 v;
	int		 h1;

	if (shape_share(arg, &v, &rest) != 0 ||
	    v + ms->shape.cache_share > 1 + 1e-9)
		return (-1);
	if (*rest == '\0' || strcmp(rest, ":5m") == 0)
		h1 = 0;
	else if (strcmp(rest, ":1h") == 0)
		h1 = 1;
	else
		return (-1);
	ms->extra.cache_write = v;
	ms->extra.cache_write_1h = h1;
	return (0);
}

/* "20000", "20k", "1.5m": a count up to max. */
static int
shape_count(const char *arg, double max, double *out)
{
	return (cost_parse_count(arg, max, out));
}

static int
shape_set_size(struct model_shape *ms, const char *arg)
{
	double	v;

	if (shape_count(arg, SHAPE_SIZE_MAX, &v) != 0 || v < 1)
		return (-1);
	ms->shape.size = v;
	return (0);
}

static int
shape_set_reasoning(struct model_shape *ms, const char *arg)
{
	return (shape_count(arg, SHAPE_COUNT_MAX, &ms->extra.reasoning));
}

static int
shape_set_searches(struct model_shape *ms, const char *arg)
{
	return (shape_count(arg, SHAPE_COUNT_MAX, &ms->extra.searches));
}

/* "HH:MM" (UTC), or "now" (or nothing) for the clock's time. */
static int
shape_set_time(struct model_shape *ms, const char *arg)
{
	int	h, m, n = 0;

	arg += strspn(arg, " ");
	if (shape_done(arg) || (strncmp(arg, "now", 3) == 0 &&
	    shape_done(arg + 3))) {
		ms->at = -1;
		return (0);
	}
	if (sscanf(arg, "%2d:%2d%n", &h, &m, &n) != 2 || !shape_done(arg + n) ||
	    h < 0 || h > 23 || m < 0 || m > 59)
		return (-1);
	ms->at = h * 60 + m;
	return (0);
}

static void
shape_show_mix(const struct model_shape *ms, char *out, size_t len)
{
	snprintf(out, len, "%g:%g", ms->shape.prompt, ms->shape.completion);
}

static void
shape_show_cache(const struct model_shape *ms, char *out, size_t len)
{
	snprintf(out, len, "%g", ms->shape.cache_share * 100);
}

static void
shape_show_write(const struct model_shape *ms, char *out, size_t len)
{
	snprintf(out, len, "%g%s", ms->extra.cache_write * 100,
	    ms->extra.cache_write_1h ? ":1h" : "");
}

static void
shape_show_size(const struct model_shape *ms, char *out, size_t len)
{
	snprintf(out, len, "%.0f", ms->shape.size);
}

static void
shape_show_reasoning(const struct model_shape *ms, char *out, size_t len)
{
	snprintf(out, len, "%.0f", ms->extra.reasoning);
}

static void
shape_show_searches(const struct model_shape *ms, char *out, size_t len)
{
	snprintf(out, len, "%.0f", ms->extra.searches);
}

static void
shape_show_time(const struct model_shape *ms, char *out, size_t len)
{
	int	t = model_shape_minute(ms);

	snprintf(out, len, "%02d:%02d", t / 60, t % 60);
}

struct shape_field {
	int		  key;
	const char	 *prompt;	/* N_() */
	const char	 *bad;		/* N_(), one %s: what was typed */
	void		(*show)(const struct model_shape *, char *, size_t);
	int		(*set)(struct model_shape *, const char *);
};

static const struct shape_field shape_fields[] = {
	{ 'm', N_("prompt:completion mix: "), N_("bad mix \"%s\": want "
	    "PROMPT:COMPLETION, e.g. 3:1"), shape_show_mix, shape_set_mix },
	{ 'c', N_("cache-read share of prompt tokens (%): "), N_("bad cache "
	    "share \"%s\": want a percentage from 0 to 100 (with the write "
	    "share at most 100)"), shape_show_cache, shape_set_cache },
	{ 'w', N_("cache-write share of prompt tokens (%, :1h for the 1-hour "
	    "cache): "), N_("bad cache-write share \"%s\": want a percentage "
	    "(with the read share at most 100), e.g. 20 or 20:1h"),
	    shape_show_write, shape_set_write },
	{ 'n', NULL, N_("bad request size \"%s\": want a number of tokens "
	    "from 1 to 10M, e.g. 20k"), shape_show_size, shape_set_size },
	{ 'x', N_("reasoning tokens per request: "), N_("bad reasoning "
	    "tokens \"%s\": want a number, e.g. 2000 or 2k"),
	    shape_show_reasoning, shape_set_reasoning },
	{ 's', N_("web searches per request: "), N_("bad number of searches "
	    "\"%s\": want a number, e.g. 2"), shape_show_searches,
	    shape_set_searches },
	{ 't', N_("time of day (UTC, HH:MM, or now): "), N_("bad time \"%s\": "
	    "want HH:MM in UTC, e.g. 09:30, or now"), shape_show_time,
	    shape_set_time },
};

/* Ask for one part of the shape; a refused value keeps the last one. */
static void
shape_edit(struct ui *ui, struct model_shape *ms, const struct shape_field *f)
{
	const char	*prompt;
	char		 initial[64], *line;

	f->show(ms, initial, sizeof initial);
	if (f->prompt != NULL)
		prompt = _(f->prompt);
	else
		prompt = ms->shape.prompt > 0 ? _("prompt tokens per request: ") :
		    _("completion tokens per request: ");
	line = ui_prompt(ui, prompt, initial, NULL, NULL);
	if (line == NULL)
		return;
	if (f->set(ms, line) != 0)
		ui_message(ui, 1, _(f->bad), line);
	free(line);
}

static void
shape_step_size(struct model_shape *ms, int up)
{
	size_t	i, n = sizeof shape_sizes / sizeof shape_sizes[0];

	for (i = 0; up && i < n; i++) {
		if (shape_sizes[i] > ms->shape.size) {
			ms->shape.size = shape_sizes[i];
			return;
		}
	}
	for (i = n; !up && i > 0; i--) {
		if (shape_sizes[i - 1] < ms->shape.size) {
			ms->shape.size = shape_sizes[i - 1];
			return;
		}
	}
}

/* An hour later or earlier, on the hour; "now" becomes a fixed time. */
static void
shape_step_time(struct model_shape *ms, int up)
{
	int	t = model_shape_minute(ms);

	ms->at = up ? (t / 60 + 1) % 24 * 60 : (t % 60 != 0 ? t / 60 * 60 :
	    (t / 60 + 23) % 24 * 60);
}

int
model_shape_key(struct ui *ui, struct model_shape *ms, int key)
{
	size_t	i;

	switch (key) {
	case '+':
	case '=':
	case '-':
	case '_':
		shape_step_size(ms, key == '+' || key == '=');
		return (1);
	case '>':
	case '<':
		shape_step_time(ms, key == '>');
		return (1);
	}
	for (i = 0; i < sizeof shape_fields / sizeof shape_fields[0]; i++) {
		if (shape_fields[i].key == key) {
			shape_edit(ui, ms, &shape_fields[i]);
			return (1);
		}
	}
	return (0);
}

/* A token count as every view shows it (util/numfmt.h). */
static void
shape_fmt_tokens(double v, char *out, size_t len)
{
	numfmt_count(isfinite(v) && fabs(v) < 9e18 ? (int64_t)llround(v) :
	    NUMFMT_NULL_COUNT, out, len);
}

void
model_shape_line(const struct model_shape *ms, struct buf *b)
{
	char	in[32], out[32];
	double	prompt, completion;
	int	t = model_shape_minute(ms);

	cost_shape_tokens(&ms->shape, &prompt, &completion);
	shape_fmt_tokens(prompt, in, sizeof in);
	shape_fmt_tokens(completion, out, sizeof out);
	/* The time first: a long shape is cut at the right. */
	buf_printf(b, ms->at < 0 ? _("%02d:%02d UTC (now)  ") :
	    _("%02d:%02d UTC  "), t / 60, t % 60);
	buf_printf(b, _("mix %g:%g  cache %g%%  request %s+%s tokens"),
	    ms->shape.prompt, ms->shape.completion,
	    ms->shape.cache_share * 100, in, out);
	if (ms->extra.cache_write > 0)
		buf_printf(b, ms->extra.cache_write_1h ? _("  write %g%% (1h)") :
		    _("  write %g%% (5m)"), ms->extra.cache_write * 100);
	if (ms->extra.reasoning > 0) {
		shape_fmt_tokens(ms->extra.reasoning, in, sizeof in);
		buf_printf(b, _("  reasoning %s"), in);
	}
	if (ms->extra.searches > 0)
		buf_printf(b, _("  searches %.0f"), ms->extra.searches);
}
