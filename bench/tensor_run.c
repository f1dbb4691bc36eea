/* One tensor through one operation (tensor_run.h). */
#include "tensor_run.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "peers_ttm.h"
#include "rng.h"
#include "tensor_peer.h"
#include "tensor_rank.h"
#include "tensor_reference.h"
#include "timing.h"
#include "util.h"

#define TENSOR_SEED 0x5eed0003u /* systec_tns_random_symmetric */
#define B_SEED 0x5eed0004u      /* the factor matrix B */
/* The outputs are allocated: a tensor whose outputs would take more than
 * this is skipped (not a failure); LVGNA's human_Y2H1 (n = 9996) needs 32
 * GB for TTM at R = 16. */
#define OUT_LIMIT 8e9 /* bytes */

int ten_timed(const ten_row_t *r) { return r->status == RUN_OK || r->status == RUN_CHECK_FAIL; }

void ten_fmt_checked(char *buf, size_t len, const ten_row_t *r, const char *unit)
{
    if (r->checked < 0)
        snprintf(buf, len, "-");
    else if (r->checked == r->n)
        snprintf(buf, len, "all");
    else
        snprintf(buf, len, "%lld/%lld %s", (long long)r->checked, (long long)r->n, unit);
}

int ten_fail(ten_row_t *rows, int nr, int status, const char *fmt, ...)
{
    char msg[768];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    for (int q = 0; q < nr; q++) {
        rows[q].status = status;
        snprintf(rows[q].error, sizeof rows[q].error, "%s", msg);
    }
    return -1;
}

const char *ten_slot_name(char *buf, size_t size, const ten_ctx_t *k, int slot)
{
    const ten_variant_t *v = k->var[slot];
    return variant_name(buf, size, v->call, slot != k->peer, k->dbl);
}

/* "<call>: <status>: <last error>"; -1 */
static int call_failed(ten_row_t *rows, int nr, int status, const char *call, systec_status_t st)
{
    return ten_fail(rows, nr, status, "%s: %s: %s", call, systec_strerror(st), systec_last_error());
}

/* The data of one tensor: its lists, handles, and per rank B and the reference. */
typedef struct tensor {
    systec_tns_t T, F;
    systec_symten_t *A;
    systec_csften_t *C;
    void *in; /* the operation's own input (ten_input_t) */
    const ten_input_t *input;
    int order;
    int64_t n;
    double *Bd[INPUT_MAX_RANKS], *ref[INPUT_MAX_RANKS], *bound[INPUT_MAX_RANKS];
    void *Bk[INPUT_MAX_RANKS];
    int64_t *sel[INPUT_MAX_RANKS], *slot[INPUT_MAX_RANKS], nsel[INPUT_MAX_RANKS];
    double *Ad; /* the dense peer's tensor */
} tensor_t;

static void tensor_free(tensor_t *t)
{
    systec_tns_free(&t->T);
    systec_tns_free(&t->F);
    systec_symten_free(&t->A);
    systec_csften_free(&t->C);
    if (t->input) t->input->release(t->in);
    free(t->Ad);
    for (int q = 0; q < INPUT_MAX_RANKS; q++) {
        free(t->Bd[q]);
        free(t->Bk[q]);
        free(t->ref[q]);
        free(t->bound[q]);
        free(t->sel[q]);
        free(t->slot[q]);
    }
}

static void rows_init(const bench_op_t *op, const input_t *in, int dbl, ten_row_t *rows)
{
    for (int q = 0; q < in->nrank; q++) {
        ten_row_t *w = &rows[q];
        memset(w, 0, sizeof *w);
        w->in = in;
        w->q = q;
        w->R = in->rank[q];
        w->n = w->nnz = w->full_nnz = w->csf_nodes = w->checked = -1;
        w->load_s = w->create_s = w->expand_s = w->csf_s = w->input_s = NAN;
        w->rows_sym = w->rows_base = w->out_sym = w->out_base = -1;
        w->base = 1;
        w->exp = w->peer = -1;
        for (int s = 0; s < TEN_MAX_SLOTS; s++) w->t[s] = w->x[s] = series_none();
        w->spx = w->se = w->rse = series_none();
        w->anon_huge_kb = -1;
        w->peer_status =
            op->ten->dense_peer && dbl && ttm_peer_compiled() ? RUN_SKIPPED : PEER_NONE;
        w->peer_setup_s = NAN;
        w->ref_status = RUN_SKIPPED;
        for (int k = 0; k < REF_NKERNELS; k++) w->reft.t[k] = NAN;
        w->peer_inner = -1;
        w->peer_max_err = NAN;
    }
}

