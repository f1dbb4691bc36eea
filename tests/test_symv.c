/* SSYMV and general SpMV against a plain dense reference.
 *
 * Every kernel in the generated registry is called directly (so no variant
 * hides behind dispatch), and every public call is exercised, on random
 * symmetric matrices of many shapes and on real matrices. Tolerance per
 * output element: |y - y_ref| <= tol * (sum of |terms|), tol = 1e-12 for
 * double and 1e-12 * FLT_EPSILON / DBL_EPSILON for float.
 *
 * usage: test_symv [DIR_OR_MTX...]   (real matrices; default: none) */
#include "internal.h"
#include "registry.h"
#include "testutil.h"

#include <dirent.h>
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A test problem: one triangle (as the user gives it) of a symmetric matrix. */
typedef struct {
    const char *label;
    int64_t n, nnz;
    int64_t *rp;     /* lower triangle CSR, rows as generated (unsorted, dups) */
    int64_t *ci;
    double *v;
    double *dense;   /* n*n when n <= DENSE_MAX, else NULL */
    double *dabs;    /* n*n, sum of |entries| per cell */
} Prob;

#define DENSE_MAX 4000

static double tol_for(char dtype) { return dtype == 'd' ? 1e-12 : 1e-12 * (FLT_EPSILON / DBL_EPSILON); }

/* y_ref = alpha*A*x + beta*y0 and the per-element bound on |terms|.
 * Computed from the dense matrix when there is one, else entrywise. */
static void reference(const Prob *P, double alpha, const double *x, double beta, const double *y0,
                      double *yref, double *bound)
{
    int64_t n = P->n;
    for (int64_t i = 0; i < n; i++) {
        long double s = 0, b = 0;
        if (P->dense) {
            for (int64_t j = 0; j < n; j++) {
                s += (long double)P->dense[i * n + j] * x[j];
                b += fabsl((long double)P->dabs[i * n + j] * x[j]);
            }
        }
        yref[i] = (double)s;
        bound[i] = (double)b;
    }
    if (!P->dense) {
        long double *s = calloc((size_t)n, sizeof *s), *b = calloc((size_t)n, sizeof *b);
        for (int64_t r = 0; r < n; r++)
            for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
                int64_t c = P->ci[p];
                s[r] += (long double)P->v[p] * x[c];
                b[r] += fabsl((long double)P->v[p] * x[c]);
                if (c != r) {
                    s[c] += (long double)P->v[p] * x[r];
                    b[c] += fabsl((long double)P->v[p] * x[r]);
                }
            }
        for (int64_t i = 0; i < n; i++) {
            yref[i] = (double)s[i];
            bound[i] = (double)b[i];
        }
        free(s);
        free(b);
    }
    for (int64_t i = 0; i < n; i++) {
        double by = beta == 0 ? 0 : beta * y0[i];
        yref[i] = alpha * yref[i] + by;
        bound[i] = fabs(alpha) * bound[i] + fabs(by);
    }
}

/* Compares y (float or double) with the reference; prints the first bad element. */
static int compare(const char *what, const Prob *P, char dtype, const void *y, const double *yref,
                   const double *bound)
{
    double tol = tol_for(dtype);
    for (int64_t i = 0; i < P->n; i++) {
        double v = dtype == 'd' ? ((const double *)y)[i] : ((const float *)y)[i];
        double err = fabs(v - yref[i]);
        /* float inputs were rounded before the reference saw them; outputs
         * are rounded once more: allow one float ulp of the result */
        double allow = tol * bound[i] + (dtype == 's' ? FLT_EPSILON * fabs(yref[i]) : 0);
        if (!(err <= allow)) {
            return check_fail("%s on %s (n=%lld): y[%lld] = %.17g, want %.17g (err %.3g > %.3g)",
                              what, P->label, (long long)P->n, (long long)i, v, yref[i], err,
                              allow);
        }
    }
    return 0;
}

/* ---------------------------------------------------------- problem setup */

static void prob_free(Prob *P)
{
    free(P->rp);
    free(P->ci);
    free(P->v);
    free(P->dense);
    free(P->dabs);
    memset(P, 0, sizeof *P);
}

