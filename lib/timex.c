/* SPDX-License-Identifier: MIT */
/* TIMEX3 value strings (ISO 8601 with TimeML's extensions: decades "199",
 * ISO weeks "2021-W49", parts of day "TEV", durations "P3D", sets). */
#include "dates_internal.h"

#include <stdio.h>
#include <string.h>

static const char *const pod_names[] = {"", "MO", "MI", "AF", "EV", "NI", "MO"};

/* YYYY, YYYY-MM or YYYY-MM-DD (the commonest values) without snprintf,
 * which costs more than finding the date did: 0 if a part is out of range. */
static int put_ymd(char *o, int y, int m, int d, int parts)
{
    if (y < 1 || y > 9999 || (parts > 1 && (m < 1 || m > 12)) || (parts > 2 && (d < 1 || d > 31)))
        return 0;
    o[0] = (char)('0' + y / 1000);
    o[1] = (char)('0' + y / 100 % 10);
    o[2] = (char)('0' + y / 10 % 10);
    o[3] = (char)('0' + y % 10);
    size_t k = 4;
    if (parts > 1) {
        o[k++] = '-';
        o[k++] = (char)('0' + m / 10);
        o[k++] = (char)('0' + m % 10);
    }
    if (parts > 2) {
        o[k++] = '-';
        o[k++] = (char)('0' + d / 10);
        o[k++] = (char)('0' + d % 10);
    }
    o[k] = 0;
    return 1;
}

void timex_fill(const dval *v, ar_date_mention *m)
{
    char *o = m->value;
    size_t cap = sizeof m->value;
    m->flags = v->flags;
    m->mod = (ar_timex_mod)v->mod;
    m->calendar = (ar_date_calendar)v->cal;
    m->type = AR_TIMEX_DATE;
    o[0] = 0;
    m->hijri[0] = 0;
    if (v->cal == AR_CAL_HIJRI && v->hy > 0) {
        /* the grammar reads at most 4-digit years and 2-digit days: the
         * modulos only tell the compiler so */
        unsigned hy = (unsigned)v->hy % 10000u, hm = (unsigned)v->hm % 100u, hd = (unsigned)v->hd % 100u;
        if (hd)
            snprintf(m->hijri, sizeof m->hijri, "%04u-%02u-%02u", hy, hm, hd);
        else if (hm)
            snprintf(m->hijri, sizeof m->hijri, "%04u-%02u", hy, hm);
        else
            snprintf(m->hijri, sizeof m->hijri, "%04u", hy);
    }
    switch (v->g) {
    case G_MINUTE:
        m->type = AR_TIMEX_TIME;
        break;
    case G_DAY:
        if (v->pod)
            m->type = AR_TIMEX_TIME;
        break;
    case G_DUR:
        m->type = AR_TIMEX_DURATION;
        break;
    case G_SET:
        m->type = AR_TIMEX_SET;
        break;
    default:
        break;
    }
    /* ISO 8601 without expansion has years 0001..9999: anything computed
     * outside (a Hijri year 9759, ten years after 9995) has no value */
    if (!(v->flags & (AR_DATE_INVALID | AR_DATE_NOREF)) && v->g != G_DUR && v->g != G_SET && v->g != G_DECADE
        && v->g != G_PRESENT
        && (v->y < 1 || v->y > 9999)) {
        m->flags |= AR_DATE_INVALID;
        m->flags &= ~(unsigned)AR_DATE_FULL;
    }
    if (m->flags & (AR_DATE_INVALID | AR_DATE_NOREF))
        return;
    switch (v->g) {
    case G_PRESENT:
        snprintf(o, cap, "PRESENT_REF");
        break;
    case G_DECADE:
        snprintf(o, cap, "%03d", v->y / 10);
        break;
    case G_YEAR:
        if (!put_ymd(o, v->y, 0, 0, 1))
            snprintf(o, cap, "%04d", v->y);
        break;
    case G_MONTH:
        if (!put_ymd(o, v->y, v->m, 0, 2))
            snprintf(o, cap, "%04d-%02d", v->y, v->m);
        break;
    case G_QUARTER:
        snprintf(o, cap, "%04d-Q%d", v->y, v->m);
        break;
    case G_HALF:
        snprintf(o, cap, "%04d-H%d", v->y, v->m);
        break;
    case G_SEASON: {
        static const char *const sea[] = {"SP", "SU", "FA", "WI"};
        snprintf(o, cap, "%04d-%s", v->y, sea[(v->m - 1) & 3]);
        break;
    }
    case G_WEEK:
        snprintf(o, cap, "%04d-W%02d", v->y, v->m);
        break;
    case G_DAY:
        if (v->pod)
            snprintf(o, cap, "%04d-%02d-%02dT%s", v->y, v->m, v->d, pod_names[v->pod]);
        else if (!put_ymd(o, v->y, v->m, v->d, 3))
            snprintf(o, cap, "%04d-%02d-%02d", v->y, v->m, v->d);
        break;
    case G_MINUTE:
        snprintf(o, cap, "%04d-%02d-%02dT%02d:%02d", v->y, v->m, v->d, v->hh, v->mi);
        break;
    case G_DUR:
    case G_SET:
        if (v->dur_u == 'w' && v->g == G_SET) /* every <weekday> */
            snprintf(o, cap, "XXXX-WXX-%d", v->dur_n == 0 ? 7 : v->dur_n);
        else if (v->dur_u == 'h') /* ساعة ونصف: minutes, written as hours and minutes */
            snprintf(o, cap, "PT%dH%dM", v->dur_n / 60, v->dur_n % 60);
        else if (v->dur_u == 'H' || v->dur_u == 'N')
            snprintf(o, cap, "PT%d%c", v->dur_n, v->dur_u == 'H' ? 'H' : 'M');
        else
            snprintf(o, cap, "P%d%c", v->dur_n, v->dur_u);
        break;
    default:
        break;
    }
}

