/* SPDX-License-Identifier: MIT */
#include "artext/translit.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

/* The Buckwalter table: Arabic code point, classic code, safe code. */
static const struct {
    uint16_t cp;
    char bw, safe;
} bw_table[] = {
    {0x0621, '\'', 'C'}, {0x0622, '|', 'M'}, {0x0623, '>', 'O'}, {0x0624, '&', 'W'}, {0x0625, '<', 'I'},
    {0x0626, '}', 'Q'},  {0x0627, 'A', 'A'}, {0x0628, 'b', 'b'}, {0x0629, 'p', 'p'}, {0x062A, 't', 't'},
    {0x062B, 'v', 'v'},  {0x062C, 'j', 'j'}, {0x062D, 'H', 'H'}, {0x062E, 'x', 'x'}, {0x062F, 'd', 'd'},
    {0x0630, '*', 'V'},  {0x0631, 'r', 'r'}, {0x0632, 'z', 'z'}, {0x0633, 's', 's'}, {0x0634, '$', 'c'},
    {0x0635, 'S', 'S'},  {0x0636, 'D', 'D'}, {0x0637, 'T', 'T'}, {0x0638, 'Z', 'Z'}, {0x0639, 'E', 'E'},
    {0x063A, 'g', 'g'},  {0x0640, '_', '_'}, {0x0641, 'f', 'f'}, {0x0642, 'q', 'q'}, {0x0643, 'k', 'k'},
    {0x0644, 'l', 'l'},  {0x0645, 'm', 'm'}, {0x0646, 'n', 'n'}, {0x0647, 'h', 'h'}, {0x0648, 'w', 'w'},
    {0x0649, 'Y', 'Y'},  {0x064A, 'y', 'y'}, {0x064B, 'F', 'F'}, {0x064C, 'N', 'N'}, {0x064D, 'K', 'K'},
    {0x064E, 'a', 'a'},  {0x064F, 'u', 'u'}, {0x0650, 'i', 'i'}, {0x0651, '~', '~'}, {0x0652, 'o', 'o'},
    {0x0670, '`', 'e'},  {0x0671, '{', 'L'}, {0x067E, 'P', 'P'}, {0x0686, 'J', 'J'}, {0x06A4, 'V', 'B'},
    {0x06AF, 'G', 'G'},
};
#define BW_N (sizeof bw_table / sizeof bw_table[0])

/* ISO 233-style romanisation of the consonants (and hamza carriers). */
static const struct {
    const char *ar, *lat;
} iso_cons[] = {
    {"ء", "ʾ"}, {"أ", "ʾ"}, {"إ", "ʾ"}, {"ؤ", "ʾ"}, {"ئ", "ʾ"}, {"ب", "b"}, {"ت", "t"}, {"ث", "ṯ"},
    {"ج", "ǧ"}, {"ح", "ḥ"}, {"خ", "ḫ"}, {"د", "d"}, {"ذ", "ḏ"}, {"ر", "r"}, {"ز", "z"}, {"س", "s"},
    {"ش", "š"}, {"ص", "ṣ"}, {"ض", "ḍ"}, {"ط", "ṭ"}, {"ظ", "ẓ"}, {"ع", "ʿ"}, {"غ", "ġ"}, {"ف", "f"},
    {"ق", "q"}, {"ك", "k"}, {"ل", "l"}, {"م", "m"}, {"ن", "n"}, {"ه", "h"}, {"و", "w"}, {"ي", "y"},
    {"ة", "ẗ"}, {"پ", "p"}, {"چ", "č"}, {"ڤ", "v"}, {"گ", "g"}, {"ک", "k"}, {"ی", "y"},
};
static const struct {
    const char *ar, *lat;
} iso_other[] = {
    {"آ", "ʾā"}, {"ا", "ā"}, {"ٱ", "ā"}, {"ى", "ỳ"}, {"َ", "a"}, {"ُ", "u"}, {"ِ", "i"}, {"ً", "an"},
    {"ٌ", "un"}, {"ٍ", "in"}, {"ْ", ""}, {"ّ", ""}, {"ٰ", "ā"}, {"ـ", ""}, {"،", ","}, {"؛", ";"},
    {"؟", "?"}, {"٪", "%"}, {"٠", "0"}, {"١", "1"}, {"٢", "2"}, {"٣", "3"}, {"٤", "4"}, {"٥", "5"},
    {"٦", "6"}, {"٧", "7"}, {"٨", "8"}, {"٩", "9"},
};
static const char *const vowels[][2] = {{"َ", "a"}, {"ُ", "u"}, {"ِ", "i"}, {"ً", "an"}, {"ٌ", "un"}, {"ٍ", "in"}};

