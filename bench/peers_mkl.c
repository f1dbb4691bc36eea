/* Intel MKL peers (see peers_mkl.h), on MKL's inspector-executor sparse BLAS:
 *   MKL sym mv      mkl_sparse_d_mv on the lower triangle with a symmetric
 *                   descriptor (fill mode lower, non-unit diagonal);
 *   MKL general mv  mkl_sparse_d_mv on the full matrix (general descriptor);
 *                   both after mkl_sparse_set_mv_hint (a large call count),
 *                   mkl_sparse_set_memory_hint (aggressive) and
 *                   mkl_sparse_optimize, whose time is set-up time;
 *   MKL syrk        mkl_sparse_syrk(A): MKL computes the upper triangle of
 *                   A*A^T into a handle it creates, one per call.
 * Indices are MKL_INT: int in MKL's LP64 interface (what mkl_rt selects by
 * default). MKL takes non-const pointers and keeps them in the handle, so
 * each peer copies the bench's int32 arrays into MKL_INT arrays of its own,
 * freed after mkl_sparse_destroy. Every MKL status is checked: a failure
 * while preparing leaves the peer out with the reason, a failure in a call
 * makes run return nonzero. */
#include "peers_mkl.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mkl.h> /* mkl_get_version_string, mkl_set_num_threads, mkl_free_buffers */
#include <mkl_spblas.h>

/* expected mkl_sparse_d_mv calls per matrix, for mkl_sparse_set_mv_hint:
 * the bench makes thousands (inner calls x rounds); a large count lets MKL
 * spend its most thorough analysis in mkl_sparse_optimize */
#define MV_EXPECTED_CALLS 1000000

static const char *status_name(sparse_status_t s)
{
    switch (s) {
    case SPARSE_STATUS_SUCCESS: return "SPARSE_STATUS_SUCCESS";
    case SPARSE_STATUS_NOT_INITIALIZED: return "SPARSE_STATUS_NOT_INITIALIZED";
    case SPARSE_STATUS_ALLOC_FAILED: return "SPARSE_STATUS_ALLOC_FAILED";
    case SPARSE_STATUS_INVALID_VALUE: return "SPARSE_STATUS_INVALID_VALUE";
    case SPARSE_STATUS_EXECUTION_FAILED: return "SPARSE_STATUS_EXECUTION_FAILED";
    case SPARSE_STATUS_INTERNAL_ERROR: return "SPARSE_STATUS_INTERNAL_ERROR";
    case SPARSE_STATUS_NOT_SUPPORTED: return "SPARSE_STATUS_NOT_SUPPORTED";
    default: break;
    }
    static char unknown[40];
    snprintf(unknown, sizeof unknown, "sparse_status_t %d", (int)s);
    return unknown;
}

/* 0 if s is success; otherwise writes "<peer>: <call> returned <status>"
 * into why and returns 1 */
static int failed(sparse_status_t s, const char *peer, const char *call, char *why, size_t len)
{
    if (s == SPARSE_STATUS_SUCCESS) return 0;
    snprintf(why, len, "%s: %s returned %s", peer, call, status_name(s));
    return 1;
}

/* mkl_sparse_destroy from a release function, which cannot fail: a failure
 * is only reported */
static void destroy(sparse_matrix_t *A, const char *peer)
{
    if (!*A) return;
    sparse_status_t s = mkl_sparse_destroy(*A);
    if (s != SPARSE_STATUS_SUCCESS)
        fprintf(stderr, "systec-bench: %s: mkl_sparse_destroy returned %s\n", peer,
                status_name(s));
    *A = NULL;
}

/* A rows-by-cols int32 CSR matrix as MKL takes it: MKL_INT copies of the
 * row pointers and column indices, a copy of the values (all writable, as
 * mkl_sparse_d_create_csr's prototype asks). 0 on success. */
typedef struct {
    MKL_INT *rp, *ci;
    double *v;
} csr_copy;

static void csr_free(csr_copy *c)
{
    free(c->rp);
    free(c->ci);
    free(c->v);
    c->rp = c->ci = NULL;
    c->v = NULL;
}

static int csr_copy_of(csr_copy *c, int64_t rows, const int32_t *rp, const int32_t *ci,
                       const double *v)
{
    int64_t nz = rp[rows];
    c->rp = malloc(sizeof *c->rp * (size_t)(rows + 1));
    c->ci = malloc(sizeof *c->ci * (size_t)(nz + 1));
    c->v = malloc(sizeof *c->v * (size_t)(nz + 1));
    if (!c->rp || !c->ci || !c->v) {
        csr_free(c);
        return 1;
    }
    for (int64_t i = 0; i <= rows; i++) c->rp[i] = (MKL_INT)rp[i];
    for (int64_t p = 0; p < nz; p++) c->ci[p] = (MKL_INT)ci[p];
    if (nz > 0) memcpy(c->v, v, sizeof *c->v * (size_t)nz);
    return 0;
}

