/*
 * numfmt: counts, prices and measures as every view shows them.
 */
#include "config.h"

#include "util/numfmt.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_K		INT64_C(1000)
#define COUNT_TENTH_M	INT64_C(100000)

/* Where counts stop being shown as they are, in k, in M. */
#define COUNT_EXACT_BELOW	INT64_C(10000)
#define COUNT_K_BELOW		INT64_C(1000000)
#define COUNT_M_BELOW		INT64_C(1000000000)

/* An absurd count or measure: short, to fit the column. */
static int
numfmt_count_absurd(int64_t v)
{
	return (v >= COUNT_M_BELOW || v <= -COUNT_EXACT_BELOW);
}

const char *
numfmt_count(int64_t v, char *out, size_t len)
{
	int64_t	tenths;

	if (v == NUMFMT_NULL_COUNT)
		snprintf(out, len, "-");
	else if (numfmt_count_absurd(v))
		snprintf(out, len, "%.0e", (double)v);
	else if (v < COUNT_EXACT_BELOW)
		snprintf(out, len, "%lld", (long long)v);
	else if (v < COUNT_K_BELOW)
		snprintf(out, len, "%lldk", (long long)(v / COUNT_K));
	else {
		tenths = v / COUNT_TENTH_M;
		if (tenths % 10 == 0)
			snprintf(out, len, "%lldM", (long long)(tenths / 10));
		else
			snprintf(out, len, "%lld.%lldM",
			    (long long)(tenths / 10), (long long)(tenths % 10));
	}
	return (out);
}

void
numfmt_count_range(int64_t v, int64_t *lo, int64_t *hi)
{
	int64_t	step;

	if (v == NUMFMT_NULL_COUNT || numfmt_count_absurd(v) ||
	    v < COUNT_EXACT_BELOW)
		step = 1;
	else if (v < COUNT_K_BELOW)
		step = COUNT_K;
	else
		step = COUNT_TENTH_M;
	*lo = v - v % step;
	*hi = *lo + step - 1;
}

/*
 * v with digits significant digits, but no more decimals than it needs
 * beyond mindec: the fewest decimals that read back as the full precision
 * does.
 */
static const char *
numfmt_sig(double v, int digits, int mindec, char *out, size_t len)
{
	char	full[64];
	double	want;
	int	maxdec, d;

	maxdec = digits - 1 - (int)floor(log10(fabs(v)));
	if (maxdec > 17)
		maxdec = 17;
	if (maxdec < mindec)
		maxdec = mindec;
	snprintf(full, sizeof full, "%.*f", maxdec, v);
	want = strtod(full, NULL);
	for (d = mindec; d < maxdec; d++) {
		snprintf(out, len, "%.*f", d, v);
		if (strtod(out, NULL) == want)
			return (out);
	}
	snprintf(out, len, "%s", full);
	return (out);
}

/* v with digits significant digits as numfmt_price() or numfmt_dollars()
 * shows it, without the "$". */
static const char *
numfmt_plain(double v, int digits, char *out, size_t len)
{
	if (v == 0 || !isfinite(v) || fabs(v) >= 1e7)
		snprintf(out, len, "%.3g", v);
	else
		numfmt_sig(v, digits, fabs(v) < 100 ? 2 : 0, out, len);
	return (out);
}

const char *
numfmt_price(double per_token, int digits, char *out, size_t len)
{
	if (isnan(per_token))
		snprintf(out, len, "-");
	else
		numfmt_plain(per_token * 1e6, digits, out, len);
	return (out);
}

const char *
numfmt_dollars(double v, int digits, char *out, size_t len)
{
	char	plain[64];

	if (isnan(v))
		snprintf(out, len, "-");
	else
		snprintf(out, len, "$%s", numfmt_plain(v, digits, plain,
		    sizeof plain));
	return (out);
}

int
numfmt_digits(const double *v, size_t n, double scale)
{
	char	a[64], b[64];
	size_t	i;
	int	digits;

	for (digits = NUMFMT_PRICE_DIGITS; digits < NUMFMT_PRICE_DIGITS_MAX;
	    digits++) {
		for (i = 1; i < n; i++) {
			if (v[i] == v[i - 1] || isnan(v[i]) || isnan(v[i - 1]))
				continue;
			numfmt_plain(v[i - 1] * scale, digits, a, sizeof a);
			numfmt_plain(v[i] * scale, digits, b, sizeof b);
			if (strcmp(a, b) == 0)
				break;
		}
		if (i >= n)
			break;
	}
	return (digits);
}

