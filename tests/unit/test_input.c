/* SPDX-License-Identifier: MIT */
/* The input layer: chunks of whole lines whatever the chunk size, line
 * numbers, source offsets and offset maps (checked code point by code point
 * against an independent encoding of the same text), BOMs, ICU converters,
 * charset detection, HTML and XML extraction, invalid bytes counted exactly
 * (against a byte-by-byte decoder, on generated text), NUL bytes, errors. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unicode/ucnv.h>

#include "artext/input.h"
#include "check.h"


static const char *corpus_path(int i)
{
    static const char *const names[] = {"corpus/000_4d9058f67ed09ede.txt", "corpus/001_f52aea2b1973677a.txt",
                                        "corpus/002_9ad9834b9b1b2951.txt", "corpus/003_6632ca06fe799778.txt",
                                        "corpus/004_c9d40e4c5cee4790.txt"};
    return check_src_path(names[i]);
}

/* Everything an input hands out, checked for the chunk contract as it
 * comes: whole lines, consecutive line numbers. */
typedef struct drained {
    ar_buf text;
    uint64_t lines; /* line numbers seen (last first_line + lines in it) */
    int chunks, bad_cut, bad_line, bad_src;
    uint64_t last_src;
} drained;

static uint64_t nl_count(const char *p, size_t n)
{
    uint64_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += p[i] == '\n';
    return c;
}

static int drain(ar_input *in, drained *d)
{
    memset(d, 0, sizeof *d);
    ar_chunk c;
    int r, last_nl = 1;
    uint64_t line = 1;
    while ((r = ar_input_next(in, &c)) > 0) {
        if (!last_nl)
            d->bad_cut++; /* only the very last chunk may end without '\n' */
        last_nl = c.len && c.text[c.len - 1] == '\n';
        if (c.first_line != line)
            d->bad_line++;
        if (d->chunks && c.src_offset < d->last_src)
            d->bad_src++;
        d->last_src = c.src_offset;
        line += nl_count(c.text, c.len);
        ar_buf_append(&d->text, c.text, c.len);
        d->chunks++;
    }
    d->lines = line;
    return r;
}

static void test_chunking(void)
{
    size_t n;
    char *want = check_slurp(corpus_path(3), &n);
    CHECK(want && n > 1000);
    if (!want)
        return;
    static const size_t sizes[] = {1, 2, 7, 100, 4096, 0};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        for (int from_file = 0; from_file < 2; from_file++) {
            ar_input_opts o = {NULL, 0, sizes[k], 0};
            ar_input *in = NULL;
            int rc = from_file ? ar_input_open(&in, corpus_path(3), &o, NULL)
                               : ar_input_open_mem(&in, want, n, &o, NULL);
            CHECK(rc == AR_OK);
            drained d;
            CHECK(drain(in, &d) == 0);
            CHECK_MSG(d.text.len == n && memcmp(d.text.ptr, want, n) == 0, "chunk size %zu file %d", sizes[k],
                      from_file);
            CHECK(d.bad_cut == 0 && d.bad_line == 0 && d.bad_src == 0);
            CHECK(d.lines == nl_count(want, n) + 1);
            if (sizes[k] == 1)
                CHECK(d.chunks == (int)nl_count(want, n) + (want[n - 1] != '\n')); /* one line a chunk */
            CHECK(ar_input_invalid_utf8(in) == 0 && !ar_input_has_nul(in));
            CHECK(strcmp(ar_input_encoding(in), "UTF-8") == 0);
            ar_buf_free(&d.text);
            ar_input_free(in);
        }
    }
    /* Source offsets of RAW chunks are the bytes' own offsets. */
    ar_input_opts o = {NULL, 0, 500, 0};
    ar_input *in;
    CHECK(ar_input_open_mem(&in, want, n, &o, NULL) == AR_OK);
    ar_chunk c;
    int ok = 1;
    while (ar_input_next(in, &c) > 0)
        ok &= c.map == NULL && c.src_offset == (uint64_t)(c.text - want);
    CHECK(ok);
    ar_input_free(in);
    free(want);
}

