/* SPDX-License-Identifier: MIT */
/* The entity tagger's features, model file and decoder. Features are hashed
 * (template id + folded text) into a fixed table of int16 rows, one weight
 * per tag, so a model's size depends on the table, not on the vocabulary,
 * and an unseen word costs nothing but a row of zeros. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entities_internal.h"
#include "ner_internal.h"

/* ---- features ---- */

#define U_WAW "\xd9\x88"
#define U_FEH "\xd9\x81"
#define U_BEH "\xd8\xa8"
#define U_KAF "\xd9\x83"
#define U_LAM "\xd9\x84"
#define U_ALEF "\xd8\xa7"
#define U_YEH "\xd9\x8a"

static int at(const char *w, size_t n, size_t off, const char *s)
{
    size_t k = strlen(s);
    return off + k <= n && !memcmp(w + off, s, k);
}

/* Proclitics and article by letters alone: the model weighs the evidence,
 * so this only has to be the same in training and tagging. و ف come off
 * when three letters stay; ب ك ل only before the article; لل is ل + the
 * article with its alef dropped; the article when two letters stay. */
void ar_ner_stem(ar_ner_tok *t)
{
    const char *w = t->w;
    size_t n = t->n, p = 0;
    t->pro = 0;
    t->art = 0;
    t->stem_off = 0;
    t->stem_len = t->n;
    if (t->kind != NK_WORD)
        return;
    if ((at(w, n, 0, U_WAW) || at(w, n, 0, U_FEH)) && n >= 2 + 6)
        p = 2;
    if (at(w, n, p, U_LAM U_LAM) && n - p >= 8) {
        t->pro = (uint32_t)p + 2;
        t->art = 1;
        t->stem_off = (uint32_t)p + 4;
    } else if ((at(w, n, p, U_BEH) || at(w, n, p, U_KAF) || at(w, n, p, U_LAM)) && at(w, n, p + 2, U_ALEF U_LAM) &&
               n - p >= 2 + 4 + 4) {
        t->pro = (uint32_t)p + 2;
        t->art = 1;
        t->stem_off = (uint32_t)p + 6;
    } else {
        t->pro = (uint32_t)p;
        if (at(w, n, p, U_ALEF U_LAM) && n - p >= 4 + 4) {
            t->art = 1;
            t->stem_off = (uint32_t)p + 4;
        } else {
            t->stem_off = (uint32_t)p;
        }
    }
    t->stem_len = (uint32_t)(n - t->stem_off);
}

static uint64_t mix(uint64_t h)
{
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 33;
    return h;
}

static uint64_t hbytes(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static uint64_t hseed(unsigned tpl)
{
    return (1469598103934665603ull ^ (tpl * 0x9E3779B97F4A7C15ull)) * 1099511628211ull;
}

/* Character-aware prefix and suffix lengths in bytes. */
static size_t prefix_bytes(const char *s, size_t n, int chars)
{
    size_t i = 0;
    while (i < n && chars > 0) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars--;
    }
    return chars > 0 ? 0 : i;
}

static size_t suffix_bytes(const char *s, size_t n, int chars)
{
    size_t i = n;
    while (i > 0 && chars > 0) {
        i--;
        while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
            i--;
        chars--;
    }
    return chars > 0 ? 0 : n - i;
}

/* Templates: the ids are part of the hash, so two templates never share a
 * weight except by collision. Out-of-range neighbours read as a boundary. */
enum {
    T_BIAS = 1, T_W, T_WM1, T_WP1, T_WM2, T_WP2, T_S, T_SM1, T_SP1, T_PRE1, T_PRE2, T_PRE3, T_SUF1, T_SUF2,
    T_SUF3, T_SHAPE, T_GAZ, T_GAZM1, T_GAZP1, T_GAZM2, T_GAZP2, T_AUX, T_AUXM1, T_AUXM2, T_AUXP1, T_BI_L,
    T_BI_R, T_NISBA, T_KINDS, T_SUFM1, T_SP2, T_SM2, T_SBI_L, T_GAZ_AUXM1, T_CNG, T_PRE4, T_SUF4, T_VOW,
    T_DOC_TYPE, T_DOC_BEST, T_DOC_NONE, T_DOC_OWN
};


