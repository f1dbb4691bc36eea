/* systec-bench on matrices: every input through one matrix operation,
 * then the report and the CSV (ops.c's runner for INPUT_MATRIX). */
#ifndef BENCH_MATRICES_H
#define BENCH_MATRICES_H

#include "ops.h"
#include "options.h"
#include "results.h"

/* Returns the exit status: 0 all passed or were skipped, 1 a failure, 2
 * bad options, no inputs, or the CSV file cannot be created. */
int bench_matrices(const bench_op_t *op, const bench_options_t *o, const bench_machine_t *m);

#endif /* BENCH_MATRICES_H */
