/* Tensor times same vector (systec_[sd]ttsv on the symmetric handle,
 * systec_[sd]ttsv_csf on the CSF baseline), orders 3 to 5.
 *
 * 1. The generator's TTSV fold ratios equal MTTKRP's (the handle's folded
 *    values are shared).
 * 2. Every tie pattern: tensors holding every canonical cell of a small n
 *    (n = order and n = order + 2; every pattern occurs, checked), values of
 *    both signs, against a dense long-double reference built from the full
 *    tensor: per element |error| <= 1e-12 * sum of |terms| (float: 1e-5).
 * 3. Random sparse tensors with forced ties, and the cases n = 1 and no
 *    entries.
 * 4. Non-finite values follow the maths: a stored 0 times an infinite x is
 *    NaN, an absent entry contributes nothing.
 * 5. Bad input: every check, the output untouched.
 * CTest runs it once per compiled instruction-set variant (SYSTEC_ISA).
 *
 * usage: test_ttsv */
#include "systec_kernels.h" /* the generated fold tables */
#include "testutil.h"
#include "tensorutil.h"

#include <math.h>

/* ------------------------------------------------------------ reference */

static int64_t ipow(int64_t n, int N)
{
    int64_t p = 1;
    for (int t = 0; t < N; t++) p *= n;
    return p;
}

/* The dense full tensor (n^N, row-major) of a canonical list, from its
 * expansion (duplicates summed), and which cells some entry stands for. */
static double *dense_of(const systec_tns_t *T, unsigned char **stored)
{
    const int N = T->order;
    systec_tns_t F = expand(T);
    double *D = calloc((size_t)ipow(T->dim, N) + 1, sizeof *D);
    unsigned char *S = calloc((size_t)ipow(T->dim, N) + 1, 1);
    for (int64_t e = 0; e < F.nnz; e++) {
        int64_t off = 0;
        for (int t = 0; t < N; t++) off = off * T->dim + F.ind[e * N + t];
        D[off] += F.val[e];
        S[off] = 1;
    }
    tns_release(&F);
    *stored = S;
    return D;
}

/* y[i] = sum over the dense cells (i, c1..cN-1) of D * x[c1] * ... in long
 * double; bnd[i] the same sum of |terms|. Cells that are absent (never
 * stored) are skipped: they contribute nothing, even against NaN in x. */
static void ref_ttsv(const systec_tns_t *T, const double *D, const unsigned char *stored,
                     const double *x, double *y, double *bnd)
{
    const int N = T->order;
    const int64_t n = T->dim, row = ipow(n, N - 1);
    for (int64_t i = 0; i < n; i++) {
        long double acc = 0, b = 0;
        for (int64_t q = 0; q < row; q++) {
            int64_t off = i * row + q;
            if (!stored[off]) continue;
            long double t = D[off];
            for (int64_t r = q, m = 1; m < N; m++, r /= n) t *= x[r % n];
            acc += t;
            b += fabsl(t);
        }
        y[i] = (double)acc;
        bnd[i] = (double)b;
    }
}

/* got against want: within tol * bnd per element, or the same non-finite
 * value (NaN where the reference is NaN, the same infinity). */
static void compare(const char *what, const void *got, int dbl, const double *want,
                    const double *bnd, int64_t n)
{
    double tol = dbl ? 1e-12 : 1e-5;
    for (int64_t k = 0; k < n; k++) {
        double v = dbl ? ((const double *)got)[k] : (double)((const float *)got)[k];
        int ok = isfinite(want[k]) ? fabs(v - want[k]) <= tol * bnd[k]
                                   : (isnan(want[k]) ? isnan(v) : v == want[k]);
        if (!ok) {
            CHECK(0, "%s: y[%lld] = %.17g, reference %.17g (bound %.3g)", what, (long long)k, v,
                  want[k], bnd[k]);
            return;
        }
    }
    CHECK(1, "%s", what);
}

/* TTSV of T (canonical list) with x through the symmetric handle and the
 * CSF baseline on its expansion, float and double, against the reference. */
