/* SPDX-License-Identifier: MIT */
/* The searcher: selected and context lines, gaps, -v, -m, binary data,
 * spans mapped from folded text back to the original line, and the same
 * results whatever the chunk size (chunks of 1 byte to 1 MiB), whether the
 * input counts lines or leaves that to the searcher (no_line_scan, as
 * ar-grep runs it). */
#include <stdlib.h>
#include <string.h>

#include "artext/input.h"
#include "artext/search.h"
#include "check.h"

typedef struct rec {
    ar_buf out;
    int binary;
} rec;

/* Each line as "N:" (selected) or "N-" (context), the text, and the spans
 * in brackets; a gap as "--". */
static int on_line(void *ctx, const ar_search_line *l)
{
    rec *r = ctx;
    char head[64];
    snprintf(head, sizeof head, "%llu%c", (unsigned long long)l->number, l->selected ? ':' : '-');
    ar_buf_append(&r->out, head, strlen(head));
    ar_buf_append(&r->out, l->text, l->len);
    for (size_t i = 0; i < l->nspans; i++) {
        ar_buf_append(&r->out, "[", 1);
        ar_buf_append(&r->out, l->text + l->spans[i].start, l->spans[i].end - l->spans[i].start);
        ar_buf_append(&r->out, "]", 1);
    }
    ar_buf_append(&r->out, "\n", 1);
    return 0;
}

static int on_gap(void *ctx)
{
    rec *r = ctx;
    return ar_buf_append(&r->out, "--\n", 3);
}

static int on_binary(void *ctx, uint64_t off)
{
    rec *r = ctx;
    r->binary = 1;
    return 0;
}

static int no_scan; /* the input's no_line_scan for every run */

/* Runs pattern over text with opts, chunks of chunk bytes; returns the
 * record (static buffer) and the number of selected lines. */
