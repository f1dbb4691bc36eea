/* TTMc's and TTM-into-rows' tables and summaries (tensor_report.h). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fmt.h"
#include "paper_figures.h"
#include "stats.h"
#include "tensor_report.h"

/* ----------------------------------------------------------------- TTMc */

#define TTMC_FMT "%-*s %5s %6s %5s %11s %11s %9s %11s %10s %10s %-20s %10s %-20s %10s %-7s\n"

static void ttmc_row(const ten_row_t *r, int wname)
{
    char o[32], b[32], R[32], c[32], d[32], e[32], f[32], ck[48];
    snprintf(o, sizeof o, r->order > 0 ? "%d" : "-", r->order);
    fmt_count(b, sizeof b, r->n);
    fmt_count(R, sizeof R, r->R);
    fmt_count(c, sizeof c, r->nnz);
    fmt_count(d, sizeof d, r->full_nnz);
    fmt_ms(e, sizeof e, r->input_s); /* the plan */
    fmt_ms(f, sizeof f, r->expand_s);
    ten_fmt_checked(ck, sizeof ck, r, "i");
    if (!ten_timed(r)) {
        printf(TTMC_FMT, wname, r->in->name, o, b, R, c, d, e, f, "-", "-", "-", "-", "-", ck,
               status_word(r->status));
        return;
    }
    char ts[32], tb[32], tx[32], sp[48], spx[48];
    printf(TTMC_FMT, wname, r->in->name, o, b, R, c, d, e, f,
           fmt_ms(ts, sizeof ts, 1e3 * r->t[SLOT_SYM].med),
           fmt_ms(tb, sizeof tb, 1e3 * r->t[r->base].med), fmt_range(sp, sizeof sp, &r->x[r->base]),
           fmt_ms(tx, sizeof tx, 1e3 * r->t[r->exp].med), fmt_range(spx, sizeof spx, &r->spx), ck,
           status_word(r->status));
}

/* geomean per order and rank over the runs that passed */
static void ttmc_summary(const ten_row_t *rows, int n, const char *prec)
{
    printf("\ngeomean t_base/t_sym (%s) per order and rank over the runs that passed (with the "
           "expansion t_base/(t_sym+t_exp)); the work ratio of symmetry alone is 2 at order 3 "
           "and 6 at order 4 (multiply-adds per canonical entry, byrow against the baseline):\n",
           prec);
    int any = 0;
    for (int ord = 3; ord <= 4; ord++)
        for (int i = 0; i < n; i++) {
            const ten_row_t *r = &rows[i];
            if (r->status != RUN_OK || r->order != ord) continue;
            int seen = 0; /* one line per (order, R), at its first run */
            for (int j = 0; j < i; j++)
                seen |= rows[j].status == RUN_OK && rows[j].order == ord && rows[j].R == r->R;
            if (seen) continue;
            geo_t g = {0}, gx = {0};
            for (int j = i; j < n; j++)
                if (rows[j].status == RUN_OK && rows[j].order == ord && rows[j].R == r->R) {
                    geo_add(&g, rows[j].x[rows[j].base].med);
                    geo_add(&gx, rows[j].spx.med);
                }
            printf("  order %d, R=%lld: %.3f (%.3f) over %d run%s\n", ord, (long long)r->R,
                   geo_mean(&g), geo_mean(&gx), g.n, g.n == 1 ? "" : "s");
            any = 1;
        }
    if (!any) printf("  - (none passed)\n");
}

void ttmc_report(const ten_row_t *rows, int n, const bench_options_t *o)
{
    const int wname = ten_name_width(rows, n);
    printf(TTMC_FMT, wname, "input", "order", "n", "R", "nnz(canon)", "nnz(full)", "plan s",
           "expand s", "t_sym ms", "t_base ms", "speedup [min-max]", "t_exp ms",
           "x sym+exp [min-max]", "checked", "check");
    for (int i = 0; i < n; i++) ttmc_row(&rows[i], wname);
    ttmc_summary(rows, n, o->use_float ? "float" : "double");
    if (o->synthetic)
        printf("--synthetic: the SySTeC paper's MTTKRP tensor configurations of orders 3 and 4 "
               "(the paper has no TTMc figures)\n");
}

/* ------------------------------------------------------ TTM into rows */

#define ROWS_FMT "%-*s %6s %5s %11s %11s %10s %10s %10s %10s %10s %10s %-20s %10s %-7s\n"

static void rows_row(const ten_row_t *r, int wname, double vs)
{
    char b[32], R[32], c[32], d[32], rs[32], rb[32], gb[32], e[32], ck[48];
    fmt_count(b, sizeof b, r->n);
    fmt_count(R, sizeof R, r->R);
    fmt_count(c, sizeof c, r->nnz);
    fmt_count(d, sizeof d, r->full_nnz);
    fmt_count(rs, sizeof rs, r->rows_sym);
    fmt_count(rb, sizeof rb, r->rows_base);
    /* what the packed output of systec_?ttm would take */
    snprintf(gb, sizeof gb, r->n >= 0 ? "%.3g" : "-",
             (double)r->n * (double)(r->n + 1) / 2 * (double)r->R * vs * 1e-9);
    fmt_ms(e, sizeof e, r->input_s);
    ten_fmt_checked(ck, sizeof ck, r, "j");
    if (!ten_timed(r)) {
        printf(ROWS_FMT, wname, r->in->name, b, R, c, d, rs, rb, gb, e, "-", "-", "-", ck,
               status_word(r->status));
        return;
    }
    char ts[32], tb[32], sp[48];
    printf(ROWS_FMT, wname, r->in->name, b, R, c, d, rs, rb, gb, e,
           fmt_ms(ts, sizeof ts, 1e3 * r->t[SLOT_SYM].med),
           fmt_ms(tb, sizeof tb, 1e3 * r->t[r->base].med), fmt_range(sp, sizeof sp, &r->x[r->base]),
           ck, status_word(r->status));
}

void ttm_rows_report(const ten_row_t *rows, int n, const bench_options_t *o)
{
    const int wname = ten_name_width(rows, n);
    printf(ROWS_FMT, wname, "input", "n", "R", "nnz(canon)", "nnz(full)", "rows sym",
           "rows base", "packed GB", "symbolic s", "t_sym ms", "t_base ms", "speedup [min-max]",
           "checked", "check");
    for (int i = 0; i < n; i++) rows_row(&rows[i], wname, o->use_float ? 4.0 : 8.0);
    geo_t g = {0};
    for (int i = 0; i < n; i++)
        if (rows[i].status == RUN_OK) geo_add(&g, rows[i].x[rows[i].base].med);
    printf("\ngeomean t_base/t_sym (%s) over the runs that passed: ", o->use_float ? "float" : "double");
    if (g.n)
        printf("%.3f over %d run%s; symmetry alone halves the updates (3 per canonical entry "
               "against 6) and the rows (pairs j <= l)\n", geo_mean(&g), g.n, g.n == 1 ? "" : "s");
    else
        printf("- (none passed)\n");
    printf("packed GB: the output systec_%cttm would write (n(n+1)/2 rows of R); symbolic s: "
           "both rows objects (systec_ttmrows_create and _create_coo), once per tensor\n",
           o->use_float ? 's' : 'd');
}
