/* Plans and the inspector-executor API: the same decision through a direct
 * call and a handle (describe), hints and optimize building or freeing the
 * entry stream, every forced variant correct, values-only updates, the
 * bilinear form in every type, and the instruction-set choice.
 *
 * usage: test_plan [DIR_OR_MTX...]     the checks, plus real matrices
 *        test_plan --verbose           one direct call and one handle (for
 *                                      the SYSTEC_VERBOSE log test)
 *        test_plan --isa NAME          systec_isa() must be NAME, and a call
 *                                      must succeed
 *        test_plan --isa-refused       SYSTEC_ISA names what the CPU lacks:
 *                                      calls fail, outputs untouched */
#include "internal.h"
#include "kernels.h"
#include "testutil.h"
#include "trimat.h"

#include <math.h>

/* ------------------------------------------------------- describe text */

/* The first word after "  <key>" on the description's lines, e.g. the
 * schedule's name; "" if absent. */
static void field(const char *text, const char *key, char *out, size_t len)
{
    char pat[32];
    snprintf(pat, sizeof pat, "\n  %s", key);
    const char *p = strstr(text, pat);
    out[0] = 0;
    if (!p) return;
    p += strlen(pat);
    while (*p == ' ') p++;
    size_t n = strcspn(p, " :\n");
    snprintf(out, len, "%.*s", (int)(n < len ? n : len - 1), p);
}

/* The direct call and the handle take the same schedule for symv, syprd
 * and symm wherever the handle runs the row loop (split storage), as the
 * describe calls show. */
static int same_decisions(Tri *T)
{
    int fails = 0;
    systec_symmat_t *A = NULL;
    void *rp32 = narrow(T->rp, T->n + 1), *ci32 = narrow(T->ci, T->nnz);
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, T->n, rp32,
                                      ci32, T->v),
             SYSTEC_SUCCESS);
    free(ci32);
    systec_op_t ops[3] = {SYSTEC_OP_SYMV, SYSTEC_OP_SYPRD, SYSTEC_OP_SYMM};
    for (int k = 0; k < 3; k++) {
        char hd[2048], dd[2048], hs[32], ds[32], hst[32];
        CHECK_ST(systec_symmat_describe(A, ops[k], hd, sizeof hd, NULL), SYSTEC_SUCCESS);
        CHECK_ST(systec_describe_csr(ops[k], SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, T->n, T->n,
                                     rp32, dd, sizeof dd, NULL),
                 SYSTEC_SUCCESS);
        field(hd, "schedule", hs, sizeof hs);
        field(dd, "schedule", ds, sizeof ds);
        field(hd, "storage", hst, sizeof hst);
        if (strcmp(hst, "split")) continue; /* the stream: no direct counterpart */
        CHECK(hs[0] && !strcmp(hs, ds), "%s (n=%lld) op %d: handle schedule '%s', direct '%s'\n%s%s",
              T->label, (long long)T->n, (int)ops[k], hs, ds, hd, dd);
    }
    free(rp32);
    systec_symmat_free(&A);
    return fails + !A;
}

/* ------------------------------------------------ forced variants, hints */

static const char *const variants[] = {"split:serial", "split:serial_short", "stream:serial",
                                       "stream:serial_short", "split:serial_ipf",
                                       "stream:serial_ipf"};

/* symv, symm (K = 3), syprd and bilin of a plus-times handle of T against
 * the reference (T expanded). */
static int ops_against_reference(const Tri *T, const systec_symmat_t *A, const char *vn)
{
    int fails = 0;
    int64_t n = T->n, K = 3;
    double *x = malloc(sizeof(double) * (size_t)(2 * n * K + 1));
    double *y0 = malloc(sizeof(double) * (size_t)(n * K + 1));
    double *ref = malloc(sizeof(double) * (size_t)(n * K + 1));
    double *bnd = malloc(sizeof(double) * (size_t)(n * K + 1));
    double *out = malloc(sizeof(double) * (size_t)(n * K + 1));
    for (int64_t i = 0; i < 2 * n * K; i++) x[i] = rnd_sym();
    for (int64_t i = 0; i < n * K; i++) y0[i] = rnd_sym();
    char what[160];
    ref_mv(T, 1, -0.5, x, 1.5, y0, ref, bnd);
    memcpy(out, y0, sizeof(double) * (size_t)n);
    CHECK_ST(systec_dsymv(A, -0.5, x, 1.5, out), SYSTEC_SUCCESS);
    snprintf(what, sizeof what, "%s symv %s", T->label, vn);
    fails += close_all(out, ref, bnd, n, 1e-12, what);
    ref_mv(T, K, 2.0, x, 0.0, y0, ref, bnd);
    CHECK_ST(systec_dsymm(A, K, 2.0, x, 0.0, out), SYSTEC_SUCCESS);
    snprintf(what, sizeof what, "%s symm %s", T->label, vn);
    fails += close_all(out, ref, bnd, n * K, 1e-12, what);
    double s = 0.25, b, want = ref_bilin(T, 1.5, x, x, 2.0, s, &b);
    CHECK_ST(systec_dsyprd(A, 1.5, x, 2.0, &s), SYSTEC_SUCCESS);
    snprintf(what, sizeof what, "%s syprd %s", T->label, vn);
    fails += close_all(&s, &want, &b, 1, 1e-12, what);
    s = 0.25;
    want = ref_bilin(T, 1.5, x, x + n, 2.0, s, &b);
    CHECK_ST(systec_dsybilin(A, 1.5, x, x + n, 2.0, &s), SYSTEC_SUCCESS);
    snprintf(what, sizeof what, "%s bilin %s", T->label, vn);
    fails += close_all(&s, &want, &b, 1, 1e-12, what);
    free(x);
    free(y0);
    free(ref);
    free(bnd);
    free(out);
    return fails;
}

