/* SPDX-License-Identifier: MIT */
/* The matcher: the cases of tests/cases/grep_match.tsv (every fold with a
 * positive and a negative case, Arabic-aware -w, -x, regex literal
 * folding), then spans in original text, engine choice, leftmost-longest
 * among many literals, a 10,000-pattern list, syntax errors and the regex
 * match limit. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "artext/match.h"
#include "artext/norm.h"
#include "check.h"
#include "match_internal.h"

static const struct {
    const char *name;
    unsigned flag;
} steps[] = {
    {"harakat", AR_NORM_HARAKAT}, {"quranic", AR_NORM_QURANIC}, {"tatweel", AR_NORM_TATWEEL},
    {"invisible", AR_NORM_INVISIBLE}, {"alef", AR_NORM_ALEF}, {"yeh", AR_NORM_YEH},
    {"teh", AR_NORM_TEH}, {"hamza", AR_NORM_HAMZA}, {"persian", AR_NORM_PERSIAN},
    {"digits", AR_NORM_DIGITS}, {"hamza-drop", AR_NORM_HAMZA_DROP}, {"presentation", AR_NORM_PRESENTATION},
    {NULL, 0}};

/* \u{XXXX} -> UTF-8, \xHH -> that byte. */
static size_t unescape(const char *s, char *out)
{
    size_t n = 0;
    while (*s) {
        if (s[0] == '\\' && s[1] == 'u' && s[2] == '{') {
            long cp = strtol(s + 3, (char **)&s, 16);
            s++; /* '}' */
            n += (size_t)ar_utf8_encode((int32_t)cp, out + n);
        } else if (s[0] == '\\' && s[1] == 'x' && s[2] && s[3]) {
            char hex[3] = {s[2], s[3], 0};
            out[n++] = (char)strtol(hex, NULL, 16);
            s += 4;
        } else
            out[n++] = *s++;
    }
    return n;
}

static int parse_opts(char *spec, ar_match_opts *o)
{
    memset(o, 0, sizeof *o);
    o->norm_flags = AR_MATCH_DEFAULT_FOLDS;
    if (strcmp(spec, "-") == 0)
        return 0;
    for (char *t = strtok(spec, ","); t; t = strtok(NULL, ",")) {
        if (!strcmp(t, "w"))
            o->word = 1;
        else if (!strcmp(t, "enc"))
            o->word = o->enclitics = 1;
        else if (!strcmp(t, "loose"))
            o->loose = 1;
        else if (!strcmp(t, "x"))
            o->line = 1;
        else if (!strcmp(t, "F"))
            o->fixed = 1;
        else if (!strcmp(t, "i"))
            o->caseless = 1;
        else if (!strcmp(t, "strict"))
            o->norm_flags = 0;
        else if (!strncmp(t, "no-", 3)) {
            int k = 0;
            while (steps[k].name && strcmp(steps[k].name, t + 3))
                k++;
            if (!steps[k].name)
                return -1;
            o->norm_flags &= ~steps[k].flag;
        } else
            return -1;
    }
    return 0;
}

