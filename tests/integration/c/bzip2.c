/* Compress and decompress with libbz2; print the library version. */
#include <stdio.h>
#include <string.h>
#include <bzlib.h>

int main(void) {
    static char in[50000], packed[60000], out[50000];
    for (size_t i = 0; i < sizeof in; i++) in[i] = (char)('a' + (i * 7) % 26);
    unsigned int plen = sizeof packed, olen = sizeof out;
    if (BZ2_bzBuffToBuffCompress(packed, &plen, in, sizeof in, 9, 0, 0) != BZ_OK) return 1;
    if (BZ2_bzBuffToBuffDecompress(out, &olen, packed, plen, 0, 0) != BZ_OK) return 2;
    if (olen != sizeof in || memcmp(in, out, olen) != 0) return 3;
    printf("version %s\nroundtrip %u ok\n", BZ2_bzlibVersion(), olen);
    return 0;
}
