/* Peer implementations of y = A*x for a symmetric A (see peers.h):
 *   librsb      rsb_spmv on an RSB_FLAG_LOWER_SYMMETRIC matrix, untuned and
 *               after rsb_tune_spmm (tuning time in the preparation), and
 *               its general SpMV on the full matrix;
 *   GraphBLAS   GrB_mxv with the plus-times semiring on the full matrix;
 *   OpenBLAS    dense dsymv on the densified lower triangle (n <= 2048).
 * All run with the thread count given to peers_init (systec-bench's
 * --threads, 1 by default). Only the libraries CMake found are compiled in. */
#include "peers.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#ifdef BENCH_HAVE_RSB
#include <rsb.h>
#endif
#ifdef BENCH_HAVE_GRAPHBLAS
#include <GraphBLAS.h>
#endif
#ifdef BENCH_HAVE_OPENBLAS
#include <cblas.h>
void openblas_set_num_threads(int num_threads);
#endif
#ifdef BENCH_HAVE_MKL
#include "peers_mkl.h" /* MKL's own headers stay in peers_mkl.c */
#endif

#define DENSE_MAX_N 2048 /* dense dsymv only where the dense matrix is small */

double peers_now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return 1e3 * (double)t.tv_sec + 1e-6 * (double)t.tv_nsec;
}

void peers_append(char *err, size_t errlen, const char *what)
{
    size_t k = strlen(err);
    snprintf(err + k, errlen - k, "%s%s", k ? "; " : "", what);
}

/* ---------------------------------------------------------------- librsb */
#ifdef BENCH_HAVE_RSB
static int rsb_run(void *ctx, const double *x, double *y)
{
    const double one = 1.0, zero = 0.0;
    return rsb_spmv(RSB_TRANSPOSITION_N, &one, (struct rsb_mtx_t *)ctx, x, 1, &zero, y, 1) !=
           RSB_ERR_NO_ERROR;
}
static int rsb_run_s(void *ctx, const float *x, float *y)
{
    const float one = 1.0f, zero = 0.0f;
    return rsb_spmv(RSB_TRANSPOSITION_N, &one, (struct rsb_mtx_t *)ctx, x, 1, &zero, y, 1) !=
           RSB_ERR_NO_ERROR;
}
static void rsb_release(void *ctx) { rsb_mtx_free((struct rsb_mtx_t *)ctx); }

/* A librsb matrix of M's lower triangle (lower = 1) or full expansion, in
 * M's precision, with a peer entry of that precision. */
static struct rsb_mtx_t *rsb_from_csr(const peer_matrix_t *M, int lower, rsb_flags_t flags)
{
    rsb_err_t e = RSB_ERR_NO_ERROR;
    const int32_t *rp = lower ? M->lrp : M->frp, *ci = lower ? M->lci : M->fci;
    const void *v = M->single ? (const void *)(lower ? M->lvs : M->fvs)
                              : (const void *)(lower ? M->lv : M->fv);
    return rsb_mtx_alloc_from_csr_const(
        v, rp, ci, rp[M->n], M->single ? RSB_NUMERICAL_TYPE_FLOAT : RSB_NUMERICAL_TYPE_DOUBLE,
        (rsb_coo_idx_t)M->n, (rsb_coo_idx_t)M->n, 1, 1, flags, &e);
}
static peer_t rsb_peer(const peer_matrix_t *M, const char *name, struct rsb_mtx_t *m, double ms)
{
    return M->single ? (peer_t){name, m, ms, NULL, rsb_release, rsb_run_s}
                     : (peer_t){name, m, ms, rsb_run, rsb_release, NULL};
}
#endif

