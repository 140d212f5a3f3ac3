/* SPDX-License-Identifier: MIT */
/* Tokens, sentences and clitic segmentation: the case files
 * tests/cases/tok*.tsv, the invariants on every line of the corpus reports
 * (every byte that is not space in exactly one token, spans ordered,
 * re-tokenizing a token gives itself), invalid bytes, long lines, the
 * lexicon, and the API's edges. */
#include <dirent.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "artext/artext.h"
#include "check.h"
#include "tok_internal.h"

/* ---- helpers ------------------------------------------------------------ */

typedef struct toks {
    ar_token *t;
    size_t n, cap;
    size_t stop_after; /* return 7 after this many tokens; 0 = never */
} toks;

static int collect(const ar_token *t, void *ud)
{
    toks *v = ud;
    if (v->n == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 256;
        v->t = realloc(v->t, v->cap * sizeof *v->t);
        if (!v->t)
            abort();
    }
    v->t[v->n++] = *t;
    return v->stop_after && v->n == v->stop_after ? 7 : 0;
}

static void tokenize(const char *s, size_t n, toks *v)
{
    v->n = 0;
    CHECK(ar_tokenize(s, n, collect, v) == 0);
}

typedef struct spans {
    size_t a[4096], b[4096];
    size_t n;
} spans;

static int collect_sent(size_t a, size_t b, void *ud)
{
    spans *v = ud;
    if (v->n < 4096) {
        v->a[v->n] = a;
        v->b[v->n] = b;
    }
    v->n++;
    return 0;
}


static const char type_letter[] = {0, 'w', 'l', 'n', 'p', 'u', 'o'};

static FILE *open_case(const char *name)
{
    char rel[256];
    snprintf(rel, sizeof rel, "tests/cases/%s", name);
    const char *path = check_src_path(rel);
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    return f;
}

/* Splits line at TABs into at most max fields. */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    line[strcspn(line, "\r\n")] = 0;
    while (n < max) {
        f[n++] = line;
        char *t = strchr(line, '\t');
        if (!t)
            break;
        *t = 0;
        line = t + 1;
    }
    return n;
}

/* ---- the case files ----------------------------------------------------- */

static void test_token_cases(void)
{
    FILE *f = open_case("tok.tsv");
    if (!f)
        return;
    static char line[8192], in[8192], want[8192], got[16384];
    int lineno = 0, cases = 0;
    toks v = {0};
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *fl[3];
        int nf = fields(line, fl, 3);
        CHECK_MSG(nf == 2, "tok.tsv:%d: want 2 columns, got %d", lineno, nf);
        if (nf != 2)
            continue;
        size_t il = check_unescape(fl[0], in), wl = 0;
        if (strcmp(fl[1], "-") != 0)
            wl = check_unescape(fl[1], want);
        tokenize(in, il, &v);
        size_t k = 0;
        for (size_t i = 0; i < v.n; i++) {
            if (i)
                got[k++] = ' ';
            got[k++] = type_letter[v.t[i].type];
            got[k++] = ':';
            memcpy(got + k, in + v.t[i].start, v.t[i].end - v.t[i].start);
            k += v.t[i].end - v.t[i].start;
        }
        CHECK_MSG(k == wl && memcmp(got, want, k) == 0, "tok.tsv:%d:\n  got:  %.*s\n  want: %.*s", lineno,
                  (int)k, got, (int)wl, want);
        cases++;
    }
    fclose(f);
    free(v.t);
    printf("tok.tsv: %d cases\n", cases);
    CHECK(cases >= 35);
}

