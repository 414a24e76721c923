/* A TLS client context with default verification, a SHA-256 digest, random bytes. */
#include <stdio.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>

int main(void) {
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) return 1;
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (!SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION)) return 2;
    SSL *ssl = SSL_new(ctx);
    if (!ssl) return 3;
    unsigned char md[EVP_MAX_MD_SIZE], rnd[32];
    unsigned int mdlen = 0;
    if (!EVP_Digest("abc", 3, md, &mdlen, EVP_sha256(), NULL)) return 4;
    if (RAND_bytes(rnd, sizeof rnd) != 1) return 5;
    printf("version %s\nsha256(abc) ", OpenSSL_version(OPENSSL_VERSION_STRING));
    for (unsigned int i = 0; i < mdlen; i++) printf("%02x", md[i]);
    printf("\nciphers %s\n", SSL_get_cipher_list(ssl, 0) ? "yes" : "no");
    printf("cflags %s\n", OpenSSL_version(OPENSSL_CFLAGS));
    SSL_free(ssl);
    SSL_CTX_free(ctx);
    return 0;
}
