/* SPDX-License-Identifier: MIT */
/* The date grammar: a hand-written scanner over the tagged tokens of one
 * text. At each token every rule is tried; the one that reaches furthest
 * wins (ties: the first listed), its mentions are emitted and scanning goes
 * on after it. Rules read like the grammar in ar-dates(1):
 *
 *   numeric   NUM sep NUM sep NUM            (Y/M/D if the first field has 4
 *                                            digits, else D/M/Y; sep / - .)
 *   time      [الساعة] H:MM [daypart] | الساعة (NUM|hour word) [fraction] [daypart]
 *   dmy       [weekday [,|الموافق]] [يوم] DAY [من|,] MONTH [deictic | [,] [عام] YEAR] [era]
 *   range     DAY (إلى|حتى|و|-) dmy          -> two mentions
 *   month     [شهر] MONTH ([,] [عام] YEAR | deictic) | شهر MONTH
 *   year      (عام|سنة) NUM [era] | NUM4 era | (في|منذ|حتى|خلال|قبل|بعد) NUM4
 *   part      (مطلع|منتصف|أواخر...) (month | year | NUM4 | unit noun [deictic] | decade)
 *   decade    التسعينيات [من] [القرن (الماضي|العشرين|...)]
 *   unit      (الأسبوع|الشهر|العام|السنة) deictic | (هذا|هذه) unit noun
 *   relative  [daypart] [يوم] (اليوم|أمس|أول أمس|غدا|بعد غد) [weekday]
 *   ago       (قبل|بعد|منذ) (COUNT UNIT | UNIT-dual | UNIT)   not followed by من
 *   duration  COUNT UNIT | UNIT-dual [deictic]
 *   weekday   [daypart] [يوم] WEEKDAY [deictic]
 *   set       كل (UNIT | [يوم] WEEKDAY) | يوميا أسبوعيا شهريا سنويا
 */
#include "dates_internal.h"

#include <stdlib.h>
#include <string.h>

#define MAXM 8

typedef struct match {
    size_t end;        /* token index after the match */
    int nm;            /* mentions (0: tokens consumed, nothing reported) */
    dval v[MAXM];
    size_t ts[MAXM], te[MAXM]; /* token spans of the mentions */
} match;

#define NT (c->s->nt)
#define T(i) (c->s->t[(i)])

/* May a word carrying proclitic(s) stand for this kind? و/ف go with almost
 * anything; ب/ل/ك only with nouns that take a preposition (لعام, بمطلع). */
static int clitic_ok(const dtok *t, int kind)
{
    if (!t->clitic)
        return 1;
    switch (kind) {
    case LX_ERA: case LX_DEIC: case LX_RANGE: case LX_FROM: case LX_FRACTION: case LX_LINK: case LX_ARTICLE:
        return 0;
    case LX_REL: case LX_RHET: case LX_PREP: case LX_THIS: case LX_FUTURE: case LX_EVERY:
    case LX_HOUR: case LX_ORD: case LX_DAYPART: case LX_SETADV: case LX_GHURRA: case LX_CENTURY:
        return t->waw;
    default:
        return 1;
    }
}

static const lx_sense *find_in(const lx_entry *e, int kind)
{
    if (!e || !(e->kinds & (1ull << kind))) /* most asks: one bit says no */
        return NULL;
    for (int k = 0; k < e->nsenses; k++)
        if (e->s[k].kind == kind)
            return &e->s[k];
    return NULL;
}

/* The sense of token i of this kind, preferring the longest entry; *next is
 * the token after the words it covers. */
static const lx_sense *sn(const dates_ctx *c, size_t i, int kind, size_t *next)
{
    if (i >= NT || T(i).type != T_WORD || !T(i).lx)
        return NULL;
    const dtok *t = &T(i);
    if (!clitic_ok(t, kind))
        return NULL;
    const lx_sense *r = find_in(t->lx, kind);
    if (r) {
        if (next)
            *next = i + t->span;
        return r;
    }
    if (t->lx1 != t->lx && (r = find_in(t->lx1, kind))) {
        if (next)
            *next = i + 1;
        return r;
    }
    return NULL;
}

static int is_punct(const dates_ctx *c, size_t i, char ch)
{
    return i < NT && T(i).type == T_PUNCT && T(i).ch == ch;
}

static int adjacent(const dates_ctx *c, size_t i)
{
    return i < NT && !T(i).sp_before;
}

static int is_num(const dates_ctx *c, size_t i, int mindig, int maxdig)
{
    return i < NT && T(i).type == T_NUM && T(i).ndig >= mindig && T(i).ndig <= maxdig && T(i).num >= 0;
}

/* A word whose folded text is exactly w (no clitic). */
static int word_is(const dates_ctx *c, size_t i, const char *w)
{
    size_t l = strlen(w);
    return i < NT && T(i).type == T_WORD && T(i).fe - T(i).fs == l && memcmp(c->f + T(i).fs, w, l) == 0;
}

/* ---- values ---------------------------------------------------------------- */

static void need_ref(const dates_ctx *c, dval *v)
{
    v->flags |= AR_DATE_RELATIVE;
    if (!c->ref.y)
        v->flags |= AR_DATE_NOREF;
}

static void set_day(dval *v, ar_ymd d)
{
    v->g = G_DAY;
    v->y = d.y;
    v->m = d.m;
    v->d = d.d;
}

static void shift_month(int *y, int *m, int n)
{
    int z = *y * 12 + (*m - 1) + n;
    *y = z / 12;
    *m = z % 12 + 1;
}

/* Gregorian day for a Gregorian or Hijri (y, m, d); marks invalid dates. */
static void resolve_dmy(dates_ctx *c, dval *v, int y, int m, int d, int hijri)
{
    v->g = G_DAY;
    if (hijri) {
        v->cal = AR_CAL_HIJRI;
        v->hy = y;
        v->hm = m;
        v->hd = d;
        ar_ymd g;
        ar_ymd h = {y, m, d};
        if (y < 1 || ar_dates_hijri_to_gregorian(c->d, c->s, h, &g) != AR_OK) {
            v->flags |= AR_DATE_INVALID;
            return;
        }
        set_day(v, g);
        return;
    }
    /* kept even when invalid: the other days of a range still need them */
    v->y = y;
    v->m = m;
    v->d = d;
    if (!cal_valid(y, m, d))
        v->flags |= AR_DATE_INVALID;
}

/* A Hijri month (and year) as the Gregorian month holding its 15th day,
 * marked APPROX: a Hijri month straddles two Gregorian ones. */
static void resolve_hijri_month(dates_ctx *c, dval *v, int hy, int hm)
{
    v->cal = AR_CAL_HIJRI;
    v->hy = hy;
    v->hm = hm;
    v->g = G_MONTH;
    ar_ymd g;
    ar_ymd h = {hy, hm, 15};
    if (hy < 1 || ar_dates_hijri_to_gregorian(c->d, c->s, h, &g) != AR_OK) {
        v->flags |= AR_DATE_INVALID;
        return;
    }
    v->y = g.y;
    v->m = g.m;
    if (!v->mod)
        v->mod = AR_TIMEX_MOD_APPROX;
}

static void resolve_hijri_year(dates_ctx *c, dval *v, int hy)
{
    v->cal = AR_CAL_HIJRI;
    v->hy = hy;
    v->g = G_YEAR;
    ar_ymd g;
    ar_ymd h = {hy, 7, 1};
    if (hy < 1 || ar_dates_hijri_to_gregorian(c->d, c->s, h, &g) != AR_OK) {
        v->flags |= AR_DATE_INVALID;
        return;
    }
    v->y = g.y;
    if (!v->mod)
        v->mod = AR_TIMEX_MOD_APPROX;
}

/* The Hijri year meant by a year written after a Hijri month or feast
 * whose day is (hm, hd). Usually the year itself; but one no Hijri text of
 * our time writes (1600 or later: Hijri years reach it only in 2174) or one
 * marked م is Gregorian, and means the Hijri year whose (hm, hd) falls in it
 * («رمضان 2019» -> 1440; the first, in the rare year that holds it twice).
 * 0 if none. */
static int hijri_year_of(dates_ctx *c, int year, int era, int hm, int hd)
{
    if (!(era == 0 || (era != 1 && year >= 1600)))
        return year;
    int hy = 0, m, d;
    ar_ymd jan = {year, 1, 1};
    if (cal_greg_to_hijri(c->s, c->d->calendar, jan, &hy, &m, &d))
        return 0;
    for (int y = hy; y <= hy + 1; y++) {
        ar_ymd g, h = {y, hm, hd};
        if (ar_dates_hijri_to_gregorian(c->d, c->s, h, &g) == AR_OK && g.y == year)
            return y;
    }
    return 0;
}

static int ref_hijri_year(dates_ctx *c)
{
    int hy = 0, hm, hd;
    if (!c->ref.y || cal_greg_to_hijri(c->s, c->d->calendar, c->ref, &hy, &hm, &hd))
        return 0;
    return hy;
}

/* ---- future markers ---------------------------------------------------- */

/* Words that begin with س + prefix letter but are not future verbs. */
static const char *const s_stop[] = {
    "\xd8\xb3\xd9\x8a\xd8\xa7", /* سيا: سياسة سيارة سياق */
    "\xd8\xb3\xd9\x8a\xd8\xb7", /* سيط: سيطرة */
    "\xd8\xb3\xd9\x86\xd9\x88", /* سنو: سنوات */
    "\xd8\xb3\xd9\x86\xd9\x87", /* سنه: سنة */
    "\xd8\xb3\xd8\xaa\xd9\x8a", /* ستي: ستين */
    "\xd8\xb3\xd8\xaa\xd9\x87", /* سته: ستة */
    "\xd8\xb3\xd9\x8a\xd8\xaf", /* سيد */
    "\xd8\xb3\xd9\x8a\xd9\x86", /* سين: سيناء */
    "\xd8\xb3\xd9\x8a\xd9\x88", /* سيو: سيول */
    "\xd8\xb3\xd9\x8a\xd9\x84", /* سيل */
    "\xd8\xb3\xd8\xaa\xd8\xa7", /* ستا: ستار */
    "\xd8\xb3\xd9\x86\xd8\xac", /* سنج: سنجار */
    "\xd8\xb3\xd9\x8a\xd8\xb1", /* سير */
    "\xd8\xb3\xd9\x8a\xd9\x81", /* سيف */
    "\xd8\xb3\xd9\x86\xd8\xa7", /* سنا */
    "\xd8\xb3\xd9\x86\xd9\x8a", /* سني */
    NULL};

