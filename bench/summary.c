/* The summary of systec-bench's CSVs (summary.h). Kernels are grouped as
 * the operations' table (ops.c) lists them, MTTKRP by order. */
#include "summary.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops.h"
#include "paper_figures.h"
#include "results.h"
#include "stats.h"
#include "util.h"

static void geo_print(const geo_t *g, int width)
{
    char buf[64];
    if (g->n)
        snprintf(buf, sizeof buf, "%.2f [%.2f-%.2f] n=%d", geo_mean(g), g->lo, g->hi, g->n);
    else
        snprintf(buf, sizeof buf, "-");
    printf(" %-*s", width, buf);
}

/* kernel name with MTTKRP's order: mttkrp3, mttkrp4, mttkrp5 */
static void group_name(const bench_csv_t *t, int i, char *out, size_t size)
{
    const char *k = bench_csv_get(t, i, "kernel");
    const bench_op_t *op = NULL;
    for (int o = 0; o < bench_nops && !op; o++)
        if (!strcmp(bench_ops[o].kernel, k)) op = &bench_ops[o];
    if (op && op->by_order)
        snprintf(out, size, "%s%s", k, bench_csv_get(t, i, "order"));
    else
        snprintf(out, size, "%s", k);
}

static void machine_lines(const bench_csv_t *t, int ncsv)
{
    for (int c = 0; c < ncsv; c++)
        if (t[c].nrow) {
            printf("machine: %s, %s cores; STREAM triad %s GB/s (threads: %s); %s\n",
                   bench_csv_get(&t[c], 0, "cpu"), bench_csv_get(&t[c], 0, "cores"),
                   bench_csv_get(&t[c], 0, "stream_triad_gbs"),
                   bench_csv_get(&t[c], 0, "stream_threads"),
                   bench_csv_get(&t[c], 0, "page_policy"));
            printf("libsystec %s; peers: %s\n", bench_csv_get(&t[c], 0, "library_version"),
                   bench_csv_get(&t[c], 0, "peer_libraries"));
            return;
        }
}

/* One group's line: the baseline rows' paired ratio, real and synthetic
 * inputs apart, beside the paper's figure; nothing if no row has it. */
static void group_line(const bench_csv_t *t, int ncsv, const char *group)
{
    geo_t real = {0}, syn = {0};
    int seen = 0;
    for (int c = 0; c < ncsv; c++)
        for (int i = 0; i < t[c].nrow; i++) {
            char g[32];
            group_name(&t[c], i, g, sizeof g);
            if (strcmp(g, group) != 0) continue;
            seen = 1;
            if (strcmp(bench_csv_get(&t[c], i, "role"), ROLE_BASELINE) != 0 ||
                strcmp(bench_csv_get(&t[c], i, "check"), "ok") != 0)
                continue;
            double v = bench_csv_num(&t[c], i, "ratio_median");
            geo_add(strcmp(bench_csv_get(&t[c], i, "origin"), "file") ? &syn : &real, v);
        }
    if (!seen) return;
    printf("%-13s", group);
    geo_print(&real, 26);
    geo_print(&syn, 26);
    double pg, plo, phi;
    int pn;
    if (paper_kernel(group, &pg, &plo, &phi, &pn) == 0)
        printf(" %.2f [%.2f-%.2f] %d\n", pg, plo, phi, pn);
    else
        printf(" - (not in the paper)\n");
}

static void baseline_table(const bench_csv_t *t, int ncsv)
{
    printf("\nlibsystec's symmetric kernel against its generated non-symmetric baseline, "
           "x = t_baseline/t_libsystec paired per round, geomean [min-max] over inputs; the "
           "paper's figures are over naive Finch code on an Intel Xeon E5-2680 v3 (Haswell) "
           "(section 6.3)\n");
    printf("%-13s %-26s %-26s %s\n", "kernel", "real inputs", "synthetic inputs",
           "paper: geomean [min-max] inputs");
    for (int o = 0; o < bench_nops; o++) {
        const bench_op_t *op = &bench_ops[o];
        if (!op->by_order) {
            group_line(t, ncsv, op->kernel);
            continue;
        }
        for (int ord = 1; ord <= SYSTEC_MAX_ORDER; ord++) {
            char g[32];
            snprintf(g, sizeof g, "%s%d", op->kernel, ord);
            group_line(t, ncsv, g);
        }
    }
}

