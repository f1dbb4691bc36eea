/* Tests of the structural checks and of the symmetric / general CSR handles.
 * Includes internal.h to inspect the handles' storage. */
#include "internal.h"

#include "testutil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static uint64_t rng = 12345;
static int64_t rnd(int64_t k) /* uniform in [0, k) */
{
    rng = rng * 6364136223846793005ULL + 1442695040888963407ULL;
    return (int64_t)((rng >> 33) % (uint64_t)k);
}

/* ------------------------------------------------------------ reference */
/* Dense reference of a symmetric input, plus which strictly-lower positions
 * the input touched (the expected structure of the handle). */
typedef struct {
    int64_t n;
    double *d;     /* n*n, both triangles, summed in input order */
    char *present; /* n*n, lower positions (r >= c) given in the input */
} dense;

static void dense_init(dense *D, int64_t n)
{
    D->n = n;
    D->d = calloc((size_t)(n * n + 1), sizeof(double));
    D->present = calloc((size_t)(n * n + 1), 1);
}

static void dense_add(dense *D, int64_t r, int64_t c, double v)
{
    int64_t n = D->n;
    D->d[r * n + c] += v;
    if (r != c) D->d[c * n + r] += v;
    D->present[(r > c ? r : c) * n + (r > c ? c : r)] = 1;
}

static void dense_free(dense *D)
{
    free(D->d);
    free(D->present);
}

/* Value as stored in dtype: the reference is summed in double, then rounded. */
static double as_dtype(double v, systec_dtype_t dt) { return dt == SYSTEC_FLOAT ? (float)v : v; }

static int same(double a, double b) { return a == b || (isnan(a) && isnan(b)); }

/* Checks every invariant of a symmetric handle against the reference. */
static void check_symmat(const char *what, const systec_symmat_t *A, const dense *D,
                         systec_dtype_t dt, systec_itype_t it)
{
    int64_t n = D->n, nn = -1, nnz = -1;
    systec_dtype_t d2 = 0;
    systec_itype_t i2 = 0;
    CHECK_ST(systec_symmat_info(A, &nn, &nnz, &d2, &i2), SYSTEC_SUCCESS);
    CHECK(nn == n && d2 == dt && i2 == it, "%s: info n=%lld dtype=%d itype=%d", what,
          (long long)nn, (int)d2, (int)i2);
    CHECK(A->magic == SYSTEC_MAGIC_SYMMAT, "%s: magic", what);
    int64_t expect_nnz = 0, bad = 0;
    for (int64_t k = 0; k < n * n; k++) expect_nnz += D->present[k] && k / n != k % n;
    CHECK(nnz == expect_nnz && A->nnz == nnz, "%s: nnz_strict %lld, want %lld", what,
          (long long)nnz, (long long)expect_nnz);
    if (systec__iget(A->rowptr, it, 0) != 0) bad++;
    for (int64_t r = 0; r < n; r++) {
        int64_t b = systec__iget(A->rowptr, it, r), e = systec__iget(A->rowptr, it, r + 1), cnt = 0;
        if (e < b) bad++;
        for (int64_t p = b; p < e; p++) {
            int64_t c = systec__iget(A->colidx, it, p);
            if (c < 0 || c >= r || !D->present[r * n + c]) {
                bad++;
                continue;
            }
            if (p > b && systec__iget(A->colidx, it, p - 1) >= c) bad++; /* sorted, unique */
            if (!same(systec__vget(A->val, dt, p), as_dtype(D->d[r * n + c], dt))) bad++;
        }
        for (int64_t c = 0; c < r; c++) cnt += D->present[r * n + c];
        if (cnt != e - b) bad++;
        if (!same(systec__vget(A->diag, dt, r), as_dtype(D->d[r * n + r], dt))) bad++;
        /* the flags of the stored diagonal (NULL: every row has one) */
        if ((A->dhas ? A->dhas[r] : 1) != D->present[r * n + r]) bad++;
    }
    CHECK(bad == 0, "%s: %lld mismatches in the symmetric storage", what, (long long)bad);
}

/* Expands A to a general CSR handle and checks it against the reference. */
static void check_expansion(const char *what, const systec_symmat_t *A, const dense *D,
                            systec_dtype_t dt, systec_itype_t it)
{
    systec_csrmat_t *G = NULL;
    CHECK_ST(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS);
    if (!G) return;
    int64_t n = D->n, m2 = -1, n2 = -1, nnz = -1, want = 0, bad = 0;
    systec_dtype_t d2 = 0;
    systec_itype_t i2 = 0;
    CHECK_ST(systec_csrmat_info(G, &m2, &n2, &nnz, &d2, &i2), SYSTEC_SUCCESS);
    CHECK(m2 == n && n2 == n && d2 == dt && i2 == it, "%s: csrmat info", what);
    for (int64_t r = 0; r < n; r++) {
        for (int64_t c = 0; c < n; c++) {
            /* every stored entry, an explicit zero on the diagonal included */
            want += D->present[(r > c ? r : c) * n + (r > c ? c : r)];
        }
    }
    CHECK(nnz == want && G->nnz == want, "%s: csrmat nnz %lld, want %lld", what, (long long)nnz,
          (long long)want);
    if (systec__iget(G->rowptr, it, 0) != 0 || systec__iget(G->rowptr, it, n) != nnz) bad++;
    for (int64_t r = 0; r < n; r++) {
        int64_t b = systec__iget(G->rowptr, it, r), e = systec__iget(G->rowptr, it, r + 1);
        for (int64_t p = b; p < e; p++) {
            int64_t c = systec__iget(G->colidx, it, p);
            if (c < 0 || c >= n) {
                bad++;
                continue;
            }
            if (p > b && systec__iget(G->colidx, it, p - 1) >= c) bad++;
            if (!same(systec__vget(G->val, dt, p), as_dtype(D->d[r * n + c], dt))) bad++;
        }
    }
    CHECK(bad == 0, "%s: %lld mismatches in the expansion", what, (long long)bad);
    systec_csrmat_free(&G);
    CHECK(G == NULL, "%s: csrmat_free sets NULL", what);
}

