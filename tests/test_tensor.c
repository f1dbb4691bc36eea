/* Symmetric sparse tensors: construction, expansion and MTTKRP.
 *
 * 1. Every tie pattern of orders 2 to 6: tensors holding every canonical
 *    cell of a small n (n = order, so every pattern occurs, checked), values
 *    of both signs. MTTKRP of orders 3, 4, 5 and TTM of order 3 (symmetric
 *    kernel -- TTM's packed output and its expansion -- and the CSF
 *    baseline on the expansion, float and double, several R including
 *    vector remainders) against a plain reference over the full tensor,
 *    which this test expands itself: per output element
 *    |error| <= 1e-12 * sum of |terms| (float: scaled by FLT_EPSILON/DBL_EPSILON).
 * 2. Invariances: relabelling the coordinates (C'[pi(i)] = C[i]); the order
 *    of the input entries; canonical versus full input; duplicates summed.
 * 3. Bad input for every constructor and call, outputs untouched.
 * 4. Real tensors (a directory argument): symprop_contact-5.tns (order 5)
 *    and the LVGNA .ssten triangle tensors (order 3), when present.
 *
 * usage: test_tensor [DIR]   (DIR: tests/data or ../shared/data/tensors) */
#include "tuning.h" /* run each symmetric MTTKRP kernel and rank form */
#include "testutil.h"
#include "tensorutil.h"

#include <float.h>
#include <math.h>

/* The MTTKRP kernels a test runs: the symmetric one per entry and over the
 * tree, the baselines over fibers and as a plain loop, each with the rank
 * compiled in (where generated for R) and in the blocked run-time form. */
enum { MK_ENTRY, MK_TREE, MK_CSF, MK_COO, MK_KINDS };
static const char *const mk_name[MK_KINDS] = {"symmetric per-entry", "symmetric tree",
                                              "CSF baseline", "COO baseline"};

/* Forces the symmetric MTTKRP kernel through a profile of the handle's
 * own (share 1e18: the tree whenever there are entries; 0: never), with the
 * rank form the process-wide table has (force_rank), and checks that the
 * handle reports it. */
static void force_tree(const char *name, systec_symten_t *A, int tree)
{
    systec_profile_t *P = NULL;
    char got[64];
    CHECK_ST(systec_profile_new(&P), SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_set(P, "mttkrp_tree_max_share", tree ? 1e18 : 0, NULL),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_set(P, "tensor_fixed_rank_max",
                                systec__tuning_get()->tensor_fixed_rank_max, NULL),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_symten_set_profile(A, P), SYSTEC_SUCCESS);
    systec_profile_free(&P);
    CHECK_ST(systec_symten_variant(A, NULL, got, sizeof got), SYSTEC_SUCCESS);
    int64_t nnz = 0;
    systec_symten_info(A, NULL, NULL, &nnz, NULL, NULL);
    CHECK(!strcmp(got, tree && nnz ? "foldtree:ranked" : "fold:ranked"), "%s: variant %s", name,
          got);
}

/* One call of kernel kind into C (rows of ldc, padding at the sentinel
 * 12345), B rows of ldb; the plain call when both ld are R. */
static systec_status_t mttkrp_call(const char *name, int kind, int dbl, systec_symten_t *A,
                                   const systec_csften_t *G, int64_t R, const void *B,
                                   int64_t ldb, void *C, int64_t ldc)
{
    int plain = ldb == R && ldc == R;
    if (kind == MK_ENTRY || kind == MK_TREE) force_tree(name, A, kind == MK_TREE);
    systec_status_t st;
    if (dbl) {
        const double *b = B;
        double *c = C;
        switch (kind) {
        case MK_ENTRY:
        case MK_TREE:
            st = plain ? systec_dmttkrp(A, R, b, c) : systec_dmttkrp_ld(A, R, b, ldb, c, ldc);
            break;
        case MK_CSF:
            st = plain ? systec_dmttkrp_csf(G, R, b, c) : systec_dmttkrp_csf_ld(G, R, b, ldb, c, ldc);
            break;
        default:
            st = plain ? systec_dmttkrp_coo(G, R, b, c) : systec_dmttkrp_coo_ld(G, R, b, ldb, c, ldc);
        }
    } else {
        const float *b = B;
        float *c = C;
        switch (kind) {
        case MK_ENTRY:
        case MK_TREE:
            st = plain ? systec_smttkrp(A, R, b, c) : systec_smttkrp_ld(A, R, b, ldb, c, ldc);
            break;
        case MK_CSF:
            st = plain ? systec_smttkrp_csf(G, R, b, c) : systec_smttkrp_csf_ld(G, R, b, ldb, c, ldc);
            break;
        default:
            st = plain ? systec_smttkrp_coo(G, R, b, c) : systec_smttkrp_coo_ld(G, R, b, ldb, c, ldc);
        }
    }
    if (kind == MK_ENTRY || kind == MK_TREE)
        CHECK_ST(systec_symten_set_profile(A, NULL), SYSTEC_SUCCESS);
    return st;
}

