/* SPDX-License-Identifier: MIT */
/* Entity recognition over one line: fold (search profile, with an offset
 * map), split into tokens, then at each token take the longest of: a
 * gazetteer name (first word tried with and without its clitics), a person
 * chain after a title or starting with a given name, a place or
 * organisation after its trigger word, a surname already seen in the
 * document. Spans are mapped back to the original bytes. */
#include <stdlib.h>
#include <string.h>

#include "artext/offmap.h"
#include "entities_internal.h"
#include "ner_internal.h"

#define PIECE (64 * 1024)

struct ar_entities {
    const ar_gazetteer *g;
    const ar_ner_model *model; /* NULL: lists and rules only */
    const ar_ner_model *doc;   /* the document pass's model, or NULL */
};

typedef struct tk {
    size_t fs, fe; /* folded span */
    int word;
} tk;


typedef struct ent_rec {
    size_t start, end;
    unsigned type;
    size_t coff, clen; /* canonical in d->canon */
    const char *rule;
    size_t ts, te;     /* tokens of the piece */
} ent_rec;

struct ar_ent_doc {
    ar_buf fold;
    ar_offmap map;
    tk *toks;
    size_t ntoks, captoks;
    unsigned char *flags; /* per token: expect person, inside a title */
    size_t capflags;
    struct look *looks; /* per token: its gazetteer look-up, done once */
    size_t caplooks;
    ent_rec *recs;
    size_t nrecs, caprecs;
    ar_entity *ents;
    size_t capents;
    ar_buf canon;
    ar_coref coref;
    int keep_tokens;
    ar_ent_token *otoks;
    size_t notoks, capotoks;
    /* the tagger's per-token state, grown with the longest piece */
    ar_ner_tok *nt;
    float *em;
    uint8_t *tags;
    unsigned char *forced; /* 1: inside a user-gazetteer name */
    void *vscratch;
    int32_t (*wsum)[AR_NER_ROLES][NER_NTAGS]; /* per token: its word-only weight sums by role */
    size_t capner;
    struct wcache *wc[2]; /* frequent words' sums, for a first-pass and a document-pass model */
    /* the block of previewed lines (ar_entities_preview) */
    ar_ner_mem mem;    /* first-pass types by stem over the block */
    uint64_t *bkey;    /* per previewed token: its stem's key */
    uint8_t *btype;    /* and its first-pass type */
    size_t bn, bcap;
    size_t *bline;     /* per previewed line: its first token; bline[blines] = bn */
    size_t blines, bcaplines;
    size_t bnext;      /* the previewed line ar_entities_line reads next */
    size_t bcur, bend; /* while it reads one: its tokens not yet tagged */
    int bactive;
    ent_rec *merge; /* scratch for the tiers */
    const char *text; /* the piece being read (prepare_piece) */
    int tok_oom;      /* push_tok could not grow toks */
    size_t capmerge;
};

enum { F_EXPECT = 1, F_EXPECT_STRONG = 2, F_TITLE = 4 };

int ar_entities_new_model(ar_entities **out, const ar_gazetteer *g, const ar_ner_model *m)
{
    if (!out || !g)
        return AR_EINVAL;
    ar_entities *e = calloc(1, sizeof *e);
    if (!e)
        return AR_ENOMEM;
    if (m && m->doc) {
        free(e);
        return AR_EINVAL;
    }
    e->g = g;
    e->model = m;
    /* the built-in pair goes together; another model has no second pass
     * unless one is set */
    if (m && m == ar_ner_model_builtin())
        e->doc = ar_ner_model_builtin_doc();
    *out = e;
    return AR_OK;
}

int ar_entities_set_doc_model(ar_entities *e, const ar_ner_model *doc)
{
    if (!e || (doc && (!e->model || !doc->doc)))
        return AR_EINVAL;
    e->doc = doc;
    return AR_OK;
}

int ar_entities_has_doc_pass(const ar_entities *e)
{
    return e && e->model && e->doc;
}

int ar_entities_new(ar_entities **out, const ar_gazetteer *g)
{
    return ar_entities_new_model(out, g, NULL);
}

void ar_entities_free(ar_entities *e)
{
    free(e);
}

int ar_ent_doc_new(ar_ent_doc **out)
{
    if (!out)
        return AR_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? AR_OK : AR_ENOMEM;
}

static void block_reset(ar_ent_doc *d)
{
    ar_ner_mem_clear(&d->mem);
    d->bn = d->blines = d->bnext = 0;
    d->bactive = 0;
}

void ar_ent_doc_reset(ar_ent_doc *d)
{
    if (!d)
        return;
    ar_coref_reset(&d->coref);
    block_reset(d);
}

void ar_ent_doc_free(ar_ent_doc *d)
{
    if (!d)
        return;
    ar_ent_doc_reset(d);
    ar_buf_free(&d->fold);
    ar_offmap_free(&d->map);
    free(d->toks);
    free(d->flags);
    free(d->looks);
    free(d->recs);
    free(d->ents);
    free(d->otoks);
    free(d->nt);
    free(d->em);
    free(d->tags);
    free(d->forced);
    free(d->vscratch);
    free(d->wsum);
    free(d->wc[0]);
    free(d->wc[1]);
    ar_ner_mem_free(&d->mem);
    free(d->bkey);
    free(d->btype);
    free(d->bline);
    free(d->merge);
    ar_buf_free(&d->canon);
    free(d);
}

void ar_ent_doc_keep_tokens(ar_ent_doc *d, int on)
{
    if (d)
        d->keep_tokens = on;
}

void ar_ent_doc_tokens(const ar_ent_doc *d, const ar_ent_token **toks, size_t *n)
{
    *toks = d->otoks;
    *n = d->notoks;
}

static void push_tok(size_t s, size_t e, int w, void *ud)
{
    ar_ent_doc *d = ud;
    if (d->ntoks == d->captoks) {
        size_t nc = d->captoks ? d->captoks * 2 : 256;
        tk *p = realloc(d->toks, nc * sizeof *p);
        if (!p) {
            d->tok_oom = 1; /* reported by prepare_piece */
            return;
        }
        d->toks = p;
        d->captoks = nc;
    }
    d->toks[d->ntoks].fs = s;
    d->toks[d->ntoks].fe = e;
    d->toks[d->ntoks].word = w;
    d->ntoks++;
}

/* ---- the first word with and without its clitics ---- */

typedef struct variant {
    const char *key;
    size_t len;
    size_t skip; /* folded bytes before the name */
    char buf[8];
} variant;

#define U_WAW "\xd9\x88"
#define U_FEH "\xd9\x81"
#define U_BEH "\xd8\xa8"
#define U_LAM "\xd9\x84"
#define U_KAF "\xd9\x83"
#define U_ALEF "\xd8\xa7"
#define U_YEH "\xd9\x8a"

static int starts(const char *p, size_t n, const char *pre)
{
    size_t k = strlen(pre);
    return n >= k && !memcmp(p, pre, k);
}

