/* Tensor times same vector (TTSV), orders 3 to 5:
 *   y[i] = sum over j,k,... of A[i,j,k,...] * x[j] * x[k] * ...
 * the step of the symmetric higher-order power method (SS-HOPM) and of
 * hypergraph eigenvector centralities. The kernels come from
 * gen/kernels/ttsvN.spec: on the symmetric handle the folded per-entry
 * kernel (every canonical entry runs the same N updates, its tie pattern's
 * factor folded into its value), on the CSF handle the non-symmetric
 * baseline over the full tensor. */
#include "internal.h"
#include "kernels.h"
#include "tensor.h"

#include <stdlib.h>
#include <string.h>

/* The generated TTSV kernels by order and their fold tables; the handle's
 * folded values (tensor.c) were made with MTTKRP's, which the symmetric
 * call checks are the same ratios before it relies on them. */
typedef struct {
    int order;
    int kop;                             /* SYSTEC_KOP_ttsvN */
    const int *num, *den, *pos;          /* TTSV's fold tables */
    const int *hnum, *hden, *hpos;       /* those the handle's values were folded with */
} ttsv_info;
static const ttsv_info ttsv_kernels[] = {
    {3, SYSTEC_KOP_ttsv3, systec_foldnum_ttsv3, systec_foldden_ttsv3, systec_foldpos_ttsv3,
     systec_foldnum_mttkrp3, systec_foldden_mttkrp3, systec_foldpos_mttkrp3},
    {4, SYSTEC_KOP_ttsv4, systec_foldnum_ttsv4, systec_foldden_ttsv4, systec_foldpos_ttsv4,
     systec_foldnum_mttkrp4, systec_foldden_mttkrp4, systec_foldpos_mttkrp4},
    {5, SYSTEC_KOP_ttsv5, systec_foldnum_ttsv5, systec_foldden_ttsv5, systec_foldpos_ttsv5,
     systec_foldnum_mttkrp5, systec_foldden_mttkrp5, systec_foldpos_mttkrp5},
};

static const ttsv_info *ttsv_for(int order)
{
    for (size_t k = 0; k < sizeof ttsv_kernels / sizeof *ttsv_kernels; k++)
        if (ttsv_kernels[k].order == order) return &ttsv_kernels[k];
    return NULL;
}

/* Whether the handle's folded values are TTSV's: the same ratio for every
 * tie pattern and the same positions of the group's indices. */
static int same_fold(const ttsv_info *t)
{
    for (int m = 0; m < 1 << (t->order - 1); m++)
        if ((int64_t)t->num[m] * t->hden[m] != (int64_t)t->hnum[m] * t->den[m]) return 0;
    for (int g = 0; g < t->order; g++)
        if (t->pos[g] != t->hpos[g]) return 0;
    return 1;
}

/* Checks shared by both calls on a handle of `order`, values `have`, mode
 * size n; returns the kernel table's row in *info. */
static systec_status_t ttsv_args(const char *fn, systec_dtype_t have, systec_dtype_t want,
                                 int order, int64_t n, const void *x, const void *y,
                                 const ttsv_info **info)
{
    if (have != want)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "%s: the handle holds %s values", fn,
                            have == SYSTEC_DOUBLE ? "double" : "float");
    *info = ttsv_for(order);
    if (!*info)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: no TTSV kernel for order %d (3 to 5)",
                            fn, order);
    if (n > 0 && (!x || !y))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: %s is NULL", fn, !x ? "x" : "y");
    int64_t bytes = n * (int64_t)systec__vsize(want);
    if (n > 0 && (const char *)x < (const char *)y + bytes &&
        (const char *)y < (const char *)x + bytes)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: x and y overlap", fn);
    return SYSTEC_SUCCESS;
}

/* The kernel of t's order in a storage (int32 coordinates), or -1. */
static int ttsv_kid(const ttsv_info *t, int storage, int sched, systec_dtype_t dt)
{
    return systec__kid(t->kop, storage, sched, dt, SYSTEC_INT32);
}

