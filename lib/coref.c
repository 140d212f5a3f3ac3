/* SPDX-License-Identifier: MIT */
/* Surnames seen in a document, for co-reference: «الكاظمي» after «مصطفى
 * الكاظمي». Names past the bound are simply not resolved. Every word of
 * every line is looked up, so the look-up is by hash: a search in order
 * was 46% of ar-entities' time over Wikipedia text, where one long document
 * fills the 512. */
#include <stdlib.h>
#include <string.h>

#include "entities_internal.h"

/* The slot holding key, or the free slot where it would go. */
static size_t probe(const ar_coref *c, const char *key, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)key[i]) * 1099511628211ull;
    size_t k = (size_t)(h ^ (h >> 32)) & (AR_COREF_SLOTS - 1);
    while (c->slot[k]) {
        const ar_surname *s = &c->s[c->slot[k] - 1];
        if (s->klen == n && !memcmp(s->key, key, n))
            break;
        k = (k + 1) & (AR_COREF_SLOTS - 1);
    }
    return k;
}

const ar_surname *ar_coref_find(const ar_coref *c, const char *key, size_t n)
{
    if (!c->n)
        return NULL;
    size_t k = probe(c, key, n);
    return c->slot[k] ? &c->s[c->slot[k] - 1] : NULL;
}

void ar_coref_add(ar_coref *c, const char *key, size_t n, const char *canon, size_t cn, int listed)
{
    size_t k = probe(c, key, n);
    if (c->slot[k]) {
        ar_surname *s = &c->s[c->slot[k] - 1];
        s->listed |= listed;
        /* مسرور بارزاني then نيجيرفان بارزاني: «بارزاني» is no longer one person */
        if (s->clen != cn || memcmp(s->canon, canon, cn))
            s->ambiguous = 1;
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
    c->slot[k] = (uint16_t)c->n;
}

void ar_coref_reset(ar_coref *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->s[i].key);
        free(c->s[i].canon);
    }
    c->n = 0;
    memset(c->slot, 0, sizeof c->slot);
}
