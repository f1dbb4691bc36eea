/* The SySTeC paper's figures (paper.h), from section 6.3 of
 * ../shared/reference/systec-paper.md. */
#include "paper.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "plots.h"
#include "results.h"
#include "tensors.h" /* has_suffix, list_files, xmalloc, now_s */

static const struct {
    const char *kernel;
    double geo, lo, hi;
    int count;
} kernels[] = {
    {"symv", 1.43, 1.12, 2.33, 30},         {"syprd", 1.78, 1.43, 2.22, 30},
    {"symv_minplus", 1.47, 1.26, 2.10, 30}, {"syrk", 2.20, 1.87, 2.63, 27},
    {"ttm", 1.36, 1.01, 2.09, 4},           {"mttkrp3", 2.83, 2.38, 3.38, 4},
    {"mttkrp4", 6.17, 5.09, 7.35, 4},       {"mttkrp5", 16.3, 10.4, 29.8, 4},
};

int paper_kernel(const char *kernel, double *geo, double *lo, double *hi, int *count)
{
    for (size_t i = 0; i < sizeof kernels / sizeof kernels[0]; i++)
        if (!strcmp(kernels[i].kernel, kernel)) {
            *geo = kernels[i].geo;
            *lo = kernels[i].lo;
            *hi = kernels[i].hi;
            *count = kernels[i].count;
            return 0;
        }
    return -1;
}

/* per matrix: SSYMV, SYPRD and Bellman step speedups over naive Finch */
static const struct {
    const char *name;
    double symv, syprd, bellman;
} matrices[] = {
    {"ct20stif", 1.97, 2.17, 1.94}, {"olafu", 1.43, 1.95, 1.42},    {"bcsstk35", 1.54, 1.99, 1.49},
    {"crystk02", 1.43, 1.96, 1.44}, {"crystk03", 1.72, 2.03, 1.63}, {"nasasrb", 2.33, 2.22, 2.10},
    {"raefsky4", 1.44, 1.95, 1.44}, {"finan512", 1.30, 1.62, 1.41}, {"vibrobox", 1.37, 1.66, 1.49},
    {"saylr4", 1.52, 1.43, 1.56},   {"raefsky3", 1.58, 1.98, 1.53}, {"venkat01", 1.68, 1.93, 1.56},
    {"ex11", 1.44, 1.95, 1.39},     {"rdist1", 1.45, 1.89, 1.43},   {"orani678", 1.29, 1.93, 1.43},
    {"rim", 1.46, 1.97, 1.45},      {"memplus", 1.29, 1.55, 1.50},  {"gemat11", 1.33, 1.47, 1.36},
    {"lhr10", 1.37, 1.88, 1.44},    {"goodwin", 1.46, 1.94, 1.43},  {"bayer02", 1.39, 1.59, 1.45},
    {"bayer10", 1.43, 1.66, 1.46},  {"coater2", 1.39, 1.80, 1.35},  {"onetone2", 1.45, 1.67, 1.50},
    {"wang4", 1.19, 1.60, 1.32},    {"lnsp3937", 1.26, 1.62, 1.34}, {"sherman5", 1.30, 1.75, 1.40},
    {"sherman3", 1.23, 1.51, 1.41}, {"shyy161", 1.12, 1.43, 1.26},  {"wang3", 1.22, 1.60, 1.33},
};

/* SSYRK per matrix */
static const struct {
    const char *name;
    double syrk;
} syrk_matrices[] = {
    {"olafu", 2.26},    {"bcsstk35", 2.26}, {"crystk02", 2.27}, {"crystk03", 2.23},
    {"3dtube", 2.22},   {"raefsky4", 2.27}, {"pwt", 2.14},      {"vibrobox", 2.37},
    {"saylr4", 2.01},   {"raefsky3", 2.27}, {"ex11", 2.23},     {"rdist1", 2.31},
    {"orani678", 2.63}, {"rim", 2.10},      {"memplus", 2.14},  {"gemat11", 2.26},
    {"lhr10", 2.18},    {"goodwin", 2.35},  {"bayer02", 2.24},  {"bayer10", 2.18},
    {"coater2", 2.29},  {"onetone2", 2.15}, {"wang4", 2.11},    {"lnsp3937", 1.98},
    {"sherman5", 1.98}, {"sherman3", 1.87}, {"wang3", 2.12},
};

