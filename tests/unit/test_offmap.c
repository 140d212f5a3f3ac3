/* SPDX-License-Identifier: MIT */
/* The offset map: builder merging, lumps, deletions, and a randomized
 * round trip: random edits of a text are recorded as anchors, and every
 * output span must map back to exactly the input span it was made from. */
#include <stdlib.h>

#include "artext/offmap.h"
#include "check.h"

static void basics(void)
{
    ar_offmap m = {0};
    CHECK(ar_offmap_start(&m, 7) == 7 && ar_offmap_end(NULL, 9) == 9);
    /* "aXb" -> "aYYb": X (1 byte at 1) became YY (2 bytes at 1). */
    ar_offmap_push(&m, 0, 0);
    ar_offmap_push(&m, 1, 1);
    ar_offmap_push(&m, 3, 2);
    ar_offmap_push(&m, 4, 3);
    CHECK(ar_offmap_start(&m, 0) == 0);
    CHECK(ar_offmap_start(&m, 2) == 1 && ar_offmap_end(&m, 2) == 2);
    CHECK(ar_offmap_start(&m, 3) == 2 && ar_offmap_end(&m, 4) == 3);
    CHECK(!ar_offmap_is_identity(&m));
    ar_offmap_clear(&m);
    /* "ab..c" -> "abc": two bytes deleted at 2; a span ending at 2 takes
     * the deleted bytes with it, a span starting at 2 skips them. */
    ar_offmap_push(&m, 0, 0);
    ar_offmap_push(&m, 2, 2);
    ar_offmap_push(&m, 2, 4);
    ar_offmap_push(&m, 3, 5);
    CHECK(ar_offmap_start(&m, 2) == 4);
    CHECK(ar_offmap_end(&m, 2) == 4);
    CHECK(ar_offmap_start(&m, 1) == 1 && ar_offmap_end(&m, 3) == 5);
    /* copies merge: a long identity stretch costs few anchors */
    ar_offmap_clear(&m);
    for (size_t i = 0; i <= 1000; i++)
        ar_offmap_push(&m, i, i);
    CHECK(m.n <= 2);
    CHECK(ar_offmap_is_identity(&m));
    CHECK(ar_offmap_push(&m, 5, 5) == AR_EINVAL); /* going backwards */
    ar_offmap_free(&m);
    ar_offmap_free(&m); /* twice is harmless */
}

/* A map over its text counts code points: "ab" + "مصطفى" + " x" decoded from
 * windows-1256 (one source byte a character) is two anchors, and each
 * character, or a byte inside one, maps to its own source byte. */
static void per_code_point(void)
{
    const char *t = "ab\xd9\x85\xd8\xb5\xd8\xb7\xd9\x81\xd9\x89 x"; /* 14 bytes, 9 characters */
    ar_offmap m = {0};
    m.text = t;
    ar_offmap_push(&m, 0, 100);
    ar_offmap_push(&m, 14, 109);
    CHECK(m.n == 2 && m.text == t);
    CHECK(ar_offmap_start(&m, 2) == 102 && ar_offmap_end(&m, 4) == 103);
    CHECK(ar_offmap_start(&m, 3) == 102 && ar_offmap_end(&m, 3) == 103); /* inside م */
    CHECK(ar_offmap_start(&m, 12) == 107 && ar_offmap_end(&m, 14) == 109);
    /* two source bytes a character (UTF-16): the same text, twice the offsets */
    ar_offmap_clear(&m);
    CHECK(m.text == NULL);
    m.text = t;
    ar_offmap_push(&m, 0, 0);
    ar_offmap_push(&m, 14, 18);
    CHECK(ar_offmap_start(&m, 6) == 8 && ar_offmap_end(&m, 8) == 10 && ar_offmap_start(&m, 11) == 12 && ar_offmap_end(&m, 11) == 14);
    /* a piece whose bytes do not divide among its characters is a lump */
    ar_offmap_clear(&m);
    m.text = t;
    ar_offmap_push(&m, 0, 0);
    ar_offmap_push(&m, 14, 10);
    CHECK(ar_offmap_start(&m, 6) == 0 && ar_offmap_end(&m, 6) == 10);
    /* without text the same anchors are a lump too */
    ar_offmap_clear(&m);
    ar_offmap_push(&m, 0, 100);
    ar_offmap_push(&m, 14, 109);
    CHECK(ar_offmap_start(&m, 4) == 100 && ar_offmap_end(&m, 4) == 109);
    ar_offmap_free(&m);
}

/* Random edits: each input "char" (1..3 bytes) is kept, deleted or replaced
 * by 1..4 bytes. Each output piece must map to its source piece. */
static void random_round_trip(unsigned seed)
{
    enum { N = 400 };
    size_t in_start[N], in_end[N], out_start[N], out_end[N];
    ar_offmap m = {0};
    size_t in = 0, out = 0;
    srand(seed);
    ar_offmap_push(&m, 0, 0);
    for (int k = 0; k < N; k++) {
        size_t il = 1 + (size_t)(rand() % 3);
        int what = rand() % 4;
        size_t ol = what == 0 ? 0 : what == 1 ? 1 + (size_t)(rand() % 4) : il;
        in_start[k] = in; out_start[k] = out;
        in += il; out += ol;
        in_end[k] = in; out_end[k] = out;
        if (ol != il) { /* not a copy: mark both edges */
            ar_offmap_push(&m, out_start[k], in_start[k]);
            ar_offmap_push(&m, out, in);
        }
    }
    ar_offmap_push(&m, out, in);
    int ok = 1;
    for (int k = 0; k < N && ok; k++) {
        if (out_start[k] == out_end[k])
            continue; /* deleted: nothing in the output to map */
        size_t s = ar_offmap_start(&m, out_start[k]);
        size_t e = ar_offmap_end(&m, out_end[k]);
        /* the span starts where its source piece starts and ends at its end,
         * or later only by deleted pieces that follow it */
        size_t e_want = in_end[k];
        for (int j = k + 1; j < N && out_start[j] == out_end[j]; j++)
            e_want = in_end[j];
        ok = s == in_start[k] && e == e_want;
        CHECK_MSG(ok, "seed %u piece %d: got [%zu,%zu) want [%zu,%zu)", seed, k, s, e, in_start[k], e_want);
        /* any byte inside a piece maps inside that piece */
        for (size_t o = out_start[k]; o < out_end[k] && ok; o++) {
            size_t x = ar_offmap_start(&m, o);
            ok = x >= in_start[k] && x < in_end[k];
        }
        CHECK_MSG(ok, "seed %u piece %d: inner byte escapes", seed, k);
    }
    ar_offmap_free(&m);
}

int main(void)
{
    basics();
    per_code_point();
    for (unsigned s = 1; s <= 200; s++)
        random_round_trip(s);
    return check_done();
}
