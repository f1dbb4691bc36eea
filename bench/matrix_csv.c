/* The matrix operations' CSV rows (matrix_csv.h). */
#include "matrix_csv.h"

#include <math.h>

#include "matrix_report.h" /* mat_timed */
#include "paper_figures.h"

/* the columns of a timed slot: its times and its ratio to libsystec's */
static void slot_times(bench_row_t *b, const mat_result_t *r, int s)
{
    b->t_ms = 1e3 * r->t[s].med, b->t_min_ms = 1e3 * r->t[s].min, b->t_max_ms = 1e3 * r->t[s].max;
    if (s == SLOT_SYM) return;
    b->paired_with = "libsystec";
    b->ratio_med = r->x[s].med, b->ratio_min = r->x[s].min, b->ratio_max = r->x[s].max;
}

/* the peers, paired with libsystec's call (the hook's paired_with) */
static void peer_rows(FILE *f, bench_row_t b, const bench_op_t *op, const mat_result_t *r,
                      const bench_options_t *o, const bench_machine_t *m)
{
    const mat_peer_results_t *pr = &r->peers;
    for (int q = 0; q < pr->n; q++) {
        b.system = pr->name[q];
        b.role = ROLE_PEER;
        b.variant = NULL;
        b.threads = o->threads;
        b.paired_with = op->mat->peers->paired_with;
        b.t_ms = 1e3 * pr->t[q].med, b.t_min_ms = 1e3 * pr->t[q].min,
        b.t_max_ms = 1e3 * pr->t[q].max;
        b.ratio_med = pr->ratio[q].med, b.ratio_min = pr->ratio[q].min,
        b.ratio_max = pr->ratio[q].max;
        b.setup_ms = pr->prep_ms[q];
        b.check = pr->bad[q] ? "FAIL" : "ok";
        b.max_err = NAN;
        b.calls_per_sample = pr->inner;
        b.reps = pr->reps;
        b.note = pr->err[0] ? pr->err : NULL;
        bench_csv_row(f, &b, m);
    }
}

void matrix_csv_rows(FILE *f, const bench_op_t *op, const mat_result_t *r, const bench_options_t *o,
                     const bench_machine_t *m)
{
    bench_row_t b = bench_row_blank();
    b.kernel = op->kernel;
    b.input = r->name;
    b.origin = r->origin;
    b.path = r->path;
    b.precision = o->use_float ? "float" : "double";
    b.order = 2;
    b.reps = o->reps;
    b.warmup = o->warmup;
    b.check = status_word(r->status);
    b.note = r->status == RUN_OK ? NULL : r->error;
    b.system = "libsystec";
    b.role = ROLE_SYSTEC;
    b.threads = o->threads; /* libsystec's plans (systec_set_num_threads) */
    if (r->status != RUN_LOAD_ERROR && r->status != RUN_SKIPPED) {
        b.n = r->n;
        b.nnz = r->nnz_full;
    }
    if (op->mat->blocks) b.param = o->cols;
    if (!mat_timed(r)) { /* one row saying why */
        bench_csv_row(f, &b, m);
        return;
    }
    char name[64];
    b.calls_per_sample = r->inner;
    b.max_err = r->max_err;
    /* libsystec's symmetric kernel; set-up: the conversion (SSYRK: the first call) */
    b.paper_speedup = paper_matrix(b.kernel, r->name);
    b.variant = variant_name(name, sizeof name, op->mat->sym.call, op->mat->sym.lib, !o->use_float);
    slot_times(&b, r, SLOT_SYM);
    b.gbs = r->bytes_sym > 0 ? r->gbs_sym : NAN;
    b.setup_ms = r->conv_ms;
    bench_csv_row(f, &b, m);
    /* the baseline, the fastest candidate; set-up: the expansion (SSYRK: the
     * first systec_[ds]aat call) */
    b.paper_speedup = NAN;
    b.system = "libsystec-baseline";
    b.role = ROLE_BASELINE;
    b.variant = r->base_name;
    slot_times(&b, r, r->base);
    b.gbs = r->bytes_full > 0 ? r->gbs_full : NAN;
    b.setup_ms = r->exp_ms;
    bench_csv_row(f, &b, m);
    /* the other candidates and the reference point (the plain loop, or
     * SSYRK's whole call) */
    b.setup_ms = NAN;
    b.gbs = NAN;
    b.role = ROLE_REFERENCE;
    for (int s = 1; s < r->nslot; s++) {
        if (s == r->base) continue;
        const mat_variant_t *v = s == r->ref ? &op->mat->ref : &op->mat->base[s - 1];
        b.variant = variant_name(name, sizeof name, v->call, v->lib, !o->use_float);
        b.system = s == r->ref ? v->system : b.variant;
        slot_times(&b, r, s);
        bench_csv_row(f, &b, m);
    }
    if (op->mat->peers) peer_rows(f, b, op, r, o, m);
}
