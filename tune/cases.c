/* The tuner's measurements and the dispatcher's choices (cases.h). */
#include "cases.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stats.h"

#define SYMM_K 8 /* SSYMM's dense columns, as the library's own measurement */

double tk_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + 1e-9 * (double)t.tv_nsec;
}

/* The matrix operations a handle of each semiring serves. */
static const struct {
    systec_op_t op;
    const char *name;
    int minplus;
} matrix_ops[] = {
    {SYSTEC_OP_SYMV, "symv", 0},       {SYSTEC_OP_SYPRD, "syprd", 0},
    {SYSTEC_OP_SYMM, "symm", 0},       {SYSTEC_OP_BILIN, "sybilin", 0},
    {SYSTEC_OP_SYMV_MINPLUS, "symv_minplus", 1},
};
enum { NMATRIX_OPS = sizeof matrix_ops / sizeof matrix_ops[0] };

static int fail(char *err, size_t errlen, const char *what)
{
    snprintf(err, errlen, "%s: %s", what, systec_last_error());
    return -1;
}

/* Every operation of H forced to `variant` (NULL: the dispatcher's). */
static void force_all(systec_symmat_t *H, int minplus, const char *variant)
{
    for (int k = 0; k < NMATRIX_OPS; k++)
        if (matrix_ops[k].minplus == minplus) systec_symmat_force(H, matrix_ops[k].op, variant);
}

/* The groups of a matrix input, their variants as the library lists them. */
static int matrix_groups(tk_input_t *in, char *err, size_t errlen)
{
    for (int k = 0; k < NMATRIX_OPS; k++) {
        tk_group_t *g = &in->g[in->ngroups++];
        char list[TK_MAXVAR * 40];
        snprintf(g->op, sizeof g->op, "%s", matrix_ops[k].name);
        g->sop = matrix_ops[k].op;
        g->in = in;
        if (systec_symmat_variants(in->q[matrix_ops[k].minplus], g->sop, list, sizeof list))
            return fail(err, errlen, "the variants");
        for (char *w = strtok(list, " "); w && g->nvar < TK_MAXVAR; w = strtok(NULL, " "))
            snprintf(g->var[g->nvar++], sizeof g->var[0], "%s", w);
    }
    return 0;
}

/* After the handles exist: the stream handles (timed preparation), the
 * groups and the operands. */
static int matrix_finish(tk_input_t *in, double t0, char *err, size_t errlen)
{
    int64_t n = in->n;
    for (int sr = 0; sr < 2; sr++) {
        force_all(in->q[sr], sr, "split");
        force_all(in->s[sr], sr, "stream");
        if (systec_symmat_optimize(in->q[sr]) || systec_symmat_optimize(in->s[sr]))
            return fail(err, errlen, "the split and stream storages");
    }
    systec_symmat_info(in->q[0], NULL, &in->entries, NULL, NULL);
    if (matrix_groups(in, err, errlen)) return -1;
    in->x = malloc(sizeof(double) * (size_t)(2 * n * SYMM_K + 1));
    in->y = calloc((size_t)(n * SYMM_K + 1), sizeof(double));
    if (!in->x || !in->y) {
        snprintf(err, errlen, "out of memory for the operands");
        return -1;
    }
    for (int64_t i = 0; i < 2 * n * SYMM_K; i++) in->x[i] = 0.5 + (double)(i % 11) / 11.0;
    in->setup_seconds = tk_now() - t0;
    return 0;
}

static void names(tk_input_t *in, const char *name, const char *family)
{
    memset(in, 0, sizeof *in);
    snprintf(in->name, sizeof in->name, "%s", name);
    snprintf(in->family, sizeof in->family, "%s", family);
}

int tk_input_csr(tk_input_t *in, const char *name, const char *family, int64_t n,
                 const int32_t *rowptr, const int32_t *colidx, const double *val, char *err,
                 size_t errlen)
{
    names(in, name, family);
    in->n = n;
    double t0 = tk_now();
    if (systec_symmat_create_csr(&in->q[0], SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, n, rowptr,
                                 colidx, val) ||
        systec_symmat_create_csr_minplus(&in->q[1], SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, n,
                                         rowptr, colidx, val))
        return fail(err, errlen, "the handles");
    /* the stream copies: built from the same triangle */
    if (systec_symmat_create_csr(&in->s[0], SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, n, rowptr,
                                 colidx, val) ||
        systec_symmat_create_csr_minplus(&in->s[1], SYSTEC_LOWER, SYSTEC_DOUBLE, SYSTEC_INT32, n,
                                         rowptr, colidx, val))
        return fail(err, errlen, "the stream handles");
    return matrix_finish(in, t0, err, errlen);
}

