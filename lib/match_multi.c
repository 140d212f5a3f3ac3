/* SPDX-License-Identifier: MIT */
/*
 * The multi-literal engine: an Aho-Corasick automaton turned into a full
 * DFA, whose alphabet is not bytes but classes of FOLDED code points (one
 * class per distinct code point of the patterns, class 0 for everything
 * else). It reads the original text: each code point is decoded, looked up
 * in a table that already knows its fold (so أ, إ, ا share a class and a
 * kasra is skipped), and moves the DFA once. No folded copy of the text is
 * ever made, and match offsets are original offsets.
 *
 * The hot loop keeps no history: when "a pattern of L folded code points
 * ends here", the start is found by walking back L symbols. States with
 * output are numbered last, so the loop tests one comparison per symbol.
 */
#include <stdlib.h>
#include <string.h>

#include "match_internal.h"

#define CLS_SKIP 0xFFFFu
#define CLS_SEQ 0xFFFEu
#define CLS_SLOW 0xFFFDu /* byte pair that is not a valid two-byte character */

struct ar_mdfa {
    uint32_t *tab;      /* nstates * stride; entries are premultiplied state ids */
    size_t stride;      /* classes */
    size_t nstates;
    uint32_t out_from;  /* premultiplied id of the first state with output */
    uint32_t *olen;     /* by state: length of the pattern ending exactly here, 0 none */
    unsigned char *oenc; /* by state: that pattern matches only before an enclitic */
    uint32_t *odict;    /* by state: next suffix state with a pattern (0 none) */
    size_t maxlen;      /* longest pattern in symbols */
    uint16_t *cls;      /* 0x10000: class of the fold of each BMP code point */
    uint16_t *pair;     /* 128 + 128 * 256: class by ASCII byte, or by a lead
                           byte >= 0x80 and the byte after it (CLS_SLOW when
                           the pair is not a whole two-byte character) */
    int32_t *hi;        /* sorted code points >= 0x10000 of the patterns */
    uint16_t *hicls;
    size_t nhi;
    size_t ringsz;      /* scratch the caller provides (1: none needed) */
    unsigned char *pre; /* 256 flags: bytes one of which every match contains
                           (the rarest byte of a letter nothing else folds to,
                           per pattern); NULL when they are not rare enough */
    int pre_one;        /* the only such byte (memchr), or -1 */
};

static int cmp_i32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return x < y ? -1 : x > y;
}

/* Class of a folded code point: its index + 1 in the sorted alphabet. */
static uint16_t class_of(const int32_t *alpha, size_t na, int32_t cp)
{
    const int32_t *q = bsearch(&cp, alpha, na, sizeof *alpha, cmp_i32);
    return q ? (uint16_t)(q - alpha + 1) : 0;
}

void ar_mdfa_free(ar_mdfa *d)
{
    if (!d)
        return;
    free(d->tab);
    free(d->olen);
    free(d->oenc);
    free(d->odict);
    free(d->cls);
    free(d->pair);
    free(d->pre);
    free(d->hi);
    free(d->hicls);
    free(d);
}

size_t ar_mdfa_ring_size(const ar_mdfa *d)
{
    return d->ringsz;
}

/* Chooses, for every pattern, its code point that nothing else folds to
 * and whose last UTF-8 byte is rarest in Arabic text; when those bytes
 * together are rare enough, the scan looks for them first and runs the DFA
 * only in a window around each. */
