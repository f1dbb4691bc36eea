/* The tensor operations' CSV rows (results.h): per tensor and rank,
 * libsystec's symmetric kernel, its baseline and the other candidates,
 * with the expansion (where the operation has one) and the dense peer; one libsystec row
 * saying why for a run that was not timed. */
#ifndef BENCH_TENSOR_CSV_H
#define BENCH_TENSOR_CSV_H

#include <stdio.h>

#include "options.h"
#include "results.h"
#include "tensor.h"

void tensor_csv_rows(FILE *f, const bench_op_t *op, const ten_row_t *r, const bench_options_t *o,
                     const bench_machine_t *m);

#endif /* BENCH_TENSOR_CSV_H */
