/* Shared by the matrix-operation tests (test_ops, test_nonfinite,
 * test_float): a symmetric test problem (one triangle as the user gives
 * it), the storages every generated kernel reads, built by the test itself
 * (independently of convert.c), and calls through the kernels' thunks and
 * the public API. Header-only; include after testutil.h. */
#ifndef SYSTEC_OPSUTIL_H
#define SYSTEC_OPSUTIL_H

#include "internal.h"
#include "kernels.h"

#include <math.h>
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
static __attribute__((unused)) void prob_random(Prob *P, const char *label, int64_t n, double dens, double ddens,
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
static __attribute__((unused)) int prob_from_coo(Prob *P, const char *label, const systec_coo_t *A)
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


/* The split storage built by the test itself (independent of convert.c):
 * strictly-lower rows (unsorted, duplicates kept) and the diagonal with
 * duplicates combined in the op's semiring (absent: 0, or +inf in min-plus). */
static void to_split(const Prob *P, int minplus, int64_t **rp, int64_t **ci, double **v,
                     double **diag)
{
    int64_t n = P->n;
    *rp = calloc((size_t)n + 1, sizeof(int64_t));
    *ci = malloc(sizeof(int64_t) * (size_t)(P->nnz + 1));
    *v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    *diag = malloc(sizeof(double) * (size_t)(n + 1));
    for (int64_t r = 0; r < n; r++) (*diag)[r] = minplus ? INFINITY : 0.0;
    int64_t m = 0;
    for (int64_t r = 0; r < n; r++) {
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            if (P->ci[p] == r) {
                if (minplus)
                    (*diag)[r] = fmin((*diag)[r], P->v[p]);
                else
                    (*diag)[r] += P->v[p];
            } else {
                (*ci)[m] = P->ci[p];
                (*v)[m++] = P->v[p];
            }
        }
        (*rp)[r + 1] = m;
    }
}


/* ------------------------------------------------------------ operations */

typedef enum { OP_SYMV, OP_SYPRD, OP_MINPLUS, OP_SYMM, OP_BILIN, NOPS } Op;
static const char *const op_name[NOPS] = {"symv", "syprd", "symv_minplus", "symm", "bilin"};
static const int op_kop[NOPS] = {SYSTEC_KOP_symv, SYSTEC_KOP_syprd, SYSTEC_KOP_symv_minplus,
                                 SYSTEC_KOP_symm, SYSTEC_KOP_bilin};

#define KCOLS 3 /* columns of X and Y in SSYMM */

/* lengths of the operation's x and output; the bilinear form's y is x + n
 * (x buffers hold n * KCOLS + 1 values) */
static int64_t in_len(Op op, int64_t n) { return op == OP_SYMM ? n * KCOLS : n; }
static int64_t out_len(Op op, int64_t n)
{
    return op == OP_SYPRD || op == OP_BILIN ? 1 : in_len(op, n);
}
static __attribute__((unused)) const double *second_in(Op op, const double *x, int64_t n)
{
    return op == OP_BILIN ? x + n : NULL;
}

/* The storages a kernel may read, built by the test from the problem. */
typedef struct {
    int64_t *rp[5], *ci[5], nnz[5];
    double *v[5], *diag;
    unsigned char *dhas; /* rows with a stored diagonal; NULL when every row has one */
} Storages;
enum { S_TRILO, S_TRIUP, S_FULL, S_SPLIT, S_STREAM };

static void storages_build(const Prob *P, int minplus, Storages *S)
{
    S->rp[S_TRILO] = P->rp, S->ci[S_TRILO] = P->ci, S->v[S_TRILO] = P->v;
    S->nnz[S_TRILO] = P->nnz;
    to_upper(P, &S->rp[S_TRIUP], &S->ci[S_TRIUP], &S->v[S_TRIUP]);
    S->nnz[S_TRIUP] = P->nnz;
    to_full(P, &S->rp[S_FULL], &S->ci[S_FULL], &S->v[S_FULL], &S->nnz[S_FULL]);
    to_split(P, minplus, &S->rp[S_SPLIT], &S->ci[S_SPLIT], &S->v[S_SPLIT], &S->diag);
    S->dhas = calloc((size_t)P->n + 1, 1);
    int64_t stored = 0;
    for (int64_t r = 0; r < P->n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++)
            if (P->ci[p] == r && !S->dhas[r]) S->dhas[r] = 1, stored++;
    if (stored == P->n) {
        free(S->dhas);
        S->dhas = NULL;
    }
    S->nnz[S_SPLIT] = S->rp[S_SPLIT][P->n];
    /* stream: the split entries with their row in place of row pointers */
    int64_t nz = S->nnz[S_SPLIT];
    S->rp[S_STREAM] = malloc(sizeof(int64_t) * (size_t)(nz + 1));
    for (int64_t r = 0; r < P->n; r++)
        for (int64_t q = S->rp[S_SPLIT][r]; q < S->rp[S_SPLIT][r + 1]; q++) S->rp[S_STREAM][q] = r;
    S->ci[S_STREAM] = S->ci[S_SPLIT];
    S->v[S_STREAM] = S->v[S_SPLIT];
    S->nnz[S_STREAM] = nz;
}

