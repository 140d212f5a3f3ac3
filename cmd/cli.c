/* SPDX-License-Identifier: MIT */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void *ar_cli_alloc_ok(const char *prog, void *p)
{
    if (!p) {
        fprintf(stderr, "%s: out of memory\n", prog);
        exit(AR_EXIT_TROUBLE);
    }
    return p;
}

void ar_cli_init(ar_cli *cli, const char *prog, const char *usage, const char *summary, const ar_cli_opt *opts)
{
    memset(cli, 0, sizeof *cli);
    cli->prog = prog;
    cli->usage = usage;
    cli->summary = summary;
    cli->opts = opts;
    cli->input.html = -1; /* HTML/XML detected from the first bytes */
    size_t n = 0;
    while (opts[n].long_name)
        n++;
    cli->long_opts = ar_cli_alloc_ok(cli->prog, calloc(n + 1, sizeof *cli->long_opts));
    cli->short_opts = ar_cli_alloc_ok(cli->prog, calloc(3 * n + 2, 1));
    char *s = cli->short_opts; /* no leading '+': options may follow files, as in GNU grep */
    for (size_t i = 0; i < n; i++) {
        const ar_cli_opt *o = &opts[i];
        int has = !o->arg ? no_argument : o->arg[0] == '[' ? optional_argument : required_argument;
        cli->long_opts[i] = (struct option){o->long_name, has, NULL, o->val};
        if (o->val > 0 && o->val < 256) {
            *s++ = (char)o->val;
            if (has == required_argument)
                *s++ = ':';
            else if (has == optional_argument) {
                *s++ = ':';
                *s++ = ':';
            }
        }
    }
    /* Short options that have no long name are written as long_name "" in
     * the table; getopt_long must not see those as long options. */
    for (size_t i = 0, j = 0; i <= n; i++)
        if (i == n || cli->long_opts[i].name[0])
            cli->long_opts[j++] = cli->long_opts[i];
}

void ar_cli_done(ar_cli *cli)
{
    free(cli->long_opts);
    free(cli->short_opts);
    cli->long_opts = NULL;
    cli->short_opts = NULL;
}

int ar_cli_getopt(ar_cli *cli, int argc, char **argv)
{
    return getopt_long(argc, argv, cli->short_opts, cli->long_opts, NULL);
}

void ar_cli_help(const ar_cli *cli, FILE *f)
{
    fprintf(f, "Usage: %s %s\n%s\n\nOptions:\n", cli->prog, cli->usage, cli->summary);
    for (const ar_cli_opt *o = cli->opts; o->long_name; o++) {
        char left[64];
        int n = 0;
        if (o->val > 0 && o->val < 256)
            n = snprintf(left, sizeof left, "-%c%s", o->val, o->long_name[0] ? ", " : "");
        else
            n = snprintf(left, sizeof left, "    ");
        if (o->long_name[0])
            n += snprintf(left + n, sizeof left - (size_t)n, "--%s", o->long_name);
        if (o->arg && (size_t)n < sizeof left) {
            if (o->arg[0] == '[')
                snprintf(left + n, sizeof left - (size_t)n, "%s", o->arg);
            else
                snprintf(left + n, sizeof left - (size_t)n, "%s%s", o->long_name[0] ? "=" : " ", o->arg);
        }
        fprintf(f, "  %-26s %s\n", left, o->help);
    }
    fprintf(f, "\nWith no FILE, or when FILE is -, read standard input.\n"
               "Exit status: 0 on success (a match, where searching), 1 when nothing was found, 2 on trouble.\n"
               "See %s(1).\n", cli->prog);
}

static void vmsg(const ar_cli *cli, const char *file, const char *fmt, va_list ap)
{
    fflush(stdout);
    if (file)
        fprintf(stderr, "%s: %s: ", cli->prog, file);
    else
        fprintf(stderr, "%s: ", cli->prog);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
}

void ar_cli_error(ar_cli *cli, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(cli, file, fmt, ap);
    va_end(ap);
    cli->status = AR_EXIT_TROUBLE;
}

void ar_cli_warn(const ar_cli *cli, const char *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(cli, file, fmt, ap);
    va_end(ap);
}

void ar_cli_usage_error(ar_cli *cli, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vmsg(cli, NULL, fmt, ap);
    va_end(ap);
    fprintf(stderr, "Try '%s --help' for more information.\n", cli->prog);
    exit(AR_EXIT_TROUBLE);
}

