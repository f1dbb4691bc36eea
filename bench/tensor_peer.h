/* TTM's dense OpenBLAS peer (peers_ttm.h) on one tensor: which ranks it
 * runs at, its densified tensor, and its part of the report. */
#ifndef BENCH_TENSOR_PEER_H
#define BENCH_TENSOR_PEER_H

#include "options.h"
#include "systec.h"
#include "tensor.h"

/* For each rank that runs: whether cblas_dgemm takes its sizes and its
 * dense A and C fit in the budget (peer_status RUN_OK, else RUN_SKIPPED
 * with the reason); if any rank is left, densifies the full list F once
 * (the set-up time of every such rank) and returns it, else NULL. A
 * densification that fails is an ERROR for those ranks. */
double *tensor_peer_prepare(const systec_tns_t *F, int64_t n, ten_row_t *rows, int nr);

/* A table of its runs beside the symmetric kernel, the reasons it did not
 * run, its geomean ratio. */
void tensor_peer_report(const ten_row_t *rows, int nrows, const bench_options_t *o);

#endif /* BENCH_TENSOR_PEER_H */