struct ar_translit {
    int scheme, reverse;
    char fwd[0x700];          /* U+0000..U+06FF -> code, 0 = pass through */
    uint16_t rev[128];        /* code -> Arabic code point, 0 = pass through */
    UTransliterator *utr;
    pthread_mutex_t lock;     /* ICU transliterators are not safe to share */
};

static const char *const scheme_names[] = {"buckwalter", "safe-buckwalter", "iso233", NULL};

int ar_translit_scheme(const char *name, int *scheme)
{
    static const struct {
        const char *name;
        int s;
    } names[] = {{"buckwalter", AR_TRANSLIT_BUCKWALTER},      {"bw", AR_TRANSLIT_BUCKWALTER},
                 {"safe-buckwalter", AR_TRANSLIT_SAFE_BUCKWALTER}, {"safebw", AR_TRANSLIT_SAFE_BUCKWALTER},
                 {"iso233", AR_TRANSLIT_ISO233},              {"iso-233", AR_TRANSLIT_ISO233}};
    if (!name || !scheme)
        return AR_EINVAL;
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(name, names[i].name) == 0) {
            *scheme = names[i].s;
            return AR_OK;
        }
    return AR_ENOTFOUND;
}

const char *const *ar_translit_scheme_names(void) { return scheme_names; }

static int add_rule(ar_buf *r, const char *from, const char *to)
{
    /* Quote both sides: ICU rule syntax gives meaning to many ASCII marks. */
    int rc = ar_buf_append(r, "'", 1);
    rc = rc ? rc : ar_buf_append(r, from, strlen(from));
    rc = rc ? rc : ar_buf_append(r, "' > '", 5);
    rc = rc ? rc : ar_buf_append(r, to, strlen(to));
    rc = rc ? rc : ar_buf_append(r, "';\n", 3);
    return rc;
}

/* Our ISO 233-style rules, longest matches first: a consonant with shadda
 * (and a vowel on either side of it, the order NFC or a typist chose) is
 * written twice. */
static int iso_rules(ar_buf *r)
{
    char from[32], to[32];
    int rc = AR_OK;
    for (size_t i = 0; i < sizeof iso_cons / sizeof iso_cons[0] && !rc; i++) {
        const char *a = iso_cons[i].ar, *l = iso_cons[i].lat;
        for (size_t v = 0; v < 6 && !rc; v++) {
            snprintf(from, sizeof from, "%sّ%s", a, vowels[v][0]);
            snprintf(to, sizeof to, "%s%s%s", l, l, vowels[v][1]);
            rc = add_rule(r, from, to);
            snprintf(from, sizeof from, "%s%sّ", a, vowels[v][0]);
            rc = rc ? rc : add_rule(r, from, to);
        }
        snprintf(from, sizeof from, "%sّ", a);
        snprintf(to, sizeof to, "%s%s", l, l);
        rc = rc ? rc : add_rule(r, from, to);
        rc = rc ? rc : add_rule(r, a, l);
    }
    for (size_t i = 0; i < sizeof iso_other / sizeof iso_other[0] && !rc; i++)
        rc = add_rule(r, iso_other[i].ar, iso_other[i].lat);
    return rc;
}

int ar_translit_new(ar_translit **out, int scheme, int reverse)
{
    if (!out || scheme < 0 || scheme > AR_TRANSLIT_ISO233)
        return AR_EINVAL;
    *out = NULL;
    if (scheme == AR_TRANSLIT_ISO233 && reverse)
        return AR_EUNSUPPORTED;
    ar_translit *t = calloc(1, sizeof *t);
    if (!t)
        return AR_ENOMEM;
    t->scheme = scheme;
    t->reverse = reverse;
    for (size_t i = 0; i < BW_N; i++) {
        char c = scheme == AR_TRANSLIT_SAFE_BUCKWALTER ? bw_table[i].safe : bw_table[i].bw;
        t->fwd[bw_table[i].cp] = c;
        t->rev[(unsigned char)c] = bw_table[i].cp;
    }
    if (scheme == AR_TRANSLIT_ISO233) {
        ar_buf r = {0};
        int rc = iso_rules(&r);
        UChar *u = NULL;
        if (!rc) {
            UErrorCode ec = U_ZERO_ERROR;
            int32_t ul = 0;
            u_strFromUTF8(NULL, 0, &ul, r.ptr, (int32_t)r.len, &ec);
            u = malloc(((size_t)ul + 1) * sizeof *u);
            ec = U_ZERO_ERROR;
            if (!u)
                rc = AR_ENOMEM;
            else
                u_strFromUTF8(u, ul + 1, NULL, r.ptr, (int32_t)r.len, &ec);
            UParseError pe;
            static const UChar id[] = {'a', 'r', 't', 'e', 'x', 't', '-', 'i', 's', 'o', '2', '3', '3', 0};
            if (!rc && U_SUCCESS(ec))
                t->utr = utrans_openU(id, -1, UTRANS_FORWARD, u, ul, &pe, &ec);
            if (!rc && (U_FAILURE(ec) || !t->utr))
                rc = AR_EUNSUPPORTED;
        }
        free(u);
        ar_buf_free(&r);
        if (rc) {
            ar_translit_free(t);
            return rc;
        }
        pthread_mutex_init(&t->lock, NULL);
    }
    *out = t;
    return AR_OK;
}