/* ------------------------------------------------- triangle CSR inputs */
typedef struct {
    void *rp, *ci, *v;
} typed_csr;

static typed_csr make_typed(int64_t n, const int64_t *rp, const int64_t *ci, const double *v,
                            systec_dtype_t dt, systec_itype_t it)
{
    typed_csr t;
    int64_t nnz = rp[n];
    t.rp = malloc((size_t)(n + 1) * systec__isize(it));
    t.ci = malloc((size_t)(nnz + 1) * systec__isize(it));
    t.v = malloc((size_t)(nnz + 1) * systec__vsize(dt));
    for (int64_t i = 0; i <= n; i++) systec__iset(t.rp, it, i, rp[i]);
    for (int64_t k = 0; k < nnz; k++) {
        systec__iset(t.ci, it, k, ci[k]);
        systec__vset(t.v, dt, k, v[k]);
    }
    return t;
}

static void free_typed(typed_csr *t)
{
    free(t->rp);
    free(t->ci);
    free(t->v);
}

/* Builds the handle from one triangle in the given types and checks it and
 * its expansion against a dense matrix built directly from the input. */
static void run_csr_case(const char *name, systec_uplo_t uplo, int64_t n, const int64_t *rp,
                         const int64_t *ci, const double *v, systec_dtype_t dt,
                         systec_itype_t it)
{
    char what[160];
    snprintf(what, sizeof what, "%s [%c %s %s]", name, (char)uplo,
             dt == SYSTEC_FLOAT ? "float" : "double", it == SYSTEC_INT32 ? "int32" : "int64");
    typed_csr t = make_typed(n, rp, ci, v, dt, it);
    dense D;
    dense_init(&D, n);
    for (int64_t r = 0; r < n; r++)
        for (int64_t k = rp[r]; k < rp[r + 1]; k++)
            dense_add(&D, r, ci[k], systec__vget(t.v, dt, k)); /* the value as passed */
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, uplo, dt, it, n, t.rp, t.ci, t.v), SYSTEC_SUCCESS);
    CHECK(systec_last_error()[0] == '\0', "%s: detail set on success", what);
    if (A) {
        check_symmat(what, A, &D, dt, it);
        check_expansion(what, A, &D, dt, it);
        systec_symmat_free(&A);
        CHECK(A == NULL, "%s: symmat_free sets NULL", what);
    }
    dense_free(&D);
    free_typed(&t);
}

static void run_csr_all_types(const char *name, systec_uplo_t uplo, int64_t n, const int64_t *rp,
                              const int64_t *ci, const double *v)
{
    static const systec_dtype_t dts[] = {SYSTEC_FLOAT, SYSTEC_DOUBLE};
    static const systec_itype_t its[] = {SYSTEC_INT32, SYSTEC_INT64};
    for (int a = 0; a < 2; a++)
        for (int b = 0; b < 2; b++) run_csr_case(name, uplo, n, rp, ci, v, dts[a], its[b]);
}

/* Random triangle: unsorted rows, duplicates, explicit zeros, missing diagonals. */
static void random_tri(systec_uplo_t uplo, int64_t n, int64_t **rp, int64_t **ci, double **v)
{
    int64_t cap = n * 6 + 1, k = 0;
    *rp = malloc((size_t)(n + 1) * 8);
    *ci = malloc((size_t)cap * 8);
    *v = malloc((size_t)cap * 8);
    (*rp)[0] = 0;
    for (int64_t r = 0; r < n; r++) {
        int64_t cnt = rnd(6);
        for (int64_t j = 0; j < cnt; j++) {
            int64_t c;
            if (j > 0 && rnd(4) == 0)
                c = (*ci)[k - 1 - rnd(j)]; /* duplicate of an earlier entry of this row */
            else if (uplo == SYSTEC_LOWER)
                c = rnd(r + 1);
            else
                c = r + rnd(n - r);
            (*ci)[k] = c;
            (*v)[k] = (double)(rnd(17) - 8) / 4.0; /* dyadic: all sums exact; 0 included */
            k++;
        }
        (*rp)[r + 1] = k;
    }
}

