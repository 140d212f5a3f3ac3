/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_BASE_H
#define ARTEXT_BASE_H
/*
 * Shared vocabulary of libartext: status codes, the growable byte buffer and
 * the diagnostic record parsers of user input fill in.
 *
 * Conventions for the whole library (stated once here):
 *  - Functions return AR_OK (0) or a negative AR_E* code; ar_strerror() names it.
 *  - Opaque objects come from ar_X_new() and go to ar_X_free(); ar_X_free(NULL)
 *    is a no-op. Compiled objects (normalizer, matcher, gazetteer) are
 *    immutable after _new and may be shared between threads; scratch state
 *    (ar_buf, ar_offmap) belongs to one caller and is reused call after call.
 *  - All text is UTF-8 bytes with an explicit length; nothing needs a NUL
 *    terminator and embedded NULs are ordinary bytes. Bytes that are not
 *    valid UTF-8 are carried through unchanged, never dropped.
 *  - Offsets are byte offsets, 0-based, end-exclusive.
 *  - The library never prints, exits or chooses a stream.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#if defined(AR_BUILDING_LIB)
#define AR_API __attribute__((visibility("default")))
#else
#define AR_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

enum {
    AR_OK = 0,
    AR_ENOMEM = -1,      /* allocation failed */
    AR_EINVAL = -2,      /* bad argument from the caller */
    AR_EIO = -3,         /* read or write failed; errno holds the cause */
    AR_EENCODING = -4,   /* unknown encoding name or undecodable input */
    AR_ESYNTAX = -5,     /* malformed user input (pattern, gazetteer line...) */
    AR_ELIMIT = -6,      /* a resource limit was hit (regex match limit...) */
    AR_ENOTFOUND = -7,   /* no such profile, scheme, file... */
    AR_EUNSUPPORTED = -8 /* feature not available in this build */
};

/* Static English message for a status code; never NULL. */
AR_API const char *ar_strerror(int status);
/* Library version string, e.g. "0.1.0". */
AR_API const char *ar_version(void);

/* A plain growable byte buffer. Zero-initialise ({0}) before first use. */
typedef struct ar_buf {
    char *ptr;
    size_t len;
    size_t cap;
} ar_buf;

AR_API int ar_buf_reserve(ar_buf *b, size_t extra); /* room for len+extra bytes */
AR_API int ar_buf_append(ar_buf *b, const void *p, size_t n);
AR_API int ar_buf_putc(ar_buf *b, char c);
AR_API void ar_buf_clear(ar_buf *b);               /* len = 0, keeps memory */
AR_API void ar_buf_free(ar_buf *b);                /* frees and zeroes */

/* Where and why a parse of user input failed. Any field may be unset
 * (line/offset -1, file NULL). msg is always NUL-terminated. */
typedef struct ar_diag {
    const char *file;
    long line;     /* 1-based, -1 when not applicable */
    long offset;   /* byte offset in the pattern/line, -1 when not applicable */
    char msg[256];
} ar_diag;

AR_API void ar_diag_set(ar_diag *d, long line, long offset, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* UTF-8 helpers. ar_utf8_decode reads one code point at s[0..n); it returns
 * its length in bytes and stores the code point, or returns 1 and stores -1
 * for a byte that does not start a valid, shortest-form scalar value. */
AR_API int ar_utf8_decode(const unsigned char *s, size_t n, int32_t *cp);
/* Writes cp as UTF-8 into out (>= 4 bytes); returns the length (1..4). */
AR_API int ar_utf8_encode(int32_t cp, char *out);
/* Length of the longest valid UTF-8 prefix of s[0..n). */
AR_API size_t ar_utf8_valid_prefix(const char *s, size_t n);

/* JSON string writer: quotes and escapes s[0..n) for JSON; bytes that are not
 * valid UTF-8 are written as U+FFFD (JSON cannot carry them). Returns AR_OK
 * or AR_EIO on a write error. */
AR_API int ar_json_write_str(FILE *f, const char *s, size_t n);
AR_API int ar_json_append_str(ar_buf *b, const char *s, size_t n);
/* The same for text the caller knows is valid UTF-8 (ar_chunk.valid_utf8):
 * only ASCII controls, '"', '\\' and DEL need work, so runs between them
 * are copied whole. On other bytes the output is the same as from
 * ar_json_append_str wherever that is valid UTF-8; invalid bytes are copied
 * as they are (the promise was broken, never memory). */
AR_API int ar_json_append_utf8(ar_buf *b, const char *s, size_t n);

#ifdef __cplusplus
}
#endif
#endif
