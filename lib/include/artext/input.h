/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_INPUT_H
#define ARTEXT_INPUT_H
/*
 * The input layer every command reads through: a path or "-" (stdin),
 * decoded to UTF-8 and handed out in chunks of whole lines.
 *
 * Decoding: UTF-8 by default (a UTF-8 BOM is skipped; a UTF-16 BOM switches
 * to UTF-16); opts.encoding names any ICU converter ("windows-1256",
 * "ISO-8859-6", ...) or "auto" for ICU charset detection. HTML/XML input
 * (opts.html = 1, or -1 to detect from the first bytes) is parsed with
 * libxml2 into plain text, one block element per line, script and style
 * dropped. Bytes that are not valid UTF-8 in UTF-8 input are passed through
 * untouched and counted.
 *
 * Offsets: chunk->map maps chunk text offsets to byte offsets in the source
 * file (NULL when the chunk is the source bytes themselves). For HTML input
 * offsets refer to the extracted text, not the markup (map NULL).
 */
#include "base.h"
#include "offmap.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ar_input ar_input;

typedef struct ar_input_opts {
    const char *encoding; /* NULL or "utf-8": UTF-8; "auto"; or an ICU name */
    int html;             /* 0 text, 1 HTML/XML, -1 detect */
    size_t chunk_size;    /* preferred chunk size in bytes; 0 = default (256 KiB) */
    int no_line_scan;     /* 1: UTF-8 text is handed out without counting
                             its lines or checking its bytes (first_line 0,
                             valid_utf8 0, ar_input_invalid_utf8 0; NUL bytes
                             are still noted), for a caller that counts lines
                             itself where it needs them (ar-grep); 2: NUL
                             bytes are not looked for either, for a caller
                             that prints no lines (ar-grep -c, -l, -q) */
} ar_input_opts;

typedef struct ar_chunk {
    const char *text;        /* UTF-8, whole lines, each ending in '\n' except
                                possibly the last line of the source */
    size_t len;
    uint64_t src_offset;     /* byte offset in the source of chunk text 0 */
    const ar_offmap *map;    /* chunk text offset -> source offset relative to
                                src_offset; NULL = identity */
    uint64_t first_line;     /* 1-based line number of the first line */
    int valid_utf8;          /* 1: text is known to be valid UTF-8 (decoded
                                text always is; raw text when its check
                                found nothing), so ar_json_append_utf8 may
                                take it */
} ar_chunk;

/* Opens path (NULL or "-" = stdin). On failure returns a negative status and
 * fills diag (message only; errno kept for AR_EIO). */
AR_API int ar_input_open(ar_input **in, const char *path, const ar_input_opts *opts, ar_diag *diag);
/* Same over a caller's memory (not copied; must outlive the input). */
AR_API int ar_input_open_mem(ar_input **in, const char *data, size_t len, const ar_input_opts *opts, ar_diag *diag);
/* Next chunk of whole lines: 1 = got one, 0 = end of input, <0 = error.
 * The chunk stays valid until the next call. A line longer than the chunk
 * size makes the chunk grow: there is no line-length limit. */
AR_API int ar_input_next(ar_input *in, ar_chunk *chunk);
AR_API void ar_input_free(ar_input *in);

/* What was seen so far. */
AR_API uint64_t ar_input_invalid_utf8(const ar_input *in); /* invalid bytes passed through */
AR_API uint64_t ar_input_first_invalid(const ar_input *in); /* source offset of the first */
AR_API int ar_input_has_nul(const ar_input *in);            /* a NUL byte was read */
AR_API const char *ar_input_encoding(const ar_input *in);   /* "UTF-8", "UTF-16LE", "windows-1256"... */
AR_API int ar_input_is_html(const ar_input *in);

/* Line iteration over a chunk: *pos starts at 0. Returns 1 and sets
 * line and len (without the '\n'; a '\r' before it stays part of the line)
 * and *has_nl, or 0 at the end of the chunk. */
AR_API int ar_chunk_next_line(const ar_chunk *c, size_t *pos, const char **line, size_t *len, int *has_nl);

#ifdef __cplusplus
}
#endif
#endif
