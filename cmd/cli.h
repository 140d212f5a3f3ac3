/* SPDX-License-Identifier: MIT */
#ifndef ARTEXT_CLI_H
#define ARTEXT_CLI_H
/*
 * The shared command-line helper: one option table per command drives
 * getopt_long and --help; grep-style messages ("prog: file: message") and
 * exit statuses (0 found/ok, 1 nothing found, 2 trouble); input opening
 * through the library's input layer; colour decisions; checked stdout close.
 */
#include <getopt.h>
#include <stdio.h>

#include "artext/artext.h"

enum { AR_EXIT_OK = 0, AR_EXIT_NONE = 1, AR_EXIT_TROUBLE = 2 };

/* One entry of a command's option table. short_name 0 = long only; arg NULL
 * = no argument; arg starting with '[' = optional argument. The table ends
 * with an entry whose long_name is NULL. val is what getopt_long returns:
 * the short letter, or a value >= 256 for long-only options. */
typedef struct ar_cli_opt {
    const char *long_name;
    int val;
    const char *arg;
    const char *help;
} ar_cli_opt;

/* Values >= 256 shared by every command. */
enum {
    AR_OPT_HELP = 256, AR_OPT_VERSION, AR_OPT_ENCODING, AR_OPT_HTML, AR_OPT_JSON,
    AR_OPT_COLOR, AR_OPT_FIRST_PRIVATE = 300
};

/* The entries every command shares, to splice into its table. */
#define AR_CLI_COMMON_OPTS \
    {"encoding", AR_OPT_ENCODING, "NAME", "input encoding: utf-8 (default), auto, windows-1256, iso-8859-6, utf-16, any ICU name"}, \
    {"html", AR_OPT_HTML, "[=WHEN]", "HTML/XML input as text, a block element a line: always (no WHEN), auto (default: input that starts like a page), never"}, \
    {"help", AR_OPT_HELP, NULL, "show this help and exit"}, \
    {"version", AR_OPT_VERSION, NULL, "show the version and exit"}

typedef struct ar_cli {
    const char *prog;
    const char *usage;         /* "[OPTION]... [FILE]..." */
    const char *summary;       /* one line */
    const ar_cli_opt *opts;
    struct option *long_opts;  /* built from opts */
    char *short_opts;
    ar_input_opts input;       /* filled by ar_cli_common_opt */
    int status;                /* sticky AR_EXIT_TROUBLE after an error */
} ar_cli;

/* Builds getopt tables from opts. Exits 2 on allocation failure. */
void ar_cli_init(ar_cli *cli, const char *prog, const char *usage, const char *summary, const ar_cli_opt *opts);
void ar_cli_done(ar_cli *cli);
/* getopt_long over the table. */
int ar_cli_getopt(ar_cli *cli, int argc, char **argv);
/* Handles the shared options (--help, --version exit here). Returns 1 when
 * c was one of them, 0 otherwise. '?' prints a hint and exits 2. */
int ar_cli_common_opt(ar_cli *cli, int c, const char *arg);
void ar_cli_help(const ar_cli *cli, FILE *f);

/* "prog: file: message\n" on stderr (file may be NULL); sets status 2. */
void ar_cli_error(ar_cli *cli, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Same without touching the status. */
void ar_cli_warn(const ar_cli *cli, const char *file, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Usage error: message, hint to --help, exit 2. */
_Noreturn void ar_cli_usage_error(ar_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Opens path ("-" or NULL: stdin) with the shared input options; on failure
 * reports "prog: path: reason" and returns NULL. */
/* p, or, when an allocation of the command's own bookkeeping failed (p is
 * NULL), "prog: out of memory" and exit status 2. */
void *ar_cli_alloc_ok(const char *prog, void *p);
ar_input *ar_cli_open(ar_cli *cli, const char *path);
/* Says on stderr how many bytes of in were not valid UTF-8 (and where the
 * first was), with a hint at --encoding when the input was read as UTF-8;
 * as an error (status 2) when as_error, else as a warning. Nothing when
 * every byte decoded. */
void ar_cli_note_invalid(ar_cli *cli, const char *name, const ar_input *in, int as_error);
/* The same with n more invalid sequences, the first at byte first, that
 * the command found itself in input it asked not to have checked
 * (ar_input_opts.no_line_scan). */
void ar_cli_note_invalid_n(ar_cli *cli, const char *name, const ar_input *in, uint64_t n, uint64_t first,
                           int as_error);
/* Display name of an input path: "(standard input)" for "-"/NULL. */
const char *ar_cli_name(const char *path);

/* Colour: when is "auto", "always" or "never"; auto means stdout is a
 * terminal, TERM is not "dumb" and NO_COLOR is unset. Returns 1 for colour,
 * 0 for none, -1 for a bad value. */
int ar_cli_color(const char *when);

/* Flushes and closes stdout; on failure reports the write error and returns
 * AR_EXIT_TROUBLE, else returns status unchanged. Call last in main. */
int ar_cli_finish(ar_cli *cli, int status);
/* Checks ferror(stdout) mid-run: reports and exits 2 on a write error
 * (a closed pipe ends the program silently, like grep). */
void ar_cli_check_stdout(ar_cli *cli);
/* v in decimal into b (room for 20 digits, no NUL); returns the length.
 * For output loops where printf would be most of the work. */
size_t ar_cli_utoa(char *b, uint64_t v);

#endif
