/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_DATES_INTERNAL_H
#define ARTEXT_DATES_INTERNAL_H
/* Shared between dates.c (scanner driver), dates_lexicon.c, dates_grammar.c,
 * dates_calendar.c and timex.c. Not installed. */
#include "artext/dates.h"
#include "artext/norm.h"
#include "artext/offmap.h"

#include <string.h>
#include <unicode/ucal.h>

/* What a lexicon word can mean. A word may have several senses (العام is a
 * year word and a unit noun); the grammar asks for the sense it needs. */
enum lx_kind {
    LX_GMONTH = 1,  /* Gregorian month name, val 1..12 */
    LX_HMONTH,      /* Hijri month name, val 1..12 */
    LX_NUMMONTH,    /* كانون / تشرين: needs a number (Iraqi «كانون 2»); val = base */
    LX_WEEKDAY,     /* val 0 (Sunday) .. 6 */
    LX_ORD,         /* masculine ordinal الأول .. الحادي والثلاثين, val 1..31 */
    LX_HOUR,        /* feminine ordinal of an hour: الواحدة .. الثانية عشرة */
    LX_CARD,        /* cardinal three .. ten (and واحد), val */
    LX_UNIT,        /* time unit: val = unit char (D W M Y H N), n = count (1 sing, 2 dual, 0 plural) */
    LX_UNITNOUN,    /* الأسبوع الشهر العام السنة اليوم? : unit with the article, val unit */
    LX_YEARWORD,    /* عام سنة العام السنة */
    LX_MONTHWORD,   /* شهر الشهر */
    LX_DAYWORD,     /* يوم */
    LX_ERA,         /* val 0 gregorian (م, ميلادي), 1 hijri (هـ, هجري) */
    LX_REL,         /* اليوم أمس غدا ...: val = day offset */
    LX_RHET,        /* الأمس: yesterday only in «أمس»-less news use; see grammar */
    LX_PART,        /* مطلع منتصف أواخر ...: val = ar_timex_mod */
    LX_DEIC,        /* الماضي -1, الجاري 0, المقبل +1 */
    LX_THIS,        /* هذا هذه */
    LX_HOURWORD,    /* الساعة */
    LX_DAYPART,     /* صباحا مساء ...: val = part (see enum pod) */
    LX_PREP,        /* في منذ حتى خلال ...: val = prep code */
    LX_RANGE,       /* إلى حتى و : range connectors */
    LX_FROM,        /* من */
    LX_GHURRA,      /* غرة: day 1 */
    LX_DECADE,      /* التسعينيات ...: val 2..9 */
    LX_FRACTION,    /* والنصف والربع إلا ربعا: val minutes (negative for "less") */
    LX_EVERY,       /* كل */
    LX_SETADV,      /* يوميا أسبوعيا شهريا سنويا: val unit */
    LX_FUTURE,      /* سوف */
    LX_CENTURY,     /* القرن */
    LX_LINK,        /* الموافق: «الأربعاء الموافق 8 ديسمبر» */
    LX_WDBARE,      /* weekday without the article (جمعة): only after كل */
    LX_SEASON,      /* صيف الصيف ...: val 1 SP, 2 SU, 3 FA, 4 WI */
    LX_ARTICLE,     /* ال written apart before a number: الـ24 ساعة */
    LX_YEARPART,    /* الربع (val 4) / النصف (val 2) of a year */
    LX_NOW,         /* الآن الحين هلق دلوقتي حالا: PRESENT_REF */
    LX_HOLIDAY,     /* عيد الفطر، رأس السنة ...: val indexes the grammar's holiday table */
    LX_NTH,         /* أول ثاني ثالث رابع (val 1..4), آخر (-1): «آخر اثنين من آذار» */
    LX_NUMW         /* a number word: val its value; n 1 when it multiplies a
                       smaller number before it (ثلاث مئة), 3 when it only
                       multiplies (آلاف), 2 for عشر(ة) of a teen */
};

/* Prepositions worth telling apart. */
enum { PREP_IN = 1, PREP_SINCE, PREP_UNTIL, PREP_DURING, PREP_BEFORE, PREP_AFTER, PREP_FROM_ON };

/* Parts of the day, as TIMEX3 writes them. */
enum pod { POD_NONE = 0, POD_MO, POD_MI, POD_AF, POD_EV, POD_NI, POD_DAWN };

typedef struct lx_sense {
    uint8_t kind;
    int8_t n;      /* LX_UNIT count; LX_PART etc. unused */
    int16_t val;
} lx_sense;

#define LX_MAX_SENSES 4
#define LX_MAX_WORDS 4

typedef struct lx_entry {
    char *key;          /* folded words joined by one space */
    uint32_t keylen;
    uint8_t nwords;
    uint8_t nsenses;
    uint8_t from_icu;
    uint8_t multi;      /* longest entry (in words) that begins with this word; 0 none */
    uint8_t starter;    /* 1: can start a rule alone; 2: only before a number or a lexicon word */
    uint64_t kinds;     /* bit k set: a sense of kind k */
    lx_sense s[LX_MAX_SENSES];
} lx_entry;

