/* SPDX-License-Identifier: MIT */
/* The date recognizer: compile (lexicon, fold table), then per call cut the
 * text into tokens, folding each word on the way (the tokens keep their
 * original byte spans, so no offset map is needed) and looking it up while
 * its folded bytes are at hand, extend the entries that begin longer names,
 * and run the grammar. Most of the time goes to the words that are no date
 * at all, so their path is short: an SSE2 step copies runs of letters that
 * fold to themselves, and an inline hash and two-bit filter reject most
 * words before the lexicon's table is touched. */
#include "dates_internal.h"
#include "utf8_internal.h"

#include <stdlib.h>
#include <string.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <emmintrin.h>
#define DATES_X86 1
#endif

static void build_fold_table(ar_dates *d);

static const char *const calendars[] = {"islamic-umalqura", "islamic", "islamic-civil", "islamic-tbla",
                                        "islamic-rgsa", NULL};

int ar_dates_new(ar_dates **out, const ar_dates_opts *opts, ar_diag *diag)
{
    if (!out)
        return AR_EINVAL;
    *out = NULL;
    ar_dates *d = calloc(1, sizeof *d);
    if (!d)
        return AR_ENOMEM;
    if (opts)
        d->opts = *opts;
    const char *cal = d->opts.calendar ? d->opts.calendar : "islamic-umalqura";
    int known = 0;
    for (int i = 0; calendars[i]; i++)
        known |= strcmp(cal, calendars[i]) == 0;
    if (!known) {
        if (diag)
            ar_diag_set(diag, -1, -1, "unknown calendar '%s' (islamic-umalqura, islamic, islamic-civil, "
                                      "islamic-tbla, islamic-rgsa)", cal);
        free(d);
        return AR_ENOTFOUND;
    }
    snprintf(d->calendar, sizeof d->calendar, "%s", cal);
    d->opts.calendar = d->calendar;
    if (d->opts.ref.y && !cal_valid(d->opts.ref.y, d->opts.ref.m, d->opts.ref.d)) {
        if (diag)
            ar_diag_set(diag, -1, -1, "invalid reference date %04d-%02d-%02d", d->opts.ref.y, d->opts.ref.m,
                        d->opts.ref.d);
        free(d);
        return AR_EINVAL;
    }
    int rc = dates_lexicon_build(d);
    if (!rc) {
        build_fold_table(d);
        dates_set_sse2(d, 1);
    }
    if (rc) {
        if (diag)
            ar_diag_set(diag, -1, -1, "cannot build the date lexicon: %s", ar_strerror(rc));
        ar_dates_free(d);
        return rc;
    }
    *out = d;
    return AR_OK;
}

void ar_dates_free(ar_dates *d)
{
    if (!d)
        return;
    dates_lexicon_free(&d->lx);
    ar_norm_free(d->norm);
    free(d);
}

size_t ar_dates_lexicon_size(const ar_dates *d, size_t *from_icu)
{
    if (from_icu)
        *from_icu = d ? d->lx.from_icu : 0;
    return d ? d->lx.n : 0;
}

int ar_dates_scratch_new(ar_dates_scratch **out)
{
    if (!out)
        return AR_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? AR_OK : AR_ENOMEM;
}

void ar_dates_scratch_free(ar_dates_scratch *s)
{
    if (!s)
        return;
    ar_buf_free(&s->fold);
    free(s->t);
    free(s->cand);
    free(s->m);
    if (s->cal)
        ucal_close(s->cal);
    free(s);
}

int ar_dates_hijri_to_gregorian(const ar_dates *d, ar_dates_scratch *s, ar_ymd hijri, ar_ymd *greg)
{
    if (!d || !s || !greg)
        return AR_EINVAL;
    int rc = cal_hijri_to_greg(s, d->calendar, hijri.y, hijri.m, hijri.d, greg);
    if (rc)
        return rc;
    /* ICU's non-lenient check does not catch day 30 of a 29-day month in
     * every Islamic calendar: round-trip to be sure. */
    int hy, hm, hd;
    if (cal_greg_to_hijri(s, d->calendar, *greg, &hy, &hm, &hd) || hy != hijri.y || hm != hijri.m
        || hd != hijri.d)
        return AR_ESYNTAX;
    return AR_OK;
}