static void prob_dense(Prob *P)
{
    int64_t n = P->n;
    if (n > DENSE_MAX) return;
    P->dense = calloc((size_t)(n * n + 1), sizeof(double));
    P->dabs = calloc((size_t)(n * n + 1), sizeof(double));
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            int64_t c = P->ci[p];
            P->dense[r * n + c] += P->v[p];
            P->dabs[r * n + c] += fabs(P->v[p]);
            if (c != r) {
                P->dense[c * n + r] += P->v[p];
                P->dabs[c * n + r] += fabs(P->v[p]);
            }
        }
}

/* Random lower triangle: each strictly-lower cell present with probability
 * dens, diagonal with probability ddens; rows shuffled; some duplicates and
 * explicit zeros. */
static void prob_random(Prob *P, const char *label, int64_t n, double dens, double ddens,
                        double dup, double zeros)
{
    memset(P, 0, sizeof *P);
    P->label = label;
    P->n = n;
    int64_t cap = 16;
    P->rp = calloc((size_t)n + 1, sizeof(int64_t));
    P->ci = malloc(sizeof(int64_t) * (size_t)cap);
    P->v = malloc(sizeof(double) * (size_t)cap);
    for (int64_t r = 0; r < n; r++) {
        int64_t start = P->nnz;
        for (int64_t c = 0; c <= r; c++) {
            double pr = c == r ? ddens : dens;
            if (rnd_unit() >= pr) continue;
            int copies = rnd_unit() < dup ? 2 : 1;
            for (int k = 0; k < copies; k++) {
                if (P->nnz + 1 > cap) {
                    cap *= 2;
                    P->ci = realloc(P->ci, sizeof(int64_t) * (size_t)cap);
                    P->v = realloc(P->v, sizeof(double) * (size_t)cap);
                }
                P->ci[P->nnz] = c;
                P->v[P->nnz] = rnd_unit() < zeros ? 0.0 : rnd_sym();
                P->nnz++;
            }
        }
        /* shuffle the row */
        for (int64_t k = P->nnz - 1; k > start; k--) {
            int64_t j = start + (int64_t)(rnd_unit() * (double)(k - start + 1));
            if (j > k) j = k;
            int64_t tc = P->ci[k];
            P->ci[k] = P->ci[j];
            P->ci[j] = tc;
            double tv = P->v[k];
            P->v[k] = P->v[j];
            P->v[j] = tv;
        }
        P->rp[r + 1] = P->nnz;
    }
    prob_dense(P);
}

/* Lower triangle from a COO (symmetric: one entry per pair, either triangle). */
static int prob_from_coo(Prob *P, const char *label, const systec_coo_t *A)
{
    memset(P, 0, sizeof *P);
    P->label = label;
    P->n = A->nrows;
    int64_t n = P->n;
    P->rp = calloc((size_t)n + 1, sizeof(int64_t));
    for (int64_t k = 0; k < A->nnz; k++) {
        int64_t r = A->row[k] > A->col[k] ? A->row[k] : A->col[k];
        if (!A->symmetric && A->row[k] < A->col[k]) continue; /* full: keep the lower */
        P->rp[r + 1]++;
    }
    for (int64_t r = 0; r < n; r++) P->rp[r + 1] += P->rp[r];
    P->nnz = P->rp[n];
    P->ci = malloc(sizeof(int64_t) * (size_t)(P->nnz + 1));
    P->v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    int64_t *next = malloc(sizeof(int64_t) * (size_t)(n + 1));
    memcpy(next, P->rp, sizeof(int64_t) * (size_t)n);
    for (int64_t k = 0; k < A->nnz; k++) {
        if (!A->symmetric && A->row[k] < A->col[k]) continue;
        int64_t r = A->row[k] > A->col[k] ? A->row[k] : A->col[k];
        int64_t c = A->row[k] > A->col[k] ? A->col[k] : A->row[k];
        P->ci[next[r]] = c;
        P->v[next[r]++] = A->val[k];
    }
    free(next);
    prob_dense(P);
    return 0;
}

