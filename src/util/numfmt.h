/*
 * numfmt: large counts (tokens, requests) in a few characters for tables
 * and screens: 950, 12.3k, 4.5M, 2.6B, 1.2T; "-" for unknown (INT64_MIN).
 * The text goes into the caller's buffer, which is returned.
 */
#ifndef ORBROWSE_UTIL_NUMFMT_H
#define ORBROWSE_UTIL_NUMFMT_H

#include <stddef.h>
#include <stdint.h>

#define NUMFMT_LEN	16	/* a buffer that always fits */

const char	*numfmt_big(int64_t, char *out, size_t len);

#endif
