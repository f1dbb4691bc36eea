/* SSYRK peers (see peers_syrk.h):
 *   CHOLMOD     cholmod_aat (all of A*A') and cholmod_ssmult(A, A', stype 1)
 *               (the upper triangle), on A in CHOLMOD's compressed columns;
 *   GraphBLAS   GrB_mxm(A, A') in full, with the upper triangle of the
 *               result as a structural mask, and in full followed by
 *               GrB_select(GrB_TRIU);
 *   OpenBLAS    dense dsyrk (upper) on the densified A, where m <= 4096
 *               and the dense work is small.
 * In single precision GraphBLAS (FP32) and OpenBLAS ssyrk; CHOLMOD is
 * double only.
 * GraphBLAS and OpenBLAS run with peers_init's thread count (systec-bench's
 * --threads); CHOLMOD's products are serial. */
#include "peers_syrk.h"

#include "peers.h" /* peers_now_ms, peers_append */

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef BENCH_HAVE_CHOLMOD
#include <cholmod.h>
#endif
#ifdef BENCH_HAVE_GRAPHBLAS
#include <GraphBLAS.h>
#endif
#ifdef BENCH_HAVE_OPENBLAS
#include <cblas.h>
#endif
#ifdef BENCH_HAVE_MKL
#include "peers_mkl.h" /* MKL's own headers stay in peers_mkl.c */
#endif

#define DENSE_MAX_M 4096
#define DENSE_MAX_WORK 4e10 /* m*m*k multiply-adds for dense dsyrk */


/* The reference value of upper entry (i, j), j >= i; -1 if not in the
 * pattern (binary search in the sorted row). */
static int64_t ref_find(const syrk_problem_t *P, int64_t i, int64_t j)
{
    int64_t lo = P->urp[i], hi = P->urp[i + 1];
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (P->uci[mid] < j)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < P->urp[i + 1] && P->uci[lo] == j ? lo : -1;
}

void syrk_check_entry(syrk_checker_t *c, int64_t i, int64_t j, double v)
{
    if (i > j) return;
    int64_t q = ref_find(c->P, i, j);
    c->seen++;
    if (q < 0) {
        c->bad += v != 0.0; /* an explicit zero outside the pattern is harmless */
        c->seen -= v == 0.0;
        return;
    }
    if (!(fabs(v - c->P->uv[q]) <= c->tol * c->P->ubound[q])) c->bad++;
}

int64_t syrk_check_done(const syrk_checker_t *c)
{
    return c->bad + (c->seen != c->P->urp[c->P->m]);
}

/* --------------------------------------------------------------- CHOLMOD */
#ifdef BENCH_HAVE_CHOLMOD
static cholmod_common cm;

typedef struct {
    cholmod_sparse *A, *At, *C;
    int upper; /* ssmult with stype 1 */
} chol_ctx;

static int chol_run(void *c)
{
    chol_ctx *x = c;
    if (x->C) cholmod_free_sparse(&x->C, &cm);
    x->C = x->upper ? cholmod_ssmult(x->A, x->At, 1, 1, 1, &cm)
                    : cholmod_aat(x->A, NULL, 0, 1, &cm);
    return x->C == NULL;
}

static int64_t chol_check(void *c, const syrk_problem_t *P, double tol)
{
    chol_ctx *x = c;
    syrk_checker_t k = {P, tol, 0, 0};
    if (!x->C) return 1;
    const int *Cp = x->C->p, *Ci = x->C->i, *Cn = x->C->nz;
    const double *Cx = x->C->x;
    /* column j holds rows i; C is symmetric, so (i, j) with i <= j is the
     * upper entry of row i. A result with stype != 0 stores one triangle,
     * and ssmult may return the lower one (stype -1) though asked for
     * stype 1: its entries stand for their mirrors. */
    int one_triangle = x->C->stype != 0;
    for (size_t j = 0; j < x->C->ncol; j++) {
        int end = x->C->packed ? Cp[j + 1] : Cp[j] + Cn[j];
        for (int p = Cp[j]; p < end; p++) {
            int64_t i = Ci[p], jj = (int64_t)j;
            if (one_triangle && i > jj) syrk_check_entry(&k, jj, i, Cx[p]);
            else syrk_check_entry(&k, i, jj, Cx[p]);
        }
    }
    return syrk_check_done(&k);
}

static void chol_release(void *c)
{
    chol_ctx *x = c;
    cholmod_free_sparse(&x->A, &cm);
    cholmod_free_sparse(&x->At, &cm);
    cholmod_free_sparse(&x->C, &cm);
    free(x);
}