static int build_prefilter(ar_mdfa *d, const ar_foldtab *ft, const int32_t *alpha, size_t na, int32_t *const *pats,
                           const size_t *plens, size_t n)
{
    if (n == 0)
        return AR_OK;
    /* How many code points fold to each alphabet code point (2 = many). */
    unsigned char *pre = calloc(na + 1, 1);
    unsigned char *bytes = calloc(256, 1);
    if (!pre || !bytes) {
        free(pre);
        free(bytes);
        return AR_ENOMEM;
    }
    /* The code points folding leaves alone count for themselves only. */
    for (size_t i = 0; i < na; i++)
        if (alpha[i] < 0x10000 && ft->bmp[alpha[i]] == (uint32_t)alpha[i])
            pre[i + 1] = 1;
    for (size_t mi = 0; mi < ft->nmoved; mi++) {
        int32_t cp = ft->moved[mi];
        uint32_t f = ft->bmp[cp];
        if (f == AR_M_SKIP)
            continue;
        if (f & AR_M_SEQ) {
            const int32_t *q = ft->seq[f & ~AR_M_SEQ];
            for (int k = 0; k < q[0]; k++) {
                uint16_t c = class_of(alpha, na, q[k + 1]);
                if (c)
                    pre[c] = 2;
            }
            continue;
        }
        uint16_t c = class_of(alpha, na, (int32_t)f);
        if (c && pre[c] < 2)
            pre[c] += (f == (uint32_t)cp) ? 1 : 2;
    }
    uint64_t rate = 0;
    int ok = 1;
    for (size_t i = 0; i < n && ok; i++) {
        uint32_t best = UINT32_MAX;
        unsigned bb = 0;
        for (size_t k = 0; k < plens[i]; k++) {
            int32_t a = pats[i][k];
            if (a >= 0x10000 || a < 0x80 || pre[class_of(alpha, na, a)] != 1)
                continue;
            char u[4];
            int len = ar_utf8_encode(a, u);
            uint32_t score = ar_match_byte_ppm[(unsigned char)u[len - 1]];
            if (score < best) {
                best = score;
                bb = (unsigned char)u[len - 1];
            }
        }
        if (best == UINT32_MAX)
            ok = 0;
        else if (!bytes[bb]) {
            bytes[bb] = 1;
            rate += best;
        }
    }
    free(pre);
    /* Above ~3% of bytes the windows would cover the text anyway. */
    if (!ok || rate > 30000) {
        free(bytes);
        return AR_OK;
    }
    d->pre = bytes;
    int nb = 0;
    for (int b = 0; b < 256; b++)
        if (bytes[b]) {
            nb++;
            d->pre_one = b;
        }
    if (nb != 1)
        d->pre_one = -1;
    return AR_OK;
}

