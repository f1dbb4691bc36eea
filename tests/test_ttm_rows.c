/* TTM into a sparse output (systec_ttmrows_*, systec_[sd]ttm_rows) on
 * symmetric order-3 tensors, the symmetric rows object (pairs j <= l) and
 * the baseline's (every pair of the full list), against a long-double
 * evaluation over the full tensor: per output element |error| <= tol * sum
 * of |terms|, tol 1e-12 in double and 1e-5 in float. The rows must be
 * exactly the pairs some entry reaches (j <= l for the symmetric object),
 * in increasing order, and every element the rows leave out must be zero in
 * the reference. Tensors: every canonical cell of n = 4 (every tie
 * pattern), random sparse ones, an empty one; ranks 1, 3, 8. Then the
 * output choice and the error paths, each leaving the output untouched.
 *
 * usage: test_ttm_rows */
#include "systec.h"
#include "testutil.h"
#include "tuning.h" /* systec__tuning_set: both output choices */

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* every sorted triple over [0, n) with a random value */
static void all_cells(int64_t n, systec_tns_t *T)
{
    T->order = 3;
    T->dim = n;
    T->nnz = 0;
    T->ind = malloc(sizeof *T->ind * (size_t)(3 * n * n * n + 1));
    T->val = malloc(sizeof *T->val * (size_t)(n * n * n + 1));
    for (int64_t i = 0; i < n; i++)
        for (int64_t j = i; j < n; j++)
            for (int64_t k = j; k < n; k++) {
                int64_t *c = T->ind + 3 * T->nnz;
                c[0] = i, c[1] = j, c[2] = k;
                T->val[T->nnz++] = rnd_sym();
            }
}

/* C[j,l,i] = sum_k A[j,l,k] B[k,i] over the full list F, and the sums of
 * |terms| (n*n*R each), and which pairs some entry reaches */
static void reference(const systec_tns_t *F, int64_t R, const double *B, long double *C,
                      long double *bound, char *reached)
{
    const int64_t n = F->dim;
    memset(reached, 0, (size_t)(n * n));
    for (int64_t q = 0; q < n * n * R; q++) C[q] = bound[q] = 0;
    for (int64_t e = 0; e < F->nnz; e++) {
        const int64_t *c = F->ind + 3 * e;
        reached[c[0] * n + c[1]] = 1;
        for (int64_t i = 0; i < R; i++) {
            long double t = (long double)F->val[e] * B[c[2] * R + i];
            C[(c[0] * n + c[1]) * R + i] += t;
            bound[(c[0] * n + c[1]) * R + i] += fabsl(t);
        }
    }
}

/* The rows of P against the reference: exactly the reached pairs (j <= l
 * only when sym), increasing; each row's values within tolerance. */
static void compare(const char *what, const systec_ttmrows_t *P, int sym, int64_t R,
                    const double *got, const long double *C, const long double *bound,
                    const char *reached, double tol)
{
    int64_t n = 0, rows = 0, want = 0;
    const int64_t *pairs = NULL;
    CHECK_ST(systec_ttmrows_info(P, &n, &rows, &pairs), SYSTEC_SUCCESS);
    for (int64_t j = 0; j < n; j++)
        for (int64_t l = sym ? j : 0; l < n; l++) want += reached[j * n + l];
    if (rows != want) {
        check_fail("%s: %lld rows, %lld pairs reached", what, (long long)rows, (long long)want);
        return;
    }
    for (int64_t q = 0; q < rows; q++) {
        int64_t j = pairs[2 * q], l = pairs[2 * q + 1];
        int ordered = q == 0 || pairs[2 * q - 2] < j || (pairs[2 * q - 2] == j && pairs[2 * q - 1] < l);
        if (!ordered || !reached[j * n + l] || (sym && j > l)) {
            check_fail("%s: row %lld is pair (%lld, %lld)", what, (long long)q, (long long)j,
                       (long long)l);
            return;
        }
        for (int64_t i = 0; i < R; i++) {
            long double ref = C[(j * n + l) * R + i];
            if (!(fabsl((long double)got[q * R + i] - ref) <= tol * bound[(j * n + l) * R + i])) {
                check_fail("%s: C[%lld,%lld,%lld] = %.17g, reference %.17Lg", what, (long long)j,
                           (long long)l, (long long)i, got[q * R + i], ref);
                return;
            }
        }
    }
    check_true(1, what);
}

