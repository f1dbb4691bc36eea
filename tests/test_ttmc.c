/* TTMc on symmetric tensors of order 3 and 4 (systec_[sd]ttmc, the packed
 * output expanded by systec_[sd]ttmc_expand) and its non-symmetric baseline
 * (systec_[sd]ttmc_coo on the expanded tensor), against a long-double
 * evaluation over the full tensor: per output element |error| <= tol * sum
 * of |terms|, tol 1e-12 in double and 1e-5 in float. Tensors: every
 * canonical cell of a small mode size (every tie pattern, dense), random
 * sparse ones, and an empty one; ranks 1, 3 and 6; the symmetric kernel in
 * both of its storages (byrow and per entry). Then the error paths,
 * each leaving the output untouched.
 *
 * usage: test_ttmc */
#include "systec.h"
#include "testutil.h"
#include "dispatch.h" /* systec__choose_coo_storage */
#include "tuning.h"   /* systec__tuning_set: both symmetric storages */

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* every sorted tuple of order N over [0, n) with a random value */
static void all_cells(int N, int64_t n, systec_tns_t *T)
{
    int64_t cap = 1;
    for (int k = 0; k < N; k++) cap *= n;
    T->order = N;
    T->dim = n;
    T->nnz = 0;
    T->ind = malloc(sizeof *T->ind * (size_t)(cap * N + 1));
    T->val = malloc(sizeof *T->val * (size_t)(cap + 1));
    int64_t c[8] = {0};
    for (;;) {
        memcpy(T->ind + T->nnz * N, c, sizeof *c * (size_t)N);
        T->val[T->nnz++] = rnd_sym();
        int k = N - 1;
        while (k >= 0 && c[k] == n - 1) k--;
        if (k < 0) break;
        c[k]++;
        for (int l = k + 1; l < N; l++) c[l] = c[k];
    }
}

/* Y[i, r...] and sum |terms| over the full tensor F, in long double */
static void reference(const systec_tns_t *F, int64_t R, const double *U, long double *Y,
                      long double *B, int64_t cells)
{
    const int N = F->order, m = N - 1;
    for (int64_t q = 0; q < cells; q++) Y[q] = B[q] = 0;
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + e * N;
        int64_t rr[8] = {0};
        for (;;) {
            long double t = F->val[e];
            int64_t off = c[0];
            for (int k = 0; k < m; k++) {
                t *= U[c[k + 1] * R + rr[k]];
                off = off * R + rr[k];
            }
            Y[off] += t;
            B[off] += fabsl(t);
            int k = m - 1;
            while (k >= 0 && rr[k] == R - 1) rr[k--] = 0;
            if (k < 0) break;
            rr[k]++;
        }
    }
}

static int compare(const char *what, const double *got, const long double *Y,
                   const long double *B, int64_t cells, double tol)
{
    for (int64_t q = 0; q < cells; q++)
        if (!(fabsl((long double)got[q] - Y[q]) <= tol * B[q]))
            return check_fail("%s: element %lld = %.17g, reference %.17Lg (bound %.3Lg)", what,
                              (long long)q, got[q], Y[q], tol * B[q]);
    return check_true(1, what);
}

