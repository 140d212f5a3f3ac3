/* SPDX-License-Identifier: MIT */
/* ar-norm: line-preserving Arabic normalization and transliteration filter.
 * Options build a step set (a profile, then single steps on or off), the
 * library does the work chunk by chunk; '\n' is never touched, so the
 * output has exactly the input's lines. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

enum {
    OPT_PROFILE = 'p',
    OPT_TRANSLIT = 't',
    OPT_NFC = AR_OPT_FIRST_PRIVATE,
    OPT_NFKC, OPT_HARAKAT, OPT_QURANIC, OPT_TATWEEL, OPT_ALEF, OPT_YEH, OPT_TEH, OPT_HAMZA, OPT_PERSIAN,
    OPT_QUOTES, OPT_INVISIBLE, OPT_SPACE, OPT_HAMZA_DROP, OPT_LATIN_CASE, OPT_PRESENTATION, OPT_DIGITS, OPT_PUNCT,
    OPT_NO_BASE = 400, /* OPT_NO_BASE + (OPT_x - OPT_NFC) turns step x off */
    OPT_FROM = 500, OPT_TO, OPT_STRICT, OPT_LIST_PROFILES,
};

/* Step options in the order of OPT_NFC..OPT_PUNCT. */
static const unsigned step_bits[] = {
    AR_NORM_NFC, AR_NORM_NFKC, AR_NORM_HARAKAT, AR_NORM_QURANIC, AR_NORM_TATWEEL, AR_NORM_ALEF,
    AR_NORM_YEH, AR_NORM_TEH, AR_NORM_HAMZA, AR_NORM_PERSIAN, AR_NORM_QUOTES, AR_NORM_INVISIBLE,
    AR_NORM_SPACE, AR_NORM_HAMZA_DROP, AR_NORM_LATIN_CASE, AR_NORM_PRESENTATION,
    AR_NORM_DIGITS | AR_NORM_DIGITS_AR, AR_NORM_PUNCT | AR_NORM_PUNCT_AR,
};

#define NO(name, opt, what) {"no-" name, OPT_NO_BASE + (opt - OPT_NFC), NULL, "turn off " what}
static const ar_cli_opt opts[] = {
    {"profile", OPT_PROFILE, "NAME", "start from profile NAME: search (default), clean, camel, keep-letters, none"},
    {"list-profiles", OPT_LIST_PROFILES, NULL, "print each profile with its steps and exit"},
    {"nfc", OPT_NFC, NULL, "Unicode NFC"},
    {"nfkc", OPT_NFKC, NULL, "Unicode NFKC (presentation forms and ligatures to letters)"},
    {"harakat", OPT_HARAKAT, NULL, "remove harakat U+064B..U+065F and superscript alef U+0670"},
    {"diacritics", OPT_HARAKAT, NULL, "same as --harakat"},
    {"quranic", OPT_QURANIC, NULL, "remove Quranic annotation marks (U+0610..U+061A, U+06D6..U+06ED, U+08D3..U+08FF)"},
    {"tatweel", OPT_TATWEEL, NULL, "remove tatweel U+0640"},
    {"alef", OPT_ALEF, NULL, "fold alef forms (أ إ آ ٱ ...) to ا"},
    {"yeh", OPT_YEH, NULL, "fold alef maksura ى to ي"},
    {"teh", OPT_TEH, NULL, "fold teh marbuta ة to ه"},
    {"hamza", OPT_HAMZA, NULL, "fold ؤ to و and ئ to ي"},
    {"persian", OPT_PERSIAN, NULL, "fold Persian/Urdu look-alikes (ک ی ہ ۀ ...) to Arabic letters"},
    {"digits", OPT_DIGITS, "[=ascii|arabic]", "digits to ASCII (default) or to Arabic-Indic"},
    {"punct", OPT_PUNCT, "[=ascii|arabic]", "Arabic punctuation to ASCII (default) or the reverse"},
    {"quotes", OPT_QUOTES, NULL, "quotation marks and guillemets to ASCII \" and '"},
    {"invisible", OPT_INVISIBLE, NULL, "remove invisible format characters (ZWNJ, ZWJ, LRM, RLM, ALM, bidi controls, BOM, soft hyphen)"},
    {"space", OPT_SPACE, NULL, "collapse whitespace runs to one space and trim line ends"},
    {"hamza-drop", OPT_HAMZA_DROP, NULL, "remove the lone hamza ء"},
    {"latin-case", OPT_LATIN_CASE, NULL, "ASCII and Latin-1 letters to lower case"},
    {"presentation", OPT_PRESENTATION, NULL, "Arabic presentation forms (U+FB50..U+FDFF, U+FE70..U+FEFC) to their letters, one by one"},
    NO("nfc", OPT_NFC, "--nfc"), NO("nfkc", OPT_NFKC, "--nfkc"), NO("harakat", OPT_HARAKAT, "--harakat"),
    NO("diacritics", OPT_HARAKAT, "--diacritics"), NO("quranic", OPT_QURANIC, "--quranic"),
    NO("tatweel", OPT_TATWEEL, "--tatweel"), NO("alef", OPT_ALEF, "--alef"), NO("yeh", OPT_YEH, "--yeh"),
    NO("teh", OPT_TEH, "--teh"), NO("hamza", OPT_HAMZA, "--hamza"), NO("persian", OPT_PERSIAN, "--persian"),
    NO("digits", OPT_DIGITS, "--digits"), NO("punct", OPT_PUNCT, "--punct"), NO("quotes", OPT_QUOTES, "--quotes"),
    NO("invisible", OPT_INVISIBLE, "--invisible"), NO("space", OPT_SPACE, "--space"),
    NO("hamza-drop", OPT_HAMZA_DROP, "--hamza-drop"), NO("latin-case", OPT_LATIN_CASE, "--latin-case"),
    NO("presentation", OPT_PRESENTATION, "--presentation"),
    {"translit", OPT_TRANSLIT, "SCHEME", "transliterate Arabic to SCHEME: buckwalter, safe-buckwalter, iso233"},
    {"to", OPT_TO, "SCHEME", "same as --translit"},
    {"from", OPT_FROM, "SCHEME", "read SCHEME (buckwalter, safe-buckwalter) and write Arabic script"},
    {"json", AR_OPT_JSON, NULL, "one JSON object per line: file, line number, offset in the file, original, normalized"},
    {"strict", OPT_STRICT, NULL, "report invalid UTF-8 and NUL bytes (passed through) and exit 2"},
    AR_CLI_COMMON_OPTS,
    {NULL, 0, NULL, NULL},
};

