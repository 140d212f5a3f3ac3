/* SPDX-License-Identifier: MIT */
/* The entity tagger: the stem rule and the features it feeds, the decoder's
 * tag constraints, model files (the built-in one read back with its
 * checksum; missing, truncated, foreign and damaged ones refused), and
 * ar_entities with the model on sentences whose names no list holds. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "check.h"
#include "entities_internal.h"
#include "ner_internal.h"

extern const unsigned char ar_ner_model_data[];
extern const unsigned char ar_ner_model_data_end[];

static ar_ner_tok word(const char *w)
{
    ar_ner_tok t;
    memset(&t, 0, sizeof t);
    t.w = w;
    t.n = (uint32_t)strlen(w);
    t.kind = (unsigned char)w[0] < 0x80 ? NK_PUNCT : NK_WORD;
    ar_ner_stem(&t);
    return t;
}

static void stem_case(const char *w, size_t pro, int art, const char *stem)
{
    ar_ner_tok t = word(w);
    CHECK_MSG(t.pro == pro, "%s: proclitic bytes %u, want %zu", w, t.pro, pro);
    CHECK_MSG(t.art == art, "%s: article %d, want %d", w, t.art, art);
    CHECK_MEM(t.w + t.stem_off, t.stem_len, stem);
}

static void test_stem(void)
{
    /* folded forms, as the recognizer hands them over */
    stem_case("والعراق", 2, 1, "عراق");
    stem_case("للعراق", 2, 1, "عراق");
    stem_case("بالعراق", 2, 1, "عراق");
    stem_case("وبالعراق", 4, 1, "عراق");
    stem_case("وبغداد", 2, 0, "بغداد");
    stem_case("بغداد", 0, 0, "بغداد");   /* ب without the article stays */
    stem_case("لبنان", 0, 0, "لبنان");
    stem_case("الكاظمي", 0, 1, "كاظمي");
    stem_case("ول", 0, 0, "ول");         /* too short to hold a clitic */
    stem_case("الي", 0, 0, "الي");       /* two letters after ال: no article */
}

static int nfeat(const ar_ner_tok *t, size_t n, size_t i, uint64_t *f)
{
    int k = ar_ner_features(t, n, i, f);
    CHECK(k > 0 && k <= AR_NER_MAXFEAT);
    return k;
}

static int shared(const uint64_t *a, int na, const uint64_t *b, int nb)
{
    int s = 0;
    for (int i = 0; i < na; i++)
        for (int j = 0; j < nb; j++)
            if (a[i] == b[j]) {
                s++;
                break;
            }
    return s;
}

static void test_features(void)
{
    ar_ner_tok s1[3] = {word("قال"), word("خلوصي"), word("اكار")};
    ar_ner_tok s2[3] = {word("قال"), word("خلوصي"), word("اكار")};
    ar_ner_tok s3[3] = {word("وصل"), word("خلوصي"), word("اكار")};
    uint64_t a[AR_NER_MAXFEAT], b[AR_NER_MAXFEAT], c[AR_NER_MAXFEAT];
    int na = nfeat(s1, 3, 1, a), nb = nfeat(s2, 3, 1, b), nc = nfeat(s3, 3, 1, c);
    /* the same tokens give the same features, in the same order */
    CHECK(na == nb && !memcmp(a, b, (size_t)na * sizeof *a));
    /* another word before changes the features that look at it, not the rest */
    int sh = shared(a, na, c, nc);
    CHECK_MSG(sh < na && sh >= na - 8, "%d of %d features shared", sh, na);
    /* the first and last tokens see the sentence boundary, without reading past it */
    nfeat(s1, 3, 0, a);
    nfeat(s1, 3, 2, a);
    ar_ner_tok one = word("بغداد");
    nfeat(&one, 1, 0, a);
    /* a gazetteer mark is a feature */
    ar_ner_tok g[3] = {word("قال"), word("خلوصي"), word("اكار")};
    g[1].gaz = 1;
    g[1].gazlen = 2;
    int ng = nfeat(g, 3, 1, c);
    CHECK(shared(a, na, c, ng) < ng);
    /* an over-long word is cut, never overflows */
    static char longw[4000];
    for (size_t i = 0; i + 2 < sizeof longw; i += 2)
        memcpy(longw + i, "\xd8\xa8", 2);
    ar_ner_tok l = word(longw);
    nfeat(&l, 1, 0, a);
}

