/* SPDX-License-Identifier: MIT */
/* The matcher on arbitrary patterns and text. Input: one byte of options,
 * then the pattern(s), a NUL byte, and the text. Every match found must lie
 * inside the text, start at or after where the search started, and never
 * end before it starts; matching never crashes whatever the bytes are.
 * The single-literal engine finds the same matches with each of its
 * candidate scans (AVX2, SSE2, memchr), and a matcher asked for lines only
 * finds the lines a full one finds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artext/match.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
extern int artext_match_scan_level; /* lib/match.c */

enum { MAXM = 1000 };

/* The start of each line holding a match, up to MAXM, into ls; returns
 * their count. */
static int match_lines(ar_matcher *m, ar_match_scratch *s, const char *text, size_t len, size_t *ls)
{
    size_t from = 0, ms, me;
    int k = 0;
    while (k < MAXM && from <= len && ar_matcher_find(m, s, text, len, from, &ms, &me) > 0) {
        if (ms < from || me < ms || me > len)
            abort();
        size_t a = ms;
        while (a > from && text[a - 1] != '\n')
            a--;
        ls[k++] = a;
        const char *nl = ms < len ? memchr(text + ms, '\n', len - ms) : NULL;
        if (!nl)
            break;
        from = (size_t)(nl - text) + 1;
    }
    return k;
}

/* Up to MAXM matches from the start, into ms/me; returns their count. */
static int find_all(ar_matcher *m, ar_match_scratch *s, const char *text, size_t len, size_t *ms, size_t *me)
{
    size_t from = 0;
    int k = 0;
    while (k < MAXM && from <= len) {
        int rc = ar_matcher_find(m, s, text, len, from, &ms[k], &me[k]);
        if (rc <= 0)
            break;
        if (ms[k] < from || me[k] < ms[k] || me[k] > len)
            abort();
        from = me[k] > ms[k] ? me[k] : ms[k] + 1;
        k++;
    }
    return k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned o = data[0];
    const char *p = (const char *)data + 1;
    const char *nul = memchr(p, 0, size - 1);
    size_t plen = nul ? (size_t)(nul - p) : (size - 1) / 3;
    const char *t = p + plen + (nul ? 1 : 0);
    size_t tlen = size - 1 - (size_t)(t - p);
    ar_match_opts mo = {(o & 1) ? 0 : AR_MATCH_DEFAULT_FOLDS, (o >> 1) & 1, (o >> 2) & 1, (o >> 3) & 1, (o >> 4) & 1,
                        20000, 2000, (o >> 5) & 1, (o >> 6) & 1, (o >> 7) & 1};
    ar_matcher *m = NULL;
    if (ar_matcher_new(&m, &p, &plen, 1, &mo, NULL) != AR_OK)
        return 0;
    ar_match_scratch *s = NULL;
    if (ar_match_scratch_new(&s, m) != AR_OK) {
        ar_matcher_free(m);
        return 0;
    }
    ar_buf folded = {0};
    ar_offmap map = {0};
    const char *text = t;
    size_t len = tlen;
    if (ar_matcher_needs_fold(m)) {
        if (ar_norm_apply(ar_matcher_norm(m), t, tlen, &folded, &map) != AR_OK)
            abort();
        text = folded.ptr ? folded.ptr : "";
        len = folded.len;
    }
    static size_t ms[MAXM], me[MAXM], ms2[MAXM], me2[MAXM];
    int k = find_all(m, s, text, len, ms, me);
    for (int i = 0; i < k; i++)
        if (ar_matcher_needs_fold(m) && (ar_offmap_start(&map, ms[i]) > tlen || ar_offmap_end(&map, me[i]) > tlen))
            abort();
    if (strcmp(ar_matcher_kind(m), "literal") == 0) {
        for (int level = 1; level >= 0; level--) {
            artext_match_scan_level = level;
            int k2 = find_all(m, s, text, len, ms2, me2);
            artext_match_scan_level = 2;
            if (k2 != k || memcmp(ms, ms2, (size_t)k * sizeof *ms) || memcmp(me, me2, (size_t)k * sizeof *me))
                abort();
        }
    }
    if (mo.lines_only) {
        /* the same lines as a matcher that finds every span */
        ar_match_opts full = mo;
        full.lines_only = 0;
        ar_matcher *m2 = NULL;
        ar_match_scratch *s2 = NULL;
        if (ar_matcher_new(&m2, &p, &plen, 1, &full, NULL) == AR_OK && ar_match_scratch_new(&s2, m2) == AR_OK) {
            int a = match_lines(m, s, text, len, ms), b = match_lines(m2, s2, text, len, ms2);
            if (a != b || memcmp(ms, ms2, (size_t)a * sizeof *ms))
                abort();
        }
        ar_match_scratch_free(s2);
        ar_matcher_free(m2);
    }
    ar_matcher_test(m, s, t, tlen);
    ar_buf_free(&folded);
    ar_offmap_free(&map);
    ar_match_scratch_free(s);
    ar_matcher_free(m);
    return 0;
}