/* no_line_scan (ar-grep's mode): the same chunks of the same bytes, no
 * line numbers and no UTF-8 verdict, but a NUL byte anywhere still makes
 * the input binary. Decoded text is counted as before. */
static void test_no_line_scan(void)
{
    size_t n;
    char *rep = check_slurp(corpus_path(1), &n);
    CHECK(rep && n > 1000);
    if (!rep)
        return;
    /* The report with an invalid byte and then a NUL byte after the middle. */
    char *t = malloc(n + 4);
    size_t half = n / 2;
    memcpy(t, rep, half);
    memcpy(t + half, "\xFF\n\0\n", 4);
    memcpy(t + half + 4, rep + half, n - half);
    static const size_t sizes[] = {1, 7, 100, 0};
    for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
        for (int with_nul = 0; with_nul < 2; with_nul++) {
            const char *text = with_nul ? t : rep;
            size_t len = with_nul ? n + 4 : n;
            ar_input_opts o = {NULL, 0, sizes[k], 1};
            ar_input *in = NULL;
            CHECK(ar_input_open_mem(&in, text, len, &o, NULL) == AR_OK);
            ar_buf got = {0};
            ar_chunk c;
            int r, zero_lines = 1, unverified = 1, seen_nul_at = -1, chunks = 0;
            while ((r = ar_input_next(in, &c)) > 0) {
                zero_lines &= c.first_line == 0;
                unverified &= c.valid_utf8 == 0;
                if (seen_nul_at < 0 && ar_input_has_nul(in))
                    seen_nul_at = chunks;
                ar_buf_append(&got, c.text, c.len);
                chunks++;
            }
            CHECK(r == 0 && got.len == len && memcmp(got.ptr, text, len) == 0);
            CHECK(zero_lines && unverified && ar_input_invalid_utf8(in) == 0);
            CHECK_MSG(ar_input_has_nul(in) == with_nul, "chunk size %zu", sizes[k]);
            if (with_nul && sizes[k] == 1) /* noted with the chunk that holds it, not before */
                CHECK(seen_nul_at == (int)nl_count(t, half + 2));
            ar_buf_free(&got);
            ar_input_free(in);
        }
    }
    /* windows-1256 is decoded: its chunks keep their line numbers. */
    ar_input_opts o = {"windows-1256", 0, 5, 1};
    ar_input *in = NULL;
    const char *cp = "\xC8\xDB\xCF\xC7\xCF\n\xE3\xCE\xE3\xE6\xD1\n"; /* بغداد / مخمور */
    CHECK(ar_input_open_mem(&in, cp, strlen(cp), &o, NULL) == AR_OK);
    drained d;
    CHECK(drain(in, &d) == 0 && d.bad_line == 0 && d.lines == 3);
    CHECK(d.text.len == strlen("بغداد\nمخمور\n") && memcmp(d.text.ptr, "بغداد\nمخمور\n", d.text.len) == 0);
    ar_buf_free(&d.text);
    ar_input_free(in);
    free(t);
    free(rep);
}

static void test_lines_and_empty(void)
{
    ar_input *in;
    CHECK(ar_input_open_mem(&in, "", 0, NULL, NULL) == AR_OK);
    ar_chunk c;
    CHECK(ar_input_next(in, &c) == 0);
    ar_input_free(in);

    const char *t = "أ\nب\r\n\nج";
    CHECK(ar_input_open_mem(&in, t, strlen(t), NULL, NULL) == AR_OK);
    CHECK(ar_input_next(in, &c) == 1);
    size_t pos = 0, len;
    const char *line;
    int nl;
    CHECK(ar_chunk_next_line(&c, &pos, &line, &len, &nl) == 1 && len == 2 && nl == 1);
    CHECK(ar_chunk_next_line(&c, &pos, &line, &len, &nl) == 1 && len == 3 && line[2] == '\r' && nl);
    CHECK(ar_chunk_next_line(&c, &pos, &line, &len, &nl) == 1 && len == 0 && nl);
    CHECK(ar_chunk_next_line(&c, &pos, &line, &len, &nl) == 0);
    /* The last line, without its newline, is a chunk of its own. */
    CHECK(ar_input_next(in, &c) == 1 && c.first_line == 4);
    pos = 0;
    CHECK(ar_chunk_next_line(&c, &pos, &line, &len, &nl) == 1 && len == 2 && !nl);
    CHECK(ar_input_next(in, &c) == 0);
    ar_input_free(in);

    /* A line far longer than the chunk size comes whole. */
    size_t big = 3 << 20;
    char *s = malloc(big + 3);
    for (size_t i = 0; i < big; i += 2)
        memcpy(s + i, "\xd8\xa8", 2);
    memcpy(s + big, "\nx", 3);
    ar_input_opts o = {NULL, 0, 1024, 0};
    CHECK(ar_input_open_mem(&in, s, big + 2, &o, NULL) == AR_OK);
    CHECK(ar_input_next(in, &c) == 1 && c.len == big + 1);
    CHECK(ar_input_next(in, &c) == 1 && c.len == 1 && c.first_line == 2 && c.src_offset == big + 1);
    CHECK(ar_input_next(in, &c) == 0);
    ar_input_free(in);
    free(s);
}

