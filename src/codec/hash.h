/*
 * hash: SHA-256 through OpenSSL's EVP interface, as lowercase hex.
 */
#ifndef ORBROWSE_CODEC_HASH_H
#define ORBROWSE_CODEC_HASH_H

#include <stddef.h>

#define HASH_HEX_LEN	64

/* Write the 64 hex digits and a NUL into out. Returns 0, or -1 if libcrypto
 * fails. */
int	hash_sha256_hex(const void *data, size_t len, char out[HASH_HEX_LEN + 1]);

#endif