int ar_mdfa_new(ar_mdfa **out, const ar_foldtab *ft, int32_t *const *pats, const size_t *plens,
                const unsigned char *enc, size_t n)
{
    *out = NULL;
    ar_mdfa *d = calloc(1, sizeof *d);
    if (!d)
        return AR_ENOMEM;
    int rc = AR_ENOMEM;
    uint32_t *tab = NULL, *depth = NULL, *term = NULL, *fail = NULL, *queue = NULL, *perm = NULL;
    unsigned char *tenc = NULL;
    /* The alphabet. */
    size_t total = 0;
    for (size_t i = 0; i < n; i++)
        total += plens[i];
    int32_t *alpha = malloc((total + 1) * sizeof *alpha);
    if (!alpha)
        goto done;
    size_t na = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < plens[i]; k++)
            alpha[na++] = pats[i][k];
    qsort(alpha, na, sizeof *alpha, cmp_i32);
    size_t u = 0;
    for (size_t i = 0; i < na; i++)
        if (u == 0 || alpha[i] != alpha[u - 1])
            alpha[u++] = alpha[i];
    na = u;
    if (na + 1 >= CLS_SEQ) {
        rc = AR_ELIMIT;
        goto done;
    }
    d->stride = na + 1;

    /* The trie, in dense rows (0 = no edge yet: the root is nobody's child). */
    size_t cap = total + 1, ns = 1, stride = d->stride;
    tab = calloc(cap * stride, sizeof *tab);
    depth = calloc(cap, sizeof *depth);
    term = calloc(cap, sizeof *term);
    tenc = calloc(cap, 1);
    if (!tab || !depth || !term || !tenc)
        goto done;
    for (size_t i = 0; i < n; i++) {
        if (plens[i] == 0)
            continue; /* an empty pattern is handled by the caller */
        uint32_t s = 0;
        for (size_t k = 0; k < plens[i]; k++) {
            uint16_t c = class_of(alpha, na, pats[i][k]);
            if (!tab[s * stride + c]) {
                tab[s * stride + c] = (uint32_t)ns;
                depth[ns] = depth[s] + 1;
                ns++;
            }
            s = tab[s * stride + c];
        }
        /* Two patterns ending here: the one without a condition wins. */
        tenc[s] = (term[s] ? tenc[s] : 1) && enc && enc[i];
        term[s] = (uint32_t)plens[i];
        if (plens[i] > d->maxlen)
            d->maxlen = plens[i];
    }
    /* Failure links breadth first, filling every missing edge. */
    fail = calloc(ns, sizeof *fail);
    queue = malloc(ns * sizeof *queue);
    uint32_t *dict = calloc(ns, sizeof *dict);
    d->odict = dict;
    if (!fail || !queue || !dict)
        goto done;
    size_t qh = 0, qt = 0;
    for (size_t c = 0; c < stride; c++)
        if (tab[c])
            queue[qt++] = tab[c];
    while (qh < qt) {
        uint32_t s = queue[qh++];
        uint32_t f = fail[s];
        dict[s] = term[f] ? f : dict[f];
        for (size_t c = 0; c < stride; c++) {
            uint32_t t = tab[s * stride + c];
            if (t) {
                fail[t] = tab[f * stride + c];
                queue[qt++] = t;
            } else {
                tab[s * stride + c] = tab[f * stride + c];
            }
        }
    }
    /* Renumber: states without output first, then those with it. */
    perm = malloc(ns * sizeof *perm);
    if (!perm)
        goto done;
    uint32_t next = 0;
    for (size_t s = 0; s < ns; s++)
        if (!term[s] && !dict[s])
            perm[s] = next++;
    d->out_from = (uint32_t)(next * stride);
    for (size_t s = 0; s < ns; s++)
        if (term[s] || dict[s])
            perm[s] = next++;
    if ((uint64_t)ns * stride > UINT32_MAX) {
        rc = AR_ELIMIT;
        goto done;
    }
    d->tab = malloc(ns * stride * sizeof *d->tab);
    d->olen = calloc(ns, sizeof *d->olen);
    d->oenc = calloc(ns, 1);
    uint32_t *od = calloc(ns, sizeof *od);
    if (!d->tab || !d->olen || !d->oenc || !od) {
        free(od);
        goto done;
    }
    for (size_t s = 0; s < ns; s++) {
        uint32_t p = perm[s];
        for (size_t c = 0; c < stride; c++)
            d->tab[p * stride + c] = (uint32_t)(perm[tab[s * stride + c]] * stride);
        d->olen[p] = term[s];
        d->oenc[p] = tenc[s];
        od[p] = dict[s] ? perm[dict[s]] : 0;
    }
    free(d->odict);
    d->odict = od;
    d->nstates = ns;

    /* Text side: the class of every BMP code point after folding. */
    d->cls = malloc(0x10000 * sizeof *d->cls);
    if (!d->cls)
        goto done;
    /* A code point folding leaves alone has a class only when it is in the
     * alphabet; the others are the few folding moves. */
    memset(d->cls, 0, 0x10000 * sizeof *d->cls);
    for (size_t i = 0; i < na; i++)
        if (alpha[i] < 0x10000 && ft->bmp[alpha[i]] == (uint32_t)alpha[i])
            d->cls[alpha[i]] = (uint16_t)(i + 1);
    for (size_t mi = 0; mi < ft->nmoved; mi++) {
        int32_t cp = ft->moved[mi];
        uint32_t f = ft->bmp[cp];
        d->cls[cp] = f == AR_M_SKIP ? CLS_SKIP : (f & AR_M_SEQ) ? CLS_SEQ : class_of(alpha, na, (int32_t)f);
    }
    d->pair = malloc((128 + 128 * 256) * sizeof *d->pair);
    if (!d->pair)
        goto done;
    for (unsigned b = 0; b < 128; b++)
        d->pair[b] = d->cls[b];
    for (unsigned b = 0x80; b < 0x100; b++)
        for (unsigned b1 = 0; b1 < 0x100; b1++)
            d->pair[128 + ((b & 0x7F) << 8) + b1] =
                b >= 0xC2 && b <= 0xDF && (b1 & 0xC0) == 0x80 ? d->cls[((b & 0x1F) << 6) | (b1 & 0x3F)] : CLS_SLOW;
    for (size_t i = 0; i < na; i++)
        if (alpha[i] >= 0x10000)
            d->nhi++;
    d->hi = malloc((d->nhi + 1) * sizeof *d->hi);
    d->hicls = malloc((d->nhi + 1) * sizeof *d->hicls);
    if (!d->hi || !d->hicls)
        goto done;
    for (size_t i = 0, k = 0; i < na; i++)
        if (alpha[i] >= 0x10000) {
            d->hi[k] = alpha[i];
            d->hicls[k++] = (uint16_t)(i + 1);
        }
    d->ringsz = 1;
    rc = build_prefilter(d, ft, alpha, na, pats, plens, n);
done:
    free(alpha);
    free(tab);
    free(depth);
    free(term);
    free(tenc);
    free(fail);
    free(queue);
    free(perm);
    if (rc != AR_OK) {
        ar_mdfa_free(d);
        return rc;
    }
    *out = d;
    return AR_OK;
}

static uint16_t hi_class(const ar_mdfa *d, int32_t cp)
{
    const int32_t *q = bsearch(&cp, d->hi, d->nhi, sizeof *d->hi, cmp_i32);
    return q ? d->hicls[q - d->hi] : 0;
}

