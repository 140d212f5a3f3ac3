/* SPDX-License-Identifier: MIT */
/*
 * The matcher. Patterns are sorted into one engine at compile time:
 *  - "literal": one fixed string (and its لل variant). A memchr() scan for
 *    the byte of the pattern that is rarest in Arabic text, on a letter no
 *    other code point folds to, then a verification that walks the ORIGINAL
 *    text backwards and forwards from there, folding as it goes. Nothing is
 *    folded in advance, so most of the text is never looked at twice.
 *  - "multi-literal": several fixed strings: a DFA over folded code point
 *    classes run over the original text (match_multi.c).
 *  - "lines": fixed strings with -x: a hash set of folded lines.
 *  - "regex": PCRE2 (JIT) over text folded by ar_norm_apply; only the
 *    literal characters of the pattern are folded.
 * Whatever the engine, -w is checked the same way (ar_m_word_ok).
 */
#define _GNU_SOURCE /* memmem */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>

#include "match_internal.h"
#include "norm_internal.h"
#include "utf8_internal.h"

enum { K_EMPTY, K_SINGLE, K_MULTI, K_LINES, K_REGEX };

#define ALEF 0x0627
#define LAM 0x0644
#define TEH 0x062A
#define TEH_MARBUTA 0x0629

typedef struct needle {
    int32_t *cp;
    size_t n;
    int need_enc; /* the ت form of a final ة: only before an enclitic */
    /* The needle as UTF-8 without its anchor: u8pre bytes before it, then
     * u8post after. Text spelled just so is a match without decoding a
     * character (single_at); NULL where a code point of the needle is not
     * its own fold, or memory ran short (verify decides alone). */
    unsigned char *u8;
    size_t u8pre, u8post;
} needle;

struct ar_matcher {
    ar_match_opts o;
    int kind;
    ar_norm *norm;
    ar_foldtab ft;
    /* K_SINGLE: up to four needles of one length (the ال/لل and ة/ت forms)
     * that agree on the anchor code point. */
    needle nd[4];
    size_t nnd;
    size_t anchor;          /* index of the anchor code point, counted from the END */
    unsigned char abytes[4];
    size_t alen;
    uint64_t next2[1024];       /* bit (b1 << 8 | b2): the first two bytes of
                                   a code point that may follow the anchor
                                   (folding to the needle's next one, or to
                                   nothing) */
    uint64_t prev2[1024];       /* the last two bytes of one allowed before
                                   it; both all ones where nothing is asked */
    /* K_MULTI */
    ar_mdfa *dfa;
    /* K_LINES: open-addressing set of folded patterns (UTF-8) */
    char *pool;
    size_t *slot_off, *slot_len; /* slot_len = SIZE_MAX: empty */
    size_t nslots;
    /* K_REGEX */
    pcre2_code *re;
    pcre2_match_context *mctx;
    ar_matcher *pre;        /* a literal every match contains, found in original text */
    /* Presentation forms fold to ordinary letters, so no letter is the only
     * one folding to itself and a single pattern loses its one-byte-string
     * anchor. plain is the same pattern without that fold (a K_SINGLE
     * matcher), used on the lines that hold no presentation form, which
     * all start with the byte 0xEF in UTF-8. */
    ar_matcher *plain;
};

struct ar_match_scratch {
    size_t *ring;
    pcre2_match_data *md;
    ar_buf fold;    /* folded line (K_LINES) or text (ar_matcher_test) */
    ar_offmap map;
    /* find_split: where the next 0xEF byte is, so that successive calls on
     * one text scan it once. Valid for calls on the same text whose from
     * grows; a call with a smaller or equal from (a new buffer) starts over. */
    const unsigned char *ef_s;
    size_t ef_len, ef_from, ef_next, ef_ls; /* ef_ls: start of ef_next's line */
};

/* ---- fold table ---------------------------------------------------------- */

int ar_foldtab_init(ar_foldtab *ft, const ar_norm *norm)
{
    memset(ft, 0, sizeof *ft);
    ft->bmp = malloc(0x10000 * sizeof *ft->bmp);
    if (!ft->bmp)
        return AR_ENOMEM;
    size_t cap = 0, capm = 0;
    for (int32_t cp = 0; cp < 0x10000; cp++)
        ft->bmp[cp] = (uint32_t)cp;
    /* most code points have no fold entry: no need to ask */
    for (int32_t cp = norm ? ar_norm_next_fold(norm, 0) : 0x10000; cp < 0x10000; cp = ar_norm_next_fold(norm, cp + 1)) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        int32_t seq[AR_M_FOLD_MAX];
        int k = ar_norm_fold_seq(norm, cp, seq, AR_M_FOLD_MAX);
        if (k == 1 && seq[0] == cp)
            continue;
        if (k == 0)
            ft->bmp[cp] = AR_M_SKIP;
        else if (k == 1)
            ft->bmp[cp] = (uint32_t)seq[0];
        else {
            if (ft->nseq == cap) {
                cap = cap ? cap * 2 : 16;
                void *p = realloc(ft->seq, cap * sizeof *ft->seq);
                if (!p)
                    return AR_ENOMEM;
                ft->seq = p;
            }
            ft->seq[ft->nseq][0] = k;
            for (int i = 0; i < k; i++)
                ft->seq[ft->nseq][i + 1] = seq[i];
            ft->bmp[cp] = AR_M_SEQ | (uint32_t)ft->nseq++;
        }
        if (ft->nmoved == capm) {
            capm = capm ? capm * 2 : 256;
            void *p = realloc(ft->moved, capm * sizeof *ft->moved);
            if (!p)
                return AR_ENOMEM;
            ft->moved = p;
        }
        ft->moved[ft->nmoved++] = (uint16_t)cp;
    }
    return AR_OK;
}

void ar_foldtab_free(ar_foldtab *ft)
{
    free(ft->bmp);
    free(ft->seq);
    free(ft->moved);
    memset(ft, 0, sizeof *ft);
}

int ar_foldtab_fold_str(const ar_foldtab *ft, const char *s_, size_t n, int32_t **out, size_t *len, size_t *cap)
{
    const unsigned char *s = (const unsigned char *)s_;
    for (size_t i = 0; i < n;) {
        int32_t cp, f[AR_M_FOLD_MAX];
        i += ar_m_decode(s, n, i, &cp);
        int k = ar_m_fold(ft, cp, f);
        if (*len + 3 > *cap) {
            size_t c = *cap ? *cap * 2 : 32;
            int32_t *p = realloc(*out, c * sizeof *p);
            if (!p)
                return AR_ENOMEM;
            *out = p;
            *cap = c;
        }
        for (int j = 0; j < k; j++)
            (*out)[(*len)++] = f[j];
    }
    return AR_OK;
}

size_t ar_m_extend(const ar_foldtab *ft, const unsigned char *s, size_t n, size_t e)
{
    while (e < n) {
        int32_t cp, f[AR_M_FOLD_MAX];
        size_t k = ar_m_decode(s, n, e, &cp);
        if (ar_m_fold(ft, cp, f) != 0)
            break;
        e += k;
    }
    return e;
}

/* ---- Arabic-aware word boundaries ------------------------------------------ */

static int enc_mode(const ar_matcher *m)
{
    return m->o.enclitics ? AR_M_ENC_ALLOW : AR_M_ENC_NONE;
}

static int is_word_cp(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || cp == '_';
    if (cp >= AR_M_BYTE)
        return 0;
    return u_isalnum(cp) || (U_GET_GC_MASK(cp) & U_GC_M_MASK) != 0;
}

/* Proclitic letter strings allowed before a match, by what the match starts
 * with. Alef-lam after the preposition lam loses its alef (ل + الكاظمي =
 * للكاظمي), so a match starting with لل takes only و/ف before it. */
static const char *const pro_any[] = {"", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك",
                                      "ال", "وال", "فال", "بال", "كال", "وبال", "وكال", "فبال", "فكال",
                                      "لل", "ولل", "فلل", NULL};
static const char *const pro_al[] = {"", "و", "ف", "ب", "ك", "وب", "وك", "فب", "فك", NULL};
static const char *const pro_ll[] = {"", "و", "ف", NULL};
/* Enclitic pronouns allowed after a match with AR_M_ENC_ALLOW. */
static const char *const enclitics[] = {"", "ه", "ها", "هم", "هما", "هن", "ك", "كما", "كم", "كن", "ي", "نا", NULL};

