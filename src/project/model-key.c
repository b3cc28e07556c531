#include "config.h"

#include "project/model-key.h"

#include <stddef.h>
#include <string.h>

#include "util/xmalloc.h"

/*
 * The variant suffix of a slug: the text after the last ':' that follows the
 * last '/'.  Returns a pointer into s (after the ':'), or NULL when there is
 * no suffix.  A ':' inside the author part ("a:b/c") is not a suffix.
 */
static const char *
model_key_suffix(const char *s)
{
	const char	*slash, *colon;

	slash = strrchr(s, '/');
	colon = strrchr(s, ':');
	if (colon == NULL || (slash != NULL && colon < slash))
		return (NULL);
	if (colon[1] == '\0')
		return (NULL);
	return (colon + 1);
}

/* A non-empty string member of obj, or NULL. */
static const char *
model_key_str(const json_t *obj, const char *key)
{
	const json_t	*v;
	const char	*s;

	v = json_object_get(obj, key);
	if (!json_is_string(v))
		return (NULL);
	s = json_string_value(v);
	if (*s == '\0')
		return (NULL);
	return (s);
}

char *
model_key_make(const char *permaslug, const char *variant)
{
	if (permaslug == NULL || *permaslug == '\0')
		return (NULL);
	if (variant == NULL || *variant == '\0' ||
	    strcmp(variant, "standard") == 0)
		return (xstrdup(permaslug));
	return (xasprintf("%s:%s", permaslug, variant));
}

char *
model_key_from_endpoint(const json_t *endpoint)
{
	const json_t	*model;
	const char	*s;

	if (!json_is_object(endpoint))
		return (NULL);
	if ((s = model_key_str(endpoint, "model_variant_permaslug")) != NULL)
		return (xstrdup(s));
	model = json_object_get(endpoint, "model");
	if (!json_is_object(model))
		return (NULL);
	s = model_key_str(model, "permaslug");
	return (model_key_make(s, model_key_str(endpoint, "variant")));
}

char *
model_key_from_catalogue(const json_t *entry)
{
	const json_t	*endpoint;
	const char	*s, *variant = NULL;
	char		*key;

	if (!json_is_object(entry))
		return (NULL);
	endpoint = json_object_get(entry, "endpoint");
	if (json_is_object(endpoint)) {
		if ((key = model_key_from_endpoint(endpoint)) != NULL)
			return (key);
		variant = model_key_str(endpoint, "variant");
	}

	/*
	 * An entry without an endpoint is a retired model: its key is its
	 * permaslug, as the standard variant.
	 */
	if ((s = model_key_str(entry, "permaslug")) == NULL)
		s = model_key_str(entry, "slug");
	return (model_key_make(s, variant));
}

char *
model_key_catalogue_ranked(const json_t *entry, int *rank)
{
	*rank = json_is_object(json_object_get(entry, "endpoint"));
	return (model_key_from_catalogue(entry));
}

char *
model_key_from_v1(const json_t *entry)
{
	const char	*id, *canonical, *suffix;

	if (!json_is_object(entry))
		return (NULL);
	id = model_key_str(entry, "id");
	canonical = model_key_str(entry, "canonical_slug");

	/* 2026 aliases ("~anthropic/claude-sonnet-latest") are keys as-is. */
	if (id != NULL && *id == '~')
		return (xstrdup(id));
	if (canonical == NULL)
		return (id == NULL ? NULL : xstrdup(id));
	suffix = id == NULL ? NULL : model_key_suffix(id);
	return (model_key_make(canonical, suffix));
}
