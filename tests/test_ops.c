/* The generated matrix kernels -- SSYMV, SYPRD (x^T A x), min-plus SSYMV,
 * SSYMM and the bilinear form x^T A y -- and their non-symmetric baselines,
 * against plain references.
 *
 * Every kernel in the generated registry is called directly through its
 * call thunk, in every instruction-set variant this CPU runs (so no
 * variant, schedule or ISA hides behind dispatch), and every public call is
 * exercised,
 * on random symmetric matrices of many shapes (both tie patterns: strict
 * interior and diagonal) and on real matrices.
 *   symv, syprd, symm: |out - ref| <= tol * (sum of |terms|) per element,
 *                tol = 1e-12 for double, 1e-5 for float;
 *   min-plus:    exact. Rounding to nearest is monotone, so min commutes
 *                with it: the float result must equal the rounded double
 *                reference.
 *
 * usage: test_ops [DIR_OR_MTX...]   (real matrices; default: none) */
#include "testutil.h"
#include "opsutil.h"

#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Float-rounded copy of a problem (values and dense matrix), so that the
 * reference for a float kernel sees exactly the kernel's inputs. */
static void prob_rounded(const Prob *P, Prob *Q)
{
    *Q = *P;
    Q->v = malloc(sizeof(double) * (size_t)(P->nnz + 1));
    for (int64_t p = 0; p < P->nnz; p++) Q->v[p] = (double)(float)P->v[p];
    Q->dense = Q->dabs = NULL;
    if (P->dense) prob_dense(Q); /* from the rounded values */
}

static void prob_rounded_free(Prob *Q)
{
    free(Q->v);
    free(Q->dense);
    free(Q->dabs);
}

/* out_ref and the per-element bound on |terms| (unused for min-plus). */
static void reference(Op op, const Prob *P, double alpha, const double *x, double beta,
                      const double *y0, double *ref, double *bound)
{
    int64_t n = P->n, len = out_len(op, n);
    if (op == OP_SYMM) { /* column by column: SSYMV on X(:, c) */
        double *xc = malloc(sizeof(double) * (size_t)(n + 1));
        double *yc = malloc(sizeof(double) * (size_t)(n + 1));
        double *rc = malloc(sizeof(double) * (size_t)(n + 1));
        double *bc = malloc(sizeof(double) * (size_t)(n + 1));
        for (int c = 0; c < KCOLS; c++) {
            for (int64_t i = 0; i < n; i++) xc[i] = x[i * KCOLS + c], yc[i] = y0[i * KCOLS + c];
            reference(OP_SYMV, P, alpha, xc, beta, yc, rc, bc);
            for (int64_t i = 0; i < n; i++) ref[i * KCOLS + c] = rc[i], bound[i * KCOLS + c] = bc[i];
        }
        free(xc);
        free(yc);
        free(rc);
        free(bc);
        return;
    }
    if (op == OP_MINPLUS) {
        for (int64_t i = 0; i < n; i++) ref[i] = y0[i];
        for (int64_t r = 0; r < n; r++)
            for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
                int64_t c = P->ci[p];
                ref[r] = fmin(ref[r], P->v[p] + x[c]);
                if (c != r) ref[c] = fmin(ref[c], P->v[p] + x[r]);
            }
        return;
    }
    /* (A v)_i and sum |a_ij v_j|, from the dense matrix when there is one;
     * v is x, or the bilinear form's y */
    const double *v = op == OP_BILIN ? second_in(op, x, n) : x;
    long double *ax = calloc((size_t)n + 1, sizeof *ax), *bx = calloc((size_t)n + 1, sizeof *bx);
    if (P->dense) {
        for (int64_t i = 0; i < n; i++)
            for (int64_t j = 0; j < n; j++) {
                ax[i] += (long double)P->dense[i * n + j] * v[j];
                bx[i] += (long double)P->dabs[i * n + j] * fabs(v[j]);
            }
    } else {
        for (int64_t r = 0; r < n; r++)
            for (int64_t p = P->rp[r]; p < P->rp[r + 1]; p++) {
                int64_t c = P->ci[p];
                ax[r] += (long double)P->v[p] * v[c];
                bx[r] += fabsl((long double)P->v[p] * v[c]);
                if (c != r) {
                    ax[c] += (long double)P->v[p] * v[r];
                    bx[c] += fabsl((long double)P->v[p] * v[r]);
                }
            }
    }
    if (op == OP_SYPRD || op == OP_BILIN) {
        long double s = 0, b = 0;
        for (int64_t i = 0; i < n; i++) {
            s += (long double)x[i] * ax[i];
            b += fabsl((long double)x[i]) * bx[i];
        }
        ax[0] = s;
        bx[0] = b;
    }
    for (int64_t i = 0; i < len; i++) {
        double by = beta == 0 ? 0 : beta * y0[i];
        ref[i] = alpha * (double)ax[i] + by;
        bound[i] = fabs(alpha) * (double)bx[i] + fabs(by);
    }
    free(ax);
    free(bx);
}

