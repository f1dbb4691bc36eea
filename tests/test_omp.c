/* The parallel schedules and thread control.
 *
 * Every parallel variant (split:omp_rows, omp_private, omp_color,
 * omp_atomic, omp_rows_ipf; stream:omp_rows, omp_private, omp_rows_ipf) of
 * every matrix operation is
 * forced through a handle's plan at 1, 2, 3, 4 and 8 threads (more threads
 * than cores is fine) and checked against the long-double reference per
 * element, on synthetic matrices (stencil, banded, irregular random rows
 * without some diagonals, empty rows) and the bundled ones; a second call
 * must give the same bits (omp_atomic under += excepted: its order is the
 * threads'). Then the dispatcher's own choice (serial below the work
 * threshold, row parts, a colouring when the buffers are large and the
 * calls repay it, else serial), calls from several user threads at once on one handle,
 * calls from inside an OpenMP parallel region, and the thread count's
 * sources (SYSTEC_NUM_THREADS, OMP_NUM_THREADS, affinity, cgroup quota).
 *
 * usage: test_omp [DIR_OR_MTX...]
 *        test_omp --threads-default N SOURCE   the default thread count is N,
 *                                              from SOURCE (as describe says) */
#include "internal.h"
#include "kernels.h"
#include "ops.h"
#include "partition.h"
#include "syrk_part.h"
#include "threads.h"
#include "topology.h"
#include "trimat.h"
#include "tuning.h"

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef _OPENMP
#include <omp.h>
#endif

#define K 3 /* dense columns of SSYMM */

static const char *const variants[] = {"split:omp_rows",      "split:omp_private",
                                       "split:omp_color",     "split:omp_atomic",
                                       "split:omp_rows_ipf",  "stream:omp_rows",
                                       "stream:omp_private",  "stream:omp_rows_ipf",
                                       "full:omp_rows",       "full:omp_rows_ipf"};
enum { NVAR = sizeof variants / sizeof variants[0] };
static const int thread_counts[] = {1, 2, 3, 4, 8};

/* The operations a variant is checked on. */
typedef enum { T_SYMV, T_SYMM, T_SYPRD, T_BILIN, T_MINPLUS, NTOPS } Top;
static const systec_op_t top_op[NTOPS] = {SYSTEC_OP_SYMV, SYSTEC_OP_SYMM, SYSTEC_OP_SYPRD,
                                          SYSTEC_OP_BILIN, SYSTEC_OP_SYMV_MINPLUS};
static const char *const top_name[NTOPS] = {"symv", "symm", "syprd", "bilin", "minplus"};

/* Inputs, reference outputs and their bounds for one matrix. */
typedef struct {
    double *x, *y0, *ref[NTOPS], *bnd[NTOPS];
} Refs;

static void refs_build(Tri *T, Refs *R)
{
    int64_t n = T->n;
    R->x = malloc(sizeof(double) * (size_t)(2 * n * K + 1));
    R->y0 = malloc(sizeof(double) * (size_t)(n * K + 1));
    for (int64_t i = 0; i < 2 * n * K; i++) R->x[i] = rnd_sym();
    for (int64_t i = 0; i < n * K; i++) R->y0[i] = rnd_sym();
    for (int t = 0; t < NTOPS; t++) {
        R->ref[t] = malloc(sizeof(double) * (size_t)(n * K + 1));
        R->bnd[t] = malloc(sizeof(double) * (size_t)(n * K + 1));
    }
    ref_mv(T, 1, -0.5, R->x, 1.5, R->y0, R->ref[T_SYMV], R->bnd[T_SYMV]);
    ref_mv(T, K, 2.0, R->x, 0.0, R->y0, R->ref[T_SYMM], R->bnd[T_SYMM]);
    R->ref[T_SYPRD][0] = ref_bilin(T, 1.5, R->x, R->x, 2.0, 0.25, R->bnd[T_SYPRD]);
    R->ref[T_BILIN][0] = ref_bilin(T, 1.5, R->x, R->x + n, 2.0, 0.25, R->bnd[T_BILIN]);
    ref_minplus(T, R->x, R->y0, R->ref[T_MINPLUS]);
    for (int64_t i = 0; i < n; i++) R->bnd[T_MINPLUS][i] = 0; /* min is exact */
}

static void refs_free(Refs *R)
{
    free(R->x);
    free(R->y0);
    for (int t = 0; t < NTOPS; t++) {
        free(R->ref[t]);
        free(R->bnd[t]);
    }
}

/* One call of operation t on the handle; the output's length. */
static int64_t call_op(Top t, const systec_symmat_t *A, int64_t n, const Refs *R, double *out)
{
    systec_status_t st = SYSTEC_SUCCESS;
    switch (t) {
    case T_SYMV:
        memcpy(out, R->y0, sizeof(double) * (size_t)n);
        st = systec_dsymv(A, -0.5, R->x, 1.5, out);
        break;
    case T_SYMM:
        st = systec_dsymm(A, K, 2.0, R->x, 0.0, out);
        break;
    case T_SYPRD:
        out[0] = 0.25;
        st = systec_dsyprd(A, 1.5, R->x, 2.0, out);
        break;
    case T_BILIN:
        out[0] = 0.25;
        st = systec_dsybilin(A, 1.5, R->x, R->x + n, 2.0, out);
        break;
    case T_MINPLUS:
        memcpy(out, R->y0, sizeof(double) * (size_t)n);
        st = systec_dsymv_minplus(A, R->x, out);
        break;
    default:
        break;
    }
    if (st) check_fail("%s: %s", top_name[t], systec_last_error());
    return t == T_SYPRD || t == T_BILIN ? 1 : t == T_SYMM ? n * K : n;
}

/* Whether the generated kernel for op under variant "storage:schedule" exists. */
static int has_kernel(systec_op_t op, const char *variant)
{
    int st, sc;
    if (systec__plan_parse_variant(variant, &st, &sc)) return 0;
    return systec__kid(systec__op(op)->kop, st, sc, SYSTEC_DOUBLE, SYSTEC_INT64) >= 0;
}

/* Operation t under `variant` at `threads` threads on handle A (plus-times
 * or min-plus as t needs): the plan is parallel, two calls match the
 * reference and each other bit for bit. */
