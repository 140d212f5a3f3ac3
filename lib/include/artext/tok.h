/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_TOK_H
#define ARTEXT_TOK_H
/*
 * Tokenization: words, numbers, punctuation, Latin runs and URLs, each with
 * its byte span in the text given; sentence splitting; and optional clitic
 * segmentation of Arabic words. Offsets are relative to the text passed in.
 */
#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum ar_tok_type {
    AR_TOK_WORD = 1,   /* Arabic-script word (letters, marks, tatweel) */
    AR_TOK_LATIN,      /* run of Latin letters (with digits/apostrophes inside) */
    AR_TOK_NUMBER,     /* ASCII or Arabic-Indic digits, with , . ٫ ٬ inside */
    AR_TOK_PUNCT,      /* one punctuation or symbol character */
    AR_TOK_URL,        /* http(s)://..., www...., e-mail addresses */
    AR_TOK_OTHER       /* anything else that is not space, invalid bytes included */
} ar_tok_type;

typedef struct ar_token {
    size_t start, end;   /* byte span in the text */
    ar_tok_type type;
} ar_token;

/* Calls fn for each token in text[0..len) in order; stops early and returns
 * fn's value when it is non-zero. Never allocates. */
typedef int (*ar_tok_fn)(const ar_token *tok, void *ud);
AR_API int ar_tokenize(const char *text, size_t len, ar_tok_fn fn, void *ud);

/* Sentence splitting: calls fn with each sentence span [start, end) (leading
 * and trailing space excluded). Splits after . ! ? ؟ … and ؛ is NOT a
 * boundary; a full stop inside a number or after a single Latin initial
 * does not split. */
typedef int (*ar_sent_fn)(size_t start, size_t end, void *ud);
AR_API int ar_sentences(const char *text, size_t len, ar_sent_fn fn, void *ud);

/* Clitic segmentation of one Arabic word w[0..len). Fills up to max parts
 * (spans within w) and their kinds; returns the number of parts (>= 1), the
 * stem being the part with kind AR_SEG_STEM. The default is conservative: a
 * prefix is split only when the rest is a plausible word (long enough, and
 * not in the built-in list of words that merely begin with those letters,
 * such as لبنان or بارزاني). */
typedef enum ar_seg_kind {
    AR_SEG_PROCLITIC = 1, /* و ف ب ل ك س ال لل */
    AR_SEG_STEM,
    AR_SEG_ENCLITIC       /* attached pronoun: ه ها هم هما هن ك كم كن ي نا */
} ar_seg_kind;

typedef struct ar_seg_part {
    size_t start, end;
    ar_seg_kind kind;
} ar_seg_part;

enum ar_seg_flag {
    AR_SEG_ENCLITICS = 1u << 0, /* also split attached pronouns */
    AR_SEG_ARTICLE   = 1u << 1  /* also split the article ال */
};

AR_API int ar_segment(const char *w, size_t len, unsigned flags, ar_seg_part *parts, int max);

#ifdef __cplusplus
}
#endif
#endif
