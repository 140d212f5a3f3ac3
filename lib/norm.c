/* SPDX-License-Identifier: MIT */
#include "norm_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

/* ---- profiles ---------------------------------------------------------- */

#define SEARCH_FLAGS (AR_NORM_NFKC | AR_NORM_HARAKAT | AR_NORM_QURANIC | AR_NORM_TATWEEL \
                      | AR_NORM_ALL_FOLDS | AR_NORM_DIGITS | AR_NORM_INVISIBLE | AR_NORM_SPACE)

static const struct {
    const char *name;
    unsigned flags;
} profiles[] = {
    {"search", SEARCH_FLAGS},
    {"clean", AR_NORM_NFKC | AR_NORM_INVISIBLE | AR_NORM_TATWEEL},
    /* CAMeL Tools arclean + dediac_ar, as far as it can be said in steps:
     * presentation forms to letters, every Arabic mark and tatweel removed,
     * invisibles removed, spaces collapsed. See ar-norm(1) for where we
     * deliberately differ (unknown characters are kept). */
    {"camel", AR_NORM_NFKC | AR_NORM_HARAKAT | AR_NORM_QURANIC | AR_NORM_TATWEEL
                  | AR_NORM_INVISIBLE | AR_NORM_SPACE},
    /* Marks, tatweel and invisibles go, letters keep their identity. */
    {"keep-letters", AR_NORM_NFC | AR_NORM_HARAKAT | AR_NORM_QURANIC | AR_NORM_TATWEEL
                         | AR_NORM_INVISIBLE | AR_NORM_SPACE},
    {"none", 0},
};

static const char *const profile_names[] = {"search", "clean", "camel", "keep-letters", "none", NULL};

int ar_norm_profile(const char *name, unsigned *flags)
{
    if (!name || !flags)
        return AR_EINVAL;
    for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++)
        if (strcmp(name, profiles[i].name) == 0) {
            *flags = profiles[i].flags;
            return AR_OK;
        }
    return AR_ENOTFOUND;
}

const char *const *ar_norm_profile_names(void) { return profile_names; }

/* ---- folding of one code point ----------------------------------------- */

static int fold_rec(const ar_norm *n, int32_t cp, int32_t *out, int max, int depth)
{
    if (max <= 0)
        return 0;
    int e = cp >= 0 && cp < 0x10000 ? n->fold[cp] : -1;
    if (e < 0 || depth > 8) {
        out[0] = cp;
        return 1;
    }
    const ar_fold_entry *f = &ar_fold_entries[e];
    int k = 0;
    for (int i = 0; i < f->n && k < max; i++) {
        if (f->to[i] == cp)
            out[k++] = cp;
        else
            k += fold_rec(n, f->to[i], out + k, max - k, depth + 1);
    }
    return k;
}

int ar_norm_fold_seq(const ar_norm *n, int32_t cp, int32_t *out, int max)
{
    return fold_rec(n, cp, out, max, 0);
}

int ar_norm_fold_cp(const ar_norm *n, int32_t cp, char out[16])
{
    int32_t seq[4];
    if (!n || cp < 0 || cp > 0x10FFFF)
        return 0;
    int k = ar_norm_fold_seq(n, cp, seq, 4), len = 0;
    for (int i = 0; i < k; i++)
        len += ar_utf8_encode(seq[i], out + len);
    return len;
}

/* ---- the action table --------------------------------------------------- */

static int pool_add(ar_norm *n, const char *s, size_t len, uint32_t *off)
{
    if (n->npool + len > n->cappool) {
        size_t cap = n->cappool ? n->cappool * 2 : 4096;
        while (cap < n->npool + len)
            cap *= 2;
        char *p = realloc(n->pool, cap);
        if (!p)
            return AR_ENOMEM;
        n->pool = p;
        n->cappool = cap;
    }
    memcpy(n->pool + n->npool, s, len);
    *off = (uint32_t)n->npool;
    n->npool += len;
    return AR_OK;
}