static int check_variant(systec_symmat_t *A, Tri *T, const Refs *R, Top t, const char *variant,
                         int threads)
{
    int fails = 0;
    systec_op_t op = top_op[t];
    CHECK_ST(systec_symmat_force(A, op, variant), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_hint(A, op, 0, threads), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
    const systec__opplan *p = &A->plan.op[op];
    const systec_kpart_t *kp = p->parts ? &((systec__part *)p->parts)->k : NULL;
    CHECK(kp && p->threads == threads && kp->nthreads == threads && kp->nparts % threads == 0,
          "%s %s %s at %d threads: a partition for %d threads", T->label, top_name[t], variant,
          threads, threads);
    double *out = malloc(sizeof(double) * (size_t)(T->n * K + 1));
    double *again = malloc(sizeof(double) * (size_t)(T->n * K + 1));
    int64_t len = call_op(t, A, T->n, R, out);
    call_op(t, A, T->n, R, again);
    char what[256];
    snprintf(what, sizeof what, "%s (n=%lld) %s %s at %d threads", T->label, (long long)T->n,
             top_name[t], variant, threads);
    if (t == T_MINPLUS) {
        CHECK(!memcmp(out, R->ref[t], sizeof(double) * (size_t)len), "%s: min-plus exact", what);
    } else {
        fails += close_all(out, R->ref[t], R->bnd[t], len, 1e-12, what);
    }
    int ordered = !strstr(variant, "atomic") || t == T_MINPLUS;
    if (ordered)
        CHECK(!memcmp(out, again, sizeof(double) * (size_t)len), "%s: a repeated call gives "
              "the same bits", what);
    free(out);
    free(again);
    CHECK_ST(systec_symmat_force(A, op, NULL), SYSTEC_SUCCESS);
    return fails;
}

/* The baselines on a general handle (the expansion) with full:omp_rows at
 * every thread count: rows only, no buffers. */
static int general_rows(Tri *T, const Refs *R, systec_csrmat_t *G, systec_csrmat_t *GM)
{
    int fails = 0;
    double *out = malloc(sizeof(double) * (size_t)(T->n * K + 1));
    for (size_t c = 0; c < sizeof thread_counts / sizeof *thread_counts; c++) {
        int th = thread_counts[c];
        CHECK_ST(systec_set_num_threads(th), SYSTEC_SUCCESS);
        for (int t = 0; t < NTOPS; t++) {
            systec_csrmat_t *H = t == T_MINPLUS ? GM : G;
            CHECK_ST(systec_csrmat_force(H, top_op[t], th % 2 ? "full:omp_rows" : "full:omp_rows_ipf"),
                     SYSTEC_SUCCESS);
            const systec__opplan *p = &H->plan.op[top_op[t]];
            CHECK(p->parts && ((systec__part *)p->parts)->k.nthreads == th,
                  "general %s at %d threads: a partition", top_name[t], th);
            systec_status_t st = SYSTEC_SUCCESS;
            int64_t n = T->n, len = t == T_SYPRD || t == T_BILIN ? 1 : t == T_SYMM ? n * K : n;
            switch (t) {
            case T_SYMV:
                memcpy(out, R->y0, sizeof(double) * (size_t)n);
                st = systec_dgemv(H, -0.5, R->x, 1.5, out);
                break;
            case T_SYMM: st = systec_dgemm(H, K, 2.0, R->x, 0.0, out); break;
            case T_SYPRD:
                out[0] = 0.25;
                st = systec_dgeprd(H, 1.5, R->x, 2.0, out);
                break;
            case T_BILIN:
                out[0] = 0.25;
                st = systec_dgebilin(H, 1.5, R->x, R->x + n, 2.0, out);
                break;
            default:
                memcpy(out, R->y0, sizeof(double) * (size_t)n);
                st = systec_dgemv_minplus(H, R->x, out);
            }
            CHECK_ST(st, SYSTEC_SUCCESS);
            char what[128];
            snprintf(what, sizeof what, "%s general %s at %d threads", T->label, top_name[t], th);
            if (t == T_MINPLUS)
                CHECK(!memcmp(out, R->ref[t], sizeof(double) * (size_t)len), "%s", what);
            else
                fails += close_all(out, R->ref[t], R->bnd[t], len, 1e-12, what);
            CHECK_ST(systec_csrmat_force(H, top_op[t], NULL), SYSTEC_SUCCESS);
        }
    }
    CHECK_ST(systec_set_num_threads(0), SYSTEC_SUCCESS);
    free(out);
    return fails;
}

/* Every variant, operation and thread count on one matrix. */
static int all_variants(Tri *T)
{
    int fails = 0;
    tri_expand(T);
    Refs R;
    refs_build(T, &R);
    systec_symmat_t *A = NULL, *M = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T->n, T->rp,
                                      T->ci, T->v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_create_csr_minplus(&M, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T->n,
                                              T->rp, T->ci, T->v),
             SYSTEC_SUCCESS);
    for (size_t c = 0; A && M && c < sizeof thread_counts / sizeof *thread_counts; c++)
        for (int v = 0; v < NVAR; v++)
            for (int t = 0; t < NTOPS; t++)
                if (has_kernel(top_op[t], variants[v]))
                    fails += check_variant(t == T_MINPLUS ? M : A, T, &R, (Top)t, variants[v],
                                           thread_counts[c]);
    systec_csrmat_t *G = NULL, *GM = NULL;
    CHECK_ST(systec_csrmat_from_symmat(&G, A), SYSTEC_SUCCESS);
    CHECK_ST(systec_csrmat_from_symmat(&GM, M), SYSTEC_SUCCESS);
    if (G && GM) fails += general_rows(T, &R, G, GM);
    systec_csrmat_free(&G);
    systec_csrmat_free(&GM);
    systec_symmat_free(&A);
    systec_symmat_free(&M);
    refs_free(&R);
    return fails;
}

/* A forced variant with no kernel is refused, the plan kept. */
static int missing_kernels(void)
{
    int fails = 0;
    Tri T;
    tri_stencil(&T, 5);
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T.n, T.rp,
                                      T.ci, T.v),
             SYSTEC_SUCCESS);
    const char *none[3] = {"stream:omp_color", "stream:omp_atomic", "split:omp_private"};
    systec_op_t ops[3] = {SYSTEC_OP_SYMV, SYSTEC_OP_SYMV, SYSTEC_OP_SYPRD};
    for (int k = 0; A && k < 3; k++) {
        int kid = A->plan.op[ops[k]].kid;
        CHECK_ST(systec_symmat_force(A, ops[k], none[k]), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_ERR_INVALID_VALUE);
        CHECK(A->plan.op[ops[k]].kid == kid, "%s refused: the plan kept", none[k]);
        CHECK_ST(systec_symmat_force(A, ops[k], NULL), SYSTEC_SUCCESS);
    }
    systec_symmat_free(&A);
    tri_free(&T);
    return fails;
}

/* ------------------------------------------------------- the dispatcher */

/* The schedule the plan of op runs ("serial" for none). */
static const char *plan_sched(const systec_symmat_t *A, systec_op_t op)
{
    return systec__kernels_sched_names[A->plan.op[op].sched];
}

/* The 30^3 stencil (27000 rows, about 350000 strictly-lower entries), its
 * references and a handle on it (NULL on failure, counted). */
static systec_symmat_t *stencil_handle(Tri *T, Refs *R)
{
    tri_stencil(T, 30);
    tri_expand(T);
    refs_build(T, R);
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T->n, T->rp,
                                      T->ci, T->v),
             SYSTEC_SUCCESS);
    return A;
}

