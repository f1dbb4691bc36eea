/* Non-finite values (Inf, -Inf, NaN) through every matrix operation --
 * SSYMV, SYPRD, SSYMM, min-plus SSYMV, the bilinear form x^T A y and their
 * baselines, SSYRK -- in every
 * storage and schedule (each generated kernel called directly) and every
 * public route (direct CSR calls on either triangle or the general matrix,
 * handles, their expansions), float and double; and through the tensor
 * kernels.
 *
 * Reference semantics (include/systec.h, "Non-finite values"):
 *   plus-times: out = alpha * (sum of the terms) + (beta == 0 ? 0 : beta*y)
 *     with one term per stored entry (a_ij * x_j; for SYPRD x_i a_ij x_j,
 *     for the bilinear form x_i a_ij y_j),
 *     each evaluated on its own. An absent entry gives no term; a stored 0
 *     gives 0 * x, NaN for an infinite or NaN x. So an output is NaN when a
 *     term is NaN or terms of both infinite signs meet, +-inf when terms of
 *     one infinite sign do, finite otherwise -- whatever the order of the
 *     sum. With alpha == 0, out = beta*out and neither A nor x is read.
 *   min-plus: y_i is replaced by a candidate a_ij + x_j only when the
 *     candidate compares less: NaN candidates are skipped (+inf + -inf
 *     included, so an absent entry, +inf, is never taken), a NaN y_i stays.
 * Compared per element: the same class (NaN, +inf, -inf, finite) and, when
 * finite, |out - ref| <= tol * (sum of |terms|), tol 1e-12 (double) or
 * 1e-5 (float, reference from the float-rounded inputs).
 *
 * The named cases first (issue 14, defect 1: an absent diagonal behaved as
 * a stored 0), then random problems over the non-finite palette.
 * usage: test_nonfinite */
#include "testutil.h"
#include "opsutil.h"
#include "tuning.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------- reference */

/* Sum of the terms in long double (IEEE: the class does not depend on the
 * order) and of their magnitudes (the error bound; finite terms only). */
typedef struct {
    long double sum, mag;
} acc_t;

static void acc_add(acc_t *a, long double t)
{
    a->sum += t;
    if (isfinite((double)t)) a->mag += fabsl(t);
}

static double scaled(double alpha, const acc_t *a, double beta, double y, double *bound)
{
    double by = beta == 0 ? 0 : beta * y;
    *bound = fabs(alpha) * (double)a->mag + (isfinite(by) ? fabs(by) : 0);
    return alpha == 0 ? by : alpha * (double)a->sum + by; /* alpha == 0: A, x not read */
}

/* min-plus: candidate t replaces m only when it compares less */
static void relax(double *m, double t)
{
    if (t < *m) *m = t;
}

/* The reference of op on P (lower triangle, no duplicates). */
static void nf_reference(Op op, const Prob *P, double alpha, const double *x, double beta,
                         const double *y0, double *ref, double *bound)
{
    int64_t n = P->n, len = out_len(op, n), cols = op == OP_SYMM ? KCOLS : 1;
    if (op == OP_MINPLUS) {
        for (int64_t i = 0; i < n; i++) ref[i] = y0[i], bound[i] = 0;
        for (int64_t r = 0; r < n; r++)
            for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
                int64_t c = P->ci[p];
                if (!isnan(ref[r])) relax(&ref[r], P->v[p] + x[c]);
                if (c != r && !isnan(ref[c])) relax(&ref[c], P->v[p] + x[r]);
            }
        return;
    }
    acc_t *a = calloc((size_t)(len + 1), sizeof *a);
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
            int64_t c = P->ci[p];
            long double v = P->v[p];
            if (op == OP_SYPRD || op == OP_BILIN) { /* x^T A x, x^T A y (y after x) */
                const double *y = op == OP_BILIN ? x + n : x;
                acc_add(&a[0], (long double)x[r] * v * y[c]);
                if (c != r) acc_add(&a[0], (long double)x[c] * v * y[r]);
                continue;
            }
            for (int64_t k = 0; k < cols; k++) {
                acc_add(&a[r * cols + k], v * x[c * cols + k]);
                if (c != r) acc_add(&a[c * cols + k], v * x[r * cols + k]);
            }
        }
    for (int64_t i = 0; i < len; i++) ref[i] = scaled(alpha, &a[i], beta, y0[i], &bound[i]);
    free(a);
}

