/* SPDX-License-Identifier: MIT */
/* ar-tok: Arabic-aware tokens (one per line), clitic segmentation, or
 * sentences, line by line. The tokenizer, sentence splitter and segmenter
 * are the library's; this file reads, filters and prints. Offsets in JSON
 * are bytes within the line. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
    OPT_SEGMENT = 's',
    OPT_MARKER = 'm',
    OPT_SENTENCES = 'S',
    OPT_TYPES = 't',
    OPT_NO_PUNCT = AR_OPT_FIRST_PRIVATE
};

static const ar_cli_opt opts[] = {
    {"segment", OPT_SEGMENT, "[=LIST]",
     "split clitics off Arabic words (و+ ب+ الكاظمي); LIST adds article, enclitics or all (comma-separated)"},
    {"marker", OPT_MARKER, "STR", "with --segment: the clitic marker (default +; empty for none)"},
    {"types", OPT_TYPES, "LIST",
     "only these token types: word, number, latin, punct, url, other (comma-separated)"},
    {"no-punct", OPT_NO_PUNCT, NULL, "leave out punctuation and symbol tokens"},
    {"sentences", OPT_SENTENCES, "[=text|tokens]",
     "one sentence per line, as written (text, the default) or as its tokens separated by spaces"},
    {"json", AR_OPT_JSON, NULL, "JSON Lines: file, line, start, end, text, type (and parts with --segment)"},
    AR_CLI_COMMON_OPTS,
    {NULL, 0, NULL, NULL},
};

enum sent_mode { SENT_NONE, SENT_TEXT, SENT_TOKENS };

typedef struct job {
    ar_cli *cli;
    unsigned types;       /* bit 1 << AR_TOK_* */
    int segment;          /* --segment given */
    unsigned seg_flags;   /* AR_SEG_* */
    const char *marker;
    enum sent_mode sent;
    int json;
    long found;           /* records written */
    ar_buf out;           /* output, written a chunk at a time */
    ar_buf seg;           /* scratch for one segmentation */
    ar_buf head;          /* {"file":NAME,"line": for the file being read */
    /* the line being read */
    const char *name;
    const char *line;
    uint64_t lineno;
    int rc;               /* AR_ENOMEM from a callback */
    int first_tok;        /* for the tokens of one sentence */
    size_t sent_base;     /* where that sentence starts in the line */
} job;

/* Output goes to j->out; these are called several times per token, so the
 * common case (room in the buffer, a token with nothing to escape) is a
 * plain copy. */
static inline void put(job *j, const void *p, size_t n)
{
    if (j->out.cap - j->out.len >= n) {
        memcpy(j->out.ptr + j->out.len, p, n);
        j->out.len += n;
    } else if (!j->rc)
        j->rc = ar_buf_append(&j->out, p, n);
}
#define PUTS(j, lit) put(j, lit, sizeof lit - 1)
static void puts_(job *j, const char *s) { put(j, s, strlen(s)); }
static void putjson(job *j, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && (unsigned char)s[i] >= 0x20 && s[i] != '"' && s[i] != '\\' && s[i] != 0x7F)
        i++;
    if (i == n && ar_utf8_valid_prefix(s, n) == n && !j->rc && !(j->rc = ar_buf_reserve(&j->out, n + 2))) {
        char *o = j->out.ptr + j->out.len;
        o[0] = '"';
        memcpy(o + 1, s, n);
        o[n + 1] = '"';
        j->out.len += n + 2;
    } else if (!j->rc)
        j->rc = ar_json_append_str(&j->out, s, n);
}
static void putnum(job *j, uint64_t v)
{
    char b[20];
    put(j, b, ar_cli_utoa(b, v));
}

static void flush_out(job *j)
{
    if (j->out.len) {
        fwrite(j->out.ptr, 1, j->out.len, stdout);
        j->out.len = 0;
    }
    ar_cli_check_stdout(j->cli);
}

/* After each record: a 50 MB line's records are not held whole. */
static void flush_if_full(job *j)
{
    if (j->out.len >= 1 << 16)
        flush_out(j);
}

static const char *kind_name(ar_seg_kind k)
{
    return k == AR_SEG_PROCLITIC ? "proclitic" : k == AR_SEG_ENCLITIC ? "enclitic" : "stem";
}