int tk_input_coo(tk_input_t *in, const char *name, const char *family, const systec_coo_t *coo,
                 char *err, size_t errlen)
{
    names(in, name, family);
    in->n = coo->nrows;
    double t0 = tk_now();
    for (int copy = 0; copy < 2; copy++) {
        systec_symmat_t **h = copy ? in->s : in->q;
        if (systec_symmat_from_coo(&h[0], coo, SYSTEC_DOUBLE, SYSTEC_INT32) ||
            systec_symmat_from_coo_minplus(&h[1], coo, SYSTEC_DOUBLE, SYSTEC_INT32))
            return fail(err, errlen, "the handles");
    }
    return matrix_finish(in, t0, err, errlen);
}

/* MTTKRP's two kernels, forced through a handle profile: the tree kernel
 * at share 1e18, the per-entry kernel at share 0. */
static int force_mttkrp(systec_symten_t *A, int tree)
{
    systec_profile_t *P = NULL;
    int rc = systec_profile_new(&P) ||
             systec_profile_set(P, "mttkrp_tree_max_share", tree ? 1e18 : 0, NULL) ||
             systec_symten_set_profile(A, P);
    systec_profile_free(&P);
    return rc;
}

int tk_input_tensor(tk_input_t *in, const char *name, const char *family, const systec_tns_t *T,
                    int64_t rank, char *err, size_t errlen)
{
    names(in, name, family);
    in->is_tensor = 1;
    in->rank = rank;
    double t0 = tk_now();
    if (systec_symten_create(&in->ten, T, SYSTEC_SYM_CANONICAL, SYSTEC_DOUBLE))
        return fail(err, errlen, "the tensor handle");
    systec_symten_info(in->ten, NULL, &in->n, &in->entries, NULL, NULL);
    tk_group_t *g = &in->g[in->ngroups++];
    snprintf(g->op, sizeof g->op, "mttkrp");
    g->in = in;
    for (int tree = 0; tree < 2; tree++) {
        if (force_mttkrp(in->ten, tree) ||
            systec_symten_variant(in->ten, NULL, g->var[g->nvar], sizeof g->var[0]))
            return fail(err, errlen, "MTTKRP's variants");
        g->nvar++;
    }
    if (!strcmp(g->var[0], g->var[1])) g->nvar = 1; /* no tree kernel for this tensor */
    systec_symten_set_profile(in->ten, NULL);
    size_t cells = (size_t)(in->n * rank + 1);
    in->x = malloc(sizeof(double) * cells);
    in->y = malloc(sizeof(double) * cells);
    if (!in->x || !in->y) {
        snprintf(err, errlen, "out of memory for the factors");
        return -1;
    }
    for (size_t i = 0; i < cells; i++) in->x[i] = 0.5 + (double)(i % 11) / 11.0;
    in->setup_seconds = tk_now() - t0;
    return 0;
}

void tk_input_free(tk_input_t *in)
{
    for (int sr = 0; sr < 2; sr++) {
        systec_symmat_free(&in->q[sr]);
        systec_symmat_free(&in->s[sr]);
    }
    systec_symten_free(&in->ten);
    for (int k = 0; k < in->ngroups; k++) free(in->g[k].t);
    free(in->x);
    free(in->y);
    memset(in, 0, sizeof *in);
}

/* ------------------------------------------------------ the wall clock */

static int on_stream(const tk_group_t *g, int v) { return !strncmp(g->var[v], "stream", 6); }

/* Plans the handle that runs variant v for it (not timed). */
static void select_variant(tk_group_t *g, int v)
{
    if (g->in->is_tensor) {
        force_mttkrp(g->in->ten, strstr(g->var[v], "tree") != NULL);
        return;
    }
    int sr = g->sop == SYSTEC_OP_SYMV_MINPLUS;
    systec_symmat_t *H = on_stream(g, v) ? g->in->s[sr] : g->in->q[sr];
    systec_symmat_force(H, g->sop, g->var[v]);
    systec_symmat_hint(H, g->sop, 0, g->threads); /* forced serial variants stay serial */
    systec_symmat_optimize(H);
}