/* The dispatcher's choice: serial below par_min_entries per thread, row
 * parts above; a colouring when the buffers exceed par_rows_max_buffer and
 * the expected calls repay it; describe says which and why. */
static int dispatcher(void)
{
    int fails = 0;
    Tri T;
    Refs R;
    systec_symmat_t *A = stencil_handle(&T, &R);
    if (!A) return 1;
    char text[4096];
    double *out = malloc(sizeof(double) * (size_t)(T.n * K + 1));
    int want_par = systec__threads_openmp();
    /* 2 threads: enough work; 8 threads: below par_min_entries per thread */
    int counts[2] = {2, 8};
    for (int c = 0; c < 2; c++) {
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, counts[c]), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, NULL),
                 SYSTEC_SUCCESS);
        int par = want_par && c == 0;
        CHECK(!strcmp(plan_sched(A, SYSTEC_OP_SYMV), par ? "omp_rows" : "serial") &&
                  strstr(text, par ? "parallel  omp_rows: 2 threads, buffers cover"
                                   : want_par ? "par_min_entries" : "without OpenMP"),
              "%d threads:\n%s", counts[c], text);
        int64_t len = call_op(T_SYMV, A, T.n, &R, out);
        fails += close_all(out, R.ref[T_SYMV], R.bnd[T_SYMV], len, 1e-12, "dispatcher's symv");
    }
    if (want_par) {
        /* large buffers (threshold 0): a colouring, unless few calls are expected */
        CHECK_ST(systec__tuning_set("par_rows_max_buffer", 0), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, 2), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, NULL),
                 SYSTEC_SUCCESS);
        CHECK(!strcmp(plan_sched(A, SYSTEC_OP_SYMV), "omp_color") &&
                  strstr(text, "conflict-free blocks") && strstr(text, " colours, built in"),
              "a colouring:\n%s", text);
        int64_t len = call_op(T_SYMV, A, T.n, &R, out);
        fails += close_all(out, R.ref[T_SYMV], R.bnd[T_SYMV], len, 1e-12, "coloured symv");
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 2, 2), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, NULL),
                 SYSTEC_SUCCESS);
        CHECK(!strcmp(plan_sched(A, SYSTEC_OP_SYMV), "serial") &&
                  strstr(text, "do not repay a colouring (nor the full expansion"),
              "two expected calls: no colouring, large buffers: serial:\n%s", text);
        len = call_op(T_SYMV, A, T.n, &R, out);
        fails += close_all(out, R.ref[T_SYMV], R.bnd[T_SYMV], len, 1e-12, "serial symv");
        CHECK_ST(systec__tuning_set("color_max_colors", 1), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, 2), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, NULL),
                 SYSTEC_SUCCESS);
        CHECK(!strcmp(plan_sched(A, SYSTEC_OP_SYMV), "omp_rows") &&
                  A->plan.op[SYSTEC_OP_SYMV].storage == SYSTEC_KST_full && A->full &&
                  strstr(text, "too many colours") && strstr(text, "on the full expansion") &&
                  strstr(text, "prepared  full expansion"),
              "one colour allowed, large buffers, calls unknown: the expansion:\n%s", text);
        len = call_op(T_SYMV, A, T.n, &R, out);
        fails += close_all(out, R.ref[T_SYMV], R.bnd[T_SYMV], len, 1e-12, "expanded symv");
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 10, 2), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, NULL),
                 SYSTEC_SUCCESS);
        CHECK(!strcmp(plan_sched(A, SYSTEC_OP_SYMV), "serial") &&
                  A->plan.op[SYSTEC_OP_SYMV].storage == SYSTEC_KST_split &&
                  strstr(text, "too many colours") && strstr(text, "expand_min_calls 30 do not "
                                                                   "repay the full expansion") &&
                  strstr(text, "parallel  none"),
              "one colour allowed, large buffers, 10 calls: serial:\n%s",
              text);
        systec__tuning_reset();
    }
    free(out);
    systec_symmat_free(&A);
    refs_free(&R);
    tri_free(&T);
    return fails;
}

/* The indirect-prefetch schedule: taken for a matrix whose entries reach
 * far (its measured spread) when x and y exceed the L2, serial and in
 * parallel; never for the stencil. */
/* A handle's profile whose section for 2 threads forces each parallel
 * choice in turn (serial, row parts, colouring): the plan on 2 threads
 * takes it and computes SYMV right; on 3 threads (no section) the values
 * outside the sections (the defaults: row parts) hold. */
static int profile_sections(void)
{
    int fails = 0;
    Tri T;
    Refs R;
    systec_symmat_t *A = stencil_handle(&T, &R);
    double *out = malloc(sizeof(double) * (size_t)(T.n * K + 1));
    static const struct {
        const char *want;
        double min_entries, max_buffer, min_calls, max_colors;
    } force[] = {{"serial", 1e18, 0.5, 4, 8},
                 {"omp_rows", 0, 1e9, 4, 8},
                 {"omp_color", 0, 0, 0, 64}};
    int omp = systec__threads_openmp();
    for (int f = 0; A && f < 3; f++) {
        systec_profile_t *P = NULL;
        CHECK_ST(systec_profile_new(&P), SYSTEC_SUCCESS);
        CHECK_ST(systec_profile_set_threads(P, 2, "par_min_entries", force[f].min_entries, NULL),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_profile_set_threads(P, 2, "par_rows_max_buffer", force[f].max_buffer, NULL),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_profile_set_threads(P, 2, "color_min_calls", force[f].min_calls, NULL),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_profile_set_threads(P, 2, "color_max_colors", force[f].max_colors, NULL),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_set_profile(A, P), SYSTEC_SUCCESS);
        for (int threads = 2; threads <= 3; threads++) {
            CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, threads), SYSTEC_SUCCESS);
            CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
            const char *want = !omp ? "serial" : threads == 2 ? force[f].want : "omp_rows";
            char name[64];
            CHECK_ST(systec_symmat_variant_threads(A, SYSTEC_OP_SYMV, P, threads, name,
                                                   sizeof name),
                     SYSTEC_SUCCESS);
            CHECK(!strcmp(plan_sched(A, SYSTEC_OP_SYMV), want) && strstr(name, want),
                  "profile forcing %s, %d threads: plan %s, preview %s, want %s", force[f].want,
                  threads, plan_sched(A, SYSTEC_OP_SYMV), name, want);
            int64_t len = call_op(T_SYMV, A, T.n, &R, out);
            fails += close_all(out, R.ref[T_SYMV], R.bnd[T_SYMV], len, 1e-12, force[f].want);
        }
        systec_profile_free(&P);
    }
    /* a hint of many calls on 2 threads: optimize times the row parts
     * against the serial kernel, keeps one, and it computes right */
    CHECK_ST(systec_symmat_set_profile(A, NULL), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 5000, 2), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
    char text[4096];
    CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, NULL), SYSTEC_SUCCESS);
    const char *m = strstr(text, "  measured  ");
    CHECK(m && (!omp || strstr(m, ":omp_rows ")), "the parallel kernel timed too:\n%s", text);
    CHECK(!strcmp(plan_sched(A, SYSTEC_OP_SYMV), "omp_rows") ||
              strstr(text, "the fastest candidate timed on this matrix"),
          "row parts kept, or the serial kernel for a measured reason:\n%s", text);
    int64_t len = call_op(T_SYMV, A, T.n, &R, out);
    fails += close_all(out, R.ref[T_SYMV], R.bnd[T_SYMV], len, 1e-12, "measured on 2 threads");
    free(out);
    systec_symmat_free(&A);
    refs_free(&R);
    tri_free(&T);
    return fails;
}

