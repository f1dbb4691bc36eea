/* What the examples share: a clock, a median, and a check that stops the
 * program with the library's message when a call fails (examples may exit;
 * the library never does). Header-only. */
#ifndef SYSTEC_EXAMPLE_UTIL_H
#define SYSTEC_EXAMPLE_UTIL_H

#include <systec.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* TRY(call): exit with the library's message if call does not succeed. */
#define TRY(call)                                                                                \
    do {                                                                                         \
        systec_status_t st_ = (call);                                                            \
        if (st_ != SYSTEC_SUCCESS) {                                                             \
            fprintf(stderr, "%s:%d: %s: %s (%s)\n", __FILE__, __LINE__, #call,                   \
                    systec_strerror(st_), systec_last_error());                                  \
            exit(2);                                                                             \
        }                                                                                        \
    } while (0)

static inline double now_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

static inline int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median of v[0..n) (reorders v). */
static inline double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]);
}

/* malloc that exits on failure (the examples' data is small). */
static inline void *xmalloc(size_t bytes)
{
    void *p = malloc(bytes ? bytes : 1);
    if (!p) {
        fprintf(stderr, "out of memory (%zu bytes)\n", bytes);
        exit(2);
    }
    return p;
}

/* The two files of a hypergraph in the ScHoLP layout: DIR/NAME-nverts.txt
 * and DIR/NAME-simplices.txt (or .txt.gz), NAME the last part of DIR. */
typedef struct {
    char nverts[4096], simplices[4096];
} hyper_files;

static inline int hyper_find(const char *dir, hyper_files *f)
{
    size_t len = strlen(dir);
    while (len > 1 && dir[len - 1] == '/') len--;
    size_t start = len;
    while (start > 0 && dir[start - 1] != '/') start--;
    const char *gz[2] = {".gz", ""};
    for (int g = 0; g < 2; g++) {
        snprintf(f->nverts, sizeof f->nverts, "%.*s/%.*s-nverts.txt%s", (int)len, dir,
                 (int)(len - start), dir + start, gz[g]);
        snprintf(f->simplices, sizeof f->simplices, "%.*s/%.*s-simplices.txt%s", (int)len, dir,
                 (int)(len - start), dir + start, gz[g]);
        if (access(f->nverts, R_OK) == 0 && access(f->simplices, R_OK) == 0) return 0;
    }
    fprintf(stderr, "%s: no NAME-nverts.txt[.gz] and NAME-simplices.txt[.gz] there\n", dir);
    return -1;
}

#endif