/* Same class, and close when finite. */
static int close_class(double got, double want, double allow)
{
    if (isnan(want)) return isnan(got);
    if (isinf(want)) return got == want;
    return isfinite(got) && fabs(got - want) <= allow;
}

typedef struct {
    Op op;
    int64_t len;
    const char *label;
    const double *ref[2], *bnd[2]; /* double, float */
    const double *want;            /* hand-derived values (named cases), or NULL */
    int dt_float;                  /* the checked result is float */
} expect_t;

static int check_out(const expect_t *E, const char *what, const double *out)
{
    int f = E->dt_float;
    double tol = f ? 1e-5 : 1e-12;
    for (int64_t i = 0; i < E->len; i++) {
        double want = E->ref[f][i];
        if (E->op == OP_MINPLUS && f) want = (double)(float)want;
        double allow = E->op == OP_MINPLUS ? 0 : tol * E->bnd[f][i];
        if (!close_class(out[i], want, allow))
            return check_fail("%s on %s: out[%lld] = %.17g, want %.17g", what, E->label,
                              (long long)i, out[i], want);
        if (E->want && !close_class(out[i], E->want[i], 4 * tol * fabs(E->want[i])))
            return check_fail("%s on %s: out[%lld] = %.17g, the hand-derived value is %.17g",
                              what, E->label, (long long)i, out[i], E->want[i]);
    }
    return check_true(1, what);
}

static long kernel_calls, public_calls, problems;

static int check_public_nf(void *ctx, const char *what, systec_status_t st, const double *out)
{
    public_calls++;
    return check_status(st, SYSTEC_SUCCESS, what) + check_out(ctx, what, out);
}

/* --------------------------------------------------------------- runner */

/* Runs op on P with (alpha, x, beta, y0) through every generated kernel and
 * every public route, in double and float, against the reference (and
 * against want, the hand-derived values, when given). */
static int run_case(Op op, const Prob *P, double alpha, const double *x, double beta,
                    const double *y0, const double *want)
{
    int64_t n = P->n, xlen = in_len(op, n) + (op == OP_BILIN ? n : 0), len = out_len(op, n);
    int64_t nin = (xlen > len ? xlen : len) + 1;
    Storages S;
    storages_build(P, op == OP_MINPLUS, &S);
    Prob Q;
    Q = *P;
    Q.v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    for (int64_t p = 0; p < P->nnz; p++) Q.v[p] = (double)(float)P->v[p];
    double *xr = malloc(sizeof(double) * (size_t)nin), *yr = malloc(sizeof(double) * (size_t)nin);
    for (int64_t i = 0; i < xlen; i++) xr[i] = (double)(float)x[i];
    for (int64_t i = 0; i < len; i++) yr[i] = (double)(float)y0[i];
    double *ref[2], *bnd[2], *got = malloc(sizeof(double) * (size_t)nin);
    for (int k = 0; k < 2; k++) {
        ref[k] = malloc(sizeof(double) * (size_t)nin);
        bnd[k] = malloc(sizeof(double) * (size_t)nin);
    }
    nf_reference(op, P, alpha, x, beta, y0, ref[0], bnd[0]);
    nf_reference(op, &Q, (double)(float)alpha, xr, (double)(float)beta, yr, ref[1], bnd[1]);
    expect_t E = {op, len, P->label, {ref[0], ref[1]}, {bnd[0], bnd[1]}, want, 0};
    int fails = 0;
#ifndef SYSTEC_TESTS_PUBLIC_ONLY
    /* every generated kernel of op, in every ISA variant this CPU runs; with
     * alpha != 0 only (for alpha == 0 the runtime scales and calls none) */
    for (int v = 0; v < systec__isa_count() && alpha != 0; v++) {
        if (!systec__isa_runs(v)) continue;
        for (int kid = 0; kid < SYSTEC_K_COUNT; kid++) {
            const systec_kmeta_t *e = systec__kmeta(kid);
            if (e->op != op_kop[op]) continue;
            kernel_run(systec__isa_table(v), kid, op, &S, n, alpha, x, beta, y0, got);
            E.dt_float = e->dtype == 's';
            char what[160];
            snprintf(what, sizeof what, "%s [%s]", e->name, systec__isa_name(v));
            fails += check_out(&E, what, got);
            kernel_calls++;
        }
    }
#endif
    for (int f = 0; f < 2; f++) {
        E.dt_float = f;
        fails += public_sweep(op, P, &S, f ? 's' : 'd', alpha, f ? xr : x, beta, f ? yr : y0,
                              check_public_nf, &E);
    }
    for (int k = 0; k < 2; k++) {
        free(ref[k]);
        free(bnd[k]);
    }
    free(got);
    free(xr);
    free(yr);
    free(Q.v);
    storages_free(&S);
    return fails;
}

