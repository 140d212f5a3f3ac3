/* SPDX-License-Identifier: MIT */
/* The normalizer's lane (lib/norm_lane.c) against the general loop alone:
 * the scalar, SSE2 and AVX2 ways through it must give the reference's
 * bytes and offset anchors exactly, on the corpus, on a vocalized copy of
 * it, on the diacritized benchmark text, on tests/cases/norm_edge.txt and
 * on random mixes of troublesome pieces, for every profile and random step
 * sets. Also the lane's class table for a few letters, one by one. */
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "check.h"
#include "norm_internal.h"

static int nlevels;
static int levels[4];
static long compared;

/* text under n at every lane level against the reference */
static void same(ar_norm *n, const char *what, const char *text, size_t len)
{
    ar_buf ref = {0}, got = {0};
    ar_offmap rmap = {0}, gmap = {0};
    ar_norm_set_lane(n, AR_LANE_REF);
    CHECK(ar_norm_apply(n, text, len, &ref, &rmap) == AR_OK);
    for (int i = 0; i < nlevels; i++) {
        ar_norm_set_lane(n, levels[i]);
        for (int with_map = 0; with_map < 2; with_map++) {
            got.len = 0;
            ar_offmap_clear(&gmap);
            CHECK(ar_norm_apply(n, text, len, &got, with_map ? &gmap : NULL) == AR_OK);
            size_t at = 0;
            while (at < got.len && at < ref.len && got.ptr[at] == ref.ptr[at])
                at++;
            CHECK_MSG(got.len == ref.len && at == got.len,
                      "%s, flags %#x, lane %d: output differs at byte %zu (lengths %zu, %zu)", what,
                      ar_norm_flags(n), levels[i], at, got.len, ref.len);
            if (with_map) {
                int eq = gmap.n == rmap.n;
                for (size_t k = 0; eq && k < gmap.n; k++)
                    eq = gmap.a[k].out == rmap.a[k].out && gmap.a[k].in == rmap.a[k].in;
                CHECK_MSG(eq, "%s, flags %#x, lane %d: offset anchors differ (%zu and %zu)", what, ar_norm_flags(n),
                          levels[i], gmap.n, rmap.n);
            }
            compared++;
        }
    }
    ar_norm_set_lane(n, ar_norm_lane_best());
    ar_buf_free(&ref);
    ar_buf_free(&got);
    ar_offmap_free(&rmap);
    ar_offmap_free(&gmap);
}

/* Pieces that meet at block edges in random order: letters that fold,
 * marks that are removed or compose, spaces, line ends, invalid bytes. */
static const char *const pieces[] = {
    "ا", "أ", "إ", "آ", "ة", "ى", "ؤ", "ئ", "ء", "ب", "ل", "م", "ي", "و", "ه", "ٱ", "ک", "ی", "گ", "پ",
    "َ", "ُ", "ِ", "ّ", "ْ", "ً", "ٰ", "ٔ", "ٕ", "ٓ", "ۖ", "ـ", "\xE2\x80\x8C", "\xE2\x80\x8F", "\xC2\xA0",
    " ", "  ", " ", "\t", "\n", "\r\n", " \n", "\n ", "،", "؟", "٣", "۴", "7", "A", "z", ".", "\"", "«",
    "ﻷ", "ﻻ", "ﷲ", "ﺳ", "ﻼ", "\xD8", "\xD9", "\x80", "\xBF", "\xE2\x80", "\xF0\x9F\x98\x80", "\xEF\xBB\xBF",
    "\0", "é", "e\xCC\x81", "\xCC\x81", "ا\xD9\x94", "و\xD9\x94", "ي\xD9\x94", "الكاظمي", "مخمور", "بغداد",
    "مَسْؤُولٌ", "ﺍﻟﻌﺮﺑﻴﺔ",
};

static void mix(ar_buf *b, unsigned seed, size_t want)
{
    srand(seed);
    const size_t np = sizeof pieces / sizeof pieces[0];
    b->len = 0;
    while (b->len < want) {
        size_t i = (size_t)rand() % np;
        const char *s = pieces[i];
        /* "\0" is one byte, not an empty string */
        ar_buf_append(b, s, s[0] ? strlen(s) : 1);
        /* long stretches of plain letters too, so whole vector blocks pass */
        if (rand() % 8 == 0)
            for (int k = rand() % 40; k > 0; k--)
                ar_buf_append(b, "كتب ", 7);
    }
}

