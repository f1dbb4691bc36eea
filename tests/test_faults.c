/* Allocation failure: the library's allocator wrapper (src/alloc.c), in the
 * test-only build configured with -DSYSTEC_FAULT_INJECTION=ON, fails the
 * k-th allocation. One scenario makes every kind of call that allocates --
 * read (Matrix Market, .tns plain and gzip, .ssten, hypergraphs) ->
 * convert (symmetric, min-plus and general handles, expansions, plans) ->
 * every kernel -> SSYRK (sparse, numeric, expansion, dense) -> tensors
 * (random, canonical and full forms, expansion, CSF, MTTKRP with both
 * kernels, TTM, TTM into sparse rows, TTMc direct and through plans in both
 * coordinate storages) -> writers -- and it is run for k = 1, 2, ... until a run
 * completes without the failure being reached. At each k:
 *   - the call whose allocation failed returns SYSTEC_ERR_OUT_OF_MEMORY with
 *     a message, and its output is untouched (preset to a byte pattern);
 *   - once everything the scenario built is freed, the library holds no
 *     block (the wrapper's live count is back to where it was): nothing
 *     leaked. LeakSanitizer checks the same at exit where the test is built
 *     with it (scripts/sanitize.sh; -fsanitize=leak in the normal build
 *     when the compiler has it).
 *
 * usage: test_faults DATA_DIR   (tests/data) */
#include "internal.h"
#include "testutil.h"
#include "tuning.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SYSTEC_FAULT_INJECTION
#error "test_faults needs the fault-injection build (SYSTEC_FAULT_INJECTION)"
#endif

static const char *data_dir;
static char tmpdir[4096];
static long failed_step_status_bad, untouched_bad;
static const unsigned char SENT = 0xab;

static void preset(void *out, size_t size) { memset(out, SENT, size); }

static int untouched(const void *out, size_t size)
{
    for (size_t k = 0; k < size; k++)
        if (((const unsigned char *)out)[k] != SENT) return 0;
    return 1;
}

/* After a call with output out (size bytes): 0 to go on; 1 when it failed,
 * having checked the failure (OUT_OF_MEMORY, a message, out untouched) and
 * zeroed out so the scenario's cleanup frees nothing of it. */
static int trace; /* SYSTEC_FAULTS_TRACE set: each call and the allocations so far */

static int failed(const char *what, systec_status_t st, void *out, size_t size)
{
    if (trace) printf("  %ld allocations after %s\n", systec__fault_count(), what);
    if (st == SYSTEC_SUCCESS) return 0;
    if (st != SYSTEC_ERR_OUT_OF_MEMORY || !systec_last_error()[0]) {
        failed_step_status_bad++;
        check_fail("%s under a failed allocation: status %d (%s), detail \"%s\"", what, (int)st,
                   systec_strerror(st), systec_last_error());
    }
    if (out && !untouched(out, size)) {
        untouched_bad++;
        check_fail("%s: output modified by the failed call", what);
    }
    if (out) memset(out, 0, size);
    return 1;
}

#define STEP(OUT, CALL) (preset((OUT), sizeof *(OUT)), failed(#CALL, (CALL), (OUT), sizeof *(OUT)))
/* calls whose output is a caller's array of n elements */
#define STEPN(OUT, N, CALL) (preset((OUT), sizeof *(OUT) * (N)), failed(#CALL, (CALL), (OUT), sizeof *(OUT) * (N)))

static const char *path_of(const char *dir, const char *name)
{
    static char buf[8][4200];
    static int slot;
    char *p = buf[slot++ % 8];
    snprintf(p, 4200, "%s/%s", dir, name);
    return p;
}

/* What a call that recovers from a failed allocation must still produce:
 * the results of a run without failures (set before the walk). */
static struct {
    int set;
    int64_t u_nnz, a_nnz, t_nnz;
    double u_val[64], a_val[64], t_val[64];
} ref;

