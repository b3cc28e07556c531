/*
 * model-url: the address of a model's page on openrouter.ai, built only
 * from a model id that passes a strict check, never from other text.
 *
 * model_url_valid() is 1 when id is 1 to MODEL_URL_MAX bytes of
 * [A-Za-z0-9._:/~-], does not start with '/' or '-', and has no empty,
 * "." or ".." path segment.  model_url() returns
 * "https://openrouter.ai/ID" (caller frees), or NULL when id is not valid.
 */
#ifndef ORBROWSE_MODEL_URL_H
#define ORBROWSE_MODEL_URL_H

#define MODEL_URL_BASE	"https://openrouter.ai/"
#define MODEL_URL_MAX	256

int	 model_url_valid(const char *id);
char	*model_url(const char *id);

#endif