double paper_matrix(const char *kernel, const char *matrix)
{
    if (!strcmp(kernel, "syrk")) {
        for (size_t i = 0; i < sizeof syrk_matrices / sizeof syrk_matrices[0]; i++)
            if (!strcmp(syrk_matrices[i].name, matrix)) return syrk_matrices[i].syrk;
        return NAN;
    }
    for (size_t i = 0; i < sizeof matrices / sizeof matrices[0]; i++)
        if (!strcmp(matrices[i].name, matrix)) {
            if (!strcmp(kernel, "symv")) return matrices[i].symv;
            if (!strcmp(kernel, "syprd")) return matrices[i].syprd;
            if (!strcmp(kernel, "symv_minplus")) return matrices[i].bellman;
            return NAN;
        }
    return NAN;
}

/* ------------------------------------------------------- --paper mode */
static int is_matrix_name(const char *s) { return has_suffix(s, ".mtx") || has_suffix(s, ".mtx.gz"); }
static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

typedef struct {
    char **v;
    int n;
} list_t;

static void push(list_t *l, const char *s)
{
    l->v = realloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
    if (!l->v) {
        fprintf(stderr, "%s: out of memory\n", prog);
        exit(1);
    }
    l->v[l->n++] = xstrdup(s);
}

/* A path is a matrix or a tensor input by its name; a directory holding
 * `matrices` or `tensors` is a data root (../shared/data); another
 * directory is a matrix directory if it holds Matrix Market files, else a
 * tensor directory (FROSTT files, hypergraphs). */
static void classify(const char *p, list_t *mat, list_t *ten)
{
    if (!is_dir(p)) {
        push(is_matrix_name(p) ? mat : ten, p);
        return;
    }
    char sub[4096];
    int root = 0;
    snprintf(sub, sizeof sub, "%s/matrices", p);
    if (is_dir(sub)) push(mat, sub), root = 1;
    snprintf(sub, sizeof sub, "%s/tensors", p);
    if (is_dir(sub)) push(ten, sub), root = 1;
    if (root) return;
    char **files = NULL;
    int nf = list_files(p, is_matrix_name, &files);
    for (int i = 0; i < nf; i++) free(files[i]);
    free(files);
    push(nf > 0 ? mat : ten, p);
}