const char *ar_timex_type_name(ar_timex_type t)
{
    switch (t) {
    case AR_TIMEX_DATE: return "DATE";
    case AR_TIMEX_TIME: return "TIME";
    case AR_TIMEX_DURATION: return "DURATION";
    case AR_TIMEX_SET: return "SET";
    }
    return "DATE";
}

const char *ar_timex_mod_name(ar_timex_mod m)
{
    switch (m) {
    case AR_TIMEX_MOD_START: return "START";
    case AR_TIMEX_MOD_MID: return "MID";
    case AR_TIMEX_MOD_END: return "END";
    case AR_TIMEX_MOD_APPROX: return "APPROX";
    case AR_TIMEX_MOD_NONE: break;
    }
    return NULL;
}

const char *ar_date_calendar_name(ar_date_calendar c)
{
    return c == AR_CAL_HIJRI ? "hijri" : "gregorian";
}

int ar_ymd_parse(const char *s, ar_ymd *out)
{
    int y = 0, m = 0, d = 0, k = 0;
    if (!s || !out)
        return AR_EINVAL;
    for (int i = 0; i < 10; i++) {
        char c = s[i];
        if (i == 4 || i == 7) {
            if (c != '-')
                return AR_ESYNTAX;
            continue;
        }
        if (c < '0' || c > '9')
            return AR_ESYNTAX;
        k = c - '0';
        if (i < 4)
            y = y * 10 + k;
        else if (i < 7)
            m = m * 10 + k;
        else
            d = d * 10 + k;
    }
    if (s[10] != 0 || !cal_valid(y, m, d))
        return AR_ESYNTAX;
    out->y = y;
    out->m = m;
    out->d = d;
    return AR_OK;
}

int ar_datetime_parse(const char *s, ar_ymd *date, int *minute)
{
    if (!s || !date || !minute)
        return AR_EINVAL;
    char day[11];
    size_t n = strlen(s);
    if (n != 10 && n != 16)
        return AR_ESYNTAX;
    memcpy(day, s, 10);
    day[10] = 0;
    ar_ymd d;
    int rc = ar_ymd_parse(day, &d);
    if (rc)
        return rc;
    int mi = -1;
    if (n == 16) {
        const char *t = s + 10;
        for (int i = 1; i < 6; i++)
            if (i == 3 ? t[i] != ':' : (t[i] < '0' || t[i] > '9'))
                return AR_ESYNTAX;
        int hh = (t[1] - '0') * 10 + (t[2] - '0'), mm = (t[4] - '0') * 10 + (t[5] - '0');
        if ((t[0] != 'T' && t[0] != ' ') || hh > 23 || mm > 59)
            return AR_ESYNTAX;
        mi = hh * 60 + mm;
    }
    *date = d;
    *minute = mi;
    return AR_OK;
}
