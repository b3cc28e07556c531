/*
 * filter: the filter language shared by `orbrowse ls` and the UI's `/`.
 *
 * Space-separated terms, all must hold; a leading '!' negates a term.
 *   bare word        case-insensitive substring of model key, model name,
 *                    or provider (slug or display name)
 *   flags            free tools images reasoning active no-train no-retain
 *                    watched (the model is on the watchlist)
 *   field:value      provider: quant: variant: model:  (case-insensitive
 *                    substring of that field)
 *   comparisons      ctx out prompt completion latency tps uptime with one of
 *                    < <= > >= = and a number; k/m suffixes on counts
 *                    (ctx>=128k); prompt and completion are USD per 1M tokens
 *
 * A term whose value is NULL in a row does not hold (so "!tools" keeps rows
 * where supports_tools is 0, not those where it is unknown: negation is of
 * the term, and an unknown value satisfies neither a term nor its negation).
 *
 * filter_parse() either returns a compiled filter, or fails with a message
 * naming the offending term and its 1-based column in the input.  A malformed
 * term never silently matches everything.  An empty or all-blank input is a
 * valid filter that matches every row.
 *
 * The compiled filter owns its memory; free it with filter_free().  It keeps
 * no pointer into the input string.  filter_match() is pure and cheap enough
 * to run on 50,000 rows per keystroke.
 */
#ifndef ORBROWSE_PROJECT_FILTER_H
#define ORBROWSE_PROJECT_FILTER_H

#include "project/endpoint.h"

struct filter;

struct filter_error {
	int	 column;	/* 1-based column of the bad term */
	int	 length;	/* length of the bad term in bytes */
	char	*message;	/* translated message, caller frees */
};

/*
 * Parse input.  Returns NULL on error and fills *err (if not NULL) with the
 * position and a message the caller frees.
 */
struct filter	*filter_parse(const char *input, struct filter_error *err);
void		 filter_free(struct filter *);
int		 filter_match(const struct filter *, const struct ep_row *);
/* Number of terms (0 for the match-all filter). */
int		 filter_nterms(const struct filter *);

#endif