/* y := min(y0, A (min,+) x) of the min-plus matrix of T's pattern and values,
 * exactly (one rounded addition per term, as the kernels). */
static int minplus_against_reference(const Tri *T, const systec_symmat_t *A, const char *vn)
{
    int64_t n = T->n;
    double *x = malloc(sizeof(double) * (size_t)(n + 1)), *y = malloc(sizeof(double) * (size_t)(n + 1));
    double *want = malloc(sizeof(double) * (size_t)(n + 1));
    for (int64_t i = 0; i < n; i++) x[i] = 4 * rnd_unit(), y[i] = want[i] = 1 + 4 * rnd_unit();
    for (int64_t r = 0; r < n; r++)
        for (int64_t p = T->frp[r]; p < T->frp[r + 1]; p++)
            if (T->fv[p] + x[T->fci[p]] < want[r]) want[r] = T->fv[p] + x[T->fci[p]];
    CHECK_ST(systec_dsymv_minplus(A, x, y), SYSTEC_SUCCESS);
    int64_t bad = -1;
    for (int64_t i = 0; i < n && bad < 0; i++)
        if (y[i] != want[i]) bad = i;
    CHECK(bad < 0, "%s minplus %s: y[%lld] = %g, want %g", T->label, vn, (long long)bad,
          bad < 0 ? 0 : y[bad], bad < 0 ? 0 : want[bad]);
    free(x);
    free(y);
    free(want);
    return bad >= 0;
}

/* Every variant of symv, syprd, symm and bilin forced on one handle, each
 * against the reference; and the dispatcher's own choice back. */
static int forced_variants(Tri *T)
{
    int fails = 0;
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T->n, T->rp,
                                      T->ci, T->v),
             SYSTEC_SUCCESS);
    int nvar = (int)(sizeof variants / sizeof *variants);
    for (int f = 0; A && f <= nvar; f++) {
        const char *var = f < nvar ? variants[f] : NULL; /* last: the dispatcher's choice */
        systec_op_t ops[4] = {SYSTEC_OP_SYMV, SYSTEC_OP_SYPRD, SYSTEC_OP_SYMM, SYSTEC_OP_BILIN};
        for (int k = 0; k < 4; k++) {
            /* symm has one loop per storage, and its indirect-prefetch twin */
            const char *v = ops[k] == SYSTEC_OP_SYMM && var && strstr(var, "short") ? NULL : var;
            if (ops[k] == SYSTEC_OP_SYMM && var && !v) continue;
            CHECK_ST(systec_symmat_force(A, ops[k], ops[k] == SYSTEC_OP_SYMM && v && !strstr(v, "ipf")
                                                        ? (strncmp(v, "stream", 6) ? "split" : "stream")
                                                        : v),
                     SYSTEC_SUCCESS);
        }
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        const char *vn = var ? var : "dispatcher";
        fails += ops_against_reference(T, A, vn);
        int stream = var && !strncmp(var, "stream", 6);
        CHECK(!var || (A->row != NULL) == stream, "%s: the row array follows the forced storage",
              vn);
    }
    /* a variant that does not exist: refused at force or at optimize, plan kept */
    CHECK_ST(systec_symmat_force(A, SYSTEC_OP_SYMV, "bogus"), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_symmat_force(A, SYSTEC_OP_SYMV, "split:bogus"), SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_symmat_force(A, SYSTEC_OP_SYMV, "trilo"), SYSTEC_SUCCESS);
    int kid = A ? A->plan.op[SYSTEC_OP_SYMV].kid : -1;
    CHECK_ST(systec_symmat_optimize(A), SYSTEC_ERR_INVALID_VALUE);
    CHECK(A && A->plan.op[SYSTEC_OP_SYMV].kid == kid, "a refused optimize keeps the plan");
    CHECK_ST(systec_symmat_force(A, SYSTEC_OP_SYMV, NULL), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_force(A, SYSTEC_OP_SYMV_MINPLUS, "split"), SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_symmat_force(A, (systec_op_t)99, "split"), SYSTEC_ERR_INVALID_VALUE);
    systec_symmat_free(&A);
    return fails;
}

/* --------------------------------------------- profiles force variants */

/* Thresholds that make the dispatcher choose variant v (variants[v]) for
 * every operation, given to handles as their own profile. */