static void test_viterbi(void)
{
    float tr[(NER_NTAGS + 1) * NER_NTAGS];
    memset(tr, 0, sizeof tr);
    float em[3 * NER_NTAGS];
    memset(em, 0, sizeof em);
    uint8_t tags[3];
    static char scratch[4096];
    CHECK(ar_ner_viterbi_scratch(3) <= sizeof scratch);
    /* I-PER scores best everywhere, but may not open a name */
    for (int i = 0; i < 3; i++)
        em[i * NER_NTAGS + NER_I_PER] = 5;
    em[NER_B_PER] = 1;
    ar_ner_viterbi(em, 3, tr, scratch, tags);
    CHECK(tags[0] == NER_B_PER && tags[1] == NER_I_PER && tags[2] == NER_I_PER);
    /* I-LOC may not follow B-PER: the best valid path wins */
    memset(em, 0, sizeof em);
    em[NER_B_PER] = 3;
    em[NER_NTAGS + NER_I_LOC] = 4;
    em[NER_NTAGS + NER_I_PER] = 1;
    ar_ner_viterbi(em, 2, tr, scratch, tags);
    CHECK(tags[0] == NER_B_PER && tags[1] == NER_I_PER);
    /* transitions count: a strong O -> O bond beats a weak name */
    memset(em, 0, sizeof em);
    em[NER_NTAGS + NER_B_LOC] = 1;
    tr[NER_O * NER_NTAGS + NER_O] = 2;
    ar_ner_viterbi(em, 2, tr, scratch, tags);
    CHECK(tags[0] == NER_O && tags[1] == NER_O);
    for (int a = 0; a <= NER_NTAGS; a++)
        for (int b = 0; b < NER_NTAGS; b++)
            CHECK(ar_ner_allowed(a, b) == (!NER_IS_I(b) || (a < NER_NTAGS && a != NER_O && NER_TYPE(a) == NER_TYPE(b))));
}

static int load_bytes(const unsigned char *p, size_t n, ar_diag *dg)
{
    ar_ner_model *m = NULL;
    memset(dg, 0, sizeof *dg);
    int rc = ar_ner_model_from_memory(&m, p, n, dg);
    CHECK((rc == AR_OK) == (m != NULL));
    ar_ner_model_free(m);
    return rc;
}

static void test_model_files(void)
{
    const ar_ner_model *b = ar_ner_model_builtin();
    CHECK(b != NULL);
    if (!b)
        return;
    CHECK(strstr(ar_ner_model_info(b), "anercorp_train.conll") != NULL);
    size_t n = (size_t)(ar_ner_model_data_end - ar_ner_model_data);
    unsigned char *copy = malloc(n);
    CHECK(copy != NULL);
    if (!copy)
        return;
    memcpy(copy, ar_ner_model_data, n);
    ar_diag dg;
    /* the built-in bytes pass the full check, checksum included */
    CHECK(load_bytes(copy, n, &dg) == AR_OK);
    /* truncated, at several places */
    size_t cuts[] = {0, 7, 100, 511, 512, n / 2, n - 1};
    for (size_t i = 0; i < sizeof cuts / sizeof *cuts; i++) {
        CHECK(load_bytes(copy, cuts[i], &dg) == AR_ESYNTAX);
        CHECK(dg.msg[0] != 0);
    }
    CHECK(load_bytes(copy, n - 1, &dg) == AR_ESYNTAX && strstr(dg.msg, "truncated"));
    /* foreign: another magic, another version, another feature set */
    copy[0] = 'X';
    CHECK(load_bytes(copy, n, &dg) == AR_ESYNTAX && strstr(dg.msg, "not an artext model"));
    copy[0] = 'A';
    copy[8] = 2;
    CHECK(load_bytes(copy, n, &dg) == AR_ESYNTAX && strstr(dg.msg, "version"));
    copy[8] = 1;
    copy[12] ^= 0x40;
    CHECK(load_bytes(copy, n, &dg) == AR_ESYNTAX && strstr(dg.msg, "feature set"));
    copy[12] ^= 0x40;
    /* one weight flipped: the checksum notices */
    copy[n - 3] ^= 1;
    CHECK(load_bytes(copy, n, &dg) == AR_ESYNTAX && strstr(dg.msg, "checksum"));
    copy[n - 3] ^= 1;
    CHECK(load_bytes(copy, n, &dg) == AR_OK);
    free(copy);
    ar_ner_model *m = NULL;
    CHECK(ar_ner_model_load(&m, "no/such/model/file", &dg) == AR_ENOTFOUND && m == NULL);
    CHECK(ar_ner_model_load(&m, check_src_path("README.md"), &dg) == AR_ESYNTAX && m == NULL);
    ar_ner_model_free(NULL);
}

