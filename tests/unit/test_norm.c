/* SPDX-License-Identifier: MIT */
/* The normalization engine: profiles, NFC/NFKC with the folds, the offset
 * map on the corpus reports, idempotence, invalid bytes, line structure. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "artext/artext.h"
#include "check.h"

static ar_norm *mk(unsigned flags)
{
    ar_norm *n = NULL;
    int rc = ar_norm_new(&n, flags);
    CHECK_MSG(rc == AR_OK, "ar_norm_new(%#x) = %d", flags, rc);
    return n;
}

static ar_norm *prof(const char *name)
{
    unsigned f = 0;
    CHECK(ar_norm_profile(name, &f) == AR_OK);
    return mk(f);
}

/* normalize s with n, compare with want */
static void norm_is(ar_norm *n, const char *s, size_t len, const char *want, int line)
{
    ar_buf out = {0};
    CHECK(ar_norm_apply(n, s, len, &out, NULL) == AR_OK);
    size_t wl = strlen(want);
    CHECK_MSG(out.len == wl && memcmp(out.ptr, want, wl) == 0, "line %d: got \"%.*s\" want \"%s\"", line,
              (int)out.len, out.ptr, want);
    ar_buf_free(&out);
}
#define NORM_IS(n, s, want) norm_is(n, s, strlen(s), want, __LINE__)

static void test_profiles(void)
{
    const char *const *names = ar_norm_profile_names();
    int k = 0;
    for (; names[k]; k++) {
        unsigned f = 1234;
        CHECK(ar_norm_profile(names[k], &f) == AR_OK);
        ar_norm *n = mk(f);
        CHECK(ar_norm_flags(n) == f);
        ar_norm_free(n);
    }
    CHECK(k >= 4);
    unsigned f;
    CHECK(ar_norm_profile("nonesuch", &f) == AR_ENOTFOUND);
    CHECK(ar_norm_profile("search", &f) == AR_OK && (f & AR_NORM_NFKC) && (f & AR_NORM_HARAKAT) && (f & AR_NORM_SPACE));
    CHECK(ar_norm_profile("clean", &f) == AR_OK && f == (AR_NORM_NFKC | AR_NORM_INVISIBLE | AR_NORM_TATWEEL));
    ar_norm *n = NULL;
    CHECK(ar_norm_new(&n, AR_NORM_DIGITS | AR_NORM_DIGITS_AR) == AR_EINVAL && n == NULL);
    CHECK(ar_norm_new(&n, AR_NORM_PUNCT | AR_NORM_PUNCT_AR) == AR_EINVAL);
    CHECK(ar_norm_new(&n, 1u << 30) == AR_EINVAL);
    ar_norm_free(NULL);
}

static void test_search(void)
{
    ar_norm *s = prof("search");
    NORM_IS(s, "أَكَّدَ رئيسُ الوزراءِ مصطفى الكاظميّ", "اكد رييس الوزراء مصطفي الكاظمي");
    NORM_IS(s, "مدينة أربيل عام ٢٠٢١ و۱۴۰۰", "مدينه اربيل عام 2021 و1400");
    NORM_IS(s, "  الـــعــراق \t\u00a0 اليوم  ", "العراق اليوم");
    NORM_IS(s, "\u200fمؤتمر\u200c صحفي\ufeff", "موتمر صحفي");
    NORM_IS(s, "ﻷن ﻻ ﷲ", "لان لا الله");
    NORM_IS(s, "کردستان ی ۀ", "كردستان ي ه");
    NORM_IS(s, "a  b\n\n  c \nd", "a b\n\nc\nd");
    NORM_IS(s, "", "");
    /* the Quranic small high sukun U+06E1 goes with the Quranic step */
    NORM_IS(s, "قُلْ هُوَ ٱللَّهُ أَحَدٌ ۝ ۡ", "قل هو الله احد ۝");
    char fc[16];
    CHECK(ar_norm_fold_cp(s, 0x0623, fc) == 2 && memcmp(fc, "ا", 2) == 0);
    CHECK(ar_norm_fold_cp(s, 0x064E, fc) == 0);
    CHECK(ar_norm_fold_cp(s, 0x06C3, fc) == 2 && memcmp(fc, "ه", 2) == 0); /* ۃ -> ة -> ه */
    CHECK(ar_norm_fold_cp(s, 'x', fc) == 1 && fc[0] == 'x');
    ar_norm_free(s);
}