/* ---- tokens ---------------------------------------------------------------- */

static int is_arabic_letter(int32_t cp)
{
    return (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x0671 && cp <= 0x06D3) || (cp >= 0x06FA && cp <= 0x06FF)
           || cp == 0x06D5 || (cp >= 0x066E && cp <= 0x066F);
}

/* The scanner folds word by word with ar_norm's own per-code-point folds,
 * looked up here once for the Arabic block, so that no folded copy of the
 * whole text (nor an offset map) is needed: tokens keep original offsets. */
static void build_fold_table(ar_dates *d)
{
    for (int i = 0; i < 256; i++) {
        int32_t cp = 0x0600 + i;
        fold_cell *c = &d->tab[i];
        char out[16];
        int k = ar_norm_fold_cp(d->norm, cp, out);
        memset(c, 0, sizeof *c);
        if (k == 0) {
            c->cls = C_MARK;
            continue;
        }
        if (k == 1 && out[0] >= '0' && out[0] <= '9') {
            c->cls = C_DIGIT;
            c->b[0] = out[0];
            continue;
        }
        if (k == 1 && (unsigned char)out[0] < 0x80) {
            c->cls = C_PUNCT;
            c->b[0] = out[0];
            continue;
        }
        int32_t f;
        ar_utf8_decode((const unsigned char *)out, (size_t)k, &f);
        if ((is_arabic_letter(f) || is_arabic_letter(cp)) && k <= (int)sizeof c->b) {
            c->cls = C_LETTER;
            c->len = (uint8_t)k;
            memcpy(c->b, out, (size_t)k);
        } else
            c->cls = C_PUNCT;
    }
}

/* The letters the vector step folds by itself: ا ب and ت..غ (D8 A7..BA
 * but not ة, D8 A9) and ف..ي (D9 81..8A but not ى, D9 89) as they are, the
 * bulk of any Arabic text; and the two-byte folds of the commonest others,
 * in place: آ أ إ to ا, ؤ to و, ئ to ي, ة to ه, ى to ي. Checked against the
 * fold table at ar_dates_new, so a fold that differs turns the step off
 * rather than fold wrong. */
enum { ID8_LO = 0xA7, ID8_HI = 0xBA, ID8_NOT = 0xA9, ID9_LO = 0x81, ID9_HI = 0x8A, ID9_NOT = 0x89 };

static int ident_letter(unsigned lead, unsigned c)
{
    return (lead == 0xD8 && c >= ID8_LO && c <= ID8_HI && c != ID8_NOT)
           || (lead == 0xD9 && c >= ID9_LO && c <= ID9_HI && c != ID9_NOT);
}

/* The vector step's fold of a letter it takes that is not ident_letter. */
static const struct {
    unsigned char from[2], to[2];
} vec_folds[] = {
    {{0xD8, 0xA2}, {0xD8, 0xA7}}, /* آ ا */
    {{0xD8, 0xA3}, {0xD8, 0xA7}}, /* أ ا */
    {{0xD8, 0xA5}, {0xD8, 0xA7}}, /* إ ا */
    {{0xD8, 0xA4}, {0xD9, 0x88}}, /* ؤ و */
    {{0xD8, 0xA6}, {0xD9, 0x8A}}, /* ئ ي */
    {{0xD8, 0xA9}, {0xD9, 0x87}}, /* ة ه */
    {{0xD9, 0x89}, {0xD9, 0x8A}}, /* ى ي */
};