/* A problem from a lower triangle given as (row, col, value) triples. */
static void prob_of(Prob *P, const char *label, int64_t n, int64_t nnz, const int64_t *r,
                    const int64_t *c, const double *v)
{
    memset(P, 0, sizeof *P);
    P->label = label;
    P->n = n;
    P->nnz = nnz;
    P->rp = calloc((size_t)n + 1, sizeof(int64_t));
    P->ci = malloc(sizeof(int64_t) * (size_t)(nnz + 1));
    P->v = malloc(sizeof(double) * (size_t)(nnz + 1));
    for (int64_t k = 0; k < nnz; k++) P->rp[r[k] + 1]++;
    for (int64_t i = 0; i < n; i++) P->rp[i + 1] += P->rp[i];
    int64_t *next = malloc(sizeof(int64_t) * (size_t)(n + 1));
    memcpy(next, P->rp, sizeof(int64_t) * (size_t)n);
    for (int64_t k = 0; k < nnz; k++) {
        P->ci[next[r[k]]] = c[k];
        P->v[next[r[k]]++] = v[k];
    }
    free(next);
}

/* -------------------------------------------------------- named cases */

static const double INF = INFINITY;

static void named_cases(void)
{
    /* A = [[., 1], [1, .]]: no diagonal at all */
    int64_t r1[] = {1}, c1[] = {0};
    double v1[] = {1};
    Prob A;
    prob_of(&A, "A = [[.,1],[1,.]]", 2, 1, r1, c1, v1);
    {
        double x[] = {INF, 1}, y0[] = {7, 7}, want[] = {1, INF};
        run_case(OP_SYMV, &A, 1, x, 0, y0, want); /* absent diagonal: [1, inf], not NaN */
        double s0[] = {3}, ws[] = {INF};          /* x^T A x = 2 * inf * 1 */
        run_case(OP_SYPRD, &A, 1, x, 0, s0, ws);
    }
    {
        /* SSYMM, X = [[inf, 1, 0], [1, 2, 3]] (row-major, 3 columns) */
        double X[] = {INF, 1, 0, 1, 2, 3}, Y0[6] = {0}, want[] = {1, 2, 3, INF, 1, 0};
        run_case(OP_SYMM, &A, 1, X, 0, Y0, want);
    }
    {
        /* min-plus, x = [0, -inf]: y1 = min(inf, 1 + 0) = 1 (the absent
         * diagonal, +inf, must not add +inf + -inf = NaN to the row) */
        double x[] = {0, -INF}, y0[] = {INF, INF}, want[] = {-INF, 1};
        run_case(OP_MINPLUS, &A, 0, x, 0, y0, want);
    }
    prob_free(&A);

    /* new values without the diagonal the handle was built with (and back):
     * the absent diagonal contributes nothing, the stored one 0 * inf */
    {
        int64_t rp[] = {0, 1, 3}, ci[] = {0, 0, 1}, rp2[] = {0, 0, 1}, ci2[] = {0};
        double v[] = {0, 1, 0}, v2[] = {1};
        systec_symmat_t *H = NULL;
        CHECK_ST(systec_symmat_create_csr(&H, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, 2, rp, ci,
                                          v),
                 SYSTEC_SUCCESS);
        double x[] = {INF, 1}, y[2];
        CHECK(H && !systec_dsymv(H, 1, x, 0, y) && isnan(y[0]) && isinf(y[1]),
              "stored zero diagonal: [0*inf + 1, inf] = [NaN, inf]: %g %g", y[0], y[1]);
        CHECK_ST(systec_symmat_update_values(H, SYSTEC_LOWER, rp2, ci2, v2), SYSTEC_SUCCESS);
        CHECK(!systec_dsymv(H, 1, x, 0, y) && y[0] == 1 && isinf(y[1]),
              "diagonal gone by update_values: [1, inf]: %g %g", y[0], y[1]);
        CHECK_ST(systec_symmat_update_values(H, SYSTEC_LOWER, rp, ci, v), SYSTEC_SUCCESS);
        CHECK(!systec_dsymv(H, 1, x, 0, y) && isnan(y[0]), "diagonal back: NaN: %g", y[0]);
        systec_symmat_free(&H);
    }

    /* an explicit stored 0 on the diagonal: 0 * NaN is NaN */
    int64_t r2[] = {0, 1}, c2[] = {0, 0};
    double v2[] = {0, 1};
    prob_of(&A, "A = [[0,1],[1,.]] (stored zero)", 2, 2, r2, c2, v2);
    {
        double x[] = {NAN, 1}, y0[] = {0, 0}, want[] = {NAN, NAN};
        run_case(OP_SYMV, &A, 1, x, 0, y0, want);
        double x2[] = {INF, 2}, want2[] = {NAN, INF}; /* 0 * inf + 2; 1 * inf */
        run_case(OP_SYMV, &A, 1, x2, 0, y0, want2);
    }
    prob_free(&A);

    /* SYPRD with an empty row: A = [[1, .], [., .]], x = [1, inf]: the only
     * term is 1 (row 1 stores nothing, so inf meets no entry) */
    int64_t r3[] = {0}, c3[] = {0};
    double v3[] = {1};
    prob_of(&A, "A = [[1,.],[.,.]]", 2, 1, r3, c3, v3);
    {
        double x[] = {1, INF}, s0[] = {0}, want[] = {1};
        run_case(OP_SYPRD, &A, 1, x, 0, s0, want);
        double y0[] = {5, 5}, wv[] = {1, 0}; /* SSYMV: row 1 has no entries */
        run_case(OP_SYMV, &A, 1, x, 0, y0, wv);
    }
    prob_free(&A);

    /* SYPRD with mixed signs: terms x_0 * a * x_1 of both infinite signs
     * meet (2 * inf * 2 + 2 * inf * -1): NaN whatever the grouping */
    int64_t r4[] = {1, 2}, c4[] = {0, 0};
    double v4[] = {2, -1};
    prob_of(&A, "SYPRD mixed signs", 3, 2, r4, c4, v4);
    {
        double x[] = {INF, 1, 1}, s0[] = {0}, want[] = {NAN};
        run_case(OP_SYPRD, &A, 1, x, 0, s0, want);
    }
    prob_free(&A);

    /* beta == 0 ignores a NaN y; beta != 0 keeps it; alpha == 0 reads
     * neither A (NaN values) nor x (NaN) */
    int64_t r5[] = {0, 1, 1}, c5[] = {0, 0, 1};
    double v5[] = {2, 1, 3};
    prob_of(&A, "A = [[2,1],[1,3]]", 2, 3, r5, c5, v5);
    {
        double x[] = {1, 1}, y0[] = {NAN, INF}, w0[] = {3, 4}, w1[] = {NAN, INF};
        run_case(OP_SYMV, &A, 1, x, 0, y0, w0);
        run_case(OP_SYMV, &A, 1, x, 1.5, y0, w1);
        double xn[] = {NAN, NAN}, y1[] = {2, -4}, w2[] = {3, -6};
        run_case(OP_SYMV, &A, 0, xn, 1.5, y1, w2);
        double s0[] = {2}, ws[] = {3};
        run_case(OP_SYPRD, &A, 0, xn, 1.5, s0, ws);
    }
    prob_free(&A);
}

