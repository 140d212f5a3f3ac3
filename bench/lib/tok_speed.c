/* SPDX-License-Identifier: MIT */
/* ar_tokenize through the library alone: reads FILE into memory, then
 * tokenizes it RUNS times and prints the median MB/s (10^6 bytes/s) and the
 * token count. No output per token: what the command adds (printing one
 * token a line) is measured by bench/norm.sh on ar-tok itself.
 *   tok_speed FILE [RUNS]                       (bench/norm.sh runs it) */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "artext/artext.h"

static int count(const ar_token *t, void *ud)
{
    (void)t;
    ++*(size_t *)ud;
    return 0;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: tok_speed FILE [RUNS]\n");
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
            fprintf(stderr, "tok_speed: out of memory\n");
            return 2;
        }
    fclose(f);
    double t[99];
    size_t ntok = 0;
    for (int i = 0; i < runs; i++) {
        struct timespec a, z;
        ntok = 0;
        clock_gettime(CLOCK_MONOTONIC, &a);
        ar_tokenize(b.ptr, b.len, count, &ntok);
        clock_gettime(CLOCK_MONOTONIC, &z);
        t[i] = (double)(z.tv_sec - a.tv_sec) + (double)(z.tv_nsec - a.tv_nsec) / 1e9;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp);
    double med = runs % 2 ? t[runs / 2] : (t[runs / 2 - 1] + t[runs / 2]) / 2;
    printf("%.4f s %.1f MB/s %zu tokens\n", med, (double)b.len / 1e6 / med, ntok);
    ar_buf_free(&b);
    return 0;
}