static void cases(void)
{
    const char *src = getenv("ARTEXT_SRC");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/cases/grep_match.tsv", src ? src : ".");
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "%s", path);
    if (!f)
        return;
    char line[4096];
    int lineno = 0, ncases = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *spec = strtok(line, "\t"), *pat = strtok(NULL, "\t"), *text = strtok(NULL, "\t"),
             *want = strtok(NULL, "\t");
        if (!spec || !pat || !text || !want) {
            CHECK_MSG(0, "grep_match.tsv:%d: needs 4 columns", lineno);
            continue;
        }
        char p[1024], t[2048];
        size_t pl = unescape(pat, p), tl = unescape(text, t);
        char specbuf[256];
        snprintf(specbuf, sizeof specbuf, "%s", spec);
        ar_match_opts o;
        if (parse_opts(specbuf, &o)) {
            CHECK_MSG(0, "grep_match.tsv:%d: bad options %s", lineno, spec);
            continue;
        }
        const char *pp = p;
        ar_matcher *m = NULL;
        ar_diag d = {0};
        int rc = ar_matcher_new(&m, &pp, &pl, 1, &o, &d);
        CHECK_MSG(rc == AR_OK, "grep_match.tsv:%d: compile %s: %s", lineno, pat, d.msg);
        if (rc)
            continue;
        ar_match_scratch *s = NULL;
        ar_match_scratch_new(&s, m);
        int got = ar_matcher_test(m, s, t, tl);
        CHECK_MSG(got == atoi(want), "grep_match.tsv:%d: [%s] /%s/ in \"%s\": got %d (%s engine)", lineno, spec,
                  pat, text, got, ar_matcher_kind(m));
        ncases++;
        ar_match_scratch_free(s);
        ar_matcher_free(m);
    }
    fclose(f);
    CHECK(ncases > 80);
}

/* Finds pattern p in text t with default folds (+ flags) and returns the
 * matched original bytes. */
static int find1(const char *p, const char *t, int word, int fixed, size_t *ms, size_t *me)
{
    ar_match_opts o = {AR_MATCH_DEFAULT_FOLDS, fixed, word, 0, 0, 0, 0, 0, 0, 0};
    size_t pl = strlen(p);
    ar_matcher *m = NULL;
    if (ar_matcher_new(&m, &p, &pl, 1, &o, NULL))
        return -99;
    ar_match_scratch *s = NULL;
    ar_match_scratch_new(&s, m);
    int rc = ar_matcher_find(m, s, t, strlen(t), 0, ms, me);
    ar_match_scratch_free(s);
    ar_matcher_free(m);
    return rc;
}

static void spans(void)
{
    size_t a = 0, b = 0;
    /* The span is in the original text and takes the marks of the last letter. */
    const char *t = "قال الكاظمِيّ اليوم";
    CHECK(find1("الكاظمي", t, 0, 0, &a, &b) == 1);
    CHECK_MEM(t + a, b - a, "الكاظمِيّ");
    t = "زار مخـمور وأربيل";
    CHECK(find1("اربيل", t, 0, 0, &a, &b) == 1);
    CHECK_MEM(t + a, b - a, "أربيل");
    CHECK(find1("مخمور", t, 0, 0, &a, &b) == 1);
    CHECK_MEM(t + a, b - a, "مخـمور");
    /* The لل form: the span covers what the text wrote. */
    t = "وقال مصدر مقرب وللكاظمي رأي";
    CHECK(find1("الكاظمي", t, 1, 0, &a, &b) == 1);
    CHECK_MEM(t + a, b - a, "للكاظمي");
    /* A regex: spans are found in folded text; here the caller is the
     * searcher, so only the folded-text offsets are checked. */
    CHECK(find1("ال[كق]اظمي", "الكاظمي", 0, 0, &a, &b) == 1 && a == 0 && b == strlen("الكاظمي"));
    /* -w skips a first occurrence that is not a word and finds the next. */
    t = "الكاظميين والكاظمي";
    CHECK(find1("الكاظمي", t, 1, 0, &a, &b) == 1);
    CHECK_MEM(t + a, b - a, "الكاظمي");
    CHECK(a == strlen("الكاظميين و"));
}

static ar_matcher *compile(const char *const *p, size_t n, int fixed, int line)
{
    size_t *len = malloc(n * sizeof *len);
    for (size_t i = 0; i < n; i++)
        len[i] = strlen(p[i]);
    ar_match_opts o = {AR_MATCH_DEFAULT_FOLDS, fixed, 0, line, 0, 0, 0, 0, 0, 0};
    ar_matcher *m = NULL;
    int rc = ar_matcher_new(&m, p, len, n, &o, NULL);
    free(len);
    return rc ? NULL : m;
}

