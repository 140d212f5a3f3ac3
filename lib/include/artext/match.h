/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_MATCH_H
#define ARTEXT_MATCH_H
/*
 * The matcher: finds where patterns occur in bytes, insensitive to the
 * spelling differences its normalization flags fold (diacritics, alef forms,
 * ى/ي, ة/ه, digits...). It knows nothing of files or lines beyond '\n'.
 *
 * A matcher is compiled once from a list of patterns and is then immutable:
 * threads share it, each with its own ar_match_scratch.
 *
 * Two kinds of text: literal patterns (fixed strings, or regexes without
 * any metacharacter) are matched directly in the ORIGINAL text, folding
 * code point by code point as the automaton reads, so the spans found are
 * original offsets. Real regexes need the text folded first
 * (ar_matcher_needs_fold() says so): the caller folds with
 * ar_matcher_norm() and an offset map and passes the folded text.
 *
 * A fixed pattern starting with the article ال also matches its form after
 * the preposition ل, which drops the alef (الكاظمي in وللكاظمي).
 *
 * Matches never cross a '\n'. Spans are byte offsets [start, end) into the
 * text given; a match's end includes marks deleted by folding right after
 * its last letter (the harakat of the last letter belong to the match).
 */
#include "base.h"
#include "norm.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Default folding of ar-grep: every deletion and letter fold that helps
 * find a name, nothing that changes offsets' line structure or needs
 * Unicode composition (no NFC/NFKC, no space collapsing). */
#define AR_MATCH_DEFAULT_FOLDS \
    (AR_NORM_HARAKAT | AR_NORM_QURANIC | AR_NORM_TATWEEL | AR_NORM_INVISIBLE | AR_NORM_ALL_FOLDS | \
     AR_NORM_DIGITS | AR_NORM_HAMZA_DROP | AR_NORM_PRESENTATION)

typedef struct ar_match_opts {
    unsigned norm_flags;   /* AR_NORM_* folds for pattern and text; 0 = exact bytes.
                              AR_NORM_NFC/NFKC/SPACE are refused (AR_EINVAL). */
    int fixed;             /* patterns are fixed strings (grep -F) */
    int word;              /* Arabic-aware whole words (grep -w): the match is the
                              whole word after optional proclitics (و ف ب ل ك, ال,
                              لل and their stacks: وال بال فبال ولل وب ...), with
                              nothing after it: no pronoun, nisba ي/ية, ة, ات ... */
    int line;              /* whole lines only (grep -x) */
    int caseless;          /* Latin case-insensitive (grep -i): adds AR_NORM_LATIN_CASE */
    uint32_t match_limit;  /* PCRE2 match limit; 0 = 10,000,000 */
    uint32_t depth_limit;  /* PCRE2 depth limit; 0 = 100,000 */
    int enclitics;         /* with word: an attached pronoun may follow (ه ها هما
                              هم هن ك كما كم كن ي نا, written as such: a ة after
                              the word is no pronoun), and a fixed pattern's final
                              ة also matches ت + pronoun (حكومة -> حكومته) */
    int loose;             /* foreign names in their many spellings (ar-grep --loose):
                              every pattern is text (as with fixed), matched as whole
                              words, with غ ج ق گ, ف ڤ, ب پ, ك گ interchangeable, س ش ص
                              at the end, optional ا و ي inside and ة ه ا at the end */
    int lines_only;        /* the caller asks only which lines hold a match (grep -c,
                              -l, -q, lines printed without colour): a list of patterns
                              (ar_matcher_kind "multi-literal") may then stop at the
                              first pattern it meets and report its last byte as the
                              span, without finding where it starts. No effect with
                              word, which needs the start. */
} ar_match_opts;

typedef struct ar_matcher ar_matcher;
typedef struct ar_match_scratch ar_match_scratch;

/* Compiles n patterns pats[i][0..lens[i]). A pattern containing '\n' is
 * several patterns (as in grep). On a bad regex returns AR_ESYNTAX and fills
 * diag: line = 1-based index of the pattern, offset = byte offset in it. */
AR_API int ar_matcher_new(ar_matcher **out, const char *const *pats, const size_t *lens, size_t n,
                          const ar_match_opts *opts, ar_diag *diag);
AR_API void ar_matcher_free(ar_matcher *m);

/* 1 when texts must be folded with ar_matcher_norm() before ar_matcher_find. */
AR_API int ar_matcher_needs_fold(const ar_matcher *m);
/* The normalizer of the matcher's folds (owned by the matcher). */
AR_API const ar_norm *ar_matcher_norm(const ar_matcher *m);
/* "literal", "multi-literal", "lines", "regex" or "empty": which engine was
 * chosen, for tests and --debug. A single pattern is "literal" even when
 * lines holding presentation forms go through the automaton. */
AR_API const char *ar_matcher_kind(const ar_matcher *m);

AR_API int ar_match_scratch_new(ar_match_scratch **out, const ar_matcher *m);
AR_API void ar_match_scratch_free(ar_match_scratch *s);

/* Finds the leftmost (then longest) match starting at or after from in
 * text[0..len). Text before from is context (word checks, lookbehind).
 * Returns 1 and sets *ms, *me; 0 when there is none; AR_ELIMIT when the
 * regex hit its match limit; another negative status on error. */
AR_API int ar_matcher_find(const ar_matcher *m, ar_match_scratch *s, const char *text, size_t len, size_t from,
                           size_t *ms, size_t *me);

/* The whole word a span [start, end) of text lies in: start moved back and
 * end forward over word characters (letters, marks, digits, underscore), so
 * that a -w match is shown with its clitics (وللكاظمي for الكاظمي). Bytes
 * that are not UTF-8 end a word. */
AR_API void ar_match_word_bounds(const char *text, size_t len, size_t start, size_t end, size_t *ws, size_t *we);

/* Convenience for tests and one-off checks: does text (original, unfolded)
 * contain a match? Folds internally when needed. 1 yes, 0 no, <0 error. */
AR_API int ar_matcher_test(const ar_matcher *m, ar_match_scratch *s, const char *text, size_t len);

#ifdef __cplusplus
}
#endif
#endif