static void test_csr_inputs(void)
{
    /* 4x4 example, lower: unsorted, a duplicate (2,0) twice, diagonal 1 missing,
     * explicit zero at (3,1) */
    {
        int64_t rp[] = {0, 1, 2, 5, 8};
        int64_t ci[] = {0, 0, 2, 0, 0, 3, 1, 0};
        double v[] = {4, 1, 5, 2, 0.5, 6, 0, -1};
        run_csr_all_types("lower 4x4", SYSTEC_LOWER, 4, rp, ci, v);
    }
    /* the same matrix given as its upper triangle */
    {
        int64_t rp[] = {0, 5, 6, 7, 8};
        int64_t ci[] = {3, 0, 2, 1, 2, 3, 2, 3};
        double v[] = {-1, 4, 2, 1, 0.5, 0, 5, 6};
        run_csr_all_types("upper 4x4", SYSTEC_UPPER, 4, rp, ci, v);
    }
    /* n = 0 (colidx and val may be NULL), n = 1, 1x1 with no entries */
    {
        int64_t rp0[] = {0};
        systec_symmat_t *A = NULL;
        int32_t rp32[] = {0};
        CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 0, rp32,
                                          NULL, NULL),
                 SYSTEC_SUCCESS);
        systec_symmat_free(&A);
        run_csr_all_types("n=0", SYSTEC_LOWER, 0, rp0, NULL, NULL);
        int64_t rp1[] = {0, 1}, ci1[] = {0};
        double v1[] = {3.5};
        run_csr_all_types("n=1", SYSTEC_UPPER, 1, rp1, ci1, v1);
        int64_t rpe[] = {0, 0, 0};
        run_csr_all_types("2x2 empty", SYSTEC_LOWER, 2, rpe, ci1, v1);
    }
    /* all-diagonal, with zeros on the diagonal (not expanded) */
    {
        int64_t rp[] = {0, 1, 2, 3}, ci[] = {0, 1, 2};
        double v[] = {1, 0, -2};
        run_csr_all_types("diagonal", SYSTEC_LOWER, 3, rp, ci, v);
    }
    /* duplicates that cancel: stored as an explicit zero */
    {
        int64_t rp[] = {0, 0, 2}, ci[] = {0, 0};
        double v[] = {1.5, -1.5};
        run_csr_all_types("cancelling duplicates", SYSTEC_LOWER, 2, rp, ci, v);
    }
    /* duplicates are summed in double, then rounded to float once:
     * 1 + 2^-24 + 2^-24 is 1 in float arithmetic but 1 + 2^-23 this way */
    {
        int64_t rp[] = {0, 3}, ci[] = {0, 0, 0};
        double v[] = {1.0, ldexp(1.0, -24), ldexp(1.0, -24)};
        systec_symmat_t *A = NULL;
        float vf[] = {1.0f, (float)ldexp(1.0, -24), (float)ldexp(1.0, -24)};
        int32_t rp32[] = {0, 3}, ci32[] = {0, 0, 0};
        CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_FLOAT, SYSTEC_INT32, 1, rp32,
                                          ci32, vf),
                 SYSTEC_SUCCESS);
        if (A) {
            float d = ((float *)A->diag)[0];
            CHECK(d == (float)(1.0 + ldexp(1.0, -23)), "float duplicates summed in double: %.9g",
                  d);
        }
        systec_symmat_free(&A);
        run_csr_all_types("rounding", SYSTEC_LOWER, 1, rp, ci, v);
    }
    /* random matrices */
    for (int trial = 0; trial < 60; trial++) {
        systec_uplo_t uplo = trial % 2 ? SYSTEC_UPPER : SYSTEC_LOWER;
        int64_t n = rnd(40), *rp, *ci;
        double *v;
        random_tri(uplo, n, &rp, &ci, &v);
        char name[64];
        snprintf(name, sizeof name, "random #%d n=%lld", trial, (long long)n);
        run_csr_all_types(name, uplo, n, rp, ci, v);
        free(rp);
        free(ci);
        free(v);
    }
}

#define SENTINEL_SYM ((systec_symmat_t *)(uintptr_t)0x1234)
#define SENTINEL_CSR ((systec_csrmat_t *)(uintptr_t)0x5678)

/* -------------------------------------------------------- COO inputs */
static systec_coo_t coo_of(int64_t m, int64_t n, int64_t nnz, int64_t *r, int64_t *c, double *v,
                           int sym)
{
    systec_coo_t A = {m, n, nnz, r, c, v, sym, 0};
    return A;
}

/* Does a list hold some off-diagonal entry together with its mirror? */
static int has_mirrored_pair(const systec_coo_t *coo)
{
    for (int64_t a = 0; a < coo->nnz; a++)
        for (int64_t b = 0; b < coo->nnz; b++)
            if (coo->row[a] != coo->col[a] && coo->row[a] == coo->col[b] &&
                coo->col[a] == coo->row[b])
                return 1;
    return 0;
}

static void run_coo_case(const char *name, const systec_coo_t *coo)
{
    /* a symmetric list holding both triangles stands for its lower one */
    int lower_only = !coo->symmetric || has_mirrored_pair(coo);
    static const systec_dtype_t dts[] = {SYSTEC_FLOAT, SYSTEC_DOUBLE};
    static const systec_itype_t its[] = {SYSTEC_INT32, SYSTEC_INT64};
    for (int a = 0; a < 2; a++) {
        for (int b = 0; b < 2; b++) {
            char what[160];
            snprintf(what, sizeof what, "%s [coo %s %s]", name,
                     a ? "double" : "float", b ? "int64" : "int32");
            dense D;
            dense_init(&D, coo->nrows);
            for (int64_t k = 0; k < coo->nnz; k++) {
                double v = coo->val ? coo->val[k] : 1.0;
                if (!lower_only || coo->row[k] >= coo->col[k]) /* else the lower half defines it */
                    dense_add(&D, coo->row[k], coo->col[k], v);
            }
            systec_symmat_t *A = NULL;
            CHECK_ST(systec_symmat_from_coo(&A, coo, dts[a], its[b]), SYSTEC_SUCCESS);
            if (A) {
                check_symmat(what, A, &D, dts[a], its[b]);
                check_expansion(what, A, &D, dts[a], its[b]);
            }
            systec_symmat_free(&A);
            dense_free(&D);
        }
    }
}

