/* SPDX-License-Identifier: MIT */
/* Fault injection, loaded with LD_PRELOAD: makes the Nth call of one
 * function fail, as a full disk, a broken device or exhausted memory would.
 *   FAULT_FUNC   read | write | open | mmap | malloc (malloc, calloc, realloc)
 *   FAULT_N      the call to fail, from 1; 0 never fails (to count)
 *   FAULT_REPORT a file to which the number of calls is written at exit
 *   FAULT_TRAP   set: raise SIGTRAP at the failing call (for a debugger) 
 * Only calls that go through the dynamic linker are seen: the library's and
 * the commands' own calls, ICU's and libxml2's, not glibc's calls to itself
 * (stdio's writes to stdout; tests/e2e checks those with /dev/full). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

extern void *__libc_malloc(size_t);
extern void *__libc_calloc(size_t, size_t);
extern void *__libc_realloc(void *, size_t);

enum { F_NONE, F_READ, F_WRITE, F_OPEN, F_MMAP, F_MALLOC };
static int func = -1;
static long target, calls;

static void setup(void)
{
    if (func >= 0)
        return;
    const char *f = getenv("FAULT_FUNC"), *n = getenv("FAULT_N");
    func = !f ? F_NONE : !strcmp(f, "read") ? F_READ : !strcmp(f, "write") ? F_WRITE : !strcmp(f, "open") ? F_OPEN
         : !strcmp(f, "mmap") ? F_MMAP : !strcmp(f, "malloc") ? F_MALLOC : F_NONE;
    target = n ? atol(n) : 0;
}

/* 1 when this call of fn is the one to fail. */
static int fail_now(int fn)
{
    if (func < 0)
        setup();
    if (fn != func)
        return 0;
    calls++;
    if (target > 0 && calls == target) {
        if (getenv("FAULT_TRAP"))
            raise(SIGTRAP);
        return 1;
    }
    return 0;
}

__attribute__((destructor)) static void report(void)
{
    const char *r = getenv("FAULT_REPORT");
    long n = calls;
    if (!r)
        return;
    FILE *fp = fopen(r, "w"); /* glibc's own open: not counted */
    if (fp) {
        fprintf(fp, "%ld\n", n);
        fclose(fp);
    }
}

#define REAL(name) \
    static __typeof__(name) *real_##name; \
    if (!real_##name) \
        real_##name = (__typeof__(name) *)dlsym(RTLD_NEXT, #name)

ssize_t read(int fd, void *buf, size_t n)
{
    REAL(read);
    if (fail_now(F_READ)) {
        errno = EIO;
        return -1;
    }
    return real_read(fd, buf, n);
}

ssize_t write(int fd, const void *buf, size_t n)
{
    REAL(write);
    if (fail_now(F_WRITE)) {
        errno = ENOSPC;
        return -1;
    }
    return real_write(fd, buf, n);
}

static int open_common(const char *which, int dirfd, const char *path, int flags, mode_t mode)
{
    if (fail_now(F_OPEN)) {
        errno = EMFILE;
        return -1;
    }
    if (!strcmp(which, "openat")) {
        REAL(openat);
        return real_openat(dirfd, path, flags, mode);
    }
    if (!strcmp(which, "open64")) {
        REAL(open64);
        return real_open64(path, flags, mode);
    }
    REAL(open);
    return real_open(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    return open_common("open", AT_FDCWD, path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    return open_common("open64", AT_FDCWD, path, flags, mode);
}

int openat(int dirfd, const char *path, int flags, ...)
{
    va_list ap;
    va_start(ap, flags);
    mode_t mode = (flags & (O_CREAT | O_TMPFILE)) ? (mode_t)va_arg(ap, int) : 0;
    va_end(ap);
    return open_common("openat", dirfd, path, flags, mode);
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
    REAL(mmap);
    if (fail_now(F_MMAP)) {
        errno = ENOMEM;
        return MAP_FAILED;
    }
    return real_mmap(addr, len, prot, flags, fd, off);
}

void *malloc(size_t n)
{
    if (fail_now(F_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_malloc(n);
}

void *calloc(size_t a, size_t b)
{
    if (fail_now(F_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_calloc(a, b);
}

void *realloc(void *p, size_t n)
{
    if (fail_now(F_MALLOC)) {
        errno = ENOMEM;
        return NULL;
    }
    return __libc_realloc(p, n);
}
