/* SPDX-License-Identifier: MIT */
/* The watch-list search done with Hyperscan/Vectorscan instead of ar-grep's
 * own automaton, to weigh the two (bench/grep.sh runs it when libhs is
 * installed). Counts the lines of FILE that hold one of the names in NAMES,
 * one name a line, as `ar-grep -c -f NAMES FILE` does:
 *   hs_list [--fold | --fold-letters] NAMES FILE
 * Without --fold the names are literals (what rg -F -f does). With --fold
 * each name becomes a pattern that accepts what ar-grep's default folding
 * accepts for Arabic news text: the alef, yeh, heh/teh marbuta, waw and kaf
 * variants as classes, and harakat, tatweel and the invisible marks between
 * any two letters. (ar-grep folds more, e.g. presentation forms; this is a
 * lower bound on the work a folding Hyperscan search would do.)
 * --fold-letters keeps the letter classes and drops the marks: it misses
 * vocalized text, and shows what the marks cost. FILE is
 * mapped and scanned as one block, the fastest way Hyperscan offers. */
#define _GNU_SOURCE /* memrchr */
#include <fcntl.h>
#include <hs.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MARKS "[\\x{064B}-\\x{065F}\\x{0670}\\x{0640}\\x{200C}-\\x{200F}]*"

/* One code point of a name as a pattern piece (its fold class). */
static const char *piece(const char *p, size_t l, char *buf)
{
    static const struct {
        const char *letter, *cls;
    } classes[] = {
        {"ا", "[اأإآٱ]"}, {"أ", "[اأإآٱ]"}, {"إ", "[اأإآٱ]"}, {"آ", "[اأإآٱ]"}, {"ي", "[يىیئ]"},
        {"ى", "[يىیئ]"},   {"ئ", "[يىیئ]"},   {"ه", "[هة]"},      {"ة", "[هة]"},      {"و", "[وؤ]"},
        {"ؤ", "[وؤ]"},     {"ك", "[كک]"},
    };
    for (size_t k = 0; k < sizeof classes / sizeof classes[0]; k++)
        if (strlen(classes[k].letter) == l && memcmp(classes[k].letter, p, l) == 0)
            return classes[k].cls;
    /* anything else literally, escaped as \x{..} when it is ASCII */
    if (l == 1)
        snprintf(buf, 16, "\\x{%02x}", (unsigned char)*p);
    else {
        memcpy(buf, p, l);
        buf[l] = 0;
    }
    return buf;
}

static char *fold_pattern(const char *name, int marks)
{
    size_t n = strlen(name);
    char *out = malloc(n * 40 + 1), *o = out;
    if (!out)
        return NULL;
    for (size_t i = 0; i < n;) {
        size_t l = 1;
        unsigned char b = (unsigned char)name[i];
        if (b >= 0xF0)
            l = 4;
        else if (b >= 0xE0)
            l = 3;
        else if (b >= 0xC0)
            l = 2;
        char buf[16];
        const char *pc = piece(name + i, l, buf);
        o += sprintf(o, "%s", pc);
        i += l;
        if (i < n && marks)
            o += sprintf(o, "%s", MARKS);
    }
    *o = 0;
    return out;
}

struct count {
    const char *s;
    size_t n, next;
};

/* The first match ends the scan: the line is counted and the next scan
 * starts at the next line, as grep -c does (every later match in the line
 * would cost a call otherwise, and a list of common words has many). */
static int on_match(unsigned id, unsigned long long from, unsigned long long to, unsigned flags, void *ctx)
{
    (void)id, (void)from, (void)flags;
    struct count *c = ctx;
    const char *nl = memchr(c->s + to, '\n', c->n - to);
    c->next = nl ? (size_t)(nl - c->s) + 1 : c->n;
    return 1;
}

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv)
{
    int fold = argc > 1 && strcmp(argv[1], "--fold") == 0, letters = argc > 1 && strcmp(argv[1], "--fold-letters") == 0;
    fold |= letters;
    if (argc != 3 + fold) {
        fprintf(stderr, "usage: hs_list [--fold | --fold-letters] NAMES FILE\n");
        return 2;
    }
    FILE *nf = fopen(argv[1 + fold], "r");
    if (!nf) {
        perror(argv[1 + fold]);
        return 2;
    }
    char **pats = NULL, line[1024];
    unsigned *flags = NULL, *ids = NULL;
    size_t np = 0;
    while (fgets(line, sizeof line, nf)) {
        line[strcspn(line, "\n")] = 0;
        if (!*line)
            continue;
        pats = realloc(pats, (np + 1) * sizeof *pats);
        flags = realloc(flags, (np + 1) * sizeof *flags);
        ids = realloc(ids, (np + 1) * sizeof *ids);
        if (!pats || !flags || !ids)
            return 2;
        if (fold)
            pats[np] = fold_pattern(line, !letters);
        else {
            /* a literal: every byte as \x{..} so that no byte is a metacharacter */
            pats[np] = malloc(strlen(line) * 6 + 1);
            if (pats[np]) {
                char *o = pats[np];
                for (const unsigned char *p = (const unsigned char *)line; *p; p++)
                    o += sprintf(o, "\\x%02x", *p);
                *o = 0;
            }
        }
        if (!pats[np])
            return 2;
        flags[np] = fold ? HS_FLAG_UTF8 : 0;
        ids[np] = (unsigned)np;
        np++;
    }
    fclose(nf);

    double t0 = now();
    hs_database_t *db;
    hs_compile_error_t *err;
    if (hs_compile_multi((const char *const *)pats, flags, ids, (unsigned)np, HS_MODE_BLOCK, NULL, &db, &err)
        != HS_SUCCESS) {
        fprintf(stderr, "hs_list: pattern %d: %s\n", err->expression, err->message);
        return 2;
    }
    double t1 = now();
    hs_scratch_t *scratch = NULL;
    if (hs_alloc_scratch(db, &scratch) != HS_SUCCESS)
        return 2;

    int fd = open(argv[2 + fold], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        perror(argv[2 + fold]);
        return 2;
    }
    size_t n = (size_t)st.st_size, lines = 0;
    if (n) {
        const char *text = mmap(NULL, n, PROT_READ, MAP_PRIVATE, fd, 0);
        if (text == MAP_FAILED)
            return 2;
        for (size_t off = 0; off < n;) {
            /* Hyperscan takes a block's length as unsigned int: blocks of at
             * most 1 GiB, cut after a line feed */
            size_t len = n - off > (1u << 30) ? (1u << 30) : n - off;
            if (off + len < n) {
                const char *nl = memrchr(text + off, '\n', len);
                if (nl)
                    len = (size_t)(nl - (text + off)) + 1;
            }
            struct count c = {text + off, len, 0};
            hs_error_t r = hs_scan(db, c.s, (unsigned)len, 0, scratch, on_match, &c);
            if (r == HS_SCAN_TERMINATED) {
                lines++;
                off += c.next;
            } else if (r == HS_SUCCESS)
                off += len;
            else
                return 2;
        }
    }
    double t2 = now();
    printf("%zu\n", lines);
    fprintf(stderr, "hs_list: %zu patterns compiled in %.3f s, scanned in %.3f s\n", np, t1 - t0, t2 - t1);
    return 0;
}