static int in_list(const char *const *list, const int32_t *cps, int k)
{
    char buf[32];
    size_t len = 0;
    for (int i = 0; i < k; i++)
        len += (size_t)ar_utf8_encode(cps[i], buf + len);
    for (; *list; list++)
        if (strlen(*list) == len && memcmp(*list, buf, len) == 0)
            return 1;
    return 0;
}

int ar_m_word_ok(const ar_foldtab *ft, const unsigned char *s, size_t n, size_t ms, size_t me, int enc)
{
    int teh_marbuta = 0;
    int32_t cp, f[AR_M_FOLD_MAX], before[6], after[6], head[2];
    int nb = 0, na = 0, nh = 0;
    /* Word characters before the match, nearest first. */
    for (size_t i = ms; i > 0 && nb <= 4;) {
        size_t j = ar_m_prev(s, n, i);
        ar_m_decode(s, n, j, &cp);
        int k = ar_m_fold(ft, cp, f);
        i = j;
        if (k == 0)
            continue;
        if (!is_word_cp(f[0]))
            break;
        for (int q = k - 1; q >= 0 && nb < 6; q--)
            before[nb++] = f[q];
    }
    if (nb > 4)
        return 0;
    if (nb > 0) {
        /* Reverse into reading order; pick the list by the match's start. */
        for (int a = 0, b = nb - 1; a < b; a++, b--) {
            int32_t t = before[a];
            before[a] = before[b];
            before[b] = t;
        }
        for (size_t i = ms; i < me && nh < 2;) {
            i += ar_m_decode(s, n, i, &cp);
            int k = ar_m_fold(ft, cp, f);
            for (int q = 0; q < k && nh < 2; q++)
                head[nh++] = f[q];
        }
        const char *const *list = pro_any;
        if (nh == 2 && head[1] == LAM && (head[0] == ALEF || head[0] == LAM))
            list = head[0] == ALEF ? pro_al : pro_ll;
        if (!in_list(list, before, nb))
            return 0;
    }
    for (size_t i = me; i < n && na <= 3;) {
        i += ar_m_decode(s, n, i, &cp);
        int k = ar_m_fold(ft, cp, f);
        if (k == 0)
            continue;
        if (!is_word_cp(f[0]))
            break;
        if (cp == TEH_MARBUTA)
            teh_marbuta = 1; /* folds to ه, but is no pronoun: الكاظمية */
        for (int q = 0; q < k && na < 6; q++)
            after[na++] = f[q];
    }
    if (na == 0)
        return enc != AR_M_ENC_NEED;
    if (enc == AR_M_ENC_NONE || na > 3 || teh_marbuta)
        return 0;
    return in_list(enclitics, after, na);
}

void ar_match_word_bounds(const char *text, size_t len, size_t start, size_t end, size_t *ws, size_t *we)
{
    const unsigned char *s = (const unsigned char *)text;
    int32_t cp;
    if (end > len)
        end = len;
    if (start > end)
        start = end;
    while (start > 0) {
        size_t j = ar_m_prev(s, len, start);
        ar_m_decode(s, len, j, &cp);
        if (cp < 0 || !is_word_cp(cp))
            break;
        start = j;
    }
    while (end < len) {
        size_t k = ar_m_decode(s, len, end, &cp);
        if (cp < 0 || !is_word_cp(cp))
            break;
        end += k;
    }
    *ws = start;
    *we = end;
}

/* ---- patterns ------------------------------------------------------------- */

static int is_literal(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strchr("\\^$.[]|()?*+{}", p[i]) && p[i])
            return 0;
    return 1;
}

/* Appends the folded form of the code point at p[i] (length k) to out,
 * as UTF-8; invalid bytes are copied. */
static int put_folded(const ar_foldtab *ft, const char *p, size_t i, size_t k, int32_t cp, ar_buf *out, int *nf)
{
    int32_t f[AR_M_FOLD_MAX];
    if (cp >= AR_M_BYTE) {
        *nf = 1;
        return ar_buf_append(out, p + i, k);
    }
    *nf = ar_m_fold(ft, cp, f);
    for (int j = 0; j < *nf; j++) {
        char u[4];
        int rc = ar_buf_append(out, u, (size_t)ar_utf8_encode(f[j], u));
        if (rc)
            return rc;
    }
    return AR_OK;
}

/* Folds the literal characters of a PCRE2 pattern and passes its syntax
 * through: escapes (\x{..}, \p{..}, \Q..\E is folded inside), group heads
 * ((?<name>, (?#..), (*VERB)), quantifiers, and inside [...] classes the
 * single characters are folded while ranges and [:posix:] names are kept. */
/* hamza: ؤ and ئ in the regex match either seat (see hamza_variants). */
static int fold_regex(const ar_foldtab *ft, const char *p, size_t n, ar_buf *out, int hamza)
{
    const unsigned char *u = (const unsigned char *)p;
    int rc = AR_OK;
    int in_class = 0, in_quote = 0;
    size_t class_start = 0;
    for (size_t i = 0; i < n && rc == AR_OK;) {
        char c = p[i];
        if (in_quote) {
            if (c == '\\' && i + 1 < n && p[i + 1] == 'E') {
                in_quote = 0;
                rc = ar_buf_append(out, p + i, 2);
                i += 2;
                continue;
            }
        } else if (c == '\\') {
            if (i + 1 >= n) {
                rc = ar_buf_append(out, p + i, 1);
                break;
            }
            char e = p[i + 1];
            size_t j = i + 2;
            if (e == 'Q') {
                in_quote = 1;
            } else if (strchr("xopPNgkc", e) && j < n) {
                /* \x{..} \o{..} \p{..} \N{..} \g{..} \k<..>: up to the closer. */
                char open = p[j], close = open == '{' ? '}' : open == '<' ? '>' : open == '\'' ? '\'' : 0;
                if (e == 'c')
                    j++;
                else if (close) {
                    const char *q = memchr(p + j + 1, close, n - j - 1);
                    j = q ? (size_t)(q - p) + 1 : n;
                } else if (e == 'x') {
                    while (j < n && j < i + 4 && strchr("0123456789abcdefABCDEF", p[j]) && p[j])
                        j++;
                } else if (e == 'p' || e == 'P' || e == 'g') {
                    j++; /* \pL, \g1 */
                }
            } else if ((unsigned char)e >= 0x80) {
                /* An escaped non-ASCII character is that character: fold it. */
                int32_t cp;
                size_t k = ar_m_decode(u, n, i + 1, &cp);
                int nf;
                rc = put_folded(ft, p, i + 1, k, cp, out, &nf);
                i += 1 + k;
                continue;
            }
            rc = ar_buf_append(out, p + i, j - i);
            i = j;
            continue;
        } else if (in_class) {
            if (c == ']' && i > class_start) {
                in_class = 0;
                rc = ar_buf_append(out, p + i, 1);
                i++;
                continue;
            }
            if (c == '[' && i + 1 < n && p[i + 1] == ':') {
                const char *q = memchr(p + i + 2, ']', n - i - 2);
                size_t j = q ? (size_t)(q - p) + 1 : n;
                rc = ar_buf_append(out, p + i, j - i);
                i = j;
                continue;
            }
            /* A range a-b keeps its end points as written. */
            int32_t cp;
            size_t k = ar_m_decode(u, n, i, &cp);
            if ((i + k < n && p[i + k] == '-' && i + k + 1 < n && p[i + k + 1] != ']') ||
                (i > 0 && p[i - 1] == '-' && i - 1 > class_start)) {
                rc = ar_buf_append(out, p + i, k);
                i += k;
                continue;
            }
        } else if (c == '[') {
            in_class = 1;
            rc = ar_buf_append(out, p + i, 1);
            i++;
            if (i < n && p[i] == '^')
                rc = ar_buf_append(out, p + i++, 1);
            class_start = i; /* a ']' right here is a literal */
            if (i < n && p[i] == ']') {
                rc = ar_buf_append(out, p + i++, 1);
            }
            continue;
        } else if (c == '(' && i + 1 < n && (p[i + 1] == '?' || p[i + 1] == '*')) {
            /* Group heads and verbs: copied up to ':' / ')' / the name's end. */
            size_t j = i + 2;
            if (p[i + 1] == '*' || (j < n && p[j] == '#')) {
                const char *q = memchr(p + j, ')', n - j);
                j = q ? (size_t)(q - p) + 1 : n;
            } else if (j < n && strchr("=!>|", p[j]) && p[j]) {
                j++; /* lookahead, atomic group, branch reset: the rest is pattern */
            } else if (j < n && (p[j] == '<' || p[j] == '\'' || p[j] == 'P' || p[j] == '&' || p[j] == 'C')) {
                if (p[j] == '<' && j + 1 < n && (p[j + 1] == '=' || p[j + 1] == '!'))
                    j += 2; /* lookbehind: the rest is pattern */
                else {
                    /* A name: up to its closing '>' / '\'' or the group's ')'. */
                    j++;
                    while (j < n && p[j] != '>' && p[j] != '\'' && p[j] != ')')
                        j++;
                    if (j < n)
                        j++;
                }
            } else {
                while (j < n && p[j] != ':' && p[j] != ')' && (unsigned char)p[j] < 0x80 && p[j] != '(')
                    j++;
                if (j < n && (p[j] == ':' || p[j] == ')'))
                    j++;
            }
            rc = ar_buf_append(out, p + i, j - i);
            i = j;
            continue;
        } else if (c == '{') {
            /* Quantifier {n,m}: digits and commas, copied. */
            size_t j = i + 1;
            while (j < n && ((p[j] >= '0' && p[j] <= '9') || p[j] == ','))
                j++;
            if (j < n && p[j] == '}') {
                rc = ar_buf_append(out, p + i, j + 1 - i);
                i = j + 1;
                continue;
            }
        } else if ((unsigned char)c < 0x80 && strchr("^$.|()?*+}", c)) {
            rc = ar_buf_append(out, p + i, 1);
            i++;
            continue;
        }
        /* A literal character: fold it. A character folding removes, before
         * a quantifier, leaves an empty group so the quantifier stays legal;
         * one folding to several code points is grouped for the same reason. */
        int32_t cp;
        size_t k = ar_m_decode(u, n, i, &cp);
        if (hamza && !in_quote && (cp == 0x0624 || cp == 0x0626)) {
            const char *alt = in_class ? "\xd9\x88\xd9\x8a" : "(?:\xd9\x88|\xd9\x8a)";
            rc = ar_buf_append(out, alt, strlen(alt));
            i += k;
            continue;
        }
        int quant = !in_class && !in_quote && i + k < n && strchr("*+?{", p[i + k]) && p[i + k];
        size_t mark = out->len;
        int nf;
        rc = put_folded(ft, p, i, k, cp, out, &nf);
        if (rc == AR_OK && quant && nf != 1) {
            ar_buf tmp = {0};
            rc = ar_buf_append(&tmp, out->ptr + mark, out->len - mark);
            out->len = mark;
            if (rc == AR_OK)
                rc = ar_buf_append(out, "(?:", 3);
            if (rc == AR_OK)
                rc = ar_buf_append(out, tmp.ptr, tmp.len);
            if (rc == AR_OK)
                rc = ar_buf_append(out, ")", 1);
            ar_buf_free(&tmp);
        }
        i += k;
    }
    return rc;
}