static void check_case(const char *label, const systec_tns_t *T, int64_t R)
{
    const int64_t n = T->dim;
    double *B = malloc(sizeof *B * (size_t)(n * R + 1));
    float *Bf = malloc(sizeof *Bf * (size_t)(n * R + 1));
    for (int64_t q = 0; q < n * R; q++) B[q] = rnd_sym(), Bf[q] = (float)B[q];
    long double *C = malloc(sizeof *C * (size_t)(n * n * R + 1));
    long double *bound = malloc(sizeof *bound * (size_t)(n * n * R + 1));
    char *reached = malloc((size_t)(n * n + 1));
    double *got = malloc(sizeof *got * (size_t)(n * n * R + 1));
    float *gotf = malloc(sizeof *gotf * (size_t)(n * n * R + 1));
    char what[256];
    for (int dt = 0; dt < 2; dt++) {
        systec_dtype_t type = dt ? SYSTEC_FLOAT : SYSTEC_DOUBLE;
        systec_symten_t *A = NULL;
        systec_tns_t F = {0};
        CHECK_ST(systec_symten_create(&A, T, SYSTEC_SYM_CANONICAL, type), SYSTEC_SUCCESS);
        CHECK_ST(systec_symten_expand(A, &F), SYSTEC_SUCCESS);
        if (dt)
            for (int64_t q = 0; q < n * R; q++) B[q] = (double)Bf[q];
        reference(&F, R, B, C, bound, reached);
        for (int base = 0; base < 2; base++) {
            systec_ttmrows_t *P = NULL;
            if (base)
                CHECK_ST(systec_ttmrows_create_coo(&P, &F, type), SYSTEC_SUCCESS);
            else
                CHECK_ST(systec_ttmrows_create(&P, A), SYSTEC_SUCCESS);
            int64_t rows = 0;
            CHECK_ST(systec_ttmrows_info(P, NULL, &rows, NULL), SYSTEC_SUCCESS);
            for (int64_t q = 0; q < rows * R; q++) got[q] = NAN, gotf[q] = NAN;
            if (dt) {
                CHECK_ST(systec_sttm_rows(P, R, Bf, gotf), SYSTEC_SUCCESS);
                for (int64_t q = 0; q < rows * R; q++) got[q] = gotf[q];
            } else {
                CHECK_ST(systec_dttm_rows(P, R, B, got), SYSTEC_SUCCESS);
            }
            snprintf(what, sizeof what, "%s R=%lld %s %s", label, (long long)R,
                     dt ? "float" : "double", base ? "baseline" : "symmetric");
            compare(what, P, !base, R, got, C, bound, reached, dt ? 1e-5 : 1e-12);
            systec_ttmrows_free(&P);
        }
        systec_tns_free(&F);
        systec_symten_free(&A);
    }
    free(B);
    free(Bf);
    free(C);
    free(bound);
    free(reached);
    free(got);
    free(gotf);
}

/* The choice between the packed and the sparse output follows the rows'
 * share of the packed rows. */
static void check_choice(void)
{
    systec_tns_t T;
    CHECK_ST(systec_tns_random_symmetric(3, 40, 0.001, 3, &T), SYSTEC_SUCCESS);
    systec_symten_t *A = NULL;
    systec_ttmrows_t *P = NULL, *Q = NULL;
    CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_ttmrows_create(&P, A), SYSTEC_SUCCESS);
    int64_t rows = 0, cells = 0;
    int use = -1;
    CHECK_ST(systec_ttmrows_info(P, NULL, &rows, NULL), SYSTEC_SUCCESS);
    CHECK(rows > 0 && rows < 40 * 41 / 2, "a sparse tensor reaches some of the rows");
    CHECK_ST(systec_ttm_choose_output(A, P, 5, &use, &cells), SYSTEC_SUCCESS);
    CHECK(use == 1 && cells == rows * 5, "few rows: the sparse output");
    CHECK_ST(systec__tuning_set("ttm_rows_max_share", 0), SYSTEC_SUCCESS);
    CHECK_ST(systec_ttm_choose_output(A, P, 5, &use, &cells), SYSTEC_SUCCESS);
    CHECK(use == 0 && cells == 40 * 41 / 2 * 5, "share 0: the packed output");
    systec__tuning_reset();
    /* the baseline's rows object is not A's */
    systec_tns_t F = {0};
    CHECK_ST(systec_symten_expand(A, &F), SYSTEC_SUCCESS);
    CHECK_ST(systec_ttmrows_create_coo(&Q, &F, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_ttm_choose_output(A, Q, 5, &use, &cells), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_ttm_choose_output(A, P, 5, NULL, &cells), SYSTEC_ERR_NULL_POINTER);
    systec_ttmrows_free(&P);
    systec_ttmrows_free(&Q);
    systec_tns_free(&F);
    systec_symten_free(&A);
    systec_tns_free(&T);
}

