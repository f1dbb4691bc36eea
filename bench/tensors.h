/*
 * systec-bench's tensor benchmarks (--op mttkrp and --op ttm, tensors.c),
 * and the parts of systec-bench.c they share, so that every operation is
 * timed, checked and reported by the same rules. See bench/README.md.
 */
#ifndef BENCH_TENSORS_H
#define BENCH_TENSORS_H

#include <float.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "results.h"

/* ---------------------------------------- rules shared by every operation */
#define MIN_SAMPLE_S 1e-3 /* one timed sample (inner calls) lasts at least this */
#define MAX_INNER 100000000L
/* The calls per sample, the same rule everywhere: time_calls(ctx, inner)
 * runs `inner` calls of what is calibrated and returns the seconds they
 * took in all (negative: stop, an error the caller reports); the count
 * grows until a sample lasts MIN_SAMPLE_S (systec-bench.c). */
long calls_per_sample(double (*time_calls)(void *ctx, long inner), void *ctx);
/* the project's rule, per output element: |error| <= TOL * (sum of |terms|) */
#define TOL_DOUBLE 1e-12
#define TOL_FLOAT (1e-12 * (FLT_EPSILON / DBL_EPSILON))

/* ----------------------------- helpers defined in systec-bench.c, shared */
extern const char *prog;
double now_s(void);                 /* CLOCK_MONOTONIC, seconds */
uint64_t rng_next(uint64_t *s);     /* splitmix64 */
double rng_u01(uint64_t *s);        /* uniform in [0, 1) */
void *xmalloc(size_t size);         /* exits on failure */
char *xstrdup(const char *s);
void *xalloc_aligned(size_t size);  /* 64-byte aligned */
/* Files directly inside dir that accept() takes, sorted full paths; -1 if
 * dir cannot be listed (systec-bench.c). */
int list_files(const char *dir, int (*accept)(const char *name), char ***out);
int cmp_str(const void *a, const void *b);
double quantile(const double *v, int k, double q);
int has_suffix(const char *s, const char *suf);
const char *fmt_ms(char *buf, size_t size, double ms); /* about 4 significant digits */
void read_cpu_model(char *out, size_t size);
const char *compiler_string(void);
void read_thp_mode(char *out, size_t size);
long long read_anon_huge_kb(int *system_wide);
/* The report's page-policy line: the THP mode, the largest AnonHugePages
 * seen (-1: unknown) and what that means for the kernels' pages. */
void page_policy_line(char *out, size_t size, const char *thp, long long anon, int system_wide);

/* ------------------------------------------------ --op mttkrp, --op ttm */
/* A synthetic symmetric tensor: systec_tns_random_symmetric(order, n, sp). */
typedef struct tensor_cfg {
    int order;
    int64_t n;
    double sp;
} tensor_cfg_t;

typedef struct tensor_opts {
    int ttm; /* --op ttm (order 3 only) instead of --op mttkrp */
    int reps, warmup, quick, synthetic, use_float;
    const char *csv;
    int64_t rank;            /* --rank: for files and --tensor configurations */
    const tensor_cfg_t *cfg; /* --tensor, in command-line order */
    int ncfg;
    int threads; /* --threads: the peers' thread count (libsystec's kernels are serial) */
    const bench_machine_t *machine; /* facts for the CSV rows, STREAM measured at start */
    const char *reference; /* --reference: a hand-written MTTKRP program run side by side
                              (reference.h), or NULL */
} tensor_opts_t;

/* Parses --tensor's "ORDER:N:SP"; 0 on success, -1 with a message on stderr. */
int parse_tensor_cfg(const char *s, tensor_cfg_t *out);
/* Runs the whole benchmark and prints its report; returns the exit status
 * (0 all passed or skipped, 1 a failure, 2 the CSV file cannot be created). */
int bench_tensors(const tensor_opts_t *o, char *const *paths, int npaths);

#endif /* BENCH_TENSORS_H */
