/* Small shared helpers for the C tests: counted checks, a deterministic
 * random generator, and matrix file listing. Header-only. */
#ifndef SYSTEC_TESTUTIL_H
#define SYSTEC_TESTUTIL_H

#include "systec.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long tu_passed, tu_failed;

static int check_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2), unused));
static int check_fail(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("FAIL: ", stdout);
    vprintf(fmt, ap);
    fputc('\n', stdout);
    va_end(ap);
    tu_failed++;
    return 1;
}

static __attribute__((unused)) int check_true(int ok, const char *what)
{
    if (ok) {
        tu_passed++;
        return 0;
    }
    return check_fail("%s", what);
}

static __attribute__((unused)) int check_status(systec_status_t got, systec_status_t want,
                                                const char *what)
{
    if (got == want) {
        tu_passed++;
        return 0;
    }
    return check_fail("%s: status %d (%s), want %d (%s); detail: %s", what, (int)got,
                      systec_strerror(got), (int)want, systec_strerror(want), systec_last_error());
}

/* CHECK(cond, printf-args): counts a pass, or prints the failure with its
 * line and the library's last error detail. */
#define CHECK(cond, ...)                                                                         \
    do {                                                                                         \
        if (cond) {                                                                              \
            tu_passed++;                                                                         \
        } else {                                                                                 \
            tu_failed++;                                                                         \
            printf("FAIL %s:%d: ", __FILE__, __LINE__);                                          \
            printf(__VA_ARGS__);                                                                 \
            printf(" [last_error: %s]\n", systec_last_error());                                  \
        }                                                                                        \
    } while (0)
/* CHECK_ST(call, want): the call returns the status want. */
#define CHECK_ST(call, want)                                                                     \
    do {                                                                                         \
        systec_status_t st_ = (call);                                                            \
        CHECK(st_ == (want), "%s returned %d (%s), want %d", #call, (int)st_,                    \
              systec_strerror(st_), (int)(want));                                                \
    } while (0)

static __attribute__((unused)) int check_summary(void)
{
    printf("%ld passed, %ld failed\n", tu_passed, tu_failed);
    return tu_failed ? 1 : 0;
}

static uint64_t tu_rng = 88172645463325252ull;
static __attribute__((unused)) void rnd_seed(uint64_t s) { tu_rng = s ? s : 1; }
static __attribute__((unused)) double rnd_unit(void)
{
    tu_rng ^= tu_rng << 13;
    tu_rng ^= tu_rng >> 7;
    tu_rng ^= tu_rng << 17;
    return (double)(tu_rng >> 11) * (1.0 / 9007199254740992.0);
}
static __attribute__((unused)) double rnd_sym(void) { return 2.0 * rnd_unit() - 1.0; }

static int tu_endswith(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static int tu_cmpstr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A .mtx/.mtx.gz file, or every such file in a directory (sorted). */
static __attribute__((unused)) int list_matrix_files(const char *path, char ***out)
{
    int n = 0, cap = 8;
    char **f = malloc(sizeof(char *) * (size_t)cap);
    DIR *d = opendir(path);
    if (!d) {
        f[n++] = strdup(path);
    } else {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!tu_endswith(e->d_name, ".mtx") && !tu_endswith(e->d_name, ".mtx.gz")) continue;
            if (n == cap) f = realloc(f, sizeof(char *) * (size_t)(cap *= 2));
            size_t len = strlen(path) + strlen(e->d_name) + 2;
            f[n] = malloc(len);
            snprintf(f[n++], len, "%s/%s", path, e->d_name);
        }
        closedir(d);
        qsort(f, (size_t)n, sizeof *f, tu_cmpstr);
    }
    *out = f;
    return n;
}

/* Under SYSTEC_ISA=<variant> (the @variant copies of the kernel tests): 1,
 * after saying why, when this CPU cannot run that variant, for the caller
 * to exit 77 (CTest: skipped). */
static __attribute__((unused)) int tu_isa_unavailable(void)
{
    const char *want = getenv("SYSTEC_ISA");
    if (!want || strcmp(systec_isa(), "none")) return 0;
    printf("SKIP: SYSTEC_ISA=%s: this CPU cannot run that kernel variant\n", want);
    return 1;
}

#endif
