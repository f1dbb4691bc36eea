/*
 * The SSYMV peers (peers.c: librsb, GraphBLAS, OpenBLAS, MKL) against
 * libsystec on one matrix, and their lines in the report: ops.c's peer
 * hooks for --op symv.
 */
#ifndef BENCH_PEERS_SYMV_RUN_H
#define BENCH_PEERS_SYMV_RUN_H

#include "ops.h" /* mat_peers_t */

extern const mat_peers_t symv_peers;

#endif /* BENCH_PEERS_SYMV_RUN_H */