static int irregular(void)
{
    int fails = 0;
    Tri R, S;
    tri_random(&R, 300000, 4);
    tri_stencil(&S, 30);
    int64_t L2 = (int64_t)systec__cache_bytes(2);
    for (int k = 0; k < 2; k++) {
        Tri *T = k ? &S : &R;
        systec_symmat_t *A = NULL;
        CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T->n,
                                          T->rp, T->ci, T->v),
                 SYSTEC_SUCCESS);
        if (!A) continue;
        const systec__mshape *sh = &A->plan.shape;
        int want = sh->spread >= systec__tuning_get()->ipf_min_spread &&
                   2 * T->n * (int64_t)sizeof(double) > L2;
        CHECK(k == 0 || sh->spread == 0, "the stencil's entries stay near: spread %g", sh->spread);
        for (int th = 1; th <= 2; th++) {
            CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, th), SYSTEC_SUCCESS);
            CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
            char text[4096];
            CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, NULL),
                     SYSTEC_SUCCESS);
            const char *sc = plan_sched(A, SYSTEC_OP_SYMV);
            int par = th > 1 && systec__threads_openmp();
            CHECK(!!strstr(sc, "ipf") == want && (par ? !strncmp(sc, "omp_rows", 8) : 1) &&
                      !!strstr(text, "indirect prefetch") == want,
                  "%s at %d threads (spread %.2f, L2 %lld): %s\n%s", T->label, th, sh->spread,
                  (long long)L2, sc, text);
        }
        systec_symmat_free(&A);
    }
    tri_free(&R);
    tri_free(&S);
    return fails;
}

/* T with new values (each value v becomes 0.5 - 1.25 v) and the diagonal
 * entries of every third row dropped: a values update that changes which
 * rows store a diagonal. */
static void tri_revalue(const Tri *T, Tri *U)
{
    memset(U, 0, sizeof *U);
    U->label = T->label;
    U->n = T->n;
    U->rp = malloc(sizeof(int64_t) * (size_t)(T->n + 1));
    U->ci = malloc(sizeof(int64_t) * (size_t)(T->nnz + 1));
    U->v = malloc(sizeof(double) * (size_t)(T->nnz + 1));
    int64_t w = 0;
    U->rp[0] = 0;
    for (int64_t r = 0; r < T->n; r++) {
        for (int64_t p = T->rp[r]; p < T->rp[r + 1]; p++)
            if (T->ci[p] != r || r % 3)
                U->ci[w] = T->ci[p], U->v[w++] = 0.5 - 1.25 * T->v[p];
        U->rp[r + 1] = w;
    }
    U->nnz = w;
    tri_expand(U);
}

/* One call of t on H against the reference R of T (min-plus exactly). */
static int call_check(Top t, const systec_symmat_t *H, const Tri *T, const Refs *R,
                      const char *variant, const char *when)
{
    int fails = 0;
    double *out = malloc(sizeof(double) * (size_t)(T->n * K + 1));
    int64_t len = call_op(t, H, T->n, R, out);
    char what[160];
    snprintf(what, sizeof what, "%s %s %s", top_name[t], variant, when);
    if (t == T_MINPLUS)
        CHECK(!memcmp(out, R->ref[t], sizeof(double) * (size_t)len), "%s: exact", what);
    else
        fails += close_all(out, R->ref[t], R->bnd[t], len, 1e-12, what);
    free(out);
    return fails;
}

/* SSYMV of a float handle with int64 indices (the expansion's other value
 * and index types than expansion()'s) on its expansion, serial and in row
 * parts, against the double reference at the float tolerance. */
static int expansion_float(const Tri *T, const Refs *R)
{
    int fails = 0;
    int64_t n = T->n, nnz = T->rp[n];
    float *v = malloc(sizeof(float) * (size_t)(nnz + 1)), *x = malloc(sizeof(float) * (size_t)n);
    float *y = malloc(sizeof(float) * (size_t)(n + 1));
    double *got = malloc(sizeof(double) * (size_t)(n + 1)), *ref = malloc(sizeof(double) * (size_t)(n + 1));
    double *bnd = malloc(sizeof(double) * (size_t)(n + 1)), *xd = malloc(sizeof(double) * (size_t)(n + 1));
    Tri F = *T; /* T with its values and x rounded to float, for the reference */
    F.v = malloc(sizeof(double) * (size_t)(nnz + 1));
    F.fv = malloc(sizeof(double) * (size_t)(T->frp[n] + 1));
    for (int64_t p = 0; p < nnz; p++) v[p] = (float)T->v[p], F.v[p] = v[p];
    for (int64_t p = 0; p < T->frp[n]; p++) F.fv[p] = (float)T->fv[p];
    for (int64_t i = 0; i < n; i++) x[i] = (float)R->x[i], xd[i] = x[i];
    ref_mv(&F, 1, 1.0, xd, 0.0, xd, ref, bnd);
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_FLOAT, SYSTEC_INT64, n, T->rp, T->ci,
                                      v),
             SYSTEC_SUCCESS);
    const char *full[2] = {"full:serial", "full:omp_rows"};
    for (int k = 0; A && k < 2; k++) {
        CHECK_ST(systec_symmat_force(A, SYSTEC_OP_SYMV, full[k]), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, 1 + k), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        CHECK(A->full && A->plan.op[SYSTEC_OP_SYMV].storage == SYSTEC_KST_full,
              "float %s runs on the expansion", full[k]);
        CHECK_ST(systec_ssymv(A, 1.0f, x, 0.0f, y), SYSTEC_SUCCESS);
        for (int64_t i = 0; i < n; i++) got[i] = y[i];
        char what[96];
        snprintf(what, sizeof what, "float int64 symv %s", full[k]);
        fails += close_all(got, ref, bnd, n, 1e-5, what);
    }
    systec_symmat_free(&A);
    free(F.v), free(F.fv), free(v), free(x), free(y), free(got), free(ref), free(bnd), free(xd);
    return fails;
}

/* The full expansion on a symmetric handle: the serial schedules forced on
 * it against the reference, and new values (with diagonals dropped) kept
 * in step with the triangle's, serial and at 2 threads. */