static void test_sentence_cases(void)
{
    FILE *f = open_case("tok_sentences.tsv");
    if (!f)
        return;
    static char line[8192], in[8192], want[8192];
    static spans v;
    int lineno = 0, cases = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *fl[32];
        int nf = fields(line, fl, 32);
        CHECK_MSG(nf >= 2, "tok_sentences.tsv:%d: want 2 columns or more", lineno);
        if (nf < 2)
            continue;
        size_t il = check_unescape(fl[0], in);
        v.n = 0;
        CHECK(ar_sentences(in, il, collect_sent, &v) == 0);
        int nwant = strcmp(fl[1], "-") == 0 ? 0 : nf - 1;
        CHECK_MSG((int)v.n == nwant, "tok_sentences.tsv:%d: %zu sentences, want %d", lineno, v.n, nwant);
        for (int i = 0; i < nwant && i < (int)v.n; i++) {
            size_t wl = check_unescape(fl[i + 1], want);
            CHECK_MSG(v.b[i] - v.a[i] == wl && memcmp(in + v.a[i], want, wl) == 0,
                      "tok_sentences.tsv:%d: sentence %d is \"%.*s\", want \"%s\"", lineno, i + 1,
                      (int)(v.b[i] - v.a[i]), in + v.a[i], want);
        }
        cases++;
    }
    fclose(f);
    printf("tok_sentences.tsv: %d cases\n", cases);
    CHECK(cases >= 20);
}

static unsigned parse_flags(const char *s)
{
    if (strcmp(s, "-") == 0)
        return 0;
    unsigned f = 0;
    if (strstr(s, "article") || strcmp(s, "all") == 0)
        f |= AR_SEG_ARTICLE;
    if (strstr(s, "enclitics") || strcmp(s, "all") == 0)
        f |= AR_SEG_ENCLITICS;
    return f;
}

static void test_segment_cases(void)
{
    FILE *f = open_case("tok_segment.tsv");
    if (!f)
        return;
    static char line[4096], in[4096], want[4096];
    int lineno = 0, cases = 0, split = 0, whole = 0;
    ar_buf out = {0};
    while (fgets(line, sizeof line, f)) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *fl[4];
        int nf = fields(line, fl, 4);
        CHECK_MSG(nf == 3, "tok_segment.tsv:%d: want 3 columns", lineno);
        if (nf != 3)
            continue;
        size_t il = check_unescape(fl[0], in), wl = check_unescape(fl[2], want);
        out.len = 0;
        CHECK(ar_segment_format(in, il, parse_flags(fl[1]), "+", &out) == AR_OK);
        CHECK_MSG(out.len == wl && memcmp(out.ptr, want, wl) == 0,
                  "tok_segment.tsv:%d: %s %s: got \"%.*s\" want \"%s\"", lineno, fl[0], fl[1], (int)out.len,
                  out.ptr, want);
        if (strchr(want, '+'))
            split++;
        else
            whole++;
        cases++;
    }
    fclose(f);
    ar_buf_free(&out);
    printf("tok_segment.tsv: %d cases (%d split, %d whole)\n", cases, split, whole);
    CHECK(split >= 40 && whole >= 60);
}

/* ---- invariants over the corpus ---------------------------------------- */

/* Is the code point one the tokenizer may skip? Checked against ICU
 * directly, not the tokenizer's table. */
static int skippable(int32_t cp)
{
    return u_isUWhiteSpace(cp) || (u_charType(cp) == U_FORMAT_CHAR
                                   && !u_hasBinaryProperty(cp, UCHAR_PREPENDED_CONCATENATION_MARK));
}

/* Tokens of s[0..n): in bounds, non-empty, ordered, not overlapping; the
 * bytes between tokens are all skippable; a token tokenized alone is the same
 * single token. Returns the token count. */
static size_t check_tokens(const char *s, size_t n, const char *what)
{
    toks v = {0}, one = {0};
    tokenize(s, n, &v);
    size_t prev = 0;
    int bad = 0;
    for (size_t i = 0; i < v.n && bad < 5; i++) {
        const ar_token *t = &v.t[i];
        if (!(t->start < t->end && t->end <= n && t->start >= prev)) {
            CHECK_MSG(0, "%s: token %zu [%zu,%zu) after %zu", what, i, t->start, t->end, prev);
            bad++;
            continue;
        }
        for (size_t j = prev; j < t->start;) {
            int32_t cp;
            j += (size_t)ar_utf8_decode((const unsigned char *)s + j, n - j, &cp);
            if (cp < 0 || !skippable(cp)) {
                CHECK_MSG(0, "%s: byte %zu (U+%04X) is in no token", what, j, (unsigned)cp);
                bad++;
                break;
            }
        }
        tokenize(s + t->start, t->end - t->start, &one);
        if (!(one.n == 1 && one.t[0].start == 0 && one.t[0].end == t->end - t->start &&
              one.t[0].type == t->type)) {
            CHECK_MSG(0, "%s: token \"%.*s\" (%s) alone gives %zu tokens", what, (int)(t->end - t->start),
                      s + t->start, ar_tok_type_name(t->type), one.n);
            bad++;
        }
        prev = t->end;
    }
    for (size_t j = prev; j < n && !bad;) {
        int32_t cp;
        j += (size_t)ar_utf8_decode((const unsigned char *)s + j, n - j, &cp);
        if (cp < 0 || !skippable(cp)) {
            CHECK_MSG(0, "%s: trailing byte %zu is in no token", what, j);
            bad++;
        }
    }
    CHECK_MSG(!bad, "%s: %d token invariant(s) broken", what, bad);
    size_t count = v.n;
    free(v.t);
    free(one.t);
    return count;
}

