/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_TOK_H
#define ARTEXT_TOK_H
/*
 * Tokenization: words, numbers, punctuation, Latin runs and URLs, each with
 * its byte span in the text given; sentence splitting; and optional clitic
 * segmentation of Arabic words. Offsets are relative to the text passed in.
 *
 * Nothing here allocates or keeps state between calls: every function may be
 * called from any number of threads at once. Character classes come from
 * ICU's properties (general category, script, White_Space), looked up once
 * into a table for the BMP.
 */
#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* What ar_tokenize makes of text, token by token:
 *  - White space (Unicode White_Space) and invisible format characters (bidi
 *    marks and controls, ALM, ZWSP, word joiner, BOM) separate tokens and
 *    are not tokens themselves. ZWNJ, ZWJ and the soft hyphen are kept when
 *    they stand between two characters of a word, and skipped elsewhere.
 *  - Combining marks and variation selectors belong to the token before
 *    them; a mark with nothing before it is an AR_TOK_OTHER token.
 *  - Every other byte is in exactly one token; tokens come in text order and
 *    do not overlap. */
typedef enum ar_tok_type {
    AR_TOK_WORD = 1,   /* Arabic-script word: letters, marks, tatweel, ZWNJ/ZWJ inside;
                          at least one letter (tatweel alone is punctuation) */
    AR_TOK_LATIN,      /* run of Latin letters (with digits, and ' or U+2019 between
                          letters, inside) */
    AR_TOK_NUMBER,     /* decimal digits (ASCII, Arabic-Indic, Extended Arabic-Indic or
                          any other Nd), with , . ٫ ٬ inside between two digits */
    AR_TOK_PUNCT,      /* one punctuation or symbol character (emoji included) */
    AR_TOK_URL,        /* http://, https://, ftp:// or www. up to the next space (trailing
                          . , : ; ! ? ' and unbalanced ) ] } left out), or an e-mail address */
    AR_TOK_OTHER       /* anything else that is not space: one run of invalid UTF-8 bytes,
                          one control character (NUL included), one run of letters of
                          another script (Greek, Cyrillic, Hebrew, CJK...), one other number
                          sign (superscripts, fractions), unassigned or private-use code point */
} ar_tok_type;

typedef struct ar_token {
    size_t start, end;   /* byte span in the text */
    ar_tok_type type;
} ar_token;

/* Calls fn for each token in text[0..len) in order; stops early and returns
 * fn's value when it is non-zero. Never allocates. Returns AR_EINVAL when fn
 * is NULL or text is NULL with len > 0. */
typedef int (*ar_tok_fn)(const ar_token *tok, void *ud);
AR_API int ar_tokenize(const char *text, size_t len, ar_tok_fn fn, void *ud);

/* "word", "latin", "number", "punct", "url", "other"; NULL for anything else. */
AR_API const char *ar_tok_type_name(ar_tok_type type);

/* Sentence splitting: calls fn with each sentence span [start, end) (leading
 * and trailing space excluded); stops early and returns fn's value when it
 * is non-zero. Sentences are made of the tokens above:
 *  - A sentence ends after a run of . ! ? ؟ … ۔ ؞ ‼ ⁇ ⁈ ⁉ and the closing
 *    quotes and brackets right after them (") ] } » ” ’ ' "), when space, the
 *    end of the text or an Arabic word follows (Arabic writers often leave
 *    out the space after a full stop).
 *  - ؛ , ، and : are not boundaries. A full stop inside a number (3.5) or a
 *    URL is part of that token. A full stop right after a one-letter word (a
 *    Latin initial as in "J. Smith" or "U.S.", an Arabic abbreviation as in
 *    "د. محمد") or after Mr, Mrs, Ms, Dr, Prof, Jr, Sr, St does not end a
 *    sentence, unless the letter is glued to a number (2021م.).
 *  - A line feed always ends a sentence: sentences never span lines (each
 *    line of a report is a paragraph or a headline; unwrap hard-wrapped text
 *    first).
 * Never allocates. */
typedef int (*ar_sent_fn)(size_t start, size_t end, void *ud);
AR_API int ar_sentences(const char *text, size_t len, ar_sent_fn fn, void *ud);