static void engines(void)
{
    const char *one[] = {"الكاظمي"}, *two[] = {"مخمور", "أربيل"}, *re[] = {"ال.اظمي"};
    ar_matcher *m = compile(one, 1, 0, 0);
    CHECK(m && !strcmp(ar_matcher_kind(m), "literal") && !ar_matcher_needs_fold(m));
    ar_matcher_free(m);
    m = compile(two, 2, 0, 0);
    CHECK(m && !strcmp(ar_matcher_kind(m), "multi-literal"));
    ar_matcher_free(m);
    m = compile(re, 1, 0, 0);
    CHECK(m && !strcmp(ar_matcher_kind(m), "regex") && ar_matcher_needs_fold(m));
    ar_matcher_free(m);
    m = compile(re, 1, 1, 0);
    CHECK(m && !strcmp(ar_matcher_kind(m), "literal"));
    ar_matcher_free(m);
    m = compile(two, 2, 1, 1);
    CHECK(m && !strcmp(ar_matcher_kind(m), "lines"));
    ar_matcher_free(m);
    /* A pattern with a newline is two patterns. */
    const char *nl[] = {"مخمور\nأربيل"};
    m = compile(nl, 1, 0, 0);
    CHECK(m && !strcmp(ar_matcher_kind(m), "multi-literal"));
    ar_match_scratch *s = NULL;
    ar_match_scratch_new(&s, m);
    CHECK(ar_matcher_test(m, s, "في اربيل", strlen("في اربيل")) == 1);
    ar_match_scratch_free(s);
    ar_matcher_free(m);
    /* ar_*_free(NULL) are no-ops. */
    ar_matcher_free(NULL);
    ar_match_scratch_free(NULL);
}

extern int artext_match_scan_level; /* lib/match.c: widest candidate scan used */

/* Every match of the matcher over text[0..n), as (start, end) pairs. */
static void all_matches(ar_matcher *m, const char *text, size_t n, ar_buf *out)
{
    ar_match_scratch *s = NULL;
    CHECK(ar_match_scratch_new(&s, m) == AR_OK);
    size_t from = 0, ms, me;
    while (from < n && ar_matcher_find(m, s, text, n, from, &ms, &me) == 1) {
        size_t pair[2] = {ms, me};
        ar_buf_append(out, pair, sizeof pair);
        from = me > ms ? me : ms + 1;
    }
    ar_match_scratch_free(s);
}

/* The five reports of corpus/, one after the other, appended to text. */
static void corpus_text(ar_buf *text)
{
    static const char *const names[] = {"000_4d9058f67ed09ede", "001_f52aea2b1973677a", "002_9ad9834b9b1b2951",
                                        "003_6632ca06fe799778", "004_c9d40e4c5cee4790"};
    for (int i = 0; i < 5; i++) {
        char rel[64];
        snprintf(rel, sizeof rel, "corpus/%s.txt", names[i]);
        size_t n;
        char *t = check_slurp(check_src_path(rel), &n);
        CHECK(t != NULL);
        if (t)
            ar_buf_append(text, t, n);
        free(t);
    }
}

/* The single-literal scan (AVX2, SSE2 and memchr steps, each with the
 * tests of the bytes beside the anchor) against the multi-literal automaton,
 * which shares none of it, on the corpus and on lines where a mark,
 * tatweel or invisible character follows each letter of the name in turn,
 * at every offset in a 32-byte block. */
