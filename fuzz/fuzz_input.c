/* SPDX-License-Identifier: MIT */
/* The input layer on any bytes: the first byte picks the encoding (UTF-8,
 * auto, windows-1256, ISO-8859-6, UTF-16, GB18030, UTF-16LE, or HTML/XML,
 * detected or forced)
 * and the second the chunk size. Aborts unless every chunk is whole lines
 * (only the last may lack its '\n'), line numbers follow on, source offsets
 * never go back and stay inside the input, each chunk's map is monotonic
 * (starts and ends, ends ahead of starts, the last end not past the next
 * chunk),
 * and UTF-8 input comes back byte for byte (less a BOM). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artext/input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const char *const encs[] = {NULL, "utf-8", "auto", "windows-1256", "ISO-8859-6", "UTF-16", "GB18030", "UTF-16LE"};
    enum { NENC = sizeof encs / sizeof *encs };
    unsigned e = data[0] % (NENC + 2);
    /* data[1]: chunk size, and whether the input skips its line scan */
    ar_input_opts o = {e < NENC ? encs[e] : NULL, e == NENC ? -1 : e == NENC + 1 ? 1 : 0, (size_t)(data[1] % 64) * 3,
                       data[1] >> 7};
    const char *text = (const char *)data + 2;
    size_t n = size - 2;
    ar_input *in;
    if (ar_input_open_mem(&in, text, n, &o, NULL) != AR_OK)
        return 0;
    ar_chunk c;
    uint64_t line = 1, last_src = 0, last_end = 0;
    size_t total = 0;
    int last_nl = 1, r;
    int raw = !ar_input_is_html(in) && strcmp(ar_input_encoding(in), "UTF-8") == 0;
    size_t skip = raw && n >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while ((r = ar_input_next(in, &c)) > 0) {
        if (!last_nl || c.len == 0 || c.first_line != (raw && o.no_line_scan ? 0 : line) || c.src_offset < last_src
            || (c.map && !ar_input_is_html(in) && c.src_offset < last_end))
            abort();
        if (!ar_input_is_html(in) && c.src_offset > n)
            abort();
        for (size_t i = 0; i + 1 < c.len; i++)
            line += c.text[i] == '\n';
        last_nl = c.text[c.len - 1] == '\n';
        line += last_nl;
        size_t prev = 0, prev_end = 0;
        for (size_t i = 0; i <= c.len; i++) {
            size_t s = ar_offmap_start(c.map, i), en = ar_offmap_end(c.map, i);
            if (s < prev || en < prev_end || en < s || (c.map && !ar_input_is_html(in) && c.src_offset + en > n))
                abort();
            prev = s;
            prev_end = en;
        }
        last_end = c.src_offset + prev_end;
        if (raw && (c.map || memcmp(c.text, text + skip + total, c.len) != 0))
            abort();
        total += c.len;
        last_src = c.src_offset;
    }
    if (r < 0 || (raw && total + skip != n))
        abort();
    /* Scanned or not, raw text with a NUL byte is binary. */
    if (raw && ar_input_has_nul(in) != (n > skip && memchr(text + skip, 0, n - skip) != NULL))
        abort();
    ar_input_free(in);
    return 0;
}