/* {"start":..,"end":..,"type":..,"text":..(,"parts":[..])} without the braces */
static void json_token(job *j, const ar_token *t)
{
    const char *s = j->line + t->start;
    size_t n = t->end - t->start;
    puts_(j, "\"start\":");
    putnum(j, t->start);
    puts_(j, ",\"end\":");
    putnum(j, t->end);
    puts_(j, ",\"type\":\"");
    puts_(j, ar_tok_type_name(t->type));
    puts_(j, "\",\"text\":");
    putjson(j, s, n);
    if (j->segment && t->type == AR_TOK_WORD) {
        ar_seg_part parts[AR_SEG_MAX];
        int np = ar_segment(s, n, j->seg_flags, parts, AR_SEG_MAX);
        puts_(j, ",\"parts\":[");
        for (int i = 0; i < np; i++) {
            puts_(j, i ? ",{\"start\":" : "{\"start\":");
            putnum(j, t->start + parts[i].start);
            puts_(j, ",\"end\":");
            putnum(j, t->start + parts[i].end);
            puts_(j, ",\"kind\":\"");
            puts_(j, kind_name(parts[i].kind));
            puts_(j, "\",\"text\":");
            putjson(j, s + parts[i].start, parts[i].end - parts[i].start);
            PUTS(j, "}");
        }
        PUTS(j, "]");
    }
}

/* The token as text: as written, or segmented. */
static void text_token(job *j, const ar_token *t)
{
    const char *s = j->line + t->start;
    size_t n = t->end - t->start;
    if (j->segment && t->type == AR_TOK_WORD) {
        j->seg.len = 0;
        int rc = ar_segment_format(s, n, j->seg_flags, j->marker, &j->seg);
        if (rc) {
            j->rc = rc;
            return;
        }
        put(j, j->seg.ptr, j->seg.len);
    } else
        put(j, s, n);
}

static void record_start(job *j)
{
    put(j, j->head.ptr, j->head.len);
    putnum(j, j->lineno);
    PUTS(j, ",");
}

static int on_token(const ar_token *t, void *ud)
{
    job *j = ud;
    if (!(j->types & (1u << t->type)))
        return 0;
    if (j->json) {
        record_start(j);
        json_token(j, t);
        PUTS(j, "}\n");
    } else {
        text_token(j, t);
        PUTS(j, "\n");
    }
    j->found++;
    flush_if_full(j);
    return j->rc;
}

/* A token inside --sentences=tokens (its offsets made relative to the line). */
static int on_sent_token(const ar_token *tok, void *ud)
{
    job *j = ud;
    if (!(j->types & (1u << tok->type)))
        return 0;
    ar_token t = {tok->start + j->sent_base, tok->end + j->sent_base, tok->type};
    if (!j->first_tok)
        puts_(j, j->json ? "," : " ");
    j->first_tok = 0;
    if (j->json) {
        PUTS(j, "{");
        json_token(j, &t);
        PUTS(j, "}");
    } else
        text_token(j, &t);
    return j->rc;
}

static int on_sentence(size_t start, size_t end, void *ud)
{
    job *j = ud;
    const char *s = j->line + start;
    size_t n = end - start;
    j->sent_base = start;
    if (j->sent == SENT_TOKENS && !j->json) {
        size_t before = j->out.len;
        j->first_tok = 1;
        ar_tokenize(s, n, on_sent_token, j);
        if (j->first_tok) { /* every token filtered out: no line */
            j->out.len = before;
            return j->rc;
        }
        PUTS(j, "\n");
    } else if (j->json) {
        record_start(j);
        puts_(j, "\"start\":");
        putnum(j, start);
        puts_(j, ",\"end\":");
        putnum(j, end);
        puts_(j, ",\"text\":");
        putjson(j, s, n);
        if (j->sent == SENT_TOKENS) {
            puts_(j, ",\"tokens\":[");
            j->first_tok = 1;
            ar_tokenize(s, n, on_sent_token, j);
            PUTS(j, "]");
        }
        PUTS(j, "}\n");
    } else {
        put(j, s, n);
        PUTS(j, "\n");
    }
    j->found++;
    flush_if_full(j);
    return j->rc;
}

static void run_file(job *j, const char *path)
{
    ar_input *in = ar_cli_open(j->cli, path);
    if (!in)
        return;
    j->name = ar_cli_name(path);
    j->head.len = 0;
    if (ar_buf_append(&j->head, "{\"file\":", 8) || ar_json_append_str(&j->head, j->name, strlen(j->name))
        || ar_buf_append(&j->head, ",\"line\":", 8))
        j->rc = AR_ENOMEM;
    ar_chunk ch;
    int r;
    while ((r = ar_input_next(in, &ch)) > 0 && !j->rc) {
        size_t pos = 0, ll;
        const char *line;
        int has_nl;
        j->lineno = ch.first_line;
        while (ar_chunk_next_line(&ch, &pos, &line, &ll, &has_nl) && !j->rc) {
            j->line = line;
            if (j->sent)
                ar_sentences(line, ll, on_sentence, j);
            else
                ar_tokenize(line, ll, on_token, j);
            j->lineno++;
        }
        flush_out(j);
    }
    if (r < 0)
        ar_cli_error(j->cli, j->name, "read error: %s", r == AR_EIO ? strerror(errno) : ar_strerror(r));
    ar_input_free(in);
}

