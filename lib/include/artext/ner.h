/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_NER_H
#define ARTEXT_NER_H
/*
 * The statistical entity tagger's model: a linear-chain sequence model
 * (averaged structured perceptron) over the entity recognizer's tokens, with
 * BIO tags for PER, LOC, ORG and MISC and hashed features (see
 * lib/ner_internal.h for the feature templates). The library carries one
 * model, trained on the ANERcorp train split (lib/data/ner/); another can be
 * read from a file written by the trainer, tools/ar-ner-train.
 *
 * A model is immutable once loaded and may be shared by threads. The
 * built-in model is static data: do not free it.
 *
 * File format (little-endian), version 1:
 *   0   8  magic "ARTXNER\x01"
 *   8   4  format version (1)
 *   12  4  feature-set version (AR_NER_FEATURES); a model trained with other
 *          features is refused rather than read wrongly
 *   16  4  nbits: the weight table has 2^nbits rows (10..24)
 *   20  4  ntags (9: O, B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG, B-MISC, I-MISC)
 *   24  4  scale (float): a weight is its int16 value times scale
 *   28  4  reserved, 0
 *   32  8  checksum: FNV-1a 64 of every byte from offset 128 to the end
 *   40  88 description, NUL-padded text (data, epochs, seed)
 *   128    transition weights, float[(ntags + 1) * ntags] (row ntags: start)
 *   512    emission weights, int16[2^nbits * ntags], row by row
 * and nothing after them.
 */
#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct ar_ner_model ar_ner_model;

/* The model compiled into the library (never NULL; do not free). */
AR_API const ar_ner_model *ar_ner_model_builtin(void);

/* Reads a model file. AR_ENOTFOUND or AR_EIO (errno set) when it cannot be
 * read, AR_ESYNTAX when it is not a model of this library (wrong magic,
 * version, feature set, size or checksum), with the reason in diag->msg
 * (diag may be NULL). */
AR_API int ar_ner_model_load(ar_ner_model **out, const char *path, ar_diag *diag);
/* The same over bytes in memory (copied; data need not stay). */
AR_API int ar_ner_model_from_memory(ar_ner_model **out, const void *data, size_t len, ar_diag *diag);
AR_API void ar_ner_model_free(ar_ner_model *m);

/* The description stored in the model (training data, epochs). */
AR_API const char *ar_ner_model_info(const ar_ner_model *m);

#ifdef __cplusplus
}
#endif
#endif
