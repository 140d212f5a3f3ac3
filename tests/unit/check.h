/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_CHECK_H
#define ARTEXT_CHECK_H
/* A minimal unit-test harness: CHECK(cond) and CHECK_STR(got, want) record
 * a failure with file and line and go on; check_done() prints the closing
 * "N passed, N failed" line and returns the exit status. */
#include <stdio.h>
#include <string.h>

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

static inline int check_done(void)
{
    printf("%d passed, %d failed\n", check_pass_, check_fail_);
    return check_fail_ ? 1 : 0;
}
#endif
