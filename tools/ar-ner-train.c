/* SPDX-License-Identifier: MIT */
/* ar-ner-train: trains the entity tagger's model (an averaged structured
 * perceptron over the features of lib/ner.c) on CoNLL files, and scores a
 * model on CoNLL files. Deterministic: the same data, options and seed give
 * the same model file, byte for byte.
 *
 * Sentences go through the same preparation as ar-entities (folding,
 * tokens, gazetteer look-ups): the words of a sentence are joined by spaces
 * and the recognizer's tokens are labelled from the CoNLL tokens they fall
 * in. Scores are CoNLL exact match (type and both ends) over those tokens. */
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "entities_internal.h"
#include "ner_internal.h"

static const char *prog = "ar-ner-train";

typedef struct sent {
    size_t tok0, ntok; /* range in the corpus's token arrays */
} sent;

/* Every sentence's recognizer tokens: features (rows), gold tags. */
typedef struct corpus {
    sent *s;
    size_t ns, caps;
    uint32_t *rows;     /* features of all tokens, concatenated */
    size_t nrows, caprows;
    uint32_t *fstart;   /* per token: first row; fstart[ntok] = nrows */
    uint8_t *gold;
    size_t ntok, captok;
    ar_buf words;       /* the tokens' folded text, '\n' after each (for --dump) */
    uint64_t *keys;     /* per token: its stem's key (the document pass) */
    /* spans for scoring: entities are counted in recognizer tokens */
} corpus;

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "%s: ", prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(2);
}

static void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        die("out of memory");
    return q;
}

/* "PERS" and "PER" are the same type; AQMAR's MIS* and MISC are MISC. */
static int type_of(const char *s, size_t n)
{
    if ((n == 3 && !memcmp(s, "PER", 3)) || (n == 4 && !memcmp(s, "PERS", 4)))
        return 0;
    if (n == 3 && !memcmp(s, "LOC", 3))
        return 1;
    if (n == 3 && !memcmp(s, "ORG", 3))
        return 2;
    if (n >= 3 && !memcmp(s, "MIS", 3))
        return 3;
    return -1;
}

/* One CoNLL sentence as read: words and their tags (tag index). */
typedef struct raw {
    ar_buf text;       /* words joined by spaces */
    size_t *ws, *we;   /* word spans in text */
    int *tag;
    size_t n, cap;
} raw;

static void raw_add(raw *r, const char *w, size_t wn, int tag)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->ws = xrealloc(r->ws, r->cap * sizeof *r->ws);
        r->we = xrealloc(r->we, r->cap * sizeof *r->we);
        r->tag = xrealloc(r->tag, r->cap * sizeof *r->tag);
    }
    if (r->n && ar_buf_putc(&r->text, ' '))
        die("out of memory");
    r->ws[r->n] = r->text.len;
    if (ar_buf_append(&r->text, w, wn))
        die("out of memory");
    r->we[r->n] = r->text.len;
    r->tag[r->n] = tag;
    r->n++;
}

typedef struct ctx {
    ar_gazetteer *g;
    ar_entities *e;
    ar_ent_doc *d;
} ctx;

/* Labels the recognizer's tokens of one sentence from its CoNLL words and
 * appends them with their features to c. An entity is the run of word
 * tokens inside its CoNLL words; punctuation at its edges stays outside. */
