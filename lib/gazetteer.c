/* SPDX-License-Identifier: MIT */
/* Gazetteer: TSV names folded with the search normalization into a
 * token-level trie whose edges live in one hash table keyed by (parent node,
 * token bytes): a look-up step is one hash probe whatever the number of names. */
#include <stdlib.h>
#include <string.h>
#include <stdio.h>
#include <strings.h>

#include <unicode/uloc.h>

#include "entities_internal.h"
#include "utf8_internal.h"

static const char *const type_names[] = {"PER", "LOC", "ORG", "MISC"};

const char *ar_ent_type_name(unsigned type)
{
    for (int i = 0; i < 4; i++)
        if (type == 1u << i)
            return type_names[i];
    return "?";
}

int ar_ent_types_parse(const char *list, unsigned *mask)
{
    unsigned m = 0;
    const char *p = list;
    if (!list || !mask)
        return AR_EINVAL;
    while (*p) {
        size_t n = strcspn(p, ",");
        int found = 0;
        for (int i = 0; i < 4; i++)
            if (n == strlen(type_names[i]) && !strncasecmp(p, type_names[i], n)) {
                m |= 1u << i;
                found = 1;
            }
        if (!found && n)
            return AR_ESYNTAX;
        p += n;
        if (*p == ',')
            p++;
    }
    if (!m)
        return AR_ESYNTAX;
    *mask = m;
    return AR_OK;
}

/* Word characters: letters and digits of any script; everything that is
 * punctuation, a symbol or an invalid byte is a token of its own. */
static int is_word_cp(int32_t cp)
{
    if (cp < 0)
        return 0;
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
    if (cp >= 0xA0 && cp <= 0xBF)
        return 0;
    if (cp == 0xD7 || cp == 0xF7)
        return 0;
    if (cp == 0x60C || cp == 0x61B || cp == 0x61F || (cp >= 0x66A && cp <= 0x66D) || cp == 0x6D4)
        return 0;
    if (cp >= 0x2000 && cp <= 0x2BFF)
        return 0;
    if (cp >= 0x3000 && cp <= 0x303F)
        return 0;
    if (cp == 0xFD3E || cp == 0xFD3F || (cp >= 0xFE10 && cp <= 0xFE6F) || (cp >= 0xFF00 && cp <= 0xFF20))
        return 0;
    return 1;
}

static inline int decode(const char *s, size_t n, int32_t *cp)
{
    return ar_utf8_next((const unsigned char *)s, n, cp);
}

void ar_gaz_tokenize(const char *s, size_t len, ar_gaz_tok_fn fn, void *ud)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f') {
            i++;
            continue;
        }
        int32_t cp;
        int n = decode(s + i, len - i, &cp);
        if (!is_word_cp(cp)) {
            fn(i, i + (size_t)n, 0, ud);
            i += (size_t)n;
            continue;
        }
        size_t st = i;
        i += (size_t)n;
        while (i < len) {
            c = (unsigned char)s[i];
            n = decode(s + i, len - i, &cp);
            if (!is_word_cp(cp))
                break;
            i += (size_t)n;
        }
        fn(st, i, 1, ud);
    }
}

static uint64_t hash_key(uint32_t parent, const char *k, size_t n)
{
    uint64_t h = 1469598103934665603ull ^ ((uint64_t)parent * 0x9E3779B97F4A7C15ull);
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)k[i];
        h *= 1099511628211ull;
    }
    h ^= h >> 29;
    return h ? h : 1; /* 0 marks an empty slot */
}

int32_t ar_gaz_child(const ar_gazetteer *g, uint32_t node, const char *key, size_t len)
{
    if (!g->capedges)
        return -1;
    uint64_t h = hash_key(node, key, len);
    if (node == 0 && !(g->rootbits[(h >> 48) & 1023] >> ((h >> 58) & 63) & 1))
        return -1;
    size_t mask = g->capedges - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        const gaz_edge *e = &g->edges[i];
        if (!e->hash)
            return -1;
        if (e->hash == h && e->parent == node && e->key_len == len && !memcmp(g->arena.ptr + e->key_off, key, len))
            return (int32_t)e->child;
    }
}

static int new_node(ar_gazetteer *g, uint32_t *id)
{
    if (g->nnodes == g->capnodes) {
        size_t nc = g->capnodes ? g->capnodes * 2 : 1024;
        gaz_node *p = realloc(g->nodes, nc * sizeof *p);
        if (!p)
            return AR_ENOMEM;
        g->nodes = p;
        g->capnodes = nc;
    }
    g->nodes[g->nnodes].ent = -1;
    g->nodes[g->nnodes].aux = 0;
    *id = (uint32_t)g->nnodes++;
    return AR_OK;
}