/* Start of the L folded symbols that end at e: walks back code point by
 * code point (only done at a match, so the hot loop keeps no history). */
static size_t back_symbols(const ar_mdfa *d, const ar_foldtab *ft, const unsigned char *s, size_t n, size_t lo,
                           size_t e, size_t L)
{
    size_t i = e;
    while (L > 0 && i > lo) {
        /* an ASCII byte or a whole two-byte character: its class says how
         * many symbols it folds to (one, or none), as dfa_run reads it */
        unsigned b = s[i - 1], c = CLS_SLOW;
        size_t w = 0;
        if (b < 0x80) {
            c = d->pair[b];
            w = 1;
        } else if (i >= lo + 2 && (b & 0xC0) == 0x80 && s[i - 2] >= 0xC2 && s[i - 2] <= 0xDF) {
            c = d->pair[128 + ((size_t)(s[i - 2] & 0x7F) << 8) + b];
            w = 2;
        }
        if (c < CLS_SLOW || c == CLS_SKIP) {
            i -= w;
            L -= c != CLS_SKIP;
            continue;
        }
        size_t j = ar_m_prev(s, n, i);
        int32_t cp, f[AR_M_FOLD_MAX];
        ar_m_decode(s, n, j, &cp);
        size_t k = (size_t)ar_m_fold(ft, cp, f);
        i = j;
        L = k >= L ? 0 : L - k;
    }
    return i;
}

/* The longest pattern ending at e in state st that passes the word check:
 * 1 and its start and length, or 0. */
static int best_at(const ar_mdfa *d, const ar_foldtab *ft, int word, const unsigned char *s, size_t n, size_t lo,
                   uint32_t st, size_t e, size_t *start, size_t *len)
{
    for (uint32_t o = st / (uint32_t)d->stride; o; o = d->odict[o]) {
        uint32_t L = d->olen[o];
        if (!L)
            continue;
        if (word == AR_M_ANY) { /* where it starts does not matter */
            *start = e - 1;
            *len = L;
            return 1;
        }
        size_t a = back_symbols(d, ft, s, n, lo, e, L);
        if (word && !ar_m_word_ok(ft, s, n, a, e, d->oenc[o] ? AR_M_ENC_NEED : word - 1))
            continue;
        *start = a;
        *len = L;
        return 1;
    }
    return 0;
}

/* Decodes the code point at s[*i] and returns its class (CLS_SKIP/CLS_SEQ
 * included), advancing *i. */
static inline unsigned next_class(const ar_mdfa *d, const unsigned char *s, size_t n, size_t *i, int32_t *cpo)
{
    size_t k = *i;
    unsigned b = s[k];
    if (b >= 0xC2 && b <= 0xDF && k + 1 < n && (s[k + 1] & 0xC0) == 0x80) {
        int32_t cp = (int32_t)(((b & 0x1F) << 6) | (s[k + 1] & 0x3Fu));
        *i = k + 2;
        *cpo = cp;
        return d->cls[cp];
    }
    if (b < 0x80) {
        *i = k + 1;
        *cpo = (int32_t)b;
        return d->cls[b];
    }
    int32_t cp;
    *i = k + ar_m_decode(s, n, k, &cp);
    *cpo = cp;
    return cp < 0x10000 ? d->cls[cp] : hi_class(d, cp);
}

/* Feeds one code point that needs care (a fold to several code points, or
 * one decoded the slow way) to the DFA; returns 1 when a candidate was found. */
static uint32_t feed_slow(const ar_mdfa *d, const ar_foldtab *ft, int word, const unsigned char *s, size_t n,
                          size_t from, int32_t cp, unsigned c, size_t e, uint32_t st, int *found, size_t *a,
                          size_t *len)
{
    int32_t f[AR_M_FOLD_MAX];
    int nf = 1;
    if (c == CLS_SEQ)
        nf = ar_m_fold(ft, cp, f);
    *found = 0;
    for (int q = 0; q < nf; q++) {
        if (c == CLS_SEQ) {
            unsigned fc = f[q] < 0x10000 ? d->cls[f[q]] : hi_class(d, f[q]);
            st = d->tab[st + (fc >= CLS_SLOW ? 0 : fc)];
        } else
            st = d->tab[st + c];
        if (st >= d->out_from && best_at(d, ft, word, s, n, from, st, e, a, len))
            *found = 1;
    }
    return st;
}

