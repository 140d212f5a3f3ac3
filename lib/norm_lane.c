/* SPDX-License-Identifier: MIT */
/* The normalizer's lane: the stretch of text where every character is
 * handled alone and keeps or changes its bytes in place (see LANE_* in
 * norm_internal.h). Most of real Arabic text is such a stretch; the rest
 * (marks that compose, characters that expand, runs of spaces, line ends,
 * invalid bytes) goes back to the general loop in norm.c.
 *
 * Three ways through a stretch, chosen once per normalizer:
 *  - a scalar loop, one character a step through a 2,048-entry class table;
 *  - SSE2 (every x86-64): 16 bytes a step, ASCII by compare, each letter by
 *    the class table;
 *  - AVX2 (chosen at run time): 32 bytes a step, every class by in-register
 *    table look-ups (pshufb), stored whole and patched where a letter folds.
 * The vector steps commit a block only when it holds no removal and nothing
 * hard; the scalar loop takes the blocks that do (a diacritized text). All
 * three give the general loop's bytes and offset anchors exactly: a test and
 * a fuzz target compare them (tests/unit/test_norm_lane.c,
 * fuzz/fuzz_norm_lane.c). */
#include "norm_internal.h"
#include "utf8_internal.h"

#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define LANE_X86 1
#endif

typedef struct lane_state {
    const ar_norm *n;
    const unsigned char *in;
    unsigned char *w;   /* next output byte */
    unsigned char *w0;  /* out->ptr + base: offset 0 of this call's output */
    ar_offmap *map;
    /* where the last kept character started, to back up to when a
     * character that composes with it follows */
    const unsigned char *kp;
    unsigned char *kw;
    size_t kmap_n;
    ar_offmap_anchor kmap_last;
    int rc;
} lane_state;

static inline void keep_mark(lane_state *s, const unsigned char *p, unsigned char *w)
{
    s->kp = p;
    s->kw = w;
    if (s->map) {
        s->kmap_n = s->map->n;
        if (s->map->n)
            s->kmap_last = s->map->a[s->map->n - 1];
    }
}

static inline void push(lane_state *s, size_t in)
{
    int rc = ar_offmap_push(s->map, (size_t)(s->w - s->w0), in);
    if (rc && !s->rc)
        s->rc = rc;
}

/* One character at p by the scalar rules. Returns 0 when the lane ends at
 * p (the caller backs up if the character may compose with the one before). */
static inline int scalar_step(lane_state *s, const unsigned char **pp, const unsigned char *end)
{
    const ar_norm *n = s->n;
    const unsigned char *p = *pp;
    int cl;
    unsigned k = ar_norm_lane_class(n, p, end, &cl);
    switch (k) {
    case LANE_OK:
    case LANE_FOLD: {
        keep_mark(s, p, s->w);
        const unsigned char *r = k == LANE_OK ? p : n->rep2[cl == 1 ? p[0] : ((p[0] & 0x1F) << 6) | (p[1] & 0x3F)];
        s->w[0] = r[0];
        if (cl == 2)
            s->w[1] = r[1];
        s->w += cl;
        break;
    }
    case LANE_DROP:
        if (s->map) {
            push(s, (size_t)(p - s->in));
            push(s, (size_t)(p - s->in) + (size_t)cl);
        }
        break;
    case LANE_SPACE: {
        /* one space between kept characters stays as it is */
        int cl2;
        if (p + 1 >= end)
            return 0;
        unsigned k2 = ar_norm_lane_class(n, p + 1, end, &cl2);
        if (k2 != LANE_OK && k2 != LANE_FOLD)
            return 0;
        *s->w++ = ' ';
        break;
    }
    default:
        return 0;
    }
    *pp = p + cl;
    return 1;
}

#ifdef LANE_X86
/* Patches the folded letters of a block stored as it was: bit i of lead
 * marks a two-byte letter at block offset i. */