/* Segmentation of every word of s: parts in order, contiguous, covering the
 * word, exactly one stem, proclitics before it, an enclitic after it, for
 * every flag set and every max. */
static void check_segments(const char *s, size_t n, const char *what, size_t *nsplit)
{
    toks v = {0};
    tokenize(s, n, &v);
    for (size_t i = 0; i < v.n; i++) {
        if (v.t[i].type != AR_TOK_WORD)
            continue;
        const char *w = s + v.t[i].start;
        size_t wl = v.t[i].end - v.t[i].start;
        for (unsigned fl = 0; fl < 4; fl++)
            for (int max = 1; max <= AR_SEG_MAX; max++) {
                ar_seg_part p[AR_SEG_MAX];
                int k = ar_segment(w, wl, fl, p, max);
                int ok = k >= 1 && k <= max && p[0].start == 0 && p[k - 1].end == wl, stems = 0,
                    seen_stem = 0;
                for (int j = 0; j < k && ok; j++) {
                    ok = p[j].start < p[j].end && (j == 0 || p[j].start == p[j - 1].end);
                    if (p[j].kind == AR_SEG_STEM)
                        stems++, seen_stem = 1;
                    else if (p[j].kind == AR_SEG_PROCLITIC)
                        ok = ok && !seen_stem;
                    else
                        ok = ok && seen_stem && j == k - 1;
                }
                CHECK_MSG(ok && stems == 1, "%s: bad segmentation of %.*s (flags %u, max %d)", what, (int)wl,
                          w, fl, max);
                if (fl == 0 && max == AR_SEG_MAX && k > 1)
                    (*nsplit)++;
            }
    }
    free(v.t);
}