static void edge_put(gaz_edge *tab, size_t cap, const gaz_edge *e)
{
    size_t mask = cap - 1;
    size_t i = (size_t)e->hash & mask;
    while (tab[i].hash)
        i = (i + 1) & mask;
    tab[i] = *e;
}

static int grow_edges(ar_gazetteer *g)
{
    size_t nc = g->capedges ? g->capedges * 2 : 4096;
    gaz_edge *t = calloc(nc, sizeof *t);
    if (!t)
        return AR_ENOMEM;
    for (size_t i = 0; i < g->capedges; i++)
        if (g->edges[i].hash)
            edge_put(t, nc, &g->edges[i]);
    free(g->edges);
    g->edges = t;
    g->capedges = nc;
    return AR_OK;
}

static int child_or_new(ar_gazetteer *g, uint32_t node, const char *key, size_t len, uint32_t *out)
{
    int32_t c = ar_gaz_child(g, node, key, len);
    if (c >= 0) {
        *out = (uint32_t)c;
        return AR_OK;
    }
    if ((g->nedges + 1) * 2 > g->capedges && grow_edges(g))
        return AR_ENOMEM;
    gaz_edge e;
    e.hash = hash_key(node, key, len);
    if (node == 0)
        g->rootbits[(e.hash >> 48) & 1023] |= 1ull << ((e.hash >> 58) & 63);
    e.parent = node;
    e.key_off = (uint32_t)g->arena.len;
    e.key_len = (uint32_t)len;
    if (ar_buf_append(&g->arena, key, len) || new_node(g, &e.child))
        return AR_ENOMEM;
    edge_put(g->edges, g->capedges, &e);
    g->nedges++;
    *out = e.child;
    return AR_OK;
}

typedef struct tok_collect {
    size_t st[64], en[64];
    int n;
    int overflow;
} tok_collect;

static void collect_tok(size_t s, size_t e, int w, void *ud)
{
    (void)w;
    tok_collect *t = ud;
    if (t->n == 64) {
        t->overflow = 1;
        return;
    }
    t->st[t->n] = s;
    t->en[t->n] = e;
    t->n++;
}

/* Folds name and walks/creates its path; returns the final node. */
static int insert_path(ar_gazetteer *g, const char *name, size_t len, uint32_t *node)
{
    ar_buf_clear(&g->scratch);
    if (ar_norm_apply(g->norm, name, len, &g->scratch, NULL))
        return AR_ENOMEM;
    tok_collect t;
    t.n = 0;
    t.overflow = 0;
    ar_gaz_tokenize(g->scratch.ptr, g->scratch.len, collect_tok, &t);
    if (!t.n || t.overflow)
        return AR_ESYNTAX;
    uint32_t cur = 0;
    for (int i = 0; i < t.n; i++) {
        char key[256];
        size_t kl = t.en[i] - t.st[i];
        if (kl > sizeof key)
            return AR_ESYNTAX;
        memcpy(key, g->scratch.ptr + t.st[i], kl);
        if (child_or_new(g, cur, key, kl, &cur))
            return AR_ENOMEM;
    }
    *node = cur;
    return AR_OK;
}

