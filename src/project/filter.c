#include "config.h"

#include "project/filter.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "project/cost.h"
#include "project/model.h"
#include "project/provider.h"
#include "util/civil.h"
#include "util/i18n.h"
#include "util/numfmt.h"
#include "util/xmalloc.h"

/*
 * Grammar, as implemented (ASCII whitespace separates terms):
 *
 *	filter	= { blank } [ term { blank { blank } term } ] { blank }
 *	term	= [ "!" ] body
 *	body	= quoted			literal bare word
 *		| word				flag if it names one, else bare word
 *		| name ":" value		text field
 *		| name op number		comparison
 *		| "cutoff" op date		knowledge cutoff
 *	quoted	= '"' { any byte but '"' } '"'	(non-empty, no escapes)
 *	word	= bytes without blanks or ! : < > = "
 *	value	= quoted | bytes without blanks or ! < > = "  (':' allowed)
 *	op	= "<" | "<=" | ">" | ">=" | "="
 *	number	= [ "+" | "-" ] digits [ "." digits ] [ ( "e" | "E" )
 *		  [ "+" | "-" ] digits ] [ "k" | "K" | "m" | "M" ]
 *	date	= YYYY "-" MM [ "-" DD ]
 *
 * Outside quotes the bytes ! : < > = " are syntax, so a word holding one
 * that does not fit a form above is an error, never a substring search.
 * Flag and field names are case-insensitive.  A quoted word is always a
 * substring search, which is how to look for "free" or "a:b" literally.
 * Numbers are parsed here rather than with strtod() so that LC_NUMERIC
 * cannot change what "0.5" means.
 */

/* Result of one term on one row: true, false or unknown (a NULL value). */
#define FILTER_UNKNOWN	(-1)

/* Relative tolerance for "=", "<=" and ">=" on reals (prices per 1M). */
#define FILTER_EPSILON	1e-9

enum filter_kind {
	FILTER_WORD,
	FILTER_FLAG,
	FILTER_FIELD,
	FILTER_CMP
};

enum filter_flag {
	FILTER_FLAG_FREE,
	FILTER_FLAG_TOOLS,
	FILTER_FLAG_IMAGES,
	FILTER_FLAG_REASONING,
	FILTER_FLAG_ACTIVE,
	FILTER_FLAG_NO_TRAIN,
	FILTER_FLAG_NO_RETAIN,
	FILTER_FLAG_WATCHED
};

enum filter_field {
	FILTER_FIELD_PROVIDER,
	FILTER_FIELD_QUANT,
	FILTER_FIELD_VARIANT,
	FILTER_FIELD_MODEL,
	FILTER_FIELD_IN,	/* an input modality, the whole item */
	FILTER_FIELD_OUT,	/* an output modality */
	FILTER_FIELD_PARAM,	/* a supported parameter */
	FILTER_FIELD_HQ,
	FILTER_FIELD_DC
};

enum filter_num {
	FILTER_NUM_CTX,
	FILTER_NUM_OUT,
	FILTER_NUM_PROMPT,
	FILTER_NUM_COMPLETION,
	FILTER_NUM_LATENCY,
	FILTER_NUM_TPS,
	FILTER_NUM_UPTIME,
	FILTER_NUM_EXPIRES,	/* days until the model's expiration date */
	FILTER_NUM_CUTOFF,	/* knowledge cutoff: months or days */
	FILTER_NUM_USAGE	/* the model's tokens over the last 7 days */
};

enum filter_op {
	FILTER_LT,
	FILTER_LE,
	FILTER_GT,
	FILTER_GE,
	FILTER_EQ
};

/* Separators in struct filter_words (below). */
#define FILTER_WORDS_SEP	'\x1f'
#define FILTER_WORDS_END	'\x1e'

struct filter_term {
	enum filter_kind	 kind;
	int			 neg;
	int			 which;	/* filter_flag, _field or _num */
	enum filter_op		 op;
	double			 number;
	int			 shown;	/* "=" takes [lo, hi], as shown */
	double			 lo, hi;
	char			*needle; /* ASCII-lowercased, owned */
	size_t			 needlelen;
	int			 key;	/* a word for a ~ alias: the needle
					 * is its target's model key, whole */
	int			 plain;	/* a needle a struct filter_words
					 * can search: not empty, no
					 * separator */
	int64_t			 today;	/* expires: days since 1970 */
	int			 by_month; /* cutoff given as YYYY-MM */
};