static int expansion(void)
{
    int fails = 0;
    Tri T, U;
    tri_random(&T, 2000, 4);
    tri_expand(&T);
    tri_revalue(&T, &U);
    Refs R, RU;
    refs_build(&T, &R);
    refs_build(&U, &RU);
    fails += expansion_float(&T, &R);
    systec_symmat_t *A = NULL, *M = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T.n, T.rp,
                                      T.ci, T.v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_create_csr_minplus(&M, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T.n,
                                              T.rp, T.ci, T.v),
             SYSTEC_SUCCESS);
    const char *serial[] = {"full:serial", "full:serial_short", "full:serial_ipf"};
    for (int v = 0; A && M && v < 3; v++)
        for (int t = 0; t < NTOPS; t++) {
            systec_symmat_t *H = t == T_MINPLUS ? M : A;
            if (!has_kernel(top_op[t], serial[v])) continue;
            CHECK_ST(systec_symmat_force(H, top_op[t], serial[v]), SYSTEC_SUCCESS);
            CHECK_ST(systec_symmat_hint(H, top_op[t], 0, 1), SYSTEC_SUCCESS);
            CHECK_ST(systec_symmat_optimize(H), SYSTEC_SUCCESS);
            CHECK(H->full && H->plan.op[top_op[t]].storage == SYSTEC_KST_full,
                  "%s %s: runs on the expansion", top_name[t], serial[v]);
            fails += call_check((Top)t, H, &T, &R, serial[v], "(serial)");
            CHECK_ST(systec_symmat_force(H, top_op[t], NULL), SYSTEC_SUCCESS);
        }
    /* new values: the expansion follows, serial and in row parts */
    const char *kept[] = {"full:serial", "full:omp_rows"};
    for (int k = 0; A && M && k < 2; k++) {
        for (int t = 0; t < NTOPS; t++) {
            systec_symmat_t *H = t == T_MINPLUS ? M : A;
            CHECK_ST(systec_symmat_force(H, top_op[t], kept[k]), SYSTEC_SUCCESS);
            CHECK_ST(systec_symmat_hint(H, top_op[t], 0, 1 + k), SYSTEC_SUCCESS);
            CHECK_ST(systec_symmat_optimize(H), SYSTEC_SUCCESS);
        }
        for (int h = 0; h < 2; h++) {
            systec_symmat_t *H = h ? M : A;
            CHECK_ST(systec_symmat_update_values(H, SYSTEC_LOWER, U.rp, U.ci, U.v), SYSTEC_SUCCESS);
        }
        for (int t = 0; t < NTOPS; t++)
            fails += call_check((Top)t, t == T_MINPLUS ? M : A, &U, &RU, kept[k], "after new values");
        for (int h = 0; h < 2; h++) { /* and back */
            systec_symmat_t *H = h ? M : A;
            CHECK_ST(systec_symmat_update_values(H, SYSTEC_LOWER, T.rp, T.ci, T.v), SYSTEC_SUCCESS);
        }
        fails += call_check(T_SYMM, A, &T, &R, kept[k], "values back");
    }
    for (int t = 0; A && M && t < NTOPS; t++) {
        systec_symmat_t *H = t == T_MINPLUS ? M : A;
        CHECK_ST(systec_symmat_force(H, top_op[t], NULL), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_hint(H, top_op[t], 0, 1), SYSTEC_SUCCESS);
    }
    CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
    CHECK(A && !A->full, "no operation on the expansion: it is freed");
    if (A && systec__threads_openmp()) { /* a preview names the expansion, builds none */
        CHECK_ST(systec__tuning_set("par_min_entries", 0), SYSTEC_SUCCESS);
        CHECK_ST(systec__tuning_set("par_rows_max_buffer", 0), SYSTEC_SUCCESS);
        CHECK_ST(systec__tuning_set("color_max_colors", 1), SYSTEC_SUCCESS);
        char got[64] = "";
        CHECK_ST(systec_symmat_variant_threads(A, SYSTEC_OP_SYMV, NULL, 2, got, sizeof got),
                 SYSTEC_SUCCESS);
        CHECK(!strncmp(got, "full:omp_rows", 13) && !A->full,
              "preview at 2 threads: %s, expansion %s", got, A->full ? "built" : "not built");
        CHECK_ST(systec_symmat_force(A, SYSTEC_OP_SYMV, "full:serial"), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_variant_threads(A, SYSTEC_OP_SYMV, NULL, 2, got, sizeof got),
                 SYSTEC_SUCCESS);
        CHECK(!strcmp(got, "full:serial") && !A->full, "preview of a forced full:serial at 2 "
              "threads: %s", got);
        CHECK_ST(systec_symmat_force(A, SYSTEC_OP_SYMV, NULL), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, 2), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS); /* the plan itself builds it */
        CHECK_ST(systec_symmat_variant(A, SYSTEC_OP_SYMV, NULL, got, sizeof got), SYSTEC_SUCCESS);
        CHECK(A->full && A->plan.op[SYSTEC_OP_SYMV].storage == SYSTEC_KST_full,
              "the plan at 2 threads runs on the expansion");
        fails += call_check(T_SYMV, A, &T, &R, "full:omp_rows", "(the dispatcher's)");
        systec__tuning_reset();
    }
    systec_symmat_free(&A);
    systec_symmat_free(&M);
    refs_free(&R);
    refs_free(&RU);
    tri_free(&T);
    tri_free(&U);
    return fails;
}

/* --------------------------------------------------- concurrent callers */

typedef struct {
    const systec_symmat_t *A;
    const Tri *T;
    const Refs *R;
    int fails;
} Caller;

static void *caller(void *arg)
{
    Caller *c = arg;
    double *out = malloc(sizeof(double) * (size_t)(c->T->n + 1));
    for (int k = 0; k < 10; k++) {
        call_op(T_SYMV, c->A, c->T->n, c->R, out);
        for (int64_t i = 0; i < c->T->n; i++)
            if (!(fabs(out[i] - c->R->ref[T_SYMV][i]) <= 1e-12 * c->R->bnd[T_SYMV][i])) {
                c->fails++;
                break;
            }
    }
    free(out);
    return NULL;
}

static int concurrent_on(systec_symmat_t *A, const Tri *T, const Refs *R, const char *variant);

/* Four user threads call one parallel handle at once (one holds its
 * workspace, the others take buffers of their own), then calls from inside
 * an OpenMP parallel region (serial kernels, unless the thread count was
 * asked for): on the triangle's row parts and on the expansion's. */
static int concurrent(void)
{
    int fails = 0;
    Tri T;
    tri_random(&T, 60000, 4);
    tri_expand(&T);
    Refs R;
    refs_build(&T, &R);
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T.n, T.rp,
                                      T.ci, T.v),
             SYSTEC_SUCCESS);
    const char *on[2] = {"omp_rows", "full:omp_rows"}; /* the triangle, the expansion */
    for (int v = 0; A && v < 2; v++)
        fails += concurrent_on(A, &T, &R, on[v]);
    systec_symmat_free(&A);
    refs_free(&R);
    tri_free(&T);
    return fails;
}

