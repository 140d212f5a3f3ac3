/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_NER_INTERNAL_H
#define ARTEXT_NER_INTERNAL_H
/* What the tagger and its trainer share: the token record the features are
 * read from, the feature templates, the tag set, the model's layout and the
 * decoder. The trainer (tools/ar-ner-train.c) reaches the same code through
 * this header, so training and tagging cannot drift apart. */
#include <stdint.h>

#include "artext/ner.h"

/* Bump when a template changes: models trained on other features are
 * refused at load time. */
#define AR_NER_FEATURES 3

enum { NER_O, NER_B_PER, NER_I_PER, NER_B_LOC, NER_I_LOC, NER_B_ORG, NER_I_ORG, NER_B_MISC, NER_I_MISC, NER_NTAGS };

/* Tag index of B-/I- for an entity type index 0..3 (PER LOC ORG MISC). */
#define NER_B(ti) (1 + 2 * (ti))
#define NER_I(ti) (2 + 2 * (ti))
#define NER_TYPE(tag) (((tag) - 1) / 2) /* tag != NER_O */
#define NER_IS_I(tag) ((tag) != NER_O && ((tag) & 1) == 0)

/* Token kinds. */
enum { NK_WORD = 1, NK_NUM, NK_LATIN, NK_PUNCT };

/* One token as the features see it. All text is the folded form (search
 * profile), so spelling variants share their weights. */
typedef struct ar_ner_tok {
    const char *w;       /* folded token */
    uint32_t n;
    uint32_t pro;        /* bytes of proclitics (و ف ب ك ل, لل) before the article or stem */
    uint32_t stem_off;   /* bare stem: proclitics and article removed */
    uint32_t stem_len;
    uint8_t kind;        /* NK_* */
    uint8_t art;         /* has the article */
    uint8_t gaz;         /* gazetteer cover: 0, or 1 + 2 * type index + (0 first word, 1 later word) */
    uint8_t gazlen;      /* words of the gazetteer name that covers it (capped at 7) */
    uint16_t aux;        /* GAZ_* helper classes of the word, as written or without clitics */
    uint16_t pad;
} ar_ner_tok;

/* Most features one token can have. */
#define AR_NER_MAXFEAT 96

/* Hashes of the features of token i of t[0..n) into out (at most
 * AR_NER_MAXFEAT); returns how many. */
int ar_ner_features(const ar_ner_tok *t, size_t n, size_t i, uint64_t *out);

/* The same features in two parts (see ner.c): those that read one word
 * only, by the role the word plays for the token being tagged (c NULL: a
 * neighbour past the sentence's edge), and the rest. For token i the union
 * of word features (t[i], SELF), (t[i-1], PREV1), (t[i-2], PREV2),
 * (t[i+1], NEXT1), (t[i+2], NEXT2) and context features (t, n, i) is the
 * set ar_ner_features gives. */
enum { AR_NER_ROLE_SELF, AR_NER_ROLE_PREV1, AR_NER_ROLE_PREV2, AR_NER_ROLE_NEXT1, AR_NER_ROLE_NEXT2, AR_NER_ROLES };
int ar_ner_word_features(const ar_ner_tok *c, int role, uint64_t *out);
int ar_ner_context_features(const ar_ner_tok *t, size_t n, size_t i, uint64_t *out);

/* ---- the document pass ----
 * A second model reads, besides a token's own features, what the first
 * model found for the same stem in the other lines of its block: how many
 * of them it tagged as each type. The first pass's tags of the training
 * data come from five models each trained without that fifth, as they
 * would for unseen text. */

/* A feature set with the document features is this id with the flag. */
#define AR_NER_DOC_FLAG 0x100

/* Sentences a block holds in training (ar-entities reads blocks of
 * AR_ENT_BLOCK_LINES lines, a line being a paragraph or more). */
#define AR_NER_DOC_SENTENCES 64

/* The stem's key (0: not a word, or a stem under two letters). */
uint64_t ar_ner_stem_key(const ar_ner_tok *t);

/* 0 for O, 1 + type index (PER LOC ORG MISC) for a B- or I- tag. */
int ar_ner_type_of_tag(int tag);

/* Counts of first-pass types by stem key over a block of lines. */
typedef struct ar_ner_mem {
    uint64_t *key; /* 0: free */
    int32_t (*cnt)[5];
    size_t cap, used;
} ar_ner_mem;
int ar_ner_mem_add(ar_ner_mem *m, uint64_t key, int type, int d); /* AR_ENOMEM */
const int32_t *ar_ner_mem_get(const ar_ner_mem *m, uint64_t key);
void ar_ner_mem_clear(ar_ner_mem *m);
void ar_ner_mem_free(ar_ner_mem *m);

/* The document features of a token whose stem has counts cnt elsewhere in
 * the block (NULL: none) and whose first-pass type is own; at most 7. */
int ar_ner_doc_features(const int32_t *cnt, int own, uint64_t *out);

/* The built-in document-pass model, or NULL when the library has none. */
const ar_ner_model *ar_ner_model_builtin_doc(void);

/* Fills the stem fields of a token from its folded text and kind. */
void ar_ner_stem(ar_ner_tok *t);

/* The model as the decoder reads it. */
struct ar_ner_model {
    uint32_t nbits, ntags;
    float scale;
    const int16_t *w;                             /* [1 << nbits][ntags] */
    float trans[(NER_NTAGS + 1) * NER_NTAGS];     /* [prev, or start = NER_NTAGS][cur] */
    char info[89];
    uint64_t sum;                                 /* the file's checksum: which model this is */
    int doc;                                      /* a document-pass model (AR_NER_DOC_FLAG) */
    void *owned;                                  /* file bytes, when loaded */
};

#define NER_HDR 128
#define NER_WOFF 512

static inline uint32_t ar_ner_row(uint64_t h, uint32_t nbits)
{
    return (uint32_t)(h >> (64 - nbits));
}

/* Whether tag b may follow tag a (a == NER_NTAGS: the start): I-X only after
 * B-X or I-X. */
static inline int ar_ner_allowed(int a, int b)
{
    if (!NER_IS_I(b))
        return 1;
    return a != NER_NTAGS && a != NER_O && NER_TYPE(a) == NER_TYPE(b);
}

/* Best tag sequence for n tokens given their emission scores em[n][ntags]
 * and the transition weights; scratch holds 2 * n * ntags floats + n ints
 * (see ar_ner_viterbi_scratch). */
size_t ar_ner_viterbi_scratch(size_t n);
void ar_ner_viterbi(const float *em, size_t n, const float *trans, void *scratch, uint8_t *tags);

/* Asks for the weight rows of features f[0..nf) ahead of ar_ner_emit. A
 * row is 18 bytes and may straddle two cache lines; the first is enough to
 * start the fetch, and the rest usually follows with it. */
void ar_ner_prefetch(const ar_ner_model *m, const uint64_t *f, int nf);

/* Adds the integer weights of features f[0..nf) to acc[NER_NTAGS]; the
 * sums are exact, so any grouping of features gives the same scores. */
void ar_ner_sum(const ar_ner_model *m, const uint64_t *f, int nf, int32_t *acc);

/* Emission scores of one token under model m, from its feature hashes. */
void ar_ner_emit(const ar_ner_model *m, const uint64_t *f, int nf, float *out);

/* Serialises a model (weights already quantised) into b. */
int ar_ner_model_write(ar_buf *b, uint32_t nbits, float scale, const float *trans, const int16_t *w,
                       const char *info, int doc);

uint64_t ar_ner_fnv(const void *p, size_t n);

#endif
