/* The tensor kernels' parallel schedules (gen/lower_omp_tensor.c).
 *
 * 1. MTTKRP of orders 3, 4, 5 with per-thread output copies (omp_private),
 *    per entry and over the tree, and TTM with parts owning output rows
 *    (omp_owner), forced through the dispatcher's thresholds (a handle
 *    profile for MTTKRP, the process table for TTM) at 1, 2, 3, 4 and 8
 *    threads, R = 1, 10 (compiled in) and 17 (blocked), float and double,
 *    plain and padded leading dimensions, on tensors with every tie pattern
 *    (more parts than entries: empty parts) and random ones, against the
 *    long-double reference per element; the call reports the variant and
 *    thread count it ran; a repeat gives the same bits.
 * 2. The dispatcher's own choice: serial for small tensors, parallel for
 *    large ones at 2 threads; serial inside an enclosing parallel region.
 *
 * usage: test_tensor_omp */
#include "tensor_par.h"
#include "threads.h"
#include "tuning.h"
#include "testutil.h"
#include "tensorutil.h"

#ifdef _OPENMP
#include <omp.h>
#endif

static const int thread_counts[] = {1, 2, 3, 4, 8};
static const int64_t ranks[] = {1, 10, 17};

/* The kind a call at `threads` threads must report when forced. */
static void check_ran(const char *what, int want_kind, int threads)
{
    int nt = 0, kind = systec__tensor_par_last(&nt);
    int par = systec__threads_openmp() && threads > 1;
    CHECK(kind == (par ? want_kind : SYSTEC__TPAR_SERIAL) && nt == (par ? threads : 1),
          "%s: ran kind %d at %d threads", what, kind, nt);
}

/* Copies float or double rows of ld into a dense double array (n x R);
 * whether the padding kept its sentinel. */
static int unpad(const void *X, int dbl, int64_t rows, int64_t R, int64_t ld, double *out)
{
    int ok = 1;
    for (int64_t i = 0; i < rows; i++)
        for (int64_t r = 0; r < ld; r++) {
            double v = dbl ? ((const double *)X)[i * ld + r] : ((const float *)X)[i * ld + r];
            if (r < R)
                out[i * R + r] = v;
            else
                ok &= v == 12345;
        }
    return ok;
}

/* B (n x R, rows of ldb, NaN padding) and C (rows x ldc: NaN, sentinel
 * padding) as float or double. */
static void fill(void *Bp, void *Cp, int dbl, const double *B, int64_t n, int64_t rows,
                 int64_t R, int64_t ldb, int64_t ldc)
{
    for (int64_t i = 0; i < n; i++)
        for (int64_t r = 0; r < ldb; r++) {
            double v = r < R ? B[i * R + r] : NAN;
            if (dbl) ((double *)Bp)[i * ldb + r] = v;
            else ((float *)Bp)[i * ldb + r] = (float)v;
        }
    for (int64_t i = 0; i < rows; i++)
        for (int64_t r = 0; r < ldc; r++) {
            double v = r < R ? NAN : 12345;
            if (dbl) ((double *)Cp)[i * ldc + r] = v;
            else ((float *)Cp)[i * ldc + r] = (float)v;
        }
}

/* The handle's own thresholds: the tree kernel or not, and the parallel
 * schedule forced (min entries 0, copies always allowed) or not. */
static void handle_profile(systec_symten_t *A, int tree, int force)
{
    systec_profile_t *P = NULL;
    CHECK_ST(systec_profile_new(&P), SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_set(P, "mttkrp_tree_max_share", tree ? 1e18 : 0, NULL),
             SYSTEC_SUCCESS);
    if (force) {
        CHECK_ST(systec_profile_set(P, "tensor_par_min_work", 0, NULL), SYSTEC_SUCCESS);
        CHECK_ST(systec_profile_set(P, "tensor_par_max_copy", 1e18, NULL), SYSTEC_SUCCESS);
    }
    CHECK_ST(systec_symten_set_profile(A, P), SYSTEC_SUCCESS);
    systec_profile_free(&P);
}