static int future_verb(const dates_ctx *c, size_t i)
{
    const dtok *t = &T(i);
    const char *w = c->f + t->fs;
    size_t l = t->fe - t->fs;
    if (l < 8 || memcmp(w, "\xd8\xb3", 2) != 0) /* س + at least 3 letters */
        return 0;
    const char *p = w + 2;
    if (!(memcmp(p, "\xd9\x8a", 2) == 0 || memcmp(p, "\xd8\xaa", 2) == 0 || memcmp(p, "\xd9\x86", 2) == 0
          || memcmp(p, "\xd8\xa7", 2) == 0))
        return 0;
    for (int k = 0; s_stop[k]; k++)
        if (memcmp(w, s_stop[k], 6) == 0)
            return 0;
    return 1;
}

static int sentence_stop(const dates_ctx *c, size_t i)
{
    return T(i).type == T_PUNCT && (T(i).ch == '.' || T(i).ch == '?' || T(i).ch == '!' || T(i).ch == ';');
}

/* Does the clause around token i speak of the future (سوف, سيزور, المقبل)? */
static int future_near(const dates_ctx *c, size_t i)
{
    for (size_t k = i, steps = 0; k > 0 && steps < 8; steps++) {
        k--;
        if (sentence_stop(c, k))
            break;
        if (T(k).type != T_WORD)
            continue;
        const lx_sense *dd = sn(c, k, LX_DEIC, NULL);
        if (sn(c, k, LX_FUTURE, NULL) || future_verb(c, k) || (dd && dd->val > 0))
            return 1;
    }
    /* «الخميس من الأسبوع المقبل» */
    for (size_t k = i + 1; k < NT && k < i + 5; k++) {
        if (sentence_stop(c, k))
            break;
        const lx_sense *dd = sn(c, k, LX_DEIC, NULL);
        if (dd && dd->val > 0)
            return 1;
    }
    return 0;
}

/* ---- building blocks ----------------------------------------------------- */

/* DAY: 1-2 digits, an ordinal word, or غرة. */
static int p_day(const dates_ctx *c, size_t i, int *day, size_t *next)
{
    const lx_sense *x;
    /* 0 and 32..99 are taken as days too, so that «0 رمضان» or «32 ديسمبر»
     * is reported invalid rather than half-read as a month */
    if (is_num(c, i, 1, 2)) {
        /* not the first field of a numeric date or a time */
        if (i + 1 < NT && adjacent(c, i + 1) && T(i + 1).type == T_PUNCT
            && (T(i + 1).ch == ':' || T(i + 1).ch == '/' || T(i + 1).ch == '.') && is_num(c, i + 2, 1, 4)
            && adjacent(c, i + 2))
            return 0;
        *day = T(i).num;
        *next = i + 1;
        return 1;
    }
    if (((x = sn(c, i, LX_ORD, next)) && x->val <= 31) || (x = sn(c, i, LX_GHURRA, next))) {
        *day = x->val;
        return 1;
    }
    return 0;
}

/* MONTH: a month name, كانون/تشرين + 1|2, شهر + name, الشهر + ordinal,
 * or الشهر + deictic (rel set, month taken from the reference). */
enum { MON_NONE = 0, MON_NAME, MON_REL };
static int p_month(dates_ctx *c, size_t i, int *mon, int *hijri, int *rel, size_t *next)
{
    const lx_sense *x;
    size_t j = i, k;
    *rel = 0;
    *hijri = 0;
    if (sn(c, j, LX_MONTHWORD, &k)) {
        const lx_sense *o, *dd;
        size_t k2;
        if ((o = sn(c, k, LX_ORD, &k2)) && o->val >= 1 && o->val <= 12) {
            *mon = o->val;
            *next = k2;
            return MON_NAME;
        }
        if ((dd = sn(c, k, LX_DEIC, &k2))) {
            *rel = dd->val;
            *next = k2;
            return MON_REL;
        }
        /* «شهر 2»: February, unless more digits or a unit follow */
        if (is_num(c, k, 1, 2) && T(k).num >= 1 && T(k).num <= 12 && !sn(c, k + 1, LX_UNIT, NULL)
            && !(k + 1 < NT && T(k + 1).type == T_PUNCT && adjacent(c, k + 1))) {
            *mon = T(k).num;
            *next = k + 1;
            return MON_NAME;
        }
        j = k; /* شهر ديسمبر */
    }
    if ((x = sn(c, j, LX_GMONTH, next))) {
        *mon = x->val;
        /* «كانون الثاني/يناير», «أبريل (نيسان)»: the same month twice */
        size_t q = *next, k2;
        const lx_sense *y;
        if (is_punct(c, q, '/') && (y = sn(c, q + 1, LX_GMONTH, &k2)) && y->val == x->val)
            *next = k2;
        else if (is_punct(c, q, '(') && (y = sn(c, q + 1, LX_GMONTH, &k2)) && y->val == x->val
                 && is_punct(c, k2, ')'))
            *next = k2 + 1;
        return MON_NAME;
    }
    if ((x = sn(c, j, LX_HMONTH, next))) {
        *mon = x->val;
        *hijri = 1;
        return MON_NAME;
    }
    if ((x = sn(c, j, LX_NUMMONTH, &k)) && is_num(c, k, 1, 1) && (T(k).num == 1 || T(k).num == 2)) {
        if (x->val == 1)
            *mon = T(k).num == 1 ? 12 : 1;
        else
            *mon = T(k).num == 1 ? 10 : 11;
        *next = k + 1;
        return MON_NAME;
    }
    return MON_NONE;
}

/* [,] [عام|سنة|العام] YEAR [era]: *era = -1 none, 0 gregorian, 1 hijri.
 * Without a year word the year must have 4 digits, or be a compound in
 * words. */
static int p_numword(const dates_ctx *c, size_t i, int *val, size_t *next);

static int p_year(const dates_ctx *c, size_t i, int *year, int *era, size_t *next)
{
    size_t j = i, k;
    int word = 0;
    if (is_punct(c, j, ','))
        j++;
    if (sn(c, j, LX_FROM, &k) && sn(c, k, LX_YEARWORD, NULL))
        j = k; /* ديسمبر من عام 2017 */
    if (sn(c, j, LX_YEARWORD, &k)) {
        word = 1;
        j = k;
    }
    int yw, nw;
    /* عام ألفين وعشرين; without the year word a compound that is not a
     * count of something («يوليو ألف وسبعمائة وتسعة وثمانين») */
    if (!is_num(c, j, 1, 4) && (nw = p_numword(c, j, &yw, &k)) && yw >= 1000 && yw <= 2999
        && (word || (nw >= 2 && yw <= 2100 && !sn(c, k, LX_UNIT, NULL)))) {
        *year = yw;
        j = k;
        goto era;
    }
    if (!(word ? is_num(c, j, 1, 4) : is_num(c, j, 4, 4)))
        return 0;
    /* a digit group followed by more digits is a number, not a year */
    if (j + 2 < NT && adjacent(c, j + 1) && T(j + 1).type == T_PUNCT
        && (T(j + 1).ch == ',' || T(j + 1).ch == '.') && is_num(c, j + 2, 1, 9) && adjacent(c, j + 2))
        return 0;
    *year = T(j).num;
    j++;
era:
    *era = -1;
    const lx_sense *e;
    if ((e = sn(c, j, LX_ERA, &k))) {
        *era = e->val;
        j = k;
        if (is_punct(c, j, '.') && adjacent(c, j) && *era == 1)
            j++;
    }
    *next = j;
    return word ? 2 : 1;
}

/* [,] [من] (العام|السنة) deictic | [من] هذا العام: a year given relative to
 * the reference («ديسمبر من العام الماضي»); *dir is its offset. */
static int p_rel_year(const dates_ctx *c, size_t i, int *dir, size_t *next)
{
    size_t j = i, k;
    if (is_punct(c, j, ','))
        j++;
    if (sn(c, j, LX_FROM, &k))
        j = k;
    int this = 0;
    if (sn(c, j, LX_THIS, &k)) {
        this = 1;
        j = k;
    }
    const lx_sense *u = sn(c, j, LX_UNITNOUN, &k), *dd;
    if (!u || u->val != 'Y')
        return 0;
    j = k;
    if ((dd = sn(c, j, LX_DEIC, &k))) {
        *dir = dd->val;
        *next = k;
        return 1;
    }
    if (this) {
        *dir = 0;
        *next = j;
        return 1;
    }
    return 0;
}

static int p_daypart(const dates_ctx *c, size_t i, int *pod, size_t *next)
{
    const lx_sense *x = sn(c, i, LX_DAYPART, next);
    if (!x)
        return 0;
    *pod = x->val;
    return 1;
}

/* ---- rules ----------------------------------------------------------------- */

static void mention(match *m, size_t ts, size_t te, const dval *v)
{
    if (m->nm < MAXM) {
        m->ts[m->nm] = ts;
        m->te[m->nm] = te;
        m->v[m->nm] = *v;
        m->nm++;
    }
}

/* Year from the reference for a month named without one, with deictic dir
 * (-1 last such month, +1 next, 0 this year). */