static int ident_table_ok(const ar_dates *d)
{
    for (unsigned lead = 0xD8; lead <= 0xD9; lead++)
        for (unsigned c = 0x80; c <= 0xBF; c++) {
            if (!ident_letter(lead, c))
                continue;
            const fold_cell *fc = &d->tab[((lead & 3) << 6) | (c & 0x3F)];
            if (fc->cls != C_LETTER || fc->len != 2 || (unsigned char)fc->b[0] != lead
                || (unsigned char)fc->b[1] != c)
                return 0;
        }
    for (size_t k = 0; k < sizeof vec_folds / sizeof vec_folds[0]; k++) {
        const fold_cell *fc = &d->tab[((vec_folds[k].from[0] & 3) << 6) | (vec_folds[k].from[1] & 0x3F)];
        if (fc->cls != C_LETTER || fc->len != 2 || memcmp(fc->b, vec_folds[k].to, 2) != 0)
            return 0;
    }
    return 1;
}

int dates_set_sse2(ar_dates *d, int on)
{
#ifdef DATES_X86
    d->fold_sse2 = on && ident_table_ok(d);
#else
    (void)on;
    d->fold_sse2 = 0;
#endif
    return d->fold_sse2;
}

#ifdef DATES_X86
/* How many two-byte characters at q, up to 8, the vector step folds (see
 * vec_folds), with their folds in *out: lead bytes sit at even offsets, so
 * each odd byte is tested with the byte before it. */
static inline unsigned fold_pairs(const unsigned char *q, __m128i *out)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
    __m128i lead = _mm_slli_si128(v, 1);
    __m128i is8 = _mm_cmpeq_epi8(lead, _mm_set1_epi8((char)0xD8));
    __m128i is9 = _mm_cmpeq_epi8(lead, _mm_set1_epi8((char)0xD9));
    /* D8 A2..BA and D9 81..8A: letters the step takes */
    __m128i x8 = _mm_sub_epi8(v, _mm_set1_epi8((char)0xA2));
    __m128i in8 = _mm_and_si128(is8, _mm_cmpeq_epi8(_mm_min_epu8(x8, _mm_set1_epi8(0xBA - 0xA2)), x8));
    __m128i x9 = _mm_sub_epi8(v, _mm_set1_epi8((char)ID9_LO));
    __m128i in9 = _mm_and_si128(is9, _mm_cmpeq_epi8(_mm_min_epu8(x9, _mm_set1_epi8(ID9_HI - ID9_LO)), x9));
#define EQ(b) _mm_cmpeq_epi8(v, _mm_set1_epi8((char)(b)))
    __m128i to_alef = _mm_and_si128(is8, _mm_or_si128(_mm_or_si128(EQ(0xA2), EQ(0xA3)), EQ(0xA5)));
    __m128i to_waw = _mm_and_si128(is8, EQ(0xA4));
    __m128i to_yeh = _mm_or_si128(_mm_and_si128(is8, EQ(0xA6)), _mm_and_si128(is9, EQ(0x89)));
    __m128i to_heh = _mm_and_si128(is8, EQ(0xA9));
#undef EQ
    /* the new second bytes, then the lead of those that move to D9 */
    __m128i r = v;
    r = _mm_or_si128(_mm_andnot_si128(to_alef, r), _mm_and_si128(to_alef, _mm_set1_epi8((char)0xA7)));
    r = _mm_or_si128(_mm_andnot_si128(to_waw, r), _mm_and_si128(to_waw, _mm_set1_epi8((char)0x88)));
    r = _mm_or_si128(_mm_andnot_si128(to_yeh, r), _mm_and_si128(to_yeh, _mm_set1_epi8((char)0x8A)));
    r = _mm_or_si128(_mm_andnot_si128(to_heh, r), _mm_and_si128(to_heh, _mm_set1_epi8((char)0x87)));
    __m128i to9 = _mm_srli_si128(_mm_and_si128(is8, _mm_or_si128(_mm_or_si128(to_waw, to_heh), to_yeh)), 1);
    r = _mm_or_si128(_mm_andnot_si128(to9, r), _mm_and_si128(to9, _mm_set1_epi8((char)0xD9)));
    *out = r;
    unsigned bad = ~(unsigned)_mm_movemask_epi8(_mm_or_si128(in8, in9)) & 0xAAAAu;
    return bad ? (unsigned)__builtin_ctz(bad) >> 1 : 8;
}
#endif

