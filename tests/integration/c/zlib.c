/* Compress and decompress 100 kB with zlib; print the library version. */
#include <stdio.h>
#include <string.h>
#include <zlib.h>

int main(void) {
    static unsigned char in[100000], packed[120000], out[100000];
    for (size_t i = 0; i < sizeof in; i++) in[i] = (unsigned char)("staticpython"[i % 12] + i / 1000);
    uLongf plen = sizeof packed, olen = sizeof out;
    if (compress2(packed, &plen, in, sizeof in, 9) != Z_OK) return 1;
    if (uncompress(out, &olen, packed, plen) != Z_OK) return 2;
    if (olen != sizeof in || memcmp(in, out, olen) != 0) return 3;
    printf("version %s\nroundtrip %lu -> %lu ok\n", zlibVersion(), (unsigned long)olen,
           (unsigned long)plen);
    return plen < olen ? 0 : 4;
}