/* the handle over the copy (3-array CSR: rows_end = rows_start + 1) */
static sparse_status_t csr_handle(sparse_matrix_t *A, csr_copy *c, int64_t rows, int64_t cols)
{
    *A = NULL;
    sparse_status_t s = mkl_sparse_d_create_csr(A, SPARSE_INDEX_BASE_ZERO, (MKL_INT)rows,
                                                (MKL_INT)cols, c->rp, c->rp + 1, c->ci, c->v);
    if (s != SPARSE_STATUS_SUCCESS) *A = NULL; /* nothing to destroy */
    return s;
}

/* whether n fits in MKL_INT (always, for the bench's int32 matrices) */
static int fits(int64_t n) { return n >= 0 && (int64_t)(MKL_INT)n == n; }

/* ------------------------------------------------------------------ API */

static char version[160];

void mkl_peers_init(int threads)
{
    char buf[256];
    memset(buf, 0, sizeof buf);
    mkl_set_num_threads(threads);
    mkl_get_version_string(buf, (int)sizeof buf);
    buf[sizeof buf - 1] = '\0';
    /* "Intel(R) oneAPI Math Kernel Library Version 2024.0-Product Build
     * 20231011 for Intel(R) 64 architecture applications": keep "Version
     * ... Build ..." (the whole string if it is not of that form) */
    const char *from = strstr(buf, "Version ");
    if (!from) from = buf;
    const char *end = strstr(from, " for ");
    int len = end ? (int)(end - from) : (int)strlen(from);
    snprintf(version, sizeof version, "MKL %.*s", len, from);
}

const char *mkl_peers_version(void) { return version[0] ? version : "MKL"; }

void mkl_peers_exit(void) { mkl_free_buffers(); }

/* ----------------------------------------------------------------- SSYMV */

typedef struct {
    const char *name;
    sparse_matrix_t A;
    struct matrix_descr descr;
    csr_copy csr; /* the arrays the handle points to */
} mv_ctx;

/* beta = 0: y is taken not to be read (the BLAS convention). The bench's
 * check fills y with NaN before its call, so an MKL that read y would show
 * WRONG here. */
static int mv_run(void *c, const double *x, double *y)
{
    mv_ctx *m = c;
    return mkl_sparse_d_mv(SPARSE_OPERATION_NON_TRANSPOSE, 1.0, m->A, m->descr, x, 0.0, y) !=
           SPARSE_STATUS_SUCCESS;
}

static void mv_release(void *c)
{
    mv_ctx *m = c;
    destroy(&m->A, m->name); /* before the arrays it points to */
    csr_free(&m->csr);
    free(m);
}

int mkl_symv_peer_prepare(const peer_matrix_t *M, int general, peer_t *out, char *why,
                          size_t whylen)
{
    const char *name = general ? "MKL general mv" : "MKL sym mv";
    const int32_t *rp = general ? M->frp : M->lrp, *ci = general ? M->fci : M->lci;
    const double *v = general ? M->fv : M->lv;
    if (!fits(M->n) || !fits(rp[M->n])) {
        snprintf(why, whylen, "%s: matrix too large for MKL_INT", name);
        return 1;
    }
    mv_ctx *m = calloc(1, sizeof *m);
    if (!m || csr_copy_of(&m->csr, M->n, rp, ci, v)) {
        free(m);
        snprintf(why, whylen, "%s: out of memory", name);
        return 1;
    }
    m->name = name;
    m->descr.type = general ? SPARSE_MATRIX_TYPE_GENERAL : SPARSE_MATRIX_TYPE_SYMMETRIC;
    m->descr.mode = SPARSE_FILL_MODE_LOWER; /* read for the symmetric type only */
    m->descr.diag = SPARSE_DIAG_NON_UNIT;
    if (failed(csr_handle(&m->A, &m->csr, M->n, M->n), name, "mkl_sparse_d_create_csr", why,
               whylen) ||
        failed(mkl_sparse_set_mv_hint(m->A, SPARSE_OPERATION_NON_TRANSPOSE, m->descr,
                                      MV_EXPECTED_CALLS),
               name, "mkl_sparse_set_mv_hint", why, whylen) ||
        failed(mkl_sparse_set_memory_hint(m->A, SPARSE_MEMORY_AGGRESSIVE), name,
               "mkl_sparse_set_memory_hint", why, whylen) ||
        failed(mkl_sparse_optimize(m->A), name, "mkl_sparse_optimize", why, whylen)) {
        mv_release(m);
        return 1;
    }
    *out = (peer_t){name, m, 0.0, mv_run, mv_release, NULL};
    return 0;
}

