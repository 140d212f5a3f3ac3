/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_NORM_H
#define ARTEXT_NORM_H
/*
 * The normalization engine. Every step is one bit; profiles are named sets of
 * bits. A normalizer is compiled once from its flags and is then immutable:
 * threads may share it. Each call writes the normalized text and, when asked,
 * an offset map from output bytes back to input bytes.
 *
 * Order of steps, whatever the order of the bits: Unicode NFC or NFKC first,
 * then the per-code-point steps (deletions, folds, digits, punctuation), then
 * whitespace collapsing. Bytes that are not valid UTF-8 are copied unchanged.
 * '\n' is never removed or added, so line structure is preserved.
 * The exact code points each step touches are listed in lib/data/fold.tsv and
 * in ar-norm(1).
 */
#include "base.h"
#include "offmap.h"

#ifdef __cplusplus
extern "C" {
#endif

enum ar_norm_flag {
    AR_NORM_NFC        = 1u << 0,  /* Unicode NFC */
    AR_NORM_NFKC       = 1u << 1,  /* Unicode NFKC (presentation forms, lam-alef ligatures) */
    AR_NORM_HARAKAT    = 1u << 2,  /* remove U+064B..U+065F and U+0670 */
    AR_NORM_QURANIC    = 1u << 3,  /* remove Quranic marks U+06D6..U+06ED (not the letters among them) */
    AR_NORM_TATWEEL    = 1u << 4,  /* remove U+0640 */
    AR_NORM_ALEF       = 1u << 5,  /* أ إ آ ٱ (and U+0672 U+0673 U+0675) -> ا */
    AR_NORM_YEH        = 1u << 6,  /* ى -> ي */
    AR_NORM_TEH        = 1u << 7,  /* ة -> ه */
    AR_NORM_HAMZA      = 1u << 8,  /* ؤ -> و, ئ -> ي */
    AR_NORM_PERSIAN    = 1u << 9,  /* ک -> ك, ی -> ي, ہ ۀ ە -> ه, ... */
    AR_NORM_DIGITS     = 1u << 10, /* ٠-٩ and ۰-۹ -> 0-9 */
    AR_NORM_DIGITS_AR  = 1u << 11, /* 0-9 -> ٠-٩ (the reverse; exclusive with DIGITS) */
    AR_NORM_PUNCT      = 1u << 12, /* ، ؛ ؟ ٪ ٫ ٬ -> , ; ? % . , */
    AR_NORM_PUNCT_AR   = 1u << 13, /* , ; ? % -> ، ؛ ؟ ٪ (the reverse; exclusive with PUNCT) */
    AR_NORM_QUOTES     = 1u << 14, /* “ ” „ « » ‹ › ″ -> "  and ‘ ’ ‚ ′ -> ' */
    AR_NORM_INVISIBLE  = 1u << 15, /* remove ZWNJ ZWJ LRM RLM ALM, bidi embeddings/isolates, BOM, soft hyphen */
    AR_NORM_SPACE      = 1u << 16, /* runs of spaces/tabs/NBSP and other Zs -> one space; trims line ends */
    AR_NORM_HAMZA_DROP = 1u << 17, /* remove the lone hamza ء U+0621 (matching only) */
    AR_NORM_LATIN_CASE = 1u << 18, /* ASCII and Latin-1 letters to lower case (grep -i) */
    AR_NORM_PRESENTATION = 1u << 19, /* Arabic presentation forms (U+FB50..U+FDFF, U+FE70..U+FEFC) ->
                                        their letters, one code point at a time: ﻻ -> لا, ﷲ -> الله
                                        (what NFKC does to them, without composing anything else) */
    AR_NORM_ALL_FOLDS  = AR_NORM_ALEF | AR_NORM_YEH | AR_NORM_TEH | AR_NORM_HAMZA | AR_NORM_PERSIAN
};

/* Named profiles. "search": everything that helps matching (NFKC, harakat,
 * Quranic marks, tatweel, all letter folds, digits, invisibles, spaces);
 * "clean": only what changes no letter (NFKC, invisibles, tatweel);
 * "camel": CAMeL Tools arclean + dediac_ar behaviour; "none": nothing.
 * Returns AR_OK and sets *flags, or AR_ENOTFOUND. */
AR_API int ar_norm_profile(const char *name, unsigned *flags);
/* NULL-terminated list of profile names, for --help and tests. */
AR_API const char *const *ar_norm_profile_names(void);

typedef struct ar_norm ar_norm;

AR_API int ar_norm_new(ar_norm **out, unsigned flags);
AR_API void ar_norm_free(ar_norm *n);
AR_API unsigned ar_norm_flags(const ar_norm *n);

/* Normalizes in[0..len) and APPENDS the result to out. When map is non-NULL,
 * anchors are appended to it relating out offsets (counted from out->len at
 * entry) to in offsets (counted from in). Thread-safe for a shared n. */
AR_API int ar_norm_apply(const ar_norm *n, const char *in, size_t len, ar_buf *out, ar_offmap *map);

/* Folding of one code point under n's per-code-point steps (no NFC/NFKC,
 * no space collapsing): writes up to 16 bytes to out and returns their
 * count, 0 when the code point is removed. For building lexicons. */
AR_API int ar_norm_fold_cp(const ar_norm *n, int32_t cp, char out[16]);

#ifdef __cplusplus
}
#endif
#endif
