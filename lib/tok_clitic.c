/* SPDX-License-Identifier: MIT */
/* Clitic segmentation: the conservative rule documented in tok.h and
 * ar-tok(1). A word is read into letters (each with the marks, tatweel and
 * joiners after it, so spans stay on the original bytes) and a folded key;
 * every decision is a look-up of a letter range in the built-in lexicon
 * (tok_lexicon.c) or a test on the letters as written. */
#include <pthread.h>
#include <string.h>
#include <unicode/unorm2.h>

#include "tok_internal.h"

enum {
    ALEF = 0x0627, ALEF_HAMZA = 0x0623, ALEF_WASLA = 0x0671, BEH = 0x0628, TEH_MARBUTA = 0x0629, TEH = 0x062A,
    SEEN = 0x0633, FEH = 0x0641, KAF = 0x0643, LAM = 0x0644, MEEM = 0x0645, NOON = 0x0646, HEH = 0x0647,
    WAW = 0x0648, YEH = 0x064A, HAMZA = 0x0621
};

/* ---- presentation forms ------------------------------------------------- */

/* U+FB50..U+FEFF to the one letter each stands for (NFKC), 0 when it is a
 * ligature of several letters or a mark: such a word is left whole. */
#define PRES_LO 0xFB50
#define PRES_HI 0xFEFF
static int32_t pres_letter[PRES_HI - PRES_LO + 1];
static pthread_once_t pres_once = PTHREAD_ONCE_INIT;

static void init_pres(void)
{
    UErrorCode ec = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&ec);
    for (int32_t c = PRES_LO; c <= PRES_HI; c++) {
        UChar in[1] = {(UChar)c}, out[8];
        ec = U_ZERO_ERROR;
        int32_t n = nfkc ? unorm2_normalize(nfkc, in, 1, out, 8, &ec) : 0;
        int32_t v = 0;
        if (U_SUCCESS(ec) && n == 1 && ar_tok_class(out[0]) == TC_AL)
            v = out[0];
        pres_letter[c - PRES_LO] = v;
    }
}

/* ---- letters of a word -------------------------------------------------- */

/* Folding for look-ups (the generator folds the lexicon the same way). ى
 * stays apart from ي: على and إلى are not the name علي or the word إلي. */
static int32_t fold(int32_t c)
{
    switch (c) {
    case 0x0622: case 0x0623: case 0x0625: case 0x0671: case 0x0672: case 0x0673: case 0x0675:
        return ALEF;
    case 0x0626: case 0x06CC:
        return YEH;
    case TEH_MARBUTA: case 0x06C3: case 0x06C0: case 0x06C1: case 0x06C2: case 0x06BE: case 0x06D5:
        return HEH;
    case 0x0624:
        return WAW;
    case 0x06A9: case 0x06AA:
        return KAF;
    default:
        return c;
    }
}

typedef struct letter {
    size_t s;          /* byte offset of the letter; its marks follow up to the next letter */
    int32_t cp;        /* as written (presentation forms and Persian kaf/yeh mapped) */
    unsigned short ko; /* its folded bytes in word.key */
    unsigned char kl;
} letter;

typedef struct word {
    letter L[AR_SEG_MAX_LETTERS];
    int n;
    size_t len;
    char key[AR_SEG_MAX_LETTERS * 4];
} word;

/* Reads w into letters; 0 when the word cannot be segmented. */
static int read_word(word *W, const unsigned char *s, size_t len)
{
    W->n = 0;
    W->len = len;
    size_t kpos = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int n = ar_tok_step(s, i, len, &cp);
        int c = ar_tok_class(cp);
        if (c == TC_AL) {
            if (cp >= PRES_LO && cp <= PRES_HI) {
                pthread_once(&pres_once, init_pres);
                cp = pres_letter[cp - PRES_LO];
                if (!cp)
                    return 0;
            }
            if (cp == 0x06A9)
                cp = KAF;
            else if (cp == 0x06CC)
                cp = YEH;
            if (W->n == AR_SEG_MAX_LETTERS)
                return 0;
            letter *l = &W->L[W->n++];
            l->s = W->n == 1 ? 0 : i; /* marks before the first letter go with it */
            l->cp = cp;
            l->ko = (unsigned short)kpos;
            l->kl = (unsigned char)ar_utf8_encode(fold(cp), W->key + kpos);
            kpos += l->kl;
        } else if (c != TC_AM && c != TC_TATWEEL && c != TC_JOIN && c != TC_MARK)
            return 0;
        i += (size_t)n;
    }
    return W->n > 0;
}

static size_t key_off(const word *W, int a) { return W->L[a].ko; }
static size_t key_end(const word *W, int b) { return (size_t)W->L[b - 1].ko + W->L[b - 1].kl; }

