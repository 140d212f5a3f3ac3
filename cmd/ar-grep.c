/* SPDX-License-Identifier: MIT */
/*
 * ar-grep: grep for Arabic that finds a name however it is written.
 * The command parses options, builds one matcher, lists the files (walking
 * directories for -r), searches them (in parallel with -j, output kept in
 * file order) and prints through one of the printers below, which are the
 * searcher's sinks: grep-style lines, -o, -c, -l/-L and JSON Lines.
 */
#define _GNU_SOURCE /* open_memstream is POSIX, but keep strdup/strndup etc. */
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

enum {
    OPT_LABEL = AR_OPT_FIRST_PRIVATE, OPT_INCLUDE, OPT_EXCLUDE, OPT_EXCLUDE_DIR, OPT_STRICT, OPT_MATCH_LIMIT,
    OPT_NO_IGNORE_CASE, OPT_LINE_BUFFERED, OPT_ENCLITICS, OPT_LOOSE, OPT_NOFOLD /* + step index */
};

static const struct {
    const char *opt;
    unsigned flags;
} nofold[] = {
    {"no-fold-harakat", AR_NORM_HARAKAT},   {"no-fold-quranic", AR_NORM_QURANIC},
    {"no-fold-tatweel", AR_NORM_TATWEEL},   {"no-fold-invisible", AR_NORM_INVISIBLE},
    {"no-fold-alef", AR_NORM_ALEF},         {"no-fold-yeh", AR_NORM_YEH},
    {"no-fold-teh", AR_NORM_TEH},           {"no-fold-hamza", AR_NORM_HAMZA | AR_NORM_HAMZA_DROP},
    {"no-fold-persian", AR_NORM_PERSIAN},   {"no-fold-digits", AR_NORM_DIGITS},
    {"no-fold-presentation", AR_NORM_PRESENTATION},
};
#define NNOFOLD (sizeof nofold / sizeof nofold[0])