/* C's values (nnz) against the reference, or record them. */
static void same_values(const char *what, const systec_csrmat_t *C, int64_t *nnz, double *val)
{
    const double *v = NULL;
    int64_t k = -1;
    systec_csrmat_info(C, NULL, NULL, &k, NULL, NULL);
    systec_csrmat_data(C, NULL, NULL, (const void **)&v);
    if (!ref.set) {
        *nnz = k;
        memcpy(val, v, sizeof(double) * (size_t)(k < 64 ? k : 64));
        return;
    }
    CHECK(k == *nnz && !memcmp(val, v, sizeof(double) * (size_t)(k < 64 ? k : 64)),
          "%s: result differs from the run without failures", what);
}

/* Everything the scenario builds, freed by cleanup whatever step failed. */
typedef struct {
    systec_coo_t coo;
    systec_symmat_t *A, *Af, *M, *Af2;
    systec_csrmat_t *G, *H, *U, *F, *W, *Ua;
    systec_tns_t T, Tg, Ts, Th, Tr, Trs, Fx, Tc;
    systec_symten_t *S, *S4, *Sf;
    systec_csften_t *C;
    systec_ttmcplan_t *Pc[2];
    systec_ttmrows_t *Pr, *Prc;
} built;

static void cleanup(built *b)
{
    systec_coo_free(&b->coo);
    systec_symmat_free(&b->A);
    systec_symmat_free(&b->Af);
    systec_symmat_free(&b->M);
    systec_symmat_free(&b->Af2);
    systec_csrmat_t **g[] = {&b->G, &b->H, &b->U, &b->F, &b->W, &b->Ua};
    for (size_t k = 0; k < sizeof g / sizeof *g; k++) systec_csrmat_free(g[k]);
    systec_tns_t *t[] = {&b->T, &b->Tg, &b->Ts, &b->Th, &b->Tr, &b->Trs, &b->Fx, &b->Tc};
    for (size_t k = 0; k < sizeof t / sizeof *t; k++) systec_tns_free(t[k]);
    systec_symten_free(&b->S);
    systec_symten_free(&b->S4);
    systec_symten_free(&b->Sf);
    systec_csften_free(&b->C);
    systec_ttmcplan_free(&b->Pc[0]);
    systec_ttmcplan_free(&b->Pc[1]);
    systec_ttmrows_free(&b->Pr);
    systec_ttmrows_free(&b->Prc);
}

/* The matrix half: read, convert, every matrix kernel, plans, SSYRK,
 * writing. 0 when every step succeeded, 1 when one failed. */
