/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_NORM_INTERNAL_H
#define ARTEXT_NORM_INTERNAL_H
/* Private to lib/norm*.c and lib/fold_table.c (generated). */
#include "artext/norm.h"

#include <unicode/unorm2.h>

/* One line of lib/data/fold.tsv, expanded to a single code point. */
typedef struct ar_fold_entry {
    unsigned step;    /* AR_NORM_* bit that enables it */
    uint16_t cp;
    uint8_t n;        /* length of to[], 0 = removed */
    uint16_t to[4];
} ar_fold_entry;

extern const ar_fold_entry ar_fold_entries[];
extern const size_t ar_fold_nentries;

/* What the hot loop does with one code point. The BMP table holds an index
 * into n->acts for each code point; index 0 is "copy, nothing to check". */
enum { ACT_COPY = 0, ACT_REPL = 1, ACT_SPACE = 2, ACT_NEWLINE = 3 };
enum {
    ACTF_NI = 1,     /* not normalization-inert: may interact with neighbours */
    ACTF_BB = 2,     /* a normalization boundary before it (after folding) */
    ACTF_SIMPLE = 4, /* alone it is stable, composes with nothing; so are its folds */
    ACTF_TAIL0 = 8   /* a starter whose result ends in a starter */
};

/* Fast-lane classes: copied with no further look (PLAIN), copied unless a
 * joining mark follows (PLAIN_NI), the ASCII space under AR_NORM_SPACE,
 * anything else (the full path decides). FOLD2 and FOLD2_NI are two-byte
 * characters replaced by one other two-byte character (أ -> ا, ة -> ه,
 * ى -> ي ...): replaced from the lane, whose anchors merge into the copy
 * around them (input and output move together); the _NI kind only when no
 * mark follows. */
enum { CLS_PLAIN = 0, CLS_PLAIN_NI = 1, CLS_SPACE = 2, CLS_OTHER = 3, CLS_FOLD2 = 4, CLS_FOLD2_NI = 5 };

typedef struct ar_norm_act {
    uint8_t kind, flags, ccc, pad;
    uint16_t len;    /* replacement length in bytes (ACT_REPL) */
    uint32_t off;    /* replacement bytes at n->pool + off */
} ar_norm_act;

#define AR_FOLD_MAX 48 /* longest fold result in code points (U+FDFA under NFKC is 18) */

struct ar_norm {
    unsigned flags;
    const UNormalizer2 *nz;  /* NFC or NFKC instance, NULL when neither */
    uint16_t *idx;           /* 0x10000 entries */
    ar_norm_act *acts;
    size_t nacts, capacts;
    char *pool;
    size_t npool, cappool;
    int16_t *fold;           /* 0x10000 entries: fold entry index, -1 none */
    uint8_t *join;           /* 0x10000 entries: bit 0 = may join the run before
                                it, bit 1 = kind ACT_COPY */
    uint8_t *cls;            /* 0x10000 entries: CLS_* for the fast lane */
};

/* Per-code-point steps alone (no Unicode normalization), folded to a
 * fixpoint. Writes up to max code points to out, returns the count. */
int ar_norm_fold_seq(const ar_norm *n, int32_t cp, int32_t *out, int max);

/* ICU side (norm_icu.c). */
int ar_norm_icu_init(ar_norm *n);
/* Information on cp under n's normalization form (n->nz != NULL). */
int ar_norm_icu_inert(const ar_norm *n, int32_t cp);
int ar_norm_icu_boundary_before(const ar_norm *n, int32_t cp);
int ar_norm_icu_composes(int32_t cp); /* takes part in any canonical composition */
/* Normalization + folds to a fixpoint of the UTF-8 text s[0..len) (valid
 * UTF-8); appends to out. */
int ar_norm_icu_run(const ar_norm *n, const char *s, size_t len, ar_buf *out);

#endif
