/*
 * systec-tune: measures, on this machine, the thresholds libsystec's
 * dispatcher decides with, and writes them as a profile the library reads
 * at its first decision.
 *
 * Stages: the machine (hwloc topology, PAPI counters or why none), the
 * memory bandwidth (a STREAM triad), then the inputs -- the user's files
 * first, then generated families (stencils, banded, random, power-law
 * graphs, the SySTeC paper's tensor configurations) -- each timed with
 * every variant of every operation in interleaved rounds (cases.h), as
 * many as the budget allows; then the search (search.h) and the profile.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "cases.h"
#include "counters.h"
#include "families.h"
#include "progress.h"
#include "search.h"
#include "stream.h"
#include "topology.h"
#include "util.h"

#define RESERVE 3.0     /* seconds kept for the search and the profile */
#define MIN_ROUNDS 3
#define MAX_ROUNDS 7
#define MIN_SAMPLE 1e-3 /* seconds per timed sample, at least */
#define DEFAULT_BUDGET 100

typedef struct opts {
    double budget;
    const char *output;
    int system, quiet, verbose, max_generated;
    const char **matrix, **tensor;
    int nmatrix, ntensor;
    int64_t rank;
    int threads[8], nthreads; /* thread counts the parallel thresholds are measured at */
    int threads_set;
} opts_t;

static void usage(FILE *f)
{
    fprintf(f,
            "usage: systec-tune [options]\n"
            "Measures the thresholds libsystec's dispatcher uses on this machine and writes\n"
            "them as a profile (a text file) the library reads at its first decision.\n"
            "  --budget SECONDS  time for measuring (default %d); more inputs and rounds\n"
            "                    with more time; the search of the thresholds comes after\n"
            "                    (some 30 s on a 2-core machine)\n"
            "  --output FILE     where to write the profile (default: the user's config,\n"
            "                    $XDG_CONFIG_HOME/systec/profile or ~/.config/systec/profile)\n"
            "  --system          write the system-wide profile instead (under the install\n"
            "                    prefix; needs the rights to)\n"
            "  --matrix FILE     also tune on this Matrix Market file (repeatable; measured first)\n"
            "  --tensor FILE     also tune on this symmetric tensor (.tns, canonical entries)\n"
            "  --rank R          MTTKRP's rank when timing tensors (default 10)\n"
            "  --inputs N        at most N generated inputs (default: as the budget allows)\n"
            "  --threads N       measure the parallel thresholds at N threads (repeatable, at\n"
            "                    most 8; default 2, 4, 8, ... and the usable cores; 1: none)\n"
            "  --quiet           no progress line\n"
            "  --verbose         also the search's moves (the cases each changes) and every\n"
            "                    input's times per variant (the oracle) with the defaults'\n"
            "                    and the tuned choice\n"
            "The profile is keyed by the library's build and this machine; re-run after\n"
            "upgrading or rebuilding libsystec (systec-info says when it is rejected).\n",
            DEFAULT_BUDGET);
}

static int parse(int argc, char **argv, opts_t *o)
{
    *o = (opts_t){DEFAULT_BUDGET, NULL, 0, 0, 0, -1, NULL, NULL, 0, 0, 10, {0}, 0, 0};
    o->matrix = xmalloc(sizeof *o->matrix * (size_t)argc);
    o->tensor = xmalloc(sizeof *o->tensor * (size_t)argc);
    for (int a = 1; a < argc; a++) {
        const char *k = argv[a], *v = a + 1 < argc ? argv[a + 1] : NULL;
        char *end = NULL;
        if (!strcmp(k, "--help") || !strcmp(k, "-h")) {
            usage(stdout);
            exit(0);
        } else if (!strcmp(k, "--quiet")) {
            o->quiet = 1;
        } else if (!strcmp(k, "--verbose")) {
            o->verbose = 1;
        } else if (!strcmp(k, "--system")) {
            o->system = 1;
        } else if (!v) {
            fprintf(stderr, "%s: %s needs a value (try --help)\n", prog, k);
            return -1;
        } else if (!strcmp(k, "--budget")) {
            o->budget = strtod(v, &end);
            if (*end || !(o->budget > 0)) goto bad;
            a++;
        } else if (!strcmp(k, "--output")) {
            o->output = argv[++a];
        } else if (!strcmp(k, "--matrix")) {
            o->matrix[o->nmatrix++] = argv[++a];
        } else if (!strcmp(k, "--tensor")) {
            o->tensor[o->ntensor++] = argv[++a];
        } else if (!strcmp(k, "--rank")) {
            o->rank = strtol(v, &end, 10);
            if (*end || o->rank < 1) goto bad;
            a++;
        } else if (!strcmp(k, "--threads")) {
            long x = strtol(v, &end, 10);
            if (*end || x < 1 || x > 4096 || o->nthreads == 8) goto bad;
            if (x >= 2) o->threads[o->nthreads++] = (int)x;
            o->threads_set = 1;
            a++;
        } else if (!strcmp(k, "--inputs")) {
            long x = strtol(v, &end, 10);
            if (*end || x < 0) goto bad;
            o->max_generated = (int)x;
            a++;
        } else {
            fprintf(stderr, "%s: unknown option %s (try --help)\n", prog, k);
            return -1;
        }
        continue;
    bad:
        fprintf(stderr, "%s: %s %s: not a valid value\n", prog, k, v);
        return -1;
    }
    if (o->system && o->output) {
        fprintf(stderr, "%s: --system and --output exclude each other\n", prog);
        return -1;
    }
    return 0;
}

