/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_OFFMAP_H
#define ARTEXT_OFFMAP_H
/*
 * Offset maps: where each byte of a transformed text came from.
 *
 * A map relates an output text (normalized, decoded, extracted from HTML) to
 * the input it was made from. It is a sorted list of anchors (out, in). The
 * piece between two anchors is either a straight copy (both sides the same
 * length: offsets move together) or a lump (lengths differ: a replaced
 * character, a deleted diacritic, a decoded CP1256 byte). Any position
 * inside a lump maps to the whole lump.
 *
 * A map over text it knows (text set: the output, valid UTF-8) may instead
 * count code points: a piece of n code points whose input is n*w bytes maps
 * each code point to w input bytes. Decoded text uses this, so one anchor
 * covers a run of windows-1256 or UTF-16 characters.
 *
 * ar_offmap_start(o) is where input for output byte o begins; ar_offmap_end(o)
 * is where the input for output bytes [.., o) ends, including input that was
 * deleted right after it (the diacritics of the last letter of a match).
 * So an output span [s, e) maps to the input span [start(s), end(e)).
 *
 * An empty map (no anchors) is the identity. Maps compose by applying them
 * one after the other: the normalization map first, then the input map.
 */
#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ar_offmap_anchor {
    size_t out, in;
} ar_offmap_anchor;

typedef struct ar_offmap {
    ar_offmap_anchor *a;
    size_t n, cap;
    const char *text; /* NULL, or the output text: pieces count code points */
} ar_offmap;

/* Builders. Call ar_offmap_push(m, out, in) at every boundary where the two
 * texts are aligned: before and after each character that is not copied
 * byte for byte. Redundant anchors are merged as they come. Finish with
 * ar_offmap_push(m, out_len, in_len). Pushes must be non-decreasing in both
 * coordinates. */
AR_API int ar_offmap_push(ar_offmap *m, size_t out, size_t in);
AR_API void ar_offmap_clear(ar_offmap *m); /* also unsets text */
AR_API void ar_offmap_free(ar_offmap *m);
AR_API int ar_offmap_is_identity(const ar_offmap *m);

/* Queries (NULL or empty map: identity). */
AR_API size_t ar_offmap_start(const ar_offmap *m, size_t out);
AR_API size_t ar_offmap_end(const ar_offmap *m, size_t out);

#ifdef __cplusplus
}
#endif
#endif
