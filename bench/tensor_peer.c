/* TTM's dense peer on one tensor (tensor_peer.h). */
#include "tensor_peer.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "peers_ttm.h"
#include "stats.h"
#include "timing.h"

/* whether rank w's peer fits; RUN_OK, or RUN_SKIPPED with the reason */
static void peer_fits(int64_t n, double budget, double avail, ten_row_t *w)
{
    const double need = ttm_peer_bytes(n, w->R), da = ttm_peer_bytes(n, 0);
    if (ttm_peer_fits_int(n, w->R, w->peer_note, sizeof w->peer_note)) {
        w->peer_status = RUN_SKIPPED;
        return;
    }
    if (need <= budget) {
        w->peer_status = RUN_OK;
        return;
    }
    w->peer_status = RUN_SKIPPED;
    char av[64];
    if (isfinite(avail))
        snprintf(av, sizeof av, "half of MemAvailable, %.1f GB,", 0.5 * avail * 1e-9);
    else
        snprintf(av, sizeof av, "half of MemAvailable (unknown)");
    snprintf(w->peer_note, sizeof w->peer_note,
             "dense A (%.2f GB) and C (%.2f GB) need %.2f GB, over its budget of %.2f GB "
             "(the smaller of %s and %.0f GiB)",
             da * 1e-9, (need - da) * 1e-9, need * 1e-9, budget * 1e-9, av,
             TTM_PEER_CAP / (1024.0 * 1024 * 1024));
}

double *tensor_peer_prepare(const systec_tns_t *F, int64_t n, ten_row_t *rows, int nr)
{
    double avail, budget = ttm_peer_budget(&avail);
    int want = 0;
    for (int q = 0; q < nr; q++)
        if (rows[q].status == RUN_OK) {
            peer_fits(n, budget, avail, &rows[q]);
            want |= rows[q].peer_status == RUN_OK;
        }
    if (!want) return NULL;
    char err[256];
    double t0 = now_s();
    double *A = ttm_peer_densify(F, err, sizeof err);
    double t = now_s() - t0;
    for (int q = 0; q < nr; q++) {
        if (rows[q].peer_status != RUN_OK) continue;
        if (A) {
            rows[q].peer_setup_s = t;
        } else {
            rows[q].peer_status = RUN_KERNEL_ERROR;
            snprintf(rows[q].peer_note, sizeof rows[q].peer_note, "%s", err);
        }
    }
    return A;
}

/* one row of the table; adds its ratio to g (and gp for a paper
 * configuration) when both passed */
static void peer_row(const ten_row_t *r, int wname, geo_t *g, geo_t *gp)
{
    char ts[32], tp[32], su[32], x[64];
    fmt_ms(ts, sizeof ts, 1e3 * r->t[SLOT_SYM].med);
    if (r->peer_status != RUN_OK && r->peer_status != RUN_CHECK_FAIL) {
        printf("%-*s %5lld %10s %11s %-22s %12s %6s %s\n", wname, r->in->name, (long long)r->R,
               ts, "-", "-", "-", "-", status_word(r->peer_status));
        return;
    }
    fmt_ms(tp, sizeof tp, 1e3 * r->t[r->peer].med);
    fmt_ms(su, sizeof su, 1e3 * r->peer_setup_s);
    fmt_range(x, sizeof x, &r->x[r->peer]);
    printf("%-*s %5lld %10s %11s %-22s %12s %6ld %s\n", wname, r->in->name, (long long)r->R, ts,
           tp, x, su, r->peer_inner, status_word(r->peer_status));
    if (r->peer_status == RUN_OK && r->status == RUN_OK) {
        geo_add(g, r->x[r->peer].med);
        if (r->in->kind == IN_PAPER) geo_add(gp, r->x[r->peer].med);
    }
}

static void peer_geomean(const geo_t *g, const geo_t *gp, const bench_options_t *o)
{
    printf("geomean t_peer/t_sym over the runs where both passed: ");
    if (g->n)
        printf("%.3f (%.2f-%.2f) over %d run%s", geo_mean(g), g->lo, g->hi, g->n,
               g->n == 1 ? "" : "s");
    else
        printf("-");
    if (o->synthetic) {
        printf("; the paper's configurations: ");
        if (gp->n)
            printf("%.3f (%.2f-%.2f) over %d of 4", geo_mean(gp), gp->lo, gp->hi, gp->n);
        else
            printf("- (none)");
    }
    printf("\n");
}

void tensor_peer_report(const ten_row_t *rows, int nrows, const bench_options_t *o)
{
    if (!ttm_peer_compiled()) {
        printf("\npeer %s: not compiled in (CMake did not find OpenBLAS; Debian: "
               "libopenblas-dev)\n", TTM_PEER_NAME);
        return;
    }
    if (o->use_float) {
        printf("\npeer %s: double only, not run with --float\n", TTM_PEER_NAME);
        return;
    }
    int wname = 5, any = 0;
    for (int i = 0; i < nrows; i++) {
        if (!ten_timed(&rows[i]) || rows[i].peer_status == PEER_NONE) continue;
        int l = (int)strlen(rows[i].in->name);
        if (l > wname) wname = l;
        any = 1;
    }
    printf("\npeer %s: the tensor densified (n^3 doubles, an (n*n)-by-n row-major matrix), "
           "C = A*B by one cblas_dgemm (n^2 x n times n x R: the full output, as the "
           "baseline's), %d thread%s (--threads; OpenBLAS reports %d); timed in the same rounds, "
           "x = median [min-max] over rounds of t_peer/t_sym (above 1: libsystec's symmetric "
           "kernel is faster); set-up = the densification, not in the time; checked like the "
           "kernels:\n",
           TTM_PEER_NAME, o->threads, o->threads == 1 ? "" : "s", ttm_peer_threads());
    if (!any) {
        printf("  - (no run was timed)\n");
        return;
    }
    printf("%-*s %5s %10s %11s %-22s %12s %6s %s\n", wname, "input", "R", "t_sym ms", "dgemm ms",
           "x dgemm [min-max]", "set-up ms", "calls", "check");
    geo_t g = {0}, gp = {0};
    for (int i = 0; i < nrows; i++)
        if (ten_timed(&rows[i]) && rows[i].peer_status != PEER_NONE)
            peer_row(&rows[i], wname, &g, &gp);
    peer_geomean(&g, &gp, o);
    int nnote = 0;
    for (int i = 0; i < nrows; i++) {
        const ten_row_t *r = &rows[i];
        if (!ten_timed(r) || r->peer_status == PEER_NONE || r->peer_status == RUN_OK) continue;
        if (!nnote++) printf("peer notes:\n");
        printf("  %s R=%lld: %s (%s)\n", r->in->name, (long long)r->R,
               status_word(r->peer_status), r->peer_note);
    }
}
