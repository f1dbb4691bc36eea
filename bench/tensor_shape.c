/* The tensor operations' output shapes (tensor_shape.h). */
#include "tensor_shape.h"

#include <stdlib.h>

static int64_t rows_cells(const ten_ctx_t *k) { return k->n * k->R; }

const ten_shape_t shape_rows = {rows_cells, rows_cells, 0, rows_cells, "slices", NULL};

static int64_t ttm_sym(const ten_ctx_t *k) { return k->n * (k->n + 1) / 2 * k->R; }
static int64_t ttm_full(const ten_ctx_t *k) { return k->n * k->n * k->R; }

const ten_shape_t shape_ttm = {ttm_sym, ttm_full, 1, rows_cells, "j-slices", NULL};

static int64_t ttmc_sym(const ten_ctx_t *k)
{
    int64_t packed = 0;
    systec_ttmc_size(k->order, k->n, k->R, &packed, NULL);
    return packed;
}

static int64_t ttmc_full(const ten_ctx_t *k)
{
    int64_t full = 0;
    systec_ttmc_size(k->order, k->n, k->R, NULL, &full);
    return full;
}

static int64_t ttmc_slice(const ten_ctx_t *k) { return k->n > 0 ? ttmc_full(k) / k->n : 0; }

const ten_shape_t shape_ttmc = {ttmc_sym, ttmc_full, 1, ttmc_slice, "i-slices", NULL};

/* ------------------------------------------------ TTM into a sparse output */

static int64_t rows_sym(const ten_ctx_t *k)
{
    return ((const ttm_rows_in_t *)k->in)->rows[0] * k->R;
}

static int64_t rows_base(const ten_ctx_t *k)
{
    return ((const ttm_rows_in_t *)k->in)->rows[1] * k->R;
}

/* The row of pair (j, l) among npairs sorted pairs, or -1. */
static int64_t find_pair(const int64_t *pairs, int64_t npairs, int64_t j, int64_t l)
{
    int64_t lo = 0, hi = npairs;
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2, a = pairs[2 * mid], b = pairs[2 * mid + 1];
        if (a < j || (a == j && b < l))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < npairs && pairs[2 * lo] == j && pairs[2 * lo + 1] == l ? lo : -1;
}

/* Element (j, l, i) of the full result (q = l*R + i in slice j) from a
 * slot's rows: the symmetric one holds (min, max) of the pair; a pair in no
 * row is 0. */
static double rows_at(const ten_ctx_t *k, int slot, int64_t j, int64_t q)
{
    const ttm_rows_in_t *in = k->in;
    const int base = slot != SLOT_SYM;
    int64_t l = q / k->R, i = q % k->R, a = j, b = l;
    if (!base && a > b) a = l, b = j;
    int64_t r = find_pair(in->pairs[base], in->rows[base], a, b);
    if (r < 0) return 0.0;
    return k->dbl ? ((const double *)k->out[slot])[r * k->R + i]
                  : (double)((const float *)k->out[slot])[r * k->R + i];
}

const ten_shape_t shape_ttm_rows = {rows_sym, rows_base, 1, rows_cells, "j-slices", rows_at};

static void *rows_make(const systec_symten_t *A, const systec_tns_t *F, int dbl,
                       systec_status_t *st, const char **what)
{
    ttm_rows_in_t *in = calloc(1, sizeof *in);
    if (!in) {
        *st = SYSTEC_ERR_OUT_OF_MEMORY;
        *what = "the rows objects";
        return NULL;
    }
    *what = "systec_ttmrows_create";
    *st = systec_ttmrows_create(&in->P[0], A);
    if (*st == SYSTEC_SUCCESS) {
        *what = "systec_ttmrows_create_coo";
        *st = systec_ttmrows_create_coo(&in->P[1], F, dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT);
    }
    for (int b = 0; b < 2 && *st == SYSTEC_SUCCESS; b++)
        *st = systec_ttmrows_info(in->P[b], NULL, &in->rows[b], &in->pairs[b]);
    return in;
}

static void rows_release(void *p)
{
    ttm_rows_in_t *in = p;
    if (!in) return;
    systec_ttmrows_free(&in->P[0]);
    systec_ttmrows_free(&in->P[1]);
    free(in);
}

const ten_input_t ttm_rows_input = {rows_make, rows_release};

/* ------------------------------------------------------------ TTMc's plan */

static void *plan_make(const systec_symten_t *A, const systec_tns_t *F, int dbl,
                       systec_status_t *st, const char **what)
{
    (void)F;
    (void)dbl;
    systec_ttmcplan_t *P = NULL;
    *what = "systec_ttmcplan_create";
    *st = systec_ttmcplan_create(&P, A);
    return P;
}

static void plan_release(void *p)
{
    systec_ttmcplan_t *P = p;
    systec_ttmcplan_free(&P);
}

const ten_input_t ttmc_plan_input = {plan_make, plan_release};