/* ------------------------------------------------------------- GraphBLAS */
#ifdef BENCH_HAVE_GRAPHBLAS
GrB_Matrix peers_grb_from_csr(int64_t m, int64_t n, const int32_t *rp, const int32_t *ci,
                              const void *v, int single)
{
    GrB_Matrix A = NULL;
    GrB_Index nz = (GrB_Index)rp[m];
    GrB_Index *I = malloc(sizeof *I * (nz + 1)), *J = malloc(sizeof *J * (nz + 1));
    double *X = v ? NULL : malloc(sizeof *X * (nz + 1));
    int ok = I && J && (v || X);
    for (int64_t r = 0; ok && r < m; r++)
        for (int32_t p = rp[r]; p < rp[r + 1]; p++) I[p] = (GrB_Index)r, J[p] = (GrB_Index)ci[p];
    for (GrB_Index p = 0; ok && !v && p < nz; p++) X[p] = 1.0;
    single = single && v;
    ok = ok &&
         GrB_Matrix_new(&A, single ? GrB_FP32 : GrB_FP64, (GrB_Index)m, (GrB_Index)n) ==
             GrB_SUCCESS &&
         (single ? GrB_Matrix_build_FP32(A, I, J, v, nz, GrB_PLUS_FP32)
                 : GrB_Matrix_build_FP64(A, I, J, v ? v : X, nz, GrB_PLUS_FP64)) == GrB_SUCCESS &&
         GrB_Matrix_wait(A, GrB_MATERIALIZE) == GrB_SUCCESS;
    free(I);
    free(J);
    free(X);
    if (!ok && A) GrB_Matrix_free(&A);
    return ok ? A : NULL;
}

typedef struct {
    GrB_Matrix A;
    GrB_Vector u, w;
    int64_t n;
    const void *x_of_u;   /* the input u was built from */
    GrB_Index *idx;       /* n: 0..n-1, then the extracted indices */
    void *val;            /* n: the extracted values (double, or float when single) */
} grb_ctx;

static void grb_release(void *c)
{
    grb_ctx *g = c;
    GrB_Matrix_free(&g->A);
    GrB_Vector_free(&g->u);
    GrB_Vector_free(&g->w);
    free(g->idx);
    free(g->val);
    free(g);
}

/* w = A*u, in FP32 when single, else FP64; u is built from x when x changes
 * (the bench passes the same x to every call); the product, and the
 * extraction of w (into idx and val; *nv entries), are in every call. */
static int grb_mxv(grb_ctx *g, const void *x, int single, GrB_Index *nv)
{
    GrB_Index n = (GrB_Index)g->n;
    *nv = n;
    if (g->x_of_u != x) {
        for (GrB_Index i = 0; i < n; i++) g->idx[i] = i;
        if (GrB_Vector_clear(g->u) != GrB_SUCCESS ||
            (single ? GrB_Vector_build_FP32(g->u, g->idx, x, n, GrB_PLUS_FP32)
                    : GrB_Vector_build_FP64(g->u, g->idx, x, n, GrB_PLUS_FP64)) != GrB_SUCCESS)
            return 1;
        g->x_of_u = x;
    }
    GrB_Semiring sr = single ? GrB_PLUS_TIMES_SEMIRING_FP32 : GrB_PLUS_TIMES_SEMIRING_FP64;
    return GrB_mxv(g->w, NULL, NULL, sr, g->A, g->u, NULL) != GrB_SUCCESS ||
           (single ? GrB_Vector_extractTuples_FP32(g->idx, g->val, nv, g->w)
                   : GrB_Vector_extractTuples_FP64(g->idx, g->val, nv, g->w)) != GrB_SUCCESS;
}

static int grb_run(void *c, const double *x, double *y)
{
    grb_ctx *g = c;
    GrB_Index nv;
    if (grb_mxv(g, x, 0, &nv)) return 1;
    memset(y, 0, sizeof *y * (size_t)g->n);
    for (GrB_Index k = 0; k < nv; k++) y[g->idx[k]] = ((const double *)g->val)[k];
    return 0;
}

static int grb_run_s(void *c, const float *x, float *y)
{
    grb_ctx *g = c;
    GrB_Index nv;
    if (grb_mxv(g, x, 1, &nv)) return 1;
    memset(y, 0, sizeof *y * (size_t)g->n);
    for (GrB_Index k = 0; k < nv; k++) y[g->idx[k]] = ((const float *)g->val)[k];
    return 0;
}

static grb_ctx *grb_prepare(const peer_matrix_t *M)
{
    grb_ctx *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->n = M->n;
    g->idx = malloc(sizeof *g->idx * ((size_t)M->n + 1));
    g->val = malloc((M->single ? sizeof(float) : sizeof(double)) * ((size_t)M->n + 1));
    if (!g->idx || !g->val) {
        grb_release(g);
        return NULL;
    }
    GrB_Index n = (GrB_Index)M->n;
    GrB_Type t = M->single ? GrB_FP32 : GrB_FP64;
    g->A = peers_grb_from_csr(M->n, M->n, M->frp, M->fci,
                              M->single ? (const void *)M->fvs : (const void *)M->fv, M->single);
    int ok = g->A && GrB_Vector_new(&g->u, t, n) == GrB_SUCCESS &&
             GrB_Vector_new(&g->w, t, n) == GrB_SUCCESS;
    if (!ok) {
        grb_release(g);
        return NULL;
    }
    return g;
}
#endif

