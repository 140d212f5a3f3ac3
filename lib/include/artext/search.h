/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_SEARCH_H
#define ARTEXT_SEARCH_H
/*
 * The searcher: reads an ar_input chunk by chunk, runs a matcher over each
 * chunk (folding it first when the matcher needs folded text), decides
 * which lines are selected (-v, -m), adds context lines (-A/-B), notices
 * binary data (NUL bytes) and reports every line to print to a sink.
 *
 * Everything a sink receives is ORIGINAL text: the line as the input layer
 * decoded it (never the folded form), spans relative to that line, and
 * source offsets into the file itself (through the input's decoding map).
 * A searcher is per thread; the matcher it uses may be shared.
 */
#include "base.h"
#include "input.h"
#include "match.h"

#ifdef __cplusplus
extern "C" {
#endif

enum ar_binary_mode {
    AR_BINARY_QUIT = 0, /* grep's default: at the first selected line after a NUL byte,
                           report it to sink->binary and stop (counts still count) */
    AR_BINARY_TEXT,     /* -a: binary data is searched and printed like text */
    AR_BINARY_SKIP      /* -I: a file with NUL bytes has no selected lines */
};

typedef struct ar_search_opts {
    int invert;          /* select lines that do NOT match (-v) */
    int64_t max_count;   /* stop after this many selected lines (-m); < 0 = no limit */
    size_t before, after; /* context lines (-B, -A) */
    int binary;          /* enum ar_binary_mode */
    int spans;           /* report match spans of selected lines (-o, colour, JSON) */
    int line_numbers;    /* count lines so ar_search_line.number is set */
    int quit_on_match;   /* stop at the first selected line (-q, -l, -L) */
    int count_only;      /* no line callbacks at all, only the count (-c) */
} ar_search_opts;

typedef struct ar_match_span {
    size_t start, end;             /* bytes within the reported line */
    uint64_t src_start, src_end;   /* bytes in the source file */
} ar_match_span;

typedef struct ar_search_line {
    const char *text;    /* the original line, without its '\n' ('\r' kept) */
    size_t len;
    int has_nl;          /* the line ended with '\n' */
    int selected;        /* 1 selected line, 0 context line */
    uint64_t number;     /* 1-based line number (0 unless opts.line_numbers) */
    uint64_t src_offset; /* source byte offset of the line's first byte */
    const ar_match_span *spans; /* selected lines with opts.spans: every
                                   non-overlapping match, left to right
                                   (none for -v lines) */
    size_t nspans;
} ar_search_line;

/* Callbacks return 0 to go on; a positive value stops the search quietly,
 * a negative status stops it and is returned by ar_search_input. */
typedef struct ar_sink {
    void *ctx;
    int (*line)(void *ctx, const ar_search_line *l);
    /* A context group ends: grep prints "--" before the next line. */
    int (*gap)(void *ctx);
    /* A selected line lies in binary data (AR_BINARY_QUIT): grep's "binary
     * file matches"; the search stops after it. May be NULL. */
    int (*binary)(void *ctx, uint64_t src_offset);
} ar_sink;

typedef struct ar_search_result {
    uint64_t selected;  /* selected lines (-c's count) */
    int binary;         /* the input contained NUL bytes */
    int stopped;        /* the search stopped early (-m, -q, binary, sink) */
} ar_search_result;

typedef struct ar_searcher ar_searcher;

AR_API int ar_searcher_new(ar_searcher **out, const ar_matcher *m, const ar_search_opts *opts);
AR_API void ar_searcher_free(ar_searcher *s);

/* Searches all of in, reporting to sink. Returns AR_OK, a negative input
 * error (AR_EIO...), AR_ELIMIT when a regex ran away, or a sink's negative
 * status. res (may be NULL) is filled in every case. */
AR_API int ar_search_input(ar_searcher *s, ar_input *in, const ar_sink *sink, ar_search_result *res);

#ifdef __cplusplus
}
#endif
#endif