static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void test_corpus(void)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", check_src_path("corpus"));
    DIR *d = opendir(dir);
    CHECK_MSG(d != NULL, "cannot open %s", dir);
    if (!d)
        return;
    char *names[64];
    int nn = 0;
    struct dirent *e;
    while ((e = readdir(d)) && nn < 64)
        if (strstr(e->d_name, ".txt"))
            names[nn++] = strdup(e->d_name);
    closedir(d);
    qsort(names, (size_t)nn, sizeof *names, cmp_str);
    CHECK(nn >= 5);
    static spans sv;
    size_t total = 0, nsplit = 0;
    for (int i = 0; i < nn; i++) {
        char path[8192];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        size_t len;
        char *text = check_slurp(path, &len);
        CHECK_MSG(text != NULL, "cannot read %s", path);
        if (!text)
            continue;
        /* line by line, as ar-tok reads */
        size_t per_line = 0;
        for (size_t a = 0; a < len;) {
            const char *nl = memchr(text + a, '\n', len - a);
            size_t b = nl ? (size_t)(nl - text) : len;
            char what[256];
            snprintf(what, sizeof what, "%s@%zu", names[i], a);
            per_line += check_tokens(text + a, b - a, what);
            check_segments(text + a, b - a, what, &nsplit);
            a = b + 1;
        }
        /* the whole file at once: newlines are only space */
        size_t whole = check_tokens(text, len, names[i]);
        CHECK_MSG(whole == per_line, "%s: %zu tokens whole, %zu line by line", names[i], whole, per_line);
        total += whole;
        /* sentences: in bounds, ordered, trimmed, never across a line, and
         * every token inside one */
        sv.n = 0;
        CHECK(ar_sentences(text, len, collect_sent, &sv) == 0);
        size_t lines = 0, nonblank = 0;
        for (size_t a = 0; a < len;) {
            const char *nl = memchr(text + a, '\n', len - a);
            size_t b = nl ? (size_t)(nl - text) : len;
            lines++;
            for (size_t q = a; q < b; q++)
                if (text[q] != ' ' && text[q] != '\t' && text[q] != '\r') {
                    nonblank++;
                    break;
                }
            a = b + 1;
        }
        CHECK_MSG(sv.n >= nonblank && sv.n < 4 * nonblank, "%s: %zu sentences for %zu non-blank lines",
                  names[i], sv.n, nonblank);
        toks v = {0};
        tokenize(text, len, &v);
        size_t si = 0;
        for (size_t k = 0; k < sv.n && k < 4096; k++) {
            CHECK(sv.a[k] < sv.b[k] && sv.b[k] <= len && (k == 0 || sv.a[k] >= sv.b[k - 1]));
            CHECK(!memchr(text + sv.a[k], '\n', sv.b[k] - sv.a[k]));
            CHECK(text[sv.a[k]] != ' ' && text[sv.b[k] - 1] != ' ' && text[sv.b[k] - 1] != '\r');
        }
        for (size_t k = 0; k < v.n; k++) {
            while (si < sv.n && sv.b[si] <= v.t[k].start)
                si++;
            CHECK_MSG(si < sv.n && sv.a[si] <= v.t[k].start && v.t[k].end <= sv.b[si],
                      "%s: token at %zu in no sentence", names[i], v.t[k].start);
        }
        free(v.t);
        free(text);
        free(names[i]);
    }
    printf("corpus: %zu tokens, %zu words split by default\n", total, nsplit);
    CHECK(total > 2000);
    CHECK(nsplit > 100);
}

/* The first report's opening paragraphs, sentence by sentence: ten
 * sentences in nine lines (the fourth line holds two). */
static void test_corpus_sentences(void)
{
    const char *path = check_src_path("corpus/000_4d9058f67ed09ede.txt");
    size_t len;
    char *text = check_slurp(path, &len);
    CHECK(text != NULL);
    if (!text)
        return;
    static spans sv;
    sv.n = 0;
    ar_sentences(text, len, collect_sent, &sv);
    CHECK_MSG(sv.n == 10, "corpus/000: %zu sentences, want 10", sv.n);
    const char *s4 =
        "وأضاف \"من هنا ومن أرض المعركة أقول للتنظيمات الإرهابية: لا تتوهموا، نحن لكم بالمرصاد نلاحقكم "
        "واحدا واحدا\"، مؤكدا أنه \"لا مجال لعودة داعش مهما حاولت فلوله المهزومة\".";
    int found = 0;
    for (size_t k = 0; k < sv.n; k++)
        found |= sv.b[k] - sv.a[k] == strlen(s4) && memcmp(text + sv.a[k], s4, strlen(s4)) == 0;
    CHECK_MSG(found, "corpus/000: the fourth line is not a sentence of its own");
    free(text);
}

/* ---- bytes, long input, threads, API ------------------------------------ */

static void test_invalid(void)
{
    /* every byte value, alone and between letters: nothing lost */
    char buf[16];
    for (int b = 0; b < 256; b++) {
        buf[0] = (char)b;
        toks v = {0};
        tokenize(buf, 1, &v);
        int space = b == ' ' || (b >= '\t' && b <= '\r');
        CHECK_MSG(v.n == (space ? 0u : 1u), "byte %#x: %zu tokens", b, v.n);
        if (b >= 0x80)
            CHECK(v.n == 1 && v.t[0].type == AR_TOK_OTHER);
        free(v.t);
        memcpy(buf, "\xd8\xa8", 2);
        buf[2] = (char)b;
        memcpy(buf + 3, "\xd8\xa8", 2);
        check_tokens(buf, 5, "byte between letters");
    }
    /* a truncated letter at the end */
    toks v = {0};
    tokenize("\xd8\xa8\xd8", 3, &v);
    CHECK(v.n == 2 && v.t[0].type == AR_TOK_WORD && v.t[1].type == AR_TOK_OTHER && v.t[1].start == 2);
    free(v.t);
    /* segmentation of a word with a bad byte: one stem */
    ar_seg_part p[AR_SEG_MAX];
    CHECK(ar_segment("\xd9\x88\xff\xd8\xa8", 5, 3, p, AR_SEG_MAX) == 1 && p[0].end == 5);
}

