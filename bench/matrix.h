/*
 * The matrix operations' state (--op symv, syprd, minplus, symm, syrk,
 * syrk_dense): the handles and buffers of one matrix while it is timed
 * (mat_ctx_t) and what is reported of it (mat_result_t).
 *
 * Slots: 0 is libsystec's symmetric kernel, 1..nbase the baseline
 * candidates, then the reference point if the operation has one.
 */
#ifndef BENCH_MATRIX_H
#define BENCH_MATRIX_H

#include <stddef.h>
#include <stdint.h>

#include "ops.h"
#include "stats.h"
#include "status.h"
#include "systec.h"

#define MAT_MAX_SLOTS (2 + OP_MAX_BASE)
#define MAT_MAX_PEERS 8
#define MAT_MAX_SCALE 64      /* the scaling table's thread counts, at most */
#define MAT_MAX_REPS_SCALE 64 /* and its rounds */

/* The bench's own full CSR (both triangles, int32), for the plain loops,
 * and the loops compiled for the library's ISA variant. */
typedef struct plain_csr {
    int32_t *rp, *ci;
    void *v;
    const struct plain_loops *loops;
} plain_csr_t;

typedef struct mat_ctx {
    const bench_op_t *op;
    int dbl;
    int threads;     /* --threads: libsystec's plans have this many */
    int64_t n, cols; /* rows; columns of x and y (SSYMM), else 1 */
    systec_symmat_t *S;
    systec_csrmat_t *G;    /* the full expansion, the baselines' operand */
    int nslot, nbase, ref; /* ref: the reference's slot, or -1 */
    const mat_variant_t *var[MAT_MAX_SLOTS];
    void *x;
    void *out[MAT_MAX_SLOTS];             /* vectors, blocks or dense products */
    systec_csrmat_t *prod[MAT_MAX_SLOTS]; /* SSYRK's sparse products */
    plain_csr_t plain;
    double *yref, *ax; /* the reference result and its bound (sum of |terms|) */
    long inner;        /* calls per sample */
    call_error_t err;
} mat_ctx_t;

/* The peers of one matrix: median time and paired ratio to libsystec's
 * call, over their rounds. */
typedef struct mat_peer_results {
    int n;
    const char *name[MAT_MAX_PEERS];
    series_t t[MAT_MAX_PEERS], ratio[MAT_MAX_PEERS];
    double prep_ms[MAT_MAX_PEERS];
    int bad[MAT_MAX_PEERS];
    int64_t nbad[MAT_MAX_PEERS]; /* SSYRK: entries that differ from the reference */
    double ref_t;                /* libsystec's median time in these rounds (SSYRK) */
    long inner;
    int reps;
    char err[256];
} mat_peer_results_t;

typedef struct mat_result {
    const char *name, *origin, *path;
    int status;
    char error[768];
    int64_t n, nnz_full, nnz_strict;
    double load_ms, conv_ms, exp_ms;
    int nslot, base, ref; /* base: the fastest candidate's slot; ref as in mat_ctx_t */
    char base_name[64], ref_name[64];
    series_t t[MAT_MAX_SLOTS]; /* seconds per call */
    series_t x[MAT_MAX_SLOTS]; /* t[slot] / t[SLOT_SYM], paired per round */
    double bytes_sym, bytes_full, gbs_sym, gbs_full;
    long inner;
    double max_err; /* the largest |difference| / bound over the comparisons */
    int64_t nbad;
    long long anon_huge_kb;
    mat_peer_results_t peers;
    int nscale;                          /* --threads N: thread counts in scale_ms */
    double scale_ms[MAT_MAX_SCALE];      /* libsystec's kernel at 1.. threads, ms */
    double scale_call_ms[MAT_MAX_SCALE]; /* SSYRK's whole call; NAN for the others */
    double scale_x, scale_call_x;        /* median paired ratio, 1 thread over N */
} mat_result_t;

/* The slot's variant's name ("systec_dgemv"). */
const char *mat_slot_name(char *buf, size_t size, const mat_ctx_t *k, int slot);
/* Runs `inner` calls of slot s (a mat_ctx_t); returns seconds per call. */
double mat_sample(void *k, int s, long inner);
/* The outcome of res, with a message. */
void mat_fail(mat_result_t *res, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif /* BENCH_MATRIX_H */
