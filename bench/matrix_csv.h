/* The matrix operations' CSV rows (results.h): per matrix, libsystec's
 * symmetric kernel, its baseline, the other candidates and the reference
 * point, and every peer. */
#ifndef BENCH_MATRIX_CSV_H
#define BENCH_MATRIX_CSV_H

#include <stdio.h>

#include "matrix.h"
#include "options.h"
#include "results.h"

void matrix_csv_rows(FILE *f, const bench_op_t *op, const mat_result_t *r,
                     const bench_options_t *o, const bench_machine_t *m);

#endif /* BENCH_MATRIX_CSV_H */