static const char *run(const char *pat, const char *text, size_t tlen, const ar_search_opts *so, size_t chunk,
                       uint64_t *selected, int *binary)
{
    static rec r;
    ar_buf_free(&r.out);
    r.binary = 0;
    ar_match_opts mo = {AR_MATCH_DEFAULT_FOLDS, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    size_t pl = strlen(pat);
    ar_matcher *m = NULL;
    ar_searcher *s = NULL;
    ar_input *in = NULL;
    ar_input_opts io = {NULL, 0, chunk, no_scan};
    if (ar_matcher_new(&m, &pat, &pl, 1, &mo, NULL) || ar_searcher_new(&s, m, so) ||
        ar_input_open_mem(&in, text, tlen, &io, NULL))
        return "setup failed";
    ar_sink sink = {&r, on_line, on_gap, on_binary};
    ar_search_result res;
    int rc = ar_search_input(s, in, &sink, &res);
    if (selected)
        *selected = res.selected;
    if (binary)
        *binary = r.binary;
    ar_input_free(in);
    ar_searcher_free(s);
    ar_matcher_free(m);
    if (rc)
        return "search failed";
    ar_buf_append(&r.out, "", 0);
    ar_buf_putc(&r.out, 0);
    return r.out.ptr;
}

static const char report[] =
    "بغداد 8 ديسمبر\n"
    "أكد رئيس الوزراء مصطفى الكاظمي اليوم\n"
    "أنه لا مجال لعودة داعش\n"
    "خلال زيارته إلى منطقة مخمور\n"
    "شرق مدينة أربيل\n"
    "وقال بيان إن الكاظمى زار مخمور\n"
    "وعقد اجتماعا موسعا\n"
    "مع قوات البيشمركة\n"
    "والكاظمِيّ قال\n";

static const size_t chunks[] = {0, 1, 7, 64, 1 << 20};

static void lines_and_context(void)
{
    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
        size_t ch = chunks[k];
        ar_search_opts so = {0, -1, 0, 0, AR_BINARY_QUIT, 1, 1, 0, 0};
        uint64_t n = 0;
        const char *got = run("الكاظمي", report, strlen(report), &so, ch, &n, NULL);
        CHECK_MSG(strcmp(got, "2:أكد رئيس الوزراء مصطفى الكاظمي اليوم[الكاظمي]\n"
                              "6:وقال بيان إن الكاظمى زار مخمور[الكاظمى]\n"
                              "9:والكاظمِيّ قال[الكاظمِيّ]\n") == 0,
                  "chunk %zu: %s", ch, got);
        CHECK(n == 3);
        /* Context with a gap, line numbers across chunks. */
        so.before = 1;
        so.after = 1;
        got = run("مخمور", report, strlen(report), &so, ch, &n, NULL);
        CHECK_MSG(strcmp(got, "3-أنه لا مجال لعودة داعش\n"
                              "4:خلال زيارته إلى منطقة مخمور[مخمور]\n"
                              "5-شرق مدينة أربيل\n"
                              "6:وقال بيان إن الكاظمى زار مخمور[مخمور]\n"
                              "7-وعقد اجتماعا موسعا\n") == 0,
                  "chunk %zu: %s", ch, got);
        got = run("بغداد", report, strlen(report), &so, ch, &n, NULL);
        CHECK_MSG(strcmp(got, "1:بغداد 8 ديسمبر[بغداد]\n2-أكد رئيس الوزراء مصطفى الكاظمي اليوم\n") == 0, "%s", got);
        so.before = 0;
        so.after = 0;
        so.before = 2;
        got = run("(داعش|البيشمركة)", report, strlen(report), &so, ch, &n, NULL);
        CHECK_MSG(strcmp(got, "1-بغداد 8 ديسمبر\n2-أكد رئيس الوزراء مصطفى الكاظمي اليوم\n"
                              "3:أنه لا مجال لعودة داعش[داعش]\n--\n"
                              "6-وقال بيان إن الكاظمى زار مخمور\n7-وعقد اجتماعا موسعا\n"
                              "8:مع قوات البيشمركة[البيشمركة]\n") == 0,
                  "chunk %zu: %s", ch, got);
        so.before = 0;
        /* -v with -m 2 and one line of trailing context. */
        ar_search_opts sv = {1, 2, 0, 1, AR_BINARY_QUIT, 1, 1, 0, 0};
        got = run("ال", report, strlen(report), &sv, ch, &n, NULL);
        CHECK_MSG(strcmp(got, "1:بغداد 8 ديسمبر\n2-أكد رئيس الوزراء مصطفى الكاظمي اليوم\n--\n"
                              "5:شرق مدينة أربيل\n6-وقال بيان إن الكاظمى زار مخمور\n") == 0,
                  "chunk %zu: %s", ch, got);
        CHECK(n == 2);
        /* Count only. */
        ar_search_opts sc = {0, -1, 0, 0, AR_BINARY_QUIT, 0, 0, 0, 1};
        got = run("مخمور", report, strlen(report), &sc, ch, &n, NULL);
        CHECK(got[0] == 0 && n == 2);
    }
}

static void regex_spans(void)
{
    /* Folded for the regex, printed from the original. */
    const char *t = "x\n\u200fقال الكاظمِيّ، ثم الكـاظمى\nz";
    ar_search_opts so = {0, -1, 0, 0, AR_BINARY_QUIT, 1, 1, 0, 0};
    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
        const char *got = run("ال.اظم.", t, strlen(t), &so, chunks[k], NULL, NULL);
        CHECK_MSG(strcmp(got, "2:\u200fقال الكاظمِيّ، ثم الكـاظمى[الكاظمِيّ][الكـاظمى]\n") == 0, "%s", got);
        /* The last line has no newline; ^ and $ work per line. */
        got = run("^z$", t, strlen(t), &so, chunks[k], NULL, NULL);
        CHECK_MSG(strcmp(got, "3:z[z]\n") == 0, "%s", got);
        /* A regex whose match would run across a newline is looked at per line. */
        const char *t2 = "قال\nالكاظمي ثم\nقال الكاظمي ثم\n";
        got = run("قال\\s+\\S+\\s+ثم", t2, strlen(t2), &so, chunks[k], NULL, NULL);
        CHECK_MSG(strcmp(got, "3:قال الكاظمي ثم[قال الكاظمي ثم]\n") == 0, "%s", got);
    }
}