/* ----------------------------------------------------------------- SSYRK */

typedef struct {
    const char *name;
    sparse_matrix_t A, C; /* the operand; the last product */
    csr_copy csr;         /* A's arrays */
} syrk_ctx;

/* The previous product is destroyed first (in the timing, as the CHOLMOD
 * peers free theirs), then MKL creates the new one. */
static int syrk_run(void *c)
{
    syrk_ctx *s = c;
    if (s->C) {
        sparse_status_t e = mkl_sparse_destroy(s->C);
        s->C = NULL;
        if (e != SPARSE_STATUS_SUCCESS) return 1;
    }
    sparse_matrix_t C = NULL;
    if (mkl_sparse_syrk(SPARSE_OPERATION_NON_TRANSPOSE, s->A, &C) != SPARSE_STATUS_SUCCESS)
        return 1; /* C is not a handle to destroy */
    s->C = C;
    return 0;
}

static int64_t syrk_check(void *c, const syrk_problem_t *P, double tol)
{
    syrk_ctx *s = c;
    const char *call = NULL;
    sparse_status_t e = SPARSE_STATUS_SUCCESS;
    sparse_index_base_t base = SPARSE_INDEX_BASE_ZERO;
    MKL_INT rows = 0, cols = 0, *rs = NULL, *re = NULL, *ci = NULL;
    double *v = NULL;
    if (!s->C) return 1;
    /* MKL's product may have unsorted rows: sort them (outside the timing) */
    if ((e = mkl_sparse_order(s->C)) != SPARSE_STATUS_SUCCESS)
        call = "mkl_sparse_order";
    else if ((e = mkl_sparse_d_export_csr(s->C, &base, &rows, &cols, &rs, &re, &ci, &v)) !=
             SPARSE_STATUS_SUCCESS)
        call = "mkl_sparse_d_export_csr";
    if (call) {
        fprintf(stderr, "systec-bench: %s: %s returned %s\n", s->name, call, status_name(e));
        return 1;
    }
    if ((int64_t)rows != P->m || (int64_t)cols != P->m) {
        fprintf(stderr, "systec-bench: %s: the product is %lld x %lld, not %lld x %lld\n",
                s->name, (long long)rows, (long long)cols, (long long)P->m, (long long)P->m);
        return 1;
    }
    const MKL_INT b = base == SPARSE_INDEX_BASE_ONE ? 1 : 0;
    syrk_checker_t k = {P, tol, 0, 0};
    for (MKL_INT i = 0; i < rows; i++)
        for (MKL_INT p = rs[i] - b; p < re[i] - b; p++)
            syrk_check_entry(&k, (int64_t)i, (int64_t)(ci[p] - b), v[p]);
    return syrk_check_done(&k);
}

static void syrk_release(void *c)
{
    syrk_ctx *s = c;
    destroy(&s->C, s->name);
    destroy(&s->A, s->name); /* before the arrays it points to */
    csr_free(&s->csr);
    free(s);
}

int mkl_syrk_peer_prepare(const syrk_problem_t *P, const char *name, syrk_peer_t *out,
                          char *why, size_t whylen)
{
    if (!fits(P->m) || !fits(P->k) || !fits(P->rp[P->m])) {
        snprintf(why, whylen, "%s: matrix too large for MKL_INT", name);
        return 1;
    }
    syrk_ctx *s = calloc(1, sizeof *s);
    if (!s || csr_copy_of(&s->csr, P->m, P->rp, P->ci, P->v)) {
        free(s);
        snprintf(why, whylen, "%s: out of memory", name);
        return 1;
    }
    s->name = name;
    /* the bench's rows are sorted, as mkl_sparse_syrk requires of its input */
    if (failed(csr_handle(&s->A, &s->csr, P->m, P->k), name, "mkl_sparse_d_create_csr", why,
               whylen)) {
        syrk_release(s);
        return 1;
    }
    *out = (syrk_peer_t){name, s, 0.0, syrk_run, syrk_check, syrk_release};
    return 0;
}
