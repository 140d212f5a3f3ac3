/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_MATCH_INTERNAL_H
#define ARTEXT_MATCH_INTERNAL_H
/* Private to lib/match*.c and lib/search.c. */
#include "artext/match.h"

/* Text is read as code points; a byte that does not start a valid UTF-8
 * sequence becomes the pseudo code point AR_M_BYTE + byte, so invalid bytes
 * are matched as themselves and never merge with real characters. */
#define AR_M_BYTE 0x110000

/* The per-code-point folds of the matcher's normalizer, for the BMP (code
 * points above it fold to themselves). Each entry is the folded code point,
 * AR_M_SKIP when folding removes it, or AR_M_SEQ|i for a fold to several
 * code points (seq[i]). */
#define AR_M_SKIP 0xFFFFFFFFu
#define AR_M_SEQ 0x80000000u

typedef struct ar_foldtab {
    uint32_t *bmp;          /* 0x10000 entries */
    int32_t (*seq)[5];      /* seq[i][0] = count (1..4), then the code points */
    size_t nseq;
    /* The BMP code points folding changes (bmp[cp] != cp), ascending: a
     * few thousand of 65,536, so set-up loops that ask "what folds to x"
     * visit these and x itself instead of the whole plane. */
    uint16_t *moved;
    size_t nmoved;
} ar_foldtab;

extern const uint32_t ar_match_byte_ppm[256];

/* Decodes one code point at s[i] (i < n) into *cp; returns its length. */
static inline size_t ar_m_decode(const unsigned char *s, size_t n, size_t i, int32_t *cp)
{
    unsigned b = s[i];
    if (b < 0x80) {
        *cp = (int32_t)b;
        return 1;
    }
    if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
        *cp = (int32_t)(((b & 0x1F) << 6) | (s[i + 1] & 0x3Fu));
        return 2;
    }
    int32_t c;
    int k = ar_utf8_decode(s + i, n - i, &c);
    if (c < 0) {
        *cp = AR_M_BYTE + (int32_t)b;
        return 1;
    }
    *cp = c;
    return (size_t)k;
}

/* Start of the code point that ends at s[i] (0 < i), as ar_m_decode would
 * have cut the text reading forward from any earlier valid boundary. */
static inline size_t ar_m_prev(const unsigned char *s, size_t n, size_t i)
{
    size_t lo = i > 4 ? i - 4 : 0;
    for (size_t j = i - 1;; j--) {
        if ((s[j] & 0xC0) != 0x80) {
            if (j + 1 < i) {
                int32_t cp;
                if (ar_m_decode(s, n, j, &cp) == i - j)
                    return j;
            }
            return i - 1;
        }
        if (j == lo)
            return i - 1;
    }
}

/* Folds cp: writes the folded code points to out[0..4) and returns their
 * count (0 = removed). */
#define AR_M_FOLD_MAX 4
static inline int ar_m_fold(const ar_foldtab *ft, int32_t cp, int32_t out[AR_M_FOLD_MAX])
{
    if (cp >= 0x10000) {
        out[0] = cp;
        return 1;
    }
    uint32_t f = ft->bmp[cp];
    if (f == AR_M_SKIP)
        return 0;
    if (f & AR_M_SEQ) {
        const int32_t *q = ft->seq[f & ~AR_M_SEQ];
        for (int k = 0; k < q[0]; k++)
            out[k] = q[k + 1];
        return q[0];
    }
    out[0] = (int32_t)f;
    return 1;
}

int ar_foldtab_init(ar_foldtab *ft, const ar_norm *norm);
void ar_foldtab_free(ar_foldtab *ft);
/* Folds s[0..n) into code points (appended to *out, grown as needed). */
int ar_foldtab_fold_str(const ar_foldtab *ft, const char *s, size_t n, int32_t **out, size_t *len, size_t *cap);

/* A literal matcher (original text) that finds every line a regex matcher
 * can match, or NULL. */
const ar_matcher *ar_matcher_prefilter(const ar_matcher *m);

/* Arabic-aware word check of the match s[ms..me) (see ar_match_opts.word). */
/* What may follow a whole word: nothing (the default of -w), nothing or an
 * enclitic pronoun (--enclitics), or only a pronoun (a final ة written ت). */
enum { AR_M_ENC_NONE, AR_M_ENC_ALLOW, AR_M_ENC_NEED };
int ar_m_word_ok(const ar_foldtab *ft, const unsigned char *s, size_t n, size_t ms, size_t me, int enc);
/* Extends a match end over code points folding removes (marks of the last letter). */
size_t ar_m_extend(const ar_foldtab *ft, const unsigned char *s, size_t n, size_t e);

/* The multi-literal automaton (match_multi.c): a DFA over classes of folded
 * code points, run directly over original text. */
typedef struct ar_mdfa ar_mdfa;
/* enc (may be NULL): per pattern, 1 when it matches only before an enclitic. */
int ar_mdfa_new(ar_mdfa **out, const ar_foldtab *ft, int32_t *const *pats, const size_t *plens,
                const unsigned char *enc, size_t n);
void ar_mdfa_free(ar_mdfa *d);
size_t ar_mdfa_ring_size(const ar_mdfa *d); /* entries of size_t the scratch ring needs */
/* Leftmost-longest match at or after from; word: apply ar_m_word_ok. */
/* word: 0 no word check, 1 whole words, 2 whole words or a pronoun after,
 * AR_M_ANY no word check and the first pattern met, its span its last byte
 * (ar_match_opts.lines_only) */
#define AR_M_ANY (-1)
int ar_mdfa_find(const ar_mdfa *d, const ar_foldtab *ft, int word, size_t *ring, const unsigned char *s, size_t n,
                 size_t from, size_t *ms, size_t *me);

#endif
