/*
 * meta: the projections of OpenRouter's model metadata into flat rows --
 * an author (the frontend author route: {author, modelsWithStats}), the top
 * apps of a model (stats/app: [{app_id, total_tokens, app{...}}]) and a
 * model's daily usage (rows {date, count, total_*_tokens, model_permaslug,
 * variant}, alone or inside modelsWithStats[].stats).
 *
 * The input is untrusted and read field by field (project/jfield.h): a
 * mistyped field is unknown (NULL, or JF_NULL_INT for counts) and one
 * warning.  Strings are bounded by jf_dup(); every string in a row is
 * owned by it and freed by its *_clear() function, which also resets it.
 */
#ifndef ORBROWSE_PROJECT_META_H
#define ORBROWSE_PROJECT_META_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define META_APPS_MAX	100	/* apps kept per model */
#define META_USAGE_MAX	400	/* daily rows read per payload */

struct meta_author {
	char	*slug;
	char	*name;
	char	*description;
	int64_t	 models;	/* entries of modelsWithStats */
};

struct meta_app {
	int64_t	 rank;		/* 1 = most tokens, in the list's order */
	int64_t	 app_id;	/* JF_NULL_INT unknown */
	char	*name;		/* app.title */
	char	*url;		/* app.origin_url, else app.main_url */
	int64_t	 tokens;	/* total_tokens, JF_NULL_INT unknown */
};

struct meta_usage {
	char	*model_key;	/* permaslug[:variant] */
	int64_t	 day;		/* unix seconds, start of the UTC day */
	int64_t	 requests;	/* count; JF_NULL_INT unknown */
	int64_t	 prompt;
	int64_t	 completion;
	int64_t	 reasoning;
};

void	meta_author_clear(struct meta_author *);
void	meta_app_clear(struct meta_app *);
void	meta_usage_clear(struct meta_usage *);
void	meta_app_list_free(struct meta_app *, size_t);
void	meta_usage_list_free(struct meta_usage *, size_t);
void	meta_author_list_free(struct meta_author *, size_t);

/*
 * The author of an author payload (data: {author, modelsWithStats}).
 * Returns 0 (row filled, *w counts mistyped fields) or -1 with *cause
 * (caller frees) when there is no author object with a usable slug.
 */
int	meta_author_project(const json_t *data, struct meta_author *,
	    unsigned *w, char **cause);
/*
 * One element of a stats/app list, ranked rank.  Returns 0, or -1 (and
 * one warning) when it is not an object or names no app at all.
 */
int	meta_app_project(const json_t *el, int64_t rank, struct meta_app *,
	    unsigned *w);
/*
 * One daily usage row.  Returns 0, or -1 (and one warning) when it has no
 * model key or no parsable date; a mistyped count is unknown.
 */
int	meta_usage_project(const json_t *el, struct meta_usage *, unsigned *w);

/* Is s a plausible author slug (1..128 printable ASCII, no '/' or space)? */
int	meta_slug_ok(const char *s);

#endif
