/* SPDX-License-Identifier: MIT */
/* Tokens and sentences. One pass over the bytes, one table look-up per code
 * point (the two-byte UTF-8 of the Arabic blocks decoded inline), no
 * allocation: the text can be hundreds of megabytes long, a line included.
 * Segmentation is in tok_clitic.c. */
#include <pthread.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>

#include "tok_internal.h"

/* ---- character classes -------------------------------------------------- */

uint8_t ar_tok_cls_bmp[0x10000];
static pthread_once_t cls_once = PTHREAD_ONCE_INIT;

static int in_arabic_blocks(int32_t c)
{
    return (c >= 0x0600 && c <= 0x06FF) || (c >= 0x0750 && c <= 0x077F) || (c >= 0x0870 && c <= 0x08FF)
           || (c >= 0xFB50 && c <= 0xFDFF) || (c >= 0xFE70 && c <= 0xFEFE);
}

static int is_arabic_script(int32_t c)
{
    UErrorCode ec = U_ZERO_ERROR;
    UScriptCode sc = uscript_getScript(c, &ec);
    return in_arabic_blocks(c) || (U_SUCCESS(ec) && sc == USCRIPT_ARABIC);
}

static int classify(int32_t c)
{
    /* Joiners stay inside words: ZWNJ is part of Persian and some Arabic
     * spellings, ZWJ of forced joining forms, the soft hyphen of hyphenated
     * web text. */
    if (c == 0x200C || c == 0x200D || c == 0x00AD)
        return TC_JOIN;
    /* Tatweel has script Common (it is shared with Syriac and others). */
    if (c == 0x0640)
        return TC_TATWEEL;
    if (u_isUWhiteSpace(c))
        return TC_SPACE;
    switch (u_charType(c)) {
    case U_UPPERCASE_LETTER:
    case U_LOWERCASE_LETTER:
    case U_TITLECASE_LETTER:
    case U_MODIFIER_LETTER:
    case U_OTHER_LETTER: {
        if (is_arabic_script(c))
            return TC_AL;
        UErrorCode ec = U_ZERO_ERROR;
        return uscript_getScript(c, &ec) == USCRIPT_LATIN && U_SUCCESS(ec) ? TC_LL : TC_OL;
    }
    case U_NON_SPACING_MARK:
    case U_ENCLOSING_MARK:
    case U_COMBINING_SPACING_MARK:
        return in_arabic_blocks(c) || is_arabic_script(c) ? TC_AM : TC_MARK;
    case U_DECIMAL_DIGIT_NUMBER:
        return TC_DIGIT;
    case U_LETTER_NUMBER:
    case U_OTHER_NUMBER:
    case U_CONTROL_CHAR:
    case U_PRIVATE_USE_CHAR:
    case U_SURROGATE:
    case U_UNASSIGNED:
        return TC_OTHER;
    case U_FORMAT_CHAR:
        /* U+0600..U+0605, U+06DD...: visible signs written before digits. */
        return u_hasBinaryProperty(c, UCHAR_PREPENDED_CONCATENATION_MARK) ? TC_PUNCT : TC_IGN;
    case U_SPACE_SEPARATOR:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
        return TC_SPACE;
    default:
        return TC_PUNCT;
    }
}

static void init_table(void)
{
    for (int32_t c = 0; c < 0x10000; c++)
        ar_tok_cls_bmp[c] = (uint8_t)(c >= 0xD800 && c <= 0xDFFF ? TC_INVALID : classify(c));
}

void ar_tok_init(void) { pthread_once(&cls_once, init_table); }

int ar_tok_class_slow(int32_t cp) { return cp > 0x10FFFF ? TC_INVALID : classify(cp); }

/* ---- tokens ------------------------------------------------------------- */

static inline int is_mark(int c) { return c == TC_AM || c == TC_MARK; }