/* one tensor, one rank, both types, symmetric and baseline */
static void check_case(const char *label, const systec_tns_t *T, int64_t R)
{
    const int N = T->order;
    int64_t n = T->dim, cp = 0, cf = 0;
    CHECK_ST(systec_ttmc_size(N, n, R, &cp, &cf), SYSTEC_SUCCESS);
    double *U = malloc(sizeof *U * (size_t)(n * R + 1));
    for (int64_t q = 0; q < n * R; q++) U[q] = rnd_sym();
    long double *Y = malloc(sizeof *Y * (size_t)(cf + 1)), *B = malloc(sizeof *B * (size_t)(cf + 1));
    double *yp = malloc(sizeof *yp * (size_t)(cp + 1)), *yf = malloc(sizeof *yf * (size_t)(cf + 1));
    float *Uf = malloc(sizeof *Uf * (size_t)(n * R + 1)), *fp = malloc(sizeof *fp * (size_t)(cp + 1));
    float *ff = malloc(sizeof *ff * (size_t)(cf + 1));
    for (int64_t q = 0; q < n * R; q++) Uf[q] = (float)U[q];
    char what[256];
    for (int dt = 0; dt < 2; dt++) {
        systec_dtype_t type = dt ? SYSTEC_FLOAT : SYSTEC_DOUBLE;
        systec_symten_t *A = NULL;
        systec_tns_t F = {0};
        CHECK_ST(systec_symten_create(&A, T, SYSTEC_SYM_CANONICAL, type), SYSTEC_SUCCESS);
        CHECK_ST(systec_symten_expand(A, &F), SYSTEC_SUCCESS);
        /* the reference from the values the handle holds (rounded to type) */
        if (dt)
            for (int64_t q = 0; q < n * R; q++) U[q] = (double)Uf[q];
        reference(&F, R, U, Y, B, cf);
        double tol = dt ? 1e-5 : 1e-12;
        for (int base = 0; base < 2; base++) {
            for (int64_t q = 0; q < cf; q++) yf[q] = NAN, ff[q] = NAN; /* every element written */
            if (!dt && !base) {
                CHECK_ST(systec_dttmc(A, R, U, yp), SYSTEC_SUCCESS);
                CHECK_ST(systec_dttmc_expand(N, n, R, yp, yf), SYSTEC_SUCCESS);
            } else if (!dt) {
                CHECK_ST(systec_dttmc_coo(&F, R, U, yf), SYSTEC_SUCCESS);
            } else if (!base) {
                CHECK_ST(systec_sttmc(A, R, Uf, fp), SYSTEC_SUCCESS);
                CHECK_ST(systec_sttmc_expand(N, n, R, fp, ff), SYSTEC_SUCCESS);
            } else {
                CHECK_ST(systec_sttmc_coo(&F, R, Uf, ff), SYSTEC_SUCCESS);
            }
            if (dt)
                for (int64_t q = 0; q < cf; q++) yf[q] = ff[q];
            snprintf(what, sizeof what, "%s R=%lld %s %s", label, (long long)R,
                     dt ? "float" : "double", base ? "baseline" : "symmetric");
            compare(what, yf, Y, B, cf, tol);
        }
        systec_tns_free(&F);
        systec_symten_free(&A);
    }
    free(U);
    free(Uf);
    free(Y);
    free(B);
    free(yp);
    free(yf);
    free(fp);
    free(ff);
}

/* each error leaves Y as it was */
static int untouched(const double *y, int64_t cells)
{
    for (int64_t q = 0; q < cells; q++)
        if (y[q] != 7.0) return 0;
    return 1;
}