static int concurrent_on(systec_symmat_t *A, const Tri *T, const Refs *R, const char *variant)
{
    int fails = 0;
    CHECK_ST(systec_symmat_force(A, SYSTEC_OP_SYMV, variant), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, 2), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
    pthread_t th[4];
    Caller c[4];
    for (int k = 0; k < 4; k++) {
        c[k] = (Caller){A, T, R, 0};
        CHECK(!pthread_create(&th[k], NULL, caller, &c[k]), "thread %d started", k);
    }
    for (int k = 0; k < 4; k++) {
        pthread_join(th[k], NULL);
        CHECK(!c[k].fails, "%s, user thread %d: %d wrong results", variant, k, c[k].fails);
    }
#ifdef _OPENMP
    int serial_inside = 0, explicit_inside = 0, wrong = 0;
#pragma omp parallel num_threads(2) reduction(+ : serial_inside, explicit_inside, wrong)
    {
        serial_inside += systec__threads_serial_now(0);
        explicit_inside += !systec__threads_serial_now(1);
        Caller one = {A, T, R, 0};
        caller(&one);
        wrong += one.fails;
    }
    CHECK(serial_inside == 2 && explicit_inside == 2 && !systec__threads_serial_now(0),
          "inside a parallel region the serial kernel runs (unless threads were asked for): "
          "%d %d %d", serial_inside, explicit_inside, systec__threads_serial_now(0));
    CHECK(!wrong, "%s, calls inside a parallel region: %d wrong results", variant, wrong);
#endif
    return fails;
}

/* ----------------------------------------------------------------- SSYRK */

/* A random m-by-k operand (rows sorted, some empty) and the long-double
 * reference of A*A^T with its bounds, dense. */
typedef struct {
    int64_t m, k, *rp, *ci;
    double *v;
    long double *ref;
    double *bnd;
} Gen;

static void gen_random(Gen *G, int64_t m, int64_t k, double dens)
{
    G->m = m, G->k = k;
    G->rp = malloc(sizeof(int64_t) * (size_t)(m + 1));
    G->ci = malloc(sizeof(int64_t) * (size_t)(m * k + 1));
    G->v = malloc(sizeof(double) * (size_t)(m * k + 1));
    int64_t w = 0;
    G->rp[0] = 0;
    for (int64_t r = 0; r < m; r++) {
        double d = r % 9 == 4 ? 0 : r % 13 == 0 ? 4 * dens : dens; /* empty and denser rows */
        for (int64_t c = 0; c < k; c++)
            if (rnd_unit() < d) G->ci[w] = c, G->v[w++] = rnd_sym();
        G->rp[r + 1] = w;
    }
    G->ref = calloc((size_t)(m * m + 1), sizeof(long double));
    G->bnd = calloc((size_t)(m * m + 1), sizeof(double));
    double *row = calloc((size_t)k + 1, sizeof(double));
    for (int64_t i = 0; i < m; i++) {
        for (int64_t p = G->rp[i]; p < G->rp[i + 1]; p++) row[G->ci[p]] = G->v[p];
        for (int64_t j = 0; j < m; j++)
            for (int64_t p = G->rp[j]; p < G->rp[j + 1]; p++) {
                long double t = (long double)row[G->ci[p]] * G->v[p];
                G->ref[i * m + j] += t;
                G->bnd[i * m + j] += (double)fabsl(t);
            }
        for (int64_t p = G->rp[i]; p < G->rp[i + 1]; p++) row[G->ci[p]] = 0;
    }
    free(row);
}

static void gen_free(Gen *G)
{
    free(G->rp);
    free(G->ci);
    free(G->v);
    free(G->ref);
    free(G->bnd);
}

/* Element q of an index or value array of the handle's types. */
static int64_t idx_at(const void *a, int i64, int64_t q)
{
    return i64 ? ((const int64_t *)a)[q] : (int64_t)((const int32_t *)a)[q];
}
static double val_at(const void *a, int dbl, int64_t q)
{
    return dbl ? ((const double *)a)[q] : (double)((const float *)a)[q];
}

/* The operand G in the given types, its values times `scale`. */
static systec_csrmat_t *operand(const Gen *G, int dbl, int i64, double scale)
{
    size_t is = i64 ? 8 : 4, vs = dbl ? 8 : 4;
    int64_t nnz = G->rp[G->m];
    char *rp = malloc(is * (size_t)(G->m + 1)), *ci = malloc(is * (size_t)(nnz + 1)),
         *v = malloc(vs * (size_t)(nnz + 1));
    for (int64_t r = 0; r <= G->m; r++)
        if (i64) ((int64_t *)rp)[r] = G->rp[r]; else ((int32_t *)rp)[r] = (int32_t)G->rp[r];
    for (int64_t q = 0; q < nnz; q++) {
        if (i64) ((int64_t *)ci)[q] = G->ci[q]; else ((int32_t *)ci)[q] = (int32_t)G->ci[q];
        if (dbl) ((double *)v)[q] = scale * G->v[q]; else ((float *)v)[q] = (float)(scale * G->v[q]);
    }
    systec_csrmat_t *A = NULL;
    if (systec_csrmat_create_csr(&A, dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT,
                                 i64 ? SYSTEC_INT64 : SYSTEC_INT32, G->m, G->k, rp, ci, v))
        A = NULL;
    free(rp);
    free(ci);
    free(v);
    return A;
}

/* C's values (upper only unless full) against the reference times scale^2
 * (per element: 1e-12, float 1e-5, times the sum of |terms|); every
 * structurally present product is stored. The operand's values were
 * rounded to float first for float handles: the reference is of those. */
static int check_product(const Gen *G, const systec_csrmat_t *C, int full, double scale,
                         const char *what)
{
    const void *rp, *ci, *v;
    int64_t m, n, nnz;
    systec_dtype_t dt;
    systec_itype_t it;
    if (systec_csrmat_info(C, &m, &n, &nnz, &dt, &it) || systec_csrmat_data(C, &rp, &ci, &v))
        return check_fail("%s: info", what);
    int dbl = dt == SYSTEC_DOUBLE, i64 = it == SYSTEC_INT64;
    double tol = dbl ? 1e-12 : 1e-5, s2 = scale * scale;
    int64_t stored = 0;
    for (int64_t i = 0; i < m; i++)
        for (int64_t q = idx_at(rp, i64, i); q < idx_at(rp, i64, i + 1); q++) {
            int64_t j = idx_at(ci, i64, q);
            if ((!full && j < i) || (q > idx_at(rp, i64, i) && j <= idx_at(ci, i64, q - 1)))
                return check_fail("%s: row %lld not sorted or not upper", what, (long long)i);
            double want = (double)(s2 * G->ref[i * m + j]), got = val_at(v, dbl, q);
            if (!(fabs(got - want) <= tol * s2 * G->bnd[i * m + j]))
                return check_fail("%s: C[%lld,%lld] = %.17g, want %.17g", what, (long long)i,
                                  (long long)j, got, want);
            stored++;
        }
    int64_t want = 0; /* products with at least one term */
    for (int64_t i = 0; i < m; i++)
        for (int64_t j = full ? 0 : i; j < m; j++) {
            int hit = 0;
            for (int64_t p = G->rp[i]; p < G->rp[i + 1] && !hit; p++)
                for (int64_t q = G->rp[j]; q < G->rp[j + 1]; q++)
                    if (G->ci[q] == G->ci[p]) hit = 1;
            want += hit;
        }
    return check_true(stored == want, what);
}

