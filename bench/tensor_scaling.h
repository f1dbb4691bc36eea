/* --threads N (N > 1): libsystec's symmetric tensor kernel of one tensor
 * at one rank timed again at 1, 2, ..., N threads, the counts interleaved
 * round by round (paired ratios), for the tensor scaling table; the other
 * columns of the report are all at N threads. */
#ifndef BENCH_TENSOR_SCALING_H
#define BENCH_TENSOR_SCALING_H

#include "options.h"
#include "tensor.h"

/* Fills row->scale_ms, scale_x and nscale (1 .. min(N, TEN_MAX_SCALE));
 * the library is set to N threads again at the end. Nothing when N is 1. */
void tensor_scaling(ten_ctx_t *k, const bench_options_t *o, ten_row_t *row);

/* The scaling table of every row that has one, and the geomean of the
 * 1 -> N ratio per order (stdout). */
void tensor_scaling_report(const ten_row_t *rows, int n, const bench_options_t *o);

#endif /* BENCH_TENSOR_SCALING_H */