static const ar_cli_opt options[] = {
    {"regexp", 'e', "PATTERN", "use PATTERN (may be given several times)"},
    {"file", 'f', "FILE", "take patterns from FILE, one per line (thousands are fine)"},
    {"fixed-strings", 'F', NULL, "patterns are fixed strings, not regular expressions"},
    {"extended-regexp", 'E', NULL, "accepted for grep compatibility: patterns are PCRE2 anyway"},
    {"perl-regexp", 'P', NULL, "patterns are PCRE2 regular expressions (the default)"},
    {"word-regexp", 'w', NULL, "whole words, Arabic-aware: proclitics (و ف ب ل ك ال لل) before, nothing after"},
    {"enclitics", OPT_ENCLITICS, NULL, "with -w, also an attached pronoun after the word (ه ها هم هن ك كم ي نا...)"},
    {"loose", OPT_LOOSE, NULL, "foreign names in any common spelling (غ/ج/ق, optional ا و ي ...), as whole words"},
    {"line-regexp", 'x', NULL, "match whole lines only"},
    {"ignore-case", 'i', NULL, "ignore Latin letter case"},
    {"no-ignore-case", OPT_NO_IGNORE_CASE, NULL, "do not ignore Latin letter case (the default)"},
    {"strict", OPT_STRICT, NULL, "no folding at all: match bytes as written"},
    {"no-fold-harakat", OPT_NOFOLD + 0, NULL, "keep diacritics (harakat, shadda, sukun, superscript alef) significant"},
    {"no-fold-quranic", OPT_NOFOLD + 1, NULL, "keep Quranic annotation marks significant"},
    {"no-fold-tatweel", OPT_NOFOLD + 2, NULL, "keep tatweel (kashida) significant"},
    {"no-fold-invisible", OPT_NOFOLD + 3, NULL, "keep invisible format characters (ZWNJ, ZWJ, bidi marks) significant"},
    {"no-fold-alef", OPT_NOFOLD + 4, NULL, "keep alef forms (أ إ آ ٱ ا) distinct"},
    {"no-fold-yeh", OPT_NOFOLD + 5, NULL, "keep ى and ي distinct"},
    {"no-fold-teh", OPT_NOFOLD + 6, NULL, "keep ة and ه distinct"},
    {"no-fold-hamza", OPT_NOFOLD + 7, NULL, "keep hamza carriers (ؤ ئ) and the lone hamza (ء) significant"},
    {"no-fold-persian", OPT_NOFOLD + 8, NULL, "keep Persian/Urdu look-alike letters (ک ی ہ) distinct"},
    {"no-fold-digits", OPT_NOFOLD + 9, NULL, "keep Arabic-Indic and ASCII digits distinct"},
    {"no-fold-presentation", OPT_NOFOLD + 10, NULL, "keep Arabic presentation forms (ﻻ ﷲ ﺳ ...) distinct from their letters"},
    {"invert-match", 'v', NULL, "select non-matching lines"},
    {"count", 'c', NULL, "print only a count of selected lines per file"},
    {"files-with-matches", 'l', NULL, "print only names of files with selected lines"},
    {"files-without-match", 'L', NULL, "print only names of files without selected lines"},
    {"only-matching", 'o', NULL, "print only the matched (original) parts of lines"},
    {"quiet", 'q', NULL, "print nothing; exit 0 at the first match"},
    {"silent", 'q', NULL, "same as --quiet"},
    {"no-messages", 's', NULL, "suppress messages about missing or unreadable files"},
    {"max-count", 'm', "NUM", "stop reading a file after NUM selected lines"},
    {"line-number", 'n', NULL, "prefix each line with its line number"},
    {"byte-offset", 'b', NULL, "prefix each line with its byte offset in the file"},
    {"with-filename", 'H', NULL, "print the file name for each match"},
    {"no-filename", 'h', NULL, "never print file names"},
    {"label", OPT_LABEL, "LABEL", "name to show for standard input"},
    {"line-buffered", OPT_LINE_BUFFERED, NULL, "flush output after every line (for tail -f | ar-grep | ...)"},
    {"null", 'Z', NULL, "print a NUL byte after file names"},
    {"after-context", 'A', "NUM", "print NUM lines of trailing context"},
    {"before-context", 'B', "NUM", "print NUM lines of leading context"},
    {"context", 'C', "NUM", "print NUM lines of context on both sides"},
    {"recursive", 'r', NULL, "search directories recursively (symbolic links inside are skipped)"},
    {"dereference-recursive", 'R', NULL, "search directories recursively, following symbolic links"},
    {"include", OPT_INCLUDE, "GLOB", "search only files whose base name matches GLOB"},
    {"exclude", OPT_EXCLUDE, "GLOB", "skip files whose base name matches GLOB"},
    {"exclude-dir", OPT_EXCLUDE_DIR, "GLOB", "skip directories whose base name matches GLOB"},
    {"text", 'a', NULL, "search binary files (with NUL bytes) as text"},
    {"", 'I', NULL, "treat binary files as having no match"},
    {"color", AR_OPT_COLOR, "[=WHEN]", "highlight matches: never, always or auto (GREP_COLORS, NO_COLOR)"},
    {"colour", AR_OPT_COLOR, "[=WHEN]", "same as --color"},
    {"json", AR_OPT_JSON, NULL, "print JSON Lines: one object per match, with byte offsets and the whole line"},
    {"threads", 'j', "N", "search N files in parallel (default: number of cores)"},
    {"match-limit", OPT_MATCH_LIMIT, "N", "PCRE2 match limit for one search (default 10000000)"},
    AR_CLI_COMMON_OPTS,
    {NULL, 0, NULL, NULL},
};

enum { MODE_LINES, MODE_COUNT, MODE_LIST, MODE_LIST_NOT, MODE_QUIET };

/* Colours, as GREP_COLORS names them. */
static const char PROG[] = "ar-grep";
/* the command's own bookkeeping: out of memory is "ar-grep: out of memory", exit 2 */
#define NONNULL(p) ar_cli_alloc_ok(PROG, (p))

typedef struct colors {
    char ms[32], mc[32], sl[32], cx[32], fn[32], ln[32], bn[32], se[32];
    int ne;
} colors;

typedef struct grep {
    ar_cli cli;
    const ar_matcher *m;
    ar_search_opts so;
    int word; /* -w: -o and --color show whole words */
    int mode, only, json, color, with_name, null, line_numbers, byte_offset, silent, recursive, deref;
    const char *label;
    colors col;
    char **inc, **exc, **exd;
    size_t ninc, nexc, nexd;
} grep;

/* ---- colours ----------------------------------------------------------------- */

static void parse_colors(colors *c)
{
    *c = (colors){"01;31", "01;31", "", "", "35", "32", "32", "36", 0};
    const char *env = getenv("GREP_COLORS");
    if (!env)
        return;
    char buf[512];
    snprintf(buf, sizeof buf, "%s", env);
    for (char *t = strtok(buf, ":"); t; t = strtok(NULL, ":")) {
        char *eq = strchr(t, '=');
        const char *v = eq ? eq + 1 : "";
        if (eq)
            *eq = 0;
        if (strspn(v, "0123456789;") != strlen(v) || strlen(v) >= 32)
            continue;
        if (!strcmp(t, "mt")) {
            strcpy(c->ms, v);
            strcpy(c->mc, v);
        } else if (!strcmp(t, "ms"))
            strcpy(c->ms, v);
        else if (!strcmp(t, "mc"))
            strcpy(c->mc, v);
        else if (!strcmp(t, "sl"))
            strcpy(c->sl, v);
        else if (!strcmp(t, "cx"))
            strcpy(c->cx, v);
        else if (!strcmp(t, "fn"))
            strcpy(c->fn, v);
        else if (!strcmp(t, "ln"))
            strcpy(c->ln, v);
        else if (!strcmp(t, "bn"))
            strcpy(c->bn, v);
        else if (!strcmp(t, "se"))
            strcpy(c->se, v);
        else if (!strcmp(t, "ne"))
            c->ne = 1;
    }
}

