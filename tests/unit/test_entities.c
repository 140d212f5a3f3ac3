/* SPDX-License-Identifier: MIT */
/* Entities: gazetteer look-ups, each recognition rule, co-reference, user
 * gazetteers (50,000 generated names), bad bytes and a long line. */
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "check.h"

static ar_gazetteer *G;
static ar_entities *E;

/* Runs the lines of one document; returns the entities of the last line. */
static size_t run(ar_ent_doc *d, const char *line, const ar_entity **es)
{
    size_t n = 0;
    int rc = ar_entities_line(E, d, line, strlen(line), es, &n);
    CHECK(rc == AR_OK);
    return n;
}

/* The entity whose text is want (or NULL). */
static const ar_entity *find(const char *line, const ar_entity *es, size_t n, const char *want)
{
    for (size_t i = 0; i < n; i++)
        if (es[i].end - es[i].start == strlen(want) && !memcmp(line + es[i].start, want, strlen(want)))
            return &es[i];
    return NULL;
}

#define EXPECT(line, es, n, text, typ, canon, rul) do { \
    const ar_entity *x_ = find(line, es, n, text); \
    CHECK_MSG(x_ != NULL, "no entity '%s' in '%s'", text, line); \
    if (x_) { \
        CHECK(x_->type == (typ)); \
        CHECK_MEM(x_->canonical, x_->canonical_len, canon); \
        const char *r_ = (rul); \
        if (r_) CHECK_MSG(!strcmp(x_->rule, r_), "rule %s, want %s", x_->rule, r_); \
    } \
} while (0)

static void test_lookup(void)
{
    const char *c;
    size_t cl;
    CHECK(ar_gazetteer_lookup(G, "مخمور", strlen("مخمور"), &c, &cl) == AR_ENT_LOC);
    CHECK(ar_gazetteer_lookup(G, "البيشمركه", strlen("البيشمركه"), &c, &cl) == AR_ENT_ORG);
    CHECK_MEM(c, cl, "البيشمركة");
    CHECK(ar_gazetteer_lookup(G, "اقليم كردستان", strlen("اقليم كردستان"), &c, &cl) == AR_ENT_LOC);
    CHECK_MEM(c, cl, "إقليم كردستان");
    CHECK(ar_gazetteer_lookup(G, "الْعِرَاق", strlen("الْعِرَاق"), &c, &cl) == AR_ENT_LOC); /* from ICU */
    CHECK(ar_gazetteer_lookup(G, "فرنسا", strlen("فرنسا"), &c, &cl) == AR_ENT_LOC);     /* from ICU */
    CHECK(ar_gazetteer_lookup(G, "يونامي", strlen("يونامي"), &c, &cl) == AR_ENT_ORG);
    CHECK(ar_gazetteer_lookup(G, "ضرورة", strlen("ضرورة"), &c, &cl) == 0);
    CHECK(ar_gazetteer_lookup(G, "محمد", strlen("محمد"), &c, &cl) == 0); /* a given name alone is no entity */
    /* the world lists: a city, a club by an alias, a company, a person by surname */
    CHECK(ar_gazetteer_lookup(G, "كوبنهاجن", strlen("كوبنهاجن"), &c, &cl) == AR_ENT_LOC);
    CHECK_MEM(c, cl, "كوبنهاغن");
    CHECK(ar_gazetteer_lookup(G, "بايرن ميونخ", strlen("بايرن ميونخ"), &c, &cl) == AR_ENT_ORG);
    CHECK_MEM(c, cl, "بايرن ميونيخ");
    CHECK(ar_gazetteer_lookup(G, "فولكسفاغن", strlen("فولكسفاغن"), &c, &cl) == AR_ENT_ORG);
    CHECK(ar_gazetteer_lookup(G, "غوتيريس", strlen("غوتيريس"), &c, &cl) == AR_ENT_PER);
    CHECK_MEM(c, cl, "أنطونيو غوتيريش");
    CHECK(ar_gazetteer_lookup(G, "الاردنيين", strlen("الاردنيين"), &c, &cl) == AR_ENT_MISC);
    /* words that are also common Arabic words stay out (العين: the eye or Al Ain) */
    CHECK(ar_gazetteer_lookup(G, "العين", strlen("العين"), &c, &cl) == 0);
    CHECK(ar_gazetteer_lookup(G, "الهلال", strlen("الهلال"), &c, &cl) == 0);
    CHECK(ar_gazetteer_size(G) > 1200);
    unsigned m;
    CHECK(ar_ent_types_parse("PER,loc", &m) == AR_OK && m == (AR_ENT_PER | AR_ENT_LOC));
    CHECK(ar_ent_types_parse("PER,XYZ", &m) == AR_ESYNTAX);
}

