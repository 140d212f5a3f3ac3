/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_ENTITIES_H
#define ARTEXT_ENTITIES_H
/*
 * Named entities (PER, LOC, ORG, MISC) in Arabic text, in one of two modes:
 *  - with a model (ar_entities_new_model): a sequence tagger (ner.h) reads
 *    each line's tokens with the gazetteers as features and decides the
 *    names; a name of a user gazetteer (one added with ar_gazetteer_add_tsv)
 *    is found as listed whatever the model says;
 *  - without (ar_entities_new): gazetteer look-ups over the folded text
 *    (clitics و ف ب ل ك and لل stripped from the first word), then rules on
 *    context (titles before names, given-name chains, place and organisation
 *    trigger words).
 * Both end with co-reference of surnames inside a document, and both leave
 * an attached و ف ب ل ك (or the first ل of لل) outside the span.
 *
 * An ar_entities is immutable and may be shared by threads; the per-document
 * state (surnames seen, scratch buffers, the results) lives in an ar_ent_doc,
 * one per thread. Offsets are byte offsets in the line passed in.
 */
#include "base.h"
#include "gazetteer.h"
#include "ner.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ar_entity {
    size_t start, end;     /* byte span of the name in the line (clitics outside) */
    unsigned type;         /* one AR_ENT_* bit */
    const char *canonical; /* not NUL-terminated; valid until the next call on the doc */
    size_t canonical_len;
    const char *rule;      /* what fired: "model", "gazetteer:FILE", "title", "given-name",
                              "place-trigger", "org-trigger", "coref" */
} ar_entity;

typedef struct ar_entities ar_entities;
typedef struct ar_ent_doc ar_ent_doc;

/* Lists and rules only. g must outlive e and must not change afterwards. */
AR_API int ar_entities_new(ar_entities **out, const ar_gazetteer *g);
/* With the tagger m (NULL: the same as ar_entities_new); m, like g, must
 * outlive e. ar_ner_model_builtin() is the model the library carries. */
AR_API int ar_entities_new_model(ar_entities **out, const ar_gazetteer *g, const ar_ner_model *m);
AR_API void ar_entities_free(ar_entities *e);

AR_API int ar_ent_doc_new(ar_ent_doc **out);
/* Forgets the document's surnames (call between documents). */
AR_API void ar_ent_doc_reset(ar_ent_doc *d);
AR_API void ar_ent_doc_free(ar_ent_doc *d);
/* Keep the token spans of each line (for BIO output); off by default. */
AR_API void ar_ent_doc_keep_tokens(ar_ent_doc *d, int on);

/* Finds the entities of one line (no '\n' inside; any length, any bytes).
 * *ents and *n point into d and stay valid until the next call on d. */
AR_API int ar_entities_line(const ar_entities *e, ar_ent_doc *d, const char *line, size_t len, const ar_entity **ents,
                            size_t *n);

/* The document pass. With a model, a line can be tagged twice: first
 * alone, then with what that first pass found for the same words in the
 * other lines of its block (a name tagged in one line helps the same name
 * in another). Lines given to ar_entities_preview, in order, form a block;
 * ar_entities_line then reads them in the same order and uses the block.
 * A line not previewed is tagged alone, as without the pass. The next
 * preview after every line of a block has been read starts a new block;
 * ar_ent_doc_reset drops one. ar-entities previews AR_ENT_BLOCK_LINES lines at a
 * time.
 * A no-op without a document-pass model: ar_entities_new_model gives the
 * built-in model its built-in partner; another model gets one with
 * ar_entities_set_doc_model (AR_EINVAL if doc is not a document-pass model
 * made by ar-ner-train --doc-output; NULL turns the pass off). */
#define AR_ENT_BLOCK_LINES 32
AR_API int ar_entities_preview(const ar_entities *e, ar_ent_doc *d, const char *line, size_t len);
AR_API int ar_entities_set_doc_model(ar_entities *e, const ar_ner_model *doc);
AR_API int ar_entities_has_doc_pass(const ar_entities *e);

/* Token spans [start, end) of the last line, when kept. */
typedef struct ar_ent_token {
    size_t start, end;
} ar_ent_token;
AR_API void ar_ent_doc_tokens(const ar_ent_doc *d, const ar_ent_token **toks, size_t *n);

#ifdef __cplusplus
}
#endif
#endif
