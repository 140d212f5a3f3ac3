/* SPDX-License-Identifier: MIT */
/* The date lexicon: folded word (or words) -> senses.
 *
 * Month, weekday and Hijri month names come from ICU's locale data (the
 * CLDR names of ar and its regional variants), so they follow CLDR when ICU
 * is updated. Everything ICU does not carry is in the hand table below:
 * spelling variants seen in the press (يوليه, يونيه, مايس, ستمبر), the
 * Iraqi numbered forms (كانون 2), article-less Levantine forms (كانون ثاني),
 * Hijri variants (ربيع الثاني, ذي الحجة), ordinals, units, deictics and the
 * other function words the grammar needs. Variants that only differ by a
 * fold (أ/ا/إ, ى/ي, ة/ه, harakat, tatweel) need no entry: every key is
 * folded through the same normalizer as the text. Sources for the variants:
 * usage in Arab news agencies (Egyptian يونيه/يوليه, Iraqi مايس), the
 * Moroccan and Mauritanian names in CLDR, and the TimeML/TIMEX3 guidelines
 * for the modifiers. */
#include "dates_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/udat.h>
#include <unicode/ustring.h>

#define FOLD_FLAGS (AR_NORM_HARAKAT | AR_NORM_QURANIC | AR_NORM_TATWEEL | AR_NORM_ALEF | AR_NORM_YEH \
                    | AR_NORM_TEH | AR_NORM_HAMZA | AR_NORM_PERSIAN | AR_NORM_DIGITS | AR_NORM_PUNCT \
                    | AR_NORM_QUOTES | AR_NORM_INVISIBLE)

/* Folds s and collapses runs of spaces to one, trimming both ends. Returns
 * the length written to out (NUL-terminated), or -1 if it does not fit. */
int dates_fold(const ar_norm *n, const char *s, size_t len, char *out, size_t cap)
{
    ar_buf b = {0};
    if (ar_norm_apply(n, s, len, &b, NULL) != AR_OK) {
        ar_buf_free(&b);
        return -1;
    }
    size_t k = 0;
    int sp = 0;
    for (size_t i = 0; i < b.len; i++) {
        char c = b.ptr[i];
        if (c == ' ' || c == '\t') {
            sp = k > 0;
            continue;
        }
        if (sp) {
            if (k + 1 >= cap)
                goto toolong;
            out[k++] = ' ';
            sp = 0;
        }
        if (k + 1 >= cap)
            goto toolong;
        out[k++] = c;
    }
    out[k] = 0;
    ar_buf_free(&b);
    return (int)k;
toolong:
    ar_buf_free(&b);
    return -1;
}

static int add_folded(dates_lexicon *lx, const char *key, size_t klen, lx_sense sn, int from_icu)
{
    for (size_t i = 0; i < lx->n; i++) {
        lx_entry *e = &lx->e[i];
        if (e->keylen == klen && memcmp(e->key, key, klen) == 0) {
            for (int j = 0; j < e->nsenses; j++)
                if (e->s[j].kind == sn.kind && e->s[j].val == sn.val && e->s[j].n == sn.n)
                    return AR_OK;
            if (e->nsenses < LX_MAX_SENSES)
                e->s[e->nsenses++] = sn;
            return AR_OK;
        }
    }
    if (lx->n == lx->cap) {
        size_t nc = lx->cap ? lx->cap * 2 : 256;
        lx_entry *ne = realloc(lx->e, nc * sizeof *ne);
        if (!ne)
            return AR_ENOMEM;
        lx->e = ne;
        lx->cap = nc;
    }
    lx_entry *e = &lx->e[lx->n];
    memset(e, 0, sizeof *e);
    e->key = malloc(klen + 1);
    if (!e->key)
        return AR_ENOMEM;
    memcpy(e->key, key, klen);
    e->key[klen] = 0;
    e->keylen = (uint32_t)klen;
    e->nwords = 1;
    for (size_t i = 0; i < klen; i++)
        e->nwords += key[i] == ' ';
    e->s[0] = sn;
    e->nsenses = 1;
    e->from_icu = (uint8_t)from_icu;
    lx->n++;
    if (from_icu)
        lx->from_icu++;
    return AR_OK;
}

static int add(ar_dates *d, const char *word, int kind, int val, int n, int from_icu)
{
    char key[256];
    int k = dates_fold(d->norm, word, strlen(word), key, sizeof key);
    if (k <= 0)
        return AR_OK;
    lx_sense sn = {(uint8_t)kind, (int8_t)n, (int16_t)val};
    return add_folded(&d->lx, key, (size_t)k, sn, from_icu);
}

/* ---- ICU locale data ----------------------------------------------------- */

static const char *const gregorian_locales[] = {
    "ar", "ar_EG", "ar_SA", "ar_IQ", "ar_SY", "ar_LB", "ar_JO", "ar_PS",
    "ar_DZ", "ar_TN", "ar_MA", "ar_LY", "ar_MR", "ar_KW", "ar_AE", "ar_SD",
};

