/*
 * filter: parsing the filter language (see filter.h) into a struct
 * filter, freeing it and resolving its ~ aliases.  The matching of rows
 * is in filter-match.c; what both share is in filter-private.h.
 */
#include "config.h"

#include "project/filter.h"

#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "project/filter-private.h"
#include "project/model.h"
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