static void add_sentence(ctx *x, corpus *c, raw *r)
{
    const ar_ner_tok *t;
    size_t n;
    if (ar_ent_ner_prepare(x->e, x->d, r->text.ptr ? r->text.ptr : "", r->text.len, &t, &n))
        die("out of memory");
    if (!n)
        return;
    if (c->ntok + n + 1 > c->captok) {
        while (c->ntok + n + 1 > c->captok)
            c->captok = c->captok ? c->captok * 2 : 65536;
        c->fstart = xrealloc(c->fstart, (c->captok + 1) * sizeof *c->fstart);
        c->gold = xrealloc(c->gold, c->captok);
        c->keys = xrealloc(c->keys, c->captok * sizeof *c->keys);
    }
    /* which CoNLL word each token is in */
    size_t *word = malloc(n * sizeof *word);
    if (!word)
        die("out of memory");
    size_t wi = 0;
    for (size_t i = 0; i < n; i++) {
        size_t s, e;
        ar_ent_ner_span(x->d, i, &s, &e);
        while (wi + 1 < r->n && r->ws[wi + 1] <= s)
            wi++;
        word[i] = wi;
    }
    uint8_t *g = c->gold + c->ntok;
    memset(g, NER_O, n);
    /* entities over words: B starts one, I continues the same type (an I
     * with no entity open starts one, as CoNLL reads it) */
    size_t w = 0;
    while (w < r->n) {
        int tg = r->tag[w];
        if (tg == NER_O) {
            w++;
            continue;
        }
        int ty = NER_TYPE(tg);
        size_t we = w + 1;
        while (we < r->n && r->tag[we] == NER_I(ty))
            we++;
        size_t first = (size_t)-1, last = 0;
        for (size_t i = 0; i < n; i++)
            if (word[i] >= w && word[i] < we && t[i].kind != NK_PUNCT) {
                if (first == (size_t)-1)
                    first = i;
                last = i;
            }
        if (first != (size_t)-1) {
            g[first] = (uint8_t)NER_B(ty);
            for (size_t i = first + 1; i <= last; i++)
                g[i] = (uint8_t)NER_I(ty);
        }
        w = we;
    }
    free(word);
    if (c->ns == c->caps) {
        c->caps = c->caps ? c->caps * 2 : 1024;
        c->s = xrealloc(c->s, c->caps * sizeof *c->s);
    }
    c->s[c->ns].tok0 = c->ntok;
    c->s[c->ns].ntok = n;
    c->ns++;
    uint64_t f[AR_NER_MAXFEAT];
    for (size_t i = 0; i < n; i++) {
        int nf = ar_ner_features(t, n, i, f);
        if (c->nrows + (size_t)nf > c->caprows) {
            while (c->nrows + (size_t)nf > c->caprows)
                c->caprows = c->caprows ? c->caprows * 2 : 1 << 20;
            c->rows = xrealloc(c->rows, c->caprows * sizeof *c->rows);
        }
        c->fstart[c->ntok] = (uint32_t)c->nrows;
        c->keys[c->ntok] = ar_ner_stem_key(&t[i]);
        if (ar_buf_append(&c->words, t[i].w, t[i].n) || ar_buf_putc(&c->words, '\n'))
            die("out of memory");
        for (int k = 0; k < nf; k++)
            c->rows[c->nrows++] = (uint32_t)(f[k] >> 32); /* the top 32 bits; rows take the top nbits */
        c->ntok++;
    }
    c->fstart[c->ntok] = (uint32_t)c->nrows;
}

/* Reads a CoNLL file: "word tag" (space or tab between), blank line between
 * sentences; other columns before the tag are ignored. Malformed lines stop
 * the program with file:line. Sentences go to a when their index falls
 * outside [held0, held1) and to b otherwise. */
static size_t read_conll(ctx *x, const char *path, corpus *a, corpus *b, double held0, double held1)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        die("%s: %s", path, strerror(errno));
    /* count sentences first, so that the held-out part is a fixed fraction */
    char *line = NULL;
    size_t cap = 0, total = 0, inside = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) >= 0) {
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        if (len == 0) {
            total += inside;
            inside = 0;
        } else {
            inside = 1;
        }
    }
    total += inside;
    rewind(f);
    size_t lo = (size_t)(held0 * (double)total), hi = (size_t)(held1 * (double)total);
    raw r;
    memset(&r, 0, sizeof r);
    long lineno = 0;
    size_t si = 0;
    for (;;) {
        len = getline(&line, &cap, f);
        lineno++;
        if (len >= 0)
            while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
                len--;
        if (len <= 0) {
            if (r.n) {
                add_sentence(x, si >= lo && si < hi ? b : a, &r);
                si++;
                r.n = 0;
                ar_buf_clear(&r.text);
            }
            if (len < 0)
                break;
            continue;
        }
        if (ar_utf8_valid_prefix(line, (size_t)len) != (size_t)len)
            die("%s:%ld: not UTF-8", path, lineno);
        size_t e = (size_t)len;
        size_t ts = e;
        while (ts > 0 && line[ts - 1] != ' ' && line[ts - 1] != '\t')
            ts--;
        if (ts == 0)
            die("%s:%ld: want 'word tag', found one field", path, lineno);
        size_t we = ts;
        while (we > 0 && (line[we - 1] == ' ' || line[we - 1] == '\t'))
            we--;
        size_t ws = 0;
        while (ws < we && line[ws] != ' ' && line[ws] != '\t')
            ws++;
        if (we == 0)
            die("%s:%ld: empty word", path, lineno);
        const char *tg = line + ts;
        size_t tn = e - ts;
        int tag;
        if (tn == 1 && tg[0] == 'O')
            tag = NER_O;
        else if (tn > 2 && (tg[0] == 'B' || tg[0] == 'I') && tg[1] == '-' && type_of(tg + 2, tn - 2) >= 0)
            tag = tg[0] == 'B' ? NER_B(type_of(tg + 2, tn - 2)) : NER_I(type_of(tg + 2, tn - 2));
        else
            die("%s:%ld: unknown tag '%.*s' (want O, B-X or I-X with X one of PER, PERS, LOC, ORG, MISC)", path,
                lineno, (int)(tn > 40 ? 40 : tn), tg);
        raw_add(&r, line, ws, tag);
    }
    if (ferror(f))
        die("%s: %s", path, strerror(errno));
    fclose(f);
    free(line);
    free(r.ws);
    free(r.we);
    free(r.tag);
    ar_buf_free(&r.text);
    return total;
}

/* ---- the averaged perceptron ---- */