static int year_for_month(const dates_ctx *c, int mon, int dir)
{
    if (dir < 0)
        return mon < c->ref.m ? c->ref.y : c->ref.y - 1;
    if (dir > 0)
        return mon > c->ref.m ? c->ref.y : c->ref.y + 1;
    return c->ref.y;
}

/* D/M or D-M without a year, only where a date is announced: «يوم 22-4»,
 * «بتاريخ 22/4», «في 22/4». Elsewhere 2-1 is a score and 3-4 a range. */
static int day_month_numeric(dates_ctx *c, size_t i, match *m)
{
    if (i == 0 || !is_num(c, i, 1, 2) || !is_num(c, i + 2, 1, 2) || T(i + 1).type != T_PUNCT
        || !(T(i + 1).ch == '/' || T(i + 1).ch == '-') || !adjacent(c, i + 1) || !adjacent(c, i + 2))
        return 0;
    const lx_sense *p = sn(c, i - 1, LX_PREP, NULL);
    if (!(sn(c, i - 1, LX_DAYWORD, NULL) || (p && p->val == PREP_IN)
          || word_is(c, i - 1, "\xd8\xaa\xd8\xa7\xd8\xb1\xd9\x8a\xd8\xae")             /* تاريخ */
          || word_is(c, i - 1, "\xd8\xa8\xd8\xaa\xd8\xa7\xd8\xb1\xd9\x8a\xd8\xae"))) /* بتاريخ */
        return 0;
    /* more digits or punctuation after it, or a unit: not a day and month */
    if (i + 3 < NT && adjacent(c, i + 3)
        && (T(i + 3).type == T_NUM
            || (T(i + 3).type == T_PUNCT && (T(i + 3).ch == '/' || T(i + 3).ch == '-' || T(i + 3).ch == ':'))))
        return 0;
    if (sn(c, i + 3, LX_UNIT, NULL))
        return 0;
    int d = T(i).num, mo = T(i + 2).num;
    if (d < 1 || d > 31 || mo < 1 || mo > 12)
        return 0;
    dval v;
    memset(&v, 0, sizeof v);
    need_ref(c, &v);
    if (v.flags & AR_DATE_NOREF)
        v.g = G_DAY;
    else
        resolve_dmy(c, &v, c->ref.y, mo, d, 0);
    m->end = i + 3;
    mention(m, i, i + 3, &v);
    return 1;
}

static int rule_numeric(dates_ctx *c, size_t i, match *m)
{
    if (day_month_numeric(c, i, m))
        return 1;
    if (!is_num(c, i, 1, 4) || i + 4 >= NT)
        return 0;
    dtok *a = &T(i), *s1 = &T(i + 1), *b = &T(i + 2), *s2 = &T(i + 3), *cc = &T(i + 4);
    if (s1->type != T_PUNCT || s2->type != T_PUNCT || s1->ch != s2->ch
        || !(s1->ch == '/' || s1->ch == '-' || s1->ch == '.'))
        return 0;
    if (s1->sp_before || b->sp_before || s2->sp_before || cc->sp_before || b->type != T_NUM || cc->type != T_NUM
        || b->num < 0 || cc->num < 0)
        return 0;
    /* part of a longer run (version numbers, IP addresses, phone numbers) */
    if (i + 6 < NT && !T(i + 5).sp_before && T(i + 5).type == T_PUNCT && T(i + 5).ch == s1->ch
        && T(i + 6).type == T_NUM && !T(i + 6).sp_before)
        return 0;
    if (i >= 2 && !a->sp_before && T(i - 1).type == T_PUNCT && T(i - 2).type == T_NUM)
        return 0;
    int y, mo, d;
    if (a->ndig == 4 && b->ndig <= 2 && cc->ndig <= 2) {
        y = a->num;
        mo = b->num;
        d = cc->num;
    } else if (a->ndig <= 2 && b->ndig <= 2 && cc->ndig == 4) {
        d = a->num;
        mo = b->num;
        y = cc->num;
    } else
        return 0;
    dval v;
    memset(&v, 0, sizeof v);
    resolve_dmy(c, &v, y, mo, d, 0);
    size_t end = i + 5;
    size_t k;
    const lx_sense *e = sn(c, end, LX_ERA, &k);
    if (e && e->val == 1) {
        /* 1443/09/15 هـ */
        memset(&v, 0, sizeof v);
        resolve_dmy(c, &v, y, mo, d, 1);
        end = k;
    } else if (e)
        end = k;
    if (!(v.flags & AR_DATE_INVALID))
        v.flags |= AR_DATE_FULL;
    m->end = end;
    mention(m, i, end, &v);
    return 1;
}

/* Clock time; date from the reference. */
static void pm_adjust(int *hh, int pod)
{
    if ((pod == POD_EV || pod == POD_AF) && *hh < 12)
        *hh += 12;
    else if (pod == POD_NI && *hh >= 6 && *hh < 12)
        *hh += 12;
    else if ((pod == POD_MO || pod == POD_DAWN) && *hh == 12)
        *hh = 0;
}

static int weekday_date(dates_ctx *c, size_t at, int wd, int dir, dval *v);

/* A deictic's direction for weekday_date: -1 past, +1 coming, 0 this. */
static int deic_dir(const lx_sense *dd) { return dd->val < 0 ? -1 : dd->val > 0; }

static int rule_time(dates_ctx *c, size_t i, match *m)
{
    size_t j = i, k;
    int hour_word = 0;
    if (sn(c, j, LX_HOURWORD, &k)) {
        hour_word = 1;
        j = k;
    }
    int hh = -1, mi = 0, pod = 0, clock = 0;
    const lx_sense *x;
    if (is_num(c, j, 1, 2) && j + 2 < NT && is_punct(c, j + 1, ':') && adjacent(c, j + 1) && adjacent(c, j + 2)
        && is_num(c, j + 2, 2, 2)) {
        hh = T(j).num;
        mi = T(j + 2).num;
        j += 3;
        if (j + 1 < NT && is_punct(c, j, ':') && adjacent(c, j) && adjacent(c, j + 1) && is_num(c, j + 1, 2, 2))
            j += 2; /* seconds: TIMEX3 minute precision is enough here */
        clock = 1;
    } else if (hour_word && is_num(c, j, 1, 2)) {
        hh = T(j).num;
        j++;
    } else if ((x = sn(c, j, LX_HOUR, &k))) {
        hh = x->val;
        j = k;
    } else if (hour_word && (x = sn(c, j, LX_CARD, &k)) && x->val >= 1) {
        hh = x->val; /* spoken: الساعة أربعة */
        j = k;
    } else
        return 0;
    if (hh > 24 || mi > 59 || (hh == 24 && mi))
        return 0;
    const lx_sense *un;
    size_t k2;
    if ((x = sn(c, j, LX_FRACTION, &k)) && !clock) {
        mi = x->val < 0 ? 60 + x->val : x->val;
        if (x->val < 0)
            hh = hh == 0 ? 23 : hh - 1;
        j = k;
    } else if (!clock && word_is(c, j, "\xd9\x88") && is_num(c, j + 1, 1, 2) && T(j + 1).num <= 59
               && (un = sn(c, j + 2, LX_UNIT, &k2)) && un->val == 'N') {
        mi = T(j + 1).num; /* الساعة 3 و18 دقيقة */
        j = k2;
    }
    int have_pod = p_daypart(c, j, &pod, &k);
    if (have_pod)
        j = k;
    else if (sn(c, j, LX_FROM, &k) && p_daypart(c, k, &pod, &k)) {
        /* العاشرة من صباح اليوم: the daypart, and a relative day after it */
        have_pod = 1;
        j = k;
    }
    if (!hour_word && !clock && !have_pod)
        return 0; /* «الثانية» alone is "the second", not 2 o'clock */
    pm_adjust(&hh, pod);
    dval v;
    memset(&v, 0, sizeof v);
    v.g = G_MINUTE;
    v.hh = hh == 24 ? 0 : hh;
    v.mi = mi;
    /* an explicit relative day after the time: «الساعة العاشرة من صباح اليوم» */
    const lx_sense *r, *dd;
    ar_ymd day = c->ref; /* the day the time is on */
    size_t wk = j;
    if (sn(c, wk, LX_DAYWORD, &k) && sn(c, k, LX_WEEKDAY, NULL))
        wk = k;
    if ((r = sn(c, j, LX_REL, &k))) {
        if (c->ref.y)
            day = cal_add_days(c->ref, r->val);
        j = k;
    } else if ((r = sn(c, wk, LX_WEEKDAY, &k))) {
        /* «الساعة 8 مساء الخميس [المقبل]»: the time on that weekday */
        j = k;
        int dir = 0;
        if ((dd = sn(c, j, LX_DEIC, &k))) {
            dir = deic_dir(dd);
            j = k;
        }
        dval w;
        memset(&w, 0, sizeof w);
        weekday_date(c, wk, r->val, dir, &w);
        day = (ar_ymd){w.y, w.m, w.d};
    }
    need_ref(c, &v);
    if (c->ref.y) {
        ar_ymd d = cal_add_days(day, hh == 24);
        v.y = d.y;
        v.m = d.m;
        v.d = d.d;
    }
    m->end = j;
    mention(m, i, j, &v);
    return 1;
}