struct filter {
	struct filter_term	*terms;
	int			 nterms;
};

struct filter_name {
	const char	*name;
	int		 which;
};

static const struct filter_name filter_flags[] = {
	{ "free", FILTER_FLAG_FREE },
	{ "tools", FILTER_FLAG_TOOLS },
	{ "images", FILTER_FLAG_IMAGES },
	{ "reasoning", FILTER_FLAG_REASONING },
	{ "active", FILTER_FLAG_ACTIVE },
	{ "no-train", FILTER_FLAG_NO_TRAIN },
	{ "no-retain", FILTER_FLAG_NO_RETAIN },
	{ "watched", FILTER_FLAG_WATCHED },
	{ NULL, 0 }
};

static const struct filter_name filter_fields[] = {
	{ "provider", FILTER_FIELD_PROVIDER },
	{ "quant", FILTER_FIELD_QUANT },
	{ "variant", FILTER_FIELD_VARIANT },
	{ "model", FILTER_FIELD_MODEL },
	{ "in", FILTER_FIELD_IN },
	{ "out", FILTER_FIELD_OUT },
	{ "param", FILTER_FIELD_PARAM },
	{ "hq", FILTER_FIELD_HQ },
	{ "dc", FILTER_FIELD_DC },
	{ NULL, 0 }
};

static const struct filter_name filter_nums[] = {
	{ "ctx", FILTER_NUM_CTX },
	{ "out", FILTER_NUM_OUT },
	{ "prompt", FILTER_NUM_PROMPT },
	{ "completion", FILTER_NUM_COMPLETION },
	{ "latency", FILTER_NUM_LATENCY },
	{ "tps", FILTER_NUM_TPS },
	{ "uptime", FILTER_NUM_UPTIME },
	{ "expires", FILTER_NUM_EXPIRES },
	{ "cutoff", FILTER_NUM_CUTOFF },
	{ "usage", FILTER_NUM_USAGE },
	{ NULL, 0 }
};

/* Only ASCII letters fold; UTF-8 bytes compare exactly. */
static inline unsigned char
filter_fold(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return (c - 'A' + 'a');
	return (c);
}

static int
filter_isblank(char c)
{
	return (c == ' ' || c == '\t' || c == '\n' || c == '\v' ||
	    c == '\f' || c == '\r');
}

static int
filter_isdigit(char c)
{
	return (c >= '0' && c <= '9');
}

/* Look a name up case-insensitively; returns its value or -1. */
static int
filter_lookup(const struct filter_name *table, const char *s, size_t len)
{
	const struct filter_name	*fn;
	size_t				 i;

	for (fn = table; fn->name != NULL; fn++) {
		if (strlen(fn->name) != len)
			continue;
		for (i = 0; i < len; i++) {
			if (filter_fold((unsigned char)s[i]) !=
			    (unsigned char)fn->name[i])
				break;
		}
		if (i == len)
			return (fn->which);
	}
	return (-1);
}

static void
filter_set_needle(struct filter_term *t, const char *s, size_t len)
{
	size_t	i;

	t->needle = xmalloc(len + 1);
	for (i = 0; i < len; i++)
		t->needle[i] = (char)filter_fold((unsigned char)s[i]);
	t->needle[len] = '\0';
	t->needlelen = len;
	t->plain = len > 0 && memchr(t->needle, FILTER_WORDS_SEP, len) ==
	    NULL && memchr(t->needle, FILTER_WORDS_END, len) == NULL;
}

/*
 * Take the quoted string starting at p (which points at '"') as the whole
 * rest of the term.  The tokenizer has already paired the quotes.
 */
static int
filter_unquote(const char *text, const char *p, const char **start,
    size_t *len, char **cause)
{
	const char	*close;

	close = strchr(p + 1, '"');
	if (close == NULL || close[1] != '\0') {
		*cause = xasprintf(_("unexpected text after closing quote in "
		    "\"%s\""), text);
		return (-1);
	}
	if (close == p + 1) {
		*cause = xasprintf(_("empty quotes in \"%s\""), text);
		return (-1);
	}
	*start = p + 1;
	*len = (size_t)(close - p - 1);
	return (0);
}

/*
 * Parse a number with an optional k (x1000) or m (x1,000,000) suffix,
 * *suffix set when it has one.  Returns 0, -1 for a malformed number, -2
 * for one out of range.
 */