static void color_on(const grep *g, FILE *f, const char *sgr)
{
    if (g->color && sgr[0])
        fprintf(f, "\33[%sm%s", sgr, g->col.ne ? "" : "\33[K");
}

static void color_off(const grep *g, FILE *f, const char *sgr)
{
    if (g->color && sgr[0])
        fprintf(f, "\33[m%s", g->col.ne ? "" : "\33[K");
}

/* ---- printers (the searcher's sinks) --------------------------------------------- */

typedef struct out {
    const grep *g;
    FILE *f, *err;
    const char *name;
    int lines;          /* lines printed (for "--" between files) */
} out;

static void sep(const out *o, char c)
{
    color_on(o->g, o->f, o->g->col.se);
    fputc(c, o->f);
    color_off(o->g, o->f, o->g->col.se);
}

static void prefix(const out *o, int selected, uint64_t number, uint64_t offset)
{
    const grep *g = o->g;
    char s = selected ? ':' : '-';
    if (g->with_name) {
        color_on(g, o->f, g->col.fn);
        fputs(o->name, o->f);
        color_off(g, o->f, g->col.fn);
        if (g->null)
            fputc(0, o->f);
        else
            sep(o, s);
    }
    if (g->line_numbers) {
        color_on(g, o->f, g->col.ln);
        fprintf(o->f, "%llu", (unsigned long long)number);
        color_off(g, o->f, g->col.ln);
        sep(o, s);
    }
    if (g->byte_offset) {
        color_on(g, o->f, g->col.bn);
        fprintf(o->f, "%llu", (unsigned long long)offset);
        color_off(g, o->f, g->col.bn);
        sep(o, s);
    }
}

/* One object per match ("type":"match"), so jq sees one match a record;
 * a selected line without matches (-v) is "type":"line" and a context
 * line "type":"context". Every object carries its whole line. */
static void json_head(out *o, const char *type, const ar_search_line *l)
{
    FILE *f = o->f;
    fprintf(f, "{\"type\":\"%s\",\"file\":", type);
    ar_json_write_str(f, o->name, strlen(o->name));
    fprintf(f, ",\"line_number\":%llu,\"offset\":%llu", (unsigned long long)l->number,
            (unsigned long long)l->src_offset);
}

static void json_tail(out *o, const ar_search_line *l)
{
    fputs(",\"line\":", o->f);
    ar_json_write_str(o->f, l->text, l->len);
    fputs("}\n", o->f);
}

static int print_json(out *o, const ar_search_line *l)
{
    FILE *f = o->f;
    size_t printed = 0;
    for (size_t i = 0; l->selected && i < l->nspans; i++) {
        const ar_match_span *sp = &l->spans[i];
        json_head(o, "match", l);
        fprintf(f, ",\"start\":%zu,\"end\":%zu,\"abs_start\":%llu,\"abs_end\":%llu,\"text\":", sp->start, sp->end,
                (unsigned long long)sp->src_start, (unsigned long long)sp->src_end);
        ar_json_write_str(f, l->text + sp->start, sp->end - sp->start);
        json_tail(o, l);
        printed++;
    }
    if (!printed) {
        json_head(o, l->selected ? "line" : "context", l);
        json_tail(o, l);
    }
    return 0;
}