static systec_profile_t *forcing_profile(int v)
{
    int stream = v >= 2, shortloop = v % 2;
    systec_profile_t *P = NULL;
    systec_profile_new(&P);
    systec_profile_set(P, "stream_min_rows", stream ? 0 : 1e18, NULL);
    systec_profile_set(P, "stream_max_entries", 1e9, NULL);
    systec_profile_set(P, "stream_min_change", 0, NULL);
    systec_profile_set(P, "stream_min_calls", 0, NULL);
    systec_profile_set(P, "reduce_stream_short", stream ? 1e9 : 0, NULL);
    systec_profile_set(P, "short_row_entries", shortloop ? 1e9 : 0, NULL);
    systec_profile_set(P, "short_row_max_bytes", shortloop ? 1e18 : 0, NULL);
    return P;
}

/* A profile per variant, on the handle (systec_symmat_set_profile) and as a
 * preview on another (systec_symmat_variant with P): each operation takes
 * the variant, and its results match the reference. */
static int profile_variants(Tri *T)
{
    int fails = 0;
    systec_symmat_t *A = NULL, *B = NULL, *M = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T->n, T->rp,
                                      T->ci, T->v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_create_csr(&B, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T->n, T->rp,
                                      T->ci, T->v),
             SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_create_csr_minplus(&M, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T->n,
                                              T->rp, T->ci, T->v),
             SYSTEC_SUCCESS);
    if (!A || !B || !M) return 1;
    char before[64], list[512];
    CHECK_ST(systec_symmat_variant(B, SYSTEC_OP_SYMV, NULL, before, sizeof before), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_variants(A, SYSTEC_OP_SYMV, list, sizeof list), SYSTEC_SUCCESS);
    CHECK(!strcmp(list, "split:serial split:serial_short split:serial_ipf stream:serial "
                        "stream:serial_short stream:serial_ipf"),
          "symv's variants: %s", list);
    CHECK_ST(systec_symmat_variants(A, SYSTEC_OP_SYMM, list, sizeof list), SYSTEC_SUCCESS);
    CHECK(!strcmp(list, "split:serial split:serial_ipf stream:serial stream:serial_ipf"),
          "symm's variants: %s", list);
    CHECK_ST(systec_symmat_variants(A, SYSTEC_OP_SYMV, list, 8), SYSTEC_ERR_INVALID_SIZE);
    for (int v = 0; v < 4; v++) {
        systec_profile_t *P = forcing_profile(v);
        CHECK_ST(systec_symmat_set_profile(A, P), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_set_profile(M, P), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(M), SYSTEC_SUCCESS);
        systec_op_t ops[5] = {SYSTEC_OP_SYMV, SYSTEC_OP_SYPRD, SYSTEC_OP_SYMM, SYSTEC_OP_BILIN,
                              SYSTEC_OP_SYMV_MINPLUS};
        for (int k = 0; k < 5; k++) {
            const systec_symmat_t *H = ops[k] == SYSTEC_OP_SYMV_MINPLUS ? M : A;
            char want[64], got[64], preview[64];
            snprintf(want, sizeof want, "%s", variants[v]);
            if (ops[k] == SYSTEC_OP_SYMM) snprintf(want, sizeof want, "%s:serial", v >= 2 ? "stream" : "split");
            CHECK_ST(systec_symmat_variant(H, ops[k], NULL, got, sizeof got), SYSTEC_SUCCESS);
            CHECK(!strcmp(got, want), "%s profile %s, op %d: runs %s", T->label, variants[v],
                  (int)ops[k], got);
            if (ops[k] == SYSTEC_OP_SYMV_MINPLUS) continue;
            CHECK_ST(systec_symmat_variant(B, ops[k], P, preview, sizeof preview), SYSTEC_SUCCESS);
            CHECK(!strcmp(preview, want), "preview under %s, op %d: %s", variants[v], (int)ops[k],
                  preview);
        }
        fails += ops_against_reference(T, A, variants[v]);
        fails += minplus_against_reference(T, M, variants[v]);
        char text[4096];
        CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYPRD, text, sizeof text, NULL), SYSTEC_SUCCESS);
        CHECK(strstr(text, v >= 2 ? "reduce_stream_short 1e+09" : "stream_min_rows 1e+18"),
              "describe quotes the handle's own thresholds:\n%s", text);
        systec_profile_free(&P);
    }
    char after[64];
    CHECK_ST(systec_symmat_variant(B, SYSTEC_OP_SYMV, NULL, after, sizeof after), SYSTEC_SUCCESS);
    CHECK(!strcmp(before, after) && !B->row == !strncmp(after, "split", 5),
          "previews change nothing: %s, then %s", before, after);
    CHECK_ST(systec_symmat_set_profile(A, NULL), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_variant(A, SYSTEC_OP_SYMV, NULL, after, sizeof after), SYSTEC_SUCCESS);
    CHECK(!strcmp(before, after), "back to the process-wide thresholds: %s", after);
    CHECK_ST(systec_symmat_variant(A, SYSTEC_OP_SYMV_MINPLUS, NULL, after, sizeof after),
             SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_symmat_variant(A, SYSTEC_OP_SYMV, NULL, NULL, 0), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_symmat_set_profile(NULL, NULL), SYSTEC_ERR_NULL_POINTER);
    systec_symmat_free(&A);
    systec_symmat_free(&B);
    systec_symmat_free(&M);
    return fails;
}