static void test_clitics(void)
{
    ar_ent_doc *d;
    const ar_entity *es;
    CHECK(ar_ent_doc_new(&d) == AR_OK);
    const char *l1 = "تحركات مكثفة لـ”داعش” بين محافظتي ديالى والسليمانية";
    size_t n = run(d, l1, &es);
    EXPECT(l1, es, n, "داعش", AR_ENT_ORG, "داعش", "gazetteer:orgs.tsv");
    EXPECT(l1, es, n, "السليمانية", AR_ENT_LOC, "السليمانية", NULL);
    const char *l2 = "قوات البيشمركه في الاقليم وبغداد";
    n = run(d, l2, &es);
    EXPECT(l2, es, n, "البيشمركه", AR_ENT_ORG, "البيشمركة", NULL);
    EXPECT(l2, es, n, "بغداد", AR_ENT_LOC, "بغداد", NULL);
    const char *l3 = "هجوم على قوة للبيشمركة هناك";
    n = run(d, l3, &es);
    EXPECT(l3, es, n, "لبيشمركة", AR_ENT_ORG, "البيشمركة", NULL);
    ar_ent_doc_free(d);
}

static void test_rules(void)
{
    ar_ent_doc *d;
    const ar_entity *es;
    CHECK(ar_ent_doc_new(&d) == AR_OK);
    const char *l1 = "وقال اللواء سعد معن إن القوات تقدمت";
    size_t n = run(d, l1, &es);
    EXPECT(l1, es, n, "سعد معن", AR_ENT_PER, "سعد معن", "title");
    const char *l2 = "وقال عضو اللجنة علي الغانمي إن الوضع مستقر";
    n = run(d, l2, &es);
    EXPECT(l2, es, n, "علي الغانمي", AR_ENT_PER, "علي الغانمي", NULL);
    const char *l3 = "وشدد على ضرورة التنسيق على الأرض";
    n = run(d, l3, &es);
    CHECK(n == 0); /* على folds to علي, but no name follows */
    const char *l4 = "هاجم مسلحون قرية كوكجلي فجرا";
    n = run(d, l4, &es);
    EXPECT(l4, es, n, "كوكجلي", AR_ENT_LOC, "كوكجلي", "place-trigger");
    const char *l5 = "وأعلنت وزارة الصحة العراقية في بيان";
    n = run(d, l5, &es);
    EXPECT(l5, es, n, "وزارة الصحة العراقية", AR_ENT_ORG, "وزارة الصحة العراقية", "org-trigger");
    const char *l6 = "عمليات عند سفح جبل قرجوخ";
    n = run(d, l6, &es);
    EXPECT(l6, es, n, "جبل قرجوخ", AR_ENT_LOC, "جبل قرجوخ", "place-trigger");
    const char *l7 = "أربيل- نورث برس";
    n = run(d, l7, &es);
    EXPECT(l7, es, n, "نورث برس", AR_ENT_ORG, "نورث برس", NULL);
    EXPECT(l7, es, n, "أربيل", AR_ENT_LOC, "أربيل", NULL);
    const char *l8 = "تنظيم داعش الإرهابي";
    n = run(d, l8, &es);
    EXPECT(l8, es, n, "داعش", AR_ENT_ORG, "داعش", NULL);
    ar_ent_doc_free(d);
}