typedef struct fbuf {
    uint64_t *out;
    int n;
} fbuf;

static void put(fbuf *f, uint64_t h)
{
    if (f->n < AR_NER_MAXFEAT)
        f->out[f->n++] = mix(h);
}

static void put_str(fbuf *f, unsigned tpl, const char *s, size_t n)
{
    put(f, hbytes(hseed(tpl), s, n));
}

static void put_int(fbuf *f, unsigned tpl, uint64_t v)
{
    put(f, hseed(tpl) ^ mix(v + 0x51ED270B27D0A1ULL));
}

#define BOUNDARY "\x01"

static void put_word(fbuf *f, unsigned tpl, const ar_ner_tok *t, size_t n, long i)
{
    if (i < 0 || (size_t)i >= n)
        put_str(f, tpl, BOUNDARY, 1);
    else
        put_str(f, tpl, t[i].w, t[i].n);
}

static void put_stem(fbuf *f, unsigned tpl, const ar_ner_tok *t, size_t n, long i)
{
    if (i < 0 || (size_t)i >= n)
        put_str(f, tpl, BOUNDARY, 1);
    else
        put_str(f, tpl, t[i].w + t[i].stem_off, t[i].stem_len);
}

static unsigned gaz_code(const ar_ner_tok *t, size_t n, long i)
{
    if (i < 0 || (size_t)i >= n)
        return 255;
    unsigned len = t[i].gazlen > 3 ? 3 : t[i].gazlen;
    return t[i].gaz | (len << 4);
}

static void put_aux(fbuf *f, unsigned tpl, const ar_ner_tok *t, size_t n, long i)
{
    if (i < 0 || (size_t)i >= n)
        return;
    for (unsigned b = 0; b < 7; b++)
        if (t[i].aux & (1u << b))
            put_int(f, tpl, b);
}

/* shape: kind, article, which proclitics, length in letters (bucketed) */
static void put_shape(fbuf *f, const ar_ner_tok *c)
{
    unsigned letters = (unsigned)(c->stem_len / 2);
    unsigned lb = letters <= 2 ? letters : letters <= 4 ? 3 : letters <= 6 ? 4 : 5;
    put_int(f, T_SHAPE, c->kind | (unsigned)c->art << 3 | (c->pro ? (unsigned)c->w[c->pro - 1] & 0xff : 0) << 4 |
                            lb << 12);
}

/* letter trigrams of the stem, with its edges */
static void put_trigrams(fbuf *f, const char *s, size_t sn)
{
    char buf[256];
    size_t bn = 0;
    buf[bn++] = '<';
    for (size_t q = 0; q < sn && bn < 250; q++)
        buf[bn++] = s[q];
    buf[bn++] = '>';
    size_t cs[130], nc = 0;
    for (size_t q = 0; q < bn && nc < 128; q++)
        if (((unsigned char)buf[q] & 0xC0) != 0x80)
            cs[nc++] = q;
    cs[nc] = bn;
    for (size_t q = 0; q + 3 <= nc && q < 12; q++)
        put_str(f, T_CNG, buf + cs[q], cs[q + 3] - cs[q]);
}

/* long vowels: transliterated foreign names are full of them */
static void put_vowels(fbuf *f, const char *s, size_t sn)
{
    unsigned v = 0;
    for (size_t q = 0; q + 1 < sn; q += 2)
        if ((unsigned char)s[q] == 0xd8 && (unsigned char)s[q + 1] == 0xa7)
            v++;
        else if ((unsigned char)s[q] == 0xd9 && ((unsigned char)s[q + 1] == 0x88 || (unsigned char)s[q + 1] == 0x8a))
            v++;
    put_int(f, T_VOW, v > 4 ? 4 : v);
}