static void check_errors(void)
{
    systec_tns_t T;
    all_cells(3, 4, &T);
    systec_symten_t *A = NULL, *A2 = NULL, *A5 = NULL;
    CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    double U[4 * 3], Y[64];
    float Uf[4 * 3], Yf[64];
    for (int q = 0; q < 12; q++) U[q] = Uf[q] = 1;
    for (int q = 0; q < 64; q++) Y[q] = 7.0;
    CHECK_ST(systec_dttmc(NULL, 3, U, Y), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttmc(A, 3, NULL, Y), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttmc(A, 3, U, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttmc(A, -1, U, Y), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_sttmc(A, 3, Uf, Yf), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_dttmc(A, 3, U, U + 2), SYSTEC_ERR_INVALID_VALUE); /* overlap */
    CHECK_ST(systec_dttmc((const systec_symten_t *)(const void *)&T, 3, U, Y),
             SYSTEC_ERR_INVALID_OBJECT);
    systec_tns_t T2, T5;
    all_cells(2, 3, &T2);
    all_cells(5, 2, &T5);
    CHECK_ST(systec_symten_create(&A2, &T2, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_symten_create(&A5, &T5, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_dttmc(A2, 3, U, Y), SYSTEC_ERR_UNSUPPORTED);
    CHECK_ST(systec_dttmc(A5, 1, U, Y), SYSTEC_ERR_UNSUPPORTED);
    CHECK_ST(systec_dttmc_coo(&T2, 3, U, Y), SYSTEC_ERR_UNSUPPORTED);
    CHECK_ST(systec_dttmc_coo(NULL, 3, U, Y), SYSTEC_ERR_NULL_POINTER);
    T.ind[4] = 9; /* a coordinate out of range */
    CHECK_ST(systec_dttmc_coo(&T, 3, U, Y), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    T.ind[4] = -1;
    CHECK_ST(systec_dttmc_coo(&T, 3, U, Y), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    CHECK_ST(systec_dttmc_expand(5, 4, 3, Y, Y), SYSTEC_ERR_UNSUPPORTED);
    CHECK_ST(systec_ttmc_size(3, INT64_MAX / 4, 1 << 20, NULL, NULL), SYSTEC_ERR_INDEX_OVERFLOW);
    CHECK_ST(systec_ttmc_size(3, -1, 2, NULL, NULL), SYSTEC_ERR_INVALID_SIZE);
    CHECK(untouched(Y, 64), "an error wrote into Y");
    /* R = 0: nothing to write, success */
    CHECK_ST(systec_dttmc(A, 0, NULL, NULL), SYSTEC_SUCCESS);
    systec_symten_free(&A);
    systec_symten_free(&A2);
    systec_symten_free(&A5);
    free(T.ind);
    free(T.val);
    free(T2.ind);
    free(T2.val);
    free(T5.ind);
    free(T5.val);
}

/* A plan made once serves every rank, as the direct call does; its errors. */
static void check_plan(void)
{
    systec_tns_t T;
    CHECK_ST(systec_tns_random_symmetric(3, 17, 0.05, 21, &T), SYSTEC_SUCCESS);
    systec_symten_t *A = NULL;
    CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    systec_ttmcplan_t *P = NULL;
    CHECK_ST(systec_ttmcplan_create(&P, A), SYSTEC_SUCCESS);
    for (int64_t R = 1; R <= 9; R += 4) {
        int64_t cp = 0;
        CHECK_ST(systec_ttmc_size(3, 17, R, &cp, NULL), SYSTEC_SUCCESS);
        double *U = malloc(sizeof *U * (size_t)(17 * R)), *y1 = malloc(sizeof *y1 * (size_t)cp);
        double *y2 = malloc(sizeof *y2 * (size_t)cp);
        for (int64_t q = 0; q < 17 * R; q++) U[q] = rnd_sym();
        CHECK_ST(systec_dttmc_plan(P, R, U, y1), SYSTEC_SUCCESS);
        CHECK_ST(systec_dttmc(A, R, U, y2), SYSTEC_SUCCESS);
        CHECK(!memcmp(y1, y2, sizeof *y1 * (size_t)cp), "a plan gives the direct call's result");
        free(U);
        free(y1);
        free(y2);
    }
    double U[17 * 2], Y[17 * 3];
    float Uf[17 * 2], Yf[17 * 3];
    for (int q = 0; q < 34; q++) U[q] = Uf[q] = 1;
    for (int q = 0; q < 51; q++) Y[q] = 7.0;
    CHECK_ST(systec_ttmcplan_create(NULL, A), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_ttmcplan_create(&P, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttmc_plan(NULL, 2, U, Y), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttmc_plan((const systec_ttmcplan_t *)(const void *)&T, 2, U, Y),
             SYSTEC_ERR_INVALID_OBJECT);
    CHECK_ST(systec_sttmc_plan(P, 2, Uf, Yf), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_dttmc_plan(P, -1, U, Y), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_dttmc_plan(P, 2, NULL, Y), SYSTEC_ERR_NULL_POINTER);
    CHECK(untouched(Y, 51), "an error wrote into Y");
    systec_ttmcplan_free(&P);
    CHECK(P == NULL, "free clears the pointer");
    systec_ttmcplan_free(&P);
    systec_symten_free(&A);
    systec_tns_free(&T);
}

/* The coordinate-storage decision: byrow where it exists (from
 * coo_byrow_min_entries canonical entries), else the ordered updates when
 * the per-entry kernel scatters into an output past coo_scatter_bytes. */
static void check_decision(void)
{
    systec__rule why;
    systec__tuning_reset();
    CHECK(systec__choose_coo_storage(2, 1, 1, 10, 1e12, &why) == SYSTEC__COO_BYROW &&
              why == SYSTEC__RULE_COO_ORBITS, "byrow where it exists");
    CHECK(systec__choose_coo_storage(2, 1, 0, 10, 1e12, &why) == SYSTEC__COO_BYOUT &&
              why == SYSTEC__RULE_COO_SCATTER, "a scattering kernel, a large output: byout");
    CHECK(systec__choose_coo_storage(2, 1, 0, 10, 1e3, &why) == SYSTEC__COO_ENTRY &&
              why == SYSTEC__RULE_COO_CACHED, "a scattering kernel, a cached output: per entry");
    CHECK(systec__choose_coo_storage(0, 1, 0, 10, 1e12, &why) == SYSTEC__COO_ENTRY &&
              why == SYSTEC__RULE_COO_STREAMS, "no scatter: per entry");
    CHECK(systec__choose_coo_storage(2, 0, 0, 10, 1e12, &why) == SYSTEC__COO_ENTRY,
          "no byout kernel: per entry");
    CHECK_ST(systec__tuning_set("coo_scatter_bytes", 1e15), SYSTEC_SUCCESS);
    CHECK(systec__choose_coo_storage(2, 1, 0, 10, 1e12, &why) == SYSTEC__COO_ENTRY,
          "the threshold comes from the tuning table");
    CHECK_ST(systec__tuning_set("coo_byrow_min_entries", 100), SYSTEC_SUCCESS);
    CHECK(systec__choose_coo_storage(2, 1, 1, 10, 1e12, &why) == SYSTEC__COO_ENTRY &&
              why == SYSTEC__RULE_COO_FEW, "fewer entries than coo_byrow_min_entries");
    char text[256];
    systec__rule_text(SYSTEC__RULE_COO_SCATTER, NULL, text, sizeof text);
    CHECK(strstr(text, "coo_scatter_bytes") != NULL, "the rule names its threshold");
    systec__tuning_reset();
}

int main(void)
{
    rnd_seed(11);
    /* the symmetric kernel in both storages the dispatcher picks from: the
     * output symmetry's orbits accumulated per row (byrow, the default) and
     * the per-entry kernel (forced by the byrow threshold) */
    for (int storage = 0; storage < 2; storage++)
    for (int N = 3; N <= 4; N++) {
        CHECK_ST(systec__tuning_set("coo_byrow_min_entries", storage ? 1e18 : 0), SYSTEC_SUCCESS);
        systec_tns_t T;
        char label[64];
        /* every canonical cell of mode size N + 1: every tie pattern */
        all_cells(N, N + 1, &T);
        snprintf(label, sizeof label, "order %d, all cells n=%d, %s", N, N + 1,
                 storage ? "per entry" : "byrow");
        for (int64_t R = 1; R <= 6; R += R == 1 ? 2 : 3) check_case(label, &T, R);
        free(T.ind);
        free(T.val);
        CHECK_ST(systec_tns_random_symmetric(N, 23, 0.05, 5 + (uint64_t)N, &T), SYSTEC_SUCCESS);
        snprintf(label, sizeof label, "order %d, random n=23, %s", N,
                 storage ? "per entry" : "byrow");
        check_case(label, &T, 4);
        systec_tns_free(&T);
        T = (systec_tns_t){N, 5, 0, NULL, NULL}; /* no entries: Y = 0 */
        snprintf(label, sizeof label, "order %d, empty, %s", N, storage ? "per entry" : "byrow");
        check_case(label, &T, 3);
    }
    check_errors();
    check_plan();
    check_decision();
    return check_summary();
}