static int is_unicode_space(int32_t cp)
{
    return cp == 0x00A0 || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x202F || cp == 0x205F || cp == 0x3000
           || cp == 0x1680 || cp == 0x2028 || cp == 0x2029;
}

/* Class of any code point: the table for the Arabic block, ASCII by hand,
 * the normalizer for the rare rest (invisibles vanish, quotes become "). */
static inline int classify(const ar_dates *d, int32_t cp, char *ch)
{
    *ch = 0;
    if (cp < 0)
        return C_OTHER;
    if (cp < 0x80) {
        if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == '\f' || cp == '\v')
            return C_SPACE;
        if (cp >= '0' && cp <= '9') {
            *ch = (char)cp;
            return C_DIGIT;
        }
        if ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')
            return C_OTHER; /* Latin: handled by the caller */
        *ch = (char)cp;
        return C_PUNCT;
    }
    if (cp >= 0x0600 && cp <= 0x06FF) {
        const fold_cell *c = &d->tab[cp - 0x0600];
        *ch = c->b[0];
        return c->cls;
    }
    if (is_unicode_space(cp))
        return C_SPACE;
    char out[16];
    int k = ar_norm_fold_cp(d->norm, cp, out);
    if (k == 0)
        return C_MARK;
    if (k == 1 && (unsigned char)out[0] < 0x80)
        *ch = out[0];
    return C_PUNCT;
}

static inline int decode(const unsigned char *s, size_t n, int32_t *cp) { return ar_utf8_next(s, n, cp); }

#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif
/* The entry for w (whose dates_hash is h) and how many folded bytes of
 * proclitic were stripped (*waw: the first was و or ف). */
static NOINLINE const lx_entry *lookup_forms(const ar_dates *d, const char *w, size_t len, uint64_t h,
                                             uint8_t *clitic, uint8_t *waw);

/* The word filter inline (most words stop there), the forms out of line. */
static inline const lx_entry *lookup_word(const ar_dates *d, const char *w, size_t len, uint8_t *clitic,
                                          uint8_t *waw)
{
    *clitic = 0;
    *waw = 0;
    if (!len)
        return NULL;
    uint64_t h = dates_hash(w, len);
    if (!dates_wfilt_has(&d->lx, h)) /* all clear for an empty lexicon too */
        return NULL;
    return lookup_forms(d, w, len, h, clitic, waw);
}

static const lx_entry *lookup_forms(const ar_dates *d, const char *w, size_t len, uint64_t h, uint8_t *clitic,
                                    uint8_t *waw)
{
    if (!d->lx.nslot)
        return NULL;
    const lx_entry *e = dates_filt_has(&d->lx, h) ? dates_lexicon_find(&d->lx, w, len, h) : NULL;
    if (e)
        return e;
    size_t k = 0;
    if (len > 4 && (memcmp(w, DATES_WAW, 2) == 0 || memcmp(w, DATES_FA, 2) == 0)) {
        k = 2;
        e = dates_lexicon_get(&d->lx, w + k, len - k);
        if (e) {
            *clitic = 2;
            *waw = 1;
            return e;
        }
    }
    if (len > k + 4
        && (memcmp(w + k, DATES_BA, 2) == 0 || memcmp(w + k, DATES_LAM, 2) == 0 || memcmp(w + k, DATES_KAF, 2) == 0)) {
        /* لل + word = ل + ال + word: try with the article restored */
        if (memcmp(w + k, DATES_LAM DATES_LAM, 4) == 0 && len > k + 6) {
            char tmp[128];
            size_t rl = len - k - 4;
            if (rl + 4 <= sizeof tmp) {
                memcpy(tmp, DATES_AL, 4);
                memcpy(tmp + 4, w + k + 4, rl);
                e = dates_lexicon_get(&d->lx, tmp, rl + 4);
                if (e) {
                    *clitic = (uint8_t)(k + 2);
                    return e;
                }
            }
        }
        e = dates_lexicon_get(&d->lx, w + k + 2, len - k - 2);
        if (e) {
            *clitic = (uint8_t)(k + 2);
            return e;
        }
    }
    return NULL;
}

