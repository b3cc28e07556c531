/*
 * cli-common: what every subcommand shares -- opening the database,
 * formatting numbers, text tables and the JSON/CSV forms of endpoint rows.
 */
#include "config.h"

#include "cli/cli.h"

#include <sys/ioctl.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stddef.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "codec/jarena.h"
#include "project/cost.h"
#include "project/filter.h"
#include "store/store-changelog.h"
#include "util/buf.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/path.h"
#include "util/sanitize.h"
#include "util/table-layout.h"
#include "util/textwidth.h"
#include "util/xmalloc.h"

struct cli_global cli_global = { NULL, "orbrowse" };

void
cli_error(const char *fmt, ...)
{
	va_list	 ap;
	char	*msg, *clean;

	/*
	 * Messages quote file names, URLs, model keys and parser errors,
	 * which come from the network: sanitised like every other output.
	 */
	va_start(ap, fmt);
	msg = xvasprintf(fmt, ap);
	va_end(ap);
	clean = sanitize_text(msg, 4096);
	fflush(stdout);
	fprintf(stderr, "%s: %s\n", cli_global.progname, clean);
	free(clean);
	free(msg);
}

void
cli_report(void *arg, const char *message)
{
	(void)arg;
	cli_error("%s", message);
}

char *
cli_db_path(void)
{
	const char	*env;
	char		*path, *cause = NULL;

	if (cli_global.db != NULL)
		return (xstrdup(cli_global.db));
	env = getenv("ORBROWSE_DB");
	if (env != NULL && *env != '\0')
		return (xstrdup(env));
	if ((path = path_default_db(&cause)) == NULL) {
		cli_error("%s", cause);
		free(cause);
	}
	return (path);
}

char *
cli_shell_word(const char *s)
{
	struct buf	 b = BUF_INIT;
	const char	*p;

	if (*s != '\0' && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmn"
	    "opqrstuvwxyz0123456789_./-+:,@%=") == strlen(s))
		return (xstrdup(s));
	buf_addch(&b, '\'');
	for (p = s; *p != '\0'; p++) {
		if (*p == '\'')
			buf_addstr(&b, "'\\''");
		else
			buf_addch(&b, *p);
	}
	buf_addch(&b, '\'');
	return (buf_detach(&b));
}

/*
 * No database where one is looked for: say so, and the next steps that
 * work -- a sync into it, or the demo (`orbrowse --demo` imports generated
 * data into a database of its own, demo.db, and opens the UI on it).
 */
static void
cli_missing_db(const char *path)
{
	char	*db = NULL, *word;

	if (cli_global.db != NULL) {
		word = cli_shell_word(cli_global.db);
		db = xasprintf(" --db %s", word);
		free(word);
	}
	cli_error(_("%s: no such database"), path);
	fprintf(stderr, _("Fetch OpenRouter's catalogue into it:  %s%s sync\n"
	    "Or look around generated data, in a database of its own:  %s "
	    "--demo\n"), cli_global.progname, db != NULL ? db : "",
	    cli_global.progname);
	free(db);
}