int tk_input_add_threads(tk_input_t *in, int threads)
{
    static const char *const par[] = {"split:omp_rows", "split:omp_rows_ipf", "split:omp_color",
                                      "stream:omp_rows", "stream:omp_rows_ipf", "full:omp_rows"};
    const tk_group_t *base = NULL;
    for (int k = 0; k < in->ngroups; k++)
        if (in->g[k].sop == SYSTEC_OP_SYMV && !in->g[k].threads) base = &in->g[k];
    if (in->is_tensor || threads < 2 || !base || in->ngroups >= TK_MAXGROUP) return 0;
    tk_group_t *g = &in->g[in->ngroups];
    *g = *base;
    g->t = NULL;
    g->threads = threads;
    snprintf(g->op, sizeof g->op, "symv/%dt", threads);
    for (size_t k = 0; k < sizeof par / sizeof *par && g->nvar < TK_MAXVAR; k++) {
        systec_symmat_t *H = strncmp(par[k], "stream", 6) ? in->q[0] : in->s[0];
        int ok = systec_symmat_force(H, g->sop, par[k]) == SYSTEC_SUCCESS &&
                 systec_symmat_hint(H, g->sop, 0, threads) == SYSTEC_SUCCESS &&
                 systec_symmat_optimize(H) == SYSTEC_SUCCESS;
        systec_symmat_force(H, g->sop, H == in->q[0] ? "split" : "stream");
        systec_symmat_hint(H, g->sop, 0, 0);
        systec_symmat_optimize(H);
        if (ok) snprintf(g->var[g->nvar++], sizeof g->var[0], "%s", par[k]);
    }
    in->ngroups++;
    return 1;
}

/* reps calls of the variant (planned by select_variant); 0, or the first
 * failing status. */
static systec_status_t run_calls(tk_group_t *g, int v, int reps)
{
    tk_input_t *in = g->in;
    double s = 0;
    systec_status_t st = SYSTEC_SUCCESS;
    if (in->is_tensor) {
        for (int r = 0; r < reps && !st; r++) st = systec_dmttkrp(in->ten, in->rank, in->x, in->y);
        return st;
    }
    int sr = g->sop == SYSTEC_OP_SYMV_MINPLUS;
    const systec_symmat_t *H = on_stream(g, v) ? in->s[sr] : in->q[sr];
    for (int r = 0; r < reps && !st; r++) switch (g->sop) {
        case SYSTEC_OP_SYMV: st = systec_dsymv(H, 1.0, in->x, 0.0, in->y); break;
        case SYSTEC_OP_SYPRD: st = systec_dsyprd(H, 1.0, in->x, 0.0, &s); break;
        case SYSTEC_OP_SYMM: st = systec_dsymm(H, SYMM_K, 1.0, in->x, 0.0, in->y); break;
        case SYSTEC_OP_BILIN: st = systec_dsybilin(H, 1.0, in->x, in->x + in->n, 0.0, &s); break;
        default: st = systec_dsymv_minplus(H, in->x, in->y); break;
        }
    return st;
}

/* A sample: batches of about reps/batches calls (at least one), the
 * fastest batch's time per call (on a shared machine a batch the scheduler
 * interrupted is slower, never faster; the median over rounds then takes
 * care of the rest). */
static double wall_sample(void *ctx, tk_group_t *g, int v, int round)
{
    (void)ctx;
    int reps = round < 0 ? 1 : g->reps[v], batches = round < 0 ? 1 : g->batches[v];
    int per = (reps + batches - 1) / batches;
    select_variant(g, v); /* planning is not timed */
    double best = INFINITY;
    for (int b = 0; b < batches; b++) {
        double t0 = tk_now();
        if (run_calls(g, v, per)) return NAN;
        double dt = (tk_now() - t0) / per;
        if (dt < best) best = dt;
    }
    return best;
}

/* The entry stream's cost: a fresh build timed through optimize, the
 * fastest of three, once per handle (every operation shares the stream). */
static double wall_prep(void *ctx, tk_group_t *g, int v)
{
    (void)ctx;
    if (g->in->is_tensor || !on_stream(g, v)) return 0;
    int sr = g->sop == SYSTEC_OP_SYMV_MINPLUS;
    systec_symmat_t *H = g->in->s[sr];
    double best = INFINITY;
    for (int k = 0; k < 3 && H && !g->in->stream_prep[sr]; k++) {
        force_all(H, sr, "split");
        systec_symmat_optimize(H); /* frees the stream */
        force_all(H, sr, "stream");
        double t0 = tk_now();
        systec_symmat_optimize(H);
        double dt = tk_now() - t0;
        best = dt < best ? dt : best;
    }
    if (!g->in->stream_prep[sr] && isfinite(best)) g->in->stream_prep[sr] = best;
    return g->in->stream_prep[sr];
}

const tk_timer_t tk_wall_timer = {wall_sample, wall_prep, NULL};

/* -------------------------------------------------------------- timing */

