/* Checks src/staticpython_string.c against byte-by-byte definitions: every length up to
 * 300 (and a few long ones) at every alignment of source and destination, overlapping moves
 * in both directions, bytes around the written range untouched, and memcmp's sign for a
 * difference at every position, with bytes above 127 (memcmp compares unsigned chars).
 * Built with -fno-builtin so every call reaches the functions under test. Prints "ok". */
#include <stdio.h>
#include <string.h>

#define SIZE 4096
static unsigned char a[SIZE], b[SIZE], want[SIZE];
static int failures;

static void fill(unsigned char *p, size_t n, unsigned seed) {
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(seed * 131 + i * 7 + (i >> 8));
}

static void check(const char *what, size_t n, long x, long y, const unsigned char *got) {
    for (size_t i = 0; i < SIZE; i++)
        if (got[i] != want[i]) {
            if (failures++ < 10)
                printf("%s n=%zu at %ld,%ld: byte %zu is %u, want %u\n", what, n, x, y, i,
                       got[i], want[i]);
            return;
        }
}

static size_t lengths[400];
static int nlengths;

int main(void) {
    for (size_t n = 0; n <= 300; n++) lengths[nlengths++] = n;
    size_t more[] = {511, 512, 513, 1000, 1023, 1024, 1025, 2047, 3000};
    for (size_t i = 0; i < sizeof more / sizeof *more; i++) lengths[nlengths++] = more[i];

    for (int k = 0; k < nlengths; k++) {
        size_t n = lengths[k];
        for (long so = 0; so < 17; so++)
            for (long d = 0; d < 17; d++) {
                fill(a, SIZE, 1); fill(b, SIZE, 2);
                memcpy(want, b, SIZE);
                for (size_t i = 0; i < n; i++) want[64 + d + i] = a[64 + so + i];
                if (memcpy(b + 64 + d, a + 64 + so, n) != b + 64 + d) failures++;
                check("memcpy", n, so, d, b);

                fill(b, SIZE, 3);
                memcpy(want, b, SIZE);           /* memcpy is checked above */
                for (size_t i = 0; i < n; i++) want[64 + d + i] = (unsigned char)(d * 37 + 200);
                if (memset(b + 64 + d, (int)(d * 37 + 200) - 256 * (d & 1), n) != b + 64 + d)
                    failures++;
                check("memset", n, d, 0, b);
            }
        for (long shift = -70; shift <= 70; shift++) {
            fill(b, SIZE, 4);
            unsigned char tmp[SIZE];
            for (size_t i = 0; i < SIZE; i++) want[i] = b[i];
            for (size_t i = 0; i < n; i++) tmp[i] = b[200 + i];
            for (size_t i = 0; i < n; i++) want[200 + shift + i] = tmp[i];
            if (memmove(b + 200 + shift, b + 200, n) != b + 200 + shift) failures++;
            check("memmove", n, shift, 0, b);
        }
    }
    for (size_t n = 0; n <= 100; n++) {
        fill(a, n, 5);
        memcpy(b, a, n);
        if (memcmp(a, b, n) != 0) { failures++; printf("memcmp n=%zu: equal bytes differ\n", n); }
        for (size_t p = 0; p < n; p++) {
            unsigned char keep = b[p];
            b[p] = (unsigned char)(a[p] ^ 0x80);
            int got = memcmp(a, b, n), ref = a[p] < b[p] ? -1 : 1;
            if ((got < 0) != (ref < 0) || got == 0) {
                failures++;
                printf("memcmp n=%zu p=%zu: %d, want the sign of %d\n", n, p, got, ref);
            }
            b[p] = keep;
        }
    }
    if (failures) {
        printf("%d failures\n", failures);
        return 1;
    }
    printf("ok\n");
    return 0;
}
