/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_UTF8_INTERNAL_H
#define ARTEXT_UTF8_INTERNAL_H
/* Private to lib/: the decoder the scanning loops share. ASCII and
 * two-byte sequences (all of Arabic) are decoded in line, since these loops
 * see every byte of the text; the rest goes to ar_utf8_decode. */
#include "artext/base.h"

/* Decodes the code point at s[0..n) (n >= 1): returns its length and sets
 * *cp, or returns 1 with *cp = -1 for a byte that does not decode. */
static inline int ar_utf8_next(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = (int32_t)(((c & 0x1Fu) << 6) | (s[1] & 0x3Fu));
        return 2;
    }
    return ar_utf8_decode(s, n, cp);
}

/* Code points that start in s[0..n): bytes that are not continuation
 * bytes. */
static inline size_t ar_utf8_count(const char *s, size_t n)
{
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += ((unsigned char)s[i] & 0xC0) != 0x80;
    return c;
}

/* Number of '\n' bytes in p[0..n), vectorised (input.c). */
uint64_t ar_count_newlines(const char *p, size_t n);

/* Whether this processor runs AVX2 (asked once; the build itself stays
 * baseline x86-64, the vector loops are chosen at run time). 0 off x86-64. */
int ar_cpu_avx2(void);
#endif
