/* --threads N (N > 1): libsystec's symmetric kernel of one matrix timed
 * again at 1, 2, ..., N threads (its plans remade for each count), for the
 * scaling table; the other columns of the report are all at N threads. */
#ifndef BENCH_MATRIX_SCALING_H
#define BENCH_MATRIX_SCALING_H

#include "matrix.h"
#include "options.h"

/* Fills res->scale_ms (and scale_call_ms for SSYRK's whole call) for 1 ..
 * min(N, MAT_MAX_SCALE) threads, medians over rounds that run each count in
 * turn, and res->scale_x (scale_call_x) the median of the rounds' ratios of
 * 1 thread over N; the handles are planned for N threads again at the end.
 * Nothing when N is 1. */
void matrix_scaling(mat_ctx_t *k, const bench_options_t *o, mat_result_t *res);

/* The scaling table of every input that has one (stdout). */
void matrix_scaling_report(const mat_result_t *res, int n, int wname, const bench_options_t *o);

#endif /* BENCH_MATRIX_SCALING_H */