/* Forces the rank form of the tensor kernels: compiled in where generated
 * (fixed), or blocked; systec__tuning_reset() ends it. */
static void force_rank(int fixed)
{
    CHECK_ST(systec__tuning_set("tensor_fixed_rank_max", fixed ? 1e18 : 0), SYSTEC_SUCCESS);
}

/* Element (i, r) of a float or double array of rows of ld. */
static double elem(const void *X, int dbl, int64_t i, int64_t r, int64_t ld)
{
    return dbl ? ((const double *)X)[i * ld + r] : ((const float *)X)[i * ld + r];
}

static void set_elem(void *X, int dbl, int64_t i, int64_t r, int64_t ld, double v)
{
    if (dbl)
        ((double *)X)[i * ld + r] = v;
    else
        ((float *)X)[i * ld + r] = (float)v;
}

/* MTTKRP of T (canonical list) through every symmetric kernel on the
 * handle and every baseline on the full tensor, each rank variant, both
 * types, with B and C n-by-R and with padded rows (ldb = R+3, ldc = R+1:
 * NaN in B's padding, which no kernel may read into a result, and a
 * sentinel in C's, which no kernel may write), against the reference. */
static void check_mttkrp(const char *name, const systec_tns_t *T, int64_t R, int with_csf)
{
    int64_t n = T->dim, cells = n * R;
    systec_tns_t F = expand(T);
    double *B = malloc(sizeof(double) * (size_t)(cells + 1));
    for (int64_t k = 0; k < cells; k++) B[k] = rnd_sym();
    double *want = malloc(sizeof(double) * (size_t)(cells + 1));
    double *bnd = malloc(sizeof(double) * (size_t)(cells + 1));
    ref_mttkrp(&F, R, B, want, bnd);
    int64_t ldmax = R + 3;
    double *Bp = malloc(sizeof(double) * (size_t)(n * ldmax + 1)); /* B rows of ldb, as float or double */
    double *Cp = malloc(sizeof(double) * (size_t)(n * ldmax + 1));
    double *got = malloc(sizeof(double) * (size_t)(cells + 1));
    double *gotf = malloc(sizeof(float) * (size_t)(cells + 1));
    char what[4400];
    for (int dbl = 0; dbl < 2; dbl++) {
        systec_dtype_t dt = dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT;
        systec_symten_t *A = NULL;
        systec_csften_t *G = NULL;
        CHECK_ST(systec_symten_create(&A, T, SYSTEC_SYM_CANONICAL, dt), SYSTEC_SUCCESS);
        if (with_csf) CHECK_ST(systec_csften_create(&G, &F, dt), SYSTEC_SUCCESS);
        for (int pad = 0; pad < 2; pad++) {
            int64_t ldb = R + 3 * pad, ldc = R + pad;
            for (int64_t i = 0; i < n; i++)
                for (int64_t r = 0; r < ldb; r++)
                    set_elem(Bp, dbl, i, r, ldb, r < R ? B[i * R + r] : NAN);
            for (int kind = 0; kind < (with_csf ? MK_KINDS : MK_CSF); kind++)
                for (int fixed = 0; fixed < 2; fixed++) {
                    /* NaN in C: the call must overwrite every element */
                    for (int64_t i = 0; i < n; i++)
                        for (int64_t r = 0; r < ldc; r++)
                            set_elem(Cp, dbl, i, r, ldc, r < R ? NAN : 12345);
                    force_rank(fixed);
                    CHECK_ST(mttkrp_call(name, kind, dbl, A, G, R, Bp, ldb, Cp, ldc),
                             SYSTEC_SUCCESS);
                    systec__tuning_reset();
                    int untouched = 1;
                    for (int64_t i = 0; i < n; i++)
                        for (int64_t r = 0; r < ldc; r++) {
                            double v = elem(Cp, dbl, i, r, ldc);
                            if (r < R)
                                set_elem(dbl ? (void *)got : (void *)gotf, dbl, i, r, R, v);
                            else
                                untouched &= v == 12345;
                        }
                    snprintf(what, sizeof what, "%s R=%lld %s %s, rank %s, ld %lld/%lld", name,
                             (long long)R, dbl ? "double" : "float", mk_name[kind],
                             fixed ? "compiled in" : "blocked", (long long)ldb, (long long)ldc);
                    compare_ref(what, dbl ? (void *)got : (void *)gotf, dbl, want, bnd, cells);
                    CHECK(untouched, "%s: C's padding untouched", what);
                }
        }
        systec_symten_free(&A);
        CHECK(A == NULL, "free sets the handle to NULL");
        systec_csften_free(&G);
    }
    free(B);
    free(Bp);
    free(Cp);
    free(got);
    free(gotf);
    free(want);
    free(bnd);
    tns_release(&F);
}

/* One TTM call: kind 0 the symmetric kernel (packed output), 1 the CSF
 * baseline, 2 the plain-loop baseline (full output); the plain call when
 * both ld are R. */