typedef struct dropper {
    uint64_t thr; /* drop when the 32-bit hash is below this */
    uint64_t salt;
} dropper;

typedef struct learner {
    uint32_t nbits;
    dropper drop; /* during training only */
    float *w;    /* [rows][tags] */
    double *u;   /* running sum of c * update, for the average */
    float tr[(NER_NTAGS + 1) * NER_NTAGS];
    double tu[(NER_NTAGS + 1) * NER_NTAGS];
    double c;    /* updates counter */
} learner;

/* Feature dropout: in each pass a fixed share of the feature occurrences is
 * left out of both the prediction and the update, chosen by a hash of the
 * occurrence and a salt drawn from the seeded generator. A word's own form
 * then cannot carry every decision alone, and the context, affix and list
 * features learn to decide without it, which is what an unseen name needs
 * (ten-fold mean F1 0.748 -> 0.760 at 0.2). 0 turns it off. */
static int dropped(const dropper *dp, uint32_t k)
{
    if (!dp->thr)
        return 0;
    uint64_t z = (k + dp->salt) * 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 29)) * 0xBF58476D1CE4E5B9ull;
    z ^= z >> 32;
    return (z & 0xFFFFFFFFu) < dp->thr;
}

static void emit_float(const learner *l, const corpus *c, size_t tok, float *out)
{
    for (int t = 0; t < NER_NTAGS; t++)
        out[t] = 0;
    for (uint32_t k = c->fstart[tok]; k < c->fstart[tok + 1]; k++) {
        if (dropped(&l->drop, k))
            continue;
        const float *r = l->w + (size_t)(c->rows[k] >> (32 - l->nbits)) * NER_NTAGS;
        for (int t = 0; t < NER_NTAGS; t++)
            out[t] += r[t];
    }
}

static void update(learner *l, const corpus *c, size_t tok, int tag, float d)
{
    for (uint32_t k = c->fstart[tok]; k < c->fstart[tok + 1]; k++) {
        if (dropped(&l->drop, k))
            continue;
        size_t i = (size_t)(c->rows[k] >> (32 - l->nbits)) * NER_NTAGS + (size_t)tag;
        l->w[i] += d;
        l->u[i] += l->c * d;
    }
}

static void update_tr(learner *l, int a, int b, float d)
{
    l->tr[a * NER_NTAGS + b] += d;
    l->tu[a * NER_NTAGS + b] += l->c * d;
}

static uint64_t rng_next(uint64_t *s)
{
    /* splitmix64: a fixed seed gives a fixed order on every machine */
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

static void train(learner *l, const corpus *c, int epochs, double dropout, uint64_t seed, int verbose)
{
    size_t *order = xrealloc(NULL, c->ns * sizeof *order);
    size_t maxn = 1;
    for (size_t i = 0; i < c->ns; i++) {
        order[i] = i;
        if (c->s[i].ntok > maxn)
            maxn = c->s[i].ntok;
    }
    float *em = xrealloc(NULL, maxn * NER_NTAGS * sizeof *em);
    uint8_t *pred = xrealloc(NULL, maxn);
    void *scratch = xrealloc(NULL, ar_ner_viterbi_scratch(maxn));
    uint64_t rs = seed;
    l->c = 1;
    for (int ep = 0; ep < epochs; ep++) {
        for (size_t i = c->ns; i > 1; i--) {
            size_t j = (size_t)(rng_next(&rs) % i);
            size_t tmp = order[i - 1];
            order[i - 1] = order[j];
            order[j] = tmp;
        }
        size_t wrong = 0;
        if (dropout > 0) {
            l->drop.thr = (uint64_t)(dropout * 4294967296.0);
            l->drop.salt = rng_next(&rs);
        }
        for (size_t k = 0; k < c->ns; k++) {
            const sent *s = &c->s[order[k]];
            for (size_t i = 0; i < s->ntok; i++)
                emit_float(l, c, s->tok0 + i, em + i * NER_NTAGS);
            ar_ner_viterbi(em, s->ntok, l->tr, scratch, pred);
            const uint8_t *g = c->gold + s->tok0;
            int prev_g = NER_NTAGS, prev_p = NER_NTAGS;
            for (size_t i = 0; i < s->ntok; i++) {
                if (g[i] != pred[i]) {
                    update(l, c, s->tok0 + i, g[i], 1);
                    update(l, c, s->tok0 + i, pred[i], -1);
                    wrong++;
                }
                if (g[i] != pred[i] || prev_g != prev_p) {
                    update_tr(l, prev_g, g[i], 1);
                    update_tr(l, prev_p, pred[i], -1);
                }
                prev_g = g[i];
                prev_p = pred[i];
            }
            l->c += 1;
        }
        if (verbose)
            fprintf(stderr, "%s: epoch %d: %zu of %zu tokens wrong\n", prog, ep + 1, wrong, c->ntok);
    }
    l->drop.thr = 0;
    free(order);
    free(em);
    free(pred);
    free(scratch);
}

/* The averaged weights, quantised to int16 with one scale. */
static void finish(const learner *l, int16_t *w, float *tr, float *scale)
{
    size_t nw = ((size_t)1 << l->nbits) * NER_NTAGS;
    double mx = 1e-9;
    for (size_t i = 0; i < nw; i++) {
        double a = fabs(l->w[i] - l->u[i] / l->c);
        if (a > mx)
            mx = a;
    }
    double s = mx / 32767.0;
    for (size_t i = 0; i < nw; i++) {
        double a = (l->w[i] - l->u[i] / l->c) / s;
        w[i] = (int16_t)lrint(a);
    }
    for (size_t i = 0; i < (NER_NTAGS + 1) * NER_NTAGS; i++)
        tr[i] = (float)(l->tr[i] - l->tu[i] / l->c);
    *scale = (float)s;
}

/* ---- scoring ---- */

typedef struct score {
    long tp[4], fp[4], fn[4];
} score;

typedef struct span {
    size_t s, e;
    int type;
} span;

static size_t spans_of(const uint8_t *tags, size_t n, span *out)
{
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        if (tags[i] == NER_O) {
            i++;
            continue;
        }
        int ty = NER_TYPE(tags[i]);
        size_t j = i + 1;
        while (j < n && tags[j] == NER_I(ty))
            j++;
        out[k].s = i;
        out[k].e = j;
        out[k].type = ty;
        k++;
        i = j;
    }
    return k;
}

