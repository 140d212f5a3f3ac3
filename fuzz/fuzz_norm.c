/* SPDX-License-Identifier: MIT */
/* Normalization: any bytes, any step set. Checks what every caller relies
 * on and aborts when it does not hold: the offset map is monotonic and
 * covers both texts exactly, '\n' count is unchanged, and normalizing the
 * output again changes nothing (idempotence). The first two bytes choose
 * the flags: a named profile or a raw combination of steps. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"

static size_t count_nl(const char *s, size_t n)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        k += s[i] == '\n';
    return k;
}

static ar_norm *get_norm(unsigned flags)
{
    /* Building a normalizer costs milliseconds: keep a few. */
    static struct { unsigned flags; ar_norm *n; } cache[600];
    static int ncache;
    for (int i = 0; i < ncache; i++)
        if (cache[i].flags == flags)
            return cache[i].n;
    ar_norm *n;
    if (ar_norm_new(&n, flags) != AR_OK)
        return NULL;
    if (ncache == 600) {
        ar_norm_free(cache[0].n);
        memmove(cache, cache + 1, sizeof cache[0] * 599);
        ncache--;
    }
    cache[ncache].flags = flags;
    cache[ncache++].n = n;
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned flags;
    const char *const *names = ar_norm_profile_names();
    size_t nnames = 0;
    while (names[nnames])
        nnames++;
    if (data[0] < 128) {
        if (ar_norm_profile(names[data[0] % nnames], &flags) != AR_OK)
            abort();
    } else {
        /* 16 interesting bits: NFC/NFKC, marks, folds, digits, punct, space */
        static const unsigned bits[8] = {AR_NORM_NFKC, AR_NORM_NFC, AR_NORM_HARAKAT, AR_NORM_TATWEEL | AR_NORM_QURANIC,
                                         AR_NORM_ALL_FOLDS, AR_NORM_DIGITS | AR_NORM_PUNCT, AR_NORM_INVISIBLE | AR_NORM_QUOTES,
                                         AR_NORM_SPACE | AR_NORM_LATIN_CASE};
        flags = 0;
        for (int i = 0; i < 8; i++)
            if (data[1] & (1u << i))
                flags |= bits[i];
        if ((flags & AR_NORM_NFKC) && (data[0] & 1))
            flags &= ~AR_NORM_NFC;
        if (data[0] & 2)
            flags |= AR_NORM_HAMZA_DROP;
    }
    ar_norm *n = get_norm(flags);
    if (!n)
        abort();
    const char *in = (const char *)data + 2;
    size_t len = size - 2;
    ar_buf out = {0}, again = {0};
    ar_offmap map = {0};
    if (ar_norm_apply(n, in, len, &out, &map) != AR_OK)
        abort();
    /* the map: non-decreasing, ends at (out.len, len) */
    for (size_t i = 1; i < map.n; i++)
        if (map.a[i].out < map.a[i - 1].out || map.a[i].in < map.a[i - 1].in)
            abort();
    if (map.n == 0 || map.a[map.n - 1].out != out.len || map.a[map.n - 1].in != len)
        abort();
    size_t prev_s = 0, prev_e = 0;
    for (size_t o = 0; o <= out.len; o++) {
        size_t s = ar_offmap_start(&map, o), e = ar_offmap_end(&map, o);
        if (s > len || e > len || s < prev_s || e < prev_e)
            abort();
        prev_s = s;
        prev_e = e;
    }
    if (ar_offmap_end(&map, out.len) != len)
        abort();
    if (count_nl(in, len) != count_nl(out.ptr, out.len))
        abort();
    /* idempotence */
    if (ar_norm_apply(n, out.ptr, out.len, &again, NULL) != AR_OK)
        abort();
    if (again.len != out.len || memcmp(again.ptr, out.ptr, out.len) != 0) {
        fprintf(stderr, "not idempotent (flags %#x):\n  in:    %.*s\n  out:   %.*s\n  again: %.*s\n", flags,
                (int)len, in, (int)out.len, out.ptr, (int)again.len, again.ptr);
        abort();
    }
    ar_buf_free(&out);
    ar_buf_free(&again);
    ar_offmap_free(&map);
    return 0;
}