/* ---- the single-literal engine -------------------------------------------- */

/* Chooses the anchor: a code point of the shared suffix that nothing else
 * folds to, whose last UTF-8 byte is rarest in Arabic text. Returns 0 when
 * no code point qualifies. */
static int choose_anchor(ar_matcher *m)
{
    size_t common = m->nd[0].n;
    for (size_t k = 1; k < m->nnd; k++)
        if (m->nd[k].n != m->nd[0].n)
            return 0;
    /* How many BMP code points fold to each candidate. */
    const needle *d = &m->nd[0];
    uint32_t best = UINT32_MAX;
    int found = 0;
    for (size_t back = 0; back < common; back++) {
        int32_t a = d->cp[d->n - 1 - back];
        if (a >= AR_M_BYTE || a == '\n')
            continue;
        int agree = 1;
        for (size_t k = 1; k < m->nnd; k++)
            agree &= m->nd[k].cp[d->n - 1 - back] == a;
        if (!agree)
            continue;
        int pre = a < 0x10000 && m->ft.bmp[a] == (uint32_t)a;
        for (size_t mi = 0; mi < m->ft.nmoved && pre < 2; mi++) {
            uint32_t f = m->ft.bmp[m->ft.moved[mi]];
            if (f == (uint32_t)a)
                pre++;
            else if (f != AR_M_SKIP && (f & AR_M_SEQ)) {
                const int32_t *q = m->ft.seq[f & ~AR_M_SEQ];
                for (int k = 0; k < q[0]; k++)
                    if (q[k + 1] == a)
                        pre = 2;
            }
        }
        if (a < 0x10000 && (pre != 1 || m->ft.bmp[a] != (uint32_t)a))
            continue;
        char u[4];
        int len = ar_utf8_encode(a, u);
        uint32_t score = ar_match_byte_ppm[(unsigned char)u[len - 1]];
        if (score < best) {
            best = score;
            found = 1;
            m->anchor = back;
            memcpy(m->abytes, u, (size_t)len);
            m->alen = (size_t)len;
        }
    }
    return found;
}

/* Verifies needle d with its anchor code point at s[p..p+alen); returns 1
 * and the span when the folded text around it spells the needle. */
static int verify(const ar_matcher *m, const needle *d, const unsigned char *s, size_t n, size_t lo, size_t p,
                  size_t *ms, size_t *me)
{
    const ar_foldtab *ft = &m->ft;
    int32_t cp, f[AR_M_FOLD_MAX];
    size_t ai = d->n - 1 - m->anchor; /* needle index of the anchor */
    /* Forward from after the anchor. */
    size_t i = p + m->alen, k = ai + 1;
    while (k < d->n) {
        if (i >= n)
            return 0;
        i += ar_m_decode(s, n, i, &cp);
        int nf = ar_m_fold(ft, cp, f);
        for (int q = 0; q < nf; q++) {
            if (k >= d->n || f[q] != d->cp[k])
                return 0;
            k++;
        }
    }
    size_t end = i;
    /* Backward from the anchor. */
    size_t j = p;
    k = ai;
    while (k > 0) {
        if (j <= lo)
            return 0;
        size_t b = ar_m_prev(s, n, j);
        ar_m_decode(s, n, b, &cp);
        int nf = ar_m_fold(ft, cp, f);
        for (int q = nf - 1; q >= 0; q--) {
            if (k == 0 || f[q] != d->cp[k - 1])
                return 0;
            k--;
        }
        j = b;
    }
    *ms = j;
    *me = ar_m_extend(ft, s, n, end);
    return 1;
}

/* The two-byte filters (next2, prev2). An Arabic letter's lead byte is
 * D8 or D9, as is nearly every other letter's: its second byte tells the
 * letter. A one-byte code point allows every byte beside it. */
static void pair_set(uint64_t *bm, unsigned a, unsigned b)
{
    bm[(a << 8 | b) >> 6] |= 1ull << ((a << 8 | b) & 63);
}

static void pair_allow(uint64_t *bm, int32_t cp, int last)
{
    if (cp >= AR_M_BYTE) { /* a raw byte of invalid UTF-8 */
        for (unsigned o = 0; o < 256; o++)
            last ? pair_set(bm, o, (unsigned)(cp - AR_M_BYTE)) : pair_set(bm, (unsigned)(cp - AR_M_BYTE), o);
        return;
    }
    unsigned char u[4];
    int k = ar_utf8_encode(cp, (char *)u);
    if (k == 1) {
        for (unsigned o = 0; o < 256; o++)
            last ? pair_set(bm, o, u[0]) : pair_set(bm, u[0], o);
    } else {
        last ? pair_set(bm, u[k - 2], u[k - 1]) : pair_set(bm, u[0], u[1]);
    }
}

static int pair_ok(const uint64_t *bm, unsigned a, unsigned b)
{
    return (int)(bm[(a << 8 | b) >> 6] >> ((a << 8 | b) & 63)) & 1;
}

/* Every code point whose fold starts (last = 0) or ends (last = 1) with x,
 * or folds to nothing, into bm. */