/* Text made of pieces that stress the word-at-a-time checker: ASCII runs,
 * two-byte letters, three- and four-byte characters, overlong and
 * truncated sequences, stray continuation bytes, NULs and newlines, at
 * every alignment. */
static size_t gen_text(char *out, size_t cap, unsigned seed)
{
    static const char *const pieces[] = {"a",
                                         "abcdefgh",
                                         " ",
                                         "\n",
                                         "\xd8\xa7",
                                         "\xd9\x84\xd9\x83",
                                         "\xe2\x80\x8c",
                                         "\xe2\x80\x9c",
                                         "\xf0\x9f\x98\x80",
                                         "\xc0\x80",
                                         "\xc1\xbf",
                                         "\x80",
                                         "\xbf",
                                         "\xff",
                                         "\xfe",
                                         "\xd8",
                                         "\xe2\x80",
                                         "\xed\xa0\x80",
                                         "\xf4\x90\x80\x80",
                                         "\xe0\x80\xaf",
                                         "\xc2\xa0",
                                         "\xdf\xbf",
                                         "\xe0\xa0\x80",
                                         "\xed\x9f\xbf",
                                         "\xef\xbf\xbd",
                                         "\xe0\x9f\xbf",
                                         "\xed\xbf\xbf"};
    size_t n = 0;
    while (n + 8 < cap) {
        seed = seed * 1103515245u + 12345u;
        unsigned k = (seed >> 16) % (sizeof pieces / sizeof *pieces);
        /* Mostly letters and spaces, as in real text. */
        if (((seed >> 8) & 3) != 0)
            k = ((seed >> 12) & 1) ? 4 : 2;
        size_t l = strlen(pieces[k]);
        memcpy(out + n, pieces[k], l);
        n += l;
        if (((seed >> 20) & 63) == 0)
            out[n++] = 0;
    }
    return n;
}

extern int artext_input_scan_level; /* lib/input.c: widest scan step used */

static void test_invalid_counts(void)
{
    char buf[5000];
    for (int level = 2; level >= 0; level--) {
        artext_input_scan_level = level;
        for (unsigned seed = 1; seed <= 300; seed++) {
            size_t n = gen_text(buf, sizeof buf - (seed % 13), seed);
            size_t first = 0;
            uint64_t want = check_count_invalid(buf, n, &first);
            int nul = memchr(buf, 0, n) != NULL;
            for (size_t cs = 1; cs <= 4096; cs *= 8) {
                ar_input_opts o = {"utf-8", 0, cs, 0};
                ar_input *in;
                CHECK(ar_input_open_mem(&in, buf, n, &o, NULL) == AR_OK);
                drained d;
                drain(in, &d);
                CHECK_MSG(ar_input_invalid_utf8(in) == want,
                          "level %d seed %u cs %zu: %llu invalid, want %llu", level, seed, cs,
                          (unsigned long long)ar_input_invalid_utf8(in), (unsigned long long)want);
                CHECK(!want || ar_input_first_invalid(in) == first);
                CHECK(ar_input_has_nul(in) == nul);
                CHECK(d.text.len == n && memcmp(d.text.ptr, buf, n) == 0 && d.bad_line == 0);
                CHECK(d.lines == nl_count(buf, n) + 1);
                ar_buf_free(&d.text);
                ar_input_free(in);
            }
        }
    }
    artext_input_scan_level = 2;
    /* A bad byte at a known place. */
    const char *t = "ok\n\xd8\xa7\xff\xd8\xa8\n";
    ar_input *in;
    CHECK(ar_input_open_mem(&in, t, strlen(t), NULL, NULL) == AR_OK);
    drained d;
    drain(in, &d);
    CHECK(ar_input_invalid_utf8(in) == 1 && ar_input_first_invalid(in) == 5);
    ar_buf_free(&d.text);
    ar_input_free(in);
}