static void test_coref(void)
{
    ar_ent_doc *d;
    const ar_entity *es;
    size_t n;
    CHECK(ar_ent_doc_new(&d) == AR_OK);
    run(d, "استقبل رئيس الحكومة مسرور بارزاني الوفد", &es);
    const char *l = "وبحث الكاظمي وبارزاني الأوضاع";
    n = run(d, l, &es);
    EXPECT(l, es, n, "بارزاني", AR_ENT_PER, "مسرور بارزاني", "coref");
    EXPECT(l, es, n, "الكاظمي", AR_ENT_PER, "مصطفى الكاظمي", NULL);
    /* a second Barzani makes the surname ambiguous */
    run(d, "ودعا نيجيرفان بارزاني إلى التنسيق", &es);
    n = run(d, l, &es);
    EXPECT(l, es, n, "بارزاني", AR_ENT_PER, "بارزاني", "coref");
    /* a new document forgets */
    ar_ent_doc_reset(d);
    n = run(d, "وقال رسول في بيان", &es);
    CHECK(n == 0);
    run(d, "الناطق باسم القائد العام اللواء يحيى رسول", &es);
    const char *l2 = "وقال رسول في بيان";
    n = run(d, l2, &es);
    EXPECT(l2, es, n, "رسول", AR_ENT_PER, "يحيى رسول", "coref");
    /* the second half of a compound name, or the word after بن, is no
     * surname: «رجال الدين» after «نور الدين», «حمد» after «تميم بن حمد» */
    ar_gazetteer *g2;
    ar_entities *e2;
    CHECK(ar_gazetteer_new(&g2, AR_GAZ_BUILTIN) == AR_OK);
    const char *tsv = "نور الدين\tPER\tنور الدين\n";
    CHECK(ar_gazetteer_add_tsv(g2, tsv, strlen(tsv), "watch.tsv", NULL) == AR_OK);
    CHECK(ar_entities_new(&e2, g2) == AR_OK);
    ar_ent_doc_reset(d);
    const char *lines[] = {"التقى الوزير نور الدين أمس في بغداد.", "وقال رجال الدين إنهم يرفضون العنف.",
                           "وقال تميم بن حمد إن حمد سيزور بغداد."};
    for (size_t k = 0; k < 3; k++) {
        CHECK(ar_entities_line(e2, d, lines[k], strlen(lines[k]), &es, &n) == AR_OK);
        if (k == 0)
            EXPECT(lines[0], es, n, "نور الدين", AR_ENT_PER, "نور الدين", "gazetteer:watch.tsv");
        if (k == 1)
            CHECK(n == 0);
        if (k == 2) {
            EXPECT(lines[2], es, n, "تميم بن حمد", AR_ENT_PER, "تميم بن حمد", NULL);
            CHECK(find(lines[2], es, n, "حمد") == NULL);
        }
    }
    ar_entities_free(e2);
    ar_gazetteer_free(g2);
    ar_ent_doc_free(d);
}