/* The templates in groups, each written once: ar_ner_features calls them
 * in the order its models were trained in (the trainer's dropout depends on
 * it), and the two parts below call the same groups. */

/* prefixes of the stem and suffixes of the word, one to three letters */
static void put_affixes(fbuf *f, const ar_ner_tok *c)
{
    const char *s = c->w + c->stem_off;
    size_t sn = c->stem_len, k;
    static const unsigned pre[3] = {T_PRE1, T_PRE2, T_PRE3}, suf[3] = {T_SUF1, T_SUF2, T_SUF3};
    for (int q = 0; q < 3; q++)
        if ((k = prefix_bytes(s, sn, q + 1)) && k < sn)
            put_str(f, pre[q], s, k);
    for (int q = 0; q < 3; q++)
        if ((k = suffix_bytes(c->w, c->n, q + 1)) && k < c->n)
            put_str(f, suf[q], c->w + c->n - k, k);
}

/* the same four letters long */
static void put_affixes4(fbuf *f, const ar_ner_tok *c)
{
    const char *s = c->w + c->stem_off;
    size_t sn = c->stem_len, k;
    if ((k = prefix_bytes(s, sn, 4)) && k < sn)
        put_str(f, T_PRE4, s, k);
    if ((k = suffix_bytes(c->w, c->n, 4)) && k < c->n)
        put_str(f, T_SUF4, c->w + c->n - k, k);
}

/* what the gazetteers and word lists say of the token and its neighbours */
static void put_lists(fbuf *f, const ar_ner_tok *t, size_t n, long li)
{
    put_int(f, T_GAZ, gaz_code(t, n, li));
    put_int(f, T_GAZM1, gaz_code(t, n, li - 1));
    put_int(f, T_GAZP1, gaz_code(t, n, li + 1));
    put_int(f, T_GAZM2, gaz_code(t, n, li - 2));
    put_int(f, T_GAZP2, gaz_code(t, n, li + 2));
    put_aux(f, T_AUX, t, n, li);
    put_aux(f, T_AUXM1, t, n, li - 1);
    put_aux(f, T_AUXM2, t, n, li - 2);
    put_aux(f, T_AUXP1, t, n, li + 1);
}

/* the word pair a token makes with the next (tpl: its template), as forms
 * or as stems */
static void put_pair(fbuf *f, unsigned tpl, const char *a, size_t an, const char *b, size_t bn)
{
    uint64_t h = hbytes(hseed(tpl), a, an);
    h = hbytes(h, "|", 1);
    put(f, hbytes(h, b, bn));
}

static void put_sufm1(fbuf *f, const ar_ner_tok *prev)
{
    size_t k;
    if ((k = suffix_bytes(prev->w, prev->n, 1)) && k < prev->n)
        put_str(f, T_SUFM1, prev->w + prev->n - k, k);
}

static void put_nisba(fbuf *f, const ar_ner_tok *c)
{
    if (c->kind == NK_WORD && c->n >= 8 && at(c->w, c->n, c->n - 2, U_YEH))
        put_int(f, T_NISBA, c->art);
}

static void put_kinds(fbuf *f, const ar_ner_tok *t, size_t n, size_t i)
{
    unsigned km1 = i > 0 ? t[i - 1].kind : 7, kp1 = i + 1 < n ? t[i + 1].kind : 7;
    put_int(f, T_KINDS, km1 | t[i].kind << 3 | kp1 << 6);
}

