/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_TEST_JSON_REF_H
#define ARTEXT_TEST_JSON_REF_H
/* Shared by unit_base and fuzz_json. */
#include <stdio.h>

#include "artext/base.h"

/* JSON string escaping as the spec says it, one character at a time: the
 * reference for the library's JSON writers and their vector steps. */
static void json_ref(ar_buf *b, const unsigned char *p, size_t n)
{
    ar_buf_putc(b, '"');
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = ar_utf8_decode(p + i, n - i, &cp);
        char tmp[8];
        if (cp < 0)
            ar_buf_append(b, "\xEF\xBF\xBD", 3);
        else if (cp == '"' || cp == '\\')
            ar_buf_putc(b, '\\'), ar_buf_putc(b, (char)cp);
        else if (cp == '\n' || cp == '\r' || cp == '\t')
            ar_buf_putc(b, '\\'), ar_buf_putc(b, cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't');
        else if (cp < 0x20 || cp == 0x7F)
            snprintf(tmp, sizeof tmp, "\\u%04x", (unsigned)cp), ar_buf_append(b, tmp, 6);
        else
            ar_buf_append(b, (const char *)p + i, (size_t)l);
        i += (size_t)l;
    }
    ar_buf_putc(b, '"');
}

#endif