static void test_coo_inputs(void)
{
    /* symmetric list with entries from both triangles (no pair twice) and a
     * duplicate entry */
    {
        int64_t r[] = {0, 2, 2, 1, 1};
        int64_t c[] = {0, 0, 0, 2, 1};
        double v[] = {2, 1, 0.5, 3, 0};
        systec_coo_t A = coo_of(3, 3, 5, r, c, v, 1);
        run_coo_case("coo symmetric", &A);
    }
    /* symmetric list holding both triangles that agree: its lower triangle
     * (A(1,0) = 5, not 10) */
    {
        int64_t r[] = {1, 0, 1};
        int64_t c[] = {0, 1, 1};
        double v[] = {5, 5, 2};
        systec_coo_t A = coo_of(2, 2, 3, r, c, v, 1);
        run_coo_case("coo symmetric, both triangles", &A);
        systec_symmat_t *S = NULL;
        CHECK_ST(systec_symmat_from_coo(&S, &A, SYSTEC_DOUBLE, SYSTEC_INT32), SYSTEC_SUCCESS);
        CHECK(S && ((double *)S->val)[0] == 5, "both triangles: A(1,0) = %g, want 5",
              S ? ((double *)S->val)[0] : -1.0);
        systec_symmat_free(&S);
        /* ... that disagree: refused, and a pair without its mirror too */
        v[1] = 4;
        S = SENTINEL_SYM;
        CHECK_ST(systec_symmat_from_coo(&S, &A, SYSTEC_DOUBLE, SYSTEC_INT32),
                 SYSTEC_ERR_NOT_SYMMETRIC);
        int64_t r3[] = {1, 0, 2}, c3[] = {0, 1, 0};
        double v3[] = {5, 5, 1};
        systec_coo_t B = coo_of(3, 3, 3, r3, c3, v3, 1);
        CHECK_ST(systec_symmat_from_coo(&S, &B, SYSTEC_DOUBLE, SYSTEC_INT32),
                 SYSTEC_ERR_INVALID_VALUE);
        CHECK(S == SENTINEL_SYM, "refused lists leave *A alone");
    }
    /* full list: symmetric after summing duplicates, explicit zero vs missing */
    {
        int64_t r[] = {1, 1, 0, 2, 0, 2, 3, 3};
        int64_t c[] = {0, 0, 1, 0, 2, 2, 1, 3};
        double v[] = {1, 2, 3, 4, 4, 7, 0, -1};
        systec_coo_t A = coo_of(4, 4, 8, r, c, v, 0);
        run_coo_case("coo full symmetric", &A);
    }
    /* full list with NaN in a symmetric pair: accepted (NaN matches NaN) */
    {
        int64_t r[] = {1, 0}, c[] = {0, 1};
        double v[] = {NAN, NAN};
        systec_coo_t A = coo_of(2, 2, 2, r, c, v, 0);
        run_coo_case("coo full NaN pair", &A);
    }
    /* pattern list with no values: every value 1.0 */
    {
        int64_t r[] = {1, 2, 2}, c[] = {0, 1, 2};
        systec_coo_t A = coo_of(3, 3, 3, r, c, NULL, 1);
        A.pattern = 1;
        run_coo_case("coo pattern", &A);
    }
    /* empty */
    {
        systec_coo_t A = coo_of(0, 0, 0, NULL, NULL, NULL, 1);
        run_coo_case("coo n=0", &A);
        A = coo_of(5, 5, 0, NULL, NULL, NULL, 0);
        run_coo_case("coo 5x5 empty full", &A);
    }
    /* random full symmetric lists: each value split into parts over
     * duplicates, entries shuffled, both triangles listed */
    for (int trial = 0; trial < 30; trial++) {
        int64_t n = 1 + rnd(25), cap = 8 * n * n + 1, k = 0;
        int64_t *r = malloc((size_t)cap * 8), *c = malloc((size_t)cap * 8);
        double *v = malloc((size_t)cap * 8);
        for (int64_t i = 0; i < n; i++) {
            for (int64_t j = 0; j <= i; j++) {
                if (rnd(3)) continue;
                double x = (double)(rnd(17) - 8) / 2.0;
                for (int side = 0; side < (i == j ? 1 : 2); side++) {
                    double part = rnd(2) ? 0.25 : 0.0; /* split x = (x - part) + part */
                    r[k] = side ? j : i, c[k] = side ? i : j, v[k++] = x - part;
                    if (part != 0.0) r[k] = side ? j : i, c[k] = side ? i : j, v[k++] = part;
                    if (rnd(5) == 0) r[k] = side ? j : i, c[k] = side ? i : j, v[k++] = 0.0;
                }
            }
        }
        for (int64_t a = k - 1; a > 0; a--) { /* shuffle */
            int64_t b = rnd(a + 1), tr = r[a], tc = c[a];
            double tv = v[a];
            r[a] = r[b], c[a] = c[b], v[a] = v[b];
            r[b] = tr, c[b] = tc, v[b] = tv;
        }
        systec_coo_t A = coo_of(n, n, k, r, c, v, 0);
        char name[64];
        snprintf(name, sizeof name, "coo random full #%d", trial);
        /* the reference takes the lower half, whose summation order may
         * differ from the handle's; parts are dyadic so sums are exact */
        run_coo_case(name, &A);
        A.symmetric = 1; /* the same list read as "one entry per pair" is also valid */
        snprintf(name, sizeof name, "coo random as symmetric #%d", trial);
        run_coo_case(name, &A);
        free(r);
        free(c);
        free(v);
    }
}

/* ------------------------------------------------------- bad inputs */