/* Fills v[] (at most 4) and returns their count; v[0] is the word itself.
 * The stripped forms need at least two letters left. لل+X is tried as ال+X. */
static int variants(const char *p, size_t n, variant *v, char *scratch, size_t scap)
{
    int nv = 0;
    v[nv].key = p, v[nv].len = n, v[nv].skip = 0, nv++;
    size_t bases[2];
    int nb = 0;
    bases[nb++] = 0;
    if ((starts(p, n, U_WAW) || starts(p, n, U_FEH)) && n >= 6) {
        v[nv].key = p + 2, v[nv].len = n - 2, v[nv].skip = 2, nv++;
        bases[nb++] = 2;
    }
    for (int b = 0; b < nb; b++) {
        size_t o = bases[b];
        const char *q = p + o;
        size_t m = n - o;
        if (m < 6)
            continue;
        if (starts(q, m, U_LAM U_LAM) && m >= 8 && m + 2 <= scap / 2) {
            /* لل = لِ + ال with the alef dropped */
            char *s = scratch + (size_t)b * (scap / 2);
            memcpy(s, U_ALEF U_LAM, 4);
            memcpy(s + 4, q + 4, m - 4);
            v[nv].key = s, v[nv].len = m, v[nv].skip = o + 2, nv++;
        } else if (starts(q, m, U_BEH) || starts(q, m, U_LAM) || starts(q, m, U_KAF)) {
            v[nv].key = q + 2, v[nv].len = m - 2, v[nv].skip = o + 2, nv++;
        }
    }
    return nv;
}

typedef struct match {
    size_t ntok;  /* tokens covered, 0 = none */
    size_t skip;
    int32_t ent;
} match;

/* Longest gazetteer entity starting at token i, over the variants of its
 * first word. Also reports the aux bits of the single first word (as is and
 * stripped) and the longest title. */
typedef struct look {
    match ent;
    uint32_t aux_asis, aux_strip;
    size_t strip_skip;      /* skip of the stripped variant that gave aux_strip */
    match title;            /* longest TITLE/HON */
    uint32_t title_aux;
} look;

static void lookup_at(const ar_gazetteer *g, const ar_ent_doc *d, size_t i, look *L)
{
    memset(L, 0, sizeof *L);
    const char *f = d->fold.ptr;
    const tk *t = &d->toks[i];
    variant v[4];
    char scratch[512];
    int nv = 1;
    if (t->word && t->fe - t->fs < 240)
        nv = variants(f + t->fs, t->fe - t->fs, v, scratch, sizeof scratch);
    else
        v[0].key = f + t->fs, v[0].len = t->fe - t->fs, v[0].skip = 0;
    for (int k = 0; k < nv; k++) {
        int32_t node = ar_gaz_child(g, 0, v[k].key, v[k].len);
        size_t j = i + 1;
        if (node < 0)
            continue;
        if (k == 0)
            L->aux_asis = g->nodes[node].aux;
        else if (g->nodes[node].aux && !L->aux_strip) {
            L->aux_strip = g->nodes[node].aux;
            L->strip_skip = v[k].skip;
        }
        for (;;) {
            const gaz_node *nd = &g->nodes[node];
            size_t len = j - i;
            if (nd->ent >= 0 && len > L->ent.ntok) {
                L->ent.ntok = len;
                L->ent.skip = v[k].skip;
                L->ent.ent = nd->ent;
            }
            if ((nd->aux & (GAZ_TITLE | GAZ_HON)) && len > L->title.ntok) {
                L->title.ntok = len;
                L->title.skip = v[k].skip;
                L->title_aux = nd->aux;
            }
            if (j >= d->ntoks)
                break;
            node = ar_gaz_child(g, (uint32_t)node, f + d->toks[j].fs, d->toks[j].fe - d->toks[j].fs);
            if (node < 0)
                break;
            j++;
        }
    }
}

/* Helper classes of the word at i as written (filled by prepare_piece). */
static uint32_t aux_of(const ar_gazetteer *g, const ar_ent_doc *d, size_t i)
{
    (void)g;
    return d->looks[i].aux_asis;
}

/* ---- surnames seen in the document (coref.c) ---- */

/* The surname matching token i (as is or without clitics), with its skip. */
static const ar_surname *surname_at(const ar_ent_doc *d, size_t i, size_t *skip)
{
    const tk *t = &d->toks[i];
    if (!d->coref.n || !t->word || t->fe - t->fs >= 240)
        return NULL;
    variant v[4];
    char scratch[512];
    int nv = variants(d->fold.ptr + t->fs, t->fe - t->fs, v, scratch, sizeof scratch);
    for (int k = 0; k < nv; k++) {
        const ar_surname *s = ar_coref_find(&d->coref, v[k].key, v[k].len);
        if (s) {
            *skip = v[k].skip;
            return s;
        }
    }
    return NULL;
}

/* ---- name chains ---- */

static int has_digit(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] >= '0' && p[i] <= '9')
            return 1;
    return 0;
}

static int is_tok(const ar_ent_doc *d, size_t i, const char *w)
{
    size_t n = strlen(w);
    return d->toks[i].fe - d->toks[i].fs == n && !memcmp(d->fold.ptr + d->toks[i].fs, w, n);
}

static int compound_tail(const char *w, size_t n)
{
    static const char *const tails[] = {"\xd8\xa7\xd9\x84\xd8\xaf\xd9\x8a\xd9\x86", /* الدين */
                                        "\xd8\xa7\xd9\x84\xd9\x84\xd9\x87"};            /* الله */
    for (size_t i = 0; i < sizeof tails / sizeof *tails; i++)
        if (n == strlen(tails[i]) && !memcmp(w, tails[i], n))
            return 1;
    return 0;
}

/* عبد, ابو, بن, ابن (folded): the word after belongs to it. */
static int name_link(const ar_ent_doc *d, size_t i)
{
    return is_tok(d, i, "\xd8\xb9\xd8\xa8\xd8\xaf") || is_tok(d, i, "\xd8\xa7\xd8\xa8\xd9\x88") ||
           is_tok(d, i, "\xd8\xa8\xd9\x86") || is_tok(d, i, "\xd8\xa7\xd8\xa8\xd9\x86");
}

/* ال...ي: a family name of the nisba kind (الكاظمي, الغانمي). */
static int is_nisba(const ar_ent_doc *d, size_t i)
{
    const char *p = d->fold.ptr + d->toks[i].fs;
    size_t n = d->toks[i].fe - d->toks[i].fs;
    return n >= 10 && starts(p, n, U_ALEF U_LAM) && !memcmp(p + n - 2, U_YEH, 2);
}

enum { C_NONE, C_GIVEN, C_NISBA, C_LINK, C_SUR, C_FREE };