/* End of the combining marks (and variation selectors) at j. */
static size_t skip_marks(const unsigned char *s, size_t j, size_t len)
{
    while (j < len) {
        int32_t cp;
        int n = ar_tok_step(s, j, len, &cp);
        if (!is_mark(ar_tok_class(cp)))
            break;
        j += (size_t)n;
    }
    return j;
}

/* At j, a run of joiners followed by a character whose class is accepted by
 * want: returns the end of the joiners, else 0. */
static size_t joiners_then(const unsigned char *s, size_t j, size_t len, int (*want)(int))
{
    while (j < len) {
        int32_t cp;
        int n = ar_tok_step(s, j, len, &cp);
        int c = ar_tok_class(cp);
        if (c != TC_JOIN)
            return want(c) ? j : 0;
        j += (size_t)n;
    }
    return 0;
}

static int arabic_inner(int c) { return c == TC_AL || c == TC_TATWEEL || c == TC_AM; }
static int latin_letter(int c) { return c == TC_LL; }
static int other_letter(int c) { return c == TC_OL; }

static inline int ascii_alnum(unsigned c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

static int prefix_ci(const unsigned char *s, size_t n, const char *lit)
{
    size_t k = strlen(lit);
    if (n < k)
        return 0;
    for (size_t i = 0; i < k; i++) {
        unsigned c = s[i];
        if (c >= 'A' && c <= 'Z')
            c |= 0x20;
        if (c != (unsigned char)lit[i])
            return 0;
    }
    return 1;
}

/* Characters that end a URL: ASCII ones that cannot appear unescaped, and
 * the quotes and Arabic punctuation that surround URLs in running text. */
static int url_stop(int32_t cp)
{
    switch (cp) {
    case '<': case '>': case '"': case '`': case '{': case '}': case '|': case '\\': case '^':
    case 0x00AB: case 0x00BB: case 0x2018: case 0x2019: case 0x201C: case 0x201D: case 0x201E:
    case 0x2039: case 0x203A: case 0x060C: case 0x061B: case 0x061F: case 0x06D4: case 0x2026:
        return 1;
    default:
        return 0;
    }
}

/* A URL starting at i: returns its end, or 0. */
static size_t url_scan(const unsigned char *s, size_t i, size_t len)
{
    size_t p;
    if (prefix_ci(s + i, len - i, "http://"))
        p = 7;
    else if (prefix_ci(s + i, len - i, "https://"))
        p = 8;
    else if (prefix_ci(s + i, len - i, "ftp://"))
        p = 6;
    else if (prefix_ci(s + i, len - i, "www."))
        p = 4;
    else
        return 0;
    size_t j = i + p;
    /* something must follow: a letter or digit (after http:// also a
     * non-ASCII host name) */
    if (j >= len || !(ascii_alnum(s[j]) || (s[j] >= 0x80 && p != 4)))
        return 0;
    long paren = 0, bracket = 0;
    while (j < len) {
        int32_t cp;
        int n = ar_tok_step(s, j, len, &cp);
        int c = ar_tok_class(cp);
        if (c == TC_INVALID || c == TC_SPACE || c == TC_IGN || c == TC_JOIN || c == TC_OTHER || url_stop(cp))
            break;
        paren += cp == '(' ? 1 : cp == ')' ? -1 : 0;
        bracket += cp == '[' ? 1 : cp == ']' ? -1 : 0;
        j += (size_t)n;
    }
    /* Sentence punctuation after a URL is not part of it, nor is a closing
     * bracket that opened before it: "(see www.x.org)." */
    while (j > i + p) {
        unsigned ch = s[j - 1];
        if (ch == '.' || ch == ',' || ch == ':' || ch == ';' || ch == '!' || ch == '?' || ch == '\'')
            j--;
        else if (ch == ')' && paren < 0)
            j--, paren++;
        else if (ch == ']' && bracket < 0)
            j--, bracket++;
        else
            break;
    }
    return j > i + p ? j : 0;
}

static int email_local(unsigned c)
{
    return ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* An e-mail address starting at i: returns its end, or 0. *scanned gets how
 * far the local part reached, so a failed scan is not repeated from every
 * later start inside the same run (that would be quadratic). */
static size_t email_scan(const unsigned char *s, size_t i, size_t len, size_t *scanned)
{
    size_t j = i;
    while (j < len && email_local(s[j]))
        j++;
    *scanned = j;
    if (j == i || j + 1 >= len || s[j] != '@' || s[j - 1] == '.')
        return 0;
    size_t k = j + 1, labels = 0, last = k;
    for (;;) {
        size_t st = k;
        while (k < len && (ascii_alnum(s[k]) || s[k] == '-'))
            k++;
        if (k == st)
            break;
        labels++;
        last = st;
        if (k + 1 < len && s[k] == '.' && ascii_alnum(s[k + 1]))
            k++;
        else
            break;
    }
    if (labels < 2 || k - last < 2)
        return 0;
    for (size_t q = last; q < k; q++)
        if (!((s[q] | 0x20) >= 'a' && (s[q] | 0x20) <= 'z'))
            return 0;
    return k;
}

static int is_numsep(int32_t cp) { return cp == '.' || cp == ',' || cp == 0x066B || cp == 0x066C; }

typedef struct tok_state {
    const unsigned char *s;
    size_t len;
    ar_tok_fn fn;
    void *ud;
    size_t no_email_before;
} tok_state;

static int emit(tok_state *st, size_t a, size_t b, ar_tok_type type)
{
    ar_token t = {a, b, type};
    return st->fn(&t, st->ud);
}

/* An Arabic run at i (letters, marks, tatweel, inner joiners). A run with
 * a letter is one word; without one, each tatweel is punctuation and
 * leading marks are "other". Returns the end, or sets *rc when fn stopped. */
static size_t arabic_run(tok_state *st, size_t i, int *rc)
{
    const unsigned char *s = st->s;
    size_t len = st->len, j = i;
    int letter = 0;
    while (j < len) {
        int32_t cp;
        int n = ar_tok_step(s, j, len, &cp);
        int c = ar_tok_class(cp);
        if (c == TC_AL)
            letter = 1;
        else if (c == TC_JOIN) {
            size_t e = joiners_then(s, j, len, arabic_inner);
            if (!e)
                break;
            j = e;
            continue;
        } else if (c != TC_TATWEEL && !is_mark(c))
            break;
        j += (size_t)n;
    }
    if (letter) {
        *rc = emit(st, i, j, AR_TOK_WORD);
        return j;
    }
    size_t k = i;
    while (k < j && !*rc) {
        int32_t cp;
        int n = ar_tok_step(s, k, len, &cp);
        int c = ar_tok_class(cp);
        if (c == TC_JOIN) {
            k += (size_t)n;
            continue;
        }
        size_t e = skip_marks(s, k + (size_t)n, j);
        *rc = emit(st, k, e, c == TC_TATWEEL ? AR_TOK_PUNCT : AR_TOK_OTHER);
        k = e;
    }
    return j;
}

/* A run of letters of class want (digits too for Latin), with apostrophes
 * and joiners between letters and marks after them. */
static size_t letter_run(const unsigned char *s, size_t i, size_t len, int want)
{
    size_t j = i;
    while (j < len) {
        int32_t cp;
        int n = ar_tok_step(s, j, len, &cp);
        int c = ar_tok_class(cp);
        if (c == want || is_mark(c) || (want == TC_LL && c == TC_DIGIT)) {
            j += (size_t)n;
            continue;
        }
        if (want == TC_LL && (cp == '\'' || cp == 0x2019) && j + (size_t)n < len) {
            int32_t nx;
            ar_tok_step(s, j + (size_t)n, len, &nx);
            if (ar_tok_class(nx) == TC_LL) {
                j += (size_t)n;
                continue;
            }
            break;
        }
        if (c == TC_JOIN) {
            size_t e = joiners_then(s, j, len, want == TC_LL ? latin_letter : other_letter);
            if (!e)
                break;
            j = e;
            continue;
        }
        break;
    }
    return j;
}

static size_t number_run(const unsigned char *s, size_t i, size_t len)
{
    size_t j = i;
    while (j < len) {
        int32_t cp;
        int n = ar_tok_step(s, j, len, &cp);
        int c = ar_tok_class(cp);
        if (c == TC_DIGIT || is_mark(c)) {
            j += (size_t)n;
            continue;
        }
        if (is_numsep(cp) && j + (size_t)n < len) {
            int32_t nx;
            ar_tok_step(s, j + (size_t)n, len, &nx);
            if (ar_tok_class(nx) == TC_DIGIT) {
                j += (size_t)n;
                continue;
            }
        }
        break;
    }
    return j;
}

int ar_tokenize(const char *text, size_t len, ar_tok_fn fn, void *ud)
{
    if (!fn || (!text && len))
        return AR_EINVAL;
    ar_tok_init();
    tok_state st = {(const unsigned char *)text, len, fn, ud, 0};
    const unsigned char *s = st.s;
    size_t i = 0;
    int rc = 0;
    while (i < len && !rc) {
        int32_t cp;
        int n = ar_tok_step(s, i, len, &cp);
        int c = ar_tok_class(cp);
        size_t e;
        switch (c) {
        case TC_SPACE:
        case TC_IGN:
        case TC_JOIN:
            i += (size_t)n;
            continue;
        case TC_INVALID:
            /* one token for the whole run of bad bytes */
            e = i + 1;
            while (e < len) {
                int32_t x;
                int m = ar_tok_step(s, e, len, &x);
                if (x >= 0)
                    break;
                e += (size_t)m;
            }
            rc = emit(&st, i, e, AR_TOK_OTHER);
            i = e;
            continue;
        case TC_AL:
        case TC_TATWEEL:
        case TC_AM:
            i = arabic_run(&st, i, &rc);
            continue;
        case TC_LL:
        case TC_DIGIT:
            if (cp < 0x80) {
                if (c == TC_LL && (e = url_scan(s, i, len))) {
                    rc = emit(&st, i, e, AR_TOK_URL);
                    i = e;
                    continue;
                }
                if (i >= st.no_email_before) {
                    size_t reach;
                    e = email_scan(s, i, len, &reach);
                    if (e) {
                        rc = emit(&st, i, e, AR_TOK_URL);
                        i = e;
                        continue;
                    }
                    st.no_email_before = reach;
                }
            }
            if (c == TC_LL) {
                e = letter_run(s, i, len, TC_LL);
                rc = emit(&st, i, e, AR_TOK_LATIN);
            } else {
                e = number_run(s, i, len);
                rc = emit(&st, i, e, AR_TOK_NUMBER);
            }
            i = e;
            continue;
        case TC_OL:
            e = letter_run(s, i, len, TC_OL);
            rc = emit(&st, i, e, AR_TOK_OTHER);
            i = e;
            continue;
        case TC_MARK:
            e = skip_marks(s, i, len);
            rc = emit(&st, i, e, AR_TOK_OTHER);
            i = e;
            continue;
        default: /* TC_PUNCT, TC_OTHER: one character and its marks */
            e = skip_marks(s, i + (size_t)n, len);
            rc = emit(&st, i, e, c == TC_PUNCT ? AR_TOK_PUNCT : AR_TOK_OTHER);
            i = e;
            continue;
        }
    }
    return rc;
}

const char *ar_tok_type_name(ar_tok_type type)
{
    switch (type) {
    case AR_TOK_WORD: return "word";
    case AR_TOK_LATIN: return "latin";
    case AR_TOK_NUMBER: return "number";
    case AR_TOK_PUNCT: return "punct";
    case AR_TOK_URL: return "url";
    case AR_TOK_OTHER: return "other";
    default: return NULL;
    }
}

/* ---- sentences ---------------------------------------------------------- */

static int is_terminator(int32_t cp)
{
    switch (cp) {
    case '.': case '!': case '?': case 0x061F: case 0x2026: case 0x06D4: case 0x061E:
    case 0x203C: case 0x2047: case 0x2048: case 0x2049: case 0xFF01: case 0xFF1F: case 0x3002:
        return 1;
    default:
        return 0;
    }
}

static int is_closer(int32_t cp)
{
    if (cp == '"' || cp == '\'')
        return 1;
    int t = u_charType(cp);
    return t == U_END_PUNCTUATION || t == U_FINAL_PUNCTUATION;
}

typedef struct sent_state {
    const unsigned char *s;
    ar_sent_fn fn;
    void *ud;
    int open;          /* a sentence has started */
    size_t start, end; /* its first token's start, its last token's end */
    int pending;       /* a terminator run ended the last token */
    ar_token prev, prev2;
    int nprev;
} sent_state;

/* Letters of a short word token, or 99. */
static int letters(const unsigned char *s, const ar_token *t)
{
    if (t->end - t->start > 16)
        return 99;
    int k = 0;
    for (size_t i = t->start; i < t->end;) {
        int32_t cp;
        i += (size_t)ar_tok_step(s, i, t->end, &cp);
        int c = ar_tok_class(cp);
        k += c == TC_AL || c == TC_LL;
    }
    return k;
}

static int is_title_abbrev(const unsigned char *s, const ar_token *t)
{
    static const char *const abbr[] = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Jr", "Sr", "St"};
    size_t n = t->end - t->start;
    for (size_t i = 0; i < sizeof abbr / sizeof abbr[0]; i++)
        if (strlen(abbr[i]) == n && memcmp(s + t->start, abbr[i], n) == 0)
            return 1;
    return 0;
}

/* Does a full stop right after prev keep the sentence open? */
static int stop_after_initial(const sent_state *st)
{
    const ar_token *p = &st->prev;
    if (p->type == AR_TOK_LATIN && is_title_abbrev(st->s, p))
        return 1;
    if ((p->type != AR_TOK_LATIN && p->type != AR_TOK_WORD) || letters(st->s, p) != 1)
        return 0;
    /* 2021م. : the letter is a unit or an era, and the sentence may end */
    if (st->nprev >= 2 && st->prev2.type == AR_TOK_NUMBER && st->prev2.end == p->start)
        return 0;
    return 1;
}

static int sent_tok(const ar_token *t, void *ud)
{
    sent_state *st = ud;
    const unsigned char *s = st->s;
    int rc = 0;
    int32_t cp = -1;
    if (t->type == AR_TOK_PUNCT)
        ar_tok_step(s, t->start, t->end, &cp);
    if (st->open) {
        size_t gap = t->start - st->end;
        if (gap && memchr(s + st->end, '\n', gap)) {
            rc = st->fn(st->start, st->end, st->ud);
            st->open = st->pending = 0;
        } else if (st->pending) {
            if (!gap && cp >= 0 && (is_terminator(cp) || is_closer(cp))) {
                st->end = t->end; /* ?! ... ." »: still the same ending */
                return 0;
            }
            if (gap || t->type == AR_TOK_WORD) {
                rc = st->fn(st->start, st->end, st->ud);
                st->open = 0;
            }
            st->pending = 0;
        }
        if (rc)
            return rc;
    }
    if (!st->open) {
        st->open = 1;
        st->start = t->start;
        st->nprev = 0;
    }
    if (cp >= 0 && is_terminator(cp)) {
        int keep = cp == '.' && st->nprev >= 1 && st->prev.end == t->start && stop_after_initial(st);
        st->pending = !keep;
    }
    st->end = t->end;
    st->prev2 = st->prev;
    st->prev = *t;
    st->nprev++;
    return 0;
}

int ar_sentences(const char *text, size_t len, ar_sent_fn fn, void *ud)
{
    if (!fn || (!text && len))
        return AR_EINVAL;
    sent_state st = {.s = (const unsigned char *)text, .fn = fn, .ud = ud};
    int rc = ar_tokenize(text, len, sent_tok, &st);
    if (!rc && st.open)
        rc = fn(st.start, st.end, ud);
    return rc;
}