/* Original offset after the first k folded bytes of word t (and the marks
 * on them): where a mention starts when a proclitic was stripped. */
static uint32_t orig_after(const ar_dates *d, const char *text, const dtok *t, size_t k)
{
    const unsigned char *f = (const unsigned char *)text;
    size_t i = t->s, acc = 0;
    while (i < t->e) {
        int32_t cp;
        char ch;
        int l = decode(f + i, t->e - i, &cp);
        int cls = classify(d, cp, &ch);
        if (cls == C_LETTER) {
            if (acc >= k)
                break;
            acc += d->tab[cp - 0x0600].len;
        }
        i += (size_t)l;
    }
    return (uint32_t)i;
}

/* A bad sequence at offset at of the scan: counted once, where it begins. */
static void note_invalid(ar_dates_scratch *s, size_t at)
{
    if (!s->ninvalid++)
        s->first_invalid = at;
}

/* A new token at i, its fields cleared. */
static inline dtok *tok_start(dtok *tp, size_t i, int space)
{
    tp->s = tp->cs = (uint32_t)i;
    tp->fs = tp->fe = 0;
    tp->sp_before = (uint8_t)space;
    tp->ndig = tp->span = tp->clitic = tp->waw = 0;
    tp->num = 0;
    tp->lx = tp->lx1 = NULL;
    tp->ch = 0;
    return tp;
}

/* Looks up word token tp (its end tp->e set): 1 when it is in the
 * lexicon, with where the word after a proclitic begins, and in *multi
 * whether its entry begins a longer one. */
static inline int tok_lookup(const ar_dates *d, const char *text, const char *fold, dtok *tp, int *multi)
{
    tp->lx = tp->lx1 = lookup_word(d, fold + tp->fs, tp->fe - tp->fs, &tp->clitic, &tp->waw);
    if (!tp->lx)
        return 0;
    tp->span = 1;
    if (tp->clitic)
        tp->cs = orig_after(d, text, tp, tp->clitic);
    *multi = tp->lx->multi >= 2;
    return 1;
}

/* Tokenizes text[0..n), the piece of the caller's text that starts at
 * base; invalid sequences are counted before limit only (the overlap with
 * the next piece is counted there). */