int ar_ner_features(const ar_ner_tok *t, size_t n, size_t i, uint64_t *out)
{
    fbuf f = {out, 0};
    const ar_ner_tok *c = &t[i];
    long li = (long)i;
    put_int(&f, T_BIAS, 0);
    put_word(&f, T_W, t, n, li);
    put_word(&f, T_WM1, t, n, li - 1);
    put_word(&f, T_WP1, t, n, li + 1);
    put_word(&f, T_WM2, t, n, li - 2);
    put_word(&f, T_WP2, t, n, li + 2);
    put_stem(&f, T_S, t, n, li);
    put_stem(&f, T_SM1, t, n, li - 1);
    put_stem(&f, T_SP1, t, n, li + 1);
    put_stem(&f, T_SM2, t, n, li - 2);
    put_stem(&f, T_SP2, t, n, li + 2);
    if (c->kind == NK_WORD || c->kind == NK_LATIN)
        put_affixes(&f, c);
    put_shape(&f, c);
    put_lists(&f, t, n, li);
    if (c->kind == NK_WORD) {
        put_trigrams(&f, c->w + c->stem_off, c->stem_len);
        put_affixes4(&f, c);
        put_vowels(&f, c->w + c->stem_off, c->stem_len);
    }
    if (i > 0) {
        put_pair(&f, T_BI_L, t[i - 1].w, t[i - 1].n, c->w, c->n);
        put_pair(&f, T_SBI_L, t[i - 1].w + t[i - 1].stem_off, t[i - 1].stem_len, c->w + c->stem_off, c->stem_len);
        put_sufm1(&f, &t[i - 1]);
        put_int(&f, T_GAZ_AUXM1, (uint64_t)gaz_code(t, n, li) << 16 | t[i - 1].aux);
    }
    if (i + 1 < n)
        put_pair(&f, T_BI_R, c->w, c->n, t[i + 1].w, t[i + 1].n);
    put_nisba(&f, c);
    put_kinds(&f, t, n, i);
    return f.n;
}

/* ---- the same features in two parts, for a per-word cache ----
 *
 * Most of a token's features read one word's text only: its own form,
 * stem, affixes, letter trigrams and shape, and the forms its neighbours
 * contribute as context (T_WM1 of token i is token i-1's form). Their sum
 * of weights is the same wherever the word stands, so ar-entities adds it
 * from a cache of frequent words and hashes only what depends on the
 * sentence (lists, helper classes, word pairs, kinds). Together the two
 * parts are exactly ar_ner_features's set (a unit test checks it for every
 * token of the corpus). */

int ar_ner_word_features(const ar_ner_tok *c, int role, uint64_t *out)
{
    fbuf f = {out, 0};
    static const unsigned wt[5] = {T_W, T_WM1, T_WM2, T_WP1, T_WP2};
    static const unsigned st[5] = {T_S, T_SM1, T_SM2, T_SP1, T_SP2};
    if (!c) {
        put_str(&f, wt[role], BOUNDARY, 1);
        put_str(&f, st[role], BOUNDARY, 1);
        return f.n;
    }
    put_str(&f, wt[role], c->w, c->n);
    put_str(&f, st[role], c->w + c->stem_off, c->stem_len);
    if (role == AR_NER_ROLE_PREV1)
        put_sufm1(&f, c);
    if (role != AR_NER_ROLE_SELF)
        return f.n;
    put_int(&f, T_BIAS, 0);
    if (c->kind == NK_WORD || c->kind == NK_LATIN)
        put_affixes(&f, c);
    put_shape(&f, c);
    if (c->kind == NK_WORD) {
        put_trigrams(&f, c->w + c->stem_off, c->stem_len);
        put_affixes4(&f, c);
        put_vowels(&f, c->w + c->stem_off, c->stem_len);
    }
    put_nisba(&f, c);
    return f.n;
}

