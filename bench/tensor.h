/*
 * The tensor operations' state (--op mttkrp, ttm): the handles and buffers
 * of one tensor at one rank while it is timed (ten_ctx_t) and what is
 * reported of it (ten_row_t, a row of the table and of the CSV).
 *
 * Slots: 0 is libsystec's symmetric kernel, 1..nbase the baseline
 * candidates, then (an operation with one) the expansion of the symmetric result,
 * then the dense peer where it runs.
 */
#ifndef BENCH_TENSOR_H
#define BENCH_TENSOR_H

#include <stddef.h>
#include <stdint.h>

#include "inputs.h"
#include "ops.h"
#include "ref_program.h"
#include "stats.h"
#include "status.h"
#include "systec.h"

#define TEN_MAX_SLOTS (3 + OP_MAX_BASE)
#define TEN_MAX_SCALE 64 /* the scaling table's thread counts, at most */
#define PEER_NONE (-1) /* ten_row_t.peer_status: the peer was not considered */

typedef struct ten_ctx {
    const bench_op_t *op;
    int dbl;
    int order;
    int64_t n, R;
    const systec_symten_t *A; /* the canonical handle */
    const systec_csften_t *F; /* the full tensor in CSF, the baselines' operand */
    const systec_tns_t *L;    /* the full coordinate list (list_baseline operations) */
    void *in;                 /* the operation's own input (ten_input_t), or NULL */
    const void *B;
    int nslot, nbase, exp, peer; /* exp, peer: their slots, or -1 */
    const ten_variant_t *var[TEN_MAX_SLOTS];
    void *out[TEN_MAX_SLOTS]; /* the peer's: double */
    const double *Ad;         /* the dense peer's tensor, or NULL (no peer) */
    call_error_t err;
} ten_ctx_t;

typedef struct ten_row {
    const input_t *in;
    int q; /* the rank's place in in->rank */
    int64_t R;
    int status;
    char error[768];
    int order;
    int64_t n, nnz, full_nnz, csf_nodes; /* -1 until known */
    double load_s, create_s, expand_s, csf_s; /* per tensor, repeated on its rows */
    /* the operation's own input (ten_input_t): its seconds, and the output
     * rows of the symmetric kernel and of the baseline (TTM's rows), or -1 */
    double input_s;
    int64_t rows_sym, rows_base;
    int64_t out_sym, out_base; /* elements of the symmetric result and the baselines' */
    int nslot, nbase, base, exp, peer; /* as in ten_ctx_t; base: the fastest candidate's slot */
    char base_name[64];
    series_t t[TEN_MAX_SLOTS]; /* seconds per call */
    series_t x[TEN_MAX_SLOTS]; /* t[slot] / t[0], paired per round */
    /* with an expansion, per round: t_base / (t_sym + t_exp), t_sym + t_exp, and
     * (t_sym + t_exp) / t_base */
    series_t spx, se, rse;
    int64_t checked; /* sliced shapes: slices of the output checked (n: all); -1 */
    long inner;
    double max_err; /* max |difference| / bound over the comparisons */
    int64_t nbad;
    long long anon_huge_kb;
    /* the dense peer: PEER_NONE (not compiled in, --float, not the op's),
     * RUN_SKIPPED (peer_note says why), or the outcome of its run and check */
    int peer_status;
    char peer_note[512];
    /* --reference: the hand-written program's times (RUN_OK), or why not */
    int ref_status;
    ref_times_t reft;
    char ref_note[512];
    double peer_setup_s; /* the densification */
    long peer_inner;
    double peer_max_err;
    /* --threads N: libsystec's symmetric kernel at 1..nscale threads (ms per
     * call, medians) and the paired ratio t(1)/t(N) over rounds */
    int nscale;
    double scale_ms[TEN_MAX_SCALE];
    series_t scale_x;
} ten_row_t;

/* The reference of one rank: the checked j-slices sel[0..nsel) of the
 * output (unsliced shapes: one, the whole output), and the bound. */
typedef struct ten_ref {
    const double *ref, *bound;
    const int64_t *sel;
    int64_t nsel;
} ten_ref_t;

/* Timed: the table and the CSV give its times. */
int ten_timed(const ten_row_t *r);
/* The report's "checked" cell: "-" (not checked), "all", or "k/n <unit>"
 * for the sampled slices (unit "j", "i"). */
void ten_fmt_checked(char *buf, size_t len, const ten_row_t *r, const char *unit);
/* The outcome of rows[0..nr), with a message; returns -1. */
int ten_fail(ten_row_t *rows, int nr, int status, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The slot's variant's name ("systec_dmttkrp_csf"). */
const char *ten_slot_name(char *buf, size_t size, const ten_ctx_t *k, int slot);

#endif /* BENCH_TENSOR_H */
