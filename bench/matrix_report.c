/* The matrix operations' report (matrix_report.h). */
#include "matrix_report.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "machine.h"
#include "matrix_scaling.h"
#include "stats.h"

int mat_timed(const mat_result_t *r)
{
    return r->status == RUN_OK || r->status == RUN_CHECK_FAIL ||
           (r->status == RUN_KERNEL_ERROR && r->t[SLOT_SYM].med > 0);
}

static int is_file(const mat_result_t *r) { return !strcmp(r->origin, "file"); }

static void print_header(const bench_op_t *op, const bench_options_t *o, const bench_machine_t *m)
{
    print_title(op, !o->use_float);
    print_library_line();
    printf("precision: %s values, int32 indices; threads: %d for every system (--threads): "
           "libsystec (its plans: systec_set_num_threads; small inputs stay serial) and the "
           "peers\n", o->use_float ? "float" : "double", o->threads);
    if (isfinite(m->stream_gbs))
        printf("STREAM triad: %.1f GB/s with %d thread%s (the roof for the GB/s columns; "
               "'sym/roof' = GB/s sym / STREAM)\n",
               m->stream_gbs, o->threads, o->threads == 1 ? "" : "s");
    else
        printf("STREAM triad: not measured\n");
    printf("cpu: %s\n", m->cpu);
    printf("compiler: %s (systec-bench)\n", m->compiler);
    printf("page policy: %s\n", m->policy);
    if (m->peers[0]) printf("peers: %s\n", m->peers);
    printf("timing: %d timed round%s after %d warm-up round%s%s, CLOCK_MONOTONIC, samples of about "
           "1 ms, per-call medians; speedup = median [min-max] over rounds of t_full/t_sym\n",
           o->reps, o->reps == 1 ? "" : "s", o->warmup, o->warmup == 1 ? "" : "s",
           o->quick ? " (--quick)" : "");
    printf("\n");
}

/* the widths of the table's name and reference columns */
typedef struct widths {
    int name, ref_t, ref_x;
    const char *h_t, *h_x; /* the reference's headings */
} widths_t;

#define ROW_FMT "%-*s %-9s %8s %10s %10s %10s %-19s %8s %9s %8s %9s %9s %*s %-*s %-7s %s\n"

static void print_row(const mat_result_t *r, const widths_t *w, double stream)
{
    if (!mat_timed(r)) {
        printf(ROW_FMT, w->name, r->name, r->origin, "-", "-", "-", "-", "-", "-", "-", "-", "-",
               "-", w->ref_t, "-", w->ref_x, "-", status_word(r->status), "-");
        return;
    }
    char n[32], nnz[32], a[32], b[32], c[32], d[32], e[32], sp[48], pl[48], gs[32], gf[32],
        roof[32];
    const series_t *rt = r->ref >= 0 ? &r->t[r->ref] : NULL, *rx = rt ? &r->x[r->ref] : NULL;
    fmt_range(sp, sizeof sp, &r->x[r->base]);
    if (rx)
        fmt_range(pl, sizeof pl, rx);
    else
        snprintf(pl, sizeof pl, "-");
    snprintf(gs, sizeof gs, r->bytes_sym > 0 ? "%.2f" : "-", r->gbs_sym);
    snprintf(gf, sizeof gf, r->bytes_full > 0 ? "%.2f" : "-", r->gbs_full);
    snprintf(roof, sizeof roof, r->bytes_sym > 0 && isfinite(stream) ? "%.2f" : "-",
             r->gbs_sym / stream);
    printf(ROW_FMT, w->name, r->name, r->origin, fmt_count(n, sizeof n, r->n),
           fmt_count(nnz, sizeof nnz, r->nnz_full), fmt_ms(a, sizeof a, 1e3 * r->t[SLOT_SYM].med),
           fmt_ms(b, sizeof b, 1e3 * r->t[r->base].med), sp, gs, gf, roof,
           fmt_ms(c, sizeof c, r->conv_ms), fmt_ms(d, sizeof d, r->exp_ms), w->ref_t,
           rt ? fmt_ms(e, sizeof e, 1e3 * rt->med) : "-", w->ref_x, pl, status_word(r->status),
           r->base_name);
}

