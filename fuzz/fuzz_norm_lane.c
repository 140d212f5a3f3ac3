/* SPDX-License-Identifier: MIT */
/* The normalizer's lane, differentially: any bytes, any step set, and every
 * way through the lane this processor runs (scalar, SSE2, AVX2) must give
 * the general loop's output and offset anchors byte for byte; aborts on the
 * first difference. The first two bytes choose the steps as in fuzz_norm. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "norm_internal.h"

static ar_norm *get_norm(unsigned flags)
{
    static struct { unsigned flags; ar_norm *n; } cache[64];
    static int ncache, next;
    for (int i = 0; i < ncache; i++)
        if (cache[i].flags == flags)
            return cache[i].n;
    ar_norm *n;
    if (ar_norm_new(&n, flags) != AR_OK)
        return NULL;
    int slot = ncache < 64 ? ncache++ : next++ % 64;
    if (cache[slot].n)
        ar_norm_free(cache[slot].n);
    cache[slot].flags = flags;
    cache[slot].n = n;
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
        static const unsigned bits[8] = {AR_NORM_NFKC, AR_NORM_NFC, AR_NORM_HARAKAT, AR_NORM_TATWEEL | AR_NORM_QURANIC,
                                         AR_NORM_ALL_FOLDS, AR_NORM_DIGITS | AR_NORM_PUNCT,
                                         AR_NORM_INVISIBLE | AR_NORM_LATIN_CASE, AR_NORM_SPACE | AR_NORM_PRESENTATION};
        flags = 0;
        for (int i = 0; i < 8; i++)
            if (data[1] & (1u << i))
                flags |= bits[i];
        if ((flags & AR_NORM_NFKC) && (data[0] & 1))
            flags &= ~AR_NORM_NFC;
    }
    ar_norm *n = get_norm(flags);
    if (!n)
        abort();
    const char *in = (const char *)data + 2;
    size_t len = size - 2;
    ar_buf ref = {0}, got = {0};
    ar_offmap rmap = {0}, gmap = {0};
    ar_norm_set_lane(n, AR_LANE_REF);
    if (ar_norm_apply(n, in, len, &ref, &rmap) != AR_OK)
        abort();
    for (int level = AR_LANE_SCALAR; level <= ar_norm_lane_best(); level++) {
        ar_norm_set_lane(n, level);
        got.len = 0;
        ar_offmap_clear(&gmap);
        if (ar_norm_apply(n, in, len, &got, &gmap) != AR_OK)
            abort();
        if (got.len != ref.len || (got.len && memcmp(got.ptr, ref.ptr, got.len) != 0)) {
            fprintf(stderr, "lane %d output differs (flags %#x)\n", level, flags);
            abort();
        }
        if (gmap.n != rmap.n || (gmap.n && memcmp(gmap.a, rmap.a, gmap.n * sizeof *gmap.a) != 0)) {
            fprintf(stderr, "lane %d anchors differ (flags %#x)\n", level, flags);
            abort();
        }
        /* and without a map */
        got.len = 0;
        if (ar_norm_apply(n, in, len, &got, NULL) != AR_OK || got.len != ref.len
            || (got.len && memcmp(got.ptr, ref.ptr, got.len) != 0))
            abort();
    }
    ar_norm_set_lane(n, ar_norm_lane_best());
    ar_buf_free(&ref);
    ar_buf_free(&got);
    ar_offmap_free(&rmap);
    ar_offmap_free(&gmap);
    return 0;
}