static int
filter_parse_number(const char *s, double *out, int *suffix)
{
	uint64_t	mant = 0;
	long		exp10 = 0, e = 0;
	int		ndigits = 0, negative = 0, eneg = 0;
	double		v, scale;

	if (*s == '+' || *s == '-')
		negative = (*s++ == '-');
	for (; filter_isdigit(*s); s++, ndigits++) {
		if (mant < UINT64_C(1000000000000000000))
			mant = mant * 10 + (uint64_t)(*s - '0');
		else
			exp10++;
	}
	if (*s == '.') {
		for (s++; filter_isdigit(*s); s++, ndigits++) {
			if (mant < UINT64_C(1000000000000000000)) {
				mant = mant * 10 + (uint64_t)(*s - '0');
				exp10--;
			}
		}
	}
	if (ndigits == 0)
		return (-1);
	if (*s == 'e' || *s == 'E') {
		s++;
		if (*s == '+' || *s == '-')
			eneg = (*s++ == '-');
		if (!filter_isdigit(*s))
			return (-1);
		for (; filter_isdigit(*s); s++) {
			if (e < 100000)
				e = e * 10 + (*s - '0');
		}
		exp10 += eneg ? -e : e;
	}
	scale = 1;
	*suffix = *s != '\0';
	if (*s == 'k' || *s == 'K') {
		scale = 1e3;
		s++;
	} else if (*s == 'm' || *s == 'M') {
		scale = 1e6;
		s++;
	}
	if (*s != '\0')
		return (-1);

	/*
	 * Powers of ten up to 1e22 are exact, so a short decimal such as
	 * "0.0000025" (25 / 1e7) comes out correctly rounded.
	 */
	if (mant == 0 || exp10 < -400)
		v = 0;
	else if (exp10 > 400)
		return (-2);
	else if (exp10 >= 0)
		v = (double)mant * pow(10, (double)exp10);
	else
		v = (double)mant / pow(10, (double)-exp10);
	v *= scale;
	if (!isfinite(v))
		return (-2);
	*out = negative ? -v : v;
	return (0);
}

static int
filter_parse_field(const char *text, const char *name, size_t namelen,
    const char *value, struct filter_term *t, char **cause)
{
	const char	*start, *bad;
	size_t		 len;
	int		 which;

	which = filter_lookup(filter_fields, name, namelen);
	if (which == -1) {
		if (filter_lookup(filter_nums, name, namelen) != -1) {
			*cause = xasprintf(_("field \"%.*s\" needs a comparison "
			    "(< <= > >= =), not \":\", in \"%s\""),
			    (int)namelen, name, text);
		} else {
			*cause = xasprintf(_("unknown field \"%.*s\" in \"%s\" "
			    "(quote a word to search for it as it is)"),
			    (int)namelen, name, text);
		}
		return (-1);
	}
	if (*value == '\0') {
		*cause = xasprintf(_("missing value in \"%s\""), text);
		return (-1);
	}
	if (*value == '"') {
		if (filter_unquote(text, value, &start, &len, cause) != 0)
			return (-1);
	} else {
		bad = strpbrk(value, "!<>=\"");
		if (bad != NULL) {
			*cause = xasprintf(_("unexpected \"%c\" in \"%s\" "
			    "(quote the value to search for it)"), *bad, text);
			return (-1);
		}
		start = value;
		len = strlen(value);
	}
	t->kind = FILTER_FIELD;
	t->which = which;
	filter_set_needle(t, start, len);
	return (0);
}

/*
 * A cutoff date: YYYY-MM compares months (cutoff>=2025-06 is June 2025 or
 * later), YYYY-MM-DD compares days.
 */
static int
filter_parse_date(const char *text, const char *p, struct filter_term *t,
    char **cause)
{
	size_t	i, len;
	int	y, m, d = 1;

	len = strlen(p);
	for (i = 0; i < len; i++) {
		if ((i == 4 || i == 7) ? p[i] != '-' : (p[i] < '0' ||
		    p[i] > '9'))
			break;
	}
	if (i != len || (len != 7 && len != 10))
		goto bad;
	y = atoi(p);
	m = atoi(p + 5);
	if (len == 10)
		d = atoi(p + 8);
	if (m < 1 || m > 12 || d < 1 || d > civil_month_days(y, m))
		goto bad;
	t->by_month = len == 7;
	t->number = t->by_month ? (double)y * 12 + m - 1 :
	    (double)civil_to_days(y, m, d);
	return (0);
bad:
	*cause = xasprintf(_("invalid date \"%s\" in \"%s\" (use YYYY-MM or "
	    "YYYY-MM-DD)"), p, text);
	return (-1);
}