int
cli_open(int flags, struct store **sp)
{
	char	*path, *cause = NULL;

	*sp = NULL;
	if ((path = cli_db_path()) == NULL)
		return (EXIT_FAIL);
	if (!(flags & STORE_CREATE) && access(path, F_OK) != 0 &&
	    errno == ENOENT) {
		cli_missing_db(path);
		free(path);
		return (EXIT_FAIL);
	}
	if (store_open(path, flags, sp, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		free(path);
		return (EXIT_FAIL);
	}
	free(path);
	return (EXIT_OK);
}

int
cli_formats_ok(const char *cmd, int json, int csv)
{
	if (!json || !csv)
		return (0);
	cli_error(_("%s: --json and --csv are exclusive"), cmd);
	return (-1);
}

int
cli_common_option(int opt, const char *arg)
{
	if (opt == 'D') {
		cli_global.db = arg;
		return (1);
	}
	return (0);
}

int
cli_model_resolve(struct store *store, const char *cmd, const char *query,
    char **key)
{
	char	**keys, *cause = NULL, *clean;
	size_t	  n, i;
	int	  exact, rc = -1;

	*key = NULL;
	if (store_model_resolve(store, query, &keys, &n, &exact, &cause) != 0) {
		cli_error("%s", cause);
		free(cause);
		return (-1);
	}
	if (n == 1) {
		*key = xstrdup(keys[0]);
		rc = 0;
	} else if (n == 0)
		rc = 1;
	else {
		clean = sanitize_text(query, 200);
		cli_error(P_("%s: \"%s\" is ambiguous, it matches %zu model:",
		    "%s: \"%s\" is ambiguous, it matches %zu models:", n), cmd,
		    clean, n);
		free(clean);
		for (i = 0; i < n && i < 20; i++) {
			clean = sanitize_text(keys[i], 200);
			fprintf(stderr, "  %s\n", clean);
			free(clean);
		}
		if (n > 20)
			fprintf(stderr, _("  ... and %zu more\n"), n - 20);
	}
	store_strv_free(keys, n);
	return (rc);
}

void
cli_hint(const char *cmd)
{
	fflush(stdout);
	if (cmd != NULL)
		fprintf(stderr, _("Try '%s %s --help'.\n"), cli_global.progname,
		    cmd);
	else
		fprintf(stderr, _("Try '%s --help'.\n"), cli_global.progname);
}

int
cli_getopt(int argc, char **argv, const char *optstring,
    const struct option *longopts, const char *cmd)
{
	char		 opts[128];
	const char	*arg;
	int		 opt, plus, before;

	/* Our own messages: getopt's name the program by its whole path. */
	plus = *optstring == '+';
	snprintf(opts, sizeof opts, "%s:%s", plus ? "+" : "", optstring + plus);
	opterr = 0;
	before = optind;
	opt = getopt_long(argc, argv, opts, longopts, NULL);
	if (opt != '?' && opt != ':')
		return (opt);
	/* The word at fault: done with, or the cluster "-xy" still read. */
	if (optind > before && optind > 0 && optind <= argc)
		arg = argv[optind - 1];
	else if (optind < argc)
		arg = argv[optind];
	else
		arg = "";
	if (strncmp(arg, "--", 2) != 0) {
		if (opt == ':')
			cli_error(_("option requires an argument -- '%c'"),
			    optopt);
		else
			cli_error(_("invalid option -- '%c'"), optopt);
	} else if (opt == ':')
		cli_error(_("option '%s' requires an argument"), arg);
	else if (optopt != 0)
		cli_error(_("option '%.*s' doesn't allow an argument"),
		    (int)strcspn(arg, "="), arg);
	else
		cli_error(_("unrecognized option '%s'"), arg);
	cli_hint(cmd);
	return ('?');
}

long long
cli_parse_count(const char *what, const char *arg)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(arg, &end, 10);
	if (errno != 0 || end == arg || *end != '\0' || v < 0) {
		cli_error(_("%s: not a non-negative integer: %s"), what, arg);
		return (-1);
	}
	return (v);
}

/* unix_ms in UTC as strftime's fmt has it; 0 when it has no such time. */
static int
cli_fmt_utc(int64_t unix_ms, const char *fmt, char *out, size_t len)
{
	struct tm	tm;
	time_t		t;

	t = (time_t)(unix_ms / 1000);
	if (gmtime_r(&t, &tm) == NULL || strftime(out, len, fmt, &tm) == 0)
		return (0);
	return (1);
}

const char *
cli_fmt_time(int64_t unix_ms, char *out, size_t len)
{
	if (unix_ms <= 0)
		snprintf(out, len, "-");
	else if (!cli_fmt_utc(unix_ms, "%Y-%m-%d %H:%M:%SZ", out, len))
		snprintf(out, len, "?");
	return (out);
}

json_t *
cli_json_iso(int64_t unix_ms)
{
	char	date[32];

	if (unix_ms <= 0 || !cli_fmt_utc(unix_ms, "%Y-%m-%dT%H:%M:%S", date,
	    sizeof date))
		return (json_null());
	return (json_sprintf("%s.%03dZ", date, (int)(unix_ms % 1000)));
}

/* ---------------------------------------------------------------- tables */

struct table {
	int		  ncols;
	char		**headers;
	char		 *align;
	int		 *maxwidth;
	int		 *width;
	int		 *prio;		/* NULL: the right-most drops first */
	int		 *min;		/* NULL: from maxwidth */
	int		  ids;		/* the id column, or -1 */
	int		  tty;		/* printing to a terminal */
	char		**cells;	/* nrows * ncols, sanitised */
	size_t		  nrows;
	size_t		  cap;
};