/* Converts UTF-8 to another encoding with ICU; also returns, for each code
 * point of the UTF-8 text, the offset of its bytes in the result. */
static char *encode(const char *name, const char *u8, size_t n, size_t *outlen, size_t **starts, size_t *ncp)
{
    UErrorCode st = U_ZERO_ERROR;
    UConverter *cv = ucnv_open(name, &st);
    if (U_FAILURE(st))
        return NULL;
    ar_buf out = {0};
    size_t *s = malloc((n + 1) * sizeof *s), k = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = ar_utf8_decode((const unsigned char *)u8 + i, n - i, &cp);
        UChar u[2];
        int32_t ul = 0;
        if (cp >= 0x10000) {
            u[0] = (UChar)(0xD7C0 + (cp >> 10));
            u[1] = (UChar)(0xDC00 | (cp & 0x3FF));
            ul = 2;
        } else
            u[ul++] = (UChar)cp;
        char tmp[16];
        st = U_ZERO_ERROR;
        int32_t w = ucnv_fromUChars(cv, tmp, sizeof tmp, u, ul, &st);
        s[k++] = out.len;
        ar_buf_append(&out, tmp, (size_t)w);
        ucnv_resetFromUnicode(cv);
        i += (size_t)l;
    }
    s[k] = out.len;
    ucnv_close(cv);
    *outlen = out.len;
    *starts = s;
    *ncp = k;
    return out.ptr;
}

/* Decoded input: the text equals the original and every code point's
 * start maps to where its bytes are in the source. */
static void check_decoded(const char *label, const char *enc_in_opts, const char *bom, size_t blen,
                          const char *icu_name, const char *u8, size_t n, size_t chunk)
{
    size_t elen, *starts, ncp;
    char *e = encode(icu_name, u8, n, &elen, &starts, &ncp);
    CHECK_MSG(e != NULL, "%s: no converter", label);
    if (!e)
        return;
    char *src = malloc(blen + elen + 1);
    memcpy(src, bom, blen);
    memcpy(src + blen, e, elen);
    ar_input_opts o = {enc_in_opts, 0, chunk, 0};
    ar_input *in;
    CHECK(ar_input_open_mem(&in, src, blen + elen, &o, NULL) == AR_OK);
    ar_chunk c;
    ar_buf text = {0};
    size_t cpi = 0;
    int bad = 0, lines_ok = 1;
    uint64_t line = 1;
    while (ar_input_next(in, &c) > 0) {
        lines_ok &= c.first_line == line;
        line += nl_count(c.text, c.len);
        for (size_t i = 0; i < c.len;) {
            int32_t cp;
            int l = ar_utf8_decode((const unsigned char *)c.text + i, c.len - i, &cp);
            uint64_t s = c.src_offset + ar_offmap_start(c.map, i);
            uint64_t en = c.src_offset + ar_offmap_end(c.map, i + (size_t)l);
            if (cpi < ncp && (s != blen + starts[cpi] || en != blen + starts[cpi + 1]))
                bad++;
            cpi++;
            i += (size_t)l;
        }
        ar_buf_append(&text, c.text, c.len);
    }
    CHECK_MSG(text.len == n && memcmp(text.ptr, u8, n) == 0, "%s: decoded text differs (%zu vs %zu)", label, text.len, n);
    CHECK_MSG(bad == 0 && cpi == ncp, "%s (chunk %zu): %d code points map to the wrong source bytes", label,
              chunk, bad);
    CHECK(lines_ok);
    CHECK(ar_input_invalid_utf8(in) == 0);
    ar_buf_free(&text);
    ar_input_free(in);
    free(src);
    free(e);
    free(starts);
}