static int name_class(const ar_entities *e, const ar_ent_doc *d, size_t i)
{
    const ar_gazetteer *g = e->g;
    const tk *t = &d->toks[i];
    if (!t->word || has_digit(d->fold.ptr + t->fs, t->fe - t->fs))
        return C_NONE;
    uint32_t aux = aux_of(g, d, i);
    if (aux & (GAZ_STOP | GAZ_TITLE | GAZ_HON | GAZ_TRIGLOC | GAZ_TRIGLOCP | GAZ_TRIGORG))
        return C_NONE;
    int32_t node = ar_gaz_child(g, 0, d->fold.ptr + t->fs, t->fe - t->fs);
    if (node >= 0 && g->nodes[node].ent >= 0 && g->ents[g->nodes[node].ent].type != AR_ENT_PER)
        return C_NONE;
    if (aux & GAZ_GIVEN)
        return C_GIVEN;
    /* عبد الله, أبو بكر, بن علي: the link word binds the next one */
    if (name_link(d, i))
        return C_LINK;
    if (ar_coref_find(&d->coref, d->fold.ptr + t->fs, t->fe - t->fs))
        return C_SUR;
    if (is_nisba(d, i))
        return C_NISBA;
    if (starts(d->fold.ptr + t->fs, t->fe - t->fs, U_ALEF U_LAM))
        return C_NONE;
    return C_FREE;
}

/* Person chain from token i; strong = after an honorific or rank. Returns
 * the number of tokens (0 = none). first_ok = i is known to be a given name
 * (possibly behind a clitic). */
static size_t person_chain(const ar_entities *e, const ar_ent_doc *d, size_t i, int strong, int after_title,
                           int first_given)
{
    size_t j = i, units = 0;
    int first = first_given ? C_GIVEN : name_class(e, d, i);
    while (j < d->ntoks && units < 4) {
        int c = j == i ? first : name_class(e, d, j);
        if (c == C_NONE)
            break;
        if (units == 0 && (c == C_FREE || c == C_NISBA || c == C_SUR) && !strong && !(after_title && c == C_SUR))
            break;
        /* a free word second only after an honorific, or after a title and
         * a given name (الفريق أسامة ربيع) */
        if (units > 0 && c == C_FREE && !((strong || (after_title && first == C_GIVEN)) && units == 1))
            break;
        if (c == C_LINK) {
            if (j + 1 >= d->ntoks || !d->toks[j + 1].word || (aux_of(e->g, d, j + 1) & GAZ_STOP))
                break;
            j += 2;
        } else {
            j++;
        }
        units++;
    }
    if (!units)
        return 0;
    if (!strong && !after_title && units < 2)
        return 0;
    return j - i;
}

/* Organisation chain after a trigger at i: first word, then words with the
 * article (or و+article) and place names. Returns tokens after i. */
static size_t org_chain(const ar_entities *e, const ar_ent_doc *d, size_t i)
{
    size_t j = i + 1, n = 0;
    while (j < d->ntoks && n < 5) {
        const tk *t = &d->toks[j];
        if (!t->word || has_digit(d->fold.ptr + t->fs, t->fe - t->fs))
            break;
        uint32_t aux = aux_of(e->g, d, j);
        if (aux & (GAZ_STOP | GAZ_TITLE | GAZ_HON))
            break;
        const look L = d->looks[j];
        if (L.ent.ntok && L.ent.skip == 0 && e->g->ents[L.ent.ent].type == AR_ENT_LOC) {
            j += L.ent.ntok;
            n++;
            continue;
        }
        if (n == 0) {
            if (L.ent.ntok && e->g->ents[L.ent.ent].type != AR_ENT_MISC)
                return 0; /* تنظيم داعش: the name itself is the entity */
        } else {
            const char *p = d->fold.ptr + t->fs;
            size_t m = t->fe - t->fs;
            if (!starts(p, m, U_ALEF U_LAM) && !starts(p, m, U_WAW U_ALEF U_LAM))
                break;
        }
        j++;
        n++;
    }
    return n ? j - (i + 1) : 0;
}

/* Short names of ministries (folded), which name the ministry when a
 * nationality follows: الخارجية الإيرانية, الداخلية العراقية. */
static const char *const ministries[] = {
    "\xd8\xa7\xd9\x84\xd8\xae\xd8\xa7\xd8\xb1\xd8\xac\xd9\x8a\xd9\x87", /* الخارجيه */
    "\xd8\xa7\xd9\x84\xd8\xaf\xd8\xa7\xd8\xae\xd9\x84\xd9\x8a\xd9\x87", /* الداخليه */
    "\xd8\xa7\xd9\x84\xd8\xaf\xd9\x81\xd8\xa7\xd8\xb9",                 /* الدفاع */
    "\xd8\xa7\xd9\x84\xd9\x85\xd8\xa7\xd9\x84\xd9\x8a\xd9\x87",         /* الماليه */
    NULL,
};

/* The word is one of them as written (with و it is more often the second
 * of two ministries, وزارتي البيشمركة والدفاع, than a name of its own). */
static int ministry_short(const ar_ent_doc *d, size_t i)
{
    const char *p = d->fold.ptr + d->toks[i].fs;
    size_t n = d->toks[i].fe - d->toks[i].fs;
    if (!d->toks[i].word)
        return 0;
    for (const char *const *m = ministries; *m; m++)
        if (n == strlen(*m) && !memcmp(p, *m, n))
            return 1;
    return 0;
}

/* The word was written with a final ى: على folds to علي, but is no name. */
static int written_alef_maqsura(const ar_ent_doc *d, size_t i)
{
    size_t oe = ar_offmap_end(&d->map, d->toks[i].fe);
    return oe >= 2 && d->text[oe - 2] == '\xd9' && d->text[oe - 1] == '\x89';
}

/* The trigger at i, after skip bytes of clitics, is رئاسة: برئاسة means
 * "headed by", not the presidency. */
static int is_riasa(const ar_ent_doc *d, size_t i, size_t skip)
{
    static const char r[] = "\xd8\xb1\xd9\x8a\xd8\xa7\xd8\xb3\xd9\x87"; /* رئاسة folded: رياسه */
    const char *p = d->fold.ptr + d->toks[i].fs + skip;
    size_t m = d->toks[i].fe - d->toks[i].fs - skip;
    return m == sizeof r - 1 && !memcmp(p, r, m);
}

/* ---- results ---- */

/* Rules that misfire more often than the model (see run_piece). A surname
 * seen earlier is one of them: alone it must not cut a longer name the
 * model found («كوفي أنان» is one person, not «أنان»). */
static int weak_rule(const char *r)
{
    return !strcmp(r, "title") || !strcmp(r, "given-name") || !strcmp(r, "coref");
}

/* Whether surname sn may mark token i as that person: it came from a name
 * the lists or rules found, or the tagger does not read the word as no
 * name. A surname only the tagger vouched for, on a word it reads as O, is
 * a common word («صاحب», «رسول») that once ended a name. */
static int surname_holds(const ar_ent_doc *d, const ar_surname *sn, size_t i)
{
    return sn->listed || d->em[i * NER_NTAGS + NER_B_PER] >= d->em[i * NER_NTAGS + NER_O];
}

/* The same for a co-reference record of the rules at token i. */
static int coref_trusted(const ar_ent_doc *d, size_t i)
{
    size_t sk = 0;
    const ar_surname *sn = surname_at(d, i, &sk);
    return !sn || surname_holds(d, sn, i);
}