/* Per-matrix measurement: a hint of at least measure_min_calls expected
 * calls makes optimize time the candidates (describe shows them), results
 * stay right; fewer calls, no hint, or a handle whose own threshold is out
 * of reach: nothing is timed. */
static int measured_plans(Tri *T)
{
    int fails = 0;
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T->n, T->rp,
                                      T->ci, T->v),
             SYSTEC_SUCCESS);
    if (!A) return 1;
    char text[4096], got[64];
    struct { int64_t calls; int own_never, measured; } cases[] = {
        {0, 0, 0}, {999, 0, 0}, {1000, 0, 1}, {1000000, 1, 0}, {5000, 0, 1}};
    for (int c = 0; c < 5; c++) {
        systec_profile_t *P = NULL;
        if (cases[c].own_never) {
            systec_profile_new(&P);
            systec_profile_set(P, "measure_min_calls", 1e18, NULL);
        }
        CHECK_ST(systec_symmat_set_profile(A, P), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, cases[c].calls, 0), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMM, cases[c].calls, 0), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        for (int k = 0; k < 2; k++) {
            systec_op_t op = k ? SYSTEC_OP_SYMM : SYSTEC_OP_SYMV;
            CHECK_ST(systec_symmat_describe(A, op, text, sizeof text, NULL), SYSTEC_SUCCESS);
            const char *m = strstr(text, "  measured  ");
            CHECK(!m == !cases[c].measured, "%lld calls%s, op %d: measured %s:\n%s",
                  (long long)cases[c].calls, cases[c].own_never ? " (own: never)" : "", (int)op,
                  m ? "yes" : "no", text);
            /* the budget: about 30 calls, at least 3 rounds over the candidates */
            char list[512], budget[32];
            CHECK_ST(systec_symmat_variants(A, op, list, sizeof list), SYSTEC_SUCCESS);
            int nv = 1;
            for (const char *q = list; *q; q++) nv += *q == ' ';
            /* and 20 more when the plan is parallel: its kernel against the serial one */
            int par = m && strstr(m, ":omp_") != NULL;
            snprintf(budget, sizeof budget, "%d calls", nv * (30 / nv < 3 ? 3 : 30 / nv) + 20 * par);
            CHECK(!par || A->plan.op[op].threads >= 2, "a parallel time only for a parallel plan");
            CHECK(!m || strstr(m, budget), "the budget (%s): %s", budget, text);
            CHECK_ST(systec_symmat_variant(A, op, NULL, got, sizeof got), SYSTEC_SUCCESS);
            CHECK(!m || strstr(m, got), "the variant in use (%s) was among those timed", got);
        }
        /* the stream is kept only if some plan runs on it */
        int on_stream = 0;
        for (int op = SYSTEC_OP_SYMV; op <= SYSTEC_OP_BILIN; op++)
            on_stream |= op != SYSTEC_OP_SYMV_MINPLUS &&
                         A->plan.op[op].storage == SYSTEC_KST_stream;
        CHECK(!A->row == !on_stream, "the entry stream kept only if used");
        fails += ops_against_reference(T, A, "measured");
        systec_profile_free(&P);
    }
    systec_symmat_free(&A);
    return fails;
}

/* Hints: few expected calls do not repay the entry stream (optimize frees
 * it), unknown or many do (optimize builds it again). */
static int hints(void)
{
    int fails = 0;
    Tri T;
    tri_random(&T, 30000, 3); /* irregular short rows: the stream rule holds */
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, T.n, T.rp,
                                      T.ci, T.v),
             SYSTEC_SUCCESS);
    if (!A) return 1;
    CHECK(A->row && A->plan.op[SYSTEC_OP_SYMV].storage == SYSTEC_KST_stream,
          "created for many calls: the stream");
    for (int op = SYSTEC_OP_SYMV; op <= SYSTEC_OP_BILIN; op++)
        if (op != SYSTEC_OP_SYMV_MINPLUS)
            CHECK_ST(systec_symmat_hint(A, (systec_op_t)op, 1, 2), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
    CHECK(!A->row && A->plan.op[SYSTEC_OP_SYMV].storage == SYSTEC_KST_split,
          "one expected call: no stream, the row array freed");
    char text[4096];
    size_t need = 0;
    CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, &need), SYSTEC_SUCCESS);
    CHECK(strstr(text, "expected calls 1") && strstr(text, "stream_min_calls") &&
              strstr(text, "threads 2"),
          "describe names the hints and the rule:\n%s", text);
    CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, 0), SYSTEC_SUCCESS);
    CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
    CHECK(A->row && A->plan.op[SYSTEC_OP_SYMV].storage == SYSTEC_KST_stream &&
              A->plan.op[SYSTEC_OP_SYPRD].storage == SYSTEC_KST_split,
          "hint cleared for symv only: the stream again for symv");
    CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, NULL), SYSTEC_SUCCESS);
    CHECK(strstr(text, "prepared  entry stream") && strstr(text, " calls (model"),
          "describe reports the stream's cost in calls:\n%s", text);
    CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, -1, 0), SYSTEC_ERR_INVALID_VALUE);
    /* describe: the length, truncation, a NULL buffer of length 0, every op */
    CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_ALL, NULL, 0, &need), SYSTEC_SUCCESS);
    char *all = malloc(need);
    CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_ALL, all, need, NULL), SYSTEC_SUCCESS);
    CHECK(strlen(all) + 1 == need && strstr(all, "dsymv on") && strstr(all, "dsyprd on") &&
              strstr(all, "dsymm on") && strstr(all, "dsybilin on") && !strstr(all, "minplus"),
          "describe ALL lists the handle's operations:\n%s", all);
    char small[16] = "untouched";
    CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_ALL, small, sizeof small, NULL), SYSTEC_SUCCESS);
    CHECK(strlen(small) == sizeof small - 1 && !strncmp(small, all, sizeof small - 1),
          "truncated describe: '%s'", small);
    CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_ALL, NULL, 4, NULL), SYSTEC_ERR_NULL_POINTER);
    CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV_MINPLUS, text, sizeof text, NULL),
             SYSTEC_ERR_TYPE_MISMATCH);
    CHECK_ST(systec_symmat_describe(NULL, SYSTEC_OP_ALL, text, sizeof text, NULL),
             SYSTEC_ERR_NULL_POINTER);
    free(all);
    systec_symmat_free(&A);
    tri_free(&T);
    return fails;
}

