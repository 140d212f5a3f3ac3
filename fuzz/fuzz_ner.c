/* SPDX-License-Identifier: MIT */
/* The entity tagger on untrusted bytes, two ways chosen by the first byte:
 *  - even: the input is a document (lines at '\n') tagged with the built-in
 *    models (the document pass too), lists and rules; every span must lie
 *    in its line, in order.
 *    Then two differentials: each line's features, as the word parts of a
 *    token and its neighbours plus the context part, must be the set
 *    ar_ner_features gives; and a line tagged by a document whose word
 *    cache is warm from the lines before must come out as from a new one;
 *  - odd: the rest overwrites the start of a copy of the built-in model file
 *    (header, transition weights), which ar_ner_model_from_memory must
 *    either refuse or read; a model it reads must tag a sentence safely,
 *    whatever its weights. With bit 1 of the first byte the checksum is
 *    made right after the patch, so odd weights get past it to the tagger.
 *    A model file is untrusted input too (--model). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "entities_internal.h"
#include "ner_internal.h"

extern const unsigned char ar_ner_model_data[];
extern const unsigned char ar_ner_model_data_end[];

static ar_gazetteer *g;

/* Lines are read as ar-entities reads them: with the document pass, in
 * blocks previewed first. */
static void tag_lines(const ar_ner_model *m, const char *s, size_t size)
{
    ar_entities *e;
    ar_ent_doc *d;
    if (ar_entities_new_model(&e, g, m) || ar_ent_doc_new(&d))
        abort();
    size_t pos = 0, ahead = 0, left = 0;
    while (pos <= size) {
        const char *nl = size > pos ? memchr(s + pos, '\n', size - pos) : NULL;
        size_t len = nl ? (size_t)(nl - (s + pos)) : size - pos;
        if (!left) {
            /* preview the next block of lines */
            ahead = pos;
            while (left < AR_ENT_BLOCK_LINES && ahead <= size) {
                const char *q = size > ahead ? memchr(s + ahead, '\n', size - ahead) : NULL;
                size_t ql = q ? (size_t)(q - (s + ahead)) : size - ahead;
                if (ar_entities_preview(e, d, s + ahead, ql))
                    abort();
                left++;
                ahead += ql + 1;
            }
        }
        left--;
        const ar_entity *es;
        size_t n;
        if (ar_entities_line(e, d, s + pos, len, &es, &n))
            abort();
        volatile unsigned sum = 0;
        for (size_t i = 0; i < n; i++) {
            if (es[i].start >= es[i].end || es[i].end > len || !es[i].rule)
                abort();
            if (i && es[i - 1].end > es[i].start)
                abort();
            for (size_t k = 0; k < es[i].canonical_len; k++)
                sum += (unsigned char)es[i].canonical[k];
        }
        (void)sum;
        pos += len + 1;
    }
    ar_ent_doc_free(d);
    ar_entities_free(e);
}

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

static void same_results(const ar_entity *a, size_t na, const ar_entity *b, size_t nb)
{
    if (na != nb)
        abort();
    for (size_t i = 0; i < na; i++)
        if (a[i].start != b[i].start || a[i].end != b[i].end || a[i].type != b[i].type || strcmp(a[i].rule, b[i].rule))
            abort();
}

static void differentials(const ar_ner_model *m, const char *s, size_t size)
{
    ar_entities *e;
    ar_ent_doc *warm, *cold;
    if (ar_entities_new_model(&e, g, m) || ar_ent_doc_new(&warm))
        abort();
    size_t pos = 0;
    while (pos <= size) {
        const char *nl = size > pos ? memchr(s + pos, '\n', size - pos) : NULL;
        size_t len = nl ? (size_t)(nl - (s + pos)) : size - pos;
        const ar_ner_tok *t;
        size_t n;
        if (ar_ent_ner_prepare(e, warm, s + pos, len, &t, &n))
            abort();
        for (size_t i = 0; i < n; i++) {
            uint64_t a[AR_NER_MAXFEAT], b[2 * AR_NER_MAXFEAT];
            int na = ar_ner_features(t, n, i, a), nb = 0;
            const ar_ner_tok *who[AR_NER_ROLES] = {&t[i], i >= 1 ? &t[i - 1] : NULL, i >= 2 ? &t[i - 2] : NULL,
                                                   i + 1 < n ? &t[i + 1] : NULL, i + 2 < n ? &t[i + 2] : NULL};
            for (int r = 0; r < AR_NER_ROLES; r++)
                nb += ar_ner_word_features(who[r], r, b + nb);
            nb += ar_ner_context_features(t, n, i, b + nb);
            qsort(a, (size_t)na, sizeof *a, cmp_u64);
            qsort(b, (size_t)nb, sizeof *b, cmp_u64);
            if (na != nb || memcmp(a, b, (size_t)na * sizeof *a))
                abort();
        }
        /* no surnames carried over: only the cache differs */
        const ar_entity *ea, *eb;
        size_t na, nb;
        ar_ent_doc_reset(warm);
        if (ar_ent_doc_new(&cold) || ar_entities_line(e, warm, s + pos, len, &ea, &na) ||
            ar_entities_line(e, cold, s + pos, len, &eb, &nb))
            abort();
        same_results(ea, na, eb, nb);
        ar_ent_doc_free(cold);
        pos += len + 1;
    }
    ar_ent_doc_free(warm);
    ar_entities_free(e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!g && ar_gazetteer_new(&g, AR_GAZ_BUILTIN))
        abort();
    const ar_ner_model *builtin = ar_ner_model_builtin();
    if (!builtin)
        abort();
    if (!size || !(data[0] & 1)) {
        tag_lines(builtin, (const char *)data + (size > 0), size ? size - 1 : 0);
        differentials(builtin, (const char *)data + (size > 0), size ? size - 1 : 0);
        return 0;
    }
    size_t n = (size_t)(ar_ner_model_data_end - ar_ner_model_data);
    unsigned char *copy = malloc(n);
    if (!copy)
        abort();
    memcpy(copy, ar_ner_model_data, n);
    size_t k = size - 1 < 1024 ? size - 1 : 1024;
    memcpy(copy, data + 1, k);
    /* a length byte after the patch lets the fuzzer try truncations too */
    size_t len = n;
    if (size - 1 > 1024)
        len = n - (size_t)data[1025] * 37;
    if ((data[0] & 2) && len >= 128) {
        uint64_t h = ar_ner_fnv(copy + 128, len - 128);
        for (int i = 0; i < 8; i++)
            copy[32 + i] = (unsigned char)(h >> (8 * i));
    }
    ar_ner_model *m = NULL;
    ar_diag dg;
    int rc = ar_ner_model_from_memory(&m, copy, len, &dg);
    free(copy);
    if ((rc == AR_OK) != (m != NULL))
        abort();
    if (m) {
        static const char s[] = "قال وزير الدفاع التركي خلوصي أكار في أنقرة إن بنك الكويت الوطني ونادي الهلال\n"
                                "\xff\xfe \xd8 وقال المبعوث الأممي هانس غروندبرغ";
        tag_lines(m, s, sizeof s - 1);
        ar_ner_model_free(m);
    }
    return 0;
}