/* Runs a kernel on a (its storage's fields set) with x, every index of
 * size n, into y (zeroed first: the kernels accumulate). */
static void run(const systec_kimpl_t *kernel, systec_kargs_t *a, int64_t n, systec_dtype_t dt,
                const void *x, void *y)
{
    if (n == 0) return;
    const void *dense[1] = {x};
    int64_t dims[SYSTEC_MAX_ORDER];
    for (int d = 0; d < SYSTEC_MAX_ORDER; d++) dims[d] = n;
    memset(y, 0, (size_t)n * systec__vsize(dt));
    a->dense = dense;
    a->dims = dims;
    a->out = y;
    kernel->call(a);
}

static systec_status_t ttsv_sym(const char *fn, const systec_symten_t *A, systec_dtype_t dt,
                                const void *x, void *y)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: A is NULL", fn);
    if (!valid_symten(A)) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "%s: not a symten", fn);
    const ttsv_info *t = NULL;
    systec_status_t st = ttsv_args(fn, A->dtype, dt, A->order, A->n, x, y, &t);
    if (st) return st;
    const systec_kimpl_t *tab;
    if ((st = systec__ktable_get(&tab)) != SYSTEC_SUCCESS) return st;
    int k = ttsv_kid(t, SYSTEC_KST_fold, SYSTEC_KSC_entry, dt);
    if (k < 0 || !A->fval)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: no TTSV kernel for order %d in this build",
                            fn, A->order);
    if (!same_fold(t))
        return systec__fail(SYSTEC_ERR_INTERNAL,
                            "%s: the generator's TTSV and MTTKRP fold ratios differ", fn);
    systec_kargs_t a = {0};
    a.nnz = A->nnz;
    a.coord = A->coord;
    a.val = A->fval;
    run(&tab[k], &a, A->n, dt, x, y);
    return SYSTEC_SUCCESS;
}

systec_status_t systec_dttsv(const systec_symten_t *A, const double *x, double *y)
{
    return ttsv_sym("systec_dttsv", A, SYSTEC_DOUBLE, x, y);
}

systec_status_t systec_sttsv(const systec_symten_t *A, const float *x, float *y)
{
    return ttsv_sym("systec_sttsv", A, SYSTEC_FLOAT, x, y);
}

static systec_status_t ttsv_csf(const char *fn, const systec_csften_t *A, systec_dtype_t dt,
                                const void *x, void *y)
{
    systec__clear_error();
    if (!A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: A is NULL", fn);
    if (!valid_csften(A)) return systec__fail(SYSTEC_ERR_INVALID_OBJECT, "%s: not a csften", fn);
    const ttsv_info *t = NULL;
    systec_status_t st = ttsv_args(fn, A->dtype, dt, A->order, A->n, x, y, &t);
    if (st) return st;
    const systec_kimpl_t *tab;
    if ((st = systec__ktable_get(&tab)) != SYSTEC_SUCCESS) return st;
    int k = ttsv_kid(t, SYSTEC_KST_csf, SYSTEC_KSC_factored, dt);
    if (k < 0)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: no TTSV kernel for order %d in this build",
                            fn, A->order);
    double work[SYSTEC_MAX_ORDER]; /* the kernel's sum per level: one scalar each */
    systec_kargs_t a = {0};
    a.csf = &A->csf;
    a.work = work;
    run(&tab[k], &a, A->n, dt, x, y);
    return SYSTEC_SUCCESS;
}

systec_status_t systec_dttsv_csf(const systec_csften_t *A, const double *x, double *y)
{
    return ttsv_csf("systec_dttsv_csf", A, SYSTEC_DOUBLE, x, y);
}

systec_status_t systec_sttsv_csf(const systec_csften_t *A, const float *x, float *y)
{
    return ttsv_csf("systec_sttsv_csf", A, SYSTEC_FLOAT, x, y);
}