static void single_scan(void)
{
    ar_buf text = {0};
    corpus_text(&text);
    static const char *const pats[] = {"الكاظمي", "مخمور", "أربيل", "داعش", "البيشمركة", "بغداد", "الظلام", "قال"};
    static const char *const marks[] = {"\u0650", "\u0651", "\u0640", "\u200C", "\u0670", "\u064E\u0651"};
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        const char *pat = pats[k];
        size_t pl = strlen(pat);
        for (size_t at = 2; at <= pl; at += 2) /* after each letter (two bytes) */
            for (size_t mk = 0; mk < sizeof marks / sizeof *marks; mk++)
                for (int pad = 0; pad < 40; pad += 13) {
                    for (int q = 0; q < pad; q++)
                        ar_buf_append(&text, "x", 1);
                    ar_buf_append(&text, " و", strlen(" و"));
                    ar_buf_append(&text, pat, at);
                    ar_buf_append(&text, marks[mk], strlen(marks[mk]));
                    ar_buf_append(&text, pat + at, pl - at);
                    ar_buf_append(&text, " ظل\n", strlen(" ظل\n"));
                }
    }
    /* Each letter in turn spelled as another that folds to it, and stray
     * bytes beside it: the two-byte filters around the anchor and the
     * byte-exact path must let through what the automaton finds, and
     * nothing else. */
    static const char *const swaps[][2] = {{"ا", "أ"}, {"ا", "إ"}, {"ا", "آ"}, {"ي", "ى"}, {"ي", "ی"},
                                           {"ة", "ه"}, {"ك", "ک"}, {"ل", "\xD8"}, {"ظ", "x"}, {"م", "\x80"}};
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        const char *pat = pats[k];
        size_t pl = strlen(pat);
        for (size_t at = 0; at < pl; at += 2)
            for (size_t sw = 0; sw < sizeof swaps / sizeof *swaps; sw++) {
                int stray = strlen(swaps[sw][1]) == 1;
                if (!stray && memcmp(pat + at, swaps[sw][0], 2) != 0)
                    continue;
                for (int pad = 0; pad < 40; pad += 7) {
                    for (int q = 0; q < pad; q++)
                        ar_buf_append(&text, "x", 1);
                    ar_buf_append(&text, " ب", strlen(" ب"));
                    ar_buf_append(&text, pat, at);
                    ar_buf_append(&text, swaps[sw][1], strlen(swaps[sw][1]));
                    ar_buf_append(&text, pat + at + (stray ? 0 : 2), pl - at - (stray ? 0 : 2));
                    ar_buf_append(&text, "\n", 1);
                }
            }
    }
    int singles = 0;
    for (size_t k = 0; k < sizeof pats / sizeof *pats; k++) {
        for (int word = 0; word < 2; word++) {
            const char *two[] = {pats[k], "\u00A7\u00A7\u00A7"};
            size_t len[] = {strlen(two[0]), strlen(two[1])};
            ar_match_opts o = {AR_MATCH_DEFAULT_FOLDS, 1, word, 0, 0, 0, 0, 0, 0, 0};
            ar_matcher *multi = NULL;
            CHECK(ar_matcher_new(&multi, two, len, 2, &o, NULL) == AR_OK);
            CHECK(!strcmp(ar_matcher_kind(multi), "multi-literal"));
            ar_buf want = {0};
            all_matches(multi, text.ptr, text.len, &want);
            CHECK_MSG(want.len / (2 * sizeof(size_t)) >= 24, "%s: %zu matches", pats[k],
                      want.len / (2 * sizeof(size_t)));
            for (int level = 2; level >= 0; level--) {
                artext_match_scan_level = level;
                ar_matcher *one = NULL;
                CHECK(ar_matcher_new(&one, two, len, 1, &o, NULL) == AR_OK);
                if (strcmp(ar_matcher_kind(one), "literal") != 0) { /* أربيل, البيشمركة: variants */
                    ar_matcher_free(one);
                    break;
                }
                singles++;
                ar_buf got = {0};
                all_matches(one, text.ptr, text.len, &got);
                CHECK_MSG(got.len == want.len && memcmp(got.ptr, want.ptr, want.len) == 0,
                          "%s -w %d level %d: %zu matches, the automaton %zu", pats[k], word, level,
                          got.len / (2 * sizeof(size_t)), want.len / (2 * sizeof(size_t)));
                ar_buf_free(&got);
                ar_matcher_free(one);
            }
            artext_match_scan_level = 2;
            ar_buf_free(&want);
            ar_matcher_free(multi);
        }
    }
    CHECK(singles == 6 * 2 * 3);
    ar_buf_free(&text);
}