/* Clitic segmentation of one Arabic word w[0..len). Fills up to max parts
 * (spans within w, in order, contiguous, covering w exactly) and their kinds;
 * returns the number of parts (>= 1), the stem being the part with kind
 * AR_SEG_STEM; AR_EINVAL when parts is NULL, max < 1, or w is NULL with
 * len > 0. With max < AR_SEG_MAX, the parts nearest the stem are merged into it until
 * the rest fits. Never allocates.
 *
 * The rule is conservative: a clitic is split off only with evidence that it
 * is one, so names such as بارزاني، لبنان، بغداد، سيناء، وزير stay whole.
 * Letters are compared folded (marks, tatweel and ZWNJ/ZWJ ignored; أ إ آ ٱ
 * as ا, ة as ه, ؤ as و, ئ as ي, Persian ک ی as ك ي; ى stays apart from ي)
 * except where the letter as written is the evidence (the article's bare
 * alef, the أ of the future prefix, a final ة); spans cover the original
 * bytes, marks and tatweel going with the letter before them. The grammar is
 *     [و|ف] [ب|ك|ل|س] [ال] STEM [pronoun]
 * with لل read as ل + ال (the article's alef dropped), and:
 *  1. A word of the built-in lexicon is never split by a clitic letter, nor
 *     is a lexicon word with an inflection (ة ي ية ين ون ان ات يين يون يان ا,
 *     or a pronoun, a final ت read back as ة: بغدادي، لبنانية، والدته). The
 *     lexicon (tok_lexicon.c) holds the single words of the gazetteer names,
 *     three letters or longer (given names only protect themselves, they are
 *     no evidence: علي ends فعلي), and lib/data/tok/stems.tsv: function
 *     words, frequent news words, words that merely begin with clitic letters.
 *  2. ب ك ل is split when the rest begins with the article (bare alef, lam,
 *     and at least 3 letters), or, after ل, with the article's lam and 3
 *     letters (لل), or is a lexicon word as it is or with an inflection.
 *  3. س is the future prefix only before ي ت ن أ and at least 2 more letters
 *     (3 when the word ends in ون ين ان وا), the first of them not ا, in a
 *     word that does not end in ة ات اء or a lone ا (سيقوم; not سيارة، ستين).
 *  4. و ف is split when the rest would be split by 2 or 3, or begins with
 *     the article, or is a lexicon word (as it is or with an inflection).
 *  5. The article is found as in 2 (never in a word whose own letters begin
 *     with ال: الذين، اللواتي, marked so in the lexicon) and split off only
 *     with AR_SEG_ARTICLE.
 *  6. With AR_SEG_ENCLITICS, a final pronoun ه ها هم هما هن ك كم نا is split
 *     when at least 3 letters stay before it, the word has no article and is
 *     not a lexicon word, and what stays ends in ت (teh marbuta before a
 *     pronoun, or a verb) or is a lexicon word. The first-person ي is never
 *     split: without a dictionary it cannot be told from the nisba (عراقي).
 * A word that is not only Arabic letters, marks, tatweel and joiners, or has
 * more than AR_SEG_MAX_LETTERS letters, is one stem.
 */
typedef enum ar_seg_kind {
    AR_SEG_PROCLITIC = 1, /* و ف ب ل ك س, and ال (in لل the article is the second ل) */
    AR_SEG_STEM,
    AR_SEG_ENCLITIC       /* attached pronoun: ه ها هم هما هن ك كم نا */
} ar_seg_kind;

typedef struct ar_seg_part {
    size_t start, end;
    ar_seg_kind kind;
} ar_seg_part;

enum ar_seg_flag {
    AR_SEG_ENCLITICS = 1u << 0, /* also split attached pronouns */
    AR_SEG_ARTICLE   = 1u << 1  /* also split the article ال */
};

/* At most this many parts: conjunction, preposition or future, article,
 * stem, pronoun. */
#define AR_SEG_MAX 5
/* Longer words are left whole. */
#define AR_SEG_MAX_LETTERS 48

AR_API int ar_segment(const char *w, size_t len, unsigned flags, ar_seg_part *parts, int max);

/* Appends the segmentation of w to out as text: parts separated by one
 * space, marker after each proclitic and before each enclitic
 * ("و+ ب+ الكاظمي", "كتاب +ه" with marker "+"); marker NULL means "+", ""
 * means none. Returns AR_OK, AR_ENOMEM or AR_EINVAL. */
AR_API int ar_segment_format(const char *w, size_t len, unsigned flags, const char *marker, ar_buf *out);

#ifdef __cplusplus
}
#endif
#endif
