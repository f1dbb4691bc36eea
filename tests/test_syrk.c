/* SSYRK (upper triangle of A*A^T) and its baseline (all of A*A^T) against a
 * dense reference, for every value type and index width.
 *
 * For each random or real A: the result's rows are sorted, hold no
 * duplicates and (SSYRK) no entry below the diagonal; its pattern is exactly
 * the structurally nonzero part of A*A^T (some k with A[i,k] and A[j,k]
 * stored); every value is within tol * (|A||A|^T)[i,j] of the reference.
 * Then A's values change (same pattern) and systec_syrk_numeric must give
 * the new product; the expansion of the upper triangle must equal the
 * baseline's full product. Bad input gets its status and leaves C alone.
 *
 * usage: test_syrk [DIR_OR_MTX...] */
#include "testutil.h"

#include "tuning.h" /* syrk_reserve_entries: the output reserved, or grown */

#include <float.h>
#include <math.h>

typedef struct {
    const char *label;
    int64_t m, k, nnz;
    int64_t *rp, *ci; /* rows unsorted, duplicates allowed */
    double *v;
} Mat;

static void mat_free(Mat *A)
{
    free(A->rp);
    free(A->ci);
    free(A->v);
}

static void mat_random(Mat *A, const char *label, int64_t m, int64_t k, double dens, double dup)
{
    memset(A, 0, sizeof *A);
    A->label = label;
    A->m = m;
    A->k = k;
    int64_t cap = 16;
    A->rp = calloc((size_t)m + 1, sizeof(int64_t));
    A->ci = malloc(sizeof(int64_t) * (size_t)cap);
    A->v = malloc(sizeof(double) * (size_t)cap);
    for (int64_t r = 0; r < m; r++) {
        for (int64_t c = k - 1; c >= 0; c--) { /* descending: unsorted rows */
            if (rnd_unit() >= dens) continue;
            int copies = rnd_unit() < dup ? 2 : 1;
            for (int q = 0; q < copies; q++) {
                if (A->nnz == cap) {
                    cap *= 2;
                    A->ci = realloc(A->ci, sizeof(int64_t) * (size_t)cap);
                    A->v = realloc(A->v, sizeof(double) * (size_t)cap);
                }
                A->ci[A->nnz] = c;
                A->v[A->nnz++] = rnd_sym();
            }
        }
        A->rp[r + 1] = A->nnz;
    }
}

/* dense reference of A*A^T (from the values as stored in dtype), its bound
 * and its structural pattern */
static void reference(const Mat *A, char dt, double *D, double *B, char *S)
{
    int64_t m = A->m, k = A->k;
    double *a = calloc((size_t)(m * k + 1), sizeof *a), *aa = calloc((size_t)(m * k + 1), sizeof *aa);
    char *s = calloc((size_t)(m * k + 1), 1);
    for (int64_t r = 0; r < m; r++)
        for (int64_t p = A->rp[r]; p < A->rp[r + 1]; p++) {
            double v = dt == 'd' ? A->v[p] : (double)(float)A->v[p];
            a[r * k + A->ci[p]] += v; /* duplicates summed, as the handle does */
            aa[r * k + A->ci[p]] += fabs(v);
            s[r * k + A->ci[p]] = 1;
        }
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = 0; j < m; j++) {
            long double d = 0, b = 0;
            char st = 0;
            for (int64_t c = 0; c < k; c++) {
                d += (long double)a[i * k + c] * a[j * k + c];
                b += (long double)aa[i * k + c] * aa[j * k + c];
                st |= s[i * k + c] & s[j * k + c];
            }
            D[i * m + j] = (double)d;
            B[i * m + j] = (double)b;
            S[i * m + j] = st;
        }
    free(a);
    free(aa);
    free(s);
}

static void *idx_copy(const int64_t *a, int64_t n, int i64)
{
    void *o = malloc((size_t)(n + 1) * (i64 ? 8 : 4));
    for (int64_t q = 0; q < n; q++) {
        if (i64)
            ((int64_t *)o)[q] = a[q];
        else
            ((int32_t *)o)[q] = (int32_t)a[q];
    }
    return o;
}

static void *val_copy(const double *a, int64_t n, char dt)
{
    void *o = malloc((size_t)(n + 1) * (dt == 'd' ? 8 : 4));
    for (int64_t q = 0; q < n; q++) {
        if (dt == 'd')
            ((double *)o)[q] = a[q];
        else
            ((float *)o)[q] = (float)a[q];
    }
    return o;
}