struct table *
table_new(int ncols, const char *const *headers, const char *align,
    const int *maxwidth)
{
	struct table	*t;
	int		 i;

	t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->headers = xcalloc((size_t)ncols, sizeof *t->headers);
	t->align = xstrdup(align);
	t->maxwidth = xcalloc((size_t)ncols, sizeof *t->maxwidth);
	t->width = xcalloc((size_t)ncols, sizeof *t->width);
	t->ids = -1;
	for (i = 0; i < ncols; i++) {
		t->headers[i] = xstrdup(headers[i]);
		t->maxwidth[i] = maxwidth != NULL ? maxwidth[i] : 0;
		t->width[i] = textwidth_measure(headers[i]);
	}
	return (t);
}

void
table_set_layout(struct table *t, const int *prio, const int *min, int ids)
{
	free(t->prio);
	free(t->min);
	t->prio = t->min = NULL;
	if (prio != NULL) {
		t->prio = xcalloc((size_t)t->ncols, sizeof *t->prio);
		memcpy(t->prio, prio, (size_t)t->ncols * sizeof *t->prio);
	}
	if (min != NULL) {
		t->min = xcalloc((size_t)t->ncols, sizeof *t->min);
		memcpy(t->min, min, (size_t)t->ncols * sizeof *t->min);
	}
	t->ids = ids;
}

void
table_add(struct table *t, const char *const *cells)
{
	char	*clean;
	int	 i, w;

	if (t->nrows == t->cap) {
		t->cap = t->cap == 0 ? 64 : t->cap * 2;
		t->cells = xreallocarray(t->cells, t->cap * (size_t)t->ncols,
		    sizeof *t->cells);
	}
	for (i = 0; i < t->ncols; i++) {
		/* Kept whole: an id is shortened in its middle on a
		 * terminal; the maximum width cuts the end when printed. */
		clean = sanitize_text(cells[i] != NULL ? cells[i] : "-", 4096);
		t->cells[t->nrows * (size_t)t->ncols + (size_t)i] = clean;
		w = textwidth_measure(clean);
		if (t->maxwidth[i] > 0 && w > t->maxwidth[i])
			w = t->maxwidth[i];
		if (w > t->width[i])
			t->width[i] = w;
	}
	t->nrows++;
}

static void
table_cell(FILE *f, const char *s, int width, char align, int last)
{
	char	*cell;

	/* Cut when narrowed to the terminal (table_shrink); the last column
	 * is not padded on the right. */
	cell = last && align != 'r' ? textwidth_cut(s, width) :
	    textwidth_pad(s, width, align);
	fputs(cell, f);
	free(cell);
}

/* The width of the terminal f is, or 0: a pipe or a file is never cut. */
static int
table_columns(FILE *f)
{
	struct winsize	ws;
	int		fd;

	fd = fileno(f);
	if (fd < 0 || !isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) != 0)
		return (0);
	return (ws.ws_col);
}

/* Columns that are cut anyway (a maximum width) narrow to no less. */
#define TABLE_MIN_CUT	8
/* The rows on either side an id is told apart from when shortened. */
#define TABLE_ID_WINDOW	32

/*
 * On a terminal of cols columns: which columns fit and how wide
 * (util/table-layout.h); the widths in t->width, 0 for a column dropped.
 */
static void
table_fit(struct table *t, int cols)
{
	struct table_layout_col	*l;
	int			 i, floor;

	l = xcalloc((size_t)t->ncols, sizeof *l);
	for (i = 0; i < t->ncols; i++) {
		l[i].want = t->width[i];
		l[i].prio = t->prio != NULL ? t->prio[i] : i;
		if (t->min != NULL) {
			l[i].min = t->min[i] < 0 ? 0 : t->min[i];
			l[i].spare = t->min[i] < 0;
		}
		else if (t->maxwidth[i] > 0) {
			floor = textwidth_measure(t->headers[i]);
			l[i].min = floor > TABLE_MIN_CUT ? floor :
			    TABLE_MIN_CUT;
		}
	}
	(void)table_layout_fit(l, t->ncols, cols, 2, 0);
	for (i = 0; i < t->ncols; i++)
		t->width[i] = l[i].width;
	free(l);
}