/* ---- the recognizer with the model ---- */

static ar_gazetteer *G;
static ar_entities *E;

static const ar_entity *find(const char *line, const ar_entity *es, size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++)
        if (es[i].end - es[i].start == strlen(want) && !memcmp(line + es[i].start, want, strlen(want)))
            return &es[i];
    return NULL;
}

static void expect(const ar_entities *e, const char *line, const char *text, unsigned type, const char *rule)
{
    ar_ent_doc *d;
    CHECK(ar_ent_doc_new(&d) == AR_OK);
    const ar_entity *es;
    size_t n;
    CHECK(ar_entities_line(e, d, line, strlen(line), &es, &n) == AR_OK);
    const ar_entity *x = find(line, es, n, text);
    CHECK_MSG(x != NULL, "no entity '%s' in '%s'", text, line);
    if (x) {
        CHECK_MSG(x->type == type, "'%s': type %s, want %s", text, ar_ent_type_name(x->type), ar_ent_type_name(type));
        if (rule)
            CHECK_MSG(!strcmp(x->rule, rule), "'%s': rule %s, want %s", text, x->rule, rule);
    }
    for (size_t i = 1; i < n; i++)
        CHECK(es[i - 1].end <= es[i].start); /* in order, no overlap */
    ar_ent_doc_free(d);
}

