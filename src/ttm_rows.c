/* TTM into a sparse output (systec_ttmrows_*, systec_?ttm_rows), through
 * the kernels systec-gen derives from gen/kernels/ttm_rows.spec (format C
 * sparse): the symmetric handle's updates, three per canonical entry
 * (storage byout, table systec_inst_ttm_rows), or the full list's entries
 * (the baseline, coofull), sorted by their output pair (j, l) and numbered
 * by it (the symbolic phase, once per rows object); each call then writes
 * row pos[e] of every entry. */
#include "coo_order.h"
#include "dispatch.h"
#include "kernels.h"
#include "tuning.h"

#include <stdlib.h>
#include <string.h>

#define SYSTEC_MAGIC_TTMROWS 0x54524f57u /* "TROW" */

struct systec_ttmrows {
    uint32_t magic;
    int full;    /* the baseline's rows (every pair) */
    int64_t n;
    systec__olist L; /* sorted by pair, pos and rows set */
};

static int valid_rows(const systec_ttmrows_t *P) { return P && P->magic == SYSTEC_MAGIC_TTMROWS; }

/* The instance table of the symmetric kernel. */
static const systec__insttab ttm_rows_inst = {systec_inst_ttm_rows, SYSTEC_NINST_ttm_rows, 3,
                                              systec_facepos_ttm_rows};

/* The symbolic phase on a list: sorted by pair, the pairs numbered. */
static systec_status_t rows_finish(const char *fn, systec_ttmrows_t **P, systec_ttmrows_t *R)
{
    systec_status_t st = systec__olist_sort(fn, &R->L, systec_instkey_ttm_rows, R->n);
    if (!st) st = systec__olist_rows(fn, &R->L, systec_instkey_ttm_rows, SYSTEC_INSTROW_ttm_rows);
    if (st) {
        systec__olist_free(&R->L);
        systec__free(R);
        return st;
    }
    R->magic = SYSTEC_MAGIC_TTMROWS;
    *P = R;
    return SYSTEC_SUCCESS;
}

systec_status_t systec_ttmrows_create(systec_ttmrows_t **P, const systec_symten_t *A)
{
    static const char fn[] = "systec_ttmrows_create";
    systec__clear_error();
    if (!P || !A) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: %s is NULL", fn, P ? "A" : "P");
    int order = 0;
    int64_t n = 0;
    systec_dtype_t dt;
    systec_status_t st = systec_symten_info(A, &order, &n, NULL, NULL, &dt);
    if (st) return systec__fail(st, "%s: A is not a symmetric tensor handle", fn);
    if (order != 3)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: TTM needs an order-3 tensor, not %d", fn,
                            order);
    systec_tns_t C;
    if ((st = systec_symten_to_tns(A, &C))) return st;
    systec_ttmrows_t *R = systec__calloc(1, sizeof *R);
    if (!R) st = systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: the rows object", fn);
    if (!st) st = systec__olist_instances(fn, 3, C.nnz, C.ind, C.val, &ttm_rows_inst, dt, &R->L);
    systec_tns_free(&C);
    if (st) {
        systec__free(R);
        return st;
    }
    R->n = n;
    return rows_finish(fn, P, R);
}

systec_status_t systec_ttmrows_create_coo(systec_ttmrows_t **P, const systec_tns_t *T,
                                          systec_dtype_t dtype)
{
    static const char fn[] = "systec_ttmrows_create_coo";
    systec__clear_error();
    if (!P || !T) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: %s is NULL", fn, P ? "T" : "P");
    if (dtype != SYSTEC_DOUBLE && dtype != SYSTEC_FLOAT)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: dtype %d", fn, (int)dtype);
    if (T->order != 3)
        return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: TTM needs an order-3 tensor, not %d", fn,
                            T->order);
    if (T->dim < 0 || T->nnz < 0)
        return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%s: dim = %lld, nnz = %lld", fn,
                            (long long)T->dim, (long long)T->nnz);
    if (T->nnz > 0 && (!T->ind || !T->val))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: T's arrays are NULL", fn);
    for (int64_t e = 0; e < 3 * T->nnz; e++)
        if (T->ind[e] < 0 || T->ind[e] >= T->dim)
            return systec__fail(SYSTEC_ERR_INDEX_OUT_OF_RANGE, "%s: entry %lld has coordinate "
                                "%lld outside [0, %lld)", fn, (long long)(e / 3),
                                (long long)T->ind[e], (long long)T->dim);
    systec_ttmrows_t *R = systec__calloc(1, sizeof *R);
    if (!R) return systec__fail(SYSTEC_ERR_OUT_OF_MEMORY, "%s: the rows object", fn);
    systec_status_t st = systec__olist_copy(fn, 3, T->nnz, T->ind, T->val, dtype, &R->L);
    if (st) {
        systec__free(R);
        return st;
    }
    R->n = T->dim;
    R->full = 1;
    return rows_finish(fn, P, R);
}

