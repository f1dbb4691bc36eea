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

/* The median over `reps` samples of slot s, in ms per call. */
static double median_ms(mat_ctx_t *k, int s, int reps)
{
    double *t = xmalloc(sizeof *t * (size_t)reps);
    for (int r = 0; r < reps; r++) t[r] = mat_sample(k, s, k->inner);
    double m = 1e3 * quantile(t, reps, 0.5);
    free(t);
    return m;
}

void matrix_scaling(mat_ctx_t *k, const bench_options_t *o, mat_result_t *res)
{
    int N = o->threads < MAT_MAX_SCALE ? o->threads : MAT_MAX_SCALE;
    if (N < 2) return;
    int call = k->ref >= 0 && k->var[k->ref]->lib; /* SSYRK's whole call */
    for (int t = 1; t <= N; t++) {
        systec_set_num_threads(t);
        if (replan(k) != SYSTEC_SUCCESS) break;
        (void)mat_sample(k, SLOT_SYM, k->inner); /* warm */
        res->scale_ms[t - 1] = median_ms(k, SLOT_SYM, o->reps);
        res->scale_call_ms[t - 1] = call ? median_ms(k, k->ref, o->reps) : NAN;
        res->nscale = t;
    }
    systec_set_num_threads(o->threads);
    if (replan(k) != SYSTEC_SUCCESS) res->nscale = 0;
}

static void print_line(const char *what, int wname, const char *name, const double *ms, int n)
{
    char b[32];
    printf("%-*s %-14s", wname, name, what);
    for (int t = 0; t < n; t++) printf(" %9s", isfinite(ms[t]) ? fmt_ms(b, sizeof b, ms[t]) : "-");
    printf(" %8.2f\n", ms[n - 1] > 0 ? ms[0] / ms[n - 1] : NAN);
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
    printf("\nscaling: libsystec at 1..%d threads (median ms per call; the table above ran every "
           "system at %d threads)\n", N, o->threads);
    printf("%-*s %-14s", wname, "matrix", "call");
    for (int t = 1; t <= N; t++) {
        char h[16];
        snprintf(h, sizeof h, "t=%d", t);
        printf(" %9s", h);
    }
    printf(" %8s\n", "x1->N");
    for (int i = 0; i < n; i++) {
        if (res[i].nscale < N) continue;
        print_line("kernel", wname, res[i].name, res[i].scale_ms, N);
        if (isfinite(res[i].scale_call_ms[0]))
            print_line("whole call", wname, res[i].name, res[i].scale_call_ms, N);
    }
    double c = control_speedup(N);
    if (isfinite(c))
        printf("control: a loop with no memory traffic, split over %d threads, ran %.2fx faster "
               "than on 1 just now (below %d: the machine did not give this process %d cores)\n",
               N, c, N, N);
}