static int on_line(void *ctx, const ar_search_line *l)
{
    out *o = ctx;
    const grep *g = o->g;
    o->lines++;
    if (g->json)
        return print_json(o, l);
    if (g->only) {
        for (size_t i = 0; i < l->nspans; i++) {
            const ar_match_span *sp = &l->spans[i];
            if (sp->end == sp->start)
                continue;
            size_t a = sp->start, b = sp->end, sa = sp->src_start;
            if (g->word) {
                /* the word as written, clitics included */
                ar_match_word_bounds(l->text, l->len, sp->start, sp->end, &a, &b);
                sa = sp->src_start - (sp->start - a);
            }
            prefix(o, 1, l->number, sa);
            color_on(g, o->f, g->col.ms);
            fwrite(l->text + a, 1, b - a, o->f);
            color_off(g, o->f, g->col.ms);
            fputc('\n', o->f);
        }
        return 0;
    }
    prefix(o, l->selected, l->number, l->src_offset);
    const char *line_sgr = l->selected ? g->col.sl : g->col.cx;
    if (g->color && l->nspans) {
        size_t at = 0;
        for (size_t i = 0; i < l->nspans; i++) {
            const ar_match_span *sp = &l->spans[i];
            if (sp->end == sp->start)
                continue;
            size_t a = sp->start, b = sp->end;
            if (g->word)
                ar_match_word_bounds(l->text, l->len, sp->start, sp->end, &a, &b);
            if (a < at)
                a = at;
            color_on(g, o->f, line_sgr);
            fwrite(l->text + at, 1, a - at, o->f);
            color_on(g, o->f, l->selected ? g->col.ms : g->col.mc);
            fwrite(l->text + a, 1, b - a, o->f);
            color_off(g, o->f, g->col.ms);
            at = b;
        }
        color_on(g, o->f, line_sgr);
        fwrite(l->text + at, 1, l->len - at, o->f);
        color_off(g, o->f, line_sgr);
    } else {
        color_on(g, o->f, line_sgr);
        fwrite(l->text, 1, l->len, o->f);
        color_off(g, o->f, line_sgr);
    }
    fputc('\n', o->f);
    return 0;
}

static int on_gap(void *ctx)
{
    out *o = ctx;
    if (o->g->json || o->g->only)
        return 0;
    color_on(o->g, o->f, o->g->col.se);
    fputs("--", o->f);
    color_off(o->g, o->f, o->g->col.se);
    fputc('\n', o->f);
    return 0;
}

static int on_binary(void *ctx, uint64_t off)
{
    out *o = ctx;
    fprintf(o->err, "%s: %s: binary file matches\n", o->g->cli.prog, o->name);
    return 0;
}

/* ---- one file ------------------------------------------------------------------ */

typedef struct job {
    char *path;         /* NULL = standard input */
    char *name;         /* as printed */
    char *obuf, *ebuf;  /* buffered output (parallel runs) */
    size_t olen, elen;
    int selected, error, lines;
    int done;
    int oom;            /* its output buffer could not be made or grown: nothing of it is printed */
} job;

static void msg(const grep *g, FILE *err, const char *name, const char *text)
{
    fprintf(err, "%s: %s: %s\n", g->cli.prog, name, text);
}