/* Read or generate (load_s), then the canonical handle (create_s). */
static int load(const bench_op_t *op, const input_t *in, int dbl, tensor_t *t, ten_row_t *rows)
{
    const int nr = in->nrank, only = op->ten->order;
    double t0 = now_s();
    const char *what = "systec_tns_random_symmetric";
    systec_status_t st;
    if (in->kind == IN_FILE) {
        int ssten = has_suffix(in->path, ".ssten");
        what = ssten ? "systec_ssten_read" : "systec_tns_read";
        st = ssten ? systec_ssten_read(in->path, &t->T) : systec_tns_read(in->path, &t->T);
    } else {
        st = systec_tns_random_symmetric(in->cfg.order, in->cfg.n, in->cfg.sp, TENSOR_SEED, &t->T);
    }
    const double load_s = now_s() - t0;
    for (int q = 0; q < nr; q++) rows[q].load_s = load_s;
    if (st != SYSTEC_SUCCESS) return call_failed(rows, nr, RUN_LOAD_ERROR, what, st);
    for (int q = 0; q < nr; q++) rows[q].order = t->T.order;
    if (only && t->T.order != only)
        return ten_fail(rows, nr, RUN_SKIPPED, "%s needs order %d", op->label, only);
    if (t->T.order < 2) /* not even a handle; MTTKRP needs two modes */
        return ten_fail(rows, nr, RUN_SKIPPED, "no %s kernel for order %d", op->label, t->T.order);
    t0 = now_s();
    st = systec_symten_create(&t->A, &t->T, SYSTEC_SYM_CANONICAL,
                              dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT);
    const double create_s = now_s() - t0;
    systec_tns_free(&t->T); /* the handle and its expansion have everything now */
    if (st != SYSTEC_SUCCESS)
        return call_failed(rows, nr, RUN_LOAD_ERROR, "systec_symten_create", st);
    int order = 0;
    int64_t nnz = 0, full_nnz = 0;
    systec_symten_info(t->A, &order, &t->n, &nnz, &full_nnz, NULL);
    t->order = order;
    for (int q = 0; q < nr; q++) {
        rows[q].create_s = create_s;
        rows[q].order = order;
        rows[q].n = t->n;
        rows[q].nnz = nnz;
        rows[q].full_nnz = full_nnz;
    }
    return 0;
}

/* A context of the tensor at rank R, for the shape's sizes. */
static ten_ctx_t size_ctx(const bench_op_t *op, const tensor_t *t, int dbl, int64_t R)
{
    ten_ctx_t k;
    memset(&k, 0, sizeof k);
    k.op = op, k.dbl = dbl, k.order = t->order, k.n = t->n, k.R = R, k.A = t->A, k.in = t->in;
    return k;
}

/* The outputs of each rank must fit (skipped ranks stay so); how many run. */
static int fit_outputs(const bench_op_t *op, const tensor_t *t, int dbl, ten_row_t *rows, int nr)
{
    const ten_op_t *o = op->ten;
    const double vs = dbl ? sizeof(double) : sizeof(float);
    int nbase = 0, nrun = 0;
    while (nbase < OP_MAX_BASE && o->base[nbase].run) nbase++;
    for (int q = 0; q < nr; q++) {
        const ten_ctx_t k = size_ctx(op, t, dbl, rows[q].R);
        /* the symmetric result, the baselines' and the expansion's */
        const double cells = (double)o->shape->sym_cells(&k) +
                             (double)(nbase + (o->exp.run != NULL)) * (double)o->shape->base_cells(&k);
        if (cells * vs <= OUT_LIMIT) {
            nrun++;
            continue;
        }
        rows[q].status = RUN_SKIPPED;
        snprintf(rows[q].error, sizeof rows[q].error, "the outputs need %.1f GB, over the "
                 "bench's %.0f GB limit", cells * vs * 1e-9, OUT_LIMIT * 1e-9);
    }
    return nrun;
}

/* Does this build have a kernel for the order? Asked with one rank-1 call
 * of the symmetric kernel, before the expansion is paid for. */
