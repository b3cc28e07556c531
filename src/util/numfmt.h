/*
 * numfmt: how a number reads to a person, one rule for every view.
 *
 * The CLI tables, `cheapest` and every screen of the UI format token
 * counts, prices and measures here, so that a number reads the same
 * wherever it is shown, and the filter (project/filter.h) accepts what is
 * shown (numfmt_count_range()).  Machine output (CSV) takes the shortest
 * decimal that reads back exactly (numfmt_exact()).
 *
 * Every function writes into the caller's buffer out of len bytes (32 is
 * always enough) and returns out.  They are pure: no locale, no state
 * (main keeps LC_NUMERIC at "C").
 */
#ifndef ORBROWSE_UTIL_NUMFMT_H
#define ORBROWSE_UTIL_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

/* A count numfmt_count() shows as "-": the projection's NULL integer. */
#define NUMFMT_NULL_COUNT	INT64_MIN
/* Significant digits of a price or a sum of dollars unless more are
 * needed to tell neighbours apart (numfmt_digits()). */
#define NUMFMT_PRICE_DIGITS	4
#define NUMFMT_PRICE_DIGITS_MAX	17

/*
 * Token counts, cut (never rounded up) to what they hold:
 *   below 10,000            as they are       8192
 *   10,000 to 999,999       whole thousands   32768 -> 32k, 131072 -> 131k
 *   1,000,000 to 999.9M     tenths of millions  1048576 -> 1M, 1.5M
 *   absurd (>= 1e9, < 0)    short exponent    1e+09 (or a small negative
 *                                              number as it is)
 * NUMFMT_NULL_COUNT is "-".
 */
const char	*numfmt_count(int64_t v, char *out, size_t len);
/* Every count shown as v is: [*lo, *hi] (v itself where it is exact). */
void		 numfmt_count_range(int64_t v, int64_t *lo, int64_t *hi);

/*
 * USD per 1M tokens of a price per token: digits significant digits (at
 * least NUMFMT_PRICE_DIGITS makes sense), with no trailing zeros beyond
 * two decimals below 100 and none at or above: 0.075, 0.15, 3.00, 150,
 * 0.0000125.  NaN is "-", 0 is "0", an absurd price (>= 1e7) "%.3g".
 */
const char	*numfmt_price(double per_token, int digits, char *out,
		    size_t len);
/* Dollars by the same rule, with a "$": $0.0012, $1.50, $0. */
const char	*numfmt_dollars(double v, int digits, char *out, size_t len);
/*
 * The digits numfmt_price() (scale 1e6) or numfmt_dollars() (scale 1)
 * needs for v[0..n) (at least NUMFMT_PRICE_DIGITS, at most
 * NUMFMT_PRICE_DIGITS_MAX) so that no two neighbours that differ read the
 * same: a sorted column formatted with it never shows two different costs
 * as equal.
 */
int		 numfmt_digits(const double *v, size_t n, double scale);

/* A measure with decimals decimals: NaN "-", absurd (>= 1e7) "%.0e". */
const char	*numfmt_real(double v, int decimals, char *out, size_t len);

/*
 * The shortest decimal that reads back as exactly v (%.15g, else %.16g,
 * else %.17g): 1.4e-07, never 1.4000000000000001e-07.  NaN and the
 * infinities are "" (no value).
 */
const char	*numfmt_exact(double v, char *out, size_t len);

/*
 * Large totals (tokens used, requests) in a few characters: 950, 12.3k,
 * 4.5M, 2.6B, 1.2T; "-" for unknown (INT64_MIN).  Counts that are limits
 * (context, max output) are numfmt_count()'s.
 */
#define NUMFMT_LEN	16	/* a buffer numfmt_big() always fits */
const char	*numfmt_big(int64_t, char *out, size_t len);

#endif