static int64_t iget(const void *a, int i64, int64_t q)
{
    return i64 ? ((const int64_t *)a)[q] : ((const int32_t *)a)[q];
}
static double vget(const void *a, char dt, int64_t q)
{
    return dt == 'd' ? ((const double *)a)[q] : ((const float *)a)[q];
}

/* C against the reference: structure, exact pattern, values. */
static int check_product(const char *what, const Mat *A, char dt, int i64, int upper,
                         const systec_csrmat_t *C, const double *D, const double *B, const char *S)
{
    int64_t m = A->m, cm, cn, nnz;
    systec_dtype_t cd;
    systec_itype_t ci;
    if (check_status(systec_csrmat_info(C, &cm, &cn, &nnz, &cd, &ci), SYSTEC_SUCCESS, what))
        return 1;
    if (cm != m || cn != m || cd != (dt == 'd' ? SYSTEC_DOUBLE : SYSTEC_FLOAT) ||
        ci != (i64 ? SYSTEC_INT64 : SYSTEC_INT32))
        return check_fail("%s on %s: shape or types of C", what, A->label);
    const void *rp, *cx, *v;
    systec_csrmat_data(C, &rp, &cx, &v);
    double tol = dt == 'd' ? 1e-12 : 1e-12 * (FLT_EPSILON / DBL_EPSILON);
    int64_t expect = 0;
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = upper ? i : 0; j < m; j++) expect += S[i * m + j];
    if (nnz != expect)
        return check_fail("%s on %s: %lld entries, want %lld", what, A->label, (long long)nnz,
                          (long long)expect);
    for (int64_t i = 0; i < m; i++)
        for (int64_t q = iget(rp, i64, i); q < iget(rp, i64, i + 1); q++) {
            int64_t j = iget(cx, i64, q);
            if (j < 0 || j >= m || (upper && j < i) ||
                (q > iget(rp, i64, i) && iget(cx, i64, q - 1) >= j) || !S[i * m + j])
                return check_fail("%s on %s: bad entry (%lld, %lld)", what, A->label,
                                  (long long)i, (long long)j);
            double got = vget(v, dt, q), want = D[i * m + j];
            double allow = tol * B[i * m + j];
            if (!(fabs(got - want) <= allow))
                return check_fail("%s on %s: C[%lld,%lld] = %.17g, want %.17g", what, A->label,
                                  (long long)i, (long long)j, got, want);
        }
    return check_true(1, what);
}

/* Dense output with ldc = m + 1: the stored part against the reference, the
 * rest (strict lower triangle for SSYRK, the padding column) untouched. */
static int check_dense(const Mat *A, char dt, const systec_csrmat_t *G, int upper,
                       const double *D, const double *B)
{
    int64_t m = A->m, ldc = m + 1;
    const double sentinel = 12345.0;
    size_t cnt = (size_t)(m * ldc + 1);
    void *C = malloc(cnt * (dt == 'd' ? 8 : 4));
    for (size_t q = 0; q < cnt; q++) {
        if (dt == 'd')
            ((double *)C)[q] = sentinel;
        else
            ((float *)C)[q] = (float)sentinel;
    }
    systec_status_t st =
        dt == 'd' ? (upper ? systec_dsyrk_dense(G, C, ldc) : systec_daat_dense(G, C, ldc))
                  : (upper ? systec_ssyrk_dense(G, C, ldc) : systec_saat_dense(G, C, ldc));
    const char *what = upper ? "syrk dense" : "aat dense";
    int bad = check_status(st, SYSTEC_SUCCESS, what);
    double tol = dt == 'd' ? 1e-12 : 1e-12 * (FLT_EPSILON / DBL_EPSILON);
    for (int64_t i = 0; i < m && !bad; i++)
        for (int64_t j = 0; j < ldc && !bad; j++) {
            double v = dt == 'd' ? ((double *)C)[i * ldc + j] : ((float *)C)[i * ldc + j];
            if (j >= m || (upper && j < i)) {
                if (v != sentinel)
                    bad = check_fail("%s on %s: C[%lld,%lld] outside the output was written",
                                     what, A->label, (long long)i, (long long)j);
                continue;
            }
            double want = D[i * m + j];
            double allow = tol * B[i * m + j];
            if (!(fabs(v - want) <= allow))
                bad = check_fail("%s on %s: C[%lld,%lld] = %.17g, want %.17g", what, A->label,
                                 (long long)i, (long long)j, v, want);
        }
    if (!bad) check_true(1, what);
    free(C);
    return bad;
}