/*
 * "ctx=32k" means every count shown as 32k (util/numfmt.h): a count
 * compared with "=" and a number with a suffix takes the range of the
 * counts that read as that number does.
 */
static void
filter_shown_range(struct filter_term *t, int suffix)
{
	int64_t	lo, hi;

	if (!suffix || t->op != FILTER_EQ || (t->which != FILTER_NUM_CTX &&
	    t->which != FILTER_NUM_OUT) || !(fabs(t->number) < 9e18))
		return;
	numfmt_count_range((int64_t)llround(t->number), &lo, &hi);
	t->shown = 1;
	t->lo = (double)lo;
	t->hi = (double)hi;
}

static int
filter_parse_cmp(const char *text, const char *name, size_t namelen,
    const char *op, struct filter_term *t, char **cause)
{
	const char	*p = op;
	int		 which, suffix;

	which = filter_lookup(filter_nums, name, namelen);
	if (which == -1) {
		if (filter_lookup(filter_fields, name, namelen) != -1) {
			*cause = xasprintf(_("field \"%.*s\" takes a value "
			    "after \":\", not a comparison, in \"%s\""),
			    (int)namelen, name, text);
		} else {
			*cause = xasprintf(_("unknown field \"%.*s\" in \"%s\""),
			    (int)namelen, name, text);
		}
		return (-1);
	}

	if (*p == '<') {
		t->op = FILTER_LT;
		if (*++p == '=') {
			t->op = FILTER_LE;
			p++;
		}
	} else if (*p == '>') {
		t->op = FILTER_GT;
		if (*++p == '=') {
			t->op = FILTER_GE;
			p++;
		}
	} else {
		t->op = FILTER_EQ;
		p++;
	}
	if (*p == '<' || *p == '>' || *p == '=' || *p == '!') {
		*cause = xasprintf(_("invalid operator in \"%s\" (use one of "
		    "< <= > >= =)"), text);
		return (-1);
	}
	if (*p == '\0') {
		*cause = xasprintf(_("missing number in \"%s\""), text);
		return (-1);
	}
	t->kind = FILTER_CMP;
	t->which = which;
	if (which == FILTER_NUM_CUTOFF)
		return (filter_parse_date(text, p, t, cause));
	if (which == FILTER_NUM_EXPIRES)
		t->today = model_today();
	switch (filter_parse_number(p, &t->number, &suffix)) {
	case 0:
		break;
	case -2:
		*cause = xasprintf(_("number out of range in \"%s\""), text);
		return (-1);
	default:
		*cause = xasprintf(_("invalid number \"%s\" in \"%s\""), p,
		    text);
		return (-1);
	}
	filter_shown_range(t, suffix);
	return (0);
}

/* Compile one term (a NUL-terminated copy of it) into t. */
static int
filter_parse_term(const char *text, struct filter_term *t, char **cause)
{
	const char	*body, *sep, *start;
	size_t		 len;
	int		 which;

	memset(t, 0, sizeof *t);
	body = text;
	if (*body == '!') {
		t->neg = 1;
		body++;
	}
	if (*body == '\0') {
		*cause = xstrdup(_("\"!\" must be followed by a term"));
		return (-1);
	}

	if (*body == '"') {
		if (filter_unquote(text, body, &start, &len, cause) != 0)
			return (-1);
		t->kind = FILTER_WORD;
		filter_set_needle(t, start, len);
		return (0);
	}

	sep = body + strcspn(body, "!:<>=\"");
	if (*sep == '\0') {
		len = strlen(body);
		which = filter_lookup(filter_flags, body, len);
		if (which != -1) {
			t->kind = FILTER_FLAG;
			t->which = which;
		} else {
			t->kind = FILTER_WORD;
			filter_set_needle(t, body, len);
		}
		return (0);
	}
	if (*sep == '!') {
		*cause = xasprintf(_("unexpected \"!\" in \"%s\" (a leading "
		    "\"!\" negates a whole term)"), text);
		return (-1);
	}
	if (*sep == '"') {
		*cause = xasprintf(_("unexpected quote in \"%s\""), text);
		return (-1);
	}
	if (sep == body) {
		*cause = xasprintf(_("missing field name in \"%s\""), text);
		return (-1);
	}
	if (*sep == ':') {
		return (filter_parse_field(text, body, (size_t)(sep - body),
		    sep + 1, t, cause));
	}
	return (filter_parse_cmp(text, body, (size_t)(sep - body), sep, t,
	    cause));
}

