/* systec-bench on tensors: every input (at each of its ranks) through one
 * tensor operation, then the report and the CSV (ops.c's runner for
 * INPUT_TENSOR). */
#ifndef BENCH_TENSORS_H
#define BENCH_TENSORS_H

#include "ops.h"
#include "options.h"
#include "results.h"

/* Returns the exit status: 0 all passed or were skipped, 1 a failure, 2
 * no inputs or the CSV file cannot be created. */
int bench_tensors(const bench_op_t *op, const bench_options_t *o, const bench_machine_t *m);

#endif /* BENCH_TENSORS_H */