static int add_rec(ar_ent_doc *d, size_t base, size_t ts, size_t te, size_t fs, size_t fe, unsigned type,
                   const char *canon, size_t cn, const char *rule)
{
    if (d->nrecs == d->caprecs) {
        size_t nc = d->caprecs ? d->caprecs * 2 : 32;
        ent_rec *p = realloc(d->recs, nc * sizeof *p);
        if (!p)
            return AR_ENOMEM;
        d->recs = p;
        d->caprecs = nc;
    }
    ent_rec *r = &d->recs[d->nrecs];
    r->start = base + ar_offmap_start(&d->map, fs);
    r->end = base + ar_offmap_end(&d->map, fe);
    r->type = type;
    r->coff = d->canon.len;
    r->clen = cn;
    r->rule = rule;
    r->ts = ts;
    r->te = te;
    if (ar_buf_append(&d->canon, canon, cn))
        return AR_ENOMEM;
    d->nrecs++;
    return AR_OK;
}

/* Co-reference: a surname after a full name refers to it, and a gazetteer
 * surname alias (الكاظمي) maps through its canonical. */
static void note_person(const ar_gazetteer *g, ar_ent_doc *d, size_t bs, size_t be, const char *canon, size_t clen,
                        int listed)
{
    const tk *lt = &d->toks[be - 1];
    if (be - bs >= 2) {
        /* the second half of a compound name is nobody alone: صلاح الدين,
         * عبد الله, تميم بن حمد («رجال الدين» is no person) */
        if (compound_tail(d->fold.ptr + lt->fs, lt->fe - lt->fs) || name_link(d, be - 2))
            return;
        ar_coref_add(&d->coref, d->fold.ptr + lt->fs, lt->fe - lt->fs, canon, clen, listed);
    }
    /* the canonical's last word too (برهصالح -> برهم صالح -> صالح) */
    ar_buf cf = {0};
    if (!ar_norm_apply(g->norm, canon, clen, &cf, NULL)) {
        size_t k = cf.len;
        while (k && cf.ptr[k - 1] != ' ')
            k--;
        if (k && !compound_tail(cf.ptr + k, cf.len - k))
            ar_coref_add(&d->coref, cf.ptr + k, cf.len - k, canon, clen, listed);
    }
    ar_buf_free(&cf);
}

static int prepare_piece(const ar_entities *e, ar_ent_doc *d, const char *text, size_t len, size_t base)
{
    d->text = text;
    const ar_gazetteer *g = e->g;
    ar_buf_clear(&d->fold);
    ar_offmap_clear(&d->map);
    if (ar_norm_apply(g->norm, text, len, &d->fold, &d->map))
        return AR_ENOMEM;
    d->ntoks = 0;
    d->tok_oom = 0;
    ar_gaz_tokenize(d->fold.ptr, d->fold.len, push_tok, d);
    if (d->tok_oom)
        return AR_ENOMEM;
    size_t n = d->ntoks;
    if (d->keep_tokens) {
        for (size_t i = 0; i < n; i++) {
            if (d->notoks == d->capotoks) {
                size_t nc = d->capotoks ? d->capotoks * 2 : 256;
                ar_ent_token *p = realloc(d->otoks, nc * sizeof *p);
                if (!p)
                    return AR_ENOMEM;
                d->otoks = p;
                d->capotoks = nc;
            }
            d->otoks[d->notoks].start = base + ar_offmap_start(&d->map, d->toks[i].fs);
            d->otoks[d->notoks].end = base + ar_offmap_end(&d->map, d->toks[i].fe);
            d->notoks++;
        }
    }
    if (n + 1 > d->capflags) {
        unsigned char *p = realloc(d->flags, n + 1);
        if (!p)
            return AR_ENOMEM;
        d->flags = p;
        d->capflags = n + 1;
    }
    memset(d->flags, 0, n + 1);
    if (n + 1 > d->caplooks) {
        look *p = realloc(d->looks, (n + 1) * sizeof *p);
        if (!p)
            return AR_ENOMEM;
        d->looks = p;
        d->caplooks = n + 1;
    }
    for (size_t i = 0; i < n; i++) {
        if (d->toks[i].word)
            lookup_at(g, d, i, &d->looks[i]);
        else
            memset(&d->looks[i], 0, sizeof d->looks[i]);
    }
    return AR_OK;
}

