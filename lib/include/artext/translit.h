/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_TRANSLIT_H
#define ARTEXT_TRANSLIT_H
/*
 * Transliteration of Arabic script.
 *
 *  - "buckwalter": Tim Buckwalter's one-to-one ASCII notation, both ways.
 *  - "safe-buckwalter": the variant without shell/XML-special characters
 *    (' | > & < } * $ ` { become C M O W I Q V c e L), both ways.
 *  - "iso233": an ISO 233-style romanisation (ṯ ḥ ḫ ḏ š ṣ ḍ ṭ ẓ ʿ ġ, ʾ for
 *    hamza, long vowels with macrons, shadda doubles the consonant), through
 *    an ICU transliterator built from our own rules. Arabic to Latin only.
 *
 * Arabic to Buckwalter and back is lossless for every code point of the
 * table (U+0621..U+063A, U+0640..U+0652, U+0670, U+0671, U+067E, U+0686,
 * U+06A4, U+06AF). Everything else passes through unchanged in both
 * directions (so Latin letters that are Buckwalter codes in Arabic-script
 * input come back as Arabic letters: the notation cannot tell them apart).
 * Invalid UTF-8 bytes are copied unchanged. Offsets: as in norm.h, map
 * anchors relate output bytes to input bytes.
 */
#include "base.h"
#include "offmap.h"

#ifdef __cplusplus
extern "C" {
#endif

enum ar_translit_scheme {
    AR_TRANSLIT_BUCKWALTER = 0,
    AR_TRANSLIT_SAFE_BUCKWALTER = 1,
    AR_TRANSLIT_ISO233 = 2
};

/* Scheme by name ("buckwalter", "bw", "safe-buckwalter", "safebw",
 * "iso233"); AR_OK or AR_ENOTFOUND. */
AR_API int ar_translit_scheme(const char *name, int *scheme);
/* NULL-terminated list of the canonical scheme names. */
AR_API const char *const *ar_translit_scheme_names(void);

typedef struct ar_translit ar_translit;

/* reverse = 0: Arabic script to the scheme; 1: the scheme to Arabic script
 * (AR_EUNSUPPORTED for iso233). Thread-safe after creation. */
AR_API int ar_translit_new(ar_translit **out, int scheme, int reverse);
AR_API void ar_translit_free(ar_translit *t);
/* Appends the transliteration of in[0..len) to out; map as in norm.h. */
AR_API int ar_translit_apply(const ar_translit *t, const char *in, size_t len, ar_buf *out, ar_offmap *map);

#ifdef __cplusplus
}
#endif
#endif
