/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_CHECK_H
#define ARTEXT_CHECK_H
/* A minimal unit-test harness: CHECK(cond) and CHECK_STR(got, want) record
 * a failure with file and line and go on; check_done() prints the closing
 * "N passed, N failed" line and returns the exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artext/base.h"

static int check_pass_, check_fail_;

#define CHECK(cond) do { \
    if (cond) check_pass_++; \
    else { check_fail_++; fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_MSG(cond, ...) do { \
    if (cond) check_pass_++; \
    else { check_fail_++; fprintf(stderr, "%s:%d: CHECK failed: %s: ", __FILE__, __LINE__, #cond); \
           fprintf(stderr, __VA_ARGS__); fputc('\n', stderr); } \
} while (0)

#define CHECK_MEM(got, glen, want) do { \
    const char *w_ = (want); size_t wl_ = strlen(w_); \
    if ((glen) == wl_ && memcmp((got), w_, wl_) == 0) check_pass_++; \
    else { check_fail_++; fprintf(stderr, "%s:%d: got \"%.*s\", want \"%s\"\n", __FILE__, __LINE__, \
                                  (int)(glen), (const char *)(got), w_); } \
} while (0)

/* rel under the source tree ($ARTEXT_SRC, as ctest sets it, else "."), in
 * a static buffer that the next call overwrites. */
static inline const char *check_src_path(const char *rel)
{
    static char path[4096];
    const char *src = getenv("ARTEXT_SRC");
    snprintf(path, sizeof path, "%s/%s", src ? src : ".", rel);
    return path;
}

/* The whole file, NUL-terminated (so one byte of room past *len), or NULL. */
/* The invalid UTF-8 sequences in s[0..n), as ar_utf8_decode reads them,
 * and in *first the offset of the first (left alone when there is none):
 * what the library's counters must agree with. */
static inline uint64_t check_count_invalid(const char *s, size_t n, size_t *first)
{
    uint64_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = ar_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp < 0 && !k++)
            *first = i;
        i += (size_t)l;
    }
    return k;
}

static inline char *check_slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    ar_buf b = {0};
    char tmp[65536];
    size_t k;
    while ((k = fread(tmp, 1, sizeof tmp, f)) > 0)
        ar_buf_append(&b, tmp, k);
    int bad = ferror(f);
    fclose(f);
    if (bad || ar_buf_putc(&b, 0)) {
        ar_buf_free(&b);
        return NULL;
    }
    *len = b.len - 1;
    return b.ptr;
}

/* The reports of corpus/ (every *.txt, in directory order) one after the
 * other, or NULL when the directory cannot be read. */
#include <dirent.h>
static inline char *check_corpus(size_t *len)
{
    const char *dir = check_src_path("corpus");
    char dirpath[4096], path[8192];
    snprintf(dirpath, sizeof dirpath, "%s", dir); /* check_src_path's buffer is reused */
    DIR *d = opendir(dirpath);
    if (!d)
        return NULL;
    ar_buf b = {0};
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name), n;
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", dirpath, e->d_name);
        char *s = check_slurp(path, &n);
        if (s)
            ar_buf_append(&b, s, n);
        free(s);
    }
    closedir(d);
    *len = b.len;
    return b.ptr;
}

/* The escapes of the case files under tests/cases/: \uXXXX (a code point
 * as UTF-8), \xHH (that byte), \t \n \r, \s (a space), \\ and any other
 * \c as c. Writes a NUL after the result (out needs len(s) + 1 bytes) and
 * returns the length. */
static inline size_t check_unescape(const char *s, char *out)
{
    size_t k = 0;
    while (*s) {
        if (s[0] == '\\' && s[1] == 'u') {
            char hex[5] = {0};
            memcpy(hex, s + 2, 4);
            k += (size_t)ar_utf8_encode((int32_t)strtol(hex, NULL, 16), out + k);
            s += 6;
        } else if (s[0] == '\\' && s[1] == 'x') {
            char hex[3] = {s[2], s[3], 0};
            out[k++] = (char)strtol(hex, NULL, 16);
            s += 4;
        } else if (s[0] == '\\' && s[1]) {
            out[k++] = s[1] == 't' ? '\t' : s[1] == 'n' ? '\n' : s[1] == 'r' ? '\r' : s[1] == 's' ? ' ' : s[1];
            s += 2;
        } else
            out[k++] = *s++;
    }
    out[k] = 0;
    return k;
}

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_pass_, check_fail_);
    return check_fail_ ? 1 : 0;
}
#endif