/* dmy: [weekday [,|الموافق]] [يوم] DAY [من|,] MONTH [...]; *d1 for ranges. */
static int parse_dmy(dates_ctx *c, size_t i, dval *v, size_t *end)
{
    size_t j = i, k;
    const lx_sense *x;
    if (sn(c, j, LX_DAYWORD, &k) && sn(c, k, LX_WEEKDAY, NULL))
        j = k;
    if ((x = sn(c, j, LX_WEEKDAY, &k))) {
        j = k;
        if (is_punct(c, j, ','))
            j++;
        if (sn(c, j, LX_LINK, &k))
            j = k;
    }
    if (sn(c, j, LX_DAYWORD, &k))
        j = k;
    int day;
    if (!p_day(c, j, &day, &k))
        return 0;
    j = k;
    if (sn(c, j, LX_FROM, &k) || is_punct(c, j, ','))
        j = (is_punct(c, j, ',') ? j + 1 : k);
    int mon = 0, hijri = 0, rel = 0;
    int mk = p_month(c, j, &mon, &hijri, &rel, &k);
    if (!mk)
        return 0;
    j = k;
    memset(v, 0, sizeof *v);
    int year = 0, era = -1, have_year = 0;
    const lx_sense *dd;
    if (mk == MON_REL) {
        need_ref(c, v);
        if (c->ref.y) {
            year = c->ref.y;
            mon = c->ref.m;
            shift_month(&year, &mon, rel);
        }
    } else if ((dd = sn(c, j, LX_DEIC, &k))) {
        j = k;
        need_ref(c, v);
        if (hijri) {
            year = ref_hijri_year(c);
        } else if (c->ref.y)
            year = year_for_month(c, mon, dd->val);
    } else if (p_year(c, j, &year, &era, &k)) {
        j = k;
        have_year = 1;
        if (hijri && year)
            year = hijri_year_of(c, year, era, mon, 15);
    } else if (!hijri && p_rel_year(c, j, &rel, &k)) {
        j = k;
        need_ref(c, v);
        year = c->ref.y + rel;
    } else {
        need_ref(c, v);
        if (hijri)
            year = ref_hijri_year(c);
        else
            year = c->ref.y;
    }
    if (!have_year) {
        const lx_sense *e = sn(c, j, LX_ERA, &k);
        if (e && e->val == 1 && hijri)
            j = k;
    }
    /* a Gregorian month name with هـ is contradictory: it stays Gregorian */
    if (v->flags & AR_DATE_NOREF) {
        v->g = G_DAY;
        v->cal = hijri ? AR_CAL_HIJRI : AR_CAL_GREGORIAN;
    } else {
        if (have_year && year == 0)
            v->flags |= AR_DATE_INVALID;
        resolve_dmy(c, v, year, mon, day, hijri);
        if (have_year && !(v->flags & AR_DATE_INVALID))
            v->flags |= AR_DATE_FULL;
    }
    *end = j;
    return 1;
}

static int rule_time(dates_ctx *c, size_t i, match *m);

/* «8 ديسمبر 2021 الساعة 10:30», «… عند/في 14:30», «أكتوبر 14 الساعة 8
 * صباحاً»: a clock time right after a day makes one TIME on that day. */
static void join_time(dates_ctx *c, dval *v, size_t *endp)
{
    size_t end = *endp, q = end, k;
    if (is_punct(c, q, ','))
        q++;
    const lx_sense *p = sn(c, q, LX_PREP, &k);
    if (p && p->val == PREP_IN)
        q = k;
    else if (word_is(c, q, "\xd8\xb9\xd9\x86\xd8\xaf")) /* عند */
        q++;
    match tm;
    memset(&tm, 0, sizeof tm);
    if (rule_time(c, q, &tm) && tm.nm == 1 && !(tm.v[0].flags & AR_DATE_INVALID)
        && !sn(c, tm.ts[0], LX_REL, NULL)) {
        if (sn(c, q, LX_HOURWORD, NULL) || tm.v[0].hh || tm.v[0].mi || q == end) {
            dval t = tm.v[0];
            v->g = G_MINUTE;
            v->hh = t.hh;
            v->mi = t.mi;
            *endp = tm.end;
        }
    }
}

/* «8 ديسمبر 2021 يوم الأربعاء», «عيد الفطر 2022، الاثنين»: a weekday right
 * after a day that falls on it belongs to the date (one mention, not a
 * second date resolved against the reference). */
static void join_weekday(dates_ctx *c, const dval *v, size_t *endp)
{
    size_t q = *endp, k;
    const lx_sense *w;
    if (v->g != G_DAY || (v->flags & (AR_DATE_INVALID | AR_DATE_NOREF)) || !v->y)
        return;
    if (is_punct(c, q, ','))
        q++;
    if (sn(c, q, LX_DAYWORD, &k) && sn(c, k, LX_WEEKDAY, NULL))
        q = k;
    if ((w = sn(c, q, LX_WEEKDAY, &k)) && !sn(c, k, LX_DEIC, NULL)
        && w->val == cal_weekday((ar_ymd){v->y, v->m, v->d}))
        *endp = k;
}

static int rule_dmy(dates_ctx *c, size_t i, match *m)
{
    dval v;
    size_t end;
    if (!parse_dmy(c, i, &v, &end))
        return 0;
    join_weekday(c, &v, &end);
    join_time(c, &v, &end);
    m->end = end;
    mention(m, i, end, &v);
    return 1;
}

/* DAY (إلى|حتى|و|،|-) [DAY (و|،) ...] dmy: «من 2 إلى 5 ديسمبر», «أيام 5 و6
 * و7 ديسمبر». The first days take the month and year of the last. */
static int rule_range(dates_ctx *c, size_t i, match *m)
{
    int days[MAXM - 1];
    size_t ds[MAXM - 1], de[MAXM - 1];
    int nd = 0;
    size_t j = i, k;
    for (;;) {
        if (nd == MAXM - 1 || !p_day(c, j, &days[nd], &k))
            return 0;
        ds[nd] = j;
        de[nd] = k;
        nd++;
        if (is_punct(c, k, '-') || is_punct(c, k, ','))
            j = k + 1;
        else if (sn(c, k, LX_RANGE, &j))
            ;
        else
            return 0;
        /* the next one completes the date? */
        dval last;
        size_t end;
        if (parse_dmy(c, j, &last, &end)) {
            last.flags |= AR_DATE_RANGE;
            for (int q = 0; q < nd; q++) {
                dval v = last;
                v.flags &= ~(AR_DATE_INVALID | AR_DATE_FULL);
                if (!(last.flags & AR_DATE_NOREF) && (last.cal == AR_CAL_HIJRI ? last.hy > 0 : last.y > 0)) {
                    if (last.cal == AR_CAL_HIJRI)
                        resolve_dmy(c, &v, last.hy, last.hm, days[q], 1);
                    else
                        resolve_dmy(c, &v, last.y, last.m, days[q], 0);
                }
                mention(m, ds[q], de[q], &v);
            }
            mention(m, j, end, &last);
            m->end = end;
            return 1;
        }
    }
}

/* [شهر] MONTH ([,] [عام] YEAR | deictic) | شهر MONTH */
static int parse_month_year(dates_ctx *c, size_t i, dval *v, size_t *end, int allow_bare)
{
    size_t j = i, k;
    /* شهر ديسمبر, الشهر الثاني عشر: a month named as such needs no year */
    int had_word = sn(c, j, LX_MONTHWORD, &k) != NULL && !sn(c, k, LX_DEIC, NULL);
    int mon, hijri, rel;
    int mk = p_month(c, j, &mon, &hijri, &rel, &k);
    if (mk != MON_NAME)
        return 0;
    j = k;
    memset(v, 0, sizeof *v);
    int year, era;
    const lx_sense *dd;
    if (p_year(c, j, &year, &era, &k)) {
        j = k;
        if (year == 0) {
            v->flags |= AR_DATE_INVALID;
            v->g = G_MONTH;
            v->cal = hijri ? AR_CAL_HIJRI : AR_CAL_GREGORIAN;
        } else if (hijri)
            resolve_hijri_month(c, v, hijri_year_of(c, year, era, mon, 15), mon);
        else {
            v->g = G_MONTH;
            v->y = year;
            v->m = mon;
        }
    } else if (!hijri && p_rel_year(c, j, &rel, &k)) {
        j = k;
        need_ref(c, v);
        v->g = G_MONTH;
        v->y = c->ref.y + rel;
        v->m = mon;
    } else if ((dd = sn(c, j, LX_DEIC, &k)) || had_word || allow_bare) {
        if (dd)
            j = k;
        need_ref(c, v);
        v->g = G_MONTH;
        v->cal = hijri ? AR_CAL_HIJRI : AR_CAL_GREGORIAN;
        if (c->ref.y) {
            if (hijri)
                resolve_hijri_month(c, v, ref_hijri_year(c), mon);
            else {
                v->y = year_for_month(c, mon, dd ? dd->val : 0);
                v->m = mon;
            }
        }
    } else
        return 0;
    *end = j;
    return 1;
}

static int rule_month(dates_ctx *c, size_t i, match *m)
{
    dval v;
    size_t end, k;
    int mon, hijri, rel;
    /* MONTH DAY [،] [YEAR], the order of English-language wires («أكتوبر 14») */
    if (p_month(c, i, &mon, &hijri, &rel, &k) == MON_NAME && !hijri && is_num(c, k, 1, 2) && T(k).num >= 1
        && T(k).num <= 31 && !(k + 1 < NT && T(k + 1).type == T_PUNCT && T(k + 1).ch != ',' && adjacent(c, k + 1))
        && !sn(c, k + 1, LX_UNIT, NULL)) {
        int day = T(k).num, year = 0, era;
        size_t e = k + 1, k2;
        memset(&v, 0, sizeof v);
        if (p_year(c, e, &year, &era, &k2) && era != 1 && year)
            e = k2;
        else {
            need_ref(c, &v);
            year = c->ref.y;
        }
        if (v.flags & AR_DATE_NOREF)
            v.g = G_DAY;
        else
            resolve_dmy(c, &v, year, mon, day, 0);
        join_time(c, &v, &e);
        m->end = e;
        mention(m, i, e, &v);
        return 1;
    }
    /* a month alone after a preposition: «في ديسمبر», «منذ رمضان» */
    const lx_sense *p = i > 0 ? sn(c, i - 1, LX_PREP, NULL) : NULL;
    int bare = p && (p->val == PREP_IN || p->val == PREP_SINCE || p->val == PREP_UNTIL || p->val == PREP_BEFORE
                     || p->val == PREP_AFTER || p->val == PREP_DURING);
    if (!parse_month_year(c, i, &v, &end, bare))
        return 0;
    m->end = end;
    mention(m, i, end, &v);
    return 1;
}

