/* SPDX-License-Identifier: MIT */
/* The date recognizer on any bytes. The first byte picks the options
 * (reference date or none, calendar, future preference); the rest is the
 * text. Aborts when a promise breaks: mentions are in order, inside the
 * text and non-overlapping; a value is empty exactly when the mention is
 * invalid or has no reference; a DATE value parses as a date or a coarser
 * ISO form; a second scan by the scalar loop instead of the SSE2 step
 * gives the same result. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "artext/artext.h"
#include "dates_internal.h"

static const char *const cals[] = {NULL, "islamic", "islamic-civil", "islamic-tbla"};

static void check(int ok)
{
    if (!ok)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ar_dates *rec[8];
    static ar_dates_scratch *s;
    if (size < 1)
        return 0;
    unsigned sel = data[0];
    int k = sel & 7;
    if (!rec[k]) {
        ar_dates_opts o;
        memset(&o, 0, sizeof o);
        o.calendar = cals[k & 3];
        o.future = (k >> 2) & 1;
        if (ar_dates_new(&rec[k], &o, NULL) != AR_OK)
            abort();
    }
    if (!s && ar_dates_scratch_new(&s) != AR_OK)
        abort();
    ar_ymd refs[] = {{0, 0, 0}, {2021, 12, 8}, {1, 1, 1}, {9999, 12, 31}, {2024, 2, 29}};
    ar_ymd ref = refs[(sel >> 3) % 5];
    int minute = (sel & 0x40) ? (int)((sel * 37u) % 1440u) : -1; /* a clock time, or none */
    const char *text = (const char *)data + 1;
    size_t len = size - 1;
    const ar_date_mention *m;
    size_t n;
    check(ar_dates_scan_at(rec[k], s, text, len, &ref, minute, &m, &n) == AR_OK);
    /* the invalid sequences it counts are ar_utf8_decode's, once each */
    uint64_t want = 0;
    size_t want_first = 0, got_first = 0;
    for (size_t i = 0; i < len;) {
        int32_t cp;
        int l = ar_utf8_decode((const unsigned char *)text + i, len - i, &cp);
        if (cp < 0 && !want++)
            want_first = i;
        i += (size_t)l;
    }
    check(ar_dates_scan_invalid(s, &got_first) == want && (!want || got_first == want_first));
    size_t prev = 0;
    char first[4096];
    size_t nfirst = n < 64 ? n : 64;
    for (size_t i = 0; i < n; i++) {
        check(m[i].start <= m[i].end && m[i].end <= len && m[i].start >= prev);
        prev = m[i].end;
        int empty = m[i].value[0] == 0;
        check(empty == !!(m[i].flags & (AR_DATE_INVALID | AR_DATE_NOREF)));
        check(memchr(m[i].value, 0, sizeof m[i].value) != NULL);
        if (!ref.y)
            check(!(m[i].flags & AR_DATE_RELATIVE) || (m[i].flags & AR_DATE_NOREF));
        if ((m[i].flags & AR_DATE_FULL) && !empty) {
            ar_ymd d;
            char day[11];
            memcpy(day, m[i].value, 10); /* a full date may carry a time */
            day[10] = 0;
            check(ar_ymd_parse(day, &d) == AR_OK);
        }
    }
    if (nfirst && nfirst * sizeof *m < sizeof first)
        memcpy(first, m, nfirst * sizeof *m);
    size_t n2;
    const ar_date_mention *m2;
    int vec = dates_set_sse2(rec[k], 0);
    check(ar_dates_scan_at(rec[k], s, text, len, &ref, minute, &m2, &n2) == AR_OK && n2 == n);
    dates_set_sse2(rec[k], vec);
    if (nfirst && nfirst * sizeof *m < sizeof first)
        check(memcmp(first, m2, nfirst * sizeof *m) == 0);
    return 0;
}