/* One call (MTTKRP or TTM), plain when both ld are R. */
static systec_status_t call(int ttm, int dbl, const systec_symten_t *A, int64_t R, const void *B,
                            int64_t ldb, void *C, int64_t ldc)
{
    int plain = ldb == R && ldc == R;
    if (ttm && dbl)
        return plain ? systec_dttm(A, R, B, C) : systec_dttm_ld(A, R, B, ldb, C, ldc);
    if (ttm) return plain ? systec_sttm(A, R, B, C) : systec_sttm_ld(A, R, B, ldb, C, ldc);
    if (dbl) return plain ? systec_dmttkrp(A, R, B, C) : systec_dmttkrp_ld(A, R, B, ldb, C, ldc);
    return plain ? systec_smttkrp(A, R, B, C) : systec_smttkrp_ld(A, R, B, ldb, C, ldc);
}

/* The full n x n x R result of TTM's packed one ((j <= l) at row
 * j*(2n-j+1)/2 + l-j, the order systec_dttm_expand reads). */
static void expand_packed(int64_t n, int64_t R, const double *C, double *F)
{
    for (int64_t j = 0, p = 0; j < n; j++)
        for (int64_t l = j; l < n; l++, p++)
            for (int64_t r = 0; r < R; r++)
                F[(j * n + l) * R + r] = F[(l * n + j) * R + r] = C[p * R + r];
}

/* The reference of T's MTTKRP (n x R) or TTM (n x n x R, full). */
static void reference(int ttm, const systec_tns_t *T, int64_t R, const double *B, double *want,
                      double *bnd)
{
    systec_tns_t F = expand(T);
    if (ttm)
        ref_ttm(&F, R, B, want, bnd);
    else
        ref_mttkrp(&F, R, B, want, bnd);
    tns_release(&F);
}

/* Every thread count, rank, type and padding of one operation on T
 * (tree: MTTKRP's tree kernel). */
static void check_forced(const char *name, const systec_tns_t *T, int ttm, int tree)
{
    int64_t n = T->dim, rows = ttm ? n * (n + 1) / 2 : n, full = ttm ? n * n : n;
    for (int q = 0; q < (int)(sizeof ranks / sizeof *ranks); q++) {
        int64_t R = ranks[q];
        double *B = malloc(sizeof(double) * (size_t)(n * R + 1));
        for (int64_t k = 0; k < n * R; k++) B[k] = rnd_sym();
        double *want = malloc(sizeof(double) * (size_t)(full * R + 1));
        double *bnd = malloc(sizeof(double) * (size_t)(full * R + 1));
        double *got = malloc(sizeof(double) * (size_t)(full * R + 1));
        double *X = malloc(sizeof(double) * (size_t)(full * R + 1));
        reference(ttm, T, R, B, want, bnd);
        void *Bp = malloc(sizeof(double) * (size_t)(n * (R + 3) + 1));
        void *Cp = malloc(sizeof(double) * (size_t)(rows * (R + 1) + 1));
        void *C2 = malloc(sizeof(double) * (size_t)(full * (R + 1) + 1));
        for (int dbl = 0; dbl < 2; dbl++) {
            systec_symten_t *A = NULL;
            CHECK_ST(systec_symten_create(&A, T, SYSTEC_SYM_CANONICAL,
                                          dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT),
                     SYSTEC_SUCCESS);
            if (!ttm) handle_profile(A, tree, 1);
            /* TTM reads the process-wide table */
            if (ttm) CHECK_ST(systec__tuning_set("tensor_par_min_work", 0), SYSTEC_SUCCESS);
            size_t vs = dbl ? sizeof(double) : sizeof(float);
            for (int ti = 0; ti < (int)(sizeof thread_counts / sizeof *thread_counts); ti++)
                for (int pad = 0; pad < 2; pad++) {
                    int th = thread_counts[ti];
                    int64_t ldb = R + 3 * pad, ldc = R + pad;
                    char what[256];
                    snprintf(what, sizeof what, "%s %s%s R=%lld %s %d threads ld %lld/%lld",
                             name, ttm ? "TTM" : "MTTKRP", tree ? " tree" : "", (long long)R,
                             dbl ? "double" : "float", th, (long long)ldb, (long long)ldc);
                    CHECK_ST(systec_set_num_threads(th), SYSTEC_SUCCESS);
                    fill(Bp, Cp, dbl, B, n, rows, R, ldb, ldc);
                    CHECK_ST(call(ttm, dbl, A, R, Bp, ldb, Cp, ldc), SYSTEC_SUCCESS);
                    check_ran(what, ttm ? SYSTEC__TPAR_OWNER : SYSTEC__TPAR_PRIVATE, th);
                    CHECK(unpad(Cp, dbl, rows, R, ldc, got), "%s: padding untouched", what);
                    if (ttm) expand_packed(n, R, got, X);
                    if (!dbl) /* float results compared as float */
                        for (int64_t k = 0; k < full * R; k++)
                            ((float *)C2)[k] = (float)(ttm ? X : got)[k];
                    compare_ref(what, dbl ? (void *)(ttm ? X : got) : C2, dbl, want, bnd,
                                full * R);
                    /* bitwise repeat at the same thread count */
                    fill(Bp, C2, dbl, B, n, rows, R, ldb, ldc);
                    fill(Bp, Cp, dbl, B, n, rows, R, ldb, ldc);
                    CHECK_ST(call(ttm, dbl, A, R, Bp, ldb, Cp, ldc), SYSTEC_SUCCESS);
                    CHECK_ST(call(ttm, dbl, A, R, Bp, ldb, C2, ldc), SYSTEC_SUCCESS);
                    CHECK(!memcmp(Cp, C2, vs * (size_t)(rows * ldc)), "%s: repeat bitwise", what);
                }
            systec__tuning_reset();
            systec_symten_free(&A);
        }
        systec_set_num_threads(0);
        free(B), free(want), free(bnd), free(got), free(X), free(Bp), free(Cp), free(C2);
    }
}

