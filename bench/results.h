/*
 * systec-bench's result rows: one CSV row per (system, kernel, input,
 * threads), the same columns for every operation, so that --paper's
 * summary and the plots read every operation's file the same way.
 * See bench/README.md ("CSV").
 */
#ifndef BENCH_RESULTS_H
#define BENCH_RESULTS_H

#include <stdint.h>
#include <stdio.h>

/* Machine facts, the same on every row of a run. */
typedef struct bench_machine {
    char cpu[256];
    int cores;           /* online logical CPUs */
    const char *compiler; /* systec-bench's compiler and flags */
    const char *library;  /* libsystec's version */
    char peers[512];      /* the peer libraries compiled in, with versions */
    char thp[64];         /* transparent huge pages mode */
    long long anon_huge_kb; /* largest AnonHugePages seen; -1 unknown */
    char policy[512];     /* the report's page-policy line */
    double stream_gbs;    /* STREAM triad measured at start (GB/s); NAN unknown */
    int stream_threads;   /* threads the STREAM figure used */
} bench_machine_t;

/* The roles a system plays in a comparison. */
#define ROLE_SYSTEC "systec"       /* libsystec's symmetric kernel */
#define ROLE_BASELINE "baseline"   /* the same spec generated without symmetry */
#define ROLE_REFERENCE "reference" /* a reference point (plain loop, whole call) */
#define ROLE_PEER "peer"           /* another library */

/* One row. Unknown numbers are NAN (doubles) or -1 (integers); they are
 * written as empty fields. */
typedef struct bench_row {
    const char *kernel;    /* symv, syprd, symv_minplus, symm, syrk, syrk_dense, mttkrp, ttm */
    const char *input;     /* matrix or tensor name (with its configuration) */
    const char *origin;    /* file, synthetic or paper (a configuration of the SySTeC paper) */
    const char *path;      /* the input file, NULL or "" when generated */
    const char *precision; /* double or float */
    int threads;           /* threads this system ran with */
    const char *system;    /* e.g. libsystec, libsystec-baseline, plain-csr, librsb sym */
    const char *role;      /* ROLE_* */
    const char *variant;   /* what it ran: "systec_dgemv" (the baseline: the fastest candidate) */
    int order;             /* 2 for matrices */
    int64_t n;             /* rows, or the mode size */
    int64_t nnz;           /* stored nonzeros of the full (expanded) operand */
    int64_t param;         /* MTTKRP/TTM rank, SSYMM columns; -1 none */
    double t_ms, t_min_ms, t_max_ms; /* time per call: median, min, max over rounds */
    const char *paired_with; /* the system whose time divides this one's, per round */
    double ratio_med, ratio_min, ratio_max; /* t_this / t_paired_with, per round */
    double gbs;            /* effective GB/s (docs/bench-method.md: the traffic model) */
    double setup_ms;       /* preprocessing: conversion, splitting, planning, tuning */
    double expand_ms;      /* output expansion, timed apart */
    const char *check;     /* ok, FAIL, ERROR or skipped */
    double max_err;        /* largest |error| / bound over the output; NAN not checked */
    double paper_speedup;  /* the SySTeC paper's speedup for this row's kernel and input */
    long calls_per_sample;
    int reps, warmup;
    const char *note;      /* error text or remark; may be NULL */
} bench_row_t;

/* One CSV field, quoted when it holds a comma, quote or line break. */
void csv_field(FILE *f, const char *s);

/* A row with every number unknown and the strings empty. */
bench_row_t bench_row_blank(void);

/* The header line; then one line per row. */
void bench_csv_header(FILE *f);
void bench_csv_row(FILE *f, const bench_row_t *r, const bench_machine_t *m);

/* ------------------------------------------------------------ reading */
/* A CSV file read whole: cells by row and column name (RFC 4180 quoting). */
typedef struct bench_csv {
    int ncol, nrow;
    char **head;  /* ncol names */
    char ***cell; /* nrow rows of ncol cells ("" where a line is short) */
} bench_csv_t;

/* 0 on success; -1 with a message in err (size errlen) if the file cannot
 * be read or is not a CSV with a header line. */
int bench_csv_read(const char *path, bench_csv_t *out, char *err, size_t errlen);
/* The cell of row i in column name; "" if there is no such column. */
const char *bench_csv_get(const bench_csv_t *t, int i, const char *name);
/* The cell as a number; NAN if empty or not a number. */
double bench_csv_num(const bench_csv_t *t, int i, const char *name);
void bench_csv_free(bench_csv_t *t);

#endif /* BENCH_RESULTS_H */