int ar_ner_context_features(const ar_ner_tok *t, size_t n, size_t i, uint64_t *out)
{
    fbuf f = {out, 0};
    const ar_ner_tok *c = &t[i];
    put_lists(&f, t, n, (long)i);
    if (i > 0) {
        put_pair(&f, T_BI_L, t[i - 1].w, t[i - 1].n, c->w, c->n);
        put_pair(&f, T_SBI_L, t[i - 1].w + t[i - 1].stem_off, t[i - 1].stem_len, c->w + c->stem_off, c->stem_len);
        put_int(&f, T_GAZ_AUXM1, (uint64_t)gaz_code(t, n, (long)i) << 16 | t[i - 1].aux);
    }
    if (i + 1 < n)
        put_pair(&f, T_BI_R, c->w, c->n, t[i + 1].w, t[i + 1].n);
    put_kinds(&f, t, n, i);
    return f.n;
}

/* ---- the document pass ---- */

uint64_t ar_ner_stem_key(const ar_ner_tok *t)
{
    if (t->kind != NK_WORD || t->stem_len < 4)
        return 0;
    return hbytes(hseed(T_DOC_TYPE), t->w + t->stem_off, t->stem_len) | 1;
}

int ar_ner_doc_features(const int32_t *cnt, int own, uint64_t *out)
{
    fbuf f = {out, 0};
    int best = 0, tot = 0;
    for (int y = 1; cnt && y < 5; y++) {
        tot += cnt[y];
        if (cnt[y] > (best ? cnt[best] : 0))
            best = y;
    }
    for (int y = 1; cnt && y < 5; y++)
        if (cnt[y] > 0)
            put_int(&f, T_DOC_TYPE, (unsigned)y << 4 | (unsigned)(cnt[y] >= 3 ? 3 : cnt[y]));
    if (best)
        put_int(&f, T_DOC_BEST, (unsigned)best << 4 | (unsigned)(own == best));
    if (cnt && !tot && cnt[0] > 0)
        put_int(&f, T_DOC_NONE, (unsigned)(cnt[0] >= 3 ? 3 : cnt[0]));
    put_int(&f, T_DOC_OWN, (unsigned)own << 4 | (unsigned)best);
    return f.n;
}

int ar_ner_type_of_tag(int tag)
{
    return tag == NER_O ? 0 : 1 + NER_TYPE(tag);
}

int ar_ner_mem_add(ar_ner_mem *m, uint64_t key, int type, int d)
{
    if (!key)
        return AR_OK;
    if ((m->used + 1) * 4 > m->cap * 3) {
        size_t nc = m->cap ? m->cap * 2 : 1024;
        uint64_t *nk = calloc(nc, sizeof *nk);
        int32_t(*ncnt)[5] = calloc(nc, sizeof *ncnt);
        if (!nk || !ncnt) {
            free(nk);
            free(ncnt);
            return AR_ENOMEM;
        }
        for (size_t i = 0; i < m->cap; i++)
            if (m->key[i]) {
                size_t k = (size_t)mix(m->key[i]) & (nc - 1);
                while (nk[k])
                    k = (k + 1) & (nc - 1);
                nk[k] = m->key[i];
                memcpy(ncnt[k], m->cnt[i], sizeof ncnt[k]);
            }
        free(m->key);
        free(m->cnt);
        m->key = nk;
        m->cnt = ncnt;
        m->cap = nc;
    }
    size_t k = (size_t)mix(key) & (m->cap - 1);
    while (m->key[k] && m->key[k] != key)
        k = (k + 1) & (m->cap - 1);
    if (!m->key[k]) {
        m->key[k] = key;
        m->used++;
    }
    m->cnt[k][type] += d;
    return AR_OK;
}

const int32_t *ar_ner_mem_get(const ar_ner_mem *m, uint64_t key)
{
    if (!key || !m->cap)
        return NULL;
    size_t k = (size_t)mix(key) & (m->cap - 1);
    while (m->key[k] && m->key[k] != key)
        k = (k + 1) & (m->cap - 1);
    return m->key[k] ? m->cnt[k] : NULL;
}

