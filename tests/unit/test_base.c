/* SPDX-License-Identifier: MIT */
#include <stdlib.h>

#include "artext/base.h"
#include "check.h"
#include "json_ref.h"

static void test_json_mix(void)
{
    static const char *const pieces[] = {"a", "قال", " ", "\"", "\\", "\n", "\t", "\x01", "\x7F", "\xFF", "\xD8", "", "\x1F",
                                         "\xC0\x80", "\xE2\x80\x9D", "\xF0\x9F\x98\x80", "\xED\xA0\x80",
                                         "بغداد الكاظمي ", "0123456789abcdef"};
    ar_buf in = {0}, got = {0}, want = {0};
    srand(5);
    int bad = 0, valid = 0;
    for (int round = 0; round < 3000; round++) {
        in.len = got.len = want.len = 0;
        for (int k = rand() % 40; k > 0; k--) {
            const char *s = pieces[rand() % (int)(sizeof pieces / sizeof pieces[0])];
            ar_buf_append(&in, s, strlen(s));
        }
        CHECK(ar_json_append_str(&got, in.ptr, in.len) == AR_OK);
        json_ref(&want, (const unsigned char *)in.ptr, in.len);
        if (got.len != want.len || memcmp(got.ptr, want.ptr, got.len) != 0)
            bad++;
        /* the writer for valid UTF-8: the same bytes when it is */
        if (ar_utf8_valid_prefix(in.ptr, in.len) == in.len) {
            valid++;
            got.len = 0;
            CHECK(ar_json_append_utf8(&got, in.ptr, in.len) == AR_OK);
            if (got.len != want.len || memcmp(got.ptr, want.ptr, got.len) != 0)
                bad++;
        } else { /* and when it is not, the bytes as they are, escapes and all */
            got.len = 0;
            CHECK(ar_json_append_utf8(&got, in.ptr, in.len) == AR_OK);
            bad += got.len < in.len + 2;
        }
        /* the FILE writer gives the same bytes */
        FILE *f = tmpfile();
        if (f) {
            CHECK(ar_json_write_str(f, in.ptr, in.len) == AR_OK);
            long sz = ftell(f);
            char *back = malloc((size_t)sz + 1);
            rewind(f);
            if (back && fread(back, 1, (size_t)sz, f) == (size_t)sz && ((size_t)sz != want.len || memcmp(back, want.ptr, want.len)))
                bad++;
            free(back);
            fclose(f);
        }
    }
    CHECK_MSG(bad == 0, "%d JSON strings differ from the reference escaping", bad);
    CHECK_MSG(valid > 300, "only %d valid strings", valid);
    ar_buf_free(&in);
    ar_buf_free(&got);
    ar_buf_free(&want);
}

int main(void)
{
    test_json_mix();
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