/* A in CHOLMOD's compressed sparse columns: the transpose of the CSR. */
static chol_ctx *chol_prepare(const syrk_problem_t *P, int upper)
{
    chol_ctx *x = calloc(1, sizeof *x);
    if (!x) return NULL;
    int64_t nz = P->rp[P->m];
    x->A = cholmod_allocate_sparse((size_t)P->m, (size_t)P->k, (size_t)nz, 1, 1, 0, CHOLMOD_REAL,
                                   &cm);
    if (!x->A) {
        free(x);
        return NULL;
    }
    int *Ap = x->A->p, *Ai = x->A->i;
    double *Ax = x->A->x;
    memset(Ap, 0, sizeof *Ap * (size_t)(P->k + 1));
    for (int64_t p = 0; p < nz; p++) Ap[P->ci[p] + 1]++;
    for (int64_t c = 0; c < P->k; c++) Ap[c + 1] += Ap[c];
    int *next = malloc(sizeof *next * (size_t)(P->k + 1));
    if (!next) {
        chol_release(x);
        return NULL;
    }
    memcpy(next, Ap, sizeof *next * (size_t)(P->k + 1));
    for (int64_t r = 0; r < P->m; r++) /* rows ascending: columns come out sorted */
        for (int32_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            int q = next[P->ci[p]]++;
            Ai[q] = (int)r;
            Ax[q] = P->v[p];
        }
    free(next);
    x->upper = upper;
    if (upper && !(x->At = cholmod_transpose(x->A, 1, &cm))) {
        chol_release(x);
        return NULL;
    }
    return x;
}
#endif

/* ------------------------------------------------------------- GraphBLAS */
#ifdef BENCH_HAVE_GRAPHBLAS
typedef struct {
    GrB_Matrix A, M, C, U; /* operand, upper mask, product, selected upper part */
    int mode;              /* 0 full, 1 masked, 2 full + select */
    int single;            /* FP32 (else FP64) */
    GrB_Index *I, *J;
    void *X;               /* double, or float when single */
    GrB_Index cap;
} grb_ctx;

static int grb_run(void *c)
{
    grb_ctx *g = c;
    GrB_Info e;
    GrB_Semiring sr = g->single ? GrB_PLUS_TIMES_SEMIRING_FP32 : GrB_PLUS_TIMES_SEMIRING_FP64;
    if (g->mode == 1)
        e = GrB_mxm(g->C, g->M, NULL, sr, g->A, g->A, GrB_DESC_RST1);
    else
        e = GrB_mxm(g->C, NULL, NULL, sr, g->A, g->A, GrB_DESC_T1);
    if (e == GrB_SUCCESS && g->mode == 2)
        e = GrB_Matrix_select_INT64(g->U, NULL, NULL, GrB_TRIU, g->C, 0, NULL);
    if (e == GrB_SUCCESS) e = GrB_Matrix_wait(g->mode == 2 ? g->U : g->C, GrB_MATERIALIZE);
    return e != GrB_SUCCESS;
}

static int64_t grb_check(void *c, const syrk_problem_t *P, double tol)
{
    grb_ctx *g = c;
    GrB_Matrix R = g->mode == 2 ? g->U : g->C;
    GrB_Index nv = 0;
    if (GrB_Matrix_nvals(&nv, R) != GrB_SUCCESS) return 1;
    if (nv > g->cap) {
        free(g->I);
        free(g->J);
        free(g->X);
        g->I = malloc(sizeof *g->I * (nv + 1));
        g->J = malloc(sizeof *g->J * (nv + 1));
        g->X = malloc((g->single ? sizeof(float) : sizeof(double)) * (nv + 1));
        g->cap = (g->I && g->J && g->X) ? nv : 0;
        if (!g->cap) return 1;
    }
    if ((g->single ? GrB_Matrix_extractTuples_FP32(g->I, g->J, g->X, &nv, R)
                   : GrB_Matrix_extractTuples_FP64(g->I, g->J, g->X, &nv, R)) != GrB_SUCCESS)
        return 1;
    syrk_checker_t k = {P, tol, 0, 0};
    for (GrB_Index q = 0; q < nv; q++)
        syrk_check_entry(&k, (int64_t)g->I[q], (int64_t)g->J[q],
                         g->single ? (double)((const float *)g->X)[q] : ((const double *)g->X)[q]);
    return syrk_check_done(&k);
}