/* Per element: |out - ref| <= tol * (sum of |terms|), tol 1e-12 in double
 * and 1e-5 in float (the float reference saw the inputs rounded as the
 * kernel did); min-plus exactly. */
static int compare(Op op, const char *what, const Prob *P, char dtype, const double *y,
                   const double *ref, const double *bound)
{
    double tol = dtype == 'd' ? 1e-12 : 1e-5;
    for (int64_t i = 0; i < out_len(op, P->n); i++) {
        double v = y[i];
        int ok;
        double want = ref[i], allow = 0;
        if (op == OP_MINPLUS) {
            if (dtype == 's') want = (double)(float)want;
            ok = v == want || (isnan(v) && isnan(want));
        } else {
            allow = tol * bound[i];
            ok = fabs(v - want) <= allow;
        }
        if (!ok)
            return check_fail("%s on %s (n=%lld): out[%lld] = %.17g, want %.17g (allowed %.3g)",
                              what, P->label, (long long)P->n, (long long)i, v, want, allow);
    }
    return check_true(1, what);
}

/* ----------------------------------------------- every registered kernel */

/* Calls kernel kid of ISA table tab through its thunk on storage st of the
 * problem, and compares its output with the reference for its type. */
static int run_kernel(const systec_kimpl_t *tab, int kid, const char *isa, Op op, const Prob *P,
                      const Storages *S, const double *x, double alpha, double beta,
                      const double *y0, double *const *ref, double *const *bnd)
{
    const systec_kmeta_t *e = systec__kmeta(kid);
    double *got = malloc(sizeof(double) * (size_t)(out_len(op, P->n) + 1));
    kernel_run(tab, kid, op, S, P->n, alpha, x, beta, y0, got);
    char what[192];
    snprintf(what, sizeof what, "%s [%s]", e->name, isa);
    int fails = compare(op, what, P, e->dtype, got, ref[e->dtype == 's'], bnd[e->dtype == 's']);
    free(got);
    return fails;
}