static void test_entities_model(void)
{
    CHECK(ar_gazetteer_new(&G, AR_GAZ_BUILTIN) == AR_OK);
    CHECK(ar_entities_new_model(&E, G, ar_ner_model_builtin()) == AR_OK);
    /* people no list holds, found by the model */
    expect(E, "قال وزير الدفاع التركي خلوصي أكار إن بلاده لن تتراجع.", "خلوصي أكار", AR_ENT_PER, "model");
    expect(E, "أعلن المتحدث باسم الخارجية الإيرانية ناصر كنعاني أن طهران ترحب بالحوار.", "ناصر كنعاني",
           AR_ENT_PER, "model");
    expect(E, "أعلن المتحدث باسم الخارجية الإيرانية ناصر كنعاني أن طهران ترحب بالحوار.", "الخارجية الإيرانية",
           AR_ENT_ORG, NULL);
    expect(E, "وقال المبعوث الأممي هانس غروندبرغ إن الهدنة صامدة.", "هانس غروندبرغ", AR_ENT_PER, "model");
    /* organisations after their trigger, two joined by و stay two */
    expect(E, "وأعلن بنك الكويت الوطني عن أرباحه السنوية.", "بنك الكويت الوطني", AR_ENT_ORG, NULL);
    expect(E, "فاز نادي الهلال على منافسه في الرياض.", "نادي الهلال", AR_ENT_ORG, NULL);
    expect(E, "رحبت جامعة الدول العربية ومجلس التعاون الخليجي بالاتفاق.", "جامعة الدول العربية", AR_ENT_ORG, NULL);
    expect(E, "رحبت جامعة الدول العربية ومجلس التعاون الخليجي بالاتفاق.", "مجلس التعاون الخليجي", AR_ENT_ORG, NULL);
    expect(E, "وصلت المساعدات إلى ولاية كسلا في شرق السودان.", "كسلا", AR_ENT_LOC, NULL);
    /* the attached و stays outside a name the model found */
    expect(E, "وقال المدرب إن اللاعب كريستيانو رونالدو ولوكا مودريتش سيشاركان.", "لوكا مودريتش", AR_ENT_PER, "model");
    /* ... but not a letter that begins the name itself */
    expect(E, "التقى الوزير بنظيره الأمريكي لويد أوستن وبالمستشار أولاف شولتس.", "لويد أوستن", AR_ENT_PER,
           "model");
    expect(E, "واستقبل الوزير نظيره المجري بيتر سيارتو في بغداد.", "بيتر سيارتو", AR_ENT_PER, "model");
    /* a name from the world lists, and «بنظيره» after «الرئيس» is no name */
    expect(E, "اتصل الرئيس بنظيره الروسي فلاديمير بوتين وبالمستشار أولاف شولتس.", "فلاديمير بوتين", AR_ENT_PER,
           "gazetteer:world_people.tsv");
    {
        ar_ent_doc *dn;
        const ar_entity *en;
        size_t nn;
        const char *ln = "اتصل الرئيس بنظيره الروسي فلاديمير بوتين.";
        CHECK(ar_ent_doc_new(&dn) == AR_OK);
        CHECK(ar_entities_line(E, dn, ln, strlen(ln), &en, &nn) == AR_OK);
        CHECK(find(ln, en, nn, "بنظيره") == NULL);
        ar_ent_doc_free(dn);
    }
    /* a surname seen before does not cut the full name the model finds */
    {
        ar_ent_doc *dc;
        const ar_entity *ec;
        size_t nc;
        const char *l1 = "قال الأمين العام للأمم المتحدة كوفي أنان إن الوضع خطير.";
        const char *l2 = "وأكد كوفي أنان أن المنظمة ستواصل عملها.";
        CHECK(ar_ent_doc_new(&dc) == AR_OK);
        CHECK(ar_entities_line(E, dc, l1, strlen(l1), &ec, &nc) == AR_OK);
        CHECK(find(l1, ec, nc, "كوفي أنان") != NULL);
        CHECK(ar_entities_line(E, dc, l2, strlen(l2), &ec, &nc) == AR_OK);
        const ar_entity *x = find(l2, ec, nc, "كوفي أنان");
        CHECK_MSG(x != NULL && x->type == AR_ENT_PER, "«كوفي أنان» cut by co-reference");
        CHECK(find(l2, ec, nc, "أنان") == NULL);
        ar_ent_doc_free(dc);
    }
    /* the watch-list promise: a user's name wins over the model's reading */
    ar_gazetteer *g2;
    ar_entities *e2;
    CHECK(ar_gazetteer_new(&g2, AR_GAZ_BUILTIN) == AR_OK);
    const char *tsv = "هانس غروندبرغ\tORG\tمكتب المبعوث\n";
    CHECK(ar_gazetteer_add_tsv(g2, tsv, strlen(tsv), "watch.tsv", NULL) == AR_OK);
    CHECK(ar_entities_new_model(&e2, g2, ar_ner_model_builtin()) == AR_OK);
    expect(e2, "وقال المبعوث الأممي هانس غروندبرغ إن الهدنة صامدة.", "هانس غروندبرغ", AR_ENT_ORG,
           "gazetteer:watch.tsv");
    ar_entities_free(e2);
    ar_gazetteer_free(g2);
    /* without the model the same sentence has no person */
    ar_entities *rules;
    CHECK(ar_entities_new(&rules, G) == AR_OK);
    ar_ent_doc *d;
    CHECK(ar_ent_doc_new(&d) == AR_OK);
    const char *l = "قال وزير الدفاع التركي خلوصي أكار إن بلاده لن تتراجع.";
    const ar_entity *es;
    size_t n;
    CHECK(ar_entities_line(rules, d, l, strlen(l), &es, &n) == AR_OK);
    CHECK(find(l, es, n, "خلوصي أكار") == NULL);
    ar_ent_doc_free(d);
    ar_entities_free(rules);
    /* odd bytes, NULs and a long line go through the tagger too */
    CHECK(ar_ent_doc_new(&d) == AR_OK);
    static const char odd[] = "\xff\xfe \xd8 قال\0 خلوصي \xe2\x80\x8f أكار \xd9";
    CHECK(ar_entities_line(E, d, odd, sizeof odd - 1, &es, &n) == AR_OK);
    for (size_t i = 0; i < n; i++)
        CHECK(es[i].start < es[i].end && es[i].end <= sizeof odd - 1);
    size_t big = 300000;
    char *s = malloc(big);
    CHECK(s != NULL);
    if (s) {
        const char *u = "وقال المبعوث الأممي هانس غروندبرغ إن الهدنة صامدة. ";
        size_t ul = strlen(u);
        for (size_t i = 0; i + ul <= big; i += ul)
            memcpy(s + i, u, ul);
        CHECK(ar_entities_line(E, d, s, big - big % ul, &es, &n) == AR_OK);
        CHECK_MSG(n >= big / ul / 2, "%zu names in %zu sentences", n, big / ul);
        free(s);
    }
    ar_ent_doc_free(d);
    ar_entities_free(E);
    ar_gazetteer_free(G);
}