static void test_encodings(void)
{
    size_t n;
    char *r = check_slurp(corpus_path(0), &n);
    if (!r)
        return;
    /* Drop what windows-1256 cannot carry so the round trip is exact. */
    const char *sample = "وصل رئيس الوزراء العراقي مصطفى الكاظمي إلى مخمور، يوم الأربعاء 8 ديسمبر 2021.\n"
                         "«قال» “نعم” ؟ ؛\nسطر بلا نهاية";
    for (size_t cs = 1; cs <= 1 << 20; cs *= 32) {
        check_decoded("UTF-16LE BOM", NULL, "\xFF\xFE", 2, "UTF-16LE", r, n, cs);
        check_decoded("UTF-16BE BOM", NULL, "\xFE\xFF", 2, "UTF-16BE", r, n, cs);
        check_decoded("UTF-32LE BOM", NULL, "\xFF\xFE\0\0", 4, "UTF-32LE", sample, strlen(sample), cs);
        check_decoded("windows-1256", "windows-1256", "", 0, "windows-1256", sample, strlen(sample), cs);
        check_decoded("utf-16 named", "utf-16le", "", 0, "UTF-16LE", r, n, cs);
    }
    /* Longer than one conversion buffer (8192 UTF-16 units): offsets stay
     * right across ICU's calls. */
    ar_buf big = {0};
    for (int k = 0; k < 40; k++)
        ar_buf_append(&big, sample, strlen(sample));
    ar_buf once = {0};
    ar_buf_append(&once, big.ptr, big.len);
    for (size_t k = 0; k < 3; k++)
        ar_buf_append(&big, once.ptr, once.len);
    ar_buf_free(&once);
    /* the first half one long line */
    for (size_t i = 0; i < big.len / 2; i++)
        if (big.ptr[i] == '\n')
            big.ptr[i] = ' ';
    check_decoded("windows-1256, long", "windows-1256", "", 0, "windows-1256", big.ptr, big.len, 0);
    check_decoded("UTF-16LE, long", NULL, "\xFF\xFE", 2, "UTF-16LE", big.ptr, big.len, 0);
    check_decoded("UTF-16LE, long, small chunks", NULL, "\xFF\xFE", 2, "UTF-16LE", big.ptr, big.len, 100);
    ar_buf_free(&big);
    const char *iso = "وصل رئيس الوزراء إلى مخمور، يوم الأربعاء.\nسطر ثان؟\n";
    check_decoded("ISO-8859-6", "ISO-8859-6", "", 0, "ISO-8859-6", iso, strlen(iso), 0);

    /* The UTF-8 BOM is skipped and the offsets still count it. */
    ar_input *in;
    const char *bom = "\xEF\xBB\xBFأ\n";
    CHECK(ar_input_open_mem(&in, bom, strlen(bom), NULL, NULL) == AR_OK);
    ar_chunk c;
    CHECK(ar_input_next(in, &c) == 1 && c.len == 3 && c.src_offset == 3 && memcmp(c.text, "أ\n", 3) == 0);
    ar_input_free(in);

    /* auto: windows-1256 bytes are recognised, UTF-8 stays UTF-8. */
    size_t elen, *starts, ncp;
    char *e = encode("windows-1256", sample, strlen(sample), &elen, &starts, &ncp);
    ar_input_opts o = {"auto", 0, 0, 0};
    CHECK(ar_input_open_mem(&in, e, elen, &o, NULL) == AR_OK);
    drained d;
    drain(in, &d);
    CHECK_MSG(strcmp(ar_input_encoding(in), "windows-1256") == 0, "auto detected %s", ar_input_encoding(in));
    CHECK(d.text.len == strlen(sample) && memcmp(d.text.ptr, sample, d.text.len) == 0);
    ar_buf_free(&d.text);
    ar_input_free(in);
    free(e);
    free(starts);
    CHECK(ar_input_open_mem(&in, r, n, &o, NULL) == AR_OK);
    CHECK(strcmp(ar_input_encoding(in), "UTF-8") == 0);
    ar_input_free(in);

    /* Bytes ISO-8859-6 does not assign become U+FFFD and are counted. */
    o.encoding = "ISO-8859-6";
    CHECK(ar_input_open_mem(&in,
                            "a\xA1"
                            "b\n",
                            4, &o, NULL) == AR_OK);
    drain(in, &d);
    CHECK(d.text.len == 6 && memcmp(d.text.ptr,
                                    "a\xEF\xBF\xBD"
                                    "b\n",
                                    6) == 0);
    CHECK(ar_input_invalid_utf8(in) == 1 && ar_input_first_invalid(in) == 1);
    ar_buf_free(&d.text);
    ar_input_free(in);

    /* A UTF-16 NUL is noticed like a UTF-8 one. */
    CHECK(ar_input_open_mem(&in,
                            "\xFF\xFE"
                            "a\0\0\0\n\0",
                            8, NULL, NULL) == AR_OK);
    drain(in, &d);
    CHECK(ar_input_has_nul(in) && d.text.len == 3);
    ar_buf_free(&d.text);
    ar_input_free(in);

    /* Unknown names are an error with a message. */
    ar_diag diag = {0};
    o.encoding = "no-such-charset";
    CHECK(ar_input_open_mem(&in, "x", 1, &o, &diag) == AR_EENCODING && in == NULL);
    CHECK(strstr(diag.msg, "no-such-charset") != NULL);
    free(r);
}