/* ------------------------------------------------------ random problems */

/* A value from the palette: mostly finite, some zeros and non-finite. */
static double palette(double finite_share)
{
    double u = rnd_unit();
    if (u < finite_share) return 4 * rnd_sym();
    u = (u - finite_share) / (1 - finite_share);
    return u < 0.3 ? 0.0 : u < 0.55 ? INF : u < 0.8 ? -INF : NAN;
}

static void prob_palette(Prob *P, const char *label, int64_t n, double dens, double ddens)
{
    int64_t cap = n * (n + 1) / 2 + 1, k = 0;
    int64_t *r = malloc(sizeof(int64_t) * (size_t)cap), *c = malloc(sizeof(int64_t) * (size_t)cap);
    double *v = malloc(sizeof(double) * (size_t)cap);
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = 0; j <= i; j++)
            if (rnd_unit() < (i == j ? ddens : dens)) r[k] = i, c[k] = j, v[k++] = palette(0.8);
    prob_of(P, label, n, k, r, c, v);
    free(r);
    free(c);
    free(v);
}

static void random_cases(void)
{
    static const double ab[][2] = {{1.0, 0.0}, {-0.75, 1.5}, {0.0, 2.0}};
    char label[64];
    for (int t = 0; t < 40; t++) {
        int64_t n = 1 + (int64_t)(rnd_unit() * 9);
        Prob P;
        snprintf(label, sizeof label, "random #%d (n=%lld)", t, (long long)n);
        prob_palette(&P, label, n, 0.45, 0.5);
        int64_t nin = in_len(OP_SYMM, n) + 1;
        double *x = malloc(sizeof(double) * (size_t)nin), *y0 = malloc(sizeof(double) * (size_t)nin);
        for (Op op = 0; op < NOPS; op++)
            for (int k = 0; k < 3; k++) {
                if (op == OP_MINPLUS && k == 2) break;
                for (int64_t i = 0; i < nin; i++) x[i] = palette(0.75), y0[i] = palette(0.85);
                if (op == OP_MINPLUS && k == 1)
                    for (int64_t i = 0; i < nin; i++) y0[i] = INF;
                run_case(op, &P, ab[k][0], x, ab[k][1], y0, NULL);
            }
        problems++;
        free(x);
        free(y0);
        prob_free(&P);
    }
}