static void storages_free(Storages *S)
{
    for (int k = S_TRIUP; k <= S_SPLIT; k++) {
        free(S->rp[k]);
        free(S->ci[k]);
        free(S->v[k]);
    }
    free(S->rp[S_STREAM]); /* its columns and values are the split's */
    free(S->diag);
    free(S->dhas);
}

static int storage_of(int kst)
{
    return kst == SYSTEC_KST_trilo ? S_TRILO : kst == SYSTEC_KST_triup ? S_TRIUP
           : kst == SYSTEC_KST_full ? S_FULL : kst == SYSTEC_KST_stream ? S_STREAM : S_SPLIT;
}

/* Runs kernel kid of ISA table tab through its call thunk on the storages
 * S of an n-row problem: x (in_len, and for the bilinear form y after it)
 * and y0 (out_len) in double, converted to the kernel's type; the result
 * comes back in out (double). */
static __attribute__((unused)) void kernel_run(const systec_kimpl_t *tab, int kid, Op op,
                                               const Storages *S, int64_t n, double alpha,
                                               const double *x, double beta, const double *y0,
                                               double *out)
{
    const systec_kmeta_t *e = systec__kmeta(kid);
    char dt = e->dtype;
    int i64 = e->i64, st = storage_of(e->storage);
    int64_t len = out_len(op, n);
    /* row pointers (n + 1), or for the stream one row per entry */
    void *Rp = idx_copy(S->rp[st], st == S_STREAM ? S->nnz[st] : n + 1, i64);
    void *Ci = idx_copy(S->ci[st], S->nnz[st], i64);
    void *V = val_copy(S->v[st], S->nnz[st], dt), *D = val_copy(S->diag, n, dt);
    void *X = val_copy(x, in_len(op, n) + (op == OP_BILIN ? n : 0), dt);
    void *Y = val_copy(y0, len, dt);
    systec_kargs_t a = {0};
    a.m = a.n = n;
    a.k = KCOLS;
    a.nnz = S->nnz[st];
    a.ptr = a.row = Rp;
    a.idx = Ci;
    a.val = V;
    a.diag = D;
    a.dhas = S->dhas;
    a.alpha = dt == 'd' ? alpha : (double)(float)alpha;
    a.beta = dt == 'd' ? beta : (double)(float)beta;
    a.in[0] = X;
    a.in[1] = (const char *)X + (size_t)n * (dt == 'd' ? 8 : 4);
    a.out = Y;
    tab[kid].call(&a);
    for (int64_t i = 0; i < len; i++) out[i] = dt == 'd' ? ((double *)Y)[i] : ((float *)Y)[i];
    free(Rp);
    free(Ci);
    free(V);
    free(D);
    free(X);
    free(Y);
}

/* ---------------------------------------------------------- public calls */

/* One public call on the problem in value type T (prefix D: d or s),
 * direct (call_direct<D>: the triangle uplo, or the general CSR when ge) or
 * on a handle (call_handle<D>: A, or the general G); returns its status.
 * The bilinear form's y follows x (x + n). */