/* Alone, cp is in normal form and composes with nothing. */
static int stable1(const ar_norm *n, int32_t cp)
{
    UErrorCode ec = U_ZERO_ERROR;
    UChar u[2];
    int32_t ul = 0;
    U16_APPEND_UNSAFE(u, ul, cp);
    return !ar_norm_icu_composes(cp) && unorm2_isNormalized(n->nz, u, ul, &ec) && U_SUCCESS(ec);
}

/* Works out what the hot loop does with cp: act gets everything but off,
 * buf (>= 4 * AR_FOLD_MAX bytes) the replacement bytes. */
static int compute_act(const ar_norm *n, int32_t cp, ar_norm_act *act, char *buf)
{
    int32_t fs[AR_FOLD_MAX];
    int nf = ar_norm_fold_seq(n, cp, fs, AR_FOLD_MAX);
    size_t len = 0;
    memset(act, 0, sizeof *act);
    if ((cp == '\n' || cp == '\r') && (n->flags & AR_NORM_SPACE)) {
        act->kind = ACT_NEWLINE;
        return AR_OK;
    }
    if (n->nz) {
        int inert = nf > 0 && ar_norm_icu_inert(n, cp);
        for (int i = 0; i < nf && inert; i++)
            inert = ar_norm_icu_inert(n, fs[i]);
        if (!inert) {
            char one[4];
            ar_buf tmp = {0};
            int l = ar_utf8_encode(cp, one);
            int rc = ar_norm_icu_run(n, one, (size_t)l, &tmp);
            if (rc) {
                ar_buf_free(&tmp);
                return rc;
            }
            len = tmp.len < 4 * AR_FOLD_MAX ? tmp.len : 4 * AR_FOLD_MAX;
            if (len)
                memcpy(buf, tmp.ptr, len);
            ar_buf_free(&tmp);
            act->flags |= ACTF_NI;
        } else {
            for (int i = 0; i < nf; i++)
                len += ar_utf8_encode(fs[i], buf + len);
        }
        /* A boundary before the result, not just before cp: ﹻ (U+FE7B)
         * becomes tatweel + kasra, and with tatweel removed the kasra must
         * be ordered with the marks before it. */
        int32_t first = -1;
        if (len > 0)
            ar_utf8_decode((const unsigned char *)buf, len, &first);
        if (first >= 0 && ar_norm_icu_boundary_before(n, cp) && ar_norm_icu_boundary_before(n, first))
            act->flags |= ACTF_BB;
        uint8_t ccc = u_getCombiningClass(cp);
        int simple = stable1(n, cp);
        for (int i = 0; i < nf && simple; i++)
            simple = stable1(n, fs[i]) && u_getCombiningClass(fs[i]) == ccc;
        if (simple)
            act->flags |= ACTF_SIMPLE;
        if (ccc == 0 && len > 0) {
            int32_t last;
            size_t k = len - 1; /* lead byte of the last code point */
            while (k > 0 && ((unsigned char)buf[k] & 0xC0) == 0x80)
                k--;
            ar_utf8_decode((const unsigned char *)buf + k, len - k, &last);
            if (u_getCombiningClass(last) == 0)
                act->flags |= ACTF_TAIL0;
        }
        act->ccc = ccc;
    } else {
        for (int i = 0; i < nf; i++)
            len += ar_utf8_encode(fs[i], buf + len);
    }
    char self[4];
    int sl = ar_utf8_encode(cp, self);
    if ((n->flags & AR_NORM_SPACE) && len == 1 && buf[0] == ' ')
        act->kind = ACT_SPACE;
    else if (len == (size_t)sl && memcmp(buf, self, len) == 0)
        act->kind = ACT_COPY;
    else
        act->kind = ACT_REPL;
    act->len = (uint16_t)len;
    return AR_OK;
}

