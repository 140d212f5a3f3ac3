/* SPDX-License-Identifier: MIT */
/*
 * The searcher. Per chunk of whole lines: fold the chunk when the matcher
 * wants folded text (one ar_norm_apply over the whole chunk, with an offset
 * map), then ask the matcher for the next match from the current line on.
 * The lines before that match are non-matching and are skipped with no
 * per-line work unless -v, context or line numbers need them; the line of
 * the match is mapped back to the original chunk text and reported.
 */
#define _GNU_SOURCE /* memrchr */
#include <stdlib.h>
#include <string.h>

#include "artext/search.h"
#include "match_internal.h"
#include "utf8_internal.h"

typedef struct held_line {
    ar_buf text;
    int has_nl;
    uint64_t number, src_offset;
} held_line;

struct ar_searcher {
    const ar_matcher *m;
    ar_search_opts o;
    ar_match_scratch *sc;
    ar_buf fold;
    ar_offmap fmap;
    ar_match_span *spans;
    size_t nspans, capspans;
    held_line *ring;        /* before-context, o.before entries */
    size_t rhead, rcount;
    /* Per search. */
    const ar_sink *sink;
    ar_search_result *res;
    const ar_chunk *ck;
    /* The view: text the matcher sees (folded chunk, the chunk itself, or
     * one folded line) and how it maps to the chunk text: offset x of S is
     * chunk offset tbase + map(x); the end of S is chunk offset tend. */
    const char *S;
    size_t SL;
    const ar_offmap *map;   /* NULL = identity */
    size_t tbase, tend;
    /* Prefiltered regexes: candidate lines are found in the original text
     * by a literal, then folded one by one. */
    const ar_matcher *pre;
    ar_match_scratch *psc;
    ar_buf lfold;
    ar_offmap lmap;
    int binary;             /* the current chunk is binary data */
    int context;            /* -A or -B given */
    uint64_t lineno;        /* number of the line at pos */
    size_t after_left;
    uint64_t last_printed;  /* line number of the last line reported, 0 none */
    int printed_any;
    int selecting_done;     /* -m reached: only trailing context remains */
    int stop;               /* > 0 stop quietly, < 0 error */
};

int ar_searcher_new(ar_searcher **out, const ar_matcher *m, const ar_search_opts *opts)
{
    *out = NULL;
    ar_searcher *s = calloc(1, sizeof *s);
    if (!s)
        return AR_ENOMEM;
    s->m = m;
    s->o = *opts;
    int rc = ar_match_scratch_new(&s->sc, m);
    s->pre = ar_matcher_prefilter(m);
    if (rc == AR_OK && s->pre)
        rc = ar_match_scratch_new(&s->psc, s->pre);
    if (rc == AR_OK && opts->before) {
        s->ring = calloc(opts->before, sizeof *s->ring);
        if (!s->ring)
            rc = AR_ENOMEM;
    }
    if (rc != AR_OK) {
        ar_searcher_free(s);
        return rc;
    }
    *out = s;
    return AR_OK;
}

void ar_searcher_free(ar_searcher *s)
{
    if (!s)
        return;
    ar_match_scratch_free(s->sc);
    ar_match_scratch_free(s->psc);
    ar_buf_free(&s->lfold);
    ar_offmap_free(&s->lmap);
    ar_buf_free(&s->fold);
    ar_offmap_free(&s->fmap);
    free(s->spans);
    for (size_t i = 0; s->ring && i < s->o.before; i++)
        ar_buf_free(&s->ring[i].text);
    free(s->ring);
    free(s);
}

/* S offsets -> chunk text offsets. A line start is found through the '\n'
 * before it, which folding copies one for one. */
static size_t t_line_start(const ar_searcher *s, size_t ls)
{
    if (!s->map || ls == 0)
        return s->tbase + ls;
    return s->tbase + ar_offmap_start(s->map, ls - 1) + 1;
}

static size_t t_line_end(const ar_searcher *s, size_t le)
{
    if (le >= s->SL)
        return s->tend;
    return s->tbase + (s->map ? ar_offmap_start(s->map, le) : le);
}

static size_t t_off(const ar_searcher *s, size_t x, int end)
{
    if (!s->map)
        return s->tbase + x;
    return s->tbase + (end ? ar_offmap_end(s->map, x) : ar_offmap_start(s->map, x));
}