/* Function words after which a bare 4-digit year may stand: «في 2014، على» */
static int year_follower_ok(const dates_ctx *c, size_t i)
{
    /* «في 2021/4/22»: the year of a numeric date, which rule_numeric reads */
    if (i + 1 < NT && T(i).type == T_PUNCT && (T(i).ch == '/' || T(i).ch == '-' || T(i).ch == '.') && adjacent(c, i)
        && T(i + 1).type == T_NUM && adjacent(c, i + 1))
        return 0;
    if (i >= NT || T(i).type != T_WORD)
        return i >= NT || T(i).type == T_PUNCT;
    static const char *const ok[] = {
        "\xd8\xb9\xd9\x84\xd9\x8a",             /* على */
        "\xd8\xa7\xd9\x84\xd9\x8a",             /* الى/إلى */
        "\xd9\x81\xd9\x8a",                     /* في */
        "\xd9\x85\xd9\x86",                     /* من */
        "\xd8\xad\xd8\xaa\xd9\x8a",             /* حتى */
        "\xd8\xb9\xd9\x86",                     /* عن */
        "\xd9\x85\xd8\xb9",                     /* مع */
        "\xd9\x88",                             /* و */
        NULL};
    for (int k = 0; ok[k]; k++)
        if (word_is(c, i, ok[k]))
            return 1;
    /* a conjunction starting the next clause: وتم، ولكن... */
    if (T(i).waw && T(i).clitic == 2)
        return 0;
    return 0;
}

/* (عام|سنة) NUM [era] | NUM4 era | prep NUM4 (1900..2100, then a safe word) */
static int parse_year(dates_ctx *c, size_t i, dval *v, size_t *start, size_t *end, int after_part)
{
    size_t j = i, k;
    int year, era;
    memset(v, 0, sizeof *v);
    int r = p_year(c, j, &year, &era, &k);
    if (r == 2 || (r == 1 && (era >= 0 || after_part))) {
        *start = i;
        *end = k;
        if (year == 0) {
            v->g = G_YEAR;
            v->flags |= AR_DATE_INVALID;
            return 1;
        }
        if (r == 2 && T(k - 1 - (era >= 0)).type == T_NUM && T(k - 1 - (era >= 0)).ndig < 3 && era < 0 && year != 0)
            return 0; /* «عام 60»: not a year */
        if (era == 1)
            resolve_hijri_year(c, v, year);
        else {
            v->g = G_YEAR;
            v->y = year;
        }
        return 1;
    }
    const lx_sense *p = sn(c, j, LX_PREP, &k);
    if (p && (p->val == PREP_IN || p->val == PREP_SINCE || p->val == PREP_UNTIL || p->val == PREP_DURING
              || p->val == PREP_BEFORE || p->val == PREP_AFTER)
        && is_num(c, k, 4, 4) && T(k).num >= 1900 && T(k).num <= 2100) {
        size_t n = k + 1;
        if (!year_follower_ok(c, n))
            return 0;
        v->g = G_YEAR;
        v->y = T(k).num;
        *start = k;
        *end = n;
        return 1;
    }
    return 0;
}

static int rule_year(dates_ctx *c, size_t i, match *m)
{
    dval v;
    size_t s, e, k;
    if (!parse_year(c, i, &v, &s, &e, 0))
        return 0;
    m->end = e;
    mention(m, s, e, &v);
    /* «بين عامي 2014 و2017», «عام 2014-2017»: the second year of a range */
    if (v.g == G_YEAR && !(v.flags & AR_DATE_INVALID) && v.cal == AR_CAL_GREGORIAN && s != e
        && (sn(c, e, LX_RANGE, &k) || (is_punct(c, e, '-') && (k = e + 1))) && is_num(c, k, 4, 4)
        && T(k).num > v.y && !(k + 1 < NT && adjacent(c, k + 1) && T(k + 1).type == T_PUNCT
                                && (T(k + 1).ch == '/' || T(k + 1).ch == '.' || T(k + 1).ch == '-'))) {
        dval v2 = v;
        size_t num = k, e2 = k + 1;
        v2.y = T(num).num;
        const lx_sense *er = sn(c, e2, LX_ERA, &k);
        if (er && er->val == 0)
            e2 = k;
        mention(m, num, e2, &v2);
        m->end = e2;
    }
    return 1;
}

/* (الأسبوع|الشهر|العام|السنة) deictic | (هذا|هذه) unit noun */
static int parse_unit_deictic(dates_ctx *c, size_t i, dval *v, size_t *end, int bare_ok)
{
    size_t j = i, k;
    int this = 0;
    if (sn(c, j, LX_THIS, &k)) {
        this = 1;
        j = k;
    }
    const lx_sense *u = sn(c, j, LX_UNITNOUN, &k);
    if (!u)
        return 0;
    j = k;
    int dir = 0;
    const lx_sense *dd = sn(c, j, LX_DEIC, &k);
    if (dd) {
        dir = dd->val;
        j = k;
    } else if (!this && !bare_ok)
        return 0;
    memset(v, 0, sizeof *v);
    need_ref(c, v);
    switch (u->val) {
    case 'W': {
        v->g = G_WEEK;
        if (c->ref.y) {
            int wy, ww;
            cal_iso_week(cal_add_days(c->ref, 7 * dir), &wy, &ww);
            v->y = wy;
            v->m = ww;
        }
        break;
    }
    case 'M':
        v->g = G_MONTH;
        if (c->ref.y) {
            v->y = c->ref.y;
            v->m = c->ref.m;
            shift_month(&v->y, &v->m, dir);
        }
        break;
    case 'E':
        if (!dd && !this)
            return 0;
        v->g = G_DECADE;
        v->y = (c->ref.y / 10 + dir) * 10;
        break;
    default:
        v->g = G_YEAR;
        v->y = c->ref.y + dir;
        break;
    }
    *end = j;
    return 1;
}

static int rule_unit(dates_ctx *c, size_t i, match *m)
{
    dval v;
    size_t e;
    if (!parse_unit_deictic(c, i, &v, &e, 0))
        return 0;
    m->end = e;
    mention(m, i, e, &v);
    return 1;
}

/* التسعينيات [من] [القرن (الماضي|العشرين|ordinal)] */
static int parse_decade(dates_ctx *c, size_t i, dval *v, size_t *end)
{
    size_t j = i, k;
    const lx_sense *x = sn(c, j, LX_DECADE, &k);
    if (!x)
        return 0;
    j = k;
    int base = 1900;
    size_t q = j;
    if (sn(c, q, LX_FROM, &k))
        q = k;
    if (sn(c, q, LX_CENTURY, &k)) {
        const lx_sense *o, *dd;
        size_t k2;
        if ((dd = sn(c, k, LX_DEIC, &k2))) {
            base = dd->val < 0 ? 1900 : 2000;
            j = k2;
        } else if ((o = sn(c, k, LX_ORD, &k2)) && o->val >= 1 && o->val <= 31) {
            base = (o->val - 1) * 100;
            j = k2;
        } else
            j = k;
    }
    memset(v, 0, sizeof *v);
    v->g = G_DECADE;
    v->y = base + x->val * 10;
    *end = j;
    return 1;
}

static int rule_decade(dates_ctx *c, size_t i, match *m)
{
    dval v;
    size_t e;
    if (!parse_decade(c, i, &v, &e))
        return 0;
    m->end = e;
    mention(m, i, e, &v);
    return 1;
}

/* PART + (month-year | year | NUM4 | unit noun [deictic] | decade) */
static int rule_part(dates_ctx *c, size_t i, match *m)
{
    size_t k;
    const lx_sense *p = sn(c, i, LX_PART, &k);
    if (!p)
        return 0;
    dval v;
    size_t s, e;
    if (parse_month_year(c, k, &v, &e, 1) || parse_year(c, k, &v, &s, &e, 1) || parse_unit_deictic(c, k, &v, &e, 1)
        || parse_decade(c, k, &v, &e)) {
        v.mod = p->val;
        m->end = e;
        mention(m, i, e, &v);
        return 1;
    }
    return 0;
}

static int weekday_date(dates_ctx *c, size_t at, int wd, int dir, dval *v)
{
    need_ref(c, v);
    v->g = G_DAY;
    if (!c->ref.y)
        return 1;
    int rw = cal_weekday(c->ref);
    int delta;
    int future = dir > 0 || (dir == 0 && (c->d->opts.future || future_near(c, at)));
    if (future) {
        delta = (wd - rw + 7) % 7;
        if (dir == 1 && delta == 0) /* dir 2 («هذا الخميس»): today is this one */
            delta = 7;
    } else {
        delta = -((rw - wd + 7) % 7);
        if (dir < 0 && delta == 0)
            delta = -7;
    }
    set_day(v, cal_add_days(c->ref, delta));
    return 1;
}

/* «اليوم» as the noun "the day": «اليوم الأول», «اليوم التالي», «اليوم
 * العالمي», «في ذلك اليوم» are not the reference day. */
