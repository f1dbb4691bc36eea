/* One tensor at one rank: its outputs, the calibration, the paired rounds
 * of every slot, the statistics and the check against the reference. */
#ifndef BENCH_TENSOR_RANK_H
#define BENCH_TENSOR_RANK_H

#include "options.h"
#include "tensor.h"

/* k has op, dbl, n, R, A, F, B and (the peer's tensor, or NULL) Ad set. */
void tensor_run_rank(ten_ctx_t *k, const bench_options_t *o, const ten_ref_t *ref, ten_row_t *row);

#endif /* BENCH_TENSOR_RANK_H */