typedef struct dates_lexicon {
    lx_entry *e;
    size_t n, cap;
    uint32_t *slot;     /* open addressing: index+1 into e, 0 empty */
    size_t nslot;       /* power of two */
    uint64_t filt[1024]; /* 65536-bit pre-filter, two bits of the hash per key */
    uint64_t wfilt[2048]; /* 131072 bits: every key with every proclitic the scanner strips */
    size_t from_icu;
} dates_lexicon;

/* How the scanner treats a code point of U+0600..U+06FF: the folds of
 * ar_norm's per-code-point steps, looked up once at ar_dates_new. */
enum { C_OTHER = 0, C_LETTER, C_MARK, C_DIGIT, C_PUNCT, C_SPACE };
typedef struct fold_cell {
    uint8_t cls;
    uint8_t len;        /* folded bytes (C_LETTER) */
    char b[6];          /* folded bytes; C_DIGIT/C_PUNCT: b[0] is the ASCII char (0: none) */
} fold_cell;

struct ar_dates {
    ar_norm *norm;
    fold_cell tab[256];
    dates_lexicon lx;
    ar_dates_opts opts;
    char calendar[32];
    int fold_sse2;      /* the SSE2 step for runs of letters that fold to themselves */
};

/* Turns the vector step of the word fold off (0) or back on (1) where the
 * processor and the fold table allow it; returns what is in effect. For
 * tests, which compare the two ways. */
int dates_set_sse2(ar_dates *d, int on);

/* A token of folded text. */
enum { T_WORD = 1, T_NUM, T_PUNCT, T_LATIN };

typedef struct dtok {
    uint32_t s, e;        /* byte span in the original text (clitics and marks included) */
    uint32_t fs, fe;      /* T_WORD: the folded word in scratch->fold */
    uint32_t cs;          /* original offset where the word after the stripped clitic begins */
    uint8_t type;
    uint8_t ndig;         /* T_NUM: digit count */
    uint8_t span;         /* words covered by the lexicon entry found here (0: none) */
    uint8_t clitic;       /* bytes of proclitic stripped before the entry matched */
    uint8_t waw;          /* the stripped proclitic began with و or ف */
    uint8_t sp_before;    /* space (or nothing) separates it from the previous token: 0 adjacent */
    int32_t num;          /* T_NUM value, -1 when longer than 9 digits */
    const lx_entry *lx;   /* longest lexicon entry starting here, or NULL */
    const lx_entry *lx1;  /* the one-word entry (same as lx when span == 1) */
    char ch;              /* T_PUNCT: the ASCII byte, else 0 */
} dtok;

struct ar_dates_scratch {
    ar_buf fold;          /* folded words, back to back */
    dtok *t;
    size_t nt, tcap;
    size_t nmulti;        /* tokens whose entry begins a longer one */
    uint32_t *cand;       /* the tokens a rule may start at (numbers, lexicon words), in order */
    size_t ncand;
    uint64_t ninvalid;    /* invalid UTF-8 sequences in the last scan's text */
    size_t first_invalid; /* the offset of the first */
    ar_date_mention *m;
    size_t nm, mcap;
    UCalendar *cal;       /* Islamic calendar of the last recognizer used */
    char cal_name[32];
};

/* ---- lexicon (dates_lexicon.c) ---- */
int dates_lexicon_build(ar_dates *d);
void dates_lexicon_free(dates_lexicon *lx);
/* Words are short (a few Arabic letters, two bytes each): two loads and
 * two multiplies hash most of them, with no loop over the bytes. */
static inline uint64_t dates_hash(const char *k, size_t n)
{
    uint64_t a = 0, b = 0;
    if (n >= 8) {
        memcpy(&a, k, 8);
        memcpy(&b, k + n - 8, 8);
        for (size_t i = 8; i + 8 < n; i += 8) {
            uint64_t c;
            memcpy(&c, k + i, 8);
            a = (a ^ c) * 0xFF51AFD7ED558CCDull;
        }
    } else if (n >= 4) {
        uint32_t x, y;
        memcpy(&x, k, 4);
        memcpy(&y, k + n - 4, 4);
        a = x;
        b = y;
    } else if (n) {
        a = (uint64_t)(unsigned char)k[0] | (uint64_t)(unsigned char)k[n / 2] << 8
            | (uint64_t)(unsigned char)k[n - 1] << 16;
    }
    /* the top bits of the products are well mixed: the filter takes
     * those; the table's slot mixes them down (dates_lexicon_find) */
    return a * 0x9E3779B97F4A7C15ull ^ (b ^ n) * 0xC2B2AE3D27D4EB4Full;
}

/* The pre-filter: two bits per key (of the hash's top 32) in 65536, so
 * that most words outside the lexicon cost a hash and two bit tests, inline
 * in the scanner. */
