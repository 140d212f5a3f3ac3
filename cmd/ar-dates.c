/* SPDX-License-Identifier: MIT */
/* ar-dates: find Arabic date and time expressions and print their ISO 8601
 * (TIMEX3) values, line by line. The recognizer is the library's; this file
 * chooses each document's reference date and prints. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libxml/xmlwriter.h>

#include "cli.h"

enum {
    OPT_REF = AR_OPT_FIRST_PRIVATE, OPT_CALENDAR, OPT_PAST, OPT_FUTURE, OPT_REPLACE, OPT_ANNOTATE, OPT_TIMEML,
    OPT_DATELINE_LINES
};

static const ar_cli_opt opts[] = {
    {"ref", OPT_REF, "DATE", "reference date YYYY-MM-DD or date and time YYYY-MM-DDTHH:MM (default: the dateline, else today)"},
    {"calendar", OPT_CALENDAR, "NAME", "Islamic calendar for Hijri dates: islamic-umalqura (default), islamic, islamic-civil, islamic-tbla"},
    {"past", OPT_PAST, NULL, "a bare weekday is the most recent such day (default)"},
    {"future", OPT_FUTURE, NULL, "a bare weekday is the next such day"},
    {"dateline-lines", OPT_DATELINE_LINES, "N", "look for the dateline in the first N non-blank lines (default 5)"},
    {"json", AR_OPT_JSON, NULL, "JSON Lines: file, line, start, end, text, value, type, mod, calendar, hijri, ref, ref_source"},
    {"replace", OPT_REPLACE, NULL, "copy the text through with each date replaced by its value"},
    {"annotate", OPT_ANNOTATE, NULL, "copy the text through with each date followed by [VALUE]"},
    {"timeml", OPT_TIMEML, NULL, "write the input as a TimeML document with TIMEX3 elements"},
    AR_CLI_COMMON_OPTS,
    {NULL, 0, NULL, NULL},
};

enum mode { M_LIST, M_JSON, M_REPLACE, M_ANNOTATE, M_TIMEML };

typedef struct pending {
    uint64_t no;
    uint64_t off;           /* the line's byte offset in the file */
    char *text;
    size_t len;
    int nl;
} pending;

typedef struct job {
    ar_cli *cli;
    ar_dates *dates;
    ar_dates_scratch *scratch;
    enum mode mode;
    ar_ymd opt_ref;
    int opt_ref_min;        /* --ref's clock time, minutes after midnight; -1 none */
    int ref_min;            /* the document's: the option's, else -1 */
    int dateline_lines;
    long found;
    /* per document */
    const char *name;
    size_t name_len;        /* strlen(name), for every line of the list */
    uint64_t ninvalid;      /* invalid UTF-8 the scanner met (raw UTF-8 input, which the input layer does not check) */
    uint64_t first_invalid; /* file offset of the first */
    ar_ymd ref;
    const char *ref_source;
    pending *pend;
    size_t npend, cappend;
    int nonblank;
    /* TimeML */
    xmlTextWriterPtr xw;
    int ninputs;
    int doc_open;
    long tid;
    ar_buf clean;
    ar_buf out;             /* a line of the list output */
} job;

static ar_ymd today(void)
{
    time_t t = time(NULL);
    struct tm tm;
    ar_ymd r = {0, 0, 0};
    if (localtime_r(&t, &tm)) {
        r.y = tm.tm_year + 1900;
        r.m = tm.tm_mon + 1;
        r.d = tm.tm_mday;
    }
    return r;
}

static void fmt_ymd(ar_ymd d, char out[24])
{
    snprintf(out, 24, "%04d-%02d-%02d", d.y, d.m, d.d);
}

/* The reference as the output gives it: its date, and its time if any. */
static void fmt_ref(const job *j, char out[24])
{
    fmt_ymd(j->ref, out);
    if (j->ref_min >= 0)
        snprintf(out + 10, 14, "T%02d:%02d", (j->ref_min / 60) % 24, j->ref_min % 60); /* ref_min < 1440 */
}

/* XML 1.0 cannot carry invalid UTF-8 or most control characters: those
 * become U+FFFD in the TimeML output (the other modes keep the bytes). */