static int add_act(ar_norm *n, const ar_norm_act *a, const char *buf, uint16_t *idx)
{
    if (a->kind == ACT_COPY && a->flags == 0) {
        *idx = 0;
        return AR_OK;
    }
    /* Copies with the same flags share one entry. */
    if (a->kind != ACT_REPL)
        for (size_t i = 1; i < n->nacts && i < 64; i++)
            if (n->acts[i].kind == a->kind && n->acts[i].flags == a->flags && n->acts[i].ccc == a->ccc) {
                *idx = (uint16_t)i;
                return AR_OK;
            }
    if (n->nacts == 0xFFFF)
        return AR_ENOMEM;
    if (n->nacts == n->capacts) {
        size_t cap = n->capacts * 2;
        ar_norm_act *p = realloc(n->acts, cap * sizeof *p);
        if (!p)
            return AR_ENOMEM;
        n->acts = p;
        n->capacts = cap;
    }
    ar_norm_act e = *a;
    if (e.kind == ACT_REPL && e.len && pool_add(n, buf, e.len, &e.off))
        return AR_ENOMEM;
    n->acts[n->nacts] = e;
    *idx = (uint16_t)n->nacts++;
    return AR_OK;
}

/* The lane's class of cp (< 0x800); see LANE_* in norm_internal.h. */
static unsigned lane_class(const ar_norm *n, int32_t cp)
{
    const ar_norm_act *a = &n->acts[n->idx[cp]];
    int ni = (a->flags & ACTF_NI) != 0, joins = n->join[cp];
    /* alone next to a removal: the general loop's fast run check */
    int alone = !ni || (a->flags & (ACTF_SIMPLE | ACTF_TAIL0));
    int cl = cp < 0x80 ? 1 : 2;
    /* a removal may follow anything it cannot compose with */
    if (a->kind == ACT_REPL && a->len == 0)
        return !ni || (a->flags & ACTF_SIMPLE) ? LANE_DROP : LANE_HARD;
    if (joins)
        return LANE_HARD;
    if (a->kind == ACT_COPY)
        return alone ? LANE_OK : LANE_HARD;
    if (a->kind == ACT_SPACE)
        return cp == ' ' ? LANE_SPACE : LANE_HARD;
    if (a->kind != ACT_REPL || a->len != cl || !alone)
        return LANE_HARD;
    unsigned char b0 = (unsigned char)n->pool[a->off];
    if (cl == 1 ? b0 >= 0x80 : (b0 < 0xC2 || b0 >= 0xE0))
        return LANE_HARD;
    return LANE_FOLD;
}

static int lane_tables(ar_norm *n)
{
    n->lane = malloc(0x800);
    n->rep2 = calloc(0x800, sizeof *n->rep2);
    if (!n->lane || !n->rep2)
        return AR_ENOMEM;
    memset(n->vt_asc, 0, sizeof n->vt_asc);
    memset(n->vt_ok, 0, sizeof n->vt_ok);
    memset(n->vt_fold, 0, sizeof n->vt_fold);
    for (int32_t cp = 0; cp < 0x800; cp++) {
        unsigned k = lane_class(n, cp);
        n->lane[cp] = (uint8_t)k;
        if (k == LANE_FOLD)
            memcpy(n->rep2[cp], n->pool + n->acts[n->idx[cp]].off, cp < 0x80 ? 1 : 2);
        if (cp < 0x80 && k == LANE_OK)
            n->vt_asc[cp >> 3] |= (uint8_t)(1u << (cp & 7));
        if (cp >= 0x600 && cp < 0x680) {
            unsigned i = (unsigned)(cp - 0x600);
            if (k == LANE_OK)
                n->vt_ok[i >> 3] |= (uint8_t)(1u << (i & 7));
            else if (k == LANE_FOLD)
                n->vt_fold[i >> 3] |= (uint8_t)(1u << (i & 7));
        }
    }
    /* SSE2 tests ASCII by one range: printable ASCII (and the space when it
     * is plain), if all of it is OK */
    n->asc_lo = n->lane[' '] == LANE_OK ? 0x20 : 0x21;
    n->asc_hi = 0x7E;
    for (int c = n->asc_lo; c <= 0x7E; c++)
        if (n->lane[c] != LANE_OK) {
            n->asc_lo = 1;
            n->asc_hi = 0;
            break;
        }
    return AR_OK;
}

void ar_norm_set_lane(ar_norm *n, int level)
{
    int best = ar_norm_lane_best();
    n->lane_level = level < AR_LANE_REF ? AR_LANE_REF : level > best ? best : level;
}