static inline void patch(const ar_norm *n, const unsigned char *p, unsigned char *w, uint32_t lead)
{
    while (lead) {
        unsigned i = (unsigned)__builtin_ctz(lead);
        lead &= lead - 1;
        const unsigned char *r = n->rep2[((p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F)];
        memcpy(w + i, r, 2);
    }
}

/* How much of a classified block to commit: up to the first hard byte (a
 * character there that composes with the last one committed is seen to by
 * ar_norm_lane, which backs up). A letter cut by the block's end, or a space
 * there (whose next character is unknown), is left to the next block: *more
 * says that the next block may go on. */
typedef struct blockmask {
    uint32_t asc, lead, fold, sp; /* ok ASCII but the space, kept letters' and
                                     folded letters' leads, spaces */
} blockmask;

static inline unsigned block_commit(const blockmask *b, unsigned width, int *more)
{
    uint32_t full = width == 32 ? 0xFFFFFFFFu : (1u << width) - 1;
    uint32_t trails = b->lead << 1;
    uint32_t cov = b->asc | b->lead | trails;
    /* a space before a kept character (what is before it in the lane is a
     * kept character or a removal, never a line start or another space) */
    uint32_t sp_ok = b->sp & (cov >> 1);
    uint32_t last = 1u << (width - 1);
    uint32_t hard = ~(cov | sp_ok | (b->sp & last)) & full;
    *more = 0;
    if (hard)
        return (unsigned)__builtin_ctz(hard);
    *more = 1;
    return (b->lead | b->sp) & last ? width - 1 : width;
}

static size_t run_sse2(lane_state *s, const unsigned char *p, const unsigned char *end)
{
    const ar_norm *n = s->n;
    const unsigned char *p0 = p;
    const __m128i fe = _mm_set1_epi8((char)0xFE), d8 = _mm_set1_epi8((char)0xD8), c0 = _mm_set1_epi8((char)0xC0),
                  x80 = _mm_set1_epi8((char)0x80), sp = _mm_set1_epi8(' '),
                  lo = _mm_set1_epi8((char)(n->asc_lo - 1)), hi = _mm_set1_epi8((char)(n->asc_hi + 1));
    const int spaces = n->lane[' '] == LANE_SPACE;
    while (end - p > 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)p), v1 = _mm_loadu_si128((const __m128i *)(p + 1));
        blockmask b;
        /* signed compares: bytes >= 0x80 are negative, outside [lo, hi] */
        b.asc = (uint32_t)_mm_movemask_epi8(_mm_and_si128(_mm_cmpgt_epi8(v, lo), _mm_cmplt_epi8(v, hi)));
        b.sp = spaces ? (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(v, sp)) : 0;
        uint32_t leads = (uint32_t)_mm_movemask_epi8(_mm_and_si128(
            _mm_cmpeq_epi8(_mm_and_si128(v, fe), d8), _mm_cmpeq_epi8(_mm_and_si128(v1, c0), x80)));
        b.lead = b.fold = 0;
        for (uint32_t m = leads; m; m &= m - 1) {
            unsigned i = (unsigned)__builtin_ctz(m);
            unsigned k = n->lane[((p[i] & 0x1F) << 6) | (p[i + 1] & 0x3F)];
            b.lead |= (uint32_t)(k == LANE_OK || k == LANE_FOLD) << i;
            b.fold |= (uint32_t)(k == LANE_FOLD) << i;
        }
        int more;
        unsigned k = block_commit(&b, 16, &more);
        _mm_storeu_si128((__m128i *)s->w, v);
        patch(n, p, s->w, b.fold & ((1u << k) - 1));
        s->w += k;
        p += k;
        if (!more)
            break;
    }
    return (size_t)(p - p0);
}