void ar_ner_mem_clear(ar_ner_mem *m)
{
    /* a table grown by one huge block is dropped rather than wiped at every
     * later block */
    if (m->cap > 65536) {
        ar_ner_mem_free(m);
        return;
    }
    if (m->cap) {
        memset(m->key, 0, m->cap * sizeof *m->key);
        memset(m->cnt, 0, m->cap * sizeof *m->cnt);
    }
    m->used = 0;
}

void ar_ner_mem_free(ar_ner_mem *m)
{
    free(m->key);
    free(m->cnt);
    memset(m, 0, sizeof *m);
}

/* ---- decoding ---- */

void ar_ner_prefetch(const ar_ner_model *m, const uint64_t *f, int nf)
{
    for (int k = 0; k < nf; k++)
        __builtin_prefetch(m->w + (size_t)ar_ner_row(f[k], m->nbits) * NER_NTAGS);
}

void ar_ner_sum(const ar_ner_model *m, const uint64_t *f, int nf, int32_t *acc)
{
    for (int k = 0; k < nf; k++) {
        const int16_t *r = m->w + (size_t)ar_ner_row(f[k], m->nbits) * NER_NTAGS;
        for (int t = 0; t < NER_NTAGS; t++)
            acc[t] += r[t];
    }
}

void ar_ner_emit(const ar_ner_model *m, const uint64_t *f, int nf, float *out)
{
    int32_t acc[NER_NTAGS] = {0};
    ar_ner_sum(m, f, nf, acc);
    for (int t = 0; t < NER_NTAGS; t++)
        out[t] = (float)acc[t] * m->scale;
}

size_t ar_ner_viterbi_scratch(size_t n)
{
    return n * NER_NTAGS * (sizeof(float) + 1) + NER_NTAGS * 2 * sizeof(float) + 16;
}

void ar_ner_viterbi(const float *em, size_t n, const float *trans, void *scratch, uint8_t *tags)
{
    if (!n)
        return;
    float *cur = scratch, *nxt = cur + NER_NTAGS;
    uint8_t *back = (uint8_t *)(nxt + NER_NTAGS);
    for (int t = 0; t < NER_NTAGS; t++)
        cur[t] = ar_ner_allowed(NER_NTAGS, t) ? trans[NER_NTAGS * NER_NTAGS + t] + em[t] : -1e30f;
    for (size_t i = 1; i < n; i++) {
        for (int t = 0; t < NER_NTAGS; t++) {
            float best = -3e30f;
            int arg = 0;
            for (int p = 0; p < NER_NTAGS; p++) {
                if (!ar_ner_allowed(p, t))
                    continue;
                float v = cur[p] + trans[p * NER_NTAGS + t];
                if (v > best) {
                    best = v;
                    arg = p;
                }
            }
            nxt[t] = best + em[i * NER_NTAGS + t];
            back[i * NER_NTAGS + t] = (uint8_t)arg;
        }
        memcpy(cur, nxt, sizeof(float) * NER_NTAGS);
    }
    int bt = 0;
    for (int t = 1; t < NER_NTAGS; t++)
        if (cur[t] > cur[bt])
            bt = t;
    for (size_t i = n; i-- > 0;) {
        tags[i] = (uint8_t)bt;
        if (i)
            bt = back[i * NER_NTAGS + bt];
    }
}

/* ---- model files ---- */

uint64_t ar_ner_fnv(const void *p, size_t n)
{
    return hbytes(1469598103934665603ull, p, n);
}

static uint32_t rd32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint64_t rd64(const unsigned char *p)
{
    return (uint64_t)rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static void wr32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (unsigned char)(v >> (8 * i));
}

static const char MAGIC[8] = {'A', 'R', 'T', 'X', 'N', 'E', 'R', 1};

