/*
 * model: the projection of one /api/v1/models entry (or a catalogue entry)
 * into a flat model record, the model directory's row.
 *
 * Tolerant field by field as project/endpoint.h is: a missing or null field
 * is NULL in the record, a field of the wrong type is NULL and counts one
 * warning.  Every string is bounded (EP_STR_MAX); lists (modalities,
 * supported parameters) keep at most MODEL_LIST_MAX items of at most
 * MODEL_ITEM_MAX bytes of [A-Za-z0-9_.+-], joined by commas, and drop any
 * other item with a warning; dates are kept only as "YYYY-MM-DD" (a valid
 * calendar date); default_parameters and reasoning are kept as compact
 * JSON objects.  A context length or output limit of 0 is unknown.
 *
 * NULL is encoded as NULL (strings), EP_NULL_INT (integers) and NAN (reals).
 */
#ifndef ORBROWSE_PROJECT_MODEL_H
#define ORBROWSE_PROJECT_MODEL_H

#include <stdint.h>

#include <jansson.h>

#define MODEL_LIST_MAX	64
#define MODEL_ITEM_MAX	64
#define MODEL_EXPIRY_DAYS 30	/* expiring models are marked this close */

struct model_row {
	char	*model_key;	/* permaslug[:variant], the directory key */
	char	*model_id;	/* public v1 id ("vendor/model:free") */
	char	*canonical_slug;
	char	*name;
	char	*expiration_date;	/* YYYY-MM-DD */
	char	*knowledge_cutoff;	/* YYYY-MM-DD */
	char	*input_modalities;	/* "text,image" */
	char	*output_modalities;
	char	*supported_parameters;
	char	*default_parameters;	/* compact JSON object */
	char	*reasoning;		/* compact JSON object */
	char	*alias_target;		/* alias_target.slug of a ~ alias */
	char	*alias_target_name;
	char	*hugging_face_id;	/* NULL for "" and null */
	char	*details;		/* links.details */
	int64_t	 created;		/* unix seconds */
	int64_t	 context_length;
	int64_t	 max_output;		/* top_provider.max_completion_tokens */
	double	 price_prompt;		/* the model's own pricing, per token */
	double	 price_completion;

	/* Filled by the store (store_model_list). */
	int64_t	 providers;		/* active endpoints */
	double	 min_price_prompt;	/* over healthy endpoints, else own */
	double	 min_price_completion;
	int64_t	 usage;		/* tokens, last 7 days; EP_NULL_INT unknown */
};

void	model_row_init(struct model_row *);
void	model_row_clear(struct model_row *);
void	model_row_list_free(struct model_row *, size_t);

/*
 * Project a /api/v1/models entry (catalogue: a frontend catalogue entry,
 * which names fewer fields) into m (initialised; cleared first), with key
 * as its model key.  Adds mistyped fields to *warnings.  Returns -1 when
 * entry is not an object.
 */
int	model_project(const json_t *entry, int catalogue, const char *key,
	    struct model_row *m, unsigned *warnings);

/* Is item in the comma list?  -1 when the list is NULL (unknown). */
int	model_list_has(const char *list, const char *item);

/*
 * Days from today (days since 1970-01-01) to a YYYY-MM-DD date; -1 with
 * nothing set when date is NULL or malformed.
 */
int	model_days_until(const char *date, int64_t today, int64_t *days);
/* Does a model with this expiration date expire within
 * MODEL_EXPIRY_DAYS (or has it expired)? */
int	model_expiring(const char *date, int64_t today);
/*
 * A model as views name it: its public id where known, else its key, after
 * MODEL_MARK when it expires within MODEL_EXPIRY_DAYS.  The caller frees.
 */
#define MODEL_MARK	"*"
char	*model_label(const char *model_id, const char *model_key,
	    const char *expires, int64_t today);
/* Today in days since 1970-01-01, UTC. */
int64_t	model_today(void);

#endif
