/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "artext/base.h"
#include "check.h"

int main(void)
{
    int32_t cp;
    CHECK(ar_utf8_decode((const unsigned char *)"\xD8\xA7", 2, &cp) == 2 && cp == 0x0627);
    CHECK(ar_utf8_decode((const unsigned char *)"\xC0\x80", 2, &cp) == 1 && cp == -1);       /* overlong */
    CHECK(ar_utf8_decode((const unsigned char *)"\xED\xA0\x80", 3, &cp) == 1 && cp == -1);   /* surrogate */
    CHECK(ar_utf8_decode((const unsigned char *)"\xD8", 1, &cp) == 1 && cp == -1);           /* truncated */
    CHECK(ar_utf8_decode((const unsigned char *)"\xF4\x90\x80\x80", 4, &cp) == 1 && cp == -1); /* > U+10FFFF */
    char out[4];
    CHECK(ar_utf8_encode(0x1F600, out) == 4 && ar_utf8_decode((unsigned char *)out, 4, &cp) == 4 && cp == 0x1F600);
    for (int32_t c = 0; c < 0x110000; c += 7) {
        if (c >= 0xD800 && c < 0xE000)
            continue;
        int l = ar_utf8_encode(c, out);
        int32_t back;
        if (ar_utf8_decode((unsigned char *)out, (size_t)l, &back) != l || back != c) {
            CHECK_MSG(0, "round trip of U+%04X", (unsigned)c);
            break;
        }
    }
    CHECK(ar_utf8_valid_prefix("ab\xD8\xA7\xFFz", 6) == 4);

    ar_buf b = {0};
    CHECK(ar_json_append_str(&b, "a\"\\\n\x01\xD8\xA7\xFF", 8) == AR_OK);
    CHECK_MEM(b.ptr, b.len, "\"a\\\"\\\\\\n\\u0001\xD8\xA7\xEF\xBF\xBD\"");
    ar_buf_free(&b);
    CHECK(b.ptr == NULL && b.len == 0);
    for (int i = 0; i < 10000; i++)
        ar_buf_putc(&b, 'x');
    CHECK(b.len == 10000 && b.cap >= 10000);
    ar_buf_free(&b);
    CHECK(strcmp(ar_strerror(AR_ENOMEM), "out of memory") == 0);
    CHECK(strcmp(ar_strerror(12345), "unknown error") == 0);
    return check_done();
}