static systec_status_t ttm_call(int kind, int dbl, const systec_symten_t *A,
                                const systec_csften_t *G, int64_t R, const void *B, int64_t ldb,
                                void *C, int64_t ldc)
{
    int plain = ldb == R && ldc == R;
    if (dbl) {
        const double *b = B;
        double *c = C;
        if (kind == 0) return plain ? systec_dttm(A, R, b, c) : systec_dttm_ld(A, R, b, ldb, c, ldc);
        if (kind == 1)
            return plain ? systec_dttm_csf(G, R, b, c) : systec_dttm_csf_ld(G, R, b, ldb, c, ldc);
        return plain ? systec_dttm_coo(G, R, b, c) : systec_dttm_coo_ld(G, R, b, ldb, c, ldc);
    }
    const float *b = B;
    float *c = C;
    if (kind == 0) return plain ? systec_sttm(A, R, b, c) : systec_sttm_ld(A, R, b, ldb, c, ldc);
    if (kind == 1)
        return plain ? systec_sttm_csf(G, R, b, c) : systec_sttm_csf_ld(G, R, b, ldb, c, ldc);
    return plain ? systec_sttm_coo(G, R, b, c) : systec_sttm_coo_ld(G, R, b, ldb, c, ldc);
}

/* TTM of T (order 3, canonical): the packed symmetric result (and its
 * expansion) and both baselines on the full tensor, each rank variant,
 * both types, with B and the output n-by-R per row and with padded rows (as
 * check_mttkrp), against F[j,l,i] = sum over full entries (j,l,k) of
 * v * B[k,i]. */
static void check_ttm(const char *name, const systec_tns_t *T, int64_t R)
{
    int64_t n = T->dim, cf = n * n * R;
    systec_tns_t F = expand(T);
    double *B = malloc(sizeof(double) * (size_t)(n * R + 1));
    for (int64_t k = 0; k < n * R; k++) B[k] = rnd_sym();
    double *want = calloc((size_t)cf + 1, sizeof(double)), *bnd = calloc((size_t)cf + 1, sizeof(double));
    ref_ttm(&F, R, B, want, bnd);
    int64_t ldmax = R + 3;
    double *Bp = malloc(sizeof(double) * (size_t)(n * ldmax + 1));
    double *Cp = malloc(sizeof(double) * (size_t)(n * n * ldmax + 1));
    double *got = malloc(sizeof(double) * (size_t)(cf + 1)), *gotf = malloc(sizeof(float) * (size_t)(cf + 1));
    double *X = malloc(sizeof(double) * (size_t)(cf + 1));
    char what[4400];
    for (int dbl = 0; dbl < 2; dbl++) {
        systec_dtype_t dt = dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT;
        systec_symten_t *A = NULL;
        systec_csften_t *G = NULL;
        CHECK_ST(systec_symten_create(&A, T, SYSTEC_SYM_CANONICAL, dt), SYSTEC_SUCCESS);
        CHECK_ST(systec_csften_create(&G, &F, dt), SYSTEC_SUCCESS);
        for (int pad = 0; pad < 2; pad++) {
            int64_t ldb = R + 3 * pad, ldc = R + pad;
            for (int64_t i = 0; i < n; i++)
                for (int64_t r = 0; r < ldb; r++)
                    set_elem(Bp, dbl, i, r, ldb, r < R ? B[i * R + r] : NAN);
            for (int kind = 0; kind < 3; kind++)
                for (int fixed = 0; fixed < 2; fixed++) {
                    int64_t rows = kind ? n * n : n * (n + 1) / 2;
                    for (int64_t x = 0; x < rows; x++)
                        for (int64_t r = 0; r < ldc; r++)
                            set_elem(Cp, dbl, x, r, ldc, r < R ? NAN : 12345);
                    force_rank(fixed);
                    CHECK_ST(ttm_call(kind, dbl, A, G, R, Bp, ldb, Cp, ldc), SYSTEC_SUCCESS);
                    systec__tuning_reset();
                    int untouched = 1;
                    void *out = dbl ? (void *)got : (void *)gotf;
                    for (int64_t x = 0; x < rows; x++)
                        for (int64_t r = 0; r < ldc; r++) {
                            double v = elem(Cp, dbl, x, r, ldc);
                            if (r < R)
                                set_elem(out, dbl, x, r, R, v);
                            else
                                untouched &= v == 12345;
                        }
                    snprintf(what, sizeof what, "%s TTM R=%lld %s %s, rank %s, ld %lld/%lld",
                             name, (long long)R, dbl ? "double" : "float",
                             kind == 0 ? "symmetric (expanded)" : kind == 1 ? "CSF baseline"
                                                                           : "COO baseline",
                             fixed ? "compiled in" : "blocked", (long long)ldb, (long long)ldc);
                    CHECK(untouched, "%s: the output's padding untouched", what);
                    if (kind) {
                        compare_ref(what, out, dbl, want, bnd, cf);
                        continue;
                    }
                    /* the packed result, expanded: (j <= l) at j*(2n-j+1)/2 + l-j */
                    if (dbl)
                        CHECK_ST(systec_dttm_expand(n, R, got, X), SYSTEC_SUCCESS);
                    else
                        CHECK_ST(systec_sttm_expand(n, R, (float *)gotf, (float *)X),
                                 SYSTEC_SUCCESS);
                    int ok = 1;
                    for (int64_t j = 0; j < n && ok; j++)
                        for (int64_t l = j; l < n && ok; l++)
                            for (int64_t i = 0; i < R && ok; i++) {
                                int64_t p = j * (2 * n - j + 1) / 2 + l - j;
                                ok = elem(out, dbl, p, i, R) == elem(X, dbl, j * n + l, i, R) &&
                                     elem(out, dbl, p, i, R) == elem(X, dbl, l * n + j, i, R);
                            }
                    CHECK(ok, "%s: the expansion copies the packed elements", what);
                    compare_ref(what, X, dbl, want, bnd, cf);
                }
        }
        systec_symten_free(&A);
        systec_csften_free(&G);
    }
    free(B);
    free(Bp);
    free(Cp);
    free(got);
    free(gotf);
    free(X);
    free(want);
    free(bnd);
    tns_release(&F);
}