static const char *xml_clean(job *j, const char *s, size_t n)
{
    ar_buf_clear(&j->clean);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        int l = ar_utf8_decode((const unsigned char *)s + i, n - i, &cp);
        if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0xFFFE || cp == 0xFFFF)
            ar_buf_append(&j->clean, "\xef\xbf\xbd", 3);
        else
            ar_buf_append(&j->clean, s + i, (size_t)l);
        i += (size_t)l;
    }
    ar_buf_putc(&j->clean, 0);
    return j->clean.ptr;
}

static void xml_text(job *j, const char *s, size_t n)
{
    if (n)
        xmlTextWriterWriteString(j->xw, BAD_CAST xml_clean(j, s, n));
}

static void timeml_begin_doc(job *j)
{
    if (j->doc_open)
        return;
    char ref[24];
    fmt_ref(j, ref);
    xmlTextWriterStartElement(j->xw, BAD_CAST "TimeML");
    xmlTextWriterWriteAttribute(j->xw, BAD_CAST "source", BAD_CAST xml_clean(j, j->name, strlen(j->name)));
    xmlTextWriterWriteString(j->xw, BAD_CAST "\n");
    xmlTextWriterStartElement(j->xw, BAD_CAST "DCT");
    xmlTextWriterStartElement(j->xw, BAD_CAST "TIMEX3");
    xmlTextWriterWriteAttribute(j->xw, BAD_CAST "tid", BAD_CAST "t0");
    xmlTextWriterWriteAttribute(j->xw, BAD_CAST "type", BAD_CAST (j->ref_min >= 0 ? "TIME" : "DATE"));
    xmlTextWriterWriteAttribute(j->xw, BAD_CAST "value", BAD_CAST ref);
    xmlTextWriterWriteAttribute(j->xw, BAD_CAST "functionInDocument", BAD_CAST "CREATION_TIME");
    xmlTextWriterWriteAttribute(j->xw, BAD_CAST "refSource", BAD_CAST j->ref_source);
    xmlTextWriterWriteString(j->xw, BAD_CAST ref);
    xmlTextWriterEndElement(j->xw);
    xmlTextWriterEndElement(j->xw);
    xmlTextWriterWriteString(j->xw, BAD_CAST "\n");
    xmlTextWriterStartElement(j->xw, BAD_CAST "TEXT");
    xmlTextWriterWriteString(j->xw, BAD_CAST "\n");
    j->doc_open = 1;
    j->tid = 0;
}

static void timeml_end_doc(job *j)
{
    if (!j->doc_open)
        timeml_begin_doc(j);
    xmlTextWriterEndElement(j->xw); /* TEXT */
    xmlTextWriterWriteString(j->xw, BAD_CAST "\n");
    xmlTextWriterEndElement(j->xw); /* TimeML */
    if (j->ninputs > 1)
        xmlTextWriterWriteString(j->xw, BAD_CAST "\n");
    j->doc_open = 0;
}

static void json_mention(job *j, uint64_t no, const char *line, const ar_date_mention *m)
{
    char ref[24];
    fmt_ref(j, ref);
    fputs("{\"file\":", stdout);
    ar_json_write_str(stdout, j->name, strlen(j->name));
    printf(",\"line\":%llu,\"start\":%zu,\"end\":%zu,\"text\":", (unsigned long long)no, m->start, m->end);
    ar_json_write_str(stdout, line + m->start, m->end - m->start);
    printf(",\"value\":\"%s\",\"type\":\"%s\"", m->value, ar_timex_type_name(m->type));
    if (ar_timex_mod_name(m->mod))
        printf(",\"mod\":\"%s\"", ar_timex_mod_name(m->mod));
    printf(",\"calendar\":\"%s\"", ar_date_calendar_name(m->calendar));
    if (m->hijri[0])
        printf(",\"hijri\":\"%s\"", m->hijri);
    printf(",\"relative\":%s,\"ref\":\"%s\",\"ref_source\":\"%s\"}\n", (m->flags & AR_DATE_RELATIVE) ? "true" : "false",
           ref, j->ref_source);
}

/* One line with the document's reference known. */
/* One line of the list output, "name:no: value[ mod=M]<TAB>span", made in
 * j->out and written with one fwrite: printf's parsing cost more than the
 * scan that found the date. */