/* ------------------------------------------------------------- inputs */

typedef struct run {
    const opts_t *o;
    tk_progress_t prog;
    tk_input_t **in;
    int n, cap, skipped, failed;
    char skipped_names[4096];
    double per_entry; /* seconds an input costs per stored entry and row (largest seen) */
} run_t;

static double left(const run_t *r) { return r->o->budget - RESERVE - tk_progress_elapsed(&r->prog); }

static void skip(run_t *r, const char *name)
{
    size_t l = strlen(r->skipped_names);
    snprintf(r->skipped_names + l, sizeof r->skipped_names - l, "%s%s", l ? ", " : "", name);
    r->skipped++;
}

/* Probes and times a built input within its share of what is left; keeps
 * it, or frees it if not even MIN_ROUNDS fit. */
static void measure(run_t *r, tk_input_t *in, int inputs_left, const char *stage)
{
    tk_progress_stage(&r->prog, stage, left(r) + RESERVE);
    double t0 = tk_now();
    for (int t = 0; t < r->o->nthreads; t++) tk_input_add_threads(in, r->o->threads[t]);
    double round = tk_input_probe(in, &tk_wall_timer, MIN_SAMPLE);
    double size = (double)(in->entries + in->n);
    double cost = (in->setup_seconds + tk_now() - t0 + MIN_ROUNDS * round) / size;
    if (size > 1e5 && cost > r->per_entry) r->per_entry = cost; /* small ones: fixed costs */
    double share = 2 * left(r) / (inputs_left > 0 ? inputs_left : 1);
    if (share > left(r)) share = left(r);
    int rounds = round > 0 ? (int)(share / round) : MAX_ROUNDS;
    if (rounds > MAX_ROUNDS) rounds = MAX_ROUNDS;
    if (rounds < MIN_ROUNDS && MIN_ROUNDS * round > left(r)) {
        skip(r, in->name);
        tk_input_free(in);
        free(in);
        return;
    }
    tk_input_time(in, &tk_wall_timer, rounds < MIN_ROUNDS ? MIN_ROUNDS : rounds);
    if (r->n == r->cap) r->in = xrealloc(r->in, sizeof *r->in * (size_t)(r->cap = 2 * r->cap + 8));
    r->in[r->n++] = in;
}

static void input_failed(run_t *r, const char *name, const char *err)
{
    tk_progress_clear(&r->prog);
    fprintf(stderr, "%s: %s: %s (skipped)\n", prog, name, err);
    r->failed++;
}

static void user_inputs(run_t *r, int total)
{
    char err[512], stage[160];
    for (int k = 0; k < r->o->nmatrix + r->o->ntensor; k++) {
        int is_t = k >= r->o->nmatrix;
        const char *path = is_t ? r->o->tensor[k - r->o->nmatrix] : r->o->matrix[k];
        const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
        tk_input_t *in = memset(xmalloc(sizeof *in), 0, sizeof(tk_input_t)); /* freeable as is */
        int rc = -1;
        snprintf(stage, sizeof stage, "input %d/%d %s", k + 1, total, base);
        tk_progress_stage(&r->prog, stage, left(r) + RESERVE);
        if (is_t) {
            systec_tns_t T;
            if (systec_tns_read(path, &T) == SYSTEC_SUCCESS) {
                rc = tk_input_tensor(in, base, "file", &T, r->o->rank, err, sizeof err);
                systec_tns_free(&T);
            } else {
                snprintf(err, sizeof err, "%s", systec_last_error());
            }
        } else {
            systec_coo_t coo;
            if (systec_mm_read(path, &coo) == SYSTEC_SUCCESS) {
                rc = tk_input_coo(in, base, "file", &coo, err, sizeof err);
                systec_coo_free(&coo);
            } else {
                snprintf(err, sizeof err, "%s", systec_last_error());
            }
        }
        if (rc) {
            input_failed(r, path, err);
            tk_input_free(in);
            free(in);
            continue;
        }
        measure(r, in, total - k, stage);
    }
}