static void pair_fill(ar_matcher *m, uint64_t *bm, int32_t x, int last)
{
    if (x >= 0x10000 || m->ft.bmp[x] == (uint32_t)x)
        pair_allow(bm, x, last);
    for (size_t mi = 0; mi < m->ft.nmoved; mi++) {
        int32_t cp = m->ft.moved[mi];
        uint32_t f = m->ft.bmp[cp];
        int ok = f == AR_M_SKIP || f == (uint32_t)x;
        if (!ok && f != AR_M_SKIP && (f & AR_M_SEQ)) {
            const int32_t *q = m->ft.seq[f & ~AR_M_SEQ];
            ok = q[0] > 0 && q[last ? q[0] : 1] == x;
        }
        if (ok)
            pair_allow(bm, cp, last);
    }
}

/* Needle d as UTF-8 around its anchor (needle.u8), when every code point
 * of it is its own fold, so that text spelled so is the needle. */
static void needle_bytes(const ar_matcher *m, needle *d, size_t ai)
{
    free(d->u8);
    d->u8 = NULL;
    for (size_t q = 0; q < d->n; q++)
        if (d->cp[q] >= AR_M_BYTE || d->cp[q] == '\n' ||
            (d->cp[q] < 0x10000 && m->ft.bmp[d->cp[q]] != (uint32_t)d->cp[q]))
            return;
    d->u8 = malloc(4 * d->n);
    if (!d->u8)
        return; /* verify decides alone */
    size_t w = 0;
    for (size_t q = 0; q < d->n; q++) {
        if (q == ai)
            d->u8pre = w;
        else
            w += (size_t)ar_utf8_encode(d->cp[q], (char *)d->u8 + w);
    }
    d->u8post = w - d->u8pre;
}

/* What may stand beside the anchor (next2, prev2): a candidate failing
 * either ends before verify decodes anything. In news most anchors met are
 * the letter inside another word; two bytes after it and two before tell. */
static void choose_next(ar_matcher *m)
{
    memset(m->next2, 0, sizeof m->next2);
    memset(m->prev2, 0, sizeof m->prev2);
    for (size_t k = 0; k < m->nnd; k++) {
        needle *d = &m->nd[k];
        size_t ai = d->n - 1 - m->anchor;
        needle_bytes(m, d, ai);
        if (m->anchor == 0) /* nothing of the needle follows the anchor */
            memset(m->next2, 0xFF, sizeof m->next2);
        else
            pair_fill(m, m->next2, d->cp[ai + 1], 0);
        if (ai == 0)
            memset(m->prev2, 0xFF, sizeof m->prev2);
        else
            pair_fill(m, m->prev2, d->cp[ai - 1], 1);
    }
}

/* The candidate whose anchor ends at s[j]: the anchor's other bytes, the
 * two bytes after it and the two before, then the needles around it. */
static inline int single_at(const ar_matcher *m, const unsigned char *s, size_t n, size_t from, size_t j,
                            size_t *ms, size_t *me)
{
    size_t pre = m->alen - 1, p = j - pre;
    for (size_t q = 0; q < pre; q++)
        if (s[p + q] != m->abytes[q])
            return 0;
    if (j + 2 < n && !pair_ok(m->next2, s[j + 1], s[j + 2]))
        return 0;
    if (p >= 2 && !pair_ok(m->prev2, s[p - 2], s[p - 1]))
        return 0;
    /* The needles have one length and differ only away from the anchor,
     * so the text around it can spell at most one of them. */
    for (size_t k = 0; k < m->nnd; k++) {
        size_t a, b;
        const needle *d = &m->nd[k];
        int hit = 0;
        if (d->u8 && p >= from + d->u8pre && n - (j + 1) >= d->u8post) {
            /* as verify would find it, when the text is spelled as folded */
            const unsigned char *x = s + p - d->u8pre, *y = s + j + 1;
            size_t q = 0;
            while (q < d->u8pre && x[q] == d->u8[q])
                q++;
            if (q == d->u8pre) {
                size_t r = 0;
                while (r < d->u8post && y[r] == d->u8[q + r])
                    r++;
                if (r == d->u8post) {
                    a = p - d->u8pre;
                    b = ar_m_extend(&m->ft, s, n, j + 1 + d->u8post);
                    hit = 1;
                }
            }
        }
        if (hit || verify(m, d, s, n, from, p, &a, &b)) {
            if (m->o.word && !ar_m_word_ok(&m->ft, s, n, a, b, m->nd[k].need_enc ? AR_M_ENC_NEED : enc_mode(m)))
                return 0;
            *ms = a;
            *me = b;
            return 1;
        }
    }
    return 0;
}

/* The widest candidate scan to use: 2 AVX2 (where the processor has it),
 * 1 SSE2, 0 memchr. Hidden in the shared library: the unit test lowers it
 * to check the narrower ones on machines that have the wider. */
int artext_match_scan_level = 2;

#ifdef __SSE2__
#include <emmintrin.h>
/* Sixteen positions a step: where the anchor's last byte is and, for a
 * two-byte anchor (every Arabic letter), the byte before it is its lead.
 * The candidates of a block are taken from its mask, so a letter met every
 * few hundred bytes costs no call. Returns 1 with the match, or 0 with *at
 * where the scalar scan takes over (fewer than 16 bytes left). */
static int single_sse2(const ar_matcher *m, const unsigned char *s, size_t n, size_t from, size_t *at, size_t *ms,
                       size_t *me)
{
    size_t pre = m->alen - 1, i = *at;
    const __m128i last = _mm_set1_epi8((char)m->abytes[pre]), lead = _mm_set1_epi8((char)m->abytes[pre ? pre - 1 : 0]);
    for (; n - i >= 16; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(s + i));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, last));
        if (!mask)
            continue;
        if (pre)
            mask &= (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(s + i - 1)), lead));
        for (; mask; mask &= mask - 1)
            if (single_at(m, s, n, from, i + (size_t)__builtin_ctz(mask), ms, me))
                return 1;
    }
    *at = i;
    return 0;
}
#endif

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
/* The same, thirty-two positions a step, where the processor has AVX2. */
__attribute__((target("avx2"))) static int single_avx2(const ar_matcher *m, const unsigned char *s, size_t n,
                                                        size_t from, size_t *at, size_t *ms, size_t *me)
{
    size_t pre = m->alen - 1, i = *at;
    const __m256i last = _mm256_set1_epi8((char)m->abytes[pre]),
                  lead = _mm256_set1_epi8((char)m->abytes[pre ? pre - 1 : 0]);
    for (; n - i >= 32; i += 32) {
        __m256i v = _mm256_loadu_si256((const __m256i *)(s + i));
        uint32_t mask = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, last));
        if (!mask)
            continue;
        if (pre)
            mask &= (uint32_t)_mm256_movemask_epi8(
                _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(s + i - 1)), lead));
        for (; mask; mask &= mask - 1)
            if (single_at(m, s, n, from, i + (size_t)__builtin_ctz(mask), ms, me))
                return 1;
    }
    *at = i;
    return 0;
}
#define AR_HAVE_AVX2_SINGLE 1
#endif

static int find_single(const ar_matcher *m, const unsigned char *s, size_t n, size_t from, size_t *ms, size_t *me)
{
    unsigned char last = m->abytes[m->alen - 1];
    size_t i = from + m->alen - 1; /* where the anchor's last byte can first be */
    if (i >= n)
        return 0;
#ifdef AR_HAVE_AVX2_SINGLE
    if (artext_match_scan_level >= 2 && ar_cpu_avx2()) {
        if (single_avx2(m, s, n, from, &i, ms, me))
            return 1;
    } else
#endif
    {
#ifdef __SSE2__
        if (artext_match_scan_level >= 1 && single_sse2(m, s, n, from, &i, ms, me))
            return 1;
#endif
    }
    while (i < n) {
        const unsigned char *q = memchr(s + i, last, n - i);
        if (!q)
            return 0;
        i = (size_t)(q - s) + 1;
        if (single_at(m, s, n, from, (size_t)(q - s), ms, me))
            return 1;
    }
    return 0;
}

/* ---- the whole-line engine (-x with fixed strings) --------------------------- */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

static void encode_cps(const int32_t *cp, size_t n, ar_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        char u[4];
        if (cp[i] >= AR_M_BYTE) {
            u[0] = (char)(cp[i] - AR_M_BYTE);
            ar_buf_append(out, u, 1);
        } else
            ar_buf_append(out, u, (size_t)ar_utf8_encode(cp[i], u));
    }
}