static const char *tag_names[NER_NTAGS] = {"O", "B-PER", "I-PER", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC",
                                           "I-MISC"};

/* The tags model m gives the sentences [s0, s1) of c, into tags[token]. */
static void decode(const ar_ner_model *m, const corpus *c, size_t s0, size_t s1, uint8_t *tags)
{
    size_t maxn = 1;
    for (size_t i = s0; i < s1; i++)
        if (c->s[i].ntok > maxn)
            maxn = c->s[i].ntok;
    float *em = xrealloc(NULL, maxn * NER_NTAGS * sizeof *em);
    void *scratch = xrealloc(NULL, ar_ner_viterbi_scratch(maxn));
    uint64_t f[AR_NER_MAXFEAT];
    for (size_t k = s0; k < s1; k++) {
        const sent *s = &c->s[k];
        for (size_t i = 0; i < s->ntok; i++) {
            size_t tok = s->tok0 + i;
            int nf = 0;
            for (uint32_t r = c->fstart[tok]; r < c->fstart[tok + 1]; r++)
                f[nf++] = (uint64_t)c->rows[r] << 32;
            ar_ner_emit(m, f, nf, em + i * NER_NTAGS);
        }
        ar_ner_viterbi(em, s->ntok, m->trans, scratch, tags + s->tok0);
    }
    free(em);
    free(scratch);
}

/* dump: token, gold, predicted, one a line, a blank line after each sentence */
static void score_model(const ar_ner_model *m, const corpus *c, score *sc, FILE *dump)
{
    const char *wp = c->words.ptr;
    memset(sc, 0, sizeof *sc);
    size_t maxn = 1;
    for (size_t i = 0; i < c->ns; i++)
        if (c->s[i].ntok > maxn)
            maxn = c->s[i].ntok;
    uint8_t *tags = xrealloc(NULL, c->ntok + 1);
    decode(m, c, 0, c->ns, tags);
    span *ps = xrealloc(NULL, maxn * sizeof *ps), *gs = xrealloc(NULL, maxn * sizeof *gs);
    for (size_t k = 0; k < c->ns; k++) {
        const sent *s = &c->s[k];
        const uint8_t *pred = tags + s->tok0;
        for (size_t i = 0; i < s->ntok; i++) {
            const char *nl = strchr(wp, '\n');
            if (dump)
                fprintf(dump, "%.*s\t%s\t%s\n", (int)(nl - wp), wp, tag_names[c->gold[s->tok0 + i]],
                        tag_names[pred[i]]);
            wp = nl + 1;
        }
        size_t np = spans_of(pred, s->ntok, ps), ng = spans_of(c->gold + s->tok0, s->ntok, gs);
        for (size_t i = 0; i < np; i++) {
            int hit = 0;
            for (size_t j = 0; j < ng; j++)
                if (gs[j].s == ps[i].s && gs[j].e == ps[i].e && gs[j].type == ps[i].type)
                    hit = 1;
            if (hit)
                sc->tp[ps[i].type]++;
            else
                sc->fp[ps[i].type]++;
        }
        for (size_t j = 0; j < ng; j++) {
            int hit = 0;
            for (size_t i = 0; i < np; i++)
                if (gs[j].s == ps[i].s && gs[j].e == ps[i].e && gs[j].type == ps[i].type)
                    hit = 1;
            if (!hit)
                sc->fn[gs[j].type]++;
        }
    }
    free(tags);
    free(ps);
    free(gs);
}