/* A rough cost of a generated input at the fewest rounds: seconds, from its
 * entries and rows and the largest cost per entry seen so far. */
static double make_estimate(const run_t *r, const tk_family_input_t *f)
{
    double size = f->kind == TK_TENSOR ? f->sp * pow(f->b, f->a) / tgamma(f->a + 1)
                  : f->kind == TK_STENCIL2D ? (double)f->a * f->a * 3
                  : f->kind == TK_STENCIL3D7 ? pow((double)f->a, 3) * 4
                  : f->kind == TK_STENCIL3D27 ? pow((double)f->a, 3) * 14
                  : (double)f->a * (f->b + 1);
    return r->per_entry * size;
}

static void generated_inputs(run_t *r, int first, int total)
{
    int nf;
    const tk_family_input_t *fam = tk_family_list(&nf);
    if (r->o->max_generated >= 0 && r->o->max_generated < nf) nf = r->o->max_generated;
    char name[64], stage[160], err[512];
    for (int k = 0; k < nf; k++) {
        tk_family_name(&fam[k], name, sizeof name);
        snprintf(stage, sizeof stage, "input %d/%d %s", first + k + 1, total, name);
        if (make_estimate(r, &fam[k]) > left(r) / 2) {
            skip(r, name);
            continue;
        }
        tk_progress_stage(&r->prog, stage, left(r) + RESERVE);
        tk_input_t *in = memset(xmalloc(sizeof *in), 0, sizeof(tk_input_t)); /* freeable as is */
        int rc;
        if (fam[k].kind == TK_TENSOR) {
            systec_tns_t T;
            rc = tk_family_tensor(&fam[k], &T) ? -1 : 0;
            if (rc) snprintf(err, sizeof err, "%s", systec_last_error());
            else rc = tk_input_tensor(in, name, "tensor", &T, r->o->rank, err, sizeof err);
            if (!rc || T.ind) systec_tns_free(&T);
        } else {
            source_t T;
            rc = tk_family_matrix(&fam[k], &T);
            if (rc) snprintf(err, sizeof err, "out of memory");
            else rc = tk_input_csr(in, name, tk_family_kind(&fam[k]), T.n, T.rowptr, T.colidx,
                                   T.val, err, sizeof err);
            if (!rc) source_free(&T);
        }
        if (rc) {
            input_failed(r, name, err);
            tk_input_free(in);
            free(in);
            continue;
        }
        measure(r, in, total - first - k, stage);
    }
}

/* ----------------------------------------------------------- machine */

typedef struct machine {
    tk_topology_t topo;
    tk_counters_t counters;
    stream_result_t stream;
    char stream_err[200];
} machine_t;

static void measure_machine(run_t *r, machine_t *m)
{
    tk_progress_stage(&r->prog, "machine: topology and counters", left(r) + RESERVE);
    tk_topology_read(&m->topo);
    tk_counters_probe(&m->counters);
    tk_progress_stage(&r->prog, "memory bandwidth (STREAM triad)", left(r) + RESERVE);
    if (stream_measure(1, &m->stream, m->stream_err, sizeof m->stream_err)) m->stream.triad_gbs = NAN;
}

/* The largest matrix input's SSYMV call, for the counters. */
static void one_symv(void *ctx)
{
    tk_input_t *in = ctx;
    systec_dsymv(in->q[0], 1.0, in->x, 0.0, in->y);
}

/* Measured memory traffic of one SSYMV against the model's bytes: a
 * comment line, or "" without counters. */