int ar_cli_common_opt(ar_cli *cli, int c, const char *arg)
{
    switch (c) {
    case AR_OPT_HELP:
        ar_cli_help(cli, stdout);
        exit(ar_cli_finish(cli, AR_EXIT_OK));
    case AR_OPT_VERSION:
        printf("%s (artext) %s\n", cli->prog, ar_version());
        exit(ar_cli_finish(cli, AR_EXIT_OK));
    case AR_OPT_ENCODING:
        cli->input.encoding = arg;
        return 1;
    case AR_OPT_HTML:
        if (!arg || strcmp(arg, "always") == 0 || strcmp(arg, "yes") == 0)
            cli->input.html = 1;
        else if (strcmp(arg, "auto") == 0)
            cli->input.html = -1;
        else if (strcmp(arg, "never") == 0 || strcmp(arg, "no") == 0)
            cli->input.html = 0;
        else
            ar_cli_usage_error(cli, "invalid --html value '%s' (always, auto or never)", arg);
        return 1;
    case '?':
    case ':':
        fprintf(stderr, "Try '%s --help' for more information.\n", cli->prog);
        exit(AR_EXIT_TROUBLE);
    default:
        return 0;
    }
}

const char *ar_cli_name(const char *path)
{
    return !path || strcmp(path, "-") == 0 ? "(standard input)" : path;
}

ar_input *ar_cli_open(ar_cli *cli, const char *path)
{
    ar_input *in = NULL;
    ar_diag d = {0};
    int rc = ar_input_open(&in, path, &cli->input, &d);
    if (rc < 0) {
        const char *why = d.msg[0] ? d.msg : rc == AR_EIO ? strerror(errno) : ar_strerror(rc);
        ar_cli_error(cli, ar_cli_name(path), "%s", why);
        return NULL;
    }
    return in;
}

void ar_cli_note_invalid_n(ar_cli *cli, const char *name, const ar_input *in, uint64_t more, uint64_t more_first,
                           int as_error)
{
    uint64_t n = ar_input_invalid_utf8(in), first = ar_input_first_invalid(in);
    if (more && (!n || more_first < first))
        first = more_first;
    n += more;
    if (!n)
        return;
    const char *hint = strcmp(ar_input_encoding(in), "UTF-8") == 0 ? " (not UTF-8? try --encoding=auto)" : "";
    if (as_error)
        ar_cli_error(cli, name, "%llu invalid UTF-8 byte(s) passed through unchanged, the first at byte %llu%s",
                     (unsigned long long)n, (unsigned long long)first, hint);
    else
        ar_cli_warn(cli, name, "%llu invalid UTF-8 byte(s) passed through unchanged, the first at byte %llu%s",
                    (unsigned long long)n, (unsigned long long)first, hint);
}

void ar_cli_note_invalid(ar_cli *cli, const char *name, const ar_input *in, int as_error)
{
    ar_cli_note_invalid_n(cli, name, in, 0, 0, as_error);
}

int ar_cli_color(const char *when)
{
    if (!when || strcmp(when, "auto") == 0) {
        const char *nc = getenv("NO_COLOR");
        const char *term = getenv("TERM");
        if (nc && nc[0])
            return 0;
        if (term && strcmp(term, "dumb") == 0)
            return 0;
        return isatty(STDOUT_FILENO) ? 1 : 0;
    }
    if (strcmp(when, "always") == 0 || strcmp(when, "yes") == 0 || strcmp(when, "force") == 0)
        return 1;
    if (strcmp(when, "never") == 0 || strcmp(when, "no") == 0 || strcmp(when, "none") == 0)
        return 0;
    return -1;
}

void ar_cli_check_stdout(ar_cli *cli)
{
    if (ferror(stdout)) {
        if (errno == EPIPE)
            exit(cli->status ? cli->status : AR_EXIT_TROUBLE);
        ar_cli_error(cli, NULL, "write error: %s", strerror(errno));
        exit(AR_EXIT_TROUBLE);
    }
}

size_t ar_cli_utoa(char *b, uint64_t v)
{
    char d[20];
    size_t k = sizeof d;
    do
        d[--k] = (char)('0' + v % 10);
    while (v /= 10);
    memcpy(b, d + k, sizeof d - k);
    return sizeof d - k;
}

int ar_cli_finish(ar_cli *cli, int status)
{
    int bad = ferror(stdout);
    int err = errno;
    if (fclose(stdout) != 0 || bad) {
        if (!bad)
            err = errno;
        if (err == EPIPE)
            return AR_EXIT_TROUBLE;
        fprintf(stderr, "%s: write error: %s\n", cli->prog, strerror(err ? err : EIO));
        return AR_EXIT_TROUBLE;
    }
    if (cli->status)
        return cli->status;
    return status;
}