static void test_nfc_nfkc(void)
{
    ar_norm *nfc = mk(AR_NORM_NFC), *nfkc = mk(AR_NORM_NFKC), *clean = prof("clean");
    /* canonical order: fatha (ccc 30) before shadda (33) */
    NORM_IS(nfc, "بّ" "َ", "بَّ");
    /* decomposed alef + hamza above composes */
    NORM_IS(nfc, "ا" "\u0654" "ب", "أب");
    NORM_IS(nfc, "ﻷ", "ﻷ");
    NORM_IS(nfkc, "ﻷ", "لأ");
    NORM_IS(nfkc, "ﻵﻹﻻ", "لآلإلا");
    NORM_IS(clean, "ﺑﺴﻢ ﺍﻟﻠﻪ", "بسم الله");
    ar_norm_free(nfc);
    /* ى is inert for ICU but its fold ي composes with hamza above: the fold
     * and normalization run to a fixpoint */
    ar_norm *yeh = mk(AR_NORM_NFC | AR_NORM_YEH);
    NORM_IS(yeh, "ى" "\u0654", "ئ");
    ar_norm_free(yeh);
    ar_norm *alef = mk(AR_NORM_NFC | AR_NORM_ALEF | AR_NORM_TATWEEL);
    NORM_IS(alef, "اـ\u0654", "ا");
    ar_norm_free(alef);
    /* Every presentation form with a decomposition leaves the presentation
     * blocks under NFKC. */
    int forms = 0;
    for (int32_t cp = 0xFB50; cp <= 0xFEFE; cp++) {
        if ((cp > 0xFDFF && cp < 0xFE70) || u_getIntPropertyValue(cp, UCHAR_DECOMPOSITION_TYPE) == U_DT_NONE)
            continue; /* ornate parentheses, newer ligatures: no decomposition */
        char in[4];
        int l = ar_utf8_encode(cp, in);
        ar_buf out = {0};
        CHECK(ar_norm_apply(nfkc, in, (size_t)l, &out, NULL) == AR_OK);
        int bad = 0;
        for (size_t i = 0; i < out.len;) {
            int32_t c;
            i += (size_t)ar_utf8_decode((const unsigned char *)out.ptr + i, out.len - i, &c);
            if ((c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE))
                bad = 1;
        }
        CHECK_MSG(!bad && out.len > 0, "U+%04X stays a presentation form under NFKC", (unsigned)cp);
        forms++;
        ar_buf_free(&out);
    }
    CHECK_MSG(forms > 700, "%d forms", forms);
    printf("%d presentation forms checked\n", forms);
    ar_norm_free(nfkc);
    ar_norm_free(clean);
}

static void test_bytes(void)
{
    ar_norm *s = prof("search"), *none = mk(0);
    const char bad[] = "\xff" "أ\xc3" "\x00" "ب\xed\xa0\x80" "\n" "\xe2\x80";
    ar_buf out = {0};
    CHECK(ar_norm_apply(s, bad, sizeof bad - 1, &out, NULL) == AR_OK);
    CHECK(out.len == 13 && memcmp(out.ptr, "\xff" "ا\xc3" "\x00" "ب\xed\xa0\x80\n\xe2\x80", 13) == 0);
    out.len = 0;
    CHECK(ar_norm_apply(none, bad, sizeof bad - 1, &out, NULL) == AR_OK);
    CHECK(out.len == sizeof bad - 1 && memcmp(out.ptr, bad, out.len) == 0);
    /* apply appends */
    CHECK(ar_norm_apply(s, "أ", 2, &out, NULL) == AR_OK);
    CHECK(out.len == sizeof bad - 1 + 2);
    ar_buf_free(&out);
    ar_norm_free(s);
    ar_norm_free(none);
}

/* ---- corpus ----------------------------------------------------------- */

static char *corpus;
static size_t corpus_len;

