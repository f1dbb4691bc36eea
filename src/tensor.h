/* The tensor handles' layout, shared by tensor.c (construction, MTTKRP,
 * TTM) and ttsv.c (tensor times same vector). Not exported. */
#ifndef SYSTEC_TENSOR_H
#define SYSTEC_TENSOR_H

#include "internal.h"
#include "systec_kernels.h" /* systec_csf_t, SYSTEC_FIBN_ttm */

#define SYSTEC_MAGIC_SYMTEN 0x53594d54u /* "SYMT" */
#define SYSTEC_MAGIC_CSFTEN 0x43534654u /* "CSFT" */

struct systec_symten {
    uint32_t magic;
    systec_dtype_t dtype;
    int order;
    int64_t n, nnz, full_nnz;
    int32_t *coord; /* nnz * order */
    void *val;      /* nnz, dtype */
    /* nnz, dtype: each value times its tie pattern's fold ratio
     * (systec_foldnum/den_mttkrpN; TTSV's ratios are the same), for the
     * folded kernels of orders 3 to 5; NULL for other orders */
    void *fval;
    /* MTTKRP's tree kernel: the same entries as a canonical CSF (levels in
     * coordinate order; its leaves are the entries in order, so the folded
     * values serve as leaf values) */
    systec_csf_t tree;
    int64_t *tptr[SYSTEC_MAX_ORDER];
    int32_t *tidx[SYSTEC_MAX_ORDER];
    /* TTM (order 3): the entries again once per update of the generated
     * per-update kernel, each pass as fibers ending at its output row
     * (ttm_fib[u], arrays below), the values weighted per tie pattern */
    int nfib;
    systec_csf_t ttm_fib[SYSTEC_FIBN_ttm];
    int64_t *fptr[SYSTEC_FIBN_ttm][SYSTEC_MAX_ORDER];
    int32_t *fidx[SYSTEC_FIBN_ttm][SYSTEC_MAX_ORDER];
    void *fval_ttm[SYSTEC_FIBN_ttm];
    int own_tuning;        /* the handle's own thresholds (set_profile): */
    systec__tuning tuning; /* these, else the process-wide ones */
};

struct systec_csften {
    uint32_t magic;
    systec_dtype_t dtype;
    int order;
    int64_t n, nnz, nodes;
    systec_csf_t csf; /* points into the arrays below */
    int64_t *ptr[SYSTEC_MAX_ORDER];
    int32_t *idx[SYSTEC_MAX_ORDER];
    void *val;
    int32_t *coord; /* the leaves' coordinates, nnz * order: the plain-loop baseline's list */
};

static inline int valid_symten(const systec_symten_t *A)
{
    return A && A->magic == SYSTEC_MAGIC_SYMTEN;
}

static inline int valid_csften(const systec_csften_t *A)
{
    return A && A->magic == SYSTEC_MAGIC_CSFTEN;
}

#endif