/* Many short irregular rows without diagonals, so the handles take the
 * stream kernels for every operation, with a few non-finite x. */
static void stream_case(void)
{
    int64_t n = 20000, cap = 4 * n, k = 0;
    int64_t *r = malloc(sizeof(int64_t) * (size_t)cap), *c = malloc(sizeof(int64_t) * (size_t)cap);
    double *v = malloc(sizeof(double) * (size_t)cap);
    for (int64_t i = 1; i < n; i++) {
        int len = (int)(rnd_unit() * 4);
        int64_t start = k; /* this row's entries so far: no column twice */
        for (int q = 0; q < len && k < cap; q++) {
            int64_t j = (int64_t)(rnd_unit() * (double)i);
            int dup = 0;
            for (int64_t e = start; e < k; e++) dup |= c[e] == j;
            if (!dup) r[k] = i, c[k] = j, v[k++] = rnd_unit() < 0.01 ? 0.0 : rnd_sym();
        }
        if (rnd_unit() < 0.3) r[k] = i, c[k] = i, v[k++] = rnd_sym();
    }
    Prob P;
    prob_of(&P, "graph-like 20000, some diagonals", n, k, r, c, v);
    double *x = malloc(sizeof(double) * (size_t)(3 * n + 1));
    double *y0 = malloc(sizeof(double) * (size_t)(3 * n + 1));
    for (int64_t i = 0; i < 3 * n + 1; i++) {
        x[i] = rnd_unit() < 0.002 ? (rnd_unit() < 0.5 ? INF : NAN) : rnd_sym();
        y0[i] = rnd_sym();
    }
    for (Op op = 0; op < NOPS; op++) run_case(op, &P, 1.0, x, 0.5, y0, NULL);
    problems++;
    free(x);
    free(y0);
    free(r);
    free(c);
    free(v);
    prob_free(&P);
}

/* ------------------------------------------------------------- SSYRK */

/* The SSYRK reference from the dense m-by-kc operand D (has: stored):
 * per cell the terms a_ik * a_jk over the columns both rows store; pat
 * marks the cells with at least one term. */
static void syrk_reference(const double *D, const char *has, int64_t m, int64_t kc, double *ref,
                           double *bnd, char *pat)
{
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < m; j++) {
            acc_t a = {0, 0};
            pat[i * m + j] = 0;
            for (int64_t q = 0; q < kc; q++)
                if (has[i * kc + q] && has[j * kc + q]) {
                    acc_add(&a, (long double)D[i * kc + q] * D[j * kc + q]);
                    pat[i * m + j] = 1;
                }
            ref[i * m + j] = (double)a.sum;
            bnd[i * m + j] = (double)a.mag;
        }
}

/* One SSYRK product (full: all of A A^T) of G, sparse and dense, against
 * the reference; float results against the float-rounded reference. */