/* Lines only (ar-grep -c, -l, -q): a list stops at the first pattern it
 * meets and need not find where it starts, and must select the same lines
 * as the full search, on the corpus, with and without -w (which ignores
 * it). */
static void lines_only(void)
{
    ar_buf text = {0};
    corpus_text(&text);
    static const char *const pats[] = {"الكاظمي", "أربيل", "البيشمركة", "داعش", "مخمور", "بغداد", "قال", "العراق"};
    size_t len[8];
    for (int i = 0; i < 8; i++)
        len[i] = strlen(pats[i]);
    for (int word = 0; word < 2; word++) {
        size_t counts[2] = {0, 0};
        ar_buf lines[2] = {{0}, {0}};
        for (int only = 0; only < 2; only++) {
            ar_match_opts o = {AR_MATCH_DEFAULT_FOLDS, 1, word, 0, 0, 0, 0, 0, 0, only};
            ar_matcher *m = NULL;
            CHECK(ar_matcher_new(&m, pats, len, 8, &o, NULL) == AR_OK);
            CHECK(!strcmp(ar_matcher_kind(m), "multi-literal"));
            ar_match_scratch *sc = NULL;
            CHECK(ar_match_scratch_new(&sc, m) == AR_OK);
            size_t from = 0, ms, me;
            while (from < text.len && ar_matcher_find(m, sc, text.ptr, text.len, from, &ms, &me) == 1) {
                CHECK(ms >= from && me > ms && me <= text.len);
                size_t a = ms;
                while (a > 0 && text.ptr[a - 1] != '\n')
                    a--;
                ar_buf_append(&lines[only], &a, sizeof a);
                counts[only]++;
                const char *nl = memchr(text.ptr + ms, '\n', text.len - ms);
                if (!nl)
                    break;
                from = (size_t)(nl - text.ptr) + 1;
            }
            ar_match_scratch_free(sc);
            ar_matcher_free(m);
        }
        CHECK_MSG(counts[0] >= 40, "-w %d: %zu lines", word, counts[0]);
        CHECK_MSG(counts[0] == counts[1] && !memcmp(lines[0].ptr, lines[1].ptr, lines[0].len),
                  "-w %d: %zu lines in full, %zu with lines_only", word, counts[0], counts[1]);
        ar_buf_free(&lines[0]);
        ar_buf_free(&lines[1]);
    }
    ar_buf_free(&text);
}

/* -w --enclitics with several patterns: the ت form of a final ة before a
 * pronoun; and plain -w with the same patterns, where nothing may follow. */
static void word_multi(void)
{
    const char *p[] = {"حكومة", "مخمور", "البيشمركة"};
    size_t len[] = {strlen(p[0]), strlen(p[1]), strlen(p[2])};
    ar_match_opts o = {AR_MATCH_DEFAULT_FOLDS, 0, 1, 0, 0, 0, 0, 1, 0, 0};
    ar_matcher *m = NULL;
    CHECK(ar_matcher_new(&m, p, len, 3, &o, NULL) == AR_OK && !strcmp(ar_matcher_kind(m), "multi-literal"));
    ar_match_scratch *s = NULL;
    ar_match_scratch_new(&s, m);
    const char *yes[] = {"قالت حكومته", "وللبيشمركتهم", "في مخمورها", "حكومه"};
    const char *no[] = {"حكومت", "حكومتي2", "مخمورية", "البيشمركتان"};
    for (size_t i = 0; i < 4; i++) {
        CHECK_MSG(ar_matcher_test(m, s, yes[i], strlen(yes[i])) == 1, "%s", yes[i]);
        CHECK_MSG(ar_matcher_test(m, s, no[i], strlen(no[i])) == 0, "%s", no[i]);
    }
    ar_match_scratch_free(s);
    ar_matcher_free(m);
    o.enclitics = 0;
    CHECK(ar_matcher_new(&m, p, len, 3, &o, NULL) == AR_OK && !strcmp(ar_matcher_kind(m), "multi-literal"));
    ar_match_scratch_new(&s, m);
    for (size_t i = 0; i < 3; i++)
        CHECK_MSG(ar_matcher_test(m, s, yes[i], strlen(yes[i])) == 0, "plain -w: %s", yes[i]);
    const char *plain[] = {"وللبيشمركة", "في مخمور،", "حكومه"};
    for (size_t i = 0; i < 3; i++)
        CHECK_MSG(ar_matcher_test(m, s, plain[i], strlen(plain[i])) == 1, "plain -w: %s", plain[i]);
    ar_match_scratch_free(s);
    ar_matcher_free(m);
}

