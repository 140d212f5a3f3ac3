/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_GAZETTEER_H
#define ARTEXT_GAZETTEER_H
/*
 * Gazetteers: names of people, places and organisations (and the words the
 * entity rules need: given names, titles, trigger words), folded with the
 * search normalization and stored in a token-level trie, so that a look-up
 * costs the same for ten names or fifty thousand.
 *
 * A gazetteer is built (ar_gazetteer_new, then any number of
 * ar_gazetteer_add_tsv) and then only read: once an ar_entities uses it, it
 * must not be changed, and threads may share it. File format: artext-gazetteer(5).
 */
#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Entity types, as bits so that they can be combined into a filter mask. */
enum ar_ent_type {
    AR_ENT_PER = 1u << 0,
    AR_ENT_LOC = 1u << 1,
    AR_ENT_ORG = 1u << 2,
    AR_ENT_MISC = 1u << 3,
    AR_ENT_ALL = 0xfu
};

/* "PER", "LOC", "ORG", "MISC" ("?" otherwise). */
AR_API const char *ar_ent_type_name(unsigned type);
/* Parses a comma-separated list such as "PER,LOC" (case-insensitive) into a
 * mask. AR_ESYNTAX on an unknown name. */
AR_API int ar_ent_types_parse(const char *list, unsigned *mask);

typedef struct ar_gazetteer ar_gazetteer;

enum ar_gaz_flag {
    AR_GAZ_BUILTIN = 1u << 0 /* load the built-in lists (and ICU's country names) */
};

AR_API int ar_gazetteer_new(ar_gazetteer **out, unsigned flags);
AR_API void ar_gazetteer_free(ar_gazetteer *g);

/* Adds the names of a TSV text (name, type, canonical, optional aliases);
 * a name already present is overridden. source names the text in diag and
 * in each match's rule ("gazetteer:SOURCE"). On a malformed line returns
 * AR_ESYNTAX with diag->line set; the lines before it stay added. */
AR_API int ar_gazetteer_add_tsv(ar_gazetteer *g, const char *text, size_t len, const char *source, ar_diag *diag);

/* Number of entity names (aliases included) and of trie nodes. */
AR_API size_t ar_gazetteer_size(const ar_gazetteer *g);

/* Exact look-up of a whole name (folded like the text): returns the type
 * (one AR_ENT_* bit) and the canonical form, or 0 when it is not an entity
 * name. For tests and tools. */
AR_API unsigned ar_gazetteer_lookup(const ar_gazetteer *g, const char *name, size_t len, const char **canonical,
                                    size_t *canonical_len);

#ifdef __cplusplus
}
#endif
#endif