/* Searches one file, printing to f (messages to err). */
static void search_file(const grep *g, ar_searcher *s, job *j, FILE *f, FILE *err)
{
    ar_input *in = NULL;
    ar_diag d = {0};
    if (j->path) {
        struct stat st;
        if (stat(j->path, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (!g->silent)
                msg(g, err, j->name, "Is a directory");
            j->error = 1;
            return;
        }
    }
    int rc = ar_input_open(&in, j->path, &g->cli.input, &d);
    if (rc < 0) {
        if (!g->silent)
            msg(g, err, j->name, d.msg[0] ? d.msg : rc == AR_EIO ? strerror(errno) : ar_strerror(rc));
        j->error = 1;
        return;
    }
    out o = {g, f, err, j->name, 0};
    ar_sink sink = {&o, on_line, on_gap, on_binary};
    ar_search_result res;
    rc = ar_search_input(s, in, &sink, &res);
    if (rc == AR_ELIMIT) {
        msg(g, err, j->name, "the regular expression hit its match limit (too much backtracking); "
                             "simplify it or raise --match-limit");
        j->error = 1;
    } else if (rc < 0) {
        msg(g, err, j->name, rc == AR_EIO ? strerror(errno) : ar_strerror(rc));
        j->error = 1;
    }
    ar_input_free(in);
    j->selected = res.selected > 0;
    j->lines = o.lines;
    switch (g->mode) {
    case MODE_COUNT:
        if (g->with_name) {
            color_on(g, f, g->col.fn);
            fputs(j->name, f);
            color_off(g, f, g->col.fn);
            if (g->null)
                fputc(0, f);
            else
                sep(&o, ':');
        }
        fprintf(f, "%llu\n", (unsigned long long)res.selected);
        break;
    case MODE_LIST:
    case MODE_LIST_NOT:
        if ((g->mode == MODE_LIST) == (res.selected > 0)) {
            color_on(g, f, g->col.fn);
            fputs(j->name, f);
            color_off(g, f, g->col.fn);
            fputc(g->null ? 0 : '\n', f);
        }
        break;
    default:
        break;
    }
}

/* ---- file lists ------------------------------------------------------------------- */

typedef struct jobs {
    job *v;
    size_t n, cap;
} jobs;

static void add_job(jobs *js, const char *path, const char *name)
{
    if (js->n == js->cap) {
        js->cap = js->cap ? js->cap * 2 : 64;
        js->v = NONNULL(realloc(js->v, js->cap * sizeof *js->v));
    }
    job *j = &js->v[js->n++];
    memset(j, 0, sizeof *j);
    j->path = path ? NONNULL(strdup(path)) : NULL;
    j->name = NONNULL(strdup(name));
}

static int glob_any(char **globs, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (fnmatch(globs[i], name, 0) == 0)
            return 1;
    return 0;
}

static const char *base_name(const char *p)
{
    const char *s = strrchr(p, '/');
    return s && s[1] ? s + 1 : p;
}

static int file_wanted(const grep *g, const char *path)
{
    const char *b = base_name(path);
    if (g->nexc && (glob_any(g->exc, g->nexc, b) || glob_any(g->exc, g->nexc, path)))
        return 0;
    if (g->ninc && !glob_any(g->inc, g->ninc, b))
        return 0;
    return 1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Walks a directory in name order; prefix is how paths below it are shown. */
static void walk(grep *g, jobs *js, const char *dir, const char *shown)
{
    DIR *d = opendir(dir);
    if (!d) {
        if (!g->silent)
            ar_cli_warn(&g->cli, shown[0] ? shown : ".", "%s", strerror(errno));
        g->cli.status = AR_EXIT_TROUBLE;
        return;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 32;
            names = NONNULL(realloc(names, cap * sizeof *names));
        }
        names[n++] = NONNULL(strdup(e->d_name));
    }
    closedir(d);
    qsort(names, n, sizeof *names, cmp_str);
    for (size_t i = 0; i < n; i++) {
        size_t pl = strlen(dir) + strlen(names[i]) + 2, sl = strlen(shown) + strlen(names[i]) + 2;
        char *path = NONNULL(malloc(pl)), *name = NONNULL(malloc(sl));
        snprintf(path, pl, "%s/%s", dir, names[i]);
        if (shown[0])
            snprintf(name, sl, "%s%s%s", shown, shown[strlen(shown) - 1] == '/' ? "" : "/", names[i]);
        else
            snprintf(name, sl, "%s", names[i]);
        struct stat st;
        int r = g->deref ? stat(path, &st) : lstat(path, &st);
        if (r != 0) {
            if (!g->silent)
                ar_cli_warn(&g->cli, name, "%s", strerror(errno));
            g->cli.status = AR_EXIT_TROUBLE;
        } else if (S_ISDIR(st.st_mode)) {
            if (!g->nexd || !glob_any(g->exd, g->nexd, names[i]))
                walk(g, js, path, name);
        } else if (S_ISREG(st.st_mode) || (g->deref && !S_ISLNK(st.st_mode) && !S_ISDIR(st.st_mode))) {
            if (S_ISREG(st.st_mode) && file_wanted(g, names[i]))
                add_job(js, path, name);
        }
        free(path);
        free(name);
        free(names[i]);
    }
    free(names);
}

/* ---- parallel search ------------------------------------------------------------------ */

typedef struct pool {
    grep *g;
    jobs *js;
    size_t next;
    int quit;
    pthread_mutex_t mu;
    pthread_cond_t cv;
} pool;

static void *worker(void *arg)
{
    pool *p = arg;
    ar_searcher *s = NULL;
    if (ar_searcher_new(&s, p->g->m, &p->g->so) != AR_OK)
        return NULL;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        size_t i = p->next++;
        int quit = p->quit;
        pthread_mutex_unlock(&p->mu);
        if (i >= p->js->n)
            break;
        job *j = &p->js->v[i];
        FILE *f = quit ? NULL : open_memstream(&j->obuf, &j->olen);
        FILE *e = quit ? NULL : open_memstream(&j->ebuf, &j->elen);
        if (f && e)
            search_file(p->g, s, j, f, e);
        else if (!quit)
            j->oom = 1;
        /* a memory stream that could not grow fails at fflush: its output
         * is incomplete and must not pass for the file's. The flush also
         * hands over buffer and size before fclose, whose final shrinking
         * realloc may fail and would leave them unset. */
        if (f && (fflush(f) | fclose(f)))
            j->oom = 1;
        if (e && (fflush(e) | fclose(e)))
            j->oom = 1;
        /* glibc's fclose may lose the buffer when its last realloc fails */
        if ((!j->obuf && j->olen) || (!j->ebuf && j->elen))
            j->oom = 1;
        pthread_mutex_lock(&p->mu);
        j->done = 1;
        if (p->g->mode == MODE_QUIET && j->selected)
            p->quit = 1;
        pthread_cond_broadcast(&p->cv);
        pthread_mutex_unlock(&p->mu);
    }
    ar_searcher_free(s);
    return NULL;
}

/* ---- main ---------------------------------------------------------------------------- */