static double f1(long tp, long fp, long fn, double *p, double *r)
{
    *p = tp + fp ? (double)tp / (double)(tp + fp) : 0;
    *r = tp + fn ? (double)tp / (double)(tp + fn) : 0;
    return *p + *r > 0 ? 2 * *p * *r / (*p + *r) : 0;
}

/* Prints the table and returns the PER/LOC/ORG micro F1. */
static double report(const char *what, const score *sc)
{
    static const char *names[4] = {"PER", "LOC", "ORG", "MISC"};
    double p, r, f;
    printf("%s\n", what);
    printf("  type   gold  found  P      R      F1\n");
    long tp = 0, fp = 0, fn = 0;
    for (int t = 0; t < 4; t++) {
        f = f1(sc->tp[t], sc->fp[t], sc->fn[t], &p, &r);
        printf("  %-5s %5ld  %5ld  %.3f  %.3f  %.3f\n", names[t], sc->tp[t] + sc->fn[t], sc->tp[t] + sc->fp[t], p, r,
               f);
        if (t < 3) {
            tp += sc->tp[t];
            fp += sc->fp[t];
            fn += sc->fn[t];
        }
    }
    double micro = f1(tp, fp, fn, &p, &r);
    printf("  PER+LOC+ORG micro  P %.3f  R %.3f  F1 %.3f\n", p, r, micro);
    f = f1(tp + sc->tp[3], fp + sc->fp[3], fn + sc->fn[3], &p, &r);
    printf("  all four micro     P %.3f  R %.3f  F1 %.3f\n", p, r, f);
    return micro;
}

/* ---- the document pass ---- */

static void learner_init(learner *l, int bits)
{
    memset(l, 0, sizeof *l);
    l->nbits = (uint32_t)bits;
    size_t nw = ((size_t)1 << bits) * NER_NTAGS;
    l->w = calloc(nw, sizeof *l->w);
    l->u = calloc(nw, sizeof *l->u);
    if (!l->w || !l->u)
        die("out of memory");
}

/* A learner's averaged weights as a model (quantised as the file is). */
static ar_ner_model *to_model(const learner *l, int doc, const char *info, ar_buf *file)
{
    size_t nw = ((size_t)1 << l->nbits) * NER_NTAGS;
    int16_t *qw = xrealloc(NULL, nw * sizeof *qw);
    float qtr[(NER_NTAGS + 1) * NER_NTAGS], scale;
    finish(l, qw, qtr, &scale);
    ar_buf_clear(file);
    if (ar_ner_model_write(file, l->nbits, scale, qtr, qw, info, doc))
        die("out of memory");
    free(qw);
    ar_ner_model *m;
    ar_diag dg;
    memset(&dg, 0, sizeof dg);
    if (ar_ner_model_from_memory(&m, file->ptr, file->len, &dg))
        die("the model just made does not read back: %s", dg.msg);
    return m;
}

static void sent_counts(ar_ner_mem *mem, const corpus *c, const uint8_t *fp, size_t s, int d)
{
    for (size_t i = c->s[s].tok0; i < c->s[s].tok0 + c->s[s].ntok; i++)
        if (ar_ner_mem_add(mem, c->keys[i], ar_ner_type_of_tag(fp[i]), d))
            die("out of memory");
}

/* A copy of c whose tokens carry the document features too: blocks of
 * AR_NER_DOC_SENTENCES sentences, each sentence seeing the first-pass tags
 * fp of the others in its block, as ar-entities sees a block of lines. */
static void augment(const corpus *c, const uint8_t *fp, corpus *o)
{
    ar_ner_mem mem = {0};
    *o = *c;
    o->rows = xrealloc(NULL, (c->nrows + c->ntok * 8 + 1) * sizeof *o->rows);
    o->fstart = xrealloc(NULL, (c->ntok + 1) * sizeof *o->fstart);
    size_t nr = 0;
    uint64_t f[16];
    for (size_t b0 = 0; b0 < c->ns; b0 += AR_NER_DOC_SENTENCES) {
        size_t b1 = b0 + AR_NER_DOC_SENTENCES < c->ns ? b0 + AR_NER_DOC_SENTENCES : c->ns;
        ar_ner_mem_clear(&mem);
        for (size_t s = b0; s < b1; s++)
            sent_counts(&mem, c, fp, s, 1);
        for (size_t s = b0; s < b1; s++) {
            sent_counts(&mem, c, fp, s, -1);
            for (size_t i = c->s[s].tok0; i < c->s[s].tok0 + c->s[s].ntok; i++) {
                o->fstart[i] = (uint32_t)nr;
                for (uint32_t r = c->fstart[i]; r < c->fstart[i + 1]; r++)
                    o->rows[nr++] = c->rows[r];
                if (!c->keys[i])
                    continue;
                int nf = ar_ner_doc_features(ar_ner_mem_get(&mem, c->keys[i]), ar_ner_type_of_tag(fp[i]), f);
                for (int k = 0; k < nf; k++)
                    o->rows[nr++] = (uint32_t)(f[k] >> 32);
            }
            sent_counts(&mem, c, fp, s, 1);
        }
    }
    o->fstart[c->ntok] = (uint32_t)nr;
    o->nrows = nr;
    ar_ner_mem_free(&mem);
}

