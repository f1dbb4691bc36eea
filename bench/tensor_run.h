/* One tensor through one operation: load or generate, the canonical
 * handle, the baselines' full tensor and CSF, the reference per rank, then
 * each rank (tensor_rank.h). */
#ifndef BENCH_TENSOR_RUN_H
#define BENCH_TENSOR_RUN_H

#include "inputs.h"
#include "options.h"
#include "tensor.h"

/* rows[0..in->nrank): one per rank; everything is freed before returning. */
void tensor_run_one(const bench_op_t *op, const input_t *in, const bench_options_t *o,
                    ten_row_t *rows);

#endif /* BENCH_TENSOR_RUN_H */
