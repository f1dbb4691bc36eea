/* Intel MKL peers for systec-bench: its inspector-executor sparse BLAS
 * (mkl_spblas.h) for the SSYMV and SSYRK comparisons. Compiled in only when
 * CMake finds MKL (BENCH_HAVE_MKL; MKL is not in Debian main), and called
 * from peers.c and peers_syrk.c, which stay free of MKL's headers: nothing
 * here names an MKL type. */
#ifndef SYSTEC_BENCH_PEERS_MKL_H
#define SYSTEC_BENCH_PEERS_MKL_H

#include <stddef.h>

#include "peers.h"
#include "peers_syrk.h"

/* Tells MKL to use `threads` threads (from peers_init). */
void mkl_peers_init(int threads);
/* "MKL Version ...", from mkl_get_version_string, for the report line. */
const char *mkl_peers_version(void);
/* Frees MKL's internal buffers (from peers_exit, after the last MKL call). */
void mkl_peers_exit(void);

/* SSYMV peer: "MKL sym mv" (general == 0: the lower triangle, a symmetric
 * descriptor) or "MKL general mv" (general != 0: the full matrix), each
 * after mkl_sparse_set_mv_hint, mkl_sparse_set_memory_hint and
 * mkl_sparse_optimize. Returns 0 and fills *out (prep_ms left to the
 * caller), or nonzero with the reason in why (size whylen). */
int mkl_symv_peer_prepare(const peer_matrix_t *M, int general, peer_t *out, char *why,
                          size_t whylen);

/* SSYRK peer "MKL syrk" under the given name: mkl_sparse_syrk(A) into a new
 * handle per call. Returns 0 and fills *out (prep_ms left to the caller), or
 * nonzero with the reason in why. */
int mkl_syrk_peer_prepare(const syrk_problem_t *P, const char *name, syrk_peer_t *out,
                          char *why, size_t whylen);

#endif
