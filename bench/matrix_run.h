/* One matrix through one operation: load or generate, build the handles,
 * set up, time every slot in paired rounds, check, run the peers. */
#ifndef BENCH_MATRIX_RUN_H
#define BENCH_MATRIX_RUN_H

#include "inputs.h"
#include "matrix.h"
#include "options.h"

void matrix_run_one(const bench_op_t *op, const input_t *in, const bench_options_t *o,
                    mat_result_t *res);

#endif /* BENCH_MATRIX_RUN_H */