static int lines_lookup(const ar_matcher *m, const char *s, size_t n)
{
    size_t h = (size_t)hash_bytes(s, n) & (m->nslots - 1);
    while (m->slot_len[h] != SIZE_MAX) {
        if (m->slot_len[h] == n && memcmp(m->pool + m->slot_off[h], s, n) == 0)
            return 1;
        h = (h + 1) & (m->nslots - 1);
    }
    return 0;
}

static int lines_build(ar_matcher *m, int32_t **cps, size_t *ncps, size_t n)
{
    ar_buf pool = {0};
    size_t *off = malloc((n + 1) * sizeof *off);
    if (!off)
        return AR_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        off[i] = pool.len;
        encode_cps(cps[i], ncps[i], &pool);
    }
    off[n] = pool.len;
    m->nslots = 16;
    while (m->nslots < 2 * n + 2)
        m->nslots *= 2;
    m->slot_off = malloc(m->nslots * sizeof(size_t));
    m->slot_len = malloc(m->nslots * sizeof(size_t));
    m->pool = pool.ptr ? pool.ptr : malloc(1);
    if (!m->slot_off || !m->slot_len || !m->pool) {
        free(off);
        return AR_ENOMEM;
    }
    for (size_t i = 0; i < m->nslots; i++)
        m->slot_len[i] = SIZE_MAX;
    for (size_t i = 0; i < n; i++) {
        size_t len = off[i + 1] - off[i];
        if (lines_lookup(m, m->pool + off[i], len))
            continue;
        size_t h = (size_t)hash_bytes(m->pool + off[i], len) & (m->nslots - 1);
        while (m->slot_len[h] != SIZE_MAX)
            h = (h + 1) & (m->nslots - 1);
        m->slot_off[h] = off[i];
        m->slot_len[h] = len;
    }
    free(off);
    return AR_OK;
}

static int find_lines(const ar_matcher *m, ar_match_scratch *sc, const unsigned char *s, size_t n, size_t from,
                      size_t *ms, size_t *me)
{
    size_t ls = from;
    if (ls > 0 && s[ls - 1] != '\n') {
        const unsigned char *q = memchr(s + ls, '\n', n - ls);
        if (!q)
            return 0;
        ls = (size_t)(q - s) + 1;
    }
    while (ls <= n) {
        const unsigned char *q = memchr(s + ls, '\n', n - ls);
        size_t le = q ? (size_t)(q - s) : n;
        if (le == n && ls == n && ls > 0)
            return 0; /* no line after a final '\n' */
        ar_buf_clear(&sc->fold);
        for (size_t i = ls; i < le;) {
            int32_t cp, f[AR_M_FOLD_MAX];
            i += ar_m_decode(s, n, i, &cp);
            int k = ar_m_fold(&m->ft, cp, f);
            encode_cps(f, (size_t)k, &sc->fold);
        }
        if (lines_lookup(m, sc->fold.ptr ? sc->fold.ptr : "", sc->fold.len)) {
            *ms = ls;
            *me = le;
            return 1;
        }
        if (!q)
            return 0;
        ls = le + 1;
    }
    return 0;
}

/* ---- the regex engine -------------------------------------------------------- */

static int find_regex(const ar_matcher *m, ar_match_scratch *sc, const unsigned char *s, size_t n, size_t from,
                      size_t *ms, size_t *me)
{
    while (from <= n) {
        int rc = pcre2_match(m->re, s, n, from, 0, sc->md, m->mctx);
        if (rc == PCRE2_ERROR_NOMATCH)
            return 0;
        if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
            rc == PCRE2_ERROR_JIT_STACKLIMIT)
            return AR_ELIMIT;
        if (rc < 0)
            return AR_EINVAL;
        PCRE2_SIZE *ov = pcre2_get_ovector_pointer(sc->md);
        size_t a = ov[0], b = ov[1];
        if (b < a)
            b = a; /* \K past the end */
        if (!m->o.word || ar_m_word_ok(&m->ft, s, n, a, b, enc_mode(m))) {
            *ms = a;
            *me = ar_m_extend(&m->ft, s, n, b);
            return 1;
        }
        /* Not a whole word here: try from the next character. */
        if (a >= n)
            return 0;
        int32_t cp;
        from = a + ar_m_decode(s, n, a, &cp);
    }
    return 0;
}

/* Position of the first 0xEF byte at or after from (len if none) and the
 * start of its line, from the scratch's memory when it still holds. */
static size_t next_ef(ar_match_scratch *sc, const unsigned char *s, size_t len, size_t from, size_t *ls)
{
    if (!(sc->ef_s == s && sc->ef_len == len && from > sc->ef_from && from <= sc->ef_next)) {
        const unsigned char *q = from < len ? memchr(s + from, 0xEF, len - from) : NULL;
        sc->ef_next = q ? (size_t)(q - s) : len;
        size_t l = sc->ef_next;
        while (q && l > from && s[l - 1] != '\n')
            l--;
        sc->ef_ls = l;
        sc->ef_s = s;
        sc->ef_len = len;
    }
    sc->ef_from = from;
    *ls = sc->ef_ls > from ? sc->ef_ls : from;
    return sc->ef_next;
}

/* The word argument of ar_mdfa_find for m. */
static int dfa_word(const ar_matcher *m)
{
    return m->o.word ? 1 + enc_mode(m) : m->o.lines_only ? AR_M_ANY : 0;
}

/* The lines without a presentation form go to m->plain, the others to the
 * automaton: the same matches, with the plain matcher's anchored scan for
 * the common case. Matches never cross a '\n', so lines are independent. */
static int find_split(const ar_matcher *m, ar_match_scratch *sc, const unsigned char *s, size_t len, size_t from,
                      size_t *ms, size_t *me)
{
    int word = dfa_word(m);
    while (from <= len) {
        size_t ls, q = next_ef(sc, s, len, from, &ls);
        size_t a = 0, b = 0;
        /* the plain matcher only up to the line holding a presentation form */
        int r = find_single(m->plain, s, q < len ? ls : len, from, &a, &b);
        if (r || q >= len) {
            *ms = a;
            *me = b;
            return r;
        }
        const unsigned char *nl = memchr(s + q, '\n', len - q);
        size_t le = nl ? (size_t)(nl - s) : len;
        r = ar_mdfa_find(m->dfa, &m->ft, word, sc->ring, s, le, ls, ms, me);
        if (r)
            return r;
        if (!nl)
            return 0;
        from = le + 1;
    }
    return 0;
}

/* ---- public ------------------------------------------------------------------ */

int ar_matcher_find(const ar_matcher *m, ar_match_scratch *sc, const char *text, size_t len, size_t from,
                    size_t *ms, size_t *me)
{
    const unsigned char *s = (const unsigned char *)text;
    if (from > len)
        return 0;
    switch (m->kind) {
    case K_EMPTY:
        *ms = *me = from;
        return 1;
    case K_SINGLE:
        return find_single(m, s, len, from, ms, me);
    case K_MULTI:
        if (m->plain)
            return find_split(m, sc, s, len, from, ms, me);
        return ar_mdfa_find(m->dfa, &m->ft, dfa_word(m), sc->ring, s, len, from, ms, me);
    case K_LINES:
        return find_lines(m, sc, s, len, from, ms, me);
    default:
        return find_regex(m, sc, s, len, from, ms, me);
    }
}

int ar_matcher_needs_fold(const ar_matcher *m)
{
    return m->kind == K_REGEX;
}

const ar_norm *ar_matcher_norm(const ar_matcher *m)
{
    return m->norm;
}

const char *ar_matcher_kind(const ar_matcher *m)
{
    static const char *const names[] = {"empty", "literal", "multi-literal", "lines", "regex"};
    if (m->plain)
        return "literal"; /* the automaton only for lines with presentation forms */
    return names[m->kind];
}

void ar_matcher_free(ar_matcher *m)
{
    if (!m)
        return;
    ar_norm_free(m->norm);
    ar_foldtab_free(&m->ft);
    for (size_t i = 0; i < 4; i++) {
        free(m->nd[i].cp);
        free(m->nd[i].u8);
    }
    ar_mdfa_free(m->dfa);
    free(m->pool);
    free(m->slot_off);
    free(m->slot_len);
    pcre2_code_free(m->re);
    pcre2_match_context_free(m->mctx);
    ar_matcher_free(m->pre);
    ar_matcher_free(m->plain);
    free(m);
}