static int tokenize(const ar_dates *d, ar_dates_scratch *s, const char *text, size_t n, size_t base, size_t limit)
{
    const unsigned char *f = (const unsigned char *)text;
    size_t i = 0;
    int space = 1;
    s->nt = 0;
    ar_buf_clear(&s->fold);
    /* a code point of 2 bytes folds to at most 6: no reserve per letter */
    if (n > (SIZE_MAX - 16) / 3 || ar_buf_reserve(&s->fold, 3 * n + 16))
        return AR_ENOMEM;
    char *fo = s->fold.ptr;
    size_t fl = 0;
    /* at most one token per byte: room for all of them up front */
    if (s->tcap < n + 1) {
        size_t nc = n + 1 > 256 ? n + 1 : 256;
        dtok *nt = realloc(s->t, nc * sizeof *nt);
        if (!nt)
            return AR_ENOMEM;
        s->t = nt;
        uint32_t *ncd = realloc(s->cand, nc * sizeof *ncd);
        if (!ncd)
            return AR_ENOMEM;
        s->cand = ncd;
        s->tcap = nc;
    }
    dtok *tk = s->t;
    uint32_t *cd = s->cand;
    size_t nt = 0, nmulti = 0, nc = 0;
#ifdef DATES_X86
    const int sse2_word = d->fold_sse2;
#endif
    while (i < n) {
        int32_t cp;
        char ch;
        int l, cls;
#ifdef DATES_X86
        /* The common word whole: up to seven letters the vector step folds,
         * then a space, which it takes too. Everything else (longer words,
         * marks, other letters, digits, punctuation) goes the long way. */
        if (sse2_word && n - i >= 17) {
            __m128i folded;
            unsigned k = fold_pairs(f + i, &folded);
            if (k && k < 8 && f[i + 2 * k] == ' ') {
                /* the fold first: the token's stores then follow one
                 * another and the compiler drops those tok_start makes
                 * that are written again */
                _mm_storeu_si128((__m128i *)(void *)(fo + fl), folded);
                dtok *tp = tok_start(&tk[nt++], i, space);
                tp->type = T_WORD;
                tp->fs = (uint32_t)fl;
                fl += 2 * k;
                tp->fe = (uint32_t)fl;
                i += 2 * k;
                tp->e = (uint32_t)i;
                int multi;
                if (tok_lookup(d, text, fo, tp, &multi)) {
                    nmulti += (size_t)multi;
                    cd[nc++] = (uint32_t)(nt - 1);
                }
                i++; /* the space */
                space = 1;
                continue;
            }
        }
#endif
        if (f[i] == ' ') { /* the commonest byte, first */
            space = 1;
            i++;
            continue;
        }
        if ((f[i] & 0xFC) == 0xD8 && i + 1 < n && (f[i + 1] & 0xC0) == 0x80) {
            /* U+0600..U+06FF, most tokens: the table, no decoding */
            unsigned idx = ((f[i] & 3u) << 6) | (f[i + 1] & 0x3Fu);
            cp = (int32_t)(0x0600 + idx);
            cls = d->tab[idx].cls;
            ch = d->tab[idx].b[0];
            l = 2;
        } else {
            l = decode(f + i, n - i, &cp);
            if (cp < 0 && i < limit)
                note_invalid(s, base + i);
            cls = classify(d, cp, &ch);
        }
        if (cls == C_SPACE) {
            space = 1;
            i += (size_t)l;
            continue;
        }
        if (cls == C_MARK) { /* a mark or invisible outside a word: nothing */
            i += (size_t)l;
            continue;
        }
        dtok *tp = tok_start(&tk[nt++], i, space); /* written in place: no copy of a whole token per token */
        space = 0;
        if (cls == C_DIGIT) {
            int64_t v = 0;
            int nd = 0;
            while (i < n) {
                l = decode(f + i, n - i, &cp);
                if (classify(d, cp, &ch) != C_DIGIT)
                    break;
                if (v < 1000000000)
                    v = v * 10 + (ch - '0');
                nd++;
                i += (size_t)l;
            }
            tp->type = T_NUM;
            cd[nc++] = (uint32_t)(nt - 1);
            tp->ndig = (uint8_t)(nd > 255 ? 255 : nd);
            tp->num = v >= 1000000000 ? -1 : (int32_t)v;
        } else if (cls == C_LETTER) {
            tp->type = T_WORD;
            tp->fs = (uint32_t)fl;
            const fold_cell *tab = d->tab;
            char *o = fo + fl;
#ifdef DATES_X86
            const int sse2 = d->fold_sse2;
#endif
            for (;;) {
                const unsigned char *q = f + i, *qe = f + n - 1;
                for (;;) {
#ifdef DATES_X86
                    /* Letters the vector step folds, eight at a time (a
                     * word of eight or more, or one the fast path above
                     * left); the store may run past the word, the fold
                     * buffer has room. */
                    while (sse2 && (size_t)(f + n - q) >= 16) {
                        __m128i folded;
                        unsigned k = fold_pairs(q, &folded);
                        _mm_storeu_si128((__m128i *)(void *)o, folded);
                        q += 2 * k;
                        o += 2 * k;
                        if (k < 8)
                            break;
                    }
#endif
                    /* Any other character of U+0600..U+06FF straight from
                     * the table; the output pointer stays in a register. */
                    if (!(q < qe && (q[0] & 0xFC) == 0xD8 && (q[1] & 0xC0) == 0x80))
                        break;
                    const fold_cell *fc = &tab[((q[0] & 3) << 6) | (q[1] & 0x3F)];
                    if (fc->cls == C_LETTER) {
                        memcpy(o, fc->b, 6);
                        o += fc->len;
                    } else if (fc->cls != C_MARK)
                        break;
                    q += 2;
                }
                i = (size_t)(q - f);
                if (i >= n || q[0] < 0x80 || ((q[0] & 0xFC) == 0xD8 && q < qe && (q[1] & 0xC0) == 0x80))
                    break; /* the end, ASCII (never a mark), or a character of the block that ends the word */
                /* Anything else continues the word only as a mark or invisible. */
                l = decode(q, n - i, &cp);
                if (classify(d, cp, &ch) != C_MARK)
                    break;
                i += (size_t)l;
            }
            fl = (size_t)(o - fo);
            tp->fe = (uint32_t)fl;
            tp->e = (uint32_t)i;
            /* its lexicon entry now, while the folded word is at hand */
            int multi;
            if (tok_lookup(d, text, fo, tp, &multi)) {
                nmulti += (size_t)multi;
                cd[nc++] = (uint32_t)(nt - 1);
            }
        } else if (cp >= 0 && cp < 0x80 && ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z')) {
            while (i < n && (((f[i] | 0x20) >= 'a' && (f[i] | 0x20) <= 'z') || (f[i] >= '0' && f[i] <= '9')))
                i++;
            tp->type = T_LATIN;
        } else {
            tp->type = T_PUNCT;
            tp->ch = ch;
            i += (size_t)l;
        }
        tp->e = (uint32_t)i;
    }
    s->nt = nt;
    s->ncand = nc;
    s->nmulti = nmulti;
    s->fold.len = fl;
    return AR_OK;
}

