/* TTM's table and summary (tensor_report.h): both ratios (the kernel
 * alone, and with the expansion a user who wants both halves pays), the
 * paper's figures, the dense peer's table. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "paper_figures.h"
#include "stats.h"
#include "tensor_peer.h"
#include "tensor_reference.h" /* REF_LIMIT */
#include "tensor_report.h"

#define ROW_FMT "%-*s %6s %5s %11s %11s %9s %11s %10s %10s %-20s %10s %-20s %10s %-7s %s\n"

static void print_row(const ten_row_t *r, int wname)
{
    char b[32], c[32], d[32], e[32], f[32], ck[48], R[32];
    fmt_count(b, sizeof b, r->n);
    fmt_count(R, sizeof R, r->R);
    fmt_count(c, sizeof c, r->nnz);
    fmt_count(d, sizeof d, r->full_nnz);
    fmt_ms(e, sizeof e, r->create_s);
    fmt_ms(f, sizeof f, r->expand_s + r->csf_s);
    ten_fmt_checked(ck, sizeof ck, r, "j");
    if (!ten_timed(r)) {
        printf(ROW_FMT, wname, r->in->name, b, R, c, d, e, f, "-", "-", "-", "-", "-", ck,
               status_word(r->status), "-");
        return;
    }
    char ts[32], tb[32], tx[32], sp[48], spx[48];
    printf(ROW_FMT, wname, r->in->name, b, R, c, d, e, f,
           fmt_ms(ts, sizeof ts, 1e3 * r->t[SLOT_SYM].med),
           fmt_ms(tb, sizeof tb, 1e3 * r->t[r->base].med), fmt_range(sp, sizeof sp, &r->x[r->base]),
           fmt_ms(tx, sizeof tx, 1e3 * r->t[r->exp].med), fmt_range(spx, sizeof spx, &r->spx), ck,
           status_word(r->status), r->base_name);
}

/* geomeans over the runs that passed, files and synthetic apart */
static void geomeans(const ten_row_t *rows, int n, const char *prec)
{
    geo_t g[3][2] = {{{0}}}; /* all, files, synthetic; t_base/t_sym, t_base/(t_sym+t_exp) */
    for (int i = 0; i < n; i++) {
        const ten_row_t *r = &rows[i];
        if (r->status != RUN_OK) continue;
        const int s = r->in->kind == IN_FILE ? 1 : 2;
        geo_add(&g[0][0], r->x[r->base].med);
        geo_add(&g[0][1], r->spx.med);
        geo_add(&g[s][0], r->x[r->base].med);
        geo_add(&g[s][1], r->spx.med);
    }
    printf("\ngeomean over the runs that passed (%s): t_base/t_sym ", prec);
    if (!g[0][0].n) {
        printf("- (none passed)\n");
        return;
    }
    printf("%.3f, with the expansion t_base/(t_sym+t_exp) %.3f, over %d run%s", geo_mean(&g[0][0]),
           geo_mean(&g[0][1]), g[0][0].n, g[0][0].n == 1 ? "" : "s");
    if (g[1][0].n && g[2][0].n)
        printf(" (files %.3f and %.3f over %d; synthetic %.3f and %.3f over %d)",
               geo_mean(&g[1][0]), geo_mean(&g[1][1]), g[1][0].n, geo_mean(&g[2][0]),
               geo_mean(&g[2][1]), g[2][0].n);
    else
        printf(" (%s)", g[1][0].n ? "files" : "synthetic");
    printf("\n");
}

/* ours per paper configuration and rank, beside the paper's */
static void paper_configs(const bench_op_t *op, const ten_row_t *rows, int n)
{
    const paper_tensor_t *pc = op->ten->paper;
    printf("the SySTeC paper's TTM configurations (order 3, n=%lld), ours (libsystec's "
           "symmetric kernel over its CSF baseline, this machine) beside the paper's (SySTeC "
           "over naive Finch on the full tensor, serial, Xeon E5-2680 v3, the expansion not "
           "timed; Patel, Ahrens, Amarasinghe, CGO 2025, sections 6.2-6.3); symmetry alone "
           "halves the work (3 updates per orbit instead of 6):\n",
           (long long)pc[0].n);
    geo_t gs = {0}, gx = {0};
    int ncfg = 0;
    for (int p = 0; pc[p].order; p++)
        for (int q = 0; q < 2; q++, ncfg++) {
            printf("  sp %-6g R %-4lld: ours ", pc[p].sp, (long long)pc[p].rank[q]);
            int found = 0;
            for (int i = 0; i < n; i++) {
                const ten_row_t *r = &rows[i];
                if (r->status != RUN_OK || r->in->kind != IN_PAPER || r->in->paper != p ||
                    r->q != q)
                    continue;
                printf("%.2f (with the expansion %.2f)", r->x[r->base].med, r->spx.med);
                geo_add(&gs, r->x[r->base].med);
                geo_add(&gx, r->spx.med);
                found = 1;
            }
            if (!found) printf("-");
            printf("; paper %.2f\n", pc[p].speedup[q]);
        }
    double pg = NAN, plo = NAN, phi = NAN;
    int pn;
    paper_kernel(op->kernel, &pg, &plo, &phi, &pn);
    printf("  geomean (min-max): ours ");
    if (gs.n)
        printf("%.2f (%.2f-%.2f), with the expansion %.2f (%.2f-%.2f)", geo_mean(&gs), gs.lo,
               gs.hi, geo_mean(&gx), gx.lo, gx.hi);
    else
        printf("-");
    printf(" over %d of %d configurations; paper %.2f (%.2f-%.2f); work ratio 2\n", gs.n, ncfg,
           pg, plo, phi);
}

static void sampled(const ten_row_t *rows, int n)
{
    int ns = 0;
    for (int i = 0; i < n; i++) ns += ten_timed(&rows[i]) && rows[i].checked < rows[i].n;
    if (!ns) return;
    printf("checked on a sample (a reference for every element would need more than %.0f "
           "GB; the same fixed pseudo-random j-slices in every run, all l and i):\n",
           REF_LIMIT * 1e-9);
    for (int i = 0; i < n; i++)
        if (ten_timed(&rows[i]) && rows[i].checked < rows[i].n)
            printf("  %s R=%lld: checked on %lld of %lld j-slices\n", rows[i].in->name,
                   (long long)rows[i].R, (long long)rows[i].checked, (long long)rows[i].n);
}

void ttm_report(const ten_row_t *rows, int n, const bench_options_t *o)
{
    const int wname = ten_name_width(rows, n);
    printf(ROW_FMT, wname, "input", "n", "R", "nnz(canon)", "nnz(full)", "create s", "expand+csf",
           "t_sym ms", "t_base ms", "speedup [min-max]", "t_exp ms", "x sym+exp [min-max]",
           "checked", "check", "baseline");
    for (int i = 0; i < n; i++) print_row(&rows[i], wname);
    geomeans(rows, n, o->use_float ? "float" : "double");
    if (o->synthetic) paper_configs(o->op, rows, n);
    sampled(rows, n);
    tensor_peer_report(rows, n, o);
}
