/* SPDX-License-Identifier: MIT */
/* JSON string escaping on any bytes. ar_json_append_str must give what the
 * JSON spec gives one code point at a time (invalid bytes as U+FFFD), the
 * FILE writer the same bytes, and ar_json_append_utf8 the same again
 * whenever the input is valid UTF-8 (on invalid input it must only stay
 * inside its buffer). Aborts otherwise. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "artext/base.h"
#include "../tests/unit/json_ref.h" /* the reference: one code point at a time */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    ar_buf got = {0}, want = {0};
    json_ref(&want, data, size);
    if (ar_json_append_str(&got, s, size) != AR_OK || got.len != want.len || memcmp(got.ptr, want.ptr, got.len))
        abort();
    got.len = 0;
    if (ar_json_append_utf8(&got, s, size) != AR_OK)
        abort();
    if (ar_utf8_valid_prefix(s, size) == size && (got.len != want.len || memcmp(got.ptr, want.ptr, got.len)))
        abort();
    FILE *f = tmpfile();
    if (f) {
        if (ar_json_write_str(f, s, size) != AR_OK)
            abort();
        long n = ftell(f);
        rewind(f);
        char *back = malloc((size_t)n + 1);
        if (!back || fread(back, 1, (size_t)n, f) != (size_t)n || (size_t)n != want.len || memcmp(back, want.ptr, want.len))
            abort();
        free(back);
        fclose(f);
    }
    ar_buf_free(&got);
    ar_buf_free(&want);
    return 0;
}