static int rules_piece(const ar_entities *e, ar_ent_doc *d, const char *text, size_t base)
{
    const ar_gazetteer *g = e->g;
    size_t n = d->ntoks;
    /* titles: mark where a person name is expected */
    for (size_t i = 0; i < n; i++) {
        if (!d->toks[i].word)
            continue;
        const look L = d->looks[i];
        if (!L.title.ntok)
            continue;
        size_t j = i + L.title.ntok;
        for (size_t k = i; k < j; k++)
            d->flags[k] |= F_TITLE;
        /* رئيس الوزراء العراقي، مصطفى: skip nationalities and commas */
        while (j < n) {
            if (!d->toks[j].word && (is_tok(d, j, ",") || is_tok(d, j, ":")))
                j++;
            else {
                const look M = d->looks[j];
                if (M.ent.ntok == 1 && M.ent.skip == 0 && g->ents[M.ent.ent].type == AR_ENT_MISC)
                    j++;
                else
                    break;
            }
        }
        d->flags[j] |= (L.title_aux & GAZ_HON) ? (F_EXPECT | F_EXPECT_STRONG) : F_EXPECT;
    }
    size_t i = 0;
    while (i < n) {
        if (!d->toks[i].word) {
            i++;
            continue;
        }
        const look L = d->looks[i];
        /* best candidate: [bs, be) tokens, skip on the first */
        size_t bs = i, be = i, bskip = 0;
        unsigned btype = 0;
        const char *bcanon = NULL;
        size_t bclen = 0;
        const char *brule = NULL;
        if (L.ent.ntok) {
            const gaz_entry *en = &g->ents[L.ent.ent];
            be = i + L.ent.ntok;
            bskip = L.ent.skip;
            btype = en->type;
            bcanon = g->arena.ptr + en->canon_off;
            bclen = en->canon_len;
            brule = ar_gaz_source(g, en->source);
        }
        /* person chain: after a title, or from a given name */
        {
            size_t pskip = 0, pn = 0;
            const char *rule = NULL;
            if (d->flags[i] & F_EXPECT) {
                pn = person_chain(e, d, i, (d->flags[i] & F_EXPECT_STRONG) != 0, 1, 0);
                rule = "title";
            }
            if (!pn && (L.aux_asis & GAZ_GIVEN) && !written_alef_maqsura(d, i)) {
                pn = person_chain(e, d, i, 0, 0, 1);
                rule = "given-name";
            }
            if (!pn && (L.aux_strip & GAZ_GIVEN)) {
                pn = person_chain(e, d, i, 0, 0, 1);
                pskip = L.strip_skip;
                rule = "given-name";
            }
            if (pn && i + pn > be) {
                bs = i;
                be = i + pn;
                bskip = pskip;
                btype = AR_ENT_PER;
                bcanon = NULL;
                brule = rule;
            }
        }
        /* الخارجية الإيرانية: a ministry by its short name, then a nationality */
        if (!(d->flags[i] & F_TITLE) && be == i && i + 1 < n && ministry_short(d, i) &&
            !(i > 0 && (d->flags[i - 1] & F_TITLE))) {
            const look M = d->looks[i + 1];
            if (M.ent.ntok == 1 && M.ent.skip == 0 && g->ents[M.ent.ent].type == AR_ENT_MISC) {
                be = i + 2;
                bskip = 0;
                btype = AR_ENT_ORG;
                bcanon = NULL;
                brule = "org-trigger";
            }
        }
        /* trigger words */
        if (!(d->flags[i] & F_TITLE)) {
            uint32_t aux = L.aux_asis ? L.aux_asis : L.aux_strip;
            size_t tskip = L.aux_asis ? 0 : L.strip_skip;
            if ((aux & (GAZ_TRIGLOC | GAZ_TRIGLOCP)) && i + 1 < n && d->toks[i + 1].word && i + 2 > be) {
                size_t k = i + 1;
                const tk *t = &d->toks[k];
                const char *p = d->fold.ptr + t->fs;
                size_t m = t->fe - t->fs;
                const look M = d->looks[k];
                if ((aux & GAZ_TRIGLOCP) && M.ent.ntok && M.ent.skip == 0 && g->ents[M.ent.ent].type == AR_ENT_LOC &&
                    k + M.ent.ntok > be) {
                    /* جبل قرجوخ, نهر ديالى: the feature word belongs to the name */
                    bs = i;
                    be = k + M.ent.ntok;
                    bskip = tskip;
                    btype = AR_ENT_LOC;
                    bcanon = NULL;
                    brule = "place-trigger";
                } else if (!M.ent.ntok && !starts(p, m, U_ALEF U_LAM) && !has_digit(p, m) && m >= 4 &&
                    !(aux_of(g, d, k) & (GAZ_STOP | GAZ_TITLE | GAZ_HON | GAZ_TRIGLOC | GAZ_TRIGLOCP | GAZ_TRIGORG))) {
                    int incl = (aux & GAZ_TRIGLOCP) != 0;
                    bs = incl ? i : k;
                    be = k + 1;
                    bskip = incl ? tskip : 0;
                    btype = AR_ENT_LOC;
                    bcanon = NULL;
                    brule = "place-trigger";
                }
            } else if ((aux & GAZ_TRIGORG) && !(tskip && is_riasa(d, i, tskip))) {
                size_t on = org_chain(e, d, i);
                if (on && i + 1 + on > be) {
                    bs = i;
                    be = i + 1 + on;
                    bskip = tskip;
                    btype = AR_ENT_ORG;
                    bcanon = NULL;
                    brule = "org-trigger";
                }
            }
        }
        if (be == i) {
            size_t sskip = 0;
            const ar_surname *s = surname_at(d, i, &sskip);
            if (s) {
                be = i + 1;
                bskip = sskip;
                btype = AR_ENT_PER;
                brule = "coref";
                if (!s->ambiguous) {
                    bcanon = s->canon;
                    bclen = s->clen;
                } else {
                    bcanon = NULL;
                }
            }
        }
        if (be == i) {
            i++;
            continue;
        }
        size_t fs = d->toks[bs].fs + bskip, fe = d->toks[be - 1].fe;
        size_t os = ar_offmap_start(&d->map, fs), oe = ar_offmap_end(&d->map, fe);
        if (!bcanon) {
            bcanon = text + os;
            bclen = oe > os ? oe - os : 0;
        }
        /* with the model, a person chain may yet lose to it: its surname is
         * noted only if it stays (run_piece) */
        if (btype == AR_ENT_PER && strcmp(brule, "coref") && !(e->model && weak_rule(brule)))
            note_person(g, d, bs, be, bcanon, bclen, 1);
        int rc = add_rec(d, base, bs, be, fs, fe, btype, bcanon, bclen, brule);
        if (rc)
            return rc;
        i = be;
    }
    return AR_OK;
}

/* ---- the statistical tagger ---- */

static int grow_ner(ar_ent_doc *d, size_t n)
{
    if (n <= d->capner)
        return AR_OK;
    size_t nc = d->capner ? d->capner : 256;
    while (nc < n)
        nc *= 2;
    ar_ner_tok *nt = realloc(d->nt, nc * sizeof *nt);
    if (nt)
        d->nt = nt;
    float *em = realloc(d->em, nc * NER_NTAGS * sizeof *em);
    if (em)
        d->em = em;
    uint8_t *tg = realloc(d->tags, nc);
    if (tg)
        d->tags = tg;
    unsigned char *fo = realloc(d->forced, nc);
    if (fo)
        d->forced = fo;
    void *vs = realloc(d->vscratch, ar_ner_viterbi_scratch(nc));
    if (vs)
        d->vscratch = vs;
    void *ws = realloc(d->wsum, nc * sizeof *d->wsum);
    if (ws)
        d->wsum = ws;
    if (!nt || !em || !tg || !fo || !vs || !ws)
        return AR_ENOMEM;
    d->capner = nc;
    return AR_OK;
}

static int type_index(unsigned type)
{
    return type == AR_ENT_PER ? 0 : type == AR_ENT_LOC ? 1 : type == AR_ENT_ORG ? 2 : 3;
}

static unsigned type_bit(int ti)
{
    return 1u << ti; /* AR_ENT_PER, LOC, ORG, MISC in that order */
}

/* The tagger's view of the prepared piece: folded words, their kind and
 * stem, and what the gazetteers say (the name covering each word, taken
 * longest first from left to right, and the helper classes). */
static int fill_ner(const ar_entities *e, ar_ent_doc *d)
{
    const ar_gazetteer *g = e->g;
    size_t n = d->ntoks;
    int rc = grow_ner(d, n + 1);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++) {
        ar_ner_tok *t = &d->nt[i];
        const tk *k = &d->toks[i];
        memset(t, 0, sizeof *t);
        t->w = d->fold.ptr + k->fs;
        t->n = (uint32_t)(k->fe - k->fs);
        unsigned char c = (unsigned char)t->w[0];
        if (!k->word)
            t->kind = NK_PUNCT;
        else if (c >= '0' && c <= '9')
            t->kind = NK_NUM;
        else if (c < 0x80)
            t->kind = NK_LATIN;
        else
            t->kind = has_digit(t->w, t->n) ? NK_NUM : NK_WORD;
        ar_ner_stem(t);
        t->aux = (uint16_t)((d->looks[i].aux_asis | d->looks[i].aux_strip) & 0x7f);
    }
    for (size_t i = 0; i < n;) {
        const look *L = &d->looks[i];
        if (!d->toks[i].word || !L->ent.ntok) {
            i++;
            continue;
        }
        int ti = type_index(g->ents[L->ent.ent].type);
        size_t len = L->ent.ntok;
        for (size_t k = 0; k < len && i + k < n; k++) {
            d->nt[i + k].gaz = (uint8_t)(1 + 2 * ti + (k > 0));
            d->nt[i + k].gazlen = (uint8_t)(len > 7 ? 7 : len);
        }
        i += len;
    }
    return AR_OK;
}

