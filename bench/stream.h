/*
 * The machine's memory bandwidth, measured by systec-bench at start the way
 * McCalpin's STREAM does (copy a[i] = b[i], triad a[i] = b[i] + s*c[i];
 * the best of several passes; the bytes STREAM counts, no write-allocate).
 * The triad figure is the roof the kernels' effective GB/s are read against.
 */
#ifndef BENCH_STREAM_H
#define BENCH_STREAM_H

#include <stddef.h>

typedef struct stream_result {
    double copy_gbs, triad_gbs; /* best pass, 1e9 bytes per second */
    size_t array_bytes;         /* each of the three arrays */
    int threads, passes;
    double seconds;             /* the whole measurement */
} stream_result_t;

/* Measures with `threads` threads (POSIX threads, each touching its own
 * part first). Arrays are 4x the last-level cache (at least 64 MiB each).
 * Returns 0, or -1 with a reason in err (size errlen) if memory or threads
 * cannot be had. */
int stream_measure(int threads, stream_result_t *out, char *err, size_t errlen);

#endif /* BENCH_STREAM_H */
