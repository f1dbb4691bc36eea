/*
 * The tensor operations' output shapes (ops.h's ten_shape_t), one per
 * layout, and the per-tensor input of TTM into a sparse output (its rows
 * objects): ops.c's table points at them.
 */
#ifndef BENCH_TENSOR_SHAPE_H
#define BENCH_TENSOR_SHAPE_H

#include "tensor.h"

/* n-by-R (MTTKRP, TTSV): one slice */
extern const ten_shape_t shape_rows;
/* TTM: the full n-by-n-by-R, the symmetric kernel the half j <= l packed */
extern const ten_shape_t shape_ttm;
/* TTMc: the full n-by-R^(N-1), the symmetric kernel the sorted runs packed */
extern const ten_shape_t shape_ttmc;
/* TTM into a sparse output: each call writes the rows of its rows object
 * (the symmetric one the pairs j <= l, the baseline's every pair) */
extern const ten_shape_t shape_ttm_rows;

/* The two rows objects of TTM into a sparse output: ten_ctx.in. */
typedef struct ttm_rows_in {
    systec_ttmrows_t *P[2]; /* [0]: the symmetric handle's, [1]: the full list's */
    int64_t rows[2];
    const int64_t *pairs[2];
} ttm_rows_in_t;
extern const ten_input_t ttm_rows_input;
/* TTMc's plan of the canonical handle (systec_ttmcplan_create): ten_ctx.in */
extern const ten_input_t ttmc_plan_input;

#endif /* BENCH_TENSOR_SHAPE_H */