static void check_ttsv_x(const char *name, const systec_tns_t *T, const double *x)
{
    const int64_t n = T->dim;
    unsigned char *S = NULL;
    double *D = dense_of(T, &S), *want = malloc(sizeof(double) * (size_t)(n + 1)),
           *bnd = malloc(sizeof(double) * (size_t)(n + 1));
    ref_ttsv(T, D, S, x, want, bnd);
    float *xf = malloc(sizeof(float) * (size_t)(n + 1)), *yf = malloc(sizeof(float) * (size_t)(n + 1));
    double *y = malloc(sizeof(double) * (size_t)(n + 1));
    for (int64_t k = 0; k < n; k++) xf[k] = (float)x[k];
    char what[200];
    for (int dbl = 0; dbl < 2; dbl++) {
        systec_dtype_t dt = dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT;
        systec_symten_t *A = NULL;
        systec_csften_t *G = NULL;
        systec_tns_t F;
        CHECK_ST(systec_symten_create(&A, T, SYSTEC_SYM_CANONICAL, dt), SYSTEC_SUCCESS);
        CHECK_ST(systec_symten_expand(A, &F), SYSTEC_SUCCESS);
        CHECK_ST(systec_csften_create(&G, &F, dt), SYSTEC_SUCCESS);
        for (int base = 0; base < 2; base++) {
            /* NaN in y: the call must overwrite every element */
            for (int64_t k = 0; k < n; k++) y[k] = NAN, yf[k] = NAN;
            snprintf(what, sizeof what, "%s order %d n=%lld %s %s", name, T->order,
                     (long long)n, dbl ? "double" : "float", base ? "CSF baseline" : "symmetric");
            systec_status_t st = dbl ? (base ? systec_dttsv_csf(G, x, y) : systec_dttsv(A, x, y))
                                     : (base ? systec_sttsv_csf(G, xf, yf)
                                             : systec_sttsv(A, xf, yf));
            CHECK_ST(st, SYSTEC_SUCCESS);
            compare(what, dbl ? (void *)y : (void *)yf, dbl, want, bnd, n);
        }
        systec_tns_free(&F);
        systec_csften_free(&G);
        systec_symten_free(&A);
    }
    free(D);
    free(S);
    free(want);
    free(bnd);
    free(xf);
    free(yf);
    free(y);
}

static void check_ttsv(const char *name, const systec_tns_t *T)
{
    double *x = malloc(sizeof(double) * (size_t)(T->dim + 1));
    for (int64_t k = 0; k < T->dim; k++) x[k] = rnd_sym();
    check_ttsv_x(name, T, x);
    free(x);
}

/* ------------------------------------------------------------ the tests */

static void fold_tables(void)
{
    const int *t[][6] = {
        {systec_foldnum_ttsv3, systec_foldden_ttsv3, systec_foldpos_ttsv3, systec_foldnum_mttkrp3,
         systec_foldden_mttkrp3, systec_foldpos_mttkrp3},
        {systec_foldnum_ttsv4, systec_foldden_ttsv4, systec_foldpos_ttsv4, systec_foldnum_mttkrp4,
         systec_foldden_mttkrp4, systec_foldpos_mttkrp4},
        {systec_foldnum_ttsv5, systec_foldden_ttsv5, systec_foldpos_ttsv5, systec_foldnum_mttkrp5,
         systec_foldden_mttkrp5, systec_foldpos_mttkrp5},
    };
    for (int o = 0; o < 3; o++) {
        int N = o + 3, same = 1;
        for (int m = 0; m < 1 << (N - 1); m++)
            same &= t[o][0][m] * t[o][4][m] == t[o][3][m] * t[o][1][m];
        for (int g = 0; g < N; g++) same &= t[o][2][g] == t[o][5][g];
        CHECK(same, "order %d: TTSV's fold ratios are MTTKRP's", N);
    }
}

static void tie_patterns(void)
{
    for (int N = 3; N <= 5; N++)
        for (int64_t n = N; n <= N + 2; n += 2) {
            systec_tns_t T = all_cells(N, n);
            int nseen = tie_patterns_of(&T);
            CHECK(nseen == 1 << (N - 1), "order %d: %d of %d tie patterns", N, nseen,
                  1 << (N - 1));
            check_ttsv("every tie pattern", &T);
            /* one tie pattern at a time: only the cells of that pattern */
            for (unsigned mask = 0; mask < 1u << (N - 1); mask++) {
                systec_tns_t P = T;
                P.ind = malloc(sizeof(int64_t) * (size_t)(T.nnz * N + 1));
                P.val = malloc(sizeof(double) * (size_t)(T.nnz + 1));
                P.nnz = 0;
                for (int64_t e = 0; e < T.nnz; e++) {
                    if (tie_mask_of(T.ind + e * N, N) != mask) continue;
                    memcpy(P.ind + P.nnz * N, T.ind + e * N, sizeof(int64_t) * (size_t)N);
                    P.val[P.nnz++] = T.val[e];
                }
                char name[64];
                snprintf(name, sizeof name, "tie pattern 0x%x only", mask);
                check_ttsv(name, &P);
                free(P.ind);
                free(P.val);
            }
            free(T.ind);
            free(T.val);
        }
}