/* The DFA from state 0 at from; a first candidate must end by end. */
static int dfa_run(const ar_mdfa *d, const ar_foldtab *ft, int word, const unsigned char *s, size_t n, size_t from,
                   size_t end, size_t *ms, size_t *me)
{
    const uint32_t *tab = d->tab;
    const uint16_t *pair = d->pair;
    const uint32_t out_from = d->out_from;
    uint32_t st = 0;
    size_t i = from, a = 0, L = 0;
    /* Until a first candidate: branch-free decoding of one- and two-byte
     * characters through the pair table, one DFA step per character. */
    for (;;) {
        unsigned c;
        if (i >= end)
            return 0;
        if (i + 1 < n) {
            unsigned b = s[i], hi = b >> 7;
            size_t idx = hi ? 128 + ((size_t)(b & 0x7F) << 8) + s[i + 1] : b;
            c = pair[idx];
            i += 1 + hi;
            if (c < CLS_SLOW) {
                st = tab[st + c];
                if (st >= out_from && best_at(d, ft, word, s, n, from, st, i, &a, &L))
                    break;
                continue;
            }
            if (c == CLS_SKIP)
                continue;
            i -= 1 + hi;
        }
        int32_t cp;
        c = next_class(d, s, n, &i, &cp);
        if (c == CLS_SKIP)
            continue;
        int found;
        st = feed_slow(d, ft, word, s, n, from, cp, c, i, st, &found, &a, &L);
        if (found)
            break;
    }
    if (word == AR_M_ANY) {
        *ms = i - 1;
        *me = i;
        return 1;
    }
    /* A candidate [a, i) of L symbols: a longer one, or one starting
     * earlier, can only end within the next maxlen - L symbols. */
    size_t best_s = a, best_e = i, budget = d->maxlen - L;
    while (i < n && budget > 0) {
        int32_t cp;
        unsigned c = next_class(d, s, n, &i, &cp);
        if (c == CLS_SKIP)
            continue;
        if (cp == '\n')
            break;
        budget--;
        size_t a2, L2;
        int found;
        if (c < CLS_SLOW) {
            st = tab[st + c];
            found = st >= out_from && best_at(d, ft, word, s, n, from, st, i, &a2, &L2);
        } else
            st = feed_slow(d, ft, word, s, n, from, cp, c, i, st, &found, &a2, &L2);
        if (found && (a2 < best_s || (a2 == best_s && i > best_e))) {
            best_s = a2;
            best_e = i;
            budget = d->maxlen - L2;
        }
    }
    *ms = best_s;
    *me = ar_m_extend(ft, s, n, best_e);
    return 1;
}

/* End of the maxlen symbols after e, or the line's end. */
static size_t forward_symbols(const ar_foldtab *ft, const unsigned char *s, size_t n, size_t e, size_t L)
{
    while (L > 0 && e < n && s[e] != '\n') {
        int32_t cp, f[AR_M_FOLD_MAX];
        e += ar_m_decode(s, n, e, &cp);
        size_t k = (size_t)ar_m_fold(ft, cp, f);
        L = k >= L ? 0 : L - k;
    }
    return e;
}

int ar_mdfa_find(const ar_mdfa *d, const ar_foldtab *ft, int word, size_t *ring, const unsigned char *s, size_t n,
                 size_t from, size_t *ms, size_t *me)
{
    (void)ring;
    if (!d->nstates || d->maxlen == 0)
        return 0;
    if (!d->pre)
        return dfa_run(d, ft, word, s, n, from, n, ms, me);
    /* Every match contains one of the prefilter bytes: look for them, and
     * run the DFA from maxlen symbols before each to maxlen after it. */
    const unsigned char *pre = d->pre;
    size_t i = from, done = from; /* text before done was already run */
    while (i < n) {
        if (d->pre_one >= 0) {
            const unsigned char *q = memchr(s + i, d->pre_one, n - i);
            if (!q)
                return 0;
            i = (size_t)(q - s);
        } else {
            while (i + 4 <= n && !(pre[s[i]] | pre[s[i + 1]] | pre[s[i + 2]] | pre[s[i + 3]]))
                i += 4;
            while (i < n && !pre[s[i]])
                i++;
            if (i >= n)
                return 0;
        }
        size_t ws = back_symbols(d, ft, s, n, from, i + 1, d->maxlen);
        if (ws < done)
            ws = done;
        size_t we = forward_symbols(ft, s, n, i + 1, d->maxlen);
        if (dfa_run(d, ft, word, s, n, ws, we, ms, me))
            return 1;
        done = i + 1;
        i++;
    }
    return 0;
}