static int matrix_steps(built *b)
{
    double x[256], y[256], s[4];
    float xf[256], yf[256];
    for (int i = 0; i < 256; i++) x[i] = 1.0 / (1 + i), xf[i] = (float)x[i];
    if (STEP(&b->coo, systec_mm_read(path_of(data_dir, "bcsstk01.mtx"), &b->coo))) return 1;
    if (STEP(&b->A, systec_symmat_from_coo(&b->A, &b->coo, SYSTEC_DOUBLE, SYSTEC_INT32))) return 1;
    if (STEP(&b->Af, systec_symmat_from_coo(&b->Af, &b->coo, SYSTEC_FLOAT, SYSTEC_INT64))) return 1;
    if (STEP(&b->M, systec_symmat_from_coo_minplus(&b->M, &b->coo, SYSTEC_DOUBLE, SYSTEC_INT32)))
        return 1;
    if (STEP(&b->G, systec_csrmat_from_symmat(&b->G, b->A))) return 1;
    int64_t n = b->coo.nrows;
    /* every matrix operation on the handles and the expansion */
    if (STEPN(y, n, systec_dsymv(b->A, 1, x, 0, y)) || STEPN(s, 1, systec_dsyprd(b->A, 1, x, 0, s)) ||
        STEPN(y, n * 2, systec_dsymm(b->A, 2, 1, x, 0, y)) ||
        STEPN(y, n, systec_dsymv_minplus(b->M, x, y)) ||
        STEPN(s, 1, systec_dsybilin(b->A, 1, x, x + 1, 0, s)) ||
        STEPN(y, n, systec_dgemv(b->G, 1, x, 0, y)) ||
        STEPN(yf, n, systec_ssymv(b->Af, 1, xf, 0, yf)))
        return 1;
    /* a plan that builds the entry stream, then the call on it */
    if (failed("hint", systec_symmat_hint(b->A, SYSTEC_OP_SYPRD, 1000000, 0), NULL, 0) ||
        failed("force", systec_symmat_force(b->A, SYSTEC_OP_SYMV, "stream"), NULL, 0) ||
        failed("optimize", systec_symmat_optimize(b->A), NULL, 0) ||
        STEPN(y, n, systec_dsymv(b->A, 1, x, 0, y)))
        return 1;
    /* a plan on the full expansion, then the call on it */
    if (failed("force", systec_symmat_force(b->A, SYSTEC_OP_SYMM, "full"), NULL, 0) ||
        failed("optimize", systec_symmat_optimize(b->A), NULL, 0) ||
        STEPN(y, n * 2, systec_dsymm(b->A, 2, 1, x, 0, y)))
        return 1;
    char text[4096];
    if (failed("describe", systec_symmat_describe(b->A, SYSTEC_OP_ALL, text, sizeof text, NULL),
               NULL, 0))
        return 1;
    /* a direct call on the lower triangle */
    int32_t rp[] = {0, 1, 3}, ci[] = {0, 0, 1};
    double v[] = {2, 1, 3};
    if (STEPN(y, 2, systec_dsymv_csr(SYSTEC_LOWER, 2, rp, ci, v, 1, x, 0, y))) return 1;
    /* a handle from it, and new values for its pattern */
    int32_t rp2[] = {0, 0, 1}, ci2[] = {0};
    if (STEP(&b->Af2, systec_symmat_create_csr(&b->Af2, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32,
                                               2, rp, ci, v)) ||
        failed("update_values", systec_symmat_update_values(b->Af2, SYSTEC_LOWER, rp2, ci2, v),
               NULL, 0))
        return 1;
    /* ... and on its full expansion, whose stored diagonals change back */
    if (failed("force", systec_symmat_force(b->Af2, SYSTEC_OP_SYMV, "full"), NULL, 0) ||
        failed("optimize", systec_symmat_optimize(b->Af2), NULL, 0) ||
        failed("update_values", systec_symmat_update_values(b->Af2, SYSTEC_LOWER, rp, ci, v),
               NULL, 0) ||
        STEPN(y, 2, systec_dsymv(b->Af2, 1, x, 0, y)))
        return 1;
    /* SSYRK: sparse, values again, all of A A^T, the expansion, dense */
    int64_t grp[] = {0, 2, 3, 5}, gci[] = {0, 3, 1, 0, 2};
    double gv[] = {1, 2, 3, 4, 5};
    if (STEP(&b->H, systec_csrmat_create_csr(&b->H, SYSTEC_DOUBLE, SYSTEC_INT64, 3, 4, grp, gci, gv)))
        return 1;
    if (STEP(&b->U, systec_dsyrk(b->H, &b->U))) return 1;
    same_values("dsyrk", b->U, &ref.u_nnz, ref.u_val);
    if (failed("dsyrk_numeric", systec_dsyrk_numeric(b->H, b->U), NULL, 0)) return 1;
    if (STEP(&b->Ua, systec_daat(b->H, &b->Ua))) return 1;
    same_values("daat", b->Ua, &ref.a_nnz, ref.a_val);
    if (STEP(&b->F, systec_csrmat_expand_upper(b->U, &b->F))) return 1;
    if (STEPN(y, 9, systec_dsyrk_dense(b->H, y, 3))) return 1;
    /* write and read back */
    if (failed("mm_write", systec_mm_write(path_of(tmpdir, "w.mtx"), &b->coo), NULL, 0)) return 1;
    systec_coo_t back;
    if (STEP(&back, systec_mm_read(path_of(tmpdir, "w.mtx"), &back))) return 1;
    systec_coo_free(&back);
    return 0;
}

