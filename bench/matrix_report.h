/* The matrix operations' report on stdout: the header (machine, timing
 * rules), the table, the peers' part (their hook), the geomeans. */
#ifndef BENCH_MATRIX_REPORT_H
#define BENCH_MATRIX_REPORT_H

#include "matrix.h"
#include "options.h"
#include "results.h" /* bench_machine_t */

/* Timed: the table and the CSV give its times. */
int mat_timed(const mat_result_t *r);

void matrix_report(const bench_op_t *op, const mat_result_t *res, int n,
                   const bench_options_t *o, const bench_machine_t *m);

/* The line under a peer table: the geomean of peer `name`'s ratio (`what`)
 * over the file matrices where it ran and was right; nothing if none. */
void mat_peer_geomean(const mat_result_t *res, int n, const char *name, const char *what);

#endif /* BENCH_MATRIX_REPORT_H */