static void grb_release(void *c)
{
    grb_ctx *g = c;
    GrB_Matrix_free(&g->A);
    GrB_Matrix_free(&g->M);
    GrB_Matrix_free(&g->C);
    GrB_Matrix_free(&g->U);
    free(g->I);
    free(g->J);
    free(g->X);
    free(g);
}

static grb_ctx *grb_prepare(const syrk_problem_t *P, int mode)
{
    grb_ctx *g = calloc(1, sizeof *g);
    if (!g) return NULL;
    g->mode = mode;
    g->single = P->single;
    g->A = peers_grb_from_csr(P->m, P->k, P->rp, P->ci, P->single ? (const void *)P->vs : P->v,
                              P->single);
    /* the mask: the upper triangle's pattern (what systec_syrk computes) */
    if (mode == 1) g->M = peers_grb_from_csr(P->m, P->m, P->urp, P->uci, NULL, 0);
    GrB_Type t = P->single ? GrB_FP32 : GrB_FP64;
    int ok = g->A && (mode != 1 || g->M) &&
             GrB_Matrix_new(&g->C, t, (GrB_Index)P->m, (GrB_Index)P->m) == GrB_SUCCESS &&
             (mode != 2 || GrB_Matrix_new(&g->U, t, (GrB_Index)P->m, (GrB_Index)P->m) == GrB_SUCCESS);
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
    void *A, *C; /* row-major m-by-k and m-by-m: double, or float when single */
    int m, k, single;
} dense_ctx;

static int dense_run(void *c)
{
    dense_ctx *d = c;
    if (d->single)
        cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, d->m, d->k, 1.0f, d->A,
                    d->k > 0 ? d->k : 1, 0.0f, d->C, d->m);
    else
        cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, d->m, d->k, 1.0, d->A,
                    d->k > 0 ? d->k : 1, 0.0, d->C, d->m);
    return 0;
}

static int64_t dense_check(void *c, const syrk_problem_t *P, double tol)
{
    dense_ctx *d = c;
    syrk_checker_t k = {P, tol, 0, 0};
    for (int64_t i = 0; i < d->m; i++)
        for (int64_t j = i; j < d->m; j++) {
            size_t at = (size_t)(i * d->m + j);
            double v = d->single ? (double)((const float *)d->C)[at] : ((const double *)d->C)[at];
            if (v != 0.0 || ref_find(P, i, j) >= 0) syrk_check_entry(&k, i, j, v);
        }
    return syrk_check_done(&k);
}

static void dense_release(void *c)
{
    dense_ctx *d = c;
    free(d->A);
    free(d->C);
    free(d);
}
#endif

/* ------------------------------------------------------------------ API */
static const char *const peer_names[] = {"CHOLMOD aat",   "CHOLMOD ssmult upper",
                                         "GraphBLAS mxm", "GraphBLAS mxm upper mask",
                                         "GraphBLAS mxm+select", "OpenBLAS dsyrk",
#ifdef BENCH_HAVE_MKL
                                         "MKL syrk"
#endif
};

static const char *const peer_names_single[] = {"GraphBLAS mxm", "GraphBLAS mxm upper mask",
                                                "GraphBLAS mxm+select", "OpenBLAS ssyrk"};
int syrk_peer_names(int single, const char *const **names)
{
    *names = single ? peer_names_single : peer_names;
    return single ? (int)(sizeof peer_names_single / sizeof peer_names_single[0])
                  : (int)(sizeof peer_names / sizeof peer_names[0]);
}

const char *syrk_peers_init(void)
{
    static char line[384];
    line[0] = '\0';
#ifdef BENCH_HAVE_CHOLMOD
    cholmod_start(&cm);
    char what[64];
    snprintf(what, sizeof what, "CHOLMOD %d.%d.%d", CHOLMOD_MAIN_VERSION, CHOLMOD_SUB_VERSION,
             CHOLMOD_SUBSUB_VERSION);
    peers_append(line, sizeof line, what);
#else
    peers_append(line, sizeof line, "CHOLMOD not found (install libsuitesparse-dev)");
#endif
#ifdef BENCH_HAVE_GRAPHBLAS
    peers_append(line, sizeof line, "SuiteSparse:GraphBLAS (as for SSYMV)");
#else
    peers_append(line, sizeof line, "GraphBLAS not found (install libgraphblas-dev)");
#endif
#ifdef BENCH_HAVE_OPENBLAS
    peers_append(line, sizeof line, "OpenBLAS (dense dsyrk/ssyrk, m <= 4096)");
#else
    peers_append(line, sizeof line, "OpenBLAS not found (install libopenblas-dev)");
#endif
#ifdef BENCH_HAVE_MKL
    char mkl[192]; /* set up by peers_init */
    snprintf(mkl, sizeof mkl, "%s (mkl_sparse_syrk)", mkl_peers_version());
    peers_append(line, sizeof line, mkl);
#else
    peers_append(line, sizeof line, PEERS_NO_MKL);
#endif
    return line;
}