/* ---- the features in two parts (the per-word cache of ar-entities) ---- */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return x < y ? -1 : x > y;
}

/* For every token of corpus/ (and a line of odd bytes), the word parts of
 * the token and its four neighbours plus the context part are the same
 * multiset of hashes as ar_ner_features. */
static void test_feature_parts(void)
{
    ar_gazetteer *g;
    ar_entities *e;
    ar_ent_doc *d;
    CHECK(ar_gazetteer_new(&g, AR_GAZ_BUILTIN) == AR_OK);
    CHECK(ar_entities_new_model(&e, g, ar_ner_model_builtin()) == AR_OK);
    CHECK(ar_ent_doc_new(&d) == AR_OK);
    size_t len = 0;
    char *text = check_corpus(&len);
    CHECK(text != NULL && len > 10000);
    static const char odd[] = "\xff\xfe \xd8 قال\0 خلوصي \xe2\x80\x8f أكار \xd9 2021 abc «ب» وللاستثمار";
    size_t tokens = 0, bad = 0;
    for (int pass = 0; pass < 2; pass++) {
        const char *p = pass ? odd : text, *end = pass ? odd + sizeof odd - 1 : text + len;
        while (p && p < end) {
            const char *nl = memchr(p, '\n', (size_t)(end - p));
            size_t ll = nl ? (size_t)(nl - p) : (size_t)(end - p);
            const ar_ner_tok *t;
            size_t n;
            CHECK(ar_ent_ner_prepare(e, d, p, ll, &t, &n) == AR_OK);
            for (size_t i = 0; i < n; i++) {
                uint64_t a[AR_NER_MAXFEAT], b[2 * AR_NER_MAXFEAT];
                int na = ar_ner_features(t, n, i, a), nb = 0;
                const ar_ner_tok *who[AR_NER_ROLES] = {
                    &t[i], i >= 1 ? &t[i - 1] : NULL, i >= 2 ? &t[i - 2] : NULL, i + 1 < n ? &t[i + 1] : NULL,
                    i + 2 < n ? &t[i + 2] : NULL};
                for (int r = 0; r < AR_NER_ROLES; r++)
                    nb += ar_ner_word_features(who[r], r, b + nb);
                nb += ar_ner_context_features(t, n, i, b + nb);
                qsort(a, (size_t)na, sizeof *a, cmp_u64);
                qsort(b, (size_t)nb, sizeof *b, cmp_u64);
                if (na != nb || memcmp(a, b, (size_t)na * sizeof *a))
                    bad++;
                tokens++;
            }
            p = nl ? nl + 1 : end;
        }
    }
    CHECK_MSG(bad == 0 && tokens > 2000, "%zu of %zu tokens with other features", bad, tokens);
    free(text);
    ar_ent_doc_free(d);
    ar_entities_free(e);
    ar_gazetteer_free(g);
}