/* The same matrix as an upper triangle (row c, column r for each lower (r,c)). */
static void to_upper(const Prob *P, int64_t **rp, int64_t **ci, double **v)
{
    int64_t n = P->n;
    *rp = calloc((size_t)n + 1, sizeof(int64_t));
    *ci = malloc(sizeof(int64_t) * (size_t)(P->nnz + 1));
    *v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    for (int64_t p = 0; p < P->nnz; p++) (*rp)[P->ci[p] + 1]++;
    for (int64_t r = 0; r < n; r++) (*rp)[r + 1] += (*rp)[r];
    int64_t *next = malloc(sizeof(int64_t) * (size_t)(n + 1));
    memcpy(next, *rp, sizeof(int64_t) * (size_t)n);
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            int64_t c = P->ci[p];
            (*ci)[next[c]] = r;
            (*v)[next[c]++] = P->v[p];
        }
    free(next);
}

/* The full matrix (both triangles) as general CSR, rows unsorted. */
static void to_full(const Prob *P, int64_t **rp, int64_t **ci, double **v, int64_t *nnz)
{
    int64_t n = P->n, m = 0;
    *rp = calloc((size_t)n + 1, sizeof(int64_t));
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            (*rp)[r + 1]++;
            if (P->ci[p] != r) (*rp)[P->ci[p] + 1]++;
        }
    for (int64_t r = 0; r < n; r++) (*rp)[r + 1] += (*rp)[r];
    m = (*rp)[n];
    *ci = malloc(sizeof(int64_t) * (size_t)(m + 1));
    *v = malloc(sizeof(double) * (size_t)(m + 1));
    int64_t *next = malloc(sizeof(int64_t) * (size_t)(n + 1));
    memcpy(next, *rp, sizeof(int64_t) * (size_t)n);
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            int64_t c = P->ci[p];
            (*ci)[next[r]] = c;
            (*v)[next[r]++] = P->v[p];
            if (c != r) {
                (*ci)[next[c]] = r;
                (*v)[next[c]++] = P->v[p];
            }
        }
    free(next);
    *nnz = m;
}

/* Typed copies of index and value arrays. */
static void *idx_copy(const int64_t *a, int64_t n, int i64)
{
    void *o = malloc((size_t)(n + 1) * (i64 ? 8 : 4));
    for (int64_t k = 0; k < n; k++) {
        if (i64)
            ((int64_t *)o)[k] = a[k];
        else
            ((int32_t *)o)[k] = (int32_t)a[k];
    }
    return o;
}
static void *val_copy(const double *a, int64_t n, char dtype)
{
    void *o = malloc((size_t)(n + 1) * (dtype == 'd' ? 8 : 4));
    for (int64_t k = 0; k < n; k++) {
        if (dtype == 'd')
            ((double *)o)[k] = a[k];
        else
            ((float *)o)[k] = (float)a[k];
    }
    return o;
}

/* ------------------------------------------------------------ the checks */

typedef void (*tri_d32)(int32_t, const int32_t *, const int32_t *, const double *, double,
                        const double *, double, double *);
typedef void (*tri_d64)(int64_t, const int64_t *, const int64_t *, const double *, double,
                        const double *, double, double *);
typedef void (*tri_s32)(int32_t, const int32_t *, const int32_t *, const float *, float,
                        const float *, float, float *);
typedef void (*tri_s64)(int64_t, const int64_t *, const int64_t *, const float *, float,
                        const float *, float, float *);
typedef void (*split_d32)(int32_t, const int32_t *, const int32_t *, const double *,
                          const double *, double, const double *, double, double *);
typedef void (*split_d64)(int64_t, const int64_t *, const int64_t *, const double *,
                          const double *, double, const double *, double, double *);
typedef void (*split_s32)(int32_t, const int32_t *, const int32_t *, const float *, const float *,
                          float, const float *, float, float *);
typedef void (*split_s64)(int64_t, const int64_t *, const int64_t *, const float *, const float *,
                          float, const float *, float, float *);
typedef void (*full_d32)(int32_t, int32_t, const int32_t *, const int32_t *, const double *,
                         double, const double *, double, double *);
typedef void (*full_d64)(int64_t, int64_t, const int64_t *, const int64_t *, const double *,
                         double, const double *, double, double *);
typedef void (*full_s32)(int32_t, int32_t, const int32_t *, const int32_t *, const float *, float,
                         const float *, float, float *);
typedef void (*full_s64)(int64_t, int64_t, const int64_t *, const int64_t *, const float *, float,
                         const float *, float, float *);

/* The split storage built by the test itself (independent of convert.c):
 * strictly-lower rows (unsorted, duplicates kept) and a summed diagonal. */
