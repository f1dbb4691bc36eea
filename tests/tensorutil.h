/* Shared helpers of the tensor tests: canonical test tensors (every cell,
 * or random with forced ties) and the full tensor of a canonical list.
 * Header-only; include after testutil.h. */
#ifndef SYSTEC_TENSORUTIL_H
#define SYSTEC_TENSORUTIL_H

#include "testutil.h"

#include <float.h>
#include <math.h>

/* Next distinct permutation of c in lexicographic order; 0 after the last. */
static __attribute__((unused)) int next_perm(int64_t *c, int N)
{
    int i = N - 2;
    while (i >= 0 && c[i] >= c[i + 1]) i--;
    if (i < 0) return 0;
    int j = N - 1;
    while (c[j] <= c[i]) j--;
    int64_t t = c[i];
    c[i] = c[j];
    c[j] = t;
    for (int l = i + 1, r = N - 1; l < r; l++, r--) t = c[l], c[l] = c[r], c[r] = t;
    return 1;
}

/* The full tensor of a canonical list (every distinct permutation). */
static __attribute__((unused)) systec_tns_t expand(const systec_tns_t *T)
{
    int N = T->order;
    int64_t cap = 16;
    systec_tns_t F = {N, T->dim, 0, malloc(sizeof(int64_t) * (size_t)(cap * N)),
                      malloc(sizeof(double) * (size_t)cap)};
    for (int64_t e = 0; e < T->nnz; e++) {
        int64_t c[SYSTEC_MAX_ORDER];
        memcpy(c, T->ind + e * N, sizeof c[0] * (size_t)N);
        do {
            if (F.nnz == cap) {
                cap *= 2;
                F.ind = realloc(F.ind, sizeof(int64_t) * (size_t)(cap * N));
                F.val = realloc(F.val, sizeof(double) * (size_t)cap);
            }
            memcpy(F.ind + F.nnz * N, c, sizeof c[0] * (size_t)N);
            F.val[F.nnz++] = T->val[e];
        } while (next_perm(c, N));
    }
    return F;
}

static __attribute__((unused)) void tns_release(systec_tns_t *T)
{
    free(T->ind);
    free(T->val);
    memset(T, 0, sizeof *T);
}

/* Every canonical cell of an order-N tensor of size n, random values. */
static __attribute__((unused)) systec_tns_t all_cells(int N, int64_t n)
{
    int64_t cap = 1;
    for (int t = 0; t < N; t++) cap *= n;
    systec_tns_t T = {N, n, 0, malloc(sizeof(int64_t) * (size_t)(cap * N + 1)),
                      malloc(sizeof(double) * (size_t)(cap + 1))};
    int64_t c[SYSTEC_MAX_ORDER] = {0};
    if (n == 0) return T;
    for (;;) {
        memcpy(T.ind + T.nnz * N, c, sizeof c[0] * (size_t)N);
        T.val[T.nnz++] = rnd_sym();
        /* next non-decreasing tuple */
        int t = N - 1;
        while (t >= 0 && c[t] == n - 1) t--;
        if (t < 0) break;
        c[t]++;
        for (int q = t + 1; q < N; q++) c[q] = c[t];
    }
    return T;
}

/* A random sparse canonical tensor. */
static __attribute__((unused)) systec_tns_t random_canonical(int N, int64_t n, int64_t nnz)
{
    systec_tns_t T = {N, n, nnz, malloc(sizeof(int64_t) * (size_t)(nnz * N + 1)),
                      malloc(sizeof(double) * (size_t)(nnz + 1))};
    for (int64_t e = 0; e < nnz; e++) {
        int64_t *c = T.ind + e * N;
        for (int t = 0; t < N; t++) c[t] = (int64_t)(rnd_unit() * (double)n);
        /* a few forced ties */
        if (e % 5 == 0) c[1] = c[0];
        for (int x = 1; x < N; x++)
            for (int y = x; y > 0 && c[y - 1] > c[y]; y--) {
                int64_t t = c[y];
                c[y] = c[y - 1];
                c[y - 1] = t;
            }
        T.val[e] = rnd_sym();
    }
    return T;
}
/* The tie pattern of a canonical tuple: bit k set when c[k] == c[k+1]. */
static __attribute__((unused)) unsigned tie_mask_of(const int64_t *c, int N)
{
    unsigned mask = 0;
    for (int k = 0; k + 1 < N; k++)
        if (c[k] == c[k + 1]) mask |= 1u << k;
    return mask;
}

/* How many distinct tie patterns the entries of T have. */
static __attribute__((unused)) int tie_patterns_of(const systec_tns_t *T)
{
    int seen[1 << (SYSTEC_MAX_ORDER - 1)] = {0}, nseen = 0;
    for (int64_t e = 0; e < T->nnz; e++) nseen += !seen[tie_mask_of(T->ind + e * T->order, T->order)]++;
    return nseen;
}

/* ------------------------------------------------------------ reference */

/* C[i,r] = sum over full entries (i, c1, .., cN-1) of v * B[c1,r] * ...;
 * bound: the same sum of absolute values. */
static __attribute__((unused)) void ref_mttkrp(const systec_tns_t *F, int64_t R, const double *B,
                                               double *C, double *bnd)
{
    int N = F->order;
    /* long double sums: a row of a real tensor may sum 1e5 terms, and a
     * plain double sum would be further from the truth than the kernels */
    long double *acc = calloc((size_t)(F->dim * R + 1), sizeof(long double));
    memset(bnd, 0, sizeof(double) * (size_t)(F->dim * R));
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + e * N;
        for (int64_t r = 0; r < R; r++) {
            long double t = F->val[e];
            for (int m = 1; m < N; m++) t *= B[c[m] * R + r];
            acc[c[0] * R + r] += t;
            bnd[c[0] * R + r] += fabsl(t);
        }
    }
    for (int64_t k = 0; k < F->dim * R; k++) C[k] = (double)acc[k];
    free(acc);
}

/* Compares a float or double result with the reference. */
static __attribute__((unused)) int compare_ref(const char *what, const void *got, int dbl,
                                               const double *want, const double *bnd,
                                               int64_t cells)
{
    double tol = dbl ? 1e-12 : 1e-12 * (FLT_EPSILON / DBL_EPSILON);
    for (int64_t k = 0; k < cells; k++) {
        double v = dbl ? ((const double *)got)[k] : ((const float *)got)[k];
        if (!(fabs(v - want[k]) <= tol * bnd[k])) {
            CHECK(0, "%s: element %lld = %.17g, reference %.17g (bound %.3g)", what,
                  (long long)k, v, want[k], bnd[k]);
            return 1;
        }
    }
    CHECK(1, "%s", what);
    return 0;
}

/* F[j,l,i] = sum over full entries (j,l,k) of v * B[k,i] (order 3, full
 * n*n*R output); bound: the same sum of absolute values. */
static __attribute__((unused)) void ref_ttm(const systec_tns_t *F, int64_t R, const double *B,
                                            double *F_out, double *bnd)
{
    int64_t n = F->dim, cf = n * n * R;
    long double *acc = calloc((size_t)cf + 1, sizeof(long double)); /* as ref_mttkrp */
    memset(bnd, 0, sizeof(double) * (size_t)cf);
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + e * 3;
        for (int64_t i = 0; i < R; i++) {
            long double t = (long double)F->val[e] * B[c[2] * R + i];
            acc[(c[0] * n + c[1]) * R + i] += t;
            bnd[(c[0] * n + c[1]) * R + i] += fabsl(t);
        }
    }
    for (int64_t k = 0; k < cf; k++) F_out[k] = (double)acc[k];
    free(acc);
}

#endif