/* ---- the lexicon -------------------------------------------------------- */

/* A hash index over ar_tok_lex, built once: most look-ups are of keys that
 * are not there, and a probe answers them in a few nanoseconds. */
#define LEX_SLOTS 4096
static uint16_t lex_slot[LEX_SLOTS]; /* entry index + 1, 0 = empty */
static int lex_hashed;
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

static uint32_t lex_hash(const char *k, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)k[i]) * 16777619u;
    return h;
}

static void init_lex(void)
{
    if (ar_tok_lex_n >= LEX_SLOTS / 2)
        return; /* too many for the table: binary search */
    for (size_t i = 0; i < ar_tok_lex_n; i++) {
        uint32_t h = lex_hash(ar_tok_lex[i].w, ar_tok_lex[i].len) & (LEX_SLOTS - 1);
        while (lex_slot[h])
            h = (h + 1) & (LEX_SLOTS - 1);
        lex_slot[h] = (uint16_t)(i + 1);
    }
    lex_hashed = 1;
}

static int lex_roles(const char *k, size_t n)
{
    if (lex_hashed) {
        uint32_t h = lex_hash(k, n) & (LEX_SLOTS - 1);
        for (; lex_slot[h]; h = (h + 1) & (LEX_SLOTS - 1)) {
            const ar_tok_lex_entry *e = &ar_tok_lex[lex_slot[h] - 1];
            if (e->len == n && memcmp(e->w, k, n) == 0)
                return e->roles;
        }
        return 0;
    }
    size_t lo = 0, hi = ar_tok_lex_n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const ar_tok_lex_entry *e = &ar_tok_lex[mid];
        size_t m = e->len < n ? e->len : n;
        int d = memcmp(e->w, k, m);
        if (d == 0)
            d = e->len < n ? -1 : e->len > n ? 1 : 0;
        if (d == 0)
            return e->roles;
        if (d < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

/* Roles of letters [a, b), with an optional folded tail replacing the last
 * `drop` letters (ت read back as ة). */
static int roles_of(const word *W, int a, int b, int drop, const char *tail)
{
    if (b - drop <= a)
        return 0;
    const char *k = W->key + key_off(W, a);
    size_t n = key_end(W, b - drop) - key_off(W, a);
    if (!tail)
        return lex_roles(k, n);
    char buf[sizeof W->key + 8];
    size_t tl = strlen(tail);
    memcpy(buf, k, n);
    memcpy(buf + n, tail, tl);
    return lex_roles(buf, n + tl);
}

#define FOLDED_HEH "\xd9\x87" /* ة folds to ه */

static int ends_with(const word *W, int a, int b, const int32_t *suf, int k)
{
    if (b - a < k)
        return 0;
    for (int i = 0; i < k; i++)
        if (W->L[b - k + i].cp != suf[i])
            return 0;
    return 1;
}

/* Endings a lexicon word may carry and still be that word: nominal
 * inflection, then the pronouns (longest first within each length). */
static const struct {
    int32_t c[3];
    int n;
    int pron; /* before it a stem's ة is written ت */
} infl[] = {
    {{YEH, YEH, NOON}, 3, 1}, {{YEH, WAW, NOON}, 3, 1}, {{YEH, ALEF, NOON}, 3, 1}, {{HEH, MEEM, ALEF}, 3, 1},
    {{YEH, TEH_MARBUTA}, 2, 0}, {{YEH, NOON}, 2, 1}, {{WAW, NOON}, 2, 0}, {{ALEF, NOON}, 2, 1},
    {{ALEF, TEH}, 2, 0}, {{HEH, MEEM}, 2, 1}, {{HEH, ALEF}, 2, 1}, {{HEH, NOON}, 2, 1},
    {{KAF, MEEM}, 2, 1}, {{NOON, ALEF}, 2, 1},
    {{TEH_MARBUTA}, 1, 0}, {{YEH}, 1, 1}, {{ALEF}, 1, 0}, {{HEH}, 1, 1}, {{KAF}, 1, 1},
};

/* Is [a, n) a lexicon word with one of roles, as is or with an ending? */
static int known_infl(const word *W, int a, int roles)
{
    int n = W->n;
    if (n - a < 2)
        return 0;
    if (roles_of(W, a, n, 0, NULL) & roles)
        return 1;
    for (size_t i = 0; i < sizeof infl / sizeof infl[0]; i++) {
        int k = infl[i].n, b = n - k;
        if (b - a < 3 || !ends_with(W, a, n, infl[i].c, k))
            continue;
        if (roles_of(W, a, b, 0, NULL) & roles)
            return 1;
        /* قوات <- قوة, وزارتي <- وزارة */
        int plural = infl[i].c[0] == ALEF && k == 2;
        if (plural && (roles_of(W, a, b, 0, FOLDED_HEH) & roles))
            return 1;
        if ((infl[i].pron || plural) && W->L[b - 1].cp == TEH && (roles_of(W, a, b, 1, FOLDED_HEH) & roles))
            return 1;
    }
    return 0;
}

/* ---- the rule ----------------------------------------------------------- */

/* Length of the article at p (2 for ال, 1 for the ل of لل when after_lam),
 * or 0: at least 3 letters must follow, the article must be written with a
 * bare alef, and the word must not be one whose ال is its own (الذين). After
 * the preposition ل the article has lost its alef; the ل is a letter of the
 * word when the rest is a lexicon word (للبنان is ل + لبنان). */
static int article_at(const word *W, int p, int after_lam)
{
    int n = W->n;
    if (after_lam) {
        if (p >= n || W->L[p].cp != LAM || n - (p + 1) < 3 || known_infl(W, p, LEX_PROTECT | LEX_STEM))
            return 0;
        char buf[sizeof W->key + 4]; /* the word with its alef back */
        size_t kl = key_end(W, n) - key_off(W, p);
        buf[0] = '\xd8';
        buf[1] = '\xa7';
        memcpy(buf + 2, W->key + key_off(W, p), kl);
        return lex_roles(buf, kl + 2) & LEX_NOART ? 0 : 1;
    }
    if (p + 1 < n && (W->L[p].cp == ALEF || W->L[p].cp == ALEF_WASLA) && W->L[p + 1].cp == LAM
        && n - (p + 2) >= 3 && !(roles_of(W, p, n, 0, NULL) & LEX_NOART))
        return 2;
    return 0;
}

/* After a future س at p: an imperfect verb? The prefix ي ت ن أ, at least
 * two letters after it, three when the word ends in ون ين ان وا (ستين and
 * ستون are numbers, ستكون a verb), the first of them not ا (سيارة، سياسي),
 * and no ending a verb cannot have (ة ات اء, a lone ا: سينما). */
static int future_ok(const word *W, int p)
{
    int n = W->n;
    if (p >= n)
        return 0;
    int32_t c = W->L[p].cp;
    if (c != YEH && c != TEH && c != NOON && c != ALEF_HAMZA)
        return 0;
    if (p + 1 < n && W->L[p + 1].cp == ALEF)
        return 0;
    int32_t last = W->L[n - 1].cp, before = n >= 2 ? W->L[n - 2].cp : 0;
    int after = n - (p + 1), need = 2;
    if ((last == NOON && (before == WAW || before == YEH || before == ALEF)) || (last == ALEF && before == WAW))
        need = 3;
    else if (last == ALEF || last == TEH_MARBUTA || (last == TEH && before == ALEF)
             || (last == HAMZA && before == ALEF))
        return 0;
    return after >= need;
}

enum { AFTER_CONJ, AFTER_LAM, AFTER_PREP };

/* Is the rest [p, n) evidence that the letter before p is a clitic? */
static int licensed(const word *W, int p, int after)
{
    if (p >= W->n)
        return 0;
    if (known_infl(W, p, LEX_STEM))
        return 1;
    if (article_at(W, p, after == AFTER_LAM))
        return 1;
    if (after == AFTER_LAM && W->L[p].cp == LAM && W->n - p >= 3) {
        /* لل + X is ل + الX: X with its alef back (للعراق, للذين) */
        char buf[sizeof W->key + 4];
        size_t kl = key_end(W, W->n) - key_off(W, p);
        buf[0] = '\xd8';
        buf[1] = '\xa7';
        memcpy(buf + 2, W->key + key_off(W, p), kl);
        if (lex_roles(buf, kl + 2) & LEX_STEM)
            return 1;
    }
    if (after == AFTER_CONJ) {
        int32_t c = W->L[p].cp;
        if ((c == BEH || c == KAF || c == LAM) && licensed(W, p + 1, c == LAM ? AFTER_LAM : AFTER_PREP))
            return 1;
        if (c == SEEN && future_ok(W, p + 1))
            return 1;
    }
    return 0;
}

static int is_vetoed(const word *W, int p) { return known_infl(W, p, LEX_PROTECT | LEX_STEM); }

typedef struct seg {
    int a[AR_SEG_MAX], b[AR_SEG_MAX]; /* letter ranges */
    ar_seg_kind kind[AR_SEG_MAX];
    int n;
} seg;

static void push(seg *g, int a, int b, ar_seg_kind k)
{
    g->a[g->n] = a;
    g->b[g->n] = b;
    g->kind[g->n] = k;
    g->n++;
}

/* Pronouns, longest first. */
static const struct {
    int32_t c[3];
    int n;
} pron[] = {
    {{HEH, MEEM, ALEF}, 3}, {{HEH, MEEM}, 2}, {{HEH, ALEF}, 2}, {{HEH, NOON}, 2}, {{KAF, MEEM}, 2},
    {{NOON, ALEF}, 2},      {{HEH}, 1},        {{KAF}, 1},
};

static void analyse(const word *W, unsigned flags, seg *g)
{
    int n = W->n, pos = 0, after = AFTER_CONJ, future = 0, art = 0;
    g->n = 0;
    int32_t c = W->L[0].cp;
    if ((c == WAW || c == FEH) && !is_vetoed(W, 0) && licensed(W, 1, AFTER_CONJ)) {
        push(g, 0, 1, AR_SEG_PROCLITIC);
        pos = 1;
    }
    c = pos < n ? W->L[pos].cp : 0;
    if ((c == BEH || c == KAF || c == LAM || c == SEEN) && !is_vetoed(W, pos)) {
        if (c != SEEN && licensed(W, pos + 1, c == LAM ? AFTER_LAM : AFTER_PREP)) {
            push(g, pos, pos + 1, AR_SEG_PROCLITIC);
            after = c == LAM ? AFTER_LAM : AFTER_PREP;
            pos++;
        } else if (c == SEEN && future_ok(W, pos + 1)) {
            push(g, pos, pos + 1, AR_SEG_PROCLITIC);
            future = 1;
            pos++;
        }
    }
    if (!future && (art = article_at(W, pos, after == AFTER_LAM)) && (flags & AR_SEG_ARTICLE)) {
        push(g, pos, pos + art, AR_SEG_PROCLITIC);
        pos += art;
    }
    int end = n;
    /* the article and a pronoun exclude each other: العراقي is not العراق + ي */
    if ((flags & AR_SEG_ENCLITICS) && !art && !(roles_of(W, pos, n, 0, NULL) & (LEX_PROTECT | LEX_STEM))) {
        for (size_t i = 0; i < sizeof pron / sizeof pron[0]; i++) {
            int k = pron[i].n, b = n - k;
            if (b - pos < 3 || !ends_with(W, pos, n, pron[i].c, k))
                continue;
            if (W->L[b - 1].cp == TEH || (roles_of(W, pos, b, 0, NULL) & (LEX_STEM | LEX_HOST))) {
                end = b;
                break;
            }
        }
    }
    push(g, pos, end, AR_SEG_STEM);
    if (end < n)
        push(g, end, n, AR_SEG_ENCLITIC);
}

int ar_segment(const char *w, size_t len, unsigned flags, ar_seg_part *parts, int max)
{
    if (!parts || max < 1 || (!w && len))
        return AR_EINVAL;
    ar_tok_init();
    pthread_once(&lex_once, init_lex);
    word W;
    seg g;
    if (!read_word(&W, (const unsigned char *)w, len)) {
        parts[0] = (ar_seg_part){0, len, AR_SEG_STEM};
        return 1;
    }
    analyse(&W, flags, &g);
    /* too few slots: fold the parts nearest the stem into it */
    while (g.n > max) {
        int si = 0;
        while (g.kind[si] != AR_SEG_STEM)
            si++;
        if (si + 1 < g.n) {
            g.b[si] = g.b[si + 1];
            g.n--;
        } else {
            g.b[si - 1] = g.b[si];
            g.kind[si - 1] = AR_SEG_STEM;
            g.n--;
        }
    }
    for (int i = 0; i < g.n; i++) {
        size_t s = g.a[i] == 0 ? 0 : W.L[g.a[i]].s;
        size_t e = g.b[i] >= W.n ? len : W.L[g.b[i]].s;
        parts[i] = (ar_seg_part){s, e, g.kind[i]};
    }
    return g.n;
}

int ar_segment_format(const char *w, size_t len, unsigned flags, const char *marker, ar_buf *out)
{
    if (!out)
        return AR_EINVAL;
    ar_seg_part parts[AR_SEG_MAX];
    int n = ar_segment(w, len, flags, parts, AR_SEG_MAX);
    if (n < 0)
        return n;
    if (!marker)
        marker = "+";
    size_t ml = strlen(marker);
    int rc = AR_OK;
    for (int i = 0; i < n && !rc; i++) {
        if (i)
            rc = ar_buf_putc(out, ' ');
        if (!rc && parts[i].kind == AR_SEG_ENCLITIC)
            rc = ar_buf_append(out, marker, ml);
        if (!rc)
            rc = ar_buf_append(out, w + parts[i].start, parts[i].end - parts[i].start);
        if (!rc && parts[i].kind == AR_SEG_PROCLITIC)
            rc = ar_buf_append(out, marker, ml);
    }
    return rc;
}
