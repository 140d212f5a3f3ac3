/* SPDX-License-Identifier: MIT */
/* User gazetteer parsing over arbitrary bytes: either AR_OK or AR_ESYNTAX
 * with a line number inside the text; then every line of the input is
 * looked up and recognised against the result. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ar_gazetteer *g;
    if (ar_gazetteer_new(&g, 0))
        abort();
    ar_diag dg;
    memset(&dg, 0, sizeof dg);
    const char *s = (const char *)data;
    int rc = ar_gazetteer_add_tsv(g, s, size, "fuzz", &dg);
    if (rc != AR_OK && rc != AR_ESYNTAX)
        abort();
    if (rc == AR_ESYNTAX && (dg.line < 1 || (size_t)dg.line > size + 1))
        abort();
    ar_entities *e;
    ar_ent_doc *d;
    if (ar_entities_new(&e, g) || ar_ent_doc_new(&d))
        abort();
    size_t pos = 0;
    while (pos < size) {
        const char *nl = memchr(s + pos, '\n', size - pos);
        size_t len = nl ? (size_t)(nl - (s + pos)) : size - pos;
        const char *c;
        size_t cl;
        (void)ar_gazetteer_lookup(g, s + pos, len, &c, &cl);
        const ar_entity *es;
        size_t n;
        if (ar_entities_line(e, d, s + pos, len, &es, &n))
            abort();
        for (size_t i = 0; i < n; i++)
            if (es[i].start >= es[i].end || es[i].end > len)
                abort();
        pos += len + 1;
    }
    ar_ent_doc_free(d);
    ar_entities_free(e);
    ar_gazetteer_free(g);
    return 0;
}
