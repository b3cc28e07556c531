#include "config.h"

#include "codec/hash.h"

#include <stddef.h>

#include <openssl/evp.h>

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

	if (EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL) != 1)
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
