/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_DATES_H
#define ARTEXT_DATES_H
/*
 * Arabic date and time expressions, normalized in the spirit of TimeML's
 * TIMEX3: «8 ديسمبر 2021» -> DATE 2021-12-08, «مطلع 2020» -> DATE 2020 mod
 * START, «10:30 مساءً» -> TIME 2021-12-08T22:30, «ثلاث سنوات» -> DURATION P3Y.
 *
 * A recognizer (ar_dates) is compiled once from its options: the lexicon of
 * month, weekday and Hijri month names is read from ICU's locale data and
 * folded through the normalization engine, then completed by a small
 * hand-made table. It is immutable afterwards and may be shared between
 * threads. Scanning needs an ar_dates_scratch per thread (folded text,
 * offset map, tokens, the ICU calendar used for Hijri conversion).
 *
 * Matching runs over folded words (the normalization engine's per-code-point
 * folds: diacritics, tatweel, alef, yeh, teh marbuta and hamza, Persian
 * letters, Arabic-Indic digits to ASCII, Arabic punctuation), while every
 * mention keeps its byte span in the text given, marks and all.
 *
 * Relative expressions (اليوم, أمس, الأربعاء, الشهر الماضي, 2 ديسمبر
 * without a year...) are resolved against a reference date. Without one they
 * are still reported, with AR_DATE_NOREF set and an empty value.
 * Impossible dates (31 فبراير, month 13, year 0) are reported with
 * AR_DATE_INVALID and an empty value: never a wrong date.
 */
#include "base.h"

#ifdef __cplusplus
extern "C" {
#endif

/* A day of the proleptic Gregorian calendar; y == 0 means "none". */
typedef struct ar_ymd {
    int y, m, d;
} ar_ymd;

typedef enum ar_timex_type {
    AR_TIMEX_DATE = 1,
    AR_TIMEX_TIME,
    AR_TIMEX_DURATION,
    AR_TIMEX_SET
} ar_timex_type;

typedef enum ar_timex_mod {
    AR_TIMEX_MOD_NONE = 0,
    AR_TIMEX_MOD_START,
    AR_TIMEX_MOD_MID,
    AR_TIMEX_MOD_END,
    AR_TIMEX_MOD_APPROX
} ar_timex_mod;

typedef enum ar_date_calendar {
    AR_CAL_GREGORIAN = 0,
    AR_CAL_HIJRI
} ar_date_calendar;

enum ar_date_flag {
    AR_DATE_RELATIVE = 1u << 0, /* the value depends on the reference date */
    AR_DATE_NOREF    = 1u << 1, /* relative, but no reference: value empty */
    AR_DATE_INVALID  = 1u << 2, /* impossible date (31 فبراير, year 0): value empty */
    AR_DATE_FULL     = 1u << 3, /* an absolute day with its year: a dateline candidate */
    AR_DATE_RANGE    = 1u << 4  /* one end of a range «من 2 إلى 5 ديسمبر» */
};

/* One date or time expression. start/end are byte offsets in the text given
 * to ar_dates_scan. value is the TIMEX3 value ("2021-12-08", "2021-12",
 * "2017", "199", "2021-W49", "2021-12-08T22:30", "2021-12-02TEV", "P3D",
 * "PT6H"); hijri is the Hijri original ("1443-09-15", "1443-09") when the
 * text was Hijri, else empty. */
typedef struct ar_date_mention {
    size_t start, end;
    ar_timex_type type;
    ar_timex_mod mod;
    ar_date_calendar calendar;
    unsigned flags;
    char value[40];
    char hijri[16];
} ar_date_mention;

/* Options of a recognizer. Zero-initialise, then set what you need. */
typedef struct ar_dates_opts {
    ar_ymd ref;           /* default reference date; y == 0: none */
    const char *calendar; /* ICU Islamic calendar for Hijri dates: NULL or
                             "islamic-umalqura" (default), "islamic",
                             "islamic-civil", "islamic-tbla" */
    int future;           /* bare weekdays point forward (default: the most
                             recent such day, as news reports mean) */
} ar_dates_opts;

typedef struct ar_dates ar_dates;
typedef struct ar_dates_scratch ar_dates_scratch;

/* Compiles a recognizer. AR_ENOTFOUND (and diag) for an unknown calendar. */
AR_API int ar_dates_new(ar_dates **out, const ar_dates_opts *opts, ar_diag *diag);
AR_API void ar_dates_free(ar_dates *d);
/* Number of distinct folded lexicon keys, and how many came from ICU. */
AR_API size_t ar_dates_lexicon_size(const ar_dates *d, size_t *from_icu);

AR_API int ar_dates_scratch_new(ar_dates_scratch **out);
AR_API void ar_dates_scratch_free(ar_dates_scratch *s);

/* Scans text[0..len) (one line or any span of text; no state is kept
 * between calls) and sets *out to an array of *n mentions in text order,
 * owned by s and valid until the next call with s. ref overrides the
 * recognizer's reference date when non-NULL and ref->y != 0. */
AR_API int ar_dates_scan(const ar_dates *d, ar_dates_scratch *s, const char *text, size_t len,
                         const ar_ymd *ref, const ar_date_mention **out, size_t *n);
/* The same with the reference's clock time, ref_minute minutes after
 * midnight (0..1439; -1: none, as ar_dates_scan). With it, hours and
 * minutes counted from the reference (بعد 6 ساعات، قبل ربع ساعة، خلال 45
 * دقيقة) are points in time; without it they stay durations. */
AR_API int ar_dates_scan_at(const ar_dates *d, ar_dates_scratch *s, const char *text, size_t len,
                            const ar_ymd *ref, int ref_minute, const ar_date_mention **out, size_t *n);

/* How many invalid UTF-8 sequences the last scan with s met in its text
 * (counted as ar_utf8_decode reads them, each passed over as punctuation),
 * and in *first (when not NULL and the count is not 0) the offset of the
 * first. A caller that hands the scanner every byte of its input can skip
 * checking the bytes itself. */
AR_API uint64_t ar_dates_scan_invalid(const ar_dates_scratch *s, size_t *first);

/* Names for printing: "DATE", "TIME", "DURATION", "SET"; "START", "MID",
 * "END", "APPROX" (NULL for AR_TIMEX_MOD_NONE); "gregorian", "hijri". */
AR_API const char *ar_timex_type_name(ar_timex_type t);
AR_API const char *ar_timex_mod_name(ar_timex_mod m);
AR_API const char *ar_date_calendar_name(ar_date_calendar c);

/* Parses "YYYY-MM-DD" (a valid Gregorian day, year 1..9999). AR_OK or AR_ESYNTAX. */
AR_API int ar_ymd_parse(const char *s, ar_ymd *out);
/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM": the date, and the clock time in
 * minutes after midnight in *minute (-1 without one). AR_ESYNTAX otherwise. */
AR_API int ar_datetime_parse(const char *s, ar_ymd *date, int *minute);

/* Hijri day (year, month 1..12, day) to Gregorian through the recognizer's
 * Islamic calendar. AR_ESYNTAX when the day does not exist in that calendar. */
AR_API int ar_dates_hijri_to_gregorian(const ar_dates *d, ar_dates_scratch *s, ar_ymd hijri, ar_ymd *greg);

#ifdef __cplusplus
}
#endif
#endif
