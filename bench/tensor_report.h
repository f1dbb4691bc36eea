/* The tensor operations' report on stdout: the header, each operation's
 * table and summary (its report hook), the runs skipped and failed. */
#ifndef BENCH_TENSOR_REPORT_H
#define BENCH_TENSOR_REPORT_H

#include "options.h"
#include "results.h" /* bench_machine_t */
#include "tensor.h"

void tensor_report(const bench_op_t *op, const ten_row_t *rows, int n, const bench_options_t *o,
                   const bench_machine_t *m);

/* the operations' report hooks (ops.c) */
void mttkrp_report(const ten_row_t *rows, int n, const bench_options_t *o);
void ttm_report(const ten_row_t *rows, int n, const bench_options_t *o);
void ttmc_report(const ten_row_t *rows, int n, const bench_options_t *o);
void ttm_rows_report(const ten_row_t *rows, int n, const bench_options_t *o);

/* helpers of the hooks: the width of the input column, and the geomean
 * speedup of the runs that passed, files and synthetic apart */
int ten_name_width(const ten_row_t *rows, int n);
double ten_ns_per(double t, int64_t entries); /* ns per entry */

#endif /* BENCH_TENSOR_REPORT_H */
