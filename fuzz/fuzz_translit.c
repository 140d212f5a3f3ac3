/* SPDX-License-Identifier: MIT */
/* Transliteration: any bytes through every scheme and direction. The map
 * must end at (out, in) and never go back; Buckwalter of Arabic-only text
 * must come back unchanged. The first byte picks scheme and direction. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static ar_translit *get(int scheme, int reverse)
{
    static ar_translit *cache[3][2];
    static int tried[3][2];
    if (!tried[scheme][reverse]) {
        tried[scheme][reverse] = 1;
        if (ar_translit_new(&cache[scheme][reverse], scheme, reverse) != AR_OK)
            cache[scheme][reverse] = NULL;
    }
    return cache[scheme][reverse];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int scheme = data[0] % 3, reverse = (data[0] >> 2) & 1;
    ar_translit *t = get(scheme, reverse);
    if (!t) {
        if (scheme == AR_TRANSLIT_ISO233 && reverse)
            return 0; /* documented as unsupported */
        abort();
    }
    const char *in = (const char *)data + 1;
    size_t len = size - 1;
    ar_buf out = {0}, back = {0};
    ar_offmap map = {0};
    if (ar_translit_apply(t, in, len, &out, &map) != AR_OK)
        abort();
    for (size_t i = 1; i < map.n; i++)
        if (map.a[i].out < map.a[i - 1].out || map.a[i].in < map.a[i - 1].in)
            abort();
    if (map.n == 0 || map.a[map.n - 1].out != out.len || map.a[map.n - 1].in != len)
        abort();
    /* Arabic-only input (no ASCII letters or Buckwalter symbols, which the
     * reverse direction would read as Arabic) comes back byte for byte. */
    if (scheme != AR_TRANSLIT_ISO233 && !reverse) {
        int plain = 1;
        for (size_t i = 0; i < len && plain; i++)
            if ((unsigned char)in[i] < 128 && !(in[i] >= '0' && in[i] <= '9') && in[i] != ' ' && in[i] != '\n')
                plain = 0;
        if (plain) {
            if (ar_translit_apply(get(scheme, 1), out.ptr, out.len, &back, NULL) != AR_OK)
                abort();
            if (back.len != len || memcmp(back.ptr, in, len) != 0)
                abort();
        }
    }
    ar_buf_free(&out);
    ar_buf_free(&back);
    ar_offmap_free(&map);
    return 0;
}
