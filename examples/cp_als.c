/* Symmetric CP decomposition of a hypergraph's adjacency tensor by
 * alternating least squares, with libsystec's MTTKRP:
 *
 *   A ~ sum_r w_r o w_r o ... o w_r     (one factor W for all N modes;
 *                                        lambda_r = |w_r|^N)
 *
 * Each iteration solves the least-squares problem for one mode with the
 * others fixed at W: X = MTTKRP(A, W) (G^{*(N-1)})^{-1}, G = W^T W and *
 * the elementwise power. Its columns give the new symmetric factor (w'_r
 * along x_r, with |w'_r|^N = |x_r| |w_r|^(N-1)); as the same factor in
 * every mode it may overshoot, so the step from W towards W' is halved
 * until the fit does not drop (symmetric ALS with step control: the fit
 * never decreases). The fit, 1 - |A - model| / |A|, needs one MTTKRP:
 * <A, model> = sum_r w_r . MTTKRP(A, W)_r, |model|^2 = sum (G^{*N}).
 *
 *   cp_als DIR [--order K] [--padded] [--rank R] [--maxit M] [--tol T] [--seed S]
 *
 * DIR is a hypergraph in the ScHoLP layout (DIR/NAME-nverts.txt[.gz],
 * DIR/NAME-simplices.txt[.gz]); the tensor holds its hyperedges of exactly K
 * nodes (default 3), or with --padded those of 2..K nodes padded with dummy
 * nodes. Prints the fit per iteration until it changes by less than T
 * (default 1e-7) or after M iterations (default 200). Checks its answer:
 * the last MTTKRP against a plain loop over the full tensor (every element
 * within 1e-12 of the sum of its terms' magnitudes) and the inner product
 * <A, model> behind the fit against a plain loop over the full tensor.
 * Exit status 0 when both hold. */
#include "hypergraph.h"

#include <math.h>

/* Solves H X^T = M^T for the n rows of M (n-by-R) in place; H R-by-R SPD
 * (a Cholesky factorization; a tiny ridge if H is singular to rounding). */
static void solve_rows(double *H, int R, double *M, int64_t n)
{
    double trace = 0;
    for (int r = 0; r < R; r++) trace += H[r * R + r];
    for (int j = 0; j < R; j++) {
        for (int k = 0; k < j; k++) H[j * R + j] -= H[j * R + k] * H[j * R + k];
        H[j * R + j] = sqrt(fmax(H[j * R + j], 1e-14 * trace));
        for (int i = j + 1; i < R; i++) {
            for (int k = 0; k < j; k++) H[i * R + j] -= H[i * R + k] * H[j * R + k];
            H[i * R + j] /= H[j * R + j];
        }
    }
    for (int64_t row = 0; row < n; row++) {
        double *m = M + row * R;
        for (int i = 0; i < R; i++) { /* L z = m */
            for (int k = 0; k < i; k++) m[i] -= H[i * R + k] * m[k];
            m[i] /= H[i * R + i];
        }
        for (int i = R - 1; i >= 0; i--) { /* L^T v = z */
            for (int k = i + 1; k < R; k++) m[i] -= H[k * R + i] * m[k];
            m[i] /= H[i * R + i];
        }
    }
}

/* G = U^T U, then out = G^{*p} elementwise. */
static void gram_power(const double *U, int64_t n, int R, int p, double *out)
{
    for (int a = 0; a < R; a++)
        for (int b = 0; b < R; b++) {
            double g = 0;
            for (int64_t i = 0; i < n; i++) g += U[i * R + a] * U[i * R + b];
            out[a * R + b] = pow(g, p);
        }
}

/* MTTKRP by a plain loop over the full tensor, and the sums of |terms|. */
static void plain_mttkrp(const systec_tns_t *F, const double *U, int R, double *M, double *bnd)
{
    const int N = F->order;
    memset(M, 0, sizeof *M * (size_t)(F->dim * R));
    memset(bnd, 0, sizeof *bnd * (size_t)(F->dim * R));
    for (int64_t e = 0; e < F->nnz; e++)
        for (int r = 0; r < R; r++) {
            double t = F->val[e];
            for (int m = 1; m < N; m++) t *= U[F->ind[e * N + m] * R + r];
            M[F->ind[e * N] * R + r] += t;
            bnd[F->ind[e * N] * R + r] += fabs(t);
        }
}

/* The model W's fit to A (norm2 = |A|^2), its MTTKRP in M and <A, model>. */
static double fit_of(const systec_symten_t *A, double norm2, int N, const double *W, int64_t n,
                     int R, double *M, double *G, double *inner, double *ms)
{
    double t0 = now_seconds();
    TRY(systec_dmttkrp(A, R, W, M));
    *ms = 1e3 * (now_seconds() - t0);
    *inner = 0;
    for (int64_t k = 0; k < n * R; k++) *inner += W[k] * M[k];
    gram_power(W, n, R, N, G);
    double model2 = 0;
    for (int k = 0; k < R * R; k++) model2 += G[k];
    return 1 - sqrt(fmax(norm2 - 2 * *inner + model2, 0)) / sqrt(norm2);
}

/* Column norms of an n-by-R matrix. */
static void col_norms(const double *W, int64_t n, int R, double *out)
{
    for (int r = 0; r < R; r++) {
        double s = 0;
        for (int64_t i = 0; i < n; i++) s += W[i * R + r] * W[i * R + r];
        out[r] = sqrt(s);
    }
}