static int add_symbols(ar_dates *d, const char *locale, UDateFormatSymbolType type, int kind, int first)
{
    UErrorCode e = U_ZERO_ERROR;
    UDateFormat *f = udat_open(UDAT_NONE, UDAT_NONE, locale, NULL, 0, NULL, 0, &e);
    if (e == U_MEMORY_ALLOCATION_ERROR) {
        udat_close(f);
        return AR_ENOMEM; /* not a missing locale: the lexicon would lack its names */
    }
    if (U_FAILURE(e) || !f)
        return AR_OK; /* a locale ICU lacks is not an error: the hand table covers it */
    int count = udat_countSymbols(f, type);
    int rc = AR_OK;
    for (int i = first; i < count && rc == AR_OK; i++) {
        UChar u[64];
        char utf8[256];
        e = U_ZERO_ERROR;
        int32_t ul = udat_getSymbols(f, type, i, u, 64, &e);
        if (e == U_MEMORY_ALLOCATION_ERROR) {
            rc = AR_ENOMEM;
            break;
        }
        if (U_FAILURE(e) || ul <= 0)
            continue;
        int32_t bl = 0;
        u_strToUTF8(utf8, sizeof utf8, &bl, u, ul, &e);
        if (U_FAILURE(e) || bl <= 0 || bl >= (int32_t)sizeof utf8)
            continue;
        utf8[bl] = 0;
        /* Weekdays: ICU index 1 is Sunday; months are 0-based. */
        int val = kind == LX_WEEKDAY ? i - 1 : i + 1;
        rc = add(d, utf8, kind, val, 0, 1);
        /* «كل جمعة»: the bare form, a sense of its own so that the name
         * جمعة or the noun أحد is never read as a day elsewhere */
        if (!rc && kind == LX_WEEKDAY && bl > 4 && memcmp(utf8, "\xd8\xa7\xd9\x84", 4) == 0)
            rc = add(d, utf8 + 4, LX_WDBARE, val, 0, 1);
    }
    udat_close(f);
    return rc;
}

static int add_icu(ar_dates *d)
{
    int rc = AR_OK;
    char loc[64];
    for (size_t i = 0; i < sizeof gregorian_locales / sizeof gregorian_locales[0] && !rc; i++) {
        snprintf(loc, sizeof loc, "%s@calendar=gregorian", gregorian_locales[i]);
        rc = add_symbols(d, loc, UDAT_MONTHS, LX_GMONTH, 0);
        if (!rc)
            rc = add_symbols(d, loc, UDAT_STANDALONE_MONTHS, LX_GMONTH, 0);
    }
    if (!rc)
        rc = add_symbols(d, "ar@calendar=gregorian", UDAT_WEEKDAYS, LX_WEEKDAY, 1);
    if (!rc)
        rc = add_symbols(d, "ar@calendar=islamic", UDAT_MONTHS, LX_HMONTH, 0);
    if (!rc)
        rc = add_symbols(d, "ar@calendar=islamic", UDAT_STANDALONE_MONTHS, LX_HMONTH, 0);
    return rc;
}

/* ---- the hand table ------------------------------------------------------ */

typedef struct hand {
    const char *word;
    uint8_t kind;
    int8_t n;
    int16_t val;
} hand;

