/* systec-bench --regret (regret.h). */
#include "regret.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cases.h"
#include "inputs.h"
#include "ops.h"
#include "search.h"
#include "synthetic.h"
#include "tensor_inputs.h"
#include "util.h"

#define DEFAULT_ROUNDS 7
#define DEFAULT_RANK 10  /* MTTKRP's rank, the SySTeC paper's low one */
#define MIN_SAMPLE 1e-3  /* seconds per timed sample, at least */
#define STENCIL_SIDE 100 /* --synthetic: as systec-bench --op symv --synthetic */
#define RANDOM_ROWS 1000000
#define RANDOM_SEED 0x5eed0002u /* as systec-bench's random-1e6x16 */

static int is_matrix_file(const char *s) { return has_suffix(s, ".mtx") || has_suffix(s, ".mtx.gz"); }
static const char *const matrix_exts[] = {".mtx.gz", ".mtx"};
static int is_tensor_file(const char *s)
{
    return has_suffix(s, ".tns") || has_suffix(s, ".tns.gz") || has_suffix(s, ".ssten");
}

/* Whether dir holds tensor files (directly or in lvgna_triangles/). */
static int has_tensors(const char *dir)
{
    char **names = NULL, sub[4096];
    int nn = list_files(dir, is_tensor_file, &names);
    for (int k = 0; k < nn; k++) free(names[k]);
    free(names);
    snprintf(sub, sizeof sub, "%s/lvgna_triangles", dir);
    return nn > 0 || is_directory(sub);
}

/* The PATHs split into matrix inputs and tensor paths (a directory with
 * matrices/ or tensors/ is a data root; any other directory is searched
 * for both kinds). */
static void gather(const bench_options_t *o, inputs_t *mats, char ***tpaths, int *ntpaths)
{
    *tpaths = xmalloc(sizeof **tpaths * (size_t)(2 * o->npaths + 1));
    *ntpaths = 0;
    for (int p = 0; p < o->npaths; p++) {
        const char *path = o->paths[p];
        if (!is_directory(path)) {
            if (is_matrix_file(path)) inputs_push(mats, IN_FILE, path, NULL)->name =
                base_name(path, matrix_exts, 2);
            else (*tpaths)[(*ntpaths)++] = xstrdup(path);
            continue;
        }
        size_t len = strlen(path) + 16;
        char *m = xmalloc(len), *t = xmalloc(len);
        snprintf(m, len, "%s/matrices", path);
        snprintf(t, len, "%s/tensors", path);
        int root = is_directory(m) || is_directory(t);
        if (inputs_add_dir(mats, root ? m : path, is_matrix_file, matrix_exts, 2) < 0 && !root)
            inputs_dir_error(mats, path);
        if (root ? is_directory(t) : has_tensors(path))
            (*tpaths)[(*ntpaths)++] = xstrdup(root ? t : path);
        free(m);
        free(t);
    }
}

/* One input built and timed; 0, or -1 with a message. */
static int build(const input_t *it, int tensor, int64_t rank, tk_input_t *in)
{
    char err[512] = "";
    int rc = -1;
    if (tensor) {
        systec_tns_t T;
        int ssten = it->path && has_suffix(it->path, ".ssten");
        systec_status_t st = ssten ? systec_ssten_read(it->path, &T) : systec_tns_read(it->path, &T);
        if (st) snprintf(err, sizeof err, "%s", systec_last_error());
        else rc = tk_input_tensor(in, it->name, "file", &T, rank, err, sizeof err);
        if (!st) systec_tns_free(&T);
    } else if (it->kind == IN_FILE) {
        systec_coo_t coo;
        if (systec_mm_read(it->path, &coo)) snprintf(err, sizeof err, "%s", systec_last_error());
        else {
            rc = tk_input_coo(in, it->name, "file", &coo, err, sizeof err);
            systec_coo_free(&coo);
        }
    } else {
        source_t s = {0};
        if (it->kind == IN_STENCIL) gen_stencil(&s, STENCIL_SIDE);
        else gen_random(&s, RANDOM_ROWS, 16.0, RANDOM_SEED);
        rc = tk_input_csr(in, it->name, "synthetic", s.n, s.rowptr, s.colidx, s.val, err,
                          sizeof err);
        source_free(&s);
    }
    if (rc) fprintf(stderr, "%s: %s: %s\n", prog, it->name, err);
    return rc;
}