/* The last shown column, or -1. */
static int
table_last(const struct table *t)
{
	int	i;

	for (i = t->ncols - 1; i >= 0; i--) {
		if (t->width[i] > 0)
			return (i);
	}
	return (-1);
}

/* Row r's cell i as shown: an id shortened against its neighbours. */
static void
table_print_cell(struct table *t, FILE *f, size_t r, int i, int last)
{
	const char	**ids;
	char		 *s;
	size_t		  from, to, k;

	if (r == (size_t)-1)
		s = t->headers[i];
	else
		s = t->cells[r * (size_t)t->ncols + (size_t)i];
	if (r != (size_t)-1 && t->tty && i == t->ids &&
	    textwidth_measure(s) > t->width[i]) {
		from = r > TABLE_ID_WINDOW ? r - TABLE_ID_WINDOW : 0;
		to = r + TABLE_ID_WINDOW < t->nrows ? r + TABLE_ID_WINDOW + 1 :
		    t->nrows;
		ids = xcalloc(to - from, sizeof *ids);
		for (k = from; k < to; k++)
			ids[k - from] = t->cells[k * (size_t)t->ncols +
			    (size_t)i];
		s = table_layout_elide(ids, to - from, r - from, t->width[i]);
		free(ids);
		table_cell(f, s, t->width[i], t->align[i], last);
		free(s);
		return;
	}
	table_cell(f, s, t->width[i], t->align[i], last);
}

void
table_print(struct table *t, FILE *f)
{
	size_t	r;
	int	i, cols, last;

	if ((t->tty = (cols = table_columns(f)) > 0))
		table_fit(t, cols);
	last = table_last(t);
	/* Row -1 is the header. */
	for (r = (size_t)-1; r == (size_t)-1 || r < t->nrows; r++) {
		for (i = 0; i <= last; i++) {
			if (t->width[i] == 0)
				continue;
			table_print_cell(t, f, r, i, i == last);
			fputs(i == last ? "\n" : "  ", f);
		}
	}
}