int main(int argc, char **argv)
{
    hyper_args h = {NULL, 3, 0};
    int R = 5, maxit = 200;
    double tol = 1e-7;
    unsigned seed = 1;
    for (int a = 1; a < argc; a++) {
        if (hyper_option(argc, argv, &a, &h)) continue;
        if (!strcmp(argv[a], "--rank") && a + 1 < argc)
            R = atoi(argv[++a]);
        else if (!strcmp(argv[a], "--maxit") && a + 1 < argc)
            maxit = atoi(argv[++a]);
        else if (!strcmp(argv[a], "--tol") && a + 1 < argc)
            tol = atof(argv[++a]);
        else if (!strcmp(argv[a], "--seed") && a + 1 < argc)
            seed = (unsigned)atoi(argv[++a]);
        else if (argv[a][0] != '-' && !h.dir)
            h.dir = argv[a];
        else
            h.dir = NULL, a = argc;
    }
    if (!h.dir || R < 1 || R > 64 || maxit < 1) {
        fprintf(stderr, "usage: cp_als DIR [--order K] [--padded] [--rank R (1..64)] "
                        "[--maxit M] [--tol T] [--seed S]\n");
        return 2;
    }
    systec_tns_t T;
    systec_symten_t *A = NULL;
    hyper_load(&h, &T, &A);
    const int N = T.order;
    const int64_t n = T.dim;
    systec_tns_t F; /* the full tensor: for |A| and the checks' plain loops */
    TRY(systec_symten_expand(A, &F));
    double normA2 = 0;
    for (int64_t e = 0; e < F.nnz; e++) normA2 += F.val[e] * F.val[e];

    const size_t cells = (size_t)(n * R);
    double *U = xmalloc(sizeof *U * cells), *M = xmalloc(sizeof *M * cells),
           *Un = xmalloc(sizeof *Un * cells), *Mn = xmalloc(sizeof *Mn * cells),
           *X = xmalloc(sizeof *X * cells), *H = xmalloc(sizeof *H * (size_t)(R * R)),
           xn[64], wn[64];
    srand(seed);
    for (size_t k = 0; k < cells; k++) U[k] = (double)rand() / RAND_MAX;
    col_norms(U, n, R, wn);
    for (size_t k = 0; k < cells; k++) U[k] /= wn[k % (size_t)R];
    double inner = 0, ms = 0;
    double fit = fit_of(A, normA2, N, U, n, R, M, H, &inner, &ms);
    printf("symmetric CP-ALS, rank %d, one factor for all %d modes\n", R, N);
    printf(" iter   fit          change      step    MTTKRP (ms)\n");
    printf("%5d   %.8f\n", 0, fit);
    int it;
    for (it = 1; it <= maxit; it++) {
        gram_power(U, n, R, N - 1, H);
        memcpy(X, M, sizeof *X * cells); /* X = M H^{-1} */
        solve_rows(H, R, X, n);
        col_norms(X, n, R, xn);
        col_norms(U, n, R, wn);
        double step = 1, f = 0, in = 0;
        for (; step >= 1.0 / 64; step /= 2) { /* W + step (W' - W) */
            for (size_t k = 0; k < cells; k++) {
                int r = (int)(k % (size_t)R);
                double scale = xn[r] > 0 ? pow(xn[r] * pow(wn[r], N - 1), 1.0 / N) / xn[r] : 0;
                Un[k] = U[k] + step * (X[k] * scale - U[k]);
            }
            f = fit_of(A, normA2, N, Un, n, R, Mn, H, &in, &ms);
            if (f >= fit) break;
        }
        if (f < fit) break; /* no step improves: a stationary point */
        double change = f - fit;
        fit = f;
        inner = in;
        memcpy(U, Un, sizeof *U * cells);
        memcpy(M, Mn, sizeof *M * cells);
        printf("%5d   %.8f   %+.2e   %-6g  %.3f\n", it, fit, change, step, ms);
        if (change < tol) break;
    }
    col_norms(U, n, R, wn);
    printf("lambda = |w_r|^%d:", N);
    for (int r = 0; r < R; r++) printf(" %.4g", pow(wn[r], N));
    printf("\n");

    /* the checks: the last MTTKRP and the inner product, by plain loops */
    double *Mref = xmalloc(sizeof *Mref * (size_t)(n * R)),
           *bnd = xmalloc(sizeof *bnd * (size_t)(n * R));
    plain_mttkrp(&F, U, R, Mref, bnd);
    int64_t bad = 0;
    for (int64_t k = 0; k < n * R; k++) bad += !(fabs(M[k] - Mref[k]) <= 1e-12 * bnd[k]);
    double inner_ref = 0, inner_bnd = 0;
    for (int64_t e = 0; e < F.nnz; e++)
        for (int r = 0; r < R; r++) {
            double t = F.val[e];
            for (int m = 0; m < N; m++) t *= U[F.ind[e * N + m] * R + r];
            inner_ref += t;
            inner_bnd += fabs(t);
        }
    int ok = bad == 0 && fabs(inner - inner_ref) <= 1e-12 * inner_bnd;
    printf("check: MTTKRP = plain loop over the %lld full entries (%lld of %lld elements off), "
           "<A, model> %.12g = plain loop %.12g: %s\n", (long long)F.nnz, (long long)bad,
           (long long)(n * R), inner, inner_ref, ok ? "ok" : "FAILED");
    printf("result: iterations=%d fit=%.8f\n", it > maxit ? maxit : it, fit);
    systec_tns_free(&F);
    systec_tns_free(&T);
    systec_symten_free(&A);
    free(U), free(M), free(Un), free(Mn), free(X), free(H), free(Mref), free(bnd);
    return ok ? 0 : 1;
}