static size_t parse_num(grep *g, const char *opt, const char *arg)
{
    char *end;
    errno = 0;
    long long v = strtoll(arg, &end, 10);
    if (errno || *end || v < 0 || end == arg)
        ar_cli_usage_error(&g->cli, "invalid %s argument: '%s'", opt, arg);
    return (size_t)v;
}

static void add_str(char ***v, size_t *n, const char *s)
{
    *v = NONNULL(realloc(*v, (*n + 1) * sizeof **v));
    (*v)[(*n)++] = (char *)s;
}

/* Reads a pattern file: one pattern per line. */
static void read_patterns(grep *g, const char *path, char ***pats, size_t **lens, size_t *n)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        ar_cli_error(&g->cli, path, "%s", strerror(errno));
        exit(AR_EXIT_TROUBLE);
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    errno = 0;
    while ((len = getline(&line, &cap, f)) >= 0) {
        if (len > 0 && line[len - 1] == '\n')
            len--;
        char **p = realloc(*pats, (*n + 1) * sizeof **pats);
        if (p)
            *pats = p;
        size_t *l = realloc(*lens, (*n + 1) * sizeof **lens);
        if (l)
            *lens = l;
        char *c = p && l ? malloc((size_t)len + 1) : NULL;
        if (!c) {
            ar_cli_error(&g->cli, path, "out of memory");
            exit(AR_EXIT_TROUBLE);
        }
        memcpy(c, line, (size_t)len);
        c[len] = 0;
        (*pats)[*n] = c;
        (*lens)[(*n)++] = (size_t)len;
        errno = 0;
    }
    /* getline ends at EOF, or on a read error or a failed allocation: a
     * watch list that lost names must not search quietly */
    if (ferror(f) || errno == ENOMEM) {
        ar_cli_error(&g->cli, path, "%s", strerror(errno ? errno : EIO));
        exit(AR_EXIT_TROUBLE);
    }
    free(line);
    if (f != stdin)
        fclose(f);
}

