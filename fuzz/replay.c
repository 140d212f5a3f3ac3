/* SPDX-License-Identifier: MIT */
/* Replays stored inputs through a libFuzzer entry point, so every fuzz
 * target runs as an ordinary test in every build (the sanitizer build
 * included) without clang's libFuzzer. Arguments are files or directories
 * (every regular file inside is one input). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        perror(path);
        return 1;
    }
    size_t cap = 4096, len = 0;
    uint8_t *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len, f)) > 0) {
        len += n;
        if (len == cap) {
            uint8_t *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            }
            buf = nb;
        }
    }
    fclose(f);
    if (!buf)
        return 1;
    /* an exact-size copy lets ASan see reads past the end */
    uint8_t *exact = malloc(len ? len : 1);
    if (!exact) {
        free(buf);
        return 1;
    }
    memcpy(exact, buf, len);
    free(buf);
    LLVMFuzzerTestOneInput(exact, len);
    free(exact);
    return 0;
}

int main(int argc, char **argv)
{
    int bad = 0, count = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) {
            perror(argv[i]);
            return 1;
        }
        if (!S_ISDIR(st.st_mode)) {
            bad |= run_file(argv[i]);
            count++;
            continue;
        }
        DIR *d = opendir(argv[i]);
        struct dirent *e;
        while (d && (e = readdir(d))) {
            if (e->d_name[0] == '.')
                continue;
            char p[4096];
            snprintf(p, sizeof p, "%s/%s", argv[i], e->d_name);
            bad |= run_file(p);
            count++;
        }
        if (d)
            closedir(d);
    }
    /* also a few built-in edge inputs: empty, one byte of each kind */
    static const uint8_t edge[][4] = {{0}, {0xFF}, {0xD8}, {'\n'}};
    LLVMFuzzerTestOneInput(edge[0], 0);
    for (size_t i = 0; i < sizeof edge / sizeof edge[0]; i++)
        LLVMFuzzerTestOneInput(edge[i], 1);
    printf("%d passed, %d failed\n", count + 5, bad);
    return bad;
}
