/* libsystec's tensor kernels at 1..N threads (tensor_scaling.h). */
#include "tensor_scaling.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "fmt.h"
#include "stats.h"
#include "timing.h"
#include "util.h"

/* Seconds per call of the symmetric kernel over `inner` calls; NAN on error. */
static double sample_sym(const ten_ctx_t *k, long inner)
{
    double t0 = now_s();
    for (long c = 0; c < inner; c++)
        if (k->var[SLOT_SYM]->run(k, SLOT_SYM) != SYSTEC_SUCCESS) return NAN;
    return (now_s() - t0) / (double)inner;
}

void tensor_scaling(ten_ctx_t *k, const bench_options_t *o, ten_row_t *row)
{
    int N = o->threads < TEN_MAX_SCALE ? o->threads : TEN_MAX_SCALE, R = o->reps;
    row->nscale = 0;
    if (N < 2 || row->inner < 1) return;
    double *t = xmalloc(sizeof *t * (size_t)R * (size_t)N);
    for (int th = 1; th <= N; th++) { /* warm each count once */
        systec_set_num_threads(th);
        (void)sample_sym(k, row->inner);
    }
    for (int r = 0; r < R; r++) /* rounds: every count, in a rotating order */
        for (int c = 0; c < N; c++) {
            int th = 1 + (r + c) % N;
            systec_set_num_threads(th);
            t[(size_t)r * (size_t)N + (size_t)(th - 1)] = sample_sym(k, row->inner);
        }
    systec_set_num_threads(o->threads);
    for (int c = 0; c < N; c++) row->scale_ms[c] = 1e3 * series_col(t, R, N, c).med;
    row->scale_x = series_ratio(t, R, N, 0, N - 1);
    row->nscale = isfinite(row->scale_x.med) ? N : 0;
    free(t);
}

void tensor_scaling_report(const ten_row_t *rows, int n, const bench_options_t *o)
{
    int N = 0;
    for (int i = 0; i < n; i++)
        if (rows[i].nscale > N) N = rows[i].nscale;
    if (N < 2) return;
    printf("\nscaling: libsystec's symmetric kernel at 1..%d threads (median ms per call; "
           "x1->N: median over rounds of the paired t(1)/t(N); the table above ran libsystec "
           "at %d threads; small tensors stay serial)\n", N, o->threads);
    printf("%-28s %6s", "tensor", "R");
    for (int t = 1; t <= N; t++) {
        char h[16];
        snprintf(h, sizeof h, "t=%d", t);
        printf(" %9s", h);
    }
    printf(" %8s\n", "x1->N");
    geo_t g[SYSTEC_MAX_ORDER + 1] = {{0}};
    for (int i = 0; i < n; i++) {
        const ten_row_t *r = &rows[i];
        if (r->nscale < N) continue;
        char b[32];
        printf("%-28s %6lld", r->in->name, (long long)r->R);
        for (int t = 0; t < N; t++) printf(" %9s", fmt_ms(b, sizeof b, r->scale_ms[t]));
        printf(" %8.2f\n", r->scale_x.med);
        if (r->order >= 0 && r->order <= SYSTEC_MAX_ORDER) geo_add(&g[r->order], r->scale_x.med);
    }
    for (int ord = 0; ord <= SYSTEC_MAX_ORDER; ord++)
        if (g[ord].n)
            printf("  order %d: geomean x1->%d %.3f (%.2f-%.2f) over %d run%s\n", ord, N,
                   geo_mean(&g[ord]), g[ord].lo, g[ord].hi, g[ord].n, g[ord].n == 1 ? "" : "s");
}