static int list_line(job *j, uint64_t no, const char *line, const ar_date_mention *x)
{
    char num[24];
    size_t nd = sizeof num;
    do
        num[--nd] = (char)('0' + no % 10);
    while ((no /= 10) > 0);
    const char *mod = ar_timex_mod_name(x->mod);
    const struct {
        const char *p;
        size_t n;
    } part[] = {{j->name, j->name_len}, {":", 1}, {num + nd, sizeof num - nd}, {": ", 2},
                {x->value, strlen(x->value)}, {" mod=", mod ? 5u : 0u}, {mod ? mod : "", mod ? strlen(mod) : 0},
                {"\t", 1}, {line + x->start, x->end - x->start}, {"\n", 1}};
    size_t total = 0;
    for (size_t k = 0; k < sizeof part / sizeof part[0]; k++)
        total += part[k].n;
    ar_buf *b = &j->out;
    ar_buf_clear(b);
    if (ar_buf_reserve(b, total))
        return AR_ENOMEM;
    for (size_t k = 0; k < sizeof part / sizeof part[0]; k++) {
        memcpy(b->ptr + b->len, part[k].p, part[k].n);
        b->len += part[k].n;
    }
    fwrite(b->ptr, 1, b->len, stdout);
    return AR_OK;
}

static int process_line(job *j, uint64_t no, uint64_t off, const char *line, size_t len, int nl)
{
    const ar_date_mention *m;
    size_t n;
    int rc = ar_dates_scan_at(j->dates, j->scratch, line, len, &j->ref, j->ref_min, &m, &n);
    if (rc)
        return rc;
    size_t bad_at = 0;
    uint64_t bad = ar_dates_scan_invalid(j->scratch, &bad_at);
    if (bad) {
        if (!j->ninvalid)
            j->first_invalid = off + bad_at;
        j->ninvalid += bad;
    }
    size_t pos = 0;
    if (j->mode == M_TIMEML)
        timeml_begin_doc(j);
    for (size_t i = 0; i < n; i++) {
        const ar_date_mention *x = &m[i];
        if (x->flags & (AR_DATE_INVALID | AR_DATE_NOREF)) {
            ar_cli_warn(j->cli, NULL, "%s:%llu: not a valid date: %.*s", j->name, (unsigned long long)no,
                        (int)(x->end - x->start), line + x->start);
            continue;
        }
        j->found++;
        switch (j->mode) {
        case M_LIST:
            if ((rc = list_line(j, no, line, x)))
                return rc;
            break;
        case M_JSON:
            json_mention(j, no, line, x);
            break;
        case M_REPLACE:
        case M_ANNOTATE:
            fwrite(line + pos, 1, x->start - pos, stdout);
            if (j->mode == M_ANNOTATE) {
                fwrite(line + x->start, 1, x->end - x->start, stdout);
                printf(" [%s]", x->value);
            } else
                fputs(x->value, stdout);
            pos = x->end;
            break;
        case M_TIMEML: {
            char tid[32];
            xml_text(j, line + pos, x->start - pos);
            snprintf(tid, sizeof tid, "t%ld", ++j->tid);
            xmlTextWriterStartElement(j->xw, BAD_CAST "TIMEX3");
            xmlTextWriterWriteAttribute(j->xw, BAD_CAST "tid", BAD_CAST tid);
            xmlTextWriterWriteAttribute(j->xw, BAD_CAST "type", BAD_CAST ar_timex_type_name(x->type));
            xmlTextWriterWriteAttribute(j->xw, BAD_CAST "value", BAD_CAST x->value);
            if (ar_timex_mod_name(x->mod))
                xmlTextWriterWriteAttribute(j->xw, BAD_CAST "mod", BAD_CAST ar_timex_mod_name(x->mod));
            if (x->flags & AR_DATE_RELATIVE)
                xmlTextWriterWriteAttribute(j->xw, BAD_CAST "anchorTimeID", BAD_CAST "t0");
            if (x->hijri[0])
                xmlTextWriterWriteAttribute(j->xw, BAD_CAST "hijri", BAD_CAST x->hijri);
            xml_text(j, line + x->start, x->end - x->start);
            xmlTextWriterEndElement(j->xw);
            pos = x->end;
            break;
        }
        }
    }
    if (j->mode == M_REPLACE || j->mode == M_ANNOTATE) {
        fwrite(line + pos, 1, len - pos, stdout);
        if (nl)
            putchar('\n');
    } else if (j->mode == M_TIMEML) {
        xml_text(j, line + pos, len - pos);
        if (nl)
            xmlTextWriterWriteString(j->xw, BAD_CAST "\n");
    }
    return AR_OK;
}

