/* Peer libraries for the SSYMV comparison in systec-bench: what users would
 * run instead of libsystec. Each is compiled in only when CMake finds it
 * (BENCH_HAVE_RSB, BENCH_HAVE_GRAPHBLAS, BENCH_HAVE_OPENBLAS). */
#ifndef SYSTEC_BENCH_PEERS_H
#define SYSTEC_BENCH_PEERS_H

#include <stddef.h>
#include <stdint.h>

typedef struct peer {
    const char *name;  /* column heading */
    void *ctx;
    double prep_ms;    /* conversion, and tuning where the peer tunes */
    int (*run)(void *ctx, const double *x, double *y); /* y = A*x; 0 on success */
    void (*release)(void *ctx);
    /* single precision: run_s in place of run (which is then NULL) */
    int (*run_s)(void *ctx, const float *x, float *y);
} peer_t;

/* The matrix as the peers take it: its lower triangle with the diagonal and
 * its full expansion, int32 CSR with sorted rows; double values (lv, fv),
 * or with single set float values (lvs, fvs; lv and fv NULL). */
typedef struct {
    int64_t n;
    const int32_t *lrp, *lci;
    const double *lv;
    const int32_t *frp, *fci;
    const double *fv;
    int single;
    const float *lvs, *fvs;
} peer_matrix_t;

/* Helpers shared by the peer files (peers.c): CLOCK_MONOTONIC in ms, and
 * "what" appended to a "; "-separated note in err (size errlen). */
double peers_now_ms(void);
void peers_append(char *err, size_t errlen, const char *what);
#ifdef BENCH_HAVE_GRAPHBLAS
#include <GraphBLAS.h>
/* A GraphBLAS matrix (m-by-n) of the int32 CSR (rp, ci) with values v (float
 * when single, else double), or all ones (FP64) where v is NULL, a mask;
 * NULL on failure. Shared by the SSYMV and SSYRK peers. */
GrB_Matrix peers_grb_from_csr(int64_t m, int64_t n, const int32_t *rp, const int32_t *ci,
                              const void *v, int single);
#endif

/* The report's words where MKL was not compiled in. */
#define PEERS_NO_MKL "MKL not found at build time (optional; not available on Debian main)"

/* One-time set-up of the peer libraries, each told to use `threads`
 * threads; returns a line naming the peers compiled in (with versions) and
 * those missing, for the report. */
const char *peers_init(int threads);
void peers_exit(void);

/* Prepares every available peer for M into out (at most max); returns how
 * many. A peer that fails to prepare is left out, with its reason appended
 * to err (size errlen). In single precision: librsb, GraphBLAS and
 * OpenBLAS ssymv (the MKL peers are double only). */
int peers_prepare(const peer_matrix_t *M, peer_t *out, int max, char *err, size_t errlen);
void peers_release(peer_t *p, int n);

#endif