static const hand hand_table[] = {
    /* Gregorian spellings ICU lacks */
    {"يونيه", LX_GMONTH, 0, 6}, {"يوليه", LX_GMONTH, 0, 7}, {"مايس", LX_GMONTH, 0, 5},
    {"ستمبر", LX_GMONTH, 0, 9}, {"سبتمبر", LX_GMONTH, 0, 9}, {"نوفنبر", LX_GMONTH, 0, 11},
    {"دسمبر", LX_GMONTH, 0, 12}, {"أغسطس", LX_GMONTH, 0, 8}, {"اغشت", LX_GMONTH, 0, 8},
    {"جويليه", LX_GMONTH, 0, 7}, {"جانفييه", LX_GMONTH, 0, 1}, {"فيفرييه", LX_GMONTH, 0, 2},
    {"كانون ثاني", LX_GMONTH, 0, 1}, {"كانون اول", LX_GMONTH, 0, 12},
    {"تشرين اول", LX_GMONTH, 0, 10}, {"تشرين ثاني", LX_GMONTH, 0, 11},
    /* Iraqi numbered names: «كانون 2» = January, «تشرين 1» = October */
    {"كانون", LX_NUMMONTH, 0, 1}, {"تشرين", LX_NUMMONTH, 0, 2},
    /* Hijri variants */
    {"ربيع الثاني", LX_HMONTH, 0, 4}, {"ربيع أول", LX_HMONTH, 0, 3}, {"ربيع ثاني", LX_HMONTH, 0, 4},
    {"ربيع الاخر", LX_HMONTH, 0, 4}, {"جمادى الأول", LX_HMONTH, 0, 5}, {"جمادى الاولى", LX_HMONTH, 0, 5},
    {"جمادى الثاني", LX_HMONTH, 0, 6}, {"جمادى الثانية", LX_HMONTH, 0, 6},
    {"جمادى الآخر", LX_HMONTH, 0, 6}, {"ذي القعدة", LX_HMONTH, 0, 11}, {"ذا القعدة", LX_HMONTH, 0, 11},
    {"ذي الحجة", LX_HMONTH, 0, 12}, {"ذا الحجة", LX_HMONTH, 0, 12}, {"المحرم", LX_HMONTH, 0, 1},
    /* weekdays without the article are too ambiguous (أحد = one); variants fold */
    {"الإثنين", LX_WEEKDAY, 0, 1},
    /* years, months, days as nouns */
    {"عام", LX_YEARWORD, 0, 0}, {"سنة", LX_YEARWORD, 0, 0}, {"العام", LX_YEARWORD, 0, 0},
    {"السنة", LX_YEARWORD, 0, 0}, {"عامي", LX_YEARWORD, 0, 0}, {"سنتي", LX_YEARWORD, 0, 0},
    {"الأعوام", LX_YEARWORD, 0, 0}, {"السنوات", LX_YEARWORD, 0, 0}, {"شهر", LX_MONTHWORD, 0, 0}, {"الشهر", LX_MONTHWORD, 0, 0},
    {"يوم", LX_DAYWORD, 0, 0},
    /* units: n = 1 singular, 2 dual, 0 plural (needs a count) */
    {"يوم", LX_UNIT, 1, 'D'}, {"أيام", LX_UNIT, 0, 'D'}, {"يومين", LX_UNIT, 2, 'D'}, {"يومان", LX_UNIT, 2, 'D'},
    {"اليومين", LX_UNIT, 2, 'D'}, {"أسبوع", LX_UNIT, 1, 'W'}, {"أسابيع", LX_UNIT, 0, 'W'},
    {"أسبوعين", LX_UNIT, 2, 'W'}, {"أسبوعان", LX_UNIT, 2, 'W'}, {"الأسبوعين", LX_UNIT, 2, 'W'},
    {"شهر", LX_UNIT, 1, 'M'}, {"أشهر", LX_UNIT, 0, 'M'}, {"شهور", LX_UNIT, 0, 'M'},
    {"شهرين", LX_UNIT, 2, 'M'}, {"شهران", LX_UNIT, 2, 'M'}, {"الشهرين", LX_UNIT, 2, 'M'},
    {"عام", LX_UNIT, 1, 'Y'}, {"أعوام", LX_UNIT, 0, 'Y'}, {"عامين", LX_UNIT, 2, 'Y'}, {"عامان", LX_UNIT, 2, 'Y'},
    {"العامين", LX_UNIT, 2, 'Y'}, {"سنة", LX_UNIT, 1, 'Y'}, {"سنوات", LX_UNIT, 0, 'Y'}, {"سنين", LX_UNIT, 0, 'Y'},
    {"سنتين", LX_UNIT, 2, 'Y'}, {"سنتان", LX_UNIT, 2, 'Y'}, {"السنتين", LX_UNIT, 2, 'Y'},
    {"ساعة", LX_UNIT, 1, 'H'}, {"ساعات", LX_UNIT, 0, 'H'}, {"ساعتين", LX_UNIT, 2, 'H'}, {"ساعتان", LX_UNIT, 2, 'H'},
    {"دقيقة", LX_UNIT, 1, 'N'}, {"دقائق", LX_UNIT, 0, 'N'}, {"دقيقتين", LX_UNIT, 2, 'N'},
    {"العقد", LX_UNITNOUN, 0, 'E'}, /* decade; only with a deictic (العقد is also a contract) */
    {"ربيع", LX_SEASON, 0, 1}, {"الربيع", LX_SEASON, 0, 1}, {"صيف", LX_SEASON, 0, 2}, {"الصيف", LX_SEASON, 0, 2},
    {"خريف", LX_SEASON, 0, 3}, {"الخريف", LX_SEASON, 0, 3}, {"شتاء", LX_SEASON, 0, 4}, {"الشتاء", LX_SEASON, 0, 4},
    {"الساعات", LX_UNIT, 0, 'H'}, {"الأيام", LX_UNIT, 0, 'D'}, {"الأسابيع", LX_UNIT, 0, 'W'},
    {"الأشهر", LX_UNIT, 0, 'M'}, {"الشهور", LX_UNIT, 0, 'M'}, {"السنوات", LX_UNIT, 0, 'Y'},
    {"الأعوام", LX_UNIT, 0, 'Y'}, {"الدقائق", LX_UNIT, 0, 'N'},
    {"الأسبوع", LX_UNITNOUN, 0, 'W'}, {"ال", LX_ARTICLE, 0, 0},
    {"الربع", LX_YEARPART, 0, 4}, {"النصف", LX_YEARPART, 0, 2}, {"الأخير", LX_ORD, 0, 99}, {"الشهر", LX_UNITNOUN, 0, 'M'}, {"العام", LX_UNITNOUN, 0, 'Y'},
    {"السنة", LX_UNITNOUN, 0, 'Y'},
    /* cardinals that count units (digits do the rest) */
    {"واحد", LX_CARD, 0, 1}, {"ثلاثة", LX_CARD, 0, 3}, {"ثلاث", LX_CARD, 0, 3}, {"أربعة", LX_CARD, 0, 4},
    {"أربع", LX_CARD, 0, 4}, {"خمسة", LX_CARD, 0, 5}, {"خمس", LX_CARD, 0, 5}, {"ستة", LX_CARD, 0, 6},
    {"ست", LX_CARD, 0, 6}, {"سبعة", LX_CARD, 0, 7}, {"سبع", LX_CARD, 0, 7}, {"ثمانية", LX_CARD, 0, 8},
    {"ثماني", LX_CARD, 0, 8}, {"ثمان", LX_CARD, 0, 8}, {"تسعة", LX_CARD, 0, 9}, {"تسع", LX_CARD, 0, 9},
    {"عشرة", LX_CARD, 0, 10}, {"عشر", LX_CARD, 0, 10},
    /* eras */
    {"م", LX_ERA, 0, 0}, {"ميلادي", LX_ERA, 0, 0}, {"ميلادية", LX_ERA, 0, 0}, {"للميلاد", LX_ERA, 0, 0},
    {"هـ", LX_ERA, 0, 1}, {"هجري", LX_ERA, 0, 1}, {"هجرية", LX_ERA, 0, 1}, {"للهجرة", LX_ERA, 0, 1},
    /* relative days (offset from the reference) */
    {"اليوم", LX_REL, 0, 0}, {"أمس", LX_REL, 0, -1}, {"البارحة", LX_REL, 0, -1}, {"غدا", LX_REL, 0, 1},
    {"غد", LX_REL, 0, 1}, {"الغد", LX_REL, 0, 1}, {"أول أمس", LX_REL, 0, -2}, {"أمس الأول", LX_REL, 0, -2},
    /* spoken yesterday (Egypt, the Levant, Iraq) */
    {"امبارح", LX_REL, 0, -1}, {"مبارح", LX_REL, 0, -1}, {"مبارحة", LX_REL, 0, -1},
    {"امبارحة", LX_REL, 0, -1}, {"أول امبارح", LX_REL, 0, -2}, {"أول مبارح", LX_REL, 0, -2},
    {"بعد غد", LX_REL, 0, 2}, {"بعد غدا", LX_REL, 0, 2}, {"الأمس", LX_RHET, 0, -1},
    /* parts of a period (TIMEX3 mod) */
    {"مطلع", LX_PART, 0, AR_TIMEX_MOD_START}, {"أوائل", LX_PART, 0, AR_TIMEX_MOD_START},
    {"بداية", LX_PART, 0, AR_TIMEX_MOD_START}, {"بدايات", LX_PART, 0, AR_TIMEX_MOD_START},
    {"مستهل", LX_PART, 0, AR_TIMEX_MOD_START}, {"مطالع", LX_PART, 0, AR_TIMEX_MOD_START},
    {"منتصف", LX_PART, 0, AR_TIMEX_MOD_MID}, {"أواسط", LX_PART, 0, AR_TIMEX_MOD_MID},
    {"أواخر", LX_PART, 0, AR_TIMEX_MOD_END}, {"نهاية", LX_PART, 0, AR_TIMEX_MOD_END},
    {"نهايات", LX_PART, 0, AR_TIMEX_MOD_END}, {"ختام", LX_PART, 0, AR_TIMEX_MOD_END},
    /* deictics after a unit or a month */
    {"الماضي", LX_DEIC, 0, -1}, {"الماضية", LX_DEIC, 0, -1}, {"المنصرم", LX_DEIC, 0, -1},
    {"المنصرمة", LX_DEIC, 0, -1}, {"الفائت", LX_DEIC, 0, -1}, {"الفائتة", LX_DEIC, 0, -1},
    {"الفائتين", LX_DEIC, 0, -1}, {"الماضيين", LX_DEIC, 0, -1}, {"السابق", LX_DEIC, 0, -1},
    {"السابقة", LX_DEIC, 0, -1}, {"المقبل", LX_DEIC, 0, 1}, {"المقبلة", LX_DEIC, 0, 1},
    {"القادم", LX_DEIC, 0, 1}, {"القادمة", LX_DEIC, 0, 1}, {"المقبلين", LX_DEIC, 0, 1},
    {"القادمين", LX_DEIC, 0, 1}, {"الجاري", LX_DEIC, 0, 0}, {"الجارية", LX_DEIC, 0, 0},
    {"الحالي", LX_DEIC, 0, 0}, {"الحالية", LX_DEIC, 0, 0},
    {"هذا", LX_THIS, 0, 0}, {"هذه", LX_THIS, 0, 0},
    /* spoken forms: Levantine هاي (this), الجاي (coming), بكرة (tomorrow),
     * and the words for now of the Gulf (الحين), the Levant (هلق, هلأ) and
     * Egypt (دلوقتي) */
    {"أول", LX_NTH, 0, 1}, {"ثاني", LX_NTH, 0, 2}, {"ثالث", LX_NTH, 0, 3}, {"رابع", LX_NTH, 0, 4},
    {"آخر", LX_NTH, 0, -1},
    {"ربع", LX_FRACTION, 0, 15}, {"نصف", LX_FRACTION, 0, 30}, /* ربع ساعة، نصف ساعة */
    {"ونص", LX_FRACTION, 0, 30}, {"وربع", LX_FRACTION, 0, 15}, {"ونصف", LX_FRACTION, 0, 30}, /* spoken: أربعة ونص */
    {"هاي", LX_THIS, 0, 0}, {"الجاي", LX_DEIC, 0, 1}, {"الجاية", LX_DEIC, 0, 1},
    {"بكرة", LX_REL, 0, 1}, {"بكرا", LX_REL, 0, 1}, {"بعد بكرة", LX_REL, 0, 2}, {"بعد بكرا", LX_REL, 0, 2},
    {"بعد غد", LX_REL, 0, 2}, {"بعد الغد", LX_REL, 0, 2},
    {"الآن", LX_NOW, 0, 0}, {"الحين", LX_NOW, 0, 0}, {"هلق", LX_NOW, 0, 0}, {"هلأ", LX_NOW, 0, 0},
    {"دلوقتي", LX_NOW, 0, 0}, {"حالا", LX_NOW, 0, 0},
    /* number words, for counts and years (ثلاثة عشر، خمس وعشرين، ألفين وعشرين):
     * units, teens' عشر, tens, hundreds, thousands */
    {"واحد", LX_NUMW, 0, 1}, {"واحدة", LX_NUMW, 0, 1}, {"أحد", LX_NUMW, 0, 1}, {"إحدى", LX_NUMW, 0, 1},
    {"اثنان", LX_NUMW, 0, 2}, {"اثنين", LX_NUMW, 0, 2}, {"اثنا", LX_NUMW, 0, 2}, {"اثني", LX_NUMW, 0, 2},
    {"اثنتان", LX_NUMW, 0, 2}, {"اثنتين", LX_NUMW, 0, 2}, {"اثنتا", LX_NUMW, 0, 2}, {"اثنتي", LX_NUMW, 0, 2},
    {"ثلاثة", LX_NUMW, 0, 3}, {"ثلاث", LX_NUMW, 0, 3}, {"أربعة", LX_NUMW, 0, 4}, {"أربع", LX_NUMW, 0, 4},
    {"خمسة", LX_NUMW, 0, 5}, {"خمس", LX_NUMW, 0, 5}, {"ستة", LX_NUMW, 0, 6}, {"ست", LX_NUMW, 0, 6},
    {"سبعة", LX_NUMW, 0, 7}, {"سبع", LX_NUMW, 0, 7}, {"ثمانية", LX_NUMW, 0, 8}, {"ثماني", LX_NUMW, 0, 8},
    {"ثمان", LX_NUMW, 0, 8}, {"تسعة", LX_NUMW, 0, 9}, {"تسع", LX_NUMW, 0, 9}, {"عشرة", LX_NUMW, 2, 10},
    {"عشر", LX_NUMW, 2, 10}, {"عشرون", LX_NUMW, 0, 20}, {"عشرين", LX_NUMW, 0, 20}, {"ثلاثون", LX_NUMW, 0, 30},
    {"ثلاثين", LX_NUMW, 0, 30}, {"أربعون", LX_NUMW, 0, 40}, {"أربعين", LX_NUMW, 0, 40},
    {"خمسون", LX_NUMW, 0, 50}, {"خمسين", LX_NUMW, 0, 50}, {"ستون", LX_NUMW, 0, 60}, {"ستين", LX_NUMW, 0, 60},
    {"سبعون", LX_NUMW, 0, 70}, {"سبعين", LX_NUMW, 0, 70}, {"ثمانون", LX_NUMW, 0, 80},
    {"ثمانين", LX_NUMW, 0, 80}, {"تسعون", LX_NUMW, 0, 90}, {"تسعين", LX_NUMW, 0, 90},
    {"مئتان", LX_NUMW, 0, 200},
    {"مئتين", LX_NUMW, 0, 200}, {"مائتان", LX_NUMW, 0, 200}, {"مائتين", LX_NUMW, 0, 200},
    {"مئتي", LX_NUMW, 0, 200}, {"مائتي", LX_NUMW, 0, 200}, /* before a noun: مئتي يوم */
    {"ثلاثمئة", LX_NUMW, 0, 300}, {"ثلاثمائة", LX_NUMW, 0, 300}, {"أربعمئة", LX_NUMW, 0, 400},
    {"أربعمائة", LX_NUMW, 0, 400}, {"خمسمئة", LX_NUMW, 0, 500}, {"خمسمائة", LX_NUMW, 0, 500},
    {"ستمئة", LX_NUMW, 0, 600}, {"ستمائة", LX_NUMW, 0, 600}, {"سبعمئة", LX_NUMW, 0, 700},
    {"سبعمائة", LX_NUMW, 0, 700}, {"ثمانمئة", LX_NUMW, 0, 800}, {"ثمانمائة", LX_NUMW, 0, 800},
    {"تسعمئة", LX_NUMW, 0, 900}, {"تسعمائة", LX_NUMW, 0, 900},
    {"ألفان", LX_NUMW, 0, 2000}, {"ألفين", LX_NUMW, 0, 2000}, {"ألفي", LX_NUMW, 0, 2000},
    {"آلاف", LX_NUMW, 3, 1000},
    {"مئة", LX_NUMW, 1, 100}, {"مائة", LX_NUMW, 1, 100}, {"ألف", LX_NUMW, 1, 1000},
    {"ألفا", LX_NUMW, 1, 1000}, /* ألفًا ومئتي يوم */
    /* feasts and holidays: the order is the grammar's holiday table */
    {"عيد الفطر", LX_HOLIDAY, 0, 1}, {"عيد الأضحى", LX_HOLIDAY, 0, 2}, {"المولد النبوي", LX_HOLIDAY, 0, 3},
    {"رأس السنة الهجرية", LX_HOLIDAY, 0, 4}, {"رأس السنة", LX_HOLIDAY, 0, 5},
    {"رأس السنة الميلادية", LX_HOLIDAY, 0, 5}, {"عيد الميلاد المجيد", LX_HOLIDAY, 0, 6},
    {"الكريسماس", LX_HOLIDAY, 0, 6}, {"يوم عرفة", LX_HOLIDAY, 0, 7}, {"عاشوراء", LX_HOLIDAY, 0, 8},
    /* clock */
    {"الساعة", LX_HOURWORD, 0, 0},
    {"صباحا", LX_DAYPART, 0, POD_MO}, {"صباح", LX_DAYPART, 0, POD_MO}, {"الصباح", LX_DAYPART, 0, POD_MO},
    {"ظهرا", LX_DAYPART, 0, POD_AF}, {"ظهر", LX_DAYPART, 0, POD_AF}, {"الظهر", LX_DAYPART, 0, POD_AF},
    {"عصرا", LX_DAYPART, 0, POD_AF}, {"عصر", LX_DAYPART, 0, POD_AF}, {"العصر", LX_DAYPART, 0, POD_AF},
    {"مساء", LX_DAYPART, 0, POD_EV}, {"مساءا", LX_DAYPART, 0, POD_EV}, {"المساء", LX_DAYPART, 0, POD_EV},
    {"ليلا", LX_DAYPART, 0, POD_NI}, {"فجرا", LX_DAYPART, 0, POD_DAWN}, {"فجر", LX_DAYPART, 0, POD_DAWN},
    {"الفجر", LX_DAYPART, 0, POD_DAWN},
    {"والنصف", LX_FRACTION, 0, 30}, {"والربع", LX_FRACTION, 0, 15}, {"والثلث", LX_FRACTION, 0, 20},
    {"إلا ربعا", LX_FRACTION, 0, -15}, {"إلا ربع", LX_FRACTION, 0, -15}, {"إلا الربع", LX_FRACTION, 0, -15},
    /* prepositions and connectors */
    {"في", LX_PREP, 0, PREP_IN}, {"منذ", LX_PREP, 0, PREP_SINCE}, {"حتى", LX_PREP, 0, PREP_UNTIL},
    {"خلال", LX_PREP, 0, PREP_DURING}, {"قبل", LX_PREP, 0, PREP_BEFORE}, {"بعد", LX_PREP, 0, PREP_AFTER},
    {"إلى", LX_RANGE, 0, 0}, {"حتى", LX_RANGE, 0, 0}, {"و", LX_RANGE, 0, 0}, {"من", LX_FROM, 0, 0},
    {"غرة", LX_GHURRA, 0, 1},
    {"كل", LX_EVERY, 0, 0},
    {"يوميا", LX_SETADV, 0, 'D'}, {"أسبوعيا", LX_SETADV, 0, 'W'}, {"شهريا", LX_SETADV, 0, 'M'},
    {"سنويا", LX_SETADV, 0, 'Y'},
    {"سوف", LX_FUTURE, 0, 0},
    {"القرن", LX_CENTURY, 0, 0}, {"الموافق", LX_LINK, 0, 0},
    /* accusative singulars after counts of 11 and more (15 يوما) */
    {"يوما", LX_UNIT, 1, 'D'}, {"أسبوعا", LX_UNIT, 1, 'W'}, {"شهرا", LX_UNIT, 1, 'M'}, {"عاما", LX_UNIT, 1, 'Y'},
};