static int flush_pending(job *j)
{
    int rc = AR_OK;
    for (size_t i = 0; i < j->npend; i++) {
        if (!rc)
            rc = process_line(j, j->pend[i].no, j->pend[i].off, j->pend[i].text, j->pend[i].len, j->pend[i].nl);
        free(j->pend[i].text);
    }
    j->npend = 0;
    return rc;
}

static int hold(job *j, uint64_t no, uint64_t off, const char *line, size_t len, int nl)
{
    if (j->npend == j->cappend) {
        size_t nc = j->cappend ? j->cappend * 2 : 16;
        pending *np = realloc(j->pend, nc * sizeof *np);
        if (!np)
            return AR_ENOMEM;
        j->pend = np;
        j->cappend = nc;
    }
    char *copy = malloc(len ? len : 1);
    if (!copy)
        return AR_ENOMEM;
    memcpy(copy, line, len);
    j->pend[j->npend++] = (pending){no, off, copy, len, nl};
    return AR_OK;
}

/* While the reference is unknown, lines are held back and searched for the
 * dateline: the first absolute full date in the first N non-blank lines. */
static int feed_line(job *j, uint64_t no, uint64_t off, const char *line, size_t len, int nl)
{
    if (j->ref_source)
        return process_line(j, no, off, line, len, nl);
    int rc = hold(j, no, off, line, len, nl);
    if (rc)
        return rc;
    int blank = 1;
    for (size_t i = 0; i < len && blank; i++)
        blank = line[i] == ' ' || line[i] == '\t' || line[i] == '\r';
    if (blank)
        return AR_OK;
    j->nonblank++;
    const ar_date_mention *m;
    size_t n;
    ar_ymd none = {0, 0, 0};
    if ((rc = ar_dates_scan(j->dates, j->scratch, line, len, &none, &m, &n)))
        return rc;
    for (size_t i = 0; i < n; i++) {
        char day[11];
        memcpy(day, m[i].value, 10); /* the day of a full date, with or without a time */
        day[10] = 0;
        if ((m[i].flags & AR_DATE_FULL) && ar_ymd_parse(day, &j->ref) == AR_OK) {
            j->ref_source = "dateline";
            return flush_pending(j);
        }
    }
    if (j->nonblank >= j->dateline_lines) {
        j->ref = today();
        j->ref_source = "today";
        return flush_pending(j);
    }
    return AR_OK;
}

static void run_file(job *j, const char *path)
{
    ar_input *in = ar_cli_open(j->cli, path);
    if (!in)
        return;
    j->name = ar_cli_name(path);
    j->name_len = strlen(j->name);
    j->ninvalid = j->first_invalid = 0;
    j->nonblank = 0;
    j->npend = 0;
    j->ref_min = -1;
    if (j->opt_ref.y) {
        j->ref = j->opt_ref;
        j->ref_min = j->opt_ref_min;
        j->ref_source = "option";
    } else if (j->dateline_lines == 0) {
        j->ref = today();
        j->ref_source = "today";
    } else
        j->ref_source = NULL;
    ar_chunk ch;
    int r, rc = AR_OK;
    uint64_t no = 1; /* chunks hold whole lines: counted here, not by the input */
    while (!rc && (r = ar_input_next(in, &ch)) > 0) {
        size_t pos = 0, ll;
        const char *line;
        int nl;
        while (!rc && ar_chunk_next_line(&ch, &pos, &line, &ll, &nl))
            rc = feed_line(j, no++, ch.src_offset + (uint64_t)(line - ch.text), line, ll, nl);
        ar_cli_check_stdout(j->cli);
    }
    if (!rc && !j->ref_source) {
        j->ref = today();
        j->ref_source = "today";
        rc = flush_pending(j);
    }
    if (r < 0)
        ar_cli_error(j->cli, j->name, "read error: %s", r == AR_EIO ? strerror(errno) : ar_strerror(r));
    else if (rc)
        ar_cli_error(j->cli, j->name, "%s", ar_strerror(rc));
    for (size_t i = 0; i < j->npend; i++)
        free(j->pend[i].text);
    j->npend = 0;
    if (j->mode == M_TIMEML)
        timeml_end_doc(j);
    ar_cli_note_invalid_n(j->cli, j->name, in, j->ninvalid, j->first_invalid, 0);
    ar_input_free(in);
}

