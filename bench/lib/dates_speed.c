/* SPDX-License-Identifier: MIT */
/* ar_dates_scan through the library alone: reads FILE into memory, then
 * scans it line by line RUNS times (reference date 2021-12-08) and prints
 * the median MB/s (10^6 bytes/s) and the mention count. What the command
 * adds (reading, printing) is measured by bench/dates.sh on ar-dates itself.
 *   dates_speed FILE [RUNS]                     (bench/dates.sh runs it) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "artext/artext.h"

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: dates_speed FILE [RUNS]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 5;
    if (runs < 1 || runs > 99)
        runs = 5;
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 2;
    }
    ar_buf b = {0};
    char tmp[1 << 16];
    size_t r;
    while ((r = fread(tmp, 1, sizeof tmp, f)) > 0)
        if (ar_buf_append(&b, tmp, r)) {
            fprintf(stderr, "dates_speed: out of memory\n");
            return 2;
        }
    fclose(f);
    ar_dates *d = NULL;
    ar_dates_scratch *s = NULL;
    if (ar_dates_new(&d, NULL, NULL) || ar_dates_scratch_new(&s)) {
        fprintf(stderr, "dates_speed: cannot set up the scanner\n");
        return 2;
    }
    static const ar_ymd ref = {2021, 12, 8};
    double t[99];
    size_t found = 0;
    for (int i = 0; i < runs; i++) {
        struct timespec a, z;
        found = 0;
        clock_gettime(CLOCK_MONOTONIC, &a);
        for (const char *p = b.ptr, *e = b.ptr + b.len; p < e;) {
            const char *nl = memchr(p, '\n', (size_t)(e - p));
            size_t len = nl ? (size_t)(nl - p) : (size_t)(e - p);
            const ar_date_mention *m;
            size_t n;
            if (ar_dates_scan(d, s, p, len, &ref, &m, &n)) {
                fprintf(stderr, "dates_speed: scan failed\n");
                return 2;
            }
            found += n;
            p += len + 1;
        }
        clock_gettime(CLOCK_MONOTONIC, &z);
        t[i] = (double)(z.tv_sec - a.tv_sec) + (double)(z.tv_nsec - a.tv_nsec) / 1e9;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp);
    double med = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    printf("%.4f s %.1f MB/s %zu mentions\n", med, (double)b.len / 1e6 / med, found);
    ar_dates_scratch_free(s);
    ar_dates_free(d);
    ar_buf_free(&b);
    return 0;
}