static void to_split(const Prob *P, int64_t **rp, int64_t **ci, double **v, double **diag)
{
    int64_t n = P->n;
    *rp = calloc((size_t)n + 1, sizeof(int64_t));
    *ci = malloc(sizeof(int64_t) * (size_t)(P->nnz + 1));
    *v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    *diag = calloc((size_t)n + 1, sizeof(double));
    int64_t m = 0;
    for (int64_t r = 0; r < n; r++) {
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            if (P->ci[p] == r) {
                (*diag)[r] += P->v[p];
            } else {
                (*ci)[m] = P->ci[p];
                (*v)[m++] = P->v[p];
            }
        }
        (*rp)[r + 1] = m;
    }
}

static int run_registry(const Prob *P, const double *x, double alpha, double beta,
                        const double *y0, const double *yref, const double *bound,
                        int *covered)
{
    int fails = 0;
    int64_t *urp, *uci, *frp, *fci, *srp, *sci, fnnz;
    double *uv, *fv, *sv, *sdiag;
    to_upper(P, &urp, &uci, &uv);
    to_full(P, &frp, &fci, &fv, &fnnz);
    to_split(P, &srp, &sci, &sv, &sdiag);
    int64_t n = P->n;
    for (int k = 0; k < systec__nkernels; k++) {
        const systec_kernel_entry_t *e = &systec__kernels[k];
        if (strcmp(e->op, "symv")) continue;
        char dt = e->dtype;
        int i64 = e->i64;
        const int64_t *rp = P->rp, *ci = P->ci;
        const double *v = P->v;
        int64_t nz = P->nnz;
        if (!strcmp(e->storage, "triup")) rp = urp, ci = uci, v = uv;
        if (!strcmp(e->storage, "full")) rp = frp, ci = fci, v = fv, nz = fnnz;
        if (!strcmp(e->storage, "split")) rp = srp, ci = sci, v = sv, nz = srp[n];
        void *Rp = idx_copy(rp, n + 1, i64), *Ci = idx_copy(ci, nz, i64);
        void *V = val_copy(v, nz, dt), *D = val_copy(sdiag, n, dt);
        void *X = val_copy(x, n, dt), *Y = val_copy(y0, n, dt);
        /* the reference must see the same rounded inputs */
        double *xr = malloc(sizeof(double) * (size_t)(n + 1));
        for (int64_t i = 0; i < n; i++) xr[i] = dt == 'd' ? x[i] : (double)(float)x[i];
        int st = !strcmp(e->storage, "split") ? 1 : !strcmp(e->storage, "full") ? 2 : 0;
#define CALL(tag, T, I)                                                                          \
    if (st == 0)                                                                                 \
        ((tri_##tag)e->fn)((I)n, Rp, Ci, V, (T)alpha, X, (T)beta, Y);                             \
    else if (st == 1)                                                                            \
        ((split_##tag)e->fn)((I)n, Rp, Ci, V, D, (T)alpha, X, (T)beta, Y);                        \
    else                                                                                         \
        ((full_##tag)e->fn)((I)n, (I)n, Rp, Ci, V, (T)alpha, X, (T)beta, Y);
        if (dt == 'd' && !i64) { CALL(d32, double, int32_t) }
        else if (dt == 'd') { CALL(d64, double, int64_t) }
        else if (!i64) { CALL(s32, float, int32_t) }
        else { CALL(s64, float, int64_t) }
#undef CALL
        if (dt == 's') {
            /* reference on float-rounded values */
            Prob Q = *P;
            double *vr = malloc(sizeof(double) * (size_t)(P->nnz + 1));
            double *dr = P->dense ? malloc(sizeof(double) * (size_t)(n * n + 1)) : NULL;
            for (int64_t p = 0; p < P->nnz; p++) vr[p] = (double)(float)P->v[p];
            Q.v = vr;
            if (dr) {
                /* rebuild dense from rounded entries */
                memset(dr, 0, sizeof(double) * (size_t)(n * n));
                for (int64_t r = 0; r < n; r++)
                    for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
                        dr[r * n + P->ci[p]] += vr[p];
                        if (P->ci[p] != r) dr[P->ci[p] * n + r] += vr[p];
                    }
                Q.dense = dr;
            }
            double *y0r = malloc(sizeof(double) * (size_t)(n + 1));
            for (int64_t i = 0; i < n; i++) y0r[i] = (double)(float)y0[i];
            double *yr = malloc(sizeof(double) * (size_t)(n + 1)), *br = malloc(sizeof(double) * (size_t)(n + 1));
            reference(&Q, (double)(float)alpha, xr, (double)(float)beta, y0r, yr, br);
            fails += compare(e->name, P, dt, Y, yr, br);
            free(vr);
            free(dr);
            free(y0r);
            free(yr);
            free(br);
        } else {
            fails += compare(e->name, P, dt, Y, yref, bound);
        }
        covered[k] = 1;
        free(Rp);
        free(Ci);
        free(V);
        free(D);
        free(X);
        free(Y);
        free(xr);
    }
    free(urp);
    free(uci);
    free(uv);
    free(frp);
    free(fci);
    free(fv);
    free(srp);
    free(sci);
    free(sv);
    free(sdiag);
    return fails;
}

/* The public calls, double and float, both index widths. */
static int run_public(const Prob *P, const double *x, double alpha, double beta, const double *y0,
                      const double *yref, const double *bound)
{
    int fails = 0;
    int64_t n = P->n;
    int64_t *urp, *uci;
    double *uv;
    to_upper(P, &urp, &uci, &uv);
    double *y = malloc(sizeof(double) * (size_t)(n + 1));
    for (int up = 0; up < 2; up++)
        for (int i64 = 0; i64 < 2; i64++) {
            const int64_t *rp = up ? urp : P->rp, *ci = up ? uci : P->ci;
            const double *v = up ? uv : P->v;
            systec_uplo_t uplo = up ? SYSTEC_UPPER : SYSTEC_LOWER;
            void *Rp = idx_copy(rp, n + 1, i64), *Ci = idx_copy(ci, P->nnz, i64);
            memcpy(y, y0, sizeof(double) * (size_t)n);
            systec_status_t s =
                i64 ? systec_dsymv_csr_i64(uplo, n, Rp, Ci, v, alpha, x, beta, y)
                    : systec_dsymv_csr(uplo, (int32_t)n, Rp, Ci, v, alpha, x, beta, y);
            fails += check_status(s, SYSTEC_SUCCESS, "systec_dsymv_csr");
            fails += compare(up ? "dsymv_csr upper" : "dsymv_csr lower", P, 'd', y, yref, bound);
            /* handle path: create from this triangle, run the split kernel */
            systec_symmat_t *A = NULL;
            s = systec_symmat_create_csr(&A, uplo, SYSTEC_DOUBLE, i64 ? SYSTEC_INT64 : SYSTEC_INT32,
                                         n, Rp, Ci, v);
            fails += check_status(s, SYSTEC_SUCCESS, "systec_symmat_create_csr");
            if (A) {
                memcpy(y, y0, sizeof(double) * (size_t)n);
                fails += check_status(systec_dsymv(A, alpha, x, beta, y), SYSTEC_SUCCESS,
                                      "systec_dsymv");
                fails += compare("dsymv handle", P, 'd', y, yref, bound);
                systec_csrmat_t *G = NULL;
                fails += check_status(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS,
                                      "systec_csrmat_from_symmat");
                if (G) {
                    memcpy(y, y0, sizeof(double) * (size_t)n);
                    fails += check_status(systec_dgemv(G, alpha, x, beta, y), SYSTEC_SUCCESS,
                                          "systec_dgemv");
                    fails += compare("dgemv on expanded handle", P, 'd', y, yref, bound);
                    systec_csrmat_free(&G);
                }
                systec_symmat_free(&A);
            }
            free(Rp);
            free(Ci);
        }
    free(urp);
    free(uci);
    free(uv);
    free(y);
    return fails;
}

static int run_problem(const Prob *P, int *covered)
{
    int fails = 0;
    int64_t n = P->n;
    double *x = malloc(sizeof(double) * (size_t)(n + 1));
    double *y0 = malloc(sizeof(double) * (size_t)(n + 1));
    double *yref = malloc(sizeof(double) * (size_t)(n + 1));
    double *bound = malloc(sizeof(double) * (size_t)(n + 1));
    for (int64_t i = 0; i < n; i++) {
        x[i] = rnd_sym();
        y0[i] = rnd_sym();
    }
    const double ab[][2] = {{1.0, 0.0}, {-0.75, 1.5}, {2.0, 1.0}};
    for (size_t k = 0; k < sizeof ab / sizeof ab[0]; k++) {
        reference(P, ab[k][0], x, ab[k][1], y0, yref, bound);
        fails += run_registry(P, x, ab[k][0], ab[k][1], y0, yref, bound, covered);
        fails += run_public(P, x, ab[k][0], ab[k][1], y0, yref, bound);
    }
    free(x);
    free(y0);
    free(yref);
    free(bound);
    return fails;
}

/* beta == 0 must not read y (NaN stays out); alpha == 0 must not read A. */
static int special_scalars(void)
{
    int fails = 0;
    int32_t rp[4] = {0, 1, 3, 4}, ci[4] = {0, 0, 1, 2};
    double v[4] = {2, 1, 3, 4}, x[3] = {1, 2, 3}, y[3];
    double vnan[4] = {NAN, NAN, NAN, NAN};
    /* A = [2 1 0; 1 3 0; 0 0 4] */
    for (int i = 0; i < 3; i++) y[i] = NAN;
    fails += check_status(systec_dsymv_csr(SYSTEC_LOWER, 3, rp, ci, v, 1.0, x, 0.0, y),
                          SYSTEC_SUCCESS, "beta=0");
    fails += check_true(y[0] == 4 && y[1] == 7 && y[2] == 12, "beta=0 ignores NaN in y");
    for (int i = 0; i < 3; i++) y[i] = 1;
    fails += check_status(systec_dsymv_csr(SYSTEC_LOWER, 3, rp, ci, vnan, 0.0, x, 2.0, y),
                          SYSTEC_SUCCESS, "alpha=0");
    fails += check_true(y[0] == 2 && y[1] == 2 && y[2] == 2, "alpha=0 does not read A");
    return fails;
}

static int real_matrices(int argc, char **argv, int *covered)
{
    int fails = 0;
    for (int a = 1; a < argc; a++) {
        char **files = NULL;
        int nf = list_matrix_files(argv[a], &files);
        for (int f = 0; f < nf; f++) {
            systec_coo_t coo;
            systec_status_t s = systec_mm_read(files[f], &coo);
            fails += check_status(s, SYSTEC_SUCCESS, files[f]);
            if (s) continue;
            Prob P;
            prob_from_coo(&P, files[f], &coo);
            fails += run_problem(&P, covered);
            prob_free(&P);
            systec_coo_free(&coo);
            free(files[f]);
        }
        free(files);
    }
    return fails;
}

int main(int argc, char **argv)
{
    int fails = 0;
    int *covered = calloc((size_t)systec__nkernels, sizeof(int));
    rnd_seed(12345);
    struct {
        const char *label;
        int64_t n;
        double dens, ddens, dup, zeros;
    } shapes[] = {
        {"n=0", 0, 0, 0, 0, 0},
        {"n=1 empty", 1, 0, 0, 0, 0},
        {"n=1", 1, 0, 1, 0, 0},
        {"n=1 duplicate diagonal", 1, 0, 1, 1, 0},
        {"diagonal only", 40, 0, 1, 0, 0},
        {"empty diagonal", 40, 0.2, 0, 0, 0},
        {"explicit zeros", 40, 0.3, 0.5, 0, 0.3},
        {"dense", 37, 1, 1, 0, 0},
        {"very sparse", 300, 0.003, 0.1, 0, 0},
        {"duplicates", 50, 0.2, 0.8, 0.3, 0},
        {"empty matrix n=20", 20, 0, 0, 0, 0},
        {"medium", 513, 0.02, 0.9, 0.02, 0.02},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        Prob P;
        prob_random(&P, shapes[k].label, shapes[k].n, shapes[k].dens, shapes[k].ddens,
                    shapes[k].dup, shapes[k].zeros);
        fails += run_problem(&P, covered);
        prob_free(&P);
    }
    fails += special_scalars();
    fails += real_matrices(argc, argv, covered);
    for (int k = 0; k < systec__nkernels; k++)
        if (!strcmp(systec__kernels[k].op, "symv"))
            fails += check_true(covered[k], systec__kernels[k].name);
    free(covered);
    return check_summary();
}