/* The action of code point cp, and whether it joins the word before it. */
static int visit(ar_norm *n, int32_t cp, char *buf)
{
    ar_norm_act a;
    int rc = compute_act(n, cp, &a, buf);
    if (!rc)
        rc = add_act(n, &a, buf, &n->idx[cp]);
    if (!rc) {
        const ar_norm_act *b = &n->acts[n->idx[cp]];
        n->join[cp] = (uint8_t)((b->flags & ACTF_NI) && !(b->flags & ACTF_BB));
    }
    return rc;
}

int ar_norm_new(ar_norm **out, unsigned flags)
{
    if (!out)
        return AR_EINVAL;
    *out = NULL;
    const unsigned known = (AR_NORM_PRESENTATION << 1) - 1;
    if ((flags & ~known) || ((flags & AR_NORM_DIGITS) && (flags & AR_NORM_DIGITS_AR))
        || ((flags & AR_NORM_PUNCT) && (flags & AR_NORM_PUNCT_AR)))
        return AR_EINVAL;
    ar_norm *n = calloc(1, sizeof *n);
    if (!n)
        return AR_ENOMEM;
    n->flags = flags;
    n->idx = calloc(0x10000, sizeof *n->idx);
    n->fold = malloc(0x10000 * sizeof *n->fold);
    n->capacts = 256;
    n->acts = calloc(n->capacts, sizeof *n->acts);
    int rc = AR_ENOMEM;
    if (!n->idx || !n->fold || !n->acts)
        goto fail;
    n->nacts = 1; /* entry 0: plain copy */
    memset(n->fold, 0xff, 0x10000 * sizeof *n->fold);
    for (size_t i = ar_fold_nentries; i-- > 0;) /* the first line wins */
        if (flags & ar_fold_entries[i].step)
            n->fold[ar_fold_entries[i].cp] = (int16_t)i;
    if (flags & (AR_NORM_NFC | AR_NORM_NFKC)) {
        if ((rc = ar_norm_icu_init(n)))
            goto fail;
    }
    n->join = calloc(0x10000, 1);
    if (!n->join) {
        rc = AR_ENOMEM;
        goto fail;
    }
    char buf[4 * AR_FOLD_MAX];
    int breaks = (flags & AR_NORM_SPACE) != 0; /* \n and \r change too */
    for (int32_t cp = 0; cp < 0x10000; cp++) {
        if (!n->nz) {
            /* Without Unicode normalization only the listed code points
             * change: go from one to the next, not over the whole plane
             * (ar-grep builds two normalizers per pattern before it reads
             * a byte). */
            int32_t next = ar_norm_next_fold(n, cp);
            if (breaks && cp <= '\r' && next > '\n')
                next = cp <= '\n' ? '\n' : next > '\r' ? '\r' : next;
            if ((cp = next) >= 0x10000)
                break;
        } else if (ar_norm_icu_inert(n, cp) && n->fold[cp] < 0 && !(breaks && (cp == '\n' || cp == '\r'))) {
            continue;
        }
        if (cp >= 0xD800 && cp < 0xE000)
            continue;
        if ((rc = visit(n, cp, buf)))
            goto fail;
    }
    if ((rc = lane_tables(n)))
        goto fail;
    n->lane_level = ar_norm_lane_best();
    *out = n;
    return AR_OK;
fail:
    ar_norm_free(n);
    return rc;
}

void ar_norm_free(ar_norm *n)
{
    if (!n)
        return;
    free(n->idx);
    free(n->fold);
    free(n->join);
    free(n->lane);
    free(n->rep2);
    free(n->acts);
    free(n->pool);
    free(n);
}

unsigned ar_norm_flags(const ar_norm *n) { return n ? n->flags : 0; }

/* ---- the hot loop -------------------------------------------------------- */

#define RUN_MAX 4096