static int run(const Mat *A)
{
    int fails = 0;
    int64_t m = A->m;
    double *D = malloc(sizeof(double) * (size_t)(m * m + 1));
    double *B = malloc(sizeof(double) * (size_t)(m * m + 1));
    char *S = malloc((size_t)(m * m + 1));
    Mat A2 = *A; /* same pattern, new values */
    A2.v = malloc(sizeof(double) * (size_t)(A->nnz + 1));
    for (int64_t q = 0; q < A->nnz; q++) A2.v[q] = rnd_sym();
    for (int dd = 0; dd < 2; dd++)
        for (int i64 = 0; i64 < 2; i64++) {
            char dt = dd ? 'd' : 's';
            systec_dtype_t sdt = dd ? SYSTEC_DOUBLE : SYSTEC_FLOAT;
            systec_itype_t sit = i64 ? SYSTEC_INT64 : SYSTEC_INT32;
            void *rp = idx_copy(A->rp, m + 1, i64), *ci = idx_copy(A->ci, A->nnz, i64);
            void *v = val_copy(A->v, A->nnz, dt), *v2 = val_copy(A2.v, A->nnz, dt);
            systec_csrmat_t *G = NULL, *G2 = NULL, *U = NULL, *F = NULL, *E = NULL;
            fails += check_status(systec_csrmat_create_csr(&G, sdt, sit, m, A->k, rp, ci, v),
                                  SYSTEC_SUCCESS, "systec_csrmat_create_csr");
            fails += check_status(systec_csrmat_create_csr(&G2, sdt, sit, m, A->k, rp, ci, v2),
                                  SYSTEC_SUCCESS, "systec_csrmat_create_csr (new values)");
            if (G && G2) {
                reference(A, dt, D, B, S);
                fails += check_status((dd ? systec_dsyrk : systec_ssyrk)(G, &U), SYSTEC_SUCCESS,
                                      "systec_?syrk");
                fails += check_status((dd ? systec_daat : systec_saat)(G, &F), SYSTEC_SUCCESS,
                                      "systec_?aat");
                if (U) fails += check_product("syrk", A, dt, i64, 1, U, D, B, S);
                if (F) fails += check_product("aat", A, dt, i64, 0, F, D, B, S);
                fails += check_dense(A, dt, G, 1, D, B);
                fails += check_dense(A, dt, G, 0, D, B);
                if (U) {
                    fails += check_status(systec_csrmat_expand_upper(U, &E), SYSTEC_SUCCESS,
                                          "systec_csrmat_expand_upper");
                    if (E) fails += check_product("expanded syrk", A, dt, i64, 0, E, D, B, S);
                }
                /* the same pattern with new values: numeric phase only */
                reference(&A2, dt, D, B, S);
                if (U) {
                    fails += check_status((dd ? systec_dsyrk_numeric : systec_ssyrk_numeric)(G2, U),
                                          SYSTEC_SUCCESS, "systec_?syrk_numeric");
                    fails += check_product("syrk numeric", &A2, dt, i64, 1, U, D, B, S);
                }
                if (F) {
                    fails += check_status((dd ? systec_daat_numeric : systec_saat_numeric)(G2, F),
                                          SYSTEC_SUCCESS, "systec_?aat_numeric");
                    fails += check_product("aat numeric", &A2, dt, i64, 0, F, D, B, S);
                }
                if (U && F) { /* a product of the other kind is refused */
                    CHECK_ST((dd ? systec_dsyrk_numeric : systec_ssyrk_numeric)(G2, F),
                             SYSTEC_ERR_INVALID_VALUE);
                    CHECK_ST((dd ? systec_daat_numeric : systec_saat_numeric)(G2, U),
                             SYSTEC_ERR_INVALID_VALUE);
                }
            }
            systec_csrmat_free(&G);
            systec_csrmat_free(&G2);
            systec_csrmat_free(&U);
            systec_csrmat_free(&F);
            systec_csrmat_free(&E);
            free(rp);
            free(ci);
            free(v);
            free(v2);
        }
    free(A2.v);
    free(D);
    free(B);
    free(S);
    return fails;
}