int main(int argc, char **argv)
{
    static grep g;
    ar_cli_init(&g.cli, PROG, "[OPTION]... PATTERNS [FILE]...",
                "Search for PATTERNS in each FILE, insensitive to Arabic spelling variants "
                "(diacritics, alef and hamza forms, ى/ي, ة/ه, tatweel, digits).",
                options);
    char **pats = NULL;
    size_t *lens = NULL, npats = 0;
    int have_pats = 0, color = 0, ignore_case = 0, strict = 0;
    long nthreads = 0;
    unsigned noflags = 0;
    const char *color_when = "never";
    ar_match_opts mo = {AR_MATCH_DEFAULT_FOLDS, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    g.so.max_count = -1;
    g.with_name = -1;
    int c;
    while ((c = ar_cli_getopt(&g.cli, argc, argv)) != -1) {
        if (c >= OPT_NOFOLD && c < OPT_NOFOLD + (int)NNOFOLD) {
            noflags |= nofold[c - OPT_NOFOLD].flags;
            continue;
        }
        switch (c) {
        case 'e':
            pats = NONNULL(realloc(pats, (npats + 1) * sizeof *pats));
            lens = NONNULL(realloc(lens, (npats + 1) * sizeof *lens));
            pats[npats] = NONNULL(strdup(optarg));
            lens[npats++] = strlen(optarg);
            have_pats = 1;
            break;
        case 'f':
            read_patterns(&g, optarg, &pats, &lens, &npats);
            have_pats = 1;
            break;
        case 'F': mo.fixed = 1; break;
        case 'E': case 'P': mo.fixed = 0; break;
        case 'w': mo.word = g.word = 1; break;
        case OPT_ENCLITICS: mo.enclitics = 1; break;
        case OPT_LOOSE: mo.loose = 1; mo.word = g.word = 1; break;
        case 'x': mo.line = 1; break;
        case 'i': ignore_case = 1; break;
        case OPT_NO_IGNORE_CASE: ignore_case = 0; break;
        case OPT_STRICT: strict = 1; break;
        case 'v': g.so.invert = 1; break;
        case 'c': g.mode = MODE_COUNT; break;
        case 'l': g.mode = MODE_LIST; break;
        case 'L': g.mode = MODE_LIST_NOT; break;
        case 'o': g.only = 1; break;
        case 'q': g.mode = MODE_QUIET; break;
        case 's': g.silent = 1; break;
        case 'm': g.so.max_count = (int64_t)parse_num(&g, "max-count", optarg); break;
        case 'n': g.line_numbers = 1; break;
        case 'b': g.byte_offset = 1; break;
        case 'H': g.with_name = 1; break;
        case 'h': g.with_name = 0; break;
        case OPT_LABEL: g.label = optarg; break;
        case OPT_LINE_BUFFERED: setvbuf(stdout, NULL, _IOLBF, 0); break;
        case 'Z': g.null = 1; break;
        case 'A': g.so.after = parse_num(&g, "context length", optarg); break;
        case 'B': g.so.before = parse_num(&g, "context length", optarg); break;
        case 'C': g.so.after = g.so.before = parse_num(&g, "context length", optarg); break;
        case 'r': g.recursive = 1; break;
        case 'R': g.recursive = 1; g.deref = 1; break;
        case OPT_INCLUDE: add_str(&g.inc, &g.ninc, optarg); break;
        case OPT_EXCLUDE: add_str(&g.exc, &g.nexc, optarg); break;
        case OPT_EXCLUDE_DIR: add_str(&g.exd, &g.nexd, optarg); break;
        case 'a': g.so.binary = AR_BINARY_TEXT; break;
        case 'I': g.so.binary = AR_BINARY_SKIP; break;
        case AR_OPT_COLOR: color_when = optarg ? optarg : "auto"; break;
        case AR_OPT_JSON: g.json = 1; break;
        case 'j': nthreads = (long)parse_num(&g, "threads", optarg); break;
        case OPT_MATCH_LIMIT: mo.match_limit = (uint32_t)parse_num(&g, "match-limit", optarg); break;
        default:
            if (!ar_cli_common_opt(&g.cli, c, optarg))
                ar_cli_usage_error(&g.cli, "unhandled option");
        }
    }
    if (!have_pats) {
        if (optind >= argc)
            ar_cli_usage_error(&g.cli, "no pattern given");
        pats = NONNULL(malloc(sizeof *pats));
        lens = NONNULL(malloc(sizeof *lens));
        pats[0] = NONNULL(strdup(argv[optind]));
        lens[0] = strlen(argv[optind++]);
        npats = 1;
    }
    if (npats == 0 && !g.so.invert) {
        /* No pattern (-f /dev/null) selects nothing: grep stops here too. */
        free(pats);
        free(lens);
        free(g.inc);
        free(g.exc);
        free(g.exd);
        ar_cli_done(&g.cli);
        return AR_EXIT_NONE;
    }
    color = ar_cli_color(color_when);
    if (color < 0)
        ar_cli_usage_error(&g.cli, "invalid argument '%s' for --color (use never, always or auto)", color_when);
    g.color = color && !g.json;
    if (g.color)
        parse_colors(&g.col);
    mo.norm_flags = strict ? 0 : AR_MATCH_DEFAULT_FOLDS & ~noflags;
    mo.caseless = ignore_case;
    /* Matches are shown with -o, --color and --json; elsewhere a list need
     * not find where its matches start. */
    g.so.spans = g.only || g.color || g.json;
    mo.lines_only = !g.so.spans;

    ar_matcher *m = NULL;
    ar_diag d = {0};
    int rc = ar_matcher_new(&m, (const char *const *)pats, lens, npats, &mo, &d);
    for (size_t i = 0; i < npats; i++)
        free(pats[i]);
    free(pats);
    free(lens);
    if (rc < 0) {
        free(g.inc);
        free(g.exc);
        free(g.exd);
        ar_cli_done(&g.cli);
    }
    if (rc == AR_ESYNTAX) {
        if (npats > 1)
            ar_cli_error(&g.cli, NULL, "pattern %ld, offset %ld: %s", d.line, d.offset, d.msg);
        else
            ar_cli_error(&g.cli, NULL, "pattern offset %ld: %s", d.offset, d.msg);
        return AR_EXIT_TROUBLE;
    } else if (rc < 0) {
        ar_cli_error(&g.cli, NULL, "%s", d.msg[0] ? d.msg : ar_strerror(rc));
        return AR_EXIT_TROUBLE;
    }
    g.m = m;

    /* Search options follow the output mode. */
    g.so.line_numbers = g.line_numbers || g.json;
    /* The searcher counts lines where it needs their numbers, and ar-grep
     * does not report invalid UTF-8 (it passes through), so the input need
     * not look at every byte; where no line is printed and binary files are
     * not skipped, not even for NUL bytes. */
    int prints_no_line = g.mode == MODE_COUNT || g.mode == MODE_QUIET || g.mode == MODE_LIST
                         || g.mode == MODE_LIST_NOT;
    g.cli.input.no_line_scan = prints_no_line && g.so.binary != AR_BINARY_SKIP ? 2 : 1;
    g.so.quit_on_match = g.mode == MODE_QUIET || g.mode == MODE_LIST || g.mode == MODE_LIST_NOT;
    g.so.count_only = g.mode == MODE_COUNT;
    if (g.mode != MODE_LINES || g.only)
        g.so.before = g.so.after = 0;

    /* The files. */
    jobs js = {0};
    int nops = argc - optind;
    if (nops == 0) {
        if (g.recursive)
            walk(&g, &js, ".", "");
        else
            add_job(&js, NULL, g.label ? g.label : "(standard input)");
    }
    for (int i = optind; i < argc; i++) {
        const char *p = argv[i];
        struct stat st;
        if (!strcmp(p, "-")) {
            add_job(&js, NULL, g.label ? g.label : "(standard input)");
        } else if (g.recursive && stat(p, &st) == 0 && S_ISDIR(st.st_mode)) {
            if (!g.nexd || !glob_any(g.exd, g.nexd, base_name(p)))
                walk(&g, &js, p, p);
        } else if (file_wanted(&g, p)) {
            add_job(&js, p, p);
        }
    }
    if (g.with_name < 0) {
        int dir_op = 0;
        for (int i = optind; i < argc && g.recursive; i++) {
            struct stat st;
            if (stat(argv[i], &st) == 0 && S_ISDIR(st.st_mode))
                dir_op = 1;
        }
        g.with_name = nops > 1 || dir_op || (g.recursive && nops == 0);
    }

    if (nthreads <= 0)
        nthreads = sysconf(_SC_NPROCESSORS_ONLN);
    if (nthreads < 1)
        nthreads = 1;
    if ((size_t)nthreads > js.n)
        nthreads = (long)js.n;
    int any = 0, trouble = 0, printed = 0;
    int sep_files = (g.so.before || g.so.after) && !g.json;
    if (nthreads <= 1 || g.mode == MODE_QUIET) {
        ar_searcher *s = NULL;
        if (ar_searcher_new(&s, m, &g.so) != AR_OK) {
            ar_cli_error(&g.cli, NULL, "out of memory");
            return AR_EXIT_TROUBLE;
        }
        for (size_t i = 0; i < js.n; i++) {
            job *j = &js.v[i];
            if (sep_files && printed) {
                /* A file's first context group is separated from the last one. */
                FILE *tmp = NONNULL(open_memstream(&j->obuf, &j->olen));
                search_file(&g, s, j, tmp, stderr);
                if (fclose(tmp)) {
                    ar_cli_error(&g.cli, j->name, "out of memory");
                    return AR_EXIT_TROUBLE;
                }
                if (j->lines)
                    on_gap(&(out){&g, stdout, stderr, "", 0});
                fwrite(j->obuf, 1, j->olen, stdout);
                free(j->obuf);
                j->obuf = NULL;
            } else
                search_file(&g, s, j, stdout, stderr);
            printed |= j->lines > 0;
            any |= j->selected;
            trouble |= j->error;
            ar_cli_check_stdout(&g.cli);
            if (g.mode == MODE_QUIET && any)
                break;
        }
        ar_searcher_free(s);
    } else {
        pool p = {&g, &js, 0, 0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER};
        pthread_t *th = NONNULL(calloc((size_t)nthreads, sizeof *th));
        long started = 0;
        while (started < nthreads && pthread_create(&th[started], NULL, worker, &p) == 0)
            started++;
        if (!started)
            worker(&p);
        for (size_t i = 0; i < js.n; i++) {
            job *j = &js.v[i];
            pthread_mutex_lock(&p.mu);
            while (!j->done)
                pthread_cond_wait(&p.cv, &p.mu);
            pthread_mutex_unlock(&p.mu);
            if (j->oom) {
                fflush(stdout);
                fprintf(stderr, "%s: %s: out of memory\n", g.cli.prog, j->name);
                j->error = 1;
                j->olen = j->elen = 0;
            }
            if (sep_files && printed && j->lines)
                on_gap(&(out){&g, stdout, stderr, "", 0});
            if (j->olen)
                fwrite(j->obuf, 1, j->olen, stdout);
            if (j->elen) {
                fflush(stdout);
                fwrite(j->ebuf, 1, j->elen, stderr);
            }
            free(j->obuf);
            free(j->ebuf);
            j->obuf = j->ebuf = NULL;
            printed |= j->lines > 0;
            any |= j->selected;
            trouble |= j->error;
            ar_cli_check_stdout(&g.cli);
        }
        for (long t = 0; t < started; t++)
            pthread_join(th[t], NULL);
        free(th);
    }

    for (size_t i = 0; i < js.n; i++) {
        free(js.v[i].path);
        free(js.v[i].name);
    }
    free(js.v);
    free(g.inc);
    free(g.exc);
    free(g.exd);
    ar_matcher_free(m);
    if (trouble)
        g.cli.status = AR_EXIT_TROUBLE;
    int status = any ? AR_EXIT_OK : AR_EXIT_NONE;
    if (g.mode == MODE_QUIET && any) {
        /* grep: with -q, a selected line wins over errors. */
        g.cli.status = 0;
    }
    status = ar_cli_finish(&g.cli, status);
    ar_cli_done(&g.cli);
    return status;
}
