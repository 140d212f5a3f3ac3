/* SPDX-License-Identifier: MIT */
/* Tokens, sentences, segmentation: any bytes. Aborts when what callers rely
 * on does not hold: tokens are non-empty, in bounds, ordered and apart; the
 * bytes between them are white space or invisible format characters (so no
 * invalid byte is dropped); a token tokenized alone is that same token;
 * sentences are trimmed runs of whole tokens, never across a line feed, and
 * every token is in one; the parts of every word, for every flag set and
 * slot count, are contiguous, cover it, and have one stem with proclitics
 * before it and at most one enclitic after. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "artext/artext.h"

typedef struct vec {
    ar_token *t;
    size_t n, cap;
} vec;

static int push(const ar_token *t, void *ud)
{
    vec *v = ud;
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->t = realloc(v->t, v->cap * sizeof *v->t);
        if (!v->t)
            abort();
    }
    v->t[v->n++] = *t;
    return 0;
}

typedef struct sents {
    size_t *a;
    size_t n, cap;
} sents;

static int push_sent(size_t s, size_t e, void *ud)
{
    sents *v = ud;
    if (v->n + 2 > v->cap) {
        v->cap = v->cap ? v->cap * 2 : 64;
        v->a = realloc(v->a, v->cap * sizeof *v->a);
        if (!v->a)
            abort();
    }
    v->a[v->n++] = s;
    v->a[v->n++] = e;
    return 0;
}

static void fail(const char *what, const char *s, size_t a, size_t b)
{
    fprintf(stderr, "fuzz_tok: %s at [%zu,%zu): \"%.*s\"\n", what, a, b, (int)(b - a), s + a);
    abort();
}

static int skippable(const char *s, size_t a, size_t b)
{
    for (size_t i = a; i < b;) {
        int32_t cp;
        i += (size_t)ar_utf8_decode((const unsigned char *)s + i, b - i, &cp);
        if (cp < 0)
            return 0;
        if (!u_isUWhiteSpace(cp) && !(u_charType(cp) == U_FORMAT_CHAR &&
                                      !u_hasBinaryProperty(cp, UCHAR_PREPENDED_CONCATENATION_MARK)))
            return 0;
    }
    return 1;
}

static void check_segment(const char *w, size_t n)
{
    for (unsigned fl = 0; fl < 4; fl++)
        for (int max = 1; max <= AR_SEG_MAX; max++) {
            ar_seg_part p[AR_SEG_MAX];
            int k = ar_segment(w, n, fl, p, max);
            if (k < 1 || k > max || p[0].start != 0 || p[k - 1].end != n)
                fail("segment bounds", w, 0, n);
            int stems = 0;
            for (int j = 0; j < k; j++) {
                if (j && p[j].start != p[j - 1].end)
                    fail("segment gap", w, 0, n);
                if (p[j].start > p[j].end || (n && p[j].start == p[j].end))
                    fail("segment empty part", w, 0, n);
                if (p[j].kind == AR_SEG_STEM)
                    stems++;
                else if (p[j].kind == AR_SEG_PROCLITIC ? stems != 0 : (stems != 1 || j != k - 1))
                    fail("segment order", w, 0, n);
            }
            if (stems != 1)
                fail("segment stems", w, 0, n);
        }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    vec v = {0}, one = {0};
    if (ar_tokenize(s, size, push, &v) != 0)
        abort();
    size_t prev = 0;
    for (size_t i = 0; i < v.n; i++) {
        const ar_token *t = &v.t[i];
        if (t->start < prev || t->start >= t->end || t->end > size || !ar_tok_type_name(t->type))
            fail("token span", s, t->start, t->end);
        if (!skippable(s, prev, t->start))
            fail("bytes outside every token", s, prev, t->start);
        one.n = 0;
        ar_tokenize(s + t->start, t->end - t->start, push, &one);
        if (one.n != 1 || one.t[0].end != t->end - t->start || one.t[0].type != t->type)
            fail("token alone is not itself", s, t->start, t->end);
        if (t->type == AR_TOK_WORD)
            check_segment(s + t->start, t->end - t->start);
        prev = t->end;
    }
    if (!skippable(s, prev, size))
        fail("bytes after the last token", s, prev, size);
    /* the whole input as one word: any bytes, never a crash */
    check_segment(s, size < 512 ? size : 512);

    sents st = {0};
    if (ar_sentences(s, size, push_sent, &st) != 0)
        abort();
    size_t k = 0; /* the next token to place */
    for (size_t i = 0; i < st.n; i += 2) {
        size_t a = st.a[i], b = st.a[i + 1];
        if (a >= b || b > size || (i && a < st.a[i - 1]))
            fail("sentence span", s, a, b);
        if (memchr(s + a, '\n', b - a))
            fail("sentence across a line", s, a, b);
        if (k >= v.n || v.t[k].start != a)
            fail("sentence does not start at a token", s, a, b);
        while (k < v.n && v.t[k].end <= b)
            k++;
        if (v.t[k - 1].end != b)
            fail("sentence does not end at a token", s, a, b);
    }
    if (k != v.n)
        fail("token in no sentence", s, v.t[k].start, v.t[k].end);
    free(v.t);
    free(one.t);
    free(st.a);
    return 0;
}
