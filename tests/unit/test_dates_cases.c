/* SPDX-License-Identifier: MIT */
/* Runs tests/cases/dates*.tsv through the recognizer. Columns:
 *   phrase <TAB> reference [options] <TAB> expected [<TAB> expected texts]
 * reference is YYYY-MM-DD, YYYY-MM-DDTHH:MM or "-" (none); options after it, space
 * separated: "future", "calendar=NAME". expected is "-" (no mention) or the
 * mentions in order, separated by " ; ", each written as
 *   [TYPE ]VALUE[/MOD][ h=HIJRI]
 * with TYPE omitted for DATE, VALUE "!" for an invalid date and "?" for a
 * relative one without reference. The optional fourth column lists the
 * original text of each mention, separated by " ; ". Adding a case needs no C.
 * With arguments, prints the rendering of each argument instead (handy
 * while writing cases): test_dates_cases REF PHRASE... */
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "check.h"

static void render(const ar_date_mention *m, ar_buf *b)
{
    char tmp[128];
    if (m->type != AR_TIMEX_DATE) {
        ar_buf_append(b, ar_timex_type_name(m->type), strlen(ar_timex_type_name(m->type)));
        ar_buf_putc(b, ' ');
    }
    if (m->flags & AR_DATE_INVALID)
        ar_buf_putc(b, '!');
    else if (m->flags & AR_DATE_NOREF)
        ar_buf_putc(b, '?');
    else
        ar_buf_append(b, m->value, strlen(m->value));
    if (ar_timex_mod_name(m->mod)) {
        snprintf(tmp, sizeof tmp, "/%s", ar_timex_mod_name(m->mod));
        ar_buf_append(b, tmp, strlen(tmp));
    }
    if (m->hijri[0]) {
        snprintf(tmp, sizeof tmp, " h=%s", m->hijri);
        ar_buf_append(b, tmp, strlen(tmp));
    }
}

typedef struct rec {
    ar_dates *d;
    char key[64];
} rec;

static rec cache[16];
static int ncache;

static ar_dates *recognizer(const char *cal, int future)
{
    char key[64];
    snprintf(key, sizeof key, "%s/%d", cal ? cal : "", future);
    for (int i = 0; i < ncache; i++)
        if (strcmp(cache[i].key, key) == 0)
            return cache[i].d;
    ar_dates_opts o = {0};
    o.calendar = cal;
    o.future = future;
    ar_dates *d = NULL;
    ar_diag dg = {0};
    if (ar_dates_new(&d, &o, &dg) != AR_OK || ncache == 16) {
        fprintf(stderr, "ar_dates_new: %s\n", dg.msg);
        return NULL;
    }
    snprintf(cache[ncache].key, sizeof cache[ncache].key, "%s", key);
    cache[ncache++].d = d;
    return d;
}

static int run(ar_dates_scratch *s, const char *phrase, char *refspec, ar_buf *got, ar_buf *texts)
{
    ar_ymd ref = {0, 0, 0};
    char calname[40] = "";
    int future = 0, minute = -1;
    for (char *save, *t = strtok_r(refspec, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
        if (strcmp(t, "future") == 0)
            future = 1;
        else if (strncmp(t, "calendar=", 9) == 0)
            snprintf(calname, sizeof calname, "%s", t + 9);
        else if (strcmp(t, "-") != 0 && ar_datetime_parse(t, &ref, &minute) != AR_OK)
            return -1;
    }
    ar_dates *d = recognizer(calname[0] ? calname : NULL, future);
    if (!d)
        return -1;
    const ar_date_mention *m;
    size_t n;
    if (ar_dates_scan_at(d, s, phrase, strlen(phrase), &ref, minute, &m, &n) != AR_OK)
        return -1;
    ar_buf_clear(got);
    ar_buf_clear(texts);
    if (n == 0)
        ar_buf_putc(got, '-');
    for (size_t i = 0; i < n; i++) {
        if (i) {
            ar_buf_append(got, " ; ", 3);
            ar_buf_append(texts, " ; ", 3);
        }
        render(&m[i], got);
        ar_buf_append(texts, phrase + m[i].start, m[i].end - m[i].start);
    }
    return 0;
}

static int run_file(ar_dates_scratch *s, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char line[4096];
    int lineno = 0, cases = 0;
    ar_buf got = {0}, texts = {0};
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *cols[4] = {0};
        int nc = 0;
        for (char *p = line; nc < 4;) {
            cols[nc++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = 0;
            p = tab + 1;
        }
        if (nc < 3) {
            CHECK_MSG(0, "%s:%d: need 3 or 4 columns", path, lineno);
            continue;
        }
        cases++;
        if (run(s, cols[0], cols[1], &got, &texts) != 0) {
            CHECK_MSG(0, "%s:%d: bad reference or options", path, lineno);
            continue;
        }
        CHECK_MSG(got.len == strlen(cols[2]) && memcmp(got.ptr, cols[2], got.len) == 0,
                  "%s:%d: «%s»: got «%.*s», want «%s»", path, lineno, cols[0], (int)got.len, got.ptr, cols[2]);
        if (nc == 4 && cols[3][0])
            CHECK_MSG(texts.len == strlen(cols[3]) && memcmp(texts.ptr, cols[3], texts.len) == 0,
                      "%s:%d: «%s»: texts «%.*s», want «%s»", path, lineno, cols[0], (int)texts.len, texts.ptr,
                      cols[3]);
    }
    fclose(f);
    ar_buf_free(&got);
    ar_buf_free(&texts);
    return cases;
}

int main(int argc, char **argv)
{
    ar_dates_scratch *s = NULL;
    CHECK(ar_dates_scratch_new(&s) == AR_OK);
    if (argc > 2) {
        ar_buf got = {0}, texts = {0};
        for (int i = 2; i < argc; i++) {
            char ref[64];
            snprintf(ref, sizeof ref, "%s", argv[1]);
            if (run(s, argv[i], ref, &got, &texts) == 0)
                printf("%s\t%s\t%.*s\t%.*s\n", argv[i], argv[1], (int)got.len, got.ptr, (int)texts.len, texts.ptr);
        }
        return 0;
    }
    const char *src = getenv("ARTEXT_SRC");
    char path[1024];
    const char *files[] = {"dates.tsv", "dates_gen.tsv", "dates_hijri.tsv", "dates_relative.tsv", "dates_traps.tsv", "dates_spoken.tsv",
                           "dates_fresh.tsv", NULL};
    int total = 0;
    for (int i = 0; files[i]; i++) {
        snprintf(path, sizeof path, "%s/tests/cases/%s", src ? src : ".", files[i]);
        total += run_file(s, path);
    }
    CHECK_MSG(total >= 300, "only %d cases read", total);
    printf("%d cases\n", total);
    ar_dates_scratch_free(s);
    for (int i = 0; i < ncache; i++)
        ar_dates_free(cache[i].d);
    return check_done();
}
