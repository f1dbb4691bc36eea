/*
 * The SySTeC paper's reported speedups (Patel, Ahrens, Amarasinghe,
 * "SySTeC: A Symmetric Sparse Tensor Compiler", CGO 2025, sections 6.2 and
 * 6.3; the figure data of its artifact), printed beside ours. The paper
 * measures over naive Finch code on an Intel Xeon E5-2680 v3 (Haswell); we
 * measure over libsystec's generated non-symmetric baseline on this
 * machine.
 */
#ifndef BENCH_PAPER_FIGURES_H
#define BENCH_PAPER_FIGURES_H

#include <stdint.h>

/* The paper's geomean, min and max for a kernel (systec-bench's name:
 * symv, syprd, symv_minplus, syrk, ttm, mttkrp3, mttkrp4, mttkrp5) and how
 * many inputs it covered; 0 if found, -1 if the paper has no such kernel
 * (symm, syrk_dense). */
int paper_kernel(const char *kernel, double *geo, double *lo, double *hi, int *count);

/* The paper's speedup for one matrix (SuiteSparse name) of symv, syprd,
 * symv_minplus (its "Bellman step") or syrk; NAN when the paper did not
 * run that matrix. */
double paper_matrix(const char *kernel, const char *matrix);

/* A tensor configuration of the paper's evaluation: a random symmetric
 * tensor of that order, mode size and density, at two ranks, and the
 * paper's speedup at each. The lists end with order 0. */
typedef struct paper_tensor {
    int order;
    int64_t n;
    double sp;
    int64_t rank[2];
    double speedup[2];
} paper_tensor_t;

extern const paper_tensor_t paper_mttkrp[]; /* orders 3-5, sp 0.1 and 1e-4, ranks 10 and n */
extern const paper_tensor_t paper_ttm[];    /* order 3, n 500, sp 0.1 and 1e-3, ranks 10, 500 */
extern const paper_tensor_t paper_ttmc[];   /* MTTKRP's orders 3 and 4, no figures (NAN) */
extern const paper_tensor_t paper_ttm_rows[]; /* TTM's sparse tensor, ranks 10, 16, no figures */

#endif /* BENCH_PAPER_FIGURES_H */