void
table_free(struct table *t)
{
	size_t	i;

	if (t == NULL)
		return;
	for (i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	for (i = 0; i < (size_t)t->ncols; i++)
		free(t->headers[i]);
	free(t->cells);
	free(t->headers);
	free(t->align);
	free(t->maxwidth);
	free(t->width);
	free(t->prio);
	free(t->min);
	free(t);
}

/* ---------------------------------------------------- machine row output */

/*
 * COL_JSON: text holding a JSON document, given as that document.
 * COL_FREE: free as judged by price (project/cost.h, cost_free()), not
 * the listing's flag alone.
 */
enum col_type { COL_TEXT, COL_INT, COL_REAL, COL_BOOL, COL_JSON, COL_FREE };

struct col {
	const char	*name;
	enum col_type	 type;
	size_t		 offset;
};

#define COL(name, type) { #name, type, offsetof(struct ep_row, name) }
static const struct col cols[] = {
	COL(endpoint_id, COL_TEXT),
	COL(model_key, COL_TEXT),
	COL(model_id, COL_TEXT),
	COL(model_name, COL_TEXT),
	COL(provider_slug, COL_TEXT),
	COL(provider_name, COL_TEXT),
	COL(context_length, COL_INT),
	COL(max_output, COL_INT),
	COL(variant, COL_TEXT),
	COL(quantization, COL_TEXT),
	COL(is_free, COL_FREE),
	COL(is_hidden, COL_BOOL),
	COL(is_disabled, COL_BOOL),
	COL(price_prompt, COL_REAL),
	COL(price_completion, COL_REAL),
	COL(price_cache_read, COL_REAL),
	COL(supports_images, COL_BOOL),
	COL(supports_tools, COL_BOOL),
	COL(supports_reasoning, COL_BOOL),
	COL(p50_latency_ms, COL_REAL),
	COL(p50_throughput, COL_REAL),
	COL(request_count, COL_INT),
	COL(uptime, COL_REAL),
	COL(limit_rpm, COL_INT),
	COL(limit_rpd, COL_INT),
	COL(training, COL_BOOL),
	COL(retains_prompts, COL_BOOL),
	COL(status, COL_INT),
	COL(first_run_id, COL_INT),
	COL(last_run_id, COL_INT),
	COL(active, COL_BOOL),
	COL(price_request, COL_REAL),
	COL(price_cache_write, COL_REAL),
	COL(price_cache_write_1h, COL_REAL),
	COL(price_internal_reasoning, COL_REAL),
	COL(price_web_search, COL_REAL),
	COL(price_image, COL_REAL),
	COL(price_image_token, COL_REAL),
	COL(price_image_output, COL_REAL),
	COL(price_audio, COL_REAL),
	COL(price_audio_output, COL_REAL),
	COL(price_input_audio_cache, COL_REAL),
	COL(discount, COL_REAL),
	COL(price_overrides, COL_JSON),
	COL(uptime_5m, COL_REAL),
	COL(uptime_1d, COL_REAL),
	COL(implicit_caching, COL_BOOL),
	COL(max_prompt_tokens, COL_INT),
	COL(latency_p50_ms, COL_REAL),
	COL(latency_p75_ms, COL_REAL),
	COL(latency_p90_ms, COL_REAL),
	COL(latency_p99_ms, COL_REAL),
	COL(throughput_p50, COL_REAL),
	COL(throughput_p75, COL_REAL),
	COL(throughput_p90, COL_REAL),
	COL(throughput_p99, COL_REAL),
	COL(region, COL_TEXT),
};
#define NCOLS (sizeof cols / sizeof cols[0])

static json_t *
col_json(const struct ep_row *r, const struct col *c)
{
	const char	*base = (const char *)r;
	const char	*s;
	json_t		*v;
	int64_t		 i;
	double		 d;
	int		 b;

	switch (c->type) {
	case COL_TEXT:
		memcpy(&s, base + c->offset, sizeof s);
		return (cli_json_str(s));
	case COL_INT:
		memcpy(&i, base + c->offset, sizeof i);
		return (cli_json_int(i));
	case COL_REAL:
		memcpy(&d, base + c->offset, sizeof d);
		return (cli_json_real(d));
	case COL_BOOL:
		memcpy(&b, base + c->offset, sizeof b);
		return (b >= 0 ? json_boolean(b) : json_null());
	case COL_FREE:
		b = cost_free(r);
		return (b >= 0 ? json_boolean(b) : json_null());
	case COL_JSON:
		/* Overrides: none is an empty list, never null. */
		memcpy(&s, base + c->offset, sizeof s);
		if (s == NULL || (v = json_loads(s, 0, NULL)) == NULL)
			return (json_array());
		return (v);
	}
	return (json_null());
}

/* JSON of v with the code points that steer a terminal even inside a
 * string escaped (util/sanitize.h): the same document, safe to print. */
json_t *
cli_json_str(const char *s)
{
	return (s != NULL ? json_string(s) : json_null());
}

json_t *
cli_json_int(int64_t v)
{
	return (v != EP_NULL_INT ? json_integer(v) : json_null());
}

json_t *
cli_json_real(double v)
{
	return (!isnan(v) ? json_real(v) : json_null());
}

void
cli_json_write(FILE *f, const json_t *v, size_t flags)
{
	char	*text, *safe;

	if ((text = json_text(v, flags | JSON_ENCODE_ANY)) == NULL)
		return;
	safe = sanitize_json(text);
	fputs(safe, f);
	free(safe);
	free(text);
}

void
cli_json_item(FILE *f, size_t i, json_t *o)
{
	fputs(i == 0 ? "\n" : ",\n", f);
	cli_json_write(f, o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_REAL_PRECISION(17));
	json_decref(o);
}

void
cli_json_end(FILE *f, size_t n)
{
	fputs(n == 0 ? "]\n" : "\n]\n", f);
}

void
cli_rows_json(FILE *f, const struct ep_row *rows, size_t n,
    const double *extra, const char *extra_name)
{
	json_t	*obj, *v;
	size_t	 i, c;

	fputs("[", f);
	for (i = 0; i < n; i++) {
		obj = json_object();
		for (c = 0; c < NCOLS; c++)
			json_object_set_new(obj, cols[c].name,
			    col_json(&rows[i], &cols[c]));
		if (extra != NULL) {
			v = isnan(extra[i]) ? json_null() : json_real(extra[i]);
			json_object_set_new(obj, extra_name, v);
		}
		cli_json_item(f, i, obj);
	}
	cli_json_end(f, n);
}

static void
csv_field(FILE *f, const char *s)
{
	char		*clean;
	const char	*p;

	/* CSV is read by people too: no control characters reach stdout. */
	clean = sanitize_text(s, 0);
	if (strpbrk(clean, ",\"\n\r") == NULL) {
		fputs(clean, f);
		free(clean);
		return;
	}
	fputc('"', f);
	for (p = clean; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
	free(clean);
}

void
cli_object_csv(FILE *f, const json_t *o, int header)
{
	const char	*key;
	json_t		*v;
	size_t		 c = 0;

	if (header) {
		json_object_foreach((json_t *)o, key, v) {
			if (c++ > 0)
				fputc(',', f);
			csv_field(f, key);
		}
		fputs("\r\n", f);
	}
	c = 0;
	json_object_foreach((json_t *)o, key, v) {
		if (c++ > 0)
			fputc(',', f);
		cli_csv_value(f, v);
	}
	fputs("\r\n", f);
}

void
cli_csv_value(FILE *f, const json_t *v)
{
	char	*text, num[32];

	if (json_is_string(v))
		csv_field(f, json_string_value(v));
	else if (json_is_true(v))
		fputc('1', f);
	else if (json_is_false(v))
		fputc('0', f);
	else if (json_is_real(v))
		fputs(numfmt_exact(json_real_value(v), num, sizeof num), f);
	else if (v != NULL && !json_is_null(v)) {
		text = json_text(v, JSON_ENCODE_ANY | JSON_COMPACT |
		    JSON_REAL_PRECISION(17));
		/* A list holds commas and quotes. */
		if (json_is_array(v))
			csv_field(f, text);
		else
			fputs(text, f);
		free(text);
	}
}

void
cli_csv_field(FILE *f, const char *s)
{
	csv_field(f, s);
}

void
cli_rows_csv(FILE *f, const struct ep_row *rows, size_t n,
    const double *extra, const char *extra_name)
{
	json_t	*v;
	size_t	 i, c;
	char	 num[32];

	for (c = 0; c < NCOLS; c++)
		fprintf(f, "%s%s", c == 0 ? "" : ",", cols[c].name);
	if (extra != NULL)
		fprintf(f, ",%s", extra_name);
	fputs("\r\n", f);
	for (i = 0; i < n; i++) {
		for (c = 0; c < NCOLS; c++) {
			if (c > 0)
				fputc(',', f);
			v = col_json(&rows[i], &cols[c]);
			cli_csv_value(f, v);
			json_decref(v);
		}
		if (extra != NULL) {
			fputc(',', f);
			fputs(numfmt_exact(extra[i], num, sizeof num), f);
		}
		fputs("\r\n", f);
	}
}

char *
cli_resolve_model(struct store *store, const char *cmd, const char *query)
{
	char	*key, *clean;

	if (cli_model_resolve(store, cmd, query, &key) == 1) {
		clean = sanitize_text(query, 200);
		cli_error(_("%s: no model matches \"%s\""), cmd, clean);
		free(clean);
	}
	return (key);
}

struct filter *
cli_filter_args(const char *cmd, int argc, char **argv, int from)
{
	struct filter_error	 ferr;
	struct filter		*filter;
	struct buf		 expr = BUF_INIT;
	char			*clean;
	int			 i;

	/* Several arguments form one filter, as if quoted together. */
	for (i = from; i < argc; i++) {
		if (expr.len > 0)
			buf_addch(&expr, ' ');
		buf_addstr(&expr, argv[i]);
	}
	memset(&ferr, 0, sizeof ferr);
	if ((filter = filter_parse(buf_str(&expr), &ferr)) == NULL) {
		cli_error(_("%s: bad filter at column %d: %s"), cmd,
		    ferr.column, ferr.message);
		clean = sanitize_text(buf_str(&expr), 0);
		fprintf(stderr, "  %s\n  %*s^\n", clean, ferr.column - 1, "");
		free(clean);
		free(ferr.message);
	}
	buf_free(&expr);
	return (filter);
}

json_t *
cli_change_value_json(const struct change_value *v)
{
	switch (v->type) {
	case CHV_INT:
		return (json_integer(v->i));
	case CHV_REAL:
		return (isfinite(v->r) ? json_real(v->r) : json_null());
	case CHV_TEXT:
		/* Invalid UTF-8 is escaped by cli_json_write(). */
		return (json_string_nocheck(v->s));
	default:
		return (json_null());
	}
}