/* General handles: both schedules forced, results equal. */
static int csrmat_schedules(Tri *T)
{
    int fails = 0;
    systec_csrmat_t *G = NULL;
    CHECK_ST(systec_csrmat_create_csr(&G, SYSTEC_DOUBLE, SYSTEC_INT64, T->n, T->n, T->frp, T->fci,
                                      T->fv),
             SYSTEC_SUCCESS);
    if (!G) return 1;
    double *x = malloc(sizeof(double) * (size_t)(T->n + 1));
    double *ref = malloc(sizeof(double) * (size_t)(T->n + 1));
    double *bnd = malloc(sizeof(double) * (size_t)(T->n + 1));
    double *out = malloc(sizeof(double) * (size_t)(T->n + 1));
    for (int64_t i = 0; i < T->n; i++) x[i] = rnd_sym();
    ref_mv(T, 1, 1.0, x, 0.0, x, ref, bnd);
    const char *sc[3] = {"serial", "serial_short", "serial_ipf"};
    for (int k = 0; k < 3; k++) {
        CHECK_ST(systec_csrmat_force(G, SYSTEC_OP_SYMV, sc[k]), SYSTEC_SUCCESS);
        char text[2048], got[32];
        CHECK_ST(systec_csrmat_describe(G, SYSTEC_OP_SYMV, text, sizeof text, NULL),
                 SYSTEC_SUCCESS);
        field(text, "schedule", got, sizeof got);
        CHECK(!strcmp(got, sc[k]) && strstr(text, "forced"), "forced %s:\n%s", sc[k], text);
        CHECK_ST(systec_dgemv(G, 1.0, x, 0.0, out), SYSTEC_SUCCESS);
        fails += close_all(out, ref, bnd, T->n, 1e-12, sc[k]);
    }
    CHECK_ST(systec_csrmat_force(G, SYSTEC_OP_SYMV, "stream"), SYSTEC_ERR_INVALID_VALUE);
    free(x);
    free(ref);
    free(bnd);
    free(out);
    systec_csrmat_free(&G);
    return fails;
}

/* ------------------------------------------------------- values update */

static int update_values(void)
{
    int fails = 0;
    /* A = [2 1 .; 1 3 4; . 4 5] as a lower triangle with a duplicate */
    int64_t rp[4] = {0, 1, 3, 6}, ci[6] = {0, 0, 1, 1, 2, 2};
    double v[6] = {2, 1, 3, 4, 2, 3}; /* (2,2) = 2 + 3 */
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, 3, rp, ci, v),
             SYSTEC_SUCCESS);
    double x[3] = {1, 2, 3}, y[3];
    /* new values, same pattern, given as the upper triangle, no (1,1) */
    int64_t urp[4] = {0, 2, 3, 4}, uci[4] = {0, 1, 2, 2};
    double uv[4] = {10, 20, 30, 40};
    CHECK_ST(systec_symmat_update_values(A, SYSTEC_UPPER, urp, uci, uv), SYSTEC_SUCCESS);
    CHECK_ST(systec_dsymv(A, 1.0, x, 0.0, y), SYSTEC_SUCCESS);
    /* [10 20 0; 20 0 30; 0 30 40] x */
    CHECK(y[0] == 50 && y[1] == 110 && y[2] == 180, "updated values: %g %g %g", y[0], y[1], y[2]);
    /* a pattern that differs: an extra entry, or one missing; nothing changes */
    int64_t brp[4] = {0, 1, 2, 4}, bci[4] = {0, 0, 0, 2};
    double bv[4] = {7, 7, 7, 7};
    CHECK_ST(systec_symmat_update_values(A, SYSTEC_LOWER, brp, bci, bv), SYSTEC_ERR_PATTERN);
    int64_t mrp[4] = {0, 1, 2, 3}, mci[3] = {0, 0, 2};
    CHECK_ST(systec_symmat_update_values(A, SYSTEC_LOWER, mrp, mci, bv), SYSTEC_ERR_PATTERN);
    CHECK_ST(systec_dsymv(A, 1.0, x, 0.0, y), SYSTEC_SUCCESS);
    CHECK(y[0] == 50 && y[1] == 110 && y[2] == 180, "a refused update changes nothing");
    CHECK_ST(systec_symmat_update_values(A, (systec_uplo_t)'X', rp, ci, v),
             SYSTEC_ERR_INVALID_VALUE);
    CHECK_ST(systec_symmat_update_values(A, SYSTEC_LOWER, rp, ci, NULL), SYSTEC_ERR_NULL_POINTER);
    int64_t oob[6] = {0, 0, 1, 1, 2, 7};
    CHECK_ST(systec_symmat_update_values(A, SYSTEC_LOWER, rp, oob, v),
             SYSTEC_ERR_INDEX_OUT_OF_RANGE);
    systec_symmat_free(&A);
    /* min-plus: duplicates combine by min */
    CHECK_ST(systec_symmat_create_csr_minplus(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, 3, rp,
                                              ci, v),
             SYSTEC_SUCCESS);
    double mv[6] = {9, 1, 9, 2, 9, 9}, d0[3] = {0, INFINITY, INFINITY}, d[3];
    memcpy(d, d0, sizeof d);
    CHECK_ST(systec_symmat_update_values(A, SYSTEC_LOWER, rp, ci, mv), SYSTEC_SUCCESS);
    CHECK_ST(systec_dsymv_minplus(A, d0, d), SYSTEC_SUCCESS);
    CHECK(d[0] == 0 && d[1] == 1 && isinf(d[2]), "min-plus update: %g %g %g", d[0], d[1], d[2]);
    systec_symmat_free(&A);
    return fails;
}