void systec_ttmrows_free(systec_ttmrows_t **P)
{
    if (!P || !valid_rows(*P)) return;
    systec__olist_free(&(*P)->L);
    (*P)->magic = 0;
    systec__free(*P);
    *P = NULL;
}

systec_status_t systec_ttmrows_info(const systec_ttmrows_t *P, int64_t *n, int64_t *rows,
                                    const int64_t **pairs)
{
    systec__clear_error();
    if (!valid_rows(P))
        return systec__fail(P ? SYSTEC_ERR_INVALID_OBJECT : SYSTEC_ERR_NULL_POINTER,
                            "systec_ttmrows_info: P is not a rows object");
    if (n) *n = P->n;
    if (rows) *rows = P->L.nrows;
    if (pairs) *pairs = P->L.rows;
    return SYSTEC_SUCCESS;
}

static systec_status_t ttm_rows(const char *fn, const systec_ttmrows_t *P, systec_dtype_t dt,
                                int64_t R, const void *B, void *C)
{
    systec__clear_error();
    if (!valid_rows(P))
        return systec__fail(P ? SYSTEC_ERR_INVALID_OBJECT : SYSTEC_ERR_NULL_POINTER,
                            "%s: P is not a rows object", fn);
    if (P->L.dt != dt)
        return systec__fail(SYSTEC_ERR_TYPE_MISMATCH, "%s: the rows object holds %s values", fn,
                            P->L.dt == SYSTEC_DOUBLE ? "double" : "float");
    if (R < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%s: R = %lld", fn, (long long)R);
    if (R > 0 && P->L.nrows > INT64_MAX / R)
        return systec__fail(SYSTEC_ERR_INDEX_OVERFLOW, "%s: rows * R overflows", fn);
    const int64_t cells = P->L.nrows * R, vs = (int64_t)systec__vsize(dt);
    if (cells > 0 && (!B || !C))
        return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: %s is NULL", fn, !B ? "B" : "C");
    if (cells > 0 && (const char *)B < (const char *)C + cells * vs &&
        (const char *)C < (const char *)B + P->n * R * vs)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: B and C overlap", fn);
    const systec_kimpl_t *tab;
    systec_status_t st = systec__ktable_get(&tab);
    if (st) return st;
    int k = systec__kid(SYSTEC_KOP_ttm_rows, P->full ? SYSTEC_KST_coofull : SYSTEC_KST_byout,
                        SYSTEC_KSC_generic, dt, SYSTEC_INT64);
    if (k < 0) return systec__fail(SYSTEC_ERR_UNSUPPORTED, "%s: no kernel in this build", fn);
    if (cells == 0) return SYSTEC_SUCCESS;
    memset(C, 0, (size_t)(cells * vs));
    /* the spec's indices by first appearance: j, l, i, k */
    const int64_t dims[4] = {P->n, P->n, R, P->n};
    const void *dense[1] = {B};
    const systec_gface_t face = systec__olist_face(&P->L);
    systec_kargs_t a = {0};
    a.faces = &face;
    a.dense = dense;
    a.dims = dims;
    a.out = C;
    tab[k].call(&a);
    return SYSTEC_SUCCESS;
}

systec_status_t systec_dttm_rows(const systec_ttmrows_t *P, int64_t R, const double *B, double *C)
{
    return ttm_rows("systec_dttm_rows", P, SYSTEC_DOUBLE, R, B, C);
}

systec_status_t systec_sttm_rows(const systec_ttmrows_t *P, int64_t R, const float *B, float *C)
{
    return ttm_rows("systec_sttm_rows", P, SYSTEC_FLOAT, R, B, C);
}

systec_status_t systec_ttm_choose_output(const systec_symten_t *A, const systec_ttmrows_t *P,
                                         int64_t R, int *rows_out, int64_t *cells)
{
    static const char fn[] = "systec_ttm_choose_output";
    systec__clear_error();
    if (!rows_out) return systec__fail(SYSTEC_ERR_NULL_POINTER, "%s: rows_out is NULL", fn);
    int order = 0;
    int64_t n = 0;
    systec_status_t st = systec_symten_info(A, &order, &n, NULL, NULL, NULL);
    if (st) return systec__fail(st, "%s: A is not a symmetric tensor handle", fn);
    if (!valid_rows(P) || P->full || P->n != n)
        return systec__fail(SYSTEC_ERR_INVALID_VALUE, "%s: P is not the rows object of A", fn);
    if (R < 0) return systec__fail(SYSTEC_ERR_INVALID_SIZE, "%s: R = %lld", fn, (long long)R);
    systec__rule why;
    const int64_t packed = n * (n + 1) / 2;
    int use = systec__choose_ttm_rows(packed, P->L.nrows, &why);
    if (systec__verbose()) {
        char text[256];
        systec__rule_text(why, NULL, text, sizeof text);
        systec__log("%s: %lld of %lld rows: %s", fn, (long long)P->L.nrows, (long long)packed,
                    text);
    }
    *rows_out = use;
    if (cells) *cells = (use ? P->L.nrows : packed) * R;
    return SYSTEC_SUCCESS;
}
