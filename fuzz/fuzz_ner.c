/* SPDX-License-Identifier: MIT */
/* The entity tagger on untrusted bytes, two ways chosen by the first byte:
 *  - even: the input is a document (lines at '\n') tagged with the built-in
 *    model, lists and rules; every span must lie in its line, in order;
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

extern const unsigned char ar_ner_model_data[];
extern const unsigned char ar_ner_model_data_end[];
uint64_t ar_ner_fnv(const void *p, size_t n); /* lib/ner.c */

static ar_gazetteer *g;

static void tag_lines(const ar_ner_model *m, const char *s, size_t size)
{
    ar_entities *e;
    ar_ent_doc *d;
    if (ar_entities_new_model(&e, g, m) || ar_ent_doc_new(&d))
        abort();
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