static int day_noun(const dates_ctx *c, size_t i, const lx_sense *x, size_t next)
{
    static const char *const after[] = {
        "\xd8\xa7\xd9\x84\xd8\xaa\xd8\xa7\xd9\x84\xd9\x8a",                 /* التالي */
        "\xd8\xa7\xd9\x84\xd8\xb3\xd8\xa7\xd8\xa8\xd9\x82",                 /* السابق */
        "\xd9\x86\xd9\x81\xd8\xb3\xd9\x87",                                     /* نفسه */
        "\xd8\xb0\xd8\xa7\xd8\xaa\xd9\x87",                                     /* ذاته */
        "\xd8\xa7\xd9\x84\xd8\xb9\xd8\xa7\xd9\x84\xd9\x85\xd9\x8a",       /* العالمي */
        "\xd8\xa7\xd9\x84\xd8\xaf\xd9\x88\xd9\x84\xd9\x8a",                 /* الدولي */
        "\xd8\xa7\xd9\x84\xd9\x88\xd8\xb7\xd9\x86\xd9\x8a",                 /* الوطني */
        "\xd8\xa7\xd9\x84\xd8\xa7\xd8\xae\xd9\x8a\xd8\xb1",                 /* الاخير */
        "\xd8\xa7\xd9\x84\xd9\x85\xd9\x88\xd8\xb9\xd9\x88\xd8\xaf",       /* الموعود */
        "\xd8\xa7\xd9\x84\xd9\x85\xd8\xad\xd8\xaf\xd8\xaf",                 /* المحدد */
        "\xd8\xa7\xd9\x84\xd8\xb0\xd9\x8a",                                     /* الذي */
        NULL};
    static const char *const before[] = {
        "\xd8\xb0\xd9\x84\xd9\x83",         /* ذلك */
        "\xd8\xaa\xd9\x84\xd9\x83",         /* تلك */
        "\xd8\xb0\xd8\xa7\xd8\xaa",         /* ذات */
        "\xd8\xa7\xd9\x88\xd9\x84",         /* اول: أول اليوم */
        "\xd8\xb7\xd9\x88\xd8\xa7\xd9\x84", /* طوال */
        NULL};
    if (x->kind != LX_REL || x->val != 0)
        return 0;
    if (sn(c, next, LX_ORD, NULL))
        return 1;
    for (int k = 0; after[k]; k++)
        if (word_is(c, next, after[k]))
            return 1;
    for (int k = 0; before[k] && i > 0; k++)
        if (word_is(c, i - 1, before[k]))
            return 1;
    return 0;
}

/* The day numbered day that falls on weekday wd, nearest the reference
 * (its month, then a month either side, and so on for a year). */
static int nearest_day_on(const dates_ctx *c, int day, int wd, ar_ymd *out)
{
    for (int dm = 0; dm <= 12; dm++)
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            int y = c->ref.y, mo = c->ref.m;
            shift_month(&y, &mo, sgn * dm);
            ar_ymd d = {y, mo, day};
            if (cal_valid(y, mo, day) && cal_weekday(d) == wd) {
                *out = d;
                return 1;
            }
        }
    return 0;
}

/* [daypart] [يوم] (REL | WEEKDAY [deictic]) [weekday after اليوم] |
 * هذا|هاي WEEKDAY (the coming one, or today) */
static int rule_relative(dates_ctx *c, size_t i, match *m)
{
    size_t j = i, k;
    int pod = 0, this = 0;
    if (sn(c, j, LX_THIS, &k) && sn(c, k, LX_WEEKDAY, NULL)) {
        this = 1;
        j = k;
    }
    if (p_daypart(c, j, &pod, &k))
        j = k;
    if (sn(c, j, LX_DAYWORD, &k) && (sn(c, k, LX_REL, NULL) || sn(c, k, LX_WEEKDAY, NULL)))
        j = k;
    const lx_sense *x;
    dval v;
    memset(&v, 0, sizeof v);
    if ((x = sn(c, j, LX_RHET, &k))) {
        /* «الأمس واليوم (وغدا)»: history, not a day */
        const lx_sense *y = sn(c, k, LX_REL, NULL);
        if (y && y->val == 0 && T(k).waw) {
            size_t e = k + 1;
            const lx_sense *z = sn(c, e, LX_REL, NULL);
            if (z && z->val == 1 && T(e).waw)
                e++;
            m->end = e;
            m->nm = 0;
            return 1;
        }
    }
    if (((x = sn(c, j, LX_REL, &k)) || (x = sn(c, j, LX_RHET, &k))) && !day_noun(c, j, x, k)) {
        j = k;
        need_ref(c, &v);
        v.g = G_DAY;
        if (c->ref.y)
            set_day(&v, cal_add_days(c->ref, x->val));
        /* «اليوم الأربعاء»: one day */
        size_t q = j;
        if (is_punct(c, q, ','))
            q++;
        if (x->val == 0 && sn(c, q, LX_WEEKDAY, &k))
            j = k;
        int pod2;
        if (!pod && p_daypart(c, j, &pod2, &k)) {
            pod = pod2;
            j = k;
        }
    } else if ((x = sn(c, j, LX_WEEKDAY, &k))) {
        /* a weekday before a day and month is the dmy rule's */
        j = k;
        int dir = this ? 2 : 0;
        const lx_sense *dd = this ? NULL : sn(c, j, LX_DEIC, &k), *o;
        int mon, hj, rl;
        size_t k2;
        if (dd) {
            dir = deic_dir(dd);
            j = k;
            weekday_date(c, i, x->val, dir, &v);
        } else if (!this && (o = sn(c, j, LX_ORD, &k)) && o->val >= 1 && o->val <= 31 && !p_month(c, k, &mon, &hj, &rl, &k2)
                   && !(sn(c, k, LX_FROM, &k2) && p_month(c, k2, &mon, &hj, &rl, &k2))) {
            /* «السبت السادس عشر»: the 16th that is a Saturday, nearest the reference */
            j = k;
            need_ref(c, &v);
            v.g = G_DAY;
            ar_ymd d;
            if (c->ref.y && nearest_day_on(c, o->val, x->val, &d))
                set_day(&v, d);
            else if (c->ref.y)
                v.flags |= AR_DATE_INVALID;
        } else
            weekday_date(c, i, x->val, dir, &v);
    } else
        return 0;
    v.pod = pod;
    /* «فجر الأحد الساعة الثالثة», «مساء أمس الساعة 8»: one TIME, the part
     * of the day telling morning from evening */
    size_t e = j;
    join_time(c, &v, &e);
    if (v.g == G_MINUTE) {
        pm_adjust(&v.hh, pod);
        v.pod = 0;
        j = e;
    }
    m->end = j;
    mention(m, i, j, &v);
    return 1;
}

/* A number in words from token i: words joined by و add up (خمس وعشرين,
 * ألف وسبعمائة وتسعة وثمانين), عشر(ة) right after a unit makes a teen
 * (ثلاثة عشر), and مئة or ألف/آلاف right after a smaller number multiplies
 * it (ثلاث مئة، ثلاثة آلاف). Returns the number of words read (0: none) and
 * sets *val and *next. A lone unit or ten (ثلاثة، عشرة) is left to LX_CARD. */
static int p_numword(const dates_ctx *c, size_t i, int *val, size_t *next)
{
    long total = 0, cur = 0;
    int words = 0, lone_card = 0;
    size_t j = i, k;
    const lx_sense *x;
    while ((x = sn(c, j, LX_NUMW, &k)) && k == j + 1) {
        int joined = words > 0 && T(j).waw;
        if (words == 0) {
            /* عشرة starts «عشرة آلاف»; alone it is a plain card */
            if (x->n == 3 || T(j).clitic)
                return 0;
            cur = x->val;
            lone_card = x->val <= 10;
        } else if (!joined && x->n == 2 && cur % 100 >= 1 && cur % 100 <= 9) {
            cur += 10; /* ثلاثة عشر, ألفين وتسعة عشر */
        } else if (!joined && (x->n == 1 || x->n == 3) && cur >= 1 && cur < x->val) {
            cur *= x->val; /* ثلاثة آلاف، ثلاث مئة */
            if (x->val == 1000) {
                total += cur;
                cur = 0;
            }
        } else if (joined && x->n == 2 && cur % 100 == 0) {
            cur += x->val; /* ألفين وعشرة، مئة وعشرة */
        } else if (joined && x->n != 2 && x->n != 3) {
            if (x->val >= 1000) {
                total += cur;
                cur = x->val;
            } else
                cur += x->val;
        } else
            break;
        words++;
        j = k;
        if (total + cur > 99999)
            return 0;
    }
    if (!words || (words == 1 && lone_card))
        return 0;
    *val = (int)(total + cur);
    *next = j;
    return words;
}

/* COUNT UNIT [وFRACTION] | dual UNIT: *n count, *u unit ('h': minutes from
 * hours and a fraction, ساعة ونصف); singular units count 1 only
 * when single_ok (after قبل/بعد/منذ/كل). */
static int p_amount(const dates_ctx *c, size_t i, int *n, int *u, size_t *next, int single_ok)
{
    size_t k;
    const lx_sense *x, *un;
    int count = -1;
    size_t j = i;
    int w;
    /* ربع ساعة، نصف ساعة: minutes */
    if ((x = sn(c, j, LX_FRACTION, &k)) && (x->val == 15 || x->val == 30) && k == j + 1
        && (un = sn(c, k, LX_UNIT, &k)) && un->val == 'H' && un->n == 1) {
        *n = x->val;
        *u = 'N';
        *next = k;
        return 1;
    }
    /* Four or five digits count only after قبل/بعد/منذ/خلال or when round
     * («1500 سنة»): «في 2021 يوم الجمعة» is a year and a weekday. */
    if ((is_num(c, j, 1, 3) || (is_num(c, j, 4, 5) && (single_ok || T(j).num % 100 == 0))) && T(j).num > 0) {
        count = T(j).num;
        j++;
    } else if (p_numword(c, j, &w, &k) && w > 0) {
        count = w;
        j = k;
    } else if ((x = sn(c, j, LX_CARD, &k))) {
        count = x->val;
        j = k;
    }
    if (!(un = sn(c, j, LX_UNIT, &k)))
        return 0;
    /* ساعة ونصف, ساعتين وربع [الساعة]: the hours and the fraction, in minutes */
    const lx_sense *fr = NULL;
    size_t fe = k;
    if (un->val == 'H' && (fr = sn(c, k, LX_FRACTION, &fe)) && T(k).fe - T(k).fs > 2
        && memcmp(c->f + T(k).fs, "\xd9\x88", 2) == 0) {
        if (sn(c, fe, LX_HOURWORD, &j))
            fe = j;
    } else
        fr = NULL;
    if (count > 0) {
        if (un->n == 2)
            return 0;
        *n = count;
    } else if (un->n == 2)
        *n = 2;
    else if (un->n == 1 && (single_ok || fr))
        *n = 1;
    else
        return 0;
    *u = un->val;
    if (fr) {
        *n = *n * 60 + fr->val;
        *u = 'h'; /* minutes, from hours and a fraction */
        k = fe;
    }
    *next = k;
    return 1;
}