__attribute__((target("avx2"))) static size_t run_avx2(lane_state *s, const unsigned char *p,
                                                        const unsigned char *end)
{
    const ar_norm *n = s->n;
    const unsigned char *p0 = p;
    const __m256i asc_tab = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)n->vt_asc)),
                  ok_tab = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)n->vt_ok)),
                  fold_tab = _mm256_broadcastsi128_si256(_mm_loadu_si128((const __m128i *)n->vt_fold)),
                  bits = _mm256_setr_epi8(1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128, 1, 2, 4, 8,
                                          16, 32, 64, -128, 1, 2, 4, 8, 16, 32, 64, -128),
                  fe = _mm256_set1_epi8((char)0xFE), d8 = _mm256_set1_epi8((char)0xD8),
                  c0 = _mm256_set1_epi8((char)0xC0), x80 = _mm256_set1_epi8((char)0x80),
                  sp = _mm256_set1_epi8(' '), seven = _mm256_set1_epi8(7), fifteen = _mm256_set1_epi8(15),
                  one = _mm256_set1_epi8(1), zero = _mm256_setzero_si256();
    const int spaces = n->lane[' '] == LANE_SPACE;
    while (end - p > 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)p), v1 = _mm256_loadu_si256((const __m256i *)(p + 1));
        blockmask b;
        /* ASCII: bit (c & 7) of byte (c >> 3) of a 128-bit set */
        __m256i bit = _mm256_shuffle_epi8(bits, _mm256_and_si256(v, seven));
        __m256i row = _mm256_shuffle_epi8(asc_tab, _mm256_and_si256(_mm256_srli_epi16(v, 3), fifteen));
        __m256i in_set = _mm256_cmpeq_epi8(_mm256_and_si256(row, bit), bit);
        b.asc = (uint32_t)_mm256_movemask_epi8(_mm256_andnot_si256(_mm256_cmpgt_epi8(zero, v), in_set));
        b.sp = spaces ? (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, sp)) : 0;
        /* U+0600..U+067F: lead D8/D9, the letter's bit in a 128-bit set
         * indexed by (lead & 1, trail & 0x3F) */
        __m256i is_lead = _mm256_and_si256(_mm256_cmpeq_epi8(_mm256_and_si256(v, fe), d8),
                                           _mm256_cmpeq_epi8(_mm256_and_si256(v1, c0), x80));
        __m256i tbit = _mm256_shuffle_epi8(bits, _mm256_and_si256(v1, seven));
        __m256i tidx = _mm256_or_si256(_mm256_and_si256(_mm256_srli_epi16(v1, 3), seven),
                                       _mm256_slli_epi16(_mm256_and_si256(v, one), 3));
        __m256i okrow = _mm256_shuffle_epi8(ok_tab, tidx), foldrow = _mm256_shuffle_epi8(fold_tab, tidx);
        __m256i is_fold = _mm256_and_si256(is_lead, _mm256_cmpeq_epi8(_mm256_and_si256(foldrow, tbit), tbit));
        __m256i is_ok = _mm256_and_si256(is_lead, _mm256_cmpeq_epi8(_mm256_and_si256(okrow, tbit), tbit));
        b.fold = (uint32_t)_mm256_movemask_epi8(is_fold);
        b.lead = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(is_ok, is_fold));
        int more;
        unsigned k = block_commit(&b, 32, &more);
        _mm256_storeu_si256((__m256i *)s->w, v);
        patch(n, p, s->w, k == 32 ? b.fold : b.fold & ((1u << k) - 1));
        s->w += k;
        p += k;
        if (!more)
            break;
    }
    return (size_t)(p - p0);
}

#endif

int ar_norm_lane_best(void)
{
#ifdef LANE_X86
    return ar_cpu_avx2() ? AR_LANE_AVX2 : AR_LANE_SSE2;
#else
    return AR_LANE_SCALAR;
#endif
}

size_t ar_norm_lane(const ar_norm *n, const char *in_, size_t pos, size_t len, ar_buf *out, size_t base,
                    ar_offmap *map, int *rc)
{
    const unsigned char *in = (const unsigned char *)in_, *p = in + pos, *end = in + len;
    /* Output never outgrows the input here, but a vector store writes a
     * whole block. */
    if (ar_buf_reserve(out, (size_t)(end - p) + 64)) {
        *rc = AR_ENOMEM;
        return pos;
    }
    lane_state s = {.n = n, .in = in, .w = (unsigned char *)out->ptr + out->len,
                    .w0 = (unsigned char *)out->ptr + base, .map = map, .rc = AR_OK};
    keep_mark(&s, p, s.w);
    int level = n->lane_level;
    size_t adv = 32;
    while (p < end) {
#ifdef LANE_X86
        if (level >= AR_LANE_SSE2) {
            adv = level >= AR_LANE_AVX2 ? run_avx2(&s, p, end) : run_sse2(&s, p, end);
            if (adv) {
                p += adv;
                /* the last committed character is a kept one: back up to it
                 * if need be */
                const unsigned char *lp = p - 1;
                if (lp > in && (*lp & 0xC0) == 0x80 && lp[-1] >= 0xC2)
                    lp--;
                keep_mark(&s, lp, s.w - (p - lp));
            }
        }
#endif
        /* A few characters by the scalar rules (a removal, a short word
         * between two hard ones), then the vector steps again; more of them
         * where the vector steps went only a little way (vocalized text,
         * with a mark every few bytes). */
        size_t span = adv >= 32 ? 24 : 128;
        const unsigned char *stop = (size_t)(end - p) > span ? p + span : end;
        int more = 1;
        while (p < stop && (more = scalar_step(&s, &p, end)))
            ;
        if (!more)
            break;
    }
    if (p < end && *p >= 0x80 && s.kp < p) {
        /* The character at p may compose with the kept one before it (and
         * any removals after it): the general loop takes them all. */
        p = s.kp;
        s.w = s.kw;
        if (map) {
            map->n = s.kmap_n;
            if (s.kmap_n)
                map->a[s.kmap_n - 1] = s.kmap_last;
        }
    }
    out->len = (size_t)((char *)s.w - out->ptr);
    *rc = s.rc;
    return (size_t)(p - in);
}