static void leftmost_longest(void)
{
    const char *p[] = {"كاظمي", "الكاظمي", "مصطفى الكاظمي", "ظمي"};
    ar_matcher *m = compile(p, 4, 1, 0);
    ar_match_scratch *s = NULL;
    ar_match_scratch_new(&s, m);
    const char *t = "رئيس الوزراء مصطفى الكاظمي، اليوم";
    size_t a, b;
    CHECK(ar_matcher_find(m, s, t, strlen(t), 0, &a, &b) == 1);
    CHECK_MEM(t + a, b - a, "مصطفى الكاظمي");
    /* From inside the first match on, the next leftmost is a shorter one. */
    CHECK(ar_matcher_find(m, s, t, strlen(t), a + 1, &a, &b) == 1);
    CHECK_MEM(t + a, b - a, "الكاظمي");
    ar_match_scratch_free(s);
    ar_matcher_free(m);
}

/* 10,000 distinct names made of Arabic letters, with real names among them. */
static void many(void)
{
    enum { N = 10000 };
    static const char *letters[] = {"ب", "ت", "ج", "د", "ر", "س", "ع", "ف", "ق", "ن", "ه", "و"};
    char **names = malloc(N * sizeof *names);
    for (int i = 0; i < N; i++) {
        char buf[64];
        size_t n = 0;
        int x = i;
        for (int k = 0; k < 6; k++) {
            const char *l = letters[x % 12];
            x /= 12;
            memcpy(buf + n, l, strlen(l));
            n += strlen(l);
            if (k == 2)
                memcpy(buf + n, "م", 2), n += 2;
        }
        buf[n] = 0;
        names[i] = strdup(buf);
    }
    free(names[4321]);
    names[4321] = strdup("البيشمركة");
    free(names[9999]);
    names[9999] = strdup("مخمور");
    ar_matcher *m = compile((const char *const *)names, N, 1, 0);
    CHECK(m && !strcmp(ar_matcher_kind(m), "multi-literal"));
    ar_match_scratch *s = NULL;
    ar_match_scratch_new(&s, m);
    const char *t = "وعقد اجتماعا موسعا مع قوات البيشمركه الكردية";
    size_t a, b;
    CHECK(ar_matcher_find(m, s, t, strlen(t), 0, &a, &b) == 1);
    CHECK_MEM(t + a, b - a, "البيشمركه");
    t = "زار منطقة مَخْمُور";
    CHECK(ar_matcher_find(m, s, t, strlen(t), 0, &a, &b) == 1);
    CHECK_MEM(t + a, b - a, "مَخْمُور");
    /* A generated name found inside a longer text, and one that is absent. */
    char text[256];
    snprintf(text, sizeof text, "قبل %s بعد", names[1234]);
    CHECK(ar_matcher_find(m, s, text, strlen(text), 0, &a, &b) == 1);
    CHECK_MEM(text + a, b - a, names[1234]);
    t = "لا شيء هنا يطابق";
    CHECK(ar_matcher_find(m, s, t, strlen(t), 0, &a, &b) == 0);
    ar_match_scratch_free(s);
    ar_matcher_free(m);
    for (int i = 0; i < N; i++)
        free(names[i]);
    free(names);
}