/* create_csr must fail with want and leave the output untouched. */
static void bad_create(const char *what, systec_uplo_t uplo, systec_dtype_t dt, systec_itype_t it,
                       int64_t n, const void *rp, const void *ci, const void *v,
                       systec_status_t want)
{
    systec_symmat_t *A = SENTINEL_SYM;
    systec_status_t st = systec_symmat_create_csr(&A, uplo, dt, it, n, rp, ci, v);
    CHECK(st == want, "create_csr %s: got %d (%s), want %d", what, (int)st, systec_strerror(st),
          (int)want);
    CHECK(A == SENTINEL_SYM, "create_csr %s: output modified", what);
    CHECK(systec_last_error()[0] != '\0', "create_csr %s: no detail", what);
    if (st == SYSTEC_SUCCESS && A != SENTINEL_SYM) systec_symmat_free(&A);
}

static void bad_coo(const char *what, const systec_coo_t *coo, systec_dtype_t dt,
                    systec_itype_t it, systec_status_t want, const char *detail)
{
    systec_symmat_t *A = SENTINEL_SYM;
    systec_status_t st = systec_symmat_from_coo(&A, coo, dt, it);
    CHECK(st == want, "from_coo %s: got %d (%s), want %d", what, (int)st, systec_strerror(st),
          (int)want);
    CHECK(A == SENTINEL_SYM, "from_coo %s: output modified", what);
    CHECK(systec_last_error()[0] != '\0', "from_coo %s: no detail", what);
    if (detail)
        CHECK(strstr(systec_last_error(), detail) != NULL, "from_coo %s: detail '%s' lacks '%s'",
              what, systec_last_error(), detail);
    if (st == SYSTEC_SUCCESS && A != SENTINEL_SYM) systec_symmat_free(&A);
}