/* Every generated kernel of op, in every ISA variant this CPU runs. */
static int run_registry(Op op, const Prob *P, const double *x, double alpha, double beta,
                        const double *y0, int *covered)
{
    int fails = 0, mp = op == OP_MINPLUS;
    int64_t n = P->n;
    Storages S;
    storages_build(P, mp, &S);
    /* references for double and for float-rounded inputs */
    Prob Q;
    prob_rounded(P, &Q);
    int64_t nin = in_len(OP_SYMM, n) + 1;
    double *xr = malloc(sizeof(double) * (size_t)nin), *y0r = malloc(sizeof(double) * (size_t)nin);
    for (int64_t i = 0; i < nin; i++) xr[i] = (double)(float)x[i], y0r[i] = (double)(float)y0[i];
    double *ref[2], *bnd[2];
    for (int k = 0; k < 2; k++) {
        ref[k] = malloc(sizeof(double) * (size_t)nin);
        bnd[k] = malloc(sizeof(double) * (size_t)nin);
    }
    reference(op, P, alpha, x, beta, y0, ref[0], bnd[0]);
    reference(op, &Q, (double)(float)alpha, xr, (double)(float)beta, y0r, ref[1], bnd[1]);
    for (int v = 0; v < systec__isa_count(); v++) {
        if (!systec__isa_runs(v)) continue;
        for (int kid = 0; kid < SYSTEC_K_COUNT; kid++) {
            if (systec__kmeta(kid)->op != op_kop[op]) continue;
            fails += run_kernel(systec__isa_table(v), kid, systec__isa_name(v), op, P, &S, x,
                                alpha, beta, y0, ref, bnd);
            covered[kid] = 1;
        }
    }
    for (int k = 0; k < 2; k++) {
        free(ref[k]);
        free(bnd[k]);
    }
    free(xr);
    free(y0r);
    prob_rounded_free(&Q);
    storages_free(&S);
    return fails;
}

/* A public call's result against the reference (run_public's check). */
typedef struct {
    Op op;
    const Prob *P;
    const double *ref, *bnd;
} public_ctx;

static int check_public(void *vctx, const char *what, systec_status_t st, const double *out)
{
    const public_ctx *c = vctx;
    return check_status(st, SYSTEC_SUCCESS, what) + compare(c->op, what, c->P, 'd', out, c->ref,
                                                             c->bnd);
}

static int run_public(Op op, const Prob *P, const double *x, double alpha, double beta,
                      const double *y0)
{
    int64_t nin = in_len(OP_SYMM, P->n) + 1;
    double *ref = malloc(sizeof(double) * (size_t)nin);
    double *bnd = malloc(sizeof(double) * (size_t)nin);
    reference(op, P, alpha, x, beta, y0, ref, bnd);
    Storages S;
    storages_build(P, op == OP_MINPLUS, &S);
    public_ctx ctx = {op, P, ref, bnd};
    int fails = public_sweep(op, P, &S, 'd', alpha, x, beta, y0, check_public, &ctx);
    storages_free(&S);
    free(ref);
    free(bnd);
    return fails;
}

static int run_problem(const Prob *P, int *covered)
{
    int fails = 0;
    int64_t n = P->n;
    int64_t nin = in_len(OP_SYMM, n) + 1; /* the largest x and output */
    double *x = malloc(sizeof(double) * (size_t)nin);
    double *y0 = malloc(sizeof(double) * (size_t)nin);
    for (int64_t i = 0; i < nin; i++) x[i] = rnd_sym();
    const double ab[][2] = {{1.0, 0.0}, {-0.75, 1.5}, {2.0, 1.0}};
    for (Op op = 0; op < NOPS; op++) {
        /* min-plus: y0 finite random, then all +inf (Bellman-Ford start) */
        for (size_t k = 0; k < 3; k++) {
            if (op == OP_MINPLUS && k == 2) break;
            for (int64_t i = 0; i < nin; i++) /* syprd's output exists for n = 0 */
                y0[i] = op == OP_MINPLUS && k == 1 ? INFINITY : rnd_sym();
            fails += run_registry(op, P, x, ab[k][0], ab[k][1], y0, covered);
            fails += run_public(op, P, x, ab[k][0], ab[k][1], y0);
        }
    }
    free(x);
    free(y0);
    return fails;
}

/* beta == 0 must not read the output (NaN stays out); alpha == 0 must not
 * read A; the wrong handle kind is refused and the output left alone. */