/* The tensor half: readers, the random generator, handles and kernels. */
static int tensor_steps(built *b)
{
    static double B[4096], C[65536];
    for (int i = 0; i < 4096; i++) B[i] = 1.0 / (1 + i);
    if (STEP(&b->T, systec_tns_read(path_of(data_dir, "small3.tns"), &b->T))) return 1;
    if (!ref.set) {
        ref.t_nnz = b->T.nnz;
        memcpy(ref.t_val, b->T.val, sizeof(double) * (size_t)(b->T.nnz < 64 ? b->T.nnz : 64));
    } else {
        CHECK(b->T.nnz == ref.t_nnz && !memcmp(ref.t_val, b->T.val, sizeof(double) *
                                               (size_t)(b->T.nnz < 64 ? b->T.nnz : 64)),
              "tns_read: result differs from the run without failures");
    }
    if (STEP(&b->Tg, systec_tns_read(path_of(data_dir, "small3.tns.gz"), &b->Tg))) return 1;
    if (STEP(&b->Ts, systec_ssten_read(path_of(tmpdir, "t.ssten"), &b->Ts))) return 1;
    if (STEP(&b->Th, systec_hypergraph_read(path_of(tmpdir, "h-nverts.txt"),
                                            path_of(tmpdir, "h-simplices.txt"), 3,
                                            SYSTEC_HYPER_PADDED, &b->Th)))
        return 1;
    if (STEP(&b->Tr, systec_tns_random_symmetric(3, 12, 0.2, 5, &b->Tr))) return 1;   /* scan */
    if (STEP(&b->Trs, systec_tns_random_symmetric(4, 60, 0.0005, 5, &b->Trs))) return 1; /* sparse */
    if (STEP(&b->S, systec_symten_create(&b->S, &b->Tr, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE)))
        return 1;
    if (STEP(&b->S4, systec_symten_create(&b->S4, &b->Trs, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE)))
        return 1;
    if (STEP(&b->Fx, systec_symten_expand(b->S, &b->Fx))) return 1;
    if (STEP(&b->Sf, systec_symten_create(&b->Sf, &b->Fx, SYSTEC_SYM_FULL, SYSTEC_FLOAT))) return 1;
    if (STEP(&b->C, systec_csften_create(&b->C, &b->Fx, SYSTEC_DOUBLE))) return 1;
    if (STEP(&b->Tc, systec_symten_to_tns(b->S, &b->Tc))) return 1;
    int64_t R = 3, n = b->Tr.dim;
    for (int tree = 0; tree < 2; tree++) { /* both symmetric MTTKRP kernels */
        /* the tree kernel (any share of nodes) or the per-entry one (none) */
        if (systec__tuning_set("mttkrp_tree_max_share", tree ? 1e18 : 0)) {
            printf("FAIL: cannot force the MTTKRP kernel: %s\n", systec_last_error());
            return 1;
        }
        int f = STEPN(C, n * R, systec_dmttkrp(b->S, R, B, C));
        systec__tuning_reset();
        if (f) return 1;
    }
    if (STEPN(C, n * R, systec_dmttkrp_csf(b->C, R, B, C)) ||
        STEPN(C, n, systec_dttsv(b->S, B, C)) || STEPN(C, n, systec_dttsv_csf(b->C, B, C)) ||
        STEPN(C, n * (n + 1) / 2 * R, systec_dttm(b->S, R, B, C)) ||
        STEPN(C, n * n * R, systec_dttm_csf(b->C, R, B, C)))
        return 1;
    int64_t packed = 0;
    systec_ttmc_size(3, n, R, &packed, NULL);
    if (STEPN(C, packed, systec_dttmc(b->S, R, B, C)) ||
        STEPN(C, n * R * R, systec_dttmc_coo(&b->Fx, R, B, C)))
        return 1;
    for (int byrow = 0; byrow < 2; byrow++) { /* TTMc plans in both coordinate storages */
        if (systec__tuning_set("coo_byrow_min_entries", byrow ? 0 : 1e18)) {
            printf("FAIL: cannot force the TTMc storage: %s\n", systec_last_error());
            return 1;
        }
        int f = STEP(&b->Pc[byrow], systec_ttmcplan_create(&b->Pc[byrow], b->S));
        systec__tuning_reset();
        if (f || STEPN(C, packed, systec_dttmc_plan(b->Pc[byrow], R, B, C))) return 1;
    }
    /* TTM into sparse rows: the handle's (pairs j <= l) and the full list's */
    if (STEP(&b->Pr, systec_ttmrows_create(&b->Pr, b->S)) ||
        STEP(&b->Prc, systec_ttmrows_create_coo(&b->Prc, &b->Fx, SYSTEC_DOUBLE)))
        return 1;
    int64_t rows = 0, rows_full = 0, cells = 0;
    int use = 0;
    if (failed("ttmrows_info", systec_ttmrows_info(b->Pr, NULL, &rows, NULL), NULL, 0) ||
        failed("ttmrows_info", systec_ttmrows_info(b->Prc, NULL, &rows_full, NULL), NULL, 0) ||
        failed("ttm_choose_output", systec_ttm_choose_output(b->S, b->Pr, R, &use, &cells), NULL, 0) ||
        STEPN(C, rows * R, systec_dttm_rows(b->Pr, R, B, C)) ||
        STEPN(C, rows_full * R, systec_dttm_rows(b->Prc, R, B, C)))
        return 1;
    if (failed("tns_write", systec_tns_write(path_of(tmpdir, "w.tns"), &b->Tr), NULL, 0)) return 1;
    return 0;
}

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        printf("usage: test_faults DATA_DIR\n");
        return 2;
    }
    setvbuf(stdout, NULL, _IOLBF, 0); /* LeakSanitizer ends the process at exit */
    data_dir = argv[1];
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/systec_faults_XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpdir)) return 2;
    write_text(path_of(tmpdir, "t.ssten"), "3 5 3\n1 2 3 1.0\n2 4 5 0.5\n1 1 5 2\n");
    write_text(path_of(tmpdir, "h-nverts.txt"), "3\n2\n3\n");
    write_text(path_of(tmpdir, "h-simplices.txt"), "1\n2\n3\n2\n4\n1\n3\n4\n");
    systec__tuning_get(); /* the tuning table's one-time set-up, outside the walk */
    trace = getenv("SYSTEC_FAULTS_TRACE") != NULL;
    { /* the run without failures: the references */
        built b;
        memset(&b, 0, sizeof b);
        int stopped = matrix_steps(&b) || tensor_steps(&b);
        CHECK(!stopped, "the scenario runs without failures");
        cleanup(&b);
        ref.set = 1;
    }
    long k, points = 0, total = 0, absorbed = 0, leaks = 0;
    for (k = 1;; k++) {
        built b;
        memset(&b, 0, sizeof b);
        long live0 = systec__fault_live();
        systec__fault_arm(k);
        int stopped = matrix_steps(&b) || tensor_steps(&b);
        long attempted = systec__fault_count();
        systec__fault_arm(0);
        cleanup(&b);
        long leaked = systec__fault_live() - live0;
        if (leaked) {
            check_fail("k = %ld: %ld blocks leaked after the failed allocation", k, leaked);
            leaks++;
        }
        if (attempted < k) { /* the k-th allocation was never reached: the walk is done */
            CHECK(!stopped, "k = %ld: a call failed without a failed allocation", k);
            total = attempted;
            break;
        }
        points++;
        absorbed += !stopped; /* a call that recovers (e.g. SSYRK's reserve: it starts small) */
        if (trace && !stopped) printf("k = %ld: recovered\n", k);
        if (k > 100000) {
            check_fail("the walk does not end");
            break;
        }
    }
    CHECK(failed_step_status_bad == 0 && untouched_bad == 0,
          "%ld failures with a wrong status or message, %ld with a modified output",
          failed_step_status_bad, untouched_bad);
    CHECK(points > 100, "only %ld allocation points walked", points);
    CHECK(points == total, "%ld allocation points walked of the scenario's %ld", points, total);
    printf("allocation failure: %ld allocation points walked (every allocation of the "
           "scenario); %ld failures returned OUT_OF_MEMORY with the outputs untouched, %ld were "
           "recovered from by the call; %ld points leaked\n", points, points - absorbed, absorbed,
           leaks);
    char cmd[4300];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    if (system(cmd) != 0) printf("note: could not remove %s\n", tmpdir);
    return check_summary();
}