static void test_tables(void)
{
    unsigned f;
    CHECK(ar_norm_profile("search", &f) == AR_OK);
    ar_norm *n = NULL;
    CHECK(ar_norm_new(&n, f) == AR_OK);
    if (!n)
        return;
    CHECK(n->lane[0x0628] == LANE_OK);   /* ب */
    CHECK(n->lane[0x0623] == LANE_FOLD); /* أ -> ا */
    CHECK(memcmp(n->rep2[0x0623], "\xD8\xA7", 2) == 0);
    CHECK(n->lane[0x0629] == LANE_FOLD); /* ة -> ه */
    CHECK(memcmp(n->rep2[0x0629], "\xD9\x87", 2) == 0);
    CHECK(n->lane[0x064E] == LANE_DROP); /* fatha */
    CHECK(n->lane[0x0640] == LANE_DROP); /* tatweel */
    CHECK(n->lane[0x0654] != LANE_OK);   /* hamza above composes */
    CHECK(n->lane[' '] == LANE_SPACE);
    CHECK(n->lane['\n'] == LANE_HARD);
    CHECK(n->lane[0x0663] == LANE_HARD); /* ٣ -> 3: two bytes to one */
    CHECK(n->lane['a'] == LANE_OK);
    /* the vector sets say the same as the table */
    for (int cp = 0x600; cp < 0x680; cp++) {
        unsigned i = (unsigned)(cp - 0x600);
        int ok = (n->vt_ok[i >> 3] >> (i & 7)) & 1, fold = (n->vt_fold[i >> 3] >> (i & 7)) & 1;
        CHECK_MSG(ok == (n->lane[cp] == LANE_OK) && fold == (n->lane[cp] == LANE_FOLD), "U+%04X", cp);
    }
    for (int c = 0; c < 0x80; c++)
        CHECK_MSG(((n->vt_asc[c >> 3] >> (c & 7)) & 1) == (n->lane[c] == LANE_OK), "ASCII %#x", c);
    ar_norm_free(n);
    /* without the space step the space is a plain character */
    CHECK(ar_norm_new(&n, AR_NORM_HARAKAT) == AR_OK);
    if (n) {
        CHECK(n->lane[' '] == LANE_OK && n->asc_lo == 0x20 && n->asc_hi == 0x7E);
        ar_norm_free(n);
    }
    /* lower-casing folds ASCII letters: SSE2 leaves ASCII to the table */
    CHECK(ar_norm_new(&n, AR_NORM_LATIN_CASE) == AR_OK);
    if (n) {
        CHECK(n->lane['A'] == LANE_FOLD && n->rep2['A'][0] == 'a' && n->asc_lo > n->asc_hi);
        ar_norm_free(n);
    }
}

/* ar_norm_lane alone: from pos, what it writes and where it stops. */
static void lane_is(ar_norm *n, int level, const char *in, size_t pos, const char *want_out, size_t want_stop, int line)
{
    ar_buf out = {0};
    int rc = -1;
    ar_norm_set_lane(n, level);
    size_t stop = ar_norm_lane(n, in, pos, strlen(in), &out, 0, NULL, &rc);
    size_t wl = strlen(want_out);
    CHECK_MSG(rc == AR_OK && stop == want_stop && out.len == wl && memcmp(out.ptr, want_out, wl) == 0,
              "line %d, lane %d: stopped at %zu (want %zu), wrote \"%.*s\" (want \"%s\")", line, level, stop, want_stop,
              (int)out.len, out.ptr ? out.ptr : "", want_out);
    ar_buf_free(&out);
    ar_norm_set_lane(n, ar_norm_lane_best());
}

