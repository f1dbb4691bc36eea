/* Symmetric test matrices for the C tests: one lower triangle in CSR
 * (int64 indices, rows sorted) with its expansion to both triangles, the
 * synthetic shapes (27-point stencil, irregular random rows) and the
 * long-double references with their per-element bounds. Header-only. */
#ifndef SYSTEC_TRIMAT_H
#define SYSTEC_TRIMAT_H

#include "testutil.h"

#include <math.h>

/* helpers a test may leave unused */
#define TRI_FN static __attribute__((unused))

/* ------------------------------------------------------------ problems */

/* One lower triangle (CSR, int64, rows sorted, diagonal last) and its
 * expansion. */
typedef struct {
    const char *label;
    int64_t n, nnz, *rp, *ci;
    double *v;
    int64_t *frp, *fci; /* full CSR */
    double *fv;
} Tri;

TRI_FN void tri_free(Tri *T)
{
    free(T->rp);
    free(T->ci);
    free(T->v);
    free(T->frp);
    free(T->fci);
    free(T->fv);
}

/* The full matrix of T (both triangles). */
TRI_FN void tri_expand(Tri *T)
{
    int64_t n = T->n, *cnt = calloc((size_t)n + 1, sizeof *cnt);
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = T->rp[r]; p < T->rp[r + 1]; p++) {
            cnt[r + 1]++;
            if (T->ci[p] != r) cnt[T->ci[p] + 1]++;
        }
    for (int64_t r = 0; r < n; r++) cnt[r + 1] += cnt[r];
    T->frp = malloc(sizeof(int64_t) * (size_t)(n + 1));
    memcpy(T->frp, cnt, sizeof(int64_t) * (size_t)(n + 1));
    T->fci = malloc(sizeof(int64_t) * (size_t)(cnt[n] + 1));
    T->fv = malloc(sizeof(double) * (size_t)(cnt[n] + 1));
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = T->rp[r]; p < T->rp[r + 1]; p++) {
            int64_t c = T->ci[p];
            T->fci[cnt[r]] = c, T->fv[cnt[r]++] = T->v[p];
            if (c != r) T->fci[cnt[c]] = r, T->fv[cnt[c]++] = T->v[p];
        }
    free(cnt);
}

/* 27-point stencil on a g^3 grid, lower triangle. */
TRI_FN void tri_stencil(Tri *T, int g)
{
    int64_t n = (int64_t)g * g * g, cap = 14 * n;
    T->label = "stencil";
    T->n = n;
    T->rp = malloc(sizeof(int64_t) * (size_t)(n + 1));
    T->ci = malloc(sizeof(int64_t) * (size_t)cap);
    T->v = malloc(sizeof(double) * (size_t)cap);
    int64_t w = 0;
    T->rp[0] = 0;
    for (int64_t r = 0; r < n; r++) {
        int i = (int)(r / ((int64_t)g * g)), j = (int)(r / g % g), k = (int)(r % g);
        for (int di = -1; di <= 0; di++)
            for (int dj = -1; dj <= 1; dj++)
                for (int dk = -1; dk <= 1; dk++) {
                    int a = i + di, b = j + dj, c = k + dk;
                    if (a < 0 || b < 0 || c < 0 || b >= g || c >= g) continue;
                    int64_t col = ((int64_t)a * g + b) * g + c;
                    if (col > r) continue;
                    T->ci[w] = col;
                    T->v[w++] = col == r ? 26.0 : -1.0;
                }
        T->rp[r + 1] = w;
    }
    T->nnz = w;
    T->frp = T->fci = NULL;
    T->fv = NULL;
}

/* n rows of 0..2*avg strictly-lower random entries (irregular), diagonal on
 * every row but one in seven. */
TRI_FN void tri_random(Tri *T, int64_t n, int avg)
{
    T->label = "random";
    T->n = n;
    T->rp = malloc(sizeof(int64_t) * (size_t)(n + 1));
    T->ci = malloc(sizeof(int64_t) * (size_t)(n * (2 * avg + 1) + 1));
    T->v = malloc(sizeof(double) * (size_t)(n * (2 * avg + 1) + 1));
    int64_t w = 0;
    T->rp[0] = 0;
    for (int64_t r = 0; r < n; r++) {
        int len = r ? (int)(rnd_unit() * (2 * avg + 1)) : 0;
        int64_t prev = -1;
        for (int q = 0; q < len; q++) {
            int64_t c = prev + 1 + (int64_t)(rnd_unit() * (double)(r - prev - 1) / (len - q));
            if (c >= r) break;
            T->ci[w] = prev = c;
            T->v[w++] = rnd_sym();
        }
        if (r % 7) T->ci[w] = r, T->v[w++] = 1 + rnd_unit();
        T->rp[r + 1] = w;
    }
    T->nnz = w;
    T->frp = T->fci = NULL;
    T->fv = NULL;
}