static int probe(const bench_op_t *op, const tensor_t *t, int dbl, ten_row_t *rows, int nr)
{
    const int64_t n = t->n;
    const size_t vs = dbl ? sizeof(double) : sizeof(float);
    ten_ctx_t k = size_ctx(op, t, dbl, 1);
    const int64_t cells = op->ten->shape->sym_cells(&k);
    void *b1 = xalloc_aligned((size_t)(n > 0 ? n : 1) * vs);
    memset(b1, 0, (size_t)(n > 0 ? n : 1) * vs);
    k.B = b1;
    k.out[SLOT_SYM] = xalloc_aligned((size_t)(cells > 0 ? cells : 1) * vs);
    k.var[SLOT_SYM] = &op->ten->sym;
    systec_status_t st = op->ten->sym.run(&k, SLOT_SYM);
    free(b1);
    free(k.out[SLOT_SYM]);
    if (st == SYSTEC_ERR_UNSUPPORTED)
        return ten_fail(rows, nr, RUN_SKIPPED, "no %s kernel for order %d", op->label,
                        rows[0].order);
    if (st == SYSTEC_SUCCESS) return 0;
    char name[64];
    return call_failed(rows, nr, RUN_KERNEL_ERROR, ten_slot_name(name, sizeof name, &k, SLOT_SYM),
                       st);
}

/* The baselines' input: the full tensor (kept for the references), then
 * its CSF (expand+csf); their entry counts must agree with the handle's. */
/* The full tensor (once, for the baselines, the references and an
 * operation's own input). */
static int expand_once(tensor_t *t, ten_row_t *rows, int nr)
{
    if (t->F.ind || rows[0].full_nnz == 0) return 0;
    double c0 = now_s();
    systec_status_t st = systec_symten_expand(t->A, &t->F);
    const double expand_s = now_s() - c0;
    if (st != SYSTEC_SUCCESS)
        return call_failed(rows, nr, RUN_LOAD_ERROR, "systec_symten_expand", st);
    for (int q = 0; q < nr; q++) rows[q].expand_s = expand_s;
    return 0;
}

/* The operation's own input (ten_input_t), from the handle and the full list. */
static int op_input(const bench_op_t *op, tensor_t *t, int dbl, ten_row_t *rows, int nr)
{
    const ten_input_t *in = op->ten->input;
    if (!in) return 0;
    if (expand_once(t, rows, nr)) return -1;
    systec_status_t st = SYSTEC_SUCCESS;
    const char *what = "";
    double c0 = now_s();
    t->in = in->make(t->A, &t->F, dbl, &st, &what);
    t->input = in;
    const double input_s = now_s() - c0;
    if (st == SYSTEC_ERR_UNSUPPORTED) /* as for the kernels: an order it has none for */
        return ten_fail(rows, nr, RUN_SKIPPED, "no %s kernel for order %d", op->label,
                        rows[0].order);
    if (st != SYSTEC_SUCCESS) return call_failed(rows, nr, RUN_LOAD_ERROR, what, st);
    for (int q = 0; q < nr; q++) {
        const ten_ctx_t k = size_ctx(op, t, dbl, 1);
        rows[q].input_s = input_s;
        rows[q].rows_sym = op->ten->shape->sym_cells(&k);
        rows[q].rows_base = op->ten->shape->base_cells(&k);
    }
    return 0;
}

static int baseline_input(const bench_op_t *op, tensor_t *t, int dbl, ten_row_t *rows, int nr)
{
    if (expand_once(t, rows, nr)) return -1;
    double c0 = now_s();
    systec_status_t st = SYSTEC_SUCCESS;
    if (!op->ten->list_baseline)
        st = systec_csften_create(&t->C, &t->F, dbl ? SYSTEC_DOUBLE : SYSTEC_FLOAT);
    const double csf_s = op->ten->list_baseline ? 0.0 : now_s() - c0;
    if (st != SYSTEC_SUCCESS)
        return call_failed(rows, nr, RUN_LOAD_ERROR, "systec_csften_create", st);
    int64_t csf_nnz = t->F.nnz, nodes = -1;
    if (t->C) systec_csften_info(t->C, NULL, NULL, &csf_nnz, &nodes);
    for (int q = 0; q < nr; q++) {
        rows[q].csf_s = csf_s;
        rows[q].csf_nodes = nodes;
    }
    const int64_t full_nnz = rows[0].full_nnz;
    if (t->F.nnz == full_nnz && csf_nnz == full_nnz) return 0;
    return ten_fail(rows, nr, RUN_CHECK_FAIL,
                    "full tensor sizes disagree: handle %lld, expansion %lld, CSF %lld entries",
                    (long long)full_nnz, (long long)t->F.nnz, (long long)csf_nnz);
}

