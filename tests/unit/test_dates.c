/* SPDX-License-Identifier: MIT */
/* The dates API: options and errors, the ICU-built lexicon, offsets into
 * original (vocalized, Arabic-Indic) text, the Hijri conversion, one
 * recognizer shared by several threads, and the scanner's vector step
 * against its scalar loop. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#include "artext/artext.h"
#include "check.h"
#include "dates_internal.h"

static ar_dates *rec;

static size_t scan(ar_dates_scratch *s, const char *text, const ar_ymd *ref, const ar_date_mention **m)
{
    size_t n = 0;
    CHECK(ar_dates_scan(rec, s, text, strlen(text), ref, m, &n) == AR_OK);
    return n;
}

static void test_options(void)
{
    ar_dates *d = NULL;
    ar_diag dg;
    memset(&dg, 0, sizeof dg);
    ar_dates_opts o;
    memset(&o, 0, sizeof o);
    o.calendar = "mayan";
    CHECK(ar_dates_new(&d, &o, &dg) == AR_ENOTFOUND && d == NULL);
    CHECK(strstr(dg.msg, "mayan") != NULL);
    o.calendar = NULL;
    o.ref = (ar_ymd){2021, 2, 29};
    CHECK(ar_dates_new(&d, &o, &dg) == AR_EINVAL && d == NULL);
    CHECK(ar_dates_new(NULL, &o, NULL) == AR_EINVAL);
    ar_dates_free(NULL);
    ar_dates_scratch_free(NULL);
    /* the default reference of the recognizer applies when none is passed */
    o.ref = (ar_ymd){2021, 12, 8};
    CHECK(ar_dates_new(&d, &o, NULL) == AR_OK);
    ar_dates_scratch *s;
    CHECK(ar_dates_scratch_new(&s) == AR_OK);
    const ar_date_mention *m;
    size_t n;
    CHECK(ar_dates_scan(d, s, "أمس", strlen("أمس"), NULL, &m, &n) == AR_OK && n == 1);
    CHECK(n == 1 && strcmp(m[0].value, "2021-12-07") == 0 && (m[0].flags & AR_DATE_RELATIVE));
    ar_ymd other = {2020, 1, 1};
    CHECK(ar_dates_scan(d, s, "أمس", strlen("أمس"), &other, &m, &n) == AR_OK && n == 1);
    CHECK(n == 1 && strcmp(m[0].value, "2019-12-31") == 0);
    CHECK(ar_dates_scan(d, s, NULL, 0, NULL, &m, &n) == AR_OK && n == 0);
    CHECK(ar_dates_scan(d, s, NULL, 3, NULL, &m, &n) == AR_EINVAL);
    ar_dates_scratch_free(s);
    ar_dates_free(d);
    ar_ymd y;
    CHECK(ar_ymd_parse("2024-02-29", &y) == AR_OK && y.y == 2024 && y.m == 2 && y.d == 29);
    CHECK(ar_ymd_parse("2023-02-29", &y) == AR_ESYNTAX);
    CHECK(ar_ymd_parse("2023-2-9", &y) == AR_ESYNTAX);
    /* a date and a clock time */
    int mi = 7;
    CHECK(ar_datetime_parse("2021-12-08T14:30", &y, &mi) == AR_OK && y.d == 8 && mi == 14 * 60 + 30);
    CHECK(ar_datetime_parse("2021-12-08 00:00", &y, &mi) == AR_OK && mi == 0);
    CHECK(ar_datetime_parse("2021-12-08", &y, &mi) == AR_OK && mi == -1);
    CHECK(ar_datetime_parse("2021-12-08T24:00", &y, &mi) == AR_ESYNTAX);
    CHECK(ar_datetime_parse("2021-12-08T14:60", &y, &mi) == AR_ESYNTAX);
    CHECK(ar_datetime_parse("2021-12-08T1:30", &y, &mi) == AR_ESYNTAX);
    CHECK(ar_datetime_parse("2021-12-08T14:30Z", &y, &mi) == AR_ESYNTAX);
    CHECK(ar_datetime_parse("2021-02-30T10:00", &y, &mi) == AR_ESYNTAX);
    CHECK(ar_datetime_parse("2021-12-08X14:30", &y, &mi) == AR_ESYNTAX);
    CHECK(ar_ymd_parse("0000-01-01", &y) == AR_ESYNTAX);
    CHECK(ar_ymd_parse("2023-01-01x", &y) == AR_ESYNTAX);
    CHECK(strcmp(ar_timex_type_name(AR_TIMEX_DURATION), "DURATION") == 0);
    CHECK(ar_timex_mod_name(AR_TIMEX_MOD_NONE) == NULL);
    CHECK(strcmp(ar_date_calendar_name(AR_CAL_HIJRI), "hijri") == 0);
}

