/* SPDX-License-Identifier: MIT */
/* Entity recognition over arbitrary bytes: the input is split at '\n' into
 * the lines of one document; every span must lie inside its line and be
 * non-empty, and the canonical form must be readable. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ar_gazetteer *g;
    static ar_entities *e;
    if (!g) {
        if (ar_gazetteer_new(&g, AR_GAZ_BUILTIN) || ar_entities_new(&e, g))
            abort();
    }
    ar_ent_doc *d;
    if (ar_ent_doc_new(&d))
        abort();
    ar_ent_doc_keep_tokens(d, size & 1);
    const char *s = (const char *)data;
    size_t pos = 0;
    while (pos <= size) {
        const char *nl = size > pos ? memchr(s + pos, '\n', size - pos) : NULL;
        size_t len = nl ? (size_t)(nl - (s + pos)) : size - pos;
        const ar_entity *es;
        size_t n;
        if (ar_entities_line(e, d, s + pos, len, &es, &n))
            abort();
        volatile unsigned sum = 0;
        for (size_t i = 0; i < n; i++) {
            if (es[i].start >= es[i].end || es[i].end > len || !es[i].rule)
                abort();
            for (size_t k = 0; k < es[i].canonical_len; k++)
                sum += (unsigned char)es[i].canonical[k];
        }
        (void)sum; /* read only so that ASan sees every canonical byte */
        pos += len + 1;
    }
    ar_ent_doc_free(d);
    return 0;
}
