/* systec-bench on matrices (matrices.h). */
#include "matrices.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_out.h"
#include "inputs.h"
#include "machine.h"
#include "matrix.h"
#include "matrix_csv.h"
#include "matrix_report.h"
#include "matrix_run.h"
#include "synthetic.h"
#include "util.h"

static int is_matrix_file(const char *name)
{
    return has_suffix(name, ".mtx") || has_suffix(name, ".mtx.gz");
}

static const char *const matrix_exts[] = {".mtx.gz", ".mtx", ".gz"};

/* The files and directories among the paths (every *.mtx and *.mtx.gz
 * directly inside, sorted), then the synthetic matrices. */
static void gather(inputs_t *in, const bench_op_t *op, const bench_options_t *o)
{
    for (int p = 0; p < o->npaths; p++) {
        const char *path = o->paths[p];
        if (!is_directory(path)) { /* unreadable: reported when run */
            input_t *e = inputs_push(in, IN_FILE, path, NULL);
            e->name = base_name(path, matrix_exts, 3);
            continue;
        }
        int nn = inputs_add_dir(in, path, is_matrix_file, matrix_exts, 3);
        if (nn < 0)
            inputs_dir_error(in, path);
        else if (nn == 0)
            fprintf(stderr, "%s: warning: no *.mtx or *.mtx.gz files in %s\n", prog, path);
    }
    if (!o->synthetic) return;
    char name[48];
    stencil_name(name, sizeof name, op->mat->stencil_side);
    inputs_push(in, IN_STENCIL, NULL, name);
    random_name(name, sizeof name, op->mat->random_rows, 16);
    inputs_push(in, IN_RANDOM, NULL, name);
}

/* Every input in turn, progress and failures on stderr; 1 if one failed. */
static int run_all(const bench_op_t *op, const inputs_t *in, const bench_options_t *o,
                   mat_result_t *res)
{
    int failed = 0;
    for (int i = 0; i < in->n; i++) {
        const input_t *it = &in->v[i];
        fprintf(stderr, "[%d/%d] %s%s ...\n", i + 1, in->n, it->name,
                it->kind == IN_FILE ? "" : " (synthetic)");
        fflush(stderr);
        matrix_run_one(op, it, o, &res[i]);
        if (status_failed(res[i].status)) {
            failed = 1;
            fprintf(stderr, "%s: %s: %s%s\n", prog, it->name,
                    res[i].status == RUN_CHECK_FAIL ? "FAILURE: " : "", res[i].error);
        }
    }
    return failed;
}

int bench_matrices(const bench_op_t *op, const bench_options_t *o, const bench_machine_t *machine)
{
    if (o->rank_set || o->ncfg) { /* silently ignoring them would mislead */
        fprintf(stderr, "%s: --rank and --tensor apply only to --op mttkrp, ttm and ttsv\n", prog);
        return 2;
    }
    if (o->npaths == 0 && !o->synthetic) {
        fprintf(stderr, "%s: no matrices: give Matrix Market files or directories, and/or "
                        "--synthetic (try --help)\n", prog);
        return 2;
    }
    FILE *csv = csv_open(o->csv);
    inputs_t in = {0};
    gather(&in, op, o);
    bench_machine_t m = *machine;
    const mat_peers_t *peers = op->mat->peers;
    if (peers) snprintf(m.peers, sizeof m.peers, "%s", peers->init(o->threads));
    mat_result_t *res = calloc((size_t)(in.n ? in.n : 1), sizeof *res);
    if (!res) {
        fprintf(stderr, "%s: out of memory\n", prog);
        return 1;
    }
    int rc = run_all(op, &in, o, res);
    long long anon = -1;
    for (int i = 0; i < in.n; i++)
        if (res[i].anon_huge_kb > anon) anon = res[i].anon_huge_kb;
    machine_pages(&m, anon);
    matrix_report(op, res, in.n, o, &m);
    if (csv) {
        bench_csv_header(csv);
        for (int i = 0; i < in.n; i++) matrix_csv_rows(csv, op, &res[i], o, &m);
        if (csv_close(csv, o->csv)) rc = 1;
    }
    inputs_free(&in);
    free(res);
    if (peers) peers->exit();
    return rc;
}