/* One line per case at no hint: the best variant, the defaults' choice and
 * the tuned one with their regret; flags a tuned choice worse than the
 * defaults' beyond the measured noise. */
static void print_case(const tk_case_t *c, const systec_profile_t *D, const systec_profile_t *T,
                       int *differ, int *better, int *worse)
{
    const tk_group_t *g = c->g;
    int b = tk_best(g, 0), d = tk_choose(g, D, 0), t = tk_choose(g, T, 0);
    if (d < 0 || t < 0) {
        printf("%-24s %-13s (a choice was not among the timed variants)\n", g->in->name, g->op);
        return;
    }
    double l = log(g->med[t] / g->med[d]), noise = tk_noise(g, d, t);
    const char *flag = "";
    if (d != t) {
        ++*differ;
        if (l < -noise) ++*better, flag = "  tuned better";
        if (l > noise) ++*worse, flag = "  TUNED WORSE";
    }
    printf("%-24s %-13s %-20s %10.4g  %-20s %6.3f  %-20s %6.3f%s\n", g->in->name, g->op,
           g->var[b], 1e6 * g->med[b], g->var[d], g->med[d] / g->med[b], g->var[t],
           g->med[t] / g->med[b], flag);
}

static void print_summary(const char *label, tk_regret_t r)
{
    printf("  %-9s geomean %.3f, worst %.3f", label, r.geo, r.worst);
    if (r.worst_case)
        printf(" (%s %s%s)", r.worst_case->g->in->name, r.worst_case->g->op,
               r.worst_case->hint ? ", few calls" : "");
    printf("\n");
}

static void write_csv(FILE *f, tk_input_t **in, int n, const systec_profile_t *D,
                      const systec_profile_t *T)
{
    fprintf(f, "input,op,variant,median_s,prep_s,rounds,best,default,tuned\n");
    for (int i = 0; i < n; i++)
        for (int k = 0; k < in[i]->ngroups; k++) {
            const tk_group_t *g = &in[i]->g[k];
            int b = tk_best(g, 0), d = tk_choose(g, D, 0), t = tk_choose(g, T, 0);
            for (int v = 0; v < g->nvar; v++)
                fprintf(f, "%s,%s,%s,%.6g,%.6g,%d,%d,%d,%d\n", in[i]->name, g->op, g->var[v],
                        g->med[v], g->prep[v], g->rounds, v == b, v == d, v == t);
        }
}

/* The tuned profile: --profile FILE, else the process-wide one. */
static systec_profile_t *tuned_profile(const bench_options_t *o, char *label, size_t len)
{
    systec_profile_t *T = NULL;
    systec_profile_reason_t why;
    if (o->profile) {
        if (systec_profile_read(&T, o->profile, &why)) {
            fprintf(stderr, "%s: --profile: %s\n", prog, systec_last_error());
            return NULL;
        }
        snprintf(label, len, "%s", o->profile);
        return T;
    }
    const char *path, *detail;
    why = systec_profile_status(&path, &detail);
    systec_profile_current(&T);
    snprintf(label, len, "%s", why == SYSTEC_PROFILE_IN_USE ? path : "none in use: the defaults");
    if (why != SYSTEC_PROFILE_IN_USE)
        fprintf(stderr, "%s: warning: no tuned profile (%s); tuned = defaults\n", prog, detail);
    return T;
}