/* -------------------------------------------------------------- OpenBLAS */
#ifdef BENCH_HAVE_OPENBLAS
typedef struct {
    void *A; /* column-major n*n, lower triangle: double, or float when single */
    int n;
} dense_ctx;

static int dense_run(void *c, const double *x, double *y)
{
    dense_ctx *d = c;
    cblas_dsymv(CblasColMajor, CblasLower, d->n, 1.0, d->A, d->n, x, 1, 0.0, y, 1);
    return 0;
}
static int dense_run_s(void *c, const float *x, float *y)
{
    dense_ctx *d = c;
    cblas_ssymv(CblasColMajor, CblasLower, d->n, 1.0f, d->A, d->n, x, 1, 0.0f, y, 1);
    return 0;
}
static void dense_release(void *c)
{
    dense_ctx *d = c;
    free(d->A);
    free(d);
}
#endif

/* ------------------------------------------------------------------ API */

const char *peers_init(int threads)
{
    static char line[384];
    char what[192];
    line[0] = '\0';
#ifdef BENCH_HAVE_RSB
    rsb_lib_init(RSB_NULL_INIT_OPTIONS);
    snprintf(what, sizeof what, "%d", threads);
    rsb_lib_set_opt_str("RSB_IO_WANT_EXECUTING_THREADS", what);
    peers_append(line, sizeof line, "librsb " RSB_LIBRSB_VER_STRING);
#else
    peers_append(line, sizeof line, "librsb not found (install librsb-dev)");
#endif
#ifdef BENCH_HAVE_GRAPHBLAS
    GrB_init(GrB_NONBLOCKING);
    GxB_Global_Option_set(GxB_NTHREADS, threads);
    snprintf(what, sizeof what, "SuiteSparse:GraphBLAS %d.%d.%d", GxB_IMPLEMENTATION_MAJOR,
             GxB_IMPLEMENTATION_MINOR, GxB_IMPLEMENTATION_SUB);
    peers_append(line, sizeof line, what);
#else
    peers_append(line, sizeof line, "GraphBLAS not found (install libgraphblas-dev)");
#endif
#ifdef BENCH_HAVE_OPENBLAS
    openblas_set_num_threads(threads);
    snprintf(what, sizeof what, "%s (dense dsymv/ssymv, n <= %d)", openblas_get_config(),
             DENSE_MAX_N);
    peers_append(line, sizeof line, what);
#else
    peers_append(line, sizeof line, "OpenBLAS not found (install libopenblas-dev)");
#endif
    (void)what;
    (void)threads;
#ifdef BENCH_HAVE_MKL
    mkl_peers_init(threads);
    snprintf(what, sizeof what, "%s (sparse BLAS mv)", mkl_peers_version());
    peers_append(line, sizeof line, what);
#else
    peers_append(line, sizeof line, PEERS_NO_MKL);
#endif
    return line;
}

void peers_exit(void)
{
#ifdef BENCH_HAVE_RSB
    rsb_lib_exit(RSB_NULL_EXIT_OPTIONS);
#endif
#ifdef BENCH_HAVE_GRAPHBLAS
    GrB_finalize();
#endif
#ifdef BENCH_HAVE_MKL
    mkl_peers_exit();
#endif
}

