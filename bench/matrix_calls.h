/*
 * What the matrix operations run, one function per call (ops.c lists
 * them): run(k, slot) makes one call in the context's precision, writing
 * slot's output. All but the plain loops are libsystec's public API.
 */
#ifndef BENCH_MATRIX_CALLS_H
#define BENCH_MATRIX_CALLS_H

#include "matrix.h"
#include "matrix_source.h"

/* libsystec's symmetric kernels, on the handle S */
systec_status_t run_symv(const mat_ctx_t *k, int slot);
systec_status_t run_syprd(const mat_ctx_t *k, int slot);
systec_status_t run_symv_minplus(const mat_ctx_t *k, int slot);
systec_status_t run_symm(const mat_ctx_t *k, int slot);
systec_status_t run_syrk_numeric(const mat_ctx_t *k, int slot);
systec_status_t run_syrk_dense(const mat_ctx_t *k, int slot);
/* its non-symmetric baselines, on the full expansion G */
systec_status_t run_gemv(const mat_ctx_t *k, int slot);
systec_status_t run_geprd(const mat_ctx_t *k, int slot);
systec_status_t run_gemv_minplus(const mat_ctx_t *k, int slot);
systec_status_t run_gemm(const mat_ctx_t *k, int slot);
systec_status_t run_aat_numeric(const mat_ctx_t *k, int slot);
systec_status_t run_aat_dense(const mat_ctx_t *k, int slot);
/* SSYRK's whole call: systec_[ds]syrk, the result created and freed */
systec_status_t run_syrk_call(const mat_ctx_t *k, int slot);
/* the plain full-CSR loops (plain_csr.c) on the bench's own CSR, which
 * plain_prepare builds from the source */
void plain_prepare(mat_ctx_t *k, const source_t *src);
systec_status_t run_plain_mv(const mat_ctx_t *k, int slot);
systec_status_t run_plain_prd(const mat_ctx_t *k, int slot);
systec_status_t run_plain_minplus(const mat_ctx_t *k, int slot);
systec_status_t run_plain_mm(const mat_ctx_t *k, int slot);

#endif /* BENCH_MATRIX_CALLS_H */