static void traffic_check(const run_t *r, machine_t *m, char *line, size_t len)
{
    tk_input_t *big = NULL;
    line[0] = 0;
    for (int k = 0; k < r->n; k++)
        if (!r->in[k]->is_tensor && (!big || r->in[k]->entries > big->entries)) big = r->in[k];
    if (!big || !m->counters.available) return;
    double got = tk_counters_bytes(&m->counters, one_symv, big);
    double model = (double)big->entries * 12.0 + (double)big->n * (4 + 8 * 3);
    if (got >= 0)
        snprintf(line, len, "memory traffic of dsymv on %s: %.1f bytes per stored entry counted "
                 "(%s), model %.1f", big->name, got / (double)big->entries, m->counters.event,
                 model / (double)big->entries);
}

/* ------------------------------------------------------------- profile */

/* The notes of the searched parameters (threads >= 2: that section's). */
static void note_params(systec_profile_t *P, const tk_param_result_t *res, int np, int ninputs,
                        int threads)
{
    for (int k = 0; k < np; k++) {
        const tk_param_result_t *p = &res[k];
        char note[400], at[32] = "";
        if (!p->searched) continue; /* derived: noted where set */
        if (threads) snprintf(at, sizeof at, " at %d threads", threads);
        if (p->changed)
            snprintf(note, sizeof note, "measured on %d inputs%s: moves %d cases, summed log "
                     "regret -%.3f beyond its noise band %.3f (%s)", ninputs, at, p->ndiffer,
                     p->gain, p->noise, p->how);
        else
            snprintf(note, sizeof note, "measured on %d inputs%s: kept, no candidate beat it by "
                     "more than the noise (%s)", ninputs, at, p->how);
        if (threads) systec_profile_set_threads(P, threads, p->name, p->after, note);
        else systec_profile_set(P, p->name, p->after, note);
    }
}

/* The default thread counts: 2, 4, 8, ... below the usable cores, and them. */
static void default_threads(opts_t *o, int cores)
{
    for (int t = 2; t < cores && o->nthreads < 7; t *= 2) o->threads[o->nthreads++] = t;
    if (cores >= 2) o->threads[o->nthreads++] = cores;
}

/* The parallel thresholds at each thread count: P's sections. */
static void search_threads(run_t *r, const tk_case_t *cases, int ncases,
                           systec_profile_t *P, const systec_profile_t *D,
                           const tk_search_opts_t *base)
{
    int np = systec_profile_nparams();
    tk_param_result_t *res = xmalloc(sizeof *res * (size_t)np);
    for (int t = 0; t < r->o->nthreads; t++) {
        int th = r->o->threads[t];
        tk_search_opts_t so = *base;
        so.threads = th;
        tk_regret_t before = tk_regret_at(cases, ncases, D, 0, th);
        tk_search(cases, ncases, P, &so, res);
        note_params(P, res, np, r->n, th);
        tk_regret_t after = tk_regret_at(cases, ncases, P, 0, th);
        char line[300];
        snprintf(line, sizeof line, "at %d threads (SYMV, %d cases): regret defaults %.3f "
                 "geomean, %.2f worst; tuned %.3f geomean, %.2f worst", th, before.n, before.geo,
                 before.worst, after.geo, after.worst);
        systec_profile_comment(P, line);
        tk_progress_clear(&r->prog);
        printf("%s\n", line);
        for (int k = 0; k < np; k++)
            if (res[k].searched || res[k].changed)
                printf("  %-22s %-12.6g default %-12.6g %s\n", res[k].name, res[k].after,
                       res[k].def, res[k].changed ? "changed" : "kept");
    }
    free(res);
}

/* The derived parameters: model_gbs from STREAM, the SSYRK memory cap from
 * the memory, measure_min_calls from the tuned regret. */
static void set_derived(systec_profile_t *P, const machine_t *m, double tuned_geo)
{
    char note[300];
    const char *how;
    if (isfinite(m->stream.triad_gbs)) {
        tk_param_derived("model_gbs", &how);
        snprintf(note, sizeof note, "%s: %.1f GB/s, 1 thread", how, m->stream.triad_gbs);
        systec_profile_set(P, "model_gbs", round(m->stream.triad_gbs * 10) / 10, note);
    }
    double cap = 0;
    systec_profile_get(P, "syrk_reserve_entries", &cap);
    if (m->topo.memory > 0) {
        double fit = floor(m->topo.memory / 8 / 12);
        tk_param_derived("syrk_reserve_entries", &how);
        snprintf(note, sizeof note, "%s (memory %.0f GiB: %.0f entries%s)", how,
                 m->topo.memory / (1 << 30), fit, fit < cap / 2 ? "" : "; kept");
        systec_profile_set(P, "syrk_reserve_entries", fit < cap / 2 ? fit : cap, note);
    }
    double def = 0;
    systec_profile_get(P, "measure_min_calls", &def);
    if (isfinite(tuned_geo)) {
        /* a policy from a noisy figure: moved only by more than a factor 2 */
        double calls = tuned_geo > 1.0003 ? 30 / (tuned_geo - 1) : 1e5;
        double mag = pow(10, floor(log10(calls)));
        calls = round(calls / mag) * mag; /* one significant digit */
        calls = calls < 100 ? 100 : calls > 1e5 ? 1e5 : calls;
        tk_param_derived("measure_min_calls", &how);
        snprintf(note, sizeof note, "%s (%.4f: %.0f calls%s)", how, tuned_geo, calls,
                 calls > def / 2 && calls < def * 2 ? "; within a factor 2, kept" : "");
        systec_profile_set(P, "measure_min_calls", calls > def / 2 && calls < def * 2 ? def : calls,
                           note);
    }
}