typedef struct job {
    ar_cli *cli;
    ar_norm *norm;          /* NULL when no step is on */
    ar_translit *tr;        /* NULL without --translit/--from */
    int from;               /* transliterate before normalizing */
    int json;
    int strict;
    ar_buf a, b;            /* scratch, reused chunk after chunk */
    ar_buf o;               /* --json: a chunk's output */
    ar_buf head;            /* --json: {"file":NAME of the current file */
} job;

/* in[0..len) through transliteration and normalization; returns the result
 * (in itself, a.ptr or b.ptr) in *res. */
static int transform(job *j, const char *in, size_t len, const char **res, size_t *rlen)
{
    int rc = AR_OK;
    *res = in;
    *rlen = len;
    if (j->tr && j->from) {
        j->a.len = 0;
        if ((rc = ar_translit_apply(j->tr, *res, *rlen, &j->a, NULL)))
            return rc;
        *res = j->a.ptr;
        *rlen = j->a.len;
    }
    if (j->norm) {
        j->b.len = 0;
        if ((rc = ar_norm_apply(j->norm, *res, *rlen, &j->b, NULL)))
            return rc;
        *res = j->b.ptr;
        *rlen = j->b.len;
    }
    if (j->tr && !j->from) {
        j->a.len = 0;
        if ((rc = ar_translit_apply(j->tr, *res, *rlen, &j->a, NULL)))
            return rc;
        *res = j->a.ptr;
        *rlen = j->a.len;
    }
    if (!*res)
        *res = "";
    return rc;
}

/* ,"line":N,"offset":O,"original": into b (>= 80 bytes); returns its
 * length. */
static size_t line_field(char *b, uint64_t no, uint64_t offset)
{
    static const char pre[] = ",\"line\":", mid[] = ",\"offset\":", post[] = ",\"original\":";
    size_t n = sizeof pre - 1;
    memcpy(b, pre, n);
    n += ar_cli_utoa(b + n, no);
    memcpy(b + n, mid, sizeof mid - 1);
    n += sizeof mid - 1;
    n += ar_cli_utoa(b + n, offset);
    memcpy(b + n, post, sizeof post - 1);
    return n + sizeof post - 1;
}

typedef int (*json_str_fn)(ar_buf *, const char *, size_t);

