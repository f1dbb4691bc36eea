/* Conjugate gradients on a symmetric positive definite matrix with
 * libsystec: SSYMV for the products A*p, SYPRD for the energy norm of the
 * error, ||x - x*||_A = sqrt(e^T A e), which CG minimizes over its Krylov
 * space (so it never grows from one iteration to the next, up to rounding).
 *
 *   cg MATRIX.mtx[.gz] [--tol T] [--maxit K] [--reps R]
 *
 * Solves A x = b for b = A x*, x*[i] = sin(0.37 i + 1), from x = 0, with
 * the Jacobi preconditioner (A's diagonal), until ||b - A x|| <= T ||b||
 * (default 1e-8; the recursive residual, confirmed by the true one, as
 * scipy's cg does). Plans the handle with hints (the plan API) and prints
 * the SSYMV plan, then the residual and the energy-norm error as it
 * goes, then the solve's time (median of R solves, without the
 * monitoring), and checks its answer: the true residual within T, the
 * energy-norm error non-increasing. Exit status 0 when every check holds,
 * 1 when one fails, 2 on bad input. The last line, "result: ...", is read
 * by examples/cg_scipy.py, which runs scipy's cg on the same system. */
#include "example_util.h"

#include <math.h>
#include <string.h>

typedef struct {
    const systec_symmat_t *A;
    const double *dinv; /* 1 / diag(A): the preconditioner */
    const double *b;
    int64_t n;
    double tol;
    int maxit;
} cg_problem;

/* Monitoring of one solve: the exact solution, and a callback per iteration. */
typedef void (*cg_monitor)(void *ctx, int it, const double *x, double rel_res);

static double dot(const double *a, const double *b, int64_t n)
{
    double s = 0;
    for (int64_t i = 0; i < n; i++) s += a[i] * b[i];
    return s;
}

/* Preconditioned CG from x = 0; returns the iterations, -1 if maxit was
 * reached. work holds 4n doubles. */
static int cg_solve(const cg_problem *P, double *x, double *work, cg_monitor mon, void *ctx)
{
    const int64_t n = P->n;
    double *r = work, *z = work + n, *p = work + 2 * n, *q = work + 3 * n;
    const double bnorm = sqrt(dot(P->b, P->b, n)), stop = P->tol * bnorm;
    memset(x, 0, sizeof *x * (size_t)n);
    memcpy(r, P->b, sizeof *r * (size_t)n);
    for (int64_t i = 0; i < n; i++) p[i] = z[i] = P->dinv[i] * r[i];
    double rho = dot(r, z, n);
    if (mon) mon(ctx, 0, x, 1.0);
    for (int it = 1; it <= P->maxit; it++) {
        TRY(systec_dsymv(P->A, 1.0, p, 0.0, q)); /* q = A p */
        double alpha = rho / dot(p, q, n);
        for (int64_t i = 0; i < n; i++) {
            x[i] += alpha * p[i];
            r[i] -= alpha * q[i];
        }
        double rnorm = sqrt(dot(r, r, n));
        if (rnorm <= stop) { /* confirm with the true residual b - A x */
            memcpy(r, P->b, sizeof *r * (size_t)n);
            TRY(systec_dsymv(P->A, -1.0, x, 1.0, r));
            rnorm = sqrt(dot(r, r, n));
        }
        if (mon) mon(ctx, it, x, rnorm / bnorm);
        if (rnorm <= stop) return it;
        for (int64_t i = 0; i < n; i++) z[i] = P->dinv[i] * r[i];
        double rho_new = dot(r, z, n);
        for (int64_t i = 0; i < n; i++) p[i] = z[i] + (rho_new / rho) * p[i];
        rho = rho_new;
    }
    return -1;
}

/* The monitored solve: prints some iterations, checks the energy norm. */
typedef struct {
    const systec_symmat_t *A;
    const double *xstar;
    double *e;
    int64_t n;
    double xstar_energy, last, worst_rise, last_res;
    int next_print, printed;
} monitor_state;

static void print_row(const monitor_state *m, int it)
{
    printf("%7d   %.3e     %.3e\n", it, m->last_res, m->last);
}

static void monitor(void *ctx, int it, const double *x, double rel_res)
{
    monitor_state *m = ctx;
    for (int64_t i = 0; i < m->n; i++) m->e[i] = x[i] - m->xstar[i];
    double ee = 0;
    TRY(systec_dsyprd(m->A, 1.0, m->e, 0.0, &ee)); /* e^T A e */
    double err = sqrt(fmax(ee, 0.0)) / m->xstar_energy;
    if (it > 0 && err > m->last) m->worst_rise = fmax(m->worst_rise, (err - m->last) / m->last);
    m->last = err;
    m->last_res = rel_res;
    if (it == m->next_print) {
        print_row(m, it);
        m->printed = it;
        m->next_print = it < 8 ? it + 1 : it * 2;
    }
}