static void
filter_set_error(struct filter_error *err, size_t offset, size_t len,
    char *message)
{
	if (err == NULL) {
		free(message);
		return;
	}
	err->column = offset >= INT_MAX ? INT_MAX : (int)offset + 1;
	err->length = len > INT_MAX ? INT_MAX : (int)len;
	err->message = message;
}

struct filter *
filter_parse(const char *input, struct filter_error *err)
{
	struct filter	*f;
	const char	*close;
	char		*text, *cause;
	size_t		 i, start;
	int		 rc;

	if (err != NULL) {
		err->column = 0;
		err->length = 0;
		err->message = NULL;
	}
	f = xcalloc(1, sizeof *f);
	if (input == NULL)
		return (f);

	i = 0;
	for (;;) {
		while (filter_isblank(input[i]))
			i++;
		if (input[i] == '\0')
			break;

		/* A term runs to the next blank outside quotes. */
		start = i;
		while (input[i] != '\0' && !filter_isblank(input[i])) {
			if (input[i] != '"') {
				i++;
				continue;
			}
			close = strchr(input + i + 1, '"');
			if (close == NULL) {
				cause = xasprintf(_("unterminated quote in "
				    "\"%s\""), input + i);
				filter_set_error(err, i, strlen(input + i),
				    cause);
				goto fail;
			}
			i = (size_t)(close - input) + 1;
		}

		if (f->nterms == INT_MAX) {
			filter_set_error(err, start, i - start,
			    xstrdup(_("too many terms")));
			goto fail;
		}
		f->terms = xreallocarray(f->terms, (size_t)f->nterms + 1,
		    sizeof *f->terms);
		text = xstrndup(input + start, i - start);
		cause = NULL;
		rc = filter_parse_term(text, &f->terms[f->nterms], &cause);
		free(text);
		if (rc != 0) {
			filter_set_error(err, start, i - start, cause);
			goto fail;
		}
		f->nterms++;
	}
	return (f);

fail:
	filter_free(f);
	return (NULL);
}

void
filter_free(struct filter *f)
{
	int	i;

	if (f == NULL)
		return;
	for (i = 0; i < f->nterms; i++)
		free(f->terms[i].needle);
	free(f->terms);
	free(f);
}

void
filter_resolve_aliases(struct filter *f, char *(*resolve)(const char *,
    void *), void *arg)
{
	struct filter_term	*t;
	char			*target;
	int			 i;

	for (i = 0; f != NULL && i < f->nterms; i++) {
		t = &f->terms[i];
		if (t->kind != FILTER_WORD || t->needle == NULL ||
		    t->needle[0] != '~')
			continue;
		if ((target = resolve(t->needle, arg)) == NULL)
			continue;
		free(t->needle);
		filter_set_needle(t, target, strlen(target));
		t->key = 1;
		free(target);
	}
}

int
filter_nterms(const struct filter *f)
{
	return (f->nterms);
}

/*
 * Case-insensitive substring; the needle is already lowercase.  The first
 * byte is looked for with strchr() or strpbrk() (both cases), which scan
 * many bytes at a time: the UI runs this over every row at each key.
 */
static int
filter_contains(const char *hay, const char *needle, size_t len)
{
	const unsigned char	*n = (const unsigned char *)needle;
	const char		*h = hay;
	char			 first[3];
	size_t			 i;

	first[0] = (char)n[0];
	first[1] = n[0] >= 'a' && n[0] <= 'z' ? (char)(n[0] - 'a' + 'A') :
	    '\0';
	first[2] = '\0';
	if (len == 0)
		return (0);
	for (;;) {
		h = first[1] == '\0' ? strchr(h, first[0]) :
		    strpbrk(h, first);
		if (h == NULL)
			return (0);
		/* The needle holds no NUL, so this stops at hay's end. */
		for (i = 1; i < len; i++) {
			if (filter_fold((unsigned char)h[i]) != n[i])
				break;
		}
		if (i == len)
			return (1);
		h++;
	}
}