static void syrk_check(const char *label, const systec_csrmat_t *G, int f, int full, int64_t m,
                       const double *ref, const double *bnd, const char *pat)
{
    double tol = f ? 1e-5 : 1e-12;
    const char *what = full ? "aat" : "syrk", *tn = f ? "float" : "double";
    systec_csrmat_t *C = NULL;
    CHECK_ST(f ? (full ? systec_saat(G, &C) : systec_ssyrk(G, &C))
               : (full ? systec_daat(G, &C) : systec_dsyrk(G, &C)),
             SYSTEC_SUCCESS);
    if (C)
        CHECK_ST(f ? (full ? systec_saat_numeric(G, C) : systec_ssyrk_numeric(G, C))
                   : (full ? systec_daat_numeric(G, C) : systec_dsyrk_numeric(G, C)),
                 SYSTEC_SUCCESS);
    const int64_t *crp = NULL, *cci = NULL;
    const void *cv = NULL;
    if (C) systec_csrmat_data(C, (const void **)&crp, (const void **)&cci, &cv);
    int bad = 0;
    int64_t want_nnz = 0;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = full ? 0 : i; j < m; j++) want_nnz += pat[i * m + j];
    for (int64_t i = 0; C && i < m; i++)
        for (int64_t p = crp[i]; p < crp[i + 1]; p++) {
            int64_t j = cci[p];
            double got = f ? ((const float *)cv)[p] : ((const double *)cv)[p];
            bad += !pat[i * m + j] || (!full && j < i) ||
                   !close_class(got, ref[i * m + j], tol * bnd[i * m + j]);
        }
    CHECK(C && bad == 0 && crp[m] == want_nnz, "%s %s %s: %d wrong entries", label, what, tn, bad);
    systec_csrmat_free(&C);
    /* dense output; the strict lower triangle of the upper product untouched */
    void *Cd = malloc(8 * (size_t)(m * m + 1));
    for (int64_t q = 0; q < m * m; q++)
        f ? (void)(((float *)Cd)[q] = -7) : (void)(((double *)Cd)[q] = -7);
    CHECK_ST(f ? (full ? systec_saat_dense(G, Cd, m) : systec_ssyrk_dense(G, Cd, m))
               : (full ? systec_daat_dense(G, Cd, m) : systec_dsyrk_dense(G, Cd, m)),
             SYSTEC_SUCCESS);
    bad = 0;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < m; j++) {
            double got = f ? ((float *)Cd)[i * m + j] : ((double *)Cd)[i * m + j];
            double want = !full && j < i ? -7 : ref[i * m + j];
            bad += !close_class(got, want, tol * bnd[i * m + j]);
        }
    CHECK(bad == 0, "%s %s dense %s: %d wrong cells", label, what, tn, bad);
    free(Cd);
}

/* C = A A^T with NaN, infinite and zero values in A, every route. */
static void syrk_cases(void)
{
    for (int t = 0; t < 30; t++) {
        int64_t m = 1 + (int64_t)(rnd_unit() * 7), kc = 1 + (int64_t)(rnd_unit() * 7);
        int64_t *rp = calloc((size_t)m + 1, sizeof(int64_t));
        int64_t *ci = malloc(sizeof(int64_t) * (size_t)(m * kc + 1));
        double *v = malloc(sizeof(double) * (size_t)(m * kc + 1));
        double *D = calloc((size_t)(m * kc), sizeof(double));
        char *has = calloc((size_t)(m * kc), 1);
        for (int64_t i = 0; i < m; i++) {
            rp[i + 1] = rp[i];
            for (int64_t j = 0; j < kc; j++)
                if (rnd_unit() < 0.5) {
                    ci[rp[i + 1]] = j;
                    v[rp[i + 1]++] = D[i * kc + j] = palette(0.75);
                    has[i * kc + j] = 1;
                }
        }
        double *ref = malloc(sizeof(double) * (size_t)(m * m + 1));
        double *bnd = malloc(sizeof(double) * (size_t)(m * m + 1));
        char *pat = calloc((size_t)(m * m + 1), 1);
        char label[64];
        snprintf(label, sizeof label, "SSYRK random #%d (%lldx%lld)", t, (long long)m, (long long)kc);
        for (int f = 0; f < 2; f++) {
            if (f) /* the float operand: values rounded, the reference from them */
                for (int64_t q = 0; q < m * kc; q++) D[q] = (double)(float)D[q];
            syrk_reference(D, has, m, kc, ref, bnd, pat);
            float *vf = malloc(sizeof(float) * (size_t)(rp[m] + 1));
            for (int64_t p = 0; p < rp[m]; p++) vf[p] = (float)v[p];
            systec_csrmat_t *G = NULL;
            CHECK_ST(systec_csrmat_create_csr(&G, f ? SYSTEC_FLOAT : SYSTEC_DOUBLE, SYSTEC_INT64,
                                              m, kc, rp, ci, f ? (const void *)vf : v),
                     SYSTEC_SUCCESS);
            for (int full = 0; full < 2 && G; full++) syrk_check(label, G, f, full, m, ref, bnd, pat);
            systec_csrmat_free(&G);
            free(vf);
        }
        problems++;
        free(rp);
        free(ci);
        free(v);
        free(D);
        free(has);
        free(ref);
        free(bnd);
        free(pat);
    }
}

