/* SPDX-License-Identifier: MIT */
#include "artext/base.h"
#include "utf8_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

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

int ar_cpu_avx2(void)
{
#if defined(__x86_64__) && defined(__GNUC__)
    static int known = -1; /* a benign race: every thread computes the same */
    if (known < 0) {
        __builtin_cpu_init();
        known = __builtin_cpu_supports("avx2") ? 1 : 0;
    }
    return known;
#else
    return 0;
#endif
}

/* The escape of an ASCII byte JSON cannot carry as it is (a control, '"',
 * '\\' or DEL) into q (>= 6 bytes); returns its length. */
static size_t json_escape_ascii(unsigned c, char *q)
{
    static const char hex[] = "0123456789abcdef";
    switch (c) {
    case '"': q[0] = '\\'; q[1] = '"'; return 2;
    case '\\': q[0] = '\\'; q[1] = '\\'; return 2;
    case '\n': q[0] = '\\'; q[1] = 'n'; return 2;
    case '\r': q[0] = '\\'; q[1] = 'r'; return 2;
    case '\t': q[0] = '\\'; q[1] = 't'; return 2;
    default: /* the other controls and DEL */
        memcpy(q, "\\u00", 4);
        q[4] = hex[c >> 4];
        q[5] = hex[c & 15];
        return 6;
    }
}

static inline int json_plain(unsigned c) { return c >= 0x20 && c != '"' && c != '\\' && c != 0x7F; }

/* Bytes of p[0..n) before the first one json_escape_ascii must write. */
static size_t json_plain_run(const unsigned char *p, size_t n)
{
    size_t j = 0;
#if defined(__SSE2__)
    for (; n - j >= 16; j += 16) {
        const __m128i v = _mm_loadu_si128((const __m128i *)(p + j));
        __m128i esc = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
        esc = _mm_or_si128(esc, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
        /* 0x00..0x1F: signed, above -1 and below 0x20 */
        esc = _mm_or_si128(esc, _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-1)), _mm_cmplt_epi8(v, _mm_set1_epi8(0x20))));
        unsigned m = (unsigned)_mm_movemask_epi8(esc);
        if (m)
            return j + (size_t)__builtin_ctz(m);
    }
#endif
    while (j < n && json_plain(p[j]))
        j++;
    return j;
}

int ar_json_append_utf8(ar_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    int rc = ar_buf_reserve(b, n + 2);
    if (rc)
        return rc;
    b->ptr[b->len++] = '"';
    for (size_t i = 0; i < n;) {
        size_t run = json_plain_run(p + i, n - i);
        if (b->cap - b->len < run + 7 && (rc = ar_buf_reserve(b, run + 7 + (n - i - run) / 8)))
            return rc;
        memcpy(b->ptr + b->len, p + i, run);
        b->len += run;
        i += run;
        if (i < n)
            b->len += json_escape_ascii(p[i++], b->ptr + b->len);
    }
    b->ptr[b->len++] = '"';
    return AR_OK;
}

/* Escapes p[*i..n) into o[0..room) as a JSON string body, as far as room
 * lets (room >= 8 always takes at least one character); returns the bytes
 * written. Invalid UTF-8 becomes U+FFFD. Printable ASCII and two-byte
 * letters, nearly all of Arabic text, are copied without a look-up. */
static size_t json_escape(const unsigned char *p, size_t n, size_t *i, char *o, size_t room)
{
    size_t k = 0, j = *i;
    while (j < n && room - k >= 8) {
#if defined(__SSE2__)
        /* Sixteen bytes at a time while they are printable ASCII other
         * than " and \, and whole two-byte characters. */
        while (n - j >= 16 && room - k >= 16 + 8) {
            const __m128i v = _mm_loadu_si128((const __m128i *)(p + j));
            const __m128i top3 = _mm_and_si128(v, _mm_set1_epi8((char)0xE0));
            __m128i esc = _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\\')));
            esc = _mm_or_si128(esc, _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F)));
            esc = _mm_or_si128(esc, _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8(-1)),
                                                  _mm_cmplt_epi8(v, _mm_set1_epi8(0x20))));
            /* three- and four-byte leads, C0 and C1 */
            esc = _mm_or_si128(esc, _mm_cmpeq_epi8(top3, _mm_set1_epi8((char)0xE0)));
            esc = _mm_or_si128(esc, _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xFE)),
                                                   _mm_set1_epi8((char)0xC0)));
            unsigned lead = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(top3, _mm_set1_epi8((char)0xC0)));
            unsigned cont = (unsigned)_mm_movemask_epi8(
                _mm_cmpeq_epi8(_mm_and_si128(v, _mm_set1_epi8((char)0xC0)), _mm_set1_epi8((char)0x80)));
            /* every continuation byte right after a lead, a lead at the end
             * left for the next round */
            if (_mm_movemask_epi8(esc) || cont != ((lead << 1) & 0xFFFF) || (cont & 1))
                break;
            _mm_storeu_si128((__m128i *)(o + k), v);
            size_t take = (lead & 0x8000) ? 15 : 16;
            k += take;
            j += take;
        }
        if (j >= n || room - k < 8)
            break;
#endif
        unsigned c = p[j];
        if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
            o[k++] = (char)c;
            j++;
            continue;
        }
        if (c >= 0xC2 && c < 0xE0 && j + 1 < n && (p[j + 1] & 0xC0) == 0x80) {
            o[k++] = (char)c;
            o[k++] = (char)p[j + 1];
            j += 2;
            continue;
        }
        if (c >= 0x80) {
            int32_t cp;
            int l = ar_utf8_decode(p + j, n - j, &cp);
            if (cp < 0) {
                memcpy(o + k, "\xEF\xBF\xBD", 3);
                k += 3;
            } else {
                memcpy(o + k, p + j, (size_t)l);
                k += (size_t)l;
            }
            j += (size_t)l;
            continue;
        }
        k += json_escape_ascii(c, o + k);
        j++;
    }
    *i = j;
    return k;
}

int ar_json_append_str(ar_buf *b, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    /* most text needs no escape: room for it as it is, then more if not */
    int rc = ar_buf_reserve(b, n + 10);
    if (rc)
        return rc;
    b->ptr[b->len++] = '"';
    size_t i = 0;
    while (i < n) {
        if (b->cap - b->len < 16 && (rc = ar_buf_reserve(b, n - i + 16)))
            return rc;
        b->len += json_escape(p, n, &i, b->ptr + b->len, b->cap - b->len - 1);
    }
    return ar_buf_putc(b, '"');
}

int ar_json_write_str(FILE *f, const char *s, size_t n)
{
    /* The same bytes as ar_json_append_str, through a buffer on the stack:
     * writing JSON never needs memory, so it cannot fail for want of it. */
    const unsigned char *p = (const unsigned char *)s;
    char buf[4096];
    size_t k = 0, i = 0;
    buf[k++] = '"';
    while (i < n) {
        if (sizeof buf - k < 16) {
            if (fwrite(buf, 1, k, f) != k)
                return AR_EIO;
            k = 0;
        }
        k += json_escape(p, n, &i, buf + k, sizeof buf - k - 1);
    }
    buf[k++] = '"';
    return fwrite(buf, 1, k, f) == k ? AR_OK : AR_EIO;
}