/* Trains the document pass's model on tr: the first pass's tags of each
 * fifth come from a model trained on the other four, as they would for
 * text the first model never saw. */
static ar_ner_model *train_doc(const corpus *tr, int bits, int doc_bits, int epochs, double dropout, uint64_t seed,
                               int verbose, const char *info, ar_buf *file)
{
    uint8_t *fp = xrealloc(NULL, tr->ntok + 1);
    learner l;
    for (int k = 0; k < 5; k++) {
        size_t a = tr->ns * (size_t)k / 5, b = tr->ns * (size_t)(k + 1) / 5;
        corpus sub = *tr;
        sub.s = xrealloc(NULL, tr->ns * sizeof *sub.s);
        sub.ns = 0;
        for (size_t i = 0; i < tr->ns; i++)
            if (i < a || i >= b)
                sub.s[sub.ns++] = tr->s[i];
        if (verbose)
            fprintf(stderr, "%s: document pass: first-pass model %d of 5\n", prog, k + 1);
        learner_init(&l, bits);
        train(&l, &sub, epochs, dropout, seed, 0);
        ar_buf tmp = {0};
        ar_ner_model *m = to_model(&l, 0, "", &tmp);
        decode(m, tr, a, b, fp);
        ar_ner_model_free(m);
        ar_buf_free(&tmp);
        free(l.w);
        free(l.u);
        free(sub.s);
    }
    corpus atr;
    augment(tr, fp, &atr);
    if (verbose)
        fprintf(stderr, "%s: document pass: training the second model\n", prog);
    learner_init(&l, doc_bits);
    train(&l, &atr, epochs, dropout, seed, verbose);
    ar_ner_model *m = to_model(&l, 1, info, file);
    free(l.w);
    free(l.u);
    free(atr.rows);
    free(atr.fstart);
    free(fp);
    return m;
}

/* Scores the two passes on c: m1's tags, then m2 with them. */
static void score_doc(const ar_ner_model *m1, const ar_ner_model *m2, const corpus *c, score *sc, FILE *dump)
{
    uint8_t *fp = xrealloc(NULL, c->ntok + 1);
    decode(m1, c, 0, c->ns, fp);
    corpus ac;
    augment(c, fp, &ac);
    score_model(m2, &ac, sc, dump);
    free(ac.rows);
    free(ac.fstart);
    free(fp);
}

/* Scores m on c, and with m2 (when not NULL) the two passes too, under
 * what; the dump gets the last pass's tags. Returns the lower
 * PER+LOC+ORG micro F1. */
static double score_passes(const ar_ner_model *m, const ar_ner_model *m2, const corpus *c, const char *what,
                           FILE *dump)
{
    score sc;
    score_model(m, c, &sc, m2 ? NULL : dump);
    double f = report(what, &sc);
    if (m2) {
        char w2[300];
        score_doc(m, m2, c, &sc, dump);
        snprintf(w2, sizeof w2, "%s, with the document pass (blocks of %d sentences)", what, AR_NER_DOC_SENTENCES);
        double f2 = report(w2, &sc);
        if (f2 < f)
            f = f2;
    }
    return f;
}

static void write_file(const char *path, const ar_buf *b, int verbose)
{
    FILE *f = fopen(path, "wb");
    if (!f || fwrite(b->ptr, 1, b->len, f) != b->len || fclose(f))
        die("%s: %s", path, strerror(errno));
    if (verbose)
        fprintf(stderr, "%s: wrote %s (%zu bytes)\n", prog, path, b->len);
}

static ar_ner_model *load_model(const char *path)
{
    ar_ner_model *m;
    ar_diag dg;
    memset(&dg, 0, sizeof dg);
    int rc = ar_ner_model_load(&m, path, &dg);
    if (rc == AR_ESYNTAX)
        die("%s: %s", path, dg.msg);
    if (rc)
        die("%s: %s", path, rc == AR_EIO ? strerror(errno) : ar_strerror(rc));
    return m;
}