static void print_table(const bench_op_t *op, const mat_result_t *res, int n, double stream,
                        int *wname)
{
    const mat_variant_t *ref = &op->mat->ref;
    widths_t w = {6, 10, 19, ref->col_t ? ref->col_t : "t_plain ms",
                  ref->col_x ? ref->col_x : "x plain [min-max]"};
    for (int i = 0; i < n; i++)
        if ((int)strlen(res[i].name) > w.name) w.name = (int)strlen(res[i].name);
    if ((int)strlen(w.h_t) > w.ref_t) w.ref_t = (int)strlen(w.h_t);
    if ((int)strlen(w.h_x) > w.ref_x) w.ref_x = (int)strlen(w.h_x);
    printf(ROW_FMT, w.name, "matrix", "origin", "n", "nnz(full)", "t_sym ms", "t_full ms",
           "speedup [min-max]", "GB/s sym", "GB/s full", "sym/roof", "conv ms", "expand ms",
           w.ref_t, w.h_t, w.ref_x, w.h_x, "check", "baseline");
    for (int i = 0; i < n; i++) print_row(&res[i], &w, stream);
    *wname = w.name;
}

/* ratio (ref: the reference's, else the baseline's) of r, paired per round */
static double ratio(const mat_result_t *r, int ref) { return r->x[ref ? r->ref : r->base].med; }

/* "file matrices G" (over the file matrices that passed, or "-") and
 * "; synthetic NAME X" for each synthetic input that passed */
static void geomean_tail(const mat_result_t *res, int n, int ref)
{
    geo_t g = {0};
    for (int i = 0; i < n; i++)
        if (res[i].status == RUN_OK && is_file(&res[i])) geo_add(&g, ratio(&res[i], ref));
    if (g.n)
        printf("file matrices %.3f", geo_mean(&g));
    else
        printf("file matrices -");
    for (int i = 0; i < n; i++)
        if (!is_file(&res[i]) && res[i].status == RUN_OK)
            printf("; synthetic %s %.3f", res[i].name, ratio(&res[i], ref));
    printf("\n");
}

static void print_geomeans(const bench_op_t *op, const mat_result_t *res, int n, const char *prec)
{
    geo_t g = {0};
    for (int i = 0; i < n; i++)
        if (res[i].status == RUN_OK && is_file(&res[i])) geo_add(&g, ratio(&res[i], 0));
    printf("\ngeomean speedup t_full/t_sym (%s): ", prec);
    if (g.n)
        printf("file matrices %.3f (%d matri%s)", geo_mean(&g), g.n, g.n == 1 ? "x" : "ces");
    else
        printf("file matrices - (none)");
    for (int i = 0; i < n; i++)
        if (!is_file(&res[i])) {
            if (res[i].status == RUN_OK)
                printf("; synthetic %s %.3f", res[i].name, ratio(&res[i], 0));
            else
                printf("; synthetic %s -", res[i].name);
        }
    printf("\n");
    const mat_variant_t *ref = &op->mat->ref;
    if (ref->run) {
        printf("geomean %s (%s, %s): ", ref->ratio, prec, ref->about);
        geomean_tail(res, n, 1);
    }
}

/* the inputs skipped, and those that failed */
static void print_outcomes(const mat_result_t *res, int n)
{
    int nfail = 0, nskip = 0;
    for (int i = 0; i < n; i++) {
        nfail += status_failed(res[i].status);
        nskip += res[i].status == RUN_SKIPPED;
    }
    if (nskip) {
        printf("%d of %d matrices skipped:\n", nskip, n);
        for (int i = 0; i < n; i++)
            if (res[i].status == RUN_SKIPPED) printf("  %s: %s\n", res[i].name, res[i].error);
    }
    if (nfail) {
        printf("%d of %d matrices FAILED (excluded from the geomean):\n", nfail, n);
        for (int i = 0; i < n; i++)
            if (status_failed(res[i].status)) printf("  %s: %s\n", res[i].name, res[i].error);
    }
}

void matrix_report(const bench_op_t *op, const mat_result_t *res, int n,
                   const bench_options_t *o, const bench_machine_t *m)
{
    int wname;
    print_header(op, o, m);
    print_table(op, res, n, m->stream_gbs, &wname);
    if (op->mat->peers) op->mat->peers->report(res, n, wname, o);
    matrix_scaling_report(res, n, wname, o);
    print_geomeans(op, res, n, o->use_float ? "float" : "double");
    print_outcomes(res, n);
    fflush(stdout);
}

void mat_peer_geomean(const mat_result_t *res, int n, const char *name, const char *what)
{
    geo_t g = {0};
    for (int i = 0; i < n; i++)
        for (int q = 0; q < res[i].peers.n; q++)
            if (!strcmp(res[i].peers.name[q], name) && is_file(&res[i]) && !res[i].peers.bad[q])
                geo_add(&g, res[i].peers.ratio[q].med);
    if (g.n)
        printf("geomean %s over %d file matri%s: %s %.3f\n", what, g.n, g.n == 1 ? "x" : "ces",
               name, geo_mean(&g));
}