/* Masculine ordinals 1..10 and the hour forms 1..12 (feminine). */
static const char *const ord_m[] = {"الأول", "الثاني", "الثالث", "الرابع", "الخامس",
                                    "السادس", "السابع", "الثامن", "التاسع", "العاشر"};
static const char *const ord_unit[] = {"الحادي", "الثاني", "الثالث", "الرابع", "الخامس",
                                       "السادس", "السابع", "الثامن", "التاسع"};
static const char *const ord_f[] = {"الواحدة", "الثانية", "الثالثة", "الرابعة", "الخامسة", "السادسة",
                                    "السابعة", "الثامنة", "التاسعة", "العاشرة"};
static const char *const decades[] = {"عشرين", "ثلاثين", "أربعين", "خمسين", "ستين", "سبعين", "ثمانين", "تسعين"};

static int add_generated(ar_dates *d)
{
    char w[128];
    int rc = AR_OK;
    for (int i = 0; i < 10 && !rc; i++)
        rc = add(d, ord_m[i], LX_ORD, i + 1, 0, 0);
    /* 11..19: الحادي عشر, الثاني عشر ... */
    for (int i = 0; i < 9 && !rc; i++) {
        snprintf(w, sizeof w, "%s عشر", ord_unit[i]);
        rc = add(d, w, LX_ORD, 11 + i, 0, 0);
    }
    /* 20, 30 and 21..29, 31 in both cases (العشرين / العشرون) */
    const char *tens[2][2] = {{"العشرين", "العشرون"}, {"الثلاثين", "الثلاثون"}};
    for (int t = 0; t < 2 && !rc; t++)
        for (int c = 0; c < 2 && !rc; c++) {
            rc = add(d, tens[t][c], LX_ORD, 20 + 10 * t, 0, 0);
            int top = t == 0 ? 9 : 1;
            for (int i = 0; i < top && !rc; i++) {
                snprintf(w, sizeof w, "%s و%s", ord_unit[i], tens[t][c]);
                rc = add(d, w, LX_ORD, 21 + 10 * t + i, 0, 0);
            }
        }
    for (int i = 0; i < 10 && !rc; i++)
        rc = add(d, ord_f[i], LX_HOUR, i + 1, 0, 0);
    const char *h11[] = {"الحادية عشرة", "الحادية عشر"}, *h12[] = {"الثانية عشرة", "الثانية عشر"};
    for (int i = 0; i < 2 && !rc; i++) {
        rc = add(d, h11[i], LX_HOUR, 11, 0, 0);
        if (!rc)
            rc = add(d, h12[i], LX_HOUR, 12, 0, 0);
    }
    /* decades: التسعينيات / التسعينات -> 9 */
    for (int i = 0; i < 8 && !rc; i++) {
        snprintf(w, sizeof w, "ال%sيات", decades[i]);
        rc = add(d, w, LX_DECADE, i + 2, 0, 0);
        if (!rc) {
            snprintf(w, sizeof w, "ال%sات", decades[i]);
            rc = add(d, w, LX_DECADE, i + 2, 0, 0);
        }
        if (!rc) {
            snprintf(w, sizeof w, "%sيات", decades[i]);
            rc = add(d, w, LX_DECADE, i + 2, 0, 0);
        }
    }
    return rc;
}

