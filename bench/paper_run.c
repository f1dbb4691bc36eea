/* systec-bench --paper (paper_run.h). */
#include "paper_run.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "ops.h"
#include "plots.h"
#include "summary.h"
#include "timing.h"
#include "util.h"

static int is_matrix_name(const char *s)
{
    return has_suffix(s, ".mtx") || has_suffix(s, ".mtx.gz");
}

typedef struct {
    char **v;
    int n;
} list_t;

static void push(list_t *l, const char *s)
{
    l->v = xrealloc(l->v, (size_t)(l->n + 1) * sizeof *l->v);
    l->v[l->n++] = xstrdup(s);
}

static void list_free(list_t *l)
{
    for (int i = 0; i < l->n; i++) free(l->v[i]);
    free(l->v);
}

/* A path is a matrix or a tensor input by its name; a directory holding
 * `matrices` or `tensors` is a data root; another directory is a matrix
 * directory if it holds Matrix Market files, else a tensor directory
 * (FROSTT files, hypergraphs). */
static void classify(const char *p, list_t *mat, list_t *ten)
{
    if (!is_directory(p)) {
        push(is_matrix_name(p) ? mat : ten, p);
        return;
    }
    char sub[4096];
    int root = 0;
    snprintf(sub, sizeof sub, "%s/matrices", p);
    if (is_directory(sub)) push(mat, sub), root = 1;
    snprintf(sub, sizeof sub, "%s/tensors", p);
    if (is_directory(sub)) push(ten, sub), root = 1;
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

/* `self --op OP --synthetic ... --csv path -- inputs`; its exit status */
static int run_op(const paper_opts_t *o, const bench_op_t *op, const list_t *in, const char *path)
{
    char threads[16], stream[32], reps[16], warmup[16];
    snprintf(threads, sizeof threads, "%d", o->threads);
    snprintf(stream, sizeof stream, "%.6g", o->stream_gbs);
    snprintf(reps, sizeof reps, "%d", o->reps);
    snprintf(warmup, sizeof warmup, "%d", o->warmup);
    char **argv = xmalloc((size_t)(in->n + 24) * sizeof *argv);
    int a = 0;
    argv[a++] = (char *)o->self;
    argv[a++] = "--op";
    argv[a++] = (char *)op->name;
    argv[a++] = "--synthetic";
    argv[a++] = "--threads";
    argv[a++] = threads;
    if (isfinite(o->stream_gbs)) argv[a++] = "--stream-gbs", argv[a++] = stream;
    if (o->quick) argv[a++] = "--quick";
    if (o->reps > 0) argv[a++] = "--reps", argv[a++] = reps;
    if (o->warmup >= 0) argv[a++] = "--warmup", argv[a++] = warmup;
    argv[a++] = "--csv";
    argv[a++] = (char *)path;
    argv[a++] = "--";
    for (int i = 0; i < in->n; i++) argv[a++] = in->v[i];
    argv[a] = NULL;
    int st = run_child(argv);
    free(argv);
    return st;
}

int paper_run(const paper_opts_t *o)
{
    if ((mkdir(o->outdir, 0777) != 0 && errno != EEXIST) || !is_directory(o->outdir)) {
        fprintf(stderr, "%s: cannot create the directory %s: %s\n", prog, o->outdir,
                errno == EEXIST ? "a file of that name exists" : strerror(errno));
        return 2;
    }
    list_t mat = {0}, ten = {0};
    for (int i = 0; i < o->npaths; i++) classify(o->paths[i], &mat, &ten);
    char **csv = xmalloc((size_t)bench_nops * sizeof *csv);
    int ncsv = 0, rc = 0;
    double t0 = now_s();
    for (int k = 0; k < bench_nops; k++) {
        const bench_op_t *op = &bench_ops[k];
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.csv", o->outdir, op->name);
        fprintf(stderr, "\n==== --paper: %d/%d, --op %s (%.0f s so far) ====\n", k + 1, bench_nops,
                op->name, now_s() - t0);
        printf("\n==== %s ====\n", op->name);
        int st = run_op(o, op, op->input == INPUT_TENSOR ? &ten : &mat, path);
        if (st != 0) {
            fprintf(stderr, "%s: --op %s %s (exit status %d)\n", prog, op->name,
                    st == 1 ? "reported a failure" : "did not finish", st);
            rc = 1;
        }
        if (access(path, R_OK) == 0) csv[ncsv++] = xstrdup(path);
    }
    printf("\n==== --paper summary (%.0f s) ====\n", now_s() - t0);
    if (bench_summary(csv, ncsv)) rc = 1;
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
    list_free(&mat);
    list_free(&ten);
    return rc;
}
