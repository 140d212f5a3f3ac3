/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_NORM_INTERNAL_H
#define ARTEXT_NORM_INTERNAL_H
/* Private to lib/norm*.c and lib/fold_table.c (generated). */
#include <stdint.h>
#include <string.h>

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

/* Lane classes of the code points below U+0800 (norm_lane.c): characters
 * the lane handles alone, each in one step. OK: copied; FOLD: replaced by
 * as many bytes (أ -> ا, ة -> ه, A -> a); DROP: removed (a haraka); SPACE:
 * the ASCII space under AR_NORM_SPACE, copied when a kept character
 * follows; HARD: the general loop decides. A character that may compose
 * with the one before it is HARD; one that may compose with what follows
 * is OK or FOLD only when it can be handled alone next to a removal. */
enum { LANE_HARD = 0, LANE_OK = 1, LANE_FOLD = 2, LANE_DROP = 3, LANE_SPACE = 4 };

/* Ways through the lane: none (the general loop alone: the reference the
 * others are tested against), scalar, SSE2, AVX2. */
enum { AR_LANE_REF = 0, AR_LANE_SCALAR = 1, AR_LANE_SSE2 = 2, AR_LANE_AVX2 = 3 };

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
    uint8_t *join;           /* 0x10000 entries: 1 = may join the run before it */
    uint8_t *lane;           /* 0x800 entries: LANE_* */
    uint8_t (*rep2)[2];      /* 0x800 entries: a LANE_FOLD character's bytes */
    /* the same classes as 128-bit sets for the vector steps: ASCII OK (the
     * space apart), and OK and FOLD of U+0600..U+067F indexed by
     * ((lead & 1) << 3 | (trail & 0x3F) >> 3), bit (trail & 7) */
    uint8_t vt_asc[16], vt_ok[16], vt_fold[16];
    uint8_t asc_lo, asc_hi;  /* ASCII OK range for SSE2 (empty: lo > hi) */
    int lane_level;          /* AR_LANE_* */
};

/* The lane class of the character at p (p < end) and its length; HARD for
 * anything but a valid one- or two-byte character. */
static inline unsigned ar_norm_lane_class(const ar_norm *n, const unsigned char *p, const unsigned char *end, int *cl)
{
    unsigned c = p[0];
    *cl = 1;
    if (c < 0x80)
        return n->lane[c];
    if (c >= 0xC2 && c < 0xE0 && end - p > 1 && (p[1] & 0xC0) == 0x80) {
        *cl = 2;
        return n->lane[((c & 0x1F) << 6) | (p[1] & 0x3F)];
    }
    return LANE_HARD;
}

/* The lane (norm_lane.c): from in[pos], a character of class OK or FOLD,
 * handles characters while they are lane characters and appends their
 * result to out (out offsets of map anchors counted from base). Returns
 * where it stopped, pos itself when the general loop must take the first
 * character. */
size_t ar_norm_lane(const ar_norm *n, const char *in, size_t pos, size_t len, ar_buf *out, size_t base,
                    ar_offmap *map, int *rc);
int ar_norm_lane_best(void); /* the widest AR_LANE_* this processor runs */
/* For tests: the way through the lane (clamped to what the processor runs). */
void ar_norm_set_lane(ar_norm *n, int level);

/* Per-code-point steps alone (no Unicode normalization), folded to a
 * fixpoint. Writes up to max code points to out, returns the count. */
int ar_norm_fold_seq(const ar_norm *n, int32_t cp, int32_t *out, int max);

/* Whether a per-code-point step may change cp (0: ar_norm_fold_seq gives
 * cp back). */
static inline int ar_norm_has_fold(const ar_norm *n, int32_t cp)
{
    return cp < 0 || cp >= 0x10000 || n->fold[cp] >= 0;
}

/* The first BMP code point at or after cp with a fold entry, or 0x10000.
 * Few have one: runs of four without (-1 in fold) are passed at a time. */
static inline int32_t ar_norm_next_fold(const ar_norm *n, int32_t cp)
{
    for (; cp < 0x10000; cp++) {
        if (!(cp & 3)) {
            uint64_t w;
            memcpy(&w, n->fold + cp, sizeof w);
            if (w == UINT64_MAX) {
                cp += 3;
                continue;
            }
        }
        if (n->fold[cp] >= 0)
            return cp;
    }
    return 0x10000;
}

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