/* The fields a word term searches, in the order of struct filter_words. */
static void
filter_word_fields(const struct ep_row *row, const char **f)
{
	f[0] = row->model_key;
	f[1] = row->model_name;
	f[2] = row->provider_slug;
	f[3] = row->provider_name;
	f[4] = row->model_id;
}

/*
 * The words of many rows in one buffer, lowercased, the fields a word term
 * searches (filter_eval(): model key and name, provider slug and name, the
 * public id) split by FILTER_WORDS_SEP and each row ended by
 * FILTER_WORDS_END.  A needle holds neither, so a match found in the buffer
 * lies inside one field of one row.  Searching one contiguous buffer with
 * memchr() is several times faster than visiting every row's strings.
 */

struct filter_words {
	char		*buf;
	size_t		*off;		/* n + 1: row i is [off[i], off[i+1]) */
	unsigned char	*known;		/* some field is not NULL */
	size_t		 n;
};

struct filter_words *
filter_words_new(const struct ep_row *rows, size_t n)
{
	struct filter_words	*w = xcalloc(1, sizeof(*w));
	const char		*f[5];
	size_t			 i, j, size = 1, at = 0;
	const char		*p;

	for (i = 0; i < n; i++) {
		filter_word_fields(&rows[i], f);
		for (j = 0; j < 5; j++)
			size += (f[j] != NULL ? strlen(f[j]) : 0) + 1;
	}
	w->buf = xmalloc(size);
	w->off = xcalloc(n + 1, sizeof(*w->off));
	w->known = xcalloc(n > 0 ? n : 1, 1);
	w->n = n;
	for (i = 0; i < n; i++) {
		w->off[i] = at;
		filter_word_fields(&rows[i], f);
		for (j = 0; j < 5; j++) {
			if (f[j] != NULL)
				w->known[i] = 1;
			for (p = f[j]; p != NULL && *p != '\0'; p++)
				w->buf[at++] = (char)filter_fold(
				    (unsigned char)*p);
			w->buf[at++] = j < 4 ? FILTER_WORDS_SEP :
			    FILTER_WORDS_END;
		}
	}
	w->off[n] = at;
	w->buf[at] = '\0';
	return (w);
}

void
filter_words_free(struct filter_words *w)
{
	if (w == NULL)
		return;
	free(w->buf);
	free(w->off);
	free(w->known);
	free(w);
}

/* A plain word term over row at's words: as filter_search() on its fields. */
static int
filter_words_search(const struct filter_words *w, size_t at,
    const struct filter_term *t)
{
	const char	*h = w->buf + w->off[at], *end = w->buf + w->off[at + 1];
	size_t		 len = t->needlelen;

	if (!w->known[at])
		return (FILTER_UNKNOWN);
	while ((size_t)(end - h) >= len &&
	    (h = memchr(h, t->needle[0], (size_t)(end - h) - len + 1)) !=
	    NULL) {
		if (memcmp(h + 1, t->needle + 1, len - 1) == 0)
			return (1);
		h++;
	}
	return (0);
}

/*
 * Search several strings: unknown only when every one is NULL, since a row
 * with a known key but no display name can still say "this is not qwen".
 */
static int
filter_search(const struct filter_term *t, const char *const *hay, int n)
{
	int	i, known = 0;

	for (i = 0; i < n; i++) {
		if (hay[i] == NULL)
			continue;
		known = 1;
		if (filter_contains(hay[i], t->needle, t->needlelen))
			return (1);
	}
	return (known ? 0 : FILTER_UNKNOWN);
}

static int
filter_tristate(int v)
{
	if (v < 0)
		return (FILTER_UNKNOWN);
	return (v != 0);
}

/*
 * "free" is judged by price (project/cost.h, cost_free()): every price
 * given, overrides included, zero, and none unknown ("-1").  Only when the
 * prices do not decide does an explicit is_free; else it is unknown.
 */
static int
filter_eval_free(const struct ep_row *row)
{
	int	f;

	if ((f = cost_free(row)) >= 0)
		return (f);
	if (row->is_free >= 0)
		return (row->is_free);
	return (FILTER_UNKNOWN);
}

