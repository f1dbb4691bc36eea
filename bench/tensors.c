/* systec-bench on tensors (tensors.h). */
#include "tensors.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_out.h"
#include "inputs.h"
#include "machine.h"
#include "peers_ttm.h"
#include "tensor.h"
#include "tensor_csv.h"
#include "tensor_inputs.h"
#include "tensor_report.h"
#include "tensor_run.h"
#include "util.h"

/* the messages on stderr for the rows of one input; 1 if one failed */
static int messages(const input_t *t, const ten_row_t *rows)
{
    int failed = 0;
    for (int q = 0; q < t->nrank; q++) {
        const ten_row_t *r = &rows[q];
        if (r->status == RUN_SKIPPED && (q == 0 || strcmp(r->error, rows[0].error) != 0))
            fprintf(stderr, "%s: %s R=%lld: skipped (%s)\n", prog, t->name, (long long)r->R,
                    r->error);
        if (status_failed(r->status)) {
            failed = 1;
            fprintf(stderr, "%s: %s R=%lld: %s%s\n", prog, t->name, (long long)r->R,
                    r->status == RUN_CHECK_FAIL ? "FAILURE: " : "", r->error);
        }
        if (r->peer_status == RUN_CHECK_FAIL || r->peer_status == RUN_KERNEL_ERROR) {
            failed = 1; /* a wrong or missing peer result is a failure too */
            fprintf(stderr, "%s: %s R=%lld: %s%s: %s\n", prog, t->name, (long long)r->R,
                    r->peer_status == RUN_CHECK_FAIL ? "FAILURE: " : "", TTM_PEER_NAME,
                    r->peer_note);
        }
    }
    return failed;
}

/* Every input in turn, progress on stderr; 1 if one failed. */
static int run_all(const bench_op_t *op, const inputs_t *in, const bench_options_t *o,
                   ten_row_t *rows)
{
    int failed = 0;
    for (int i = 0, w = 0; i < in->n; w += in->v[i].nrank, i++) {
        const input_t *t = &in->v[i];
        fprintf(stderr, "[%d/%d] %s%s, R =", i + 1, in->n, t->name,
                t->kind == IN_FILE ? "" : " (synthetic)");
        for (int q = 0; q < t->nrank; q++) fprintf(stderr, " %lld", (long long)t->rank[q]);
        fprintf(stderr, " ...\n");
        fflush(stderr);
        tensor_run_one(op, t, o, &rows[w]);
        failed |= messages(t, &rows[w]);
    }
    return failed;
}

int bench_tensors(const bench_op_t *op, const bench_options_t *o, const bench_machine_t *machine)
{
    if (op->ten->no_rank && o->rank_set) { /* silently ignoring it would mislead */
        fprintf(stderr, "%s: --op %s has no rank: --rank does not apply\n", prog, op->name);
        return 2;
    }
    inputs_t in = {0};
    tensor_inputs(&in, op, o);
    if (in.n == 0) {
        fprintf(stderr, "%s: no tensors: give tensor files or directories, --synthetic and/or "
                        "--tensor ORDER:N:SP (try --help)\n", prog);
        inputs_free(&in);
        return 2;
    }
    FILE *csv = csv_open(o->csv);
    int nrows = 0;
    for (int i = 0; i < in.n; i++) nrows += in.v[i].nrank;
    ten_row_t *rows = xmalloc(sizeof *rows * (size_t)nrows);
    int rc = run_all(op, &in, o, rows);
    long long anon = -1;
    for (int i = 0; i < nrows; i++)
        if (rows[i].anon_huge_kb > anon) anon = rows[i].anon_huge_kb;
    bench_machine_t m = *machine;
    machine_pages(&m, anon);
    if (op->ten->dense_peer && !o->use_float) {
        if (ttm_peer_compiled())
            snprintf(m.peers, sizeof m.peers, "%s (%s)", ttm_peer_library(), TTM_PEER_NAME);
        else
            snprintf(m.peers, sizeof m.peers, "OpenBLAS not found (install libopenblas-dev)");
    }
    tensor_report(op, rows, nrows, o, &m);
    if (csv) { /* the run's machine facts, with this run's page policy and peer */
        bench_csv_header(csv);
        for (int i = 0; i < nrows; i++) tensor_csv_rows(csv, op, &rows[i], o, &m);
        if (csv_close(csv, o->csv)) rc = 1;
    }
    inputs_free(&in);
    free(rows);
    return rc;
}