static void test_long(void)
{
    /* The corpus repeated to a 6 MB line: tokens are the repeats' tokens. */
    const char *path = check_src_path("corpus/002_9ad9834b9b1b2951.txt");
    size_t len;
    char *piece = check_slurp(path, &len);
    CHECK(piece != NULL);
    if (!piece)
        return;
    for (size_t i = 0; i < len; i++)
        if (piece[i] == '\n')
            piece[i] = ' ';
    piece[len++] = ' '; /* slurp left room: the copies must not touch */
    size_t reps = 6000000 / len + 1, big = reps * len;
    char *text = malloc(big);
    for (size_t r = 0; r < reps; r++)
        memcpy(text + r * len, piece, len);
    toks v = {0};
    tokenize(piece, len, &v);
    size_t one = v.n;
    tokenize(text, big, &v);
    CHECK_MSG(v.n == one * reps, "6 MB line: %zu tokens, want %zu", v.n, one * reps);
    static spans sv;
    sv.n = 0;
    ar_sentences(text, big, collect_sent, &sv);
    CHECK(sv.n > reps);
    free(text);
    free(piece);
    free(v.t);
    v = (toks){0};
    /* Runs that could make a naive scanner quadratic: a 2 MB word of one
     * letter, "a.a.a." (every start a possible e-mail), an unclosed URL. */
    size_t n = 2000000;
    char *s = malloc(n + 16);
    for (size_t i = 0; i < n; i += 2)
        memcpy(s + i, "\xd8\xa8", 2);
    tokenize(s, n, &v);
    CHECK(v.n == 1 && v.t[0].end == n);
    ar_seg_part p[AR_SEG_MAX];
    CHECK(ar_segment(s, n, 3, p, AR_SEG_MAX) == 1);
    for (size_t i = 0; i < n; i++)
        s[i] = i % 2 ? '.' : 'a';
    tokenize(s, n, &v);
    CHECK(v.n == n);
    memcpy(s, "http://", 7);
    for (size_t i = 7; i < n; i++)
        s[i] = "a(b)"[(i - 7) % 4];
    tokenize(s, n, &v);
    CHECK(v.n == 1 && v.t[0].type == AR_TOK_URL);
    free(s);
    free(v.t);
}

typedef struct thr {
    const char *s;
    size_t n, count;
} thr;

static void *thread_tok(void *ud)
{
    thr *t = ud;
    toks v = {0};
    ar_tokenize(t->s, t->n, collect, &v);
    t->count = v.n;
    free(v.t);
    return NULL;
}

