/*
 * The vector operations (SSYMV, SYPRD, min-plus SSYMV, SSYMM): their
 * inputs and outputs, the reference from the source data, and the check of
 * every slot's result against it (ops.c's setup and check hooks).
 */
#ifndef BENCH_MATRIX_VECTORS_H
#define BENCH_MATRIX_VECTORS_H

#include "matrix.h"
#include "matrix_source.h"

/* The same x for every slot (uniform in [-1, 1), fixed seed); each slot's
 * y filled with NaN (beta = 0 must not read y, and an entry a kernel never
 * writes shows up in the check), or with +inf for min-plus, whose y is an
 * input; the reference and its bound. Returns 0. */
int vectors_setup(mat_ctx_t *k, const source_t *src, mat_result_t *res);
/* Every slot's last result against the reference, and the symmetric
 * kernel's against each baseline candidate's, within the tolerance times
 * (|A||x|)_i (exact for min-plus). */
void vectors_check(mat_ctx_t *k, mat_result_t *res);

#endif /* BENCH_MATRIX_VECTORS_H */
