/* SPDX-License-Identifier: MIT */
/* Calendar arithmetic. Gregorian days are counted with the civil-from-days
 * algorithm (proleptic Gregorian, day 0 = 1970-01-01), which is exact and
 * needs no ICU; Hijri dates go through ICU's Islamic calendars because their
 * month lengths (Umm al-Qura) are tabulated, not computed. */
#include "dates_internal.h"

#include <string.h>
#include <unicode/ustring.h>

int64_t cal_days_from_civil(int y, int m, int d)
{
    int64_t yy = (int64_t)y - (m <= 2);
    int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

ar_ymd cal_civil_from_days(int64_t z)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    int64_t d = doy - (153 * mp + 2) / 5 + 1;
    int64_t m = mp < 10 ? mp + 3 : mp - 9;
    ar_ymd r = {(int)(y + (m <= 2)), (int)m, (int)d};
    return r;
}

int cal_days_in_month(int y, int m)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m < 1 || m > 12)
        return 0;
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return len[m - 1];
}

int cal_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= cal_days_in_month(y, m);
}

int cal_weekday(ar_ymd d)
{
    int64_t z = cal_days_from_civil(d.y, d.m, d.d);
    /* 1970-01-01 was a Thursday (4). */
    int64_t w = (z % 7 + 7 + 4) % 7;
    return (int)w;
}

ar_ymd cal_add_days(ar_ymd d, int n)
{
    return cal_civil_from_days(cal_days_from_civil(d.y, d.m, d.d) + n);
}

/* ISO 8601 week: the week with the year's first Thursday is week 1. */
void cal_iso_week(ar_ymd d, int *year, int *week)
{
    int64_t z = cal_days_from_civil(d.y, d.m, d.d);
    int wd = cal_weekday(d);
    int iso = wd == 0 ? 7 : wd;            /* Monday 1 .. Sunday 7 */
    int64_t thursday = z - iso + 4;
    ar_ymd t = cal_civil_from_days(thursday);
    int64_t jan1 = cal_days_from_civil(t.y, 1, 1);
    *year = t.y;
    *week = (int)((thursday - jan1) / 7 + 1);
}

/* ---- Hijri through ICU --------------------------------------------------- */

int cal_open(ar_dates_scratch *s, const char *name)
{
    if (s->cal && strcmp(s->cal_name, name) == 0)
        return AR_OK;
    if (s->cal)
        ucal_close(s->cal);
    s->cal = NULL;
    char loc[64];
    snprintf(loc, sizeof loc, "@calendar=%s", name);
    UChar utc[4] = {'U', 'T', 'C', 0};
    UErrorCode e = U_ZERO_ERROR;
    UCalendar *c = ucal_open(utc, 3, loc, UCAL_DEFAULT, &e);
    if (U_FAILURE(e) || !c)
        return AR_ENOTFOUND;
    ucal_setAttribute(c, UCAL_LENIENT, 0);
    s->cal = c;
    snprintf(s->cal_name, sizeof s->cal_name, "%s", name);
    return AR_OK;
}

static ar_ymd from_millis(UDate ms)
{
    int64_t days = (int64_t)(ms / 86400000.0);
    if ((double)days * 86400000.0 > ms)
        days--;
    return cal_civil_from_days(days);
}

int cal_hijri_to_greg(ar_dates_scratch *s, const char *name, int hy, int hm, int hd, ar_ymd *g)
{
    if (hy < 1 || hy > 9999 || hm < 1 || hm > 12 || hd < 1 || hd > 30)
        return AR_ESYNTAX;
    int rc = cal_open(s, name);
    if (rc)
        return rc;
    UErrorCode e = U_ZERO_ERROR;
    ucal_clear(s->cal);
    ucal_set(s->cal, UCAL_ERA, 0);
    ucal_set(s->cal, UCAL_YEAR, hy);
    ucal_set(s->cal, UCAL_MONTH, hm - 1);
    ucal_set(s->cal, UCAL_DATE, hd);
    UDate ms = ucal_getMillis(s->cal, &e);
    if (U_FAILURE(e))
        return AR_ESYNTAX;
    *g = from_millis(ms);
    return AR_OK;
}

int cal_greg_to_hijri(ar_dates_scratch *s, const char *name, ar_ymd g, int *hy, int *hm, int *hd)
{
    int rc = cal_open(s, name);
    if (rc)
        return rc;
    UErrorCode e = U_ZERO_ERROR;
    ucal_clear(s->cal);
    ucal_setMillis(s->cal, (UDate)cal_days_from_civil(g.y, g.m, g.d) * 86400000.0 + 43200000.0, &e);
    *hy = ucal_get(s->cal, UCAL_YEAR, &e);
    *hm = ucal_get(s->cal, UCAL_MONTH, &e) + 1;
    *hd = ucal_get(s->cal, UCAL_DATE, &e);
    return U_FAILURE(e) ? AR_ESYNTAX : AR_OK;
}

int cal_hijri_month_len(ar_dates_scratch *s, const char *name, int hy, int hm)
{
    ar_ymd a, b;
    if (cal_hijri_to_greg(s, name, hy, hm, 1, &a))
        return 0;
    int ny = hm == 12 ? hy + 1 : hy, nm = hm == 12 ? 1 : hm + 1;
    if (cal_hijri_to_greg(s, name, ny, nm, 1, &b))
        return 0;
    return (int)(cal_days_from_civil(b.y, b.m, b.d) - cal_days_from_civil(a.y, a.m, a.d));
}
