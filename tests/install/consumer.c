/* SPDX-License-Identifier: MIT */
/* A program outside the tree, built against the installed libartext. */
#include <artext/artext.h>
#include <stdio.h>
#include <string.h>

int main(void)
{
    unsigned flags;
    ar_norm *n = NULL;
    if (ar_norm_profile("search", &flags) || ar_norm_new(&n, flags))
        return 1;
    const char *s = "\xD8\xA3\xD9\x8E\xD8\xB1\xD9\x92\xD8\xA8\xD9\x90\xD9\x8A\xD9\x84"; /* أَرْبِيل */
    ar_buf out = {0};
    int rc = ar_norm_apply(n, s, strlen(s), &out, NULL);
    int ok = rc == AR_OK && out.len == 10 && memcmp(out.ptr, "\xD8\xA7\xD8\xB1\xD8\xA8\xD9\x8A\xD9\x84", 10) == 0;
    printf("%s %.*s\n", ar_version(), (int)out.len, out.ptr);
    ar_buf_free(&out);
    ar_norm_free(n);
    return ok ? 0 : 1;
}