/* ---- hash tables --------------------------------------------------------- */

/* Can an entry start a grammar rule by itself (1), only when a number or
 * another lexicon word follows (2), or never (0: في alone, من, الماضي...)? */
static int starter_of(const lx_entry *e)
{
    int r = 0;
    for (int k = 0; k < e->nsenses; k++) {
        switch (e->s[k].kind) {
        case LX_GMONTH: case LX_HMONTH: case LX_NUMMONTH: case LX_WEEKDAY: case LX_ORD: case LX_REL:
        case LX_RHET: case LX_DECADE: case LX_SETADV: case LX_GHURRA: case LX_HOUR: case LX_NOW: case LX_HOLIDAY:
            return 1;
        case LX_UNIT:
            if (e->s[k].n == 2)
                return 1;
            r = 2;
            break;
        case LX_CARD: case LX_UNITNOUN: case LX_YEARWORD: case LX_SEASON: case LX_ARTICLE: case LX_YEARPART: case LX_MONTHWORD: case LX_DAYWORD: case LX_PART:
        case LX_THIS: case LX_HOURWORD: case LX_DAYPART: case LX_PREP: case LX_EVERY: case LX_NUMW: case LX_NTH:
            r = 2;
            break;
        default:
            break;
        }
    }
    return r;
}