/* A regex with a literal every match contains goes through the prefilter:
 * the same lines whatever the chunk size, -v included. */
static void prefiltered(void)
{
    for (size_t k = 0; k < sizeof chunks / sizeof *chunks; k++) {
        ar_search_opts sv = {1, -1, 0, 0, AR_BINARY_QUIT, 1, 1, 0, 0};
        uint64_t n = 0;
        const char *got = run("ال.اظم[يى]", report, strlen(report), &sv, chunks[k], &n, NULL);
        CHECK_MSG(n == 6 && strncmp(got, "1:بغداد", strlen("1:بغداد")) == 0, "%s", got);
        ar_search_opts so = {0, -1, 1, 0, AR_BINARY_QUIT, 1, 1, 0, 0};
        got = run("قوات\\s+البيشمرك.", report, strlen(report), &so, chunks[k], &n, NULL);
        CHECK_MSG(strcmp(got, "7-وعقد اجتماعا موسعا\n8:مع قوات البيشمركة[قوات البيشمركة]\n") == 0, "%s", got);
    }
}

static void binary(void)
{
    static const char bin[] = "مخمور\nfoo\0bar\nمخمور 2\n";
    ar_search_opts so = {0, -1, 0, 0, AR_BINARY_QUIT, 0, 1, 0, 0};
    uint64_t n = 0;
    int b = 0;
    const char *got = run("مخمور", bin, sizeof bin - 1, &so, 0, &n, &b);
    CHECK(got[0] == 0 && b == 1 && n == 1);
    so.count_only = 1;
    got = run("مخمور", bin, sizeof bin - 1, &so, 0, &n, &b);
    CHECK(b == 0 && n == 2);
    so.count_only = 0;
    so.binary = AR_BINARY_TEXT;
    got = run("مخمور", bin, sizeof bin - 1, &so, 0, &n, &b);
    CHECK_MSG(strcmp(got, "1:مخمور\n3:مخمور 2\n") == 0, "%s", got);
    so.binary = AR_BINARY_SKIP;
    got = run("مخمور", bin, sizeof bin - 1, &so, 0, &n, &b);
    CHECK(got[0] == 0 && n == 0);
}

static void edges(void)
{
    ar_search_opts so = {0, -1, 0, 0, AR_BINARY_QUIT, 1, 1, 0, 0};
    uint64_t n = 9;
    /* Empty input, an empty pattern, -m 0. */
    const char *got = run("مخمور", "", 0, &so, 0, &n, NULL);
    CHECK(got[0] == 0 && n == 0);
    got = run("", "a\n\nb", 4, &so, 0, &n, NULL);
    CHECK_MSG(strcmp(got, "1:a\n2:\n3:b\n") == 0, "%s", got); /* empty matches are no spans */
    so.max_count = 0;
    got = run("a", "a\n", 2, &so, 0, &n, NULL);
    CHECK(got[0] == 0 && n == 0);
    /* CRLF: the '\r' stays in the line. */
    so.max_count = -1;
    got = run("مخمور", "مخمور\r\nx\r\n", strlen("مخمور\r\nx\r\n"), &so, 0, &n, NULL);
    CHECK_MSG(strcmp(got, "1:مخمور\r[مخمور]\n") == 0, "%s", got);
    ar_searcher_free(NULL);
}

int main(void)
{
    for (no_scan = 0; no_scan < 2; no_scan++) {
        lines_and_context();
        regex_spans();
        prefiltered();
        binary();
        edges();
    }
    return check_done();
}
