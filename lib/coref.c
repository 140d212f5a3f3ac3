/* SPDX-License-Identifier: MIT */
/* Surnames seen in a document, for co-reference: «الكاظمي» after «مصطفى
 * الكاظمي». A document names few people, so a bounded array searched in
 * order is enough; names past the bound are simply not resolved. */
#include <stdlib.h>
#include <string.h>

#include "entities_internal.h"

const ar_surname *ar_coref_find(const ar_coref *c, const char *key, size_t n)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->s[i].klen == n && !memcmp(c->s[i].key, key, n))
            return &c->s[i];
    return NULL;
}

void ar_coref_add(ar_coref *c, const char *key, size_t n, const char *canon, size_t cn, int listed)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->s[i].klen == n && !memcmp(c->s[i].key, key, n)) {
            c->s[i].listed |= listed;
            /* مسرور بارزاني then نيجيرفان بارزاني: «بارزاني» is no longer one person */
            if (c->s[i].clen != cn || memcmp(c->s[i].canon, canon, cn))
                c->s[i].ambiguous = 1;
            return;
        }
    /* one-letter "surnames" would turn prepositions into people */
    if (c->n == AR_COREF_MAX || n < 4)
        return;
    ar_surname *s = &c->s[c->n];
    s->key = malloc(n);
    s->canon = malloc(cn ? cn : 1);
    if (!s->key || !s->canon) {
        free(s->key);
        free(s->canon);
        return;
    }
    memcpy(s->key, key, n);
    memcpy(s->canon, canon, cn);
    s->klen = n;
    s->clen = cn;
    s->ambiguous = 0;
    s->listed = listed;
    c->n++;
}

void ar_coref_reset(ar_coref *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->s[i].key);
        free(c->s[i].canon);
    }
    c->n = 0;
}
