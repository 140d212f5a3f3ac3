/* SPDX-License-Identifier: MIT */
/* Runs tests/cases/norm.tsv: steps, input, expected output. Each case is
 * also checked for idempotence. Adding a case needs no C. */
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "check.h"

static const struct {
    const char *name;
    unsigned flag;
} steps[] = {
    {"nfc", AR_NORM_NFC},         {"nfkc", AR_NORM_NFKC},           {"harakat", AR_NORM_HARAKAT},
    {"quranic", AR_NORM_QURANIC}, {"tatweel", AR_NORM_TATWEEL},     {"alef", AR_NORM_ALEF},
    {"yeh", AR_NORM_YEH},         {"teh", AR_NORM_TEH},             {"hamza", AR_NORM_HAMZA},
    {"persian", AR_NORM_PERSIAN}, {"digits", AR_NORM_DIGITS},       {"digits_ar", AR_NORM_DIGITS_AR},
    {"punct", AR_NORM_PUNCT},     {"punct_ar", AR_NORM_PUNCT_AR},   {"quotes", AR_NORM_QUOTES},
    {"invisible", AR_NORM_INVISIBLE}, {"space", AR_NORM_SPACE},     {"hamza_drop", AR_NORM_HAMZA_DROP},
    {"latin_case", AR_NORM_LATIN_CASE},
};

static int parse_steps(char *spec, unsigned *flags)
{
    *flags = 0;
    for (char *save, *t = strtok_r(spec, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
        int minus = t[0] == '-';
        const char *name = t + minus;
        unsigned f = 0;
        if (ar_norm_profile(name, &f) != AR_OK) {
            size_t i = 0;
            for (; i < sizeof steps / sizeof steps[0] && strcmp(steps[i].name, name); i++)
                ;
            if (i == sizeof steps / sizeof steps[0])
                return -1;
            f = steps[i].flag;
        }
        *flags = minus ? *flags & ~f : *flags | f;
    }
    return 0;
}


int main(void)
{
    const char *path = check_src_path("tests/cases/norm.tsv");
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    if (!f)
        return check_done();
    char line[4096], in[4096], want[4096];
    int lineno = 0, cases = 0;
    ar_buf out = {0}, again = {0};
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        if (line[0] == '#' || line[0] == 0)
            continue;
        char *spec = strtok(line, "\t"), *a = strtok(NULL, "\t"), *b = strtok(NULL, "\t");
        CHECK_MSG(spec && a && b, "norm.tsv:%d: want 3 columns", lineno);
        if (!spec || !a || !b)
            continue;
        unsigned flags;
        char specbuf[256];
        snprintf(specbuf, sizeof specbuf, "%s", spec);
        CHECK_MSG(parse_steps(specbuf, &flags) == 0, "norm.tsv:%d: bad steps %s", lineno, spec);
        ar_norm *n = NULL;
        CHECK_MSG(ar_norm_new(&n, flags) == AR_OK, "norm.tsv:%d: ar_norm_new", lineno);
        if (!n)
            continue;
        size_t il = check_unescape(a, in), wl = check_unescape(b, want);
        out.len = again.len = 0;
        CHECK(ar_norm_apply(n, in, il, &out, NULL) == AR_OK);
        CHECK_MSG(out.len == wl && memcmp(out.ptr, want, wl) == 0, "norm.tsv:%d: %s: got \"%.*s\" want \"%.*s\"",
                  lineno, spec, (int)out.len, out.ptr, (int)wl, want);
        CHECK(ar_norm_apply(n, out.ptr, out.len, &again, NULL) == AR_OK);
        CHECK_MSG(again.len == out.len && memcmp(again.ptr, out.ptr, out.len) == 0, "norm.tsv:%d: not idempotent",
                  lineno);
        ar_norm_free(n);
        cases++;
    }
    fclose(f);
    ar_buf_free(&out);
    ar_buf_free(&again);
    printf("%d cases\n", cases);
    CHECK(cases >= 40);
    return check_done();
}