static void random_and_edges(void)
{
    for (int N = 3; N <= 5; N++) {
        systec_tns_t T = random_canonical(N, 9, 60); /* duplicates are summed */
        check_ttsv("random sparse", &T);
        free(T.ind);
        free(T.val);
        systec_tns_t one = all_cells(N, 1);
        check_ttsv("n = 1", &one);
        free(one.ind);
        free(one.val);
        systec_tns_t Z = {N, 4, 0, NULL, NULL};
        check_ttsv("no entries", &Z);
        /* n = 0: nothing to do, x and y may be NULL */
        systec_tns_t E0 = {N, 0, 0, NULL, NULL};
        systec_symten_t *A = NULL;
        CHECK_ST(systec_symten_create(&A, &E0, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_dttsv(A, NULL, NULL), SYSTEC_SUCCESS);
        systec_symten_free(&A);
    }
}

/* A stored 0 meets an infinite x: NaN, in the symmetric kernel (whose
 * folded products share factors) as in the maths; an absent entry meets
 * NaN in x: nothing. */
static void non_finite(void)
{
    for (int N = 3; N <= 5; N++) {
        systec_tns_t T = all_cells(N, 4);
        /* drop every entry that touches node 3, so x[3] = NaN reaches nothing */
        int64_t w = 0;
        for (int64_t e = 0; e < T.nnz; e++) {
            if (T.ind[e * N + N - 1] == 3) continue;
            memmove(T.ind + w * N, T.ind + e * N, sizeof(int64_t) * (size_t)N);
            T.val[w++] = T.val[e];
        }
        T.nnz = w;
        T.val[0] = 0.0; /* the entry (0,0,...,0): a stored zero */
        double x[4] = {INFINITY, 0.5, -0.25, NAN};
        check_ttsv_x("x = (inf, 0.5, -0.25, NaN), a stored 0 at (0,..,0)", &T, x);
        double x2[4] = {1.0, -INFINITY, 0.5, NAN};
        check_ttsv_x("x = (1, -inf, 0.5, NaN)", &T, x2);
        free(T.ind);
        free(T.val);
    }
}

static void bad_input(void)
{
    systec_tns_t T3 = all_cells(3, 3), T2 = all_cells(2, 3), T6 = all_cells(6, 2);
    systec_symten_t *A = NULL, *Af = NULL, *A2 = NULL, *A6 = NULL;
    systec_csften_t *G = NULL, *G2 = NULL;
    CHECK_ST(systec_symten_create(&A, &T3, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_symten_create(&Af, &T3, SYSTEC_SYM_CANONICAL, SYSTEC_FLOAT), SYSTEC_SUCCESS);
    CHECK_ST(systec_symten_create(&A2, &T2, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_symten_create(&A6, &T6, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_csften_create(&G, &T3, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_csften_create(&G2, &T2, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    double x[8] = {1, 2, 3, 4, 5, 6, 7, 8}, y[8];
    float yf[8], xf[8] = {1, 2, 3};
    struct {
        systec_status_t got, want;
        const char *what;
    } cases[12];
    int nc = 0;
#define CASE(call, st)                                                                           \
    do {                                                                                         \
        for (int k = 0; k < 8; k++) y[k] = 7, yf[k] = 7;                                         \
        systec_status_t g_ = (call);                                                             \
        int untouched_ = 1;                                                                      \
        for (int k = 0; k < 8; k++) untouched_ &= y[k] == 7 && yf[k] == 7;                      \
        CHECK(untouched_, "%s: y untouched on error", #call);                                    \
        CHECK(*systec_last_error() != 0, "%s: a detail message", #call);                         \
        cases[nc].got = g_, cases[nc].want = (st), cases[nc++].what = #call;                     \
    } while (0)
    CASE(systec_dttsv(NULL, x, y), SYSTEC_ERR_NULL_POINTER);
    CASE(systec_dttsv((const systec_symten_t *)(const void *)x, x, y), SYSTEC_ERR_INVALID_OBJECT);
    CASE(systec_sttsv(A, xf, yf), SYSTEC_ERR_TYPE_MISMATCH);
    CASE(systec_dttsv(Af, x, y), SYSTEC_ERR_TYPE_MISMATCH);
    CASE(systec_dttsv(A2, x, y), SYSTEC_ERR_UNSUPPORTED);
    CASE(systec_dttsv(A6, x, y), SYSTEC_ERR_UNSUPPORTED);
    CASE(systec_dttsv(A, NULL, y), SYSTEC_ERR_NULL_POINTER);
    CASE(systec_dttsv(A, x, NULL), SYSTEC_ERR_NULL_POINTER);
    CASE(systec_dttsv(A, y + 1, y), SYSTEC_ERR_INVALID_VALUE); /* x and y overlap */
    CASE(systec_dttsv_csf(NULL, x, y), SYSTEC_ERR_NULL_POINTER);
    CASE(systec_dttsv_csf(G2, x, y), SYSTEC_ERR_UNSUPPORTED);
    CASE(systec_sttsv_csf(G, xf, yf), SYSTEC_ERR_TYPE_MISMATCH);
#undef CASE
    for (int k = 0; k < nc; k++)
        CHECK(cases[k].got == cases[k].want, "%s returned %d (%s), want %d", cases[k].what,
              (int)cases[k].got, systec_strerror(cases[k].got), (int)cases[k].want);
    /* a success clears the detail */
    CHECK_ST(systec_dttsv(A, x, y), SYSTEC_SUCCESS);
    CHECK(*systec_last_error() == 0, "detail cleared by a successful call");
    systec_symten_free(&A);
    systec_symten_free(&Af);
    systec_symten_free(&A2);
    systec_symten_free(&A6);
    systec_csften_free(&G);
    systec_csften_free(&G2);
    free(T3.ind), free(T3.val), free(T2.ind), free(T2.val), free(T6.ind), free(T6.val);
}

int main(void)
{
    if (tu_isa_unavailable()) return 77; /* SYSTEC_ISA names a variant this CPU lacks */
    fold_tables();
    tie_patterns();
    random_and_edges();
    non_finite();
    bad_input();
    return check_summary();
}