/* Runs of characters of one width and single characters of another, in
 * encodings where widths vary (UTF-16 surrogate pairs, GB18030's one, two
 * and four bytes): each change of width is where the decoder's
 * sparse anchors must fall, and the checkpoints between them must count
 * right. */
static size_t gen_mixed(char *out, size_t cap, unsigned seed, int cjk)
{
    static const char *const pieces[] = {"a", "abc  xyz", "\n", "\xd8\xa7\xd9\x84", "\xd9\x83", "\xe4\xb8\xad",
                                         "\xe6\x96\x87\xe5\xad\x97", "\xf0\x9f\x98\x80", "\xf0\xa0\x80\x80", "\xc3\xa9"};
    size_t n = 0;
    while (n + 16 < cap) {
        seed = seed * 1103515245u + 12345u;
        unsigned k = (seed >> 16) % (sizeof pieces / sizeof *pieces);
        if (!cjk && (k == 5 || k == 6 || k == 9))
            k = 3;
        unsigned rep = 1 + ((seed >> 8) & 1 ? (seed >> 10) % 90 : 0); /* long runs cross checkpoints */
        for (unsigned r = 0; r < rep && n + 16 < cap; r++) {
            size_t l = strlen(pieces[k]);
            memcpy(out + n, pieces[k], l);
            n += l;
        }
    }
    return n;
}