/* The tokenizer found each word's own entry; where one begins a longer
 * name (عيد الفطر, بعد غد), the longest that the next words complete. */
static void join_multi(const ar_dates *d, ar_dates_scratch *s)
{
    const char *f = s->fold.ptr;
    for (size_t i = 0, left = s->nmulti; i < s->nt && left; i++) {
        dtok *t = &s->t[i];
        int max = t->lx ? t->lx->multi : 0;
        if (max < 2)
            continue;
        left--;
        /* multi-word names do not take ب/ل/ك, feasts do («بعيد الفطر») */
        int feasts_only = t->clitic && !t->waw;
        size_t ws = t->fs + t->clitic, wl = t->fe - ws;
        char key[256];
        if (wl >= sizeof key)
            continue;
        memcpy(key, f + ws, wl);
        size_t kl = wl;
        int best = 0;
        const lx_entry *be = NULL;
        for (int k = 1; k < max && i + (size_t)k < s->nt; k++) {
            const dtok *u = &s->t[i + (size_t)k];
            if (u->type != T_WORD || !u->sp_before || kl + 1 + (u->fe - u->fs) >= sizeof key)
                break;
            key[kl++] = ' ';
            memcpy(key + kl, f + u->fs, u->fe - u->fs);
            kl += u->fe - u->fs;
            const lx_entry *e = dates_lexicon_get(&d->lx, key, kl);
            if (e && e->nsenses && (!feasts_only || (e->kinds & (1ull << LX_HOLIDAY)))) {
                best = k + 1;
                be = e;
            }
        }
        if (be) {
            t->lx = be;
            t->span = (uint8_t)best;
        }
    }
}