static int bad_input(void)
{
    int64_t rp[3] = {0, 1, 2}, ci[2] = {0, 1};
    double v[2] = {1, 2};
    systec_csrmat_t *G = NULL, *C = (systec_csrmat_t *)0x1, *U = NULL;
    CHECK_ST(systec_dsyrk(NULL, &C), SYSTEC_ERR_NULL_POINTER);
    CHECK(C == (systec_csrmat_t *)0x1, "C untouched");
    CHECK_ST(systec_csrmat_create_csr(&G, SYSTEC_DOUBLE, SYSTEC_INT64, 2, 2, rp, ci, v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_dsyrk(G, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dsyrk_numeric(G, G), SYSTEC_ERR_INVALID_VALUE); /* G is not a product */
    CHECK_ST(systec_csrmat_expand_upper(G, &C), SYSTEC_ERR_INVALID_VALUE);
    CHECK(C == (systec_csrmat_t *)0x1, "C untouched");
    CHECK_ST(systec_dsyrk(G, &U), SYSTEC_SUCCESS);
    /* the typed names check the value type; the 0.1 names still work */
    CHECK_ST(systec_ssyrk(G, &C), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_saat(G, &C), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_ssyrk_numeric(G, U), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_saat_numeric(G, U), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK(C == (systec_csrmat_t *)0x1, "C untouched");
    {
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
        systec_csrmat_t *U2 = NULL, *F2 = NULL;
        CHECK_ST(systec_syrk(G, &U2), SYSTEC_SUCCESS);
        CHECK_ST(systec_syrk_numeric(G, U2), SYSTEC_SUCCESS);
        CHECK_ST(systec_aat(G, &F2), SYSTEC_SUCCESS);
        CHECK_ST(systec_aat_numeric(G, F2), SYSTEC_SUCCESS);
#pragma GCC diagnostic pop
        int64_t nu = -1, nf = -1;
        CHECK_ST(systec_csrmat_info(U2, NULL, NULL, &nu, NULL, NULL), SYSTEC_SUCCESS);
        CHECK_ST(systec_csrmat_info(F2, NULL, NULL, &nf, NULL, NULL), SYSTEC_SUCCESS);
        CHECK(nu == 2 && nf == 2, "deprecated names: diag(1,2)^2 has 2 entries (%lld, %lld)",
              (long long)nu, (long long)nf);
        systec_csrmat_free(&U2);
        systec_csrmat_free(&F2);
    }
    /* an operand of another shape */
    int64_t rp3[4] = {0, 1, 2, 2};
    systec_csrmat_t *H = NULL;
    CHECK_ST(systec_csrmat_create_csr(&H, SYSTEC_DOUBLE, SYSTEC_INT64, 3, 2, rp3, ci, v),
             SYSTEC_SUCCESS);
    /* dense output: ldc too small, wrong value type, NULL C */
    double Cd[9] = {7, 7, 7, 7, 7, 7, 7, 7, 7};
    float Cf[9];
    CHECK_ST(systec_dsyrk_dense(H, Cd, 2), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_ssyrk_dense(H, Cf, 3), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_daat_dense(H, NULL, 3), SYSTEC_ERR_NULL_POINTER);
    CHECK(Cd[0] == 7 && Cd[8] == 7, "refused dense call leaves C alone");
    CHECK_ST(systec_dsyrk_numeric(H, U), SYSTEC_ERR_INVALID_SIZE);
    /* same shape and entry count, another pattern: refused (was: wrong values) */
    int64_t ci2[2] = {1, 0};
    systec_csrmat_t *G2 = NULL;
    CHECK_ST(systec_csrmat_create_csr(&G2, SYSTEC_DOUBLE, SYSTEC_INT64, 2, 2, rp, ci2, v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_dsyrk_numeric(G2, U), SYSTEC_ERR_INVALID_VALUE);
    systec_csrmat_free(&G2);
    /* the same columns in other rows (row lengths differ): refused too */
    int64_t rp4[3] = {0, 2, 2};
    CHECK_ST(systec_csrmat_create_csr(&G2, SYSTEC_DOUBLE, SYSTEC_INT64, 2, 2, rp4, ci, v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_dsyrk_numeric(G2, U), SYSTEC_ERR_INVALID_VALUE);
    systec_csrmat_free(&G2);
    { /* and the refused calls left U's values alone: diag(1, 2)^2 */
        const double *uv = NULL;
        CHECK_ST(systec_csrmat_data(U, NULL, NULL, (const void **)&uv), SYSTEC_SUCCESS);
        CHECK(uv && uv[0] == 1 && uv[1] == 4, "refused numeric calls leave C alone");
    }
    systec_csrmat_t *Hs = NULL;
    float vf[2] = {1, 2};
    CHECK_ST(systec_csrmat_create_csr(&Hs, SYSTEC_FLOAT, SYSTEC_INT64, 2, 2, rp, ci, vf),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_dsyrk_numeric(Hs, U), SYSTEC_ERR_TYPE_MISMATCH);
    /* a min-plus handle is not a plus-times operand */
    systec_symmat_t *S = NULL;
    systec_csrmat_t *M = NULL;
    CHECK_ST(systec_symmat_create_csr_minplus(&S, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, 2, rp,
                                              ci, v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_csrmat_from_symmat(&M, S), SYSTEC_SUCCESS);
    CHECK_ST(systec_dsyrk(M, &C), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK(C == (systec_csrmat_t *)0x1, "C untouched");
    /* bad operand construction */
    int64_t badci[2] = {0, 5};
    CHECK_ST(systec_csrmat_create_csr(&H, SYSTEC_DOUBLE, SYSTEC_INT64, 2, 2, rp, badci, v),
             SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    CHECK_ST(systec_csrmat_create_csr(&H, SYSTEC_DOUBLE, SYSTEC_INT64, -1, 2, rp, ci, v),
             SYSTEC_ERR_INVALID_SIZE);
    systec_csrmat_free(&M);
    systec_symmat_free(&S);
    systec_csrmat_free(&Hs);
    systec_csrmat_free(&H);
    systec_csrmat_free(&U);
    systec_csrmat_free(&G);
    return 0;
}

int main(int argc, char **argv)
{
    if (tu_isa_unavailable()) return 77;
    rnd_seed(4242);
    struct {
        const char *label;
        int64_t m, k;
        double dens, dup;
    } shapes[] = {
        {"0x0", 0, 0, 0, 0},        {"3x0", 3, 0, 0, 0},           {"0x4", 0, 4, 0, 0},
        {"1x1", 1, 1, 1, 0},        {"empty rows 20x15", 20, 15, 0.05, 0},
        {"dense 12x9", 12, 9, 1, 0}, {"duplicates 30x20", 30, 20, 0.2, 0.3},
        {"tall 60x8", 60, 8, 0.3, 0}, {"wide 10x80", 10, 80, 0.1, 0},
        {"sparse 150x150", 150, 150, 0.02, 0.01},
        /* about 420 entries give a product of about 20000: without the
         * reservation the output outgrows its first size (2 nnz + m) */
        {"growing output 200x3", 200, 3, 0.7, 0},
    };
    /* each shape twice: the output's bound reserved up front, then not (a
     * small start the symbolic kernel makes the library double) */
    for (int pass = 0; pass < 2; pass++) {
        if (pass) CHECK_ST(systec__tuning_set("syrk_reserve_entries", 0), SYSTEC_SUCCESS);
        for (size_t s = 0; s < sizeof shapes / sizeof shapes[0]; s++) {
            Mat A;
            mat_random(&A, shapes[s].label, shapes[s].m, shapes[s].k, shapes[s].dens,
                       shapes[s].dup);
            run(&A);
            mat_free(&A);
        }
    }
    systec__tuning_reset();
    /* real matrices, used as a general A (both triangles, as stored in full) */
    for (int a = 1; a < argc; a++) {
        char **files = NULL;
        int nf = list_matrix_files(argv[a], &files);
        for (int f = 0; f < nf; f++) {
            systec_coo_t coo = {0};
            if (!check_status(systec_mm_read(files[f], &coo), SYSTEC_SUCCESS, files[f]) &&
                coo.nrows <= 600) {
                Mat A = {files[f], coo.nrows, coo.ncols, 0, NULL, NULL, NULL};
                A.rp = calloc((size_t)A.m + 1, sizeof(int64_t));
                for (int64_t q = 0; q < coo.nnz; q++) {
                    A.rp[coo.row[q] + 1]++;
                    if (coo.symmetric && coo.row[q] != coo.col[q]) A.rp[coo.col[q] + 1]++;
                }
                for (int64_t r = 0; r < A.m; r++) A.rp[r + 1] += A.rp[r];
                A.nnz = A.rp[A.m];
                A.ci = malloc(sizeof(int64_t) * (size_t)(A.nnz + 1));
                A.v = malloc(sizeof(double) * (size_t)(A.nnz + 1));
                int64_t *next = malloc(sizeof(int64_t) * (size_t)(A.m + 1));
                memcpy(next, A.rp, sizeof(int64_t) * (size_t)A.m);
                for (int64_t q = 0; q < coo.nnz; q++) {
                    int64_t r = coo.row[q], c = coo.col[q];
                    A.ci[next[r]] = c;
                    A.v[next[r]++] = coo.val[q];
                    if (coo.symmetric && r != c) {
                        A.ci[next[c]] = r;
                        A.v[next[c]++] = coo.val[q];
                    }
                }
                free(next);
                run(&A);
                mat_free(&A);
            }
            if (coo.row) systec_coo_free(&coo);
            free(files[f]);
        }
        free(files);
    }
    bad_input();
    return check_summary();
}