static void errors(void)
{
    const char *p = "مخ(مور";
    size_t pl = strlen(p);
    ar_match_opts o = {AR_MATCH_DEFAULT_FOLDS, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    ar_matcher *m = NULL;
    ar_diag d = {0};
    CHECK(ar_matcher_new(&m, &p, &pl, 1, &o, &d) == AR_ESYNTAX && m == NULL);
    CHECK(d.line == 1 && d.offset >= 0 && strstr(d.msg, "parenthesis") != NULL);
    /* The second of two patterns is named in the diagnostic. */
    const char *two[] = {"مخمور", "أربيل)"};
    size_t tl[] = {strlen(two[0]), strlen(two[1])};
    CHECK(ar_matcher_new(&m, two, tl, 2, &o, &d) == AR_ESYNTAX && d.line == 2);
    /* Composition steps are refused. */
    o.norm_flags |= AR_NORM_NFKC;
    CHECK(ar_matcher_new(&m, &p, &pl, 1, &o, &d) == AR_EINVAL);
}

/* A runaway regex stops at the match limit with AR_ELIMIT. */
static void match_limit(void)
{
    const char *p = "^(\\w|\\w\\w)+$";
    size_t pl = strlen(p);
    ar_match_opts o = {AR_MATCH_DEFAULT_FOLDS, 0, 0, 0, 0, 100000, 0, 0, 0, 0};
    ar_matcher *m = NULL;
    CHECK(ar_matcher_new(&m, &p, &pl, 1, &o, NULL) == AR_OK);
    char text[400];
    size_t n = 0;
    while (n + 20 < sizeof text) {
        memcpy(text + n, "كلمة", strlen("كلمة"));
        n += strlen("كلمة");
    }
    text[n++] = '!';
    ar_match_scratch *s = NULL;
    ar_match_scratch_new(&s, m);
    CHECK(ar_matcher_test(m, s, text, n) == AR_ELIMIT);
    ar_match_scratch_free(s);
    ar_matcher_free(m);
}

/* One compiled matcher shared by four threads, each with its own scratch:
 * every thread finds the same matches as a lone caller. */
typedef struct shared_job {
    const ar_matcher *m;
    const char *text;
    size_t len, count, sum;
} shared_job;

static void *count_matches(void *arg)
{
    shared_job *j = arg;
    ar_match_scratch *s = NULL;
    if (ar_match_scratch_new(&s, j->m))
        return NULL;
    for (int rep = 0; rep < 20; rep++) {
        size_t from = 0, a, b;
        j->count = j->sum = 0;
        while (ar_matcher_find(j->m, s, j->text, j->len, from, &a, &b) == 1) {
            j->count++;
            j->sum += a;
            from = b > a ? b : a + 1;
        }
    }
    ar_match_scratch_free(s);
    return NULL;
}

static void threads(void)
{
    const char *pats[][2] = {{"الكاظمي", NULL}, {"مخمور", "أربيل"}, {"ال.اظمي", NULL}};
    char text[4096];
    size_t n = 0;
    for (int i = 0; i < 20; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "زار الكاظمِي مخمور واربيل %d\n", i);
    for (int k = 0; k < 3; k++) {
        size_t np = pats[k][1] ? 2 : 1, len[2] = {strlen(pats[k][0]), pats[k][1] ? strlen(pats[k][1]) : 0};
        ar_match_opts o = {AR_MATCH_DEFAULT_FOLDS, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        ar_matcher *m = NULL;
        CHECK(ar_matcher_new(&m, pats[k], len, np, &o, NULL) == AR_OK);
        if (!m)
            continue;
        /* The regex engine wants folded text: fold once, share it. */
        ar_buf f = {0};
        const char *t = text;
        size_t tl = n;
        if (ar_matcher_needs_fold(m)) {
            ar_norm_apply(ar_matcher_norm(m), text, n, &f, NULL);
            t = f.ptr;
            tl = f.len;
        }
        shared_job lone = {m, t, tl, 0, 0}, jobs[4];
        count_matches(&lone);
        pthread_t th[4];
        for (int i = 0; i < 4; i++) {
            jobs[i] = lone;
            pthread_create(&th[i], NULL, count_matches, &jobs[i]);
        }
        for (int i = 0; i < 4; i++) {
            pthread_join(th[i], NULL);
            CHECK(jobs[i].count == lone.count && jobs[i].sum == lone.sum);
        }
        CHECK(lone.count == 20 * np);
        ar_buf_free(&f);
        ar_matcher_free(m);
    }
}


/* The matcher's fold table skips the code points the normalizer has no
 * entry for, and lists the ones folding moves so that set-up need not
 * walk the plane. Both shortcuts are checked against the normalizer's own
 * fold of every BMP code point, for the default folds and a few others. */
static void foldtab(void)
{
    const unsigned sets[] = {AR_MATCH_DEFAULT_FOLDS, AR_MATCH_DEFAULT_FOLDS | AR_NORM_LATIN_CASE,
                             AR_MATCH_DEFAULT_FOLDS & ~(AR_NORM_HAMZA | AR_NORM_PRESENTATION), AR_NORM_HARAKAT};
    /* the presentation forms alone are some 700 code points; harakat, the
     * marks 064B-065F and their kin */
    const size_t mins[] = {700, 750, 100, 15};
    for (size_t si = 0; si < sizeof sets / sizeof sets[0]; si++) {
        ar_norm *n;
        CHECK(ar_norm_new(&n, sets[si]) == AR_OK);
        ar_foldtab ft;
        CHECK(ar_foldtab_init(&ft, n) == AR_OK);
        size_t moved = 0, bad = 0, order = 0;
        for (size_t i = 1; i < ft.nmoved; i++)
            order += ft.moved[i] <= ft.moved[i - 1];
        for (int32_t cp = 0; cp < 0x10000; cp++) {
            if (cp >= 0xD800 && cp <= 0xDFFF)
                continue;
            /* the normalizer's fold, decoded back to code points */
            char buf[16];
            int len = ar_norm_fold_cp(n, cp, buf), k = 0;
            int32_t want[AR_M_FOLD_MAX], got[AR_M_FOLD_MAX];
            for (int i = 0; i < len && k < AR_M_FOLD_MAX; k++)
                i += (int)ar_m_decode((const unsigned char *)buf, (size_t)len, (size_t)i, &want[k]);
            int g = ar_m_fold(&ft, cp, got);
            if (g != k || memcmp(got, want, (size_t)k * sizeof *got))
                bad++;
            if (ft.bmp[cp] != (uint32_t)cp) {
                moved++;
                size_t lo = 0, hi = ft.nmoved;
                while (lo < hi) {
                    size_t mid = (lo + hi) / 2;
                    if (ft.moved[mid] < cp)
                        lo = mid + 1;
                    else
                        hi = mid;
                }
                if (lo == ft.nmoved || ft.moved[lo] != cp)
                    bad++;
            }
        }
        CHECK(bad == 0);
        CHECK(order == 0);
        CHECK(moved == ft.nmoved);
        CHECK(moved >= mins[si]);
        ar_foldtab_free(&ft);
        ar_norm_free(n);
    }
}

int main(void)
{
    foldtab();
    cases();
    spans();
    engines();
    single_scan();
    lines_only();
    word_multi();
    leftmost_longest();
    many();
    errors();
    match_limit();
    threads();
    return check_done();
}