static uint64_t src_off(const ar_searcher *s, size_t t, int end)
{
    const ar_offmap *cm = s->ck->map;
    size_t r = !cm ? t : end ? ar_offmap_end(cm, t) : ar_offmap_start(cm, t);
    return s->ck->src_offset + r;
}

static uint64_t count_nl(const char *p, size_t n) { return ar_count_newlines(p, n); }

static void emit(ar_searcher *s, const ar_search_line *l)
{
    if (s->stop)
        return;
    if (s->context && s->printed_any && l->number > s->last_printed + 1 && s->sink->gap) {
        int rc = s->sink->gap(s->sink->ctx);
        if (rc) {
            s->stop = rc;
            return;
        }
    }
    int rc = s->sink->line(s->sink->ctx, l);
    if (rc)
        s->stop = rc;
    s->printed_any = 1;
    s->last_printed = l->number;
}

static void flush_before(ar_searcher *s)
{
    size_t nb = s->o.before;
    for (size_t k = 0; k < s->rcount && !s->stop; k++) {
        held_line *h = &s->ring[(s->rhead + nb - s->rcount + k) % nb];
        ar_search_line l = {h->text.ptr ? h->text.ptr : "", h->text.len, h->has_nl, 0, h->number,
                            h->src_offset, NULL, 0};
        emit(s, &l);
    }
    s->rcount = 0;
}

/* A line that is not selected: after-context, or held for before-context. */
static void context_line(ar_searcher *s, size_t ls, size_t le)
{
    if (s->after_left) {
        s->after_left--;
        size_t ts = t_line_start(s, ls), te = t_line_end(s, le);
        ar_search_line l = {s->ck->text + ts, te - ts, te < s->ck->len, 0, s->lineno, src_off(s, ts, 0), NULL, 0};
        emit(s, &l);
        if (s->selecting_done && !s->after_left && !s->stop)
            s->stop = 1;
        return;
    }
    if (s->selecting_done) {
        s->stop = 1;
        return;
    }
    if (!s->o.before)
        return;
    size_t ts = t_line_start(s, ls), te = t_line_end(s, le);
    held_line *h = &s->ring[s->rhead];
    s->rhead = (s->rhead + 1) % s->o.before;
    if (s->rcount < s->o.before)
        s->rcount++;
    ar_buf_clear(&h->text);
    if (ar_buf_append(&h->text, s->ck->text + ts, te - ts))
        s->stop = AR_ENOMEM;
    h->has_nl = te < s->ck->len;
    h->number = s->lineno;
    h->src_offset = src_off(s, ts, 0);
}

/* Collects the spans of every match in the line S[ls..le) from the first
 * match [ms, me) on. */
static int collect_spans(ar_searcher *s, size_t ls, size_t le, size_t ms, size_t me)
{
    s->nspans = 0;
    size_t ts = t_line_start(s, ls);
    for (;;) {
        if (s->nspans == s->capspans) {
            size_t c = s->capspans ? s->capspans * 2 : 16;
            ar_match_span *p = realloc(s->spans, c * sizeof *p);
            if (!p)
                return AR_ENOMEM;
            s->spans = p;
            s->capspans = c;
        }
        size_t b = me > le ? le : me;
        size_t a = t_off(s, ms, 0);
        b = b > ms ? t_off(s, b, 1) : a;
        size_t te = t_line_end(s, le);
        if (a < ts)
            a = ts;
        if (b > te)
            b = te;
        if (b < a)
            b = a;
        ar_match_span *sp = &s->spans[s->nspans];
        s->nspans += b > a; /* an empty match is no span */
        sp->start = a - ts;
        sp->end = b - ts;
        sp->src_start = src_off(s, a, 0);
        sp->src_end = src_off(s, b, 1);
        size_t next = me;
        if (me == ms) {
            if (ms >= le)
                break;
            int32_t cp;
            next = ms + ar_m_decode((const unsigned char *)s->S, s->SL, ms, &cp);
        }
        if (next > le)
            break;
        int rc = ar_matcher_find(s->m, s->sc, s->S, le, next, &ms, &me);
        if (rc < 0)
            return rc;
        if (rc == 0)
            break;
    }
    return AR_OK;
}