static int rule_ago(dates_ctx *c, size_t i, match *m)
{
    size_t k;
    const lx_sense *p = sn(c, i, LX_PREP, &k);
    if (!p || !(p->val == PREP_BEFORE || p->val == PREP_AFTER || p->val == PREP_SINCE || p->val == PREP_DURING))
        return 0;
    int n, u;
    size_t e;
    if (!p_amount(c, k, &n, &u, &e, 1))
        return 0;
    int written = u; /* 'h' stays for a duration's value */
    if (u == 'h')
        u = 'N'; /* the same clock arithmetic */
    /* «خلال 45 دقيقة» is a point only from a clock time, and not before a
     * deictic («خلال الساعات الماضية» stays a duration) */
    if (p->val == PREP_DURING && !((u == 'H' || u == 'N') && c->ref_min >= 0 && !sn(c, e, LX_DEIC, NULL)))
        return 0;
    /* «قبل عام 2014» is a year; «بعد يوم من الانفجار» counts from an event */
    if (is_num(c, e, 1, 4))
        return 0;
    if (sn(c, e, LX_FROM, NULL)) {
        m->end = e;
        m->nm = 0;
        return 1;
    }
    dval v;
    memset(&v, 0, sizeof v);
    int sign = p->val == PREP_AFTER || p->val == PREP_DURING ? 1 : -1;
    if ((u == 'H' || u == 'N') && c->ref_min >= 0) {
        /* clock arithmetic from the reference's time, across midnight */
        long mins = c->ref_min + (long)sign * n * (u == 'H' ? 60 : 1);
        long days = mins >= 0 ? mins / 1440 : -((1439 - mins) / 1440);
        mins -= days * 1440;
        v.flags |= AR_DATE_RELATIVE;
        set_day(&v, cal_add_days(c->ref, (int)days));
        v.g = G_MINUTE;
        v.hh = (int)(mins / 60);
        v.mi = (int)(mins % 60);
        m->end = e;
        mention(m, i, e, &v);
        return 1;
    }
    if (u == 'H' || u == 'N') {
        /* no clock time in the reference: a duration */
        v.g = G_DUR;
        v.dur_n = n;
        v.dur_u = (char)written;
        m->end = e;
        mention(m, k, e, &v);
        return 1;
    }
    need_ref(c, &v);
    if (c->ref.y) {
        switch (u) {
        case 'D':
            set_day(&v, cal_add_days(c->ref, sign * n));
            break;
        case 'W':
            set_day(&v, cal_add_days(c->ref, sign * 7 * n));
            break;
        case 'M':
            v.g = G_MONTH;
            v.y = c->ref.y;
            v.m = c->ref.m;
            shift_month(&v.y, &v.m, sign * n);
            break;
        default:
            v.g = G_YEAR;
            v.y = c->ref.y + sign * n;
            break;
        }
        if (v.y < 1 || v.y > 9999)
            return 0; /* «منذ 3000 عام»: outside years 1..9999 there is no ISO value */
    } else
        v.g = u == 'D' || u == 'W' ? G_DAY : u == 'M' ? G_MONTH : G_YEAR;
    m->end = e;
    mention(m, i, e, &v);
    return 1;
}

static int rule_duration(dates_ctx *c, size_t i, match *m)
{
    int n, u;
    size_t e, k;
    const lx_sense *un;
    if (word_is(c, i, "\xd8\xa7\xd9\x84") && is_num(c, i + 1, 1, 3) && T(i + 1).num > 0 && adjacent(c, i + 1)
        && (un = sn(c, i + 2, LX_UNIT, &e)) && un->n != 2) {
        /* الـ24 ساعة الماضية */
        n = T(i + 1).num;
        u = un->val;
    } else if ((un = sn(c, i, LX_UNIT, &k)) && un->n == 0 && word_is(c, k, "\xd8\xa7\xd9\x84")
               && is_num(c, k + 1, 1, 3) && T(k + 1).num > 0 && adjacent(c, k + 1)) {
        /* الساعات الـ24 الماضية */
        n = T(k + 1).num;
        u = un->val;
        e = k + 2;
    } else if (!p_amount(c, i, &n, &u, &e, 0))
        return 0;
    if (sn(c, e, LX_DEIC, &k))
        e = k;
    dval v;
    memset(&v, 0, sizeof v);
    v.g = G_DUR;
    v.dur_n = n;
    v.dur_u = (char)u;
    m->end = e;
    mention(m, i, e, &v);
    return 1;
}

/* SEASON ([,] [عام] YEAR | الماضي/المقبل/الجاري | من العام الماضي) -> 2020-SU */
static int rule_season(dates_ctx *c, size_t i, match *m)
{
    size_t k, j;
    const lx_sense *x = sn(c, i, LX_SEASON, &j);
    if (!x)
        return 0;
    dval v;
    memset(&v, 0, sizeof v);
    v.g = G_SEASON;
    v.m = x->val;
    int year, era, dir;
    const lx_sense *dd;
    if (p_year(c, j, &year, &era, &k) && era != 1) {
        v.y = year;
        if (year == 0)
            v.flags |= AR_DATE_INVALID;
    } else if (p_rel_year(c, j, &dir, &k)) {
        need_ref(c, &v);
        v.y = c->ref.y + dir;
    } else if ((dd = sn(c, j, LX_DEIC, &k)) && x->val != 4) {
        /* the last (next) such season wholly before (after) the reference
         * month; winter straddles two years and is left out */
        static const int first[] = {3, 6, 9, 12};
        int a = first[x->val - 1], b = a + 2;
        need_ref(c, &v);
        if (dd->val < 0)
            v.y = b < c->ref.m ? c->ref.y : c->ref.y - 1;
        else if (dd->val > 0)
            v.y = a > c->ref.m ? c->ref.y : c->ref.y + 1;
        else
            v.y = c->ref.y;
    } else
        return 0;
    m->end = k;
    mention(m, i, k, &v);
    return 1;
}

/* (الربع|النصف) ORDINAL|الأخير [من] (YEAR | العام الجاري/الماضي | هذا العام)
 * -> 2021-Q1, 2021-H2 */
static int rule_yearpart(dates_ctx *c, size_t i, match *m)
{
    size_t j, k;
    const lx_sense *x = sn(c, i, LX_YEARPART, &j), *o;
    if (!x || !(o = sn(c, j, LX_ORD, &k)))
        return 0;
    int part = o->val == 99 ? x->val : o->val;
    if (part < 1 || part > x->val)
        return 0;
    j = k;
    dval v;
    memset(&v, 0, sizeof v);
    v.g = x->val == 4 ? G_QUARTER : G_HALF;
    v.m = part;
    int year, era, dir;
    size_t q = j;
    if (sn(c, q, LX_FROM, &k))
        q = k;
    if (p_year(c, q, &year, &era, &k) && era != 1) {
        v.y = year;
        if (year == 0)
            v.flags |= AR_DATE_INVALID;
    } else if (p_rel_year(c, j, &dir, &k)) {
        need_ref(c, &v);
        v.y = c->ref.y + dir;
    } else
        return 0;
    m->end = k;
    mention(m, i, k, &v);
    return 1;
}

static int rule_set(dates_ctx *c, size_t i, match *m)
{
    size_t k, j;
    const lx_sense *x;
    dval v;
    memset(&v, 0, sizeof v);
    v.g = G_SET;
    v.dur_n = 1;
    if ((x = sn(c, i, LX_SETADV, &k))) {
        v.dur_u = (char)x->val;
        m->end = k;
        mention(m, i, k, &v);
        return 1;
    }
    if (!sn(c, i, LX_EVERY, &j))
        return 0;
    if (sn(c, j, LX_DAYWORD, &k) && (sn(c, k, LX_WEEKDAY, NULL) || sn(c, k, LX_WDBARE, NULL)))
        j = k;
    if ((x = sn(c, j, LX_WEEKDAY, &k)) || (x = sn(c, j, LX_WDBARE, &k))) {
        v.dur_u = 'w';
        v.dur_n = x->val; /* 0 Sunday -> ISO 7 in timex */
        m->end = k;
        mention(m, i, k, &v);
        return 1;
    }
    if ((x = sn(c, j, LX_UNIT, &k)) && x->n == 1) {
        v.dur_u = (char)x->val;
        m->end = k;
        mention(m, i, k, &v);
        return 1;
    }
    return 0;
}

typedef int (*rule_fn)(dates_ctx *, size_t, match *);
#define K(x) (1ull << (x))
#define K_NUM 1ull /* bit 0: a number (no lexicon kind is 0) */
/* الآن, الحين, هلق, دلوقتي: the moment of the reference, as TIMEX3 writes it */
static int rule_now(dates_ctx *c, size_t i, match *m)
{
    size_t k;
    if (!sn(c, i, LX_NOW, &k))
        return 0;
    /* «في ذلك الحين»: at that time, not now */
    if (i > 0 && (word_is(c, i - 1, "ذلك") || word_is(c, i - 1, "تلك") || word_is(c, i - 1, "ذاك")))
        return 0;
    dval v;
    memset(&v, 0, sizeof v);
    v.g = G_PRESENT; /* not AR_DATE_RELATIVE: the value names the reference, it does not need one */
    m->end = k;
    mention(m, i, k, &v);
    return 1;
}