/* Whether w[0..n) is a word the lists know (a name, a given name) or a
 * surname seen in the document. */
static int known_word(const ar_entities *e, const ar_ent_doc *d, const char *w, size_t n)
{
    int32_t node = ar_gaz_child(e->g, 0, w, n);
    if (node >= 0 && (e->g->nodes[node].ent >= 0 || (e->g->nodes[node].aux & GAZ_GIVEN)))
        return 1;
    return ar_coref_find(&d->coref, w, n) != NULL;
}

/* Proclitic bytes to leave out of a name the model found at token i. The
 * model says where a name is, not where its first word begins, and many
 * names begin with a clitic's letter (وليد, فلاديمير, بوتين, لافروف), so a
 * letter comes off only on evidence:
 *  - the gazetteer look-up matched the span without it;
 *  - و, when three letters stay (names in و are Arabic given names, which
 *    the lists hold and so protect as written);
 *  - ف, ب, ك, ل before the article (لل: the first ل), or before a word the
 *    lists or the document know;
 * never from a word the lists know as written. */
static size_t model_skip(const ar_entities *e, const ar_ent_doc *d, size_t i, size_t ntok)
{
    const look *L = &d->looks[i];
    if (L->ent.ntok == ntok)
        return L->ent.skip;
    const ar_ner_tok *t = &d->nt[i];
    const char *w = t->w;
    size_t n = t->n, p = 0;
    if (t->kind != NK_WORD || known_word(e, d, w, n))
        return 0;
    if (starts(w, n, U_WAW) && n >= 2 + 6)
        p = 2;
    else if (starts(w, n, U_FEH) && n >= 2 + 6 &&
             (starts(w + 2, n - 2, U_ALEF U_LAM) || starts(w + 2, n - 2, U_LAM U_LAM) ||
              known_word(e, d, w + 2, n - 2)))
        p = 2;
    const char *q = w + p;
    size_t m = n - p;
    if (m >= 2 + 6 && (starts(q, m, U_BEH) || starts(q, m, U_KAF) || starts(q, m, U_LAM)) &&
        (starts(q + 2, m - 2, U_ALEF U_LAM) || (starts(q, m, U_LAM) && starts(q + 2, m - 2, U_LAM)) ||
         known_word(e, d, q + 2, m - 2)))
        p += 2;
    return p;
}

/* Most of a token's features read its own word or a neighbour's alone
 * (ar_ner_word_features), so their weight sums are a property of the word:
 * a direct-mapped cache of 8192 words keeps them, and a word met again costs
 * one look-up instead of some forty hashes and row fetches. In news the
 * cache answers most tokens; a collision only recomputes. The sums are the
 * model's: a model with another checksum empties the cache (not another
 * address: a freed model's may be reused). */
#define WC_SLOTS 8192
#define WC_KEY 38

typedef struct wslot {
    uint16_t len; /* 0: empty */
    char key[WC_KEY];
    int32_t sum[AR_NER_ROLES][NER_NTAGS];
} wslot;

struct wcache {
    int valid;
    uint64_t model; /* its checksum */
    int32_t edge[AR_NER_ROLES][NER_NTAGS]; /* a neighbour past the edge */
    wslot slot[WC_SLOTS];
};

static void word_sum(const ar_ner_model *m, const ar_ner_tok *t, int32_t out[AR_NER_ROLES][NER_NTAGS])
{
    uint64_t f[AR_NER_MAXFEAT];
    for (int r = 0; r < AR_NER_ROLES; r++) {
        memset(out[r], 0, sizeof out[r]);
        if (!t && r == AR_NER_ROLE_SELF)
            continue;
        ar_ner_sum(m, f, ar_ner_word_features(t, r, f), out[r]);
    }
}

/* Fills d->wsum for the piece's tokens under model m from the cache of
 * m's kind; returns that cache, or NULL when it cannot be made. */
static const struct wcache *word_sums(ar_ent_doc *d, const ar_ner_model *m)
{
    struct wcache *wc = d->wc[m->doc != 0];
    if (!wc) {
        wc = d->wc[m->doc != 0] = malloc(sizeof *wc);
        if (!wc)
            return NULL;
        wc->valid = 0;
    }
    if (!wc->valid || wc->model != m->sum) {
        for (size_t k = 0; k < WC_SLOTS; k++)
            wc->slot[k].len = 0;
        word_sum(m, NULL, wc->edge);
        wc->model = m->sum;
        wc->valid = 1;
    }
    for (size_t i = 0; i < d->ntoks; i++) {
        const ar_ner_tok *t = &d->nt[i];
        if (t->n == 0 || t->n > WC_KEY) {
            word_sum(m, t, d->wsum[i]);
            continue;
        }
        wslot *sl = &wc->slot[ar_ner_fnv(t->w, t->n) & (WC_SLOTS - 1)];
        if (sl->len != t->n || memcmp(sl->key, t->w, t->n)) {
            word_sum(m, t, sl->sum);
            sl->len = (uint16_t)t->n;
            memcpy(sl->key, t->w, t->n);
        }
        memcpy(d->wsum[i], sl->sum, sizeof sl->sum);
    }
    return wc;
}

/* Tags the prepared piece's n tokens with model m into d->em and d->tags.
 * With doc (the document pass), token i also has the features of what the
 * first pass found for its stem in the other lines of the block, its stem
 * key and its own first-pass type being bkey and btype at doc0 + i, as the
 * preview kept them. */
static int tag_piece(ar_ent_doc *d, const ar_ner_model *m, int doc, size_t doc0)
{
    size_t n = d->ntoks;
    const struct wcache *wc = word_sums(d, m);
    if (!wc)
        return AR_ENOMEM;
    /* The weight rows are scattered over megabytes, so each one is a cache
     * miss; hashing the next token's features while its rows are fetched
     * hides most of that wait. */
    uint64_t fb[2][AR_NER_MAXFEAT + 8];
    int nf = ar_ner_context_features(d->nt, n, 0, fb[0]);
    ar_ner_prefetch(m, fb[0], nf);
    for (size_t i = 0; i < n; i++) {
        const uint64_t *cur = fb[i & 1];
        int ncur = nf;
        if (i + 1 < n) {
            nf = ar_ner_context_features(d->nt, n, i + 1, fb[(i + 1) & 1]);
            ar_ner_prefetch(m, fb[(i + 1) & 1], nf);
        }
        const int32_t *part[AR_NER_ROLES] = {
            d->wsum[i][AR_NER_ROLE_SELF],
            i >= 1 ? d->wsum[i - 1][AR_NER_ROLE_PREV1] : wc->edge[AR_NER_ROLE_PREV1],
            i >= 2 ? d->wsum[i - 2][AR_NER_ROLE_PREV2] : wc->edge[AR_NER_ROLE_PREV2],
            i + 1 < n ? d->wsum[i + 1][AR_NER_ROLE_NEXT1] : wc->edge[AR_NER_ROLE_NEXT1],
            i + 2 < n ? d->wsum[i + 2][AR_NER_ROLE_NEXT2] : wc->edge[AR_NER_ROLE_NEXT2],
        };
        int32_t acc[NER_NTAGS];
        for (int t = 0; t < NER_NTAGS; t++)
            acc[t] = part[0][t] + part[1][t] + part[2][t] + part[3][t] + part[4][t];
        ar_ner_sum(m, cur, ncur, acc);
        if (doc && d->bkey[doc0 + i]) {
            uint64_t df[8];
            int nd = ar_ner_doc_features(ar_ner_mem_get(&d->mem, d->bkey[doc0 + i]), d->btype[doc0 + i], df);
            ar_ner_sum(m, df, nd, acc);
        }
        for (int t = 0; t < NER_NTAGS; t++)
            d->em[i * NER_NTAGS + t] = (float)acc[t] * m->scale;
    }
    ar_ner_viterbi(d->em, n, m->trans, d->vscratch, d->tags);
    return AR_OK;
}