/* The dispatcher's own choice at 2 threads: small tensors serial, a large
 * one parallel; inside an enclosing parallel region serial. */
static void check_default(void)
{
    systec_tns_t small = random_canonical(3, 50, 2000), big = random_canonical(3, 200, 200000);
    int64_t R = 10;
    double *B = malloc(sizeof(double) * 200 * 10), *C = malloc(sizeof(double) * 200 * 10);
    double *P = malloc(sizeof(double) * 200 * 201 / 2 * 10);
    for (int k = 0; k < 2000; k++) B[k] = rnd_sym();
    CHECK_ST(systec_set_num_threads(2), SYSTEC_SUCCESS);
    for (int b = 0; b < 2; b++) {
        systec_symten_t *A = NULL;
        CHECK_ST(systec_symten_create(&A, b ? &big : &small, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
                 SYSTEC_SUCCESS);
        int par = b && systec__threads_openmp();
        CHECK_ST(systec_dmttkrp(A, R, B, C), SYSTEC_SUCCESS);
        CHECK(systec__tensor_par_last(NULL) == (par ? SYSTEC__TPAR_PRIVATE : SYSTEC__TPAR_SERIAL),
              "default MTTKRP of %s tensor: %s", b ? "a large" : "a small",
              par ? "per-thread copies" : "serial");
        CHECK_ST(systec_dttm(A, R, B, P), SYSTEC_SUCCESS);
        CHECK(systec__tensor_par_last(NULL) == (par ? SYSTEC__TPAR_OWNER : SYSTEC__TPAR_SERIAL),
              "default TTM of %s tensor: %s", b ? "a large" : "a small",
              par ? "owned rows" : "serial");
#ifdef _OPENMP
        int inner = -1;
#pragma omp parallel num_threads(2)
        {
#pragma omp single
            {
                systec_dmttkrp(A, R, B, C);
                inner = systec__tensor_par_last(NULL);
            }
        }
        CHECK(inner == SYSTEC__TPAR_SERIAL, "inside a parallel region: serial (%d)", inner);
#endif
        systec_symten_free(&A);
    }
    systec_set_num_threads(0);
    free(B), free(C), free(P);
    tns_release(&small);
    tns_release(&big);
}

int main(void)
{
    for (int N = 3; N <= 5; N++) {
        char name[64];
        /* every tie pattern (n = N), few entries: empty parts at 8 threads */
        systec_tns_t T = all_cells(N, N);
        CHECK(tie_patterns_of(&T) == 1 << (N - 1), "order %d: every tie pattern", N);
        systec_tns_t Rn = random_canonical(N, 3 * N + 5, 150);
        for (int tree = 0; tree < 2; tree++) {
            snprintf(name, sizeof name, "all cells order %d", N);
            check_forced(name, &T, 0, tree);
            snprintf(name, sizeof name, "random order %d", N);
            check_forced(name, &Rn, 0, tree);
        }
        if (N == 3) {
            check_forced("all cells order 3", &T, 1, 0);
            check_forced("random order 3", &Rn, 1, 0);
        }
        tns_release(&T);
        tns_release(&Rn);
    }
    check_default();
    return check_summary();
}