/* Decodes the valid UTF-8 sequence at p (length *cl) or returns -1. */
static inline int32_t decode(const unsigned char *p, const unsigned char *end, int *cl)
{
    unsigned c = p[0];
    if (c < 0x80) {
        *cl = 1;
        return (int32_t)c;
    }
    if (c >= 0xC2 && c < 0xE0) {
        if (end - p < 2 || (p[1] & 0xC0) != 0x80)
            return -1;
        *cl = 2;
        return (int32_t)(((c & 0x1F) << 6) | (p[1] & 0x3F));
    }
    if (c >= 0xE0 && c < 0xF0) {
        if (end - p < 3 || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80 || (c == 0xE0 && p[1] < 0xA0)
            || (c == 0xED && p[1] >= 0xA0))
            return -1;
        *cl = 3;
        return (int32_t)(((c & 0x0F) << 12) | ((p[1] & 0x3F) << 6) | (p[2] & 0x3F));
    }
    int32_t cp;
    int l = ar_utf8_decode(p, (size_t)(end - p), &cp);
    *cl = l;
    return cp;
}

/* Whether the code point at q (if any) may join a normalization run with
 * the one before it; a quick answer for the common two-byte case. */
static inline int joins_next(const ar_norm *n, const unsigned char *q, const unsigned char *end)
{
    if (q >= end)
        return 0;
    unsigned b = *q;
    if (b < 0x80)
        return n->join[b];
    if (b >= 0xC2 && b < 0xE0 && end - q > 1 && (q[1] & 0xC0) == 0x80)
        return n->join[((b & 0x1F) << 6) | (q[1] & 0x3F)];
    return 1; /* let the full scan decide */
}

typedef struct emitter {
    const ar_norm *n;
    const unsigned char *in;
    size_t inlen;
    ar_buf *out;
    size_t base;
    ar_offmap *map;
    int rc;
    int pending;      /* a whitespace run is waiting to become one space */
    size_t sp_in;     /* where it started in the input */
    int line_start;   /* nothing emitted yet on this line */
} emitter;

static inline void push(emitter *e, size_t in)
{
    if (e->map) {
        int rc = ar_offmap_push(e->map, e->out->len - e->base, in);
        if (rc && !e->rc)
            e->rc = rc;
    }
}

static inline void put(emitter *e, const void *s, size_t len)
{
    if (e->out->len + len > e->out->cap && ar_buf_reserve(e->out, len)) {
        e->rc = AR_ENOMEM;
        return;
    }
    memcpy(e->out->ptr + e->out->len, s, len);
    e->out->len += len;
}

/* The pending whitespace run [sp_in, cur) becomes one space, or nothing at
 * the start of a line. */
static void emit_space(emitter *e, size_t cur)
{
    e->pending = 0;
    if (e->line_start) {
        push(e, e->sp_in);
        push(e, cur);
    } else if (cur - e->sp_in == 1 && e->in[e->sp_in] == ' ') {
        put(e, " ", 1);
    } else {
        push(e, e->sp_in);
        put(e, " ", 1);
        push(e, cur);
    }
}

static inline void flush_copy(emitter *e, const unsigned char *cs, const unsigned char *p)
{
    if (p > cs) {
        if (e->pending)
            emit_space(e, (size_t)(cs - e->in));
        put(e, cs, (size_t)(p - cs));
        e->line_start = 0;
    }
}

/* Input [ci, ce) became s[0..len). */
static void emit_repl(emitter *e, const char *s, size_t len, size_t ci, size_t ce)
{
    if (len == 0) {
        if (e->pending) /* inside a whitespace run the deletion joins the run */
            return;
        if (ce < e->inlen && (e->in[ce] & 0xC0) == 0x80 && e->out->len > e->base
            && (unsigned char)e->out->ptr[e->out->len - 1] >= 0x80) {
            /* Invalid bytes on both sides: removing this would glue them
             * into a valid character the next pass would see. Keep it. */
            put(e, e->in + ci, ce - ci);
            e->line_start = 0;
            return;
        }
        push(e, ci);
        push(e, ce);
        return;
    }
    if ((e->n->flags & AR_NORM_SPACE) && s[0] == ' ') {
        if (!e->pending) {
            e->pending = 1;
            e->sp_in = ci;
        }
        while (len && s[0] == ' ') {
            s++;
            len--;
        }
        if (!len)
            return;
    }
    if (e->pending)
        emit_space(e, ci);
    push(e, ci);
    put(e, s, len);
    push(e, ce);
    e->line_start = 0;
}