double tk_input_probe(tk_input_t *in, const tk_timer_t *timer, double min_sample)
{
    double round = 0;
    for (int k = 0; k < in->ngroups; k++) {
        tk_group_t *g = &in->g[k];
        for (int v = 0; v < g->nvar; v++) {
            g->prep[v] = timer->prep(timer->ctx, g, v);
            double t = timer->sample(timer->ctx, g, v, -1);
            double reps = t > 0 ? ceil(min_sample / t) : 1;
            g->reps[v] = reps < 1 ? 1 : reps > 100000 ? 100000 : (int)reps;
            g->batches[v] = 3;
            round += (g->reps[v] < g->batches[v] ? g->batches[v] : g->reps[v]) * (t > 0 ? t : 0);
        }
    }
    return round;
}

void tk_input_time(tk_input_t *in, const tk_timer_t *timer, int rounds)
{
    for (int k = 0; k < in->ngroups; k++) {
        tk_group_t *g = &in->g[k];
        free(g->t);
        g->t = malloc(sizeof *g->t * (size_t)(rounds * g->nvar));
        g->rounds = g->t ? rounds : 0;
    }
    for (int r = 0; r < rounds; r++)
        for (int k = 0; k < in->ngroups; k++) {
            tk_group_t *g = &in->g[k];
            for (int q = 0; q < g->nvar && g->t; q++) {
                int v = (q + r) % g->nvar;
                g->t[r * g->nvar + v] = timer->sample(timer->ctx, g, v, r);
            }
        }
    for (int k = 0; k < in->ngroups; k++) {
        tk_group_t *g = &in->g[k];
        for (int v = 0; v < g->nvar; v++)
            g->med[v] = g->rounds ? series_col(g->t, g->rounds, g->nvar, v).med : NAN;
    }
    /* what only timing needed; the dispatcher is asked on the unforced handles */
    for (int sr = 0; sr < 2; sr++) {
        systec_symmat_free(&in->s[sr]);
        if (in->q[sr]) force_all(in->q[sr], sr, NULL);
    }
    if (in->ten) systec_symten_set_profile(in->ten, NULL);
}

/* ------------------------------------------------------------- choices */

int tk_choose(const tk_group_t *g, const systec_profile_t *P, int64_t hint)
{
    static systec_profile_t *process; /* the process-wide thresholds, for P == NULL */
    if (!P && !process) systec_profile_current(&process);
    if (!P) P = process;
    char got[64] = "";
    tk_input_t *in = g->in;
    if (in->is_tensor) {
        if (systec_symten_variant(in->ten, P, got, sizeof got)) return -1;
    } else {
        systec_symmat_t *H = in->q[g->sop == SYSTEC_OP_SYMV_MINPLUS];
        if (hint || g->threads) systec_symmat_hint(H, g->sop, hint, g->threads);
        systec_status_t st = g->threads
                                 ? systec_symmat_variant_threads(H, g->sop, P, g->threads, got,
                                                                 sizeof got)
                                 : systec_symmat_variant(H, g->sop, P, got, sizeof got);
        if (hint || g->threads) systec_symmat_hint(H, g->sop, 0, 0);
        if (st) return -1;
    }
    for (int v = 0; v < g->nvar; v++)
        if (!strcmp(g->var[v], got)) return v;
    return -1;
}

double tk_cost(const tk_group_t *g, int v, int64_t hint)
{
    return g->med[v] + (hint > 0 ? g->prep[v] / (double)hint : 0.0);
}

int tk_best(const tk_group_t *g, int64_t hint)
{
    int best = 0;
    for (int v = 1; v < g->nvar; v++)
        if (tk_cost(g, v, hint) < tk_cost(g, best, hint)) best = v;
    return best;
}

double tk_noise(const tk_group_t *g, int a, int b)
{
    if (a == b) return 0;
    if (g->rounds < 3) return 0.1; /* too few rounds to tell: a wide band */
    double *l = malloc(sizeof *l * (size_t)g->rounds), *dev = malloc(sizeof *dev * (size_t)g->rounds);
    for (int r = 0; r < g->rounds; r++)
        l[r] = log(g->t[r * g->nvar + a] / g->t[r * g->nvar + b]);
    double med = quantile(l, g->rounds, 0.5);
    for (int r = 0; r < g->rounds; r++) dev[r] = fabs(l[r] - med);
    /* four standard errors of the median (1.2533 sigma / sqrt(R), sigma
     * from the median absolute deviation): wide, as the search compares
     * many candidate values and must not take a lucky draw for a gain */
    double band = 4.0 * 1.2533 * 1.4826 * quantile(dev, g->rounds, 0.5) / sqrt(g->rounds);
    free(l);
    free(dev);
    return isfinite(band) && band > 0.002 ? band : 0.002;
}