static void usage(void)
{
    fprintf(stderr, "usage: cg MATRIX.mtx[.gz] [--tol T] [--maxit K] [--reps R]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    const char *path = NULL;
    double tol = 1e-8;
    int maxit = 100000, reps = 5;
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "--tol") && a + 1 < argc)
            tol = atof(argv[++a]);
        else if (!strcmp(argv[a], "--maxit") && a + 1 < argc)
            maxit = atoi(argv[++a]);
        else if (!strcmp(argv[a], "--reps") && a + 1 < argc)
            reps = atoi(argv[++a]);
        else if (argv[a][0] == '-' || path)
            usage();
        else
            path = argv[a];
    }
    if (!path || !(tol > 0) || maxit < 1 || reps < 1) usage();

    systec_coo_t coo;
    systec_symmat_t *A = NULL;
    TRY(systec_mm_read(path, &coo));
    TRY(systec_symmat_from_coo(&A, &coo, SYSTEC_DOUBLE, SYSTEC_INT32));
    const int64_t n = coo.nrows;
    double *diag = calloc((size_t)n + 1, sizeof *diag);
    for (int64_t k = 0; k < coo.nnz; k++)
        if (coo.row[k] == coo.col[k]) diag[coo.row[k]] += coo.val[k];
    int64_t stored = coo.nnz;
    systec_coo_free(&coo);
    double *dinv = xmalloc(sizeof *dinv * (size_t)n), *xstar = xmalloc(sizeof *xstar * (size_t)n),
           *b = xmalloc(sizeof *b * (size_t)n), *x = xmalloc(sizeof *x * (size_t)n),
           *e = xmalloc(sizeof *e * (size_t)n), *work = xmalloc(sizeof *work * (size_t)(4 * n));
    for (int64_t i = 0; i < n; i++) {
        if (!(diag[i] > 0)) {
            fprintf(stderr, "%s: diagonal entry %lld is %g: not positive definite\n", path,
                    (long long)i + 1, diag[i]);
            return 2;
        }
        dinv[i] = 1.0 / diag[i];
        xstar[i] = sin(0.37 * (double)i + 1.0);
    }
    TRY(systec_dsymv(A, 1.0, xstar, 0.0, b));
    cg_problem P = {A, dinv, b, n, tol, maxit};
    /* plan the handle for what CG does: many products, and the monitoring's
     * energy norms (one per iteration of the monitored solve) */
    TRY(systec_symmat_hint(A, SYSTEC_OP_SYMV, (int64_t)maxit * (reps + 1), 0));
    TRY(systec_symmat_hint(A, SYSTEC_OP_SYPRD, maxit, 0));
    TRY(systec_symmat_optimize(A));
    char plan[1024];
    TRY(systec_symmat_describe(A, SYSTEC_OP_SYMV, plan, sizeof plan, NULL));

    printf("%s: n = %lld, %lld stored entries (one triangle)\n", path, (long long)n,
           (long long)stored);
    printf("Jacobi-preconditioned CG on A x = b, b = A x*, until ||b - A x|| <= %.0e ||b||\n",
           tol);
    printf("SSYMV plan: %s%s", plan, plan[0] && plan[strlen(plan) - 1] == '\n' ? "" : "\n");
    printf("   iter   ||r||/||b||   ||x - x*||_A / ||x*||_A\n");
    monitor_state m = {A, xstar, e, n, 0, INFINITY, 0, 0, 0, -1};
    double xe = 0;
    TRY(systec_dsyprd(A, 1.0, xstar, 0.0, &xe));
    m.xstar_energy = sqrt(xe);
    int iters = cg_solve(&P, x, work, monitor, &m);
    if (iters > 0 && m.printed != iters) print_row(&m, iters);

    /* the time of a plain solve (no monitoring), median of reps */
    double *t = xmalloc(sizeof *t * (size_t)reps);
    for (int r = 0; r < reps; r++) {
        double t0 = now_seconds();
        int k = cg_solve(&P, x, work, NULL, NULL);
        t[r] = now_seconds() - t0;
        if (k != iters) {
            fprintf(stderr, "a repeated solve took %d iterations, the first %d\n", k, iters);
            return 1;
        }
    }
    double tmed = median(t, reps);
    /* the checks: converged, true residual, energy norm non-increasing */
    memcpy(e, b, sizeof *e * (size_t)n);
    TRY(systec_dsymv(A, -1.0, x, 1.0, e));
    double res = sqrt(dot(e, e, n) / dot(b, b, n));
    int ok = 1;
    if (iters < 0) {
        printf("FAIL: no convergence in %d iterations\n", maxit);
        ok = 0;
    }
    if (!(res <= tol)) {
        printf("FAIL: true residual %.3e > %.0e\n", res, tol);
        ok = 0;
    }
    /* rounding lets the energy norm rise by a little near its floor */
    if (m.worst_rise > 1e-6) {
        printf("FAIL: the energy-norm error rose by %.2e (relative) in some iteration\n",
               m.worst_rise);
        ok = 0;
    }
    printf("converged in %d iterations: %.3f ms per solve, %.2f us per iteration "
           "(median of %d solves)\n", iters, 1e3 * tmed, 1e6 * tmed / (iters > 0 ? iters : 1),
           reps);
    printf("check: true residual %.3e <= %.0e, energy-norm error never rose by more than "
           "%.1e: %s\n", res, tol, m.worst_rise, ok ? "ok" : "FAILED");
    printf("result: iterations=%d time_s=%.9g residual=%.6e\n", iters, tmed, res);
    systec_symmat_free(&A);
    free(diag), free(dinv), free(xstar), free(b), free(x), free(e), free(work), free(t);
    return ok ? 0 : 1;
}