/* Checks the header and points m at the data; verify: check the checksum. */
static int parse(ar_ner_model *m, const unsigned char *p, size_t len, int verify, ar_diag *diag)
{
    if (len < NER_WOFF || memcmp(p, MAGIC, 8)) {
        if (diag)
            ar_diag_set(diag, -1, -1, len < 8 ? "too short to be an artext model" : "not an artext model");
        return AR_ESYNTAX;
    }
    uint32_t ver = rd32(p + 8), feat = rd32(p + 12), nbits = rd32(p + 16), ntags = rd32(p + 20);
    if (ver != 1) {
        if (diag)
            ar_diag_set(diag, -1, -1, "model format version %u, this library reads 1", ver);
        return AR_ESYNTAX;
    }
    if ((feat & ~(uint32_t)AR_NER_DOC_FLAG) != AR_NER_FEATURES) {
        if (diag)
            ar_diag_set(diag, -1, -1, "model trained with feature set %u, this library computes %u: retrain it",
                        feat & ~(uint32_t)AR_NER_DOC_FLAG, AR_NER_FEATURES);
        return AR_ESYNTAX;
    }
    if (nbits < 10 || nbits > 24 || ntags != NER_NTAGS) {
        if (diag)
            ar_diag_set(diag, -1, -1, "model has %u rows bits and %u tags, not a model of this library", nbits, ntags);
        return AR_ESYNTAX;
    }
    size_t want = NER_WOFF + ((size_t)1 << nbits) * NER_NTAGS * sizeof(int16_t);
    if (len != want) {
        if (diag)
            ar_diag_set(diag, -1, -1, "model is %zu bytes, its header says %zu (truncated or padded)", len, want);
        return AR_ESYNTAX;
    }
    if (verify && ar_ner_fnv(p + NER_HDR, len - NER_HDR) != rd64(p + 32)) {
        if (diag)
            ar_diag_set(diag, -1, -1, "model checksum does not match (damaged file)");
        return AR_ESYNTAX;
    }
    float scale;
    memcpy(&scale, p + 24, 4);
    if (!(scale > 0 && scale < 1e6f)) {
        if (diag)
            ar_diag_set(diag, -1, -1, "model has an invalid weight scale");
        return AR_ESYNTAX;
    }
    m->nbits = nbits;
    m->ntags = ntags;
    m->scale = scale;
    m->sum = rd64(p + 32);
    m->doc = (feat & AR_NER_DOC_FLAG) != 0;
    memcpy(m->trans, p + NER_HDR, sizeof m->trans);
    memcpy(m->info, p + 40, 88);
    m->info[88] = 0;
    m->w = (const int16_t *)(const void *)(p + NER_WOFF);
    return AR_OK;
}

/* Parses buf[0..len) and, on success, keeps it (freed with the model). */
static int adopt(ar_ner_model **out, void *buf, size_t len, ar_diag *diag)
{
    ar_ner_model *m = calloc(1, sizeof *m);
    if (!m)
        return AR_ENOMEM;
    int rc = parse(m, buf, len, 1, diag);
    if (rc) {
        free(m);
        return rc;
    }
    m->owned = buf;
    *out = m;
    return AR_OK;
}

int ar_ner_model_from_memory(ar_ner_model **out, const void *data, size_t len, ar_diag *diag)
{
    if (!out || (!data && len))
        return AR_EINVAL;
    *out = NULL;
    /* a copy of our own: the weights are read as int16, aligned */
    void *copy = malloc(len ? len : 1);
    if (!copy)
        return AR_ENOMEM;
    if (len)
        memcpy(copy, data, len);
    int rc = adopt(out, copy, len, diag);
    if (rc)
        free(copy);
    return rc;
}

int ar_ner_model_load(ar_ner_model **out, const char *path, ar_diag *diag)
{
    if (!out || !path)
        return AR_EINVAL;
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? AR_ENOTFOUND : AR_EIO;
    ar_buf b = {0};
    char tmp[65536];
    size_t k;
    int rc = AR_OK;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        if (ar_buf_append(&b, tmp, k)) {
            rc = AR_ENOMEM;
            break;
        }
    if (!rc && ferror(f))
        rc = AR_EIO;
    int saved = errno;
    fclose(f);
    /* the bytes read are the model's: no second copy of 9 MB */
    if (!rc)
        rc = adopt(out, b.ptr ? b.ptr : "", b.len, diag);
    if (rc)
        ar_buf_free(&b);
    errno = saved;
    return rc;
}