static void test_user_gazetteer(void)
{
    ar_gazetteer *g;
    ar_entities *e;
    ar_ent_doc *d;
    ar_diag dg;
    CHECK(ar_gazetteer_new(&g, AR_GAZ_BUILTIN) == AR_OK);
    const char *tsv = "# watch list\nمخمور\tORG\tمعسكر مخمور\nأبو علي العسكري\tPER\tأبو علي العسكري\tالعسكري\n";
    CHECK(ar_gazetteer_add_tsv(g, tsv, strlen(tsv), "watch.tsv", &dg) == AR_OK);
    const char *bad = "مخمور\tLOC\tمخمور\n\nفلان\tPERSON\tفلان\n";
    memset(&dg, 0, sizeof dg);
    CHECK(ar_gazetteer_add_tsv(g, bad, strlen(bad), "bad.tsv", &dg) == AR_ESYNTAX);
    CHECK(dg.line == 3);
    CHECK(strstr(dg.msg, "PERSON") != NULL);
    const char *bad2 = "اسم فقط\n";
    CHECK(ar_gazetteer_add_tsv(g, bad2, strlen(bad2), "bad.tsv", &dg) == AR_ESYNTAX && dg.line == 1);
    /* the bad file's first line overrode back to LOC; override again */
    const char *tsv2 = "مخمور\tORG\tمعسكر مخمور\n";
    CHECK(ar_gazetteer_add_tsv(g, tsv2, strlen(tsv2), "watch.tsv", &dg) == AR_OK);
    /* 50,000 generated names */
    static const char *const a[] = {"زيد", "عمرو", "بكر", "خالد", "سامي", "رافد", "نبيل", "حامد", "جاسم", "كامل"};
    ar_buf b = {0};
    int k = 0;
    for (int i = 0; i < 50 && k < 50000; i++)
        for (int j = 0; j < 1000 && k < 50000; j++, k++) {
            char line[256];
            int len = snprintf(line, sizeof line, "%s %s %d\tPER\tشخص %d\n", a[i % 10], a[(i / 10) % 10], k, k);
            ar_buf_append(&b, line, (size_t)len);
        }
    size_t before = ar_gazetteer_size(g);
    CHECK(ar_gazetteer_add_tsv(g, b.ptr, b.len, "gen.tsv", &dg) == AR_OK);
    CHECK(ar_gazetteer_size(g) >= before + 50000);
    ar_buf_free(&b);
    const char *c;
    size_t cl;
    CHECK(ar_gazetteer_lookup(g, "زيد زيد 0", strlen("زيد زيد 0"), &c, &cl) == AR_ENT_PER);
    CHECK_MEM(c, cl, "شخص 0");
    CHECK(ar_gazetteer_lookup(g, "نبيل سامي 46999", strlen("نبيل سامي 46999"), &c, &cl) == AR_ENT_PER);
    CHECK_MEM(c, cl, "شخص 46999");
    CHECK(ar_entities_new(&e, g) == AR_OK);
    CHECK(ar_ent_doc_new(&d) == AR_OK);
    const ar_entity *es;
    size_t n;
    const char *l = "وصل أبو علي العسكري إلى مخمور مع كامل سامي 49999";
    CHECK(ar_entities_line(e, d, l, strlen(l), &es, &n) == AR_OK);
    EXPECT(l, es, n, "أبو علي العسكري", AR_ENT_PER, "أبو علي العسكري", "gazetteer:watch.tsv");
    EXPECT(l, es, n, "مخمور", AR_ENT_ORG, "معسكر مخمور", "gazetteer:watch.tsv");
    EXPECT(l, es, n, "كامل سامي 49999", AR_ENT_PER, "شخص 49999", "gazetteer:gen.tsv");
    ar_ent_doc_free(d);
    ar_entities_free(e);
    ar_gazetteer_free(g);
}

static void test_bad_bytes_and_long_line(void)
{
    ar_ent_doc *d;
    const ar_entity *es;
    size_t n;
    CHECK(ar_ent_doc_new(&d) == AR_OK);
    const char l[] = "\xff\xfe وصل \xd9 الكاظمي\x00 إلى مخمور \x80";
    CHECK(ar_entities_line(E, d, l, sizeof l - 1, &es, &n) == AR_OK);
    EXPECT(l, es, n, "الكاظمي", AR_ENT_PER, "مصطفى الكاظمي", NULL);
    EXPECT(l, es, n, "مخمور", AR_ENT_LOC, "مخمور", NULL);
    CHECK(ar_entities_line(E, d, "", 0, &es, &n) == AR_OK && n == 0);
    /* a 6 MB line: every repetition is found, offsets stay in the line */
    const char *unit = "زار الكاظمي قضاء مخمور شرق أربيل. ";
    size_t ul = strlen(unit), reps = 6 * 1024 * 1024 / ul;
    char *big = malloc(ul * reps);
    CHECK(big != NULL);
    if (!big)
        return;
    for (size_t i = 0; i < reps; i++)
        memcpy(big + i * ul, unit, ul);
    CHECK(ar_entities_line(E, d, big, ul * reps, &es, &n) == AR_OK);
    CHECK_MSG(n == 3 * reps, "%zu entities, want %zu", n, 3 * reps);
    int ok = 1;
    for (size_t i = 0; i < n; i++)
        if (es[i].end > ul * reps || es[i].start >= es[i].end)
            ok = 0;
    CHECK(ok);
    free(big);
    ar_ent_doc_free(d);
}

int main(void)
{
    CHECK(ar_gazetteer_new(&G, AR_GAZ_BUILTIN) == AR_OK);
    CHECK(ar_entities_new(&E, G) == AR_OK);
    test_lookup();
    test_clitics();
    test_rules();
    test_coref();
    test_user_gazetteer();
    test_bad_bytes_and_long_line();
    ar_entities_free(E);
    ar_gazetteer_free(G);
    ar_entities_free(NULL);
    ar_gazetteer_free(NULL);
    ar_ent_doc_free(NULL);
    return check_done();
}