int main(int argc, char **argv)
{
    ar_cli cli;
    ar_cli_init(&cli, "ar-dates", "[OPTION]... [FILE]...",
                "Find Arabic date and time expressions and print their ISO 8601 (TIMEX3) values.", opts);
    job j;
    memset(&j, 0, sizeof j);
    j.cli = &cli;
    /* The scanner reads every byte of every line and counts the invalid
     * sequences itself (ar_dates_scan_invalid): the input layer need not
     * check them first, nor count lines, which run_file does. */
    cli.input.no_line_scan = 1;
    j.dateline_lines = 5;
    ar_dates_opts o;
    memset(&o, 0, sizeof o);
    int c;
    while ((c = ar_cli_getopt(&cli, argc, argv)) != -1) {
        if (ar_cli_common_opt(&cli, c, optarg))
            continue;
        switch (c) {
        case OPT_REF:
            if (ar_datetime_parse(optarg, &j.opt_ref, &j.opt_ref_min) != AR_OK)
                ar_cli_usage_error(&cli, "--ref: want a valid date YYYY-MM-DD or date and time YYYY-MM-DDTHH:MM, not '%s'", optarg);
            break;
        case OPT_CALENDAR:
            o.calendar = optarg;
            break;
        case OPT_PAST:
            o.future = 0;
            break;
        case OPT_FUTURE:
            o.future = 1;
            break;
        case OPT_DATELINE_LINES: {
            char *end;
            long v = strtol(optarg, &end, 10);
            if (*end || v < 0 || v > 1000000)
                ar_cli_usage_error(&cli, "--dateline-lines: want a number, not '%s'", optarg);
            j.dateline_lines = (int)v;
            break;
        }
        case AR_OPT_JSON:
            j.mode = M_JSON;
            break;
        case OPT_REPLACE:
            j.mode = M_REPLACE;
            break;
        case OPT_ANNOTATE:
            j.mode = M_ANNOTATE;
            break;
        case OPT_TIMEML:
            j.mode = M_TIMEML;
            break;
        default:
            ar_cli_usage_error(&cli, "unhandled option");
        }
    }
    ar_diag dg;
    memset(&dg, 0, sizeof dg);
    if (ar_dates_new(&j.dates, &o, &dg) != AR_OK)
        ar_cli_usage_error(&cli, "%s", dg.msg);
    if (ar_dates_scratch_new(&j.scratch) != AR_OK) {
        ar_cli_error(&cli, NULL, "out of memory");
        ar_dates_free(j.dates);
        ar_cli_done(&cli);
        return AR_EXIT_TROUBLE;
    }
    j.ninputs = optind < argc ? argc - optind : 1;
    if (j.mode == M_TIMEML) {
        xmlOutputBufferPtr ob = xmlOutputBufferCreateFile(stdout, NULL);
        j.xw = ob ? xmlNewTextWriter(ob) : NULL;
        if (!j.xw) {
            ar_cli_error(&cli, NULL, "cannot create the XML writer");
            ar_dates_scratch_free(j.scratch);
            ar_dates_free(j.dates);
            ar_cli_done(&cli);
            return AR_EXIT_TROUBLE;
        }
        xmlTextWriterStartDocument(j.xw, NULL, "UTF-8", NULL);
        if (j.ninputs > 1) {
            xmlTextWriterStartElement(j.xw, BAD_CAST "TimeMLCollection");
            xmlTextWriterWriteString(j.xw, BAD_CAST "\n");
        }
    }
    if (optind >= argc)
        run_file(&j, "-");
    for (int i = optind; i < argc; i++)
        run_file(&j, argv[i]);
    if (j.xw) {
        if (j.ninputs > 1)
            xmlTextWriterEndElement(j.xw);
        xmlTextWriterEndDocument(j.xw);
        if (xmlTextWriterFlush(j.xw) < 0)
            ar_cli_error(&cli, NULL, "write error");
        xmlFreeTextWriter(j.xw);
    }
    free(j.pend);
    ar_buf_free(&j.clean);
    ar_buf_free(&j.out);
    ar_dates_scratch_free(j.scratch);
    ar_dates_free(j.dates);
    ar_cli_done(&cli);
    int status = cli.status ? cli.status : j.found ? AR_EXIT_OK : AR_EXIT_NONE;
    return ar_cli_finish(&cli, status);
}