#define DATES_FILT_A(h) ((unsigned)((h) >> 48))
#define DATES_FILT_B(h) ((unsigned)((h) >> 32) & 0xFFFFu)

static inline int dates_bit(const uint64_t *f, unsigned bit) { return f[bit >> 6] >> (bit & 63) & 1; }
static inline void dates_bit_set(uint64_t *f, unsigned bit) { f[bit >> 6] |= 1ull << (bit & 63); }

static inline int dates_filt_has(const dates_lexicon *lx, uint64_t h)
{
    return dates_bit(lx->filt, DATES_FILT_A(h)) && dates_bit(lx->filt, DATES_FILT_B(h));
}

/* The proclitics the scanner strips from a word not in the lexicon as it
 * stands (dates.c, lookup_forms): و or ف, then ب ل or ك; لل stands for ل
 * and the article, whose alef it drops. */
#define DATES_WAW "\xd9\x88" /* و */
#define DATES_FA "\xd9\x81"  /* ف */
#define DATES_BA "\xd8\xa8"  /* ب */
#define DATES_LAM "\xd9\x84" /* ل */
#define DATES_KAF "\xd9\x83" /* ك */
#define DATES_AL "\xd8\xa7\xd9\x84" /* ال */

/* The word filter: could a word be any key behind any of the proclitics
 * the scanner strips (و ف, ب ل ك, both, لل for ال)? One hash and two bit
 * tests answer for all the forms at once, so most words cost no more,
 * and the tests on their first letters, which no branch predictor can
 * guess, are left to the few that pass. */
#define DATES_WFILT_A(h) ((unsigned)((h) >> 47))
#define DATES_WFILT_B(h) ((unsigned)((h) >> 30) & 0x1FFFFu)

static inline int dates_wfilt_has(const dates_lexicon *lx, uint64_t h)
{
    return dates_bit(lx->wfilt, DATES_WFILT_A(h)) && dates_bit(lx->wfilt, DATES_WFILT_B(h));
}

/* The entry for key (whose dates_hash is h), or NULL. */
const lx_entry *dates_lexicon_find(const dates_lexicon *lx, const char *key, size_t len, uint64_t h);

static inline const lx_entry *dates_lexicon_get(const dates_lexicon *lx, const char *key, size_t len)
{
    if (!lx->nslot || !len)
        return NULL;
    uint64_t h = dates_hash(key, len);
    return dates_filt_has(lx, h) ? dates_lexicon_find(lx, key, len, h) : NULL;
}
int dates_fold(const ar_norm *n, const char *s, size_t len, char *out, size_t cap);

/* ---- calendar arithmetic (dates_calendar.c) ---- */
int64_t cal_days_from_civil(int y, int m, int d);
ar_ymd cal_civil_from_days(int64_t z);
int cal_days_in_month(int y, int m);
int cal_valid(int y, int m, int d);
int cal_weekday(ar_ymd d);                  /* 0 = Sunday */
ar_ymd cal_add_days(ar_ymd d, int n);
void cal_iso_week(ar_ymd d, int *year, int *week);
int cal_open(ar_dates_scratch *s, const char *name);
int cal_hijri_to_greg(ar_dates_scratch *s, const char *name, int hy, int hm, int hd, ar_ymd *g);
int cal_greg_to_hijri(ar_dates_scratch *s, const char *name, ar_ymd g, int *hy, int *hm, int *hd);
int cal_hijri_month_len(ar_dates_scratch *s, const char *name, int hy, int hm);

/* ---- grammar (dates_grammar.c) ---- */
typedef struct dates_ctx {
    const ar_dates *d;
    ar_dates_scratch *s;
    const char *f;        /* folded words (dtok.fs/fe index it) */
    size_t base;          /* offset of the piece being scanned in the caller's text */
    ar_ymd ref;           /* y == 0: none */
    int ref_min;          /* its clock time, minutes after midnight; -1 none */
} dates_ctx;
int dates_grammar_run(dates_ctx *c);

/* ---- values (timex.c) ---- */
/* What the grammar found, before it becomes a value string. */
enum gran { G_NONE = 0, G_DECADE, G_YEAR, G_QUARTER, G_HALF, G_SEASON, G_MONTH, G_WEEK, G_DAY, G_MINUTE, G_DUR, G_SET, G_PRESENT };

typedef struct dval {
    enum gran g;
    int y, m, d, hh, mi;
    int pod;              /* part of day for a DATE-with-part TIME value */
    int mod;
    int cal;              /* AR_CAL_* of the source */
    int hy, hm, hd;       /* Hijri original (hm/hd 0 when coarser) */
    int dur_n;            /* G_DUR / G_SET: count and unit letter */
    char dur_u;
    unsigned flags;       /* AR_DATE_* */
} dval;

/* Writes the TIMEX3 value, type and Hijri string of v into m. */
void timex_fill(const dval *v, ar_date_mention *m);

#endif