typedef struct {
    char group[32], system[64], paired[64], role[16];
    geo_t all;
    int failed, skipped;
} sys_t;

typedef struct {
    sys_t *v;
    int n, cap;
} systems_t;

/* the entry of (group, system), added at the end if new */
static sys_t *system_of(systems_t *s, const bench_csv_t *t, int i, const char *g)
{
    const char *name = bench_csv_get(t, i, "system");
    for (int k = 0; k < s->n; k++)
        if (!strcmp(s->v[k].group, g) && !strcmp(s->v[k].system, name)) return &s->v[k];
    if (s->n == s->cap) s->v = xrealloc(s->v, (size_t)(s->cap = s->cap ? 2 * s->cap : 64) *
                                                  sizeof *s->v);
    sys_t *e = &s->v[s->n++];
    memset(e, 0, sizeof *e);
    snprintf(e->group, sizeof e->group, "%s", g);
    snprintf(e->system, sizeof e->system, "%s", name);
    snprintf(e->paired, sizeof e->paired, "%s", bench_csv_get(t, i, "paired_with"));
    snprintf(e->role, sizeof e->role, "%s", bench_csv_get(t, i, "role"));
    return e;
}

static void system_line(const sys_t *s)
{
    printf("%-13s %-28s %-18s", s->group, s->system, s->paired);
    geo_print(&s->all, 30);
    double g = geo_mean(&s->all);
    const char *verdict = !s->all.n    ? "no timing"
                          : g >= 1.0 ? "libsystec faster"
                                     : "libsystec BEHIND";
    if (!strcmp(s->role, ROLE_REFERENCE)) verdict = "reference point";
    printf(" %s", verdict);
    if (s->failed) printf(" (%d input%s FAILED)", s->failed, s->failed == 1 ? "" : "s");
    if (s->skipped)
        printf(" (skipped on %d input%s: see the CSV's note)", s->skipped,
               s->skipped == 1 ? "" : "s");
    printf("\n");
}

/* every other system, by kernel: t_system / t_paired */
static void systems_table(const bench_csv_t *t, int ncsv)
{
    systems_t s = {0};
    for (int c = 0; c < ncsv; c++)
        for (int i = 0; i < t[c].nrow; i++) {
            const char *role = bench_csv_get(&t[c], i, "role");
            if (strcmp(role, ROLE_PEER) != 0 && strcmp(role, ROLE_REFERENCE) != 0) continue;
            char g[32];
            group_name(&t[c], i, g, sizeof g);
            sys_t *e = system_of(&s, &t[c], i, g);
            const char *check = bench_csv_get(&t[c], i, "check");
            if (!strcmp(check, "skipped"))
                e->skipped++;
            else if (strcmp(check, "ok") != 0)
                e->failed++;
            else
                geo_add(&e->all, bench_csv_num(&t[c], i, "ratio_median"));
        }
    if (s.n) {
        printf("\nother systems: x = t_system/t_paired (paired per round), geomean [min-max] "
               "over all inputs; for a peer, above 1 libsystec is faster; a reference point "
               "relates two of libsystec's own forms (plain-csr: a plain CSR loop; "
               "libsystec-call: SSYRK's whole call over its numeric phase; libsystec+expand: "
               "TTM with its expansion over the baseline)\n");
        printf("%-13s %-28s %-18s %-30s %s\n", "kernel", "system", "paired with", "x", "verdict");
        for (int k = 0; k < s.n; k++) system_line(&s.v[k]);
    }
    free(s.v);
}

int bench_summary(char *const *csv, int ncsv)
{
    bench_csv_t *t = calloc((size_t)(ncsv ? ncsv : 1), sizeof *t);
    if (!t) return -1;
    int rc = 0;
    for (int c = 0; c < ncsv; c++) {
        char err[512];
        if (bench_csv_read(csv[c], &t[c], err, sizeof err)) {
            fprintf(stderr, "%s: %s\n", prog, err);
            rc = -1;
        }
    }
    machine_lines(t, ncsv);
    baseline_table(t, ncsv);
    systems_table(t, ncsv);
    for (int c = 0; c < ncsv; c++) bench_csv_free(&t[c]);
    free(t);
    return rc;
}