static unsigned parse_type(const char *s, size_t n, int *is_aux)
{
    static const struct {
        const char *name;
        unsigned bit;
        int aux;
    } t[] = {
        {"PER", AR_ENT_PER, 0},     {"LOC", AR_ENT_LOC, 0},         {"ORG", AR_ENT_ORG, 0},
        {"MISC", AR_ENT_MISC, 0},   {"GIVEN", GAZ_GIVEN, 1},        {"TITLE", GAZ_TITLE, 1},
        {"HON", GAZ_HON, 1},        {"TRIGLOC", GAZ_TRIGLOC, 1},    {"TRIGLOC+", GAZ_TRIGLOCP, 1},
        {"TRIGORG", GAZ_TRIGORG, 1}, {"STOP", GAZ_STOP, 1},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        if (strlen(t[i].name) == n && !strncasecmp(s, t[i].name, n)) {
            *is_aux = t[i].aux;
            return t[i].bit;
        }
    return 0;
}

static int add_source(ar_gazetteer *g, const char *source, uint32_t *idx)
{
    char **p = realloc(g->sources, (g->nsources + 1) * sizeof *p);
    if (!p)
        return AR_ENOMEM;
    g->sources = p;
    const char *name = source ? source : "user";
    size_t n = strlen(name) + sizeof "gazetteer:";
    p[g->nsources] = malloc(n);
    if (!p[g->nsources])
        return AR_ENOMEM;
    snprintf(p[g->nsources], n, "gazetteer:%s", name);
    *idx = (uint32_t)g->nsources++;
    return AR_OK;
}

const char *ar_gaz_source(const ar_gazetteer *g, uint32_t i)
{
    return i < g->nsources ? g->sources[i] : "?";
}

static int add_name(ar_gazetteer *g, const char *name, size_t nlen, unsigned type, int aux, const char *canon,
                    size_t clen, uint32_t src)
{
    uint32_t node;
    int rc = insert_path(g, name, nlen, &node);
    if (rc)
        return rc;
    if (aux) {
        g->nodes[node].aux |= type;
        return AR_OK;
    }
    if (g->nents == g->capents) {
        size_t nc = g->capents ? g->capents * 2 : 256;
        gaz_entry *p = realloc(g->ents, nc * sizeof *p);
        if (!p)
            return AR_ENOMEM;
        g->ents = p;
        g->capents = nc;
    }
    gaz_entry *e = &g->ents[g->nents];
    e->canon_off = (uint32_t)g->arena.len;
    e->canon_len = (uint32_t)clen;
    e->source = src;
    e->type = (uint8_t)type;
    if (ar_buf_append(&g->arena, canon, clen))
        return AR_ENOMEM;
    if (g->nodes[node].ent < 0)
        g->nnames++;
    g->nodes[node].ent = (int32_t)g->nents++;
    return AR_OK;
}

static size_t trim_len(const char *s, size_t n)
{
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
        n--;
    return n;
}

int ar_gazetteer_add_tsv(ar_gazetteer *g, const char *text, size_t len, const char *source, ar_diag *diag)
{
    if (!g || (!text && len))
        return AR_EINVAL;
    uint32_t src;
    int rc = add_source(g, source, &src);
    if (rc)
        return rc;
    size_t pos = 0;
    long lineno = 0;
    while (pos < len) {
        const char *l = text + pos;
        const char *nl = memchr(l, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - l) : len - pos;
        pos += ll + (nl != NULL);
        lineno++;
        ll = trim_len(l, ll);
        size_t k = 0;
        while (k < ll && (l[k] == ' ' || l[k] == '\t'))
            k++;
        if (k == ll || l[k] == '#')
            continue;
        if (memchr(l, '\0', ll) || ar_utf8_valid_prefix(l, ll) != ll) {
            if (diag)
                ar_diag_set(diag, lineno, -1, "not valid UTF-8 text");
            return AR_ESYNTAX;
        }
        const char *f[5] = {0};
        size_t fl[5] = {0};
        int nf = 0;
        size_t a = 0;
        while (nf < 5) {
            const char *tab = memchr(l + a, '\t', ll - a);
            size_t e = tab ? (size_t)(tab - l) : ll;
            f[nf] = l + a;
            fl[nf] = e - a;
            nf++;
            if (!tab)
                break;
            a = e + 1;
        }
        if (nf < 3 || nf > 4) {
            if (diag)
                ar_diag_set(diag, lineno, -1, "want 3 or 4 tab-separated fields (name, type, canonical[, aliases]), got %d",
                            nf);
            return AR_ESYNTAX;
        }
        int aux = 0;
        unsigned type = parse_type(f[1], fl[1], &aux);
        if (!type) {
            if (diag)
                ar_diag_set(diag, lineno, -1, "unknown type '%.*s' (want PER, LOC, ORG or MISC)", (int)(fl[1] > 40 ? 40 : fl[1]),
                            f[1]);
            return AR_ESYNTAX;
        }
        if (!fl[0] || !fl[2]) {
            if (diag)
                ar_diag_set(diag, lineno, -1, "empty %s", !fl[0] ? "name" : "canonical form");
            return AR_ESYNTAX;
        }
        rc = add_name(g, f[0], fl[0], type, aux, f[2], fl[2], src);
        if (rc == AR_ESYNTAX && diag)
            ar_diag_set(diag, lineno, -1, "the name has no letters, or more than 64 words");
        if (rc)
            return rc;
        if (nf == 4) {
            const char *al = f[3];
            size_t rest = fl[3];
            while (rest) {
                const char *comma = memchr(al, ',', rest);
                size_t n = comma ? (size_t)(comma - al) : rest;
                size_t s = 0;
                while (s < n && al[s] == ' ')
                    s++;
                if (n > s) {
                    rc = add_name(g, al + s, n - s, type, aux, f[2], fl[2], src);
                    if (rc == AR_ESYNTAX && diag)
                        ar_diag_set(diag, lineno, -1, "alias '%.*s' has no letters", (int)(n - s > 40 ? 40 : n - s), al + s);
                    if (rc)
                        return rc;
                }
                if (!comma)
                    break;
                rest -= n + 1;
                al += n + 1;
            }
        }
    }
    return AR_OK;
}

/* Country names of every ISO 3166 region in ICU's Arabic locale data. */
static int add_icu_countries(ar_gazetteer *g)
{
    uint32_t src;
    int rc = add_source(g, "icu-countries", &src);
    if (rc)
        return rc;
    const char *const *c = uloc_getISOCountries();
    for (; c && *c; c++) {
        char loc[16];
        UChar name[128];
        char utf8[512];
        UErrorCode st = U_ZERO_ERROR;
        snprintf(loc, sizeof loc, "und_%s", *c);
        int32_t n = uloc_getDisplayCountry(loc, "ar", name, 128, &st);
        if (U_FAILURE(st) || st == U_USING_DEFAULT_WARNING || n <= 0)
            continue;
        size_t o = 0;
        for (int32_t i = 0; i < n && o + 4 < sizeof utf8; i++) {
            int32_t cp = name[i];
            if (cp >= 0xD800 && cp < 0xDC00 && i + 1 < n) {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (name[i + 1] - 0xDC00);
                i++;
            }
            o += (size_t)ar_utf8_encode(cp, utf8 + o);
        }
        /* ICU spells its own Latin fallback when it has no Arabic name */
        if (!o || (unsigned char)utf8[0] < 0x80)
            continue;
        rc = add_name(g, utf8, o, AR_ENT_LOC, 0, utf8, o, src);
        if (rc && rc != AR_ESYNTAX)
            return rc;
    }
    return AR_OK;
}

int ar_gazetteer_new(ar_gazetteer **out, unsigned flags)
{
    if (!out)
        return AR_EINVAL;
    *out = NULL;
    ar_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return AR_ENOMEM;
    unsigned nf;
    uint32_t root;
    int rc = ar_norm_profile("search", &nf);
    if (!rc)
        rc = ar_norm_new(&g->norm, nf);
    if (!rc)
        rc = new_node(g, &root);
    if (!rc)
        rc = grow_edges(g);
    if (!rc && (flags & AR_GAZ_BUILTIN)) {
        rc = add_icu_countries(g);
        for (const ar_gaz_blob *b = ar_gaz_builtin; !rc && b->name; b++) {
            ar_diag d;
            rc = ar_gazetteer_add_tsv(g, b->text, strlen(b->text), b->name, &d);
        }
        g->nbuiltin = g->nsources;
    }
    if (rc) {
        ar_gazetteer_free(g);
        return rc;
    }
    *out = g;
    return AR_OK;
}

void ar_gazetteer_free(ar_gazetteer *g)
{
    if (!g)
        return;
    ar_norm_free(g->norm);
    free(g->nodes);
    free(g->edges);
    free(g->ents);
    for (size_t i = 0; i < g->nsources; i++)
        free(g->sources[i]);
    free(g->sources);
    ar_buf_free(&g->arena);
    ar_buf_free(&g->scratch);
    free(g);
}

size_t ar_gazetteer_size(const ar_gazetteer *g)
{
    return g ? g->nnames : 0;
}

unsigned ar_gazetteer_lookup(const ar_gazetteer *g, const char *name, size_t len, const char **canonical,
                             size_t *canonical_len)
{
    if (!g || !name)
        return 0;
    ar_buf f = {0};
    if (ar_norm_apply(g->norm, name, len, &f, NULL)) {
        ar_buf_free(&f);
        return 0;
    }
    tok_collect t;
    t.n = 0;
    t.overflow = 0;
    ar_gaz_tokenize(f.ptr, f.len, collect_tok, &t);
    int32_t cur = 0;
    for (int i = 0; i < t.n && cur >= 0 && !t.overflow; i++)
        cur = ar_gaz_child(g, (uint32_t)cur, f.ptr + t.st[i], t.en[i] - t.st[i]);
    ar_buf_free(&f);
    if (!t.n || t.overflow || cur < 0 || g->nodes[cur].ent < 0)
        return 0;
    const gaz_entry *e = &g->ents[g->nodes[cur].ent];
    if (canonical)
        *canonical = g->arena.ptr + e->canon_off;
    if (canonical_len)
        *canonical_len = e->canon_len;
    return e->type;
}