static int
filter_eval_flag(const struct filter_term *t, const struct ep_row *row)
{
	switch ((enum filter_flag)t->which) {
	case FILTER_FLAG_FREE:
		return (filter_eval_free(row));
	case FILTER_FLAG_TOOLS:
		return (filter_tristate(row->supports_tools));
	case FILTER_FLAG_IMAGES:
		return (filter_tristate(row->supports_images));
	case FILTER_FLAG_REASONING:
		return (filter_tristate(row->supports_reasoning));
	case FILTER_FLAG_ACTIVE:
		return (filter_tristate(row->active));
	case FILTER_FLAG_NO_TRAIN:
		if (row->training < 0)
			return (FILTER_UNKNOWN);
		return (row->training == 0);
	case FILTER_FLAG_NO_RETAIN:
		if (row->retains_prompts < 0)
			return (FILTER_UNKNOWN);
		return (row->retains_prompts == 0);
	case FILTER_FLAG_WATCHED:
		if (row->watched < 0)
			return (FILTER_UNKNOWN);
		return (row->watched != 0);
	}
	return (FILTER_UNKNOWN);
}

static int
filter_eval_field(const struct filter_term *t, const struct ep_row *row)
{
	const char	*hay[3];

	switch ((enum filter_field)t->which) {
	case FILTER_FIELD_PROVIDER:
		hay[0] = row->provider_slug;
		hay[1] = row->provider_name;
		return (filter_search(t, hay, 2));
	case FILTER_FIELD_QUANT:
		hay[0] = row->quantization;
		return (filter_search(t, hay, 1));
	case FILTER_FIELD_VARIANT:
		hay[0] = row->variant;
		return (filter_search(t, hay, 1));
	case FILTER_FIELD_MODEL:
		hay[0] = row->model_key;
		hay[1] = row->model_name;
		hay[2] = row->model_id;
		return (filter_search(t, hay, 3));
	case FILTER_FIELD_IN:
		return (model_list_has(row->model_in, t->needle));
	case FILTER_FIELD_OUT:
		return (model_list_has(row->model_out, t->needle));
	case FILTER_FIELD_PARAM:
		return (model_list_has(row->model_params, t->needle));
	case FILTER_FIELD_HQ:
		/* A country code is matched whole: hq:US is not hq:USA. */
		if (row->provider_hq == NULL)
			return (FILTER_UNKNOWN);
		return (strcasecmp(row->provider_hq, t->needle) == 0);
	case FILTER_FIELD_DC:
		if (row->provider_dc == NULL)
			return (FILTER_UNKNOWN);
		return (prov_has_dc(row->provider_dc, t->needle));
	}
	return (FILTER_UNKNOWN);
}

/*
 * Prices per 1M tokens are a per-token price times 1e6, which is rarely the
 * exact double the user typed; a relative tolerance makes "=" usable and
 * keeps "<" and "<=" (and ">" and ">=") consistent with it.
 */
static int
filter_equal(double a, double b)
{
	if (!isfinite(a) || !isfinite(b))
		return (a == b);
	return (a == b || fabs(a - b) <= FILTER_EPSILON * fmax(fabs(a),
	    fabs(b)));
}

static int
filter_int(int64_t v, double *out)
{
	if (v == EP_NULL_INT)
		return (-1);
	*out = (double)v;
	return (0);
}

/* The model's expiry in days from today, or its cutoff (month or day). */
static int
filter_date(const struct filter_term *t, const struct ep_row *row,
    double *v)
{
	int64_t	days;
	int	y, m, d;

	if (t->which == FILTER_NUM_EXPIRES) {
		if (model_days_until(row->model_expires, t->today, &days) != 0)
			return (-1);
		*v = (double)days;
		return (0);
	}
	if (model_days_until(row->model_cutoff, 0, &days) != 0)
		return (-1);
	if (!t->by_month) {
		*v = (double)days;
		return (0);
	}
	civil_from_days(days, &y, &m, &d);
	*v = (double)y * 12 + m - 1;
	return (0);
}

