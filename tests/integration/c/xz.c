/* Encode and decode an .xz stream with liblzma; print the library version. */
#include <stdio.h>
#include <string.h>
#include <lzma.h>

int main(void) {
    static uint8_t in[80000], packed[90000], out[80000];
    for (size_t i = 0; i < sizeof in; i++) in[i] = (uint8_t)(i % 251);
    size_t plen = 0, ipos = 0, olen = 0;
    uint64_t memlimit = UINT64_MAX;
    if (lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, NULL, in, sizeof in, packed, &plen,
                                sizeof packed) != LZMA_OK) return 1;
    if (lzma_stream_buffer_decode(&memlimit, 0, NULL, packed, &ipos, plen, out, &olen,
                                  sizeof out) != LZMA_OK) return 2;
    if (olen != sizeof in || memcmp(in, out, olen) != 0) return 3;
    printf("version %s\nroundtrip %zu ok\n", lzma_version_string(), olen);
    return 0;
}