static void load_corpus(void)
{
    corpus = check_corpus(&corpus_len);
    CHECK_MSG(corpus != NULL, "cannot read corpus/");
    CHECK(corpus_len > 10000);
}

static int is_space(char c) { return c == ' ' || c == '\n'; }

/* Each output word maps back to an input span that normalizes to it, and
 * each output character to a span whose normalization contains it. */
static void check_offsets(ar_norm *n, const char *name, const char *text, size_t text_len)
{
    ar_buf out = {0}, again = {0};
    ar_offmap map = {0};
    size_t words = 0, bad = 0, chars = 0, badc = 0;
    const char *p = text, *end = text + text_len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        out.len = 0;
        ar_offmap_clear(&map);
        CHECK(ar_norm_apply(n, p, len, &out, &map) == AR_OK);
        for (size_t s = 0; s < out.len;) {
            if (is_space(out.ptr[s])) {
                s++;
                continue;
            }
            size_t e = s;
            while (e < out.len && !is_space(out.ptr[e]))
                e++;
            size_t is = ar_offmap_start(&map, s), ie = ar_offmap_end(&map, e);
            again.len = 0;
            CHECK(is <= ie && ie <= len);
            ar_norm_apply(n, p + is, ie - is, &again, NULL);
            if (again.len != e - s || memcmp(again.ptr, out.ptr + s, e - s) != 0) {
                if (bad++ < 5)
                    fprintf(stderr, "%s: word \"%.*s\" maps to \"%.*s\" -> \"%.*s\"\n", name, (int)(e - s),
                            out.ptr + s, (int)(ie - is), p + is, (int)again.len, again.ptr);
            }
            words++;
            for (size_t c = s; c < e;) {
                int32_t cp;
                size_t cl = (size_t)ar_utf8_decode((const unsigned char *)out.ptr + c, e - c, &cp);
                size_t cs = ar_offmap_start(&map, c), ce = ar_offmap_end(&map, c + cl);
                again.len = 0;
                ar_norm_apply(n, p + cs, ce - cs, &again, NULL);
                int found = 0;
                for (size_t k = 0; k + cl <= again.len && !found; k++)
                    found = memcmp(again.ptr + k, out.ptr + c, cl) == 0;
                /* A mark that NFC moved inside an equal-length cluster maps to
                 * its neighbour: the offset map cannot tell a reordering of
                 * the same length from a copy. Words above still map exactly. */
                if (u_getCombiningClass(cp) > 0)
                    found = 1;
                if (!found && badc++ < 5)
                    fprintf(stderr, "%s: character \"%.*s\" maps to \"%.*s\"\n", name, (int)cl, out.ptr + c,
                            (int)(ce - cs), p + cs);
                chars++;
                c += cl;
            }
            s = e;
        }
        p += len + (nl != NULL);
    }
    CHECK_MSG(bad == 0, "%s: %zu of %zu words map badly", name, bad, words);
    CHECK_MSG(badc == 0, "%s: %zu of %zu characters map badly", name, badc, chars);
    CHECK(words > 1000);
    ar_buf_free(&out);
    ar_buf_free(&again);
    ar_offmap_free(&map);
}

static void check_idempotent(ar_norm *n, const char *name)
{
    ar_buf once = {0}, twice = {0};
    CHECK(ar_norm_apply(n, corpus, corpus_len, &once, NULL) == AR_OK);
    CHECK(ar_norm_apply(n, once.ptr, once.len, &twice, NULL) == AR_OK);
    CHECK_MSG(once.len == twice.len && memcmp(once.ptr, twice.ptr, once.len) == 0, "%s is not idempotent", name);
    size_t nl1 = 0, nl2 = 0;
    for (size_t i = 0; i < corpus_len; i++)
        nl1 += corpus[i] == '\n';
    for (size_t i = 0; i < once.len; i++)
        nl2 += once.ptr[i] == '\n';
    CHECK_MSG(nl1 == nl2, "%s: %zu lines became %zu", name, nl1, nl2);
    ar_buf_free(&once);
    ar_buf_free(&twice);
}

static void test_threads(void);