static int special_cases(void)
{
    int fails = 0;
    int32_t rp[4] = {0, 1, 3, 4}, ci[4] = {0, 0, 1, 2};
    double v[4] = {2, 1, 3, 4}, x[3] = {1, 2, 3}, y[3], s;
    double vnan[4] = {NAN, NAN, NAN, NAN};
    /* A = [2 1 0; 1 3 0; 0 0 4] */
    for (int i = 0; i < 3; i++) y[i] = NAN;
    CHECK_ST(systec_dsymv_csr(SYSTEC_LOWER, 3, rp, ci, v, 1.0, x, 0.0, y), SYSTEC_SUCCESS);
    CHECK(y[0] == 4 && y[1] == 7 && y[2] == 12, "beta=0 ignores NaN in y");
    for (int i = 0; i < 3; i++) y[i] = 1;
    CHECK_ST(systec_dsymv_csr(SYSTEC_LOWER, 3, rp, ci, vnan, 0.0, x, 2.0, y), SYSTEC_SUCCESS);
    CHECK(y[0] == 2 && y[1] == 2 && y[2] == 2, "alpha=0 does not read A");
    s = NAN;
    CHECK_ST(systec_dsyprd_csr(SYSTEC_LOWER, 3, rp, ci, v, 1.0, x, 0.0, &s), SYSTEC_SUCCESS);
    CHECK(s == 2 + 2 * 1 * 2 + 3 * 4 + 4 * 9, "syprd, beta=0 ignores NaN in s: %g", s);
    s = 1;
    CHECK_ST(systec_dsyprd_csr(SYSTEC_UPPER, 3, rp, ci, vnan, 0.0, x, 3.0, &s),
             SYSTEC_SUCCESS);
    CHECK(s == 3, "syprd, alpha=0 does not read A (and uplo is not checked against data)");
    /* issue 14, defect 5: with alpha == 0 neither A nor x is read, so both
     * may be NULL (they were refused) */
    for (int i = 0; i < 3; i++) y[i] = 2;
    CHECK_ST(systec_dsymv_csr(SYSTEC_LOWER, 3, NULL, NULL, NULL, 0.0, NULL, 1.5, y), SYSTEC_SUCCESS);
    CHECK(y[0] == 3 && y[1] == 3 && y[2] == 3, "alpha=0, NULL A and x: y = beta*y");
    s = 2;
    CHECK_ST(systec_dsyprd_csr(SYSTEC_UPPER, 3, rp, ci, v, 0.0, NULL, 0.5, &s), SYSTEC_SUCCESS);
    CHECK(s == 1, "syprd, alpha=0, NULL x");
    CHECK_ST(systec_dgemm_csr(3, 3, 1, rp, ci, v, 0.0, NULL, 0.0, y), SYSTEC_SUCCESS);
    CHECK(y[0] == 0 && y[2] == 0, "gemm, alpha=0, NULL X, beta=0: Y = 0");
    {
        systec_symmat_t *H = NULL;
        CHECK_ST(systec_symmat_create_csr(&H, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, rp, ci,
                                          v),
                 SYSTEC_SUCCESS);
        for (int i = 0; i < 3; i++) y[i] = 4;
        CHECK_ST(systec_dsymv(H, 0.0, NULL, 0.25, y), SYSTEC_SUCCESS);
        CHECK(y[0] == 1 && y[2] == 1, "handle: alpha=0, NULL x");
        CHECK_ST(systec_dsymm(H, 1, 0.0, NULL, 1.0, y), SYSTEC_SUCCESS);
        CHECK_ST(systec_dsymv(H, 1.0, NULL, 0.25, y), SYSTEC_ERR_NULL_POINTER);
        systec_symmat_free(&H);
    }
    /* min-plus on a path 0 - 1 - 2 with weights 5 and 1, no diagonal */
    int32_t mrp[4] = {0, 0, 1, 2}, mci[2] = {0, 1};
    double mv[2] = {5, 1}, d[3] = {0, INFINITY, INFINITY};
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr_minplus(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3,
                                              mrp, mci, mv),
             SYSTEC_SUCCESS);
    double dn[3];
    memcpy(dn, d, sizeof d);
    CHECK_ST(systec_dsymv_minplus(A, d, dn), SYSTEC_SUCCESS);
    CHECK(dn[0] == 0 && dn[1] == 5 && isinf(dn[2]), "one relaxation step");
    memcpy(d, dn, sizeof d);
    CHECK_ST(systec_dsymv_minplus(A, d, dn), SYSTEC_SUCCESS);
    CHECK(dn[0] == 0 && dn[1] == 5 && dn[2] == 6, "two relaxation steps");
    double keep[3] = {7, 8, 9};
    CHECK_ST(systec_dsymv(A, 1.0, x, 0.0, keep), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_dsyprd(A, 1.0, x, 0.0, keep), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK(keep[0] == 7 && keep[1] == 8 && keep[2] == 9, "refused call leaves output alone");
    systec_semiring_t sr;
    CHECK_ST(systec_symmat_semiring(A, &sr), SYSTEC_SUCCESS);
    CHECK(sr == SYSTEC_MIN_PLUS, "semiring recorded");
    systec_symmat_free(&A);
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, rp, ci, v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_dsymv_minplus(A, x, keep), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_ssyprd(A, 1.0f, (const float *)x, 0.0f, (float *)keep),
             SYSTEC_ERR_TYPE_MISMATCH);
    CHECK(keep[0] == 7 && keep[1] == 8 && keep[2] == 9, "refused call leaves output alone");
    systec_csrmat_t *G = NULL;
    CHECK_ST(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS);
    CHECK_ST(systec_dgemv_minplus(G, x, keep), SYSTEC_ERR_TYPE_MISMATCH);
    systec_csrmat_free(&G);
    systec_symmat_free(&A);
    /* SSYMM: k < 0 and an int32 overflow of k are refused, Y left alone */
    CHECK_ST(systec_dsymm_csr(SYSTEC_LOWER, 3, -1, rp, ci, v, 1.0, x, 0.0, keep),
             SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 3, rp, ci, v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_dsymm(A, (int64_t)1 << 40, 1.0, x, 0.0, keep), SYSTEC_ERR_INDEX_OVERFLOW);
    CHECK_ST(systec_dsymm(A, 1, 1.0, NULL, 0.0, keep), SYSTEC_ERR_NULL_POINTER);
    CHECK(keep[0] == 7 && keep[1] == 8 && keep[2] == 9, "refused symm leaves Y alone");
    CHECK_ST(systec_dsymm(A, 0, 1.0, x, 0.0, keep), SYSTEC_SUCCESS);
    CHECK(keep[0] == 7 && keep[1] == 8 && keep[2] == 9, "k = 0 touches nothing");
    systec_symmat_free(&A);
    /* min-plus full COO: a lone zero-weight edge is not symmetric (absent = +inf) */
    int64_t crow[1] = {0}, ccol[1] = {1};
    double cval[1] = {0.0};
    systec_coo_t lone = {2, 2, 1, crow, ccol, cval, 0, 0};
    CHECK_ST(systec_symmat_from_coo_minplus(&A, &lone, SYSTEC_DOUBLE, SYSTEC_INT32),
             SYSTEC_ERR_NOT_SYMMETRIC);
    CHECK(A == NULL, "no handle on error");
    /* ... and with its mirror it is, and the handle holds the edge */
    int64_t mrow[2] = {0, 1}, mcol[2] = {1, 0};
    double mval[2] = {0.0, 0.0};
    systec_coo_t pair = {2, 2, 2, mrow, mcol, mval, 0, 0};
    CHECK_ST(systec_symmat_from_coo_minplus(&A, &pair, SYSTEC_DOUBLE, SYSTEC_INT32),
             SYSTEC_SUCCESS);
    if (A) {
        double dx[2] = {5, 0}, dy[2] = {INFINITY, INFINITY};
        CHECK_ST(systec_dsymv_minplus(A, dx, dy), SYSTEC_SUCCESS);
        CHECK(dy[0] == 0 && dy[1] == 5, "min-plus edge kept: %g %g", dy[0], dy[1]);
        systec_symmat_free(&A);
    }
    /* x^T A x of a non-square general matrix */
    int32_t grp[3] = {0, 1, 2}, gci[2] = {0, 2};
    double gv[2] = {1, 1};
    CHECK_ST(systec_dgemv_csr(2, 3, grp, gci, gv, 1.0, x, 0.0, keep), SYSTEC_SUCCESS);
    CHECK(keep[0] == 1 && keep[1] == 3, "rectangular gemv");
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
            if (!s) {
                Prob P;
                prob_from_coo(&P, files[f], &coo);
                fails += run_problem(&P, covered);
                prob_free(&P);
                systec_coo_free(&coo);
            }
            free(files[f]);
        }
        free(files);
    }
    return fails;
}

