/* SPDX-License-Identifier: MIT */
/* The date recognizer: compile (lexicon), then per call fold the text, cut
 * it into tokens, tag each word with its longest lexicon entry, run the
 * grammar and map the mentions back to the original bytes. */
#include "dates_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const calendars[] = {"islamic-umalqura", "islamic", "islamic-civil", "islamic-tbla",
                                        "islamic-rgsa", NULL};

int ar_dates_new(ar_dates **out, const ar_dates_opts *opts, ar_diag *diag)
{
    if (!out)
        return AR_EINVAL;
    *out = NULL;
    ar_dates *d = calloc(1, sizeof *d);
    if (!d)
        return AR_ENOMEM;
    if (opts)
        d->opts = *opts;
    const char *cal = d->opts.calendar ? d->opts.calendar : "islamic-umalqura";
    int known = 0;
    for (int i = 0; calendars[i]; i++)
        known |= strcmp(cal, calendars[i]) == 0;
    if (!known) {
        if (diag)
            ar_diag_set(diag, -1, -1, "unknown calendar '%s' (islamic-umalqura, islamic, islamic-civil, "
                                      "islamic-tbla, islamic-rgsa)", cal);
        free(d);
        return AR_ENOTFOUND;
    }
    snprintf(d->calendar, sizeof d->calendar, "%s", cal);
    d->opts.calendar = d->calendar;
    if (d->opts.ref.y && !cal_valid(d->opts.ref.y, d->opts.ref.m, d->opts.ref.d)) {
        if (diag)
            ar_diag_set(diag, -1, -1, "invalid reference date %04d-%02d-%02d", d->opts.ref.y, d->opts.ref.m,
                        d->opts.ref.d);
        free(d);
        return AR_EINVAL;
    }
    int rc = dates_lexicon_build(d);
    if (rc) {
        if (diag)
            ar_diag_set(diag, -1, -1, "cannot build the date lexicon: %s", ar_strerror(rc));
        ar_dates_free(d);
        return rc;
    }
    *out = d;
    return AR_OK;
}

void ar_dates_free(ar_dates *d)
{
    if (!d)
        return;
    dates_lexicon_free(&d->lx);
    ar_norm_free(d->norm);
    free(d);
}

size_t ar_dates_lexicon_size(const ar_dates *d, size_t *from_icu)
{
    if (from_icu)
        *from_icu = d ? d->lx.from_icu : 0;
    return d ? d->lx.n : 0;
}

int ar_dates_scratch_new(ar_dates_scratch **out)
{
    if (!out)
        return AR_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? AR_OK : AR_ENOMEM;
}

void ar_dates_scratch_free(ar_dates_scratch *s)
{
    if (!s)
        return;
    ar_buf_free(&s->fold);
    ar_offmap_free(&s->map);
    free(s->t);
    free(s->m);
    if (s->cal)
        ucal_close(s->cal);
    free(s);
}

int ar_dates_hijri_to_gregorian(const ar_dates *d, ar_dates_scratch *s, ar_ymd hijri, ar_ymd *greg)
{
    if (!d || !s || !greg)
        return AR_EINVAL;
    int rc = cal_hijri_to_greg(s, d->calendar, hijri.y, hijri.m, hijri.d, greg);
    if (rc)
        return rc;
    /* ICU's non-lenient check does not catch day 30 of a 29-day month in
     * every Islamic calendar: round-trip to be sure. */
    int hy, hm, hd;
    if (cal_greg_to_hijri(s, d->calendar, *greg, &hy, &hm, &hd) || hy != hijri.y || hm != hijri.m
        || hd != hijri.d)
        return AR_ESYNTAX;
    return AR_OK;
}

/* ---- tokens ---------------------------------------------------------------- */

static int is_arabic_letter(int32_t cp)
{
    return (cp >= 0x0621 && cp <= 0x064A) || (cp >= 0x0671 && cp <= 0x06D3) || (cp >= 0x06FA && cp <= 0x06FF)
           || cp == 0x06D5;
}