/* Every month name ICU has for these locales is read as its month. */
static void test_icu_names(ar_dates_scratch *s)
{
    size_t icu = 0, total = ar_dates_lexicon_size(rec, &icu);
    CHECK_MSG(icu >= 40 && total > icu, "lexicon %zu keys, %zu from ICU", total, icu);
    const char *locs[] = {"ar_EG@calendar=gregorian", "ar_IQ@calendar=gregorian", "ar_DZ@calendar=gregorian",
                          "ar_MA@calendar=gregorian", "ar_MR@calendar=gregorian", "ar@calendar=islamic"};
    for (size_t l = 0; l < sizeof locs / sizeof locs[0]; l++) {
        UErrorCode e = U_ZERO_ERROR;
        UDateFormat *f = udat_open(UDAT_NONE, UDAT_NONE, locs[l], NULL, 0, NULL, 0, &e);
        CHECK(U_SUCCESS(e));
        if (U_FAILURE(e))
            continue;
        int hijri = strstr(locs[l], "islamic") != NULL;
        for (int i = 0; i < 12; i++) {
            UChar u[64];
            char name[256], text[300], want[32];
            e = U_ZERO_ERROR;
            int32_t ul = udat_getSymbols(f, UDAT_MONTHS, i, u, 64, &e);
            u_strToUTF8(name, sizeof name, NULL, u, ul, &e);
            snprintf(text, sizeof text, "في 5 %s 2020 وصل", name);
            if (hijri)
                snprintf(text, sizeof text, "في 5 %s 1443 هـ وصل", name);
            const ar_date_mention *m;
            size_t n = scan(s, text, NULL, &m);
            if (hijri)
                snprintf(want, sizeof want, "1443-%02d-05", i + 1);
            else
                snprintf(want, sizeof want, "2020-%02d-05", i + 1);
            CHECK_MSG(n == 1 && strcmp(hijri ? m[0].hijri : m[0].value, want) == 0, "%s: %s", locs[l], text);
        }
        udat_close(f);
    }
}