/* The slot of a hash: its high bits brought down. */
static size_t slot_of(const dates_lexicon *lx, uint64_t hk)
{
    hk ^= hk >> 29;
    hk *= 0xBF58476D1CE4E5B9ull;
    return (size_t)(hk ^ (hk >> 32)) & (lx->nslot - 1);
}

/* Sets the word filter's bits for the word c p key, proclitics c and p. */
static void wfilt_add(dates_lexicon *lx, const char *c, const char *p, const char *key, size_t len)
{
    char w[256];
    size_t cl = strlen(c), pl = strlen(p);
    if (cl + pl + len > sizeof w)
        return; /* longer than any word the scanner looks up whole */
    memcpy(w, c, cl);
    memcpy(w + cl, p, pl);
    memcpy(w + cl + pl, key, len);
    uint64_t h = dates_hash(w, cl + pl + len);
    dates_bit_set(lx->wfilt, DATES_WFILT_A(h));
    dates_bit_set(lx->wfilt, DATES_WFILT_B(h));
}

/* Every form lookup_forms (dates.c) maps to a one-word key: the key behind
 * nothing, و or ف, then nothing, ب ل or ك; and a key in ال behind لل, with
 * or without و or ف, the alef gone. A superset is harmless (the lookups
 * decide), a form left out would lose dates. */