/* Two-byte sequences (all of Arabic) decoded in line; the rest by the library. */
static inline int decode(const unsigned char *s, size_t n, int32_t *cp)
{
    if (n >= 2 && s[0] >= 0xC2 && s[0] < 0xE0 && (s[1] & 0xC0) == 0x80) {
        *cp = ((int32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
        return 2;
    }
    return ar_utf8_decode(s, n, cp);
}

static int push_tok(ar_dates_scratch *s, dtok t)
{
    if (s->nt == s->tcap) {
        size_t nc = s->tcap ? s->tcap * 2 : 256;
        dtok *nt = realloc(s->t, nc * sizeof *nt);
        if (!nt)
            return AR_ENOMEM;
        s->t = nt;
        s->tcap = nc;
    }
    s->t[s->nt++] = t;
    return AR_OK;
}

static int tokenize(ar_dates_scratch *s)
{
    const unsigned char *f = (const unsigned char *)s->fold.ptr;
    size_t n = s->fold.len, i = 0;
    int space = 1;
    s->nt = 0;
    while (i < n) {
        unsigned char c = f[i];
        dtok t;
        memset(&t, 0, sizeof t);
        t.s = (uint32_t)i;
        t.sp_before = (uint8_t)space;
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') {
            space = 1;
            i++;
            continue;
        }
        if (c >= '0' && c <= '9') {
            int64_t v = 0;
            size_t k = i;
            while (k < n && f[k] >= '0' && f[k] <= '9') {
                if (v < 1000000000)
                    v = v * 10 + (f[k] - '0');
                k++;
            }
            t.type = T_NUM;
            t.ndig = (uint8_t)(k - i > 255 ? 255 : k - i);
            t.num = v >= 1000000000 ? -1 : (int32_t)v;
            i = k;
        } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
            size_t k = i;
            while (k < n && (((f[k] | 0x20) >= 'a' && (f[k] | 0x20) <= 'z') || (f[k] >= '0' && f[k] <= '9')))
                k++;
            t.type = T_LATIN;
            i = k;
        } else if (c < 0x80) {
            t.type = T_PUNCT;
            t.ch = (char)c;
            i++;
        } else {
            int32_t cp;
            int l = decode(f + i, n - i, &cp);
            if (is_arabic_letter(cp)) {
                size_t k = i + (size_t)l;
                while (k < n) {
                    int l2 = decode(f + k, n - k, &cp);
                    if (!is_arabic_letter(cp))
                        break;
                    k += (size_t)l2;
                }
                t.type = T_WORD;
                i = k;
            } else {
                t.type = T_PUNCT;
                i += (size_t)l;
            }
        }
        t.e = (uint32_t)i;
        space = 0;
        if (push_tok(s, t))
            return AR_ENOMEM;
    }
    return AR_OK;
}

/* Proclitics tried when a word is not in the lexicon as it stands. */
#define WAW "\xd9\x88"   /* و */
#define FA "\xd9\x81"    /* ف */
#define BA "\xd8\xa8"    /* ب */
#define LAM "\xd9\x84"   /* ل */
#define KAF "\xd9\x83"   /* ك */

static const lx_entry *lookup_word(const ar_dates *d, const char *w, size_t len, uint8_t *clitic, uint8_t *waw)
{
    const lx_entry *e = dates_lexicon_get(&d->lx, w, len);
    *clitic = 0;
    *waw = 0;
    if (e)
        return e;
    size_t k = 0;
    int w_only = 0;
    if (len > 4 && (memcmp(w, WAW, 2) == 0 || memcmp(w, FA, 2) == 0)) {
        k = 2;
        w_only = 1;
        e = dates_lexicon_get(&d->lx, w + k, len - k);
        if (e) {
            *clitic = 2;
            *waw = 1;
            return e;
        }
    }
    if (len > k + 4 && (memcmp(w + k, BA, 2) == 0 || memcmp(w + k, LAM, 2) == 0 || memcmp(w + k, KAF, 2) == 0)) {
        /* لل + word = ل + ال + word: try with the article restored */
        if (memcmp(w + k, LAM LAM, 4) == 0 && len > k + 6) {
            char tmp[128];
            size_t rl = len - k - 4;
            if (rl + 4 <= sizeof tmp) {
                memcpy(tmp, "\xd8\xa7\xd9\x84", 4); /* ال */
                memcpy(tmp + 4, w + k + 4, rl);
                e = dates_lexicon_get(&d->lx, tmp, rl + 4);
                if (e) {
                    *clitic = (uint8_t)(k + 2);
                    return e;
                }
            }
        }
        e = dates_lexicon_get(&d->lx, w + k + 2, len - k - 2);
        if (e) {
            *clitic = (uint8_t)(k + 2);
            return e;
        }
    }
    (void)w_only;
    return NULL;
}