const ar_matcher *ar_matcher_prefilter(const ar_matcher *m)
{
    return m->pre;
}

typedef struct patlist {
    const char **p;
    size_t *len, *src; /* src: 1-based index of the pattern given */
    size_t n, cap;
    ar_buf owned;      /* variants made here: NUL-separated, see hamza_variants */
} patlist;

static int patlist_add(patlist *pl, const char *p, size_t len, size_t src)
{
    if (pl->n == pl->cap) {
        size_t c = pl->cap ? pl->cap * 2 : 16;
        const char **a = realloc(pl->p, c * sizeof *a);
        if (a)
            pl->p = a;
        size_t *b = realloc(pl->len, c * sizeof *b);
        if (b)
            pl->len = b;
        size_t *d = realloc(pl->src, c * sizeof *d);
        if (d)
            pl->src = d;
        if (!a || !b || !d)
            return AR_ENOMEM;
        pl->cap = c;
    }
    pl->p[pl->n] = p;
    pl->len[pl->n] = len;
    pl->src[pl->n++] = src;
    return AR_OK;
}

/* Hamza seats. ؤ folds to و and ئ to ي, so a pattern spelled with one seat
 * would miss the other spelling (مسؤول / مسئول, شؤون / شئون), and ئ before ي
 * is often left out (رئيس / ريس). Each literal pattern gets variants that
 * apply any subset of these edits (the first 4 found, so at most 16):
 *  - ؤ written ئ and ئ written ؤ;
 *  - ئ before ي dropped (رئيس -> ريس);
 *  - ئ put before a ي inside the word that has no seat before it (ريس ->
 *    رئيس), so that the pattern without hamza finds the text with it.
 * The variants' bytes live in pl->owned, sized in a first pass so that no
 * pointer into it moves. */
enum { ED_SWAP, ED_DROP, ED_INSERT };

static int hamza_sites(const char *p, size_t len, size_t *pos, int *kind)
{
    int k = 0;
    for (size_t j = 0; j + 1 < len && k < 4; j++) {
        unsigned char a = (unsigned char)p[j], b = (unsigned char)p[j + 1];
        if (a == 0xd8 && (b == 0xa4 || b == 0xa6)) {
            pos[k] = j, kind[k++] = ED_SWAP;
            if (b == 0xa6 && k < 4 && j + 3 < len && (unsigned char)p[j + 2] == 0xd9 && (unsigned char)p[j + 3] == 0x8a)
                pos[k] = j, kind[k++] = ED_DROP;
            j++;
        } else if (a == 0xd9 && b == 0x8a && j >= 2 && j + 2 < len && (unsigned char)p[j + 2] >= 0xd8 &&
                   (unsigned char)p[j + 2] <= 0xdb && !((unsigned char)p[j - 2] == 0xd8 && (unsigned char)p[j - 1] == 0xa6) &&
                   (unsigned char)p[j - 2] >= 0xd8 && (unsigned char)p[j - 2] <= 0xdb) {
            pos[k] = j, kind[k++] = ED_INSERT;
            j++;
        }
    }
    return k;
}

static int hamza_variants(patlist *pl)
{
    static const char WAW_H[] = "\xd8\xa4", YEH_H[] = "\xd8\xa6";
    size_t n0 = pl->n, need = 0;
    for (int pass = 0; pass < 2; pass++) {
        size_t at = 0;
        for (size_t i = 0; i < n0; i++) {
            const char *p = pl->p[i];
            size_t len = pl->len[i], pos[4];
            int kind[4], k = hamza_sites(p, len, pos, kind);
            for (unsigned mask = 1; mask < (1u << k); mask++) {
                /* a dropped ئ cannot also be swapped */
                int bad = 0;
                for (int b = 0; b + 1 < k; b++)
                    if ((mask & (1u << b)) && (mask & (1u << (b + 1))) && kind[b] == ED_SWAP && kind[b + 1] == ED_DROP)
                        bad = 1;
                if (bad)
                    continue;
                if (pass == 0) {
                    need += len + 2 * 4;
                    continue;
                }
                char *v = pl->owned.ptr + at;
                size_t vl = 0, j = 0;
                for (int b = 0; b < k; b++) {
                    if (pos[b] < j)
                        continue; /* the ئ of a ئي whose seat was swapped */
                    memcpy(v + vl, p + j, pos[b] - j);
                    vl += pos[b] - j;
                    j = pos[b];
                    if (!(mask & (1u << b)))
                        continue;
                    if (kind[b] == ED_SWAP) {
                        memcpy(v + vl, (unsigned char)p[j + 1] == 0xa4 ? YEH_H : WAW_H, 2);
                        vl += 2;
                        j += 2;
                    } else if (kind[b] == ED_DROP) {
                        j += 2;
                    } else {
                        memcpy(v + vl, YEH_H, 2);
                        vl += 2;
                    }
                }
                memcpy(v + vl, p + j, len - j);
                vl += len - j;
                int rc = patlist_add(pl, v, vl, pl->src[i]);
                if (rc)
                    return rc;
                at += vl;
            }
        }
        if (pass == 0) {
            if (!need)
                return AR_OK;
            if (ar_buf_reserve(&pl->owned, need))
                return AR_ENOMEM;
        }
    }
    return AR_OK;
}

/* The longest run of literal characters that every match of the regex p
 * must contain, or 0 when none is sure. Conservative: only the top level
 * of a pattern without alternation, inline options or quoting is read. */
static size_t required_literal(const char *p, size_t n, size_t *at)
{
    if (memmem(p, n, "(?", 2) || memmem(p, n, "(*", 2) || memmem(p, n, "\\Q", 2))
        return 0;
    size_t best = 0, run = 0, start = 0, last = 0; /* last: start of the run's last character */
    int depth = 0, in_class = 0;
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)p[i];
        if (c == '\\') {
            i += i + 1 < n ? 2 : 1;
            if (depth == 0 && !in_class)
                run = 0;
            continue;
        }
        if (in_class) {
            if (c == ']')
                in_class = 0;
            i++;
            continue;
        }
        if (c == '[') {
            in_class = 1;
            i++;
            if (i < n && p[i] == '^')
                i++;
            if (i < n && p[i] == ']')
                i++;
            run = 0;
            continue;
        }
        if (c == '(' || c == ')') {
            depth += c == '(' ? 1 : -1;
            run = 0;
            i++;
            continue;
        }
        if (c == '|' && depth == 0)
            return 0;
        if (depth > 0) {
            i++;
            continue;
        }
        if (c == '?' || c == '*' || (c == '{' && i + 1 < n && p[i + 1] == '0')) {
            /* The character before is optional: it leaves the run. */
            if (run > 0)
                run = last - start;
            if (run > best) {
                best = run;
                *at = start;
            }
            run = 0;
            i++;
            continue;
        }
        if (c == '+' || c == '{') {
            /* Required once, but what follows may not come right after. */
            if (run > best) {
                best = run;
                *at = start;
            }
            run = 0;
            if (c == '{') {
                const char *q = memchr(p + i, '}', n - i);
                i = q ? (size_t)(q - p) + 1 : n;
            } else
                i++;
            continue;
        }
        if (c == '.' || c == '^' || c == '$') {
            run = 0;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = ar_m_decode((const unsigned char *)p, n, i, &cp);
        if (run == 0)
            start = i;
        last = i;
        run = i + k - start;
        i += k;
        /* A quantifier right after ends the run above; otherwise keep it. */
        if (i >= n || !strchr("?*{+", p[i]) || !p[i]) {
            if (run > best) {
                best = run;
                *at = start;
            }
        }
    }
    return best;
}

/* --loose: a pattern rewritten as a regular expression over folded text
 * that accepts the spellings a foreign name takes in Arabic:
 *  - g, v, p, k: غ ج ق گ are one letter, and گ also ك; ف ڤ; ب پ; ك گ;
 *  - -s/-sh at the end: س ش ص there are one letter;
 *  - long vowels inside the word are optional, and an optional ا و ي may
 *    stand between two letters of the pattern (زيلنسكي finds زيلينسكي,
 *    ترامب finds ترمب, بيدرسون finds بيدرسن);
 *  - ة ه ا at the end are one letter (ة is already ه once folded).
 * The first letter of a word keeps its vowel; other characters are quoted.
 * p[0..n) is the pattern already folded (UTF-8). */