static int
filter_eval_cmp(const struct filter_term *t, const struct ep_row *row)
{
	double	v = NAN;

	switch ((enum filter_num)t->which) {
	case FILTER_NUM_CTX:
		if (filter_int(row->context_length, &v) != 0)
			return (FILTER_UNKNOWN);
		break;
	case FILTER_NUM_OUT:
		if (filter_int(row->max_output, &v) != 0)
			return (FILTER_UNKNOWN);
		break;
	case FILTER_NUM_PROMPT:
		v = row->price_prompt * 1e6;
		break;
	case FILTER_NUM_COMPLETION:
		v = row->price_completion * 1e6;
		break;
	case FILTER_NUM_LATENCY:
		v = row->p50_latency_ms;
		break;
	case FILTER_NUM_TPS:
		v = row->p50_throughput;
		break;
	case FILTER_NUM_UPTIME:
		v = row->uptime;
		break;
	case FILTER_NUM_EXPIRES:
	case FILTER_NUM_CUTOFF:
		if (filter_date(t, row, &v) != 0)
			return (FILTER_UNKNOWN);
		break;
	case FILTER_NUM_USAGE:
		if (filter_int(row->model_usage, &v) != 0)
			return (FILTER_UNKNOWN);
		break;
	}
	if (isnan(v))
		return (FILTER_UNKNOWN);

	switch (t->op) {
	case FILTER_LT:
		return (v < t->number && !filter_equal(v, t->number));
	case FILTER_LE:
		return (v < t->number || filter_equal(v, t->number));
	case FILTER_GT:
		return (v > t->number && !filter_equal(v, t->number));
	case FILTER_GE:
		return (v > t->number || filter_equal(v, t->number));
	case FILTER_EQ:
		if (t->shown)
			return (v >= t->lo && v <= t->hi);
		return (filter_equal(v, t->number));
	}
	return (FILTER_UNKNOWN);
}

static int
filter_eval(const struct filter_term *t, const struct ep_row *row,
    const struct filter_words *w, size_t at)
{
	const char	*hay[5];

	switch (t->kind) {
	case FILTER_WORD:
		if (t->key)
			return (row->model_key != NULL &&
			    strcasecmp(row->model_key, t->needle) == 0);
		if (w != NULL && t->plain)
			return (filter_words_search(w, at, t));
		filter_word_fields(row, hay);
		return (filter_search(t, hay, 5));
	case FILTER_FLAG:
		return (filter_eval_flag(t, row));
	case FILTER_FIELD:
		return (filter_eval_field(t, row));
	case FILTER_CMP:
		return (filter_eval_cmp(t, row));
	}
	return (FILTER_UNKNOWN);
}

/*
 * A model is matched as an endpoint row with only the model's fields: its
 * lowest healthy prices stand for the prices, and a model with an active
 * endpoint is active; a term on an endpoint's own field (provider:,
 * latency, ...) is unknown and holds for no model.
 */
int
filter_match_model(const struct filter *f, const struct model_row *m)
{
	struct ep_row	row;

	ep_row_init(&row);
	row.model_key = m->model_key;
	row.model_name = m->name;
	row.model_id = m->model_id;
	row.model_in = m->input_modalities;
	row.model_out = m->output_modalities;
	row.model_params = m->supported_parameters;
	row.model_expires = m->expiration_date;
	row.model_cutoff = m->knowledge_cutoff;
	row.context_length = m->context_length;
	row.max_output = m->max_output;
	row.price_prompt = m->min_price_prompt;
	row.price_completion = m->min_price_completion;
	row.model_usage = m->usage;
	row.active = m->providers > 0;
	if (model_list_has(m->supported_parameters, "tools") >= 0)
		row.supports_tools = model_list_has(m->supported_parameters,
		    "tools");
	if (model_list_has(m->input_modalities, "image") >= 0)
		row.supports_images = model_list_has(m->input_modalities,
		    "image");
	if (model_list_has(m->supported_parameters, "reasoning") >= 0)
		row.supports_reasoning = model_list_has(
		    m->supported_parameters, "reasoning");
	/* Borrowed strings: the row is not cleared. */
	return (filter_match(f, &row));
}

int
filter_match(const struct filter *f, const struct ep_row *row)
{
	return (filter_match_at(f, row, NULL, 0));
}

int
filter_match_at(const struct filter *f, const struct ep_row *row,
    const struct filter_words *w, size_t at)
{
	int	i, r;

	if (w != NULL && at >= w->n)
		w = NULL;
	for (i = 0; i < f->nterms; i++) {
		r = filter_eval(&f->terms[i], row, w, at);
		/* An unknown value satisfies neither a term nor its negation. */
		if (r == FILTER_UNKNOWN)
			return (0);
		if (r == f->terms[i].neg)
			return (0);
	}
	return (1);
}
