/* SPDX-License-Identifier: MIT */
/* Transliteration: lossless Buckwalter round trips over the whole table and
 * over the corpus, pass-through of everything else, ISO 233-style output. */
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "check.h"

static ar_translit *mk(const char *scheme, int reverse)
{
    int s = -1;
    CHECK(ar_translit_scheme(scheme, &s) == AR_OK);
    ar_translit *t = NULL;
    CHECK(ar_translit_new(&t, s, reverse) == AR_OK);
    return t;
}

static void tr_is(ar_translit *t, const char *in, const char *want, int line)
{
    ar_buf out = {0};
    ar_offmap map = {0};
    CHECK(ar_translit_apply(t, in, strlen(in), &out, &map) == AR_OK);
    size_t wl = strlen(want);
    CHECK_MSG(out.len == wl && memcmp(out.ptr, want, wl) == 0, "line %d: got \"%.*s\" want \"%s\"", line,
              (int)out.len, out.ptr, want);
    CHECK(map.n == 0 || (map.a[map.n - 1].out == out.len && map.a[map.n - 1].in == strlen(in)));
    ar_buf_free(&out);
    ar_offmap_free(&map);
}
#define TR_IS(t, in, want) tr_is(t, in, want, __LINE__)

/* Arabic code points of the Buckwalter table. */
static const int32_t table[] = {
    0x0621, 0x0622, 0x0623, 0x0624, 0x0625, 0x0626, 0x0627, 0x0628, 0x0629, 0x062A, 0x062B, 0x062C, 0x062D,
    0x062E, 0x062F, 0x0630, 0x0631, 0x0632, 0x0633, 0x0634, 0x0635, 0x0636, 0x0637, 0x0638, 0x0639, 0x063A,
    0x0640, 0x0641, 0x0642, 0x0643, 0x0644, 0x0645, 0x0646, 0x0647, 0x0648, 0x0649, 0x064A, 0x064B, 0x064C,
    0x064D, 0x064E, 0x064F, 0x0650, 0x0651, 0x0652, 0x0670, 0x0671, 0x067E, 0x0686, 0x06A4, 0x06AF};

static void round_trip(const char *scheme)
{
    ar_translit *to = mk(scheme, 0), *from = mk(scheme, 1);
    ar_buf all = {0}, mid = {0}, back = {0};
    size_t n = sizeof table / sizeof table[0];
    for (size_t i = 0; i < n; i++) {
        char c[4];
        int l = ar_utf8_encode(table[i], c);
        ar_buf_append(&all, c, (size_t)l);
        mid.len = back.len = 0;
        CHECK(ar_translit_apply(to, c, (size_t)l, &mid, NULL) == AR_OK);
        CHECK_MSG(mid.len == 1 && (unsigned char)mid.ptr[0] < 128, "%s: U+%04X -> %zu bytes", scheme,
                  (unsigned)table[i], mid.len);
        CHECK(ar_translit_apply(from, mid.ptr, mid.len, &back, NULL) == AR_OK);
        CHECK_MSG(back.len == (size_t)l && memcmp(back.ptr, c, (size_t)l) == 0, "%s: U+%04X does not come back",
                  scheme, (unsigned)table[i]);
    }
    /* codes are distinct: the whole table as one string comes back */
    mid.len = back.len = 0;
    CHECK(ar_translit_apply(to, all.ptr, all.len, &mid, NULL) == AR_OK);
    CHECK(mid.len == n);
    CHECK(ar_translit_apply(from, mid.ptr, mid.len, &back, NULL) == AR_OK);
    CHECK(back.len == all.len && memcmp(back.ptr, all.ptr, all.len) == 0);
    /* a corpus report whose Latin letters were taken out round-trips */
    const char *src = getenv("ARTEXT_SRC");
    char path[4096];
    snprintf(path, sizeof path, "%s/corpus/001_f52aea2b1973677a.txt", src ? src : ".");
    FILE *f = fopen(path, "rb");
    CHECK(f != NULL);
    if (f) {
        char buf[16384];
        size_t len = fread(buf, 1, sizeof buf, f), k = 0;
        fclose(f);
        for (size_t i = 0; i < len; i++)
            if (!((buf[i] >= 'a' && buf[i] <= 'z') || (buf[i] >= 'A' && buf[i] <= 'Z') || strchr("'|>&<}*$`{_~", buf[i])))
                buf[k++] = buf[i];
        mid.len = back.len = 0;
        CHECK(ar_translit_apply(to, buf, k, &mid, NULL) == AR_OK);
        CHECK(ar_translit_apply(from, mid.ptr, mid.len, &back, NULL) == AR_OK);
        CHECK_MSG(back.len == k && memcmp(back.ptr, buf, k) == 0, "%s: corpus report does not round-trip", scheme);
        CHECK(mid.len < k); /* two-byte letters became one-byte codes */
    }
    ar_buf_free(&all);
    ar_buf_free(&mid);
    ar_buf_free(&back);
    ar_translit_free(to);
    ar_translit_free(from);
}

int main(void)
{
    round_trip("buckwalter");
    round_trip("safe-buckwalter");
    ar_translit *bw = mk("buckwalter", 0), *safe = mk("safebw", 0), *bwr = mk("bw", 1), *iso = mk("iso233", 0);
    TR_IS(bw, "ذهب إلى الشّام", "*hb <lY Al$~Am");
    TR_IS(safe, "ذهب إلى الشّام", "Vhb IlY Alc~Am");
    TR_IS(bw, "الكاظمي 2021 (شينخوا)، ok", "AlkAZmy 2021 ($ynxwA)، ok");
    TR_IS(bwr, "muHam~ad 2021", "مُحَمّ" "َد 2021");
    TR_IS(bw, "\xff" "ب\xc3", "\xff" "b\xc3");
    TR_IS(iso, "مُحَمَّد", "muḥammad");
    TR_IS(iso, "بغداد ٨ ديسمبر", "bġdād 8 dysmbr");
    TR_IS(iso, "شرق مدينة أربيل، Erbil", "šrq mdynẗ ʾrbyl, Erbil");
    int s;
    CHECK(ar_translit_scheme("klingon", &s) == AR_ENOTFOUND);
    ar_translit *t = NULL;
    CHECK(ar_translit_new(&t, AR_TRANSLIT_ISO233, 1) == AR_EUNSUPPORTED && t == NULL);
    ar_translit_free(NULL);
    ar_translit_free(bw);
    ar_translit_free(safe);
    ar_translit_free(bwr);
    ar_translit_free(iso);
    return check_done();
}