/* The general loop, one small step per kind of work: the lane (characters
 * handled alone in place, norm_lane.c), the look-up of one character's
 * action, a run of characters that NFC/NFKC may combine (ICU), and one
 * character's action (copy, fold or removal, space, line end). The profile's
 * per-code-point steps (fold.tsv) are all in the action table; NFC/NFKC is
 * in the runs; AR_NORM_SPACE in the emitter's pending space. */
typedef struct walker {
    const ar_norm *n;
    emitter e;
    const unsigned char *in, *p, *end;
    const unsigned char *cs;          /* start of the input not yet emitted (a plain copy) */
    const unsigned char *norun_until; /* checked: no run needs ICU before this */
    ar_buf run;                       /* ICU's result for a run */
    ar_norm_act sa;                   /* the action of a code point beyond the BMP */
    char sbuf[4 * AR_FOLD_MAX];       /* its replacement */
} walker;

/* The lane, entered at a kept character; returns 1 when it went forward. */
static int step_lane(walker *w)
{
    int cl;
    unsigned k = ar_norm_lane_class(w->n, w->p, w->end, &cl);
    if (k != LANE_OK && k != LANE_FOLD)
        return 0;
    emitter *e = &w->e;
    flush_copy(e, w->cs, w->p);
    if (e->pending)
        emit_space(e, (size_t)(w->p - w->in));
    w->cs = w->p;
    int rc = AR_OK;
    size_t at = (size_t)(w->p - w->in);
    size_t q = ar_norm_lane(w->n, (const char *)w->in, at, e->inlen, e->out, e->base, e->map, &rc);
    if (rc) {
        e->rc = rc;
        return 1;
    }
    if (q == at)
        return 0;
    e->line_start = 0;
    w->p = w->cs = w->in + q;
    return 1;
}

/* The action of the character at p, or NULL when it is copied as it is
 * (then p has moved past it, and past the plain letters after it). */
static const ar_norm_act *step_lookup(walker *w, int *cl)
{
    const ar_norm *n = w->n;
    const unsigned char *p = w->p, *end = w->end;
    unsigned c = *p, ai;
    if (c < 0x80) {
        *cl = 1;
        if (!(ai = n->idx[c])) {
            w->p++;
            return NULL;
        }
        return &n->acts[ai];
    }
    if (c >= 0xC2 && c < 0xE0 && end - p > 1 && (p[1] & 0xC0) == 0x80) {
        *cl = 2;
        if ((ai = n->idx[((c & 0x1F) << 6) | (p[1] & 0x3F)]))
            return &n->acts[ai];
        /* Stay here through a run of plain two-byte letters, with one
         * combined validity test per letter. */
        p += 2;
        while (end - p > 1) {
            unsigned v = (unsigned)p[0] | (unsigned)p[1] << 8;
            if ((v & 0xC0E0) != 0x80C0 || p[0] < 0xC2 || n->idx[((v & 0x1F) << 6) | ((v >> 8) & 0x3F)])
                break;
            p += 2;
        }
        w->p = p;
        return NULL;
    }
    int32_t cp = decode(p, end, cl);
    if (cp < 0) { /* invalid byte: copied as it is */
        *cl = 1;
        w->p++;
        return NULL;
    }
    if (cp < 0x10000) {
        if ((ai = n->idx[cp]))
            return &n->acts[ai];
        w->p += *cl;
        return NULL;
    }
    int rc = compute_act(n, cp, &w->sa, w->sbuf);
    if (rc) {
        w->e.rc = rc;
        w->p = end;
        return NULL;
    }
    return &w->sa;
}

/* NFC/NFKC: from a character a that may combine with what follows, the run
 * of code points that may interact. Unless each is already in normal form
 * alone, ICU normalizes the run and its result is emitted: returns 1. */