/* Spans are byte offsets in the original text, marks and all. */
static void test_offsets(ar_dates_scratch *s)
{
    const char *t = "وصل فِي ٨ دِيسَمْبَرَ ٢٠٢١مـ. ثم غادرَ أمسِ";
    ar_ymd ref = {2021, 12, 8};
    const ar_date_mention *m;
    size_t n = scan(s, t, &ref, &m);
    CHECK(n == 2);
    if (n == 2) {
        CHECK_MEM(t + m[0].start, m[0].end - m[0].start, "٨ دِيسَمْبَرَ ٢٠٢١مـ");
        CHECK_MEM(t + m[1].start, m[1].end - m[1].start, "أمسِ");
        CHECK(strcmp(m[0].value, "2021-12-08") == 0 && strcmp(m[1].value, "2021-12-07") == 0);
    }
    /* every mention of the corpus starts and ends on a character boundary and
     * its own text, scanned alone, gives the same value (absolute dates) */
    const char *src = getenv("ARTEXT_SRC");
    char path[1024];
    const char *files[] = {"000_4d9058f67ed09ede.txt", "003_6632ca06fe799778.txt", "004_c9d40e4c5cee4790.txt"};
    int seen = 0;
    for (int f = 0; f < 3; f++) {
        snprintf(path, sizeof path, "%s/corpus/%s", src ? src : ".", files[f]);
        FILE *fp = fopen(path, "r");
        CHECK(fp != NULL);
        if (!fp)
            continue;
        char line[16384];
        ar_dates_scratch *s2;
        CHECK(ar_dates_scratch_new(&s2) == AR_OK);
        while (fgets(line, sizeof line, fp)) {
            n = scan(s, line, &ref, &m);
            for (size_t i = 0; i < n; i++) {
                seen++;
                CHECK((line[m[i].start] & 0xC0) != 0x80);
                CHECK(m[i].end == strlen(line) || (line[m[i].end] & 0xC0) != 0x80);
                char piece[512];
                size_t pl = m[i].end - m[i].start;
                /* a bare year stands only after في/منذ...: not alone */
                if (pl >= sizeof piece || strspn(line + m[i].start, "0123456789") == pl)
                    continue;
                memcpy(piece, line + m[i].start, pl);
                piece[pl] = 0;
                const ar_date_mention *m2;
                size_t n2 = 0;
                CHECK(ar_dates_scan(rec, s2, piece, pl, &ref, &m2, &n2) == AR_OK);
                CHECK_MSG(n2 >= 1 && strcmp(m2[0].value, m[i].value) == 0 && m2[0].start == 0,
                          "«%s» alone", piece);
            }
        }
        ar_dates_scratch_free(s2);
        fclose(fp);
    }
    CHECK_MSG(seen >= 10, "only %d corpus mentions", seen);
}

/* Consecutive Hijri days are consecutive Gregorian days, across 30 years of
 * Umm al-Qura months (29 or 30 days, nothing else), and day 30 of a 29-day
 * month is refused. */