/* ----------------------------------------------- bilinear form, all types */

static int bilin_types(Tri *T)
{
    int fails = 0;
    int64_t n = T->n;
    double *x = malloc(sizeof(double) * (size_t)(2 * n + 1));
    float *xf = malloc(sizeof(float) * (size_t)(2 * n + 1));
    for (int64_t i = 0; i < 2 * n; i++) xf[i] = (float)(x[i] = rnd_sym());
    float *vf = malloc(sizeof(float) * (size_t)(T->nnz + 1)),
          *fvf = malloc(sizeof(float) * (size_t)(T->frp[n] + 1));
    for (int64_t p = 0; p < T->nnz; p++) vf[p] = (float)T->v[p];
    for (int64_t p = 0; p < T->frp[n]; p++) fvf[p] = (float)T->fv[p];
    /* references on the float-rounded data */
    Tri R = *T;
    R.fv = malloc(sizeof(double) * (size_t)(T->frp[n] + 1));
    for (int64_t p = 0; p < T->frp[n]; p++) R.fv[p] = fvf[p];
    double *xr = malloc(sizeof(double) * (size_t)(2 * n + 1));
    for (int64_t i = 0; i < 2 * n; i++) xr[i] = xf[i];
    double bd, bf, wd = ref_bilin(T, 1.25, x, x + n, 0.5, 2.0, &bd);
    double wf = ref_bilin(&R, 1.25, xr, xr + n, 0.5, 2.0, &bf);
    void *rp32 = narrow(T->rp, n + 1), *ci32 = narrow(T->ci, T->nnz);
    void *frp32 = narrow(T->frp, n + 1), *fci32 = narrow(T->fci, T->frp[n]);
    for (int i64 = 0; i64 < 2; i64++) {
        void *rp = i64 ? (void *)T->rp : rp32, *ci = i64 ? (void *)T->ci : ci32;
        void *frp = i64 ? (void *)T->frp : frp32, *fci = i64 ? (void *)T->fci : fci32;
        double sd[4] = {2, 2, 2, 2};
        float sf[4] = {2, 2, 2, 2};
        if (i64) {
            CHECK_ST(systec_dsybilin_csr_i64(SYSTEC_LOWER, n, rp, ci, T->v, 1.25, x, x + n, 0.5, &sd[0]), SYSTEC_SUCCESS);
            CHECK_ST(systec_dgebilin_csr_i64(n, frp, fci, T->fv, 1.25, x, x + n, 0.5, &sd[1]), SYSTEC_SUCCESS);
            CHECK_ST(systec_ssybilin_csr_i64(SYSTEC_LOWER, n, rp, ci, vf, 1.25f, xf, xf + n, 0.5f, &sf[0]), SYSTEC_SUCCESS);
            CHECK_ST(systec_sgebilin_csr_i64(n, frp, fci, fvf, 1.25f, xf, xf + n, 0.5f, &sf[1]), SYSTEC_SUCCESS);
        } else {
            CHECK_ST(systec_dsybilin_csr(SYSTEC_LOWER, (int32_t)n, rp, ci, T->v, 1.25, x, x + n, 0.5, &sd[0]), SYSTEC_SUCCESS);
            CHECK_ST(systec_dgebilin_csr((int32_t)n, frp, fci, T->fv, 1.25, x, x + n, 0.5, &sd[1]), SYSTEC_SUCCESS);
            CHECK_ST(systec_ssybilin_csr(SYSTEC_LOWER, (int32_t)n, rp, ci, vf, 1.25f, xf, xf + n, 0.5f, &sf[0]), SYSTEC_SUCCESS);
            CHECK_ST(systec_sgebilin_csr((int32_t)n, frp, fci, fvf, 1.25f, xf, xf + n, 0.5f, &sf[1]), SYSTEC_SUCCESS);
        }
        systec_itype_t it = i64 ? SYSTEC_INT64 : SYSTEC_INT32;
        systec_symmat_t *Ad = NULL, *As = NULL;
        systec_csrmat_t *Gd = NULL, *Gs = NULL;
        CHECK_ST(systec_symmat_create_csr(&Ad, SYSTEC_LOWER, SYSTEC_DOUBLE, it, n, rp, ci, T->v), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_create_csr(&As, SYSTEC_LOWER, SYSTEC_FLOAT, it, n, rp, ci, vf), SYSTEC_SUCCESS);
        CHECK_ST(systec_csrmat_create_csr(&Gd, SYSTEC_DOUBLE, it, n, n, frp, fci, T->fv), SYSTEC_SUCCESS);
        CHECK_ST(systec_csrmat_create_csr(&Gs, SYSTEC_FLOAT, it, n, n, frp, fci, fvf), SYSTEC_SUCCESS);
        CHECK_ST(systec_dsybilin(Ad, 1.25, x, x + n, 0.5, &sd[2]), SYSTEC_SUCCESS);
        CHECK_ST(systec_dgebilin(Gd, 1.25, x, x + n, 0.5, &sd[3]), SYSTEC_SUCCESS);
        CHECK_ST(systec_ssybilin(As, 1.25f, xf, xf + n, 0.5f, &sf[2]), SYSTEC_SUCCESS);
        CHECK_ST(systec_sgebilin(Gs, 1.25f, xf, xf + n, 0.5f, &sf[3]), SYSTEC_SUCCESS);
        for (int k = 0; k < 4; k++) {
            double gf = sf[k];
            char what[96];
            snprintf(what, sizeof what, "bilin %s form %d double", i64 ? "i64" : "i32", k);
            fails += close_all(&sd[k], &wd, &bd, 1, 1e-12, what);
            snprintf(what, sizeof what, "bilin %s form %d float", i64 ? "i64" : "i32", k);
            fails += close_all(&gf, &wf, &bf, 1, 1e-5, what);
        }
        /* alpha == 0: neither A nor x nor y is read */
        double s = 3;
        CHECK_ST(systec_dsybilin(Ad, 0.0, NULL, NULL, 2.0, &s), SYSTEC_SUCCESS);
        CHECK(s == 6, "alpha = 0: s := beta*s without x, y");
        CHECK_ST(systec_dsybilin(Ad, 1.0, x, NULL, 2.0, &s), SYSTEC_ERR_NULL_POINTER);
        CHECK(s == 6, "refused bilin leaves s alone");
        CHECK_ST(systec_dgebilin(Gd, 1.0, x, x, 0.0, NULL), SYSTEC_ERR_NULL_POINTER);
        systec_symmat_free(&Ad);
        systec_symmat_free(&As);
        systec_csrmat_free(&Gd);
        systec_csrmat_free(&Gs);
    }
    free(rp32);
    free(ci32);
    free(frp32);
    free(fci32);
    free(x);
    free(xf);
    free(xr);
    free(vf);
    free(fvf);
    free(R.fv);
    return fails;
}