static void test_mixed_widths(void)
{
    enum { CAP = 60000 };
    char *t = malloc(CAP);
    for (unsigned seed = 1; seed <= 6; seed++) {
        size_t n = gen_mixed(t, CAP, seed, 1);
        for (size_t cs = 7; cs <= 1 << 20; cs *= 23) {
            check_decoded("UTF-16LE mixed", "UTF-16LE", "", 0, "UTF-16LE", t, n, cs);
            check_decoded("UTF-16BE mixed", "UTF-16BE", "", 0, "UTF-16BE", t, n, cs);
            check_decoded("GB18030 mixed", "GB18030", "", 0, "GB18030", t, n, cs);
        }
        n = gen_mixed(t, CAP, seed, 0);
        /* one line of it: the whole text in one chunk */
        for (size_t i = 0; i < n; i++)
            if (t[i] == '\n')
                t[i] = ' ';
        check_decoded("UTF-32BE one line", "UTF-32BE", "", 0, "UTF-32BE", t, n, 0);
        check_decoded("UTF-16LE one line", "UTF-16LE", "", 0, "UTF-16LE", t, n, 64);
    }
    free(t);
    /* The last character's width is known only at the end of the source. */
    static const char *const ends[] = {"abc" "\xe4\xb8\xad\xe6\x96\x87\n", "abc" "\xe4\xb8\xad\xe6\x96\x87",
                                       "\xe4\xb8\xad\xe6\x96\x87" "a", "\xe4\xb8\xad\xe6\x96\x87\xf0\x9f\x98\x80",
                                       "ab\xf0\x9f\x98\x80", "\xf0\x9f\x98\x80\xf0\x9f\x98\x80" "a\n"};
    for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
        check_decoded("GB18030 end", "GB18030", "", 0, "GB18030", ends[i], strlen(ends[i]), 0);
        check_decoded("UTF-16LE end", "UTF-16LE", "", 0, "UTF-16LE", ends[i], strlen(ends[i]), 0);
    }

    /* An unassigned byte between runs: U+FFFD from one source byte, and the
     * offsets after it still right. */
    ar_buf src = {0}, want = {0};
    for (int r = 0; r < 50; r++) {
        ar_buf_append(&src, "\xC7\xE4\xE3 abc ", 8); /* الك abc in ISO-8859-6 */
        ar_buf_append(&want, "\xd8\xa7\xd9\x84\xd9\x83 abc ", 11);
        if (r % 7 == 3)
            ar_buf_append(&src, "\xA1", 1), ar_buf_append(&want, "\xef\xbf\xbd", 3);
    }
    ar_input_opts o = {"ISO-8859-6", 0, 0, 0};
    ar_input *in;
    CHECK(ar_input_open_mem(&in, src.ptr, src.len, &o, NULL) == AR_OK);
    ar_chunk c;
    int bad = 0;
    CHECK(ar_input_next(in, &c) == 1 && c.len == want.len && memcmp(c.text, want.ptr, want.len) == 0);
    /* walk both texts: every code point maps to its own source byte */
    size_t si = 0;
    for (size_t i = 0; i < c.len; si++) {
        int32_t cp;
        int l = ar_utf8_decode((const unsigned char *)c.text + i, c.len - i, &cp);
        bad += ar_offmap_start(c.map, i) != si || ar_offmap_end(c.map, i + (size_t)l) != si + 1;
        /* inside a character: its start, or its end */
        if (l > 1)
            bad += ar_offmap_start(c.map, i + 1) != si || ar_offmap_end(c.map, i + 1) != si + 1;
        i += (size_t)l;
    }
    CHECK_MSG(bad == 0 && si == src.len, "%d offsets wrong around U+FFFD", bad);
    CHECK(ar_input_invalid_utf8(in) == 7);
    ar_input_free(in);
    ar_buf_free(&src);
    ar_buf_free(&want);
}

static char *all_text(const char *data, int html, const char *enc)
{
    ar_input_opts o = {enc, html, 0, 0};
    ar_input *in;
    if (ar_input_open_mem(&in, data, strlen(data), &o, NULL) != AR_OK)
        return NULL;
    drained d;
    drain(in, &d);
    ar_buf_putc(&d.text, 0);
    ar_input_free(in);
    return d.text.ptr;
}

