/*
 * cli-shape: the request shape of `cheapest` and `compare` from the
 * command line (see cli-shape.h).
 */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "cli/cli-shape.h"
#include "util/buf.h"
#include "util/clock.h"
#include "util/i18n.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

void
cli_shape_init(struct cli_shape *a)
{
	memset(a, 0, sizeof *a);
	cost_shape_init(&a->shape);
	cost_extra_init(&a->extra);
	a->prompt = a->completion = -1;
	a->at = -1;
}

void
cli_shape_usage(FILE *f)
{
	fputs(_("One request is 10,000 prompt tokens and a prompt:completion "
	    "mix of 3:1 unless\n--prompt, --completion or --mix say otherwise "
	    "(N takes k and m suffixes).\n--cached is the share of the prompt "
	    "read from the cache, --cache-write the share\nwritten to it (5 "
	    "minutes, or 1 hour with :1h); --at is the time of day in UTC\nfor "
	    "time-window prices (default now).\n"), f);
}

/* "3:1", "10:1", "1:0": two non-negative numbers, not both zero. */
static int
shape_parse_mix(const char *arg, double *p, double *c)
{
	char	*end;

	errno = 0;
	*p = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != ':' || !isfinite(*p) ||
	    *p < 0)
		return (-1);
	arg = end + 1;
	*c = strtod(arg, &end);
	if (errno != 0 || end == arg || *end != '\0' || !isfinite(*c) ||
	    *c < 0 || *p + *c <= 0)
		return (-1);
	return (0);
}

/* A percentage "40" or "40%" as a share 0..1, and what follows it. */
static double
shape_parse_pct(const char *arg, const char **rest)
{
	char	*end;
	double	 v;

	errno = 0;
	v = strtod(arg, &end);
	if (errno != 0 || end == arg || !isfinite(v) || v < 0 || v > 100)
		return (-1);
	if (*end == '%')
		end++;
	*rest = end;
	return (v / 100);
}

/* "HH:MM" (UTC) as minutes of the day, or -1. */
static int
shape_parse_at(const char *arg)
{
	int	h, m, n = 0;

	if (strlen(arg) != 5 || sscanf(arg, "%2d:%2d%n", &h, &m, &n) != 2 ||
	    n != 5 || h < 0 || h > 23 || m < 0 || m > 59)
		return (-1);
	return (h * 60 + m);
}

/* A count option: 1, or -1 after saying why. */
static int
shape_count(struct cli_shape *a, const char *cmd, int opt, const char *arg)
{
	double	v;

	if (cost_parse_count(arg, 1e12, &v) != 0) {
		cli_error(_("%s: bad count \"%s\": want a whole number up "
		    "to 1000000m, e.g. 2000, 12k or 1.5m"), cmd, arg);
		return (-1);
	}
	if (opt == 'p')
		a->prompt = v;
	else if (opt == 'c')
		a->completion = v;
	else if (opt == 'r')
		a->extra.reasoning = v;
	else
		a->extra.searches = v;
	return (1);
}

int
cli_shape_option(struct cli_shape *a, const char *cmd, int opt,
    const char *arg)
{
	const char	*rest = "";
	double		 v;

	switch (opt) {
	case 'm':
		if (shape_parse_mix(arg, &a->shape.prompt,
		    &a->shape.completion) == 0)
			return (1);
		cli_error(_("%s: bad --mix \"%s\": want PROMPT:COMPLETION, "
		    "e.g. 3:1"), cmd, arg);
		return (-1);
	case 'p':
	case 'c':
	case 'r':
	case 's':
		return (shape_count(a, cmd, opt, arg));
	case 'C':
	case 'W':
		v = shape_parse_pct(arg, &rest);
		if (v >= 0 && opt == 'C' && *rest == '\0') {
			a->shape.cache_share = v;
			return (1);
		}
		if (v >= 0 && opt == 'W' && (*rest == '\0' ||
		    strcasecmp(rest, ":5m") == 0 ||
		    strcasecmp(rest, ":1h") == 0)) {
			a->extra.cache_write = v;
			a->extra.cache_write_1h = strcasecmp(rest, ":1h") == 0;
			return (1);
		}
		cli_error(_("%s: bad share \"%s\": want a percentage from 0 "
		    "to 100 (--cache-write: optionally with :1h)"), cmd, arg);
		return (-1);
	case 'a':
		if ((a->at = shape_parse_at(arg)) >= 0)
			return (1);
		cli_error(_("%s: bad --at \"%s\": want HH:MM (UTC), e.g. "
		    "09:30"), cmd, arg);
		return (-1);
	}
	return (0);
}