static void wfilt_key(dates_lexicon *lx, const char *key, size_t len)
{
    static const char *const conj[] = {"", DATES_WAW, DATES_FA};
    static const char *const prep[] = {"", DATES_BA, DATES_LAM, DATES_KAF};
    for (size_t c = 0; c < sizeof conj / sizeof conj[0]; c++) {
        for (size_t p = 0; p < sizeof prep / sizeof prep[0]; p++)
            wfilt_add(lx, conj[c], prep[p], key, len);
        if (len > 4 && memcmp(key, DATES_AL, 4) == 0)
            wfilt_add(lx, conj[c], DATES_LAM DATES_LAM, key + 4, len - 4);
    }
}

static int build_tables(dates_lexicon *lx)
{
    /* Every first word of a multi-word entry gets an entry of its own
     * (perhaps without senses) that says how many words to try. */
    size_t n0 = lx->n;
    for (size_t i = 0; i < n0; i++) {
        if (lx->e[i].nwords < 2)
            continue;
        size_t fl = (size_t)(strchr(lx->e[i].key, ' ') - lx->e[i].key);
        size_t j = 0;
        for (; j < lx->n; j++)
            if (lx->e[j].keylen == fl && memcmp(lx->e[j].key, lx->e[i].key, fl) == 0)
                break;
        if (j == lx->n) {
            if (lx->n == lx->cap) {
                size_t nc = lx->cap * 2;
                lx_entry *ne = realloc(lx->e, nc * sizeof *ne);
                if (!ne)
                    return AR_ENOMEM;
                lx->e = ne;
                lx->cap = nc;
            }
            lx_entry *e = &lx->e[lx->n];
            memset(e, 0, sizeof *e);
            if (!(e->key = malloc(fl + 1)))
                return AR_ENOMEM;
            memcpy(e->key, lx->e[i].key, fl);
            e->key[fl] = 0;
            e->keylen = (uint32_t)fl;
            e->nwords = 1;
            lx->n++;
        }
        if (lx->e[i].nwords > lx->e[j].multi)
            lx->e[j].multi = lx->e[i].nwords;
    }
    size_t ns = 16;
    while (ns < lx->n * 4)
        ns <<= 1;
    lx->slot = calloc(ns, sizeof *lx->slot);
    if (!lx->slot)
        return AR_ENOMEM;
    lx->nslot = ns;
    for (size_t i = 0; i < lx->n; i++) {
        lx_entry *e = &lx->e[i];
        e->starter = (uint8_t)starter_of(e);
        for (int k = 0; k < e->nsenses; k++)
            e->kinds |= 1ull << e->s[k].kind;
        uint64_t hk = dates_hash(e->key, e->keylen);
        size_t h = slot_of(lx, hk);
        while (lx->slot[h])
            h = (h + 1) & (ns - 1);
        lx->slot[h] = (uint32_t)i + 1;
        dates_bit_set(lx->filt, DATES_FILT_A(hk));
        dates_bit_set(lx->filt, DATES_FILT_B(hk));
        if (e->nwords < 2)
            wfilt_key(lx, e->key, e->keylen);
    }
    return AR_OK;
}

