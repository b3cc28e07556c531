/*
 * filter: the filter language shared by `orbrowse ls` and the UI's `/`.
 *
 * Space-separated terms, all must hold; a leading '!' negates a term.
 *   bare word        case-insensitive substring of model key (permaslug),
 *                    public model id, model name, or provider (slug or
 *                    display name)
 *   flags            free tools images reasoning active no-train no-retain
 *                    watched (the model is on the watchlist)
 *   field:value      provider: quant: variant: model:  (case-insensitive
 *                    substring of that field; model: searches the key,
 *                    the public id and the name)
 *                    in: out: param:  (the model's input or output
 *                    modality, or supported parameter: a whole item)
 *   comparisons      ctx out prompt completion latency tps uptime with one of
 *                    < <= > >= = and a number; k/m suffixes on counts
 *                    (ctx>=128k); prompt and completion are USD per 1M tokens;
 *                    expires (days from today, UTC, to the model's
 *                    expiration date; expires<30)
 *   cutoff           the model's knowledge cutoff against YYYY-MM (by
 *                    month) or YYYY-MM-DD: cutoff>=2025-06
 *
 * A count compared with "=" and a number with a k or m suffix matches what
 * is shown that way (util/numfmt.h): ctx=32k holds for 32000 to 32999,
 * which every view shows as 32k (32768 among them), ctx=1M for 1,000,000
 * to 1,099,999 (shown as 1M), ctx=1.5m for 1.5M to 1.6M less one.  A
 * number a view never shows (ctx=8k, shown as 8000) matches it exactly.
 * Without a suffix, and for < <= > >=, the number is exact: ctx>=32k is
 * ctx>=32000.
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
#include "project/model.h"

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
/*
 * The UI filters the same rows at each key: filter_words_new() copies
 * their words (the fields a bare word searches) into one lowercased
 * buffer, and filter_match_at() is filter_match() of rows[at] searching
 * it, several times faster.  The rows must not be reordered or changed
 * while it is used (build it again after a sort or a load); an at beyond
 * it falls back to the row's own strings.
 */
struct filter_words;
struct filter_words *filter_words_new(const struct ep_row *rows, size_t n);
void		 filter_words_free(struct filter_words *);
int		 filter_match_at(const struct filter *, const struct ep_row *,
		     const struct filter_words *, size_t at);
/* A model (store_model_list): endpoint-only terms hold for none. */
int		 filter_match_model(const struct filter *,
		     const struct model_row *);
/* Number of terms (0 for the match-all filter). */
int		 filter_nterms(const struct filter *);
/*
 * A word naming a ~ alias ("~vendor/family-latest") stands for the model
 * it points to: each word term starting with '~' is given to resolve(),
 * which returns the target's model key (caller's to free; the word then
 * matches it) or NULL (the word stays as it is).  The filter stays pure:
 * the caller looks the alias up (in the store).
 */
void		 filter_resolve_aliases(struct filter *,
		     char *(*resolve)(const char *word, void *arg), void *arg);

#endif
