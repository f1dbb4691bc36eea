/* One tensor at one rank (tensor_rank.h). */
#include "tensor_rank.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "machine.h"
#include "tensor_scaling.h"
#include "timing.h"
#include "util.h"

static double sample(void *ctx, int s, long inner)
{
    ten_ctx_t *k = ctx;
    systec_status_t (*run)(const ten_ctx_t *, int) = k->var[s]->run;
    systec_status_t st = SYSTEC_SUCCESS, e;
    double t0 = now_s();
    for (long c = 0; c < inner; c++)
        if ((e = run(k, s)) != SYSTEC_SUCCESS) st = e;
    double t = now_s() - t0;
    call_error_note(&k->err, st, s);
    return t / (double)inner;
}

/* Seconds for `inner` calls of the symmetric kernel and of each baseline
 * candidate, the shortest (the count is shared); negative after a kernel
 * error (the caller reports it). */
static double time_kernels(void *ctx, long inner)
{
    ten_ctx_t *k = ctx;
    double best = INFINITY;
    for (int s = 0; s <= k->nbase; s++) best = fmin(best, sample(k, s, inner) * (double)inner);
    return k->err.st != SYSTEC_SUCCESS ? -1.0 : best;
}

/* The peer gets its own calls per sample, by the same rule: a dense
 * product costs far more than the sparse kernels (a dgemm at n = 500,
 * R = 500 takes a second or more). */
static double time_peer(void *ctx, long inner)
{
    ten_ctx_t *k = ctx;
    return sample(k, k->peer, inner) * (double)inner;
}

static int failed(void *ctx) { return ((ten_ctx_t *)ctx)->err.st != SYSTEC_SUCCESS; }

/* elements of the symmetric result and of the others (ops.h's ten_shape_t) */
static int64_t cells_sym(const ten_ctx_t *k) { return k->op->ten->shape->sym_cells(k); }
static int64_t cells_full(const ten_ctx_t *k) { return k->op->ten->shape->base_cells(k); }

static double out_at(const ten_ctx_t *k, int s, int64_t q)
{
    if (s == k->peer || k->dbl) return ((const double *)k->out[s])[q];
    return (double)((const float *)k->out[s])[q];
}

/* element q of slice j of the full result, as slot s holds it */
static double full_at(const ten_ctx_t *k, int s, int64_t j, int64_t q)
{
    const ten_shape_t *sh = k->op->ten->shape;
    if (sh->at && s != k->peer) return sh->at(k, s, j, q);
    return out_at(k, s, j * sh->slice_cells(k) + q);
}

/* The slots and their outputs, NaN-filled (an element a call never writes
 * fails the check). The peer's output may not fit: then no peer. */
static void slots_make(ten_ctx_t *k, ten_row_t *row)
{
    const ten_op_t *t = k->op->ten;
    const int64_t cs = cells_sym(k), cb = cells_full(k);
    const size_t vs = k->dbl ? sizeof(double) : sizeof(float);
    k->var[k->nslot++] = &t->sym;
    for (int b = 0; b < OP_MAX_BASE && t->base[b].run; b++) k->var[k->nslot++] = &t->base[b];
    k->nbase = k->nslot - 1;
    k->exp = k->peer = -1;
    if (t->exp.run) k->var[k->exp = k->nslot++] = &t->exp;
    void *p = NULL;
    if (k->Ad && (posix_memalign(&p, 64, (size_t)(cb > 0 ? cb : 1) * sizeof(double)) != 0 || !p)) {
        k->Ad = NULL;
        row->peer_status = RUN_KERNEL_ERROR;
        snprintf(row->peer_note, sizeof row->peer_note, "cannot allocate its output (%.2f GB)",
                 (double)cb * sizeof(double) * 1e-9);
    }
    if (k->Ad) {
        k->var[k->peer = k->nslot++] = t->dense_peer;
        k->out[k->peer] = p;
    }
    for (int s = 0; s < k->nslot; s++) {
        const int64_t c = s == SLOT_SYM ? cs : cb;
        if (s != k->peer) k->out[s] = xalloc_aligned((size_t)(c > 0 ? c : 1) * vs);
        for (int64_t q = 0; q < c; q++)
            if (s == k->peer || k->dbl)
                ((double *)k->out[s])[q] = NAN;
            else
                ((float *)k->out[s])[q] = NAN;
    }
    row->nslot = k->nslot, row->nbase = k->nbase, row->exp = k->exp, row->peer = k->peer;
    row->out_sym = cs, row->out_base = cb;
}

/* The rounds; their statistics into row. The first round runs the
 * symmetric kernel first, so every expansion reads a finished symmetric
 * result. The cycle rotates, so each slot always follows the same one: the
 * peer goes between the baselines and the expansion, so that the symmetric
 * kernel still follows the expansion and the baseline the symmetric kernel,
 * as without the peer (its dgemm streams the dense tensor and evicts the
 * caches). */