/* Runs argv (argv[0] the program) and waits; its exit status, or -1. */
static int run_child(char **argv)
{
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        execv(argv[0], argv);
        fprintf(stderr, "%s: cannot run %s: %s\n", prog, argv[0], strerror(errno));
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static const char *const paper_ops[] = {"symv", "syprd", "minplus", "symm",
                                        "syrk", "syrk_dense", "mttkrp", "ttm"};

int paper_run(const paper_opts_t *o)
{
    if ((mkdir(o->outdir, 0777) != 0 && errno != EEXIST) || !is_dir(o->outdir)) {
        fprintf(stderr, "%s: cannot create the directory %s: %s\n", prog, o->outdir,
                errno == EEXIST ? "a file of that name exists" : strerror(errno));
        return 2;
    }
    list_t mat = {0}, ten = {0};
    for (int i = 0; i < o->npaths; i++) classify(o->paths[i], &mat, &ten);
    const int nops = (int)(sizeof paper_ops / sizeof paper_ops[0]);
    char **csv = xmalloc((size_t)nops * sizeof *csv);
    int ncsv = 0, rc = 0;
    char threads[16], stream[32], reps[16], warmup[16];
    snprintf(threads, sizeof threads, "%d", o->threads);
    snprintf(stream, sizeof stream, "%.6g", o->stream_gbs);
    snprintf(reps, sizeof reps, "%d", o->reps);
    snprintf(warmup, sizeof warmup, "%d", o->warmup);
    double t0 = now_s();
    for (int k = 0; k < nops; k++) {
        const int tensor = k >= 6;
        const list_t *in = tensor ? &ten : &mat;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", o->outdir, paper_ops[k]);
        char **argv = xmalloc((size_t)(in->n + 24) * sizeof *argv);
        int a = 0;
        argv[a++] = (char *)o->self;
        argv[a++] = "--op";
        argv[a++] = (char *)paper_ops[k];
        argv[a++] = "--synthetic";
        argv[a++] = "--threads";
        argv[a++] = threads;
        if (isfinite(o->stream_gbs)) {
            argv[a++] = "--stream-gbs";
            argv[a++] = stream;
        }
        if (o->quick) argv[a++] = "--quick";
        if (o->reps > 0) argv[a++] = "--reps", argv[a++] = reps;
        if (o->warmup >= 0) argv[a++] = "--warmup", argv[a++] = warmup;
        argv[a++] = "--csv";
        argv[a++] = path;
        argv[a++] = "--";
        for (int i = 0; i < in->n; i++) argv[a++] = in->v[i];
        argv[a] = NULL;
        fprintf(stderr, "\n==== --paper: %d/%d, --op %s (%.0f s so far) ====\n", k + 1, nops,
                paper_ops[k], now_s() - t0);
        printf("\n==== %s ====\n", paper_ops[k]);
        int st = run_child(argv);
        free(argv);
        if (st != 0) {
            fprintf(stderr, "%s: --op %s %s (exit status %d)\n", prog, paper_ops[k],
                    st == 1 ? "reported a failure" : "did not finish", st);
            rc = 1;
        }
        if (access(path, R_OK) == 0) csv[ncsv++] = xstrdup(path);
    }
    printf("\n==== --paper summary (%.0f s) ====\n", now_s() - t0);
    if (paper_summary(csv, ncsv)) rc = 1;
    char msg[2048];
    if (bench_plots((const char *const *)csv, ncsv, o->outdir, msg, sizeof msg) != 0) {
        fprintf(stderr, "%s: plots: %s\n", prog, msg);
        rc = 1;
    } else {
        printf("plots: %s\n", msg);
    }
    printf("CSVs: %s/<op>.csv\n", o->outdir);
    for (int i = 0; i < ncsv; i++) free(csv[i]);
    free(csv);
    for (int i = 0; i < mat.n; i++) free(mat.v[i]);
    for (int i = 0; i < ten.n; i++) free(ten.v[i]);
    free(mat.v);
    free(ten.v);
    return rc;
}

/* ------------------------------------------------------------ summary */
typedef struct {
    double l; /* sum of logs */
    double lo, hi;
    int n;
} geo_t;

static void geo_add(geo_t *g, double v)
{
    if (!(v > 0) || !isfinite(v)) return;
    if (!g->n || v < g->lo) g->lo = v;
    if (!g->n || v > g->hi) g->hi = v;
    g->l += log(v);
    g->n++;
}

static void geo_print(const geo_t *g, int width)
{
    char buf[64];
    if (g->n)
        snprintf(buf, sizeof buf, "%.2f [%.2f-%.2f] n=%d", exp(g->l / g->n), g->lo, g->hi, g->n);
    else
        snprintf(buf, sizeof buf, "-");
    printf(" %-*s", width, buf);
}

/* kernel name with MTTKRP's order: mttkrp3, mttkrp4, mttkrp5 */
static void group_name(const bench_csv_t *t, int i, char *out, size_t size)
{
    const char *k = bench_csv_get(t, i, "kernel");
    if (!strcmp(k, "mttkrp"))
        snprintf(out, size, "mttkrp%s", bench_csv_get(t, i, "order"));
    else
        snprintf(out, size, "%s", k);
}

typedef struct {
    char group[32], system[64], paired[64], role[16];
    geo_t all;
    int failed, skipped;
} sys_t;

int paper_summary(char *const *csv, int ncsv)
{
    bench_csv_t *t = calloc((size_t)(ncsv ? ncsv : 1), sizeof *t);
    if (!t) return -1;
    int rc = 0, nsys = 0, cap = 64;
    sys_t *sys = calloc((size_t)cap, sizeof *sys);
    for (int c = 0; c < ncsv; c++) {
        char err[512];
        if (bench_csv_read(csv[c], &t[c], err, sizeof err)) {
            fprintf(stderr, "%s: %s\n", prog, err);
            rc = -1;
        }
    }
    /* machine facts from the first row there is */
    for (int c = 0; c < ncsv; c++)
        if (t[c].nrow) {
            printf("machine: %s, %s cores; STREAM triad %s GB/s (threads: %s); %s\n",
                   bench_csv_get(&t[c], 0, "cpu"), bench_csv_get(&t[c], 0, "cores"),
                   bench_csv_get(&t[c], 0, "stream_triad_gbs"),
                   bench_csv_get(&t[c], 0, "stream_threads"),
                   bench_csv_get(&t[c], 0, "page_policy"));
            printf("libsystec %s; peers: %s\n", bench_csv_get(&t[c], 0, "library_version"),
                   bench_csv_get(&t[c], 0, "peer_libraries"));
            break;
        }
    printf("\nlibsystec's symmetric kernel against its generated non-symmetric baseline, "
           "x = t_baseline/t_libsystec paired per round, geomean [min-max] over inputs; the "
           "paper's figures are over naive Finch code on an Intel Xeon E5-2680 v3 (Haswell) (section 6.3)\n");
    printf("%-13s %-26s %-26s %s\n", "kernel", "real inputs", "synthetic inputs",
           "paper: geomean [min-max] inputs");
    static const char *const groups[] = {"symv", "syprd", "symv_minplus", "symm", "syrk",
                                         "syrk_dense", "mttkrp3", "mttkrp4", "mttkrp5", "ttm"};
    for (size_t gi = 0; gi < sizeof groups / sizeof groups[0]; gi++) {
        geo_t real = {0}, syn = {0};
        int seen = 0;
        for (int c = 0; c < ncsv; c++)
            for (int i = 0; i < t[c].nrow; i++) {
                char g[32];
                group_name(&t[c], i, g, sizeof g);
                if (strcmp(g, groups[gi]) != 0) continue;
                seen = 1;
                if (strcmp(bench_csv_get(&t[c], i, "role"), ROLE_BASELINE) != 0 ||
                    strcmp(bench_csv_get(&t[c], i, "check"), "ok") != 0)
                    continue;
                double v = bench_csv_num(&t[c], i, "ratio_median");
                geo_add(strcmp(bench_csv_get(&t[c], i, "origin"), "file") ? &syn : &real, v);
            }
        if (!seen) continue;
        printf("%-13s", groups[gi]);
        geo_print(&real, 26);
        geo_print(&syn, 26);
        double pg, plo, phi;
        int pn;
        if (paper_kernel(groups[gi], &pg, &plo, &phi, &pn) == 0)
            printf(" %.2f [%.2f-%.2f] %d\n", pg, plo, phi, pn);
        else
            printf(" - (not in the paper)\n");
    }

    /* every other system, by kernel: t_system / t_paired */
    for (int c = 0; c < ncsv; c++)
        for (int i = 0; i < t[c].nrow; i++) {
            const char *role = bench_csv_get(&t[c], i, "role");
            if (strcmp(role, ROLE_PEER) != 0 && strcmp(role, ROLE_REFERENCE) != 0) continue;
            char g[32];
            group_name(&t[c], i, g, sizeof g);
            const char *name = bench_csv_get(&t[c], i, "system");
            int s = 0;
            while (s < nsys && (strcmp(sys[s].group, g) || strcmp(sys[s].system, name))) s++;
            if (s == nsys) {
                if (nsys == cap) {
                    sys_t *v = realloc(sys, (size_t)(cap *= 2) * sizeof *sys);
                    if (!v) break;
                    sys = v;
                }
                memset(&sys[s], 0, sizeof sys[s]);
                snprintf(sys[s].group, sizeof sys[s].group, "%s", g);
                snprintf(sys[s].system, sizeof sys[s].system, "%s", name);
                snprintf(sys[s].paired, sizeof sys[s].paired, "%s",
                         bench_csv_get(&t[c], i, "paired_with"));
                snprintf(sys[s].role, sizeof sys[s].role, "%s", role);
                nsys++;
            }
            const char *check = bench_csv_get(&t[c], i, "check");
            if (!strcmp(check, "skipped"))
                sys[s].skipped++;
            else if (strcmp(check, "ok") != 0)
                sys[s].failed++;
            else
                geo_add(&sys[s].all, bench_csv_num(&t[c], i, "ratio_median"));
        }
    if (nsys) {
        printf("\nother systems: x = t_system/t_paired (paired per round), geomean [min-max] "
               "over all inputs; for a peer, above 1 libsystec is faster; a reference point "
               "relates two of libsystec's own forms (plain-csr: a plain CSR loop; "
               "libsystec-call: SSYRK's whole call over its numeric phase; libsystec+expand: "
               "TTM with its expansion over the baseline)\n");
        printf("%-13s %-28s %-18s %-30s %s\n", "kernel", "system", "paired with", "x",
               "verdict");
        for (int s = 0; s < nsys; s++) {
            printf("%-13s %-28s %-18s", sys[s].group, sys[s].system, sys[s].paired);
            geo_print(&sys[s].all, 30);
            double g = sys[s].all.n ? exp(sys[s].all.l / sys[s].all.n) : NAN;
            const char *verdict = !sys[s].all.n ? "no timing"
                                  : g >= 1.0    ? "libsystec faster"
                                                : "libsystec BEHIND";
            if (!strcmp(sys[s].role, ROLE_REFERENCE)) verdict = "reference point";
            printf(" %s", verdict);
            if (sys[s].failed)
                printf(" (%d input%s FAILED)", sys[s].failed, sys[s].failed == 1 ? "" : "s");
            if (sys[s].skipped)
                printf(" (skipped on %d input%s: see the CSV's note)", sys[s].skipped,
                       sys[s].skipped == 1 ? "" : "s");
            printf("\n");
        }
    }
    for (int c = 0; c < ncsv; c++) bench_csv_free(&t[c]);
    free(t);
    free(sys);
    return rc;
}
