/* memcpy, memmove, memset and memcmp for the static interpreter.
 *
 * musl keeps these small rather than fast: on x86_64 and i386 memcpy is `rep movs` for
 * every length, slow to start for the short copies Python makes all the time (perf showed
 * memcpy at 29% of a json.dumps loop), and memcmp compares byte by byte on every CPU. This
 * object is linked into the interpreter ahead of the C library, so its definitions are the
 * ones used and the C library's are never pulled in.
 *
 * Portable C: short lengths are copied with two overlapping loads and stores, longer ones
 * 32 bytes at a time through unaligned may_alias types, which GCC turns into single
 * instructions where the CPU allows unaligned access. Compiled with -ffreestanding
 * -fno-tree-loop-distribute-patterns and without LTO, so GCC never turns these loops back
 * into calls to the functions themselves.
 */
#include <stddef.h>
#include <stdint.h>

typedef uint64_t __attribute__((__may_alias__, __aligned__(1))) u64;
typedef uint32_t __attribute__((__may_alias__, __aligned__(1))) u32;
typedef uint16_t __attribute__((__may_alias__, __aligned__(1))) u16;
typedef unsigned char __attribute__((__vector_size__(16), __may_alias__, __aligned__(1))) v16;

#define LOAD(type, p) (*(const type *)(const void *)(p))
#define STORE(type, p, v) (*(type *)(void *)(p) = (v))

/* Lengths up to 64: every load before any store, so overlapping buffers are fine too. */
static inline void copy_short(unsigned char *d, const unsigned char *s, size_t n) {
    if (n >= 32) {
        v16 a = LOAD(v16, s), b = LOAD(v16, s + 16);
        v16 c = LOAD(v16, s + n - 32), e = LOAD(v16, s + n - 16);
        STORE(v16, d, a); STORE(v16, d + 16, b);
        STORE(v16, d + n - 32, c); STORE(v16, d + n - 16, e);
    } else if (n >= 16) {
        v16 a = LOAD(v16, s), b = LOAD(v16, s + n - 16);
        STORE(v16, d, a); STORE(v16, d + n - 16, b);
    } else if (n >= 8) {
        uint64_t a = LOAD(u64, s), b = LOAD(u64, s + n - 8);
        STORE(u64, d, a); STORE(u64, d + n - 8, b);
    } else if (n >= 4) {
        uint32_t a = LOAD(u32, s), b = LOAD(u32, s + n - 4);
        STORE(u32, d, a); STORE(u32, d + n - 4, b);
    } else if (n) {
        unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
        d[0] = a; d[n / 2] = b; d[n - 1] = c;
    }
}

/* n > 64, copying upwards: safe when d is below s or the buffers do not overlap. */
static void copy_up(unsigned char *d, const unsigned char *s, size_t n) {
    v16 t0 = LOAD(v16, s + n - 32), t1 = LOAD(v16, s + n - 16);
    for (size_t i = 0; i + 32 < n; i += 32) {
        v16 a = LOAD(v16, s + i), b = LOAD(v16, s + i + 16);
        STORE(v16, d + i, a); STORE(v16, d + i + 16, b);
    }
    STORE(v16, d + n - 32, t0); STORE(v16, d + n - 16, t1);
}

/* n > 64, copying downwards: safe when d is above s. */
static void copy_down(unsigned char *d, const unsigned char *s, size_t n) {
    v16 h0 = LOAD(v16, s), h1 = LOAD(v16, s + 16);
    for (size_t i = n; i > 32; i -= 32) {
        v16 a = LOAD(v16, s + i - 32), b = LOAD(v16, s + i - 16);
        STORE(v16, d + i - 32, a); STORE(v16, d + i - 16, b);
    }
    STORE(v16, d, h0); STORE(v16, d + 16, h1);
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n <= 64) {
        copy_short(d, s, n);
        return dst;
    }
    /* Align the stores: one unaligned 16-byte head, then continue from the next boundary. */
    STORE(v16, d, LOAD(v16, s));
    size_t skip = 16 - ((uintptr_t)d & 15);
    copy_up(d + skip, s + skip, n - skip);
    return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
    unsigned char *d = dst;
    const unsigned char *s = src;
    if (n <= 64)
        copy_short(d, s, n);
    else if ((uintptr_t)d - (uintptr_t)s >= n)   /* d below s, or no overlap */
        copy_up(d, s, n);
    else
        copy_down(d, s, n);
    return dst;
}

void *memset(void *dst, int c, size_t n) {
    unsigned char *d = dst;
    unsigned char b = (unsigned char)c;
    if (n < 16) {
        if (n >= 8) {
            uint64_t v = 0x0101010101010101ULL * b;
            STORE(u64, d, v); STORE(u64, d + n - 8, v);
        } else if (n >= 4) {
            uint32_t v = 0x01010101U * b;
            STORE(u32, d, v); STORE(u32, d + n - 4, v);
        } else if (n) {
            d[0] = b; d[n / 2] = b; d[n - 1] = b;
        }
        return dst;
    }
    v16 v = (v16){0} + b;
    if (n <= 32) {
        STORE(v16, d, v); STORE(v16, d + n - 16, v);
        return dst;
    }
    for (size_t i = 0; i + 32 < n; i += 32) {
        STORE(v16, d + i, v); STORE(v16, d + i + 16, v);
    }
    STORE(v16, d + n - 32, v); STORE(v16, d + n - 16, v);
    return dst;
}

int memcmp(const void *va, const void *vb, size_t n) {
    const unsigned char *a = va, *b = vb;
    for (; n >= 8; a += 8, b += 8, n -= 8) {
        uint64_t x = LOAD(u64, a), y = LOAD(u64, b);
        if (x != y) {
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
            x = __builtin_bswap64(x);
            y = __builtin_bswap64(y);
#endif
            return x < y ? -1 : 1;      /* big-endian words order as their bytes do */
        }
    }
    for (; n; n--, a++, b++)
        if (*a != *b)
            return *a - *b;
    return 0;
}