int main(int argc, char **argv)
{
    if (tu_isa_unavailable()) return 77;
    int *covered = calloc((size_t)SYSTEC_K_COUNT, sizeof(int));
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
        {"long rows", 200, 0.4, 1, 0.01, 0},
        /* many short rows of irregular length: handles take the stream kernels */
        {"graph-like 20000", 20000, 0.0001, 0.5, 0, 0},
    };
    for (size_t k = 0; k < sizeof shapes / sizeof shapes[0]; k++) {
        Prob P;
        prob_random(&P, shapes[k].label, shapes[k].n, shapes[k].dens, shapes[k].ddens,
                    shapes[k].dup, shapes[k].zeros);
        /* the dispatch rule: which operations run on the stream kernels */
        systec_symmat_t *A = NULL;
        void *rp = idx_copy(P.rp, P.n + 1, 1), *ci = idx_copy(P.ci, P.nnz, 1);
        CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, P.n, rp,
                                          ci, P.v),
                 SYSTEC_SUCCESS);
        if (A) {
            /* the scatters: only the graph-like shape; the reductions (syprd,
             * bilin) also where rows hold under two strictly-lower entries on
             * average */
            int scatter = P.n >= 20000, reduce = scatter || (P.n > 0 && A->nnz < 2 * P.n);
            int got_scatter = A->plan.op[SYSTEC_OP_SYMV].storage == SYSTEC_KST_stream;
            int got_reduce = A->plan.op[SYSTEC_OP_SYPRD].storage == SYSTEC_KST_stream;
            int got_bilin = A->plan.op[SYSTEC_OP_BILIN].storage == SYSTEC_KST_stream;
            CHECK(got_scatter == scatter && got_reduce == reduce && got_bilin == reduce &&
                      (A->row != NULL) == (scatter || reduce),
                  "%s: stream for symv %d, syprd %d, bilin %d (row array %s), want %d, %d, %d",
                  P.label, got_scatter, got_reduce, got_bilin, A->row ? "built" : "absent",
                  scatter, reduce, reduce);
        }
        systec_symmat_free(&A);
        free(rp);
        free(ci);
        run_problem(&P, covered);
        prob_free(&P);
    }
    special_cases();
    /* the linked library is the one this header describes */
    int vmaj = -1, vmin = -1, vpat = -1;
    systec_version(&vmaj, &vmin, &vpat);
    CHECK(vmaj == SYSTEC_VERSION_MAJOR && vmin == SYSTEC_VERSION_MINOR &&
              vpat == SYSTEC_VERSION_PATCH,
          "systec_version %d.%d.%d", vmaj, vmin, vpat);
    real_matrices(argc, argv, covered);
    /* every generated kernel of these ops was called directly */
    for (int kid = 0; kid < SYSTEC_K_COUNT; kid++)
        for (Op op = 0; op < NOPS; op++)
            if (systec__kmeta(kid)->op == op_kop[op])
                check_true(covered[kid], systec__kmeta(kid)->name);
    free(covered);
    return check_summary();
}
