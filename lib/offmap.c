/* SPDX-License-Identifier: MIT */
#include "artext/offmap.h"
#include "utf8_internal.h"

#include <stdlib.h>

/* Anchors come in increasing order. Between anchors k and k+1 the piece is a
 * copy when both sides have the same length, a lump otherwise; with text set,
 * a piece whose input length is a multiple of its code points maps code point
 * by code point. */

static int same_delta(ar_offmap_anchor a, ar_offmap_anchor b)
{
    return a.out - a.in == b.out - b.in && a.out <= b.out;
}

int ar_offmap_push(ar_offmap *m, size_t out, size_t in)
{
    ar_offmap_anchor p = {out, in};
    if (m->n) {
        ar_offmap_anchor *last = &m->a[m->n - 1];
        if (last->out == out && last->in == in)
            return AR_OK;
        if (out < last->out || in < last->in)
            return AR_EINVAL;
        /* last -> p is a copy, and so is the piece before last: last is
         * redundant, move it forward instead of adding an anchor. */
        if (!m->text && m->n >= 2 && same_delta(*last, p) && same_delta(m->a[m->n - 2], *last)
            && last->out != m->a[m->n - 2].out) {
            *last = p;
            return AR_OK;
        }
    }
    if (m->n == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        ar_offmap_anchor *a = realloc(m->a, cap * sizeof *a);
        if (!a)
            return AR_ENOMEM;
        m->a = a;
        m->cap = cap;
    }
    m->a[m->n++] = p;
    return AR_OK;
}

void ar_offmap_clear(ar_offmap *m)
{
    m->n = 0;
    m->text = NULL;
}

void ar_offmap_free(ar_offmap *m)
{
    free(m->a);
    m->a = NULL;
    m->n = m->cap = 0;
    m->text = NULL;
}

int ar_offmap_is_identity(const ar_offmap *m)
{
    if (!m || m->n == 0)
        return 1;
    for (size_t i = 0; i < m->n; i++)
        if (m->a[i].out != m->a[i].in)
            return 0;
    return 1;
}

/* Index of the last anchor with a.out <= out (the last one when several share
 * that out, so deleted input before out is skipped), or m->n if none. */
static size_t last_le(const ar_offmap *m, size_t out)
{
    size_t lo = 0, hi = m->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (m->a[mid].out <= out)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : m->n;
}

static size_t map_pos(const ar_offmap *m, size_t out, int end)
{
    if (!m || m->n == 0)
        return out;
    size_t k = last_le(m, out);
    if (k == m->n) /* before the first anchor: assume a copy */
        return m->a[0].in >= m->a[0].out - out ? m->a[0].in - (m->a[0].out - out) : 0;
    ar_offmap_anchor a = m->a[k];
    if (a.out == out || k + 1 == m->n)
        return a.in + (out - a.out);
    ar_offmap_anchor b = m->a[k + 1];
    if (m->text) {
        size_t n = ar_utf8_count(m->text + a.out, b.out - a.out);
        if (n && (b.in - a.in) % n == 0) {
            size_t w = (b.in - a.in) / n, i = ar_utf8_count(m->text + a.out, out - a.out);
            /* inside a character: its start, or its end */
            if (!end && ((unsigned char)m->text[out] & 0xC0) == 0x80)
                i--;
            return a.in + w * i;
        }
    }
    if (b.out - a.out == b.in - a.in)
        return a.in + (out - a.out);
    return end ? b.in : a.in; /* inside a lump */
}

size_t ar_offmap_start(const ar_offmap *m, size_t out) { return map_pos(m, out, 0); }
size_t ar_offmap_end(const ar_offmap *m, size_t out) { return map_pos(m, out, 1); }