void syrk_peers_exit(void)
{
#ifdef BENCH_HAVE_CHOLMOD
    cholmod_finish(&cm);
#endif
}

int syrk_peers_prepare(const syrk_problem_t *P, syrk_peer_t *out, int max, char *err,
                       size_t errlen)
{
    int np = 0;
    double t0;
    (void)P, (void)out, (void)max, (void)t0, (void)errlen;
    err[0] = '\0';
#ifdef BENCH_HAVE_CHOLMOD
    if (P->single) {
        peers_append(err, errlen, "CHOLMOD: double only");
    } else if (P->m > 2147483647 / 2 || P->rp[P->m] > 2147483647 / 2) {
        peers_append(err, errlen, "CHOLMOD int32 interface: matrix too large");
    } else {
        for (int upper = 0; upper < 2 && np < max; upper++) {
            t0 = peers_now_ms();
            chol_ctx *x = chol_prepare(P, upper);
            if (x)
                out[np++] = (syrk_peer_t){peer_names[upper], x, peers_now_ms() - t0, chol_run,
                                          chol_check, chol_release};
            else
                peers_append(err, errlen, "CHOLMOD matrix not built");
        }
    }
#endif
#ifdef BENCH_HAVE_GRAPHBLAS
    for (int mode = 0; mode < 3 && np < max; mode++) {
        t0 = peers_now_ms();
        grb_ctx *g = grb_prepare(P, mode);
        if (g)
            out[np++] = (syrk_peer_t){P->single ? peer_names_single[mode] : peer_names[2 + mode], g,
                                      peers_now_ms() - t0, grb_run, grb_check, grb_release};
        else
            peers_append(err, errlen, "GraphBLAS matrices not built");
    }
#endif
#ifdef BENCH_HAVE_OPENBLAS
    if (np < max && P->m > 0 && P->m <= DENSE_MAX_M &&
        (double)P->m * (double)P->m * (double)P->k <= DENSE_MAX_WORK) {
        t0 = peers_now_ms();
        dense_ctx *d = calloc(1, sizeof *d);
        size_t vs = P->single ? sizeof(float) : sizeof(double);
        if (d) {
            d->A = calloc((size_t)(P->m * P->k) + 1, vs);
            d->C = calloc((size_t)(P->m * P->m) + 1, vs);
        }
        if (d && d->A && d->C) {
            d->m = (int)P->m;
            d->k = (int)P->k;
            d->single = P->single;
            for (int64_t r = 0; r < P->m; r++)
                for (int32_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
                    size_t at = (size_t)(r * P->k + P->ci[p]);
                    if (P->single)
                        ((float *)d->A)[at] += P->vs[p];
                    else
                        ((double *)d->A)[at] += P->v[p];
                }
            out[np++] = (syrk_peer_t){P->single ? peer_names_single[3] : peer_names[5], d,
                                      peers_now_ms() - t0, dense_run, dense_check, dense_release};
        } else {
            if (d) dense_release(d);
            peers_append(err, errlen, "dense matrices not allocated");
        }
    } else if (P->m > DENSE_MAX_M) {
        peers_append(err, errlen, P->single ? "OpenBLAS ssyrk skipped (m > 4096)"
                                            : "OpenBLAS dsyrk skipped (m > 4096)");
    } else if (P->m > 0) {
        peers_append(err, errlen, P->single ? "OpenBLAS ssyrk skipped (m*m*k over 4e10)"
                                            : "OpenBLAS dsyrk skipped (m*m*k over 4e10)");
    }
#endif
#ifdef BENCH_HAVE_MKL
    if (P->single) peers_append(err, errlen, "MKL syrk: double only");
    if (np < max && !P->single) {
        char why[160];
        t0 = peers_now_ms();
        if (mkl_syrk_peer_prepare(P, peer_names[6], &out[np], why, sizeof why) == 0)
            out[np++].prep_ms = peers_now_ms() - t0;
        else
            peers_append(err, errlen, why);
    }
#endif
    return np;
}

void syrk_peers_release(syrk_peer_t *p, int n)
{
    for (int k = 0; k < n; k++) p[k].release(p[k].ctx);
}