static void usage(FILE *o)
{
    fprintf(o,
            "Usage: %s [OPTION]... TRAIN.conll...\n"
            "       %s --eval FILE.conll [--model FILE] [--min-f1 X]\n"
            "Train the entity tagger's model on CoNLL files (one 'word tag' a line, a blank line\n"
            "between sentences, tags O and B-/I- PER|PERS, LOC, ORG, MISC), or score a model.\n"
            "\n"
            "  -o, --output FILE     write the trained model to FILE\n"
            "  -e, --epochs N        passes over the data (default 20)\n"
            "  -d, --dropout P       leave out this share of the features in each pass (default 0.2;\n"
            "                        0 for none)\n"
            "  -b, --bits N          weight table of 2^N rows (default 19)\n"
            "  -s, --seed N          shuffling seed (default 1)\n"
            "      --dev FRACTION    hold out the last FRACTION of the first file's sentences (whole\n"
            "                        documents, as they are in order) and score on them (e.g. 0.1);\n"
            "                        FROM:TO holds out another part (0.3:0.4), for cross-validation\n"
            "      --eval FILE       score a model on FILE instead of training (repeatable)\n"
            "  -m, --model FILE      the model to score (default: the built-in one)\n"
            "      --min-f1 X        exit 1 when a PER+LOC+ORG micro F1 is below X\n"
            "      --dump FILE       write each scored token with its gold and found tag to FILE\n"
            "      --doc             also train (or, with --eval, score) the document pass: a second\n"
            "                        model that sees what the first found for each stem in the other\n"
            "                        sentences of a block of %d\n"
            "      --doc-output FILE write the document pass's model to FILE (implies --doc)\n"
            "      --doc-bits N      its weight table of 2^N rows (default 17)\n"
            "      --doc-model FILE  the document pass's model to score (default: the built-in one)\n"
            "  -q, --quiet           no progress on stderr\n"
            "  -h, --help            this help\n"
            "      --version         the version\n"
            "Exit status: 0 done, 1 an F1 below --min-f1, 2 trouble.\n",
            prog, prog, AR_NER_DOC_SENTENCES);
}