/* G with one entry moved to another column (the same row lengths and
 * entry count): a pattern the product's plan does not hold. */
static systec_csrmat_t *moved_operand(const Gen *G, int dbl, int i64)
{
    Gen H = *G;
    int64_t nnz = G->rp[G->m];
    H.ci = malloc(sizeof(int64_t) * (size_t)(nnz + 1));
    memcpy(H.ci, G->ci, sizeof(int64_t) * (size_t)nnz);
    for (int64_t r = 0; r < G->m; r++) /* the last entry of a row that can move right */
        if (G->rp[r + 1] > G->rp[r] && G->ci[G->rp[r + 1] - 1] + 1 < G->k) {
            H.ci[G->rp[r + 1] - 1]++;
            break;
        }
    systec_csrmat_t *A = operand(&H, dbl, i64, 1);
    free(H.ci);
    return A;
}

/* The numeric phase of a product at the current thread count: the same
 * bits again; values of the operand times 2 (every term times 4, exact);
 * a moved pattern refused, C untouched; then the first values back. */
static int check_numeric(const Gen *G, systec_csrmat_t *A, systec_csrmat_t *C, int full, int dbl,
                         int i64, const char *what)
{
    int fails = 0;
    systec_status_t (*num)(const systec_csrmat_t *, systec_csrmat_t *) =
        dbl ? (full ? systec_daat_numeric : systec_dsyrk_numeric)
            : (full ? systec_saat_numeric : systec_ssyrk_numeric);
    int64_t nnz;
    const void *v;
    systec_csrmat_info(C, NULL, NULL, &nnz, NULL, NULL);
    systec_csrmat_data(C, NULL, NULL, &v);
    size_t bytes = (dbl ? 8 : 4) * (size_t)nnz;
    void *first = malloc(bytes + 1);
    memcpy(first, v, bytes);
    CHECK_ST(num(A, C), SYSTEC_SUCCESS);
    CHECK(!memcmp(first, v, bytes), "%s: numeric again, same bits", what);
    systec_csrmat_t *A2 = operand(G, dbl, i64, 2), *B = moved_operand(G, dbl, i64);
    CHECK_ST(num(A2, C), SYSTEC_SUCCESS);
    char w2[160];
    snprintf(w2, sizeof w2, "%s, values times 2", what);
    fails += check_product(G, C, full, 2, w2);
    CHECK_ST(num(A, C), SYSTEC_SUCCESS);
    CHECK(!memcmp(first, v, bytes), "%s: the first values again, same bits", what);
    CHECK_ST(num(B, C), SYSTEC_ERR_INVALID_VALUE);
    CHECK(!memcmp(first, v, bytes), "%s: another pattern refused, C untouched", what);
    CHECK_ST(num(A, C), SYSTEC_SUCCESS);
    CHECK(!memcmp(first, v, bytes), "%s: after the refusal, same bits", what);
    systec_csrmat_free(&A2);
    systec_csrmat_free(&B);
    free(first);
    return fails;
}

/* The dense output against the reference; below the diagonal (upper)
 * left alone. */
static int check_dense(const Gen *G, const systec_csrmat_t *A, int full, int dbl, const char *what)
{
    int fails = 0;
    int64_t m = G->m;
    void *dense = malloc((dbl ? 8 : 4) * (size_t)(m * m + 1));
    for (int64_t q = 0; q < m * m; q++)
        if (dbl) ((double *)dense)[q] = -7; else ((float *)dense)[q] = -7;
    systec_status_t st =
        dbl ? (full ? systec_daat_dense : systec_dsyrk_dense)(A, dense, m)
            : (full ? systec_saat_dense : systec_ssyrk_dense)(A, dense, m);
    CHECK_ST(st, SYSTEC_SUCCESS);
    double tol = dbl ? 1e-12 : 1e-5;
    int bad = 0;
    for (int64_t i = 0; i < m && !bad; i++)
        for (int64_t j = 0; j < m && !bad; j++) {
            double want = !full && j < i ? -7 : (double)G->ref[i * m + j];
            double slack = !full && j < i ? 0 : tol * G->bnd[i * m + j];
            bad = !(fabs(val_at(dense, dbl, i * m + j) - want) <= slack);
        }
    CHECK(!bad, "%s dense", what);
    free(dense);
    return fails;
}

/* SSYRK and the baseline, sparse and dense output, at every thread count,
 * in double and float with int32 and int64 indices: the parallel symbolic
 * and numeric phases (the work threshold set to 0; several parts per
 * thread, one per thread, as the tuning table says), the pattern and
 * values against the reference, numeric again bit for bit, new values, a
 * moved pattern refused with C untouched. */