/* ---------------------------------------------------------- tie patterns */

static void tie_patterns(void)
{
    for (int N = 2; N <= 6; N++) {
        systec_tns_t T = all_cells(N, N);
        /* every tie pattern occurs */
        int nseen = tie_patterns_of(&T);
        CHECK(nseen == 1 << (N - 1), "order %d: %d of %d tie patterns", N, nseen, 1 << (N - 1));
        /* the handle's counts and its expansion */
        systec_symten_t *A = NULL;
        CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
                 SYSTEC_SUCCESS);
        int order = 0;
        int64_t n = -1, nnz = -1, full = -1;
        systec_dtype_t dt = 0;
        CHECK_ST(systec_symten_info(A, &order, &n, &nnz, &full, &dt), SYSTEC_SUCCESS);
        int64_t cube = 1;
        for (int t = 0; t < N; t++) cube *= N;
        CHECK(order == N && n == N && nnz == T.nnz && full == cube && dt == SYSTEC_DOUBLE,
              "order %d info: %d %lld %lld %lld", N, order, (long long)n, (long long)nnz,
              (long long)full);
        systec_tns_t E;
        CHECK_ST(systec_symten_expand(A, &E), SYSTEC_SUCCESS);
        systec_tns_t F = expand(&T);
        int same = E.nnz == F.nnz;
        for (int64_t k = 0; same && k < F.nnz * N; k++) same = E.ind[k] == F.ind[k];
        for (int64_t k = 0; same && k < F.nnz; k++) same = E.val[k] == F.val[k];
        CHECK(same, "order %d: systec_symten_expand gives every permutation once", N);
        systec_tns_free(&E);
        tns_release(&F);
        /* MTTKRP where the library has it, UNSUPPORTED elsewhere */
        double Bv[64] = {0}, Cv[64];
        for (int k = 0; k < 64; k++) Cv[k] = 7;
        if (N >= 3 && N <= 5) {
            /* the compiled-in ranks, odd ones (vector remainders),
             * ranks past a block of the run-time form, and one split
             * into several compiled ranks and a remainder */
            int64_t Rs[] = {1, 3, 7, 8, 10, 16, 17, 32, 33, 64, 100};
            for (int q = 0; q < (int)(sizeof Rs / sizeof *Rs); q++) {
                char name[64];
                snprintf(name, sizeof name, "every tie pattern, order %d", N);
                check_mttkrp(name, &T, Rs[q], 1);
                if (N == 3) check_ttm(name, &T, Rs[q]);
            }
            if (N > 3) {
                CHECK_ST(systec_dttm(A, 2, Bv, Cv), SYSTEC_ERR_UNSUPPORTED);
                CHECK(Cv[0] == 7, "C untouched on UNSUPPORTED");
            }
        } else {
            CHECK_ST(systec_dmttkrp(A, 2, Bv, Cv), SYSTEC_ERR_UNSUPPORTED);
            CHECK(Cv[0] == 7, "C untouched on UNSUPPORTED");
        }
        systec_symten_free(&A);
        tns_release(&T);
    }
    /* n = 0 and n = 1, empty tensors, R = 0 */
    for (int N = 3; N <= 5; N++) {
        systec_tns_t T = all_cells(N, 1);
        check_mttkrp("n = 1", &T, 5, 1);
        if (N == 3) check_ttm("n = 1", &T, 5);
        tns_release(&T);
        systec_tns_t Z = {N, 4, 0, NULL, NULL};
        check_mttkrp("no entries", &Z, 3, 1);
        systec_symten_t *A = NULL;
        CHECK_ST(systec_symten_create(&A, &Z, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_dmttkrp(A, 0, NULL, NULL), SYSTEC_SUCCESS);
        systec_symten_free(&A);
        systec_tns_t E0 = {N, 0, 0, NULL, NULL};
        CHECK_ST(systec_symten_create(&A, &E0, SYSTEC_SYM_CANONICAL, SYSTEC_FLOAT),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_smttkrp(A, 4, NULL, NULL), SYSTEC_SUCCESS);
        systec_symten_free(&A);
    }
}