static int loose_class(int32_t c, int last, ar_buf *out)
{
    const char *cls = NULL;
    switch (c) {
    case 0x063A: case 0x062C: case 0x0642: cls = "[\u063A\u062C\u0642\u06AF]"; break; /* غ ج ق */
    case 0x06AF: cls = "[\u063A\u062C\u0642\u06AF\u0643]"; break;                   /* گ */
    case 0x0643: cls = "[\u0643\u06AF]"; break;                                       /* ك */
    case 0x0641: case 0x06A4: cls = "[\u0641\u06A4]"; break;                           /* ف ڤ */
    case 0x0628: case 0x067E: cls = "[\u0628\u067E]"; break;                           /* ب پ */
    case 0x0633: case 0x0634: case 0x0635:
        if (last)
            cls = "[\u0633\u0634\u0635]"; /* س ش ص at the end */
        break;
    case 0x0647: case 0x0629: case 0x0627:
        if (last)
            cls = "[\u0647\u0629\u0627]"; /* ه ة ا at the end */
        break;
    default: break;
    }
    /* the universal character names compile to UTF-8, and fold_regex folds
     * a class's members like any other letter */
    if (cls)
        return ar_buf_append(out, cls, strlen(cls));
    char u[8];
    if (c < 0x80 && strchr("\\^$.|?*+()[]{}", (int)c) && c) {
        if (ar_buf_putc(out, '\\'))
            return AR_ENOMEM;
    }
    return ar_buf_append(out, u, (size_t)ar_utf8_encode(c, u));
}

static int is_long_vowel(int32_t c)
{
    return c == 0x0627 || c == 0x0648 || c == 0x064A;
}

static int loose_regex(const char *p, size_t n, ar_buf *out)
{
    static const char OPTV[] = "[\xd8\xa7\xd9\x88\xd9\x8a]?"; /* [اوي]? */
    int32_t w[256];
    size_t i = 0;
    while (i < n) {
        /* one word: up to a space */
        int k = 0;
        while (i < n && p[i] != ' ' && k < 256) {
            int32_t cp;
            int l = ar_utf8_decode((const unsigned char *)p + i, n - i, &cp);
            w[k++] = cp < 0 ? 0xFFFD : cp;
            i += (size_t)l;
        }
        int j0 = 0;
        if (k > 3 && w[0] == 0x0627 && w[1] == 0x0644) {
            /* the article, or its لل form after the preposition ل */
            static const char ART[] = "(?:\xd8\xa7|\xd9\x84)\xd9\x84";
            if (ar_buf_append(out, ART, sizeof ART - 1))
                return AR_ENOMEM;
            j0 = 2;
        }
        for (int j = j0; j < k; j++) {
            int first = j == 0, last = j == k - 1;
            if (!first && !last && is_long_vowel(w[j])) {
                if (ar_buf_append(out, OPTV, sizeof OPTV - 1))
                    return AR_ENOMEM;
                continue;
            }
            if (loose_class(w[j], last, out))
                return AR_ENOMEM;
            if (!last && !is_long_vowel(w[j]) && !is_long_vowel(w[j + 1]) && w[j] >= 0x0600 && w[j] <= 0x06FF &&
                ar_buf_append(out, OPTV, sizeof OPTV - 1))
                return AR_ENOMEM;
        }
        while (i < n && p[i] == ' ') {
            if (ar_buf_putc(out, ' '))
                return AR_ENOMEM;
            i++;
        }
    }
    return AR_OK;
}

/* Replaces every pattern of pl by its --loose regex (storage in *store). */
static int loose_patterns(const ar_norm *norm, patlist *pl, ar_buf *store)
{
    size_t *off = malloc((pl->n + 1) * sizeof *off);
    if (!off)
        return AR_ENOMEM;
    ar_buf f = {0};
    int rc = AR_OK;
    for (size_t i = 0; i < pl->n && rc == AR_OK; i++) {
        ar_buf_clear(&f);
        off[i] = store->len;
        rc = ar_norm_apply(norm, pl->p[i], pl->len[i], &f, NULL);
        if (rc == AR_OK)
            rc = loose_regex(f.ptr ? f.ptr : "", f.len, store);
    }
    off[pl->n] = store->len;
    if (rc == AR_OK)
        for (size_t i = 0; i < pl->n; i++) {
            pl->p[i] = store->ptr ? store->ptr + off[i] : "";
            pl->len[i] = off[i + 1] - off[i];
        }
    ar_buf_free(&f);
    free(off);
    return rc;
}

static int build_regex(ar_matcher *m, const patlist *pl, ar_diag *diag)
{
    ar_buf re = {0};
    int rc = AR_OK;
    /* Where each pattern begins in the combined one, for error offsets. */
    size_t *at = malloc((pl->n + 1) * sizeof *at);
    if (!at)
        return AR_ENOMEM;
    for (size_t i = 0; i < pl->n && rc == AR_OK; i++) {
        if (pl->n > 1)
            rc = ar_buf_append(&re, i ? "|(?:" : "(?:", i ? 4 : 3);
        at[i] = re.len;
        if (rc == AR_OK)
            rc = m->o.fixed ? AR_EINVAL : fold_regex(&m->ft, pl->p[i], pl->len[i], &re, (m->o.norm_flags & AR_NORM_HAMZA) != 0);
        if (rc == AR_OK && pl->n > 1)
            rc = ar_buf_append(&re, ")", 1);
    }
    at[pl->n] = re.len;
    if (rc != AR_OK) {
        ar_buf_free(&re);
        free(at);
        return rc;
    }
    uint32_t opts = PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_MULTILINE | PCRE2_UCP;
    if (m->o.caseless)
        opts |= PCRE2_CASELESS;
    pcre2_compile_context *cc = pcre2_compile_context_create(NULL);
    if (!cc) {
        ar_buf_free(&re);
        free(at);
        return AR_ENOMEM;
    }
    if (m->o.line)
        pcre2_set_compile_extra_options(cc, PCRE2_EXTRA_MATCH_LINE);
    int err;
    PCRE2_SIZE eoff;
    m->re = pcre2_compile((PCRE2_SPTR)(re.ptr ? re.ptr : ""), re.len, opts, &err, &eoff, cc);
    pcre2_compile_context_free(cc);
    if (!m->re) {
        PCRE2_UCHAR msg[200];
        pcre2_get_error_message(err, msg, sizeof msg);
        size_t which = 0;
        while (which + 1 < pl->n && eoff >= at[which + 1])
            which++;
        long off = pl->n ? (long)(eoff >= at[which] ? eoff - at[which] : 0) : (long)eoff;
        if (diag)
            ar_diag_set(diag, pl->n ? (long)pl->src[which] : 1, off, "%s", (const char *)msg);
        ar_buf_free(&re);
        free(at);
        return AR_ESYNTAX;
    }
    ar_buf_free(&re);
    free(at);
    pcre2_jit_compile(m->re, PCRE2_JIT_COMPLETE); /* falls back to the interpreter */
    m->mctx = pcre2_match_context_create(NULL);
    if (!m->mctx)
        return AR_ENOMEM;
    pcre2_set_match_limit(m->mctx, m->o.match_limit ? m->o.match_limit : 10000000);
    pcre2_set_depth_limit(m->mctx, m->o.depth_limit ? m->o.depth_limit : 100000);
    /* A literal every match must contain lets the searcher fold and run the
     * regex only on the lines that have it. */
    size_t lit_at = 0, len = pl->n == 1 ? required_literal(pl->p[0], pl->len[0], &lit_at) : 0;
    if (len >= 4 && !m->o.caseless) {
        ar_match_opts po = m->o;
        po.fixed = 1;
        po.word = po.line = po.loose = po.enclitics = 0;
        const char *lit = pl->p[0] + lit_at;
        ar_matcher *pre = NULL;
        if (ar_matcher_new(&pre, &lit, &len, 1, &po, NULL) == AR_OK && (pre->kind == K_SINGLE || pre->plain))
            m->pre = pre;
        else
            ar_matcher_free(pre);
    }
    return AR_OK;
}

/* cps[to] = a copy of cps[from]. */
static int dup_pattern(int32_t **cps, size_t *ncps, size_t from, size_t to)
{
    ncps[to] = ncps[from];
    cps[to] = malloc((ncps[to] + 1) * sizeof(int32_t));
    if (!cps[to])
        return AR_ENOMEM;
    memcpy(cps[to], cps[from], ncps[to] * sizeof(int32_t));
    return AR_OK;
}