static int model_piece(const ar_entities *e, ar_ent_doc *d, const char *text, size_t base)
{
    const ar_gazetteer *g = e->g;
    size_t n = d->ntoks;
    if (!n)
        return AR_OK;
    int rc = fill_ner(e, d);
    if (rc)
        return rc;
    /* a previewed line: the document pass, if its tokens are the ones the
     * preview counted (they are: the same bytes, the same preparation) */
    int doc = d->bactive && d->bcur + n <= d->bend;
    rc = tag_piece(d, doc ? e->doc : e->model, doc, d->bcur);
    if (rc)
        return rc;
    if (d->bactive)
        d->bcur += n;
    /* the watch-list promise: a name of a user gazetteer is found as listed,
     * whatever the model thinks of its words */
    memset(d->forced, 0, n);
    for (size_t i = 0; i < n;) {
        const look *L = &d->looks[i];
        if (d->toks[i].word && L->ent.ntok && g->ents[L->ent.ent].source >= g->nbuiltin) {
            for (size_t k = 0; k < L->ent.ntok && i + k < n; k++)
                d->forced[i + k] = (unsigned char)(k == 0 ? 2 : 1);
            i += L->ent.ntok;
        } else {
            i++;
        }
    }
    size_t i = 0;
    while (i < n) {
        size_t bs = i, be = i, skip = 0;
        unsigned type = 0;
        const char *canon = NULL, *rule = "model";
        size_t clen = 0;
        const look *L = &d->looks[i];
        if (d->forced[i] == 2) {
            const gaz_entry *en = &g->ents[L->ent.ent];
            be = i + L->ent.ntok;
            skip = L->ent.skip;
            type = en->type;
            canon = g->arena.ptr + en->canon_off;
            clen = en->canon_len;
            rule = ar_gaz_source(g, en->source);
        } else if (d->tags[i] != NER_O && !d->forced[i]) {
            int ti = NER_TYPE(d->tags[i]);
            be = i + 1;
            while (be < n && d->tags[be] == NER_I(ti) && !d->forced[be])
                be++;
            /* a name starts and ends with a word */
            while (bs < be && !d->toks[bs].word)
                bs++;
            while (be > bs && !d->toks[be - 1].word)
                be--;
            if (bs == be) {
                i = i + 1 > be ? i + 1 : be;
                continue;
            }
            type = type_bit(ti);
            const look *B = &d->looks[bs];
            if (B->ent.ntok == be - bs && g->ents[B->ent.ent].type == type) {
                const gaz_entry *en = &g->ents[B->ent.ent];
                canon = g->arena.ptr + en->canon_off;
                clen = en->canon_len;
            } else if (type == AR_ENT_PER && be - bs == 1) {
                size_t sk = 0;
                const ar_surname *sn = surname_at(d, bs, &sk);
                if (sn && !sn->ambiguous) {
                    canon = sn->canon;
                    clen = sn->clen;
                }
            }
            skip = model_skip(e, d, bs, be - bs);
        } else if (d->toks[i].word && !d->forced[i]) {
            size_t sk = 0;
            const ar_surname *sn = surname_at(d, i, &sk);
            if (sn && surname_holds(d, sn, i)) {
                be = i + 1;
                skip = sk;
                type = AR_ENT_PER;
                rule = "coref";
                if (!sn->ambiguous) {
                    canon = sn->canon;
                    clen = sn->clen;
                }
            }
        }
        if (be <= bs) {
            i++;
            continue;
        }
        size_t fs = d->toks[bs].fs + skip, fe = d->toks[be - 1].fe;
        if (fs >= fe) {
            fs = d->toks[bs].fs;
        }
        size_t os = ar_offmap_start(&d->map, fs), oe = ar_offmap_end(&d->map, fe);
        if (!canon) {
            canon = text + os;
            clen = oe > os ? oe - os : 0;
        }
        if (type == AR_ENT_PER && strcmp(rule, "coref"))
            note_person(g, d, bs, be, canon, clen, strcmp(rule, "model") != 0);
        rc = add_rec(d, base, bs, be, fs, fe, type, canon, clen, rule);
        if (rc)
            return rc;
        i = be;
    }
    return AR_OK;
}

