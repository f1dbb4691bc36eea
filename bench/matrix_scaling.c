/* libsystec at 1..N threads (matrix_scaling.h). */
#include "matrix_scaling.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmt.h"
#include "stats.h"
#include "timing.h"
#include "util.h"

#ifdef _OPENMP
#include <omp.h>
#endif

/* The plans for the library's current thread count: a symmetric handle
 * replans; SSYRK's product is made again (its partition is the product's). */
static systec_status_t replan(mat_ctx_t *k)
{
    if (k->prod[SLOT_SYM]) {
        systec_csrmat_free(&k->prod[SLOT_SYM]);
        return k->dbl ? systec_dsyrk(k->G, &k->prod[SLOT_SYM])
                      : systec_ssyrk(k->G, &k->prod[SLOT_SYM]);
    }
    return systec_symmat_optimize(k->S);
}

/* Medians over rounds of ms[t][r] into med[t]; the median of the paired
 * ratios ms[0][r] / ms[N-1][r] is the return value. */
static double medians(double ms[][MAT_MAX_REPS_SCALE], int N, int reps, double *med)
{
    double ratio[MAT_MAX_REPS_SCALE];
    for (int t = 0; t < N; t++) med[t] = quantile(ms[t], reps, 0.5);
    for (int r = 0; r < reps; r++) ratio[r] = ms[N - 1][r] > 0 ? ms[0][r] / ms[N - 1][r] : NAN;
    return quantile(ratio, reps, 0.5);
}

/* Rounds of 1, 2, .., N threads in turn (each count's plans remade, one
 * warm call, one sample), so that each round's ratio compares times taken
 * moments apart on the same machine state. */
void matrix_scaling(mat_ctx_t *k, const bench_options_t *o, mat_result_t *res)
{
    int N = o->threads < MAT_MAX_SCALE ? o->threads : MAT_MAX_SCALE;
    int reps = o->reps < MAT_MAX_REPS_SCALE ? o->reps : MAT_MAX_REPS_SCALE;
    if (N < 2) return;
    int call = k->ref >= 0 && k->var[k->ref]->lib; /* SSYRK's whole call */
    static double ms[MAT_MAX_SCALE][MAT_MAX_REPS_SCALE], cms[MAT_MAX_SCALE][MAT_MAX_REPS_SCALE];
    int ok = 1;
    for (int r = 0; r < reps && ok; r++)
        for (int t = 1; t <= N && ok; t++) {
            systec_set_num_threads(t);
            ok = replan(k) == SYSTEC_SUCCESS;
            if (!ok) break;
            for (int w = 0; w < 3; w++) (void)mat_sample(k, SLOT_SYM, k->inner); /* warm */
            ms[t - 1][r] = 1e3 * mat_sample(k, SLOT_SYM, k->inner);
            cms[t - 1][r] = call ? 1e3 * mat_sample(k, k->ref, k->inner) : NAN;
        }
    if (ok) {
        res->scale_x = medians(ms, N, reps, res->scale_ms);
        res->scale_call_x = medians(cms, N, reps, res->scale_call_ms);
        res->nscale = N;
    }
    systec_set_num_threads(o->threads);
    if (replan(k) != SYSTEC_SUCCESS) res->nscale = 0;
}

static void print_line(const char *what, int wname, const char *name, const double *ms, int n,
                       double x)
{
    char b[32];
    printf("%-*s %-14s", wname, name, what);
    for (int t = 0; t < n; t++) printf(" %9s", isfinite(ms[t]) ? fmt_ms(b, sizeof b, ms[t]) : "-");
    printf(" %8.2f\n", x);
}

/* The control: a loop of additions with no memory traffic, the same total
 * split over 1 and n threads; its speedup (median of 5) is what the machine
 * gave this process just now. Below n on a shared machine: the other
 * processes (or the scheduler's per-session fairness) took the cores, and
 * no kernel can scale further. NAN without OpenMP. */
static double control_speedup(int n)
{
#ifdef _OPENMP
    double x[5];
    for (int r = 0; r < 5; r++) {
        double t[2];
        for (int k = 0; k < 2; k++) {
            int th = k ? n : 1;
            double t0 = now_s();
#pragma omp parallel num_threads(th)
            {
                volatile double acc = 0;
                for (long i = 0; i < 40000000L / th; i++) acc += 1e-9;
            }
            t[k] = now_s() - t0;
        }
        x[r] = t[0] / t[1];
    }
    return quantile(x, 5, 0.5);
#else
    (void)n;
    return NAN;
#endif
}

void matrix_scaling_report(const mat_result_t *res, int n, int wname, const bench_options_t *o)
{
    int N = 0;
    for (int i = 0; i < n; i++)
        if (res[i].nscale > N) N = res[i].nscale;
    if (N < 2) return;
    printf("\nscaling: libsystec at 1..%d threads (median ms per call over rounds that run each "
           "count in turn, replanned; x1->N: the median of the rounds' paired ratios; the table "
           "above ran every system at %d threads)\n", N, o->threads);
    printf("%-*s %-14s", wname, "matrix", "call");
    for (int t = 1; t <= N; t++) {
        char h[16];
        snprintf(h, sizeof h, "t=%d", t);
        printf(" %9s", h);
    }
    printf(" %8s\n", "x1->N");
    for (int i = 0; i < n; i++) {
        if (res[i].nscale < N) continue;
        print_line("kernel", wname, res[i].name, res[i].scale_ms, N, res[i].scale_x);
        if (isfinite(res[i].scale_call_ms[0]))
            print_line("whole call", wname, res[i].name, res[i].scale_call_ms, N,
                       res[i].scale_call_x);
    }
    double c = control_speedup(N);
    if (isfinite(c))
        printf("control: a loop with no memory traffic, 1-thread time over %d-thread time just "
               "now: %.2fx (%s)\n", N, c,
               c >= 0.9 * N ? "the machine gave this process its cores"
                            : "well below N: the machine did not give this process its cores, "
                              "the scaling above is bounded by that");
}