static void tag(const ar_dates *d, ar_dates_scratch *s)
{
    const char *f = s->fold.ptr;
    for (size_t i = 0; i < s->nt; i++) {
        dtok *t = &s->t[i];
        if (t->type != T_WORD)
            continue;
        t->lx = t->lx1 = lookup_word(d, f + t->s, t->e - t->s, &t->clitic, &t->waw);
        t->span = t->lx ? 1 : 0;
        if (t->clitic == 0 && t->e - t->s > 0) {
            /* the special لل form is stripped to ل+ال: multi-word keys start
             * at the stripped word; keep it simple and only try unstripped
             * and و/ف-stripped first words */
        }
        size_t ws = t->s + t->clitic, wl = t->e - ws;
        if (t->clitic && !t->waw)
            continue; /* multi-word names do not take ب/ل/ك */
        int max = t->lx ? t->lx->multi : 0;
        if (max < 2)
            continue;
        char key[256];
        if (wl >= sizeof key)
            continue;
        memcpy(key, f + ws, wl);
        size_t kl = wl;
        int best = 0;
        const lx_entry *be = NULL;
        for (int k = 1; k < max && i + (size_t)k < s->nt; k++) {
            const dtok *u = &s->t[i + (size_t)k];
            if (u->type != T_WORD || !u->sp_before || kl + 1 + (u->e - u->s) >= sizeof key)
                break;
            key[kl++] = ' ';
            memcpy(key + kl, f + u->s, u->e - u->s);
            kl += u->e - u->s;
            const lx_entry *e = dates_lexicon_get(&d->lx, key, kl);
            if (e) {
                best = k + 1;
                be = e;
            }
        }
        if (be) {
            t->lx = be;
            t->span = (uint8_t)best;
        }
    }
}

static int ref_or_none(const ar_dates *d, const ar_ymd *ref, ar_ymd *out)
{
    if (ref && ref->y && cal_valid(ref->y, ref->m, ref->d))
        *out = *ref;
    else
        *out = d->opts.ref;
    return out->y != 0;
}

int ar_dates_scan(const ar_dates *d, ar_dates_scratch *s, const char *text, size_t len, const ar_ymd *ref,
                  const ar_date_mention **out, size_t *n)
{
    if (!d || !s || (!text && len) || !out || !n)
        return AR_EINVAL;
    *out = NULL;
    *n = 0;
    s->nm = 0;
    ar_buf_clear(&s->fold);
    ar_offmap_clear(&s->map);
    if (len == 0)
        return AR_OK;
    /* Fast exit: no digit, no Arabic letter, nothing to find. */
    int rc = ar_norm_apply(d->norm, text, len, &s->fold, &s->map);
    if (rc)
        return rc;
    if ((rc = tokenize(s)))
        return rc;
    tag(d, s);
    dates_ctx c;
    memset(&c, 0, sizeof c);
    c.d = d;
    c.s = s;
    c.f = s->fold.ptr;
    c.flen = s->fold.len;
    ref_or_none(d, ref, &c.ref);
    c.future_hint = -1;
    if ((rc = dates_grammar_run(&c)))
        return rc;
    /* folded spans -> original byte offsets */
    for (size_t i = 0; i < s->nm; i++) {
        ar_date_mention *m = &s->m[i];
        size_t a = ar_offmap_start(&s->map, m->start), b = ar_offmap_end(&s->map, m->end);
        if (b > len)
            b = len;
        if (a > b)
            a = b;
        m->start = a;
        m->end = b;
    }
    *out = s->m;
    *n = s->nm;
    return AR_OK;
}
