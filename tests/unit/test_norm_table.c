/* SPDX-License-Identifier: MIT */
/* Every line of lib/data/fold.tsv behaves as written: for each code point
 * of each line, a normalizer with only that line's step turns
 * "ب<cp>ب" into "ب<target>ب" (a space for the space step), and leaves it
 * alone when the step is off. The file is read at test time, so a line
 * added to the table is tested with no C change. */
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "check.h"

static const struct {
    const char *name;
    unsigned flag;
} steps[] = {
    {"harakat", AR_NORM_HARAKAT}, {"quranic", AR_NORM_QURANIC},     {"tatweel", AR_NORM_TATWEEL},
    {"alef", AR_NORM_ALEF},       {"yeh", AR_NORM_YEH},             {"teh", AR_NORM_TEH},
    {"hamza", AR_NORM_HAMZA},     {"persian", AR_NORM_PERSIAN},     {"digits", AR_NORM_DIGITS},
    {"digits_ar", AR_NORM_DIGITS_AR}, {"punct", AR_NORM_PUNCT},     {"punct_ar", AR_NORM_PUNCT_AR},
    {"quotes", AR_NORM_QUOTES},   {"invisible", AR_NORM_INVISIBLE}, {"space", AR_NORM_SPACE},
    {"hamza_drop", AR_NORM_HAMZA_DROP}, {"latin_case", AR_NORM_LATIN_CASE}, {"presentation", AR_NORM_PRESENTATION},
};
#define NSTEPS (sizeof steps / sizeof steps[0])

static ar_norm *norms[NSTEPS];
static ar_norm *none;
static int ncodes;

static unsigned step_flag(const char *name, int *k)
{
    for (size_t i = 0; i < NSTEPS; i++)
        if (strcmp(name, steps[i].name) == 0) {
            *k = (int)i;
            return steps[i].flag;
        }
    return 0;
}

static void range(const char *s, long *lo, long *hi)
{
    char *e;
    *lo = strtol(s, &e, 16);
    *hi = e[0] == '.' && e[1] == '.' ? strtol(e + 2, NULL, 16) : *lo;
}

static void check_one(int k, long cp, const char *want, size_t wlen)
{
    char in[16], exp[64];
    size_t il = 0, el = 0;
    memcpy(in, "ب", 2), il = 2;
    il += (size_t)ar_utf8_encode((int32_t)cp, in + il);
    memcpy(in + il, "ب", 2), il += 2;
    memcpy(exp, "ب", 2), el = 2;
    memcpy(exp + el, want, wlen), el += wlen;
    memcpy(exp + el, "ب", 2), el += 2;
    ar_buf out = {0};
    CHECK(ar_norm_apply(norms[k], in, il, &out, NULL) == AR_OK);
    CHECK_MSG(out.len == el && memcmp(out.ptr, exp, el) == 0, "step %s U+%04lX: got \"%.*s\" want \"%.*s\"",
              steps[k].name, cp, (int)out.len, out.ptr, (int)el, exp);
    /* with no step on, it is left alone */
    out.len = 0;
    CHECK(ar_norm_apply(none, in, il, &out, NULL) == AR_OK);
    CHECK_MSG(out.len == il && memcmp(out.ptr, in, il) == 0, "U+%04lX changed with no step", cp);
    ar_buf_free(&out);
    ncodes++;
}

int main(void)
{
    for (size_t i = 0; i < NSTEPS; i++)
        CHECK(ar_norm_new(&norms[i], steps[i].flag) == AR_OK);
    CHECK(ar_norm_new(&none, 0) == AR_OK);
    const char *src = getenv("ARTEXT_SRC");
    char path[4096];
    snprintf(path, sizeof path, "%s/lib/data/fold.tsv", src ? src : ".");
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    if (!f)
        return check_done();
    char line[1024];
    int lines = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#' || line[0] == '\n')
            continue;
        char *step = strtok(line, "\t"), *from = strtok(NULL, "\t"), *to = strtok(NULL, "\t");
        CHECK(step && from && to);
        if (!step || !from || !to)
            continue;
        int k = -1;
        CHECK_MSG(step_flag(step, &k) != 0, "unknown step %s", step);
        if (k < 0)
            continue;
        lines++;
        long lo, hi, tlo, thi;
        range(from, &lo, &hi);
        for (long cp = lo; cp <= hi; cp++) {
            char want[32];
            size_t wl = 0;
            if (strcmp(to, "-") == 0)
                wl = 0;
            else if (strstr(to, "..")) {
                range(to, &tlo, &thi);
                wl = (size_t)ar_utf8_encode((int32_t)(tlo + cp - lo), want);
            } else {
                char *save, *tok;
                char copy[64];
                snprintf(copy, sizeof copy, "%s", to);
                for (tok = strtok_r(copy, " ", &save); tok; tok = strtok_r(NULL, " ", &save))
                    wl += (size_t)ar_utf8_encode((int32_t)strtol(tok, NULL, 16), want + wl);
            }
            check_one(k, cp, want, wl);
        }
    }
    fclose(f);
    CHECK(lines > 50);
    CHECK(ncodes > 250);
    printf("%d table lines, %d code points\n", lines, ncodes);
    for (size_t i = 0; i < NSTEPS; i++)
        ar_norm_free(norms[i]);
    ar_norm_free(none);
    return check_done();
}