static void selected_line(ar_searcher *s, size_t ls, size_t le, size_t ms, size_t me, int matched)
{
    if (s->binary && s->o.binary == AR_BINARY_QUIT && !s->o.count_only && !s->o.quit_on_match) {
        s->res->selected++;
        if (s->sink->binary) {
            int rc = s->sink->binary(s->sink->ctx, src_off(s, t_line_start(s, ls), 0));
            if (rc < 0) {
                s->stop = rc;
                return;
            }
        }
        s->stop = 1;
        return;
    }
    s->res->selected++;
    if (s->o.quit_on_match) {
        s->stop = 1;
        return;
    }
    if (!s->o.count_only) {
        if (s->rcount)
            flush_before(s);
        size_t ts = t_line_start(s, ls), te = t_line_end(s, le);
        ar_search_line l = {s->ck->text + ts, te - ts, te < s->ck->len, 1, s->lineno, src_off(s, ts, 0), NULL, 0};
        if (s->o.spans && matched) {
            int rc = collect_spans(s, ls, le, ms, me);
            if (rc < 0) {
                s->stop = rc;
                return;
            }
            l.spans = s->spans;
            l.nspans = s->nspans;
        }
        emit(s, &l);
        s->after_left = s->o.after;
    }
    if (s->o.max_count >= 0 && s->res->selected >= (uint64_t)s->o.max_count) {
        s->selecting_done = 1;
        if (!s->after_left || s->o.count_only)
            s->stop = 1;
    }
}

/* Lines S[a..b) (b at a line start) without a match. */
static void nonmatching(ar_searcher *s, size_t a, size_t b)
{
    if (!s->o.invert && !s->after_left && !s->o.before && !s->selecting_done) {
        if (s->o.line_numbers || s->context)
            s->lineno += count_nl(s->S + a, b - a);
        return;
    }
    while (a < b && !s->stop) {
        const char *q = memchr(s->S + a, '\n', b - a);
        size_t le = q ? (size_t)(q - s->S) : b;
        if (s->o.invert && !s->selecting_done)
            selected_line(s, a, le, 0, 0, 0);
        else
            context_line(s, a, le);
        s->lineno++;
        a = le + 1;
        if (!s->o.invert && !s->after_left && !s->o.before && !s->selecting_done && a < b) {
            if (s->o.line_numbers || s->context)
                s->lineno += count_nl(s->S + a, b - a);
            return;
        }
    }
}

static int search_chunk(ar_searcher *s)
{
    size_t pos = 0;
    const char *S = s->S;
    size_t SL = s->SL;
    while (pos < SL && !s->stop) {
        size_t ms = SL, me = SL;
        int rc = ar_matcher_find(s->m, s->sc, S, SL, pos, &ms, &me);
        if (rc < 0)
            return rc;
        if (rc == 0 || ms >= SL) {
            nonmatching(s, pos, SL);
            break;
        }
        const char *q = ms > pos ? memrchr(S + pos, '\n', ms - pos) : NULL;
        size_t ls = q ? (size_t)(q - S) + 1 : pos;
        q = memchr(S + ms, '\n', SL - ms);
        size_t le = q ? (size_t)(q - S) : SL;
        if (me > le) {
            /* A regex match ran over the end of the line: look again
             * inside the line alone. */
            rc = ar_matcher_find(s->m, s->sc, S, le, ls, &ms, &me);
            if (rc < 0)
                return rc;
            if (rc == 0) {
                nonmatching(s, pos, le < SL ? le + 1 : SL);
                pos = le + 1;
                continue;
            }
        }
        nonmatching(s, pos, ls);
        if (s->stop)
            break;
        if (s->o.invert || s->selecting_done)
            context_line(s, ls, le);
        else
            selected_line(s, ls, le, ms, me, 1);
        s->lineno++;
        pos = le + 1;
    }
    return AR_OK;
}

/* The chunk through the prefilter: the view is the chunk itself; each
 * line with the literal is folded and given to the regex alone. */