void ar_ner_model_free(ar_ner_model *m)
{
    if (!m || !m->owned)
        return; /* the built-in model is static */
    free(m->owned);
    free(m);
}

const char *ar_ner_model_info(const ar_ner_model *m)
{
    return m ? m->info : "";
}

/* The built-in model: the bytes of lib/data/ner/artext-ner.model, placed in
 * the library by ner_model.S (.incbin). */
extern const unsigned char ar_ner_model_data[];
extern const unsigned char ar_ner_model_data_end[];

extern const unsigned char ar_ner_doc_model_data[];
extern const unsigned char ar_ner_doc_model_data_end[];

/* A built-in model: parsed at first use into *m; *state 0 not parsed, 1 ok,
 * -1 bad or of the other kind (doc: a document-pass model is wanted).
 * Parsing is idempotent and writes the same bytes, so a race between two
 * threads is harmless; the header is checked, the checksum is left to the
 * tests (a damaged library has bigger problems). */
static const ar_ner_model *builtin_of(ar_ner_model *m, int *state, const unsigned char *p, const unsigned char *end,
                                      int doc)
{
    if (!*state) {
        ar_ner_model tmp;
        memset(&tmp, 0, sizeof tmp);
        if (parse(&tmp, p, (size_t)(end - p), 0, NULL) || tmp.doc != doc) {
            *state = -1;
        } else {
            *m = tmp;
            *state = 1;
        }
    }
    return *state > 0 ? m : NULL;
}

const ar_ner_model *ar_ner_model_builtin(void)
{
    static ar_ner_model m;
    static int state;
    return builtin_of(&m, &state, ar_ner_model_data, ar_ner_model_data_end, 0);
}

/* The document pass's: lib/data/ner/artext-ner-doc.model, beside the first
 * in ner_model.S. */
const ar_ner_model *ar_ner_model_builtin_doc(void)
{
    static ar_ner_model m;
    static int state;
    return builtin_of(&m, &state, ar_ner_doc_model_data, ar_ner_doc_model_data_end, 1);
}

int ar_ner_model_write(ar_buf *b, uint32_t nbits, float scale, const float *trans, const int16_t *w, const char *info,
                       int doc)
{
    unsigned char hdr[NER_WOFF];
    memset(hdr, 0, sizeof hdr);
    memcpy(hdr, MAGIC, 8);
    wr32(hdr + 8, 1);
    wr32(hdr + 12, AR_NER_FEATURES | (doc ? AR_NER_DOC_FLAG : 0));
    wr32(hdr + 16, nbits);
    wr32(hdr + 20, NER_NTAGS);
    memcpy(hdr + 24, &scale, 4);
    snprintf((char *)hdr + 40, 88, "%s", info ? info : "");
    memcpy(hdr + NER_HDR, trans, sizeof(float) * (NER_NTAGS + 1) * NER_NTAGS);
    size_t wn = ((size_t)1 << nbits) * NER_NTAGS * sizeof(int16_t);
    size_t start = b->len;
    if (ar_buf_reserve(b, sizeof hdr + wn))
        return AR_ENOMEM;
    ar_buf_append(b, hdr, sizeof hdr);
    ar_buf_append(b, w, wn);
    uint64_t h = ar_ner_fnv(b->ptr + start + NER_HDR, sizeof hdr + wn - NER_HDR);
    unsigned char *p = (unsigned char *)b->ptr + start;
    wr32(p + 32, (uint32_t)h);
    wr32(p + 36, (uint32_t)(h >> 32));
    return AR_OK;
}