int main(int argc, char **argv)
{
    static const struct option lo[] = {
        {"output", required_argument, NULL, 'o'}, {"epochs", required_argument, NULL, 'e'},
        {"dropout", required_argument, NULL, 'd'},
        {"bits", required_argument, NULL, 'b'},   {"seed", required_argument, NULL, 's'},
        {"dev", required_argument, NULL, 'D'},    {"eval", required_argument, NULL, 'E'},
        {"model", required_argument, NULL, 'm'},  {"min-f1", required_argument, NULL, 'F'},
        {"quiet", no_argument, NULL, 'q'},        {"dump", required_argument, NULL, 'U'},
        {"doc", no_argument, NULL, 'K'},          {"doc-output", required_argument, NULL, 'P'},
        {"doc-model", required_argument, NULL, 'Q'},  {"doc-bits", required_argument, NULL, 'R'},
        {"version", no_argument, NULL, 'V'},        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    const char *out = NULL, *model = NULL;
    const char *evals[16];
    int nevals = 0, epochs = 20, bits = 19, verbose = 1, c;
    unsigned long long seed = 1;
    double dev = 0, dev_from = 2, minf1 = -1, dropout = 0.2;
    FILE *dump = NULL;
    char *end;
    int docpass = 0, doc_bits = 17;
    const char *doc_out = NULL, *doc_model = NULL;
    while ((c = getopt_long(argc, argv, "o:e:d:b:s:m:qh", lo, NULL)) != -1) {
        switch (c) {
        case 'o': out = optarg; break;
        case 'e':
            epochs = (int)strtol(optarg, &end, 10);
            if (*end || epochs < 1 || epochs > 1000)
                die("--epochs: want 1..1000, not '%s'", optarg);
            break;
        case 'd':
            dropout = strtod(optarg, &end);
            if (*end || !(dropout >= 0 && dropout <= 0.9))
                die("--dropout: want 0..0.9, not '%s'", optarg);
            break;
        case 'b':
            bits = (int)strtol(optarg, &end, 10);
            if (*end || bits < 10 || bits > 24)
                die("--bits: want 10..24, not '%s'", optarg);
            break;
        case 's':
            seed = strtoull(optarg, &end, 10);
            if (*end)
                die("--seed: not a number: '%s'", optarg);
            break;
        case 'D':
            dev = strtod(optarg, &end);
            dev_from = 1 - dev;
            if (*end == ':') {
                /* FROM:TO, for cross-validation */
                dev_from = dev;
                dev = strtod(end + 1, &end) - dev_from;
            }
            if (*end || !(dev > 0 && dev < 1) || dev_from < 0 || dev_from + dev > 1.0000001)
                die("--dev: want a fraction between 0 and 1 (or FROM:TO), not '%s'", optarg);
            break;
        case 'E':
            if (nevals == 16)
                die("--eval: at most 16 files");
            evals[nevals++] = optarg;
            break;
        case 'm': model = optarg; break;
        case 'K': docpass = 1; break;
        case 'P': doc_out = optarg; docpass = 1; break;
        case 'Q': doc_model = optarg; docpass = 1; break;
        case 'R':
            doc_bits = (int)strtol(optarg, &end, 10);
            if (*end || doc_bits < 10 || doc_bits > 24)
                die("--doc-bits: want 10..24, not '%s'", optarg);
            break;
        case 'F':
            minf1 = strtod(optarg, &end);
            if (*end)
                die("--min-f1: not a number: '%s'", optarg);
            break;
        case 'q': verbose = 0; break;
        case 'U':
            dump = fopen(optarg, "w");
            if (!dump)
                die("%s: %s", optarg, strerror(errno));
            break;
        case 'h': usage(stdout); return 0;
        case 'V': printf("%s (artext) %s\n", prog, ar_version()); return 0;
        default: usage(stderr); return 2;
        }
    }
    if (optind >= argc && !nevals) {
        usage(stderr);
        return 2;
    }
    ctx x;
    if (ar_gazetteer_new(&x.g, AR_GAZ_BUILTIN) || ar_entities_new(&x.e, x.g) || ar_ent_doc_new(&x.d))
        die("out of memory");
    int status = 0;
    const ar_ner_model *m = NULL;
    ar_ner_model *trained = NULL, *loaded = NULL, *doc_trained = NULL, *doc_loaded = NULL;
    const ar_ner_model *m2 = NULL;
    if (optind < argc) {
        corpus tr, dv;
        memset(&tr, 0, sizeof tr);
        memset(&dv, 0, sizeof dv);
        for (int i = optind; i < argc; i++) {
            size_t ns = read_conll(&x, argv[i], &tr, &dv, i == optind && dev > 0 ? dev_from : 2,
                                   i == optind && dev > 0 ? dev_from + dev : 2);
            if (verbose)
                fprintf(stderr, "%s: %s: %zu sentences\n", prog, argv[i], ns);
        }
        if (!tr.ns)
            die("no sentences to train on");
        if (verbose)
            fprintf(stderr, "%s: training on %zu sentences (%zu tokens), %zu held out\n", prog, tr.ns, tr.ntok, dv.ns);
        learner l;
        learner_init(&l, bits);
        train(&l, &tr, epochs, dropout, seed, verbose);
        char info[88];
        snprintf(info, sizeof info, "%zu sentences of %s%s, %d epochs, dropout %.2f, 2^%d rows, seed %llu",
                 tr.ns, strrchr(argv[optind], '/') ? strrchr(argv[optind], '/') + 1 : argv[optind],
                 argc - optind > 1 ? " and more" : "", epochs, dropout, bits, seed);
        ar_buf mb = {0};
        trained = to_model(&l, 0, info, &mb);
        if (out)
            write_file(out, &mb, verbose);
        ar_buf_free(&mb);
        free(l.w);
        free(l.u);
        m = trained;
        if (docpass) {
            char dinfo[200];
            snprintf(dinfo, sizeof dinfo, "document pass (2^%d rows, blocks of %d) of: %s", doc_bits,
                     AR_NER_DOC_SENTENCES, info);
            ar_buf db = {0};
            doc_trained = train_doc(&tr, bits, doc_bits, epochs, dropout, seed, verbose, dinfo, &db);
            if (doc_out)
                write_file(doc_out, &db, verbose);
            ar_buf_free(&db);
            m2 = doc_trained;
        }
        if (dv.ns) {
            char what[256];
            snprintf(what, sizeof what, "dev: %.0f%% to %.0f%% of %s (%zu sentences)", dev_from * 100,
                     (dev_from + dev) * 100, argv[optind], dv.ns);
            if (score_passes(m, m2, &dv, what, dump) < minf1)
                status = 1;
        }
        free(tr.s), free(tr.rows), free(tr.fstart), free(tr.gold), free(tr.keys);
        free(dv.s), free(dv.rows), free(dv.fstart), free(dv.gold), free(dv.keys);
        ar_buf_free(&tr.words), ar_buf_free(&dv.words);
    }
    if (nevals) {
        if (!m && model)
            m = loaded = load_model(model);
        if (!m)
            m = ar_ner_model_builtin();
        if (!m)
            die("this library has no built-in model; give one with --model");
        if (docpass && !m2 && doc_model) {
            m2 = doc_loaded = load_model(doc_model);
            if (!doc_loaded->doc)
                die("%s: not a document-pass model (give it with --model)", doc_model);
        }
        if (docpass && !m2)
            m2 = ar_ner_model_builtin_doc();
        if (docpass && !m2)
            die("this library has no built-in document-pass model; give one with --doc-model");
        for (int i = 0; i < nevals; i++) {
            corpus ev;
            memset(&ev, 0, sizeof ev);
            read_conll(&x, evals[i], &ev, &ev, 2, 2);
            char what[256];
            snprintf(what, sizeof what, "%s (%zu sentences)", evals[i], ev.ns);
            if (score_passes(m, m2, &ev, what, dump) < minf1)
                status = 1;
            free(ev.s), free(ev.rows), free(ev.fstart), free(ev.gold), free(ev.keys);
            ar_buf_free(&ev.words);
        }
    }
    if (dump && fclose(dump))
        die("--dump: %s", strerror(errno));
    ar_ner_model_free(trained);
    ar_ner_model_free(loaded);
    ar_ner_model_free(doc_trained);
    ar_ner_model_free(doc_loaded);
    ar_ent_doc_free(x.d);
    ar_entities_free(x.e);
    ar_gazetteer_free(x.g);
    if (fflush(stdout) || ferror(stdout))
        die("write error: %s", strerror(errno));
    return status;
}