static int time_slots(ten_ctx_t *k, const bench_options_t *o, ten_row_t *row)
{
    long inner[TEN_MAX_SLOTS];
    row->inner = calls_per_sample(time_kernels, k);
    for (int s = 0; s < k->nslot; s++) inner[s] = row->inner;
    row->peer_inner = -1;
    if (k->peer >= 0)
        inner[k->peer] = row->peer_inner = failed(k) ? 0 : calls_per_sample(time_peer, k);
    int cycle[TEN_MAX_SLOTS], nc = 0;
    for (int s = 0; s <= k->nbase; s++) cycle[nc++] = s;
    if (k->peer >= 0) cycle[nc++] = k->peer;
    if (k->exp >= 0) cycle[nc++] = k->exp;
    const int R = o->reps, w = k->nslot;
    double *t = xmalloc(sizeof *t * (size_t)R * (size_t)w);
    rounds_t p = {w, cycle, inner, R, o->warmup, sample, k, failed, &row->anon_huge_kb};
    rounds_run(&p, t);
    if (!failed(k)) {
        for (int s = 0; s < w; s++) {
            row->t[s] = series_col(t, R, w, s);
            row->x[s] = series_ratio(t, R, w, s, SLOT_SYM);
            if (s >= 1 && s <= k->nbase && row->t[s].med < row->t[row->base].med) row->base = s;
        }
        if (k->exp >= 0) { /* with the expansion a user who wants both halves pays */
            double *v = xmalloc(sizeof *v * (size_t)R * 3);
            for (int r = 0; r < R; r++) {
                const double *tr = t + (size_t)r * (size_t)w, se = tr[0] + tr[k->exp];
                v[r] = tr[row->base] / se, v[R + r] = se, v[2 * R + r] = se / tr[row->base];
            }
            row->spx = series_of(v, R), row->se = series_of(v + R, R);
            row->rse = series_of(v + 2 * R, R);
            free(v);
        }
        ten_slot_name(row->base_name, sizeof row->base_name, k, row->base);
    }
    free(t);
    return failed(k) ? -1 : 0;
}

/* the symmetric result (as expanded, where the operation has an expansion)
 * and the baselines' against the reference on the checked slices; q
 * indexes the reference */
static void check_kernels(const ten_ctx_t *k, const ten_ref_t *f, ten_row_t *row)
{
    const ten_shape_t *sh = k->op->ten->shape;
    const int S = k->exp >= 0 ? k->exp : SLOT_SYM;
    const int64_t n = k->n, slice = sh->slice_cells(k), cells = f->nsel * slice;
    check_t c = {k->dbl ? TOL_DOUBLE : TOL_FLOAT, 0, -1, 0.0};
    int64_t first_j = -1, first_e = -1;
    for (int64_t q = 0; q < cells; q++) {
        const int64_t j = f->sel[q / slice], e = q % slice;
        double b[OP_MAX_BASE];
        for (int s = 1; s <= k->nbase; s++) b[s - 1] = full_at(k, s, j, e);
        if (check_results(&c, q, full_at(k, S, j, e), b, k->nbase, NULL, 0, f->ref[q],
                          f->bound[q]) &&
            first_j < 0)
            first_j = j, first_e = e;
    }
    row->max_err = c.max_err;
    row->nbad = c.nbad;
    row->checked = sh->sliced ? f->nsel : -1;
    if (!c.nbad) return;
    const int64_t q = c.first;
    ten_fail(row, 1, RUN_CHECK_FAIL,
             "results disagree in %lld of %lld %selements (tolerance %.0e * bound); "
             "first: element %lld of %s %lld: sym%s %.17g, base %.17g, reference %.17g, "
             "bound %.3g",
             (long long)c.nbad, (long long)cells, sh->sliced && f->nsel < n ? "checked " : "",
             c.tol, (long long)first_e, sh->sliced ? "slice" : "the output", (long long)first_j,
             k->exp >= 0 ? " (expanded)" : "", full_at(k, S, first_j, first_e),
             full_at(k, row->base, first_j, first_e), f->ref[q], f->bound[q]);
}

/* the peer's last result against the same reference, on the same
 * j-slices, within the same tolerance (it runs in double only) */
static void check_peer(const ten_ctx_t *k, const ten_ref_t *f, ten_row_t *row)
{
    const int64_t n = k->n, slice = n * k->R, cells = f->nsel * slice;
    check_t c = {TOL_DOUBLE, 0, -1, 0.0};
    int64_t first_q = -1;
    for (int64_t q = 0; q < cells; q++) {
        const int64_t qo = f->sel[q / slice] * slice + q % slice;
        const double d = absdiff(out_at(k, k->peer, qo), f->ref[q]);
        if (check_elem(&c, q, &d, 1, 1, f->bound[q]) && first_q < 0) first_q = qo;
    }
    row->peer_max_err = c.max_err;
    if (!c.nbad) return;
    const int64_t R1 = k->R, q = c.first;
    row->peer_status = RUN_CHECK_FAIL;
    snprintf(row->peer_note, sizeof row->peer_note,
             "results disagree in %lld of %lld %selements (tolerance %.0e * bound); "
             "first F[%lld,%lld,%lld]: dgemm %.17g, reference %.17g, bound %.3g",
             (long long)c.nbad, (long long)cells, f->nsel < n ? "checked " : "", TOL_DOUBLE,
             (long long)(first_q / slice), (long long)(first_q / R1 % n),
             (long long)(first_q % R1), out_at(k, k->peer, first_q), f->ref[q], f->bound[q]);
}

void tensor_run_rank(ten_ctx_t *k, const bench_options_t *o, const ten_ref_t *ref, ten_row_t *row)
{
    slots_make(k, row);
    if (time_slots(k, o, row) == 0) {
        tensor_scaling(k, o, row);
        check_kernels(k, ref, row);
        if (k->peer >= 0) check_peer(k, ref, row);
    } else {
        char name[64];
        ten_slot_name(name, sizeof name, k, k->err.slot);
        ten_fail(row, 1, RUN_KERNEL_ERROR, "%s returned %s: %s", name,
                 systec_strerror(k->err.st), k->err.detail);
        if (k->peer >= 0) {
            row->peer_status = RUN_SKIPPED;
            snprintf(row->peer_note, sizeof row->peer_note, "not timed: %s failed", name);
        }
    }
    for (int s = 0; s < k->nslot; s++) {
        free(k->out[s]);
        k->out[s] = NULL;
    }
}