/* A JSON string of a record: into the chunk's buffer, or for a line over
 * 64 KiB straight to stdout after what the buffer holds, so that a long
 * line is not held twice more. */
static int put_string(job *j, json_str_fn str, const char *s, size_t n)
{
    if (n <= 1 << 16)
        return str(&j->o, s, n);
    fwrite(j->o.ptr ? j->o.ptr : "", 1, j->o.len, stdout);
    j->o.len = 0;
    ar_json_write_str(stdout, s, n); /* a write error is ar_cli_check_stdout's */
    return AR_OK;
}

/* The records of a chunk's lines: the chunk is normalized at once, as the
 * plain path does (no step touches '\n', so its lines and the input's
 * pair up), and the records are built in one buffer and written at once.
 * The file's part of each record (j->head) is escaped once per file. */
static int json_chunk(job *j, const ar_chunk *ch)
{
    const char *res, *line;
    size_t rl, pos = 0, rpos = 0, ll;
    int has_nl, rc;
    uint64_t no = ch->first_line;
    json_str_fn str = ch->valid_utf8 ? ar_json_append_utf8 : ar_json_append_str;
    if ((rc = transform(j, ch->text, ch->len, &res, &rl)))
        return rc;
    j->o.len = 0;
    for (size_t at = 0; ar_chunk_next_line(ch, &pos, &line, &ll, &has_nl); at = pos) {
        const char *nl = rpos < rl ? memchr(res + rpos, '\n', rl - rpos) : NULL;
        const char *out = res + rpos;
        size_t ol = nl ? (size_t)(nl - out) : rl - rpos;
        rpos += ol + (nl != NULL);
        char num[80];
        size_t nn = line_field(num, no++, ch->src_offset + (ch->map ? ar_offmap_start(ch->map, at) : at));
        if ((rc = ar_buf_append(&j->o, j->head.ptr, j->head.len)) || (rc = ar_buf_append(&j->o, num, nn))
            || (rc = put_string(j, str, line, ll)) || (rc = ar_buf_append(&j->o, ",\"normalized\":", 14))
            || (rc = put_string(j, str, out, ol)) || (rc = ar_buf_append(&j->o, "}\n", 2)))
            break;
    }
    fwrite(j->o.ptr ? j->o.ptr : "", 1, j->o.len, stdout);
    return rc;
}

static int run_file(job *j, const char *path)
{
    ar_input *in = ar_cli_open(j->cli, path);
    if (!in)
        return -1;
    const char *name = ar_cli_name(path);
    ar_chunk ch;
    int r, rc = AR_OK;
    j->head.len = 0; /* a new file's name */
    while ((r = ar_input_next(in, &ch)) > 0) {
        if (!j->json) {
            /* Steps never touch '\n': a whole chunk is one call. */
            const char *res;
            size_t rl;
            if ((rc = transform(j, ch.text, ch.len, &res, &rl)))
                break;
            fwrite(res, 1, rl, stdout);
        } else {
            if (!j->head.len && ((rc = ar_buf_append(&j->head, "{\"file\":", 8))
                                 || (rc = ar_json_append_str(&j->head, name, strlen(name)))))
                break;
            if ((rc = json_chunk(j, &ch)))
                break;
        }
        ar_cli_check_stdout(j->cli);
    }
    if (r < 0)
        ar_cli_error(j->cli, name, "read error: %s", r == AR_EIO ? strerror(errno) : ar_strerror(r));
    else if (rc)
        ar_cli_error(j->cli, name, "%s", ar_strerror(rc));
    if (j->strict)
        ar_cli_note_invalid(j->cli, name, in, 1);
    if (j->strict && ar_input_has_nul(in))
        ar_cli_error(j->cli, name, "NUL bytes passed through unchanged");
    ar_input_free(in);
    return 0;
}

static void list_profiles(void)
{
    static const char *const step_names[] = {
        "nfc", "nfkc", "harakat", "quranic", "tatweel", "alef", "yeh", "teh", "hamza", "persian",
        "digits", "digits=arabic", "punct", "punct=arabic", "quotes", "invisible", "space", "hamza-drop",
        "latin-case", "presentation"};
    for (const char *const *p = ar_norm_profile_names(); *p; p++) {
        unsigned f = 0;
        ar_norm_profile(*p, &f);
        printf("%s:", *p);
        for (unsigned i = 0; i < sizeof step_names / sizeof step_names[0]; i++)
            if (f & (1u << i))
                printf(" %s", step_names[i]);
        putchar('\n');
    }
}