int regret_mode(const bench_options_t *o)
{
    if (o->npaths == 0 && !o->synthetic) {
        fprintf(stderr, "%s: --regret needs matrices or tensors (files or directories) or "
                        "--synthetic\n", prog);
        return 2;
    }
    char label[4096];
    systec_profile_t *D = NULL, *T = tuned_profile(o, label, sizeof label);
    if (!T) return 2;
    systec_profile_new(&D);
    inputs_t mats = {0}, tens = {0};
    char **tpaths;
    int ntpaths;
    gather(o, &mats, &tpaths, &ntpaths);
    if (o->synthetic) {
        char name[48];
        stencil_name(name, sizeof name, STENCIL_SIDE);
        inputs_push(&mats, IN_STENCIL, NULL, name);
        random_name(name, sizeof name, RANDOM_ROWS, 16);
        inputs_push(&mats, IN_RANDOM, NULL, name);
    }
    int64_t rank = o->rank_set ? o->rank : DEFAULT_RANK;
    bench_options_t to = *o; /* the tensor files only: no paper configurations */
    to.paths = tpaths;
    to.npaths = ntpaths;
    to.synthetic = 0;
    to.ncfg = 0;
    to.rank = rank;
    tensor_inputs(&tens, op_find("mttkrp"), &to);
    int rounds = o->reps_set || o->quick ? o->reps : DEFAULT_ROUNDS, total = mats.n + tens.n;
    tk_input_t **in = xmalloc(sizeof *in * (size_t)(total + 1));
    int n = 0, failed = 0;
    for (int i = 0; i < total; i++) {
        const input_t *it = i < mats.n ? &mats.v[i] : &tens.v[i - mats.n];
        fprintf(stderr, "[%d/%d] %s ...\n", i + 1, total, it->name);
        in[n] = memset(xmalloc(sizeof *in[n]), 0, sizeof(tk_input_t)); /* freeable as is */
        if (it->dir_error || build(it, i >= mats.n, rank, in[n])) {
            if (it->dir_error) fprintf(stderr, "%s: %s\n", prog, it->dir_error);
            tk_input_free(in[n]);
            free(in[n]);
            failed = 1;
            continue;
        }
        if (o->threads >= 2) tk_input_add_threads(in[n], o->threads); /* SYMV on them too */
        tk_input_probe(in[n], &tk_wall_timer, MIN_SAMPLE);
        tk_input_time(in[n], &tk_wall_timer, rounds);
        n++;
    }
    printf("regret = t_chosen / t_best: the best of every variant the library has (the oracle: "
           "median of %d interleaved rounds per variant), libsystec %s, %s kernels, every "
           "operation on 1 thread%s\ntuned: %s\n", rounds, systec_version_string(), systec_isa(),
           o->threads >= 2 ? ", SYMV also on --threads (op symv/Nt)" : "", label);
    printf("%-24s %-13s %-20s %10s  %-20s %6s  %-20s %6s\n", "input", "op", "best", "us/call",
           "defaults' choice", "regret", "tuned choice", "regret");
    tk_case_t *c;
    int nc = tk_cases(in, n, &c), differ = 0, better = 0, worse = 0;
    for (int k = 0; k < nc; k++)
        if (!c[k].hint) print_case(&c[k], D, T, &differ, &better, &worse);
    tk_regret_t rd = tk_regret(c, nc, D, 0), rt = tk_regret(c, nc, T, 0);
    printf("summary over %d cases on %d inputs:\n", rd.n, n);
    print_summary("defaults", rd);
    print_summary("tuned", rt);
    if (o->threads >= 2) {
        tk_regret_t pd = tk_regret_at(c, nc, D, 0, o->threads);
        tk_regret_t pt = tk_regret_at(c, nc, T, 0, o->threads);
        printf("summary over %d cases of SYMV on %d threads (serial and parallel variants):\n",
               pd.n, o->threads);
        print_summary("defaults", pd);
        print_summary("tuned", pt);
    }
    printf("  the tuned profile chooses differently in %d cases: better beyond the noise in %d, "
           "worse beyond the noise in %d\n", differ, better, worse);
    tk_regret_t hd = tk_regret(c, nc, D, 1), ht = tk_regret(c, nc, T, 1);
    if (hd.n)
        printf("  with 1 to 10 expected calls (the entry stream's preparation counted): "
               "defaults %.3f geomean, %.3f worst; tuned %.3f, %.3f\n", hd.geo, hd.worst,
               ht.geo, ht.worst);
    if (o->csv) {
        FILE *f = fopen(o->csv, "w");
        if (f) write_csv(f, in, n, D, T);
        if (!f || fclose(f)) {
            fprintf(stderr, "%s: cannot write %s\n", prog, o->csv);
            failed = 1;
        }
    }
    free(c);
    for (int i = 0; i < n; i++) {
        tk_input_free(in[i]);
        free(in[i]);
    }
    for (int p = 0; p < ntpaths; p++) free(tpaths[p]);
    free(tpaths);
    free(in);
    inputs_free(&mats);
    inputs_free(&tens);
    systec_profile_free(&D);
    systec_profile_free(&T);
    return failed;
}