static int step_run(walker *w, const ar_norm_act *a, int cl)
{
    const ar_norm *n = w->n;
    const unsigned char *p = w->p, *end = w->end, *q = p + cl;
    if (!(a->flags & ACTF_NI) || p < w->norun_until || !joins_next(n, q, end))
        return 0;
    int count = 1, fast = (a->flags & (ACTF_SIMPLE | ACTF_TAIL0)) != 0;
    unsigned last = (a->flags & ACTF_SIMPLE) && !(a->kind == ACT_REPL && a->len == 0) ? a->ccc : 0;
    char sbuf2[4 * AR_FOLD_MAX];
    /* A run is cut after RUN_MAX bytes so ICU's buffers stay small; only a
     * pathological stack of thousands of marks notices. */
    while (q < end && q - p < RUN_MAX) {
        int cl2;
        int32_t c2 = decode(q, end, &cl2);
        if (c2 < 0)
            break;
        ar_norm_act a2b;
        const ar_norm_act *a2;
        if (c2 < 0x10000)
            a2 = &n->acts[n->idx[c2]];
        else {
            if ((w->e.rc = compute_act(n, c2, &a2b, sbuf2))) {
                w->p = end;
                return 1;
            }
            a2 = &a2b;
        }
        if (!(a2->flags & ACTF_NI) || (a2->flags & ACTF_BB))
            break;
        if (!(a2->flags & ACTF_SIMPLE))
            fast = 0;
        else if (!(a2->kind == ACT_REPL && a2->len == 0)) {
            if (a2->ccc && a2->ccc < last)
                fast = 0;
            last = a2->ccc;
        }
        q += cl2;
        count++;
    }
    if (count == 1 || fast) {
        w->norun_until = q; /* already in normal form: each code point alone */
        return 0;
    }
    flush_copy(&w->e, w->cs, p);
    w->run.len = 0;
    int rc = ar_norm_icu_run(n, (const char *)p, (size_t)(q - p), &w->run);
    if (rc) {
        w->e.rc = rc;
        w->p = end;
        return 1;
    }
    emit_repl(&w->e, w->run.ptr, w->run.len, (size_t)(p - w->in), (size_t)(q - w->in));
    w->p = w->cs = q;
    return 1;
}

/* One character's own action: copied, a line end (a pending space before
 * it is dropped), a space (joins the pending run), replaced or removed. */
static void step_act(walker *w, const ar_norm_act *a, int cl)
{
    emitter *e = &w->e;
    const unsigned char *p = w->p;
    size_t at = (size_t)(p - w->in);
    if (a->kind == ACT_COPY) {
        w->p += cl;
        return;
    }
    flush_copy(e, w->cs, p);
    switch (a->kind) {
    case ACT_NEWLINE:
        if (e->pending) {
            e->pending = 0;
            push(e, e->sp_in);
            push(e, at);
        }
        put(e, p, 1);
        e->line_start = 1;
        break;
    case ACT_SPACE:
        if (!e->pending) {
            e->pending = 1;
            e->sp_in = at;
        }
        break;
    default: {
        const char *rs = a == &w->sa ? w->sbuf : a->len ? w->n->pool + a->off : "";
        emit_repl(e, rs, a->len, at, at + (size_t)cl);
    }
    }
    w->p = w->cs = p + cl;
}

int ar_norm_apply(const ar_norm *n, const char *in_, size_t len, ar_buf *out, ar_offmap *map)
{
    if (!n || !out || (!in_ && len))
        return AR_EINVAL;
    const unsigned char *in = (const unsigned char *)in_;
    walker w = {.n = n, .e = {n, in, len, out, out->len, map, AR_OK, 0, 0, 1}, .in = in, .p = in, .end = in + len,
                .cs = in, .norun_until = in};
    if (ar_buf_reserve(out, len + len / 8 + 64))
        return AR_ENOMEM;
    /* A first anchor at the start: the lane leaves out the anchors of
     * same-length replacements, and with this one both ways give one list. */
    if (map && map->n == 0 && len)
        push(&w.e, 0);
    const int lane = n->lane_level != AR_LANE_REF;
    while (w.p < w.end && !w.e.rc) {
        if (lane && step_lane(&w))
            continue;
        int cl;
        const ar_norm_act *a = step_lookup(&w, &cl);
        if (a && !step_run(&w, a, cl))
            step_act(&w, a, cl);
    }
    if (!w.e.rc) {
        flush_copy(&w.e, w.cs, w.p);
        if (w.e.pending) {
            push(&w.e, w.e.sp_in);
            push(&w.e, len);
        }
        push(&w.e, len);
    }
    ar_buf_free(&w.run);
    return w.e.rc;
}