static void test_corpus(void)
{
    load_corpus();
    if (!corpus)
        return;
    for (const char *const *p = ar_norm_profile_names(); *p; p++) {
        ar_norm *n = prof(*p);
        check_offsets(n, *p, corpus, corpus_len);
        check_idempotent(n, *p);
        ar_norm_free(n);
    }
    /* A vocalized and decorated copy of the corpus: harakat on every
     * letter, tatweel, presentation forms: search gives the same as on the
     * plain text. */
    ar_buf deco = {0}, a = {0}, b = {0};
    for (size_t i = 0; i < corpus_len;) {
        int32_t c;
        int l = ar_utf8_decode((const unsigned char *)corpus + i, corpus_len - i, &c);
        ar_buf_append(&deco, corpus + i, (size_t)l);
        if (c >= 0x0628 && c <= 0x064A && c != 0x0640) {
            /* shadda + fatha is one entry */
            static const char *const marks[] = {"َ", "ُ", "ِ", ("ّ" "َ"), "ْ", "ـ", "ً", "\u200c"};
            const char *m = marks[(i / 2) % 8];
            ar_buf_append(&deco, m, strlen(m));
        }
        i += (size_t)l;
    }
    ar_norm *s = prof("search");
    CHECK(ar_norm_apply(s, corpus, corpus_len, &a, NULL) == AR_OK);
    CHECK(ar_norm_apply(s, deco.ptr, deco.len, &b, NULL) == AR_OK);
    CHECK_MSG(a.len == b.len && memcmp(a.ptr, b.ptr, a.len) == 0, "decorated corpus normalizes differently");
    check_offsets(s, "search on decorated corpus", deco.ptr, deco.len);
    ar_norm *kl = prof("keep-letters"), *nfc = mk(AR_NORM_NFC | AR_NORM_ALEF);
    check_offsets(kl, "keep-letters on decorated corpus", deco.ptr, deco.len);
    check_offsets(nfc, "nfc+alef on decorated corpus", deco.ptr, deco.len);
    ar_norm_free(kl);
    ar_norm_free(nfc);
    ar_buf_free(&deco);
    ar_buf_free(&a);
    ar_buf_free(&b);
    ar_norm_free(s);
    /* random step sets stay idempotent on the corpus */
    srand(7);
    for (int i = 0; i < 12; i++) {
        unsigned f = (unsigned)rand() & ((AR_NORM_PRESENTATION << 1) - 1);
        if (f & AR_NORM_DIGITS)
            f &= ~AR_NORM_DIGITS_AR;
        if (f & AR_NORM_PUNCT)
            f &= ~AR_NORM_PUNCT_AR;
        ar_norm *n = mk(f);
        char name[32];
        snprintf(name, sizeof name, "flags %#x", f);
        check_idempotent(n, name);
        ar_norm_free(n);
    }
    test_threads();
    free(corpus);
}

/* One normalizer shared by four threads gives each the same result. */
typedef struct thr {
    const ar_norm *n;
    ar_buf out;
    int rc;
} thr;

static void *thr_run(void *arg)
{
    thr *t = arg;
    ar_offmap map = {0};
    for (int i = 0; i < 5 && !t->rc; i++) {
        t->out.len = 0;
        ar_offmap_clear(&map);
        t->rc = ar_norm_apply(t->n, corpus, corpus_len, &t->out, &map);
    }
    ar_offmap_free(&map);
    return NULL;
}

static void test_threads(void)
{
    ar_norm *n = prof("search");
    ar_buf want = {0};
    CHECK(ar_norm_apply(n, corpus, corpus_len, &want, NULL) == AR_OK);
    thr t[4] = {{n, {0}, 0}, {n, {0}, 0}, {n, {0}, 0}, {n, {0}, 0}};
    pthread_t id[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&id[i], NULL, thr_run, &t[i]) == 0);
    for (int i = 0; i < 4; i++) {
        pthread_join(id[i], NULL);
        CHECK(t[i].rc == AR_OK && t[i].out.len == want.len && memcmp(t[i].out.ptr, want.ptr, want.len) == 0);
        ar_buf_free(&t[i].out);
    }
    ar_buf_free(&want);
    ar_norm_free(n);
}

int main(void)
{
    test_profiles();
    test_search();
    test_nfc_nfkc();
    test_bytes();
    test_corpus();
    return check_done();
}