/* The word cache belongs to a model: a document read with one model and
 * then another gives what a fresh document gives with the second. The
 * second is the built-in one with every B-PER weight negated, so it finds
 * no one where the built-in model finds «خلوصي أكار»; a cache kept from
 * the first would still find him. */
static void test_word_cache_model(void)
{
    const unsigned char *b0 = ar_ner_model_data;
    size_t n = (size_t)(ar_ner_model_data_end - ar_ner_model_data);
    unsigned char *copy = malloc(n);
    CHECK(copy != NULL);
    if (!copy)
        return;
    memcpy(copy, b0, n);
    for (size_t off = NER_WOFF + NER_B_PER * 2; off + 1 < n; off += NER_NTAGS * 2) {
        int16_t v;
        memcpy(&v, copy + off, 2);
        v = (int16_t)(v == INT16_MIN ? INT16_MAX : -v);
        memcpy(copy + off, &v, 2);
    }
    uint64_t h = ar_ner_fnv(copy + NER_HDR, n - NER_HDR);
    for (int i = 0; i < 8; i++)
        copy[32 + i] = (unsigned char)(h >> (8 * i));
    ar_ner_model *neg = NULL;
    ar_diag dg;
    memset(&dg, 0, sizeof dg);
    CHECK(ar_ner_model_from_memory(&neg, copy, n, &dg) == AR_OK);
    free(copy);
    ar_gazetteer *g;
    ar_entities *ea, *eb;
    ar_ent_doc *d1, *d2;
    CHECK(ar_gazetteer_new(&g, AR_GAZ_BUILTIN) == AR_OK);
    CHECK(ar_entities_new_model(&ea, g, ar_ner_model_builtin()) == AR_OK);
    CHECK(ar_entities_new_model(&eb, g, neg) == AR_OK);
    CHECK(ar_ent_doc_new(&d1) == AR_OK && ar_ent_doc_new(&d2) == AR_OK);
    static const char line[] = "قال وزير الدفاع التركي خلوصي أكار إن بلاده لن تتراجع.";
    const ar_entity *es;
    size_t ne;
    CHECK(ar_entities_line(ea, d1, line, sizeof line - 1, &es, &ne) == AR_OK);
    CHECK(find(line, es, ne, "خلوصي أكار") != NULL);
    ar_ent_doc_reset(d1);
    CHECK(ar_entities_line(eb, d1, line, sizeof line - 1, &es, &ne) == AR_OK);
    int stale = find(line, es, ne, "خلوصي أكار") != NULL;
    size_t n1 = ne;
    CHECK(ar_entities_line(eb, d2, line, sizeof line - 1, &es, &ne) == AR_OK);
    CHECK_MSG(!stale && find(line, es, ne, "خلوصي أكار") == NULL && n1 == ne,
              "second model on a used document: %zu names (stale %d), on a fresh one: %zu", n1, stale, ne);
    ar_ent_doc_free(d1);
    ar_ent_doc_free(d2);
    ar_entities_free(ea);
    ar_entities_free(eb);
    ar_ner_model_free(neg);
    ar_gazetteer_free(g);
}

/* The document pass: its model is no first-pass model and the reverse;
 * lines previewed and then read give the same names however the blocks
 * are cut from the same lines in the same order as the command does; a
 * line read without a preview is tagged alone, as with the pass off. */