static void test_lane_alone(void)
{
    unsigned f;
    CHECK(ar_norm_profile("search", &f) == AR_OK);
    ar_norm *n = NULL;
    CHECK(ar_norm_new(&n, f) == AR_OK);
    if (!n)
        return;
    /* a long line of news: letters fold in place, one space is kept, the
     * lane stops at the line end; marks and tatweel go */
    const char *news = "قالت الحكومة العراقية إن رئيس الوزراء مصطفى الكاظمي أكّد على ضرورة التهدئة في مخمور\nx";
    const char *want = "قالت الحكومه العراقيه ان رييس الوزراء مصطفي الكاظمي اكد علي ضروره التهديه في مخمور";
    for (int l = AR_LANE_SCALAR; l <= ar_norm_lane_best(); l++) {
        lane_is(n, l, news, 0, want, strlen(news) - 2, __LINE__);
        /* ا then a hamza above that composes with it: the lane backs up
         * to the alef and leaves both to the general loop */
        lane_is(n, l, "كتب ا\xD9\x94", 0, "كتب ", 7, __LINE__);
        lane_is(n, l, "ا\xD9\x94", 0, "", 0, __LINE__);
        /* two spaces: the first ends the lane (the general loop collapses) */
        lane_is(n, l, "كتب  قال", 0, "كتب", 6, __LINE__);
        /* a removal, then a space, then a letter */
        lane_is(n, l, "كتبَ قال", 0, "كتب قال", 15, __LINE__);
        /* an invalid byte stops it (after backing up over the letter it
         * follows); a three-byte character too, and a space before it
         * is left to the general loop */
        lane_is(n, l, "كتب\xD8 ", 0, "كت", 4, __LINE__);
        lane_is(n, l, "قال \xE2\x80\x9Dنعم", 0, "قال", 6, __LINE__);
    }
    ar_norm_free(n);
}

int main(void)
{
    test_lane_alone();
    for (int l = AR_LANE_SCALAR; l <= ar_norm_lane_best(); l++)
        levels[nlevels++] = l;
    printf("lane levels: %d (best %d)\n", nlevels, ar_norm_lane_best());
    test_tables();
    ar_buf corpus = {0};
    corpus.ptr = check_corpus(&corpus.len);
    CHECK(corpus.ptr != NULL && corpus.len > 10000);

    /* the corpus vocalized: a mark after most letters, some tatweel */
    ar_buf voc = {0};
    static const char *const marks[] = {"َ", "ُ", "ِ", "ّ", "ْ", "ً", "ـ", "", "ٌ", "ٍ"};
    for (size_t i = 0; i < corpus.len;) {
        int32_t c;
        int l = ar_utf8_decode((const unsigned char *)corpus.ptr + i, corpus.len - i, &c);
        ar_buf_append(&voc, corpus.ptr + i, (size_t)l);
        if (c >= 0x0628 && c <= 0x064A && c != 0x0640) {
            const char *m = marks[(i / 2) % 10];
            ar_buf_append(&voc, m, strlen(m));
        }
        i += (size_t)l;
    }
    size_t clen = 0, elen = 0;
    char *classical = check_slurp(check_src_path("bench/classical/fatiha-muallaqa.txt"), &clen);
    char *edge = check_slurp(check_src_path("tests/cases/norm_edge.txt"), &elen);
    CHECK(classical != NULL && edge != NULL);

    unsigned flagsets[32];
    const char *names[32];
    int nf = 0;
    for (const char *const *p = ar_norm_profile_names(); *p; p++) {
        CHECK(ar_norm_profile(*p, &flagsets[nf]) == AR_OK);
        names[nf++] = *p;
    }
    srand(11);
    while (nf < 20) {
        unsigned f = (unsigned)rand() & ((AR_NORM_PRESENTATION << 1) - 1);
        if (f & AR_NORM_DIGITS)
            f &= ~AR_NORM_DIGITS_AR;
        if (f & AR_NORM_PUNCT)
            f &= ~AR_NORM_PUNCT_AR;
        flagsets[nf] = f;
        names[nf++] = "random steps";
    }
    ar_buf m = {0};
    for (int i = 0; i < nf; i++) {
        ar_norm *n = NULL;
        CHECK(ar_norm_new(&n, flagsets[i]) == AR_OK);
        if (!n)
            continue;
        char what[64];
        snprintf(what, sizeof what, "corpus (%s)", names[i]);
        same(n, what, corpus.ptr, corpus.len);
        snprintf(what, sizeof what, "vocalized corpus (%s)", names[i]);
        same(n, what, voc.ptr, voc.len);
        if (classical)
            same(n, "classical", classical, clen);
        if (edge)
            same(n, "norm_edge.txt", edge, elen);
        for (unsigned seed = 1; seed <= 40; seed++) {
            mix(&m, seed * 977u + (unsigned)i, 64 + seed * 37);
            snprintf(what, sizeof what, "mix %u (%s)", seed, names[i]);
            same(n, what, m.ptr, m.len);
        }
        ar_norm_free(n);
    }
    printf("%ld comparisons\n", compared);
    ar_buf_free(&m);
    ar_buf_free(&voc);
    ar_buf_free(&corpus);
    free(classical);
    free(edge);
    return check_done();
}
