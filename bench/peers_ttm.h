/*
 * systec-bench --op ttm: the dense OpenBLAS peer (peers_ttm.c). What a user
 * without a sparse tensor library would run: densify the order-3 tensor A
 * into an (n*n)-by-n row-major matrix and compute C = A * B with one
 * cblas_dgemm, (n^2 x n) times (n x R), C[(j*n + l)*R + i] = sum_k
 * A[j,l,k] B[k,i]: the layout of the baseline's full output. Compiled in
 * only with BENCH_HAVE_OPENBLAS; double only. See docs/bench-method.md (Peers).
 */
#ifndef BENCH_PEERS_TTM_H
#define BENCH_PEERS_TTM_H

#include <stddef.h>
#include <stdint.h>

#include "systec.h"

#define TTM_PEER_NAME "OpenBLAS dgemm"
/* the peer's dense A and C must fit in the smaller of half of MemAvailable
 * and this */
#define TTM_PEER_CAP (8.0 * 1024 * 1024 * 1024) /* bytes */

/* 1 if the peer is compiled in (OpenBLAS found by CMake), else 0. */
int ttm_peer_compiled(void);
/* The library's configuration string (openblas_get_config()), or NULL. */
const char *ttm_peer_library(void);
/* The thread count OpenBLAS reports (openblas_get_num_threads()), -1 if not
 * compiled in. */
int ttm_peer_threads(void);

/* Bytes of the peer's dense A (n^3 doubles) and C (n^2 * R doubles). */
double ttm_peer_bytes(int64_t n, int64_t R);
/* The memory budget for those, in bytes: the smaller of half of
 * MemAvailable (/proc/meminfo, read now) and TTM_PEER_CAP; TTM_PEER_CAP
 * alone when MemAvailable cannot be read. *avail gets MemAvailable in
 * bytes (NAN when unknown). */
double ttm_peer_budget(double *avail);
/* 0 if cblas_dgemm can take these sizes (its int arguments: n*n and R),
 * else -1 with the reason in why. */
int ttm_peer_fits_int(int64_t n, int64_t R, char *why, size_t len);

/* The dense A from the full coordinate list F (every permutation of every
 * entry, order 3): n^3 doubles, A[(j*n + l)*n + k], zero elsewhere
 * (duplicates summed). NULL with a message in err if it cannot be
 * allocated. Free with free(). */
double *ttm_peer_densify(const systec_tns_t *F, char *err, size_t errlen);
/* C = A * B, one cblas_dgemm call; C (n*n*R doubles) is overwritten. */
void ttm_peer_run(int64_t n, int64_t R, const double *A, const double *B, double *C);

#endif /* BENCH_PEERS_TTM_H */
