/* STREAM-style copy and triad bandwidth (stream.h). */
#include "stream.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PASSES 10

typedef struct {
    double *a, *b, *c;
    size_t lo, hi;
    int op; /* 0 first touch, 1 copy, 2 triad */
} part_t;

static void run_part(const part_t *p)
{
    double *restrict a = p->a, *restrict b = p->b, *restrict c = p->c;
    const double s = 3.0;
    switch (p->op) {
    case 0:
        for (size_t i = p->lo; i < p->hi; i++) a[i] = 0.0, b[i] = 1.0, c[i] = 2.0;
        break;
    case 1:
        for (size_t i = p->lo; i < p->hi; i++) a[i] = b[i];
        break;
    default:
        for (size_t i = p->lo; i < p->hi; i++) a[i] = b[i] + s * c[i];
        break;
    }
}

static void *worker(void *arg)
{
    run_part(arg);
    return NULL;
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* One operation on every part: a thread per part but the first, which the
 * caller runs (a thread start costs microseconds; a pass, milliseconds).
 * Returns the seconds taken, or a negative number if a thread cannot start. */
static double run_all(part_t *part, pthread_t *tid, int threads, int op)
{
    for (int k = 0; k < threads; k++) part[k].op = op;
    double t0 = now();
    int started = 1;
    while (started < threads && pthread_create(&tid[started], NULL, worker, &part[started]) == 0)
        started++;
    run_part(&part[0]);
    for (int k = 1; k < started; k++) pthread_join(tid[k], NULL);
    double dt = now() - t0;
    return started == threads ? dt : -1.0;
}

static size_t llc_bytes(void)
{
    size_t best = 0;
    for (int idx = 0; idx < 8; idx++) {
        char path[96], buf[64];
        snprintf(path, sizeof path, "/sys/devices/system/cpu/cpu0/cache/index%d/size", idx);
        FILE *f = fopen(path, "r");
        if (!f) continue;
        if (fgets(buf, sizeof buf, f)) {
            char *end;
            unsigned long long v = strtoull(buf, &end, 10);
            if (*end == 'K') v <<= 10;
            else if (*end == 'M') v <<= 20;
            if (v > best) best = (size_t)v;
        }
        fclose(f);
    }
    return best;
}

int stream_measure(int threads, stream_result_t *out, char *err, size_t errlen)
{
    memset(out, 0, sizeof *out);
    if (threads < 1) threads = 1;
    size_t bytes = 4 * llc_bytes();
    if (bytes < ((size_t)64 << 20)) bytes = (size_t)64 << 20;
    size_t n = bytes / sizeof(double);
    double t_start = now();
    double *a = NULL, *b = NULL, *c = NULL;
    if (posix_memalign((void **)&a, 64, n * sizeof(double)) ||
        posix_memalign((void **)&b, 64, n * sizeof(double)) ||
        posix_memalign((void **)&c, 64, n * sizeof(double))) {
        snprintf(err, errlen, "STREAM: cannot allocate 3 x %zu MiB", bytes >> 20);
        free(a);
        free(b);
        free(c);
        return -1;
    }
    part_t *part = calloc((size_t)threads, sizeof *part);
    pthread_t *tid = calloc((size_t)threads, sizeof *tid);
    int rc = 0;
    if (!part || !tid) {
        snprintf(err, errlen, "STREAM: out of memory");
        rc = -1;
        goto out;
    }
    for (int k = 0; k < threads; k++) {
        part[k].a = a, part[k].b = b, part[k].c = c;
        part[k].lo = n * (size_t)k / (size_t)threads;
        part[k].hi = n * (size_t)(k + 1) / (size_t)threads;
    }
    /* first touch by the thread that will stream each part */
    int ok = run_all(part, tid, threads, 0) >= 0;
    double best_copy = 1e30, best_triad = 1e30;
    for (int p = 0; p < PASSES && ok; p++) {
        double tc = run_all(part, tid, threads, 1), tt = run_all(part, tid, threads, 2);
        ok = tc >= 0 && tt >= 0;
        if (tc < best_copy) best_copy = tc;
        if (tt < best_triad) best_triad = tt;
    }
    if (!ok) {
        snprintf(err, errlen, "STREAM: cannot start %d threads", threads);
        rc = -1;
        goto out;
    }
    /* a checksum the compiler cannot drop: a[0] = 1 + 3*2 after a triad */
    if (a[0] != 7.0 || a[n - 1] != 7.0) {
        snprintf(err, errlen, "STREAM: wrong triad result %g", a[0]);
        rc = -1;
        goto out;
    }
    out->copy_gbs = 2.0 * (double)bytes / best_copy * 1e-9;
    out->triad_gbs = 3.0 * (double)bytes / best_triad * 1e-9;
    out->array_bytes = bytes;
    out->threads = threads;
    out->passes = PASSES;
    out->seconds = now() - t_start;
out:
    free(part);
    free(tid);
    free(a);
    free(b);
    free(c);
    return rc;
}