static void check_errors(void)
{
    systec_tns_t T;
    all_cells(3, &T);
    systec_symten_t *A = NULL;
    systec_ttmrows_t *P = NULL;
    CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_ttmrows_create(&P, A), SYSTEC_SUCCESS);
    int64_t rows = 0;
    CHECK_ST(systec_ttmrows_info(P, NULL, &rows, NULL), SYSTEC_SUCCESS);
    double B[3 * 2], C[64];
    float Bf[3 * 2], Cf[64];
    for (int q = 0; q < 6; q++) B[q] = Bf[q] = 1;
    for (int q = 0; q < 64; q++) C[q] = 7.0;
    CHECK_ST(systec_ttmrows_create(NULL, A), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_ttmrows_create_coo(&P, NULL, SYSTEC_DOUBLE), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm_rows(NULL, 2, B, C), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm_rows((const systec_ttmrows_t *)(const void *)&T, 2, B, C),
             SYSTEC_ERR_INVALID_OBJECT);
    CHECK_ST(systec_dttm_rows(P, 2, NULL, C), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm_rows(P, 2, B, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm_rows(P, -1, B, C), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_sttm_rows(P, 2, Bf, Cf), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_dttm_rows(P, 2, B, (double *)B), SYSTEC_ERR_INVALID_VALUE); /* overlap */
    systec_tns_t T4 = {4, 3, 0, NULL, NULL}, Tbad = T;
    CHECK_ST(systec_ttmrows_create_coo(&P, &T4, SYSTEC_DOUBLE), SYSTEC_ERR_UNSUPPORTED);
    CHECK_ST(systec_ttmrows_create_coo(&P, &T, (systec_dtype_t)7), SYSTEC_ERR_INVALID_VALUE);
    Tbad.ind = malloc(sizeof *Tbad.ind * (size_t)(3 * T.nnz));
    memcpy(Tbad.ind, T.ind, sizeof *Tbad.ind * (size_t)(3 * T.nnz));
    Tbad.ind[4] = 3; /* a coordinate out of range */
    CHECK_ST(systec_ttmrows_create_coo(&P, &Tbad, SYSTEC_DOUBLE), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    int ok = 1;
    for (int q = 0; q < 64; q++) ok &= C[q] == 7.0;
    CHECK(ok, "an error wrote into C");
    CHECK(P != NULL && rows > 0, "the failed calls left the rows object");
    CHECK_ST(systec_dttm_rows(P, 0, NULL, NULL), SYSTEC_SUCCESS); /* R = 0: nothing */
    systec_ttmrows_free(&P);
    CHECK(P == NULL, "free clears the pointer");
    systec_ttmrows_free(&P); /* NULL: nothing */
    free(Tbad.ind);
    systec_symten_free(&A);
    free(T.ind);
    free(T.val);
}

int main(void)
{
    rnd_seed(23);
    systec_tns_t T;
    all_cells(4, &T); /* every tie pattern */
    for (int64_t R = 1; R <= 8; R += R == 1 ? 2 : 5) check_case("all cells n=4", &T, R);
    free(T.ind);
    free(T.val);
    CHECK_ST(systec_tns_random_symmetric(3, 30, 0.01, 9, &T), SYSTEC_SUCCESS);
    check_case("random n=30", &T, 3);
    systec_tns_free(&T);
    CHECK_ST(systec_tns_random_symmetric(3, 200, 1e-4, 10, &T), SYSTEC_SUCCESS);
    check_case("random n=200 sparse", &T, 2);
    systec_tns_free(&T);
    T = (systec_tns_t){3, 5, 0, NULL, NULL}; /* no entries: no rows */
    check_case("empty", &T, 3);
    check_choice();
    check_errors();
    return check_summary();
}
