/*
 * The SSYRK peers (peers_syrk.c: CHOLMOD, GraphBLAS, OpenBLAS, MKL) against
 * libsystec on one matrix, and their table in the report: ops.c's peer
 * hooks for --op syrk.
 */
#ifndef BENCH_PEERS_SYRK_RUN_H
#define BENCH_PEERS_SYRK_RUN_H

#include "ops.h" /* mat_peers_t */

extern const mat_peers_t syrk_peers;

#endif /* BENCH_PEERS_SYRK_RUN_H */
