/*
 * The SySTeC paper's reported speedups (Patel, Ahrens, Amarasinghe,
 * CGO 2025, section 6.3; the figure data of its artifact), printed beside
 * ours. The paper measures over naive Finch code on an Intel Xeon E5-2680 v3 (Haswell); we measure
 * over libsystec's generated non-symmetric baseline on this machine.
 */
#ifndef BENCH_PAPER_H
#define BENCH_PAPER_H

/* The paper's geomean, min and max for a kernel (systec-bench's name:
 * symv, syprd, symv_minplus, syrk, ttm, mttkrp3, mttkrp4, mttkrp5) and how
 * many inputs it covered; 0 if found, -1 if the paper has no such kernel
 * (symm, syrk_dense). */
int paper_kernel(const char *kernel, double *geo, double *lo, double *hi, int *count);

/* The paper's speedup for one matrix (SuiteSparse name) of symv, syprd,
 * symv_minplus (its "Bellman step") or syrk; NAN when the paper did not
 * run that matrix. */
double paper_matrix(const char *kernel, const char *matrix);

#endif /* BENCH_PAPER_H */

/* ------------------------------------------------------- --paper mode */
typedef struct paper_opts {
    const char *self;   /* this program, to run once per operation */
    const char *outdir; /* CSVs (one per operation) and plots go here */
    int quick, reps, warmup; /* reps, warmup: -1 unless given */
    int threads;
    double stream_gbs; /* measured once, passed to every operation */
    char *const *paths; /* matrices and tensors, files or directories */
    int npaths;
} paper_opts_t;

/* Runs the paper's evaluation set: every matrix operation on the matrices
 * among paths plus the synthetic ones, MTTKRP (orders 3-5) and TTM on the
 * tensors among paths plus the paper's configurations, each as a child
 * `self --op OP ... --csv outdir/OP.csv`; then prints the summary (geomean
 * per kernel beside the paper's, every peer's ratio) and makes the plots.
 * Returns the exit status: 0, or 1 if any operation failed. */
int paper_run(const paper_opts_t *o);

/* Prints the summary of the CSVs (the long rows of results.h) to stdout;
 * 0, or -1 if a CSV cannot be read (message on stderr). */
int paper_summary(char *const *csv, int ncsv);
