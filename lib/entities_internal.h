/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_ENTITIES_INTERNAL_H
#define ARTEXT_ENTITIES_INTERNAL_H
#include <stdint.h>

#include "artext/entities.h"
#include "artext/gazetteer.h"
#include "artext/norm.h"

/* One embedded TSV (gazetteer_data.c, generated). */
typedef struct ar_gaz_blob {
    const char *name;
    const char *text;
} ar_gaz_blob;
extern const ar_gaz_blob ar_gaz_builtin[];

/* Helper word classes (bits of a trie node's aux mask). */
enum {
    GAZ_GIVEN = 1u << 0,
    GAZ_TITLE = 1u << 1,   /* role: a given name or known person must follow */
    GAZ_HON = 1u << 2,     /* honorific or rank: any name may follow */
    GAZ_TRIGLOC = 1u << 3, /* place trigger, outside the span */
    GAZ_TRIGLOCP = 1u << 4,/* place trigger, part of the name (جبل، نهر) */
    GAZ_TRIGORG = 1u << 5,
    GAZ_STOP = 1u << 6
};

typedef struct gaz_entry {
    uint32_t canon_off, canon_len; /* in g->arena */
    uint32_t source;               /* index in g->sources */
    uint8_t type;                  /* AR_ENT_* bit */
} gaz_entry;

typedef struct gaz_node {
    int32_t ent;   /* entry index, -1 none */
    uint32_t aux;  /* GAZ_* bits */
} gaz_node;

typedef struct gaz_edge {
    uint64_t hash;
    uint32_t parent, child;
    uint32_t key_off, key_len; /* token bytes in g->arena */
} gaz_edge;

struct ar_gazetteer {
    ar_norm *norm;
    gaz_node *nodes;
    size_t nnodes, capnodes;
    gaz_edge *edges; /* open addressing, capedges a power of two */
    size_t nedges, capedges;
    gaz_entry *ents;
    size_t nents, capents;
    size_t nnames;
    ar_buf arena;
    char **sources;
    size_t nsources;
    size_t nbuiltin; /* sources below this index are built in; the rest are the user's */
    ar_buf scratch; /* folding of names while building */
    /* most words of a text start no name: a 64K-bit filter of the root's
     * edges answers them from L1 instead of a probe into the big table */
    uint64_t rootbits[1024];
};

/* Child of node for the token key[0..len), or -1. */
int32_t ar_gaz_child(const ar_gazetteer *g, uint32_t node, const char *key, size_t len);
/* Splits folded text into tokens: calls fn(start, end, is_word) for each. */
typedef void (*ar_gaz_tok_fn)(size_t start, size_t end, int is_word, void *ud);
void ar_gaz_tokenize(const char *s, size_t len, ar_gaz_tok_fn fn, void *ud);
const char *ar_gaz_source(const ar_gazetteer *g, uint32_t i);

/* Co-reference inside a document (coref.c): the last word of each full
 * person name seen, folded, with the canonical name it belongs to; a word
 * shared by two different people is marked ambiguous. */
typedef struct ar_surname {
    char *key; /* folded */
    size_t klen;
    char *canon;
    size_t clen;
    int ambiguous;
    int listed; /* from a name the lists or rules found, not only the tagger */
} ar_surname;

#define AR_COREF_MAX 512
#define AR_COREF_SLOTS 1024 /* twice the most surnames, so probes stay short */
typedef struct ar_coref {
    ar_surname s[AR_COREF_MAX];
    size_t n;
    uint16_t slot[AR_COREF_SLOTS]; /* 1 + index into s by the key's hash; 0 free */
} ar_coref;

const ar_surname *ar_coref_find(const ar_coref *c, const char *key, size_t n);
void ar_coref_add(ar_coref *c, const char *key, size_t n, const char *canon, size_t cn, int listed);
void ar_coref_reset(ar_coref *c);

/* For the tagger's trainer and tests: prepares one line as ar_entities_line
 * does (folding, tokens, gazetteer look-ups) and returns the tokens as the
 * tagger's features see them; ar_ent_ner_span gives token i's byte span in
 * the line. Valid until the next call on d. */
struct ar_ner_tok;
int ar_ent_ner_prepare(const ar_entities *e, ar_ent_doc *d, const char *text, size_t len,
                       const struct ar_ner_tok **toks, size_t *n);
void ar_ent_ner_span(const ar_ent_doc *d, size_t i, size_t *start, size_t *end);

#endif