static int ref_or_none(const ar_dates *d, const ar_ymd *ref, ar_ymd *out)
{
    if (ref && ref->y && cal_valid(ref->y, ref->m, ref->d))
        *out = *ref;
    else
        *out = d->opts.ref;
    return out->y != 0;
}

/* Long texts are scanned in pieces of about SEG bytes, so that scratch
 * memory stays proportional to a piece, not to a 50 MB line. Each piece is
 * cut at a line feed or a space and scanned with OVERLAP more bytes; only
 * the mentions that start before the cut are kept, and the next piece
 * starts at the cut or after the last mention kept, so a date across a cut
 * is found whole. */
#define SEG (64 * 1024)
#define OVERLAP 512

static size_t cut_point(const char *t, size_t len, size_t from)
{
    if (len - from <= SEG + SEG / 4)
        return len;
    size_t lim = from + SEG;
    for (size_t i = lim; i < len && i < lim + SEG / 4; i++)
        if (t[i] == '\n' || t[i] == ' ')
            return i + 1;
    /* no space at all: cut before a UTF-8 lead byte */
    size_t i = lim;
    while (i > from + 1 && ((unsigned char)t[i] & 0xC0) == 0x80)
        i--;
    return i;
}

int ar_dates_scan(const ar_dates *d, ar_dates_scratch *s, const char *text, size_t len, const ar_ymd *ref,
                  const ar_date_mention **out, size_t *n)
{
    return ar_dates_scan_at(d, s, text, len, ref, -1, out, n);
}

int ar_dates_scan_at(const ar_dates *d, ar_dates_scratch *s, const char *text, size_t len, const ar_ymd *ref,
                     int ref_minute, const ar_date_mention **out, size_t *n)
{
    if (!d || !s || (!text && len) || !out || !n)
        return AR_EINVAL;
    *out = NULL;
    *n = 0;
    s->nm = 0;
    s->ninvalid = 0;
    s->first_invalid = 0;
    dates_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.s = s;
    ref_or_none(d, ref, &c.ref);
    c.ref_min = c.ref.y && ref_minute >= 0 && ref_minute < 1440 ? ref_minute : -1;
    for (size_t from = 0; from < len;) {
        size_t to = cut_point(text, len, from), scan_to = to;
        if (to < len) {
            /* the overlap ends at a space after OVERLAP bytes, if one comes soon */
            scan_to = to + OVERLAP < len ? to + OVERLAP : len;
            size_t lim = scan_to + OVERLAP < len ? scan_to + OVERLAP : len;
            while (scan_to < lim && text[scan_to] != ' ' && text[scan_to] != '\n')
                scan_to++;
            while (scan_to < len && ((unsigned char)text[scan_to] & 0xC0) == 0x80)
                scan_to++;
        }
        size_t nm0 = s->nm;
        int rc;
        if ((rc = tokenize(d, s, text + from, scan_to - from, from, to - from)))
            return rc;
        if (s->nmulti)
            join_multi(d, s);
        c.f = s->fold.ptr;
        c.base = from;
        if ((rc = dates_grammar_run(&c)))
            return rc;
        while (s->nm > nm0 && s->m[s->nm - 1].start >= to)
            s->nm--;
        size_t next = to;
        if (s->nm > nm0 && s->m[s->nm - 1].end > next) {
            next = s->m[s->nm - 1].end;
            /* a mention across the cut: the next piece starts after it,
             * so its bytes past the cut are checked here */
            for (size_t i = to; i < next;) {
                int32_t cp;
                int l = decode((const unsigned char *)text + i, next - i, &cp);
                if (cp < 0)
                    note_invalid(s, i);
                i += (size_t)l;
            }
        }
        from = next;
    }
    *out = s->m;
    *n = s->nm;
    return AR_OK;
}

uint64_t ar_dates_scan_invalid(const ar_dates_scratch *s, size_t *first)
{
    if (!s)
        return 0;
    if (first && s->ninvalid)
        *first = s->first_invalid;
    return s->ninvalid;
}