/* Feasts on a fixed Hijri day, holidays on a fixed Gregorian one, indexed by
 * the lexicon's LX_HOLIDAY values. */
static const struct {
    uint8_t hijri, m, d;
} holidays[] = {
    {0, 0, 0},
    {1, 10, 1},  /* 1 عيد الفطر: 1 Shawwal */
    {1, 12, 10}, /* 2 عيد الأضحى: 10 Dhu al-Hijja */
    {1, 3, 12},  /* 3 المولد النبوي: 12 Rabi al-Awwal */
    {1, 1, 1},   /* 4 رأس السنة الهجرية: 1 Muharram */
    {0, 1, 1},   /* 5 رأس السنة: 1 January */
    {0, 12, 25}, /* 6 عيد الميلاد المجيد: 25 December */
    {1, 12, 9},  /* 7 يوم عرفة: 9 Dhu al-Hijja */
    {1, 1, 10},  /* 8 عاشوراء: 10 Muharram */
};

/* HOLIDAY [YEAR [era]]: a Gregorian year with a Hijri feast means the feast
 * that falls in it («عيد الفطر 2013»); without a year, the feast of the
 * reference's Hijri year, or the holiday of its Gregorian one (the coming
 * new year once the reference is in December). */
static int rule_holiday(dates_ctx *c, size_t i, match *m)
{
    size_t k, j;
    const lx_sense *h = sn(c, i, LX_HOLIDAY, &k);
    if (!h || h->val < 1 || (size_t)h->val >= sizeof holidays / sizeof *holidays)
        return 0;
    j = k;
    int hij = holidays[h->val].hijri, hm = holidays[h->val].m, hd = holidays[h->val].d;
    dval v;
    memset(&v, 0, sizeof v);
    int year = 0, era = -1;
    if (p_year(c, j, &year, &era, &k) && year > 0) {
        j = k;
        if (hij)
            year = hijri_year_of(c, year, era, hm, hd);
    } else {
        year = 0;
        need_ref(c, &v);
        if (c->ref.y)
            year = hij ? ref_hijri_year(c) : c->ref.y + (hm == 1 && c->ref.m == 12);
    }
    if (v.flags & AR_DATE_NOREF) {
        v.g = G_DAY;
        v.cal = hij ? AR_CAL_HIJRI : AR_CAL_GREGORIAN;
    } else {
        if (!year)
            v.flags |= AR_DATE_INVALID;
        resolve_dmy(c, &v, year, hm, hd, hij);
    }
    join_weekday(c, &v, &j);
    m->end = j;
    mention(m, i, j, &v);
    return 1;
}

/* أول|ثاني|ثالث|رابع|آخر WEEKDAY من [شهر] MONTH [YEAR]: «آخر اثنين من شهر
 * آذار» is the last Monday of March (of the reference year without one). */
static int rule_nth_weekday(dates_ctx *c, size_t i, match *m)
{
    size_t j, k;
    const lx_sense *nth = sn(c, i, LX_NTH, &j), *wd;
    if (!nth || !((wd = sn(c, j, LX_WEEKDAY, &k)) || (wd = sn(c, j, LX_WDBARE, &k))))
        return 0;
    if (!sn(c, k, LX_FROM, &j))
        return 0;
    int mon = 0, hijri = 0, rel, year = 0, era;
    dval v, um;
    memset(&v, 0, sizeof v);
    /* «أول اثنين من الشهر الجاري», «… من هذا الشهر»: the month from the reference */
    if (parse_unit_deictic(c, j, &um, &k, 0) && um.g == G_MONTH) {
        j = k;
        need_ref(c, &v);
        year = um.y;
        mon = um.m;
    } else {
        if (p_month(c, j, &mon, &hijri, &rel, &k) != MON_NAME)
            return 0;
        j = k;
        if (p_year(c, j, &year, &era, &k) && year > 0 && (hijri || era != 1)) {
            j = k;
            if (hijri)
                year = hijri_year_of(c, year, era, mon, 15);
        } else {
            need_ref(c, &v);
            year = hijri ? ref_hijri_year(c) : c->ref.y;
        }
    }
    v.g = G_DAY;
    if (hijri)
        v.cal = AR_CAL_HIJRI;
    if (!(v.flags & AR_DATE_NOREF)) {
        /* the month's first day (as a Gregorian day, for its weekday) and
         * length, in its own calendar: «أول جمعة من رمضان» counts Ramadan */
        ar_ymd first = {year, mon, 1};
        int len = !hijri ? cal_days_in_month(year, mon)
                         : year > 0 ? cal_hijri_month_len(c->s, c->d->calendar, year, mon) : 0;
        if (hijri && (len <= 0 || ar_dates_hijri_to_gregorian(c->d, c->s, first, &first) != AR_OK)) {
            v.flags |= AR_DATE_INVALID;
        } else {
            int w1 = cal_weekday(first);
            int day = nth->val < 0 ? len - ((w1 + len - 1) % 7 - wd->val + 7) % 7
                                   : 1 + (wd->val - w1 + 7) % 7 + 7 * (nth->val - 1);
            if (hijri && day > len)
                v.flags |= AR_DATE_INVALID;
            else /* a fifth Gregorian one that is not there comes out invalid */
                resolve_dmy(c, &v, year, mon, day, hijri);
        }
    }
    m->end = j;
    mention(m, i, j, &v);
    return 1;
}

/* Each rule with the kinds its first token can have. */
static const struct {
    rule_fn fn;
    uint64_t first;
} rules[] = {
    {rule_numeric, K_NUM},
    {rule_time, K_NUM | K(LX_HOURWORD) | K(LX_HOUR)},
    {rule_range, K_NUM | K(LX_ORD) | K(LX_GHURRA)},
    {rule_dmy, K_NUM | K(LX_ORD) | K(LX_GHURRA) | K(LX_WEEKDAY) | K(LX_DAYWORD)},
    {rule_month, K(LX_MONTHWORD) | K(LX_GMONTH) | K(LX_HMONTH) | K(LX_NUMMONTH)},
    {rule_part, K(LX_PART)},
    {rule_year, K_NUM | K(LX_YEARWORD) | K(LX_PREP)},
    {rule_decade, K(LX_DECADE)},
    {rule_unit, K(LX_THIS) | K(LX_UNITNOUN)},
    {rule_ago, K(LX_PREP)},
    {rule_relative, K(LX_DAYPART) | K(LX_DAYWORD) | K(LX_REL) | K(LX_RHET) | K(LX_WEEKDAY) | K(LX_THIS)},
    {rule_duration, K_NUM | K(LX_CARD) | K(LX_NUMW) | K(LX_UNIT) | K(LX_ARTICLE)},
    {rule_season, K(LX_SEASON)},
    {rule_yearpart, K(LX_YEARPART)},
    {rule_set, K(LX_SETADV) | K(LX_EVERY)},
    {rule_now, K(LX_NOW)},
    {rule_holiday, K(LX_HOLIDAY)},
    {rule_nth_weekday, K(LX_NTH)},
};

static int emit(dates_ctx *c, const match *mt)
{
    ar_dates_scratch *s = c->s;
    for (int k = 0; k < mt->nm; k++) {
        if (s->nm == s->mcap) {
            size_t nc = s->mcap ? s->mcap * 2 : 32;
            ar_date_mention *nm = realloc(s->m, nc * sizeof *nm);
            if (!nm)
                return AR_ENOMEM;
            s->m = nm;
            s->mcap = nc;
        }
        ar_date_mention *m = &s->m[s->nm++];
        memset(m, 0, sizeof *m);
        const dtok *a = &T(mt->ts[k]), *b = &T(mt->te[k] - 1);
        m->start = c->base + a->cs;
        m->end = c->base + b->e;
        timex_fill(&mt->v[k], m);
    }
    return AR_OK;
}

int dates_grammar_run(dates_ctx *c)
{
    /* only numbers and lexicon words can start a rule: the scanner listed
     * them, so the words between cost nothing here */
    size_t next = 0;
    for (size_t ci = 0; ci < c->s->ncand; ci++) {
        size_t i = c->s->cand[ci];
        if (i < next)
            continue; /* inside the last mention */
        const dtok *t = &T(i);
        /* only numbers and some lexicon words can start a rule; most of
         * those only when a number or another lexicon word follows */
        int st = t->type == T_NUM ? 1 : 0;
        if (t->type == T_WORD && t->lx) {
            st = t->lx->starter;
            if (t->lx1 && t->lx1 != t->lx && t->lx1->starter > st)
                st = t->lx1->starter;
            if (st == 2 && t->lx == t->lx1) {
                const dtok *u = i + 1 < NT ? &T(i + 1) : NULL;
                if (!u || !(u->type == T_NUM || (u->type == T_WORD && u->lx)))
                    st = 0;
            }
        }
        if (!st)
            continue;
        uint64_t kinds = t->type == T_NUM ? K_NUM : t->lx->kinds | (t->lx1 ? t->lx1->kinds : 0);
        match best, cur;
        best.end = 0;
        best.nm = 0;
        for (size_t r = 0; r < sizeof rules / sizeof rules[0]; r++) {
            if (!(rules[r].first & kinds))
                continue;
            cur.end = 0;
            cur.nm = 0;
            if (rules[r].fn(c, i, &cur) && cur.end > best.end)
                best = cur;
        }
        if (best.end > i) {
            int rc = emit(c, &best);
            if (rc)
                return rc;
            next = best.end;
        }
    }
    return AR_OK;
}
