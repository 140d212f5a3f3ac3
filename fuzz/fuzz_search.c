/* SPDX-License-Identifier: MIT */
/* The searcher on arbitrary text: one byte of options (fold or not, -v, -w,
 * context, chunk size), a pattern up to the first NUL, then the text.
 * Every reported line must lie inside the text and end before a '\n' or at
 * the end, with its number; every span must lie inside its line. The top
 * option bit lets the searcher count lines alone (no_line_scan); an odd
 * pattern length asks the matcher for lines only (lines_only). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artext/input.h"
#include "artext/search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct ctx {
    const char *text;
    size_t len;
    size_t at;     /* lines come in order: '\n' counted up to here */
    uint64_t line; /* number of the line holding text[at] */
} ctx;

static int on_line(void *c_, const ar_search_line *l)
{
    ctx *c = c_;
    if (l->src_offset > c->len || l->len > c->len - l->src_offset)
        abort();
    if (memcmp(c->text + l->src_offset, l->text, l->len) != 0)
        abort();
    if (l->has_nl && c->text[l->src_offset + l->len] != '\n')
        abort();
    if (l->src_offset < c->at)
        abort();
    for (; c->at < l->src_offset; c->at++)
        c->line += c->text[c->at] == '\n';
    if (l->number != c->line)
        abort();
    for (size_t i = 0; i < l->nspans; i++)
        if (l->spans[i].start > l->spans[i].end || l->spans[i].end > l->len ||
            l->spans[i].src_start != l->src_offset + l->spans[i].start)
            abort();
    return 0;
}

static int on_gap(void *c)
{
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    unsigned o = data[0];
    const char *p = (const char *)data + 1;
    const char *nul = memchr(p, 0, size - 1);
    if (!nul)
        return 0;
    size_t plen = (size_t)(nul - p);
    const char *t = nul + 1;
    size_t tlen = size - 1 - plen - 1;
    /* A BOM makes the input layer decode or skip: offsets then are not the
     * identity this target checks. */
    if (tlen >= 2 && ((t[0] == '\xFF' && t[1] == '\xFE') || (t[0] == '\xFE' && t[1] == '\xFF') ||
                      (tlen >= 3 && !memcmp(t, "\xEF\xBB\xBF", 3))))
        return 0;
    ar_match_opts mo = {(o & 1) ? 0 : AR_MATCH_DEFAULT_FOLDS, 0, (o >> 1) & 1, 0, 0, 20000, 2000, 0, 0, (int)(plen & 1)};
    ar_search_opts so = {(o >> 2) & 1, (o & 8) ? 2 : -1, (o >> 4) & 1, (o >> 5) & 1, AR_BINARY_TEXT, 1, 1, 0, 0};
    ar_matcher *m = NULL;
    if (ar_matcher_new(&m, &p, &plen, 1, &mo, NULL) != AR_OK)
        return 0;
    ar_searcher *s = NULL;
    ar_input *in = NULL;
    ar_input_opts io = {"utf-8", 0, (o & 64) ? 7 : 0, (o >> 7) & 1};
    if (ar_searcher_new(&s, m, &so) == AR_OK && ar_input_open_mem(&in, t, tlen, &io, NULL) == AR_OK) {
        ctx c = {t, tlen, 0, 1};
        ar_sink sink = {&c, on_line, on_gap, NULL};
        ar_search_input(s, in, &sink, NULL);
    }
    ar_input_free(in);
    ar_searcher_free(s);
    ar_matcher_free(m);
    return 0;
}
