/* Hypergraph eigenvector centrality: a Z-eigenvector of the hypergraph's
 * symmetric adjacency tensor, A x^{N-1} = lambda x with |x| = 1, by the
 * shifted symmetric higher-order power method (SS-HOPM, Kolda and Mayo,
 * SIAM J. Matrix Anal. Appl. 32(4), 2011):
 *
 *   y = A x^{N-1} + alpha x,   x = y / |y|
 *
 * with libsystec's tensor-times-same-vector, y[i] = sum A[i,j,k,...] x[j]
 * x[k] ... For a nonnegative tensor and a positive start the iterates stay
 * nonnegative, and the limit ranks the nodes (Benson, "Three hypergraph
 * eigenvector centralities", SIAM J. Math. Data Sci. 1(2), 2019).
 *
 *   centrality DIR [--order K] [--padded] [--shift ALPHA] [--tol T] [--maxit M] [--top P]
 *
 * DIR is a hypergraph in the ScHoLP layout (see cp_als.c); K defaults to 3,
 * ALPHA to 0, T (on |A x^{N-1} - lambda x|) to 1e-10 lambda. Prints the
 * iterations, lambda, the P (default 10) most central nodes with their
 * hyperedge counts, and the time of one TTSV on the symmetric tensor and on
 * its non-symmetric baseline (CSF of the full tensor). Checks its answer:
 * converged, x >= 0, and the TTSV at the eigenvector against the baseline
 * and a plain loop over the full tensor (every element within 1e-12 of the
 * sum of its terms' magnitudes). Exit status 0 when all hold. */
#include "hypergraph.h"

#include <math.h>

static double norm2(const double *v, int64_t n)
{
    double s = 0;
    for (int64_t i = 0; i < n; i++) s += v[i] * v[i];
    return sqrt(s);
}

/* Median seconds of one TTSV through fn over reps calls. */
typedef systec_status_t (*ttsv_fn)(const void *, const double *, double *);
static double time_ttsv(ttsv_fn fn, const void *A, const double *x, double *y, int reps)
{
    double t[15];
    for (int r = 0; r < reps; r++) {
        double t0 = now_seconds();
        TRY(fn(A, x, y));
        t[r] = now_seconds() - t0;
    }
    return median(t, reps);
}

static systec_status_t sym_ttsv(const void *A, const double *x, double *y)
{
    return systec_dttsv(A, x, y);
}

static systec_status_t csf_ttsv(const void *A, const double *x, double *y)
{
    return systec_dttsv_csf(A, x, y);
}

/* Node order by decreasing centrality (for the top list). */
static const double *sort_key;
static int by_centrality(const void *a, const void *b)
{
    double x = sort_key[*(const int64_t *)a], y = sort_key[*(const int64_t *)b];
    return (x < y) - (x > y);
}