int peers_prepare(const peer_matrix_t *M, peer_t *out, int max, char *err, size_t errlen)
{
    int np = 0;
    double t0;
    (void)M, (void)out, (void)max, (void)t0, (void)errlen;
    err[0] = '\0';
#ifdef BENCH_HAVE_RSB
    if (np < max) {
        t0 = peers_now_ms();
        struct rsb_mtx_t *m = rsb_from_csr(M, 1, RSB_FLAG_LOWER_SYMMETRIC);
        if (m)
            out[np++] = rsb_peer(M, "librsb sym", m, peers_now_ms() - t0);
        else
            peers_append(err, errlen, "librsb symmetric matrix not built");
    }
    if (np < max) { /* the same, after librsb's autotuner */
        t0 = peers_now_ms();
        struct rsb_mtx_t *m = rsb_from_csr(M, 1, RSB_FLAG_LOWER_SYMMETRIC);
        size_t vs = M->single ? sizeof(float) : sizeof(double);
        void *x = calloc((size_t)M->n + 1, vs), *y = calloc((size_t)M->n + 1, vs);
        const double one = 1.0, zero = 0.0;
        const float one_s = 1.0f, zero_s = 0.0f;
        rsb_real_t sf = 0;
        rsb_int_t tn = 0;
        for (int64_t i = 0; x && i < M->n; i++)
            if (M->single)
                ((float *)x)[i] = 1.0f;
            else
                ((double *)x)[i] = 1.0;
        int ok = m && x && y &&
                 rsb_tune_spmm(&m, &sf, &tn, 0, 0.0, RSB_TRANSPOSITION_N,
                               M->single ? (const void *)&one_s : (const void *)&one, NULL, 1,
                               RSB_FLAG_WANT_COLUMN_MAJOR_ORDER, x, (rsb_nnz_idx_t)M->n,
                               M->single ? (const void *)&zero_s : (const void *)&zero, y,
                               (rsb_nnz_idx_t)M->n) == RSB_ERR_NO_ERROR;
        free(x);
        free(y);
        if (ok)
            out[np++] = rsb_peer(M, "librsb sym tuned", m, peers_now_ms() - t0);
        else {
            if (m) rsb_mtx_free(m);
            peers_append(err, errlen, "rsb_tune_spmm failed");
        }
    }
    if (np < max) { /* its general SpMV on the full matrix */
        t0 = peers_now_ms();
        struct rsb_mtx_t *m = rsb_from_csr(M, 0, RSB_FLAG_NOFLAGS);
        if (m)
            out[np++] = rsb_peer(M, "librsb general", m, peers_now_ms() - t0);
        else
            peers_append(err, errlen, "librsb general matrix not built");
    }
#endif
#ifdef BENCH_HAVE_GRAPHBLAS
    if (np < max) {
        t0 = peers_now_ms();
        grb_ctx *g = grb_prepare(M);
        if (g)
            out[np++] = M->single ? (peer_t){"GraphBLAS mxv", g, peers_now_ms() - t0, NULL,
                                             grb_release, grb_run_s}
                                  : (peer_t){"GraphBLAS mxv", g, peers_now_ms() - t0, grb_run,
                                             grb_release, NULL};
        else
            peers_append(err, errlen, "GraphBLAS matrix not built");
    }
#endif
#ifdef BENCH_HAVE_OPENBLAS
    if (np < max && M->n > 0 && M->n <= DENSE_MAX_N) {
        t0 = peers_now_ms();
        dense_ctx *d = calloc(1, sizeof *d);
        if (d) d->A = calloc((size_t)(M->n * M->n), M->single ? sizeof(float) : sizeof(double));
        if (d && d->A) {
            d->n = (int)M->n;
            for (int64_t r = 0; r < M->n; r++)
                for (int32_t p = M->lrp[r]; p < M->lrp[r + 1]; p++) {
                    size_t at = (size_t)M->lci[p] * (size_t)M->n + (size_t)r;
                    if (M->single)
                        ((float *)d->A)[at] += M->lvs[p];
                    else
                        ((double *)d->A)[at] += M->lv[p];
                }
            out[np++] = M->single ? (peer_t){"OpenBLAS ssymv", d, peers_now_ms() - t0, NULL,
                                             dense_release, dense_run_s}
                                  : (peer_t){"OpenBLAS dsymv", d, peers_now_ms() - t0, dense_run,
                                             dense_release, NULL};
        } else {
            if (d) free(d);
            peers_append(err, errlen, "dense matrix not allocated");
        }
    }
#endif
#ifdef BENCH_HAVE_MKL
    if (M->single) peers_append(err, errlen, "MKL peers: double only");
    for (int general = 0; general < 2 && np < max && !M->single; general++) { /* sym, general */
        char why[160];
        t0 = peers_now_ms();
        if (mkl_symv_peer_prepare(M, general, &out[np], why, sizeof why) == 0)
            out[np++].prep_ms = peers_now_ms() - t0; /* with the hints and mkl_sparse_optimize */
        else
            peers_append(err, errlen, why);
    }
#endif
    return np;
}

void peers_release(peer_t *p, int n)
{
    for (int k = 0; k < n; k++) p[k].release(p[k].ctx);
}