static int make_dirs(const char *path)
{
    char *p = xstrdup(path);
    for (char *s = p + 1; *s; s++)
        if (*s == '/') {
            *s = 0;
            if (mkdir(p, 0755) && errno != EEXIST) {
                free(p);
                return -1;
            }
            *s = '/';
        }
    free(p);
    return 0;
}

/* ---------------------------------------------------------------- main */

/* Every input's medians per variant, the best (*), the defaults' choice
 * (d) and the tuned one (t). */
static void print_oracle(const run_t *r, const systec_profile_t *D, const systec_profile_t *P)
{
    printf("the oracle: median microseconds per call; * best, d defaults' choice, t tuned\n");
    for (int i = 0; i < r->n; i++) {
        const tk_input_t *in = r->in[i];
        printf("%s (%s, n %lld, %lld entries, %d rounds)\n", in->name, in->family,
               (long long)in->n, (long long)in->entries, in->g[0].rounds);
        for (int k = 0; k < in->ngroups; k++) {
            const tk_group_t *g = &in->g[k];
            int d = tk_choose(g, D, 0), t = tk_choose(g, P, 0), b = tk_best(g, 0);
            printf("  %-13s", g->op);
            for (int v = 0; v < g->nvar; v++)
                printf(" %s %.4g%s%s%s", g->var[v], 1e6 * g->med[v], v == b ? "*" : "",
                       v == d ? "d" : "", v == t ? "t" : "");
            printf("\n");
        }
    }
}

static void print_results(const tk_param_result_t *res, int np, const systec_profile_t *P)
{
    printf("thresholds (tuned vs default):\n");
    for (int k = 0; k < np; k++) {
        const tk_param_result_t *r = &res[k];
        double v = 0;
        systec_profile_get(P, r->name, &v);
        printf("  %-22s %-12.6g default %-12.6g ", r->name, v, r->def);
        if (v == r->def) printf("kept\n");
        else if (!r->searched) printf("changed (derived)\n");
        else printf("changed: %d cases, log regret -%.3f beyond noise %.3f\n", r->ndiffer,
                    r->gain, r->noise);
    }
}