const char *
numfmt_real(double v, int decimals, char *out, size_t len)
{
	if (isnan(v))
		snprintf(out, len, "-");
	else if (!isfinite(v) || fabs(v) >= 1e7)
		snprintf(out, len, "%.0e", v);	/* absurd: fit the column */
	else
		snprintf(out, len, "%.*f", decimals, v);
	return (out);
}

/*
 * numfmt_exact() without printf for a value of at most 15 significant
 * digits and 22 decimals (prices per token, latencies, uptimes): n / 10^d
 * of two doubles that hold integers exactly (n < 10^15, d <= 22) is
 * rounded as strtod() rounds the decimal, so the text of the fewest
 * decimals d for which it gives v back reads back as v, and it is the
 * text "%.15g" prints, in %g's notation: an exponent when the decimal
 * exponent is under -4 (nothing of 10^15 or more is tried).  0 when v is
 * not such a value (or out is too small), and out is not touched.
 */
static int
numfmt_exact_fast(double v, char *out, size_t len)
{
	static const double	 p10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6,
				    1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14,
				    1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21,
				    1e22 };
	char			 digits[24];
	double			 a = fabs(v), n = 0;
	uint64_t		 u;
	size_t			 nd = 0, i, o = 0;
	int			 d, x;

	if (!(a >= 1e-22 && a < 1e15))
		return (0);
	for (d = 0; d < 23; d++) {
		n = nearbyint(a * p10[d]);
		if (n >= 1e15)
			return (0);
		if (n >= 1 && n / p10[d] == a)
			break;
	}
	if (d == 23)
		return (0);
	for (u = (uint64_t)n; u > 0; u /= 10)
		digits[nd++] = (char)('0' + u % 10);
	x = (int)nd - 1 - d;		/* the decimal exponent */
	if (len < nd + 9)
		return (0);
	if (v < 0)
		out[o++] = '-';
	if (x < -4) {
		/* d.ddde-XX */
		for (i = nd; i > 0; i--) {
			out[o++] = digits[i - 1];
			if (i == nd && nd > 1)
				out[o++] = '.';
		}
		/* a >= 1e-22: two digits of exponent */
		out[o++] = 'e';
		out[o++] = '-';
		out[o++] = (char)('0' + (-x) / 10);
		out[o++] = (char)('0' + (-x) % 10);
		out[o] = '\0';
		return (1);
	}
	if (x < 0) {
		out[o++] = '0';
		out[o++] = '.';
		for (; x < -1; x++)
			out[o++] = '0';
	}
	for (i = nd; i > 0; i--) {
		out[o++] = digits[i - 1];
		if (i - 1 == (size_t)d && d > 0 && i > 1)
			out[o++] = '.';
	}
	out[o] = '\0';
	return (1);
}

const char *
numfmt_exact(double v, char *out, size_t len)
{
	int	p;

	if (numfmt_exact_fast(v, out, len))
		return (out);
	if (!isfinite(v)) {
		snprintf(out, len, "%s", "");
		return (out);
	}
	for (p = 15; p < 17; p++) {
		snprintf(out, len, "%.*g", p, v);
		if (strtod(out, NULL) == v)
			return (out);
	}
	snprintf(out, len, "%.17g", v);
	return (out);
}

/* Usage totals: a few characters whatever the size. */
const char *
numfmt_big(int64_t v, char *out, size_t len)
{
	static const char	 units[] = "kMBT";
	double			 d;
	int			 u;

	if (v == INT64_MIN) {
		snprintf(out, len, "-");
		return (out);
	}
	if (v < 1000 && v > -1000) {
		snprintf(out, len, "%lld", (long long)v);
		return (out);
	}
	d = (double)v;
	for (u = -1; u < 3 && (d >= 999.5 || d <= -999.5); u++)
		d /= 1000;
	snprintf(out, len, d >= 99.95 || d <= -99.95 ? "%.0f%c" : "%.1f%c", d,
	    units[u]);
	return (out);
}