static void test_bad_create(void)
{
    const int32_t rp[] = {0, 1, 3}, ci[] = {0, 0, 1};
    const double v[] = {1, 2, 3};
    const int64_t rp64[] = {0, 1, 3}, ci64[] = {0, 0, 1};
    const systec_dtype_t D = SYSTEC_DOUBLE;
    const systec_itype_t I = SYSTEC_INT32;
    const systec_uplo_t L = SYSTEC_LOWER;

    CHECK_ST(systec_symmat_create_csr(NULL, L, D, I, 2, rp, ci, v), SYSTEC_ERR_NULL_POINTER);
    bad_create("uplo 0", (systec_uplo_t)0, D, I, 2, rp, ci, v, SYSTEC_ERR_INVALID_VALUE);
    bad_create("uplo X", (systec_uplo_t)'X', D, I, 2, rp, ci, v, SYSTEC_ERR_INVALID_VALUE);
    bad_create("dtype 0", L, (systec_dtype_t)0, I, 2, rp, ci, v, SYSTEC_ERR_INVALID_VALUE);
    bad_create("dtype 3", L, (systec_dtype_t)3, I, 2, rp, ci, v, SYSTEC_ERR_INVALID_VALUE);
    bad_create("itype 0", L, D, (systec_itype_t)0, 2, rp, ci, v, SYSTEC_ERR_INVALID_VALUE);
    bad_create("itype 9", L, D, (systec_itype_t)9, 2, rp, ci, v, SYSTEC_ERR_INVALID_VALUE);
    bad_create("n<0", L, D, I, -1, rp, ci, v, SYSTEC_ERR_INVALID_SIZE);
    bad_create("n>INT32_MAX", L, D, I, (int64_t)INT32_MAX + 1, rp, ci, v,
               SYSTEC_ERR_INDEX_OVERFLOW);
    bad_create("rowptr NULL", L, D, I, 2, NULL, ci, v, SYSTEC_ERR_NULL_POINTER);
    bad_create("colidx NULL", L, D, I, 2, rp, NULL, v, SYSTEC_ERR_NULL_POINTER);
    bad_create("val NULL", L, D, I, 2, rp, ci, NULL, SYSTEC_ERR_NULL_POINTER);
    bad_create("val NULL i64", L, D, SYSTEC_INT64, 2, rp64, ci64, NULL, SYSTEC_ERR_NULL_POINTER);
    {
        const int32_t r1[] = {1, 1, 3};
        bad_create("rowptr[0]!=0", L, D, I, 2, r1, ci, v, SYSTEC_ERR_INVALID_POINTERS);
        const int32_t r2[] = {0, 2, 1};
        bad_create("rowptr decreasing", L, D, I, 2, r2, ci, v, SYSTEC_ERR_INVALID_POINTERS);
        const int32_t c1[] = {0, -1, 1};
        bad_create("col<0", L, D, I, 2, rp, c1, v, SYSTEC_ERR_INDEX_OUT_OF_RANGE);
        const int32_t c2[] = {0, 0, 2};
        bad_create("col>=n", L, D, I, 2, rp, c2, v, SYSTEC_ERR_INDEX_OUT_OF_RANGE);
        const int32_t c3[] = {1, 0, 1};
        bad_create("upper entry in L", L, D, I, 2, rp, c3, v, SYSTEC_ERR_WRONG_TRIANGLE);
        bad_create("lower entry in U", SYSTEC_UPPER, D, I, 2, rp, ci, v,
                   SYSTEC_ERR_WRONG_TRIANGLE);
        const int64_t c4[] = {0, 0, 5};
        bad_create("col>=n i64", L, SYSTEC_FLOAT, SYSTEC_INT64, 2, rp64, c4, v,
                   SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    }
}

static void test_bad_coo(void)
{
    int64_t r[] = {0, 1, 2}, c[] = {0, 0, 1};
    double v[] = {1, 2, 3};
    const systec_dtype_t D = SYSTEC_DOUBLE;
    const systec_itype_t I = SYSTEC_INT64;
    systec_coo_t ok = coo_of(3, 3, 3, r, c, v, 1), A;

    systec_symmat_t *S = SENTINEL_SYM;
    CHECK_ST(systec_symmat_from_coo(NULL, &ok, D, I), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_symmat_from_coo(&S, NULL, D, I), SYSTEC_ERR_NULL_POINTER);
    CHECK(S == SENTINEL_SYM, "from_coo NULL coo: output modified");
    bad_coo("dtype", &ok, (systec_dtype_t)7, I, SYSTEC_ERR_INVALID_VALUE, NULL);
    bad_coo("itype", &ok, D, (systec_itype_t)7, SYSTEC_ERR_INVALID_VALUE, NULL);
    A = ok, A.nrows = -1;
    bad_coo("nrows<0", &A, D, I, SYSTEC_ERR_INVALID_SIZE, NULL);
    A = ok, A.nnz = -2;
    bad_coo("nnz<0", &A, D, I, SYSTEC_ERR_INVALID_SIZE, NULL);
    A = ok, A.row = NULL;
    bad_coo("row NULL", &A, D, I, SYSTEC_ERR_NULL_POINTER, NULL);
    A = ok, A.col = NULL;
    bad_coo("col NULL", &A, D, I, SYSTEC_ERR_NULL_POINTER, NULL);
    A = ok, A.val = NULL;
    bad_coo("val NULL (not pattern)", &A, D, I, SYSTEC_ERR_NULL_POINTER, NULL);
    A = ok, A.ncols = 4;
    bad_coo("non-square symmetric", &A, D, I, SYSTEC_ERR_NOT_SQUARE, NULL);
    A = ok, A.ncols = 4, A.symmetric = 0;
    bad_coo("non-square full", &A, D, I, SYSTEC_ERR_NOT_SQUARE, NULL);
    A = ok, A.nrows = A.ncols = 2;
    bad_coo("row out of range", &A, D, I, SYSTEC_ERR_INDEX_OUT_OF_RANGE, NULL);
    {
        int64_t rr[] = {0, 1, -1};
        A = ok, A.row = rr;
        bad_coo("row < 0", &A, D, I, SYSTEC_ERR_INDEX_OUT_OF_RANGE, NULL);
    }
    A = ok, A.nrows = A.ncols = (int64_t)INT32_MAX + 1;
    bad_coo("n>INT32_MAX", &A, D, SYSTEC_INT32, SYSTEC_ERR_INDEX_OVERFLOW, NULL);
    /* impossible sizes: allocation fails cleanly (the size computation overflows) */
    A = coo_of(INT64_MAX - 1, INT64_MAX - 1, 0, NULL, NULL, NULL, 1);
    bad_coo("huge n", &A, D, I, SYSTEC_ERR_OUT_OF_MEMORY, NULL);
    /* full lists that are not symmetric */
    {
        int64_t rr[] = {0, 2}, cc[] = {0, 1};
        double vv[] = {1, 5};
        A = coo_of(3, 3, 2, rr, cc, vv, 0);
        bad_coo("lone nonzero", &A, D, I, SYSTEC_ERR_NOT_SYMMETRIC, "(1,2)");
    }
    {
        int64_t rr[] = {2, 1}, cc[] = {1, 2};
        double vv[] = {1, 2};
        A = coo_of(3, 3, 2, rr, cc, vv, 0);
        bad_coo("unequal pair", &A, SYSTEC_FLOAT, SYSTEC_INT32, SYSTEC_ERR_NOT_SYMMETRIC,
                "(1,2)");
    }
    {
        int64_t rr[] = {1, 0, 1}, cc[] = {0, 1, 0};
        double vv[] = {1, 2, 0.5}; /* 1.5 vs 2 after summing */
        A = coo_of(2, 2, 3, rr, cc, vv, 0);
        bad_coo("unequal after summing", &A, D, I, SYSTEC_ERR_NOT_SYMMETRIC, "(0,1)");
    }
    {
        int64_t rr[] = {1, 0}, cc[] = {0, 1};
        double vv[] = {NAN, 1};
        A = coo_of(2, 2, 2, rr, cc, vv, 0);
        bad_coo("NaN vs number", &A, D, I, SYSTEC_ERR_NOT_SYMMETRIC, NULL);
    }
}

/* A zeroed buffer standing in for a handle that was never created. */
static union {
    struct systec_symmat s;
    struct systec_csrmat c;
    unsigned char bytes[256];
} fake;

static void test_handles(void)
{
    int32_t rp[] = {0, 1, 3}, ci[] = {0, 1, 0};
    float v[] = {1, 2, 3};
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_FLOAT, SYSTEC_INT32, 2, rp, ci, v),
             SYSTEC_SUCCESS);
    if (!A) return;
    CHECK_ST(systec_symmat_info(A, NULL, NULL, NULL, NULL), SYSTEC_SUCCESS);
    int64_t n = -1;
    CHECK_ST(systec_symmat_info(A, &n, NULL, NULL, NULL), SYSTEC_SUCCESS);
    CHECK(n == 2, "info n");
    CHECK_ST(systec_symmat_info(NULL, &n, NULL, NULL, NULL), SYSTEC_ERR_NULL_POINTER);

    systec_csrmat_t *G = SENTINEL_CSR;
    CHECK_ST(systec_csrmat_from_symmat(NULL, A), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_csrmat_from_symmat(&G, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK(G == SENTINEL_CSR, "csrmat_from_symmat(NULL): output modified");
    CHECK_ST(systec_csrmat_info(NULL, NULL, NULL, NULL, NULL, NULL), SYSTEC_ERR_NULL_POINTER);

    /* zeroed and "freed" fakes */
    memset(&fake, 0, sizeof fake);
    systec_symmat_t *FS = &fake.s;
    systec_csrmat_t *FC = &fake.c;
    for (int round = 0; round < 2; round++) {
        if (round == 1) fake.s.magic = SYSTEC_MAGIC_FREED;
        n = -7;
        CHECK_ST(systec_symmat_info(FS, &n, NULL, NULL, NULL), SYSTEC_ERR_INVALID_OBJECT);
        CHECK(n == -7, "symmat_info on a fake wrote its output");
        CHECK_ST(systec_csrmat_info(FC, &n, NULL, NULL, NULL, NULL), SYSTEC_ERR_INVALID_OBJECT);
        CHECK(n == -7, "csrmat_info on a fake wrote its output");
        G = SENTINEL_CSR;
        CHECK_ST(systec_csrmat_from_symmat(&G, FS), SYSTEC_ERR_INVALID_OBJECT);
        CHECK(G == SENTINEL_CSR, "csrmat_from_symmat on a fake: output modified");
        /* a csrmat is not a symmat, and vice versa */
        G = NULL;
        CHECK_ST(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_info((const systec_symmat_t *)(const void *)G, NULL, NULL, NULL,
                                    NULL),
                 SYSTEC_ERR_INVALID_OBJECT);
        CHECK_ST(systec_csrmat_info((const systec_csrmat_t *)(const void *)A, NULL, NULL, NULL,
                                    NULL, NULL),
                 SYSTEC_ERR_INVALID_OBJECT);
        systec_csrmat_free(&G);
        /* freeing a fake is a no-op (it is not heap memory: free() would crash) */
        systec_symmat_free(&FS);
        systec_csrmat_free(&FC);
        CHECK(FS == &fake.s && FC == &fake.c, "free of a fake handle changed the pointer");
    }
    systec_symmat_free(NULL);
    systec_csrmat_free(NULL);
    systec_symmat_t *nul = NULL;
    systec_symmat_free(&nul);
    systec_csrmat_t *nulc = NULL;
    systec_csrmat_free(&nulc);
    systec_symmat_free(&A);
    CHECK(A == NULL, "symmat_free sets NULL");
}

/* ---------------------------------------------------- structural checks */
static void test_checks(void)
{
    const systec_uplo_t L = SYSTEC_LOWER, U = SYSTEC_UPPER;
    /* valid lower: unsorted, duplicate, missing diagonal */
    int32_t rp[] = {0, 1, 1, 4}, lo[] = {0, 1, 0, 1};
    int64_t rp64[] = {0, 1, 1, 4}, lo64[] = {0, 1, 0, 1};
    CHECK_ST(systec_csr_check_tri(L, 3, rp, lo), SYSTEC_SUCCESS);
    CHECK_ST(systec_csr_check_tri_i64(L, 3, rp64, lo64), SYSTEC_SUCCESS);
    CHECK_ST(systec_csr_check_tri(U, 3, rp, lo), SYSTEC_ERR_WRONG_TRIANGLE);
    CHECK_ST(systec_csr_check_tri_i64(U, 3, rp64, lo64), SYSTEC_ERR_WRONG_TRIANGLE);
    CHECK(strstr(systec_last_error(), "row 2") != NULL, "wrong-triangle detail: %s",
          systec_last_error());
    CHECK_ST(systec_csr_check(3, 3, rp, lo), SYSTEC_SUCCESS);
    CHECK(systec_last_error()[0] == '\0', "detail not cleared by a successful call");
    CHECK_ST(systec_csr_check_i64(3, 2, rp64, lo64), SYSTEC_SUCCESS);
    CHECK_ST(systec_csr_check(3, 1, rp, lo), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    CHECK_ST(systec_csr_check_i64(3, 1, rp64, lo64), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    int32_t up[] = {2, 2, 1, 2};
    int64_t up64[] = {2, 2, 1, 2};
    int32_t rpu[] = {0, 2, 3, 4};
    int64_t rpu64[] = {0, 2, 3, 4};
    CHECK_ST(systec_csr_check_tri(U, 3, rpu, up), SYSTEC_SUCCESS);
    CHECK_ST(systec_csr_check_tri_i64(U, 3, rpu64, up64), SYSTEC_SUCCESS);
    CHECK_ST(systec_csr_check_tri(L, 3, rpu, up), SYSTEC_ERR_WRONG_TRIANGLE);

    /* the documented detail format */
    {
        int32_t r[] = {0, 0, 0, 2}, c[] = {0, 3};
        CHECK_ST(systec_csr_check_tri(L, 3, r, c), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
        CHECK(strcmp(systec_last_error(), "row 2, entry 1: column 3 >= n=3") == 0,
              "detail '%s'", systec_last_error());
    }
    /* sizes, enum values, pointers */
    CHECK_ST(systec_csr_check_tri(L, -1, rp, lo), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_csr_check_tri_i64(L, -1, rp64, lo64), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_csr_check(-1, 3, rp, lo), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_csr_check(3, -1, rp, lo), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_csr_check_i64(-5, 3, rp64, lo64), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_csr_check_tri((systec_uplo_t)0, 3, rp, lo), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_csr_check_tri((systec_uplo_t)'l', 3, rp, lo), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_csr_check_tri_i64((systec_uplo_t)99, 3, rp64, lo64),
             SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_csr_check_tri(L, 3, NULL, lo), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_csr_check_i64(3, 3, NULL, lo64), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_csr_check_tri(L, 3, rp, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_csr_check(3, 3, rp, NULL), SYSTEC_ERR_NULL_POINTER);
    int32_t empty[] = {0, 0, 0};
    int64_t empty64[] = {0, 0, 0};
    CHECK_ST(systec_csr_check_tri(L, 2, empty, NULL), SYSTEC_SUCCESS);
    CHECK_ST(systec_csr_check_i64(2, 0, empty64, NULL), SYSTEC_SUCCESS);
    CHECK_ST(systec_csr_check(0, 0, empty, NULL), SYSTEC_SUCCESS);
    CHECK_ST(systec_csr_check_tri_i64(U, 0, empty64, NULL), SYSTEC_SUCCESS);
    {
        int32_t r[] = {1, 1, 1, 4};
        CHECK_ST(systec_csr_check_tri(L, 3, r, lo), SYSTEC_ERR_INVALID_POINTERS);
        int64_t r64[] = {0, 2, 1, 4};
        CHECK_ST(systec_csr_check_tri_i64(L, 3, r64, lo64), SYSTEC_ERR_INVALID_POINTERS);
        CHECK(strstr(systec_last_error(), "row 1") != NULL, "decrease detail: %s",
              systec_last_error());
        int32_t r2[] = {0, 1, 1, -1};
        CHECK_ST(systec_csr_check(3, 3, r2, lo), SYSTEC_ERR_INVALID_POINTERS);
        int64_t r3[] = {-1};
        CHECK_ST(systec_csr_check_i64(0, 0, r3, NULL), SYSTEC_ERR_INVALID_POINTERS);
        int32_t c[] = {0, 1, -1, 1};
        CHECK_ST(systec_csr_check_tri(L, 3, rp, c), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
        CHECK_ST(systec_csr_check(3, 3, rp, c), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
        int64_t c64[] = {0, 1, INT64_MIN, 1};
        CHECK_ST(systec_csr_check_i64(3, 3, rp64, c64), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    }
}

/* General CSR handles far wider than their entries (issue 14, defect 6: a
 * 1 x 2^40 matrix with one entry failed with OUT_OF_MEMORY, the build used a
 * max(m,n)-square intermediate), and the same path against a reference on
 * random wide matrices: rows sorted, duplicates summed in input order. */
static void test_wide_general(void)
{
    int64_t big = (int64_t)1 << 40, rp[] = {0, 1}, ci[] = {big - 1};
    double v[] = {2.5};
    systec_csrmat_t *G = NULL;
    CHECK_ST(systec_csrmat_create_csr(&G, SYSTEC_DOUBLE, SYSTEC_INT64, 1, big, rp, ci, v),
             SYSTEC_SUCCESS);
    int64_t m = 0, n = 0, nnz = 0;
    const int64_t *grp = NULL, *gci = NULL;
    const double *gv = NULL;
    CHECK(G && !systec_csrmat_info(G, &m, &n, &nnz, NULL, NULL) && m == 1 && n == big && nnz == 1,
          "1 x 2^40: info %lld x %lld, %lld entries", (long long)m, (long long)n, (long long)nnz);
    if (G) systec_csrmat_data(G, (const void **)&grp, (const void **)&gci, (const void **)&gv);
    CHECK(gci && gci[0] == big - 1 && gv[0] == 2.5, "1 x 2^40: the entry");
    systec_csrmat_free(&G);
    for (int trial = 0; trial < 20; trial++) {
        int64_t rows = 1 + rnd(6), cols = 200 + rnd(5000), k = 0, cap = 40;
        int64_t *r = calloc((size_t)rows + 1, 8), *c = malloc(8 * (size_t)cap);
        double *x = malloc(8 * (size_t)cap), *D = calloc((size_t)(rows * cols), 8);
        char *has = calloc((size_t)(rows * cols), 1);
        for (int64_t i = 0; i < rows; i++) {
            int64_t len = rnd(8);
            for (int64_t q = 0; q < len && k < cap; q++) {
                int64_t j = q > 0 && rnd(3) == 0 ? c[k - 1] : rnd(cols); /* some duplicates */
                c[k] = j, x[k] = (double)(rnd(9) - 4);
                D[i * cols + j] += x[k++];
                has[i * cols + j] = 1;
            }
            r[i + 1] = k;
        }
        CHECK_ST(systec_csrmat_create_csr(&G, SYSTEC_DOUBLE, SYSTEC_INT64, rows, cols, r, c, x),
                 SYSTEC_SUCCESS);
        int bad = 0;
        if (G) systec_csrmat_data(G, (const void **)&grp, (const void **)&gci, (const void **)&gv);
        for (int64_t i = 0; G && i < rows; i++) {
            int64_t want = 0;
            for (int64_t j = 0; j < cols; j++) want += has[i * cols + j];
            bad += grp[i + 1] - grp[i] != want;
            for (int64_t p = grp[i]; p < grp[i + 1]; p++)
                bad += (p > grp[i] && gci[p] <= gci[p - 1]) || !has[i * cols + gci[p]] ||
                       gv[p] != D[i * cols + gci[p]];
        }
        CHECK(G && bad == 0, "wide %lldx%lld: %d mismatches", (long long)rows, (long long)cols, bad);
        systec_csrmat_free(&G);
        free(r);
        free(c);
        free(x);
        free(D);
        free(has);
    }
}

int main(void)
{
    test_wide_general();
    test_checks();
    test_csr_inputs();
    test_coo_inputs();
    test_bad_create();
    test_bad_coo();
    test_handles();
    return check_summary();
}