static unsigned parse_types(ar_cli *cli, const char *list)
{
    unsigned t = 0;
    const char *p = list;
    while (*p) {
        size_t n = strcspn(p, ",");
        int k = 0;
        if (n == 3 && strncmp(p, "all", 3) == 0)
            t |= ~0u;
        else {
            for (k = AR_TOK_WORD; k <= AR_TOK_OTHER; k++) {
                const char *name = ar_tok_type_name((ar_tok_type)k);
                if (strlen(name) == n && strncmp(p, name, n) == 0)
                    break;
            }
            if (k > AR_TOK_OTHER)
                ar_cli_usage_error(
                    cli, "--types: unknown type '%.*s' (word, number, latin, punct, url, other)", (int)n, p);
            t |= 1u << k;
        }
        p += n;
        if (*p == ',')
            p++;
    }
    if (!t)
        ar_cli_usage_error(cli, "--types: empty list");
    return t;
}

static unsigned parse_segment(ar_cli *cli, const char *list)
{
    unsigned f = 0;
    const char *p = list;
    while (p && *p) {
        size_t n = strcspn(p, ",");
        if (n == 7 && strncmp(p, "article", 7) == 0)
            f |= AR_SEG_ARTICLE;
        else if (n == 9 && strncmp(p, "enclitics", 9) == 0)
            f |= AR_SEG_ENCLITICS;
        else if (n == 3 && strncmp(p, "all", 3) == 0)
            f |= AR_SEG_ARTICLE | AR_SEG_ENCLITICS;
        else
            ar_cli_usage_error(cli, "--segment: unknown item '%.*s' (article, enclitics, all)", (int)n, p);
        p += n;
        if (*p == ',')
            p++;
    }
    return f;
}

int main(int argc, char **argv)
{
    ar_cli cli;
    ar_cli_init(&cli, "ar-tok", "[OPTION]... [FILE]...",
                "Split Arabic text into tokens (one per line), clitics or sentences.", opts);
    job j = {.cli = &cli, .types = ~0u, .marker = "+"};
    int no_punct = 0, types_given = 0, c;
    while ((c = ar_cli_getopt(&cli, argc, argv)) != -1) {
        if (ar_cli_common_opt(&cli, c, optarg))
            continue;
        switch (c) {
        case OPT_SEGMENT:
            j.segment = 1;
            j.seg_flags = parse_segment(&cli, optarg);
            break;
        case OPT_MARKER:
            j.marker = optarg;
            break;
        case OPT_TYPES:
            j.types = parse_types(&cli, optarg);
            types_given = 1;
            break;
        case OPT_NO_PUNCT:
            no_punct = 1;
            break;
        case OPT_SENTENCES:
            if (!optarg || strcmp(optarg, "text") == 0)
                j.sent = SENT_TEXT;
            else if (strcmp(optarg, "tokens") == 0)
                j.sent = SENT_TOKENS;
            else
                ar_cli_usage_error(&cli, "--sentences: want text or tokens, not '%s'", optarg);
            break;
        case AR_OPT_JSON:
            j.json = 1;
            break;
        default:
            ar_cli_usage_error(&cli, "unhandled option");
        }
    }
    if (no_punct)
        j.types &= ~(1u << AR_TOK_PUNCT);
    if (j.sent == SENT_TEXT && (j.segment || types_given || no_punct))
        ar_cli_usage_error(&cli, "--segment, --types and --no-punct act on tokens: use --sentences=tokens");

    if (optind >= argc)
        run_file(&j, NULL);
    for (int i = optind; i < argc && !j.rc; i++)
        run_file(&j, argv[i]);
    if (j.rc)
        ar_cli_error(&cli, NULL, "%s", ar_strerror(j.rc));
    flush_out(&j);
    ar_buf_free(&j.out);
    ar_buf_free(&j.seg);
    ar_buf_free(&j.head);
    int st = ar_cli_finish(&cli, j.found ? AR_EXIT_OK : AR_EXIT_NONE);
    ar_cli_done(&cli);
    return st;
}
