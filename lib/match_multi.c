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
 * A ring of the byte offsets of the last symbols read turns "a pattern of
 * L folded code points ends here" into a start offset. States with output
 * are numbered last, so the hot loop tests one comparison per symbol.
 */
#include <stdlib.h>
#include <string.h>

#include "match_internal.h"

#define CLS_SKIP 0xFFFFu
#define CLS_SEQ 0xFFFEu

struct ar_mdfa {
    uint32_t *tab;      /* nstates * stride; entries are premultiplied state ids */
    size_t stride;      /* classes */
    size_t nstates;
    uint32_t out_from;  /* premultiplied id of the first state with output */
    uint32_t *olen;     /* by state: length of the pattern ending exactly here, 0 none */
    uint32_t *odict;    /* by state: next suffix state with a pattern (0 none) */
    size_t maxlen;      /* longest pattern in symbols */
    uint16_t *cls;      /* 0x10000: class of the fold of each BMP code point */
    int32_t *hi;        /* sorted code points >= 0x10000 of the patterns */
    uint16_t *hicls;
    size_t nhi;
    size_t ringsz;      /* power of two > maxlen + 1 */
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
    free(d->odict);
    free(d->cls);
    free(d->hi);
    free(d->hicls);
    free(d);
}

size_t ar_mdfa_ring_size(const ar_mdfa *d)
{
    return d->ringsz;
}

int ar_mdfa_new(ar_mdfa **out, const ar_foldtab *ft, int32_t *const *pats, const size_t *plens, size_t n)
{
    *out = NULL;
    ar_mdfa *d = calloc(1, sizeof *d);
    if (!d)
        return AR_ENOMEM;
    int rc = AR_ENOMEM;
    uint32_t *tab = NULL, *depth = NULL, *term = NULL, *fail = NULL, *queue = NULL, *perm = NULL;
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
    if (!tab || !depth || !term)
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
    uint32_t *od = calloc(ns, sizeof *od);
    if (!d->tab || !d->olen || !od) {
        free(od);
        goto done;
    }
    for (size_t s = 0; s < ns; s++) {
        uint32_t p = perm[s];
        for (size_t c = 0; c < stride; c++)
            d->tab[p * stride + c] = (uint32_t)(perm[tab[s * stride + c]] * stride);
        d->olen[p] = term[s];
        od[p] = dict[s] ? perm[dict[s]] : 0;
    }
    free(d->odict);
    d->odict = od;
    d->nstates = ns;

    /* Text side: the class of every BMP code point after folding. */
    d->cls = malloc(0x10000 * sizeof *d->cls);
    if (!d->cls)
        goto done;
    for (int32_t cp = 0; cp < 0x10000; cp++) {
        uint32_t f = ft->bmp[cp];
        d->cls[cp] = f == AR_M_SKIP ? CLS_SKIP : (f & AR_M_SEQ) ? CLS_SEQ : class_of(alpha, na, (int32_t)f);
    }
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
    d->ringsz = 4;
    while (d->ringsz < d->maxlen + 2)
        d->ringsz *= 2;
    rc = AR_OK;
done:
    free(alpha);
    free(tab);
    free(depth);
    free(term);
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

int ar_mdfa_find(const ar_mdfa *d, const ar_foldtab *ft, int word, size_t *ring, const unsigned char *s, size_t n,
                 size_t from, size_t *ms, size_t *me)
{
    if (!d->nstates || d->maxlen == 0)
        return 0;
    const uint32_t *tab = d->tab;
    const uint16_t *cls = d->cls;
    const size_t mask = d->ringsz - 1, stride = d->stride;
    uint32_t st = 0;
    size_t k = 0, i = from;
    size_t best_s = SIZE_MAX, best_e = 0, best_k = 0;
    while (i < n) {
        unsigned b = s[i];
        size_t len;
        unsigned c;
        int32_t cp;
        if (b < 0x80) {
            cp = (int32_t)b;
            c = cls[b];
            len = 1;
        } else if (b >= 0xC2 && b <= 0xDF && i + 1 < n && (s[i + 1] & 0xC0) == 0x80) {
            cp = (int32_t)(((b & 0x1F) << 6) | (s[i + 1] & 0x3Fu));
            c = cls[cp];
            len = 2;
        } else {
            len = ar_m_decode(s, n, i, &cp);
            c = cp < 0x10000 ? cls[cp] : hi_class(d, cp);
        }
        if (c == CLS_SKIP) {
            i += len;
            continue;
        }
        if (best_s != SIZE_MAX && (k >= best_k + d->maxlen || cp == '\n'))
            break;
        int32_t f[3];
        int nf = 1;
        if (c == CLS_SEQ) {
            nf = ar_m_fold(ft, cp, f);
        }
        for (int q = 0; q < nf; q++) {
            if (c == CLS_SEQ || q > 0) {
                const int32_t *sq = ft->seq[ft->bmp[cp] & ~AR_M_SEQ];
                int32_t fc = sq[q + 1];
                c = fc < 0x10000 ? cls[fc] : hi_class(d, fc);
                if (c >= CLS_SEQ)
                    c = 0;
            }
            ring[k & mask] = i;
            k++;
            st = tab[st + c];
            if (st < d->out_from)
                continue;
            /* Patterns end here, longest first along the suffix chain. */
            size_t e = i + len;
            for (uint32_t o = st / (uint32_t)stride; o; o = d->odict[o]) {
                uint32_t L = d->olen[o];
                if (!L)
                    continue;
                size_t ks = k - L;
                size_t a = ring[ks & mask];
                if (word && !ar_m_word_ok(ft, s, n, a, e))
                    continue;
                if (best_s == SIZE_MAX || a < best_s || (a == best_s && e > best_e)) {
                    best_s = a;
                    best_e = e;
                    best_k = ks;
                }
                break;
            }
        }
        i += len;
    }
    if (best_s == SIZE_MAX)
        return 0;
    *ms = best_s;
    *me = ar_m_extend(ft, s, n, best_e);
    return 1;
}