int
cli_shape_finish(struct cli_shape *a, const char *cmd)
{
	struct cost_shape	*s = &a->shape;
	struct cost_extra	*x = &a->extra;
	double			 p = a->prompt, c = a->completion;

	if (s->cache_share + x->cache_write > 1 + 1e-9) {
		cli_error(_("%s: --cached and --cache-write add up to more "
		    "than 100%%"), cmd);
		return (-1);
	}
	if ((p >= 0 && c < 0 && s->prompt <= 0) ||
	    (c >= 0 && p < 0 && s->completion <= 0)) {
		cli_error(_("%s: --%s alone needs a --mix whose %s side is "
		    "not 0: give --prompt and --completion both"), cmd,
		    p >= 0 ? "prompt" : "completion",
		    p >= 0 ? "prompt" : "completion");
		return (-1);
	}
	if (p >= 0 && c < 0)
		c = p * s->completion / s->prompt;
	else if (c >= 0 && p < 0)
		p = c * s->prompt / s->completion;
	if (p >= 0 || c >= 0) {
		if (p + c <= 0)
			goto bad;
		cost_shape_set_tokens(s, p, c);
	}
	x->utc_minute = a->at >= 0 ? a->at :
	    (int)(clock_now_ms() / 60000 % 1440);
	return (0);
bad:
	cli_error(_("%s: the request has no tokens: give --prompt and "
	    "--completion, or a --mix with both sides"), cmd);
	return (-1);
}

/*
 * Add one part of the line (", ..." but for the first), wrapping before it
 * when the line would pass 80 columns.
 */
static void
shape_part(struct buf *b, int *col, char *part)
{
	int	w = textwidth_measure(part);

	if (*col > 0 && *col + w > 80 && strncmp(part, ", ", 2) == 0) {
		buf_addstr(b, ",\n  ");
		buf_addstr(b, part + 2);
		*col = 2 + w - 2;
	} else {
		buf_addstr(b, part);
		*col += w;
	}
	free(part);
}

void
cli_shape_line(const struct cli_shape *a, FILE *f)
{
	const struct cost_shape	*shape = &a->shape;
	const struct cost_extra	*extra = &a->extra;
	struct buf		 b = BUF_INIT;
	double			 p, c;
	int			 col = 0;

	cost_shape_tokens(shape, &p, &c);
	shape_part(&b, &col, xasprintf(_("One request: %.0f prompt and %.0f "
	    "completion tokens"), p, c));
	if (shape->cache_share > 0)
		shape_part(&b, &col, xasprintf(_(", %g%% read from the cache"),
		    shape->cache_share * 100));
	if (extra->cache_write > 0)
		shape_part(&b, &col, xasprintf(extra->cache_write_1h ?
		    _(", %g%% written to the 1-hour cache") :
		    _(", %g%% written to the 5-minute cache"),
		    extra->cache_write * 100));
	if (extra->reasoning > 0)
		shape_part(&b, &col, xasprintf(_(", %.0f reasoning tokens"),
		    extra->reasoning));
	if (extra->searches > 0)
		shape_part(&b, &col, xasprintf(_(", %.0f web searches"),
		    extra->searches));
	shape_part(&b, &col, xasprintf(_(", at %02d:%02d UTC"),
	    extra->utc_minute / 60, extra->utc_minute % 60));
	buf_addch(&b, '\n');
	fputs(buf_str(&b), f);
	buf_free(&b);
}