#define DEFINE_PUBLIC_CALLS(T, D)                                                                \
    static __attribute__((unused)) systec_status_t call_direct_##D(                              \
        Op op, int ge, systec_uplo_t uplo, int i64, int64_t n, const void *rp, const void *ci,   \
        const T *v, T alpha, const T *x, T beta, T *out)                                         \
    {                                                                                            \
        const T *y = op == OP_BILIN ? x + n : NULL;                                              \
        int32_t n32 = (int32_t)n;                                                                \
        if (ge) { /* general CSR: the baselines */                                               \
            switch (op) {                                                                        \
            case OP_BILIN:                                                                       \
                return i64 ? systec_##D##gebilin_csr_i64(n, rp, ci, v, alpha, x, y, beta, out)   \
                           : systec_##D##gebilin_csr(n32, rp, ci, v, alpha, x, y, beta, out);    \
            case OP_SYMM:                                                                        \
                return i64 ? systec_##D##gemm_csr_i64(n, n, KCOLS, rp, ci, v, alpha, x, beta,    \
                                                      out)                                       \
                           : systec_##D##gemm_csr(n32, n32, KCOLS, rp, ci, v, alpha, x, beta,    \
                                                  out);                                          \
            case OP_SYMV:                                                                        \
                return i64 ? systec_##D##gemv_csr_i64(n, n, rp, ci, v, alpha, x, beta, out)      \
                           : systec_##D##gemv_csr(n32, n32, rp, ci, v, alpha, x, beta, out);     \
            case OP_SYPRD:                                                                       \
                return i64 ? systec_##D##geprd_csr_i64(n, rp, ci, v, alpha, x, beta, out)        \
                           : systec_##D##geprd_csr(n32, rp, ci, v, alpha, x, beta, out);         \
            default:                                                                             \
                return i64 ? systec_##D##gemv_minplus_csr_i64(n, n, rp, ci, v, x, out)           \
                           : systec_##D##gemv_minplus_csr(n32, n32, rp, ci, v, x, out);          \
            }                                                                                    \
        }                                                                                        \
        switch (op) {                                                                            \
        case OP_BILIN:                                                                           \
            return i64 ? systec_##D##sybilin_csr_i64(uplo, n, rp, ci, v, alpha, x, y, beta, out) \
                       : systec_##D##sybilin_csr(uplo, n32, rp, ci, v, alpha, x, y, beta, out);  \
        case OP_SYMM:                                                                            \
            return i64 ? systec_##D##symm_csr_i64(uplo, n, KCOLS, rp, ci, v, alpha, x, beta,     \
                                                  out)                                           \
                       : systec_##D##symm_csr(uplo, n32, KCOLS, rp, ci, v, alpha, x, beta, out); \
        case OP_SYMV:                                                                            \
            return i64 ? systec_##D##symv_csr_i64(uplo, n, rp, ci, v, alpha, x, beta, out)       \
                       : systec_##D##symv_csr(uplo, n32, rp, ci, v, alpha, x, beta, out);        \
        case OP_SYPRD:                                                                           \
            return i64 ? systec_##D##syprd_csr_i64(uplo, n, rp, ci, v, alpha, x, beta, out)      \
                       : systec_##D##syprd_csr(uplo, n32, rp, ci, v, alpha, x, beta, out);       \
        default:                                                                                 \
            return i64 ? systec_##D##symv_minplus_csr_i64(uplo, n, rp, ci, v, x, out)            \
                       : systec_##D##symv_minplus_csr(uplo, n32, rp, ci, v, x, out);             \
        }                                                                                        \
    }                                                                                            \
    static __attribute__((unused)) systec_status_t call_handle_##D(                              \
        Op op, const systec_symmat_t *A, const systec_csrmat_t *G, T alpha, const T *x, T beta,  \
        T *out)                                                                                  \
    {                                                                                            \
        int64_t n = 0;                                                                           \
        if (A) systec_symmat_info(A, &n, NULL, NULL, NULL);                                      \
        if (G) systec_csrmat_info(G, &n, NULL, NULL, NULL, NULL);                                \
        const T *y = op == OP_BILIN ? x + n : NULL;                                              \
        switch (op) {                                                                            \
        case OP_BILIN:                                                                           \
            return A ? systec_##D##sybilin(A, alpha, x, y, beta, out)                            \
                     : systec_##D##gebilin(G, alpha, x, y, beta, out);                           \
        case OP_SYMM:                                                                            \
            return A ? systec_##D##symm(A, KCOLS, alpha, x, beta, out)                           \
                     : systec_##D##gemm(G, KCOLS, alpha, x, beta, out);                          \
        case OP_SYMV:                                                                            \
            return A ? systec_##D##symv(A, alpha, x, beta, out)                                  \
                     : systec_##D##gemv(G, alpha, x, beta, out);                                 \
        case OP_SYPRD:                                                                           \
            return A ? systec_##D##syprd(A, alpha, x, beta, out)                                 \
                     : systec_##D##geprd(G, alpha, x, beta, out);                                \
        default:                                                                                 \
            return A ? systec_##D##symv_minplus(A, x, out) : systec_##D##gemv_minplus(G, x, out); \
        }                                                                                        \
    }
DEFINE_PUBLIC_CALLS(double, d)
DEFINE_PUBLIC_CALLS(float, s)
#undef DEFINE_PUBLIC_CALLS

/* A check of one public call's result: what the call was, its status, the
 * output (out_len values, in double); returns the number of failures. */
typedef int (*public_check_fn)(void *ctx, const char *what, systec_status_t st, const double *out);