static int rec_cmp(const void *a, const void *b)
{
    const ent_rec *x = a, *y = b;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int overlaps(const ent_rec *r, const ent_rec *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (r->start < set[i].end && set[i].start < r->end)
            return 1;
    return 0;
}

static int run_piece(const ar_entities *e, ar_ent_doc *d, const char *text, size_t len, size_t base)
{
    int rc = prepare_piece(e, d, text, len, base);
    if (rc || !e->model)
        return rc ? rc : rules_piece(e, d, text, base);
    /* Three tiers: what the lists and the trigger rules found, then the
     * model, then the rules' person chains (after a title or from a given
     * name), which misfire more often than the model does. On the held-out
     * reports this beats the rules alone, the model alone and the rules
     * over the model (README, "How each tool decides"). */
    size_t r0 = d->nrecs;
    rc = rules_piece(e, d, text, base);
    size_t r1 = d->nrecs;
    if (!rc)
        rc = model_piece(e, d, text, base);
    if (rc)
        return rc;
    size_t nr = d->nrecs, k = 0;
    if (nr - r0 > d->capmerge) {
        ent_rec *p = realloc(d->merge, (nr - r0) * sizeof *p);
        if (!p)
            return AR_ENOMEM;
        d->merge = p;
        d->capmerge = nr - r0;
    }
    ent_rec *tmp = d->merge;
    for (size_t i = r0; i < r1; i++)
        if (!weak_rule(d->recs[i].rule))
            tmp[k++] = d->recs[i];
    size_t tier1 = k;
    for (size_t i = r1; i < nr; i++)
        if (!overlaps(&d->recs[i], tmp, tier1))
            tmp[k++] = d->recs[i];
    size_t tier2 = k;
    for (size_t i = r0; i < r1; i++)
        if (weak_rule(d->recs[i].rule) && !overlaps(&d->recs[i], tmp, tier2) &&
            (strcmp(d->recs[i].rule, "coref") || coref_trusted(d, d->recs[i].ts)))
            tmp[k++] = d->recs[i];
    for (size_t i = tier2; i < k; i++)
        if (tmp[i].type == AR_ENT_PER && strcmp(tmp[i].rule, "coref"))
            note_person(e->g, d, tmp[i].ts, tmp[i].te, d->canon.ptr ? d->canon.ptr + tmp[i].coff : "", tmp[i].clen, 1);
    if (k)
        memcpy(d->recs + r0, tmp, k * sizeof *tmp);
    d->nrecs = r0 + k;
    if (k > 1)
        qsort(d->recs + r0, k, sizeof *d->recs, rec_cmp);
    return AR_OK;
}

int ar_ent_ner_prepare(const ar_entities *e, ar_ent_doc *d, const char *text, size_t len, const ar_ner_tok **toks,
                       size_t *n)
{
    d->notoks = 0;
    int rc = prepare_piece(e, d, text, len, 0);
    if (!rc)
        rc = fill_ner(e, d);
    if (rc)
        return rc;
    *toks = d->nt;
    *n = d->ntoks;
    return AR_OK;
}

void ar_ent_ner_span(const ar_ent_doc *d, size_t i, size_t *start, size_t *end)
{
    *start = ar_offmap_start(&d->map, d->toks[i].fs);
    *end = ar_offmap_end(&d->map, d->toks[i].fe);
}

/* Cuts a long line at a space near PIECE bytes so memory follows the piece,
 * not the line; a name across a cut may be missed. */
static size_t piece_end(const char *s, size_t len, size_t from)
{
    if (len - from <= PIECE)
        return len;
    size_t e = from + PIECE;
    for (size_t k = e; k > from + PIECE - 4096; k--)
        if (s[k] == ' ')
            return k + 1;
    while (e > from + 1 && ((unsigned char)s[e] & 0xC0) == 0x80)
        e--;
    return e;
}

/* Most tokens a block keeps (nine bytes each). */
#define BLOCK_TOKENS ((size_t)1 << 20)

static int grow_block(ar_ent_doc *d, size_t ntok)
{
    if (d->bn + ntok > d->bcap) {
        size_t nc = d->bcap ? d->bcap : 1024;
        while (nc < d->bn + ntok)
            nc *= 2;
        uint64_t *k = realloc(d->bkey, nc * sizeof *k);
        if (k)
            d->bkey = k;
        uint8_t *t = realloc(d->btype, nc);
        if (t)
            d->btype = t;
        if (!k || !t)
            return AR_ENOMEM;
        d->bcap = nc;
    }
    if (d->blines + 2 > d->bcaplines) {
        size_t nc = d->bcaplines ? d->bcaplines * 2 : 64;
        size_t *l = realloc(d->bline, nc * sizeof *l);
        if (!l)
            return AR_ENOMEM;
        d->bline = l;
        d->bcaplines = nc;
    }
    return AR_OK;
}

/* Adds (d = 1) or takes away (-1) a previewed line's tokens from the
 * block's counts. */
static int count_line(ar_ent_doc *d, size_t line, int sign)
{
    for (size_t i = d->bline[line]; i < d->bline[line + 1]; i++)
        if (ar_ner_mem_add(&d->mem, d->bkey[i], d->btype[i], sign))
            return AR_ENOMEM;
    return AR_OK;
}

int ar_entities_preview(const ar_entities *e, ar_ent_doc *d, const char *line, size_t len)
{
    if (!e || !d || (!line && len))
        return AR_EINVAL;
    if (!e->model || !e->doc)
        return AR_OK;
    if (d->blines && d->bnext == d->blines)
        block_reset(d); /* every line of the last block was read */
    if (grow_block(d, 0))
        return AR_ENOMEM;
    d->bline[d->blines] = d->bn;
    size_t pos = 0;
    while (pos < len) {
        size_t end = piece_end(line, len, pos);
        d->ntoks = 0;
        d->notoks = 0;
        int rc = prepare_piece(e, d, line + pos, end - pos, pos);
        if (!rc && d->ntoks && !(rc = fill_ner(e, d)))
            rc = tag_piece(d, e->model, 0, 0);
        if (rc)
            return rc;
        if (d->bn + d->ntoks > BLOCK_TOKENS) {
            /* a block's memory is bounded: a line past it (a 50 MB line
             * has five million tokens) is kept with none, so it is tagged
             * alone when read */
            d->bn = d->bline[d->blines];
            break;
        }
        if ((rc = grow_block(d, d->ntoks)))
            return rc;
        for (size_t i = 0; i < d->ntoks; i++) {
            d->bkey[d->bn] = ar_ner_stem_key(&d->nt[i]);
            d->btype[d->bn] = (uint8_t)ar_ner_type_of_tag(d->tags[i]);
            d->bn++;
        }
        pos = end;
    }
    d->blines++;
    d->bline[d->blines] = d->bn;
    return count_line(d, d->blines - 1, 1);
}

int ar_entities_line(const ar_entities *e, ar_ent_doc *d, const char *line, size_t len, const ar_entity **ents,
                     size_t *n)
{
    if (!e || !d || (!line && len) || !ents || !n)
        return AR_EINVAL;
    d->nrecs = 0;
    d->notoks = 0;
    ar_buf_clear(&d->canon);
    /* a previewed line sees the others of its block, not itself */
    d->bactive = e->model && e->doc && d->bnext < d->blines;
    size_t self = d->bnext;
    if (d->bactive) {
        if (count_line(d, self, -1))
            return AR_ENOMEM;
        d->bcur = d->bline[self];
        d->bend = d->bline[self + 1];
    }
    size_t pos = 0;
    while (pos < len) {
        size_t end = piece_end(line, len, pos);
        d->ntoks = 0;
        int rc = run_piece(e, d, line + pos, end - pos, pos);
        if (rc)
            return rc;
        pos = end;
    }
    if (d->bactive) {
        d->bactive = 0;
        d->bnext++;
        if (count_line(d, self, 1))
            return AR_ENOMEM;
    }
    if (d->nrecs > d->capents) {
        ar_entity *p = realloc(d->ents, d->nrecs * sizeof *p);
        if (!p)
            return AR_ENOMEM;
        d->ents = p;
        d->capents = d->nrecs;
    }
    for (size_t i = 0; i < d->nrecs; i++) {
        ar_entity *o = &d->ents[i];
        o->start = d->recs[i].start;
        o->end = d->recs[i].end;
        o->type = d->recs[i].type;
        o->canonical = d->canon.ptr + d->recs[i].coff;
        o->canonical_len = d->recs[i].clen;
        o->rule = d->recs[i].rule;
    }
    *ents = d->ents;
    *n = d->nrecs;
    return AR_OK;
}