static void test_api(void)
{
    toks v = {0};
    CHECK(ar_tokenize(NULL, 0, collect, &v) == 0 && v.n == 0);
    CHECK(ar_tokenize(NULL, 3, collect, &v) == AR_EINVAL);
    CHECK(ar_tokenize("abc", 3, NULL, NULL) == AR_EINVAL);
    CHECK(ar_sentences("abc", 3, NULL, NULL) == AR_EINVAL);
    CHECK(ar_sentences(NULL, 2, collect_sent, NULL) == AR_EINVAL);
    /* the callback's value stops the scan and comes back */
    v.stop_after = 2;
    CHECK(ar_tokenize("a b c d", 7, collect, &v) == 7 && v.n == 2);
    free(v.t);
    ar_seg_part p[AR_SEG_MAX];
    CHECK(ar_segment("x", 1, 0, NULL, 1) == AR_EINVAL);
    CHECK(ar_segment("x", 1, 0, p, 0) == AR_EINVAL);
    CHECK(ar_segment(NULL, 1, 0, p, 1) == AR_EINVAL);
    CHECK(ar_segment(NULL, 0, 0, p, 1) == 1 && p[0].start == 0 && p[0].end == 0 && p[0].kind == AR_SEG_STEM);
    /* too few slots: the parts nearest the stem join it */
    const char *w = "وبالمحافظة";
    size_t wl = strlen(w);
    CHECK(ar_segment(w, wl, AR_SEG_ARTICLE, p, AR_SEG_MAX) == 4);
    CHECK(ar_segment(w, wl, AR_SEG_ARTICLE, p, 2) == 2 && p[0].end == 2 && p[1].kind == AR_SEG_STEM &&
          p[1].end == wl);
    CHECK(ar_segment(w, wl, AR_SEG_ARTICLE, p, 1) == 1 && p[0].end == wl);
    ar_buf out = {0};
    CHECK(ar_segment_format(w, wl, 0, NULL, &out) == AR_OK);
    CHECK_MEM(out.ptr, out.len, "و+ ب+ المحافظة");
    out.len = 0;
    CHECK(ar_segment_format(w, wl, 0, "", &out) == AR_OK);
    CHECK_MEM(out.ptr, out.len, "و ب المحافظة");
    out.len = 0;
    CHECK(ar_segment_format("حكومته", strlen("حكومته"), AR_SEG_ENCLITICS, "@@", &out) == AR_OK);
    CHECK_MEM(out.ptr, out.len, "حكومت @@ه");
    CHECK(ar_segment_format(w, wl, 0, NULL, NULL) == AR_EINVAL);
    ar_buf_free(&out);
    CHECK(strcmp(ar_tok_type_name(AR_TOK_WORD), "word") == 0 &&
          strcmp(ar_tok_type_name(AR_TOK_OTHER), "other") == 0);
    CHECK(ar_tok_type_name((ar_tok_type)0) == NULL && ar_tok_type_name((ar_tok_type)99) == NULL);

    /* Threads that start at once share the one-time tables. */
    const char *line = "وقال الكاظمي في بيان: https://x.iq ٣٫٥ و 2021.";
    thr t[4];
    pthread_t th[4];
    for (int i = 0; i < 4; i++) {
        t[i] = (thr){line, strlen(line), 0};
        pthread_create(&th[i], NULL, thread_tok, &t[i]);
    }
    for (int i = 0; i < 4; i++) {
        pthread_join(th[i], NULL);
        CHECK(t[i].count == 10);
    }
}

/* The lexicon: sorted, each entry as the segmenter folds it, roles known. */
static void test_lexicon(void)
{
    CHECK(ar_tok_lex_n > 500);
    for (size_t i = 0; i < ar_tok_lex_n; i++) {
        const ar_tok_lex_entry *e = &ar_tok_lex[i];
        CHECK_MSG(strlen(e->w) == e->len && e->roles && !(e->roles & ~15), "lexicon entry %zu", i);
        if (i) {
            const ar_tok_lex_entry *p = &ar_tok_lex[i - 1];
            size_t m = p->len < e->len ? p->len : e->len;
            int d = memcmp(p->w, e->w, m);
            CHECK_MSG(d < 0 || (d == 0 && p->len < e->len), "lexicon not sorted at %s", e->w);
        }
        /* folding an entry changes nothing: ا ي ه و stay, and no marks */
        for (size_t k = 0; k < e->len;) {
            int32_t cp;
            k += (size_t)ar_utf8_decode((const unsigned char *)e->w + k, e->len - k, &cp);
            int folded_away = cp == 0x0622 || cp == 0x0623 || cp == 0x0625 || cp == 0x0671 || cp == 0x0629
                              || cp == 0x0624 || cp == 0x0626 || cp == 0x06A9 || cp == 0x06CC || cp == 0x0640
                              || (cp >= 0x064B && cp <= 0x065F);
            CHECK_MSG(cp >= 0 && ar_tok_class(cp) == TC_AL && !folded_away, "lexicon entry %s: U+%04X", e->w,
                      (unsigned)cp);
        }
    }
}

int main(void)
{
    ar_tok_init();
    test_token_cases();
    test_sentence_cases();
    test_segment_cases();
    test_corpus();
    test_corpus_sentences();
    test_invalid();
    test_long();
    test_api();
    test_lexicon();
    return check_done();
}
