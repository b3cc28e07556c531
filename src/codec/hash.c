#include "config.h"

#include "codec/hash.h"

#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>

#include <openssl/evp.h>

/*
 * SHA-256 fetched once: EVP_sha256() makes every digest look the
 * algorithm up again, under OpenSSL's locks (a sixth of a short object's
 * hashing).  Freed at exit, before OpenSSL's own cleanup (which was set up
 * by the fetch, so it runs after this).
 */
static pthread_once_t	 hash_once = PTHREAD_ONCE_INIT;
static EVP_MD		*hash_md;

static void
hash_md_free(void)
{
	EVP_MD_free(hash_md);
	hash_md = NULL;
}

static void
hash_md_fetch(void)
{
	if ((hash_md = EVP_MD_fetch(NULL, "SHA256", NULL)) != NULL)
		atexit(hash_md_free);
}

int
hash_sha256_hex(const void *data, size_t len, char out[HASH_HEX_LEN + 1])
{
	static const char	 hex[] = "0123456789abcdef";
	unsigned char		 md[EVP_MAX_MD_SIZE];
	unsigned int		 mdlen, i;

	out[0] = '\0';

	/* An empty input may come with a NULL pointer; give EVP a real one. */
	if (data == NULL) {
		if (len != 0)
			return (-1);
		data = "";
	}

	pthread_once(&hash_once, hash_md_fetch);
	if (EVP_Digest(data, len, md, &mdlen, hash_md != NULL ? hash_md :
	    EVP_sha256(), NULL) != 1)
		return (-1);
	if (mdlen * 2 != HASH_HEX_LEN)
		return (-1);

	for (i = 0; i < mdlen; i++) {
		out[i * 2] = hex[md[i] >> 4];
		out[i * 2 + 1] = hex[md[i] & 0xf];
	}
	out[HASH_HEX_LEN] = '\0';
	return (0);
}