static int search_chunk_pre(ar_searcher *s, const ar_norm *norm)
{
    size_t pos = 0;
    const char *S = s->S;
    size_t SL = s->SL;
    while (pos < SL && !s->stop) {
        size_t cs, ce, ms, me;
        int rc = ar_matcher_find(s->pre, s->psc, S, SL, pos, &cs, &ce);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            nonmatching(s, pos, SL);
            break;
        }
        const char *q = cs > pos ? memrchr(S + pos, '\n', cs - pos) : NULL;
        size_t ls = q ? (size_t)(q - S) + 1 : pos;
        q = memchr(S + cs, '\n', SL - cs);
        size_t le = q ? (size_t)(q - S) : SL;
        ar_buf_clear(&s->lfold);
        ar_offmap_clear(&s->lmap);
        rc = ar_norm_apply(norm, S + ls, le - ls, &s->lfold, &s->lmap);
        if (rc < 0)
            return rc;
        const char *F = s->lfold.ptr ? s->lfold.ptr : "";
        rc = ar_matcher_find(s->m, s->sc, F, s->lfold.len, 0, &ms, &me);
        if (rc < 0)
            return rc;
        if (rc == 0) {
            nonmatching(s, pos, le < SL ? le + 1 : SL);
            pos = le + 1;
            continue;
        }
        nonmatching(s, pos, ls);
        if (s->stop)
            break;
        if (s->o.invert || s->selecting_done)
            context_line(s, ls, le);
        else {
            /* Report from the folded line's view. */
            s->S = F;
            s->SL = s->lfold.len;
            s->map = &s->lmap;
            s->tbase = ls;
            s->tend = le;
            selected_line(s, 0, s->SL, ms, me, 1);
            s->S = S;
            s->SL = SL;
            s->map = NULL;
            s->tbase = 0;
            s->tend = s->ck->len;
        }
        s->lineno++;
        pos = le + 1;
    }
    return AR_OK;
}

int ar_search_input(ar_searcher *s, ar_input *in, const ar_sink *sink, ar_search_result *res)
{
    ar_search_result dummy;
    if (!res)
        res = &dummy;
    memset(res, 0, sizeof *res);
    s->sink = sink;
    s->res = res;
    s->context = s->o.before || s->o.after;
    s->lineno = 1;
    s->after_left = 0;
    s->last_printed = 0;
    s->printed_any = 0;
    s->selecting_done = 0;
    s->stop = 0;
    s->rcount = 0;
    s->rhead = 0;
    if (s->o.max_count == 0)
        return AR_OK;
    int rc = AR_OK;
    ar_chunk ck;
    const ar_norm *norm = ar_matcher_needs_fold(s->m) ? ar_matcher_norm(s->m) : NULL;
    while (!s->stop) {
        rc = ar_input_next(in, &ck);
        if (rc <= 0)
            break;
        rc = AR_OK;
        if (ar_input_has_nul(in)) {
            res->binary = 1;
            if (s->o.binary == AR_BINARY_SKIP) {
                res->selected = 0;
                s->stop = 1;
                break;
            }
            s->binary = s->o.binary != AR_BINARY_TEXT;
        } else
            s->binary = 0;
        s->ck = &ck;
        if (ck.first_line) /* 0: the input did not count (no_line_scan) */
            s->lineno = ck.first_line;
        s->tbase = 0;
        s->tend = ck.len;
        if (norm && s->pre) {
            s->S = ck.text;
            s->SL = ck.len;
            s->map = NULL;
            rc = search_chunk_pre(s, norm);
            if (rc < 0)
                break;
            continue;
        }
        if (norm) {
            ar_buf_clear(&s->fold);
            ar_offmap_clear(&s->fmap);
            rc = ar_norm_apply(norm, ck.text, ck.len, &s->fold, &s->fmap);
            if (rc < 0)
                break;
            s->S = s->fold.ptr ? s->fold.ptr : "";
            s->SL = s->fold.len;
            s->map = &s->fmap;
        } else {
            s->S = ck.text;
            s->SL = ck.len;
            s->map = NULL;
        }
        rc = search_chunk(s);
        if (rc < 0)
            break;
    }
    if (s->stop < 0 && rc == AR_OK)
        rc = s->stop;
    if (s->stop)
        res->stopped = 1;
    s->ck = NULL;
    return rc < 0 ? rc : AR_OK;
}
