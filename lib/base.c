/* SPDX-License-Identifier: MIT */
#include "artext/base.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#ifndef ARTEXT_VERSION
#define ARTEXT_VERSION "0.0.0"
#endif

const char *ar_strerror(int status)
{
    switch (status) {
    case AR_OK: return "success";
    case AR_ENOMEM: return "out of memory";
    case AR_EINVAL: return "invalid argument";
    case AR_EIO: return "input/output error";
    case AR_EENCODING: return "unknown or unusable encoding";
    case AR_ESYNTAX: return "syntax error";
    case AR_ELIMIT: return "resource limit exceeded";
    case AR_ENOTFOUND: return "not found";
    case AR_EUNSUPPORTED: return "not supported";
    default: return "unknown error";
    }
}

const char *ar_version(void) { return ARTEXT_VERSION; }

int ar_buf_reserve(ar_buf *b, size_t extra)
{
    if (extra <= b->cap - b->len)
        return AR_OK;
    if (extra > SIZE_MAX / 2 - b->len)
        return AR_ENOMEM;
    size_t want = b->len + extra;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < want)
        cap *= 2;
    char *p = realloc(b->ptr, cap);
    if (!p)
        return AR_ENOMEM;
    b->ptr = p;
    b->cap = cap;
    return AR_OK;
}

int ar_buf_append(ar_buf *b, const void *p, size_t n)
{
    int rc = ar_buf_reserve(b, n);
    if (rc)
        return rc;
    if (n)
        memcpy(b->ptr + b->len, p, n);
    b->len += n;
    return AR_OK;
}

int ar_buf_putc(ar_buf *b, char c) { return ar_buf_append(b, &c, 1); }
void ar_buf_clear(ar_buf *b) { b->len = 0; }

void ar_buf_free(ar_buf *b)
{
    free(b->ptr);
    b->ptr = NULL;
    b->len = b->cap = 0;
}

void ar_diag_set(ar_diag *d, long line, long offset, const char *fmt, ...)
{
    if (!d)
        return;
    d->line = line;
    d->offset = offset;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof d->msg, fmt, ap);
    va_end(ap);
}

int ar_utf8_decode(const unsigned char *s, size_t n, int32_t *cp)
{
    unsigned c = s[0];
    if (c < 0x80) {
        *cp = (int32_t)c;
        return 1;
    }
    int len;
    uint32_t v, min;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2; v = c & 0x1F; min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3; v = c & 0x0F; min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4; v = c & 0x07; min = 0x10000;
    } else {
        *cp = -1;
        return 1;
    }
    if ((size_t)len > n) {
        *cp = -1;
        return 1;
    }
    for (int i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            *cp = -1;
            return 1;
        }
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) {
        *cp = -1;
        return 1;
    }
    *cp = (int32_t)v;
    return len;
}

int ar_utf8_encode(int32_t cp, char *out)
{
    uint32_t c = (uint32_t)cp;
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | (c >> 6));
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | (c >> 12));
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (c >> 18));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

size_t ar_utf8_valid_prefix(const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        if (p[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        int l = ar_utf8_decode(p + i, n - i, &cp);
        if (cp < 0)
            break;
        i += (size_t)l;
    }
    return i;
}

int ar_json_append_str(ar_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    int rc = ar_buf_reserve(b, n + 2);
    if (rc)
        return rc;
    b->ptr[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        if ((rc = ar_buf_reserve(b, 8)))
            return rc;
        unsigned c = p[i];
        if (c >= 0x80) {
            int32_t cp;
            int l = ar_utf8_decode(p + i, n - i, &cp);
            if (cp < 0) {
                memcpy(b->ptr + b->len, "\xEF\xBF\xBD", 3);
                b->len += 3;
            } else {
                memcpy(b->ptr + b->len, p + i, (size_t)l);
                b->len += (size_t)l;
            }
            i += (size_t)l;
            continue;
        }
        char *o = b->ptr + b->len;
        switch (c) {
        case '"': o[0] = '\\'; o[1] = '"'; b->len += 2; break;
        case '\\': o[0] = '\\'; o[1] = '\\'; b->len += 2; break;
        case '\n': o[0] = '\\'; o[1] = 'n'; b->len += 2; break;
        case '\r': o[0] = '\\'; o[1] = 'r'; b->len += 2; break;
        case '\t': o[0] = '\\'; o[1] = 't'; b->len += 2; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                memcpy(o, "\\u00", 4);
                o[4] = hex[c >> 4];
                o[5] = hex[c & 15];
                b->len += 6;
            } else {
                o[0] = (char)c;
                b->len += 1;
            }
        }
        i++;
    }
    return ar_buf_putc(b, '"');
}

int ar_json_write_str(FILE *f, const char *s, size_t n)
{
    /* The same bytes as ar_json_append_str, through a buffer on the stack:
     * writing JSON never needs memory, so it cannot fail for want of it. */
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    char buf[512];
    size_t k = 0, i = 0;
    buf[k++] = '"';
    while (i < n) {
        if (k > sizeof buf - 8) {
            if (fwrite(buf, 1, k, f) != k)
                return AR_EIO;
            k = 0;
        }
        unsigned c = p[i];
        if (c >= 0x80) {
            int32_t cp;
            int l = ar_utf8_decode(p + i, n - i, &cp);
            if (cp < 0) {
                memcpy(buf + k, "\xEF\xBF\xBD", 3);
                k += 3;
            } else {
                memcpy(buf + k, p + i, (size_t)l);
                k += (size_t)l;
            }
            i += (size_t)l;
            continue;
        }
        char *o = buf + k;
        switch (c) {
        case '"': o[0] = '\\'; o[1] = '"'; k += 2; break;
        case '\\': o[0] = '\\'; o[1] = '\\'; k += 2; break;
        case '\n': o[0] = '\\'; o[1] = 'n'; k += 2; break;
        case '\r': o[0] = '\\'; o[1] = 'r'; k += 2; break;
        case '\t': o[0] = '\\'; o[1] = 't'; k += 2; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                memcpy(o, "\\u00", 4);
                o[4] = hex[c >> 4];
                o[5] = hex[c & 15];
                k += 6;
            } else {
                o[0] = (char)c;
                k += 1;
            }
        }
        i++;
    }
    buf[k++] = '"';
    return fwrite(buf, 1, k, f) == k ? AR_OK : AR_EIO;
}