int main(int argc, char **argv)
{
    ar_cli cli;
    ar_cli_init(&cli, "ar-norm", "[OPTION]... [FILE]...",
                "Normalize Arabic text line by line (same lines out as in), optionally transliterating.", opts);
    const char *profile = NULL, *scheme = NULL;
    unsigned on = 0, off = 0;
    int from = 0, json = 0, strict = 0, c;
    while ((c = ar_cli_getopt(&cli, argc, argv)) != -1) {
        if (ar_cli_common_opt(&cli, c, optarg))
            continue;
        if (c >= OPT_NFC && c <= OPT_PUNCT) {
            unsigned bit = step_bits[c - OPT_NFC];
            if (c == OPT_DIGITS || c == OPT_PUNCT) {
                int arabic = optarg && strcmp(optarg, "arabic") == 0;
                if (optarg && !arabic && strcmp(optarg, "ascii") != 0)
                    ar_cli_usage_error(&cli, "--%s: want ascii or arabic, not '%s'",
                                       c == OPT_DIGITS ? "digits" : "punct", optarg);
                off |= bit;
                on &= ~bit;
                bit = c == OPT_DIGITS ? (arabic ? AR_NORM_DIGITS_AR : AR_NORM_DIGITS)
                                      : (arabic ? AR_NORM_PUNCT_AR : AR_NORM_PUNCT);
            }
            on |= bit;
            off &= ~bit;
            continue;
        }
        if (c >= OPT_NO_BASE && c <= OPT_NO_BASE + (OPT_PUNCT - OPT_NFC)) {
            unsigned bit = step_bits[c - OPT_NO_BASE];
            off |= bit;
            on &= ~bit;
            continue;
        }
        switch (c) {
        case OPT_PROFILE:
            profile = optarg;
            break;
        case OPT_LIST_PROFILES: {
            list_profiles();
            int st = ar_cli_finish(&cli, AR_EXIT_OK);
            ar_cli_done(&cli);
            return st;
        }
        case OPT_TRANSLIT:
        case OPT_TO:
            scheme = optarg;
            from = 0;
            break;
        case OPT_FROM:
            scheme = optarg;
            from = 1;
            break;
        case AR_OPT_JSON:
            json = 1;
            break;
        case OPT_STRICT:
            strict = 1;
            break;
        default:
            ar_cli_usage_error(&cli, "unhandled option");
        }
    }

    /* With transliteration alone, nothing is normalized unless asked. */
    unsigned flags = 0;
    if (!profile && (scheme || on || off))
        profile = scheme || on ? "none" : "search";
    if (!profile)
        profile = "search";
    if (ar_norm_profile(profile, &flags) != AR_OK) {
        fprintf(stderr, "ar-norm: unknown profile '%s'; profiles:", profile);
        for (const char *const *p = ar_norm_profile_names(); *p; p++)
            fprintf(stderr, " %s", *p);
        fputc('\n', stderr);
        ar_cli_done(&cli);
        return AR_EXIT_TROUBLE;
    }
    flags = (flags & ~off) | on;
    /* NFKC includes NFC. */
    if (flags & AR_NORM_NFKC)
        flags &= ~AR_NORM_NFC;

    job j = {.cli = &cli, .json = json, .strict = strict, .from = from};
    int rc;
    if (flags && (rc = ar_norm_new(&j.norm, flags)) != AR_OK)
        ar_cli_usage_error(&cli, "cannot build the normalizer: %s", ar_strerror(rc));
    if (scheme) {
        int s;
        if (ar_translit_scheme(scheme, &s) != AR_OK)
            ar_cli_usage_error(&cli, "unknown transliteration scheme '%s' (buckwalter, safe-buckwalter, iso233)", scheme);
        if ((rc = ar_translit_new(&j.tr, s, from)) != AR_OK)
            ar_cli_usage_error(&cli, "%s: %s", scheme,
                               rc == AR_EUNSUPPORTED ? "only Arabic to Latin is available" : ar_strerror(rc));
    }

    if (optind >= argc)
        run_file(&j, NULL);
    for (int i = optind; i < argc; i++)
        run_file(&j, argv[i]);

    ar_norm_free(j.norm);
    ar_translit_free(j.tr);
    ar_buf_free(&j.a);
    ar_buf_free(&j.b);
    ar_buf_free(&j.o);
    ar_buf_free(&j.head);
    int st = ar_cli_finish(&cli, AR_EXIT_OK);
    ar_cli_done(&cli);
    return st;
}