/* ------------------------------------------------- ISA, verbose, main */

/* SYSTEC_ISA names a variant this build lacks or this CPU cannot run:
 * every call fails with SYSTEC_ERR_ISA and writes nothing. */
static int isa_refused(void)
{
    int fails = 0;
    int32_t rp[3] = {0, 1, 3}, ci[3] = {0, 0, 1};
    double v[3] = {2, 1, 3}, x[2] = {1, 1}, y[2] = {7, 7};
    CHECK_ST(systec_dsymv_csr(SYSTEC_LOWER, 2, rp, ci, v, 1.0, x, 0.0, y), SYSTEC_ERR_ISA);
    CHECK(y[0] == 7 && y[1] == 7, "refused: y untouched");
    CHECK(strstr(systec_last_error(), "SYSTEC_ISA=") != NULL, "the reason names SYSTEC_ISA: %s",
          systec_last_error());
    CHECK(!strcmp(systec_isa(), "none"), "systec_isa() is none: %s", systec_isa());
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 2, rp, ci, v),
             SYSTEC_SUCCESS); /* building needs no kernel */
    CHECK_ST(systec_dsymv(A, 1.0, x, 0.0, y), SYSTEC_ERR_ISA);
    CHECK(y[0] == 7 && y[1] == 7, "refused: y untouched");
    systec_symmat_free(&A);
    return fails;
}