TRI_FN int tri_from_coo(Tri *T, const systec_coo_t *A, const char *label)
{
    if (A->nrows != A->ncols) return 0;
    int64_t n = A->nrows, *cnt = calloc((size_t)n + 1, sizeof *cnt);
    for (int64_t k = 0; k < A->nnz; k++)
        if (A->symmetric || A->row[k] >= A->col[k])
            cnt[(A->row[k] > A->col[k] ? A->row[k] : A->col[k]) + 1]++;
    for (int64_t r = 0; r < n; r++) cnt[r + 1] += cnt[r];
    T->label = label;
    T->n = n;
    T->nnz = cnt[n];
    T->rp = malloc(sizeof(int64_t) * (size_t)(n + 1));
    memcpy(T->rp, cnt, sizeof(int64_t) * (size_t)(n + 1));
    T->ci = malloc(sizeof(int64_t) * (size_t)(T->nnz + 1));
    T->v = malloc(sizeof(double) * (size_t)(T->nnz + 1));
    for (int64_t k = 0; k < A->nnz; k++) {
        if (!A->symmetric && A->row[k] < A->col[k]) continue;
        int64_t r = A->row[k] > A->col[k] ? A->row[k] : A->col[k];
        T->ci[cnt[r]] = A->row[k] > A->col[k] ? A->col[k] : A->row[k];
        T->v[cnt[r]++] = A->val ? A->val[k] : 1.0;
    }
    free(cnt);
    T->frp = T->fci = NULL;
    T->fv = NULL;
    return 1;
}

TRI_FN void *narrow(const int64_t *a, int64_t n)
{
    int32_t *b = malloc(sizeof(int32_t) * (size_t)(n + 1));
    for (int64_t k = 0; k < n; k++) b[k] = (int32_t)a[k];
    return b;
}

/* ----------------------------------------------------------- references */

/* out := alpha*A*x + beta*y0 (k columns, row-major) and the per-element
 * bound on |terms|, in long double. */
TRI_FN void ref_mv(const Tri *T, int64_t k, double alpha, const double *x, double beta,
                   const double *y0, double *out, double *bound)
{
    for (int64_t r = 0; r < T->n; r++)
        for (int64_t c = 0; c < k; c++) {
            long double s = 0, b = 0;
            for (int64_t p = T->frp[r]; p < T->frp[r + 1]; p++) {
                s += (long double)T->fv[p] * x[T->fci[p] * k + c];
                b += fabsl((long double)T->fv[p] * x[T->fci[p] * k + c]);
            }
            double by = beta == 0 ? 0 : beta * y0[r * k + c];
            out[r * k + c] = (double)(alpha * s) + by;
            bound[r * k + c] = (double)(fabs(alpha) * b) + fabs(by);
        }
}

/* alpha * x^T A y + beta * s0, and its bound. */
TRI_FN double ref_bilin(const Tri *T, double alpha, const double *x, const double *y, double beta,
                        double s0, double *bound)
{
    long double s = 0, b = 0;
    for (int64_t r = 0; r < T->n; r++)
        for (int64_t p = T->frp[r]; p < T->frp[r + 1]; p++) {
            s += (long double)x[r] * T->fv[p] * y[T->fci[p]];
            b += fabsl((long double)x[r] * T->fv[p] * y[T->fci[p]]);
        }
    *bound = (double)(fabs(alpha) * b) + fabs(beta * s0);
    return (double)(alpha * s) + beta * s0;
}

/* out := min(y0, A + x) row by row (min-plus), exact. */
TRI_FN void ref_minplus(const Tri *T, const double *x, const double *y0, double *out)
{
    for (int64_t r = 0; r < T->n; r++) {
        double m = y0[r];
        for (int64_t p = T->frp[r]; p < T->frp[r + 1]; p++) {
            double c = T->fv[p] + x[T->fci[p]];
            if (c < m) m = c;
        }
        out[r] = m;
    }
}

TRI_FN int close_all(const double *got, const double *want, const double *bound, int64_t len,
                     double tol, const char *what)
{
    for (int64_t i = 0; i < len; i++)
        if (!(fabs(got[i] - want[i]) <= tol * bound[i]))
            return check_fail("%s: out[%lld] = %.17g, want %.17g", what, (long long)i, got[i],
                              want[i]);
    return check_true(1, what);
}

/* fn on the lower triangle of every square matrix in the Matrix Market
 * files and directories given (an unreadable one is a failure). */
TRI_FN void tri_each_file(int npaths, char **paths, int (*fn)(Tri *))
{
    for (int a = 0; a < npaths; a++) {
        char **files = NULL;
        int nf = list_matrix_files(paths[a], &files);
        for (int f = 0; f < nf; f++) {
            systec_coo_t coo;
            if (systec_mm_read(files[f], &coo) == SYSTEC_SUCCESS) {
                Tri T;
                if (tri_from_coo(&T, &coo, files[f])) {
                    fn(&T);
                    tri_free(&T);
                }
                systec_coo_free(&coo);
            } else {
                check_fail("%s: %s", files[f], systec_last_error());
            }
            free(files[f]);
        }
        free(files);
    }
}

#endif