/* One public call in value type dt ('d' or 's') on a handle (A) or an
 * expansion (G), or direct (A == G == NULL: the triangle or general CSR
 * Rp, Ci, V), from y0; the result handed to check. */
static int public_call(Op op, char dt, int ge, systec_uplo_t uplo, int i64, int64_t n,
                       const void *Rp, const void *Ci, const void *V, const systec_symmat_t *A,
                       const systec_csrmat_t *G, double alpha, const void *X, double beta,
                       const double *y0, const char *what, public_check_fn check, void *ctx)
{
    int64_t len = out_len(op, n);
    void *Y = val_copy(y0, len, dt);
    double *out = malloc(sizeof(double) * (size_t)(len + 1));
    systec_status_t st;
    if (dt == 'd')
        st = A || G ? call_handle_d(op, A, G, alpha, X, beta, Y)
                    : call_direct_d(op, ge, uplo, i64, n, Rp, Ci, V, alpha, X, beta, Y);
    else
        st = A || G ? call_handle_s(op, A, G, (float)alpha, X, (float)beta, Y)
                    : call_direct_s(op, ge, uplo, i64, n, Rp, Ci, V, (float)alpha, X, (float)beta,
                                    Y);
    for (int64_t i = 0; i < len; i++) out[i] = dt == 'd' ? ((double *)Y)[i] : ((float *)Y)[i];
    int fails = check(ctx, what, st, out);
    free(Y);
    free(out);
    return fails;
}

/* Every public route to operation op in value type dt: the lower, upper
 * and general CSR direct calls, a handle built from either triangle and
 * its expansion, int32 and int64 indices. Returns the failures. */
static __attribute__((unused)) int public_sweep(Op op, const Prob *P, const Storages *S, char dt,
                                                double alpha, const double *x, double beta,
                                                const double *y0, public_check_fn check,
                                                void *ctx)
{
    int fails = 0, mp = op == OP_MINPLUS;
    int64_t n = P->n;
    void *X = val_copy(x, in_len(op, n) + (op == OP_BILIN ? n : 0), dt);
    const char *tn = dt == 'd' ? "double" : "float";
    systec_dtype_t dtype = dt == 'd' ? SYSTEC_DOUBLE : SYSTEC_FLOAT;
    char what[160];
    for (int i64 = 0; i64 < 2; i64++) {
        for (int form = 0; form < 3; form++) { /* lower, upper, general */
            int st = form == 0 ? S_TRILO : form == 1 ? S_TRIUP : S_FULL;
            systec_uplo_t uplo = form == 1 ? SYSTEC_UPPER : SYSTEC_LOWER;
            void *Rp = idx_copy(S->rp[st], n + 1, i64), *Ci = idx_copy(S->ci[st], S->nnz[st], i64);
            void *V = val_copy(S->v[st], S->nnz[st], dt);
            snprintf(what, sizeof what, "public %s %s, %s CSR, %s", tn, op_name[op],
                     form == 0 ? "lower" : form == 1 ? "upper" : "general",
                     i64 ? "int64" : "int32");
            fails += public_call(op, dt, form == 2, uplo, i64, n, Rp, Ci, V, NULL, NULL, alpha, X,
                                 beta, y0, what, check, ctx);
            if (form < 2) { /* a handle from this triangle, then its expansion */
                systec_symmat_t *A = NULL;
                systec_itype_t it = i64 ? SYSTEC_INT64 : SYSTEC_INT32;
                systec_status_t s =
                    mp ? systec_symmat_create_csr_minplus(&A, uplo, dtype, it, n, Rp, Ci, V)
                       : systec_symmat_create_csr(&A, uplo, dtype, it, n, Rp, Ci, V);
                fails += check_status(s, SYSTEC_SUCCESS, "handle constructor");
                systec_csrmat_t *G = NULL;
                if (A) {
                    snprintf(what, sizeof what, "%s %s on a handle (%s)", tn, op_name[op],
                             form ? "upper" : "lower");
                    fails += public_call(op, dt, 0, uplo, i64, n, NULL, NULL, NULL, A, NULL,
                                         alpha, X, beta, y0, what, check, ctx);
                    fails += check_status(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS,
                                          "expansion");
                }
                if (G) {
                    snprintf(what, sizeof what, "%s %s baseline on the expansion", tn,
                             op_name[op]);
                    fails += public_call(op, dt, 0, uplo, i64, n, NULL, NULL, NULL, NULL, G,
                                         alpha, X, beta, y0, what, check, ctx);
                }
                systec_csrmat_free(&G);
                systec_symmat_free(&A);
            }
            free(Rp);
            free(Ci);
            free(V);
        }
    }
    free(X);
    return fails;
}

#endif