/* ------------------------------------------------------------ invariance */

static void invariances(void)
{
    for (int N = 3; N <= 5; N++) {
        const int64_t n = 13, R = 6, cells = n * R;
        systec_tns_t T = random_canonical(N, n, 200);
        check_mttkrp("random sparse with duplicates", &T, R, 1);
        if (N == 3) {
            check_ttm("random sparse with duplicates", &T, R);
            systec_tns_t Z = {3, 5, 0, NULL, NULL};
            check_ttm("no entries", &Z, 4);
        }
        double *B = malloc(sizeof(double) * (size_t)cells), *C = malloc(sizeof(double) * (size_t)cells);
        double *B2 = malloc(sizeof(double) * (size_t)cells), *C2 = malloc(sizeof(double) * (size_t)cells);
        for (int64_t k = 0; k < cells; k++) B[k] = rnd_sym();
        systec_symten_t *A = NULL, *A2 = NULL;
        CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_dmttkrp(A, R, B, C), SYSTEC_SUCCESS);

        /* relabel: coordinate c -> pi(c), row k of B -> row pi(k) */
        int64_t pi[13];
        for (int64_t k = 0; k < n; k++) pi[k] = k;
        for (int64_t k = n - 1; k > 0; k--) {
            int64_t j = (int64_t)(rnd_unit() * (double)(k + 1)), t = pi[k];
            pi[k] = pi[j];
            pi[j] = t;
        }
        systec_tns_t P = {N, n, T.nnz, malloc(sizeof(int64_t) * (size_t)(T.nnz * N)),
                          malloc(sizeof(double) * (size_t)T.nnz)};
        for (int64_t e = 0; e < T.nnz; e++) {
            for (int t = 0; t < N; t++) P.ind[e * N + t] = pi[T.ind[e * N + t]];
            P.val[e] = T.val[e];
        }
        /* the relabelled tuples are not sorted: as a canonical list that is
         * an error; as a full list it is not symmetric (permutations missing) */
        systec_symten_t *bad = (systec_symten_t *)&bad;
        systec_status_t st = systec_symten_create(&bad, &P, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE);
        CHECK(st == SYSTEC_ERR_WRONG_TRIANGLE && bad == (systec_symten_t *)&bad,
              "unsorted tuple declared canonical: status %d, handle untouched", (int)st);
        for (int64_t e = 0; e < T.nnz; e++) { /* sort each tuple */
            int64_t *c = P.ind + e * N;
            for (int x = 1; x < N; x++)
                for (int y = x; y > 0 && c[y - 1] > c[y]; y--) {
                    int64_t t = c[y];
                    c[y] = c[y - 1];
                    c[y - 1] = t;
                }
        }
        for (int64_t k = 0; k < n; k++) memcpy(B2 + pi[k] * R, B + k * R, sizeof(double) * R);
        CHECK_ST(systec_symten_create(&A2, &P, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_dmttkrp(A2, R, B2, C2), SYSTEC_SUCCESS);
        int ok = 1;
        for (int64_t k = 0; k < n && ok; k++)
            for (int64_t r = 0; r < R && ok; r++) {
                double a = C[k * R + r], b = C2[pi[k] * R + r];
                ok = fabs(a - b) <= 1e-12 * (fabs(a) + 1.0);
            }
        CHECK(ok, "order %d: MTTKRP commutes with relabelling the coordinates", N);
        systec_symten_free(&A2);

        /* the order of the input entries does not matter: same storage, so
         * the same result bit for bit */
        systec_tns_t S = {N, n, T.nnz, malloc(sizeof(int64_t) * (size_t)(T.nnz * N)),
                          malloc(sizeof(double) * (size_t)T.nnz)};
        for (int64_t e = 0; e < T.nnz; e++) {
            int64_t f = T.nnz - 1 - e;
            memcpy(S.ind + f * N, T.ind + e * N, sizeof(int64_t) * (size_t)N);
            S.val[f] = T.val[e];
        }
        CHECK_ST(systec_symten_create(&A2, &S, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_dmttkrp(A2, R, B, C2), SYSTEC_SUCCESS);
        CHECK(!memcmp(C, C2, sizeof(double) * (size_t)cells),
              "order %d: input order does not change the result", N);
        systec_symten_free(&A2);

        /* canonical versus full input (full entries shuffled): the same tensor */
        systec_tns_t F = expand(&T), Fc, Tc;
        /* expand() repeats duplicates of T as separate orbits: sum first by
         * building from T, then expanding the handle's own entries */
        tns_release(&F);
        CHECK_ST(systec_symten_to_tns(A, &Tc), SYSTEC_SUCCESS);
        F = expand(&Tc);
        for (int64_t e = F.nnz - 1; e > 0; e--) {
            int64_t j = (int64_t)(rnd_unit() * (double)(e + 1));
            for (int t = 0; t < N; t++) {
                int64_t x = F.ind[e * N + t];
                F.ind[e * N + t] = F.ind[j * N + t];
                F.ind[j * N + t] = x;
            }
            double v = F.val[e];
            F.val[e] = F.val[j];
            F.val[j] = v;
        }
        CHECK_ST(systec_symten_create(&A2, &F, SYSTEC_SYM_FULL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
        CHECK_ST(systec_symten_to_tns(A2, &Fc), SYSTEC_SUCCESS);
        int same = Fc.nnz == Tc.nnz;
        for (int64_t k = 0; same && k < Tc.nnz * N; k++) same = Fc.ind[k] == Tc.ind[k];
        for (int64_t k = 0; same && k < Tc.nnz; k++) same = Fc.val[k] == Tc.val[k];
        CHECK(same, "order %d: full input gives the canonical input's tensor", N);
        systec_symten_free(&A2);
        { /* NaN on every permutation of an orbit agrees with itself, as in the
           * matrix constructors (issue 14, defect 6: refused as not symmetric) */
            double *keep = malloc(sizeof(double) * (size_t)F.nnz);
            memcpy(keep, F.val, sizeof(double) * (size_t)F.nnz);
            for (int64_t e = 0; e < F.nnz; e++) F.val[e] = NAN;
            CHECK_ST(systec_symten_create(&A2, &F, SYSTEC_SYM_FULL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
            int64_t cnnz = -1;
            systec_symten_info(A2, NULL, NULL, &cnnz, NULL, NULL);
            CHECK(cnnz == Tc.nnz, "order %d: full form of NaN values: %lld canonical entries", N,
                  (long long)cnnz);
            systec_symten_free(&A2);
            memcpy(F.val, keep, sizeof(double) * (size_t)F.nnz);
            free(keep);
        }
        /* a missing permutation, and a disagreeing one */
        F.nnz--;
        st = systec_symten_create(&A2, &F, SYSTEC_SYM_FULL, SYSTEC_DOUBLE);
        CHECK(st == SYSTEC_ERR_NOT_SYMMETRIC && A2 == NULL, "missing permutation: %d", (int)st);
        F.nnz++;
        int64_t e1 = 0;
        while (e1 < F.nnz) { /* an entry with two distinct coordinates */
            int distinct = 0;
            for (int t = 1; t < N; t++) distinct |= F.ind[e1 * N + t] != F.ind[e1 * N];
            if (distinct) break;
            e1++;
        }
        F.val[e1] += 1.0;
        st = systec_symten_create(&A2, &F, SYSTEC_SYM_FULL, SYSTEC_DOUBLE);
        CHECK(st == SYSTEC_ERR_NOT_SYMMETRIC && A2 == NULL, "disagreeing permutation: %d",
              (int)st);
        systec_tns_free(&Tc);
        systec_tns_free(&Fc);
        tns_release(&F);

        /* duplicates are summed: one entry split in two */
        systec_tns_t D = {N, n, 2, malloc(sizeof(int64_t) * 2 * (size_t)N),
                          malloc(sizeof(double) * 2)};
        for (int t = 0; t < N; t++) D.ind[t] = D.ind[N + t] = t;
        D.val[0] = 0.5;
        D.val[1] = 0.25;
        CHECK_ST(systec_symten_create(&A2, &D, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_symten_to_tns(A2, &Tc), SYSTEC_SUCCESS);
        CHECK(Tc.nnz == 1 && Tc.val[0] == 0.75, "duplicates summed: %lld entries, %g",
              (long long)Tc.nnz, Tc.nnz ? Tc.val[0] : 0.0);
        systec_tns_free(&Tc);
        systec_symten_free(&A2);
        tns_release(&D);

        systec_symten_free(&A);
        tns_release(&S);
        tns_release(&P);
        tns_release(&T);
        free(B);
        free(B2);
        free(C);
        free(C2);
    }
}

/* ------------------------------------------------------------- bad input */

static void bad_input(void)
{
    int64_t ind[6] = {0, 1, 2, 2, 2, 2};
    double val[2] = {1, 2};
    systec_tns_t T = {3, 3, 2, ind, val};
    systec_symten_t *A = (systec_symten_t *)&T; /* a sentinel: must stay as is */
    systec_symten_t *const sentinel = A;
    CHECK_ST(systec_symten_create(NULL, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_symten_create(&A, NULL, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_symten_create(&A, &T, (systec_symform_t)0, SYSTEC_DOUBLE),
             SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, (systec_dtype_t)9),
             SYSTEC_ERR_INVALID_VALUE);
    systec_tns_t B = T;
    B.order = 1;
    CHECK_ST(systec_symten_create(&A, &B, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_INVALID_SIZE);
    B.order = SYSTEC_MAX_ORDER + 1;
    CHECK_ST(systec_symten_create(&A, &B, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_INVALID_SIZE);
    B = T;
    B.dim = -1;
    CHECK_ST(systec_symten_create(&A, &B, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_INVALID_SIZE);
    B.dim = (int64_t)INT32_MAX + 1;
    CHECK_ST(systec_symten_create(&A, &B, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_INDEX_OVERFLOW);
    B = T;
    B.nnz = -1;
    CHECK_ST(systec_symten_create(&A, &B, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_INVALID_SIZE);
    B = T;
    B.ind = NULL;
    CHECK_ST(systec_symten_create(&A, &B, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_NULL_POINTER);
    B = T;
    B.dim = 2; /* coordinate 2 out of range */
    CHECK_ST(systec_symten_create(&A, &B, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    CHECK(strstr(systec_last_error(), "outside") != NULL, "range error detail: %s",
          systec_last_error());
    int64_t neg[3] = {0, -1, 2};
    systec_tns_t Ng = {3, 3, 1, neg, val};
    CHECK_ST(systec_symten_create(&A, &Ng, SYSTEC_SYM_FULL, SYSTEC_DOUBLE),
             SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    int64_t uns[3] = {2, 0, 1};
    systec_tns_t U = {3, 3, 1, uns, val};
    CHECK_ST(systec_symten_create(&A, &U, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE),
             SYSTEC_ERR_WRONG_TRIANGLE);
    CHECK_ST(systec_symten_create(&A, &U, SYSTEC_SYM_FULL, SYSTEC_DOUBLE),
             SYSTEC_ERR_NOT_SYMMETRIC);
    CHECK(A == sentinel, "failed constructors leave *A alone");

    /* the calls */
    CHECK_ST(systec_symten_create(&A, &T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    double Bm[6] = {1, 2, 3, 4, 5, 6}, C[6];
    float Bf[6] = {1}, Cf[6];
    for (int k = 0; k < 6; k++) C[k] = -1, Cf[k] = -1;
    CHECK_ST(systec_dmttkrp(NULL, 2, Bm, C), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dmttkrp(A, -1, Bm, C), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_dmttkrp(A, 2, NULL, C), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dmttkrp(A, 2, Bm, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dmttkrp(A, 2, Bm, Bm), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_dmttkrp(A, INT64_MAX / 2, Bm, C), SYSTEC_ERR_INDEX_OVERFLOW);
    CHECK_ST(systec_smttkrp(A, 2, Bf, Cf), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_dmttkrp((const systec_symten_t *)Bm, 2, Bm, C), SYSTEC_ERR_INVALID_OBJECT);
    int untouched = 1;
    for (int k = 0; k < 6; k++) untouched &= C[k] == -1 && Cf[k] == -1;
    CHECK(untouched, "C untouched by failed calls");
    CHECK_ST(systec_symten_info(NULL, NULL, NULL, NULL, NULL, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_symten_info(A, NULL, NULL, NULL, NULL, NULL), SYSTEC_SUCCESS);
    systec_tns_t out = {0};
    CHECK_ST(systec_symten_expand(A, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_symten_to_tns(NULL, &out), SYSTEC_ERR_NULL_POINTER);
    CHECK(out.ind == NULL && out.nnz == 0, "output list untouched");
    /* TTM */
    double P[12], X[18];
    for (int k = 0; k < 12; k++) P[k] = -1;
    for (int k = 0; k < 18; k++) X[k] = -1;
    CHECK_ST(systec_dttm(NULL, 2, Bm, P), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm(A, -1, Bm, P), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_dttm(A, 2, NULL, P), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm(A, 2, Bm, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm(A, 2, P, P), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_dttm(A, INT64_MAX / 4, Bm, P), SYSTEC_ERR_INDEX_OVERFLOW);
    CHECK_ST(systec_sttm(A, 2, Bf, Cf), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_dttm_expand(-1, 2, P, X), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_dttm_expand(3, 2, NULL, X), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm_expand(3, 2, P, P), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_sttm_expand(3, 2, NULL, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm_expand(0, 2, NULL, NULL), SYSTEC_SUCCESS);
    untouched = 1;
    for (int k = 0; k < 12; k++) untouched &= P[k] == -1;
    for (int k = 0; k < 18; k++) untouched &= X[k] == -1;
    CHECK(untouched, "TTM outputs untouched by failed calls");
    systec_symten_free(&A);
    systec_symten_free(&A); /* NULL: a no-op */
    systec_symten_free(NULL);

    systec_csften_t *G = NULL;
    CHECK_ST(systec_csften_create(NULL, &T, SYSTEC_DOUBLE), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_csften_create(&G, NULL, SYSTEC_DOUBLE), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_csften_create(&G, &T, (systec_dtype_t)0), SYSTEC_ERR_INVALID_VALUE);
    B = T;
    B.dim = 2;
    CHECK_ST(systec_csften_create(&G, &B, SYSTEC_DOUBLE), SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    CHECK(G == NULL, "failed csften_create leaves *G alone");
    CHECK_ST(systec_csften_create(&G, &T, SYSTEC_FLOAT), SYSTEC_SUCCESS);
    int order = 0;
    int64_t n = 0, nnz = 0, nodes = 0;
    CHECK_ST(systec_csften_info(G, &order, &n, &nnz, &nodes), SYSTEC_SUCCESS);
    CHECK(order == 3 && n == 3 && nnz == 2 && nodes == 6,
          "csf info: order %d n %lld nnz %lld nodes %lld", order, (long long)n, (long long)nnz,
          (long long)nodes);
    CHECK_ST(systec_dmttkrp_csf(G, 2, Bm, C), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_smttkrp_csf(G, -2, Bf, Cf), SYSTEC_ERR_INVALID_SIZE);
    CHECK_ST(systec_smttkrp_csf(NULL, 2, Bf, Cf), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_smttkrp_csf(G, 2, Bf, NULL), SYSTEC_ERR_NULL_POINTER);
    systec_csften_free(&G);
    CHECK(G == NULL, "csften_free sets NULL");
    /* an order-2 CSF has no MTTKRP kernel */
    int64_t ind2[2] = {0, 1};
    systec_tns_t T2 = {2, 2, 1, ind2, val};
    CHECK_ST(systec_csften_create(&G, &T2, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_dmttkrp_csf(G, 2, Bm, C), SYSTEC_ERR_UNSUPPORTED);
    CHECK_ST(systec_dttm_csf(G, 2, Bm, C), SYSTEC_ERR_UNSUPPORTED);
    systec_csften_free(&G);
    CHECK_ST(systec_csften_create(&G, &T, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    CHECK_ST(systec_dttm_csf(G, 2, NULL, X), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_dttm_csf(G, 2, X, X), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_sttm_csf(G, 2, Bf, Cf), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_dttm_csf(NULL, 2, Bm, X), SYSTEC_ERR_NULL_POINTER);
    systec_csften_free(&G);
}

/* ------------------------------------------------------------ real data */

static void real_tensor(const char *path, const systec_tns_t *T, int64_t want_nnz)
{
    CHECK(T->nnz == want_nnz, "%s: %lld entries, want %lld", path, (long long)T->nnz,
          (long long)want_nnz);
    systec_symten_t *A = NULL;
    CHECK_ST(systec_symten_create(&A, T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE), SYSTEC_SUCCESS);
    int64_t nnz = 0, full = 0, fact = 1;
    for (int t = 2; t <= T->order; t++) fact *= t;
    systec_symten_info(A, NULL, NULL, &nnz, &full, NULL);
    /* these tensors have no ties: each entry stands for N! full entries */
    CHECK(nnz == want_nnz && full == want_nnz * fact, "%s: %lld canonical, %lld full", path,
          (long long)nnz, (long long)full);
    systec_symten_free(&A);
    check_mttkrp(path, T, 8, 1);
}

/* The real tensors a data directory must hold: a missing or unreadable one
 * fails the test (it never passes by skipping). The shared data
 * (tensors/): contact-5 and two LambdaTAME triangle tensors; the bundled
 * tests/data: small3.tns. */
static void real_data(const char *dir)
{
    char path[4096];
    systec_tns_t T;
    static const struct {
        const char *file;
        int order;
        int64_t nnz; /* canonical entries, none with ties; 0: checked by content */
    } named[] = {{"symprop_contact-5.tns", 5, 12704},
                 {"lvgna_triangles/worm_Y2H1.ssten", 3, 536},
                 {"lvgna_triangles/worm_PHY1.ssten", 3, 692},
                 {"small3.tns", 3, 0}};
    int found = 0, shared = 0;
    snprintf(path, sizeof path, "%s/lvgna_triangles", dir);
    FILE *probe = fopen(path, "r");
    if (probe) fclose(probe);
    shared = probe != NULL; /* the shared tensors directory, or the bundled data */
    for (size_t k = 0; k < sizeof named / sizeof *named; k++) {
        if ((named[k].nnz == 0) == shared) continue;
        snprintf(path, sizeof path, "%s/%s", dir, named[k].file);
        int ssten = strstr(path, ".ssten") != NULL;
        systec_status_t st = ssten ? systec_ssten_read(path, &T) : systec_tns_read(path, &T);
        CHECK(st == SYSTEC_SUCCESS, "%s: a named real tensor is missing or unreadable (%s)", path,
              systec_last_error());
        if (st) continue;
        found++;
        CHECK(T.order == named[k].order, "%s: order %d", path, T.order);
        if (named[k].nnz && T.order == named[k].order) real_tensor(path, &T, named[k].nnz);
        if (!named[k].nnz) check_mttkrp(path, &T, 4, 1); /* small3: a tensor with ties */
        systec_tns_free(&T);
    }
    CHECK(found > 0, "%s: none of the named real tensors", dir);
}

int main(int argc, char **argv)
{
    if (tu_isa_unavailable()) return 77;
    rnd_seed(11);
    tie_patterns();
    invariances();
    bad_input();
    if (argc > 1) real_data(argv[1]);
    return check_summary();
}
