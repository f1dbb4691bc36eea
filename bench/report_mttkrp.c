/* MTTKRP's table and summary (tensor_report.h): per order, and the SySTeC
 * paper's configurations beside the paper's figures. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "paper_figures.h"
#include "stats.h"
#include "tensor_report.h"

#define ROW_FMT "%-*s %5s %6s %5s %11s %11s %10s %11s %10s %10s %-20s %13s %13s %-7s %s\n"

static void print_row(const ten_row_t *r, int wname)
{
    char a[32], b[32], c[32], d[32], e[32], f[32], g[32], h[32], sp[48], ts[32], tb[32], R[32];
    snprintf(a, sizeof a, r->order > 0 ? "%d" : "-", r->order);
    fmt_count(R, sizeof R, r->R);
    fmt_count(b, sizeof b, r->n);
    fmt_count(c, sizeof c, r->nnz);
    fmt_count(d, sizeof d, r->full_nnz);
    fmt_ms(e, sizeof e, r->create_s);
    fmt_ms(f, sizeof f, r->expand_s + r->csf_s);
    if (!ten_timed(r)) {
        printf(ROW_FMT, wname, r->in->name, a, b, R, c, d, e, f, "-", "-", "-", "-",
               "-", status_word(r->status), "-");
        return;
    }
    printf(ROW_FMT, wname, r->in->name, a, b, R, c, d, e, f,
           fmt_ms(ts, sizeof ts, 1e3 * r->t[SLOT_SYM].med),
           fmt_ms(tb, sizeof tb, 1e3 * r->t[r->base].med), fmt_range(sp, sizeof sp, &r->x[r->base]),
           fmt_ms(g, sizeof g, ten_ns_per(r->t[r->base].med, r->full_nnz)),
           fmt_ms(h, sizeof h, ten_ns_per(r->t[SLOT_SYM].med, r->nnz)), status_word(r->status),
           r->base_name);
}

/* geomean per order, files and synthetic also apart */
static void per_order(const ten_row_t *rows, int n, const char *prec)
{
    printf("\ngeomean speedup t_base/t_sym (%s), per order, over the runs that passed:\n", prec);
    int any = 0;
    for (int ord = 1; ord <= SYSTEC_MAX_ORDER; ord++) {
        geo_t g[3] = {{0}}; /* all, files, synthetic */
        for (int i = 0; i < n; i++) {
            const ten_row_t *r = &rows[i];
            if (r->status != RUN_OK || r->order != ord) continue;
            geo_add(&g[0], r->x[r->base].med);
            geo_add(&g[r->in->kind == IN_FILE ? 1 : 2], r->x[r->base].med);
        }
        if (!g[0].n) continue;
        any = 1;
        printf("  order %d: %.3f over %d run%s", ord, geo_mean(&g[0]), g[0].n,
               g[0].n == 1 ? "" : "s");
        if (g[1].n && g[2].n)
            printf(" (files %.3f over %d; synthetic %.3f over %d)", geo_mean(&g[1]), g[1].n,
                   geo_mean(&g[2]), g[2].n);
        else
            printf(" (%s)", g[1].n ? "files" : "synthetic");
        printf("\n");
    }
    if (!any) printf("  - (none passed)\n");
}

/* ours per paper order, over its configurations, beside the paper's */
static void paper_orders(const bench_op_t *op, const ten_row_t *rows, int n)
{
    if (op->ten->no_rank) /* TTSV: the paper's MTTKRP tensors, which it did not time TTSV on */
        printf("the SySTeC paper's MTTKRP tensor configurations (the paper has no figures for "
               "this operation), ours (libsystec's symmetric kernel over its CSF baseline, this "
               "machine), geomean (min-max) over sp {0.1, 1e-4}, and the work ratio of symmetry "
               "alone, (order-1)!:\n");
    else
        printf("the SySTeC paper's configurations, ours (libsystec's symmetric kernel over its "
               "CSF baseline, this machine) beside the paper's (SySTeC over naive Finch on the "
               "full tensor, serial, Xeon E5-2680 v3; Patel, Ahrens, Amarasinghe, CGO 2025, "
               "section 6.3), geomean (min-max) over sp {0.1, 1e-4} x R {10, n}, and the work "
               "ratio of symmetry alone, (order-1)!:\n");
    const paper_tensor_t *pc = op->ten->paper;
    for (int p = 0; pc[p].order; p++) {
        if (p > 0 && pc[p - 1].order == pc[p].order) continue; /* one line per order */
        geo_t g = {0};
        int ncfg = 0;
        for (int c = p; pc[c].order == pc[p].order; c++) ncfg += op->ten->no_rank ? 1 : 2;
        for (int i = 0; i < n; i++)
            if (rows[i].status == RUN_OK && rows[i].in->kind == IN_PAPER &&
                rows[i].in->cfg.order == pc[p].order)
                geo_add(&g, rows[i].x[rows[i].base].med);
        int ideal = 1;
        for (int t = 2; t < pc[p].order; t++) ideal *= t;
        double pg = NAN, plo = NAN, phi = NAN;
        int pn;
        char kernel[32];
        snprintf(kernel, sizeof kernel, "%s%d", op->kernel, pc[p].order);
        int in_paper = paper_kernel(kernel, &pg, &plo, &phi, &pn) == 0;
        printf("  order %d, n=%lld: ours ", pc[p].order, (long long)pc[p].n);
        if (g.n)
            printf("%.2f (%.2f-%.2f)", geo_mean(&g), g.lo, g.hi);
        else
            printf("-");
        printf(" over %d of %d configurations; ", g.n, ncfg);
        if (in_paper) printf("paper %.2f (%.2f-%.2f); ", pg, plo, phi);
        printf("work ratio %d\n", ideal);
    }
}

void mttkrp_report(const ten_row_t *rows, int n, const bench_options_t *o)
{
    const int wname = ten_name_width(rows, n);
    printf(ROW_FMT, wname, "input", "order", "n", "R", "nnz(canon)", "nnz(full)",
           "create s", "expand+csf", "t_sym ms", "t_base ms", "speedup [min-max]", "ns/full(base)",
           "ns/canon(sym)", "check", "baseline");
    for (int i = 0; i < n; i++) print_row(&rows[i], wname);
    per_order(rows, n, o->use_float ? "float" : "double");
    if (o->synthetic) paper_orders(o->op, rows, n);
}