static void test_html(void)
{
    const char *page = "<!DOCTYPE html>\n<html><head><title>عنوان</title><style>p { color: red }</style>"
                       "<script>var s = \"الكاظمي\";</script></head>\n<body>\n"
                       "<h1>زيارة   مخمور</h1>\n<p>وصل <b>الكاظمي</b> إلى\n مخمور &amp; أربيل.</p>"
                       "<div>سطر<br>ثان</div><table><tr><td>أ</td><td>ب</td></tr></table>"
                       "<!-- تعليق --><noscript>لا</noscript><p>&#1575;&nbsp;x</p></body></html>\n";
    char *t = all_text(page, 1, NULL);
    CHECK(t != NULL);
    if (t)
        CHECK_MEM(t, strlen(t),
                  "عنوان\nزيارة مخمور\nوصل الكاظمي إلى مخمور & أربيل.\nسطر\nثان\nأ\tب\nا\xC2\xA0x\n");
    free(t);
    /* Detection (html = -1) finds the same page; plain text is left alone. */
    char *t2 = all_text(page, -1, NULL);
    char *t1 = all_text(page, 1, NULL);
    CHECK(t1 && t2 && strcmp(t1, t2) == 0);
    free(t1);
    free(t2);
    const char *plain = "<b>ليس صفحة</b>\n";
    t = all_text(plain, -1, NULL);
    CHECK(t && strcmp(t, plain) == 0);
    free(t);
    /* A page in windows-1256 that says so, and one we are told about. */
    const char *cp_page =
        "<html><head><meta "
        "charset=\"windows-1256\"></head><body><p>\xC7\xE1\xDA\xD1\xC7\xDE</p></body></html>";
    t = all_text(cp_page, 1, NULL);
    CHECK(t && strcmp(t, "العراق\n") == 0);
    free(t);
    t = all_text("<p>\xC7\xE1\xDA\xD1\xC7\xDE</p>", 1, "windows-1256");
    CHECK(t && strcmp(t, "العراق\n") == 0);
    free(t);
    /* XML keeps its text as written, markup removed. */
    const char *xml = "<?xml version=\"1.0\"?>\n<TimeML>وصل في <TIMEX3 tid=\"t1\">8 ديسمبر "
                      "2021</TIMEX3>\nسطر  ثان\n</TimeML>\n";
    t = all_text(xml, 1, NULL);
    CHECK(t && strcmp(t, "وصل في 8 ديسمبر 2021\nسطر  ثان\n") == 0);
    free(t);
    ar_input *in;
    ar_input_opts o = {NULL, 1, 0, 0};
    CHECK(ar_input_open_mem(&in, page, strlen(page), &o, NULL) == AR_OK);
    CHECK(ar_input_is_html(in));
    ar_input_free(in);
}

static void test_files(void)
{
    ar_input *in = (ar_input *)1;
    ar_diag d = {0};
    CHECK(ar_input_open(&in, "no/such/file", NULL, &d) == AR_EIO && in == NULL && errno == ENOENT);
    CHECK(strlen(d.msg) > 0);
    CHECK(ar_input_open(&in, ".", NULL, &d) == AR_EIO && errno == EISDIR);
    /* A pipe: what was written comes out, in order. */
    int fds[2];
    CHECK(pipe(fds) == 0);
    const char *t = "سطر أول\nسطر ثان\n";
    CHECK(write(fds[1], t, strlen(t)) == (ssize_t)strlen(t));
    close(fds[1]);
    int saved = dup(0);
    dup2(fds[0], 0);
    close(fds[0]);
    CHECK(ar_input_open(&in, "-", NULL, NULL) == AR_OK);
    drained dr;
    drain(in, &dr);
    CHECK(dr.text.len == strlen(t) && memcmp(dr.text.ptr, t, dr.text.len) == 0);
    ar_buf_free(&dr.text);
    ar_input_free(in);
    dup2(saved, 0);
    close(saved);
    ar_input_free(NULL);

    /* A pipe whose writer is still there: opening (with page detection on)
     * and the first chunk come from what was written, without waiting for
     * more. alarm() turns a hang into a failure. */
    CHECK(pipe(fds) == 0);
    CHECK(write(fds[1], "سطر\n", 7) == 7);
    saved = dup(0);
    dup2(fds[0], 0);
    close(fds[0]);
    alarm(10);
    ar_input_opts live = {NULL, -1, 0, 0};
    CHECK(ar_input_open(&in, NULL, &live, NULL) == AR_OK);
    ar_chunk c;
    CHECK(ar_input_next(in, &c) == 1 && c.len == 7 && memcmp(c.text, "سطر\n", 7) == 0);
    alarm(0);
    close(fds[1]);
    CHECK(ar_input_next(in, &c) == 0);
    ar_input_free(in);
    dup2(saved, 0);
    close(saved);
}

int main(void)
{
    test_chunking();
    test_no_line_scan();
    test_lines_and_empty();
    test_invalid_counts();
    test_encodings();
    test_mixed_widths();
    test_html();
    test_files();
    return check_done();
}
