/*
 * SSYRK (C = A*A^T, the upper triangle) into a sparse and into a dense
 * output: the products each slot writes and their check (ops.c's setup and
 * check hooks). The bound of the check is the same product of |A|.
 */
#ifndef BENCH_MATRIX_SYRK_H
#define BENCH_MATRIX_SYRK_H

#include "matrix.h"
#include "matrix_source.h"

#define DENSE_OUT_MAX 4096 /* syrk_dense: the m-by-m output is allocated */

/* The first calls, which make the products the numeric phases refill:
 * systec_[ds]syrk for the symmetric slot (timed as the conversion), systec_[ds]aat
 * for each baseline candidate (timed as the expansion). */
int syrk_setup(mat_ctx_t *k, const source_t *src, mat_result_t *res);
/* The upper product against the baseline's full one, entry by entry (U's
 * row i must be F's row i from column i on), within tol * (|A||A|^T)[i,j]. */
void syrk_check(mat_ctx_t *k, mat_result_t *res);

/* The dense m-by-m outputs (zeroed), or skipped: over DENSE_OUT_MAX rows,
 * or single precision (benchmarked in double only). */
int syrk_dense_setup(mat_ctx_t *k, const source_t *src, mat_result_t *res);
/* The upper triangle written by the symmetric kernel against the same part
 * of the baseline's, within tol * (|A||A|^T)[i,j]. */
void syrk_dense_check(mat_ctx_t *k, mat_result_t *res);

/* A new handle holding |A| (A = k->G) in k's precision. */
systec_status_t syrk_abs_operand(const mat_ctx_t *k, systec_csrmat_t **out);

#endif /* BENCH_MATRIX_SYRK_H */