/* Equal keys of n bytes: overlapping word loads inline, where memcmp would
 * be a call for every word the filters let through. */
static inline int key_eq(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        uint64_t x, y;
        for (size_t i = 0; i + 8 < n; i += 8) {
            memcpy(&x, a + i, 8);
            memcpy(&y, b + i, 8);
            if (x != y)
                return 0;
        }
        memcpy(&x, a + n - 8, 8);
        memcpy(&y, b + n - 8, 8);
        return x == y;
    }
    if (n >= 4) {
        uint32_t x0, y0, x1, y1;
        memcpy(&x0, a, 4);
        memcpy(&y0, b, 4);
        memcpy(&x1, a + n - 4, 4);
        memcpy(&y1, b + n - 4, 4);
        return x0 == y0 && x1 == y1;
    }
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return 0;
    return 1;
}

const lx_entry *dates_lexicon_find(const dates_lexicon *lx, const char *key, size_t len, uint64_t hk)
{
    size_t h = slot_of(lx, hk);
    for (;;) {
        uint32_t j = lx->slot[h];
        if (!j)
            return NULL;
        const lx_entry *e = &lx->e[j - 1];
        if (e->keylen == len && key_eq(e->key, key, len))
            return e;
        h = (h + 1) & (lx->nslot - 1);
    }
}

int dates_lexicon_build(ar_dates *d)
{
    int rc = ar_norm_new(&d->norm, FOLD_FLAGS);
    if (rc)
        return rc;
    rc = add_icu(d);
    for (size_t i = 0; i < sizeof hand_table / sizeof hand_table[0] && !rc; i++)
        rc = add(d, hand_table[i].word, hand_table[i].kind, hand_table[i].val, hand_table[i].n, 0);
    if (!rc)
        rc = add_generated(d);
    if (!rc)
        rc = build_tables(&d->lx);
    return rc;
}

void dates_lexicon_free(dates_lexicon *lx)
{
    for (size_t i = 0; i < lx->n; i++)
        free(lx->e[i].key);
    free(lx->e);
    free(lx->slot);
    memset(lx, 0, sizeof *lx);
}