/* ------------------------------------------------------------- tensors */

/* The references of MTTKRP (dim x R) and TTM (dim x dim x R, order 3)
 * over the full expansion F, term by term; values and B rounded to float
 * when f. */
static void tensor_reference(const systec_tns_t *F, const double *B, int64_t dim, int64_t R,
                             int f, acc_t *mt, acc_t *tt)
{
    int order = F->order;
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + e * order;
        long double v = f ? (double)(float)F->val[e] : F->val[e];
        for (int64_t r = 0; r < R; r++) {
            long double p = v;
            for (int q = 1; q < order; q++) p *= f ? (double)(float)B[c[q] * R + r] : B[c[q] * R + r];
            acc_add(&mt[c[0] * R + r], p);
            if (order == 3)
                acc_add(&tt[(c[0] * dim + c[1]) * R + r],
                        v * (f ? (double)(float)B[c[2] * R + r] : B[c[2] * R + r]));
        }
    }
}

/* n cells of out (double, or float when f) against the accumulated terms. */
static int tensor_bad(const void *out, const acc_t *ref, int64_t n, int f)
{
    int bad = 0;
    double tol = f ? 1e-5 : 1e-12;
    for (int64_t q = 0; q < n; q++) {
        double got = f ? ((const float *)out)[q] : ((const double *)out)[q];
        bad += !close_class(got, (double)ref[q].sum, tol * (double)ref[q].mag);
    }
    return bad;
}

/* MTTKRP and TTM with NaN and infinite stored values, explicit zeros and
 * NaN in B (B otherwise finite: the tree and CSF kernels multiply a B row
 * into a sum of the subtree's terms, which keeps the terms' class for
 * finite B only; see docs/testing.md), every kernel, both types. */