int main(int argc, char **argv)
{
    prog = "systec-tune";
    opts_t o;
    if (parse(argc, argv, &o)) return 2;
    char path[4096];
    if (o.output) snprintf(path, sizeof path, "%s", o.output);
    else if (systec_profile_location(o.system, path, sizeof path)) {
        fprintf(stderr, "%s: %s; give --output FILE\n", prog, systec_last_error());
        return 2;
    }
    run_t r = {.o = &o, .per_entry = 1e-6};
    tk_progress_start(&r.prog, o.budget, o.quiet);
    machine_t m;
    measure_machine(&r, &m);
    if (!o.threads_set) default_threads(&o, m.topo.cores);
    int nf;
    tk_family_list(&nf);
    if (o.max_generated >= 0 && o.max_generated < nf) nf = o.max_generated;
    int total = o.nmatrix + o.ntensor + nf;
    user_inputs(&r, total);
    generated_inputs(&r, o.nmatrix + o.ntensor, total);

    tk_progress_stage(&r.prog, "search", RESERVE);
    tk_case_t *cases;
    int ncases = tk_cases(r.in, r.n, &cases);
    systec_profile_t *P = NULL, *D = NULL;
    systec_profile_new(&P);
    systec_profile_new(&D);
    tk_regret_t before = tk_regret(cases, ncases, D, 0);
    tk_search_opts_t so = {m.topo.cache[2], m.topo.cache[3], 3, o.verbose ? stdout : NULL, 0};
    int np = systec_profile_nparams();
    tk_param_result_t *res = xmalloc(sizeof *res * (size_t)np);
    tk_search(cases, ncases, P, &so, res);
    tk_regret_t after = tk_regret(cases, ncases, P, 0);
    note_params(P, res, np, r.n, 0);
    set_derived(P, &m, after.geo);
    for (int k = 0; k < np; k++) systec_profile_get(P, res[k].name, &res[k].after);

    char line[600], topo[256], traffic[300];
    tk_topology_line(&m.topo, topo, sizeof topo);
    traffic_check(&r, &m, traffic, sizeof traffic);
    time_t now = time(NULL);
    char date[64];
    strftime(date, sizeof date, "%Y-%m-%d %H:%M", localtime(&now));
    double took = tk_progress_elapsed(&r.prog);
    snprintf(line, sizeof line, "written by systec-tune %s on %s in %.0f s (budget %.0f s)",
             systec_version_string(), date, took, o.budget);
    systec_profile_comment(P, line);
    snprintf(line, sizeof line, "machine (%s): %s", m.topo.source, topo);
    systec_profile_comment(P, line);
    snprintf(line, sizeof line, "counters: %s", m.counters.why);
    systec_profile_comment(P, line);
    if (traffic[0]) systec_profile_comment(P, traffic);
    snprintf(line, sizeof line, "STREAM triad: %.1f GB/s (1 thread)%s%s", m.stream.triad_gbs,
             m.stream_err[0] ? "; " : "", m.stream_err);
    systec_profile_comment(P, line);
    snprintf(line, sizeof line, "inputs: %d timed (every variant of every operation, interleaved "
             "rounds, medians), %d skipped for the budget, %d failed; %d cases", r.n, r.skipped,
             r.failed, ncases);
    systec_profile_comment(P, line);
    snprintf(line, sizeof line, "regret t_chosen/t_best on them: defaults %.3f geomean, %.2f worst; "
             "tuned %.3f geomean, %.2f worst", before.geo, before.worst, after.geo, after.worst);
    systec_profile_comment(P, line);
    search_threads(&r, cases, ncases, P, D, &so); /* its regret lines after these */

    tk_progress_stage(&r.prog, "writing the profile", 0);
    int rc = 0;
    if (make_dirs(path) || systec_profile_write(P, path)) {
        tk_progress_clear(&r.prog);
        fprintf(stderr, "%s: cannot write %s: %s\n", prog, path,
                systec_last_error()[0] ? systec_last_error() : strerror(errno));
        rc = 1;
    }
    tk_progress_clear(&r.prog);
    printf("systec-tune: %s %s (%.0f s: %.0f s measuring, budget %.0f s, then the search)\n",
           rc ? "could not write" : "profile written to", path, tk_progress_elapsed(&r.prog),
           took, o.budget);
    printf("machine: %s (%s)\ncounters: %s\n", topo, m.topo.source, m.counters.why);
    if (traffic[0]) printf("%s\n", traffic);
    printf("STREAM triad: %.1f GB/s (1 thread)\n", m.stream.triad_gbs);
    printf("inputs: %d timed, %d skipped for the budget%s%s%s, %d failed\n", r.n, r.skipped,
           r.skipped ? " (" : "", r.skipped_names, r.skipped ? ")" : "", r.failed);
    if (!before.n) printf("regret: no inputs timed (a larger --budget?); the profile holds the defaults\n");
    else printf("regret on the training inputs (t_chosen/t_best, %d cases): defaults %.3f geomean, "
           "%.2f worst (%s %s); tuned %.3f geomean, %.2f worst (%s %s)\n", before.n, before.geo,
           before.worst, before.worst_case ? before.worst_case->g->in->name : "-",
           before.worst_case ? before.worst_case->g->op : "", after.geo, after.worst,
           after.worst_case ? after.worst_case->g->in->name : "-",
           after.worst_case ? after.worst_case->g->op : "");
    print_results(res, np, P);
    if (o.verbose) print_oracle(&r, D, P);
    free(res);
    free(cases);
    systec_profile_free(&P);
    systec_profile_free(&D);
    for (int k = 0; k < r.n; k++) {
        tk_input_free(r.in[k]);
        free(r.in[k]);
    }
    free(r.in);
    free(o.matrix);
    free(o.tensor);
    return rc;
}