/* The last code point of p that folding keeps, as written. */
static int32_t last_letter(const ar_foldtab *ft, const char *p, size_t n)
{
    int32_t last = -1;
    for (size_t i = 0; i < n;) {
        int32_t cp, f[AR_M_FOLD_MAX];
        i += ar_m_decode((const unsigned char *)p, n, i, &cp);
        if (ar_m_fold(ft, cp, f) > 0)
            last = cp;
    }
    return last;
}

int ar_matcher_new(ar_matcher **out, const char *const *pats, const size_t *lens, size_t n,
                   const ar_match_opts *opts, ar_diag *diag)
{
    *out = NULL;
    if ((n && (!pats || !lens)) || !opts)
        return AR_EINVAL;
    if (opts->norm_flags & (AR_NORM_NFC | AR_NORM_NFKC | AR_NORM_SPACE | AR_NORM_DIGITS_AR | AR_NORM_PUNCT_AR)) {
        if (diag)
            ar_diag_set(diag, -1, -1, "normalization steps that compose or move text cannot be used for matching");
        return AR_EINVAL;
    }
    ar_matcher *m = calloc(1, sizeof *m);
    if (!m)
        return AR_ENOMEM;
    m->o = *opts;
    unsigned flags = opts->norm_flags | (opts->caseless ? AR_NORM_LATIN_CASE : 0);
    int rc = ar_norm_new(&m->norm, flags);
    if (rc == AR_OK)
        rc = ar_foldtab_init(&m->ft, flags ? m->norm : NULL);
    patlist pl = {0};
    /* A pattern with newlines is several patterns, as in grep. */
    for (size_t i = 0; i < n && rc == AR_OK; i++) {
        const char *p = pats[i];
        size_t len = lens[i];
        for (;;) {
            const char *nl = memchr(p, '\n', len);
            size_t k = nl ? (size_t)(nl - p) : len;
            rc = patlist_add(&pl, p, k, i + 1);
            if (!nl || rc)
                break;
            p = nl + 1;
            len -= k + 1;
        }
    }
    int literal = 1;
    for (size_t i = 0; i < pl.n; i++)
        if (!opts->fixed && !is_literal(pl.p[i], pl.len[i]))
            literal = 0;
    ar_buf loose = {0};
    if (rc == AR_OK && opts->loose) {
        /* names, spelled loosely: every pattern is text, made a regex here */
        rc = loose_patterns(m->norm, &pl, &loose);
        m->o.fixed = 0;
        m->o.word = 1;
        literal = 0;
    }
    if (rc == AR_OK && literal && (flags & AR_NORM_HAMZA))
        rc = hamza_variants(&pl);
    if (rc == AR_OK && !literal) {
        m->kind = K_REGEX;
        rc = build_regex(m, &pl, diag);
    } else if (rc == AR_OK) {
        /* Fold every pattern; add the لل form of each that starts with ال. */
        size_t cap = 4 * pl.n + 4, np = 0;
        int32_t **cps = calloc(cap, sizeof *cps);
        size_t *ncps = calloc(cap, sizeof *ncps);
        unsigned char *enc = calloc(cap, 1);
        int empty = 0;
        if (!cps || !ncps || !enc)
            rc = AR_ENOMEM;
        for (size_t i = 0; i < pl.n && rc == AR_OK; i++) {
            size_t c = 0, first = np;
            rc = ar_foldtab_fold_str(&m->ft, pl.p[i], pl.len[i], &cps[np], &ncps[np], &c);
            if (rc)
                break;
            if (ncps[np] == 0)
                empty = 1;
            np++;
            /* The article after the preposition ل loses its alef: ال.. -> لل.. */
            if (flags && !opts->line && ncps[first] > 2 && cps[first][0] == ALEF && cps[first][1] == LAM) {
                rc = dup_pattern(cps, ncps, first, np);
                if (rc)
                    break;
                cps[np++][0] = LAM;
            }
            /* A final ة is written ت before an enclitic pronoun (حكومة ->
             * حكومته): with -w, the ت forms match when a pronoun follows. */
            if (opts->word && opts->enclitics && ncps[first] > 1 &&
                last_letter(&m->ft, pl.p[i], pl.len[i]) == TEH_MARBUTA) {
                for (size_t k = first, e = np; k < e && rc == AR_OK; k++) {
                    rc = dup_pattern(cps, ncps, k, np);
                    if (rc == AR_OK) {
                        cps[np][ncps[np] - 1] = TEH;
                        enc[np++] = 1;
                    }
                }
            }
        }
        if (rc == AR_OK) {
            if (opts->line) {
                m->kind = K_LINES;
                rc = lines_build(m, cps, ncps, np);
            } else if (empty && !opts->word) {
                m->kind = K_EMPTY;
            } else {
                int single = pl.n == 1 && np <= 4;
                if (single && !empty) {
                    m->kind = K_SINGLE;
                    m->nnd = np;
                    for (size_t k = 0; k < np; k++) {
                        m->nd[k].cp = cps[k];
                        m->nd[k].n = ncps[k];
                        m->nd[k].need_enc = enc[k];
                        cps[k] = NULL;
                    }
                    if (choose_anchor(m))
                        choose_next(m);
                    else {
                        for (size_t k = 0; k < np; k++) {
                            cps[k] = m->nd[k].cp;
                            m->nd[k].cp = NULL;
                        }
                        m->nnd = 0;
                        single = 0;
                    }
                }
                if (!single || m->kind != K_SINGLE) {
                    m->kind = K_MULTI;
                    rc = ar_mdfa_new(&m->dfa, &m->ft, cps, ncps, enc, np);
                }
            }
        }
        for (size_t i = 0; cps && i < np; i++)
            free(cps[i]);
        free(cps);
        free(ncps);
        free(enc);
    }
    free(pl.p);
    free(pl.len);
    free(pl.src);
    ar_buf_free(&pl.owned);
    ar_buf_free(&loose);
    int pat_forms = 0; /* a pattern spelled in presentation forms needs the fold itself */
    for (size_t i = 0; i < n; i++)
        if (lens[i] && memchr(pats[i], 0xEF, lens[i]))
            pat_forms = 1;
    if (rc == AR_OK && (flags & AR_NORM_PRESENTATION) && m->kind == K_MULTI && !pat_forms) {
        ar_match_opts po = *opts;
        po.norm_flags &= ~AR_NORM_PRESENTATION;
        ar_matcher *plain = NULL;
        rc = ar_matcher_new(&plain, pats, lens, n, &po, NULL);
        if (rc == AR_OK && plain->kind == K_SINGLE)
            m->plain = plain;
        else
            ar_matcher_free(plain);
    }
    if (rc != AR_OK) {
        ar_matcher_free(m);
        return rc;
    }
    *out = m;
    return AR_OK;
}

int ar_match_scratch_new(ar_match_scratch **out, const ar_matcher *m)
{
    ar_match_scratch *s = calloc(1, sizeof *s);
    if (!s)
        return AR_ENOMEM;
    if (m->kind == K_MULTI) {
        s->ring = malloc(ar_mdfa_ring_size(m->dfa) * sizeof *s->ring);
        if (!s->ring) {
            free(s);
            return AR_ENOMEM;
        }
    }
    if (m->kind == K_REGEX) {
        s->md = pcre2_match_data_create_from_pattern(m->re, NULL);
        if (!s->md) {
            free(s);
            return AR_ENOMEM;
        }
    }
    *out = s;
    return AR_OK;
}

void ar_match_scratch_free(ar_match_scratch *s)
{
    if (!s)
        return;
    free(s->ring);
    pcre2_match_data_free(s->md);
    ar_buf_free(&s->fold);
    ar_offmap_free(&s->map);
    free(s);
}

int ar_matcher_test(const ar_matcher *m, ar_match_scratch *s, const char *text, size_t len)
{
    size_t a, b;
    if (!ar_matcher_needs_fold(m))
        return ar_matcher_find(m, s, text, len, 0, &a, &b);
    ar_buf f = {0};
    int rc = ar_norm_apply(m->norm, text, len, &f, NULL);
    if (rc == AR_OK)
        rc = ar_matcher_find(m, s, f.ptr ? f.ptr : "", f.len, 0, &a, &b);
    ar_buf_free(&f);
    return rc;
}