static void tensor_cases(void)
{
    for (int t = 0; t < 12; t++) {
        int order = 3 + t % 3;
        int64_t dim = 3 + (int64_t)(rnd_unit() * 3), R = 2;
        systec_tns_t T = {0}, F = {0};
        CHECK_ST(systec_tns_random_symmetric(order, dim, 0.4, (uint64_t)t + 1, &T), SYSTEC_SUCCESS);
        for (int64_t e = 0; e < T.nnz; e++) {
            double u = rnd_unit();
            T.val[e] = u < 0.1 ? NAN : u < 0.2 ? INF : u < 0.3 ? -INF : u < 0.4 ? 0.0 : rnd_sym();
        }
        systec_symten_t *A[2] = {NULL, NULL};
        systec_csften_t *G[2] = {NULL, NULL};
        for (int f = 0; f < 2; f++)
            CHECK_ST(systec_symten_create(&A[f], &T, SYSTEC_SYM_CANONICAL,
                                          f ? SYSTEC_FLOAT : SYSTEC_DOUBLE),
                     SYSTEC_SUCCESS);
        CHECK_ST(systec_symten_expand(A[0], &F), SYSTEC_SUCCESS);
        for (int f = 0; f < 2; f++)
            CHECK_ST(systec_csften_create(&G[f], &F, f ? SYSTEC_FLOAT : SYSTEC_DOUBLE),
                     SYSTEC_SUCCESS);
        int64_t cells = dim * R, full = dim * dim * R, packed = dim * (dim + 1) / 2 * R;
        double *B = malloc(sizeof(double) * (size_t)cells);
        float *Bf = malloc(sizeof(float) * (size_t)cells);
        for (int64_t q = 0; q < cells; q++) Bf[q] = (float)(B[q] = rnd_unit() < 0.1 ? NAN : rnd_sym());
        acc_t *mt = calloc((size_t)cells, sizeof *mt), *tt = calloc((size_t)full, sizeof *tt);
        double *C = malloc(8 * (size_t)(full + packed + 1)), *X = malloc(8 * (size_t)(full + 1));
        for (int f = 0; f < 2; f++) {
            memset(mt, 0, sizeof *mt * (size_t)cells);
            memset(tt, 0, sizeof *tt * (size_t)full);
            tensor_reference(&F, B, dim, R, f, mt, tt);
            const char *tn = f ? "float" : "double";
            for (int kern = 0; kern < 3; kern++) { /* per-entry, tree, CSF baseline */
                /* the tree kernel (any share of nodes) or the per-entry one (none) */
                CHECK_ST(systec__tuning_set("mttkrp_tree_max_share", kern == 1 ? 1e18 : 0),
                         SYSTEC_SUCCESS);
                systec_status_t st = kern == 2 ? (f ? systec_smttkrp_csf(G[1], R, Bf, (float *)C)
                                                    : systec_dmttkrp_csf(G[0], R, B, C))
                                               : (f ? systec_smttkrp(A[1], R, Bf, (float *)C)
                                                    : systec_dmttkrp(A[0], R, B, C));
                systec__tuning_reset();
                CHECK_ST(st, SYSTEC_SUCCESS);
                int bad = st ? -1 : tensor_bad(C, mt, cells, f);
                CHECK(bad == 0, "MTTKRP order %d dim %lld, %s kernel, %s: %d wrong cells", order,
                      (long long)dim, kern == 0 ? "per-entry" : kern == 1 ? "tree" : "CSF", tn,
                      bad);
            }
            { /* TTSV with x the first column of B: MTTKRP's first column */
                void *x = malloc(8 * (size_t)dim), *y = malloc(8 * (size_t)dim);
                acc_t *yr = malloc(sizeof *yr * (size_t)dim);
                for (int64_t i = 0; i < dim; i++) {
                    yr[i] = mt[i * R];
                    f ? (void)(((float *)x)[i] = Bf[i * R]) : (void)(((double *)x)[i] = B[i * R]);
                }
                for (int csf = 0; csf < 2; csf++) {
                    systec_status_t st = csf ? (f ? systec_sttsv_csf(G[1], x, y) : systec_dttsv_csf(G[0], x, y))
                                             : (f ? systec_sttsv(A[1], x, y) : systec_dttsv(A[0], x, y));
                    CHECK_ST(st, SYSTEC_SUCCESS);
                    CHECK(!st && tensor_bad(y, yr, dim, f) == 0, "TTSV order %d, %s, %s", order,
                          csf ? "CSF" : "symmetric", tn);
                }
                free(x);
                free(y);
                free(yr);
            }
            if (order != 3) continue;
            /* TTM: the packed symmetric result expanded, and the CSF baseline */
            systec_status_t st = f ? systec_sttm(A[1], R, Bf, (float *)C) : systec_dttm(A[0], R, B, C);
            if (!st)
                st = f ? systec_sttm_expand(dim, R, (float *)C, (float *)X)
                       : systec_dttm_expand(dim, R, C, X);
            CHECK_ST(st, SYSTEC_SUCCESS);
            CHECK(!st && tensor_bad(X, tt, full, f) == 0, "TTM dim %lld, symmetric, %s",
                  (long long)dim, tn);
            st = f ? systec_sttm_csf(G[1], R, Bf, (float *)X) : systec_dttm_csf(G[0], R, B, X);
            CHECK_ST(st, SYSTEC_SUCCESS);
            CHECK(!st && tensor_bad(X, tt, full, f) == 0, "TTM dim %lld, CSF, %s", (long long)dim, tn);
        }
        problems++;
        for (int f = 0; f < 2; f++) {
            systec_symten_free(&A[f]);
            systec_csften_free(&G[f]);
        }
        systec_tns_free(&T);
        systec_tns_free(&F);
        free(B);
        free(Bf);
        free(mt);
        free(tt);
        free(C);
        free(X);
    }
}

int main(void)
{
    rnd_seed(20251207);
    named_cases();
    random_cases();
    stream_case();
    syrk_cases();
    tensor_cases();
    printf("non-finite: %ld problems, %ld generated-kernel calls, %ld public calls\n",
           problems, kernel_calls, public_calls);
    return check_summary();
}