static void test_hijri(ar_dates_scratch *s)
{
    ar_ymd prev = {0, 0, 0}, g;
    int bad = 0, months29 = 0, months30 = 0;
    for (int y = 1420; y <= 1450; y++)
        for (int mo = 1; mo <= 12; mo++) {
            int len = 0;
            for (int d = 1; d <= 30; d++) {
                ar_ymd h = {y, mo, d};
                if (ar_dates_hijri_to_gregorian(rec, s, h, &g) != AR_OK) {
                    bad += d != 30;
                    continue;
                }
                len = d;
                if (prev.y) {
                    ar_ymd next = prev;
                    /* prev + 1 day by hand */
                    static const int ml[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
                    int dim = ml[next.m - 1] + (next.m == 2 && next.y % 4 == 0 && (next.y % 100 || next.y % 400 == 0));
                    if (++next.d > dim) {
                        next.d = 1;
                        if (++next.m > 12) {
                            next.m = 1;
                            next.y++;
                        }
                    }
                    bad += next.y != g.y || next.m != g.m || next.d != g.d;
                }
                prev = g;
            }
            months29 += len == 29;
            months30 += len == 30;
        }
    CHECK_MSG(bad == 0, "%d discontinuities", bad);
    CHECK(months29 + months30 == 31 * 12 && months29 > 100 && months30 > 100);
    ar_ymd h = {1443, 13, 1};
    CHECK(ar_dates_hijri_to_gregorian(rec, s, h, &g) == AR_ESYNTAX);
    h = (ar_ymd){0, 1, 1};
    CHECK(ar_dates_hijri_to_gregorian(rec, s, h, &g) == AR_ESYNTAX);
}

/* One recognizer, four threads, each with its own scratch: same results. */
typedef struct work {
    char (*lines)[2048];
    int n;
    char out[8192];
} work;

static void render_all(ar_dates_scratch *s, work *w)
{
    ar_ymd ref = {2021, 12, 8};
    size_t k = 0;
    for (int rep = 0; rep < 20; rep++) {
        k = 0;
        for (int i = 0; i < w->n; i++) {
            const ar_date_mention *m;
            size_t n = 0;
            if (ar_dates_scan(rec, s, w->lines[i], strlen(w->lines[i]), &ref, &m, &n) != AR_OK)
                return;
            for (size_t j = 0; j < n && k + 64 < sizeof w->out; j++)
                k += (size_t)snprintf(w->out + k, sizeof w->out - k, "%zu:%zu:%s;", m[j].start, m[j].end, m[j].value);
        }
    }
}

static void *thread_main(void *arg)
{
    ar_dates_scratch *s;
    if (ar_dates_scratch_new(&s) != AR_OK)
        return NULL;
    render_all(s, arg);
    ar_dates_scratch_free(s);
    return NULL;
}

static void test_threads(void)
{
    static char lines[64][2048];
    const char *src = getenv("ARTEXT_SRC");
    char path[1024];
    snprintf(path, sizeof path, "%s/corpus/000_4d9058f67ed09ede.txt", src ? src : ".");
    FILE *fp = fopen(path, "r");
    int n = 0;
    while (fp && n < 64 && fgets(lines[n], sizeof lines[n], fp))
        n++;
    if (fp)
        fclose(fp);
    static const char *extra[] = {"15 رمضان 1443 هـ وغرة شوال", "مساء الخميس الماضي", "٨/١٢/٢٠٢١"};
    for (int i = 0; i < 3 && n < 64; i++)
        snprintf(lines[n++], sizeof lines[0], "%s", extra[i]);
    static work w[5];
    for (int i = 0; i < 5; i++) {
        w[i].lines = lines;
        w[i].n = n;
    }
    ar_dates_scratch *s;
    CHECK(ar_dates_scratch_new(&s) == AR_OK);
    render_all(s, &w[0]);
    ar_dates_scratch_free(s);
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        CHECK(pthread_create(&th[i], NULL, thread_main, &w[i + 1]) == 0);
    for (int i = 0; i < 4; i++)
        pthread_join(th[i], NULL);
    CHECK(strlen(w[0].out) > 50);
    for (int i = 1; i < 5; i++)
        CHECK_MSG(strcmp(w[0].out, w[i].out) == 0, "thread %d differs", i);
}

/* A line of several megabytes is scanned in pieces: every date is found,
 * at its offset, whatever piece it falls in. */
static void test_long_line(ar_dates_scratch *s)
{
    const char *unit = "وصل الوفد في 8 ديسمبر 2021 ثم غادر، ";
    const char *nospace = "\xd8\xa7";
    size_t ul = strlen(unit), reps = 150000;
    ar_buf b = {0};
    for (size_t i = 0; i < reps; i++) {
        ar_buf_append(&b, unit, ul);
        if (i == reps / 2)
            for (int k = 0; k < 100000; k++) /* 200 KB without a space */
                ar_buf_append(&b, nospace, 2);
    }
    const ar_date_mention *m;
    size_t n = 0;
    CHECK(ar_dates_scan(rec, s, b.ptr, b.len, NULL, &m, &n) == AR_OK);
    CHECK_MSG(n == reps, "%zu of %zu dates in a %zu-byte line", n, reps, b.len);
    size_t bad = 0;
    for (size_t i = 0; i < n; i++) {
        int wrong = m[i].end - m[i].start != strlen("8 ديسمبر 2021") || memcmp(b.ptr + m[i].start, "8 ", 2) != 0
                    || strcmp(m[i].value, "2021-12-08") != 0;
        if (wrong && !bad)
            fprintf(stderr, "mention %zu: «%.*s» %s\n", i, (int)(m[i].end - m[i].start), b.ptr + m[i].start,
                    m[i].value);
        bad += wrong;
    }
    CHECK_MSG(bad == 0, "%zu wrong", bad);
    ar_buf_free(&b);
}

/* Mentions of text with the vector step on and off: the same spans and
 * values, and (for the last piece scanned, all of a short text) the same
 * tokens and folded words, or a message naming the first difference. */
static size_t compare_paths(ar_dates_scratch *s, const char *what, const char *text, size_t len)
{
    static const ar_ymd ref = {2021, 12, 8};
    char *keep[2] = {NULL, NULL}, *words[2] = {NULL, NULL};
    size_t nm[2] = {0, 0};
    for (int on = 0; on < 2; on++) {
        dates_set_sse2(rec, on);
        const ar_date_mention *m;
        size_t n = 0;
        CHECK(ar_dates_scan(rec, s, text, len, &ref, &m, &n) == AR_OK);
        ar_buf b = {0};
        for (size_t i = 0; i < n; i++) {
            char line[160];
            int k = snprintf(line, sizeof line, "%zu-%zu %s\n", m[i].start, m[i].end, m[i].value);
            ar_buf_append(&b, line, (size_t)k);
        }
        ar_buf_putc(&b, 0);
        keep[on] = b.ptr;
        nm[on] = n;
        ar_buf w = {0};
        for (size_t i = 0; i < s->nt; i++) {
            char span[64];
            int k = snprintf(span, sizeof span, "%u-%u:", s->t[i].s, s->t[i].e);
            ar_buf_append(&w, span, (size_t)k);
            ar_buf_append(&w, s->fold.ptr + s->t[i].fs, s->t[i].fe - s->t[i].fs);
            ar_buf_putc(&w, ' ');
        }
        ar_buf_putc(&w, 0);
        words[on] = w.ptr;
    }
    dates_set_sse2(rec, 1);
    CHECK_MSG(nm[0] == nm[1] && strcmp(keep[0], keep[1]) == 0, "%s: scalar %zu mentions, SSE2 %zu", what, nm[0],
              nm[1]);
    CHECK_MSG(strcmp(words[0], words[1]) == 0, "%s: the folded words differ:\n scalar %.300s\n SSE2   %.300s", what,
              words[0], words[1]);
    free(keep[0]);
    free(keep[1]);
    free(words[0]);
    free(words[1]);
    return nm[1];
}

static void test_vector_step(ar_dates_scratch *s)
{
#if defined(__x86_64__) && defined(__GNUC__)
    CHECK_MSG(dates_set_sse2(rec, 1) == 1, "the SSE2 step is off on x86-64");
#endif
    /* every report of the corpus */
    char path[4096];
    snprintf(path, sizeof path, "%s", check_src_path("corpus")); /* its buffer is reused */
    DIR *dir = opendir(path);
    CHECK(dir != NULL);
    size_t files = 0, found = 0;
    for (struct dirent *e; dir && (e = readdir(dir));) {
        if (!strstr(e->d_name, ".txt"))
            continue;
        char fp[8192];
        size_t len;
        snprintf(fp, sizeof fp, "%s/%s", path, e->d_name);
        char *text = check_slurp(fp, &len);
        CHECK(text != NULL);
        if (!text)
            continue;
        found += compare_paths(s, e->d_name, text, len);
        files++;
        free(text);
    }
    if (dir)
        closedir(dir);
    CHECK_MSG(files >= 5 && found > 20, "%zu files, %zu mentions", files, found);
    /* words of letters the step copies, letters it folds in place (أ إ آ ة
     * ى ؤ ئ) or leaves to the table (ٱ), harakat, tatweel, Persian letters,
     * Arabic-Indic digits and presentation forms, at every offset against a
     * 16-byte block */
    static const char *const parts[] = {
        "في ", "ديسمبر ", "الأربعاء ", "إبريل ", "آذار ", "السنة ", "الماضي ", "الثانية ", "مَسَاءً ", "يـوم ",
        "٢٠٢١ ", "8 ", "2021، ", "رمضان ", "ﺭﻣﻀﺎﻥ ", "گذشته ", "مؤتمر ", "رئيس ", "\xd8\xa7", "عشر ", "بعد ",
        "ساعتين ", "ونصف ", "أمس ", "الساعة ", "10:30 ", "صباحاً ", "الأولى ", "مئة ", "شؤون ", "سئل ",
        "إلى ", "آخر ", "ٱلعام "};
    unsigned seed = 12345;
    ar_buf t = {0};
    size_t checked = 0;
    for (int round = 0; round < 400; round++) {
        ar_buf_clear(&t);
        for (int pad = 0; pad < round % 17; pad++)
            ar_buf_putc(&t, ' ');
        for (int w = 0; w < 24; w++) {
            seed = seed * 1103515245u + 12345u;
            const char *p = parts[(seed >> 16) % (sizeof parts / sizeof parts[0])];
            ar_buf_append(&t, p, strlen(p));
        }
        /* the end of the text inside a word, too */
        size_t cut = t.len - (size_t)(round % 5);
        while (cut > 0 && cut < t.len && ((unsigned char)t.ptr[cut] & 0xC0) == 0x80)
            cut--;
        compare_paths(s, "mix", t.ptr, cut);
        checked++;
    }
    ar_buf_free(&t);
    CHECK(checked == 400);
}

/* ar_dates_scan_invalid counts what ar_utf8_decode finds, once each, on
 * short texts and on lines of several pieces (invalid bytes at and around
 * the cuts, inside and next to dates), and leaves the dates found alone. */
static void test_invalid_count(ar_dates_scratch *s)
{
    static const char *const parts[] = {"في ", "8 ديسمبر 2021 ", "\xff", "\xd8", "\xe2\x80", "\xc0\xaf",
                                        "“قال” ", "ال", "\x80\x80", "\xed\xa0\x80", "\xf0\x9f\x98\x80 ",
                                        "أمس ", "\xf4\x90\x80\x80", " ", "\n"};
    unsigned seed = 777;
    ar_buf t = {0};
    size_t rounds = 0, with_bad = 0;
    for (int round = 0; round < 60; round++) {
        ar_buf_clear(&t);
        /* short texts, and lines of 64 KB pieces and more */
        size_t want_len = round % 3 == 0 ? 200000 + (size_t)round * 977 : 50 + (size_t)round * 13;
        while (t.len < want_len) {
            seed = seed * 1103515245u + 12345u;
            unsigned k = (seed >> 16) % (sizeof parts / sizeof parts[0]);
            if (round % 3 == 0 && ((seed >> 8) & 7) != 0)
                k = (seed >> 12) & 1; /* mostly words and dates in the long lines */
            ar_buf_append(&t, parts[k], strlen(parts[k]));
        }
        size_t first = 0;
        uint64_t want = check_count_invalid(t.ptr, t.len, &first);
        const ar_date_mention *m;
        size_t n = 0, got_first = 0;
        CHECK(ar_dates_scan(rec, s, t.ptr, t.len, NULL, &m, &n) == AR_OK);
        uint64_t got = ar_dates_scan_invalid(s, &got_first);
        CHECK_MSG(got == want && (!want || got_first == first), "round %d (%zu bytes): %llu invalid from %zu, want %llu from %zu",
                  round, t.len, (unsigned long long)got, got_first, (unsigned long long)want, first);
        with_bad += want > 0;
        rounds++;
    }
    ar_buf_free(&t);
    CHECK(rounds == 60 && with_bad > 50);
    /* a clean text after a bad one: the count is the last scan's */
    const ar_date_mention *m;
    size_t n;
    CHECK(ar_dates_scan(rec, s, "في 8 ديسمبر 2021", strlen("في 8 ديسمبر 2021"), NULL, &m, &n) == AR_OK && n == 1);
    CHECK(ar_dates_scan_invalid(s, NULL) == 0);
}

/* The first one-word entry the scanner finds in text, or NULL. */
static const lx_entry *first_entry(ar_dates_scratch *s, const char *text)
{
    static const ar_ymd ref = {2021, 12, 8};
    const ar_date_mention *m;
    size_t n;
    CHECK(ar_dates_scan(rec, s, text, strlen(text), &ref, &m, &n) == AR_OK);
    return s->nt ? s->t[0].lx1 : NULL;
}

/* The word filter lets through every form of every key that the lookups
 * behind it accept: each one-word key, behind each proclitic and pair of
 * them, finds the same entry with the filter as with the filter open. */
static void test_word_filter(ar_dates_scratch *s)
{
    static const char *const pre[] = {"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك", "لل", "ولل", "فلل"};
    uint64_t keep[sizeof rec->lx.wfilt / sizeof rec->lx.wfilt[0]];
    memcpy(keep, rec->lx.wfilt, sizeof keep);
    size_t forms = 0, found = 0, differ = 0, passed = 0;
    for (size_t i = 0; i < rec->lx.n; i++) {
        const lx_entry *e = &rec->lx.e[i];
        if (e->nwords > 1 || e->keylen + 8 > 200)
            continue;
        for (size_t p = 0; p < sizeof pre / sizeof pre[0]; p++) {
            char w[256];
            const char *key = e->key;
            size_t kl = e->keylen;
            if (strstr(pre[p], "لل")) { /* for ال keys: لل + the rest */
                if (kl <= 4 || memcmp(key, "ال", 4) != 0)
                    continue;
                key += 4;
                kl -= 4;
            }
            snprintf(w, sizeof w, "%s%.*s", pre[p], (int)kl, key);
            memset(rec->lx.wfilt, 0xFF, sizeof rec->lx.wfilt);
            const lx_entry *open = first_entry(s, w);
            memcpy(rec->lx.wfilt, keep, sizeof keep);
            const lx_entry *filtered = first_entry(s, w);
            forms++;
            found += open != NULL;
            if (open != filtered) {
                if (!differ)
                    fprintf(stderr, "«%s»: %s with the filter open, %s through it\n", w, open ? open->key : "nothing",
                            filtered ? filtered->key : "nothing");
                differ++;
            }
        }
    }
    /* and it keeps most words out: the words of a report, counted */
    size_t tlen;
    char *text = check_slurp(check_src_path("corpus/000_4d9058f67ed09ede.txt"), &tlen);
    CHECK(text != NULL);
    size_t words = 0;
    for (char *tok = text ? strtok(text, " \n") : NULL; tok; tok = strtok(NULL, " \n"), words++) {
        char f[512];
        int k = dates_fold(rec->norm, tok, strlen(tok), f, sizeof f);
        if (k > 0 && dates_wfilt_has(&rec->lx, dates_hash(f, (size_t)k)))
            passed++;
    }
    free(text);
    CHECK_MSG(differ == 0, "%zu of %zu forms differ", differ, forms);
    CHECK_MSG(forms > 3000 && found > forms / 2, "%zu forms, %zu found", forms, found);
    CHECK_MSG(words > 200 && passed < words / 3, "%zu of %zu words pass the filter", passed, words);
}

int main(void)
{
    test_options();
    CHECK(ar_dates_new(&rec, NULL, NULL) == AR_OK);
    ar_dates_scratch *s;
    CHECK(ar_dates_scratch_new(&s) == AR_OK);
    test_icu_names(s);
    test_offsets(s);
    test_hijri(s);
    test_threads();
    test_long_line(s);
    test_vector_step(s);
    test_word_filter(s);
    test_invalid_count(s);
    ar_dates_scratch_free(s);
    ar_dates_free(rec);
    return check_done();
}