static void test_doc_pass(void)
{
    const ar_ner_model *m1 = ar_ner_model_builtin(), *m2 = ar_ner_model_builtin_doc();
    CHECK(m1 != NULL && m2 != NULL && m2->doc && !m1->doc);
    ar_gazetteer *g;
    ar_entities *e, *alone, *bad;
    CHECK(ar_gazetteer_new(&g, AR_GAZ_BUILTIN) == AR_OK);
    CHECK(ar_entities_new_model(&bad, g, m2) == AR_EINVAL);
    CHECK(ar_entities_new_model(&e, g, m1) == AR_OK && ar_entities_has_doc_pass(e));
    CHECK(ar_entities_set_doc_model(e, m1) == AR_EINVAL);
    CHECK(ar_entities_new_model(&alone, g, m1) == AR_OK && ar_entities_set_doc_model(alone, NULL) == AR_OK);
    CHECK(!ar_entities_has_doc_pass(alone));
    size_t len = 0;
    char *text = check_corpus(&len);
    CHECK(text != NULL);
    if (!text)
        return;
    /* the lines, and their names three ways */
    const char *ln[4096];
    size_t ll[4096], nl = 0;
    for (const char *p = text; p < text + len && nl < 4096;) {
        const char *q = memchr(p, '\n', (size_t)(text + len - p));
        ln[nl] = p;
        ll[nl++] = q ? (size_t)(q - p) : (size_t)(text + len - p);
        p = q ? q + 1 : text + len;
    }
    ar_buf out[3] = {{0}};
    for (int way = 0; way < 3; way++) {
        ar_ent_doc *d;
        CHECK(ar_ent_doc_new(&d) == AR_OK);
        size_t block = way == 0 ? AR_ENT_BLOCK_LINES : 7; /* way 2: no preview at all */
        for (size_t b = 0; b < nl; b += block) {
            size_t end = b + block < nl ? b + block : nl;
            for (size_t i = b; way < 2 && i < end; i++)
                CHECK(ar_entities_preview(e, d, ln[i], ll[i]) == AR_OK);
            for (size_t i = b; i < end; i++) {
                const ar_entity *es;
                size_t n;
                CHECK(ar_entities_line(way < 2 ? e : alone, d, ln[i], ll[i], &es, &n) == AR_OK);
                for (size_t k = 0; k < n; k++) {
                    char tmp[64];
                    snprintf(tmp, sizeof tmp, "%zu:%zu-%zu:%u\n", i, es[k].start, es[k].end, es[k].type);
                    ar_buf_append(&out[way], tmp, strlen(tmp));
                }
            }
        }
        ar_ent_doc_free(d);
    }
    /* the corpus's names are all the lists' and the rules' (the model adds
     * none there), so however the lines are cut into blocks, or not
     * previewed at all, the names are the same */
    CHECK(out[0].len > 1000 && out[0].len == out[2].len && !memcmp(out[0].ptr, out[2].ptr, out[0].len));
    CHECK(out[1].len == out[2].len && !memcmp(out[1].ptr, out[2].ptr, out[1].len));
    /* a line read without a preview, after a block, is tagged alone */
    ar_ent_doc *d1, *d2;
    CHECK(ar_ent_doc_new(&d1) == AR_OK && ar_ent_doc_new(&d2) == AR_OK);
    static const char l1[] = "قال المدرب إن اللاعب كريم بنزيمة سيعود.", l2[] = "وسجل بنزيمة هدفين.";
    const ar_entity *ea, *eb;
    size_t na, nb;
    CHECK(ar_entities_preview(e, d1, l1, sizeof l1 - 1) == AR_OK);
    CHECK(ar_entities_line(e, d1, l1, sizeof l1 - 1, &ea, &na) == AR_OK);
    ar_ent_doc_reset(d1);
    CHECK(ar_entities_line(e, d1, l2, sizeof l2 - 1, &ea, &na) == AR_OK);
    CHECK(ar_entities_line(alone, d2, l2, sizeof l2 - 1, &eb, &nb) == AR_OK);
    CHECK(na == nb);
    for (size_t k = 0; k < na && k < nb; k++)
        CHECK(ea[k].start == eb[k].start && ea[k].end == eb[k].end && ea[k].type == eb[k].type);
    for (int i = 0; i < 3; i++)
        ar_buf_free(&out[i]);
    free(text);
    ar_ent_doc_free(d1);
    ar_ent_doc_free(d2);
    ar_entities_free(e);
    ar_entities_free(alone);
    ar_gazetteer_free(g);
}

int main(void)
{
    test_stem();
    test_features();
    test_viterbi();
    test_model_files();
    test_entities_model();
    test_feature_parts();
    test_word_cache_model();
    test_doc_pass();
    return check_done();
}