int main(int argc, char **argv)
{
    hyper_args h = {NULL, 3, 0};
    double alpha = 0, tol = 1e-10;
    int maxit = 5000, top = 10;
    for (int a = 1; a < argc; a++) {
        if (hyper_option(argc, argv, &a, &h)) continue;
        if (!strcmp(argv[a], "--shift") && a + 1 < argc)
            alpha = atof(argv[++a]);
        else if (!strcmp(argv[a], "--tol") && a + 1 < argc)
            tol = atof(argv[++a]);
        else if (!strcmp(argv[a], "--maxit") && a + 1 < argc)
            maxit = atoi(argv[++a]);
        else if (!strcmp(argv[a], "--top") && a + 1 < argc)
            top = atoi(argv[++a]);
        else if (argv[a][0] != '-' && !h.dir)
            h.dir = argv[a];
        else
            h.dir = NULL, a = argc;
    }
    if (!h.dir || maxit < 1 || top < 0 || !(alpha >= 0) || !(tol > 0)) {
        fprintf(stderr, "usage: centrality DIR [--order K] [--padded] [--shift ALPHA >= 0] "
                        "[--tol T] [--maxit M] [--top P]\n");
        return 2;
    }
    systec_tns_t T;
    systec_symten_t *A = NULL;
    hyper_load(&h, &T, &A);
    const int N = T.order;
    const int64_t n = T.dim, real_nodes = h.padded ? n - (N - 2) : n;
    double *x = xmalloc(sizeof *x * (size_t)n), *y = xmalloc(sizeof *y * (size_t)n);
    for (int64_t i = 0; i < n; i++) x[i] = 1 / sqrt((double)n);

    printf("SS-HOPM, shift %g, from the uniform vector\n  iter   lambda            "
           "|A x^%d - lambda x| / lambda\n", alpha, N - 1);
    double lambda = 0, res = INFINITY;
    int it;
    for (it = 0; it <= maxit; it++) {
        TRY(systec_dttsv(A, x, y));
        lambda = 0;
        for (int64_t i = 0; i < n; i++) lambda += x[i] * y[i];
        double r2 = 0;
        for (int64_t i = 0; i < n; i++) r2 += (y[i] - lambda * x[i]) * (y[i] - lambda * x[i]);
        res = sqrt(r2) / lambda;
        if (it < 5 || it % 50 == 0 || res <= tol) printf("%6d   %.12f   %.3e\n", it, lambda, res);
        if (res <= tol || it == maxit) break;
        for (int64_t i = 0; i < n; i++) y[i] += alpha * x[i];
        double s = norm2(y, n);
        for (int64_t i = 0; i < n; i++) x[i] = y[i] / s;
    }

    /* the most central nodes, with their number of hyperedges in the tensor */
    int64_t *order = xmalloc(sizeof *order * (size_t)n), *deg = calloc((size_t)n, sizeof *deg);
    for (int64_t e = 0; e < T.nnz; e++)
        for (int t = 0; t < N; t++)
            if (t == 0 || T.ind[e * N + t] != T.ind[e * N + t - 1]) deg[T.ind[e * N + t]]++;
    for (int64_t i = 0; i < n; i++) order[i] = i;
    sort_key = x;
    qsort(order, (size_t)n, sizeof *order, by_centrality);
    printf("most central nodes (ids as in the data set%s):\n  rank   node   centrality   "
           "hyperedges\n", h.padded ? "; dummy padding nodes left out" : "");
    for (int64_t k = 0, shown = 0; k < n && shown < top; k++) {
        if (order[k] >= real_nodes) continue;
        printf("%6lld %6lld   %.6f   %lld\n", (long long)++shown, (long long)order[k] + 1,
               x[order[k]], (long long)deg[order[k]]);
    }

    /* the checks, and the time of one TTSV beside its baseline */
    systec_tns_t F;
    systec_csften_t *G = NULL;
    TRY(systec_symten_expand(A, &F));
    TRY(systec_csften_create(&G, &F, SYSTEC_DOUBLE));
    double *yb = xmalloc(sizeof *yb * (size_t)n), *yr = calloc((size_t)n, sizeof *yr),
           *bnd = calloc((size_t)n, sizeof *bnd);
    TRY(systec_dttsv(A, x, y));
    TRY(systec_dttsv_csf(G, x, yb));
    for (int64_t e = 0; e < F.nnz; e++) {
        double t = F.val[e];
        for (int m = 1; m < N; m++) t *= x[F.ind[e * N + m]];
        yr[F.ind[e * N]] += t;
        bnd[F.ind[e * N]] += fabs(t);
    }
    int64_t bad = 0, negative = 0;
    for (int64_t i = 0; i < n; i++) {
        bad += !(fabs(y[i] - yr[i]) <= 1e-12 * bnd[i]) + !(fabs(yb[i] - yr[i]) <= 1e-12 * bnd[i]);
        negative += x[i] < 0;
    }
    double ts = time_ttsv(sym_ttsv, A, x, y, 15), tb = time_ttsv(csf_ttsv, G, x, yb, 15);
    printf("TTSV: symmetric %.4f ms, non-symmetric baseline (CSF, %lld entries) %.4f ms: %.2fx "
           "(median of 15)\n", 1e3 * ts, (long long)F.nnz, 1e3 * tb, tb / ts);
    int ok = res <= tol && negative == 0 && bad == 0;
    printf("check: %s in %d iterations (residual %.2e, tolerance %.0e), x >= 0 (%lld "
           "negative), TTSV = baseline = plain loop (%lld elements off): %s\n",
           res <= tol ? "converged" : "NOT converged", it, res, tol,
           (long long)negative, (long long)bad, ok ? "ok" : "FAILED");
    if (res > tol)
        printf("not converged: the unshifted iteration can oscillate; a positive shift (e.g. "
               "--shift %.3g, about lambda) makes it converge (more slowly)\n", lambda);
    printf("result: iterations=%d lambda=%.12g\n", it, lambda);
    systec_csften_free(&G);
    systec_tns_free(&F);
    systec_tns_free(&T);
    systec_symten_free(&A);
    free(x), free(y), free(yb), free(yr), free(bnd), free(order), free(deg);
    return ok ? 0 : 1;
}
