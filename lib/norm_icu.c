/* SPDX-License-Identifier: MIT */
/* The ICU side of the normalization engine: NFC/NFKC of the rare runs of
 * code points that are not normalization-inert, and the facts about single
 * code points the table builder needs. */
#include "norm_internal.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

/* Code points that take part in a canonical composition, as first or second
 * element. ICU has no direct query, so it is read off the decompositions. */
static uint8_t composes_bits[0x110000 / 8];
static pthread_once_t composes_once = PTHREAD_ONCE_INIT;
static int composes_ok;

static void composes_init(void)
{
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfc = unorm2_getNFCInstance(&ec);
    if (U_FAILURE(ec))
        return;
    /* Every canonical composition has both parts in the BMP or in the
     * Brahmic block U+11000..U+11FFF (Kaithi, Chakma, Grantha, Tirhuta,
     * Siddham, Dives Akuru); looking only there keeps start-up short. */
    for (UChar32 c = 0; c < 0x12000; c = c == 0xFFFF ? 0x11000 : c + 1) {
        UChar d[8];
        UErrorCode e2 = U_ZERO_ERROR;
        int32_t l = unorm2_getRawDecomposition(nfc, c, d, 8, &e2);
        if (l <= 0 || U_FAILURE(e2))
            continue;
        UChar32 a, b;
        int32_t i = 0;
        U16_NEXT(d, i, l, a);
        if (i >= l)
            continue;
        U16_NEXT(d, i, l, b);
        if (i != l || unorm2_composePair(nfc, a, b) != c)
            continue;
        composes_bits[a >> 3] |= (uint8_t)(1u << (a & 7));
        composes_bits[b >> 3] |= (uint8_t)(1u << (b & 7));
    }
    composes_ok = 1;
}

int ar_norm_icu_composes(int32_t cp)
{
    if (cp < 0 || cp >= 0x110000)
        return 0;
    return composes_bits[cp >> 3] >> (cp & 7) & 1;
}

int ar_norm_icu_init(ar_norm *n)
{
    UErrorCode ec = U_ZERO_ERROR;
    n->nz = (n->flags & AR_NORM_NFKC) ? unorm2_getNFKCInstance(&ec) : unorm2_getNFCInstance(&ec);
    if (U_FAILURE(ec) || !n->nz) {
        n->nz = NULL;
        return AR_EUNSUPPORTED;
    }
    pthread_once(&composes_once, composes_init);
    return composes_ok ? AR_OK : AR_EUNSUPPORTED;
}

int ar_norm_icu_inert(const ar_norm *n, int32_t cp) { return unorm2_isInert(n->nz, cp); }

int ar_norm_icu_boundary_before(const ar_norm *n, int32_t cp) { return unorm2_hasBoundaryBefore(n->nz, cp); }

/* Folds every code point of u[0..len) into f (capacity cap); returns the new
 * length or -1 when it does not fit. */
static int32_t fold_u16(const ar_norm *n, const UChar *u, int32_t len, UChar *f, int32_t cap)
{
    int32_t i = 0, k = 0;
    while (i < len) {
        UChar32 c;
        U16_NEXT(u, i, len, c);
        int32_t seq[AR_FOLD_MAX];
        int ns = ar_norm_fold_seq(n, c, seq, AR_FOLD_MAX);
        for (int j = 0; j < ns; j++) {
            if (k + 2 > cap)
                return -1;
            U16_APPEND_UNSAFE(f, k, seq[j]);
        }
    }
    return k;
}

int ar_norm_icu_run(const ar_norm *n, const char *s, size_t len, ar_buf *out)
{
    if (len > (size_t)INT32_MAX / 8)
        return AR_ELIMIT;
    /* Each round may grow the text (NFKC of U+FDFA is 18 code points from 1,
     * folds up to 3 from 1); size generously and fall back to ICU's
     * preflighting when it is not enough. */
    int32_t cap = (int32_t)len * 20 + 64;
    UChar *a = malloc((size_t)cap * sizeof *a), *b = malloc((size_t)cap * sizeof *b);
    int rc = AR_OK;
    if (!a || !b) {
        rc = AR_ENOMEM;
        goto out;
    }
    UErrorCode ec = U_ZERO_ERROR;
    int32_t al = 0;
    u_strFromUTF8(a, cap, &al, s, (int32_t)len, &ec);
    if (U_FAILURE(ec)) {
        rc = AR_EENCODING;
        goto out;
    }
    /* normalize, fold, until nothing changes (bounded: each round is a
     * function of the last; in practice two rounds settle). */
    for (int round = 0; round < 8; round++) {
        ec = U_ZERO_ERROR;
        int32_t bl = unorm2_normalize(n->nz, a, al, b, cap, &ec);
        if (U_FAILURE(ec) || bl > cap / 2) {
            rc = U_FAILURE(ec) && ec != U_BUFFER_OVERFLOW_ERROR ? AR_EENCODING : AR_ELIMIT;
            goto out;
        }
        int32_t fl = fold_u16(n, b, bl, a + 0, cap);
        if (fl < 0) {
            rc = AR_ELIMIT;
            goto out;
        }
        /* a now holds fold(normalize(previous a)); stop when it equals b */
        int same = fl == bl && memcmp(a, b, (size_t)bl * sizeof *a) == 0;
        al = fl;
        if (same)
            break;
    }
    ec = U_ZERO_ERROR;
    int32_t need = 0;
    u_strToUTF8(NULL, 0, &need, a, al, &ec);
    if (ar_buf_reserve(out, (size_t)need + 1)) {
        rc = AR_ENOMEM;
        goto out;
    }
    ec = U_ZERO_ERROR;
    u_strToUTF8(out->ptr + out->len, (int32_t)(out->cap - out->len), &need, a, al, &ec);
    if (U_FAILURE(ec)) {
        rc = AR_EENCODING;
        goto out;
    }
    out->len += (size_t)need;
out:
    free(a);
    free(b);
    return rc;
}