static int syrk_threads(void)
{
    int fails = 0;
    Gen G, Gf;
    gen_random(&G, 150, 90, 0.05);
    /* float handles: the reference of the values rounded to float */
    Gf = G;
    Gf.v = malloc(sizeof(double) * (size_t)(G.rp[G.m] + 1));
    for (int64_t q = 0; q < G.rp[G.m]; q++) Gf.v[q] = (double)(float)G.v[q];
    Gf.ref = calloc((size_t)(G.m * G.m + 1), sizeof(long double));
    Gf.bnd = calloc((size_t)(G.m * G.m + 1), sizeof(double));
    for (int64_t i = 0; i < G.m; i++)
        for (int64_t j = 0; j < G.m; j++)
            for (int64_t p = G.rp[i]; p < G.rp[i + 1]; p++)
                for (int64_t q = G.rp[j]; q < G.rp[j + 1]; q++)
                    if (G.ci[p] == G.ci[q]) {
                        long double t = (long double)Gf.v[p] * Gf.v[q];
                        Gf.ref[i * G.m + j] += t;
                        Gf.bnd[i * G.m + j] += (double)fabsl(t);
                    }
    CHECK_ST(systec__tuning_set("par_min_entries", 0), SYSTEC_SUCCESS);
    for (int per = 0; per < 2; per++) {
        CHECK_ST(systec__tuning_set("par_parts_per_thread", per ? 4 : 1), SYSTEC_SUCCESS);
        for (int ty = 0; ty < 4; ty++) {
            int dbl = ty < 2, i64 = ty % 2;
            const Gen *R = dbl ? &G : &Gf;
            systec_csrmat_t *A = operand(R, dbl, i64, 1);
            CHECK(A != NULL, "operand");
            for (size_t c = 0; A && c < sizeof thread_counts / sizeof *thread_counts; c++) {
                int T = thread_counts[c];
                CHECK_ST(systec_set_num_threads(T), SYSTEC_SUCCESS);
                for (int full = 0; full < 2; full++) {
                    char what[128];
                    snprintf(what, sizeof what, "%s %s %s at %d threads, %d parts per thread",
                             full ? "aat" : "syrk", dbl ? "double" : "float",
                             i64 ? "int64" : "int32", T, per ? 4 : 1);
                    systec_csrmat_t *C = NULL;
                    CHECK_ST((dbl ? (full ? systec_daat : systec_dsyrk)
                                  : (full ? systec_saat : systec_ssyrk))(A, &C),
                             SYSTEC_SUCCESS);
                    if (!C) continue;
                    const systec__syrk_par *q = C->aat->par;
                    if (systec__threads_openmp() && T > 1)
                        CHECK(q && q->kp.nthreads == T && q->kp.nparts >= T &&
                                  q->kp.nparts <= (per ? 4 : 1) * T,
                              "%s: %d threads, %d parts", what, q ? q->kp.nthreads : 1,
                              q ? q->kp.nparts : 1);
                    else
                        CHECK(!q, "%s: serial (one thread or no OpenMP)", what);
                    fails += check_product(R, C, full, 1, what);
                    fails += check_numeric(R, A, C, full, dbl, i64, what);
                    systec_csrmat_free(&C);
                    fails += check_dense(R, A, full, dbl, what);
                }
            }
            systec_csrmat_free(&A);
        }
    }
    CHECK_ST(systec_set_num_threads(-1), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_set_num_threads(0), SYSTEC_SUCCESS);
    CHECK(systec_get_num_threads() == systec__threads_default(NULL), "back to the default");
    systec__tuning_reset();
    free(Gf.v);
    free(Gf.ref);
    free(Gf.bnd);
    gen_free(&G);
    return fails;
}

/* ------------------------------------------------------- thread control */

static int write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (!f) return -1;
    fputs(text, f);
    return fclose(f);
}

/* Parsing counts and the cgroup quota (v2 and v1 layouts in a scratch
 * directory: the smallest quota on the way up wins, rounded up). */
static int thread_control(void)
{
    int fails = 0;
    const char *good[4] = {"4", " 3 ", "5,2", "1"};
    int want[4] = {4, 3, 5, 1};
    for (int k = 0; k < 4; k++)
        CHECK(systec__threads_parse(good[k]) == want[k], "parse '%s'", good[k]);
    const char *bad[6] = {"0", "-1", "abc", "", "99999999", "2x"};
    for (int k = 0; k < 6; k++) CHECK(!systec__threads_parse(bad[k]), "refuse '%s'", bad[k]);
    CHECK(!systec__threads_parse(NULL), "refuse NULL");
    char root[] = "/tmp/systec_cgXXXXXX", d[256], f[300];
    if (!mkdtemp(root)) return check_fail("mkdtemp");
    snprintf(d, sizeof d, "%s/a", root);
    mkdir(d, 0700);
    snprintf(d, sizeof d, "%s/a/b", root);
    mkdir(d, 0700);
    snprintf(f, sizeof f, "%s/a/b/cpu.max", root);
    write_file(f, "max 100000\n");
    CHECK(systec__threads_cgroup_quota(root, "/a/b") == 0, "no quota: 0");
    snprintf(f, sizeof f, "%s/a/cpu.max", root);
    write_file(f, "150000 100000\n");
    CHECK(systec__threads_cgroup_quota(root, "/a/b") == 2, "1.5 cores above: 2");
    snprintf(f, sizeof f, "%s/a/b/cpu.cfs_quota_us", root);
    write_file(f, "50000\n");
    snprintf(f, sizeof f, "%s/a/b/cpu.cfs_period_us", root);
    write_file(f, "100000\n");
    snprintf(f, sizeof f, "%s/a/b/cpu.max", root);
    unlink(f);
    CHECK(systec__threads_cgroup_quota(root, "/a/b") == 1, "v1 half a core: 1");
    const char *rm[4] = {"/a/b/cpu.cfs_quota_us", "/a/b/cpu.cfs_period_us", "/a/cpu.max", ""};
    for (int k = 0; k < 3; k++) {
        snprintf(f, sizeof f, "%s%s", root, rm[k]);
        unlink(f);
    }
    snprintf(d, sizeof d, "%s/a/b", root);
    rmdir(d);
    snprintf(d, sizeof d, "%s/a", root);
    rmdir(d);
    rmdir(root);
    int by_quota, cores = systec__threads_cores(&by_quota);
    CHECK(cores >= 1, "cores %d", cores);
    CHECK(systec__threads_for(3) == 3 && systec__threads_for(0) == systec__threads_default(NULL),
          "a hint wins over the default");
    return fails;
}

/* --threads-default N SOURCE: run with SYSTEC_NUM_THREADS / OMP_NUM_THREADS
 * set (or not) by the test's environment. SOURCE "cores" means the
 * affinity mask or the cgroup quota, N 0 their count. */
static int threads_default(int n, const char *source)
{
    int fails = 0;
    systec__thr_source src;
    int got = systec__threads_default(&src), by_quota;
    if (!systec__threads_openmp()) {
        CHECK(got == 1 && src == SYSTEC__THR_SERIAL_BUILD, "a serial build: 1 thread");
        return fails;
    }
    if (!strcmp(source, "cores")) {
        int cores = systec__threads_cores(&by_quota);
        CHECK(got == cores && (src == SYSTEC__THR_AFFINITY || src == SYSTEC__THR_CGROUP),
              "default %d from %s, want the %d cores", got, systec__thr_source_name(src), cores);
    } else {
        CHECK(got == n && !strcmp(systec__thr_source_name(src), source),
              "default %d from %s, want %d from %s", got, systec__thr_source_name(src), n,
              source);
    }
    return fails;
}

int main(int argc, char **argv)
{
    if (argc == 4 && !strcmp(argv[1], "--threads-default"))
        return threads_default(atoi(argv[2]), argv[3]) + check_summary();
    if (tu_isa_unavailable()) return 77;
    rnd_seed(777);
    Tri T;
    tri_stencil(&T, 9);
    all_variants(&T);
    tri_free(&T);
    tri_random(&T, 1500, 5); /* irregular rows, some without a diagonal */
    all_variants(&T);
    tri_free(&T);
    tri_random(&T, 3, 1);
    all_variants(&T);
    tri_free(&T);
    missing_kernels();
    dispatcher();
    profile_sections();
    irregular();
    expansion();
    concurrent();
    syrk_threads();
    thread_control();
    tri_each_file(argc - 1, argv + 1, all_variants);
    return check_summary();
}