void ar_translit_free(ar_translit *t)
{
    if (!t)
        return;
    if (t->utr) {
        utrans_close(t->utr);
        pthread_mutex_destroy(&t->lock);
    }
    free(t);
}

static void push(ar_offmap *map, int *rc, size_t out, size_t in)
{
    if (map && !*rc)
        *rc = ar_offmap_push(map, out, in);
}

/* One run of Arabic-block code points through the ICU transliterator. */
static int iso_run(ar_translit *t, const char *s, size_t len, ar_buf *out)
{
    int32_t cap = (int32_t)len * 2 + 16, ul = 0;
    UChar *u = malloc((size_t)cap * sizeof *u);
    if (!u)
        return AR_ENOMEM;
    UErrorCode ec = U_ZERO_ERROR;
    u_strFromUTF8(u, cap, &ul, s, (int32_t)len, &ec);
    int32_t limit = ul;
    pthread_mutex_lock(&t->lock);
    utrans_transUChars(t->utr, u, &ul, cap, 0, &limit, &ec);
    pthread_mutex_unlock(&t->lock);
    int rc = AR_OK;
    int32_t need = 0;
    if (U_SUCCESS(ec)) {
        u_strToUTF8(NULL, 0, &need, u, ul, &ec);
        ec = U_ZERO_ERROR;
        if (ar_buf_reserve(out, (size_t)need + 1))
            rc = AR_ENOMEM;
        else {
            u_strToUTF8(out->ptr + out->len, need + 1, &need, u, ul, &ec);
            out->len += (size_t)need;
        }
    }
    if (U_FAILURE(ec))
        rc = AR_EUNSUPPORTED;
    free(u);
    return rc;
}

int ar_translit_apply(const ar_translit *tc, const char *in_, size_t len, ar_buf *out, ar_offmap *map)
{
    if (!tc || !out || (!in_ && len))
        return AR_EINVAL;
    ar_translit *t = (ar_translit *)tc; /* only the lock changes */
    const unsigned char *in = (const unsigned char *)in_;
    size_t base = out->len, i = 0;
    int rc = AR_OK;
    if (ar_buf_reserve(out, len * 2 + 8))
        return AR_ENOMEM;
    while (i < len && !rc) {
        int32_t cp;
        int cl = ar_utf8_decode(in + i, len - i, &cp);
        if (t->reverse) {
            uint16_t a = in[i] < 128 ? t->rev[in[i]] : 0;
            if (a) {
                char b[4];
                int bl = ar_utf8_encode(a, b);
                push(map, &rc, out->len - base, i);
                rc = rc ? rc : ar_buf_append(out, b, (size_t)bl);
                push(map, &rc, out->len - base, i + 1);
            } else if (!rc)
                rc = ar_buf_append(out, in + i, (size_t)cl);
            i += (size_t)cl;
            continue;
        }
        if (t->utr && cp >= 0x0600 && cp < 0x0700) {
            size_t j = i;
            while (j < len) {
                int32_t c2;
                int l2 = ar_utf8_decode(in + j, len - j, &c2);
                if (c2 < 0x0600 || c2 >= 0x0700)
                    break;
                j += (size_t)l2;
            }
            push(map, &rc, out->len - base, i);
            rc = rc ? rc : iso_run(t, (const char *)in + i, j - i, out);
            push(map, &rc, out->len - base, j);
            i = j;
            continue;
        }
        char c = !t->utr && cp >= 0 && cp < 0x700 ? t->fwd[cp] : 0;
        if (c && cp >= 0x80) {
            push(map, &rc, out->len - base, i);
            rc = rc ? rc : ar_buf_putc(out, c);
            push(map, &rc, out->len - base, i + (size_t)cl);
        } else if (!rc)
            rc = ar_buf_append(out, in + i, (size_t)cl);
        i += (size_t)cl;
    }
    push(map, &rc, out->len - base, len);
    return rc;
}
