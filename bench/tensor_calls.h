/*
 * What the tensor operations run, one function per call (ops.c lists
 * them): run(k, slot) makes one call in the context's precision, writing
 * slot's output. All but the dense peer are libsystec's public API.
 */
#ifndef BENCH_TENSOR_CALLS_H
#define BENCH_TENSOR_CALLS_H

#include "tensor.h"

/* on the canonical handle A */
systec_status_t run_mttkrp(const ten_ctx_t *k, int slot);
systec_status_t run_ttm(const ten_ctx_t *k, int slot);
systec_status_t run_ttsv(const ten_ctx_t *k, int slot); /* x: B's one column */
/* on the full tensor in CSF, F: over its fibers (csf) or as one plain loop
 * over its entries (coo) */
systec_status_t run_mttkrp_csf(const ten_ctx_t *k, int slot);
systec_status_t run_mttkrp_coo(const ten_ctx_t *k, int slot);
systec_status_t run_ttm_csf(const ten_ctx_t *k, int slot);
systec_status_t run_ttm_coo(const ten_ctx_t *k, int slot);
systec_status_t run_ttsv_csf(const ten_ctx_t *k, int slot);
/* TTM's packed symmetric result (slot 0's output) to both halves */
systec_status_t run_ttm_expand(const ten_ctx_t *k, int slot);
/* TTMc: on a plan of the canonical handle (ten_ctx.in; the packed result),
 * on the full coordinate list L (the baseline), and the packed result (slot
 * 0's) to the full one */
systec_status_t run_ttmc(const ten_ctx_t *k, int slot);
systec_status_t run_ttmc_coo(const ten_ctx_t *k, int slot);
systec_status_t run_ttmc_expand(const ten_ctx_t *k, int slot);
/* TTM into a sparse output: the symmetric handle's rows object, the full
 * list's (ten_ctx.in, tensor_shape.h) */
systec_status_t run_ttm_rows(const ten_ctx_t *k, int slot);
systec_status_t run_ttm_rows_coo(const ten_ctx_t *k, int slot);
/* the dense peer, one cblas_dgemm on the densified tensor (peers_ttm.h) */
systec_status_t run_ttm_dense_peer(const ten_ctx_t *k, int slot);
extern const ten_variant_t ttm_dense_peer;

#endif /* BENCH_TENSOR_CALLS_H */
