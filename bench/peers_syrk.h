/* Peer libraries for the SSYRK comparison in systec-bench (C = A*A^T for a
 * general sparse A): what users would call instead of systec_syrk. Each
 * peer computes the whole product (its own symbolic and numeric work) in
 * every call, so it is compared with systec_syrk's first call (symbolic +
 * numeric). Compiled in only when CMake finds the library
 * (BENCH_HAVE_CHOLMOD, BENCH_HAVE_GRAPHBLAS, BENCH_HAVE_OPENBLAS). */
#ifndef SYSTEC_BENCH_PEERS_SYRK_H
#define SYSTEC_BENCH_PEERS_SYRK_H

#include <stddef.h>
#include <stdint.h>

/* The operand, m-by-k, int32 CSR with sorted rows, double values (v) or,
 * with single set, float values (vs; v NULL); and the reference result: the
 * upper triangle of A*A^T (sorted rows), with a bound per entry (the sum of
 * |terms|) for the tolerance, in double either way. */
typedef struct {
    int64_t m, k;
    const int32_t *rp, *ci;
    const double *v;
    const int32_t *urp, *uci; /* reference upper triangle, m + 1 and its entries */
    const double *uv, *ubound;
    int single;
    const float *vs;
} syrk_problem_t;

typedef struct syrk_peer {
    const char *name;
    void *ctx;
    double prep_ms; /* conversion to the peer's format (and its mask) */
    /* computes the product; 0 on success */
    int (*run)(void *ctx);
    /* compares the last product's upper triangle with the reference:
     * returns the number of entries that differ by more than tol * bound or
     * are missing or extra (a pattern difference counts as one) */
    int64_t (*check)(void *ctx, const syrk_problem_t *P, double tol);
    void (*release)(void *ctx);
} syrk_peer_t;

/* Checks a peer's product, entry by entry, against the reference upper
 * triangle P->urp/uci/uv (the same rule for every SSYRK peer): feed each
 * stored entry (i, j, v) to syrk_check_entry (entries with i > j, the lower
 * triangle, are ignored); every upper entry of the reference must come, within
 * tol * P->ubound, and an entry outside its pattern only as an explicit zero.
 * syrk_check_done then returns the count of entries that differ, plus one
 * if the count of upper entries differs. */
typedef struct syrk_checker {
    const syrk_problem_t *P;
    double tol;
    int64_t bad, seen;
} syrk_checker_t;
void syrk_check_entry(syrk_checker_t *c, int64_t i, int64_t j, double v);
int64_t syrk_check_done(const syrk_checker_t *c);

/* Every name a peer compiled into this build may have in the given
 * precision (single: float), in a fixed order (the report's SSYRK table has
 * a column for each, "-" where a peer did not run); returns how many. */
int syrk_peer_names(int single, const char *const **names);

/* A line naming the SSYRK peers compiled in and those missing. Call after
 * peers_init() (which sets up GraphBLAS and OpenBLAS, one thread each). */
const char *syrk_peers_init(void);
void syrk_peers_exit(void);

/* Prepares every available peer for P into out (at most max); returns how
 * many. Failures are appended to err. In single precision: GraphBLAS and
 * OpenBLAS ssyrk (CHOLMOD and the MKL peer are double only). */
int syrk_peers_prepare(const syrk_problem_t *P, syrk_peer_t *out, int max, char *err,
                       size_t errlen);
void syrk_peers_release(syrk_peer_t *p, int n);

#endif