/* systec_isa() is the variant asked for, and kernels run. */
static int isa_is(const char *want)
{
    int fails = 0;
    int32_t rp[3] = {0, 1, 3}, ci[3] = {0, 0, 1};
    double v[3] = {2, 1, 3}, x[2] = {1, 1}, y[2];
    CHECK_ST(systec_dsymv_csr(SYSTEC_LOWER, 2, rp, ci, v, 1.0, x, 0.0, y), SYSTEC_SUCCESS);
    CHECK(y[0] == 3 && y[1] == 4, "y = %g %g", y[0], y[1]);
    CHECK(!strcmp(systec_isa(), want), "systec_isa() = %s, want %s", systec_isa(), want);
    return fails;
}

/* One direct call and one handle, for the log test. */
static int verbose_calls(void)
{
    int fails = 0;
    int32_t rp[3] = {0, 1, 3}, ci[3] = {0, 0, 1};
    double v[3] = {2, 1, 3}, x[2] = {1, 1}, y[2];
    CHECK_ST(systec_dsymv_csr(SYSTEC_LOWER, 2, rp, ci, v, 1.0, x, 0.0, y), SYSTEC_SUCCESS);
    systec_symmat_t *A = NULL;
    CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, 2, rp, ci, v),
             SYSTEC_SUCCESS);
    systec_symmat_free(&A);
    return fails;
}

/* The scattering operations' stream rule for nearly empty rows: a diagonal
 * matrix takes the stream from scatter_stream_min_rows rows, and keeps the
 * row loop below; describe names the rule; results stay right. */
static int scatter_stream_rows(void)
{
    int fails = 0;
    systec_profile_t *P = NULL;
    CHECK_ST(systec_profile_new(&P), SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_set(P, "scatter_stream_short", 1.25, NULL), SYSTEC_SUCCESS);
    CHECK_ST(systec_profile_set(P, "scatter_stream_min_rows", 1000, NULL), SYSTEC_SUCCESS);
    int64_t sizes[2] = {999, 1000};
    for (int k = 0; P && k < 2; k++) {
        int64_t n = sizes[k];
        int64_t *rp = malloc(sizeof(int64_t) * (size_t)(n + 1)), *ci = malloc(sizeof(int64_t) * (size_t)n);
        double *v = malloc(sizeof(double) * (size_t)n), *x = malloc(sizeof(double) * (size_t)n);
        double *y = malloc(sizeof(double) * (size_t)n);
        for (int64_t i = 0; i <= n; i++) rp[i] = i;
        for (int64_t i = 0; i < n; i++) ci[i] = i, v[i] = 1.5 + (double)(i % 3), x[i] = (double)(i % 5) - 2;
        systec_symmat_t *A = NULL;
        CHECK_ST(systec_symmat_create_csr(&A, SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT64, n, rp, ci, v),
                 SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_set_profile(A, P), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_hint(A, SYSTEC_OP_SYMV, 0, 1), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_optimize(A), SYSTEC_SUCCESS);
        char got[64], text[4096];
        CHECK_ST(systec_symmat_variant(A, SYSTEC_OP_SYMV, NULL, got, sizeof got), SYSTEC_SUCCESS);
        CHECK_ST(systec_symmat_describe(A, SYSTEC_OP_SYMV, text, sizeof text, NULL), SYSTEC_SUCCESS);
        int want = n >= 1000;
        CHECK(!strncmp(got, want ? "stream" : "split", want ? 6 : 5) &&
                  (!want || strstr(text, "scatter_stream_min_rows 1000: entry stream")),
              "a diagonal matrix of %lld rows: %s\n%s", (long long)n, got, text);
        CHECK_ST(systec_dsymv(A, 1.0, x, 0.0, y), SYSTEC_SUCCESS);
        int64_t bad = -1;
        for (int64_t i = 0; i < n && bad < 0; i++)
            if (y[i] != v[i] * x[i]) bad = i;
        CHECK(bad < 0, "diagonal SSYMV of %lld rows: y[%lld] wrong", (long long)n, (long long)bad);
        systec_symmat_free(&A);
        free(rp), free(ci), free(v), free(x), free(y);
    }
    systec_profile_free(&P);
    return fails;
}

int main(int argc, char **argv)
{
    if (argc == 2 && !strcmp(argv[1], "--verbose")) return verbose_calls() + check_summary();
    if (argc == 2 && !strcmp(argv[1], "--isa-refused")) return isa_refused() + check_summary();
    if (tu_isa_unavailable()) return 77;
    if (argc == 3 && !strcmp(argv[1], "--isa")) return isa_is(argv[2]) + check_summary();
    rnd_seed(4242);
    /* the direct call and the handle decide alike: stencils and real matrices */
    int sides[3] = {4, 30, 100};
    for (int k = 0; k < 3; k++) {
        Tri T;
        tri_stencil(&T, sides[k]);
        same_decisions(&T);
        tri_free(&T);
    }
    Tri R;
    tri_random(&R, 2000, 4);
    tri_expand(&R);
    same_decisions(&R);
    forced_variants(&R);
    csrmat_schedules(&R);
    bilin_types(&R);
    tri_free(&R);
    tri_random(&R, 40000, 3); /* large enough for the stream rule */
    tri_expand(&R);
    forced_variants(&R);
    profile_variants(&R);
    measured_plans(&R);
    tri_free(&R);
    hints();
    update_values();
    scatter_stream_rows();
    tri_each_file(argc - 1, argv + 1, same_decisions);
    return check_summary();
}
