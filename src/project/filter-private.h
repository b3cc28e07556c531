/*
 * filter-private: what the two files of the filter language share, the
 * compiled form of a filter.  Not for use outside src/project/filter*.c.
 *
 * filter.c parses the input into a struct filter, one struct filter_term
 * per term in input order, and frees it; filter-match.c only reads the
 * terms, to match rows and to search a struct filter_words.  A term's
 * needle is folded by filter_fold() (ASCII letters to lowercase) and owned
 * by the term; plain says a struct filter_words can search for it: it is
 * not empty and holds neither FILTER_WORDS_SEP nor FILTER_WORDS_END.
 * Which of the other fields a term uses depends on its kind, as noted
 * beside them.
 */
#ifndef ORBROWSE_PROJECT_FILTER_PRIVATE_H
#define ORBROWSE_PROJECT_FILTER_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "project/filter.h"

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

/* Separators in struct filter_words (filter-match.c). */
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

/* Only ASCII letters fold; UTF-8 bytes compare exactly. */
static inline unsigned char
filter_fold(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return (c - 'A' + 'a');
	return (c);
}

#endif
