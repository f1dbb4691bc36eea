/* Shared helpers of the tensor tests: canonical test tensors (every cell,
 * or random with forced ties) and the full tensor of a canonical list.
 * Header-only; include after testutil.h. */
#ifndef SYSTEC_TENSORUTIL_H
#define SYSTEC_TENSORUTIL_H

#include "testutil.h"

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

#endif