/* Rank q's B (the same values for the kernels and the reference, uniform
 * in [0.5, 1.5)) and its reference, while the full list exists. */
static void rank_data(const bench_op_t *op, tensor_t *t, int q, int64_t R, int dbl)
{
    const int64_t n = t->n, cells = n * R;
    const ten_ctx_t k = size_ctx(op, t, dbl, R);
    const ten_shape_t *sh = op->ten->shape;
    const size_t m = (size_t)(cells > 0 ? cells : 1);
    t->Bd[q] = xmalloc(m * sizeof(double));
    t->Bk[q] = xalloc_aligned(m * (dbl ? sizeof(double) : sizeof(float)));
    uint64_t seed = B_SEED;
    for (int64_t e = 0; e < cells; e++) {
        double v = 0.5 + rng_u01(&seed);
        if (dbl)
            ((double *)t->Bk[q])[e] = v;
        else
            ((float *)t->Bk[q])[e] = (float)v;
        t->Bd[q][e] = dbl ? v : (double)(float)v;
    }
    t->sel[q] = xmalloc(sizeof(int64_t) * (size_t)(n + 1));
    t->slot[q] = xmalloc(sizeof(int64_t) * (size_t)(n + 1));
    /* a slice: one element of the output's first mode (n of them), or the
     * whole output as one */
    const int64_t slice = sh->slice_cells(&k);
    if (sh->sliced) {
        t->nsel[q] = ref_slices(n, slice, t->sel[q], t->slot[q]);
    } else {
        t->nsel[q] = 1;
        t->sel[q][0] = 0;
    }
    const size_t rc = (size_t)(t->nsel[q] * slice > 0 ? t->nsel[q] * slice : 1);
    t->ref[q] = xmalloc(rc * sizeof(double));
    t->bound[q] = xmalloc(rc * sizeof(double));
    op->ten->reference(&t->F, R, t->Bd[q], t->slot[q], t->nsel[q], t->ref[q], t->bound[q]);
}

/* Everything up to the timing: 0, or -1 with the rows' outcome set. */
static int prepare(const bench_op_t *op, const input_t *in, const bench_options_t *o, int dbl,
                   tensor_t *t, ten_row_t *rows)
{
    const int nr = in->nrank, only = op->ten->order;
    if (in->dir_error) return ten_fail(rows, nr, RUN_LOAD_ERROR, "%s", in->dir_error);
    if (only && in->kind != IN_FILE && in->cfg.order != only) { /* not worth generating */
        for (int q = 0; q < nr; q++) rows[q].order = in->cfg.order;
        return ten_fail(rows, nr, RUN_SKIPPED, "%s needs order %d", op->label, only);
    }
    if (load(op, in, dbl, t, rows) || op_input(op, t, dbl, rows, nr) ||
        !fit_outputs(op, t, dbl, rows, nr) || probe(op, t, dbl, rows, nr) ||
        baseline_input(op, t, dbl, rows, nr))
        return -1;
    for (int q = 0; q < nr; q++)
        if (rows[q].status != RUN_SKIPPED) rank_data(op, t, q, rows[q].R, dbl);
    if (op->ten->dense_peer && dbl && ttm_peer_compiled())
        t->Ad = tensor_peer_prepare(&t->F, t->n, rows, nr);
    if (o->reference) ref_program_rows(o->reference, &t->F, rows, nr);
    if (!op->ten->list_baseline) systec_tns_free(&t->F); /* not needed while timing */
    return 0;
}

void tensor_run_one(const bench_op_t *op, const input_t *in, const bench_options_t *o,
                    ten_row_t *rows)
{
    const int dbl = !o->use_float;
    tensor_t t;
    memset(&t, 0, sizeof t);
    rows_init(op, in, dbl, rows);
    if (prepare(op, in, o, dbl, &t, rows) == 0)
        for (int q = 0; q < in->nrank; q++) {
            if (rows[q].status == RUN_SKIPPED) continue;
            ten_ctx_t k;
            memset(&k, 0, sizeof k);
            k = size_ctx(op, &t, dbl, rows[q].R);
            k.F = t.C, k.L = &t.F, k.B = t.Bk[q];
            k.Ad = rows[q].peer_status == RUN_OK ? t.Ad : NULL;
            ten_ref_t ref = {t.ref[q], t.bound[q], t.sel[q], t.nsel[q]};
            tensor_run_rank(&k, o, &ref, &rows[q]);
        }
    tensor_free(&t);
}
