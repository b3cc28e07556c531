#include "config.h"

#include "project/model-url.h"

#include <string.h>

#include "util/xmalloc.h"

int
model_url_valid(const char *id)
{
	const char	*p, *seg;
	size_t		 len = strlen(id), n;

	if (len == 0 || len > MODEL_URL_MAX || id[0] == '/' || id[0] == '-')
		return (0);
	for (p = id; *p != '\0'; p++) {
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || strchr("._:/~-", *p) != NULL))
			return (0);
	}
	for (seg = id; ; seg += n + 1) {
		n = strcspn(seg, "/");
		if (n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.'))
			return (0);
		if (seg[n] == '\0')
			break;
	}
	return (1);
}

char *
model_url(const char *id)
{
	if (!model_url_valid(id))
		return (NULL);
	return (xasprintf("%s%s", MODEL_URL_BASE, id));
}
